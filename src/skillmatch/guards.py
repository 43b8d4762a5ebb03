"""Evidence rules: when does a matched word really claim a skill?

- Ambiguous names (`Go`, `R`, `Excel`, `Spark`) need a context word nearby or a list of other
  skills around them, and are rejected when glued to a hyphen (`Go-to-market`) or followed by a
  betraying word (`Excel at`).
- Generic single words of knowledge, soft-skill and method skills (`management`, `research`)
  need a list, a skill cue (`experience in`, `Skills:`) or a context word.
- Generic skills that name a job, employer, degree or field label (`Sales Manager`,
  `BSc in Computer Science`, `Databases:`) are not claims of the skill.

The rules work on a `DocView`: integer arrays taken from the `Doc` in one call, so that checking
a candidate costs a few set lookups and never creates `Token` objects.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc

from .phrases import KeySet

CONTEXT_WINDOW = 8
CUE_WINDOW = 4
LIST_GAP = 3
LIST_SEPARATORS = ("/", "|", ";", "•", "·", "and", "&", "or", "(", ")", "+", "*", ":", "-", "–", ",",
                   "▪", "●", "◦", "○", "■", "◆", "‣", "⁃", "➢", "", "", "")
# Words that introduce a skill claim: "experience in X", "knowledge of X", "Skills: X".
CUE_WORDS = (
    "skills", "skill", "skilled", "knowledge", "knowledgeable", "experience", "experienced", "proficient",
    "proficiency", "expertise", "expert", "familiar", "familiarity", "background", "competent",
    "competence", "competencies", "competency", "understanding", "trained", "training", "strong",
    "excellent", "good", "solid", "advanced", "hands", "abilities", "ability", "specialized",
    "specialised", "specializing", "specialising", "focus", "certified", "strengths", "areas",
    "demonstrated", "proven", "exposure", "fluent", "fluency", "capabilities", "qualities",
    "clear", "effective", "verbal", "written", "oral",
)
# Followed by a colon, these label a list of skills ("Tools: Excel, Access", "Tech stack: Go").
LABEL_WORDS = ("tools", "technologies", "technology", "stack", "software", "platforms", "frameworks",
               "languages", "databases", "environment", "environments", "applications", "libraries",
               "packages", "requirements", "qualifications", "proficiencies", "competencies")
# Right before an ambiguous name, these make it a skill being learned ("Learning Rust", "studying Go").
LEARNING_WORDS = ("learning", "learn", "learnt", "learned", "studying")
# Weaker cues, enough for a generic word (`5 years of accounting`) but not for a name that is also
# an English word (`10 years in retail, Windows cleaning`).
WEAK_CUE_WORDS = ("years", "yrs", "includes", "including", "such")
# A generic skill word followed by one of these names a job, an employer or a field label.
TITLE_WORDS = (
    "engineer", "engineers", "developer", "developers", "manager", "managers", "analyst", "analysts",
    "consultant", "consultants", "specialist", "specialists", "architect", "administrator", "lead",
    "intern", "internship", "teacher", "teachers", "assistant", "aide", "director", "officer",
    "coordinator", "executive", "executives", "representative", "associate", "technician", "designer",
    "tester", "programmer", "scientist", "trainer", "instructor", "professor", "supervisor", "head",
    "heads", "department", "departments", "dept", "team", "teams", "staff", "center", "centre", "institute", "university", "college",
    "school", "academy", "inc", "ltd", "llc", "corp", "corporation", "company", "technologies",
    "solutions", "services", "group", "division", "clerk", "agent", "advisor", "counselor", "nurse",
    "worker", "operator", "major", "minor", "degree", "diploma", "certificate",
    "tool", "tools", "teaching",
)
# Right after a generic skill word, these make it the field of an organisation, a group or an
# event ("the IT industry", "a marketing firm", "Computer Science graduate").
FIELD_OF_WORDS = ("industry", "industries", "sector", "firm", "firms", "association", "associations", "society",
                  "conference", "conferences", "graduate", "graduates", "postgraduate", "undergraduate", "faculty",
                  "club", "committee", "council", "journal", "agency", "agencies")
# Right after any skill name, these make it part of an organisation's name ("Oracle Corporation",
# "Cisco Systems Inc", "Oracle University"): an employer or a school, not a claim.
ORG_SUFFIXES = ("inc", "ltd", "llc", "corp", "corporation", "pvt", "gmbh", "plc", "university", "institute",
                "academy", "foundation")
# Before "at" or "@", these make the skill after it an employer ("Engineer at Oracle", "worked at SAP").
EMPLOYED_WORDS = ("worked", "work", "working", "works", "employed", "interned", "internship", "joined", "job",
                  "position", "role", "career", "stint", "tenure", "years", "experience")
# Skills that are also employers' names: on a role line, beside a job title and a separator, they
# name the employer ("Data Engineer, Oracle, 2019 – 2022", "Salesforce | Account Executive").
EMPLOYER_NAMES = ("oracle", "salesforce", "sap", "ibm", "cisco", "adobe", "microsoft", "google", "amazon",
                  "workday", "servicenow", "atlassian", "snowflake", "databricks", "tableau", "twitter",
                  "facebook", "linkedin", "intel", "nvidia", "vmware", "palantir", "splunk", "informatica", "shopify",
                  "hubspot", "zendesk", "twilio", "stripe", "github", "gitlab", "mongodb", "datadog", "okta",
                  "cloudflare", "autodesk", "unity", "figma")
ROLE_LINE_SEPARATORS = (",", "|", "-", "–", "—", "@", "·")
MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
               "january", "february", "march", "april", "june", "july", "august", "september", "october",
               "november", "december", "present", "current", "summer", "spring", "fall", "autumn", "winter")
# Before "of"/"for", these make the skill word after them part of a title or an organisation's name
# ("Head of Information Technology", "School of Computer Science", "Center for Public Health").
ORG_OF_WORDS = (
    "head", "director", "manager", "officer", "professor", "lecturer", "teacher", "instructor", "dean",
    "chair", "vp", "president", "coordinator", "school", "college", "university", "institute", "department",
    "dept", "faculty", "office", "center", "centre", "division", "ministry", "bureau", "board", "association",
    "society", "academy", "council", "committee", "journal", "bachelor", "master", "doctor",
)
# After a generic skill word that starts its line, these make it a heading ("Sales Experience").
HEADING_WORDS = ("experience", "experiences")
HEADING_MAX_WORDS = 5  # words in a heading such as "Sales and Marketing Experience"
NAME_LINE_MAX_TOKENS = 8  # tokens of a first line read as a person's name ("Mary Ann Go-Smith")
BULLETS = ("-", "*", "•", "·", "–", "▪", "●", "◦", "○", "■", "◆", "‣", "⁃", "➢", "", "", "")
# "Go is a plus", "Apex is required": a word followed by these names a skill a posting asks for.
DEMAND_WORDS = ("plus", "required", "preferred", "bonus", "must", "essential", "mandatory", "desirable",
                "advantage", "nice", "needed")
# Between a plain skill and an ambiguous one, these make them alternatives ("Python or Go for").
ALTERNATIVE_WORDS = ("or", "/")
# The only words after such an alternative that no longer betray plain English ("Go for tooling").
FUNCTION_WORDS = ("to", "for", "with", "in", "on", "at", "of", "into", "from", "by", "as")
# Between a degree word and a skill word, these end the degree's field ("MS Project, budgeting").
ITEM_BREAKS = (",", ";", "|", "•", "·")
# Earlier on the same line, these make a generic skill word the field of a degree.
DEGREE_WORDS = (
    "bachelor", "bachelors", "bachelor's", "bachelor’s", "master", "masters", "master's", "master’s",
    "degree", "diploma", "b.tech", "btech", "b.e", "b.sc", "bsc", "m.sc", "msc", "m.tech", "mtech", "mba",
    "b.s", "m.s", "b.a", "m.a", "ph.d", "phd", "bs", "ba", "ms", "ma", "bca", "mca", "hnc", "hnd",
    "associate's", "major", "majored", "graduated", "undergraduate", "postgraduate", "doctorate",
    "b.com", "bcom", "m.com", "ssc", "hsc", "cbse", "gpa", "m.e", "b.eng", "beng", "m.eng", "meng", "bba",
    "b.ed", "m.ed", "msw", "llb", "concentration",
)
# Degree abbreviations that are English words in lower case ("be", "me"): matched as written.
DEGREE_CASED = ("BE", "ME")


def hashes(strings: StringStore, words) -> frozenset[int]:
    """The string-store hashes of lowercase `words`."""
    return frozenset(strings.add(w.lower()) for w in words)


@dataclass(slots=True)
class Candidate:
    """A possible skill mention over tokens `[start, end)` before overlaps are resolved."""

    start: int
    end: int
    skill_id: str
    method: str
    score: float
    guarded: bool = False  # an ambiguous name: needs a context word or a list
    weak: bool = False  # a generic single word: needs a list, a cue or a context word


class Lexicon:
    """The hash sets the rules look words up in, made once per vocabulary."""

    def __init__(self, strings: StringStore):
        self.strings = strings
        self.separators = hashes(strings, LIST_SEPARATORS)
        self.cues = hashes(strings, CUE_WORDS)
        self.weak_cues = self.cues | hashes(strings, WEAK_CUE_WORDS)
        self.learning = hashes(strings, LEARNING_WORDS)
        self.labels = hashes(strings, LABEL_WORDS)
        self.function_words = hashes(strings, FUNCTION_WORDS)
        self.titles = hashes(strings, TITLE_WORDS)
        self.headings = hashes(strings, HEADING_WORDS)
        self.heading_keys = KeySet(self.headings)
        self.copulas = hashes(strings, ("is", "are"))
        self.bullets = hashes(strings, BULLETS)
        self.item_ends = hashes(strings, (".", ")"))
        self.demands = hashes(strings, DEMAND_WORDS)
        self.alternatives = hashes(strings, ALTERNATIVE_WORDS)
        self.cased_degrees = {strings.add(w.lower()): strings.add(w) for w in DEGREE_CASED}  # lower -> as written
        self.degrees = KeySet(hashes(strings, DEGREE_WORDS) | hashes(strings, (w + "." for w in DEGREE_WORDS))
                              | set(self.cased_degrees))
        self.hyphen = strings.add("-")
        self.colon = strings.add(":")
        self.open_paren = strings.add("(")
        self.item_breaks = hashes(strings, ITEM_BREAKS)
        self.degree_marks = hashes(strings, (",", "."))
        self.org_of = hashes(strings, ORG_OF_WORDS)
        self.field_of = hashes(strings, FIELD_OF_WORDS)
        self.org_suffixes = hashes(strings, ORG_SUFFIXES) | hashes(strings, (w + "." for w in ORG_SUFFIXES))
        self.employed = self.titles | hashes(strings, EMPLOYED_WORDS)
        self.at = hashes(strings, ("at", "@"))
        self.employers = hashes(strings, EMPLOYER_NAMES)
        self.role_separators = hashes(strings, ROLE_LINE_SEPARATORS)
        self.months = hashes(strings, MONTH_WORDS)
        self.of_for = hashes(strings, ("of", "for"))
        self.heading_joins = hashes(strings, ("and", "of", "in"))
        self._newlines: dict[int, int] = {}  # whitespace token hash -> line breaks it holds

    def line_breaks(self, lowers: list[int], space_at: list[int]) -> tuple[frozenset[int], frozenset[int]]:
        """Of the whitespace tokens at `space_at`: those holding a line break, and a blank line."""
        cache = self._newlines
        lines, paragraphs = [], []
        for i in space_at:
            count = cache.get(lowers[i])
            if count is None:
                count = cache[lowers[i]] = self.strings[lowers[i]].count("\n")
            if count:
                lines.append(i)
                if count > 1:
                    paragraphs.append(i)
        return frozenset(lines), frozenset(paragraphs)


class DocView:
    """A `Doc` as integer lists (lowercase hashes, is-whitespace) and arrays (lowercase and text
    hashes). Every column `Doc.to_array` reads is costly (spaCy takes the interpreter's lock per
    token), so what few tokens need (text, trailing space) is read from them one at a time."""

    def __init__(self, doc: Doc, lex: Lexicon):
        arr = doc.to_array([LOWER, IS_SPACE, ORTH]) if len(doc) else numpy.zeros((0, 3), "uint64")
        self.doc = doc
        self.lower_array = arr[:, 0]
        self.orth_array = arr[:, 2]
        self.lower: list[int] = arr[:, 0].tolist()
        self.space: list[int] = arr[:, 1].tolist()
        self.newline, barriers = lex.line_breaks(self.lower, numpy.flatnonzero(arr[:, 1]).tolist())
        self.lex = lex
        self.n = len(self.lower)
        # tokens phrases are matched over: words, with single line breaks skipped (PDF wraps)
        is_word = arr[:, 1] == 0
        # a line that starts with a bullet or dash starts a new item: no phrase runs into it
        bullets = [i for i in self.newline if i + 1 < self.n and self.lower[i + 1] in lex.separators]
        is_word[list(barriers) + bullets] = True
        self.words = numpy.flatnonzero(is_word)
        self.heading_at: list[int] = lex.heading_keys.positions(self.lower_array)  # `Experience`
        cased = lex.cased_degrees  # degree words (`BSc`, `Master's`; `BE` only as written)
        self.degree_at: list[int] = [i for i in lex.degrees.positions(self.lower_array)
                                     if self.lower[i] not in cased or self.orth_at(i) == cased[self.lower[i]]]

    def orth_at(self, i: int) -> int:
        """The `ORTH` hash of token `i` (read one at a time: few are ever needed)."""
        return int(self.orth_array[i])

    def trailing_space(self, i: int) -> bool:
        """True when a space follows token `i`."""
        return bool(self.doc[i].whitespace_)

    def text_at(self, i: int) -> str:
        """The text of token `i`, as written."""
        return self.lex.strings[int(self.orth_array[i])]

    def previous_word(self, start: int) -> int | None:
        """Index of the previous non-space token on the same line, or None."""
        i = start - 1
        while i >= 0 and i not in self.newline:
            if not self.space[i]:
                return i
            i -= 1
        return None

    def next_word(self, end: int) -> int | None:
        """Index of the next non-space token on the same line, or None."""
        i = end
        while i < self.n:
            if i in self.newline:
                return None
            if not self.space[i]:
                return i
            i += 1
        return None


def glued_to_hyphen(v: DocView, start: int, end: int) -> bool:
    """True for `Go-to-market`, `R-squared`, `C-level`: part of a hyphenated word."""
    h = v.lex.hyphen
    if start > 0 and v.lower[start - 1] == h and not v.trailing_space(start - 1):
        return True
    return end < v.n and v.lower[end] == h and not v.trailing_space(end - 1)


def followed_by(v: DocView, end: int, words: frozenset[int]) -> bool:
    """True when the next word on the line is one of `words` (hashes), or the first word of the
    next line when that goes on in lower case (a wrapped line: "Spss (Less" / "than 1 year)")."""
    i = v.next_word(end)
    if i is None:
        i = _wrapped_word(v, end)
    return i is not None and v.lower[i] in words


def _wrapped_word(v: DocView, end: int) -> int | None:
    """The first word of the next line when only one line break comes first and it is in lower case."""
    i, breaks = end, 0
    while i < v.n and v.space[i]:
        if i in v.newline:
            breaks += 1 + (v.lex.strings[v.lower[i]].count("\n") > 1)
        i += 1
    if breaks != 1 or i >= v.n:
        return None
    text = v.text_at(i)
    return i if text.islower() and text.isalpha() else None


def has_context(v: DocView, start: int, end: int, words: frozenset[int]) -> bool:
    """True when a context word occurs within `CONTEXT_WINDOW` tokens of the mention."""
    if not words:
        return False
    lower = v.lower
    lo, hi = max(0, start - CONTEXT_WINDOW), min(v.n, end + CONTEXT_WINDOW)
    return any(lower[i] in words for i in range(lo, start)) or any(lower[i] in words for i in range(end, hi))


def on_name_line(v: DocView, end: int) -> bool:
    """True within a short first line of capitalised words followed by more lines ("Gina Go"): a
    person's name, where a context word on the next line ("Backend Engineer") is no evidence."""
    first = min(v.newline, default=v.n)
    return end <= first < v.n and first <= NAME_LINE_MAX_TOKENS and all(
        v.space[i] or v.text_at(i)[:1].isupper() for i in range(first))


