"""Coverage of a target (role or posting) by a resume: a verdict, credit and reason per skill.

Credit for each target skill (`Credits` sets the partial ones):
- 1.0 when the resume names it, or names a narrower skill at most `IMPLY_DEPTH` broader links
  below it (PostgreSQL covers relational databases), or names one of the alternatives the
  target accepts ("PyTorch or TensorFlow");
- `related` (default 0.5) when the resume only names a related skill (TensorFlow for PyTorch);
- `hedged` (default 0.5) when the resume only names it tentatively ("exposure to Spark",
  "willing to learn Rust");
- 0 otherwise, including when the resume says it lacks it ("no experience with Kubernetes").
When the target asks for years ("5+ years of Python") and the resume shows fewer, a matched
skill becomes partial with credit years found / years asked (at least `years_floor`).
Only affirmed mentions count as named, or imply and relate to other skills. The score is the
weight-averaged credit, weights set by required/preferred. See docs/gap-report.md.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Sequence

from .experience import resume_years
from .mentions import Mention, quote
from .roles import Target, TargetSkill
from .sections import Section, SectionIndex, sections
from .taxonomy import Taxonomy

SCHEMA_VERSION = "1.2"
IMPLY_DEPTH = 2
_CREDIT = {"named": ("matched", 1.0), "alternative": ("matched", 1.0), "implied": ("matched", 1.0),
           "negated": ("missing", 0.0), "missing": ("missing", 0.0)}
_REASONS = {"named": "named in the resume ({count}x)", "alternative": "alternative {via} found",
            "implied": "implied by {via}", "related": "related skill {via} found",
            "hedged": "only tentatively (\"{cue}\")", "negated": "the resume says otherwise (\"{cue}\")",
            "missing": "not found in the resume"}
_STATUS_RANK = {"missing": 0, "partial": 1, "matched": 2}


@dataclass(frozen=True)
class Credits:
    """Credit for partial evidence: a related skill, a tentative mention, too few years."""

    related: float = 0.5
    hedged: float = 0.5
    years_floor: float = 0.25  # least credit for a skill shown with fewer years than asked

    def __post_init__(self):
        for name in ("related", "hedged", "years_floor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"credit '{name}' must be between 0 and 1, not {getattr(self, name)}.")


DEFAULT_CREDITS = Credits()


@dataclass(frozen=True)
class Evidence:
    """Where the resume shows a skill: the matched text, offsets, line, section and PDF page."""

    text: str
    start: int
    end: int
    quote: str
    method: str
    score: float
    polarity: str = "affirmed"
    section: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class Years:
    """Years of a skill asked for by the target against those the resume shows."""

    required: float
    found: float | None  # None when the resume gives no dates or years for it
    source: str | None  # "stated" ("6 years of Python") or "dated roles"
    status: str  # "met", "unmet" or "unknown"


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
    importance_reason: str = ""  # why the target requires or prefers it
    job_quote: str = ""  # the posting's words asking for it
    years: Years | None = None
    alternatives: tuple[str, ...] = ()  # other skills the target accepts instead ("Vue or Angular")


def gap_groups(missing: Sequence[tuple[str, tuple[str, ...]]]) -> list[list[int]]:
    """Indices of `(skill id, alternatives)` pairs of missing skills, grouped so that alternatives
    missing together form one gap ("Vue.js or Angular"); in order of first appearance."""
    at = {sid: i for i, (sid, _) in enumerate(missing)}
    groups, done = [], set()
    for i, (sid, alternatives) in enumerate(missing):
        if i not in done:
            group = [i] + [at[a] for a in alternatives if a in at and at[a] not in done and at[a] != i]
            done.update(group)
            groups.append(group)
    return groups


@dataclass
class MatchReport:
    """Coverage of `target` by a resume, with evidence for every verdict.

    `results` come missing-required first. `to_dict()` follows docs/report-schema.md.
    """

    target_id: str
    target_name: str
    score: float
    required_score: float | None
    preferred_score: float | None
    results: list[SkillResult]
    extra: list[str]  # names of resume skills the target does not ask for
    source: str = ""
    credits: Credits = DEFAULT_CREDITS
    resume_text: str = field(default="", repr=False)
    mentions: list[Mention] = field(default_factory=list, repr=False)

    @property
    def matched(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "matched"]

    @property
    def partial(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "partial"]

    @property
    def missing(self) -> list[SkillResult]:
        return [r for r in self.results if r.status == "missing"]

    def gaps(self, importance: str | None = None) -> list[str]:
        """Names of the missing skills (of one importance), alternatives once: "Vue.js or Angular"."""
        missing = [r for r in self.missing if importance in (None, r.importance)]
        return [" or ".join(missing[i].name for i in group)
                for group in gap_groups([(r.skill_id, r.alternatives) for r in missing])]

    def to_dict(self) -> dict:
        """The report as plain data (schema `SCHEMA_VERSION`, without the resume's text)."""
        out = {"schema_version": SCHEMA_VERSION}
        out.update({k: v for k, v in asdict(self).items() if k not in ("resume_text", "mentions")})
        for result in out["results"]:  # JSON types throughout: lists, not tuples
            result["alternatives"] = list(result["alternatives"])
        out["counts"] = {s: sum(r.status == s for r in self.results) for s in ("matched", "partial", "missing")}
        out["missing_required"] = [r.name for r in self.results if r.status == "missing" and r.importance == "required"]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_markdown(self) -> str:
        from .report import match_markdown

        return match_markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page: score, gaps, and the resume with its evidence highlighted."""
        from .html_report import match_html

        return match_html(self)


@dataclass
class ResumeSkills:
    """A resume's skills reduced to ids, ready to be scored against any number of targets."""

    counts: dict[str, int]  # skill id -> number of affirmed mentions
    implied: dict[str, str]  # broader skill -> the resume skill that implies it
    related_to: dict[str, str]  # skill -> a resume skill that lists it as related
    hedged: dict[str, str]  # skill only mentioned tentatively -> the cue ("exposure to")
    negated: dict[str, str]  # skill only mentioned as lacking -> the cue ("no experience with")
    years: dict[str, tuple[float, str]] = field(default_factory=dict)  # skill -> (years, "stated"/"dated roles")

    @classmethod
    def from_mentions(cls, mentions: Sequence[Mention], taxonomy: Taxonomy, text: str | None = None,
                      as_of: date | None = None, found_sections: Sequence[Section] | None = None
                      ) -> "ResumeSkills":
        """Reduce mentions to ids; with the resume's `text` (and its sections, when already
        found), years per skill are counted too."""
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
        if text is None:
            return cls(counts, implied, related_to, hedged, negated)
        years = resume_years(text, mentions, found_sections or sections(text), as_of)
        return cls(counts, implied, related_to, hedged, negated, years)

    def mentioned(self) -> set[str]:
        """Skills that can earn credit: affirmed or hedged."""
        return set(self.counts).union(self.hedged)


def verdict(ts: TargetSkill, have: ResumeSkills, taxonomy: Taxonomy) -> tuple[str, str | None]:
    """`(basis, via)` for one target skill: how the resume covers it, and through which skill."""
    sid = ts.skill_id
    if sid in have.counts:
        return "named", None
    if alt := next((a for a in ts.alternatives if a in have.counts), None) or next(
            (have.implied[a] for a in ts.alternatives if a in have.implied), None):  # "Spark or Databricks": PySpark
        return "alternative", alt
    if sid in have.implied:
        return "implied", have.implied[sid]
    if sid in have.hedged:
        return "hedged", None
    if alt := next((a for a in ts.alternatives if a in have.hedged), None):  # "Vue or Angular": Vue, tentatively
        return "hedged", alt
    if sid in have.negated:  # "never used Azure" outweighs related AWS
        return "negated", None
    if other := next((r for r in taxonomy[sid].related if r in have.counts), have.related_to.get(sid)):
        return "related", other
    return "missing", None


@dataclass(frozen=True)
class Judgement:
    """`verdict` with its status, credit and years check."""

    basis: str
    via: str | None
    status: str
    credit: float
    years: Years | None


def judge(ts: TargetSkill, have: ResumeSkills, taxonomy: Taxonomy, credits: Credits = DEFAULT_CREDITS
          ) -> Judgement:
    """The verdict on one target skill, with years asked for weighed against years shown."""
    basis, via = verdict(ts, have, taxonomy)
    status, given = credit(basis, credits)
    if ts.min_years is None:
        return Judgement(basis, via, status, given, None)
    if status == "missing":
        return Judgement(basis, via, status, given, Years(ts.min_years, 0.0, None, "unmet"))
    sources = [ts.skill_id, via]
    if basis == "implied":  # the years of any narrower skill named ("5+ years of nursing": med-surg nursing)
        sources += [s for s in have.years if ts.skill_id in taxonomy.ancestors(s, IMPLY_DEPTH)]
    found, source = max((have.years.get(s, (None, None)) for s in sources),
                        key=lambda fs: -1.0 if fs[0] is None else fs[0])
    if found is None:
        return Judgement(basis, via, status, given, Years(ts.min_years, None, None, "unknown"))
    if found >= ts.min_years:
        return Judgement(basis, via, status, given, Years(ts.min_years, found, source, "met"))
    share = max(credits.years_floor, round(found / ts.min_years, 2))
    return Judgement(basis, via, "partial", min(given, share), Years(ts.min_years, found, source, "unmet"))


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
                          *self._related_by.get(sid, ()), *(b for a in ts.alternatives for b in self._below.get(a, ()))})


