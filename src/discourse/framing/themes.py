"""Sentence themes from the theme codebook: multi-label, each label backed by the cues that matched.

A theme applies to a sentence when one of its word cues matches (lemmas, phrases, spaCy Matcher
patterns, via the shared cue matcher), when an actor of its `cues.actors` is mentioned, or when all
actors of one of its `cues.actor_sets` are mentioned together (India alone is not the Kashmir
dispute; India with Pakistan is). Actor cues use the ids as mentioned (SUN, not the merged RUS):
the Soviet Union signals the Cold War, the Russian Federation does not.

The themes are the codebook's entries (`discourse.lexicons.load_themes`, the packaged codebook or the
user's `themes.codebook`): no theme id is fixed in code, so a codebook may add, drop or rename themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from discourse.framing.lexicon import CueMatcher
from discourse.lexicons import load_themes

__all__ = ["ThemeMatch", "load_themes", "match_themes"]


@dataclass(frozen=True)
class ThemeMatch:
    theme: str
    cue: str
    start_char: int  # offsets into the Doc's text
    end_char: int


def match_themes(sentence: Span, actor_spans: list[Span], matcher: CueMatcher) -> list[ThemeMatch]:
    """Every cue of every theme found in the sentence, in codebook order, then position."""
    doc = sentence.doc
    found = [ThemeMatch(m.entry_id, m.cue, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
             for m in matcher(sentence)]
    mentioned = {span.kb_id_ for span in actor_spans}
    for theme, entry in matcher.lexicon.entries.items():
        for span in actor_spans:
            if span.kb_id_ in entry.actors:
                found.append(ThemeMatch(theme, f"actor:{span.kb_id_}", span.start_char, span.end_char))
        for actor_set in entry.actor_sets:
            if set(actor_set) <= mentioned:
                found.append(ThemeMatch(theme, "actors:" + "+".join(actor_set), sentence.start_char,
                                        sentence.end_char))
    order = {theme: n for n, theme in enumerate(matcher.lexicon.entries)}
    return sorted(found, key=lambda m: (order[m.theme], m.start_char, m.cue))

