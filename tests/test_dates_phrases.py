"""Periods and dates said in many ways: real phrases and the whole values their records must give.

Most cases are a line of an annual plan (so the annual default applies where the spec says it
does); others are a line of a report or a row of a task table. Every measured record (one with a
frequency or a deadline) is compared, in order, on all of min, max, unit, period, month, day and
relation. `absent` lists words that must have left the action (a period or date word is cut from
it). A known miss is a strict xfail row naming the change, outside the date finders, it waits for.
The finder-level tables (date lists, table cells) hold what the finders themselves must read.
"""
from __future__ import annotations

import pytest

from extract.normalize import find_deadlines
from extract.pipeline import extract_text

TITLE = "2025年度某某党支部工作计划\n"
PLAIN_TITLE = "某某党支部工作制度\n"
FIELDS = ("min", "max", "unit", "period", "month", "day", "relation")


def R(**values) -> dict:
    """The whole values of one record: every field not given is None."""
    unknown = set(values) - set(FIELDS)
    assert not unknown, unknown
    return {k: values.get(k) for k in FIELDS}


def _measured(text: str, title: str) -> list:
    return [r for r in extract_text(title + text, "case") if r.frequency or r.deadline]


def _values(rec) -> dict:
    f, d = rec.frequency, rec.deadline
    return {"min": f.min if f else None, "max": f.max if f else None, "unit": f.unit if f else None,
            "period": f.period if f else None, "month": d.month if d else None,
            "day": d.day if d else None, "relation": d.relation if d else None}



