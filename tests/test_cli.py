"""The command line on small data: what a user types, what they see."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from discourse.cli import main
from tests.conftest import PAPER, ROOT


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "discourse", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_ingest_prints_parsed_document_as_json():
    result = run_cli("ingest", str(PAPER), "--title", "The Evolution of Russia-Pakistan Relations in the Context "
                     "of Regional Cooperation: A Contemporary Study")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["metadata"]["title"].startswith("The Evolution")
    assert [s["heading"] for s in document["sections"]][:3] == [
        "Introduction", "Historical Context of Russia-Pakistan Relations", "Cold War Period"]
    assert len(document["paragraphs"]) == 39
    assert document["format"] == "md"


def test_ingest_html_file(tmp_path):
    page = tmp_path / "talks.html"
    page.write_text("<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
                    "<p>Pakistan and Russia held talks on energy cooperation in Islamabad on Wednesday, officials "
                    "said, as both sides sought to expand their trade and security ties.</p>"
                    "<h2>Pipeline</h2><p>The gas pipeline was discussed at length by the two delegations, who agreed "
                    "to settle the financing by the end of the year.</p></article></body></html>")
    result = run_cli("ingest", str(page))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    # the page title heads the document: front matter, not a body section
    assert document["front_matter"][0] == {**document["front_matter"][0], "kind": "title", "text": "Talks"}
    assert [s["heading"] for s in document["sections"]] == ["Pipeline"]
    assert document["paragraphs"][1]["heading_path"] == ["Pipeline"]
    assert document["paragraphs"][0]["text"].startswith("Pakistan and Russia held talks")


def test_bad_file_gives_clear_error_naming_file(tmp_path, capsys):
    bad = tmp_path / "notes.rtf"
    bad.write_text("{\\rtf1}")
    assert main(["ingest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: unsupported file type '.rtf'" in err


def test_corpus_list_marks_included_corpora():
    result = run_cli("corpus", "list")
    assert result.returncode == 0
    lines = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith(("*", " "))}
    assert lines["paper"].startswith("*") and lines["ungdc"].startswith("*")


def test_corpus_add_registers_local_corpus_after_checking_metadata(tmp_path):
    (tmp_path / "corpus" / "mine").mkdir(parents=True)
    (tmp_path / "corpus" / "registry.yaml").write_text("# my registry\ncorpora:\n  paper: {kind: ungdc}\n")
    (tmp_path / "corpus" / "mine" / "a.txt").write_text("Text.")
    (tmp_path / "corpus" / "mine" / "metadata.csv").write_text("doc_id,file\na,a.txt\na,a.txt\n")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"registry": "corpus/registry.yaml"}))
    args = ["--root", str(tmp_path), "corpus", "add", "mine", "corpus/mine", "corpus/mine/metadata.csv",
            "--config", str(config)]
    assert main(args) == 2  # duplicate doc_id: refused, registry unchanged
    assert "mine" not in yaml.safe_load((tmp_path / "corpus" / "registry.yaml").read_text())["corpora"]
    (tmp_path / "corpus" / "mine" / "metadata.csv").write_text("doc_id,file\na,a.txt\n")
    assert main(args) == 0
    registry_text = (tmp_path / "corpus" / "registry.yaml").read_text()
    assert registry_text.startswith("# my registry")
    assert yaml.safe_load(registry_text)["corpora"]["mine"] == {
        "kind": "local", "path": "corpus/mine", "metadata": "corpus/mine/metadata.csv", "description": ""}


def test_invalid_config_is_rejected_with_key(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"on_error": "ignore"}))
    assert main(["corpus", "list", "--config", str(config)]) == 2
    assert "on_error" in capsys.readouterr().err


def test_corpus_fetch_writes_status_matching_its_schema(tmp_path):
    from discourse.schemas import read_validated
    from tests.test_workflow import make_mirror

    mirror = make_mirror(tmp_path / "mirror")
    for name, mirror_path in (("available", mirror), ("unavailable", tmp_path / "absent")):
        config = tmp_path / f"{name}.yaml"
        config.write_text(yaml.safe_dump({"ungdc": {"mirror": str(mirror_path), "cache_dir": str(tmp_path / name),
                                                    "lock_file": str(tmp_path / f"{name}.lock.json")}}))
        status_path = tmp_path / f"{name}.json"
        assert main(["corpus", "fetch", "--config", str(config), "--status-out", str(status_path)]) == 0
        status = read_validated(status_path, "fetch_status")
        assert status["status"] == name
    assert "absent" in status["reason"]


def test_stage_rejects_a_malformed_status_file(tmp_path, capsys):
    status = tmp_path / "status.json"
    status.write_text(json.dumps({"status": "maybe"}))
    args = ["inventory", "--config-json", json.dumps({"corpora": ["paper"]}), "--ungdc-status", str(status),
            "--inventory-out", str(tmp_path / "inv.parquet"), "--skipped-out", str(tmp_path / "skipped.parquet")]
    assert main(["--root", str(ROOT), *args]) == 2
    assert f"{status}: not a valid fetch_status file" in capsys.readouterr().err
    assert not (tmp_path / "inv.parquet").exists()


def test_evaluate_scores_each_gold_file_on_its_own(tmp_path):
    import pytest

    from tests.conftest import SHARED

    sources = [SHARED / "eval" / "ungdc_sentences_dev.jsonl", SHARED / "eval" / "ungdc_sentences_dev2.jsonl"]
    if not all(source.exists() for source in sources):
        pytest.skip("labelled samples ../shared/eval not present")
    golds = []
    for number, (source, n) in enumerate(zip(sources, (4, 6))):
        gold = tmp_path / f"gold{number}.jsonl"
        gold.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:n]), encoding="utf-8")
        golds.append(str(gold))
    several, one = tmp_path / "several.json", tmp_path / "one.json"
    result = run_cli("evaluate", "--gold", *golds, "--json-out", str(several))
    assert result.returncode == 0, result.stderr
    scores = json.loads(several.read_text())
    assert list(scores) == golds and [s["n_sentences"] for s in scores.values()] == [4, 6]
    assert {"n", "correct", "accuracy", "per_class"} <= set(scores[golds[1]]["relations"]["polar"])
    # each report under its file name, its headline before its details
    first, second = result.stdout.index(f"evaluation ({golds[0]}): 4 sentences"), result.stdout.index(
        f"evaluation ({golds[1]}): 6 sentences")
    for start, end in ((first, second), (second, len(result.stdout))):
        report = result.stdout[start:end]
        headline, details = report.index("actors micro-F1"), report.index("primary frame accuracy")
        assert headline < details < report.index("micro  precision")
    # one file: its result, the shape results/evaluation.json has
    assert run_cli("evaluate", "--gold", golds[1], "--json-out", str(one)).returncode == 0
    assert json.loads(one.read_text()) == scores[golds[1]]


def test_each_command_is_mapped_to_the_module_that_registers_it():
    import argparse
    import importlib

    from discourse.cli import COMMAND_MODULES

    registered = {}
    for name in dict.fromkeys(COMMAND_MODULES.values()):
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(name).register_parser(sub)
        registered.update({command: name for command in sub.choices})
    assert registered == COMMAND_MODULES


@pytest.mark.parametrize("command, heavy", [("concat", ()), ("parse", ()), ("tables", ()), ("nlp", ("spacy",))])
def test_a_job_imports_its_own_stage_only(command, heavy):
    # every job of the workflow is a process; each once imported every stage with spaCy, scikit-learn and matplotlib
    script = ("import sys\nfrom discourse.cli import build_parser\n"
              f"build_parser([{command!r}])\n"
              "print(sorted(m for m in ('spacy', 'sklearn', 'matplotlib', 'gensim') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == str(sorted(heavy))
