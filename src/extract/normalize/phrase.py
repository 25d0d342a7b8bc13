"""The verb-object phrase of an action, found by its shape (actions.yml, the keys after `verbs`).

What stands before the main verb is cut when it is a prepositional or framing phrase
(`prepositions`, `frames`), a preposition whose noun was a cut date, or a subject or time word
left before a preposition or a modal word (`inner_marks`); what is left keeps its object. A
prepositional phrase stays when the verb has no object of its own and needs it (report to the
higher body, talk with the members); a patient before its verb (a patient preposition, a
disposal marker, a topic before a modal word) becomes its object. Verbs are those of the
lexicon (`verbs`, and the light verbs of `objectless_verbs`) and, where it has none, the
two-character verbs of jieba's dictionary; a verb heading a noun (`noun_heads`) is none.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..rules import get_rules, load_yaml, rule_cache
from .actors import find_actors
from .roles import find_mentions
from .verbs import dictionary_nouns, dictionary_verbs

# quotations, titles and bracketed asides hold no verb of the phrase (a title keeps its brackets)
_QUOTED = regex.compile(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)")
_MASK = "\x00"


@rule_cache(maxsize=1)
def phrase_rules() -> dict:
    """The keys of actions.yml only this module reads, compiled once per rules."""
    data = load_yaml("actions")
    out = {k: regex.compile(data[k], regex.V1) for k in
           ("prepositions", "argument_prepositions", "patient_prepositions", "motion_prepositions",
            "agent_prepositions", "disposal", "inner_marks", "manner_marks", "recipient_marks", "measure",
            "asides", "title_head", "trailing_marks", "stray", "time_word", "modifier_end", "complement",
            "relative", "deictic", "function_chars", "numeral")}
    out["of"] = data["of"]
    out["holder_min"] = int(data["holder_min"])
    out["noun_heads"] = regex.compile(data["noun_heads"].lstrip("^"), regex.V1)
    out["head_verb"] = regex.compile(f"(?:{data['noun_heads'].lstrip('^')})(?=(?:{data['verbs']}))", regex.V1)
    out["head_end"] = regex.compile(f"(?:{data['noun_heads'].lstrip('^')})$", regex.V1)
    out["frames"] = tuple((regex.compile(f["open"], regex.V1), regex.compile(f["close"], regex.V1))
                          for f in data["frames"])
    out["light"] = regex.compile(get_rules().actions["objectless_verbs"].pattern.strip("^$"), regex.V1)
    out["marks"] = regex.compile(f"{data['inner_marks']}|{data['prepositions'].lstrip('^')}", regex.V1)
    out["manner_at"] = regex.compile(data["manner_marks"].lstrip("^"), regex.V1)
    out["prep_at"] = regex.compile(data["prepositions"].lstrip("^"), regex.V1)
    out["measure_end"] = regex.compile(f"(?:{data['measure']})$", regex.V1)
    return out


@rule_cache()
def _masked(s: str) -> str:
    """The phrase with quotations, titles and asides blanked, offsets kept."""
    return _QUOTED.sub(lambda m: "《" + _MASK * (len(m.group()) - 2) + "》" if m.group().startswith("《")
                       else _MASK * len(m.group()), s)


@rule_cache()
def verb_spans(s: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The verbs of a phrase outside role names, quotations and titles, as (start, end): those of
    the lexicon (and the light verbs), and the two-character verbs of jieba's dictionary where
    neither stands (an open class, and a noisy one: many of its verbs are nouns too; a word that
    opens with a function character gives way to the word after it, `function_chars`). A verb
    before a noun head (actions.yml `noun_heads`: a report on how it went, its results) names a
    thing when the phrase has another verb: that verb says what is done with it."""
    masked = _masked(s)
    mentions = find_mentions(s)
    for h in mentions:
        masked = masked[: h.start] + _MASK * (h.end - h.start) + masked[h.end:]
    a = get_rules().actions
    heads = phrase_rules()["noun_heads"]
    lexicon = {(m.start(), m.end()) for p in (a["verbs"], phrase_rules()["light"]) for m in p.finditer(s)
               if (_MASK not in masked[m.start(): m.end()] or _before_role(s, m.start(), m.end(), mentions))
               and not (p is not a["verbs"] and _refused(s, m)) and not _inside_word(s, m.start(), m.end())}
    taken = {i for st, en in lexicon for i in range(st, en)}
    words = dictionary_verbs()
    function = phrase_rules()["function_chars"]
    extra = []
    for i in range(len(masked) - 1):
        if i not in taken and i + 1 not in taken and masked[i:i + 2] in words \
                and not (extra and extra[-1][1] > i) and not heads.fullmatch(s, i, i + 2) \
                and not (function.fullmatch(s, i, i + 1) and masked[i + 1:i + 3] in words):
            extra.append((i, i + 2))
    named = {(st, e) for st, e in lexicon | set(extra) if heads.match(s, e)}
    if len(named) < len(lexicon) + len(extra):
        lexicon -= named
        extra = [v for v in extra if v not in named]
    return tuple(sorted(lexicon)), tuple(extra)


