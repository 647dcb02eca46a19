"""In-text citations, the reference list, and the integrity check between them (APA-like styles)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_YEAR = r"(?:\d{4}[a-z]?|n\.d\.)"
_NAME = r"[A-Z][A-Za-z'’\-]+(?:\s(?:van|von|de|der|del|la|le)\s[A-Z][A-Za-z'’\-]+)?"
_AUTHORS = rf"{_NAME}(?:\s*(?:&|and)\s*{_NAME}|\s+et\s+al\.?)?"
_PARENTHETICAL = re.compile(r"\(([^()]*?" + _YEAR + r"[^()]*)\)")
_CITE_PART = re.compile(rf"^\s*(?:see\s+|e\.g\.,?\s+|cf\.\s+)?(?P<authors>{_AUTHORS}),?\s+(?P<year>{_YEAR})"
                        r"(?:,\s*(?:p|pp)\.\s*[\d\-–]+)?\s*$")
_NARRATIVE = re.compile(rf"\b(?P<authors>{_AUTHORS})\s+\((?P<year>{_YEAR})(?:,\s*(?:p|pp)\.\s*[\d\-–]+)?\)")
_REF_HEAD = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>\d{4}[a-z]?|n\.d\.)(?P<date>[^)]*)\)\.?\s*(?P<rest>.*)$")
_SURNAME_INITIALS = re.compile(r"(?P<surname>[A-Z][^\s,()&]*(?:\s[A-Z][^\s,()&.]+)*),\s+(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>]+[^\s<>.,;])")
_URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;]")


@dataclass(frozen=True)
class Citation:
    text: str
    surnames: tuple[str, ...]
    et_al: bool
    year: str
    style: str  # parenthetical | narrative
    start: int  # offsets into the paragraph text
    end: int


@dataclass(frozen=True)
class Reference:
    text: str
    authors: str
    surnames: tuple[str, ...]
    year: str | None
    title: str | None
    venue: str | None
    doi: str | None
    url: str | None


def _split_authors(authors: str) -> tuple[tuple[str, ...], bool]:
    et_al = bool(re.search(r"\bet\s+al\b", authors))
    authors = re.sub(r"\s+et\s+al\.?", "", authors)
    names = [n.strip() for n in re.split(r"\s*(?:&|\band\b)\s*", authors) if n.strip()]
    return tuple(names), et_al


def parse_citations(text: str) -> list[Citation]:
    """Parenthetical citations, one per author-year inside "(A, 2018; B & C, 2021)", and narrative ones "A (2018)"."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _NARRATIVE.finditer(text):
        surnames, et_al = _split_authors(match.group("authors"))
        found.append(Citation(match.group(0), surnames, et_al, match.group("year"), "narrative",
                              match.start(), match.end()))
        taken.append((match.start(), match.end()))
    for match in _PARENTHETICAL.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        offset = match.start(1)
        for part in match.group(1).split(";"):
            cite = _CITE_PART.match(part)
            if cite:
                surnames, et_al = _split_authors(cite.group("authors"))
                lead = len(part) - len(part.lstrip())
                found.append(Citation(part.strip(), surnames, et_al, cite.group("year"), "parenthetical",
                                      offset + lead, offset + lead + len(part.strip())))
            offset += len(part) + 1
    return sorted(found, key=lambda c: c.start)


def parse_reference(text: str) -> Reference:
    """Authors, year, title, venue, DOI and URL of one APA-like reference-list entry."""
    head = _REF_HEAD.match(text)
    doi_match = _DOI.search(text)
    url_match = _URL.search(text)
    doi = doi_match.group(1) if doi_match else None
    url = url_match.group(0) if url_match else None
    if not head:
        return Reference(text, "", (), None, None, None, doi, url)
    raw_authors = head.group("authors").strip()
    authors = raw_authors.rstrip(".")
    surnames = tuple(m.group("surname") for m in _SURNAME_INITIALS.finditer(raw_authors + " "))
    if not surnames:
        surnames = (authors,)  # corporate author
    rest = _URL.sub("", head.group("rest")).strip()
    sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s+(?=[A-Z(])", rest) if s.strip()]
    title = sentences[0].rstrip(".") if sentences else None
    venue = None
    if len(sentences) > 1:
        venue = re.split(r",\s*\d", sentences[1])[0].rstrip(".").strip() or None
    year = head.group("year")
    return Reference(text, authors, surnames, None if year == "n.d." else year, title, venue, doi, url)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")


def _year_key(year: str | None) -> str:
    return (year or "n.d.")[:4]


def match_citation(citation: Citation, references: list[Reference]) -> list[int]:
    """Indices of references whose authors and year agree with the citation."""
    cited = [_fold(s) for s in citation.surnames]
    hits = []
    for index, ref in enumerate(references):
        if _year_key(ref.year) != _year_key(citation.year if citation.year != "n.d." else None):
            continue
        names = [_fold(s) for s in ref.surnames]
        if not names or names[0] != cited[0]:
            continue
        # APA: "et al." stands for three or more authors; otherwise every author is named
        if (len(names) >= 3) if citation.et_al else (names == cited):
            hits.append(index)
    return hits


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def suggest_reference(citation: Citation, references: list[Reference]) -> tuple[int, str] | None:
    """The likeliest intended reference for an unmatched citation, and why."""
    first = _fold(citation.surnames[0])
    year = _year_key(citation.year)
    for index, ref in enumerate(references):
        names = [_fold(s) for s in ref.surnames]
        if _year_key(ref.year) == year and first in names[1:]:
            return index, f"cited author '{citation.surnames[0]}' is a co-author, not the first author, of this reference"
    for index, ref in enumerate(references):
        names = [_fold(s) for s in ref.surnames]
        if names and _year_key(ref.year) == year and _edit_distance(first, names[0]) <= 2:
            return index, f"surname spelled '{citation.surnames[0]}' in the text and '{ref.surnames[0]}' in the references"
    for index, ref in enumerate(references):
        names = [_fold(s) for s in ref.surnames]
        if names and names[0] == first:
            return index, f"same first author, but the reference's year is {ref.year or 'n.d.'}"
    return None


def reference_key(ref: Reference) -> str:
    names = ref.surnames
    who = names[0] if len(names) == 1 else f"{names[0]} & {names[1]}" if len(names) == 2 else f"{names[0]} et al."
    return f"{who}, {ref.year or 'n.d.'}"
