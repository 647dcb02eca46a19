"""People as actors, by date, and dates from the sentence or the section.

The build script runs on a small Phoenix excerpt written here; the resolver runs with the packaged person
gazetteer (`src/discourse/data/persons.json`) and with the excerpt's, through a gazetteer file of its own.
"""

import importlib.util
import json
import sys

import pytest

from discourse.nlp.components import heading_years, sentence_dates
from discourse.nlp.pipeline import NlpSettings, build_pipeline, paragraph_records, process_paragraphs
from tests.conftest import ROOT, default_config

COUNTRIES = """\
# a comment line
PAKISTAN_  [PAK]
+PAKISTANI_

PERVEZ_MUSHARRAF_  # CountryInfo.txt
+PRESIDENT_MUSHARRAF
+GENERAL_MUSHARRAF
\t[PAKELI 610101-991014]
\t[PAKGOVMIL 991014-021123]
\t[PAKGOV 20010620-20080818]
\t[PAKELI]
NIKITA_KHRUSHCHEV_
+NIKITA_KRUSCHEV_
+PREMIER_KHRUSCHEV
\t[RUSGOV 19390322-19641116]
LEONID_BREZHNEV_  # CountryInfo.txt
LEONID_ILYICH_BREZHNEV
SECRETARY_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
MIKHAIL_GORBACHEV_  # CountryInfo.txt
+GORBACHEV
+PRESIDENT_GORBACHEV
\t[RUSELI 480101-850311]
\t[RUSGOV 850311-911225]
\t[RUSELI]
CONDOLEEZZA_RICE_
\t[USAGOV 20050126-20090120]
THERESA_MAY_
\t[GBRGOV 20100512-20160713]
HAROLD_BROWN_
\t[USAGOV 770121-810120]
GORDON_BROWN_
\t[GBRGOV 970502-070627]
\t[GBRGOV 070627-100511]
JOHN_SMITH_ELDER_
\t[GBRELI 500101-700101]
NATIONAL_ACCOUNTABILITY_BUREAU
\t[PAKGOV 991116-201231]
KOSOVO_ASSEMBLY
\t[KSVGOVLEG >080217]
BADDATE_PERSON_
\t[PAKGOV 2004017-20061201]
"""

INTERNATIONAL = """\
THE_UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
KOFI_ANNAN_\t
+SECRETARY-GENERAL_KOFI_ANNAN
\t[IGOUNO 970101-061231]
\t[ELI]# IGOrulers.txt
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]
MANFRED_WORNER_\t[IGOWSTNAT 880701-940813]\t# NATO
SOME_BODY_ [IGO]
"""

