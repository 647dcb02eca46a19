"""spaCy components registered by name: the actor resolver that follows the gazetteer's SpanRuler.

Besides the gazetteer's names the resolver finds people (`discourse.nlp.gazetteer.PersonIndex`) and
resolves them, and the names whose referent changed, by the date of what is said: a sentence that dates
itself ("In 1979, ...", "during the 1980s", "During the Cold War, ..."), else its section's heading
(`Doc._.section_years`, set from the paragraph's heading path), else the document's year (`Doc._.year`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from discourse.nlp.gazetteer import BLOCK, Gazetteer, PersonIndex, load_gazetteer, role_days

if not Doc.has_extension("year"):
    Doc.set_extension("year", default=None)
# (first year, last year) the paragraph's section is about, from its headings ("Cold War Period"); or None
if not Doc.has_extension("section_years"):
    Doc.set_extension("section_years", default=None)
# the canonical name of the person an actor span names (None for other actor spans)
if not Span.has_extension("person"):
    Span.set_extension("person", default=None)

CANDIDATES_KEY = "actor_candidates"
ACTORS_KEY = "actors"
PERSON_RULE = "person"
# A capital stands for its government when it acts, is acted on, or owns something ("Moscow sent",
# "talks with Islamabad", "Beijing's policy"), not when it is a place ("in Moscow", "the Paris Agreement").
_GOVERNING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "appos", "ROOT"})
_GOVERNING_PREPOSITIONS = frozenset({"between", "with", "by", "against", "toward", "towards", "and"})
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
_WHOLE_PREFIXES = frozenset({"all-", "pan-"})
_OFFICE_TITLES = frozenset({"secretary-general", "the-secretary-general"})
_OWN_BODY_WORDS = frozenset({"organization", "organisation", "united", "un", "u.n.", "world"})

# Titles and forms of address before a surname ("President Musharraf", "Mr. Gorbachev"); tokenized by the
# pipeline's tokenizer and matched case-insensitively.
TITLES = (
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Dr", "Madam", "Madame", "Mme", "Mme.", "Monsieur", "Sir",
    "Lord", "Lady", "President", "Vice-President", "Vice President", "President-elect", "Prime Minister",
    "Deputy Prime Minister", "Premier", "Chancellor", "Federal Chancellor", "Chairman", "Chairperson",
    "General Secretary", "Secretary-General", "Secretary General", "Secretary", "Secretary of State",
    "Foreign Secretary", "Minister", "Foreign Minister", "Minister for Foreign Affairs",
    "Minister of Foreign Affairs", "Defence Minister", "Defense Minister", "Ambassador", "General", "Gen.",
    "Lieutenant General", "Major General", "Marshal", "Field Marshal", "Admiral", "Colonel", "Col.", "Comrade",
    "King", "Queen", "Emperor", "Empress", "Prince", "Crown Prince", "Sheikh", "Shaikh", "Sheik", "Emir",
    "Amir", "Sultan", "Shah", "Ayatollah", "Imam", "Mullah", "Senator", "Governor", "His Majesty",
    "Her Majesty", "His Excellency", "Her Excellency", "His Highness", "H.E.",
)
# A bare surname is not a person inside an entity of these labels ("the Kennedy Round", "Fox News").
_NOT_PERSON_ENTITIES = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE"})
# a word with the hyphen of a compound broken at a line end ("Ukrainian- Russian"), one token
_BROKEN_COMPOUND = re.compile(r"(?<![\w-])(\w[\w.']*)-(?=\s|$)")
# Words that join the parts of a name ("Perez de Cuellar", "bin Laden").
_NAME_PARTICLES = frozenset({"de", "del", "da", "dos", "van", "von", "bin", "ibn", "al", "el", "y", "la", "le"})
# A name modifying one of these still names the person acting ("the Bush Administration").
_ACTING_HEADS = frozenset({"administration", "government", "regime", "cabinet", "presidency"})


def whole_of(span: Span) -> bool:
    """A demonym after "all-" or "pan-" names a whole beyond the state ("an all-German government" of both
    German states, "pan-Arab"), not the state."""
    doc, start = span.doc, span.start
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in _WHOLE_PREFIXES:  # "all-German", or broken at a line end: "all- German"
        return True
    return (before.text == "-" and not before.whitespace_ and start >= 2 and not doc[start - 2].whitespace_
            and doc[start - 2].lower_ in ("all", "pan"))


_LANGUAGE_NOUNS = frozenset({"language", "tongue", "dialect"})
_LANGUAGE_VERBS = frozenset({"speak", "write", "translate", "teach", "learn"})


def names_a_language(span: Span) -> bool:
    """A name that stands for a language, not the state: "the Russian language" (a modifier of a language
    noun), "they speak Russian or Romanian" (the object of a verb of speaking; an item of a list counts with
    its list). The subject of such a verb is the state ("Russia spoke")."""
    token = span.root
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    head = token.head
    if head == token:
        return False
    lemma = head.lemma_.lower()
    return ((lemma in _LANGUAGE_NOUNS and token.dep_ in ("amod", "compound", "nmod"))
            or (lemma in _LANGUAGE_VERBS and token.dep_ == "dobj"))


def office_of_another(span: Span) -> bool:
    """"Secretary-General" (of the United Nations) followed by "of" and another body's name is that body's
    office: "the Secretary-General of the Central Committee", "... of the Commonwealth"."""
    doc = span.doc
    if span.text.lower().replace(" ", "-") not in _OFFICE_TITLES or span.end >= len(doc) or doc[span.end].lower_ != "of":
        return False
    for token in doc[span.end + 1: span.end + 4]:
        if token.lower_ in ("the", "our", "this", "that", "its"):
            continue
        return token.text[:1].isupper() and token.lower_ not in _OWN_BODY_WORDS
    return False


def governs(span: Span) -> bool:
    """Whether a capital's mention stands for the government rather than the city."""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ in _GOVERNING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _GOVERNING_PREPOSITIONS


