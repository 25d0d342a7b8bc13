"""The schema of patterns/*.yml: every file loads, compiles and carries examples;
a broken file fails at load time with a RuleFileError that names it; and the
Python source spells no Chinese (words live in the pattern files only).

What each example means, and which function runs it, is in patterns/README.md;
the examples themselves run in tests/test_patterns.py.
"""
from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import regex
import yaml

from extract.labels import labels
from extract.normalize.roles import model as role_model
from extract.rules import PATTERN_FILES, PATTERNS_ENV, RuleFileError, get_rules, load_yaml, patterns_dir

ALL_FILES = PATTERN_FILES + ("labels", "messages")
# The lists whose items are rules: each has an `id` and at least one example.
RULE_LISTS = ("rules", "lists", "titles", "sections", "voice_frames", "content_cues", "columns", "title_cues", "inline",
              "bodies", "meetings", "places")
# Keys an example mapping must carry besides `text`, by (file, list); None: the
# file's examples are plain strings. (`min`/`max` may be null; `placeholder` is optional.)
EXAMPLE_FIELDS: dict[tuple[str, str], Any] = {
    ("numbers", "rules"): {"min", "max", "unit"},
    ("deadlines", "rules"): {"relation"},
    ("deadlines", "lists"): "months|days",
    ("conditions", "rules"): {"condition"},
    ("actors", "top"): {"actor"},
    ("roles", "bodies"): {"actor"},
    ("roles", "meetings"): {"actor", "mention"},
    ("roles", "places"): {"actor"},
    ("actions", "rules"): {"action"},
}
SRC = Path(__file__).resolve().parents[1] / "src"


