"""What every extraction step reads of one article: its lookups, and which characters are quoted.

`QuoteContext` is the one piece of state the steps share; each step is a function of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.addresses import DOMAIN, doc_address_spans
from index.document import ArticleDoc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Entities a pronoun or noun for a body ("it", "the ministry") can stand for.
BODY_ENTITIES = ("ORG", "NORP", "GPE", "FAC")


class QuoteContext(ArticleDoc):
    """A parsed article during extraction: where quote marks enclose text, where addresses are,
    and the persons and bodies it names."""

    def __init__(self, doc: Doc, paragraph_starts: Sequence[int] | None) -> None:
        super().__init__(doc, paragraph_starts)
        self.quoted = bytearray(len(self.text) + 1)  # 1 where a character is inside quote marks
        self.address = bytearray(len(self.text) + 1)  # 1 inside an address that never speaks
        for start, end, kind in doc_address_spans(doc):
            if kind != DOMAIN:
                self.address[start:end] = b"\x01" * (end - start)
        self.persons: list[Span] = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        self.bodies: list[Span] = [ent for ent in doc.ents if ent.label_ in BODY_ENTITIES]

    def mark_quoted(self, start: int, end: int, quoted: bool = True) -> None:
        """Mark the characters [start, end) as inside quote marks (or, `quoted` False, outside)."""
        self.quoted[start:end] = (b"\x01" if quoted else b"\x00") * (end - start)

    def is_quoted(self, token: Token) -> bool:
        return bool(self.quoted[token.idx])

    def in_address(self, token: Token) -> bool:
        """Inside a web or e-mail address, a handle or a file name (a site name may speak)."""
        return bool(self.address[token.idx])
