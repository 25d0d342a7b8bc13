"""The characters every match of a pattern must contain (extract.literals), and that no rule is
skipped on a text it matches."""
from __future__ import annotations

import pytest

from extract.literals import required_chars
from extract.rules import get_rules

# (id, pattern, the characters every match contains)
PATTERNS = [
    ("plain-word", "党委书记", ("书", "党", "委", "记")),
    ("optional-part", "(?:每)?季度", ("季", "度")),
    ("optional-char", "年底前?", ("年", "底")),
    ("branches-share", "(?:上半年|下半年)", ("半", "年")),
    ("branches-share-nothing", "(?:年底|月末)", ()),
    ("repeat-at-least-once", "(?:一|二)+次", ("次",)),
    ("repeat-maybe-never", "[0-9]*次?", ()),
    ("one-char-class", "[月]份", ("份", "月")),
    ("wide-class", "[月日]", ()),
    ("lookbehind-is-no-need", "(?<!每)年底", ("年", "底")),
    ("month-template", "(?:19|20)?\\d\\d?月(?P<day>\\d+)日前", ("前", "日", "月")),
    # what Python's parser cannot read as the regex module does gives nothing: the rule always runs
    ("unicode-property", "\\p{Han}+月", ()),
    ("set-operation", "[\\d&&[^0]]月", ()),
    ("nested-set", "[[月日]]份", ()),
    ("ignore-case", "(?i)ab", ()),
]


@pytest.mark.parametrize("pattern, chars", [pytest.param(p, c, id=i) for i, p, c in PATTERNS])
def test_required_chars(pattern: str, chars: tuple):
    assert required_chars(pattern) == tuple(sorted(chars))


def _families():
    rules = get_rules()
    for family in ("deadlines", "deadline_lists", "festivals", "periods", "modality", "conditions",
                   "titles", "sections", "headings", "noise"):
        for rule in getattr(rules, family):
            yield family, rule


def test_every_needed_char_is_in_every_match_of_the_rule_examples():
    """Soundness on real text: wherever a rule's pattern matches a pattern-file example, the
    characters it is said to need are in the match."""
    from extract.rules import load_yaml

    texts = set()
    for name in ("deadlines", "periods", "actors", "modality", "conditions", "genres", "headings", "noise",
                 "numbers", "actions", "clauses"):
        data = load_yaml(name)
        for value in data.values():
            for item in value if isinstance(value, list) else []:
                for ex in (item.get("examples") or []) if isinstance(item, dict) else []:
                    texts.add(ex["text"] if isinstance(ex, dict) else ex)
        for ex in data.get("examples") or []:
            texts.add(ex["text"] if isinstance(ex, dict) else ex)
    checked = 0
    for family, rule in _families():
        for text in texts:
            for m in rule.pattern.finditer(text):
                checked += 1
                assert all(ch in m.group() for ch in rule.needs) or m.end() == m.start(), (rule.id, text)
    assert checked > 100


def test_most_lexicon_rules_get_a_cheap_test():
    """Dates and festivals are written as words: nearly all of them should get characters."""
    rules = get_rules()
    for family in ("deadlines", "festivals"):
        with_needs = sum(1 for r in getattr(rules, family) if r.needs)
        assert with_needs >= 0.8 * len(getattr(rules, family)), family


def test_may_match():
    rule = next(r for r in get_rules().festivals if r.needs)
    assert rule.may_match("".join(rule.needs))
    assert not rule.may_match("")
    assert list(rule.finditer("")) == []
    assert [m.group() for m in rule.finditer(rule.values.get("name", "") or "".join(rule.needs))] == \
        [m.group() for m in rule.pattern.finditer(rule.values.get("name", "") or "".join(rule.needs))]