# (id, line, records, words absent from every action[, what a known miss waits for])
CASES = [
    # an interval before a count is a period, and leaves the action
    ("three-months-once", "机关党支部委员会三个月召开一次。",
     [R(min=1, max=1, unit="次", period="quarter")], ["三个月"]),
    ("every-3-months", "每3个月开展1次廉政风险排查。", [R(min=1, max=1, unit="次", period="quarter")], ["3个月"]),
    ("one-season-once", "班子成员到联系点一季走访一次。", [R(min=1, max=1, unit="次", period="quarter")], ["一季"]),
    ("one-month-at-least", "党小组会一个月至少开展一次。", [R(min=1, unit="次", period="month")], ["一个月"]),
    ("two-weeks-once", "青年理论学习小组两周集中学习一次。", [R(min=1, max=1, unit="次", period="half_month")],
     ["两周"]),
    ("half-month-once", "网格员半个月走访一次独居老党员。", [R(min=1, max=1, unit="次", period="half_month")],
     ["半个月"]),
    ("one-week-visits", "支部书记一周至少走访2户困难党员。", [R(min=2, unit="户", period="week")], ["一周"]),
    ("one-week-duty-days", "党员志愿者一周值守2天。", [R(min=2, max=2, unit="天", period="week")], ["一周"]),
    ("one-semester", "支部书记一学期至少为学生党员讲一次党课。", [R(min=1, unit="次", period="half_year")],
     ["学期"]),
    ("this-semester", "本学期组织党员观看警示教育片不少于2次。", [R(min=2, unit="次", period="half_year")],
     ["本学期"]),
    ("semester-hours", "学生党员一学期参加社区服务不少于10小时。", [R(min=10, unit="小时", period="half_year")],
     ["学期"]),
    ("half-year-once", "党员大会半年一次。", [R(min=1, max=1, unit="次", period="half_year")], []),
    ("one-year-at-least", "领导班子一年至少专题研究两次党建工作。", [R(min=2, unit="次", period="year")], ["一年"]),
    ("two-years-at-least", "专职副书记两年至少参加1次脱产培训。", [R(min=1, unit="次", period="two_years")],
     ["两年"]),
    ("by-semester", "按学期开展党员民主评议。", [R(period="half_year")], ["学期"]),
    # a named quarter before a count: the quarter, no month
    ("named-quarters", "第三季度，组织1次党员志愿服务；第四季度，召开组织生活会1次。",
     [R(min=1, max=1, unit="次", period="quarter"), R(min=1, max=1, unit="次", period="quarter")], []),
    ("quarter-without-di", "二季度开展党史学习专题研讨不少于2次。", [R(min=2, unit="次", period="quarter")],
     ["季度"]),
    ("year-modifying-a-plan", "第一季度，召开支委会审议全年理论学习计划1次。",
     [R(min=1, max=1, unit="次", period="quarter")], []),
    ("quarter-inside-every-year", "每年第一季度召开1次组织生活会。", [R(min=1, max=1, unit="次", period="year")], []),
    # a position inside a period is the period alone
    ("season-end", "各党小组每季末报送学习记录。", [R(period="quarter")], ["末"]),
    ("quarter-end-count", "每季度末开展一次党费收缴检查。", [R(min=1, max=1, unit="次", period="quarter")], ["末"]),
    ("month-early", "每月上旬召开支委会。", [R(period="month")], ["上旬"]),
    ("month-last-days", "每月最后三天内报送党费收缴情况。", [R(period="month")], ["最后"]),
    # a per-session measure has no period
    ("per-period-days", "举办入党积极分子培训班2期，每期不少于3天。",
     [R(min=2, max=2, unit="期", period="year"), R(min=3, unit="天")], ["每期"]),
    ("per-session-after-period", "每季度组织一次专题宣讲，每场不少于1小时。",
     [R(min=1, max=1, unit="次", period="quarter"), R(min=1, unit="小时")], ["每场"]),
    ("per-session-after-day", "主题党日每月固定在20日开展，每次活动时间不少于2小时。",
     [R(period="month", day=20, relation="in"), R(min=2, unit="小时")], ["每次"]),
    # each session measured takes the activity of the duty before it, whatever noun it repeats
    ("per-session-activity", "每月开展1次“红色宣讲”，每场宣讲时长不少于40分钟。",
     [R(min=1, max=1, unit="次", period="month"), R(min=40, unit="分钟")], ["每场"]),
    # a new frequency is a new duty: the date of the clause before does not reach it
    ("own-period-after-monthly-day", "将每月5日定为党员固定学习日，每季度组织1次专题研讨。",
     [R(period="month", day=5, relation="in"), R(min=1, max=1, unit="次", period="quarter")], []),
    ("own-period-after-date", "7月1日组织全体党员重温入党誓词，每季度开展1次党性分析。",
     [R(month=7, day=1, relation="in"), R(min=1, max=1, unit="次", period="quarter")], []),
    # a period word of a clause's own ends the date before it: that date reaches no further
    ("own-period-after-day-list", "每月5日、20日为“党员学习日”，各支部组织集中学习；每季度末，机关党委通报学习情况。",
     [R(period="month", day=5, relation="in"), R(period="month", day=20, relation="in"), R(period="quarter")], []),
    # a clause's own 年度 beats the period carried from the clause before
    ("own-year-after-month", "党小组每月学习1次；党员年度参加志愿服务不少于20小时。",
     [R(min=1, max=1, unit="次", period="month"), R(min=20, unit="小时", period="year")], ["年度"]),
    # a date inside an enumerated item stays there
    ("date-inside-first-item", "会议确定：一、9月10日前完成党员信息核对；二、支部书记每季度讲党课1次。",
     [R(month=9, day=10, relation="by"), R(min=1, max=1, unit="次", period="quarter")], ["一、"]),
    ("date-inside-digit-item", "会议决定：1.6月底前完成换届准备；2.组织委员联系流动党员3名。",
     [R(month=6, relation="by"), R(min=3, max=3, unit="名", period="year")], ["1."]),
    ("date-inside-shi-item", "一是9月底前完成党员信息采集；二是每名党员每年参加志愿服务不少于4次。",
     [R(month=9, relation="by"), R(min=4, unit="次", period="year")], []),
    # a period word inside an enumerated item stays there too
    ("period-inside-first-item", "会议议定：一、支部书记每季度讲党课1次；二、委员每人联系困难党员2户。",
     [R(min=1, max=1, unit="次", period="quarter"), R(min=2, max=2, unit="户", period="year")], []),
    # a clause naming only a date in a month stops a period carried from before the semicolon
    ("month-topic-after-period", "每月5日为“主题党日”，各党小组组织学习；年底，党支部评议党员。",
     [R(period="month", day=5, relation="in"), R(month=12, relation="in")], []),
    # ranges end on their last date
    ("range-days", "9月8日至12日，组织党员赴延安开展集中培训。", [R(month=9, day=12, relation="by")], ["至"]),
    ("range-full", "于2025年3月1日至3月31日完成党员信息核查。", [R(month=3, day=31, relation="by")], ["于"]),
    ("range-month-parts", "4月中旬至5月底开展软弱涣散党组织整顿。", [R(month=5, relation="by")], ["中旬"]),
    ("range-months", "3至5月开展党员教育集中轮训。", [R(month=5, relation="by")], []),
    ("range-from-now", "从即日起至6月30日开展作风纪律专项整治。", [R(month=6, day=30, relation="by")], ["即日"]),
    ("range-then-bare-verb", "10月8日至10月31日，各支部对党费收缴台账逐本清查。", [R(month=10, day=31, relation="by")], []),
    ("day-around-then-for", "7月1日前后，为入党满50年的老党员佩戴纪念章。", [R(month=7, day=1, relation="around")], []),
    # lists of dates: one record a date
    ("months-sharing-a-day", "每年3、6、9、12月20日前报送党建工作台账。",
     [R(period="year", month=m, day=20, relation="by") for m in (3, 6, 9, 12)], ["20日"]),
    ("month-words-sharing-a-day", "于每年6月、12月25日前将党费收缴情况报机关党委。",
     [R(period="year", month=m, day=25, relation="by") for m in (6, 12)], ["25日"]),
    ("month-ends", "6月底、12月底前分别报送1次工作总结。",
     [R(min=1, max=1, unit="次", period="year", month=6, relation="by"),
      R(min=1, max=1, unit="次", period="year", month=12, relation="by")], ["底"]),
    ("month-words", "每年4月、10月开展党员积分评定。",
     [R(period="year", month=4, relation="in"), R(period="year", month=10, relation="in")], ["月"]),
    ("year-positions", "年中、年底各作1次工作汇报。",
     [R(min=1, max=1, unit="次", period="year", relation="in"),
      R(min=1, max=1, unit="次", period="year", month=12, relation="in")], ["年中", "年底"]),
    ("two-full-dates", "7月1日、10月1日分别组织1次升旗仪式。",
     [R(min=1, max=1, unit="次", period="year", month=m, day=1, relation="in") for m in (7, 10)], ["1日"]),
    ("two-festivals", "“七一”、国庆节前后分别开展1次走访慰问。",
     [R(min=1, max=1, unit="次", period="year", month=m, day=1, relation="around") for m in (7, 10)], ["国庆"]),
    # years named relative to the list's
    ("next-year", "各党支部于次年1月底前完成年度述职评议。", [R(month=1, relation="by")], ["次年", "于"]),
    ("this-year", "今年9月底前完成党群服务中心提升改造。", [R(month=9, relation="by")], ["今年"]),
    # parts of a month
    ("early-month", "7月上旬召开党员大会选举出席上级党代会代表。", [R(month=7, relation="in")], ["上旬"]),
    ("late-month-count", "10月下旬组织党员开展1次红色教育。",
     [R(min=1, max=1, unit="次", period="year", month=10, relation="in")], ["下旬"]),
    ("postponed", "支部换届推迟到2025年1月中旬才召开。", [R(month=1, relation="in")], ["中旬"]),
    # a day inside a monthly period has no month
    ("monthly-day-by", "每月10日前收缴上月党费。", [R(period="month", day=10, relation="by")], ["10日"]),
    ("monthly-day-named", "将每月15日确定为党员固定活动日。", [R(period="month", day=15, relation="in")], ["15日"]),
    ("monthly-day-later", "党员活动日每月固定在20日开展。", [R(period="month", day=20, relation="in")], ["20日"]),
    # 次月N日前 recurs each month: the month after each month is its period
    ("next-month-day", "党费按月收缴，次月5日前上交机关党委。",
     [R(period="month"), R(period="month", day=5, relation="by")], ["次月"]),
    # days in other scripts
    ("chinese-day", "于十二月二十日前报送党费收缴情况。", [R(month=12, day=20, relation="by")], ["二十日"]),
    ("hao-day", "6月30号之前上报组织关系排查结果。", [R(month=6, day=30, relation="by")], ["30号"]),
    ("day-around", "每年7月1日前后组织党员重温入党誓词。", [R(period="year", month=7, day=1, relation="around")],
     ["前后"]),
    ("placeholder-day-by", "x月x日前报送述职报告。", [R(relation="by")], ["x日"]),
    # festivals
    ("spring-festival-before", "春节前走访慰问生活困难党员不少于10户。",
     [R(min=10, unit="户", period="year", relation="before")], ["春节"]),
    ("july-first-around", "“七一”前后组织新党员入党宣誓。", [R(month=7, day=1, relation="around")], ["七一"]),
    ("july-first-eve", "“七一”前夕走访慰问老党员。", [R(month=7, day=1, relation="before")], ["夕"]),
    ("july-first-day", "“七一”当天组织全体党员重温入党誓词。", [R(month=7, day=1, relation="in")], ["当天"]),
    ("national-day-before", "国庆节前完成党支部星级评定。", [R(month=10, day=1, relation="before")], ["国庆"]),
    ("holiday-season", "元旦春节期间开展“送温暖”走访1次。", [R(min=1, max=1, unit="次", period="year", relation="in")],
     ["春节"]),
    ("double-ninth", "重阳节前走访慰问老党员不少于5户。", [R(min=5, unit="户", period="year", relation="before")],
     ["重阳"]),
    ("teachers-day", "教师节当天表彰优秀党员教师。", [R(month=9, day=10, relation="in")], ["教师节"]),
    ("festival-number-and-name", "“八一”建军节前走访慰问退役军人党员。", [R(month=8, day=1, relation="before")],
     ["建军节"]),
    # a list of festivals shares the relation after the last (等节点前: before each)
    ("festival-list-before", "元旦、“五一”、国庆等节点前，各开展1次廉洁提醒。",
     [R(min=1, max=1, unit="次", period="year", month=m, day=1, relation="before") for m in (1, 5, 10)], ["等节点"]),
    ("quoted-festivals-back-to-back", "“五一”“十一”前，各开展1次作风纪律检查。",
     [R(min=1, max=1, unit="次", period="year", month=m, day=1, relation="before") for m in (5, 10)], ["十一"]),
]

