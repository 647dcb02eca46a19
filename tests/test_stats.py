"""Each statistic against a small case computed by hand; the bootstraps bit for bit against the code they
replaced (verbatim copies below), for the same seed."""

import math

import numpy as np
import pandas as pd
import pytest

from discourse.compare.engine import certainty
from discourse.stats import (benjamini_hochberg, bootstrap_ratio, bootstrap_totals, jensen_shannon,
                             log_odds_dirichlet, permutation_jsd)
from discourse.topics.outputs import bootstrap_mean


def test_jensen_shannon_hand_cases():
    assert jensen_shannon(np.array([1, 0]), np.array([0, 1])) == pytest.approx(1.0)  # disjoint: 1 bit
    assert jensen_shannon(np.array([2, 2]), np.array([5, 5])) == pytest.approx(0.0)
    # p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4)
    expected = 0.5 * (0.5 * math.log2(0.5 / 0.75) + 0.5 * math.log2(0.5 / 0.25)) + 0.5 * math.log2(1 / 0.75)
    assert jensen_shannon(np.array([1, 1]), np.array([1, 0])) == pytest.approx(expected)  # 0.3113


def one_hot(labels, categories=("a", "b")):
    """One row per item (a document of one sentence)."""
    return np.array([[1 if label == c else 0 for c in categories] for label in labels])


def test_permutation_p_value_small_and_large():
    same = one_hot(["a", "b"] * 20)
    observed, p = permutation_jsd(same, same, 199, 1)
    assert observed == pytest.approx(0.0) and p == 1.0
    observed, p = permutation_jsd(one_hot(["a"] * 30), one_hot(["b"] * 30), 199, 1)
    assert observed == pytest.approx(1.0) and p == pytest.approx(1 / 200)


def test_permutation_shuffles_documents_not_sentences():
    # two documents of 50 sentences each, all "a" in one and all "b" in the other: as sentences the
    # difference would look certain; as documents there are only two ways to split them, both maximal
    observed, p = permutation_jsd(np.array([[50, 0]]), np.array([[0, 50]]), 199, 1)
    assert observed == pytest.approx(1.0) and p == 1.0
    observed, p_sentences = permutation_jsd(one_hot(["a"] * 50), one_hot(["b"] * 50), 199, 1)
    assert p_sentences == pytest.approx(1 / 200)


def test_cluster_bootstrap_of_a_ratio():
    rng = np.random.default_rng(1)
    # three documents with 1 of 2, 1 of 2 and 2 of 4 sentences in a category: every resample gives 1/2
    low, high = bootstrap_ratio(np.array([[1], [1], [2]]), np.array([2, 2, 4]), 200, rng)
    assert low == pytest.approx([0.5]) and high == pytest.approx([0.5])
    low, high = bootstrap_ratio(np.array([1.0, 3.0]), np.array([1, 1]), 500, rng)  # scores of two documents
    assert low == pytest.approx(1.0) and high == pytest.approx(3.0)
    low, high = bootstrap_ratio(np.array([[1]]), np.array([1]), 100, rng)
    assert np.isnan(low).all() and np.isnan(high).all()


def test_benjamini_hochberg_hand_case():
    # p sorted: .01 .02 .03 .04 ; n = 4 -> .04 .04 .04 .04
    q = benjamini_hochberg(np.array([0.04, 0.01, 0.03, 0.02]))
    assert q == pytest.approx([0.04, 0.04, 0.04, 0.04])
    q = benjamini_hochberg(np.array([0.01, 0.5]))
    assert q == pytest.approx([0.02, 0.5])


def test_log_odds_dirichlet_hand_case():
    group = pd.Series({"gas": 3, "war": 1})
    rest = pd.Series({"gas": 1, "war": 3})
    prior = pd.Series({"gas": 4, "war": 4})
    table = log_odds_dirichlet(group, rest, prior).set_index("term")
    # gas: log((3+4)/(4+8-3-4)) - log((1+4)/(4+8-1-4)) = log(7/5) - log(5/7)
    assert table.loc["gas", "log_odds"] == pytest.approx(math.log(7 / 5) - math.log(5 / 7))
    assert table.loc["gas", "variance"] == pytest.approx(1 / 7 + 1 / 5)
    assert table.loc["gas", "z"] == pytest.approx(table.loc["gas", "log_odds"] / math.sqrt(1 / 7 + 1 / 5))
    assert table.loc["war", "log_odds"] == pytest.approx(-table.loc["gas", "log_odds"])


