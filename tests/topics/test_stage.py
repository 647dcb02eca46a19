"""The topic stages end to end on a small synthetic corpus: same inputs, config and seed give
byte-identical tables."""

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from discourse.config import validate_config
from discourse.topics import stage
from tests.conftest import run_job

VOCABULARIES = [["gas", "pipeline", "energy", "oil", "supply"], ["troop", "army", "war", "weapon", "missile"],
                ["trade", "market", "export", "investment", "tariff"]]


def synthetic_corpus(tmp_path):
    rng = np.random.default_rng(3)
    sentences, paragraphs, documents = [], [], []
    for d in range(9):
        doc_id = f"ungdc:{['PAK', 'RUS', 'IND'][d % 3]}_{40 + d}_{1985 + 5 * d}"
        documents.append({"doc_id": doc_id, "corpus_id": "ungdc", "country": ["PAK", "RUS", "IND"][d % 3],
                          "year": 1985 + 5 * d})
        for p in range(6):
            paragraph_id = f"{doc_id}/p{p + 1:04d}"
            words = rng.choice(VOCABULARIES[(d + p) % 3], size=12).tolist()
            sentences.append({"doc_id": doc_id, "paragraph_id": paragraph_id, "lemmas": " ".join(words),
                              "pos": " ".join(["NOUN"] * len(words))})
            paragraphs.append({"paragraph_id": paragraph_id, "doc_id": doc_id, "heading_path": "",
                               "text": " ".join(words)})
    pq.write_table(pa.Table.from_pylist(sentences), tmp_path / "sentences.parquet")
    pd.DataFrame(paragraphs).to_parquet(tmp_path / "paragraphs.parquet")
    pd.DataFrame(documents).to_parquet(tmp_path / "documents.parquet")


def run_all(tmp_path, out):
    config = validate_config({"seed": 5, "ungdc": {"countries": ["PAK", "RUS", "IND"]}, "topics": {
        "engines": ["nmf", "tomotopy"], "k": [2, 3], "seeds": [1, 2], "bootstrap": 200,
        "params": {"tomotopy": {"iterations": 50}, "nmf": {"max_iter": 200}},
        "preprocess": {"no_below": 1, "no_above": 1.0, "min_unit_tokens": 1, "phrase_min_count": 1000}}})
    jobs = {job.name: job for job in stage.STAGE.jobs}
    features = run_job(jobs["topic_features"], config, out, {"sentences": tmp_path / "sentences.parquet",
                                                             "documents": tmp_path / "documents.parquet"})
    models = [run_job(jobs["topic_fit"], config, out, features, engine=engine, k=k, seed=seed)["model"]
              for engine in ("nmf", "tomotopy") for k in (2, 3) for seed in (1, 2)]
    selected = run_job(jobs["topic_select"], config, out, {"models": models})
    return run_job(jobs["topic_report"], config, out, {**features, "selection": selected["selection"], "models": models,
                                                       "documents": tmp_path / "documents.parquet",
                                                       "paragraphs": tmp_path / "paragraphs.parquet"})


def test_topic_stages_are_reproducible_and_complete(tmp_path):
    synthetic_corpus(tmp_path)
    run_all(tmp_path, tmp_path / "a")
    run_all(tmp_path, tmp_path / "b")
    topic_dir = tmp_path / "a" / "results" / "topics"
    for name in ["sweep.parquet", "selection.json", *[f"{t}.parquet" for t in stage.TABLES]]:
        assert (topic_dir / name).read_bytes() == (tmp_path / "b" / "results" / "topics" / name).read_bytes(), name
    sweep = pd.read_parquet(topic_dir / "sweep.parquet")
    assert len(sweep) == 8 and sweep["stability"].between(0, 1).all()
    chosen = json.loads((topic_dir / "selection.json").read_text())
    assert chosen["k"] == 3  # three planted vocabularies
    topics = pd.read_parquet(topic_dir / "topics.parquet")
    assert {"energy", "defence_security", "economy_trade"} == set(topics["theme"])
    prevalence = pd.read_parquet(topic_dir / "prevalence.parquet")
    assert {"source_group", "source_group+period", "source_group+decade", "country+year"} == set(prevalence["grouping"])
    assert (prevalence["ci_low"].fillna(0) <= prevalence["share"] + 1e-12).all()
    for suffix in (".png", ".svg"):
        assert (tmp_path / "a" / "results" / "figures" / f"topic_sweep{suffix}").stat().st_size > 1000
        assert (tmp_path / "a" / "results" / "figures" / f"topic_prevalence_by_decade{suffix}").exists()
