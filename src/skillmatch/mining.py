"""Candidate skill phrases in one document: list items, cued phrases, tech-shaped words and names.

A document is cut into clauses (at sentence ends, colons, semicolons, line breaks and bullets)
and each clause into items (at commas, slashes, `and`, `or`, parentheses). A candidate is:

- `cue`: an item of a clause with a skill cue ("experience with X, Y and Z", "Skills: X, Y",
  "knowledge of X", "X experience") or a task verb ("conduct variance analysis"), and the
  phrases of two or more words later in such an item ("... as an analyst in a fast-paced
  environment"); after "ability to", "able to", "willingness to", a verb phrase ("work
  independently", "work under pressure") or the whole phrase for a lone verb ("ability to
  coordinate");
- `list`: an item of a list of three or more short items, half of them names or
  tech-shaped ("Python, R, statistics") or half of them adjectives ("proactive, curious");
- `name`: a tech-shaped word (`C++`, `Node.js`, `PySpark`, `SQL`, `CI/CD`) or a run of
  capitalised words that does not start a clause (`Google Analytics`), anywhere.

Items are trimmed of wrapping words ("strong knowledge of", "skills", "experience"), except a
noun that makes the skill ("software development", "customer focus", "operating systems");
lone adjectives and adverbs outside an adjective list, job titles, degrees and numbers are not
candidates. Shared heads are spread ("written and verbal communication" -> "written
communication"). Words glued by a hyphen or a slash stay one word (`scikit-learn`, `A/B`,
`CI/CD`); sentences glued by a lost line break (`technology.Compass`, `learningAt`,
`science5+`) are cut apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from spacy.attrs import IDX, IS_SPACE, ORTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .guards import BULLETS, CUE_WORDS, DEGREE_WORDS, TITLE_WORDS
from .taxonomy import english_words

CUE = "cue"
LIST = "list"
NAME = "name"
MAX_WORDS = 4  # longer items are descriptions, not names of skills

_CLAUSE_END = {*BULLETS, ".", "!", "?", ";", ":", "—", '"', "“", "”"} - {"-"}
_ITEM_SEP = {",", "/", "|", "&", "and", "or", "(", ")", "[", "]", "+", "etc", "e.g", "i.e", "eg", "ie", "vs",
             "including", "include", "includes", "like", "such", "as", "plus", "nor", "either", "via"}
# Words that introduce skills in a clause, besides the evidence cues of `guards`.
_CUES = frozenset(CUE_WORDS) | {
    "tools", "technologies", "languages", "software", "packages", "platforms", "frameworks", "libraries",
    "stack", "using", "utilizing", "utilising", "proficiency", "mastery", "comfortable", "requirements",
    "qualifications", "able", "willingness", "desire", "eager", "eagerness",
}
# Verbs of tasks whose object is often a skill ("conduct variance analysis", "develop dashboards").
_TASK_VERBS = frozenset(f"{stem}{end}" for stem in (
    "conduct", "perform", "develop", "implement", "apply", "leverag", "utiliz", "build", "maintain", "creat")
    for end in ("", "e", "s", "es", "ing", "ed"))  # not "design" or "use": nouns in skills too
_CLAUSE_CUES = _CUES | _TASK_VERBS
# Words that make a short label ("Skills:", "Nice to have:", "Tech stack:") cue what follows.
_LABEL_CUES = _CUES | {"nice", "must", "have", "bonus", "plus", "stack", "preferred", "required", "desired",
                       "tech", "technical"}
# Words trimmed from either end of an item: intensifiers and nouns that wrap a skill name.
_WRAPPERS = frozenset(STOP_WORDS) | _CUES | {
    "experience", "experiences", "years", "year", "yrs", "working", "work", "deep", "basic", "basics",
    "fundamental", "fundamentals", "general", "various", "relevant", "related", "similar", "other",
    "tool", "techniques", "concepts", "principles", "practices", "methods", "environment", "environments",
    "etc", "e.g", "i.e", "ability", "required", "preferred", "must", "needed", "highly", "hands-on",
    "minimum", "least", "plus", "equivalent", "skill", "level", "high", "knowledge", "understanding",
    "applications", "application", "programs", "program", "systems", "system", "with", "such", "like",
    "including", "desired", "preferably", "ideally", "demonstrable", "comfort",
}
# Cue words that also head compounds: they cue only a name after them ("languages Python").
_NOUN_CUES = frozenset({"tools", "technologies", "languages", "software", "packages", "platforms", "frameworks",
                        "libraries", "stack", "focus", "training", "areas", "background", "understanding"})
# Generic nouns kept after a lowercase word ("ensemble methods"); a phrase is grouped without them.
GENERIC_HEADS = frozenset({"skills", "skill", "systems", "system", "methods", "techniques", "concepts", "principles",
                           "practices", "tools", "abilities"})
_KEPT_AFTER_ADJECTIVE = frozenset({"skills", "skill", "environment"})  # "fast-paced environment"
_HEAD_NOUNS = frozenset({"focus", "training", "software", "development"})  # never trimmed from the end
_LEADING_HEADS = _HEAD_NOUNS | {"system", "systems", "application", "applications", "program", "programs"}
_LEADING_WRAPPERS = _WRAPPERS - _LEADING_HEADS  # trimmed from the start: not "systems design"
_INFINITIVE_CUES = frozenset({"ability", "abilities", "able", "capacity", "how", "willingness", "desire", "eager",
                              "eagerness"})  # "ability to <verb phrase>"
_PREPOSITIONS = frozenset({"under", "in", "on", "with", "across", "within", "without", "through", "from"})
MAX_VERB_WORDS = 3
# A last word naming a person, a team, an employer, a degree or a field, not a skill.
_NOT_SKILL_HEADS = (set(TITLE_WORDS) - {"tool", "tools", "services", "solutions", "technologies", "teaching", ":"}) | {
    "field", "fields", "degree", "degrees", "candidate", "candidates", "colleagues", "applicants", "employer",
    "employers", "professionals", "professions", "records", "status", "role", "roles", "position", "positions",
    "engineering teams", "partners", "stakeholders", "customers", "clients", "users", "members", "people",
}
_DEGREES = frozenset(DEGREE_WORDS) | {"ph.d", "phd", "mba", "ba/bs", "bs/ms", "ms/phd", "bachelor’s", "master’s"}
_ADJECTIVE = re.compile(r"^[a-z]{2,}(al|ive|ous|ful|able|ible|ly|ed|en)$")
_GLUE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])|(?<=[a-z]{3})\.?(?=\d)|(?<=[a-z]{2})(?=[A-Z][a-z]*$)")
_LETTER = re.compile(r"[^\W\d_]")
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]{2,}")
_CAPS = re.compile(r"^[A-Z][A-Z0-9&]+$")
_SYMBOL = re.compile(r"^[.A-Za-z].*([+#]$|\w\.\w|/)|^\.\w|^[A-Za-z]+\d")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase at `text[start:end]` of one document, with the context that proposed it."""

    text: str
    start: int
    end: int
    context: str  # CUE, LIST or NAME


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int


