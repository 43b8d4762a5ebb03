"""Merge several taxonomies into one, reporting every conflict and how it was settled.

Earlier taxonomies win. A skill whose `uri` an earlier skill holds, or whose name is already a
label of an earlier skill, is the same skill: its labels and links join the earlier one. A
label claimed by two different skills stays with the earlier one. Two different skills with one
id: the later gets a numbered id (`python-2`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .taxonomy import Skill, Taxonomy, alias_key, free_id

_FORM_FIELDS = ("aliases", "exact", "ambiguous")


@dataclass
class Merged:
    """The merged taxonomy and one sentence per conflict."""

    taxonomy: Taxonomy
    conflicts: list[str] = field(default_factory=list)


class _Merger:
    def __init__(self) -> None:
        self.skills: dict[str, Skill] = {}  # result id -> skill (links filled in last)
        self.first: dict[str, Skill] = {}  # result id -> the input skill it started from
        self.into: dict[tuple[int, str], str] = {}  # (input index, input id) -> result id
        self.owner: dict[str, str] = {}  # label key -> result id
        self.uris: dict[str, str] = {}
        self.conflicts: list[str] = []

    def add(self, index: int, skill: Skill) -> None:
        target = self.uris.get(skill.uri) if skill.uri else None
        if target is None and skill.match:
            target = self.owner.get(alias_key(skill.name))
        if target is None and skill.id in self.skills and not skill.match and self.skills[skill.id].name == skill.name:
            target = skill.id
        if target is not None:
            if self.first[target] != skill:
                self.conflicts.append(f"'{skill.name}' ({skill.id}, {skill.source}) is the same skill as "
                                      f"'{self.skills[target].name}' ({target}, {self.skills[target].source}); "
                                      f"merged into '{target}'.")
            name = "aliases"
        else:
            target = self._free_id(skill)
            self.first[target] = skill
            self.skills[target] = replace(skill, id=target, broader=(), related=(),
                                          **{f: () for f in _FORM_FIELDS})
            name = "name"
        self.into[(index, skill.id)] = target
        if skill.uri:
            self.uris.setdefault(skill.uri, target)
        if skill.match:  # guarded forms first: a name written in `exact` must stay there
            self._claim(target, skill, [*((f, form) for f in _FORM_FIELDS for form in getattr(skill, f)),
                                        (name, skill.name)])

    def _free_id(self, skill: Skill) -> str:
        sid = free_id(skill.id, self.skills)
        if sid != skill.id:
            self.conflicts.append(f"id '{skill.id}' names different skills in {self.skills[skill.id].source} "
                                  f"and {skill.source}; the second is now '{sid}'.")
        return sid

    def _claim(self, target: str, skill: Skill, forms: list[tuple[str, str]]) -> None:
        added: dict[str, list[str]] = {f: list(getattr(self.skills[target], f)) for f in _FORM_FIELDS}
        for where, form in forms:
            key = alias_key(form)
            holder = self.owner.get(key)
            if holder is None:
                self.owner[key] = target
                if where != "name":
                    added[where].append(form)
            elif holder != target:
                self.conflicts.append(f"label '{form}' of '{skill.name}' ({skill.source}) already belongs to "
                                      f"'{self.skills[holder].name}' ({holder}); dropped.")
        self.skills[target] = replace(self.skills[target], **{f: tuple(v) for f, v in added.items()})

    def link(self, index: int, skill: Skill) -> None:
        target = self.into[(index, skill.id)]
        current = self.skills[target]
        links = {}
        for rel in ("broader", "related"):
            mapped = (self.into[(index, ref)] for ref in getattr(skill, rel))
            links[rel] = tuple(dict.fromkeys([*getattr(current, rel), *(m for m in mapped if m != target)]))
        self.skills[target] = replace(current, **links)


def merge_taxonomies(taxonomies: list[Taxonomy]) -> Merged:
    """One taxonomy holding the skills of all, earlier ones first; conflicts as sentences."""
    merger = _Merger()
    for index, tax in enumerate(taxonomies):
        for skill in tax:
            merger.add(index, skill)
    for index, tax in enumerate(taxonomies):
        for skill in tax:
            merger.link(index, skill)
    linking = any(t.linking for t in taxonomies)
    return Merged(Taxonomy(merger.skills.values(), name="merged", linking=linking), merger.conflicts)
