"""Framing of one parsed sentence: themes, frame dimensions, certainty cues and actor relations.

`discourse annotate` and the workflow's framing stage both call `frame_sentence`, so what a user checks
on one sentence is what the tables hold.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span
from spacy.vocab import Vocab

from discourse.framing.certainty import Certainty, count_certainty, load_certainty
from discourse.framing.frames import FrameScore, load_frames, score_frames
from discourse.framing.lexicon import CueMatcher, build_cue_matcher
from discourse.framing.relations import (Relation, RelationLexicon, SpeakerRelation, extract_relations,
                                         extract_speaker_relations, load_relation_lexicon, long_sentence_relations)
from discourse.framing.themes import ThemeMatch, load_themes, match_themes
from discourse.lexicons import load_events


@dataclass(frozen=True)
class FramingSettings:
    """The lexicons of a validated config (`themes.codebook`, `framing.*`); None = the packaged one."""

    themes: str | None
    frames: str | None
    certainty: str | None
    relations: str | None
    events: str | None
    max_relation_tokens: int

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "FramingSettings":
        framing = config["framing"]
        return cls(themes=config["themes"]["codebook"], frames=framing["frames"], certainty=framing["certainty"],
                   relations=framing["relations"], events=framing["events"],
                   max_relation_tokens=framing["max_relation_tokens"])


@dataclass(frozen=True)
class Framer:
    themes: CueMatcher
    frames: CueMatcher
    certainty: CueMatcher
    relations: RelationLexicon
    # longer sentences' pairs are co-mentions: coding them costs time quadratic in their mentions
    max_relation_tokens: int

    def fingerprint(self) -> str:
        """The lexicons' identity: framing tables depend on nothing else outside the parse."""
        parts = [self.themes.lexicon.sha256, self.frames.lexicon.sha256, self.certainty.lexicon.sha256,
                 self.relations.sha256, self.relations.events.sha256 if self.relations.events else None]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass(frozen=True)
class SentenceFraming:
    themes: list[ThemeMatch]
    frames: list[FrameScore]
    certainty: Certainty
    relations: list[Relation]
    speaker_relations: list[SpeakerRelation]  # the speaker's own acts ("we condemn ..."): by actor

    @property
    def theme_ids(self) -> list[str]:
        return list(dict.fromkeys(m.theme for m in self.themes))


def build_framer(vocab: Vocab, settings: FramingSettings) -> Framer:
    return Framer(themes=build_cue_matcher(vocab, load_themes(settings.themes)),
                  frames=build_cue_matcher(vocab, load_frames(settings.frames)),
                  certainty=build_cue_matcher(vocab, load_certainty(settings.certainty)),
                  # the project's overlay first, then the field's event dictionary (CAMEO)
                  relations=dataclasses.replace(load_relation_lexicon(settings.relations),
                                                events=load_events(settings.events)),
                  max_relation_tokens=settings.max_relation_tokens)


def frame_sentence(sentence: Span, actor_spans: list[Span], framer: Framer,
                   speaker: str | None = None) -> SentenceFraming:
    """`speaker`: the sentence's id for the speaking state where the sentence names it (`named_speaker`)."""
    coded = len(sentence) <= framer.max_relation_tokens
    return SentenceFraming(themes=match_themes(sentence, actor_spans, framer.themes),
                           frames=score_frames(sentence, framer.frames),
                           certainty=count_certainty(sentence, framer.certainty),
                           relations=(extract_relations(sentence, actor_spans, framer.relations, speaker) if coded
                                      else long_sentence_relations(actor_spans)),
                           speaker_relations=(extract_speaker_relations(sentence, actor_spans, framer.relations,
                                                                        speaker) if coded else []))


def named_speaker(actor_spans: list[Span], speaker: str | None, merge: dict[str, str]) -> str | None:
    """The id under which the sentence names the speaking state (a Soviet speech coded `RUS` names itself
    `SUN`, one actor under `actors.merge`), or None. The codebook codes the speaker only where it is named,
    and there its "we" is that actor."""
    if speaker is None:
        return None
    wanted = merge.get(speaker, speaker)
    return next((a.kb_id_ for a in actor_spans if merge.get(a.kb_id_, a.kb_id_) == wanted), None)


def annotation_fields(framing: SentenceFraming) -> dict[str, Any]:
    """The framing part of a `discourse annotate` record."""
    return {"themes": framing.theme_ids,
            "frames": [{"id": f.id, "score": round(f.score, 4)} for f in framing.frames if f.score > 0],
            "relations": [{"source": r.source_raw, "target": r.target_raw, "polarity": r.polarity,
                           "score": r.score, "cue": r.cue} for r in framing.relations],
            "hedges": list(framing.certainty.hedges), "boosters": list(framing.certainty.boosters)}
