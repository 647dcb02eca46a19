"""The actor gazetteer: canonical actor ids and the names that denote them.

States come from pycountry (ISO 3166-1 alpha-3 ids, names, official and common names) plus the
curated package data `data/actors.yaml` (aliases, demonyms, capitals, historical states, names whose
referent changed over time, organisations, movements, and phrases that are not actors).

People come from `data/persons.json` (built from the Phoenix actor dictionaries by
`scripts/build_person_gazetteer.py`): who acted for which state or organisation between which dates,
under which names. The packaged gazetteer uses it; a gazetteer file of your own names its person file
under `persons:` (relative to the file), or has none.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

DEFAULT_GAZETTEER = resources.files("discourse") / "data" / "actors.yaml"
DEFAULT_PERSONS = resources.files("discourse") / "data" / "persons.json"
# A leading article is dropped from a name only when what is left is not a generic word
# ("the Russian Federation" -> "Russian Federation", but "the Organization" stays as it is).
_GENERIC = frozenset({"Organization", "Organisation", "Charter", "Assembly", "Council", "Union", "Alliance",
                      "Federation", "Republic", "Kingdom", "Government", "Secretariat",
                      "Nine", "Twelve"})  # "the Twelve" (the EC's members), never "Twelve countries"
BLOCK = "NOT_ACTOR"


@dataclass(frozen=True)
class Entry:
    """What a matched name stands for."""

    key: str  # actor id, or "time:N" for a time-aware group
    kind: str  # state | historical_state | organisation | movement | time_aware | not_actor
    rule: str  # name | alias | demonym | capital | not_actor


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)  # pattern id -> entry
    patterns: list[dict[str, Any]] = field(default_factory=list)  # SpanRuler patterns
    time_aware: dict[str, dict[str, Any]] = field(default_factory=dict)
    requires_entity: set[str] = field(default_factory=set)  # pattern ids that need an NER entity
    kinds: dict[str, str] = field(default_factory=dict)  # actor id -> kind
    names: dict[str, str] = field(default_factory=dict)  # actor id -> display name
    sha256: str = ""  # of the gazetteer file and its person file
    persons_path: Path | None = None

    def person_index(self) -> "PersonIndex | None":
        """The people of the gazetteer's person file (loaded once per file and content)."""
        return load_person_index(str(self.persons_path), self.sha256) if self.persons_path else None

    def add(self, name: str, entry: Entry, requires_entity: bool = False) -> None:
        for variant in name_variants(name):
            self._add_pattern(variant, entry, requires_entity)

    def add_combining_form(self, form: str, entry: Entry) -> None:
        """A combining form ("Sino", "Indo") is a name only before a hyphen ("Sino-Pakistani"): the span is
        the form and its hyphen (the tokenizer splits "Sino-Pakistani" into three tokens)."""
        self._add_pattern([{"ORTH": form}, {"ORTH": "-"}], entry, False)

    def _add_pattern(self, pattern: str | list[dict[str, str]], entry: Entry, requires_entity: bool) -> None:
        pattern_id = f"{entry.key}|{entry.rule}|{'E' if requires_entity else '-'}"
        self.entries[pattern_id] = entry
        if requires_entity:
            self.requires_entity.add(pattern_id)
        self.patterns.append({"label": entry.rule if entry.kind != "not_actor" else BLOCK,
                              "pattern": pattern, "id": pattern_id})

    def resolve(self, pattern_id: str, year: int | tuple[int, int] | None) -> tuple[str | None, str]:
        """The actor id a matched name denotes in a given year (or span of years: by its middle), and its
        kind."""
        entry = self.entries[pattern_id]
        if entry.kind == "time_aware":
            group = self.time_aware[entry.key]
            middle = (year[0] + year[1]) / 2 if isinstance(year, tuple) else year
            actor = group["actor"] if middle is not None and middle <= group["until"] else group["otherwise"]
            return actor, self.kinds.get(actor, "state")
        if entry.kind == "not_actor":
            return None, entry.kind
        return entry.key, entry.kind


def name_variants(name: str) -> list[str]:
    """The spellings matched for a name: both apostrophes, without a leading article, and capitalized at
    the start of a sentence ("This Assembly")."""
    names = {name}
    for article in ("the ", "The "):
        rest = name[len(article):]
        if name.startswith(article) and (" " in rest or rest not in _GENERIC):
            names.add(rest)
    for word in ("the ", "this "):
        if name.startswith(word):
            names.add(word.capitalize() + name[len(word):])
    for variant in list(names):
        names.add(variant.replace("'", "\u2019"))
        names.add(variant.replace("\u2019", "'"))
    return sorted(names)


