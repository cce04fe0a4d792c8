"""An entity mention as the actor rules read it, and the kinds an actor can be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.document import doc_text
from index.lexicon import HONORIFICS, POSSESSIVE_ENDING, RANK_TITLES

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
    # The honorific or rank written just before a person's name, lowercased ("mrs", "lord", "prince")
    title: str = ""
    # The name of a body the text equates this one with ("UK Independence Party (UKIP)")
    same_as: str = ""


def make_mention(doc: Doc, tokens: Sequence[Token], kind: str, label: str) -> Mention:
    """The mention the tokens name: possessive and edge punctuation cut, an honorific before a
    person's name kept in its surface form."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = POSSESSIVE_ENDING.sub("", doc_text(doc)[start:end].rstrip(" :;,!?\"'“”‘’()[]")).strip()
    end = start + len(text)
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    title = before.lower_.rstrip(".") if before is not None and is_title(before.lower_) else ""
    mention = Mention(start, end, text, text, kind, label, tokens[0].i, tokens[-1].i + 1, title=title)
    if kind == PERSON:
        set_person_surface(doc, mention)
    return mention


def set_person_surface(doc: Doc, mention: Mention) -> None:
    """A person's surface form keeps the honorific or rank before the name ("Mr. Putin")."""
    if mention.title:
        mention.surface = doc_text(doc)[doc[mention.token_start - 1].idx : mention.end]


def is_title(word: str) -> bool:
    """An honorific or a rank that goes before a personal name ("Mr.", "Lady", "Prince")."""
    word = word.lower().rstrip(".")
    return word in HONORIFICS or word in RANK_TITLES


def after_honorific(mention: Mention) -> bool:
    """Whether an honorific (not a rank: "Prince Edward Island") stands just before the mention."""
    return mention.title in HONORIFICS
