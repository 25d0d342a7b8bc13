"""Mask noise and build a matching view of the text without moving a character.

The view is the text the rules read: noise removed, traditional script read as
simplified, full-width digits and ASCII punctuation read as their usual forms.
`View.index` maps every view position back to the text as read, so a span
found in the view is always a span of the original.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .rules import get_rules

_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！",
          "「": "“", "」": "”", "『": "‘", "』": "’", "﹐": "，", "﹔": "；"}
_DIGIT_SENSITIVE = {",", ":", "."}


@dataclass(frozen=True)
class Noise:
    start: int
    end: int
    rule: str


@dataclass
class View:
    """The matching view of a text and its map back to the text as read."""

    original: str
    text: str
    index: list[int]
    noise: list[Noise]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the view's [start, end)."""
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified_map(chars: set[str]) -> dict[str, str]:
    """Character-level traditional-to-simplified map (length-preserving by construction)."""
    conv = _converter()
    out = {}
    for ch in chars:
        if ord(ch) < 0x3400:
            continue
        s = conv.convert(ch)
        if len(s) == 1 and s != ch:
            out[ch] = s
    return out


def noise_spans(text: str) -> list[Noise]:
    """Every noise span of the text as read, merged and sorted."""
    rules = get_rules()
    found: list[Noise] = []
    for rule in rules.noise:
        line_scope = rule.values.get("scope") == "line"
        if line_scope:
            pos = 0
            for line in text.split("\n"):
                if line.strip() and rule.pattern.search(line):
                    found.append(Noise(pos, pos + len(line), rule.id))
                pos += len(line) + 1
        else:
            for m in rule.pattern.finditer(text):
                if m.end() > m.start():
                    found.append(Noise(m.start(), m.end(), rule.id))
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


def _normal_char(ch: str, prev: str, nxt: str, tmap: dict, char_map: dict) -> str:
    ch = char_map.get(ch, ch)
    ch = tmap.get(ch, ch)
    if "\uff01" <= ch <= "\uff5e" and ch not in "（），；：！？～":
        ch = unicodedata.normalize("NFKC", ch)
    if ch in _DIGIT_SENSITIVE and prev.isdigit() and nxt.isdigit():
        return ch
    if ch == "." and not (prev.isdigit() and nxt.isdigit()):
        return ch
    return _PUNCT.get(ch, ch)


def build_view(text: str) -> View:
    """Mask noise and normalise script and punctuation into a view with an offset map."""
    rules = get_rules()
    noise = noise_spans(text)
    tmap = simplified_map(set(text))
    masked = bytearray(len(text))
    for n in noise:
        masked[n.start:n.end] = b"\x01" * (n.end - n.start)
    chars: list[str] = []
    index: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        if masked[i]:
            continue
        if ch in " \u3000\u00a0" and _inside_words(text, i):
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        chars.append(_normal_char(ch, prev, nxt, tmap, rules.char_map))
        index.append(i)
    return View(text, "".join(chars), index, noise)


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
