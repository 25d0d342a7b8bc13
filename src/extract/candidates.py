"""The duty candidate: what the duty rules find in a sentence before it becomes a record,
and the scope a sentence carries from clause to clause."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .normalize import ActorHit, Count, DeadlineHit
from .structure import SubDoc


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
    actor_slot: Optional[int] = None


@dataclass
class Scope:
    """What a sentence carries from clause to clause: period, date, subject, topic, condition."""

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


def moved(cand: Candidate, delta: int, subdoc: Optional[SubDoc], section: tuple[str, ...],
           actor: tuple[Optional[str], Optional[str]] = (None, None), strip: bool = False) -> Candidate:
    """A copy of a candidate moved by `delta` in the view, into another list and section.

    A candidate whose actor came from where it stands (`actor_slot`) takes `actor` (the actor and
    its rule id) there; with `strip` the rule it had is taken out, leaving the slot empty.
    """
    rules = list(cand.rules)
    name = cand.actor
    if cand.actor_slot is not None:
        if strip and cand.actor is not None:
            del rules[cand.actor_slot]
        name, rule = actor
        if rule is not None:
            rules.insert(cand.actor_slot, rule)
    span = cand.deadline_span
    return Candidate(cand.start + delta, cand.end + delta, cand.action, name, cand.modality, cand.count,
                     cand.period, cand.period_given, cand.deadline,
                     (span[0] + delta, span[1] + delta) if span else None, cand.condition, section, subdoc,
                     rules, cand.actor_slot)
