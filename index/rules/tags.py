"""The token tags the quote extractor reads in a doc without a parse: verbs of speech, and names.

A form of a reporting verb gets its lemma, a verb tag and the VERB part of speech when it is
used as a verb; the words of a name get PROPN (a demonym in the singular, ADJ).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import SUBJECT_PRONOUNS
from index.rules.words import QUOTE_CHARS, is_capitalised, reporting_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words after which a bare verb form is a verb ("will say", "did not deny").
VERB_MARKERS = ("to", "will", "would", "could", "did", "not", "may", "might", "can")


def tag_tokens(doc: Doc) -> None:
    """Tag the reporting verbs and the name words of a doc whose entities are set."""
    for token in doc:
        form = reporting_form(token)
        if form is not None and token.text.islower() and used_as_verb(token, form[1]):
            token.lemma_, token.tag_ = form
            token.pos_ = "VERB"
        elif token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            token.pos_ = "PROPN"
        elif token.ent_type_ == "NORP":
            token.pos_ = "PROPN" if token.lower_.endswith("s") else "ADJ"


def used_as_verb(token: Token, tag: str) -> bool:
    """Past forms are verbs; a bare or -s form ("claims", "says") only next to its subject or
    its named speaker, an -ing form only after a comma (", adding that …")."""
    if tag == "VBD":
        return True
    doc = token.doc
    previous = doc[token.i - 1] if token.i > 0 else None
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if tag == "VBG":
        return previous is not None and previous.text == ","
    if tag == "VB":
        return previous is not None and previous.lower_ in VERB_MARKERS
    subject_before = previous is not None and (
        previous.ent_type_ in ("PERSON", "ORG")
        or previous.lower_ in SUBJECT_PRONOUNS
        or previous.text in QUOTE_CHARS
        or previous.text == ","
    )
    speaker_after = following is not None and (following.ent_type_ in ("PERSON", "ORG") or is_capitalised(following))
    return subject_before or speaker_after
