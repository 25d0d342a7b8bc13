"""The predicates and effects patterns/decisions.yml names, registered by name.

A predicate is a function of the reading (`candidates.Reading`; `explain.LineReading` at the
structure stage, `pipeline.DocumentReading` at the document and record stages) and gives a truthy
value when it holds; an effect changes the reading (its scope, the duty's values) and returns what
it set, for the trace. What each name means is here; which are tested, in which order and with
what effect is the data's.
"""
from __future__ import annotations

from typing import Optional

import regex

from .candidates import Reading
from .decisions import QUIET, effect, predicate, register
from .facts import non_duty_patterns, shapes
from .items import only_actors
from .normalize import ActorHit, event_verb, find_actors, find_deadlines, find_periods, has_any_verb
from .normalize.roles import each_word, find_mentions, rank_of
from .rules import get_rules, load_yaml, rule_cache
from .structure import frame_modality, heading_of, section_modality
from .topics import bare_verb, topic_of

# Predicates that read one fact: name -> test.
register({
    # lines no sentence was read from
    "title_line": lambda r: r.line.kind == "title",
    "header_line": lambda r: r.line.kind == "header",
    "row_line": lambda r: r.line.kind == "row",
    "heading_line": lambda r: r.line.kind == "heading",
    # the sentence
    "preamble": lambda r: r.reader.preamble(r.sentence),
    "no_clause": lambda r: not r.sentence.clauses,
    "footer": lambda r: r.sentence.line.start in r.reader.footer_lines,
    "byline": lambda r: "byline" in r.sentence.non_duty,
    "page_chrome": lambda r: "page_chrome" in r.sentence.non_duty,
    "form_fields": lambda r: "form_fields" in r.sentence.non_duty,
    # the clause
    "penalty": lambda r: r.facts.penalty,
    "trigger": lambda r: r.facts.trigger,
    "failure": lambda r: r.facts.failure is not None,
    "next_penalty": lambda r: r.n + 1 < len(r.read) and r.read[r.n + 1].penalty,
    "later_clause": lambda r: r.n > 0,
    "last_clause": lambda r: r.n == len(r.read) - 1,
    "continues": lambda r: r.facts.continues,
    "duty_before": lambda r: bool(r.out),
    "after_semicolon": lambda r: bool(r.clause.sep_before) and r.clause.sep_before in "\uff1b;",
    "names_only_clause": lambda r: r.facts.names_only,
    # the item: its own values, and what it says of itself (facts.ItemFacts)
    "own_period": lambda r: r.f.own_period,
    "null_period": lambda r: r.f.null_period,
    "own_date": lambda r: r.dated[0] if r.dated else None,
    "subject": lambda r: r.subject,
    "governed": lambda r: r.f.governed,
    "strong": lambda r: r.f.strong,
    "topic_heading": lambda r: r.reader.topic_heading(r.sentence),
    "anchored": lambda r: r.anchored,
    "counted": lambda r: r.count is not None,
    "short": lambda r: r.f.short,
    "label": lambda r: r.reader.label(r.sentence),
    "lead_label": lambda r: r.reader.lead_label(r),
    "verbless": lambda r: not r.f.plain_verbal,
    "goal": lambda r: r.f.goal,
    "framing": lambda r: r.f.framing,
    "statement": lambda r: r.f.statement,
    "issue_date": lambda r: "issue_date" in r.f.non_duty,
    "dateline": lambda r: "dateline" in r.f.non_duty,
    "score": lambda r: "score" in r.f.non_duty,
    "rise": lambda r: "rise" in r.f.non_duty,
    "counted_not_points": lambda r: r.count is not None and not r.reader.points(r.f.text[r.count.start:r.count.end]),
    "formula": lambda r: "formula" in r.f.non_duty,
    "stock": lambda r: "stock" in r.f.non_duty or "stock" in r.facts.items[0].non_duty,
    "stated_problem": lambda r: r.reader.stated_problem(r),
    "purpose_tail": lambda r: "purpose_tail" in r.f.non_duty,
    "founded": lambda r: "founded" in r.f.non_duty,
    "appointed": lambda r: "appointed" in r.f.non_duty,
    "permission": lambda r: "permission" in r.f.non_duty,
    "later_event": lambda r: bool(get_rules().clauses["later_event"].match(r.f.text)),
    "lasting_state": lambda r: bool(get_rules().clauses["lasting_state"].match(r.f.text)),
    "circulation": lambda r: "circulation" in r.f.non_duty,
    "announces": lambda r: "announces" in r.f.non_duty,
    # the action left when the values are cut
    "verbless_action": lambda r: not r.f.action_has_verb and r.borrowed is None,
    # a verb only the segmenter's dictionary knows, outside the roles the action names
    "dictionary_verb": lambda r: r.f.action_verbal,
    # the duty
    "scope_period": lambda r: r.scope.period,
    "own_month": lambda r: any(d.month for d in r.dated),
    "annual_list": lambda r: r.subdoc.annual and r.subdoc.genre != "report",
    "period_cancelled": lambda r: r.scope.no_period or r.f.null_period,
    "scope_date": lambda r: r.scope.deadline,
    # a per-session measure (each session at least three days): no period, no date from the sentence
    "session": lambda r: any(p.session for p in r.f.item.periods),
    # a period word of the clause's own, off a table row (a row's date reaches every clause of it)
    # (a yearly word bounds the year a date falls in: it keeps the date)
    "own_period_off_row": lambda r: r.f.own_period and r.f.own_period.period != "year" and not r.scope.deadline_row,
    "agenda": lambda r: bool(r.out) and r.reader.agenda(r.out[-1], r.cand),
    # actors, where the duty stands
    "table_actor": lambda r: r.row.get("actor"),
    "topic_holder": lambda r: r.holder,
    "sentence_subject": lambda r: r.scope.actor,
    "section_actor": lambda r: r.sentence.line.section_actor,
    "list_actor": lambda r: r.subdoc.actor,
    "document_actor": lambda r: r.reader.owners.get(r.sentence.line.subdoc),
    # the whole document (pipeline.DocumentReading)
    "most_named": lambda d: d.most_named,
    "duplicate": lambda d: d.key in d.seen,
})


