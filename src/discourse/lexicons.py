"""Lexicons: the one loader of the theme codebook and the frame, certainty, relation and event lexicons.

Every lexicon is an editable YAML file (the event cues: JSON, which YAML reads too). The package ships
one of each (`src/discourse/data/`) and the config can point at a user's copy (`themes.codebook`,
`framing.frames`, `framing.certainty`, `framing.relations`, `framing.events`; null or no key = the
packaged file). Each kind declares its file, the section holding its
entries, the keys an entry and its cues may have, the ids it requires and a check of its values:

    kind       packaged file    section    entry keys                 cue keys
    themes     themes.yaml      themes     definition, cues           cues.lemmas, cues.phrases, cues.patterns,
                                                                      cues.actors, cues.actor_sets
    frames     frames.yaml      frames     definition, weight, cues   cues.lemmas, cues.phrases, cues.patterns
    certainty  certainty.yaml   certainty  definition, cues           cues.lemmas, cues.phrases, cues.patterns
    relations  relations.yaml   cues       score, scores              mutual, directed
    events     event_cues.json  verbs      code, block, phrasal       (its own format, below)

Top level: `version` (1) and the section; the relation lexicon also has `classes` (quad class ->
cooperation | conflict) and `settlement` (`score`, `cues`). Ids: themes any (the codebook defines
them); frames exactly the 15 Policy Frames Codebook dimensions (`FRAME_IDS`, `other` being the
residual); certainty exactly `hedges` and `boosters`; relations a subset of the four PLOVER quad
classes (`QUAD_CLASSES`).

Rules shared by all kinds:
- a key not declared for the kind (at the top level, in an entry or in its cues) is an error, so a
  misspelt key (`cues: {lemma: [...]}`) cannot load as an entry without cues;
- an entry must give its cues: an entry without any cue key is an error ("has no cues"). Where the
  ids are free (themes, relations) every entry must also have at least one cue, since an entry that
  can never match should be deleted; where the ids are fixed (frames, certainty) the lists may be
  empty (`lemmas: []`): that is how a dimension is switched off, and the residual frame `other` has no
  cues;
- every problem raises `InputError` naming the file: the user's path, or
  `package:discourse/data/<file>` for a packaged one (these locations are also what the run manifest
  records).

Cue lexicons: lemmas are single lower-cased tokens (a lemma written with "_" or a space, as in the
topic models' features, "cold_war", becomes a phrase), phrases several words, patterns spaCy
`Matcher` token patterns (checked against spaCy's pattern schema, with their regular expressions
compiled and their `OP` ranges checked, as the Matcher would; no Matcher is built). Theme `actors` are actor ids whose
mention alone signals the theme, `actor_sets` lists of ids that signal it only together. Relation
scores are Goldstein-style, -10..10: a class's `score`, overridden per lemma by `scores`.

Event cues (`events`, config key `framing.events`) are the field's event dictionaries converted by
`scripts/build_event_cues.py` (PETRARCH2's CAMEO verb dictionary, the CAMEO -> PLOVER table, the
Goldstein weights; licences in `data/EVENT_CUES_LICENCE.md`): JSON (a user's copy may be YAML) with
`codes` (CAMEO code -> plover, quad_class, polarity, goldstein), `verbs` (lemma -> code, block,
phrasal), `blocks` (name -> code, patterns) and `nouns` (lemma -> code, reverse, via, kind). Every code
used must be in `codes`, every quad class known and its polarity the class's, every Goldstein weight in
-10..10, every block named exists. `load_events` returns a frozen `EventLexicon`: `verb(lemma)` ->
`VerbCue` (own event and patterns), `noun(lemma)` -> `NounCue`, `code(cameo)` -> `EventCode`. The
relation lexicon (`relations`) is the project's own overlay for wording CAMEO lacks.

This module is a shared layer: it builds no spaCy matcher (`discourse.framing.lexicon` does that) and
imports nothing of framing, topics or nlp, so topics, the store and the workflow can read a lexicon's
ids and sha256 without the framing machinery.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping, cast

import yaml

from discourse.errors import InputError

FRAME_IDS: tuple[str, ...] = (
    "economic", "capacity_resources", "morality", "fairness_equality", "legality_constitutionality",
    "policy_prescription", "crime_punishment", "security_defense", "health_safety", "quality_of_life",
    "cultural_identity", "public_opinion", "political", "external_regulation_reputation", "other",
)
CERTAINTY_IDS: tuple[str, ...] = ("hedges", "boosters")
QUAD_CLASSES: tuple[str, ...] = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
POLARITIES: tuple[str, ...] = ("cooperation", "conflict")
SCORE_RANGE = (-10.0, 10.0)
SETTLEMENT_KEYS = ("score", "cues")
# the relation lexicon's word lists that steer the parse rules (`RelationLexicon` fields of the same names)
RELATION_WORD_SETS = ("transparent", "seeking", "reversing", "dyadic", "negating", "affirming", "joint", "authored",
                      "involving", "accompanying", "hosting", "displaced")

_WORD_CUES = ("lemmas", "phrases", "patterns")


@dataclass(frozen=True)
class CueEntry:
    """One theme, frame dimension or certainty class and the cues that signal it.

    `actors` and `actor_sets` are declared theme cues (empty for the other kinds)."""

    id: str
    definition: str = ""
    weight: float = 1.0
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    actors: tuple[str, ...] = ()
    actor_sets: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class CueLexicon:
    """A validated cue lexicon: entries in file order, and the file's identity for provenance."""

    entries: dict[str, CueEntry]
    sha256: str
    path: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.entries)


