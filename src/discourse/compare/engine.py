"""Stage `compare`: framing compared across sources, countries and periods, every cell with its evidence.

Groups come from `compare.groupings` (default: source group; source group x period; source group x
decade). Each table cell lists the ids of its top example sentences (`evidence`); the `evidence`
table holds their text and metadata, so a reader can check any number against the sentences behind it.

Statistics (conventions in `discourse.stats`; every bootstrap resamples documents within the group, the
sentences or relations of a one-document group such as the paper, see `resampling_units`):
- frame shares per theme and group, percentile-bootstrap 95% intervals;
- Jensen-Shannon divergence (bits, the divergence itself) between groups' frame distributions, with
  permutation p-values and Benjamini-Hochberg adjustment over every test of the table;
- keyness: log-odds ratios with an informative Dirichlet prior (the whole corpus) of each group vs the rest;
- dyads: relation counts, mean Goldstein-style score (bootstrap interval) and class shares per actor pair;
- certainty: hedges and boosters per 1,000 tokens and the pooled certainty index (documents resampled).
"""

from __future__ import annotations

import logging
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from discourse.framing.certainty import certainty_index
from discourse.stats import (benjamini_hochberg, bootstrap_ratio, bootstrap_totals, cell_rng, log_odds_dirichlet,
                              permutation_jsd)

log = logging.getLogger(__name__)

ALL_THEMES = "all"
GROUP_COLUMNS = ("source_group", "period", "decade")
KEYNESS_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_BATCH = 20_000


def grouping_name(grouping: list[str]) -> str:
    return "+".join(grouping)


def group_keys(frame: pd.DataFrame, grouping: list[str]) -> dict[str, Any]:
    """The group columns of a table row block: the grouping's values, null for the others."""
    first = frame.iloc[0]
    return {"grouping": grouping_name(grouping),
            **{c: (first[c] if c in grouping else None) for c in GROUP_COLUMNS}}


def iter_groups(frame: pd.DataFrame, grouping: list[str]) -> Iterator[tuple[tuple, pd.DataFrame]]:
    """Groups in a stable order, rows without a value of a grouping column left out."""
    usable = frame.dropna(subset=grouping)
    yield from usable.groupby(grouping, sort=True)


def resampling_units(block: pd.DataFrame, unit: str = "doc_id") -> pd.Series:
    """What the bootstrap and permutations treat as independent: documents (a speech's sentences are not
    independent of each other); for a one-document group (the paper), its rows (sentences, relations)."""
    return block[unit] if block[unit].nunique() > 1 else pd.Series(np.arange(len(block)), index=block.index)


def frame_counts(block: pd.DataFrame, frames: list[str], units: pd.Series) -> np.ndarray:
    """Primary-frame counts per resampling unit: rows units, columns `frames`."""
    return pd.crosstab(units, block["primary_frame"]).reindex(columns=frames, fill_value=0).to_numpy()


def top_evidence(frame: pd.DataFrame, keys: list[str], by: str, n: int) -> dict[tuple, list[str]]:
    """For every cell (combination of `keys`), its first n distinct sentence ids by `by` descending, then
    sentence id (deterministic), for all cells at once."""
    ordered = (frame.sort_values([*keys, by, "sentence_id"], ascending=[*[True] * len(keys), False, True])
               .drop_duplicates([*keys, "sentence_id"]))
    firsts = ordered.groupby(keys, sort=False, dropna=False).head(n)
    return {key if isinstance(key, tuple) else (key,): ids.tolist()
            for key, ids in firsts.groupby(keys, sort=False, dropna=False)["sentence_id"]}


