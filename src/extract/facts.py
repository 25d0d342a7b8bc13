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
from .lazy import cached_property
from typing import Optional

import regex

from .counted import shared_verb
from .items import (QUOTES, Item, action_text, anchors, choose_count, distributed, float_comparator, has_anchor,
                    only_actors, read_condition, read_failure, reorder, shift_count, split_items,
                    verbal_comparators)
from .normalize.roles import find_mentions, read_mention
from .normalize.actors import marked_agent
from .normalize import (ActorHit, Count, PeriodHit, canonical_action, find_actors, first_verb, governed_actor, has_any_verb,
                        has_verb, modality_marks, subject_actor)
from .normalize.verbs import dictionary_verbs, has_verbal_noun
from .topics import bare_verb
from .rules import RuleFileError, get_rules, load_yaml, rule_cache

_HAN = regex.compile(r"\p{Han}")
# the quotation marks around a name (its words stay): a verb's object may be quoted
_QUOTE_MARKS = regex.compile("[\u201c\u201d\u300a\u300b]")
# The non-duty patterns of clauses.yml read on an item, and those read on a whole sentence.
ITEM_MARKS = ("issue_date", "dateline", "score", "rise", "formula", "stock", "purpose_tail", "founded", "appointed", "permission", "circulation",
              "announces")
SENTENCE_MARKS = ("byline", "page_chrome", "form_fields")


@rule_cache(maxsize=1)
def non_duty_patterns() -> dict[str, regex.Pattern]:
    """clauses.yml `non_duty`, compiled; every name the `item` and `sentence` marks read must be there."""
    found = load_yaml("clauses").get("non_duty")
    if not isinstance(found, dict):
        raise RuleFileError("patterns/clauses.yml: missing mapping `non_duty`")
    out = {}
    for name, pattern in found.items():
        try:
            out[name] = regex.compile(pattern, regex.V1)
        except regex.error as exc:
            raise RuleFileError(f"patterns/clauses.yml non_duty.{name}: bad pattern {pattern!r}: {exc}") from exc
    missing = [n for n in ITEM_MARKS + SENTENCE_MARKS if n not in out]
    if missing:
        raise RuleFileError(f"patterns/clauses.yml non_duty: missing {', '.join(missing)}")
    return out


@rule_cache(maxsize=1)
def shapes() -> dict[str, regex.Pattern]:
    """clauses.yml `shapes`, compiled: the shapes of a clause that decide a frame, a goal or a predicate."""
    found = load_yaml("clauses").get("shapes")
    missing = {"reports", "adheres", "frame_inside", "ensures", "predicate", "disposal", "purpose_lead"} - set(found if isinstance(found, dict) else ())
    if missing:
        raise RuleFileError(f"patterns/clauses.yml shapes: missing {', '.join(sorted(missing))}")
    try:
        return {name: regex.compile(pattern, regex.V1) for name, pattern in found.items()}
    except regex.error as exc:
        raise RuleFileError(f"patterns/clauses.yml shapes: bad pattern: {exc}") from exc


def non_duty_marks(text: str, kind: str) -> frozenset[str]:
    """The non-duty patterns (`item` or `sentence` ones) the text matches: each searched alone,
    which is twice as fast as one search of their alternation."""
    patterns = non_duty_patterns()
    return frozenset(n for n in (ITEM_MARKS if kind == "item" else SENTENCE_MARKS) if patterns[n].search(text))


def _meeting_cores(text: str) -> str:
    """The meetings a mention names without the bodies qualifying them (the student branch's
    committee meeting is a committee meeting), joined as written."""
    out, pos = [], 0
    for hit in find_mentions(text):
        core = read_mention(text[hit.start:hit.end])
        start = hit.start + (core.start if core is not None and hit.kind == "meeting" else 0)
        out.append(text[pos:hit.start] if pos else "")
        out.append(text[start:hit.end])
        pos = hit.end
    return "".join(out) + text[pos:] if out else text


def _modifies_role(rest: str) -> bool:
    """A dictionary verb right before a role that ends the phrase modifies it: a head count of
    probationary members reports nothing done."""
    hits = find_actors(rest)
    return bool(hits) and hits[0].start == 0 and hits[0].end == len(rest)


@rule_cache(maxsize=1)
def _ratio_before() -> regex.Pattern:
    """A ratio measured right before its count (numbers.yml `ratio_before`)."""
    return regex.compile(load_yaml("numbers")["ratio_before"], regex.V1)