MILNONSTATE = """\
HAMAS_ [PSEREBHMS] #  kkl 21 Mar 13
+ISLAMIC_RESISTANCE_MOVEMENT_
+KHALED_MESHAAL

TALIBAN_ [AFGREB] #  kkl 21 Mar 13
"""


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_person_gazetteer", ROOT / "scripts" / "build_person_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory, builder):
    source = tmp_path_factory.mktemp("phoenix")
    (source / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (source / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (source / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, encoding="utf-8")
    (source / "LICENSE.petrarch2").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Open Event Data\n",
                                              encoding="utf-8")
    out = tmp_path_factory.mktemp("built")
    assert builder.main(["--source", str(source), "--out", str(out)]) == 0
    return source, out


@pytest.fixture(scope="module")
def built(excerpt):
    return json.loads((excerpt[1] / "persons.json").read_text(encoding="utf-8"))


def person(built, name):
    return dict(built["persons"])[name]


def test_parse_dates_and_roles(builder):
    assert str(builder.parse_date("991014")) == "1999-10-14"
    assert str(builder.parse_date("021123")) == "2002-11-23"
    assert str(builder.parse_date("19240101")) == "1924-01-01"
    assert builder.parse_date("2004017") is None
    role = builder.parse_role("PAKGOVMIL 991014-021123")
    assert (role.code, str(role.start), str(role.end), role.dated) == ("PAKGOVMIL", "1999-10-14", "2002-11-23", True)
    assert builder.parse_role("IGOUNO  >070201").end is None
    assert builder.parse_role("HTIOPPMED <061231").start is None
    assert builder.parse_role("---") is None
    assert builder.parse_role("ELI").dated is False


def test_build_keeps_acting_roles_mapped_to_our_ids(built):
    # ELI (elite, out of office) roles and the undated default are dropped; RUS before 1992 is the Soviet Union
    assert person(built, "Pervez Musharraf") == [["PAK", "1999-10-14", "2002-11-23"], ["PAK", "2001-06-20", "2008-08-18"]]
    assert person(built, "Nikita Khrushchev") == [["SUN", "1939-03-22", "1964-11-16"]]
    assert person(built, "Mikhail Gorbachev") == [["SUN", "1985-03-11", "1991-12-25"]]
    assert person(built, "Kofi Annan") == [["UN", "1997-01-01", "2006-12-31"]]
    assert person(built, "Manfred Worner") == [["NATO", "1988-07-01", "1994-08-13"]]
    names = dict(built["persons"])
    # no acting role, an institution, a malformed date: not persons
    assert not {"John Smith Elder", "National Accountability Bureau", "Kosovo Assembly", "Baddate Person"} & set(names)
    assert built["notes"]["organisation_codes"]["IGOUNO"] == "UN"
    assert "IGO" not in built["notes"]["organisation_codes"] and "AFGREB" not in built["notes"]["organisation_codes"]


def test_build_names_surnames_and_organisations(built):
    index = {name: number for number, (name, _) in enumerate(built["persons"])}
    # primary lines without roles that share a name word are one record (Brezhnev's three)
    assert built["names"]["leonid ilyich brezhnev"] == [index["Leonid Brezhnev"]]
    assert built["names"]["president musharraf"] == [index["Pervez Musharraf"]]
    assert built["names"]["secretary - general kofi annan"] == [index["Kofi Annan"]]
    assert built["surnames"]["khrushchev"][1] == [index["Nikita Khrushchev"]]
    # common words are surnames only after a title: May, Rice, Brown
    assert built["surnames"]["may"][0] == 0 and built["surnames"]["rice"][0] == 0
    assert built["surnames"]["brown"] == [0, sorted([index["Gordon Brown"], index["Harold Brown"]])]
    assert built["surnames"]["musharraf"][0] == 1
    # the group's institution name extends the gazetteer; the person listed under it without dates does not
    assert built["organisations"] == {"islamic resistance movement": "HAMAS"}


def test_build_is_deterministic_and_writes_the_licence(builder, excerpt, tmp_path):
    source, out = excerpt
    assert builder.main(["--source", str(source), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "persons.json").read_bytes() == (out / "persons.json").read_bytes()
    licence = (out / "PERSONS_LICENCE.md").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Phoenix" in licence


def test_packaged_licence_file():
    licence = (ROOT / "src" / "discourse" / "data" / "PERSONS_LICENCE.md").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in licence and "Open Event Data" in licence


# ----------------------------------------------------------------------------------------- resolution

@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(NlpSettings.from_config(default_config()))


def mentions(nlp, text, year, headings=None):
    doc = next(process_paragraphs(nlp, [(text, year, headings or [])], 8))
    return [(m["actor_id"], m["rule"], m["person"], m["text"])
            for m in paragraph_records(doc, "p", "d", 0, {})["actor_mentions"]]


def test_a_leader_is_the_state_he_acted_for_in_the_year(nlp):
    sentence = "President Musharraf addressed the nation."
    assert mentions(nlp, sentence, 2001) == [("PAK", "person", "Pervez Musharraf", "President Musharraf")]
    # out of office by 2010: not an actor (the codebook's "in the year of the speech")
    assert mentions(nlp, sentence, 2010) == []


def test_soviet_leaders_are_the_soviet_union(nlp):
    assert mentions(nlp, "Khrushchev proposed general and complete disarmament.", 1960) == [
        ("SUN", "person", "Nikita Khrushchev", "Khrushchev")]
    assert mentions(nlp, "We welcome the initiative of Mr. Gorbachev.", 1988) == [
        ("SUN", "person", "Mikhail Gorbachev", "Mr. Gorbachev")]
    assert mentions(nlp, "We welcome the initiative of Mr. Gorbachev.", 1995) == []


def test_people_of_organisations(nlp):
    assert mentions(nlp, "The Secretary-General, Mr. Kofi Annan, has shown leadership.", 2000) == [
        ("UN", "name", None, "Secretary-General"), ("UN", "person", "Kofi Annan", "Mr. Kofi Annan")]


def test_common_word_surnames_need_a_title(nlp):
    # Condoleezza Rice and Gordon Brown were in office; the words are not them
    text = "In May the rice harvest failed, the bush fires spread and brown fields were a major concern."
    assert mentions(nlp, text, 2007) == []
    assert mentions(nlp, "Secretary of State Rice visited the region.", 2006) == [
        ("USA", "person", "Condoleezza Rice", "Secretary of State Rice")]


def test_names_of_things_and_other_people_are_not_the_person(nlp):
    assert mentions(nlp, "The Kennedy Round was concluded.", 1963) == []
    assert mentions(nlp, "Ted Kennedy spoke in the Senate.", 1962) == []
    # a full name blocks the surname inside it: Indira Gandhi was out of office in 1978
    assert mentions(nlp, "Indira Gandhi visited the region.", 1978) == []
    assert mentions(nlp, "Mrs. Gandhi visited the region.", 1982) == [("IND", "person", "Indira Gandhi", "Mrs. Gandhi")]


def test_a_sentence_that_dates_itself(nlp):
    assert mentions(nlp, "In 1979, Moscow invaded Afghanistan.", 2023)[0][:1] == ("SUN",)
    assert mentions(nlp, "Moscow invaded Afghanistan.", 2023)[0][:1] == ("RUS",)
    assert mentions(nlp, "During the Cold War, Russia and Pakistan were rivals.", 2023)[0][:1] == ("SUN",)
    assert mentions(nlp, "In the 1990s, Russia and Pakistan held talks.", 2023)[0][:1] == ("RUS",)
    # a date of a noun is not the sentence's: Russia after the dissolution is Russia
    assert ("RUS", "name", None, "Russia") in mentions(
        nlp, "The dissolution of the Soviet Union in 1991 prompted Russia to reset its policy.", 2023)
    # people too: Khrushchev spoke in 1960, named in a 2005 speech
    assert mentions(nlp, "In 1960, Khrushchev proposed general and complete disarmament.", 2005) == [
        ("SUN", "person", "Nikita Khrushchev", "Khrushchev")]


def test_a_section_that_dates_itself(nlp):
    text = "Relations between Moscow and Islamabad were strained."
    assert mentions(nlp, text, 2023, ["History", "Cold War Period"])[0][:1] == ("SUN",)
    assert mentions(nlp, text, 2023, ["History", "Post-Cold War Period"])[0][:1] == ("RUS",)
    # the sentence's own date wins over the section's
    assert mentions(nlp, "In 2001, Russia and Pakistan held talks.", 2023, ["Cold War Period"])[0][:1] == ("RUS",)


def test_heading_and_sentence_date_parsing(nlp):
    assert heading_years(["Historical Context", "Cold War Period"]) == (1947, 1991)
    assert heading_years(["Historical Context", "Post-Cold War Period"]) is None
    assert heading_years(["The End of the Cold War"]) is None
    assert heading_years(["Relations, 1947-1971"]) == (1947, 1971)
    assert heading_years(["The 1990s"]) == (1990, 1999)
    assert heading_years(["Introduction"]) is None
    doc = nlp("Between 1979 and 1989 the war went on. In the early 1980s it grew. It will end in 2030.")
    sents = list(doc.sents)
    assert [y for _, y in sentence_dates(sents[0], 2000)] == [(1979, 1989)]
    assert [y for _, y in sentence_dates(sents[1], 2000)] == [(1980, 1983)]
    assert sentence_dates(sents[2], 2000) == []  # a year after the document's is not a date of what happened


def test_a_gazetteer_file_names_its_person_file(excerpt, tmp_path):
    gazetteer = tmp_path / "mini.yaml"
    (tmp_path / "people.json").write_bytes((excerpt[1] / "persons.json").read_bytes())
    gazetteer.write_text("version: 1\npersons: people.json\nstates:\n  PAK: {demonyms: [Pakistani]}\n"
                         "historical_states:\n  SUN: {name: Soviet Union, aliases: [Soviet Union]}\n"
                         "organisations:\n  UN: {name: United Nations, aliases: [United Nations]}\n"
                         "movements:\n  HAMAS: {name: Hamas, aliases: [Hamas]}\n", encoding="utf-8")
    nlp = build_pipeline(NlpSettings.from_config(default_config({"nlp": {"gazetteer": str(gazetteer)}})))
    assert mentions(nlp, "General Musharraf and Mr. Khrushchev met.", 2000) == [("PAK", "person", "Pervez Musharraf",
                                                                             "General Musharraf")]
    assert mentions(nlp, "The Islamic Resistance Movement refused.", 2005) == [
        ("HAMAS", "name", None, "Islamic Resistance Movement")]
    # without `persons:` a gazetteer of one's own has no people
    gazetteer.write_text("version: 1\nstates:\n  PAK: {demonyms: [Pakistani]}\n", encoding="utf-8")
    plain = build_pipeline(NlpSettings.from_config(default_config({"nlp": {"gazetteer": str(gazetteer)}})))
    assert mentions(plain, "General Musharraf spoke.", 2000) == []
