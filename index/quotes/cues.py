"""Cues: the tokens that report speech ("said", "according to", "as X put it"), and their text.

A cue is a reporting verb used for someone's statement; a verb of addressing in the passive
("she was asked"), the writer's own frame ("…, our correspondent reports") and a passive
participle ("as reported") are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import (
    ADDRESS_VERBS,
    CONTENT_CUE_VERBS,
    DATA_PLURALS,
    DECLINE_VERBS,
    DENIAL_VERBS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    FINDING_BODY_NOUNS,
    JOURNALIST_NOUNS,
    JOURNALIST_VERBS,
    MODAL_AUXILIARIES,
    NEGATIONS,
    REDUCED_CLAUSE_OPENERS,
    REPORTING_VERBS,
    RULING_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext


# Words opening a clause after "according to" that make it a measure ("according to whether …").
WH_WORDS = frozenset({"whether", "how", "what", "which", "when", "where", "who", "whom", "if"})
# Nouns after "according to" that make it a measure or a rule, not a source ("put in categories
# according to their last known voting intention", "according to plan", "according to the rules").
MEASURE_NOUNS = frozenset(
    """
    intention wish taste preference need plan schedule rule law code step criterion criteria principle
    tradition custom formula size age merit ability rank income type category interest self-interest
    """.split()
)


def _followed_by(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == word


def _a_measure(to: Token) -> bool:
    """The object of "according to" is a measure or a rule: the noun its first noun goes with
    ("their last known voting intention", "the party's rules"; not "customs officers", "the plan's
    critics"), a common one, is one."""
    for word in to.doc[to.i + 1 : min(len(to.doc), to.i + 6)]:
        if word.pos_ in ("NOUN", "PROPN"):
            head = word
            while head.dep_ in ("compound", "poss", "amod", "nmod") and head.head.i > head.i:
                head = head.head
            return head.pos_ == "NOUN" and not head.ent_type_ and (head.lemma_ or head.lower_).lower() in MEASURE_NOUNS
    return False


def is_put_it(token: Token) -> bool:
    """The "put" of "as Kirby put it"."""
    return token.lower_ == "put" and _followed_by(token, "it")


def is_speech_word(token: Token) -> bool:
    """A reporting verb (by its lemma), or the "according" of "according to" or the "put" of
    "put it"."""
    if token.lower_ == "according":
        # "listed according to whether …", "according to how …": a measure, not a source
        after = token.doc[token.i + 2] if token.i + 2 < len(token.doc) else None
        return (
            _followed_by(token, "to")
            and not (after is not None and after.lower_ in WH_WORDS)
            and not _a_measure(token.nbor(1))
        )
    if token.lower_ == "put":  # "as Kirby put it"
        return _followed_by(token, "it")
    if is_going_on(token):
        return True
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma not in REPORTING_VERBS:
        return False
    if token.pos_ in ("VERB", "AUX"):
        return True
    # The small model tags some reporting verbs as nouns or adjectives in odd text
    # ("Biden mentioned on the White Home"); trust the word when it is inflected, unless it has
    # a determiner ("made the comments on radio" is a noun).
    if any(c.dep_ == "det" for c in token.children):
        return False
    return token.tag_ in ("VBD", "VBZ", "VBN", "VBG", "VBP") or token.lower_.endswith(("ed", "s"))


def in_time_clause(cue: Token) -> bool:
    """A cue in a clause of time or condition ("when Clinton blasted him", "after she said"):
    beside a quotation or another's statement, it tells when that was said, not who said it."""
    return any(
        c.dep_ in ("mark", "advmod") and c.lower_ in REDUCED_CLAUSE_OPENERS and c.i < cue.i for c in cue.children
    )


def with_to(verb: Token) -> bool:
    """The verb has "to" before it: an infinitive ("to announce", "expected to reveal")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_content_cue(token: Token) -> bool:
    """A verb of `CONTENT_CUE_VERBS` in the active voice ("talked about", "cited … as", "blasted
    … for"); one of `DOCUMENT_VERBS` only with a document for subject ("the study found")."""
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma not in CONTENT_CUE_VERBS or not (token.pos_ == "VERB" or _verb_in_shape(token)):
        return False
    if with_to(token) or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return False  # "what is being criticised as …", "met … to talk about …" (a purpose)
    if lemma in DOCUMENT_VERBS | RULING_VERBS:
        if lemma in RULING_VERBS and any(c.dep_ == "prt" for c in token.children):
            return False  # "ruled out": a denial, reported as one
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        return any(
            (
                lemma in DOCUMENT_VERBS
                and c.pos_ == "NOUN"
                and ((c.lemma_ or c.lower_).lower() in DOCUMENT_NOUNS or c.lower_ in DATA_PLURALS)
            )
            or (lemma != "show" and finding_body(c) and _past_or_that(token))
            for c in subjects
        )
    return True


def _past_or_that(verb: Token) -> bool:
    """A finding or ruling made: "ruled", "has found", or "rules that …"; not "whichever way the
    court rules, …" nor "whether the judges would rule that …", which report none."""
    hypothetical = ("whether", "if", "unless")
    for child in verb.children:
        if child.tag_ == "MD" or child.dep_ == "neg" or (child.dep_ == "mark" and child.lower_ in hypothetical):
            return False  # "could rule", "did not rule that", "unless the court ruled"
        if (
            child.dep_ == "aux"
            and child.lower_ == "had"
            and any(c.dep_ == "nsubj" and c.i > child.i for c in verb.children)
        ):
            return False  # "Had the court ruled that …": what would have been
        if child.dep_ == "mark" and verb.tag_ in ("VBZ", "VBP"):
            return False  # "once the judge rules that …", "until it finds …": not yet made
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) for c in verb.children
    )