@dataclass(frozen=True)
class RelationCue:
    """A relation cue (verb or event noun lemma) with its quad class, polarity and score."""

    lemma: str
    quad_class: str
    polarity: str
    score: float
    mutual: bool
    settles: RelationCue | None = None  # for a settlement cue: the relation it implies between the parties
    cameo: str | None = None  # the CAMEO event code, for cues of the event dictionary
    plover: str | None = None  # its PLOVER event type


@dataclass(frozen=True)
class RelationLexicon:
    """A validated relation lexicon: lemma -> cue, and the file's identity for provenance."""

    cues: dict[str, RelationCue]
    sha256: str
    path: str
    # the event dictionary the overlay of `cues` sits on (set by the framer; None: the overlay alone)
    events: EventLexicon | None = None
    # verbs that carry the relation of the event noun they govern, not one of their own ("intensify
    # its efforts", "continue the talks"), and participles used as prepositions ("respecting the canal")
    transparent: frozenset[str] = frozenset()
    # verbs whose subject does the infinitive of the noun they govern ("India seeks opportunities to attack
    # Pakistan", "looking for ways to break Ukraine"): the infinitive codes the pair, the verb nothing
    seeking: frozenset[str] = frozenset()
    # verbs that make the relation noun they govern a worsening ("worsen relations between A and B")
    reversing: frozenset[str] = frozenset()
    # shared acts held with each partner apart ("relations with A and B"): their partners are not co-participants
    dyadic: frozenset[str] = frozenset()
    # words that deny the act they govern ("refused to withdraw", "its refusal to sign"): that act is not done
    negating: frozenset[str] = frozenset()
    # predicates that turn a negated condition into an assertion ("I would be remiss if I did not thank A"):
    # the act under the negated "if" is done
    affirming: frozenset[str] = frozenset()
    # words that make the doers of an act partners in it ("the joint call of A and B", "A and B jointly
    # proposed", "A, together with B, invaded C"): they cooperate with each other, whatever the act
    joint: frozenset[str] = frozenset()
    # acts that conjoined doers author as one ("as proposed by the USSR and the GDR", "the Governments of
    # Afghanistan and the USSR have declared", "the endeavours of A and of B"): the doers cooperate
    authored: frozenset[str] = frozenset()
    # words that name who takes part in a shared act: a participle or preposition ("talks involving A and B",
    # "negotiations including Pakistan") or the noun of a "with" phrase ("with the participation of A and B")
    involving: frozenset[str] = frozenset()
    # words that make a preposition on an act name who does it with its doer ("invaded Poland together with
    # Germany", "fought alongside France", "attacked Kuwait in co-operation with Iraq"): a co-agent, not a target
    accompanying: frozenset[str] = frozenset()
    # verbs that host the people of a `displaced` noun they govern ("Pakistan received refugees from
    # Afghanistan", "opened its doors to the refugees"): the host cooperates with the people's state (CAMEO 075)
    hosting: frozenset[str] = frozenset()
    displaced: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Source:
    """A lexicon file read and parsed: its YAML document, printable location and sha256."""

    document: dict[str, Any]
    location: str
    sha256: str


@dataclass(frozen=True)
class LexiconKind:
    """What a kind of lexicon may contain, and how its checked entries become a lexicon."""

    name: str
    resource: str                      # packaged default under discourse/data/
    config_key: tuple[str, str]        # where the workflow config names a user's file
    section: str                       # the top-level mapping of entries
    top_keys: tuple[str, ...]          # top-level keys besides `version` and the section
    entry_keys: tuple[str, ...]        # keys of an entry besides its cues
    cue_keys: tuple[str, ...]          # keys of an entry's cues
    cues_under: str | None             # the entry key holding the cues; None: the cue keys are in the entry
    required_ids: tuple[str, ...] | None  # exactly these ids (or, with ids_subset, at most these)
    ids_subset: bool                   # True: any subset of required_ids (relations: the quad classes used)
    empty_cues_allowed: bool           # True: an entry may list only empty cue lists (fixed ids)
    build: Callable[["LexiconKind", Source, dict[str, dict[str, Any]]], Any]
    id_label: str = "id"
    load: Callable[["LexiconKind", "str | Path | None"], Any] | None = None  # a kind with its own format

    def allowed_entry_keys(self) -> list[str]:
        cues = [f"{self.cues_under}.{k}" for k in self.cue_keys] if self.cues_under else list(self.cue_keys)
        return [*self.entry_keys, *cues]


# --- reading -----------------------------------------------------------------------------------

def read_source(path: str | Path | None, resource: str) -> tuple[bytes, str]:
    """The lexicon's bytes and printable location: the user's file, or the package's default."""
    if path is None:
        return (resources.files("discourse") / "data" / resource).read_bytes(), f"package:discourse/data/{resource}"
    file = Path(path)
    if not file.is_file():
        raise InputError(file, "lexicon file not found")
    return file.read_bytes(), str(file)


