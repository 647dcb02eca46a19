"""The framing stage on a small shard: it reads the NLP stage's parsed paragraphs, writes every framing
table under its contract, with ids and offsets that lead back to the sentences and documents."""

import pyarrow.parquet as pq
import pytest

from discourse.framing import stage
from discourse.framing.sentence import FramingSettings
from discourse.ingest.shards import write_shard
from discourse.nlp import stage as nlp_stage
from discourse.segment.document import parse_document
from discourse.tables import arrow_schema
from tests.conftest import default_config, run_job

TEXTS = {
    "t:a": ("The Soviet invasion of Afghanistan was condemned by Pakistan. It could possibly end.", 1985),
    "t:b": ("Poverty has clearly grown.\n\nRussia and Pakistan signed an energy agreement.", 2015),
}
SPEECH = ("ungdc:PAK_35_1980", "We condemn the Soviet invasion of Afghanistan.", 1980, "PAK")
NAMED = ("ungdc:PAK_50_1995", "As a neighbour of Pakistan, we support Afghanistan.", 1995, "PAK")  # names itself


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("framing")
    shard = root / "shard-0.jsonl"
    documents = {doc_id: parse_document(doc_id, text, {"genre": "speech", "year": year})
                 for doc_id, (text, year) in TEXTS.items()}
    for doc_id, text, year, country in (SPEECH, NAMED):
        documents[doc_id] = parse_document(doc_id, text, {"genre": "speech", "year": year, "country": country,
                                                          "date": f"{year}-09-25"})
    write_shard(shard, ({"document": d} for d in documents.values()))
    config = default_config()
    nlp_outs = run_job(nlp_stage.STAGE.job("nlp"), config, root, {"parsed": shard}, root=root, shard=0)
    outs = run_job(stage.STAGE.job("framing"), config, root, {"docbin": nlp_outs["docbin"]}, root=root, shard=0)
    tables = {t: pq.read_table(p) for t, p in outs.items()}
    return {"tables": tables, "sentences": pq.read_table(nlp_outs["sentences"]).to_pylist(),
            "documents": documents, "outs": outs, "root": root}


def test_tables_follow_their_contracts(outputs):
    for table, data in outputs["tables"].items():
        assert data.schema.equals(arrow_schema(table)), table


def test_one_framing_row_per_sentence_with_its_themes_frame_and_certainty(outputs):
    rows = outputs["tables"]["sentence_framing"].to_pylist()
    assert [r["sentence_id"] for r in rows] == [s["sentence_id"] for s in outputs["sentences"]]
    first, second = rows[0], rows[1]
    assert {"afghanistan", "history_cold_war", "defence_security"} <= set(first["themes"])
    assert first["primary_frame"] == "security_defense" and first["n_actors"] == 3
    assert second["hedges"] == ["could", "possibly"] and second["n_actors"] == 0
    assert rows[2]["boosters"] == ["clearly"]


def test_theme_offsets_point_into_the_document_text(outputs):
    for match in outputs["tables"]["theme_matches"].to_pylist():
        text = outputs["documents"][match["doc_id"]]["text"][match["start"]:match["end"]]
        cue = match["cue"]
        if cue.startswith("actor:"):
            continue
        assert text.lower() == cue, match


def test_relations_are_merged_and_directed(outputs):
    relations = {(r["doc_id"], r["source"], r["target"]): r for r in outputs["tables"]["relations"].to_pylist()
                 if r["doc_id"] in TEXTS}
    invasion = relations[("t:a", "RUS", "AFG")]
    assert (invasion["source_raw"], invasion["polarity"], invasion["cue"]) == ("SUN", "conflict", "invasion")
    # Pakistan condemns the invader (merged SUN -> RUS), not the invaded
    condemn = relations[("t:a", "PAK", "RUS")]
    assert condemn["passive"] and condemn["polarity"] == "conflict" and condemn["target_raw"] == "SUN"
    victim = relations.get(("t:a", "PAK", "AFG")) or relations[("t:a", "AFG", "PAK")]
    assert victim["polarity"] == "neutral"
    signed = relations.get(("t:b", "PAK", "RUS")) or relations[("t:b", "RUS", "PAK")]
    assert signed["polarity"] == "cooperation" and signed["sentence_id"] == "t:b/p0002/s01"
    assert all(r["relation_id"].startswith(r["sentence_id"] + "/r") for r in relations.values())


