"""Table contracts are enforced, not coerced: a frame, row or file that does not match its contract
raises, naming the table (or file) and the column."""

import contextlib

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from discourse.io import ParquetWriters, concat_parquet, write_parquet_atomic
from discourse.tables import CONTRACTS, ContractError, arrow_schema, columns, write_table

VALUES = {pa.string(): "x", pa.int64(): 1, pa.float64(): 0.5, pa.bool_(): True, pa.list_(pa.string()): ["a"],
          pa.list_(pa.float64()): [0.5]}


def row_for(table: str) -> dict:
    """One valid row of a table: a value of the right type in every contract column."""
    return {name: VALUES[kind] for name, kind, _ in CONTRACTS[table][1]}


def test_contract_error_is_a_value_error():
    assert issubclass(ContractError, ValueError)


def test_missing_column_raises_naming_table_and_column(tmp_path):
    frame = pd.DataFrame([row_for("dyads")]).drop(columns=["share_neutral"])
    with pytest.raises(ContractError, match=r"^table 'dyads': missing column 'share_neutral'$"):
        write_table(frame, "dyads", tmp_path / "dyads.parquet")
    assert not list(tmp_path.iterdir())


def test_renamed_column_raises_instead_of_becoming_null(tmp_path):
    frame = pd.DataFrame([row_for("dyads")]).rename(columns={"mean_score": "score"})
    with pytest.raises(ContractError, match="table 'dyads': missing column 'mean_score'"):
        write_table(frame, "dyads", tmp_path / "dyads.parquet")


def test_extra_column_raises(tmp_path):
    frame = pd.DataFrame([{**row_for("dyads"), "strength": 3.0}])
    with pytest.raises(ContractError, match=r"^table 'dyads': unexpected column 'strength'$"):
        write_table(frame, "dyads", tmp_path / "dyads.parquet")


def test_write_parquet_atomic_with_a_schema_checks_too(tmp_path):
    frame = pd.DataFrame([{**row_for("skipped"), "note": "x"}])
    with pytest.raises(ContractError, match="table 'skipped': unexpected column 'note'"):
        write_parquet_atomic(frame, tmp_path / "s.parquet", schema=arrow_schema("skipped"), table="skipped")
    with pytest.raises(ContractError, match="table 's.parquet': unexpected column 'note'"):  # named by its file
        write_parquet_atomic(frame, tmp_path / "s.parquet", schema=arrow_schema("skipped"))


def test_columns_are_put_in_contract_order_with_the_same_bytes(tmp_path):
    frame = pd.DataFrame([row_for("certainty"), row_for("certainty")])
    write_table(frame, "certainty", tmp_path / "ordered.parquet")
    write_table(frame[list(reversed(frame.columns))], "certainty", tmp_path / "reversed.parquet")
    assert (tmp_path / "ordered.parquet").read_bytes() == (tmp_path / "reversed.parquet").read_bytes()
    assert pq.read_schema(tmp_path / "ordered.parquet").names == columns("certainty")


def test_documents_take_their_extra_metadata_columns(tmp_path):
    frame = pd.DataFrame([{**row_for("documents"), "region": "Asia"}])
    with pytest.raises(ContractError, match="unexpected column 'region'"):
        write_table(frame, "documents", tmp_path / "documents.parquet")
    write_table(frame, "documents", tmp_path / "documents.parquet", extra=["region"])
    assert pq.read_schema(tmp_path / "documents.parquet").names == [*columns("documents"), "region"]


def test_empty_frames_write_the_empty_table(tmp_path):
    write_table(pd.DataFrame(columns=columns("dyads")), "dyads", tmp_path / "columns.parquet")
    write_table(pd.DataFrame(), "dyads", tmp_path / "nothing.parquet")  # what a stage returns without rows
    for name in ("columns", "nothing"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == 0 and table.schema.equals(arrow_schema("dyads"))
    assert (tmp_path / "columns.parquet").read_bytes() == (tmp_path / "nothing.parquet").read_bytes()
    # no rows is not no check: an empty frame with the wrong columns still raises
    with pytest.raises(ContractError, match="table 'dyads': missing column 'evidence'"):
        write_table(pd.DataFrame(columns=columns("dyads")[:-1]), "dyads", tmp_path / "wrong.parquet")


def writers_for(tmp_path, tables, stack, extra=()):
    paths = {t: tmp_path / f"{t}.parquet" for t in tables}
    return ParquetWriters(paths, {t: arrow_schema(t, extra if t == "documents" else ()) for t in tables}, stack)


def test_parquet_writers_reject_a_row_with_a_renamed_key(tmp_path):
    row = row_for("links")
    renamed = {("href" if k == "url" else k): v for k, v in row.items()}
    with pytest.raises(ContractError, match=r"^table 'links': missing column 'url'$"):
        with contextlib.ExitStack() as stack:
            writers = writers_for(tmp_path, ["links"], stack)
            writers.add("links", [row, renamed])
            writers.flush()
    assert not list(tmp_path.iterdir())  # no table left behind
    with pytest.raises(ContractError, match=r"^table 'links': unexpected column 'href'$"):
        with contextlib.ExitStack() as stack:
            writers_for(tmp_path, ["links"], stack).add("links", [{**row, "href": "y"}])


def test_parquet_writers_write_valid_rows_and_documents_extras(tmp_path):
    with contextlib.ExitStack() as stack:
        writers = writers_for(tmp_path, ["links", "documents"], stack, extra=["region"])
        writers.add("links", [row_for("links"), dict(reversed(list(row_for("links").items())))])  # key order is free
        writers.add("documents", [{**row_for("documents"), "region": None}])
        writers.flush()
        with pytest.raises(ContractError, match="table 'documents': missing column 'region'"):
            writers.add("documents", [row_for("documents")])
    links = pq.read_table(tmp_path / "links.parquet")
    assert links.num_rows == 2 and links.schema.names == columns("links")
    assert pq.read_table(tmp_path / "documents.parquet").column("region").to_pylist() == [None]


def shard(path, rows, schema):
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def test_concat_checks_every_input_against_the_contract(tmp_path):
    schema = arrow_schema("links")
    good = shard(tmp_path / "a.parquet", [row_for("links")], schema)
    assert concat_parquet([good, good], tmp_path / "out.parquet", schema) == 2
    renamed = shard(tmp_path / "b.parquet", [row_for("links")], pa.schema(
        [pa.field("href" if f.name == "url" else f.name, f.type) for f in schema]))
    with pytest.raises(ContractError, match=r"b\.parquet: missing column 'url'"):
        concat_parquet([good, renamed], tmp_path / "bad.parquet", schema)
    retyped = shard(tmp_path / "c.parquet", [{**row_for("links"), "start": "1"}], pa.schema(
        [pa.field(f.name, pa.string() if f.name == "start" else f.type) for f in schema]))
    with pytest.raises(ContractError, match=r"c\.parquet: column 'start' has type string"):
        concat_parquet([retyped], tmp_path / "bad.parquet", schema)
    reordered = shard(tmp_path / "d.parquet", [row_for("links")], pa.schema(list(reversed(list(schema)))))
    with pytest.raises(ContractError, match=r"d\.parquet: column 'end'"):
        concat_parquet([reordered], tmp_path / "bad.parquet", schema)
    assert not (tmp_path / "bad.parquet").exists()
