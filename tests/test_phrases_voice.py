"""Done, short of, and planned (challenge phenomena p5–p7): phrases in wordings of our own, not
copied from a development or challenge document, and every record each must give, whole
(`phrase_table.R`; the list compared whole, so a spurious record fails).

- done/ and author/: a report's counts of done things are achievements, its author the actor.
- short/: a shortfall (仅, 只, 未, 尚有…未, 不足, 推迟) is a problem; the action is what fell short,
  without the shortfall's words (the gold's 仍有4个问题未按期完成整改 → 完成整改).
- plan/: a plan inside a report (下一步, 今后, 将, 计划, 力争) is an obligation.
- mix/: one report mixing the three voices, sentence by sentence or clause by clause.
- news/: a news item whose title names no genre (a headline) reports done things: achievements;
  its plan sentence is still an obligation. Its text says so (9月以来, tallies in 户次/人次, a named
  year opening plain results) when the headline does not.
- genre/: titles that name a report in other words (纪实, 一览, 情况及…打算).
- sections/: headings of results (取得的成效) and of plans (明年打算) give their lines' voice.
- label/: a lead label (整改措施：, 存在问题：, 主要成效：) gives its voice to the numbered items
  after it in its line, and is no topic of theirs.

A known miss is a strict xfail row whose reason says what the pipeline gives instead.
"""
from __future__ import annotations

import pytest

from phrase_table import R, records, rows

report = rows("2024年度东关村党支部工作总结")
author = rows("2024年机关第一党支部书记抓党建工作述职报告")
news = rows(None)
duties = rows("2025年度县档案局党组全面从严治党主体责任清单")
check = rows("南溪县委组织部关于村级党组织运行情况的排查报告")
DONE, SHORT = "achievement", "problem"


def headline(title_line: str, text: str) -> str:
    """A news item: its headline, then the text."""
    return f"{title_line}\n{text}"


