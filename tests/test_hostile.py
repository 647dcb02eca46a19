"""An adversarial corpus, generated here (never committed as binaries): every hostile input of issue 14 through
the whole workflow in skip mode, each bad one alone in fail mode, and a kill -9 mid-run resumed to the tables
of a clean run."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest
import yaml

from discourse.config import validate_config
from discourse.corpus.inventory import build_inventory
from discourse.errors import InputError
from discourse.ingest.parse import IngestLimits, parse_shard
from tests.corpus.test_readers import bare_docx, encrypted_pdf, inflating_docx, make_docx, make_pdf
from tests.test_workflow import project, snakemake  # noqa: F401 (a fixture)

pytestmark = pytest.mark.workflow

CORPUS = "corpus/hostile"
GOOD_TEXT = "Pakistan and Russia agreed to expand trade and energy cooperation.\n"
XSS_TITLE = "<script>window.__xss=1</script>"
XSS_AUTHOR = '<img src=x onerror="window.__xss=2">'
# settings the cases are sized against: small limits, so each case stays small and fast
LIMITS = {"max_inflated_mb": 1, "max_paragraph_chars": 20_000}


@dataclass(frozen=True)
class Bad:
    """A file (and its metadata row, if `row`) that must be left out with `reason` by `stage`."""

    name: str
    write: Callable[[Path], None]
    stage: str
    reason: str
    row: bool = True
    doc_id: str | None = None  # the row's id where it differs from the file's stem


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _docx_named_txt(path: Path) -> None:
    make_docx(path.with_suffix(".tmp.docx"))
    path.with_suffix(".tmp.docx").rename(path)


def _link_outside(path: Path) -> None:
    target = path.parents[3] / "outside" / "passwd"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("root:x:0:0\n", encoding="utf-8")
    path.symlink_to(target)


BAD = [
    Bad("empty.txt", _bytes(b""), "inventory", "file is empty"),
    Bad("binary.txt", _bytes(b"\x00\x01\x02\x03PK not text"), "parse", "looks binary"),
    Bad("late_nul.txt", _bytes(GOOD_TEXT.encode() * 1100 + b"\x00 after 64 KiB"), "parse", "looks binary"),
    Bad("latin1.txt", _bytes("Caf\u00e9 diplomacy".encode("latin-1")), "parse", "not valid UTF-8"),
    Bad("scan.pdf", lambda path: make_pdf(path, None), "parse", "no text layer"),
    Bad("corrupt.pdf", _bytes(b"%PDF-1.4\nthis is not a real pdf body\n"), "parse", "PDF could not be parsed"),
    Bad("locked.pdf", _bytes(encrypted_pdf()), "parse", "password-protected"),
    Bad("text.pdf", _bytes(b"Plain text under a .pdf name."), "parse", "not a PDF file"),
    Bad("word.txt", _docx_named_txt, "parse", "looks binary"),  # a renamed .docx
    Bad("bomb.docx", lambda path: inflating_docx(path, 3), "parse", "ingest.max_inflated_mb"),
    Bad("letter.rtf", _bytes(b"{\\rtf1 Hello}"), "inventory", "unsupported file type '.rtf'"),
    Bad("secret.txt", _link_outside, "inventory", "outside the corpus folder"),
    Bad("loop.txt", lambda path: path.symlink_to(path), "inventory", "loops or leads nowhere", row=False),
    Bad("stray.txt", _bytes(GOOD_TEXT.encode()), "inventory", "file has no row in the metadata table", row=False),
    Bad("copy.txt", _bytes(GOOD_TEXT.encode()), "parse", "same content as document 'hostile:good'"),
]
# metadata rows that are bad in themselves (their files are fine)
BAD_ROWS = {
    "../../etc/passwd": ("pathlike.txt", "2020", "doc_id missing or not of letters"),
    "impossible": ("impossible.txt", "2023-02-30", "'2023-02-30' is not a calendar date"),
    "ghost": ("ghost.txt", "2020", "names a file that does not exist"),
}


def _utf16(path: Path) -> None:
    path.write_bytes(("\ufeff" + "India and China held talks on the border.\n").encode("utf-16-le"))


def _controls(path: Path) -> None:
    tail = "Russia \u202eand\u202c Pakistan met.\x1b[2J\x1b[31m Terminal codes are gone.\n"
    path.write_text(GOOD_TEXT * 1100 + tail, encoding="utf-8")


# files that are odd but usable: kept, cleaned
KEPT = {
    "good": ("good.txt", lambda path: path.write_text(GOOD_TEXT, encoding="utf-8")),
    "xss": ("xss.md", lambda path: path.write_text(f"# {XSS_TITLE}\n\nPakistan {XSS_AUTHOR} and Russia met.\n",
                                                   encoding="utf-8")),
    "utf16": ("utf16.txt", _utf16),
    "controls": ("controls.txt", _controls),
    "bare": ("bare.docx", bare_docx),
    # one paragraph of 50,000 characters (split, not refused) and a 15,000-letter "word" (not a topic term)
    "long": ("long.txt", lambda path: path.write_text("Pakistan and Russia met in Moscow and agreed " * 1100,
                                                       encoding="utf-8")),
    "hyphens": ("hyphens.txt", lambda path: path.write_text("inter-\n" * 3000 + "national.\n", encoding="utf-8")),
}


def write_hostile_corpus(root: Path, only: Bad | None = None) -> None:
    """corpus/hostile: the kept files, and every bad case (or only one) with its metadata row."""
    folder = root / CORPUS
    folder.mkdir(parents=True)
    rows = [{"doc_id": doc_id, "file": name, "title": {"xss": XSS_TITLE, "bare": None}.get(doc_id, doc_id),
             "author": XSS_AUTHOR if doc_id == "xss" else None, "year": 2021}
            for doc_id, (name, _) in KEPT.items()]
    for doc_id, (name, write) in KEPT.items():
        write(folder / name)
    for case in [only] if only else BAD:
        case.write(folder / case.name)
        if case.row:
            rows.append({"doc_id": case.doc_id or Path(case.name).stem, "file": case.name, "title": case.name,
                         "author": None, "year": 2020})
    if only is None:
        for doc_id, (name, date, _) in BAD_ROWS.items():
            if doc_id != "ghost":
                (folder / name).write_text(f"A text about {doc_id}.\n", encoding="utf-8")
            rows.append({"doc_id": doc_id, "file": name, "title": doc_id, "author": None, "date": date})
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["doc_id", "file", "title", "author", "year", "date"])
        writer.writeheader()
        writer.writerows(rows)
    # a metadata table whose YAML tag would run a command if it were loaded unsafely
    evil = root / "corpus" / "evil"
    evil.mkdir()
    (evil / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (evil / "metadata.yaml").write_text(f'- doc_id: a\n  file: a.txt\n  title: !!python/object/apply:os.system '
                                        f'["touch {root / "PWNED"}"]\n', encoding="utf-8")
    registry = yaml.safe_load((root / "corpus" / "registry.yaml").read_text(encoding="utf-8"))
    registry["corpora"]["hostile"] = {"kind": "local", "path": CORPUS, "metadata": f"{CORPUS}/metadata.csv"}
    registry["corpora"]["evil"] = {"kind": "local", "path": "corpus/evil", "metadata": "corpus/evil/metadata.yaml"}
    (root / "corpus" / "registry.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")


def set_config(root: Path, **values) -> dict:
    config = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
    config.update(values)
    config["ingest"] = {**config["ingest"], **LIMITS}
    (root / "config" / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return config


def test_adversarial_corpus_in_skip_mode_keeps_the_good_names_the_bad_and_escapes_the_report(project: Path):
    write_hostile_corpus(project)
    set_config(project, on_error="skip", corpora=["paper", "hostile", "evil"])
    run = snakemake(project)
    assert run.returncode == 0, run.stderr[-3000:]
    results = project / "results"
    assert not (project / "PWNED").exists()

    skipped = pd.read_parquet(results / "ingest" / "skipped.parquet")
    for case in BAD:
        found = skipped[skipped["path"].str.endswith(f"{CORPUS}/{case.name}")]
        assert len(found) == 1, (case.name, skipped.to_dict("records"))
        assert found.iloc[0]["stage"] == case.stage and case.reason in found.iloc[0]["reason"], case.name
    for doc_id, (_, _, reason) in BAD_ROWS.items():
        assert skipped["reason"].str.contains(reason, regex=False).sum() == 1, doc_id
    evil = skipped[skipped["corpus_id"] == "evil"]
    assert len(evil) == 1 and "malformed YAML" in evil.iloc[0]["reason"]

    documents = pd.read_parquet(results / "ingest" / "documents.parquet").set_index("doc_id")
    assert set(documents[documents["corpus_id"] == "hostile"].index) == {f"hostile:{d}" for d in KEPT}
    text = documents["text"]
    assert "India and China held talks on the border." in text["hostile:utf16"]
    assert not any(c in text["hostile:controls"] for c in "\x1b\u202e\u202c")
    assert "Russia and Pakistan met. Terminal codes are gone." in text["hostile:controls"]
    assert documents.loc["hostile:bare", "title"] != "Word Document"  # no title made up for a bare .docx
    paragraphs = pd.read_parquet(results / "ingest" / "paragraphs.parquet")
    assert paragraphs["text"].str.len().max() <= LIMITS["max_paragraph_chars"]
    assert (paragraphs["doc_id"] == "hostile:long").sum() == 3
    vocabulary = json.loads((results / "topics" / "features" / "features.json").read_text())["vocabulary"]
    assert max(map(len, vocabulary)) <= 40

    manifest = json.loads((results / "manifest.json").read_text())
    hostile = manifest["corpora"]["hostile"]
    assert hostile["documents"] == len(KEPT) and hostile["skipped"] == len(BAD) + len(BAD_ROWS)
    assert manifest["corpora"]["evil"]["status"] == "empty"

    html = (results / "report" / "index.html").read_text(encoding="utf-8")
    # never markup (tests/report shows how such text is displayed, escaped)
    assert XSS_TITLE not in html and XSS_AUTHOR not in html
    assert not list(results.rglob("*.tmp")) and not list(results.rglob(".*.tmp"))


def fail_mode_inventory_and_parse(root: Path) -> None:
    config = validate_config({"registry": "corpus/registry.yaml", "corpora": ["hostile"], "on_error": "fail",
                              "ingest": {"shards": 1, **LIMITS}})
    inventory, _ = build_inventory(config, root, None)
    list(parse_shard(inventory, 0, root, root / ".cache", "fail", IngestLimits.from_config(config)))


@pytest.mark.parametrize("case", BAD, ids=[case.name for case in BAD])
def test_each_hostile_file_alone_stops_a_fail_mode_run_naming_it(tmp_path: Path, case: Bad):
    root = tmp_path / "project"
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "registry.yaml").write_text("corpora: {}\n", encoding="utf-8")
    write_hostile_corpus(root, only=case)
    with pytest.raises(InputError) as info:
        fail_mode_inventory_and_parse(root)
    assert info.value.path.endswith(f"{CORPUS}/{case.name}") and case.reason in info.value.reason


def test_a_parse_failure_in_fail_mode_leaves_no_table_that_looks_complete(project: Path):
    write_hostile_corpus(project, only=BAD[3])  # latin1.txt
    set_config(project, corpora=["paper", "hostile"])
    run = snakemake(project)
    assert run.returncode != 0
    assert re.search(rf"{CORPUS}/latin1\.txt: bytes at offset \d+ are not valid UTF-8", run.stdout + run.stderr)
    results = project / "results"
    assert not (results / "ingest" / "documents.parquet").exists()
    assert not list(results.rglob("*.tmp"))


def parquet_tables(results: Path) -> dict[str, pd.DataFrame]:
    return {path.relative_to(results).as_posix(): pd.read_parquet(path) for path in sorted(results.rglob("*.parquet"))}


def test_a_run_killed_mid_nlp_and_resumed_gives_the_tables_of_a_clean_run(project: Path, tmp_path: Path):
    killed = tmp_path / "killed"
    shutil.copytree(project, killed, symlinks=True)
    clean = snakemake(project)
    assert clean.returncode == 0, clean.stderr[-3000:]

    env = {k: v for k, v in os.environ.items() if k != "DISCOURSE_UNGDC_MIRROR"}
    process = subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "2"], cwd=killed, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((killed / "logs").glob("nlp/nlp-*.log")) and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before its NLP jobs started"
        time.sleep(0.2)
    time.sleep(2)  # the NLP jobs are loading the model and parsing
    assert process.poll() is None, "the run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    # what README's "Interrupted runs" says to expect, and to do: the lock left behind, or (when the kill came as
    # a job was moving its outputs into place) Snakemake's list of incomplete files, which it checks first
    locked = snakemake(killed)
    said = (locked.stdout + locked.stderr).lower()
    assert locked.returncode != 0 and ("cannot be locked" in said or "incomplete" in said), said[-2000:]
    assert snakemake(killed, "--unlock").returncode == 0
    resumed = snakemake(killed, "--rerun-incomplete")
    assert resumed.returncode == 0, resumed.stderr[-3000:]

    expected, got = parquet_tables(project / "results"), parquet_tables(killed / "results")
    assert set(got) == set(expected) and len(expected) > 30
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)
