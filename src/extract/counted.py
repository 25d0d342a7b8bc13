"""Lists of counts under one verb: the parts of a split clause that share what the first says.

A report lists results after one verb (built 3 squares, 12 trails, 2 canteens; found 86 problems
in towns, 433 in villages): each later part that has no verb of its own is read with what it
shares with the part before it, so every count gets its own record with a whole action.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from .items import Item, action_text, anchors
from .normalize import canonical_action, find_deadlines, first_verb, has_any_verb, starts_with_verb, subject_actor
from .normalize.verbs import dictionary_verbs
from .rules import get_rules, load_yaml, rule_cache


def shared_verb(items: list[Item]) -> list[Item]:
    """The items of one clause, each later part without a verb of its own taking from the part
    before it what they share; offsets stay on the clause, the text may differ from it.

    A part that only names an administrative level (numbers.yml `breakdown`) breaks down the
    same result: it takes the whole action, and the first part drops its level. A part whose
    noun shares its head with the end of the first takes all but that end; any other part takes
    the verb. An activity noun keeps the verb it takes (actions.yml `activity_verbs`), and a part
    with a date or a period of its own is left as it is."""
    if len(items) < 2:
        return items
    out = list(items)
    source: Optional[tuple[int, str]] = None
    for n, item in enumerate(items):
        count = item.counts[0] if len(item.counts) == 1 else None
        if count is None or item.deadlines:
            source = None
            continue
        if source is None or first_verb(item.text) < count.start:
            base = action_text(item, subject_actor(item.text, first_verb(item.text)), None)
            source = (n, base) if has_any_verb(base) else None
            continue
        noun = canonical_action(item.text[: count.start] + item.text[count.end:])
        if not noun or _light_noun(noun) or item.periods:
            continue
        at, base = source
        first = out[at]
        prefix = _drop_level(base) if _breakdown().fullmatch(noun) else None
        if prefix:
            out[n] = _with_text(item, _raw_lead(first, prefix) + item.text[count.start: count.end])
            own = _breakdown_end().search(first.text[: first.counts[0].start]) if first.counts else None
            if own and own.start() > 0:
                out[at] = _with_text(first, first.text[: own.start()] + first.text[own.end():])
            continue
        out[n] = _with_text(item, _raw_lead(first, _shared_part(base, noun)) + item.text)
    return out


def _raw_lead(item: Item, shared: str) -> str:
    """The words of `item` from after its subject to the end of what a later part shares with it
    (adverbs and aspect marks included: already, in all), or the shared words alone when they
    are not found as written or when a date stands among them."""
    subject = subject_actor(item.text, first_verb(item.text))
    start = subject.end if subject else 0
    at = item.text.find(shared, start)
    if not shared or at < 0:
        return shared
    lead = item.text[start: at + len(shared)]
    return shared if find_deadlines(lead) else lead


def _shared_part(base: str, noun: str) -> str:
    """What a verbless part takes from the action before it: all but the end that shares the
    part's head noun (two characters or more), else the leading verb."""
    head = 0
    while head < min(len(base), len(noun)) and base[-1 - head] == noun[-1 - head]:
        head += 1
    if head >= 2 and len(base) > len(noun):
        kept = base[: len(base) - len(noun)]
        if has_any_verb(kept) or starts_with_verb(kept):
            return kept
    return _through_verb(base)


def leading_verb(action: str) -> str:
    """The run of verbs an action opens with (visit and call on), each of the lexicon or, failing
    it, one of the segmenter's two-character verbs."""
    return action[: _verb_run_end(action, 0)]


def _verb_run_end(text: str, at: int) -> int:
    start = get_rules().actions["verb_start"]
    verbs = dictionary_verbs()
    while at < len(text):
        m = start.match(text[at:])
        if m:
            at += m.end()
        elif text[at: at + 2] in verbs:
            at += 2
        else:
            break
    return at


def _through_verb(action: str) -> str:
    """The action up to the end of its first run of verbs (a subject the lexicon does not know may
    stand before it); empty when it has none."""
    first = first_verb(action)
    if first >= len(action):
        verbs = dictionary_verbs()
        first = next((i for i in range(len(action) - 1) if action[i: i + 2] in verbs), len(action))
    end = _verb_run_end(action, first)
    return action[:end] if end > first else ""


def _drop_level(base: str) -> Optional[str]:
    """The action without the level it ends with, when a verb and its object remain."""
    m = _breakdown_end().search(base)
    if not m:
        return None
    kept = base[: m.start()]
    return kept if kept and not _ends_with_verb(kept) else None


def _ends_with_verb(text: str) -> bool:
    """The text ends with its verb (no object before the level): by the lexicon where it knows the
    word, which reads it in context (a branch's organisation is no verb), else by the dictionary."""
    tail = text[-2:]
    verbs = get_rules().actions["verbs"]
    if verbs.fullmatch(tail):
        return any(m.end() == len(text) for m in verbs.finditer(text))
    return tail in dictionary_verbs() or bool(verbs.search(text[-1:]))


def _with_text(item: Item, text: str) -> Item:
    """The item read from another text (a verb it shares prepended), keeping its place in the clause."""
    return replace(anchors(text, item.start), end=item.end)


def _light_noun(noun: str) -> bool:
    return any(noun.endswith(n) for n, _ in get_rules().activity_verbs)


@rule_cache(maxsize=1)
def _breakdown() -> regex.Pattern:
    """An administrative level a result is broken down by (numbers.yml `breakdown`)."""
    return regex.compile(load_yaml("numbers")["breakdown"], regex.V1)


@rule_cache(maxsize=1)
def _breakdown_end() -> regex.Pattern:
    return regex.compile(f"(?:{load_yaml('numbers')['breakdown']})$", regex.V1)


def borrowed_action(previous: str, noun: str) -> Optional[str]:
    """The action a verbless clause of a count takes from the action of the duty before it in
    its sentence (433 in villages, after 86 in towns): the whole action without its level when the clause
    only names a level, else what the two share (`_shared_part`); None when the previous action
    has no verb. For duties.py `_borrow`, whose lexicon-only verb match misses these."""
    if not has_any_verb(previous):
        return None
    if _breakdown().fullmatch(noun):
        return _drop_level(previous) or previous
    shared = _shared_part(previous, noun)
    return canonical_action(shared + noun) if shared else None
