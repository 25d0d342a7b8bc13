"""How alike two duties are, and one optimal pairing of two lists of duties by that similarity.

Shared by the year-over-year diff (a list against its next version) and the audit (a list
against the report that answers it); each passes its own weights. The similarity weighs the
canonical action, the clause (its characters in order, `text`, and its bigrams weighed by how
rare they are among the duties compared, `grams`), how much of the first duty's action the second
clause holds (`cover`), the actor, the section and the values (unit, period, month: equal when
both lack one too, `values`; or only those both give, `facts`). Before comparing, actions.yml
`synonyms` name a whole action canonically and `equivalents` rewrite the words that say the same
thing differently (a lesson given or delivered, a plan drawn up or issued). The pairing is one
optimal assignment (Hungarian method, scipy) over the similarity, pairs below a threshold
counting for nothing, with a tie-break on the distance in order: deterministic.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

import regex

from .records import DutyRecord
from .rules import get_rules, load_yaml, rule_cache

PARTS = ("action", "text", "grams", "cover", "actor", "section", "values", "facts")
DIFF_WEIGHTS = {"action": 0.55, "text": 0.2, "grams": 0.0, "cover": 0.0, "actor": 0.1, "section": 0.1, "values": 0.05,
                "facts": 0.0}
THRESHOLD = 0.45
CONTAINED_BONUS = 0.25

_MARKER = regex.compile(r"^[\p{N}\p{P}\s]*")
_NOISE = regex.compile(r"[\p{P}\p{S}\s\d]+")


@rule_cache(maxsize=1)
def _equivalents() -> tuple[tuple[regex.Pattern, str], ...]:
    """actions.yml `equivalents`: (pattern, replacement) pairs, applied in file order."""
    out = []
    for entry in load_yaml("actions").get("equivalents") or []:
        out.append((regex.compile(entry["pattern"], regex.V1), entry["canonical"]))
    return tuple(out)


def equivalent(text: str) -> str:
    """The text with every equivalent wording rewritten to its canonical word."""
    for pattern, canonical in _equivalents():
        text = pattern.sub(canonical, text)
    return text


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def _grams(text: str) -> frozenset:
    """Character bigrams (the characters themselves for a text of one)."""
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset(text)


@dataclass(frozen=True)
class Profile:
    """What the similarity reads of one record, computed once."""

    action: str
    text: str
    actor: str
    section: str
    values: tuple
    action_grams: frozenset
    text_grams: frozenset


def profile(rec: DutyRecord) -> Profile:
    action = _clean(equivalent(get_rules().synonyms.get(rec.action, rec.action)))
    text = _clean(equivalent(rec.text))
    section = " ".join(_MARKER.sub("", s) for s in rec.section[-1:])
    f, d = rec.frequency, rec.deadline
    values = (f.unit if f else None, f.period if f else None, d.month if d else None)
    return Profile(action, text, rec.actor or "", _clean(section), values, _grams(action), _grams(text))


def action_similarity(a: str, b: str) -> float:
    """How alike two canonical actions are: character overlap, or the shorter contained in the longer."""
    synonyms = get_rules().synonyms
    return _action_sim(_clean(equivalent(synonyms.get(a, a))), _clean(equivalent(synonyms.get(b, b))))


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


def gram_weights(records: Sequence[DutyRecord]) -> dict[str, float]:
    """How much each bigram of the records' clauses tells them apart: its inverse document
    frequency over the records (a bigram most of them hold, as the words for party building or work, says little)."""
    from collections import Counter

    profiles = [profile(r) for r in records]
    df = Counter(g for p in profiles for g in p.text_grams)
    n = len(profiles)
    return {g: math.log((n + 1) / c) for g, c in df.items()}


def _grams_sim(pa: Profile, pb: Profile, idf: Optional[Mapping[str, float]] = None) -> float:
    """Cosine of the two clauses' bigram sets, each bigram weighed by what it tells apart (its
    inverse document frequency, squared as in a tf-idf cosine) when weights are given."""
    if not pa.text_grams or not pb.text_grams:
        return 0.0
    if idf is None:
        return len(pa.text_grams & pb.text_grams) / math.sqrt(len(pa.text_grams) * len(pb.text_grams))
    top = max(idf.values(), default=1.0)

    def mass(grams) -> float:
        return sum(idf.get(g, top) ** 2 for g in grams)

    return mass(pa.text_grams & pb.text_grams) / math.sqrt(mass(pa.text_grams) * mass(pb.text_grams))


def _cover(pa: Profile, pb: Profile, idf: Optional[Mapping[str, float]] = None) -> float:
    """The share of the first action's bigrams that the second clause holds (each weighed by what
    it tells apart when weights are given): the second names what the first does, and more."""
    if not pa.action_grams:
        return 0.0
    top = max(idf.values(), default=1.0) if idf else 1.0

    def mass(grams) -> float:
        return sum(idf.get(g, top) for g in grams) if idf else len(grams)

    return mass(pa.action_grams & pb.text_grams) / mass(pa.action_grams)


def _facts(pa: Profile, pb: Profile) -> float:
    """Half for each of the unit and the month that both duties give and that agree."""
    return sum(x is not None and x == y for x, y in zip(pa.values[0::2], pb.values[0::2])) / 2


def similarity(a: DutyRecord, b: DutyRecord, explain: bool = False, weights: Mapping[str, float] = DIFF_WEIGHTS,
               idf: Optional[Mapping[str, float]] = None):
    """Similarity of two duties in [0, 1]; with explain, also each weighed part's score and weight.
    `idf` weighs the bigrams of `grams` (gram_weights)."""
    from rapidfuzz import fuzz

    pa, pb = profile(a), profile(b)
    parts = {
        "action": _action_sim(pa.action, pb.action),
        "text": fuzz.ratio(pa.text, pb.text) / 100,
        "grams": _grams_sim(pa, pb, idf),
        "actor": 1.0 if pa.actor == pb.actor else 0.0,
        "section": fuzz.ratio(pa.section, pb.section) / 100,
        "values": sum(x == y for x, y in zip(pa.values, pb.values)) / len(pa.values),
        "facts": _facts(pa, pb),
        "cover": _cover(pa, pb, idf),
    }
    score = round(sum(weights[k] * v for k, v in parts.items()), 4)
    if explain:
        return score, {k: {"score": round(v, 4), "weight": weights[k]} for k, v in parts.items() if weights[k]}
    return score


def similarity_matrix(old: Sequence[DutyRecord], new: Sequence[DutyRecord], weights: Mapping[str, float] = DIFF_WEIGHTS,
                      idf: Optional[Mapping[str, float]] = None):
    """Every pair's similarity at once (the same formula as `similarity`), computed in C by rapidfuzz."""
    import numpy as np
    from rapidfuzz import fuzz, process

    po, pn = [profile(r) for r in old], [profile(r) for r in new]

    def ratio(a, b):
        return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32) / 100

    def equal(a, b):
        return np.equal.outer(np.array(a, dtype=object), np.array(b, dtype=object))

    oa, na = [p.action for p in po], [p.action for p in pn]
    lo = np.array([len(x) for x in oa], dtype=np.float64)[:, None]
    ln = np.array([len(x) for x in na], dtype=np.float64)[None, :]
    action_ratio = process.cdist(oa, na, scorer=fuzz.ratio, dtype=np.float64) / 100
    shorter, longer = np.minimum(lo, ln), np.maximum(lo, ln)
    contained = np.round(action_ratio * (shorter + longer) / 2) >= shorter
    contain = np.where(contained & (shorter >= 2), np.minimum(1.0, shorter / np.maximum(longer, 1) + CONTAINED_BONUS), 0)
    action = np.maximum(action_ratio, contain)
    action[equal(oa, na)] = 1.0
    values = sum(equal([p.values[k] for p in po], [p.values[k] for p in pn]).astype(np.float32) for k in range(3)) / 3
    actor = equal([p.actor for p in po], [p.actor for p in pn]).astype(np.float32)
    sim = (weights["action"] * action + weights["text"] * ratio([p.text for p in po], [p.text for p in pn])
           + weights["actor"] * actor + weights["section"] * ratio([p.section for p in po], [p.section for p in pn])
           + weights["values"] * values)
    if weights["cover"]:
        sim = sim + weights["cover"] * np.array([[_cover(a, b, idf) for b in pn] for a in po], dtype=np.float64)
    if weights["facts"]:
        sim = sim + weights["facts"] * np.array([[_facts(a, b) for b in pn] for a in po], dtype=np.float64)
    if weights["grams"]:
        sim = sim + weights["grams"] * np.array([[_grams_sim(a, b, idf) for b in pn] for a in po], dtype=np.float64)
    return np.round(sim.astype(np.float64), 4)


