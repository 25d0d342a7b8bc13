"""Roles as a model (roles.yml): a role is found by its shape and read into its canonical name.

A mention is a run of pieces (bodies, offices, members, meetings) with the qualifiers before it
(places, units, kinds, ordinals, scope words). Its canonical name is read from the right: a
meeting names the body that holds it; a member is composed with the body before it; an office
is its own name and head; a body keeps only the qualifiers its kind keeps. A place counted one
by one (each village) stands for its party organisation.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..rules import RuleFileError, get_rules, load_yaml, rule_cache
from ..spans import Taken
from .verbs import dictionary_verbs

# How far left of its core a mention's qualifiers may reach (a city, a hospital, then its committee).
QUALIFIER_REACH = 24
# how many name characters may stand between a place counted one by one and the office it qualifies
PLACE_GAP_MAX = 3
# an office's name is short (the Party Building Work leading group: four characters); a longer run
# of name characters before a head holds other words, and the office keeps the last four of them
OFFICE_NAME_MAX = 6
OFFICE_NAME_SHORT = 4
# the rank of an office whose body is not named (a personnel division): an office of a party committee
OFFICE_RANK = 3


@dataclass(frozen=True)
class ActorHit:
    """A role mention: view offsets in the text searched, its canonical role, its kind
    (body, office, member, meeting, place), the rule that read it and its body's rank."""

    start: int
    end: int
    canonical: str
    kind: str = "role"
    rule: str = ""
    rank: int = 0


@dataclass(frozen=True)
class _Entry:
    id: str
    pattern: regex.Pattern
    suffix: regex.Pattern
    canonical: str
    keep: Optional[regex.Pattern] = None
    rank: int = 0
    of_body: bool = False


@dataclass(frozen=True)
class _Model:
    parts: dict
    bodies: tuple[_Entry, ...]
    meetings: tuple[_Entry, ...]
    body_meeting: _Entry
    members_alone: tuple[_Entry, ...]
    places: tuple[_Entry, ...]
    of_body: regex.Pattern
    composed: dict
    office_head: regex.Pattern
    office_start: regex.Pattern
    office_heads_alone: regex.Pattern
    pieces: regex.Pattern
    qualifiers: regex.Pattern
    body_qualifiers: regex.Pattern
    distributive: regex.Pattern
    compound_next: regex.Pattern
    office_verbs: regex.Pattern
    qualifier_words: regex.Pattern
    head_words: regex.Pattern
    false_roles: regex.Pattern
    name: regex.Pattern
    name_kinds: regex.Pattern
    head_then_time: regex.Pattern
    adjective_suffix: regex.Pattern
    false_heads: regex.Pattern


def _compile(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.V1)
    except regex.error as exc:
        raise RuleFileError(f"patterns/roles.yml {where}: bad pattern {pattern!r}: {exc}") from exc


def _need(data, key: str, where: str = ""):
    """data[key], or a RuleFileError naming the file and the key."""
    if not isinstance(data, dict) or key not in data:
        raise RuleFileError(f"patterns/roles.yml: missing key `{where + '.' if where else ''}{key}`")
    return data[key]


def _compile_longest(pattern: str, where: str) -> regex.Pattern:
    """Leftmost-longest matching (POSIX): a run of pieces is the longest one at its start."""
    try:
        return regex.compile(pattern, regex.V1 | regex.POSIX)
    except regex.error as exc:
        raise RuleFileError(f"patterns/roles.yml {where}: bad pattern {pattern!r}: {exc}") from exc


def _fill(pattern: str, parts: dict) -> str:
    for key, value in parts.items():
        pattern = pattern.replace("{" + key + "}", f"(?:{value})")
    return pattern


