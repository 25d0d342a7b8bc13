"""Period words and deadlines: when and how often (periods.yml, deadlines.yml)."""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Optional

import regex

from ..rules import RuleFileError, _compile, _need, family_gate, get_rules, load_yaml, rule_cache
from ..spans import Taken
from .numbers import parse_number


@dataclass(frozen=True)
class PeriodHit:
    """A period word; `session` when it measures one session (each time, each class), which takes no period."""

    start: int
    end: int
    period: Optional[str]
    rule: str
    session: bool = False


@dataclass(frozen=True)
class DeadlineHit:
    """A date found in a clause. A list (`items`) stands for one date per item: each item is the
    month or the day (`item`), and a day that every item shares is `day` (3, 6, 9, 12 on the 25th)."""

    start: int
    end: int
    month: Optional[int]
    day: Optional[int]
    relation: str
    rule: str
    items: tuple = ()
    item: str = ""


def find_periods(text: str) -> list[PeriodHit]:
    """Period words of the clause, left to right, without overlaps."""
    return list(_find_periods(text))


@rule_cache()
def _find_periods(text: str) -> tuple[PeriodHit, ...]:
    if not family_gate("periods").search(text):
        return ()
    hits: list[PeriodHit] = []
    taken = Taken()
    for rule in get_rules().periods:
        anchored = rule.values.get("anchored_start")
        for m in rule.finditer(text):
            if anchored and m.start() != 0:
                continue
            if m.end() == m.start() or taken.overlaps(m.start(), m.end()):
                continue
            taken.add(m.start(), m.end())
            hits.append(PeriodHit(m.start(), m.end(), rule.values.get("period"), rule.id,
                                  bool(rule.values.get("session"))))
    return tuple(sorted(hits, key=lambda h: h.start))