def finding_body(subject: Token) -> bool:
    """A body that inquires or judges, as a verb's subject: "the committee", "the Audit
    Commission", "the High Court", "law lords", "A jury"; "it" for a finding ("It found …")."""
    if subject.lower_ == "it":
        return (subject.head.lemma_ or "").lower() in DOCUMENT_VERBS
    lemma = (subject.lemma_ or subject.lower_).lower()
    if lemma in FINDING_BODY_NOUNS or subject.lower_ in FINDING_BODY_NOUNS:
        return True
    # "law lords", "the Law Lords"
    return subject.lower_ == "lords" and any(c.lower_ == "law" for c in subject.children)


def _verb_in_shape(token: Token) -> bool:
    """A word the small model tagged a noun that the parse uses as a verb, with a subject and a
    clause of its own ("Leaked documents from his tax return show he took …")."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("ROOT", "ccomp", "conj")
        and not any(c.dep_ == "det" for c in token.children)
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
    )


def is_going_on(token: Token) -> bool:
    """The "went" of "The Tory leader went on: '…'", introducing a quotation."""
    if (token.lemma_ or token.lower_).lower() != "go" or not _followed_by(token, "on"):
        return False
    after = token.nbor(2) if token.i + 2 < len(token.doc) else None
    return after is not None and (after.text in (":", ",") or after.is_quote)


def is_addressed(verb: Token) -> bool:
    """ "Kirby was asked whether …", "she was told that …": in the passive, a verb of
    addressing has the listener as its subject; what follows is not the subject's word."""
    if (verb.lemma_ or verb.lower_).lower() not in ADDRESS_VERBS:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "When asked whether …, Kirby said": a reduced clause with no subject of its own
    # (the tagger may call "asked" a past tense there, not a participle).
    return (
        verb.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "csubj", "expl") for c in verb.children)
        and any(c.dep_ in ("advmod", "mark") and c.lower_ in REDUCED_CLAUSE_OPENERS for c in verb.children)
    )


def is_newsroom_frame(verb: Token) -> bool:
    """ "…, TURAN's Washington correspondent reports": the writer's own byline frame."""
    if (verb.lemma_ or verb.lower_).lower() not in JOURNALIST_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in JOURNALIST_NOUNS for c in verb.children)


