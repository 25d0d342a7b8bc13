"""Sentences and clauses of the view, each with its line, section and list.

A sentence ends at a full stop or a line break. A hard-wrapped line (PDF text,
OCR) runs on: `wrapped_breaks` finds those breaks, and the pipeline leaves them
out of the view, so the wrapped lines read as one. Clauses split a sentence at commas and semicolons;
`、` splits only between items that carry their own count or date (see duties).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from .lazy import cached_property

from .structure import Line, Structure, heading_of
from .rules import get_rules, rule_cache


# marks after which a clause opens a part of its sentence with a topic of its own (a semicolon, a colon)
PART_MARKS = ("\uff1b", ";", "\uff1a", ":")


@dataclass
class Clause:
    start: int
    end: int
    text: str
    sep_before: str = ""

    @property
    def opens_part(self) -> bool:
        """The clause follows a semicolon or a colon: a part of the sentence with its own topic."""
        return self.sep_before in PART_MARKS


@dataclass
class Sentence:
    """A run of clauses that period words, dates and subjects scope over."""

    start: int
    end: int
    text: str
    line: Line
    heading: bool = False

    @cached_property
    def clauses(self) -> list[Clause]:
        """Cut when first asked for (a preamble refused whole never needs them)."""
        return [Clause(self.start + s, self.start + e, self.text[s:e], sep)
                for s, e, sep in _clause_bounds(self.text)]

    @property
    def clause_count(self) -> int:
        return len(self.clauses)

    @cached_property
    def non_duty(self) -> frozenset[str]:
        """The sentence-wide non-duty patterns of clauses.yml it matches (a byline, page chrome ...)."""
        from .facts import non_duty_marks

        return non_duty_marks(self.text, "sentence")


def _soft_break(line: Line, nxt: Line, long_line: int) -> bool:
    """Whether the sentence runs on from `line` into `nxt` (a hard-wrapped line of PDF or OCR text);
    a line with a tab is a table's row, which never runs on."""
    rules = get_rules().clauses
    runs_on = line.kind == "body" or (line.kind == "heading" and line.head_end < line.end)
    if not runs_on or nxt.kind not in ("body",):
        return False
    text = line.text.rstrip()
    if not text or rules["sentence_end"].search(text[-1]):
        return False
    if heading_of(nxt.text.strip()):
        return False
    if "\t" in line.text or "\t" in nxt.text:
        return False
    if _form_fields(text):
        return False
    if rules["soft_break_after"].search(text):
        return True
    return len(text) >= long_line and not text.endswith(("”", "）", ")"))


def _form_fields(text: str) -> bool:
    """A row of labelled fields (a form's header: time, place ...) is no sentence that runs on."""
    from .facts import non_duty_patterns

    return bool(non_duty_patterns()["form_fields"].search(text.strip()))


def _runs(structure: Structure) -> list[tuple[int, int, Line, bool]]:
    """(start, end, first line, is heading) of each stretch of text that sentences are cut from."""
    runs = []
    lines = [ln for ln in structure.lines if ln.kind not in ("blank", "title", "header", "noise")]
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "row":
            for s, e in line.row["duty_cells"]:
                runs.append((s, e, line, False))
            i += 1
            continue
        start = line.start
        if line.kind == "heading":
            runs.append((line.start + line.marker_end, line.head_end, line, True))
            start = line.head_end
            if start >= line.end:
                i += 1
                continue
        runs.append((start, line.end, line, False))
        i += 1
    return runs


def _adjacent(lines: list[Line]) -> set[tuple[int, int]]:
    """Pairs of lines with nothing between them but masked noise (a page number between two halves)."""
    pairs = set()
    previous = None
    for line in lines:
        if line.kind == "noise":
            continue
        if previous is not None and line.kind != "blank" and previous.kind != "blank":
            pairs.add((previous.start, line.start))
        previous = line
    return pairs


