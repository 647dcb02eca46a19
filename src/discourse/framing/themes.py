"""Sentence themes from the theme codebook: multi-label, each label backed by the cues that matched.

A theme applies to a sentence when one of its word cues matches (lemmas, phrases, spaCy Matcher
patterns, via the shared cue matcher), when an actor of its `cues.actors` is mentioned, or when all
actors of one of its `cues.actor_sets` are mentioned together (India alone is not the Kashmir
dispute; India with Pakistan is). Actor cues use the ids as mentioned (SUN, not the merged RUS):
the Soviet Union signals the Cold War, the Russian Federation does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from discourse.framing.lexicon import CueLexicon, CueMatcher, load_lexicon

THEME_IDS = ("history_cold_war", "afghanistan", "india_kashmir", "china_bri", "defence_security",
             "terrorism_extremism", "economy_trade", "energy", "regional_cooperation", "technology_climate_people")


@dataclass(frozen=True)
class ThemeMatch:
    theme: str
    cue: str
    start_char: int  # offsets into the Doc's text
    end_char: int


def load_themes(path: str | Path | None = None) -> CueLexicon:
    """The theme codebook (the packaged one, or a user's with the same ids)."""
    return load_lexicon(path, "themes.yaml", THEME_IDS, section="themes")


def match_themes(sentence: Span, actor_spans: list[Span], matcher: CueMatcher) -> list[ThemeMatch]:
    """Every cue of every theme found in the sentence, in codebook order, then position."""
    doc = sentence.doc
    found = [ThemeMatch(m.entry_id, m.cue, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
             for m in matcher(sentence)]
    mentioned = {span.kb_id_ for span in actor_spans}
    for theme, entry in matcher.lexicon.entries.items():
        for span in actor_spans:
            if span.kb_id_ in (entry.extra.get("actors") or ()):
                found.append(ThemeMatch(theme, f"actor:{span.kb_id_}", span.start_char, span.end_char))
        for actor_set in entry.extra.get("actor_sets") or ():
            if set(actor_set) <= mentioned:
                found.append(ThemeMatch(theme, "actors:" + "+".join(actor_set), sentence.start_char,
                                        sentence.end_char))
    order = {theme: n for n, theme in enumerate(matcher.lexicon.entries)}
    return sorted(found, key=lambda m: (order[m.theme], m.start_char, m.cue))


def themes_of(matches: list[ThemeMatch]) -> list[str]:
    """The sentence's theme ids, codebook order, each once."""
    return list(dict.fromkeys(m.theme for m in matches))
