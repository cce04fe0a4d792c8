"""What one article says of the people it names: their gender, their roles, and where they stand.

Pronoun and role-noun speakers are resolved against these facts (`resolve`): "she said" never
points to a man the text calls "Mr", "the Tory leader" prefers the person the article calls
"Tory leader", and a listener ("told Jane Hill", "asked by Jane Hill") or a name inside a
prepositional phrase ("at a rally for Hillary Clinton") is never who speaks. Everything here is
read from the parsed article alone (an honorific, a first name, a title or apposition, the
pronouns already resolved to a person), so stage 1 stays a function of the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.actors.bodies import canonical_body
from index.actors.names import is_address_form
from index.gender import Gender, conflicting, first_name_gender, honorific_gender, role_gender
from index.lexicon import (
    HONORIFICS,
    OFFICE_ABBREVIATIONS,
    PLURAL_PARTY_NAMES,
    POSSESSIVE_MARKS,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from index.quotes.speakers import is_listener, titled_start

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from index.quotes.context import QuoteContext

# How many words a title before a name may have.
MAX_TITLE_TOKENS = 15
# Dependencies of a name that make it the one acting in its clause.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Entity types of a named body a person may be tied to.
BODY_ENTITY_TYPES = frozenset({"ORG", "NORP"})
# Labels the small tagger gives some full names ("Sundar Katwala" a facility).
# (not ORG: a firm may bear a family's name, "Goldman Sachs" … "Mr Sachs, the economist")
MISLABELLED_PERSON_ENTITIES = frozenset({"FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART"})


@dataclass
class Person:
    """One mention of a person by name, and what the article says of them around it."""

    start: int  # char span of the name (a title or honorific before it left out)
    end: int
    surname: str  # the name's last word, lowercased, for telling people apart
    first: str  # its first word when it has two or more, else ""
    gender: Gender
    subject: bool  # the name is a clause's subject (or in apposition to one)
    main_subject: bool  # ... of the sentence's main verb
    listener: bool  # spoken to or asking: "told Jane Hill", "asked by Jane Hill"
    oblique: bool  # inside a prepositional phrase or a possessive ("a rally for X", "X's plan")
    roles: set[str] = field(default_factory=set)  # lowercased role words ("tory", "leader")
    sentence: int = 0  # the start of its sentence (token index)
    guessed: bool = False  # its gender comes from the first-name list only ("Jan" is male there)
    affiliated: bool = False  # the mention ties them to a named body ("Ashok Vishwanathan of Operation Black Vote")


def same_person(a: Person, b: Person) -> bool:
    """Two mentions that may name one person: the same surname, no conflicting first name or gender."""
    if a.surname != b.surname:
        return False
    if a.first and b.first and a.first != b.first and a.first[:1] != b.first[:1]:
        return False
    return not conflicting(a.gender, b.gender)


def _name_words(ent: Span) -> list[str]:
    """The words of a name without the titles before it; after a form of address, a last word
    that is also a title is the surname ("Mr Bishop", "Ms Judge"), not a title."""
    words = [t.text for t in ent if not t.is_punct and t.text not in POSSESSIVE_MARKS]
    addressed = ent.start > 0 and ent.doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS
    while words and words[0].lower().rstrip(".") in HONORIFICS | TITLE_WORDS:
        if len(words) == 1 and addressed:
            break
        addressed = addressed or words[0].lower().rstrip(".") in HONORIFICS
        words = words[1:]
    return words


def _title_before(ent: Span) -> list[Token]:
    """Title and role words before a name that modify it ("Tory leader", "Mr", "the National
    Security Council (NSC) Coordinator for Strategic Communications")."""
    doc = ent.doc
    first = ent.root.left_edge.i
    if first >= ent.start or ent.start - first > MAX_TITLE_TOKENS:
        return []
    return [
        t for t in doc[first : ent.start] if t.dep_ not in ("det", "punct", "case") and t.pos_ not in ("VERB", "AUX")
    ]


def _words_of(tokens: list[Token]) -> set[str]:
    return {t.lower_.rstrip(".") for t in tokens if t.is_alpha or t.text.rstrip(".").isalpha()}


def _roles(ent: Span) -> set[str]:
    """The words of the titles and appositions the article gives this mention."""
    root = ent.root
    roles = _words_of(_title_before(ent))
    roles |= _words_of([t for t in ent if t.lower_.rstrip(".") in TITLE_WORDS])
    for child in root.children:  # "Michael Howard, the Tory leader,"
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON":
            roles |= _words_of(list(child.subtree))
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):  # "the Tory leader, Michael Howard,"
        head = root.head
        roles |= _words_of([t for t in head.subtree if t.i < root.left_edge.i])
    for short, spelt in OFFICE_ABBREVIATIONS.items():  # "PM Tony Blair": the prime minister
        if short in roles:
            roles |= set(spelt)
    return roles - {"the", "a", "an", "of", "for"}


