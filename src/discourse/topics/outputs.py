"""What a fitted topic model says: terms, labels, shares, prevalence by group, themes, the paper's sections.

Functions take arrays and tables and return tables; nothing here fits a model or draws a figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from discourse.lexicons import CueEntry, CueLexicon
from discourse.stats import bootstrap_totals
from discourse.topics.engines import TopicModel


def ecdf_rank(values: np.ndarray) -> np.ndarray:
    """Empirical CDF of each value within its row (ties share the higher rank)."""
    order = np.sort(values, axis=1)
    return np.stack([np.searchsorted(order[i], values[i], side="right") / values.shape[1]
                     for i in range(values.shape[0])])


def frex(topic_word: np.ndarray, weight: float = 0.5) -> np.ndarray:
    """FREX (Bischof & Airoldi 2012, as in stm): harmonic mean of a term's frequency and exclusivity ranks."""
    exclusivity = topic_word / np.maximum(topic_word.sum(axis=0, keepdims=True), 1e-300)
    return 1.0 / (weight / np.maximum(ecdf_rank(exclusivity), 1e-12) + (1 - weight) / np.maximum(ecdf_rank(topic_word), 1e-12))


def topic_terms(model: TopicModel, n: int) -> pd.DataFrame:
    """Top terms per topic by probability and by FREX."""
    scores = frex(model.topic_word)
    rows = []
    for topic in range(model.k):
        for by, values in (("probability", model.topic_word[topic]), ("frex", scores[topic])):
            order = np.lexsort((np.arange(values.size), -values))[:n]
            rows += [{"topic": topic, "by": by, "rank": rank, "term": model.vocabulary[j],
                      "probability": float(model.topic_word[topic, j]), "frex": float(scores[topic, j])}
                     for rank, j in enumerate(order, 1)]
    return pd.DataFrame(rows)


def topic_labels(terms: pd.DataFrame, n: int = 3) -> dict[int, str]:
    frex_terms = terms[(terms["by"] == "frex") & (terms["rank"] <= n)].sort_values(["topic", "rank"])
    return {int(t): " / ".join(g["term"]) for t, g in frex_terms.groupby("topic")}


def unit_topic_table(model: TopicModel, unit_ids: list[str], doc_ids: list[str], paragraph_ids: list[str]) -> pd.DataFrame:
    shares = model.unit_topic
    return pd.DataFrame({"unit_id": np.repeat(unit_ids, model.k), "doc_id": np.repeat(doc_ids, model.k),
                         "paragraph_id": np.repeat(paragraph_ids, model.k),
                         "topic": np.tile(np.arange(model.k), len(unit_ids)), "share": shares.ravel()})


def document_topics(model: TopicModel, doc_ids: list[str], unit_lengths: np.ndarray) -> pd.DataFrame:
    """Each document's topic shares: its units' shares weighted by their token counts."""
    frame = pd.DataFrame(model.unit_topic * unit_lengths[:, None])
    frame["doc_id"] = doc_ids
    weights = pd.Series(unit_lengths, index=frame.index).groupby(frame["doc_id"]).sum()
    sums = frame.groupby("doc_id").sum()
    shares = sums.div(weights, axis=0)
    long = shares.reset_index().melt(id_vars="doc_id", var_name="topic", value_name="share")
    long["topic"] = long["topic"].astype(int)
    return long.sort_values(["doc_id", "topic"]).reset_index(drop=True)


