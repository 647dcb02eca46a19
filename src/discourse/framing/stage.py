"""Stage `framing`: themes, frames, certainty and actor relations of every sentence of one shard.

It reads the shard's parsed paragraphs (the NLP stage's DocBin) instead of parsing again, so editing a
lexicon re-runs only this stage, in seconds per shard, not the parser.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import spacy

import discourse.nlp.components  # noqa: F401  (Doc._.year, stored with the parsed paragraphs)
from discourse.framing.certainty import certainty_index
from discourse.framing.sentence import (FramingSettings, SentenceFraming, build_framer, frame_sentence,
                                        named_speaker)
from discourse.fingerprint import code_fingerprint
from discourse.io import ParquetWriters
from discourse.layout import Job, Paths, Stage, concat_job, register_jobs, shard_table_outputs
from discourse.lexicons import lexicon_provenance
from discourse.nlp.pipeline import sentence_actors, sentence_id
from discourse.nlp.stage import read_docbin
from discourse.tables import arrow_schema

log = logging.getLogger(__name__)

SENTENCE_TABLES = ("sentence_framing", "theme_matches", "frame_scores", "relations", "speaker_relations", "events")
TABLES = (*SENTENCE_TABLES, "document_certainty")
_FLUSH_SENTENCES = 5000


@dataclass(frozen=True)
class FramingStageSettings:
    framing: FramingSettings
    merge: dict[str, str]  # actor ids counted as another in the relation tables (SUN -> RUS)


def stage_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> FramingStageSettings:
    return FramingStageSettings(FramingSettings.from_config(config), dict(config["actors"]["merge"]))


@lru_cache(maxsize=None)
def framing_fingerprint(settings: FramingSettings) -> str:
    """The lexicons (packaged or the user's, by content) and the framing code: when either changes, the stage
    re-runs. Read from the files, without building matchers, so the Snakefile computes it quickly."""
    import hashlib
    import json

    lexicons = lexicon_provenance({"themes": settings.themes, "frames": settings.frames,
                                   "certainty": settings.certainty, "relations": settings.relations})
    material = [code_fingerprint(__name__), {name: entry["sha256"] for name, entry in sorted(lexicons.items())}]
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()


def sentence_rows(framing: SentenceFraming, ids: dict[str, Any], n_tokens: int, offset: int,
                  merge: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The rows one framed sentence adds to each sentence-level table (offsets into documents.text)."""
    base = {"sentence_id": ids["sentence_id"], "doc_id": ids["doc_id"]}
    primary = framing.frames[0]
    row = {**base, "paragraph_id": ids["paragraph_id"], "themes": framing.theme_ids, "primary_frame": primary.id,
           "primary_score": primary.score, "hedges": list(framing.certainty.hedges),
           "boosters": list(framing.certainty.boosters), "n_tokens": n_tokens, "n_actors": ids["n_actors"]}
    themes = [{**base, "theme": m.theme, "cue": m.cue, "start": offset + m.start_char, "end": offset + m.end_char}
              for m in framing.themes]
    frames = [{**base, "frame": f.id, "score": f.score, "rank": rank, "cues": list(f.cues)}
              for rank, f in enumerate(framing.frames, 1) if f.score > 0]
    relations = [{**base, "relation_id": f"{ids['sentence_id']}/r{n:02d}",
                  "source": merge.get(r.source_raw, r.source_raw), "target": merge.get(r.target_raw, r.target_raw),
                  "source_raw": r.source_raw, "target_raw": r.target_raw, "polarity": r.polarity,
                  "quad_class": r.quad_class if r.polarity != "neutral" else None, "score": r.score, "cue": r.cue,
                  "negated": r.negated, "modality": r.modality, "passive": r.passive, "method": r.method}
                 for n, r in enumerate(framing.relations, 1)]
    speaker = ids.get("speaker")
    spoken = [{**base, "speaker_relation_id": f"{ids['sentence_id']}/s{n:02d}", "speaker": speaker,
               "target": merge.get(r.target_raw, r.target_raw), "target_raw": r.target_raw, "polarity": r.polarity,
               "quad_class": r.quad_class if r.polarity != "neutral" else None, "score": r.score, "cue": r.cue,
               "negated": r.negated, "modality": r.modality}
              for n, r in enumerate(framing.speaker_relations, 1)] if speaker else []
    return {"sentence_framing": [row], "theme_matches": themes, "frame_scores": frames, "relations": relations,
            "speaker_relations": spoken, "events": event_rows(framing, ids, offset, merge)}


def event_rows(framing: SentenceFraming, ids: dict[str, Any], offset: int,
               merge: dict[str, str]) -> list[dict[str, Any]]:
    """Every coded event of a sentence: its relations with a cue, then the speaker's own acts."""
    speaker = ids.get("speaker")
    # a relation of the named speaker's own act is the speaker act below: one event, not two
    coded = [(r.source_raw, r.target_raw, False, r) for r in framing.relations
             if r.cue is not None and r.method != "speaker"]
    coded += [(speaker, r.target_raw, True, r) for r in framing.speaker_relations if speaker]
    rows = []
    for n, (source, target, spoken, r) in enumerate(coded, 1):
        rows.append({"event_id": f"{ids['sentence_id']}/ev{n:02d}", "sentence_id": ids["sentence_id"],
                     "doc_id": ids["doc_id"], "date": ids.get("date"), "year": ids.get("year"),
                     "source": merge.get(source, source), "target": merge.get(target, target), "source_raw": source,
                     "target_raw": target, "speaker_act": spoken, "cameo": r.cameo, "plover": r.plover,
                     "quad_class": r.quad_class, "goldstein": r.score, "polarity": r.polarity, "negated": r.negated,
                     "modality": r.modality, "cue": r.cue, "method": "speaker" if spoken else r.method,
                     "start": offset + r.cue_start, "end": offset + r.cue_end})
    return rows


def frame_paragraphs(docs, framer, merge: dict[str, str]) -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """(doc_id, rows per sentence-level table) for every sentence of the parsed paragraphs."""
    for doc in docs:
        data = doc.user_data
        for number, sentence, actors in sentence_actors(doc):
            ids = {"sentence_id": sentence_id(data["paragraph_id"], number), "doc_id": data["doc_id"],
                   "paragraph_id": data["paragraph_id"], "speaker": data.get("country"),
                   "date": data.get("date"), "year": doc._.year,
                   "n_actors": len({merge.get(a.kb_id_, a.kb_id_) for a in actors})}
            n_tokens = sum(1 for t in sentence if not t.is_space)
            framing = frame_sentence(sentence, actors, framer, named_speaker(actors, ids["speaker"], merge))
            yield data["doc_id"], sentence_rows(framing, ids, n_tokens, data["offset"], merge)


def document_certainty_row(doc_id: str, sentences: int, tokens: int, hedges: int, boosters: int) -> dict[str, Any]:
    per_1k = 1000 / tokens if tokens else 0.0
    return {"doc_id": doc_id, "sentences": sentences, "tokens": tokens, "hedges": hedges, "boosters": boosters,
            "certainty_index": certainty_index(hedges, boosters, tokens), "hedges_per_1k": hedges * per_1k,
            "boosters_per_1k": boosters * per_1k}


def run(settings: FramingStageSettings, inputs: Paths, outputs: Paths) -> dict[str, int]:
    docbin_path, merge = inputs["docbin"], settings.merge
    vocab = spacy.blank("en").vocab
    framer = build_framer(vocab, settings.framing)
    counts = {t: 0 for t in TABLES}
    totals: dict[str, list[int]] = {}  # doc_id -> [sentences, tokens, hedges, boosters], in document order
    with contextlib.ExitStack() as stack:
        writers = ParquetWriters({t: outputs[t] for t in TABLES}, {t: arrow_schema(t) for t in TABLES}, stack)
        for doc_id, rows in frame_paragraphs(read_docbin(docbin_path, vocab), framer, merge):
            sentence = rows["sentence_framing"][0]
            total = totals.setdefault(doc_id, [0, 0, 0, 0])
            for index, value in enumerate((1, sentence["n_tokens"], len(sentence["hedges"]), len(sentence["boosters"]))):
                total[index] += value
            for table in SENTENCE_TABLES:
                writers.add(table, rows[table])
                counts[table] += len(rows[table])
            if counts["sentence_framing"] % _FLUSH_SENTENCES == 0:
                writers.flush()
        documents = [document_certainty_row(doc_id, *total) for doc_id, total in totals.items()]
        writers.add("document_certainty", documents)
        counts["document_certainty"] = len(documents)
        writers.flush()
    log.info("framing %s: %s (lexicons %s)", docbin_path.name, counts, framer.fingerprint()[:12])
    return counts


STAGE = Stage("framing", tables=TABLES, jobs=(
    Job("framing", "framing", "themes, frames, certainty and actor relations of one NLP shard", run, stage_settings,
        inputs={"docbin": "the shard's parsed paragraphs (results/nlp/shards/shard-N.spacy)"},
        outputs=shard_table_outputs("framing", TABLES), wildcards=("shard",), config=("themes", "framing", "actors.merge")),
    concat_job("framing", TABLES),
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE, skip=("framing_table",))