def tech_shaped(word: str) -> bool:
    """`C++`, `C#`, `.NET`, `Node.js`, `PySpark`, `SQL`, `EC2`, `CI/CD`: not an ordinary word."""
    return bool(_SYMBOL.search(word) or _CAMEL.search(word) or (_CAPS.match(word) and len(word) > 1))


def is_name(word: str) -> bool:
    """A capitalised or tech-shaped word (`Tableau`, `SQL`; not `scikit-learn`)."""
    return word[:1].isupper() or tech_shaped(word)


def distinctive(phrase: str) -> bool:
    """A name no dictionary has: each word capitalised or tech-shaped, one of them tech-shaped or
    not an English word (`Sitecore`, `J2EE`, `Google Tag Manager`; not `London`, `Female`)."""
    words = phrase.split(" ")
    return all(map(is_name, words)) and any(tech_shaped(w) or w.lower() not in english_words() for w in words)


def candidates(clauses: list[Clause]) -> Iterator[Candidate]:
    """Candidate skill phrases of a document's `clauses`, strongest context first for each span.

    A short label with a cue ("Skills:", "Nice to have:") cues the short clauses after it.
    """
    seen: set[tuple[int, int]] = set()
    cued = False
    for clause in clauses:
        for cand in _clause_candidates(clause.words, cued):
            if (cand.start, cand.end) not in seen:
                seen.add((cand.start, cand.end))
                yield cand
        words = [w.text.lower() for w in clause.words if w is not None]
        if clause.label:
            cued = len(words) <= MAX_WORDS and not _LABEL_CUES.isdisjoint(words)
        elif len(words) > 2 * MAX_WORDS:
            cued = False


