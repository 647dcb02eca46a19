"""Stage `corpus`: obtain the UNGDC archive (`fetch_ungdc`) and list the documents a run will parse
(`inventory`), with the checks that need no parsing."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from discourse.corpus import ungdc
from discourse.corpus.inventory import build_inventory
from discourse.errors import no_documents_error
from discourse.io import frame_records, write_json_atomic, write_parquet_atomic
from discourse.layout import Job, Paths, Stage, add_config_options, add_job_parser, read_config, results_path
from discourse.schemas import read_validated
from discourse.tables import arrow_schema

log = logging.getLogger(__name__)


def fetch_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> ungdc.UngdcSettings:
    return ungdc.UngdcSettings.from_config(config["ungdc"], root)


def run_fetch(settings: ungdc.UngdcSettings, inputs: Paths, outputs: Paths) -> dict[str, Any]:
    result = ungdc.fetch_archive(settings)
    status = {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(result).items()}
    if result.status != "available":
        log.warning("UNGDC unavailable: %s", result.reason)
    write_json_atomic(status, outputs["status"])
    return status


def inventory_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> tuple[dict, Path]:
    return config, root


def run_inventory(settings: tuple[dict, Path], inputs: Paths, outputs: Paths) -> None:
    config, root = settings
    status = read_validated(inputs["ungdc_status"], "fetch_status") if inputs["ungdc_status"] else None
    inventory, skipped = build_inventory(config, root, status)
    if inventory.empty:  # stop here, not in a later stage with a message about arrays
        unavailable = status and status.get("status") != "available" and "ungdc" in config["corpora"]
        raise no_documents_error(config["registry"], list(config["corpora"]), frame_records(skipped),
                                 f"UNGDC: {status.get('reason')}" if unavailable else "")
    counts = inventory.groupby("corpus_id").size().to_dict()
    log.info("inventory: %d documents %s; %d inputs skipped", len(inventory), counts, len(skipped))
    write_parquet_atomic(skipped, outputs["skipped"], schema=arrow_schema("skipped"))
    write_parquet_atomic(inventory, outputs["inventory"], schema=arrow_schema("inventory"))


STAGE = Stage("corpus", jobs=(
    Job("fetch_ungdc", "corpus", "obtain the UNGDC archive (cache, mirror or download)", run_fetch, fetch_settings,
        outputs={"status": results_path("corpus", "ungdc_status.json")}, config=("ungdc",)),
    Job("inventory", "corpus", "list and check the documents of the configured corpora", run_inventory,
        inventory_settings, inputs={"ungdc_status": "the fetch status (results/corpus/ungdc_status.json)"},
        optional=frozenset({"ungdc_status"}),
        outputs={"inventory": results_path("corpus", "inventory.parquet"),
                 "skipped": results_path("corpus", "inventory_skipped.parquet")},
        config=("registry", "corpora", "on_error", "ingest", "ungdc")),
))


def list_corpora(args) -> int:
    from discourse.corpus.registry import load_registry

    config = read_config(args)
    for spec in load_registry(args.root / config["registry"]).values():
        selected = "*" if spec.corpus_id in config["corpora"] else " "
        where = spec.path or "(fetched at run time)"
        print(f"{selected} {spec.corpus_id:<16} {spec.kind:<6} {where:<28} {spec.description}")
    print("(* = included by the config)")
    return 0


def add_local_corpus(args) -> int:
    from discourse.corpus.registry import add_corpus

    config = read_config(args)
    spec = add_corpus(args.root / config["registry"], args.corpus_id, args.folder, args.metadata, args.description,
                      root=args.root)
    print(f"registered corpus '{spec.corpus_id}' ({spec.path}); add it to `corpora:` in the config to include it")
    return 0


def register_parser(subparsers) -> None:
    corpus = subparsers.add_parser("corpus", help="list, add or fetch corpora").add_subparsers(
        dest="corpus_command", required=True)
    parser = corpus.add_parser("list", help="corpora in the registry")
    add_config_options(parser)
    parser.set_defaults(func=list_corpora)
    parser = corpus.add_parser("add", help="register a local corpus folder with its metadata table")
    parser.add_argument("corpus_id")
    parser.add_argument("folder", help="folder of .txt .md .html .pdf .docx files, relative to the root")
    parser.add_argument("metadata", help="metadata table (CSV or YAML), relative to the root")
    parser.add_argument("--description", default="")
    add_config_options(parser)
    parser.set_defaults(func=add_local_corpus)
    add_job_parser(corpus, STAGE.job("fetch_ungdc"), name="fetch")
    add_job_parser(subparsers, STAGE.job("inventory"))
