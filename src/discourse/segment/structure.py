"""Find the structure of an article or speech in normalised text.

The input is text in which blocks are separated by blank lines; Markdown headings (`#`) and
list items (`- `) are honoured when present (HTML and DOCX readers emit them), and plain-text
headings are recognised by their shape. Page-break fragments (a block that stops mid-sentence and
continues after a blank line, a footnote or a page number) are rejoined into their paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from discourse.corpus.normalize import Link, join_lines, strip_inline_markdown

PARTS = ("front_matter", "body", "footnote", "references")

# Labels that open a front-matter field in a journal article's first page.
_FRONT_LABELS = {
    "abstract": "abstract", "key words": "keywords", "keywords": "keywords", "doi": "doi",
    "citation": "citation", "corresponding author": "corresponding_author", "vol.": "volume",
    "volume": "volume", "pages": "pages", "received": "received", "accepted": "accepted",
    "published": "published", "email": "email", "e-mail": "email", "jel classification": "jel",
}
_FRONT_LABEL = re.compile(r"^(" + "|".join(re.escape(k) for k in sorted(_FRONT_LABELS, key=len, reverse=True))
                          + r")\s*:?\s*(.*)$", re.IGNORECASE | re.DOTALL)
_REFERENCES_HEADING = re.compile(r"^(references|bibliography|works cited|literature cited|reference list|sources)$",
                                 re.IGNORECASE)
_STANDALONE_TOP = re.compile(r"^(abstract|introduction|conclusions?|concluding remarks|acknowledge?ments|"
                             r"references|bibliography|appendix.*|notes)$", re.IGNORECASE)
_FOOTNOTE_SYMBOLS = "†‡§¶"
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_LIST_ITEM = re.compile(r"^(?:[-+•]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*$|[.!?]\)$""")
_SMALL_WORDS = frozenset(
    "a an and as at between but by for from in into its of on or over the their those to under "
    "upon via vs with within without".split())