def test_permutation_draws_match_shuffling_labels():
    # one item each: every shuffle gives the same (maximal) divergence, so p = 1
    assert permutation_jsd(one_hot(["x"], "xy"), one_hot(["y"], "xy"), 99, 1) == (pytest.approx(1.0), 1.0)
    # against explicit label shuffling of the pooled items
    a = np.array(["x"] * 14 + ["y"] * 6)
    b = np.array(["x"] * 8 + ["y"] * 12)
    observed, p = permutation_jsd(one_hot(a, "xy"), one_hot(b, "xy"), 4000, 3)
    rng = np.random.default_rng(7)
    pooled = np.concatenate([a, b])
    brute = []
    for _ in range(4000):
        s = rng.permutation(pooled)
        brute.append(jensen_shannon(np.array([(s[:20] == "x").sum(), (s[:20] == "y").sum()]),
                                    np.array([(s[20:] == "x").sum(), (s[20:] == "y").sum()])))
    brute_p = (sum(d >= observed - 1e-12 for d in brute) + 1) / 4001
    assert p == pytest.approx(brute_p, abs=0.03)


# --- the three bootstraps before they shared `bootstrap_totals`, verbatim ---------------------------------

def old_bootstrap_ratio(numerators, denominators, draws, rng):
    numerators = np.asarray(numerators, dtype=float)
    columns = numerators.shape[1] if numerators.ndim == 2 else None
    if len(numerators) < 2:
        nan = np.full(columns, np.nan) if columns else np.nan
        return nan, nan
    picks = rng.integers(0, len(numerators), size=(draws, len(numerators)))
    totals = np.asarray(denominators, dtype=float)[picks].sum(axis=1)
    sums = numerators[picks].sum(axis=1)
    ratios = sums / (totals[:, None] if columns else totals)
    return np.nanpercentile(ratios, 2.5, axis=0), np.nanpercentile(ratios, 97.5, axis=0)


def old_bootstrap_mean(values, rng, draws):
    if len(values) < 2:
        return float("nan"), float("nan")
    means = rng.choice(values, size=(draws, len(values)), replace=True).mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def old_certainty_interval(hedges, boosters, draws, rng):  # the inline block of compare.engine.certainty
    if len(hedges) > 1:
        picks = rng.integers(0, len(hedges), size=(draws, len(hedges)))
        h, b = hedges[picks].sum(axis=1), boosters[picks].sum(axis=1)
        low, high = (float(np.percentile((b - h) / (b + h + 1), q)) for q in (2.5, 97.5))
    else:
        low = high = float("nan")
    return low, high


def new_certainty_interval(hedges, boosters, draws, rng):  # what compare.engine.certainty does now
    if len(hedges) > 1:
        h, b = bootstrap_totals([hedges, boosters], draws, rng)
        low, high = (float(np.percentile((b - h) / (b + h + 1), q)) for q in (2.5, 97.5))
    else:
        low = high = float("nan")
    return low, high


