"""The report build: a self-contained folder, escaped corpus text, optional tables, atomic output."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat

import pandas as pd
import pytest

from discourse.report import build
from discourse.report.evidence import inline_json
from discourse.report.views import build_table

from tests.conftest import default_config
from .conftest import XSS_IMG, XSS_SCRIPT


def test_summary_and_assets(built_report) -> None:
    report, summary = built_report
    index = report / "index.html"
    assert summary["index"] == str(index)
    assert summary["bytes"] == sum(p.stat().st_size for p in report.rglob("*") if p.is_file())
    html = index.read_text(encoding="utf-8")
    # self-contained: every local reference exists, nothing is fetched from the network
    for ref in re.findall(r'(?:src|href)="([^"#]+)"', html):
        assert not ref.startswith(("http:", "https:", "//")), ref
        assert (report / ref).is_file(), ref
    assert "@import" not in (report / "assets/report.css").read_text() and "url(" not in html
    for section in ("corpus", "paper", "actors", "topics", "framing", "method"):
        assert f'<section id="{section}">' in html
    assert summary["sections"]["framing"]["figures"] == 6  # frame mix, divergence, keyness, dyads, speakers, certainty
    assert "package:discourse/data/frames.yaml (sha256 cdcdcdcdcdcd)" in html  # lexicons in the provenance
    assert summary["evidence_sentences"] == 6


def test_figures_written_as_png_and_svg(built_report) -> None:
    report, summary = built_report
    figures_dir = report.parent / "figures"
    for name in build.REPORT_FIGURES:
        assert (figures_dir / f"{name}.png").stat().st_size > 0
        assert (figures_dir / f"{name}.svg").stat().st_size > 0


def test_corpus_text_is_escaped(built_report) -> None:
    html = (built_report[0] / "index.html").read_text(encoding="utf-8")
    page, rest = html.split('<script type="application/json" id="evidence-data">', 1)
    blob, after = rest.split("</script>", 1)
    assert "<script>window.__xss" not in page + after
    assert "<img src=x" not in page + after
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "<\\/script>" in blob  # the evidence sentence, escaped inside the JSON blob
    sentences = json.loads(blob)["sentences"]
    assert any(XSS_SCRIPT in s["text"] and XSS_IMG in s["text"] for s in sentences.values())


def test_inline_json_cannot_close_its_script() -> None:
    data = {"text": "a</script><script>alert(1)</script><!-- b", "n": [1, 2]}
    text = inline_json(data)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == data


def test_evidence_capped_per_cell(built_report) -> None:
    html = (built_report[0] / "index.html").read_text(encoding="utf-8")
    lists = [json.loads(m) for m in re.findall(r"data-ev='([^']*)'", html)]
    assert lists and all(1 <= len(ids) <= 3 for ids in lists)
    frame = pd.DataFrame({"term": ["a"], "z": [1.5], "evidence": [["s1", "s2", "s3", "s4"]]})
    view = build_table(frame, "t", ["term", "z"], max_rows=10, evidence_cap=2, keyword_column="term")
    (row,) = view.rows
    assert row.evidence == ["s1", "s2"] and row.keywords == ["a"]
    assert [c.linked for c in row.cells] == [False, True]  # the number links to the evidence, the term not


def test_missing_optional_tables(results_without_framing, tmp_path) -> None:
    summary = build.build_report(results_without_framing, tmp_path / "report", tmp_path / "figures", default_config())
    html = (tmp_path / "report/index.html").read_text(encoding="utf-8")
    framing = html.split('<section id="framing">', 1)[1].split("</section>", 1)[0]
    assert "frame_distribution: not available" in framing and "<img" not in framing
    assert "themes of the paper (framing/sentence_framing): not available" in html
    assert summary["sections"]["topics"]["figures"] == 3  # the present tables still get their figures
    assert (tmp_path / "figures/keyness.svg").is_file()  # placeholder, so the figure outputs always exist


def test_failed_build_keeps_previous_report(built_report, synthetic_results, tmp_path, monkeypatch) -> None:
    out = tmp_path / "report"
    shutil.copytree(built_report[0], out)
    before = (out / "index.html").read_bytes()

    def fail(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(build, "draw_figures", fail)
    with pytest.raises(RuntimeError):
        build.build_report(synthetic_results, out, tmp_path / "figures", default_config())
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "report"]  # no staging left behind


def test_figures_draw_the_paper_and_the_largest_groups_only() -> None:
    import pandas as pd

    from discourse.report.sections import figure_groups

    frame = pd.DataFrame({"source_group": ["UNGDC A", "UNGDC B", "UNGDC C", "paper", "UNGDC A"],
                          "sentences": [5, 50, 20, 1, 40]})
    drawn = figure_groups(frame, "sentences", 3, "paper")
    assert set(drawn["source_group"]) == {"paper", "UNGDC B", "UNGDC A"}  # A: 45 in all, C: 20
    assert len(drawn) == 4  # every row of a chosen group is kept


def test_speaker_dyads_are_shown_with_both_directions(built_report) -> None:
    report, _ = built_report
    html = (report / "index.html").read_text(encoding="utf-8")
    assert 'data-table="t-speaker-dyads"' in html and (report / "assets" / "speaker_timelines.svg").is_file()
    svg = (report / "assets" / "speaker_timelines.svg").read_text(encoding="utf-8")
    assert "PAK on RUS" in svg and "RUS on PAK" in svg  # one line per direction


def test_a_run_without_speaker_dyads_still_builds(synthetic_results, tmp_path) -> None:
    from discourse.tables import write_table

    results = tmp_path / "results"
    shutil.copytree(synthetic_results, results)
    write_table(pd.DataFrame(), "speaker_dyads", results / "compare/speaker_dyads.parquet")  # no UNGDC: no speakers
    summary = build.build_report(results, tmp_path / "report", tmp_path / "figures", default_config())
    assert (tmp_path / "report" / "index.html").is_file() and summary["sections"]["framing"]["figures"] == 6


def test_the_report_folder_is_readable_under_the_umask(results_without_framing, tmp_path) -> None:
    previous = os.umask(0o002)  # a group-shared project folder
    try:
        build.build_report(results_without_framing, tmp_path / "report", tmp_path / "figures", default_config())
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report").stat().st_mode) == 0o775
    assert stat.S_IMODE((tmp_path / "report/index.html").stat().st_mode) == 0o664
