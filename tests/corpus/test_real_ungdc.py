"""The inventory of the default config's UNGDC selection, built from the real read-only mirror."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discourse.config import validate_config
from discourse.corpus.inventory import build_inventory
from discourse.corpus.ungdc import MIRROR_ENV, UngdcSettings, fetch_archive

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIRROR = (PROJECT_ROOT / ".." / "shared" / "corpora" / "ungdc").resolve()
ARCHIVE = "UNGDC_1946-2024.tgz"
FOCUS = {"PAK", "RUS", "IND", "CHN", "AFG", "USA"}

pytestmark = pytest.mark.skipif(not (MIRROR / ARCHIVE).is_file(),
                                reason=f"UNGDC mirror not present at {MIRROR} (read-only shared corpus)")


def test_default_ungdc_inventory_from_mirror(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    config = validate_config({"corpora": ["ungdc"],
                              "ungdc": {"mirror": str(MIRROR), "cache_dir": str(tmp_path / "cache"),
                                        "lock_file": str(tmp_path / "lock.json")}})
    assert set(config["ungdc"]["countries"]) == FOCUS  # the default selection is what is tested

    result = fetch_archive(UngdcSettings.from_config(config["ungdc"], PROJECT_ROOT))
    assert (result.status, result.source) == ("available", "mirror")
    assert result.archive_path == tmp_path / "cache" / ARCHIVE
    assert result.speakers_path is not None
    lock = json.loads((tmp_path / "lock.json").read_text(encoding="utf-8"))
    assert lock["files"][ARCHIVE]["sha256"] == result.sha256  # pinned on first fetch
    status = {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(result).items()}

    inventory, skipped = build_inventory(config, PROJECT_ROOT, status)
    assert skipped.empty
    assert len(inventory) == 453
    assert inventory["doc_id"].is_unique and inventory["sha256"].is_unique
    assert set(inventory["corpus_id"]) == {"ungdc"}
    assert set(inventory["format"]) == {"txt"}
    assert inventory["shard"].between(0, config["ingest"]["shards"] - 1).all()
    assert (inventory["doc_id"] == "ungdc:" + inventory["local_id"]).all()

    metadata = {row.local_id: json.loads(row.metadata) for row in inventory.itertuples()}
    assert {meta["country"] for meta in metadata.values()} == FOCUS
    for local_id, meta in metadata.items():
        assert meta["country"] in FOCUS, local_id
        assert meta["year"] == 1945 + meta["session"], local_id
        assert local_id == f"{meta['country']}_{meta['session']:02d}_{meta['year']}"
        assert meta["genre"] == "un_general_debate"

    pak = metadata["PAK_78_2023"]
    assert pak["speaker"] and pak["speaker"].strip()
    assert pak["post"] and pak["post"].strip()
    row = inventory.set_index("local_id").loc["PAK_78_2023"]
    assert row["member"] == "TXT/Session 78 - 2023/PAK_78_2023.txt"
    assert row["size"] == (MIRROR / "focus" / "PAK_78_2023.txt").stat().st_size
