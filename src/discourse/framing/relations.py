"""Actor-to-actor relations from the dependency parse of one sentence.

For every cue (a verb or event noun of the relation lexicon) the parse gives two sides:
- source: the subject (or, in the passive, the by-agent; for an event noun its actor modifiers,
  "Soviet invasion", "Pakistan's support", or the subject of the verb that carries it);
- target: actors in the cue's objects and prepositional phrases (or, in the passive, its subject).
Conjoined actors fall into the same side because a side is a dependency subtree. A "mutual" cue
(treaty, talks, war) also links its participants with each other: conjoined subjects and the
members of a "between A and B" phrase. Actor pairs of the sentence that no cue links are kept as
neutral co-mentions, so every pair of co-mentioned actors has exactly one relation.

Negation ("did not condemn", "no invasion") turns the cue's polarity to neutral; a modal ("may
attack") is recorded but does not change it: the statement still frames the relation.

The lexicon (cues, quad classes, scores) is loaded and validated by `discourse.lexicons`; `Cue` is
its `RelationCue`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from discourse.lexicons import QUAD_CLASSES, EventCode, EventPattern, NounSlot, RelationLexicon, VerbCue, load_relations
from discourse.lexicons import RelationCue as Cue

__all__ = ["QUAD_CLASSES", "Cue", "Relation", "RelationLexicon", "SpeakerRelation", "extract_relations",
           "extract_speaker_relations", "load_relation_lexicon"]

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_SOURCE_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_MUTUAL_PREPOSITIONS = frozenset({"between", "among", "amongst"})
_CLAUSE_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "relcl", "acl", "pcomp"})
_MAX_CLIMB = 6
_VENUE_PREPOSITIONS = frozenset({"in", "at"})
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "concerning", "regarding"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})  # who, which, that as relative pronouns
# words heading a phrase of cause or time ("strained relations due to Pakistan's association with the United
# States", "after the war with Iran"): the phrase's actors are no party to the act
_CIRCUMSTANCES = frozenset({"due", "because", "owing", "despite", "during", "after", "before", "since", "until",
                            "throughout", "amid", "amidst"})


@dataclass(frozen=True)
class Relation:
    source_raw: str
    target_raw: str
    polarity: str
    quad_class: str | None
    score: float
    cue: str | None
    negated: bool
    modality: str | None
    passive: bool
    method: str
    cameo: str | None = None  # CAMEO event code of the cue (null for the overlay's own wording, co-mentions)
    plover: str | None = None  # its PLOVER event type
    cue_start: int | None = None  # the cue's character offsets in the parsed paragraph
    cue_end: int | None = None


def load_relation_lexicon(path: str | Path | None = None) -> RelationLexicon:
    """The packaged relation lexicon, or a user's file of the same shape (`discourse.lexicons`)."""
    return load_relations(path)


def actor_tokens(actor_spans: Iterable[Span]) -> dict[int, str]:
    """Token index -> actor id for every token inside an actor mention."""
    return {i: span.kb_id_ for span in actor_spans for i in range(span.start, span.end)}


def is_venue(span: Span) -> bool:
    """An organisation named as the place where something is said or done ("In the United Nations, Ecuador has
    supported ...", "reaffirmed its position in this Assembly"): a venue, not a party to the act."""
    root = span.root
    # "as contained in the United Nations Charter": the Charter (the codebook's UN) is its rules, not a place
    return (span.label_ == "organisation" and root.dep_ == "pobj" and root.head.lower_ in _VENUE_PREPOSITIONS
            and root.lemma_.lower() != "charter")


def relatable(actor_spans: Iterable[Span]) -> list[Span]:
    """The mentions that can take part in a coded relation: all but venues."""
    return [span for span in actor_spans if not is_venue(span)]


def actors_in(tokens: Iterable[Token], token_actor: dict[int, str]) -> set[str]:
    return {token_actor[t.i] for t in tokens if t.i in token_actor}


def subtree_except(token: Token, excluded: Iterable[Token]) -> list[Token]:
    """The token's subtree without the subtrees of `excluded` children (or descendants)."""
    skip = {t.i for e in excluded for t in e.subtree}
    return [t for t in token.subtree if t.i not in skip]


def phrase_tokens(roots: Iterable[Token]) -> list[Token]:
    """The tokens of phrases (subjects, targets) without the relative clauses in them, which say something else
    ("the country which invaded Afghanistan", "scientists from A and B, who agreed", "ties with the United
    States, which the Soviet Union regarded as a foe")."""
    return [t for root in roots
            for t in subtree_except(root, [d for d in root.subtree if d.dep_ == "relcl" and d != root])]


# CAMEO roots that are no relation between two actors in the codebook's sense: public statements (01) and
# appeals (02) say something about or to an actor; a demand to stop attacking is coded through the attack
_NO_RELATION_ROOTS = frozenset({"01", "02"})
# CAMEO codes of acts that their co-subjects do together ("A and B negotiated", "A and B signed")
_JOINT_CODES = frozenset({"044", "046", "057", "061", "062", "063", "064"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
_DEFAULT_SHARE = 0.3  # a verb's own code is trusted when this share of its patterns code the same root


@dataclass(frozen=True)
class Dependents:
    """What CAMEO patterns are checked against, read once per verb: its object nouns' and prepositional
    objects' lemmas and words (each with the words of its modifiers), and its particles and prepositions."""

    objects: tuple[tuple[frozenset[str], frozenset[str]], ...]
    words: frozenset[str]
    preps: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]


def noun_forms(noun: Token) -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset((noun.lemma_.lower(), noun.lower_)),
            frozenset(w for c in noun.children for w in (c.lemma_.lower(), c.lower_)))


def dependents_of(verb: Token) -> Dependents:
    children = list(verb.children)
    preps: dict[str, list] = {}
    for child in children:
        if child.dep_ == "prep":
            preps.setdefault(child.lower_, []).extend(noun_forms(p) for p in child.children if p.dep_ == "pobj")
    return Dependents(tuple(noun_forms(c) for c in children if c.dep_ in _OBJECT_DEPS),
                      frozenset(c.lower_ for c in children if c.dep_ in ("prt", "prep", "advmod")),
                      {prep: tuple(nouns) for prep, nouns in preps.items()})


def slot_filled(slot: NounSlot, nouns: Iterable[tuple[frozenset[str], frozenset[str]]]) -> bool:
    """Whether one of the nouns is one of the slot's alternatives: the head lemma, with its modifiers."""
    return any(term.head in heads and set(term.modifiers) <= words for heads, words in nouns for term in slot)


def pattern_matches(dependents: Dependents, pattern: EventPattern) -> bool:
    """Whether a verb's dependents have every element of a CAMEO pattern: its object nouns, particles and
    prepositional phrases (patterns that need words before the verb or a subject are not checked: never)."""
    if pattern.before or pattern.subject or pattern.subject_preps:
        return False
    if pattern.objects and not dependents.objects:
        return False
    if not set(pattern.particles) <= dependents.words:
        return False
    if not all(slot_filled(slot, dependents.objects) for slot in pattern.objects):
        return False
    for prep in pattern.preps:
        nouns = dependents.preps.get(prep.prep)
        if nouns is None or not all(slot_filled(slot, nouns) for slot in prep.objects):
            return False
    return True


def names_a_noun(pattern: EventPattern) -> bool:
    """Whether a pattern asks for an object noun (directly or in a prepositional phrase): the evidence that
    makes a general verb specific ("take control of", "impose sanctions on"); particles alone do not."""
    return bool(pattern.objects) or any(prep.objects for prep in pattern.preps)


def trusts_default(cue: VerbCue) -> bool:
    """Whether a verb's own CAMEO code holds without a pattern: not for general verbs ("take", "order",
    "call", "give"), most of whose patterns code other event classes than their default."""
    if cue.event is None:
        return False
    if not cue.patterns:
        return True
    same = sum(1 for p in cue.patterns if p.event is not None and p.event.cameo[:2] == cue.event.cameo[:2])
    return same >= _DEFAULT_SHARE * len(cue.patterns)


Reading = tuple[dict[str, list[tuple[int, EventPattern]]], EventCode | None]
_READINGS: dict[int, tuple[VerbCue, Reading]] = {}


def first_slot_heads(pattern: EventPattern) -> set[str]:
    """The head lemmas one of which a sentence must have for the pattern to match (its first noun slot)."""
    slot = pattern.objects[0] if pattern.objects else next(p.objects[0] for p in pattern.preps if p.objects)
    return {term.head for term in slot}


def verb_reading(cue: VerbCue) -> Reading:
    """A verb's patterns that name a noun, indexed by the heads of their first noun slot with their rank
    (most specific first, then file order), and the code the verb has without a pattern. Computed once
    per cue: keyed by identity, the cue kept alive with it (hashing a cue would walk its patterns)."""
    known = _READINGS.get(id(cue))
    if known is None or known[0] is not cue:
        ranked = sorted((p for p in cue.patterns if names_a_noun(p)), key=lambda p: -p.size)  # stable
        index: dict[str, list[tuple[int, EventPattern]]] = {}
        for rank, pattern in enumerate(ranked):
            for head in first_slot_heads(pattern):
                index.setdefault(head, []).append((rank, pattern))
        known = _READINGS[id(cue)] = (cue, (index, cue.event if trusts_default(cue) else None))
    return known[1]


def verb_event(verb: Token, cue: VerbCue) -> EventCode | None:
    """The event a CAMEO verb codes in this sentence: its most specific matching pattern's (one naming a
    noun), else its own code where that is trusted."""
    index, default = verb_reading(cue)
    dependents = dependents_of(verb)
    heads = {h for heads, _ in (*dependents.objects, *(n for ns in dependents.preps.values() for n in ns))
             for h in heads}
    candidates = sorted({(rank, id(p)): p for h in heads for rank, p in index.get(h, ())}.items())
    for _, pattern in candidates:
        if pattern_matches(dependents, pattern):
            return pattern.event
    return default


