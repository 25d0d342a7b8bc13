"""Every gold line of the development sets, and what the pipeline makes of it.

The shared scorer (tests/eval/score.py) gives figures; this module gives the outcome of each gold
line (right, or wrong in which fields, or missed) and the spurious measurable records of each
document, with the scorer's own matching, so that tests/test_gold_lines.py can hold one row per
line and scripts/known_misses.py can list the known ones.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "eval"))
import score  # noqa: E402

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parents[1] / "corpus"
KNOWN = DATA / "known_misses.jsonl"
SETS = {
    "seeds": (DATA / "gold", CORPUS),
    "dev2": (DATA / "dev2" / "gold", DATA / "dev2" / "corpus"),
    "dev3": (DATA / "dev3" / "gold", DATA / "dev3" / "corpus"),
    "challenge": (DATA / "challenge" / "gold", DATA / "challenge" / "corpus"),
}


@dataclass(frozen=True)
class Line:
    """One gold line: its set, `file:line`, clause, and the line itself."""

    set: str
    where: str
    doc: str
    clause: str
    gold: dict

    @property
    def case_id(self) -> str:
        return f"{self.set}/{self.where}/{self.clause[:24]}"


def gold_lines() -> list[Line]:
    """Every gold line of every set, in file order."""
    out = []
    for name, (gold_dir, _) in SETS.items():
        for gf in sorted(gold_dir.glob("*.jsonl")):
            for n, raw in enumerate(gf.read_text(encoding="utf-8").splitlines(), 1):
                if raw.strip():
                    g = json.loads(raw)
                    out.append(Line(name, f"{gf.name}:{n}", gf.stem, g["clause"], g))
    return out


def documents() -> list[tuple[str, str]]:
    """(set, doc) of every document that has gold."""
    return sorted({(line.set, line.doc) for line in gold_lines()})


@lru_cache(maxsize=None)
def _read(set_name: str, doc: str) -> tuple[str, tuple]:
    from extract.pipeline import extract_document
    from extract.read import read_document

    docs = SETS[set_name][1]
    path = next(p for p in sorted(docs.glob(f"{doc}.*")))
    document = read_document(path)
    return document.text, tuple(r.model_dump(mode="json") for r in extract_document(document))


@lru_cache(maxsize=None)
def outcome(set_name: str, doc: str) -> tuple[dict, tuple[str, ...]]:
    """(where -> "" when right, else what is wrong; the spurious measurable records) of a document,
    matched as the shared scorer matches."""
    text, preds = _read(set_name, doc)
    golds = []
    for line in gold_lines():
        if line.set == set_name and line.doc == doc:
            g = dict(line.gold, _where=line.where)
            g["_span"] = score.locate(text, g["clause"], g.get("occurrence", 1))
            golds.append(g)
    pairs = []
    for gi, g in enumerate(golds):
        gs, ge = g["_span"]
        for pi, p in enumerate(preds):
            ps, pe = p["span"]
            if min(ge, pe) - max(gs, ps) <= 0:
                continue
            sim = score.action_sim(p.get("action", ""), g.get("action") or [])
            if sim >= 0.5:
                pairs.append((sim + sum(score.field_checks(g, p).values()) / 10, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, result = set(), set(), {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        wrong = [k for k, ok in score.field_checks(golds[gi], preds[pi]).items() if not ok]
        p = preds[pi]
        result[golds[gi]["_where"]] = "" if not wrong else (
            f"wrong {','.join(wrong)}: action={p['action']} actor={p['actor']} modality={p['modality']} "
            f"frequency={_short(p['frequency'])} deadline={_short(p['deadline'])}")
    for g in golds:
        result.setdefault(g["_where"], "missed: no record with a close action over the clause")
    extras = tuple(f"{p['text']} -> {p['action']}" for pi, p in enumerate(preds)
                   if pi not in used_p and score.measurable(p))
    return result, extras


def _short(value) -> str:
    if not value:
        return "-"
    keys = ("min", "max", "unit", "period", "month", "day", "relation")
    return "/".join(str(value[k]) for k in keys if k in value)


def known() -> dict[str, str]:
    """Known misses: case id -> the reason (what the pipeline gives instead)."""
    if not KNOWN.exists():
        return {}
    out = {}
    for raw in KNOWN.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            entry = json.loads(raw)
            out[entry["case"]] = entry["reason"]
    return out
