"""`qingdan calendar`: the dated and recurring duties of a list as an iCalendar (.ics) file.

Each duty that is an obligation or a prohibition and says when or how often becomes one entry,
placed in the year the list's title names (`list_year`), else the year given:

- a period shorter than a year (month, quarter, half year, half month, week, day) is one all-day
  VEVENT recurring (RRULE) until the end of that year, on the day of the month the duty names
  (by the 10th of every month) or else on the first;
- a deadline that gives a month (by the end of June, around July 1st, by the end of the year; a
  festival of the lunar calendar or a solar term on its day that year; a part of the year listed
  in deadlines.yml `year_parts`) is a VTODO due then, which also starts then for a window;
- a yearly count with no date is a VTODO for the whole year, due on December 31.

Calendars that import no to-dos (Google Calendar, Outlook) get each VTODO as an all-day VEVENT
with `events=True`, on the day the to-do starts, or on its due day when it has no start. Every
UID starts with the record's id, so importing a new run updates the entries instead of adding
copies. Words come from labels.yml `calendar`; the icalendar library writes the file.
"""
from __future__ import annotations

import sys
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .labels import labels, section_labels
from .normalize.dates import festival_date, festival_of, year_of, year_part
from .records import DutyRecord
from .rules import rule_cache

KINDS = ("periodic", "deadline", "yearly")
MODALITIES = ("obligation", "prohibition")
YEARLY = ("year", "two_years")
# The recurrence of each period shorter than a year, until the end of the list's year.
RECURRENCE = {
    "month": {"FREQ": "MONTHLY"},
    "quarter": {"FREQ": "MONTHLY", "INTERVAL": 3},
    "half_year": {"FREQ": "MONTHLY", "INTERVAL": 6},
    "half_month": {"FREQ": "MONTHLY", "BYMONTHDAY": [1, 16]},
    "week": {"FREQ": "WEEKLY"},
    "day": {"FREQ": "DAILY"},
}
# Any year will do to learn whether a deadline gives a month: whether it does never depends on the year.
PROBE_YEAR = 2000
_TEXT_FIELDS = {"summary": ("actor", "task", "requirement"), "summary_bare": ("actor", "task"),
                "text": ("value",), "section": ("value",), "title": ("value",), "date": ("value",),
                "source": ("value",), "date_value": ("year", "month", "day"), "name_default": (),
                "name_separator": (), "section_separator": ()}
NO_YEAR = "the list's title names no year; give the year it is for with --year, for example --year 2024"


class YearMissing(ValueError):
    """A dated or recurring duty whose list names no year, and no year was given."""


@dataclass(frozen=True)
class Entry:
    """One calendar entry: the duty, its kind (KINDS), the year it is placed in, its first day (None
    for a to-do that only has a due day), the due day of a to-do, the recurrence of a periodic duty,
    and the day a festival fell on that year when the date came from one."""

    record: DutyRecord
    kind: str
    year: int
    start: Optional[date]
    due: Optional[date] = None
    rrule: Optional[dict] = None
    festival: Optional[date] = None

    @property
    def uid(self) -> str:
        return f"{self.record.id}.{self.year}@qingdan"