def read_document(path: str | Path | None, kind: LexiconKind) -> Source:
    data, location = read_source(path, kind.resource)
    try:
        document = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(location, f"lexicon is not valid YAML: {error}") from error
    if not isinstance(document, dict):
        raise InputError(location, f"lexicon must be a YAML mapping with a section '{kind.section}' of entries")
    return Source(document, location, hashlib.sha256(data).hexdigest())


def check_keys(given: Mapping[Any, Any], allowed: list[str], location: str, where: str, prefix: str = "") -> None:
    """An InputError for the first key not in `allowed` ("entry 'x': unknown key 'cues.lemma' (allowed: ...)")."""
    for key in given:
        if f"{prefix}{key}" not in allowed:
            raise InputError(location, f"{where}unknown key '{prefix}{key}' (allowed: {', '.join(allowed)})")


def check_ids(ids: list[Any], kind: LexiconKind, location: str) -> None:
    bad = [i for i in ids if not isinstance(i, str) or not i.strip()]
    if bad:
        raise InputError(location, f"{kind.section}: every {kind.id_label} must be a non-empty string, found {bad}")
    if not ids:
        raise InputError(location, f"section '{kind.section}' has no entries")
    if kind.required_ids is None:
        return
    unknown = [i for i in ids if i not in kind.required_ids]
    if kind.ids_subset:
        if unknown:
            raise InputError(location, f"unknown {kind.id_label} '{unknown[0]}' "
                                       f"(expected one of {', '.join(kind.required_ids)})")
        return
    missing = [i for i in kind.required_ids if i not in ids]
    if missing or unknown:
        parts = ([f"missing ids {missing}"] if missing else []) + ([f"unknown ids {unknown}"] if unknown else [])
        raise InputError(location, "; ".join(parts) + f" (expected exactly {list(kind.required_ids)})")


def check_entry(entry_id: str, raw: Any, kind: LexiconKind, location: str) -> dict[str, Any]:
    """The entry's keys checked against the kind: its fields, with the cue keys under `"cues"`."""
    where = f"entry '{entry_id}': "
    if raw is None:
        raise InputError(location, f"entry '{entry_id}' has no cues")
    if not isinstance(raw, dict):
        raise InputError(location, f"entry '{entry_id}' must be a mapping")
    allowed = kind.allowed_entry_keys()
    if kind.cues_under is None:
        check_keys(raw, allowed, location, where)
        fields = {k: v for k, v in raw.items() if k in kind.entry_keys}
        cues = {k: v for k, v in raw.items() if k in kind.cue_keys}
    else:
        check_keys(raw, [*kind.entry_keys, kind.cues_under], location, where)
        cues = raw.get(kind.cues_under)
        if cues is None:
            cues = {}
        if not isinstance(cues, dict):
            raise InputError(location, f"{where}{kind.cues_under} must be a mapping")
        check_keys(cues, allowed, location, where, prefix=f"{kind.cues_under}.")
        fields = {k: v for k, v in raw.items() if k != kind.cues_under}
    given = {k: v for k, v in cues.items() if v is not None}
    if not given:
        raise InputError(location, f"entry '{entry_id}' has no cues (give at least one of: "
                                   f"{', '.join(allowed[len(kind.entry_keys):])})")
    if not kind.empty_cues_allowed and not any(given.values()):
        raise InputError(location, f"entry '{entry_id}' has no cues (all its cue lists are empty)")
    return {**fields, "cues": given}


def load_source(kind: LexiconKind, path: str | Path | None) -> Any:
    source = read_document(path, kind)
    document, location = source.document, source.location
    check_keys(document, ["version", kind.section, *kind.top_keys], location, "")
    if "version" in document and document["version"] != 1:
        raise InputError(location, f"lexicon version must be 1, found {document['version']!r}")
    raw_entries = document.get(kind.section)
    if not isinstance(raw_entries, dict):
        raise InputError(location, f"lexicon has no mapping '{kind.section}' of entries")
    check_ids(list(raw_entries), kind, location)
    entries = {entry_id: check_entry(entry_id, raw, kind, location) for entry_id, raw in raw_entries.items()}
    return kind.build(kind, source, entries)


# --- value checks --------------------------------------------------------------------------------

def parse_words(values: Any, location: str, where: str, lower: bool = True) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InputError(location, f"{where} must be a list of non-empty strings")
    return tuple(v.strip().lower() if lower else v.strip() for v in values)


def parse_patterns(values: Any, location: str, where: str) -> tuple[tuple[dict[str, Any], ...], ...]:
    """Token patterns checked against spaCy's pattern schema (no Matcher is built here)."""
    if values is None:
        return ()
    if not isinstance(values, list):
        raise InputError(location, f"{where} must be a list of token patterns")
    from spacy.schemas import validate_token_pattern

    for number, pattern in enumerate(values):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise InputError(location, f"{where}[{number}] must be a non-empty list of token dicts")
        errors = validate_token_pattern(pattern) or compile_errors(pattern)
        if errors:
            raise InputError(location, f"{where}[{number}] is not a valid spaCy pattern: {'; '.join(errors)}")
    return tuple(tuple(token for token in pattern) for pattern in values)


