"""Speakers: who a cue's statement comes from, and the span of the mention that names them.

The speaker is the cue's subject (climbing to the governing verb when it has none), else the
nearest name beside it; a thing that gave out a statement ("a Kremlin statement") speaks for
the person or body it names. An institution voiced by a person the same sentence names ("The
White House said …, as John Kirby put it") gives way to the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.actors.bodies import canonical_body
from index.actors.names import is_address_form
from index.gender import first_name_gender
from index.lexicon import (
    ADDRESS_VERBS,
    ANONYMOUS_ROLES,
    DATA_PLURALS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    FEMALE_HONORIFICS,
    FINDING_BODY_NOUNS,
    HONORIFICS,
    MALE_HONORIFICS,
    NOT_AGENT_NOUNS,
    ORG_NOUNS,
    ORIGIN_PREPOSITIONS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUN_FORMS,
    POSSESSIVE_MARKS,
    POST_NOMINAL_PLURALS,
    POST_NOMINAL_POSTS,
    POST_NOMINALS,
    QUANTITY_NOUNS,
    RECORDINGS,
    ROLE_HEADS,
    SHOWING_VERBS,
    TITLE_WORDS,
)
from index.places import is_known_place
from index.quotes.cues import in_time_clause, is_passive_participle, is_reporting, is_speech_word
from index.quotes.evidence import capitalised_body
from index.quotes.span import CharSpan, QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from index.quotes.context import QuoteContext

# Entities that can be the origin of a statement; a place or a people speaks as its government.
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# Names inside a thing's phrase that gave it out ("a Kremlin statement", "a Deloitte report");
# a demonym or a place there only describes it ("a Democratic source", "a U.S. report").
GIVER_ENTITIES = frozenset({"PERSON", "ORG", "FAC"})
# Speakers that are institutions a person can speak for ("the White House said …, as Kirby put it").
INSTITUTION_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Entities that name no one beside a cue.
NUMERIC_ENTITIES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")
# Entities a name in apposition to a role cannot be ("a spokeswoman for the firm, Acme, said").
NOT_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# Role nouns that end a body's phrase ("A Department for Education and Skills spokeswoman").
ROLE_NOUN_ENDINGS = ANONYMOUS_ROLES | PERSON_NOUNS
# Forms of address and ranks kept with a name in a speaker's span ("Mr Howard", "Prince Charles").
NAME_TITLES = HONORIFICS | MALE_HONORIFICS | FEMALE_HONORIFICS
# How far from the cue a name may be to be taken as its speaker when the parse gives it no
# subject: a person's name a little further ('"…," Flynn, a top surrogate, said').
NEARBY_TOKENS = 6
NEARBY_PERSON_TOKENS = 8
MAX_TITLE_RUN = 6  # words of a title between a cue and the name it ends ("Tory shadow local government secretary")
# Prepositions joining a role to its body in the speaker's phrase ("a spokeswoman for Trump hotels").
ROLE_BODY_PREPOSITIONS = frozenset({"for", "of", "at", "to", "with"})
# Prepositions that say where a document is or whose it is ("a document on the campaign's website").
DOCUMENT_PREPOSITIONS = frozenset({"on", "in", "from", "by"})
# Small words inside a title ("The Audacity of Hope", "Brown's Britain").
TITLE_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "'s", "’s"})
# How far a phrase naming a document or a role's body may run to the right of its noun.
MAX_PHRASE_TOKENS = 10


def is_name(token: Token) -> bool:
    """A proper noun as written: the small model tags some lowercase role nouns PROPN."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def is_agent_noun(lemma: str) -> bool:
    """A common noun for a person or a body ("analyst", "insider", "regulator", "resident",
    "employee", "spokesman", "the ministry"), not a thing ("a briefing", "the report")."""
    if lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in PEOPLE_NOUNS or lemma in ROLE_HEADS:
        return True
    if lemma in POST_NOMINAL_POSTS | POST_NOMINAL_PLURALS:
        return True  # "MSPs said", "Cross-party MPs said" (the tagger's common noun, lemma and all)
    if lemma in NOT_AGENT_NOUNS or lemma.endswith("ment"):
        return False
    return lemma.endswith(
        ("ist", "ian", "man", "men", "woman", "women", "person", "er", "or", "ee", "eer", "ant", "ent")
    )


