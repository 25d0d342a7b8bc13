"""The action: a short verb-object phrase found by its shape. Phrases in wordings of our own, not
copied from a development document, and the action each must give.

The first table runs `canonical_action` on the phrase left when the values are cut; the second
reads whole records with `extract.pipeline.extract_text` under a title line and compares the
action and the actor of each. A known miss is a strict xfail row with its reason.
"""
from __future__ import annotations

import pytest

from extract.normalize import canonical_action
from extract.pipeline import extract_text

PLAN = "2025年度东坡村党支部工作任务清单"
REPORT = "2024年东坡村党支部工作总结"


def _row(id_: str, phrase: str, action: str, reason: str = ""):
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(phrase, action, id=id_, marks=marks)


PHRASES = [
    # 1. a framing phrase closed by its frame word is cut, with the preposition after it
    _row("frame/around-themes-for-members", "围绕“乡村振兴”“基层治理”等主题为村民代表作专题宣讲",
         "作专题宣讲"),
    _row("frame/from-among", "从优秀青年农民中发展党员", "发展党员"),
    _row("frame/from-among-verbs-inside", "从返乡务工人员和退役军人中选拔后备干部",
         "选拔后备干部"),
    _row("frame/against-a-titled-rule", "对照《党支部工作考核办法》逐条自查", "逐条自查"),
    _row("frame/taking-as-theme", "以“不忘初心”为主题开展党日活动", "开展党日活动"),
    _row("frame/at-a-meeting", "在党员大会上通报考核情况", "通报考核情况"),
    _row("frame/according-to", "按照上级部署开展集中整顿", "开展集中整顿"),
    _row("frame/aimed-at", "针对群众反映的问题开展专项整治", "开展专项整治"),
    # 2. a preposition and its noun before a verb with an object of its own are cut
    _row("cut/for-beneficiary", "为全体团员讲授团课", "讲授团课"),
    _row("cut/to-a-body-verb-with-object", "向县委组织部报送年度总结", "报送年度总结"),
    _row("cut/to-patient-light-verb", "对新任村干部开展岗前培训", "开展岗前培训"),
    _row("cut/together-with-light-verb", "会同纪检组开展廉政谈话", "开展廉政谈话"),
    # 3. ... and stay when the verb has none and needs them
    _row("keep/report-on-duties-to", "向镇党委述职", "向镇党委述职"),
    _row("keep/talk-with", "同挂点领导谈心谈话", "同挂点领导谈心谈话"),
    _row("keep/keep-in-touch-with", "与结对村联系", "与结对村联系"),
    _row("keep/go-to-place-bare-verb", "到联系村调研", "到联系村调研"),
    _row("keep/meet-with", "跟结对户见面", "跟结对户见面"),
    _row("cut/go-to-place-longer-verb", "到结对社区蹲点指导", "蹲点指导"),
    # 4. a patient before verbs that end the phrase is their object
    _row("patient/train-in-a-body", "对村级后备干部集中培训", "集中培训村级后备干部"),
    _row("patient/visit-and-comfort", "对困难党员走访慰问", "走访慰问困难党员"),
    _row("patient/level-organisation-is-a-noun", "对村级组织运转情况督导", "督导村级组织运转情况"),
    _row("patient/once-round", "对全体网格员轮训一遍", "轮训网格员一遍"),
    _row("disposal/report-to-a-body", "将考核结果报县委组织部", "报考核结果"),
    _row("disposal/ba-report", "把党员教育情况报街道党工委", "报党员教育情况"),
    _row("disposal/notify", "将学习计划通知到党员", "通知学习计划"),
    _row("disposal/future-light-verb", "将组织专项检查", "组织专项检查"),
    # 5. a topic before a modal word, or before a verb reporting it, is its object
    _row("topic/shall-report-for-the-record", "整改方案须报镇党委备案", "报整改方案备案"),
    _row("topic/announced-within", "考评结果在全镇范围内通报", "通报考评结果"),
    _row("topic/reported-without-mark", "考核结果报县委组织部备案", "报考核结果备案"),
    # 6. a subject or a time word left before a modal word or a preposition is cut
    _row("subject/team-in-total", "工作组共走访农户", "走访农户"),
    _row("subject/year-strive", "2026年力争新建党群服务站", "新建党群服务站"),
    _row("subject/place-then-frame", "全镇各村在年底前对党员开展集中评议", "开展集中评议"),
    _row("subject/pivot-members-to-a-place", "组织党员赴革命纪念馆开展主题教育", "开展主题教育"),
    _row("subject/negation", "部分网格员长期未参加组织生活", "参加组织生活"),
    # 7. a preposition whose noun (a date) was cut goes
    _row("stranded/at", "在研究确定年度学习计划", "研究确定年度学习计划"),
    _row("stranded/before-disposal", "于将学习笔记上交党支部", "上交学习笔记"),
    # 8. what no verb-object phrase keeps: asides holding a number, a document's long title, a named
    # body before its meeting, modal words left at the end
    _row("title/head-noun", "印发《关于加强流动党员管理的实施办法》", "印发实施办法"),
    _row("aside/score", "召开（5分）党小组会", "召开党小组会"),
    _row("holder/named-branch", "召开机关第二党支部支委会", "召开支委会"),
    _row("holder/this-branch", "开好本支部组织生活会", "开好组织生活会"),
    _row("holder/bare-branch-stays", "召开支部党员大会", "召开支部党员大会"),
    _row("trailing/usually", "讲党课通常", "讲党课"),
    # 9. a light verb whose object names an action done to a noun: that action, then the noun
    _row("nominal/first-review", "完成各乡镇推荐材料的初审", "初审乡镇推荐材料"),
    _row("nominal/education-of", "完成新发展党员的教育培养", "教育培养新发展党员"),
    _row("nominal/adverb-head-stays", "完成村级组织的按期换届", "完成村级组织的按期换届"),
    # 10. a clause, a prepositional phrase or a duration that modifies the object with 的 goes
    _row("modifier/clause", "开展走进社区的志愿服务活动", "开展志愿服务活动"),
    _row("modifier/prepositional", "开展与驻村企业的结对共建活动", "开展结对共建活动"),
    _row("modifier/relative", "深入所包联的村组调研", "深入村组调研"),
    _row("modifier/duration", "举办为期的骨干培训班", "举办骨干培训班"),
    _row("modifier/style", "开展解剖麻雀式的调查研究", "开展调查研究"),
    _row("modifier/object-of-a-verbal-noun-stays", "完成指定书目的学习", "完成指定书目的学习"),
    # 11. a role left before a verb with its own object (a counted subject) goes; before a verb
    # without one it stays
    _row("role/counted-subject", "新任村党组织书记参加岗前培训", "参加岗前培训"),
    _row("role/before-bare-verb-stays", "预备党员按期转正", "预备党员按期转正"),
    _row("role/shortfall-as-required", "部分村党组织书记未按要求参加集中轮训", "参加集中轮训"),
    _row("agent/by-the-cadres", "由网格员逐户登记", "登记"),
    _row("patient/door-to-door", "对独居老党员逐户上门走访", "逐户上门走访独居老党员"),
    # 12. a modal or adverb character that opens a word (要求, 应付, 均衡, 共识) marks no boundary, and
    # a subject is no object unless it names a result, a plan or a list
    _row("counter/mark-opens-a-word", "工作作风要求为", "工作作风要求为"),
    _row("counter/even-in-a-word", "党员作用发挥不均衡", "党员作用发挥不均衡"),
    _row("counter/no-result-noun", "有两项未完成", "完成"),
    # 13. a topic that names no role, number or verb before a modal or negation word is the object of a
    # verb that has none (党费按时收缴 -> 收缴党费); a role there stays the subject
    _row("topic/dues-on-time", "党费按时收缴", "收缴党费"),
    _row("topic/meeting-as-scheduled", "会议按期召开", "召开会议"),
    _row("topic/files-not-archived", "资料未归档", "归档资料"),
    _row("topic/role-stays-subject", "党员按时缴纳", "党员按时缴纳"),
    # 14. a verb inside a longer word is no verb of the phrase: one character ending a verb of the
    # dictionary (督办), two opening a suffixed noun that ends the phrase or stands before a verb
    _row("word/supervise-handling", "对党委会议决定事项的落实情况督办", "督办党委会议决定事项的落实情况"),
    _row("word/modal-before-a-one-character-verb", "评议结果应报学院党委组织员备案", "报评议结果备案"),
    # 15. 主持 goes before another verb of holding (主持召开 is 召开), and stays as the only verb
    _row("preside/before-convene", "主持召开党委会议", "召开党委会议"),
    _row("preside/only-verb", "主持中心组集体学习", "主持中心组集体学习"),
    _row("word/contact-point", "到联系点", "到联系点"),
    _row("word/contact-point-before-a-verb", "到联系点调研", "到联系点调研"),
    _row("word/training-class", "对新任支部书记举办培训班", "举办培训班"),
    _row("word/suffix-before-a-verb-stays-a-verb", "研究部署年度工作", "研究部署年度工作"),
    _row("word/suffix-before-a-noun-stays-a-verb", "认真学习会议精神", "学习会议精神"),
    # 13. a verb before a noun head names a thing only beside another verb
    _row("head/report-work-to", "向县委组织部书面报告工作", "报告工作"),
    _row("head/report-how-it-went", "向镇党委报告党日开展情况", "报告党日开展情况"),
    _row("head/draw-up-a-plan", "对照上级要求制定方案", "制定方案"),
    _row("head/negated-word-not-read-as-verb", "长期未纳入网格管理", "纳入网格管理"),
    _row("frame/all-frame-stays", "以季度考核结果为依据", "以季度考核结果为依据"),
    _row("adjunct/at-a-meeting-bare-verb", "在主题党日上集中学习", "集中学习"),
    _row("adjunct/pass-is-a-verb", "通过县委组织部验收", "通过县委组织部验收"),
    _row("adjunct/bare-light-verb-keeps-it", "以主题党日形式开展", "以主题党日形式开展"),
    _row("disposal/into-the-assessment-stays", "将党费收缴情况纳入年度考核", "党费收缴情况纳入年度考核"),
    _row("stranded/at-before-disposal", "于将会议记录报送党委办公室", "报送会议记录"),
    _row("counter/minutes-noun", "整理会议纪要", "整理会议纪要"),
    _row("counter/as-a-copula", "为党员“亮身份”活动日", "为党员“亮身份”活动日"),
    _row("counter/verb-noun-not-split", "共建党建联盟", "共建党建联盟"),
]


