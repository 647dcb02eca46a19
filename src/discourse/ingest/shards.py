"""Parse shards (`results/ingest/shards/shard-N.jsonl`), the files passed from the parse jobs to the corpus
tables and the NLP jobs: JSON Lines, one JSON object per line.

- An input left out is one line `{"skipped": {stage, corpus_id, doc_id, path, reason}}`.
- A parsed document (`document.schema.json`) is a header line `{"document": {...}}` holding every field but
  `paragraphs`, plus `n_paragraphs`, followed by that many lines `{"paragraph": {...}}`, in order.

Paragraphs on lines of their own let a reader take a document of hundreds of thousands of paragraphs one
paragraph at a time: the corpus tables never hold such a document as one JSON value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from discourse.errors import InputError
from discourse.io import atomic_path

_RECOVER = "delete it and run the workflow again: it is rebuilt from the parse cache"


def write_shard(path: Path, items: Iterable[dict[str, Any]]) -> None:
    """Write `{"document": ...}` / `{"skipped": ...}` items (as `parse_shard` yields them), atomically."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        for item in items:
            if "document" not in item:
                handle.write(_line(item))
                continue
            document = item["document"]
            header = {key: value for key, value in document.items() if key != "paragraphs"}
            header["n_paragraphs"] = len(document["paragraphs"])
            handle.write(_line({"document": header}))
            for paragraph in document["paragraphs"]:
                handle.write(_line({"paragraph": paragraph}))


def stream_shards(paths: Iterable[Path]) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any] | None,
                                                            Iterator[dict[str, Any]]]]:
    """`(document header, None, its paragraphs)` or `(None, skipped record, empty)` for each item, in order.

    The paragraphs are read from the file as they are consumed, and only until the next item is asked for;
    what the consumer did not take is passed over. A shard that is not in this format, or ends inside a
    document, raises `InputError` naming the file and the line."""
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            lines = enumerate(handle, 1)
            for number, line in lines:
                item = _load(path, number, line)
                if "skipped" in item:
                    yield None, item["skipped"], iter(())
                    continue
                header = item.get("document")
                if not isinstance(header, dict) or not isinstance(header.get("n_paragraphs"), int):
                    raise InputError(str(path), f"line {number} is not a document header or a skipped input "
                                                f"(a parse shard from another version?); {_RECOVER}")
                paragraphs = _paragraphs(path, lines, header)
                yield header, None, paragraphs
                for _ in paragraphs:  # the rest of this document's lines, whatever the consumer took
                    pass


def iter_shard_items(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The items as `parse_shard` yielded them, each document whole (its paragraphs in a list)."""
    for header, skipped, paragraphs in stream_shards(paths):
        if header is None:
            yield {"skipped": skipped}
            continue
        document = {key: value for key, value in header.items() if key != "n_paragraphs"}
        document["paragraphs"] = list(paragraphs)
        yield {"document": document}


def _paragraphs(path: Path, lines: Iterator[tuple[int, str]], header: dict[str, Any]) -> Iterator[dict[str, Any]]:
    expected = header["n_paragraphs"]
    for index in range(expected):
        try:
            number, line = next(lines)
        except StopIteration:
            raise InputError(str(path), f"ends inside document {header.get('doc_id')!r} ({index} of {expected} "
                                        f"paragraphs); {_RECOVER}") from None
        item = _load(path, number, line)
        if "paragraph" not in item:
            raise InputError(str(path), f"line {number} should be paragraph {index + 1} of {expected} of document "
                                        f"{header.get('doc_id')!r}; {_RECOVER}")
        yield item["paragraph"]


def _load(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"line {number} is not valid JSON ({error.msg}); {_RECOVER}") from None
    if not isinstance(item, dict):
        raise InputError(str(path), f"line {number} is not a JSON object; {_RECOVER}")
    return item


def _line(item: dict[str, Any]) -> str:
    # sorted keys: the same parse gives the same bytes, so a shard's content hash is stable
    return json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"
