"""The stage registry: every job declared once, and everything downstream derived from the declarations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discourse import stages
from discourse.cli import build_parser
from discourse.config import validate_config
from discourse.layout import RESULTS
from discourse.report.stage import STAGE as REPORT
from discourse.tables import CONTRACTS

ALL_JOBS = [job for stage in (*stages.STAGES, REPORT) for job in stage.jobs]


def test_job_names_are_unique_and_logs_and_benchmarks_are_per_stage():
    names = [job.name for job in ALL_JOBS]
    assert len(names) == len(set(names))
    for job in ALL_JOBS:
        assert job.log.startswith(f"logs/{job.stage}/") and job.benchmark.startswith("logs/benchmarks/")
        assert all(f"{{{w}}}" in job.log for w in job.wildcards)


def test_outputs_live_under_their_stage_and_tables_are_contracts():
    for stage in (*stages.STAGES, REPORT):
        for job in stage.jobs:
            for name, path in job.outputs.items():
                for one in [path] if isinstance(path, str) else path:
                    assert one.startswith(RESULTS + "/"), one
                    if one.endswith(".parquet"):
                        assert name in CONTRACTS or name == "table", (job.name, name)
        for table, path in stage.table_paths().items():
            assert table in CONTRACTS and path == f"{RESULTS}/{stage.name}/{table}.parquet"


def test_every_finished_table_is_written_by_a_job_of_its_stage():
    for stage in stages.STAGES:
        written = {path.replace("{table}", t) for job in stage.jobs for path in job.outputs.values()
                   if isinstance(path, str) and "{shard}" not in path for t in stage.tables}
        assert set(stage.table_paths().values()) <= written, stage.name


def test_table_paths_relative_to_another_results_folder():
    paths = stages.table_paths("/tmp/run")
    assert paths["dyads"] == "/tmp/run/compare/dyads.parquet"
    assert stages.output_path("store", "manifest", "/tmp/run") == "/tmp/run/manifest.json"


def test_benchmarks_cover_every_job_before_the_store_with_every_topic_fit():
    config = validate_config({"ingest": {"shards": 3}, "topics": {"engines": ["nmf", "tomotopy"], "k": [5, 6, 7],
                                                                    "seeds": [1, 2]}})
    paths = stages.benchmark_paths(config)
    assert len(paths) == len(set(paths))
    assert sum(p.startswith("logs/benchmarks/topic_fit-") for p in paths) == 2 * 3 * 2
    assert {"logs/benchmarks/parse-2.tsv", "logs/benchmarks/nlp_table-entities.tsv",
            "logs/benchmarks/framing_table-document_certainty.tsv", "logs/benchmarks/compare.tsv"} <= set(paths)
    jobs = {Path(p).stem.split("-")[0] for p in paths}
    assert jobs == {job.name for stage in stages.BEFORE_STORE for job in stage.jobs}


@pytest.mark.parametrize("job", ALL_JOBS, ids=lambda job: job.name)
def test_the_cli_has_every_jobs_options(job):
    command = {"fetch_ungdc": ["corpus", "fetch"], "topic_features": ["topics", "features"],
               "topic_fit": ["topics", "fit"], "topic_select": ["topics", "select"],
               "topic_report": ["topics", "report"], "nlp_table": ["concat"], "framing_table": ["concat"]}
    argv = [*command.get(job.name, [job.name])]
    for name in job.inputs:
        argv += [f"--{name.replace('_', '-')}", "x"]
    for name, path in job.outputs.items():
        argv += [f"--{name.replace('_', '-')}-out", *([path] if isinstance(path, str) else path)]
    for name in job.wildcards:
        argv += [f"--{name.replace('_', '-')}", "1"]
    args = build_parser(argv).parse_args(argv)
    assert callable(args.func)
    for name, path in job.outputs.items():  # a job with several files in one output gets them all
        given = getattr(args, f"out_{name}")
        assert [str(p) for p in ([given] if isinstance(path, str) else given)] == ([path] if isinstance(path, str)
                                                                                   else path)


@pytest.mark.parametrize("job", ALL_JOBS, ids=lambda job: job.name)
def test_settings_read_only_the_config_the_job_declares(job, tmp_path):
    """A job is re-run when its declared config changes; its settings must read nothing else."""
    from discourse.workflow import job_config

    config = validate_config({})
    declared = json.loads(job_config(config, job))
    wildcards = {"shard": "0", "table": "sentences", "engine": "nmf", "k": "5", "seed": "1"}
    job.settings(declared, {w: wildcards[w] for w in job.wildcards}, tmp_path)  # a KeyError names what is missing


def test_a_job_whose_options_would_clash_is_refused():
    from discourse.layout import Job

    with pytest.raises(ValueError, match="option names clash: \\['shard'\\]"):
        Job("nlp", "nlp", "help", lambda *a: None, lambda *a: None, inputs={"shard": "a shard"}, wildcards=("shard",))
