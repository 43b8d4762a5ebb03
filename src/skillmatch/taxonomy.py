"""Load and validate skill taxonomies written as YAML files (see docs/taxonomy-format.md)."""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from .cache import cached
from .errors import TaxonomyError

KINDS = (
    "language",
    "framework",
    "library",
    "tool",
    "platform",
    "database",
    "knowledge",
    "method",
    "soft-skill",
    "certification",
    "human-language",
)
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LIST_FIELDS = ("aliases", "exact", "ambiguous", "context", "not_followed_by", "broader", "related")
_FIELDS = {"id", "name", "kind", "category", "description", "fuzzy", "match", "uri", "attributes",
           "evidence", *_LIST_FIELDS}  # evidence (from `taxonomy build`): ignored
Scalar = str | int | float | bool

try:  # the C loader is several times faster; fall back when PyYAML was built without it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Skill:
    """One taxonomy entry: a skill, its surface forms and its place in the hierarchy."""

    id: str
    name: str
    kind: str
    category: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    not_followed_by: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    fuzzy: bool = True
    description: str = ""
    match: bool = True  # false: a grouping node of the hierarchy, never matched in text
    uri: str = ""  # identifier in the source classification (an ESCO concept URI)
    attributes: tuple[tuple[str, Scalar], ...] = ()  # (key, value) facts kept from the source
    source: str = field(default="", compare=False)


def skill_id(name: str) -> str:
    """A taxonomy id for a name: `C++` -> `cpp`, `C#` -> `c-sharp`, `.NET` -> `dotnet`, `Node.js` -> `node-js`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^\.", "dot", text.replace("++", "pp").replace("#", "-sharp").replace("&", "-and-"))
    return re.sub(r"[^a-z0-9]+", "-", text.replace("+", "-plus")).strip("-") or "skill"


def free_id(base: str, taken) -> str:
    """`base`, or the first of `base-2`, `base-3`, ... not in `taken`."""
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    return sid


def alias_key(text: str) -> str:
    """Case-insensitive collision key: lowercase, hyphens/underscores as spaces, one space."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


class Taxonomy:
    """A validated, immutable set of skills indexed by id."""

    def __init__(self, skills: Iterable[Skill], name: str = "custom", linking: bool = False):
        self.name = name
        self.linking = linking  # a file asks for linking (docs/esco-linking.md) unless a caller says otherwise
        self.skills: dict[str, Skill] = {}
        for skill in skills:
            if skill.id in self.skills:
                raise TaxonomyError(
                    f"{skill.source}: skill '{skill.id}' is defined twice "
                    f"(also in {self.skills[skill.id].source})."
                )
            self.skills[skill.id] = skill
        _validate(self.skills)
        self.narrower: dict[str, tuple[str, ...]] = _invert_broader(self.skills)
        # every field but the source file: equal fingerprints mean equal taxonomies
        names = [f.name for f in fields(Skill) if f.name != "source"]
        self.fingerprint = hashlib.sha1(repr(sorted(
            tuple(getattr(s, n) for n in names) for s in self.skills.values())).encode()).hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def ancestors(self, skill_id: str, max_depth: int | None = None) -> set[str]:
        """Skills reachable through `broader` links, at most `max_depth` links away."""
        seen: set[str] = set()
        frontier = set(self.skills[skill_id].broader)
        depth = 1
        while frontier and (max_depth is None or depth <= max_depth):
            seen |= frontier
            frontier = {p for s in frontier for p in self.skills[s].broader} - seen
            depth += 1
        return seen

    def descendants(self, skill_id: str) -> set[str]:
        """All skills that have `skill_id` among their ancestors."""
        seen: set[str] = set()
        stack = list(self.narrower.get(skill_id, ()))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.narrower.get(current, ()))
        return seen

    def find(self, text: str) -> Skill | None:
        """Look a skill up by id, name or alias (case-insensitive)."""
        if text in self.skills:
            return self.skills[text]
        key = alias_key(text)
        for k in (key, re.sub(r"(?<=[a-z])s$", "", key), re.sub(r"(?<=[a-z])(es|s)$", "", key)):
            if k in self._forms:
                return self.skills[self._forms[k]]
        return None

    @cached_property
    def _forms(self) -> dict[str, str]:
        """alias_key of every name and alias -> skill id (the first skill in file order)."""
        forms: dict[str, str] = {}
        for skill in self.skills.values():
            for form in (skill.name, *skill.aliases, *skill.exact, *skill.ambiguous):
                forms.setdefault(alias_key(form), skill.id)
        return forms


