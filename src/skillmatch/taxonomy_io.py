"""Write taxonomies back to the YAML format that `load_taxonomy` reads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import yaml

from .errors import SkillmatchError
from .taxonomy import Skill, Taxonomy

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter is much faster


def skill_to_dict(skill: Skill) -> dict:
    """The YAML mapping for one skill, leaving out empty and default fields."""
    out: dict = {"id": skill.id, "name": skill.name, "kind": skill.kind}
    if skill.category:
        out["category"] = skill.category
    for field in ("aliases", "exact", "ambiguous", "context", "not_followed_by", "broader", "related"):
        values = getattr(skill, field)
        if values:
            out[field] = list(values)
    if not skill.fuzzy:
        out["fuzzy"] = False
    if not skill.match:
        out["match"] = False
    if skill.uri:
        out["uri"] = skill.uri
    if skill.attributes:
        out["attributes"] = dict(skill.attributes)
    if skill.description:
        out["description"] = skill.description
    return out


def write_taxonomy(taxonomy: Taxonomy | Iterable[Skill], path: str | Path, category: str = "",
                   linking: bool = False) -> None:
    """Write skills to one YAML file atomically (a temporary file renamed into place); `linking`
    writes `linking: true`, which asks `load()` to link by default."""
    data: dict = {"category": category, **({"linking": True} if linking else {}),
                  "skills": [skill_to_dict(s) for s in taxonomy]}
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    atomic_write_text(Path(path), text)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers never see a half-written file."""
    if path.is_dir():
        raise SkillmatchError(f"{path}: is a directory; give a file name to write to.")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise SkillmatchError(f"{path}: cannot write the file ({exc.strerror or exc}).") from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink()
