"""Corpus tables: stream the parse shards into the Parquet tables of the corpus layer.

Rows are written in batches with a fixed schema, so the whole corpus is never in memory at once.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Iterable, Iterator

import pandas as pd

from discourse.corpus.metadata import CORE_FIELDS
from discourse.tables import columns

log = logging.getLogger(__name__)

_DOCUMENT_FIELDS = set(columns("documents"))


def extra_metadata_columns(inventory: pd.DataFrame) -> list[str]:
    """Metadata keys beyond the documents contract, in sorted order, kept as string columns."""
    keys: set[str] = set()
    for raw in inventory["metadata"]:
        keys.update(json.loads(raw))
    return sorted(keys - _DOCUMENT_FIELDS - set(CORE_FIELDS))


def document_rows(header: dict[str, Any], paragraphs: Iterator[dict[str, Any]],
                  extra: list[str]) -> dict[str, Iterable[dict[str, Any]]]:
    """The rows one parsed document (its shard header and its paragraphs, streamed) contributes to each
    table. The rows are made as they are consumed, and the tables must be consumed in the order given:
    the documents row counts the paragraphs' words, so it comes after them."""
    doc_id = header["doc_id"]
    meta = header["metadata"]
    n_words = 0

    def paragraph_rows() -> Iterator[dict[str, Any]]:
        nonlocal n_words
        for p in paragraphs:
            words = len(p["text"].split())
            n_words += words
            yield {**p, "doc_id": doc_id, "heading_path": " > ".join(p["heading_path"]), "n_words": words}

    def document_row() -> Iterator[dict[str, Any]]:
        row = {name: meta.get(name) for name in ("title", "author", "source", "country", "date", "genre", "url",
                                                 "licence", "speaker", "post")}
        row.update({"doc_id": doc_id, "corpus_id": header["corpus_id"], "local_id": header["local_id"],
                    "format": header["format"], "path": header["path"], "member": header["member"],
                    "sha256": header["sha256"], "size": header["size"], "year": meta.get("year"),
                    "session": meta.get("session"), "n_sections": len(header["sections"]),
                    "n_paragraphs": header["n_paragraphs"], "n_words": n_words, "text": header["text"]})
        row["date"] = None if row["date"] is None else str(row["date"])
        row.update({name: None if meta.get(name) is None else str(meta[name]) for name in extra})
        yield row

    with_doc = lambda items: ({**item, "doc_id": doc_id} for item in items)  # noqa: E731
    return {
        "paragraphs": paragraph_rows(),
        "documents": document_row(),
        "front_matter": with_doc(header["front_matter"]),
        "sections": ({**s, "doc_id": doc_id, "heading_path": " > ".join(s["heading_path"])}
                     for s in header["sections"]),
        "footnotes": with_doc(header["footnotes"]),
        "references": with_doc(header["references"]),
        "citations": with_doc(header["citations"]),
        "citation_integrity": with_doc(header["citation_integrity"]),
        "links": with_doc(header["links"]),
    }
