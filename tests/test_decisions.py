"""patterns/decisions.yml: every decision's examples and counters, run through the whole pipeline
and its explanation; the file's schema; every rule id a record or a decision names is a row of a
pattern file; and the order of a table is the data's (a copy with two rows swapped decides otherwise).

An example is a document (`text` under the title line `title`, default below; `title: null` when
`text` is the whole document) and `at`, the part of it the decision is about (default: all of
`text`). The decision must be named in the explanation of a sentence overlapping `decided_at`
(default: `at`); with
`refused: true` no duty may overlap `at`; any other key is a value the duty overlapping `at` must have.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from extract.decisions import PREDICATES, TABLES, decisions, rule_index
from extract.explain import explain_document
from extract.pipeline import extract_document
from extract.read import read_document
from extract.rules import PATTERNS_ENV, RuleFileError, get_rules, load_yaml, patterns_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TITLE = "党支部工作清单"
VALUE_KEYS = ("actor", "action", "modality", "period", "min", "max", "unit", "month", "day", "condition")
# Examples the code does not (yet) read: "table/id/text" -> what it gives instead.
XFAIL: dict[str, str] = {}


def _rows():
    data = load_yaml("decisions")
    for table in TABLES:
        for row in data[table]:
            yield table, row


def _document(example: dict) -> str:
    title = example.get("title", TITLE)
    return example["text"] if title is None else f"{title}\n{example['text']}"


def _at(text: str, example: dict, key: str = "at") -> tuple[int, int]:
    at = example.get(key) or example.get("at") or example["text"].split("\n")[-1].rstrip("。")
    start = text.find(at)
    assert start >= 0, f"`at` {at!r} is not in the example's text"
    return start, start + len(at)


def _values(rec) -> dict:
    f, d = rec.frequency, rec.deadline
    return {"actor": rec.actor, "action": rec.action, "modality": rec.modality, "condition": rec.condition,
            "period": f.period if f else None, "min": f.min if f else None, "max": f.max if f else None,
            "unit": f.unit if f else None, "month": d.month if d else None, "day": d.day if d else None}


def _overlaps(span, start: int, end: int) -> bool:
    return min(span[1], end) - max(span[0], start) > 0


def _cases(counter: bool = False):
    for table, row in _rows():
        for example in row.get("counter" if counter else "examples") or []:
            text = example if isinstance(example, str) else example["text"]
            case_id = f"{table}/{row['id']}/{text[:40]}"
            marks = [pytest.mark.xfail(strict=True, reason=XFAIL[case_id])] if case_id in XFAIL else []
            yield pytest.param(row["id"], example, id=case_id, marks=marks)


@pytest.mark.parametrize("rule, example", list(_cases()))
def test_decision_example(rule: str, example: dict):
    text = _document(example)
    start, end = _at(text, example)
    where = _at(text, example, "decided_at")
    sentences = [e for e in explain_document(text, doc_id="case") if _overlaps(e.span, *where)]
    named = {d.rule for e in sentences for d in e.decisions}
    assert rule in named, f"{rule} not among {sorted(named)}"
    records = [r for r in extract_document_text(text) if _overlaps(r.span, start, end)]
    if example.get("refused"):
        assert records == [], [r.action for r in records]
    wanted = {k: example[k] for k in VALUE_KEYS if k in example}
    if wanted:
        assert records, "no duty overlaps `at`"
        got = _values(records[0])
        assert {k: got[k] for k in wanted} == wanted


def extract_document_text(text: str):
    from extract.pipeline import extract_text

    return extract_text(text, "case")


@pytest.mark.parametrize("rule, text", list(_cases(counter=True)))
def test_decision_counter(rule: str, text: str):
    named = {d.rule for e in explain_document(f"{TITLE}\n{text}", doc_id="case") for d in e.decisions}
    assert rule not in named


# ------------------------------------------------------------- the file

def test_every_row_has_a_description_a_stage_and_examples():
    bad = [f"{table}/{row.get('id')}" for table, row in _rows()
           if not (row.get("description") and row.get("stage") and row.get("effect") and row.get("examples"))]
    assert bad == []


def test_every_predicate_is_named_by_some_row():
    """A registered predicate no row names is dead code."""
    named = {name for _, row in _rows() for key in ("when", "unless") for name in row.get(key) or []}
    assert sorted(set(PREDICATES) - named) == []


def _corpus_files() -> list[Path]:
    return (sorted((ROOT / "corpus").glob("*.txt")) + sorted(DATA.glob("*/corpus/*"))
            + sorted((DATA / "fixtures").glob("*")))


def test_every_rule_a_record_or_a_decision_names_is_a_row_of_a_pattern_file():
    index = rule_index()
    unknown: dict[str, str] = {}
    for path in _corpus_files():
        doc = read_document(path)
        for rec in extract_document(doc):
            unknown.update((r, f"{path.name} record {rec.id}") for r in rec.rules if r not in index)
        for entry in explain_document(doc):
            unknown.update((d.rule, f"{path.name} {entry.text[:20]}") for d in entry.decisions if d.rule not in index)
    assert unknown == {}


# ------------------------------------------------------------- broken copies, and the order is the data's

@pytest.fixture
def patterns_copy(tmp_path, monkeypatch):
    folder = tmp_path / "patterns"
    shutil.copytree(patterns_dir(), folder)
    monkeypatch.setenv(PATTERNS_ENV, str(folder))
    load_yaml.cache_clear()
    get_rules.cache_clear()
    yield folder
    monkeypatch.undo()
    load_yaml.cache_clear()
    get_rules.cache_clear()


def _rewrite(folder: Path, change) -> None:
    path = folder / "decisions.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_yaml.cache_clear()
    get_rules.cache_clear()
    get_rules()  # compiling the rules again empties every cache of answers, the decisions' too


def _set_first(key, value):
    def change(data):
        data["vetoes"][0][key] = value
    return change


@pytest.mark.parametrize("change, message", [
    pytest.param(_set_first("when", ["no_such_predicate"]), "unknown predicate", id="unknown-predicate"),
    pytest.param(_set_first("effect", "explode"), "unknown effect", id="unknown-effect"),
    pytest.param(_set_first("stage", "paragraph"), "unknown stage", id="unknown-stage"),
    pytest.param(lambda data: data.pop("actor_fallback"), "missing table", id="missing-table"),
    pytest.param(lambda data: data["scope"][1].update(id=data["scope"][0]["id"]), "duplicate id", id="duplicate-id"),
])
def test_a_broken_decisions_file_is_named(patterns_copy, change, message):
    _rewrite(patterns_copy, change)
    with pytest.raises(RuleFileError) as info:
        decisions()
    assert "decisions.yml" in str(info.value) and message in str(info.value)


ROW = "序号\t工作任务\t责任主体\t完成时限\n1\t党支部书记讲专题党课\t组织委员\t6月底前"


def test_the_actor_order_is_the_tables(patterns_copy):
    """A table's actor column wins over the task's own subject; with the two rows swapped in a copy
    of the file, the subject wins: the order is read from the data."""
    assert extract_document_text(f"{TITLE}\n{ROW}")[0].actor == "组织委员"

    def swap(data):
        rows = data["actor_fallback"]
        rows[0], rows[1] = rows[1], rows[0]
    _rewrite(patterns_copy, swap)
    assert extract_document_text(f"{TITLE}\n{ROW}")[0].actor == "党支部书记"


def test_a_veto_removed_from_the_table_no_longer_refuses(patterns_copy):
    text = f"{TITLE}\n结合主题教育，每月开展1次集中学习。"
    assert [r.text for r in extract_document_text(text)] == ["每月开展1次集中学习"]
    _rewrite(patterns_copy, lambda data: data.update(vetoes=[r for r in data["vetoes"] if r["id"] != "veto.framing"]))
    assert "结合主题教育" in [r.text for r in extract_document_text(text)]


def test_examples_are_json_like():
    """Examples are mappings with a text, as every pattern file's are (the schema test reads them so)."""
    for _, row in _rows():
        for example in row["examples"]:
            assert isinstance(example, dict) and isinstance(example.get("text"), str), json.dumps(example)
