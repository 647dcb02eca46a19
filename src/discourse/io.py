"""Atomic writes and hashing: a table either exists complete or not at all.

Tables written with a schema are checked against it (`discourse.tables.ContractError`): a frame, row or
input file with a missing or unexpected column raises instead of being coerced to the schema."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from discourse.tables import FREE_TEXT_COLUMNS, ContractError, check_columns, schema_mismatch


def umask_mode(directory: bool = False) -> int:
    """The mode a file (or directory) created under the process's umask gets: 0o644 (0o755) under the usual
    022. `tempfile.mkstemp`/`mkdtemp` make private entries, which colleagues sharing a project could not read."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; rename it over `path` only if the block succeeds. The file ends
    with the mode the umask gives a new file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():  # a writer may have replaced the file: set the mode on what is renamed
            os.chmod(tmp_path, umask_mode())
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def remove_staging(folders: list[str | Path]) -> list[Path]:
    """Delete the staging copies a hard-killed run left under `folders` (`atomic_path`'s `.NAME.XXXX.tmp`
    files, the report's `.report.XXXX.tmp/` folder); return what was removed. Called when a workflow run
    starts, while Snakemake's lock keeps any other run out."""
    removed = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(".*.tmp"), key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_parquet_atomic(frame: pd.DataFrame, path: str | Path, schema: pa.Schema | None = None,
                         table: str | None = None) -> None:
    """Write a DataFrame as Parquet without a pandas index; deterministic bytes for equal input.

    With a schema, the frame must have exactly its columns (in any order; written in the schema's),
    else `ContractError` naming `table` (default: the file name). A frame with neither rows nor columns
    (`pd.DataFrame()`, what a function returns when there is nothing) is written as the empty table."""
    if schema is not None:
        if not (len(frame) == 0 and len(frame.columns) == 0):
            check_columns(table or Path(path).name, frame.columns, schema.names)
    if frame.empty and schema is not None:
        arrow = schema.empty_table()  # an empty frame's columns have no types to convert from
    else:
        arrow = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    # pandas metadata embeds library versions only; drop it so equal tables give equal files
    arrow = arrow.replace_schema_metadata(None)
    with atomic_path(path) as tmp:
        pq.write_table(arrow, tmp, **parquet_options(arrow.schema))


def parquet_options(schema: pa.Schema) -> dict[str, Any]:
    """How every table is written: zstd, and min/max statistics for every column but the free-text ones
    (a statistic of a 45 MB document text is two more copies of it in memory and in the file footer, and
    no query filters on a text by its range)."""
    with_statistics = [name for name in schema.names if name not in FREE_TEXT_COLUMNS]
    return {"compression": "zstd", "write_statistics": with_statistics or False}


def write_json_atomic(obj: Any, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n",
                       encoding="utf-8")


def write_text_atomic(text: str, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def sha256_file(path: str | Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_json(path: str | Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with missing values as None (pandas gives NaN, which is truthy)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


# Rows of one table held before they are written: bounds a writer's memory whatever one document holds.
MAX_BUFFERED_ROWS = 20_000


class ParquetWriters:
    """Batched writers for several tables, each to a temp file renamed into place when `stack` closes
    without error; on error no table file is left behind. Every row must have exactly its table's
    schema fields as keys, else `ContractError` naming the table and the key."""

    def __init__(self, paths: dict[str, Path], schemas: dict[str, pa.Schema], stack: contextlib.ExitStack,
                 max_buffered_rows: int = MAX_BUFFERED_ROWS):
        self.schemas = schemas
        self.writers = {}
        for table, path in paths.items():
            tmp = stack.enter_context(atomic_path(path))
            self.writers[table] = stack.enter_context(pq.ParquetWriter(tmp, schemas[table],
                                                                       **parquet_options(schemas[table])))
        self.buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in paths}
        self.names = {t: set(schemas[t].names) for t in paths}
        self.max_buffered_rows = max_buffered_rows

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Buffer rows (any iterable, consumed once); a table's buffer is written out whenever it holds
        `max_buffered_rows`, so one very large document does not hold all its rows. Returns the count added."""
        names, buffer, added = self.names[table], self.buffers[table], 0
        for row in rows:
            if row.keys() != names:
                check_columns(table, row, self.schemas[table].names)
            buffer.append(row)
            added += 1
            if len(buffer) >= self.max_buffered_rows:
                self._write(table)
        return added

    def flush(self) -> None:
        for table in self.buffers:
            self._write(table)

    def _write(self, table: str) -> None:
        rows = self.buffers[table]
        if rows:
            # rows are checked in `add`: from_pylist takes each schema field from every row
            self.writers[table].write_table(pa.Table.from_pylist(rows, schema=self.schemas[table]))
            rows.clear()


def concat_parquet(inputs: list[Path], output: Path, schema: pa.Schema) -> int:
    """Concatenate Parquet files of one schema, batch by batch, into one file (atomically). An input
    whose schema differs from `schema` raises `ContractError` naming the file and the column."""
    for path in inputs:
        problem = schema_mismatch(pq.read_schema(path), schema)
        if problem:
            raise ContractError(f"{path}: {problem}")
    rows = 0
    with atomic_path(output) as tmp, pq.ParquetWriter(tmp, schema, **parquet_options(schema)) as writer:
        for path in inputs:
            for batch in pq.ParquetFile(path).iter_batches():
                writer.write_batch(batch)
                rows += batch.num_rows
    return rows
