"""Years of experience per skill, stated ("5+ years of Python", "Python (3 years)", "3-5 yrs SQL")
or, on resumes, counted from dated roles ("Jan 2018 – Present", "2016-2019", "03/2019 - 06/2021").

A resume's "since 2019" ("Java since 2019", "Python (since Mar 2020)") states the years from
then to the report's date. A stated figure belongs to the skill written just before it
("Python (3 years)", "SQL: 5 yrs"), unless a word or comma comes between and the figure leads
on to another ("nurse with 5 years of acute care"); failing that, to every skill after it in
the same clause ("5+ years of Python and SQL"), up to the next figure. A range counts its lower
end. A dated role credits its months to every skill named between its dates and the next
role's; overlapping roles are not counted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from .mentions import Mention
from .sections import Section

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(_WORDS) + ")"
_STATED = re.compile(
    rf"(?<![\w.-]){_NUM}\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*{_NUM}\s*\+?\s*)?(?:years?|yrs?)(?![\w-])(?:'s?|’s?)?"
    r"(?:\s+or\s+more|\s*\+)?",
    re.IGNORECASE)
# After a stated number of years, a bare number for a part of them: "7+ years in software,
# including 3 with Java", "5 years of nursing, 2 in leadership".
_PART = re.compile(r"[,;]\s*(?:including\s+|incl\.?\s+|of\s+which\s+|with\s+)?(\d{1,2}(?:\.\d)?)\s*\+?\s+"
                   r"(?:with|in|of|on|using)\b", re.IGNORECASE)  # digits only: ", one of our languages" is no part
_LEADS_ON = re.compile(r"\s*(?:of|in|with|using|on)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "5 years of |SQL"
_ATTACHED = re.compile(r"^[\s(:,–—-]*(?:(?:with|for|of|over|at least|min(?:imum)?\.?)\s+)?$", re.IGNORECASE)
# ", ideally on Snowflake": what follows is a preference, not part of the clause before it
PREFERENCE_CUE = r"(?:and\s+)?(?:ideally|preferably|optionally|bonus)\b"
_CLAUSE_END = re.compile(r"[.;!?\n•]|\(\s*\d|\b(?:but|while|whereas)\b|[,;(]\s*" + PREFERENCE_CUE, re.IGNORECASE)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = rf"(?:{_MONTH}\.?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s*/\s*(?:19|20)\d{{2}}|(?:19|20)\d{{2}})"
_RANGE = re.compile(
    rf"(?<![\w/])(?P<a>{_DATE})\s*(?:-|–|—|to|until|till|through|thru)\s*"
    rf"(?P<b>{_DATE}|present|current(?:ly)?|now|today|date|ongoing)(?![\w/])",
    re.IGNORECASE)
_NOT_ROLES = ("education", "certifications", "other")
_SINCE = re.compile(rf"(?<![\w-])since\s+((?:{_MONTH}\.?\s+)?(?:19|20)\d\d)(?![\w/])", re.IGNORECASE)
_YEARS_WORD = re.compile(r"y(?:ea)?rs?\b", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _number(word: str) -> float:
    return float(_WORDS.get(word.lower(), word) if not word[0].isdigit() else word)


def _lines_with(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `text[start:end]` where `pattern` occurs: the long patterns
    run on these lines only."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for hit in pattern.finditer(text, start, end):
        if spans and hit.start() < spans[-1][1]:
            continue
        lo = text.rfind("\n", 0, hit.start()) + 1
        hi = text.find("\n", hit.end())
        spans.append((max(lo, start), min(end, len(text) if hi < 0 else hi)))
    return spans


def stated_years(text: str, mentions: Sequence[Mention], since: date | None = None) -> dict[str, float]:
    """Years written next to skills: skill id -> years (the lower end of a range; the most
    stated when a skill has several). A bare number after a stated one ("7+ years in software,
    including 3 with Java") gives the years for what follows it. With `since` (the report's
    date), "since 2019" states the years from then."""
    hits = []
    for lo, hi in _lines_with(_YEARS_WORD, text):
        stated = list(_STATED.finditer(text, lo, hi))
        parts = [part for part in (_PART.finditer(text, stated[0].end(), hi) if stated else ())
                 if _number(part.group(1)) <= max(_number(s.group(1)) for s in stated if s.start() < part.start())]
        hits += [(hit, _number(hit.group(1))) for hit in stated + parts]
    if since is not None:
        now = since.year * 12 + since.month
        hits += [(hit, round((now - start) / 12, 1)) for hit in _SINCE.finditer(text)
                 if (start := _month_index(hit.group(1), since)) is not None and 0 < now - start <= 12 * 50]
    if not hits:
        return {}
    hits.sort(key=lambda pair: pair[0].start())
    ordered = sorted((m for m in mentions if m.polarity != "negated"), key=lambda m: m.start)
    starts = [m.start for m in ordered]
    out: dict[str, float] = {}
    attached: dict[str, float] = {}
    for n, (hit, years) in enumerate(hits):
        i = bisect_left(starts, hit.start())  # mentions from i on start at or after the figure
        prev = ordered[i - 1] if i else None
        if hit.re is not _PART and prev is not None and prev.end <= hit.start() and \
                _ATTACHED.match(gap := text[prev.end : hit.start()]) and "\n" not in gap and not (
                i < len(ordered) and any(c.isalpha() or c == "," for c in gap)
                and _LEADS_ON.match(text, hit.end(), ordered[i].start)):  # "nurse with 5 years of acute care"
            attached[prev.skill_id] = max(years, attached.get(prev.skill_id, 0.0))
            continue
        stop = _CLAUSE_END.search(text, hit.end())
        end = min(stop.start() if stop else len(text), hits[n + 1][0].start() if n + 1 < len(hits) else len(text))
        for m in ordered[bisect_left(starts, hit.end()):]:
            if m.end > end:
                break
            out[m.skill_id] = max(years, out.get(m.skill_id, 0.0))
    return {**out, **attached}


def _month_index(token: str, as_of: date, end: bool = False, whole_year: bool = False) -> int | None:
    """Months since year 0 at a date token's start, or its end when `end` (a whole month;
    a bare year ends at its start, or at its end when `whole_year`: "2019-2019")."""
    token = token.strip().lower()
    if token[0].isalpha() and not token.startswith(_MONTHS):
        return as_of.year * 12 + as_of.month  # present, current, now, today, ongoing
    year = int(re.search(r"(?:19|20)\d{2}", token).group())
    if token[0].isalpha():
        month = _MONTHS.index(token[:3]) + 1
    elif "/" in token:
        month = int(token.split("/")[0])
        if not 1 <= month <= 12:
            return None
    else:
        return year * 12 + (12 if whole_year else 0)
    return year * 12 + month - (0 if end else 1)


@dataclass(frozen=True)
class Role:
    """A dated stretch of a resume: months [start, end) and the text span it covers."""

    start_month: int
    end_month: int
    start: int
    end: int


def dated_roles(text: str, found_sections: Sequence[Section], as_of: date | None = None) -> list[Role]:
    """Dated roles in the experience parts of a resume (not education or certifications)."""
    as_of = as_of or date.today()
    ranges = []
    for section in found_sections:
        if section.kind in _NOT_ROLES:
            continue
        for hit in (h for lo, hi in _lines_with(_YEAR, text, section.start, section.end)
                    for h in _RANGE.finditer(text, lo, hi)):
            a, b = hit.group("a"), hit.group("b")
            lo = _month_index(a, as_of)
            hi = _month_index(b, as_of, end=True, whole_year=a.strip() == b.strip())
            if lo is not None and hi is not None and 0 < hi - lo <= 12 * 50:
                ranges.append((text.rfind("\n", 0, hit.start()) + 1, lo, hi, section.end))
    roles = []
    for i, (line_start, lo, hi, section_end) in enumerate(ranges):
        nxt = next((r[0] for r in ranges[i + 1:] if r[0] > line_start), section_end)
        roles.append(Role(lo, hi, line_start, min(nxt, section_end)))
    return roles


def dated_years(roles: Sequence[Role], mentions: Iterable[Mention]) -> dict[str, float]:
    """Years per skill from the dated roles that name it, overlaps counted once."""
    spans: dict[str, list[tuple[int, int]]] = {}
    if not roles:
        return {}
    starts = [role.start for role in roles]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if m.polarity == "affirmed" and i >= 0 and m.start < roles[i].end:
            spans.setdefault(m.skill_id, []).append((roles[i].start_month, roles[i].end_month))
    return {sid: round(_union_months(ranges) / 12, 1) for sid, ranges in spans.items()}


def _union_months(ranges: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for lo, hi in sorted(set(ranges)):
        if reach is None or lo >= reach:
            total += hi - lo
            reach = hi
        elif hi > reach:
            total += hi - reach
            reach = hi
    return total


def resume_years(text: str, mentions: Sequence[Mention], found_sections: Sequence[Section],
                 as_of: date | None = None) -> dict[str, tuple[float, str]]:
    """Skill id -> (years, how: "stated" or "dated roles"); what the resume states wins, since a
    role's dates also count months spent on other work."""
    out = {sid: (y, "dated roles") for sid, y in dated_years(dated_roles(text, found_sections, as_of), mentions).items()}
    out.update((sid, (years, "stated")) for sid, years in stated_years(text, mentions, as_of or date.today()).items())
    return out