# Page furniture left by PDF conversion or transcription: "Page 3", "### Page 3 (continued):", "- 12 -", "12".
_PAGE_MARKER = re.compile(r"^(?:#{1,6}\s*)?(?:page\s+\d+(?:\s*\(continued\))?:?|-\s*\d{1,4}\s*-|\d{1,4})$", re.IGNORECASE)
STRUCTURES = ("article", "speech")
# A paragraph longer than this (`ingest.max_paragraph_chars`) is split; spaCy refuses texts over 1,000,000
# characters and its parser needs about 1 GB per 100,000.
DEFAULT_MAX_PARAGRAPH_CHARS = 100_000
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s""")
_CLAUSE_END = re.compile(r"[;:,]\s")
_MAX_HEADING_WORDS = 16
_MAX_HEADING_CHARS = 140
# How much of a block's end decides whether it stops mid-sentence (inline Markdown closes within it).
_TAIL_CHARS = 400
_MARKDOWN_CLOSERS = re.compile(r"[*_\])>\\]")


@dataclass
class Block:
    """A unit of text between blank lines, after classification."""

    kind: str  # heading | paragraph | list_item | footnote
    lines: list[str]
    level: int | None = None  # explicit heading level from markup
    marker: str | None = None  # footnote marker

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class Segment:
    """A piece of the normalised document text, with its place in the structure."""

    part: str  # one of PARTS
    kind: str  # title | author | field | heading | paragraph | list_item | footnote | reference
    text: str
    start: int = 0
    end: int = 0
    heading_path: tuple[str, ...] = ()
    level: int | None = None
    label: str | None = None  # front-matter field name or footnote marker
    links: list[Link] = field(default_factory=list)


def split_blocks(text: str) -> list[Block]:
    """Split normalised text into blocks; list items and Markdown headings become their own blocks.

    Text without blank lines (one paragraph a line, as in UNGDC) is split at every line.
    """
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    blocks: list[Block] = []
    for chunk in chunks:
        lines = [line for line in chunk.split("\n") if line.strip() and not _PAGE_MARKER.match(line.strip())]
        current: list[str] = []
        for line in lines:
            stripped = line.strip()
            heading = _MD_HEADING.match(stripped)
            if heading:
                _flush(blocks, current)
                current = []
                blocks.append(Block("heading", [heading.group(2)], level=len(heading.group(1))))
            elif _LIST_ITEM.match(stripped) or (stripped.startswith("* ") and current):
                _flush(blocks, current)
                current = [stripped]
            else:
                current.append(stripped)
        _flush(blocks, current)
    return blocks


def _flush(blocks: list[Block], lines: list[str]) -> None:
    if lines:
        first = lines[0]
        kind = "list_item" if _LIST_ITEM.match(first) else "paragraph"
        blocks.append(Block(kind, list(lines)))


def _plain(text: str) -> str:
    return strip_inline_markdown(text)[0]


def looks_like_heading(text: str) -> bool:
    """A short title-cased line without closing punctuation, not ending in a function word."""
    text = _plain(text).strip()
    words = text.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(text) > _MAX_HEADING_CHARS:
        return False
    if not text[0].isupper() or _TERMINAL.search(text) or text.endswith((",", "-")):
        return False
    if words[-1].lower() in _SMALL_WORDS:
        return False
    content = [w for w in words if w.lower().strip(",:;") not in _SMALL_WORDS and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def classify_blocks(blocks: list[Block], footnote_markers: set[str], headings: bool = True) -> list[Block]:
    """Mark footnotes and plain-text headings. A block that follows a fragment is never a heading.

    With `headings=False` (speeches) every block is text, Markdown headings included.
    """
    out: list[Block] = []
    previous_text_block: Block | None = None
    for block in blocks:
        first = block.lines[0]
        marker = _footnote_marker(first, footnote_markers)
        if block.kind == "paragraph" and marker:
            block = Block("footnote", [first[len(marker):].strip(), *block.lines[1:]], marker=marker)
        elif block.kind == "heading" and not headings:
            block = Block("paragraph", block.lines)
        elif headings and block.kind == "paragraph" and len(block.lines) == 1 and looks_like_heading(first):
            continues_fragment = previous_text_block is not None and is_fragment(previous_text_block)
            if not continues_fragment:
                block = Block("heading", block.lines)
        out.append(block)
        if block.kind != "footnote":
            previous_text_block = block
    return out


def _footnote_marker(line: str, markers: set[str]) -> str | None:
    match = re.match(r"^([" + re.escape(_FOOTNOTE_SYMBOLS) + r"]+|\*+)\s+\S", line)
    if not match:
        return None
    marker = match.group(1)
    # "*" opens a footnote only where the front matter used it as a marker; elsewhere it is a bullet
    if marker.startswith("*") and marker not in markers:
        return None
    return marker


def is_fragment(block: Block) -> bool:
    """A paragraph or list item that stops mid-sentence: the page broke inside it."""
    if block.kind not in ("paragraph", "list_item"):
        return False
    return not _TERMINAL.search(_plain(_tail(block.lines)).rstrip()[-_TAIL_CHARS:])


def _tail(lines: list[str]) -> str:
    """The last lines of a block, at least `_TAIL_CHARS` long where the block is: how it ends, read without
    joining the whole block (a block can grow by thousands of lines while fragments are rejoined). A last line
    without Markdown's closing characters ends the block's plain text as it is."""
    if not _MARKDOWN_CLOSERS.search(lines[-1]):
        return lines[-1].strip()
    taken: list[str] = []
    length = 0
    for line in reversed(lines):
        taken.append(line)
        length += len(line)
        if length >= _TAIL_CHARS:
            break
    return join_lines(taken[::-1])


def rejoin_fragments(blocks: list[Block]) -> list[Block]:
    """Merge each fragment with the paragraph that continues it, passing over footnotes between."""
    out: list[Block] = []
    pending_footnotes: list[Block] = []
    open_fragment: Block | None = None
    for block in blocks:
        if block.kind == "footnote":
            (pending_footnotes if open_fragment else out).append(block)
            continue
        if open_fragment is not None and block.kind == "paragraph":
            open_fragment.lines.extend(block.lines)  # joined once, when its text is read
        else:
            if open_fragment is not None:
                out.append(open_fragment)
                out.extend(pending_footnotes)
                pending_footnotes = []
            open_fragment = None
            if not is_fragment(block):
                out.append(block)
                continue
            open_fragment = Block(block.kind, list(block.lines))
            continue
        if not is_fragment(open_fragment):
            out.append(open_fragment)
            out.extend(pending_footnotes)
            pending_footnotes = []
            open_fragment = None
    if open_fragment is not None:
        out.append(open_fragment)
    out.extend(pending_footnotes)
    return out


def assign_heading_levels(blocks: list[Block]) -> list[int]:
    """Nesting for headings: markup levels where given, else inferred from the heading sequence.

    A plain heading opens a container (level 1 with children at level 2) when a heading follows
    it directly, or when a later heading's words are contained in its words ("Challenges and
    Prospects" > "Challenges"). Headings after a container's opening stay at level 2 until the
    next container or a standard top-level heading (Introduction, Conclusion, References).
    """
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    levels: dict[int, int] = {}
    in_container = False
    for position, index in enumerate(headings):
        block = blocks[index]
        if block.level is not None:
            levels[index] = block.level
            continue
        text = _plain(block.text)
        next_is_heading = index + 1 < len(blocks) and blocks[index + 1].kind == "heading"
        later = [_plain(blocks[j].text) for j in headings[position + 1:position + 4]]
        contains_later = any(_words(h) and _words(h) <= _words(text) for h in later)
        if _STANDALONE_TOP.match(text):
            levels[index] = 1
            in_container = False
        elif next_is_heading or contains_later:
            levels[index] = 1
            in_container = True
        else:
            levels[index] = 2 if in_container else 1
    return [levels[i] for i in headings]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _SMALL_WORDS and len(w) > 2}


def segment_text(text: str, title: str | None = None, structure: str = "article",
                 max_paragraph_chars: int = DEFAULT_MAX_PARAGRAPH_CHARS) -> list[Segment]:
    """Segment normalised text into front matter, body, footnotes and references, in order.

    `structure` is "article" (headings, front matter, references recognised) or "speech" (a
    sequence of paragraphs: a statement has no headings, and a short capitalised line in it is a
    fragment of a wrapped sentence). Body paragraphs longer than `max_paragraph_chars` are split
    (`split_long_paragraph`). Offsets are set later by `layout_segments`.
    """
    if structure not in STRUCTURES:
        raise ValueError(f"unknown document structure '{structure}'; expected one of {', '.join(STRUCTURES)}")
    blocks = split_blocks(text)
    if structure == "speech":
        body = rejoin_fragments(classify_blocks(blocks, set(), headings=False))
        return _split_long_paragraphs(_body_segments(body), max_paragraph_chars)
    front, rest, markers = _split_front_matter(blocks, title)
    rest = rejoin_fragments(classify_blocks(rest, markers))
    body, footnotes, references = _split_back_matter(rest)
    segments = front + _split_long_paragraphs(_body_segments(body), max_paragraph_chars)
    segments += [_segment("footnote", "footnote", b.text, label=b.marker) for b in footnotes]
    segments += _reference_segments(references)
    return segments


def _segment(part: str, kind: str, raw: str, **kwargs) -> Segment:
    plain, links = strip_inline_markdown(raw)
    return Segment(part=part, kind=kind, text=plain, links=links, **kwargs)


def _split_front_matter(blocks: list[Block], title: str | None) -> tuple[list[Segment], list[Block], set[str]]:
    """Title, authors and labelled fields before the body of a journal article."""
    labelled = [i for i, b in enumerate(blocks[:30]) if b.kind == "paragraph" and _FRONT_LABEL.match(b.lines[0])
                and _front_label_key(b.lines[0])]
    markers: set[str] = set()
    if not labelled:
        if title and blocks and _plain(blocks[0].text).strip().lower() == title.strip().lower():
            return [_segment("front_matter", "title", blocks[0].text)], blocks[1:], markers
        return [], blocks, markers
    end = labelled[-1] + 1
    segments = [_segment("front_matter", "title", blocks[0].text)]
    for block in blocks[1:end]:
        line = block.text
        key = _front_label_key(block.lines[0])
        if key:
            value = _FRONT_LABEL.match(line).group(2).strip()
            segments.append(_segment("front_matter", "field", value, label=key))
        else:
            author = re.match(r"^(.*?)\s*([*" + _FOOTNOTE_SYMBOLS + r"]+)$", line)
            if author:
                markers.add(author.group(2))
                segments.append(_segment("front_matter", "author", author.group(1), label=author.group(2)))
            else:
                segments.append(_segment("front_matter", "field", line, label="other"))
    return segments, blocks[end:], markers


def _front_label_key(line: str) -> str | None:
    match = _FRONT_LABEL.match(line.strip())
    if not match:
        return None
    label = match.group(1).lower()
    # "Abstract" alone is a heading, "Abstract: ..." a field; either opens front matter
    rest = line.strip()[len(match.group(1)):]
    if label not in ("abstract",) and not rest.lstrip().startswith(":") and not label.endswith("."):
        return None
    return _FRONT_LABELS[label]


def _split_back_matter(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    body: list[Block] = []
    footnotes: list[Block] = []
    references: list[Block] = []
    in_references = False
    for block in blocks:
        if block.kind == "footnote":
            footnotes.append(block)
        elif block.kind == "heading" and _REFERENCES_HEADING.match(_plain(block.text).strip()):
            in_references = True
        elif block.kind == "heading" and in_references and re.match(r"(?i)^appendi", _plain(block.text)):
            in_references = False
            body.append(block)
        elif in_references:
            references.append(block)
        else:
            body.append(block)
    return body, footnotes, references


def _body_segments(blocks: list[Block]) -> list[Segment]:
    levels = iter(assign_heading_levels(blocks))
    path: list[str] = []
    segments: list[Segment] = []
    for block in blocks:
        if block.kind == "heading":
            level = next(levels)
            heading = _plain(block.text).strip()
            path = path[: level - 1] + [heading]
            segments.append(_segment("body", "heading", block.text, heading_path=tuple(path), level=level))
        else:
            raw = _LIST_ITEM.sub("", block.text, count=1) if block.kind == "list_item" else block.text
            segments.append(_segment("body", block.kind, raw, heading_path=tuple(path)))
    return segments


def _split_long_paragraphs(segments: list[Segment], max_chars: int) -> list[Segment]:
    out: list[Segment] = []
    for segment in segments:
        if segment.kind in ("paragraph", "list_item") and len(segment.text) > max_chars:
            out.extend(split_long_paragraph(segment, max_chars))
        else:
            out.append(segment)
    return out


def split_long_paragraph(segment: Segment, max_chars: int) -> list[Segment]:
    """A paragraph cut into pieces of at most `max_chars`, each ending at the last sentence end that fits, else
    the last clause mark (; : ,), else the last space, else at `max_chars` (a text with no spaces). The space at
    a cut is dropped; links go with the piece they start in. Linear in the paragraph's length."""
    text = segment.text
    sentence_ends = [m.end() - 1 for m in _SENTENCE_END.finditer(text)]  # the space after the mark
    clause_ends = [m.end() - 1 for m in _CLAUSE_END.finditer(text)]
    pieces: list[Segment] = []
    start = 0
    while start < len(text):
        limit = start + max_chars
        if limit >= len(text):
            cut = len(text)
        else:
            cut = (_last_before(sentence_ends, start, limit) or _last_before(clause_ends, start, limit)
                   or _last_space(text, start, limit) or limit)
        links = [replace(link, start=link.start - start, end=min(link.end, cut) - start)
                 for link in segment.links if start <= link.start < cut]
        pieces.append(replace(segment, text=text[start:cut], links=links))
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    return pieces


