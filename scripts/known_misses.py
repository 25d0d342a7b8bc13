"""Rewrite tests/data/known_misses.jsonl from what the pipeline gives now: one line per gold line of
the development sets it does not read exactly, and per document with spurious measurable records,
each with the reason (what it gives instead). Run after a change that moves the figures; the diff
of the file is the change's record of gains and losses.

    .venv/bin/python scripts/known_misses.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from gold_lines import KNOWN, documents, gold_lines, outcome  # noqa: E402


def main() -> int:
    entries = []
    for line in gold_lines():
        result, _ = outcome(line.set, line.doc)
        if result[line.where]:
            entries.append({"case": line.case_id, "reason": result[line.where]})
    for set_name, doc in documents():
        _, extras = outcome(set_name, doc)
        if extras:
            entries.append({"case": f"{set_name}/{doc}/no-spurious-record",
                            "reason": f"{len(extras)} spurious: " + "; ".join(extras)})
    before = KNOWN.read_text(encoding="utf-8").count("\n") if KNOWN.exists() else 0
    KNOWN.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    print(f"{KNOWN.relative_to(ROOT)}: {len(entries)} known misses (was {before})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