# ------------------------------------------------------------------------------------------------- dates

_YEAR = r"(1[5-9]\d\d|20\d\d)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PART = r"(?:(?:the\s+)?(?:early|late|mid(?:dle)?|end\s+of|beginning\s+of|summer\s+of|autumn\s+of|spring\s+of|winter\s+of)[\s-]+)"
# Periods a sentence or heading may name: (pattern, first year, last year). "post-Cold War" is not the
# Cold War, nor is "after the Cold War".
PERIODS = (
    (r"(?<![-\w])(?<!post )(?<!after the )(?<!since the )(?<!end of the )Cold[\s-]War\b", 1947, 1991),
    (r"\b(?:Second\s+World\s+War|World\s+War\s+(?:II|Two|2))\b", 1939, 1945),
    (r"\b(?:First\s+World\s+War|World\s+War\s+(?:I|One|1))\b(?!I)", 1914, 1918),
    (r"\bSoviet\s+(?:era|period|times|years|rule)\b", 1922, 1991),
)
_PERIOD_RES = tuple((re.compile(p, re.IGNORECASE), a, b) for p, a, b in PERIODS)
# "In 1979", "in December 1979", "on 30 June 1980", "during the 1980s", "in the early 1990s",
# "between 1979 and 1989", "from 1947 to 1971", "in 1979-1980"; the preposition is what the parse checks.
_SENTENCE_DATE = re.compile(
    r"\b(?P<prep>in|during|throughout|on|between|from)\s+"
    r"(?:" + _PART + r")?(?:(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH + r"\s+)?(?:\d{1,2},?\s+)?)?"
    r"(?:(?P<decade>(?:1[5-9]|20)\d0)'?s\b|(?:the\s+(?:year\s+)?)?" + _YEAR + r"\b(?!'?s)"
    r"(?:\s*(?:-|–|—|to|and|until|till)\s*" + r"(?P<end>1[5-9]\d\d|20\d\d)\b)?)", re.IGNORECASE)
_PERIOD_PREP = re.compile(r"\b(?P<prep>in|during|throughout|at\s+the\s+height\s+of)\s+(?:the\s+(?:entire\s+|whole\s+)?"
                          r"(?:period|era|years|days|time|course|height)\s+of\s+)?the\s*$", re.IGNORECASE)
