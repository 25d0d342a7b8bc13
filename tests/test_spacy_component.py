"""The `qingdan_duties` spaCy component on a blank, jieba-segmented Chinese pipeline (no model)."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("jieba")

from extract.spacy_component import add_duty_pipe, blank_chinese  # noqa: E402

SENTENCE = "年内讲党课不少于2次、与班子成员谈心谈话不少于1次。"


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.add_pipe("qingdan_duties")
    return pipeline


def test_two_duties_as_spans(nlp):
    doc = nlp(SENTENCE)
    spans = list(doc.spans["duties"])
    assert len(spans) == 2
    assert spans[0]._.duty["action"] == "讲党课"
    assert "谈心谈话" in spans[1]._.duty["action"]
    assert [s.label_ for s in spans] == ["obligation", "obligation"]
    assert [s.kb_id_ for s in spans] == [s._.duty["action"] for s in spans]
    for span in spans:
        start, end = span._.duty["span"]
        assert span.start_char <= start and end <= span.end_char
        assert span._.duty["text"] == SENTENCE[start:end]
    assert spans[0]._.duty["frequency"]["min"] == 2


def test_displacy_renders_the_spans(nlp):
    html = spacy.displacy.render(nlp(SENTENCE), style="span", options={"spans_key": "duties"})
    assert "讲党课" in html and "obligation" in html


def test_no_duty_gives_an_empty_group(nlp):
    doc = nlp("今天天气很好。")
    assert list(doc.spans["duties"]) == []


def test_custom_spans_key_and_helper():
    nlp = add_duty_pipe(blank_chinese(), spans_key="qd")
    assert nlp.pipe_names == ["qingdan_duties"]
    assert add_duty_pipe(nlp, spans_key="qd") is nlp and nlp.pipe_names == ["qingdan_duties"]
    doc = nlp(SENTENCE)
    assert len(doc.spans["qd"]) == 2 and "duties" not in doc.spans


def test_pipeline_rebuilds_from_its_config(nlp):
    rebuilt = spacy.util.load_model_from_config(nlp.config, auto_fill=True)
    assert rebuilt.pipe_names == ["qingdan_duties"]
    assert len(rebuilt(SENTENCE).spans["duties"]) == 2


def test_doc_id_from_user_data(nlp):
    doc = nlp.make_doc(SENTENCE)
    doc.user_data["doc_id"] = "d1"
    doc = nlp.get_pipe("qingdan_duties")(doc)
    assert [s._.duty["id"] for s in doc.spans["duties"]] == ["d1#1", "d1#2"]