def _invert_broader(skills: dict[str, Skill]) -> dict[str, tuple[str, ...]]:
    narrower: dict[str, list[str]] = {}
    for skill in skills.values():
        for parent in skill.broader:
            narrower.setdefault(parent, []).append(skill.id)
    return {k: tuple(v) for k, v in narrower.items()}


def insensitive_forms(skill: Skill) -> tuple[str, ...]:
    """Forms matched case-insensitively: the name (unless listed as exact/ambiguous) and aliases."""
    if not skill.match:
        return ()
    guarded = set(skill.exact) | set(skill.ambiguous)
    name = () if skill.name in guarded else (skill.name,)
    return (*name, *skill.aliases)


def guarded_forms(skill: Skill) -> tuple[str, ...]:
    """Forms matched case-sensitively (`exact` and `ambiguous`); none for a grouping node."""
    return (*skill.exact, *skill.ambiguous) if skill.match else ()


def _validate(skills: dict[str, Skill]) -> None:
    """Check cross-entry rules: alias ownership, known references, no broader cycles."""
    loose: dict[str, str] = {}  # alias_key -> owner, for case-insensitive forms
    strict: dict[str, str] = {}  # exact text -> owner, for case-sensitive forms

    def claim(table: dict[str, str], key: str, form: str, skill: Skill) -> None:
        other = table.setdefault(key, skill.id)
        if other != skill.id:
            raise TaxonomyError(
                f"{skill.source}: skill '{skill.id}' claims the alias '{form}', "
                f"which already belongs to skill '{other}'."
            )

    uris: dict[str, str] = {}
    for skill in skills.values():
        for form in insensitive_forms(skill):
            claim(loose, alias_key(form), form, skill)
        for form in guarded_forms(skill):
            claim(strict, form, form, skill)
        if skill.uri and uris.setdefault(skill.uri, skill.id) != skill.id:
            raise TaxonomyError(f"{skill.source}: skill '{skill.id}' has the uri '{skill.uri}', "
                                f"which already belongs to skill '{uris[skill.uri]}'.")
    for skill in skills.values():  # a guarded form must not shadow another skill's plain alias
        for form in guarded_forms(skill):
            owner = loose.get(alias_key(form))
            if owner is not None and owner != skill.id:
                claim(loose, alias_key(form), form, skill)
    for skill in skills.values():
        for rel in ("broader", "related"):
            for ref in getattr(skill, rel):
                if ref not in skills:
                    raise TaxonomyError(
                        f"{skill.source}: skill '{skill.id}' lists unknown {rel} skill '{ref}'."
                    )
                if ref == skill.id:
                    raise TaxonomyError(f"{skill.source}: skill '{skill.id}' lists itself as {rel}.")
    _check_cycles(skills)


def _check_cycles(skills: dict[str, Skill]) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in skills:
        if state.get(root):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(skills[root].broader))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                path = [n for n, _ in stack] + [child]
                path = path[path.index(child):]
                raise TaxonomyError(
                    f"{skills[child].source}: skill '{child}' is in a broader cycle: "
                    + " -> ".join(path) + "."
                )
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(skills[child].broader)))


def _as_strings(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise TaxonomyError(f"{where}: field '{name}' must be a list of strings.")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise TaxonomyError(f"{where}: field '{name}' contains an empty string.")
    return out


def _attributes(value: object, where: str) -> tuple[tuple[str, Scalar], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, (str, int, float, bool)) for k, v in value.items()):
        raise TaxonomyError(f"{where}: field 'attributes' must map names to single values.")
    return tuple(sorted(value.items()))