def _affiliated(ent: Span) -> bool:
    """The mention ties the person to a named body: one in the title before the name ("Amnesty
    chief Irene Khan"), a possessive ("The Fabian Society's Sundar Katwala"), an apposition
    ("Jan Berry, chairman of the Police Federation") or a phrase after the name ("Ashok
    Vishwanathan of Operation Black Vote", "Phil Shiner, from Public Interest Lawyers")."""
    root = ent.root
    near = list(_title_before(ent))
    for child in root.children:
        if child.dep_ in ("poss", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "from", "at")):
            near += list(child.subtree)
    if root.dep_ == "appos":
        near += [t for t in root.head.subtree if t.i < ent.start]
    return any(_body_word(t) for t in near if not ent.start <= t.i < ent.end)


def _body_word(token: Token) -> bool:
    """A word of a body's name: tagged a body, or a capitalised proper noun that is no title and
    no person's name ("Law" of "The Law Society's", which the tagger does not always tag)."""
    if token.ent_type_ in BODY_ENTITY_TYPES:
        return True
    word = token.lower_.rstrip(".")
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ != "PERSON"
        and word not in TITLE_WORDS | HONORIFICS | ROLE_NOUNS
    )


def _gender(ent: Span, title: list[Token]) -> tuple[Gender, bool]:
    """An honorific's sex, else the first name's, else a role noun's ("-man" roles are given to
    women too: "UKIP chairman Petrina Holdsworth"); and whether it came off the first-name list."""
    for token in [*title, *ent]:
        said = honorific_gender(token.text)
        if said:
            return said, False
    words = _name_words(ent)
    named = first_name_gender(words[0]) if len(words) >= 2 else ""
    if named:
        return named, True
    for token in [*title, *ent]:
        if said := role_gender(token.text):
            return said, False
    return "", False


def _is_oblique(root: Token) -> bool:
    """Inside a prepositional phrase that is not the agent or "according to", or a possessive, but
    for the possessive of a subject ("Tony Blair's big speech will be looked back on as …"): what
    the sentence is about is theirs, and a "he" after it may be them."""
    if root.dep_ == "poss" or any(c.text in POSSESSIVE_MARKS for c in root.children):
        owned = root.head if root.dep_ == "poss" else root
        return owned.dep_ not in SUBJECT_DEPS
    if root.dep_ == "pobj":
        prep = root.head
        if prep.dep_ == "agent" or prep.lower_ == "by":
            return False  # the one acting: "asked by X", "a new book by X"
        return not (prep.lower_ == "to" and prep.head.lower_ == "according")
    return False


def _is_subject(root: Token) -> tuple[bool, bool]:
    """(a clause's subject, the main verb's subject), counting a name in apposition to a subject."""
    token = root
    if token.dep_ in ("appos", "compound", "conj") and token.head.dep_ in SUBJECT_DEPS:
        token = token.head
    if token.dep_ in SUBJECT_DEPS:
        verb = token.head
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
        return True, main
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True, token.head.head.dep_ == "ROOT"
    if token.dep_ == "ROOT" and token.pos_ == "PROPN" and token.left_edge.i == token.sent.start:
        # "Trevor Phillips, chairman of …, called on …": a name opening the sentence that the parse
        # makes its root (hanging the verb on it) is the sentence's subject
        return True, True
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return True, True
    return False, False


