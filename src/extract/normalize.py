"""Read values out of a clause: counts, periods, deadlines, actors, modality, actions.

Every finder works on the simplified view of one clause and returns hits with
view offsets and the id of the rule that fired, so a value can be traced.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from .rules import get_rules, load_yaml


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    min: Optional[float]
    max: Optional[float]
    unit: str
    placeholder: bool
    rule: str


@dataclass(frozen=True)
class PeriodHit:
    start: int
    end: int
    period: Optional[str]
    rule: str


@dataclass(frozen=True)
class DeadlineHit:
    start: int
    end: int
    month: Optional[int]
    day: Optional[int]
    relation: str
    rule: str
    items: tuple = ()
    item: str = ""


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    canonical: str


def parse_number(text: str) -> Optional[float]:
    """A number written in digits or Chinese numerals; None for a placeholder."""
    text = text.strip()
    if not text or regex.fullmatch(get_rules().placeholder, text):
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


@lru_cache(maxsize=1)
def _count_pattern() -> regex.Pattern:
    rules = get_rules()
    cn = "".join(rules.numerals["digits"]) + "".join(rules.numerals["multipliers"])
    num = rf"(?:\d+(?:\.\d+)?|[{cn}]+|{rules.placeholder})"
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


@lru_cache(maxsize=1)
def _not_preceded() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["not_preceded_by"], regex.V1)


def find_counts(text: str) -> list[Count]:
    """Every count in the clause: number, unit and the bounds its comparator sets."""
    rules = get_rules()
    units = {u.text: u for u in rules.units}
    out: list[Count] = []
    for m in _count_pattern().finditer(text):
        head = text[: m.start()]
        if not m.group("cmp") and _not_preceded().search(head):
            continue
        if m.group("pct"):
            unit, a, b = "%", m.group("pct"), None
        else:
            unit, a, b = m.group("unit"), m.group("a"), m.group("b")
            spec = units[unit]
            compared = m.group("cmp") or m.group("suffix")
            if spec.needs_comparator and not compared:
                continue
            if spec.cn_needs_comparator and not compared and not regex.match(r"[\d*＊Xx×]", a):
                continue
            if spec.not_followed_by and spec.not_followed_by.match(text, m.end("unit")):
                continue
            unit = spec.canonical
        placeholder = bool(regex.fullmatch(rules.placeholder, a))
        lo, hi = parse_number(a), parse_number(b) if b else None
        if lo is None and not placeholder:
            continue
        if b and hi is None and not regex.fullmatch(rules.placeholder, b):
            continue
        rule_id = "num.exact"
        vmin, vmax = lo, lo
        if b:
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
    return out


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


def find_periods(text: str) -> list[PeriodHit]:
    """Period words of the clause, left to right, without overlaps."""
    hits: list[PeriodHit] = []
    taken: list[tuple[int, int]] = []
    for rule in get_rules().periods:
        anchored = rule.values.get("anchored_start")
        for m in rule.pattern.finditer(text):
            if anchored and m.start() != 0:
                continue
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.append(PeriodHit(m.start(), m.end(), rule.values.get("period"), rule.id))
    return sorted(hits, key=lambda h: h.start)


def _month(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    value = parse_number(text)
    return int(value) if value is not None and 1 <= value <= 12 else None


def find_deadlines(text: str) -> list[DeadlineHit]:
    """Dates, festivals and year positions in the clause, left to right, without overlaps."""
    rules = get_rules()
    hits: list[DeadlineHit] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return e > s and not any(s < te and ts < e for ts, te in taken)

    for rule in rules.deadline_lists:
        for m in rule.pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            items = m.group("items").replace(rules.list_item_suffix, "")
            raw = [x for x in items.split(rules.list_item_sep) if x]
            values = [parse_number(x) for x in raw]
            if any(v is None for v in values):
                continue
            taken.append((m.start(), m.end()))
            hits.append(DeadlineHit(m.start(), m.end(), None, None, rule.values["relation"], rule.id,
                                    tuple(int(v) for v in values), rule.values["item"]))
    for fest in rules.festivals:
        for m in fest.pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            end, relation = m.end(), "around"
            for after, rel in rules.festival_relations:
                if not after:
                    relation = rel
                    break
                mm = regex.compile(after).match(text, m.end())
                if mm:
                    end, relation = mm.end(), rel
                    break
            taken.append((m.start(), end))
            hits.append(DeadlineHit(m.start(), end, fest.values["month"], fest.values["day"], relation, fest.id))
    for rule in rules.deadlines:
        for m in rule.pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            month = _month(groups.get("month")) if groups.get("month") else rule.values.get("month")
            day = None
            if groups.get("day"):
                d = parse_number(groups["day"])
                day = int(d) if d is not None and 1 <= d <= 31 else None
            if groups.get("month") and month is None:
                continue
            taken.append((m.start(), m.end()))
            hits.append(DeadlineHit(m.start(), m.end(), month, day, rule.values["relation"], rule.id))
    return sorted(hits, key=lambda h: h.start)


def find_actors(text: str) -> list[ActorHit]:
    """Every mention of a role in the text, longest first at each position, without overlaps."""
    rules = get_rules()
    found: list[ActorHit] = []
    for rule in rules.actor_roles:
        for m in rule.pattern.finditer(text):
            canonical = rule.values["canonical"]
            if canonical == "$core":
                canonical = m.group("core")
            found.append(ActorHit(m.start(), m.end(), canonical))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[ActorHit] = []
    for hit in found:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return [_with_prefix(text, h) for h in out]


def _with_prefix(text: str, hit: ActorHit) -> ActorHit:
    prefix = get_rules().actor_prefix
    best = hit.start
    for start in range(max(0, hit.start - 12), hit.start):
        m = prefix.fullmatch(text, start, hit.start)
        if m and m.end() > m.start():
            best = start
            break
    return ActorHit(best, hit.end, hit.canonical)


def subject_actor(text: str, before: int) -> Optional[ActorHit]:
    """The actor that is the subject of the clause.

    The first role named before the verb, when nothing but framing words stand
    before it; roles joined to it by a conjunction form one noun phrase whose
    head, the last role, is the subject. A preposition or governing verb
    before a role (actors.yml `non_subject`) makes it an object.
    """
    rules = get_rules()
    hits = [h for h in find_actors(text[:before]) if not _inside_title(text, h.start)]
    if not hits:
        return None
    first = hits[0]
    lead = text[: first.start]
    if lead and (rules.actions["verbs"].search(lead) or _object_marker(lead)):
        if not rules.actor_subject_marker.search(lead):
            return None
    chosen = first
    for hit in hits[1:]:
        gap = text[chosen.end: hit.start]
        if rules.actions["verbs"].search(gap) or _object_marker(gap):
            break
        chosen = hit
    name = rules.person_name.match(text[chosen.end:])
    if name:
        chosen = ActorHit(chosen.start, chosen.end + name.end(), chosen.canonical)
    return chosen


def first_verb(text: str) -> int:
    """Where the first verb of the clause stands, outside role names and quotations."""
    rules = get_rules()
    blocked = [(h.start, h.end) for h in find_actors(text)]
    blocked += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for m in rules.actions["verbs"].finditer(text):
        if not any(s <= m.start() < e for s, e in blocked):
            return m.start()
    return len(text)


_QUOTED = regex.compile(r"“[^”]*”|《[^》]*》")


def governed_actor(text: str) -> bool:
    """True when the clause opens with a governing verb acting on a role (the owner acts on another)."""
    rules = get_rules()
    hits = find_actors(text)
    if not hits:
        return False
    lead = text[: hits[0].start]
    return bool(lead) and _object_marker(lead) and len(lead) <= 6


def _object_marker(text: str) -> bool:
    rules = get_rules()
    return bool(regex.search(rules.actor_non_subject.pattern.rstrip("$"), text))


def _inside_title(text: str, pos: int) -> bool:
    return text.count("《", 0, pos) > text.count("》", 0, pos)


def actor_of(text: str) -> Optional[str]:
    """The actor a phrase names: its subject, else (for a title) its owner."""
    hit = subject_actor(text, first_verb(text))
    return hit.canonical if hit else title_actor(text)


def title_actor(title: str) -> Optional[str]:
    """The role a list or report title names (its owner), else a title cue's role."""
    rules = get_rules()
    for hit in find_actors(title):
        if not _inside_title(title, hit.start):
            return hit.canonical
    for cue in rules.title_cues:
        if cue.pattern.search(title):
            return cue.values["actor"]
    return None