def _last(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _dated(rec: DutyRecord, year: int) -> Optional[Entry]:
    """The to-do of a duty whose deadline gives a month (itself, through a festival or through a part
    of the year), or None (a day of every month, a term's start, a placeholder give no month)."""
    dl = rec.deadline
    if dl is None:
        return None
    when = year_of(dl.text, year)
    month, day, fest = dl.month, dl.day, None
    if day is None:
        fid = festival_of(dl.text)
        fest = festival_date(fid, when) if fid else None
        if fest is not None and month in (None, fest.month):
            month, day = fest.month, fest.day
        else:
            fest = None
    if month is None:
        part = year_part(dl.text) if day is None else None
        if part is None:
            return None
        return Entry(rec, "deadline", year, date(when, part[0], 1), _last(when, part[1]))
    first = date(when, month, min(day, monthrange(when, month)[1])) if day else date(when, month, 1)
    if dl.relation == "by":
        start, due = None, (first if day else _last(when, month))
    elif dl.relation == "before":
        start, due = None, first
    elif dl.relation == "after":
        start, due = first, _last(when, month)
    elif dl.relation == "start":
        start, due = first, date(when, 12, 31)
    else:
        start, due = first, (first if day else _last(when, month))
    return Entry(rec, "deadline", year, None if start == due else start, due, festival=fest)


def entry_of(rec: DutyRecord, year: Optional[int] = None) -> Optional[Entry]:
    """The calendar entry of one duty, in the year its list names, else `year`; None for a duty that
    is no obligation or prohibition, or says neither when nor how often. Raises YearMissing when
    the duty has an entry and no year is known."""
    if rec.modality not in MODALITIES:
        return None
    period = rec.frequency.period if rec.frequency else None
    year = rec.list_year or year
    dated = _dated(rec, year or PROBE_YEAR)
    if dated is None and period not in RECURRENCE and period not in YEARLY:
        return None
    if year is None:
        raise YearMissing(f"{rec.doc}: {NO_YEAR}")
    if dated is not None:
        return dated
    if period in YEARLY:
        return Entry(rec, "yearly", year, date(year, 1, 1), date(year, 12, 31))
    rule = dict(RECURRENCE[period], UNTIL=date(year, 12, 31))
    day = rec.deadline.day if rec.deadline is not None and rec.deadline.month is None else None
    if period == "week":
        start = date(year, 1, 1) + timedelta(days=(7 - date(year, 1, 1).weekday()) % 7)
    elif day and period != "half_month":
        start = date(year, 1, day)
    else:
        start = date(year, 1, 1)
    return Entry(rec, "periodic", year, start, rrule=rule)


def calendar_entries(records: Iterable[DutyRecord], year: Optional[int] = None) -> list[Entry]:
    """The entries of every dated or recurring duty, in the records' order (see entry_of)."""
    return [entry for entry in (entry_of(rec, year) for rec in records) if entry is not None]


@rule_cache(maxsize=1)
def _words():
    return section_labels("calendar", _TEXT_FIELDS)


def summary_of(entry: Entry) -> str:
    """Actor: task (how often, by when), in the words of labels.yml; a festival's date as written,
    since its month alone would lose the day the entry is on."""
    from .ledger import actor_label, human_deadline, human_frequency, task_label

    rec = entry.record
    when = rec.deadline.text if entry.festival else human_deadline(rec.deadline)
    requirement = labels().text["separator"].join(p for p in (human_frequency(rec.frequency), when) if p)
    fields = {"actor": actor_label(rec.actor), "task": task_label(rec), "requirement": requirement}
    return _words()["summary" if requirement else "summary_bare"].format(**fields)


def description_of(entry: Entry) -> str:
    """The source text, the section, the list's title, the day a festival fell on and the record id,
    one line each (a part with no value left out)."""
    words, rec = _words(), entry.record
    day = entry.festival
    parts = (("text", rec.text), ("section", words["section_separator"].join(rec.section)),
             ("title", rec.list_title),
             ("date", words["date_value"].format(year=day.year, month=day.month, day=day.day) if day else None),
             ("source", rec.id))
    return "\n".join(words[key].format(value=value) for key, value in parts if value)


def _stamp(year: int) -> datetime:
    """DTSTAMP, which RFC 5545 requires, from the year and not the clock: a rerun on the same list
    gives the same bytes, and an unchanged list imported again reads as unchanged."""
    return datetime(year, 1, 1, tzinfo=timezone.utc)


def _component(entry: Entry, events: bool):
    from icalendar import Event, Todo

    from .checklist import bucket_of

    rec = entry.record
    todo = entry.kind != "periodic" and not events
    comp = Todo() if todo else Event()
    comp.add("uid", entry.uid)
    comp.add("dtstamp", _stamp(entry.year))
    comp.add("summary", summary_of(entry))
    comp.add("description", description_of(entry))
    comp.add("categories", [labels().buckets[bucket_of(rec)]])
    if todo:
        if entry.start is not None:
            comp.add("dtstart", entry.start)
        comp.add("due", entry.due)
        comp.add("status", "NEEDS-ACTION")
        return comp
    day = entry.start or entry.due
    comp.add("dtstart", day)
    comp.add("dtend", day + timedelta(days=1))
    comp.add("transp", "TRANSPARENT")
    if entry.rrule:
        comp.add("rrule", entry.rrule)
    return comp


def calendar_of(records: Iterable[DutyRecord], year: Optional[int] = None, events: bool = False):
    """An icalendar.Calendar of every dated or recurring duty (see the module's docstring); `year` is
    the year of a list whose title names none (YearMissing when one is needed and it is None).
    With `events` the to-dos are all-day events too. `.to_ical()` gives the file's bytes."""
    return _calendar(calendar_entries(list(records), year), events)


def _calendar(entries: Sequence[Entry], events: bool):
    from icalendar import Calendar

    from . import __version__

    words = _words()
    titles = dict.fromkeys(e.record.list_title for e in entries if e.record.list_title)
    cal = Calendar()
    cal.add("prodid", f"-//qingdan//qingdan {__version__}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", words["name_separator"].join(titles) or words["name_default"])
    for entry in entries:
        cal.add_component(_component(entry, events))
    return cal


def run_calendar(paths, output=None, year: Optional[int] = None, events: bool = False, report=None) -> int:
    """Write one .ics of every input's dated and recurring duties to standard output or a file.
    Each bad input, and each list that names no year when none is given, is one line through
    `report` and makes the exit code 2 (as extract's); the other inputs are still written."""
    from .batch import STDOUT, Run, UsageError, extract_file, input_files, is_folder_target
    from .outputs_io import claim_output

    if is_folder_target(output):
        raise UsageError(f"calendar writes one file: -o must name a file, not the folder {output}")
    if year is not None and not 1900 <= year <= 2100:
        raise UsageError(f"--year {year}: give the year the list is for, for example --year 2024")
    run = Run(report)
    to_file = output is not None and str(output) != STDOUT
    entries: list[Entry] = []
    read = 0
    files = input_files(paths, run, outputs=[output])
    with claim_output(output):
        for path in files:
            records = extract_file(path, run)
            if records is None:
                continue
            try:
                entries.extend(calendar_entries(records, year))
            except YearMissing:
                run.fail(f"{path}: {NO_YEAR}")
                continue
            read += 1
        if read:
            _write(_calendar(entries, events).to_ical(), output if to_file else None)
    return run.exit_code


def _write(data: bytes, output) -> None:
    if output is not None:
        from .outputs_io import write_bytes

        write_bytes(output, data)
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
