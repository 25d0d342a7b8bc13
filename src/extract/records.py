"""The duty record, the diff, audit and explain records: the public contract of spec/duty-record.md.

Field names here are a public interface read by other tools; add fields, never
rename or repurpose them.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

Period = Literal["two_years", "year", "half_year", "quarter", "month", "half_month", "week", "day"]
Relation = Literal["by", "in", "around", "before", "after", "start"]
Modality = Literal["obligation", "prohibition", "achievement", "problem"]

PER_YEAR = {
    "two_years": 0.5,
    "year": 1,
    "half_year": 2,
    "quarter": 4,
    "month": 12,
    "half_month": 24,
    "week": 52,
    "day": 365,
}


class Frequency(BaseModel):
    """How many, per what period; counts are null when the text gives none or a placeholder."""

    model_config = ConfigDict(extra="forbid")

    min: Optional[Union[int, float]] = None
    max: Optional[Union[int, float]] = None
    unit: Optional[str] = None
    period: Optional[Period] = None
    placeholder: bool = Field(False, description="the count is a template placeholder (an asterisk or X instead of a number)")
    per_year_min: Optional[Union[int, float]] = Field(None, description="min expressed per year, for comparing periods")
    per_year_max: Optional[Union[int, float]] = Field(None, description="max expressed per year, for comparing periods")

    @model_validator(mode="before")
    @classmethod
    def _per_year(cls, data):
        """Whole counts as integers, and the per-year equivalents derived from count and period
        (computed on the way in, so a record read back from JSON gets the same values)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("min", "max"):
            value = data.get(name)
            if _number(value) and float(value).is_integer():
                data[name] = int(value)
        factor = PER_YEAR.get(data.get("period")) if isinstance(data.get("period"), str) else None
        data["per_year_min"] = _scale(data.get("min"), factor)
        data["per_year_max"] = _scale(data.get("max"), factor)
        return data


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scale(value, factor):
    if factor is None or not _number(value):
        return None
    scaled = value * factor
    return int(scaled) if float(scaled).is_integer() else round(scaled, 4)


class Deadline(BaseModel):
    """When a duty is due, anchored to a month and day where the text gives them."""

    model_config = ConfigDict(extra="forbid")

    month: Optional[int] = Field(None, ge=1, le=12)
    day: Optional[int] = Field(None, ge=1, le=31)
    relation: Relation = "in"
    text: str = Field("", description="the deadline exactly as written")


class DutyRecord(BaseModel):
    """One duty, traceable to the exact span of the document it was read from."""

    model_config = ConfigDict(extra="forbid")

    doc: str = Field(description="document id: the input file's stem")
    id: str = Field(description="stable id within the run: doc#n")
    span: tuple[int, int] = Field(description="[start, end) offsets into the text as read")
    text: str = Field(description="exactly document_text[start:end]")
    section: list[str] = Field(default_factory=list, description="heading path from the root")
    actor: Optional[str] = None
    actor_text: Optional[str] = Field(None, description="the actor as the document names it (a bureau's party "
                                                          "group, each member), when it differs from `actor`")
    modality: Modality = "obligation"
    action: str = ""
    frequency: Optional[Frequency] = None
    deadline: Optional[Deadline] = None
    condition: Optional[str] = None
    list_title: Optional[str] = Field(None, description="title of the list or report holding the duty")
    list_year: Optional[int] = Field(None, description="the year the list's title names, which its deadlines fall in")
    rules: list[str] = Field(default_factory=list, description="ids of the rules that produced the values")

    @property
    def measurable(self) -> bool:
        return self.frequency is not None or self.deadline is not None


class Change(BaseModel):
    """One field that differs between the old and the new version of a duty."""

    field: str
    old: object = None
    new: object = None
    direction: Optional[Literal["raised", "lowered"]] = Field(
        None, description="for counts and periods: compared on the per-year equivalents")


class DiffItem(BaseModel):
    """One aligned item of a year-over-year diff."""

    status: Literal["unchanged", "changed", "added", "removed"]
    old: Optional[DutyRecord] = None
    new: Optional[DutyRecord] = None
    changes: list[Change] = Field(default_factory=list)
    similarity: float = 0.0
    explanation: Optional[dict] = None


class AuditItem(BaseModel):
    """One item of the audit of a report against its list (spec/duty-record.md, "The audit record")."""

    status: Literal["met", "short", "exceeded", "unreported", "unplanned"]
    duty: Optional[DutyRecord] = Field(None, description="the list's duty; null for an unplanned achievement")
    evidence: list[DutyRecord] = Field(default_factory=list,
                                       description="the report's achievements that answer the duty, best first")
    required: Optional[dict] = Field(None, description="{per_year_min, per_year_max, unit} (and the count as "
                                                       "written: min, max, period); null when the duty has no count")
    reported: Optional[dict] = Field(None, description="{count, unit}: the evidence's yearly count")
    similarity: float = 0.0
    notes: list[Literal["late", "count_not_given"]] = Field(
        default_factory=list, description="late: done after the deadline; count_not_given: the report says it "
                                          "was done, not how often")
    explanation: Optional[dict] = None


class ExplainDecision(BaseModel):
    """One decision taken on a sentence: the rule (an id of a pattern file), what it did, the span of
    the text as read it applied to, and what it set (a period, an actor, a trigger), if anything."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    effect: str
    span: Optional[tuple[int, int]] = None
    value: Optional[str] = None


class ExplainRecord(BaseModel):
    """One sentence of a document and what became of it (spec/duty-record.md, "The explain record")."""

    model_config = ConfigDict(extra="forbid")

    doc: str = Field(description="document id: the input file's stem")
    span: tuple[int, int] = Field(description="[start, end) of the sentence in the text as read")
    text: str = Field(description="exactly document_text[start:end]")
    duties: list[str] = Field(default_factory=list, description="ids of the records it gave, as extract numbers them")
    decisions: list[ExplainDecision] = Field(default_factory=list,
                                             description="every decision that made, changed or refused a duty here")
