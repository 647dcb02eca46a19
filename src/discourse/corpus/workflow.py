"""What the workflow needs to know before any rule runs: the input files of the local corpora."""

from __future__ import annotations

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
