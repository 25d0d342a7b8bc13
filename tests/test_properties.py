"""Properties of extraction over random and mutated texts (hypothesis, derandomized).

Whatever text comes in, `extract_text` must not raise, every record must point at
exactly the text it quotes, ids are unique, the run is reproducible and counts
are ordered. Texts are built from real list fragments, noise the cleaner masks,
traditional characters, emoji and control characters, and from mutations of the
seed documents (slices deleted, duplicated, swapped; noise inserted).

Every bug these properties found is kept as a named example below (``REVERSED_RANGES``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from extract.pipeline import extract_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]

PROFILE = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = [
    # real list phrasing
    "年内讲党课不少于2次", "每季度", "每月", "每半年", "每年", "每两年", "每周", "每天", "至少", "不少于",
    "不超过", "不低于", "原则上", "1至2次", "2-3次", "两次", "十二次", "百分之六十", "100%",
    "“七一”前后", "“七一”", "6月底前", "年底前", "3月15日前", "每年1月", "年初", "年中", "年底",
    "党委书记", "党支部书记", "党组成员", "班子成员", "各党支部", "机关党委", "市局党委",
    "讲党课", "召开", "组织生活会", "民主生活会", "主题党日", "开展", "研究部署", "听取汇报",
    "专题研究基层党建工作", "谈心谈话", "确保", "严禁", "不得", "完成", "存在", "问题", "落实",
    "一、", "（一）", "1.", "(1)", "①", "第一条", "二、", "责任清单", "任务清单", "工作要点",
    # punctuation and layout
    "、", "，", "。", "；", "：", "\n", "\n\n", "\t", " ", "\u3000", "（", "）", "《", "》", "“", "”",
    # numbers and placeholders
    "0", "1", "2", "3", "12", "2023年", "**", "*", "X", "XX", "×", "某",
    # noise the cleaner masks
    "😀", "👍🏻", "##paidbegin##", "##paidend##", "www.example.cn", "笔杆儿网", "目录", "第1页",
    # traditional script
    "黨支部", "黨委書記", "講黨課", "不少於", "每季度至少開展1次",
    # control characters, odd spaces, surrogates-free astral, combining marks
    "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u2028", "\r", "\r\n",
    "\U00020000", "e\u0301", "\ue000",
]

fragment_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=60).map("".join)
char_texts = st.text(
    alphabet=st.sampled_from(sorted({c for f in FRAGMENTS for c in f})), min_size=0, max_size=200)
noise = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))


number = st.one_of(st.integers(0, 40).map(str),
                   st.sampled_from(["一", "两", "三", "十", "十二", "半", "*", "X", "**", "某"]))
clause = st.tuples(
    st.sampled_from(["", "党委书记", "党支部", "各党支部书记", "班子成员", "黨委書記"]),
    st.sampled_from(["", "每年", "年内", "每季度", "每月", "每半年", "每两年", "6月底前", "“七一”前后", "年底前"]),
    st.sampled_from(["", "至少", "不少于", "不超过", "原则上", "最多"]),
    st.sampled_from(["讲党课", "召开", "开展", "组织", ""]),
    number, st.sampled_from(["", "至", "-", "~", "到", "、", "或"]), number,
    st.sampled_from(["次", "个", "篇", "天", ""]),
    st.sampled_from(["", "主题党日", "谈心谈话", "以上"]),
    st.sampled_from(["。", "，", "；", "、", "\n", ""]),
).map("".join)
clause_texts = st.lists(clause, max_size=8).map("".join)


@st.composite
def mutated_seed(draw) -> str:
    """A seed document window with a few slice deletions, duplications, swaps and insertions."""
    text = draw(st.sampled_from(SEEDS))
    lo = draw(st.integers(0, len(text)))
    hi = draw(st.integers(lo, min(len(text), lo + 3000)))
    text = text[lo:hi]
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 200)))
        if op == "delete":
            text = text[:a] + text[b:]
        elif op == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "swap":
            c = draw(st.integers(b, n))
            d = draw(st.integers(c, min(n, c + 200)))
            text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
        else:
            text = text[:a] + draw(noise) + text[a:]
    return text


def check(text: str, in_hypothesis: bool = True) -> None:
    """Every property at once on one text."""
    records = extract_text(text, "prop")
    if in_hypothesis:
        event("records found" if records else "no record")
    n = len(text)
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    for rec in records:
        start, end = rec.span
        assert 0 <= start <= end <= n, (rec.span, n)
        assert rec.text == text[start:end], (rec.span, rec.text, text[start:end])
        f = rec.frequency
        if f is not None and f.min is not None and f.max is not None:
            assert f.min <= f.max, (rec.text, f)
    again = extract_text(text, "prop")
    assert [r.model_dump() for r in again] == [r.model_dump() for r in records]


@PROFILE
@given(fragment_texts)
def test_fragment_texts(text):
    check(text)


@PROFILE
@given(char_texts)
def test_character_soup(text):
    check(text)


@PROFILE
@given(clause_texts)
def test_duty_clauses(text):
    check(text)


@PROFILE
@given(mutated_seed())
def test_mutated_seeds(text):
    check(text)


@pytest.mark.parametrize("index", range(len(SEEDS)))
def test_seed_documents(index):
    check(SEEDS[index], in_hypothesis=False)


def test_same_output_whatever_the_hash_seed(tmp_path):
    """Set and dict order must not leak into the output: two processes, two hash seeds, same bytes."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from extract.pipeline import extract_text\n"
        "for p in sorted(Path(sys.argv[1]).glob('*.txt')):\n"
        "    for r in extract_text(p.read_text(encoding='utf-8'), p.stem):\n"
        "        print(json.dumps(r.model_dump(), ensure_ascii=False, sort_keys=True))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "corpus")], capture_output=True,
                              env=env, check=True)
        outputs.append(proc.stdout)
    assert outputs[0] and outputs[0] == outputs[1]


