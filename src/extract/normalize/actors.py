"""Roles: where a clause names its actor, and which role a title or a table cell names (actors.yml)."""
from __future__ import annotations

from typing import Optional

import regex

from ..rules import get_rules, rule_cache
from ..spans import Taken
from .roles import ActorHit, find_mentions, read_mention
from .dates import find_deadlines, find_periods
from .numbers import find_counts
from .verbs import has_any_verb


def find_actors(text: str) -> list[ActorHit]:
    """Every mention of a role in the text (meetings left out), in order, without overlaps."""
    return [h for h in find_mentions(text) if h.kind != "meeting"]


def subject_actor(text: str, before: int) -> Optional[ActorHit]:
    """The actor that is the subject of the clause.

    A role marked as the agent (actors.yml `subject_marker` + role) before the verb; else the first role or meeting named
    before the verb, when nothing but framing words stand before it (a meeting as the topic names
    the body that holds it). Roles joined to it by a conjunction form one noun phrase whose head,
    the last role, is the subject. A preposition or governing verb before a role (actors.yml
    `non_subject`) makes it an object.
    """
    rules = get_rules()
    counted = find_counts(text)
    agent = marked_agent(text)
    if agent is not None:
        return _named(text, agent)
    hits = [h for h in find_mentions(text) if h.end <= before and not _inside_title(text, h.start)
            and not _counted(h, counted, text) and not inside_quote(text, h) and (h.kind != "meeting" or has_any_verb(text[h.end:]))]
    if not hits:
        return None
    for hit in hits:
        if hit.kind != "meeting" and rules.actor_subject_marker.search(text, 0, hit.start):
            return _named(text, hit)
    first = hits[0]
    lead = text[: first.start]
    bare = rules.actions["leading"].sub("", QUOTED.sub("", without_dates(lead)))
    if lead and not rules.actor_modifier_end.search(lead) and (has_any_verb(bare) or _object_marker(lead)):
        return None
    if lead and rules.actor_modifier_end.search(lead) and rules.actor_modifier_opened.match(bare):
        return None
    return _named(text, _joined(text, first, hits[1:]))


def _joined(text: str, chosen: ActorHit, after) -> ActorHit:
    """The head of the noun phrase the roles joined to `chosen` by a conjunction form: the last
    role (two meetings joined are one, held by the higher body)."""
    rules = get_rules()
    for hit in after:
        meetings = chosen.kind == "meeting" and hit.kind == "meeting"
        joins = rules.meeting_joins if meetings else rules.actor_joins
        if not joins.fullmatch(text, chosen.end, hit.start):
            break
        if meetings:
            held = max((chosen, hit), key=lambda h: h.rank)
            chosen = ActorHit(chosen.start, hit.end, held.canonical, "meeting", held.rule, held.rank)
        else:
            chosen = hit
    return chosen


AGENT_GAP_MAX = 2


def marked_agent(text: str) -> Optional[ActorHit]:
    """The role actors.yml `agent_marker` marks as the agent: right after the marker or after a
    qualifier of at most AGENT_GAP_MAX characters (by + the liaison + committee member), outside quotes and titles, with a
    predicate after it (two Chinese characters at least: what follows an agent is what it does, a
    verb no list knows too); a meeting there names the body that holds it (kept by the branch committee)."""
    marks = [m.end() for m in get_rules().actor_agent_marker.finditer(text)]
    if not marks:
        return None
    mentions = find_mentions(text)
    for n, hit in enumerate(mentions):
        gap = min((hit.start - end for end in marks if end <= hit.start), default=None)
        if gap is None or gap > AGENT_GAP_MAX or not _NAME_GAP.fullmatch(text, hit.start - gap, hit.start):
            continue
        if not _inside_title(text, hit.start) and not inside_quote(text, hit) \
                and len(_HAN_CHAR.findall(text, hit.end)) >= 2:
            return _joined(text, hit, mentions[n + 1:])
    return None


_NAME_GAP = regex.compile(r"\p{Han}*")
_HAN_CHAR = regex.compile(r"\p{Han}")


def inside_quote(text: str, hit: ActorHit, ending: bool = False) -> bool:
    """A role inside a quoted name, with more of the name after it (the "members into the grid"
    campaign), is part of the name: no subject (a quoted nickname that ends with the role, the
    "pocket members", is the role). With `ending`, a role that ends the quoted name counts too
    (a topic named "party-member model post" names a thing, not people)."""
    last = 0 if ending else 1
    return any(q.start() < hit.start and hit.end < q.end() - last for q in QUOTED.finditer(text))


