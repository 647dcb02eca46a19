"""From the NLP stage's lemmas to topic-model features: units, phrases, stopwords, vocabulary.

Units are read as a re-iterable stream from `sentences.parquet`, batch by batch, so the tokens of
the whole corpus are never held in memory; the document-term matrix is sparse counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pyarrow.parquet as pq
import scipy.sparse as sp
from spacy.lang.en.stop_words import STOP_WORDS

# UN and academic boilerplate: words and phrases that say where a text comes from, not what it is about
DOMAIN_STOPWORDS = frozenset("""
mr mrs ms sir madam excellency excellencies president mr_president madam_president vice_president
delegation delegations session general_assembly assembly general_debate debate distinguished colleague
statement speak wish allow like year today et al et_al ibid also however thus would could shall may might must
""".split())
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


@dataclass(frozen=True)
class TopicSettings:
    """`topics.preprocess` of a validated config; its defaults and meanings are in the config schema."""

    unit: str  # paragraph | document
    max_unit_tokens: int  # longer units are split into parts of this size, never truncated
    min_token_length: int
    max_token_length: int
    phrase_min_count: int
    phrase_threshold: float
    no_below: int
    no_above: float
    keep_n: int
    min_unit_tokens: int

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "TopicSettings":
        pre = config["topics"]["preprocess"]
        return cls(**{name: pre[name] for name in cls.__dataclass_fields__})


def sentence_tokens(lemmas: str, pos: str, min_length: int, max_length: int) -> tuple[list[str], set[str]]:
    """A sentence's alphabetic lemmas in order (for phrase detection, which needs adjacency) and the
    set of those that are content words (kept as unigrams). A lemma longer than `max_length` is no
    word (a text without spaces, a run of letters) and is left out of both."""
    sequence, content = [], set()
    for lemma, tag in zip(lemmas.split(" "), pos.split(" ")):
        if len(lemma) > max_length or not lemma.replace("-", "").isalpha():
            continue
        sequence.append(lemma)
        if tag in CONTENT_POS and len(lemma) >= min_length and lemma not in STOP_WORDS:
            content.add(lemma)
    return sequence, content


def keep_token(token: str, content: set[str]) -> bool:
    """Phrases are kept when they start and end with a non-stopword ("act_of_aggression", not
    "after_the_second"); single words only if they are content words."""
    if "_" in token:
        parts = token.split("_")
        return token not in DOMAIN_STOPWORDS and parts[0] not in STOP_WORDS and parts[-1] not in STOP_WORDS
    return token in content and token not in DOMAIN_STOPWORDS


class RawUnits:
    """Re-iterable stream of (unit_id, doc_id, paragraph_id, tokens) from sentences.parquet."""

    def __init__(self, sentences_path: Path, settings: TopicSettings, doc_ids: set[str] | None = None):
        self.path = sentences_path
        self.settings = settings
        self.doc_ids = doc_ids

    def _paragraphs(self) -> Iterator[tuple[str, str, list[tuple[list[str], set[str]]]]]:
        current_id, current_doc, tokens = None, None, []
        for batch in pq.ParquetFile(self.path).iter_batches(columns=["doc_id", "paragraph_id", "lemmas", "pos"]):
            for doc_id, paragraph_id, lemmas, pos in zip(*(batch.column(i).to_pylist() for i in range(4))):
                if self.doc_ids is not None and doc_id not in self.doc_ids:
                    continue
                if paragraph_id != current_id:
                    if current_id is not None:
                        yield current_doc, current_id, tokens
                    current_id, current_doc, tokens = paragraph_id, doc_id, []
                tokens.append(sentence_tokens(lemmas, pos, self.settings.min_token_length,
                                              self.settings.max_token_length))
        if current_id is not None:
            yield current_doc, current_id, tokens

    def __iter__(self) -> Iterator[tuple[str, str, str, list[tuple[list[str], set[str]]]]]:
        """(unit_id, doc_id, first paragraph_id, sentences); a unit longer than max_unit_tokens words is
        split into parts at sentence boundaries."""
        if self.settings.unit == "paragraph":
            for doc_id, paragraph_id, sentences in self._paragraphs():
                parts = self._split(sentences)
                for number, part in enumerate(parts, 1):
                    suffix = "" if len(parts) == 1 else f"/part{number}"
                    yield f"{paragraph_id}{suffix}", doc_id, paragraph_id, part
            return
        buffer_doc, buffer, first_paragraph = None, [], None
        for doc_id, paragraph_id, tokens in self._paragraphs():
            if doc_id != buffer_doc and buffer_doc is not None:
                yield from self._split_document(buffer_doc, first_paragraph, buffer)
                buffer = []
            if doc_id != buffer_doc:
                buffer_doc, first_paragraph = doc_id, paragraph_id
            buffer.extend(tokens)
        if buffer_doc is not None:
            yield from self._split_document(buffer_doc, first_paragraph, buffer)

    def _split(self, sentences: list) -> list[list]:
        parts, current, length = [], [], 0
        for sentence in sentences:
            if current and length + len(sentence[0]) > self.settings.max_unit_tokens:
                parts.append(current)
                current, length = [], 0
            current.append(sentence)
            length += len(sentence[0])
        return parts + [current] if current or not parts else parts

    def _split_document(self, doc_id: str, paragraph_id: str, sentences: list):
        for number, part in enumerate(self._split(sentences), 1):
            yield f"{doc_id}/u{number:03d}", doc_id, paragraph_id, part


def train_phrases(units: RawUnits, settings: TopicSettings):
    """Collocations of adjacent lemmas ("gas_pipeline", "arms_embargo", "united_nations"); connector
    words may stand inside ("belt_and_road")."""
    from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases

    phrases = Phrases((sequence for *_, sentences in units for sequence, _ in sentences),
                      min_count=settings.phrase_min_count, threshold=settings.phrase_threshold, delimiter="_",
                      connector_words=ENGLISH_CONNECTOR_WORDS)
    return phrases.freeze()


def final_tokens(sentences: list[tuple[list[str], set[str]]], phrases) -> list[str]:
    return [t for sequence, content in sentences for t in phrases[sequence] if keep_token(t, content)]


@dataclass
class Features:
    unit_ids: list[str]
    doc_ids: list[str]
    paragraph_ids: list[str]
    vocabulary: list[str]
    document_frequency: list[int]
    counts: sp.csr_matrix  # units x vocabulary


def build_features(units: RawUnits, settings: TopicSettings) -> Features:
    """Phrases, stopwords and vocabulary filters; units with too few tokens are left out."""
    from gensim.corpora import Dictionary

    phrases = train_phrases(units, settings)
    dictionary = Dictionary(final_tokens(sentences, phrases) for *_, sentences in units)
    dictionary.filter_extremes(no_below=settings.no_below, no_above=settings.no_above, keep_n=settings.keep_n)
    # a stable vocabulary order (alphabetical), independent of gensim's internal ids
    vocabulary = sorted(dictionary.token2id)
    index = {term: i for i, term in enumerate(vocabulary)}
    rows, cols, vals, unit_ids, doc_ids, paragraph_ids = [], [], [], [], [], []
    for unit_id, doc_id, paragraph_id, sentences in units:
        ids = [index[t] for t in final_tokens(sentences, phrases) if t in index]
        if len(ids) < settings.min_unit_tokens:
            continue
        terms, counts = np.unique(ids, return_counts=True)
        row = len(unit_ids)
        rows.extend([row] * len(terms))
        cols.extend(terms.tolist())
        vals.extend(counts.tolist())
        unit_ids.append(unit_id)
        doc_ids.append(doc_id)
        paragraph_ids.append(paragraph_id)
    matrix = sp.csr_matrix((np.array(vals, dtype=np.int32), (rows, cols)), shape=(len(unit_ids), len(vocabulary)))
    frequency = np.asarray((matrix > 0).sum(axis=0)).ravel().astype(int).tolist()
    return Features(unit_ids, doc_ids, paragraph_ids, vocabulary, frequency, matrix)


def save_features(features: Features, features_path: Path, counts_path: Path) -> None:
    """The features as inspectable JSON (vocabulary, ids) plus the sparse counts (`.npz`)."""
    from discourse.io import atomic_path, write_json_atomic

    write_json_atomic({"vocabulary": features.vocabulary, "document_frequency": features.document_frequency,
                       "unit_ids": features.unit_ids, "doc_ids": features.doc_ids,
                       "paragraph_ids": features.paragraph_ids}, features_path)
    with atomic_path(counts_path) as tmp:
        with open(tmp, "wb") as handle:
            sp.save_npz(handle, features.counts)


def load_features(features_path: Path, counts_path: Path) -> Features:
    meta = json.loads(Path(features_path).read_text(encoding="utf-8"))
    return Features(meta["unit_ids"], meta["doc_ids"], meta["paragraph_ids"], meta["vocabulary"],
                    meta["document_frequency"], sp.load_npz(counts_path).tocsr())


class UnitTexts:
    """Re-iterable token lists of the units, rebuilt from the count matrix on every pass (for
    gensim's CoherenceModel, which reads its texts more than once)."""

    def __init__(self, features: Features):
        self.features = features

    def __iter__(self) -> Iterator[list[str]]:
        return unit_token_lists(self.features)


def unit_token_lists(features: Features) -> Iterator[list[str]]:
    """Each unit's tokens (bag order) from the count matrix, for coherence and tomotopy."""
    vocabulary = features.vocabulary
    for row in range(features.counts.shape[0]):
        start, end = features.counts.indptr[row], features.counts.indptr[row + 1]
        tokens = []
        for term, count in zip(features.counts.indices[start:end], features.counts.data[start:end]):
            tokens.extend([vocabulary[term]] * int(count))
        yield tokens
