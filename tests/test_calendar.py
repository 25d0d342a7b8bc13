"""`qingdan calendar`: every dated or recurring duty as an iCalendar entry, read back with the
icalendar parser and expanded with recurring-ical-events (a standard reader of RRULEs), so each
expectation is the days a calendar would show.

Tables: phrases of a list and the entries they give; festival days from the lunar calendar; the
year an entry falls in; and the done-when check of issue 10 on the audit list and the seeds.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import yaml
from typer.testing import CliRunner

from extract import calendar_of, extract_duties
from extract.calendar_ics import YearMissing, calendar_entries, run_calendar
from extract.cli import app
from extract.normalize.dates import festival_date, year_of, year_part
from extract.rules import load_yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEV_LIST = DATA / "audit" / "dev_list.txt"
TITLE = "2024年度某某局党组书记抓基层党建工作责任清单\n"
UNTITLED = "某某局党组书记抓基层党建工作责任清单\n"

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def read(ics: bytes, first: int, last: int) -> list[tuple]:
    """(component, summary, days it occurs on from `first` to the end of `last`, due day) of every
    entry, in file order."""
    cal = icalendar.Calendar.from_ical(ics)
    days = defaultdict(list)
    for occ in recurring_ical_events.of(cal, components=["VEVENT", "VTODO"]).between(
            date(first, 1, 1), date(last + 1, 1, 1)):
        days[str(occ["UID"])].append((occ.get("DTSTART") or occ.get("DUE")).dt)
    return [(c.name, str(c["SUMMARY"]), sorted(days[str(c["UID"])]), c["DUE"].dt if "DUE" in c else None)
            for c in cal.walk() if c.name in ("VEVENT", "VTODO")]


def phrase_entries(line: str, title: str = TITLE, year=None, events: bool = False) -> list[tuple]:
    return read(calendar_of(extract_duties(title + line + "\n"), year, events=events).to_ical(), 2024, 2025)


def monthly(day: int = 1, every: int = 1) -> list[date]:
    return [date(2024, m, day) for m in range(1, 13, every)]


def weekly(first: date) -> list[date]:
    return [first + timedelta(weeks=n) for n in range(53) if (first + timedelta(weeks=n)).year == 2024]


D = date
# (id, a line of a 2024 list, every entry it gives: (component, summary, days, due day))
PHRASES = [
    ("monthly", "每月召开1次支部委员会。",
     [("VEVENT", "党组书记：召开支部委员会（每月1次）", monthly(), None)]),
    ("monthly-on-a-day", "每月10日前收缴党费。",
     [("VEVENT", "党组书记：收缴党费（每月，10日前）", monthly(10), None)]),
    ("quarterly", "每季度研究1次党建工作。",
     [("VEVENT", "党组书记：研究党建工作（每季度1次）", monthly(every=3), None)]),
    ("half-yearly", "每半年听取1次党支部工作汇报。",
     [("VEVENT", "党组书记：听取党支部工作汇报（每半年1次）", monthly(every=6), None)]),
    ("half-monthly", "每半月组织1次集中学习。",
     [("VEVENT", "党组书记：组织集中学习（每半月1次）", sorted(monthly() + monthly(16)), None)]),
    ("weekly-on-mondays", "每周开展1次政治学习。",
     [("VEVENT", "党组书记：开展政治学习（每周1次）", weekly(D(2024, 1, 1)), None)]),
    ("month-end", "6月底前完成党支部换届。",
     [("VTODO", "党组书记：完成党支部换届（6月底前）", [D(2024, 6, 30)], D(2024, 6, 30))]),
    ("july-first", "“七一”前后讲专题党课。",
     [("VTODO", "党组书记：讲专题党课（7月1日前后）", [D(2024, 7, 1)], D(2024, 7, 1))]),
    ("year-end", "年底前完成述职评议。",
     [("VTODO", "党组书记：完成述职评议（12月底前）", [D(2024, 12, 31)], D(2024, 12, 31))]),
    ("a-day", "9月30日前完成换届选举。",
     [("VTODO", "党组书记：完成换届选举（9月30日前）", [D(2024, 9, 30)], D(2024, 9, 30))]),
    ("in-a-month-starts-and-ends-then", "在4月研究部署党建工作。",
     [("VTODO", "党组书记：研究部署党建工作（4月份）", [D(2024, 4, 1)], D(2024, 4, 30))]),
    ("from-a-day-to-the-year-end", "6月1日起开展专项整治。",
     [("VTODO", "党组书记：开展专项整治（6月1日起）", [D(2024, 6, 1)], D(2024, 12, 31))]),
    ("after-a-festival", "国庆节后开展作风督查。",
     [("VTODO", "党组书记：开展作风督查（10月1日后）", [D(2024, 10, 1)], D(2024, 10, 31))]),
    ("spring-festival-lunar", "春节前走访慰问困难党员。",
     [("VTODO", "党组书记：走访慰问困难党员（春节前）", [D(2024, 2, 10)], D(2024, 2, 10))]),
    ("mid-autumn-lunar", "中秋节前后开展走访慰问。",
     [("VTODO", "党组书记：开展走访慰问（中秋节前后）", [D(2024, 9, 17)], D(2024, 9, 17))]),
    ("lantern-lunar", "元宵节期间开展党员志愿服务。",
     [("VTODO", "党组书记：开展党员志愿服务（元宵节期间）", [D(2024, 2, 24)], D(2024, 2, 24))]),
    ("qingming-solar-term", "清明节前后组织祭扫烈士墓。",
     [("VTODO", "党组书记：组织祭扫烈士墓（清明节前后）", [D(2024, 4, 4)], D(2024, 4, 4))]),
    ("two-sessions-month-only", "两会期间做好值班值守。",
     [("VTODO", "党组书记：值班值守（3月份）", [D(2024, 3, 1)], D(2024, 3, 31))]),
    ("start-of-year", "年初研究部署全年工作。",
     [("VTODO", "党组书记：研究部署全年工作（年初）", [D(2024, 1, 1)], D(2024, 1, 31))]),
    ("mid-year", "年中督促推进重点任务。",
     [("VTODO", "党组书记：督促推进重点任务（年中）", [D(2024, 6, 1)], D(2024, 7, 31))]),
    ("second-half", "下半年开展专项检查。",
     [("VTODO", "党组书记：开展专项检查（下半年）", [D(2024, 7, 1)], D(2024, 12, 31))]),
    ("next-year", "次年1月底前报送述职报告。",
     [("VTODO", "党组书记：报送述职报告（1月底前）", [D(2025, 1, 31)], D(2025, 1, 31))]),
    ("yearly-count", "年内讲党课不少于2次。",
     [("VTODO", "党组书记：讲党课（每年不少于2次）", [D(2024, 1, 1)], D(2024, 12, 31))]),
    ("list-of-months", "每年1、4、7、10月召开支部党员大会。",
     [("VTODO", f"党组书记：召开支部党员大会（每年，{m}月份）", [D(2024, m, 1)], D(2024, m, 30 + (m in (1, 7, 10))))
      for m in (1, 4, 7, 10)]),
    ("prohibition-marked", "国庆期间严禁公款吃喝。",
     [("VTODO", "党组书记：【禁止】严禁公款吃喝（10月1日）", [D(2024, 10, 1)], D(2024, 10, 1))]),
    ("no-date-no-entry", "严格落实“第一议题”制度。", []),
    ("each-term-half-yearly", "每学期初研究确定本学期党日主题。",
     [("VEVENT", "党组书记：研究确定本学期党日主题（每半年，学期初）", monthly(every=6), None)]),
    ("placeholder-date-no-entry", "x月x日前报送述职报告。", []),
]


@pytest.mark.parametrize("line,expected", [pytest.param(line, exp, id=i) for i, line, exp in PHRASES])
def test_phrase_entries(line, expected):
    assert phrase_entries(line) == expected


# --------------------------------------------------------------- events for calendars without to-dos

@pytest.mark.parametrize("line", [pytest.param(line, id=i) for i, line, exp in PHRASES if exp])
def test_events_fall_on_the_same_days(line):
    """--events: every entry an all-day VEVENT, on the day the to-do starts (or is due)."""
    todos = phrase_entries(line)
    events = phrase_entries(line, events=True)
    assert [(c, s, d) for c, s, d, _ in events] == [("VEVENT", s, d) for _, s, d, _ in todos]


# --------------------------------------------------------------- festivals and the year

# (festival rule id, year, its day that year): lunar festivals and solar terms from lunar-python
FESTIVAL_DAYS = [
    ("festival.spring", 2022, D(2022, 2, 1)),
    ("festival.spring", 2023, D(2023, 1, 22)),
    ("festival.spring", 2024, D(2024, 2, 10)),
    ("festival.spring", 2025, D(2025, 1, 29)),
    ("festival.lantern", 2025, D(2025, 2, 12)),
    ("festival.dragon_boat", 2024, D(2024, 6, 10)),
    ("festival.mid_autumn", 2025, D(2025, 10, 6)),
    ("festival.double_ninth", 2024, D(2024, 10, 11)),
    ("festival.qingming", 2023, D(2023, 4, 5)),
    ("festival.qingming", 2024, D(2024, 4, 4)),
    ("festival.july_first", 2024, D(2024, 7, 1)),
    ("festival.two_sessions", 2024, None),
    ("festival.unknown", 2024, None),
]


@pytest.mark.parametrize("fid,year,expected", [pytest.param(f, y, e, id=f"{f}-{y}") for f, y, e in FESTIVAL_DAYS])
def test_festival_days(fid, year, expected):
    assert festival_date(fid, year) == expected


# (id, a deadline as written, the list's year, the year it falls in)
YEARS_OF = [
    ("same-year", "6月底前", 2024, 2024),
    ("next-year", "于次年1月底前", 2024, 2025),
    ("next-year-ming", "明年3月底前", 2024, 2025),
    ("last-year", "上年度12月", 2024, 2023),
    ("named-later-year-of-a-range", "2024年11月—2025年1月", 2024, 2025),
    ("second-half-is-no-next-year", "下半年", 2024, 2024),
    ("first-half-is-no-last-year", "上半年", 2024, 2024),
]


@pytest.mark.parametrize("text,year,expected", [pytest.param(t, y, e, id=i) for i, t, y, e in YEARS_OF])
def test_year_of(text, year, expected):
    assert year_of(text, year) == expected


def _calendar_marks() -> list:
    data = load_yaml("deadlines")
    return [(key, rule) for key in ("year_shifts", "year_parts") for rule in data[key]]


@pytest.mark.parametrize("rule", [pytest.param(r, id=f"{k}/{r['id']}") for k, r in _calendar_marks()])
def test_calendar_marks_examples(rule):
    """The examples and counters of deadlines.yml `year_shifts` and `year_parts`."""
    pattern = re.compile(rule["pattern"])
    assert [ex for ex in rule.get("examples", []) if not pattern.search(ex)] == []
    assert [ex for ex in rule.get("counter", []) if pattern.search(ex)] == []


@pytest.mark.parametrize("text,expected", [
    pytest.param("年初", (1, 1), id="start"), pytest.param("年中", (6, 7), id="middle"),
    pytest.param("下半年", (7, 12), id="second-half"), pytest.param("学期初", None, id="term-unknown")])
def test_year_part(text, expected):
    assert year_part(text) == expected


# (id, title line, year given, the line, the days): the title's year first, else the one given
YEAR_CASES = [
    ("title-year-wins", TITLE, 2030, "春节前走访慰问困难党员。", [D(2024, 2, 10)]),
    ("given-year-for-an-untitled-year", UNTITLED, 2025, "春节前走访慰问困难党员。", [D(2025, 1, 29)]),
    ("template-year-stars", "**年度市局党委书记抓基层党建工作责任清单\n", 2025, "6月底前完成换届。", [D(2025, 6, 30)]),
]


@pytest.mark.parametrize("title,year,line,days", [pytest.param(t, y, l, d, id=i) for i, t, y, l, d in YEAR_CASES])
def test_the_year(title, year, line, days):
    [(_, _, got, _)] = phrase_entries(line, title=title, year=year)
    assert got == days


def test_no_year_is_an_error_only_when_a_duty_needs_one():
    with pytest.raises(YearMissing, match="names no year"):
        calendar_of(extract_duties(UNTITLED + "6月底前完成换届。\n"))
    assert calendar_entries(extract_duties(UNTITLED + "严格落实“第一议题”制度。\n")) == []


def test_reports_give_no_entries():
    """Achievements and problems are done or missed, not due: a report's counts are no entries."""
    report = "2024年度机关党委书记抓基层党建述职报告\n全年召开支委会12次。每季度研究党建工作1次。\n"
    assert calendar_entries(extract_duties(report)) == []


