"""The audit as one self-contained HTML page: the Markdown sheet's content, styled for screen and print.

Inline CSS only (the diff page's, diff_html.CSS, with a colour per status), nothing fetched from
anywhere, so the file can be mailed or archived as is. The list's requirement and the report's
count stand side by side, then both source texts; every text is escaped.
"""
from __future__ import annotations

from .audit_sheet import (
    audit_labels,
    grouped,
    report_title,
    row_values,
    summary_line,
    table_columns,
)
from .diff_html import CSS as DIFF_CSS, esc
from .records import AuditItem

CSS = DIFF_CSS + """
:root{--met:#e3f4e8;--met-ink:#137333;--short:#fde7e5;--short-ink:#a50e0e;--over:#e8f0fe;--over-ink:#1a56c4;
--none:#fef3d6;--none-ink:#8a5a00;--extra:#f1f3f4;--extra-ink:#5f6368}
.badge.met{background:var(--met);color:var(--met-ink)}.badge.short{background:var(--short);color:var(--short-ink)}
.badge.exceeded{background:var(--over);color:var(--over-ink)}
.badge.unreported{background:var(--none);color:var(--none-ink)}
.badge.unplanned{background:var(--extra);color:var(--extra-ink)}
h2.met{border-color:var(--met-ink)}h2.short{border-color:var(--short-ink)}h2.exceeded{border-color:var(--over-ink)}
h2.unreported{border-color:var(--none-ink)}h2.unplanned{border-color:var(--line)}
td.required{background:#f8f9fa}td.reported{font-weight:600}
section.short td.reported,section.short td.note{color:var(--short-ink)}
section.exceeded td.reported{color:var(--over-ink)}
td.text{white-space:pre-wrap;font-size:.9em;min-width:12em}
td.note{font-size:.9em}
"""


def _badge(status: str) -> str:
    return f'<span class="badge {status}">{esc(audit_labels().statuses[status])}</span>'


def _table(status: str, group: list[AuditItem], explain: bool) -> list[str]:
    lab = audit_labels()
    keys = table_columns(status, explain)
    classes = {"index": "num", "similarity": "num", "required": "required", "reported": "reported", "note": "note",
               "duty_text": "text", "evidence_text": "text"}
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(lab.columns[k])}</th>" for k in keys) + "</tr></thead><tbody>"]
    for n, item in enumerate(group, 1):
        values = row_values(n, item)
        cells = []
        for key in keys:
            value = values[key]
            body = esc(value) if value != "" else f'<span class="empty">{esc(lab.text["empty"])}</span>'
            css = classes.get(key)
            cells.append(f'<td class="{css}">{body}</td>' if css else f"<td>{body}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(items: list[AuditItem], list_name: str, report_name: str) -> str:
    """The whole page: title, counts with links to each status, then one table per status."""
    lab = audit_labels()
    title = report_title(list_name, report_name)
    explain = any(it.explanation for it in items)
    groups = grouped(items)
    nav = " ".join(f'<a href="#{status}">{_badge(status)} {len(group)}</a>' for status, group in groups)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<header><h1>{esc(title)}</h1>", f'<p class="summary">{esc(summary_line(items))}</p>',
           f"<nav>{nav}</nav>", f'<p class="note">{esc(lab.text["html_note"])}</p></header>']
    for status, group in groups:
        heading = lab.text["section_heading"].format(label=lab.statuses[status], count=len(group))
        out += [f'<section id="{status}" class="{status}">', f'<h2 class="{status}">{esc(heading)}</h2>']
        if group:
            out += _table(status, group, explain)
        else:
            out.append(f'<p class="empty">{esc(lab.text["none_in_section"])}</p>')
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
