"""Audit an official's annual report against the responsibility list it answers: each duty met,
short, exceeded or unreported, then the reported achievements that answer no duty.

Only the report's achievements are evidence (patterns/audit.yml says which). Duties and
achievements are paired by one optimal assignment over the similarity the diff uses (align.py,
with the audit's weights). An achievement left over joins the duty an achievement of its sentence
answers (the detail of what was done), else a duty it is nearly as alike to as that duty's best
(several achievements answering one duty, counts added); those left after that are unplanned,
one item a sentence. A duty no pair reached shares the achievement of a duty read from the same
list sentence when it is as alike to it. Counts are compared per year (records.PER_YEAR): at
least once a quarter asks for 4 a year, a report that says it was done every month reports 12.
A deadline duty done after its deadline is noted late and is not met: it falls short.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence, Union

import regex

from .align import assign, gram_weights, similarity, similarity_matrix
from .records import PER_YEAR, AuditItem, DutyRecord
from .rules import RuleFileError, load_yaml, rule_cache
from .structure import section_modality

AUDIT_WEIGHTS = {"action": 0.35, "text": 0.0, "grams": 0.35, "cover": 0.15, "actor": 0.0, "section": 0.0,
                 "values": 0.15, "facts": 0.0}
THRESHOLD = 0.31
EXTRA_RATIO = 0.85
STATUSES = ("met", "short", "exceeded", "unreported", "unplanned")
OTHER_VOICES = ("problem", "obligation")
DONE_RELATIONS = ("by", "in", "before", "around")


@dataclass(frozen=True)
class AuditPatterns:
    """The compiled patterns of audit.yml."""

    preamble: regex.Pattern
    part_of: regex.Pattern
    year_part: regex.Pattern
    sentence_end: regex.Pattern


@rule_cache(maxsize=1)
def audit_patterns() -> AuditPatterns:
    data = load_yaml("audit")
    out = {}
    for key in ("preamble", "part_of", "year_part", "sentence_end"):
        entry = data.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
            raise RuleFileError(f"patterns/audit.yml: missing `{key}.pattern`")
        try:
            out[key] = regex.compile(entry["pattern"], regex.V1)
        except regex.error as exc:
            raise RuleFileError(f"patterns/audit.yml {key}: bad pattern {entry['pattern']!r}: {exc}") from exc
    return AuditPatterns(**out)


class Sentences:
    """Which sentence of a text an offset falls in (audit.yml `sentence_end`); with no text,
    every record is a sentence of its own."""

    def __init__(self, text: Optional[str]):
        self.text = text
        self.ends = [m.end() for m in audit_patterns().sentence_end.finditer(text)] if text else []

    def of(self, rec: DutyRecord) -> Union[int, str]:
        return bisect.bisect_right(self.ends, rec.span[0]) if self.text is not None else rec.id

    def line(self, rec: DutyRecord) -> str:
        """The line of the text the record starts in."""
        if self.text is None:
            return rec.text
        start = self.text.rfind("\n", 0, rec.span[0]) + 1
        end = self.text.find("\n", rec.span[0])
        return self.text[start: end if end >= 0 else len(self.text)]


def evidence_of(report: Sequence[DutyRecord], sentences: Sentences) -> list[DutyRecord]:
    """The report's achievements outside the sections of problems and plans; when a heading opens
    the achievements (how the duties were done), what stands before any heading is the report's opening,
    and so is, in any report, the paragraph that announces it (audit.yml `preamble`)."""
    done = [r for r in report if r.modality == "achievement"
            and not any(section_modality(heading) in OTHER_VOICES for heading in r.section)]
    opened = any(section_modality(heading) == "achievement" for r in done for heading in r.section)
    preamble = audit_patterns().preamble
    return [r for r in done if not (opened and not r.section) and not preamble.search(sentences.line(r))]


def yearly_count(rec: DutyRecord) -> Optional[Union[int, float]]:
    """The record's count for the whole year: a count per period times the periods of a year (a
    share is never multiplied), a period with no count once each period (every month: 12), a count
    with no period as given."""
    f = rec.frequency
    if f is None or f.placeholder:
        return None
    if f.period and f.period != "year" and not is_rate(f.unit):
        if f.per_year_min is not None:
            return f.per_year_min
        return PER_YEAR[f.period] if f.min is None and f.max is None else None
    return f.min


def required_of(duty: DutyRecord) -> Optional[dict]:
    """What the duty asks for a year, with the count as written; None when it asks for no count."""
    f = duty.frequency
    if f is None or f.placeholder or (f.min is None and f.max is None):
        return None
    low, high = (f.per_year_min, f.per_year_max) if f.period and not is_rate(f.unit) else (f.min, f.max)
    return {"per_year_min": low, "per_year_max": high, "unit": f.unit, "min": f.min, "max": f.max, "period": f.period}


def _done_late(duty: DutyRecord, evidence: Sequence[DutyRecord]) -> bool:
    """The first date the evidence gives is after the duty's deadline."""
    due = duty.deadline
    if due is None or due.month is None or due.relation not in DONE_RELATIONS:
        return False
    done = next((e.deadline for e in evidence if e.deadline and e.deadline.month and e.deadline.relation != "start"),
                None)
    if done is None:
        return False
    if done.month != due.month:
        return done.month > due.month
    return bool(due.day and done.day and done.day > due.day and due.relation in ("by", "before"))


