"""Cue matching: a validated cue lexicon (themes, frames, certainty) turned into one spaCy matcher.

Loading and validating the lexicon files is `discourse.lexicons` (the one loader, shared with topics,
the store and the workflow); this module only matches. For every entry:

- lemmas: single lower-cased tokens, matched on the lemma (also capitalised or upper-case, as spaCy
  keeps proper nouns' case) or on the lower-cased word with its regular -s forms;
- phrases: several words, matched on the lower-cased words (last word inflected) or on the lemmas;
- patterns: spaCy Matcher token patterns.

A pattern that spaCy's schema accepts but its Matcher cannot compile (an unregistered `_` extension,
say) is reported as an `InputError` naming the lexicon file when the matcher is built.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from discourse.errors import InputError
from discourse.lexicons import CueEntry, CueLexicon

__all__ = ["CueEntry", "CueLexicon", "CueMatch", "CueMatcher", "build_cue_matcher", "inflect_forms",
           "lemma_patterns", "phrase_variants"]


class CueMatch(NamedTuple):
    """A cue found in a text: entry id, the matched words (lower-cased), doc token offsets [start, end)."""

    entry_id: str
    cue: str
    start: int
    end: int


class CueMatcher:
    """All cue matches of a lexicon in a Doc or Span (build with `build_cue_matcher`)."""

    def __init__(self, lexicon: CueLexicon, matcher: Matcher, lower: PhraseMatcher, lemma: PhraseMatcher):
        self.lexicon = lexicon
        self._matcher = matcher
        self._lower = lower
        self._lemma = lemma

    def __call__(self, text: Doc | Span) -> list[CueMatch]:
        doc = text if isinstance(text, Doc) else text.doc
        span = text if isinstance(text, Span) else text[:]
        found: dict[str, set[tuple[int, int]]] = {}
        # spaCy 3.8: Matcher offsets are relative to the span, PhraseMatcher offsets to the doc
        hits = [(m, span.start + s, span.start + e) for m, s, e in self._matcher(span)] if len(self._matcher) else []
        if len(self._lower):
            hits += [*self._lower(span), *self._lemma(span)]
        for match_id, start, end in hits:
            found.setdefault(doc.vocab.strings[match_id], set()).add((start, end))
        matches = []
        for rank, entry_id in enumerate(self.lexicon.entries):
            spans = filter_spans([doc[s:e] for s, e in found.get(entry_id, ())])  # longest match wins
            matches += [(s.start, s.end, rank, CueMatch(entry_id, s.text.lower(), s.start, s.end)) for s in spans]
        return [match for *_, match in sorted(matches)]  # text order, then lexicon order


def inflect_forms(word: str) -> list[str]:
    """A lemma and its regular -s forms: spaCy does not lemmatise words tagged as proper nouns
    ("the Treaty on ... Nuclear Weapons" keeps "Weapons"), so those are matched on the lower-cased word."""
    forms = [word]
    if word[-1:].isalpha():
        forms += [word + "s", word + "es"]
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            forms.append(word[:-1] + "ies")
    return forms


def lemma_patterns(lemmas: tuple[str, ...]) -> list[list[dict[str, Any]]]:
    """Single-token cues: the lemma (proper nouns keep their case in spaCy's lemmas) or the lower-cased word."""
    if not lemmas:
        return []
    cased = sorted({form for l in lemmas for form in (l, l.capitalize(), l.upper())})
    lowered = sorted({form for l in lemmas for form in inflect_forms(l)})
    return [[{"LEMMA": {"IN": cased}}], [{"LOWER": {"IN": lowered}}]]


def phrase_variants(words: list[str]) -> list[list[str]]:
    """A phrase and its forms with the last word inflected (the head noun: "nuclear weapon(s)")."""
    return [words[:-1] + [last] for last in inflect_forms(words[-1])]


def build_cue_matcher(vocab: Vocab, lexicon: CueLexicon) -> CueMatcher:
    """One matcher for all entries: lemma and pattern cues in a Matcher, phrases in two PhraseMatchers."""
    tokenizer = spacy.blank("en", vocab=vocab)  # phrases are tokenised as texts are ("non-interference")
    matcher = Matcher(vocab)
    lower = PhraseMatcher(vocab, attr="LOWER")
    lemma = PhraseMatcher(vocab, attr="LEMMA")
    for entry in lexicon.entries.values():
        patterns = lemma_patterns(entry.lemmas) + [list(p) for p in entry.patterns]
        if patterns:
            try:
                matcher.add(entry.id, patterns)
            except Exception as error:  # schema-valid but not compilable (e.g. an unknown "_" extension)
                raise InputError(lexicon.path, f"entry '{entry.id}': a pattern cannot be compiled by spaCy: "
                                               f"{error}") from error
        if entry.phrases:
            words = [[t.text for t in tokenizer.make_doc(p)] for p in entry.phrases]
            lower.add(entry.id, [Doc(vocab, words=v) for w in words for v in phrase_variants(w)])
            lemma.add(entry.id, [Doc(vocab, words=w, lemmas=w) for w in words])
    return CueMatcher(lexicon, matcher, lower, lemma)
