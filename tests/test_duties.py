"""Real phrases and the duty records they must give, end to end through the pipeline.

Each case is a line of a list under an annual title (so the annual default applies
where the spec says it does). Every bug found becomes a case here.
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text

TITLE = "2024年度党委书记抓基层党建工作责任清单\n"
PLAIN_TITLE = "党支部工作清单\n"


def _records(text: str, title: str = TITLE):
    return extract_text(title + text, "case")


def _view(rec) -> dict:
    f, d = rec.frequency, rec.deadline
    return {
        "actor": rec.actor,
        "modality": rec.modality,
        "action": rec.action,
        "min": f.min if f else None,
        "max": f.max if f else None,
        "unit": f.unit if f else None,
        "period": f.period if f else None,
        "month": d.month if d else None,
        "day": d.day if d else None,
        "relation": d.relation if d else None,
    }


# (id, text, [expected fields of each record, in order]) -- only the keys given are checked.
CASES = [
    ("not-less-than", "年内讲党课不少于2次。",
     [{"action": "讲党课", "min": 2, "max": None, "unit": "次", "period": "year", "actor": "党委书记"}]),
    ("chinese-numeral", "年内讲党课不少于两次。", [{"min": 2, "unit": "次", "period": "year"}]),
    ("twelve", "全年累计学习不少于十二次。", [{"min": 12, "period": "year"}]),
    ("percent-words", "党员参加率不低于百分之六十。", [{"min": 60, "unit": "%"}]),
    ("range-zhi", "帮助解决1至2个突出问题。", [{"min": 1, "max": 2, "unit": "个"}]),
    ("range-tilde", "遴选1~2个优秀党日案例报送党委组织部。", [{"min": 1, "max": 2, "unit": "个"}]),
    ("range-dash", "每年打造1-2个党建服务品牌。", [{"min": 1, "max": 2, "period": "year"}]),
    ("yu", "开展调查研究20余次。", [{"min": 20, "max": None}]),
    ("yishang", "确保60%以上党支部达到标准。", [{"min": 60, "unit": "%"}]),
    ("placeholder-star", "全年组织党组会议*次。", [{"min": None, "max": None, "unit": "次", "period": "year"}]),
    ("placeholder-x", "带头讲专题党课X次。", [{"min": None, "max": None, "unit": "次"}]),
    ("floating-comparator", "至少开展1次专题研讨。", [{"min": 1, "max": None, "action": "开展专题研讨"}]),
    ("bare-count-is-exact", "组织召开中心组学习4次。", [{"min": 4, "max": 4}]),
    ("period-scope-over-clauses", "每年专题研究基层党建工作不少于2次、听取工作汇报不少于1次。",
     [{"action": "专题研究基层党建工作", "period": "year"}, {"action": "听取工作汇报", "period": "year"}]),
    ("every-two-years", "每两年组织一次示范培训。", [{"min": 1, "period": "two_years"}]),
    ("every-half-month", "每半月召开一次支委会。", [{"period": "half_month"}]),
    ("semester-is-half-year", "每学期开展1次主题党课。", [{"period": "half_year"}]),
    ("period-without-count", "每季度定期研究机关党建工作。",
     [{"min": None, "max": None, "unit": None, "period": "quarter", "action": "研究机关党建工作"}]),
    ("month-in", "在4月牵头研究谋划基层党建工作。", [{"month": 4, "relation": "in"}]),
    ("month-within", "牵头在2月内制定班子成员责任清单。", [{"month": 2, "relation": "by", "period": None}]),
    ("month-end-by", "8月底前完成首轮集中整改。", [{"month": 8, "relation": "by"}]),
    ("year-end-by", "年底前完成换届选举。", [{"month": 12, "relation": "by"}]),
    ("year-end-in", "年底考核评议基层党建工作。", [{"month": 12, "relation": "in"}]),
    ("year-start", "坚持年初研究部署。", [{"month": None, "relation": "start"}]),
    ("day-by", "要在9月30日前完成换届选举。", [{"month": 9, "day": 30, "relation": "by"}]),
    ("july-first-around", "“七一”前后开展1次主题党日活动。",
     [{"month": 7, "day": 1, "relation": "around", "min": 1, "period": "year"}]),
    ("calendar-date-is-not-in-an-earlier-period", "每半年召开1次组织生活会，“七一”前后开展1次主题党日活动。",
     [{"period": "half_year"}, {"period": "year", "month": 7, "day": 1}]),
    ("national-day-around", "国庆前后开展1次主题党日活动。", [{"month": 10, "day": 1, "relation": "around"}]),
    ("month-list", "每年1、4、7、10月召开党委会议研究党建工作。",
     [{"month": 1}, {"month": 4}, {"month": 7}, {"month": 10}]),
    ("day-list", "每月8日、22日开展集中学习。", [{"day": 8, "period": "month"}, {"day": 22, "period": "month"}]),
    ("placeholder-months", "x月、x月召开专题会议。", [{"month": None, "action": "召开专题会议"}]),
    ("date-topic-reaches-next", "“七一”前后，组织1次党支部书记讲专题党课，机关各支部开展1次主题党日活动。",
     [{"month": 7, "min": 1}, {"month": 7, "actor": "党支部", "min": 1}]),
    ("two-actors-two-periods", "党委委员每季度、支部委员每月至少1次到联系点。",
     [{"actor": "党委委员", "period": "quarter", "min": 1}, {"actor": "党支部委员", "period": "month", "min": 1}]),
    ("several-counts-one-verb", "参加所在党支部主题党日活动12次、组织生活会2次、党员大会4次。",
     [{"min": 12}, {"min": 2, "action": "参加组织生活会"}, {"min": 4, "action": "参加党员大会"}]),
    ("subject-overrides-title", "党委年内专题研究党支部建设工作不少于1次。", [{"actor": "党委"}]),
    ("object-is-no-actor", "与班子成员谈心谈话不少于1次。", [{"actor": "党委书记", "action": "与班子成员谈心谈话"}]),
    ("beneficiary-is-no-actor", "为全体党员讲党课不少于2次。", [{"actor": "党委书记", "action": "讲党课"}]),
    ("synonym", "确保年内领导干部带头上党课不少于2次。", [{"actor": "领导干部", "action": "讲党课"}]),
    ("duty-without-number", "严格落实“第一议题”制度。",
     [{"action": "落实“第一议题”制度", "min": None, "period": None, "month": None}]),
    ("prohibition", "严禁违规吃喝，不得以会代训。", [{"modality": "prohibition"}, {"modality": "prohibition"}]),
    ("not-less-is-obligation", "每次党日集中学习时间不得少于2小时。",
     [{"modality": "obligation", "min": 2, "unit": "小时"}]),
    ("condition-resets-scope", "每季度研究1次，如发生重大问题，及时召开专题民主生活会。",
     [{"period": "quarter"}, {"period": None}]),
    ("coordinated-activities", "按月开展“三会一课”和“主题党日”。",
     [{"action": "开展“三会一课”", "period": "month"}, {"action": "开展“主题党日”", "period": "month"}]),
    ("topicalised-object", "组织生活会每年至少召开1次。", [{"action": "召开组织生活会", "min": 1}]),
    ("meeting-named-like-a-body", "支部委员会每月召开1次，党课每季度不少于1次。",
     [{"action": "召开支部委员会", "actor": "党支部", "period": "month"},
      {"action": "讲党课", "period": "quarter"}]),
    ("activity-noun-takes-its-verb", "召开支委会*次、专题党课*次。",
     [{"action": "召开支委会"}, {"action": "讲专题党课"}]),
    ("marked-verb-is-shared", "参加主题党日活动12次、组织生活会2次。",
     [{"action": "参加主题党日活动"}, {"action": "参加组织生活会"}]),
    # a preposition before a role names an object: the sentence's subject still acts
    ("preposition-keeps-the-subject", "各高校党委要统筹安排，每年对新任院系党组织书记开展一次集中轮训。",
     [{"actor": "高校党委", "period": "year", "min": 1}]),
    ("to-a-role-keeps-the-subject", "党支部书记要带头讲党课，每年向党员讲党课不少于2次。",
     [{"actor": "党支部书记", "min": 2}]),
    # a verb that hands the action over to a role: what follows is not the subject's any more
    ("hand-over-verb-passes-the-action", "党组成员讲党课5次，推动机关各党支部开展集中学习20次。",
     [{"actor": "党组成员", "min": 5}, {"actor": "党委书记", "min": 20}]),
    ("insisting-hands-over", "各部门认真检视突出问题，列出问题清单23项，坚持班子成员领衔推进整改落实，逐项明确整改措施71条。",
     [{"actor": "各部门", "min": 23}, {"actor": "党委书记", "min": 71}]),
    # verbs the segmenter's dictionary counts only a few times still make a clause a duty
    ("rare-dictionary-verbs", "切实摸清基层情况，找准薄弱环节，全面补齐党建工作短板。",
     [{"action": "摸清基层情况"}, {"action": "找准薄弱环节"}, {"action": "补齐党建工作短板"}]),
    # a scoring sheet penalises a failure: the failure names the duty
    ("penalised-failure-is-a-duty", "党员欠缴、少缴党费或未按月缴纳的，按人次减0.05分。",
     [{"actor": "党员", "period": "month", "action": "缴纳", "modality": "obligation"}]),
    # a numbered item under a heading that names the meeting: the verb takes the heading's object,
    # not the rest of its own line
    ("object-from-the-heading-above", "一、召开组织生活会\n1.每年召开1次。\n二、开展主题党日\n1.每年开展1次。",
     [{"action": "召开组织生活会", "period": "year"}, {"action": "开展主题党日", "period": "year"}]),
]

COUNTER = [
    ("party-congress", "深入学习党的二十大精神。"),
    ("centenary", "认真做好庆祝建党100周年有关工作。"),
    ("plenum", "学习十九届五中全会精神。"),
    ("quoted-number", "按照“525”工作流程规范发展党员。"),
    ("five-strong", "深化“五强五带模范机关”创建。"),
    ("july-first-is-no-count", "“七一”前后，组织党员重温入党誓词。"),
    ("named-set", "增强“四个意识”、坚定“四个自信”。"),
    ("eight-rules", "坚决落实中央八项规定精神。"),
    ("ordinal", "十三届区委常委会第44次会议听取了汇报。"),
    # a failure that is not penalised is only a condition
    ("unpenalised-failure", "党员未按月缴纳党费的，由支部提醒。"),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_phrase_gives_records(text, expected):
    got = [_view(r) for r in _records(text)]
    measured = [g for g in got if any(g[k] is not None for k in ("min", "max", "unit", "period", "month", "relation"))]
    pool = measured if len(measured) >= len(expected) else got
    assert len(pool) >= len(expected), got
    for want, have in zip(expected, pool):
        assert {k: have[k] for k in want} == want, have


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in COUNTER])
def test_numbers_that_count_nothing(text):
    for rec in _records(text, PLAIN_TITLE):
        f = rec.frequency
        assert not (f and (f.min is not None or f.max is not None)), rec


# (id, text, the actions of its records, in order): a purpose clause after the duty is no duty of its own,
# unless the verb hands the duty over to a role
ACTIONS_ONLY = [
    ("purpose-clause", "认真履行定点帮扶责任，推动巩固拓展脱贫攻坚成果同乡村振兴有效衔接。", ["履行定点帮扶责任"]),
    ("purpose-after-meeting", "每季度召开1次党建例会，促进党建与业务深度融合。", ["召开党建例会"]),
    ("handed-over-is-a-duty", "开展“结对共建”活动，推动所在党支部和联系党支部赶先进、争先进。",
     ["开展“结对共建”活动", "所在党支部和联系党支部赶先进、争先进"]),
]


@pytest.mark.parametrize("text, actions", [pytest.param(t, a, id=i) for i, t, a in ACTIONS_ONLY])
def test_records_and_nothing_else(text, actions):
    assert [r.action for r in _records(text)] == actions


def test_hard_wrapped_lines_read_as_one_sentence():
    text = ("2024年度机关党委工作要点\n"
            "一、严格组织生活。各支部每月召开1次支委会，每季度至少开展1次专题研讨，年\n"
            "- 2 -\n"
            "底前完成换届选举。\n")
    recs = [r for r in extract_text(text, "wrapped") if r.frequency or r.deadline]
    last = recs[-1]
    assert (last.action, last.deadline.month, last.deadline.relation) == ("完成换届选举", 12, "by")
    assert last.deadline.text == "年\n- 2 -\n底前"
    assert all(text[r.span[0]:r.span[1]] == r.text for r in recs)


def test_reporting_date_stays_in_its_clause():
    text = "2023年度党支部述职报告\n截至2023年12月底，支部共有党员47名，覆盖三个年级。全年召开支委会12次。"
    recs = [r for r in extract_text(text, "report") if r.deadline]
    assert recs == []


def test_topic_period_does_not_reach_another_subject():
    text = "党支部工作意见\n每学年结束前，各党总支要遴选1~2个优秀案例报送党委组织部，党委组织部择优汇编推广。"
    recs = extract_text(text, "opinion")
    assert [(r.actor, r.frequency.period if r.frequency else None) for r in recs] == [
        ("党总支", "year"), ("组织部", None)]


def test_flattened_table_labels_are_no_duties():
    text = "2024年度党支部考核评分表\n考核内容\n分值\n1.党员大会每季度召开1次\n4\n未召开的扣2分"
    recs = extract_text(text, "sheet")
    assert [(r.action, r.frequency.period) for r in recs] == [("召开党员大会", "quarter")]


def test_the_package_exports_the_library():
    import extract

    records = extract.extract_duties("2024年度党委书记抓基层党建工作责任清单\n年内讲党课不少于2次。")
    frame = extract.records_dataframe(records)
    assert list(frame["action"]) == ["讲党课"] and isinstance(records[0], extract.DutyRecord)


def test_report_counts_are_achievements():
    text = "2023年机关党委书记抓基层党建述职报告\n一年来，组织召开局党组中心组学习4次，尚未完成整改6个。"
    recs = extract_text(text, "report")
    assert [(r.modality, r.frequency.min) for r in recs if r.frequency] == [("achievement", 4), ("problem", 6)]
    assert all(r.actor == "机关党委书记" for r in recs)


def test_list_title_names_the_actor_of_each_list():
    text = ("2022年度XX局党组书记抓基层党建工作责任清单\n一、落实责任。年内讲党课不少于2次。\n"
            "2022年度XX局党组成员抓基层党建工作责任清单\n一、落实责任。年内讲党课不少于1次。")
    recs = [r for r in extract_text(text, "two") if r.frequency]
    assert [(r.actor, r.frequency.min) for r in recs] == [("党组书记", 2), ("党组成员", 1)]


def test_traditional_script_reads_through_simplified_view():
    text = "黨支部工作清單\n支部黨員大會原則上每季度召開1次。"
    recs = [r for r in extract_text(text, "trad") if r.frequency]
    assert recs and recs[0].frequency.period == "quarter" and recs[0].frequency.min == 1
    assert recs[0].text == "支部黨員大會原則上每季度召開1次"


def test_noise_is_masked_but_spans_stay_on_the_text():
    text = "党组书记工作清单\n一、成绩清单笔杆儿网www.bgzjy.cn\n全年组织党组会议*次。"
    recs = extract_text(text, "noise")
    assert all(text[r.span[0]:r.span[1]] == r.text for r in recs)
    assert all("www" not in r.action for r in recs)
