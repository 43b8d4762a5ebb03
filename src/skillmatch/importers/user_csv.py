"""Import a user's own skill list from a CSV file (see docs/taxonomy-import.md).

Columns: `name` (required), `aliases` (separated by `;` or `|`), `category`, `broader` (names
or ids of other rows, separated by `;`), and optionally `id`, `kind` and `description`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import TaxonomyError
from ..taxonomy import KINDS, alias_key, skill_id
from .drafts import Draft, Imported, finish
from .rows import read_rows, split_list

DEFAULT_KIND = "knowledge"


def import_csv(path: str | Path) -> Imported:
    """Skills of a CSV file with one skill per row."""
    path = Path(path)
    if not path.is_file():
        raise TaxonomyError(f"{path}: no such file; give a CSV file with a 'name' column.")
    drafts, parents, by_key = [], [], {}
    for number, row in enumerate(read_rows(path, ("name",)), start=2):
        where = f"{path.name}, row {number}"
        name, kind = row["name"], row.get("kind") or DEFAULT_KIND
        if not name:
            raise TaxonomyError(f"{where}: the 'name' cell is empty.")
        if kind not in KINDS:
            raise TaxonomyError(f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}.")
        if row.get("id") and skill_id(row["id"]) != row["id"]:
            raise TaxonomyError(f"{where}: id '{row['id']}' must be lowercase letters, digits and hyphens.")
        draft = Draft(id=row.get("id") or skill_id(name), name=name, kind=kind, category=row.get("category", ""),
                      description=row.get("description", ""))
        draft.add_labels(split_list(row.get("aliases", ""), ";|"))
        for key in {draft.id, alias_key(name)}:
            if key in by_key:
                raise TaxonomyError(f"{where}: '{name}' repeats the skill '{by_key[key][1].name}' "
                                    f"of row {by_key[key][0]}.")
            by_key[key] = (number, draft)
        drafts.append(draft)
        parents.append((where, split_list(row.get("broader", ""), ";|")))
    for draft, (where, names) in zip(drafts, parents):
        for parent in names:
            found = by_key.get(parent) or by_key.get(alias_key(parent))
            if found is None:
                raise TaxonomyError(f"{where}: broader skill '{parent}' is not a row of the file.")
            draft.broader.append(found[1].id)
    return finish(drafts, path.name)
