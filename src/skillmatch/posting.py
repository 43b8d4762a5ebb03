"""Turn the skills found in a job posting into a target, split into required and preferred.

For each mention, in order of precedence:
- on the title line ("Data Engineer (Python, AWS)"): the title names the role;
- negated ("Java is not required") or under a heading about the employer or the offer
  ("About us", "Benefits", "What we offer"): not asked for;
- a sentence saying it is optional ("... is a plus", "nice to have", "preferred", "bonus"):
  preferred;
- a sentence saying it is needed ("must", "required", "mandatory", "essential"): required;
- a tentative phrase ("familiarity with", "exposure to", "basic knowledge of"): preferred;
- otherwise the section decides: preferred under "Nice to have" / "Preferred qualifications"
  / "Bonus points", required elsewhere.
A skill asked for both ways is required. The deciding cue or heading is kept as the reason.
Skills offered as alternatives ("scikit-learn or PyTorch", "AWS, GCP or Azure",
"one of: Java, Go, Rust") are each satisfied by any one of them. Years asked for ("5+ years
of Python") are kept per skill.
"""

from __future__ import annotations

import re
from typing import Sequence

from .experience import PREFERENCE_CUE, stated_years
from .mentions import Mention, quote
from .polarity import HEDGED, NEGATED
from .roles import DEFAULT_WEIGHTS, Target, TargetSkill
from .sections import SectionIndex, line_spans, sections, title_span

_PREFERRED = re.compile(
    r"\b(nice[- ]to[- ]haves?|preferred|preferably|preference|desired|desirable|bonus|"
    r"an? (?:big |huge |strong )?plus|an advantage|advantageous|good[- ]to[- ]have|optional|ideally|would be great|"
    r"would be nice|beneficial|helpful|extra credit|plus points?)\b",
    re.IGNORECASE,
)
_REQUIRED = re.compile(
    r"\b(must(?: have)?|required|requires?|mandatory|essential|necessary|need to have|needs? to)\b", re.IGNORECASE)
_SOFT_REQUIRED = re.compile(r"\b(strong|solid|proven|extensive|deep|expert(?:ise)?|proficien(?:t|cy)|"
                            r"advanced|at least|minimum)\b", re.IGNORECASE)
_NOT_ASKED = ("about", "benefits", "other")
_ONE_OF = re.compile(r"\b(?:(?:at least )?one of|any of|either)\b[^.;\n]*$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(,|/|or|,\s*or|and/or|\|)?\s*$", re.IGNORECASE)
_OR_GAP = re.compile(r"\bor\b|/", re.IGNORECASE)
_ASIDE = re.compile(r"(?:^[\s*•·–-]*|[,;(]\s*)" + PREFERENCE_CUE, re.IGNORECASE)
_ASIDE_END = re.compile(r"[,;)]")
_PART_BREAK = re.compile(r"[,;]")
_LIST_JOIN = re.compile(r",\s*(?:(?:and|or)\s+)?")
_SAME_CUE = re.compile(r",\s*(?:as\s+(?:is|are|well\s+as)|and\s+so\s+(?:is|are)|and\s+also|too)\b", re.IGNORECASE)


def importance_of(mention: Mention, sentence: str, section_kind: str, heading: str) -> tuple[str, str]:
    """`(importance, reason)` of one posting mention; importance "none" when not asked for."""
    if mention.polarity == NEGATED:
        return "none", f"negated (\"{mention.cue}\")"
    if section_kind in _NOT_ASKED:
        return "none", f"section \"{heading}\""
    if hit := _PREFERRED.search(sentence):
        return "preferred", f"cue \"{hit.group(1)}\""
    if hit := _REQUIRED.search(sentence):
        return "required", f"cue \"{hit.group(1)}\""
    if mention.polarity == HEDGED:
        return "preferred", f"cue \"{mention.cue}\""
    if section_kind == "preferred":
        return "preferred", f"section \"{heading}\""
    if hit := _SOFT_REQUIRED.search(sentence):
        return "required", f"cue \"{hit.group(1)}\""
    return "required", f"section \"{heading}\"" if heading else "named in the posting"


