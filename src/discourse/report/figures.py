"""Publication figures of the report: each function takes tables and returns a matplotlib Figure.

The functions only select and reshape; every number they draw is in a result table (the report shows
the same rows next to the figure). `save_figure` (PNG 300 dpi + SVG) comes from the topic figures.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "discourse"  # stable ids: the same figure gives the same SVG
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from discourse.topics.figures import save_figure  # noqa: E402  (PNG 300 dpi + SVG, shared with the topics)

__all__ = ["save_figure", "plot_documents_per_year", "plot_paper_themes", "layout_actor_network",
           "plot_actor_network", "plot_prevalence_by_country", "plot_frame_mix", "plot_divergence", "plot_keyness",
           "plot_dyad_timelines", "plot_certainty", "plot_sweep_summary", "plot_prevalence_over_time",
           "plot_unavailable"]

NETWORK_SEED = 20231  # fixed layout seed: the same edges give the same drawing


def grid_shape(n: int, max_cols: int = 3) -> tuple[int, int]:
    cols = max(1, min(max_cols, n))
    return max(1, math.ceil(n / cols)), cols


def hide_unused(axes: np.ndarray, used: int) -> None:
    for ax in axes.flat[used:]:
        ax.set_visible(False)


def plot_documents_per_year(counts: pd.DataFrame) -> plt.Figure:
    """Documents per year and source group (columns source_group, year, documents): one row per group."""
    groups = sorted(counts["source_group"].unique())
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(groups) + 1.4))
    for y, group in enumerate(groups):
        rows = counts[counts["source_group"] == group]
        ax.scatter(rows["year"], [y] * len(rows), s=12 * rows["documents"], marker="s", label=group)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_xlabel("year")
    ax.set_title("Documents per year and source group (marker area = documents)", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def plot_paper_themes(counts: pd.DataFrame) -> plt.Figure:
    """Sentences of each theme per section of the paper (columns section, theme, sentences): a heatmap."""
    matrix = counts.pivot_table(index="section", columns="theme", values="sentences", aggfunc="sum",
                                fill_value=0, sort=False)
    fig, ax = plt.subplots(figsize=(max(7.0, 4.5 + 0.6 * matrix.shape[1]), 0.35 * matrix.shape[0] + 2))
    ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(matrix.shape[0]), [str(s)[:48] for s in matrix.index], fontsize=8)
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        if value:
            ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=7)
    fig.suptitle("The paper: sentences per theme and section", fontsize=10)
    fig.tight_layout()
    return fig


def layout_actor_network(edges: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Spring layout of a co-occurrence edge list (source, target, sentences), seeded."""
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(edges["source"], edges["target"], edges["sentences"].astype(float)))
    positions = nx.spring_layout(graph, weight="weight", seed=NETWORK_SEED)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def plot_actor_network(edges: pd.DataFrame, nodes: pd.DataFrame, positions: dict[str, tuple[float, float]],
                       title: str) -> plt.Figure:
    """Co-occurrence network: edges (source, target, sentences), nodes (actor, mentions), fixed positions."""
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    top = max(float(edges["sentences"].max()), 1.0) if not edges.empty else 1.0
    for source, target, weight in zip(edges["source"], edges["target"], edges["sentences"]):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        ax.plot([x0, x1], [y0, y1], color="#7a8ba6", linewidth=0.4 + 4 * weight / top, alpha=0.6, zorder=1)
    mentions = nodes.set_index("actor")["mentions"].to_dict()
    biggest = max(mentions.values(), default=1) or 1
    for actor, (x, y) in positions.items():
        size = 40 + 900 * mentions.get(actor, 0) / biggest
        ax.scatter([x], [y], s=size, color="#d9822b", edgecolors="white", zorder=2)
        ax.annotate(actor, (x, y), fontsize=7, ha="center", va="center", zorder=3)
    ax.set_title(title, fontsize=10)
    ax.set_axis_off()
    fig.tight_layout()
    return fig


