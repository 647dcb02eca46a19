"""Acceptance on the paper and the labelled sample, with the packaged gazetteer and the pinned model."""

import json
import re
import subprocess
import sys

import pytest

from discourse.nlp.pipeline import NlpSettings, build_pipeline, paragraph_items, paragraph_records, process_paragraphs
from tests.conftest import ROOT, default_config

PAPER_ACTORS = {"Russia": "RUS", "Pakistan": "PAK", "India": "IND", "China": "CHN", "Afghanistan": "AFG",
                "United States": "USA", "Soviet Union": "SUN", "CENTO": "CENTO", "SEATO": "SEATO", "EAEU": "EAEU",
                "Eurasian Economic Union": "EAEU", "Belt and Road Initiative": "BRI", "BRI": "BRI", "CPEC": "CPEC",
                "Taliban": "TALIBAN", "Afghan": "AFG"}
# the section "Cold War Period" dates itself: Russia and Moscow are the Soviet Union there
COLD_WAR_ACTORS = {**PAPER_ACTORS, "Russia": "SUN", "Moscow": "SUN"}


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(NlpSettings.from_config(default_config()))


@pytest.fixture(scope="module")
def paper_mentions(nlp, paper_document):
    paragraphs = paper_document["paragraphs"]
    # as the workflow runs it: the year, and each paragraph's heading path
    docs = process_paragraphs(nlp, paragraph_items([{**paper_document, "metadata": {"year": 2023}}]), 64)
    mentions = []
    for paragraph, doc in zip(paragraphs, docs):
        mentions += paragraph_records(doc, paragraph["paragraph_id"], "paper", paragraph["start"], {})["actor_mentions"]
    return mentions


def test_paper_actors_resolved_wherever_mentioned(paper_document, paper_mentions):
    spans = {(m["start"], m["end"]): m["actor_id"] for m in paper_mentions}
    for paragraph in paper_document["paragraphs"]:
        expected = COLD_WAR_ACTORS if paragraph["heading_path"][-1:] == ["Cold War Period"] else PAPER_ACTORS
        for name, actor in expected.items():
            for match in re.finditer(rf"\b{re.escape(name)}\b", paragraph["text"]):
                start, end = paragraph["start"] + match.start(), paragraph["start"] + match.end()
                covering = [(e - s, a) for (s, e), a in spans.items() if s <= start < e]
                where = (name, paragraph["paragraph_id"])
                assert len(covering) == 1, where
                # the name itself, or inside a longer actor name ("China-Pakistan Economic Corridor" is CPEC)
                assert covering[0][1] == actor or covering[0][0] > end - start, where


def test_paper_mentions_only_in_body_text(paper_document, paper_mentions):
    text = paper_document["text"]
    body = [(p["start"], p["end"]) for p in paper_document["paragraphs"]]
    assert all(any(s <= m["start"] and m["end"] <= e for s, e in body) for m in paper_mentions)
    assert all(text[m["start"]:m["end"]] == m["text"] for m in paper_mentions)
    # authors, affiliations (Punjab, Jilin University, China) and references produce nothing
    front_and_back = [(f["start"], f["end"]) for f in paper_document["front_matter"] + paper_document["footnotes"]
                      + paper_document["references"]]
    assert not any(s <= m["start"] < e for m in paper_mentions for s, e in front_and_back)
    ids = {m["actor_id"] for m in paper_mentions}
    assert {"RUS", "PAK", "IND", "CHN", "AFG", "USA", "SUN", "CENTO", "SEATO", "EAEU", "BRI", "CPEC", "TALIBAN"} <= ids


def test_paper_sections_date_time_aware_names(paper_document, paper_mentions):
    """The Cold War section says "Moscow" and "Russia" for the Soviet Union; after it, Russia is Russia."""
    sections = {p["paragraph_id"]: p["heading_path"][-1] for p in paper_document["paragraphs"]}
    by_section: dict[str, set] = {}
    for m in paper_mentions:
        if m["text"] in ("Moscow", "Russia"):
            by_section.setdefault(sections[m["paragraph_id"]], set()).add((m["text"], m["actor_id"]))
    assert by_section["Cold War Period"] == {("Moscow", "SUN"), ("Russia", "SUN")}
    assert by_section["Post-Cold War Period"] == {("Russia", "RUS")}
    assert all(ids <= {("Russia", "RUS"), ("Moscow", "RUS")} for section, ids in by_section.items()
               if section != "Cold War Period")


def test_annotate_command_example():
    text = ("In 1985 Moscow sent more troops to Afghanistan, while Islamabad hosted three million Afghan "
            "refugees.")
    result = subprocess.run([sys.executable, "-m", "discourse", "annotate", "-", "--year", "1985"], input=text,
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    sentences = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(sentences) == 1
    assert [a["id"] for a in sentences[0]["actors"]] == ["SUN", "AFG", "PAK", "AFG"]
    assert all(text[a["start"]:a["end"]] == a["text"] for a in sentences[0]["actors"])
    assert {"text": "Moscow", "label": "GPE", "start": 8, "end": 14} in sentences[0]["entities"]