_MIN_MAX = re.compile(r"^\{(\d*),?(\d*)\}$")


def compile_errors(pattern: list[dict[str, Any]]) -> list[str]:
    """What spaCy's Matcher would refuse in a schema-valid pattern: a regular expression that does not
    compile, an `OP` range {n,m} with n > m."""
    errors: list[str] = []

    def regexes(value: Any, inside: bool, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                regexes(item, inside or str(key).upper() == "REGEX", f"{where} -> {key}")
        elif isinstance(value, list):
            for item in value:
                regexes(item, inside, where)
        elif inside and isinstance(value, str):
            try:
                re.compile(value)
            except re.error as error:
                errors.append(f"[{where}] regular expression {value!r}: {error}")

    for number, token in enumerate(pattern):
        for key, value in token.items():
            if str(key).upper() == "OP" and isinstance(value, str):
                bounds = _MIN_MAX.match(value)
                if bounds and "," in value and all(bounds.groups()) and int(bounds[1]) > int(bounds[2]):
                    errors.append(f"[pattern -> {number} -> OP] {value}: the minimum is above the maximum")
            else:
                regexes(value, str(key).upper() == "REGEX", f"pattern -> {number} -> {key}")
    return errors


def parse_actor_sets(values: Any, location: str, where: str) -> tuple[tuple[str, ...], ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, list) and v for v in values):
        raise InputError(location, f"{where} must be a list of non-empty lists of actor ids")
    return tuple(parse_words(v, location, f"{where}[{n}]", lower=False) for n, v in enumerate(values))


def parse_score(value: Any, location: str, where: str) -> float:
    low, high = SCORE_RANGE
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise InputError(location, f"{where} must be a number in {low:g}..{high:g}, found {value!r}")
    return float(value)


def cue_entry(entry_id: str, raw: dict[str, Any], location: str) -> CueEntry:
    """A theme, frame or certainty entry; lemmas containing '_' or spaces become phrases."""
    where = f"entry '{entry_id}': "
    cues = raw["cues"]
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        raise InputError(location, f"{where}weight must be a positive number")
    definition = raw.get("definition")
    if definition is not None and not isinstance(definition, str):
        raise InputError(location, f"{where}definition must be a text")
    lemmas = parse_words(cues.get("lemmas"), location, f"{where}cues.lemmas")
    phrases = parse_words(cues.get("phrases"), location, f"{where}cues.phrases")
    joined = tuple(l.replace("_", " ") for l in lemmas if "_" in l or " " in l)
    return CueEntry(
        id=entry_id,
        definition=(definition or "").strip(),
        weight=float(weight),
        lemmas=tuple(l for l in lemmas if "_" not in l and " " not in l),
        phrases=tuple(dict.fromkeys(phrases + joined)),
        patterns=parse_patterns(cues.get("patterns"), location, f"{where}cues.patterns"),
        actors=parse_words(cues.get("actors"), location, f"{where}cues.actors", lower=False),
        actor_sets=parse_actor_sets(cues.get("actor_sets"), location, f"{where}cues.actor_sets"),
    )


def build_cue_lexicon(kind: LexiconKind, source: Source, entries: dict[str, dict[str, Any]]) -> CueLexicon:
    return CueLexicon({entry_id: cue_entry(entry_id, raw, source.location) for entry_id, raw in entries.items()},
                      source.sha256, source.location)


def relation_classes(document: dict[str, Any], location: str) -> dict[str, str]:
    classes = document.get("classes")
    if not isinstance(classes, dict):
        raise InputError(location, "lexicon has no mapping 'classes' (quad class -> cooperation | conflict)")
    for quad_class, polarity in classes.items():
        if quad_class not in QUAD_CLASSES:
            raise InputError(location, f"classes: unknown quad class '{quad_class}' "
                                       f"(expected one of {', '.join(QUAD_CLASSES)})")
        if polarity not in POLARITIES:
            raise InputError(location, f"classes.{quad_class} must be one of {', '.join(POLARITIES)}, "
                                       f"found {polarity!r}")
    return classes


