"""Every development figure in one run, in-process: exact and located F1 on the seeds, dev2 and
dev3, the challenge set and the sets of our own (tests/data/own) phenomenon by phenomenon, the
whole documents of our own, and coverage of every duty (seeds, dev3).

    .venv/bin/python scripts/figures.py            # one line a set
    .venv/bin/python scripts/figures.py -v dev3     # and every miss of dev3 (seeds, dev2, challenge, p8 ...)

Reads the copies under tests/data (the same files as ../shared), with the project's own copy of
the shared scorers (tests/eval), so it runs in a clone without ../shared.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "tests" / "eval"))
sys.path.insert(0, str(ROOT / "src"))

import score  # noqa: E402

from extract.pipeline import extract_document  # noqa: E402
from extract.read import read_document  # noqa: E402

SETS = {
    "seeds": (DATA / "gold", ROOT / "corpus"),
    "dev2": (DATA / "dev2" / "gold", DATA / "dev2" / "corpus"),
    "dev3": (DATA / "dev3" / "gold", DATA / "dev3" / "corpus"),
    "challenge": (DATA / "challenge" / "gold", DATA / "challenge" / "corpus"),
    "own-phen": (DATA / "own" / "phenomena" / "gold", DATA / "own" / "phenomena" / "corpus"),
    "own-phen2": (DATA / "own" / "phenomena2" / "gold", DATA / "own" / "phenomena2" / "corpus"),
    "own-docs": (DATA / "own" / "documents" / "gold", DATA / "own" / "documents" / "corpus"),
    "own-docs2": (DATA / "own" / "documents2" / "gold", DATA / "own" / "documents2" / "corpus"),
}
# sets scored phenomenon by phenomenon (documents named <phenomenon>_<n>)
PHENOMENA = ("challenge", "own-phen", "own-phen2")
COVERAGE = {
    "seeds": (DATA / "coverage", ROOT / "corpus"),
    "dev3": (DATA / "dev3" / "coverage", DATA / "dev3" / "corpus"),
}


def _doc(docs: Path, stem: str) -> Path:
    return next(p for p in sorted(docs.glob(f"{stem}.*")))


def _records(path: Path, cache: dict) -> tuple[str, list[dict]]:
    if path not in cache:
        doc = read_document(path)
        cache[path] = (doc.text, [r.model_dump(mode="json") for r in extract_document(doc)])
    return cache[path]


def gold_set(gold_dir: Path, docs: Path, cache: dict) -> tuple[list, list, dict]:
    """Gold lines located in their documents, the records of those documents, and their texts."""
    golds, preds, texts = [], [], {}
    for gf in sorted(gold_dir.glob("*.jsonl")):
        text, records = _records(_doc(docs, gf.stem), cache)
        texts[gf.stem] = text
        preds += records
        for n, line in enumerate(gf.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                g = json.loads(line)
                g["_span"] = score.locate(text, g["clause"], g.get("occurrence", 1))
                g["_where"] = f"{gf.name}:{n}"
                golds.append(g)
    return golds, preds, texts


def coverage(gold_dir: Path, docs: Path, cache: dict, verbose: bool) -> tuple[int, int, int, int]:
    covered = duties = noise = nones = 0
    for gf in sorted(gold_dir.glob("*.spans.jsonl")):
        stem = gf.name[: -len(".spans.jsonl")]
        text, records = _records(_doc(docs, stem), cache)
        for n, line in enumerate(gf.read_text(encoding="utf-8").splitlines(), 1):
            g = json.loads(line)
            s, e = score.locate(text, g["clause"], g.get("occurrence", 1))
            hits = [r for r in records if min(e, r["span"][1]) - max(s, r["span"][0]) > 0]
            if g["kind"] == "none":
                nones += 1
                noise += bool(hits)
                if hits and verbose:
                    print(f"NOISE {gf.name}:{n} {g['clause']!r} <- {hits[0]['action']!r}")
            else:
                duties += 1
                covered += bool(hits)
                if not hits and verbose:
                    print(f"UNCOVERED {gf.name}:{n} {g['kind']} {g['clause']!r}")
    return covered, duties, noise, nones


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", metavar="SET", action="append", default=[],
                    help="list the misses of a set (seeds, dev2, dev3, challenge, a phenomenon p1..p12, "
                         "coverage-seeds, coverage-dev3)")
    a = ap.parse_args()
    cache: dict = {}
    for name, (gold_dir, docs) in SETS.items():
        golds, preds, texts = gold_set(gold_dir, docs, cache)
        if name not in PHENOMENA:
            buf = io.StringIO()
            with redirect_stdout(buf):
                r = score.score(golds, preds, texts, name in a.verbose)
            if name in a.verbose:
                print(buf.getvalue(), end="")
            print(f"{name:10s} exact F1 {r['exact_f1']:.3f}  located F1 {r['located_f1']:.3f}  "
                  f"gold {r['gold']}  exact {r['exact']}  predicted {r['predicted_measurable']}")
            continue
        kinds = sorted({d.split("_", 1)[0] for d in texts}, key=lambda k: (len(k), k))
        parts = []
        for kind in kinds:
            gg = [g for g in golds if g["doc"].startswith(kind + "_")]
            pp = [p for p in preds if p["doc"].startswith(kind + "_")]
            tt = {d: t for d, t in texts.items() if d.startswith(kind + "_")}
            show = kind in a.verbose or name in a.verbose
            buf = io.StringIO()
            with redirect_stdout(buf):
                r = score.score(gg, pp, tt, show)
            if show:
                print(f"== {kind}\n{buf.getvalue()}", end="")
            parts.append(f"{kind} {r['exact_f1']:.2f}")
        with redirect_stdout(io.StringIO()):
            total = score.score(golds, preds, texts, False)
        print(f"{name:10s} exact F1 {total['exact_f1']:.3f}  " + "  ".join(parts))
    for name, (gold_dir, docs) in COVERAGE.items():
        c, d, n, m = coverage(gold_dir, docs, cache, f"coverage-{name}" in a.verbose)
        print(f"coverage {name:6s} duties covered {c}/{d} ({c / d:.3f})  non-duty runs touched {n}/{m} ({n / m:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