_HEADING_DATE = re.compile(r"(?<![\d-])(?:(?P<decade>(?:1[5-9]|20)\d0)'?s\b|" + _YEAR +
                           r"(?:\s*(?:-|–|—|to)\s*(?P<end>1[5-9]\d\d|20\d\d))?)(?![\d-])", re.IGNORECASE)
# tokens that may stand before a sentence's opening date ("But in 1979, ...")
_OPENERS = frozenset({"CCONJ", "ADV", "PUNCT", "SCONJ", "INTJ", "PART"})


def _decade(match: re.Match, text: str) -> tuple[int, int]:
    start = int(match.group("decade"))
    part = text.lower()
    if "early" in part or "beginning" in part:
        return start, start + 3
    if "mid" in part:
        return start + 3, start + 6
    if "late" in part or "end of" in part:
        return start + 6, start + 9
    return start, start + 9


def _years(match: re.Match) -> tuple[int, int] | None:
    if match.group("decade"):
        return _decade(match, match.group(0))
    first = int(match.group(3) if match.re is _SENTENCE_DATE else match.group(2))
    last = int(match.group("end")) if match.group("end") else first
    return (first, last) if first <= last else None


def heading_years(headings: Sequence[str]) -> tuple[int, int] | None:
    """The years a section is about, from its heading path (innermost heading first): a period ("Cold War
    Period" -> 1947-1991), a span ("1947-1971"), a decade ("The 1990s") or a year. None if none dates it."""
    for heading in reversed(list(headings or ())):
        for pattern, first, last in _PERIOD_RES:
            if pattern.search(heading):
                return first, last
        match = _HEADING_DATE.search(heading)
        if match:
            years = _years(match)
            if years:
                return years
    return None


def _opens_sentence(token: Token, sent: Span) -> bool:
    return all(t.pos_ in _OPENERS for t in sent[: token.i - sent.start])


def _dates_clause(prep: Token, sent: Span) -> bool:
    """Whether a dating phrase is about what the sentence says: it opens the sentence, or modifies a verb
    (not a noun: "the dissolution of the Soviet Union in 1991 prompted Russia ...")."""
    return _opens_sentence(prep, sent) or prep.head.pos_ in ("VERB", "AUX")


def sentence_dates(sent: Span, latest: int | None) -> list[tuple[int, tuple[int, int]]]:
    """(token index, (first year, last year)) of each phrase that dates the sentence's clause. Years after
    `latest` (the document's year) are not dates of what happened."""
    text, offset, doc = sent.text, sent.start_char, sent.doc
    found = []
    for match in _SENTENCE_DATE.finditer(text):
        years = _years(match)
        if years is None or (latest is not None and years[0] > latest):
            continue
        prep = doc.char_span(offset + match.start("prep"), offset + match.end("prep"), alignment_mode="expand")
        if prep is not None and _dates_clause(prep[0], sent):
            found.append((prep[0].i, years))
    for pattern, first, last in _PERIOD_RES:
        for match in pattern.finditer(text):
            before = _PERIOD_PREP.search(text[: match.start()])
            if before is None:
                continue
            prep = doc.char_span(offset + before.start("prep"), offset + before.end("prep"), alignment_mode="expand")
            if prep is not None and _dates_clause(prep[0], sent):
                found.append((prep[0].i, (first, last)))
    return sorted(found)