@dataclass(slots=True)
class Clause:
    words: list[Word | None]  # None where an item separator stands
    label: bool = False  # ends with a colon


def clauses(doc: Doc) -> list[Clause]:
    """The clauses of `doc`."""
    out: list[Clause] = []
    clause: list[Word | None] = []
    strings = doc.vocab.strings
    rows = [(strings[o], i, s, w) for o, i, s, w in doc.to_array([ORTH, IDX, SPACY, IS_SPACE]).tolist()]
    text_of = doc.text
    glue = False
    for n, (text, idx, space, is_space) in enumerate(rows):
        if is_space:
            if "\n" in text and clause:
                out.append(Clause(clause))
                clause = []
            glue = False
        elif glue:
            clause[-1].text += text
            clause[-1].end = idx + len(text)
            glue = False
        elif text in ("-", "/") and not space and clause and clause[-1] is not None and idx == clause[-1].end \
                and n + 1 < len(rows) and (text == "-" or _slash_word(clause[-1].text, rows[n + 1][0])):
            clause[-1].text += text
            clause[-1].end += 1
            glue = True
        elif text in _CLAUSE_END or (text == "-" and space):
            if clause:
                out.append(Clause(clause, text == ":"))
            clause = []
        elif text.lower() in _ITEM_SEP or not _LETTER.search(text) and not text[:1].isdigit():
            if clause and clause[-1] is not None:
                clause.append(None)
        else:
            if text[0] == "." and idx and text_of[idx - 1] not in " \t\n(":  # "...).Reporting"
                text, idx = text[1:], idx + 1
            for i, (part, start) in enumerate(_unglue(text, idx)):
                if i and clause:
                    out.append(Clause(clause))
                    clause = []
                clause.append(Word(part, start, start + len(part)))
    if clause:
        out.append(Clause(clause))
    return out


def _unglue(text: str, start: int) -> list[tuple[str, int]]:
    """Parts of a word that a lost line break glued together: `technology.Compass`, `ScienceAt`."""
    parts, pos = [], 0
    for m in _GLUE.finditer(text):
        right = text[m.end():]
        if m.group() == "" and right[:1].isupper() and not _glued_words(text[pos:m.start()], right):
            continue
        parts.append((text[pos:m.start()], start + pos))
        pos = m.end()
    parts.append((text[pos:], start + pos))
    return [(p, s) for p, s in parts if p]


def _glued_words(left: str, right: str) -> bool:
    """`learningAt`, `experienceRequirements` (two words), not `JavaScript` or `TensorFlow` (a name)."""
    right, left = right.lower(), left.lower()
    return right in STOP_WORDS or (left in english_words() and right in english_words())


def _slash_word(left: str, right: str) -> bool:
    """`A/B`, `CI/CD`, `TCP/IP`, `PL/SQL` are one word; `Python/R` and `and/or` are two."""
    return (len(left) <= 2 and len(right) <= 2 and left.isalpha() and right.isalpha()) or bool(
        _CAPS.match(left) and _CAPS.match(right))


def _items(clause: list[Word | None]) -> list[list[Word]]:
    items: list[list[Word]] = [[]]
    for word in clause:
        if word is None:
            if items[-1]:
                items.append([])
        else:
            items[-1].append(word)
    return [i for i in items if i]


