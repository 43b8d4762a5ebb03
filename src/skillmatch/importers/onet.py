"""Import O*NET's Technology Skills and Tools Used files (https://www.onetcenter.org/database.html).

Every distinct example ("Microsoft Excel", "Desktop computers") becomes a tool; its UNSPSC
commodity ("Spreadsheet software") becomes a grouping node it links to with `broader`. The
Hot Technology flag is kept as the attribute `hot_technology`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..taxonomy import alias_key
from .drafts import Draft, Imported, finish, unique_ids
from .rows import read_rows, source_file

WHAT = "the O*NET text files (Technology Skills.txt, Tools Used.txt)"
_COLUMNS = ("Example", "Commodity Code", "Commodity Title")


def import_onet(folder: str | Path) -> Imported:
    """Tools and technologies of an O*NET database folder (tab-separated text release)."""
    folder = Path(folder)
    rows = [(name, row) for name in ("Technology Skills.txt", "Tools Used.txt")
            for row in read_rows(source_file(folder, name, WHAT), _COLUMNS, delimiter="\t")]
    commodities: dict[str, str] = {}
    uses: dict[str, Counter] = {}  # example -> commodity code -> rows
    hot: dict[str, bool] = {}
    spelling: dict[str, str] = {}  # one spelling per example, compared as labels are (`alias_key`)
    for name, row in rows:
        if not row["Example"] or not row["Commodity Code"]:
            continue
        example = spelling.setdefault(alias_key(row["Example"]), row["Example"])
        commodities.setdefault(row["Commodity Code"], row["Commodity Title"])
        uses.setdefault(example, Counter())[row["Commodity Code"]] += 1
        if name.startswith("Technology"):
            hot[example] = hot.get(example, False) or row.get("Hot Technology") == "Y"
    groups = {code: Draft(id=f"onet-unspsc-{code}", name=title, kind="tool", match=False, category=title,
                          attributes={"commodity_code": code}) for code, title in sorted(commodities.items())}
    examples = sorted(uses, key=str.lower)
    drafts = list(groups.values())
    for sid, example in zip(unique_ids(examples, "onet-"), examples):
        codes = [code for code, _ in sorted(uses[example].items(), key=lambda kv: (-kv[1], kv[0]))]
        attributes = {"hot_technology": hot[example]} if example in hot else {}
        drafts.append(Draft(id=sid, name=example, kind="tool", category=commodities[codes[0]],
                            broader=[groups[c].id for c in codes], attributes=attributes))
    return finish(drafts, "O*NET")
