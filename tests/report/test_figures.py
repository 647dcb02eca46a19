"""Each report figure function returns a Figure with the expected panels and marks."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from discourse.report import figures
from discourse.tables import columns

from .conftest import FRAMES, GROUPS, THEMES, make_results


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    root = make_results(tmp_path_factory.mktemp("fig-results"))
    names = {"frame_distribution": "compare", "frame_divergence": "compare", "keyness": "compare",
             "dyads": "compare", "certainty": "compare", "actor_cooccurrence": "actors", "actor_counts": "actors",
             "prevalence": "topics"}
    return {name: pd.read_parquet(root / folder / f"{name}.parquet") for name, folder in names.items()}


def visible_axes(fig: plt.Figure) -> list[plt.Axes]:
    return [ax for ax in fig.axes if ax.get_visible()]


def test_documents_per_year() -> None:
    counts = pd.DataFrame({"source_group": ["paper", "UNGDC PAK", "UNGDC PAK"], "year": [2023, 1980, 1981],
                           "documents": [1, 1, 2]})
    fig = figures.plot_documents_per_year(counts)
    assert isinstance(fig, plt.Figure)
    (ax,) = fig.axes
    assert len(ax.collections) == 2  # one marker series per group
    plt.close(fig)


def test_paper_themes() -> None:
    counts = pd.DataFrame({"section": ["Intro", "Intro", "War"], "theme": ["a", "b", "a"], "sentences": [2, 1, 3]})
    fig = figures.plot_paper_themes(counts)
    (ax,) = fig.axes
    assert len(ax.images) == 1
    assert len(ax.texts) == 3  # the non-zero cells are labelled
    plt.close(fig)


def test_actor_network(tables) -> None:
    edges = tables["actor_cooccurrence"].query("source_group == 'paper'")
    nodes = tables["actor_counts"].query("source_group == 'paper'")
    positions = figures.layout_actor_network(edges)
    assert positions == figures.layout_actor_network(edges)  # seeded: the same drawing every run
    fig = figures.plot_actor_network(edges, nodes, positions, "paper")
    (ax,) = fig.axes
    assert len(ax.lines) == len(edges)
    assert len(ax.collections) == len(positions) == 3
    plt.close(fig)


def test_prevalence_by_country(tables) -> None:
    data = tables["prevalence"].query("grouping == 'country+year'")
    fig = figures.plot_prevalence_by_country(data, {0: "a", 1: "b"})
    axes = visible_axes(fig)
    assert len(axes) == 2
    assert all(len(ax.lines) == 2 for ax in axes)  # PAK and RUS
    plt.close(fig)


def test_frame_mix(tables) -> None:
    data = tables["frame_distribution"].query("grouping == 'source_group'")
    fig = figures.plot_frame_mix(data, THEMES, FRAMES)
    axes = visible_axes(fig)
    assert len(axes) == len(THEMES)
    assert all(len(ax.containers) == len(GROUPS) for ax in axes)  # one error-bar series per group
    plt.close(fig)


def test_divergence(tables) -> None:
    data = tables["frame_divergence"]
    fig = figures.plot_divergence(data)
    assert len(fig.axes) == 2  # heatmap and colour bar
    assert len(fig.axes[0].texts) == len(data)  # every cell annotated
    assert all(t.get_text().endswith("*") for t in fig.axes[0].texts)  # p_adjusted 0.03 < 0.05
    plt.close(fig)


def test_keyness(tables) -> None:
    data = tables["keyness"].query("z > 0")
    fig = figures.plot_keyness(data)
    axes = visible_axes(fig)
    assert len(axes) == len(GROUPS)
    assert all(len(ax.patches) == 3 for ax in axes)
    plt.close(fig)


def test_dyad_timelines(tables) -> None:
    data = tables["dyads"].query("grouping == 'source_group+decade'")
    fig = figures.plot_dyad_timelines(data, [("PAK", "RUS"), ("AFG", "PAK")])
    axes = visible_axes(fig)
    assert len(axes) == 2
    assert all(len([line for line in ax.lines if len(line.get_xdata()) == 3]) == 2 for ax in axes)
    plt.close(fig)


def test_certainty(tables) -> None:
    data = tables["certainty"]
    fig = figures.plot_certainty(data)
    left, right = fig.axes
    assert len(left.containers) == 1
    assert len(right.patches) == 2 * len(GROUPS)
    plt.close(fig)


def test_figures_take_contract_tables(tables) -> None:
    # the synthetic tables follow the contracts, so the figures work on what the stages write
    for name in ("frame_distribution", "keyness", "dyads", "certainty"):
        assert list(tables[name].columns) == columns(name)


def test_unavailable_placeholder() -> None:
    fig = figures.plot_unavailable("keyness")
    assert "not available" in fig.axes[0].texts[0].get_text()
    plt.close(fig)