def build_relation_lexicon(kind: LexiconKind, source: Source,
                           entries: dict[str, dict[str, Any]]) -> RelationLexicon:
    """Lemma -> cue: each class's mutual then directed cues in file order, then the settlement cues
    (a lemma listed twice keeps its last listing)."""
    location = source.location
    classes = relation_classes(source.document, location)
    cues: dict[str, RelationCue] = {}
    for quad_class, raw in entries.items():
        where = f"entry '{quad_class}': "
        if quad_class not in classes:
            raise InputError(location, f"{where}quad class is not listed in 'classes'")
        if "score" not in raw:
            raise InputError(location, f"{where}missing key 'score' (the class's default score)")
        default = parse_score(raw["score"], location, f"{where}score")
        listed = {mutual: parse_words(raw["cues"].get("mutual" if mutual else "directed"), location,
                                      f"{where}{'mutual' if mutual else 'directed'}") for mutual in (True, False)}
        scores_raw = raw.get("scores") or {}
        if not isinstance(scores_raw, dict):
            raise InputError(location, f"{where}scores must be a mapping of lemma -> score")
        scores = {}
        for lemma, value in scores_raw.items():
            name = str(lemma).strip().lower()
            if name not in listed[True] + listed[False]:
                raise InputError(location, f"{where}scores.{lemma} is not one of its mutual or directed cues")
            scores[name] = parse_score(value, location, f"{where}scores.{lemma}")
        for mutual in (True, False):
            for lemma in listed[mutual]:
                cues[lemma] = RelationCue(lemma, quad_class, classes[quad_class], scores.get(lemma, default), mutual)
    settlement = source.document.get("settlement")
    if settlement is not None:
        if not isinstance(settlement, dict):
            raise InputError(location, "settlement must be a mapping with 'score' and 'cues'")
        check_keys(settlement, list(SETTLEMENT_KEYS), location, "settlement: ")
        lemmas = parse_words(settlement.get("cues"), location, "settlement.cues")
        if lemmas and "score" not in settlement:
            raise InputError(location, "settlement: missing key 'score' (the parties' relation)")
        score = parse_score(settlement["score"], location, "settlement.score") if "score" in settlement else 0.0
        for lemma in lemmas:  # the mediator cooperates with the parties; the parties are in conflict
            between = RelationCue(lemma, "verbal_conflict", "conflict", score, True)
            cues[lemma] = RelationCue(lemma, "verbal_cooperation", "cooperation", 3.0, False, settles=between)
    word_sets = {key: frozenset(parse_words(source.document.get(key), location, key))
                 for key in RELATION_WORD_SETS}
    return RelationLexicon(cues, source.sha256, location, **word_sets)


# --- event cues (the CAMEO/PLOVER dictionaries, converted by scripts/build_event_cues.py) ---------------

EVENT_TOP_KEYS = ("codes", "blocks", "nouns", "source", "notes", "counts")
EVENT_VERB_KEYS = ("code", "block", "phrasal")
EVENT_CODE_KEYS = ("plover", "quad_class", "polarity", "goldstein", "label", "mode", "context", "goldstein_from",
                   "plover_from")
EVENT_PATTERN_KEYS = ("code", "reverse", "subject", "subject_preps", "object", "particles", "preps", "source",
                      "target", "compound")
EVENT_SENSE_KEYS = ("block", "code", "particles", "before")
EVENT_NOUN_KEYS = ("code", "reverse", "via", "kind")
EVENT_PREP_KEYS = ("prep", "object")
QUAD_POLARITY = {"verbal_cooperation": "cooperation", "material_cooperation": "cooperation",
                 "verbal_conflict": "conflict", "material_conflict": "conflict"}
_CAMEO = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class EventCode:
    """A CAMEO code resolved: its PLOVER event type (None for CAMEO 01 and 02, which PLOVER does not
    map), quad class, polarity and Goldstein weight (-10..10)."""

    cameo: str
    plover: str | None
    quad_class: str
    polarity: str
    goldstein: float
    label: str = ""


@dataclass(frozen=True)
class NounTerm:
    """One alternative of a noun slot: the head's spaCy lemma and the words before it ("banned party")."""

    head: str
    modifiers: tuple[str, ...] = ()


NounSlot = tuple[NounTerm, ...]  # alternatives: any one of them fills the slot


@dataclass(frozen=True)
class PrepCue:
    """A prepositional phrase of a pattern: the preposition and the noun slots of its object."""

    prep: str
    objects: tuple[NounSlot, ...] = ()


@dataclass(frozen=True)
class EventPattern:
    """A verb pattern reduced to what a dependency parse can check; every element must be found.

    `event` is None where the construction is no event (CAMEO `[---]`); `reverse` the event from the
    target to the source of a paired code (`[042:043]`: A visits B, B hosts A). `subject` / `objects`
    are noun slots before / after the verb, `particles` words after it (a multi-word verb's too),
    `before` words in front of a multi-word verb; `source` / `target` / `compound` say where PETRARCH's
    actor markers stood (`subject`, `object` or a preposition)."""

    event: EventCode | None
    reverse: EventCode | None = None
    subject: tuple[NounSlot, ...] = ()
    subject_preps: tuple[PrepCue, ...] = ()
    objects: tuple[NounSlot, ...] = ()
    particles: tuple[str, ...] = ()
    preps: tuple[PrepCue, ...] = ()
    before: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    compound: str | None = None
    block: str = ""

    @property
    def size(self) -> int:
        """How many elements the pattern asks for (the more, the more specific)."""
        return (len(self.subject) + len(self.objects) + len(self.particles) + len(self.before)
                + sum(1 + len(p.objects) for p in (*self.subject_preps, *self.preps)))


@dataclass(frozen=True)
class VerbCue:
    """A verb lemma: its own event (None: the verb alone is no event) and its patterns (its block's, then
    each multi-word sense as a pattern of its particles followed by that sense's block's patterns)."""

    lemma: str
    event: EventCode | None
    block: str | None
    patterns: tuple[EventPattern, ...]


