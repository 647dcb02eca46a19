"""What the workflow needs to know before any rule runs: the input files of the local corpora."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

from discourse.corpus.registry import load_registry


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


def stage_config(config: dict[str, Any], *keys: str) -> str:
    """The config sections a stage reads, as JSON: a stage reruns only when those sections change."""
    return json.dumps({key: config[key] for key in keys}, sort_keys=True)


def package_command() -> str:
    """The package's command in the interpreter running Snakemake, activated environment or not."""
    return f"{shlex.quote(sys.executable)} -m discourse"
