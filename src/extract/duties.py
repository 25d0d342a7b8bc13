"""The duty rules: turn the clauses of each sentence into duty candidates.

A sentence carries a scope from left to right: a period word, a date, a
subject or a strong modal reaches the clauses after it until the sentence
ends; a clause with its own trigger (conditions.yml) starts a new scope.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Optional

import regex

from .candidates import Candidate, Scope, moved
from .clauses import Sentence
from .facts import ItemFacts, clause_facts
from .items import only_actors, split_objects
from .normalize import ActorHit, canonical_action, event_verb, find_deadlines, objectless
from .rules import TEXT_CACHE_SIZE, get_rules, rule_cache
from .structure import Structure, SubDoc


_PUNCT = regex.compile(r"\p{P}")


_MEMO_LOCK = threading.Lock()


@rule_cache(maxsize=1)
def _read_before() -> OrderedDict:
    """Sentences already read, by text and setting, least recently read first (emptied with the rules)."""
    return OrderedDict()


@rule_cache()
def _preamble_marks(text: str) -> tuple[bool, bool, bool]:
    """Whether a sentence opens like a preamble, ends like one, and carries a preamble cue."""
    cr = get_rules().clauses
    return (bool(cr["preamble_start"].search(text)), bool(cr["preamble_tail"].search(text)),
            bool(cr["preamble_cue"].search(text)))


class SentenceReader:
    """Reads the duties of one document, sentence by sentence."""

    def __init__(self, structure: Structure, default_actor: Optional[str]):
        self.structure = structure
        self.default_actor = default_actor
        self.rules = get_rules()
        self.carried: Optional[ActorHit] = None
        self._heading_read = False
        self._preamble_lines: set[int] = set()

    def read(self, sentence: Sentence) -> list[Candidate]:
        """The duty candidates of one sentence.

        A sentence reads the same wherever the same text stands in the same setting (the
        role carried into it, whether it is a heading or a label, the default modality and
        the annual default of where it stands): such a sentence, read before, gives its
        duties again, moved, with the section, list and fallback actor of where it stands
        now. A sentence that took a verb's object from its heading also keys on the heading.
        """
        line = sentence.line
        if self._preamble(sentence):
            return []
        if line.row:
            return self._read(sentence)
        subdoc = self.structure.subdocs[line.subdoc]
        key = (sentence.text, bool(self._topic_heading(sentence)), self._label(sentence),
               line.section_modality or subdoc.modality, bool(subdoc.annual and subdoc.genre != "report"),
               self.carried.canonical if self.carried else None)
        memo = _read_before()
        with _MEMO_LOCK:
            found = memo.get(key)
            if found is not None and found[2] in (None, line.section):
                memo.move_to_end(key)
            else:
                found = None
        if found is not None:
            candidates, self.carried, _ = found
            actor = self._setting_actor(line, subdoc)
            return [moved(c, sentence.start, subdoc, line.section, actor) for c in candidates]
        self._heading_read = False
        out = self._read(sentence)
        entry = (tuple(moved(c, -sentence.start, None, (), strip=True) for c in out), self.carried,
                 line.section if self._heading_read else None)
        with _MEMO_LOCK:
            if len(memo) >= TEXT_CACHE_SIZE:
                memo.popitem(last=False)
            memo[key] = entry
        return out

    def _read(self, sentence: Sentence) -> list[Candidate]:
        line = sentence.line
        subdoc = self.structure.subdocs[line.subdoc]
        scope = Scope(topic=self.carried)
        self.carried = None
        read = [clause_facts(clause.text) for clause in sentence.clauses]
        named = only_actors(sentence.text) if all(f.names_only for f in read) else None
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
        for n, (clause, facts) in enumerate(zip(clauses, read)):
            if facts.penalty:
                continue
            if facts.trigger is not None:
                if facts.failure is not None and n + 1 < len(clauses) and read[n + 1].penalty:
                    self._failed(facts.failure, clause.start, n, sentence, subdoc, scope, row, out)
                scope.period = scope.deadline = None
                scope.period_rule, scope.no_period, scope.deadline_span = None, False, None
                scope.condition = facts.trigger
                continue
            if n and facts.continues and out:
                out[-1].end = max(out[-1].end, clause.end)
                continue
            if clause.sep_before and clause.sep_before in "；;":
                scope.semicolon = True
                scope.topic = None
            if n == len(clauses) - 1 and n and facts.names_only:
                self.carried = ActorHit(0, 0, facts.names_only)
                continue
            for item in facts.items:
                cand = self._item(item, clause.start, n, sentence, subdoc, scope, row, out)
                if cand is not None:
                    if out and self._agenda(out[-1], cand):
                        out[-1].end = max(out[-1].end, cand.end)
                        continue
                    out.extend(split_objects(cand))
        return out

    def _failed(self, failure, offset: int, n: int, sentence: Sentence, subdoc: SubDoc, scope: Scope,
                row: dict, out: list[Candidate]) -> None:
        """A scoring sheet's penalised failure ("not paid monthly: 0.05 off") names a duty: read it as a
        clause of its own whose subject is the trigger's, unconditionally, leaving the sentence's scope."""
        item, subject, rule = failure
        own = replace(scope, topic=subject or scope.topic, actor=None, condition=None)
        cand = self._item(item, offset, n, sentence, subdoc, own, row, out)
        if cand is not None:
            cand.rules.append(rule)
            out.append(cand)

    def _agenda(self, previous: Candidate, cand: Candidate) -> bool:
        """What a meeting hears or studies (actions.yml `agenda_verbs`) is that meeting, not a second duty."""
        a = self.rules.actions
        return bool(a["agenda_heads"].match(previous.action) and a["agenda_verbs"].match(cand.action)
                    and cand.count is None and previous.deadline is not None)

    def _preamble(self, sentence: Sentence) -> bool:
        """A purpose statement that names the list, or a report's opening paragraph (clauses.yml `preamble_*`)."""
        line = sentence.line
        if line.start in self._preamble_lines:
            return True
        starts, ends, cue = _preamble_marks(sentence.text)
        if starts and ends:
            return True
        if not cue:
            return False
        if self._first_body_line(line):
            self._preamble_lines.add(line.start)
            return True
        return starts or sentence.clause_count > 1

    def _first_body_line(self, line) -> bool:
        first = next((ln for ln in self.structure.lines if ln.subdoc == line.subdoc and ln.kind == "body"), None)
        return first is line

    def _item(self, f: ItemFacts, offset: int, n: int, sentence: Sentence, subdoc: SubDoc,
              scope: Scope, row: dict, out: list[Candidate]) -> Optional[Candidate]:
        item = f.item
        rules: list[str] = ["duty.shared_predicate"] if f.shares else []
        own_period, null_period, count = f.own_period, f.null_period, f.count
        verb_at = f.verb_at
        if own_period:
            scope.period, scope.period_rule = own_period.period, own_period.rule
            scope.period_counted = count is not None
            scope.period_topic = (verb_at >= len(item.text) and count is None
                                  and not own_period.rule.endswith(".named"))
            scope.no_period = False
            scope.semicolon = False
        elif null_period:
            scope.no_period = True
        dated = item.deadlines
        if dated and not self._as_of(dated[0]):
            scope.deadline = dated[0]
            scope.deadline_span = (offset + item.start + dated[0].start, offset + item.start + dated[0].end)
            scope.deadline_topic = verb_at >= len(item.text) and count is None
            scope.semicolon = False
        subject = f.subject
        topic_before = scope.topic
        if subject is not None:
            scope.actor = subject
            if scope.topic is None:
                scope.topic = subject
        elif f.governed:
            scope.actor = scope.topic = None
        else:
            scope.actor = scope.topic
        marks = f.marks
        if f.strong:
            scope.strong_obligation = True
        anchored = count or dated or own_period
        if (self._topic_heading(sentence) or self._inline_heading(sentence, n)) and not (anchored or f.strong):
            return None
        if f.short and count is None:
            return None
        if self._label(sentence) and not anchored:
            return None
        reported = ("problem" in marks or "achievement" in marks) and (
            sentence.line.section_modality or subdoc.modality) in ("problem", "achievement")
        if count is None and not (f.plain_verbal or reported):
            return None
        if n and not anchored and f.goal:
            return None
        if not anchored and f.framing:
            return None
        if f.statement:
            return None
        if f.subject_dropped:
            subject = None
            scope.actor = scope.topic = topic_before
        rules.extend(f.action_rules)
        action = f.action
        if not f.action_has_verb:
            borrowed = self._borrow(action, out, rules) if count is not None else None
            if borrowed is not None:
                action = borrowed
            elif count is not None and not f.action_verbal:
                return None
            elif not (f.action_verbal or f.plain_verbal or reported) or len(action) < 2:
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
        actor, slot = self._actor(subject, scope, row, sentence, subdoc, rules)
        modality = self._modality(marks, scope, sentence, subdoc, rules)
        if count is not None:
            rules.append(count.rule)
        return Candidate(offset + item.start, offset + item.end, action, actor, modality, count, period, period_given,
                         deadline, deadline_span, scope.condition, self._section(sentence), subdoc, rules, slot)

    def _topic_heading(self, sentence: Sentence) -> bool:
        """A heading that names a topic (an outer level, or a one-clause item) holds no duty of its own;
        a numbered item that runs on over several clauses is the duty itself."""
        return sentence.heading and (sentence.clause_count == 1 or sentence.line.level <= 2)

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
        """The object a bare verb takes from the nearest heading above it that names it (not the
        sentence's own heading line, where the verb stands without it)."""
        self._heading_read = True
        line = sentence.line
        above = line.section[:-1] if line.kind == "heading" else line.section
        for heading in reversed(above):
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
               rules: list[str]) -> tuple[Optional[str], Optional[int]]:
        """(actor, slot): the slot in `rules` of an actor taken from where the duty stands, else None."""
        if subject is not None:
            rules.append("actor.subject")
            return subject.canonical, None
        if scope.actor is not None:
            rules.append("actor.sentence_subject")
            return scope.actor.canonical, None
        if row.get("actor"):
            rules.append("actor.table_column")
            return row["actor"], None
        slot = len(rules)
        actor, rule = self._setting_actor(sentence.line, subdoc)
        if rule is not None:
            rules.append(rule)
        return actor, slot

    def _setting_actor(self, line, subdoc: SubDoc) -> tuple[Optional[str], Optional[str]]:
        """The actor (and rule id) a duty with no subject takes from where it stands: its section's
        heading, its list's title, the document's default."""
        if line.section_actor:
            return line.section_actor, "actor.section_heading"
        if subdoc.actor:
            return subdoc.actor, "actor.list_title"
        if self.default_actor:
            return self.default_actor, "actor.document"
        return None, None

    def _modality(self, marks: dict, scope: Scope, sentence: Sentence, subdoc: SubDoc,
                  rules: list[str]) -> str:
        if "prohibition" in marks:
            rules.append(marks["prohibition"][0])
            return "prohibition"
        default = sentence.line.section_modality or subdoc.modality
        strong = ("obligation" in marks and marks["obligation"][1]) or scope.strong_obligation
        if "shortfall" in marks and not strong:
            rules.append(marks["shortfall"][0])
            return "problem"
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
