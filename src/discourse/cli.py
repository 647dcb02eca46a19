"""`discourse` command line: one subcommand per workflow stage, plus corpus management and ingest."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from discourse.config import load_config, validate_config
from discourse.errors import FetchError, InputError

log = logging.getLogger("discourse")


def _config(args: argparse.Namespace) -> dict:
    if getattr(args, "config_json", None):
        return validate_config(json.loads(args.config_json))
    return load_config(args.config)


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("config/config.yaml"), help="YAML config file")
    parser.add_argument("--config-json", help="config as a JSON string (used by the workflow; overrides --config)")


def cmd_corpus_list(args: argparse.Namespace) -> int:
    from discourse.corpus.registry import load_registry

    config = _config(args)
    for spec in load_registry(args.root / config["registry"]).values():
        selected = "*" if spec.corpus_id in config["corpora"] else " "
        where = spec.path or "(fetched at run time)"
        print(f"{selected} {spec.corpus_id:<16} {spec.kind:<6} {where:<28} {spec.description}")
    print("(* = included by the config)")
    return 0


def cmd_corpus_add(args: argparse.Namespace) -> int:
    from discourse.corpus.registry import add_corpus

    config = _config(args)
    spec = add_corpus(args.root / config["registry"], args.corpus_id, args.folder, args.metadata, args.description,
                      root=args.root)
    print(f"registered corpus '{spec.corpus_id}' ({spec.path}); add it to `corpora:` in the config to include it")
    return 0


def cmd_corpus_fetch(args: argparse.Namespace) -> int:
    from discourse.corpus import ungdc
    from discourse.io import write_json_atomic

    config = _config(args)
    result = ungdc.fetch_archive(ungdc.UngdcSettings.from_config(config["ungdc"], args.root))
    status = {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(result).items()}
    if result.status != "available":
        log.warning("UNGDC unavailable: %s", result.reason)
    if args.status_out:
        write_json_atomic(status, args.status_out)
    print(json.dumps(status, indent=2))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from discourse.corpus.readers import read_document
    from discourse.segment.document import parse_document

    config = _config(args)
    data = args.file.read_bytes() if args.file.exists() else None
    if data is None:
        raise InputError(args.file, "file not found")
    read = read_document(args.file, data, int(config["ingest"]["max_file_mb"] * 2**20))
    metadata = {"title": args.title or read.title, "author": read.author, "date": read.date}
    document = parse_document(f"file:{args.file.stem}", read.text, metadata)
    document["format"] = read.format
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def cmd_inventory(args: argparse.Namespace) -> int:
    from discourse.corpus import inventory

    inventory.run(_config(args), args.root, args.ungdc_status, args.out, args.skipped_out)
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from discourse.ingest import parse

    config = _config(args)
    parse.run(args.inventory, args.shard, args.root, args.root / config["ingest"]["cache_dir"] / "documents",
              config["on_error"], int(config["ingest"]["max_file_mb"] * 2**20), args.out)
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    from discourse.ingest import collect

    collect.run(args.shards, args.inventory, args.inventory_skipped, args.out_dir)
    return 0


def cmd_store(args: argparse.Namespace) -> int:
    from discourse import store

    config = _config(args)
    tables = {path.stem: path for path in args.tables}
    store.run(config, args.config, args.root, tables, args.db, args.inventory, args.skipped, args.ungdc_status,
              args.benchmarks, args.manifest)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    from discourse.framing.sentence import FramingSettings, build_framer
    from discourse.nlp.pipeline import NlpSettings, annotate_text, build_pipeline

    text = sys.stdin.read() if str(args.file) == "-" else _read_text_file(args.file)
    config = _config(args)
    settings = NlpSettings.from_config(config)
    nlp = build_pipeline(settings)
    framer = build_framer(nlp.vocab, FramingSettings.from_config(config))
    for sentence in annotate_text(nlp, text, args.year, settings.batch_size, framer):
        print(json.dumps(sentence, ensure_ascii=False))
    return 0


def _read_text_file(path: Path) -> str:
    from discourse.corpus.readers import read_document

    if not path.exists():
        raise InputError(path, "file not found")
    return read_document(path, path.read_bytes(), 2**31).text


def cmd_evaluate(args: argparse.Namespace) -> int:
    from discourse.evaluate import evaluate, format_report, read_gold
    from discourse.framing.sentence import FramingSettings, build_framer
    from discourse.io import write_json_atomic
    from discourse.nlp.pipeline import NlpSettings, build_pipeline

    config = _config(args)
    settings = NlpSettings.from_config(config)
    nlp = build_pipeline(settings)
    result = evaluate(read_gold(args.gold), nlp, build_framer(nlp.vocab, FramingSettings.from_config(config)),
                      settings.batch_size)
    if args.task != "all":
        result = {"n_sentences": result["n_sentences"], "actors": result["actors"],
                  **({args.task: result[args.task]} if args.task in result else {})}
    print(format_report(f"evaluation ({args.gold})", result))
    if args.json_out:
        write_json_atomic(result, args.json_out)
    return 0


def cmd_nlp(args: argparse.Namespace) -> int:
    from discourse.nlp import stage
    from discourse.nlp.pipeline import NlpSettings

    config = _config(args)
    out_paths = {table: args.out_dir / f"shard-{args.shard_name}.{table}.parquet" for table in stage.NLP_TABLES}
    stage.run(args.shard, NlpSettings.from_config(config), args.root / config["ingest"]["cache_dir"] / "nlp", out_paths,
              args.out_dir / f"shard-{args.shard_name}.spacy")
    return 0


def cmd_framing(args: argparse.Namespace) -> int:
    from discourse.framing import stage
    from discourse.framing.sentence import FramingSettings

    config = _config(args)
    out_paths = {table: args.out_dir / f"shard-{args.shard_name}.{table}.parquet" for table in stage.FRAMING_TABLES}
    stage.run(args.docbin, FramingSettings.from_config(config), config["actors"]["merge"], out_paths)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from discourse.compare import engine

    engine.run(args.framing_dir, args.sentences, args.documents, _config(args), args.out_dir)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from discourse.report.build import run

    summary = run(args.results_dir, args.out_dir, args.figures_dir, _config(args))
    print(json.dumps(summary, indent=1, default=str))
    return 0


def cmd_concat(args: argparse.Namespace) -> int:
    from discourse.io import concat_parquet
    from discourse.tables import arrow_schema

    rows = concat_parquet(args.inputs, args.out, arrow_schema(args.table))
    log.info("%s: %d rows from %d files", args.table, rows, len(args.inputs))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from discourse import actors

    config = _config(args)
    actors.run(args.mentions, args.documents, config["nlp"]["gazetteer"], args.counts_out, args.edges_out,
               args.networks_dir)
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    from discourse.topics import stage

    config = _config(args)
    if args.topics_command == "features":
        stage.run_features(args.sentences, args.documents, config, args.out_dir)
    elif args.topics_command == "fit":
        stage.run_fit(args.features, args.engine, args.k, args.seed, config, args.out_dir)
    elif args.topics_command == "select":
        stage.run_select(args.runs, config, args.sweep_out, args.selection_out, args.figure)
    else:
        stage.run_report(args.features, args.sweep_dir, args.selection, args.documents, args.paragraphs, config,
                         args.out_dir, args.figures_dir)
    return 0


def cmd_tables_doc(args: argparse.Namespace) -> int:
    from discourse.io import write_text_atomic
    from discourse.tables import describe_tables

    write_text_atomic(describe_tables(), args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="discourse", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (paths in the config are relative to it)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    corpus = sub.add_parser("corpus", help="list, add or fetch corpora").add_subparsers(dest="corpus_command", required=True)
    p = corpus.add_parser("list", help="corpora in the registry")
    _add_config_options(p)
    p.set_defaults(func=cmd_corpus_list)
    p = corpus.add_parser("add", help="register a local corpus folder with its metadata table")
    p.add_argument("corpus_id")
    p.add_argument("folder", help="folder of .txt .md .html .pdf .docx files, relative to the root")
    p.add_argument("metadata", help="metadata table (CSV or YAML), relative to the root")
    p.add_argument("--description", default="")
    _add_config_options(p)
    p.set_defaults(func=cmd_corpus_add)
    p = corpus.add_parser("fetch", help="obtain the UNGDC archive (cache, mirror or download)")
    p.add_argument("--status-out", type=Path, help="write the fetch status JSON here")
    _add_config_options(p)
    p.set_defaults(func=cmd_corpus_fetch)

    p = sub.add_parser("ingest", help="parse one file and print the document as JSON")
    p.add_argument("file", type=Path)
    p.add_argument("--title", help="the document's title (helps find where the body starts)")
    _add_config_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("inventory", help="stage: list and check the documents of the configured corpora")
    p.add_argument("--ungdc-status", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--skipped-out", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_inventory)

    p = sub.add_parser("parse", help="stage: parse the documents of one shard")
    p.add_argument("--inventory", type=Path, required=True)
    p.add_argument("--shard", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("tables", help="stage: collect parsed shards into Parquet tables")
    p.add_argument("shards", type=Path, nargs="+")
    p.add_argument("--inventory", type=Path, required=True)
    p.add_argument("--inventory-skipped", type=Path, required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("store", help="stage: DuckDB database and run manifest")
    p.add_argument("--tables", type=Path, nargs="+", required=True)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--inventory", type=Path, required=True)
    p.add_argument("--skipped", type=Path, required=True)
    p.add_argument("--ungdc-status", type=Path, required=True)
    p.add_argument("--benchmarks", type=Path, nargs="*", default=[])
    p.add_argument("--manifest", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_store)

    p = sub.add_parser("annotate", help="print sentences with actors and entities as JSON Lines")
    p.add_argument("file", type=Path, nargs="?", default=Path("-"), help="a text file, or - for standard input")
    p.add_argument("--year", type=int, help="year of the text (resolves e.g. Moscow to SUN up to 1991, RUS after)")
    _add_config_options(p)
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("evaluate", help="score the analysis against a gold JSONL")
    p.add_argument("task", nargs="?", default="all", choices=["all", "actors", "relations", "themes", "frames"],
                   help="what to report (actors are always scored); default all")
    p.add_argument("--gold", type=Path, required=True)
    p.add_argument("--json-out", type=Path, help="also write the scores and disagreements as JSON")
    _add_config_options(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("nlp", help="stage: spaCy and actor resolution over one parse shard")
    p.add_argument("--shard", type=Path, required=True, help="a parse shard (JSON Lines)")
    p.add_argument("--shard-name", required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_nlp)

    p = sub.add_parser("framing", help="stage: themes, frames, certainty and actor relations of one NLP shard")
    p.add_argument("--docbin", type=Path, required=True, help="the shard's parsed paragraphs (results/nlp/shards/*.spacy)")
    p.add_argument("--shard-name", required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_framing)

    p = sub.add_parser("compare", help="stage: framing compared across groups, with statistics and evidence")
    p.add_argument("--framing-dir", type=Path, required=True, help="results/framing (the framing tables)")
    p.add_argument("--sentences", type=Path, required=True)
    p.add_argument("--documents", type=Path, required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("report", help="stage: the self-contained HTML report and the publication figures")
    p.add_argument("--results-dir", type=Path, default=Path("results"))
    p.add_argument("--out-dir", type=Path, default=Path("results/report"))
    p.add_argument("--figures-dir", type=Path, default=Path("results/figures"))
    _add_config_options(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("concat", help="stage: concatenate per-shard Parquet files of one table")
    p.add_argument("table")
    p.add_argument("inputs", type=Path, nargs="+")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_concat)

    p = sub.add_parser("actors", help="stage: actor counts and co-occurrence networks per source group")
    p.add_argument("--mentions", type=Path, required=True)
    p.add_argument("--documents", type=Path, required=True)
    p.add_argument("--counts-out", type=Path, required=True)
    p.add_argument("--edges-out", type=Path, required=True)
    p.add_argument("--networks-dir", type=Path, required=True)
    _add_config_options(p)
    p.set_defaults(func=cmd_actors)

    topics = sub.add_parser("topics", help="stages of the topic models").add_subparsers(dest="topics_command",
                                                                                        required=True)
    p = topics.add_parser("features", help="units, phrases, vocabulary and counts from the NLP sentences")
    p.add_argument("--sentences", type=Path, required=True)
    p.add_argument("--documents", type=Path, required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    _add_config_options(p)
    p = topics.add_parser("fit", help="fit one model (engine, K, seed) and score its coherence")
    p.add_argument("--features", type=Path, required=True)
    p.add_argument("--engine", required=True)
    p.add_argument("--k", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    _add_config_options(p)
    p = topics.add_parser("select", help="sweep table, stability, the chosen model, the sweep figure")
    p.add_argument("runs", type=Path, nargs="+")
    p.add_argument("--sweep-out", type=Path, required=True)
    p.add_argument("--selection-out", type=Path, required=True)
    p.add_argument("--figure", type=Path, required=True, help="figure path without suffix (PNG and SVG)")
    _add_config_options(p)
    p = topics.add_parser("report", help="tables and figures of the chosen model")
    p.add_argument("--features", type=Path, required=True)
    p.add_argument("--sweep-dir", type=Path, required=True)
    p.add_argument("--selection", type=Path, required=True)
    p.add_argument("--documents", type=Path, required=True)
    p.add_argument("--paragraphs", type=Path, required=True)
    p.add_argument("--out-dir", type=Path, required=True)
    p.add_argument("--figures-dir", type=Path, required=True)
    _add_config_options(p)
    for name in ("features", "fit", "select", "report"):
        topics.choices[name].set_defaults(func=cmd_topics)

    p = sub.add_parser("tables-doc", help="write the table contracts as Markdown")
    p.add_argument("--out", type=Path, default=Path("docs/tables.md"))
    p.set_defaults(func=cmd_tables_doc)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (InputError, FetchError, ValueError) as error:
        print(f"discourse: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
