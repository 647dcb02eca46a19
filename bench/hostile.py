"""Benchmark what a hostile input costs before it is refused: a small .docx that unpacks to about 1.1 GB.

    .venv/bin/python bench/hostile.py [--inflated-mb 1100]

Builds the zip bomb in a temporary folder (streamed, so building it needs no gigabyte of memory), then reads it
with the package's reader in a fresh process and prints the file size, the seconds until the refusal and the
process's peak resident memory (VmHWM), as JSON. Issue 14's acceptance: refused in under 5 s, under 500 MB.
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.docx"
        build_bomb(path, args.inflated_mb)
        run = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True)
        outcome, figures = run.stdout.strip().split("\n")[-2:]
        seconds, peak = figures.split()
        print(json.dumps({"file_mb": round(path.stat().st_size / 2**20, 2), "inflated_mb": args.inflated_mb,
                          "outcome": outcome, "seconds": round(float(seconds), 3), "peak_rss_mb": int(peak)}))


if __name__ == "__main__":
    main()