def pycountry_names(alpha_3: str) -> list[str]:
    """Names of an ISO state from pycountry; "Iran, Islamic Republic of" also gives "Iran" and
    "Islamic Republic of Iran"."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        return []
    names = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        if ", " in value:
            head, tail = value.split(", ", 1)
            names += [head, f"{tail} {head}"]
        else:
            names.append(value)
    return names


def ambiguous_pycountry_names(state_ids: list[str]) -> set[str]:
    """Names pycountry gives to two states ("Korea", "Congo" from "Korea, Republic of" and
    "Korea, Democratic People's Republic of"): they denote neither."""
    owners: dict[str, set[str]] = {}
    for state_id in state_ids:
        for name in pycountry_names(state_id):
            owners.setdefault(name, set()).add(state_id)
    return {name for name, ids in owners.items() if len(ids) > 1}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer of a file (default: the packaged one), with its person file's path: `persons:` in
    the file (relative to it), the packaged `persons.json` for the packaged gazetteer, else none.

    Loaded once per file content (the pipeline's ruler and resolver and the stage's fingerprint share it):
    treat the result as read-only."""
    packaged = not path
    path = Path(path) if path else Path(str(DEFAULT_GAZETTEER))
    raw = path.read_bytes()
    persons = _persons_entry(raw)
    persons_path = (path.parent / persons) if persons else (Path(str(DEFAULT_PERSONS)) if packaged else None)
    digest = hashlib.sha256(raw)
    if persons_path is not None:
        digest.update(persons_path.read_bytes())
    return _parse_gazetteer(raw, str(persons_path) if persons_path else None, digest.hexdigest())


def _persons_entry(raw: bytes) -> str | None:
    """The `persons:` line of a gazetteer file, read without parsing the whole file."""
    for line in raw.decode("utf-8").splitlines():
        if line.startswith("persons:"):
            value = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
            return value or None
    return None


@lru_cache(maxsize=8)
def _parse_gazetteer(raw: bytes, persons_path: str | None, sha256: str) -> Gazetteer:
    data = yaml.safe_load(raw)
    gazetteer = Gazetteer(sha256=sha256, persons_path=Path(persons_path) if persons_path else None)
    ambiguous = ambiguous_pycountry_names(list(data.get("states") or {}))
    for kind, section in (("state", "states"), ("historical_state", "historical_states"),
                          ("organisation", "organisations"), ("movement", "movements")):
        for actor_id, spec in (data.get(section) or {}).items():
            spec = spec or {}
            gazetteer.kinds[actor_id] = kind
            official = [n for n in pycountry_names(actor_id) if n not in ambiguous] if kind == "state" else []
            gazetteer.names[actor_id] = spec.get("name") or (official[0] if official else actor_id)
            requires = bool(spec.get("requires_entity"))
            for name in dict.fromkeys(official + list(spec.get("aliases") or [])):
                gazetteer.add(name, Entry(actor_id, kind, "name"), requires)
            for name in spec.get("demonyms") or []:
                gazetteer.add(name, Entry(actor_id, kind, "demonym"), requires)
            for name in spec.get("capitals") or []:
                gazetteer.add(name, Entry(actor_id, kind, "capital"))
    for index, group in enumerate(data.get("time_aware") or []):
        key = f"time:{index}"
        gazetteer.time_aware[key] = group
        for name in group["names"]:
            rule = "capital" if name in group.get("capitals", ()) else "name"
            gazetteer.add(name, Entry(key, "time_aware", rule))
    for form, actor_id in (data.get("combining_forms") or {}).items():
        gazetteer.add_combining_form(form, Entry(actor_id, gazetteer.kinds[actor_id], "combining_form"))
    for name in data.get("not_actors") or []:
        gazetteer.add(name, Entry("-", "not_actor", "not_actor"))
    return gazetteer


# ------------------------------------------------------------------------------------------------- people

_OPEN_START, _OPEN_END = date.min.toordinal(), date.max.toordinal()


@dataclass(frozen=True)
class PersonIndex:
    """The person file, ready for matching: names as lower-cased token tuples, indexed by their last token;
    roles as (actor id, first day, last day), ISO dates or None for an open end (`role_days` converts)."""

    persons: tuple[tuple[str, tuple[tuple[str, str | None, str | None], ...]], ...]  # roles as in the file
    names: dict[str, tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]]  # last token -> (tokens, persons)
    surnames: dict[str, tuple[int, tuple[int, ...]]]  # token -> (bare: 0 | 1 | 2, persons)
    acronyms: dict[str, tuple[int, ...]]  # exact text -> persons
    organisations: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # last token -> (tokens, actor id)


@lru_cache(maxsize=None)
def role_days(start: str | None, end: str | None) -> tuple[int, int]:
    """A role's first and last day as proleptic Gregorian ordinals (open ends unbounded)."""
    return (date.fromisoformat(start).toordinal() if start else _OPEN_START,
            date.fromisoformat(end).toordinal() if end else _OPEN_END)


def _by_last_token(rows: dict[str, Any]) -> dict[str, tuple]:
    index: dict[str, list] = {}
    for key, value in rows.items():
        tokens = tuple(key.split(" "))
        index.setdefault(tokens[-1], []).append((tokens, tuple(value) if isinstance(value, list) else value))
    return {last: tuple(entries) for last, entries in index.items()}


@lru_cache(maxsize=4)
def load_person_index(path: str, sha256: str) -> PersonIndex:
    """`sha256` (the gazetteer's) only keys the cache, so that an edited file is read again."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    persons = tuple((name, tuple(map(tuple, roles))) for name, roles in data["persons"])
    return PersonIndex(persons=persons, names=_by_last_token(data.get("names", {})),
                       surnames={k: (bare, tuple(ids)) for k, (bare, ids) in data.get("surnames", {}).items()},
                       acronyms={k: tuple(v) for k, v in data.get("acronyms", {}).items()},
                       organisations=_by_last_token(data.get("organisations", {})))
