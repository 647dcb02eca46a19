"""Data checks for the curated actor gazetteer ``src/discourse/data/actors.yaml``.

These tests check the gazetteer file on its own (structure, coverage,
one-name-one-id); the resolver that consumes it has its own tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

from discourse.nlp.gazetteer import load_gazetteer, name_variants

GAZETTEER = Path(__file__).resolve().parents[2] / "src/discourse/data/actors.yaml"

TOP_LEVEL_KEYS = [
    "version",
    "states",
    "historical_states",
    "time_aware",
    "organisations",
    "movements",
    "combining_forms",
    "not_actors",
]

# The 193 UN member states (ISO 3166-1 alpha-3), in the UN's alphabetical order.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
OBSERVERS = {"PSE", "VAT"}
EXTRA_STATES = {"XKX", "TWN"}
NON_ISO_STATE_IDS = {"XKX"}  # Kosovo: user-assigned code, not in pycountry

# Documented exceptions to "every state has demonyms and capitals".
# Names that moved to `time_aware` (the state is then the entry's `otherwise`).
TIME_AWARE_ONLY = {
    "RUS": {"demonyms", "capitals"},  # Russia/Russian(s)/Moscow/Kremlin
    "CZE": {"capitals"},  # Prague
    "SRB": {"capitals"},  # Belgrade
}
NO_DEMONYM = {
    "COG",  # "Congolese" is ambiguous between COG and COD
    "DMA",  # "Dominican" is given to DOM
    "VAT",  # no demonym in use
}
NO_CAPITAL = {
    "ATG",  # St. John's (also Newfoundland)
    "GRD",  # St. George's (ambiguous)
    "SYC",  # Victoria (lake, queen, Australian state)
    "DJI",  # capital named like the state: already a pycountry name
    "LUX",
    "MCO",
    "SGP",
    "SMR",
}
# States whose names are often not the state: NER must confirm the span.
REQUIRES_ENTITY = {"TCD", "JOR", "GEO", "TUR", "NER", "GIN"}

REQUIRED_ORGS = {
    "UN", "SCO", "EAEU", "SAARC", "NATO", "CENTO", "SEATO", "BRI", "CPEC",
    "EU", "ASEAN", "CIS", "CSTO", "OIC", "BRICS", "NAM_MOVEMENT", "IAEA",
}
OPTIONAL_ORGS = {"AU", "LAS", "OSCE", "OAS", "WARSAW_PACT", "GCC"}
NON_ISO_HISTORICAL_IDS = {"RVN"}  # South Vietnam: Correlates of War code
# No id is used in two sections (the Non-Aligned Movement is NAM_MOVEMENT: NAM is Namibia).
SHARED_IDS: set[str] = set()
# Names the pycountry derivation gives to two states (the resolver must treat
# them as ambiguous); the gazetteer itself must not add to this.
AMBIGUOUS_PYCOUNTRY_NAMES = {"Korea", "Congo"}

ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
NAME_LISTS = ("aliases", "demonyms", "capitals")


def norm(name: str) -> str:
    """One key per set of spellings the resolver generates (apostrophes, leading article)."""
    variants = {v.replace("\u2019", "'").replace("\u2018", "'") for v in name_variants(name)}
    return min(variants, key=lambda v: (len(v), v))


def pycountry_names(code: str) -> set[str]:
    """Names the resolver takes from pycountry for an ISO 3166-1 state."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return set()
    names: set[str] = set()
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        names.add(value)
        if ", " in value:
            head, tail = value.split(", ", 1)
            names.add(head)
            names.add(f"{tail} {head}")
    return {norm(n) for n in names}


