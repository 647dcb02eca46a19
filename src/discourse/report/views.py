"""Tables as the template shows them: formatted cells, filter attributes and evidence sentence ids."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pandas as pd


@dataclass
class Cell:
    text: str
    linked: bool = False  # a number that reveals the row's evidence sentences when clicked


@dataclass
class Row:
    cells: list[Cell]
    attrs: dict[str, str] = field(default_factory=dict)  # data-group / data-theme / data-period for filters
    # one table row is one "cell" of the contract: its numbers share the evidence sentences
    evidence: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # terms to highlight in those sentences


@dataclass
class TableView:
    table_id: str
    columns: list[str]
    rows: list[Row]
    total_rows: int
    note: str = ""

    @property
    def evidence_ids(self) -> set[str]:
        return {sid for row in self.rows for sid in row.evidence}


# integers that are labels, not quantities: no thousands separator, never a link to evidence
LABEL_INT_COLUMNS = {"year", "first_year", "last_year", "decade", "order", "rank", "topic", "k", "seed", "level",
                     "session"}


def format_value(value: Any, column: str = "") -> tuple[str, bool]:
    """Display text of a value and whether it is a number (numbers link to their evidence)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, (int, np.integer)):
        if column in LABEL_INT_COLUMNS:
            return str(int(value)), False
        return f"{int(value):,}", True
    if isinstance(value, (float, np.floating)):
        if value != 0 and abs(value) < 0.001:
            return f"{value:.1e}", True
        return f"{value:.3f}", True
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return ", ".join(str(v) for v in items), False
    return str(value), False


def period_label(period: Any, decade: Any) -> str:
    """One label for a row's time slice: the period, the decade (`1980s`) or `overall`."""
    if isinstance(period, str) and period:
        return period
    if decade is not None and not pd.isna(decade):
        return f"{int(decade)}s"
    return "overall"


def evidence_list(value: Any, cap: int) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    items = value.tolist() if hasattr(value, "tolist") else list(value)
    return [str(v) for v in items[:cap]]


def build_table(frame: pd.DataFrame, table_id: str, columns: list[str], *, max_rows: int,
                evidence_cap: int = 3, keyword_column: str | None = None,
                filter_columns: dict[str, str] | None = None, note: str = "") -> TableView:
    """A TableView of `columns`; a row keeps its `evidence` ids (capped) and its numbers link to them.

    filter_columns maps a filter name (group, theme, period) to the column giving its value; the special
    column `_period` is derived from period/decade, `_groups` from group_a and group_b.
    """
    filter_columns = filter_columns or {}
    rows: list[Row] = []
    for record in frame.head(max_rows).to_dict("records"):
        evidence = evidence_list(record.get("evidence"), evidence_cap)
        keywords = [str(record[keyword_column])] if keyword_column and record.get(keyword_column) else []
        cells = []
        for column in columns:
            text, numeric = format_value(record.get(column), column)
            cells.append(Cell(text, numeric and bool(evidence)))
        rows.append(Row(cells, filter_attrs(record, filter_columns), evidence, keywords))
    shown = min(len(frame), max_rows)
    if len(frame) > shown:
        note = (note + " " if note else "") + f"First {shown:,} of {len(frame):,} rows shown."
    return TableView(table_id, columns, rows, len(frame), note)


def filter_attrs(record: dict[str, Any], filter_columns: dict[str, str]) -> dict[str, str]:
    attrs = {}
    for name, column in filter_columns.items():
        if column == "_period":
            attrs[name] = period_label(record.get("period"), record.get("decade"))
        elif column == "_groups":
            attrs[name] = f"{record.get('group_a')}|{record.get('group_b')}"
        elif record.get(column) is not None:
            attrs[name] = str(record[column])
    return attrs


def distinct_values(views: Iterable[TableView], name: str) -> list[str]:
    """Every value a filter can take across tables (split on | for multi-valued rows), sorted."""
    values = {v for view in views for row in view.rows for v in row.attrs.get(name, "").split("|") if v}
    return sorted(values, key=lambda v: (v != "overall", v))