REPORT_TITLE = "某某社区党委关于党建工作进展情况的通报\n"

# (id, line of a report, records[, what a known miss waits for]): dates in reports of done work
REPORT_CASES = [
    ("as-of-own-clause", "截至9月底社区党委累计走访困难党员56户。", [R(min=56, max=56, unit="户", month=9, relation="by")]),
    ("as-of-reaches-counts", "截至6月30日，社区党委已发展党员3名，培养入党积极分子5名。",
     [R(min=3, max=3, unit="名", month=6, day=30, relation="by"), R(min=5, max=5, unit="名", month=6, day=30, relation="by")]),
    ("as-of-not-uncounted", "截至10月底，支部累计开展主题党日10次，覆盖全体党员。",
     [R(min=10, max=10, unit="次", month=10, relation="by")]),
    ("range-in-report", "5月20日至22日，社区党委举办党员骨干培训班。", [R(month=5, day=22, relation="by")]),
]


@pytest.mark.parametrize("text, expected", [
    pytest.param(*c[1:3], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=c[3])] if len(c) > 3 else [])
    for c in REPORT_CASES])
def test_report_dates(text, expected):
    got = _measured(text, REPORT_TITLE)
    assert [_values(r) for r in got] == expected, [(r.text, r.action, r.rules) for r in got]