def _inside_word(s: str, start: int, end: int) -> bool:
    """A lexicon verb that is part of a longer word: one character ending a verb of the
    dictionary (handle, in supervise-handle) unless that verb opens with a function character
    (shall + report is no word), or two opening a suffixed noun (contact + point,
    training + class: dictionary_nouns.txt) that ends the phrase or stands before a verb."""
    if end - start == 1:
        return start > 0 and s[start - 1:end] in dictionary_verbs() \
            and not phrase_rules()["function_chars"].fullmatch(s, start - 1, start)
    if end - start != 2 or s[start:end + 1] not in dictionary_nouns():
        return False
    rest = s[end + 1:]
    return not rest or not regex.match(r"\p{Han}", rest) or _verb_start(rest)


def _verb_start(s: str) -> bool:
    return bool(get_rules().actions["verb_start"].match(s)) or s[:2] in dictionary_verbs()


def _refused(s: str, m) -> bool:
    """A light verb the lexicon knows but refuses where it stands (a level's organisation is no
    act of organising)."""
    verbs = get_rules().actions["verbs"]
    return bool(verbs.fullmatch(m.group())) and verbs.match(s, m.start(), m.end()) is None


def _before_role(s: str, start: int, end: int, mentions) -> bool:
    """A verb the qualifiers of a role took in (report + a town committee's office): the role is
    still found after it."""
    for h in mentions:
        if h.start <= start < h.end and end < h.end and _MASK not in _masked(s)[start:end] \
                and not find_mentions(s[h.start:end]):
            return any(end + k.end == h.end for k in find_mentions(s[end:]))
    return False


@rule_cache()
def _all_verbs(s: str) -> tuple[tuple[int, int], ...]:
    lexicon, extra = verb_spans(s)
    return tuple(sorted(lexicon + extra))


def _verb_at(s: str, pos: int) -> int:
    """The end of the longest verb that starts at `pos`, else -1."""
    return max((e for st, e in _all_verbs(s) if st == pos), default=-1)


def _ends_with_verb(s: str) -> bool:
    """The phrase ends with a verb of the lexicon (a dictionary verb there is too often a noun)."""
    return bool(s) and any(e == len(s) for _, e in verb_spans(s)[0])


def _inside_verb(s: str, pos: int) -> bool:
    return any(st < pos < e for st, e in _all_verbs(s))


def _chain_end(s: str, pos: int) -> int:
    """The end of the run of verbs that starts at `pos` (study and draw up, train in a body,
    inspect and report), else -1."""
    end = _verb_at(s, pos)
    while end > 0:
        nxt = _verb_at(s, end)
        if nxt < 0:
            break
        end = nxt
    return end


def _objectless(s: str, pos: int, recipient: bool = False) -> Optional[int]:
    """Where the verbs at `pos` end when they take no object of their own (nothing, or a count of
    times, after them; with `recipient`, the role they report to): else None. A light verb
    (actions.yml `objectless_verbs`) with anything after it has its object."""
    end = _chain_end(s, pos)
    if end < 0:
        return None
    rest = s[end:]
    first = _verb_at(s, pos)
    if phrase_rules()["light"].fullmatch(s, pos, first) and first < len(s):
        return None
    if not rest or phrase_rules()["measure"].fullmatch(rest):
        return end
    return end if recipient and _recipient_end(rest) is not None else None