def _reported(duty: DutyRecord, answering: Sequence[DutyRecord], mates: Sequence[DutyRecord]) -> Optional[dict]:
    """The evidence's yearly count in the duty's unit (or one counting the same: audit.yml `units`):
    the counts of the achievements that answer it added up, with those of sentence-mates that name
    a part of the year (the first half, then the second: `year_part`); a part of a count already given (`part_of`)
    is left out, and a clause read once for each date it names counts once, as many times as it
    names dates when it gives no count (heard in July and in December). None when no count is comparable."""
    unit = duty.frequency.unit if duty.frequency else None
    pats = audit_patterns()
    seen: set = set()
    pool = [*answering, *mates]

    def counted(records, mate: bool) -> list:
        out = []
        for e in records:
            if tuple(e.span) in seen or (seen and pats.part_of.search(e.text)):
                continue
            if mate and not pats.year_part.search(e.text):
                continue
            seen.add(tuple(e.span))
            count = yearly_count(e)
            if count is None and not mate:
                months = {r.deadline.month for r in pool if r.span == e.span and r.deadline and r.deadline.month}
                count = len(months) if len(months) > 1 else None
                out.append((count, unit))
            elif count is not None:
                out.append((count, e.frequency.unit))
        return out

    same = [c for c, u in counted(answering, False) + counted(mates, True)
            if c is not None and (same_unit(u, unit) or u is None)]
    if same:
        return {"count": _whole(sum(same)), "unit": unit}
    for e in mates:
        count = yearly_count(e)
        if count is not None and same_unit(e.frequency.unit, unit):
            return {"count": _whole(count), "unit": unit}
    return None


def is_rate(unit: Optional[str]) -> bool:
    """A share (audit.yml `rates`: per cent ...) is no count of events: a period does not multiply it."""
    return unit is not None and unit in _rates()


@rule_cache(maxsize=1)
def _rates() -> frozenset:
    rates = load_yaml("audit").get("rates")
    if not isinstance(rates, list):
        raise RuleFileError("patterns/audit.yml: `rates` must be a list of units")
    return frozenset(rates)


def same_unit(a: Optional[str], b: Optional[str]) -> bool:
    """Two units count the same thing: equal, or of one class of audit.yml `units` (times, sessions, rounds ...)."""
    return a == b or any(a in group and b in group for group in audit_units())


@rule_cache(maxsize=1)
def audit_units() -> tuple[frozenset, ...]:
    groups = load_yaml("audit").get("units")
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise RuleFileError("patterns/audit.yml: `units` must be a list of lists of units")
    return tuple(frozenset(g) for g in groups)


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def judge(duty: DutyRecord, counting: Sequence[DutyRecord], mates: Sequence[DutyRecord] = ()) -> tuple:
    """(status, required, reported, notes) of a duty that some achievements answer."""
    required = required_of(duty)
    notes = []
    reported = _reported(duty, counting, mates) if required else None
    if required is None:
        status = "met"
    elif reported is None:
        status = "met"
        notes.append("count_not_given")
    else:
        low, high, count = required["per_year_min"], required["per_year_max"], reported["count"]
        if low is not None and count < low:
            status = "short"
        elif (high is not None and count > high) or (high is None and low is not None and count > low):
            status = "exceeded"
        else:
            status = "met"
    if _done_late(duty, [*counting, *mates]):
        notes.append("late")
        status = "short" if status == "met" else status
    return status, required, reported, notes