@rule_cache(maxsize=1)
def _subject_units() -> regex.Pattern:
    """Units that may count the subject of a clause (numbers.yml `subject_units`)."""
    return regex.compile(load_yaml("numbers")["subject_units"], regex.V1)


@rule_cache(maxsize=1)
def _designation() -> regex.Pattern:
    """A date named as the day of an activity (actions.yml `designation`)."""
    return regex.compile(load_yaml("actions")["designation"], regex.V1)


@rule_cache(maxsize=1)
def _ratio_phrases() -> regex.Pattern:
    """A phrase naming a measured ratio after a role (actions.yml `ratio_phrases`)."""
    return regex.compile(load_yaml("actions")["ratio_phrases"], regex.V1)


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
                  for item, shared in distributed(shared_verb(split_items(text))))
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
        """A verb stands in the item, or it names the day of an activity (which is held then)."""
        return has_any_verb(self.plain) or "action.designation" in self._action[2]

    @cached_property
    def goal(self) -> bool:
        """A goal or purpose clause (clauses.yml `goal_starts` after leading adverbs, `shapes` ensures
        before them, `purpose_starts` with no role after it)."""
        rules = get_rules()
        if shapes()["ensures"].search(self.text) or \
                rules.clauses["goal_starts"].search(rules.actions["leading"].sub("", self.text)):
            return True
        purpose = rules.clauses["purpose_starts"].match(self.text)
        return bool(purpose) and not any(purpose.end() <= h.start <= purpose.end() + 2 for h in find_actors(self.text))

    @cached_property
    def framing(self) -> bool:
        """A clause that frames what follows rather than asking for it (clauses.yml `framing*`): it
        opens with a framing word and has no verb after it, or it ends as a frame does (... as
        required by ..., taking ... as guide), or it reports a finding (clauses.yml `shapes`)."""
        cr = get_rules().clauses
        if shapes()["reports"].search(self.text) or cr["framing_ends"].search(self.text):
            return True
        return bool(cr["framing"].search(self.text)
                    and first_verb(cr["framing"].sub("", self.text)) >= len(self.text) - 2)

    @cached_property
    def frame_held(self) -> bool:
        """A clause that ends as a frame does but is a duty: it holds to a frame (clauses.yml `shapes`
        adheres), or it has a verb of its own before its first enumeration comma with no framing
        word before that verb (carry out what ... requires; not: by the rules of ..., as required)."""
        rules, shape = get_rules(), shapes()
        cr = rules.clauses
        found = cr["framing_ends"].search(self.text)
        if found is None or shape["reports"].search(self.text):
            return False
        if shape["adheres"].search(self.text):
            return True
        if cr["framing"].search(rules.actions["leading"].sub("", self.text)):
            return False
        head = QUOTES.sub("", self.text[:found.start()].split("\u3001", 1)[0])
        inner = shape["frame_inside"].search(head)
        return has_any_verb(head[: inner.start()] if inner else head)

    @cached_property
    def verbal_shape(self) -> bool:
        """It does something though no verb list knows its verb: it forbids (a prohibition mark), or it
        opens as a predicate does (clauses.yml `shapes` predicate: an adverb only verbs take, a
        resultative complement; or a disposal), or an agent marked as such (actors.yml `agent_marker`) stands before it."""
        shape, text = shapes(), _QUOTE_MARKS.sub("", self.text)
        return "prohibition" in self.marks or bool(shape["predicate"].search(text) or shape["disposal"].search(text)) \
            or self.agent is not None

    @cached_property
    def agent(self) -> Optional[ActorHit]:
        """The role marked as the agent (normalize.actors.marked_agent)."""
        return marked_agent(self.text)

    @cached_property
    def statement(self) -> bool:
        """A clause that states how things are (clauses.yml `statement`); one that does something to an
        object (a disposal: take X as Y) is a duty."""
        return bool(get_rules().clauses["statement"].search(self.text)) and not shapes()["disposal"].search(self.text)

    @cached_property
    def counted_subject(self) -> bool:
        """The count follows a verbless noun that opens the item and comes before its verb: it
        counts that noun, the subject (five members not yet registered), which is neither the
        actor nor part of the action; a role named after the count's verb is part of the
        predicate, a role right after the count is what it counts (five branch secretaries)."""
        c = self.count
        if c is None or c.start == 0 or not _subject_units().fullmatch(c.unit):
            return False
        head = self.text[: c.start]
        if has_any_verb(head) or get_rules().actor_non_subject.search(head) or not has_any_verb(self.text[c.end:]):
            return False
        subject = self.subject
        return subject is None or (subject.start > c.end and has_any_verb(self.text[c.end: subject.start]))

    @cached_property
    def non_duty(self) -> frozenset[str]:
        """The non-duty patterns of clauses.yml the item matches (a score, an issue date ...)."""
        return non_duty_marks(self.text, "item")

    @cached_property
    def _action(self) -> tuple[str, Optional[ActorHit], tuple[str, ...]]:
        """(action, the subject it keeps, rules): a ratio noun is no subject, a meeting as topic names its holder,
        and a comparator that is the only verb (numbers.yml `verbal_comparators`) stays."""
        actions = get_rules().actions
        subject = self.subject
        named = _designation().search(self.text)
        if named and (self.item.deadlines or self.item.periods):
            noun = named.group("np")
            verb = next((v for n, v in get_rules().activity_verbs if noun == n), "")
            return canonical_action(verb + noun), subject, ("action.designation",)
        agent = self.agent
        marked = agent is not None and subject is not None and agent.start == subject.start
        own = subject if subject and (subject.start <= self.verb_at or marked) else None
        rules: list[str] = []
        if own is not None and actions["ratio_nouns"].match(self.text[own.end:]):
            own = subject = None
        elif own is not None and _ratio_phrases().match(self.text[own.end:]) and own.kind != "body":
            subject = None
        if own is not None and own.kind == "meeting" and not marked:
            return self._meeting_topic(own), subject, ("action.meeting_topic",)
        if self.counted_subject:
            own, subject = ActorHit(0, self.count.end, ""), None
        cut = own
        action = action_text(self.item, own, self.count)
        if own is not None and len(action) < 2 and not bare_verb(action) and self.count is not None:
            cut = None
            action = action_text(self.item, None, self.count)
        if not has_verb(action):
            spoken = action_text(self.item, cut, self.count, keep=verbal_comparators())
            if has_verb(spoken):
                action = spoken
                rules.append("action.verbal_comparator")
        return reorder(action), subject, tuple(rules)

    def _meeting_topic(self, meeting: ActorHit) -> str:
        """A meeting as the topic of its clause (the group meeting, as a rule, is held monthly):
        the body that holds it acts, and the verb after it takes it as object (hold the meeting)."""
        whole = action_text(self.item, None, self.count)
        named = canonical_action(self.text[meeting.start:meeting.end])
        at = whole.find(named)
        if at < 0:
            return reorder(whole)
        rest = get_rules().actions["leading"].sub("", whole[at + len(named):])
        if not rest:
            return whole
        return canonical_action(rest + _meeting_cores(self.text[meeting.start:meeting.end]))

    @property
    def action(self) -> str:
        return self._action[0]

    @property
    def kept_subject(self) -> Optional[ActorHit]:
        """The subject after the action is read: none when it was a ratio noun or a count's subject."""
        return self._action[1]

    @property
    def subject_dropped(self) -> bool:
        return self.subject is not None and self._action[1] is None

    @property
    def action_rules(self) -> tuple[str, ...]:
        return self._action[2]

    @cached_property
    def action_has_verb(self) -> bool:
        """A verb of the lexicon, or, for a counted result, one of the segmenter's dictionary:
        reports state what was done with an open class of verbs. An activity noun that takes a
        verb of its own (a meeting, a lesson) is still verbless: it borrows."""
        action = self.action
        if has_verb(action):
            return True
        if self.count is None:
            return False
        if self.count.unit == "%" and _ratio_before().search(self.text, 0, self.count.start):
            return True
        at = next((i for i in range(len(action) - 1) if action[i:i + 2] in dictionary_verbs()), None)
        if at is None or any(action.endswith(noun) for noun, _ in get_rules().activity_verbs):
            return False
        return not _modifies_role(action[at + 2:])

    @cached_property
    def action_verbal(self) -> bool:
        """A verb of the lexicon or the segmenter's dictionary outside the roles the action names
        (a reserve party member is no act of reserving), or a verbal noun that opens the action
        (reserve three successors: a verbal noun to the segmenter)."""
        action = self.action
        for hit in reversed(find_mentions(action)):
            action = action[: hit.start] + "\x00" + action[hit.end:]
        return has_any_verb(action) or has_verbal_noun(action[:2])
