"""Stored quote text is a slice of the body, never keeps a stray quote mark at its edges, and
pairs a quote mark opened inside it when its partner lies just past its end."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.quotes import extract_quotes
from tests.quoting import quotes_of

DOUBLE = set('"“”«»„')
SINGLE = set("'‘’‹›‚")


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


def unclosed_inner_double(text: str) -> int:
    """Offset of the first double mark opened inside `text` that no later double mark in
    `text` closes, or -1. Curly openers nest; a straight mark closes whatever is open; a
    doubled apostrophe is a straight double mark."""
    text = text.replace("''", '"')
    opened: list[int] = []
    for i, char in enumerate(text):
        if char not in DOUBLE:
            continue
        if char in "“„«" or char == '"' and not opened and (i == 0 or text[i - 1] in " \t\n(:"):
            opened.append(i)
        elif opened:
            opened.pop()
    return opened[0] if opened else -1


def partner_just_after(body: str, end: int) -> bool:
    """A closing double mark after `end` with only punctuation and space before it."""
    for char in body[end : end + 4].replace("''", '"'):
        if char in '"”»':
            return True
        if char.isalnum() or char in "“„«\n":
            return False
    return False


def test_stray_edge_checker_sees_what_it_should():
    assert stray_edge('We respect that. "') == "trailing double"
    assert stray_edge("'We are hoping") == "leading single"
    assert stray_edge("the workplace: “") == "trailing double"
    assert stray_edge("“Mostly false,” it said") == ""
    assert stray_edge("the Americans'") == ""
    assert unclosed_inner_double('the Tories offered a "hard right agenda') == 21
    assert unclosed_inner_double('the Tories offered a "hard right agenda"') == -1
    assert unclosed_inner_double('the "e-mail regime" could "support it"') == -1
    assert partner_just_after('a "hard right agenda". Then', 20)
    assert not partner_just_after('a "hard right agenda and more"', 20)


@pytest.mark.parametrize(
    "paragraphs, wanted",
    [
        (
            [
                'Sam Cole was speaking after Mr Blair told members the Tories offered a "hard right agenda". '
                'Mr Cole told BBC Radio: "If you are willing to lie about the war, you will lie about anything at all."'
            ],
            'the Tories offered a "hard right agenda"',
        ),
        (
            ['Anne Robinson said he would "like to kick your cat every day". She laughed.'],
            'he would "like to kick your cat every day"',
        ),
        (
            ['Guidance said e-mails should be deleted if they served "no current purpose", Mr Thomas said.'],
            '"no current purpose"',
        ),
    ],
)
def test_a_mark_opened_inside_a_quote_takes_in_its_partner(nlp, paragraphs, wanted):
    quotes = quotes_of(nlp, *paragraphs)  # (each quote's text the body's slice)
    assert any(quote.text.endswith(wanted) for quote in quotes), [q.text for q in quotes]
    for quote in quotes:
        assert unclosed_inner_double(quote.text) < 0, quote.text


@pytest.mark.parametrize(
    "paragraphs, stray",
    [
        (['Kirby said: "Every nation decides for itself. We respect that. "'], '"'),
        (['His lawyer Anna Berg said: "\'We are hoping to issue proceedings against the officials."'], "'"),
        (["The union referenced the impact she would have on women in the workplace: “"], "“"),
    ],
)
def test_stray_marks_are_cut_from_real_shapes(nlp, paragraphs, stray):
    for quote in quotes_of(nlp, *paragraphs):  # (each quote's text the body's slice)
        assert not stray_edge(quote.text), quote.text


WORDS = st.sampled_from(
    [
        "said",
        " he ",
        " Kirby ",
        "Anna Berg",
        " that ",
        "the war",
        " is over",
        "\n\n",
        ", ",
        ". ",
        ": ",
        " ",
        " a ",
        "the deal was",
        " told reporters the talks were ",
    ]
)
MARKS = st.sampled_from(list("\"“”‘’«»'") + [' "', '" ', " “", "” ", "''"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, MARKS), min_size=1, max_size=40).map("".join))
def test_quote_text_is_a_balanced_slice(nlp, body):
    for quote in extract_quotes(nlp(body)):
        assert quote.text == body[quote.start : quote.end]
        assert 0 <= quote.start < quote.end <= len(body)
        assert not stray_edge(quote.text), quote.text
        inner = unclosed_inner_double(quote.text)
        # (single marks in between may be apostrophes: the rule is checked where they are absent)
        if inner > 0 and not SINGLE & set(body[quote.start : quote.end + 4]):
            # an inner mark may stay unpaired only when its partner is not just past the end
            # and cutting before it would leave less than a statement
            # (the mark just past the end of a quotation is its own closing mark)
            enclosed = body[: quote.start].rstrip()[-1:] in DOUBLE
            assert enclosed or not partner_just_after(body, quote.end), quote.text
            assert len([w for w in quote.text[:inner].split() if any(c.isalnum() for c in w)]) < 4, quote.text
