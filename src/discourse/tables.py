"""Table contracts: every table's columns, Arrow types and meaning, in one place.

Stages build their frames through `frame_for`/`arrow_schema`, the DuckDB store and `docs/tables.md`
are generated from the same definitions, so the documentation cannot drift from the files.

Contracts are enforced, not coerced: a frame, row or file whose columns differ from its table's
contract raises `ContractError`, naming the table and the column (a renamed key would otherwise
become an all-null column).
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
        ("shard", I, "Parse job: stable hash of doc_id (of copy_of for a copy) modulo ingest.shards"),
        ("copy_of", S, "The first listed document with the same sha256, for a copy; the parse job keeps the first "
                       "copy that parses and skips the others as its duplicates"),
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
        ("kind", S, "state | historical_state | organisation | movement (a person: the kind of the actor they "
                    "acted for)"),
        ("rule", S, "How it was named: name | demonym | capital | person (a leader or office holder, resolved "
                    "to the state or organisation they acted for at the date of the sentence, section or "
                    "document)"),
        ("person", S, "The person's canonical name (`rule` person: \"Pervez Musharraf\"), else null"),
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

CONTRACTS.update({
    "sentence_framing": ("`results/framing/sentence_framing.parquet`: one row per body sentence: its themes, "
                         "primary frame and certainty cues.", [
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("paragraph_id", S, "Paragraph"),
        ("themes", LS, "Theme ids whose cues match (multi-label, codebook order)"),
        ("primary_frame", S, "Policy Frames Codebook dimension with the highest score (`other` without cues)"),
        ("primary_score", F, "Its score"),
        ("hedges", LS, "Hedge cues found (could, may, possibly, ...)"),
        ("boosters", LS, "Booster cues found (clearly, undeniable, ...)"),
        ("n_tokens", I, "Tokens"),
        ("n_actors", I, "Distinct actors mentioned (merged ids)"),
    ]),
    "theme_matches": ("`results/framing/theme_matches.parquet`: every cue match behind a sentence's themes.", [
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("theme", S, "Theme id"),
        ("cue", S, "Matched text, or `actor:<id>` for an actor cue"),
        ("start", I, "Start offset in documents.text"),
        ("end", I, "End offset"),
    ]),
    "frame_scores": ("`results/framing/frame_scores.parquet`: non-zero frame-dimension scores per sentence.", [
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("frame", S, "Frame dimension id"),
        ("score", F, "Score (see docs/framing.md)"),
        ("rank", I, "Rank within the sentence, 1 = primary"),
        ("cues", LS, "Cues that matched"),
    ]),
    "relations": ("`results/framing/relations.parquet`: actor-to-actor relations in sentences with two or more "
                  "actors; one row per actor pair.", [
        ("relation_id", S, "`<sentence_id>/rNN`"),
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("source", S, "Acting actor (merged id); for path relations and co-mentions, whose direction is not "
                      "known, the alphabetically first"),
        ("target", S, "Actor acted upon (merged id)"),
        ("source_raw", S, "Source as mentioned (e.g. SUN before merging)"),
        ("target_raw", S, "Target as mentioned"),
        ("polarity", S, "cooperation | conflict | neutral"),
        ("quad_class", S, "PLOVER quad class: verbal_cooperation | material_cooperation | verbal_conflict | "
                          "material_conflict (null for neutral)"),
        ("score", F, "Goldstein-style score, -10 (most hostile) to +10 (most cooperative); 0 for neutral"),
        ("cue", S, "Lemma of the relation cue (verb or event noun); null for co-mentions"),
        ("negated", B, "The cue is negated (did not condemn): polarity flipped to neutral"),
        ("modality", S, "Modal or hedge governing the cue (may, should, ...), null if none"),
        ("passive", B, "Cue in passive voice (source from the by-agent)"),
        ("method", S, "dependency (subject-verb-object) | nominal (event noun) | path (the strongest cue on the "
                      "dependency path between the two) | prefix (anti-/pro- on an actor) | joint (partners in one "
                      "act) | speaker (the named speaker's first-person act) | co_mention | long_sentence (a "
                      "co-mention in a sentence over framing.max_relation_tokens, not coded)"),
    ]),
    "speaker_relations": ("`results/framing/speaker_relations.parquet`: the speaking state's own acts towards "
                          "an actor (\"we condemn the Soviet invasion\", \"my Government supports Pakistan\"), "
                          "in documents whose speaker is a state (UNGDC statements); one row per sentence and "
                          "actor, the strongest cue.", [
        ("speaker_relation_id", S, "`<sentence_id>/sNN`"),
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("speaker", S, "The speaking state (the document's country, ISO3)"),
        ("target", S, "Actor the act is directed at (merged id)"),
        ("target_raw", S, "Target as mentioned (e.g. SUN before merging)"),
        ("polarity", S, "cooperation | conflict | neutral"),
        ("quad_class", S, "PLOVER quad class of the cue (null for neutral)"),
        ("score", F, "Goldstein-style score of the cue, -10 to +10; 0 for neutral"),
        ("cue", S, "Lemma of the cue"),
        ("negated", B, "The cue is negated (we did not condemn): polarity neutral"),
        ("modality", S, "Modal governing the cue, null if none"),
    ]),
    "events": ("`results/framing/events.parquet`: one row per coded event, in the format of event data sets "
               "(Phoenix, ICEWS): who did what to whom, when, with its CAMEO code, PLOVER type and Goldstein "
               "weight; from the actor relations with a cue and the speaking states' own acts.", [
        ("event_id", S, "`<sentence_id>/evNN`"),
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("date", S, "The document's date as given (ISO 8601 where known)"),
        ("year", I, "The document's year"),
        ("source", S, "Acting actor (merged id); for path relations, whose direction is not known, the "
                      "alphabetically first"),
        ("target", S, "Actor acted upon (merged id)"),
        ("source_raw", S, "Source as mentioned"),
        ("target_raw", S, "Target as mentioned"),
        ("speaker_act", B, "The source is the speaking state itself (\"we condemn ...\")"),
        ("cameo", S, "CAMEO event code (null for wording only the project's overlay codes)"),
        ("plover", S, "PLOVER event type (null where CAMEO gives none)"),
        ("quad_class", S, "PLOVER quad class of the cue"),
        ("goldstein", F, "Goldstein (1992) weight of the code (the overlay's Goldstein-style score where no "
                         "code); 0 when negated"),
        ("polarity", S, "cooperation | conflict | neutral (negated)"),
        ("negated", B, "The cue is negated"),
        ("modality", S, "Modal governing the cue, null if none"),
        ("cue", S, "Lemma of the cue"),
        ("method", S, "dependency | nominal | path | prefix | joint | speaker (the speaker's own act)"),
        ("start", I, "Start offset of the cue in documents.text"),
        ("end", I, "End offset"),
    ]),
    "document_certainty": ("`results/framing/document_certainty.parquet`: hedges, boosters and the certainty "
                           "index per document.", [
        ("doc_id", S, "Document"),
        ("sentences", I, "Sentences"),
        ("tokens", I, "Tokens"),
        ("hedges", I, "Hedge cues"),
        ("boosters", I, "Booster cues"),
        ("certainty_index", F, "(boosters - hedges) / (boosters + hedges + 1), in (-1, 1)"),
        ("hedges_per_1k", F, "Hedges per 1,000 tokens"),
        ("boosters_per_1k", F, "Boosters per 1,000 tokens"),
    ]),
})

COMPARE_GROUP_COLUMNS = [
    ("grouping", S, "Grouping columns joined by + (source_group, source_group+period, source_group+decade)"),
    ("source_group", S, "`paper` or `UNGDC <ISO3>`"),
    ("period", S, "cold_war (<= 1991) | post_cold_war | null when not grouped by it"),
    ("decade", I, "Decade, null when not grouped by it"),
]
EVIDENCE = ("evidence", LS, "Sentence ids of the cell's top example sentences (text in `evidence`)")

CONTRACTS.update({
    "frame_distribution": ("`results/compare/frame_distribution.parquet`: share of each primary frame among a "
                           "theme's sentences per group, with percentile-bootstrap 95% intervals (documents "
                           "resampled within the group). Theme `all` = every sentence.", [
        *COMPARE_GROUP_COLUMNS,
        ("theme", S, "Theme id, or `all`"),
        ("frame", S, "Primary frame"),
        ("sentences", I, "Sentences of the theme in the group with this primary frame"),
        ("total", I, "Sentences of the theme in the group"),
        ("share", F, "sentences / total"),
        ("ci_low", F, "2.5th percentile of bootstrap shares (documents resampled; sentences for the paper)"),
        ("ci_high", F, "97.5th percentile"),
        EVIDENCE,
    ]),
    "frame_divergence": ("`results/compare/frame_divergence.parquet`: Jensen-Shannon divergence (base 2, the "
                         "divergence itself, not its square root; in [0, 1]) between two groups' primary-frame "
                         "distributions per theme, with permutation p-values and Benjamini-Hochberg adjustment "
                         "across all tests of the table.", [
        ("grouping", S, "Grouping"),
        ("theme", S, "Theme id, or `all`"),
        ("group_a", S, "First group (the paper, where it takes part)"),
        ("group_b", S, "Second group"),
        ("n_a", I, "Sentences of group_a"),
        ("n_b", I, "Sentences of group_b"),
        ("jsd", F, "Jensen-Shannon divergence, bits"),
        ("p_value", F, "Permutation p-value ((hits + 1) / (permutations + 1)), whole documents shuffled"),
        ("p_adjusted", F, "Benjamini-Hochberg adjusted p-value"),
        ("top_frame_a", S, "Most frequent frame of group_a"),
        ("top_frame_b", S, "Most frequent frame of group_b"),
        EVIDENCE,
    ]),
    "keyness": ("`results/compare/keyness.parquet`: terms (lemmas) most distinctive of each group against the "
                "rest: log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), prior "
                "from the whole corpus.", [
        *COMPARE_GROUP_COLUMNS,
        ("term", S, "Lemma"),
        ("direction", S, "over (more frequent in the group than in the rest) | under (less frequent, including "
                         "terms the group never uses)"),
        ("count", I, "Count in the group"),
        ("count_rest", I, "Count in the other groups"),
        ("log_odds", F, "Log-odds ratio (group vs rest)"),
        ("z", F, "z-score"),
        ("rank", I, "Rank by |z| within the group and direction (1 = most distinctive)"),
        EVIDENCE,
    ]),
    "dyads": ("`results/compare/dyads.parquet`: actor-pair relations per source group and period (merged ids: "
              "SUN counts as RUS by default). Pairs are unordered: actor_a < actor_b.", [
        *COMPARE_GROUP_COLUMNS,
        ("actor_a", S, "Actor (alphabetically first)"),
        ("actor_b", S, "Actor"),
        ("relations", I, "Relations (incl. neutral co-mentions)"),
        ("mean_score", F, "Mean Goldstein-style score"),
        ("ci_low", F, "Bootstrap 2.5th percentile of the mean score (documents resampled)"),
        ("ci_high", F, "97.5th percentile"),
        ("share_cooperation", F, "Share with polarity cooperation"),
        ("share_conflict", F, "Share with polarity conflict"),
        ("share_neutral", F, "Share neutral"),
        ("share_verbal_cooperation", F, "Share of the PLOVER quad class"),
        ("share_material_cooperation", F, "Share"),
        ("share_verbal_conflict", F, "Share"),
        ("share_material_conflict", F, "Share"),
        EVIDENCE,
    ]),
    "speaker_dyads": ("`results/compare/speaker_dyads.parquet`: how each speaking state speaks of each actor: "
                      "its own acts towards it (`framing/speaker_relations`), directed speaker -> target, per "
                      "period, decade and year (merged ids).", [
        ("grouping", S, "period | decade | year"),
        ("period", S, "cold_war (<= 1991) | post_cold_war, null when not grouped by it"),
        ("decade", I, "Decade, null when not grouped by it"),
        ("year", I, "Year, null when not grouped by it"),
        ("speaker", S, "The speaking state (ISO3)"),
        ("target", S, "The actor it speaks of"),
        ("relations", I, "Acts (incl. negated ones, neutral)"),
        ("mean_score", F, "Mean Goldstein-style score"),
        ("ci_low", F, "Bootstrap 2.5th percentile of the mean score (documents resampled; acts for one document)"),
        ("ci_high", F, "97.5th percentile"),
        ("share_cooperation", F, "Share with polarity cooperation"),
        ("share_conflict", F, "Share with polarity conflict"),
        ("share_neutral", F, "Share neutral"),
        ("share_verbal_cooperation", F, "Share of the PLOVER quad class"),
        ("share_material_cooperation", F, "Share"),
        ("share_verbal_conflict", F, "Share"),
        ("share_material_conflict", F, "Share"),
        EVIDENCE,
    ]),
    "certainty": ("`results/compare/certainty.parquet`: certainty per group: pooled index with a bootstrap "
                  "interval over documents (over sentences for a one-document group, the paper).", [
        *COMPARE_GROUP_COLUMNS,
        ("documents", I, "Documents"),
        ("sentences", I, "Sentences"),
        ("hedges_per_1k", F, "Hedges per 1,000 tokens"),
        ("boosters_per_1k", F, "Boosters per 1,000 tokens"),
        ("certainty_index", F, "(boosters - hedges) / (boosters + hedges + 1), pooled over the group"),
        ("ci_low", F, "Bootstrap 2.5th percentile (documents resampled; sentences for a one-document group)"),
        ("ci_high", F, "97.5th percentile"),
        EVIDENCE,
    ]),
    "evidence": ("`results/compare/evidence.parquet`: every sentence cited as evidence by a comparison table, "
                 "with what a reader needs to check it.", [
        ("sentence_id", S, "Sentence"),
        ("doc_id", S, "Document"),
        ("source_group", S, "Source group"),
        ("country", S, "Speaking country"),
        ("year", I, "Year"),
        ("speaker", S, "Speaker (UNGDC) or author"),
        ("title", S, "Document title"),
        ("text", S, "Sentence text"),
        ("themes", LS, "Its themes"),
        ("primary_frame", S, "Its primary frame"),
    ]),
})

SKIPPED_COLUMNS = [name for name, _, _ in CONTRACTS["skipped"][1]]


class ContractError(ValueError):
    """A frame, row or file does not match its table's contract."""