def sentence_themes(framing: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, theme), plus every sentence under theme `all`."""
    exploded = framing.explode("themes").dropna(subset=["themes"]).rename(columns={"themes": "theme"})
    everything = framing.drop(columns=["themes"]).assign(theme=ALL_THEMES)
    return pd.concat([everything, exploded], ignore_index=True)


def frame_distribution(themed: pd.DataFrame, groupings: list[list[str]], draws: int, evidence: int,
                       seed: int) -> pd.DataFrame:
    rows = []
    for grouping in groupings:
        usable = themed.dropna(subset=grouping)
        examples = top_evidence(usable, [*grouping, "theme", "primary_frame"], "primary_score", evidence)
        for key, group in usable.groupby(grouping, sort=True):
            key = key if isinstance(key, tuple) else (key,)
            keys = group_keys(group, grouping)
            for theme, block in group.groupby("theme", sort=True):
                counts = block["primary_frame"].value_counts().sort_index()
                per_unit = frame_counts(block, list(counts.index), resampling_units(block))
                rng = cell_rng(seed, (grouping_name(grouping), *key, theme))
                low, high = bootstrap_ratio(per_unit, per_unit.sum(axis=1), draws, rng)
                total = int(counts.sum())
                for (frame, count), lo, hi in zip(counts.items(), low, high):
                    rows.append({**keys, "theme": theme, "frame": frame, "sentences": int(count), "total": total,
                                 "share": count / total, "ci_low": float(lo), "ci_high": float(hi),
                                 "evidence": examples[(*key, theme, frame)]})
    return pd.DataFrame(rows)


def comparison_pairs(groups: list[tuple], grouping: list[str], max_pairwise: int,
                     reference: str) -> list[tuple[tuple, tuple]]:
    """Which groups are compared. One column: every pair, or with more than `max_pairwise` groups (every
    country of the UN) only the pairs with the reference group (the paper). Several columns: groups that
    differ only in the last column (a source in two periods), consecutive ones for decades."""
    if len(grouping) == 1:
        if len(groups) > max_pairwise and any(g[0] == reference for g in groups):
            return [(g, h) for g, h in combinations(groups, 2) if reference in (g[0], h[0])]
        return list(combinations(groups, 2))
    by_prefix: dict[tuple, list[tuple]] = {}
    for group in groups:
        by_prefix.setdefault(group[:-1], []).append(group)
    pairs = []
    for members in by_prefix.values():
        members = sorted(members)
        pairs += list(zip(members, members[1:])) if grouping[-1] == "decade" else list(combinations(members, 2))
    return pairs


def reference_first(a: tuple, b: tuple, reference: str) -> tuple[tuple, tuple]:
    """Put the reference group (the paper) on the left of a comparison, so its rows read "paper vs ..."."""
    return (b, a) if b[0] == reference and a[0] != reference else (a, b)


def frame_divergence(themed: pd.DataFrame, groupings: list[list[str]], permutations: int, min_sentences: int,
                     evidence: int, seed: int, max_pairwise: int, reference: str) -> pd.DataFrame:
    categories = sorted(themed["primary_frame"].unique())
    rows = []
    for grouping in groupings:
        blocks = {key if isinstance(key, tuple) else (key,): g for key, g in iter_groups(themed, grouping)}
        for theme in sorted(themed["theme"].unique()):
            by_group = {k: g[g["theme"] == theme] for k, g in blocks.items()}
            present = sorted(k for k, g in by_group.items() if len(g) >= min_sentences)
            for a, b in comparison_pairs(present, grouping, max_pairwise, reference):
                a, b = reference_first(a, b, reference)
                block_a, block_b = by_group[a], by_group[b]
                jsd, p_value = permutation_jsd(frame_counts(block_a, categories, block_a["doc_id"]),
                                               frame_counts(block_b, categories, block_b["doc_id"]), permutations,
                                               seed)
                share_a = block_a["primary_frame"].value_counts(normalize=True)
                share_b = block_b["primary_frame"].value_counts(normalize=True)
                gap = share_a.sub(share_b, fill_value=0).abs().sort_index().sort_values(ascending=False, kind="stable")
                widest = gap.index[0]  # the frame the two groups differ on most: its sentences are the evidence
                ids = [i for block in (block_a, block_b) for i in top_evidence(
                    block[block["primary_frame"] == widest], ["primary_frame"], "primary_score", evidence).get((widest,), [])]
                rows.append({"grouping": grouping_name(grouping), "theme": theme,
                             "group_a": " / ".join(map(str, a)), "group_b": " / ".join(map(str, b)),
                             "n_a": len(block_a), "n_b": len(block_b), "jsd": jsd, "p_value": p_value,
                             "top_frame_a": share_a.sort_index().idxmax(), "top_frame_b": share_b.sort_index().idxmax(),
                             "evidence": ids})
    frame = pd.DataFrame(rows, columns=["grouping", "theme", "group_a", "group_b", "n_a", "n_b", "jsd", "p_value",
                                        "top_frame_a", "top_frame_b", "evidence"])
    frame["p_adjusted"] = benjamini_hochberg(frame["p_value"].to_numpy()) if len(frame) else []
    return frame


def iter_sentence_terms(sentences_path: Path, keep: set[str]) -> Iterator[tuple[str, list[str]]]:
    """(sentence id, its content lemmas) streamed from the sentences table, batch by batch."""
    for batch in pq.ParquetFile(sentences_path).iter_batches(batch_size=_BATCH,
                                                              columns=["sentence_id", "doc_id", "lemmas", "pos"]):
        for sentence_id, doc_id, lemmas, pos in zip(*(batch.column(i).to_pylist() for i in range(4))):
            if doc_id not in keep:
                continue
            yield sentence_id, [l for l, p in zip(lemmas.split(), pos.split())
                                if p in KEYNESS_POS and l.isalpha() and len(l) > 2]


def sentence_labels(sentence_groups: pd.DataFrame, grouping: list[str]) -> dict[str, tuple]:
    """sentence id -> its group under a grouping (sentences without a value left out)."""
    usable = sentence_groups.dropna(subset=grouping)
    return dict(zip(usable["sentence_id"], zip(*(usable[c] for c in grouping))))


def keyness(sentences_path: Path, sentence_groups: pd.DataFrame, groupings: list[list[str]], top_n: int,
            evidence: int, prior_scale: float | None, min_count: int) -> pd.DataFrame:
    """Each group's most over- and under-represented lemmas against all other groups of its grouping."""
    labels = {grouping_name(g): sentence_labels(sentence_groups, g) for g in groupings}
    counts: dict[str, dict[tuple, Counter]] = {name: {} for name in labels}
    corpus: Counter = Counter()
    documents = set(sentence_groups["doc_id"])
    for sentence_id, terms in iter_sentence_terms(sentences_path, documents):
        corpus.update(terms)
        for name, label in labels.items():
            if sentence_id in label:
                counts[name].setdefault(label[sentence_id], Counter()).update(terms)
    prior = pd.Series({t: c for t, c in corpus.items() if c >= min_count}, dtype=float).sort_index()
    wanted: dict[tuple[str, tuple, str], list[str]] = {}
    rows = []
    for grouping in groupings:
        name = grouping_name(grouping)
        totals = sum(counts[name].values(), Counter())
        for group in sorted(counts[name]):
            own = pd.Series(counts[name][group], dtype=float)
            rest = pd.Series(totals, dtype=float).sub(own, fill_value=0)
            scores = log_odds_dirichlet(own, rest, prior, prior_scale)
            # over-represented: terms the group uses, z > 0; under-represented: z < 0, including terms it never uses
            over = scores[(scores["z"] > 0) & (scores["count_group"] > 0)].sort_values(
                ["z", "term"], ascending=[False, True]).head(top_n)
            over = over.assign(rank=range(1, len(over) + 1), direction="over")
            under = scores[scores["z"] < 0].sort_values(["z", "term"]).head(top_n)
            under = under.assign(rank=range(1, len(under) + 1), direction="under")
            keys = {"grouping": name, **{c: (group[grouping.index(c)] if c in grouping else None)
                                         for c in GROUP_COLUMNS}}
            for _, row in pd.concat([over, under]).iterrows():
                wanted[(name, group, row["term"])] = []
                rows.append({**keys, "_group": group, "term": row["term"], "direction": row["direction"],
                             "count": int(row["count_group"]),
                             "count_rest": int(row["count_rest"]), "log_odds": row["log_odds"], "z": row["z"],
                             "rank": int(row["rank"])})
    collect_term_evidence(sentences_path, labels, wanted, evidence, documents)
    for row in rows:
        row["evidence"] = wanted[(row["grouping"], row.pop("_group"), row["term"])]
    return pd.DataFrame(rows)


