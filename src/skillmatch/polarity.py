"""Is a skill mention affirmed, negated or hedged? ("No experience with Kubernetes", "willing to learn Rust")

The clause before a mention (back to the start of its line or sentence, or to a "but"/"however")
and the words right after it are searched for cues; a mention with no cue word in the
characters before it, nearly all of them, costs one lookup: in the cue-word positions the
`skillmatch` component stores on the `Doc` when our tokenizer made it, else in the window's words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from operator import attrgetter
from typing import TYPE_CHECKING

from .sections import line_spans

if TYPE_CHECKING:
    from .mentions import Mention

AFFIRMED, NEGATED, HEDGED = "affirmed", "negated", "hedged"
WINDOW = 90  # characters before a mention searched for a cue
LOCAL_MAX = 2000  # characters around a mention read for its sentence start; longer: the whole text

CUES_KEY = "skillmatch-cues:"  # + spans_key; doc.user_data entry: where CUE_STARTS words begin
# every word a cue below can start with: a mention with none of them just before it is affirmed
CUE_STARTS = frozenset(
    "no zero not never haven't havent hasn't hasnt didn't didnt don't dont lack lacks lacking without willing eager "
    "keen want wanting hope hoping plan planning aspiring learning exposure introduction familiar familiarity basic "
    "some beginner elementary limited little interest interested studying".split())
_WORD = re.compile(r"[a-z']+")
_REST = r"[^.;!?]*$"  # then anything up to the mention, within the clause
# In the two patterns below, the leading .* makes the cue found the one nearest the mention; the
# lookahead after it lets `re` skip, with one test, each position where no cue can start (it
# would otherwise try every alternative there, from the end of the clause back). Its letters are
# the first letters of the alternatives: a new alternative must add its own (tests try each).
_NEGATED_BEFORE = re.compile(
    r"(?s:.*)(?=\b[nzlhdw])(?:(\b(?:no|zero|lack(?:ing|s)?(?:\s+of)?)\s+(?:prior\s+|previous\s+|professional\s+|commercial\s+|hands-on\s+|real\s+|practical\s+)?"
    r"(?:experience|exposure|knowledge|background|skills?)\b"
    r"|\bnot\s+(?:\w+\s+){0,2}?(?:familiar|experienced|proficient|skilled|comfortable|worked|used|trained)\b"
    r"|\b(?:never|haven'?t|hasn'?t|didn'?t|don'?t|do\s+not|did\s+not|have\s+not|has\s+not)\s+(?:\w+\s+){0,2}?"
    r"(?:used|worked|touched|programmed|written|coded|learned|learnt|experience|have|know)\b)" + _REST
    + r"|(\b(?:no|not|without|lack(?:ing|s)?(?:\s+of)?)(?:\s+(?:even|any|in|with|using|including|knowing))?)"
    r"\s*[,:]?\s*$)",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    r"^\W{0,3}(?:(?:experience|knowledge|skills?|expertise|background|certification)\s+)?(?:is|are)?\s*"
    r"(not\s+(?:required|needed|necessary|a\s+requirement)|none\b)", re.IGNORECASE)
_HEDGED_BEFORE = re.compile(
    r"(?s:.*)(?=\b[wekhpacnsifbl]|(?<=[:,(•])\s|\A\s)(\b(?:willing|eager|keen|want(?:ing)?|hop(?:e|ing)|plan(?:ning)?|aspiring)\s+to\s+learn\b"
    r"|\b(?:currently|now|still|presently|am|is|are|self)[\s-]+learning\b"
    r"|\b(?:exposure|introduction)\s+to\b"
    r"|\bfamiliar(?:ity)?\s+with\b"
    r"|\b(?:basic|some|beginner|elementary|limited|little)\s+(?:\w+\s+)?(?:knowledge|understanding|experience|"
    r"familiarity|exposure)\s+(?:of|in|with|to)\b"
    # a level starting a clause or list item, right before the name: "Basic French", "C++, basic HTML"
    r"|(?:^|(?<=[:,(•]))\s*(basic|beginner)(?:[\s-]+level)?(?=\s*$)"
    r"|\binterest(?:ed)?\s+in\b"
    # "Side projects: learning Rust", "Learning Rust and Go": at a clause start, then only a list of names
    r"|(?:^|(?<=[:,(•]))\s*(?:learning|studying)(?=\s+(?:[\w.#+-]+\s*(?:,|/|&|and|or)\s*)*$))" + _REST,
    re.IGNORECASE,
)
_HEDGED_AFTER = re.compile(  # a level right after the name: "Spanish (basic)", "Rust: beginner"
    r"^\s*[(:]\s*(basic|beginner|novice|rudimentary)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"(?=[.;!?•bhatwy])(?:[.;!?•]|\b(?:but|however|although|though|whereas|while|yet)\b)",
                           re.IGNORECASE)


class PolarityFinder:
    """Polarity of mentions in one text: `finder(start, end) -> (polarity, cue or None)`."""

    def __init__(self, text: str, cue_words: list[int] | None = None):
        self.text = text
        self._cue_words = cue_words  # where words of CUE_STARTS begin, when the tokenizer told us
        self._starts: list[int] | None = None  # every sentence start, when lines are too long

    def _sentence_start(self, at: int) -> int:
        """Start of the sentence holding offset `at` (a line, or prose wrapped over several), or
        any offset at or before `at - WINDOW` when it starts there or earlier."""
        text = self.text
        lo = text.rfind("\n", 0, max(0, at - WINDOW - 1)) + 1  # the line before the window
        hi = text.find("\n", at)
        hi = len(text) if hi < 0 else hi + 1
        if hi - lo <= LOCAL_MAX:
            starts = [lo + start for start, _ in line_spans(text[lo:hi])]
        else:  # very long lines, or breaks other than "\n": read the whole text, once
            if self._starts is None:
                self._starts = [start for start, _ in line_spans(text)]
            starts = self._starts
        return starts[max(0, bisect_right(starts, at) - 1)] if starts else 0

    def __call__(self, start: int, end: int) -> tuple[str, str | None]:
        text = self.text
        after = text[end : end + 40]
        low = after.lower()
        if ("not" in low or "none" in low) and (hit := _NEGATED_AFTER.match(after)):
            return NEGATED, _cue(hit)
        if hit := _HEDGED_AFTER.match(after):
            return HEDGED, _cue(hit)
        lo = max(0, start - WINDOW)
        if self._cue_words is not None:  # (no word starts inside another, so `lo` needs no moving yet)
            k = bisect_left(self._cue_words, lo)
            if k == len(self._cue_words) or self._cue_words[k] >= start:
                return AFFIRMED, None
        while 0 < lo < start and text[lo - 1].isalnum() and text[lo].isalnum():
            lo += 1  # not from the middle of a word ("casino experience")
        before = text[lo:start]
        if self._cue_words is None and CUE_STARTS.isdisjoint(_WORD.findall(before.lower())):
            return AFFIRMED, None
        breaks = list(_CLAUSE_BREAK.finditer(before))
        cut = breaks[-1].end() if breaks else 0
        clause = before[max(cut, self._sentence_start(start) - lo):]
        if hit := _NEGATED_BEFORE.match(clause):
            return NEGATED, _cue(hit)
        if hit := _HEDGED_BEFORE.match(clause):
            return HEDGED, _cue(hit)
        return AFFIRMED, None


def _cue(match: re.Match) -> str:
    """The cue words a pattern matched (its first non-empty group), spaces normalised."""
    return " ".join(next(g for g in match.groups() if g).split())


_LIST_GAP = re.compile(r"[ \t]*(?:,|/|and|or|,[ \t]*and|,[ \t]*or)[ \t]*", re.IGNORECASE)  # one line, a separator
_AFTER_CUE = re.compile(r"not (?:required|needed|necessary|a requirement)|none", re.IGNORECASE)


def spread_list_negation(text: str, mentions: list["Mention"]) -> list["Mention"]:
    """"Swift and Kotlin are not required": a negation after a list covers every skill in it,
    carried back from mention to mention across list separators only."""
    out = sorted(mentions, key=attrgetter("start"))
    for i in range(len(out) - 2, -1, -1):
        after, m = out[i + 1], out[i]
        if (after.polarity == NEGATED and m.polarity == AFFIRMED and after.cue and _AFTER_CUE.fullmatch(after.cue)
                and _LIST_GAP.fullmatch(text, m.end, after.start)):
            out[i] = replace(m, polarity=NEGATED, cue=after.cue)
    return out
