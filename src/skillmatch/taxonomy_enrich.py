"""Crosswalk: give the skills of an imported taxonomy the written forms and guards of ours.

Large classifications such as ESCO label a skill once or twice ("SQL Server", "Kubernetes");
the shipped taxonomy lists how texts write it ("MS SQL", "k8s") and which forms need evidence
("Go" next to "Golang"). A source skill *corresponds* to one target skill when they share a
label, preferring the strongest evidence: source name = target name, then a source alias = target
name, then source name = target alias. Only a single target skill at the strongest level counts.

The target skill then gains the source's aliases and guarded forms (with their `context` and
`not_followed_by` words), and a target label that the source guards becomes guarded too. A form
that another target skill already holds is left out.
"""

from __future__ import annotations

from dataclasses import replace

from .taxonomy import Skill, Taxonomy, alias_key, guarded_forms, insensitive_forms
from .taxonomy_merge import Merged


def _labels(skill: Skill) -> list[str]:
    return [*insensitive_forms(skill), *guarded_forms(skill)]


def correspondences(target: Taxonomy, source: Taxonomy) -> dict[str, list[Skill]]:
    """Target skill id -> the source skills that correspond to it (see the module docstring)."""
    names: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for skill in target:
        if skill.match:
            names.setdefault(alias_key(skill.name), set()).add(skill.id)
            for form in _labels(skill):
                labels.setdefault(alias_key(form), set()).add(skill.id)
    out: dict[str, list[Skill]] = {}
    for skill in source:
        if not skill.match:
            continue
        name, others = alias_key(skill.name), {alias_key(f) for f in _labels(skill)} - {alias_key(skill.name)}
        for found in (names.get(name, set()), set().union(*(names.get(k, set()) for k in others)),
                      labels.get(name, set()), set().union(*(labels.get(k, set()) for k in others))):
            if found:
                if len(found) == 1:
                    out.setdefault(next(iter(found)), []).append(skill)
                break
    return out


def enrich_taxonomy(target: Taxonomy, source: Taxonomy) -> Merged:
    """`target` with the forms and guards of the `source` skills that correspond to its skills
    (forms another target skill holds are left out); one note counts them."""
    matches = correspondences(target, source)
    taken = {alias_key(form) for skill in target for form in _labels(skill)}
    skills = {s.id: s for s in target}
    for tid, sources in matches.items():
        skills[tid] = _gain(skills[tid], sources, taken)
    notes = [f"gave {len(matches):,} skills the forms of {sum(map(len, matches.values())):,} skills sharing a "
             "label with them."]
    return Merged(Taxonomy(skills.values(), name=target.name, linking=target.linking), notes)


def _gain(skill: Skill, sources: list[Skill], taken: set[str]) -> Skill:
    """`skill` with the forms of `sources` whose alias_key is not `taken` (then taken), and their guards."""
    fields = {f: list(getattr(skill, f)) for f in ("aliases", "exact", "ambiguous", "context", "not_followed_by")}
    for source in sources:
        guarded = {form: f for f in ("exact", "ambiguous") for form in getattr(source, f)}
        for form in insensitive_forms(skill):  # a label the source guards is guarded here too
            if form in guarded and form not in fields["exact"] + fields["ambiguous"]:
                fields["aliases"] = [a for a in fields["aliases"] if a != form]
                fields[guarded[form]].append(form)
        for field in ("aliases", "exact", "ambiguous"):
            name = [source.name] if field == "aliases" and source.name in insensitive_forms(source) else []
            for form in [*name, *getattr(source, field)]:
                if alias_key(form) not in taken:
                    taken.add(alias_key(form))
                    fields[field].append(form)
        for field in ("context", "not_followed_by"):
            fields[field] += [w for w in getattr(source, field) if w not in fields[field]]
    return replace(skill, **{f: tuple(v) for f, v in fields.items()})