# CAMEO: a demanded yielding (080) is "demand that target yields" (105), a demanded de-escalation
# (087x: retreat, withdraw, demobilise) "demand de-escalation of military engagement" (1056)
_DEMANDED = {"080": "105", "087": "1056"}
_DEONTIC_MODALS = frozenset({"must", "should", "shall", "ought", "need"})
_DEMAND_VERBS = frozenset({"call", "urge", "demand", "ask", "require", "insist", "have"})


def is_demanded(verb: Token) -> bool:
    """Whether an act is demanded rather than done: under "must"/"should" (also as the second of two
    conjoined verbs, "must end the aggression and withdraw"), or the complement of a demand ("we call on
    Russia to withdraw", "has to withdraw"). A list without "and" is parsed `dep` ("has to end the
    aggression, withdraw its troops"): the second verb is demanded too."""
    listed = verb.dep_ == "conj" or (verb.dep_ == "dep" and verb.head.pos_ == "VERB")
    for token in (verb, verb.head if listed else None):
        if token is None:
            continue
        if any(c.dep_ == "aux" and c.lemma_.lower() in _DEONTIC_MODALS for c in token.children):
            return True
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DEMAND_VERBS:
            return True
    return False


def event_cue(token: Token, lexicon: RelationLexicon) -> Cue | None:
    """A cue from the event dictionary: a CAMEO verb (with its patterns) or event noun."""
    if lexicon.events is None:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        verb = lexicon.events.verb(lemma)
        event = verb_event(token, verb) if verb is not None else None
    elif token.pos_ in ("NOUN", "PROPN"):
        noun = lexicon.events.noun(lemma)
        event = noun.event if noun is not None else None
    else:
        event = None
    if event is None or event.cameo[:2] in _NO_RELATION_ROOTS:
        return None
    demanded = _DEMANDED.get(event.cameo[:3])
    if demanded is not None and token.pos_ == "VERB" and is_demanded(token):
        event = lexicon.events.code(demanded)
    return Cue(lemma, event.quad_class, event.polarity, event.goldstein, event.cameo in _JOINT_CODES,
               cameo=event.cameo, plover=event.plover)


class _CueMemo:
    """The cues of the tokens of the Doc being read: every rule asks for them again, and a CAMEO lookup
    checks patterns. One Doc at a time (held, so its tokens' indices stay its own)."""

    doc: Doc | None = None
    lexicon: RelationLexicon | None = None
    cues: dict[int, Cue | None] = {}


def cue_of(token: Token, lexicon: RelationLexicon) -> Cue | None:
    """`token_cue`, remembered for the current Doc."""
    if _CueMemo.doc is not token.doc or _CueMemo.lexicon is not lexicon:
        _CueMemo.doc, _CueMemo.lexicon, _CueMemo.cues = token.doc, lexicon, {}
    if token.i not in _CueMemo.cues:
        _CueMemo.cues[token.i] = token_cue(token, lexicon)
    return _CueMemo.cues[token.i]


def token_cue(token: Token, lexicon: RelationLexicon) -> Cue | None:
    """The token's relation cue. The event dictionary (CAMEO) codes it where it can: code, PLOVER type, quad
    class and Goldstein weight; the project's overlay adds what CAMEO does not say (that an act is shared,
    "mutual", or settles a conflict) and codes the diplomatic wording CAMEO lacks."""
    if token.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN") or is_transparent(token, lexicon):
        return None
    if hosts_displaced(token, lexicon):
        return hosting_cue(token, lexicon)
    overlay = overlay_cue(token, lexicon)
    event = event_cue(token, lexicon)
    if event is None:
        return reversed_relation(token, overlay, lexicon)
    if overlay is None:
        return event
    if overlay.settles is not None or overlay.polarity != event.polarity:
        return overlay  # the overlay's reading of diplomatic wording wins where the two disagree
    return replace(event, lemma=overlay.lemma, mutual=overlay.mutual or event.mutual)


_GRANT_ASYLUM = "075"  # CAMEO: grant asylum