def _recipient_end(rest: str) -> Optional[int]:
    """The end of the role a verb reports or hands to (report to the town committee, for the
    record), when only a purpose verb or nothing follows it."""
    lead = phrase_rules()["recipient_marks"].match(rest)
    hits = [h for h in find_mentions(rest) if h.kind != "meeting"]
    if not hits or hits[0].start != (lead.end() if lead else 0) \
            or any(st < hits[0].end for st, _ in verb_spans(rest)[0]):
        return None
    tail = rest[hits[0].end:]
    if tail and _chain_end(tail, 0) != len(tail) and not regex.fullmatch(r"\p{Han}{2}", tail):
        return None
    return hits[0].end


def _reordered(verbs: str, np: str, tail: str) -> str:
    """Verb, object, then what stood after the verb without the role it goes to."""
    cut = _recipient_end(tail)
    return verbs + np + (tail[cut:] if cut is not None else tail)


def verb_phrase(s: str) -> str:
    """The verb-object phrase of `s`: leading prepositional phrases, stranded prepositions and
    left-over subjects cut; a patient or a topic before its verb read as its object."""
    for _ in range(4):
        t = _after_preposition(s)
        if t is None or t == s:
            t = _after_subject(s)
        if t is None or t == s:
            t = _reported(s)
        if t is None or t == s or not t:
            return s
        s = disposal(t)
    return s


def _after_preposition(s: str) -> Optional[str]:
    """The phrase after a leading preposition and its noun: cut when the verb after it has an
    object (for all members + give a lecture -> give a lecture), kept when the verb has none and
    needs it (report on one's duties to the higher body; talk with the members); after a
    patient's preposition, its noun is the object of the verbs (the members + train -> train
    the members); a preposition whose noun was cut (a date) is dropped. A place gone to stays
    before a bare verb only (to the village + guide); an adjunct (at, around, according to) goes
    before any verb but a bare light verb; a preposition that is a verb too (pass) stays."""
    x = phrase_rules()
    masked = _masked(s)
    m = x["prepositions"].match(masked)
    if not m:
        return None
    verb = _chain_end(s, m.end()) if any(st == m.end() for st, _ in verb_spans(s)[0]) else -1
    if verb > 0 and _pp_end(s, masked, None, verb) is None \
            or x["prep_at"].match(masked, m.end()) or x["disposal"].match(s[m.end():]):
        return s[m.end():]
    if x["agent_prepositions"].match(masked):
        end = _pp_end(s, masked, m, m.end())
        return s[end:] if end is not None else None
    if x["patient_prepositions"].match(masked):
        moved = _patient(s, m.end())
        if moved is not None:
            return moved
    end = _pp_end(s, masked, m, m.end())
    if end is None:
        return None
    needed = x["argument_prepositions"].match(masked) or get_rules().actions["verb_start"].match(s) \
        or x["light"].fullmatch(s, end)
    if _objectless(s, end) is not None and _verb_at(s, end) > 0 and needed:
        if x["motion_prepositions"].match(masked) and len(s) - end > 2:
            return s[end:]
        return s[:end] + get_rules().synonyms.get(s[end:], s[end:])
    return s[end:]


def _patient(s: str, start: int) -> Optional[str]:
    """Patient preposition + noun + verbs that end the phrase: the verbs, then the noun as their
    object. A light verb in between (to the cadres + hold + a training) is the verb, with its
    own object."""
    x = phrase_rules()
    tail = x["measure_end"].search(s)
    end = tail.start() if tail else len(s)
    ends = {e: st for st, e in _all_verbs(s)}
    if end not in ends:
        return None
    first = ends[end]
    while first in ends and ends[first] > start:
        first = ends[first]
    lexicon = verb_spans(s)[0]
    if not any(first <= st and e <= end for st, e in lexicon) or x["complement"].match(s, ends[end]) \
            or any(first <= st and x["light"].fullmatch(s, st, e) for st, e in lexicon if e <= end):
        return None
    while manner := [m for m in x["manner_at"].finditer(s, start + 1, first) if m.end() == first]:
        first = manner[0].start()
    np = s[start:first]
    if first <= start or x["light"].match(s, first) or _ends_with_verb(np) \
            or any(start <= st and x["light"].fullmatch(s, st, e) for st, e in lexicon if e <= first):
        return None
    return s[first:end] + np + s[end:]


