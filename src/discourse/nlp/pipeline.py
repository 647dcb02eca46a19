"""Build the spaCy pipeline and turn processed paragraphs into sentence, entity and actor records.

`discourse annotate` (`discourse.annotate`) and the workflow's NLP stage both go through
`build_pipeline` and `paragraph_records`, so what a user checks on the command line is what the
workflow computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from typing import Any, Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import discourse.nlp.components  # noqa: F401  (registers the "actor_resolver" factory)
from discourse.nlp.components import ACTORS_KEY, CANDIDATES_KEY, PERSON_RULE, heading_years
from discourse.nlp.gazetteer import load_gazetteer


@dataclass(frozen=True)
class NlpSettings:
    """`nlp` and `actors.merge` of a validated config; defaults and meanings are in the config schema."""

    model: str
    batch_size: int
    gazetteer: str | None  # None = the packaged gazetteer
    disable: tuple[str, ...]
    merge: tuple[tuple[str, str], ...]

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "NlpSettings":
        nlp = config["nlp"]
        return cls(model=nlp["model"], batch_size=nlp["batch_size"], gazetteer=nlp["gazetteer"],
                   disable=tuple(nlp["disable"]), merge=tuple(sorted(config["actors"]["merge"].items())))


def model_version(model: str) -> str:
    try:
        return importlib_metadata.version(model)
    except importlib_metadata.PackageNotFoundError:
        return spacy.util.get_package_version(model) or "unknown"


def build_pipeline(settings: NlpSettings) -> Language:
    """The configured spaCy model plus the actor ruler and resolver."""
    try:
        nlp = spacy.load(settings.model, disable=list(settings.disable))
    except OSError as error:
        raise ValueError(f"spaCy model '{settings.model}' is not installed (nlp.model in the config): {error}") from None
    ruler = nlp.add_pipe("span_ruler", name="actor_ruler", config={
        "spans_key": CANDIDATES_KEY, "phrase_matcher_attr": "ORTH", "validate": False, "overwrite": True})
    ruler.add_patterns(load_gazetteer(settings.gazetteer).patterns)
    nlp.add_pipe("actor_resolver", config={"gazetteer_path": settings.gazetteer})
    return nlp


def process_paragraphs(nlp: Language, items: Iterable[tuple[str, int | None] | tuple[str, int | None, Sequence[str]]],
                       batch_size: int) -> Iterator[Doc]:
    """Run the pipeline over (text, year) or (text, year, heading path) items: the year, and a heading that
    dates its section ("Cold War Period"), resolve time-aware names and people (`Doc._.year`,
    `Doc._.section_years`)."""

    def docs() -> Iterator[Doc]:
        for item in items:
            doc = nlp.make_doc(item[0])
            doc._.year = item[1]
            if len(item) > 2 and item[2]:
                doc._.section_years = heading_years(item[2])
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)


def paragraph_items(documents: Iterable[dict[str, Any]]) -> Iterator[tuple[str, int | None, list[str]]]:
    """(text, year, heading path) of every body paragraph of parsed documents, for `process_paragraphs`."""
    for document in documents:
        year = document["metadata"].get("year")
        for paragraph in document["paragraphs"]:
            yield paragraph["text"], year, paragraph.get("heading_path") or []


def sentence_id(paragraph_id: str, number: int) -> str:
    return f"{paragraph_id}/s{number:02d}"


def sentence_actors(doc: Doc) -> Iterator[tuple[int, Span, list[Span]]]:
    """(number from 1, sentence, its actor spans) for every sentence of a processed paragraph."""
    actors = list(doc.spans[ACTORS_KEY]) if ACTORS_KEY in doc.spans else []
    for number, sent in enumerate(doc.sents, 1):
        yield number, sent, [a for a in actors if sent.start <= a.start < sent.end]


def paragraph_records(doc: Doc, paragraph_id: str, doc_id: str, offset: int,
                      merge: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Sentences, entities and actor mentions of one processed paragraph, with document offsets."""
    sentences, entities, mentions = [], [], []
    for number, sent, sent_actors in sentence_actors(doc):
        sid = sentence_id(paragraph_id, number)
        tokens = [t for t in sent if not t.is_space]
        sentences.append({"sentence_id": sid, "doc_id": doc_id, "paragraph_id": paragraph_id,
                          "order": number, "start": offset + sent.start_char, "end": offset + sent.end_char,
                          "text": sent.text, "n_tokens": len(tokens),
                          "lemmas": " ".join(t.lemma_.lower().replace(" ", "_") for t in tokens),
                          "pos": " ".join(t.pos_ for t in tokens)})
        for index, actor in enumerate(sent_actors, 1):
            mentions.append({"mention_id": f"{sid}/a{index:02d}", "doc_id": doc_id,
                             "paragraph_id": paragraph_id, "sentence_id": sid, "actor_id": actor.kb_id_,
                             "actor_merged": merge.get(actor.kb_id_, actor.kb_id_), "kind": actor.label_,
                             "rule": actor.id_, "person": actor._.person if actor.id_ == PERSON_RULE else None,
                             "text": actor.text, "start": offset + actor.start_char, "end": offset + actor.end_char})
        for index, ent in enumerate((e for e in doc.ents if sent.start <= e.start < sent.end), 1):
            overlapping = [a for a in sent_actors if a.start < ent.end and ent.start < a.end]
            best = max(overlapping, key=lambda a: min(a.end, ent.end) - max(a.start, ent.start), default=None)
            entities.append({"entity_id": f"{sid}/e{index:02d}", "doc_id": doc_id,
                             "paragraph_id": paragraph_id, "sentence_id": sid, "text": ent.text,
                             "label": ent.label_, "start": offset + ent.start_char, "end": offset + ent.end_char,
                             "actor_id": best.kb_id_ if best is not None else None})
    return {"sentences": sentences, "entities": entities, "actor_mentions": mentions}
