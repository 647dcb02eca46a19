"""The NLP stage on a small shard: tables, per-document cache, and re-processing only what changed."""

import logging

import catalogue
import pyarrow.parquet as pq
import pytest
import spacy
import srsly

import discourse.nlp.components  # noqa: F401  (Doc._.year)

from discourse.errors import InputError
from discourse.ingest import shards
from discourse.nlp import stage
from discourse.segment.document import parse_document
from discourse.tables import arrow_schema
from tests.conftest import default_config, run_job


def write_shard(path, texts):
    shards.write_shard(path, ({"document": parse_document(doc_id, text, {"genre": "speech", "year": year})}
                              for doc_id, (text, year) in texts.items()))


def run_stage(tmp_path, shard, caplog, config=None):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="discourse.nlp.stage"):
        outs = run_job(stage.STAGE.job("nlp"), config or default_config(), tmp_path / "out", {"parsed": shard},
                       root=tmp_path, shard=0)
    return outs, caplog.messages[-1]


def test_stage_tables_cache_and_incremental(tmp_path, caplog):
    shard = tmp_path / "shard-0.jsonl"
    texts = {"t:a": ("Moscow sent troops to Afghanistan. Pakistan protested.", 1985),
             "t:b": ("Poverty and hunger have grown.", 2023)}
    write_shard(shard, texts)
    outs, message = run_stage(tmp_path, shard, caplog)
    assert "2 documents, 2 processed, 0 from cache" in message
    sentences = pq.read_table(outs["sentences"])
    assert sentences.schema.equals(arrow_schema("sentences"))
    rows = sentences.to_pylist()
    assert [r["sentence_id"] for r in rows] == ["t:a/p0001/s01", "t:a/p0001/s02", "t:b/p0001/s01"]
    assert rows[0]["lemmas"].split()[:3] == ["moscow", "send", "troop"]
    assert len(rows[0]["lemmas"].split()) == len(rows[0]["pos"].split()) == rows[0]["n_tokens"]
    mentions = pq.read_table(outs["actor_mentions"]).to_pylist()
    assert [(m["actor_id"], m["actor_merged"], m["sentence_id"]) for m in mentions] == [
        ("SUN", "RUS", "t:a/p0001/s01"), ("AFG", "AFG", "t:a/p0001/s01"), ("PAK", "PAK", "t:a/p0001/s02")]
    entities = pq.read_table(outs["entities"]).to_pylist()
    assert {(e["text"], e["actor_id"]) for e in entities} >= {("Moscow", "SUN"), ("Afghanistan", "AFG")}
    first_bytes = {t: p.read_bytes() for t, p in outs.items()}
    nlp = spacy.blank("en")
    parsed = list(stage.read_docbin(outs["docbin"], nlp.vocab))
    assert [(d.user_data["doc_id"], d.user_data["paragraph_id"]) for d in parsed] == [
        ("t:a", "t:a/p0001"), ("t:b", "t:b/p0001")]
    assert parsed[0]._.year == 1985 and [t.dep_ for t in parsed[0]][:2] == ["nsubj", "ROOT"]
    assert [(s.text, s.kb_id_) for s in parsed[0].spans["actors"]] == [
        ("Moscow", "SUN"), ("Afghanistan", "AFG"), ("Pakistan", "PAK")]
    first_docbin = outs["docbin"].read_bytes()

    _, message = run_stage(tmp_path, shard, caplog)
    assert "2 documents, 0 processed, 2 from cache" in message
    assert {t: p.read_bytes() for t, p in outs.items()} == first_bytes  # cached run gives identical outputs
    assert outs["docbin"].read_bytes() == first_docbin

    texts["t:c"] = ("India and China signed a trade agreement.", 2005)
    write_shard(shard, texts)
    _, message = run_stage(tmp_path, shard, caplog)
    assert "3 documents, 1 processed, 2 from cache" in message


