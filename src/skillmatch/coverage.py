"""Coverage of a target (role or posting) by a resume: matched, partial and missing skills.

Credit for each target skill:
- 1.0 when the resume names it, or names a narrower skill at most `IMPLY_DEPTH` broader links
  below it (PostgreSQL covers relational databases);
- `related_credit` (default 0.5) when the resume only names a related skill (TensorFlow for PyTorch);
- 1.0 when the target accepts alternatives ("PyTorch or TensorFlow") and the resume names one;
- 0 otherwise. The score is the weight-averaged credit, weights set by required/preferred.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence

from .mentions import Mention, quote
from .roles import Target
from .taxonomy import Taxonomy

RELATED_CREDIT = 0.5
IMPLY_DEPTH = 2
_CREDIT = {"named": ("matched", 1.0), "alternative": ("matched", 1.0), "implied": ("matched", 1.0),
           "missing": ("missing", 0.0)}
_REASONS = {"named": "named in the resume ({count}x)", "alternative": "alternative {via} found",
            "implied": "implied by {via}", "related": "related skill {via} found",
            "missing": "not found in the resume"}


@dataclass(frozen=True)
class Evidence:
    """Where the resume shows a skill: the matched text, its offsets and the line around it."""

    text: str
    start: int
    end: int
    quote: str
    method: str
    score: float


@dataclass
class SkillResult:
    """The verdict for one target skill."""

    skill_id: str
    name: str
    importance: str
    weight: float
    status: str  # "matched", "partial" or "missing"
    credit: float
    basis: str  # "named", "alternative", "implied", "related" or "missing"
    reason: str
    via: str | None = None  # the resume skill that gave the credit, when not the skill itself
    via_name: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class MatchReport:
    """Coverage of `target` by a resume, with evidence for every verdict."""

    target_id: str
    target_name: str
    score: float
    required_score: float | None
    preferred_score: float | None
    results: list[SkillResult]
    extra: list[str]  # names of resume skills the target does not ask for
    source: str = ""

    @property
    def matched(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "matched"]

    @property
    def partial(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "partial"]

    @property
    def missing(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "missing"]

    def to_dict(self) -> dict:
        out = asdict(self)
        out["counts"] = {s: sum(r.status == s for r in self.results) for s in ("matched", "partial", "missing")}
        return out


def match(resume_text: str, mentions: Sequence[Mention], target: Target, taxonomy: Taxonomy,
          related_credit: float = RELATED_CREDIT, source: str = "") -> MatchReport:
    """Score how well the resume (its text and mentions) covers `target`."""
    by_skill: dict[str, list[Mention]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(m)
    have = set(by_skill)
    # every skill the resume implies through broader links
    implied: dict[str, str] = {}
    for sid in sorted(have):
        for ancestor in taxonomy.ancestors(sid, IMPLY_DEPTH):
            implied.setdefault(ancestor, sid)

    def evidence(sid: str) -> list[Evidence]:
        return [Evidence(m.text, m.start, m.end, quote(resume_text, m.start, m.end), m.method, m.score)
                for m in by_skill[sid][:3]]

    results = []
    for ts in target.skills:
        via: str | None = None
        if ts.skill_id in have:
            basis = "named"
        elif via := next((a for a in ts.alternatives if a in have), None):
            basis = "alternative"
        elif via := implied.get(ts.skill_id):
            basis = "implied"
        elif via := _related_in_resume(ts.skill_id, have, taxonomy):
            basis = "related"
        else:
            basis = "missing"
        skill = taxonomy[ts.skill_id]
        via_name = taxonomy[via].name if via else None
        status, credit = _CREDIT[basis] if basis != "related" else ("partial", related_credit)
        reason = _REASONS[basis].format(via=via_name, count=len(by_skill.get(skill.id, ())))
        results.append(SkillResult(skill.id, skill.name, ts.importance, ts.weight, status, credit, basis,
                                   reason, via, via_name, evidence(via or skill.id) if credit else []))

    wanted = {ts.skill_id for ts in target.skills}
    used = wanted | {r.via for r in results if r.via}
    extra = [taxonomy[sid].name for sid in sorted(have - used, key=lambda s: -len(by_skill[s]))]
    return MatchReport(target.id, target.name, _score(results), _score(results, "required"),
                       _score(results, "preferred"), results, extra, source)


def _related_in_resume(skill_id: str, have: set[str], taxonomy: Taxonomy) -> str | None:
    """A resume skill related to `skill_id` in either direction, if any."""
    for sid in taxonomy[skill_id].related:
        if sid in have:
            return sid
    for sid in sorted(have):
        if skill_id in taxonomy[sid].related:
            return sid
    return None


def _score(results: list[SkillResult], importance: str | None = None) -> float | None:
    chosen = [r for r in results if importance is None or r.importance == importance]
    total = sum(r.weight for r in chosen)
    if not chosen or total == 0:
        return None if importance else 0.0
    return round(sum(r.weight * r.credit for r in chosen) / total, 4)
