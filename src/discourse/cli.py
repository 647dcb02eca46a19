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


# The module that registers each command. A command imports its own module only: importing every stage (and
# spaCy, scikit-learn and matplotlib with them) took about 3 s of the start of every workflow job.
# tests/test_cli.py checks this table against what each module registers.
COMMAND_MODULES = {
    "corpus": "discourse.corpus.stage", "inventory": "discourse.corpus.stage",
    "ingest": "discourse.ingest.stage", "parse": "discourse.ingest.stage", "tables": "discourse.ingest.stage",
    "nlp": "discourse.nlp.stage", "actors": "discourse.actors.stage", "topics": "discourse.topics.stage",
    "framing": "discourse.framing.stage", "compare": "discourse.compare.stage", "store": "discourse.store.stage",
    "report": "discourse.report.stage", "annotate": "discourse.annotate", "evaluate": "discourse.evaluate",
}
DOC_COMMANDS = {"tables-doc": ("docs/tables.md", "the table contracts"),
                "config-doc": ("docs/configuration.md", "the configuration reference")}


def command_modules(argv: list[str]) -> list[str]:
    """The modules to register for `argv`: the command's own, none for the commands defined here, every one
    when no known command is given (the help, or argparse's error listing the commands)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--root")
    pre.add_argument("-v", "--verbose", action="store_true")
    pre.add_argument("command", nargs="?")
    command = pre.parse_known_args(argv)[0].command
    if command in COMMAND_MODULES:
        return [COMMAND_MODULES[command]]
    if command == "concat" or command in DOC_COMMANDS:
        return []
    return list(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (default: the process's arguments), with the subcommands it needs."""
    import importlib

    from discourse.layout import add_job_parser, concat_job

    parser = argparse.ArgumentParser(prog="discourse", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (paths in the config are relative to it)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in command_modules(sys.argv[1:] if argv is None else argv):
        importlib.import_module(name).register_parser(sub)
    add_job_parser(sub, concat_job("shards", ()), name="concat")
    for name, (default, what) in DOC_COMMANDS.items():
        p = sub.add_parser(name, help=f"write {what} as Markdown")
        p.add_argument("--out", type=Path, default=Path(default))
        p.set_defaults(func=write_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (InputError, FetchError, ValueError) as error:
        print(f"discourse: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
