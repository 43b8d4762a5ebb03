"""Split resumes and job postings into sections from their headings.

A heading is a short line (at most eight words) that ends with a colon, is in capitals, or has
no sentence punctuation, and whose words name a known section: "EXPERIENCE", "Work history:",
"• Skills", "What you'll bring", "Nice to have". A label followed by content on the same line
("Skills: Python, SQL") opens the section too, except for a resume's minor sections
("Languages: Python, SQL" is a list of skills). Text before the first heading is "summary"
(resumes) or "intro" (postings).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .tokenizer import GLUED_SENTENCE

_SENTENCE_END = re.compile(rf"(?<=[.;!?])(?:\s+(?=\S)|(?={GLUED_SENTENCE}))")  # also "Python.Familiar with"
_ITEM_START = re.compile(r"[-•*·–▪●◦○■◆‣⁃➢]|\d+[.)]\s")  # a bullet or a numbered item
_WRAP_MIN = 40  # shorter lines without end punctuation are headings or list items, not prose
_JOINING_END = re.compile(r"(?:\b(?:or|and|with|of|in|to|the|a|an|for|on|at|as|by|from|some|any|using|like|"
                          r"including|via|than|into|our|your|their|its)|,)$", re.IGNORECASE)
_HEADING_MAX_WORDS = 8
_TITLE_MAX_WORDS = 12
# a title is a noun phrase: words like these make the first line a sentence instead
_PROSE_WORD = re.compile(r"\b(?:the|to|with|using|in|our|we|we're|you|your|is|are|will|build|join|looking)\b",
                         re.IGNORECASE)
_ROLE_WORD = re.compile(
    r"\b(?:engineer|developer|analyst|scientist|manager|administrator|admin|designer|specialist|consultant|"
    r"architect|writer|accountant|nurse|informaticist|programmer|technician|coordinator|director|officer|lead|"
    r"intern|associate|representative|executive|controller|auditor|tester|researcher|strategist)s?\b", re.IGNORECASE)
_LABEL = re.compile(r"^[\W\d_]*([A-Za-z][\w&/' -]{1,60}?)\s*[:|–—]\s*\S")  # "Skills: Python, SQL"

_RESUME = [
    ("summary", r"(professional |career |executive )?(summary|profile|objective)|about me|overview|introduction"),
    ("skills", r"((core|key|technical|technology|professional|relevant|it|computer|hard|soft|additional)\s+)*"
               r"(skills?|competenc(y|ies)|proficienc(y|ies)|expertise|technologies|tools|tech stack|toolbox|"
               r"strengths)(\s+(&|and)\s+\w+)*|skills? summary|areas of expertise|qualifications summary|"
               r"summary of qualifications|highlights"),
    ("experience", r"((professional|work|relevant|employment|career|industry|selected)\s+)*"
                   r"(experience|history|employment|background)|positions? held|career|"
                   r"(teaching|research|clinical|military|leadership|internship|consulting|freelance|technical|"
                   r"volunteer|additional|other|related|sales|management|it|engineering|software|nursing)"
                   r"\s+experience"),
    ("education", r"education(al background)?|academic (background|qualifications|history)|degrees?|"
                  r"education (&|and) (training|certifications?)"),
    ("projects", r"((personal|selected|key|academic|side|open[- ]source)\s+)?projects?|portfolio"),
    ("certifications", r"certifications?|licen[cs]es?( (&|and) certifications?)?|certificates?|"
                       r"courses?|training|credentials|certifications? (&|and) training"),
    ("other", r"awards?|honou?rs|publications?|interests|hobbies|languages|references|volunteer(ing)?|"
              r"activities|affiliations|memberships?|achievements|additional( information)?|other|misc(ellaneous)?|contact"),
]
_POSTING = [
    ("about", r"about (?!you\b|the (role|job|position|team|opportunity)\b|this (role|job|position)\b)"
              r"[\w&.,' -]+|who we are|our (company|mission|story|culture|team|values)|"
              r"company (overview|description)|the company|why (join|work)( \w+)*"),
    ("benefits", r"(benefits|perks)( (&|and) (benefits|perks))?|what we offer|we offer|(compensation|salary|pay)( (&|and) benefits)?|"
                 r"what's in it for you|why you'll love \w+"),
    ("other", r"equal (employment )?opportunity|eeo|how to apply|location|schedule|job type|"
              r"(\w+ )*career (outlook|paths?|prospects|progression)|job outlook|conclusion|leave a reply"),
    ("preferred", r"(\w+ )*(nice[- ]to[- ]haves?|preferred|desired|desirable|bonus|a plus|good[- ]to[- ]have|"
                  r"pluses|extra credit|ideally)( \w+)*"),
    ("requirements", r"((minimum|basic|required|key|essential)\s+)?(requirements?|qualifications|required|"
                     r"must[- ]haves?|skills( (&|and) experience)?|experience)|"
                     r"what (you('ll| will)?|we're|we are) (need|bring|have|looking for|need to succeed)|"
                     r"you (have|bring|are|should have)|about you|who you are|your (profile|background|skills)|"
                     r"the ideal candidate|(skills|qualifications) (&|and) (experience|qualifications)"),
    ("responsibilities", r"(key |main |your |job |primary )?(responsibilities|duties|tasks)|"
                         r"what you('ll| will) (do|be doing|work on)|the role|about the (role|job|position|team)|"
                         r"(role|job|position) (description|overview|summary)|day[- ]to[- ]day|in this role|"
                         r"your (role|impact|mission)|the opportunity"),
]


def _compile(table: list[tuple[str, str]]) -> re.Pattern:
    """One pattern for a table: a group per kind, tried in the table's order."""
    return re.compile("|".join(f"(?P<{kind}>{words})" for kind, words in table), re.IGNORECASE)


