"""Model selection: coherence (c_v, c_npmi) and stability across seeds, and the rule that picks K.

Stability: topics of two runs are aligned one-to-one with the Hungarian algorithm on the Jaccard
similarity of their top terms; a topic's stability is its mean matched similarity over all pairs of
seeds, a model's is the mean over its topics.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment


def jaccard_matrix(a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    sets_a, sets_b = [set(t) for t in a], [set(t) for t in b]
    return np.array([[len(x & y) / len(x | y) if x | y else 0.0 for y in sets_b] for x in sets_a])


def align_topics(a: list[list[str]], b: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """For each topic of `a`, the matched topic of `b` and their similarity (Hungarian, maximising)."""
    similarity = jaccard_matrix(a, b)
    rows, cols = linear_sum_assignment(-similarity)
    matched = np.empty(len(a), dtype=int)
    matched[rows] = cols
    return matched, similarity[rows, cols][np.argsort(rows)]


def topic_stability(runs: list[list[list[str]]]) -> np.ndarray:
    """Per-topic stability of the first run's topics against every other run (mean matched Jaccard)."""
    if len(runs) < 2:
        raise ValueError("stability needs at least two runs")
    scores = [align_topics(runs[0], other)[1] for other in runs[1:]]
    # also compare the other runs with each other, mapped back onto the first run's topics
    for i, j in itertools.combinations(range(1, len(runs)), 2):
        to_i, _ = align_topics(runs[0], runs[i])
        _, sim = align_topics([runs[i][t] for t in to_i], runs[j])
        scores.append(sim)
    return np.mean(scores, axis=0)


def coherence(top_terms: list[list[str]], texts: list[list[str]], measure: str) -> list[float]:
    """Per-topic coherence with gensim's CoherenceModel ("c_v" or "c_npmi")."""
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    dictionary = Dictionary(texts)
    model = CoherenceModel(topics=top_terms, texts=texts, dictionary=dictionary, coherence=measure, processes=1)
    return [float(x) for x in model.get_coherence_per_topic()]


def choose_model(sweep: pd.DataFrame, min_stability: float) -> dict[str, Any]:
    """The documented rule: among (engine, K) whose mean stability reaches `min_stability`, the one with
    the highest mean c_npmi + mean stability; ties go to the smaller K. If none reaches the threshold,
    the most stable (engine, K)."""
    summary = (sweep.groupby(["engine", "k"]).agg(c_v=("c_v", "mean"), c_npmi=("c_npmi", "mean"),
                                                   stability=("stability", "first")).reset_index())
    eligible = summary[summary["stability"] >= min_stability]
    if eligible.empty:
        best = summary.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
        reason = f"no (engine, K) reached stability {min_stability}: the most stable was taken"
    else:
        eligible = eligible.assign(score=eligible["c_npmi"] + eligible["stability"])
        best = eligible.sort_values(["score", "k", "engine"], ascending=[False, True, True]).iloc[0]
        reason = f"highest mean c_npmi + mean stability among (engine, K) with stability >= {min_stability}"
    return {"engine": best["engine"], "k": int(best["k"]), "c_v": float(best["c_v"]),
            "c_npmi": float(best["c_npmi"]), "stability": float(best["stability"]), "rule": reason}
