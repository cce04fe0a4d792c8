"""An entity mention as the actor rules read it, and the kinds an actor can be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.document import doc_text
from index.lexicon import HONORIFICS, POSSESSIVE_ENDING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON, ORG, PLACE, GROUP = "person", "org", "place", "group"
# The kind of actor each entity label gives, before the rules correct the model.
LABEL_KINDS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP}


@dataclass
class Mention:
    """One mention of a name in the body, cleaned, with the kind the rules settle on."""

    start: int  # character span of the cleaned name in the body
    end: int
    text: str  # cleaned name ("Vladimir Putin")
    surface: str  # as written, honorific kept ("Mr. Putin")
    kind: str
    label: str
    token_start: int
    token_end: int
    roles: list[str] = field(default_factory=list)


def make_mention(doc: Doc, tokens: Sequence[Token], kind: str, label: str) -> Mention:
    """The mention the tokens name: possessive and edge punctuation cut, an honorific before a
    person's name kept in its surface form."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = POSSESSIVE_ENDING.sub("", doc_text(doc)[start:end].rstrip(" :;,!?\"'“”‘’()[]")).strip()
    end = start + len(text)
    surface = text
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if kind == PERSON and before is not None and before.lower_.rstrip(".") in HONORIFICS:
        surface = doc_text(doc)[before.idx : end]
    return Mention(start, end, text, surface, kind, label, tokens[0].i, tokens[-1].i + 1)


def after_honorific(doc: Doc, mention: Mention) -> bool:
    return mention.token_start > 0 and doc[mention.token_start - 1].lower_.rstrip(".") in HONORIFICS
