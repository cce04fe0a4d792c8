"""Stored quote text is a slice of the body and never keeps a stray quote mark at its edges."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.model import PARAGRAPH_SEPARATOR
from index.nlp import load_pipeline
from index.quotes import extract_quotes

DOUBLE = set('"“”«»„')
SINGLE = set("'‘’‹›‚")


@pytest.fixture(scope="module")
def nlp():
    pipeline = load_pipeline()
    if not pipeline.has_parser:
        pytest.skip("no spaCy model with a parser installed")
    return pipeline.nlp


def stray_edge(text: str) -> str:
    """Which edge of `text` holds a quote mark with no mark of its kind on the other side of it."""
    first, last = text[0], text[-1]
    if first in DOUBLE and not DOUBLE & set(text[1:]):
        return "leading double"
    if last in DOUBLE and not DOUBLE & set(text[:-1]):
        return "trailing double"
    if first in SINGLE and not SINGLE & set(text[1:]):
        return "leading single"
    # a single mark after a letter may be an apostrophe ("the Americans'")
    if last in SINGLE and not text[-2:-1].isalnum() and not SINGLE & set(text[:-1]):
        return "trailing single"
    return ""


def test_stray_edge_checker_sees_what_it_should():
    assert stray_edge('We respect that. "') == "trailing double"
    assert stray_edge("'We are hoping") == "leading single"
    assert stray_edge("the workplace: “") == "trailing double"
    assert stray_edge('“Mostly false,” it said') == ""
    assert stray_edge("the Americans'") == ""


@pytest.mark.parametrize(
    "paragraphs, stray",
    [
        (['Kirby said: "Every nation decides for itself. We respect that. "'], '"'),
        (["His lawyer Anna Berg said: \"'We are hoping to issue proceedings against the officials.\""], "'"),
        (["The union referenced the impact she would have on women in the workplace: “"], "“"),
    ],
)
def test_stray_marks_are_cut_from_real_shapes(nlp, paragraphs, stray):
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    for quote in extract_quotes(nlp(body)):
        assert quote.text == body[quote.start : quote.end]
        assert not stray_edge(quote.text), quote.text


WORDS = st.sampled_from(
    ["said", " he ", " Kirby ", "Anna Berg", " that ", "the war", " is over", "\n\n", ", ", ". ", ": ", " "]
)
MARKS = st.sampled_from(list('"“”‘’«»\'') + [' "', '" ', " “", "” ", "''"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, MARKS), min_size=1, max_size=40).map("".join))
def test_quote_text_is_a_balanced_slice(nlp, body):
    for quote in extract_quotes(nlp(body)):
        assert quote.text == body[quote.start : quote.end]
        assert 0 <= quote.start < quote.end <= len(body)
        assert not stray_edge(quote.text), quote.text
