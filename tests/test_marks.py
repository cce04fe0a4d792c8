"""Quote marks on plain text (index.quotes.marks): pairing into quotations and balancing their
edges, with no spaCy and no model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.document import paragraph_bounds
from index.quotes.marks import (
    balance_marks,
    edge_role,
    mark_role,
    pair_quotes,
    partner_after,
    partner_before,
    unpaired_marks,
)
from index.quotes.span import QuoteSpan

REPO = Path(__file__).resolve().parents[1]


def pairs(text: str) -> list[tuple[str, int]]:
    """(content, close mark offset or -1) of each quotation `pair_quotes` finds in `text`."""
    return [(text[s.start : s.end], s.close_mark) for s in pair_quotes(text, paragraph_bounds(text, None))]


def test_the_mark_module_loads_no_spacy():
    script = "import json, sys; import index.quotes.marks; print(json.dumps('spacy' in sys.modules))"
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert json.loads(output.stdout) is False


@pytest.mark.parametrize(
    ("text", "i", "role"),
    [
        ("Kiev's mayor", 4, "apostrophe"),
        ('he said "no" then', 8, "open"),
        ('he said "no" then', 11, "close"),
        ("the Ukrainians' needs", 14, "close_or_apostrophe"),
        ("a “word” here", 2, "open"),
        ("a “word” here", 7, "close"),
        ("glued“ to it", 5, "close"),  # a curly opener glued to a word and followed by space
        ("a ”word” here", 2, "open"),  # some texts use ” for both ends
    ],
)
def test_a_mark_role_comes_from_its_neighbours(text, i, role):
    assert mark_role(text, i, 0, len(text)) == role


def test_edge_role_leaves_an_apostrophe_undecided():
    assert edge_role("the Americans’", 13, 0, 14) == ""
    assert edge_role('"it', 0, 0, 3) == "open"
    assert edge_role('it"', 2, 0, 3) == "close"


def test_marks_pair_within_a_paragraph():
    text = 'Kirby said: "We respect that." Then he left.'
    assert pairs(text) == [("We respect that.", text.index('." ') + 1)]


def test_single_marks_pair_inside_no_double_quotation():
    text = "He called it 'a farce' on Monday."
    assert pairs(text) == [("a farce", text.index("' on"))]


def test_a_quotation_runs_on_over_a_paragraph_that_opens_again():
    text = '"The first part of it.\n\n"The second part," he said.'
    found = pair_quotes(text, paragraph_bounds(text, None))
    assert [text[s.start : s.end] for s in found] == ["The first part of it.", "The second part,"]
    first, second = found
    assert first.close_mark == -1  # ended with its paragraph
    assert second.run_head == first.open_mark  # one quotation, stored per paragraph


def test_a_quote_that_never_closes_is_kept_to_its_paragraph_end():
    text = 'She said: "It is over and done with\n\nThe next paragraph.'
    assert pairs(text) == [("It is over and done with", -1)]


def test_marks_around_nothing_are_no_quotation():
    assert pairs('a "" b') == []
    assert pairs('a " . " b') == []


def test_unpaired_marks_are_found_left_to_right():
    assert unpaired_marks('the "hard right agenda', 0, 22) == [(4, "open")]
    assert unpaired_marks('Major problems" are', 0, 19) == [(14, "close")]
    assert unpaired_marks('the "e-mail regime" could', 0, 25) == []


def test_a_partner_just_past_the_edge_is_found():
    text = 'the Tories offered a "hard right agenda". Then'
    end = text.index('".')
    assert partner_after(text, text.index('"hard'), end, len(text)) == end
    text = '"Major problems" are expected'
    assert partner_before(text, text.index('" are'), 1, 0) == 0


def balanced(text: str, start: int, end: int, open_mark: int = -1, close_mark: int = -1) -> str | None:
    quote = QuoteSpan(start, end, open_mark, close_mark, 0)
    bounds = paragraph_bounds(text, None)
    if not balance_marks(text, quote, lambda offset: bounds[0]):
        return None
    return text[quote.start : quote.end]


def test_balancing_cuts_a_stray_mark_at_either_edge():
    text = 'Every nation decides for itself. We respect that. "'
    assert balanced(text, 0, len(text)) == "Every nation decides for itself. We respect that."
    text = "'We are hoping to issue proceedings against the officials."
    assert balanced(text, 0, len(text)) == "We are hoping to issue proceedings against the officials."


def test_an_opening_curly_mark_keeps_a_word_final_partner():
    # A curly closing mark after a word is also an apostrophe; closing an opening mark, it stays.
    text = "Mayor Talks ‘Straight To Young Voters’ After Second Night Of Protests"
    start = text.index("‘")
    assert balanced(text, start, len(text)) == text[start:]
    # a contraction's apostrophe is no partner: the opening mark with nothing to close it goes
    text = "‘We’re going to win this election"
    assert balanced(text, 0, len(text)) == text[1:]


def test_balancing_takes_in_a_partner_just_past_the_end():
    text = 'Blair said the Tories offered a "hard right agenda". Then he left.'
    end = text.index('".')
    assert balanced(text, 0, end) == 'Blair said the Tories offered a "hard right agenda"'


def test_balancing_leaves_nothing_of_marks_alone():
    assert balanced('" "', 0, 3) is None