@pytest.fixture(scope="module")
def gaz() -> dict:
    with GAZETTEER.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def listed(gaz) -> list[tuple[str, str, str]]:
    """Every name in the file as (name, owner id, where)."""
    rows = []
    for code, entry in gaz["states"].items():
        for key in NAME_LISTS:
            rows += [(n, code, f"states.{code}.{key}") for n in entry[key]]
    for code, entry in gaz["historical_states"].items():
        for key in NAME_LISTS:
            rows += [(n, code, f"historical_states.{code}.{key}") for n in entry[key]]
        rows.append((entry["name"], code, f"historical_states.{code}.name"))
    for section in ("organisations", "movements"):
        for code, entry in gaz[section].items():
            rows += [(n, code, f"{section}.{code}.aliases") for n in entry["aliases"]]
            rows.append((entry["name"], code, f"{section}.{code}.name"))
    for i, entry in enumerate(gaz["time_aware"]):
        owner = f"time_aware[{i}]:{entry['actor']}->{entry['otherwise']}"
        rows += [(n, owner, f"time_aware[{i}].names") for n in entry["names"]]
    return rows


# --- structure -------------------------------------------------------------


def test_top_level_keys(gaz):
    assert list(gaz) == TOP_LEVEL_KEYS
    assert gaz["version"] == 1


def test_ids_are_upper_case(gaz):
    for section in ("states", "historical_states", "organisations", "movements"):
        assert isinstance(gaz[section], dict), section
        bad = [i for i in gaz[section] if not ID_RE.match(str(i))]
        assert not bad, (section, bad)


def test_ids_unique_across_sections(gaz):
    seen: dict[str, list[str]] = defaultdict(list)
    for section in ("states", "historical_states", "organisations", "movements"):
        for code in gaz[section]:
            seen[code].append(section)
    shared = {code for code, sections in seen.items() if len(sections) > 1}
    assert shared == SHARED_IDS


def test_state_entries_well_formed(gaz):
    for code, entry in gaz["states"].items():
        keys = ["aliases", "demonyms", "capitals", "requires_entity"]
        if code in NON_ISO_STATE_IDS:  # no pycountry name to display: give one
            keys.insert(0, "name")
            assert isinstance(entry.get("name"), str) and entry["name"] in entry["aliases"], code
        assert list(entry) == keys, code
        for key in NAME_LISTS:
            assert isinstance(entry[key], list), (code, key)
            assert all(isinstance(n, str) for n in entry[key]), (code, key)
        assert isinstance(entry["requires_entity"], bool), code


def test_state_ids_are_iso_or_known(gaz):
    bad = [
        code
        for code in gaz["states"]
        if pycountry.countries.get(alpha_3=code) is None and code not in NON_ISO_STATE_IDS
    ]
    assert not bad


def test_un_member_list_is_complete():
    assert len(UN_MEMBERS) == 193
    assert len(set(UN_MEMBERS)) == 193
    assert all(pycountry.countries.get(alpha_3=c) for c in UN_MEMBERS)


def test_all_un_members_and_observers_covered(gaz):
    states = set(gaz["states"])
    assert set(UN_MEMBERS) <= states, sorted(set(UN_MEMBERS) - states)
    expected = set(UN_MEMBERS) | OBSERVERS | EXTRA_STATES
    assert states == expected, (sorted(states - expected), sorted(expected - states))
    assert len(gaz["states"]) == 197


def test_states_have_demonyms_and_capitals(gaz):
    otherwise = {e["otherwise"] for e in gaz["time_aware"]}
    assert set(TIME_AWARE_ONLY) <= otherwise
    for code, entry in gaz["states"].items():
        exempt = TIME_AWARE_ONLY.get(code, set())
        if code not in NO_DEMONYM and "demonyms" not in exempt:
            assert entry["demonyms"], f"{code} has no demonyms"
        if code not in NO_CAPITAL and "capitals" not in exempt:
            assert entry["capitals"], f"{code} has no capitals"


def test_documented_exceptions_are_not_stale(gaz):
    states = gaz["states"]
    for code in NO_DEMONYM:
        assert states[code]["demonyms"] == [], code
    for code in NO_CAPITAL:
        assert states[code]["capitals"] == [], code
    for code, keys in TIME_AWARE_ONLY.items():
        for key in keys:
            assert states[code][key] == [], (code, key)


