"""Cue lexicons: editable YAML word lists turned into one spaCy matcher.

Frames, certainty markers and (later) themes are all described the same way, so a user can read,
edit or replace any of them without touching code:

    version: 1
    <section>:               # e.g. frames, certainty, themes
      <entry id>:
        definition: ...
        weight: 1.0          # optional, > 0
        cues:
          lemmas: [...]      # single lower-cased tokens, matched on the lemma or the lower-cased word
          phrases: [...]     # several words, matched on the lower-cased words or on the lemmas
          patterns: [...]    # spaCy Matcher token patterns (lists of token dicts)

A lemma written with "_" (as in the topic models' features, "cold_war") is treated as a phrase.
Keys other than these (e.g. `cues.actors` in the themes codebook) are kept in `CueEntry.extra`.
Every problem is reported as an `InputError` naming the file, so a broken user lexicon fails early.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import spacy
import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from discourse.errors import InputError

_CUE_KEYS = ("lemmas", "phrases", "patterns")


@dataclass(frozen=True)
class CueEntry:
    """One frame, certainty class or theme and the cues that signal it."""

    id: str
    definition: str = ""
    weight: float = 1.0
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # other keys of the entry and of its cues


@dataclass(frozen=True)
class CueLexicon:
    """A validated lexicon: entries in file order, and the file's identity for provenance."""

    entries: dict[str, CueEntry]
    sha256: str
    path: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.entries)


class CueMatch(NamedTuple):
    """A cue found in a text: entry id, the matched words (lower-cased), doc token offsets [start, end)."""

    entry_id: str
    cue: str
    start: int
    end: int


def read_lexicon_source(path: str | Path | None, default_resource: str) -> tuple[bytes, str]:
    """The lexicon's bytes and a printable location: the user's file, or the package's default."""
    if path is None:
        resource = resources.files("discourse") / "data" / default_resource
        return resource.read_bytes(), f"package:discourse/data/{default_resource}"
    file = Path(path)
    if not file.is_file():
        raise InputError(file, "lexicon file not found")
    return file.read_bytes(), str(file)


def select_section(document: Any, location: str, section: str | None) -> dict[str, Any]:
    """The mapping of entries: the named section, or the only mapping at the top level."""
    if not isinstance(document, dict):
        raise InputError(location, "lexicon must be a YAML mapping with a section of entries")
    if section is not None:
        entries = document.get(section)
        if not isinstance(entries, dict):
            raise InputError(location, f"lexicon has no mapping '{section}' of entries")
        return entries
    candidates = [key for key, value in document.items() if key != "version" and isinstance(value, dict)]
    if len(candidates) != 1:
        raise InputError(location, f"lexicon must have exactly one section of entries, found {candidates or 'none'}")
    return document[candidates[0]]


def parse_words(values: Any, location: str, where: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InputError(location, f"{where} must be a list of non-empty strings")
    return tuple(v.strip().lower() for v in values)


def parse_patterns(values: Any, location: str, where: str, vocab: Vocab) -> tuple[tuple[dict[str, Any], ...], ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        raise InputError(location, f"{where} must be a list of token patterns")
    checker = Matcher(vocab, validate=True)
    for number, pattern in enumerate(values):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise InputError(location, f"{where}[{number}] must be a non-empty list of token dicts")
        try:
            checker.add(f"check{number}", [pattern])
        except Exception as error:  # spaCy raises ValueError/MatchPatternError with the schema problem
            raise InputError(location, f"{where}[{number}] is not a valid spaCy pattern: {error}") from error
    return tuple(tuple(token for token in pattern) for pattern in values)


def parse_entry(entry_id: str, raw: Any, location: str, vocab: Vocab) -> CueEntry:
    """Validate one entry; lemmas containing '_' or spaces become phrases."""
    if not isinstance(raw, dict):
        raise InputError(location, f"entry '{entry_id}' must be a mapping")
    cues = raw.get("cues") or {}
    if not isinstance(cues, dict):
        raise InputError(location, f"entry '{entry_id}': cues must be a mapping")
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        raise InputError(location, f"entry '{entry_id}': weight must be a positive number")
    lemmas = parse_words(cues.get("lemmas"), location, f"{entry_id}.cues.lemmas")
    phrases = parse_words(cues.get("phrases"), location, f"{entry_id}.cues.phrases")
    joined = tuple(l.replace("_", " ") for l in lemmas if "_" in l or " " in l)
    return CueEntry(
        id=entry_id,
        definition=str(raw.get("definition", "")).strip(),
        weight=float(weight),
        lemmas=tuple(l for l in lemmas if "_" not in l and " " not in l),
        phrases=tuple(dict.fromkeys(phrases + joined)),
        patterns=parse_patterns(cues.get("patterns"), location, f"{entry_id}.cues.patterns", vocab),
        extra={**{k: v for k, v in raw.items() if k not in ("cues", "definition", "weight")},
               **{k: v for k, v in cues.items() if k not in _CUE_KEYS}},
    )


def check_ids(ids: list[str], required_ids: tuple[str, ...] | None, location: str) -> None:
    if required_ids is None:
        return
    missing = [i for i in required_ids if i not in ids]
    unknown = [i for i in ids if i not in required_ids]
    if missing or unknown:
        parts = ([f"missing ids {missing}"] if missing else []) + ([f"unknown ids {unknown}"] if unknown else [])
        raise InputError(location, "; ".join(parts) + f" (expected exactly {list(required_ids)})")


def load_lexicon(path: str | Path | None, default_resource: str, required_ids: tuple[str, ...] | None = None,
                 section: str | None = None) -> CueLexicon:
    """Load and validate a cue lexicon: the user's file if `path` is given, else the packaged default."""
    data, location = read_lexicon_source(path, default_resource)
    try:
        document = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(location, f"lexicon is not valid YAML: {error}") from error
    raw_entries = select_section(document, location, section)
    ids = [str(i) for i in raw_entries]
    check_ids(ids, required_ids, location)
    vocab = Vocab()
    entries = {str(i): parse_entry(str(i), raw, location, vocab) for i, raw in raw_entries.items()}
    return CueLexicon(entries=entries, sha256=hashlib.sha256(data).hexdigest(), path=location)


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
            matcher.add(entry.id, patterns)
        if entry.phrases:
            words = [[t.text for t in tokenizer.make_doc(p)] for p in entry.phrases]
            lower.add(entry.id, [Doc(vocab, words=v) for w in words for v in phrase_variants(w)])
            lemma.add(entry.id, [Doc(vocab, words=w, lemmas=w) for w in words])
    return CueMatcher(lexicon, matcher, lower, lemma)
