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

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable

from spacy.tokens import Span, Token

from discourse.lexicons import QUAD_CLASSES, RelationLexicon, load_relations
from discourse.lexicons import RelationCue as Cue

__all__ = ["QUAD_CLASSES", "Cue", "Relation", "RelationLexicon", "extract_relations", "load_relation_lexicon"]

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_SOURCE_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_MUTUAL_PREPOSITIONS = frozenset({"between", "among", "amongst"})
_CLAUSE_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "relcl", "acl", "pcomp"})
_MAX_CLIMB = 4


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


def load_relation_lexicon(path: str | Path | None = None) -> RelationLexicon:
    """The packaged relation lexicon, or a user's file of the same shape (`discourse.lexicons`)."""
    return load_relations(path)


def actor_tokens(actor_spans: Iterable[Span]) -> dict[int, str]:
    """Token index -> actor id for every token inside an actor mention."""
    return {i: span.kb_id_ for span in actor_spans for i in range(span.start, span.end)}


def actors_in(tokens: Iterable[Token], token_actor: dict[int, str]) -> set[str]:
    return {token_actor[t.i] for t in tokens if t.i in token_actor}


def subtree_except(token: Token, excluded: Iterable[Token]) -> list[Token]:
    """The token's subtree without the subtrees of `excluded` children (or descendants)."""
    skip = {t.i for e in excluded for t in e.subtree}
    return [t for t in token.subtree if t.i not in skip]


def cue_of(token: Token, lexicon: RelationLexicon) -> Cue | None:
    if token.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    cue = lexicon.cues.get(token.lemma_.lower()) or lexicon.cues.get(token.lower_)
    if cue is None and token.i >= 2 and token.nbor(-1).text == "-":
        # spaCy splits hyphenated words ("co-operation", "cease-fire"): look the whole word up
        cue = lexicon.cues.get(f"{token.nbor(-2).lower_}-{token.lemma_.lower()}")
    if cue is None and token.pos_ == "PROPN" and token.lower_.endswith("s"):
        # title-case nouns ("Relations", "Treaties") are tagged PROPN and keep their plural as lemma
        cue = lexicon.cues.get(token.lower_[:-1])
    return cue


def is_negated(token: Token, lexicon: RelationLexicon) -> bool:
    """`not`/`never` on the cue; `no` on an event noun ("no invasion"); `not` on the verb that carries a cue
    ("did not impose sanctions", "did not try to invade") unless that verb is a cue itself: in "did not
    condemn the invasion" the invasion still happened."""
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if (token.dep_ == "conj" and token.pos_ == "VERB" and token.head != token
            and not any(c.dep_ in _SUBJECT_DEPS for c in token.children)
            and any(c.dep_ == "neg" for c in token.head.children)):
        return True  # "did not attack and invade": the negation covers both verbs
    if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
        return True
    head = token.head
    return (token.dep_ in ("xcomp", "dobj", "nsubjpass") and head != token and cue_of(head, lexicon) is None
            and any(child.dep_ == "neg" for child in head.children))


def modality_of(token: Token) -> str | None:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            return child.lemma_.lower()
    return None