def has_cue(v: DocView, start: int, end: int, weak: bool = True) -> bool:
    """True when a skill cue (`experience in`, `knowledge of`, `Skills:`, `Tools:`) shortly precedes
    `start`, a learning word directly precedes an ambiguous name (`Learning Rust`), the name is a
    bulleted item of its own (`- Excel`), or a demand follows (`Go is a plus`); for a generic
    (`weak`) word also when it opens a bulleted item (`- Budgeting`), follows `years of`, or
    precedes `experience`."""
    lex = v.lex
    cues = lex.weak_cues if weak else lex.cues
    lower, space, newline = v.lower, v.space, v.newline
    words, i = [], start - 1
    while i >= 0 and len(words) < CUE_WINDOW and i not in newline:
        if not space[i]:
            if lower[i] in cues or not (weak or words) and lower[i] in lex.learning or (
                    lower[i] in lex.labels and lower[i + 1] == lex.colon):
                return True
            words.append(i)
        i -= 1
    after = end if end < v.n and not space[end] else v.next_word(end)  # (saves a call for the usual case)
    if words and (i < 0 or i in newline) and (
            _opens_item(v, words[::-1]) if weak else  # an ambiguous name alone in its item: "- Excel"
            len(words) == 1 and lower[words[0]] in lex.bullets and (after is None or lower[after] in lex.item_breaks)):
        return True
    return weak and after is not None and lower[after] in lex.headings or demanded(v, after)