def subject_of(verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token naming who performs `verb`, climbing to the governing verb when the
    verb has no subject of its own ("…, adding that" · "went on to conclude")."""
    if verb.lower_ == "according":
        for child in verb.subtree:
            if child.dep_ == "pobj" and child.head.lower_ == "to":
                return child
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.lower_ == "to" and nxt.i + 1 < len(verb.doc):
            for token in verb.doc[nxt.i + 1 : min(len(verb.doc), nxt.i + 8)]:
                if token.pos_ in ("PROPN", "NOUN", "PRON"):
                    return token
        return None
    shown = shown_saying(verb)
    if shown is not None:
        return shown
    current = verb
    for _ in range(4):
        # Paragraphs are parsed together, so a verb can be given a subject from the
        # paragraph before; only the nearest one inside the window counts.
        subjects = sorted(
            (
                c
                for c in current.children
                if c.dep_ in ("nsubj", "nsubjpass", "csubj") and window_start <= c.idx < window_end
            ),
            key=lambda c: abs(c.i - current.i),
        )
        agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects:
            subject = subjects[0]
            # "said co-ordinator Peter Facey": a title the tokenizer split may take a subject of
            # its own; the name beside it is the one who speaks
            named = [c for c in subjects[1:] if c.ent_type_ == "PERSON" and c.i > current.i]
            if named and subject.i > current.i and subject.pos_ == "NOUN" and not subject.ent_type_:
                subject = named[0]
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            if subject.dep_ == "csubj" and subject.pos_ in ("VERB", "AUX"):
                # "Welcoming the ruling, Maeve Sherlock, …, said": the parse makes the opening
                # clause the subject; the name it sets off is the speaker
                named = [t for t in subject.subtree if t.dep_ in ("npadvmod", "appos", "dep") and is_name(t)]
                if named:
                    return named[0]
                break
            return subject
        if agents:
            return agents[0]
        if current.dep_ in ("advcl", "conj", "xcomp", "pcomp", "ccomp") and current.head is not current:
            current = speaking_ancestor(current) if current is verb else current.head
            continue
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl" and current.head.ent_type_ == "PERSON":
            return current.head  # "Writer Neil Coppendale, from West Sussex, asked …: '…'" (is_reporting)
        break
    return None


def shown_saying(verb: Token) -> Token | None:
    """The person a recording or a witness shows speaking: "footage of Trump saying …", "a video
    of the minister saying …", "with the minister saying …", "showed him saying …". The parse
    often hangs the gerund on the sentence's verb, whose subject (the film, the spot) is not the
    speaker; the noun phrase just before the gerund is."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    shown = shown_across(verb)
    if shown is not None:
        return shown
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("PROPN", "NOUN", "PRON") or before.right_edge.i != before.i:
        return None
    head = before.head
    # ("A video of Obama saying …": the parse may make the video the gerund's subject)
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i != head.head.i for c in verb.children):
        return None
    if before.dep_ == "pobj" and head.lower_ == "with":
        return before
    if before.dep_ == "pobj" and head.lower_ == "of" and (head.head.lemma_ or "").lower() in RECORDINGS:
        return before
    if before.dep_ == "dobj" and (head.lemma_ or head.lower_).lower() in SHOWING_VERBS:
        return before
    return None


def shown_across(verb: Token) -> Token | None:
    """ "The documentary showed Mr Nattrass, apparently talking about the EU, telling the meeting: …":
    a gerund set off after the person a showing verb has for its object (through one more gerund
    between them) is that person speaking."""
    current = verb
    for _ in range(2):
        if current.dep_ != "advcl" or current.tag_ != "VBG":
            return None
        current = current.head
        if (current.lemma_ or current.lower_).lower() in SHOWING_VERBS:
            shown = shown_person(current)
            return shown if shown is not None and shown.i < verb.i else None
    return None


def shown_person(verb: Token) -> Token | None:
    """The person a showing verb has for its object with a gerund of the verb set off after them: a
    picture of someone doing something ("The documentary showed Mr Nattrass, apparently talking
    about the EU, …"), not a finding."""
    people = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.i > verb.i
        and (c.ent_type_ == "PERSON" or (is_name(c) and not c.ent_type_) or c.lower_ in ("him", "her", "them"))
    ]
    if people and any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > people[0].i for c in verb.children):
        return people[0]
    return None


def speaking_ancestor(verb: Token) -> Token:
    """What a cue with no subject of its own shares its subject with: ", saying that …" and
    "… and suggested that …" continue the reporting verb they follow, even where the parse
    hangs them on a verb of the content before them ("said the country would leave … and
    suggested that …"): that reporting verb, else the cue's head."""
    head = verb.head
    if verb.dep_ in ("advcl", "conj") and not is_reporting(head):
        ancestor = head
        for _ in range(3):
            if ancestor.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or ancestor.head is ancestor:
                break
            ancestor = ancestor.head
            if is_reporting(ancestor) and ancestor.i < verb.i:
                return ancestor
    return head