def _raw(name: str) -> dict:
    with (patterns_dir() / f"{name}.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _rule_list(data: dict, key: str) -> list:
    """The rules under `key` (labels.yml's `columns` is a mapping of words, not a rule list)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(path, key, value) of every mapping entry in a parsed file, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for n, item in enumerate(node):
            yield from _walk(item, f"{path}[{n}]")


# ------------------------------------------------------------- loading

def test_every_file_is_known():
    on_disk = {p.stem for p in patterns_dir().glob("*.yml")}
    assert on_disk == set(ALL_FILES)


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_loads(name: str):
    data = load_yaml(name)
    assert data["version"] == 1
    assert isinstance(data.get("description"), str) and data["description"].strip()


def test_get_rules_compiles():
    load_yaml.cache_clear()
    get_rules.cache_clear()
    rules = get_rules()
    assert rules.noise and rules.headings and rules.units and rules.deadlines
    assert role_model().bodies and role_model().meetings and role_model().members_alone


def test_labels_load():
    assert labels().columns


# ------------------------------------------------------------- rules, ids, examples

@pytest.mark.parametrize("name", ALL_FILES)
def test_rules_have_unique_ids_and_examples(name: str):
    data = _raw(name)
    ids: list[str] = []
    without_examples = []
    for key in RULE_LISTS:
        for n, item in enumerate(_rule_list(data, key)):
            assert isinstance(item, dict) and isinstance(item.get("id"), str), f"{name}.yml {key}[{n}] has no id"
            ids.append(item["id"])
            if not item.get("examples"):
                without_examples.append(item["id"])
    duplicates = sorted(i for i, c in Counter(ids).items() if c > 1)
    assert duplicates == [], f"{name}.yml: duplicate ids"
    assert without_examples == [], f"{name}.yml: rules without examples"


def test_ids_unique_across_folder():
    where: dict[str, list[str]] = {}
    for name in ALL_FILES:
        for path, key, value in _walk(_raw(name)):
            if key == "id":
                where.setdefault(value, []).append(f"{name}.yml {path}")
    assert {i: w for i, w in where.items() if len(w) > 1} == {}


@pytest.mark.parametrize("name", ALL_FILES)
def test_examples_are_text(name: str):
    bad = []
    for path, key, value in _walk(_raw(name)):
        if key not in ("examples", "counter"):
            continue
        if not isinstance(value, list):
            bad.append(f"{path}.{key} is not a list")
            continue
        for n, ex in enumerate(value):
            ok = isinstance(ex, str) and ex or isinstance(ex, dict) and isinstance(ex.get("text"), str) and ex["text"]
            if not ok:
                bad.append(f"{path}.{key}[{n}] = {ex!r}")
    assert bad == []


@pytest.mark.parametrize("name", ALL_FILES)
def test_example_fields(name: str):
    """Each example carries what its runner compares; counters are plain strings."""
    data = _raw(name)
    lists = [("top", [data])] + [(key, _rule_list(data, key)) for key in RULE_LISTS]
    bad = []
    for key, items in lists:
        need = EXAMPLE_FIELDS.get((name, key))
        for item in items:
            where = f"{name}.yml {key} {item.get('id', '')}".rstrip()
            for ex in item.get("counter") or []:
                if not isinstance(ex, str):
                    bad.append(f"{where}: counter {ex!r} is not a string")
            for ex in item.get("examples") or []:
                if need is None:
                    if not isinstance(ex, str):
                        bad.append(f"{where}: example {ex!r} is not a string")
                elif not isinstance(ex, dict):
                    bad.append(f"{where}: example {ex!r} is not a mapping")
                elif need == "months|days":
                    if not (isinstance(ex.get("months"), list) or isinstance(ex.get("days"), list)):
                        bad.append(f"{where}: example {ex!r} lacks months or days")
                elif need - set(ex):
                    bad.append(f"{where}: example {ex!r} lacks {sorted(need - set(ex))}")
    assert bad == []


# ------------------------------------------------------------- broken files

def _clear_caches() -> None:
    load_yaml.cache_clear()
    get_rules.cache_clear()
    labels.cache_clear()


@pytest.fixture
def patterns_copy(tmp_path, monkeypatch) -> Iterator[Path]:
    """A copy of the patterns folder that QINGDAN_PATTERNS points at; caches cleared around the test."""
    folder = tmp_path / "patterns"
    shutil.copytree(patterns_dir(), folder)
    _clear_caches()
    monkeypatch.setenv(PATTERNS_ENV, str(folder))
    yield folder
    monkeypatch.undo()
    _clear_caches()


def _corrupt(folder: Path, name: str, change: Callable[[Any], Any]) -> None:
    path = folder / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = change(data) or data
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set(path: tuple, value: Any) -> Callable[[Any], None]:
    def change(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return change


def _drop(path: tuple) -> Callable[[Any], None]:
    def change(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return change


def _duplicate_first_id(key: str) -> Callable[[Any], None]:
    def change(data):
        data[key][1]["id"] = data[key][0]["id"]
    return change


# (case id, file, change to the parsed file); loading must raise RuleFileError naming the file.
BROKEN = [
    ("periods-rule-without-pattern", "periods", _drop(("rules", 0, "pattern"))),
    ("modality-rule-without-id", "modality", _drop(("rules", 0, "id"))),
    ("headings-bad-regex", "headings", _set(("rules", 0, "pattern"), "^第[一二三(")),
    ("deadlines-bad-regex-in-template", "deadlines", _set(("rules", 0, "pattern"), "{month}月(?P<day>")),
    ("clauses-bad-regex", "clauses", _set(("sentence_end",), "[。！")),
    ("roles-bad-body-regex", "roles", _set(("bodies", 0, "pattern"), "机关党委(")),
    ("numbers-bad-unit-lookahead", "numbers", _set(("units", 0, "not_followed_by"), "(?:次")),
    ("conditions-version-2", "conditions", _set(("version",), 2)),
    ("tables-no-version", "tables", _drop(("version",))),
    ("labels-version-2", "labels", _set(("version",), 2)),
    ("noise-not-a-mapping", "noise", lambda data: ["noise.url"]),
    ("genres-duplicate-id", "genres", _duplicate_first_id("titles")),
    ("roles-missing-name-part", "roles", _drop(("parts", "name"))),
    ("roles-missing-offices", "roles", _drop(("offices",))),
    ("actors-missing-hands-over", "actors", _drop(("hands_over",))),
    ("actions-missing-verbs", "actions", _drop(("verbs",))),
    ("deadlines-missing-festivals", "deadlines", _drop(("festivals",))),
    # A required item key of a lexicon that is not read through rules._rules:
    ("roles-body-without-pattern", "roles", _drop(("bodies", 0, "pattern"))),
    ("roles-meeting-without-holder", "roles", _drop(("meetings", 0, "holder"))),
    ("numbers-comparator-without-before", "numbers", _drop(("comparators", 0, "before"))),
    ("deadlines-festival-without-name", "deadlines", _drop(("festivals", 0, "name"))),
    ("labels-missing-column", "labels", _drop(("columns", "actor"))),
]
# Known gaps of the loader: case id -> what it raises instead.
BROKEN_XFAIL: dict = {
}


def _load_all() -> None:
    get_rules()
    role_model()
    labels()


@pytest.mark.parametrize("name, change", [
    pytest.param(name, change, id=case_id, marks=[
        pytest.mark.xfail(strict=True, raises=BROKEN_XFAIL[case_id][0], reason=BROKEN_XFAIL[case_id][1])]
        if case_id in BROKEN_XFAIL else [])
    for case_id, name, change in BROKEN])
def test_broken_file_is_named(patterns_copy: Path, name: str, change):
    _corrupt(patterns_copy, name, change)
    with pytest.raises(RuleFileError) as info:
        _load_all()
    assert f"{name}.yml" in str(info.value)


def test_copy_loads(patterns_copy: Path):
    """The fixture itself: an unchanged copy loads, from the copy."""
    _load_all()
    assert patterns_dir() == patterns_copy


def test_broken_xfail_entries_name_cases():
    assert sorted(set(BROKEN_XFAIL) - {case_id for case_id, _, _ in BROKEN}) == []


# ------------------------------------------------------------- no Chinese in the code

HAN = regex.compile(r"\p{Han}")
SOURCES = sorted(p.relative_to(SRC.parent).as_posix()
                 for p in [*SRC.rglob("*.py"), *(SRC.parent / "scripts").glob("*.py")])
# Files known to spell Chinese: path -> where. Remove an entry once the file is clean.
SOURCE_XFAIL: dict = {
}


@pytest.mark.parametrize("source", [
    pytest.param(s, id=s, marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=SOURCE_XFAIL[s])] if s in SOURCE_XFAIL else [])
    for s in SOURCES])
def test_source_spells_no_chinese(source: str):
    text = (SRC.parent / source).read_text(encoding="utf-8")
    lines = [f"{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if HAN.search(line)]
    assert lines == []


def test_source_xfail_entries_name_files():
    assert sorted(set(SOURCE_XFAIL) - set(SOURCES)) == []


def test_a_new_patterns_folder_is_read_afresh(patterns_copy: Path):
    """Answers cached per text are dropped with the rules they came from: a count unit removed
    from a copy of numbers.yml stops being read from a clause that was read before."""
    from extract.pipeline import extract_text

    clause = "党支部书记每年讲党课不少于2次。"
    monkey_env = os.environ.pop(PATTERNS_ENV)
    _clear_caches()
    try:
        before = extract_text(clause)
    finally:
        os.environ[PATTERNS_ENV] = monkey_env
    assert before and before[0].frequency.unit == "次"

    def drop_unit(data):
        data["units"] = [u for u in data["units"] if u["unit"] != "次"]
    _corrupt(patterns_copy, "numbers", drop_unit)
    _clear_caches()
    after = extract_text(clause)
    assert not after or after[0].frequency is None or after[0].frequency.unit != "次"


def test_dictionary_verbs_file_matches_the_installed_jieba():
    """patterns/dictionary_verbs.txt is jieba's verb list, saved so start-up need not read its
    5 MB dictionary; after a jieba upgrade, `python scripts/dictionary_verbs.py` writes it again."""
    from extract.normalize.verbs import VERBS_FILE, derive_dictionary_verbs, dictionary_verbs

    assert (patterns_dir() / VERBS_FILE).exists()
    assert dictionary_verbs() == derive_dictionary_verbs()


def test_dictionary_verbal_nouns_file_matches_the_installed_jieba():
    """patterns/dictionary_verbal_nouns.txt is jieba's list of verbal nouns (储备, 审计), saved for the
    same reason; `python scripts/dictionary_verbs.py` writes it again."""
    from extract.normalize.verbs import VERBAL_NOUNS_FILE, derive_dictionary_verbal_nouns, dictionary_verbal_nouns

    assert (patterns_dir() / VERBAL_NOUNS_FILE).exists()
    assert dictionary_verbal_nouns() == derive_dictionary_verbal_nouns()


def test_dictionary_nouns_file_matches_the_installed_jieba():
    """patterns/dictionary_nouns.txt is jieba's list of suffixed nouns (联系点, 培训班), saved for the
    same reason; `python scripts/dictionary_verbs.py` writes it again."""
    from extract.normalize.verbs import NOUNS_FILE, derive_dictionary_nouns, dictionary_nouns

    assert (patterns_dir() / NOUNS_FILE).exists()
    assert dictionary_nouns() == derive_dictionary_nouns()
