"""Mask noise and build a matching view of the text without moving a character.

The view is the text the rules read: noise removed, traditional script read as
simplified, full-width digits and ASCII punctuation read as their usual forms, and
the look-alikes some PDFs put in their text layer (Kangxi radicals such as U+2F49 for
U+6708 "month", CJK compatibility ideographs) read as the ordinary characters (Unicode
NFKC, one character for one). Text a PDF spaced out character by character reads as one word.
`View.at` maps every view position back to the text as read, so a span
found in the view is always a span of the original.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable
from functools import lru_cache

import regex

from .rules import get_rules, load_yaml, rule_cache

_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！",
          "「": "“", "」": "”", "『": "‘", "』": "’", "﹐": "，", "﹔": "；"}


@dataclass(frozen=True)
class Noise:
    start: int
    end: int
    rule: str


@dataclass
class View:
    """The matching view of a text and its map back to the text as read.

    The map is kept as runs (the view offset where each kept stretch starts and
    the original offset it came from), not as one number per character.
    """

    original: str
    text: str
    noise: list[Noise]
    starts: list[int]
    origins: list[int]
    dropped: list[tuple[int, int]] = field(default_factory=list, repr=False)
    table: dict[str, str] = field(default_factory=dict, repr=False)

    def at(self, pos: int) -> int:
        """The original offset of the view character at `pos`."""
        i = bisect_right(self.starts, pos) - 1
        return self.origins[i] + pos - self.starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the view's [start, end)."""
        if end <= start:
            pos = self.at(start) if start < len(self.text) else len(self.original)
            return pos, pos
        return self.at(start), self.at(end - 1) + 1


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=None)
def _simplified(ch: str) -> str:
    """One character in simplified script, itself when OpenCC gives no single-character form.
    Cached: a text has thousands of characters but the script has only a few thousand in use."""
    s = _converter().convert(ch)
    return s if len(s) == 1 else ch


def noise_spans(text: str) -> list[Noise]:
    """Every noise span of the text as read, merged and sorted."""
    rules = get_rules()
    found: list[tuple[int, int, int, str]] = []
    line_rules = []
    for order, rule in enumerate(rules.noise):
        if rule.values.get("scope") == "line":
            line_rules.append((order, rule))
            continue
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, rule.id))
    if line_rules:
        for start, end in _candidate_lines(text, _any_line_rule()):
            line = text[start:end]
            if line.strip():
                found.extend((start, end, order, rule.id) for order, rule in line_rules if rule.pattern.search(line))
    found.sort(key=lambda n: (n[0], -n[1], n[2]))
    found = [Noise(s, e, rule) for s, e, _, rule in found]
    found.sort(key=lambda n: (n.start, -n.end))
    merged: list[Noise] = []
    for n in found:
        if merged and n.start < merged[-1].end:
            last = merged[-1]
            if n.end > last.end:
                merged[-1] = Noise(last.start, n.end, last.rule)
            continue
        merged.append(n)
    return merged


def _candidate_lines(text: str, pattern: regex.Pattern) -> Iterable[tuple[int, int]]:
    """(start, end) of every line where a search of the whole text lands.

    With `^` and `$` at line ends, a whole-text search finds every line that a
    line-scoped rule matches (and some that only match across a break, which the
    caller tests line by line): one pass over the text instead of one search a line.
    """
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        yield start, end
        pos = end + 1


@rule_cache(maxsize=1)
def _any_line_rule() -> regex.Pattern:
    """Every line-scoped noise rule in one pattern, `^` and `$` at line ends."""
    parts = [r.pattern.pattern for r in get_rules().noise if r.values.get("scope") == "line"]
    return regex.compile("|".join(f"(?:{p})" for p in parts), regex.V1 | regex.MULTILINE)


def _table(text: str) -> dict[str, str]:
    """One translation for the whole text: OCR look-alikes, script, full-width forms, punctuation."""
    table = {}
    for ch in set(text):
        out = _view_char(ch)
        if out != ch:
            table[ch] = out
    return table


def _translate(text: str, table: dict[str, str]) -> str:
    """The text with each character of the table replaced (one for one, so offsets stay)."""
    if not table:
        return text
    chars = regex.compile("[" + regex.escape("".join(sorted(table))) + "]")
    return chars.sub(lambda m: table[m.group()], text)


