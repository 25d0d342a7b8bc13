"""The pipeline, top to bottom: read, clean, structure, clauses, duties, records."""
from __future__ import annotations

import gc
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from .candidates import Candidate, Note
from .clauses import Sentence, split_sentences, wrapped_breaks
from .clean import View, build_view, rejoined
from .duties import SentenceReader
from .normalize import as_reported
from .normalize.roles import find_mentions
from .read import Document, document_from_text, read_document
from .records import Deadline, DutyRecord, Frequency
from .structure import Structure, build_structure

Source = Union[str, os.PathLike, Document]
_PATH_MAX = 4096


def extract_duties(source: Optional[Source] = None, *, text: Optional[str] = None,
                   path: Optional[Union[str, os.PathLike]] = None,
                   doc_id: Optional[str] = None) -> list[DutyRecord]:
    """Every duty of a document given one way: ``text=`` (always text), ``path=`` (always a file),
    or ``source``: a Document, a ``Path`` (a file), or a ``str``, which is text unless it is a
    short single line naming an existing file (so long text is never taken for a path)."""
    given = [x is not None for x in (source, text, path)]
    if sum(given) != 1:
        raise TypeError("extract_duties takes exactly one of source, text= or path=")
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text= expects str, got {type(text).__name__}")
        return extract_document(document_from_text(text, doc_id or "text"))
    if path is not None:
        return extract_document(read_document(path))
    return extract_document(_as_document(source, doc_id))


def _as_document(source: Source, doc_id: Optional[str]) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        return read_document(source)
    if not isinstance(source, str):
        raise TypeError(f"extract_duties expects str, a path or a Document, got {type(source).__name__}")
    if names_file(source):
        return read_document(source)
    return document_from_text(source, doc_id or "text")


def names_file(source: str) -> bool:
    """A str that can be a path (one short line with a file suffix) and names an existing file;
    never raises (a long line is text, not an OSError)."""
    if len(source) > _PATH_MAX or "\n" in source or "\x00" in source or not os.path.splitext(source)[1]:
        return False
    return os.path.isfile(source)


def extract_text(text: str, doc_id: str = "text") -> list[DutyRecord]:
    """Every duty of a text given as a string."""
    return extract_document(document_from_text(text, doc_id))


def extract_document(document: Document) -> list[DutyRecord]:
    """Every duty of a read document, in document order, with stable ids."""
    return list(iter_records(document))


def iter_records(document: Document) -> Iterator[DutyRecord]:
    """The records of `extract_document` one at a time: the duties are decided first, each record
    is made when asked for, so a writer that writes them as they come never holds the records of a
    long document all at once (they take several times the memory of what decides them)."""
    with _collector_paused():
        decided = _decide(document, trace=False)
    kept = decided.kept
    for start in range(0, len(kept), _RECORD_BATCH):
        with _collector_paused():
            batch = [_record(decided, n) for n in range(start, min(start + _RECORD_BATCH, len(kept)))]
        yield from batch


_RECORD_BATCH = 512


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


@dataclass
class SentenceRead:
    """One sentence as read, for `qingdan explain`: its candidates and the decisions taken on it."""

    sentence: Sentence
    candidates: list[Candidate]
    notes: list[Note]


@dataclass
class DocumentRead:
    """A document as read with every decision kept (`extract_document` keeps none)."""

    view: View
    structure: Structure
    sentences: list[SentenceRead]
    records: list[DutyRecord]
    ids: dict[int, list[str]] = field(default_factory=dict)


class DocumentReading:
    """What the document-stage decisions of decisions.yml test: a candidate against the whole
    document (the role most often named) or a record against those given before it."""

    __slots__ = ("most_named", "cand", "key", "seen")

    def __init__(self, most_named: Optional[str]):
        self.most_named = most_named
        self.cand: Optional[Candidate] = None
        self.key: tuple = ()
        self.seen: set = set()


def read_with_decisions(document: Document) -> DocumentRead:
    """The records of a document, and every sentence with the decisions taken on it."""
    with _collector_paused():
        return _read(document, trace=True)


@dataclass
class _Decided:
    """A document's duties as decided, before they are records: per record its span as read, its
    candidate and its deadline, in document order."""

    document: Document
    view: View
    structure: Structure
    reads: list[SentenceRead]
    kept: list[tuple[tuple[int, int], Candidate, Optional[Deadline]]]


def _record(decided: _Decided, n: int) -> DutyRecord:
    span, cand, deadline = decided.kept[n]
    fields = _record_fields(cand, decided.view, decided.document.doc_id, span, deadline)
    return DutyRecord(id=f"{decided.document.doc_id}#{n + 1}", **fields)


def _read(document: Document, trace: bool) -> DocumentRead:
    decided = _decide(document, trace)
    records = [_record(decided, n) for n in range(len(decided.kept))]
    ids: dict[int, list[str]] = {}
    if trace:
        for rec, (_, cand, _) in zip(records, decided.kept):
            ids.setdefault(id(cand), []).append(rec.id)
    return DocumentRead(decided.view, decided.structure, decided.reads, records, ids)


