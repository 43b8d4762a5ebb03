"""Turn the skills found in a job posting into a target, split into required and preferred.

A skill is preferred when its line or the section it sits in says so ("Nice to have",
"Preferred qualifications", "... is a plus", "bonus"); otherwise it is required. A skill
mentioned both ways counts as required. Skills offered as alternatives ("scikit-learn or
PyTorch", "AWS, GCP or Azure", "one of: Java, Go, Rust") are each satisfied by any one of them.
Skills under headings about the employer or the offer ("About us", "Benefits", "What we
offer") are not asked for.
"""

from __future__ import annotations

import re
from typing import Sequence

from .mentions import Mention
from .roles import DEFAULT_WEIGHTS, Target, TargetSkill

_PREFERRED = re.compile(
    r"\b(nice[- ]to[- ]haves?|preferred|preferably|preference|desired|desirable|bonus|"
    r"a plus|an advantage|advantageous|good[- ]to[- ]have|optional|ideally|would be great|beneficial|"
    r"not required|extra credit|plus points?)\b",
    re.IGNORECASE,
)
_REQUIRED_HEADING = re.compile(
    r"^\W*(requirements?|required|must[- ]haves?|minimum qualifications?|basic qualifications?|"
    r"qualifications|what you (need|bring|have)|you (have|bring)|skills|key skills|"
    r"responsibilities|about (you|the role)|who you are)\b",
    re.IGNORECASE,
)
# Sections that describe the employer or the offer, not the candidate: their skills are not asked for.
_OTHER_HEADING = re.compile(
    r"^\W*(about (?!you\b|the (role|job|position|team)\b|this (role|job|position)\b)[\w&.,' -]+$|who we are|our (company|mission|story|culture|team)|"
    r"company (overview|description)|benefits|perks|what we offer|we offer|why (join|work)|compensation|"
    r"equal (employment )?opportunity|eeo)\b",
    re.IGNORECASE,
)
_ONE_OF = re.compile(r"\b(?:(?:at least )?one of|any of|either)\b[^.;\n]*$", re.IGNORECASE)
_HEADING_MAX_WORDS = 8
_LIST_GAP = re.compile(r"^\s*(,|/|or|,\s*or|and/or|\|)?\s*$", re.IGNORECASE)
_OR_GAP = re.compile(r"\bor\b|/", re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every line, and of every sentence within a line."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        start = pos
        for cut in _SENTENCE_END.finditer(line):
            spans.append((start, pos + cut.end()))
            start = pos + cut.end()
        spans.append((start, pos + len(line)))
        pos += len(line)
    return spans


def importance_by_line(text: str) -> list[tuple[int, int, str]]:
    """Each line's (start, end, importance): "required", "preferred", or "other" (the company
    blurb, benefits), following section headings."""
    out = []
    section = "required"
    for start, end in line_spans(text):
        line = text[start:end].strip()
        is_heading = 0 < len(line.split()) <= _HEADING_MAX_WORDS and (
            line.endswith(":") or line.isupper() or not re.search(r"[.,;]", line)
        )
        if is_heading and _OTHER_HEADING.match(line.rstrip(":")):
            section = "other"
        elif is_heading and _PREFERRED.search(line):
            section = "preferred"
        elif is_heading and (_REQUIRED_HEADING.match(line) or section == "other" and line.endswith(":")):
            section = "required"  # after a company blurb, any new heading is about the job again
        importance = section if section != "required" else "preferred" if _PREFERRED.search(line) else "required"
        out.append((start, end, importance))
    return out


def posting_target(text: str, mentions: Sequence[Mention], name: str = "job posting",
                   weights: dict[str, float] | None = None) -> Target:
    """A target made of the skills mentioned in a posting, each required or preferred."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    lines = importance_by_line(text)
    importance: dict[str, str] = {}
    i = 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.polarity == "negated":  # "Java is not required", "no Kubernetes needed"
            continue
        while i + 1 < len(lines) and lines[i][1] <= m.start:
            i += 1
        level = lines[i][2] if lines else "required"
        if level == "other":
            continue
        if importance.get(m.skill_id) != "required":
            importance[m.skill_id] = level
    alternatives = alternative_groups(text, mentions)
    skills = tuple(TargetSkill(sid, imp, weights[imp], tuple(sorted(alternatives.get(sid, set()))))
                   for sid, imp in importance.items())
    return Target(id="posting", name=name, skills=skills)


def alternative_groups(text: str, mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """For each skill, the other skills offered as alternatives to it in the same list."""
    ordered = sorted(mentions, key=lambda m: m.start)
    groups: list[list[Mention]] = []
    has_or: list[bool] = []
    for prev, cur in zip(ordered, ordered[1:]):
        gap = text[prev.end:cur.start]
        if _LIST_GAP.match(gap) and "\n" not in gap:
            if not groups or groups[-1][-1] is not prev:
                groups.append([prev])
                has_or.append(False)
            groups[-1].append(cur)
            has_or[-1] = has_or[-1] or bool(_OR_GAP.search(gap))
            if len(groups[-1]) == 2:  # "experience with one of: A, B, C" offers alternatives too
                has_or[-1] = has_or[-1] or bool(_ONE_OF.search(text[text.rfind("\n", 0, prev.start) + 1 : prev.start]))
    out: dict[str, set[str]] = {}
    for group, alternative in zip(groups, has_or):
        ids = {m.skill_id for m in group}
        if alternative and len(ids) > 1:
            for sid in ids:
                out.setdefault(sid, set()).update(ids - {sid})
    return out