def is_reporting(token: Token) -> bool:
    """A cue: a speech word that reports the statement of its subject. A past participle
    describing a noun ("the step agreed by Russia", "the plan announced last week") is none
    ("a statement calling the test …" is one)."""
    described = token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN")
    if described and not (token.head.ent_type_ == "PERSON" and _introduces_quotation(token)):
        return False
    return is_speech_word(token) and not is_newsroom_frame(token) and not is_addressed(token)


def _introduces_quotation(verb: Token) -> bool:
    """ "Writer Neil Coppendale, from West Sussex, asked of the war: '…'": a verb the parse took for a
    participle describing the name before it (as in "Mr Smith, asked about the plan, said …") that
    a colon after its own words shows to be the sentence's verb, introducing a quotation."""
    doc = verb.doc
    for token in doc[verb.i + 1 : min(len(doc), verb.right_edge.i + 2)]:
        if token.text == ":":
            return True
        if token.is_quote:
            return False
    return False


def is_passive_participle(verb: Token) -> bool:
    """ "When asked whether …", "as reported": the verb's subject is not its speaker."""
    if verb.tag_ != "VBN":
        return False
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent")]
    return not own


def find_cue(context: QuoteContext, start: int, end: int, nearest_to: int) -> Token | None:
    """The cue outside quote marks in [start, end) nearest the offset `nearest_to`, else the
    "put" of "as X put it"."""
    best = None
    for token in context.tokens_in(start, end):
        if context.is_quoted(token) or not is_reporting(token):
            continue
        if best is None or abs(token.idx - nearest_to) < abs(best.idx - nearest_to):
            best = token
    if best is None:
        # "as X put it"
        for token in context.tokens_in(start, end):
            if is_put_it(token):
                return token
    return best


def negation_of(verb: Token) -> Token | None:
    """The word that negates the cue: "did not say", "never said", "Neither X nor Y would say",
    "Nobody said"; None when it is not negated."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in NEGATIONS):
            return child
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in NEGATIONS or child.lower_ in ("no-one", "noone"):
                return child
            for word in child.children:
                if word.dep_ in ("det", "preconj", "cc") and word.lower_ in ("neither", "no", "nor"):
                    return word
    return None


def modal_of(verb: Token) -> Token | None:
    """The modal that makes the cue hypothetical ("could argue", "might say"); "will say" (a
    speech given out in advance) and "would later write" still report a statement."""
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES), None)


def declined(verb: Token) -> bool:
    """ "declined to comment", "refused to say whether": speech that was refused."""
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and (head.lemma_ or head.lower_).lower() in DECLINE_VERBS


def reports_a_statement(verb: Token) -> bool:
    """Whether the cue reports something said: a refusal ("would not say", "declined to
    comment"), a negated or hypothetical cue ("did not promise", "could argue") and a question
    ("asked whether") report none. A negated denial ("did not deny", "would not rule out") does."""
    lemma = (verb.lemma_ or verb.lower_).lower()
    if declined(verb):
        return False
    negation = negation_of(verb)
    if negation is not None:
        return lemma in DENIAL_VERBS
    return modal_of(verb) is None


def cue_text(token: Token) -> str:
    """The cue as stored: the verb with its particle ("pointed out"), "according to", "put it";
    a negated cue with its negation and auxiliaries, as the text has them ("did not deny",
    "would not rule out", "never denied")."""
    if token.lower_ == "according":
        return "according to"
    if is_put_it(token):
        return "put it"
    if is_going_on(token):
        return f"{token.text} on"
    doc = token.doc
    first = token.i
    negation = negation_of(token)
    if negation is not None and negation.i < token.i and negation.dep_ not in ("nsubj", "nsubjpass", "det", "cc"):
        helpers = [c for c in token.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < token.i]
        helpers += [negation]
        first = min(c.i for c in helpers)
        if token.i - first > 5:
            first = negation.i
    last = token.i
    particles = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
    if particles:
        last = particles[0].i
    return doc[first : last + 1].text
