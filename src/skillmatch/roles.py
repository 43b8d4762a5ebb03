"""Role profiles: named sets of required and preferred skills (taxonomy/roles/*.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import TaxonomyError
from .taxonomy import Taxonomy, default_taxonomy_dir

DEFAULT_ROLE = "ml-engineer"
DEFAULT_WEIGHTS = {"required": 1.0, "preferred": 0.5}


@dataclass(frozen=True)
class TargetSkill:
    """One skill a target asks for, with its importance and weight in the score."""

    skill_id: str
    importance: str  # "required" or "preferred"
    weight: float
    alternatives: tuple[str, ...] = ()  # skills that satisfy this one too ("PyTorch or TensorFlow")
    reason: str = ""  # why it is required or preferred: the posting's cue or heading, or the role
    min_years: float | None = None  # years of experience asked for, when stated
    quote: str = ""  # the posting's words asking for it


@dataclass(frozen=True)
class Target:
    """What a resume is measured against: a role profile or the skills of a job posting."""

    id: str
    name: str
    skills: tuple[TargetSkill, ...]
    description: str = ""


def roles_dir(taxonomy_dir: Path | None = None) -> Path:
    return (taxonomy_dir or default_taxonomy_dir()) / "roles"


def available_roles(directory: Path | None = None) -> list[str]:
    """Ids of the role profiles in `directory` (default: the shipped ones)."""
    folder = directory or roles_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_role(name_or_path: str | Path, taxonomy: Taxonomy, directory: Path | None = None,
              weights: dict[str, float] | None = None) -> Target:
    """Load a role profile by id (from `directory`) or from a YAML file path; `weights` override
    the file's weights of required and preferred skills."""
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = (directory or roles_dir()) / f"{name_or_path}.yaml"
        if not path.is_file():
            known = ", ".join(available_roles(directory)) or "none"
            raise TaxonomyError(f"unknown role '{name_or_path}'; available roles: {known}.")
    elif not path.is_file():
        raise TaxonomyError(f"{path}: no such role file.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise TaxonomyError(f"{path.name}: the role file is not valid UTF-8 YAML.") from None
    return parse_role(data, taxonomy, path.name, weights)


def parse_role(data: object, taxonomy: Taxonomy, source: str, weights: dict[str, float] | None = None) -> Target:
    """Validate a role mapping against `taxonomy`; errors name the file and the skill."""
    if not isinstance(data, dict) or not data.get("id") or not data.get("name"):
        raise TaxonomyError(f"{source}: a role needs 'id', 'name' and 'required'/'preferred' skill lists.")
    weights = {**DEFAULT_WEIGHTS, **(data.get("weights") or {}), **(weights or {})}
    skills: list[TargetSkill] = []
    seen: set[str] = set()
    for importance in ("required", "preferred"):
        ids = data.get(importance) or []
        if not isinstance(ids, list):
            raise TaxonomyError(f"{source}: '{importance}' must be a list of skill ids.")
        for sid in ids:
            if sid not in taxonomy:
                raise TaxonomyError(
                    f"{source}: role '{data['id']}' lists skill '{sid}', which the taxonomy '{taxonomy.name}' does "
                    "not have; score against a posting with --job, or use a role built for this taxonomy.")
            if sid in seen:
                raise TaxonomyError(f"{source}: role '{data['id']}' lists skill '{sid}' twice.")
            seen.add(sid)
            skills.append(TargetSkill(sid, importance, float(weights[importance]),
                                      reason=f"{importance} by the role profile"))
    if not skills:
        raise TaxonomyError(f"{source}: role '{data['id']}' lists no skills.")
    return Target(str(data["id"]), str(data["name"]), tuple(skills), str(data.get("description") or ""))