@predicate("names_only_line")
def _names_only_line(r: Reading) -> Optional[str]:
    """Every clause only names roles: the line is the subject of the next sentence (OCR-broken)."""

    return only_actors(r.sentence.text) if all(f.names_only for f in r.read) else None


@predicate("row_date")
def _row_date(r: Reading):
    """The first date with a month in the row's deadline cell."""
    text = r.row.get("deadline_text")
    if not text:
        return None
    hits = [h for h in find_deadlines(text) if h.month or h.items or h.day]
    return hits[0] if hits else None


@predicate("topic_clause")
def _topic_clause(r: Reading) -> Optional[str]:
    """A clause that only names what the clauses after it are about (the members' assembly, as a
    rule quarterly): no count, date, period word or trigger, no verb but the activity it names."""

    if r.n + 1 >= len(r.read) or len(r.facts.items) != 1 or r.facts.trigger or r.facts.names_only:
        return None
    f = r.facts.items[0]
    if f.count is not None or f.item.deadlines or f.item.periods:
        return None
    after = r.read[r.n + 1].items
    bare = bool(after) and (bare_verb(after[0].action) or (len(after[0].action) < 2 and after[0].count is not None))
    return topic_of(f.text, bare, bare and after[0].subject is not None)


@predicate("opening_meeting")
def _opening_meeting(r: Reading) -> Optional[str]:
    """A sentence, or a part of one after a semicolon or a colon, that opens with a meeting (the
    group meeting is called by ...): the meeting is its topic, the object of a bare verb later in it."""

    if r.n != 0 and not r.clause.opens_part:
        return None
    hits = find_mentions(r.clause.text)
    return hits[0] and r.clause.text[hits[0].start:hits[0].end] if hits and hits[0].start == 0 \
        and hits[0].kind == "meeting" else None


