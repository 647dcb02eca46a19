"""The event cues converted from the field's dictionaries: the build script (`scripts/build_event_cues.py`)
on a hand-written excerpt in PETRARCH's syntax, the shipped file against a rebuild from ../shared, the
CAMEO -> PLOVER / quad class / Goldstein mapping, and the `events` kind of `discourse.lexicons`."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from discourse.errors import InputError
from discourse.lexicons import (EventLexicon, lexicon_paths, lexicon_provenance, load_events, load_lexicon)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_event_cues.py"
SHARED_EVENTS = (ROOT / ".." / "shared" / "resources" / "event-coding").resolve()
PACKAGED = resources.files("discourse") / "data"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("build_event_cues", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def lemmatizer(script):
    pytest.importorskip("spacy")
    try:
        return script.Lemmatizer(script.DEFAULT_MODEL)
    except OSError:
        pytest.skip(f"spaCy model {script.DEFAULT_MODEL} is not installed (the build lemmatizes with it)")


@pytest.fixture(scope="module")
def events() -> EventLexicon:
    return load_events()


# --- the conversion, on an excerpt -------------------------------------------------------------------

EXCERPT = """\
# a comment line
####### SYNONYM SETS #######

&CEASEFIRE
+TRUCE
+CEASEFIRE
+CEASE_FIRE

&TREATY
+TREATY
+WRITTEN_AGREEMENT
+AGREEMENT

####### VERB PATTERNS #######

---  SIGN   [---]  ---
SIGN
INK  # a comment
- * &TREATY                                           [057:057]     # SIGN
- * &CEASEFIRE                                        [0871]        # SIGN
- * {PEACE &TREATY} (WITH +)                          [057]         # SIGN
- * (TO ACCORD)                                       [999]         # an unknown code

---  RUSH   [---]  ---
HURRY {HURRIES HURRYING HURRIED }
SPEED {SPEEDING SPEEDS SPED } [042]
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
- * (TO)                                              [042:043]     # RUSH
- $ * POLICE (TO BORDER)                              [154]         # RUSH
- * OUT PLANES                                        [1952]        # a code with only its parent weighted
- * TROOP TOWARD +                                     [154]         # a bare preposition (TABARI syntax)

---  IMPOSE   [170]  ---
IMPOSE
- * SANCTIONS                                         [163]

