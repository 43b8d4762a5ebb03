"""Role profiles from postings: the skills a set of postings for one role asks for.

Each posting is read as `posting.posting_target` reads it: every skill it asks for is required
or preferred there. Over the N postings a skill is

- kept when at least `min_share` of them ask for it;
- required when at least `required_share` of them require it, otherwise preferred;
- ranked by (postings requiring it + half the postings only preferring it) / N, then by mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import yaml

from .mentions import Mention
from .posting import posting_target
from .roles import DEFAULT_WEIGHTS

REQUIRED_SHARE = 0.5
MIN_SHARE = 0.1


@dataclass(frozen=True)
class RoleSkill:
    """How a set of postings asks for one skill."""

    skill_id: str
    required: int  # postings requiring it
    preferred: int  # postings only preferring it
    mentions: int

    def weight(self, n_docs: int) -> float:
        return (self.required + 0.5 * self.preferred) / n_docs


def tally_skills(postings: Iterable[tuple[str, Sequence[Mention]]]) -> tuple[int, list[RoleSkill]]:
    """The number of postings and, per skill, how they ask for it; `postings` are (text, mentions)."""
    required: Counter = Counter()
    preferred: Counter = Counter()
    mentions: Counter = Counter()
    n = 0
    for text, found in postings:
        n += 1
        for skill in posting_target(text, found).skills:
            (required if skill.importance == "required" else preferred)[skill.skill_id] += 1
        mentions.update(m.skill_id for m in found if m.polarity != "negated")
    ids = set(required) | set(preferred)
    return n, [RoleSkill(sid, required[sid], preferred[sid], mentions[sid]) for sid in ids]


def choose_skills(skills: Sequence[RoleSkill], n_docs: int, required_share: float = REQUIRED_SHARE,
                  min_share: float = MIN_SHARE) -> tuple[list[RoleSkill], list[RoleSkill]]:
    """(required, preferred) skills, each best first."""
    ranked = sorted(skills, key=lambda s: (-s.weight(n_docs), -s.mentions, s.skill_id))
    kept = [s for s in ranked if (s.required + s.preferred) / n_docs >= min_share]
    required = [s for s in kept if s.required / n_docs >= required_share]
    return required, [s for s in kept if s.required / n_docs < required_share]


def role_yaml(role_id: str, title: str, description: str, required: Sequence[RoleSkill],
              preferred: Sequence[RoleSkill], n_docs: int, header: str) -> str:
    """The role file: `header` as comments, then the profile with each skill's counts as a comment."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"id: {role_id}", f"name: {_scalar(title)}"]
    if description:
        lines.append(f"description: {_scalar(description)}")
    lines.append(f"weights: {{required: {DEFAULT_WEIGHTS['required']}, preferred: {DEFAULT_WEIGHTS['preferred']}}}")
    for key, group in (("required", required), ("preferred", preferred)):
        lines.append(f"{key}:" if group else f"{key}: []")
        lines += [f"  - {s.skill_id}  # {_counts(s, n_docs)}" for s in group]
    return "\n".join(lines) + "\n"


def _counts(skill: RoleSkill, n_docs: int) -> str:
    asked = skill.required + skill.preferred
    how = f"required in {skill.required}" + (f", preferred in {skill.preferred}" if skill.preferred else "")
    return f"{asked} of {n_docs} documents ({how}); {skill.mentions} mention{'s' * (skill.mentions != 1)}"


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=10_000).removesuffix("\n...\n").strip()
