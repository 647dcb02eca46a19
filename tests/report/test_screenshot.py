"""capture_screenshot writes a PNG of the report (the helper behind docs/report.png)."""

from __future__ import annotations

import os

import pytest

from discourse.report.screenshot import capture_screenshot, find_chromium

pytestmark = pytest.mark.skipif(find_chromium() is None and not os.environ.get("CI"),
                                reason="no system Chromium at /usr/bin/chromium (CI installs it: apt-get install -y chromium)")


def test_capture_screenshot(built_report, tmp_path) -> None:
    png = capture_screenshot(built_report[0] / "index.html", tmp_path / "report.png", width=800, height=600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