def same_bits(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


SIZES = [0, 1, 2, 3, 7, 8, 9, 17, 130, 1000]


def test_bootstrap_totals_sums_rows_resampled_with_replacement():
    values = np.array([[1, 10], [2, 20], [3, 30]])
    sums, singles = bootstrap_totals([values, values[:, 0]], 4, np.random.default_rng(5))
    picks = np.random.default_rng(5).integers(0, 3, size=(4, 3))
    assert sums.shape == (4, 2) and singles.shape == (4,)
    assert (sums == values[picks].sum(axis=1)).all() and (singles == sums[:, 0]).all()
    with pytest.raises(ValueError):
        bootstrap_totals([values, values[:2]], 4, np.random.default_rng(5))


def test_bootstrap_ratio_bit_identical_to_the_old_code():
    data = np.random.default_rng(11)
    for n in SIZES:
        for columns in (None, 1, 4):
            shape = (n,) if columns is None else (n, columns)
            # integer counts (frame shares) and float scores (dyads' mean Goldstein score)
            for numerators in (data.integers(0, 9, size=shape), data.normal(0, 5, size=shape)):
                denominators = data.integers(1, 12, size=n)
                new_rng, old_rng = np.random.default_rng(n), np.random.default_rng(n)
                for _ in range(3):  # one generator over several cells, as in the stage
                    new = bootstrap_ratio(numerators, denominators, 300, new_rng)
                    old = old_bootstrap_ratio(numerators, denominators, 300, old_rng)
                    assert same_bits(new[0], old[0]) and same_bits(new[1], old[1])
                assert new_rng.random() == old_rng.random()  # the generators are left in the same state


def test_bootstrap_mean_bit_identical_to_the_old_code():
    data = np.random.default_rng(12)
    for n in SIZES:
        values = data.dirichlet(np.ones(5), size=max(n, 1))[:n, 0]  # document shares of a topic
        new_rng, old_rng = np.random.default_rng(n), np.random.default_rng(n)
        for _ in range(3):
            new, old = bootstrap_mean(values, new_rng, 500), old_bootstrap_mean(values, old_rng, 500)
            assert same_bits(new, old)
        assert new_rng.random() == old_rng.random()


def test_certainty_bootstrap_bit_identical_to_the_old_code():
    data = np.random.default_rng(13)
    for n in SIZES:
        hedges, boosters = data.integers(0, 30, size=n), data.integers(0, 30, size=n)
        new_rng, old_rng = np.random.default_rng(n), np.random.default_rng(n)
        for _ in range(3):
            new = new_certainty_interval(hedges, boosters, 400, new_rng)
            old = old_certainty_interval(hedges, boosters, 400, old_rng)
            assert same_bits(new, old)
        assert new_rng.random() == old_rng.random()


def certainty_inputs():
    """Twelve speeches of one country, six per period, and one marked sentence."""
    data = np.random.default_rng(14)
    docs = pd.DataFrame({"doc_id": [f"ungdc:A_{i}" for i in range(12)], "source_group": "UNGDC AAA",
                         "period": ["cold_war"] * 6 + ["post_cold_war"] * 6, "decade": 1980,
                         "sentences": data.integers(5, 50, size=12), "tokens": data.integers(100, 900, size=12),
                         "hedges": data.integers(0, 20, size=12), "boosters": data.integers(0, 20, size=12)})
    framing = pd.DataFrame({"sentence_id": ["ungdc:A_0/p0001/s01"], "doc_id": ["ungdc:A_0"], "hedges": [["may"]],
                            "boosters": [[]], "source_group": "UNGDC AAA", "period": "cold_war", "decade": 1980})
    return docs, framing


def test_certainty_stage_uses_the_shared_core():
    # the stage's intervals equal the old inline bootstrap run on the same documents, each cell with its generator
    from discourse.compare.engine import grouping_name
    from discourse.stats import cell_rng

    docs, framing = certainty_inputs()
    groupings = [["source_group"], ["source_group", "period"]]
    table = certainty(framing, docs, groupings, 250, 2, 9)
    cells = [(groupings[0], ("UNGDC AAA",), docs), (groupings[1], ("UNGDC AAA", "cold_war"), docs[:6]),
             (groupings[1], ("UNGDC AAA", "post_cold_war"), docs[6:])]
    expected = [old_certainty_interval(d["hedges"].to_numpy(), d["boosters"].to_numpy(), 250,
                                       cell_rng(9, (grouping_name(g), *key))) for g, key, d in cells]
    assert same_bits(table[["ci_low", "ci_high"]].to_numpy(), np.array(expected))


def test_a_cells_interval_does_not_depend_on_the_other_cells():
    from discourse.stats import cell_rng

    docs, framing = certainty_inputs()
    alone = certainty(framing, docs[:6], [["period"]], 250, 2, 9)
    with_other = certainty(framing, docs, [["period"]], 250, 2, 9)
    cold = with_other[with_other["period"] == "cold_war"]
    assert same_bits(alone[["ci_low", "ci_high"]].to_numpy(), cold[["ci_low", "ci_high"]].to_numpy())
    draws = [cell_rng(9, key).integers(0, 10**9, 4).tolist() for key in (("p", 1), ("p", 1), ("p", 2))]
    assert draws[0] == draws[1] != draws[2]
