"""Tests for metadata tables (CSV and YAML): what loads, and each malformed table naming its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from discourse.corpus.metadata import load_metadata
from discourse.errors import InputError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def expect_error(path: Path, *fragments: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_metadata(path)
    error = info.value
    assert error.path == str(path)
    assert str(error).startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in error.reason, f"{fragment!r} not in {error.reason!r}"
    return error


# --- tables that load ---------------------------------------------------------------------------


def test_csv_loads_with_extra_columns_and_year_from_date(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv",
                 "doc_id,file,title,date,outlet,stance\n"
                 "a1,a1.txt,First piece,2021-05-04,Dawn,pro\n"
                 "b2,sub/b2.md, Second piece ,1999,The Hindu,\n")
    rows = load_metadata(path)
    assert [row["doc_id"] for row in rows] == ["a1", "b2"]
    first, second = rows
    assert first["file"] == "a1.txt"
    assert first["year"] == 2021  # from the date
    assert first["outlet"] == "Dawn" and first["stance"] == "pro"  # extra columns kept
    assert second["file"] == "sub/b2.md"
    assert second["title"] == "Second piece"  # stripped
    assert second["stance"] is None  # blank cell -> None
    assert second["year"] == 1999


def test_csv_with_bom_header(tmp_path: Path) -> None:
    path = tmp_path / "metadata.csv"
    path.write_bytes("\ufeffdoc_id,file\nx,x.txt\n".encode("utf-8"))
    assert load_metadata(path) == [{"doc_id": "x", "file": "x.txt", "year": None}]


def test_explicit_year_wins_over_date(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,date,year\nx,x.txt,2020-01-01,2019\n")
    assert load_metadata(path)[0]["year"] == 2019


def test_yaml_list_loads_with_extra_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml",
                 "- doc_id: khatoon2023\n"
                 "  file: paper.md\n"
                 "  title: A paper\n"
                 "  date: 2023-06-30\n"
                 "  journal: Margalla Papers\n"
                 "  keywords: [sovereignty, dialogue]\n"
                 "- doc_id: 42\n"
                 "  file: other.txt\n"
                 "  year: 2001\n")
    rows = load_metadata(path)
    assert [row["doc_id"] for row in rows] == ["khatoon2023", "42"]  # ids become strings
    assert rows[0]["year"] == 2023
    assert rows[0]["date"] == "2023-06-30"  # YAML reads it as a date; kept as ISO text like every date
    assert rows[0]["journal"] == "Margalla Papers"
    assert rows[0]["keywords"] == ["sovereignty", "dialogue"]
    assert rows[1]["year"] == 2001


def test_yaml_documents_key(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yml",
                 "documents:\n"
                 "  - {doc_id: d1, file: d1.txt, date: '1987'}\n")
    rows = load_metadata(path)
    assert rows == [{"doc_id": "d1", "file": "d1.txt", "date": "1987", "year": 1987}]


def test_undated_row_has_no_year(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,date\nx,x.txt,undated\n")
    assert load_metadata(path)[0]["year"] is None


# --- malformed tables ---------------------------------------------------------------------------


def test_missing_table(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.csv", "not found")


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "- doc_id: a\n  file: [a.txt\n- doc_id: b\n")
    expect_error(path, "malformed YAML")


def test_yaml_that_is_not_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "doc_id: a\nfile: a.txt\n")
    expect_error(path, "must be a non-empty list")


def test_empty_yaml(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "")
    expect_error(path, "must be a non-empty list")


def test_yaml_row_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "- doc_id: a\n  file: a.txt\n- just a string\n")
    expect_error(path, "row 2 is not a mapping")


def test_missing_doc_id(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file\na,a.txt\n,b.txt\n")
    expect_error(path, "row 2", "doc_id missing")


def test_doc_id_with_bad_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file\nmy doc,a.txt\n")
    expect_error(path, "row 1", "doc_id")


def test_duplicate_doc_id(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file\na,a.txt\nb,b.txt\na,c.txt\n")
    expect_error(path, "row 3", "doc_id 'a' repeats row 1")


def test_non_integer_year(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,year\na,a.txt,nineteen-ninety\n")
    expect_error(path, "row 1 (a)", "year 'nineteen-ninety' is not a whole number")


def test_year_out_of_range(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "- {doc_id: a, file: a.txt, year: 19}\n")
    expect_error(path, "year 19 is out of range")


def test_reserved_column(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,shard\na,a.txt,3\n")
    expect_error(path, "column 'shard' is reserved")


def test_column_name_not_snake_case(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,Publication Date\na,a.txt,2020\n")
    expect_error(path, "'Publication Date' must be lower_snake_case")


def test_csv_row_with_more_fields_than_header(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,title\na,a.txt,One\nb,b.txt,Two,extra\n")
    expect_error(path, "line 3", "number of fields differs from the header")


def test_csv_row_with_fewer_fields_than_header(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,title\na,a.txt\n")
    expect_error(path, "line 2", "number of fields differs")


def test_csv_without_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file\n")
    expect_error(path, "has no rows")


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "metadata.csv"
    path.write_bytes(b"doc_id,file,title\na,a.txt,Caf\xe9\n")
    expect_error(path, "malformed CSV")


def test_missing_file_value(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,title\na,a.txt,One\nb,,Two\n")
    expect_error(path, "row 2 (b)", "no 'file' given")


def test_missing_file_key_in_yaml(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "- doc_id: a\n  title: No file here\n")
    expect_error(path, "row 1 (a)", "no 'file' given")


def test_numeric_zero_doc_id_is_accepted(tmp_path):
    path = tmp_path / "metadata.yaml"
    path.write_text("- {doc_id: 0, file: a.txt}\n", encoding="utf-8")
    assert load_metadata(path)[0]["doc_id"] == "0"


@pytest.mark.parametrize("date, reason", [
    ("2023-02-30", "day is out of range"),
    ("2023-13", "month must be in 1..12"),
    ("2023-1-5", "not YYYY-MM or YYYY-MM-DD"),
])
def test_a_date_that_is_not_a_calendar_date_is_named_with_its_row(tmp_path: Path, date: str, reason: str) -> None:
    path = write(tmp_path / "metadata.csv", f"doc_id,file,date\nx,x.txt,2020\ny,y.txt,{date}\n")
    expect_error(path, f"row 2 (y): date '{date}' is not a calendar date", reason)


def test_an_unquoted_yaml_date_off_the_calendar_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.yaml", "- {doc_id: x, file: x.txt, date: 2023-02-30}\n")
    expect_error(path, "not a calendar date", "day is out of range")


def test_partial_iso_dates_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "metadata.csv", "doc_id,file,date\nx,x.txt,2023-02\ny,y.txt,1987\n")
    assert [(row["date"], row["year"]) for row in load_metadata(path)] == [("2023-02", 2023), ("1987", 1987)]
