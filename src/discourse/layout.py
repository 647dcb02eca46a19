"""How a stage declares its jobs once: their inputs, outputs, config sections, logs and benchmarks.

Every stage module (`discourse.<stage>.stage`) holds one `Stage`. From it:
- the Snakefile rules take their named outputs, log and benchmark paths (`workflow/rules/<stage>.smk`);
- the command line gets one subcommand per job, with a `--<input>` option per input and a
  `--<output>-out` option per output (`add_job_parser`), whose function builds the job's settings
  from the validated config and calls the job's `run(settings, inputs, outputs)`;
- the store loads every stage's `tables` into DuckDB, the report reads them by name, and the
  manifest's timings cover every job's benchmark (`discourse.stages`).

Paths are relative to the project root and use Snakemake's `{wildcard}` syntax.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

RESULTS = "results"
LOGS = "logs"

Paths = dict[str, Any]  # name -> Path, or a list of Paths for an input that takes several


@dataclass(frozen=True)
class Job:
    """One rule of the workflow and its subcommand."""

    name: str  # rule name; the subcommand is the same unless the stage registers it under another
    stage: str
    help: str
    run: Callable[[Any, Paths, Paths], Any]
    settings: Callable[[dict[str, Any], dict[str, str], Path], Any]  # (validated config, wildcards, root)
    inputs: Mapping[str, str] = field(default_factory=dict)  # name -> what it is
    outputs: Mapping[str, Any] = field(default_factory=dict)  # name -> path template (a list: several files)
    many: frozenset[str] = frozenset()  # inputs that take several paths
    optional: frozenset[str] = frozenset()  # inputs that may be left out
    directories: frozenset[str] = frozenset()  # outputs that are folders
    wildcards: tuple[str, ...] = ()
    config: tuple[str, ...] = ()  # the config sections (or `section.key`s) the job reads: a change re-runs it

    def __post_init__(self) -> None:
        # every input, output and wildcard becomes a command-line option: two may not share one
        clash = (set(self.inputs) & {f"{name}_out" for name in self.outputs}) | (set(self.wildcards) & set(self.inputs))
        if clash:
            raise ValueError(f"job {self.name}: option names clash: {sorted(clash)}")

    @property
    def suffix(self) -> str:
        return "".join(f"-{{{w}}}" for w in self.wildcards)

    @property
    def log(self) -> str:
        return f"{LOGS}/{self.stage}/{self.name}{self.suffix}.log"

    @property
    def benchmark(self) -> str:
        return f"{LOGS}/benchmarks/{self.name}{self.suffix}.tsv"

    def output_paths(self, **wildcards: Any) -> dict[str, Any]:
        return {name: path.format(**wildcards) if isinstance(path, str) else [p.format(**wildcards) for p in path]
                for name, path in self.outputs.items()}


@dataclass(frozen=True)
class Stage:
    """A stage: its jobs in workflow order, and the finished tables it leaves under results/<name>/."""

    name: str
    jobs: tuple[Job, ...]
    tables: tuple[str, ...] = ()  # contract names, at results/<name>/<table>.parquet, loaded into DuckDB

    def job(self, name: str) -> Job:
        for job in self.jobs:
            if job.name == name:
                return job
        raise KeyError(f"stage {self.name} has no job {name}")

    def table_path(self, table: str, results: str | Path = RESULTS) -> str:
        return f"{Path(results).as_posix()}/{self.name}/{table}.parquet"

    def table_paths(self, results: str | Path = RESULTS) -> dict[str, str]:
        return {table: self.table_path(table, results) for table in self.tables}


def results_path(stage: str, name: str) -> str:
    return f"{RESULTS}/{stage}/{name}"


def shard_table_outputs(stage: str, tables: tuple[str, ...]) -> dict[str, str]:
    """Per-shard Parquet outputs of a sharded job, one per table."""
    return {table: f"{RESULTS}/{stage}/shards/shard-{{shard}}.{table}.parquet" for table in tables}


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("config/config.yaml"), help="YAML config file")
    parser.add_argument("--config-json", help="config as a JSON string (used by the workflow; overrides --config)")


def read_config(args: argparse.Namespace) -> dict[str, Any]:
    """The validated config of a command: `--config-json` (the workflow's), else the `--config` file."""
    from discourse.config import load_config, validate_config

    if getattr(args, "config_json", None):
        return validate_config(json.loads(args.config_json))
    return load_config(args.config)


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_job_parser(subparsers: argparse._SubParsersAction, job: Job, name: str | None = None) -> None:
    """The job's subcommand: config options, one option per input, output and wildcard."""
    parser = subparsers.add_parser(name or job.name, help=job.help, description=job.help)
    for input_name, meaning in job.inputs.items():
        parser.add_argument(option(input_name), dest=f"in_{input_name}", type=Path,
                            nargs="+" if input_name in job.many else None,
                            required=input_name not in job.optional, help=meaning)
    for output_name, template in job.outputs.items():
        several = not isinstance(template, str)
        parser.add_argument(option(f"{output_name}_out"), dest=f"out_{output_name}", type=Path, required=True,
                            nargs="+" if several else None,
                            help=f"output, in the workflow {' '.join(template) if several else template}")
    for wildcard in job.wildcards:
        parser.add_argument(option(wildcard), dest=f"wc_{wildcard}", required=True)
    add_config_options(parser)
    parser.set_defaults(func=lambda args: run_job(job, args))


def run_job(job: Job, args: argparse.Namespace) -> int:
    config = read_config(args)
    wildcards = {w: getattr(args, f"wc_{w}") for w in job.wildcards}
    inputs = {name: getattr(args, f"in_{name}") for name in job.inputs}
    outputs = {name: getattr(args, f"out_{name}") for name in job.outputs}
    result = job.run(job.settings(config, wildcards, args.root), inputs, outputs)
    if result is not None:
        print(json.dumps(result, indent=1, sort_keys=True, default=str))
    return 0


def register_jobs(subparsers: argparse._SubParsersAction, stage: Stage, skip: tuple[str, ...] = ()) -> None:
    """One subcommand per job of the stage, named after the job."""
    for job in stage.jobs:
        if job.name not in skip:
            add_job_parser(subparsers, job)


def run_concat(settings: str, inputs: Paths, outputs: Paths) -> int:
    from discourse.io import concat_parquet
    from discourse.tables import arrow_schema

    return concat_parquet(inputs["shards"], outputs["table"], arrow_schema(settings))


def concat_job(stage: str, tables: tuple[str, ...]) -> Job:
    """A sharded stage's finished tables: its shards' Parquet files of one table, concatenated. Every
    sharded stage has one; the `concat` subcommand runs them all."""
    return Job(f"{stage}_table", stage, "concatenate per-shard Parquet files of one table", run_concat,
               lambda config, wildcards, root: wildcards["table"], inputs={"shards": "per-shard Parquet files"},
               many=frozenset({"shards"}), outputs={"table": f"{RESULTS}/{stage}/{{table}}.parquet"},
               wildcards=("table",))