def _clause_candidates(clause: list[Word | None], cued_before: bool) -> Iterator[Candidate]:
    items = _items(clause)
    cleaned = [_trim(item) for item in items]
    cleaned = _spread_heads(cleaned)
    short = [c for c in cleaned if c and len(c) <= MAX_WORDS]
    named = sum(1 for c in short if any(is_name(w.text) for w in c))
    is_list = len(short) >= 3 and named * 2 >= len(short) and len(short) * 2 > len(items)
    traits = sum(1 for c in short if len(c) == 1 and _adjective(c[0].text))
    is_traits = len(short) >= 3 and traits * 2 >= len(short) and len(short) * 2 > len(items)  # "proactive, curious"
    is_list = is_list or is_traits
    cue_at = next((w.start for w in clause if w is not None and w.text.lower() in _CLAUSE_CUES), None)
    verbs = False  # "ability to collect, organize and disseminate information": all verbs
    for item, words in zip(items, cleaned):
        cued = cued_before or cue_at is not None
        if words and len(words) <= MAX_WORDS and (cued or is_list) and _acceptable(words, is_traits) and not (
                verbs and words[0].text.islower()):
            yield _candidate(words, CUE if cued else LIST)
        verbs = verbs or _infinitive(words)
        if cued:
            for phrase in _later_phrases(item, words):
                if len(phrase) <= MAX_WORDS and _acceptable(phrase):
                    yield _candidate(phrase, CUE)
    for run in _name_runs(clause):
        if _acceptable(run):
            yield _candidate(run, NAME)


def _trim(item: list[Word]) -> list[Word] | None:
    """The item without wrapping words, cut at the first stop word after its start.

    After "ability to", "able to" and the like, the item is a verb phrase ("work independently",
    "work under pressure"); one lone verb ("ability to collaborate") is None. "exposure to
    Python" keeps Python.
    """
    words = list(item)
    cut = max((i for i, w in enumerate(words) if _cues_what_follows(words, i)), default=None)
    if cut is not None and any(w.text.lower() not in _WRAPPERS for w in words[cut + 1:]):
        words = words[cut + 1:]  # "we need someone with experience in NodeJS"
    before = item[len(item) - len(words) - 1] if len(words) < len(item) else None
    while words and words[0].text.lower() in _LEADING_WRAPPERS:
        if _working_how(words):
            return _verb_phrase(words)
        word = words.pop(0)
        if word.text.lower() == "to" and words and not is_name(words[0].text) and before is not None \
                and before.text.lower() in _INFINITIVE_CUES:
            return _verb_phrase(words) or _lone_verb(before, word, words)
        before = word
    return _noun_phrase(words)


def _working_how(words: list[Word]) -> bool:
    """`working independently`, `work under pressure`: a verb phrase, not a wrapped noun."""
    return len(words) > 1 and words[0].text.lower() in ("work", "working") and (
        words[1].text.lower().endswith("ly") or words[1].text.lower() == "under")


def _lone_verb(cue: Word, to: Word, words: list[Word]) -> list[Word] | None:
    """`ability to coordinate`, `willingness to learn` whole: a lone verb names no skill by itself."""
    verb = words[0].text
    if len(words) == 1 and verb.isalpha() and verb.islower() and verb not in _WRAPPERS:
        return [cue, to, words[0]]
    return None


def _infinitive(words: list[Word] | None) -> bool:
    """True for None (a verb) and for `ability to <verb>`."""
    return words is None or len(words) == 3 and words[1].text.lower() == "to"


def _cues_what_follows(words: list[Word], i: int) -> bool:
    """A cue word; one that also heads compounds ("software development") only before a name."""
    word = words[i].text.lower()
    if word in _NOUN_CUES:
        return i + 1 < len(words) and is_name(words[i + 1].text)
    return word in _CLAUSE_CUES


def _noun_phrase(words: list[Word]) -> list[Word]:
    """`words` up to the first stop word, without wrapping words at the end; [] when nothing is left."""
    for i, w in enumerate(words):
        if w.text.lower() in STOP_WORDS:
            words = words[:i]
            break
    while words and _adverb(words[-1].text):
        words = words[:-1]  # "each essential duty satisfactorily"
    while words and words[-1].text.lower() in _WRAPPERS and words[-1].text.lower() not in _HEAD_NOUNS:
        last = words[-1].text.lower()
        if len(words) == 2 and last in _KEPT_AFTER_ADJECTIVE and _adjective(words[0].text):
            break  # "analytical skills", "fast-paced environment"
        if len(words) >= 2 and last in GENERIC_HEADS and words[-2].text.islower() and \
                words[-2].text.lower() not in _WRAPPERS:
            break  # "operating systems", "writing skills": grouped with "writing" by `group_key`
        words.pop()
    if not words or any(w.text[:1].isdigit() or not _LETTER.search(w.text) for w in words):
        return []
    return words


