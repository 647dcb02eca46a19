import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from discourse import store
from discourse.config import validate_config
from discourse.corpus.inventory import build_inventory
from discourse.ingest import collect, parse
from discourse.tables import CONTRACTS, arrow_schema, describe_tables
from tests.conftest import ROOT


@pytest.fixture()
def paper_inventory(tmp_path: Path) -> tuple[Path, Path]:
    config = validate_config({"registry": str(ROOT / "corpus" / "registry.yaml"), "corpora": ["paper"],
                              "ingest": {"shards": 2}})
    inventory, skipped = build_inventory(config, ROOT, None)
    inventory_path, skipped_path = tmp_path / "inventory.parquet", tmp_path / "skipped.parquet"
    inventory.to_parquet(inventory_path)
    skipped.astype(object).to_parquet(skipped_path)
    return inventory_path, skipped_path


def parse_all(inventory_path: Path, out_dir: Path, cache_dir: Path) -> list[Path]:
    shards = []
    for shard in range(2):
        path = out_dir / f"shard-{shard}.jsonl"
        parse.run(inventory_path, shard, ROOT, cache_dir, "fail", 2**20, path)
        shards.append(path)
    return shards


def test_tables_follow_contracts_and_are_byte_identical_across_runs(paper_inventory, tmp_path):
    inventory_path, skipped_path = paper_inventory
    shards_a = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache-a")
    shards_b = parse_all(inventory_path, tmp_path / "b", tmp_path / "cache-b")  # fresh cache: parsed anew
    assert [p.read_bytes() for p in shards_a] == [p.read_bytes() for p in shards_b]
    collect.run(shards_a, inventory_path, skipped_path, tmp_path / "tables-a")
    collect.run(shards_b, inventory_path, skipped_path, tmp_path / "tables-b")
    for table in collect.CORPUS_TABLES:
        a, b = tmp_path / "tables-a" / f"{table}.parquet", tmp_path / "tables-b" / f"{table}.parquet"
        assert a.read_bytes() == b.read_bytes(), table
    documents = pq.read_table(tmp_path / "tables-a" / "documents.parquet")
    extra = ["citation", "doi", "issue", "journal", "pages", "volume"]
    assert documents.schema.equals(arrow_schema("documents", extra))
    for table in collect.CORPUS_TABLES:
        if table != "documents":
            assert pq.read_schema(tmp_path / "tables-a" / f"{table}.parquet").equals(arrow_schema(table)), table
    sections = pd.read_parquet(tmp_path / "tables-a" / "sections.parquet")
    assert "Thematic Areas of Russia-Pakistan Cooperation > Energy Cooperation" in " | ".join(sections["heading_path"])


def test_failed_collect_leaves_no_table(paper_inventory, tmp_path, monkeypatch):
    inventory_path, skipped_path = paper_inventory
    shards = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache")

    def broken(document, extra):
        raise RuntimeError("disk full")

    monkeypatch.setattr(collect, "document_rows", broken)
    with pytest.raises(RuntimeError):
        collect.run(shards, inventory_path, skipped_path, tmp_path / "tables")
    assert not list((tmp_path / "tables").iterdir())


def test_store_builds_duckdb_and_manifest(paper_inventory, tmp_path):
    inventory_path, skipped_path = paper_inventory
    shards = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache")
    collect.run(shards, inventory_path, skipped_path, tmp_path / "tables")
    tables = {t: tmp_path / "tables" / f"{t}.parquet" for t in collect.CORPUS_TABLES}
    bench = tmp_path / "parse-0.tsv"
    bench.write_text("s\th:m:s\tmax_rss\n1.25\t0:00:01\t100\n")
    config = validate_config({"corpora": ["paper"]})
    status = tmp_path / "ungdc_status.json"
    status.write_text(json.dumps({"status": "unavailable", "source": None, "archive_path": None, "speakers_path": None,
                                  "sha256": None, "speakers_sha256": None, "reason": "not configured"}))
    store.run(config, None, ROOT, tables, tmp_path / "db.duckdb", inventory_path, tables["skipped"], status, [bench],
              tmp_path / "manifest.json")
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM \"references\"").fetchone()[0] == 22
        found = db.execute("SELECT cited_as FROM citation_integrity WHERE issue = 'citation_without_reference' "
                           "ORDER BY 1").fetchall()
        assert found == [("Jalal, 1997",), ("Siddiq, 2021",)]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["timings_s"] == {"parse-0": 1.25}
    assert manifest["seeds"] == {"seed": config["seed"]}
    assert manifest["packages"]["spacy"]
    assert len(manifest["gazetteer"]["sha256"]) == 64
    assert manifest["corpora"]["paper"] == {"documents": 1, "skipped": 0, "status": "included"}
    assert set(manifest["lexicons"]) == {"themes", "frames", "certainty", "relations"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["lexicons"].values())


def test_docs_tables_md_is_generated_from_contracts():
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == describe_tables()
    from discourse.nlp.stage import NLP_TABLES

    topic_tables = {"sweep", "topics", "topic_terms", "unit_topics", "document_topics", "representative_paragraphs",
                    "prevalence", "topic_themes"}
    produced = set(collect.CORPUS_TABLES) | set(NLP_TABLES) | {"inventory", "actor_counts", "actor_cooccurrence"}
    from discourse.framing.stage import FRAMING_TABLES

    compare_tables = {"frame_distribution", "frame_divergence", "keyness", "dyads", "certainty", "evidence"}
    produced |= topic_tables | set(FRAMING_TABLES) | compare_tables
    assert produced == set(CONTRACTS)