def column_mismatch(present: Iterable[str], expected: Iterable[str]) -> str | None:
    """What is wrong with a set of column names against the expected ones (None if nothing): the first
    missing column, else the first unexpected one, else the first duplicated one."""
    present, expected = list(present), list(expected)
    have, want = set(present), set(expected)
    for kind, names in (("missing", [c for c in expected if c not in have]),
                        ("unexpected", [c for c in present if c not in want])):
        if names:
            return f"{kind} column{'s' if len(names) > 1 else ''} " + ", ".join(map(repr, names))
    if len(present) != len(have):
        return "duplicate column " + repr(next(c for c in present if present.count(c) > 1))
    return None


def check_columns(table: str, present: Iterable[str], expected: Iterable[str] | None = None) -> None:
    """Raise `ContractError` naming the table and the column unless `present` are exactly the expected
    columns (default: the table's contract), in any order."""
    problem = column_mismatch(present, columns(table) if expected is None else expected)
    if problem:
        raise ContractError(f"table {table!r}: {problem}")


def schema_mismatch(actual: pa.Schema, expected: pa.Schema) -> str | None:
    """What differs between two Arrow schemas (None if nothing): a missing, unexpected or duplicated
    column, the column order, or a column's type."""
    problem = column_mismatch(actual.names, expected.names)
    if problem:
        return problem
    for got, want in zip(actual, expected):
        if got.name != want.name:
            return f"column {got.name!r} where the contract has {want.name!r} (column order differs)"
        if not got.type.equals(want.type):
            return f"column {got.name!r} has type {got.type}, the contract {want.type}"
    return None


# string columns of unbounded length (a document's or a unit's text, its lemmas, its metadata as JSON)
FREE_TEXT_COLUMNS = frozenset({"text", "lemmas", "metadata"})


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


def write_table(frame: pd.DataFrame, table: str, path, extra: Iterable[str] = ()) -> None:
    """Write a frame under its contract, its columns put in contract order, with its types. The frame
    must have exactly the contract's columns (plus `extra`, documents' metadata columns), else
    `ContractError`; a frame with neither rows nor columns (`pd.DataFrame()`) is an empty table."""
    from discourse.io import write_parquet_atomic

    write_parquet_atomic(frame, path, schema=arrow_schema(table, extra), table=table)