def actor_in_cell(text: str) -> Optional[str]:
    """The role a table's actor cell names; the cell itself when the lexicon knows none."""
    hits = find_actors(text)
    if hits:
        return hits[0].canonical
    cleaned = text.strip()
    return cleaned or None


def modality_marks(text: str) -> dict[str, tuple[str, bool]]:
    """The modality markers a clause carries: modality -> (rule id, strong)."""
    rules = get_rules()
    marks: dict[str, tuple[str, bool]] = {}
    if rules.obligation_bounds.search(text):
        marks["obligation"] = ("modality.obligation.bound", True)
    probe = rules.obligation_bounds.sub("", text)
    probe = rules.achievement_blockers.sub("", probe)
    for rule in rules.modality:
        modality = rule.values["modality"]
        if rule.pattern.search(probe):
            strong = bool(rule.values.get("strong", modality != "obligation"))
            if modality not in marks or (strong and not marks[modality][1]):
                marks[modality] = (rule.id, strong)
    return marks


def canonical_action(text: str) -> str:
    """A short verb-object phrase: framing words, determiners and particles cut, synonyms merged."""
    rules = get_rules()
    a = rules.actions
    s = text.strip(" \t\n，。；、：")
    s = a["enumerations"].sub("", s)
    for _ in range(3):
        s = a["leading"].sub("", s)
        s = a["strip_trailing"].sub("", s)
    s = a["determiners"].sub("", s)
    s = a["verb_particles"].sub("", s)
    s = regex.sub(r"\s+", "", s).strip("，。；、：")
    s = _drop_beneficiary(s)
    s = _shorten(s)
    return rules.synonyms.get(s, s)


