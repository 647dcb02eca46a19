"""The one lexicon loader (`discourse.lexicons`): declared keys, empty entries, ids, the relation lexicon's
values, the codebook's own theme ids, and provenance without spaCy matchers."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from discourse import lexicons
from discourse.errors import InputError
from discourse.lexicons import (CERTAINTY_IDS, FRAME_IDS, QUAD_CLASSES, CueLexicon, RelationLexicon, lexicon_paths,
                                lexicon_provenance, load_certainty, load_frames, load_lexicon, load_relations,
                                load_themes)

PACKAGED = resources.files("discourse") / "data"


def write(path: Path, document: dict) -> Path:
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def packaged(name: str) -> dict:
    return yaml.safe_load((PACKAGED / f"{name}.yaml").read_text(encoding="utf-8"))


def certainty_file(tmp_path: Path, hedges: object, boosters: object = None) -> Path:
    boosters = boosters if boosters is not None else {"cues": {"lemmas": ["clearly"]}}
    return write(tmp_path / "certainty.yaml", {"version": 1, "certainty": {"hedges": hedges, "boosters": boosters}})


def themes_file(tmp_path: Path, entries: dict) -> Path:
    return write(tmp_path / "themes.yaml", {"version": 1, "themes": entries})


def relations_file(tmp_path: Path, cues: dict, **top) -> Path:
    document = {"version": 1, "classes": packaged("relations")["classes"], **top, "cues": cues}
    return write(tmp_path / "relations.yaml", document)


def raises(path: Path, load, *match: str) -> InputError:
    with pytest.raises(InputError) as error:
        load(str(path))
    assert error.value.path == str(path)
    for part in match:
        assert part in error.value.reason, error.value.reason
    return error.value


# --- packaged lexicons ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", lexicons.LEXICON_KINDS)
def test_packaged_lexicons_load_with_their_package_location_and_file_sha(kind):
    lexicon = load_lexicon(kind)
    resource = lexicons.KINDS[kind].resource
    data = (PACKAGED / resource).read_bytes()
    assert lexicon.path == f"package:discourse/data/{resource}"
    assert lexicon.sha256 == hashlib.sha256(data).hexdigest()


def test_packaged_ids_and_cues():
    assert load_frames().ids == FRAME_IDS and load_certainty().ids == CERTAINTY_IDS
    themes = load_themes()
    assert themes.ids == tuple(packaged("themes")["themes"])  # the codebook's ids, in its order
    assert themes.entries["history_cold_war"].actors == ("SUN", "CENTO", "SEATO", "WARSAW_PACT")
    assert themes.entries["india_kashmir"].actor_sets == (("IND", "PAK"),)
    relations = load_relations()
    assert isinstance(relations, RelationLexicon) and relations.path == "package:discourse/data/relations.yaml"
    assert relations.cues["invade"].score == -9.2 and relations.cues["condemn"].quad_class == "verbal_conflict"
    assert relations.cues["mediation"].settles.score == -3.0
    assert relations.cues["ceasefire"].settles is None and relations.cues["ceasefire"].polarity == "cooperation"


def test_the_named_helpers_are_the_one_loader():
    assert load_themes() == load_lexicon("themes") and load_relations() == load_lexicon("relations")
    with pytest.raises(ValueError, match="unknown lexicon kind 'actors'"):
        load_lexicon("actors")


# --- files and sections ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", lexicons.LEXICON_KINDS)
def test_missing_and_broken_files_name_the_file(tmp_path, kind):
    raises(tmp_path / "nope.yaml", lambda p: load_lexicon(kind, p), "not found")
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  a: [unclosed\n", encoding="utf-8")
    raises(broken, lambda p: load_lexicon(kind, p), "not valid YAML")


def test_the_section_is_the_kinds_own(tmp_path):
    path = write(tmp_path / "lex.yaml", {"version": 1, "frames": {"a": {"cues": {"lemmas": ["x"]}}}})
    raises(path, load_themes, "unknown key 'frames'", "allowed: version, themes")
    raises(write(tmp_path / "lex.yaml", {"version": 1}), load_themes, "no mapping 'themes'")
    raises(themes_file(tmp_path, {}), load_themes, "no entries")


def test_version_must_be_1(tmp_path):
    path = write(tmp_path / "themes.yaml", {"version": 2, "themes": {"a": {"cues": {"lemmas": ["x"]}}}})
    raises(path, load_themes, "version must be 1")


# --- declared keys -----------------------------------------------------------------------------------

def test_misspelt_cue_key_in_a_hedge_is_rejected_not_loaded_empty(tmp_path):
    path = certainty_file(tmp_path, {"definition": "d", "cues": {"lemma": ["may", "might"]}})
    error = raises(path, load_certainty, "entry 'hedges'", "unknown key 'cues.lemma'", "cues.lemmas")
    assert "cues.actors" not in error.reason  # theme cues are not certainty cues


def test_unknown_entry_key_is_rejected(tmp_path):
    path = certainty_file(tmp_path, {"definitoin": "d", "cues": {"lemmas": ["may"]}})
    raises(path, load_certainty, "entry 'hedges': unknown key 'definitoin'", "allowed: definition, cues")


def test_keys_are_declared_per_kind(tmp_path):
    # weight is a frame's; actors are a theme's
    raises(themes_file(tmp_path, {"energy": {"weight": 2, "cues": {"lemmas": ["oil"]}}}), load_themes,
           "unknown key 'weight'")
    raises(certainty_file(tmp_path, {"cues": {"lemmas": ["may"], "actors": ["USA"]}}), load_certainty,
           "unknown key 'cues.actors'")


def test_theme_actor_cues_are_declared_fields(tmp_path):
    path = themes_file(tmp_path, {"space": {"cues": {"actors": ["SUN"], "actor_sets": [["USA", "SUN"]]}}})
    entry = load_themes(str(path)).entries["space"]
    assert entry.actors == ("SUN",) and entry.actor_sets == (("USA", "SUN"),) and not entry.lemmas
    raises(themes_file(tmp_path, {"space": {"cues": {"actor_sets": ["USA"]}}}), load_themes,
           "cues.actor_sets must be a list of non-empty lists")


# --- empty entries -------------------------------------------------------------------------------------

@pytest.mark.parametrize("hedges", [None, {}, {"definition": "only words about hedges"}, {"cues": {}},
                                    {"cues": None}, {"cues": {"lemmas": None}}])
def test_entry_without_cues_is_rejected(tmp_path, hedges):
    raises(certainty_file(tmp_path, hedges), load_certainty, "entry 'hedges' has no cues")


def test_free_id_entries_need_at_least_one_cue(tmp_path):
    path = themes_file(tmp_path, {"energy": {"cues": {"lemmas": ["oil"]}}, "space": {"cues": {"lemmas": []}}})
    raises(path, load_themes, "entry 'space' has no cues")


def test_fixed_id_entries_may_list_empty_cues(tmp_path):
    # the residual frame `other` has none; a user switches a dimension off the same way
    entries = {i: {"cues": {"lemmas": ["x"] if i == "economic" else []}} for i in FRAME_IDS}
    frames = load_frames(str(write(tmp_path / "frames.yaml", {"version": 1, "frames": entries})))
    assert frames.ids == FRAME_IDS and not frames.entries["other"].lemmas


# --- values of cue lexicons -----------------------------------------------------------------------------

def test_unknown_and_missing_ids_are_reported(tmp_path):
    entries = {i: {"cues": {"lemmas": ["x"]}} for i in FRAME_IDS if i != "morality"}
    entries["ethics"] = {"cues": {"lemmas": ["ought"]}}
    raises(write(tmp_path / "frames.yaml", {"version": 1, "frames": entries}), load_frames, "ethics", "morality")


def test_ids_must_be_strings(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text("themes:\n  1: {cues: {lemmas: [x]}}\n", encoding="utf-8")
    raises(path, load_themes, "non-empty string")


@pytest.mark.parametrize("cues, message", [
    ({"lemmas": "war"}, "list of non-empty strings"), ({"lemmas": [""]}, "list of non-empty strings"),
    ({"phrases": [3]}, "list of non-empty strings"),
    ({"patterns": [[{"NOT_AN_ATTR": "x"}]]}, "not a valid spaCy pattern"),
    ({"patterns": [[]]}, "non-empty list of token dicts"), ({"patterns": "x"}, "list of token patterns"),
    ({"patterns": [[{"LOWER": {"REGEX": "(un"}}]]}, "regular expression '(un'"),
    ({"patterns": [[{"LOWER": "x", "OP": "{3,1}"}]]}, "the minimum is above the maximum")])
def test_bad_cue_values_are_reported(tmp_path, cues, message):
    raises(themes_file(tmp_path, {"a": {"cues": cues}}), load_themes, "entry 'a'", message)


@pytest.mark.parametrize("weight", [0, -1, "heavy", True])
def test_bad_weight_is_reported(tmp_path, weight):
    entries = {i: {"cues": {"lemmas": ["x"]}} for i in FRAME_IDS}
    entries["economic"]["weight"] = weight
    raises(write(tmp_path / "frames.yaml", {"frames": entries}), load_frames, "weight must be a positive number")


def test_lemmas_with_underscores_become_phrases(tmp_path):
    entry = load_themes(str(themes_file(tmp_path, {"cw": {"cues": {"lemmas": ["cold_war", "Bloc"],
                                                                    "phrases": ["Iron Curtain"]}}}))).entries["cw"]
    assert entry.lemmas == ("bloc",) and entry.phrases == ("iron curtain", "cold war")


# --- the relation lexicon -------------------------------------------------------------------------------

def test_relation_class_without_score_names_the_file_and_key(tmp_path):
    path = relations_file(tmp_path, {"verbal_conflict": {"directed": ["condemn"]}})
    raises(path, load_relations, "entry 'verbal_conflict'", "missing key 'score'")


@pytest.mark.parametrize("block, message", [
    ({"score": -11, "directed": ["condemn"]}, "score must be a number in -10..10"),
    ({"score": "low", "directed": ["condemn"]}, "score must be a number in -10..10"),
    ({"score": -4, "directed": ["condemn"], "scores": {"condemn": 12}}, "scores.condemn must be a number"),
    ({"score": -4, "directed": ["condemn"], "scores": {"hug": 1}}, "scores.hug is not one of its"),
    ({"score": -4, "directd": ["condemn"]}, "unknown key 'directd' (allowed: score, scores, mutual, directed)"),
    ({"score": -4}, "has no cues"), ({"score": -4, "mutual": []}, "has no cues"),
    ({"score": -4, "mutual": "war"}, "mutual must be a list of non-empty strings")])
def test_relation_values_are_checked(tmp_path, block, message):
    raises(relations_file(tmp_path, {"verbal_conflict": block}), load_relations, message)


def test_unknown_quad_class_is_reported(tmp_path):
    raises(relations_file(tmp_path, {"friendly": {"score": 1, "directed": ["hug"]}}), load_relations,
           "unknown quad class 'friendly'", ", ".join(QUAD_CLASSES))
    path = write(tmp_path / "relations.yaml", {"classes": {"friendly": "cooperation"},
                                               "cues": {"verbal_cooperation": {"score": 1, "directed": ["hug"]}}})
    raises(path, load_relations, "classes: unknown quad class 'friendly'")
    path = write(tmp_path / "relations.yaml", {"classes": {"verbal_cooperation": "friendly"},
                                               "cues": {"verbal_cooperation": {"score": 1, "directed": ["hug"]}}})
    raises(path, load_relations, "classes.verbal_cooperation must be one of cooperation, conflict")
    path = write(tmp_path / "relations.yaml", {"cues": {"verbal_cooperation": {"score": 1, "directed": ["hug"]}}})
    raises(path, load_relations, "no mapping 'classes'")


def test_settlement_is_checked(tmp_path):
    cues = {"verbal_cooperation": {"score": 3, "directed": ["praise"]}}
    raises(relations_file(tmp_path, cues, settlement={"cues": ["truce"]}), load_relations,
           "settlement: missing key 'score'")
    raises(relations_file(tmp_path, cues, settlement={"score": -3, "cue": ["truce"]}), load_relations,
           "settlement: unknown key 'cue'")
    lexicon = load_relations(str(relations_file(tmp_path, cues, settlement={"score": -2.5, "cues": ["Truce"]})))
    assert lexicon.cues["truce"].settles.score == -2.5 and lexicon.cues["praise"].score == 3.0


def test_a_subset_of_quad_classes_is_a_valid_relation_lexicon(tmp_path):
    lexicon = load_relations(str(relations_file(tmp_path, {"material_conflict": {"score": -8, "mutual": ["war"]}})))
    assert set(lexicon.cues) == {"war"} and lexicon.cues["war"].mutual and lexicon.path.endswith("relations.yaml")


# --- theme ids come from the codebook -------------------------------------------------------------------

def test_a_user_codebook_with_an_eleventh_theme_is_detected_on_a_sentence(tmp_path):
    from discourse.config import validate_config
    from discourse.framing.lexicon import build_cue_matcher
    from discourse.framing.themes import match_themes
    from discourse.nlp.pipeline import NlpSettings, build_pipeline, process_paragraphs, sentence_actors

    document = packaged("themes")
    document["themes"]["space_cooperation"] = {"definition": "Joint space programmes.",
                                               "cues": {"lemmas": ["satellite", "cosmonaut"],
                                                        "phrases": ["space programme"]}}
    codebook = load_themes(str(write(tmp_path / "codebook.yaml", document)))
    assert len(codebook.ids) == 11 and codebook.ids[-1] == "space_cooperation"
    nlp = build_pipeline(NlpSettings.from_config(validate_config({})))
    matcher = build_cue_matcher(nlp.vocab, codebook)
    doc = next(process_paragraphs(nlp, [("Russia launched two satellites for Pakistan's space programme.", 2020)], 8))
    (_, sentence, actors), = list(sentence_actors(doc))
    found = [(m.theme, m.cue) for m in match_themes(sentence, actors, matcher) if m.theme == "space_cooperation"]
    assert found == [("space_cooperation", "satellites"), ("space_cooperation", "space programme")]


def test_theme_scores_use_the_codebooks_ids():
    from discourse.evaluate import score_themes

    gold = [{"themes": ["space_cooperation"]}, {"themes": []}]
    predictions = [{"themes": {"space_cooperation"}}, {"themes": set()}]
    scores = score_themes(gold, predictions, (*load_themes().ids, "space_cooperation"))
    assert scores["per_theme"]["space_cooperation"]["tp"] == 1 and scores["micro"]["tp"] == 1
    assert set(score_themes(gold, predictions)["per_theme"]) == set(load_themes().ids)


# --- provenance -----------------------------------------------------------------------------------------

def test_lexicon_paths_follow_the_config():
    from discourse.config import validate_config

    config = validate_config({"themes": {"codebook": "my/themes.yaml"}, "framing": {"relations": "rel.yaml"}})
    assert lexicon_paths(config) == {"themes": "my/themes.yaml", "frames": None, "certainty": None,
                                     "relations": "rel.yaml", "events": None}
    assert lexicon_paths(validate_config({})) == dict.fromkeys(lexicons.LEXICON_KINDS)


def test_provenance_hashes_the_files_without_building_matchers(tmp_path, monkeypatch):
    import spacy
    import spacy.matcher

    def refuse(*args, **kwargs):
        raise AssertionError("provenance must not build a spaCy matcher or pipeline")

    for name in ("Matcher", "PhraseMatcher"):
        monkeypatch.setattr(spacy.matcher, name, refuse)
    monkeypatch.setattr(spacy, "blank", refuse)
    own = write(tmp_path / "relations.yaml", packaged("relations"))
    provenance = lexicon_provenance({**dict.fromkeys(lexicons.LEXICON_KINDS), "relations": str(own)})
    assert list(provenance) == ["themes", "frames", "certainty", "relations", "events"]
    for kind in ("themes", "frames", "certainty"):
        assert provenance[kind] == {"path": f"package:discourse/data/{kind}.yaml",
                                    "sha256": hashlib.sha256((PACKAGED / f"{kind}.yaml").read_bytes()).hexdigest()}
    assert provenance["relations"] == {"path": str(own), "sha256": hashlib.sha256(own.read_bytes()).hexdigest()}


def test_provenance_validates(tmp_path):
    raises(certainty_file(tmp_path, {"cues": {"lemma": ["may"]}}),
           lambda p: lexicon_provenance({"certainty": p}), "unknown key 'cues.lemma'")


def test_the_loader_is_a_shared_layer():
    # it imports no framing, topics or nlp module (topics and the store read lexicons through it)
    code = ("import sys, json; from discourse.lexicons import lexicon_paths, lexicon_provenance; "
            "from discourse.lexicons import LEXICON_KINDS; lexicon_provenance(dict.fromkeys(LEXICON_KINDS)); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('discourse'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == ["discourse", "discourse.errors", "discourse.lexicons"]


def test_cue_lexicons_are_frozen_values():
    lexicon = load_certainty()
    assert isinstance(lexicon, CueLexicon)
    with pytest.raises(AttributeError):
        lexicon.entries["hedges"].lemmas = ()  # type: ignore[misc]


@pytest.mark.parametrize("key", ["transparent", "seeking", "reversing", "dyadic", "negating", "affirming", "joint", "authored",
                                 "involving", "accompanying", "hosting", "displaced"])
def test_relation_word_sets_are_read_and_checked(tmp_path, key):
    cues = {"verbal_cooperation": {"score": 3, "directed": ["praise"]}}
    lexicon = load_relations(str(relations_file(tmp_path, cues, **{key: ["Continue", "pursue"]})))
    assert getattr(lexicon, key) == frozenset({"continue", "pursue"})
    raises(relations_file(tmp_path, cues, **{key: "continue"}), load_relations, f"{key} must be a list")
    assert getattr(load_relations(str(relations_file(tmp_path, cues))), key) == frozenset()