def test_reporting_date_keeps_its_text():
    (rec,) = _measured("截至9月底社区党委累计走访困难党员56户。", REPORT_TITLE)
    assert rec.deadline.text == "截至9月底"


# (id, line): intervals that are durations or conditions, and words that only look like periods
NO_PERIOD = [
    ("within-three-months", "整改工作三个月内完成。"),
    ("probation-year", "预备期满一年的预备党员，支部要及时讨论其转正。"),
    ("semester-as-modifier", "研究确定本学期各月党日主题。"),
    ("half-year-as-modifier", "将半年党费收缴情况报机关党委。"),
    ("first-quarter-as-time", "时间一般放在第一季度。"),
    ("anniversary", "开展庆祝建党一周年活动。"),
]


def _case(case):
    """A row as a param with its id; a fifth element makes it a strict xfail with that reason."""
    marks = [pytest.mark.xfail(strict=True, reason=case[4])] if len(case) > 4 else []
    return pytest.param(*case[1:4], id=case[0], marks=marks)


@pytest.mark.parametrize("text, expected, absent", [_case(c) for c in CASES])
def test_phrase_gives_whole_values(text, expected, absent):
    got = _measured(text, TITLE)
    assert [_values(r) for r in got] == expected, [(r.text, r.action, r.rules) for r in got]
    for rec in got:
        for word in absent:
            assert word not in rec.action, (word, rec.action)


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NO_PERIOD])
def test_no_period_is_read(text):
    for rec in extract_text(PLAIN_TITLE + text, "case"):
        assert rec.frequency is None or rec.frequency.period is None, rec


