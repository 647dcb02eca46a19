"""Each statistic against a small case computed by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from discourse.compare.stats import (benjamini_hochberg, bootstrap_ratio, jensen_shannon, log_odds_dirichlet,
                                     permutation_jsd)


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
