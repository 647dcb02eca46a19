"""A small synthetic results directory that follows the table contracts, with hostile corpus text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from discourse.tables import columns
from discourse.tables import write_table as write_contract_table
from tests.conftest import default_config

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'
GROUPS = ["paper", "UNGDC PAK", "UNGDC RUS"]
THEMES = ["all", "afghanistan", "defence_security"]
FRAMES = ["security_defense", "political", "economic"]


def write_table(frame: pd.DataFrame, table: str, path: Path) -> None:
    """Fixture rows give only the columns the tests read: the contract's other columns are added here as
    nulls, explicitly (the contract check still rejects a column the contract does not have)."""
    write_contract_table(frame.assign(**{c: None for c in columns(table) if c not in frame}), table, path)


def sid(doc: str, p: int, s: int) -> str:
    return f"{doc}/p{p:04d}/s{s:02d}"


def write_corpus(root: Path) -> None:
    docs = [
        {"doc_id": "paper:k2023", "corpus_id": "paper", "local_id": "k2023",
         "title": f"Russia and Pakistan {XSS_SCRIPT}", "author": "Khatoon, S.", "country": None, "year": 2023,
         "n_paragraphs": 3, "n_words": 300, "text": XSS_SCRIPT},
    ]
    for country in ("PAK", "RUS"):
        for year in (1980, 1985, 1995, 2005):
            docs.append({"doc_id": f"ungdc:{country}_{year}", "corpus_id": "ungdc", "local_id": f"{country}_{year}",
                         "title": f"UNGDC {country} {year}", "country": country, "year": year,
                         "speaker": f"Speaker {country}", "n_paragraphs": 2, "n_words": 200, "text": "..."})
    write_table(pd.DataFrame(docs), "documents", root / "ingest/documents.parquet")
    sections = [{"section_id": "paper:k2023/s001", "doc_id": "paper:k2023", "heading": "Introduction",
                 "heading_path": "Introduction", "level": 1, "order": 1, "start": 0, "end": 10},
                {"section_id": "paper:k2023/s002", "doc_id": "paper:k2023", "heading": f"Cold War {XSS_IMG}",
                 "heading_path": f"Cold War {XSS_IMG}", "level": 1, "order": 2, "start": 10, "end": 20}]
    write_table(pd.DataFrame(sections), "sections", root / "ingest/sections.parquet")
    paragraphs = [{"paragraph_id": f"paper:k2023/p{i:04d}", "doc_id": "paper:k2023",
                   "section_id": f"paper:k2023/s00{1 if i == 1 else 2}", "kind": "paragraph", "order": i,
                   "start": 0, "end": 1, "n_words": 100, "text": XSS_SCRIPT} for i in (1, 2, 3)]
    paragraphs.append({"paragraph_id": "ungdc:PAK_1980/p0001", "doc_id": "ungdc:PAK_1980", "kind": "paragraph",
                       "order": 1, "start": 0, "end": 1, "n_words": 100, "text": "speech"})
    write_table(pd.DataFrame(paragraphs), "paragraphs", root / "ingest/paragraphs.parquet")
    write_table(pd.DataFrame([{"citation_id": "paper:k2023/c001", "doc_id": "paper:k2023",
                               "paragraph_id": "paper:k2023/p0001", "text": "Jalal, 1997", "surnames": ["Jalal"],
                               "et_al": False, "year": "1997", "style": "parenthetical", "start": 1, "end": 5,
                               "n_candidates": 0, "suggested_reference_id": "paper:k2023/r001"}]),
                "citations", root / "ingest/citations.parquet")
    write_table(pd.DataFrame([{"doc_id": "paper:k2023", "issue": "citation_without_reference",
                               "cited_as": "Jalal, 1997",
                               "citation_ids": ["paper:k2023/c001"], "paragraph_ids": ["paper:k2023/p0001"],
                               "n_citations": 1, "suggested_reference_id": "paper:k2023/r001",
                               "detail": "cited author 'Jalal' is a co-author"}]),
                "citation_integrity", root / "ingest/citation_integrity.parquet")
    write_table(pd.DataFrame([{"stage": "parse", "corpus_id": "paper", "doc_id": "paper:empty", "path": "x.txt",
                               "reason": "empty file"}]), "skipped", root / "ingest/skipped.parquet")
    write_table(pd.DataFrame([]), "skipped", root / "corpus/inventory_skipped.parquet")
    (root / "corpus/ungdc_status.json").write_text(json.dumps({"status": "available", "source": "mirror",
                                                                "reason": None, "sha256": "ab" * 32}))
    manifest = {"config": {"seed": 1, "topics": {"k": [2]}}, "python": "3.11.7", "discourse_version": "0.1.0",
                "model": {"name": "en_core_web_sm", "version": "3.8.0"}, "packages": {"spacy": "3.8.18"},
                "seeds": {"seed": 1}, "timings_s": {"parse-0": 1.5, "nlp-0": 10.25},
                "corpora": {"paper": {"documents": 1, "status": "included"}},
                "lexicons": {"frames": {"path": "package:discourse/data/frames.yaml", "sha256": "cd" * 32}}}
    (root / "manifest.json").write_text(json.dumps(manifest))
    (root / "evaluation.json").write_text(json.dumps({"actors": {"precision": 0.99, "recall": 0.98}}))


def write_actors_and_topics(root: Path) -> None:
    counts = [{"source_group": g, "actor": a, "name": a, "kind": "state", "mentions": m, "sentences": m,
               "documents": 1} for g in GROUPS + ["all"] for a, m in (("PAK", 9), ("RUS", 7), ("AFG", 4))]
    write_table(pd.DataFrame(counts), "actor_counts", root / "actors/actor_counts.parquet")
    edges = [{"source_group": g, "source": s, "target": t, "sentences": w, "documents": 1,
              "example_sentence_ids": []} for g in GROUPS + ["all"]
             for s, t, w in (("PAK", "RUS", 5), ("AFG", "PAK", 3), ("AFG", "RUS", 1))]
    write_table(pd.DataFrame(edges), "actor_cooccurrence", root / "actors/actor_cooccurrence.parquet")
    write_table(pd.DataFrame([{"engine": e, "k": k, "seed": s, "c_v": 0.3 + k / 100, "c_npmi": -0.01 * k,
                               "stability": 0.6, "topic_stability": [0.6] * k}
                              for e in ("nmf", "tomotopy") for k in (2, 3) for s in (1, 2)]),
                "sweep", root / "topics/sweep.parquet")
    (root / "topics/selection.json").write_text(json.dumps({"engine": "nmf", "k": 2, "seed": 1, "c_v": 0.32,
                                                            "c_npmi": -0.02, "stability": 0.6}))
    write_table(pd.DataFrame([{"topic": t, "label": f"label {t}", "theme": "afghanistan", "theme_score": 0.1,
                               "mean_share": 0.5} for t in (0, 1)]), "topics", root / "topics/topics.parquet")
    write_table(pd.DataFrame([{"topic": t, "by": by, "rank": r, "term": f"term{t}{r}", "probability": 0.1,
                               "frex": 0.5} for t in (0, 1) for by in ("probability", "frex") for r in (1, 2, 3)]),
                "topic_terms", root / "topics/topic_terms.parquet")
    write_table(pd.DataFrame([{"unit_id": "paper:k2023/p0001", "doc_id": "paper:k2023",
                               "paragraph_id": "paper:k2023/p0001", "topic": t, "share": 0.9, "rank": 1,
                               "text": f"Representative {XSS_SCRIPT} paragraph"} for t in (0, 1)]),
                "representative_paragraphs", root / "topics/representative_paragraphs.parquet")
    rows = [{"grouping": "country+year", "country": c, "year": y, "topic": t, "share": 0.5, "ci_low": 0.4,
             "ci_high": 0.6, "n_documents": 1} for c in ("PAK", "RUS") for y in (1980, 1985, 1995) for t in (0, 1)]
    rows += [{"grouping": "source_group+decade", "source_group": g, "decade": d, "topic": t, "share": 0.5,
              "ci_low": 0.4, "ci_high": 0.6, "n_documents": 2} for g in GROUPS[1:] for d in (1980, 1990)
             for t in (0, 1)]
    write_table(pd.DataFrame(rows), "prevalence", root / "topics/prevalence.parquet")


def write_framing(root: Path) -> None:
    framing = [{"sentence_id": sid("paper:k2023", p, 1), "doc_id": "paper:k2023",
                "paragraph_id": f"paper:k2023/p{p:04d}",
                "themes": ["afghanistan"] if p < 3 else ["defence_security"],
                "primary_frame": "security_defense", "primary_score": 1.0, "hedges": [], "boosters": [],
                "n_tokens": 10, "n_actors": 2} for p in (1, 2, 3)]
    write_table(pd.DataFrame(framing), "sentence_framing", root / "framing/sentence_framing.parquet")
    write_table(pd.DataFrame([{"sentence_id": sid("paper:k2023", 1, 1), "doc_id": "paper:k2023",
                               "theme": "afghanistan", "cue": "Afghan", "start": 0, "end": 6}]),
                "theme_matches", root / "framing/theme_matches.parquet")
    write_table(pd.DataFrame([{"sentence_id": sid("paper:k2023", 1, 1), "doc_id": "paper:k2023",
                               "frame": "security_defense", "score": 1.0, "rank": 1, "cues": ["troops"]}]),
                "frame_scores", root / "framing/frame_scores.parquet")


def evidence_ids(group: str) -> list[str]:
    doc = "paper:k2023" if group == "paper" else f"ungdc:{group[-3:]}_1980"
    return [sid(doc, 1, 1), sid(doc, 1, 2)]


def write_compare(root: Path) -> None:
    dist = []
    for grouping, periods in (("source_group", [None]), ("source_group+period", ["cold_war", "post_cold_war"])):
        for g in GROUPS:
            for period in periods:
                for theme in THEMES:
                    for i, frame in enumerate(FRAMES):
                        share = [0.5, 0.3, 0.2][i] if g != "UNGDC RUS" else [0.2, 0.3, 0.5][i]
                        dist.append({"grouping": grouping, "source_group": g, "period": period, "theme": theme,
                                     "frame": frame, "sentences": int(share * 10), "total": 10, "share": share,
                                     "ci_low": share - 0.1, "ci_high": share + 0.1, "evidence": evidence_ids(g)})
    write_table(pd.DataFrame(dist), "frame_distribution", root / "compare/frame_distribution.parquet")
    div = [{"grouping": "source_group", "theme": t, "group_a": a, "group_b": b, "n_a": 10, "n_b": 10, "jsd": 0.12,
            "p_value": 0.01, "p_adjusted": 0.03, "top_frame_a": "security_defense", "top_frame_b": "economic",
            "evidence": evidence_ids(a)[:1] + evidence_ids(b)[:1]}
           for t in THEMES for a, b in (("paper", "UNGDC PAK"), ("paper", "UNGDC RUS"), ("UNGDC PAK", "UNGDC RUS"))]
    write_table(pd.DataFrame(div), "frame_divergence", root / "compare/frame_divergence.parquet")
    key = [{"grouping": "source_group", "source_group": g, "term": term, "count": 5, "count_rest": 1,
            "log_odds": 1.2 * sign, "z": 3.0 * sign / r, "rank": r, "evidence": evidence_ids(g)}
           for g in GROUPS for sign in (1, -1) for r, term in enumerate(("troops", "corridor", "refugee"), 1)]
    write_table(pd.DataFrame(key), "keyness", root / "compare/keyness.parquet")
    dyads = []
    for grouping, decades in (("source_group", [None]), ("source_group+decade", [1980, 1990, 2000])):
        for g in GROUPS[1:]:
            for decade in decades:
                for a, b, score in (("PAK", "RUS", 2.0), ("AFG", "PAK", -3.0)):
                    dyads.append({"grouping": grouping, "source_group": g, "decade": decade, "actor_a": a,
                                  "actor_b": b, "relations": 4, "mean_score": score, "ci_low": score - 1,
                                  "ci_high": score + 1, "share_cooperation": 0.5, "share_conflict": 0.25,
                                  "share_neutral": 0.25, "evidence": evidence_ids(g)})
    write_table(pd.DataFrame(dyads), "dyads", root / "compare/dyads.parquet")
    spoken = [{"grouping": grouping, "decade": decade, "year": None, "period": None, "speaker": s, "target": t,
               "relations": 3, "mean_score": score, "ci_low": score - 1, "ci_high": score + 1,
               "share_cooperation": 0.6, "share_conflict": 0.2, "share_neutral": 0.2,
               "evidence": evidence_ids(f"UNGDC {s}")}
              for grouping, decades in (("decade", [1980, 1990]),) for decade in decades
              for s, t, score in (("PAK", "RUS", 2.5), ("RUS", "PAK", -1.0))]
    write_table(pd.DataFrame(spoken), "speaker_dyads", root / "compare/speaker_dyads.parquet")
    cert = [{"grouping": "source_group", "source_group": g, "documents": 4, "sentences": 40, "hedges_per_1k": 2.0,
             "boosters_per_1k": 3.0, "certainty_index": 0.1, "ci_low": 0.0, "ci_high": 0.2,
             "evidence": evidence_ids(g)} for g in GROUPS]
    write_table(pd.DataFrame(cert), "certainty", root / "compare/certainty.parquet")
    evidence = []
    for g in GROUPS:
        for i, sentence_id in enumerate(evidence_ids(g)):
            hostile = g == "paper" and i == 0
            text = (f"Soviet troops left Afghanistan {XSS_SCRIPT} and {XSS_IMG} the end" if hostile
                    else f"The {g} statement on the economic corridor, sentence {i}.")
            evidence.append({"sentence_id": sentence_id, "doc_id": sentence_id.split("/")[0], "source_group": g,
                             "country": None if g == "paper" else g[-3:], "year": 2023 if g == "paper" else 1980,
                             "speaker": "Khatoon" if g == "paper" else f"Speaker {g[-3:]}", "title": "T",
                             "text": text, "themes": ["afghanistan"], "primary_frame": "security_defense"})
    write_table(pd.DataFrame(evidence), "evidence", root / "compare/evidence.parquet")


def make_results(root: Path, framing: bool = True) -> Path:
    for folder in ("ingest", "corpus", "actors", "topics", "framing", "compare", "figures"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    write_corpus(root)
    write_actors_and_topics(root)
    if framing:
        write_framing(root)
        write_compare(root)
    return root


@pytest.fixture(scope="session")
def synthetic_results(tmp_path_factory) -> Path:
    return make_results(tmp_path_factory.mktemp("results"))


@pytest.fixture(scope="session")
def built_report(synthetic_results, tmp_path_factory) -> tuple[Path, dict]:
    from discourse.report.build import build_report

    out = tmp_path_factory.mktemp("out")
    summary = build_report(synthetic_results, out / "report", out / "figures",
                           default_config({"report": {"evidence_per_cell": 3}}), synthetic_results / "evaluation.json")
    return out / "report", summary


@pytest.fixture()
def results_without_framing(tmp_path) -> Path:
    root = make_results(tmp_path / "results", framing=False)
    shutil.rmtree(root / "framing")
    return root
