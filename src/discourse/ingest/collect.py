"""Corpus tables: stream the parse shards into the Parquet tables of the corpus layer.

Rows are written in batches with a fixed schema, so the whole corpus is never in memory at once.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from discourse.corpus.metadata import CORE_FIELDS
from discourse.tables import columns

log = logging.getLogger(__name__)

_DOCUMENT_FIELDS = set(columns("documents"))


def iter_shard_items(shard_paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in shard_paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                del line  # a large document's line is not kept alive beside its parsed object
                yield item


def extra_metadata_columns(inventory: pd.DataFrame) -> list[str]:
    """Metadata keys beyond the documents contract, in sorted order, kept as string columns."""
    keys: set[str] = set()
    for raw in inventory["metadata"]:
        keys.update(json.loads(raw))
    return sorted(keys - _DOCUMENT_FIELDS - set(CORE_FIELDS))


def document_rows(document: dict[str, Any], extra: list[str]) -> dict[str, Iterable[dict[str, Any]]]:
    """The rows one parsed document contributes to each table; the long tables' rows are made as they are
    consumed (a document can have hundreds of thousands of paragraphs)."""
    doc_id = document["doc_id"]
    meta = document["metadata"]
    paragraphs = document["paragraphs"]
    row = {name: meta.get(name) for name in ("title", "author", "source", "country", "date", "genre", "url",
                                             "licence", "speaker", "post")}
    row.update({"doc_id": doc_id, "corpus_id": document["corpus_id"], "local_id": document["local_id"],
                "format": document["format"], "path": document["path"], "member": document["member"],
                "sha256": document["sha256"], "size": document["size"], "year": meta.get("year"),
                "session": meta.get("session"), "n_sections": len(document["sections"]),
                "n_paragraphs": len(paragraphs), "n_words": sum(len(p["text"].split()) for p in paragraphs),
                "text": document["text"]})
    row["date"] = None if row["date"] is None else str(row["date"])
    row.update({name: None if meta.get(name) is None else str(meta[name]) for name in extra})
    with_doc = lambda items: ({**item, "doc_id": doc_id} for item in items)  # noqa: E731
    return {
        "documents": [row],
        "front_matter": with_doc(document["front_matter"]),
        "sections": ({**s, "doc_id": doc_id, "heading_path": " > ".join(s["heading_path"])}
                     for s in document["sections"]),
        "paragraphs": ({**p, "doc_id": doc_id, "heading_path": " > ".join(p["heading_path"]),
                        "n_words": len(p["text"].split())} for p in paragraphs),
        "footnotes": with_doc(document["footnotes"]),
        "references": with_doc(document["references"]),
        "citations": with_doc(document["citations"]),
        "citation_integrity": with_doc(document["citation_integrity"]),
        "links": with_doc(document["links"]),
    }
