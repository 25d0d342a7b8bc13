"""Canonical actions: a short verb-object phrase, and whether a clause has a verb (actions.yml).

The phrase is cleaned (asides holding a number, a titled document named by its head noun,
enumerations, framing and modal words at either end, determiners, particles), then reduced to its
verb-object phrase by its shape (`phrase.verb_phrase`); a meeting loses the body that holds it,
a long phrase keeps its first conjunct, synonyms merge.
"""
from __future__ import annotations

import regex

from ..rules import get_rules, rule_cache
from .actors import _inside_title, find_actors
from .phrase import disposal, leading_role, modifiers, nominal_object, phrase_rules, verb_phrase
from .roles import find_mentions

_WHITE = regex.compile(r"\s+")


@rule_cache()
def canonical_action(text: str) -> str:
    """A short verb-object phrase: framing words, determiners and particles cut, synonyms merged."""
    rules = get_rules()
    a = rules.actions
    x = phrase_rules()
    s = text.strip(" \t\n，。；、：")
    s = x["asides"].sub("", s)
    s = x["title_head"].sub(lambda m: m.group("head"), s)
    s = a["enumerations"].sub("", s)
    s = _ends(s)
    s = a["determiners"].sub("", s)
    s = a["inner_adverbs"].sub("", s)
    s = a["verb_particles"].sub("", s)
    s = x["stray"].sub("", _WHITE.sub("", s))
    t = verb_phrase(s)
    if t != s:
        s = verb_phrase(_ends(t, manner=True)) or t
    s = leading_role(s) or s
    s = modifiers(nominal_object(s))
    s = _meeting_holder(s)
    s = _shorten(s)
    return rules.synonyms.get(s, s)


def _ends(s: str, manner: bool = False) -> str:
    """Framing and modal words cut from both ends (never the first character of a verb, nor, with
    `manner`, a manner word the phrase put before its verb); an object put before its verb
    moved after it."""
    a = get_rules().actions
    for _ in range(3):
        before = s
        s = disposal(s)
        lead, verb = a["leading"].match(s), a["verb_start"].match(s)
        if lead and not (verb and lead.end() < verb.end()) \
                and not (manner and phrase_rules()["manner_marks"].match(s)):
            s = s[lead.end():]
        s = a["strip_trailing"].sub("", s)
        if s == before:
            break
    return phrase_rules()["trailing_marks"].sub("", s)


def _meeting_holder(s: str) -> str:
    """A meeting named after its verb with the body that holds it (hold + the student branch's
    committee meeting): the body is the actor, the action names the meeting. A bare body word
    (shorter than `holder_min` characters, not pointed at by `deictic`) stays part of the
    meeting's name."""
    for h in find_mentions(s):
        if h.kind != "meeting" or h.start == 0:
            continue
        name = s[h.start: h.end]
        for k in range(2, len(name) - 1):
            own = find_mentions(name[k:])
            body = find_actors(name[:k])
            if own and own[0].kind == "meeting" and (own[0].start, own[0].end) == (0, len(name) - k) \
                    and body and (body[0].start, body[-1].end) == (0, k) and body[-1].kind == "body" \
                    and (k >= phrase_rules()["holder_min"] or phrase_rules()["deictic"].match(name)):
                return s[: h.start] + name[k:] + s[h.end:]
        return s
    return s


def _shorten(s: str) -> str:
    """A long phrase keeps the verb and its first conjunct, so actions stay short and comparable."""
    a = get_rules().actions
    if len(s) <= a["max_length"]:
        return s
    verb = a["verbs"].search(s)
    if not verb:
        return s
    for m in a["coordinators"].finditer(s, verb.end()):
        if m.start() >= 6 and not _inside_title(s, m.start()) and not _ends_with_actor(s[: m.start()]) \
                and not s.startswith("“", m.end()):
            return s[: m.start()]
    return s


def _ends_with_actor(text: str) -> bool:
    hits = find_actors(text)
    return bool(hits) and hits[-1].end == len(text)


def objectless(action: str) -> bool:
    """A verb that says nothing without its object (actions.yml `objectless_verbs`)."""
    return bool(get_rules().actions["objectless_verbs"].match(action))


def event_verb(action: str) -> bool:
    """An action that happens at a point in time (actions.yml `event_verbs`): a date can reach it."""
    return bool(get_rules().actions["event_verbs"].match(action))


def starts_with_verb(text: str) -> bool:
    return bool(get_rules().actions["verb_start"].match(text))
