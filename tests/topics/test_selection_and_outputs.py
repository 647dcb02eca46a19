import numpy as np
import pandas as pd
import pytest

from discourse.framing.lexicon import CueEntry, CueLexicon
import scipy.sparse as sp

from discourse.topics.engines import TopicModel, fit_model
from discourse.topics.outputs import (bootstrap_mean, document_topics, frex, paper_structure_agreement, prevalence,
                                      theme_map, topic_terms)
from discourse.topics.selection import align_topics, choose_model, topic_stability
from tests.conftest import default_config


def test_hungarian_alignment_hand_case():
    a = [["gas", "oil", "pipeline"], ["war", "troop", "army"]]
    b = [["war", "troop", "peace"], ["gas", "oil", "pipeline"]]
    matched, similarity = align_topics(a, b)
    assert matched.tolist() == [1, 0]
    assert similarity.tolist() == [1.0, 0.5]  # {war, troop} shared of {war, troop, army, peace}


def test_topic_stability_over_three_runs():
    run = [["a", "b"], ["c", "d"]]
    shifted = [["c", "d"], ["a", "x"]]
    stability = topic_stability([run, run, shifted])
    # topic 0: 1 (vs run 2), 1/3 (vs run 3), 1/3 (run 2 vs run 3); topic 1: 1, 1, 1
    assert np.allclose(stability, [(1 + 1 / 3 + 1 / 3) / 3, 1.0])


def test_choose_model_rule():
    sweep = pd.DataFrame([
        {"engine": "nmf", "k": 10, "seed": 1, "c_v": 0.5, "c_npmi": 0.05, "stability": 0.9},
        {"engine": "nmf", "k": 20, "seed": 1, "c_v": 0.6, "c_npmi": 0.10, "stability": 0.4},
        {"engine": "tomotopy", "k": 10, "seed": 1, "c_v": 0.6, "c_npmi": 0.08, "stability": 0.7},
    ])
    chosen = choose_model(sweep, 0.5)
    assert (chosen["engine"], chosen["k"]) == ("nmf", 10)  # 0.95 beats 0.78; K=20 is not stable enough
    assert choose_model(sweep, 0.95)["k"] == 10 and "no (engine, K)" in choose_model(sweep, 0.95)["rule"]


def test_frex_prefers_exclusive_frequent_terms():
    topic_word = np.array([[0.30, 0.25, 0.20, 0.15, 0.10], [0.30, 0.01, 0.30, 0.30, 0.09]])
    scores = frex(topic_word)
    # term 0 is topic 0's most frequent but shared; term 1 is nearly exclusive to topic 0 (hand-computed
    # FREX: 1 / (0.5/0.6 + 0.5/1.0) = 0.75 against 1 / (0.5/1.0 + 0.5/0.8) = 0.889)
    assert scores[0, 0] == pytest.approx(0.75)
    assert scores[0, 1] == pytest.approx(1 / 1.125)


def test_bootstrap_interval_brackets_the_mean():
    rng = np.random.default_rng(0)
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    low, high = bootstrap_mean(values, rng, 2000)
    assert low < values.mean() < high
    assert 0.1 <= low and high <= 0.5


def test_prevalence_and_document_topics_hand_case():
    model = TopicModel("nmf", 2, 1, {}, ["a", "b"], np.eye(2), np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]))
    docs = document_topics(model, ["d1", "d1", "d2"], np.array([3.0, 1.0, 2.0]))
    assert docs.set_index(["doc_id", "topic"])["share"].to_dict() == {("d1", 0): 0.75, ("d1", 1): 0.25,
                                                                      ("d2", 0): 0.5, ("d2", 1): 0.5}
    documents = pd.DataFrame({"doc_id": ["d1", "d2"], "source_group": ["g", "g"]})
    table = prevalence(docs, documents, ["source_group"], 200, 1)
    row = table[table["topic"] == 0].iloc[0]
    assert row["share"] == pytest.approx(0.625) and row["n_documents"] == 2
    assert row["ci_low"] <= 0.625 <= row["ci_high"]


def test_theme_map_scores_cue_mass():
    model = TopicModel("nmf", 2, 1, {}, ["gas", "pipeline", "troop"], np.array([[0.6, 0.3, 0.1], [0.0, 0.1, 0.9]]),
                       np.ones((1, 2)) / 2)
    themes = CueLexicon({"energy": CueEntry("energy", lemmas=("gas", "oil"), phrases=("pipeline",)),
                         "defence_security": CueEntry("defence_security", lemmas=("troop",))}, "", "test")
    table = theme_map(model, themes)
    best = table[table["best"]].set_index("topic")["theme"].to_dict()
    assert best == {0: "energy", 1: "defence_security"}
    assert table[(table.topic == 0) & (table.theme == "energy")]["score"].iloc[0] == pytest.approx(0.9)


def test_paper_structure_agreement_perfect_case():
    units = pd.DataFrame({"unit_id": ["p1", "p1", "p2", "p2", "p3", "p3"], "doc_id": ["x"] * 6,
                          "paragraph_id": ["p1", "p1", "p2", "p2", "p3", "p3"], "topic": [0, 1] * 3,
                          "share": [0.9, 0.1, 0.8, 0.2, 0.1, 0.9]})
    paragraphs = pd.DataFrame({"paragraph_id": ["p1", "p2", "p3"], "heading_path": ["A > a", "A", "B"]})
    result = paper_structure_agreement(units, paragraphs, "x")
    assert result["nmi"] == pytest.approx(1.0) and result["ari"] == pytest.approx(1.0)


@pytest.mark.parametrize("engine", ["tomotopy", "gensim_lda", "gensim_lda_multicore", "nmf"])
def test_engines_are_deterministic_for_a_seed(engine):
    rng = np.random.default_rng(0)
    counts = sp.csr_matrix(rng.poisson(1.0, size=(40, 12)).astype(np.int32))
    vocabulary = [f"w{i:02d}" for i in range(12)]
    small = {"tomotopy": {"iterations": 30}, "gensim_lda": {"iterations": 30, "passes": 2},
             "gensim_lda_multicore": {"iterations": 30, "passes": 2}, "nmf": {"max_iter": 50}}
    params = default_config({"topics": {"params": {engine: small[engine]}}})["topics"]["params"][engine]
    a = fit_model(engine, counts, vocabulary, 3, 7, params)
    b = fit_model(engine, counts, vocabulary, 3, 7, params)
    assert np.array_equal(a.topic_word, b.topic_word) and np.array_equal(a.unit_topic, b.unit_topic)
    assert np.allclose(a.topic_word.sum(axis=1), 1) and np.allclose(a.unit_topic.sum(axis=1), 1)
    terms = topic_terms(a, 5)
    assert set(terms["by"]) == {"probability", "frex"} and len(terms) == 3 * 5 * 2


def test_model_save_load_round_trip(tmp_path):
    model = TopicModel("nmf", 2, 3, {"max_iter": 5}, ["a", "b", "c"], np.array([[0.5, 0.5, 0], [0, 0.2, 0.8]]),
                       np.array([[1.0, 0.0]]), {"c_v": [0.1, 0.2]})
    model.save(tmp_path / "m" / "model.json", tmp_path / "m" / "arrays.npz", 10)
    loaded = TopicModel.load(tmp_path / "m", ["a", "b", "c"])
    assert np.array_equal(loaded.topic_word, model.topic_word) and loaded.extra == model.extra
    import json

    assert json.loads((tmp_path / "m" / "model.json").read_text())["top_terms"][1][0] == "c"
