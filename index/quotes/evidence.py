"""How sure a quote's speaker is: the way it was found, the evidence class it falls in, its kind.

Every step that names a speaker records how it did (`QuoteSpan.how`); this module maps that to
the evidence classes the reader shows (`index.model.SPEAKER_EVIDENCE`) and to a confidence.
The confidences are measured, not guessed: `python -m bench.quotes_eval` prints the strict
speaker accuracy of each way on PolNeAR dev, and each figure below is about that accuracy, so
that a confidence under `DOUBTFUL_CONFIDENCE` (0.6) marks the ways that are often wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import BODY_NOUNS, ORG_NOUNS, PERSON_NOUNS, PERSON_PRONOUN_FORMS

if TYPE_CHECKING:
    from spacy.tokens import Token

# how -> (evidence class, confidence)
HOW: dict[str, tuple[str, float]] = {
    # named in the sentence
    "subject": ("named", 0.95),  # the cue's subject in the parse: "Kirby said"
    "apposition": ("named", 0.95),  # a role with the name beside it: "her aide, Huma Abedin, wrote"
    "voice": ("named", 0.9),  # the person voicing an institution: "…, as John Kirby put it"
    "nearby": ("named", 0.7),  # the name nearest the cue, the parse giving it no subject
    "rules": ("named", 0.85),  # the no-model surface patterns: '"…," Kirby said'
    # named by a label or signature
    "label": ("label", 0.9),  # "PENCE: …", "— Jane Doe"
    # carried from the quotation it continues
    "carried": ("carried", 0.9),  # (times the confidence of the quote it continues)
    # a document, poll or dataset
    "document": ("document", 0.85),
    # a pronoun resolved to a name
    "pronoun-continuity": ("pronoun", 0.85),  # the previous quote's speaker, no one else named since
    "pronoun-antecedent": ("pronoun", 0.75),  # the last person named who agrees with it
    "pronoun-ambiguous": ("pronoun", 0.5),  # ... with another who agrees named near it
    "rules-pronoun": ("pronoun", 0.6),  # the no-model rules: the last person named before
    # a role or noun resolved to a name
    "role-known": ("role", 0.85),  # a person the article gives that role: "Tory leader Michael Howard"
    "role-continuity": ("role", 0.75),  # the previous quote's speaker
    "role-recent": ("role", 0.5),  # the last person named as a subject
    # not resolved to a name
    "role-alone": ("unresolved", 0.8),  # a role that stands for itself: "a DfES spokeswoman"
    "group": ("unresolved", 0.8),  # people not named: "officials", "experts", "critics"
    "unresolved": ("unresolved", 0.3),  # a pronoun or role left as written
    "none": ("unresolved", 0.0),  # no speaker at all
}


def evidence_of(how: str) -> str:
    return HOW.get(how, HOW["unresolved"])[0]


def confidence_of(how: str) -> float:
    return HOW.get(how, HOW["unresolved"])[1]


ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "org",
    "FAC": "org",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
}


def kind_of(token: Token, how: str) -> str:
    """person, org, group, place or document, for the token heading a speaker's mention."""
    if how == "document":
        return "document"
    lower = token.lower_
    if lower in PERSON_PRONOUN_FORMS:
        return "person"
    if lower in ("they", "we"):
        return "group"
    if lower == "it":
        return "org"
    if token.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY"):
        return "group"  # "63 percent said …"
    if token.ent_type_ in ENTITY_KINDS:
        return ENTITY_KINDS[token.ent_type_]
    lemma = (token.lemma_ or lower).lower()
    if token.pos_ == "NOUN" and lemma in ORG_NOUNS | BODY_NOUNS:
        return "group" if token.tag_ == "NNS" else "org"
    if token.tag_ in ("NNS", "NNPS"):
        return "group"
    if token.pos_ == "PROPN" or lemma in PERSON_NOUNS or token.pos_ == "NOUN":
        return "person"
    return ""