# --------------------------------------------------------------- the file itself

def test_uids_start_with_the_record_ids_and_the_bytes_repeat():
    records = extract_duties(DEV_LIST)
    first = calendar_of(records).to_ical()
    again = calendar_of(extract_duties(DEV_LIST)).to_ical()
    assert first == again
    cal = icalendar.Calendar.from_ical(first)
    uids = [str(c["UID"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO")]
    ids = [e.record.id for e in calendar_entries(records)]
    assert uids == [f"{i}.2024@qingdan" for i in ids] and len(set(uids)) == len(uids)
    assert {c["DTSTAMP"].dt.isoformat() for c in cal.walk() if c.name in ("VEVENT", "VTODO")} == {
        "2024-01-01T00:00:00+00:00"}
    assert str(cal["X-WR-CALNAME"]) == "2024年度县交通运输局党组书记抓基层党建工作责任清单"


def test_description_has_the_source_text_and_section():
    cal = icalendar.Calendar.from_ical(calendar_of(extract_duties(DEV_LIST)).to_ical())
    todo = next(c for c in cal.walk("VTODO") if "专题党课" in str(c["SUMMARY"]))
    assert str(todo["DESCRIPTION"]).splitlines() == [
        "原文：“七一”前后为全局党员讲专题党课",
        "所在部分：四、带头过好组织生活 > 13.年内讲党课不少于2次，“七一”前后为全局党员讲专题党课",
        "清单：2024年度县交通运输局党组书记抓基层党建工作责任清单",
        "编号：dev_list#17",
    ]


def test_a_lunar_festival_names_its_day():
    cal = icalendar.Calendar.from_ical(calendar_of(extract_duties(TITLE + "春节前走访慰问困难党员。\n")).to_ical())
    [todo] = cal.walk("VTODO")
    assert "日期：2024年2月10日" in str(todo["DESCRIPTION"]).splitlines()


# --------------------------------------------------------------- done when (issue 10)

PER_YEAR = {"month": 12, "quarter": 4, "half_year": 2}


def _expanded(path: Path, year: int, out: Path) -> list[tuple[str, list[date]]]:
    """(source text, days in the list's year) of every entry of the .ics `qingdan calendar` writes."""
    assert run_calendar([path], out) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    days = defaultdict(list)
    for occ in recurring_ical_events.of(cal, components=["VEVENT", "VTODO"]).between(
            date(year, 1, 1), date(year + 1, 1, 1)):
        days[str(occ["UID"])].append((occ.get("DTSTART") or occ.get("DUE")).dt)
    return [(str(c["DESCRIPTION"]).splitlines()[0].split("：", 1)[1], days[str(c["UID"])])
            for c in cal.walk() if c.name in ("VEVENT", "VTODO")]


def _right(entries, clause: str, period, month) -> bool:
    """An entry of the clause occurs as often as the period asks in the year, or only in the month."""
    for text, days in entries:
        if clause in text or text in clause:
            if month is not None and days and {d.month for d in days} == {month}:
                return True
            if month is None and len(days) == PER_YEAR[period]:
                return True
    return False


@pytest.fixture(scope="module")
def expanded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calendars")
    cache = {}

    def get(path: Path, year: int):
        if path not in cache:
            cache[path] = _expanded(path, year, folder / f"{path.stem}.ics")
        return cache[path]
    return get


# The audit list (a copy of ../shared/audit/dev_list.txt): every dated or periodic duty, and what
# a calendar must show for it in 2024 (a period, or a deadline's month).
DEV_LIST_DUTIES = [
    ("2月底前牵头制定局党组年度党建工作要点", None, 2),
    ("每季度主持召开局党组会议专题研究基层党建工作不少于1次", "quarter", None),
    ("每半年听取机关各党支部书记抓党建工作情况汇报1次", "half_year", None),
    ("每半年专题分析研判意识形态领域情况不少于1次", "half_year", None),
    ("6月底前完成局属到期党支部换届工作", None, 6),
    ("“七一”前后为全局党员讲专题党课", None, 7),
    ("每季度到本人基层党建工作联系点调研指导不少于1次", "quarter", None),
    ("12月底前组织局属各党支部书记开展抓基层党建工作述职评议", None, 12),
]


@pytest.mark.parametrize("clause,period,month", DEV_LIST_DUTIES)
def test_done_when_audit_list(expanded, clause, period, month):
    assert _right(expanded(DEV_LIST, 2024), clause, period, month)


def _seed_duties() -> list:
    """The gold duties of the seeds with a year that a calendar must place: a period shorter than a
    year, or a deadline's month."""
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yml").read_text(encoding="utf-8"))
    rows = []
    for doc in manifest["documents"]:
        if not doc["year"]:
            continue
        stem = Path(doc["file"]).stem
        for line in (DATA / "gold" / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            month = (gold.get("deadline") or {}).get("month")
            if gold["modality"] in ("obligation", "prohibition") and (month or gold["period"] in PER_YEAR):
                rows.append(pytest.param(stem, doc["year"], gold["clause"], gold["period"], month,
                                         id=f"{stem[:3]}/{gold['clause'][:24]}"))
    return rows


@pytest.mark.parametrize("stem,year,clause,period,month", _seed_duties())
def test_done_when_seeds(expanded, stem, year, clause, period, month):
    assert _right(expanded(ROOT / "corpus" / f"{stem}.txt", year), clause, period, month)


def test_the_seeds_give_rows():
    assert len(_seed_duties()) == 17


# --------------------------------------------------------------- the command

def test_cli_writes_the_file(tmp_path):
    out = tmp_path / "sub" / "2024清单.ics"
    result = invoke("calendar", DEV_LIST, "-o", out)
    assert result.exit_code == 0 and not result.stderr
    assert out.read_bytes() == calendar_of(extract_duties(DEV_LIST)).to_ical()


def test_cli_to_stdout():
    result = invoke("calendar", DEV_LIST)
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


def test_cli_events(tmp_path):
    out = tmp_path / "events.ics"
    assert invoke("calendar", DEV_LIST, "--events", "-o", out).exit_code == 0
    assert "BEGIN:VTODO" not in out.read_text(encoding="utf-8")


def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)
    return path


def _html(path: Path, text: str) -> Path:
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [pytest.param(_docx, id="docx"), pytest.param(_html, id="html")])
def test_every_format_extract_takes(tmp_path, make):
    text = DEV_LIST.read_text(encoding="utf-8")
    path = make(tmp_path / f"dev_list{'.docx' if make is _docx else '.html'}", text)
    out = tmp_path / "out.ics"
    assert invoke("calendar", path, "-o", out).exit_code == 0
    assert read(out.read_bytes(), 2024, 2024) == read(calendar_of(extract_duties(DEV_LIST)).to_ical(), 2024, 2024)


def _bad(tmp_path: Path, kind: str) -> Path:
    path = {"missing": tmp_path / "missing.txt", "unsupported": tmp_path / "list.xyz",
            "corrupt-docx": tmp_path / "broken.docx", "empty": tmp_path / "empty.txt"}[kind]
    data = {"unsupported": b"x", "corrupt-docx": b"PK\x03\x04 not really a zip", "empty": b""}.get(kind)
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", ["missing", "unsupported", "corrupt-docx", "empty"])
def test_bad_input_gives_extracts_line_and_code(tmp_path, kind):
    bad = _bad(tmp_path, kind)
    extract = invoke("extract", bad)
    result = invoke("calendar", bad)
    assert (result.exit_code, result.stderr) == (extract.exit_code, extract.stderr)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and bad.name in result.stderr
    assert not result.stdout


def test_bad_file_among_good_ones(tmp_path):
    out = tmp_path / "out.ics"
    result = invoke("calendar", DEV_LIST, tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "missing.txt" in result.stderr
    assert out.read_bytes() == calendar_of(extract_duties(DEV_LIST)).to_ical()


def test_no_year_is_one_line(tmp_path):
    untitled = tmp_path / "untitled.txt"
    untitled.write_text(UNTITLED + "6月底前完成换届。\n", encoding="utf-8")
    result = invoke("calendar", untitled)
    assert result.exit_code == 2 and not result.stdout
    assert result.stderr.splitlines() == [f"qingdan：{untitled}: the list's title names no year; give the year "
                                          "it is for with --year, for example --year 2024"]
    assert invoke("calendar", untitled, "--year", "2025").exit_code == 0


@pytest.mark.parametrize("args,message", [
    pytest.param(["-o", "folder/"], "must name a file", id="folder-output"),
    pytest.param(["--year", "24"], "--year 24", id="bad-year")])
def test_usage_errors(tmp_path, args, message):
    result = invoke("calendar", DEV_LIST, *[f"{tmp_path}/{a}" if a.endswith("/") else a for a in args])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and message in result.stderr
