"""Entries under construction by an importer, and how their labels become a valid taxonomy.

Importers collect `Draft`s with every label the source gives; `finish` then settles labels
claimed by several entries (one owner each, the rest reported), decides which labels need
case-sensitive or evidence-guarded matching, and returns `Skill`s that pass validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..component import WEAK_KINDS
from ..errors import TaxonomyError
from ..taxonomy import Skill, Taxonomy, alias_key, english_words, free_id, skill_id

SOURCE_LABEL, VARIANT = 1, 2  # label priorities: the name (0) beats a source label beats a variant


@dataclass
class Draft:
    """One skill being imported: its name, candidate labels (label -> priority) and links."""

    id: str
    name: str
    kind: str
    category: str = ""
    labels: dict[str, int] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    match: bool = True
    uri: str = ""
    attributes: dict = field(default_factory=dict)
    description: str = ""

    def add_labels(self, labels, priority: int = SOURCE_LABEL) -> None:
        for label in labels:
            label = " ".join(label.split())
            if label and priority < self.labels.get(label, VARIANT + 1):
                self.labels[label] = priority


@dataclass
class Imported:
    """An importer's result: the validated taxonomy and plain-language notes on what was left out."""

    taxonomy: Taxonomy
    notes: list[str]


def unique_ids(names: list[str], prefix: str = "") -> list[str]:
    """Ids for `names`, numbered (`-2`, `-3`) where two names give the same id."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        out.append(free_id(f"{prefix}{skill_id(name)}", taken))
        taken.add(out[-1])
    return out


def placement(form: str, kind: str) -> tuple[str, str] | None:
    """Where a label goes: `("aliases" | "exact" | "ambiguous", form)`, or None to drop it.

    Labels that are everyday words must not match everywhere: stop words count only when
    written in capitals (`LESS`), short lowercase acronyms only in capitals (`ux` -> `UX`), and
    single dictionary words of tools and products only with evidence (a list, a cue).
    """
    if " " in form:
        return "aliases", form
    lower = form.lower()
    if lower in STOP_WORDS:
        return ("exact", form) if form != lower and len(form) > 1 else None
    if form.isalpha() and len(form) <= 3:
        if len(form) == 1:
            return "ambiguous", form.upper()
        return "exact", form.upper() if form.islower() else form
    if (kind not in WEAK_KINDS and form.isalpha() and (form.istitle() or form.islower())
            and (len(form) < 6 or lower in english_words())):
        return "ambiguous", form
    return "aliases", form


def finish(drafts: list[Draft], source: str) -> Imported:
    """Skills from drafts, each label owned by one skill; a note on the labels dropped."""
    owners = _owners(drafts)
    names = {d.id: d.name for d in drafts}
    dropped: list[tuple[str, str, str]] = []  # (label, kept on, dropped from)
    skills = []
    for d in drafts:
        forms: dict[str, list[str]] = {"aliases": [], "exact": [], "ambiguous": []}
        if d.match:
            name_at = placement(d.name, d.kind) or ("exact", d.name)
            if name_at[0] != "aliases":
                forms[name_at[0]].append(name_at[1])
            name_key = alias_key(d.name)
            for label, priority in d.labels.items():
                key = alias_key(label)
                owner = owners[key]
                where = placement(label, d.kind) if owner == d.id and key != name_key else None
                if where is not None:
                    forms[where[0]].append(where[1])
                elif owner != d.id and priority == SOURCE_LABEL:
                    dropped.append((label, names[owner], d.name))
        skills.append(Skill(
            id=d.id, name=d.name, kind=d.kind, category=d.category, description=d.description,
            aliases=_unique(forms["aliases"]), exact=_unique(forms["exact"]),
            ambiguous=_unique(forms["ambiguous"]), broader=tuple(dict.fromkeys(d.broader)),
            related=tuple(dict.fromkeys(r for r in d.related if r != d.id)), match=d.match,
            uri=d.uri, attributes=tuple(sorted(d.attributes.items())), source=source))
    return Imported(Taxonomy(skills, name=source), _drop_notes(dropped))  # validated: what importers return loads


def _owners(drafts: list[Draft]) -> dict[str, str]:
    """Label key -> the one matchable draft that keeps it: its name's owner, else the closest name."""
    best: dict[str, tuple[int, float, str]] = {}  # label key -> (priority, -closeness, draft id), least wins
    for d in drafts:
        if not d.match:
            continue
        name_key = alias_key(d.name)
        if best.get(name_key, (1,))[0] == 0:
            raise TaxonomyError(f"'{d.name}' names two skills ('{best[name_key][2]}' and '{d.id}').")
        for label, priority in [(d.name, 0), *d.labels.items()]:
            key = alias_key(label)
            claim = (priority, -fuzz.token_set_ratio(key, name_key), d.id)
            best[key] = min(best.get(key, claim), claim)
    return {key: claim[2] for key, claim in best.items()}


def _unique(forms: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for form in forms:
        seen.setdefault(alias_key(form), form)
    return tuple(seen.values())


def _drop_notes(dropped: list[tuple[str, str, str]], examples: int = 3) -> list[str]:
    if not dropped:
        return []
    shown = "; ".join(f"'{label}' kept on '{kept}', dropped from '{lost}'" for label, kept, lost in dropped[:examples])
    return [f"{len(dropped)} label(s) shared by several skills were kept on the skill with the "
            f"closest name only (e.g. {shown})."]
