"""Policy Frames Codebook dimensions of a sentence, from the cues of an editable lexicon.

A dictionary method rather than a trained classifier: the corpora have no frame labels to train on,
and a lexicon is inspectable, citable and replaceable (`framing.frames` in the config).

Scoring: a dimension's raw score is its `weight` times the number of its cue matches in the sentence
(overlapping matches of one dimension count once, the longest). Scores are shares of the sentence's
total, so they sum to 1 and are comparable across sentences of different lengths. The primary frame is
the highest share; ties go to the dimension listed first in the lexicon. A sentence without any cue
gets `other` = 1.0 and 0 elsewhere (the codebook's residual category).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from discourse.framing.lexicon import CueMatcher, build_cue_matcher
from discourse.lexicons import FRAME_IDS, load_frames

__all__ = ["FRAME_IDS", "OTHER", "FrameScore", "build_frame_matcher", "load_frames", "primary_frame", "score_frames"]

OTHER = "other"  # the codebook's residual dimension: a sentence without any cue


@dataclass(frozen=True)
class FrameScore:
    """One dimension's share of a sentence's framing and the cues (matched words) behind it."""

    id: str
    score: float
    cues: tuple[str, ...] = ()


def build_frame_matcher(vocab: Vocab, path: str | None = None) -> CueMatcher:
    return build_cue_matcher(vocab, load_frames(path))


def score_frames(span: Span | Doc, matcher: CueMatcher) -> list[FrameScore]:
    """All dimensions of the lexicon, highest share first (ties in lexicon order); primary first."""
    order = list(matcher.lexicon.entries)
    cues: dict[str, list[str]] = {frame: [] for frame in order}
    for match in matcher(span):
        cues[match.entry_id].append(match.cue)
    raw = {frame: matcher.lexicon.entries[frame].weight * len(found) for frame, found in cues.items()}
    total = sum(raw.values())
    if total == 0:
        shares = {frame: 1.0 if frame == OTHER else 0.0 for frame in order}
    else:
        shares = {frame: value / total for frame, value in raw.items()}
    scores = [FrameScore(frame, shares[frame], tuple(cues[frame])) for frame in order]
    return sorted(scores, key=lambda s: (-s.score, order.index(s.id)))


def primary_frame(scores: list[FrameScore]) -> str:
    """The primary frame of scores from `score_frames` (already ordered)."""
    return scores[0].id if scores else OTHER
