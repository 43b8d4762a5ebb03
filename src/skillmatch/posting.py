"""Turn the skills found in a job posting into a target, split into required and preferred.

A skill is preferred when its line or the section it sits in says so ("Nice to have",
"Preferred qualifications", "... is a plus", "bonus"); otherwise it is required. A skill
mentioned both ways counts as required.
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
_HEADING_MAX_WORDS = 8


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every line."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def importance_by_line(text: str) -> list[tuple[int, int, str]]:
    """Each line's (start, end, importance), following section headings."""
    out = []
    section = "required"
    for start, end in line_spans(text):
        line = text[start:end].strip()
        is_heading = 0 < len(line.split()) <= _HEADING_MAX_WORDS and (
            line.endswith(":") or line.isupper() or not re.search(r"[.,;]", line)
        )
        if is_heading and _PREFERRED.search(line):
            section = "preferred"
        elif is_heading and _REQUIRED_HEADING.match(line):
            section = "required"
        importance = "preferred" if section == "preferred" or _PREFERRED.search(line) else "required"
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
        while i + 1 < len(lines) and lines[i][1] <= m.start:
            i += 1
        level = lines[i][2] if lines else "required"
        if importance.get(m.skill_id) != "required":
            importance[m.skill_id] = level
    skills = tuple(TargetSkill(sid, imp, weights[imp]) for sid, imp in importance.items())
    return Target(id="posting", name=name, skills=skills)