def _month(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    value = parse_number(text)
    return int(value) if value is not None and 1 <= value <= 12 else None


def _day(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    value = parse_number(text)
    return int(value) if value is not None and 1 <= value <= 31 else None


def find_deadlines(text: str) -> list[DeadlineHit]:
    """Dates, festivals and year positions in the clause, left to right, without overlaps."""
    return list(_find_deadlines(text))


@rule_cache(maxsize=1)
def _relations() -> tuple:
    return tuple((regex.compile(after, regex.V1) if after else None, rel)
                 for after, rel in get_rules().festival_relations)


@rule_cache(maxsize=1)
def _list_marks() -> tuple[regex.Pattern, regex.Pattern]:
    """What separates the items of a date list, and what is cut from each item before its number."""
    rules = get_rules()
    return regex.compile(rules.list_item_sep, regex.V1), regex.compile(rules.list_item_suffix, regex.V1)


@rule_cache()
def _find_deadlines(text: str) -> tuple[DeadlineHit, ...]:
    rules = get_rules()
    hits: list[DeadlineHit] = []
    taken = Taken()

    def free(s: int, e: int) -> bool:
        return e > s and not taken.overlaps(s, e)

    sep, suffix = _list_marks()
    for rule in rules.deadline_lists:
        for m in _list_matches(rule, text, sep):
            if not free(m.start(), m.end()):
                continue
            values = [parse_number(suffix.sub("", x)) for x in sep.split(m.group("items")) if x]
            if any(v is None for v in values):
                continue
            taken.add(m.start(), m.end())
            hits.append(DeadlineHit(m.start(), m.end(), None, _day(m.groupdict().get("day")),
                                    rule.values["relation"], rule.id, tuple(int(v) for v in values),
                                    rule.values["item"]))
    for fest in rules.festivals if family_gate("festivals").search(text) else ():
        for m in fest.finditer(text):
            if not free(m.start(), m.end()):
                continue
            end, relation = m.end(), "around"
            at = m.end()
            tail = _festival_tail().match(text, at)
            for after, rel in _relations():
                if after is None:
                    relation = rel
                    break
                mm = after.match(text, tail.end() if tail else at)
                if mm:
                    end, relation = mm.end(), rel
                    break
            taken.add(m.start(), end)
            hits.append(DeadlineHit(m.start(), end, fest.values["month"], fest.values["day"], relation, fest.id))
    for rule in rules.deadlines:
        for m in rule.finditer(text):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            month = _month(groups.get("month")) if groups.get("month") else rule.values.get("month")
            day = _day(groups.get("day"))
            if groups.get("month") and month is None:
                continue
            if day is not None and month is not None and day > monthrange(2000, month)[1]:
                continue
            taken.add(m.start(), m.end())
            hits.append(DeadlineHit(m.start(), m.end(), month, day, rule.values["relation"], rule.id))
    return _joined(_shared_relation(sorted(hits, key=lambda h: h.start), text, sep), text, sep)


@rule_cache(maxsize=1)
def _festival_tail() -> regex.Pattern:
    """What may close a list of festivals before its relation word (and other such days: deadlines.yml `festival_list_tail`)."""
    return regex.compile(load_yaml("deadlines")["festival_list_tail"], regex.V1)


def _shared_relation(hits: list[DeadlineHit], text: str, sep: regex.Pattern) -> list[DeadlineHit]:
    """Festivals listed with a list mark between them (before New Year's Day, May Day and National Day) share the relation
    the last of them is given: each is a date before which the duty falls."""
    out = list(hits)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.rule.startswith(_FESTIVAL) and b.rule.startswith(_FESTIVAL) and a.relation != b.relation \
                and (sep.fullmatch(text, a.end, b.start) or _quoted_pair(text, a, b)):
            out[i] = DeadlineHit(a.start, a.end, a.month, a.day, b.relation, a.rule, a.items, a.item)
    return out


def _quoted_pair(text: str, a: DeadlineHit, b: DeadlineHit) -> bool:
    """Two quoted festivals back to back (May Day and National Day, each in quotes): a list, not one season."""
    return a.end == b.start and text[a.end - 1:a.end] in _CLOSING and text[b.start:b.start + 1] in _OPENING


_CLOSING, _OPENING = "\u201d\"'\u2019", "\u201c\"'\u2018"


def _list_matches(rule, text: str, sep: regex.Pattern):
    """The matches of a list rule whose items share their script: an item's number in Chinese
    before a date in digits (item one: by 10 May) is no month, so the list is read again from the
    first item written as the last one is (no list at all, or July and August after item three)."""
    for m in rule.finditer(text):
        while m is not None:
            items = m.group("items")
            parts = [(x.start(), x.group()) for x in regex.finditer(rf"(?:(?!{sep.pattern}).)+", items)]
            last = parts[-1][1][:1].isdigit()
            odd = [at for at, x in parts if x[:1].isdigit() != last]
            if not odd:
                yield m
                break
            m = rule.pattern.search(text, m.start("items") + next(at for at, _ in parts if at > odd[-1]))


_FESTIVAL = "festival."


def _joined(hits: list[DeadlineHit], text: str, sep: regex.Pattern) -> tuple[DeadlineHit, ...]:
    """Dates written one after another with only a list mark between them, sharing their relation
    and their day (mid-year and year-end; the first of July and of October), are one list of
    months: one record per date, as a list rule gives. The same date named twice in a row (a
    festival's number and its name) is one date, related as the second says. Festivals named back
    to back with no mark between (New Year and Spring Festival, in that holiday) are one season: the
    date and relation of the last."""
    out: list[DeadlineHit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == hit.start and not prev.items and not hit.items
                and (prev.month, prev.day) == (hit.month, hit.day)):
            out[-1] = DeadlineHit(prev.start, hit.end, hit.month, hit.day, hit.relation, prev.rule)
            continue
        if (prev is not None and prev.end == hit.start and prev.rule.startswith(_FESTIVAL)
                and hit.rule.startswith(_FESTIVAL) and not _quoted_pair(text, prev, hit)):
            out[-1] = DeadlineHit(prev.start, hit.end, hit.month, hit.day, hit.relation, hit.rule)
            continue
        if (prev is not None and not hit.items and hit.relation == prev.relation and hit.day == prev.day
                and prev.item in ("", "month") and (sep.fullmatch(text, prev.end, hit.start)
                                                    or _quoted_pair(text, prev, hit))):
            months = prev.items if prev.items else (prev.month,)
            out[-1] = DeadlineHit(prev.start, hit.end, None, hit.day, hit.relation, prev.rule,
                                  months + (hit.month,), "month")
        else:
            out.append(hit)
    return tuple(out)


# --- dates of a year, for the calendar ------------------------------------------


def festival_date(rule_id: str, year: int) -> Optional[date]:
    """The day in `year` of the festival a rule of deadlines.yml names: its fixed month and day, a
    day of the lunar calendar (`lunar: [month, day]`, the Spring Festival) or a solar term
    (`solar_term`, Qingming), both from lunar-python, a maintained calendar library; None for a
    festival without a day (the two sessions in March) or an unknown id."""
    rule = next((f for f in get_rules().festivals if f.id == rule_id), None)
    if rule is None:
        return None
    values = rule.values
    if values.get("lunar"):
        from lunar_python import Lunar

        month, day = values["lunar"]
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    if values.get("solar_term"):
        from lunar_python import Lunar

        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()[values["solar_term"]]
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    if values.get("month") and values.get("day"):
        return date(year, values["month"], values["day"])
    return None


def festival_of(text: str) -> Optional[str]:
    """The id of the festival rule a deadline as written names (festival.spring), if any."""
    return next((hit.rule for hit in find_deadlines(text) if hit.rule.startswith("festival.")), None)


@dataclass(frozen=True)
class _YearMarks:
    named: regex.Pattern
    shifts: tuple
    parts: tuple


@rule_cache(maxsize=1)
def _year_marks() -> _YearMarks:
    """deadlines.yml's `named_year`, `year_shifts` and `year_parts`, compiled."""
    data = load_yaml("deadlines")
    where = "patterns/deadlines.yml"

    def entries(key: str, fields: tuple) -> tuple:
        out = []
        for n, item in enumerate(_need(data, key, "deadlines")):
            place = f"{where} {key}[{n}]"
            if not isinstance(item, dict) or any(f not in item for f in ("pattern",) + fields):
                raise RuleFileError(f"{place}: needs {', '.join(('pattern',) + fields)}")
            out.append((_compile(item["pattern"], place),) + tuple(int(item[f]) for f in fields))
        return tuple(out)

    return _YearMarks(_compile(_need(data, "named_year", "deadlines"), f"{where} named_year"),
                      entries("year_shifts", ("shift",)), entries("year_parts", ("start", "due")))


def year_of(text: str, year: int) -> int:
    """The year a deadline as written falls in: the last year it names (`named_year`), else the
    list's year shifted by a word of `year_shifts` (the next year), else the list's year."""
    marks = _year_marks()
    named = [int(m.group("year")) for m in marks.named.finditer(text)]
    if named:
        return named[-1]
    for pattern, shift in marks.shifts:
        if pattern.search(text):
            return year + shift
    return year


def year_part(text: str) -> Optional[tuple[int, int]]:
    """The first and last month of a part of the year a deadline names without a month
    (`year_parts`: the start of the year is January, the second half July to December), or None
    when it names none of them."""
    for pattern, start, due in _year_marks().parts:
        if pattern.search(text):
            return start, due
    return None
