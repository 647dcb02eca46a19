#!/usr/bin/env python3
"""Split a labelled sample into a development half and a report half, by the parity of its ids' numbers.

    python scripts/split_gold.py ../shared/eval/ungdc_sentences_dev2.jsonl OUT_DIR

writes `OUT_DIR/<name>_odd.jsonl` (ids ending in an odd number: develop on these, read their errors) and
`OUT_DIR/<name>_even.jsonl` (report on these; do not read their errors), lines unchanged and in order. The
split is fixed by the ids, so anyone can rebuild it: the README's figures for the two halves of
`ungdc_sentences_dev2.jsonl` were made so.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def id_number(sample_id: str, path: Path, line: int) -> int:
    match = re.search(r"(\d+)$", sample_id)
    if match is None:
        raise SystemExit(f"{path}:{line}: id {sample_id!r} does not end in a number")
    return int(match.group(1))


def split_gold(path: Path, out_dir: Path) -> dict[str, int]:
    halves: dict[str, list[str]] = {"odd": [], "even": []}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            half = "odd" if id_number(json.loads(line)["id"], path, number) % 2 else "even"
            halves[half].append(line)
    out_dir.mkdir(parents=True, exist_ok=True)
    for half, lines in halves.items():
        (out_dir / f"{path.stem}_{half}.jsonl").write_text("".join(f"{l}\n" for l in lines), encoding="utf-8")
    return {half: len(lines) for half, lines in halves.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    counts = split_gold(args.gold, args.out_dir)
    print(f"{args.gold}: {counts['odd']} odd, {counts['even']} even -> {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