@predicate("paragraph_subject")
def _paragraph_subject(r: Reading):
    """The subject an earlier sentence of the paragraph named, in rules a higher body issues to
    lower ones: not in a report, only a body, an office or a member of one (not members standing
    alone, such as party members), and of lower rank than the list's owner."""

    kept = r.reader.paragraph
    if kept is None or kept[0] != r.sentence.line.start or r.subdoc.genre == "report":
        return None
    if kept[1].kind == "member" and not kept[1].rule.startswith("role.member.of_"):
        return None
    owner = r.sentence.line.section_actor or r.subdoc.actor
    if owner is not None and rank_of(kept[1].canonical) >= rank_of(owner):
        return None
    return kept[1]


@predicate("each_of")
def _each_of(r: Reading):
    """A clause that opens with 'each one' (roles.yml `each`) falls to the members the sentence
    named last before it (all members ..., each one writes ...)."""

    if not each_word(r.f.text):
        return None
    before = r.sentence.text[: r.clause.start - r.sentence.start]
    members = [h for h in find_mentions(before) if h.kind == "member"]
    if not members:
        return None
    last, at = members[-1], r.sentence.start
    return ActorHit(at + last.start, at + last.end, last.canonical, last.kind, last.rule, last.rank)


# how long a lead label may be (genres.yml sections name short labels)
LABEL_MAX = 8


@predicate("label_voice")
def _label_voice(r: Reading) -> Optional[str]:
    """A short lead label before a colon that names a voice as a section heading does
    (genres.yml `sections`: the state of rectification, the measures): the sentence after it
    speaks in that voice."""

    clauses = r.sentence.clauses
    if r.n != 0 or len(clauses) < 2 or clauses[1].sep_before not in ("\uff1a", ":"):
        return None
    return section_modality(r.clause.text) if len(r.clause.text) <= LABEL_MAX else None


@predicate("line_voice")
def _line_voice(r: Reading) -> Optional[str]:
    """The voice a lead label set earlier in the sentence's line (measures: 1. ... 2. ...)."""
    kept = r.reader.line_voice
    return kept[1] if r.n == 0 and kept is not None and kept[0] == r.sentence.line.start else None


@predicate("frame_voice")
def _frame_voice(r: Reading) -> Optional[str]:
    """A sentence's first clause that is a time frame alone (genres.yml `voice_frames`: the next
    step, from now on, since this year) before a comma: the sentence after it speaks in that voice."""

    clauses = r.sentence.clauses
    if r.n != 0 or len(clauses) < 2 or clauses[1].sep_before not in ("\uff0c", ","):
        return None
    return frame_modality(r.clause.text)


@predicate("section_name")
def _section_name(r: Reading) -> bool:
    """A heading line that only names its section by its voice (genres.yml `sections`: the work
    done, the problems, the plans), with no count: what stands under it are the duties."""

    line = r.sentence.line
    if line.kind != "heading" or r.sentence.clause_count != 1 or r.count is not None:
        return False
    return len(r.clause.text) <= LABEL_MAX and section_modality(r.clause.text) is not None


@predicate("row_period")
def _row_period(r: Reading):
    """The period word of the row's deadline cell (at each quarter's end: the row's duties are quarterly)."""
    text = r.row.get("deadline_text")
    return next((p for p in find_periods(text) if p.period), None) if text else None


@predicate("reported")
def _reported(r: Reading) -> bool:
    """A report's achievement or problem, marked so, under a report or a section of one."""
    marks = r.f.marks
    return ("problem" in marks or "achievement" in marks) and (
        r.sentence.line.section_modality or r.subdoc.modality) in ("problem", "achievement")


@predicate("weak_action")
def _weak_action(r: Reading) -> bool:
    """Too short, or no verb of any kind in it (the segmenter's dictionary included)."""
    return not (r.f.action_verbal or r.f.plain_verbal or _reported(r)) or len(r.action) < 2


@predicate("period_reaches")
def _period_reaches(r: Reading) -> bool:
    """A counted duty; or a period that is the topic of its clause, with no other subject since;
    or an uncounted period after a semicolon."""
    scope = r.scope
    if r.count is not None:
        return True
    new_subject = (r.subject is not None and r.topic_before is not None
                   and r.subject.canonical != r.topic_before.canonical)
    return (scope.period_topic and not new_subject) or (not scope.period_counted and scope.semicolon)