def _adverb(word: str) -> bool:
    """`successfully`, `satisfactorily`; not `supply` or `anomaly`."""
    if not (word.islower() and word.endswith("ly") and len(word) > 5):
        return False
    stem = word[:-3] + "y" if word.endswith("ily") else word[:-2]
    return stem in english_words()


def _verb_phrase(words: list[Word]) -> list[Word] | None:
    """A verb and up to two more words, a preposition allowed after the verb ("work under
    pressure", "meet deadlines"); None for a lone verb."""
    phrase = words[:1]
    for w in words[1:MAX_VERB_WORDS]:
        lower = w.text.lower()
        if lower in STOP_WORDS and not (len(phrase) == 1 and lower in _PREPOSITIONS):
            break
        phrase.append(w)
    while len(phrase) > 1 and phrase[-1].text.lower() in STOP_WORDS:
        phrase.pop()
    if len(phrase) < 2 or any(not w.text.isalpha() for w in phrase) or phrase[-1].text.lower() in _NOT_SKILL_HEADS:
        return None
    return phrase


def _later_phrases(item: list[Word], first: list[Word] | None) -> Iterator[list[Word]]:
    """Noun phrases of two or more words after the first one of a cued item: "experience as an
    analyst in a fast-paced environment" -> "fast-paced environment"."""
    end = first[-1].end if first else 0
    run: list[Word] = []
    for w in [w for w in item if w.start >= end] + [None]:
        if w is not None and w.text.lower() not in STOP_WORDS:
            run.append(w)
            continue
        phrase = _noun_phrase(_without_leading_wrappers(run))
        if len(phrase) >= 2:
            yield phrase
        run = []


def _without_leading_wrappers(words: list[Word]) -> list[Word]:
    i = 0
    while i < len(words) and words[i].text.lower() in _LEADING_WRAPPERS:
        i += 1
    return words[i:]


def _spread_heads(items: list[list[Word] | None]) -> list[list[Word] | None]:
    """`written`, `verbal communication` -> `written communication`, `verbal communication`;
    `quantitative`, `analytical`, `statistical skills` -> each `... skills`."""
    out = list(items)
    for i in range(len(out) - 2, -1, -1):
        one, nxt = out[i], out[i + 1]
        head = " ".join(w.text for w in nxt).split(" ")[1:] if nxt else []
        if one and head and len(one) == 1 and all(_ADJECTIVE.match(w[0].text.split(" ")[0]) for w in (one, nxt)):
            out[i] = [Word(f"{one[0].text} {' '.join(head)}", one[0].start, one[0].end)]
    return out


def _adjective(word: str) -> bool:
    """`analytical`, `proactive`, `detail-oriented`, `self-motivated` (by their endings)."""
    return bool(_ADJECTIVE.match(word.lower().replace("-", "")))


def _acceptable(words: list[Word], adjectives: bool = False) -> bool:
    """False for a lone adjective or adverb (unless `adjectives`), a job title, a degree, a single
    lowercase letter."""
    lower = [w.text.lower() for w in words]
    if len(lower) == 1 and (_ADJECTIVE.match(lower[0]) and not adjectives and (
            words[0].text.islower() or lower[0] in english_words())
                            or len(lower[0]) == 1 and words[0].text.islower()):
        return False
    if lower[-1] in _NOT_SKILL_HEADS or " ".join(lower[-2:]) in _NOT_SKILL_HEADS or lower[0] in _TASK_VERBS:
        return False
    return not any(w in _DEGREES for w in lower)


def _name_runs(clause: list[Word | None]) -> Iterator[list[Word]]:
    """Runs of capitalised words not at the start of the clause, and tech-shaped words."""
    run: list[Word] = []
    for i, word in enumerate(clause + [None]):
        ok = word is not None and is_name(word.text) and word.text.lower() not in _WRAPPERS
        if ok and (i > 0 or tech_shaped(word.text)) and len(run) < MAX_WORDS:
            run.append(word)
            continue
        if run:
            yield run
        run = [word] if ok and i > 0 else []


def _candidate(words: list[Word], context: str) -> Candidate:
    return Candidate(" ".join(w.text for w in words), words[0].start, words[-1].end, context)