# --- ranges written high-to-low are read in order (a bug found by the properties above) ---------

REVERSED_RANGES = [
    pytest.param("讲党课1至0次", id="1-zhi-0-ci"),
    pytest.param("每月开展5-3次主题党日。", id="5-dash-3-ci"),
    pytest.param("每年开展十至二次活动。", id="shi-zhi-er-ci"),
]


@pytest.mark.parametrize("text", REVERSED_RANGES)
def test_reversed_range_gives_min_le_max(text):
    records = extract_text("工作清单\n" + text)
    freqs = [r.frequency for r in records if r.frequency and r.frequency.min is not None
             and r.frequency.max is not None]
    assert freqs, "the range should still be read"
    assert all(f.min <= f.max for f in freqs), freqs


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
def test_extraction_leaves_the_garbage_collector_as_it_found_it(enabled: bool, monkeypatch):
    """Extraction pauses Python's cycle collector for speed and must give it back as it was,
    also when a document fails half-way."""
    import gc

    from extract import pipeline

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        extract_text(SEEDS[0])
        assert gc.isenabled() is enabled

        def broken(*args, **kwargs):
            assert not gc.isenabled()
            raise RuntimeError("broken on purpose")
        monkeypatch.setattr(pipeline, "build_view", broken)
        with pytest.raises(RuntimeError):
            extract_text(SEEDS[0])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_document_reads_the_same_whatever_was_read_before():
    """Clauses, items and sentences are cached by text across documents: each document must
    give the same records read first in a fresh process state as read after all the others."""
    from extract.rules import get_rules

    texts = SEEDS + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/dev2/corpus").glob("*.txt"))]
    cold = []
    for n, text in enumerate(texts):
        get_rules.cache_clear()
        cold.append([r.model_dump_json() for r in extract_text(text, f"d{n}")])
    get_rules.cache_clear()
    warm = {}
    for n in reversed(range(len(texts))):
        warm[n] = [r.model_dump_json() for r in extract_text(texts[n], f"d{n}")]
    for n in range(len(texts)):
        assert warm[n] == cold[n], f"document {n} reads differently after the others"