def test_requires_entity_set(gaz):
    flagged = {code for code, e in gaz["states"].items() if e["requires_entity"]}
    assert flagged == REQUIRES_ENTITY


def test_historical_states(gaz):
    iso3166_3 = {c.alpha_3 for c in pycountry.historic_countries}
    hist = gaz["historical_states"]
    assert {"SUN", "YUG", "CSK", "DDR", "YMD"} <= set(hist)
    for code, entry in hist.items():
        assert code in iso3166_3 or code in NON_ISO_HISTORICAL_IDS, code
        assert code not in gaz["states"], code
        assert list(entry) == ["name", "aliases", "demonyms", "capitals"], code
        assert isinstance(entry["name"], str) and entry["name"], code
        assert entry["name"] in entry["aliases"], code
        for key in NAME_LISTS:
            assert isinstance(entry[key], list), (code, key)


def test_time_aware_entries(gaz):
    entries = gaz["time_aware"]
    assert isinstance(entries, list) and entries
    ids = set(gaz["states"]) | set(gaz["historical_states"])
    for entry in entries:
        assert list(entry) in (["names", "capitals", "until", "actor", "otherwise"],
                               ["names", "until", "actor", "otherwise"]), entry
        assert isinstance(entry["names"], list) and entry["names"], entry
        assert set(entry.get("capitals", [])) <= set(entry["names"]), entry
        assert isinstance(entry["until"], int) and not isinstance(entry["until"], bool)
        assert 1946 <= entry["until"] <= 2024, entry
        assert entry["actor"] in ids and entry["otherwise"] in ids, entry
        assert entry["actor"] != entry["otherwise"], entry
    russia = next(e for e in entries if "Russia" in e["names"])
    assert (russia["until"], russia["actor"], russia["otherwise"]) == (1991, "SUN", "RUS")
    assert {"Moscow", "Kremlin", "Russian", "Russians"} <= set(russia["names"])
    assert set(russia["capitals"]) == {"Moscow", "Kremlin"}


def test_organisations(gaz):
    orgs = gaz["organisations"]
    assert REQUIRED_ORGS <= set(orgs), sorted(REQUIRED_ORGS - set(orgs))
    assert set(orgs) <= REQUIRED_ORGS | OPTIONAL_ORGS, sorted(set(orgs) - REQUIRED_ORGS - OPTIONAL_ORGS)
    for section in ("organisations", "movements"):
        for code, entry in gaz[section].items():
            assert list(entry) == ["name", "aliases"], (section, code)
            assert isinstance(entry["name"], str) and entry["name"], code
            assert isinstance(entry["aliases"], list) and entry["aliases"], code
            assert entry["name"] in entry["aliases"], code
    assert "TALIBAN" in gaz["movements"]
    assert "European" not in orgs["EU"]["aliases"]


# --- names -----------------------------------------------------------------


def test_names_are_clean(listed):
    for name, owner, where in listed:
        assert isinstance(name, str), (name, where)
        assert name and name == name.strip(), (name, where)
        assert "  " not in name, (name, where)
        assert "\u2019" not in name and "\u2018" not in name, (name, where)  # resolver adds curly variants
        if re.match(r"^(?:the|The)\s", name):
            # the resolver drops a leading article itself; keep one only where it matters
            # ("the Organization" must not become a bare "Organization")
            assert name[4:] not in name_variants(name), (name, where)


def test_no_duplicates_within_a_list(gaz):
    for section in ("states", "historical_states"):
        for code, entry in gaz[section].items():
            for key in NAME_LISTS:
                keys = [norm(n) for n in entry[key]]
                assert len(keys) == len(set(keys)), (section, code, key)
    for section in ("organisations", "movements"):
        for code, entry in gaz[section].items():
            keys = [norm(n) for n in entry["aliases"]]
            assert len(keys) == len(set(keys)), (section, code)
    for entry in gaz["time_aware"]:
        assert len(entry["names"]) == len(set(map(norm, entry["names"])))
    assert len(gaz["not_actors"]) == len(set(map(norm, gaz["not_actors"])))