def audit_records(duties: Sequence[DutyRecord], report: Sequence[DutyRecord], list_text: Optional[str] = None,
                  report_text: Optional[str] = None, explain: bool = False) -> list[AuditItem]:
    """Every duty of the list in one item, in the list's order, then the unplanned achievements in
    the report's order. The texts as read let the achievements of one sentence go together."""
    import numpy as np

    in_report, in_list = Sentences(report_text), Sentences(list_text)
    evidence = evidence_of(report, in_report)
    idf = gram_weights([*duties, *evidence])
    sim = similarity_matrix(duties, evidence, AUDIT_WEIGHTS, idf) if duties and evidence else \
        np.zeros((len(duties), len(evidence)))
    primary = {i: j for i, j, _ in assign(sim, THRESHOLD) if i is not None and j is not None}
    counting = {i: [j] for i, j in primary.items()}
    owner = {j: i for i, j in primary.items()}
    mates: dict[int, list[int]] = {}
    _attach_sentence_mates(evidence, owner, mates, in_report)
    for j in range(len(evidence)):
        if j in owner or not len(duties):
            continue
        i = int(np.argmax(sim[:, j]))
        if i in primary and sim[i, j] >= max(THRESHOLD, EXTRA_RATIO * sim[i, primary[i]]):
            counting[i].append(j)
            owner[j] = i
    _attach_sentence_mates(evidence, owner, mates, in_report)
    _share_with_siblings(duties, sim, primary, in_list)
    items = []
    for i, duty in enumerate(duties):
        if i not in primary:
            items.append(AuditItem(status="unreported", duty=duty))
            continue
        best = primary[i]
        own = counting.get(i, [best])
        status, required, reported, notes = judge(duty, [evidence[j] for j in own],
                                                  [evidence[j] for j in mates.get(i, [])])
        rest = sorted(j for j in (*own, *mates.get(i, [])) if j != best)
        items.append(AuditItem(
            status=status, duty=duty, evidence=[evidence[j] for j in (best, *rest)], required=required,
            reported=reported, similarity=round(float(sim[i, best]), 4), notes=notes,
            explanation=similarity(duty, evidence[best], True, AUDIT_WEIGHTS, idf)[1] if explain else None))
    return items + _unplanned(evidence, set(owner), in_report)


def _share_with_siblings(duties, sim, primary: dict, in_list: Sentences) -> None:
    """A duty no pair reached shares the achievement that answers a duty read from the same list
    sentence when it is as alike to it as a pair must be (the list split what the report says once)."""
    for i, duty in enumerate(duties):
        if i in primary:
            continue
        shared = [primary[k] for k in sorted(primary) if k != i and in_list.of(duties[k]) == in_list.of(duty)
                  and sim[i, primary[k]] >= THRESHOLD]
        if shared:
            primary[i] = max(shared, key=lambda j: (sim[i, j], -j))


def _attach_sentence_mates(evidence, owner: dict[int, int], mates: dict[int, list[int]], in_report: Sentences) -> None:
    """Achievements no duty took join the duty an achievement of their sentence answers (the
    nearest before them, else after): the detail of what answers it."""
    for j in range(len(evidence)):
        if j in owner:
            continue
        sentence = in_report.of(evidence[j])
        near = sorted(k for k in owner if in_report.of(evidence[k]) == sentence and k not in mates.get(owner[k], ()))
        if not near:
            continue
        before = [k for k in near if k < j]
        i = owner[max(before) if before else near[0]]
        owner[j] = i
        mates.setdefault(i, []).append(j)


def _unplanned(evidence: Sequence[DutyRecord], taken: set, in_report: Sentences) -> list[AuditItem]:
    """The achievements no duty took, one item a sentence, in the report's order."""
    groups: dict = {}
    for j, rec in enumerate(evidence):
        if j not in taken:
            groups.setdefault(in_report.of(rec), []).append(rec)
    items = []
    for group in groups.values():
        counted = next((r for r in group if yearly_count(r) is not None), None)
        reported = {"count": _whole(yearly_count(counted)), "unit": counted.frequency.unit} if counted else None
        items.append(AuditItem(status="unplanned", evidence=group, reported=reported))
    return items


def audit_report(duty_list, report, explain: bool = False) -> list[AuditItem]:
    """Audit a report against its list: each a path, a read Document or a text."""
    from .pipeline import _as_document, extract_document

    docs = [_as_document(source, name) for source, name in ((duty_list, "list"), (report, "report"))]
    return audit_records(extract_document(docs[0]), extract_document(docs[1]), docs[0].text, docs[1].text,
                         explain=explain)


def summary(items: Iterable[AuditItem]) -> dict[str, int]:
    """How many items of each status."""
    counts = dict.fromkeys(STATUSES, 0)
    for item in items:
        counts[item.status] += 1
    return counts