def posting_target(text: str, mentions: Sequence[Mention], name: str = "job posting",
                   weights: dict[str, float] | None = None) -> Target:
    """A target made of the skills a posting asks for, each required or preferred, with the
    reason, the posting's words and any years asked for."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    section_of = SectionIndex(sections(text, "posting"))
    spans = line_spans(text)
    decided: dict[str, tuple[str, str, Mention]] = {}
    title = title_span(text) or (0, 0)
    mentions = [m for m in mentions if not title[0] <= m.start < title[1]]
    ends, starts = {m.end for m in mentions}, {m.start for m in mentions}
    asked_at = set()  # starts of the mentions that ask for their skill
    i = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while i + 1 < len(spans) and spans[i][1] <= m.start:
            i += 1
        section = section_of(m.start)
        clause = _clause(text, *_list_part(text, *spans[i], m.start, ends, starts), m) if spans else ""
        importance, reason = importance_of(m, clause, section.kind, section.heading)
        if importance != "none":
            asked_at.add(m.start)
        previous = decided.get(m.skill_id)
        if previous is None or _RANK[importance] > _RANK[previous[0]]:
            decided[m.skill_id] = (importance, reason, m)
    groups, grouped_at = alternative_groups(text, mentions)
    # a skill also asked for on its own ("Python or Go", then "4+ years of Python") has no alternative
    alone = {m.skill_id for m in mentions if m.start in asked_at and m.start not in grouped_at}
    alternatives = {sid: {a for a in alts if decided[a][0] != "none"}
                    for sid, alts in groups.items() if sid not in alone}
    years = stated_years(text, [m for m in mentions if decided[m.skill_id][0] != "none"])
    skills = tuple(  # alternatives share one requirement's weight: "AWS, GCP or Azure" counts once
        TargetSkill(sid, imp, weights[imp] / (1 + len(alternatives.get(sid, ()))),
                    tuple(sorted(alternatives.get(sid, set()))), reason=reason,
                    min_years=years.get(sid), quote=quote(text, m.start, m.end).lstrip("-•*·– "))
        for sid, (imp, reason, m) in decided.items() if imp != "none")
    return Target(id="posting", name=name, skills=skills)


_RANK = {"none": 0, "preferred": 1, "required": 2}


def _list_part(text: str, start: int, end: int, at: int, ends: set[int], starts: set[int]) -> tuple[int, int]:
    """The part of the sentence `text[start:end]` holding offset `at`, cut at semicolons and at
    commas, except a comma right between two mentions (a list: "Docker, Kubernetes a plus") or
    before words that carry the cue on ("Unreal is a bonus, as is C++"). So in "Python required,
    Go a plus" each skill has its own cue."""
    lo, hi = start, end
    for hit in _PART_BREAK.finditer(text, start, end):
        p = hit.start()
        if hit.group() == "," and (p in ends and _LIST_JOIN.match(text, p).end() in starts
                                   or _SAME_CUE.match(text, p)):
            continue
        if p < at:
            lo = p + 1
        else:
            hi = p
            break
    return lo, hi


def _clause(text: str, start: int, end: int, mention: Mention) -> str:
    """The part of a sentence a mention's cues come from. A preference aside (", ideally on
    Snowflake", "(preferably Django)", "Ideally Go,") is its own clause up to the next comma,
    semicolon or closing bracket; the rest of the sentence is read without it."""
    sentence, at = text[start:end], mention.start - start
    asides = []
    for hit in _ASIDE.finditer(sentence):
        stop = sentence.find(")", hit.end()) if "(" in hit.group() else -1
        if stop < 0:
            found = _ASIDE_END.search(sentence, hit.end())
            stop = found.start() if found else len(sentence)
        if hit.start() <= at < stop:
            return sentence[hit.start():stop]
        asides.append((hit.start(), stop))
    kept, pos = [], 0
    for lo, hi in asides:
        kept.append(sentence[pos:lo])
        pos = hi
    return "".join(kept) + sentence[pos:]


def alternative_groups(text: str, mentions: Sequence[Mention]) -> tuple[dict[str, set[str]], set[int]]:
    """For each skill, the other skills offered as alternatives to it in the same list; and the
    starts of the mentions in such lists."""
    ordered = sorted(mentions, key=lambda m: m.start)
    groups: list[list[Mention]] = []
    has_or: list[bool] = []
    for prev, cur in zip(ordered, ordered[1:]):
        gap = text[prev.end:cur.start]
        if _LIST_GAP.match(gap) and ("\n" not in gap or gap.strip()):  # a list may wrap after "or" or ","
            if not groups or groups[-1][-1] is not prev:
                groups.append([prev])
                has_or.append(False)
            groups[-1].append(cur)
            has_or[-1] = has_or[-1] or bool(_OR_GAP.search(gap))
            if len(groups[-1]) == 2:  # "experience with one of: A, B, C" offers alternatives too
                has_or[-1] = has_or[-1] or bool(_ONE_OF.search(text[text.rfind("\n", 0, prev.start) + 1 : prev.start]))
    out: dict[str, set[str]] = {}
    grouped_at: set[int] = set()
    for group, alternative in zip(groups, has_or):
        ids = {m.skill_id for m in group}
        if alternative and len(ids) > 1:
            grouped_at.update(m.start for m in group)
            for sid in ids:
                out.setdefault(sid, set()).update(ids - {sid})
    return out, grouped_at
