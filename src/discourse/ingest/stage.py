"""Stage `ingest`: parse the documents of each shard (`parse`, cached per document), then stream the
shards into the corpus tables (`tables`)."""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from discourse.errors import no_documents_error
from discourse.io import ParquetWriters, frame_records
from discourse.ingest.collect import document_rows, extra_metadata_columns
from discourse.ingest.parse import IngestLimits, parse_shard
from discourse.ingest.shards import stream_shards, write_shard
from discourse.layout import Job, Paths, Stage, add_config_options, read_config, register_jobs, results_path
from discourse.tables import arrow_schema

log = logging.getLogger(__name__)

TABLES = ("documents", "front_matter", "sections", "paragraphs", "footnotes", "references", "citations",
          "citation_integrity", "links", "skipped")
_BATCH_DOCUMENTS = 200


@dataclass(frozen=True)
class ParseSettings:
    shard: int
    root: Path
    cache_dir: Path
    on_error: str
    limits: IngestLimits


def parse_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> ParseSettings:
    return ParseSettings(shard=int(wildcards["shard"]), root=root,
                         cache_dir=root / config["ingest"]["cache_dir"] / "documents", on_error=config["on_error"],
                         limits=IngestLimits.from_config(config))


def run_parse(settings: ParseSettings, inputs: Paths, outputs: Paths) -> None:
    inventory = pd.read_parquet(inputs["inventory"])
    items = parse_shard(inventory, settings.shard, settings.root, settings.cache_dir, settings.on_error,
                        settings.limits)
    write_shard(outputs["shard"], items)


def run_tables(settings: None, inputs: Paths, outputs: Paths) -> dict[str, int]:
    inventory = pd.read_parquet(inputs["inventory"])
    extra = extra_metadata_columns(inventory)
    counts = {t: 0 for t in TABLES}
    schemas = {t: arrow_schema(t, extra if t == "documents" else ()) for t in TABLES}
    with contextlib.ExitStack() as stack:
        writers = ParquetWriters({t: outputs[t] for t in TABLES}, schemas, stack)
        skipped = frame_records(pd.read_parquet(inputs["inventory_skipped"]))
        parse_skipped: list[dict[str, Any]] = []
        writers.add("skipped", skipped)
        counts["skipped"] += len(skipped)
        for number, (header, skipped_input, paragraphs) in enumerate(stream_shards(inputs["shards"]), 1):
            if header is None:
                writers.add("skipped", [skipped_input])
                parse_skipped.append(skipped_input)
                counts["skipped"] += 1
                continue
            for table, rows in document_rows(header, paragraphs, extra).items():
                counts[table] += writers.add(table, rows)
            if number % _BATCH_DOCUMENTS == 0:
                writers.flush()
        writers.flush()
        if not counts["documents"]:  # every document failed to parse: no table would be worth reading
            raise no_documents_error(inputs["inventory"], sorted(set(inventory["corpus_id"])),
                                     skipped + parse_skipped)
    log.info("tables: %s", counts)
    return counts


STAGE = Stage("ingest", tables=TABLES, jobs=(
    Job("parse", "ingest", "parse the documents of one shard", run_parse, parse_settings,
        inputs={"inventory": "the inventory (results/corpus/inventory.parquet)"},
        outputs={"shard": results_path("ingest", "shards/shard-{shard}.jsonl")}, wildcards=("shard",),
        config=("on_error", "ingest.cache_dir", "ingest.max_file_mb", "ingest.max_inflated_mb",
                "ingest.max_paragraph_chars")),
    Job("tables", "ingest", "collect the parsed shards into the corpus tables", run_tables,
        lambda config, wildcards, root: None,
        inputs={"shards": "parse shards (JSON Lines)", "inventory": "the inventory",
                "inventory_skipped": "inputs the inventory left out"},
        many=frozenset({"shards"}), outputs={t: results_path("ingest", f"{t}.parquet") for t in TABLES}),
))


def print_document(args) -> int:
    """`discourse ingest FILE`: one file read and segmented as the workflow would, printed as JSON."""
    import sys

    from discourse.corpus.readers import read_document
    from discourse.errors import InputError
    from discourse.segment.document import parse_document

    config = read_config(args)
    if not args.file.exists():
        raise InputError(args.file, "file not found")
    limits = IngestLimits.from_config(config)
    read = read_document(args.file, args.file.read_bytes(), limits.max_bytes, limits.max_inflated_bytes)
    metadata = {"title": args.title or read.title, "author": read.author, "date": read.date}
    document = parse_document(f"file:{args.file.stem}", read.text, metadata, limits.max_paragraph_chars)
    document["format"] = read.format
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def register_parser(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="parse one file and print the document as JSON")
    parser.add_argument("file", type=Path)
    parser.add_argument("--title", help="the document's title (helps find where the body starts)")
    add_config_options(parser)
    parser.set_defaults(func=print_document)
    register_jobs(subparsers, STAGE)
