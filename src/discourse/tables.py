"""Table contracts: every table's columns, Arrow types and meaning, in one place.

Stages build their frames through `frame_for`/`arrow_schema`, the DuckDB store and `docs/tables.md`
are generated from the same definitions, so the documentation cannot drift from the files.
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd
import pyarrow as pa

S, I, B, F = pa.string(), pa.int64(), pa.bool_(), pa.float64()
LS = pa.list_(pa.string())

# table -> (description, [(column, type, meaning)])
CONTRACTS: dict[str, tuple[str, list[tuple[str, pa.DataType, str]]]] = {
    "documents": ("One row per ingested document. Extra metadata columns from a corpus's metadata table "
                  "follow the listed ones, as strings.", [
        ("doc_id", S, "Document id, `<corpus_id>:<local_id>`; every other table links back through it"),
        ("corpus_id", S, "Registry id of the corpus (`paper`, `ungdc`, ...)"),
        ("local_id", S, "Id within the corpus (metadata `doc_id`; UNGDC `ISO_SESSION_YEAR`)"),
        ("format", S, "Reader used: txt, md, html, pdf, docx"),
        ("path", S, "Source file (relative to the project) or archive"),
        ("member", S, "Member path inside the archive, for archived corpora"),
        ("sha256", S, "sha256 of the source bytes"),
        ("size", I, "Source size in bytes"),
        ("title", S, "Title"),
        ("author", S, "Author(s) or speaker"),
        ("source", S, "Publisher, outlet or corpus"),
        ("country", S, "ISO 3166-1 alpha-3 code of the speaking state (UNGDC) or as given in metadata"),
        ("date", S, "Date as given (ISO 8601 where known)"),
        ("year", I, "Year"),
        ("genre", S, "academic, un_general_debate, news, ..."),
        ("url", S, "URL"),
        ("licence", S, "Licence of the text"),
        ("session", I, "UN General Assembly session (UNGDC)"),
        ("speaker", S, "Name of the person speaking (UNGDC, from Speakers_by_session.xlsx)"),
        ("post", S, "Post of the speaker (UNGDC)"),
        ("n_sections", I, "Body sections"),
        ("n_paragraphs", I, "Body paragraphs"),
        ("n_words", I, "Whitespace-separated words in body paragraphs"),
        ("text", S, "The normalised document text all offsets refer to: front matter, body, footnotes, "
                    "references, blocks separated by a blank line"),
    ]),
    "front_matter": ("Title, authors and labelled fields (abstract, keywords, DOI, citation, ...) of an article; "
                     "not analysed.", [
        ("doc_id", S, "Document"),
        ("kind", S, "title | author | field"),
        ("label", S, "Field name (abstract, keywords, doi, citation, ...) or the author's footnote marker"),
        ("text", S, "Text"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset (exclusive)"),
    ]),
    "sections": ("Body sections from headings, with their nesting.", [
        ("section_id", S, "`<doc_id>/sNNN`"),
        ("doc_id", S, "Document"),
        ("heading", S, "Heading text"),
        ("heading_path", S, "Headings from the outermost down, joined by ' > '"),
        ("level", I, "1 = top level"),
        ("parent_id", S, "Enclosing section, if any"),
        ("order", I, "Position among the document's sections, from 1"),
        ("start", I, "Start offset of the heading in documents.text"),
        ("end", I, "End offset of the section's last paragraph"),
    ]),
    "paragraphs": ("Body paragraphs: the only text later stages analyse.", [
        ("paragraph_id", S, "`<doc_id>/pNNNN`"),
        ("doc_id", S, "Document"),
        ("section_id", S, "Innermost enclosing section (null for unstructured texts such as speeches)"),
        ("heading_path", S, "Headings above the paragraph, joined by ' > '"),
        ("kind", S, "paragraph | list_item"),
        ("order", I, "Position in the document body, from 1"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset (exclusive)"),
        ("n_words", I, "Whitespace-separated words"),
        ("text", S, "Paragraph text, page-break fragments rejoined"),
    ]),
    "footnotes": ("Footnotes, moved out of the body.", [
        ("footnote_id", S, "`<doc_id>/fnN`"),
        ("doc_id", S, "Document"),
        ("marker", S, "Footnote marker (*, †, ‡, ...)"),
        ("text", S, "Text"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
    ]),
    "references": ("Reference-list entries, parsed.", [
        ("reference_id", S, "`<doc_id>/rNNN`"),
        ("doc_id", S, "Document"),
        ("key", S, "Author-year key as it would be cited (`Chia & Haiqi, 2021`)"),
        ("authors", S, "Author string as printed"),
        ("surnames", LS, "Surnames of the authors, in order"),
        ("year", S, "Year (null for n.d.)"),
        ("title", S, "Title"),
        ("venue", S, "Journal, publisher or outlet"),
        ("doi", S, "DOI"),
        ("url", S, "URL"),
        ("text", S, "The entry as printed"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
    ]),
    "citations": ("In-text citations, one row per author-year, linked to paragraph and reference.", [
        ("citation_id", S, "`<doc_id>/cNNN`"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph the citation stands in"),
        ("text", S, "As written (`Chia & Haiqi, 2021`)"),
        ("surnames", LS, "Cited surnames"),
        ("et_al", B, "Cited with et al."),
        ("year", S, "Cited year"),
        ("style", S, "parenthetical | narrative"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
        ("link_url", S, "Link target the source gave the citation, if any (Markdown link syntax is removed from text)"),
        ("reference_id", S, "The one matching reference (null if none or several)"),
        ("n_candidates", I, "References matching author(s) and year"),
        ("suggested_reference_id", S, "For unmatched citations: the likeliest intended reference"),
        ("suggestion_reason", S, "Why it is suggested"),
    ]),
    "citation_integrity": ("Mismatches between citations and the reference list.", [
        ("doc_id", S, "Document"),
        ("issue", S, "citation_without_reference | ambiguous_citation | reference_never_cited"),
        ("cited_as", S, "The citation text (for citation issues)"),
        ("citation_ids", LS, "Citations concerned"),
        ("paragraph_ids", LS, "Paragraphs they stand in"),
        ("n_citations", I, "How many times it is cited"),
        ("reference_id", S, "The reference (for reference_never_cited)"),
        ("reference_key", S, "Its author-year key"),
        ("suggested_reference_id", S, "Likely intended reference of an unmatched citation"),
        ("detail", S, "Explanation"),
    ]),
    "links": ("Hyperlinks removed from the text at ingest, kept as data.", [
        ("doc_id", S, "Document"),
        ("text", S, "Link text as it stays in documents.text"),
        ("url", S, "Link target"),
        ("start", I, "Start offset of the link text in documents.text"),
        ("end", I, "End offset"),
    ]),
    "inventory": ("`results/corpus/inventory.parquet`: the documents a run will parse, one row each, sorted by "
                  "doc_id; written by the inventory stage, read by the parse shards.", [
        ("doc_id", S, "Document id"),
        ("corpus_id", S, "Corpus"),
        ("local_id", S, "Id within the corpus"),
        ("format", S, "Reader to use"),
        ("path", S, "Source file or archive, relative to the project where possible"),
        ("member", S, "Archive member, for archived corpora"),
        ("sha256", S, "sha256 of the source bytes (checked again when parsed)"),
        ("size", I, "Bytes"),
        ("shard", I, "Parse job: stable hash of doc_id modulo ingest.shards"),
        ("metadata", S, "The document's metadata as a JSON object"),
    ]),
    "skipped": ("Inputs left out with `on_error: skip`, and why (`results/corpus/inventory_skipped.parquet` "
                "holds the inventory's; `results/ingest/skipped.parquet` all of them).", [
        ("stage", S, "Stage that rejected the input (inventory | parse)"),
        ("corpus_id", S, "Corpus"),
        ("doc_id", S, "Document id, where one was assigned"),
        ("path", S, "File (or archive#member)"),
        ("reason", S, "Why it was left out"),
    ]),
}

CONTRACTS.update({
    "sentences": ("Sentences of body paragraphs (spaCy's parser), with lemmas and coarse POS tags for later "
                  "stages.", [
        ("sentence_id", S, "`<paragraph_id>/sNN`"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph"),
        ("order", I, "Position in the paragraph, from 1"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
        ("text", S, "Sentence text"),
        ("n_tokens", I, "Tokens (whitespace tokens excluded)"),
        ("lemmas", S, "Lower-cased lemma of every token, space-separated (spaces inside a lemma become _)"),
        ("pos", S, "Universal POS tag of every token, aligned with lemmas"),
    ]),
    "entities": ("Every named entity spaCy's NER finds in body sentences, with the actor it denotes, if any.", [
        ("entity_id", S, "`<sentence_id>/eNN`"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph"),
        ("sentence_id", S, "Sentence"),
        ("text", S, "Entity text"),
        ("label", S, "spaCy label (GPE, NORP, ORG, PERSON, DATE, ...)"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
        ("actor_id", S, "Actor id of the actor mention overlapping it most (null if none)"),
    ]),
    "actor_mentions": ("Resolved actor mentions, one row per mention.", [
        ("mention_id", S, "`<sentence_id>/aNN`"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph"),
        ("sentence_id", S, "Sentence"),
        ("actor_id", S, "Canonical actor id: ISO 3166-1 alpha-3 for states, SUN, YUG, CSK, DDR, YMD for historical "
                        "states, UN, NATO, SCO, ... for organisations, TALIBAN"),
        ("actor_merged", S, "actor_id after `actors.merge` (default SUN -> RUS): the id used in aggregates"),
        ("kind", S, "state | historical_state | organisation | movement"),
        ("rule", S, "How it was named: name | demonym | capital"),
        ("text", S, "Mention text"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
    ]),
    "actor_counts": ("Mentions of each actor (merged ids) per source group.", [
        ("source_group", S, "`paper`, `UNGDC <ISO3>`, another corpus id, or `all`"),
        ("actor", S, "Actor id (merged)"),
        ("name", S, "Actor name"),
        ("kind", S, "state | historical_state | organisation | movement"),
        ("mentions", I, "Mentions"),
        ("sentences", I, "Sentences mentioning it"),
        ("documents", I, "Documents mentioning it"),
    ]),
    "actor_cooccurrence": ("Sentence-level co-occurrence of actors (merged ids) per source group: the edge list "
                           "of `results/actors/networks/<group>.graphml`.", [
        ("source_group", S, "Source group"),
        ("source", S, "Actor id (alphabetically first)"),
        ("target", S, "Actor id"),
        ("sentences", I, "Sentences mentioning both (edge weight)"),
        ("documents", I, "Documents with such a sentence"),
        ("example_sentence_ids", LS, "Up to three such sentences, the earliest first"),
    ]),
})

CONTRACTS.update({
    "sweep": ("`results/topics/sweep.parquet`: every fitted model of the sweep.", [
        ("engine", S, "tomotopy | gensim_lda | nmf"),
        ("k", I, "Number of topics"),
        ("seed", I, "Seed of the run"),
        ("c_v", F, "Mean c_v coherence of its topics (top_n terms, gensim CoherenceModel)"),
        ("c_npmi", F, "Mean c_npmi coherence"),
        ("stability", F, "Mean stability of (engine, K) across seeds: matched top-term Jaccard (Hungarian)"),
        ("topic_stability", pa.list_(F), "Stability of each topic of the first seed's run"),
    ]),
    "topics": ("`results/topics/topics.parquet`: the chosen model's topics.", [
        ("topic", I, "Topic number"),
        ("label", S, "Suggested label: its three top FREX terms"),
        ("theme", S, "Theme whose cue terms carry most probability in the topic"),
        ("theme_score", F, "That probability mass"),
        ("mean_share", F, "Mean share over units"),
    ]),
    "topic_terms": ("Top terms of each topic, by probability and by FREX.", [
        ("topic", I, "Topic"),
        ("by", S, "probability | frex"),
        ("rank", I, "Rank, from 1"),
        ("term", S, "Term (lemma, or phrase joined by _)"),
        ("probability", F, "P(term | topic)"),
        ("frex", F, "FREX score (harmonic mean of frequency and exclusivity ECDF ranks, weight 0.5)"),
    ]),
    "unit_topics": ("Topic shares of every unit (paragraph, or part of a long one), long format.", [
        ("unit_id", S, "`<paragraph_id>` (or `/partN`, or `<doc_id>/uNNN` with unit: document)"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "The unit's (first) paragraph"),
        ("topic", I, "Topic"),
        ("share", F, "Share of the topic in the unit"),
    ]),
    "document_topics": ("Topic shares of every document: its units' shares weighted by their token counts.", [
        ("doc_id", S, "Document"),
        ("topic", I, "Topic"),
        ("share", F, "Share"),
    ]),
    "representative_paragraphs": ("Units with the highest share of each topic.", [
        ("unit_id", S, "Unit"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph"),
        ("topic", I, "Topic"),
        ("share", F, "Share of the topic in the unit"),
        ("rank", I, "Rank within the topic"),
        ("text", S, "Paragraph text"),
    ]),
    "prevalence": ("Mean document share of each topic per group, with percentile-bootstrap 95% intervals "
                   "(documents resampled within the group); one block per `topics.groupings` entry.", [
        ("grouping", S, "The grouping columns, joined by +"),
        ("source_group", S, "Source group (where grouped by it)"),
        ("period", S, "cold_war (<= 1991) | post_cold_war (where grouped by it)"),
        ("decade", I, "Decade (where grouped by it)"),
        ("country", S, "Country (where grouped by it)"),
        ("year", I, "Year (where grouped by it)"),
        ("topic", I, "Topic"),
        ("share", F, "Mean document share"),
        ("ci_low", F, "2.5th percentile of bootstrap means"),
        ("ci_high", F, "97.5th percentile"),
        ("n_documents", I, "Documents in the group"),
    ]),
    "topic_themes": ("Every topic's overlap with every theme of the codebook.", [
        ("topic", I, "Topic"),
        ("theme", S, "Theme id"),
        ("score", F, "Probability mass of the theme's cue lemmas in the topic"),
        ("n_cues_in_vocabulary", I, "Cue lemmas present in the vocabulary"),
        ("best", B, "The topic's best theme"),
    ]),
})

SKIPPED_COLUMNS = [name for name, _, _ in CONTRACTS["skipped"][1]]


def arrow_schema(table: str, extra: Iterable[str] = ()) -> pa.Schema:
    """The Arrow schema of a table; `extra` adds string columns (documents' extra metadata)."""
    fields = [pa.field(name, kind) for name, kind, _ in CONTRACTS[table][1]]
    return pa.schema(fields + [pa.field(name, pa.string()) for name in extra])


def columns(table: str) -> list[str]:
    return [name for name, _, _ in CONTRACTS[table][1]]


def frame_for(rows: list[dict[str, Any]], column_names: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns, in this order, even when there are no rows."""
    return pd.DataFrame(rows, columns=column_names)


def describe_tables() -> str:
    """Markdown documentation of every table contract (written to docs/tables.md)."""
    lines = ["# Tables", "", "Generated from `src/discourse/tables.py` (`discourse tables-doc`); do not edit by hand.",
             "Every corpus table is a Parquet file under `results/ingest/` and a table of the same name in "
             "`results/discourse.duckdb`. Offsets are character offsets into `documents.text`.",
             "NLP tables live under `results/nlp/`, actor aggregates under `results/actors/`.",
             "`references` is an SQL keyword: quote it in DuckDB (`SELECT * FROM \"references\"`).", ""]
    for table, (description, cols) in CONTRACTS.items():
        lines += [f"## `{table}`", "", description, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in cols]
        lines.append("")
    return "\n".join(lines)


def write_table(frame: pd.DataFrame, table: str, path) -> None:
    """Write a frame under its contract: the contract's columns, in order, with its types."""
    from discourse.io import write_parquet_atomic

    write_parquet_atomic(frame.reindex(columns=columns(table)), path, schema=arrow_schema(table))
