"""spaCy components registered by name: the actor resolver that follows the gazetteer's SpanRuler."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from discourse.nlp.gazetteer import BLOCK, Gazetteer, load_gazetteer

if not Doc.has_extension("year"):
    Doc.set_extension("year", default=None)

CANDIDATES_KEY = "actor_candidates"
ACTORS_KEY = "actors"
# A capital stands for its government when it acts, is acted on, or owns something ("Moscow sent",
# "talks with Islamabad", "Beijing's policy"), not when it is a place ("in Moscow", "the Paris Agreement").
_GOVERNING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "appos", "ROOT"})
_GOVERNING_PREPOSITIONS = frozenset({"between", "with", "by", "against", "toward", "towards", "and"})
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})


def governs(span: Span) -> bool:
    """Whether a capital's mention stands for the government rather than the city."""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ in _GOVERNING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _GOVERNING_PREPOSITIONS


@Language.factory("actor_resolver", default_config={"gazetteer_path": None, "candidates_key": CANDIDATES_KEY,
                                                     "spans_key": ACTORS_KEY},
                  requires=["doc.ents", "token.dep"], assigns=["doc.spans"])
def make_actor_resolver(nlp: Language, name: str, gazetteer_path: str | None, candidates_key: str,
                        spans_key: str) -> "ActorResolver":
    return ActorResolver(load_gazetteer(gazetteer_path), candidates_key, spans_key)


class ActorResolver:
    """Turns gazetteer matches into actor spans (`doc.spans["actors"]`, kb_id = actor id).

    The longest match wins; a "not an actor" phrase blocks what it contains; time-aware names resolve
    by `doc._.year`; capitals count only where they stand for the government; ambiguous names
    count only inside an NER entity of a place, nationality or organisation.
    """

    def __init__(self, gazetteer: Gazetteer, candidates_key: str, spans_key: str):
        self.gazetteer = gazetteer
        self.candidates_key = candidates_key
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        candidates = filter_spans(doc.spans.get(self.candidates_key, []))
        entity_tokens = {i for ent in doc.ents if ent.label_ in _ENTITY_LABELS for i in range(ent.start, ent.end)}
        actors = []
        for span in candidates:
            if span.label_ == BLOCK:
                continue
            if span.id_ in self.gazetteer.requires_entity and not entity_tokens.issuperset(range(span.start, span.end)):
                continue
            if span.label_ == "capital" and not governs(span):
                continue
            actor_id, kind = self.gazetteer.resolve(span.id_, doc._.year)
            if actor_id is not None:
                actors.append(Span(doc, span.start, span.end, label=kind, kb_id=actor_id, span_id=span.label_))
        doc.spans[self.spans_key] = actors
        return doc
