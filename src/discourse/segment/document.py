"""Assemble one parsed document (the JSON object passed between stages) from its text and metadata."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from discourse.corpus.normalize import normalize_text, remove_controls
from discourse.segment.citations import (match_citation, parse_citations, parse_reference, reference_key,
                                         suggest_reference)
from discourse.segment.structure import DEFAULT_MAX_PARAGRAPH_CHARS, Segment, layout_segments, segment_text

SCHEMA_VERSION = 1
# Genres whose texts are read as speeches (no headings, no reference list) unless `structure` says otherwise.
SPEECH_GENRES = frozenset({"un_general_debate", "speech", "statement", "transcript"})


def document_structure(metadata: dict[str, Any]) -> str:
    """The document structure, "article" or "speech": from the metadata's `structure`, else from its genre."""
    return metadata.get("structure") or ("speech" if metadata.get("genre") in SPEECH_GENRES else "article")


def parse_document(doc_id: str, text: str, metadata: dict[str, Any],
                   max_paragraph_chars: int = DEFAULT_MAX_PARAGRAPH_CHARS) -> dict[str, Any]:
    """Segment normalised-or-raw text into the document object described by `document.schema.json`; body
    paragraphs longer than `max_paragraph_chars` are split (spaCy gets bounded texts)."""
    # what a file or metadata table declares reaches tables and the report too: no control characters there
    metadata = {key: remove_controls(value) if isinstance(value, str) else value for key, value in metadata.items()}
    structure = document_structure(metadata)
    segments = segment_text(normalize_text(text), title=metadata.get("title"), structure=structure,
                            max_paragraph_chars=max_paragraph_chars)
    full_text = layout_segments(segments)
    body = [s for s in segments if s.part == "body"]
    sections, paragraphs = _sections_and_paragraphs(doc_id, body)
    references = _references(doc_id, [s for s in segments if s.part == "references"])
    # Speeches cite no literature; a "City (1945)" in them is not a citation
    citations = _citations(doc_id, paragraphs, body, references) if structure == "article" else []
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc_id,
        "structure": structure,
        "metadata": metadata,
        "text": full_text,
        "front_matter": [{"kind": s.kind, "label": s.label, "text": s.text, "start": s.start, "end": s.end}
                         for s in segments if s.part == "front_matter"],
        "sections": sections,
        "paragraphs": paragraphs,
        "footnotes": [{"footnote_id": f"{doc_id}/fn{i}", "marker": s.label, "text": s.text, "start": s.start,
                       "end": s.end} for i, s in enumerate((s for s in segments if s.part == "footnote"), 1)],
        "references": references,
        "citations": citations,
        "citation_integrity": check_citation_integrity(citations, references),
        "links": [{"text": link.text, "url": link.url, "start": s.start + link.start, "end": s.start + link.end}
                  for s in segments for link in s.links],
    }


def _sections_and_paragraphs(doc_id: str, body: list[Segment]) -> tuple[list[dict], list[dict]]:
    sections: list[dict] = []
    paragraphs: list[dict] = []
    open_sections: list[dict] = []  # the current heading path, outermost first
    for segment in body:
        if segment.kind == "heading":
            level = segment.level or 1
            open_sections = [s for s in open_sections if s["level"] < level]
            section = {"section_id": f"{doc_id}/s{len(sections) + 1:03d}", "heading": segment.text,
                       "heading_path": list(segment.heading_path), "level": level,
                       "parent_id": open_sections[-1]["section_id"] if open_sections else None,
                       "start": segment.start, "end": segment.end, "order": len(sections) + 1}
            sections.append(section)
            open_sections.append(section)
            continue
        for section in open_sections:  # a section spans its heading and everything under it
            section["end"] = segment.end
        paragraphs.append({"paragraph_id": f"{doc_id}/p{len(paragraphs) + 1:04d}",
                           "section_id": open_sections[-1]["section_id"] if open_sections else None,
                           "heading_path": list(segment.heading_path), "kind": segment.kind,
                           "text": segment.text, "start": segment.start, "end": segment.end,
                           "order": len(paragraphs) + 1})
    return sections, paragraphs


def _references(doc_id: str, segments: list[Segment]) -> list[dict]:
    out = []
    for index, segment in enumerate(segments, 1):
        ref = parse_reference(segment.text)
        out.append({"reference_id": f"{doc_id}/r{index:03d}", "text": segment.text, "authors": ref.authors,
                    "surnames": list(ref.surnames), "year": ref.year, "title": ref.title, "venue": ref.venue,
                    "doi": ref.doi, "url": ref.url, "key": reference_key(ref) if ref.surnames else None,
                    "start": segment.start, "end": segment.end})
    return out


def _citations(doc_id: str, paragraphs: list[dict], body: list[Segment], references: list[dict]) -> list[dict]:
    parsed_refs = [parse_reference(r["text"]) for r in references]
    links_by_start = {}
    for segment in body:
        for link in segment.links:
            links_by_start[segment.start + link.start] = link.url
    out = []
    for paragraph in paragraphs:
        for cite in parse_citations(paragraph["text"]):
            start = paragraph["start"] + cite.start
            hits = match_citation(cite, parsed_refs)
            out.append({"citation_id": f"{doc_id}/c{len(out) + 1:03d}", "paragraph_id": paragraph["paragraph_id"],
                        "text": cite.text, "surnames": list(cite.surnames), "et_al": cite.et_al, "year": cite.year,
                        "style": cite.style, "start": start, "end": paragraph["start"] + cite.end,
                        "link_url": links_by_start.get(start),
                        "reference_id": references[hits[0]]["reference_id"] if len(hits) == 1 else None,
                        "n_candidates": len(hits), "_suggestion": None if hits else suggest_reference(cite, parsed_refs)})
    for cite in out:
        suggestion = cite.pop("_suggestion")
        cite["suggested_reference_id"] = references[suggestion[0]]["reference_id"] if suggestion else None
        cite["suggestion_reason"] = suggestion[1] if suggestion else None
    return out


def check_citation_integrity(citations: list[dict], references: list[dict]) -> list[dict]:
    """Citations with no (or no single) matching reference, and references never cited."""
    rows = []
    unmatched: dict[str, list[dict]] = defaultdict(list)
    for cite in citations:
        if cite["reference_id"] is None:
            unmatched[cite["text"]].append(cite)
    for cited_as, cites in unmatched.items():
        first = cites[0]
        issue = "ambiguous_citation" if first["n_candidates"] > 1 else "citation_without_reference"
        rows.append({"issue": issue, "cited_as": cited_as, "citation_ids": [c["citation_id"] for c in cites],
                     "paragraph_ids": sorted({c["paragraph_id"] for c in cites}), "n_citations": len(cites),
                     "reference_id": None, "reference_key": None,
                     "suggested_reference_id": first["suggested_reference_id"],
                     "detail": first["suggestion_reason"] or ("several references match" if issue == "ambiguous_citation"
                                                              else "no reference with this author and year")})
    cited = {c["reference_id"] for c in citations if c["reference_id"]}
    suggested = {c["suggested_reference_id"]: c["text"] for c in citations if c["suggested_reference_id"]}
    for ref in references:
        if ref["reference_id"] not in cited:
            hint = suggested.get(ref["reference_id"])
            rows.append({"issue": "reference_never_cited", "cited_as": None, "citation_ids": [], "paragraph_ids": [],
                         "n_citations": 0, "reference_id": ref["reference_id"], "reference_key": ref["key"],
                         "suggested_reference_id": None,
                         "detail": f"possibly cited as '{hint}'" if hint else "not cited in the body"})
    return rows
