"""The development sets, scored in-process with the project's own copy of the scorers.

These are the figures the README reports; the floors sit a little below them so that a
change that loses duties fails here before it lands.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extract.pipeline import extract_document
from extract.read import read_document

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parents[1] / "corpus"
sys.path.insert(0, str(Path(__file__).parent / "eval"))
import score  # noqa: E402


def _gold(gold_dir: Path, docs_dir: Path):
    golds, texts, preds = [], {}, []
    for gf in sorted(gold_dir.glob("*.jsonl")):
        path = next(p for p in sorted(docs_dir.glob(f"{gf.stem}.*")))
        doc = read_document(path)
        texts[gf.stem] = doc.text
        for n, line in enumerate(gf.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                g = json.loads(line)
                g["_span"] = score.locate(doc.text, g["clause"], g.get("occurrence", 1))
                assert g["_span"], f"{gf.name}:{n} clause not in the text"
                g["_where"] = f"{gf.name}:{n}"
                golds.append(g)
        preds += [r.model_dump(mode="json") for r in extract_document(doc)]
    return golds, preds, texts


@pytest.mark.parametrize("name, gold_dir, docs_dir, floor", [
    ("seeds", DATA / "gold", CORPUS, 0.98),
    ("dev2", DATA / "dev2" / "gold", DATA / "dev2" / "corpus", 0.97),
    ("dev3", DATA / "dev3" / "gold", DATA / "dev3" / "corpus", 0.93),
    ("challenge", DATA / "challenge" / "gold", DATA / "challenge" / "corpus", 0.95),
    # sets written by annotators of ours who never saw the code (tests/data/own/README.md)
    ("own-phenomena", DATA / "own" / "phenomena" / "gold", DATA / "own" / "phenomena" / "corpus", 0.87),
    ("own-phenomena2", DATA / "own" / "phenomena2" / "gold", DATA / "own" / "phenomena2" / "corpus", 0.79),
    ("own-documents", DATA / "own" / "documents" / "gold", DATA / "own" / "documents" / "corpus", 0.91),
    ("own-documents2", DATA / "own" / "documents2" / "gold", DATA / "own" / "documents2" / "corpus", 0.77),
])
def test_exact_f1_on_development_sets(name, gold_dir, docs_dir, floor):
    golds, preds, texts = _gold(gold_dir, docs_dir)
    result = score.score(golds, preds, texts, verbose=False)
    assert result["bad_spans"] == 0
    assert result["exact_f1"] >= floor, f"{name}: exact F1 {result['exact_f1']:.3f} < {floor}"


def test_challenge_phenomena_floors():
    """Each phenomenon of the challenge set keeps its figure (tests/data/challenge/README.md)."""
    golds, preds, texts = _gold(DATA / "challenge" / "gold", DATA / "challenge" / "corpus")
    floors = {"p1": 0.95, "p2": 0.90, "p3": 0.90, "p4": 0.92, "p5": 0.95, "p6": 0.90, "p7": 0.92, "p8": 0.80,
              "p9": 0.80, "p10": 0.90, "p11": 0.90, "p12": 0.95}
    below = {}
    for kind, floor in floors.items():
        pick = [g for g in golds if g["doc"].startswith(kind + "_")]
        figure = score.score(pick, [p for p in preds if p["doc"].startswith(kind + "_")],
                             {d: t for d, t in texts.items() if d.startswith(kind + "_")}, verbose=False)["exact_f1"]
        if figure < floor:
            below[kind] = round(figure, 3)
    assert below == {}


def test_every_record_span_is_its_text():
    for path in sorted(CORPUS.glob("*.txt")) + sorted((DATA / "dev2" / "corpus").glob("*")):
        doc = read_document(path)
        for rec in extract_document(doc):
            assert doc.text[rec.span[0]:rec.span[1]] == rec.text, rec.id


@pytest.mark.parametrize("name, gold_dir, docs_dir, least_covered, most_touched", [
    ("seeds", DATA / "coverage", CORPUS, 0.95, 0.11),
    ("dev3", DATA / "dev3" / "coverage", DATA / "dev3" / "corpus", 0.91, 0.12),
])
def test_coverage_of_all_duties(name, gold_dir, docs_dir, least_covered, most_touched):
    covered = duties = noise = nones = 0
    for gf in sorted(gold_dir.glob("*.spans.jsonl")):
        stem = gf.name[: -len(".spans.jsonl")]
        doc = read_document(docs_dir / f"{stem}.txt")
        spans = [r.span for r in extract_document(doc)]
        for line in gf.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            s, e = score.locate(doc.text, g["clause"], g.get("occurrence", 1))
            hit = any(min(e, b) - max(s, a) > 0 for a, b in spans)
            if g["kind"] == "none":
                nones += 1
                noise += hit
            else:
                duties += 1
                covered += hit
    assert covered / duties >= least_covered, f"{name}: {covered}/{duties} duties covered"
    assert noise / nones <= most_touched, f"{name}: {noise}/{nones} non-duty runs touched"