@dataclass(frozen=True)
class NounCue:
    """An event noun ("ceasefire", "invasion"): its event, the reverse event of a paired code (a mutual
    act: a treaty is signed by both), the verb its code comes from and how (`object` of a coded pattern
    of that verb, or `nominalization` of it)."""

    lemma: str
    event: EventCode
    reverse: EventCode | None
    via: str
    kind: str


@dataclass(frozen=True)
class EventLexicon:
    """The event cues: CAMEO code -> EventCode, verb lemma -> VerbCue, noun lemma -> NounCue (read-only
    mappings), and the file's identity for provenance."""

    codes: Mapping[str, EventCode]
    verbs: Mapping[str, VerbCue]
    nouns: Mapping[str, NounCue]
    sha256: str
    path: str

    def verb(self, lemma: str) -> VerbCue | None:
        return self.verbs.get(lemma.lower())

    def noun(self, lemma: str) -> NounCue | None:
        return self.nouns.get(lemma.lower())

    def code(self, cameo: str) -> EventCode:
        return self.codes[cameo]


def read_event_document(path: str | Path | None, kind: LexiconKind) -> Source:
    """The events file: JSON (the packaged format, fast to read), or YAML for a user's copy."""
    data, location = read_source(path, kind.resource)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(location, f"lexicon is not valid YAML or JSON: {error}") from error
    try:
        document = json.loads(text)
    except ValueError:
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InputError(location, f"lexicon is not valid YAML or JSON: {error}") from error
    if not isinstance(document, dict):
        raise InputError(location, "event lexicon must be a mapping with 'codes', 'verbs', 'blocks' and 'nouns'")
    return Source(document, location, hashlib.sha256(data).hexdigest())


def load_event_source(kind: LexiconKind, path: str | Path | None) -> EventLexicon:
    source = read_event_document(path, kind)
    document, location = source.document, source.location
    check_keys(document, ["version", kind.section, *kind.top_keys], location, "")
    if document.get("version", 1) != 1:
        raise InputError(location, f"lexicon version must be 1, found {document['version']!r}")
    for section in ("codes", "verbs", "blocks", "nouns"):
        if not isinstance(document.get(section), dict):
            raise InputError(location, f"lexicon has no mapping '{section}'")
    verbs = document[kind.section]
    check_ids(list(verbs), kind, location)
    return kind.build(kind, source, verbs)


def event_code(cameo: Any, raw: Any, location: str) -> EventCode:
    where = f"codes.{cameo}"
    if not isinstance(cameo, str) or not _CAMEO.match(cameo) or not 1 <= int(cameo[:2]) <= 20:
        raise InputError(location, f"{where}: not a CAMEO code (2 to 4 digits, root 01..20)")
    if not isinstance(raw, dict):
        raise InputError(location, f"{where} must be a mapping")
    check_keys(raw, list(EVENT_CODE_KEYS), location, f"{where}: ")
    for key in ("quad_class", "polarity", "goldstein"):
        if key not in raw:
            raise InputError(location, f"{where}: missing key '{key}'")
    quad_class, polarity = raw["quad_class"], raw["polarity"]
    if quad_class not in QUAD_CLASSES:
        raise InputError(location, f"{where}.quad_class: unknown quad class {quad_class!r} "
                                   f"(expected one of {', '.join(QUAD_CLASSES)})")
    if polarity != QUAD_POLARITY[quad_class]:
        raise InputError(location, f"{where}.polarity must be {QUAD_POLARITY[quad_class]} for {quad_class}, "
                                   f"found {polarity!r}")
    plover = raw.get("plover")
    if plover is not None and (not isinstance(plover, str) or not plover.strip()):
        raise InputError(location, f"{where}.plover must be an event type or null")
    label = raw.get("label", "")
    if not isinstance(label, str):
        raise InputError(location, f"{where}.label must be a text")
    return EventCode(cameo, plover, quad_class, polarity, parse_score(raw["goldstein"], location,
                                                                      f"{where}.goldstein"), label)


