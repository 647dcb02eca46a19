"""`discourse evaluate`: the analysis measured against hand-labelled sentences (gold JSONL)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from discourse.errors import InputError


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(path, f"line {number} is not JSON: {error.msg}") from None
            if not isinstance(row, dict) or "text" not in row or "actors" not in row:
                raise InputError(path, f"line {number} needs at least 'text' and 'actors'")
            rows.append(row)
    if not rows:
        raise InputError(path, "no gold sentences")
    return rows


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def score_actor_sets(gold: Iterable[set[str]], predicted: Iterable[set[str]]) -> dict[str, Any]:
    """Micro precision, recall and F1 of actor ids per sentence, and the same per id."""
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for index, (g, p) in enumerate(zip(gold, predicted)):
        for actor in g & p:
            tp[actor] += 1
        for actor in p - g:
            fp[actor] += 1
        for actor in g - p:
            fn[actor] += 1
        if g != p:
            errors.append({"index": index, "missing": sorted(g - p), "spurious": sorted(p - g)})
    ids = sorted(set(tp) | set(fp) | set(fn))
    return {"micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
            "per_id": {actor: prf(tp[actor], fp[actor], fn[actor]) for actor in ids}, "errors": errors}


def evaluate_actors(gold_rows: list[dict[str, Any]], nlp, batch_size: int = 64) -> dict[str, Any]:
    """Run the workflow's pipeline on each gold sentence (with its year) and score the actor ids."""
    from discourse.nlp.pipeline import annotate_text

    predicted = []
    for row in gold_rows:
        actors = {a["id"] for s in annotate_text(nlp, row["text"], row.get("year"), batch_size) for a in s["actors"]}
        predicted.append(actors)
    result = score_actor_sets((set(r["actors"]) for r in gold_rows), predicted)
    for error in result["errors"]:
        error["id"] = gold_rows[error["index"]].get("id")
    result["n_sentences"] = len(gold_rows)
    return result


def format_report(task: str, result: dict[str, Any]) -> str:
    micro = result["micro"]
    lines = [f"{task}: {result['n_sentences']} sentences",
             f"micro  precision {micro['precision']:.3f}  recall {micro['recall']:.3f}  F1 {micro['f1']:.3f}"
             f"  (tp {micro['tp']}, fp {micro['fp']}, fn {micro['fn']})", "", f"{'id':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for actor, s in result["per_id"].items():
        lines.append(f"{actor:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['tp'] + s['fn']:>8}")
    if result["errors"]:
        lines += ["", "disagreements (gold id: missing / spurious):"]
        lines += [f"  {e['id']}: missing {e['missing']} spurious {e['spurious']}" for e in result["errors"]]
    return "\n".join(lines)