def clause_subject(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb (and whether they are passive subjects), climbing to the governing clause
    for a conjoined, controlled or subordinate verb ("agreed to cooperate", "aimed at threatening")."""
    token = verb
    for _ in range(_MAX_CLIMB):
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects, False
        passive = [c for c in token.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        if passive and token == verb:
            return passive, True
        if token.dep_ not in _CLAUSE_DEPS or token.head == token:
            break
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN") and token == verb:
            # "the sanctions imposed by the US": the noun is what the participle is said of
            token = token.head
            continue
        token = token.head
    return [], False


def agent_tokens(verb: Token) -> list[Token]:
    """The pobj subtrees of a passive verb's by-agent."""
    return [t for child in verb.children if child.dep_ == "agent" for t in child.subtree]


def noun_agents(noun: Token, token_actor: dict[int, str]) -> set[str]:
    """Who an event noun says acts: its actor modifiers ("Soviet invasion") and by-agent."""
    modifiers = [c for c in noun.children if c.dep_ in _SOURCE_MODIFIER_DEPS
                 or (c.dep_ == "prep" and c.lower_ == "by")]
    return actors_in((t for m in modifiers for t in m.subtree), token_actor)


def sides_of_verb(verb: Token, token_actor: dict[int, str],
                  lexicon: RelationLexicon) -> tuple[set[str], set[str], bool, list[Token]]:
    """(source actors, target actors, passive, subject tokens) for a verb cue."""
    subjects, passive_subject = clause_subject(verb)
    passive = passive_subject or any(c.dep_ in ("auxpass", "agent") for c in verb.children)
    agents = agent_tokens(verb)
    own_subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS]
    # subordinate and conjoined clauses carry their own cues; their actors are not this verb's objects
    clause_heads = [c for c in verb.children if c.dep_ in ("advcl", "ccomp", "parataxis", "csubj")
                    or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    objects = subtree_except(verb, own_subjects + clause_heads + [c for c in verb.children if c.dep_ == "agent"])
    objects = [t for t in objects if t != verb]
    # "condemned the Soviet invasion of Afghanistan": an event noun with an actor of its own is another act, and
    # its targets (the invaded) are not the condemner's; "signed an agreement with China" has none
    nested = {t.i for noun in objects if noun.pos_ in ("NOUN", "PROPN") and cue_of(noun, lexicon) is not None
              and noun_agents(noun, token_actor)
              for prep in noun.children if prep.dep_ == "prep" for t in prep.subtree}
    objects = [t for t in objects if t.i not in nested]
    subject_tokens = [t for s in subjects for t in s.subtree]
    if passive:
        return actors_in(agents, token_actor), actors_in(objects + subject_tokens, token_actor), True, subject_tokens
    return actors_in(subject_tokens, token_actor), actors_in(objects, token_actor), False, subject_tokens


def sides_of_noun(noun: Token, token_actor: dict[int, str], lexicon: RelationLexicon) -> tuple[set[str], set[str]]:
    """(source, target) of an event noun: its actor modifiers and by-agent act on its prepositional objects;
    a noun that is the object of a verb ("imposed sanctions on Russia") takes the verb's subject as source."""
    modifiers = [c for c in noun.children if c.dep_ in _SOURCE_MODIFIER_DEPS]
    source = actors_in((t for m in modifiers for t in m.subtree), token_actor)
    carriers = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    target_roots = [c for c in noun.children if c.dep_ == "prep" and c.lower_ not in ("by", *_MUTUAL_PREPOSITIONS)]
    for carrier in carriers:
        source |= actors_in(agent_tokens(carrier), token_actor)
        target_roots += [c for c in carrier.children if c.dep_ in ("prep", "dobj", "dative") and c.lower_ != "by"]
    source |= actors_in((t for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree),
                        token_actor)
    head = noun.head
    # a light verb carries the event ("imposed sanctions on Russia"); a cue verb is an event of its own
    # ("condemned the invasion": the condemner did not invade)
    if (noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX") and head != noun and not source
            and cue_of(head, lexicon) is None):
        subjects, _ = clause_subject(head)
        source |= actors_in((t for s in subjects for t in s.subtree), token_actor)
        target_roots += [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ not in ("by",)]
    target = actors_in((t for r in target_roots for t in r.subtree), token_actor)
    return source, target - source


def mutual_members(cue_token: Token, token_actor: dict[int, str]) -> set[str]:
    """Actors of a "between A and B" phrase attached to the cue or to a noun it governs."""
    members: set[str] = set()
    for token in cue_token.subtree:
        if token.dep_ == "prep" and token.lower_ in _MUTUAL_PREPOSITIONS:
            head = token.head
            if head == cue_token or head.head == cue_token or cue_token.head == head:
                members |= actors_in(token.subtree, token_actor)
    for token in cue_token.head.children if cue_token.head != cue_token else []:
        if token.dep_ == "prep" and token.lower_ in _MUTUAL_PREPOSITIONS:
            members |= actors_in(token.subtree, token_actor)
    return members


AGAINST = Cue("against", "verbal_conflict", "conflict", -4.0, False)


def opposed_actors(token: Token, token_actor: dict[int, str]) -> set[str]:
    """Actors of an "against" phrase under the cue ("joined the West against the Soviets"): whatever the
    cue, the source opposes them."""
    return {actor for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against"
            for actor in actors_in(t.subtree, token_actor)}


def cue_relations(token: Token, cue: Cue, token_actor: dict[int, str],
                  lexicon: RelationLexicon) -> list[tuple[str, str, bool, str, Cue]]:
    """(source, target, passive, method, cue) for the pairs one cue links."""
    pairs: list[tuple[str, str, bool, str]] = []
    if token.pos_ in ("VERB", "ADJ"):
        source, target, passive, subject_tokens = sides_of_verb(token, token_actor, lexicon)
        method = "dependency"
        if cue.mutual:
            # those who act together: the subjects, or in the passive the by-agents ("signed by A and B")
            doers = source if passive else actors_in(subject_tokens, token_actor)
            pairs += [(a, b, passive, method) for a, b in combinations(sorted(doers), 2)]
    else:
        source, target = sides_of_noun(token, token_actor, lexicon)
        passive, method = False, "nominal"
    opposed = opposed_actors(token, token_actor) if cue.polarity == "cooperation" else set()
    pairs += [(s, t, passive, method) for s in sorted(source) for t in sorted(target - opposed) if s != t]
    linked = [(*pair, cue) for pair in pairs]
    linked += [(s, t, passive, method, AGAINST) for s in sorted(source) for t in sorted(opposed) if s != t]
    if cue.mutual or cue.settles:
        members = sorted(mutual_members(token, token_actor))
        between = cue.settles or cue
        linked += [(a, b, False, method, between) for a, b in combinations(members, 2)]
        if cue.settles:  # the mediator works with each party
            linked += [(s, m, passive, method, cue) for s in sorted(source) for m in members if s != m]
    return linked


def extract_relations(sentence: Span, actor_spans: list[Span], lexicon: RelationLexicon) -> list[Relation]:
    """One relation per unordered pair of distinct actors mentioned in the sentence.

    A pair linked by several cues keeps the strongest (largest |score|, then the earliest cue)."""
    token_actor = actor_tokens(actor_spans)
    ids = sorted(set(token_actor.values()))
    if len(ids) < 2:
        return []
    best: dict[frozenset[str], tuple[tuple[float, int], Relation]] = {}
    for token in sentence:
        cue = cue_of(token, lexicon)
        if cue is None or token.i in token_actor:
            continue
        negated, modality = is_negated(token, lexicon), modality_of(token)
        for source, target, passive, method, link in cue_relations(token, cue, token_actor, lexicon):
            relation = Relation(source, target, "neutral" if negated else link.polarity, link.quad_class,
                                0.0 if negated else link.score, link.lemma, negated, modality, passive, method)
            key = frozenset((source, target))
            rank = (-abs(relation.score), token.i)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, relation)
    relations = []
    for a, b in combinations(ids, 2):
        found = best.get(frozenset((a, b)))
        relations.append(found[1] if found else path_relation(a, b, actor_spans, lexicon))
    return relations


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
        own = actors_in((t for s in subjects for t in s.subtree), token_actor)
    return bool(own) and not own & pair


