"""Figures that describe a taxonomy: size, labels, kinds, categories, hierarchy depth."""

from __future__ import annotations

from collections import Counter

from .taxonomy import Taxonomy


def taxonomy_stats(taxonomy: Taxonomy, top: int = 10) -> dict:
    """A JSON-ready summary of `taxonomy` (`top` most common categories and attribute values)."""
    skills = list(taxonomy)
    matched = [s for s in skills if s.match]
    depth = _depths(taxonomy)
    categories = Counter(s.category or "(none)" for s in matched)
    return {
        "skills": len(matched),
        "grouping_nodes": len(skills) - len(matched),
        "labels": sum(1 + len(s.aliases) + len(set(s.exact) | set(s.ambiguous) - {s.name}) for s in matched),
        "guarded_labels": sum(len(s.exact) + len(s.ambiguous) for s in matched),
        "kinds": dict(Counter(s.kind for s in matched).most_common()),
        "categories": len(categories),
        "top_categories": dict(categories.most_common(top)),
        "broader_links": sum(len(s.broader) for s in skills),
        "related_links": sum(len(s.related) for s in skills),
        "roots": sum(1 for s in skills if not s.broader),
        "max_depth": max(depth.values(), default=0),
        "with_uri": sum(1 for s in skills if s.uri),
        "attributes": _attribute_counts(skills, top),
    }


def _attribute_counts(skills: list, top: int) -> dict[str, int]:
    """Entries per attribute value (`hot_technology=True`), or per attribute when values are many."""
    values: dict[str, Counter] = {}
    for skill in skills:
        for key, value in skill.attributes:
            values.setdefault(key, Counter())[value] += 1
    out: dict[str, int] = {}
    for key, counts in sorted(values.items()):
        if len(counts) <= top:
            out.update((f"{key}={v}", n) for v, n in counts.most_common())
        else:
            out[key] = sum(counts.values())
    return out


def _depths(taxonomy: Taxonomy) -> dict[str, int]:
    """Longest chain of `broader` links above each skill (a root has depth 0)."""
    depth: dict[str, int] = {}
    for start in taxonomy.skills:
        stack = [start]
        while stack:
            parents = taxonomy[stack[-1]].broader
            todo = [p for p in parents if p not in depth]
            if todo:
                stack.extend(todo)
            else:
                depth[stack.pop()] = 1 + max((depth[p] for p in parents), default=-1)
    return depth


def format_stats(stats: dict) -> str:
    """The summary as aligned `name: value` lines, nested mappings indented."""
    lines = []
    for key, value in stats.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v:,}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {value:,}")
    return "\n".join(lines) + "\n"
