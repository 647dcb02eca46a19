"""Stage `nlp`: spaCy over the body paragraphs of one parse shard, with a per-document cache.

A document is processed again only when its paragraphs, its year, the model, the gazetteer, the
settings or the NLP code changed: the cache key hashes all of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import spacy
import srsly.msgpack
from spacy.tokens import Doc, DocBin

from discourse.cache import read_entry, write_entry
from discourse.errors import InputError
from discourse.fingerprint import code_fingerprint
from discourse.ingest.shards import iter_shard_items
from discourse.io import ParquetWriters, atomic_path
from discourse.layout import Job, Paths, Stage, concat_job, register_jobs, results_path, shard_table_outputs
from discourse.nlp.gazetteer import load_gazetteer
from discourse.nlp.pipeline import (NlpSettings, build_pipeline, model_version, paragraph_items, paragraph_records,
                                    process_paragraphs)
from discourse.tables import arrow_schema

log = logging.getLogger(__name__)

TABLES = ("sentences", "entities", "actor_mentions")
_FLUSH_DOCUMENTS = 100


@dataclass(frozen=True)
class NlpStageSettings:
    nlp: NlpSettings
    cache_dir: Path


def stage_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> NlpStageSettings:
    return NlpStageSettings(NlpSettings.from_config(config), root / config["ingest"]["cache_dir"] / "nlp")


@lru_cache(maxsize=None)
def nlp_fingerprint(settings: NlpSettings) -> str:
    """Everything outside the document that its NLP records depend on: this stage's code, the model and
    its version, the settings and the gazetteer."""
    digest = hashlib.sha256(code_fingerprint(__name__).encode())
    digest.update(json.dumps([settings.model, model_version(settings.model), spacy.__version__,
                              list(settings.disable), [list(m) for m in settings.merge],
                              load_gazetteer(settings.gazetteer).sha256]).encode())
    return digest.hexdigest()


def document_key(document: dict[str, Any], fingerprint: str) -> str:
    material = [fingerprint, document["doc_id"], document["metadata"].get("year"),
                [[p["paragraph_id"], p["start"], p["text"], p.get("heading_path") or []]
                 for p in document["paragraphs"]]]
    return hashlib.sha256(json.dumps(material).encode("utf-8")).hexdigest()


def process_documents(documents: list[dict[str, Any]], settings: NlpSettings,
                      nlp) -> Iterator[tuple[dict, dict, bytes]]:
    """(document, records, parsed paragraphs as DocBin bytes) for each document; the paragraphs of all
    documents are streamed through one nlp.pipe."""
    merge = dict(settings.merge)
    # the heading path dates a section ("Cold War Period": Moscow is SUN there, whatever the paper's year)
    docs = process_paragraphs(nlp, paragraph_items(documents), settings.batch_size)
    for document in documents:
        records: dict[str, list] = {t: [] for t in TABLES}
        parsed = new_docbin()
        for paragraph in document["paragraphs"]:
            doc = next(docs)
            rows = paragraph_records(doc, paragraph["paragraph_id"], document["doc_id"], paragraph["start"], merge)
            for table in TABLES:
                records[table].extend(rows[table])
            # the speaking state (UNGDC statements): the framing stage relates it to the actors of "we ..." acts
            doc.user_data.update({"doc_id": document["doc_id"], "paragraph_id": paragraph["paragraph_id"],
                                  "offset": paragraph["start"], "country": document["metadata"].get("country"),
                                  "date": none_or_str(document["metadata"].get("date"))})
            parsed.add(doc)
        yield document, records, parsed.to_bytes()


def check_paragraph_lengths(documents: list[dict[str, Any]], max_length: int) -> None:
    """Name the document and paragraph a model would refuse (spaCy's E088 names neither). Ingest splits paragraphs
    at `ingest.max_paragraph_chars`, so this happens only with a model whose `max_length` is lower."""
    for document in documents:
        for paragraph in document["paragraphs"]:
            if len(paragraph["text"]) > max_length:
                raise InputError(document.get("path") or document["doc_id"],
                                 f"paragraph {paragraph['paragraph_id']} has {len(paragraph['text']):,} characters, "
                                 f"more than the spaCy model's max_length ({max_length:,}); set "
                                 "ingest.max_paragraph_chars below it")


def none_or_str(value: Any) -> str | None:
    return None if value is None else str(value)


def new_docbin() -> DocBin:
    """The parsed paragraphs later stages read instead of parsing again: tokens, lemmas, tags, the dependency
    parse, entities and actor spans, plus the ids that lead back to the tables (in `user_data`)."""
    return DocBin(store_user_data=True)


def freeze_msgpack_decoders() -> None:
    """Register srsly's msgpack decoders from the installed packages' entry points once, and stop the scan: srsly
    looks them up again on every unpack, and a DocBin unpacks once per Doc (a fifth of the framing stage's time
    went to reading package metadata)."""
    registry = srsly.msgpack.msgpack_decoders
    if registry.entry_points:
        for name, decoder in registry.get_entry_points().items():
            registry.register(name, func=decoder)
        registry.entry_points = False


def read_docbin(path: Path, vocab) -> Iterator[Doc]:
    """The paragraphs of a shard's DocBin, in document and paragraph order. A truncated or corrupt file is
    named, with how to recover, instead of spaCy's advice about training data."""
    freeze_msgpack_decoders()
    try:
        docbin = DocBin().from_disk(path)
    except (ValueError, TypeError, KeyError, zlib.error) as error:
        raise InputError(str(path), f"parsed-paragraph shard is truncated or corrupt ({type(error).__name__}); delete "
                                    "it and run the workflow again: it is rebuilt from the NLP cache") from error
    yield from docbin.get_docs(vocab)


def run(stage_settings: NlpStageSettings, inputs: Paths, outputs: Paths) -> dict[str, int]:
    settings, cache_dir, shard_path = stage_settings.nlp, stage_settings.cache_dir, inputs["parsed"]
    fingerprint = nlp_fingerprint(settings)
    documents = [item["document"] for item in iter_shard_items([shard_path]) if "document" in item]
    cached, pending, parsed_bytes = {}, [], {}
    for document in documents:
        path = cache_dir / f"{document_key(document, fingerprint)}.json"
        records, parsed = read_entry(path), read_entry(path.with_suffix(".spacy"))
        if records is not None and parsed is not None:
            cached[document["doc_id"]] = json.loads(records.decode("utf-8"))
            parsed_bytes[document["doc_id"]] = parsed
        else:
            pending.append(document)
    fresh = {}
    if pending:
        nlp = build_pipeline(settings)
        check_paragraph_lengths(pending, nlp.max_length)
        for document, records, parsed in process_documents(pending, settings, nlp):
            path = cache_dir / f"{document_key(document, fingerprint)}.json"
            # the DocBin first: a cache entry counts only when its JSON exists, so the pair is never half written
            write_entry(path.with_suffix(".spacy"), parsed)
            write_entry(path, json.dumps(records, ensure_ascii=False).encode("utf-8"))
            parsed_bytes[document["doc_id"]] = parsed
            fresh[document["doc_id"]] = records
    write_shard_docbin([parsed_bytes[document["doc_id"]] for document in documents], outputs["docbin"])
    counts = {t: 0 for t in TABLES}
    with contextlib.ExitStack() as stack:
        writers = ParquetWriters({t: outputs[t] for t in TABLES}, {t: arrow_schema(t) for t in TABLES}, stack)
        for number, document in enumerate(documents, 1):
            records = cached.get(document["doc_id"]) or fresh[document["doc_id"]]
            for table in TABLES:
                writers.add(table, records[table])
                counts[table] += len(records[table])
            if number % _FLUSH_DOCUMENTS == 0:
                writers.flush()
        writers.flush()
    log.info("nlp %s: %d documents, %d processed, %d from cache; %s", shard_path.name, len(documents), len(pending),
             len(documents) - len(pending), counts)
    return counts


def write_shard_docbin(parsed: list[bytes], out: Path) -> None:
    """The shard's parsed paragraphs, merged from each document's (verified) DocBin bytes."""
    freeze_msgpack_decoders()
    shard = new_docbin()
    for document in parsed:
        shard.merge(DocBin(store_user_data=True).from_bytes(document))
    with atomic_path(out) as tmp:
        shard.to_disk(tmp)


STAGE = Stage("nlp", tables=TABLES, jobs=(
    Job("nlp", "nlp", "spaCy and actor resolution over one parse shard", run, stage_settings,
        inputs={"parsed": "a parse shard (results/ingest/shards/shard-N.jsonl)"},
        # the parsed paragraphs (spaCy DocBin), read by the framing stage instead of parsing again
        outputs={**shard_table_outputs("nlp", TABLES), "docbin": results_path("nlp", "shards/shard-{shard}.spacy")},
        wildcards=("shard",), config=("nlp", "actors.merge", "ingest.cache_dir")),
    concat_job("nlp", TABLES),
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE, skip=("nlp_table",))