def test_merge_can_be_turned_off(tmp_path, caplog):
    shard = tmp_path / "shard-0.jsonl"
    write_shard(shard, {"t:a": ("The Soviet Union signed.", 1980)})
    outs, _ = run_stage(tmp_path, shard, caplog, default_config({"actors": {"merge": {}}}))
    mention = pq.read_table(outs["actor_mentions"]).to_pylist()[0]
    assert (mention["actor_id"], mention["actor_merged"]) == ("SUN", "SUN")


def test_a_corrupt_cache_entry_is_healed_and_the_tables_do_not_change(tmp_path, caplog):
    shard = tmp_path / "shard-0.jsonl"
    write_shard(shard, {"t:a": ("Moscow sent troops to Afghanistan.", 1985), "t:b": ("Pakistan protested.", 1985)})
    outs, _ = run_stage(tmp_path, shard, caplog)
    first = {t: p.read_bytes() for t, p in outs.items()}
    cache_dir = tmp_path / default_config()["ingest"]["cache_dir"] / "nlp"
    entries = sorted(cache_dir.glob("*.json"))
    entries[0].write_bytes(entries[0].read_bytes()[:-10])  # truncated
    spacy_entry = sorted(cache_dir.glob("*.spacy"))[1]
    spacy_entry.write_bytes(spacy_entry.read_bytes()[:40])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="discourse.cache"):
        outs, message = run_stage(tmp_path, shard, caplog)
    assert "2 documents, 2 processed, 0 from cache" in message
    assert sum("discarded" in m for m in caplog.messages) == 2
    assert {t: p.read_bytes() for t, p in outs.items()} == first
    _, message = run_stage(tmp_path, shard, caplog)
    assert "2 documents, 0 processed, 2 from cache" in message


def test_a_truncated_shard_of_parsed_paragraphs_is_named_with_the_way_out(tmp_path, caplog):
    shard = tmp_path / "shard-0.jsonl"
    write_shard(shard, {"t:a": ("Moscow sent troops to Afghanistan.", 1985)})
    outs, _ = run_stage(tmp_path, shard, caplog)
    outs["docbin"].write_bytes(outs["docbin"].read_bytes()[:30])
    with pytest.raises(InputError) as error:
        list(stage.read_docbin(outs["docbin"], spacy.blank("en").vocab))
    assert str(outs["docbin"]) in str(error.value) and "delete it and run the workflow again" in str(error.value)


def test_paragraph_past_the_models_max_length_named_with_the_setting(tmp_path, caplog, monkeypatch):
    shard = tmp_path / "shard-0.jsonl"
    write_shard(shard, {"t:long": ("Pakistan and Russia met in Moscow. " * 4, 1990)})
    build = stage.build_pipeline

    def short_model(settings):
        nlp = build(settings)
        nlp.max_length = 100
        return nlp

    monkeypatch.setattr(stage, "build_pipeline", short_model)
    with pytest.raises(InputError) as error:
        run_stage(tmp_path, shard, caplog)
    assert error.value.path == "t:long"
    assert "t:long/p0001 has 139 characters" in error.value.reason and "ingest.max_paragraph_chars" in error.value.reason


def test_msgpack_decoders_are_looked_up_once_and_kept(monkeypatch):
    registry = catalogue.create("discourse_test", "msgpack_decoders", entry_points=True)

    def plugin_decoder(obj, chain=None):
        return chain(obj) if chain else obj

    monkeypatch.setattr(registry, "get_entry_points", lambda: {"plugin": plugin_decoder})
    monkeypatch.setattr(srsly.msgpack, "msgpack_decoders", registry)
    stage.freeze_msgpack_decoders()
    assert registry.entry_points is False and registry.get_all()["plugin"] is plugin_decoder

    def no_scan():
        raise AssertionError("package metadata scanned again")

    monkeypatch.setattr(registry, "_get_entry_points", no_scan)
    assert srsly.msgpack_loads(srsly.msgpack_dumps({"paragraph": [1, 2]})) == {"paragraph": [1, 2]}
