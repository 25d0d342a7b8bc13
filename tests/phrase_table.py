"""Whole-record phrase tables: a row is a text read under a title and the full list of records it
must give, in order, each record compared on every value a reader of the record sees.

`R` writes one record compactly: the actor and the action first, the modality `obligation`
unless given, `n=N` for an exact count (min = max = N); every value not given is None, so a
value the pipeline adds (a period, a condition) fails the row as a spurious record does. `rows`
makes the row maker of a table under its usual title; a known miss is a strict xfail whose
reason says what the pipeline gives instead.
"""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text

VALUES = ("min", "max", "unit", "period", "month", "day", "relation", "condition")
FIELDS = ("actor", "modality", "action") + VALUES


def R(actor, action, *, modality="obligation", n=None, **values) -> dict:
    """The whole values of one record (`n`: an exact count, min = max = n)."""
    unknown = set(values) - set(VALUES)
    assert not unknown, unknown
    if n is not None:
        assert "min" not in values and "max" not in values, values
        values.update(min=n, max=n)
    return {"actor": actor, "modality": modality, "action": action, **{k: values.get(k) for k in VALUES}}


def rows(default_title):
    """A row maker for a table whose texts are read under `default_title` unless a row names its own
    (`title=None`: the text is the whole document, its own title line included)."""

    def row(id_, text, *records, title=default_title, reason=""):
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        return pytest.param(title, text, list(records), id=id_, marks=marks)

    return row


def view(rec) -> dict:
    """A record's values as `R` writes them."""
    f, d = rec.frequency, rec.deadline
    return {"actor": rec.actor, "modality": rec.modality, "action": rec.action,
            "min": f.min if f else None, "max": f.max if f else None,
            "unit": f.unit if f else None, "period": f.period if f else None,
            "month": d.month if d else None, "day": d.day if d else None,
            "relation": d.relation if d else None, "condition": rec.condition}


def records(title, text) -> list:
    """Every record the pipeline gives for `text` under `title`, as `R` writes them."""
    return [view(r) for r in extract_text(text if title is None else f"{title}\n{text}", "case")]
