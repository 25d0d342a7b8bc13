"""Year-over-year diff of two documents' duties: one optimal assignment, then field changes.

Two duties align when they are the same duty in both versions, whatever the wording,
numbering or section order: the similarity (align.py, shared with the audit) weighs the
canonical action most, then the object words of the clause, the actor and the section. The
pairing is one optimal assignment (Hungarian method) over that similarity, not a first-come
match, and it is deterministic. Changes are read from the normalised fields, so wording alone
is no change.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from .align import DIFF_WEIGHTS as WEIGHTS, THRESHOLD, action_similarity, align, similarity, similarity_matrix
from .records import Change, DiffItem, DutyRecord

__all__ = ["WEIGHTS", "THRESHOLD", "FIELDS", "action_similarity", "align", "similarity", "similarity_matrix",
           "changes", "diff_records", "diff_documents", "summary"]

ACTION_SAME = 0.6
FIELDS = ("actor", "modality", "frequency.min", "frequency.max", "frequency.unit", "frequency.period",
          "deadline.month", "deadline.day", "deadline.relation", "condition")


def _value(rec: DutyRecord, field: str):
    head, _, tail = field.partition(".")
    value = getattr(rec, head)
    if tail:
        value = getattr(value, tail) if value is not None else None
    return value


def changes(old: DutyRecord, new: DutyRecord) -> list[Change]:
    """The fields whose normalised values differ; the action only when it is another action,
    the actor only when both versions name it the same way (both in the clause or both inherited)."""
    out = []
    if action_similarity(old.action, new.action) < ACTION_SAME:
        out.append(Change(field="action", old=old.action, new=new.action))
    for field in FIELDS:
        a, b = _value(old, field), _value(new, field)
        if field == "actor" and _named(old) != _named(new):
            continue
        if a != b:
            out.append(Change(field=field, old=a, new=b, direction=_direction(old, new, field)))
    return out


def _named(rec: DutyRecord) -> bool:
    """Whether the clause names its actor (a subject) rather than inheriting the list's owner:
    an actor named on one side only is a rewording, not a change of who is responsible."""
    return any(r in ("actor.subject", "actor.sentence_subject") for r in rec.rules)


def _direction(old: DutyRecord, new: DutyRecord, field: str) -> Optional[str]:
    """Raised or lowered, read on the per-year equivalents so a period change counts too."""
    if not field.startswith("frequency.") or field == "frequency.unit":
        return None
    fo, fn = old.frequency, new.frequency
    if fo is None or fn is None:
        return None
    a = fo.per_year_min if fo.per_year_min is not None else fo.per_year_max
    b = fn.per_year_min if fn.per_year_min is not None else fn.per_year_max
    if a is None or b is None or a == b:
        return None
    return "raised" if b > a else "lowered"


def diff_records(old: Sequence[DutyRecord], new: Sequence[DutyRecord], explain: bool = False) -> list[DiffItem]:
    """Every duty of both versions in exactly one item, in the order of the new version."""
    items: list[tuple[tuple, DiffItem]] = []
    pairs = align(old, new)
    new_pos = {i: j for i, j, _ in pairs if i is not None and j is not None}
    for i, j, sim in pairs:
        if i is not None and j is not None:
            found = changes(old[i], new[j])
            item = DiffItem(status="changed" if found else "unchanged", old=old[i], new=new[j],
                            changes=found, similarity=round(sim, 4),
                            explanation=similarity(old[i], new[j], explain=True)[1] if explain else None)
            key = (j, 0, i)
        elif j is not None:
            item = DiffItem(status="added", new=new[j], similarity=0.0)
            key = (j, 0, -1)
        else:
            before = [new_pos[k] for k in range(i) if k in new_pos]
            item = DiffItem(status="removed", old=old[i], similarity=0.0)
            key = (before[-1] if before else -1, 1, i)
        items.append((key, item))
    return [item for _, item in sorted(items, key=lambda x: x[0])]


def diff_documents(old, new, explain: bool = False) -> list[DiffItem]:
    """Diff two documents (paths, Documents or texts) by their duties."""
    from .pipeline import extract_duties

    return diff_records(extract_duties(old), extract_duties(new), explain=explain)


def summary(items: Iterable[DiffItem]) -> dict[str, int]:
    """How many items of each status."""
    counts = {"unchanged": 0, "changed": 0, "added": 0, "removed": 0}
    for item in items:
        counts[item.status] += 1
    return counts