def plot_prevalence_by_country(prevalence: pd.DataFrame, labels: dict[int, str]) -> plt.Figure:
    """Topic share per year, one line per country, one panel per topic (rows of grouping country+year)."""
    topics = sorted(prevalence["topic"].unique())
    n_rows, n_cols = grid_shape(len(topics), 2)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(10, 2.3 * n_rows), squeeze=False, sharex=True)
    for ax, topic in zip(axes.flat, topics):
        data = prevalence[prevalence["topic"] == topic]
        for country, rows in data.groupby("country"):
            rows = rows.sort_values("year")
            ax.plot(rows["year"], rows["share"], linewidth=0.9, label=country)
        ax.set_title(f"topic {topic}: {labels.get(topic, '')}", fontsize=9)
        ax.grid(alpha=0.3)
    hide_unused(axes, len(topics))
    axes.flat[0].legend(fontsize=7, ncol=3)
    fig.supylabel("mean document share")
    fig.tight_layout()
    return fig


def plot_frame_mix(distribution: pd.DataFrame, themes: list[str], frames: list[str]) -> plt.Figure:
    """Share of each primary frame per group, one panel per theme, with the bootstrap 95% intervals.

    `distribution`: rows of frame_distribution with grouping `source_group`.
    """
    groups = sorted(distribution["source_group"].unique())
    n_rows, n_cols = grid_shape(len(themes), 3)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(4.2 * n_cols, 0.32 * len(frames) * n_rows + 1.6 * n_rows),
                             squeeze=False, sharex=True)
    offsets = np.linspace(-0.3, 0.3, len(groups)) if len(groups) > 1 else np.zeros(1)
    for ax, theme in zip(axes.flat, themes):
        data = distribution[distribution["theme"] == theme].set_index(["source_group", "frame"])
        for offset, group in zip(offsets, groups):
            rows = data.reindex([(group, f) for f in frames]).dropna(subset=["share"])
            y = [frames.index(f) + offset for f in rows.index.get_level_values("frame")]
            err = np.vstack([rows["share"] - rows["ci_low"], rows["ci_high"] - rows["share"]]).clip(min=0)
            ax.errorbar(rows["share"], y, xerr=err, fmt="o", markersize=3, linewidth=0.8, label=group)
        ax.set_yticks(range(len(frames)), frames, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(theme, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    hide_unused(axes, len(themes))
    for ax in axes[-1]:
        ax.set_xlabel("share of sentences")
    axes.flat[0].legend(fontsize=7, loc="lower right")
    fig.suptitle("Primary frame mix per theme and source group (95% bootstrap intervals)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_divergence(divergence: pd.DataFrame) -> plt.Figure:
    """Jensen-Shannon divergence per theme (rows) and group pair (columns); * marks p_adjusted < 0.05."""
    data = divergence.assign(pair=divergence["group_a"] + " vs " + divergence["group_b"])
    matrix = data.pivot_table(index="theme", columns="pair", values="jsd", aggfunc="first", sort=True)
    p_adjusted = data.pivot_table(index="theme", columns="pair", values="p_adjusted", aggfunc="first", sort=True)
    fig, ax = plt.subplots(figsize=(1.8 + 0.75 * matrix.shape[1] + 2, 0.4 * matrix.shape[0] + 2.2))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="viridis", vmin=0, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=45, ha="right", fontsize=7)
    ax.set_yticks(range(matrix.shape[0]), matrix.index, fontsize=8)
    for (i, j), value in np.ndenumerate(matrix.to_numpy(dtype=float)):
        if not np.isnan(value):
            star = "*" if p_adjusted.iat[i, j] < 0.05 else ""
            ax.text(j, i, f"{value:.2f}{star}", ha="center", va="center", fontsize=6, color="white")
    fig.colorbar(image, ax=ax, label="JSD (bits)")
    ax.set_title("Frame divergence between groups (* BH-adjusted p < 0.05)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_keyness(keyness: pd.DataFrame) -> plt.Figure:
    """Most distinctive terms of each group: z-score bars, one panel per source group (rows already chosen)."""
    groups = sorted(keyness["source_group"].unique())
    n_rows, n_cols = grid_shape(len(groups), 3)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(4 * n_cols, 3.2 * n_rows), squeeze=False)
    for ax, group in zip(axes.flat, groups):
        rows = keyness[keyness["source_group"] == group].sort_values("z")
        ax.barh(rows["term"], rows["z"], color=np.where(rows["z"] >= 0, "#3b75af", "#c44e52"))
        ax.set_title(group, fontsize=9)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_xlabel("z (log-odds, informative prior)", fontsize=8)
        ax.grid(axis="x", alpha=0.3)
    hide_unused(axes, len(groups))
    fig.suptitle("Keyness: terms most distinctive of each group", fontsize=10)
    fig.tight_layout()
    return fig


def group_colours(groups: pd.Series) -> dict[str, str]:
    """A fixed colour for each source group, so a group looks the same in every panel."""
    palette = plt.get_cmap("tab10").colors
    return {group: matplotlib.colors.to_hex(palette[i % len(palette)]) for i, group in enumerate(sorted(set(groups)))}


def plot_dyad_timelines(dyads: pd.DataFrame, pairs: list[tuple[str, str]],
                        title: str = "Dyad polarity by decade") -> plt.Figure:
    """Mean relation score per decade for each actor pair (one panel), one line per source group, with CIs.

    `dyads`: rows with actor_a, actor_b, source_group (a line), decade, mean_score, ci_low, ci_high (the dyads
    table with grouping `source_group+decade`, or the speakers' acts, one line per direction).
    """
    n_rows, n_cols = grid_shape(len(pairs), 2)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(5 * n_cols, 2.8 * n_rows), squeeze=False, sharey=True)
    colours = group_colours(dyads["source_group"])  # one colour per group in every panel
    decades = sorted(dyads["decade"].dropna().unique())
    for ax, (a, b) in zip(axes.flat, pairs):
        data = dyads[(dyads["actor_a"] == a) & (dyads["actor_b"] == b)]
        for group, rows in data.groupby("source_group"):
            rows = rows.sort_values("decade")
            ax.plot(rows["decade"], rows["mean_score"], marker="o", markersize=3, label=group, color=colours[group])
            ax.fill_between(rows["decade"], rows["ci_low"], rows["ci_high"], alpha=0.15, color=colours[group])
        ax.axhline(0, color="grey", linewidth=0.6)
        if decades:
            ax.set_xticks(decades[::2] if len(decades) > 6 else decades)
        ax.set_title(f"{a} – {b}", fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6)
    hide_unused(axes, len(pairs))
    fig.supxlabel("decade")
    fig.supylabel("mean score (-10 … +10)", fontsize=9)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def plot_certainty(certainty: pd.DataFrame) -> plt.Figure:
    """Certainty index per source group with its interval, and hedges/boosters per 1,000 tokens."""
    data = certainty.sort_values("source_group")
    groups = data["source_group"].tolist()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.4 * len(groups) + 1.8), sharey=True)
    err = np.vstack([data["certainty_index"] - data["ci_low"], data["ci_high"] - data["certainty_index"]]).clip(min=0)
    left.errorbar(data["certainty_index"], range(len(groups)), xerr=err, fmt="o", color="#3b75af")
    left.axvline(0, color="grey", linewidth=0.6)
    left.set_yticks(range(len(groups)), groups, fontsize=8)
    left.set_xlabel("certainty index (95% interval)")
    y = np.arange(len(groups))
    right.barh(y - 0.2, data["hedges_per_1k"], height=0.4, label="hedges / 1k tokens", color="#c44e52")
    right.barh(y + 0.2, data["boosters_per_1k"], height=0.4, label="boosters / 1k tokens", color="#55a868")
    right.legend(fontsize=7)
    right.set_xlabel("per 1,000 tokens")
    for ax in (left, right):
        ax.grid(axis="x", alpha=0.3)
    left.invert_yaxis()
    fig.suptitle("Certainty per source group", fontsize=10)
    fig.tight_layout()
    return fig


def plot_sweep_summary(summary: pd.DataFrame, chosen: dict) -> plt.Figure:
    """The topic sweep figure (redrawn when results/figures/topic_sweep.svg is missing)."""
    from discourse.topics.figures import plot_sweep

    return plot_sweep(summary, chosen)


def plot_prevalence_over_time(prevalence: pd.DataFrame, topics: list[int], labels: dict[int, str],
                              groups: list[str]) -> plt.Figure:
    """The topic stage's prevalence-by-decade figure (redrawn when its SVG is missing)."""
    from discourse.topics.figures import plot_prevalence_over_time as plot

    return plot(prevalence, topics, labels, groups)


def plot_unavailable(title: str) -> plt.Figure:
    """A placeholder written when a figure's table is missing, so the figure files always exist."""
    fig, ax = plt.subplots(figsize=(5, 1.2))
    ax.text(0.5, 0.5, f"{title}: not available (table missing)", ha="center", va="center", fontsize=9)
    ax.set_axis_off()
    return fig
