"""The duty candidate (a duty before it is a record), the scope a sentence carries from clause to
clause, and the reading of one sentence that the predicates of decisions.yml test."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from .normalize import ActorHit, Count, DeadlineHit
from .structure import SubDoc

if TYPE_CHECKING:
    from .clauses import Clause, Sentence
    from .facts import ClauseFacts, ItemFacts


@dataclass(slots=True)
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
    actor_span: Optional[tuple[int, int]] = None


@dataclass
class Scope:
    """What a sentence carries from clause to clause: period, date, subject, topic, condition."""

    period: Optional[str] = None
    period_rule: Optional[str] = None
    period_at: Optional[int] = None
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
    topic_np: Optional[str] = None
    voice: Optional[str] = None


class Note(NamedTuple):
    """One decision taken while reading: the rule, its effect, the view span it applied to, and
    what it set (a period, an actor, a trigger), if anything."""

    rule: str
    effect: str
    start: int
    end: int
    value: Optional[str] = None


class Reading:
    """The state of reading one sentence, as the predicates and effects of decisions.yml see it:
    the sentence and where it stands, its scope, the clause and item at hand, and the values of
    the duty being read."""

    __slots__ = ("reader", "sentence", "subdoc", "row", "scope", "read", "out", "n", "clause", "facts", "f",
                 "count", "dated", "anchored", "subject", "topic_before", "action", "borrowed", "rules",
                 "period", "period_given", "deadline", "deadline_span", "actor", "actor_span", "cand", "more", "holder")

    def __init__(self, reader: Any, sentence: "Sentence", subdoc: SubDoc):
        self.reader = reader
        self.sentence = sentence
        self.subdoc = subdoc
        self.row: dict = sentence.line.row or {}
        self.scope = Scope()
        self.read: list["ClauseFacts"] = []
        self.out: list[Candidate] = []
        self.n = 0
        self.clause: Optional["Clause"] = None
        self.facts: Optional["ClauseFacts"] = None
        self.f: Optional["ItemFacts"] = None
        self.cand: Optional[Candidate] = None

    def start_item(self, f: "ItemFacts") -> None:
        """The values of a new item, before any decision on it."""
        self.f = f
        self.count = f.count
        self.dated = f.item.deadlines
        self.anchored = bool(self.count or self.dated or f.own_period)
        self.subject = f.subject
        self.topic_before = self.scope.topic
        self.action = ""
        self.borrowed = None
        self.more: tuple[str, ...] = ()
        self.holder: Optional[str] = None
        self.rules = ["duty.shared_predicate"] if f.shares else []
        self.period, self.period_given = None, False
        self.deadline, self.deadline_span = None, None
        self.actor = None
        self.actor_span: Optional[tuple[int, int]] = None
