"""Grouping of documents shared by every aggregate: the source group and period of a document."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

ALL = "all"
COLD_WAR_END = 1991  # the last year counted as the Cold War (the Soviet Union dissolved in December 1991)


def source_group(corpus_id: str, country: str | None) -> str:
    """`paper` for the paper, `UNGDC PAK` for Pakistan's General Debate statements, else the corpus id."""
    if corpus_id == "ungdc" and country:
        return f"UNGDC {country}"
    return corpus_id


def add_source_group(documents: pd.DataFrame) -> pd.DataFrame:
    documents = documents.copy()
    documents["source_group"] = [source_group(c, k) for c, k in zip(documents["corpus_id"], documents["country"])]
    return documents


def group_slug(group: str) -> str:
    """A file-name-safe form of a group name."""
    return re.sub(r"[^A-Za-z0-9]+", "-", group).strip("-").lower()


def add_periods(documents: pd.DataFrame) -> pd.DataFrame:
    """Source group, decade and period (cold_war <= 1991 < post_cold_war) of every document."""
    documents = add_source_group(documents)
    documents["decade"] = (documents["year"] // 10 * 10).astype("Int64")
    documents["period"] = np.where(documents["year"] <= COLD_WAR_END, "cold_war", "post_cold_war")
    documents.loc[documents["year"].isna(), "period"] = None
    return documents
