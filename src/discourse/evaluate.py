"""`discourse evaluate`: the analysis measured against hand-labelled sentences (gold JSONL)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from discourse.errors import InputError


def configured_gold(config: dict[str, Any], root: Path = Path(".")) -> str | None:
    """The gold file the workflow scores against, or None when not configured or not present."""
    gold = config["evaluation"]["gold"]
    return gold if gold and (root / gold).is_file() else None


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


def accuracy_macro_f1(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over every class either side used (sklearn's convention; "missing" = no prediction
    is not a class), per-class P/R/F1 and the confusion counts."""
    classes = sorted((set(gold) | set(predicted)) - {"missing"})
    per_class = {}
    for label in classes:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        per_class[label] = prf(tp, fp, fn)
    confusion = Counter(f"{g} -> {p}" for g, p in zip(gold, predicted) if g != p)
    return {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / len(classes) if classes else 0.0,
            "per_class": per_class, "confusions": dict(confusion.most_common())}


def krippendorff_nominal(gold: list[str], predicted: list[str]) -> float | None:
    """Krippendorff's alpha (nominal) between the system and the gold, as two coders of the same units."""
    import krippendorff
    import numpy as np

    values = sorted(set(gold) | set(predicted))
    if len(values) < 2:
        return None
    codes = {v: i for i, v in enumerate(values)}
    data = np.array([[codes[g] for g in gold], [codes[p] for p in predicted]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def annotate_gold(gold_rows: list[dict[str, Any]], nlp, framer, batch_size: int,
                  merge: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The system's annotation of each gold sentence (run as `discourse annotate` would, with its year and its
    speaking state, `iso`, which the codebook says is known)."""
    from discourse.annotate import annotate_items

    predictions = []
    items = ({"text": row["text"], "year": row.get("year"), "speaker": row.get("iso")} for row in gold_rows)
    for item in annotate_items(nlp, items, batch_size, framer, merge):  # one nlp.pipe stream, in gold order
        sentences = item["sentences"]
        relations = {}
        for sentence in sentences:
            for relation in sentence.get("relations", []):
                relations[tuple(sorted((relation["source"], relation["target"])))] = relation["polarity"]
        frames = [f for s in sentences for f in s.get("frames", [])]
        predictions.append({
            "actors": {a["id"] for s in sentences for a in s["actors"]},
            "themes": {t for s in sentences for t in s.get("themes", [])},
            "frame": max(frames, key=lambda f: f["score"])["id"] if frames else "other",
            "relations": relations})
    return predictions


POLAR = ("cooperation", "conflict")


def score_relations(gold_rows: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Polarity over the gold pairs; a gold pair the system did not relate (an actor missed) counts as wrong.

    Besides the figures over all gold pairs (accuracy, macro-F1, alpha, per class, confusions, missing
    pairs), `polar` holds the accuracy over the gold pairs whose gold polarity is cooperation or conflict
    (`n`, `correct`, `accuracy`; None when there are none), and the precision and recall of cooperation and
    conflict computed over all gold pairs (`per_class`, the same figures as the top-level `per_class`; a
    class neither side used has zeros). Pairs the system related that the gold does not list are not scored."""
    gold, predicted, missing = [], [], 0
    for row, prediction in zip(gold_rows, predictions):
        for relation in row.get("relations", []):
            pair = tuple(sorted(relation["pair"]))
            found = prediction["relations"].get(pair)
            missing += found is None
            gold.append(relation["polarity"])
            predicted.append(found or "missing")
    result = accuracy_macro_f1(gold, predicted)
    result["missing_pairs"] = missing
    result["krippendorff_alpha"] = krippendorff_nominal(gold, predicted)
    polar = [(g, p) for g, p in zip(gold, predicted) if g in POLAR]
    correct = sum(g == p for g, p in polar)
    result["polar"] = {"n": len(polar), "correct": correct, "accuracy": correct / len(polar) if polar else None,
                       "per_class": {c: result["per_class"].get(c, prf(0, 0, 0)) for c in POLAR}}
    return result


def score_themes(gold_rows: list[dict[str, Any]], predictions: list[dict[str, Any]],
                 theme_ids: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Micro P/R/F1 per theme of the codebook (`theme_ids`: the framer's codebook; None: the packaged one)."""
    if theme_ids is None:
        from discourse.lexicons import load_themes

        theme_ids = load_themes().ids
    # only rows labelled for themes count (a row without the key is unlabelled, not "no theme")
    labelled = [(r, p) for r, p in zip(gold_rows, predictions) if "themes" in r]
    gold_rows, predictions = [r for r, _ in labelled], [p for _, p in labelled]
    tp = fp = fn = 0
    per_theme = {}
    for theme in theme_ids:
        t_tp = sum(theme in set(r.get("themes", [])) and theme in p["themes"] for r, p in zip(gold_rows, predictions))
        t_fp = sum(theme not in set(r.get("themes", [])) and theme in p["themes"] for r, p in zip(gold_rows, predictions))
        t_fn = sum(theme in set(r.get("themes", [])) and theme not in p["themes"] for r, p in zip(gold_rows, predictions))
        per_theme[theme] = prf(t_tp, t_fp, t_fn)
        tp, fp, fn = tp + t_tp, fp + t_fp, fn + t_fn
    # alpha over sentence x theme decisions (present / absent)
    gold = [str(theme in set(r.get("themes", []))) for r in gold_rows for theme in theme_ids]
    predicted = [str(theme in p["themes"]) for p in predictions for theme in theme_ids]
    return {"micro": prf(tp, fp, fn), "per_theme": per_theme, "krippendorff_alpha": krippendorff_nominal(gold, predicted)}


def score_frames(gold_rows: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [(r["frame"], p["frame"]) for r, p in zip(gold_rows, predictions) if r.get("frame")]
    result = accuracy_macro_f1([g for g, _ in rows], [p for _, p in rows])
    result["krippendorff_alpha"] = krippendorff_nominal([g for g, _ in rows], [p for _, p in rows])
    return result


def evaluate(gold_rows: list[dict[str, Any]], nlp, framer, batch_size: int,
             merge: dict[str, str] | None = None) -> dict[str, Any]:
    """Every task the gold has labels for: actors, relation polarity, themes, primary frame."""
    predictions = annotate_gold(gold_rows, nlp, framer, batch_size, merge)
    actors = score_actor_sets((set(r["actors"]) for r in gold_rows), [p["actors"] for p in predictions])
    for error in actors["errors"]:
        error["id"] = gold_rows[error["index"]].get("id")
    result: dict[str, Any] = {"n_sentences": len(gold_rows), "actors": actors}
    if any("relations" in r for r in gold_rows):
        result["relations"] = score_relations(gold_rows, predictions)
    if any("themes" in r for r in gold_rows):
        result["themes"] = score_themes(gold_rows, predictions, framer.themes.lexicon.ids)
    if any("frame" in r for r in gold_rows):
        result["frames"] = score_frames(gold_rows, predictions)
    return result


def headline(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The first figures of a result, as (what, value) rows: the ones a reader looks for first."""
    rows = [("actors micro-F1", f"{result['actors']['micro']['f1']:.3f}")]
    if "relations" in result:
        polar, relations = result["relations"]["polar"], result["relations"]
        rows += [("relation polarity, gold cooperation/conflict pairs",
                  f"accuracy {fmt(polar['accuracy'])} (n={polar['n']})")]
        rows += [(f"  {c} (over all gold pairs)", f"P {s['precision']:.3f} R {s['recall']:.3f}")
                 for c, s in polar["per_class"].items()]
        rows += [("relation polarity, all gold pairs", f"accuracy {relations['accuracy']:.3f} (n={relations['n']})")]
    if "themes" in result:
        rows += [("themes micro-F1", f"{result['themes']['micro']['f1']:.3f}")]
    if "frames" in result:
        rows += [("primary frame accuracy", f"{result['frames']['accuracy']:.3f} (n={result['frames']['n']})")]
    return rows


def format_report(title: str, result: dict[str, Any]) -> str:
    """The headline figures first, then the details of every task."""
    rows = headline(result)
    width = max(len(what) for what, _ in rows)
    lines = [f"{title}: {result['n_sentences']} sentences", ""]
    lines += [f"  {what:<{width}}  {value}" for what, value in rows]
    lines += ["", format_actors(result["actors"])]
    if "relations" in result:
        relations = result["relations"]
        polar = relations["polar"]
        lines += ["", f"relation polarity over gold cooperation/conflict pairs: accuracy {fmt(polar['accuracy'])} "
                      f"(n={polar['n']}, correct {polar['correct']})",
                  format_classes("relation polarity over all gold pairs", relations),
                  f"  gold pairs the system did not relate: {relations['missing_pairs']} (counted as wrong)"]
    if "themes" in result:
        micro = result["themes"]["micro"]
        lines += ["", f"themes  micro precision {micro['precision']:.3f}  recall {micro['recall']:.3f}  "
                      f"F1 {micro['f1']:.3f}  Krippendorff alpha {fmt(result['themes']['krippendorff_alpha'])}"]
        lines += [f"  {t:<28} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} support {s['tp'] + s['fn']}"
                  for t, s in result["themes"]["per_theme"].items()]
    if "frames" in result:
        lines += ["", format_classes("primary frame", result["frames"])]
    return "\n".join(lines)


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_classes(task: str, result: dict[str, Any]) -> str:
    lines = [f"{task}: accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}  "
             f"Krippendorff alpha {fmt(result['krippendorff_alpha'])}  (n {result['n']})"]
    lines += [f"  {c:<32} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} support {s['tp'] + s['fn']}"
              for c, s in result["per_class"].items()]
    if result["confusions"]:
        lines.append("  confusions (gold -> system): " + ", ".join(f"{k} {v}" for k, v in result["confusions"].items()))
    return "\n".join(lines)


def format_actors(result: dict[str, Any]) -> str:
    micro = result["micro"]
    lines = ["actors",
             f"micro  precision {micro['precision']:.3f}  recall {micro['recall']:.3f}  F1 {micro['f1']:.3f}"
             f"  (tp {micro['tp']}, fp {micro['fp']}, fn {micro['fn']})", "", f"{'id':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for actor, s in result["per_id"].items():
        lines.append(f"{actor:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['tp'] + s['fn']:>8}")
    if result["errors"]:
        lines += ["", "disagreements (gold id: missing / spurious):"]
        lines += [f"  {e['id']}: missing {e['missing']} spurious {e['spurious']}" for e in result["errors"]]
    return "\n".join(lines)


EVALUATION = "results/evaluation.json"  # where the workflow's `evaluate` rule writes the scores
TASKS = ("all", "actors", "relations", "themes", "frames")


def evaluation_fingerprint(config: dict[str, Any]) -> str:
    """What the scores depend on besides the gold file: this code (with the NLP and framing code it
    imports), the model, gazetteer and lexicons."""
    import hashlib

    from discourse.fingerprint import code_fingerprint
    from discourse.framing.sentence import FramingSettings
    from discourse.framing.stage import framing_fingerprint
    from discourse.nlp.pipeline import NlpSettings
    from discourse.nlp.stage import nlp_fingerprint

    parts = [code_fingerprint(__name__), nlp_fingerprint(NlpSettings.from_config(config)),
             framing_fingerprint(FramingSettings.from_config(config))]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def run(args) -> int:
    from discourse.framing.sentence import FramingSettings, build_framer
    from discourse.io import write_json_atomic
    from discourse.layout import read_config
    from discourse.nlp.pipeline import NlpSettings, build_pipeline

    golds = {str(path): read_gold(path) for path in args.gold}  # every file read (and checked) before the model loads
    config = read_config(args)
    settings = NlpSettings.from_config(config)
    nlp = build_pipeline(settings)
    framer = build_framer(nlp.vocab, FramingSettings.from_config(config))
    results = {}
    for number, (path, rows) in enumerate(golds.items()):
        result = evaluate(rows, nlp, framer, settings.batch_size, dict(config["actors"]["merge"]))
        if args.task != "all":
            result = {"n_sentences": result["n_sentences"], "actors": result["actors"],
                      **({args.task: result[args.task]} if args.task in result else {})}
        results[path] = result
        print(("\n" + "=" * 79 + "\n\n" if number else "") + format_report(f"evaluation ({path})", result), flush=True)
    if args.json_out:
        write_json_atomic(next(iter(results.values())) if len(results) == 1 else results, args.json_out)
    return 0


def register_parser(subparsers) -> None:
    from discourse.layout import add_config_options

    parser = subparsers.add_parser(
        "evaluate", help="score the analysis against gold JSONL files",
        description="Score the analysis against one or more gold JSONL files (see ../shared/eval/README.md), each "
                    "separately: for each file a headline (actors micro-F1, relation polarity accuracy over the "
                    "gold cooperation/conflict pairs and over all gold pairs, themes micro-F1, primary frame "
                    "accuracy), then the details.")
    parser.add_argument("task", nargs="?", default="all", choices=TASKS,
                        help="what to report (actors are always scored); default all")
    parser.add_argument("--gold", type=Path, nargs="+", action="extend", required=True, metavar="FILE",
                        help="one or more gold JSONL files, each scored on its own")
    parser.add_argument("--json-out", type=Path,
                        help="also write the scores and disagreements as JSON: with one --gold file, its result "
                             "object (the shape results/evaluation.json has); with several, an object mapping each "
                             "file path, as given, to its result")
    add_config_options(parser)
    parser.set_defaults(func=run)
