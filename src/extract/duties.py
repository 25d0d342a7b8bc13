"""The duty rules: turn the clauses of each sentence into duty candidates.

A sentence carries a scope from left to right: a period word, a date, a subject or a strong
modal reaches the clauses after it until the sentence ends; a clause with its own trigger
(conditions.yml) starts a new scope. Which decisions are taken, in which order and with what
effect is patterns/decisions.yml: the reader asks its tables at fixed points of each stage
(sentence, clause, item, action, duty) and notes every decision taken when a trace is kept.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from .candidates import Candidate, Note, Reading, Scope
from .clauses import Sentence
from .decisions import QUIET, decisions
from .facts import ItemFacts, clause_facts, non_duty_patterns
from .items import split_objects
from .normalize import ActorHit, canonical_action, objectless
from .normalize.actors import without_dates
from .rules import get_rules
from .structure import Structure, heading_of
from .topics import bare_verb, cell_topic, heading_topic, meeting_holder, topic_actions

_CLOSING_QUOTES = "\u201d\u2019\"\u300d"
_PUNCT = regex.compile(r"\p{P}")


def _opens_with(clause: str, noun: str) -> bool:
    """The clause opens with the noun, only a period or a date before it (a year's lessons: no
    fewer than four): the noun is the clause's topic."""
    at = clause.find(noun)
    if at < 0:
        return False
    return not without_dates(clause[:at]).strip()


