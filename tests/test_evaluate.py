"""`discourse evaluate`: the scores on the labelled development sample (acceptance floors), and each
score against a small hand-computed case."""

import json
import subprocess
import sys

import pytest

from discourse.errors import InputError
from discourse.evaluate import accuracy_macro_f1, krippendorff_nominal, read_gold, score_relations, score_themes
from tests.conftest import ROOT, SHARED

GOLD = SHARED / "eval" / "ungdc_sentences_dev.jsonl"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    if not GOLD.exists():
        pytest.skip("labelled sample ../shared/eval not present")
    out = tmp_path_factory.mktemp("evaluate") / "scores.json"
    result = subprocess.run([sys.executable, "-m", "discourse", "evaluate", "--gold", str(GOLD), "--json-out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text()), result.stdout


def test_actor_f1_floor(evaluation):
    scores, stdout = evaluation
    assert scores["n_sentences"] == 60 and scores["actors"]["micro"]["f1"] >= 0.95
    assert "micro  precision" in stdout


def test_relation_polarity_floor(evaluation):
    relations = evaluation[0]["relations"]
    assert relations["n"] == 115 and relations["accuracy"] >= 0.80
    assert 0 < relations["macro_f1"] <= 1 and relations["krippendorff_alpha"] > 0.5


def test_polar_figures_reported_without_floor(evaluation):
    # reported, not floored: the relation coder is being rewritten
    scores, stdout = evaluation
    polar = scores["relations"]["polar"]
    assert polar["n"] == 44 + 20 and 0 <= polar["correct"] <= polar["n"]
    assert set(polar["per_class"]) == {"cooperation", "conflict"}
    assert polar["per_class"]["conflict"] == scores["relations"]["per_class"]["conflict"]
    assert f"relation polarity over gold cooperation/conflict pairs: accuracy {polar['accuracy']:.3f} (n=64" in stdout


def test_headline_before_details(evaluation):
    stdout = evaluation[1]
    headline = ["actors micro-F1", "relation polarity, gold cooperation/conflict pairs",
                "relation polarity, all gold pairs", "themes micro-F1", "primary frame accuracy"]
    positions = [stdout.index(what) for what in headline]
    assert positions == sorted(positions) and positions[-1] < stdout.index("micro  precision")


def test_theme_micro_f1_floor(evaluation):
    themes = evaluation[0]["themes"]
    assert themes["micro"]["f1"] >= 0.75 and themes["krippendorff_alpha"] > 0.5


def test_primary_frame_floor(evaluation):
    frames = evaluation[0]["frames"]
    assert frames["n"] == 60 and frames["accuracy"] >= 0.55
    assert "primary frame: accuracy" in evaluation[1] and "Krippendorff alpha" in evaluation[1]


def test_accuracy_and_macro_f1_hand_case():
    result = accuracy_macro_f1(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert result["accuracy"] == 0.75
    # a: P 1, R .5, F1 2/3; b: P 2/3, R 1, F1 .8
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert result["confusions"] == {"a -> b": 1}
    # a class only the system uses counts in the macro average with F1 0
    assert accuracy_macro_f1(["a", "a"], ["a", "c"])["macro_f1"] == pytest.approx((2 / 3 + 0) / 2)


def test_krippendorff_alpha_hand_cases():
    assert krippendorff_nominal(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == pytest.approx(1.0)
    # 2 coders x 4 units, one disagreement: coincidences o_ab = o_ba = 1 of n = 8 pairable values -> D_o = 2/8;
    # values a a b b + a b b b -> n_a = 3, n_b = 5 -> D_e = 2 * 3 * 5 / (8 * 7); alpha = 1 - D_o / D_e = 0.5333
    assert krippendorff_nominal(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == pytest.approx(1 - (2 / 8) / (30 / 56))
    assert krippendorff_nominal(["a"], ["a"]) is None  # one value only: undefined


def test_relation_pairs_are_unordered_and_missing_pairs_count_as_wrong():
    gold = [{"relations": [{"pair": ["IND", "PAK"], "polarity": "conflict"},
                           {"pair": ["CHN", "PAK"], "polarity": "neutral"}]}]
    predictions = [{"relations": {("IND", "PAK"): "conflict"}}]
    result = score_relations(gold, predictions)
    assert result["accuracy"] == 0.5 and result["missing_pairs"] == 1


def test_polar_accuracy_and_per_class_precision_recall_hand_case():
    def pairs(*labelled):
        return {"relations": [{"pair": list(pair), "polarity": polarity} for pair, polarity in labelled]}

    gold = [pairs((("A", "B"), "cooperation"), (("A", "C"), "conflict"), (("B", "C"), "neutral")),
            pairs((("A", "B"), "cooperation"), (("C", "D"), "conflict"), (("A", "D"), "neutral")),
            pairs((("A", "B"), "conflict"))]
    predictions = [{"relations": {("A", "B"): "cooperation", ("A", "C"): "neutral", ("B", "C"): "conflict"}},
                   {"relations": {("A", "B"): "conflict", ("C", "D"): "conflict", ("A", "D"): "cooperation"}},
                   {"relations": {("E", "F"): "cooperation"}}]  # the gold pair missed; a pair the gold lacks
    result = score_relations(gold, predictions)
    # gold     coop  conf     neut     coop  conf  neut  conf
    # system   coop  neut     conf     conf  conf  coop  missing
    assert result["accuracy"] == pytest.approx(2 / 7) and result["missing_pairs"] == 1
    polar = result["polar"]
    assert (polar["n"], polar["correct"]) == (5, 2) and polar["accuracy"] == pytest.approx(0.4)
    cooperation, conflict = polar["per_class"]["cooperation"], polar["per_class"]["conflict"]
    # cooperation: tp 1, fp 1 (a neutral pair), fn 1 (called conflict); the unlisted pair E-F is not scored
    assert (cooperation["tp"], cooperation["fp"], cooperation["fn"]) == (1, 1, 1)
    assert cooperation["precision"] == pytest.approx(0.5) and cooperation["recall"] == pytest.approx(0.5)
    # conflict: tp 1, fp 2 (a neutral and a cooperation pair), fn 2 (called neutral; missing)
    assert (conflict["tp"], conflict["fp"], conflict["fn"]) == (1, 2, 2)
    assert conflict["precision"] == pytest.approx(1 / 3) and conflict["recall"] == pytest.approx(1 / 3)
    assert polar["per_class"] == {c: result["per_class"][c] for c in ("cooperation", "conflict")}


def test_polar_without_polar_gold_pairs_is_undefined():
    gold = [{"relations": [{"pair": ["A", "B"], "polarity": "neutral"}]}]
    polar = score_relations(gold, [{"relations": {("A", "B"): "neutral"}}])["polar"]
    assert polar["n"] == 0 and polar["accuracy"] is None
    assert polar["per_class"]["conflict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}


def test_themes_micro_counts():
    gold = [{"themes": ["energy", "afghanistan"]}, {"themes": []}]
    predictions = [{"themes": {"energy"}}, {"themes": {"energy"}}]
    micro = score_themes(gold, predictions)["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (1, 1, 1)


def test_bad_gold_file_names_the_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"text": "x", "actors": []}\nnot json\n')
    with pytest.raises(InputError, match="gold.jsonl.*line 2 is not JSON"):
        read_gold(bad)


def test_rows_without_theme_labels_are_left_out():
    gold = [{"themes": ["energy"]}, {"text": "unlabelled"}]
    predictions = [{"themes": {"energy"}}, {"themes": {"energy"}}]
    assert score_themes(gold, predictions)["micro"]["fp"] == 0


def test_the_gold_speaking_state_is_given_to_the_coder(tmp_path):
    """The codebook codes the speaker where the sentence names it; the evaluation passes each row's `iso`."""
    from discourse.evaluate import annotate_gold
    from discourse.framing.sentence import FramingSettings, build_framer
    from discourse.nlp.pipeline import NlpSettings, build_pipeline
    from tests.conftest import default_config

    config = default_config()
    nlp = build_pipeline(NlpSettings.from_config(config))
    framer = build_framer(nlp.vocab, FramingSettings.from_config(config))
    row = {"id": "x", "year": 1995, "text": "As a neighbour of Pakistan, we support Afghanistan."}
    rows = [{**row, "iso": "PAK"}, {**row, "iso": "IND"}]
    predicted = annotate_gold(rows, nlp, framer, 8, dict(config["actors"]["merge"]))
    assert [p["relations"][("AFG", "PAK")] for p in predicted] == ["cooperation", "neutral"]
