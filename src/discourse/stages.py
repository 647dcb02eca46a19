"""The workflow's stages in order, as their modules declare them: the one registry of jobs and outputs.

The Snakefile's rule files, the store (which tables go into DuckDB), the manifest (whose benchmarks
its timings cover) and the report (where each table is) all read it, so a table added to a stage's
declaration reaches all of them. The report stage reads from it and is therefore not in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from discourse.actors import stage as actors
from discourse.compare import stage as compare
from discourse.corpus import stage as corpus
from discourse.framing import stage as framing
from discourse.ingest import stage as ingest
from discourse.layout import RESULTS, Job, Stage
from discourse.nlp import stage as nlp
from discourse.store import stage as store
from discourse.topics import stage as topics

MODULES = (corpus, ingest, nlp, actors, topics, framing, compare, store)
STAGES: tuple[Stage, ...] = tuple(module.STAGE for module in MODULES)
BEFORE_STORE = STAGES[:-1]


def stage(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


def table_paths(results: str | Path = RESULTS) -> dict[str, str]:
    """Every finished table of every stage: table name -> path (what the store loads into DuckDB)."""
    paths: dict[str, str] = {}
    for item in STAGES:
        for table, path in item.table_paths(results).items():
            if table in paths:
                raise ValueError(f"table '{table}' is declared by two stages")
            paths[table] = path
    return paths


def output_path(job: str, output: str, results: str | Path = RESULTS) -> str:
    """A declared output of a job without wildcards, relative to `results` instead of results/."""
    for item in STAGES:
        for declared in item.jobs:
            if declared.name == job:
                path = declared.outputs[output]
                return Path(results).joinpath(Path(path).relative_to(RESULTS)).as_posix()
    raise KeyError(f"no job {job}")


def wildcard_values(config: dict[str, Any], item: Stage) -> dict[str, list]:
    """The values every wildcard takes in a run with this config."""
    topics = config["topics"]
    return {"shard": list(range(config["ingest"]["shards"])), "table": list(item.tables),
            "engine": topics["engines"], "k": topics["k"], "seed": topics["seeds"]}


def job_instances(job: Job, values: dict[str, list]) -> Iterator[dict[str, Any]]:
    """Every combination of the job's wildcard values."""
    combos: list[dict[str, Any]] = [{}]
    for wildcard in job.wildcards:
        combos = [{**combo, wildcard: value} for combo in combos for value in values[wildcard]]
    yield from combos


def benchmark_paths(config: dict[str, Any]) -> list[str]:
    """The benchmark file of every job that runs before the store (all topic fits included)."""
    paths = []
    for item in BEFORE_STORE:
        values = wildcard_values(config, item)
        for job in item.jobs:
            paths += [job.benchmark.format(**combo) for combo in job_instances(job, values)]
    return paths
