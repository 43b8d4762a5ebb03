"""Render match reports and extraction results as rich tables, Markdown or JSON."""

from __future__ import annotations

import io
import json
from typing import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .coverage import MatchReport, SkillResult
from .mentions import Mention, quote

FORMATS = ("table", "json", "markdown")
_STATUS_STYLE = {"matched": "green", "partial": "yellow", "missing": "red"}


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100)}%"


def _headline(report: MatchReport) -> str:
    src = f" by {report.source}" if report.source else ""
    return (f"Coverage of {report.target_name}{src}: {pct(report.score)} "
            f"(required {pct(report.required_score)}, preferred {pct(report.preferred_score)})")


def _evidence_text(r: SkillResult, width: int = 25) -> str:
    """A compact reason: the quote for a named skill, `via X: quote` for implied/related ones."""
    if not r.evidence:
        return "not found"
    ev = r.evidence[0]
    quoted = f"\"{_short(ev.quote, ev.text, width)}\""
    prefix = {"alternative": "or", "implied": "via", "related": "related:"}.get(r.basis)
    return f"{prefix} {r.via_name}: {quoted}" if prefix else quoted


def _short(line: str, text: str, width: int) -> str:
    """`line` cut at word boundaries to about `width` characters each side of `text`."""
    at = line.find(text)
    if at < 0 or len(line) <= 2 * width + len(text):
        return line
    lo, hi = max(0, at - width), min(len(line), at + len(text) + width)
    if lo:
        lo = line.find(" ", lo, at) + 1 or lo
    if hi < len(line):
        hi = line.rfind(" ", at + len(text), hi) if " " in line[at + len(text):hi] else hi
    return ("…" if lo else "") + line[lo:hi].strip(" ,;") + ("…" if hi < len(line) else "")


def _ordered(report: MatchReport) -> list[SkillResult]:
    rank = {"missing": 0, "partial": 1, "matched": 2}
    return sorted(report.results, key=lambda r: (r.importance != "required", rank[r.status], r.name.lower()))


# ------------------------------------------------------------------ match report
def match_table(report: MatchReport) -> Group:
    table = Table(title=_headline(report), title_justify="left", show_lines=False, expand=False)
    for col in ("Skill", "Need", "Status", "Evidence"):
        table.add_column(col, overflow="fold")
    for r in _ordered(report):
        table.add_row(r.name, r.importance, Text(r.status, style=_STATUS_STYLE[r.status]),
                      _evidence_text(r))
    parts: list = [table]
    gaps = [r.name for r in report.missing if r.importance == "required"]
    if gaps:
        parts.append(Text(f"Required gaps: {', '.join(gaps)}", style="bold red"))
    nice = [r.name for r in report.missing if r.importance == "preferred"]
    if nice:
        parts.append(Text(f"Preferred gaps: {', '.join(nice)}", style="yellow"))
    if report.extra:
        parts.append(Text(f"Other skills in the resume: {', '.join(report.extra[:25])}"
                          + (" …" if len(report.extra) > 25 else ""), style="dim"))
    return Group(*parts)


def match_markdown(report: MatchReport) -> str:
    lines = [f"## {_headline(report)}", "", "| Skill | Importance | Status | Credit | Why |",
             "|---|---|---|---|---|"]
    for r in _ordered(report):
        why = _evidence_text(r, width=60).replace("|", "\\|")
        lines.append(f"| {r.name} | {r.importance} | {r.status} | {r.credit:g} | {why} |")
    gaps = [r.name for r in report.missing if r.importance == "required"]
    lines += ["", f"**Required gaps:** {', '.join(gaps) if gaps else 'none'}"]
    if report.extra:
        lines.append(f"**Other skills in the resume:** {', '.join(report.extra)}")
    return "\n".join(lines) + "\n"


def render_match(report: MatchReport, fmt: str, width: int | None = None) -> str | Group:
    """JSON/Markdown as text; `table` as a rich renderable."""
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return match_markdown(report)
    return match_table(report)


# ------------------------------------------------------------------ extraction
def extract_table(results: Sequence[tuple[str, str, Sequence[Mention]]]) -> Group:
    tables = []
    for name, text, mentions in results:
        table = Table(title=f"{name}: {len({m.skill_id for m in mentions})} skills, {len(mentions)} mentions",
                      title_justify="left")
        for col in ("Skill", "Found as", "Method", "Score", "Offsets", "Evidence"):
            table.add_column(col, overflow="fold")
        for m in mentions:
            table.add_row(m.name, " ".join(m.text.split()), m.method, f"{m.score:.2f}", f"{m.start}-{m.end}",
                          quote(text, m.start, m.end, width=40))
        tables.append(table)
    return Group(*tables)


def extract_markdown(results: Sequence[tuple[str, str, Sequence[Mention]]]) -> str:
    lines = []
    for name, text, mentions in results:
        lines += [f"## {name}", "", "| Skill | Found as | Method | Score | Offsets | Evidence |",
                  "|---|---|---|---|---|---|"]
        for m in mentions:
            ev = quote(text, m.start, m.end, width=40).replace("|", "\\|")
            lines.append(f"| {m.name} | {' '.join(m.text.split())} | {m.method} | {m.score:.2f} | {m.start}-{m.end} | {ev} |")
        lines.append("")
    return "\n".join(lines)


def render_extract(results: Sequence[tuple[str, str, Sequence[Mention]]], fmt: str) -> str | Group:
    if fmt == "json":
        data = [{"document": name, "skills": sorted({m.name for m in mentions}),
                 "mentions": [m.to_dict() for m in mentions]} for name, _, mentions in results]
        return json.dumps(data if len(data) != 1 else data[0], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return extract_markdown(results)
    return extract_table(results)


def to_text(renderable, width: int = 120) -> str:
    """Plain text of a rich renderable (for --output files)."""
    if isinstance(renderable, str):
        return renderable
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, force_terminal=False).print(renderable)
    return buf.getvalue()