def credit(basis: str, credits: Credits = DEFAULT_CREDITS) -> tuple[str, float]:
    """`(status, credit)` for a basis."""
    if basis in ("related", "hedged"):
        return "partial", credits.related if basis == "related" else credits.hedged
    return _CREDIT[basis]


def weighted_score(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Weight-averaged credit of `(weight, credit)` pairs (a plain average when every weight is
    0); None when there are none."""
    if not pairs:
        return None
    total = sum(w for w, _ in pairs)
    if not total:
        return round(sum(c for _, c in pairs) / len(pairs), 4)
    return round(sum(w * c for w, c in pairs) / total, 4)


def years_text(years: Years) -> str:
    """"3.5 of 5+ years (dated roles)", "5+ years asked, none shown" and the like."""
    if years.found is None:
        return f"{years.required:g}+ years asked, none stated or dated"
    return f"{years.found:g} of {years.required:g}+ years ({years.source or 'not named'})"


def page_of(text: str, offset: int) -> int | None:
    """1-based PDF page of a character offset, when the text came from a PDF."""
    starts = getattr(text, "page_starts", None)
    return bisect_right(starts, offset) if starts else None


def match(resume_text: str, mentions: Sequence[Mention], target: Target, taxonomy: Taxonomy,
          credits: Credits = DEFAULT_CREDITS, source: str = "", as_of: date | None = None) -> MatchReport:
    """Score how well the resume (its text and mentions) covers `target`."""
    by_skill: dict[str, list[Mention]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(m)
    found = sections(resume_text)
    needs_years = any(ts.min_years is not None for ts in target.skills)
    have = ResumeSkills.from_mentions(mentions, taxonomy, resume_text if needs_years else None, as_of, found)
    section_of = SectionIndex(found)

    def evidence(sid: str, polarity: str = "affirmed") -> list[Evidence]:
        return [Evidence(m.text, m.start, m.end, quote(resume_text, m.start, m.end), m.method, m.score, polarity,
                         section_of(m.start).kind, page_of(resume_text, m.start))
                for m in by_skill[sid] if m.polarity == polarity][:3]

    results = []
    for ts in target.skills:
        j = judge(ts, have, taxonomy, credits)
        skill = taxonomy[ts.skill_id]
        via_name = taxonomy[j.via].name if j.via else None
        cue = have.hedged.get(j.via or skill.id) if j.basis == "hedged" else have.negated.get(skill.id)
        reason = _REASONS[j.basis].format(via=via_name, count=have.counts.get(skill.id, 0), cue=cue)
        if j.basis == "hedged" and j.via:
            reason = f"alternative {via_name} {reason}"
        if j.years is not None and j.status != "missing":
            reason += f"; {years_text(j.years)}"
        shown = (evidence(j.via or skill.id, j.basis) if j.basis in ("hedged", "negated")
                 else evidence(j.via or skill.id) if j.credit else [])
        results.append(SkillResult(skill.id, skill.name, ts.importance, ts.weight, j.status, j.credit, j.basis,
                                   reason, j.via, via_name, shown, ts.reason, ts.quote, j.years, ts.alternatives))
    results.sort(key=lambda r: (r.importance != "required", _STATUS_RANK[r.status], -r.weight, r.name.lower()))

    wanted = {ts.skill_id for ts in target.skills}
    used = wanted | {r.via for r in results if r.via}
    claimed = {sid for sid, ms in by_skill.items() if any(m.polarity != "negated" for m in ms)}
    extra = [taxonomy[sid].name for sid in sorted(claimed - used, key=lambda s: (-len(by_skill[s]), s))]
    return MatchReport(target.id, target.name, _score(results), _score(results, "required"),
                       _score(results, "preferred"), results, extra, source, credits, resume_text, list(mentions))


def _score(results: list[SkillResult], importance: str | None = None) -> float | None:
    score = weighted_score([(r.weight, r.credit) for r in results if importance in (None, r.importance)])
    return 0.0 if score is None and importance is None else score
