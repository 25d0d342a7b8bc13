"""The year-over-year diff: each change kind, rewording, reordering, split and merged
sentences, identical documents and an empty side, on real list sentences."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extract.diff import align, diff_records, similarity, summary
from extract.pipeline import extract_text

TITLE = "2024年度党委书记抓基层党建工作责任清单\n"
DATA = Path(__file__).parent / "data" / "pairs"


def _diff(old: str, new: str):
    return diff_records(extract_text(TITLE + old, "old"), extract_text(TITLE + new, "new"))


def _measured(items):
    return [i for i in items if (i.old or i.new).frequency or (i.old or i.new).deadline]


CHANGES = [
    ("count-raised", "年内讲党课不少于2次。", "年内讲党课不少于3次。", {"frequency.min": (2, 3)}, "raised"),
    ("count-lowered", "每年深入联系点不少于2次。", "每年深入联系点不少于1次。", {"frequency.min": (2, 1)}, "lowered"),
    ("period-moved", "年内至少深入联系点2次。", "每半年至少深入联系点2次。",
     {"frequency.period": ("year", "half_year")}, "raised"),
    ("deadline-moved", "在4月牵头研究谋划基层党建工作。", "在3月牵头研究谋划基层党建工作。",
     {"deadline.month": (4, 3)}, None),
    ("actor-changed", "党委书记年内讲党课不少于2次。", "班子成员年内讲党课不少于2次。",
     {"actor": ("党委书记", "班子成员")}, None),
]


@pytest.mark.parametrize("old, new, fields, direction", [pytest.param(o, n, f, d, id=i) for i, o, n, f, d in CHANGES])
def test_change_kinds(old, new, fields, direction):
    items = _measured(_diff(old, new))
    assert [i.status for i in items] == ["changed"]
    got = {c.field: (c.old, c.new) for c in items[0].changes}
    assert got == fields
    if direction:
        assert any(c.direction == direction for c in items[0].changes)


def test_period_change_compared_per_year():
    items = _measured(_diff("年内至少深入联系点2次。", "每半年至少深入联系点1次。"))
    changes = {c.field: c for c in items[0].changes}
    assert set(changes) == {"frequency.min", "frequency.period"}
    assert changes["frequency.min"].direction is None or changes["frequency.min"].direction != "lowered"


REWORDED = [
    ("synonym-and-actor-words", "确保年内领导干部带头上党课不少于2次。", "年内为党员干部讲党课不少于2次。"),
    ("same-duty-other-section", "一、加强学习。\n年内讲党课不少于2次。", "三、严格制度。\n年内讲党课不少于2次。"),
    ("renumbered-sections", "一、理论学习。\n每月学习不少于1次。\n二、组织生活。\n每季度研讨不少于1次。",
     "1.组织生活。\n每季度研讨不少于1次。\n2.理论学习。\n每月学习不少于1次。"),
]


@pytest.mark.parametrize("old, new", [pytest.param(o, n, id=i) for i, o, n in REWORDED])
def test_wording_and_moves_are_no_change(old, new):
    items = _measured(_diff(old, new))
    assert items and all(i.status == "unchanged" for i in items), [(i.status, i.changes) for i in items]


def test_added_and_removed():
    items = _measured(_diff("年内讲党课不少于2次。作理论宣讲或形势报告不少于1次。",
                            "年内讲党课不少于2次。每季度至少召开1次党建工作例会。"))
    assert sorted(i.status for i in items) == ["added", "removed", "unchanged"]


def test_split_sentence_keeps_its_duties():
    old = "每年专题研究基层党建工作不少于2次、听取工作汇报不少于1次。"
    new = "每年专题研究基层党建工作不少于2次。每年听取工作汇报不少于1次。"
    assert [i.status for i in _measured(_diff(old, new))] == ["unchanged", "unchanged"]


def test_merged_sentences_keep_their_duties():
    old = "年内讲党课不少于2次。年内与班子成员谈心谈话不少于1次。"
    new = "年内讲党课不少于2次、与班子成员谈心谈话不少于1次。"
    assert [i.status for i in _measured(_diff(old, new))] == ["unchanged", "unchanged"]


def test_identical_documents_are_all_unchanged():
    text = (DATA / "dev_old.txt").read_text(encoding="utf-8")
    items = diff_records(extract_text(text, "a"), extract_text(text, "b"))
    assert items and {i.status for i in items} == {"unchanged"}


@pytest.mark.parametrize("side", ["old", "new"])
def test_empty_side(side):
    text = (DATA / "dev_old.txt").read_text(encoding="utf-8")
    records = extract_text(text, "doc")
    items = diff_records([], records) if side == "old" else diff_records(records, [])
    assert {i.status for i in items} == ({"added"} if side == "old" else {"removed"})
    assert len(items) == len(records)


def test_every_duty_in_exactly_one_item():
    old = extract_text((DATA / "dev_old.txt").read_text(encoding="utf-8"), "old")
    new = extract_text((DATA / "dev_new.txt").read_text(encoding="utf-8"), "new")
    items = diff_records(old, new)
    assert sorted(i.old.id for i in items if i.old) == sorted(r.id for r in old)
    assert sorted(i.new.id for i in items if i.new) == sorted(r.id for r in new)
    assert summary(items)["changed"] >= 5


def test_alignment_is_optimal_not_greedy():
    old = extract_text(TITLE + "年内讲党课不少于2次。年内讲专题党课不少于1次。", "o")
    new = extract_text(TITLE + "年内讲专题党课不少于1次。年内讲党课不少于3次。", "n")
    pairs = {(old[i].action, new[j].action) for i, j, _ in align(old, new) if i is not None and j is not None}
    assert pairs == {("讲党课", "讲党课"), ("讲专题党课", "讲专题党课")}


def test_similarity_explains_itself():
    a = extract_text(TITLE + "年内讲党课不少于2次。", "a")[0]
    b = extract_text(TITLE + "年内讲党课不少于3次。", "b")[0]
    score, parts = similarity(a, b, explain=True)
    assert 0.9 <= score <= 1.0
    assert set(parts) == {"action", "text", "actor", "section", "values"}
    assert parts["action"]["score"] == 1.0


def test_gold_pair_scores_at_least_point_nine():
    sys.path.insert(0, str(Path(__file__).parent / "eval"))
    old_text = (DATA / "dev_old.txt").read_text(encoding="utf-8")
    new_text = (DATA / "dev_new.txt").read_text(encoding="utf-8")
    items = diff_records(extract_text(old_text, "dev_old"), extract_text(new_text, "dev_new"))
    lines = [json.dumps(i.model_dump(mode="json"), ensure_ascii=False) for i in items]
    from score_diff import SCORED, locate, overlaps

    right = total = 0
    parsed = [json.loads(x) for x in lines]
    for line in (DATA / "dev.gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        total += 1
        os_ = locate(old_text, g["old"], g.get("old_occurrence")) if g.get("old") else None
        ns = locate(new_text, g["new"], g.get("new_occurrence")) if g.get("new") else None
        if os_ and ns:
            hit = [it for it in parsed if overlaps(it.get("old"), os_) and overlaps(it.get("new"), ns)]
            got = {c["field"] for it in hit[:1] for c in it.get("changes") or []} & SCORED
            right += bool(hit) and got == set(g.get("changes") or []) & SCORED
        else:
            kind, span, side = ("added", ns, "new") if ns else ("removed", os_, "old")
            right += any(it["status"] == kind for it in parsed if overlaps(it.get(side), span))
    assert right / total >= 0.9