def _opens_item(v: DocView, words: list[int]) -> bool:
    """True when a line's first words are a bullet or item number and at most one more word."""
    if v.lower[words[0]] in v.lex.bullets:
        marks = 1
    elif len(words) > 1 and v.text_at(words[0]).isdigit() and v.lower[words[1]] in v.lex.item_ends:
        marks = 2
    else:
        return False
    return len(words) - marks <= 1


def demanded(v: DocView, i: int | None) -> bool:
    """True for `X is a plus`, `X is required`, `X are nice to have`, where `i` is the index of
    the word right after the mention (None at the end of its line)."""
    if i is None or v.lower[i] not in v.lex.copulas:
        return False
    for _ in range(3):
        i = v.next_word(i + 1)
        if i is None:
            return False
        if v.lower[i] in v.lex.demands:
            return True
    return False


def not_a_claim(v: DocView, start: int, end: int) -> bool:
    """True when a generic skill word is part of a job title, employer, degree or field label."""
    lex = v.lex
    i = end if end < v.n and not v.space[end] else v.next_word(end)  # (saves a call for the usual case)
    if i is not None:
        after = v.lower[i]
        # the title word must follow directly: a run of spaces ends a line in flattened text
        if i == end and (after in lex.titles or after in lex.field_of and v.trailing_space(end - 1)  # "IT industry"
                         or after in lex.headings and starts_line(v, start)):
            return True
        if after == lex.colon and not has_cue(v, start, end):  # a field label: "Databases:"
            return True
    if start > 1 and v.lower[start - 1] in lex.of_for and v.lower[start - 2] in lex.org_of:
        return True  # "Head of IT", "School of Computer Science"
    at = v.heading_at  # a heading word at most a few words on: "Sales and Marketing Experience"
    if at:
        k = bisect_left(at, end - 1)
        if k < len(at) and at[k] < end + HEADING_MAX_WORDS and in_heading(v, start, end):
            return True
    degrees = v.degree_at
    k = bisect_left(degrees, start - 10) if degrees else 0
    if k == len(degrees) or degrees[k] >= start:
        return False
    for at in degrees[k : bisect_left(degrees, start, k)]:
        first = at + 1  # a comma or dot right after the degree word is part of it ("B.S., Computer Science")
        while first < start and v.lower[first] in v.lex.degree_marks:
            first += 1
        if v.newline.isdisjoint(range(at, start)) and not any(
                v.lower[i] in v.lex.item_breaks for i in range(first, start)):
            return True
    return False


