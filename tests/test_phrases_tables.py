"""Tables typed as text (a .txt, a page pasted from Word or a web page): cells set apart by a tab,
two spaces or more, or a full-width space, under a header line that names the columns
(tables.yml `cell_separator`, `columns`). Phrases in wordings of our own; every record each must
give, whole (`phrase_table.R`).

- actor/: a 责任部门 / 组织实施 column names each row's actor, whatever the text says.
- task/: a 工作事项 / 活动名称 column is the topic of the row's bare verb or bare count.
- deadline/: a 完成时限 column gives each row's deadline.
- report/: a table of results in a report (完成情况) gives achievements.
- group/: a heading line between rows (一、组织建设) groups them and keeps the table going.
- prose/: a line with a full-width space that follows no header is prose, read as before.
"""
from __future__ import annotations

import pytest

from phrase_table import R, records, rows

plan = rows("县人民医院党委2025年度党建工作任务分解")
report = rows("县人民医院党委2024年党建工作完成情况")
W = "\u3000"

CASES = [
    plan("actor/full-width-spaces", f"责任部门{W}{W}工作任务\n宣传科{W}{W}{W}每月更新1次院务公开栏\n"
         f"护理部{W}每季度开展1次护理质量督查",
         R("宣传科", "更新院务公开栏", n=1, unit="次", period="month"),
         R("护理部", "开展护理质量督查", n=1, unit="次", period="quarter")),
    plan("actor/two-spaces", "工作任务    责任科室\n每半年组织1次医疗安全培训    医务科\n每年开展2次应急演练    保卫科",
         R("医务科", "组织医疗安全培训", n=1, unit="次", period="half_year"),
         R("保卫科", "开展应急演练", n=2, unit="次", period="year")),
    plan("actor/tabs-two-columns", "责任单位\t工作要求\n院办公室\t每月15日前报送上月工作简报",
         R("办公室", "报送上月工作简报", period="month", day=15, relation="by")),
    plan("actor/implementing-column", f"活动名称{W}{W}频次{W}{W}组织实施\n主题党日{W}{W}每月1次{W}{W}各党支部\n"
         f"党小组会{W}{W}每月1次{W}{W}各党小组",
         R("党支部", "开展主题党日", n=1, unit="次", period="month"),
         R("党小组", "召开党小组会", n=1, unit="次", period="month")),
    plan("task/bare-verb-takes-the-task", "序号\t工作事项\t工作要求\n1\t廉政谈话\t每半年开展1次\n2\t院务公开\t每季度更新1次",
         R("党委", "开展廉政谈话", n=1, unit="次", period="half_year"),
         R("党委", "更新院务公开", n=1, unit="次", period="quarter")),
    plan("deadline/column", f"工作任务{W}{W}完成时限\n修订党委会议事规则{W}{W}3月底前\n完成党支部换届{W}{W}9月底前",
         R("党委", "修订党委会议事规则", month=3, relation="by"),
         R("党委", "完成党支部换届", month=9, relation="by")),
    report("report/results-table", f"项目{W}{W}{W}{W}完成数\n新发展党员{W}{W}12名\n开展义诊活动{W}{W}36场",
           R("党委", "新发展党员", modality="achievement", n=12, unit="名"),
           R("党委", "开展义诊活动", modality="achievement", n=36, unit="场")),
    plan("group/heading-rows-inside-a-table", "序号\t重点任务\t责任单位\t完成时限\n一、组织建设\n1\t完成村党组织换届\t组织办\t9月底前\n"
         "二、作风建设\n2\t开展作风纪律专项检查\t纪委\t11月底前",
         R("组织办", "完成村党组织换届", month=9, relation="by"),
         R("纪委", "开展作风纪律专项检查", month=11, relation="by")),
    plan("group/space-rows-after-a-heading", "序号   工作任务   责任科室   完成时限\n（一）学习教育\n1   举办读书班2期   宣传科   6月底前",
         R("宣传科", "举办读书班", n=2, unit="期", month=6, relation="by")),
    plan("annual/a-year-opens-the-list", "举办党务干部培训班2期。", R("党工委", "举办党务干部培训班", n=2, unit="期", period="year"),
         title="城南街道党工委2025年党建工作要点"),
    plan("annual/a-notice-about-a-year", "每名党员集中学习不少于16学时。",
         R("党员", "集中学习", min=16, unit="学时"), title="中共南溪县委组织部关于做好2025年党员冬训工作的通知"),
    plan("prose/heading-space", f"第五条{W}党委每季度听取1次党支部工作汇报。",
         R("党委", "听取党支部工作汇报", n=1, unit="次", period="quarter")),
]


@pytest.mark.parametrize("title, text, expected", CASES)
def test_tables(title, text, expected):
    assert records(title, text) == expected