class SentenceReader:
    """Reads the duties of one document, sentence by sentence.

    `owners` maps a list (its index) with no owner of its own to the owner an earlier list of the
    same document names. With `trace`, every decision taken is kept in `notes`, sentence by sentence
    (the caller empties it).
    """

    def __init__(self, structure: Structure, owners: Optional[dict[int, str]] = None, trace: bool = False):
        self.structure = structure
        self.owners = owners or {}
        self.rules = get_rules()
        self.table = decisions()
        self.carried = None
        # (line start, subject) the last sentence of a paragraph named
        self.paragraph: Optional[tuple[int, object]] = None
        # (line start, voice) a lead label of the line set (its numbered items after it keep it)
        self.line_voice: Optional[tuple[int, str]] = None
        # the end of a list's opening paragraph in its first body line (what comes after it in the
        # same line, a document flattened to one line, is read)
        self._preamble_lines: dict[int, int] = {}
        self._footer: Optional[frozenset[int]] = None
        self._leaves: Optional[frozenset[int]] = None
        self.notes: Optional[list[Note]] = [] if trace else None

    def note(self, rule: str, effect: str, start: int, end: int, value: Optional[str] = None) -> None:
        if self.notes is not None:
            self.notes.append(Note(rule, effect, start, end, value))

    def decide(self, table: str, stage: str, r, start: int, end: int) -> bool:
        """Take the decisions of one table at one stage, in file order; within a slot the first that
        holds decides. True when a decision ends what it applies to. (The tests are spelt out here
        rather than called through a method: this runs some thirty times an item.)"""
        decided = None
        for d in self.table.at(table, stage):
            slot = d.slot
            if decided is not None and slot in decided:
                continue
            value = d.first(r) if d.first is not None else True
            if not value:
                continue
            for test in d.rest:
                if not test(r):
                    value = None
                    break
            if value is None:
                continue
            for test in d.unless:
                if test(r):
                    value = None
                    break
            if value is None:
                continue
            if slot is not None:
                decided = (slot,) if decided is None else decided + (slot,)
            shown = d.run(r, value, d.id)
            if self.notes is not None and shown is not QUIET:
                self.notes.append(Note(d.id, d.effect, start, end, shown))
            if d.ends:
                return True
        return False

    def read(self, sentence: Sentence) -> list[Candidate]:
        """The duty candidates of one sentence."""
        line = sentence.line
        r = Reading(self, sentence, self.structure.subdocs[line.subdoc])
        if self.decide("vetoes", "sentence", r, sentence.start, sentence.end):
            return []
        r.scope = Scope(topic=self.carried)
        self.carried = None
        r.read = [clause_facts(clause.text) for clause in sentence.clauses]
        if self.decide("scope", "sentence", r, sentence.start, sentence.end):
            return []
        for n, (clause, facts) in enumerate(zip(sentence.clauses, r.read)):
            r.n, r.clause, r.facts = n, clause, facts
            if self.decide("vetoes", "clause", r, clause.start, clause.end) or \
                    self.decide("scope", "clause", r, clause.start, clause.end):
                continue
            for item in facts.items:
                cand = self.item(r, item, clause.start)
                if cand is None:
                    continue
                r.cand = cand
                if self.decide("vetoes", "duty", r, cand.start, cand.end):
                    continue
                if r.more:
                    r.out.append(cand)
                    r.out.extend(replace(cand, action=action, rules=list(cand.rules)) for action in r.more)
                    continue
                r.out.extend(split_objects(cand))
        self._remember_subject(r)
        return r.out

    def _remember_subject(self, r: Reading) -> None:
        """The subject a sentence named, for the sentences after it in its paragraph (line)."""
        line = r.sentence.line.start
        if self.paragraph is not None and self.paragraph[0] != line:
            self.paragraph = None
        subject = r.scope.actor
        if subject is not None and subject.canonical and (subject.start or subject.end):
            self.paragraph = (line, subject)

    def failed(self, r: Reading) -> Optional[Candidate]:
        """A scoring sheet's penalised failure ("not paid monthly: 0.05 off") names a duty: read it as a
        clause of its own whose subject is the trigger's, unconditionally, leaving the sentence's scope."""
        item, subject, rule = r.facts.failure
        scope = r.scope
        r.scope = replace(scope, topic=subject or scope.topic, actor=None, condition=None)
        try:
            cand = self.item(r, item, r.clause.start)
        finally:
            r.scope = scope
        if cand is not None:
            cand.rules.append(rule)
            r.out.append(cand)
        return cand

    def item(self, r: Reading, f: ItemFacts, offset: int) -> Optional[Candidate]:
        """The duty of one item, or None when a veto refuses it."""
        r.start_item(f)
        start, end = offset + f.item.start, offset + f.item.end
        if r.subject is not None:
            s = r.subject
            r.subject = ActorHit(start + s.start, start + s.end, s.canonical, s.kind, s.rule, s.rank)
        self.decide("scope", "item", r, start, end)
        if self.decide("vetoes", "item", r, start, end):
            return None
        scope = r.scope
        if f.subject_dropped:
            r.subject = None
            scope.actor = scope.topic = r.topic_before
        r.rules.extend(f.action_rules)
        r.action = f.action
        if r.subject is None and r.holder is None and "action.designation" in f.action_rules:
            r.holder = meeting_holder(f.action)
        self._object_from_topic(r)
        self._row_meeting(r)
        session = any(p.session for p in f.item.periods)
        if r.borrowed is None and r.count is not None and (not f.action_has_verb or (
                session and r.out and r.action in r.out[-1].action)):
            noun = r.action
            r.borrowed = self._borrow(r.action, r.out, r.rules, session)
            if r.borrowed is not None:
                r.action = r.borrowed
                if r.holder is None and r.subject is None and r.rules[-1] == "action.activity_verb" \
                        and (not r.out or r.clause.opens_part or _opens_with(r.clause.text, noun)):
                    r.holder = meeting_holder(noun)
        if self.decide("vetoes", "action", r, start, end):
            return None
        if objectless(r.action) or (len(r.action) == 1 and bare_verb(r.action)):
            r.action = self._object_from_sentence(r) or self._object_from_heading(r) or r.action
        elif bare_verb(r.action) and r.borrowed is None:
            r.action = self._object_from_heading(r) or r.action
        self.decide("scope", "duty", r, start, end)
        if not r.dated:
            scope.deadline_topic = False
        self.decide("actor_fallback", "duty", r, start, end)
        modality = self._modality(f.marks, r)
        if r.count is not None:
            r.rules.append(r.count.rule)
        return Candidate(start, end, r.action, r.actor, modality, r.count, r.period, r.period_given, r.deadline,
                         r.deadline_span, scope.condition, self._section(r.sentence), r.subdoc, r.rules,
                         r.actor_span)

    def agenda(self, previous: Candidate, cand: Candidate) -> bool:
        """What a meeting hears or studies (actions.yml `agenda_verbs`) is that meeting, not a second duty."""
        a = self.rules.actions
        return bool(a["agenda_heads"].match(previous.action) and a["agenda_verbs"].match(cand.action)
                    and cand.count is None and previous.deadline is not None)

    def preamble(self, sentence: Sentence) -> bool:
        """A purpose statement that names the list, or a report's opening paragraph (clauses.yml
        `preamble_*`): in the first body line, every sentence up to the one with a preamble cue."""
        line = sentence.line
        if sentence.end <= self._preamble_lines.get(line.start, -1):
            return True
        cr = self.rules.clauses
        starts, ends = cr["preamble_start"].search(sentence.text), cr["preamble_tail"].search(sentence.text)
        if starts and ends:
            return True
        if not cr["preamble_cue"].search(sentence.text):
            return False
        if self._first_body_line(line):
            self._preamble_lines[line.start] = max(self._preamble_lines.get(line.start, -1), sentence.end)
            return True
        return bool(starts) or sentence.clause_count > 1

    def _first_body_line(self, line) -> bool:
        first = next((ln for ln in self.structure.lines if ln.subdoc == line.subdoc and ln.kind == "body"), None)
        return first is line

    @property
    def footer_lines(self) -> frozenset[int]:
        """Starts of the lines of each list's publication footer: the run of last lines that name the
        issuing body, the issue date or copy notes (clauses.yml `non_duty` footer_*), holding a date."""
        if self._footer is None:
            patterns = non_duty_patterns()
            kinds = ("footer_date", "footer_organ", "footer_cue")
            found: set[int] = set()
            by_list: dict[int, list] = {}
            for line in self.structure.lines:
                if line.kind not in ("blank", "noise"):
                    by_list.setdefault(line.subdoc, []).append(line)
            for lines in by_list.values():
                block = []
                for line in reversed(lines):
                    text = line.text.strip()
                    if line.kind != "body" or not any(patterns[k].search(text) for k in kinds):
                        break
                    block.append(line)
                if any(patterns["footer_date"].search(line.text.strip()) for line in block):
                    found.update(line.start for line in block)
            self._footer = frozenset(found)
        return self._footer

    def topic_heading(self, sentence: Sentence) -> bool:
        """A heading that names a topic (an outer level, or a one-clause item) holds no duty of its
        own; an item that runs on over several clauses, or any that nothing stands under (the next
        line is another item or an outer heading), is the duty itself."""
        if not sentence.heading or sentence.line.start in self.leaf_items:
            return False
        return sentence.clause_count == 1 or sentence.line.level <= 2

    @property
    def leaf_items(self) -> frozenset[int]:
        """Starts of the heading lines nothing stands under: the next line with text is an outer
        heading, a sibling (the same marker), a title, another list's line, or there is none. A
        heading of the same level by another marker (1. then (1)) stands under it."""
        if self._leaves is None:
            lines = [ln for ln in self.structure.lines if ln.kind not in ("blank", "noise")]
            found = set()
            for line, nxt in zip(lines, lines[1:] + [None]):
                if line.kind != "heading":
                    continue
                if nxt is None or nxt.subdoc != line.subdoc or nxt.kind == "title" or \
                        (nxt.kind == "heading" and (nxt.level < line.level or
                                                    (nxt.level == line.level and nxt.rules[:1] == line.rules[:1]))):
                    found.add(line.start)
            self._leaves = frozenset(found)
        return self._leaves

    def as_of(self, hit) -> bool:
        """A reporting date (as of the end of December ...) dates its own clause, not the ones after it."""
        return any(r.id == hit.rule and r.values.get("scope") is False for r in self.rules.deadlines)

    def label(self, sentence: Sentence) -> bool:
        """A short line standing alone with no punctuation but a closing colon: a label of a table or
        form (decisions.yml veto.label)."""
        line = sentence.line.text.strip()
        if sentence.text != line:
            return False
        bare = line[:-1] if line.endswith(("\uff1a", ":")) else line
        return len(bare) <= self.rules.clauses["label_max"] and not _PUNCT.search(bare)

    @staticmethod
    def points(text: str) -> bool:
        """The text is a number of points (clauses.yml non_duty `score`)."""
        return bool(non_duty_patterns()["score"].search(text))

    @staticmethod
    def stated_problem(r: Reading) -> bool:
        """The sentence states a problem: it stands under a problems heading (or in a list of them),
        or its first clause labels it one (clauses.yml non_duty `problem_label`)."""
        if (r.sentence.line.section_modality or r.subdoc.modality) == "problem":
            return True
        return bool(non_duty_patterns()["problem_label"].search(r.sentence.clauses[0].text))

    def lead_label(self, r: Reading) -> bool:
        """A short clause a colon follows, the sentence going on after it, names what follows as a
        label does (decisions.yml veto.lead_label)."""
        clauses = r.sentence.clauses
        return (r.n + 1 < len(clauses) and clauses[r.n + 1].sep_before in ("\uff1a", ":")
                and len(r.f.text) <= self.rules.clauses["label_max"])

    def _borrow(self, action: str, out: list[Candidate], rules: list[str], session: bool = False) -> Optional[str]:
        """A verbless item takes the verb (or, when it has no content, only names part of it or
        measures each session of it: the action) of the duty before it;
        an activity noun keeps its own verb unless the duty before it chose a marked one."""
        light = self._light_verb(action)
        previous = out[-1].action if out else ""
        verb = self.rules.actions["verb_start"].match(previous)
        if light and (not verb or self._light_verb(previous[verb.end():]) == verb.group()):
            rules.append("action.activity_verb")
            return light + action
        if not out:
            return None
        if len(action) < 2 or action in previous or session:
            rules.append("action.borrow_action")
            return previous
        if not verb:
            return None
        rules.append("action.borrow_verb")
        return verb.group() + action

    def _light_verb(self, action: str) -> Optional[str]:
        """The verb an activity noun takes (a lesson is given, a meeting is held): actions.yml
        `activity_verbs`; a quoted name is the noun it quotes."""
        action = action.rstrip(_CLOSING_QUOTES)
        for noun, verb in self.rules.activity_verbs:
            if action.endswith(noun):
                return verb
        return None

    def _object_from_topic(self, r: Reading) -> None:
        """A bare verb takes the sentence's topic, else the heading's, as object; a bare count
        takes it as its action (topics.py); several topics under a distributive word give one duty each.
        A topic of its own part of the sentence wins over a duty before it with the same verb."""
        empty = len(r.action) < 2 and r.count is not None
        if not (empty or bare_verb(r.action)):
            return
        if not empty and r.scope.topic_np is None and (objectless(r.action) or len(r.action) == 1) and \
                any(c.action.startswith(r.action) and len(c.action) > len(r.action) for c in r.out):
            return
        row = r.sentence.line.row or {}
        topic = r.scope.topic_np or cell_topic(row.get("task") or "")
        if topic is None:
            topic = heading_topic(r.sentence.line.section)
            if topic is None or (not empty and r.action in topic):
                return
        actions = topic_actions("" if empty else r.action, topic, r.f.text, self._light_verb)
        r.action = r.borrowed = actions[0]
        r.more = tuple(actions[1:])
        r.rules.append("action.object_from_topic")
        if topic == r.scope.topic_np:
            r.holder = meeting_holder(topic)

    @staticmethod
    def _row_meeting(r: Reading) -> None:
        """A table row whose task cell names a meeting (party day | hold one party day a month): the duty that
        holds it falls to the body that holds the meeting, as a meeting that is a sentence's topic does."""
        task = (r.sentence.line.row or {}).get("task")
        if r.holder is None and task and task in r.action:
            r.holder = meeting_holder(task)

    @staticmethod
    def _object_from_sentence(r: Reading) -> Optional[str]:
        """A bare verb takes its object from a duty before it in the sentence with the same verb."""
        for cand in reversed(r.out):
            if cand.action.startswith(r.action) and len(cand.action) > len(r.action):
                r.rules.append("action.object_from_sentence")
                return cand.action
        return None

    @staticmethod
    def _object_from_heading(r: Reading) -> Optional[str]:
        """The object a bare verb takes from the nearest heading above it that names it (not the
        sentence's own heading line, where the verb stands without it)."""
        line = r.sentence.line
        above = line.section[:-1] if line.kind == "heading" else line.section
        for heading in reversed(above):
            pos = heading.find(r.action)
            if pos >= 0:
                r.rules.append("action.object_from_heading")
                head = heading_of(heading)
                start = head[2] if head else 0
                if pos > start and pos + len(r.action) == len(heading):
                    return canonical_action(r.action + heading[start:pos])
                return canonical_action(heading[pos:])
        return None

    @staticmethod
    def _section(sentence: Sentence) -> tuple[str, ...]:
        row = sentence.line.row or {}
        if row.get("task"):
            return sentence.line.section + (row["task"],)
        return sentence.line.section

    @staticmethod
    def _modality(marks: dict, r: Reading) -> str:
        rules, scope = r.rules, r.scope
        if "prohibition" in marks:
            rules.append(marks["prohibition"][0])
            return "prohibition"
        default = scope.voice or r.sentence.line.section_modality or r.subdoc.modality
        strong = ("obligation" in marks and marks["obligation"][1]) or scope.strong_obligation
        if default == "problem" and "achievement" in marks and not strong and "shortfall" not in marks:
            rules.append(marks["achievement"][0])
            return "achievement"
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