# The same sentence in different settings in one document: under a problems heading and a tasks
# heading, after a bare role line and without one, in two lists with different owners.
SAME_SENTENCE_ELSEWHERE = [
    pytest.param("一、存在问题\n1.开展谈心谈话不够，每年谈心谈话不少于2次。\n"
                 "二、整改任务\n1.开展谈心谈话不够，每年谈心谈话不少于2次。\n", id="problems-then-tasks"),
    pytest.param("党建工作任务清单\n每月开展1次主题党日。\n组织委员\n每年讲党课不少于2次。\n每年讲党课不少于2次。\n",
                 id="carried-role-then-none"),
    pytest.param("党委书记抓基层党建工作责任清单\n1.每年讲党课不少于2次。\n"
                 "党支部书记抓基层党建工作责任清单\n1.每年讲党课不少于2次。\n", id="two-owners"),
    pytest.param("2023年度党建工作任务清单\n一、每季度召开1次党建例会。\n（一）每季度召开1次党建例会。\n"
                 "每季度召开1次党建例会\n", id="heading-item-label"),
    pytest.param("党建工作责任清单\n一、党委书记责任清单\n1.每年讲党课不少于2次。\n二、组织委员责任清单\n"
                 "1.每年讲党课不少于2次。\n", id="two-section-owners"),
    pytest.param("2024年度党建工作任务清单\n1.讲党课2次。\n2024年度党建工作述职报告\n1.讲党课2次。\n",
                 id="annual-list-then-report"),
    pytest.param("党建工作任务清单\n1.讲党课2次。\n党委书记抓基层党建工作责任清单\n1.讲党课2次。\n",
                 id="no-owner-then-owner"),
    pytest.param("党建工作任务清单\n一、召开组织生活会\n每年召开1次。\n二、开展主题党日\n每年开展1次。\n"
                 "三、召开支委会\n每年召开1次。\n", id="object-from-heading"),
]


@pytest.mark.parametrize("text", SAME_SENTENCE_ELSEWHERE + [pytest.param(t, id=f"seed{n}") for n, t in enumerate(SEEDS)])
def test_a_sentence_read_before_reads_as_if_new(text):
    """The facts of a clause are cached by text (facts.clause_facts), never its setting: a sentence met
    again in another setting must give the records a reader with every cache empty gives."""
    from extract.rules import get_rules

    extract_text(text)
    remembered = [r.model_dump_json() for r in extract_text(text)]
    get_rules.cache_clear()
    afresh = [r.model_dump_json() for r in extract_text(text)]
    assert remembered == afresh


@PROFILE
@given(mutated_seed())
def test_a_rejoined_view_is_the_view_built_with_its_joins(text):
    """Hard-wrapped breaks are left out of a view already built (`rejoined`) rather than building it
    again: the result must be exactly what building it with those joins gives."""
    from extract.clauses import wrapped_breaks
    from extract.clean import build_view, rejoined
    from extract.structure import build_structure

    view = build_view(text)
    joins = [view.at(pos) for pos in wrapped_breaks(build_structure(view))]
    fresh, again = build_view(text, joins), rejoined(view, joins)
    event(f"joins: {bool(joins)}")
    assert (again.text, again.starts, again.origins, again.noise) == (fresh.text, fresh.starts, fresh.origins,
                                                                       fresh.noise)


def test_threads_reading_at_once_read_as_one():
    """The caches are shared by every thread of a process: documents read by four threads at once
    give the records they give read one after another."""
    from concurrent.futures import ThreadPoolExecutor

    from extract.rules import get_rules

    texts = SEEDS * 4
    get_rules.cache_clear()
    alone = [[r.model_dump_json() for r in extract_text(t, f"d{n}")] for n, t in enumerate(texts)]
    get_rules.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda nt: [r.model_dump_json() for r in extract_text(nt[1], f"d{nt[0]}")],
                                 enumerate(texts)))
    assert together == alone