@pytest.mark.parametrize("phrase, action", PHRASES)
def test_canonical_action(phrase: str, action: str):
    assert canonical_action(phrase) == action


def _rec(id_: str, title: str, body: str, *records: tuple, reason: str = ""):
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(title, body, list(records), id=id_, marks=marks)


RECORDS = [
    _rec("record/report-to-body-with-object", PLAN, "村党支部每季度向镇党委报告1次党建工作情况。",
         ("报告党建工作情况", "党支部")),
    _rec("record/report-duties-to-body", PLAN, "支部书记每年向镇党委述职1次。",
         ("向镇党委述职", "党支部书记")),
    _rec("record/pivot-to-a-place", PLAN, "每年组织党员赴革命纪念馆开展1次现场教学。",
         ("开展现场教学", "党支部")),
    _rec("record/themes-for-members", PLAN, "书记每年围绕“强村富民”等主题为党员讲党课不少于2次。",
         ("讲党课", "书记")),
    _rec("record/disposal-with-date", PLAN, "每月10日前将党费收缴情况报街道党工委。",
         ("报党费收缴情况", "党支部")),
    _rec("record/topic-with-date", PLAN, "考核结果于12月20日前报县委组织部备案。",
         ("报考核结果备案", "党支部")),
    _rec("record/from-among", REPORT, "从致富带头人中发展党员3名。",
         ("发展党员", "党支部")),
    _rec("record/negated-shortfall", REPORT, "部分党员长期未参加主题党日3次以上。",
         ("参加主题党日", "党员")),
    _rec("record/agent-marked-values-cut", PLAN, "每年12月底前由党支部统一整理归档谈话记录。",
         ("整理归档谈话记录", "党支部")),
    _rec("record/item-number-before-date", PLAN, "5．3月底前制定支部年度学习计划。\n6．6月底前完成换届工作。",
         ("制定支部年度学习计划", "党支部"), ("完成换届工作", "党支部")),
    _rec("record/verb-before-bureau-party-group", PLAN, "3月底前牵头制定局党组年度学习计划。",
         ("制定局党组年度学习计划", "党支部"),
         reason="a verb before 局 reads as a unit's name (制定局), so 局党组 is taken for the subject and the verb is cut"),
]


@pytest.mark.parametrize("title, body, expected", RECORDS)
def test_record_actions(title: str, body: str, expected: list):
    got = [(r.action, r.actor) for r in extract_text(f"{title}\n{body}")]
    assert got == [tuple(e) for e in expected]
