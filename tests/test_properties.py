"""Property tests: the query parser, the cleaner and the extractor take any text without failing
(issue 9). Each runs a few hundred examples at most, to stay quick in CI."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.search import QueryError, SearchIndex

# Text as users and pages bring it: any Unicode, with the query language's and Markdown's
# special characters and words more likely than chance would make them.
QUERY_PIECES = st.sampled_from(
    ["AND", "OR", "NOT", "(", ")", '"', "*", "?", "~", "~2", ":", "date:", "source:", "actor:", "title:", "[", "]",
     "{", "}", " TO ", ">", "<", "=", "-", "+", "^", "kirby", "2022-13-01", "2022", "\\", " ", "x", "a~99"]
)  # fmt: skip
QUERIES = st.lists(st.one_of(QUERY_PIECES, st.text(max_size=8)), max_size=30).map("".join)
TEXTS = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(['"', "“", "”", "'", " said ", "\n", "\n\n", ". ", "Mr Smith", ", he said.", "#", "*", "\\"]),
    ),
    max_size=40,
).map("".join)
QUERY_DEADLINE = 2.0  # seconds: an answer or a refusal, never a hang


@pytest.fixture(scope="module")
def search_index(tmp_path_factory):
    return SearchIndex(tmp_path_factory.mktemp("properties"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_any_query_parses_or_gets_one_sentence_in_bounded_time(search_index, query):
    started = time.monotonic()
    try:
        search_index.parse(query)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message.strip() and len(message) < 400, message
    assert time.monotonic() - started < QUERY_DEADLINE, query


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, fmt=st.sampled_from(["txt", "md", "html", "json"]))
def test_the_cleaner_takes_any_text(text, fmt):
    from index.clean import clean_article

    cleaned = clean_article(text, fmt=fmt)
    assert all(isinstance(paragraph, str) and paragraph for paragraph in cleaned.paragraphs)


@pytest.fixture(scope="module")
def blank():
    from index.nlp import blank_pipeline

    return blank_pipeline()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_the_extractor_takes_any_text_and_each_quote_is_its_body_slice(blank, text):
    from index.clean import clean_article
    from index.model import PARAGRAPH_SEPARATOR, paragraph_starts
    from index.quotes import extract_quotes

    paragraphs = clean_article(text).paragraphs
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    doc = blank.nlp(body)
    for quote in extract_quotes(doc, paragraph_starts(paragraphs)):
        assert body[quote.start : quote.end] == quote.text
        assert 0 <= quote.paragraph < max(1, len(paragraphs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_the_analysis_with_the_model_takes_any_text(nlp, text):
    from index.clean import clean_article
    from index.enrich import enrich
    from index.model import Article, Enrichment

    paragraphs = clean_article(text).paragraphs
    article = Article(id="a", path="a", title="", paragraphs=paragraphs)
    (analysis,) = enrich([article])
    assert isinstance(analysis, Enrichment), analysis
    for quote in analysis.quotes:
        assert article.body[quote.start : quote.end] == quote.text