def assign(sim, threshold: float = THRESHOLD) -> list[tuple[Optional[int], Optional[int], float]]:
    """Pairs (row, column, similarity) of one optimal assignment over a similarity matrix, pairs
    below the threshold counting for nothing; unpaired rows and columns get None."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n_old, n_new = sim.shape
    if not n_old or not n_new:
        return [(i, None, 0.0) for i in range(n_old)] + [(None, j, 0.0) for j in range(n_new)]
    order = np.arange(n_old)[:, None] - np.arange(n_new)[None, :]
    tie_break = 1e-6 * np.abs(order) / (n_old + n_new)
    gain = np.where(sim >= threshold, sim - tie_break, 0.0)
    rows, cols = linear_sum_assignment(-gain)
    pairs, used_old, used_new = [], set(), set()
    for i, j in zip(rows.tolist(), cols.tolist()):
        if sim[i, j] >= threshold:
            pairs.append((i, j, float(sim[i, j])))
            used_old.add(i)
            used_new.add(j)
    pairs += [(i, None, 0.0) for i in range(n_old) if i not in used_old]
    pairs += [(None, j, 0.0) for j in range(n_new) if j not in used_new]
    return pairs


def align(old: Sequence[DutyRecord], new: Sequence[DutyRecord], weights: Mapping[str, float] = DIFF_WEIGHTS,
          threshold: float = THRESHOLD) -> list[tuple[Optional[int], Optional[int], float]]:
    """Pairs (old index, new index, similarity) of one optimal assignment; unpaired sides get None."""
    import numpy as np

    if not old or not new:
        return assign(np.zeros((len(old), len(new))), threshold)
    return assign(similarity_matrix(old, new, weights), threshold)
