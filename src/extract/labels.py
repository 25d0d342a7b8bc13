"""The printed words of the output layer, read from patterns/labels.yml.

Code never spells a Chinese label: exports and checklists ask this module, which
checks when loading that every key and template they rely on is present, so a
broken labels file fails at once with the missing key named.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from string import Formatter
from types import MappingProxyType
from typing import Mapping

from .rules import RuleFileError, load_yaml

VERSION = 1

PERIODS = ("two_years", "year", "half_year", "quarter", "month", "half_month", "week", "day")
BUCKETS = ("monthly", "quarterly", "half_yearly", "yearly", "dated", "other")
MODALITIES = ("obligation", "prohibition", "achievement", "problem")
RELATIONS = ("by", "in", "around", "before", "after", "start")

_FLAT = {
    "columns": {
        key: ()
        for key in (
            "index", "actor", "action", "frequency", "deadline", "condition",
            "text", "source", "done", "bucket", "requirement",
        )
    },
    "sheets": {"ledger": (), "checklist": ()},
    "periods": {key: () for key in PERIODS},
    "buckets": {key: () for key in BUCKETS},
    "modalities": {key: () for key in MODALITIES},
    "frequency": {
        "exact": ("n", "unit"),
        "at_least": ("n", "unit"),
        "at_most": ("n", "unit"),
        "range": ("min", "max", "unit"),
        "placeholder": ("unit",),
        "default_unit": (),
    },
    "text": {
        "actor_missing": (),
        "checklist_title": (),
        "marker": ("label",),
        "note": ("text", "source"),
        "condition": ("condition",),
        "separator": (),
        "checkbox": (),
    },
}

_DEADLINE_FIELDS = {"month": ("month",), "month_day": ("month", "day"), "day": ("day",)}


@dataclass(frozen=True)
class Labels:
    """The validated contents of labels.yml, one read-only mapping per section."""

    columns: Mapping[str, str]
    sheets: Mapping[str, str]
    periods: Mapping[str, str]
    buckets: Mapping[str, str]
    modalities: Mapping[str, str]
    frequency: Mapping[str, str]
    text: Mapping[str, str]
    deadline: Mapping[str, Mapping[str, str]]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def _section(data: Mapping, name: str, spec: Mapping[str, tuple], where: str) -> Mapping[str, str]:
    section = data.get(name)
    if not isinstance(section, Mapping):
        raise RuleFileError(f"{where}: missing section {name!r} (a mapping)")
    missing = [key for key in spec if key not in section]
    if missing:
        raise RuleFileError(f"{where}: section {name!r} lacks key(s) {', '.join(missing)}")
    out = {}
    for key, allowed in spec.items():
        value = section[key]
        if not isinstance(value, str):
            raise RuleFileError(f"{where}: {name}.{key} must be a string, got {type(value).__name__}")
        try:
            unknown = _fields(value) - set(allowed)
        except ValueError as exc:
            raise RuleFileError(f"{where}: {name}.{key} is not a valid template: {exc}") from None
        if unknown:
            raise RuleFileError(
                f"{where}: {name}.{key} uses unknown field(s) {sorted(unknown)}; allowed: {list(allowed)}"
            )
        out[key] = value
    return MappingProxyType(out)


def parse_labels(data: Mapping, where: str = "labels.yml") -> Labels:
    """Validate a parsed labels file; raise ValueError naming the first missing or bad key."""
    if not isinstance(data, Mapping):
        raise RuleFileError(f"{where}: expected a mapping at the top level")
    if data.get("version") != VERSION:
        raise RuleFileError(f"{where}: expected version: {VERSION}, got {data.get('version')!r}")
    if not isinstance(data.get("description"), str):
        raise RuleFileError(f"{where}: missing 'description'")
    flat = {name: _section(data, name, spec, where) for name, spec in _FLAT.items()}
    deadline = data.get("deadline")
    if not isinstance(deadline, Mapping):
        raise RuleFileError(f"{where}: missing section 'deadline' (a mapping)")
    templates = {
        shape: _section(deadline, shape, {rel: fields for rel in RELATIONS}, f"{where}: deadline")
        for shape, fields in _DEADLINE_FIELDS.items()
    }
    return Labels(deadline=MappingProxyType(templates), **flat)


@lru_cache(maxsize=None)
def labels() -> Labels:
    """The shipped labels, loaded and validated once."""
    return parse_labels(load_yaml("labels"))


def section_labels(path: str, spec: Mapping[str, tuple]) -> Mapping[str, str]:
    """One flat section of labels.yml beyond the core ones (e.g. ``diff.fields``), validated against spec.

    ``spec`` maps each required key to the format fields its template may use.
    """
    where = "labels.yml"
    data = load_yaml("labels")
    *parents, name = path.split(".")
    for part in parents:
        data = data.get(part) if isinstance(data, Mapping) else None
        if not isinstance(data, Mapping):
            raise RuleFileError(f"{where}: missing section {part!r} (a mapping)")
        where = f"{where}: {part}"
    return _section(data, name, spec, where)
