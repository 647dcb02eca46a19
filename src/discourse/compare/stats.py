"""Statistics for comparing groups: Jensen-Shannon divergence with permutation p-values,
Benjamini-Hochberg correction, and log-odds ratios with an informative Dirichlet prior.

Conventions stated once, here: `jensen_shannon` returns the divergence (not its square root, the
distance) in bits (log base 2), so it lies in [0, 1].
"""

from __future__ import annotations

import numpy as np
import pandas as pd


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


def permutation_jsd(labels_a: np.ndarray, labels_b: np.ndarray, categories: list, permutations: int,
                    seed: int) -> tuple[float, float]:
    """JSD between the category distributions of two samples, and its permutation p-value: the share
    of label shufflings (plus the observed one) whose JSD is at least the observed JSD.

    Shuffling the group labels of the pooled items and counting the categories that land in group a
    is a draw from the multivariate hypergeometric distribution of the pooled counts, so the
    permutations are drawn that way, all at once, instead of shuffling item by item."""
    index = {c: i for i, c in enumerate(categories)}
    counts_a = np.bincount([index[x] for x in labels_a], minlength=len(categories))
    counts_b = np.bincount([index[x] for x in labels_b], minlength=len(categories))
    observed = jensen_shannon(counts_a, counts_b)
    pooled = counts_a + counts_b
    rng = np.random.default_rng(seed)
    drawn_a = rng.multivariate_hypergeometric(pooled, int(counts_a.sum()), size=permutations)
    null = jensen_shannon_rows(drawn_a.astype(float), (pooled - drawn_a).astype(float))
    exceed = int(np.sum(null >= observed - 1e-12))
    return observed, (exceed + 1) / (permutations + 1)


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