def representative_units(unit_topics: pd.DataFrame, paragraphs: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n units with the highest share of each topic, with their paragraph text."""
    top = (unit_topics.sort_values(["topic", "share", "unit_id"], ascending=[True, False, True])
           .groupby("topic").head(n))
    top = top.assign(rank=top.groupby("topic").cumcount() + 1)
    return top.merge(paragraphs[["paragraph_id", "text"]], on="paragraph_id", how="left").reset_index(drop=True)


def bootstrap_mean(values: np.ndarray, rng: np.random.Generator, draws: int) -> tuple[float, float]:
    """95% percentile interval of the mean of `values` (one per document) when the documents are
    resampled with replacement (`discourse.stats.bootstrap_totals`); NaN where fewer than two."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return float("nan"), float("nan")
    (totals,) = bootstrap_totals([values], draws, rng)
    means = totals / len(values)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


# the group columns of the prevalence table: a block of one grouping has the others null
PREVALENCE_GROUP_COLUMNS = ("source_group", "period", "decade", "country", "year")


def prevalence(doc_topics: pd.DataFrame, documents: pd.DataFrame, grouping: list[str], draws: int,
               seed: int) -> pd.DataFrame:
    """Mean document share of each topic per group, with a percentile bootstrap 95% interval over
    documents (resampled within the group). Every column of `PREVALENCE_GROUP_COLUMNS` is present, null
    where the grouping does not use it (a grouping column outside them is kept, and the contract rejects it)."""
    frame = doc_topics.merge(documents[["doc_id", *grouping]], on="doc_id").dropna(subset=grouping)
    group_columns = [*PREVALENCE_GROUP_COLUMNS, *(c for c in grouping if c not in PREVALENCE_GROUP_COLUMNS)]
    rows = []
    rng = np.random.default_rng(seed)
    for keys, group in frame.groupby(grouping + ["topic"], sort=True):
        values = group["share"].to_numpy()
        low, high = bootstrap_mean(values, rng, draws)
        rows.append({**dict.fromkeys(group_columns), **dict(zip(grouping + ["topic"], keys)),
                     "share": float(values.mean()), "ci_low": low, "ci_high": high, "n_documents": int(len(values))})
    return pd.DataFrame(rows, columns=[*group_columns, "topic", "share", "ci_low", "ci_high", "n_documents"])


def theme_terms(entry: CueEntry) -> list[str]:
    """A theme's cue lemmas and phrases in the topic models' feature form (phrases joined by _)."""
    return [*entry.lemmas, *(p.replace(" ", "_") for p in entry.phrases)]


def theme_map(model: TopicModel, themes: CueLexicon) -> pd.DataFrame:
    """Each topic's overlap with each theme: the probability mass of the theme's cue terms in the topic."""
    index = {term: j for j, term in enumerate(model.vocabulary)}
    rows = []
    for theme, entry in themes.entries.items():
        cues = sorted({index[c] for c in theme_terms(entry) if c in index})
        scores = model.topic_word[:, cues].sum(axis=1) if cues else np.zeros(model.k)
        for topic in range(model.k):
            rows.append({"topic": topic, "theme": theme, "score": float(scores[topic]), "n_cues_in_vocabulary": len(cues)})
    frame = pd.DataFrame(rows)
    best = frame.sort_values(["topic", "score", "theme"], ascending=[True, False, True]).groupby("topic").head(1)
    frame["best"] = frame.index.isin(best.index)
    return frame


def paper_structure_agreement(unit_topics: pd.DataFrame, paragraphs: pd.DataFrame, doc_id: str) -> dict[str, Any]:
    """How well dominant topics recover the paper's top-level sections: NMI and adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    units = unit_topics[unit_topics["doc_id"] == doc_id]
    if units.empty:
        return {"doc_id": doc_id, "n_paragraphs": 0, "nmi": None, "ari": None}
    dominant = units.sort_values(["unit_id", "share"], ascending=[True, False]).groupby("unit_id").head(1)
    sections = paragraphs.set_index("paragraph_id")["heading_path"].str.split(" > ").str[0]
    dominant = dominant.assign(section=dominant["paragraph_id"].map(sections)).dropna(subset=["section"])
    return {"doc_id": doc_id, "n_paragraphs": int(len(dominant)),
            "nmi": float(normalized_mutual_info_score(dominant["section"], dominant["topic"])),
            "ari": float(adjusted_rand_score(dominant["section"], dominant["topic"])),
            "sections": int(dominant["section"].nunique()), "topics_used": int(dominant["topic"].nunique())}
