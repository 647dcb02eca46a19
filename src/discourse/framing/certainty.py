"""Certainty of a sentence: its hedges and boosters (Hyland 2005), and a bounded index of the balance.

How firmly states commit to a claim (``may'' vs ``undeniably'') is part of how they frame relations,
and it is countable with a short, replaceable list (`framing.certainty` in the config).

Rules on top of the lexicon:
- a proper noun is never a marker (the month "May", a person called "Will");
- a booster is not counted when a negation (`neg` dependency: not, never, n't) precedes it in its
  clause ("it is not clear", "not significant"); a negation after it ("must not") leaves it a booster;
- hedges are counted whether negated or not (a negated hedge still frames the claim as a possibility).

Index: (boosters - hedges) / (boosters + hedges + 1), in (-1, 1): 0 without markers or when they
balance, towards 1 for assertive and towards -1 for tentative sentences; the +1 shrinks sentences
with a single marker (+-0.5) below those with several.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from discourse.framing.lexicon import CueMatch, CueMatcher, build_cue_matcher
from discourse.lexicons import CERTAINTY_IDS, load_certainty

__all__ = ["CERTAINTY_IDS", "Certainty", "build_certainty_matcher", "certainty_index", "count_certainty",
           "is_negated", "is_proper_noun", "load_certainty"]

_CLAUSE_HEADS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Certainty:
    """The hedges and boosters found in a sentence (matched words, lower-cased, in text order)."""

    hedges: tuple[str, ...] = ()
    boosters: tuple[str, ...] = ()


def build_certainty_matcher(vocab: Vocab, path: str | None = None) -> CueMatcher:
    return build_cue_matcher(vocab, load_certainty(path))


def is_proper_noun(doc: Doc, match: CueMatch) -> bool:
    return all(doc[i].pos_ == "PROPN" or doc[i].tag_ in ("NNP", "NNPS") for i in range(match.start, match.end))


def is_negated(doc: Doc, match: CueMatch) -> bool:
    """A `neg` child before the cue on the cue's words or their heads, up to the clause's verb."""
    inside = range(match.start, match.end)
    for word in (doc[i] for i in inside):
        for node in (word, *word.ancestors):
            if any(child.dep_ == "neg" and child.i < match.start for child in node.children):
                return True
            if node.pos_ in _CLAUSE_HEADS:
                break
    return False


def count_certainty(span: Span | Doc, matcher: CueMatcher) -> Certainty:
    """The hedges and boosters of a sentence (a `matcher` built from a certainty lexicon)."""
    doc = span if isinstance(span, Doc) else span.doc
    hedges: list[str] = []
    boosters: list[str] = []
    for match in matcher(span):
        if is_proper_noun(doc, match):
            continue
        if match.entry_id == "hedges":
            hedges.append(match.cue)
        elif match.entry_id == "boosters" and not is_negated(doc, match):
            boosters.append(match.cue)
    return Certainty(tuple(hedges), tuple(boosters))


def certainty_index(hedges: int, boosters: int, tokens: int) -> float:
    """(boosters - hedges) / (boosters + hedges + 1), in (-1, 1); 0.0 for an empty span.

    `tokens` only guards empty spans: the index is a balance of markers, not a rate, so a long
    sentence with one booster is as assertive as a short one (rates can be derived from the counts).
    """
    if tokens <= 0 or hedges < 0 or boosters < 0:
        return 0.0
    return (boosters - hedges) / (boosters + hedges + 1)
