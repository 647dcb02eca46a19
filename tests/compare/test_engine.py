"""The comparison engine on a small hand-made corpus: every table's numbers computed by hand, and
every cell's evidence pointing at the sentences behind it."""

import math

import pandas as pd
import pytest

from discourse.compare import engine, stage
from tests.conftest import run_job
from discourse.config import validate_config
from discourse.tables import write_table

# two groups: the paper (2023) and Pakistan at the UN (1985 and 2005)
DOCUMENTS = [
    {"doc_id": "paper:p", "corpus_id": "paper", "country": None, "year": 2023, "speaker": None,
     "author": "Khatoon", "title": "Paper"},
    {"doc_id": "ungdc:PAK_40_1985", "corpus_id": "ungdc", "country": "PAK", "year": 1985, "speaker": "Zia",
     "author": None, "title": "Speech 1985"},
    {"doc_id": "ungdc:PAK_60_2005", "corpus_id": "ungdc", "country": "PAK", "year": 2005, "speaker": "Musharraf",
     "author": None, "title": "Speech 2005"},
]
# (sentence id, doc, themes, primary frame, score, hedges, boosters, tokens, lemmas)
SENTENCES = [
    ("paper:p/p1/s01", "paper:p", ["energy"], "security_defense", 0.9, ["could"], [], 10, "pipeline gas could"),
    ("paper:p/p1/s02", "paper:p", ["energy"], "security_defense", 0.5, ["may"], [], 10, "pipeline energy"),
    ("paper:p/p1/s03", "paper:p", ["energy"], "economic", 1.0, ["potential"], [], 10, "pipeline trade"),
    ("paper:p/p1/s04", "paper:p", ["energy"], "economic", 0.7, [], [], 10, "pipeline market"),
    ("ungdc:PAK_40_1985/p1/s01", "ungdc:PAK_40_1985", ["energy"], "security_defense", 1.0, [], ["clearly"], 10,
     "soviet troop"),
    ("ungdc:PAK_40_1985/p1/s02", "ungdc:PAK_40_1985", ["energy"], "security_defense", 0.8, [], [], 10,
     "soviet troop"),
    ("ungdc:PAK_60_2005/p1/s01", "ungdc:PAK_60_2005", ["energy"], "security_defense", 0.6, [], ["clearly"], 10,
     "terrorism"),
    ("ungdc:PAK_60_2005/p1/s02", "ungdc:PAK_60_2005", [], "political", 0.4, [], [], 10, "peace"),
]
RELATIONS = [  # SUN is merged into RUS in `source`/`target`
    ("ungdc:PAK_40_1985/p1/s01", "ungdc:PAK_40_1985", "RUS", "PAK", "SUN", "PAK", "conflict", "material_conflict", -9.0),
    ("ungdc:PAK_40_1985/p1/s02", "ungdc:PAK_40_1985", "PAK", "RUS", "PAK", "SUN", "conflict", "verbal_conflict", -4.0),
    ("ungdc:PAK_60_2005/p1/s01", "ungdc:PAK_60_2005", "PAK", "RUS", "PAK", "RUS", "cooperation", "verbal_cooperation",
     3.0),
    ("ungdc:PAK_60_2005/p1/s02", "ungdc:PAK_60_2005", "PAK", "RUS", "PAK", "RUS", "neutral", None, 0.0),
]
SPEAKER_RELATIONS = [  # (sentence, doc, target, target as mentioned, polarity, quad class, score): "we ..."
    ("ungdc:PAK_40_1985/p1/s01", "ungdc:PAK_40_1985", "RUS", "SUN", "conflict", "verbal_conflict", -4.5),
    ("ungdc:PAK_40_1985/p1/s02", "ungdc:PAK_40_1985", "RUS", "SUN", "conflict", "verbal_conflict", -2.5),
    ("ungdc:PAK_60_2005/p1/s01", "ungdc:PAK_60_2005", "RUS", "RUS", "cooperation", "verbal_cooperation", 3.0),
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    framing_dir = root / "framing"
    documents = pd.DataFrame(DOCUMENTS)
    documents.to_parquet(root / "documents.parquet")
    framing = pd.DataFrame([{"sentence_id": s, "doc_id": d, "paragraph_id": s.rsplit("/", 1)[0], "themes": t,
                             "primary_frame": f, "primary_score": sc, "hedges": h, "boosters": b, "n_tokens": n,
                             "n_actors": 0} for s, d, t, f, sc, h, b, n, _ in SENTENCES])
    write_table(framing, "sentence_framing", framing_dir / "sentence_framing.parquet")
    write_table(pd.DataFrame([{"relation_id": f"{r[0]}/r01", "sentence_id": r[0], "doc_id": r[1], "source": r[2],
                               "target": r[3], "source_raw": r[4], "target_raw": r[5], "polarity": r[6],
                               "quad_class": r[7], "score": r[8], "cue": "x", "negated": False, "modality": None,
                               "passive": False, "method": "dependency"} for r in RELATIONS]),
                "relations", framing_dir / "relations.parquet")
    write_table(pd.DataFrame([{"speaker_relation_id": f"{r[0]}/s01", "sentence_id": r[0], "doc_id": r[1],
                               "speaker": "PAK", "target": r[2], "target_raw": r[3], "polarity": r[4],
                               "quad_class": r[5], "score": r[6], "cue": "x", "negated": False, "modality": None}
                              for r in SPEAKER_RELATIONS]), "speaker_relations", framing_dir / "speaker_relations.parquet")
    certainty = framing.groupby("doc_id").agg(sentences=("sentence_id", "size"), tokens=("n_tokens", "sum"),
                                              hedges=("hedges", lambda x: sum(map(len, x))),
                                              boosters=("boosters", lambda x: sum(map(len, x)))).reset_index()
    certainty = certainty.assign(  # the rest of the contract (the engine pools hedges, boosters and tokens itself)
        certainty_index=(certainty["boosters"] - certainty["hedges"]) / (certainty["boosters"] + certainty["hedges"] + 1),
        hedges_per_1k=certainty["hedges"] * 1000 / certainty["tokens"],
        boosters_per_1k=certainty["boosters"] * 1000 / certainty["tokens"])
    write_table(certainty, "document_certainty", framing_dir / "document_certainty.parquet")
    sentences = pd.DataFrame([{"sentence_id": s, "doc_id": d, "paragraph_id": s.rsplit("/", 1)[0], "order": 1,
                               "start": 0, "end": 1, "text": f"text of {s}", "n_tokens": n, "lemmas": lemmas,
                               "pos": " ".join(["NOUN"] * len(lemmas.split()))}
                              for s, d, _, _, _, _, _, n, lemmas in SENTENCES])
    write_table(sentences, "sentences", root / "sentences.parquet")
    config = validate_config({"compare": {"bootstrap": 200, "permutations": 199, "min_sentences": 2, "evidence": 2,
                                          "keyness_terms": 5, "keyness_min_count": 1}})
    names = stage.TABLES
    inputs = {"sentence_framing": framing_dir / "sentence_framing.parquet",
              "relations": framing_dir / "relations.parquet",
              "speaker_relations": framing_dir / "speaker_relations.parquet",
              "document_certainty": framing_dir / "document_certainty.parquet",
              "sentences": root / "sentences.parquet", "documents": root / "documents.parquet"}
    first, again = (run_job(stage.STAGE.job("compare"), config, root / out, inputs) for out in ("out", "again"))
    tables = {name: pd.read_parquet(first[name]) for name in names}
    tables["_identical"] = all(first[n].read_bytes() == again[n].read_bytes() for n in names)
    return tables


def test_frame_distribution_shares_intervals_and_evidence(tables):
    rows = tables["frame_distribution"]
    paper = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "paper") & (rows["theme"] == "energy")]
    assert paper.set_index("frame")["share"].to_dict() == {"economic": 0.5, "security_defense": 0.5}
    security = paper.set_index("frame").loc["security_defense"]
    assert security["sentences"] == 2 and security["total"] == 4
    assert 0 <= security["ci_low"] <= 0.5 <= security["ci_high"] <= 1
    assert list(security["evidence"]) == ["paper:p/p1/s01", "paper:p/p1/s02"]  # highest score first
    everything = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "UNGDC PAK")
                      & (rows["theme"] == "all")]
    assert everything["total"].iloc[0] == 4 and set(everything["frame"]) == {"security_defense", "political"}


