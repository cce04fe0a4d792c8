"""A parsed article's text and where things are in it: paragraphs, sentences, tokens by offset.

Shared by the quote extractor and the no-model rules, so both read an article's paragraphs
and tokens the same way. Imports no spaCy at run time: it only reads the Doc it is given.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.model import PARAGRAPH_SEPARATOR

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Bounds = tuple[int, int]  # (start, end) character offsets, end exclusive


def doc_text(doc: Doc) -> str:
    """doc.text, once: spaCy rebuilds the string from every token on each access."""
    text: str | None = doc.user_data.get("quotedesk_text")
    if text is None:
        text = doc.user_data["quotedesk_text"] = doc.text
    return text


# A line this share of whose words are capitalised is a title-case headline: its capitals say nothing.
HEADLINE_CAPITALISED_SHARE = 0.6
HEADLINE_MIN_WORDS = 4


def headline_lines(text: str) -> dict[int, bool]:
    """Line start offset -> whether the line reads as a title-case headline (four words or more,
    most of them capitalised)."""
    result: dict[int, bool] = {}
    offset = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w'’\-]*", line)
        capitalised = sum(1 for w in words if w[:1].isupper())
        result[offset] = len(words) >= HEADLINE_MIN_WORDS and capitalised / len(words) >= HEADLINE_CAPITALISED_SHARE
        offset += len(line) + 1
    return result


def on_headline(text: str, headlines: dict[int, bool], offset: int) -> bool:
    """Whether the line holding text[offset] is a headline (`headlines` from `headline_lines`)."""
    return headlines.get(text.rfind("\n", 0, offset) + 1, False)


def paragraph_bounds(text: str, paragraph_starts: Sequence[int] | None) -> list[Bounds]:
    """(start, end) of each paragraph of `text`: from the given starts, else split at blank
    lines. The separator belongs to no paragraph."""
    if paragraph_starts is None:
        starts = [0] + [m.end() for m in re.finditer(re.escape(PARAGRAPH_SEPARATOR), text)]
    else:
        starts = sorted(s for s in paragraph_starts if 0 <= s <= len(text)) or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
    bounds = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        paragraph = text[start:end].rstrip("\n")
        bounds.append((start, start + len(paragraph)))
    return bounds


class ArticleDoc:
    """One parsed article: its text, its paragraphs, and its tokens looked up by offset."""

    def __init__(self, doc: Doc, paragraph_starts: Sequence[int] | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.bounds = paragraph_bounds(self.text, paragraph_starts)
        self.paragraph_starts = [start for start, _ in self.bounds]
        self.token_starts = [token.idx for token in doc]  # ascending: the lookups bisect it

    @functools.cached_property
    def char_token(self) -> list[int]:
        """The index of the token at each character, -1 between tokens."""
        table = [-1] * (len(self.text) + 1)
        for token in self.doc:
            for c in range(token.idx, token.idx + len(token.text)):
                table[c] = token.i
        return table

    def paragraph_of(self, offset: int) -> int:
        """The number of the paragraph `offset` lies in."""
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def paragraph_around(self, offset: int) -> Bounds:
        """The (start, end) of the paragraph `offset` lies in."""
        return self.bounds[self.paragraph_of(offset)]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens wholly inside [start, end); bisects token starts instead of walking the doc."""
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.doc[first:last] if t.idx + len(t.text) <= end]

    def tokens_touching(self, start: int, end: int) -> list[Token]:
        """Tokens with at least one character inside [start, end)."""
        first = max(0, bisect.bisect_right(self.token_starts, start) - 1)
        last = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.doc[first:last] if t.idx + len(t.text) > start]

    def token_at(self, offset: int) -> Token | None:
        """The token at `offset`, else the next one within 20 characters, else None."""
        offset = min(max(offset, 0), len(self.text) - 1)
        token_index = self.char_token[offset]
        if token_index < 0:
            for probe in range(offset, min(len(self.text), offset + 20)):
                if self.char_token[probe] >= 0:
                    return self.doc[self.char_token[probe]]
            return None
        return self.doc[token_index]

    def sentence_bounds(self, token: Token, para_start: int, para_end: int) -> Bounds:
        """The char span of `token`'s sentence inside the paragraph [para_start, para_end), cut
        at line breaks: text without blank lines (a headline over its first sentence) can be
        parsed as one sentence across lines that are not one."""
        start = max(para_start, token.sent.start_char)
        end = min(para_end, token.sent.end_char)
        line_start = self.text.rfind("\n", start, token.idx)
        if line_start >= 0:
            start = line_start + 1
        line_end = self.text.find("\n", token.idx, end)
        if line_end >= 0:
            end = line_end
        return start, end
