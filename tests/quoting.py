"""Helpers of the quote and speaker tests: the quotes of paragraphs written for a test, checked for
the invariants every quote keeps, and the one quote holding some words."""

from __future__ import annotations

from index.model import PARAGRAPH_SEPARATOR, SPEAKER_EVIDENCE
from index.quotes import extract_quotes


def quotes_of(nlp, *paragraphs: str):
    """The quotes of `paragraphs` (joined as an article body), each checked: its text and its
    speaker's are the body's slices, its evidence is a known one and its confidence in 0..1."""
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    quotes = extract_quotes(nlp(body))
    for quote in quotes:
        assert quote.text == body[quote.start : quote.end]
        if quote.speaker_start >= 0:
            assert quote.speaker_text == body[quote.speaker_start : quote.speaker_end]
        assert quote.speaker_evidence in SPEAKER_EVIDENCE
        assert 0.0 <= quote.speaker_confidence <= 1.0
    return quotes


def only(quotes, containing: str):
    """The first quote holding `containing` (failing the test when there is none)."""
    found = [q for q in quotes if containing in q.text]
    assert found, f"no quote containing {containing!r} in {[q.text for q in quotes]}"
    return found[0]


def none_containing(quotes, containing: str) -> bool:
    return not [q for q in quotes if containing in q.text]
