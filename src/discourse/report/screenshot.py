"""A PNG screenshot of the built report (for docs/report.png), taken with a local Chromium.

    .venv/bin/python -m discourse.report.screenshot results/report/index.html docs/report.png
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from discourse.io import atomic_path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium() -> str | None:
    """The system Chromium (no browser download at run time); DISCOURSE_CHROMIUM overrides."""
    configured = os.environ.get("DISCOURSE_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((c for c in CHROMIUM_CANDIDATES if Path(c).exists()), shutil.which("chromium"))


def capture_screenshot(html_path: Path, png_path: Path, width: int = 1400, height: int = 1000,
                       full_page: bool = False, section: str | None = None) -> Path:
    """Open `html_path` from the file system in headless Chromium and write a PNG of it (atomically);
    with `section`, of the viewport scrolled to that section (e.g. "framing")."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError("no Chromium found (install it, e.g. apt-get install chromium)")
    url = Path(html_path).resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="load")
            if section:
                page.locator(f"section#{section}").scroll_into_view_if_needed()
                page.evaluate(f"document.getElementById({section!r}).scrollIntoView()")
            with atomic_path(png_path) as tmp:
                page.screenshot(path=str(tmp), type="png", full_page=full_page)
        finally:
            browser.close()
    return Path(png_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="screenshot of the report")
    parser.add_argument("html", type=Path, help="the report's index.html")
    parser.add_argument("png", type=Path, help="PNG to write, e.g. docs/report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--section", help="scroll to this section first (corpus, paper, actors, topics, framing, method)")
    args = parser.parse_args(argv)
    capture_screenshot(args.html, args.png, args.width, args.height, args.full_page, args.section)
    print(args.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