@predicate("required_role")
def _required_role(r: Reading) -> Optional[ActorHit]:
    """The role a reported requirement is laid on (actors.yml `requires` + the role, a determiner
    at most between them): it does what follows."""
    text = r.f.text
    opening = get_rules().actor_requires.match(text)
    if not opening:
        return None
    return next((h for h in find_actors(text) if opening.end() - 2 <= h.start <= opening.end()), None)


@predicate("time_frame")
def _time_frame(r: Reading) -> bool:
    """A clause that only decides or plans when (clauses.yml `time_frame` + a date or period word,
    no other verb): the time of the clauses after it."""
    item = r.f.item
    frame = get_rules().clauses["time_frame"].match(item.text)
    if not frame or not (item.deadlines or item.periods) or has_any_verb(item.text[:frame.start()]):
        return False
    spans = sorted([(h.start, h.end) for h in item.deadlines] + [(p.start, p.end) for p in item.periods])
    rest, at = [], frame.end()
    for start, end in spans:
        rest.append(item.text[at:start])
        at = max(at, end)
    rest.append(item.text[at:])
    return not has_any_verb("".join(rest))


@predicate("date_reaches")
def _date_reaches(r: Reading) -> bool:
    """A counted duty, a date that is the topic of its clause, a row's date, a duty after a
    semicolon, or an event (actions.yml event_verbs); a reporting date (as of ..., deadlines.yml
    `scope: false`) only a counted duty."""
    scope = r.scope
    if r.reader.as_of(scope.deadline):
        return r.count is not None
    return (r.count is not None or scope.deadline_topic or scope.deadline_row or scope.semicolon
            or bool(event_verb(r.action)))


@predicate("date_of_item_before")
def _date_of_item_before(r: Reading) -> bool:
    """The clause opens a new enumerated item (deadlines.yml `item_marker`) and the
    sentence's date was named inside an earlier item: it is that item's date, not this one's."""
    span = r.scope.deadline_span
    return span is not None and _inside_item_before(r, span[0])


@predicate("period_of_item_before")
def _period_of_item_before(r: Reading) -> bool:
    """The clause opens a new enumerated item and the sentence's period word stood inside an
    earlier item: it is that item's period, not this one's."""
    return r.scope.period is not None and r.scope.period_at is not None and _inside_item_before(r, r.scope.period_at)


def _inside_item_before(r: Reading, at: int) -> bool:
    """This clause opens an enumerated item, and `at` (a view offset) lies inside an earlier one."""
    marker = _item_marker()
    if r.n == 0 or not marker.match(r.clause.text):
        return False
    return any(c.start <= at and marker.match(c.text) for c in r.sentence.clauses[:r.n])


@predicate("yearly_dated")
def _yearly_dated(r: Reading) -> bool:
    """A yearly period word earlier in the sentence and a date in a month of the duty's own: the
    date recurs each year (each year ... by 31 December)."""
    return r.scope.period == "year" and any(d.month or d.item == "month" for d in r.dated)


@predicate("month_topic")
def _month_topic(r: Reading) -> bool:
    """The clause before named only a date in a month (the end of the year, early July) and the period carried is not
    a year's: that date, not the period of the clauses before it, is when the duty falls."""
    d = r.scope.deadline
    return bool(r.scope.deadline_topic and d is not None and (d.month or d.item == "month")
                and r.scope.period not in (None, "year"))


@predicate("period_after_date")
def _period_after_date(r: Reading) -> bool:
    """A period word of the clause's own (each month, early in each month), not a year's, after a
    date an earlier clause named: a new time frame, so that date reaches no further."""
    own, span = r.f.own_period, r.scope.deadline_span
    if not own or own.period in (None, "year") or span is None or r.scope.deadline_row:
        return False
    return span[0] < r.clause.start


@predicate("done_at_date")
def _done_at_date(r: Reading) -> bool:
    """A clause opening with a goal word (clauses.yml goal_starts: for, to ensure) right after a
    clause that named only a date: it is what is done then (for the old members, award ...), not
    the goal of a duty before it nor a statement."""
    span = r.scope.deadline_span
    if not (r.f.goal and r.scope.deadline_topic and span) or r.n == 0:
        return False
    before = r.sentence.clauses[r.n - 1]
    return before.start <= span[0] and span[1] <= before.end


