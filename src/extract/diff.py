"""Year-over-year diff of two documents' duties: one optimal assignment, then field changes.

Two duties align when they are the same duty in both versions, whatever the wording,
numbering or section order: the similarity weighs the canonical action most, then the
object words of the clause, the actor and the section. The pairing is one optimal
assignment (Hungarian method) over that similarity, not a first-come match, and it is
deterministic. Changes are read from the normalised fields, so wording alone is no change.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import regex

from .records import Change, DiffItem, DutyRecord
from .rules import get_rules

WEIGHTS = {"action": 0.55, "text": 0.2, "actor": 0.1, "section": 0.1, "values": 0.05}
THRESHOLD = 0.45
ACTION_SAME = 0.6
CONTAINED_BONUS = 0.25
FIELDS = ("actor", "modality", "frequency.min", "frequency.max", "frequency.unit", "frequency.period",
          "deadline.month", "deadline.day", "deadline.relation", "condition")

_MARKER = regex.compile(r"^[\p{N}\p{P}\s]*")
_NOISE = regex.compile(r"[\p{P}\p{S}\s\d]+")


@dataclass(frozen=True)
class _Profile:
    """What the similarity reads of one record, computed once."""

    action: str
    text: str
    actor: str
    section: str
    values: tuple


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def _profile(rec: DutyRecord) -> _Profile:
    action = get_rules().synonyms.get(rec.action, rec.action)
    section = " ".join(_MARKER.sub("", s) for s in rec.section[-1:])
    f, d = rec.frequency, rec.deadline
    values = (f.unit if f else None, f.period if f else None, d.month if d else None)
    return _Profile(_clean(action), _clean(rec.text), rec.actor or "", _clean(section), values)


def action_similarity(a: str, b: str) -> float:
    """How alike two canonical actions are: character overlap, or the shorter contained in the longer."""
    synonyms = get_rules().synonyms
    return _action_sim(_clean(synonyms.get(a, a)), _clean(synonyms.get(b, b)))


def _action_sim(a: str, b: str) -> float:
    """Character overlap (rapidfuzz ratio); when every character of the shorter action
    stands in the longer in order, the share of the longer it covers, plus a bonus."""
    from rapidfuzz import fuzz

    if a == b:
        return 1.0
    ratio = fuzz.ratio(a, b) / 100
    short, long_ = sorted((len(a), len(b)))
    common = round(ratio * (short + long_) / 2)
    contain = min(1.0, short / long_ + CONTAINED_BONUS) if short >= 2 and common >= short else 0.0
    return max(ratio, contain)


def similarity(a: DutyRecord, b: DutyRecord, explain: bool = False):
    """Similarity of two duties in [0, 1]; with explain, also each part's score and weight."""
    from rapidfuzz import fuzz

    pa, pb = _profile(a), _profile(b)
    parts = {
        "action": _action_sim(pa.action, pb.action),
        "text": fuzz.ratio(pa.text, pb.text) / 100,
        "actor": 1.0 if pa.actor == pb.actor else 0.0,
        "section": fuzz.ratio(pa.section, pb.section) / 100,
        "values": sum(x == y for x, y in zip(pa.values, pb.values)) / len(pa.values),
    }
    score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 4)
    if explain:
        return score, {k: {"score": round(v, 4), "weight": WEIGHTS[k]} for k, v in parts.items()}
    return score


def similarity_matrix(old: Sequence[DutyRecord], new: Sequence[DutyRecord]):
    """Every pair's similarity at once (the same formula as `similarity`), computed in C by rapidfuzz."""
    import numpy as np
    from rapidfuzz import fuzz, process

    po, pn = [_profile(r) for r in old], [_profile(r) for r in new]

    def ratio(a, b):
        return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32) / 100

    oa, na = [p.action for p in po], [p.action for p in pn]
    lo = np.array([len(x) for x in oa], dtype=np.float64)[:, None]
    ln = np.array([len(x) for x in na], dtype=np.float64)[None, :]
    action_ratio = process.cdist(oa, na, scorer=fuzz.ratio, dtype=np.float64) / 100
    shorter, longer = np.minimum(lo, ln), np.maximum(lo, ln)
    contained = np.round(action_ratio * (shorter + longer) / 2) >= shorter
    contain = np.where(contained & (shorter >= 2), np.minimum(1.0, shorter / np.maximum(longer, 1) + CONTAINED_BONUS), 0)
    action = np.maximum(action_ratio, contain)
    action[np.equal.outer(np.array(oa, dtype=object), np.array(na, dtype=object))] = 1.0
    values = sum(np.equal.outer(np.array([p.values[k] for p in po], dtype=object),
                                np.array([p.values[k] for p in pn], dtype=object)).astype(np.float32)
                 for k in range(3)) / 3
    actor = np.equal.outer(np.array([p.actor for p in po], dtype=object),
                           np.array([p.actor for p in pn], dtype=object)).astype(np.float32)
    sim = (WEIGHTS["action"] * action + WEIGHTS["text"] * ratio([p.text for p in po], [p.text for p in pn])
           + WEIGHTS["actor"] * actor + WEIGHTS["section"] * ratio([p.section for p in po], [p.section for p in pn])
           + WEIGHTS["values"] * values)
    return np.round(sim.astype(np.float64), 4)


def align(old: Sequence[DutyRecord], new: Sequence[DutyRecord]) -> list[tuple[Optional[int], Optional[int], float]]:
    """Pairs (old index, new index, similarity) of one optimal assignment; unpaired sides get None."""
    if not old or not new:
        return [(i, None, 0.0) for i in range(len(old))] + [(None, j, 0.0) for j in range(len(new))]
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = similarity_matrix(old, new)
    order = np.arange(len(old))[:, None] - np.arange(len(new))[None, :]
    tie_break = 1e-6 * np.abs(order) / (len(old) + len(new))
    rows, cols = linear_sum_assignment(-(sim - tie_break))
    pairs, used_old, used_new = [], set(), set()
    for i, j in zip(rows.tolist(), cols.tolist()):
        if sim[i, j] >= THRESHOLD:
            pairs.append((i, j, float(sim[i, j])))
            used_old.add(i)
            used_new.add(j)
    pairs += [(i, None, 0.0) for i in range(len(old)) if i not in used_old]
    pairs += [(None, j, 0.0) for j in range(len(new)) if j not in used_new]
    return pairs


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
