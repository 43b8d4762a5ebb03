"""Import the official ESCO CSV export (https://esco.ec.europa.eu/en/use-esco/download).

Skills keep their concept URI (`uri`, and an id derived from it), their preferred label as the
name, alternative and hidden labels as aliases, skill type and reuse level as attributes.
Skill groups become grouping nodes (`match: false`) linked by `broader`; skill-to-skill
relations become `related` links.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..taxonomy import skill_id
from .drafts import VARIANT, Draft, Imported, finish
from .rows import optional_file, read_rows, source_file, split_list

WHAT = "the ESCO CSV export (skills_en.csv, skillGroups_en.csv, broaderRelationsSkillPillar.csv)"
_COLUMNS = ("conceptUri", "preferredLabel", "altLabels")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Java (computer programming)"


def esco_id(uri: str) -> str:
    """`http://data.europa.eu/esco/skill/0005c151-...` -> `esco-0005c151-...`."""
    tail = uri.split("/esco/", 1)[-1]
    return "esco-" + skill_id(tail.removeprefix("skill/"))


def import_esco(folder: str | Path) -> Imported:
    """Skills and skill groups of an ESCO export folder (the `classification` and `relations` CSVs)."""
    folder = Path(folder)
    paths = {name: source_file(folder, name, WHAT) for name in
             ("skills_en.csv", "skillGroups_en.csv", "broaderRelationsSkillPillar.csv")}
    languages = _language_uris(folder)
    drafts: dict[str, Draft] = {}
    for row in read_rows(paths["skills_en.csv"], (*_COLUMNS, "skillType", "reuseLevel", "hiddenLabels")):
        drafts[row["conceptUri"]] = _skill(row, languages)
    for row in read_rows(paths["skillGroups_en.csv"], _COLUMNS):
        attributes = {"code": row["code"]} if row.get("code") else {}
        drafts.setdefault(row["conceptUri"], Draft(
            id=esco_id(row["conceptUri"]), name=row["preferredLabel"], kind="knowledge",
            match=False, uri=row["conceptUri"], attributes=attributes))
    for row in read_rows(paths["broaderRelationsSkillPillar.csv"], ("conceptUri", "broaderUri")):
        child, parent = drafts.get(row["conceptUri"]), drafts.get(row["broaderUri"])
        if child and parent:
            child.broader.append(parent.id)
    _add_related(folder, drafts)
    _set_categories(drafts)
    return finish(sorted(drafts.values(), key=lambda d: d.id), "ESCO")


def _skill(row: dict[str, str], languages: set[str]) -> Draft:
    uri, name = row["conceptUri"], row["preferredLabel"]
    kind = ("human-language" if uri in languages
            else "knowledge" if row["skillType"] == "knowledge"
            else "soft-skill" if row["reuseLevel"] == "transversal" else "method")
    attributes = {k: row[c] for k, c in (("skill_type", "skillType"), ("reuse_level", "reuseLevel")) if row[c]}
    draft = Draft(id=esco_id(uri), name=name, kind=kind, uri=uri, attributes=attributes)
    labels = [*split_list(row["altLabels"]), *split_list(row["hiddenLabels"])]
    draft.add_labels(labels)
    bare = _QUALIFIER.sub("", name)
    draft.add_labels([bare] if bare != name else [], VARIANT)
    return draft


def _language_uris(folder: Path) -> set[str]:
    """Knowledge concepts of the language collection (`English`), when the export has it."""
    path = optional_file(folder, "languageSkillsCollection_en.csv")
    if path is None:
        return set()
    return {r["conceptUri"] for r in read_rows(path, ("conceptUri", "skillType")) if r["skillType"] == "knowledge"}


def _add_related(folder: Path, drafts: dict[str, Draft]) -> None:
    path = optional_file(folder, "skillSkillRelations.csv")
    if path is None:
        return
    for row in read_rows(path, ("originalSkillUri", "relatedSkillUri")):
        one, other = drafts.get(row["originalSkillUri"]), drafts.get(row["relatedSkillUri"])
        if one and other:
            one.related.append(other.id)


def _set_categories(drafts: dict[str, Draft]) -> None:
    """Each skill's category: the label of its nearest skill group."""
    by_id = {d.id: d for d in drafts.values()}
    for draft in drafts.values():
        frontier, seen = list(draft.broader), set()
        while frontier and not draft.category:
            groups = sorted(by_id[p].name for p in frontier if not by_id[p].match)
            if groups:
                draft.category = groups[0]
            seen.update(frontier)
            frontier = [g for p in frontier for g in by_id[p].broader if g not in seen]
