"""The corpus registry (`corpus/registry.yaml`): which corpora exist, of which kind, and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from discourse.corpus.metadata import load_metadata
from discourse.errors import InputError
from discourse.groups import ALL
from discourse.io import write_text_atomic

KINDS = ("local", "ungdc")
# one underscore between words, so that ids and the file names made from them (`group_slug`) are one-to-one
_CORPUS_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def corpus_id_problem(corpus_id: str) -> str | None:
    """Why `corpus_id` cannot name a corpus, or None: it must be lower_snake_case, and must not be the
    aggregate group `all` nor look like a UNGDC country group (`ungdc_pak` would share `UNGDC PAK`'s files)."""
    if not _CORPUS_ID.match(corpus_id):
        return "must be lower_snake_case (letters and digits, words joined by single underscores)"
    if corpus_id == ALL:
        return "is reserved: 'all' is the group of all documents in every comparison"
    if corpus_id.startswith("ungdc_"):
        return "is reserved: 'ungdc_*' would share its output files with a UNGDC country group ('UNGDC XXX')"
    return None


@dataclass(frozen=True)
class CorpusSpec:
    corpus_id: str
    kind: str
    path: str | None = None
    metadata: str | None = None
    description: str = ""


def load_registry(path: str | Path) -> dict[str, CorpusSpec]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise InputError(path, f"cannot read corpus registry: {error}") from None
    entries = data.get("corpora")
    if not isinstance(entries, dict):
        raise InputError(path, "the registry needs a 'corpora:' mapping of corpus id to settings")
    registry = {}
    for corpus_id, entry in entries.items():
        problem = corpus_id_problem(str(corpus_id))
        if problem:
            raise InputError(path, f"corpus '{corpus_id}': the id {problem}")
        if not isinstance(entry, dict):
            raise InputError(path, f"corpus '{corpus_id}': needs a mapping of settings")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise InputError(path, f"corpus '{corpus_id}': kind must be one of {', '.join(KINDS)}")
        if kind == "local" and not (entry.get("path") and entry.get("metadata")):
            raise InputError(path, f"corpus '{corpus_id}': a local corpus needs 'path' and 'metadata'")
        registry[corpus_id] = CorpusSpec(corpus_id, kind, entry.get("path"), entry.get("metadata"),
                                         entry.get("description", ""))
    return registry


def select_corpora(registry: dict[str, CorpusSpec], corpus_ids: list[str], registry_path: str | Path) -> list[CorpusSpec]:
    unknown = [c for c in corpus_ids if c not in registry]
    if unknown:
        raise InputError(registry_path, f"corpora not in the registry: {', '.join(unknown)}")
    return [registry[c] for c in corpus_ids]


def add_corpus(registry_path: str | Path, corpus_id: str, folder: str, metadata: str, description: str = "",
               root: Path = Path(".")) -> CorpusSpec:
    """Register a local corpus after checking its metadata table; the registry is rewritten atomically."""
    registry_path = Path(registry_path)
    registry = load_registry(registry_path)
    problem = corpus_id_problem(corpus_id)
    if problem:
        raise InputError(registry_path, f"corpus id '{corpus_id}' {problem}")
    if corpus_id in registry:
        raise InputError(registry_path, f"corpus '{corpus_id}' is already registered")
    if not (root / folder).is_dir():
        raise InputError(folder, "corpus folder not found")
    load_metadata(root / metadata)
    data = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    data["corpora"][corpus_id] = {"kind": "local", "path": folder, "metadata": metadata,
                                  "description": description}
    header = "".join(line + "\n" for line in registry_path.read_text(encoding="utf-8").splitlines()
                     if line.startswith("#"))
    write_text_atomic(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), registry_path)
    return CorpusSpec(corpus_id, "local", folder, metadata, description)