CASES = [
    report("done/meetings-and-activities", "全年召开支委会12次，组织党员志愿服务活动15场。",
           R("党支部", "召开支委会", modality=DONE, n=12, unit="次", period="year"),
           R("党支部", "组织党员志愿服务活动", modality=DONE, n=15, unit="场", period="year")),
    report("done/cumulative", "累计走访党员群众350余人次。",
           R("党支部", "走访党员群众", modality=DONE, min=350, unit="人次")),
    report("done/within-the-year", "年内发展党员2名。", R("党支部", "发展党员", modality=DONE, n=2, unit="名", period="year")),
    author("author/done", "本人全年为党员讲党课3次，与党员谈心谈话30人次。",
           R("党支部书记", "讲党课", modality=DONE, n=3, unit="次", period="year"),
           R("党支部书记", "与党员谈心谈话", modality=DONE, n=30, unit="人次", period="year")),

    report("short/only", "全年仅召开党员大会3次。",
           R("党支部", "召开党员大会", modality=SHORT, n=3, unit="次", period="year")),
    report("short/only-after-the-topic", "党员大会全年只召开了2次。",
           R("党支部", "召开党员大会", modality=SHORT, n=2, unit="次", period="year")),
    report("short/rate-short-of", "党员参学率不足80%。", R("党支部", "党员参学", modality=SHORT, max=80, unit="%")),
    report("short/count-short-of", "支部书记全年讲党课不足2次。",
           R("党支部书记", "讲党课", modality=SHORT, max=2, unit="次", period="year")),
    report("short/rate-only", "党费按时收缴率仅为75%。", R("党支部", "收缴党费", modality=SHORT, n=75, unit="%")),
    report("short/in-a-sentence-of-done-things", "全年发展党员4名，其中35岁以下青年党员仅1名。",
           R("党支部", "发展党员", modality=DONE, n=4, unit="名", period="year"),
           R("党支部", "发展35岁以下青年党员", modality=SHORT, n=1, unit="名", period="year")),
    report("short/not-yet", "尚有4项整改任务未完成。",
           R("党支部", "完成整改任务", modality=SHORT, n=4, unit="项"),
           reason="gives the action 尚有整改任务未完成: 尚有 and the 未 of the verb after its object stay in "
                  "the action"),
    report("short/postponed", "支部换届选举推迟到11月才完成。",
           R("党支部", "完成支部换届选举", modality=SHORT, month=11, relation="in"),
           reason="gives the action 支部换届选举推迟到才完成: the topic is not taken as the object of the verb "
                  "after 推迟到…才"),
    report("short/postponed-to-next-year", "专题组织生活会推迟至次年1月召开。",
           R("党支部", "召开专题组织生活会", modality=SHORT, month=1, relation="in"),
           reason="gives the action 推迟至召开组织生活会: 推迟至 stays in the action and the meeting loses "
                  "its 专题"),
    report("short/counted-bodies-failed", "有3个党小组未按期完成党员信息采集。",
           R("党小组", "完成党员信息采集", modality=SHORT, n=3, unit="个"),
           reason="gives the action 未按期完成党员信息采集: the shortfall's 未按期 stays in the action"),
    report("short/counted-members-failed", "有5名党员未按时参加组织生活。",
           R("党员", "参加组织生活", modality=SHORT, n=5, unit="名"),
           reason="gives the actor 党支部 and the action 党员未按时参加组织生活: the counted members are not "
                  "read as the subject (the counted bodies of short/counted-bodies-failed are)"),
    author("author/short-of-a-quoted-requirement", "到党小组参加活动仅2次，未达到每季度1次的要求。",
           R("党支部书记", "参加活动", modality=SHORT, n=2, unit="次"),
           reason="gives a second record 未达到 (problem, min 1 a quarter): the requirement a shortfall is "
                  "measured against is read as a duty of its own"),

    check("label/measures-numbered", "整改措施：1．6月底前完成支部换届。2．每月开展1次主题党日活动。",
          R("组织部", "完成支部换届", month=6, relation="by"),
          R("组织部", "开展主题党日活动", n=1, unit="次", period="month")),
    report("label/problems-numbered", "存在问题：一是全年仅集中学习4次。二是谈心谈话仅开展6人次。",
           R("党支部", "集中学习", modality=SHORT, n=4, unit="次", period="year"),
           R("党支部", "开展谈心谈话", modality=SHORT, n=6, unit="人次")),
    duties("label/results-in-a-plan", "主要成效：去年召开支委会12次。全年开展主题党日12次。",
           R("党组", "召开支委会", modality=DONE, n=12, unit="次", period="year"),
           R("党组", "开展主题党日", modality=DONE, n=12, unit="次", period="year")),
    report("plan/next-step", "下一步，支部将每半年开展1次党员民主评议。",
           R("党支部", "开展党员民主评议", n=1, unit="次", period="half_year")),
    report("plan/next-step-plan", "下一步，支部计划每月开展1次“党员夜校”。",
           R("党支部", "开展“党员夜校”", n=1, unit="次", period="month")),
    report("plan/named-year-plan", "2025年，计划新建党员服务站2个。",
           R("党支部", "新建党员服务站", n=2, unit="个", period="year")),
    author("author/plan", "2025年，本人将每季度至少到党小组参加1次活动。",
           R("党支部书记", "参加活动", min=1, unit="次", period="quarter")),
    report("plan/strive", "力争2025年底前完成软弱涣散党组织整顿。",
           R("党支部", "完成软弱涣散党组织整顿", month=12, relation="by"),
           reason="gives the action 2025完成软弱涣散党组织整顿: the year of 2025年底前 stays in the action"),
    report("plan/named-year-will", "2025年，支部将发展青年党员2名。",
           R("党支部", "发展青年党员", n=2, unit="名", period="year")),
    report("plan/from-now-on", "今后，我们将每月组织1次党员学习日活动。",
           R("党支部", "组织党员学习日活动", n=1, unit="次", period="month")),
    report("plan/next-step-without-a-comma", "下一步将每季度开展1次入户走访。",
           R("党支部", "开展入户走访", n=1, unit="次", period="quarter")),

    report("mix/three-voices", "全年讲党课4次。党员参学率不足60%。下一步，支部将每月开展1次集中学习。",
           R("党支部", "讲党课", modality=DONE, n=4, unit="次", period="year"),
           R("党支部", "党员参学", modality=SHORT, max=60, unit="%"),
           R("党支部", "开展集中学习", n=1, unit="次", period="month")),
    report("mix/done-then-plan", "全年开展主题党日12次，下一步将每季度增加1次现场教学。",
           R("党支部", "开展主题党日", modality=DONE, n=12, unit="次", period="year"),
           R("党支部", "增加现场教学", n=1, unit="次", period="quarter")),

    news("news/since-this-year-under-a-place-headline",
         headline("柳河镇：党员志愿者扮靓乡村", "今年以来，镇党委组织党员志愿者开展环境整治行动18次，发动群众参与1200余人次。"),
         R("党委", "组织党员志愿者开展环境整治行动", modality=DONE, n=18, unit="次", period="year"),
         R("党委", "发动群众参与", modality=DONE, min=1200, unit="人次", period="year")),
    news("news/place-headline-with-no-mark-of-time",
         headline("柳河镇：党员志愿者扮靓乡村", "镇党委组织党员志愿者开展环境整治行动18次。"),
         R("党委", "组织党员志愿者开展环境整治行动", modality=DONE, n=18, unit="次")),
    news("news/already-trained", headline("青山县委“党建+电商”助农增收见成效", "全县已培训农村电商带头人320名。"),
         R("县委", "培训农村电商带头人", modality=DONE, n=320, unit="名")),
    news("news/so-far", headline("城西街道多措并举推进党史学习教育", "截至目前，街道党工委共举办专题读书班5期，开展宣讲42场。"),
         R("党工委", "举办专题读书班", modality=DONE, n=5, unit="期"),
         R("党工委", "开展宣讲", modality=DONE, n=42, unit="场")),
    news("news/since-this-year", headline("“红色管家”进小区", "今年以来，社区党委组织党员认领微心愿230个。"),
         R("党委", "组织党员认领微心愿", modality=DONE, n=230, unit="个", period="year")),
    news("news/headline", headline("红色物业让小区焕新颜", "社区党委牵头成立业主议事会3个，解决群众急难问题46件。"),
         R("党委", "成立业主议事会", modality=DONE, n=3, unit="个"),
         R("党委", "解决群众急难问题", modality=DONE, n=46, unit="件"),
         reason="gives the modality obligation to both: with no genre word in the headline, the genre is read "
                "as a report only from marks in the text (今年以来, 已, 截至目前), which these counts lack"),
    news("news/headline-of-a-flood", headline("党员先锋岗在抗洪一线闪光", "镇党委组建党员突击队5支，转移受困群众300余人。"),
         R("党委", "组建党员突击队", modality=DONE, n=5, unit="支"),
         R("党委", "转移受困群众", modality=DONE, min=300, unit="人"),
         reason="gives the modality obligation to both (as news/headline)"),
    news("news/headline-of-a-grid", headline("小网格撬动大治理", "街道党工委把辖区划分为28个网格，组建党员志愿服务队12支。"),
         R("党工委", "把辖区划分为网格", modality=DONE, n=28, unit="个"),
         R("党工委", "组建党员志愿服务队", modality=DONE, n=12, unit="支"),
         reason="gives the modality obligation to both (as news/headline)"),
    news("news/since-a-month-under-a-headline-with-ba",
         headline("县人民医院党委把健康服务送到家门口", "8月以来，医院党委组织党员专家巡诊11次。"),
         R("党委", "组织党员专家巡诊", modality=DONE, n=11, unit="次", month=8, relation="start")),
    news("news/tallies-of-households-say-done",
         headline("红色代办员跑出便民加速度", "社区党委组建代办员队伍3支，上门代办事项1300余户次。"),
         R("党委", "组建代办员队伍", modality=DONE, n=3, unit="支"),
         R("党委", "上门代办事项", modality=DONE, min=1300, unit="户次")),
    news("news/a-named-year-opening-plain-results",
         headline("小院议事议出乡村新面貌", "2024年，村党支部召开院落议事会16场，化解邻里纠纷27件。"),
         R("党支部", "召开院落议事会", modality=DONE, n=16, unit="场", period="year"),
         R("党支部", "化解邻里纠纷", modality=DONE, n=27, unit="件", period="year")),
    news("genre/documentary-title",
         "初心照亮归乡路——青禾村党支部带富纪实\n2023年，支部组织党员开展技能培训6期，带动群众就业120余人次。",
         R("党支部", "组织党员开展技能培训", modality=DONE, n=6, unit="期", period="year"),
         R("党支部", "带动群众就业", modality=DONE, min=120, unit="人次", period="year")),
    news("genre/at-a-glance-title", "城关社区党委党员服务情况一览\n全年开展入户走访860户次，办理民生实事22件。",
         R("党委", "开展入户走访", modality=DONE, n=860, unit="户次", period="year"),
         R("党委", "办理民生实事", modality=DONE, n=22, unit="件", period="year")),
    report("genre/work-and-plans-title",
           "一、2024年主要工作\n全年举办党员轮训班3期。\n二、2025年工作打算\n年内新建“红色驿站”4个。",
           R("党工委", "举办党员轮训班", modality=DONE, n=3, unit="期", period="year"),
           R("党工委", "新建“红色驿站”", n=4, unit="个", period="year"),
           title="东湖街道党工委2024年党建工作情况及2025年工作打算"),
    report("sections/results-then-next-year", "二、取得的成效\n新建党员先锋岗12个。\n三、明年打算\n每月开展1次党员志愿服务。",
           R("党支部", "新建党员先锋岗", modality=DONE, n=12, unit="个"),
           R("党支部", "开展党员志愿服务", n=1, unit="次", period="month")),
    report("plan/next-step-enumerated", "下一步，一是每季度走访1次辖区企业；二是年内新建党群服务站2个。",
           R("党支部", "走访辖区企业", n=1, unit="次", period="quarter"),
           R("党支部", "新建党群服务站", n=2, unit="个", period="year")),
    report("plan/named-year-will-then-each-term", "2025年，支部将选树“星级党员户”30户，每季度开展1次评星活动。",
           R("党支部", "选树“星级党员户”", n=30, unit="户", period="year"),
           R("党支部", "开展评星活动", n=1, unit="次", period="quarter")),
    report("plan/next-stage-ensure-by-a-date", "下步工作中，支部将确保9月30日前完成3个小区党小组组建。",
           R("党支部", "完成小区党小组组建", n=3, unit="个", month=9, day=30, relation="by")),
    report("plan/also-will", "支部还将每半年通报1次党费收缴情况。",
           R("党支部", "通报党费收缴情况", n=1, unit="次", period="half_year")),
    report("plan/next-stage-will-press-on", "下阶段，支部将扎实推进3个无物业小区党建全覆盖。",
           R("党支部", "推进无物业小区党建", n=3, unit="个")),
    report("short/fewer-than-and-missing-in-a-self-check", "全年集中学习少于10次，党员大会会议记录缺失2次。",
           R("党支部", "集中学习", modality=SHORT, max=10, unit="次", period="year"),
           R("党支部", "党员大会会议记录缺失", modality=SHORT, n=2, unit="次", period="year"),
           title="城南中学党支部关于组织生活制度执行情况的自查报告"),
    author("short/fewer-than-in-a-self-examination", "本人到联系支部调研少于3次，全年只讲党课1次。",
           R("机关党委书记", "到联系支部调研", modality=SHORT, max=3, unit="次"),
           R("机关党委书记", "讲党课", modality=SHORT, n=1, unit="次", period="year"),
           title="机关党委书记专题组织生活会个人检视剖析材料"),
    news("news/done-then-plan",
         headline("白石镇党建引领乡村振兴见实效", "全镇发展特色产业基地6个。下一步，镇党委将每季度召开1次产业发展推进会。"),
         R("党委", "发展特色产业基地", modality=DONE, n=6, unit="个"),
         R("党委", "召开产业发展推进会", n=1, unit="次", period="quarter"),
         reason="gives the modality obligation to the done count: the headline leaves the list's default"),
    duties("list/numbered-duty-naming-how-it-was-done", "3．11月中旬组织开展责任落实情况专项检查。",
           R("党组", "组织开展责任落实情况专项检查", month=11, relation="in")),
    duties("list/numbered-duty-dated-end-of-year", "5．年底前完成整改落实情况“回头看”。",
           R("党组", "完成整改落实情况“回头看”", month=12, relation="by")),
    report("report/section-heading-names-the-voice", "二、整改落实情况\n完成党员档案整理86份。",
           R("党支部", "完成党员档案整理", modality="achievement", n=86, unit="份")),
    check("problem/counted-people-who-failed", "排查发现，9名村党组织书记未按期提交述职报告。",
          R("组织部", "排查发现", modality="achievement"),
          R("村党组织书记", "未按期提交述职报告", modality="problem", n=9, unit="名")),
    check("problem/counted-people-who-took-part", "今年以来，120名党员参加了集中轮训。",
          R("组织部", "参加集中轮训", modality="achievement", n=120, unit="名", period="year")),
    check("problem/a-body-whose-rate-falls-short", "个别村党支部党费收缴率仅为80%。",
          R("党支部", "党费收缴", modality="problem", n=80, unit="%")),
]


@pytest.mark.parametrize("title, text, expected", CASES)
def test_voice(title, text, expected):
    assert records(title, text) == expected
