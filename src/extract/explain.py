"""`qingdan explain`: every sentence of a document, in order, with the duties it gave and every
decision taken on it (spec/duty-record.md, "The explain record").

The sentences are those the duty rules read, plus what they never read: titles, table headers,
rows without a task, bare heading markers and masked noise, each with the rule that kept it from
being a duty. Spans are on the text as read. A heading's sentence starts at its marker.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Optional

from .candidates import Candidate
from .decisions import rule_index
from .duties import SentenceReader
from .labels import labels, section_labels
from .pipeline import DocumentRead, Source, _as_document, read_with_decisions
from .records import DutyRecord, ExplainDecision, ExplainRecord
from .rules import load_yaml
from .structure import Line


def explain_document(source: Source, *, doc_id: Optional[str] = None) -> list[ExplainRecord]:
    """The explain records of a file (path), a read Document, or a text: one per sentence, in order."""
    document = _as_document(source, doc_id)
    return explanations(read_with_decisions(document), document.doc_id)


class _Entry:
    __slots__ = ("start", "end", "duties", "decisions")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end
        self.duties: list[str] = []
        self.decisions: list[tuple[str, str, Optional[tuple[int, int]], Optional[str]]] = []


class LineReading:
    """What the structure-stage vetoes test: a line of the document no sentence was read from."""

    __slots__ = ("line",)

    def __init__(self, line: Line):
        self.line = line


def explanations(read: DocumentRead, doc_id: str) -> list[ExplainRecord]:
    """The explain records of a document read with its decisions kept."""
    view = read.view
    records = {rec.id: rec for rec in read.records}
    entries: list[_Entry] = []
    lines_read: set[int] = set()
    for sr in read.sentences:
        sentence, line = sr.sentence, sr.sentence.line
        start, end = view.span(sentence.start, sentence.end)
        entry = _Entry(start, end)
        if line.kind == "heading" and line.start not in lines_read:
            entry.start = _line_span(view, line)[0]
            entry.decisions += [(rule, "heading", (entry.start, start), None) for rule in line.rules]
        lines_read.add(line.start)
        for note in sr.notes:
            entry.decisions.append((note.rule, note.effect, view.span(note.start, note.end), note.value))
        for cand in sr.candidates:
            ids = read.ids.get(id(cand), [])
            entry.duties += [i for i in ids if i not in entry.duties]
            entry.decisions += _record_decisions(cand, view.span(cand.start, cand.end),
                                                 records[ids[0]] if ids else None)
        entries.append(entry)
    entries += _unread_lines(read, lines_read)
    entries.sort(key=lambda e: e.start)
    _place_noise(read, entries)
    text = view.original
    out = []
    for entry in entries:
        out.append(ExplainRecord(doc=doc_id, span=(entry.start, entry.end), text=text[entry.start:entry.end],
                                 duties=sorted(entry.duties, key=_number),
                                 decisions=[ExplainDecision(rule=r, effect=e, span=s, value=v)
                                            for r, e, s, v in _ordered(entry.decisions)]))
    return out


def _number(record_id: str) -> int:
    return int(record_id.rsplit("#", 1)[1])


def _ordered(found: list) -> list:
    """Decisions by the start of their span (stable), each rule named once per span start."""
    seen: set = set()
    out = []
    for d in sorted(found, key=lambda d: d[2][0] if d[2] else -1):
        key = (d[0], d[2][0] if d[2] else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _line_span(view, line: Line) -> tuple[int, int]:
    """The line's text as read, without the blanks around it."""
    lead = len(line.text) - len(line.text.lstrip())
    trail = len(line.text) - len(line.text.rstrip())
    return view.span(line.start + lead, line.end - trail)


def _record_decisions(cand: Candidate, span: tuple[int, int], record: Optional[DutyRecord]) -> list:
    """The rules a duty's record names, each with the value it gave."""
    kinds = rule_index()
    out = []
    for rule in dict.fromkeys(cand.rules):
        kind = kinds.get(rule, "rule")
        out.append((rule, kind, span, _value(kind, record, cand)))
    return out


# The field a decision's value is read from, for effects of decisions.yml named after what they do.
_FIELD_OF = {"own_period": "period", "carry_period": "period", "annual_period": "period", "set_period": "period",
             "own_date": "deadline", "carry_date": "deadline", "set_date": "deadline", "row_date": "deadline",
             "fill_actor": "actor", "owner": "actor"}