def test_each_name_maps_to_exactly_one_id(gaz, listed):
    owners: dict[str, set[str]] = defaultdict(set)
    for name, owner, _ in listed:
        owners[norm(name)].add(owner)
    # names the resolver takes from pycountry count as well
    for code in gaz["states"]:
        for name in pycountry_names(code):
            if name not in AMBIGUOUS_PYCOUNTRY_NAMES:
                owners[name].add(code)
    clashes = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
    assert not clashes


def test_resolver_patterns_map_to_one_actor():
    """The same check on what the resolver actually builds from the packaged file."""
    gazetteer = load_gazetteer(GAZETTEER)
    keys: dict[str, set[str]] = defaultdict(set)
    for pattern in gazetteer.patterns:
        text = pattern["pattern"]  # a combining form is a token pattern: its form and hyphen
        text = text if isinstance(text, str) else "".join(token["ORTH"] for token in text)
        keys[text].add(gazetteer.entries[pattern["id"]].key)
    clashes = {p: sorted(k) for p, k in keys.items() if len(k) > 1}
    assert not clashes  # the resolver drops names pycountry gives to two states
    assert not AMBIGUOUS_PYCOUNTRY_NAMES & set(keys)
    assert "Organization" not in keys and "the Organization" in keys


def test_pycountry_ambiguities_are_documented(gaz):
    owners: dict[str, set[str]] = defaultdict(set)
    for code in gaz["states"]:
        for name in pycountry_names(code):
            owners[name].add(code)
    ambiguous = {name for name, ids in owners.items() if len(ids) > 1}
    assert ambiguous == AMBIGUOUS_PYCOUNTRY_NAMES


def test_no_state_name_repeats_pycountry(gaz):
    repeats = []
    for code, entry in gaz["states"].items():
        given = pycountry_names(code)
        for key in NAME_LISTS:
            repeats += [(code, key, n) for n in entry[key] if norm(n) in given]
    assert not repeats


def test_excluded_ambiguous_names(gaz, listed):
    names = {norm(n) for n, _, _ in listed}
    for bad in ("Korean", "Koreans", "Congolese", "English", "African", "Arab",
                "European", "Asian", "Organization", "Charter", "Assembly"):
        assert bad not in names, bad


def test_time_aware_names_are_only_there(gaz):
    rus = gaz["states"]["RUS"]
    names = set(rus["aliases"]) | set(rus["demonyms"]) | set(rus["capitals"])
    for entry in gaz["time_aware"]:
        assert not names & set(entry["names"])


def test_combining_forms_name_listed_actors(gaz):
    ids = set(gaz["states"]) | set(gaz["historical_states"])
    assert gaz["combining_forms"] and all(form.isalpha() and form[0].isupper() and actor in ids
                                          for form, actor in gaz["combining_forms"].items())


def test_not_actors(gaz, listed):
    not_actors = gaz["not_actors"]
    assert isinstance(not_actors, list) and not_actors
    assert {"Indian Ocean", "Latin America", "Latin American", "New Guinea"} <= set(not_actors)
    actor_names = {norm(n) for n, _, _ in listed}
    for code in gaz["states"]:
        actor_names |= pycountry_names(code)
    patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in actor_names]
    patterns += [re.compile(rf"(?<!\w){re.escape(form)}-") for form in gaz["combining_forms"]]
    for phrase in not_actors:
        assert isinstance(phrase, str) and phrase == phrase.strip(), phrase
        assert norm(phrase) not in actor_names, f"{phrase!r} is also an actor name"
        # a not_actor entry is only useful if it would otherwise produce an actor span
        assert any(p.search(phrase) for p in patterns), f"{phrase!r} contains no actor name"