def test_document_certainty(outputs):
    rows = {r["doc_id"]: r for r in outputs["tables"]["document_certainty"].to_pylist()}
    assert (rows["t:a"]["hedges"], rows["t:a"]["boosters"], rows["t:a"]["sentences"]) == (2, 0, 2)
    assert rows["t:a"]["certainty_index"] == pytest.approx(-2 / 3)
    assert rows["t:b"]["boosters"] == 1 and rows["t:b"]["certainty_index"] == pytest.approx(0.5)


def test_rerun_gives_identical_tables(outputs, tmp_path):
    docbin = outputs["root"] / "results" / "nlp" / "shards" / "shard-0.spacy"
    outs = run_job(stage.STAGE.job("framing"), default_config(), tmp_path, {"docbin": docbin}, shard=0)
    assert all(outs[t].read_bytes() == outputs["outs"][t].read_bytes() for t in stage.TABLES)


def test_an_edited_lexicon_changes_the_fingerprint(tmp_path):
    from importlib import resources

    edited = tmp_path / "relations.yaml"
    edited.write_text((resources.files("discourse") / "data" / "relations.yaml").read_text() + "\n# edited\n")
    edited_settings = FramingSettings.from_config(default_config({"framing": {"relations": str(edited)}}))
    assert stage.framing_fingerprint(edited_settings) != stage.framing_fingerprint(
        FramingSettings.from_config(default_config()))


def test_events_and_speaker_relations(outputs):
    texts = {doc_id: document["text"] for doc_id, document in outputs["documents"].items()}
    events = outputs["tables"]["events"].to_pylist()
    assert outputs["tables"]["events"].schema.equals(arrow_schema("events"))
    by_cue = {(e["doc_id"], e["cue"]): e for e in events}
    invasion = by_cue[("t:a", "invasion")]
    assert (invasion["source"], invasion["target"], invasion["year"]) == ("RUS", "AFG", 1985)
    assert (invasion["source_raw"], invasion["cameo"], invasion["quad_class"]) == ("SUN", "192", "material_conflict")
    assert invasion["plover"] and invasion["goldstein"] < 0 and not invasion["speaker_act"]
    for event in events:  # the offsets lead back to the cue in the document's text
        assert texts[event["doc_id"]][event["start"]:event["end"]].lower().startswith(event["cue"][:4])
    spoken = [e for e in events if e["speaker_act"]]
    assert [(e["source"], e["target"], e["polarity"], e["date"]) for e in spoken] == [
        ("PAK", "RUS", "conflict", "1980-09-25"),  # the speaking state; the invaded is not the target
        ("PAK", "AFG", "cooperation", "1995-09-25")]
    speaker = outputs["tables"]["speaker_relations"].to_pylist()
    assert [(r["speaker"], r["target"], r["target_raw"], r["cue"]) for r in speaker] == [
        ("PAK", "RUS", "SUN", "condemn"), ("PAK", "AFG", "AFG", "support")]
    # where the speech names its speaker, the speaker's act is a relation of the sentence too, and one event
    named = [r for r in outputs["tables"]["relations"].to_pylist() if r["doc_id"] == NAMED[0]]
    assert [(r["source"], r["target"], r["polarity"], r["method"]) for r in named] == [
        ("PAK", "AFG", "cooperation", "speaker")]
    assert len([e for e in events if e["doc_id"] == NAMED[0]]) == 1
