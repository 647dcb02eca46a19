"""Topic-model engines behind one interface: fit on counts, give topic-word and unit-topic arrays.

Every engine is deterministic for a given seed (single worker), and a fitted model is saved as
inspectable JSON (engine, parameters, top terms) plus an `.npz` of its arrays, never a pickle.
`params` is the engine's block of the validated config (`topics.params.<engine>`): every parameter
is there, with its default from the config schema, so the engines state no defaults of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from discourse.io import atomic_path, write_json_atomic

ENGINES = ("tomotopy", "gensim_lda", "gensim_lda_multicore", "nmf")


@dataclass
class TopicModel:
    engine: str
    k: int
    seed: int
    params: dict[str, Any]
    vocabulary: list[str]
    topic_word: np.ndarray  # k x V, rows sum to 1
    unit_topic: np.ndarray  # units x k, rows sum to 1
    extra: dict[str, Any] = field(default_factory=dict)

    def top_terms(self, n: int) -> list[list[str]]:
        # ties broken by term index so the order is stable
        order = np.lexsort((np.arange(self.topic_word.shape[1])[None, :].repeat(self.k, 0), -self.topic_word), axis=1)
        return [[self.vocabulary[j] for j in row[:n]] for row in order]

    def save(self, model_path: Path, arrays_path: Path, top_n: int) -> None:
        """The model as inspectable JSON (engine, parameters, top terms) plus its arrays (`.npz`)."""
        with atomic_path(arrays_path) as tmp:
            with open(tmp, "wb") as handle:
                np.savez_compressed(handle, topic_word=self.topic_word, unit_topic=self.unit_topic)
        write_json_atomic({"engine": self.engine, "k": self.k, "seed": self.seed, "params": self.params,
                           "top_terms": self.top_terms(top_n), "extra": self.extra, "n_units": int(self.unit_topic.shape[0]),
                           "vocabulary_size": len(self.vocabulary)}, model_path)

    @classmethod
    def load(cls, directory: Path, vocabulary: list[str]) -> "TopicModel":
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        arrays = np.load(directory / "arrays.npz")
        return cls(meta["engine"], meta["k"], meta["seed"], meta["params"], vocabulary, arrays["topic_word"],
                   arrays["unit_topic"], meta.get("extra", {}))


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    sums = matrix.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    return matrix / sums


def fit_model(engine: str, counts: sp.csr_matrix, vocabulary: list[str], k: int, seed: int,
              params: dict[str, Any]) -> TopicModel:
    fitters = {"tomotopy": _fit_tomotopy, "gensim_lda": _fit_gensim, "gensim_lda_multicore": _fit_gensim_multicore,
               "nmf": _fit_nmf}
    if engine not in fitters:
        raise ValueError(f"unknown topic engine '{engine}'; choose from {', '.join(ENGINES)}")
    topic_word, unit_topic = fitters[engine](counts, vocabulary, k, seed, params)
    return TopicModel(engine, k, seed, params, vocabulary, _normalise_rows(topic_word), _normalise_rows(unit_topic))


def _rows_as_tokens(counts: sp.csr_matrix, vocabulary: list[str]):
    for row in range(counts.shape[0]):
        start, end = counts.indptr[row], counts.indptr[row + 1]
        yield [vocabulary[t] for t, c in zip(counts.indices[start:end], counts.data[start:end]) for _ in range(int(c))]


def _fit_tomotopy(counts, vocabulary, k, seed, params):
    import tomotopy as tp

    model = tp.LDAModel(k=k, seed=seed, alpha=params["alpha"], eta=params["eta"])
    for tokens in _rows_as_tokens(counts, vocabulary):
        model.add_doc(tokens if tokens else ["_empty_"])
    model.train(params["iterations"], workers=1)  # one worker: Gibbs sampling is then reproducible for a seed
    index = {term: i for i, term in enumerate(model.used_vocabs)}
    topic_word = np.zeros((k, len(vocabulary)))
    order = [index.get(term) for term in vocabulary]
    present = np.array([i is not None for i in order])
    for topic in range(k):
        dist = np.asarray(model.get_topic_word_dist(topic))
        topic_word[topic, present] = dist[[i for i in order if i is not None]]
    unit_topic = np.array([doc.get_topic_dist() for doc in model.docs])
    return topic_word, unit_topic


def _fit_gensim(counts, vocabulary, k, seed, params, multicore: bool = False):
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaModel, LdaMulticore

    corpus = Sparse2Corpus(counts, documents_columns=False)
    common = dict(corpus=corpus, id2word=dict(enumerate(vocabulary)), num_topics=k, random_state=seed,
                  passes=params["passes"], iterations=params["iterations"], alpha="symmetric",
                  eta=None, chunksize=params["chunksize"], eval_every=None)
    if multicore:
        # with workers > 1 the order in which workers' updates arrive varies, so runs are not
        # bit-identical for a seed; workers: 1 (the default) is reproducible
        model = LdaMulticore(workers=params["workers"], **common)
    else:
        model = LdaModel(**common)
    topic_word = model.get_topics()
    unit_topic = np.zeros((counts.shape[0], k))
    for row, bow in enumerate(corpus):
        for topic, share in model.get_document_topics(bow, minimum_probability=0.0):
            unit_topic[row, topic] = share
    return topic_word, unit_topic


def _fit_gensim_multicore(counts, vocabulary, k, seed, params):
    return _fit_gensim(counts, vocabulary, k, seed, params, multicore=True)


def _fit_nmf(counts, vocabulary, k, seed, params):
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    # random initialisation, so that stability across seeds measures something (NNDSVD is seed-free)
    model = NMF(n_components=k, init=params["init"], random_state=seed, max_iter=params["max_iter"])
    unit_topic = model.fit_transform(tfidf)
    return model.components_, unit_topic