def nearby_name(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """Fallback when the parse gives the verb no subject: the nearest name or pronoun
    next to it, within the attribution text [window_start, window_end)."""
    best = None
    for token in context.tokens_in(window_start, window_end):
        if context.is_quoted(token) or token.i == verb.i or context.in_address(token):
            continue
        if token.ent_type_ in NUMERIC_ENTITIES or in_phrase_of(token, verb) or _listener_of(token, verb):
            continue
        if token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUN_FORMS | {"they", "i", "we"}:
            distance = abs(token.i - verb.i)
            reach = NEARBY_PERSON_TOKENS if token.ent_type_ == "PERSON" else NEARBY_TOKENS
            if distance <= reach and (best is None or distance < abs(best.i - verb.i)):
                best = token
    if best is None:
        return None
    return _apposed_to(best) or _name_ending_title(best, verb, window_end) or best


def _name_ending_title(token: Token, verb: Token, window_end: int) -> Token | None:
    """ "…," said Tory shadow local government secretary Caroline Spelman: a word after the cue
    right after it opens a title run whose end is a person's name (the parse may take a word of
    the title for a verb); the name's last word. Nothing but words between, all within the
    attribution."""
    if token.i != verb.i + 1 or token.ent_type_ == "PERSON":
        return None
    doc = token.doc
    at = token.i + 1
    while at < len(doc) and at - token.i <= MAX_TITLE_RUN and doc[at].idx < window_end:
        word = doc[at]
        if word.ent_type_ == "PERSON":
            while at + 1 < len(doc) and doc[at + 1].ent_iob_ == "I" and doc[at + 1].ent_type_ == "PERSON":
                at += 1
            return doc[at]
        if not word.is_alpha or word.pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX"):
            return None
        if word.tag_ in ("NNS", "NNPS", "VBG", "VBN", "VBD", "VBZ"):
            return None  # ("said Unison officials meeting John Prescott": people and what they did)
        at += 1
    return None


def _apposed_to(token: Token) -> Token | None:
    """The person a word's phrase is set beside ("Philippe Sands, a QC and international law
    professor, suggests …": "QC" is in Sands's apposition), when it is inside one."""
    for part in [token, *token.ancestors]:
        if part.dep_ == "appos" and part.head.ent_type_ == "PERSON":
            return part.head
    return None


def _listener_of(token: Token, verb: Token) -> bool:
    """ "…, told Radio 4": the one spoken to through `verb` (its listener), a name or a word of it."""
    return any(t.head.i == verb.i and is_listener(t) for t in [token, *token.ancestors] if t.i != verb.i)


def is_listener(root: Token) -> bool:
    """Spoken to ("told X", "said to X", "in an interview with X") or asking ("asked by X")."""
    head = root.head
    lemma = (head.lemma_ or head.lower_).lower()
    if root.dep_ in ("dobj", "dative") and lemma in ADDRESS_VERBS:
        return True
    if root.dep_ == "pobj":
        prep = head
        governor = prep.head
        governor_lemma = (governor.lemma_ or governor.lower_).lower()
        if prep.lower_ == "to" and governor_lemma in ("say", "tell", "speak", "talk", "write", "explain", "interview"):
            return True
        if prep.lower_ == "with" and governor_lemma in ("interview", "speak", "talk", "conversation"):
            return True
        if prep.dep_ == "agent" and governor_lemma in ADDRESS_VERBS:
            return True  # "asked by Jane Hill"
    return False


def in_phrase_of(token: Token, verb: Token) -> bool:
    """A name inside a prepositional phrase of the cue ("said on Fox News", "told reporters at the
    White House"): where or to whom it was said, not who said it."""
    noun = token.head if token.dep_ in ("compound", "flat") else token
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == verb.i and noun.head.i > verb.i


def is_document(token: Token) -> bool:
    """A document, poll or dataset ("the report", "a Nielsen survey", "emails released by …")."""
    if token.pos_ not in ("NOUN", "PROPN") or is_name(token):
        return False
    if (token.lemma_ or token.lower_).lower() in DOCUMENT_NOUNS:
        return True
    # "official figures show that …": data, as the subject of a document's verb only
    return token.lower_ in DATA_PLURALS and token.dep_ == "nsubj" and token.head.lemma_.lower() in DOCUMENT_VERBS


def document_title(token: Token) -> CharSpan | None:
    """The title a document noun is given beside it: "a new book, Brown's Britain," · "his memoir,
    A Promised Land," · "Brown's Britain, a new book by Robert Peston," (the char span of the
    title, possessive and all)."""
    doc = token.doc
    beside = [c for c in token.children if c.dep_ == "appos" and c.i > token.i]
    if token.dep_ == "appos" and token.head.i < token.i:
        beside.append(token.head)
    for title in beside:
        # the title's own words, not the author or description after it ("Brown's Britain by
        # Sunday Telegraph journalist Robert Peston", "Lawless World, Philippe Sands, …"): from
        # its first word through its head, then on while the words are the title's
        last = title.i
        while (
            last + 1 < len(doc)
            and last + 1 <= title.right_edge.i
            and not doc[last + 1].is_punct
            and doc[last + 1].text != "by"  # (a title's own "By": "Stand By Me")
            and (doc[last + 1].text[:1].isupper() or doc[last + 1].lower_ in TITLE_JOINERS)
        ):
            last += 1
        while last > title.i and doc[last].lower_ in TITLE_JOINERS - {"'s", "’s"}:
            last -= 1
        words = [t for t in doc[title.left_edge.i : last + 1] if not t.is_punct]
        if not words or not all(t.text[:1].isupper() or t.lower_ in TITLE_JOINERS for t in words):
            continue
        return doc[words[0].i].idx, doc[last].idx + len(doc[last].text)
    return None


def apposed_name(token: Token) -> Token | None:
    """The name set beside a role noun: "a spokeswoman for Trump hotels, Jennifer Rodstrom," ·
    "her top aide Huma Abedin" · "The Shadow Secretary of State, Theresa May," (the parse may
    call "May" a date)."""
    for child in token.children:
        if child.dep_ != "appos" or child.i < token.i:
            continue
        if child.ent_type_ == "PERSON" or (is_name(child) and child.ent_type_ not in NOT_PERSON_ENTITIES):
            return child
        if is_name(child) and looks_personal(child):
            return child  # "a spokeswoman …, Ines Varga," that the tagger calls an organisation
    return closing_name(token) or placed_holder(token)


def is_role_word(token: Token) -> bool:
    """A title ("President", "Minister") or a common noun for a person or body ("spokeswoman")."""
    lemma = (token.lemma_ or token.lower_).lower()
    return token.lower_ in ROLE_HEADS or (token.pos_ == "NOUN" and is_agent_noun(lemma))


def placed_holder(token: Token) -> Token | None:
    """ "President of France Emmanuel Macron called", "the Minister of Foreign Affairs of Austria
    Alexander Schellenberg said": an office of a country with its holder's name straight after the
    country, no comma between (wire and translated copy), is that person. A name after "of" with no
    country before it is whose the role is ("the wife of John Smith"), not its holder."""
    if not is_role_word(token):
        return None
    for of in (t for t in token.subtree if t.dep_ == "prep" and t.lower_ == "of" and t.head.i >= token.i):
        name = next((c for c in of.children if c.dep_ == "pobj"), None)
        if name is None or not (name.ent_type_ == "PERSON" or looks_personal(name)):
            continue
        first = name.left_edge
        if first.i < name.i and (first.ent_type_ == "GPE" or is_known_place(first.text)) and first.i + 1 < name.i:
            return name
    return None


def closing_name(token: Token) -> Token | None:
    """ "Head of genetics at the National Institute, Professor Jane Doe, said": the parse hangs
    the name on the last noun of the role's phrase; a person's name in apposition that closes
    the phrase of a role noun is the role's holder."""
    if not is_role_word(token) or token.ent_type_ == "PERSON" or token.tag_ in ("NNS", "NNPS"):
        return None  # ("opponents of the bill, including … X, said": the group speaks)
    words = [t for t in token.subtree if not t.is_punct]
    last = words[-1] if words else token
    # (set off by a comma, the parse may call it an adverbial noun: "…, Norman Brennan, accused")
    set_off = last.dep_ == "npadvmod" and last.left_edge.i > 0 and token.doc[last.left_edge.i - 1].text == ","
    if last.i == token.i or (last.dep_ != "appos" and not set_off) or last.head.i == token.i:
        return None
    if last.ent_type_ == "PERSON" or (is_name(last) and looks_personal(last)):
        return last
    return None


def closing_body_name(token: Token) -> Token | None:
    """ "The group which represents university vice-chancellors, Universities UK, said": a name set
    off by commas that closes a body noun's phrase is the body's name (the parse may hang it on the
    last noun of the phrase)."""
    words = [t for t in token.subtree if not t.is_punct]
    last = words[-1] if words else token
    if last.i == token.i or last.dep_ != "appos" or not is_name(last):
        return None
    kinds = {t.ent_type_ for t in last.subtree}
    if "PERSON" in kinds or kinds == {"GPE"}:
        return None  # a person, or a place ("the council, Newham,")
    left = last.left_edge.i
    if left == 0 or token.doc[left - 1].text != ",":
        return None
    return last


def looks_personal(token: Token) -> bool:
    """A name of two words or more whose first word is a known first name ("Ines Varga")."""
    words = [t for t in token.subtree if is_name(t)]
    return len(words) >= 2 and first_name_gender(words[0].text) != ""


def titled_start(first: Token) -> int | None:
    """The start of a person's title before a name ("Cardinal Cormac | Murphy-O'Connor", the
    tagger taking only the surname and calling it an organisation): the title word's index."""
    doc = first.doc
    i = first.i - 1
    while i >= 0 and first.i - i <= 3 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        if doc[i].lower_.rstrip(".") in NAME_TITLES | TITLE_WORDS:
            return i
        i -= 1
    return None


def _with_title(doc_first: int, token: Token) -> int:
    """The first token of a name's span, taking in a form of address or rank right before it."""
    doc = token.doc
    first = doc_first
    while first > 0 and doc[first - 1].lower_.rstrip(".") in NAME_TITLES and doc[first - 1].text[:1].isupper():
        first -= 1
    return first


def counted_people(token: Token) -> bool:
    """A share or number of people ("a majority of voters", "large numbers of backbench MPs"):
    a noun of `QUANTITY_NOUNS` with an "of" phrase of people or of a body."""
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma not in QUANTITY_NOUNS:
        return False
    if lemma == "number" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False  # "The number of MPs voting against suggests …": a count, not people
    return any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(
            g.dep_ == "pobj"
            and (g.ent_type_ in SPEAKER_ENTITIES or is_name(g) or is_agent_noun((g.lemma_ or g.lower_).lower()))
            for g in child.children
        )
        for child in token.children
    )