def _pp_end(s: str, masked: str, m, start: int) -> Optional[int]:
    """Where the noun a preposition governs ends: after its frame's closing word (from ... among,
    around ... themes, against a titled rule; actions.yml `frames`) when a verb or another
    preposition follows, else where the first light verb, or else the first verb, stands, with
    the verbs right before it (in a body + train); None without a verb."""
    x = phrase_rules()
    if m is not None:
        for opener, closer in x["frames"]:
            if opener.fullmatch(masked, 0, m.end()):
                for c in closer.finditer(masked, start + 1):
                    if c.end() == len(s):
                        return None
                    if _verb_at(s, c.end()) > 0 or x["prep_at"].match(masked, c.end()) \
                            or c.group().endswith("》"):
                        return c.end()
                break
    after = [st for st, e in _all_verbs(s) if st > start and e != len(s) - 1]
    if not after:
        return None
    light = [st for st in after if x["light"].match(s, st)]
    first = light[0] if light else after[0]
    prep = x["prep_at"].search(masked, start + 1, first)
    if prep and not _inside_verb(s, prep.start()):
        return prep.start()
    ends = {e: st for st, e in _all_verbs(s)}
    while first in ends and ends[first] > start:
        first = ends[first]
    return first


def _reported(s: str) -> Optional[str]:
    """A noun ending with a noun head (actions.yml `noun_heads`: results, plans, lists) and no role,
    before a verb that reports it to a role (the results + report to the county department for the
    record): the verb, then the noun as its object."""
    x = phrase_rules()
    opening = get_rules().actions["verb_start"].match(s)
    if opening and not x["noun_heads"].match(s, opening.end()) or not x["head_verb"].search(s):
        return None
    for st, _ in verb_spans(s)[0]:
        lead = s[:st]
        if st < 2 or any(v < st for v, _ in _all_verbs(s)) or not _topic(lead) \
                or x["marks"].search(_masked(lead), 2) or not x["head_end"].search(lead):
            return None
        free = _objectless(s, st, recipient=True)
        if free is None or free == len(s) or _recipient_end(s[free:]) is None:
            return None
        return _reordered(s[st:free], lead, s[free:])
    return None


def _after_subject(s: str) -> Optional[str]:
    """A subject or a time word left before a preposition or a modal word (actions.yml
    `inner_marks`) is cut; a topic before a verb with no object of its own is that verb's object
    (the results + within the system + announce -> announce the results; the results + shall +
    report to the committee for the record -> report the results for the record)."""
    x = phrase_rules()
    masked = _masked(s)
    marks = [m for m in x["marks"].finditer(masked, 2) if m.end() < len(s)]
    if not marks or x["prepositions"].match(masked) or x["disposal"].match(s):
        return None
    pivot = x["light"].match(s)
    opening = get_rules().actions["verb_start"].match(s)
    if not pivot and opening and not x["noun_heads"].match(s, opening.end()):
        return None
    lexicon_ends = {e for _, e in verb_spans(s)[0]}
    for mark in marks:
        at = mark.start()
        lead = s[:at]
        if at in lexicon_ends or _inside_verb(s, at) or _MASK in masked[at:mark.end()] \
                or any(st == at and e > mark.end() for st, e in _all_verbs(s)) \
                or x["modifier_end"].search(lead) or get_rules().actions["ratio_nouns"].search(lead[-3:]):
            continue
        if pivot and not (_is_role(lead) and find_actors(lead)[-1].start == pivot.end()
                          and x["prep_at"].match(masked, at)):
            return None
        if x["prep_at"].match(masked, at):
            rest = s[at:]
            end = _pp_end(rest, _masked(rest), x["prepositions"].match(_masked(rest)), mark.end() - at)
            if end is None:
                continue
            free = _objectless(rest, end)
            if free is not None and not x["argument_prepositions"].match(rest) and _topic(lead) \
                    and x["head_end"].search(lead) and not _lexicon_before(s, at):
                return _reordered(rest[end:free], lead, rest[free:])
            return rest
        rest = s[mark.end():]
        while (more := x["inner_marks"].match(rest)) and more.end() < len(rest):
            rest = rest[more.end():]
        if x["prepositions"].match(_masked(rest)):
            return rest
        if _is_role(lead) and _objectless(rest, 0) is not None:
            return None
        manner = x["manner_at"].match(s, at)
        manner = manner.group() if manner else ""
        if _verb_at(rest, 0) < 0:
            if len(rest) > 2 or not manner or not _topic(lead):
                continue
            return manner + rest + lead
        free = _objectless(rest, 0, recipient=True)
        if free is not None and _topic(lead) and (x["head_end"].search(lead) or not (_all_verbs(lead) or x["numeral"].search(lead))) \
                and not _lexicon_before(s, at):
            return _reordered(manner + rest[:free], lead, rest[free:])
        return rest
    return None