def in_heading(v: DocView, start: int, end: int) -> bool:
    """True inside a short line in title case or capitals that ends with `Experience` ("TEACHING
    EXPERIENCE", "Sales and Marketing Experience:"). Runs of spaces count as line breaks, as in
    text flattened from a PDF."""
    lo = start
    while lo > 0 and not v.space[lo - 1] and end - lo < HEADING_MAX_WORDS:
        lo -= 1
    hi = end
    while hi < v.n and not v.space[hi] and hi - lo < HEADING_MAX_WORDS:
        hi += 1
    if (lo > 0 and not v.space[lo - 1]) or (hi < v.n and not v.space[hi]):
        return False  # longer than a heading
    last = hi - 1 if v.lower[hi - 1] != v.lex.colon else hi - 2
    if last < end - 1 or v.lower[last] not in v.lex.headings:
        return False
    joins = v.lex.heading_joins
    return all((w := v.text_at(i))[:1].isupper() or not w.isalpha() or v.lower[i] in joins
               for i in range(lo, last + 1))


def names_organisation(v: DocView, start: int, end: int) -> bool:
    """True when a company suffix or a school word directly follows ("Oracle Corporation"), a
    job title or work word and "at" come just before ("Engineer at Oracle", "worked @ SAP"), or
    an employer's name sits beside a job title on a role line ("Data Engineer, Oracle, 2019")."""
    lower, lex = v.lower, v.lex
    if end < v.n and lower[end] in lex.org_suffixes and v.trailing_space(end - 1):
        return True
    if end - start == 1 and lower[start] in lex.employers and employer_on_role_line(v, start, end):
        return True
    if start < 2 or lower[start - 1] not in lex.at and lower[start - 2] not in lex.at:
        return False  # ("at" would be the word before: at most one whitespace token back)
    at = v.previous_word(start)
    if at is None or lower[at] not in lex.at:
        return False
    before = v.previous_word(at)
    return before is not None and lower[before] in lex.employed