@rule_cache(maxsize=1)
def _item_marker() -> regex.Pattern:
    return regex.compile(load_yaml("deadlines")["item_marker"], regex.V1)


# --- effects ------------------------------------------------------------------------------------


@effect("refuse", ends=True)
def _refuse(r: Reading, value, rule: str) -> None:
    return None


@effect("carry_subject", ends=True)
def _carry_subject(r: Reading, value: str, rule: str) -> str:
    r.reader.carried = ActorHit(0, 0, value)
    return value


@effect("row_date")
def _set_row_date(r: Reading, hit, rule: str) -> str:
    scope = r.scope
    scope.deadline, scope.deadline_span, scope.deadline_row = hit, r.row["deadline_span"], True
    return _date(hit)


@effect("row_period")
def _set_row_period(r: Reading, hit, rule: str) -> str:
    scope = r.scope
    scope.period, scope.period_rule, scope.period_topic = hit.period, hit.rule, True
    return hit.period


@effect("set_topic", ends=True)
def _set_topic(r: Reading, topic: str, rule: str) -> str:
    """The topic; a role it opens with (the secretary's talks with the members) is the subject."""

    r.scope.topic_np = topic
    hits = find_mentions(topic)
    if hits and hits[0].start == 0 and hits[0].kind != "meeting":
        h, at = hits[0], r.clause.start
        r.scope.actor = r.scope.topic = ActorHit(at + h.start, at + h.end, h.canonical, h.kind, h.rule, h.rank)
    return topic


@effect("meeting_topic")
def _meeting_topic(r: Reading, topic: str, rule: str) -> str:
    r.scope.topic_np = topic
    return topic


@effect("set_voice")
def _set_voice(r: Reading, voice: str, rule: str) -> str:
    r.scope.voice = voice
    return voice


@effect("set_line_voice")
def _set_line_voice(r: Reading, voice: str, rule: str) -> str:
    """The voice of the sentence, and of the sentences after it in its line (the numbered items a
    lead label heads: measures: 1. ... 2. ...)."""
    r.scope.voice = voice
    r.reader.line_voice = (r.sentence.line.start, voice)
    return voice


@effect("failure_duty")
def _failure_duty(r: Reading, value, rule: str) -> Optional[str]:
    cand = r.reader.failed(r)
    return cand.action if cand is not None else None


@effect("condition", ends=True)
def _condition(r: Reading, trigger: str, rule: str) -> str:
    scope = r.scope
    scope.period = scope.deadline = None
    scope.period_rule, scope.no_period, scope.deadline_span = None, False, None
    scope.condition = trigger
    r.reader.note(r.facts.trigger_rule, "trigger", r.clause.start, r.clause.end, trigger)
    return trigger


@effect("merge_clause", ends=True)
def _merge_clause(r: Reading, value, rule: str) -> None:
    """The clause extends the duty before it."""
    r.out[-1].end = max(r.out[-1].end, r.clause.end)
    return None


@effect("merge_duty", ends=True)
def _merge_duty(r: Reading, value, rule: str) -> None:
    """The duty just read extends the one before it."""
    r.out[-1].end = max(r.out[-1].end, r.cand.end)
    return None


@effect("end_topic")
def _end_topic(r: Reading, value, rule: str) -> None:
    r.scope.semicolon = True
    r.scope.topic = None
    return None


@effect("set_period")
def _set_period(r: Reading, own, rule: str) -> str:
    scope = r.scope
    scope.period, scope.period_rule = own.period, own.rule
    scope.period_at = r.clause.start + r.f.item.start + own.start
    scope.period_counted = r.count is not None
    scope.period_topic = (r.f.verb_at >= len(r.f.item.text) and r.count is None
                          and not own.rule.endswith(".named"))
    scope.no_period = False
    scope.semicolon = False
    return own.period


@effect("clear_period")
def _clear_period(r: Reading, value, rule: str) -> None:
    scope = r.scope
    scope.period = scope.period_rule = scope.period_at = None
    scope.period_counted = scope.period_topic = False
    return None


