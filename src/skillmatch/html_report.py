"""A match report as one self-contained HTML page: no scripts, fonts or images from elsewhere,
every piece of document text escaped. The resume's evidence is highlighted and linked both
ways with the job skills it satisfies."""

from __future__ import annotations

from html import escape

from .coverage import MatchReport, SkillResult, years_text
from .report import alternatives_text, headline, located, pct, weights_note

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.sub{color:#5b6472;margin:0 0 16px}
.scores{display:flex;gap:16px;flex-wrap:wrap}
.score{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:12px 18px;min-width:150px}
.score b{display:block;font-size:30px}
.gaps li{margin:2px 0}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e7}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
th{background:#eef1f5;font-weight:600}
.why{color:#5b6472;font-size:13px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:13px;font-weight:600}
.b-matched{background:#d6f5df;color:#11602c}.b-partial{background:#fdebc8;color:#7a4a00}
.b-missing{background:#fbd9d9;color:#8a1717}
pre.resume{white-space:pre-wrap;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:16px;
font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
mark{border-radius:3px;padding:0 1px}mark a{color:inherit;text-decoration:none}
mark.matched{background:#b9efc9}mark.partial{background:#fde2a7}
mark.negated{background:#f8c4c4;text-decoration:line-through}mark.other{background:#e4e7ec}
:target{outline:2px solid #2f6fde;outline-offset:1px}
.legend mark{margin-right:10px}
"""


def match_html(report: MatchReport) -> str:
    """The report as an HTML page (a string), with the resume text when the report has it."""
    results = report.results
    anchors = {r.skill_id: f"skill-{i}" for i, r in enumerate(results)}
    marks = _highlights(report, results, anchors)
    mark_at = {start: mark_id for start, _, _, _, mark_id, _ in marks}
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(headline(report))}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(report.target_name)}</h1>",
        f'<p class="sub">{escape(report.source or "resume")} · skillmatch report</p>',
        '<div class="scores">',
        _score_box("Coverage", report.score), _score_box("Required", report.required_score),
        _score_box("Preferred", report.preferred_score), "</div>",
    ]
    gaps = [r for r in results if r.status == "missing"]
    parts.append("<h2>Gaps</h2>")
    if gaps:
        parts.append('<ul class="gaps">' + "".join(
            f'<li><a href="#{anchors[r.skill_id]}">{escape(r.name)}</a> ({r.importance})</li>' for r in gaps) + "</ul>")
    else:
        parts.append("<p>None: every skill asked for has some evidence.</p>")
    parts += ["<h2>Every skill asked for</h2>", "<table><thead><tr><th>Skill</th><th>Need</th><th>Verdict</th>"
              "<th>Why</th><th>Evidence</th></tr></thead><tbody>"]
    names = {r.skill_id: r.name for r in results}
    for r in results:
        parts.append(_row(r, anchors[r.skill_id], mark_at, alternatives_text(r, names)))
    parts.append("</tbody></table>")
    if any(r.alternatives for r in results):
        parts.append(f'<p class="legend">{escape(weights_note(report))}</p>')
    if report.extra:
        parts.append(f'<h2>Other skills in the resume</h2><p>{escape(", ".join(report.extra))}</p>')
    if report.resume_text:
        parts += ["<h2>The resume</h2>",
                  '<p class="legend"><mark class="matched">matched</mark><mark class="partial">partial credit</mark>'
                  '<mark class="negated">said to be lacking</mark><mark class="other">not asked for</mark></p>',
                  f'<pre class="resume">{_marked_text(report.resume_text, marks)}</pre>']
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _score_box(label: str, value: float | None) -> str:
    return f'<div class="score">{label}<b>{pct(value)}</b></div>'


def _row(r: SkillResult, anchor: str, mark_at: dict[int, str], alternatives: str) -> str:
    need = escape(r.importance + alternatives)
    if r.importance_reason:
        need += f'<div class="why">{escape(r.importance_reason)}</div>'
    if r.job_quote:
        need += f'<div class="why">“{escape(r.job_quote)}”</div>'
    verdict = f'<span class="badge b-{r.status}">{r.status}</span>'
    if r.status == "partial":
        verdict += f' <span class="why">credit {r.credit:g}</span>'
    why = escape(r.reason)
    if r.years is not None:
        why += f'<div class="why">years {r.years.status}' + (
            f": {escape(years_text(r.years))}</div>" if r.years.status == "unknown" else "</div>")
    evidence = ""
    if r.evidence:
        ev = r.evidence[0]
        where = located(ev, page="page")
        quoted = f"“{escape(ev.quote)}”" + (f' <span class="why">({escape(where)})</span>' if where else "")
        evidence = f'<a href="#{mark_at[ev.start]}">{quoted}</a>' if ev.start in mark_at else quoted
    return (f'<tr id="{anchor}"><td><b>{escape(r.name)}</b></td><td>{need}</td><td>{verdict}</td>'
            f"<td>{why}</td><td>{evidence}</td></tr>")


def _highlights(report: MatchReport, results: list[SkillResult], anchors: dict[str, str]
                ) -> list[tuple[int, int, str, str, str, str]]:
    """`(start, end, css class, skill anchor, mark id, title)` for every mention to highlight,
    in text order, overlaps dropped: the mentions each verdict rests on, then the other skills."""
    credited: dict[tuple[str, str], list[tuple[SkillResult, str]]] = {}
    for r in sorted(results, key=lambda r: r.via is not None):  # a skill's own row first
        if r.basis in ("hedged", "negated"):
            credited.setdefault((r.skill_id, r.basis), []).append((r, "partial" if r.basis == "hedged" else "negated"))
        elif r.credit:
            credited.setdefault((r.via or r.skill_id, "affirmed"), []).append((r, r.status))
    for r in results:  # "no experience with Azure" stays marked as lacking when an alternative matched
        credited.setdefault((r.skill_id, "negated"), [(r, "negated")])
    marks, last_end = [], -1
    for m in sorted(report.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end:
            continue
        last_end = m.end
        hits = credited.get((m.skill_id, m.polarity))
        if not hits:
            marks.append((m.start, m.end, "other", "", f"m{m.start}", m.name))
            continue
        title = "; ".join(f"{r.name}: " + ("said to be lacking" if css == "negated" else r.status)
                          + (f" via {m.name}" if r.skill_id != m.skill_id else "") for r, css in hits)
        r, css = hits[0]
        marks.append((m.start, m.end, css, anchors[r.skill_id], f"m{m.start}", title))
    return marks


def _marked_text(text: str, marks: list[tuple[int, int, str, str, str, str]]) -> str:
    out, pos = [], 0
    for start, end, css, skill_anchor, mark_id, title in marks:
        out.append(escape(text[pos:start]))
        inner = escape(text[start:end])
        if skill_anchor:
            inner = f'<a href="#{skill_anchor}">{inner}</a>'
        out.append(f'<mark class="{css}" id="{mark_id}" title="{escape(title)}">{inner}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\f", "")