def test_divergence_paper_first_hand_computed_jsd_and_bh(tables):
    rows = tables["frame_divergence"]
    energy = rows[(rows["grouping"] == "source_group") & (rows["theme"] == "energy")].iloc[0]
    assert (energy["group_a"], energy["group_b"]) == ("paper", "UNGDC PAK")
    # paper (1/2 economic, 1/2 security) vs PAK (security only): m = (1/4, 3/4)
    expected = 0.5 * (0.5 * math.log2(0.5 / 0.25) + 0.5 * math.log2(0.5 / 0.75)) + 0.5 * math.log2(1 / 0.75)
    assert energy["jsd"] == pytest.approx(expected)
    assert 0 < energy["p_value"] <= 1 and energy["p_adjusted"] >= energy["p_value"]
    assert set(energy["evidence"]) <= {s[0] for s in SENTENCES} and len(energy["evidence"]) > 0
    # within a source, the periods are compared: PAK 1985 vs PAK 2005
    periods = rows[rows["grouping"] == "source_group+period"]
    assert {(a, b) for a, b in zip(periods["group_a"], periods["group_b"])} >= {
        ("UNGDC PAK / cold_war", "UNGDC PAK / post_cold_war")}


def test_dyads_merge_direction_and_period(tables):
    rows = tables["dyads"]
    by_period = rows[rows["grouping"] == "source_group+period"].set_index("period")
    cold = by_period.loc["cold_war"]
    assert (cold["actor_a"], cold["actor_b"], cold["relations"]) == ("PAK", "RUS", 2)
    assert cold["mean_score"] == pytest.approx(-6.5) and cold["share_conflict"] == 1.0
    assert cold["share_material_conflict"] == 0.5 and cold["share_verbal_conflict"] == 0.5
    assert list(cold["evidence"]) == ["ungdc:PAK_40_1985/p1/s01", "ungdc:PAK_40_1985/p1/s02"]  # strongest first
    post = by_period.loc["post_cold_war"]
    assert post["mean_score"] == pytest.approx(1.5)
    assert (post["share_cooperation"], post["share_neutral"]) == (0.5, 0.5)