def _lexicon_before(s: str, at: int) -> bool:
    """A verb of the lexicon before `at`: what stands there is a predicate, no topic to move."""
    return any(st < at for st, _ in verb_spans(s)[0])


def leading_role(s: str) -> Optional[str]:
    """A role that opens the phrase before a verb with an object of its own (a counted subject
    left in place: the new secretaries + attend the summer training) is cut."""
    if get_rules().actions["verb_start"].match(s) or phrase_rules()["prepositions"].match(s):
        return None
    hits = [h for h in find_actors(s) if h.start == 0]
    if not hits or not any(st == hits[0].end for st, _ in verb_spans(s)[0]):
        return None
    return s[hits[0].end:] if _objectless(s, hits[0].end) is None else None


def nominal_object(s: str) -> str:
    """A light verb whose object names an action done to a noun (complete + the archives + of +
    sorting and filing): that action, then the noun."""
    x = phrase_rules()
    light = x["light"].match(s)
    if not light or x["of"] not in s:
        return s
    at = _masked(s).rfind(x["of"])
    np, head = s[light.end():at], s[at + 1:]
    if at <= light.end() + 1 or not head or not _ends_with_any_verb(head) or _verb_at(np, 0) > 0 \
            or x["prep_at"].match(_masked(s), light.end()) or _ends_with_verb(np) \
            or get_rules().actions["leading"].match(head) or x["inner_marks"].match(head):
        return s
    return head + np


def _ends_with_any_verb(s: str) -> bool:
    return any(e == len(s) for _, e in _all_verbs(s))


def modifiers(s: str) -> str:
    """A clause or a prepositional phrase that modifies the object with DE (hold + going out of the
    park + DE + practice days; with the community party organisation + DE + joint activities) is
    no part of the action; before a verbal noun (the study of ...) it is that noun's object."""
    x = phrase_rules()
    if x["of"] not in s:
        return s
    first = _verb_at(s, 0)
    if first < 0:
        return s
    end = first if x["light"].fullmatch(s, 0, first) else _chain_end(s, 0)
    masked = _masked(s)
    at = masked.find(x["of"], end)
    if at <= end or masked.find(x["of"], at + 1) >= 0 or at + 1 >= len(s) \
            or x["noun_heads"].fullmatch(s, at + 1):
        return s
    clause = _verb_at(s, end) > 0 and not x["light"].match(s, end) or x["relative"].match(s, end)
    if clause and _verb_at(s[at + 1:], 0) < 0 or x["prep_at"].match(masked, end):
        return s[:end] + s[at + 1:]
    return s


def _topic(lead: str) -> bool:
    """A noun before the verb that can be its object: no role (a role is its subject), no number
    or date (a time word)."""
    return not _is_role(lead) and not phrase_rules()["time_word"].search(lead)


def _is_role(text: str) -> bool:
    hits = find_actors(text)
    return bool(hits) and hits[-1].end == len(text)


def disposal(s: str) -> str:
    """Disposal marker + object + verb + the role it goes to: the verb, then its object (the
    results + report to the committee -> report the results)."""
    m = phrase_rules()["disposal"].match(s)
    if not m or phrase_rules()["light"].match(s, m.end()):
        return s
    st = next((st for st, _ in _all_verbs(s) if st > m.end()), None)
    if st is None:
        return s
    np = s[m.end(): st]
    free = _objectless(s, st, recipient=True)
    if free is not None and len(np) > 1 and not get_rules().actions["leading"].match(np) \
            and not phrase_rules()["prep_at"].search(_masked(np)):
        return _reordered(s[st:free], np, s[free:])
    return s