def _value(kind: str, record: Optional[DutyRecord], cand: Candidate) -> Optional[str]:
    kind = _FIELD_OF.get(kind, kind)
    if record is None:
        return cand.action if kind in ("action", "duty") else None
    f, d = record.frequency, record.deadline
    if kind == "count" and f is not None:
        if f.min is not None and f.min == f.max:
            return f"{f.min} {f.unit}"
        low = f">={f.min}" if f.min is not None else ""
        high = f"<={f.max}" if f.max is not None else ""
        return " ".join(p for p in (low, high, f.unit or "") if p) or None
    if kind == "period":
        return f.period if f is not None else None
    if kind == "deadline" and d is not None:
        when = "-".join(str(v) for v in (d.month, d.day) if v is not None) or "-"
        return f"{when} {d.relation}"
    if kind in ("action", "duty"):
        return record.action
    return {"actor": record.actor, "modality": record.modality, "condition": record.condition}.get(kind)


def _unread_lines(read: DocumentRead, lines_read: set[int]) -> list[_Entry]:
    """An entry for every line no sentence was read from: a title, a table header, a row with no task,
    a bare heading marker; the structure-stage vetoes of decisions.yml name why."""
    reader = SentenceReader(read.structure, trace=True)
    out = []
    for line in read.structure.lines:
        if line.start in lines_read or line.kind in ("blank", "noise") or not line.text.strip():
            continue
        entry = _Entry(*_line_span(read.view, line))
        if line.kind == "title":
            sub = read.structure.subdocs[line.subdoc]
            if sub.rule:
                entry.decisions.append((sub.rule, "genre", (entry.start, entry.end), sub.genre))
            if sub.actor:
                entry.decisions.append(("actor.list_title", "owner", (entry.start, entry.end), sub.actor))
        entry.decisions += [(rule, "heading", (entry.start, entry.end), None) for rule in line.rules]
        reader.notes = []
        reader.decide("vetoes", "structure", LineReading(line), line.start, line.end)
        entry.decisions += [(n.rule, n.effect, (entry.start, entry.end), n.value) for n in reader.notes]
        out.append(entry)
    return out


def _place_noise(read: DocumentRead, entries: list[_Entry]) -> None:
    """Masked noise inside a sentence is one of its decisions; noise outside any is an entry of its own."""
    text = read.view.original
    starts = [e.start for e in entries]
    extra = []
    for noise in read.view.noise:
        i = bisect_right(starts, noise.start) - 1
        if i >= 0 and noise.start < entries[i].end:
            entries[i].decisions.append((noise.rule, "mask", (noise.start, noise.end), None))
            continue
        s, e = noise.start, noise.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            entry = _Entry(s, e)
            entry.decisions.append((noise.rule, "mask", (s, e), None))
            extra.append(entry)
    if extra:
        entries.extend(extra)
        entries.sort(key=lambda e: e.start)


# --- the command --------------------------------------------------------------------------------

FORMATS = ("jsonl", "text")
_TEXT_FIELDS = {"document": ("doc",), "sentence": ("n", "start", "end", "text"), "duties": ("ids",),
                "no_duty": (), "decision": ("effect", "value", "rule", "span"), "value": ("value",),
                "separator": (), "unknown_month": ()}
_GENRES = ("list", "report", "news", "rules", "three_lists")


def run_explain(paths, fmt: Optional[str] = None, output=None, report=None) -> int:
    """Write the explain records of every input (jsonl, or text for people) to standard output or a
    file; each bad input is one line through `report`, and the exit code is extract's."""
    from .batch import Run, _target, choose_format, input_files
    from .outputs_io import claim_output

    if fmt is not None and fmt.strip().lower().lstrip(".") == "txt":
        fmt = "text"
    if fmt is None and output is not None and Path(str(output)).suffix.lower() == ".txt":
        fmt = "text"
    fmt = choose_format(fmt, output, FORMATS, "jsonl")
    run = Run(report)
    files = input_files(paths, run, outputs=[output])
    with claim_output(output), _target(output, "md") as out:
        chunks = (_render(records, fmt) for records in _explained(files, run))
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(chunks)
        else:
            out.writelines(chunks)
    return run.exit_code