def test_certainty_pooled_index(tables):
    rows = tables["certainty"]
    paper = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "paper")].iloc[0]
    assert paper["certainty_index"] == pytest.approx((0 - 3) / (0 + 3 + 1))
    assert paper["hedges_per_1k"] == pytest.approx(3 * 1000 / 40)
    # one document: its 4 sentences are resampled (hedges 1, 1, 1, 0; no boosters): from (0 - 4) / 5 to 0
    assert -0.8 <= paper["ci_low"] <= paper["certainty_index"] <= paper["ci_high"] <= 0
    pak = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "UNGDC PAK")].iloc[0]
    assert pak["certainty_index"] == pytest.approx(2 / 3) and pak["documents"] == 2
    assert list(paper["evidence"])[0] == "paper:p/p1/s01"


def test_keyness_counts_and_evidence(tables):
    rows = tables["keyness"]
    pipeline = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "paper")
                    & (rows["term"] == "pipeline")].iloc[0]
    assert (pipeline["count"], pipeline["count_rest"]) == (4, 0) and pipeline["z"] > 0 and pipeline["rank"] == 1
    assert list(pipeline["evidence"]) == ["paper:p/p1/s01", "paper:p/p1/s02"]
    assert pipeline["direction"] == "over"
    paper = rows[(rows["grouping"] == "source_group") & (rows["source_group"] == "paper")]
    soviet = paper[paper["term"] == "soviet"].iloc[0]  # never used by the paper: the most under-represented
    assert (soviet["direction"], soviet["count"], soviet["rank"]) == ("under", 0, 1) and soviet["z"] < 0
    assert (paper[paper["direction"] == "over"]["z"] > 0).all()


def test_every_cited_sentence_is_in_the_evidence_table(tables):
    cited = {i for name in ("frame_distribution", "frame_divergence", "keyness", "dyads", "certainty")
             for ids in tables[name]["evidence"] for i in ids}
    evidence = tables["evidence"].set_index("sentence_id")
    assert cited == set(evidence.index)
    row = evidence.loc["ungdc:PAK_40_1985/p1/s01"]
    assert (row["speaker"], row["year"], row["country"], row["source_group"]) == ("Zia", 1985, "PAK", "UNGDC PAK")
    assert row["text"] == "text of ungdc:PAK_40_1985/p1/s01"
    assert evidence.loc["paper:p/p1/s01", "speaker"] == "Khatoon"  # the author where there is no speaker


def test_same_inputs_config_and_seed_give_identical_tables(tables):
    assert tables["_identical"]


def test_many_groups_are_compared_with_the_paper_only():
    groups = [("paper",)] + [(f"UNGDC C{i:02d}",) for i in range(20)]
    pairs = engine.comparison_pairs(groups, ["source_group"], max_pairwise=12, reference="paper")
    assert len(pairs) == 20 and all("paper" in (a[0], b[0]) for a, b in pairs)
    assert len(engine.comparison_pairs(groups[:5], ["source_group"], max_pairwise=12, reference="paper")) == 10  # all pairs
    decades = [("UNGDC PAK", 1980), ("UNGDC PAK", 1990), ("UNGDC PAK", 2000), ("paper", 2020)]
    assert engine.comparison_pairs(decades, ["source_group", "decade"], 12, "paper") == [
        (("UNGDC PAK", 1980), ("UNGDC PAK", 1990)), (("UNGDC PAK", 1990), ("UNGDC PAK", 2000))]


def test_speaker_dyads_are_directed_per_period_decade_and_year(tables):
    spoken = tables["speaker_dyads"]
    by_decade = spoken[spoken["grouping"] == "decade"].set_index("decade")
    assert set(zip(spoken["speaker"], spoken["target"])) == {("PAK", "RUS")}
    assert by_decade.loc[1980, "relations"] == 2 and by_decade.loc[1980, "mean_score"] == pytest.approx(-3.5)
    assert by_decade.loc[1980, "share_conflict"] == 1.0 and by_decade.loc[2000, "share_cooperation"] == 1.0
    by_year = spoken[spoken["grouping"] == "year"].set_index("year")
    assert sorted(by_year.index) == [1985, 2005] and by_year["period"].isna().all()
    # one document: the interval resamples its acts; each cell's evidence is among its own sentences
    low, high = by_decade.loc[1980, ["ci_low", "ci_high"]]
    assert -4.5 <= low <= -3.5 <= high <= -2.5
    assert set(by_decade.loc[1980, "evidence"]) <= {"ungdc:PAK_40_1985/p1/s01", "ungdc:PAK_40_1985/p1/s02"}
    assert set(by_decade.loc[1980, "evidence"]) <= set(tables["evidence"]["sentence_id"])
