"""Real phrases and every duty record they must give, end to end through the pipeline.

Each row is a text (most often a line of a list under an annual title, so the annual default
applies where the spec says it does) and the whole list of records it must give, in order, each
compared on every value (`phrase_table.R`): a spurious record, a missing one or a wrong actor fails
the row. A known miss is a strict xfail row whose reason says what the pipeline gives instead.
Every bug found becomes a row here.
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text
from phrase_table import R, records, rows

TITLE = "2024年度党委书记抓基层党建工作责任清单"
PLAIN_TITLE = "党支部工作清单"
REPORT = "2024年东坡村党支部工作总结"
row = rows(TITLE)

CASES = [
    # numbers: comparators, numerals, ranges, placeholders
    row("not-less-than", "年内讲党课不少于2次。", R("党委书记", "讲党课", min=2, unit="次", period="year")),
    row("chinese-numeral", "年内讲党课不少于两次。", R("党委书记", "讲党课", min=2, unit="次", period="year")),
    row("twelve", "全年累计学习不少于十二次。", R("党委书记", "学习", min=12, unit="次", period="year")),
    row("percent-words", "党员参加率不低于百分之六十。", R("党委书记", "党员参加", min=60, unit="%", period="year")),
    row("range-zhi", "帮助解决1至2个突出问题。",
        R("党委书记", "帮助解决突出问题", min=1, max=2, unit="个", period="year")),
    row("range-tilde", "遴选1~2个优秀党日案例报送党委组织部。",
        R("党委书记", "遴选优秀党日案例报送党委组织部", min=1, max=2, unit="个", period="year")),
    row("range-dash", "每年打造1-2个党建服务品牌。",
        R("党委书记", "打造党建服务品牌", min=1, max=2, unit="个", period="year")),
    row("yu", "开展调查研究20余次。", R("党委书记", "开展调查研究", min=20, unit="次", period="year")),
    # the counted branches are the subject the duty is ensured for (gold accepts 党支部 here)
    row("yishang", "确保60%以上党支部达到标准。", R("党支部", "达到标准", min=60, unit="%", period="year")),
    row("placeholder-star", "全年组织党组会议*次。", R("党委书记", "组织党组会议", unit="次", period="year")),
    row("placeholder-x", "带头讲专题党课X次。", R("党委书记", "讲专题党课", unit="次", period="year")),
    row("floating-comparator", "至少开展1次专题研讨。", R("党委书记", "开展专题研讨", min=1, unit="次", period="year")),
    row("bare-count-is-exact", "组织召开中心组学习4次。",
        R("党委书记", "组织召开中心组学习", n=4, unit="次", period="year")),
    # a number and a measure word of a report's counts of done things
    row("measure-word-places", "排查整治安全隐患23处。",
        R("党支部", "排查整治安全隐患", modality="achievement", n=23, unit="处"), title=REPORT),
    row("measure-word-tons", "清运垃圾60余吨。",
        R("党支部", "清运垃圾", modality="achievement", min=60, unit="吨"), title=REPORT),
    row("measure-word-volumes", "发放学习读本500册。",
        R("党支部", "发放学习读本", modality="achievement", n=500, unit="册"), title=REPORT),
    row("measure-word-area", "流转土地1200亩。",
        R("党支部", "流转土地", modality="achievement", n=1200, unit="亩"), title=REPORT),
    # periods
    row("period-scope-over-clauses", "每年专题研究基层党建工作不少于2次、听取工作汇报不少于1次。",
        R("党委书记", "专题研究基层党建工作", min=2, unit="次", period="year"),
        R("党委书记", "听取工作汇报", min=1, unit="次", period="year")),
    row("every-two-years", "每两年组织一次示范培训。", R("党委书记", "组织示范培训", n=1, unit="次", period="two_years")),
    row("every-half-month", "每半月召开一次支委会。", R("党委书记", "召开支委会", n=1, unit="次", period="half_month")),
    row("semester-is-half-year", "每学期开展1次主题党课。",
        R("党委书记", "开展主题党课", n=1, unit="次", period="half_year")),
    row("period-without-count", "每季度定期研究机关党建工作。", R("党委书记", "研究机关党建工作", period="quarter")),
    # deadlines
    row("month-in", "在4月牵头研究谋划基层党建工作。", R("党委书记", "研究谋划基层党建工作", month=4, relation="in")),
    row("month-within", "牵头在2月内制定班子成员责任清单。",
        R("党委书记", "制定班子成员责任清单", month=2, relation="by")),
    row("month-end-by", "8月底前完成首轮集中整改。", R("党委书记", "完成首轮集中整改", month=8, relation="by")),
    # a position inside a period is no deadline: the period alone, and nothing of it in the action
    row("month-end-inside-a-period", "组织科每月底前汇总各支部党费收缴情况。",
        R("组织科", "汇总支部党费收缴情况", period="month"),
        reason="gives the action 前汇总支部党费收缴情况: the 前 of 每月底前 stays in the action"),
    row("year-end-by", "年底前完成换届选举。", R("党委书记", "完成换届选举", month=12, relation="by")),
    row("year-end-in", "年底考核评议基层党建工作。", R("党委书记", "考核评议基层党建工作", month=12, relation="in")),
    row("year-start", "坚持年初研究部署。", R("党委书记", "研究部署", relation="start")),
    row("day-by", "要在9月30日前完成换届选举。", R("党委书记", "完成换届选举", month=9, day=30, relation="by")),
    row("july-first-around", "“七一”前后开展1次主题党日活动。",
        R("党委书记", "开展主题党日活动", n=1, unit="次", period="year", month=7, day=1, relation="around")),
    row("calendar-date-is-not-in-an-earlier-period", "每半年召开1次组织生活会，“七一”前后开展1次主题党日活动。",
        R("党委书记", "召开组织生活会", n=1, unit="次", period="half_year"),
        R("党委书记", "开展主题党日活动", n=1, unit="次", period="year", month=7, day=1, relation="around")),
    row("national-day-around", "国庆前后开展1次主题党日活动。",
        R("党委书记", "开展主题党日活动", n=1, unit="次", period="year", month=10, day=1, relation="around")),
    row("month-list", "每年1、4、7、10月召开党委会议研究党建工作。",
        *[R("党委书记", "召开党委会议研究党建工作", period="year", month=m, relation="in") for m in (1, 4, 7, 10)]),
    row("day-list", "每月8日、22日开展集中学习。",
        *[R("党委书记", "开展集中学习", period="month", day=d, relation="in") for d in (8, 22)]),
    row("placeholder-months", "x月、x月召开专题会议。", R("党委书记", "召开专题会议", relation="in")),
    row("date-topic-reaches-next", "“七一”前后，组织1次党支部书记讲专题党课，机关各支部开展1次主题党日活动。",
        R("党委书记", "组织党支部书记讲专题党课", n=1, unit="次", period="year", month=7, day=1, relation="around"),
        R("党支部", "开展主题党日活动", n=1, unit="次", period="year", month=7, day=1, relation="around")),
    # several duties in one sentence
    row("two-actors-two-periods", "党委委员每季度、支部委员每月至少1次到联系点。",
        R("党委委员", "到联系点", min=1, unit="次", period="quarter"),
        R("党支部委员", "到联系点", min=1, unit="次", period="month")),
    row("several-counts-one-verb", "参加所在党支部主题党日活动12次、组织生活会2次、党员大会4次。",
        R("党委书记", "参加主题党日活动", n=12, unit="次", period="year"),
        R("党委书记", "参加组织生活会", n=2, unit="次", period="year"),
        R("党委书记", "参加党员大会", n=4, unit="次", period="year")),
    # actors
    row("subject-overrides-title", "党委年内专题研究党支部建设工作不少于1次。",
        R("党委", "专题研究党支部建设工作", min=1, unit="次", period="year")),
    row("object-is-no-actor", "与班子成员谈心谈话不少于1次。", R("党委书记", "与班子成员谈心谈话", min=1, unit="次", period="year")),
    row("beneficiary-is-no-actor", "为全体党员讲党课不少于2次。", R("党委书记", "讲党课", min=2, unit="次", period="year")),
    row("synonym", "确保年内领导干部带头上党课不少于2次。", R("领导干部", "讲党课", min=2, unit="次", period="year")),
    row("synonym-with-a-modifier", "带头为党员上专题党课2次。", R("党委书记", "讲专题党课", n=2, unit="次", period="year"),
        reason="gives the action 上专题党课: the synonym 上党课 → 讲党课 does not reach a lesson with a modifier"),
    # duties without a number, modality
    row("duty-without-number", "严格落实“第一议题”制度。", R("党委书记", "落实“第一议题”制度")),
    row("prohibition", "严禁违规吃喝，不得以会代训。",
        R("党委书记", "严禁违规吃喝", modality="prohibition"),
        R("党委书记", "不得以会代训", modality="prohibition")),
    # a per-session measure has no period, even in an annual list
    row("not-less-is-obligation", "每次党日集中学习时间不得少于2小时。", R("党委书记", "党日集中学习", min=2, unit="小时")),
    # each session measured takes the whole activity of the duty before it
    row("per-session-takes-activity", "每月开展1次“红色宣讲”，每场宣讲时长不少于40分钟。",
        R("党委书记", "开展“红色宣讲”", n=1, unit="次", period="month"),
        R("党委书记", "开展“红色宣讲”", min=40, unit="分钟")),
    row("per-session-named-part", "每月组织1次线上专题辅导，每次辅导时长不低于2小时。",
        R("党委书记", "组织线上专题辅导", n=1, unit="次", period="month"),
        R("党委书记", "组织线上专题辅导", min=2, unit="小时")),
    row("condition-resets-scope", "每季度研究1次，如发生重大问题，及时召开专题民主生活会。",
        R("党委书记", "研究", n=1, unit="次", period="quarter"),
        R("党委书记", "召开专题民主生活会", condition="发生重大问题")),
    # activities and meetings
    row("coordinated-activities", "按月开展“三会一课”和“主题党日”。",
        R("党委书记", "开展“三会一课”", period="month"),
        R("党委书记", "开展“主题党日”", period="month")),
    # a meeting as the topic falls to the body that holds it (decisions action.meeting_topic)
    row("topicalised-object", "组织生活会每年至少召开1次。", R("党支部", "召开组织生活会", min=1, unit="次", period="year")),
    row("meeting-named-like-a-body", "支部委员会每月召开1次，党课每季度不少于1次。",
        R("党支部", "召开支部委员会", n=1, unit="次", period="month"),
        R("党支部", "讲党课", min=1, unit="次", period="quarter")),
    row("activity-noun-takes-its-verb", "召开支委会*次、专题党课*次。",
        R("党委书记", "召开支委会", unit="次", period="year"),
        R("党委书记", "讲专题党课", unit="次", period="year")),
    row("marked-verb-is-shared", "参加主题党日活动12次、组织生活会2次。",
        R("党委书记", "参加主题党日活动", n=12, unit="次", period="year"),
        R("党委书记", "参加组织生活会", n=2, unit="次", period="year")),
    # a preposition before a role names an object: the sentence's subject still acts
    row("preposition-keeps-the-subject", "各高校党委要统筹安排，每年对新任院系党组织书记开展一次集中轮训。",
        R("高校党委", "统筹安排"),
        R("高校党委", "对新任院系党组织书记开展集中轮训", n=1, unit="次", period="year"),
        reason="gives the action 党委要统筹安排: 各高校党委 is read as the place 各高校, so 党委 and the "
               "modal 要 after it stay in the action"),
    row("preposition-keeps-a-named-subject", "学院党委要统筹安排，每年对新任支部书记开展一次集中轮训。",
        R("党委", "统筹安排"),
        R("党委", "开展集中轮训", n=1, unit="次", period="year")),
    row("to-a-role-keeps-the-subject", "党支部书记要带头讲党课，每年向党员讲党课不少于2次。",
        R("党支部书记", "讲党课"),
        R("党支部书记", "讲党课", min=2, unit="次", period="year")),
    # a verb that hands the action over to a role: what follows is not the subject's any more
    row("hand-over-verb-passes-the-action", "党组成员讲党课5次，推动机关各党支部开展集中学习20次。",
        R("党组成员", "讲党课", n=5, unit="次", period="year"),
        R("党委书记", "开展集中学习", n=20, unit="次", period="year")),
    row("insisting-hands-over",
        "各部门认真检视突出问题，列出问题清单23项，坚持班子成员领衔推进整改落实，逐项明确整改措施71条。",
        R("各部门", "检视突出问题"),
        R("各部门", "列出问题清单", n=23, unit="项", period="year"),
        R("党委书记", "班子成员领衔推进整改落实"),
        R("党委书记", "明确整改措施", n=71, unit="条", period="year"),
        reason="gives the action 落实班子成员领衔推进整改: the trailing 落实 of a handed-over clause is moved "
               "to the front of the whole clause"),
    row("insisting-hands-over-without-a-trailing-verb",
        "各部门列出问题清单23项，坚持班子成员领衔推进整改，逐项明确整改措施71条。",
        R("各部门", "列出问题清单", n=23, unit="项", period="year"),
        R("党委书记", "班子成员领衔推进整改"),
        R("党委书记", "明确整改措施", n=71, unit="条", period="year")),
    # verbs the segmenter's dictionary counts only a few times still make a clause a duty
    row("rare-dictionary-verbs", "切实摸清基层情况，找准薄弱环节，全面补齐党建工作短板。",
        R("党委书记", "摸清基层情况"), R("党委书记", "找准薄弱环节"), R("党委书记", "补齐党建工作短板")),
    # a scoring sheet penalises a failure: the failure names the duty
    row("penalised-failure-is-a-duty", "党员欠缴、少缴党费或未按月缴纳的，按人次减0.05分。",
        R("党员", "缴纳党费", period="month"),
        reason="gives the bare verb 缴纳: 党费, the object the coordinated 欠缴、少缴 share, does not reach it"),
    row("penalised-failure-names-its-object", "党员未按月缴纳党费的，按人次减0.05分。",
        R("党员", "缴纳党费", period="month")),
    # a numbered item under a heading that names the meeting: the verb takes the heading's object,
    # not the rest of its own line
    row("object-from-the-heading-above", "一、召开组织生活会\n1.每年召开1次。\n二、开展主题党日\n1.每年开展1次。",
        R("党委书记", "召开组织生活会", n=1, unit="次", period="year"),
        R("党委书记", "开展主题党日", n=1, unit="次", period="year")),
    # a purpose clause after the duty is no duty of its own, unless the verb hands the duty over to a role
    row("purpose-clause", "认真履行定点帮扶责任，推动巩固拓展脱贫攻坚成果同乡村振兴有效衔接。",
        R("党委书记", "履行定点帮扶责任")),
    row("purpose-after-meeting", "每季度召开1次党建例会，促进党建与业务深度融合。",
        R("党委书记", "召开党建例会", n=1, unit="次", period="quarter")),
    row("handed-over-is-a-duty", "开展“结对共建”活动，推动所在党支部和联系党支部赶先进、争先进。",
        R("党委书记", "开展“结对共建”活动"),
        R("党委书记", "所在党支部和联系党支部赶先进、争先进")),
    # numbers that count nothing (also test_numbers_that_count_nothing below), under a plain title
    row("party-congress", "深入学习党的二十大精神。", R("党支部", "深入学习党的二十大精神"), title=PLAIN_TITLE),
    row("centenary", "认真做好庆祝建党100周年有关工作。", R("党支部", "庆祝建党100周年有关工作"), title=PLAIN_TITLE),
    row("plenum", "学习十九届五中全会精神。", R("党支部", "学习十九届五中全会精神"), title=PLAIN_TITLE),
    row("quoted-number", "按照“525”工作流程规范发展党员。", R("党支部", "发展党员"), title=PLAIN_TITLE),
    row("five-strong", "深化“五强五带模范机关”创建。", R("党支部", "深化“五强五带模范机关”创建"), title=PLAIN_TITLE),
    row("july-first-is-no-count", "“七一”前后，组织党员重温入党誓词。",
        R("党支部", "组织党员重温入党誓词", month=7, day=1, relation="around"), title=PLAIN_TITLE),
    row("named-set", "增强“四个意识”、坚定“四个自信”。", R("党支部", "增强“四个意识”、坚定“四个自信”"), title=PLAIN_TITLE),
    row("eight-rules", "坚决落实中央八项规定精神。", R("党支部", "落实中央八项规定精神"), title=PLAIN_TITLE),
    row("ordinal", "十三届区委常委会第44次会议听取了汇报。",
        R("区委常委会", "听取汇报", modality="achievement"), title=PLAIN_TITLE,
        reason="gives the action 第44次会议听取汇报: the ordinal meeting between the subject and its verb "
               "stays in the action"),
    # a failure that is not penalised is only a condition
    row("unpenalised-failure", "党员未按月缴纳党费的，由支部提醒。",
        R("党支部", "提醒", condition="党员未按月缴纳党费"), title=PLAIN_TITLE),
    # whole documents, their own title line first
    row("hard-wrapped-lines-read-as-one-sentence",
        "2024年度机关党委工作要点\n一、严格组织生活。各支部每月召开1次支委会，每季度至少开展1次专题研讨，年\n"
        "- 2 -\n底前完成换届选举。",
        R("党支部", "召开支委会", n=1, unit="次", period="month"),
        R("党支部", "开展专题研讨", min=1, unit="次", period="quarter"),
        R("党支部", "完成换届选举", month=12, relation="by"), title=None),
    row("reporting-date-stays-in-its-clause",
        "2023年度党支部述职报告\n截至2023年12月底，支部共有党员47名，覆盖三个年级。全年召开支委会12次。",
        R("党支部", "召开支委会", modality="achievement", n=12, unit="次", period="year"), title=None,
        reason="gives a record 覆盖三个年级 (an achievement with no count) for the background clause after "
               "the stock count 共有党员47名"),
    row("stock-count-is-no-duty", "2023年度党支部述职报告\n截至2023年12月底，支部共有党员47名。全年召开支委会12次。",
        R("党支部", "召开支委会", modality="achievement", n=12, unit="次", period="year"), title=None),
    row("topic-period-does-not-reach-another-subject",
        "党支部工作意见\n每学年结束前，各党总支要遴选1~2个优秀案例报送党委组织部，党委组织部择优汇编推广。",
        R("党总支", "遴选优秀案例报送党委组织部", min=1, max=2, unit="个", period="year", relation="by"),
        R("组织部", "择优汇编推广"), title=None),
    row("flattened-table-labels-are-no-duties", "2024年度党支部考核评分表\n考核内容\n分值\n1.党员大会每季度召开1次\n4\n未召开的扣2分",
        R("党支部", "召开党员大会", n=1, unit="次", period="quarter"), title=None),
    row("report-counts-are-achievements",
        "2023年机关党委书记抓基层党建述职报告\n一年来，组织召开局党组中心组学习4次，尚未完成整改6个。",
        R("机关党委书记", "组织中心组学习", modality="achievement", n=4, unit="次"),
        R("机关党委书记", "完成整改", modality="problem", n=6, unit="个"), title=None),
    # a report's counted results listed with 、 and 和, the first opening with a period word and a verb
    # only the segmenter's dictionary knows: one record each; a role before the count is no verb
    row("report-counts-period-word-and-dictionary-verb",
        "2024年集团党委书记履职情况报告\n全年主持中心组集体学习11次、带头撰写理论文章和调研报告4篇。",
        R("党委书记", "主持中心组集体学习", modality="achievement", n=11, unit="次", period="year"),
        R("党委书记", "撰写理论文章和调研报告", modality="achievement", n=4, unit="篇", period="year"), title=None),
    row("report-counts-role-names-no-verb",
        "2024年组织部工作总结\n组织部先后与30余家单位和企业的200余名干部开展了谈心谈话。",
        R("组织部", "谈心谈话", modality="achievement", min=200, unit="名"), title=None),
    row("list-title-names-the-actor-of-each-list",
        "2022年度XX局党组书记抓基层党建工作责任清单\n一、落实责任。年内讲党课不少于2次。\n"
        "2022年度XX局党组成员抓基层党建工作责任清单\n一、落实责任。年内讲党课不少于1次。",
        R("党组书记", "讲党课", min=2, unit="次", period="year"),
        R("党组成员", "讲党课", min=1, unit="次", period="year"), title=None),
    row("traditional-script", "黨支部工作清單\n支部黨員大會原則上每季度召開1次。",
        R("党支部", "召开支部党员大会", n=1, unit="次", period="quarter"), title=None),
    row("noise-is-masked", "党组书记工作清单\n一、成绩清单笔杆儿网www.bgzjy.cn\n全年组织党组会议*次。",
        R("党组书记", "组织党组会议", modality="achievement", unit="次", period="year"), title=None),
]


@pytest.mark.parametrize("title, text, expected", CASES)
def test_phrase_gives_records(title, text, expected):
    assert records(title, text) == expected

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


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in COUNTER])
def test_numbers_that_count_nothing(text):
    """Whatever else a row above still gets wrong, none of these numbers is ever a count."""
    for rec in extract_text(f"{PLAIN_TITLE}\n{text}", "case"):
        f = rec.frequency
        assert not (f and (f.min is not None or f.max is not None)), rec


def test_hard_wrapped_deadline_keeps_its_text_and_spans():
    text = ("2024年度机关党委工作要点\n"
            "一、严格组织生活。各支部每月召开1次支委会，每季度至少开展1次专题研讨，年\n"
            "- 2 -\n"
            "底前完成换届选举。\n")
    recs = extract_text(text, "wrapped")
    assert recs[-1].deadline.text == "年\n- 2 -\n底前"
    assert all(text[r.span[0]:r.span[1]] == r.text for r in recs)


def test_reporting_date_stays_in_its_clause():
    text = "2023年度党支部述职报告\n截至2023年12月底，支部共有党员47名，覆盖三个年级。全年召开支委会12次。"
    assert [r for r in extract_text(text, "report") if r.deadline] == []


def test_the_package_exports_the_library():
    import extract

    records = extract.extract_duties("2024年度党委书记抓基层党建工作责任清单\n年内讲党课不少于2次。")
    frame = extract.records_dataframe(records)
    assert list(frame["action"]) == ["讲党课"] and isinstance(records[0], extract.DutyRecord)


def test_traditional_script_keeps_its_text():
    text = "黨支部工作清單\n支部黨員大會原則上每季度召開1次。"
    assert [r.text for r in extract_text(text, "trad")] == ["支部黨員大會原則上每季度召開1次"]


def test_noise_is_masked_but_spans_stay_on_the_text():
    text = "党组书记工作清单\n一、成绩清单笔杆儿网www.bgzjy.cn\n全年组织党组会议*次。"
    recs = extract_text(text, "noise")
    assert all(text[r.span[0]:r.span[1]] == r.text for r in recs)
    assert all("www" not in r.action for r in recs)
