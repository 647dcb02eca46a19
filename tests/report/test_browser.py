"""The report in a real browser (system Chromium, opened from file://): figures, filters, evidence, no XSS."""

from __future__ import annotations

import os


import pytest

from discourse.report.screenshot import find_chromium

from .conftest import XSS_IMG, XSS_SCRIPT

CHROMIUM = find_chromium()
# in CI (.ci/run installs Chromium) a missing browser fails the tests instead of skipping them
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="no system Chromium at /usr/bin/chromium (CI installs it: apt-get install -y chromium)")
SECTIONS_WITH_FIGURES = ["corpus", "paper", "actors", "topics", "framing"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, built_report):
    """The report page, with every console error and page error collected in `page.errors`."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_report[0] / "index.html").resolve().as_uri(), wait_until="load")
    page.errors = errors
    yield page
    page.close()


def visible_rows(page, table_id: str) -> int:
    return page.locator(f"#{table_id} tbody tr.row:visible").count()


def test_no_console_errors_and_figures_render(page) -> None:
    for section in SECTIONS_WITH_FIGURES:
        widths = page.eval_on_selector_all(f"section#{section} figure img",
                                           "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
        assert widths, f"no figure in section {section}"
        assert all(w > 0 for w in widths), (section, widths)
    assert page.errors == []


def test_filters_change_visible_rows(page) -> None:
    page.locator("#fig-frame_mix summary").click()
    before = visible_rows(page, "t-frame_distribution")
    assert before > 0
    filters = page.locator("form.filters[data-scope=framing]")
    filters.locator("select[data-filter=group]").select_option("paper")
    by_group = visible_rows(page, "t-frame_distribution")
    assert 0 < by_group < before
    filters.locator("select[data-filter=theme]").select_option("afghanistan")
    by_theme = visible_rows(page, "t-frame_distribution")
    assert 0 < by_theme < by_group
    filters.locator("select[data-filter=period]").select_option("cold_war")
    assert 0 < visible_rows(page, "t-frame_distribution") < by_theme
    shown = visible_rows(page, "t-frame_distribution")
    assert page.locator("#fig-frame_mix .count").inner_text().startswith(f"{shown} of")
    filters.locator("button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('#t-frame_distribution tbody tr.row[hidden]').length === 0")
    assert page.errors == []


def test_clicking_a_number_reveals_its_evidence(page) -> None:
    page.locator("#fig-keyness summary").click()
    page.locator("form.filters[data-scope=framing] select[data-filter=group]").select_option("UNGDC PAK")
    row = page.locator("#t-keyness tbody tr.row:visible", has_text="corridor").first
    evidence = page.locator("#t-keyness tr.ev-row")
    assert evidence.count() == 0
    row.locator("button.ev").first.click()
    text = evidence.first
    assert text.is_visible()
    assert "The UNGDC PAK statement on the economic corridor, sentence 0." in text.inner_text()
    assert "ungdc:PAK_1980" in text.inner_text() and "Speaker PAK" in text.inner_text()
    assert text.locator("mark").all_inner_texts()[:1] == ["corridor"]  # the term in context
    row.locator("button.ev").first.click()  # a second click hides it again
    assert not text.is_visible()


def test_injected_markup_is_inert_text(page) -> None:
    page.locator("#fig-frame_mix summary").click()
    page.locator("form.filters[data-scope=framing] select[data-filter=group]").select_option("paper")
    page.locator("#t-frame_distribution tbody tr.row:visible button.ev").first.click()
    evidence = page.locator("#t-frame_distribution tr.ev-row").first
    assert XSS_SCRIPT in evidence.inner_text() and XSS_IMG in evidence.inner_text()
    assert evidence.locator("script, img").count() == 0
    assert page.get_by_text(f"Representative {XSS_SCRIPT} paragraph").first.is_visible()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.errors == []
