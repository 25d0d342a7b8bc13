"""Items of a clause and the phrases read from them.

A clause splits into items at list marks when two or more parts carry their own
count or date; roles with their own periods share one predicate; a verbless item
borrows what it lacks. Also the count a clause asks for (with a comparator that may
stand before its verb), its trigger, and the action left when the values are cut.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

import regex

from .normalize import (ActorHit, Count, canonical_action, change_verb, find_actors, find_counts, find_deadlines,
                        find_periods, first_verb, has_any_verb, starts_with_verb)
from .normalize.verbs import dictionary_verbal_nouns, dictionary_verbs
from .rules import get_rules, load_yaml, rule_cache
from .spans import Taken

QUOTES = regex.compile(r"“[^”]*”|《[^》]*》|（[^）]*）")


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    text: str
    counts: tuple
    periods: tuple
    deadlines: tuple
    verbless_end: int = 0


def anchors(text: str, offset: int) -> Item:
    deadlines = tuple(find_deadlines(text))
    periods = tuple(find_periods(text))
    taken = Taken([(d.start, d.end) for d in deadlines] + [(p.start, p.end) for p in periods])
    counts = [c for c in find_counts(text) if not taken.overlaps(c.start, c.end)]
    attributive = _attributive()
    counts = [c for n, c in enumerate(counts) if n == len(counts) - 1 or not attributive.match(text, c.end)]
    return Item(offset, offset + len(text), text, tuple(counts), periods, deadlines)


@rule_cache(maxsize=1)
def _attributive() -> regex.Pattern:
    """A count that modifies the noun after it (numbers.yml `attributive_after`)."""
    return regex.compile(load_yaml("numbers")["attributive_after"], regex.V1)


def split_items(text: str) -> list[Item]:
    """Split a clause at 、 when two or more of its parts carry their own count or date (the first
    with a verb, or every part counted and listed with the list mark: a list of counted results).
    A part with only a period word is no duty of its own when another part has no period: the
    period scopes the count after it (half-yearly, gather activists and candidates for study once).
    Offsets are relative to the clause."""
    rules = get_rules().clauses
    masked = QUOTES.sub(lambda m: "\x00" * len(m.group()), text)
    seps = list(rules["item_sep"].finditer(masked))
    whole = anchors(text, 0)
    if not seps or len(whole.counts) + len(whole.deadlines) + sum(1 for p in whole.periods if p.period) < 2:
        return [whole]
    bounds = [0] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [len(text)]
    parts = [anchors(text[s:e], s) for s, e in zip(bounds, ends)]
    anchored = [p for p in parts if p.counts or p.deadlines or (p.periods and p.periods[0].period)]
    if any(not (p.counts or p.deadlines) for p in anchored) and \
            any(not (p.periods and p.periods[0].period) for p in anchored):
        anchored = [p for p in anchored if p.counts or p.deadlines]
    if len(anchored) < 2:
        return [whole]
    if first_verb(anchored[0].text) >= len(anchored[0].text) and not _dictionary_verbal(anchored[0]) \
            and not (all(p.counts for p in parts) and all(m.group() == "\u3001" for m in seps)):
        return parts if all(_role_with_period(p) for p in parts) else [whole]
    groups: list[list[Item]] = []
    pending: list[Item] = []
    marked = {id(p) for p in anchored}
    for p in parts:
        pending.append(p)
        if id(p) in marked:
            groups.append(pending)
            pending = []
    if pending:
        groups[-1].extend(pending)
    return [g[0] if len(g) == 1 else anchors(text[g[0].start:g[-1].end], g[0].start) for g in groups]


def _dictionary_verbal(item: Item) -> bool:
    """A verb of the segmenter's dictionary before the item's first count (a report's open class),
    outside its period words, dates and role names (the whole year + preside over + the study sessions +
    11 times; the organisation department + with 90 units is no verb)."""
    if not item.counts:
        return False
    head = list(item.text[: item.counts[0].start])
    spans = [(h.start, h.end) for h in item.deadlines + item.periods] + [(h.start, h.end) for h in find_actors(item.text)]
    for start, end in spans:
        head[start:end] = "\x00" * len(head[start:end])
    return has_any_verb("".join(head))


def choose_count(item: Item) -> Optional[Count]:
    if not item.counts:
        return None
    verb = first_verb(item.text)
    after = [c for c in item.counts if c.start >= verb]
    if after:
        return after[0]
    return item.counts[-1]


_PUNCT_NEXT = regex.compile(r"\p{P}")


def float_comparator(item: Item, count: Count) -> Count:
    """A comparator may stand before the verb ("at least" + verb + count): it still bounds the count.
    One that ends its phrase (a punctuation mark after it: a shortage named, then other things and
    a count) is an adjective, no bound."""
    if count.rule not in ("num.exact",):
        return count
    head = item.text[: count.start]
    for prev in item.counts:
        if prev.end <= count.start and prev is not count:
            head = item.text[prev.end: count.start]
    for rule in get_rules().comparators:
        if rule.values["bound"] not in ("min", "max"):
            continue
        if any(not _PUNCT_NEXT.match(head, m.end()) for m in rule.pattern.finditer(head)):
            if rule.values["bound"] == "min":
                return Count(count.start, count.end, count.min, None, count.unit, count.placeholder, rule.id)
            return Count(count.start, count.end, None, count.max, count.unit, count.placeholder, rule.id)
    return count


@rule_cache(maxsize=1)
def _floating() -> regex.Pattern:
    return regex.compile(load_yaml("numbers")["floating_comparators"], regex.V1)


@rule_cache(maxsize=1)
def verbal_comparators() -> regex.Pattern:
    """Comparators that are verbs as well (numbers.yml `verbal_comparators`)."""
    return regex.compile(load_yaml("numbers")["verbal_comparators"], regex.V1)


def read_count(text: str) -> Optional[Count]:
    """The count a clause asks for, with a comparator that may stand before its verb."""
    item = anchors(text, 0)
    count = choose_count(item)
    return float_comparator(item, count) if count is not None else None


@rule_cache(maxsize=None)
def _cue(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.V1)


def read_condition(text: str) -> Optional[tuple[str, str]]:
    """(trigger, rule id) when the clause is the trigger of a conditional duty."""
    for rule in get_rules().conditions:
        m = rule.pattern.search(text)
        if not m:
            continue
        cue = rule.values.get("requires_cue")
        if cue and not _cue(cue).search(text):
            continue
        return m.group("trigger"), rule.id
    return None


def read_failure(text: str) -> Optional[tuple[int, int, str]]:
    """(start, end, rule id) of the duty a penalised failure names (conditions.yml `failures`)."""
    for rule in get_rules().failures:
        m = rule.pattern.search(text)
        if m:
            return m.start("duty"), m.end("duty"), rule.id
    return None


def action_text(item: Item, subject: Optional[ActorHit], count: Optional[Count],
                keep: Optional[regex.Pattern] = None) -> str:
    """The action left when subject, values and comparators are cut; `keep` marks words to leave
    in place even inside a cut (a comparator that is the clause's only verb). What stands before
    an agent marked as such (a deadline + by the branch + file) follows the verb, without its
    values."""
    values = [(p.start, p.end) for p in item.periods] + [(d.start, d.end) for d in item.deadlines]
    values += [(c.start, c.end) for c in item.counts]
    starts = {c.start for c in item.counts}
    floating = _floating()
    for rule in get_rules().comparators:
        values += [(m.start(), m.end()) for m in rule.pattern.finditer(item.text)
                   if m.end() in starts or floating.fullmatch(m.group())]
    kept = {i for m in keep.finditer(item.text) for i in range(m.start(), m.end())} if keep else set()
    cut = {i for s, e in values for i in range(max(0, s), min(len(item.text), e))} - kept
    patient = ""
    if subject is not None:
        lead = item.text[: subject.start]
        if get_rules().actor_subject_marker.search(lead) and len(lead) > 2:
            patient = "".join(ch for i, ch in enumerate(lead[:-1]) if i not in cut)
        cut |= set(range(0, subject.end)) - kept
    action = canonical_action("".join(ch for i, ch in enumerate(item.text) if i not in cut) + patient)
    verb = change_verb(item.text, count) if count is not None else None
    if not verb or not action:
        return action
    return canonical_action(verb + get_rules().actions["trailing_adverbs"].sub("", action))


def only_actors(text: str) -> Optional[str]:
    """A fragment that only names roles (an OCR-broken subject) is the subject of the next sentence."""
    hits = find_actors(text)
    if not hits:
        return None
    starts = [0] + [h.end for h in hits]
    ends = [h.start for h in hits] + [len(text)]
    rest = "".join(text[s:e] for s, e in zip(starts, ends) if e > s)
    return hits[0].canonical if not get_rules().clauses["connectors"].sub("", rest) else None


def distributed(items: list[Item]) -> list[tuple[Item, Optional[Item]]]:
    """Roles with their own periods sharing one predicate (A every quarter, B every month at least
    once ...) give one duty per role: each part borrows the predicate of the last part."""
    if len(items) < 2:
        return [(it, None) for it in items]
    last = items[-1]
    if not all(_role_with_period(it) for it in items):
        return [(it, None) for it in items]
    cut = max(p.end for p in last.periods if p.period)
    if first_verb(last.text) < cut and not last.counts:
        return [(it, None) for it in items]
    shared = Item(last.start, last.end, last.text, tuple(c for c in last.counts if c.start >= cut), (), (), cut)
    return [(it, shared if it is not last else None) for it in items]


def _role_with_period(item: Item) -> bool:
    hits = find_actors(item.text)
    return bool(hits) and hits[0].start == 0 and any(p.period for p in item.periods)


def shift_count(count: Count, offset: int) -> Count:
    return Count(count.start + offset, count.end + offset, count.min, count.max, count.unit,
                 count.placeholder, count.rule)


def has_anchor(text: str) -> bool:
    return bool(find_counts(text) or find_deadlines(text) or any(p.period for p in find_periods(text)))


@rule_cache(maxsize=1)
def _topical() -> regex.Pattern:
    verbs = get_rules().actions["topical_verbs"].pattern
    return regex.compile(rf"^(?P<np>[^，。；]{{2,24}}?)(?P<verb>{verbs})$", regex.V1)


@rule_cache(maxsize=1)
def _coordinated() -> regex.Pattern:
    conj = get_rules().actions["coordination"].pattern
    item = rf"(?:“[^”]+”|(?:(?!{conj})[^“”，])" + "{2,10})"
    return regex.compile(rf"^(?P<a>{item})(?:{conj})(?P<b>{item})$", regex.V1)


def reorder(action: str) -> str:
    """A topicalised object (object + adverbs + verb) reads as verb + object."""
    m = _topical().match(action)
    if not m or (starts_with_verb(m.group("np")) and not _verbal_compound(m.group("np"))):
        return action
    np = canonical_action(get_rules().actions["trailing_adverbs"].sub("", m.group("np")))
    return m.group("verb") + np if np else action


def _verbal_compound(np: str) -> bool:
    """A name of an activity made of two-character verbs only (talks and heart-to-heart talks, focused
    study): the object of a light verb, not a verb governing what follows it."""
    verbs, nouns, listed = dictionary_verbs(), dictionary_verbal_nouns(), get_rules().actions["verbs"]
    return len(np) % 2 == 0 and 4 <= len(np) <= 8 and all(
        w in verbs or w in nouns or listed.fullmatch(w) for w in (np[i:i + 2] for i in range(0, len(np), 2)))


def split_objects(cand):
    """One verb with two coordinated activity names is two duties: one record per object; so are
    any two objects a distributive word before the count shares out (a safety check and an
    integrity check, one each). The first object takes the head noun the second ends with when it
    names only whose it is (a training class for cadres and one for activists)."""
    action, each = cand.action, False
    tail = _distributive_tail().search(action)
    if tail:
        action, each = action[: tail.start()], True
    v = get_rules().actions["verb_start"].match(action)
    m = _coordinated().match(action[v.end():]) if v else None
    if not m or not (each or m.group("a").startswith("“") or m.group("b").startswith("“")
                     or _same_kind(m.group("a"), m.group("b"))):
        return [cand] if not each else [replace(cand, action=action)]
    verb, a, b = v.group(), m.group("a"), m.group("b")
    if each:
        a = a + _shared_head(a, b)
    first = replace(cand, action=verb + a, rules=cand.rules + ["action.split_objects"])
    second = replace(cand, action=verb + b, rules=cand.rules + ["action.split_objects"])
    return [first, second]


@rule_cache(maxsize=1)
def _distributive_tail() -> regex.Pattern:
    """A distributive word (actions.yml `topic_distributive`) left at the end of an action."""
    return regex.compile(f"(?:{load_yaml('actions')['topic_distributive']})$", regex.V1)


def _shared_head(a: str, b: str) -> str:
    """The head noun `a` shares with `b` when `a` is only a role and `b` a role and a noun."""
    from .normalize.roles import find_mentions

    first, second = find_mentions(a), find_mentions(b)
    if len(first) == 1 and first[0].start == 0 and first[0].end == len(a) and second and second[0].start == 0 \
            and len(b) - second[0].end >= 2:
        return b[second[0].end:]
    return ""


def _same_kind(a: str, b: str) -> bool:
    """Two meeting or activity names coordinate as separate duties (roles.yml meetings count)."""
    ends = get_rules().actions["activity_ends"]
    return bool((ends.search(a) or _meeting(a)) and (ends.search(b) or _meeting(b)))


def _meeting(text: str) -> bool:
    from .normalize.roles import find_mentions

    hits = find_mentions(text)
    return len(hits) == 1 and hits[0].kind == "meeting" and hits[0].end - hits[0].start == len(text)