def _wrap_width(lines: list[Line]) -> int:
    """How long a line must be to run on with no mark at its end: clauses.yml `long_line`, or less
    in a document hard-wrapped narrower (nine tenths of the width most of its body lines reach)."""
    configured = get_rules().clauses["long_line"]
    widths = sorted(len(ln.text.rstrip()) for ln in lines if ln.kind == "body" and len(ln.text.strip()) >= 10)
    if len(widths) < 4:
        return configured
    return min(configured, int(widths[len(widths) * 3 // 4] * 0.9))


def wrapped_breaks(structure: Structure) -> list[int]:
    """View offsets of the line breaks (and masked lines) inside hard-wrapped sentences."""
    lines = [ln for ln in structure.lines if ln.kind not in ("blank", "title", "header", "noise")]
    joined = _adjacent(structure.lines)
    long_line = _wrap_width(lines)
    breaks: list[int] = []
    for line, nxt in zip(lines, lines[1:]):
        if (line.start, nxt.start) in joined and _soft_break(line, nxt, long_line):
            breaks.extend(range(line.end, nxt.start))
    return breaks


def split_sentences(view_text: str, structure: Structure) -> Iterator[Sentence]:
    """Every sentence of the document in order, with its clauses; made one at a time, so a sentence
    read and done with (its clauses cut and kept on it) is let go before the next."""
    rules = get_rules().clauses
    for start, end, line, is_heading in _runs(structure):
        out: list[Sentence] = []
        pos = start
        for m in rules["sentence_end"].finditer(view_text, start, end):
            _add(out, view_text, pos, m.end(), line, is_heading)
            pos = m.end()
        _add(out, view_text, pos, end, line, is_heading)
        yield from out


def _add(out: list, text: str, start: int, end: int, line: Line, is_heading: bool) -> None:
    """The sentence text[start:end], trimmed; where it runs longer than a clause may (clauses.yml
    `max_clause`) with no mark at all, it is cut into sentences there, as a full stop lost."""
    while start < end and text[start] in " \t\n\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    if end <= start:
        return
    longest = get_rules().clauses["max_clause"]
    if end - start > longest:
        marks = [m.start() for m in _marks().finditer(text, start, end)]
        cuts = [cut for a, b in zip([start, *marks], [*marks, end]) if b - a > longest for cut in _cuts(text, a, b)]
        for cut, resume in cuts:
            out.append(Sentence(start, cut, text[start:cut], line, heading=is_heading))
            start = resume
    out.append(Sentence(start, end, text[start:end], line, heading=is_heading))


def _cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a run with no clause mark is cut into pieces of at most `max_clause` characters: at the
    last `max_clause_cut` in a piece's second half (cut before it, go on after it), else at the length."""
    rules = get_rules().clauses
    longest = rules["max_clause"]
    out = []
    while end - start > longest:
        cut = resume = start + longest
        mark = None
        for mark in rules["max_clause_cut"].finditer(text, start + longest // 2, cut):
            pass
        if mark is not None:
            cut, resume = mark.start(), mark.end()
        out.append((cut, resume))
        start = resume
    return out


def _clause_bounds(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, separator before) of each clause of one sentence. Quotations and titles hold
    their commas; a bracket that holds clauses of its own (an aside: held quarterly, (when joined
    with the party day, monthly)) and a list marker inside a flattened line (clauses.yml
    `inline_item`) cut clauses."""
    clauses: list[tuple[int, int, str]] = []
    depth = 0
    pos = 0
    sep = ""
    asides = _asides(text)
    for m in _marks().finditer(text):
        ch = m.group()
        if m.start() in asides:
            if depth == 0:
                _clause(clauses, text, pos, m.start(), sep)
                pos, sep = m.end(), ch
        elif m.group("item") is not None:
            if depth == 0:
                _clause(clauses, text, pos, m.start(), sep)
                pos, sep = m.end(), ch
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1 if depth else 0
        elif depth == 0:
            i = m.start()
            _clause(clauses, text, pos, i, sep)
            pos = i + 1
            sep = ch
    _clause(clauses, text, pos, len(text), sep)
    return tuple(clauses)


_ASIDE = regex.compile(r"[（(]([^（()）]*)[）)]")


def _asides(text: str) -> set[int]:
    """Where the brackets of an aside that holds clauses of its own stand (both of them)."""
    if "（" not in text and "(" not in text:
        return set()
    seps = get_rules().clauses["clause_sep"]
    out: set[int] = set()
    for m in _ASIDE.finditer(text):
        if seps.search(m.group(1)):
            out.update((m.start(), m.end() - 1))
    return out


_OPEN = "“《（(【‘"
_CLOSE = "”》）)】’"


@rule_cache(maxsize=1)
def _marks() -> regex.Pattern:
    """Every character that opens or closes a quotation or cuts a clause."""
    rules = get_rules().clauses
    brackets = regex.escape(_OPEN + _CLOSE)
    return regex.compile(rf"(?P<item>{rules['inline_item'].pattern})|[{brackets}]|{rules['clause_sep'].pattern}|"
                         rf"{rules['sentence_end'].pattern}", regex.V1)


def _clause(out: list, text: str, start: int, end: int, sep: str) -> None:
    while start < end and text[start] in " \n\u3000":
        start += 1
    while end > start and text[end - 1] in " \n\u3000。！？":
        end -= 1
    if end <= start:
        return
    for cut, resume in _cuts(text, start, end):
        out.append((start, cut, sep))
        start, sep = resume, text[cut:resume]
    out.append((start, end, sep))