def employer_on_role_line(v: DocView, start: int, end: int) -> bool:
    """True for "Data Engineer, Oracle" and "Oracle — Senior Data Engineer": a job title and a
    separator beside the name, with the line ending or a date following ("…, 2019", "(Jan 2020")."""
    lower, lex = v.lower, v.lex
    sep = v.previous_word(start)
    if sep is not None:  # the title before the name
        title = v.previous_word(sep) if lower[sep] in lex.role_separators else None
        return title is not None and lower[title] in lex.titles and _ends_role_line(v, end)
    nxt = v.next_word(end)  # the name starts its line: the title after it, within a few words
    i = v.next_word(nxt + 1) if nxt is not None and lower[nxt] in lex.role_separators else None
    for _ in range(4):
        if i is None or lower[i] in lex.separators:
            return False
        if lower[i] in lex.titles:
            return _ends_role_line(v, i + 1)
        i = v.next_word(i + 1)
    return False


def _ends_role_line(v: DocView, end: int) -> bool:
    """True when the line ends at `end`, or a separator or bracket and a date follow."""
    lower, lex = v.lower, v.lex
    nxt = v.next_word(end)
    if nxt is None:
        return True
    if lower[nxt] not in lex.role_separators and lower[nxt] != lex.open_paren:
        return False
    date = v.next_word(nxt + 1)
    return date is not None and (v.text_at(date)[:1].isdigit() or lower[date] in lex.months)