# (id, text, months, the day they share, relation) of the first date list the finder reads
LISTS = [
    ("quarter-months-day", "每年3、6、9、12月20日前报送", (3, 6, 9, 12), 20, "by"),
    ("month-words-day", "于每年6月、12月25日前报送", (6, 12), 25, "by"),
    ("month-words-day-in", "每年1月、7月1日组织重温入党誓词", (1, 7), 1, "in"),
    ("month-ends", "6月底、12月底前报送", (6, 12), None, "by"),
    ("month-ends-short", "每年6、12月底报送", (6, 12), None, "by"),
    ("months", "每年4月、10月开展评定", (4, 10), None, "in"),
    ("months-digits", "每年1、4、7、10月召开", (1, 4, 7, 10), None, "in"),
    ("joined-year-positions", "年中、年底各作1次工作汇报", (None, 12), None, "in"),
    ("joined-full-dates", "7月1日、10月1日分别组织升旗仪式", (7, 10), 1, "in"),
    ("joined-list-and-month", "每年3、6月和9月召开", (3, 6, 9), None, "in"),
]


def test_dates_of_other_relations_are_no_list():
    assert [(h.relation, h.items) for h in find_deadlines("年初、年底各召开1次支委会")] == [("start", ()), ("in", ())]


@pytest.mark.parametrize("text, months, day, relation", [pytest.param(*c[1:], id=c[0]) for c in LISTS])
def test_date_list_hit(text, months, day, relation):
    hit = next(h for h in find_deadlines(text) if h.items)
    assert (hit.items, hit.item, hit.day, hit.relation) == (months, "month", day, relation)


TABLE_HEAD = "序号\t工作任务\t责任主体\t完成时限\n1\t"

# (id, task cell, deadline cell, records[, what a known miss waits for]): a table row of a task list
ROWS = [
    ("row-month-part", "召开党员大会", "7月上旬", [R(month=7, relation="in")]),
    ("row-next-year", "完成年度述职评议", "次年1月底前", [R(month=1, relation="by")]),
    ("row-two-month-ends", "报送党建工作总结", "6月底、12月底", [R(month=6, relation="by"), R(month=12, relation="by")]),
    ("row-count-and-dates", "每半年召开1次组织生活会", "6月底、12月底",
     [R(min=1, max=1, unit="次", period="half_year", month=m, relation="by") for m in (6, 12)]),
    ("row-season-end", "召开专题组织生活会", "每季度末", [R(period="quarter")]),
    ("row-monthly-day", "开展主题党日活动", "每月10日前", [R(period="month", day=10, relation="by")]),
]


@pytest.mark.parametrize("task, cell, expected", [
    pytest.param(*c[1:4], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=c[4])] if len(c) > 4 else [])
    for c in ROWS])
def test_table_row_deadline_cell(task, cell, expected):
    text = f"{TABLE_HEAD}{task}\t党支部\t{cell}\n"
    got = _measured(text, "2025年度某某党支部重点任务清单\n")
    assert [_values(r) for r in got] == expected, [(r.text, r.action, r.rules) for r in got]


# (id, a table's deadline cell, (month, day, relation) of each date): cells the finders must read
CELLS = [
    ("cell-month-part", "7月上旬", [(7, None, "in")]),
    ("cell-next-year", "次年1月底前", [(1, None, "by")]),
    ("cell-monthly-day", "每月10日前", [(None, 10, "by")]),
    ("cell-season-end", "每季度末", []),
]


@pytest.mark.parametrize("cell, dates", [pytest.param(*c[1:], id=c[0]) for c in CELLS])
def test_table_cell_dates(cell, dates):
    assert [(h.month, h.day, h.relation) for h in find_deadlines(cell)] == dates
