"""What a clause and each of its items say on their own, read once per distinct text.

Everything here is a pure function of the text (offsets relative to the clause):
the items it splits into, its trigger, and for each item the count, the period
and date words, the subject, the modality marks, the action and the filters a
duty must pass. The duty rules (duties.py) add what the sentence around them
carries. Lists repeat their clauses across units, sections and years, so each
distinct clause is read once and its facts serve every place it stands.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Optional

import regex

from .items import (QUOTES, Item, action_text, anchors, choose_count, distributed, float_comparator, has_anchor,
                    only_actors, read_condition, read_failure, reorder, shift_count, split_items,
                    verbal_comparators)
from .normalize import (ActorHit, Count, PeriodHit, find_actors, first_verb, governed_actor, has_any_verb,
                        has_verb, modality_marks, subject_actor)
from .rules import RuleFileError, get_rules, load_yaml, rule_cache

_HAN = regex.compile(r"\p{Han}")
# The non-duty patterns of clauses.yml read on an item, and those read on a whole sentence.
ITEM_MARKS = ("issue_date", "dateline", "score", "rise", "formula", "stock", "purpose_tail")
SENTENCE_MARKS = ("byline", "page_chrome", "form_fields")


@rule_cache(maxsize=1)
def non_duty_patterns() -> dict[str, regex.Pattern]:
    """clauses.yml `non_duty`, compiled; `item` and `sentence` are gates, one search for all of a kind."""
    found = load_yaml("clauses").get("non_duty")
    if not isinstance(found, dict):
        raise RuleFileError("patterns/clauses.yml: missing mapping `non_duty`")
    out = {}
    for name, pattern in found.items():
        try:
            out[name] = regex.compile(pattern, regex.V1)
        except regex.error as exc:
            raise RuleFileError(f"patterns/clauses.yml non_duty.{name}: bad pattern {pattern!r}: {exc}") from exc
    for gate, names in (("item", ITEM_MARKS), ("sentence", SENTENCE_MARKS)):
        missing = [n for n in names if n not in out]
        if missing:
            raise RuleFileError(f"patterns/clauses.yml non_duty: missing {', '.join(missing)}")
        out[gate] = regex.compile("|".join(f"(?:{found[n]})" for n in names), regex.V1)
    return out


def non_duty_marks(text: str, kind: str) -> frozenset[str]:
    """The non-duty patterns (`item` or `sentence` ones) the text matches."""
    patterns = non_duty_patterns()
    if not patterns[kind].search(text):
        return frozenset()
    return frozenset(n for n in (ITEM_MARKS if kind == "item" else SENTENCE_MARKS) if patterns[n].search(text))


@dataclass(frozen=True)
class ClauseFacts:
    """A clause read on its own: penalty, trigger, continuation, a bare role, and its items."""

    penalty: bool
    trigger: Optional[str]
    continues: bool
    names_only: Optional[str]
    items: tuple[ItemFacts, ...]
    failure: Optional[tuple[ItemFacts, Optional[ActorHit], str]] = None
    trigger_rule: Optional[str] = None


@rule_cache()
def clause_facts(text: str) -> ClauseFacts:
    """The facts of one clause text; item offsets are relative to the clause."""
    cr = get_rules().clauses
    penalty = bool(cr["penalty"].search(text))
    found = None if penalty else read_condition(text)
    continues = bool(cr["continuation_starts"].search(text)) and not has_anchor(text)
    items = tuple(ItemFacts(joined(item, shared), shared is not None)
                  for item, shared in distributed(split_items(text)))
    return ClauseFacts(penalty, found[0] if found else None, continues, only_actors(text), items,
                       _failure(text) if found else None, found[1] if found else None)


def _failure(text: str) -> Optional[tuple[ItemFacts, Optional[ActorHit], str]]:
    """The duty a trigger names by the failure it describes (conditions.yml `failures`): its item,
    the subject of the whole clause, and the rule id."""
    found = read_failure(text)
    if found is None:
        return None
    start, end, rule = found
    return ItemFacts(anchors(text[start:end], start), False), subject_actor(text, first_verb(text)), rule


def joined(item: Item, shared: Optional[Item]) -> Item:
    """An item that borrows the predicate another part of its clause shares with it."""
    if shared is None:
        return item
    tail = shared.text[shared.verbless_end:]
    counts = item.counts + tuple(shift_count(c, len(item.text) - shared.verbless_end) for c in shared.counts)
    return replace(item, text=item.text + tail, counts=counts)


class ItemFacts:
    """The values and filters of one item (offsets relative to its clause), each computed when first
    asked for; `shares` when it borrows the predicate of the clause's last item."""

    def __init__(self, item: Item, shares: bool):
        self.item = item
        self.shares = shares
        self.text = item.text

    @cached_property
    def own_period(self) -> Optional[PeriodHit]:
        return next((p for p in reversed(self.item.periods) if p.period), None)

    @cached_property
    def null_period(self) -> bool:
        return any(p.period is None for p in self.item.periods)

    @cached_property
    def count(self) -> Optional[Count]:
        count = choose_count(self.item)
        return float_comparator(self.item, count) if count is not None else None

    @cached_property
    def verb_at(self) -> int:
        return first_verb(self.text)

    @cached_property
    def subject(self) -> Optional[ActorHit]:
        return subject_actor(self.text, self.verb_at)

    @cached_property
    def governed(self) -> bool:
        return governed_actor(self.text)

    @cached_property
    def marks(self) -> dict[str, tuple[str, bool]]:
        return modality_marks(self.text)

    @cached_property
    def strong(self) -> bool:
        return "obligation" in self.marks and self.marks["obligation"][1]

    @cached_property
    def short(self) -> bool:
        """Fewer than three Chinese characters: too little to be a duty without a count."""
        return len(_HAN.findall(self.text)) < 3

    @cached_property
    def plain(self) -> str:
        return QUOTES.sub("", self.text)

    @cached_property
    def plain_verbal(self) -> bool:
        return has_any_verb(self.plain)

    @cached_property
    def goal(self) -> bool:
        """A goal or purpose clause (clauses.yml `goal_starts`) after the first clause."""
        rules = get_rules()
        if rules.clauses["goal_starts"].search(rules.actions["leading"].sub("", self.text)):
            return True
        purpose = rules.clauses["purpose_starts"].match(self.text)
        return bool(purpose) and not any(purpose.end() <= h.start <= purpose.end() + 2 for h in find_actors(self.text))

    @cached_property
    def framing(self) -> bool:
        """A clause that frames what follows rather than asking for it (clauses.yml `framing*`)."""
        cr = get_rules().clauses
        if cr["framing_ends"].search(self.text):
            return True
        return bool(cr["framing"].search(self.text)
                    and first_verb(cr["framing"].sub("", self.text)) >= len(self.text) - 2)

    @cached_property
    def statement(self) -> bool:
        return bool(get_rules().clauses["statement"].search(self.text))

    @cached_property
    def non_duty(self) -> frozenset[str]:
        """The non-duty patterns of clauses.yml the item matches (a score, an issue date ...)."""
        return non_duty_marks(self.text, "item")

    @cached_property
    def _action(self) -> tuple[str, Optional[ActorHit], tuple[str, ...]]:
        """(action, the subject it keeps, rules): a ratio noun or a topicalised object is no subject,
        and a comparator that is the only verb (numbers.yml `verbal_comparators`) stays."""
        actions = get_rules().actions
        subject = self.subject
        own = subject if subject and subject.start <= self.verb_at else None
        rules: list[str] = []
        if own is not None and actions["ratio_nouns"].match(self.text[own.end:]):
            own = subject = None
        cut = own
        action = action_text(self.item, own, self.count)
        if own is not None and len(action) < 2:
            cut = None
            action = action_text(self.item, None, self.count)
        if not has_verb(action):
            spoken = action_text(self.item, cut, self.count, keep=verbal_comparators())
            if has_verb(spoken):
                action = spoken
                rules.append("action.verbal_comparator")
        if own is not None and actions["topical_verbs"].fullmatch(action):
            action = action + self.text[own.start:own.end]
            subject = None
            rules.append("action.topicalised_object")
        return reorder(action), subject, tuple(rules)

    @property
    def action(self) -> str:
        return self._action[0]

    @property
    def kept_subject(self) -> Optional[ActorHit]:
        """The subject after the action is read: none when it was a ratio noun or a topicalised object."""
        return self._action[1]

    @property
    def subject_dropped(self) -> bool:
        return self.subject is not None and self._action[1] is None

    @property
    def action_rules(self) -> tuple[str, ...]:
        return self._action[2]

    @cached_property
    def action_has_verb(self) -> bool:
        return has_verb(self.action)

    @cached_property
    def action_verbal(self) -> bool:
        return has_any_verb(self.action)
