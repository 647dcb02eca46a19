"""The store on the paper's corpus tables: every table in DuckDB, and a manifest that records the config used."""

import json

import duckdb

from discourse.config import validate_config
from discourse.store.stage import STAGE as STORE
from discourse.store.stage import config_sha256
from tests.conftest import run_job
from tests.ingest.test_stage import collect_tables, paper_inventory, parse_all  # noqa: F401 (a fixture)


def test_store_builds_duckdb_and_manifest(paper_inventory, tmp_path):
    inventory_path, skipped_path = paper_inventory
    shards = parse_all(inventory_path, tmp_path / "a", tmp_path / "cache")
    tables = collect_tables(shards, inventory_path, skipped_path, tmp_path / "tables")
    bench = tmp_path / "parse-0.tsv"
    bench.write_text("s\th:m:s\tmax_rss\n1.25\t0:00:01\t100\n")
    config = validate_config({"corpora": ["paper"]})
    status = tmp_path / "ungdc_status.json"
    status.write_text(json.dumps({"status": "unavailable", "source": None, "archive_path": None, "speakers_path": None,
                                  "sha256": None, "speakers_sha256": None, "reason": "not configured"}))
    outputs = run_job(STORE.job("store"), config, tmp_path, {
        "tables": list(tables.values()), "inventory": inventory_path, "ungdc_status": status, "benchmarks": [bench]})
    with duckdb.connect(str(outputs["db"]), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM \"references\"").fetchone()[0] == 22
        found = db.execute("SELECT cited_as FROM citation_integrity WHERE issue = 'citation_without_reference' "
                           "ORDER BY 1").fetchall()
        assert found == [("Jalal, 1997",), ("Siddiq, 2021",)]
    manifest = json.loads(outputs["manifest"].read_text())
    assert manifest["inputs"]["config_sha256"] == config_sha256(config)  # the config used, not a file
    assert manifest["timings_s"] == {"parse-0": 1.25}
    assert manifest["seeds"] == {"seed": config["seed"]}
    assert manifest["packages"]["spacy"]
    assert len(manifest["gazetteer"]["sha256"]) == 64
    assert manifest["corpora"]["paper"] == {"documents": 1, "listed": 1, "skipped": 0, "status": "included"}
    assert set(manifest["lexicons"]) == {"themes", "frames", "certainty", "relations", "events"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["lexicons"].values())
