"""Tests for the inventory stage on a tiny project, and for the parse stage's error handling and cache."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

import pytest

import discourse.ingest.parse as parse_module
from discourse.config import validate_config
from discourse.corpus.inventory import INVENTORY_COLUMNS, assign_shard, build_inventory
from discourse.errors import InputError
from discourse.ingest.parse import IngestLimits, parse_shard
from discourse.tables import SKIPPED_COLUMNS

SHARDS = 3
METADATA_HEADER = "doc_id,file,title,date,outlet,stance\n"
# The good documents: (doc_id, file, content, metadata row after doc_id,file). All under 100 bytes, so a
# tiny size limit (0.0001 MiB = 104 bytes) only catches the oversized file.
GOOD = [
    ("a", "a.txt", "Peace talks resumed in Geneva today.\n", "Talks resume,2021-05-04,Dawn,pro"),
    ("b", "b.md", "# Editorial\n\nDialogue is the only way forward.\n", "Editorial,2019-01-02,The Hindu,"),
    ("c", "sub/c.txt", "Trade between the neighbours grew last year.\n", "Trade,2020,Reuters,neutral"),
]
GOOD_IDS = [f"news:{doc_id}" for doc_id, *_ in GOOD]


def write_registry(root: Path) -> None:
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "corpus" / "registry.yaml").write_text(
        "corpora:\n"
        "  news:\n"
        "    kind: local\n"
        "    path: corpus/news\n"
        "    metadata: corpus/news/metadata.csv\n"
        "  blogs:\n"
        "    kind: local\n"
        "    path: corpus/blogs\n"
        "    metadata: corpus/blogs/metadata.yaml\n",
        encoding="utf-8")


def make_project(root: Path) -> Path:
    """corpus/registry.yaml with a good local corpus `news` (and `blogs`, used by some tests)."""
    write_registry(root)
    folder = root / "corpus" / "news"
    for _, name, content, _ in GOOD:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "metadata.csv").write_text(
        METADATA_HEADER + "".join(f"{doc_id},{name},{rest}\n" for doc_id, name, _, rest in GOOD), encoding="utf-8")
    # Not documents: must be ignored, not reported as files without metadata.
    (folder / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    (folder / "readme.txt").write_text("notes\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "sub" / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    blogs = root / "corpus" / "blogs"
    blogs.mkdir(parents=True)
    (blogs / "post.txt").write_text("A blog post about the summit.\n", encoding="utf-8")
    (blogs / "metadata.yaml").write_text("- {doc_id: post, file: post.txt, year: 2022}\n", encoding="utf-8")
    return root


def config(on_error: str = "fail", corpora: tuple[str, ...] = ("news",), max_file_mb: float = 50) -> dict:
    return validate_config({"registry": "corpus/registry.yaml", "corpora": list(corpora), "on_error": on_error,
                            "ingest": {"shards": SHARDS, "max_file_mb": max_file_mb}})


def add_row(root: Path, line: str) -> None:
    with open(root / "corpus" / "news" / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def news(root: Path, name: str) -> Path:
    return root / "corpus" / "news" / name


# --- a good corpus ------------------------------------------------------------------------------


def test_good_corpus_one_row_per_document(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    inventory, skipped = build_inventory(config(), root, None)
    assert list(inventory.columns) == INVENTORY_COLUMNS
    assert list(inventory["doc_id"]) == GOOD_IDS  # README, hidden files and .git are not documents
    assert skipped.empty and list(skipped.columns) == SKIPPED_COLUMNS
    by_id = inventory.set_index("doc_id")
    for doc_id, name, content, _ in GOOD:
        row = by_id.loc[f"news:{doc_id}"]
        data = content.encode("utf-8")
        assert row["corpus_id"] == "news" and row["local_id"] == doc_id
        assert row["path"] == f"corpus/news/{name}"
        assert row["member"] is None
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert row["size"] == len(data)
        assert 0 <= row["shard"] < SHARDS
        assert row["shard"] == assign_shard(f"news:{doc_id}", SHARDS)
    assert list(inventory["format"]) == ["txt", "md", "txt"]
    meta_a = json.loads(by_id.loc["news:a", "metadata"])
    assert meta_a == {"doc_id": "a", "file": "a.txt", "title": "Talks resume", "date": "2021-05-04",
                      "outlet": "Dawn", "stance": "pro", "year": 2021}
    meta_b = json.loads(by_id.loc["news:b", "metadata"])
    assert meta_b["outlet"] == "The Hindu" and meta_b["stance"] is None and meta_b["year"] == 2019


def test_shards_are_stable_and_spread() -> None:
    ids = [f"news:doc{i}" for i in range(200)]
    shards = [assign_shard(doc_id, 4) for doc_id in ids]
    assert shards == [assign_shard(doc_id, 4) for doc_id in ids]
    assert set(shards) == {0, 1, 2, 3}
    # a known value, so a change of the hash (which would reshuffle every cache) is noticed
    assert assign_shard("news:a", 4) == int(hashlib.sha256(b"news:a").hexdigest()[:8], 16) % 4


def test_two_corpora(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    inventory, skipped = build_inventory(config(corpora=("news", "blogs")), root, None)
    assert list(inventory["doc_id"]) == ["blogs:post"] + GOOD_IDS
    assert skipped.empty


def test_unknown_corpus_in_config(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    with pytest.raises(InputError, match=r"registry\.yaml: corpora not in the registry: papers"):
        build_inventory(config(corpora=("news", "papers")), root, None)


# --- problems: fail stops with the file and the reason, skip records them -------------------------

# Each problem: (set up the project, doc_id of the skipped row, end of the reported path, reason fragment,
# config overrides). Paths are checked by their ending since the stage may report them absolute.
Problem = tuple[Callable[[Path], None], str | None, str, str, dict]


def _row_without_file(root: Path) -> None:
    add_row(root, "ghost,ghost.txt,Ghost,2020,,")


def _file_without_row(root: Path) -> None:
    news(root, "stray.txt").write_text("Nobody described me.\n", encoding="utf-8")


def _unsupported(root: Path) -> None:
    news(root, "letter.rtf").write_text("{\\rtf1 Hello}", encoding="utf-8")
    add_row(root, "letter,letter.rtf,Letter,2020,,")


def _empty(root: Path) -> None:
    news(root, "empty.txt").write_bytes(b"")
    add_row(root, "empty,empty.txt,Empty,2020,,")


def _oversized(root: Path) -> None:
    news(root, "big.txt").write_text("word " * 200, encoding="utf-8")  # 1000 bytes > 104
    add_row(root, "big,big.txt,Big,2020,,")


def _link_outside(root: Path) -> None:
    secret = root.parent / "outside" / "passwords.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("not part of any corpus\n", encoding="utf-8")
    news(root, "secret.txt").symlink_to(secret)
    add_row(root, "secret,secret.txt,Secret,2020,,")


def _link_loop(root: Path) -> None:
    news(root, "loop.txt").symlink_to(news(root, "loop.txt"))  # a file link to itself
    news(root, "sub/back").symlink_to(news(root, "sub"), target_is_directory=True)  # a folder loop: not descended


def _malformed_blogs_metadata(root: Path) -> None:
    (root / "corpus" / "blogs" / "metadata.yaml").write_text("- {doc_id: post, file: post.txt, shard: 2}\n",
                                                              encoding="utf-8")


PROBLEMS: dict[str, Problem] = {
    "row_without_file": (_row_without_file, "news:ghost", "corpus/news/ghost.txt",
                         "metadata row 'ghost' names a file that does not exist", {}),
    "file_without_row": (_file_without_row, None, "corpus/news/stray.txt",
                         "file has no row in the metadata table corpus/news/metadata.csv", {}),
    "unsupported_extension": (_unsupported, "news:letter", "corpus/news/letter.rtf",
                              "unsupported file type '.rtf'", {}),
    "empty_file": (_empty, "news:empty", "corpus/news/empty.txt", "file is empty", {}),
    "oversized_file": (_oversized, "news:big", "corpus/news/big.txt", "over the limit",
                       {"max_file_mb": 0.0001}),
    "link_outside_the_folder": (_link_outside, None, "corpus/news/secret.txt",
                                "is a symbolic link to", {}),
    "link_loop": (_link_loop, None, "corpus/news/loop.txt", "is a symbolic link that loops or leads nowhere", {}),
    "malformed_metadata": (_malformed_blogs_metadata, None, "corpus/blogs/metadata.yaml",
                           "column 'shard' is reserved", {"corpora": ("news", "blogs")}),
}


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_problem_fails_naming_file_and_reason(tmp_path: Path, name: str) -> None:
    setup, _, path_end, reason, overrides = PROBLEMS[name]
    root = make_project(tmp_path)
    setup(root)
    with pytest.raises(InputError) as info:
        build_inventory(config("fail", **overrides), root, None)
    error = info.value
    assert error.path.endswith(path_end)
    assert reason in error.reason
    assert str(error).startswith(error.path + ": ")


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_problem_is_skipped_and_recorded(tmp_path: Path, name: str) -> None:
    setup, doc_id, path_end, reason, overrides = PROBLEMS[name]
    root = make_project(tmp_path)
    setup(root)
    inventory, skipped = build_inventory(config("skip", **overrides), root, None)
    assert list(inventory["doc_id"]) == GOOD_IDS  # the good documents are still there
    assert list(skipped.columns) == SKIPPED_COLUMNS
    assert len(skipped) == 1
    row = skipped.iloc[0]
    assert row["stage"] == "inventory"
    assert row["corpus_id"] == ("blogs" if name == "malformed_metadata" else "news")
    assert (row["doc_id"] if isinstance(row["doc_id"], str) else None) == doc_id
    assert row["path"].endswith(path_end)
    assert reason in row["reason"]


def test_all_problems_at_once_in_skip_mode(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for setup, *_ in PROBLEMS.values():
        setup(root)
    inventory, skipped = build_inventory(config("skip", corpora=("news", "blogs"), max_file_mb=0.0001), root,
                                         None)
    assert list(inventory["doc_id"]) == GOOD_IDS
    assert len(skipped) == len(PROBLEMS)
    for name, (_, doc_id, path_end, reason, _) in PROBLEMS.items():
        matches = skipped[skipped["path"].str.endswith(path_end)]
        assert len(matches) == 1, name
        assert reason in matches.iloc[0]["reason"], name


def test_a_bad_metadata_row_in_skip_mode_leaves_out_its_document_not_the_corpus(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    news(root, "dup.txt").write_text("Another text.\n", encoding="utf-8")
    add_row(root, "a,dup.txt,Same id again,2020,,")
    add_row(root, "late,late.txt,Impossible date,2023-02-30,,")
    inventory, skipped = build_inventory(config("skip"), root, None)
    assert list(inventory["doc_id"]) == GOOD_IDS
    # the bad rows' files are not reported a second time as files without a row
    assert list(skipped["reason"]) == ["row 4: doc_id 'a' repeats row 1",
                                       "row 5 (late): date '2023-02-30' is not a calendar date (day is out of "
                                       "range for month)"]
    assert skipped.iloc[0]["path"].endswith("corpus/news/metadata.csv")
    with pytest.raises(InputError, match=r"metadata\.csv: row 4: doc_id 'a' repeats row 1"):
        build_inventory(config("fail"), root, None)


def test_a_run_with_no_documents_stops_at_the_inventory_naming_corpora_and_what_was_left_out(tmp_path: Path) -> None:
    from discourse.corpus.stage import STAGE as CORPUS_STAGE
    from tests.conftest import run_job

    root = make_project(tmp_path)
    (root / "corpus" / "news" / "metadata.csv").write_text(
        METADATA_HEADER + "a,a.txt,Talks,2021-13-01,,\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        run_job(CORPUS_STAGE.job("inventory"), config("skip"), tmp_path / "out", {"ungdc_status": None}, root=root)
    reason = info.value.reason
    assert info.value.path == "corpus/registry.yaml"
    assert reason.startswith("no documents left to analyse from the corpora news")
    assert "3 inputs were left out" in reason and "row 1 (a): date '2021-13-01' is not a calendar date" in reason
    assert "corpus/news/sub/c.txt: file has no row in the metadata table" in reason
    assert not list((tmp_path / "out").rglob("*.parquet"))


def test_missing_corpus_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for path in sorted((root / "corpus" / "blogs").iterdir()):
        path.unlink()
    (root / "corpus" / "blogs").rmdir()
    with pytest.raises(InputError) as info:
        build_inventory(config("fail", corpora=("news", "blogs")), root, None)
    assert info.value.path.endswith("corpus/blogs/metadata.yaml")
    assert "metadata table not found" in info.value.reason


# --- parse stage --------------------------------------------------------------------------------

MAX_BYTES = 2**20


def parse_project(root: Path, bad: dict[str, bytes]) -> None:
    """Add .txt files that pass the inventory but fail to parse."""
    for doc_id, data in bad.items():
        news(root, f"{doc_id}.txt").write_bytes(data)
        add_row(root, f"{doc_id},{doc_id}.txt,Bad,2020,,")


BAD_FILES = {"latin1": b"caf\xe9 au lait\n", "binary": b"\x00\x01\x02PK\x03\x04 not text\n"}
BAD_REASONS = {"latin1": "not valid UTF-8", "binary": "looks binary"}


def one_shard_config(on_error: str) -> dict:
    return validate_config({"registry": "corpus/registry.yaml", "corpora": ["news"], "on_error": on_error,
                            "ingest": {"shards": 1}})


def test_parse_skip_mode_reports_bad_files_and_parses_good_ones(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    parse_project(root, BAD_FILES)
    inventory, skipped = build_inventory(one_shard_config("skip"), root, None)
    assert skipped.empty  # these problems need parsing to be found
    items = list(parse_shard(inventory, 0, root, tmp_path / "cache", "skip", IngestLimits(MAX_BYTES)))
    assert len(items) == len(inventory)
    by_id = {}
    for item in items:
        assert len(item) == 1
        ((kind, value),) = item.items()
        by_id[value["doc_id"]] = (kind, value)
    for doc_id in GOOD_IDS:
        kind, document = by_id[doc_id]
        assert kind == "document"
        assert document["corpus_id"] == "news"
    assert "Peace talks resumed in Geneva today." in by_id["news:a"][1]["text"]
    assert by_id["news:a"][1]["metadata"]["outlet"] == "Dawn"
    for local_id, reason in BAD_REASONS.items():
        kind, record = by_id[f"news:{local_id}"]
        assert kind == "skipped"
        assert record["stage"] == "parse"
        assert record["corpus_id"] == "news"
        assert record["path"] == f"corpus/news/{local_id}.txt"
        assert reason in record["reason"]
    assert "offset 3" in by_id["news:latin1"][1]["reason"]


@pytest.mark.parametrize("local_id", list(BAD_FILES))
def test_parse_fail_mode_raises_naming_file(tmp_path: Path, local_id: str) -> None:
    root = make_project(tmp_path / "project")
    parse_project(root, {local_id: BAD_FILES[local_id]})
    inventory, _ = build_inventory(one_shard_config("fail"), root, None)
    with pytest.raises(InputError) as info:
        list(parse_shard(inventory, 0, root, tmp_path / "cache", "fail", IngestLimits(MAX_BYTES)))
    assert info.value.path == f"corpus/news/{local_id}.txt"
    assert BAD_REASONS[local_id] in info.value.reason


def test_duplicates_are_resolved_after_parsing_keeping_the_first_copy_that_parses(tmp_path: Path) -> None:
    import docx

    root = make_project(tmp_path / "project")
    document = docx.Document()
    document.add_paragraph("Pakistan and Russia signed a trade agreement.")
    document.save(news(root, "report.docx"))
    news(root, "report.txt").write_bytes(news(root, "report.docx").read_bytes())  # a .docx renamed: not text
    news(root, "copy.txt").write_bytes(news(root, "a.txt").read_bytes())
    add_row(root, "renamed,report.txt,Report,2020,,")  # listed first, fails to parse
    add_row(root, "report,report.docx,Report,2020,,")
    add_row(root, "copy,copy.txt,Copy,2020,,")
    inventory, skipped = build_inventory(config("skip"), root, None)
    assert skipped.empty and len(inventory) == 6  # nothing is decided before parsing
    copy_of = dict(zip(inventory["doc_id"], inventory["copy_of"]))
    assert copy_of["news:report"] == "news:renamed" and copy_of["news:copy"] == "news:a"
    shard_of = dict(zip(inventory["doc_id"], inventory["shard"]))
    assert shard_of["news:report"] == shard_of["news:renamed"] and shard_of["news:copy"] == shard_of["news:a"]
    items = [item for shard in range(SHARDS)
             for item in parse_shard(inventory, shard, root, tmp_path / "cache", "skip", IngestLimits(MAX_BYTES))]
    kept = {item["document"]["doc_id"] for item in items if "document" in item}
    assert kept == set(GOOD_IDS) | {"news:report"}  # the copy that parses survives its broken first copy
    reasons = {item["skipped"]["doc_id"]: item["skipped"]["reason"] for item in items if "skipped" in item}
    assert "looks binary" in reasons["news:renamed"]
    assert reasons["news:copy"] == "same content as document 'news:a' (duplicate of it under id 'news:copy')"
    with pytest.raises(InputError, match="same content as document 'news:a'"):
        [item for shard in range(SHARDS)
         for item in parse_shard(build_inventory(config("fail"), root, None)[0].query("doc_id != 'news:renamed'"),
                                 shard, root, tmp_path / "cache", "fail", IngestLimits(MAX_BYTES))]


def test_parse_only_yields_the_requested_shard(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    inventory, _ = build_inventory(config(), root, None)
    seen = []
    for shard in range(SHARDS):
        items = list(parse_shard(inventory, shard, root, tmp_path / "cache", "fail", IngestLimits(MAX_BYTES)))
        expected = list(inventory.loc[inventory["shard"] == shard, "doc_id"])
        assert [item["document"]["doc_id"] for item in items] == expected
        seen += expected
    assert sorted(seen) == GOOD_IDS


def test_parse_detects_file_changed_since_inventory(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    inventory, _ = build_inventory(one_shard_config("fail"), root, None)
    news(root, "a.txt").write_text("Edited after the inventory.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^corpus/news/a\.txt: file changed since the inventory"):
        list(parse_shard(inventory, 0, root, tmp_path / "cache", "fail", IngestLimits(MAX_BYTES)))


@pytest.mark.parametrize("damage", ["truncate", "edit"])
def test_a_damaged_parse_cache_entry_is_healed_on_the_next_run(tmp_path: Path, caplog, damage: str) -> None:
    root = make_project(tmp_path / "project")
    cache = tmp_path / "cache"
    inventory, _ = build_inventory(one_shard_config("fail"), root, None)
    first = list(parse_shard(inventory, 0, root, cache, "fail", IngestLimits(MAX_BYTES)))
    entry = next(path for path in sorted(cache.glob("*.json")) if b"Geneva" in path.read_bytes())
    data = entry.read_bytes()
    # an edit that keeps the JSON valid: a document's text changed in the cache while its source did not
    entry.write_bytes(data[: len(data) // 2] if damage == "truncate" else data.replace(b"Geneva", b"Moscow"))
    assert entry.read_bytes() != data
    second = list(parse_shard(inventory, 0, root, cache, "fail", IngestLimits(MAX_BYTES)))
    assert second == first
    assert entry.read_bytes() == data  # recomputed and written again
    assert entry.name in caplog.text


def test_parse_cache_is_reused_and_invalidated_by_metadata(tmp_path: Path, monkeypatch) -> None:
    root = make_project(tmp_path / "project")
    cache = tmp_path / "cache"
    inventory, _ = build_inventory(one_shard_config("fail"), root, None)

    first = list(parse_shard(inventory, 0, root, cache, "fail", IngestLimits(MAX_BYTES)))
    assert [item["document"]["doc_id"] for item in first] == GOOD_IDS
    assert len(list(cache.glob("*.json"))) == len(GOOD)

    # Second run: nothing is parsed again, the documents come from the cache unchanged.
    def must_not_parse(row, data, limits):
        raise AssertionError(f"{row['doc_id']} was parsed again")

    monkeypatch.setattr(parse_module, "parse_row", must_not_parse)
    second = list(parse_shard(inventory, 0, root, cache, "fail", IngestLimits(MAX_BYTES)))
    assert second == first

    # Changing one document's metadata parses that document, and only it, again.
    metadata = news(root, "metadata.csv")
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("Talks resume", "Talks resume in Geneva"),
                        encoding="utf-8")
    inventory2, _ = build_inventory(one_shard_config("fail"), root, None)
    monkeypatch.undo()
    real = parse_module.parse_row
    parsed = []

    def counting(row, data, limits):
        parsed.append(row["doc_id"])
        return real(row, data, limits)

    monkeypatch.setattr(parse_module, "parse_row", counting)
    third = list(parse_shard(inventory2, 0, root, cache, "fail", IngestLimits(MAX_BYTES)))
    assert parsed == ["news:a"]
    assert third[0]["document"]["metadata"]["title"] == "Talks resume in Geneva"
    assert third[1:] == first[1:]
    assert len(list(cache.glob("*.json"))) == len(GOOD) + 1
