"""`scripts/split_gold.py`: a labelled sample's development and report halves, fixed by the ids."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "split_gold.py"


def test_halves_follow_the_parity_of_the_ids(tmp_path):
    rows = [{"id": f"D{n:03d}", "text": f"sentence {n}"} for n in range(1, 6)]
    gold = tmp_path / "sample.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    subprocess.run([sys.executable, str(SCRIPT), str(gold), str(tmp_path / "out")], check=True)
    odd = [json.loads(l)["id"] for l in (tmp_path / "out" / "sample_odd.jsonl").read_text().splitlines()]
    even = [json.loads(l)["id"] for l in (tmp_path / "out" / "sample_even.jsonl").read_text().splitlines()]
    assert (odd, even) == (["D001", "D003", "D005"], ["D002", "D004"])


def test_an_id_without_a_number_is_named(tmp_path):
    gold = tmp_path / "sample.jsonl"
    gold.write_text(json.dumps({"id": "first"}) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), str(gold), str(tmp_path / "out")], capture_output=True,
                          text=True)
    assert done.returncode != 0 and f"{gold}:1: id 'first' does not end in a number" in done.stderr
