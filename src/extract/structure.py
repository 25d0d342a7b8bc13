"""Document structure: the lists a file holds, their titles, genres and actors,
the heading path of every line, and the roles of table columns.

Works on the cleaned view; every offset here is a view offset.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from .clean import View
from .normalize import actor_in_cell, find_counts, find_deadlines, modality_marks, title_actor
from .normalize.actors import title_owner
from .normalize.roles import find_mentions
from .rules import get_rules, load_yaml, rule_cache

TITLE_MAX = 60
_INNER_STOP = regex.compile(r"[。；！]")
_HEAD_STOP = regex.compile(r"[。！？]")
# what a cell separator reads as in the view (clean.py keeps the separators, as spaces)
_VIEW_SPACES = regex.compile(r"[ \u3000]+")


@dataclass
class SubDoc:
    """One list or report inside a file: its title and what the title implies."""

    title: str
    start: int
    genre: str = "list"
    modality: str = "obligation"
    annual: bool = False
    actor: Optional[str] = None
    rule: Optional[str] = None
    year: Optional[int] = None
    actor_span: Optional[tuple[int, int]] = None


@dataclass
class Line:
    """A line of the view with its place in the document."""

    start: int
    end: int
    text: str
    kind: str = "body"
    level: int = 0
    head_end: int = 0
    marker_end: int = 0
    section: tuple[str, ...] = ()
    section_actor: Optional[str] = None
    section_modality: Optional[str] = None
    subdoc: int = 0
    row: Optional[dict] = None
    rules: list[str] = field(default_factory=list)


@dataclass
class Structure:
    lines: list[Line]
    subdocs: list[SubDoc]


@rule_cache()
def heading_of(text: str) -> Optional[tuple[int, str, int]]:
    """(level, rule id, marker end) when the line opens with a heading marker."""
    for rule in get_rules().headings:
        m = rule.pattern.match(text)
        if m:
            return rule.values["level"], rule.id, m.end()
    return None


@rule_cache()
def genre_of(title: str) -> Optional[tuple[str, str, bool, str]]:
    """(genre, default modality, annual default, rule id) of a title, None when it is no title."""
    clean = title.strip().rstrip("：:")
    for rule in get_rules().titles:
        if rule.pattern.search(clean):
            return rule.values["genre"], rule.values["modality"], bool(rule.values["annual_default"]), rule.id
    return None


def _masked(view: View, line: Line) -> bool:
    """An empty view line whose original line held text: noise was masked there (a page number)."""
    if line.start == 0 or line.start >= len(view.text):
        return False
    return view.at(line.start) - view.at(line.start - 1) > 1


@rule_cache()
def _is_title(text: str, first: bool) -> bool:
    if not text or len(text) > TITLE_MAX or heading_of(text):
        return False
    if _INNER_STOP.search(text[:-1]) or text.endswith(("。", "；", "，")):
        return False
    if "\t" in text:
        return False
    if first:
        return len(text) <= TITLE_MAX
    found = genre_of(text)
    if not found or found[0] == "news":
        return False
    return len(text) >= 8 and bool(get_rules().title_cue.search(text))


def section_modality(text: str) -> Optional[str]:
    """The voice a heading or a lead label gives what stands under it (genres.yml `sections`)."""
    return _section_modality(text)


@rule_cache()
def _section_modality(text: str) -> Optional[str]:
    for rule in get_rules().sections:
        if rule.pattern.search(text):
            return rule.values["modality"]
    return None


@rule_cache()
def frame_modality(text: str) -> Optional[str]:
    """The voice a time frame standing alone gives its sentence (genres.yml `voice_frames`)."""
    for rule in get_rules().frames:
        if rule.pattern.search(text.strip()):
            return rule.values["modality"]
    return None


def _heading_modality(name: str) -> Optional[str]:
    """The voice a heading gives its section; a heading that asks for a count or names a date is a
    numbered duty (hear the reports on how the work went once a half-year; by mid-December assess
    how the duties were carried out) and names no section."""
    voice = _section_modality(name)
    return None if voice is None or find_counts(name) or find_deadlines(name) else voice


@rule_cache(maxsize=1)
def _header_cell_max() -> int:
    return int(load_yaml("tables")["header_cell_max"])


def _cells(text: str) -> list[tuple[int, int]]:
    """The cells of a table row: spans in the line. A line with tabs is cut at each tab (an empty
    cell stays a column); one typed as text at each separator (tables.yml `cell_separator`)."""
    if "\t" in text:
        spans, pos = [], 0
        for cell in text.split("\t"):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        return spans
    spans, pos = [], 0
    for sep in _VIEW_SPACES.finditer(text):
        if sep.start() > pos:
            spans.append((pos, sep.start()))
        pos = sep.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


# a heading that names a role and its part of the list is short (the secretary, first responsible): 20 at most
ROLE_HEADING_MAX = 20


@rule_cache(maxsize=1)
def _role_heading_tail() -> regex.Pattern:
    return regex.compile(load_yaml("headings")["role_heading_tail"], regex.V1)


def role_heading(name: str) -> Optional[str]:
    """The role a heading names when it is that role and nothing more (the party group's
    secretary (first responsible), the office's duties): the actor of its section
    (headings.yml `role_heading_tail`)."""
    name = name.strip().rstrip("\u3002\uff1a:")
    if len(name) > ROLE_HEADING_MAX:
        return None
    name = _role_heading_tail().sub("", name)
    hits = find_mentions(name)
    if len(hits) == 1 and hits[0].kind != "meeting" and hits[0].start == 0 and hits[0].end == len(name):
        return hits[0].canonical
    return None


def _column_roles(header: list[str]) -> dict[int, str]:
    """The role of each header cell (tables.yml `columns`); a long cell is prose, no header."""
    roles: dict[int, str] = {}
    if any(len(cell.strip()) > _header_cell_max() for cell in header):
        return roles
    for i, cell in enumerate(header):
        for rule in get_rules().table_columns:
            if rule.pattern.search(cell.strip()):
                role = rule.values["role"]
                if role not in roles.values():
                    roles[i] = role
                break
    return roles


def build_structure(view: View) -> Structure:
    """Split the view into lines; find titles, headings, sections and table rows."""
    rules = get_rules()
    lines: list[Line] = []
    pos = 0
    for raw in view.text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    subdocs: list[SubDoc] = [SubDoc("", 0)]
    stack: list[tuple[int, str, Optional[str], Optional[str]]] = []
    header_roles: Optional[dict[int, str]] = None
    seen_content = False
    for line in lines:
        text = line.text.strip()
        if not text:
            header_roles = None
            line.kind = "noise" if _masked(view, line) else "blank"
            continue
        spans = _cells(line.text)
        if len(spans) >= 2:
            cells = [line.text[s:e] for s, e in spans]
            roles = _column_roles(cells)
            if header_roles is None and len(roles) >= 2:
                header_roles = roles
                line.kind = "header"
                line.subdoc = len(subdocs) - 1
                continue
            if header_roles is not None:
                line.kind = "row"
                line.row = _row(line, spans, header_roles)
        elif header_roles is not None and not heading_of(text):
            header_roles = None
        if line.kind != "row" and _is_title(text, not seen_content):
            seen_content = True
            line.kind = "title"
            line.head_end = line.end
            found = genre_of(text)
            genre, modality, annual_default, rule_id = found or ("list", "obligation", False, None)
            annual = bool(annual_default and rules.annual.search(text))
            owner = title_owner(text)
            at = line.start + len(line.text) - len(line.text.lstrip())
            subdocs.append(SubDoc(text, line.start, genre, modality, annual, title_actor(text), rule_id,
                                  _year(text), (at + owner.start, at + owner.end) if owner else None))
            stack = []
            line.subdoc = len(subdocs) - 1
            continue
        if not seen_content and len(subdocs) == 1:
            found = genre_of(text[:40])
            if found and found[0] == "news":
                subdocs[0].genre, subdocs[0].modality, _, subdocs[0].rule = found
        seen_content = True
        line.subdoc = len(subdocs) - 1
        head = heading_of(text) if line.kind != "row" else None
        if head:
            level, rule_id, _ = head
            stop = _HEAD_STOP.search(line.text)
            head_end = line.start + (stop.start() + 1 if stop else len(line.text))
            heading = line.text[: (stop.start() if stop else len(line.text))].strip()
            line.kind, line.level, line.head_end = "heading", level, head_end
            line.marker_end = len(line.text) - len(line.text.lstrip()) + head[2]
            line.rules.append(rule_id)
            while stack and stack[-1][0] >= level:
                stack.pop()
            name = heading[head[2]:] if len(heading) > head[2] else heading
            found = genre_of(name)
            actor = title_actor(name) if found and found[0] in ("list", "three_lists") and len(name) <= 30 \
                else role_heading(name)
            stack.append((level, heading, actor, _heading_modality(name)))
        line.section = tuple(h for _, h, _, _ in stack)
        line.section_actor = next((a for _, _, a, _ in reversed(stack) if a), None)
        line.section_modality = next((m for _, _, _, m in reversed(stack) if m), None)
    _titles_from_preambles(lines, subdocs)
    _genres_from_content(lines, subdocs)
    return Structure(lines, subdocs)


def _genres_from_content(lines: list[Line], subdocs: list[SubDoc]) -> None:
    """A list whose title says nothing of its genre (news, a notice of what was done, a public
    notice) is read from its content: when more of its body lines report done things (modality.yml
    achievement markers, genres.yml `content_cues`) than ask for them (obligation markers), it is a
    report."""
    votes = [[0, 0] for _ in subdocs]
    cues = get_rules().content_cues
    for line in lines:
        if line.kind != "body":
            continue
        marks = modality_marks(line.text)
        if "obligation" in marks:
            votes[line.subdoc][1] += 1
        elif "achievement" in marks or any(cue.pattern.search(line.text) for cue in cues):
            votes[line.subdoc][0] += 1
    content = load_yaml("genres")["content_report"]
    for sub, (done, asked) in zip(subdocs, votes):
        if sub.rule in (None, "genre.news") and done > asked:
            sub.genre, sub.modality, sub.annual = content["genre"], content["modality"], False
            sub.rule = content["id"]


def _year(title: str) -> Optional[int]:
    m = get_rules().year.search(title)
    return int(m.group(1)) if m else None


def _titles_from_preambles(lines: list[Line], subdocs: list[SubDoc]) -> None:
    """A list whose title line is missing often names itself in its preamble (genres.yml `named_in_preamble`)."""
    rules = get_rules()
    for index, sub in enumerate(subdocs):
        if sub.actor and sub.title:
            continue
        first = next((ln for ln in lines if ln.subdoc == index and ln.kind == "body"), None)
        if first is None:
            continue
        m = rules.named_in_preamble.search(first.text)
        if not m:
            continue
        named = m.group("title")
        if not sub.actor:
            sub.actor = title_actor(named)
        if not sub.title:
            found = genre_of(named)
            sub.title = named
            sub.year = _year(named)
            if found:
                sub.genre, sub.modality, annual_default, sub.rule = found
                sub.annual = bool(annual_default and rules.annual.search(named))


def _row(line: Line, spans: list[tuple[int, int]], roles: dict[int, str]) -> dict:
    """The cells of a table row by role, with view offsets of the duty-bearing cell."""
    offsets = [(line.start + s, line.start + e) for s, e in spans]
    cells = [line.text[s:e] for s, e in spans]
    by_role = {role: i for i, role in roles.items()}
    duty_col = by_role.get("requirement", by_role.get("task"))
    row = {"duty_cells": [], "actor": None, "deadline_text": None, "deadline_span": None, "task": None}
    if duty_col is not None and duty_col < len(cells):
        row["duty_cells"].append(offsets[duty_col])
    if "actor" in by_role and by_role["actor"] < len(cells):
        row["actor"] = actor_in_cell(cells[by_role["actor"]])
    if "deadline" in by_role and by_role["deadline"] < len(cells):
        row["deadline_text"] = cells[by_role["deadline"]].strip()
        row["deadline_span"] = offsets[by_role["deadline"]]
    if "task" in by_role and by_role["task"] < len(cells) and by_role["task"] != duty_col:
        row["task"] = cells[by_role["task"]].strip()
    return row
