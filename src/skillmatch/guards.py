"""Evidence rules for ambiguous skill names (`Go`, `R`, `Excel`, `Spark` ...).

An ambiguous form is accepted when a context word is near it, or when it sits in a list of
other skills; it is rejected when glued to a hyphen or followed by a betraying word.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

CONTEXT_WINDOW = 8
LIST_GAP = 3
LIST_SEPARATORS = frozenset({",", "/", "|", ";", "•", "·", "and", "&", "or", "(", ")", "+", "*", ":", "-", "–", "▪", "●", "◦", "○", "■", "◆", "‣", "⁃"})


# Words that introduce a skill claim: "experience in X", "knowledge of X", "skilled in X".
CUE_WINDOW = 4
CUE_WORDS = frozenset({
    "skills", "skill", "skilled", "knowledge", "knowledgeable", "experience", "experienced", "proficient",
    "proficiency", "expertise", "expert", "familiar", "familiarity", "background", "competent",
    "competence", "competencies", "competency", "understanding", "trained", "training", "strong",
    "excellent", "good", "solid", "advanced", "hands", "abilities", "ability", "specialized",
    "specialised", "specializing", "specialising", "focus", "certified", "strengths", "areas",
    "demonstrated", "proven", "exposure", "fluent", "fluency", "capabilities", "qualities",
})


@dataclass
class Candidate:
    """A possible skill mention over tokens `[start, end)` before overlaps are resolved."""

    start: int
    end: int
    skill_id: str
    method: str
    score: float
    guarded: bool = False  # an ambiguous name: needs a context word or a list
    weak: bool = False  # a generic single word: needs a list, a cue or a context word


def glued_to_hyphen(doc: Doc, start: int, end: int) -> bool:
    """True for `Go-to-market`, `R-squared`, `C-level`: part of a hyphenated word."""
    if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return True
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_


def followed_by(doc: Doc, end: int, words: frozenset[str]) -> bool:
    """True when the next non-space token is one of `words` (lowercase)."""
    for token in doc[end : end + 3]:
        if not token.is_space:
            return token.lower_ in words
    return False


def has_context(doc: Doc, start: int, end: int, words: frozenset[str]) -> bool:
    """True when a context word occurs within `CONTEXT_WINDOW` tokens of the mention."""
    lo, hi = max(0, start - CONTEXT_WINDOW), min(len(doc), end + CONTEXT_WINDOW)
    return any(doc[i].lower_ in words for i in range(lo, hi) if not start <= i < end)


def in_list(doc: Doc, cand: Candidate, accepted: list[Candidate]) -> bool:
    """True when another accepted skill is a list neighbour: only separators between them."""
    for other in accepted:
        if other is cand:
            continue
        if other.end <= cand.start:
            gap = range(other.end, cand.start)
        elif cand.end <= other.start:
            gap = range(cand.end, other.start)
        else:
            continue
        if len(gap) <= LIST_GAP and _separates([doc[i] for i in gap]):
            return True
    return False


def _separates(tokens) -> bool:
    """Only list punctuation in the gap; a line break counts only beside a bullet or comma."""
    marks = [t for t in tokens if not t.is_space]
    if any(t.lower_ not in LIST_SEPARATORS for t in marks):
        return False
    breaks = any("\n" in t.text for t in tokens if t.is_space)
    return bool(marks) or not breaks


def has_cue(doc: Doc, start: int, words: frozenset[str] = CUE_WORDS) -> bool:
    """True when a skill cue (`experience in`, `knowledge of`, `Skills:`) shortly precedes `start`."""
    i = start - 1
    seen = 0
    while i >= 0 and seen < CUE_WINDOW:
        token = doc[i]
        if "\n" in token.text:
            break
        if not token.is_space:
            if token.lower_ in words:
                return True
            seen += 1
        i -= 1
    return False


# A generic skill word that names a job, an employer, a degree or a field label is not a claim
# of the skill: "Sales Manager", "Design Technologies Inc", "BSc in Computer Science", "Databases:".
TITLE_WORDS = frozenset({
    "engineer", "engineers", "developer", "developers", "manager", "managers", "analyst", "analysts",
    "consultant", "consultants", "specialist", "specialists", "architect", "administrator", "lead",
    "intern", "internship", "teacher", "teachers", "assistant", "aide", "director", "officer",
    "coordinator", "executive", "executives", "representative", "associate", "technician", "designer",
    "tester", "programmer", "scientist", "trainer", "instructor", "professor", "supervisor", "head",
    "heads", "department", "dept", "team", "center", "centre", "institute", "university", "college",
    "school", "academy", "inc", "ltd", "llc", "corp", "corporation", "company", "technologies",
    "solutions", "services", "group", "division", "clerk", "agent", "advisor", "counselor", "nurse",
    "worker", "operator", "major", "minor", "degree", "diploma", "certificate", "course", "courses",
    "tool", "tools", "teaching", "experience",
})
DEGREE_WORDS = frozenset({
    "bachelor", "bachelors", "bachelor's", "bachelor’s", "master", "masters", "master's", "master’s",
    "degree", "diploma", "b.tech", "btech", "b.e", "b.sc", "bsc", "m.sc", "msc", "m.tech", "mtech", "mba",
    "b.s", "m.s", "b.a", "m.a", "ph.d", "phd", "bs", "ba", "ms", "ma", "be", "me", "bca", "mca", "hnc", "hnd",
    "associate's", "major", "majored", "graduated", "graduate", "undergraduate", "postgraduate",
    "doctorate", "b.com", "bcom", "m.com", "ssc", "hsc", "cbse", "gpa",
})


def not_a_claim(doc: Doc, start: int, end: int) -> bool:
    """True when the mention is part of a title, employer, degree or a field label."""
    nxt = _next_word(doc, end)
    if nxt is not None and (nxt.text == ":" or nxt.lower_ in TITLE_WORDS):
        return True
    lo = start
    while lo > 0 and "\n" not in doc[lo - 1].text and start - lo < 10:
        lo -= 1
        if doc[lo].lower_.rstrip(".") in DEGREE_WORDS:
            return True
    return False


def _next_word(doc: Doc, end: int):
    for token in doc[end : end + 2]:
        if "\n" in token.text:
            return None
        if not token.is_space:
            return token
    return None
