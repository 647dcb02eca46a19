"""`discourse` command line: one subcommand per workflow job, each registered by its stage module
(augur's `register_parser`/`run`), plus corpus management, single-file ingest, annotation and evaluation."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from discourse.errors import FetchError, InputError

log = logging.getLogger("discourse")


def write_docs(args: argparse.Namespace) -> int:
    from discourse.io import write_text_atomic

    if args.command == "tables-doc":
        from discourse.tables import describe_tables

        write_text_atomic(describe_tables(), args.out)
    else:
        from discourse.config import describe_config

        write_text_atomic(describe_config(), args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from discourse import annotate, evaluate, stages
    from discourse.layout import add_job_parser, concat_job
    from discourse.report import stage as report_stage

    parser = argparse.ArgumentParser(prog="discourse", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (paths in the config are relative to it)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (*stages.MODULES, report_stage, annotate, evaluate):
        module.register_parser(sub)
    add_job_parser(sub, concat_job("shards", ()), name="concat")
    for name, default, what in (("tables-doc", "docs/tables.md", "the table contracts"),
                                ("config-doc", "docs/configuration.md", "the configuration reference")):
        p = sub.add_parser(name, help=f"write {what} as Markdown")
        p.add_argument("--out", type=Path, default=Path(default))
        p.set_defaults(func=write_docs)
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
