"""Figures of the topic stage: each function takes tables and returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "discourse"  # stable ids: the same figure gives the same SVG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def plot_sweep(summary: pd.DataFrame, chosen: dict) -> plt.Figure:
    """Mean c_npmi, c_v and stability against K, one line per engine; the chosen model marked."""
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), sharex=True)
    for engine, group in summary.groupby("engine"):
        group = group.sort_values("k")
        for ax, column in zip(axes, ("c_npmi", "c_v", "stability")):
            ax.plot(group["k"], group[column], marker="o", label=engine)
    for ax, column in zip(axes, ("mean c_npmi", "mean c_v", "mean stability (Jaccard, top terms)")):
        ax.set_title(column, fontsize=10)
        ax.set_xlabel("K")
        ax.grid(alpha=0.3)
    for ax, column in zip(axes, ("c_npmi", "c_v", "stability")):
        ax.scatter([chosen["k"]], [chosen[column]], s=140, facecolors="none", edgecolors="black", zorder=5)
    axes[0].legend(fontsize=8)
    fig.suptitle(f"Topic model sweep: chosen {chosen['engine']}, K={chosen['k']}", fontsize=11)
    fig.tight_layout()
    return fig


def plot_prevalence_over_time(prevalence: pd.DataFrame, topics: list[int], labels: dict[int, str],
                              groups: list[str]) -> plt.Figure:
    """Topic share by decade for each group (one panel per topic), with bootstrap 95% intervals."""
    fig, axes = plt.subplots(len(topics), 1, figsize=(8, 2.6 * len(topics)), squeeze=False, sharex=True)
    for ax, topic in zip(axes[:, 0], topics):
        data = prevalence[prevalence["topic"] == topic]
        for group in groups:
            rows = data[data["source_group"] == group].sort_values("decade")
            if rows.empty:
                continue
            ax.plot(rows["decade"], rows["share"], marker="o", label=group)
            ax.fill_between(rows["decade"], rows["ci_low"], rows["ci_high"], alpha=0.15)
        ax.set_title(f"topic {topic}: {labels.get(topic, '')}", fontsize=10)
        ax.set_ylabel("mean share")
        ax.grid(alpha=0.3)
    axes[0, 0].legend(fontsize=8, ncol=3)
    axes[-1, 0].set_xlabel("decade")
    fig.tight_layout()
    return fig


def save_figure(fig: plt.Figure, stem) -> None:
    """PNG (300 dpi) and SVG next to each other, written atomically."""
    from discourse.io import atomic_path

    for suffix, kwargs in ((".png", {"dpi": 300}), (".svg", {"metadata": {"Date": None}})):
        target = stem.with_suffix(suffix)
        with atomic_path(target) as tmp:
            fig.savefig(tmp, format=suffix[1:], **kwargs)
    plt.close(fig)