def titled_bodies(context: QuoteContext) -> list[Span]:
    """Names the tagger calls an organisation but a person's title precedes ("Cardinal
    Cormac Murphy-O'Connor")."""
    out = []
    for ent in context.bodies:
        if ent.label_ != "ORG" or ent.start == 0:
            continue
        if titled_start(ent[0]) is not None:
            out.append(ent)
    return out


def untagged_surnames(context: QuoteContext) -> list[Span]:
    """A surname alone as a clause's subject that the tagger left untagged, or took for a body on
    its own ("Chris Christie … Christie said", "Christie" an ORG), of someone the article names in
    full ("Donald Trump's claim … Trump responded by …"): a person mention all the same, or a
    pronoun after it would skip the one who acts there for the one named before."""
    from spacy.tokens import Span

    doc = context.doc
    surnames = {words[-1] for ent in context.persons if len(words := _name_words(ent)) >= 2}
    alone_as_body = {ent.start for ent in doc.ents if ent.label_ == "ORG" and len(ent) == 1}
    found = []
    for token in doc:
        if (
            token.text in surnames
            and (not token.ent_type_ or token.i in alone_as_body)
            and token.pos_ == "PROPN"
            and token.dep_ in SUBJECT_DEPS
            and not any(child.dep_ == "compound" for child in token.children)
        ):
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return found


def untagged_full_names(context: QuoteContext) -> list[Span]:
    """A first name and a surname as a clause's subject that the tagger left untagged ("Piers
    Freelove is senior benefit officer …", where "Piers" is taken for a noun): a person named
    all the same, or "He said" after it would go to someone named before. The first name is
    one the first-name list knows, or the surname one the tagger calls a person elsewhere in
    the article ("Ashok Vishwanathan of Operation Black Vote …" before "Mr Vishwanathan said")."""
    from spacy.tokens import Span

    doc = context.doc
    surnames = {ent[-1].text for ent in context.persons}
    found = []
    for token in doc[1:]:
        first = doc[token.i - 1]
        if (
            token.dep_ in SUBJECT_DEPS
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and not token.ent_type_
            and not first.ent_type_
            and first.head.i == token.i
            and first.dep_ == "compound"
            and first.text[:1].isupper()
            and first.text.isalpha()
            and (first_name_gender(first.text) != "" or token.text in surnames)
            and not (first.i > 0 and doc[first.i - 1].text[:1].isupper() and doc[first.i - 1].is_alpha)
        ):
            found.append(Span(doc, first.i, token.i + 1, label="PERSON"))
    return found


def addressed_names(context: QuoteContext) -> list[Span]:
    """A name after a form of address that the tagger did not take for a person: left untagged
    ("Mr Flight landed in trouble …", "Flight" a common noun) or called a place or a body ("Mr
    Hilton said …", "Hilton" a city). A form of address names a person whatever the tagger says,
    or "He said" after it would go to someone named before."""
    from spacy.tokens import Span

    doc = context.doc
    taken = {token.i for ent in [*context.persons, *titled_bodies(context)] for token in ent}
    found = []
    for title in doc[:-1]:
        if title.lower_.rstrip(".") not in HONORIFICS or not title.text[:1].isupper():
            continue
        end = title.i + 1
        while (
            end < len(doc)
            and end - title.i <= 3
            and doc[end].is_alpha
            and doc[end].text[:1].isupper()
            and doc[end].pos_ == "PROPN"
            and doc[end].lower_ not in HONORIFICS
        ):
            end += 1
        if end > title.i + 1 and not taken & set(range(title.i, end)):
            found.append(Span(doc, title.i + 1, end, label="PERSON"))
    return found


