import pyarrow as pa
import pyarrow.parquet as pq

from discourse.topics.preprocess import RawUnits, TopicSettings, build_features, keep_token, sentence_tokens
from tests.conftest import default_config


def write_sentences(path, rows):
    pq.write_table(pa.Table.from_pylist([{"doc_id": d, "paragraph_id": p, "lemmas": l, "pos": t}
                                         for d, p, l, t in rows]), path)


def test_sentence_tokens_keep_order_and_mark_content_words():
    sequence, content = sentence_tokens("the gas pipeline , be build", "DET NOUN NOUN PUNCT AUX VERB", 3, 40)
    assert sequence == ["the", "gas", "pipeline", "be", "build"]
    assert content == {"gas", "pipeline", "build"}


def test_absurdly_long_tokens_are_not_features(tmp_path):
    # a text without spaces is one "word" of a million letters; as a topic term it took minutes to draw
    path = tmp_path / "sentences.parquet"
    rows = [("d1", f"d1/p{i:04d}", "pakistan trade " + "x" * 1_000_000, "PROPN NOUN NOUN") for i in range(3)]
    write_sentences(path, rows)
    settings = TopicSettings.from_config(default_config({"topics": {"preprocess": {
        "no_below": 1, "no_above": 1.0, "min_unit_tokens": 1}}}))
    assert settings.max_token_length == 40
    features = build_features(RawUnits(path, settings), settings)
    assert features.vocabulary == ["pakistan", "trade"]
    assert sentence_tokens("a " + "b" * 41, "DET NOUN", 1, 40) == (["a"], set())


def test_keep_token_rules():
    assert keep_token("gas_pipeline", set())
    assert keep_token("act_of_aggression", set())
    assert not keep_token("after_the_second", set())  # starts with a stopword
    assert not keep_token("general_assembly", set())  # UN boilerplate
    assert keep_token("trade", {"trade"}) and not keep_token("trade", set())
    assert not keep_token("delegation", {"delegation"})


def test_phrases_come_from_adjacent_words_and_units_are_split_not_truncated(tmp_path):
    path = tmp_path / "sentences.parquet"
    rows = []
    for i in range(30):
        rows.append(("d1", f"d1/p{i:04d}", "the gas pipeline carry natural gas to karachi",
                     "DET NOUN NOUN VERB ADJ NOUN ADP PROPN"))
    rows.append(("d2", "d2/p0001", " ".join(["trade"] * 12), " ".join(["NOUN"] * 12)))
    rows.append(("d2", "d2/p0001", " ".join(["energy"] * 12), " ".join(["NOUN"] * 12)))
    write_sentences(path, rows)
    settings = TopicSettings.from_config(default_config({"topics": {"preprocess": {
        "phrase_min_count": 5, "phrase_threshold": 0.05, "no_below": 1, "no_above": 1.0, "min_unit_tokens": 1,
        "max_unit_tokens": 15}}}))
    units = list(RawUnits(path, settings))
    # the 24-word paragraph is split at its sentence boundary into two parts; nothing is lost
    parts = [u for u in units if u[2] == "d2/p0001"]
    assert [u[0] for u in parts] == ["d2/p0001/part1", "d2/p0001/part2"]
    assert sum(len(seq) for u in parts for seq, _ in u[3]) == 24
    features = build_features(RawUnits(path, settings), settings)
    assert "gas_pipeline" in features.vocabulary
    assert "gas_to_karachi" in features.vocabulary  # connector words may stand inside a phrase
    assert features.counts.shape == (len(features.unit_ids), len(features.vocabulary))
    assert features.vocabulary == sorted(features.vocabulary)


def test_document_units(tmp_path):
    path = tmp_path / "sentences.parquet"
    write_sentences(path, [("d1", "d1/p0001", "peace talk", "NOUN NOUN"), ("d1", "d1/p0002", "peace war", "NOUN NOUN"),
                           ("d2", "d2/p0001", "trade deal", "NOUN NOUN")])
    settings = TopicSettings.from_config(default_config({"topics": {"preprocess": {"unit": "document"}}}))
    units = list(RawUnits(path, settings))
    assert [(u[0], u[1]) for u in units] == [("d1/u001", "d1"), ("d2/u001", "d2")]
    assert [seq for seq, _ in units[0][3]] == [["peace", "talk"], ["peace", "war"]]