def path_relation(a: str, b: str, actor_spans: list[Span], lexicon: RelationLexicon) -> Relation:
    """The strongest cue on the dependency path between any two mentions of the pair (method "path"); a pair
    with no cue on its paths, or whose mentions are items of one list, is a neutral co-mention."""
    best: tuple[tuple[float, int], Relation] | None = None
    token_actor = actor_tokens(actor_spans)
    for span_a in (s for s in actor_spans if s.kb_id_ == a):
        for span_b in (s for s in actor_spans if s.kb_id_ == b):
            path = dependency_path(span_a.root, span_b.root)
            if not path or coordinated(span_a.root, span_b.root):
                continue
            for token in path:
                cue = cue_of(token, lexicon)
                if cue is None or speaker_act(token) or acted_by_another(token, {a, b}, token_actor):
                    continue
                negated = is_negated(token, lexicon)
                relation = Relation(a, b, "neutral" if negated else cue.polarity, cue.quad_class,
                                    0.0 if negated else cue.score, cue.lemma, negated, modality_of(token), False,
                                    "path")
                rank = (-abs(relation.score), token.i)
                if best is None or rank < best[0]:
                    best = (rank, relation)
    if best is not None:
        return best[1]
    return Relation(a, b, "neutral", None, 0.0, None, False, None, False, "co_mention")