def _entries(items: list, key: str, parts: dict, canonical_key: str) -> tuple[_Entry, ...]:
    out = []
    for n, item in enumerate(items or []):
        where = f"{key}[{n}]"
        if "id" not in item or "pattern" not in item or canonical_key not in item:
            raise RuleFileError(f"patterns/roles.yml {where}: needs `id`, `pattern` and `{canonical_key}`")
        pattern = _fill(item["pattern"], parts)
        keep = _compile(f"(?:{_fill(item['keep'], parts)})$", where) if item.get("keep") else None
        out.append(_Entry(item["id"], _compile(pattern, where), _compile(f"(?:{pattern})$", where),
                          item[canonical_key], keep, int(item.get("rank", 0)), bool(item.get("of_body"))))
    return tuple(out)


def _alternation(entries) -> str:
    return "|".join(f"(?:{e.pattern.pattern})" for e in entries)


@rule_cache(maxsize=1)
def model() -> _Model:
    """roles.yml compiled: the pieces, the qualifiers and the tables that read a mention."""
    data = load_yaml("roles")
    parts = dict(_need(data, "parts"))
    for key in ("joined_unit", "name", "scope", "place", "unit", "kind", "ordinal", "compound_next", "office_verbs", "head_words",
                "unit_heads", "false_roles", "name_kinds", "head_then_time", "false_heads",
                "adjective_suffix"):
        _need(parts, key, "parts")
    offices = _need(data, "offices")
    heads, named = _need(offices, "heads_alone", "offices"), _need(offices, "named_heads", "offices")
    members = _need(data, "members")
    _need(members, "of_body", "members")
    _need(members, "alone", "members")
    for key in ("bodies", "meetings", "places", "distributive"):
        _need(data, key)
    bodies = _entries(data["bodies"], "bodies", parts, "canonical")
    all_meetings = _entries(data["meetings"], "meetings", parts, "holder")
    meetings = tuple(m for m in all_meetings if m.canonical != "$body")
    body_meeting = next(m for m in all_meetings if m.canonical == "$body")
    alone = _entries(members["alone"], "members.alone", parts, "canonical")
    places = _entries(data["places"], "places", parts, "canonical")
    piece = "|".join([_alternation(meetings), _alternation(bodies), _alternation(alone),
                      f"(?:{heads})|(?:{named})", members["of_body"]])
    pieces = f"(?:(?P<piece>{piece}))+(?P<piece>{body_meeting.pattern.pattern})?"
    qualifier = _fill("(?:{joined_unit}|{name}{0,8}?(?:{place}|{unit})|{kind}|{ordinal}|{scope})", parts)
    qualifiers = f"(?:{qualifier}|(?:{_alternation(bodies)}))*"
    distributive = f"(?:{data['distributive']})(?:{qualifier})*?(?:{_alternation(places)})"
    return _Model(
        parts=parts, bodies=bodies, meetings=meetings, body_meeting=body_meeting, members_alone=alone,
        places=places, of_body=_compile(f"(?:{members['of_body']})$", "members.of_body"),
        composed=dict(members.get("composed") or {}),
        office_head=_compile(f"(?:{named}|{heads})$", "offices"),
        office_heads_alone=_compile(f"(?:{heads})$", "offices.heads_alone"),
        office_start=_compile(f"(?:{named}|{heads})", "offices"),
        pieces=_compile_longest(_fill(pieces, parts), "pieces"),
        qualifiers=_compile(qualifiers, "qualifiers"),
        body_qualifiers=_compile(_fill(f"(?:{qualifier}|(?:{_alternation(bodies)})|{{name}}{{2,6}}?(?:{named}))*",
                                       parts), "qualifiers"),
        distributive=_compile(_fill(distributive, parts), "distributive"),
        compound_next=_compile(_fill("{compound_next}", parts), "parts.compound_next"),
        office_verbs=_compile(_fill("{office_verbs}", parts), "parts.office_verbs"),
        qualifier_words=_compile(_fill(f"{{kind}}|{{scope}}|{{office_verbs}}(?:{named}|{heads})|{{name}}{{2}}"
                                       "(?:{unit_heads})", parts), "parts"),
        head_words=_compile(_fill("{head_words}", parts), "parts.head_words"),
        false_roles=_compile(_fill("{false_roles}", parts), "parts.false_roles"),
        name=_compile(_fill("{name}", parts), "parts.name"),
        name_kinds=_compile(_fill("(?:{name_kinds})$", parts), "parts.name_kinds"),
        head_then_time=_compile(_fill("{head_then_time}", parts), "parts.head_then_time"),
        false_heads=_compile(_fill("(?:{false_heads})$", parts), "parts.false_heads"),
        adjective_suffix=_compile(_fill("{adjective_suffix}", parts), "parts.adjective_suffix"),
    )


