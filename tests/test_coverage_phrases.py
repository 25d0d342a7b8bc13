"""Coverage of every duty, and no record on what is no duty: phrases in wordings of our own, not
copied from a development document, read by `extract.pipeline.extract_text` under a title line.

Each row names a run of its text and whether some record must touch it (`duty`, optionally with
the modality that record must have) or none may (`none`), as ../shared/eval/COVERAGE.md scores a
document. The classes are those of decisions.yml's vetoes and clauses.yml's `shapes` and
`non_duty`. A known miss is a strict xfail row with its reason.
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text

LIST = "2025年度城关社区党支部工作任务清单"
REPORT = "2024年度城关社区党支部书记抓基层党建述职报告"
NEWS = "我县多措并举建强基层党组织"


def _row(id_: str, title: str, body: str, run: str, kind: str, modality: str = "", reason: str = ""):
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(title, body, run, kind, modality, id=id_, marks=marks)


CASES = [
    # a paragraph's lead sentence that names it, its body running on in the same line: no duty
    _row("run-in/numbered-lead", REPORT, "1.强化政治引领，筑牢思想根基。今年支部开展专题学习12次。", "筑牢思想根基", "none"),
    _row("run-in/numbered-lead-body-stays", REPORT, "1.强化政治引领，筑牢思想根基。今年支部开展专题学习12次。",
         "开展专题学习12次", "duty", "achievement"),
    _row("run-in/inline-lead", NEWS, "二是创新学习载体，学习形式丰富多样。各村组织党员赴红色基地参观学习。",
         "学习形式丰富多样", "none"),
    _row("run-in/unmarked-lead", NEWS, "夯实基层组织基础。各村党组织每季度召开1次党员大会。", "夯实基层组织基础", "none"),
    _row("run-in/enumeration-is-no-heading", REPORT,
         "存在的不足主要有：一是理论学习不够深入。二是联系群众不够紧密。三是创新意识不强。", "联系群众不够紧密", "duty", "problem"),
    _row("run-in/label-opens-content", REPORT, "（2）问题：学习领会上级精神不够深入。支部未组织专题学习。",
         "学习领会上级精神不够深入", "duty", "problem"),
    # a clause that ends as a frame does is a duty when it has a verb of its own before the frame
    _row("frame/carries-out-requirement", LIST, "认真落实上级党委关于主题教育的各项要求。", "落实上级党委", "duty"),
    _row("frame/sets-requirement", LIST, "对发展党员的程序、时限和材料提出明确要求。", "提出明确要求", "duty"),
    _row("frame/adheres", LIST, "坚持以党的政治建设为统领，每季度研究1次党建工作。", "坚持以党的政治建设为统领", "duty"),
    _row("frame/as-required", LIST, "按照区委组织部的统一要求，每季度开展1次党员培训。", "按照区委组织部的统一要求", "none"),
    _row("frame/lever-after-subject", REPORT, "2024年支部以网格党建为抓手，走访群众320户。", "以网格党建为抓手", "none"),
    _row("frame/means-listed", LIST, "采取个人自学、集中研讨、实地参观等方式，每月开展1次学习。", "实地参观等方式", "none"),
    _row("frame/finding", REPORT, "摸底显示，全社区流动党员共46名。", "摸底显示", "none"),
    # a later clause that states the result the duties before it should bring about
    _row("goal/ensure-that", LIST, "每季度开展1次专项督查，确保整改任务落地见效。", "确保整改任务落地见效", "none"),
    _row("goal/strive-to", LIST, "每月组织1次技能比武，努力练就过硬本领。", "努力练就过硬本领", "none"),
    _row("goal/strive-disposal-is-duty", LIST, "每年到联系点调研2次，努力把联系点建成示范点。", "努力把联系点建成示范点", "duty"),
    _row("goal/grow", LIST, "每年发展党员2名，不断壮大党员队伍。", "不断壮大党员队伍", "none"),
    # a clause that does something though no verb list knows its verb
    _row("shape/adverb", LIST, "大力弘扬求真务实的工作作风。", "大力弘扬", "duty"),
    _row("shape/strict-adverb-as-verb", LIST, "严格标准、严格程序、严肃纪律。", "严肃纪律", "duty"),
    _row("shape/prohibition", LIST, "反对享乐主义和奢靡之风。", "反对享乐主义", "duty", "prohibition"),
    _row("shape/prohibition-no-topic", LIST, "杜绝铺张浪费，严查违规吃喝问题。", "杜绝铺张浪费", "duty", "prohibition"),
    _row("shape/resultative", LIST, "扛牢管党治党政治责任，每年向区委述职1次。", "扛牢管党治党政治责任", "duty"),
    _row("shape/resultative-good", LIST, "走好新时代网上群众路线。", "走好新时代网上群众路线", "duty"),
    _row("shape/verb-in-hua", LIST, "深化党员分类管理机制。", "深化党员分类管理机制", "duty"),
    _row("shape/instrument", LIST, "用党的创新理论武装党员头脑。", "武装党员头脑", "duty"),
    _row("shape/disposal-as", LIST, "把党建工作成效作为干部评先评优的重要依据。", "作为干部评先评优的重要依据", "duty"),
    _row("shape/disposal-ahead", REPORT, "始终把政治纪律挺在前面，全年开展警示教育3次。", "始终把政治纪律挺在前面", "duty"),
    _row("shape/numeral-hua-is-a-name", LIST, "“三化”建设\n每月开展1次支部评星。", "“三化”建设", "none"),
    # problems stated by label, or as a shortfall in a problems section
    _row("problem/label", REPORT, "问题1：支委班子年龄偏大，平均年龄56岁。", "支委班子年龄偏大", "duty"),
    _row("problem/label-itself", REPORT, "问题1：支委班子年龄偏大，平均年龄56岁。", "问题1", "none"),
    _row("problem/shortfall-framed", REPORT, "二、存在的问题\n结合支部实际谋划工作不够经常。", "结合支部实际谋划工作不够经常",
         "duty", "problem"),
    _row("plan/short-plans-heading", REPORT, "三、下步打算\n每季度开展1次入户走访。", "每季度开展1次入户走访", "duty",
         "obligation"),
    _row("problem/gaps-section", REPORT, "二、存在的差距\n“网格党建”推进较慢，责任网格尚未划分。", "“网格党建”推进较慢",
         "duty", "problem"),
    _row("problem/shortfall-no-topic", REPORT, "二、存在的问题\n服务效率不高，群众满意度有待提升。", "服务效率不高", "duty", "problem"),
    # a one-clause numbered item nothing stands under is a duty, not a topic heading
    _row("item/leaf-one-clause", LIST, "一、组织建设\n3．督促各党小组严格落实组织生活制度。\n4．每月召开1次支委会。",
         "督促各党小组严格落实组织生活制度", "duty", "obligation"),
    _row("item/leaf-last-of-list", LIST, "一、组织建设\n3．每月召开1次支委会。\n4．持续擦亮“红色驿站”服务品牌。",
         "持续擦亮“红色驿站”服务品牌", "duty"),
    _row("item/leaf-outer-level", LIST, "一、组织建设\n（十）落实村党组织书记备案管理制度。\n（十一）每月召开1次支委会。",
         "落实村党组织书记备案管理制度", "duty"),
    _row("item/issue-verb", LIST, "一、组织建设\n（二）1月底前印发公司年度党建工作要点。\n（三）每月召开1次支委会。",
         "印发公司年度党建工作要点", "duty"),
    _row("item/topic-with-children", LIST, "一、组织建设\n3．加强阵地建设\n（1）每季度更新1次宣传栏。",
         "加强阵地建设", "none"),
    _row("item/counted-heading-names-no-section", LIST, "一、组织建设\n4．每半年听取各党小组工作情况汇报1次。",
         "听取各党小组工作情况汇报1次", "duty", "obligation"),
    _row("item/analysis-verb", LIST, "一、意识形态\n2．每季度专题分析研判网络舆情不少于1次。", "专题分析研判网络舆情", "duty"),
    _row("item/number-before-date", LIST, "一、组织建设\n5．3月底前制定支部年度学习计划。", "制定支部年度学习计划", "duty"),
    # a shortfall that was solved is an achievement of the report
    _row("problem/solved-shortfall", REPORT, "协调解决活动场地不足、学习时间难保证等实际困难3个。",
         "协调解决活动场地不足", "duty", "achievement"),
    # notes that ask nothing
    _row("note/permission", LIST, "党课每季度讲1次，可由支部委员轮流主讲。", "可由支部委员轮流主讲", "none"),
    _row("note/permission-alone", LIST, "党员人数较少的支部可与相邻单位组建联合党支部。", "组建联合党支部", "none"),
    _row("note/purpose-lead", LIST, "为加强流动党员管理，村党支部每季度与外出党员联系1次。", "为加强流动党员管理", "none"),
    _row("note/purpose-lead-duty-stays", LIST, "为加强流动党员管理，村党支部每季度与外出党员联系1次。", "联系1次", "duty"),
    _row("note/beneficiary-is-duty", LIST, "为全体党员讲党课不少于2次。", "讲党课不少于2次", "duty"),
    _row("note/circulation", LIST, "（2025年1月印发，供各党支部参考使用）\n每月召开1次支委会。", "供各党支部参考使用", "none"),
    _row("note/announces", LIST, "班子成员要以身作则，履行好以下职责。", "履行好以下职责", "none"),
    _row("note/founded", REPORT, "本支部于2018年9月经街道党工委批准成立，现有党员38名。", "批准成立", "none"),
    _row("note/service-area", REPORT, "支部服务范围包括3个居民小区、2栋商务楼宇和4家社会组织。", "4家社会组织", "none"),
    _row("note/inline-chapter", REPORT, "全年查摆问题5项。第二部分存在的主要问题及原因分析问题1：换届程序不规范。",
         "第二部分存在的主要问题", "none"),
]


@pytest.mark.parametrize("title, body, run, kind, modality", CASES)
def test_coverage_phrase(title: str, body: str, run: str, kind: str, modality: str):
    text = f"{title}\n{body}"
    start = text.index(run, len(title))
    end = start + len(run)
    hits = [r for r in extract_text(text, "case") if min(end, r.span[1]) - max(start, r.span[0]) > 0]
    if kind == "none":
        assert not hits, f"{run!r} touched by {[h.action for h in hits]}"
        return
    assert hits, f"{run!r} touched by no record"
    if modality:
        assert any(h.modality == modality for h in hits), f"{run!r}: {[h.modality for h in hits]}"
