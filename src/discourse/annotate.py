"""`discourse annotate`: sentences of a raw text with their actors, entities and framing, as JSON Lines.

It runs the workflow's own pipeline (`build_pipeline`, `paragraph_records`, `frame_sentence`), so what a
user checks on one sentence is what the workflow's tables hold. It sits above the stages it uses.

Two modes: one raw text (`discourse annotate FILE|- [--year]`: one line per sentence), or many texts
(`discourse annotate --jsonl FILE|-`: one JSON object a line in, one result a line out, the pipeline
loaded once and every text run through one `nlp.pipe` stream).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from collections import deque
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from discourse.errors import InputError
from discourse.framing.sentence import (FramingSettings, annotation_fields, build_framer, frame_sentence,
                                        named_speaker)
from discourse.layout import add_config_options, read_config
from discourse.nlp.pipeline import NlpSettings, build_pipeline, paragraph_records, sentence_actors
from discourse.segment.document import parse_document

log = logging.getLogger(__name__)

DOC_ID = "stdin"


def text_paragraphs(text: str, year: int | None) -> list[dict[str, Any]]:
    """The body paragraphs of a raw text, segmented as a speech (offsets into the normalised text)."""
    return parse_document(DOC_ID, text, {"structure": "speech", "year": year})["paragraphs"]


def sentence_records(doc: Doc, paragraph: dict[str, Any], framer=None, speaker: str | None = None,
                     merge: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """One object per sentence of a processed paragraph; with a `discourse.framing.sentence.Framer`, also
    its themes, frames, relations and certainty cues (`speaker`: the speaking state's actor id, if known;
    `merge`: the config's `actors.merge`)."""
    records = paragraph_records(doc, paragraph["paragraph_id"], DOC_ID, paragraph["start"], {})
    for sentence, (_, span, actors) in zip(records["sentences"], sentence_actors(doc)):
        sid = sentence["sentence_id"]
        record = {"text": sentence["text"], "start": sentence["start"], "end": sentence["end"],
                  "actors": [{"id": m["actor_id"], "text": m["text"], "start": m["start"], "end": m["end"]}
                             for m in records["actor_mentions"] if m["sentence_id"] == sid],
                  "entities": [{"text": e["text"], "label": e["label"], "start": e["start"], "end": e["end"]}
                               for e in records["entities"] if e["sentence_id"] == sid]}
        if framer is not None:
            named = named_speaker(actors, speaker, merge or {})
            record.update(annotation_fields(frame_sentence(span, actors, framer, named)))
        yield record


def annotate_text(nlp: Language, text: str, year: int | None, batch_size: int, framer=None,
                  speaker: str | None = None, merge: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """`discourse annotate`: one object per sentence of raw text, offsets into the normalised text; with a
    `discourse.framing.sentence.Framer`, also its themes, frames, relations and certainty cues."""
    for item in annotate_items(nlp, [{"text": text, "year": year, "speaker": speaker}], batch_size, framer, merge):
        yield from item["sentences"]


def annotate_items(nlp: Language, items: Iterable[dict[str, Any]], batch_size: int, framer=None,
                   merge: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Each item (`text`, `year`, optional `speaker`, and anything else, kept) back in input order with its
    `sentences` (the records of `annotate_text`). All items' paragraphs go through one `nlp.pipe` stream; an
    item is yielded as soon as its last paragraph is processed, so at most about a batch of items is held at a
    time. An item carrying `error` is passed through untouched, in its place."""
    pending: deque[dict[str, Any]] = deque()  # items fed to the pipe and not yet yielded, in input order

    def docs() -> Iterator[tuple[Doc, tuple[dict[str, Any], int]]]:
        for item in items:
            paragraphs = [] if "error" in item else text_paragraphs(item["text"], item.get("year"))
            entry = {"item": item, "paragraphs": paragraphs, "sentences": []}
            pending.append(entry)
            for index, paragraph in enumerate(entry["paragraphs"]):
                doc = nlp.make_doc(paragraph["text"])
                doc._.year = item.get("year")
                yield doc, (entry, index)

    def finish(entry: dict[str, Any]) -> dict[str, Any]:
        return entry["item"] if "error" in entry["item"] else {**entry["item"], "sentences": entry["sentences"]}

    for doc, (entry, index) in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        while pending[0] is not entry:  # items before this one are done (or had no paragraphs)
            yield finish(pending.popleft())
        entry["sentences"].extend(sentence_records(doc, entry["paragraphs"][index], framer,
                                                   entry["item"].get("speaker"), merge))
        if index == len(entry["paragraphs"]) - 1:
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())


def parse_jsonl_line(path: str | Path, number: int, line: str, default_year: int | None) -> dict[str, Any]:
    """One input line as `{"id", "year", "speaker", "text"}`, or an `InputError(path, "line N: ...")`."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(path, f"line {number}: not JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise InputError(path, f"line {number}: not a JSON object")
    if not isinstance(row.get("text"), str):
        raise InputError(path, f"line {number}: needs 'text', a string")
    year = row.get("year", default_year)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InputError(path, f"line {number}: 'year' must be an integer, not {json.dumps(year)}")
    speaker = row.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise InputError(path, f"line {number}: 'speaker' must be an actor id (a string), not {json.dumps(speaker)}")
    return {"id": row.get("id"), "year": year, "speaker": speaker, "text": row["text"]}


def read_jsonl(handle: IO[str], path: str | Path, default_year: int | None, on_error: str) -> Iterator[dict[str, Any]]:
    """The input lines, one at a time (blank lines are skipped). A bad line comes through, in its place, as
    `{"id", "year", "error": InputError, "line"}`; in `fail` mode nothing is read after it."""
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(path, number, line, default_year)
        except InputError as error:
            row = safe_json(line)
            yield {"id": row.get("id"), "year": row.get("year"), "error": error, "line": number}
            if on_error == "fail":
                return


def safe_json(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return {}
    return row if isinstance(row, dict) else {}


def annotate_jsonl(nlp: Language, handle: IO[str], path: str | Path, out: IO[str], batch_size: int, framer=None,
                   default_year: int | None = None, on_error: str = "fail",
                   merge: dict[str, str] | None = None) -> list[InputError]:
    """`discourse annotate --jsonl`: one `{"id", "year", "sentences"}` line out per JSON line in, in input
    order, written as it is ready. A bad line raises its `InputError` once every line before it is written
    (`fail`), or is written as `{"id", "year", "error", "line"}` and returned with the others (`skip`)."""
    problems: list[InputError] = []
    for item in annotate_items(nlp, read_jsonl(handle, path, default_year, on_error), batch_size, framer, merge):
        if "error" in item:
            if on_error == "fail":
                raise item["error"]
            problems.append(item["error"])
            log.warning("skipped %s", item["error"])
            result = {**item, "error": item["error"].reason}
        else:
            result = {"id": item["id"], "year": item["year"], "sentences": item["sentences"]}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return problems


def read_text_file(path: Path) -> str:
    from discourse.corpus.readers import read_document

    if not path.exists():
        raise InputError(path, "file not found")
    return read_document(path, path.read_bytes(), 2**31).text


def run(args: argparse.Namespace) -> int:
    if args.jsonl is not None and str(args.jsonl) != "-" and not args.jsonl.is_file():
        raise InputError(args.jsonl, "file not found")
    config = read_config(args)
    settings = NlpSettings.from_config(config)
    nlp = build_pipeline(settings)
    framer = build_framer(nlp.vocab, FramingSettings.from_config(config))
    merge = dict(config["actors"]["merge"])
    if args.jsonl is not None:
        if str(args.jsonl) == "-":
            problems = annotate_jsonl(nlp, sys.stdin, "<stdin>", sys.stdout, settings.batch_size, framer,
                                      args.year, args.on_error, merge)
        else:
            with open(args.jsonl, encoding="utf-8") as handle:
                problems = annotate_jsonl(nlp, handle, args.jsonl, sys.stdout, settings.batch_size, framer,
                                          args.year, args.on_error, merge)
        if problems:
            log.warning("%d bad line(s) skipped", len(problems))
        return 0
    file = args.file if args.file is not None else Path("-")
    text = sys.stdin.read() if str(file) == "-" else read_text_file(file)
    for sentence in annotate_text(nlp, text, args.year, settings.batch_size, framer, args.speaker, merge):
        print(json.dumps(sentence, ensure_ascii=False))
    return 0


def register_parser(subparsers) -> None:
    description = (
        "Print the sentences of a text with their actors, entities and framing, one JSON object a sentence.\n\n"
        "With --jsonl, annotate many texts: each input line is a JSON object with 'text' (required), 'year' "
        "(integer, optional), 'speaker' (the speaking state's actor id, optional) and 'id' (any JSON value, "
        "optional, echoed back); each output line is "
        '{"id": ..., "year": ..., "sentences": [<one object a sentence, as above>]}, in input order. The '
        "pipeline is loaded once and lines are read and written as a stream. Blank lines are skipped. A bad "
        "line (not JSON, no 'text', a 'year' that is not an integer, a 'speaker' that is not a string) stops "
        "the run with an error naming the "
        "file and line (lines before it have been written); with --on-error skip it is reported on standard "
        'error and written in its place as {"id": ..., "year": ..., "error": "...", "line": N}.')
    parser = subparsers.add_parser("annotate", help="print sentences with actors, entities and framing as JSON Lines",
                                   description="\n\n".join(textwrap.fill(p, 79, break_on_hyphens=False)
                                                             for p in description.split("\n\n")),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("file", type=Path, nargs="?", default=None,
                        help="a text file, or - for standard input (the default)")
    source.add_argument("--jsonl", type=Path, metavar="FILE|-",
                        help="a JSON Lines file of texts ('text', optional 'year', 'speaker' and 'id'), or - for "
                             "standard input")
    parser.add_argument("--year", type=int, help="year of the text (resolves e.g. Moscow to SUN up to 1991, RUS "
                                                 "after); with --jsonl, the year of lines that give none")
    parser.add_argument("--speaker", metavar="ACTOR",
                        help="the speaking state's actor id (e.g. PAK): where a sentence names it, its first-person "
                             "acts ('we condemn ...') relate it (method 'speaker'); with --jsonl, give 'speaker' on "
                             "each line instead")
    parser.add_argument("--on-error", choices=("fail", "skip"), default="fail",
                        help="with --jsonl: stop at the first bad line (fail, default) or report it and go on (skip)")
    add_config_options(parser)
    parser.set_defaults(func=run)