@rule_cache()
def find_mentions(text: str, compounds: bool = True) -> tuple[ActorHit, ...]:
    """Every role and meeting mention in the text, longest first at each position, without overlaps.
    With `compounds`, a role that modifies the noun after it is none (a clause); a title's owner
    does modify its document's noun, so titles are read without."""
    m = model()
    found: list[ActorHit] = []
    _scan(text, 0, len(text), found, compounds)
    false = Taken((x.start(), x.end()) for x in m.false_roles.finditer(text))
    if false:
        found = [h for h in found if not false.overlaps(h.start, h.end)]
    for place in m.distributive.finditer(text):
        if any(place.start() <= h.start < place.end() < h.end or _names_between(text, place.end(), h)
               for h in found):
            continue
        if not (compounds and m.compound_next.match(text, place.end())):
            entry = next(e for e in m.places if e.suffix.search(place.group()))
            name = place.group() if entry.canonical == "$text" else entry.canonical
            found.append(ActorHit(place.start(), place.end(), name, "place", entry.id, 1))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[ActorHit] = []
    for hit in found:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return tuple(out)


def _names_between(text: str, end: int, hit: ActorHit) -> bool:
    """An office or a body a few name characters after a place counted one by one (each village's
    civilisation practice station): the place qualifies it, no role of its own. A longer run
    between them is a predicate (each town sets up a party-building office)."""
    gap = text[end:hit.start]
    return (hit.kind in ("office", "body") and 0 < len(gap) <= PLACE_GAP_MAX
            and all(model().name.match(ch) for ch in gap)
            and not any(_verb(gap[i:i + 2]) for i in range(len(gap) - 1)))


def _scan(text: str, pos: int, endpos: int, found: list[ActorHit], compounds: bool = True) -> None:
    """The mentions of text[pos:endpos]: each run of pieces is read with the name of an office
    before its head; where its reading begins later than the run (a member, a verb and a body read
    as the body alone), the part before is scanned again."""
    m = model()
    while True:
        piece = m.pieces.search(text, pos, endpos)
        if piece is None:
            return
        pos = piece.end()
        begin, end = piece.start(), _shorten(text, piece, compounds)
        if end == begin:
            continue
        if m.office_start.match(text, begin, end):
            begin = _name_start(text, begin)
        hit = read_mention(text[begin:end])
        if hit is None:
            continue
        core = begin + hit.start
        start = _reach_left(text, core, _after_verb(text, _run_start(text, core), core),
                            hit.kind == "body")
        if core > piece.start():
            _scan(text, piece.start(), min(start, core), found, compounds)
        if start < core:
            hit = read_mention(text[start:end]) or hit
        found.append(ActorHit(start, end, hit.canonical, hit.kind, hit.rule, hit.rank))


def _shorten(text: str, run, compounds: bool = True) -> int:
    """Where a run of pieces ends once its last pieces that belong to the words after it are left
    out: a one-character piece that makes a verb with the next character, a bare office head that
    begins a word (roles.yml `head_words`), a piece that modifies the noun after it
    (`compound_next`)."""
    m = model()
    spans = run.spans("piece")
    while spans:
        start, end = spans[-1]
        single = end - start == 1
        if ((compounds and m.compound_next.match(text, end))
                or (single and end < len(text) and _verb(text[end - 1:end + 1])
                    and not m.head_then_time.match(text, end))
                or (single and m.office_start.fullmatch(text, start, end) and m.head_words.match(text, start))):
            spans.pop()
            continue
        return end
    return run.start()


