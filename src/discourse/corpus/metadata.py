"""Metadata tables of local corpora (CSV or YAML): one row per document, extra columns kept."""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from discourse.errors import InputError

CORE_FIELDS = ("doc_id", "file", "title", "author", "source", "country", "date", "year", "genre", "url", "licence")
# Columns the pipeline sets itself; a metadata table may not use them for something else.
RESERVED_FIELDS = ("corpus_id", "local_id", "format", "sha256", "path", "member", "size", "shard", "session",
                   "speaker", "post")
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_COLUMN = re.compile(r"^[a-z][a-z0-9_]*$")


def load_metadata(path: str | Path,
                  on_bad_row: Callable[[InputError, str | None], None] | None = None) -> list[dict[str, Any]]:
    """Read and check a metadata table; raise InputError naming the file and the problem.

    A problem with the table as a whole (missing, malformed, empty) is always raised. A problem with one
    row is raised too, unless `on_bad_row` is given: it is then called with the error and the file the
    row names (None if it names none), and the other rows are kept (`on_error: skip`).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "metadata table not found")
    rows = _read_csv(path) if path.suffix.lower() == ".csv" else _read_yaml(path)
    seen: dict[str, int] = {}
    out = []
    for number, row in enumerate(rows, 1):
        try:
            out.append(_checked_row(path, number, row, seen))
        except InputError as error:
            if on_bad_row is None:
                raise
            named = row.get("file") if isinstance(row, dict) else None
            on_bad_row(error, str(named).strip() if named else None)
    return out


def _checked_row(path: Path, number: int, row: Any, seen: dict[str, int]) -> dict[str, Any]:
    """One row, cleaned, with its date and year checked; `seen` (doc id -> row number) is updated."""
    if not isinstance(row, dict):
        raise InputError(path, f"row {number} is not a mapping of column to value")
    row = {str(k).strip(): _clean(v) for k, v in row.items()}
    for key in row:
        if not _COLUMN.match(key):
            raise InputError(path, f"row {number}: column name '{key}' must be lower_snake_case")
        if key in RESERVED_FIELDS:
            raise InputError(path, f"row {number}: column '{key}' is reserved (set by the pipeline)")
    doc_id = row.get("doc_id")
    if doc_id is None or not _DOC_ID.match(str(doc_id)):
        raise InputError(path, f"row {number}: doc_id missing or not of letters, digits, '.', '_' and '-'")
    doc_id = str(doc_id)
    if doc_id in seen:
        raise InputError(path, f"row {number}: doc_id '{doc_id}' repeats row {seen[doc_id]}")
    row["doc_id"] = doc_id
    if not row.get("file"):
        raise InputError(path, f"row {number} ({doc_id}): no 'file' given")
    if row.get("date") is not None:
        row["date"] = _date(path, number, row)
    row["year"] = _year(path, number, row)
    seen[doc_id] = number
    return row


def _read_csv(path: Path) -> list[dict[str, Any]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise InputError(path, f"line {reader.line_num}: number of fields differs from the header")
                rows.append(row)
    except (UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"malformed CSV: {error}") from None
    if not rows:
        raise InputError(path, "metadata table has no rows")
    return rows


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(path, f"malformed YAML: {error}") from None
    except ValueError as error:  # an unquoted date YAML cannot build ("date: 2023-02-30")
        raise InputError(path, f"a value YAML reads as a date is not a calendar date: {error}") from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    if not isinstance(data, list) or not data:
        raise InputError(path, "metadata YAML must be a non-empty list of documents (or a 'documents:' list)")
    return data


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date(path: Path, number: int, row: dict[str, Any]) -> str:
    """The row's date: one written the ISO way (YYYY-MM, YYYY-MM-DD) must be on the calendar; other text
    ("undated", "spring 1987") is kept as given."""
    value = row["date"]
    if isinstance(value, (datetime.date, datetime.datetime)):  # YAML reads an unquoted date as one
        return value.strftime("%Y-%m-%d")
    text = str(value)
    if not re.match(r"^\d{4}-", text):
        return text
    match = _ISO_DATE.match(text)
    try:
        if not match:
            raise ValueError("not YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise InputError(path, f"row {number} ({row['doc_id']}): date '{text}' is not a calendar date "
                               f"({error})") from None
    return text


def _year(path: Path, number: int, row: dict[str, Any]) -> int | None:
    year = row.get("year")
    if year is None and row.get("date"):
        match = re.match(r"^(\d{4})", str(row["date"]))
        year = match.group(1) if match else None
    if year is None:
        return None
    try:
        year = int(str(year))
    except ValueError:
        raise InputError(path, f"row {number} ({row['doc_id']}): year '{year}' is not a whole number") from None
    if not 1000 <= year <= 2999:
        raise InputError(path, f"row {number} ({row['doc_id']}): year {year} is out of range")
    return year