KINDS = {"resume": _compile(_RESUME), "posting": _compile(_POSTING)}
_EDGES = re.compile(r"^[\W\d_]+|[\W_]+$")
_PUNCT = re.compile(r"[.,;!?]")
_COPULA = re.compile(r"\b(?:is|are)\b", re.IGNORECASE)  # "- Python is a plus" is an item, not a heading


@dataclass(frozen=True)
class Section:
    """A part of a document: its kind, the heading as written, and its character span."""

    kind: str
    heading: str
    start: int
    end: int


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every sentence: a line, or a prose line wrapped onto the
    next ones, cut after sentence punctuation."""
    spans, start, pos = [], 0, 0
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        pos += len(line)
        if i + 1 < len(lines) and _wraps(line, lines[i + 1]):
            continue
        for cut in _SENTENCE_END.finditer(text, start, pos):
            spans.append((start, cut.start()))
            start = cut.end()
        spans.append((start, pos))
        start = pos
    return spans


def _wraps(line: str, following: str) -> bool:
    """True when `line` goes on in `following`: a sentence broken across lines ("...with
    Amplitude or" / "Mixpanel would be nice"; a long prose line, then one in lower case)."""
    line, following = line.strip(), following.strip()
    if not line or not following or line[-1] in ".!?;:" or _ITEM_START.match(following):
        return False
    return bool(_JOINING_END.search(line, max(0, len(line) - 12))) or (len(line) >= _WRAP_MIN and following[0].islower())


def title_span(text: str) -> tuple[int, int] | None:
    """(start, end) of a posting's title line ("Data Engineer (Python, AWS)"): a short first line
    naming a role, followed by more text. Skill words in it name the role, not a requirement."""
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0]
    if (line == stripped or len(line.split()) > _TITLE_MAX_WORDS or line.rstrip()[-1:] in tuple(".!?")
            or _ITEM_START.match(line) or _PROSE_WORD.search(line) or not _ROLE_WORD.search(line)
            or heading_kind(line, "posting")):
        return None
    start = len(text) - len(stripped)
    return start, start + len(line)


def heading_kind(line: str, document: str) -> tuple[str, str] | None:
    """`(kind, heading)` when `line` opens a section of a `document` ("resume" or "posting")."""
    line = line.strip()
    if not line:
        return None
    label, inline = line, False
    if line.count(" ") >= _HEADING_MAX_WORDS or not (line.endswith(":") or line.isupper() or not _PUNCT.search(line)):
        head = line[:64]
        hit = _LABEL.match(line) if ":" in head or "|" in head or "–" in head or "—" in head else None
        if not hit:
            return None
        label, inline = hit.group(1), True
    label = _EDGES.sub("", label)
    if not inline and not line.endswith(":") and _COPULA.search(label):
        return None
    hit = KINDS[document].fullmatch(label) if len(label) <= 60 else None
    if hit is None:
        return None
    # "Languages: Python, SQL" inside a resume's skills is a list, not a new section
    return None if inline and hit.lastgroup == "other" and document == "resume" else (hit.lastgroup, label)


def sections(text: str, document: str = "resume") -> list[Section]:
    """The sections of `text`, in order, covering it from start to end."""
    first = "summary" if document == "resume" else "intro"
    out = [Section(first, "", 0, len(text))]
    pos = 0
    for line in text.splitlines(keepends=True):
        found = heading_kind(line, document)
        if found:
            out[-1] = Section(out[-1].kind, out[-1].heading, out[-1].start, pos)
            out.append(Section(*found, pos, len(text)))
        pos += len(line)
    return [s for s in out if s.end > s.start or s is out[-1]]


class SectionIndex:
    """`index(offset)` -> the `Section` containing a character offset."""

    def __init__(self, found: list[Section]):
        self.sections = found
        self._starts = [s.start for s in found]

    def __call__(self, offset: int) -> Section:
        return self.sections[max(0, bisect_right(self._starts, offset) - 1)]
