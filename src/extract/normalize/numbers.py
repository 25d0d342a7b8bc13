"""Counts: a number, its unit and the bound its comparator sets (numbers.yml).

Besides a number and its unit, a count may be an approximate range of Chinese digits (two or
three), the level a change reaches (from A raised to B counts B), and a compound unit (a measure
word and the one for times, read as one unit).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional

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


@rule_cache(maxsize=1)
def _multipliers() -> dict:
    return load_yaml("numbers")["numerals"].get("digit_multipliers") or {}


@rule_cache(maxsize=1)
def _converter() -> Callable[[str, str], object]:
    """cn2an's converter, imported with the first number read, whatever its script: importing
    cn2an costs half a second (it compiles its patterns), a cost of start-up rather than of
    whichever later clause first spells a number in Chinese."""
    import cn2an

    return cn2an.cn2an


def parse_number(text: str) -> Optional[float]:
    """A number written in digits or Chinese numerals (a digit multiplier after digits multiplies
    it); None for a placeholder."""
    text = text.strip()
    if not text or _placeholder().fullmatch(text):
        return None
    cn2an = _converter()
    factor = _multipliers().get(text[-1]) if len(text) > 1 and text[-2].isdigit() else None
    alone = get_rules().numerals["multipliers"].get(text)
    if alone:
        value = float(alone)
    elif factor:
        value = float(text[:-1]) * factor
    else:
        try:
            value = float(text)
        except ValueError:
            try:
                value = float(cn2an(text, "smart"))
            except (ValueError, KeyError, TypeError):
                return None
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class _UnitFlags:
    cn_after_word: object = False
    keeps_multiplier: bool = False
    only_in_change: bool = False


@rule_cache(maxsize=1)
def _unit_flags() -> dict[str, _UnitFlags]:
    """The unit keys of numbers.yml that only this module reads."""
    return {u["unit"]: _UnitFlags(u.get("cn_after_word") or False, bool(u.get("keeps_multiplier")),
                                  bool(u.get("only_in_change")))
            for u in load_yaml("numbers")["units"]}


@rule_cache(maxsize=1)
def _count_pattern() -> regex.Pattern:
    rules = get_rules()
    data = load_yaml("numbers")
    cn = "".join(rules.numerals["digits"]) + "".join(rules.numerals["multipliers"])
    mult = "".join(_multipliers())
    num = (rf"(?<![\d.{cn}])(?:\d++(?:\.\d++)?{f'[{mult}]?' if mult else ''}|[{cn}]++|{rules.placeholder})")
    cmp_ = "|".join(f"(?:{r.pattern.pattern})" for r in rules.comparators)
    units = "|".join(regex.escape(u.text) for u in rules.units)
    pct = regex.escape(rules.numerals["percent_prefix"])
    inner = "|".join(r.pattern.pattern for r in rules.suffixes if r.values.get("between_number_and_unit"))
    outer = "|".join(r.pattern.pattern for r in rules.suffixes if not r.values.get("between_number_and_unit"))
    ch = data["change"]
    start = rf"{ch['from']}{ch['between']}\s*(?:{pct})?{num}\s*(?:{inner})?\s*(?:{units})?\s*"
    change = rf"(?P<change>(?:{start})?(?P<cverb>{ch['verbs']}){ch['to']})\s*"
    cn_range = rf"(?<![\d.{cn}]){data['cn_range']}"
    return regex.compile(
        rf"(?:{change}|(?P<cmp>{cmp_}))?\s*(?:{pct}(?P<pct>{num})|(?:{cn_range}|"
        rf"(?P<a>{num})(?:\s*{rules.range_separators}\s*(?P<b>{num}))?)"
        rf"\s*(?P<more>{inner})?\s*(?P<unit>{units})(?P<compound>{data['compound_unit']})?)(?P<suffix>{outer})?",
        regex.V1,
    )


@rule_cache(maxsize=1)
def _not_preceded() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["not_preceded_by"], regex.V1)


@rule_cache(maxsize=1)
def _share_of() -> regex.Pattern:
    """A share of a whole right before a count (numbers.yml `share_of`): no count of a duty."""
    return regex.compile(load_yaml("numbers")["share_of"], regex.V1)


@rule_cache(maxsize=1)
def _cn_slogan() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["cn_slogan"], regex.V1)


@rule_cache(maxsize=1)
def _word_before() -> regex.Pattern:
    return regex.compile(r"[\p{Han}\u201d\u2019\u300d\u300f]", regex.V1)


def find_counts(text: str) -> list[Count]:
    """Every count in the clause: number, unit and the bounds its comparator sets."""
    return list(_find_counts(text))


_DIGITISH = regex.compile(r"[\d*＊Xx×]")


@rule_cache()
def _find_counts(text: str) -> tuple[Count, ...]:
    out: list[Count] = []
    for m in _count_pattern().finditer(text):
        count = _read(text, m)
        if count is not None:
            out.append(count)
    return tuple(out)


def _read(text: str, m) -> Optional[Count]:
    """The count one match of the pattern gives, or None when it names a thing rather than counts."""
    rules = get_rules()
    changed = bool(m.group("change"))
    if not (m.group("cmp") or changed) and _not_preceded().search(text, max(0, m.start() - 8), m.start()):
        return None
    if not changed and _share_of().search(text, max(0, m.start() - 16), m.start()):
        return None
    ranged = bool(m.group("ra"))
    if m.group("pct"):
        unit, a, b = "%", m.group("pct"), None
    else:
        a, b = (m.group("ra"), m.group("rb")) if ranged else (m.group("a"), m.group("b"))
        unit = m.group("unit")
        spec = next(u for u in rules.units if u.text == unit)
        flags = _unit_flags().get(unit, _UnitFlags())
        compared = m.group("cmp") or m.group("suffix") or changed
        if flags.only_in_change and not changed:
            return None
        if spec.needs_comparator and not compared:
            return None
        cn = not _DIGITISH.match(a)
        if cn and not ranged and _cn_slogan().match(text, m.end("unit")):
            return None
        if spec.cn_needs_comparator and cn and not (compared or ranged or b or _after_word(text, m, flags)
                                                    or _large_after_word(text, m) or _quota(text, m)):
            return None
        if spec.not_followed_by and spec.not_followed_by.match(text, m.end("unit")):
            return None
        unit = spec.canonical
        if flags.keeps_multiplier and a[-1] in _multipliers() and len(a) > 1:
            unit, a = a[-1] + unit, a[:-1]
        if m.group("compound") and unit != m.group("compound"):
            unit += m.group("compound")
    placeholder = bool(_placeholder().fullmatch(a))
    lo, hi = parse_number(a), parse_number(b) if b else None
    if lo is None and not placeholder:
        return None
    if b and hi is None and not _placeholder().fullmatch(b):
        return None
    if ranged and not (hi is not None and lo is not None and hi > lo):
        return None
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
    elif unit == "%" and vmax is None and vmin == _percent_whole():
        vmax = vmin
    start = m.start("change") if changed else m.start()
    return Count(start, m.end(), vmin, vmax, unit, placeholder, rule_id)


@rule_cache(maxsize=1)
def _percent_whole() -> Optional[float]:
    return load_yaml("numbers")["numerals"].get("percent_whole")


def _after_word(text: str, m, flags: _UnitFlags) -> bool:
    """A Chinese numeral before a measure word that names no slogan counts when a word stands
    before it (carry out one round of training), not at the start of a phrase; for a measure word
    whose one is mostly the article (`plural`), only a numeral above one."""
    if not flags.cn_after_word or not _word_precedes(text, m):
        return False
    return flags.cn_after_word != "plural" or (parse_number(m.group("a")) or 0) > 1


def _large_after_word(text: str, m) -> bool:
    """A Chinese numeral above ten built with a multiplier (twenty-three, two hundred) or followed by
    "and more" after a word counts before any measure word: no article and no slogan is said so."""
    if not _word_precedes(text, m):
        return False
    return bool(m.group("more")) or (any(ch in get_rules().numerals["multipliers"] for ch in m.group("a"))
                                     and (parse_number(m.group("a")) or 0) > 10)


def _quota(text: str, m) -> bool:
    """One of a thing after a word, with "each" or a comparator earlier in the clause (numbers.yml
    `quota_lead`: each member links one team): a quota, not the article."""
    return len(m.group("a")) == 1 and parse_number(m.group("a")) == 1 and _word_precedes(text, m) \
        and bool(_quota_lead().search(text, 0, m.start("a")))


def _word_precedes(text: str, m) -> bool:
    """A word (a Chinese character or a closing quote) stands right before the number."""
    at = m.start("a")
    return at > 0 and bool(_word_before().match(text, at - 1))


@rule_cache(maxsize=1)
def _quota_lead() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["quota_lead"], regex.V1)



def _bound(m) -> Optional[tuple[str, str]]:
    rules = get_rules()
    if m.group("more"):
        return "num.min.more", "min"
    suffix = m.group("suffix")
    if suffix:
        for r in rules.suffixes:
            if r.pattern.fullmatch(suffix):
                return r.id, r.values["bound"] if r.values["bound"] != "exact" else "exact"
    if m.group("change"):
        return "num.change", "exact"
    cmp_ = m.group("cmp")
    if cmp_:
        for r in rules.comparators:
            if r.pattern.fullmatch(cmp_):
                return r.id, r.values["bound"]
    return None


def as_reported(count: Count) -> Count:
    """The count as a report of done work reads it: a comparator that asks for at least N
    (`reported: exact` in numbers.yml) tells the level reached, exactly N."""
    rule = next((r for r in get_rules().comparators if r.id == count.rule), None)
    if rule is None or rule.values.get("reported") != "exact" or count.min is None:
        return count
    return replace(count, max=count.min)


@rule_cache(maxsize=1)
def _change_verb() -> regex.Pattern:
    ch = load_yaml("numbers")["change"]
    return regex.compile(rf"(?P<verb>{ch['verbs']}){ch['to']}", regex.V1)


def change_verb(text: str, count: Count) -> Optional[str]:
    """The verb of a change (raised, cut) whose level reached is `count` (numbers.yml `change`);
    a verb that says the level moved is given as the verb that moves it (`transitive`)."""
    m = _change_verb().search(text, count.start, count.end)
    if not m:
        return None
    return (load_yaml("numbers")["change"].get("transitive") or {}).get(m.group("verb"), m.group("verb"))
