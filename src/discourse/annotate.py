"""`discourse annotate`: sentences of a raw text with their actors, entities and framing, as JSON Lines.

It runs the workflow's own pipeline (`build_pipeline`, `paragraph_records`, `frame_sentence`), so what a
user checks on one sentence is what the workflow's tables hold. It sits above the stages it uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from spacy.language import Language

from discourse.errors import InputError
from discourse.framing.sentence import FramingSettings, annotation_fields, build_framer, frame_sentence
from discourse.layout import add_config_options, read_config
from discourse.nlp.pipeline import NlpSettings, build_pipeline, paragraph_records, process_paragraphs, sentence_actors
from discourse.segment.document import parse_document


def annotate_text(nlp: Language, text: str, year: int | None, batch_size: int,
                  framer=None) -> Iterator[dict[str, Any]]:
    """`discourse annotate`: one object per sentence of raw text, offsets into the normalised text; with a
    `discourse.framing.sentence.Framer`, also its themes, frames, relations and certainty cues."""
    document = parse_document("stdin", text, {"structure": "speech", "year": year})
    paragraphs = document["paragraphs"]
    docs = process_paragraphs(nlp, ((p["text"], year) for p in paragraphs), batch_size)
    for paragraph, doc in zip(paragraphs, docs):
        records = paragraph_records(doc, paragraph["paragraph_id"], "stdin", paragraph["start"], {})
        for sentence, (_, span, actors) in zip(records["sentences"], sentence_actors(doc)):
            sid = sentence["sentence_id"]
            record = {"text": sentence["text"], "start": sentence["start"], "end": sentence["end"],
                      "actors": [{"id": m["actor_id"], "text": m["text"], "start": m["start"], "end": m["end"]}
                                 for m in records["actor_mentions"] if m["sentence_id"] == sid],
                      "entities": [{"text": e["text"], "label": e["label"], "start": e["start"], "end": e["end"]}
                                   for e in records["entities"] if e["sentence_id"] == sid]}
            if framer is not None:
                record.update(annotation_fields(frame_sentence(span, actors, framer)))
            yield record


def read_text_file(path: Path) -> str:
    from discourse.corpus.readers import read_document

    if not path.exists():
        raise InputError(path, "file not found")
    return read_document(path, path.read_bytes(), 2**31).text


def run(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if str(args.file) == "-" else read_text_file(args.file)
    config = read_config(args)
    settings = NlpSettings.from_config(config)
    nlp = build_pipeline(settings)
    framer = build_framer(nlp.vocab, FramingSettings.from_config(config))
    for sentence in annotate_text(nlp, text, args.year, settings.batch_size, framer):
        print(json.dumps(sentence, ensure_ascii=False))
    return 0


def register_parser(subparsers) -> None:
    parser = subparsers.add_parser("annotate", help="print sentences with actors, entities and framing as JSON Lines")
    parser.add_argument("file", type=Path, nargs="?", default=Path("-"), help="a text file, or - for standard input")
    parser.add_argument("--year", type=int, help="year of the text (resolves e.g. Moscow to SUN up to 1991, RUS after)")
    add_config_options(parser)
    parser.set_defaults(func=run)
