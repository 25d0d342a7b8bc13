"""The duty rules: turn the clauses of each sentence into duty candidates.

A sentence carries a scope from left to right: a period word, a date, a
subject or a strong modal reaches the clauses after it until the sentence
ends; a clause with its own trigger (conditions.yml) starts a new scope.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from .clauses import Sentence
from .items import (QUOTES, Item, action_text, choose_count, distributed, float_comparator, has_anchor,
                    only_actors, read_condition, reorder, shift_count, split_items, split_objects)
from .normalize import (ActorHit, Count, DeadlineHit, canonical_action, event_verb, find_deadlines, first_verb,
                        governed_actor, has_any_verb, has_verb, modality_marks, objectless, subject_actor)
from .rules import get_rules
from .structure import Structure, SubDoc


_HAN = regex.compile(r"\p{Han}")
_PUNCT = regex.compile(r"\p{P}")


@dataclass
class Candidate:
    """A duty before normalisation: view span, values and the rules that gave them."""

    start: int
    end: int
    action: str
    actor: Optional[str]
    modality: str
    count: Optional[Count] = None
    period: Optional[str] = None
    period_given: bool = False
    deadline: Optional[DeadlineHit] = None
    deadline_span: Optional[tuple[int, int]] = None
    condition: Optional[str] = None
    section: tuple[str, ...] = ()
    subdoc: Optional[SubDoc] = None
    rules: list[str] = field(default_factory=list)


@dataclass
class Scope:
    period: Optional[str] = None
    period_rule: Optional[str] = None
    period_counted: bool = False
    period_topic: bool = False
    no_period: bool = False
    deadline: Optional[DeadlineHit] = None
    deadline_span: Optional[tuple[int, int]] = None
    deadline_topic: bool = False
    deadline_row: bool = False
    semicolon: bool = False
    actor: Optional[ActorHit] = None
    topic: Optional[ActorHit] = None
    condition: Optional[str] = None
    strong_obligation: bool = False


class SentenceReader:
    """Reads the duties of one document, sentence by sentence."""

    def __init__(self, structure: Structure, default_actor: Optional[str]):
        self.structure = structure
        self.default_actor = default_actor
        self.rules = get_rules()
        self.carried: Optional[ActorHit] = None
        self._preamble_lines: set[int] = set()

    def read(self, sentence: Sentence) -> list[Candidate]:
        line = sentence.line
        subdoc = self.structure.subdocs[line.subdoc]
        if self._preamble(sentence):
            return []
        scope = Scope(topic=self.carried)
        self.carried = None
        named = only_actors(sentence.text)
        if named:
            self.carried = ActorHit(0, 0, named)
            return []
        out: list[Candidate] = []
        row = line.row or {}
        if row.get("deadline_text"):
            hits = [h for h in find_deadlines(row["deadline_text"]) if h.month or h.items]
            if hits:
                scope.deadline, scope.deadline_span = hits[0], row["deadline_span"]
                scope.deadline_row = True
        clauses = sentence.clauses
        for n, clause in enumerate(clauses):
            text = clause.text
            cr = self.rules.clauses
            if cr["penalty"].search(text):
                continue
            trigger = self._condition(text)
            if trigger is not None:
                scope.period = scope.deadline = None
                scope.period_rule, scope.no_period, scope.deadline_span = None, False, None
                scope.condition = trigger
                continue
            if n and cr["continuation_starts"].search(text) and out and not has_anchor(text):
                out[-1].end = max(out[-1].end, clause.end)
                continue
            if clause.sep_before and clause.sep_before in "；;":
                scope.semicolon = True
                scope.topic = None
            if n == len(clauses) - 1 and n and only_actors(text):
                self.carried = ActorHit(0, 0, only_actors(text))
                continue
            for item, shared in distributed(split_items(clause)):
                cand = self._item(item, n, sentence, subdoc, scope, row, out, shared)
                if cand is not None:
                    if out and self._agenda(out[-1], cand):
                        out[-1].end = max(out[-1].end, cand.end)
                        continue
                    out.extend(split_objects(cand))
        return out

    def _agenda(self, previous: Candidate, cand: Candidate) -> bool:
        """What a meeting hears or studies (actions.yml `agenda_verbs`) is that meeting, not a second duty."""
        a = self.rules.actions
        return bool(a["agenda_heads"].match(previous.action) and a["agenda_verbs"].match(cand.action)
                    and cand.count is None and previous.deadline is not None)

    def _preamble(self, sentence: Sentence) -> bool:
        """A purpose statement that names the list, or a report's opening paragraph (clauses.yml `preamble_*`)."""
        cr = self.rules.clauses
        line = sentence.line
        if line.start in self._preamble_lines:
            return True
        if cr["preamble_start"].search(sentence.text) and cr["preamble_tail"].search(sentence.text):
            return True
        if not cr["preamble_cue"].search(sentence.text):
            return False
        if self._first_body_line(line):
            self._preamble_lines.add(line.start)
            return True
        return bool(cr["preamble_start"].search(sentence.text) or len(sentence.clauses) > 1)

    def _first_body_line(self, line) -> bool:
        first = next((ln for ln in self.structure.lines if ln.subdoc == line.subdoc and ln.kind == "body"), None)
        return first is line

    def _condition(self, text: str) -> Optional[str]:
        found = read_condition(text)
        return found[0] if found else None

    def _item(self, item: Item, n: int, sentence: Sentence, subdoc: SubDoc, scope: Scope,
              row: dict, out: list[Candidate], shared: Optional[Item] = None) -> Optional[Candidate]:
        rules: list[str] = []
        if shared is not None:
            item = Item(item.start, item.end, item.text + shared.text[shared.verbless_end:],
                         item.counts + [shift_count(c, len(item.text) - shared.verbless_end) for c in shared.counts],
                         item.periods, item.deadlines)
            rules.append("duty.shared_predicate")
        own_period = next((p for p in reversed(item.periods) if p.period), None)
        null_period = any(p.period is None for p in item.periods)
        count = choose_count(item)
        if count is not None:
            count = float_comparator(item, count)
        verb_at = first_verb(item.text)
        if own_period:
            scope.period, scope.period_rule = own_period.period, own_period.rule
            scope.period_counted = count is not None
            scope.period_topic = (verb_at >= len(item.text) and count is None
                                  and not own_period.rule.endswith(".named"))
            scope.no_period = False
            scope.semicolon = False
        elif null_period:
            scope.no_period = True
        dated = [d for d in item.deadlines]
        if dated and not self._as_of(dated[0]):
            scope.deadline = dated[0]
            scope.deadline_span = (item.start + dated[0].start, item.start + dated[0].end)
            scope.deadline_topic = verb_at >= len(item.text) and count is None
            scope.semicolon = False
        subject = subject_actor(item.text, verb_at)
        topic_before = scope.topic
        if subject is not None:
            scope.actor = subject
            if scope.topic is None:
                scope.topic = subject
        elif governed_actor(item.text):
            scope.actor = scope.topic = None
        else:
            scope.actor = scope.topic
        marks = modality_marks(item.text)
        if "obligation" in marks and marks["obligation"][1]:
            scope.strong_obligation = True
        strong = "obligation" in marks and marks["obligation"][1]
        if (self._topic_heading(sentence) or self._inline_heading(sentence, n)) \
                and not (count or dated or own_period or strong):
            return None
        if len(_HAN.findall(item.text)) < 3 and count is None:
            return None
        if self._label(sentence) and not (count or dated or own_period):
            return None
        plain = QUOTES.sub("", item.text)
        reported = ("problem" in marks or "achievement" in marks) and (
            sentence.line.section_modality or subdoc.modality) in ("problem", "achievement")
        if count is None and not (has_any_verb(plain) or reported):
            return None
        cr = self.rules.clauses
        bare = self.rules.actions["leading"].sub("", item.text)
        if n and cr["goal_starts"].search(bare) and not (count or dated or own_period):
            return None
        if not (count or dated or own_period) and (
                cr["framing_ends"].search(item.text) or
                (cr["framing"].search(item.text) and first_verb(cr["framing"].sub("", item.text)) >= len(item.text) - 2)):
            return None
        if self.rules.clauses["statement"].search(item.text):
            return None
        own_subject = subject if subject and subject.start <= verb_at else None
        if own_subject is not None and self.rules.actions["ratio_nouns"].match(item.text[own_subject.end:]):
            own_subject = subject = None
            scope.actor = scope.topic = topic_before
        action = action_text(item, own_subject, count)
        if own_subject is not None and len(action) < 2:
            action = action_text(item, None, count)
        if own_subject is not None and self.rules.actions["topical_verbs"].fullmatch(action):
            action = action + item.text[own_subject.start:own_subject.end]
            own_subject = subject = None
            scope.actor = scope.topic = topic_before
            rules.append("action.topicalised_object")
        action = reorder(action)
        if not has_verb(action):
            borrowed = self._borrow(action, out, rules) if count is not None else None
            if borrowed is not None:
                action = borrowed
            elif count is not None:
                return None
            elif not (has_any_verb(action) or has_any_verb(plain) or reported) or len(action) < 2:
                return None
        if objectless(action):
            action = self._object_from_sentence(action, out) or self._object_from_heading(action, sentence) or action
        period, period_given = None, False
        if own_period:
            period, period_given = own_period.period, True
            rules.append(own_period.rule)
        elif scope.period and not any(d.month for d in dated) and (
                count is not None or (scope.period_topic and not self._new_subject(subject, scope, topic_before))
                or (not scope.period_counted and scope.semicolon)):
            period, period_given = scope.period, True
            rules.append(scope.period_rule + ".scope")
        elif count is not None and not (scope.no_period or null_period) and subdoc.annual \
                and subdoc.genre != "report":
            period = "year"
            rules.append("period.annual_title")
        deadline = dated[0] if dated else None
        if deadline is None and scope.deadline is not None and (
                count is not None or scope.deadline_topic or scope.deadline_row or scope.semicolon
                or event_verb(action)):
            deadline = scope.deadline
            rules.append("deadline.scope")
        if not dated:
            scope.deadline_topic = False
        deadline_span = scope.deadline_span if deadline is not None else None
        if deadline is not None:
            rules.append(deadline.rule)
        actor = self._actor(subject, scope, row, sentence, subdoc, rules)
        modality = self._modality(marks, scope, sentence, subdoc, rules)
        if count is not None:
            rules.append(count.rule)
        return Candidate(item.start, item.end, action, actor, modality, count, period, period_given,
                         deadline, deadline_span, scope.condition, self._section(sentence), subdoc, rules)

    def _topic_heading(self, sentence: Sentence) -> bool:
        """A heading that names a topic (an outer level, or a one-clause item) holds no duty of its own;
        a numbered item that runs on over several clauses is the duty itself."""
        return sentence.heading and (len(sentence.clauses) == 1 or sentence.line.level <= 2)

    def _as_of(self, hit) -> bool:
        """A reporting date (as of the end of December ...) dates its own clause, not the ones after it."""
        return any(r.id == hit.rule and r.values.get("scope") is False for r in self.rules.deadlines)

    @staticmethod
    def _new_subject(subject, scope: Scope, topic_before) -> bool:
        """A clause with a subject of its own, other than the sentence's, is outside a topic period."""
        return subject is not None and topic_before is not None and subject.canonical != topic_before.canonical

    def _label(self, sentence: Sentence) -> bool:
        """A short line standing alone with no punctuation: a label of a table or form."""
        line = sentence.line.text.strip()
        return (sentence.text == line and len(line) <= self.rules.clauses["label_max"]
                and not _PUNCT.search(line))

    def _inline_heading(self, sentence: Sentence, n: int) -> bool:
        """An inline enumeration marker opens an item: its first sentence names it, like a heading."""
        return n == 0 and bool(self.rules.inline_headings[0].pattern.match(sentence.text)) \
            and len(sentence.text) <= 30 if self.rules.inline_headings else False

    def _borrow(self, action: str, out: list[Candidate], rules: list[str]) -> Optional[str]:
        """A verbless item takes the verb (or, when it has no content, the action) of the duty before it;
        an activity noun keeps its own verb unless the duty before it chose a marked one."""
        light = self._light_verb(action)
        previous = out[-1].action if out else ""
        verb = self.rules.actions["verb_start"].match(previous)
        if light and (not verb or self._light_verb(previous[verb.end():]) == verb.group()):
            rules.append("action.activity_verb")
            return light + action
        if not out:
            return None
        if len(action) < 2:
            rules.append("action.borrow_action")
            return previous
        if not verb:
            return None
        rules.append("action.borrow_verb")
        return verb.group() + action

    def _light_verb(self, action: str) -> Optional[str]:
        """The verb an activity noun takes (a lesson is given, a meeting is held): actions.yml `activity_verbs`."""
        for noun, verb in self.rules.activity_verbs:
            if action.endswith(noun):
                return verb
        return None

    def _object_from_sentence(self, verb: str, out: list[Candidate]) -> Optional[str]:
        for cand in reversed(out):
            if cand.action.startswith(verb) and len(cand.action) > len(verb):
                return cand.action
        return None

    def _object_from_heading(self, verb: str, sentence: Sentence) -> Optional[str]:
        for heading in reversed(sentence.line.section):
            pos = heading.find(verb)
            if pos >= 0:
                return canonical_action(heading[pos:])
        return None

    def _section(self, sentence: Sentence) -> tuple[str, ...]:
        row = sentence.line.row or {}
        if row.get("task"):
            return sentence.line.section + (row["task"],)
        return sentence.line.section

    def _actor(self, subject, scope: Scope, row: dict, sentence: Sentence, subdoc: SubDoc,
               rules: list[str]) -> Optional[str]:
        if subject is not None:
            rules.append("actor.subject")
            return subject.canonical
        if scope.actor is not None:
            rules.append("actor.sentence_subject")
            return scope.actor.canonical
        if row.get("actor"):
            rules.append("actor.table_column")
            return row["actor"]
        if sentence.line.section_actor:
            rules.append("actor.section_heading")
            return sentence.line.section_actor
        if subdoc.actor:
            rules.append("actor.list_title")
            return subdoc.actor
        if self.default_actor:
            rules.append("actor.document")
        return self.default_actor

    def _modality(self, marks: dict, scope: Scope, sentence: Sentence, subdoc: SubDoc,
                  rules: list[str]) -> str:
        if "prohibition" in marks:
            rules.append(marks["prohibition"][0])
            return "prohibition"
        default = sentence.line.section_modality or subdoc.modality
        strong = ("obligation" in marks and marks["obligation"][1]) or scope.strong_obligation
        if default in ("achievement", "problem"):
            if strong:
                rules.append(marks.get("obligation", ("modality.obligation.scope",))[0])
                return "obligation"
            if "problem" in marks:
                rules.append(marks["problem"][0])
                return "problem"
            rules.append(f"modality.default.{default}")
            return default
        if "achievement" in marks and not strong:
            rules.append(marks["achievement"][0])
            return "achievement"
        rules.append(marks["obligation"][0] if "obligation" in marks else "modality.default.obligation")
        return "obligation"