def parse_skill(entry: object, source: str, default_category: str) -> Skill:
    """Build one `Skill` from a YAML mapping, naming the entry in any error."""
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{source}: every entry under 'skills' must be a mapping, got {entry!r}.")
    sid = entry.get("id")
    where = f"{source}: skill '{sid}'" if sid else f"{source}: an entry without an id ({entry.get('name')!r})"
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        raise TaxonomyError(f"{where} needs an 'id' of lowercase letters, digits and hyphens.")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise TaxonomyError(f"{where} has unknown field(s): {', '.join(sorted(map(str, unknown)))}.")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f"{where} needs a non-empty 'name'.")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise TaxonomyError(f"{where} has kind {kind!r}; expected one of: {', '.join(KINDS)}.")
    flags = {f: entry.get(f, True) for f in ("fuzzy", "match")}
    for flag, value in flags.items():
        if not isinstance(value, bool):
            raise TaxonomyError(f"{where}: field '{flag}' must be true or false.")
    uri = entry.get("uri") or ""
    if not isinstance(uri, str):
        raise TaxonomyError(f"{where}: field 'uri' must be a string.")
    lists = {f: _as_strings(entry.get(f), where, f) for f in _LIST_FIELDS}
    category = entry.get("category", default_category)
    return Skill(
        id=sid,
        name=name.strip(),
        kind=kind,
        category=str(category or ""),
        description=str(entry.get("description") or ""),
        uri=uri.strip(),
        attributes=_attributes(entry.get("attributes"), where),
        source=source,
        **flags,
        **lists,
    )


def _parse_skill_file(path: Path, raw: bytes) -> tuple[list[Skill], bool]:
    """Parse one taxonomy YAML file (a mapping with `category`, `skills` and optional `linking`):
    its skills, and whether it asks for linking."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except UnicodeDecodeError:
        raise TaxonomyError(f"{path}: the taxonomy file is not UTF-8 text.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise TaxonomyError(f"{path}: the taxonomy file is not valid YAML{line}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("skills"), list):
        raise TaxonomyError(f"{path}: a taxonomy file must be a mapping with a 'skills' list.")
    category, linking = data.get("category", ""), data.get("linking", False)
    if not isinstance(linking, bool):
        raise TaxonomyError(f"{path}: 'linking' must be true or false.")
    return [parse_skill(entry, path.name, category) for entry in data["skills"]], linking


def default_taxonomy_dir() -> Path:
    """The directory holding the shipped taxonomy (installed copy, else the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "taxonomy", here.parents[1] / "taxonomy"):
        if (candidate / "skills").is_dir():
            return candidate
    raise TaxonomyError("The default taxonomy is missing from this installation.")  # pragma: no cover


def _skill_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.exists():
        raise TaxonomyError(f"{path}: no such taxonomy file or directory.")
    folder = path / "skills" if (path / "skills").is_dir() else path
    files = sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    if not files:
        raise TaxonomyError(f"{path}: the directory holds no taxonomy .yaml files.")
    return files


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtimes: tuple[float, ...]) -> Taxonomy:
    """The validated taxonomy, cached on disk by content: parsing and checking big files is slow."""
    raws = [(f, f.read_bytes()) for f in _skill_files(path)]
    name = path.stem if path.is_file() else path.name
    key = b"taxonomy\0" + name.encode() + b"".join(b"\0" + f.name.encode() + b"\0" + raw for f, raw in raws)

    def parse() -> Taxonomy:
        files = [_parse_skill_file(f, raw) for f, raw in raws]
        return Taxonomy([s for skills, _ in files for s in skills], name=name, linking=any(on for _, on in files))

    return cached(key, parse)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load a taxonomy from a YAML file or a directory of them; `None` is the default taxonomy."""
    root = Path(path) if path is not None else default_taxonomy_dir()
    files = _skill_files(root)
    return _load_cached(root.resolve(), tuple(f.stat().st_mtime for f in files))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lowercase English words of six letters or more, which fuzzy matching leaves alone."""
    path = default_taxonomy_dir() / "english-words.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line[:1] != "#")
