"""Actor relations from the dependency parse: direction, passive voice, negation, conjoined actors,
neutral co-mentions, lists, settlements, and the lexicon's validation."""

import pytest

from discourse.errors import InputError
from discourse.framing.relations import extract_relations, load_relation_lexicon
from discourse.nlp.pipeline import NlpSettings, build_pipeline, process_paragraphs, sentence_actors
from tests.conftest import default_config


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(NlpSettings.from_config(default_config()))


@pytest.fixture(scope="module")
def lexicon():
    return load_relation_lexicon()


def relations(nlp, lexicon, text, year=2000):
    doc = next(process_paragraphs(nlp, [(text, year)], 8))
    found = []
    for _, sentence, actors in sentence_actors(doc):
        found += extract_relations(sentence, actors, lexicon)
    return {(r.source_raw, r.target_raw): r for r in found}


def test_active_voice_source_acts_on_target(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan condemned India.")
    relation = found[("PAK", "IND")]
    assert (relation.polarity, relation.quad_class, relation.cue) == ("conflict", "verbal_conflict", "condemn")
    assert relation.score < 0 and not relation.passive and relation.method == "dependency"


def test_passive_voice_takes_the_source_from_the_by_agent(nlp, lexicon):
    found = relations(nlp, lexicon, "India was condemned by Pakistan.")
    relation = found[("PAK", "IND")]
    assert relation.passive and relation.polarity == "conflict"
    assert ("IND", "PAK") not in found


def test_negation_turns_the_cue_neutral(nlp, lexicon):
    relation = relations(nlp, lexicon, "Pakistan did not condemn India.")[("PAK", "IND")]
    assert relation.negated and relation.polarity == "neutral" and relation.score == 0.0
    assert relation.cue == "condemn" and relation.quad_class == "verbal_conflict"


def test_negated_verb_does_not_negate_the_event_it_names(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan did not condemn the Soviet invasion of Afghanistan.", 1985)
    assert found[("SUN", "AFG")].polarity == "conflict" and found[("SUN", "AFG")].method == "nominal"
    assert found[("PAK", "SUN")].negated and found[("PAK", "SUN")].polarity == "neutral"
    assert (found.get(("PAK", "AFG")) or found[("AFG", "PAK")]).polarity == "neutral"


def test_conjoined_actors_are_split_and_a_mutual_cue_links_them(nlp, lexicon):
    found = relations(nlp, lexicon, "Russia and Pakistan signed an agreement with China.")
    assert found[("PAK", "CHN")].polarity == found[("RUS", "CHN")].polarity == "cooperation"
    assert found[("PAK", "RUS")].polarity == "cooperation"  # joint signatories


def test_listed_actors_without_a_cue_between_them_are_neutral(nlp, lexicon):
    found = relations(nlp, lexicon, "The United States imposed sanctions on Russia and China.")
    assert found[("USA", "RUS")].polarity == found[("USA", "CHN")].polarity == "conflict"
    neutral = found[("CHN", "RUS")]
    assert (neutral.polarity, neutral.method, neutral.cue, neutral.quad_class) == ("neutral", "co_mention", None, None)


def test_between_phrase_and_settlement(nlp, lexicon):
    found = relations(nlp, lexicon, "Turkey offered mediation between Russia and Ukraine.")
    assert found[("RUS", "UKR")].polarity == "conflict"
    assert found[("TUR", "RUS")].polarity == "cooperation"


def test_modality_is_recorded(nlp, lexicon):
    relation = relations(nlp, lexicon, "India may attack Pakistan.")[("IND", "PAK")]
    assert relation.modality == "may" and relation.polarity == "conflict"


def test_no_actor_and_one_actor_sentences_have_no_relations(nlp, lexicon):
    assert relations(nlp, lexicon, "Poverty and hunger have grown everywhere.") == {}
    assert relations(nlp, lexicon, "Pakistan condemned the attack.") == {}


def test_every_co_mentioned_pair_gets_exactly_one_relation(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan, India, China and Afghanistan met in Moscow.")
    pairs = [frozenset(pair) for pair in found]
    assert len(pairs) == len(set(pairs)) == 6


def test_user_lexicon_errors_name_the_file(tmp_path):
    bad = tmp_path / "relations.yaml"
    bad.write_text("version: 1\nclasses: {friendly: cooperation}\ncues: {friendly: {score: 1, directed: [hug]}}\n")
    with pytest.raises(InputError, match="relations.yaml.*unknown quad class 'friendly'"):
        load_relation_lexicon(bad)
    bad.write_text("cues: [\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_relation_lexicon(bad)
    with pytest.raises(InputError, match="not found"):
        load_relation_lexicon(tmp_path / "missing.yaml")


def test_against_phrase_is_opposition_whatever_the_cue(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan joined the United States against the Soviet Union.", 1985)
    assert found[("PAK", "USA")].polarity == "cooperation"
    assert (found[("PAK", "SUN")].polarity, found[("PAK", "SUN")].cue) == ("conflict", "against")


def test_hyphenated_cue_split_by_the_tokenizer(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan offered co-operation to Russia.")
    assert (found[("PAK", "RUS")].polarity, found[("PAK", "RUS")].cue) == ("cooperation", "co-operation")


def test_negation_covers_conjoined_verbs(nlp, lexicon):
    relation = relations(nlp, lexicon, "India did not attack and invade Pakistan.")[("IND", "PAK")]
    assert relation.polarity == "neutral" and relation.negated


def test_condemning_an_event_does_not_make_its_victim_a_target(nlp, lexicon):
    found = relations(nlp, lexicon, "Pakistan condemned the Soviet invasion of Afghanistan.", 1985)
    assert found[("SUN", "AFG")].polarity == "conflict" and found[("PAK", "SUN")].polarity == "conflict"
    assert ("PAK", "AFG") not in found or found[("PAK", "AFG")].cue != "condemn"


def test_mutual_cue_in_the_passive_links_its_agents(nlp, lexicon):
    found = relations(nlp, lexicon, "A treaty was signed by India and Pakistan.")
    relation = found[("IND", "PAK")]
    assert relation.polarity == "cooperation" and relation.passive and relation.cue == "sign"


def pair(found, a, b):
    """The relation of an unordered pair, whichever way round it was coded."""
    return found.get((a, b)) or found[(b, a)]


@pytest.mark.parametrize("text, actors", [
    ("Pakistan, India, China and Iran have entered into agreements.", ("PAK", "IND", "CHN", "IRN")),
    ("Armenia and Azerbaijan engage in a dialogue.", ("ARM", "AZE")),
    ("The ceasefire brokered by Russia and Turkey held.", ("RUS", "TUR")),
])
def test_co_participants_of_a_shared_act_cooperate(nlp, lexicon, text, actors):
    found = relations(nlp, lexicon, text)
    for a, b in [(a, b) for n, a in enumerate(actors) for b in actors[n + 1:]]:
        assert pair(found, a, b).polarity == "cooperation", (text, a, b)


def test_a_ceasefire_between_two_states_is_cooperation(nlp, lexicon):
    # a settlement is a cooperative act even though it implies an earlier conflict (CAMEO 08x, the codebook)
    relation = pair(relations(nlp, lexicon, "They welcomed the ceasefire between India and Pakistan."), "IND", "PAK")
    assert (relation.polarity, relation.cue, relation.quad_class) == ("cooperation", "ceasefire",
                                                                      "material_cooperation")


def test_a_relation_noun_of_two_actors_relates_them(nlp, lexicon):
    relation = pair(relations(nlp, lexicon, "The friendship of Pakistan and China is deep."), "CHN", "PAK")
    assert (relation.polarity, relation.cue) == ("cooperation", "friendship")


@pytest.mark.parametrize("text", ["Pakistan condemned the invasion of Afghanistan.",
                                  "Pakistan condemned the Soviet invasion of Afghanistan."])
def test_condemning_an_attack_on_a_state_is_not_conflict_with_it(nlp, lexicon, text):
    found = relations(nlp, lexicon, text, year=1980)
    assert pair(found, "PAK", "AFG").polarity == "neutral"


def test_speaker_relations_relate_the_speaking_state(nlp, lexicon):
    from discourse.framing.relations import extract_speaker_relations
    from discourse.nlp.pipeline import process_paragraphs, sentence_actors

    def speaker(text, year=2000):
        doc = next(process_paragraphs(nlp, [(text, year)], 8))
        return {r.target_raw: r for _, s, actors in sentence_actors(doc)
                for r in extract_speaker_relations(s, actors, lexicon)}

    condemned = speaker("We condemn the Soviet invasion of Afghanistan.", 1980)
    assert set(condemned) == {"SUN"} and condemned["SUN"].polarity == "conflict"  # not the invaded
    assert speaker("My Government supports Pakistan.")["PAK"].polarity == "cooperation"
    assert speaker("We extend our assistance to Afghanistan.")["AFG"].cue == "assistance"
    assert speaker("We did not condemn India.")["IND"].polarity == "neutral"
    assert speaker("Pakistan condemned India.") == {}  # not the speaker's own act


@pytest.mark.parametrize("text, a, b, polarity, cue", [
    ("The war started by Iraq against Iran continues.", "IRQ", "IRN", "conflict", "war"),
    ("Israel's continuing refusal to withdraw its forces from Lebanon is deplored.", "ISR", "LBN", "conflict",
     "refusal"),
    ("The bonds between India and Pakistan are strong.", "IND", "PAK", "cooperation", "bond"),
    ("The arms race between the United States and China must end.", "CHN", "USA", "conflict", "arms_race"),
    ("The tension between India and Pakistan is rising.", "IND", "PAK", "conflict", "tension"),
    ("South Africa violated the Charter.", "ZAF", "UN", "conflict", "violate"),
])
def test_nominal_events_relation_nouns_and_acts_against_an_organisation(nlp, lexicon, text, a, b, polarity, cue):
    relation = pair(relations(nlp, lexicon, text), a, b)
    assert (relation.polarity, relation.cue) == (polarity, cue)