def without_dates(lead: str) -> str:
    """The lead before a role with its dates and period words left out: a date is no verb
    (as of the end of September, the cadres donated ...)."""
    spans = [(h.start, h.end) for h in find_deadlines(lead)] + [(p.start, p.end) for p in find_periods(lead)]
    for start, end in sorted(spans, reverse=True):
        lead = lead[:start] + lead[end:]
    return lead


def _counted(hit: ActorHit, counts, text: str) -> bool:
    """A role a number counts is what was counted, no subject: people counted before their role
    (ninety new branch secretaries attended) and any role with its count after it (one full-time
    deputy secretary); bodies counted before stay subjects (three inspection teams reported), and
    so do people a report says there are (actors.yml `existential`: five secretaries still have not
    attended) and people counted who did not do a thing (`counted_failing`)."""
    rules = get_rules()
    existential, failing = rules.actor_existential, rules.actor_counted_failing
    return any(c.start == _after_quote(text, hit.end) or (c.end == hit.start and hit.kind == "member"
                                                          and not existential.search(text, 0, c.start)
                                                          and not failing.match(text, hit.end))
               for c in counts)


def _after_quote(text: str, end: int) -> int:
    """Where a role ends with the closing quotation marks after its name (a quoted nickname and its
    count: the "pocket members" + 5 people)."""
    while end < len(text) and text[end] in _CLOSING_QUOTES:
        end += 1
    return end


_CLOSING_QUOTES = "\u201d\u2019\u300d\u300f"


def _named(text: str, hit: ActorHit) -> ActorHit:
    """The mention with a person's name after it (actors.yml `person_name`) taken in."""
    name = get_rules().person_name.match(text[hit.end:])
    if name:
        return ActorHit(hit.start, hit.end + name.end(), hit.canonical, hit.kind, hit.rule, hit.rank)
    return hit


@rule_cache()
def first_verb(text: str) -> int:
    """Where the first verb of the clause stands, outside role names and quotations."""
    rules = get_rules()
    blocked = Taken([(h.start, h.end) for h in find_mentions(text)]
                    + [(m.start(), m.end()) for m in QUOTED.finditer(text)])
    for m in rules.actions["verbs"].finditer(text):
        if not blocked.covers(m.start()):
            return m.start()
    return len(text)


QUOTED = regex.compile(r"“[^”]*”|《[^》]*》")


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
    """The owner a list or report title names (its canonical role), else a title cue's role."""
    hit = title_owner(title)
    if hit is not None:
        return hit.canonical
    for cue in get_rules().title_cues:
        if cue.pattern.search(title):
            return cue.values["actor"]
    return None


def title_owner(title: str) -> Optional[ActorHit]:
    """The owner's mention in a title (offsets in the title).

    The first role named outside a quoted title (inside one when none is outside: a notice that
    issues a document) with no verb or preposition right before it (a role after them is the
    topic: developing party members, training for village cadres); a meeting or a member standing
    alone names the body before it (the branch's themed party day rules, the committee's members'
    care list).
    """
    rules = get_rules()
    hits = find_mentions(title, compounds=False)
    outside = [h for h in hits if not _inside_title(title, h.start)]
    inside = [h for h in hits if _inside_title(title, h.start)]
    for group in (outside, inside):
        for hit in group:
            lead = rules.title_lead.sub("", QUOTED.sub("", title[: hit.start]))
            if rules.actions["verbs"].search(lead) or rules.actor_non_subject.search(lead):
                continue
            return _owner(title, hit)
    return None


def _owner(title: str, hit: ActorHit) -> ActorHit:
    """The body or office a title's role mention begins with, when the mention ends with a meeting
    or a member that stands alone; else the mention itself."""
    if hit.kind == "meeting" or (hit.kind == "member" and hit.rule.startswith("role.member.")
                                 and hit.rule not in ("role.member.of_body", "role.member.of_office")):
        for end in range(hit.end - 1, hit.start, -1):
            owner = read_mention(title[hit.start:end])
            if owner is not None and owner.kind in ("body", "office") and owner.end == end - hit.start:
                return ActorHit(hit.start, end, owner.canonical, owner.kind, owner.rule, owner.rank)
    return hit


def actor_in_cell(text: str) -> Optional[str]:
    """The role a table's actor cell names; the cell itself when the lexicon knows none."""
    hits = find_actors(text)
    if hits:
        return hits[0].canonical
    cleaned = text.strip()
    return cleaned or None
