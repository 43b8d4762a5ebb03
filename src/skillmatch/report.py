"""Render match reports and extraction results as rich tables, Markdown or JSON."""

from __future__ import annotations

import io
import json
from typing import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .coverage import Evidence, MatchReport, SkillResult
from .mentions import Mention, quote

FORMATS = ("table", "json", "markdown", "html")
_STATUS_STYLE = {"matched": "green", "partial": "yellow", "missing": "red"}


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100)}%"


def headline(report: MatchReport) -> str:
    src = f" by {report.source}" if report.source else ""
    return (f"Coverage of {report.target_name}{src}: {pct(report.score)} "
            f"(required {pct(report.required_score)}, preferred {pct(report.preferred_score)})")


def why(r: SkillResult, width: int = 25) -> str:
    """The reason for a verdict with its first piece of evidence, quoted and located."""
    if not r.evidence:
        return r.reason
    ev = r.evidence[0]
    where = located(ev)
    return f"{r.reason}: \"{_short(ev.quote, ev.text, width)}\"" + (f" ({where})" if where else "")


def located(ev: Evidence, page: str = "p.") -> str:
    """Where evidence sits: "experience, p. 2", "skills", or "" when unknown."""
    return ", ".join(x for x in (ev.section, f"{page} {ev.page}" if ev.page else None) if x)


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


def _verdict(r: SkillResult) -> str:
    return f"{r.status} {r.credit:g}" if r.status == "partial" else r.status


def alternatives_text(r: SkillResult, names: dict[str, str]) -> str:
    """" (or Vue.js, React)" for a skill the target accepts others in place of, else ""."""
    return f" (or {', '.join(names.get(a, a) for a in r.alternatives)})" if r.alternatives else ""


WEIGHTS_NOTE = ("The score averages each skill's credit weighted by need (required {required:g}, preferred "
                "{preferred:g}); skills asked for as alternatives share one skill's weight.")


def weights_note(report: MatchReport) -> str:
    """How the score weighs skills, with the weights of this report's needs."""
    base = {r.importance: r.weight * (len(r.alternatives) + 1) for r in report.results}  # one per need
    return WEIGHTS_NOTE.format(required=base.get("required", 1.0), preferred=base.get("preferred", 0.5))


# ------------------------------------------------------------------ match report
def match_table(report: MatchReport) -> Group:
    """Verdicts as a rich table, missing required skills first, then the gap lists."""
    table = Table(title=headline(report), title_justify="left", show_lines=False, expand=False)
    for col in ("Skill", "Need", "Verdict", "Why"):
        table.add_column(col, overflow="fold")
    names = {r.skill_id: r.name for r in report.results}
    for r in report.results:
        need = Text(r.importance + alternatives_text(r, names))
        if r.importance_reason.startswith("cue"):  # headings are obvious on screen; cues less so
            need.append(f" ({r.importance_reason[4:]})", style="dim")
        table.add_row(r.name, need, Text(_verdict(r), style=_STATUS_STYLE[r.status]), why(r, width=20))
    parts: list = [table]
    if any(r.alternatives for r in report.results):
        parts.append(Text(weights_note(report), style="dim"))
    if gaps := report.gaps("required"):
        parts.append(Text(f"Required gaps: {', '.join(gaps)}", style="bold red"))
    if nice := report.gaps("preferred"):
        parts.append(Text(f"Preferred gaps: {', '.join(nice)}", style="yellow"))
    if report.extra:
        parts.append(Text(f"Other skills in the resume: {', '.join(report.extra[:25])}"
                          + (" …" if len(report.extra) > 25 else ""), style="dim"))
    return Group(*parts)


def match_markdown(report: MatchReport) -> str:
    """The report as Markdown: headline, gaps, then one table row per skill asked for."""
    lines = [f"## {headline(report)}", ""]
    lines.append(f"**Required gaps:** {', '.join(report.gaps('required')) or 'none'}  ")
    lines.append(f"**Preferred gaps:** {', '.join(report.gaps('preferred')) or 'none'}")
    lines += ["", "| Skill | Need | Weight | Verdict | Credit | Why |", "|---|---|---|---|---|---|"]
    names = {r.skill_id: r.name for r in report.results}
    for r in report.results:
        need = r.importance + (f" ({r.importance_reason})" if r.importance_reason else "") + alternatives_text(r, names)
        cells = [r.name, need, f"{r.weight:.3g}", r.status, f"{r.credit:g}", why(r, width=60)]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    lines += ["", weights_note(report)]
    if report.extra:
        lines += ["", f"**Other skills in the resume:** {', '.join(report.extra)}"]
    return "\n".join(lines) + "\n"


def render_match(report: MatchReport, fmt: str, width: int | None = None) -> str | Group:
    """JSON/Markdown/HTML as text; `table` as a rich renderable."""
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "markdown":
        return match_markdown(report)
    if fmt == "html":
        return report.to_html()
    return match_table(report)


# ------------------------------------------------------------------ extraction
def extract_table(results: Sequence[tuple[str, str, Sequence[Mention]]]) -> Group:
    tables = []
    for name, text, mentions in results:
        table = Table(title=f"{name}: {len({m.skill_id for m in mentions})} skills, {len(mentions)} mentions",
                      title_justify="left")
        for col in ("Skill", "Found as", "Stated", "Method", "Score", "Offsets", "Evidence"):
            table.add_column(col, overflow="fold")
        for m in mentions:
            table.add_row(m.name, " ".join(m.text.split()), _stated(m), m.method, f"{m.score:.2f}",
                          f"{m.start}-{m.end}", quote(text, m.start, m.end, width=40))
        tables.append(table)
    return Group(*tables)


def extract_markdown(results: Sequence[tuple[str, str, Sequence[Mention]]]) -> str:
    lines = []
    for name, text, mentions in results:
        lines += [f"## {name}", "", "| Skill | Found as | Stated | Method | Score | Offsets | Evidence |",
                  "|---|---|---|---|---|---|---|"]
        for m in mentions:
            ev = quote(text, m.start, m.end, width=40).replace("|", "\\|")
            lines.append(f"| {m.name} | {' '.join(m.text.split())} | {_stated(m)} | {m.method} | {m.score:.2f} | "
                         f"{m.start}-{m.end} | {ev} |")
        lines.append("")
    return "\n".join(lines)


def _stated(m: Mention) -> str:
    """How the document states a mention: empty when affirmed, else "negated (no experience)"."""
    return "" if m.polarity == "affirmed" else f"{m.polarity} ({m.cue})"


def render_extract(results: Sequence[tuple[str, str, Sequence[Mention]]], fmt: str,
                   as_list: bool = False) -> str | Group:
    """Extraction results as a table, Markdown, or JSON: one object per document, in a list
    when `as_list` or when there are several."""
    if fmt == "json":
        data = []
        for name, _, mentions in results:
            claimed = {m.name for m in mentions if m.polarity != "negated"}
            data.append({"document": name, "skills": sorted(claimed),
                         "negated_skills": sorted({m.name for m in mentions} - claimed),
                         "mentions": [m.to_dict() for m in mentions]})
        return json.dumps(data if as_list or len(data) != 1 else data[0], indent=2, ensure_ascii=False) + "\n"
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
