"""A spaCy pipeline component, `qingdan_duties`, that marks every duty as a span.

It lets spaCy users (displacy, span categorisers, their own pipelines) see the
duties the rule pipeline finds without leaving spaCy. The component reads
``doc.text`` with :func:`extract.pipeline.extract_text`, so it works on any
tokenizer; it needs no model, e.g. ``spacy.blank("zh")`` with the jieba segmenter.
Each span's label is the duty's modality, its ``kb_id`` the canonical action (so
displacy shows the action beside the label, whatever the segmentation) and
``span._.duty`` holds the record as a dict.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .record_data import record_to_dict
from .pipeline import extract_text

FACTORY = "qingdan_duties"
DEFAULT_SPANS_KEY = "duties"
EXTENSION = "duty"


def _register_extension() -> None:
    if not Span.has_extension(EXTENSION):
        Span.set_extension(EXTENSION, default=None)


class DutyComponent:
    """Puts one Span per duty record in ``doc.spans[spans_key]``, in document order.

    Record ids and ``doc`` fields use ``doc.user_data["doc_id"]`` when set, else ``"text"``.
    """

    def __init__(self, name: str = FACTORY, spans_key: str = DEFAULT_SPANS_KEY):
        _register_extension()
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for rec in extract_text(doc.text, str(doc.user_data.get("doc_id", "text"))):
            start, end = rec.span
            span = doc.char_span(start, end, label=rec.modality, kb_id=rec.action, alignment_mode="expand")
            if span is None:  # only whitespace between tokens: nothing to mark
                continue
            span._.set(EXTENSION, record_to_dict(rec))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    FACTORY,
    default_config={"spans_key": DEFAULT_SPANS_KEY},
    assigns=["doc.spans", f"span._.{EXTENSION}"],
)
def make_duty_component(nlp: Language, name: str, spans_key: str = DEFAULT_SPANS_KEY) -> DutyComponent:
    """The spaCy factory (also the `spacy_factories` entry point) of the `qingdan_duties` component."""
    return DutyComponent(name, spans_key)


def blank_chinese() -> Language:
    """A blank Chinese pipeline segmented by jieba: no model to download."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def add_duty_pipe(nlp: Optional[Language] = None, spans_key: str = DEFAULT_SPANS_KEY) -> Language:
    """Add the duty component to ``nlp`` (a blank jieba-segmented Chinese pipeline when None) and return it."""
    nlp = nlp if nlp is not None else blank_chinese()
    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, config={"spans_key": spans_key})
    return nlp