_LOOK_ALIKES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def _ordinary(ch: str) -> str:
    """The ordinary character a radical or compatibility ideograph stands for (NFKC), when it is one."""
    code = ord(ch)
    if any(low <= code <= high for low, high in _LOOK_ALIKES):
        out = unicodedata.normalize("NFKC", ch)
        if len(out) == 1:
            return out
    return ch


@rule_cache(maxsize=None)
def _view_char(ch: str) -> str:
    """What one character reads as in the view (noise.yml `char_map`, look-alikes, then script,
    width, punctuation)."""
    out = _ordinary(get_rules().char_map.get(ch, ch))
    if ord(out) >= 0x3400:
        out = _simplified(out)
    if "\uff01" <= out <= "\uff5e" and out not in "（），；：！？～":
        out = unicodedata.normalize("NFKC", out)
    return _PUNCT.get(out, out)


_SPACES = regex.compile(r"[ \u3000\u00a0]+")
_SPACED_OUT = regex.compile(r"[\p{Han}\p{P}\d](?: [\p{Han}\p{P}\d]){3,}")
_DIGIT_PUNCT = regex.compile(r"(?<=\d)[，：](?=\d)")
_ASCII_BACK = {"，": ",", "：": ":"}


def build_view(text: str, joins: Iterable[int] = ()) -> View:
    """Mask noise and normalise script and punctuation into a view with an offset map.

    The view is built from the kept stretches of the text with one translation
    table, so every view character stands for exactly one original character.
    `joins` are original offsets of line breaks that do not end a sentence (hard
    wrapping): they are left out of the view so a wrapped word reads whole.
    """
    noise = noise_spans(text)
    drop = [(n.start, n.end) for n in noise]
    cells = _cell_separator()
    drop += [(m.start(), m.end()) for m in _SPACES.finditer(text)
             if _inside_words(text, m.start()) and not cells.fullmatch(m.group())]
    drop += _spaced_out(text)
    return _assemble(text, noise, drop, _table(text), joins)


@rule_cache(maxsize=1)
def _cell_separator() -> regex.Pattern:
    """Spaces that set table cells apart (tables.yml `cell_separator`): kept in the view."""
    return regex.compile(load_yaml("tables")["cell_separator"], regex.V1)


def rejoined(view: View, joins: Iterable[int]) -> View:
    """The view of the same text with hard-wrapped line breaks (original offsets) left out as well:
    what `build_view(text, joins)` gives, without finding the noise and the table again."""
    return _assemble(view.original, view.noise, view.dropped, view.table, joins)


def _assemble(text: str, noise: list[Noise], dropped: list[tuple[int, int]], table: dict[str, str],
              joins: Iterable[int]) -> View:
    drop = sorted(dropped + [(j, j + 1) for j in joins])
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = length = 0
    for start, end in drop + [(len(text), len(text))]:
        if start > pos:
            starts.append(length)
            origins.append(pos)
            parts.append(text[pos:start])
            length += start - pos
        pos = max(pos, end)
    view = _DIGIT_PUNCT.sub(lambda m: _ASCII_BACK[m.group()], _translate("".join(parts), table))
    return View(text, view, noise, starts or [0], origins or [0], dropped, table)


def _spaced_out(text: str) -> list[tuple[int, int]]:
    """The single spaces of runs of four or more characters each set apart by one space,
    as PDF extraction gives letter-spaced text: the run reads as one word, punctuation included."""
    return [(m.start() + i, m.start() + i + 1) for m in _SPACED_OUT.finditer(text)
            for i in range(1, m.end() - m.start(), 2)]


_WORD = regex.compile(r"[\p{Han}\d%％“”《》（）()]")


def _inside_words(text: str, i: int) -> bool:
    """A space between two words of Chinese or a number and its unit carries nothing."""
    j = i - 1
    while j >= 0 and text[j] in " \u3000\u00a0":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in " \u3000\u00a0":
        k += 1
    if j < 0 or k >= len(text) or text[j] == "\n" or text[k] == "\n":
        return True
    return bool(_WORD.match(text[j])) and bool(_WORD.match(text[k]))
