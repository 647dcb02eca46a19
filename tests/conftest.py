from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "corpus" / "paper" / "khatoon-khan-haq-2023-russia-pakistan.md"
SHARED = (ROOT / ".." / "shared").resolve()
UNGDC_MIRROR = SHARED / "corpora" / "ungdc"


@pytest.fixture(scope="session")
def paper_metadata() -> dict:
    rows = yaml.safe_load((ROOT / "corpus" / "paper" / "metadata.yaml").read_text(encoding="utf-8"))
    return rows[0]


@pytest.fixture(scope="session")
def paper_document(paper_metadata) -> dict:
    from discourse.segment.document import parse_document

    return parse_document("paper:khatoon2023", PAPER.read_text(encoding="utf-8"), paper_metadata)
