"""Tests for the format readers: each supported format from a real file, and each kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from discourse.corpus.readers import check_size, decode_text, detect_format, read_document
from discourse.errors import InputError
from tests.conftest import run_measuring_peak_rss

MAX = 10 * 2**20


def read_file(path: Path, max_bytes: int = MAX):
    return read_document(path, path.read_bytes(), max_bytes)


def expect_error(path: Path, *fragments: str, max_bytes: int = MAX) -> InputError:
    """read_document must raise InputError naming the file and giving each fragment of the reason."""
    with pytest.raises(InputError) as info:
        read_file(path, max_bytes)
    error = info.value
    assert str(path) in str(error)
    assert error.path == str(path)
    for fragment in fragments:
        assert fragment in error.reason, f"{fragment!r} not in {error.reason!r}"
    return error


# --- builders -----------------------------------------------------------------------------------


def make_pdf(path: Path, text: str | None) -> Path:
    """A one-page PDF from matplotlib: with `text` a real text layer (TrueType, Type 42), else only a shape."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(4, 3))
        try:
            if text is not None:
                fig.text(0.1, 0.5, text, fontsize=12)
            else:
                fig.patches.append(Rectangle((0.2, 0.2), 0.5, 0.5, transform=fig.transFigure, figure=fig,
                                             facecolor="black"))
            fig.savefig(path, format="pdf")
        finally:
            plt.close(fig)
    return path


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Annual Report on Regional Security", style="Title")
    document.add_paragraph("Introduction", style="Heading 1")
    document.add_paragraph("The region has seen a decade of dialogue between its states.")
    document.add_paragraph("Confidence-building measures were agreed.", style="List Bullet")
    document.add_paragraph("Method", style="Heading 2")
    document.add_paragraph("Speeches were read in full.")
    document.core_properties.title = "Regional Security Report"
    document.core_properties.author = "A. Writer"
    document.core_properties.created = dt.datetime(2022, 3, 14, 9, 30)
    document.save(path)
    return path


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Peace and Security | Example News</title>
<meta name="author" content="Jane Doe">
<meta property="og:title" content="Peace and Security in South Asia">
<meta name="date" content="2021-05-04">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/about">About us</a></nav>
<article>
<h1>Peace and Security in South Asia</h1>
<p>The General Assembly met today to discuss the question of regional peace and security in South Asia,
with many delegations speaking at length about dialogue and mutual restraint.</p>
<h2>Background</h2>
<p>Delegates recalled the long history of the dispute and called for dialogue between the parties,
stressing the role of the United Nations in any settlement that might be reached.</p>
</article>
<footer>Copyright 2021 Example News. All rights reserved. Cookie settings.</footer>
</body></html>
"""


# --- supported formats --------------------------------------------------------------------------


def test_txt_is_read_as_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_text("Mr. President,\n\nPeace is the aim — of all of us.\n", encoding="utf-8")
    result = read_file(path)
    assert result.format == "txt"
    assert result.text == "Mr. President,\n\nPeace is the aim — of all of us.\n"
    assert (result.title, result.author, result.date) == (None, None, None)


def test_txt_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHello world")
    assert read_file(path).text == "Hello world"


def test_md_keeps_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Title\n\n## Part one\n\nSome text.\n\n- an item\n", encoding="utf-8")
    result = read_file(path)
    assert result.format == "md"
    assert result.text.splitlines()[0] == "# Title"
    assert "## Part one" in result.text and "- an item" in result.text


def test_html_keeps_main_text_and_headings_and_reads_meta(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    result = read_file(path)
    assert result.format == "html"
    lines = result.text.splitlines()
    assert "# Peace and Security in South Asia" in lines
    assert "## Background" in lines
    assert "regional peace and security in South Asia" in result.text
    assert "role of the United Nations" in result.text
    # boilerplate around the article is dropped
    assert "Cookie settings" not in result.text
    assert "About us" not in result.text
    assert result.title == "Peace and Security in South Asia"
    assert result.author == "Jane Doe"
    assert result.date == "2021-05-04"


def test_docx_headings_lists_and_core_properties(tmp_path: Path) -> None:
    result = read_file(make_docx(tmp_path / "report.docx"))
    assert result.format == "docx"
    blocks = result.text.split("\n\n")
    assert blocks == [
        "# Annual Report on Regional Security",
        "## Introduction",
        "The region has seen a decade of dialogue between its states.",
        "- Confidence-building measures were agreed.",
        "### Method",
        "Speeches were read in full.",
    ]
    assert result.title == "Regional Security Report"
    assert result.author == "A. Writer"
    assert result.date == "2022-03-14"


def test_pdf_with_text_layer_is_extracted(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "paper.pdf", "Sovereignty and dialogue in South Asia")
    result = read_file(path)
    assert result.format == "pdf"
    assert "Sovereignty and dialogue in South Asia" in result.text


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scan.pdf", None)
    assert path.read_bytes().startswith(b"%PDF-")
    error = expect_error(path, "no text layer")
    assert "scan.pdf" in str(error)


# --- bad inputs ---------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    expect_error(path, "file is empty")


def test_whitespace_only_file_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    expect_error(path, "no text found")


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    expect_error(path, "binary")


def test_undecodable_bytes_name_utf8_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9 au lait")
    error = expect_error(path, "UTF-8", "offset 3")
    assert "convert the file" in error.reason


def test_undecodable_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>Caf\xe9</p></body></html>")
    expect_error(path, "UTF-8", "offset 18")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_text("{\\rtf1 Hello}", encoding="utf-8")
    error = expect_error(path, "unsupported file type '.rtf'")
    assert ".docx" in error.reason and ".pdf" in error.reason  # says what is supported


def test_missing_extension(tmp_path: Path) -> None:
    path = tmp_path / "NOTES"
    path.write_text("text", encoding="utf-8")
    expect_error(path, "unsupported file type '(none)'")


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    assert detect_format(tmp_path / "A.TXT") == "txt"
    assert detect_format(tmp_path / "b.HTM") == "html"
    assert detect_format(tmp_path / "c.Markdown") == "md"


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    expect_error(path, "over the limit", "max_file_mb", max_bytes=100)


def test_size_limit_is_inclusive() -> None:
    check_size("ok.txt", 100, 100)  # exactly at the limit is allowed
    with pytest.raises(InputError, match=r"^big\.txt: .*over the limit"):
        check_size("big.txt", 101, 100)


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("This is plain text with a .pdf name.", encoding="utf-8")
    expect_error(path, "not a PDF file")


def test_pdf_with_header_but_garbage(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a real pdf body\n")
    expect_error(path, "PDF could not be parsed")


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", "Some text").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    expect_error(path, "PDF could not be parsed")


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("Plain text pretending to be Word.", encoding="utf-8")
    expect_error(path, "not a DOCX file", "zip")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    expect_error(path, "DOCX could not be read")


def test_docx_with_damaged_xml(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    path = tmp_path / "damaged.docx"
    path.write_bytes(damaged.getvalue())
    expect_error(path, "DOCX could not be read")


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    expect_error(path, "no main text")


def test_decode_text_prefers_binary_verdict_over_utf8() -> None:
    # NUL bytes mean binary even when the rest would decode
    with pytest.raises(InputError, match="binary"):
        decode_text(b"abc\x00def", "x.txt")
    assert decode_text("naïve\tcafé\r\n".encode(), "x.txt") == "naïve\tcafé\r\n"  # tab/CR/LF are text


def test_size_limit_message_is_readable_for_small_limits(tmp_path):
    from discourse.corpus.readers import check_size

    with pytest.raises(InputError) as error:
        check_size(tmp_path / "big.txt", 1000, 104)
    assert "file is 1,000 bytes, over the limit of 104 bytes" in str(error.value)


def test_docx_from_blank_template_has_no_invented_date(tmp_path):
    import docx

    path = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Pakistan and Russia signed an agreement.")
    document.save(path)
    assert read_document(path, path.read_bytes(), 2**20).date is None


def test_a_nul_byte_past_the_first_64_kib_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"Pakistan and Russia. " * 5000 + b"\x00\x01tail")
    expect_error(path, "binary", f"offset {21 * 5000}")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_utf16_or_utf32_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    text = "Pakistan and Russia signed an agreement in Moscow."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_file(path).text == text


def test_a_utf16_file_that_breaks_off_is_named_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("Pakistan".encode("utf-16") + b"\x00\xd8")  # a lone surrogate at the end
    expect_error(path, "UTF-16", "byte order mark")


def inflating_docx(path: Path, inflated_mb: int) -> Path:
    """A valid .docx whose document.xml unpacks to about `inflated_mb` MiB of small paragraphs (a zip bomb)."""
    make_docx(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    paragraph = b"<w:p><w:r><w:t>Pakistan and Russia met.</w:t></w:r></w:p>"
    body = parts["word/document.xml"]
    start = body.index(b"<w:body>") + len(b"<w:body>")
    padding = paragraph * (inflated_mb * 2**20 // len(paragraph))
    parts["word/document.xml"] = body[:start] + padding + body[start:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = inflating_docx(tmp_path / "bomb.docx", 3)
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as error:
        read_document(path, path.read_bytes(), MAX, max_inflated_bytes=2 * 2**20)
    assert error.value.path == str(path)
    for fragment in ("unpack to 3.", "over the limit of 2.0 MiB", "ingest.max_inflated_mb", "zip bomb"):
        assert fragment in error.value.reason


def test_the_limit_counts_every_part_of_the_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "report.docx")
    with zipfile.ZipFile(path) as archive:
        inflated = sum(info.file_size for info in archive.infolist())
    assert "Annual Report" in read_document(path, path.read_bytes(), MAX, max_inflated_bytes=inflated).text
    with pytest.raises(InputError, match="ingest.max_inflated_mb"):
        read_document(path, path.read_bytes(), MAX, max_inflated_bytes=inflated - 1)


def test_a_docx_bomb_is_refused_in_bounded_memory_under_the_default_limit(tmp_path: Path) -> None:
    """Peak RSS of a fresh process reading a .docx that unpacks to 200 MiB (its parse would take gigabytes)."""
    path = inflating_docx(tmp_path / "bomb.docx", 200)
    script = ("import sys\n"
              "from discourse.corpus.readers import read_document\n"
              "from discourse.errors import InputError\n"
              "path = sys.argv[1]\n"
              "try:\n"
              "    read_document(path, open(path, 'rb').read(), 50 * 2**20)\n"
              "except InputError as error:\n"
              "    print('refused:', error.reason)\n")
    run, peak_mb = run_measuring_peak_rss(script, str(path))
    assert "refused:" in run.stdout and "ingest.max_inflated_mb" in run.stdout, run.stdout + run.stderr
    assert peak_mb < 500


def encrypted_pdf() -> bytes:
    """A one-page PDF protected by a password (standard security handler, revision 2): its /U entry matches
    no empty user password, so a reader without the password cannot open it."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objects) + 1) + b"ab" * 16 + b"> <"
            + b"ab" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out


def test_a_password_protected_pdf_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    expect_error(path, "password-protected")


def bare_docx(path: Path) -> Path:
    """`make_docx`'s document without its core properties part (title, author, dates), as some writers save it."""
    source = make_docx(path.with_name(f".full-{path.name}"))
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "docProps/core.xml":
                continue
            if info.filename == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*Target="docProps/core.xml"/>', b"", data)
            target.writestr(info.filename, data)
    source.unlink()
    return path


def test_a_docx_without_core_properties_has_no_made_up_title(tmp_path: Path) -> None:
    path = bare_docx(tmp_path / "bare.docx")
    read = read_file(path)
    assert (read.title, read.author, read.date) == (None, None, None)
    assert "Annual Report on Regional Security" in read.text