def collect_term_evidence(sentences_path: Path, labels: dict[str, dict[str, tuple]],
                          wanted: dict[tuple[str, tuple, str], list[str]], evidence: int, documents: set[str]) -> None:
    """Fill `wanted[(grouping, group, term)]` with the first sentences (corpus order) of the group using the term."""
    terms_wanted = {term for _, _, term in wanted}
    for sentence_id, terms in iter_sentence_terms(sentences_path, documents):
        present = terms_wanted.intersection(terms)
        if not present:
            continue
        for name, label in labels.items():
            if sentence_id not in label:
                continue
            group = label[sentence_id]
            for term in present:
                ids = wanted.get((name, group, term))
                if ids is not None and len(ids) < evidence:
                    ids.append(sentence_id)


def mean_score_interval(block: pd.DataFrame, draws: int, rng: np.random.Generator) -> tuple[float, float]:
    """Bootstrap interval of a cell's mean score, documents resampled (relations for a one-document cell)."""
    units = resampling_units(block)
    per_unit = block.groupby(units.to_numpy())["score"].agg(["sum", "size"])
    low, high = bootstrap_ratio(per_unit["sum"].to_numpy(), per_unit["size"].to_numpy(), draws, rng)
    return float(low), float(high)


def dyads(relations: pd.DataFrame, groupings: list[list[str]], draws: int, evidence: int, seed: int) -> pd.DataFrame:
    relations = relations.assign(actor_a=np.minimum(relations["source"], relations["target"]),
                                 actor_b=np.maximum(relations["source"], relations["target"]),
                                 strength=relations["score"].abs())
    relations = relations[relations["actor_a"] != relations["actor_b"]]
    # after merging (SUN counts as RUS) a sentence may relate the same pair twice: keep its strongest relation
    relations = (relations.sort_values(["sentence_id", "actor_a", "actor_b", "strength"], ascending=[True, True, True, False])
                 .drop_duplicates(["sentence_id", "actor_a", "actor_b"]))
    return pair_aggregates(relations, ("actor_a", "actor_b"), groupings, GROUP_COLUMNS, draws, evidence, seed)


