"""Errors that name the offending file and the reason, so a user can fix the input."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class InputError(Exception):
    """A corpus file or metadata table that cannot be used, with the path and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FetchError(Exception):
    """A remote corpus that could not be obtained or failed its checksum."""


class ProblemLog:
    """Collects bad inputs; in `fail` mode the first one is raised instead."""

    def __init__(self, on_error: str, stage: str):
        self.on_error = on_error
        self.stage = stage
        self.rows: list[dict[str, Any]] = []

    def report(self, error: InputError, corpus_id: str | None = None, doc_id: str | None = None) -> None:
        if self.on_error == "fail":
            raise error
        log.warning("skipped %s", error)
        self.rows.append({"stage": self.stage, "corpus_id": corpus_id, "doc_id": doc_id, "path": error.path,
                          "reason": error.reason})


def no_documents_error(where: str | Path, corpora: list[str], skipped: list[dict[str, Any]],
                       note: str = "", shown: int = 10) -> InputError:
    """A run that has nothing left to analyse stops here, saying which corpora gave nothing and why:
    the inputs left out (the first `shown`), and a note (such as why UNGDC is unavailable)."""
    lines = [f"no documents left to analyse from the corpora {', '.join(corpora) or '(none selected)'}"
             + (f"; {note}" if note else "")]
    if skipped:
        lines.append(f"{len(skipped)} inputs were left out (on_error: skip):")
        lines += [f"  {row['path']}: {row['reason']}" for row in skipped[:shown]]
        if len(skipped) > shown:
            lines.append(f"  ... and {len(skipped) - shown} more")
    return InputError(where, "\n".join(lines))
