"""Coverage of a target (role or posting) by a resume: matched, partial and missing skills.

Credit for each target skill:
- 1.0 when the resume names it, or names a narrower skill at most `IMPLY_DEPTH` broader links
  below it (PostgreSQL covers relational databases);
- `related_credit` (default 0.5) when the resume only names a related skill (TensorFlow for PyTorch);
- 1.0 when the target accepts alternatives ("PyTorch or TensorFlow") and the resume names one;
- `hedged_credit` (default 0.5) when the resume only names it tentatively ("exposure to Spark",
  "willing to learn Rust");
- 0 otherwise, including when the resume says it lacks it ("no experience with Kubernetes").
Only affirmed mentions count as named, or imply and relate to other skills. The score is the weight-averaged credit, weights set by required/preferred.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence

from .mentions import Mention, quote
from .roles import Target, TargetSkill
from .taxonomy import Taxonomy

RELATED_CREDIT = 0.5
HEDGED_CREDIT = 0.5
IMPLY_DEPTH = 2
_CREDIT = {"named": ("matched", 1.0), "alternative": ("matched", 1.0), "implied": ("matched", 1.0),
           "negated": ("missing", 0.0), "missing": ("missing", 0.0)}
_REASONS = {"named": "named in the resume ({count}x)", "alternative": "alternative {via} found",
            "implied": "implied by {via}", "related": "related skill {via} found",
            "hedged": "only tentatively (\"{cue}\")", "negated": "the resume says otherwise (\"{cue}\")",
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
    basis: str  # "named", "alternative", "implied", "related", "hedged", "negated" or "missing"
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


@dataclass
class ResumeSkills:
    """A resume's skills reduced to ids, ready to be scored against any number of targets."""

    counts: dict[str, int]  # skill id -> number of affirmed mentions
    implied: dict[str, str]  # broader skill -> the resume skill that implies it
    related_to: dict[str, str]  # skill -> a resume skill that lists it as related
    hedged: dict[str, str]  # skill only mentioned tentatively -> the cue ("exposure to")
    negated: dict[str, str]  # skill only mentioned as lacking -> the cue ("no experience with")

    @classmethod
    def from_mentions(cls, mentions: Sequence[Mention], taxonomy: Taxonomy) -> "ResumeSkills":
        counts: dict[str, int] = {}
        hedged: dict[str, str] = {}
        negated: dict[str, str] = {}
        for m in mentions:
            if m.polarity == "affirmed":
                counts[m.skill_id] = counts.get(m.skill_id, 0) + 1
            else:
                (hedged if m.polarity == "hedged" else negated).setdefault(m.skill_id, m.cue or "")
        implied: dict[str, str] = {}
        related_to: dict[str, str] = {}
        for sid in sorted(counts, key=lambda s: (-counts[s], s)):  # credit the most-mentioned skill
            for ancestor in taxonomy.ancestors(sid, IMPLY_DEPTH):
                implied.setdefault(ancestor, sid)
            for other in taxonomy[sid].related:
                related_to.setdefault(other, sid)
        hedged = {sid: cue for sid, cue in hedged.items() if sid not in counts}
        negated = {sid: cue for sid, cue in negated.items() if sid not in counts and sid not in hedged}
        return cls(counts, implied, related_to, hedged, negated)

    def mentioned(self) -> set[str]:
        """Skills that can earn credit: affirmed or hedged."""
        return set(self.counts).union(self.hedged)


def verdict(ts: TargetSkill, have: ResumeSkills, taxonomy: Taxonomy) -> tuple[str, str | None]:
    """`(basis, via)` for one target skill: how the resume covers it, and through which skill."""
    sid = ts.skill_id
    if sid in have.counts:
        return "named", None
    if alt := next((a for a in ts.alternatives if a in have.counts), None):
        return "alternative", alt
    if sid in have.implied:
        return "implied", have.implied[sid]
    if sid in have.hedged:
        return "hedged", None
    if other := next((r for r in taxonomy[sid].related if r in have.counts), have.related_to.get(sid)):
        return "related", other
    if sid in have.negated:
        return "negated", None
    return "missing", None


class CreditSources:
    """For each target skill, every resume skill that `verdict` could credit it through.

    A resume with none of them misses the skill, which batch scoring checks with one set
    operation instead of the full `verdict`.
    """

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._below: dict[str, set[str]] = {}
        self._related_by: dict[str, set[str]] = {}
        for skill in taxonomy:
            for ancestor in taxonomy.ancestors(skill.id, IMPLY_DEPTH):
                self._below.setdefault(ancestor, set()).add(skill.id)
            for other in skill.related:
                self._related_by.setdefault(other, set()).add(skill.id)

    def __call__(self, ts: TargetSkill) -> frozenset[str]:
        sid = ts.skill_id
        return frozenset({sid, *ts.alternatives, *self._below.get(sid, ()), *self.taxonomy[sid].related,
                          *self._related_by.get(sid, ())})


def credit(basis: str, related_credit: float = RELATED_CREDIT, hedged_credit: float = HEDGED_CREDIT
           ) -> tuple[str, float]:
    """`(status, credit)` for a basis."""
    if basis in ("related", "hedged"):
        return "partial", related_credit if basis == "related" else hedged_credit
    return _CREDIT[basis]


def weighted_score(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Weight-averaged credit of `(weight, credit)` pairs; None when there are none."""
    total = sum(w for w, _ in pairs)
    return round(sum(w * c for w, c in pairs) / total, 4) if pairs and total else None


def match(resume_text: str, mentions: Sequence[Mention], target: Target, taxonomy: Taxonomy,
          related_credit: float = RELATED_CREDIT, source: str = "") -> MatchReport:
    """Score how well the resume (its text and mentions) covers `target`."""
    by_skill: dict[str, list[Mention]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(m)
    have = ResumeSkills.from_mentions(mentions, taxonomy)

    def evidence(sid: str, polarity: str = "affirmed") -> list[Evidence]:
        return [Evidence(m.text, m.start, m.end, quote(resume_text, m.start, m.end), m.method, m.score)
                for m in by_skill[sid] if m.polarity == polarity][:3]

    results = []
    for ts in target.skills:
        basis, via = verdict(ts, have, taxonomy)
        skill = taxonomy[ts.skill_id]
        via_name = taxonomy[via].name if via else None
        status, given = credit(basis, related_credit)
        cue = have.hedged.get(skill.id) or have.negated.get(skill.id)
        reason = _REASONS[basis].format(via=via_name, count=have.counts.get(skill.id, 0), cue=cue)
        shown = (evidence(skill.id, "hedged") if basis == "hedged" else evidence(skill.id, "negated")
                 if basis == "negated" else evidence(via or skill.id) if given else [])
        results.append(SkillResult(skill.id, skill.name, ts.importance, ts.weight, status, given, basis,
                                   reason, via, via_name, shown))

    wanted = {ts.skill_id for ts in target.skills}
    used = wanted | {r.via for r in results if r.via}
    extra = [taxonomy[sid].name for sid in sorted(set(by_skill) - used, key=lambda s: -len(by_skill[s]))]
    return MatchReport(target.id, target.name, _score(results), _score(results, "required"),
                       _score(results, "preferred"), results, extra, source)


def _score(results: list[SkillResult], importance: str | None = None) -> float | None:
    score = weighted_score([(r.weight, r.credit) for r in results if importance in (None, r.importance)])
    return 0.0 if score is None and importance is None else score