def mislabelled_full_names(context: QuoteContext) -> list[Span]:
    """A first name and a surname the tagger called a place or a thing ("The Fabian Society's
    Sundar Katwala said", "Sundar Katwala" a facility) when Mr, Mrs, Ms, Miss or Mx gives that surname
    elsewhere ("Mr Katwala added"): a person, or "He said" after it would go to someone else."""
    doc = context.doc
    addressed = {doc[t.i + 1].text for t in doc[:-1] if is_address_form(t)}
    return [
        ent
        for ent in doc.ents
        if ent.label_ in MISLABELLED_PERSON_ENTITIES
        and 2 <= len(ent) <= 3
        and ent[-1].text in addressed
        and all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() for t in ent)
        and ent[0].lower_.rstrip(".") not in HONORIFICS | TITLE_WORDS
        and canonical_body(ent.text) is None
    ]


class Referents:
    """The people an article names, in text order, with what it says of each."""

    def __init__(self, context: QuoteContext) -> None:
        self.context = context
        self.people: list[Person] = []
        named = [*context.persons, *titled_bodies(context), *addressed_names(context)]
        seen = {token.i for ent in named for token in ent}
        named += [
            ent
            for ent in [*untagged_surnames(context), *untagged_full_names(context), *mislabelled_full_names(context)]
            if not seen & {token.i for token in ent}
        ]
        for ent in named:
            words = _name_words(ent)
            if not words or ent.root.tag_ in ("NNS", "NNPS") or ent[-1].lower_ in PLURAL_PARTY_NAMES:
                continue  # "the Lib Dems" is no one person
            root = ent.root
            title = _title_before(ent)
            subject, main = _is_subject(root)
            gender, guessed = _gender(ent, title)
            self.people.append(
                Person(
                    start=ent.start_char,
                    end=ent.end_char,
                    surname=words[-1].lower(),
                    first=words[0].lower() if len(words) >= 2 else "",
                    gender=gender,
                    guessed=guessed,
                    subject=subject,
                    main_subject=main,
                    listener=is_listener(root),
                    oblique=_is_oblique(root),
                    roles=_roles(ent),
                    sentence=ent.sent.start,
                    affiliated=_affiliated(ent),
                )
            )
        self.people.sort(key=lambda p: p.start)
        self.pronoun_gender: dict[tuple[str, str], Gender] = {}
        self._complete_genders()

    def _complete_genders(self) -> None:
        """A bare surname takes the gender of the full names it can stand for, when they agree."""
        for person in self.people:
            if person.gender:
                continue
            said = {other.gender for other in self.people if other.gender and same_person(person, other)}
            if len(said) == 1:
                person.gender = said.pop()

    def at(self, start: int, end: int) -> Person | None:
        """The person mention overlapping the span [start, end), if any."""
        for person in self.people:
            if person.start < end and start < person.end:
                return person
        return None

    def gender_of(self, person: Person) -> Gender:
        """What the text says of the person's sex: names and titles first, then pronouns resolved to them."""
        if person.gender:
            return person.gender
        return self.pronoun_gender.get((person.surname, person.first), "")

    def note_pronoun(self, person: Person, gender: Gender) -> None:
        """A pronoun of this sex was resolved to the person: later pronouns must agree with it."""
        if gender and not person.gender:
            self.pronoun_gender.setdefault((person.surname, person.first), gender)
            for other in self.people:
                if not other.gender and same_person(person, other):
                    self.pronoun_gender.setdefault((other.surname, other.first), gender)

    def roles_of(self, person: Person) -> set[str]:
        """Every role word the article gives this person, in any of its mentions."""
        roles: set[str] = set()
        for other in self.people:
            if same_person(person, other):
                roles |= other.roles
        return roles

    def affiliated(self, person: Person) -> bool:
        """Whether any mention of this person ties them to a named body."""
        return any(other.affiliated for other in self.people if same_person(person, other))

    def after(self, offset: int) -> list[Person]:
        """Person mentions outside quote marks from `offset` on, in text order."""
        return self.before(len(self.context.text), offset)

    def before(self, offset: int, first_offset: int = 0) -> list[Person]:
        """Person mentions outside quote marks in [first_offset, offset), in text order."""
        quoted = self.context.quoted
        return [p for p in self.people if first_offset <= p.start and p.end <= offset and not quoted[p.start]]
