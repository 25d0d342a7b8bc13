"""Roles: where a clause names its actor, and which role a title or a table cell names (actors.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..rules import family_gate, get_rules, rule_cache
from .verbs import has_any_verb


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    canonical: str


def find_actors(text: str) -> list[ActorHit]:
    """Every mention of a role in the text, longest first at each position, without overlaps."""
    return list(_find_actors(text))


@rule_cache()
def _find_actors(text: str) -> tuple[ActorHit, ...]:
    rules = get_rules()
    if not family_gate("actor_roles").search(text):
        return ()
    found: list[ActorHit] = []
    for rule in rules.actor_roles:
        for m in rule.finditer(text):
            canonical = rule.values["canonical"]
            if canonical == "$core":
                canonical = m.group("core")
            found.append(ActorHit(m.start(), m.end(), canonical))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[ActorHit] = []
    for hit in found:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return tuple(_with_prefix(text, h) for h in out)


def _with_prefix(text: str, hit: ActorHit) -> ActorHit:
    prefix = get_rules().actor_prefix
    best = hit.start
    for start in range(max(0, hit.start - 12), hit.start):
        m = prefix.fullmatch(text, start, hit.start)
        if m and m.end() > m.start():
            best = start
            break
    return ActorHit(best, hit.end, hit.canonical)


def subject_actor(text: str, before: int) -> Optional[ActorHit]:
    """The actor that is the subject of the clause.

    The first role named before the verb, when nothing but framing words stand
    before it; roles joined to it by a conjunction form one noun phrase whose
    head, the last role, is the subject. A preposition or governing verb
    before a role (actors.yml `non_subject`) makes it an object.
    """
    rules = get_rules()
    hits = [h for h in find_actors(text[:before]) if not _inside_title(text, h.start)]
    if not hits:
        return None
    first = hits[0]
    lead = text[: first.start]
    bare = rules.actions["leading"].sub("", _QUOTED.sub("", lead))
    if lead and not rules.actor_modifier_end.search(lead) and (has_any_verb(bare) or _object_marker(lead)):
        if not rules.actor_subject_marker.search(lead):
            return None
    chosen = first
    for hit in hits[1:]:
        gap = text[chosen.end: hit.start]
        if rules.actions["verbs"].search(gap) or _object_marker(gap):
            break
        chosen = hit
    name = rules.person_name.match(text[chosen.end:])
    if name:
        chosen = ActorHit(chosen.start, chosen.end + name.end(), chosen.canonical)
    return chosen


@rule_cache()
def first_verb(text: str) -> int:
    """Where the first verb of the clause stands, outside role names and quotations."""
    rules = get_rules()
    blocked = [(h.start, h.end) for h in find_actors(text)]
    blocked += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for m in rules.actions["verbs"].finditer(text):
        if not any(s <= m.start() < e for s, e in blocked):
            return m.start()
    return len(text)


_QUOTED = regex.compile(r"“[^”]*”|《[^》]*》")


def governed_actor(text: str) -> bool:
    """True when the clause opens with a verb handing the action over to a role (actors.yml
    `hands_over`, a verb such as "push the branches to ..."): what follows is that role's, not the
    sentence subject's. A preposition before the role names an object and changes no one's part."""
    hits = find_actors(text)
    if not hits:
        return False
    lead = text[: hits[0].start]
    return bool(lead) and len(lead) <= 6 and bool(_hands_over_anywhere().search(lead))


@rule_cache(maxsize=1)
def _hands_over_anywhere() -> regex.Pattern:
    return regex.compile(get_rules().actor_hands_over.pattern.rstrip("$"), regex.V1)


def _object_marker(text: str) -> bool:
    return bool(_object_anywhere().search(text))


@rule_cache(maxsize=1)
def _object_anywhere() -> regex.Pattern:
    return regex.compile(get_rules().actor_non_subject.pattern.rstrip("$"), regex.V1)


def _inside_title(text: str, pos: int) -> bool:
    return text.count("《", 0, pos) > text.count("》", 0, pos)


def actor_of(text: str) -> Optional[str]:
    """The actor a phrase names: its subject, else (for a title) its owner."""
    hit = subject_actor(text, first_verb(text))
    return hit.canonical if hit else title_actor(text)


def title_actor(title: str) -> Optional[str]:
    """The role a list or report title names (its owner), else a title cue's role."""
    rules = get_rules()
    for hit in find_actors(title):
        if not _inside_title(title, hit.start):
            return hit.canonical
    for cue in rules.title_cues:
        if cue.pattern.search(title):
            return cue.values["actor"]
    return None


def actor_in_cell(text: str) -> Optional[str]:
    """The role a table's actor cell names; the cell itself when the lexicon knows none."""
    hits = find_actors(text)
    if hits:
        return hits[0].canonical
    cleaned = text.strip()
    return cleaned or None