def starts_line(v: DocView, start: int) -> bool:
    """True when nothing but spaces precedes `start` on its line."""
    return v.previous_word(start) is None


def after_alternative(v: DocView, start: int, end: int, plain_ends: set[int]) -> bool:
    """True for `Python or Go for tooling`: a plain skill and `or` right before `start`, and a
    function word (not a noun such as `tagging`) right after `end`."""
    if not followed_by(v, end, v.lex.function_words):
        return False
    i = start - 1
    while i >= 0 and v.space[i] and i not in v.newline:
        i -= 1
    if i < 1 or v.lower[i] not in v.lex.alternatives:
        return False
    while i > 0 and v.space[i - 1]:
        i -= 1
    return i in plain_ends


def in_list(v: DocView, cand: Candidate, ends: dict[int, Candidate], starts: dict[int, Candidate]) -> bool:
    """True when an accepted skill is a list neighbour: only separators between them."""
    start, end = cand.start, cand.end
    for gap_end in range(start, max(-1, start - LIST_GAP - 1), -1):
        if gap_end in ends and ends[gap_end] is not cand and _separates(v, gap_end, start):
            return True
    for gap_start in range(end, min(v.n, end + LIST_GAP) + 1):
        if gap_start in starts and starts[gap_start] is not cand and _separates(v, end, gap_start):
            return True
    return False


def long_lists(v: DocView, cands: list[Candidate], size: int = 3) -> list[Candidate]:
    """Candidates in runs of at least `size` list neighbours ending their clause ("budgeting,
    forecasting, reporting."; not "sales, marketing and finance stakeholders")."""
    out, run = [], []
    for c in sorted(cands, key=lambda c: c.start) + [None]:
        if run and (c is None or not (0 <= c.start - run[-1].end <= LIST_GAP and _separates(v, run[-1].end, c.start))):
            after = v.next_word(run[-1].end)
            if len(run) >= size and (after is None or not v.text_at(after)[:1].isalnum()):
                out += run
            run = []
        if c is not None:
            run.append(c)
    return out


def _separates(v: DocView, lo: int, hi: int) -> bool:
    """Only list punctuation in tokens [lo, hi); a line break counts only beside a mark."""
    marks = breaks = False
    for i in range(lo, hi):
        if v.space[i]:
            breaks = breaks or i in v.newline
        elif v.lower[i] in v.lex.separators:
            marks = True
        else:
            return False
    return marks or not breaks