def _decide(document: Document, trace: bool) -> _Decided:
    view = build_view(document.text)
    structure = build_structure(view)
    wrapped = wrapped_breaks(structure)
    if wrapped:
        view = rejoined(view, [view.at(pos) for pos in wrapped])
        structure = build_structure(view)
    reader = SentenceReader(structure, _owners(structure.subdocs), trace)
    candidates: list[Candidate] = []
    reads: list[SentenceRead] = []
    where: dict[int, SentenceRead] = {}
    for sentence in split_sentences(view.text, structure):
        found = reader.read(sentence)
        candidates.extend(found)
        if trace:
            reads.append(SentenceRead(sentence, found, reader.notes))
            where.update((id(cand), reads[-1]) for cand in found)
            reader.notes = []
    document_stage = DocumentReading(_most_named(candidates))
    for cand in candidates:
        if cand.actor is None:
            document_stage.cand = cand
            reader.decide("actor_fallback", "document", document_stage, cand.start, cand.end)
            _attach(reader, where, cand)
    kept: list[tuple[tuple[int, int], Candidate, Optional[Deadline]]] = []
    for cand in candidates:
        span = view.span(cand.start, cand.end)
        for deadline in _deadlines(cand, view):
            document_stage.cand = cand
            document_stage.key = (span, cand.action, deadline.month if deadline else None,
                                  deadline.day if deadline else None)
            if reader.decide("vetoes", "record", document_stage, cand.start, cand.end):
                _attach(reader, where, cand)
                continue
            document_stage.seen.add(document_stage.key)
            kept.append((span, cand, deadline))
    kept.sort(key=lambda k: k[0])
    return _Decided(document, view, structure, reads, kept)


def _attach(reader: SentenceReader, where: dict, cand: Candidate) -> None:
    """Notes of a document-stage decision go to the sentence that gave the candidate."""
    if reader.notes:
        where[id(cand)].notes.extend(reader.notes)
        reader.notes = []


def _most_named(candidates: list[Candidate]) -> Optional[str]:
    """The role most often named as the subject of a duty (first named wins a tie); an
    organisation, an office or an officer of one before members standing alone (party members
    are whom the work is for far more often than who owns it)."""
    counts: dict[str, int] = {}
    for cand in candidates:
        if cand.actor and "actor.subject" in cand.rules:
            counts[cand.actor] = counts.get(cand.actor, 0) + 1
    return max(counts, key=lambda a: (_holds_office(a), counts[a])) if counts else None


def _holds_office(actor: str) -> bool:
    """A body, an office or a member of a body (a secretary), not a member standing alone."""
    hits = find_mentions(actor)
    return bool(hits) and (hits[0].kind in ("body", "office") or hits[0].rank > 0)


def _owners(subdocs) -> dict[int, str]:
    """Lists that name no owner take the owner of the list before them that names one."""
    owners: dict[int, str] = {}
    last = None
    for n, sub in enumerate(subdocs):
        if sub.actor:
            last = sub.actor
        elif last:
            owners[n] = last
    return owners


def _actor_text(cand: Candidate, view: View) -> Optional[str]:
    """The actor as the document names it (its mention, as read), when it names it otherwise than
    the canonical role (a script apart is no difference)."""
    if cand.actor_span is None or cand.actor is None:
        return None
    if view.text[cand.actor_span[0]:cand.actor_span[1]] == cand.actor:
        return None
    start, end = view.span(*cand.actor_span)
    return view.original[start:end] or None


def _deadlines(cand: Candidate, view: View) -> list[Optional[Deadline]]:
    """The deadline of each record a candidate gives: one per date of a date list, else its own."""
    if cand.deadline is None:
        return [None]
    d = cand.deadline
    written = ""
    if cand.deadline_span:
        s, e = view.span(*cand.deadline_span)
        written = view.original[s:e]
    if d.items:
        return [Deadline(month=v if d.item == "month" else d.month, day=v if d.item == "day" else d.day,
                         relation=d.relation, text=written) for v in d.items]
    return [Deadline(month=d.month, day=d.day, relation=d.relation, text=written)]


def _record_fields(cand: Candidate, view: View, doc_id: str, span: tuple[int, int],
                   deadline: Optional[Deadline]) -> dict:
    """The fields of one record of a candidate, offsets as read."""
    start, end = span
    frequency = None
    if cand.count is not None:
        count = as_reported(cand.count) if cand.modality == "achievement" else cand.count
        frequency = Frequency(min=count.min, max=count.max, unit=count.unit,
                              period=cand.period, placeholder=count.placeholder)
    elif cand.period:
        frequency = Frequency(period=cand.period)
    return dict(doc=doc_id, span=(start, end), text=view.original[start:end], section=list(cand.section),
                actor=cand.actor, actor_text=_actor_text(cand, view), modality=cand.modality, action=cand.action,
                frequency=frequency, condition=cand.condition,
                list_title=cand.subdoc.title if cand.subdoc and cand.subdoc.title else None,
                list_year=cand.subdoc.year if cand.subdoc else None, rules=list(dict.fromkeys(cand.rules)),
                deadline=deadline)
