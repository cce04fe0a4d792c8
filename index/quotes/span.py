"""A quote while it is being extracted (`QuoteSpan`), and the kinds and sizes every step shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# direct: a quotation standing as its own sentence(s) · partial: quoted words inside the
# writer's sentence · indirect: reported speech without quote marks.
QuoteKind = Literal["direct", "partial", "indirect"]
CharSpan = tuple[int, int]  # (start, end) character offsets, end exclusive

# Quotes this short with no attribution are scare quotes or titles, not statements.
MIN_UNATTRIBUTED_WORDS = 4
MIN_INDIRECT_WORDS = 3
# A quoted fragment outside any reported clause needs this many words to count on its own.
MIN_PARTIAL_WORDS = 3


@dataclass
class QuoteSpan:
    """A statement found in the text: its content span (marks excluded), and what attributes it."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark
    close_mark: int  # char offset of the closing mark, or -1 when never closed
    paragraph: int
    kind: QuoteKind = "direct"
    cue: str = ""
    speaker: CharSpan | None = None  # the mention as written (may be a pronoun)
    resolved: CharSpan | None = None
    cue_at: int = -1  # token index of the reporting verb, -1 when none
    run_head: int = -1  # opening mark of the first part of a quotation running over paragraphs
    unnamed: bool = False  # its speaker was a word naming no one ("it", "one") left unresolved
    how: str = ""  # how the speaker was found: a key of `evidence.HOW`
    speaker_head: int = -1  # token index of the word heading the speaker's mention, -1 when none
    confidence: float = -1.0  # how sure the speaker is, once resolved (0..1)
    carries: QuoteSpan | None = None  # the quote whose speaker this one continues
    speaker_kind: str = ""  # person, org, group, place, document ("" until decided)

    def words(self, text: str) -> int:
        """How many words its content has."""
        return len(text[self.start : self.end].split())


def drop_duplicates(spans: Iterable[QuoteSpan]) -> list[QuoteSpan]:
    """One span per slice of text, the first of the longest first."""
    kept: list[QuoteSpan] = []
    for span in sorted(spans, key=lambda s: s.start - s.end):
        if any(other.start == span.start and other.end == span.end for other in kept):
            continue
        kept.append(span)
    return kept
