"""Counts: a number, its unit and the bound its comparator sets (numbers.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..rules import get_rules, load_yaml, rule_cache


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    min: Optional[float]
    max: Optional[float]
    unit: str
    placeholder: bool
    rule: str


@rule_cache(maxsize=1)
def _placeholder() -> regex.Pattern:
    return regex.compile(get_rules().placeholder, regex.V1)


def parse_number(text: str) -> Optional[float]:
    """A number written in digits or Chinese numerals; None for a placeholder."""
    text = text.strip()
    if not text or _placeholder().fullmatch(text):
        return None
    try:
        value = float(text)
    except ValueError:
        import cn2an

        try:
            value = float(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError, TypeError):
            return None
    return int(value) if value.is_integer() else value


@rule_cache(maxsize=1)
def _count_pattern() -> regex.Pattern:
    rules = get_rules()
    cn = "".join(rules.numerals["digits"]) + "".join(rules.numerals["multipliers"])
    num = rf"(?<![\d.{cn}])(?:\d++(?:\.\d++)?|[{cn}]++|{rules.placeholder})"
    cmp_ = "|".join(f"(?:{r.pattern.pattern})" for r in rules.comparators)
    units = "|".join(regex.escape(u.text) for u in rules.units)
    pct = regex.escape(rules.numerals["percent_prefix"])
    inner = "|".join(r.pattern.pattern for r in rules.suffixes if r.values.get("between_number_and_unit"))
    outer = "|".join(r.pattern.pattern for r in rules.suffixes if not r.values.get("between_number_and_unit"))
    return regex.compile(
        rf"(?P<cmp>{cmp_})?\s*(?:{pct}(?P<pct>{num})|(?P<a>{num})(?:\s*{rules.range_separators}\s*(?P<b>{num}))?"
        rf"\s*(?P<more>{inner})?\s*(?P<unit>{units}))(?P<suffix>{outer})?",
        regex.V1,
    )


@rule_cache(maxsize=1)
def _not_preceded() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["not_preceded_by"], regex.V1)


def find_counts(text: str) -> list[Count]:
    """Every count in the clause: number, unit and the bounds its comparator sets."""
    return list(_find_counts(text))


_DIGITISH = regex.compile(r"[\d*＊Xx×]")


@rule_cache()
def _find_counts(text: str) -> tuple[Count, ...]:
    rules = get_rules()
    units = {u.text: u for u in rules.units}
    out: list[Count] = []
    for m in _count_pattern().finditer(text):
        if not m.group("cmp") and _not_preceded().search(text, max(0, m.start() - 8), m.start()):
            continue
        if m.group("pct"):
            unit, a, b = "%", m.group("pct"), None
        else:
            unit, a, b = m.group("unit"), m.group("a"), m.group("b")
            spec = units[unit]
            compared = m.group("cmp") or m.group("suffix")
            if spec.needs_comparator and not compared:
                continue
            if spec.cn_needs_comparator and not compared and not _DIGITISH.match(a):
                continue
            if spec.not_followed_by and spec.not_followed_by.match(text, m.end("unit")):
                continue
            unit = spec.canonical
        placeholder = bool(_placeholder().fullmatch(a))
        lo, hi = parse_number(a), parse_number(b) if b else None
        if lo is None and not placeholder:
            continue
        if b and hi is None and not _placeholder().fullmatch(b):
            continue
        rule_id = "num.exact"
        vmin, vmax = lo, lo
        if b:
            if lo is not None and hi is not None and hi < lo:
                lo, hi = hi, lo
            vmin, vmax, rule_id = lo, hi, "num.range"
        bound = _bound(m)
        if bound:
            rule_id, kind = bound
            if kind == "min":
                vmin, vmax = lo, None
            elif kind == "max":
                vmin, vmax = None, (hi if b else lo)
        if placeholder:
            vmin = vmax = None
            rule_id = "num.placeholder"
        out.append(Count(m.start(), m.end(), vmin, vmax, unit, placeholder, rule_id))
    return tuple(out)


def _bound(m) -> Optional[tuple[str, str]]:
    rules = get_rules()
    if m.group("more"):
        return "num.min.more", "min"
    suffix = m.group("suffix")
    if suffix:
        for r in rules.suffixes:
            if r.pattern.fullmatch(suffix):
                return r.id, r.values["bound"] if r.values["bound"] != "exact" else "exact"
    cmp_ = m.group("cmp")
    if cmp_:
        for r in rules.comparators:
            if r.pattern.fullmatch(cmp_):
                return r.id, r.values["bound"]
    return None