def _explained(files, run):
    from .read import ReadError, read_document
    from .read.errors import short

    for path in files:
        try:
            yield explain_document(read_document(path))
        except ReadError as exc:
            run.fail(str(exc))
        except Exception as exc:  # one broken file must not stop the others nor print a traceback
            run.fail(f"{path}: could not explain its duties ({short(exc)}); please report this as a bug")


def _render(records: list[ExplainRecord], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(rec.model_dump_json() + "\n" for rec in records)
    return explain_text(records)


def explain_text(records: list[ExplainRecord]) -> str:
    """The explain records for people, in Chinese (patterns/labels.yml `explain`)."""
    words = section_labels("explain.text", _TEXT_FIELDS)
    effects = section_labels("explain.effects", {key: () for key in _effect_names()})
    lines = [words["document"].format(doc=records[0].doc)] if records else []
    for n, rec in enumerate(records, 1):
        lines.append(words["sentence"].format(n=n, start=rec.span[0], end=rec.span[1], text=_one_line(rec.text)))
        lines.append(words["duties"].format(ids=words["separator"].join(rec.duties)) if rec.duties
                     else words["no_duty"])
        for d in rec.decisions:
            value = words["value"].format(value=_spoken(d.effect, d.value, words)) if d.value else ""
            span = _one_line(rec_text(rec, d.span)) if d.span else ""
            lines.append(words["decision"].format(effect=effects.get(d.effect, d.effect), value=value,
                                                  rule=d.rule, span=span))
    return "\n".join(lines) + "\n\n" if lines else ""


def _spoken(effect: str, value: str, words) -> str:
    """A decision's value in words (periods, modalities, dates, counts, genres from labels.yml)."""
    kind = _FIELD_OF.get(effect, effect)
    found = labels()
    if kind == "period":
        return found.periods.get(value, value)
    if kind == "modality":
        return found.modalities.get(value, value)
    if kind == "genre":
        return section_labels("explain.genres", {g: () for g in _GENRES}).get(value, value)
    if kind == "deadline":
        when, _, relation = value.partition(" ")
        parts = [int(v) for v in when.replace(",", "-").split("-") if v.isdigit()]
        if relation not in found.deadline["month"]:
            return value
        if "," in when:
            return words["separator"].join(found.deadline["month"][relation].format(month=m) for m in parts)
        if len(parts) == 2:
            return found.deadline["month_day"][relation].format(month=parts[0], day=parts[1])
        if parts:
            return found.deadline["month"][relation].format(month=parts[0])
        return words["unknown_month"]
    if kind == "count":
        return _spoken_count(value, found.frequency)
    return value


def _spoken_count(value: str, frequency) -> str:
    """A count value (`2 UNIT`, `>=2 UNIT`, `<=3 UNIT`, `>=1 <=2 UNIT`) as the ledger writes it."""
    parts = value.split()
    unit = parts[-1] if parts and not parts[-1][0] in "<>" and not parts[-1][0].isdigit() else ""
    low = next((p[2:] for p in parts if p.startswith(">=")), None)
    high = next((p[2:] for p in parts if p.startswith("<=")), None)
    if low and high:
        return frequency["range"].format(min=low, max=high, unit=unit)
    if low:
        return frequency["at_least"].format(n=low, unit=unit)
    if high:
        return frequency["at_most"].format(n=high, unit=unit)
    return frequency["exact"].format(n=parts[0], unit=unit) if parts else value


def rec_text(rec: ExplainRecord, span: tuple[int, int]) -> str:
    """The text of a span inside the sentence (a decision's span may reach past it: a table cell)."""
    s, e = max(span[0], rec.span[0]) - rec.span[0], min(span[1], rec.span[1]) - rec.span[0]
    return rec.text[s:e] if e > s else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _effect_names() -> tuple[str, ...]:
    """Every effect a decision can show: those registered, and the kinds of value a rule gives."""
    from .decisions import EFFECTS, FILE_KINDS

    return tuple(dict.fromkeys([*EFFECTS, *FILE_KINDS.values(), "rule", "trigger", "owner", "duty",
                                *(row["effect"] for row in load_yaml("decisions")["readings"])]))
