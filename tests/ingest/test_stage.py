from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from discourse import stages
from discourse.config import validate_config
from discourse.corpus.inventory import build_inventory
from discourse.ingest.stage import STAGE, TABLES
from discourse.tables import CONTRACTS, arrow_schema, describe_tables
from tests.conftest import ROOT, run_job


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
    config = validate_config({"ingest": {"shards": 2, "max_file_mb": 1, "cache_dir": str(cache_dir)}})
    return [run_job(STAGE.job("parse"), config, out_dir, {"inventory": inventory_path}, shard=shard)["shard"]
            for shard in range(2)]


def collect_tables(shards: list[Path], inventory_path: Path, skipped_path: Path, out_dir: Path) -> dict[str, Path]:
    inputs = {"shards": shards, "inventory": inventory_path, "inventory_skipped": skipped_path}
    return run_job(STAGE.job("tables"), validate_config({}), out_dir, inputs)


def test_tables_follow_contracts_and_are_byte_identical_across_runs(paper_inventory, tmp_path):
    inventory_path, skipped_path = paper_inventory
    shards_a = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache-a")
    shards_b = parse_all(inventory_path, tmp_path / "b", tmp_path / "cache-b")  # fresh cache: parsed anew
    assert [p.read_bytes() for p in shards_a] == [p.read_bytes() for p in shards_b]
    tables_a = collect_tables(shards_a, inventory_path, skipped_path, tmp_path / "tables-a")
    tables_b = collect_tables(shards_b, inventory_path, skipped_path, tmp_path / "tables-b")
    for table in TABLES:
        assert tables_a[table].read_bytes() == tables_b[table].read_bytes(), table
    documents = pq.read_table(tables_a["documents"])
    extra = ["citation", "doi", "issue", "journal", "pages", "volume"]
    assert documents.schema.equals(arrow_schema("documents", extra))
    for table in TABLES:
        if table != "documents":
            assert pq.read_schema(tables_a[table]).equals(arrow_schema(table)), table
    sections = pd.read_parquet(tables_a["sections"])
    assert "Thematic Areas of Russia-Pakistan Cooperation > Energy Cooperation" in " | ".join(sections["heading_path"])


def test_failed_collect_leaves_no_table(paper_inventory, tmp_path, monkeypatch):
    inventory_path, skipped_path = paper_inventory
    shards = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache")

    def broken(header, paragraphs, extra):
        raise RuntimeError("disk full")

    from discourse.ingest import stage

    monkeypatch.setattr(stage, "document_rows", broken)
    with pytest.raises(RuntimeError):
        collect_tables(shards, inventory_path, skipped_path, tmp_path / "tables")
    assert not [p for p in (tmp_path / "tables").rglob("*") if p.is_file()]


def test_tables_stop_when_every_document_failed_to_parse(tmp_path):
    import json

    from discourse.errors import InputError

    shard = tmp_path / "shard-0.jsonl"
    skipped = {"stage": "parse", "corpus_id": "news", "doc_id": "news:a", "path": "corpus/news/a.txt",
               "reason": "not valid UTF-8 at byte 3"}
    shard.write_text(json.dumps({"skipped": skipped}) + "\n", encoding="utf-8")
    inventory_path, skipped_path = tmp_path / "inventory.parquet", tmp_path / "skipped.parquet"
    pd.DataFrame({"corpus_id": ["news"], "metadata": ["{}"]}).to_parquet(inventory_path)
    pq.write_table(arrow_schema("skipped").empty_table(), skipped_path)
    with pytest.raises(InputError) as info:
        collect_tables([shard], inventory_path, skipped_path, tmp_path / "tables")
    assert info.value.reason.startswith("no documents left to analyse from the corpora news")
    assert "corpus/news/a.txt: not valid UTF-8 at byte 3" in info.value.reason
    assert not [p for p in (tmp_path / "tables").rglob("*") if p.is_file()]


def test_docs_tables_md_is_generated_from_contracts():
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == describe_tables()
    # every contract is a table some stage declares (the inventory is the corpus stage's, not stored)
    assert set(stages.table_paths()) | {"inventory"} == set(CONTRACTS)


def test_an_edited_parse_cache_entry_is_discarded_and_reparsed(paper_inventory, tmp_path, caplog):
    inventory_path, _ = paper_inventory
    first = [p.read_bytes() for p in parse_all(inventory_path, tmp_path / "a", tmp_path / "cache")]
    entry = sorted((tmp_path / "cache").rglob("*.json"))[0]
    entry.write_bytes(entry.read_bytes().replace(b"Russia", b"Prussia", 1))  # still valid JSON
    with caplog.at_level("WARNING", logger="discourse.cache"):
        again = [p.read_bytes() for p in parse_all(inventory_path, tmp_path / "b", tmp_path / "cache")]
    assert again == first
    assert str(entry) in caplog.text