def hosts_displaced(verb: Token, lexicon: RelationLexicon) -> bool:
    """Whether a `hosting` verb takes in the people of a `displaced` noun: as its object ("received refugees
    from Afghanistan") or in a "to" phrase ("opened its doors to the refugees")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.hosting:
        return False
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children
              if p.dep_ == "pobj"]
    nouns += [p for n in list(nouns) for c in n.children if c.dep_ == "prep" and c.lower_ == "to"
              for p in c.children if p.dep_ == "pobj"]  # "opened its doors to the refugees"
    return any(n.lemma_.lower() in lexicon.displaced or n.lower_ in lexicon.displaced for n in nouns)


def hosting_cue(verb: Token, lexicon: RelationLexicon) -> Cue:
    """The cue of a verb hosting displaced people: CAMEO 075 where the event dictionary is loaded."""
    if lexicon.events is None:
        return Cue(verb.lemma_.lower(), "material_cooperation", "cooperation", 7.0, False)
    event = lexicon.events.code(_GRANT_ASYLUM)
    return Cue(verb.lemma_.lower(), event.quad_class, event.polarity, event.goldstein, False, cameo=_GRANT_ASYLUM,
               plover=event.plover)


# participles that work as prepositions ("the treaty respecting the canal", "talks regarding Kashmir")
_PARTICIPLE_PREPOSITIONS = frozenset({"respecting", "regarding", "concerning", "including", "following",
                                      "considering", "excluding", "according", "pending", "barring"})
_REDUCE_RELATIONS = "160"  # CAMEO: reduce relations


def is_transparent(token: Token, lexicon: RelationLexicon) -> bool:
    """Whether a verb has no relation of its own: an aspectual or intensifying verb of the lexicon's
    `transparent` list ("intensified its efforts", "continue the talks": the event noun carries the
    relation) or a participle used as a preposition."""
    if token.pos_ != "VERB":
        return False
    if token.tag_ == "VBG" and token.lower_ in _PARTICIPLE_PREPOSITIONS and not any(
            c.dep_ in _SUBJECT_DEPS for c in token.children):
        return True
    if token.lemma_.lower() in lexicon.seeking:
        return any(seeking_governor(t, lexicon) == token for t in token.subtree if t.dep_ in ("acl", "relcl"))
    return token.lemma_.lower() in lexicon.transparent


def seeking_governor(verb: Token, lexicon: RelationLexicon) -> Token | None:
    """The `seeking` verb whose ownerless object (or prepositional object) an infinitive modifies: "India seeks
    opportunities to attack Pakistan", "looking for ways to break": its subject does the infinitive (which the
    parser may attach as a relative clause)."""
    if verb.dep_ not in ("acl", "relcl") or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None
    noun = verb.head
    # an owner is named ("Pakistan's plans to", "the Soviet attempts to"), not only described ("other ways")
    if noun.pos_ != "NOUN" or any(o.pos_ != "ADJ" or o.ent_type_ for o in noun_owners(noun)):
        return None
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    elif noun.dep_ != "dobj":
        return None
    return governor if governor.pos_ == "VERB" and governor.lemma_.lower() in lexicon.seeking else None


def reversed_relation(token: Token, cue: Cue | None, lexicon: RelationLexicon) -> Cue | None:
    """A shared cooperative noun that a `reversing` verb governs or adjective modifies ("worsen relations
    between A and B", "relations deteriorated", "strained relations") is a worsening of the relation: CAMEO
    160, reduce relations."""
    if cue is None or not cue.mutual or cue.polarity != "cooperation" or lexicon.events is None:
        return cue
    head = token.head
    governing = [head] if head != token and token.dep_ in ("dobj", "nsubj", "nsubjpass") else []
    # "the Soviet Union and Pakistan had strained relations"
    governing += [c for c in token.children if c.dep_ == "amod"]
    worsening = next((w for w in governing if w.lemma_.lower() in lexicon.reversing
                      or w.lower_ in lexicon.reversing), None)
    if worsening is None:
        return cue
    event = lexicon.events.code(_REDUCE_RELATIONS)
    return Cue(worsening.lemma_.lower(), event.quad_class, event.polarity, event.goldstein, True,
               cameo=_REDUCE_RELATIONS, plover=event.plover)


def hyphenated_lemma(token: Token) -> str | None:
    """The lemma of the hyphenated word a token ends ("co-operation", "cease-fire": spaCy splits them), or
    None."""
    if token.i >= 2 and token.nbor(-1).text == "-":
        return f"{token.nbor(-2).lower_}-{token.lemma_.lower()}"
    return None


def overlay_cue(token: Token, lexicon: RelationLexicon) -> Cue | None:
    """A cue of the project's lexicon: the lemma or word, a hyphenated word, or a compound written with "_"
    in the lexicon ("arms race": `arms_race`, "cold war": `cold_war`)."""
    cue = lexicon.cues.get(token.lemma_.lower()) or lexicon.cues.get(token.lower_)
    for child in (c for c in token.children if c.dep_ in ("compound", "amod") and cue is None):
        cue = lexicon.cues.get(f"{child.lower_}_{token.lemma_.lower()}") or lexicon.cues.get(
            f"{child.lower_}_{token.lower_}")
    if cue is None:
        cue = lexicon.cues.get(hyphenated_lemma(token) or "")
    if cue is None and token.pos_ == "PROPN" and token.lower_.endswith("s"):
        # title-case nouns ("Relations", "Treaties") are tagged PROPN and keep their plural as lemma
        cue = lexicon.cues.get(token.lower_[:-1])
    return cue


def is_negated(token: Token, lexicon: RelationLexicon) -> bool:
    """`not`/`never` on the cue; `no` on an event noun ("no invasion"); `not` on the verb that carries a cue
    ("did not impose sanctions", "did not try to invade") unless that verb is a cue itself: in "did not
    condemn the invasion" the invasion still happened. A negation the clause asserts is none (`is_affirmed`)."""
    if denied(token, lexicon):
        return True
    if token.dep_ in ("xcomp", "acl") and token.head != token and token.head.lemma_.lower() in lexicon.negating:
        # "refused to withdraw": the refusal, not the withdrawal, relates the pair; "cannot fail to welcome" does
        return not any(child.dep_ == "neg" for child in token.head.children)
    if (token.dep_ == "conj" and token.pos_ == "VERB" and token.head != token
            and not any(c.dep_ in _SUBJECT_DEPS for c in token.children) and denied(token.head, lexicon)):
        return True  # "did not attack and invade": the negation covers both verbs
    if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
        return True
    head = token.head
    return (token.dep_ in ("xcomp", "dobj", "nsubjpass") and head != token and cue_of(head, lexicon) is None
            and denied(head, lexicon))


_ABILITY_MODALS = frozenset({"can", "could"})


def presented(token: Token, cue: Cue, negated: bool) -> tuple[str, float]:
    """(polarity, score) of a cue as the sentence presents it. A negated act is absent (neutral, no score),
    except a hostile material act its doer cannot or could not do: "Russia can't defeat Ukraine's resistance",
    "Israel cannot continue to occupy Lebanon" present the hostility (the codebook: label by what the
    sentence implies)."""
    if not negated:
        return cue.polarity, cue.score
    modals = {modality_of(token), modality_of(token.head) if token.dep_ == "xcomp" else None}
    if cue.quad_class == "material_conflict" and modals & _ABILITY_MODALS:
        return cue.polarity, cue.score
    return "neutral", 0.0


def denied(token: Token, lexicon: RelationLexicon) -> bool:
    """A `not`/`never` on the token that its clause does not turn into an assertion."""
    return any(child.dep_ == "neg" for child in token.children) and not is_affirmed(token, lexicon)


def is_affirmed(verb: Token, lexicon: RelationLexicon) -> bool:
    """Whether a negated verb is a condition its clause asserts (litotes): "I would be remiss if I did not pay
    tribute to ...", "it would be amiss if we did not thank ...", "we would fail in our duty if we did not ..."."""
    conditional = any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
    if verb.dep_ != "advcl" or verb.head == verb or not conditional:
        return False
    governing = verb.head
    predicates = [governing, *(c for c in governing.children if c.dep_ in ("acomp", "attr"))]
    return any(p.lemma_.lower() in lexicon.affirming for p in predicates)


def modality_of(token: Token) -> str | None:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            return child.lemma_.lower()
    return None


def object_controllers(verb: Token) -> list[Token]:
    """Who does an infinitive whose governing verb names a doer as its object: "urge Russia to withdraw",
    "call on Israel to stop attacking Lebanon" (Russia, Israel), not the one who urges or calls."""
    if verb.dep_ != "xcomp" or verb.head == verb or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return []
    head = verb.head
    return [c for c in head.children if c.dep_ == "dobj"] + [
        p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for p in c.children
        if p.dep_ == "pobj"]


def clause_subject(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb (and whether they are passive subjects), climbing to the governing clause
    for a conjoined, controlled or subordinate verb ("agreed to cooperate", "aimed at threatening")."""
    token = verb
    for _ in range(_MAX_CLIMB):
        controllers = object_controllers(token)
        if controllers:
            return controllers, False
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects and token.dep_ == "relcl" and all(s.tag_ in _RELATIVE_TAGS for s in subjects):
            # "scientists from the United States and the Soviet Union, who agreed that ...": the noun the
            # relative pronoun stands for (without the clause itself)
            return [copula_subject(token.head)], False
        if subjects:
            return [pronoun_antecedent(s) for s in subjects], False
        passive = [c for c in token.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        if passive and token == verb:
            return passive, True
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head != token.head:
            governor = token.head.head
            owners = [o for o in noun_owners(governor) if o != token.head] if (
                governor.pos_ == "NOUN" and token.head.lower_ == "of") else []  # not "its militia in assisting"
            if owners:
                # "the policy of the Federal Republic of Germany of concluding treaties with its neighbours",
                # "Pakistan's policy of engaging with Russia": the noun's owner does the gerund
                return owners, False
            token = governor  # "by collaborating in defence matters, Russia and Pakistan aim to ..."
            continue
        if token.dep_ == "prep" and token.pos_ == "VERB" and token.head != token:
            token = token.head  # a participle as preposition: "took steps, including by creating ..."
            continue
        if token.dep_ not in _CLAUSE_DEPS or token.head == token:
            break
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN") and token == verb:
            owners = noun_owners(token.head)
            if owners and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
                # "the proposal of Afghanistan to begin negotiations": the noun's owner is the doer
                return owners, False
            # "the sanctions imposed by the US": the noun is what the participle is said of
            token = token.head
            continue
        token = token.head
    return [], False


def copula_subject(noun: Token) -> Token:
    """The subject a predicate noun is said of ("Pakistan is one of the few countries that maintain friendly
    relations with ..."), or the noun."""
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "the country that invaded Poland was precisely Soviet Russia": the predicate names the subject
        named = [c for c in noun.head.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
        if named:
            return named[0]
    predicate = noun
    while predicate.dep_ == "pobj" and predicate.head.lower_ == "of" and predicate.head.head != predicate.head:
        predicate = predicate.head.head  # "one of the countries"
    if predicate.dep_ == "attr" and predicate.head.lemma_ == "be":
        subjects, _ = clause_subject(predicate.head)  # "Pakistan pursues ... and is one of the countries"
        if subjects:
            return subjects[0]
    return noun


def pronoun_antecedent(subject: Token) -> Token:
    """For a subject "they" or "it", the nearest subject before it in the sentence ("if United States missiles
    are deployed in Western Europe, they will pose a threat to the Soviet Union"); otherwise the subject."""
    if subject.lower_ not in ("they", "it"):
        return subject
    earlier = [t for t in subject.sent if t.i < subject.i and t.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS
               and t.lower_ not in ("they", "it") and t.pos_ in ("NOUN", "PROPN")]
    return earlier[-1] if earlier else subject


def their_antecedent(token: Token, token_actor: dict[int, str]) -> set[str]:
    """Whom "their" most likely refers to: the nearest list of two or more actors before it ("the Governments
    of India and Pakistan will make efforts to improve their relations", "appreciation to Russia, China and
    France for their ratification")."""
    before = [i for i in token_actor if i < token.i and i >= token.sent.start]
    if not before:
        return set()
    root = list_root(token.doc[max(before)])
    listed = {token_actor[i] for i in before if list_root(token.doc[i]) == root}
    return listed if len(listed) > 1 else set()


def noun_owners(noun: Token) -> list[Token]:
    """The modifiers naming who a noun belongs to: "Pakistan's proposal", "the proposal of Afghanistan",
    "the Soviet offer"."""
    return [c for c in noun.children if c.dep_ in _SOURCE_MODIFIER_DEPS or (c.dep_ == "prep" and c.lower_ == "of")]


def agent_tokens(verb: Token) -> list[Token]:
    """The pobj subtrees of a passive verb's by-agent."""
    return [t for child in verb.children if child.dep_ == "agent" for t in child.subtree]


_PATIENT_PREPOSITIONS = frozenset({"of", "to", "against", "on", "in"})


def by_phrases(noun: Token) -> list[Token]:
    """An event noun's by-agent phrases, and the one the parser hung on the verb governing the noun right after
    it ("condemn the invasion by Iraq of Kuwait")."""
    phrases = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
    # and a participle's: "the sanctions imposed by the Security Council on Iraq"
    phrases += [a for c in noun.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        phrases += [c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                    and c.i == noun.right_edge.i + 1]
    return phrases


def patients_on_agent(noun: Token, token_actor: dict[int, str]) -> list[Token]:
    """The phrases of an event noun's patient that the parser hung on its by-agent, or on the verb after it: in
    "the invasion by Iraq of Kuwait", "the persecution by the Taliban of women in Afghanistan", "condemn the
    occupation by Israel of the territory of Lebanon" Kuwait, Afghanistan and Lebanon are acted on. The first
    "of" of an agent not named as an actor is its own ("by the Government of Iraq of Kuwait")."""
    patients = []
    for by in by_phrases(noun):
        for agent in (c for c in by.children if c.dep_ == "pobj"):
            phrases = [c for c in agent.children if c.dep_ == "prep" and c.lower_ in _PATIENT_PREPOSITIONS
                       and any(p.dep_ == "pobj" for p in c.children)]  # not "by its militia in assisting X"
            if agent.i not in token_actor and phrases and phrases[0].lower_ == "of":
                phrases = phrases[1:]
            patients += phrases
        if by.head != noun:
            patients += [c for c in by.head.children if c.dep_ == "prep" and c.lower_ in _PATIENT_PREPOSITIONS
                         and c.i == by.right_edge.i + 1]
    return patients


def by_agent_tokens(noun: Token, token_actor: dict[int, str]) -> list[Token]:
    """The tokens of an event noun's by-agent, without the patient phrases hung on it (`patients_on_agent`)."""
    patients = {t.i for phrase in patients_on_agent(noun, token_actor) for t in phrase.subtree}
    return [t for by in by_phrases(noun) for t in by.subtree if t.i not in patients]


def noun_agents(noun: Token, token_actor: dict[int, str]) -> set[str]:
    """Who an event noun says acts: its actor modifiers ("Soviet invasion") and by-agent, or whom its "its"
    stands for (`its_antecedent`: "condemn Israel for its occupation of Lebanon")."""
    modifiers = [t for c in noun.children if c.dep_ in _SOURCE_MODIFIER_DEPS for t in c.subtree]
    return actors_in(modifiers + by_agent_tokens(noun, token_actor), token_actor) or its_antecedent(noun, token_actor)


def its_antecedent(noun: Token, token_actor: dict[int, str]) -> set[str]:
    """The actor "its" on a noun most likely stands for: of the actors mentioned before it in the sentence, a
    subject or possessor before an object, an object before the rest, then the nearest ("Russia's intention to
    deepen its ties with Pakistan while maintaining its partnership with India", "condemn Israel for its
    occupation of Lebanon")."""
    if not any(c.dep_ == "poss" and c.lower_ == "its" for c in noun.children):
        return set()
    doc = noun.doc
    roots = [doc[i] for i in token_actor if noun.sent.start <= i < noun.i and doc[i].head.i not in token_actor]
    if not roots:
        return set()
    role = {"nsubj": 0, "nsubjpass": 0, "poss": 0, "dobj": 1}
    best = min(roots, key=lambda t: (role.get(t.dep_, 2), -t.i))
    return {token_actor[best.i]}


def is_other_event(noun: Token, verb_cue: Cue | None, token_actor: dict[int, str], lexicon: RelationLexicon) -> bool:
    """Whether an event noun under a cue verb is an act of its own, whose participants are not the verb's
    targets: it names its own actor, or it is a hostile event that a hostile act reacts to."""
    cue = cue_of(noun, lexicon)
    if cue is None:
        return False
    if noun_agents(noun, token_actor):
        return True
    if verb_cue is not None and verb_cue.cameo is not None and verb_cue.cameo == cue.cameo:
        return False  # the verb's pattern coded this noun: one event ("imposed sanctions on Russia")
    if (verb_cue is not None and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB"
            and cue.polarity != verb_cue.polarity):
        # a verb's phrase of the opposite valence is an act of its own: "invaded Afghanistan with the help of
        # Cuba", "bombed Syria in support of Iran" (Cuba and Iran are not attacked); unlike what a noun is
        # about ("a solution to the conflict between Russia and Ukraine")
        return True
    # a hostile reaction to a hostile event ("condemned the invasion of Afghanistan"); a material act that does
    # the event ("fought a war with Pakistan", "launched an attack on Iran") is the event
    return (verb_cue is not None and verb_cue.polarity == "conflict" and cue.polarity == "conflict"
            and not (verb_cue.quad_class == "material_conflict" and cue.quad_class == "material_conflict"
                     and noun.dep_ == "dobj" and cue_of(noun.head, lexicon) == verb_cue))


def participle_targets(noun: Token) -> list[Token]:
    """The phrases a participle on an event noun takes its targets in: "the sanctions imposed by the United States
    on Iran", "the aid given by Japan to Bangladesh"."""
    return [p for c in noun.children if c.dep_ == "acl" for p in c.children
            if p.dep_ in ("prep", "dative") and p.lower_ != "by"]


def without_nested_victims(tokens: list[Token], own: Cue | None, token_actor: dict[int, str],
                           lexicon: RelationLexicon) -> list[Token]:
    """A cue's target (or doer) tokens without the prepositional objects of another event among them:
    "condemned the Soviet invasion of Afghanistan", "the opposition of the US to the Soviet occupation of
    Afghanistan": the invaded are not the condemner's or opposer's targets (the invader is); "the Soviet
    invasion of Afghanistan escalated tensions": nor are they doers."""
    nested = {t.i for noun in tokens if noun.pos_ in ("NOUN", "PROPN")
              and is_other_event(noun, own, token_actor, lexicon)
              for prep in [*(c for c in noun.children if c.dep_ == "prep" and c.lower_ != "by"),
                           *located_phrases(noun, token_actor), *patients_on_agent(noun, token_actor),
                           *participle_targets(noun)]
              for t in prep.subtree}
    # "assistance to Pakistan's archrival, India": the owner of a partner noun is not acted on
    nested |= {t.i for noun in tokens if noun.pos_ in ("NOUN", "PROPN") and noun.i not in nested
               for t in (owned_partners(noun, lexicon) or ((), ()))[0]}
    return [t for t in tokens if t.i not in nested]


def sides_of_verb(verb: Token, token_actor: dict[int, str],
                  lexicon: RelationLexicon) -> tuple[set[str], set[str], bool, list[Token]]:
    """(source actors, target actors, passive, subject tokens) for a verb cue."""
    seeker = seeking_governor(verb, lexicon)
    subjects, passive_subject = clause_subject(seeker if seeker is not None else verb)
    passive = passive_subject or any(c.dep_ in ("auxpass", "agent") for c in verb.children)
    agents = agent_tokens(verb)
    own_subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS]
    # subordinate and conjoined clauses carry their own cues; their actors are not this verb's objects
    clause_heads = [c for c in verb.children if c.dep_ in ("advcl", "ccomp", "parataxis", "csubj")
                    or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    # an "as" phrase names a role ("as a neighbour of Pakistan, we support ..."), not who is acted on
    roles = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    # a relative clause on an object says something else ("condemned India, which invaded Afghanistan")
    relatives = [t for t in verb.subtree if t.dep_ == "relcl" and t != verb]
    circumstances = [c for c in verb.children if c.lower_ in _CIRCUMSTANCES]
    # an apposition on an actor describes it ("bombed Iraq, an ally of Syria"): its actors are not acted on
    descriptions = descriptions_of_actors(verb.subtree, token_actor)
    # who does the act with its doer ("invaded Poland together with Germany") is a doer, not acted on
    co_agents = co_agents_of(verb, lexicon)
    objects = subtree_except(verb, own_subjects + clause_heads + roles + relatives + circumstances + descriptions
                             + co_agents + [c for c in verb.children if c.dep_ == "agent"])
    objects = [t for t in objects if t != verb]
    # "condemned the Soviet invasion of Afghanistan": an event noun with an actor of its own is another act, and
    # its targets (the invaded) are not the condemner's; nor are they when a hostile act condemns a hostile
    # event ("condemned the invasion of Afghanistan"); "signed an agreement with China" has none
    objects = without_nested_victims(objects, cue_of(verb, lexicon), token_actor, lexicon)
    subjects_of = without_nested_victims(phrase_tokens(subjects), cue_of(verb, lexicon), token_actor, lexicon)
    co_agent_tokens = [t for c in co_agents for t in co_agent_members(c, token_actor, lexicon)]
    if passive:
        return (actors_in(agents + co_agent_tokens, token_actor), actors_in(objects + subjects_of, token_actor), True,
                subjects_of)
    return actors_in(subjects_of + co_agent_tokens, token_actor), actors_in(objects, token_actor), False, subjects_of


def owned_partners(noun: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]] | None:
    """(owner, partners) of a partner noun with an owner ("our Russian and Rwandan allies", "Pakistan's Chinese
    partners", "Russia and its allies"): each partner is the owner's, not the others' (the lexicon's `dyadic`
    nouns). "its"/"their" on a noun listed after an actor ("Russia and its allies") is that actor."""
    if noun.lemma_.lower() not in lexicon.dyadic:
        return None
    if noun.dep_ == "appos" and noun.head != noun and noun.head.pos_ == "PROPN":
        # "India, the archrival of Pakistan": the apposition says whose partner the head is
        of = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        if of:
            return of, subtree_except(noun.head, [noun])
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return None
    owner = [t for o in owners for t in o.subtree]
    if noun.dep_ == "conj" and any(o.lower_ in ("its", "their") for o in owners):
        owner += subtree_except(noun.head, [noun])
    partners = [t for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "appos") for t in c.subtree]
    # without a partner modifier the noun's own phrase says who the partners are ("Pakistan's ties with China")
    return (owner, partners) if partners else None


def sides_of_noun(noun: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> tuple[set[str], set[str]]:
    """(source, target) of an event noun: its actor modifiers and by-agent act on its prepositional objects;
    a noun that is the object of a verb ("imposed sanctions on Russia") takes the verb's subject as source;
    an owned partner noun relates its owner to each partner (`owned_partners`)."""
    owned = owned_partners(noun, lexicon)
    if owned is not None:
        owner = actors_in(owned[0], token_actor)
        return owner, actors_in(owned[1], token_actor) - owner
    verb = role_verb(noun)
    if verb is not None:
        # "the Soviet Union regarded the United States as a foe", "viewed Pakistan's partnership with the United
        # States as a threat": the subject holds the object to be what the noun says
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if verb.dep_ == "relcl" and objects and all(o.tag_ in _RELATIVE_TAGS for o in objects):
            objects = [verb.head]  # "the United States, which the Soviet Union regarded as a foe"
        held = actors_in(without_nested_victims(phrase_tokens(objects), cue_of(noun, lexicon), token_actor, lexicon),
                         token_actor)
        acted_on = actors_in(phrase_tokens(target_phrases(noun, noun.children, lexicon)), token_actor)
        if acted_on:
            # "condemned the Soviet invasion as a violation of the Charter": what is held to be the act does it
            return held - acted_on, acted_on
        holder = actors_in(carrier_doers(verb), token_actor)
        return holder, held - holder
    children = [c for c in noun.children if c.lower_ not in _CIRCUMSTANCES]
    modifiers = [c for c in children if c.dep_ in _SOURCE_MODIFIER_DEPS]
    source = actors_in((t for m in modifiers for t in m.subtree), token_actor) or its_antecedent(noun, token_actor)
    carriers = [c for c in children if c.dep_ in ("acl", "relcl")]
    target_roots = target_phrases(noun, children, lexicon)
    if not source and any(r.lower_ != "of" for r in target_roots):
        # "the opposition of the US to the occupation", "the support of China for Pakistan": with another
        # target phrase, the "of" phrase names who acts
        of = [r for r in target_roots if r.lower_ == "of"]
        source = actors_in((t for r in of for t in r.subtree), token_actor)
        target_roots = [r for r in target_roots if r.lower_ != "of"]
    for carrier in carriers:
        # "the ties that Pakistan maintained with the United States": the subject of a relative clause on the
        # noun does the act the noun names
        source |= actors_in(phrase_tokens(c for c in carrier.children if c.dep_ in _SUBJECT_DEPS
                                           and c.tag_ not in _RELATIVE_TAGS), token_actor)
        target_roots += [c for c in carrier.children if c.dep_ in ("prep", "dobj", "dative") and c.lower_ != "by"]
    source |= actors_in(by_agent_tokens(noun, token_actor) + compliers(noun, lexicon), token_actor)
    target_roots += patients_on_agent(noun, token_actor)
    head = noun.head
    # a light verb carries the event ("imposed sanctions on Russia", "went to war with India"); a cue verb is an
    # event of its own ("condemned the invasion": the condemner did not invade)
    verb = carrier_verb(noun)
    if verb is not None and cue_of(verb, lexicon) is None:
        if not source:
            # "the Soviet invasion of Afghanistan constitutes a violation of the Charter": the invaded do not violate
            subjects, _ = clause_subject(verb)
            co_agents = [t for phrase in co_agents_of(verb, lexicon)
                         for t in co_agent_members(phrase, token_actor, lexicon)]
            source |= actors_in(without_nested_victims(phrase_tokens(subjects) + co_agents, cue_of(noun, lexicon),
                                                       token_actor, lexicon), token_actor)
        if verb == head:
            # "convey Papua New Guinea's sympathies to the victims in Pakistan": the verb's phrases, even when the
            # noun names its own doer
            target_roots += [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ not in ("by",)]
        else:  # "went to war with India", "entered into an agreement with China": the party hangs on the verb
            target_roots += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                             and c != head]
    target_roots += located_phrases(noun, token_actor) + repeated_prepositions(noun, target_roots)
    targets = actors_in(without_nested_victims(phrase_tokens(target_roots), cue_of(noun, lexicon), token_actor,
                                               lexicon), token_actor) - source
    doers = manner_doers(noun, token_actor, lexicon) if not source else set()
    if doers:
        # "invaded Afghanistan with the help of Cuba": Cuba helps the invader; "bombed Syria in support of Iran":
        # the bomber supports Iran
        return (targets, doers - targets) if noun.head.lower_ == "with" else (doers, targets - doers)
    return source, targets


def manner_doers(noun: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """The doers of the act an event noun is the manner of: "in support of", "in violation of", "in defiance of"
    (any act), "with the help of" (an act of the opposite valence: in "went to war with B" B is a party)."""
    marker, verb = noun.head, noun.head.head
    if noun.dep_ != "pobj" or marker.lower_ not in ("with", "in") or verb == marker or verb.pos_ != "VERB":
        return set()
    noun_cue = cue_of(noun, lexicon)
    if noun_cue is None or not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return set()
    if marker.lower_ == "with":
        verb_cue = cue_of(verb, lexicon)
        if verb_cue is None or verb_cue.polarity == noun_cue.polarity:
            return set()
    return actors_in(carrier_doers(verb), token_actor)


def descriptions_of_actors(tokens: Iterable[Token], token_actor: dict[int, str]) -> list[Token]:
    """Appositions on actor mentions that are not actors themselves ("Iraq, an ally of Syria")."""
    return [t for t in tokens if t.dep_ == "appos" and t.head.i in token_actor and t.i not in token_actor]


def through_description(token: Token, path: list[Token], token_actor: dict[int, str]) -> bool:
    """Whether a path reaches a cue outside an apposition through it: in "the US bombed Iraq, an ally of Syria"
    the bombing does not reach Syria (a cue inside the apposition, "ally", still relates Iraq and Syria)."""
    return any(token not in (description, *description.subtree)
               for description in descriptions_of_actors(path, token_actor))


def past_the_participle_head(token: Token, path: list[Token], token_actor: dict[int, str],
                             lexicon: RelationLexicon) -> bool:
    """Whether a path reaches a participle cue through the thing it is said of and goes on past it: in "Iraq
    attacked Iran with weapons supplied by France" the weapons are what is supplied, Iran is not a party to it
    (unlike "Russia, supported by China, ...", where the noun is an actor, or "grateful to A for the support
    provided to B", where it is an act)."""
    noun = token.head
    return (token.dep_ == "acl" and token.pos_ == "VERB" and noun in path and noun.i not in token_actor
            and noun.head != noun and noun.head in path and cue_of(noun, lexicon) is None)


def target_phrases(noun: Token, children: Iterable[Token], lexicon: RelationLexicon) -> list[Token]:
    """An event noun's prepositional phrases (not its by-agent or "between" phrase), and a conjoined plain noun,
    which is most often the preposition's second object hung on the event noun by the parser ("a violation of
    all norms and the principles of the Charter", "the exclusion of the USSR and its satellites from the United
    Nations")."""
    children = list(children)
    of = [c.i for c in children if c.dep_ == "prep" and c.lower_ == "of"]
    return [c for c in children if (c.dep_ == "prep" and c.lower_ not in ("by", *_MUTUAL_PREPOSITIONS))
            or (c.dep_ == "conj" and c.pos_ == "NOUN" and cue_of(c, lexicon) is None and of and of[0] < c.i)]


def role_verb(noun: Token) -> Token | None:
    """The verb an "as" phrase naming the noun hangs on ("regarded the United States as a foe", "condemned the
    invasion as being a violation of the Charter"), or None."""
    marker = noun.head
    if noun.dep_ == "attr" and marker.lemma_ == "be" and marker.dep_ == "pcomp":
        marker = marker.head
    elif noun.dep_ != "pobj":
        return None
    verb = marker.head
    if marker.lower_ != "as" or marker.dep_ != "prep" or verb == marker or verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb


def repeated_prepositions(noun: Token, phrases: list[Token]) -> list[Token]:
    """A preposition repeated after "and" that the parser hung on the verb governing the noun: in "pose a threat
    to the Soviet Union and to all the States parties to the Warsaw Treaty" both are threatened."""
    head = noun.head
    if noun.dep_ != "dobj" or head == noun:
        return []
    words = {p.lower_ for p in phrases if p.dep_ == "prep"}
    return [c for c in head.children if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ in words and c.i > noun.i]


def located_phrases(noun: Token, token_actor: dict[int, str]) -> list[Token]:
    """The "in"/"against" phrase right after an event noun with a doer of its own that the parser hung on the
    verb governing the noun: in "condemning Soviet savagery in Hungary" Hungary is where the event happened,
    not the condemner's target."""
    head = noun.head
    if noun.dep_ != "dobj" or head.pos_ not in ("VERB", "AUX") or not noun_agents(noun, token_actor):
        return []
    return [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "against")
            and c.i == noun.right_edge.i + 1]


def carrier_verb(noun: Token) -> Token | None:
    """The verb an event noun is the object of: directly ("signed a treaty", "held talks"), through a
    preposition ("entered into agreements", "engage in a dialogue") or through a light noun that is itself
    the verb's object ("take part in the negotiations", "play a role in the talks", "recognized the potential
    for cooperation"; not "bring an end to the conflict", "pose a challenge to relations")."""
    head = noun.head
    if head == noun:
        return None
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    # a "to" phrase beside a verb's object is where the object goes ("bring an end to the conflict", "pose a
    # challenge to relations"): the verb acts on the object, it does not carry the noun
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head != head:
        governor = head.head
        if head.lower_ in _TOPIC_PREPOSITIONS:
            return None  # what an act is about it does not carry ("created a contact group on the crisis")
        if governor.pos_ in ("VERB", "AUX") and not (
                head.lower_ == "to" and any(c.dep_ == "dobj" for c in governor.children)):
            return governor
        if (governor.pos_ == "NOUN" and governor.dep_ == "dobj" and governor.head.pos_ in ("VERB", "AUX")
                and head.lower_ != "to"):
            return governor.head
    return None


def carries(verb: Token, noun: Token, lexicon: RelationLexicon) -> bool:
    """Whether the doers of the verb carrying a shared act take part in it: a light verb ("held talks"), or
    a cooperative verb carrying a cooperative act ("take part in the negotiations", "agreed to talks");
    not a verb reacting to it ("condemned the war", "rejected the talks")."""
    verb_cue, noun_cue = cue_of(verb, lexicon), cue_of(noun, lexicon)
    return verb_cue is None or (verb_cue.polarity == "cooperation" and noun_cue is not None
                                and noun_cue.polarity == "cooperation")


def carrier_doers(verb: Token) -> list[Token]:
    """The tokens of who does a verb: its by-agents, else its subjects' subtrees."""
    subjects, _ = clause_subject(verb)
    if any(c.dep_ == "agent" for c in verb.children):
        return agent_tokens(verb)
    # without a by-agent the passive subject of a light verb takes part ("Russia and Pakistan have been
    # engaged in energy cooperation")
    return phrase_tokens(subjects)


def involved_tokens(noun: Token, lexicon: RelationLexicon) -> list[Token]:
    """The phrases of a shared act that say who holds it or takes part: a "by" phrase ("consultations by the
    United States, the Soviet Union and China with India and Pakistan"), an `involving` participle or
    preposition ("talks involving A, B and C", "negotiations including Pakistan") and a "with" phrase of an
    `involving` noun ("a conference with the participation of A, B and C")."""
    tokens = []
    for child in noun.children:
        word = child.lemma_.lower()
        if (child.dep_ == "prep" and (child.lower_ == "by" or word in lexicon.involving)) or (
                child.dep_ == "acl" and word in lexicon.involving):
            tokens += list(child.subtree)
    # "under the auspices of" may hang on the verb the noun is the subject or object of ("talks between A and B
    # were held under the auspices of the United Nations")
    holders = [noun, noun.head] if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in (
        "VERB", "AUX") else [noun]
    return tokens + [t for holder in holders for c in holder.children
                     if c.dep_ == "prep" and c.lower_ in ("with", "under")
                     for p in c.children if p.dep_ == "pobj" and {p.lemma_.lower(), p.lower_} & lexicon.involving
                     for t in p.subtree]  # spaCy lemmatises "auspices" as "auspex"


def noun_participants(noun: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """Who takes part in a shared act named by a noun: its actor modifiers ("the Soviet-Afghan treaty"), the
    by-agents of a participle on it ("the talks begun by A and B"), who it is held by or involves
    (`involved_tokens`), the subjects (or by-agents) of the light
    verb that carries it ("A, B and C entered into agreements"), and the actors a copula identifies it with
    ("the signatories were A, B and C")."""
    if owned_partners(noun, lexicon) is not None:
        return set()  # "our Russian and Rwandan allies": allies of the owner, not of each other
    # a list of adjectives modifies the noun item by item ("the Syrian, Afghan and Iraqi refugee crisis"),
    # unlike one hyphenated modifier ("the Soviet-Afghan treaty")
    modifiers = [c for c in noun.children if c.dep_ in _SOURCE_MODIFIER_DEPS and c.lower_ not in _CIRCUMSTANCES
                 and not (c.dep_ in ("amod", "nmod") and any(g.dep_ == "conj" for g in c.children))]
    members = actors_in((t for m in modifiers for t in m.subtree), token_actor)
    members |= actors_in((t for c in noun.children if c.dep_ in ("acl", "relcl") for t in agent_tokens(c)),
                         token_actor)
    members |= actors_in(involved_tokens(noun, lexicon), token_actor)
    # "their" names the parties ("the Governments of India and Pakistan will make efforts to improve their
    # relations", "appreciation to A, B and C for their ratification"), before who carries the act
    owners = their_antecedent(noun, token_actor) if any(
        c.dep_ == "poss" and c.lower_ == "their" for c in noun.children) else set()
    if owners:
        return members | owners
    verb = carrier_verb(noun)
    # a shared act that names its parties ("viewed Pakistan's partnership with the United States") is not
    # the carrying verb's subject's
    if verb is not None and not members and carries(verb, noun, lexicon):
        members |= actors_in(carrier_doers(verb), token_actor)
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        members |= actors_in((t for c in head.children if c.dep_ == "attr" for t in c.subtree), token_actor)
    return members


def partners(cue_token: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """The actors of a "with" phrase on a shared act ("in co-operation with Iraq, Pakistan and Turkey"):
    partners in one act, so co-participants with each other too; not for an act held with each apart
    (the lexicon's `dyadic`: "relations with A and B", "bilateral negotiations with A and B")."""
    words = {cue_token.lemma_.lower(), *(c.lower_ for c in cue_token.children if c.dep_ in ("amod", "compound"))}
    if words & lexicon.dyadic:
        return set()
    return {actor for c in cue_token.children if c.dep_ == "prep" and c.lower_ == "with"
            for actor in actors_in(c.subtree, token_actor)}


def mutual_members(cue_token: Token, token_actor: dict[int, str]) -> set[str]:
    """Actors of a "between A and B" phrase attached to the cue or to a noun it governs, or of an "of A and B"
    phrase of a shared act ("the friendship of A and B")."""
    members: set[str] = set()
    for token in cue_token.subtree:
        if token.dep_ == "prep" and token.lower_ in _MUTUAL_PREPOSITIONS:
            head = token.head
            if head == cue_token or head.head == cue_token or cue_token.head == head:
                members |= actors_in(token.subtree, token_actor)
        elif token.dep_ == "prep" and token.lower_ == "of" and token.head == cue_token:
            joint = actors_in(token.subtree, token_actor)
            if len(joint) > 1:
                members |= joint
    for token in cue_token.head.children if cue_token.head != cue_token else []:
        if token.dep_ == "prep" and token.lower_ in _MUTUAL_PREPOSITIONS:
            members |= actors_in(token.subtree, token_actor)
    return members


AGAINST = Cue("against", "verbal_conflict", "conflict", -4.0, False)
# an actor adjective with a stance prefix ("anti-Soviet policies", "pro-Pakistan stance"): the stance of the
# noun's holder towards the actor
STANCE_PREFIXES = {"anti": AGAINST, "pro": Cue("pro", "verbal_cooperation", "cooperation", 3.0, False)}


def prefixed_stances(actor_spans: list[Span], token_actor: dict[int, str]) -> list[tuple[str, str, Token, Cue]]:
    """(holder, actor, prefix token, cue) for every actor mention written with a stance prefix: the holders
    are the actors the modified noun names as its owner or doer ("the anti-Soviet policies of the United
    States")."""
    found = []
    for span in actor_spans:
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text != "-":
            continue
        prefix = doc[span.start - 2]
        cue = STANCE_PREFIXES.get(prefix.lower_)
        noun = span.root.head
        if cue is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        holders = noun_agents(noun, token_actor) | actors_in(
            (t for owner in noun_owners(noun) for t in owner.subtree), token_actor)
        found += [(holder, span.kb_id_, prefix, cue) for holder in sorted(holders - {span.kb_id_})]
    return found


JOINT = Cue("joint", "verbal_cooperation", "cooperation", 3.0, True)


def joint_doers(token: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """The doers a joint word makes partners: of the noun it modifies ("the joint call of A and B", "A and B
    issued a joint statement"), or of the verb it modifies ("A and B jointly proposed", "A, together with B,
    invaded C"); and the doers of an act that several author as one ("as proposed by A and B", "the
    endeavours of A and of B", the lexicon's `authored`)."""
    if co_agent_phrase(token, lexicon):
        # "Germany worked together with France"; "Nazi Germany, together with the Soviet Union, invaded
        # Poland": the phrase hangs on the act or on the first partner, a subject (a list, "the Caspian Basin,
        # along with Russia and Azerbaijan", and a copula, "A, along with B, is a member", name no act)
        partner = token.head
        if partner.pos_ in ("VERB", "AUX"):
            first = carrier_doers(partner) if partner.lemma_ != "be" else []
        else:
            acts = partner.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS and partner.head.lemma_ != "be"
            first = subtree_except(partner, [token]) if acts else []
        members = co_agent_members(token, token_actor, lexicon)
        return actors_in(first, token_actor) | actors_in(members, token_actor) if first else set()
    lemma = token.lemma_.lower()
    if lemma in lexicon.authored:
        # "the proposals submitted by Czechoslovakia and the USSR and entitled, respectively, ...": one each
        distributive = any(t.lower_ == "respectively" for t in token.doc[token.i:token.sent.end])
        return set() if distributive else act_doers(token, token_actor)
    if not {lemma, token.lower_} & lexicon.joint or token.head == token:  # "shared" as a participle
        return set()
    head = token.head
    if token.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
        # "a joint energy project between Russia and Pakistan"
        return act_doers(head, token_actor) | mutual_members(head, token_actor)
    if token.dep_ == "advmod" and head.pos_ in ("VERB", "AUX"):
        return act_doers(head, token_actor)  # "A and B jointly proposed"
    return set()


def co_agent_phrase(prep: Token, lexicon: RelationLexicon) -> bool:
    """Whether a preposition on an act or its doer names who does the act with the doer (the lexicon's
    `accompanying` words): "together with Germany" (on "with" or on the verb), "alongside France", "in
    co-operation with Iraq"."""
    if prep.dep_ != "prep" or prep.head == prep:
        return False
    words = lexicon.accompanying

    def accompanying_nouns(phrase: Token) -> list[Token]:  # "in co-operation", "in concert"
        return [p for p in phrase.children if p.dep_ == "pobj" and {p.lemma_.lower(), hyphenated_lemma(p)} & words]

    if prep.lower_ == "with":
        siblings = list(prep.head.children) if prep.head.pos_ in ("VERB", "AUX") else []
        return any(c.dep_ == "advmod" and c.lower_ in words for c in (*prep.children, *siblings)) or any(
            # the parser may hang "with" on the verb beside "in concert"
            c.dep_ == "prep" and c.lower_ == "in" and c.right_edge.i + 1 == prep.i and accompanying_nouns(c)
            for c in siblings)
    if prep.lower_ == "in":
        return any(c.dep_ == "prep" and c.lower_ == "with" for p in accompanying_nouns(prep) for c in p.children)
    return prep.lower_ in words


def co_agent_members(phrase: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> list[Token]:
    """The tokens of a co-agent phrase that name who acts along: not the targets of an act of its own ("in
    accordance with the sanctions imposed by the United States on Russia": the United States, not Russia)."""
    return without_nested_victims(list(phrase.subtree), None, token_actor, lexicon)


def compliers(noun: Token, lexicon: RelationLexicon) -> list[Token]:
    """Who does an act by complying with it: the doers of the verb whose `accompanying` phrase names it ("Georgian
    institutions act in accordance with the sanctions imposed by the United States on Russia" apply them too)."""
    with_ = noun.head
    if noun.dep_ != "pobj" or with_.lower_ != "with" or with_.head == with_:
        return []
    accompanying = with_.head
    in_ = accompanying.head
    if accompanying.dep_ != "pobj" or in_ == accompanying or not co_agent_phrase(in_, lexicon):
        return []
    verb = in_.head
    return carrier_doers(verb) if verb.pos_ in ("VERB", "AUX") else []


def co_agents_of(verb: Token, lexicon: RelationLexicon) -> list[Token]:
    """The co-agent phrases (`co_agent_phrase`) of a verb, or of the clause it takes its subject from: in "Iran
    was intensifying its efforts, in co-operation with Iraq and Pakistan, to secure the evacuation of Egyptian
    territory" Iraq and Pakistan secure it too."""
    token = verb
    for _ in range(_MAX_CLIMB):
        phrases = [c for c in token.children if co_agent_phrase(c, lexicon)]
        if phrases or any(c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS for c in token.children):
            return phrases
        if token.dep_ not in ("advcl", "xcomp", "conj") or token.head == token or token.head.pos_ not in (
                "VERB", "AUX"):
            return []
        token = token.head
    return []


def act_doers(token: Token, token_actor: dict[int, str]) -> set[str]:
    """Who does an act: a verb's subjects (by-agents in the passive); a noun's agents and owners, and the
    doers of the light verb carrying it."""
    if token.pos_ in ("VERB", "AUX"):
        return actors_in(carrier_doers(token), token_actor)
    doers = noun_agents(token, token_actor) | actors_in((t for o in noun_owners(token) for t in o.subtree),
                                                        token_actor)
    verb = carrier_verb(token)
    if verb is not None:
        doers |= actors_in(carrier_doers(verb), token_actor)
    return doers


def opposed_actors(token: Token, token_actor: dict[int, str]) -> set[str]:
    """Actors of an "against" phrase under the cue ("joined the West against the Soviets"): whatever the
    cue, the source opposes them."""
    return {actor for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against"
            for actor in actors_in(t.subtree, token_actor)}


def purpose_addressees(verb: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """Whom a cooperative purpose infinitive without a target of its own is done to: the addressee of the act it
    serves ("Soviet leaders writing to the Prime Minister of India to reaffirm the principles of peaceful
    coexistence", "sent troops to Syria to support the government"); not when that act is a cue itself."""
    if verb.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return set()
    governor = verb.head
    if governor == verb or governor.pos_ not in ("VERB", "AUX") or cue_of(governor, lexicon) is not None:
        return set()
    return actors_in((t for c in governor.children if (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "dative"
                      for t in c.subtree), token_actor)


def cue_relations(token: Token, cue: Cue, token_actor: dict[int, str],
                  lexicon: RelationLexicon) -> list[tuple[str, str, bool, str, Cue]]:
    """(source, target, passive, method, cue) for the pairs one cue links."""
    pairs: list[tuple[str, str, bool, str]] = []
    if token.pos_ in ("VERB", "ADJ"):
        source, target, passive, subject_side = sides_of_verb(token, token_actor, lexicon)
        method = "dependency"
        if not target and cue.polarity == "cooperation":
            target = purpose_addressees(token, token_actor, lexicon)
        if cue.mutual:
            # those who act together: the subjects, or in the passive the by-agents ("signed by A and B")
            doers = source if passive else actors_in(subject_side, token_actor)
            pairs += [(a, b, passive, method) for a, b in combinations(sorted(doers), 2)]
    else:
        source, target = sides_of_noun(token, token_actor, lexicon)
        passive, method = False, "nominal"
        if cue.mutual:
            participants = sorted(noun_participants(token, token_actor, lexicon))
            pairs += [(a, b, passive, method) for a, b in combinations(participants, 2)]
            source |= set(participants)  # who takes part acts with its partners ("A worked in cooperation with B")
    opposed = opposed_actors(token, token_actor) if cue.polarity == "cooperation" else set()
    pairs += [(s, t, passive, method) for s in sorted(source) for t in sorted(target - opposed) if s != t]
    linked = [(*pair, cue) for pair in pairs]
    linked += [(s, t, passive, method, AGAINST) for s in sorted(source) for t in sorted(opposed) if s != t]
    if cue.mutual and cue.polarity == "cooperation":
        together = sorted(partners(token, token_actor, lexicon))
        linked += [(a, b, passive, method, cue) for a, b in combinations(together, 2)]
    if cue.mutual or cue.settles:
        members = sorted(mutual_members(token, token_actor))
        between = cue.settles or cue
        linked += [(a, b, False, method, between) for a, b in combinations(members, 2)]
        if cue.mutual and token.pos_ not in ("VERB", "ADJ"):
            # who holds or hosts talks between A and B takes part with both ("under the auspices of C")
            hosts = sorted(actors_in(involved_tokens(token, lexicon), token_actor))
            linked += [(h, m, False, method, cue) for h in hosts for m in members if h != m]
        if cue.settles:  # the mediator works with each party
            linked += [(s, m, passive, method, cue) for s in sorted(source) for m in members if s != m]
    return linked


def event_fields(token: Token, cue: Cue) -> tuple[str | None, str | None, int, int]:
    """The event-data fields of a coded relation: CAMEO code, PLOVER type, the cue's offsets."""
    return cue.cameo, cue.plover, token.idx, token.idx + len(token)


def keep_strongest(best: dict, key, relation, position: int) -> None:
    """Keep for `key` the strongest relation seen: the largest |score|, then the earliest cue."""
    rank = (-abs(relation.score), position)
    if key not in best or rank < best[key][0]:
        best[key] = (rank, relation)


def extract_relations(sentence: Span, actor_spans: list[Span], lexicon: RelationLexicon,
                      speaker: str | None = None) -> list[Relation]:
    """One relation per unordered pair of distinct actors mentioned in the sentence.

    `speaker` is the sentence's id for the speaking state when the sentence names it: the speaker's own acts
    ("we started talks with Russia" in a sentence that also names Ecuador) then relate it too (method
    "speaker"). A pair linked by several cues keeps the strongest (largest |score|, then the earliest cue)."""
    mentioned = actor_tokens(actor_spans)
    ids = sorted(set(mentioned.values()))
    if len(ids) < 2:
        return []
    actor_spans = relatable(actor_spans)  # a venue is still listed, as a co-mention
    token_actor = actor_tokens(actor_spans)
    best: dict[frozenset[str], tuple[tuple[float, int], Relation]] = {}
    if speaker in ids:
        for token, target, cue, negated in speaker_acts(sentence, token_actor, lexicon):
            if target != speaker:
                polarity, score = presented(token, cue, negated)
                relation = Relation(speaker, target, polarity, cue.quad_class, score, cue.lemma, negated,
                                    modality_of(token), False, "speaker", *event_fields(token, cue))
                keep_strongest(best, frozenset((speaker, target)), relation, token.i)
    for token in sentence:
        cue = cue_of(token, lexicon)
        if cue is None or token.i in mentioned:
            continue
        negated, modality = is_negated(token, lexicon), modality_of(token)
        for source, target, passive, method, link in cue_relations(token, cue, token_actor, lexicon):
            polarity, score = presented(token, link, negated)
            relation = Relation(source, target, polarity, link.quad_class, score, link.lemma, negated, modality,
                                passive, method, *event_fields(token, link))
            keep_strongest(best, frozenset((source, target)), relation, token.i)
    for token in sentence:
        for a, b in combinations(sorted(joint_doers(token, token_actor, lexicon)), 2):
            cue = replace(JOINT, lemma=token.lemma_.lower()) if token.lemma_.lower() in lexicon.authored else JOINT
            relation = Relation(a, b, cue.polarity, cue.quad_class, cue.score, cue.lemma, False,
                                modality_of(token.head), False, "joint", *event_fields(token, cue))
            keep_strongest(best, frozenset((a, b)), relation, token.i)
    for source, target, prefix, cue in prefixed_stances(actor_spans, token_actor):
        relation = Relation(source, target, cue.polarity, cue.quad_class, cue.score, cue.lemma, False, None, False,
                            "prefix", *event_fields(prefix, cue))
        keep_strongest(best, frozenset((source, target)), relation, prefix.i)
    relations = []
    for a, b in combinations(ids, 2):
        found = best.get(frozenset((a, b)))
        relations.append(found[1] if found else path_relation(a, b, actor_spans, lexicon))
    return relations


@dataclass(frozen=True)
class SpeakerRelation:
    """The speaker's own act towards an actor ("we condemn the Soviet invasion", "my Government supports
    Pakistan"): the speaker is the state whose statement it is, known from the document, not the sentence."""

    target_raw: str
    polarity: str
    quad_class: str | None
    score: float
    cue: str
    negated: bool
    modality: str | None
    cameo: str | None = None
    plover: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None


def speaker_targets(token: Token, cue: Cue, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """The actors a speaker's cue is directed at: the verb's objects (without the actors of an event noun
    that has its own actor, "condemn the Soviet invasion of Afghanistan" is directed at the invader), or an
    event noun's prepositional objects ("our support for Pakistan")."""
    if token.pos_ in ("VERB", "ADJ"):
        _, target, passive, _ = sides_of_verb(token, token_actor, lexicon)
        return set() if passive else target
    _, target = sides_of_noun(token, token_actor, lexicon)
    return target


def speakers_own(token: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> bool:
    """Whether a cue is the speaker's own act: a verb whose subject is the speaker ("we condemn"), or an event
    noun the speaker owns ("our support for Pakistan") or performs through a light verb ("we extend
    assistance to Afghanistan"); not an event noun the speaker reacts to ("we condemn the invasion")."""
    if token.pos_ in ("VERB", "ADJ"):
        return speaker_act(token)
    owned = owned_partners(token, lexicon)
    if owned is not None:
        return any(t.lower_ in ("our", "my") for t in owned[0])
    if noun_agents(token, token_actor):
        return False
    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in token.children):
        return True
    verb = carrier_verb(token)
    return verb is not None and cue_of(verb, lexicon) is None and speaker_act(verb)


def extract_speaker_relations(sentence: Span, actor_spans: list[Span], lexicon: RelationLexicon,
                              speaker: str | None = None) -> list[SpeakerRelation]:
    """One relation per actor the speaker's own acts in the sentence are directed at (the strongest cue);
    `speaker`, the sentence's id for the speaker where it names it, is not a target of its own acts."""
    best: dict[str, tuple[tuple[float, int], SpeakerRelation]] = {}
    for token, target, cue, negated in speaker_acts(sentence, actor_tokens(relatable(actor_spans)), lexicon):
        if target == speaker:
            continue
        polarity, score = presented(token, cue, negated)
        relation = SpeakerRelation(target, polarity, cue.quad_class, score, cue.lemma, negated, modality_of(token),
                                   *event_fields(token, cue))
        keep_strongest(best, target, relation, token.i)
    return [best[target][1] for target in sorted(best)]


def speaker_acts(sentence: Span, token_actor: dict[int, str],
                 lexicon: RelationLexicon) -> Iterator[tuple[Token, str, Cue, bool]]:
    """(cue token, target actor, cue, negated) for every act of the speaker's own in the sentence."""
    if not token_actor or not any(t.lower_ in _SPEAKER_MARKS for t in sentence):
        return
    for token in sentence:
        cue = cue_of(token, lexicon)
        if cue is None or token.i in token_actor or not speakers_own(token, token_actor, lexicon):
            continue
        negated = is_negated(token, lexicon)
        for target in sorted(speaker_targets(token, cue, token_actor, lexicon)):
            yield token, target, cue, negated


def dependency_path(a: Token, b: Token) -> list[Token]:
    """Tokens on the tree path from a to b (both excluded), through their lowest common ancestor."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            return up_a[1:n + 1] + up_b[1:index_b[token.i]]
    return []


def list_root(token: Token) -> Token:
    """The first item of the list a mention is an item of: up through its noun modifiers, then conj/appos."""
    while token.dep_ in ("compound", "amod", "nmod", "poss", "flat") and token.head != token:
        token = token.head
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token


def coordinated(a: Token, b: Token) -> bool:
    """Whether two mentions are items of one list ("the US, China and Russia"): listed, not related."""
    return list_root(a) == list_root(b)


_SPEAKER_WORDS = frozenset({"we", "i", "us", "me"})
_SPEAKER_MARKS = _SPEAKER_WORDS | {"my", "our"}  # a sentence without any has no act of the speaker


def speaker_act(token: Token) -> bool:
    """Whether the cue is the speaker's own act or attitude ("we cherish cooperation with the USA", "my Government
    is grateful to ..."): the speaker is not coded as an actor, so such a cue relates no pair."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    subjects, _ = clause_subject(verb)
    for subject in subjects:
        if subject.lower_ in _SPEAKER_WORDS:
            return True
        if any(child.dep_ == "poss" and child.lower_ in ("my", "our") for child in subject.children):
            return True
    return False


def acted_by_another(token: Token, pair: set[str], token_actor: dict[int, str]) -> bool:
    """Whether the cue names its own actor, neither of the pair ("the Soviet invasion" between Pakistan and
    Afghanistan): it is another actor's act and says nothing about the pair."""
    if token.pos_ in ("NOUN", "PROPN"):
        own = noun_agents(token, token_actor)
    else:
        subjects, _ = clause_subject(token)
        own = actors_in(phrase_tokens(subjects) + agent_tokens(token), token_actor)  # "imposed by the US"
    return bool(own) and not own & pair


def reactions_on_path(path: list[Token], token_actor: dict[int, str], lexicon: RelationLexicon) -> set[int]:
    """Cue tokens on a path that do not relate its two ends: a cue verb whose object is another event on the
    path ("condemned the (Soviet) invasion of Afghanistan": the condemner is not in conflict with the
    invaded), and an agentless hostile event that a hostile act reacts to (the invasion itself: who invaded
    is not said)."""
    skipped: set[int] = set()
    for verb in path:
        verb_cue = cue_of(verb, lexicon)
        if verb_cue is None:  # a verb, or an event noun reacting to another ("opposition to the occupation")
            continue
        said_of = {t.i for c in verb.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree}
        for noun in path:
            # an event that is the verb's subject is what acts ("the intervention violates the Charter")
            if noun.pos_ in ("NOUN", "PROPN") and verb in noun.ancestors and noun.i not in said_of and is_other_event(
                    noun, verb_cue, token_actor, lexicon):
                skipped.add(verb.i)
                if not noun_agents(noun, token_actor):
                    skipped.add(noun.i)
    return skipped


def through_non_argument(token: Token, path: list[Token]) -> bool:
    """Whether a path reaches a cue verb through a dependent that is none of its parties: a clause with a
    subject of its own ("we are bound to recognize that this is not the case in Cambodia", "if there is hope in
    India, ..."; not "as contained in the Charter"), a relative clause on one of its arguments, or an "as"
    phrase naming a role ("as a neighbour of Pakistan, India supports ...")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    for step in path:
        if step.dep_ == "relcl" and step.head.head == token and step.head != token:
            return True  # a relative clause on one of its parties ("the delegation which visited Kenya")
        if step == token or step.head != token:
            continue
        if step.dep_ == "prep" and step.lower_ == "as":
            return True
        if step.dep_ in ("ccomp", "advcl", "csubj") and any(
                c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS | {"expl"} for c in step.children):
            return True
    return False


def placed_by_another_event(token: Token, pair: set[str], token_actor: dict[int, str]) -> bool:
    """Whether one of a pair is the place of another event that the parser hung on a verb cue on their path: in
    "the US condemned Soviet savagery in Hungary" the US does not condemn Hungary."""
    if token.pos_ not in ("VERB", "ADJ"):
        return False
    placed = actors_in((t for noun in token.children for phrase in located_phrases(noun, token_actor)
                        for t in phrase.subtree), token_actor)
    return bool(pair & placed)


def noun_arguments(noun: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> set[str]:
    """The actors an event noun can relate: those in its own phrase (not in the other items of a list it
    is an item of) and the doers of the verb that carries it ("A held talks with B"; not the victims of an
    event that does it, "the Soviet invasion of Afghanistan escalated tensions"); an owned partner noun
    relates only its owner and partners ("Pakistan's archrival, India")."""
    owned = owned_partners(noun, lexicon)
    if owned is not None:
        return actors_in(owned[0] + owned[1], token_actor)
    items = [c for c in noun.children if c.dep_ in ("conj", "appos") or c.lower_ in _CIRCUMSTANCES]
    # a relative clause deeper in the phrase is another proposition ("ties with the US, which the Soviet Union
    # regarded as a foe")
    items += [t for t in noun.subtree if t.dep_ == "relcl" and t.head != noun]
    inside = actors_in(subtree_except(noun, items), token_actor)
    verb = carrier_verb(noun)
    if verb is None:
        return inside
    doers = without_nested_victims(carrier_doers(verb), cue_of(verb, lexicon), token_actor, lexicon)
    return inside | actors_in(doers, token_actor)


def long_sentence_relations(actor_spans: list[Span]) -> list[Relation]:
    """Every pair of a sentence too long to code (`framing.max_relation_tokens`) as a neutral co-mention, method
    "long_sentence", so the pair is counted and can be found, not coded from an untrustworthy parse."""
    ids = sorted(set(actor_tokens(actor_spans).values()))
    return [Relation(a, b, "neutral", None, 0.0, None, False, None, False, "long_sentence")
            for a, b in combinations(ids, 2)]


def path_relation(a: str, b: str, actor_spans: list[Span], lexicon: RelationLexicon) -> Relation:
    """The strongest cue on the dependency path between any two mentions of the pair (method "path"); a pair
    with no cue on its paths, or whose mentions are items of one list, is a neutral co-mention."""
    best: dict[str, tuple[tuple[float, int], Relation]] = {}
    token_actor = actor_tokens(actor_spans)
    for span_a in (s for s in actor_spans if s.kb_id_ == a):
        for span_b in (s for s in actor_spans if s.kb_id_ == b):
            path = dependency_path(span_a.root, span_b.root)
            if not path or coordinated(span_a.root, span_b.root):
                continue
            reacted = reactions_on_path(path, token_actor, lexicon)
            for token in path:
                cue = cue_of(token, lexicon)
                if (cue is None or token.i in reacted or speaker_act(token) or through_non_argument(token, path)
                        or (token.pos_ in ("NOUN", "PROPN")
                            and not {a, b} <= noun_arguments(token, token_actor, lexicon))
                        or acted_by_another(token, {a, b}, token_actor)
                        or placed_by_another_event(token, {a, b}, token_actor)
                        or past_the_participle_head(token, path, token_actor, lexicon)
                        or through_description(token, path, token_actor)):
                    continue
                negated = is_negated(token, lexicon)
                polarity, score = presented(token, cue, negated)
                relation = Relation(a, b, polarity, cue.quad_class, score, cue.lemma, negated, modality_of(token),
                                    False, "path", *event_fields(token, cue))
                keep_strongest(best, "path", relation, token.i)
    if best:
        return best["path"][1]
    return Relation(a, b, "neutral", None, 0.0, None, False, None, False, "co_mention")
