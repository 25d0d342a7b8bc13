"""Every example and counter-example of patterns/*.yml, run through the function that reads it.

The corpus is the data: each rule of a pattern file lists real `examples` it
must parse (with the values it must give) and `counter` examples that must give
nothing. This module loads the files at collection time and turns each example
into one test with a readable id, ``<file>/<rule id>/<text>`` (counters:
``<file>/<rule id>/counter/<text>``), in the manner of Duckling's Corpus.hs.
patterns/README.md says which function runs which file.

Known failures are listed in XFAIL (id -> what the code gives instead) and
marked ``xfail(strict=True)``: when a fix makes one pass, the run fails until
its entry is removed, so a fixed example is promoted to a passing one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pytest
import yaml

from extract.align import equivalent
from extract.audit import audit_patterns
from extract.items import read_condition, read_count, read_failure
from extract.labels import labels
from extract.normalize.roles import find_mentions
from extract.normalize import (actor_of, find_counts, find_deadlines, find_periods, first_verb,
                               modality_marks, subject_actor, title_actor)
from extract.pipeline import extract_text
from extract.clean import noise_spans
from extract.rules import get_rules, load_yaml, patterns_dir
from extract.structure import frame_modality, genre_of, heading_of, role_heading

# Known failures: case id -> what the code gives instead. Every entry must name
# a collected case (test_xfail_entries_name_cases); remove an entry once the
# example passes (strict xfail makes the run fail until then).
XFAIL: dict[str, str] = {
}


@dataclass(frozen=True)
class Case:
    """One example of a pattern file: where it comes from, its text and what it must give."""

    file: str
    rule: str
    text: str
    expect: dict = field(default_factory=dict)
    counter: bool = False
    case_id: str = ""


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _load(name: str) -> dict:
    with (patterns_dir() / f"{name}.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


_SEEN: set[str] = set()
ALL_IDS: list[str] = []


def _case(file: str, rule: str, example: Any, counter: bool = False, **extra) -> Any:
    if isinstance(example, dict):
        text, expect = example["text"], {k: v for k, v in example.items() if k != "text"}
    else:
        text, expect = example, {}
    expect.update(extra)
    base = f"{file}/{rule}/" + ("counter/" if counter else "") + _shown(text)
    case_id, n = base, 2
    while case_id in _SEEN:
        case_id, n = f"{base}#{n}", n + 1
    _SEEN.add(case_id)
    ALL_IDS.append(case_id)
    case = Case(file, rule, text, expect, counter, case_id)
    if case_id in XFAIL:
        return pytest.param(case, marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=XFAIL[case_id]))
    return pytest.param(case)


def _cases(file: str, key: str = "rules", *, counter: bool = False,
           extra: Callable[[dict], dict] = lambda rule: {}) -> list:
    out = []
    for rule in _load(file).get(key) or []:
        for example in rule.get("counter" if counter else "examples") or []:
            out.append(_case(file, rule["id"], example, counter, **extra(rule)))
    return out


# ---------------------------------------------------------------- numbers.yml

@pytest.mark.parametrize("case", _cases("numbers"))
def test_numbers_example(case: Case):
    count = read_count(case.text)
    assert count is not None, "no count read"
    got = {"min": count.min, "max": count.max, "unit": count.unit}
    want = {k: case.expect[k] for k in ("min", "max", "unit")}
    if "placeholder" in case.expect:
        got["placeholder"], want["placeholder"] = count.placeholder, case.expect["placeholder"]
    assert got == want


@pytest.mark.parametrize("case", _cases("numbers", counter=True))
def test_numbers_counter(case: Case):
    assert find_counts(case.text) == []


# ---------------------------------------------------------------- periods.yml

@pytest.mark.parametrize("case", _cases("periods", extra=lambda r: {"period": r.get("period")}))
def test_periods_example(case: Case):
    hits = find_periods(case.text)
    assert any(h.rule == case.rule and h.period == case.expect["period"] for h in hits), hits


@pytest.mark.parametrize("case", _cases("periods", counter=True))
def test_periods_counter(case: Case):
    assert [h for h in find_periods(case.text) if h.rule == case.rule] == []


# -------------------------------------------------------------- deadlines.yml

@pytest.mark.parametrize("case", _cases("deadlines"))
def test_deadlines_example(case: Case):
    hits = find_deadlines(case.text)
    assert hits, "no deadline found"
    first = hits[0]
    assert (first.rule, first.month, first.day, first.relation) == (
        case.rule, case.expect.get("month"), case.expect.get("day"), case.expect["relation"])


@pytest.mark.parametrize("case", _cases("deadlines", "lists"))
def test_deadline_lists_example(case: Case):
    want = tuple(case.expect.get("months", case.expect.get("days")) or ())
    hits = [h for h in find_deadlines(case.text) if h.rule == case.rule]
    assert [h.items for h in hits][:1] == [want], find_deadlines(case.text)


@pytest.mark.parametrize("case", _cases("deadlines", counter=True) + _cases("deadlines", "lists", counter=True))
def test_deadlines_counter(case: Case):
    assert [h for h in find_deadlines(case.text) if h.rule == case.rule] == []


# festivals: deadlines.yml gives them no examples, so they are listed here.
# (text, festival id, month, day, relation)
FESTIVALS = [
    ("“七一”前后开展1次主题党日活动", "festival.july_first", 7, 1, "around"),
    ("七一前后走访慰问老党员", "festival.july_first", 7, 1, "around"),
    ("“七一”期间开展表彰", "festival.july_first", 7, 1, "in"),
    ("七一前完成党员组织关系排查", "festival.july_first", 7, 1, "before"),
    ("在“七一”前后开展主题党日", "festival.july_first", 7, 1, "around"),
    ("在七一前后开展主题党日", "festival.july_first", 7, 1, "around"),
    ("国庆节前开展一次廉政提醒", "festival.national_day", 10, 1, "before"),
    ("国庆前后开展节日慰问", "festival.national_day", 10, 1, "around"),
    ("国庆期间严禁公款吃喝", "festival.national_day", 10, 1, "in"),
    ("两会期间做好值班值守", "festival.two_sessions", 3, None, "in"),
    ("两会前完成专题学习", "festival.two_sessions", 3, None, "before"),
    ("全国两会前后组织集中学习", "festival.two_sessions", 3, None, "around"),
    ("元宵节期间开展党员志愿服务", "festival.lantern", None, None, "in"),
    ("元宵节前走访慰问困难群众", "festival.lantern", None, None, "before"),
]
# (text, festival id that must not be found)
FESTIVAL_COUNTERS = [
    ("十七一前后", "festival.july_first"),
    ("第一百一十七一期间", "festival.july_first"),
    ("三会一课", "festival.two_sessions"),
]


@pytest.mark.parametrize("case", [
    _case("deadlines", fid, {"text": text, "month": month, "day": day, "relation": relation})
    for text, fid, month, day, relation in FESTIVALS])
def test_festivals_example(case: Case):
    test_deadlines_example(case)


@pytest.mark.parametrize("case", [_case("deadlines", fid, text, counter=True) for text, fid in FESTIVAL_COUNTERS])
def test_festivals_counter(case: Case):
    test_deadlines_counter(case)


# --------------------------------------------------------------- modality.yml

@pytest.mark.parametrize("case", _cases("modality", extra=lambda r: {"modality": r["modality"]}))
def test_modality_example(case: Case):
    marks = modality_marks(case.text)
    assert case.expect["modality"] in marks, marks


@pytest.mark.parametrize("case", _cases("modality", counter=True, extra=lambda r: {"modality": r["modality"]}))
def test_modality_counter(case: Case):
    marks = modality_marks(case.text)
    assert case.expect["modality"] not in marks, marks


# ------------------------------------------------------------- conditions.yml

@pytest.mark.parametrize("case", _cases("conditions"))
def test_conditions_example(case: Case):
    assert read_condition(case.text) == (case.expect["condition"], case.rule)


@pytest.mark.parametrize("case", _cases("conditions", counter=True))
def test_conditions_counter(case: Case):
    assert read_condition(case.text) is None


@pytest.mark.parametrize("case", _cases("conditions", "failures"))
def test_failures_example(case: Case):
    found = read_failure(case.text)
    assert found is not None, "no failure read"
    start, end, rule = found
    assert (case.text[start:end], rule) == (case.expect["duty"], case.rule)


@pytest.mark.parametrize("case", _cases("conditions", "failures", counter=True))
def test_failures_counter(case: Case):
    assert read_failure(case.text) is None


# ----------------------------------------------------------------- actors.yml

_ACTORS = _load("actors")


@pytest.mark.parametrize("case", [_case("actors", "examples", e) for e in _ACTORS.get("examples") or []])
def test_actors_example(case: Case):
    assert actor_of(case.text) == case.expect["actor"]


@pytest.mark.parametrize("case", [_case("actors", "examples", e, counter=True) for e in _ACTORS.get("counter") or []])
def test_actors_counter(case: Case):
    assert subject_actor(case.text, first_verb(case.text)) is None


# ------------------------------------------------------------------ roles.yml

_ROLES = _load("roles")


def _role_cases() -> list:
    out = []
    for key in ("bodies", "meetings", "places"):
        out += _cases("roles", key)
    for rule in _ROLES["members"]["alone"]:
        out += [_case("roles", rule["id"], e) for e in rule.get("examples") or []]
    out += [_case("roles", "offices", e) for e in _ROLES["offices"].get("examples") or []]
    return out


@pytest.mark.parametrize("case", _role_cases())
def test_roles_example(case: Case):
    """The subject the clause names: its canonical role and the mention as written."""
    hit = subject_actor(case.text, first_verb(case.text))
    assert hit is not None, "no subject"
    got = {"actor": hit.canonical, "mention": case.text[hit.start:hit.end]}
    assert got == {"actor": case.expect["actor"], "mention": case.expect.get("mention", case.expect["actor"])}


@pytest.mark.parametrize("case", [_case("roles", "offices", e, counter=True)
                                  for e in _ROLES["offices"].get("counter") or []])
def test_roles_office_counter(case: Case):
    assert [h for h in find_mentions(case.text) if h.kind == "office"] == []


@pytest.mark.parametrize("case", [_case("actors", "title_examples", e) for e in _ACTORS.get("title_examples") or []])
def test_actors_title_example(case: Case):
    assert title_actor(case.text) == case.expect["actor"]


@pytest.mark.parametrize("case", _cases("actors", "title_cues", extra=lambda r: {"actor": r["actor"]}))
def test_actor_title_cues_example(case: Case):
    assert title_actor(case.text) == case.expect["actor"]


# ---------------------------------------------------------------- actions.yml

# The first line of a text is read as the document's title, so a bare example
# would give no duty at all: each example is the body line under this title.
ACTION_TITLE = "工作清单"


@pytest.mark.parametrize("case", _cases("actions"))
def test_actions_example(case: Case):
    records = extract_text(f"{ACTION_TITLE}\n{case.text}")
    assert records, "no duty extracted"
    assert records[0].action == case.expect["action"]


def _listed_cases(file: str, key: str, field_: str = "examples") -> list:
    """Examples of entries that have no id: a list of mappings (actions.yml `equivalents`) or one
    mapping (a key of audit.yml), each example a plain string."""
    node = _load(file)[key]
    entries = node if isinstance(node, list) else [node]
    return [pytest.param(ex, id=f"{file}/{key}/{'counter/' if field_ == 'counter' else ''}{_shown(ex)}")
            for entry in entries for ex in entry.get(field_) or []]


@pytest.mark.parametrize("text", _listed_cases("actions", "equivalents"))
def test_actions_equivalents_example(text: str):
    assert equivalent(text) != text


# ------------------------------------------------------------------ audit.yml

AUDIT_KEYS = ("preamble", "part_of", "year_part", "sentence_end")


@pytest.mark.parametrize("key, text", [pytest.param(k, *p.values, id=p.id) for k in AUDIT_KEYS
                                       for p in _listed_cases("audit", k)])
def test_audit_example(key: str, text: str):
    assert getattr(audit_patterns(), key).search(text)


@pytest.mark.parametrize("key, text", [pytest.param(k, *p.values, id=p.id) for k in AUDIT_KEYS
                                       for p in _listed_cases("audit", k, "counter")])
def test_audit_counter(key: str, text: str):
    assert not getattr(audit_patterns(), key).search(text)


# --------------------------------------------------------------- headings.yml

@pytest.mark.parametrize("case", _cases("headings", extra=lambda r: {"level": r["level"]}))
def test_headings_example(case: Case):
    head = heading_of(case.text)
    assert head is not None, "no heading"
    assert head[:2] == (case.expect["level"], case.rule)


@pytest.mark.parametrize("case", _cases("headings", counter=True))
def test_headings_counter(case: Case):
    head = heading_of(case.text)
    assert head is None or head[1] != case.rule, head


@pytest.mark.parametrize("case", _cases("headings", "inline"))
def test_inline_headings_example(case: Case):
    rule = next(r for r in get_rules().inline_headings if r.id == case.rule)
    assert rule.pattern.search(case.text)


# ----------------------------------------------------------------- genres.yml

@pytest.mark.parametrize("case", _cases("genres", "titles"))
def test_genre_titles_example(case: Case):
    found = genre_of(case.text)
    assert found is not None, "not a title"
    assert found[3] == case.rule, found


@pytest.mark.parametrize("case", _cases("genres", "titles", counter=True))
def test_genre_titles_counter(case: Case):
    found = genre_of(case.text)
    assert found is None or found[3] != case.rule, found


@pytest.mark.parametrize("case", _cases("genres", "voice_frames", extra=lambda r: {"modality": r["modality"]}))
def test_genre_frames_example(case: Case):
    assert frame_modality(case.text) == case.expect["modality"]


@pytest.mark.parametrize("case", _cases("genres", "content_cues"))
def test_genre_content_cues_example(case: Case):
    rule = next(r for r in get_rules().content_cues if r.id == case.rule)
    assert rule.pattern.search(case.text)


@pytest.mark.parametrize("case", _cases("genres", "sections"))
def test_genre_sections_example(case: Case):
    rule = next(r for r in get_rules().sections if r.id == case.rule)
    assert rule.pattern.search(case.text)


# ------------------------------------------------------------------ noise.yml

@pytest.mark.parametrize("case", _cases("noise"))
def test_noise_example(case: Case):
    spans = noise_spans(case.text)
    assert any(n.rule == case.rule for n in spans), spans


# ----------------------------------------------------------------- tables.yml

@pytest.mark.parametrize("case", _cases("tables", "columns"))
def test_table_columns_example(case: Case):
    rule = next(r for r in get_rules().table_columns if r.id == case.rule)
    assert rule.pattern.search(case.text)


# ----------------------------------------------------------------- labels.yml

def test_labels_load():
    loaded = labels()
    assert loaded.columns and loaded.deadline


# ---------------------------------------------------------------- the marks

def test_xfail_entries_name_cases():
    """A renamed or removed example must not leave a stale mark behind."""
    assert sorted(set(XFAIL) - set(ALL_IDS)) == []


ROLE_HEADINGS = load_yaml("headings")


@pytest.mark.parametrize("case", ROLE_HEADINGS["role_heading_examples"], ids=lambda c: c["text"])
def test_role_heading_example(case):
    """A heading that is a role names its section's actor (headings.yml `role_heading_examples`)."""
    assert role_heading(case["text"]) == case["actor"]


@pytest.mark.parametrize("text", ROLE_HEADINGS["role_heading_counter"])
def test_role_heading_counter(text):
    """A heading that names a meeting or an activity, not only a role, names no actor."""
    assert role_heading(text) is None
