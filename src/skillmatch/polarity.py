"""Is a skill mention affirmed, negated or hedged? ("No experience with Kubernetes", "willing to learn Rust")

The clause before a mention (back to the start of its line or sentence, or to a "but"/"however")
and the words right after it are searched for cues. Cue words are first located once per text,
so mentions with no cue nearby, nearly all of them, cost one bisect.
"""

from __future__ import annotations

import bisect
import re

AFFIRMED, NEGATED, HEDGED = "affirmed", "negated", "hedged"
WINDOW = 90  # characters before a mention searched for a cue

# any word a cue below starts with: the cheap first pass
_CUE_WORDS = re.compile(
    r"\b(?:no|not|never|without|lack\w*|zero|haven'?t|hasn'?t|didn'?t|don'?t|do|did|have|willing|eager|keen|"
    r"want\w*|hop\w*|plan\w*|learn\w*|exposure|introduction|familiar\w*|basic|some|beginner|"
    r"elementary|limited|little|interest\w*|aspiring|none)\b", re.IGNORECASE)
_REST = r"[^.;!?\n]*$"  # then anything up to the mention, within the clause
_NEGATED_BEFORE = re.compile(
    r"(\b(?:no|zero)\s+(?:prior\s+|previous\s+|professional\s+|commercial\s+|hands-on\s+|real\s+|practical\s+)?"
    r"(?:experience|exposure|knowledge|background|skills?)\b"
    r"|\bnot\s+(?:\w+\s+){0,2}?(?:familiar|experienced|proficient|skilled|comfortable|worked|used|trained)\b"
    r"|\b(?:never|haven'?t|hasn'?t|didn'?t|don'?t|do\s+not|did\s+not|have\s+not|has\s+not)\s+(?:\w+\s+){0,2}?"
    r"(?:used|worked|touched|programmed|written|coded|learned|learnt|experience|have|know)\b)" + _REST
    + r"|(\b(?:not|without|lack(?:ing|s)?(?:\s+of)?)(?:\s+(?:even|any|in|with|using|including|knowing))?)"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    r"^\W{0,3}(?:is|are)?\s*(not\s+(?:required|needed|necessary|a\s+requirement)|none\b)", re.IGNORECASE)
_HEDGED_BEFORE = re.compile(
    r"(\b(?:willing|eager|keen|want(?:ing)?|hop(?:e|ing)|plan(?:ning)?|aspiring)\s+to\s+learn\b"
    r"|\b(?:currently|now|still|presently|am|is|are|self)[\s-]+learning\b"
    r"|\b(?:exposure|introduction)\s+to\b"
    r"|\bfamiliar(?:ity)?\s+with\b"
    r"|\b(?:basic|some|beginner|elementary|limited|little)\s+(?:\w+\s+)?(?:knowledge|understanding|experience|"
    r"familiarity|exposure)\s+(?:of|in|with|to)\b"
    r"|\binterest(?:ed)?\s+in\b)" + _REST,
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;!?\n•]|\b(?:but|however|although|though|whereas|while|yet)\b", re.IGNORECASE)


class PolarityFinder:
    """Polarity of mentions in one text: `finder(start, end) -> (polarity, cue or None)`."""

    def __init__(self, text: str):
        self.text = text
        self._cues = [m.start() for m in _CUE_WORDS.finditer(text)]

    def __call__(self, start: int, end: int) -> tuple[str, str | None]:
        text = self.text
        lo = max(0, start - WINDOW)
        after = text[end : end + 40]
        near = bisect.bisect_left(self._cues, lo) < bisect.bisect_left(self._cues, start)
        if not near and not after[:25].lstrip(" :,").lower().startswith(("is not", "are not", "not ", "none")):
            return AFFIRMED, None
        before = text[lo:start]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end():] if breaks else before
        if hit := _NEGATED_AFTER.match(after):
            return NEGATED, _cue(hit)
        if hit := _NEGATED_BEFORE.search(clause):
            return NEGATED, _cue(hit)
        if hit := _HEDGED_BEFORE.search(clause):
            return HEDGED, _cue(hit)
        return AFFIRMED, None


def _cue(match: re.Match) -> str:
    """The cue words a pattern matched (its first non-empty group), spaces normalised."""
    return " ".join(next(g for g in match.groups() if g).split())
