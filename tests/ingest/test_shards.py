"""Parse shards: a document's paragraphs on lines of their own, read back whole or streamed, and a shard that is
not what it should be named with the way out; the corpus tables of one very large document in bounded memory."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from discourse.errors import InputError
from discourse.ingest.shards import iter_shard_items, stream_shards, write_shard
from discourse.segment.document import parse_document
from discourse.tables import arrow_schema
from tests.conftest import run_measuring_peak_rss

SKIPPED = {"stage": "parse", "corpus_id": "news", "doc_id": "news:c", "path": "corpus/news/c.txt",
           "reason": "empty file"}


def items() -> list[dict]:
    return [{"document": parse_document("news:a", "Pakistan and Russia met.\n\nThey signed a deal.", {})},
            {"skipped": SKIPPED},
            {"document": parse_document("news:b", "India and China held talks.", {"year": 2020})}]


def test_a_shard_reads_back_the_items_it_was_written_from(tmp_path: Path):
    path = tmp_path / "shard-0.jsonl"
    write_shard(path, items())
    assert list(iter_shard_items([path])) == json.loads(json.dumps(items()))
    lines = path.read_text(encoding="utf-8").splitlines()
    # header, 2 paragraphs, skipped, header, 1 paragraph: no line holds a whole document's paragraphs
    assert [next(iter(json.loads(line))) for line in lines] == ["document", "paragraph", "paragraph", "skipped",
                                                                "document", "paragraph"]
    assert json.loads(lines[0])["document"]["n_paragraphs"] == 2 and "paragraphs" not in json.loads(lines[0])["document"]


def test_paragraphs_a_reader_leaves_are_passed_over(tmp_path: Path):
    path = tmp_path / "shard-0.jsonl"
    write_shard(path, items())
    read = []
    for header, skipped, paragraphs in stream_shards([path, path]):
        read.append(skipped["doc_id"] if header is None else header["doc_id"])
        if header is not None and header["doc_id"] == "news:a":
            next(paragraphs)  # one of its two paragraphs taken
    assert read == ["news:a", "news:c", "news:b"] * 2


@pytest.mark.parametrize("damage, reason", [
    (lambda text: text[:text.rindex('{"paragraph"')], "ends inside document 'news:b' (0 of 1 paragraphs)"),
    (lambda text: text.replace('{"paragraph"', '{"para"', 1), "line 2 should be paragraph 1 of 2 of document 'news:a'"),
    (lambda text: text[:-5] + "\n", "line 6 is not valid JSON"),
    (lambda text: json.dumps({"document": items()[0]["document"]}) + "\n", "line 1 is not a document header"),
    (lambda text: "[1, 2]\n", "line 1 is not a JSON object"),
])
def test_a_damaged_shard_is_named_with_its_line_and_the_way_out(tmp_path: Path, damage, reason):
    path = tmp_path / "shard-0.jsonl"
    write_shard(path, items())
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(iter_shard_items([path]))
    assert info.value.path == str(path) and info.value.reason.startswith(reason), info.value.reason
    assert "delete it and run the workflow again" in info.value.reason


TABLES_JOB = """
import sys
from pathlib import Path
from discourse.ingest.stage import STAGE
folder = Path(sys.argv[1])
job = STAGE.job("tables")
outputs = {name: folder / "out" / path for name, path in job.output_paths().items()}
counts = job.run(None, {"shards": [folder / "shard-0.jsonl"], "inventory": folder / "inventory.parquet",
                        "inventory_skipped": folder / "skipped.parquet"}, outputs)
print("paragraph rows", counts["paragraphs"])
"""


def test_the_corpus_tables_of_one_very_large_document_are_written_in_bounded_memory(tmp_path: Path):
    """A 16 MB document of 200,000 paragraphs: the tables job once held it as one JSON value, every paragraph row,
    and min/max statistics of its text (445 MB here); a few times the document's size is the ceiling."""
    paragraph = "Pakistan and Russia met in Moscow to discuss trade, energy and regional security.\n\n"
    count = 200_000
    document = parse_document("bench:large", paragraph * count, {"genre": "speech"})
    document.update({"corpus_id": "bench", "local_id": "large", "format": "txt", "path": "large.txt",
                     "member": None, "sha256": "0" * 64, "size": len(paragraph) * count})
    write_shard(tmp_path / "shard-0.jsonl", [{"document": document}])
    del document
    pd.DataFrame({"metadata": ["{}"]}).to_parquet(tmp_path / "inventory.parquet")
    pq.write_table(arrow_schema("skipped").empty_table(), tmp_path / "skipped.parquet")
    run, peak_mb = run_measuring_peak_rss(TABLES_JOB, str(tmp_path))
    assert f"paragraph rows {count}" in run.stdout
    documents = pd.read_parquet(tmp_path / "out" / "results" / "ingest" / "documents.parquet")
    assert documents.loc[0, "n_paragraphs"] == count and documents.loc[0, "n_words"] == 13 * count
    assert peak_mb < 300, peak_mb
