"""The report's sections: from result tables to what the template shows (tables, figures, notes).

Each `build_*_section` selects and reshapes the tables it needs; a missing table makes its part of the
section say "not available" instead of failing the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from discourse.report import figures
from discourse.report.load import Results, reference_doc_ids
from discourse.report.views import TableView, build_table, distinct_values, period_label

@dataclass
class FigureSpec:
    name: str  # file stem under results/figures and assets/
    caption: str
    table: TableView | None = None
    make: Callable[[], Any] | None = None  # None: nothing to draw (table missing)
    existing: list[Path] = field(default_factory=list)  # SVGs drawn by an earlier stage, copied if found
    src: str = ""  # set by the build: the asset path the page links


@dataclass
class Block:
    title: str
    table: TableView | None
    note: str = ""


@dataclass
class Section:
    section_id: str
    title: str
    intro: str = ""
    figures: list[FigureSpec] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # key-value pairs
    unavailable: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)  # filter name -> values
    preformatted: list[tuple[str, str]] = field(default_factory=list)  # (title, text) shown in <pre>

    @property
    def tables(self) -> list[TableView]:
        found = [b.table for b in self.blocks if b.table] + [f.table for f in self.figures if f.table]
        return found


def settings_from(config: dict) -> dict[str, Any]:
    """Report caps (`report:` of a validated config, defaults in the config schema) and what the report
    takes from `compare:` (the dyads to draw, the reference group)."""
    dyads = [tuple(sorted(pair)) for pair in config["compare"]["dyads"]]
    return {**config["report"], "dyads": dyads, "reference_group": config["compare"]["reference_group"]}


def add_groups(documents: pd.DataFrame) -> pd.DataFrame:
    from discourse.groups import add_source_group

    return add_source_group(documents)


def missing(name: str) -> str:
    return f"{name}: not available (the table was not produced by this run)"


# ---------------------------------------------------------------- corpus

def build_corpus_section(results: Results, settings: dict[str, Any]) -> Section:
    section = Section("corpus", "Corpus", "What was analysed: documents per source group, country and year; "
                      "what was skipped or unavailable, and why.")
    documents = results.get("documents")
    if documents is None:
        section.unavailable.append(missing("documents"))
    else:
        docs = add_groups(documents)
        per_year = (docs.groupby(["source_group", "year"]).size().rename("documents").reset_index())
        summary = (docs.groupby(["source_group", "country"], dropna=False)
                   .agg(documents=("doc_id", "size"), first_year=("year", "min"), last_year=("year", "max"),
                        years=("year", "nunique"), words=("n_words", "sum"))
                   .reset_index())
        section.blocks.append(Block("Documents per source group and country", build_table(
            summary, "corpus-summary", list(summary.columns), max_rows=settings["max_rows"])))
        section.figures.append(FigureSpec(
            "documents_per_year", "Documents per year and source group",
            build_table(per_year, "corpus-per-year", ["source_group", "year", "documents"],
                        max_rows=settings["max_rows"], filter_columns={"group": "source_group"}),
            lambda: figures.plot_documents_per_year(figure_groups(per_year, "documents", settings["figure_groups"],
                                                                  settings["reference_group"]))))
    add_skipped_block(section, results, settings)
    add_availability(section, results)
    return section


def add_skipped_block(section: Section, results: Results, settings: dict[str, Any]) -> None:
    frames = [f for f in (results.get("inventory_skipped"), results.get("skipped")) if f is not None]
    if not frames:
        section.unavailable.append(missing("skipped inputs"))
        return
    skipped = pd.concat(frames, ignore_index=True)
    note = "No input was skipped." if skipped.empty else ""
    section.blocks.append(Block("Skipped inputs", build_table(
        skipped, "corpus-skipped", list(skipped.columns), max_rows=settings["max_rows"]), note))


def add_availability(section: Section, results: Results) -> None:
    status = results.json.get("ungdc_status")
    if status is None:
        section.unavailable.append(missing("UNGDC status (corpus/ungdc_status.json)"))
    else:
        for key in ("status", "source", "reason", "sha256", "archive_path"):
            if key in status:
                section.facts.append((f"UNGDC {key}", "" if status[key] is None else str(status[key])))
    corpora = (results.json.get("manifest") or {}).get("corpora") or {}
    for corpus_id, info in sorted(corpora.items()):
        text = ", ".join(f"{k}: {v}" for k, v in sorted(info.items()) if v is not None and "sha256" not in k)
        section.facts.append((f"corpus {corpus_id}", text))


# ---------------------------------------------------------------- paper

def build_paper_section(results: Results, settings: dict[str, Any]) -> Section:
    section = Section("paper", "The paper", "The scholarly paper's structure, themes, citations and the "
                      "integrity of its citations.")
    ids = reference_doc_ids(results.get("documents"), settings["reference_group"])
    if not ids:
        section.unavailable.append(f"the paper: not available (no document of the reference group "
                                   f"`{settings['reference_group']}`, compare.reference_group)")
        return section
    documents = results.get("documents")
    for row in documents[documents["doc_id"].isin(ids)].to_dict("records"):
        section.facts.append((str(row["doc_id"]), f"{row.get('title') or ''} — {row.get('author') or ''} "
                                                 f"({row.get('year') or ''})"))
    sections = results.get("sections")
    if sections is None:
        section.unavailable.append(missing("sections"))
    else:
        add_paper_sections(section, sections[sections["doc_id"].isin(ids)], results.get("paper_paragraphs"),
                           settings)
        add_paper_themes(section, sections, results, settings)
    add_citations(section, results, ids, settings)
    return section


def add_paper_sections(section: Section, sections: pd.DataFrame, paragraphs: pd.DataFrame | None,
                       settings: dict[str, Any]) -> None:
    frame = sections.sort_values(["doc_id", "order"])
    if paragraphs is not None:
        sizes = paragraphs.groupby("section_id").agg(paragraphs=("paragraph_id", "size"), words=("n_words", "sum"))
        frame = frame.join(sizes, on="section_id")
        frame[["paragraphs", "words"]] = frame[["paragraphs", "words"]].astype("Int64")  # NaN made them floats
    columns = [c for c in ("order", "heading_path", "level", "paragraphs", "words") if c in frame.columns]
    section.blocks.append(Block("Sections", build_table(frame, "paper-sections", columns,
                                                        max_rows=settings["max_rows"])))


def add_paper_themes(section: Section, sections: pd.DataFrame, results: Results, settings: dict[str, Any]) -> None:
    framing, paragraphs = results.get("paper_framing"), results.get("paper_paragraphs")
    if framing is None or paragraphs is None:
        section.unavailable.append(missing("themes of the paper (framing/sentence_framing)"))
        return
    themed = framing.explode("themes").dropna(subset=["themes"]).rename(columns={"themes": "theme"})
    themed = themed.merge(paragraphs[["paragraph_id", "section_id"]], on="paragraph_id", how="left")
    themed = themed.merge(sections[["section_id", "order", "heading"]], on="section_id", how="left")
    themed["section"] = themed["heading"].fillna("(no section)")
    counts = (themed.groupby(["order", "section", "theme"], dropna=False).size().rename("sentences")
              .reset_index().sort_values(["order", "theme"]))
    if counts.empty:
        section.blocks.append(Block("Themes per section", None, "No sentence of the paper matches a theme."))
        return
    pivot = counts.pivot_table(index=["order", "section"], columns="theme", values="sentences", fill_value=0,
                               dropna=False).reset_index()
    pivot.columns = [str(c) for c in pivot.columns]
    table = build_table(pivot, "paper-themes", [c for c in pivot.columns if c != "order"],
                        max_rows=settings["max_rows"])
    section.figures.append(FigureSpec("paper_themes", "Sentences per theme in each section of the paper", table,
                                      lambda: figures.plot_paper_themes(counts)))


def add_citations(section: Section, results: Results, ids: list[str], settings: dict[str, Any]) -> None:
    citations, integrity = results.get("citations"), results.get("citation_integrity")
    if citations is None:
        section.unavailable.append(missing("citations"))
    else:
        frame = citations[citations["doc_id"].isin(ids)]
        columns = ["citation_id", "text", "style", "paragraph_id", "reference_id", "n_candidates",
                   "suggested_reference_id"]
        section.blocks.append(Block(f"Citations ({len(frame)})", build_table(
            frame, "paper-citations", columns, max_rows=settings["max_rows"])))
    if integrity is None:
        section.unavailable.append(missing("citation_integrity"))
    else:
        frame = integrity[integrity["doc_id"].isin(ids)]
        columns = ["issue", "cited_as", "reference_key", "n_citations", "suggested_reference_id", "detail"]
        note = "Every citation has its reference and every reference is cited." if frame.empty else ""
        section.blocks.append(Block("Citation integrity", build_table(
            frame, "paper-integrity", columns, max_rows=settings["max_rows"]), note))


# ---------------------------------------------------------------- actors

def build_actors_section(results: Results, settings: dict[str, Any]) -> Section:
    section = Section("actors", "Actors", "The most mentioned actors per source group and who is named with whom "
                      "(sentence-level co-occurrence).")
    counts, edges = results.get("actor_counts"), results.get("actor_cooccurrence")
    if counts is None:
        section.unavailable.append(missing("actor_counts"))
    else:
        top = (counts.sort_values(["source_group", "mentions", "actor"], ascending=[True, False, True])
               .groupby("source_group").head(settings["top_actors"]))
        section.blocks.append(Block(f"Most mentioned actors (top {settings['top_actors']} per group)", build_table(
            top, "actors-top", ["source_group", "actor", "name", "kind", "mentions", "sentences", "documents"],
            max_rows=settings["max_rows"], filter_columns={"group": "source_group"})))
        section.filters["group"] = sorted(top["source_group"].unique())
    if edges is None:
        section.unavailable.append(missing("actor_cooccurrence"))
        return section
    for group in [g for g in (settings["reference_group"], "all") if g in set(edges["source_group"])]:
        section.figures.append(network_figure(edges, counts, group, settings))
    return section


def network_figure(edges: pd.DataFrame, counts: pd.DataFrame | None, group: str,
                   settings: dict[str, Any]) -> FigureSpec:
    chosen = (edges[edges["source_group"] == group].sort_values(["sentences", "source", "target"],
                                                               ascending=[False, True, True])
              .head(settings["network_edges"]))
    nodes = (counts[counts["source_group"] == group][["actor", "mentions"]] if counts is not None
             else pd.DataFrame({"actor": [], "mentions": []}))
    table = build_table(chosen, f"network-{figures_slug(group)}",
                        ["source", "target", "sentences", "documents"], max_rows=settings["max_rows"])

    def make() -> Any:
        return figures.plot_actor_network(chosen, nodes, figures.layout_actor_network(chosen),
                                          f"Actor co-occurrence: {group} (top {len(chosen)} edges)")
    return FigureSpec(f"actor_network_{figures_slug(group)}", f"Co-occurrence network, {group}", table, make)


def figures_slug(group: str) -> str:
    from discourse.groups import group_slug

    return group_slug(group)


# ---------------------------------------------------------------- topics

def build_topics_section(results: Results, settings: dict[str, Any], figures_dirs: list[Path]) -> Section:
    section = Section("topics", "Topics", "The model sweep and the chosen model: each topic's terms, "
                      "representative paragraphs and prevalence over time.")
    add_sweep_figure(section, results, settings, figures_dirs)
    topics, terms = results.get("topics"), results.get("topic_terms")
    labels: dict[int, str] = {}
    if topics is None or terms is None:
        section.unavailable.append(missing("topics / topic_terms"))
    else:
        labels = dict(zip(topics["topic"], topics["label"]))
        section.blocks.append(Block("Topics and their terms", build_table(
            topic_term_frame(topics, terms), "topics-terms",
            ["topic", "label", "theme", "mean_share", "top terms (probability)", "top terms (FREX)"],
            max_rows=settings["max_rows"])))
    add_representatives(section, results, settings)
    add_prevalence(section, results, settings, labels, figures_dirs)
    return section


def add_sweep_figure(section: Section, results: Results, settings: dict[str, Any], figures_dirs: list[Path]) -> None:
    sweep, chosen = results.get("sweep"), results.json.get("selection")
    if sweep is None:
        section.unavailable.append(missing("topic sweep"))
        return
    summary = (sweep.groupby(["engine", "k"]).agg(seeds=("seed", "nunique"), c_v=("c_v", "mean"),
                                                  c_npmi=("c_npmi", "mean"), stability=("stability", "first"))
               .reset_index())
    table = build_table(summary, "topics-sweep", list(summary.columns), max_rows=settings["max_rows"])
    make = (lambda: figures.plot_sweep_summary(summary, chosen)) if chosen else None
    caption = "Topic model sweep" + (f": chosen {chosen['engine']}, K={chosen['k']}" if chosen else "")
    section.figures.append(FigureSpec("topic_sweep", caption, table, make,
                                      [d / "topic_sweep.svg" for d in figures_dirs]))


def topic_term_frame(topics: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    top = terms[terms["rank"] <= 10].sort_values(["topic", "by", "rank"])
    joined = top.groupby(["topic", "by"])["term"].agg(", ".join).unstack("by")
    frame = topics.join(joined, on="topic")
    return frame.rename(columns={"probability": "top terms (probability)", "frex": "top terms (FREX)"})


def add_representatives(section: Section, results: Results, settings: dict[str, Any]) -> None:
    paragraphs = results.get("representative_paragraphs")
    if paragraphs is None:
        section.unavailable.append(missing("representative_paragraphs"))
        return
    frame = paragraphs.sort_values(["topic", "rank"]).copy()
    limit = settings["text_chars"]
    frame["text"] = [t if len(t) <= limit else t[:limit] + " […]" for t in frame["text"].fillna("")]
    section.blocks.append(Block("Representative paragraphs", build_table(
        frame, "topics-paragraphs", ["topic", "rank", "share", "doc_id", "paragraph_id", "text"],
        max_rows=settings["max_rows"])))


def add_prevalence(section: Section, results: Results, settings: dict[str, Any], labels: dict[int, str],
                   figures_dirs: list[Path]) -> None:
    prevalence = results.get("prevalence")
    if prevalence is None:
        section.unavailable.append(missing("prevalence"))
        return
    by_country = prevalence[prevalence["grouping"] == "country+year"]
    by_decade = prevalence[prevalence["grouping"] == "source_group+decade"]
    pivot = (by_decade.pivot_table(index=["source_group", "decade"], columns="topic", values="share")
             .reset_index() if not by_decade.empty else pd.DataFrame())
    pivot.columns = [c if isinstance(c, str) else f"topic {c}" for c in pivot.columns]

    def table(table_id: str) -> TableView | None:
        if pivot.empty:
            return None
        return build_table(pivot, table_id, list(pivot.columns), max_rows=settings["max_rows"])
    if not by_country.empty:
        section.figures.append(FigureSpec(
            "topic_prevalence_by_country", "Topic prevalence per year and country (mean document share)",
            table("topics-prevalence-country"),
            lambda: figures.plot_prevalence_by_country(
                figure_groups(by_country, "n_documents", settings["figure_groups"], settings["reference_group"],
                              column="country"), labels)))
    make = None
    if not by_decade.empty:
        topics = sorted(by_decade["topic"].unique())[:4]
        groups = sorted(figure_groups(by_decade, "n_documents", settings["figure_groups"],
                                      settings["reference_group"])["source_group"].unique())
        make = lambda: figures.plot_prevalence_over_time(by_decade, topics, labels, groups)  # noqa: E731
    section.figures.append(FigureSpec(
        "topic_prevalence_by_decade", "Topic prevalence per decade and source group (95% bootstrap intervals)",
        table("topics-prevalence-decade"), make, [d / "topic_prevalence_by_decade.svg" for d in figures_dirs]))


# ---------------------------------------------------------------- framing

GROUPING_ORDER = {"source_group": 0, "source_group+period": 1, "source_group+decade": 2}


def with_period(frame: pd.DataFrame) -> pd.DataFrame:
    """The period column as shown (the period, the decade `1980s` or `overall`), rows ordered overall first,
    then by period, then by decade, so a row cap drops the finest slices first."""
    frame = frame.copy()
    frame["period"] = [period_label(p, d) for p, d in zip(frame["period"], frame["decade"])]
    frame["_order"] = frame["grouping"].map(GROUPING_ORDER).fillna(len(GROUPING_ORDER))
    return frame


def build_framing_section(results: Results, settings: dict[str, Any]) -> Section:
    section = Section("framing", "Framing and comparison",
                      "How each group frames the themes, how far apart the groups are, which words set them "
                      "apart, how the actor dyads are described over time and how certain the language is. "
                      "Click a number to see the sentences behind it.")
    builders = (frame_mix_figure, divergence_figure, keyness_figure, dyads_figure, speaker_dyads_figure,
                certainty_figure)
    for builder in builders:
        spec = builder(results, settings)
        if spec is None:
            continue
        if isinstance(spec, str):
            section.unavailable.append(spec)
        else:
            section.figures.append(spec)
    views = section.tables
    section.filters = {name: distinct_values(views, name) for name in ("group", "theme", "period")}
    return section


FILTERS = {"group": "source_group", "theme": "theme", "period": "_period"}


def frame_mix_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    data = results.get("frame_distribution")
    if data is None:
        return missing("frame_distribution")
    overall = data[data["grouping"] == "source_group"]
    frames = (overall.groupby("frame")["sentences"].sum().sort_values(ascending=False)
              .head(settings["figure_frames"]).index.tolist())
    themes = ordered_themes(overall)[: settings["figure_themes"]]
    shown = (with_period(data).sort_values(["_order", "source_group", "decade", "period", "theme", "share"],
                                          ascending=[True, True, True, True, True, False], na_position="first")
             .groupby(["grouping", "source_group", "period", "theme"], dropna=False).head(settings["top_frames"]))
    table = build_table(shown, "t-frame_distribution",
                        ["source_group", "period", "theme", "frame", "sentences", "total", "share", "ci_low",
                         "ci_high"], max_rows=settings["framing_max_rows"], evidence_cap=settings["evidence_per_cell"],
                        filter_columns=FILTERS,
                        note=f"Top {settings['top_frames']} frames per theme, group and period.")
    drawn = figure_groups(overall, "sentences", settings["figure_groups"], settings["reference_group"])
    return FigureSpec("frame_mix", "Primary frame mix per theme and source group", table,
                      lambda: figures.plot_frame_mix(drawn, themes, frames))


def figure_groups(frame: pd.DataFrame, weight: str, n: int, reference: str,
                  column: str = "source_group") -> pd.DataFrame:
    """The rows of the groups a figure draws: the paper first, then the groups with the largest `weight`;
    with every UN member in the corpus a figure of 190 groups would be unreadable."""
    totals = frame.groupby(column)[weight].sum().sort_values(ascending=False, kind="stable")
    chosen = sorted(totals.index, key=lambda g: (g != reference, -totals[g], g))[:n]
    return frame[frame[column].isin(chosen)]


def ordered_themes(frame: pd.DataFrame) -> list[str]:
    """`all` first, then the themes by sentences."""
    totals = frame.groupby("theme")["total"].max().sort_values(ascending=False)
    return sorted(totals.index, key=lambda t: (t != "all", -totals[t]))


def divergence_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    data = results.get("frame_divergence")
    if data is None:
        return missing("frame_divergence")
    overall = data[data["grouping"] == "source_group"]
    if overall.empty:
        overall = data
    table = build_table(data.sort_values(["grouping", "theme", "group_a", "group_b"]), "t-frame_divergence",
                        ["grouping", "theme", "group_a", "group_b", "n_a", "n_b", "jsd", "p_value", "p_adjusted",
                         "top_frame_a", "top_frame_b"], max_rows=settings["framing_max_rows"],
                        evidence_cap=settings["evidence_per_cell"],
                        filter_columns={"group": "_groups", "theme": "theme"})
    sizes = pd.concat([overall[["group_a", "n_a"]].set_axis(["source_group", "n"], axis=1),
                       overall[["group_b", "n_b"]].set_axis(["source_group", "n"], axis=1)])
    chosen = set(figure_groups(sizes, "n", settings["figure_groups"], settings["reference_group"])["source_group"])
    drawn = overall[overall["group_a"].isin(chosen) & overall["group_b"].isin(chosen)]
    return FigureSpec("frame_divergence", "Jensen-Shannon divergence of the frame mix between groups", table,
                      lambda: figures.plot_divergence(drawn))


def keyness_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    data = results.get("keyness")
    if data is None:
        return missing("keyness")
    top = settings["keyness_top"]
    plotted = figure_groups(data[(data["grouping"] == "source_group") & (data["z"] > 0) & (data["rank"] <= top)],
                            "count", settings["figure_groups"], settings["reference_group"])
    shown = (with_period(data[data["rank"] <= top])
             .sort_values(["_order", "source_group", "decade", "period", "z"],
                          ascending=[True, True, True, True, False], na_position="first"))
    table = build_table(shown, "t-keyness",
                        ["source_group", "period", "term", "direction", "count", "count_rest", "log_odds", "z", "rank"],
                        max_rows=settings["framing_max_rows"], evidence_cap=settings["evidence_per_cell"],
                        keyword_column="term", filter_columns={"group": "source_group", "period": "_period"},
                        note=f"Top {top} terms per group, period and direction.")
    return FigureSpec("keyness", "Keyness: the most distinctive terms of each group", table,
                      lambda: figures.plot_keyness(plotted))


def dyads_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    data = results.get("dyads")
    if data is None:
        return missing("dyads")
    pairs = chosen_pairs(data, settings["dyad_pairs"], settings.get("dyads") or [])
    by_decade = figure_groups(data[data["grouping"] == "source_group+decade"], "relations", settings["figure_groups"],
                              settings["reference_group"])
    shown = (with_period(data).sort_values(["_order", "source_group", "decade", "period", "relations"],
                                           ascending=[True, True, True, True, False], na_position="first")
             .groupby(["grouping", "source_group", "period"], dropna=False).head(settings["dyads_per_group"]))
    table = build_table(shown, "t-dyads",
                        ["source_group", "period", "actor_a", "actor_b", "relations", "mean_score", "ci_low",
                         "ci_high", "share_cooperation", "share_conflict", "share_neutral"],
                        max_rows=settings["framing_max_rows"], evidence_cap=settings["evidence_per_cell"],
                        filter_columns={"group": "source_group", "period": "_period"},
                        note=f"Top {settings['dyads_per_group']} pairs by relations per group and period.")
    return FigureSpec("dyad_timelines", "Dyad polarity by decade", table,
                      lambda: figures.plot_dyad_timelines(by_decade, pairs))


def speaker_dyads_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    """How the states speak of each other: the speakers' own acts towards the configured dyads' actors, one
    line per direction ("PAK on RUS", "RUS on PAK"), per decade, with N and intervals in the table."""
    data = results.get("speaker_dyads")
    if data is None:
        return missing("speaker_dyads")
    pairs = [tuple(sorted(p)) for p in settings["dyads"]]
    if not pairs:
        return "speaker_dyads: no dyads configured (compare.dyads)"
    wanted = {d for a, b in pairs for d in ((a, b), (b, a))}
    chosen = data[np.array([d in wanted for d in zip(data["speaker"], data["target"])], dtype=bool)]
    decades = chosen[chosen["grouping"] == "decade"]
    lines = decades.assign(actor_a=np.minimum(decades["speaker"], decades["target"]),
                           actor_b=np.maximum(decades["speaker"], decades["target"]),
                           source_group=decades["speaker"] + " on " + decades["target"])
    present = set(zip(lines["actor_a"], lines["actor_b"]))
    drawn = [p for p in pairs if p in present][:settings["dyad_pairs"]] or pairs[:1]
    shown = chosen.sort_values(["grouping", "speaker", "target", "year", "decade", "period"], na_position="first")
    table = build_table(shown, "t-speaker-dyads",
                        ["grouping", "period", "decade", "year", "speaker", "target", "relations", "mean_score",
                         "ci_low", "ci_high", "share_cooperation", "share_conflict", "share_neutral"],
                        max_rows=settings["framing_max_rows"], evidence_cap=settings["evidence_per_cell"],
                        filter_columns={"group": "speaker"},
                        note='The speaking state\'s own acts ("we condemn ...") towards the actors of compare.dyads.')
    title = "How the states speak of each other, by decade"
    return FigureSpec("speaker_timelines", title, table, lambda: figures.plot_dyad_timelines(lines, drawn, title))


def chosen_pairs(dyads: pd.DataFrame, n: int, configured: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """The configured pairs (`compare.dyads`, the study's dyad first) present in the table; without any,
    the pairs with most relations overall."""
    present = set(zip(dyads["actor_a"], dyads["actor_b"]))
    wanted = [(str(a), str(b)) for a, b in configured if (a, b) in present]
    if wanted:
        return wanted
    totals = dyads.groupby(["actor_a", "actor_b"])["relations"].sum().sort_values(ascending=False)
    return [(str(a), str(b)) for a, b in list(totals.index)[:n]]


def certainty_figure(results: Results, settings: dict[str, Any]) -> FigureSpec | str:
    data = results.get("certainty")
    if data is None:
        return missing("certainty")
    overall = data[data["grouping"] == "source_group"]
    shown = with_period(data).sort_values(["_order", "source_group", "decade", "period"], na_position="first")
    table = build_table(shown, "t-certainty",
                        ["source_group", "period", "documents", "sentences", "hedges_per_1k", "boosters_per_1k",
                         "certainty_index", "ci_low", "ci_high"], max_rows=settings["framing_max_rows"],
                        evidence_cap=settings["evidence_per_cell"],
                        filter_columns={"group": "source_group", "period": "_period"})
    drawn = figure_groups(overall, "sentences", settings["figure_groups"], settings["reference_group"])
    return FigureSpec("certainty", "Certainty (boosters vs hedges) per source group", table,
                      lambda: figures.plot_certainty(drawn))


# ---------------------------------------------------------------- method and provenance

def build_method_section(results: Results, settings: dict[str, Any]) -> Section:
    section = Section("method", "Method and provenance", "Configuration, versions, seeds, evaluation scores and "
                      "timings of the run that produced these results.")
    manifest = results.json.get("manifest")
    if manifest is None:
        section.unavailable.append("run manifest (manifest.json): not available")
    else:
        add_versions(section, manifest)
        section.preformatted.append(("Configuration", json.dumps(manifest.get("config", {}), indent=2,
                                                                 sort_keys=True)))
        timings = manifest.get("timings_s") or {}
        frame = pd.DataFrame({"stage": list(timings), "seconds": [float(v) for v in timings.values()]})
        section.blocks.append(Block("Timings (seconds per job)", build_table(
            frame, "method-timings", ["stage", "seconds"], max_rows=settings["max_rows"])))
    evaluation = results.json.get("evaluation")
    if evaluation is None:
        section.unavailable.append("evaluation scores (evaluation.json): not available")
    else:
        flat = flatten(evaluation)
        frame = pd.DataFrame({"key": list(flat), "value": list(flat.values())})
        section.blocks.append(Block("Evaluation", build_table(frame, "method-evaluation", ["key", "value"],
                                                              max_rows=settings["max_rows"])))
    section.preformatted.append(("Report settings", json.dumps(settings, indent=2, sort_keys=True)))
    return section


def add_versions(section: Section, manifest: dict[str, Any]) -> None:
    model = manifest.get("model") or {}
    facts = [("created", manifest.get("created")), ("discourse", manifest.get("discourse_version")),
             ("python", manifest.get("python")), ("platform", manifest.get("platform")),
             ("spaCy model", f"{model.get('name', '')} {model.get('version', '')}".strip()),
             ("seeds", ", ".join(f"{k}={v}" for k, v in (manifest.get("seeds") or {}).items()))]
    facts += [(f"package {name}", version) for name, version in sorted((manifest.get("packages") or {}).items())]
    facts += [("gazetteer", (manifest.get("gazetteer") or {}).get("path"))]
    facts += [(f"lexicon {name}", f"{entry.get('path')} (sha256 {str(entry.get('sha256'))[:12]})")
              for name, entry in sorted((manifest.get("lexicons") or {}).items())]
    facts += [(f"input {k}", v) for k, v in sorted((manifest.get("inputs") or {}).items()) if isinstance(v, str)]
    section.facts.extend((k, "" if v is None else str(v)) for k, v in facts)


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Nested JSON as dotted keys; lists longer than a few items are summarised, not dumped."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and len(value) > 10:
        return {prefix: f"[{len(value)} items]"}
    if isinstance(value, float):
        return {prefix: f"{value:.4g}"}
    return {prefix: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)}
