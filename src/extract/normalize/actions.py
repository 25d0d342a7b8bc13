"""Canonical actions: a short verb-object phrase, and whether a clause has a verb (actions.yml)."""
from __future__ import annotations



import regex

from ..rules import get_rules, rule_cache
from .actors import _inside_title, find_actors, first_verb


_WHITE = regex.compile(r"\s+")


@rule_cache()
def canonical_action(text: str) -> str:
    """A short verb-object phrase: framing words, determiners and particles cut, synonyms merged."""
    rules = get_rules()
    a = rules.actions
    s = text.strip(" \t\n，。；、：")
    s = a["enumerations"].sub("", s)
    for _ in range(3):
        s = a["leading"].sub("", s)
        s = a["strip_trailing"].sub("", s)
    s = a["determiners"].sub("", s)
    s = a["inner_adverbs"].sub("", s)
    s = a["verb_particles"].sub("", s)
    s = _WHITE.sub("", s).strip("，。；、：")
    s = _drop_beneficiary(s)
    s = _shorten(s)
    return rules.synonyms.get(s, s)


def _drop_beneficiary(s: str) -> str:
    """A leading beneficiary or framing phrase (actions.yml `beneficiary`) is not part of the action."""
    a = get_rules().actions
    m = a["beneficiary"].match(s)
    if not m:
        return s
    at = first_verb(s[m.end():])
    if 0 < at <= 24 and at < len(s) - m.end():
        return s[m.end() + at:]
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
