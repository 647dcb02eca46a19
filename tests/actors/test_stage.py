import networkx as nx
import pandas as pd

from discourse.actors import stage as actors
from discourse.groups import group_slug, source_group


def mentions():
    rows = [("d1", "s1", "PAK"), ("d1", "s1", "RUS"), ("d1", "s1", "RUS"), ("d1", "s2", "PAK"),
            ("d2", "s3", "PAK"), ("d2", "s3", "RUS"), ("d2", "s3", "IND"), ("p", "s4", "RUS"), ("p", "s4", "PAK")]
    frame = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "actor_merged"])
    frame["mention_id"] = [f"m{i}" for i in range(len(frame))]
    documents = pd.DataFrame({"doc_id": ["d1", "d2", "p"], "corpus_id": ["ungdc", "ungdc", "paper"],
                              "country": ["PAK", "PAK", None]})
    return actors.mentions_with_groups(frame, documents)


def test_source_groups():
    assert source_group("ungdc", "PAK") == "UNGDC PAK"
    assert source_group("paper", None) == "paper"
    assert group_slug("UNGDC PAK") == "ungdc-pak"


def test_counts_per_group_hand_computed():
    counts = actors.count_actors(mentions(), {"PAK": "Pakistan"}, {})
    pak = counts[(counts["source_group"] == "UNGDC PAK") & (counts["actor"] == "PAK")].iloc[0]
    assert (pak["mentions"], pak["sentences"], pak["documents"], pak["name"]) == (3, 3, 2, "Pakistan")
    rus_all = counts[(counts["source_group"] == "all") & (counts["actor"] == "RUS")].iloc[0]
    assert (rus_all["mentions"], rus_all["sentences"], rus_all["documents"]) == (4, 3, 3)


def test_cooccurrence_edges_hand_computed():
    edges = actors.cooccurrence_edges(mentions())
    table = {(r.source_group, r.source, r.target): (r.sentences, r.documents, r.example_sentence_ids)
             for r in edges.itertuples(index=False)}
    assert table[("UNGDC PAK", "PAK", "RUS")] == (2, 2, ["s1", "s3"])
    assert table[("UNGDC PAK", "IND", "PAK")] == (1, 1, ["s3"])
    assert table[("paper", "PAK", "RUS")] == (1, 1, ["s4"])
    assert table[("all", "PAK", "RUS")][:2] == (3, 3)
    assert ("UNGDC PAK", "PAK", "PAK") not in table  # repeated mentions are not self-loops


def test_graphml_round_trip(tmp_path):
    frame = mentions()
    counts = actors.count_actors(frame, {}, {})
    graph = actors.build_network(counts, actors.cooccurrence_edges(frame), "UNGDC PAK")
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    loaded = nx.read_graphml(path)
    assert set(loaded.nodes) == {"PAK", "RUS", "IND"}
    assert loaded.edges["PAK", "RUS"]["weight"] == 2
    assert loaded.nodes["PAK"]["mentions"] == 3