@effect("cancel_period")
def _cancel_period(r: Reading, value, rule: str) -> None:
    r.scope.no_period = True
    return None


@effect("set_date")
def _set_date(r: Reading, hit, rule: str) -> str:
    scope, item = r.scope, r.f.item
    offset = r.clause.start + item.start
    scope.deadline = hit
    scope.deadline_span = (offset + hit.start, offset + hit.end)
    scope.deadline_topic = (r.f.verb_at >= len(item.text) or _time_frame(r)) and r.count is None \
        and not r.reader.as_of(hit)
    scope.semicolon = False
    return _date(hit)


@effect("clear_date")
def _clear_date(r: Reading, value, rule: str) -> None:
    scope = r.scope
    scope.deadline = scope.deadline_span = None
    scope.deadline_topic = scope.deadline_row = False
    return None


@effect("set_subject")
def _set_subject(r: Reading, subject: ActorHit, rule: str) -> str:
    r.scope.actor = subject
    if r.scope.topic is None:
        r.scope.topic = subject
    return subject.canonical


@effect("required_subject")
def _required_subject(r: Reading, hit: ActorHit, rule: str) -> str:
    r.scope.actor = r.scope.topic = hit
    r.scope.strong_obligation = True
    return hit.canonical


@effect("clear_subject")
def _clear_subject(r: Reading, value, rule: str) -> None:
    r.scope.actor = r.scope.topic = None
    return None


@effect("topic_subject")
def _topic_subject(r: Reading, value, rule: str):
    if r.scope.topic is None:
        return QUIET
    r.scope.actor = r.scope.topic
    return r.scope.topic.canonical


@effect("strong_modal")
def _strong_modal(r: Reading, value, rule: str) -> None:
    r.scope.strong_obligation = True
    return None


@effect("own_period")
def _take_own_period(r: Reading, own, rule: str) -> str:
    r.period, r.period_given = own.period, True
    r.rules.append(own.rule)
    return own.period


@effect("carry_period")
def _carry_period(r: Reading, period: str, rule: str) -> str:
    r.period, r.period_given = period, True
    r.rules.extend((r.scope.period_rule, rule))
    return period


@effect("annual_period")
def _annual_period(r: Reading, value, rule: str) -> str:
    r.period = "year"
    r.rules.append(rule)
    return "year"


@effect("own_date")
def _take_own_date(r: Reading, hit, rule: str) -> str:
    r.deadline, r.deadline_span = hit, r.scope.deadline_span
    r.rules.append(hit.rule)
    return _date(hit)


@effect("carry_date")
def _carry_date(r: Reading, hit, rule: str) -> str:
    r.deadline, r.deadline_span = hit, r.scope.deadline_span
    r.rules.extend((rule, hit.rule))
    return _date(hit)


def _date(hit) -> str:
    """A date as month-day and relation (`6-30 by`, `7 in`, `1,4,7,10 in`)."""
    if hit.items:
        when = ",".join(map(str, hit.items))
    else:
        when = "-".join(str(v) for v in (hit.month, hit.day) if v is not None) or "-"
    return f"{when} {hit.relation}"


@effect("actor")
def _actor(r: Reading, value, rule: str) -> str:
    r.actor = value.canonical if isinstance(value, ActorHit) else value
    r.rules.append(rule)
    if isinstance(value, ActorHit) and value.end > 0 and value.kind != "meeting":
        r.actor_span = (value.start, value.end)
    elif value == r.subdoc.actor and r.subdoc.actor_span is not None:
        r.actor_span = r.subdoc.actor_span
    return r.actor


@effect("fill_actor")
def _fill_actor(d, value: str, rule: str) -> str:
    """A duty the document has read with no actor takes one (`DocumentReading`)."""
    d.cand.actor = value
    d.cand.rules.append(rule)
    return value


# --- coverage: what no duty is, by its place and shape ------------------------------------------

# a lead sentence this short (characters) may name its paragraph; one with no marker, this short
RUN_IN_MAX, RUN_IN_BARE_MAX = 30, 16
_COLONS = ("\uff1a", ":")
_PUNCT = regex.compile(r"\p{P}")