class DateContext:
    """The years each token of a paragraph is about: its sentence's dating phrase nearest before it (else
    the sentence's first), else the section's, else the document's year. Sentences are read only when a
    time-aware name or a person is in them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        year, section = doc._.year, doc._.section_years
        self.default: tuple[int, int] | None = (tuple(section) if section else
                                                (year, year) if year is not None else None)
        self.latest = year
        self._sentences: dict[int, list[tuple[int, tuple[int, int]]]] = {}

    def years(self, token: Token) -> tuple[int, int] | None:
        sent = token.sent
        dates = self._sentences.get(sent.start)
        if dates is None:
            dates = self._sentences[sent.start] = sentence_dates(sent, self.latest)
        if not dates:
            return self.default
        before = [years for index, years in dates if index <= token.i]
        return before[-1] if before else dates[0][1]


# ------------------------------------------------------------------------------------------------ people

def _days(years: tuple[int, int]) -> tuple[int, int]:
    return date(years[0], 1, 1).toordinal(), date(years[1], 12, 31).toordinal()


def person_actor(index: PersonIndex, persons: Iterable[int], years: tuple[int, int] | None
                 ) -> tuple[str, str] | None:
    """(actor id, person's name) for a name of these persons in these years: the state or organisation the
    person acted for longest in them. None when none of them held a role in those years, or when persons of
    this name acted for different actors then ("President Abbas" in 2006: Palestine's, and an Algerian
    minister's)."""
    if years is None:
        return None
    first, last = _days(years)
    best: dict[str, tuple[int, str]] = {}  # actor -> (days, name) of its person of most days
    for number in persons:
        name, roles = index.persons[number]
        days: dict[str, int] = {}
        for actor, start_date, end_date in roles:
            start, end = role_days(start_date, end_date)
            overlap = min(end, last) - max(start, first) + 1
            if overlap > 0:
                days[actor] = days.get(actor, 0) + overlap
        if days:
            actor = max(sorted(days), key=days.__getitem__)
            if (days[actor], name) > best.get(actor, (0, "")):
                best[actor] = (days[actor], name)
    if len(best) != 1:
        return None
    actor, (_, name) = next(iter(best.items()))
    return actor, name


class PersonMatcher:
    """Finds the names of a `PersonIndex` in a parsed paragraph: full names (case-insensitive, the name words
    capitalized), a title before a surname ("President Musharraf"), a surname alone where the index allows
    it and the parse agrees it is a person's, acronyms ("JFK"), and the index's organisation names."""

    def __init__(self, index: PersonIndex, tokenizer):
        self.index = index
        titles: dict[str, list[tuple[str, ...]]] = {}
        for title in TITLES:
            tokens = tuple(t.text.lower() for t in tokenizer(title))
            titles.setdefault(tokens[-1], []).append(tokens)
        self.titles = {last: sorted(set(v), key=len, reverse=True) for last, v in titles.items()}
        self.title_words = {w for ts in self.titles.values() for t in ts for w in t}
        self.keys = {hash_string(k) for k in (*index.names, *index.organisations, *index.surnames, *index.acronyms)}

    def title_before(self, doc: Doc, end: int) -> int:
        """Start of the longest title ending just before token `end` (`end` if none)."""
        if end == 0:
            return end
        for tokens in self.titles.get(doc[end - 1].lower_, ()):
            start = end - len(tokens)
            if start >= 0 and all(doc[start + k].lower_ == w for k, w in enumerate(tokens)):
                return start
        return end

    def candidates(self, doc: Doc) -> list[tuple[int, int, tuple[int, ...] | str, bool, bool]]:
        """(start, end, persons or an organisation id, explicit, organisation title) of every match;
        explicit = a name of the index (not a surname); organisation title = after "Secretary-General"."""
        index, found = self.index, []
        # only the tokens whose lower-cased or exact text ends a name are looked at (no Token objects else)
        lowers, orths = doc.to_array([LOWER, ORTH]).T.tolist() if len(doc) else ([], [])
        keys = self.keys
        for i in [i for i, (lower, orth) in enumerate(zip(lowers, orths)) if lower in keys or orth in keys]:
            token = doc[i]
            lower = token.lower_
            for tokens, persons in index.names.get(lower, ()):
                start = i - len(tokens) + 1
                if start >= 0 and all(doc[start + k].lower_ == w for k, w in enumerate(tokens)) \
                        and self.capitalized(doc[start:i + 1]):
                    title = self.title_before(doc, start)
                    found.append((title, i + 1, persons, True, self.organisation_title(doc[title:start])))
            for tokens, actor in index.organisations.get(lower, ()):
                start = i - len(tokens) + 1
                if start >= 0 and all(doc[start + k].lower_ == w for k, w in enumerate(tokens)) \
                        and doc[start].text[:1].isupper() and token.text[:1].isupper():
                    found.append((start, i + 1, actor, True, False))
            if not token.text[:1].isupper():
                continue
            acronym = index.acronyms.get(token.text)
            if acronym:
                found.append((i, i + 1, acronym, True, False))
            surname = index.surnames.get(lower)
            if surname and self.whole_name(token):
                bare, persons = surname
                start = self.title_before(doc, i)
                if start < i or (bare and self.alone_is_person(token, bare)):
                    found.append((start, i + 1, persons, False, self.organisation_title(doc[start:i])))
        return found

    @staticmethod
    def organisation_title(title: Span) -> bool:
        return "secretary" in title.text.lower() and "general" in title.text.lower()

    @staticmethod
    def whole_name(token: Token) -> bool:
        """Whether a surname is not part of a longer name: "Muhammad-Bande", "Perez de Cuellar"."""
        doc = token.doc
        if token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
            return False
        if token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if following.text == "-" and not token.whitespace_:
                return False
            if following.lower_ in _NAME_PARTICLES and token.i + 2 < len(doc) and doc[token.i + 2].text[:1].isupper():
                return False
        return True

    def capitalized(self, span: Span) -> bool:
        """Whether the name words of a match are capitalized (not "us", "the", titles or "administration")."""
        words = [t for t in span if t.is_alpha and len(t) > 1 and not t.is_stop and t.lower_ not in self.title_words
                 and t.lower_ not in _ACTING_HEADS]
        return bool(words) and all(t.text[:1].isupper() for t in words)

    def alone_is_person(self, token: Token, bare: int) -> bool:
        """Whether a surname standing alone names a person here: not inside a place's or organisation's entity,
        not after another capitalized word of the same name ("Ted Kennedy"), and, for a surname that is also
        a noun (bare = 2), a PERSON entity."""
        if token.ent_type_ in _NOT_PERSON_ENTITIES:
            return False
        doc, sent_start = token.doc, token.sent.start
        if token.i > 0:
            prev = doc[token.i - 1]
            if prev.is_alpha and prev.text[:1].isupper() and prev.lower_ not in self.title_words and (
                    prev.i > sent_start or (prev.ent_iob_ != "O" and token.ent_iob_ == "I")):
                return False
        if token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if following.is_alpha and following.text[:1].isupper() and following.i > sent_start:
                return False
        return bare == 1 or token.ent_type_ == "PERSON"


def names_a_thing(span: Span) -> bool:
    """A name that modifies a capitalized noun names a thing ("the Kennedy Round", "the Brezhnev Doctrine"),
    except an administration or government."""
    last = span[-1]
    head = last.head
    return (last.dep_ in ("compound", "nmod", "amod") and head.i == span.end and head.text[:1].isupper()
            and head.lower_ not in _ACTING_HEADS)


# ------------------------------------------------------------------------------------------------ resolver

@Language.factory("actor_resolver", default_config={"gazetteer_path": None, "candidates_key": CANDIDATES_KEY,
                                                     "spans_key": ACTORS_KEY},
                  requires=["doc.ents", "token.dep"], assigns=["doc.spans"])
def make_actor_resolver(nlp: Language, name: str, gazetteer_path: str | None, candidates_key: str,
                        spans_key: str) -> "ActorResolver":
    return ActorResolver(load_gazetteer(gazetteer_path), candidates_key, spans_key, nlp.tokenizer)


class ActorResolver:
    """Turns gazetteer matches and people into actor spans (`doc.spans["actors"]`, kb_id = actor id).

    The longest match wins; a "not an actor" phrase blocks what it contains; time-aware names and people
    resolve by the date of their sentence, section or document (`DateContext`); capitals count only where
    they stand for the government; ambiguous names count only inside an NER entity of a place, nationality
    or organisation; a demonym after "all-"/"pan-", or naming a language, is not the state;
    "Secretary-General of <another body>" is not the UN's. A person is the actor they acted for at that date (span_id "person", `span._.person`
    their name), or no actor when they held no role then.
    """

    def __init__(self, gazetteer: Gazetteer, candidates_key: str, spans_key: str, tokenizer=None):
        self.gazetteer = gazetteer
        self.candidates_key = candidates_key
        self.spans_key = spans_key
        index = gazetteer.person_index()
        self.persons = PersonMatcher(index, tokenizer) if index is not None and tokenizer is not None else None
        # one-word names, for a compound broken at a line end: "Ukrainian- Russian talks" has "Ukrainian-"
        self.words = {p["pattern"]: (p["label"], p["id"]) for p in gazetteer.patterns
                      if isinstance(p["pattern"], str) and " " not in p["pattern"]}

    def broken_compounds(self, doc: Doc) -> list[Span]:
        spans = []
        for match in _BROKEN_COMPOUND.finditer(doc.text):
            found = self.words.get(match.group(1))
            if found is None:
                continue
            token = doc.char_span(match.start(), match.end())
            if token is not None and len(token) == 1:
                spans.append(Span(doc, token.start, token.end, label=found[0], span_id=found[1]))
        return spans

    def person_spans(self, doc: Doc, dates: DateContext) -> tuple[list[Span], dict[tuple[int, int], str]]:
        """The people of a paragraph resolved at their dates, as actor spans (of overlapping ones the longest,
        the index's own name first at equal length), and the person's name of each by (start, end)."""
        spans, names = [], {}
        index = self.persons.index
        candidates = sorted(self.persons.candidates(doc), key=lambda c: (c[0], -c[1], not c[3]))
        # a full name blocks the surname inside it, resolved or not ("Indira Gandhi" is not a bare "Gandhi")
        full = [(start, end) for start, end, _, explicit, _ in candidates if explicit]
        for start, end, who, explicit, organisation_title in candidates:
            if not explicit and any(s <= start and end <= e and (s, e) != (start, end) for s, e in full):
                continue
            if (start, end) in names or names_a_thing(doc[start:end]):
                continue
            if isinstance(who, str):
                actor, name = who, None
            else:
                resolved = person_actor(index, who, dates.years(doc[end - 1]))
                if resolved is None:
                    continue
                actor, name = resolved
                # a Secretary-General is an organisation's ("Secretary-General Guterres" is not a Timorese minister)
                if organisation_title and self.gazetteer.kinds.get(actor) != "organisation":
                    continue
            spans.append(Span(doc, start, end, label=self.gazetteer.kinds.get(actor, "state"), kb_id=actor,
                              span_id=PERSON_RULE if name else "name"))
            names[(start, end)] = name
        return filter_spans(spans), names

    def __call__(self, doc: Doc) -> Doc:
        dates = DateContext(doc)
        people, names = self.person_spans(doc, dates) if self.persons is not None else ([], {})
        candidates = filter_spans(list(doc.spans.get(self.candidates_key, [])) + self.broken_compounds(doc) + people)
        entity_tokens = {i for ent in doc.ents if ent.label_ in _ENTITY_LABELS for i in range(ent.start, ent.end)}
        actors = []
        for span in candidates:
            if span.label_ == BLOCK:
                continue
            if span.id_ == PERSON_RULE or span.id_ not in self.gazetteer.entries:
                actors.append(span)
                continue
            if span.id_ in self.gazetteer.requires_entity and not entity_tokens.issuperset(range(span.start, span.end)):
                continue
            if span.label_ == "capital" and not governs(span):
                continue
            if (span.label_ == "demonym" and whole_of(span)) or names_a_language(span):
                continue
            entry = self.gazetteer.entries[span.id_]
            if entry.kind == "organisation" and office_of_another(span):
                continue
            years = dates.years(span[-1]) if entry.kind == "time_aware" else doc._.year
            actor_id, kind = self.gazetteer.resolve(span.id_, years)
            if actor_id is not None:
                actors.append(Span(doc, span.start, span.end, label=kind, kb_id=actor_id, span_id=span.label_))
        for span in actors:
            if span.id_ == PERSON_RULE:
                span._.person = names[(span.start, span.end)]
        doc.spans[self.spans_key] = actors
        return doc
