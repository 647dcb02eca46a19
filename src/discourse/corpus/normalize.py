"""Text normalisation at ingest: Unicode NFC, line-end de-hyphenation, inline Markdown removed.

Texts are normalised once, here; every later offset refers to the normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that carry no text but break matching: soft hyphen, zero-width space/joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")

# Control characters that would reach tables and the report: terminal escape sequences (CSI and other ESC
# sequences), C0 except tab/newline/carriage return/form feed, DEL, C1, and the bidirectional embeddings,
# overrides, isolates and marks that can make text display other than it reads (Trojan Source, CVE-2021-42574).
_ESCAPE_SEQUENCES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_LINE_END_HYPHEN = re.compile(r"[^\W\d_]-$")

# [label](target) with one level of parentheses allowed inside the target (DOIs contain them).
_MD_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|mailto:[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


@dataclass(frozen=True)
class Link:
    """A hyperlink removed from the text: its label's span in the cleaned text and its target."""

    text: str
    url: str
    start: int
    end: int


def remove_controls(text: str) -> str:
    """The text without terminal escape sequences, control characters (but tab and line ends) and
    bidirectional controls."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", text))


def normalize_text(text: str) -> str:
    """NFC, unified line ends, page breaks as blank lines, no control, invisible or odd space characters."""
    text = unicodedata.normalize("NFC", remove_controls(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.translate(_INVISIBLE)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def join_lines(lines: list[str]) -> str:
    """Join the lines of one block, undoing hyphenation at line ends.

    A line ending in a hyphen after a letter is joined without a space. The hyphen is dropped
    when the next line starts in lower case (a word split by the typesetter: "inter-/national")
    and kept otherwise (a compound split at its hyphen: "Russia-/Pakistan", "North-/South").
    """
    # pieces, not a growing string: a block of many short lines stays linear (issue 14: quadratic before)
    pieces: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if pieces:
            previous = pieces[-1]
            if _LINE_END_HYPHEN.search(previous[-2:]) and not previous.endswith("--"):
                pieces[-1] = previous[:-1] if line[0].islower() else previous
            else:
                pieces.append(" ")
        pieces.append(line)
    return "".join(pieces)


def strip_inline_markdown(text: str) -> tuple[str, list[Link]]:
    """Remove Markdown link, emphasis and escape syntax; keep each link's target as data."""
    links: list[Link] = []
    pieces: list[str] = []
    cursor = 0
    length = 0
    for match in _MD_LINK.finditer(text):
        before = _strip_emphasis(text[cursor:match.start()])
        pieces.append(before)
        length += len(before)
        label = _strip_emphasis(match.group(1))
        pieces.append(label)
        links.append(Link(text=label, url=_MD_ESCAPE.sub(r"\1", match.group(2)), start=length,
                          end=length + len(label)))
        length += len(label)
        cursor = match.end()
    pieces.append(_strip_emphasis(text[cursor:]))
    return "".join(pieces), links


def _strip_emphasis(text: str) -> str:
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)