def _drop_beneficiary(s: str) -> str:
    """A leading beneficiary or framing phrase (actions.yml `beneficiary`) is not part of the action."""
    a = get_rules().actions
    m = a["beneficiary"].match(s)
    if not m:
        return s
    at = first_verb(s[m.end():])
    if 0 < at <= 24 and at < len(s) - m.end():
        return s[m.end() + at:]
    return s


def _shorten(s: str) -> str:
    """A long phrase keeps the verb and its first conjunct, so actions stay short and comparable."""
    a = get_rules().actions
    if len(s) <= a["max_length"]:
        return s
    verb = a["verbs"].search(s)
    if not verb:
        return s
    for m in a["coordinators"].finditer(s, verb.end()):
        if m.start() >= 6 and not _inside_title(s, m.start()) and not _ends_with_actor(s[: m.start()]) \
                and not s.startswith("“", m.end()):
            return s[: m.start()]
    return s


def _ends_with_actor(text: str) -> bool:
    hits = find_actors(text)
    return bool(hits) and hits[-1].end == len(text)


def objectless(action: str) -> bool:
    """A verb that says nothing without its object (actions.yml `objectless_verbs`)."""
    return bool(get_rules().actions["objectless_verbs"].match(action))


def event_verb(action: str) -> bool:
    """An action that happens at a point in time (actions.yml `event_verbs`): a date can reach it."""
    return bool(get_rules().actions["event_verbs"].match(action))


@lru_cache(maxsize=1)
def _dictionary_verbs() -> frozenset:
    """Two-character verbs from jieba's own dictionary (POS v): the open class of verbs
    that no hand-written list covers, used to tell a clause that does something."""
    import os

    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    verbs = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "v" and len(parts[0]) == 2 and int(parts[1]) >= 50:
                verbs.add(parts[0])
    return frozenset(verbs)


def has_any_verb(text: str) -> bool:
    """A verb from the lexicon or, failing that, from the segmenter's dictionary."""
    if has_verb(text):
        return True
    verbs = _dictionary_verbs()
    return any(text[i:i + 2] in verbs for i in range(len(text) - 1))


def has_verb(text: str) -> bool:
    return bool(get_rules().actions["verbs"].search(text))


def starts_with_verb(text: str) -> bool:
    return bool(get_rules().actions["verb_start"].match(text))
