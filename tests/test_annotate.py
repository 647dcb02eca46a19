"""`discourse annotate --jsonl`: many texts, one result a line, in input order, with their ids and years."""

import io
import json
import subprocess
import sys

import pytest

from discourse.annotate import annotate_jsonl, annotate_text
from discourse.errors import InputError
from discourse.nlp.pipeline import NlpSettings, build_pipeline
from tests.conftest import ROOT, default_config

LINES = [{"id": "cold-war", "year": 1985, "text": "In 1985 Moscow sent more troops to Afghanistan."},
         {"id": 2, "year": 2015, "text": "Moscow and Islamabad signed an energy agreement."},
         {"id": {"k": [1]}, "text": ""}]


def annotate_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "discourse", "annotate", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def actor_ids(result: dict) -> list[str]:
    return [a["id"] for s in result["sentences"] for a in s["actors"]]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(NlpSettings.from_config(default_config()))


def test_jsonl_file_gives_one_result_a_line_with_ids_and_years(tmp_path):
    path = tmp_path / "texts.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES))
    result = annotate_cli("--jsonl", str(path))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["year"]) for o in out] == [("cold-war", 1985), (2, 2015), ({"k": [1]}, None)]
    assert actor_ids(out[0]) == ["SUN", "AFG"]  # Moscow in 1985: the Soviet Union
    assert actor_ids(out[1]) == ["RUS", "PAK"]  # Moscow in 2015: Russia
    assert out[2]["sentences"] == []
    # the per-sentence records are those of the plain mode
    sentence = out[1]["sentences"][0]
    assert {"text", "start", "end", "actors", "entities", "themes", "frames", "relations"} <= set(sentence)
    assert sentence["text"] == LINES[1]["text"]


def test_jsonl_from_stdin_and_year_option_as_default():
    stdin = json.dumps({"id": "x", "text": "Moscow protested."}) + "\n\n" + json.dumps({"text": "Moscow replied.",
                                                                                       "year": 2001}) + "\n"
    result = annotate_cli("--jsonl", "-", "--year", "1980", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]  # the blank line is skipped
    assert [(o["id"], o["year"], actor_ids(o)) for o in out] == [("x", 1980, ["SUN"]), (None, 2001, ["RUS"])]


def test_malformed_line_stops_with_file_and_line_after_the_lines_before_it(tmp_path):
    path = tmp_path / "texts.jsonl"
    path.write_text(json.dumps(LINES[0]) + "\n" + json.dumps(LINES[1]) + "\n{not json\n" + json.dumps(LINES[0]) + "\n")
    result = annotate_cli("--jsonl", str(path))
    assert result.returncode == 2
    assert f"{path}: line 3: not JSON" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["cold-war", 2]


def test_jsonl_and_a_file_are_mutually_exclusive(tmp_path):
    result = annotate_cli(str(tmp_path / "a.txt"), "--jsonl", str(tmp_path / "b.jsonl"))
    assert result.returncode == 2 and "not allowed with" in result.stderr


@pytest.mark.parametrize(("line", "reason"), [
    ('["text"]', "line 2: not a JSON object"),
    ('{"id": 1}', "line 2: needs 'text', a string"),
    ('{"text": 5}', "line 2: needs 'text', a string"),
    ('{"text": "x", "year": "1985"}', "line 2: 'year' must be an integer"),
    ('{"text": "x", "year": true}', "line 2: 'year' must be an integer"),
    ('{"text": "x", "speaker": 586}', "line 2: 'speaker' must be an actor id")])
def test_bad_lines_name_the_line(nlp, line, reason):
    handle = io.StringIO(json.dumps(LINES[2]) + "\n" + line + "\n")
    out = io.StringIO()
    with pytest.raises(InputError, match=f"in.jsonl: {reason}"):
        annotate_jsonl(nlp, handle, "in.jsonl", out, 64)
    assert [json.loads(o)["id"] for o in out.getvalue().splitlines()] == [{"k": [1]}]


def test_skip_mode_writes_the_error_in_place_and_goes_on(nlp):
    handle = io.StringIO('{"id": "a", "text": "Moscow spoke.", "year": 1985}\n{"id": "b", "year": 1990}\n'
                         'oops\n{"id": "c", "text": "Islamabad answered."}\n')
    out = io.StringIO()
    problems = annotate_jsonl(nlp, handle, "in.jsonl", out, 64, on_error="skip")
    assert [p.reason for p in problems] == ["line 2: needs 'text', a string", "line 3: not JSON (Expecting value)"]
    rows = [json.loads(o) for o in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", None, "c"]
    assert rows[1] == {"id": "b", "year": 1990, "error": "line 2: needs 'text', a string", "line": 2}
    assert actor_ids(rows[3]) == ["PAK"]


def test_one_stream_keeps_input_order_and_each_text_with_its_id(nlp):
    # several paragraphs per text, empty texts between, a batch smaller than a text: texts cross batches
    texts = []
    for number in range(12):
        if number % 4 == 3:
            texts.append({"id": number, "text": "  "})
        else:
            year = 1980 if number % 2 else 2010
            paragraphs = [f"Text {number} paragraph {p}: Moscow and Kabul met." for p in range(number % 3 + 1)]
            texts.append({"id": number, "year": year, "text": "\n\n".join(paragraphs)})
    out = io.StringIO()
    annotate_jsonl(nlp, io.StringIO("".join(json.dumps(t) + "\n" for t in texts)), "in.jsonl", out, 2)
    rows = [json.loads(o) for o in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == list(range(12))
    for text, row in zip(texts, rows):
        assert row["sentences"] == list(annotate_text(nlp, text["text"], text.get("year"), 64)), text["id"]
        assert all(f"Text {text['id']} " in s["text"] for s in row["sentences"])
        expected = {1980: "SUN", 2010: "RUS"}.get(text.get("year"))
        assert {a for a in actor_ids(row) if a != "AFG"} == ({expected} if expected else set())


def test_a_lines_speaker_relates_its_first_person_acts_where_the_sentence_names_it(nlp):
    from discourse.framing.sentence import FramingSettings, build_framer

    framer = build_framer(nlp.vocab, FramingSettings.from_config(default_config()))
    text = "As a neighbour of Pakistan, we support Afghanistan."
    lines = [{"id": n, "text": text, **extra} for n, extra in enumerate([{"speaker": "PAK"}, {"speaker": "IND"}, {}])]
    out = io.StringIO()
    annotate_jsonl(nlp, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)), "in.jsonl", out, 64, framer)
    polarity = [[(r["source"], r["target"], r["polarity"])
                 for s in json.loads(row)["sentences"] for r in s["relations"]] for row in out.getvalue().splitlines()]
    assert polarity[0] == [("PAK", "AFG", "cooperation")]
    assert polarity[1] == polarity[2] and polarity[2][0][2] == "neutral"  # not the speaker, or none given
