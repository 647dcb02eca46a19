"""Benchmark what hostile inputs cost: a small .docx that unpacks to about 1.1 GB, texts that once made
segmentation quadratic or spaCy refuse a paragraph, and one valid document large enough to strain the tables job.

    .venv/bin/python bench/hostile.py [--inflated-mb 1100] [--text-kb 200] [--document-mb 45]

Builds the zip bomb in a temporary folder (streamed, so building it needs no gigabyte of memory), then reads it
with the package's reader in a fresh process; each text case is parsed (`parse_document`) in a fresh process too,
and the corpus tables of a shard holding one 45 MiB document are written by the `tables` job in a fresh process.
Prints, one JSON line a case, the input size, the outcome, the seconds and the process's peak resident memory
(VmHWM). Issue 14's acceptance: the bomb refused in under 5 s, under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PARAGRAPH = b"<w:p><w:r><w:t>Pakistan and Russia met.</w:t></w:r></w:p>"
HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = b"</w:body></w:document>"
PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                           b'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                           b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
                           b'main+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}

READ = """
import re, sys, time
from discourse.corpus.readers import read_document
from discourse.errors import InputError
path = sys.argv[1]
started = time.perf_counter()
try:
    read_document(path, open(path, "rb").read(), 50 * 2**20)
    outcome = "read"
except InputError as error:
    outcome = "refused: " + error.reason
seconds = time.perf_counter() - started
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(outcome)
print(seconds, peak)
"""


PARSE = """
import re, sys, time
from discourse.segment.document import parse_document
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
document = parse_document("bench:text", text, {"genre": "speech"})
seconds = time.perf_counter() - started
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{len(document['paragraphs'])} paragraphs, longest {max(len(p['text']) for p in document['paragraphs'])}")
print(seconds, peak)
"""


def text_cases(kb: int) -> dict[str, str]:
    """Texts segmentation once handled in quadratic time (issue 14: 47 s at 200 KB) or passed to spaCy whole."""
    size = kb * 1000
    return {"unpunctuated lines, no blank line": ("word " * 12 + "\n") * (size // 61),
            "hyphenated line ends ('inter-')": "inter-\n" * (size // 7),
            "3.2 M characters, no paragraph break": "Pakistan and Russia met in Moscow and agreed " * 71_000}


TABLES = """
import re, sys, time
from pathlib import Path
from discourse.ingest.stage import STAGE
folder = Path(sys.argv[1])
job = STAGE.job("tables")
outputs = {name: folder / "out" / path for name, path in job.output_paths().items()}
started = time.perf_counter()
counts = job.run(None, {"shards": [folder / "shard-0.jsonl"], "inventory": folder / "inventory.parquet",
                        "inventory_skipped": folder / "skipped.parquet"}, outputs)
seconds = time.perf_counter() - started
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{counts['paragraphs']} paragraph rows")
print(seconds, peak)
"""


def write_large_document_shard(folder: Path, megabytes: int) -> int:
    """A parse shard holding one valid document of many short paragraphs, with the inventory the tables job
    reads beside it; returns the document's size in characters."""
    import pandas as pd
    import pyarrow.parquet as pq

    from discourse.ingest.shards import write_shard
    from discourse.segment.document import parse_document
    from discourse.tables import arrow_schema

    paragraph = "Pakistan and Russia met in Moscow to discuss trade, energy and regional security.\n\n"
    text = paragraph * (megabytes * 2**20 // len(paragraph))
    document = parse_document("bench:large", text, {"genre": "speech"})
    document.update({"corpus_id": "bench", "local_id": "large", "format": "txt", "path": "large.txt",
                     "member": None, "sha256": "0" * 64, "size": len(text)})
    write_shard(folder / "shard-0.jsonl", [{"document": document}])
    pd.DataFrame({"metadata": ["{}"]}).to_parquet(folder / "inventory.parquet")
    pq.write_table(arrow_schema("skipped").empty_table(), folder / "skipped.parquet")
    return len(text)


def measure(script: str, path: Path) -> tuple[str, float, int]:
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    outcome, figures = run.stdout.strip().split("\n")[-2:]
    seconds, peak = figures.split()
    return outcome, round(float(seconds), 3), int(peak)


def build_bomb(path: Path, inflated_mb: int) -> None:
    chunk = PARAGRAPH * (2**20 // len(PARAGRAPH))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in PARTS.items():
            archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(HEAD)
            for _ in range(inflated_mb):
                member.write(chunk)
            member.write(TAIL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inflated-mb", type=int, default=1100)
    parser.add_argument("--text-kb", type=int, default=200, help="size of the line cases")
    parser.add_argument("--document-mb", type=int, default=45, help="size of the one document of the tables case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.docx"
        build_bomb(path, args.inflated_mb)
        outcome, seconds, peak = measure(READ, path)
        print(json.dumps({"case": "docx bomb", "file_mb": round(path.stat().st_size / 2**20, 2),
                          "inflated_mb": args.inflated_mb, "outcome": outcome, "seconds": seconds,
                          "peak_rss_mb": peak}))
        for case, text in text_cases(args.text_kb).items():
            path = Path(folder) / "case.txt"
            path.write_text(text, encoding="utf-8")
            outcome, seconds, peak = measure(PARSE, path)
            print(json.dumps({"case": case, "characters": len(text), "outcome": outcome, "seconds": seconds,
                              "peak_rss_mb": peak}))
        characters = write_large_document_shard(Path(folder), args.document_mb)
        outcome, seconds, peak = measure(TABLES, Path(folder))
        print(json.dumps({"case": "tables job, one large document", "characters": characters, "outcome": outcome,
                          "seconds": seconds, "peak_rss_mb": peak}))


if __name__ == "__main__":
    main()
