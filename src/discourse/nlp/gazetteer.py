"""The actor gazetteer: canonical actor ids and the names that denote them.

States come from pycountry (ISO 3166-1 alpha-3 ids, names, official and common names) plus the
curated package data `data/actors.yaml` (aliases, demonyms, capitals, historical states, names whose
referent changed over time, organisations, movements, and phrases that are not actors).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

DEFAULT_GAZETTEER = resources.files("discourse") / "data" / "actors.yaml"
# A leading article is dropped from a name only when what is left is not a generic word
# ("the Russian Federation" -> "Russian Federation", but "the Organization" stays as it is).
_GENERIC = frozenset({"Organization", "Organisation", "Charter", "Assembly", "Council", "Union", "Alliance",
                      "Federation", "Republic", "Kingdom", "Government", "Secretariat"})
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
    sha256: str = ""

    def add(self, name: str, entry: Entry, requires_entity: bool = False) -> None:
        pattern_id = f"{entry.key}|{entry.rule}|{'E' if requires_entity else '-'}"
        self.entries[pattern_id] = entry
        if requires_entity:
            self.requires_entity.add(pattern_id)
        for variant in name_variants(name):
            self.patterns.append({"label": entry.rule if entry.kind != "not_actor" else BLOCK,
                                  "pattern": variant, "id": pattern_id})

    def resolve(self, pattern_id: str, year: int | None) -> tuple[str | None, str]:
        """The actor id a matched name denotes in a given year, and its kind."""
        entry = self.entries[pattern_id]
        if entry.kind == "time_aware":
            group = self.time_aware[entry.key]
            actor = group["actor"] if year is not None and year <= group["until"] else group["otherwise"]
            return actor, self.kinds.get(actor, "state")
        if entry.kind == "not_actor":
            return None, entry.kind
        return entry.key, entry.kind


def name_variants(name: str) -> list[str]:
    """The spellings matched for a name: both apostrophes, and without a leading article."""
    names = {name}
    for article in ("the ", "The "):
        rest = name[len(article):]
        if name.startswith(article) and (" " in rest or rest not in _GENERIC):
            names.add(rest)
        if name.startswith("the "):
            names.add("The " + name[4:])
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
    path = Path(path) if path else Path(str(DEFAULT_GAZETTEER))
    raw = path.read_bytes()
    data = yaml.safe_load(raw)
    gazetteer = Gazetteer(sha256=hashlib.sha256(raw).hexdigest())
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
    for name in data.get("not_actors") or []:
        gazetteer.add(name, Entry("-", "not_actor", "not_actor"))
    return gazetteer