def _name_start(text: str, head: int) -> int:
    """Where the name before an office head may begin: up to eight name characters back."""
    name = model().name
    start = head
    while start > 0 and head - start < 8 and name.match(text, start - 1):
        start -= 1
    return start


def _run_start(text: str, core: int) -> int:
    """How far left qualifiers may reach: to the start of the run of name characters and brackets
    before the core (no further than QUALIFIER_REACH); punctuation, digits and spaces end them."""
    start = core
    while start > 0 and core - start < QUALIFIER_REACH and _QUALIFIER_CHAR.match(text, start - 1):
        start -= 1
    return start


_QUALIFIER_CHAR = regex.compile(r"[\p{Han}（）()]")


def _reach_left(text: str, core: int, limit: int, body: bool = False) -> int:
    """Where the qualifiers before a role's core begin: the furthest point left (not before `limit`)
    from which scope words, qualifiers and bodies read all the way to the core; before a body,
    offices too (the branch of the planning division is a branch)."""
    qualifiers = model().body_qualifiers if body else model().qualifiers
    for begin in range(limit, core):
        if qualifiers.fullmatch(text, begin, core):
            return begin
    return core


def _after_verb(text: str, limit: int, core: int) -> int:
    """Qualifiers hold no verb (in "hear the village secretaries' reports" the verb is no part of
    the role): where the last verb before a role's core ends, or `limit`."""
    covered = set()
    for word in model().qualifier_words.finditer(text, limit, core):
        covered.update(range(word.start(), word.end() - 1))
    markers = get_rules().actor_non_subject
    for at in range(core - 2, limit - 1, -1):
        word = text[at:at + 2]
        if at not in covered and (_verb(word) or markers.fullmatch(word)):
            return at + 2
    return limit


def _verb(word: str) -> bool:
    """A two-character word that is a verb, in jieba's dictionary or the verb lexicon."""
    return word in dictionary_verbs() or bool(get_rules().actions["verbs"].fullmatch(word))


@rule_cache()
def read_mention(text: str) -> Optional[ActorHit]:
    """The canonical role a run of pieces names, read from its right end; `start` is where its
    core begins (what comes before is qualifiers or no part of it), `end` the text's length."""
    m = model()
    for meeting in m.meetings:
        found = meeting.suffix.search(text)
        if found:
            return ActorHit(found.start(), len(text), meeting.canonical, "meeting", meeting.id, 0)
    found = m.body_meeting.suffix.search(text)
    if found and found.start() > 0:
        body = _body(text[: found.start()]) or _office(text[: found.start()])
        if body is not None:
            return ActorHit(body.start, len(text), body.canonical, "meeting", m.body_meeting.id, body.rank)
    member = _member(text)
    if member is not None:
        return member
    body = _body(text)
    if body is not None:
        return body
    return _office(text)


def _body(text: str) -> Optional[ActorHit]:
    """The body a text ends with: its canonical name (with the qualifier its kind keeps)."""
    best = None
    for entry in model().bodies:
        found = entry.suffix.search(text)
        if found and (best is None or found.start() < best[1].start()):
            best = entry, found
    if best is not None:
        entry, found = best
        if entry.of_body and found.start() > 0:
            owner = _body(text[: found.start()])
            if owner is not None:
                return ActorHit(owner.start, len(text), owner.canonical, "body", owner.rule, owner.rank)
        name = found.group() if entry.canonical == "$text" else entry.canonical
        start = found.start()
        if entry.keep is not None:
            kept = entry.keep.search(text, 0, found.start())
            if kept:
                name = kept.group() + name
                start = kept.start()
        return ActorHit(start, len(text), name, "body", entry.id, entry.rank)
    return None


