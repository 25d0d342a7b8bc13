"""The pipeline, top to bottom: read, clean, structure, clauses, duties, records."""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Optional, Union

from .clauses import split_sentences, wrapped_breaks
from .clean import View, build_view, rejoined
from .candidates import Candidate
from .duties import SentenceReader
from .read import Document, document_from_text, read_document
from .records import Deadline, DutyRecord, Frequency
from .structure import build_structure

Source = Union[str, Path, Document]


def extract_duties(source: Source, *, doc_id: Optional[str] = None) -> list[DutyRecord]:
    """Every duty of a file (path), a read Document, or a text (str with a line break or no such file)."""
    return extract_document(_as_document(source, doc_id))


def _as_document(source: Source, doc_id: Optional[str]) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read_document(source)
    if "\n" not in source and len(source) < 4096 and Path(source).suffix and Path(source).exists():
        return read_document(source)
    return document_from_text(source, doc_id or "text")


def extract_text(text: str, doc_id: str = "text") -> list[DutyRecord]:
    """Every duty of a text given as a string."""
    return extract_document(document_from_text(text, doc_id))


def extract_document(document: Document) -> list[DutyRecord]:
    """Every duty of a read document, in document order, with stable ids."""
    with _collector_paused():
        return _extract(document)


_GC_LOCK = threading.Lock()
_GC_DEPTH = [0, False]


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while a document is read: the pipeline makes many small
    objects and no reference cycles, so collections during it only cost time (about a sixth).
    Nested and threaded calls share one pause; the collector is on again when the last one ends,
    if it was on before."""
    with _GC_LOCK:
        if _GC_DEPTH[0] == 0:
            _GC_DEPTH[1] = gc.isenabled()
            gc.disable()
        _GC_DEPTH[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_DEPTH[0] -= 1
            if _GC_DEPTH[0] == 0 and _GC_DEPTH[1]:
                gc.enable()


def _extract(document: Document) -> list[DutyRecord]:
    view = build_view(document.text)
    structure = build_structure(view)
    wrapped = wrapped_breaks(structure)
    if wrapped:
        view = rejoined(view, [view.at(pos) for pos in wrapped])
        structure = build_structure(view)
    _inherit_actors(structure.subdocs)
    reader = SentenceReader(structure, None)
    candidates: list[Candidate] = []
    for sentence in split_sentences(view.text, structure):
        candidates.extend(reader.read(sentence))
    _fill_actors(candidates)
    kept: list[dict] = []
    seen: set = set()
    for cand in candidates:
        for fields in _record_fields(cand, view, document.doc_id):
            deadline = fields["deadline"]
            key = (fields["span"], fields["action"], deadline.month if deadline else None,
                   deadline.day if deadline else None)
            if key not in seen:
                seen.add(key)
                kept.append(fields)
    kept.sort(key=lambda fields: fields["span"])
    return [DutyRecord(id=f"{document.doc_id}#{n}", **fields) for n, fields in enumerate(kept, 1)]


def _fill_actors(candidates: list[Candidate]) -> None:
    """A list that names no owner: its duties belong to the role most often named as subject."""
    counts: dict[str, int] = {}
    for cand in candidates:
        if cand.actor and "actor.subject" in cand.rules:
            counts[cand.actor] = counts.get(cand.actor, 0) + 1
    if not counts:
        return
    best = max(counts, key=lambda a: counts[a])
    for cand in candidates:
        if cand.actor is None:
            cand.actor = best
            cand.rules.append("actor.most_named")


def _inherit_actors(subdocs) -> None:
    last = None
    for sub in subdocs:
        if sub.actor:
            last = sub.actor
        elif last:
            sub.actor = last


def _record_fields(cand: Candidate, view: View, doc_id: str) -> list[dict]:
    """The fields of the records a candidate gives (one per date of a date list), offsets as read."""
    start, end = view.span(cand.start, cand.end)
    frequency = None
    if cand.count is not None:
        frequency = Frequency(min=cand.count.min, max=cand.count.max, unit=cand.count.unit,
                              period=cand.period, placeholder=cand.count.placeholder)
    elif cand.period:
        frequency = Frequency(period=cand.period)
    deadlines: list[Optional[Deadline]] = [None]
    if cand.deadline is not None:
        d = cand.deadline
        written = ""
        if cand.deadline_span:
            s, e = view.span(*cand.deadline_span)
            written = view.original[s:e]
        if d.items:
            deadlines = [Deadline(month=v if d.item == "month" else None, day=v if d.item == "day" else None,
                                  relation=d.relation, text=written) for v in d.items]
        else:
            deadlines = [Deadline(month=d.month, day=d.day, relation=d.relation, text=written)]
    common = dict(doc=doc_id, span=(start, end), text=view.original[start:end], section=list(cand.section),
                  actor=cand.actor, modality=cand.modality, action=cand.action, frequency=frequency,
                  condition=cand.condition,
                  list_title=cand.subdoc.title if cand.subdoc and cand.subdoc.title else None,
                  list_year=cand.subdoc.year if cand.subdoc else None, rules=list(dict.fromkeys(cand.rules)))
    return [dict(common, deadline=deadline) for deadline in deadlines]
