"""Helpers of the Snakefile's rule files: the input files of the local corpora, each job's config
sections, named outputs and command-line arguments, all taken from the stage declarations."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

from discourse.corpus.registry import load_registry
from discourse.layout import Job, option


def local_corpus_files(config: dict[str, Any], root: Path = Path(".")) -> list[str]:
    """Every file under the selected local corpora (metadata tables included), so that adding,
    changing or removing a file makes the inventory out of date."""
    registry = load_registry(root / config["registry"])
    files = [config["registry"]]
    for corpus_id in config["corpora"]:
        spec = registry.get(corpus_id)
        if spec is None or spec.kind != "local":
            continue
        folder = root / spec.path
        if folder.is_dir():
            files += sorted(p.as_posix() for p in folder.rglob("*") if p.is_file())
        files.append(spec.metadata)
    return sorted(set(files))


def job_config(config: dict[str, Any], job: Job) -> str:
    """The config sections (or `section.key`s) a job reads, as JSON: a job reruns only when they change."""
    chosen: dict[str, Any] = {}
    for key in job.config:
        section, _, name = key.partition(".")
        if name:
            chosen.setdefault(section, {})[name] = config[section][name]
        else:
            chosen[section] = config[section]
    return json.dumps(chosen, sort_keys=True)


def rule_outputs(job: Job) -> dict[str, Any]:
    """The job's named outputs for a rule's `output:`, folders marked as such."""
    from snakemake.io import directory

    return {name: directory(path) if name in job.directories else path for name, path in job.outputs.items()}


def job_arguments(job: Job, input: Any, output: Any, wildcards: Any = None) -> str:
    """The command-line options of one job run: `--<input> PATH...`, `--<output>-out PATH` and
    `--<wildcard> VALUE`, from a rule's named input and output (other named inputs are wiring only)."""

    def paths(value: Any) -> str:
        values = [value] if isinstance(value, str) else list(value)
        return " ".join(shlex.quote(str(v)) for v in values)

    named_inputs = dict(input.items())
    named_outputs = dict(output.items())
    parts = [f"{option(name)} {paths(named_inputs[name])}" for name in job.inputs
             if name in named_inputs and (isinstance(named_inputs[name], str) or len(named_inputs[name]))]
    parts += [f"{option(name + '_out')} {paths(named_outputs[name])}" for name in job.outputs]
    parts += [f"{option(name)} {shlex.quote(str(getattr(wildcards, name)))}" for name in job.wildcards]
    return " ".join(parts)


def package_command() -> str:
    """The package's command in the interpreter running Snakemake, activated environment or not."""
    return f"{shlex.quote(sys.executable)} -m discourse"


def arguments(job: Job):
    """A rule's `params:` entry giving the job's command-line options (a function of the rule's input,
    output and wildcards, as Snakemake calls it)."""
    return lambda wildcards, input, output: job_arguments(job, input, output, wildcards)
