"""The diff as one self-contained HTML page: the Markdown report's content, styled for screen and print.

Inline CSS only (no script, font, image or link fetched from anywhere), so the file
can be mailed or archived as is. Old values are struck through (`<del>`), new ones
highlighted (`<ins>`); every text is escaped.
"""
from __future__ import annotations

import html
from typing import Sequence

from .diff_report import (
    change_rows,
    diff_labels,
    grouped,
    item_heading,
    list_columns,
    list_row,
    report_title,
    requirements,
    section_label,
    similarity_text,
    summary_line,
)
from .records import DiffItem

CSS = """
:root{--ink:#202124;--muted:#5f6368;--line:#dadce0;--chg:#fef3d6;--chg-ink:#8a5a00;--add:#e3f4e8;
--add-ink:#137333;--del:#fde7e5;--del-ink:#a50e0e;--same:#f1f3f4;--same-ink:#5f6368}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1120px;padding:28px 32px;color:var(--ink);line-height:1.6;font-size:15px;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
h1{font-size:1.55em;margin:0 0 .2em}
h2{font-size:1.25em;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:2px solid var(--line)}
h3{font-size:1.05em;margin:0 0 .3em}
h2.changed{border-color:var(--chg-ink)}h2.added{border-color:var(--add-ink)}
h2.removed{border-color:var(--del-ink)}h2.unchanged{border-color:var(--line)}
.summary{font-size:1.05em;margin:.2em 0}
.note,.meta{color:var(--muted);font-size:.9em;margin:.15em 0}
nav a{text-decoration:none;margin-right:.4em}
.badge{display:inline-block;padding:0 .65em;border-radius:1em;font-size:.82em;font-weight:600;vertical-align:middle}
.badge.changed{background:var(--chg);color:var(--chg-ink)}
.badge.added{background:var(--add);color:var(--add-ink)}
.badge.removed{background:var(--del);color:var(--del-ink)}
.badge.unchanged{background:var(--same);color:var(--same-ink)}
article{border:1px solid var(--line);border-left:5px solid var(--chg-ink);border-radius:6px;
padding:.7em 1em .8em;margin:0 0 1em;break-inside:avoid}
.n{color:var(--muted);font-weight:400;margin-right:.35em}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.93em}
th,td{border:1px solid var(--line);padding:.3em .55em;text-align:left;vertical-align:top}
thead th{background:#f8f9fa;white-space:nowrap}
table.changes{width:auto;min-width:60%}
table.changes th[scope=row]{font-weight:500;white-space:nowrap}
del{background:var(--del);color:var(--del-ink);text-decoration:line-through;padding:0 .15em}
ins{background:var(--add);color:var(--add-ink);text-decoration:none;font-weight:700;padding:0 .15em}
.dir{font-size:.85em;color:var(--add-ink);margin-left:.2em}
.texts{display:grid;grid-template-columns:1fr 1fr;gap:.8em;margin-top:.5em}
blockquote{margin:0;padding:.45em .8em;white-space:pre-wrap;border-left:4px solid var(--line);background:#fafafa}
blockquote.old{border-left-color:var(--del-ink)}
blockquote.new{border-left-color:var(--add-ink)}
blockquote cite{display:block;font-style:normal;font-size:.8em;color:var(--muted);white-space:normal}
td.num{text-align:right;white-space:nowrap}
.empty{color:var(--muted)}
@media (max-width:760px){.texts{grid-template-columns:1fr}body{padding:16px}}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}
h2{break-after:avoid}tr,article{break-inside:avoid}
.badge,del,ins,blockquote,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def esc(text) -> str:
    """Text made safe for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def _badge(status: str) -> str:
    return f'<span class="badge {status}">{esc(diff_labels().statuses[status])}</span>'


def _line(label_key: str, value_html: str) -> str:
    lab = diff_labels()
    return esc(lab.text["line"]).format(label=esc(lab.columns[label_key]), value=value_html)


def _changed(n: int, item: DiffItem, old_name: str, new_name: str) -> list[str]:
    lab = diff_labels()
    old_req, new_req = requirements(item)
    if old_req != new_req:
        req = f"<del>{esc(old_req)}</del>{esc(lab.text['arrow'])}<ins>{esc(new_req)}</ins>"
    else:
        req = esc(new_req)
    sim = esc(similarity_text(item, explained=True))
    cols = lab.columns
    out = ['<article class="changed">', f'<h3><span class="n">{n}.</span>{esc(item_heading(item))}</h3>',
           f'<p class="meta">{_line("section", esc(section_label(item)))}</p>',
           f'<p class="meta">{_line("requirement", req)} · {_line("similarity", sim)}</p>',
           '<table class="changes"><thead><tr>'
           + "".join(f"<th>{esc(cols[k])}</th>" for k in ("field", "old", "new")) + "</tr></thead><tbody>"]
    for row in change_rows(item):
        direction = f'<span class="dir">{esc(row.direction)}</span>' if row.direction else ""
        out.append(f'<tr><th scope="row">{esc(row.label)}</th><td><del>{esc(row.old)}</del></td>'
                   f"<td><ins>{esc(row.new)}</ins>{direction}</td></tr>")
    out.append("</tbody></table>")
    out.append('<div class="texts">'
               f'<blockquote class="old"><cite>{esc(lab.text["old_version"].format(name=old_name))}</cite>'
               f"{esc(item.old.text)}</blockquote>"
               f'<blockquote class="new"><cite>{esc(lab.text["new_version"].format(name=new_name))}</cite>'
               f"{esc(item.new.text)}</blockquote></div>")
    out.append("</article>")
    return out


def _table(status: str, group: Sequence[DiffItem], explain: bool) -> list[str]:
    cols = diff_labels().columns
    keys = list_columns(status, explain)
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(cols[k])}</th>" for k in keys) + "</tr></thead><tbody>"]
    mark = {"added": "ins", "removed": "del"}.get(status)
    for n, item in enumerate(group, 1):
        cells = []
        for key, value in list_row(n, item, keys).items():
            body = esc(value)
            if key == "requirement" and mark:
                body = f"<{mark}>{body}</{mark}>"
            cells.append(f'<td class="num">{body}</td>' if key in ("index", "similarity") else f"<td>{body}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(items: list[DiffItem], old_name: str, new_name: str) -> str:
    """The whole page: title, counts with links to each section, then the sections by status."""
    lab = diff_labels()
    title = report_title(old_name, new_name)
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
        out += [f'<section id="{status}">', f'<h2 class="{status}">{esc(heading)}</h2>']
        if not group:
            out.append(f'<p class="empty">{esc(lab.text["none_in_section"])}</p>')
        elif status == "changed":
            for n, item in enumerate(group, 1):
                out += _changed(n, item, old_name, new_name)
        else:
            out += _table(status, group, explain)
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
