"""The evidence sentences behind the report's numbers, as a JSON blob safe to inline in HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from discourse.report.load import read_sentence_cues
from discourse.report.views import TableView

MAX_SENTENCE_CHARS = 600  # a sentence is evidence, not a document: long ones are cut


def collect_evidence(evidence: pd.DataFrame | None, views: Iterable[TableView], results_dir: Path) -> dict[str, Any]:
    """{sentence_id: {doc, year, who, country, group, title, text, cues}} for the ids the tables show."""
    wanted = sorted({sid for view in views for sid in view.evidence_ids})
    if evidence is None or not wanted:
        return {}
    rows = evidence[evidence["sentence_id"].isin(wanted)].drop_duplicates("sentence_id")
    cues = read_sentence_cues(results_dir, rows["sentence_id"].tolist())
    return {str(r["sentence_id"]): sentence_entry(r, cues.get(r["sentence_id"], []))
            for r in rows.to_dict("records")}


def sentence_entry(row: dict[str, Any], cues: list[str]) -> dict[str, Any]:
    text = str(row.get("text") or "")
    if len(text) > MAX_SENTENCE_CHARS:
        text = text[:MAX_SENTENCE_CHARS] + " […]"
    year = row.get("year")
    return {"doc": row.get("doc_id"), "year": None if year is None or pd.isna(year) else int(year),
            "who": none_if_missing(row.get("speaker")), "country": none_if_missing(row.get("country")),
            "group": none_if_missing(row.get("source_group")), "title": none_if_missing(row.get("title")),
            "text": text, "cues": cues}


def none_if_missing(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def inline_json(data: Any) -> str:
    """JSON for a <script type="application/json"> element: `</` and `<!--` cannot end or confuse it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # `<\/` is the same string to JSON.parse; `\u003c!--` keeps the script data state from changing
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
