"""Topics and ellipsis (challenge phenomenon p8): phrases in wordings of our own, not copied from a
development or challenge document, and every record each must give, whole (`phrase_table.R`;
the list compared whole, so a spurious record fails).

- topic/: a clause that only names a meeting, an activity or a thing, then a bare verb: the verb
  takes the topic as its object; the topic clause gives no record of its own.
- day-of/: a date named as the day of the party day (每月25日为主题党日): the party day is held then.
- each-object/: one verb, two objects joined, a distributive word before the count: one record each.
- each/: several topics under one verb with 各 / 均 / 分别: one record per topic, each with its
  own holder, and with 分别 each with its own period or date, in order.
- count/: a bare count (每季度1次) takes the topic before it as its action.
- heading/: a heading that only names things is the topic of the lines under it; a heading ending
  with its verb (党费收缴) gives verb and object.

A known miss is a strict xfail row whose reason says what the pipeline gives instead.
"""
from __future__ import annotations

import pytest

from phrase_table import R, records, rows

rule = rows("城南社区党支部组织生活制度")
issued = rows("县直机关工委关于规范党支部组织生活的通知")
plan = rows("2025年度城南社区党支部工作计划")

CASES = [
    rule("topic/assembly", "党员大会，原则上每季度召开1次。",
         R("党支部", "召开党员大会", n=1, unit="次", period="quarter")),
    rule("topic/warning-education", "警示教育，每半年组织1次。",
         R("党支部", "组织警示教育", n=1, unit="次", period="half_year")),
    rule("topic/openness", "党务公开，每季度进行1次。", R("党支部", "党务公开", n=1, unit="次", period="quarter")),
    rule("topic/review-by-year-end", "述职评议，年底前完成。", R("党支部", "完成述职评议", month=12, relation="by")),
    rule("topic/study-group", "理论学习中心组学习，每月安排1次。",
         R("中心组", "安排理论学习中心组学习", n=1, unit="次", period="month")),
    rule("topic/dues", "党费，每月收缴1次。", R("党支部", "收缴党费", n=1, unit="次", period="month")),
    rule("topic/talks-between-members", "谈心谈话，班子成员之间每年至少开展1次。",
         R("班子成员", "谈心谈话", min=1, unit="次", period="year"),
         reason="gives the action 开展之间: a subject of its own between the topic and the verb keeps the "
                "topic from the verb, and the 之间 after the subject is read as the object"),

    rule("each/lecture-and-party-day", "专题党课和主题党日，每月各开展1次。",
         R("党支部", "开展专题党课", n=1, unit="次", period="month"),
         R("党支部", "开展主题党日", n=1, unit="次", period="month")),
    rule("each/assembly-and-committee", "党员大会和支委会，每季度各召开1次。",
         R("党支部", "召开党员大会", n=1, unit="次", period="quarter"),
         R("党支部", "召开支委会", n=1, unit="次", period="quarter")),
    rule("each/committee-and-group-meeting", "支委会和党小组会，每月各召开1次。",
         R("党支部", "召开支委会", n=1, unit="次", period="month"),
         R("党小组", "召开党小组会", n=1, unit="次", period="month"),
         reason="gives the actor 党支部 to 召开党小组会: every topic falls to the holder of the first"),
    rule("each/committee-and-group-meeting-jun", "支委会、党小组会，每月均召开1次。",
         R("党支部", "召开支委会", n=1, unit="次", period="month"),
         R("党小组", "召开党小组会", n=1, unit="次", period="month"),
         reason="gives the actor 党支部 to 召开党小组会 (as each/committee-and-group-meeting)"),
    rule("each/meetings-jun-without-a-comma", "组织生活会、民主评议党员每年均开展1次。",
         R("党支部", "开展组织生活会", n=1, unit="次", period="year"),
         R("党支部", "开展民主评议党员", n=1, unit="次", period="year")),
    rule("each/special-meeting-jun", "专题组织生活会、民主评议党员每年均开展1次。",
         R("党支部", "开展专题组织生活会", n=1, unit="次", period="year"),
         R("党支部", "开展民主评议党员", n=1, unit="次", period="year"),
         reason="gives one record 开展组织生活会、民主评议党员, which loses 专题 as well"),
    rule("each/talks", "廉政谈话和提醒谈话，每半年各进行1次。",
         R("党支部", "进行廉政谈话", n=1, unit="次", period="half_year"),
         R("党支部", "进行提醒谈话", n=1, unit="次", period="half_year"),
         reason="gives a record 廉政谈话和提醒谈话 with no count, then one with both talks: topics that are "
                "no meeting of roles.yml are neither split nor taken by the verb"),
    rule("each/talks-without-a-comma", "廉政谈话、提醒谈话每半年各开展1次。",
         R("党支部", "开展廉政谈话", n=1, unit="次", period="half_year"),
         R("党支部", "开展提醒谈话", n=1, unit="次", period="half_year"),
         reason="gives one record 开展廉政谈话、提醒谈话"),
    rule("each/periods-respectively", "党员大会、支委会分别每季度、每月召开1次。",
         R("党支部", "召开党员大会", n=1, unit="次", period="quarter"),
         R("党支部", "召开支委会", n=1, unit="次", period="month"),
         reason="gives the period month to both: 分别 does not pair the topics with the periods in order"),
    rule("each/deadlines-respectively", "年度计划和年度总结，分别于1月底前、12月底前报送。",
         R("党支部", "报送年度计划", month=1, relation="by"),
         R("党支部", "报送年度总结", month=12, relation="by"),
         reason="gives four records, each topic with each date: 分别 does not pair the topics with the "
                "dates in order"),
    rule("each/per-person", "学习心得和调研报告，每人每年各撰写1篇。",
         R("党员", "撰写学习心得", n=1, unit="篇", period="year"),
         R("党员", "撰写调研报告", n=1, unit="篇", period="year"),
         reason="gives a record 学习心得和调研报告 with no count, then 撰写 alone for 党支部: the things "
                "written are not taken as objects, and 每人 gives no member role"),
    rule("each/activities", "党员活动日和志愿服务，每月各组织1次。",
         R("党支部", "组织党员活动日", n=1, unit="次", period="month"),
         R("党支部", "组织志愿服务", n=1, unit="次", period="month"),
         reason="gives one record 组织 for the actor 党员: 党员 at the head of the topic is read as the "
                "subject and the topics are lost"),

    rule("count/study", "集中学习每月1次。", R("党支部", "集中学习", n=1, unit="次", period="month")),
    rule("count/assembly", "党员大会，每季度1次。", R("党支部", "召开党员大会", n=1, unit="次", period="quarter")),
    rule("count/talks", "谈心谈话，每季度1次。", R("党支部", "谈心谈话", n=1, unit="次", period="quarter")),
    rule("count/warning-education", "警示教育每半年1次。", R("党支部", "警示教育", n=1, unit="次", period="half_year")),
    rule("count/openness", "党务公开每季度1次。", R("党支部", "党务公开", n=1, unit="次", period="quarter")),
    rule("count/colon", "专题研讨：每季度1次。", R("党支部", "专题研讨", n=1, unit="次", period="quarter")),
    rule("count/colon-at-least", "集中学习：每月不少于1次。", R("党支部", "集中学习", min=1, unit="次", period="month")),
    rule("count/visits", "入户走访，每季度至少1次。", R("党支部", "入户走访", min=1, unit="次", period="quarter")),
    rule("count/lecture-with-its-speaker", "支部书记讲党课，每年不少于2次。",
         R("党支部书记", "讲党课", min=2, unit="次", period="year"),
         reason="gives a first record 讲党课 with no count (as count/visits)"),

    plan("heading/talks", "（二）谈心谈话\n每季度开展1次。", R("党支部", "谈心谈话", n=1, unit="次", period="quarter")),
    plan("heading/integrity-education", "四、廉政教育\n每半年组织1次。",
         R("党支部", "组织廉政教育", n=1, unit="次", period="half_year")),
    plan("heading/assembly", "二、党员大会\n原则上每季度召开1次。",
         R("党支部", "召开党员大会", n=1, unit="次", period="quarter")),
    plan("heading/party-day", "五、主题党日\n每月10日开展。",
         R("党支部", "开展主题党日", period="month", day=10, relation="in")),
    plan("heading/two-activities", "三、专题党课和主题党日\n每月各开展1次。",
         R("党支部", "开展专题党课", n=1, unit="次", period="month"),
         R("党支部", "开展主题党日", n=1, unit="次", period="month")),
    plan("heading/ending-with-its-verb", "三、党费收缴\n每月收缴1次。",
         R("党支部", "收缴党费", n=1, unit="次", period="month")),
    plan("heading/member-development", "三、党员发展\n年内发展1名。",
         R("党支部", "发展党员", n=1, unit="名", period="year")),
    plan("heading/bare-count-committee", "四、支委会\n每月1次。", R("党支部", "召开支委会", n=1, unit="次", period="month")),
    plan("heading/bare-count-assembly", "二、党员大会\n每季度不少于1次。",
         R("党支部", "召开党员大会", min=1, unit="次", period="quarter")),
    plan("heading/bare-count-study", "（三）集中学习\n每月1次。", R("党支部", "集中学习", n=1, unit="次", period="month"),
         reason="gives no record: a bare count takes a heading as its action only when the heading names a "
                "meeting of roles.yml"),
    plan("heading/bare-count-visits", "六、入户走访\n每季度不少于1次。",
         R("党支部", "入户走访", min=1, unit="次", period="quarter")),
    rule("named/quoted-campaign-with-a-role", "“党员亮身份”活动，每月开展1次。",
         R("党支部", "开展“党员亮身份”活动", n=1, unit="次", period="month")),
    rule("named/quoted-forum", "“书记讲堂”，每季度举办1次。",
         R("党支部", "举办“书记讲堂”", n=1, unit="次", period="quarter")),
    rule("named/quoted-name-as-subject-position", "“支部书记论坛”每半年举办1次。",
         R("党支部", "举办“支部书记论坛”", n=1, unit="次", period="half_year")),
    rule("named/role-modifying-a-noun", "党员冬训，每年组织1次。",
         R("党支部", "组织党员冬训", n=1, unit="次", period="year"),
         reason="gives the actor 党员: the topic takes the object, but the role that modifies its noun "
                "is still read as the sentence's subject"),
    rule("named/role-and-verb-is-a-clause", "全体党员参加，每季度召开1次党员大会。",
         R("党支部", "召开党员大会", n=1, unit="次", period="quarter"),
         reason="gives the actor 党员: the members who attend are read as the subject of the next clause"),
    plan("each-object/two-checks", "每季度开展安全检查和廉政检查各1次。",
         R("党支部", "开展安全检查", n=1, unit="次", period="quarter"),
         R("党支部", "开展廉政检查", n=1, unit="次", period="quarter")),
    plan("each-object/shared-head-noun", "每年举办党务干部和入党积极分子培训班各1期。",
         R("党支部", "举办党务干部培训班", n=1, unit="期", period="year"),
         R("党支部", "举办入党积极分子培训班", n=1, unit="期", period="year")),
    plan("each-object/talks-and-education", "每半年开展谈心谈话和警示教育各1次。",
         R("党支部", "开展谈心谈话", n=1, unit="次", period="half_year"),
         R("党支部", "开展警示教育", n=1, unit="次", period="half_year")),
    plan("each-object/no-pair-drops-the-word", "每年讲党课各2次。", R("党支部", "讲党课", n=2, unit="次", period="year")),
    plan("commented/analysis-then-subject", "网络舆情分析研判，党支部每季度开展1次。",
         R("党支部", "开展网络舆情分析研判", n=1, unit="次", period="quarter")),
    plan("commented/review-then-subject", "党员思想动态分析，支部书记每半年开展1次。",
         R("党支部书记", "开展党员思想动态分析", n=1, unit="次", period="half_year")),
    plan("commented/verb-ending-topic", "党费收缴情况核对，支部书记每半年进行1次。",
         R("党支部书记", "进行党费收缴情况核对", n=1, unit="次", period="half_year"),
         reason="gives an uncounted record 党费收缴情况核对 and none for the count: a topic ending with a verb "
                "reads as a clause that does something (decisions.yml scope.topic unless clause_verbal_shape)"),
    plan("commented/predicate-is-no-topic", "加强和改进党员日常教育管理，支部书记每月组织1次。",
         R("党支部", "加强和改进党员日常教育管理"),
         R("党支部书记", "组织", n=1, unit="次", period="month")),
    plan("commented/subject-with-a-modal-is-no-topic", "支部委员可以轮流授课，每人每年主讲1次。",
         R("党支部委员", "主讲", n=1, unit="次", period="year")),
    rule("day-of/party-day-on-a-date", "每月25日为支部主题党日，每次活动时间不少于2小时。",
         R("党支部", "开展主题党日", period="month", day=25, relation="in"),
         R("党支部", "开展主题党日", min=2, unit="小时")),
    rule("day-of/party-day-on-a-weekday", "每月第一个星期五为固定主题党日。",
         R("党支部", "开展主题党日", period="month")),
    rule("day-of/set-as-the-party-day", "将每季度首月10日确定为主题党日。",
         R("党支部", "开展主题党日", period="quarter")),
    plan("heading/activity-by-its-verbal-noun", "（二）入党积极分子培训\n全年举办2期。",
         R("党支部", "举办入党积极分子培训", n=2, unit="期", period="year")),
    plan("heading/predicate-is-no-topic", "（三）加强组织建设\n每月开展1次。",
         R("党支部", "开展", n=1, unit="次", period="month")),
    issued("meeting/bare-counts-after-a-colon", "具体频次：支部委员会每月1次；党小组会每月1次。",
           R("党支部", "召开支部委员会", n=1, unit="次", period="month"),
           R("党小组", "召开党小组会", n=1, unit="次", period="month")),
    issued("meeting/convener-after-a-semicolon", "党员大会每季度召开1次；支委会由支部书记召集，每月召开1次。",
           R("党支部", "召开党员大会", n=1, unit="次", period="quarter"),
           R("党支部书记", "召集支委会"),
           R("党支部", "召开支委会", n=1, unit="次", period="month")),
    issued("meeting/attending-is-no-holding", "在职党员全年参加主题党日12次、组织生活会1次。",
           R("党员", "参加主题党日", n=12, unit="次", period="year"),
           R("党员", "参加组织生活会", n=1, unit="次", period="year")),
]


@pytest.mark.parametrize("title, text, expected", CASES)
def test_topics(title, text, expected):
    assert records(title, text) == expected