class _EventReader:
    """Checks the sections of an events file against its code table, naming the file and the place."""

    def __init__(self, location: str, codes: dict[str, EventCode], block_names: set[str]):
        self.location, self.codes, self.block_names = location, codes, block_names
        self.terms: dict[tuple[str, ...], NounSlot] = {}  # a synset's expansion recurs: read it once

    def fail(self, where: str, reason: str) -> InputError:
        return InputError(self.location, f"{where}: {reason}")

    def mapping(self, raw: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a mapping")
        check_keys(raw, list(allowed), self.location, f"{where}: ")
        return raw

    def code(self, value: Any, where: str, required: bool = False) -> EventCode | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or value not in self.codes:
            raise self.fail(where, f"unknown CAMEO code {value!r} (not in 'codes')")
        return self.codes[value]

    def words(self, value: Any, where: str) -> tuple[str, ...]:
        return parse_words(value, self.location, where)

    def slots(self, value: Any, where: str) -> tuple[NounSlot, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(slot, list) and slot for slot in value):
            raise self.fail(where, "must be a list of noun slots (non-empty lists of alternatives)")
        slots = []
        for number, slot in enumerate(value):
            key = tuple(slot) if all(isinstance(t, str) for t in slot) else None
            if key is None or key not in self.terms:
                terms = self.words(slot, f"{where}[{number}]")
                parsed = tuple(NounTerm(t.split()[-1], tuple(t.split()[:-1])) for t in terms)
                if key is None:
                    slots.append(parsed)
                    continue
                self.terms[key] = parsed
            slots.append(self.terms[key])
        return tuple(slots)

    def preps(self, value: Any, where: str) -> tuple[PrepCue, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of prepositional phrases")
        preps = []
        for number, raw in enumerate(value):
            here = f"{where}[{number}]"
            raw = self.mapping(raw, EVENT_PREP_KEYS, here)
            prep = raw.get("prep")
            if not isinstance(prep, str) or not prep.strip():
                raise self.fail(here, "missing its preposition 'prep'")
            preps.append(PrepCue(prep.strip().lower(), self.slots(raw.get("object"), f"{here}.object")))
        return tuple(preps)

    def place(self, value: Any, where: str) -> str | None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.fail(where, "must be where the marker stood (subject, object or a preposition)")
        return value

    def pattern(self, raw: Any, block: str, where: str) -> EventPattern:
        raw = self.mapping(raw, EVENT_PATTERN_KEYS, where)
        if "code" not in raw:
            raise self.fail(where, "missing key 'code' (null: no event)")
        return EventPattern(
            event=self.code(raw["code"], f"{where}.code"), reverse=self.code(raw.get("reverse"), f"{where}.reverse"),
            subject=self.slots(raw.get("subject"), f"{where}.subject"),
            subject_preps=self.preps(raw.get("subject_preps"), f"{where}.subject_preps"),
            objects=self.slots(raw.get("object"), f"{where}.object"),
            particles=self.words(raw.get("particles"), f"{where}.particles"),
            preps=self.preps(raw.get("preps"), f"{where}.preps"),
            source=self.place(raw.get("source"), f"{where}.source"),
            target=self.place(raw.get("target"), f"{where}.target"),
            compound=self.place(raw.get("compound"), f"{where}.compound"), block=block)

    def block_name(self, value: Any, where: str) -> str | None:
        if value is not None and value not in self.block_names:
            raise self.fail(where, f"unknown block {value!r} (not in 'blocks')")
        return value


def build_event_lexicon(kind: LexiconKind, source: Source, verbs_raw: dict[str, Any]) -> EventLexicon:
    """Codes first (every code a verb, pattern or noun uses must be listed), then the blocks' patterns,
    the verbs with their multi-word senses, and the nouns."""
    document, location = source.document, source.location
    codes = {cameo: event_code(cameo, raw, location) for cameo, raw in document["codes"].items()}
    reader = _EventReader(location, codes, set(document["blocks"]))
    blocks: dict[str, tuple[EventPattern, ...]] = {}
    for name, raw in document["blocks"].items():
        where = f"blocks.{name}"
        raw = reader.mapping(raw, ("code", "patterns"), where)
        reader.code(raw.get("code"), f"{where}.code")
        patterns = raw.get("patterns") or []
        if not isinstance(patterns, list):
            raise reader.fail(f"{where}.patterns", "must be a list of patterns")
        blocks[name] = tuple(reader.pattern(p, name, f"{where}.patterns[{n}]") for n, p in enumerate(patterns))
    verbs: dict[str, VerbCue] = {}
    for lemma, raw in verbs_raw.items():
        where = f"verbs.{lemma}"
        raw = reader.mapping(raw, kind.entry_keys, where)
        event = reader.code(raw.get("code"), f"{where}.code")
        block = reader.block_name(raw.get("block"), f"{where}.block")
        senses = raw.get("phrasal") or []
        if not isinstance(senses, list):
            raise reader.fail(f"{where}.phrasal", "must be a list of multi-word senses")
        if block is None and not senses:
            raise reader.fail(where, "has no cues (give its 'block' or its multi-word senses 'phrasal')")
        patterns = list(blocks[block]) if block is not None else []
        for number, sense in enumerate(senses):
            here = f"{where}.phrasal[{number}]"
            sense = reader.mapping(sense, EVENT_SENSE_KEYS, here)
            own = reader.block_name(sense.get("block"), f"{here}.block")
            if own is None:
                raise reader.fail(here, "missing key 'block'")
            particles = reader.words(sense.get("particles"), f"{here}.particles")
            before = reader.words(sense.get("before"), f"{here}.before")
            if not particles and not before:
                raise reader.fail(here, "a multi-word sense needs its 'particles' or the words 'before' the verb")
            patterns.append(EventPattern(event=reader.code(sense.get("code"), f"{here}.code"), particles=particles,
                                         before=before, block=own))
            if own != block:
                patterns.extend(replace(p, particles=particles + p.particles, before=before + p.before)
                                for p in blocks[own])
        verbs[lemma.strip().lower()] = VerbCue(lemma.strip().lower(), event, block, tuple(patterns))
    nouns: dict[str, NounCue] = {}
    for lemma, raw in document["nouns"].items():
        where = f"nouns.{lemma}"
        if not isinstance(lemma, str) or not lemma.strip():
            raise reader.fail("nouns", f"every noun must be a non-empty string, found {lemma!r}")
        raw = reader.mapping(raw, EVENT_NOUN_KEYS, where)
        if "code" not in raw:
            raise reader.fail(where, "missing key 'code'")
        via, how = raw.get("via", ""), raw.get("kind", "object")
        if not isinstance(via, str) or how not in ("object", "nominalization"):
            raise reader.fail(where, "via must be a verb and kind one of object, nominalization")
        nouns[lemma.strip().lower()] = NounCue(lemma.strip().lower(), cast(EventCode, reader.code(
            raw.get("code"), f"{where}.code", required=True)), reader.code(raw.get("reverse"), f"{where}.reverse"),
            via, how)
    return EventLexicon(MappingProxyType(codes), MappingProxyType(verbs), MappingProxyType(nouns),
                        source.sha256, location)


# --- the kinds -----------------------------------------------------------------------------------

def _cue_kind(name: str, config_key: tuple[str, str], entry_keys: tuple[str, ...], cue_keys: tuple[str, ...],
              required_ids: tuple[str, ...] | None) -> LexiconKind:
    return LexiconKind(name=name, resource=f"{name}.yaml", config_key=config_key, section=name, top_keys=(),
                       entry_keys=entry_keys, cue_keys=cue_keys, cues_under="cues", required_ids=required_ids,
                       ids_subset=False, empty_cues_allowed=required_ids is not None, build=build_cue_lexicon)


KINDS: dict[str, LexiconKind] = {
    "themes": _cue_kind("themes", ("themes", "codebook"), ("definition",), (*_WORD_CUES, "actors", "actor_sets"),
                        None),
    "frames": _cue_kind("frames", ("framing", "frames"), ("definition", "weight"), _WORD_CUES, FRAME_IDS),
    "certainty": _cue_kind("certainty", ("framing", "certainty"), ("definition",), _WORD_CUES, CERTAINTY_IDS),
    "relations": LexiconKind(name="relations", resource="relations.yaml", config_key=("framing", "relations"),
                             section="cues", top_keys=("classes", "settlement", *RELATION_WORD_SETS),
                             entry_keys=("score", "scores"),
                             cue_keys=("mutual", "directed"), cues_under=None, required_ids=QUAD_CLASSES,
                             ids_subset=True, empty_cues_allowed=False, build=build_relation_lexicon,
                             id_label="quad class"),
    "events": LexiconKind(name="events", resource="event_cues.json", config_key=("framing", "events"),
                          section="verbs", top_keys=EVENT_TOP_KEYS, entry_keys=EVENT_VERB_KEYS, cue_keys=(),
                          cues_under=None, required_ids=None, ids_subset=False, empty_cues_allowed=False,
                          build=build_event_lexicon, id_label="verb lemma", load=load_event_source),
}
LEXICON_KINDS: tuple[str, ...] = tuple(KINDS)


# --- public API ----------------------------------------------------------------------------------

def load_lexicon(kind: str, path: str | Path | None = None) -> CueLexicon | RelationLexicon | EventLexicon:
    """Load and validate a lexicon of `kind` (themes, frames, certainty, relations, events): the user's
    file if `path` is given, else the packaged default. Raises InputError naming the file."""
    try:
        spec = KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown lexicon kind '{kind}' (expected one of {', '.join(KINDS)})") from None
    return spec.load(spec, path) if spec.load is not None else load_source(spec, path)


def load_themes(path: str | Path | None = None) -> CueLexicon:
    """The theme codebook (`themes.codebook`): its ids are the study's themes."""
    return cast(CueLexicon, load_lexicon("themes", path))


def load_frames(path: str | Path | None = None) -> CueLexicon:
    """The frame lexicon (`framing.frames`): the 15 Policy Frames Codebook dimensions."""
    return cast(CueLexicon, load_lexicon("frames", path))


def load_certainty(path: str | Path | None = None) -> CueLexicon:
    """The certainty lexicon (`framing.certainty`): hedges and boosters."""
    return cast(CueLexicon, load_lexicon("certainty", path))


def load_relations(path: str | Path | None = None) -> RelationLexicon:
    """The relation cue lexicon (`framing.relations`)."""
    return cast(RelationLexicon, load_lexicon("relations", path))


def load_events(path: str | Path | None = None) -> EventLexicon:
    """The event cues converted from the CAMEO/PLOVER dictionaries (`framing.events`)."""
    return cast(EventLexicon, load_lexicon("events", path))


def lexicon_paths(config: Mapping[str, Any]) -> dict[str, str | None]:
    """Kind -> the user's file named in the validated workflow config, or None for the packaged one (also
    where the config has no key for the kind)."""
    return {name: config[spec.config_key[0]][spec.config_key[1]] for name, spec in KINDS.items()}


def lexicon_provenance(paths: Mapping[str, str | Path | None]) -> dict[str, dict[str, str]]:
    """Kind -> {"path", "sha256"} of each lexicon, validated as the framing would load it but without
    building any spaCy matcher (for the run manifest). `paths` as from `lexicon_paths(config)`."""
    provenance = {}
    for kind, path in paths.items():
        lexicon = load_lexicon(kind, path)
        provenance[kind] = {"path": lexicon.path, "sha256": lexicon.sha256}
    return provenance
