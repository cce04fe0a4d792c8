"""How sure a quote's speaker is: the way it was found, the evidence class it falls in, its kind.

Every step that names a speaker records how it did (`QuoteSpan.how`); this module maps that to
the evidence classes the reader shows (`index.model.SPEAKER_EVIDENCE`) and to a confidence.
The confidences are measured, not guessed: `python -m bench.quotes_eval` prints the strict
speaker accuracy of each way on PolNeAR dev, and each figure below is about that accuracy, so
that a confidence under `DOUBTFUL_CONFIDENCE` (0.6) marks the ways that are often wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.actors.bodies import canonical_body
from index.lexicon import (
    BODY_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUN_FORMS,
    POST_NOMINAL_PLURALS,
    QUANTITY_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# how -> (evidence class, confidence). The figures in the comments are the share of right
# speakers on PolNeAR dev (quotes_eval; pronoun and role resolutions judged by the
# hand-checked referents in bench/gold/polnear_referents.tsv).
HOW: dict[str, tuple[str, float]] = {
    # named in the sentence
    "subject": ("named", 0.95),  # the cue's subject in the parse: "Kirby said" (98.6%, 554 of 562)
    "apposition": ("named", 0.95),  # a role with the name beside it: "her aide, Huma Abedin," (5 of 5)
    "voice": ("named", 0.9),  # the person voicing an institution: "…, as John Kirby put it" (3 of 3)
    "next": ("named", 0.6),  # a quotation between two statements, given the next one's speaker
    # a quotation after a sentence that says who spoke and reports no words ("Dave Prentis
    # criticised the plans. '…'"): that sentence's subject
    "sentence-before": ("named", 0.85),
    # named, but only as alleged by someone unnamed: "is alleged to have said", "reportedly told"
    "alleged": ("alleged", 0.5),
    # the name nearest the cue, the parse giving it no subject: PolNeAR dev 90% (9 of 10), BBC
    # politics rounds 1-26 25% (3 of 12: a party for its spokesperson, a label, a place): 12 of 22
    "nearby": ("named", 0.55),
    "rules": ("named", 0.9),  # the no-model surface patterns: '"…," Kirby said' (no model: 91.4%, 32 of 35)
    # named by a label or signature
    "label": ("label", 0.95),  # "PENCE: …", "— Jane Doe" (100%, 36 of 36)
    # carried from the quotation it continues
    "carried": ("carried", 0.95),  # times the confidence of the quote it continues (98.9%, 93 of 94)
    # a document, poll or dataset
    "document": ("document", 0.85),  # (84.4%, 27 of 32)
    # a pronoun resolved to a name
    "pronoun-continuity": ("pronoun", 0.95),  # the previous quote's speaker, no one else named since (98%, 50 of 51)
    "pronoun-antecedent": ("pronoun", 0.85),  # the last person named who agrees with it (89.2%, 33 of 37)
    "pronoun-ambiguous": ("pronoun", 0.55),  # ... with another who agrees named near it (3 of 4; 3 of 5 before)
    # "it" with no body speaking before: the body or document its paragraph has for a main subject
    # a few sentences back ("The committee also highlighted … It urged …")
    "pronoun-topic": ("pronoun", 0.75),
    "rules-pronoun": ("pronoun", 0.6),  # the no-model rules: the last person named before
    # a role or noun resolved to a name
    "role-known": ("role", 0.9),  # a person the article gives that role: "Tory leader Michael Howard" (15 of 15)
    "role-continuity": ("role", 0.8),  # the previous quote's speaker (82.4%, 14 of 17)
    # the one the previous statement asked, replying ("X asked Mr Brown whether … But the
    # chancellor said …"; BBC gold: 389)
    "role-answer": ("role", 0.7),
    # a lede's office that the article gives one person further on ("the courts minister has told
    # MPs" … "said courts minister Christopher Leslie")
    "role-later": ("role", 0.85),
    # a lede's role for the person the next paragraph names as its subject, given no other role
    # ("The attorney general has again denied …" … "Lord Goldsmith said"; BBC gold rounds 1-7:
    # 3 of 3; not met on PolNeAR dev)
    "role-lede": ("role", 0.85),
    # a role just after a lede that names one person, given no other role ("Gordon Brown has
    # delivered a speech …" then "The chancellor said"): 7 times in all 2,225 BBC files, all right
    # by hand; PolNeAR dev once ("The governor added", Chris Christie, whose gold keeps the role)
    "role-lede-subject": ("role", 0.8),
    # a lede's unnamed description of its speaker for the person the next paragraph names as its
    # subject ("…, a Labour backbencher has said" … "Derek Wyatt said"): BBC politics, all 417
    # files: 3 times, all right by hand; not met in the other BBC sections nor on PolNeAR dev
    "role-lede-described": ("role", 0.8),
    # "A spokesman said" for the body the sentence before is about (BBC politics 001-208: 6 of 6
    # checked by hand; PolNeAR: once, the campaign, whose gold source is "a spokesman")
    "role-body": ("role", 0.8),
    # "MPs say" in a lede for the one committee the article says is made of them (BBC politics
    # 001-208: not seen; tests only)
    "role-equated": ("role", 0.6),
    # "The prime minister said" again, after the same words were resolved to a person (role-
    # continuity, role-lede …) and no one else was given that office since
    "role-noted": ("role", 0.8),
    # "the Lib Dem chief executive said …" and the next sentence's "Lord Rennard told reporters",
    # named there for the first time with no other role (a role no one in the article was given)
    "role-named-next": ("role", 0.75),
    # "the source" for the speaker an earlier statement introduced as "a Labour source"
    "role-same-noun": ("role", 0.85),
    # "MPs said", "Members urged", "the committee found" in an article about the one committee it
    # names, which speaks in it ("the joint committee on human rights found …"): that committee
    "role-committee": ("role", 0.8),
    # "the newspaper" for the newspaper named last ("The Telegraph was sued … after the newspaper claimed")
    "role-newspaper": ("role", 0.85),
    "role-recent": ("role", 0.5),  # the last person named as a subject (not seen on PolNeAR)
    # not resolved to a name
    "role-alone": ("unresolved", 0.9),  # a role that stands for itself: "a DfES spokeswoman" (95.5%, 64 of 67)
    # a definite role, not a body's voice, that the article does not tie to anyone it names:
    # "the Lib Dem leader asked", "the UK chancellor predicted". PolNeAR's gold keeps such a role
    # as written (13 of 16 right); BBC's hand-checked gold names the person the article means
    # elsewhere (2 of 8 right, rounds 1-7 of bench/gold/bbc_politics_speakers.tsv): doubtful
    "role-unnamed": ("unresolved", 0.55),
    "group": ("unresolved", 0.9),  # people not named: "officials", "experts", "critics" (95.7%, 66 of 69)
    # a definite body or group the article named before but the rules did not find: "the party"
    # (of several named), "the group", "the judges", "the MPs". BBC gold rounds 1-22: wrong more often
    # than not (the gold names the body or people); kept as written, doubtful
    "body-unnamed": ("unresolved", 0.55),
    "group-definite": ("unresolved", 0.55),
    "unresolved": ("unresolved", 0.3),  # a pronoun or role left as written
    "none": ("unresolved", 0.0),  # no speaker at all
}
# Without a parse (the no-model pipeline) the nearest name is the main way, and a good one; a
# "subject" is then only the name after "according to".
NO_PARSE_CONFIDENCE = {"nearby": 0.9, "subject": 0.8}  # (no model: 93.5%, 217 of 232 · 77.8%, 14 of 18)


def evidence_of(how: str) -> str:
    return HOW.get(how, HOW["unresolved"])[0]


def confidence_of(how: str, parsed: bool = True) -> float:
    if not parsed and how in NO_PARSE_CONFIDENCE:
        return NO_PARSE_CONFIDENCE[how]
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
    if lower in ("they", "we", "many", "some", "others", "most", "few", "several", "all", "both"):
        return "group"
    if lower == "it":
        return "org"
    if token.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY"):
        return "group"  # "63 percent said …"
    if token.ent_type_ in ("", "PERSON") and names_a_known_body(token):
        return "org"  # "Labour says …", which the tagger may call a person
    if token.pos_ == "NOUN" and capitalised_body(token):
        return "org"  # ... or a common noun ("Labour later took the image down, saying …")
    if token.ent_type_ in ENTITY_KINDS:
        return ENTITY_KINDS[token.ent_type_]
    lemma = (token.lemma_ or lower).lower()
    if lemma in QUANTITY_NOUNS or lower in POST_NOMINAL_PLURALS:
        return "group"  # "A majority of voters said …", "Cross-party MPs said" (tagged singular)
    if token.pos_ == "NOUN" and lemma in ORG_NOUNS | BODY_NOUNS:
        return "group" if token.tag_ == "NNS" and lemma not in ("headquarters", "hq") else "org"
    if token.tag_ in ("NNS", "NNPS"):
        return "group"
    if token.pos_ == "PROPN" or lemma in PERSON_NOUNS or token.pos_ == "NOUN":
        return "person"
    return ""


def capitalised_body(token: Token) -> bool:
    """A capitalised word that is the name of a well-known body, whatever the tagger made of it
    ("Labour later took the image down", "Tories say", tagged as common nouns)."""
    return token.text[:1].isupper() and canonical_body(token.text) is not None


def names_a_known_body(token: Token) -> bool:
    """A word standing alone that is the name of a well-known body ("Labour says …"): no word
    before it of its own (a first name or a form of address, "Mr Green"; a determiner, number or
    adjective, "One Conservative said", a member of the party) and no name just before it."""
    return (
        (token.pos_ == "PROPN" or capitalised_body(token))
        and canonical_body(token.text) is not None
        and not any(c.i < token.i for c in token.children)
        and not (token.i > 0 and token.nbor(-1).pos_ == "PROPN")
    )