---  FIGHT   [190]  ---
FIGHT {FOUGHT FIGHTING FIGHTS}
+ANGERED_BY {}
- * &WEAPON                                           [193]         # an undefined synset
~ a (a b ATTACK) SAY = a b 015
"""

GOLDSTEIN = "cameo_code\tgoldstein\n" + "\n".join(
    f"{code}\t{weight}" for code, weight in [
        ("01", 0.0), ("02", 3.0), ("020", 3.0), ("04", 1.0), ("042", 1.9), ("043", 2.8), ("05", 3.5),
        ("057", 8.0), ("08", 5.0), ("0871", 9.0), ("15", -7.2), ("154", -7.2), ("16", -4.0), ("163", -8.0),
        ("17", -7.0), ("170", -7.0), ("19", -10.0), ("190", -10.0), ("193", -10.0), ("195", -10.0)]) + "\n"

PLOVER = """\
# CAMEO to PLOVER conversion table (excerpt)
04: CONSULT
042: CONSULT, visit,   # Make a visit
043: CONSULT, visit,   # Host a visit
05: SUPPORT
057: SUPPORT,  , diplomatic # Sign formal agreement
08: RETREAT
0871: RETREAT, ceasefire, military # Declare truce, ceasefire
15: MOBILIZE
154: MOBILIZE, troops, military # Mobilize or increase armed forces
16: SANCTION
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
17: COERCE
170: COERCE, ,    # Coerce
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
193: ASSAULT, firearms, military # Fight with small arms and light weapons
195: ASSAULT, heavy-weapons, military # Employ aerial weapons
"""

NOUNS = ((("&TREATY", "sign", "057"), ("&CEASEFIRE", "sign", "0871"), ("sanction", "impose", "163")),
         (("fighting", "fight"),))


def excerpt_folder(tmp_path: Path, verbs: str = EXCERPT) -> Path:
    folder = tmp_path / "event-coding"
    folder.mkdir(exist_ok=True)
    (folder / "CAMEO.2.0.txt").write_text(verbs, encoding="utf-8")
    (folder / "CAMEO.goldsteinscale.tsv").write_text(GOLDSTEIN, encoding="utf-8")
    (folder / "CAMEO2PLOVER-2021.txt").write_text(PLOVER, encoding="utf-8")
    (folder / "LICENSE.petrarch2").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Open Event Data\n",
                                              encoding="utf-8")
    return folder


@pytest.fixture
def excerpt(script, lemmatizer, tmp_path):
    return script.build(excerpt_folder(tmp_path), lemmatizer=lemmatizer, object_nouns=NOUNS[0],
                        nominalizations=NOUNS[1])


def test_verbs_get_their_lemma_own_code_and_block(excerpt):
    verbs = excerpt["verbs"]
    assert verbs["sign"] == {"code": None, "block": "SIGN"}          # [---]: signing alone is no event
    assert verbs["ink"] == {"code": None, "block": "SIGN"}           # a synonym shares the block's patterns
    assert verbs["hurry"] == {"code": None, "block": "RUSH"}         # base form = lemma; forms dropped
    assert verbs["speed"] == {"code": "042", "block": "RUSH"}        # the verb line's own code
    assert verbs["impose"] == {"code": "170", "block": "IMPOSE"}     # the block header's code
    # multi-word verbs: a sense of their verb, the other words as particles
    assert verbs["ask"] == {"code": None, "block": None,
                            "phrasal": [{"block": "RUSH", "code": "020", "particles": ["for"]}]}
    # a form written inflected with no other forms ({}) is lemmatized by spaCy: ANGERED -> anger
    assert verbs["anger"]["phrasal"] == [{"block": "FIGHT", "code": "190", "particles": ["by"]}]


def test_patterns_keep_nouns_synsets_prepositions_and_codes(excerpt):
    sign = excerpt["blocks"]["SIGN"]["patterns"]
    assert sign == [
        {"code": "057", "reverse": "057", "object": [["treaty", "written agreement", "agreement"]]},
        {"code": "0871", "object": [["truce", "ceasefire", "cease fire"]]},
        {"code": "057", "object": [["peace treaty", "peace written agreement", "peace agreement"]],
         "preps": [{"prep": "with"}], "target": "with"},
    ]  # [999] is no CAMEO code: that pattern is dropped
    rush = excerpt["blocks"]["RUSH"]["patterns"]
    assert rush[0] == {"code": "042", "reverse": "043", "preps": [{"prep": "to"}]}
    assert rush[1] == {"code": "154", "object": [["police"]], "preps": [{"prep": "to", "object": [["border"]]}],
                       "source": "subject"}
    assert rush[2]["particles"] == ["out"] and rush[2]["object"] == [["plane"]]   # heads are spaCy lemmas
    assert rush[3] == {"code": "154", "object": [["troop"]], "preps": [{"prep": "toward"}], "target": "toward"}
    assert excerpt["blocks"]["IMPOSE"]["patterns"] == [{"code": "163", "object": [["sanction"]]}]
    assert excerpt["blocks"]["FIGHT"]["patterns"] == []
    assert excerpt["counts"]["dropped"] == {"pattern with an unknown code": 1, "pattern with an undefined synset": 1,
                                            "verb transformation": 1}
    assert excerpt["counts"]["patterns"] == 8 and excerpt["counts"]["verbs"] == 8


def test_codes_map_to_plover_quad_class_and_goldstein(excerpt):
    codes = excerpt["codes"]
    assert codes["057"] == {"plover": "SUPPORT", "context": "diplomatic", "label": "Sign formal agreement",
                            "quad_class": "verbal_cooperation", "polarity": "cooperation", "goldstein": 8.0}
    assert codes["0871"]["quad_class"] == "material_cooperation" and codes["0871"]["polarity"] == "cooperation"
    assert codes["163"]["plover"] == "COERCE" and codes["163"]["quad_class"] == "material_conflict"
    # a code without a row of its own takes its parent's weight and type, and says so
    assert codes["1952"]["goldstein"] == -10.0 and codes["1952"]["goldstein_from"] == "195"
    assert codes["1952"]["plover"] == "ASSAULT" and codes["1952"]["plover_from"] == "195"
    # CAMEO 01 and 02 have no PLOVER type
    assert codes["020"]["plover"] is None and codes["020"]["quad_class"] == "verbal_cooperation"
    assert "999" not in codes


def test_event_nouns_are_checked_against_the_dictionary(script, lemmatizer, tmp_path, excerpt):
    assert excerpt["nouns"] == {
        "treaty": {"code": "057", "reverse": "057", "via": "sign", "kind": "object"},
        "agreement": {"code": "057", "reverse": "057", "via": "sign", "kind": "object"},  # "written agreement": no
        "truce": {"code": "0871", "via": "sign", "kind": "object"},
        "ceasefire": {"code": "0871", "via": "sign", "kind": "object"},
        "sanction": {"code": "163", "via": "impose", "kind": "object"},
        "fighting": {"code": "190", "via": "fight", "kind": "nominalization"},
    }
    with pytest.raises(script.BuildError, match="ceasefire: no pattern 'sign CEASEFIRE \\[057\\]'"):
        script.build(excerpt_folder(tmp_path), lemmatizer=lemmatizer, object_nouns=(("&CEASEFIRE", "sign", "057"),),
                     nominalizations=())
    with pytest.raises(script.BuildError, match="the verb 'sign' has no code of its own"):
        script.build(excerpt_folder(tmp_path), lemmatizer=lemmatizer, object_nouns=(),
                     nominalizations=(("signature", "sign"),))


def test_the_output_is_deterministic_and_loads(script, lemmatizer, tmp_path, excerpt):
    text = script.dumps(excerpt)
    again = script.build(excerpt_folder(tmp_path), lemmatizer=lemmatizer, object_nouns=NOUNS[0],
                         nominalizations=NOUNS[1])
    assert script.dumps(again) == text and json.loads(text) == excerpt
    assert list(json.loads(text)) == sorted(excerpt)
    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    lexicon = load_events(path)
    assert lexicon.path == str(path) and lexicon.sha256 == hashlib.sha256(text.encode()).hexdigest()
    ask = lexicon.verb("ask")
    assert ask.event is None and [(p.particles, p.event.cameo) for p in ask.patterns][:1] == [(("for",), "020")]


def test_main_writes_the_data_and_the_licence(script, lemmatizer, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(script, "Lemmatizer", lambda model: lemmatizer)
    monkeypatch.setattr(script, "OBJECT_NOUNS", NOUNS[0])
    monkeypatch.setattr(script, "NOMINALIZATIONS", NOUNS[1])
    out = tmp_path / "out"
    assert script.main(["--source", str(excerpt_folder(tmp_path)), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "verbs: 8" in printed and "patterns: 8" in printed and "nouns: 6" in printed
    licence = (out / "EVENT_CUES_LICENCE.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2014 Open Event Data" in licence and "CC BY-SA 4.0" in licence
    assert "Goldstein, Joshua S. (1992)" in licence and "GDELT" in licence
    assert json.loads((out / "event_cues.json").read_text(encoding="utf-8"))["counts"]["nouns"] == 6


def test_a_missing_source_folder_is_an_error(script, tmp_path, capsys):
    assert script.main(["--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "missing source files" in capsys.readouterr().err


# --- the shipped file -----------------------------------------------------------------------------------

def test_the_shipped_file_is_what_the_script_builds_from_shared(script, lemmatizer):
    if not (SHARED_EVENTS / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"{SHARED_EVENTS} is absent: the shipped event cues cannot be rebuilt here")
    document = script.build(SHARED_EVENTS, lemmatizer=lemmatizer)
    assert script.dumps(document) == (PACKAGED / "event_cues.json").read_text(encoding="utf-8"), \
        "src/discourse/data/event_cues.json is stale: run .venv/bin/python scripts/build_event_cues.py"
    assert script.licence_text(SHARED_EVENTS) == (PACKAGED / "EVENT_CUES_LICENCE.md").read_text(encoding="utf-8")


def test_the_shipped_file_carries_its_licences_and_counts():
    licence = (PACKAGED / "EVENT_CUES_LICENCE.md").read_text(encoding="utf-8")
    for part in ("The MIT License (MIT)", "Permission is hereby granted", "CC BY-SA 4.0", "PLOVER",
                 "Goldstein, Joshua S. (1992)", "GDELT"):
        assert part in licence
    document = json.loads((PACKAGED / "event_cues.json").read_text(encoding="utf-8"))
    counts = document["counts"]
    assert counts["verbs"] > 1500 and counts["patterns"] > 4500 and counts["nouns"] > 50
    assert "MIT" in document["source"]["verbs"] and "CC BY-SA 4.0" in document["source"]["plover"]


# --- the mapping of known codes ------------------------------------------------------------------------------

@pytest.mark.parametrize(("cameo", "plover", "quad_class", "polarity", "goldstein"), [
    ("057", "SUPPORT", "verbal_cooperation", "cooperation", 8.0),      # sign formal agreement
    ("193", "ASSAULT", "material_conflict", "conflict", -10.0),        # fight with small arms
    ("0871", "RETREAT", "material_cooperation", "cooperation", 9.0),   # declare truce, ceasefire: cooperation
    ("087", "RETREAT", "material_cooperation", "cooperation", 9.0),    # de-escalate militarily
    ("080", "CONCEDE", "material_cooperation", "cooperation", 5.0),    # yield
    ("111", "ACCUSE", "verbal_conflict", "conflict", -2.0),            # criticize or denounce
    ("163", "COERCE", "material_conflict", "conflict", -8.0),          # impose embargo, sanctions
    ("192", "COERCE", "material_conflict", "conflict", -9.5),          # occupy territory
    ("046", "CONSULT", "verbal_cooperation", "cooperation", 7.0),      # engage in negotiation
    ("020", None, "verbal_cooperation", "cooperation", 3.0),           # appeal: PLOVER has no type
])
def test_known_codes(events, cameo, plover, quad_class, polarity, goldstein):
    code = events.code(cameo)
    assert (code.cameo, code.plover, code.quad_class, code.polarity, code.goldstein) == \
        (cameo, plover, quad_class, polarity, goldstein)


def quad_class_of_root(root: int) -> str:
    return ("verbal_cooperation" if root <= 5 else "material_cooperation" if root <= 8
            else "verbal_conflict" if root <= 13 else "material_conflict")


def test_quad_classes_follow_the_root_and_settlements_are_cooperation(events):
    assert all(code.quad_class == quad_class_of_root(int(cameo[:2])) for cameo, code in events.codes.items())
    settling = [code for cameo, code in events.codes.items() if cameo.startswith("08")]
    assert settling and all(code.polarity == "cooperation" for code in settling)  # yield, settle, ceasefire


# --- the packaged lexicon -----------------------------------------------------------------------------

def test_the_packaged_lexicon_loads_with_its_location_and_sha(events):
    assert isinstance(events, EventLexicon) and load_lexicon("events") == events
    assert events.path == "package:discourse/data/event_cues.json"
    assert events.sha256 == hashlib.sha256((PACKAGED / "event_cues.json").read_bytes()).hexdigest()


def test_sign_an_agreement(events):
    sign = events.verb("sign")
    assert sign.event is None  # CAMEO: signing alone is no event; what is signed is
    coded = {p.event.cameo for p in sign.patterns if p.event and not p.preps
             and any(t.head == "agreement" and not t.modifiers for slot in p.objects for t in slot)}
    assert coded == {"057"}
    ceasefire = [p for p in sign.patterns if any(t.head == "ceasefire" for slot in p.objects for t in slot)]
    assert ceasefire and ceasefire[0].event.cameo == "0871" and ceasefire[0].event.polarity == "cooperation"


def test_verb_lookups(events):
    invade, condemn = events.verb("invade"), events.verb("Condemn")
    assert (invade.event.cameo, invade.event.quad_class, invade.event.goldstein) == ("192", "material_conflict", -9.5)
    assert (condemn.event.cameo, condemn.event.plover, condemn.event.quad_class) == ("111", "ACCUSE", "verbal_conflict")
    assert events.verb("fall").block == "FELL" and events.verb("fell") is None  # base forms, not past tenses
    assert events.verb("no-such-verb") is None


def test_multi_word_verbs_are_patterns_of_their_verb(events):
    call = events.verb("call")
    off = [p for p in call.patterns if p.particles == ("off",) and not p.objects and not p.preps]
    assert off and off[0].event.cameo == "160" and off[0].event.polarity == "conflict"
    assert all(p.particles[:1] == ("off",) for p in call.patterns if p.block == "CANCEL")


def test_noun_lookups(events):
    ceasefire = events.noun("ceasefire")
    assert (ceasefire.event.cameo, ceasefire.event.quad_class, ceasefire.event.polarity) == \
        ("0871", "material_cooperation", "cooperation")
    assert ceasefire.reverse is not None and ceasefire.via == "sign"  # paired code: a mutual act
    assert events.noun("truce").event.cameo == "0871" and events.noun("treaty").event.cameo == "057"
    invasion = events.noun("invasion")
    assert (invasion.event.cameo, invasion.kind, invasion.via) == ("192", "nominalization", "invade")
    assert events.noun("sanction").event.plover == "COERCE"
    assert events.noun("weapon") is None and events.noun("money") is None  # things, not events
    assert events.noun("aggression") is None  # CAMEO has no act code for it: the overlay's


def test_the_lexicon_is_frozen(events):
    with pytest.raises(dataclasses.FrozenInstanceError):
        events.verb("sign").event = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        events.verbs["sign"] = None  # type: ignore[index]


def test_paths_and_provenance():
    from discourse.config import validate_config

    assert lexicon_paths(validate_config({}))["events"] is None  # no key yet, or null: the packaged file
    provenance = lexicon_provenance({"events": None})
    assert provenance == {"events": {"path": "package:discourse/data/event_cues.json",
                                     "sha256": hashlib.sha256((PACKAGED / "event_cues.json").read_bytes()).hexdigest()}}


# --- a user's file ------------------------------------------------------------------------------------------

MINIMAL = {
    "version": 1,
    "codes": {"057": {"plover": "SUPPORT", "quad_class": "verbal_cooperation", "polarity": "cooperation",
                      "goldstein": 8.0},
              "112": {"plover": "ACCUSE", "quad_class": "verbal_conflict", "polarity": "conflict",
                      "goldstein": -2.0}},
    "verbs": {"sign": {"code": None, "block": "SIGN"}, "accuse": {"code": "112", "block": "BLAME"}},
    "blocks": {"SIGN": {"code": None, "patterns": [{"code": "057", "object": [["treaty", "peace agreement"]]}]},
               "BLAME": {"code": "112", "patterns": []}},
    "nouns": {"treaty": {"code": "057", "via": "sign", "kind": "object"}},
}


def user_file(tmp_path: Path, document: dict, name: str = "events.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document) if name.endswith(".json") else yaml.safe_dump(document), encoding="utf-8")
    return path


def broken(**changes) -> dict:
    document = copy.deepcopy(MINIMAL)
    for where, value in changes.items():
        *parents, key = where.split("__")
        target = document
        for parent in parents:
            target = target[parent]
        target[key] = value
    return document


def test_a_users_file_loads_as_json_or_yaml(tmp_path):
    for name in ("events.json", "events.yaml"):
        lexicon = load_events(user_file(tmp_path, MINIMAL, name))
        term = lexicon.verb("sign").patterns[0].objects[0][1]
        assert (term.head, term.modifiers) == ("agreement", ("peace",))
        assert lexicon.noun("treaty").event.goldstein == 8.0 and lexicon.verb("accuse").event.polarity == "conflict"


@pytest.mark.parametrize(("document", "message"), [
    (broken(blocks__SIGN__patterns=[{"code": "999", "object": [["treaty"]]}]), "unknown CAMEO code '999'"),
    (broken(nouns__treaty={"code": "0871"}), "nouns.treaty.code: unknown CAMEO code '0871'"),
    (broken(codes__057={"plover": "SUPPORT", "quad_class": "verbal_cooperation", "polarity": "cooperation",
                        "goldstein": 12.0}), "codes.057.goldstein must be a number in -10..10"),
    (broken(codes__057={"plover": "SUPPORT", "quad_class": "cooperation", "polarity": "cooperation",
                        "goldstein": 8.0}), "unknown quad class 'cooperation'"),
    (broken(codes__057={"plover": "SUPPORT", "quad_class": "verbal_cooperation", "polarity": "conflict",
                        "goldstein": 8.0}), "polarity must be cooperation"),
    (broken(codes__5={"quad_class": "verbal_cooperation", "polarity": "cooperation", "goldstein": 1.0}),
     "codes.5: not a CAMEO code"),
    (broken(verbs__sign={"code": None, "block": "SIGNING"}), "unknown block 'SIGNING'"),
    (broken(verbs__sign={"code": None}), "has no cues"),
    (broken(blocks__SIGN__patterns=[{"code": "057", "objects": [["treaty"]]}]), "unknown key 'objects'"),
    (broken(blocks__SIGN__patterns=[{"object": [["treaty"]]}]), "missing key 'code'"),
    (broken(blocks__SIGN__patterns=[{"code": "057", "object": ["treaty"]}]), "must be a list of noun slots"),
    (broken(verb={"sign": {}}), "unknown key 'verb'"),
    (broken(version=2), "version must be 1"),
])
def test_a_broken_users_file_names_the_file_and_the_problem(tmp_path, document, message):
    path = user_file(tmp_path, document)
    with pytest.raises(InputError) as error:
        load_events(path)
    assert error.value.path == str(path) and message in error.value.reason, error.value.reason


def test_unreadable_and_missing_files(tmp_path):
    path = tmp_path / "events.json"
    path.write_text('{"codes": [unclosed', encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML or JSON") as error:
        load_events(path)
    assert error.value.path == str(path)
    with pytest.raises(InputError, match="not found"):
        load_events(tmp_path / "nope.json")
    without = {k: v for k, v in MINIMAL.items() if k != "nouns"}
    with pytest.raises(InputError, match="no mapping 'nouns'"):
        load_events(user_file(tmp_path, without))
