"""Bounded work on long text: the taken-span index the finders share, and the cut of a clause too
long to be one (a run whose punctuation was lost). Time itself is measured by
scripts/benchmark.py, not here."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.clauses import _clause_bounds
from extract.pipeline import extract_document, extract_text, iter_records
from extract.read import document_from_text
from extract.rules import get_rules
from extract.spans import Taken

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(first=SPANS, added=SPANS, queries=SPANS)
def test_taken_answers_as_the_list_it_replaces(first, added, queries):
    """Whatever is taken, in whatever order, the index answers as a search of every span would."""
    taken = Taken(first)
    spans = [(s, e) for s, e in first if e > s]
    for s, e in added:
        taken.add(s, e)
        if e > s:
            spans.append((s, e))
    for s, e in queries:
        assert taken.overlaps(s, e) == (e > s and any(s < te and ts < e for ts, te in spans))
        assert taken.covers(s) == any(ts <= s < te for ts, te in spans)


TAKEN = [
    pytest.param([(0, 3)], (3, 5), False, id="touching-after-is-free"),
    pytest.param([(3, 5)], (0, 3), False, id="touching-before-is-free"),
    pytest.param([(0, 3), (3, 6)], (2, 4), True, id="straddling-two-runs"),
    pytest.param([(0, 10)], (4, 4), False, id="empty-span-shares-nothing"),
    pytest.param([(5, 5)], (0, 10), False, id="empty-span-takes-nothing"),
]


@pytest.mark.parametrize("spans,query,expected", TAKEN)
def test_taken_rows(spans, query, expected):
    assert Taken(spans).overlaps(*query) is expected


LONGEST = get_rules().clauses["max_clause"]

CUTS = [
    pytest.param("支部书记每年讲党课不少于2次", [(0, 14, "")], id="a-real-clause-is-whole"),
    pytest.param("党支部" * 100 + "、" + "讲党课" * 50, [(0, 200, ""), (200, 300, ""), (301, 451, "、")],
                 id="cut-at-the-length-then-at-the-list-mark"),
    pytest.param("召开支委会" * 30 + " " + "讲党课" * 30, [(0, 150, ""), (151, 241, " ")],
                 id="cut-at-a-space-in-the-second-half"),
]


@pytest.mark.parametrize("text,expected", CUTS)
def test_clause_cut(text, expected):
    assert list(_clause_bounds(text)) == expected


def test_every_piece_is_at_most_the_longest_clause():
    text = "党员每月参加主题党日1次" * 400
    assert all(e - s <= LONGEST for s, e, _ in _clause_bounds(text))


def test_a_long_run_without_punctuation_is_read_in_pieces():
    """A run of duties whose punctuation was lost is read piece by piece (a record a piece, each no
    longer than the longest clause), not refused whole nor read in time that grows with its square."""
    records = extract_text("党支部每月召开支委会1次" * 100)
    assert len(records) == 6 and all(r.span[1] - r.span[0] <= LONGEST for r in records)
    assert {r.frequency.period for r in records} == {"month"}


def test_records_one_at_a_time_are_the_records():
    doc = document_from_text("一、组织生活\n1.支部委员会每月召开1次。\n2.党支部书记每年讲党课不少于2次，6月底前完成换届。\n", "t")
    assert list(iter_records(doc)) == extract_document(doc)


def test_a_long_run_is_cut_into_sentences():
    """A run with no mark at all is as many sentences as pieces: a sentence-wide reading (such as a
    preamble cue somewhere in it) never refuses the whole run."""
    run = "党支部每月召开支委会1次" * 30 + "现将有关情况报告如下" + "党小组每月召开党小组会1次" * 30
    records = extract_text("某某党支部工作清单\n" + run)
    assert {r.frequency.period for r in records} == {"month"}
    assert records[0].span[0] > 0 and records[-1].span[1] == len("某某党支部工作清单\n" + run)