def _last_before(positions: list[int], start: int, limit: int) -> int | None:
    """The last position in (start, limit], or None."""
    index = bisect.bisect_right(positions, limit) - 1
    return positions[index] if index >= 0 and positions[index] > start else None


def _last_space(text: str, start: int, limit: int) -> int | None:
    found = text.rfind(" ", start + 1, limit + 1)
    return found if found > start else None


_REFERENCE_START = re.compile(r"^[A-Z][^\s,()]+(?:[ -][A-Z][^\s,()]*)*,\s+[A-Z]|^[A-Z][^()]{0,120}\((?:\d{4}|n\.d\.)")


def _reference_segments(blocks: list[Block]) -> list[Segment]:
    """One segment per reference; a block that does not start like a reference continues the last."""
    items: list[str] = []
    for block in blocks:
        text = _LIST_ITEM.sub("", block.text, count=1) if block.kind == "list_item" else block.text
        if items and not _REFERENCE_START.match(_plain(text)):
            items[-1] = items[-1] + " " + text
        else:
            items.append(text)
    return [_segment("references", "reference", item) for item in items]


def layout_segments(segments: list[Segment], separator: str = "\n\n") -> str:
    """Build the document text from its segments and set each segment's offsets into it."""
    parts: list[str] = []
    cursor = 0
    for segment in segments:
        if parts:
            cursor += len(separator)
        segment.start = cursor
        segment.end = cursor + len(segment.text)
        parts.append(segment.text)
        cursor = segment.end
    return separator.join(parts)
