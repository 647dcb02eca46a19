"""Grouping of documents shared by every aggregate: the source group of a document."""

from __future__ import annotations

import re

import pandas as pd

ALL = "all"


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
