"""Statistics shared by the analysis stages: the bootstrap (one resampling core, `bootstrap_totals`),
Jensen-Shannon divergence with permutation p-values, Benjamini-Hochberg correction, and log-odds
ratios with an informative Dirichlet prior.

Conventions stated once, here: `jensen_shannon` returns the divergence (not its square root, the
distance) in bits (log base 2), so it lies in [0, 1]. Every bootstrap resamples rows (the independent
units, usually documents) with replacement through `bootstrap_totals`, `draws` times, with a generator
of its own per table cell (`cell_rng`), so a cell's interval does not depend on which other cells the
table has.
"""

from __future__ import annotations

import hashlib
import json
from typing import Sequence

import numpy as np
import pandas as pd


def cell_rng(seed: int, key: Sequence) -> np.random.Generator:
    """The random generator of one table cell, from the run's seed and the cell's key (grouping, group
    values, theme or actor pair): the same cell draws the same resamples whatever else the table holds."""
    digest = hashlib.sha256(json.dumps([str(part) for part in key]).encode()).digest()
    return np.random.default_rng([seed, *np.frombuffer(digest[:16], dtype=np.uint32).tolist()])


def bootstrap_totals(arrays: Sequence[np.ndarray], draws: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The one resampling core: draw `draws` resamples of the n rows with replacement
    (`rng.integers(0, n, size=(draws, n))`, one draw shared by all arrays) and return, for every array
    (rows the same n units, any further axes columns), its column sums in each resample: shape
    (draws,) for a 1-D array, (draws, columns) for a 2-D one. Each array is summed on its own, so the
    sums are those of indexing and summing it directly."""
    arrays = [np.asarray(a) for a in arrays]
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ValueError("bootstrap_totals: arrays of different lengths")
    picks = rng.integers(0, n, size=(draws, n))
    return [a[picks].sum(axis=1) for a in arrays]


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon divergence of two distributions (normalised here), log base 2, in [0, 1]."""
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    p, q = p / p.sum(), q / q.sum()
    m = (p + q) / 2

    def kl(a: np.ndarray, b: np.ndarray) -> float:
        mask = a > 0
        return float(np.sum(a[mask] * np.log2(a[mask] / b[mask])))

    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def jensen_shannon_rows(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """`jensen_shannon` of every row pair of two count matrices (rows normalised here), in bits."""
    p = p / p.sum(axis=1, keepdims=True)
    q = q / q.sum(axis=1, keepdims=True)
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_p = np.where(p > 0, p * np.log2(p / m), 0.0).sum(axis=1)
        kl_q = np.where(q > 0, q * np.log2(q / m), 0.0).sum(axis=1)
    return 0.5 * kl_p + 0.5 * kl_q


def permutation_jsd(counts_a: np.ndarray, counts_b: np.ndarray, permutations: int,
                    seed: int) -> tuple[float, float]:
    """JSD between two groups' category totals, and its permutation p-value.

    Rows are the units that are exchangeable under the null hypothesis, documents (a speech), columns
    categories: sentences of one speech are not independent, so whole documents are shuffled between
    the groups, not sentences. The p-value is the share of shufflings (plus the observed one) whose JSD
    is at least the observed one. With one sentence per row this is the plain label permutation."""
    counts_a, counts_b = np.atleast_2d(counts_a).astype(float), np.atleast_2d(counts_b).astype(float)
    observed = jensen_shannon(counts_a.sum(axis=0), counts_b.sum(axis=0))
    pooled = np.vstack([counts_a, counts_b])
    rng = np.random.default_rng(seed)
    picks = rng.random((permutations, len(pooled))).argsort(axis=1)[:, :len(counts_a)]
    drawn_a = pooled[picks].sum(axis=1)
    null = jensen_shannon_rows(drawn_a, pooled.sum(axis=0) - drawn_a)
    exceed = int(np.sum(null >= observed - 1e-12))
    return observed, (exceed + 1) / (permutations + 1)


def bootstrap_ratio(numerators: np.ndarray, denominators: np.ndarray, draws: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """95% percentile intervals of sum(numerators) / sum(denominators) when the rows (documents) are
    resampled with replacement: a cluster bootstrap. `numerators` may have several columns (one share per
    category); NaN where fewer than two rows."""
    numerators = np.asarray(numerators, dtype=float)
    columns = numerators.shape[1] if numerators.ndim == 2 else None
    if len(numerators) < 2:
        nan = np.full(columns, np.nan) if columns else np.nan
        return nan, nan
    sums, totals = bootstrap_totals([numerators, np.asarray(denominators, dtype=float)], draws, rng)
    ratios = sums / (totals[:, None] if columns else totals)
    return np.nanpercentile(ratios, 2.5, axis=0), np.nanpercentile(ratios, 97.5, axis=0)


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values), in the input order."""
    p = np.asarray(p_values, dtype=float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def log_odds_dirichlet(counts_group: pd.Series, counts_rest: pd.Series, prior: pd.Series,
                       prior_scale: float | None = None) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22) of
    each term in a group against the rest, with its variance and z-score. The prior is the whole
    corpus's counts, scaled to `prior_scale` pseudo-counts (default: its own total)."""
    terms = prior.index
    y_i = counts_group.reindex(terms, fill_value=0).astype(float)
    y_j = counts_rest.reindex(terms, fill_value=0).astype(float)
    alpha = prior.astype(float)
    if prior_scale is not None:
        alpha = alpha / alpha.sum() * prior_scale
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = (np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return pd.DataFrame({"term": terms, "log_odds": delta.to_numpy(), "variance": variance.to_numpy(),
                         "z": (delta / np.sqrt(variance)).to_numpy(), "count_group": y_i.to_numpy(),
                         "count_rest": y_j.to_numpy()})