def _member(text: str) -> Optional[ActorHit]:
    """A text ending with a member: composed with the body or office before it, else a member
    standing alone."""
    m = model()
    alone = next(((e, f) for e in m.members_alone for f in [e.suffix.search(text)] if f), None)
    of_body = m.of_body.search(text)
    if of_body and (alone is None or len(of_body.group()) >= len(alone[1].group())):
        before = text[: of_body.start()]
        member = of_body.group()
        owner = _body(before) or _office(before)
        if owner is not None:
            name = owner.canonical + member
            rule = "role.member.of_body" if owner.kind == "body" else "role.member.of_office"
            return ActorHit(owner.start, len(text), m.composed.get(name, name), "member", rule, owner.rank)
        if alone is None:
            return ActorHit(of_body.start(), len(text), m.composed.get(member, member), "member",
                            "role.member.alone", 0)
    if alone is not None:
        entry, found = alone
        return ActorHit(found.start(), len(text), entry.canonical, "member", entry.id, 0)
    return None


def _office(text: str) -> Optional[ActorHit]:
    """A text ending with an office: its name and head, the name free of verbs but the office
    verbs (roles.yml `office_verbs`); a head with no name keeps the body before it (the party
    committee's general office)."""
    m = model()
    head = m.office_head.search(text)
    if not head or m.false_heads.search(text):
        return None
    before = text[: head.start()]
    alone = bool(m.office_heads_alone.search(text))
    cut = _qualified_prefix(before)
    name = before[cut:]
    while name and _verb(name[:2]) and not m.office_verbs.match(name):
        name, cut = name[2:], cut + 2
    verb = m.office_verbs.match(name)
    if verb and len(name) - verb.end() > 2:
        name, cut = name[verb.end():], cut + verb.end()
        while name and _verb(name[:2]) and not m.office_verbs.match(name):
            name, cut = name[2:], cut + 2
    kinds = m.name_kinds.search(before, 0, cut)
    kind = before[kinds.start():cut] if kinds else ""
    if len(name) > OFFICE_NAME_MAX:
        name, cut = name[-OFFICE_NAME_SHORT:], cut + len(name) - OFFICE_NAME_SHORT
    if not alone and (len(name) < 2 or _verb(name[-1] + head.group()[0])):
        return None
    if any(_verb(name[i:i + 2]) and not m.office_verbs.match(name, i) for i in range(len(name) - 1)):
        return None
    name, cut = kind + name, cut - len(kind)
    if name:
        owner = _body(before[:cut]) if cut else None
        return ActorHit(cut, len(text), name + head.group(), "office", "role.office",
                        owner.rank if owner else OFFICE_RANK)
    body = _body(before)
    if body is not None:
        return ActorHit(body.start, len(text), body.canonical + head.group(), "office", "role.office", body.rank)
    return ActorHit(head.start(), len(text), head.group(), "office", "role.office", OFFICE_RANK)


def _qualified_prefix(text: str) -> int:
    """How much of the text before an office reads as qualifiers and bodies (the rest is its name);
    none ends before a suffix that makes its last noun an adjective (the gridded management centre)."""
    m = model()
    for cut in range(len(text), -1, -1):
        if m.qualifiers.fullmatch(text, 0, cut) and not m.adjective_suffix.match(text, cut):
            return cut
    return 0


@rule_cache()
def rank_of(role: str) -> int:
    """The rank of a canonical role (its body's), -1 when it reads as no role."""
    hit = read_mention(role)
    return hit.rank if hit is not None else -1


def each_word(text: str) -> bool:
    """The text opens with a word for 'each one' of people named before (roles.yml `each`)."""
    return bool(_each().match(text))


@rule_cache(maxsize=1)
def _each() -> regex.Pattern:
    return _compile(_need(load_yaml("roles"), "each"), "each")