SPEAKER_GROUPINGS = (["period"], ["decade"], ["year"])
SPEAKER_GROUP_COLUMNS = ("period", "decade", "year")


def speaker_dyads(speaker_relations: pd.DataFrame, draws: int, evidence: int, seed: int) -> pd.DataFrame:
    """How each speaking state speaks of each actor, per period, decade and year: its own acts towards it
    ("we condemn ...", "my Government supports ..."), directed from the speaker to the target."""
    acts = speaker_relations[speaker_relations["speaker"] != speaker_relations["target"]]
    acts = acts.assign(strength=acts["score"].abs())
    return pair_aggregates(acts, ("speaker", "target"), [list(g) for g in SPEAKER_GROUPINGS], SPEAKER_GROUP_COLUMNS,
                           draws, evidence, seed)


def pair_aggregates(relations: pd.DataFrame, pair: tuple[str, str], groupings: list[list[str]],
                    group_columns: tuple[str, ...], draws: int, evidence: int, seed: int) -> pd.DataFrame:
    """Relations per cell (grouping values and actor pair): count, mean score with a bootstrap interval
    (documents resampled), the shares of each polarity and quad class, and the strongest sentences."""
    if relations.empty:
        return pd.DataFrame()  # written as the table's empty contract
    tables = []
    for grouping in groupings:
        usable = relations.dropna(subset=grouping)
        cell = [*grouping, *pair]
        grouped = usable.groupby(cell, sort=True)
        table = grouped.agg(relations=("score", "size"), mean_score=("score", "mean")).reset_index()
        # shares of all relations of the cell (neutral ones have no quad class: "none" keeps them in the base)
        classes = usable.assign(quad_class=usable["quad_class"].fillna("none"))
        for column, values in (("polarity", ("cooperation", "conflict", "neutral")), ("quad_class", QUADS)):
            shares = pd.crosstab([classes[c] for c in cell], classes[column], normalize="index")
            shares = shares.reindex(columns=list(values), fill_value=0.0).add_prefix("share_").reset_index()
            table = table.merge(shares, on=cell, how="left")
        table[[f"share_{q}" for q in QUADS]] = table[[f"share_{q}" for q in QUADS]].fillna(0.0)
        intervals = [mean_score_interval(block, draws, cell_rng(seed, (grouping_name(grouping), *key)))
                     for key, block in grouped]
        table["ci_low"], table["ci_high"] = [i[0] for i in intervals], [i[1] for i in intervals]
        examples = top_evidence(usable, cell, "strength", evidence)
        table["evidence"] = [examples[tuple(key)] for key in table[cell].itertuples(index=False)]
        table["grouping"] = grouping_name(grouping)
        # the group columns this grouping does not use are null (the table has all of them)
        table = table.assign(**{c: None for c in group_columns if c not in grouping})
        tables.append(table)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def certainty(framing: pd.DataFrame, doc_certainty: pd.DataFrame, groupings: list[list[str]], draws: int,
              evidence: int, seed: int) -> pd.DataFrame:
    framing = framing.assign(markers=framing["hedges"].str.len() + framing["boosters"].str.len())
    rows = []
    marked = framing[framing["markers"] > 0]
    for grouping in groupings:
        examples = top_evidence(marked.dropna(subset=grouping), grouping, "markers", evidence)
        for key, docs in iter_groups(doc_certainty, grouping):
            keys = group_keys(docs, grouping)
            hedges, boosters, tokens = (docs[c].to_numpy() for c in ("hedges", "boosters", "tokens"))
            index = certainty_index(int(hedges.sum()), int(boosters.sum()), int(tokens.sum()))
            per_1k = {"hedges_per_1k": hedges.sum() * 1000 / max(tokens.sum(), 1),
                      "boosters_per_1k": boosters.sum() * 1000 / max(tokens.sum(), 1)}
            if len(docs) == 1:
                # one document (the paper): resample its sentences instead of documents
                own = framing[framing["doc_id"] == docs["doc_id"].iloc[0]]
                hedges, boosters = own["hedges"].str.len().to_numpy(), own["boosters"].str.len().to_numpy()
            if len(hedges) > 1:
                rng = cell_rng(seed, (grouping_name(grouping), *(key if isinstance(key, tuple) else (key,))))
                h, b = bootstrap_totals([hedges, boosters], draws, rng)
                low, high = (float(np.percentile((b - h) / (b + h + 1), q)) for q in (2.5, 97.5))
            else:
                low = high = float("nan")
            rows.append({**keys, "documents": len(docs), "sentences": int(docs["sentences"].sum()), **per_1k,
                         "certainty_index": index, "ci_low": low, "ci_high": high,
                         "evidence": examples.get(key if isinstance(key, tuple) else (key,), [])})
    return pd.DataFrame(rows)


def evidence_table(ids: Iterable[str], sentences_path: Path, framing: pd.DataFrame,
                   documents: pd.DataFrame) -> pd.DataFrame:
    """Text and metadata of every cited sentence."""
    wanted = set(ids)
    parts = []
    for batch in pq.ParquetFile(sentences_path).iter_batches(batch_size=_BATCH, columns=["sentence_id", "doc_id", "text"]):
        chunk = batch.to_pandas()
        parts.append(chunk[chunk["sentence_id"].isin(wanted)])
    texts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["sentence_id", "doc_id", "text"])
    meta = documents[["doc_id", "source_group", "country", "year", "speaker", "author", "title"]].copy()
    meta["speaker"] = meta["speaker"].fillna(meta["author"])
    table = (texts.merge(meta.drop(columns=["author"]), on="doc_id", how="left")
             .merge(framing[["sentence_id", "themes", "primary_frame"]], on="sentence_id", how="left"))
    return table.sort_values("sentence_id").reset_index(drop=True)
