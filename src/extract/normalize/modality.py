"""Modality markers of a clause: obligation, prohibition, achievement, problem (modality.yml)."""
from __future__ import annotations


from ..rules import get_rules, rule_cache


def modality_marks(text: str) -> dict[str, tuple[str, bool]]:
    """The modality markers a clause carries: modality -> (rule id, strong); `shortfall` when a
    measured shortfall (modality.yml `shortfall: true`) reports a problem in any genre."""
    return dict(_marks(text))


@rule_cache()
def _marks(text: str) -> tuple:
    rules = get_rules()
    marks: dict[str, tuple[str, bool]] = {}
    if rules.obligation_bounds.search(text):
        marks["obligation"] = ("modality.obligation.bound", True)
    probe = rules.obligation_bounds.sub("", text)
    probe = rules.achievement_blockers.sub("", probe)
    solved = rules.problem_blockers.sub("", probe)
    for rule in rules.modality:
        modality = rule.values["modality"]
        if rule.pattern.search(solved if modality == "problem" else probe):
            strong = bool(rule.values.get("strong", modality != "obligation"))
            if modality not in marks or (strong and not marks[modality][1]):
                marks[modality] = (rule.id, strong)
            if rule.values.get("shortfall") and "shortfall" not in marks:
                marks["shortfall"] = (rule.id, True)
    return tuple(marks.items())