def phrase_span(token: Token) -> CharSpan:
    """The char span of a noun with its modifiers and the short phrase that says whose or what it
    is ("a spokeswoman for Trump hotels", "emails released by WikiLeaks", "a report by Amnesty")."""
    doc = token.doc
    left = [c for c in token.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")]
    first = min([token.i] + [c.left_edge.i for c in left])
    if token.dep_ == "pobj" and token.head.head.pos_ == "PROPN" and token.head.head.i < token.i:
        first = min(first, token.head.head.left_edge.i)  # the parse's "A [Department for [… spokeswoman]]"
    last = token.i
    document = is_document(token)
    prepositions = ROLE_BODY_PREPOSITIONS | ORIGIN_PREPOSITIONS | (DOCUMENT_PREPOSITIONS if document else set())
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            pass
        elif not (child.dep_ == "acl" and child.tag_ == "VBN" and document):
            break
        end = child.i
        # up to the first comma ("an analysis by Lily Batchelder, a former tax aide, …")
        for t in doc[child.i + 1 : child.right_edge.i + 1]:
            if (t.is_punct and t.text not in ("-", "'s", "’s")) or (t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"):
                break
            end = t.i
        if end == child.i or end - token.i > MAX_PHRASE_TOKENS:
            break
        last = end
        break
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def mention_span(token: Token) -> CharSpan:
    """The char span of the name or noun phrase `token` heads; a name keeps its form of address."""
    doc = token.doc
    if token.like_num and token.i > 0 and doc[token.i - 1].text in ("No", "No.", "Number"):
        return doc[token.i - 1].idx, token.idx + len(token.text)  # "No 10 said": Downing Street, not "10"
    if (
        is_document(token)
        or (token.pos_ == "NOUN" and is_agent_noun((token.lemma_ or token.lower_).lower()))
        or counted_people(token)
    ):
        return phrase_span(token)
    if token.lower_ in TITLE_WORDS and token.ent_type_ != "PERSON" and any(c.dep_ == "det" for c in token.children):
        return phrase_span(token)  # "The Archbishop of Canterbury", "the Shadow Secretary of State"
    if token.ent_type_ and token.ent_iob_ in ("B", "I"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                # the tagger takes a title-case headline's verb into the name ("Obama Says")
                first, last = ent.start, ent.end - 1
                while first < token.i and is_speech_word(doc[first]):
                    first += 1
                while last > token.i and is_speech_word(doc[last]):
                    last -= 1
                while last > first and doc[last].text in POSSESSIVE_MARKS:
                    last -= 1  # "Donald Trump’s claim": the name without its possessive ending
                if ent.label_ == "GPE":
                    # a body named with its place ("Universities UK", "Cancer Research UK")
                    names = [c for c in token.lefts if c.dep_ == "compound" and is_name(c) and c.i < first]
                    first = min([first] + [c.left_edge.i for c in names])
                if ent.label_ in ("PERSON", "ORG"):
                    # "President of France Emmanuel Macron": the country of the office, not the name
                    while (
                        first + 1 < token.i
                        and first > 0
                        and doc[first - 1].lower_ == "of"
                        and is_known_place(doc[first].text)
                    ):
                        first += 1
                if ent.label_ == "PERSON":
                    first = _with_title(first, token)
                elif ent.label_ == "ORG" and titled_start(doc[first]) is not None:
                    first = titled_start(doc[first]) or first  # "Cardinal Cormac Murphy-O'Connor"
                # "On top of the deal with Tanzania Mr Brown said": the tagger runs an opening
                # phrase with no comma after it into the name; a form of address starts the name
                addressed = [t.i for t in doc[first + 1 : token.i] if is_address_form(t)]
                first = addressed[-1] if addressed else first
                if ent.label_ in ("ORG", "NORP"):
                    first = _with_body_words(doc, first, last)
                return doc[first].idx, doc[last].idx + len(doc[last].text)
    if is_name(token):
        first = last = token.i
        # (a title-case headline tags its verb PROPN too: "Obama Says …")
        while (
            first > 0
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].head.i in range(first - 1, last + 2)
            and not is_speech_word(doc[first - 1])
        ):
            first -= 1
        while (
            last + 1 < len(doc)
            and doc[last + 1].pos_ == "PROPN"
            and doc[last + 1].dep_ in ("compound", "flat")
            and not is_speech_word(doc[last + 1])
        ):
            last += 1
        first = _with_title(first, doc[first])
        return doc[first].idx, doc[last].idx + len(doc[last].text)
    if token.pos_ in ("NOUN", "PROPN") or len(hyphen_parts(token)) > 1:
        left = [c for c in token.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")]
        first = min([token.i] + [c.left_edge.i for c in left])
        return doc[first].idx, token.idx + len(token.text)
    return token.idx, token.idx + len(token.text)


def _with_body_words(doc: Doc, first: int, last: int) -> int:
    """Where a body's name starts when the tagger left a name word of it out ("The Liberal
    Democrats", "Democrats" tagged alone): the capitalised words just before that make, with it,
    another listed body's name (index/data/bodies.txt)."""
    alone = canonical_body(doc[first : last + 1].text)
    for start in (first - 2, first - 1):
        if start < 0 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[start:first]):
            continue
        if doc[start].is_sent_start:
            continue  # (a capital a sentence opens with may be a plain word: "Liberal Democrats in the Senate")
        longer = canonical_body(doc[start : last + 1].text)
        if longer is not None and longer != alone:
            return start
    return first


def hyphen_parts(token: Token) -> list[Token]:
    """The word and the parts joined to it by hyphens before it ("secretary-general",
    "director-general"): the small model parses such a role as a compound of its last part."""
    doc, first = token.doc, token.i
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and doc[first - 2].head.i == token.i
    ):
        first -= 2
    return [doc[i] for i in range(first, token.i + 1) if doc[i].text != "-"]


def named_before_letters(token: Token) -> Token | None:
    """The name that letters after a name belong to ("Tom McCabe MSP", "Jane Smith OBE"), when the
    parse makes the letters the head of the phrase (and the tagger often calls them a body)."""
    if token.lower_.rstrip(".") not in POST_NOMINALS or token.i == 0:
        return None
    name = token.doc[token.i - 1]
    if name.head.i != token.i or not is_name(name) or name.lower_ in POST_NOMINALS:
        return None
    # "the Labour MP for Birkenhead", "The Mid-Bedfordshire MP": a role of a party or a place
    if any(child.dep_ in ("det", "poss") for child in token.children):
        return None
    return name if name.ent_type_ == "PERSON" else None


def set_speaker(quote: QuoteSpan, token: Token, how: str) -> None:
    """Attribute `quote` to the mention `token` heads, found `how` (a key of `evidence.HOW`)."""
    token = named_before_letters(token) or token
    quote.speaker = mention_span(token)
    quote.speaker_head = token.i
    quote.how = how


def origin_for(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token naming where a statement comes from, as written: a person, a body, or a
    thing ("a briefing"), which `speaking_party` then reads."""
    found = find_origin(context, verb, window_start, window_end)
    return found[0] if found else None


def find_origin(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> tuple[Token, str] | None:
    """The origin token and how it was found: "subject" (the cue's subject in the parse) or
    "nearby" (the nearest name beside the cue, when the parse gives it none)."""
    subject = subject_of(verb, window_start, window_end)
    if verb.tag_ == "VBG" and (subject is None or _a_thing(subject) or context.is_quoted(subject)):
        # "Mr Brown also dismissed the figures insisting that …", "He insisted there was no plan …
        # saying: '…'": the parse hangs the participle on a thing or a clause inside the sentence,
        # or takes the quotation's own words for its subject ("…, declaring 'today Brent South,
        # tomorrow Soweto'"); its speaker is who the sentence is about
        subject = _sentence_subject(verb, window_start, window_end) or subject
    if subject is None or (_a_thing(subject) and subject.i < verb.i):
        addressed = addressed_before(verb)
        if (
            addressed is not None
            and not (subject is not None and subject.left_edge.i <= addressed.i <= subject.right_edge.i)
            # ("In 2004 the plan backed by Mr Brown said": a name in the plan's phrase)
            and window_start <= addressed.idx < window_end
            and not context.is_quoted(addressed)
        ):
            return addressed, "subject"
    if subject is not None and not context.is_quoted(subject) and not context.in_address(subject):
        return role_ending(subject, verb) or possessed_name(subject, verb) or subject, "subject"
    nearby = nearby_name(context, verb, window_start, window_end)
    return (nearby, "nearby") if nearby is not None else None


def addressed_before(verb: Token) -> Token | None:
    """ "After talks with Germany Mrs Merkel said …", "On top of the deal with Tanzania Mr Brown
    said …": an opening phrase with no comma after it, which the parse takes the name into (the
    object of its preposition); a name with a form of address right before the verb is the one
    who speaks. Its last word, or None."""
    doc = verb.doc
    opening = verb.sent[0]
    if not (opening.pos_ in ("ADP", "SCONJ") or opening.tag_ in ("VBG", "VBN")):
        return None  # ("The plan backed by Mr Brown said …": the plan's phrase, no opening one)
    last = verb.i - 1
    while last >= 0 and doc[last].pos_ == "ADV" and doc[last].is_lower:
        last -= 1  # "Mr Brown also said"
    first = last
    while first >= 0 and last - first < 3 and doc[first].pos_ == "PROPN" and doc[first].text[:1].isupper():
        if is_address_form(doc[first]):
            return doc[last] if opening.i < first < last and doc[first - 1].text != "," else None
        first -= 1
    return None


def _a_thing(token: Token) -> bool:
    """A common noun for no one: no person, body, group or document ("the figures", "suggestions")."""
    lemma = (token.lemma_ or token.lower_).lower()
    return token.pos_ == "NOUN" and not token.ent_type_ and not is_agent_noun(lemma) and not is_document(token)


def _sentence_subject(verb: Token, window_start: int, window_end: int) -> Token | None:
    """The subject of the sentence's main verb, before the participle `verb`, when it names someone:
    a name, a person pronoun or an agent noun."""
    root = verb.sent.root
    if root.i >= verb.i or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if subject is None or not window_start <= subject.idx < window_end:
        return None
    if subject.ent_type_ in ("PERSON", "ORG", "NORP") or is_name(subject) or subject.lower_ in PERSON_PRONOUN_FORMS:
        return subject
    if subject.pos_ == "NOUN" and is_agent_noun((subject.lemma_ or subject.lower_).lower()):
        return subject
    return None


def role_ending(subject: Token, verb: Token) -> Token | None:
    """ "A Department for Education and Skills spokeswoman said": the parse may make the body the
    subject and hang the role noun at the end of its phrase on it; the role is the speaker."""
    if subject.pos_ != "PROPN" or subject.i > verb.i:
        return None
    before = verb.i - 1
    while before > subject.i and verb.doc[before].pos_ == "ADV":
        before -= 1
    last = verb.doc[before]
    inside = subject.left_edge.i <= last.i <= subject.right_edge.i
    if before > subject.i and last.pos_ == "NOUN" and last.lower_ in ROLE_NOUN_ENDINGS and inside:
        if last.dep_ == "appos" and (subject.ent_type_ == "PERSON" or looks_personal(subject)):
            return None  # "Alan Milburn, Labour's election strategist told …": the person, their role after
        return last
    return None


def possessed_name(subject: Token, verb: Token) -> Token | None:
    """ "War on Want's John Hilary said": the parse may make the body's first word the subject and
    hang the person, whose the body's possessive is, at the end of its phrase; the person speaks.
    Their name's last word, when it ends the subject's phrase right before the cue."""
    if subject.i > verb.i or subject.ent_type_ == "PERSON":
        return None
    before = verb.i - 1
    while before > subject.i and verb.doc[before].pos_ == "ADV" and verb.doc[before].is_lower:
        before -= 1
    last = verb.doc[before]
    if last.ent_type_ != "PERSON" or not subject.left_edge.i <= last.i <= subject.right_edge.i or last.i == subject.i:
        return None
    first = last.i
    while first > subject.i and verb.doc[first].ent_iob_ == "I":
        first -= 1  # (to the name's first word)
    if not (first > subject.i and verb.doc[first - 1].tag_ == "POS"):
        return None
    # the owner is a body's name, capitalised but for its small words ("War on Want's"),
    # not a phrase with a common noun ("The father of Labour's John Smith", "Critics of Labour's …")
    owner = verb.doc[subject.left_edge.i : first - 1]
    if not owner or any(
        not t.text[:1].isupper() and t.lower_ not in ("of", "on", "the", "for", "and", "&") for t in owner
    ):
        return None
    if is_agent_noun((subject.lemma_ or subject.lower_).lower()):
        return None  # ("Critics of Labour's Tony Blair", "A spokesman for Labour's John Prescott")
    # ("Supporters of Labour's …": the possessive is a listed body's, not the whole phrase's)
    tail = verb.doc[first - 2] if first >= 2 else None
    if tail is not None and canonical_body(tail.text) is not None and canonical_body(owner.text) is None:
        return None
    return last


def speaker_for(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token heading the mention of who speaks through the cue `verb`, or None."""
    found = find_speaker(context, verb, window_start, window_end)
    return found[0] if found else None


def find_speaker(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> tuple[Token, str] | None:
    """Who speaks through the cue `verb` and how that was found (a key of `evidence.HOW`)."""
    found = find_origin(context, verb, window_start, window_end)
    if found is None:
        return None
    return party_of(context, *found)


def party_of(context: QuoteContext, origin: Token, how: str) -> tuple[Token, str] | None:
    """`speaking_party` of an origin found `how`, with how the party was found: a role with a
    name beside it gives the name ("apposition"), a document speaks as itself ("document")."""
    if origin.ent_type_ != "PERSON" and origin.pos_ in ("NOUN", "PROPN") and not is_document(origin):
        # "WASHINGTON -- President Obama, …, said", "the election, Minyon Moore, …, called":
        # the parse may make the name an apposition of the word before it
        name = apposed_name(origin)
        if name is not None and (name.ent_type_ == "PERSON" or looks_personal(name)):
            return name, "apposition" if origin.pos_ == "NOUN" and is_agent_noun(origin.lemma_.lower()) else how
    party = speaking_party(context, origin)
    if party is None:
        return None
    if is_document(party):
        return party, "document"
    if party.pos_ == "NOUN" or party.lower_ in TITLE_WORDS:
        name = apposed_name(party)
        if name is None and (party.lemma_ or party.lower_).lower() in ORG_NOUNS:
            name = closing_body_name(party)
        if name is not None:
            return name, "apposition"
    return party, how


def speaking_party(context: QuoteContext, token: Token) -> Token | None:
    """Who speaks when `token` heads the origin: a name, a pronoun or a person or body noun
    as it is; for a thing ("a Kremlin statement", "a report by Amnesty") the person or
    organisation the phrase names; for a thing naming no one ("a briefing"), nobody."""
    if context.in_address(token):
        return None
    if (
        token.ent_type_ in SPEAKER_ENTITIES
        or is_name(token)
        or token.pos_ == "PRON"
        or token.lower_ in PERSON_PRONOUN_FORMS
    ):
        return token
    if token.pos_ != "NOUN" or is_agent_noun((token.lemma_ or token.lower_).lower()):
        return token  # a role or body noun, resolved later to the name it stands for
    if capitalised_body(token):
        return token  # "Labour later took the image down, saying …" (the tagger's common noun)
    if counted_people(token):
        return token  # "A majority of voters said", "large numbers of backbench MPs insist"
    if (token.lemma_ or token.lower_).lower() in FINDING_BODY_NOUNS:
        return token  # "The inquest found that …"
    if is_document(token):
        return token  # a document, poll or dataset is a source of its own
    named = [
        t
        for t in context.doc[token.left_edge.i : token.i]
        if t.ent_type_ in GIVER_ENTITIES and not context.in_address(t)
    ]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ORIGIN_PREPOSITIONS:
            named += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in GIVER_ENTITIES]
    if named:
        return named[-1] if named[-1].i < token.i else named[0]
    # "a ministry statement", "the newspaper's report": a body noun modifying the thing
    bodies = [
        c
        for c in token.lefts
        if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "NOUN" and is_agent_noun((c.lemma_ or c.lower_).lower())
    ]
    return bodies[-1] if bodies else None


def is_institution(token: Token) -> bool:
    """An organisation, government or place speaking as a body ("the White House", "the ministry")."""
    if token.ent_type_ in INSTITUTION_ENTITIES:
        return True
    return token.pos_ in ("NOUN", "PROPN") and token.tag_ not in ("NNS", "NNPS") and token.lemma_.lower() in ORG_NOUNS


def person_named_by(token: Token) -> Token | None:
    """`token` when it is a person's name, or the name in apposition to a role noun
    ("its spokesman, Ivan Petrov")."""
    if token.ent_type_ == "PERSON":
        return token
    if token.lemma_.lower() in PERSON_NOUNS:
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return child
    return None


def voice_institution(context: QuoteContext, quote: QuoteSpan) -> None:
    """An institution's statement voiced by a person the same sentence names ("The White
    House said it sees 'no indication' …, as John Kirby put it" · "…, the ministry said,
    according to spokeswoman Anna Berg"): the person is the speaker."""
    if quote.speaker is None or quote.cue_at < 0:
        return
    head = context.doc[quote.speaker_head] if quote.speaker_head >= 0 else context.token_at(quote.speaker[1] - 1)
    if head is None or not is_institution(head):
        return
    cue = context.doc[quote.cue_at]
    sent_start, sent_end = context.sentence_bounds(cue, *context.paragraph_around(cue.idx))
    for token in context.tokens_in(sent_start, sent_end):
        if token.i == cue.i or context.is_quoted(token) or quote.start <= token.idx < quote.end:
            continue
        if not is_reporting(token) or is_passive_participle(token):
            continue
        if (
            token.dep_ == "relcl"
            or in_time_clause(token)
            or any(c.dep_ == "mark" and c.lower_ != "as" for c in token.children)
        ):
            continue  # "…, after Biden told reporters …" reports something else
        subject = subject_of(token, sent_start, sent_end)
        person = person_named_by(subject) if subject is not None and not context.is_quoted(subject) else None
        if person is not None:
            set_speaker(quote, person, "voice")
            return
