"""Atomic writes: complete or absent, and readable by whoever the umask allows."""

import os
import stat

import pandas as pd
import pytest

from discourse.io import (atomic_path, remove_staging, umask_mode, write_json_atomic, write_parquet_atomic,
                          write_text_atomic)


@pytest.fixture
def umask():
    def set_mask(mask):
        previous = os.umask(mask)
        restore.append(previous)
    restore = []
    yield set_mask
    if restore:
        os.umask(restore[0])


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_take_the_mode_the_umask_gives(tmp_path, umask, mask, mode):
    umask(mask)
    write_json_atomic({"a": 1}, tmp_path / "a.json")
    write_text_atomic("text", tmp_path / "b.txt")
    write_parquet_atomic(pd.DataFrame({"x": [1]}), tmp_path / "c.parquet")
    for name in ("a.json", "b.txt", "c.parquet"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode
    assert umask_mode(directory=True) == 0o777 & ~mask


def test_a_failed_write_leaves_neither_the_file_nor_its_staging_copy(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "t.json") as staging:
            staging.write_text("half")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_staging_copies_left_by_a_hard_kill_are_removed_and_nothing_else(tmp_path):
    (tmp_path / "ingest" / "shards").mkdir(parents=True)
    (tmp_path / ".report.abcd.tmp").mkdir()
    (tmp_path / ".report.abcd.tmp" / "index.html").write_text("half")
    (tmp_path / "ingest" / "shards" / ".shard-0.jsonl.x1y2.tmp").write_text("half")
    kept = [tmp_path / "ingest" / "shards" / "shard-0.jsonl", tmp_path / "notes.tmp", tmp_path / ".hidden"]
    for path in kept:
        path.write_text("whole")
    removed = remove_staging([tmp_path, tmp_path / "absent"])
    assert sorted(p.name for p in removed) == [".report.abcd.tmp", ".shard-0.jsonl.x1y2.tmp"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        ".hidden", "ingest/shards/shard-0.jsonl", "notes.tmp"]


def test_parquet_writers_bound_the_rows_held_whatever_one_call_adds(tmp_path):
    # one document with hundreds of thousands of paragraphs used to be held whole until the next flush
    import contextlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from discourse.io import ParquetWriters

    schema = pa.schema([("n", pa.int64())])
    held = []
    with contextlib.ExitStack() as stack:
        writers = ParquetWriters({"t": tmp_path / "t.parquet"}, {"t": schema}, stack, max_buffered_rows=10)

        def rows():
            for n in range(25):
                held.append(len(writers.buffers["t"]))
                yield {"n": n}

        assert writers.add("t", rows()) == 25
        writers.flush()
    assert max(held) < 10
    table = pq.ParquetFile(tmp_path / "t.parquet")
    assert table.metadata.num_row_groups == 3
    assert table.read().column("n").to_pylist() == list(range(25))


@pytest.mark.parametrize("write", ["frame", "writers", "concat"])
def test_free_text_columns_carry_no_statistics_and_the_ids_do(tmp_path, write):
    # a min/max statistic of a 45 MB document text held two more copies of it while the table was written
    import contextlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from discourse.io import ParquetWriters, concat_parquet

    schema = pa.schema([("doc_id", pa.string()), ("text", pa.string()), ("metadata", pa.string())])
    rows = [{"doc_id": "a:1", "text": "Pakistan and Russia met.", "metadata": "{}"}]
    path = tmp_path / "t.parquet"
    if write == "frame":
        write_parquet_atomic(pd.DataFrame(rows), path, schema=schema)
    else:
        with contextlib.ExitStack() as stack:
            writers = ParquetWriters({"t": tmp_path / "part.parquet"}, {"t": schema}, stack)
            writers.add("t", rows)
            writers.flush()
        if write == "writers":
            path = tmp_path / "part.parquet"
        else:
            concat_parquet([tmp_path / "part.parquet"], path, schema)
    group = pq.ParquetFile(path).metadata.row_group(0)
    statistics = {group.column(i).path_in_schema: group.column(i).is_stats_set for i in range(group.num_columns)}
    assert statistics == {"doc_id": True, "text": False, "metadata": False}
