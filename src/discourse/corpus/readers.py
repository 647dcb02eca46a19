"""Readers for the formats a user can add: txt, md, html, pdf, docx.

Each reader returns light Markdown (blocks separated by blank lines, `#` headings where the
source marks them) so that one segmenter handles every format.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from discourse.errors import InputError

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".pdf": "pdf", ".docx": "docx"}
# Text formats may not contain NUL or most C0 control bytes; their presence means a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class ReadResult:
    """What a reader found: the text as light Markdown, and metadata the file itself declares."""

    text: str
    format: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}'; supported: "
                               + ", ".join(sorted(set(FORMATS))))
    return FORMATS[suffix]


def check_size(path: str | Path, size: int, max_bytes: int) -> None:
    if size == 0:
        raise InputError(path, "file is empty")
    if size > max_bytes:
        raise InputError(path, f"file is {_human_size(size)}, over the limit of {_human_size(max_bytes)} "
                               "(ingest.max_file_mb in the config)")


def _human_size(size: int) -> str:
    return f"{size:,} bytes" if size < 2**20 else f"{size / 2**20:.1f} MiB"


# byte order marks of the encodings recognised besides UTF-8 (UTF-32 first: its little-endian mark starts with
# UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, path: str | Path) -> str:
    """UTF-8 (with or without BOM), or UTF-16/32 with a BOM; binary content anywhere in the file and
    undecodable bytes are errors, not guesses."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(path, f"bytes at offset {error.start} are not valid {encoding.upper()} "
                                   f"({error.reason}), though the file starts with its byte order mark") from None
        binary = _BINARY_CHARACTERS.search(text)
        if binary:
            raise InputError(path, f"file looks binary (a NUL or control character at character {binary.start()}), "
                                   "not text")
        return text
    binary = _BINARY_BYTES.search(data)
    if binary:
        raise InputError(path, f"file looks binary (a NUL or control byte at offset {binary.start()}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"bytes at offset {error.start} are not valid UTF-8 ({error.reason}); "
                               "convert the file to UTF-8") from None


DEFAULT_MAX_INFLATED_BYTES = 100 * 2**20  # the schema's ingest.max_inflated_mb


def read_document(path: str | Path, data: bytes, max_bytes: int,
                  max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES) -> ReadResult:
    """Read one file's bytes according to its extension; raise InputError naming the file and reason.
    `max_inflated_bytes` bounds what a compressed container (.docx) may unpack to."""
    fmt = detect_format(path)
    check_size(path, len(data), max_bytes)
    reader = {"txt": _read_plain, "md": _read_plain, "html": _read_html, "pdf": _read_pdf,
              "docx": lambda *args: _read_docx(*args, max_inflated_bytes)}[fmt]
    result = reader(path, data, fmt)
    if not result.text.strip():
        raise InputError(path, "no text found in the file")
    return result


def _read_plain(path: str | Path, data: bytes, fmt: str) -> ReadResult:
    return ReadResult(decode_text(data, path), fmt)


def _read_html(path: str | Path, data: bytes, fmt: str) -> ReadResult:
    import trafilatura

    html = decode_text(data, path)
    text = trafilatura.extract(html, output_format="markdown", include_formatting=True, include_tables=False,
                               include_comments=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError(path, "no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    return ReadResult(text, fmt, title=getattr(meta, "title", None), author=getattr(meta, "author", None),
                      date=getattr(meta, "date", None))


def _read_pdf(path: str | Path, data: bytes, fmt: str) -> ReadResult:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError  # also PDFPasswordIncorrect, whose message is empty
    from pdfminer.psparser import PSException  # base of PDFSyntaxError, PSEOF (truncated file), encryption errors

    if not data.startswith(b"%PDF-"):
        raise InputError(path, "not a PDF file (no %PDF- header)")
    try:
        text = extract_text(io.BytesIO(data))
    except PDFEncryptionError:
        raise InputError(path, "PDF is password-protected or encrypted; save an unprotected copy and add that") from None
    except (PSException, ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"PDF could not be parsed: {error or type(error).__name__}") from None
    if not text.strip():
        raise InputError(path, "PDF has no text layer (a scanned image?); run OCR on it first")
    return ReadResult(text, fmt)


def check_inflated_size(path: str | Path, archive: zipfile.ZipFile, max_inflated_bytes: int) -> None:
    """Refuse a zip container whose members unpack to more than the limit, before anything is unpacked (zipfile
    never returns more than a member's declared size, so the declared sizes bound what is read)."""
    inflated = sum(info.file_size for info in archive.infolist())
    if inflated > max_inflated_bytes:
        raise InputError(path, f"its parts unpack to {_human_size(inflated)}, over the limit of "
                               f"{_human_size(max_inflated_bytes)} (ingest.max_inflated_mb): a zip bomb, or a document "
                               "too large to parse in memory")


def _read_docx(path: str | Path, data: bytes, fmt: str, max_inflated_bytes: int) -> ReadResult:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "not a DOCX file (not a zip container)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_inflated_size(path, archive, max_inflated_bytes)
    except zipfile.BadZipFile as error:
        raise InputError(path, f"DOCX could not be read: {error}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError) as error:  # LxmlError: damaged XML part
        raise InputError(path, f"DOCX could not be read: {error}") from None
    blocks = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = re.match(r"Heading (\d)", style)
        if style == "Title":
            blocks.append(f"# {text}")
        elif heading:
            blocks.append("#" * (int(heading.group(1)) + 1) + " " + text)
        elif style.startswith("List"):
            blocks.append(f"- {text}")
        else:
            blocks.append(text)
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in document.part.package.rels.values()):
        # python-docx makes up core properties where a file has none (title "Word Document")
        return ReadResult("\n\n".join(blocks), fmt)
    props = document.core_properties
    return ReadResult("\n\n".join(blocks), fmt, title=props.title or None, author=props.author or None,
                      date=_docx_date(props.created))


# python-docx's blank template carries this creation time; a document made from it has no real date
_DOCX_TEMPLATE_CREATED = "2013-12-23T23:15:00"


def _docx_date(created) -> str | None:
    if created is None or created.replace(tzinfo=None).isoformat() == _DOCX_TEMPLATE_CREATED:
        return None
    return created.date().isoformat()
