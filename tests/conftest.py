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


def default_config(overrides: dict | None = None) -> dict:
    """A validated config: the schema's defaults, with `overrides` (a partial config) applied."""
    from discourse.config import validate_config

    return validate_config(overrides or {})


def run_job(job, config: dict, out_root: Path, inputs: dict, root: Path = ROOT, **wildcards) -> dict[str, Path]:
    """Run one declared job as the workflow would, its outputs at their declared paths under `out_root`."""
    wildcards = {name: str(value) for name, value in wildcards.items()}
    outputs = {name: out_root / path for name, path in job.output_paths(**wildcards).items()}
    job.run(job.settings(config, wildcards, root), inputs, outputs)
    return outputs


def run_measuring_peak_rss(script: str, *args: str, timeout: int = 300):
    """Run `script` in a fresh Python process; (the finished process, its peak resident memory in MB). The peak is
    the process's own high-water mark (VmHWM): ru_maxrss of a child would carry over the forking parent's."""
    import re
    import subprocess
    import sys

    script += ("\nimport re as _re\nprint('peak_rss_mb', int(_re.search(r'VmHWM:\\s+(\\d+)', "
               "open('/proc/self/status').read()).group(1)) // 1024)\n")
    run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, run.stderr[-3000:]
    return run, int(re.search(r"peak_rss_mb (\d+)", run.stdout).group(1))
