"""A quote while it is being extracted (`QuoteSpan`), and the kinds and sizes every step shares."""

from __future__ import annotations

import re
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
# Titles in quote marks ("Face the Nation") are at most this long.
MAX_TITLE_WORDS = 8
# Words a title leaves in lower case ("State of the Union", "Legend in the Coal Fields").
TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but nor by with from as is are isn't".split())
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
    next_speaker: int = -1  # token index of the next sentence's speaker, for a quotation between two
    carries: QuoteSpan | None = None  # the quote whose speaker this one continues
    speaker_kind: str = ""  # person, org, group, place, document ("" until decided)

    def words(self, text: str) -> int:
        """How many words its content has."""
        return len(text[self.start : self.end].split())

    def is_title(self, text: str) -> bool:
        """Quoted words in title case ("Face the Nation,", "All Bets Are Off."): the name of a
        show, a book or a headline, not someone's statement."""
        return in_title_case(text[self.start : self.end], MAX_TITLE_WORDS)


def in_title_case(text: str, max_words: int = 1000) -> bool:
    """Two words or more, all capitalised but the small ones ("State of the Union"); words in
    capitals only ("THEY LOSE, WE WIN") are shouted, not a title."""
    words = re.findall(r"[^\W\d_][\w'’]*", text)
    if not 2 <= len(words) <= max_words or all(word.isupper() for word in words):
        return False
    return words[0][0].isupper() and all(word[0].isupper() or word.lower() in TITLE_SMALL_WORDS for word in words)


def drop_duplicates(spans: Iterable[QuoteSpan]) -> list[QuoteSpan]:
    """One span per slice of text, the first of the longest first."""
    kept: list[QuoteSpan] = []
    for span in sorted(spans, key=lambda s: s.start - s.end):
        if any(other.start == span.start and other.end == span.end for other in kept):
            continue
        kept.append(span)
    return kept