@predicate("run_in_heading")
def _run_in_heading(r: Reading) -> bool:
    """A paragraph's lead sentence that names it, its body running on in the same line (firstly,
    plan as a whole: no talk left out. The county office issued ...): a short sentence opening
    with a heading marker, or with an inline one (firstly ...) that the next sentence does not
    continue (secondly ...: an enumeration, each item a duty); or, unmarked, one short clause
    that opens its line with no role in it. A label and its colon (problem: ...) open content.
    A table row's cells are no paragraph: what follows the duty cell is other columns."""
    sentence, line = r.sentence, r.sentence.line
    if line.kind == "row":
        return False
    rest = line.text[sentence.end - line.start:].strip()
    if not rest or len(sentence.text) > RUN_IN_MAX or any(c.sep_before in _COLONS for c in sentence.clauses):
        return False
    inline = r.reader.rules.inline_headings
    if inline and inline[0].pattern.match(sentence.text):
        return not inline[0].pattern.match(rest)
    if sentence.heading:
        return True
    return (sentence.start == line.start + len(line.text) - len(line.text.lstrip())
            and sentence.clause_count == 1 and len(sentence.text) <= RUN_IN_BARE_MAX
            and not find_actors(sentence.text))


@predicate("verbal_shape")
def _verbal_shape(r: Reading) -> bool:
    """The item does something though no verb list knows its verb (facts.ItemFacts.verbal_shape)."""
    return r.f.verbal_shape


@predicate("clause_verbal_shape")
def _clause_verbal_shape(r: Reading) -> bool:
    """The clause, one item, does something though no verb list knows its verb, or states a
    shortfall in a report: no topic it names."""
    items = r.facts.items
    return len(items) == 1 and (items[0].verbal_shape or _shortfall(r, items[0].marks))


@predicate("stated_shortfall")
def _stated_shortfall(r: Reading) -> bool:
    """The item describes a shortfall (modality.yml problem) in a report or a problems section: a
    problem stated, whatever frame or verb it has."""
    return _shortfall(r, r.f.marks)


def _shortfall(r: Reading, marks: dict) -> bool:
    return "problem" in marks and (r.sentence.line.section_modality or r.subdoc.modality) in ("problem", "achievement")


@predicate("inline_chapter")
def _inline_chapter(r: Reading) -> bool:
    """The first clause of a sentence that opens with a part or chapter marker (headings.yml, level
    0) inside its line: a heading a flattened page ran into its text."""

    sentence = r.sentence
    if r.n != 0 or sentence.start == sentence.line.start:
        return False
    head = heading_of(sentence.text)
    return head is not None and head[0] == 0


@predicate("labelled_problem")
def _labelled_problem(r: Reading) -> bool:
    """The sentence states a problem by label (problem 3: ...; clauses.yml non_duty problem_label,
    a colon after it): every clause after the label is the problem, whatever its verb."""

    clauses = r.sentence.clauses
    return len(clauses) > 1 and clauses[1].sep_before in _COLONS \
        and bool(non_duty_patterns()["problem_label"].search(clauses[0].text))


@predicate("problem_label_clause")
def _problem_label_clause(r: Reading) -> bool:
    """The label itself of a sentence that states a problem by label."""
    return r.n == 0 and _labelled_problem(r)


@predicate("purpose_lead")
def _purpose_lead(r: Reading) -> bool:
    """The first clause of a sentence, more after it, that opens with 'in order to' and a verb
    (clauses.yml shapes purpose_lead): the purpose of the clauses after it."""

    if r.n != 0 or len(r.read) < 2:
        return False
    m = shapes()["purpose_lead"].match(r.f.text)
    return bool(m) and has_any_verb(r.f.text[m.end():m.end() + 2])


@predicate("holds_frame")
def _holds_frame(r: Reading) -> bool:
    """The item ends as a frame does but is a duty (facts.ItemFacts.frame_held), in a punctuated
    line (a bare line is a label or a table's header: assessment content and requirements)."""
    return r.f.frame_held and bool(_PUNCT.search(r.sentence.line.text))
