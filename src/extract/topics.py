"""Topics and ellipsis: what a clause is about when it does not say it.

A sentence may open by naming its topic (the members' assembly, as a rule quarterly; the branch
committee and the group meeting, each monthly) and leave the verb's object out after it; a
numbered item may leave it to its heading. A bare verb then takes the topic as object, a bare
count takes it as action, and several topics under a distributive word (actions.yml
`distributive`) give one duty each. The words are actions.yml's `topic_*` keys.
"""
from __future__ import annotations

from typing import Optional

import regex

from .normalize import canonical_action, modality_marks
from .normalize.actors import QUOTED, inside_quote
from .normalize.roles import find_mentions
from .normalize.verbs import dictionary_verbs, has_any_verb
from .rules import get_rules, load_yaml, rule_cache
from .structure import heading_of

TOPIC_MAX = 20
# a phrase this short may name a topic whatever its words, when a bare verb follows it (a report: members submit one each quarter)
TOPIC_SHORT = 6
# a heading naming an activity by its verbal noun is short (the activists' training: eight characters)
HEADING_ACTIVITY_MAX = 10


@rule_cache(maxsize=1)
def _words() -> dict[str, regex.Pattern]:
    data = load_yaml("actions")
    return {key: regex.compile(data[key], regex.V1)
            for key in ("topic_joins", "topic_distributive", "single_verbs", "topic_not")}


def _masked(text: str) -> str:
    """The text with its role and meeting mentions and its quoted names blanked (a member's
    assembly, a campaign's name hold no verb)."""
    for hit in reversed(find_mentions(text)):
        text = text[: hit.start] + "\x00" + text[hit.end:]
    return QUOTED.sub("\x00", text)


@rule_cache()
def topic_of(text: str, verb_allowed: bool = False, commented: bool = False) -> Optional[str]:
    """The topic a clause names, when it names one and does nothing: a short noun phrase with no
    verb outside the meetings it names, or an activity noun (actions.yml `activity_verbs`); with
    `verb_allowed` (the clause after it is a bare verb), a short phrase whatever its words, when
    no modal word stands in it; with `commented` too (that clause names its own subject: the
    analysis of ideological work, the committee does it half-yearly), a longer one that does not
    open with a verb. No role but meetings stands in a topic; no time or phrase a
    preposition opens is one (actions.yml `topic_not`)."""
    text = text.strip()
    words = _words()
    if not text or len(text) > TOPIC_MAX + TOPIC_MAX // 2 or "\x00" in text or words["topic_not"].search(text) \
            or get_rules().actions["beneficiary"].match(text):
        return None
    if len(text) > TOPIC_MAX and not _activity_of_roles(text):
        return None
    if any(h.kind != "meeting" and not _modifier(text, h) for h in find_mentions(text)) \
            and not _activity_of_roles(text):
        return None
    if not has_any_verb(_masked(text)):
        return text
    if verb_allowed and (len(text) <= TOPIC_SHORT or (commented and not _verb_first(text))) \
            and not modality_marks(text):
        return text
    for noun, _ in get_rules().activity_verbs:
        if text.endswith(noun) and not has_any_verb(_masked(text[: -len(noun)])):
            return text
    return None


def _modifier(text: str, hit) -> bool:
    """A role that names no actor of the topic: inside a quoted name (the secretaries' tea talk),
    or before the noun it modifies (members' winter training, members' thinking analysed), the
    topic going on after it with no verb but a verbal noun at its end of four characters or more
    (members attend: a clause of its own)."""
    if inside_quote(text, hit, ending=True):
        return True
    rest = text[hit.end:]
    nominal = not has_any_verb(rest) or (len(rest) >= 4 and not has_any_verb(rest[:-2]))
    return hit.start == 0 and len(rest) >= 2 and not _masked(rest).startswith("\x00") and nominal


def _verb_first(text: str) -> bool:
    """The phrase opens with a verb (strengthen the study): a predicate, no thing named."""
    return has_any_verb(_masked(text)[:2])


def _activity_of_roles(text: str) -> bool:
    """An activity the roles before it take part in (the talks between the secretary and the
    members): roles modify its noun (actions.yml `activity_verbs`), joined by a possessive."""
    if "\u7684" not in text:
        return False
    return any(text.endswith(noun) for noun, _ in get_rules().activity_verbs)


def heading_topic(section: tuple[str, ...]) -> Optional[str]:
    """The nearest heading above, when it only names things (a topic for its lines)."""
    if not section:
        return None
    heading = section[-1]
    head = heading_of(heading)
    name = heading[head[2]:] if head else heading
    return topic_of(name) or _activity_heading(name)


def _activity_heading(name: str) -> Optional[str]:
    """A short heading that names an activity by its verbal noun at the end (activists' training,
    the July-first visits): what it names is a thing, when nothing before that noun is a verb and
    the heading does not open with one (strengthen the organisation is a predicate)."""
    name = name.strip()
    if not name or len(name) > HEADING_ACTIVITY_MAX or modality_marks(name):
        return None
    masked = _masked(name)
    if has_any_verb(masked[:2]) or has_any_verb(masked[:-2]) or not has_any_verb(masked[-2:]):
        return None
    return name


def cell_topic(cell: str) -> Optional[str]:
    """A table's task cell (the activity's name, the item of work) names the thing its row's bare
    verb or bare count is about, verbs and roles as objects and all (the heart-to-heart talks,
    visiting old members), when it is short and no modal word stands in it (its actor is the
    row's actor column or the list's owner)."""
    cell = cell.strip()
    if not cell or len(cell) > TOPIC_MAX or modality_marks(cell):
        return None
    return cell


def bare_verb(action: str) -> bool:
    """An action that is a verb and nothing more (hold, convene)."""
    if not action or len(action) > 2:
        return False
    a = get_rules().actions
    return bool(a["objectless_verbs"].match(action) or a["verbs"].fullmatch(action)
                or action in dictionary_verbs() or _words()["single_verbs"].fullmatch(action))


def topic_actions(action: str, topic: str, clause: str, light_verb) -> list[str]:
    """The actions a bare verb (or a bare count, `action` empty) takes from its topic: one per
    topic joined under a distributive word or when every topic is a meeting, else one."""
    words = _words()
    parts = [p for p in words["topic_joins"].split(topic) if p]
    meetings = all(_is_meeting(p) for p in parts)
    if len(parts) < 2 or not (meetings or words["topic_distributive"].search(clause)):
        parts = [topic]
    out = []
    for part in parts:
        if _activity_of_roles(part):
            part = part[part.rindex("\u7684") + 1:]
        if action:
            out.append(canonical_action(action + part))
        else:
            verb = light_verb(part) if _is_meeting(part) else None
            out.append(canonical_action((verb or "") + part))
    return out


def _is_meeting(text: str) -> bool:
    hits = find_mentions(text)
    return len(hits) == 1 and hits[0].kind == "meeting" and hits[0].end - hits[0].start == len(text)


def meeting_holder(topic: str) -> Optional[str]:
    """The body that holds the meetings a topic names (the highest of them), else None."""
    hits = find_mentions(topic)
    if not hits or any(h.kind != "meeting" for h in hits):
        return None
    return max(hits, key=lambda h: h.rank).canonical
