"""Pronoun and nominal speakers ("he said", "the senior official added") resolved to a name.

- he/she: the previous quote's speaker when no one else who agrees with the pronoun has been
  named as a sentence's subject since (within `SPEAKER_CONTINUITY_PARAGRAPHS`), else the last
  person named before it who agrees (honorific, first name, role noun, earlier pronouns) and is
  neither a listener ("told Jane Hill", "asked by Jane Hill") nor inside a prepositional phrase
  or a possessive ("a rally for Hillary Clinton", "Blair's plan").
- it/they: only a body or group that spoke just before ("the ministry said … it added").
- "the Tory leader": the person the article gives that role ("Tory leader Michael Howard");
  a role with a body of its own ("the Darlington Council spokesman") stands for itself unless
  someone has that role; else the previous speaker when nothing says otherwise.
- "the ministry": the body that spoke just before, or one whose name has that noun.

A quote that carries another's speaker takes its resolution. Each records how (`QuoteSpan.how`)
and how sure that is (`QuoteSpan.confidence`, from `evidence.HOW`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from index.actors.bodies import canonical_body, parties
from index.gender import Gender, conflicting, name_gender, pronoun_gender, role_gender
from index.lexicon import (
    ANONYMOUS_ROLES,
    ASKING_VERBS,
    BODY_NOUNS,
    DAILY_TITLE_WORDS,
    DENIAL_VERBS,
    GENERIC_BODY_NOUNS,
    HONORIFICS,
    NAME_LEAD_WORDS,
    NEWSPAPER_DAYS,
    NEWSPAPER_NOUNS,
    NEWSPAPER_TITLE_WORDS,
    NON_NAMING_SUBJECTS,
    OFFICE_ABBREVIATIONS,
    OFFICE_DEFINING,
    OFFICE_TITLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUN_FORMS,
    PLURAL_PARTY_NAMES,
    POLITICAL_POSTS,
    POSSESSIVE_ENDING,
    POST_NOMINAL_POSTS,
    POST_NOMINALS,
    RANK_QUALIFIERS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SEAT_NOUNS,
    SPOKESPERSON_NOUNS,
    TITLE_WORDS,
)
from index.quotes.context import BODY_ENTITIES
from index.quotes.cues import is_reporting
from index.quotes.evidence import capitalised_body, confidence_of, kind_of, names_a_known_body
from index.quotes.referents import Person, Referents, same_person
from index.quotes.span import CharSpan, QuoteSpan
from index.quotes.speakers import (
    NAME_TITLES,
    document_title,
    hyphen_parts,
    is_agent_noun,
    is_document,
    is_name,
    mention_span,
    titled_start,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

# A pronoun this many paragraphs after an attributed quote still points to its speaker.
SPEAKER_CONTINUITY_PARAGRAPHS = 2
# How many paragraphs back a pronoun looks for the person it stands for.
ANTECEDENT_PARAGRAPHS = 3
# What a speaker that names no one stands for: a person, an organisation, a group, or nothing.
Referent = Literal["person", "org", "group", ""]
Resolution = tuple[CharSpan | None, str]  # (the name it stands for, or None to keep it; how)
# The paragraphs of a lede (the headline's, the first): an office named there is often named in
# full only further on, and a plural role ("MPs say …") may stand for the body it names later.
LEDE_PARAGRAPHS = 1
# The ways of finding a speaker that name them in the sentence (evidence "named").
NAMED_WAYS = frozenset({"subject", "apposition", "voice"})
# How many sentences back "it" may find the body its paragraph is about.
TOPIC_SENTENCES = 3
# How long a main clause's subject may be for a pronoun after it to stand for it.
MAX_SUBJECT_TOKENS = 8
# Quantifiers that stand for people not named ("Many said …", "Others argued …").
GROUP_WORDS = frozenset({"many", "some", "others", "most", "few", "several", "all", "both"})
# Entities that are never a person, for a previous speaker "he" may stand for.
NOT_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"})


def needs_resolution(token: Token) -> Referent:
    """What a pronoun or definite role noun stands for."""
    lower = token.lower_
    if lower in PERSON_PRONOUN_FORMS or lower == "his":
        return "person"
    if lower == "its":
        return "org"
    if lower == "their":
        return "group"
    if lower == "it":
        # "…, it has been confirmed": an empty subject of a passive names no one
        passive = token.dep_ in ("nsubjpass", "expl") or any(c.dep_ == "auxpass" for c in token.head.children)
        return "" if passive else "org"
    if lower == "they":
        return "group"
    determined = token.left_edge.lower_ in DEFINITE_DETERMINERS and token.left_edge.dep_ == "det"
    if (
        determined
        and token.ent_type_ in BODY_ENTITIES
        and token.pos_ in ("NOUN", "PROPN")
        and token.tag_ not in ("NNS", "NNPS")
        and token.lower_.split("-")[-1] in ROLE_HEADS
    ):
        return "person"  # "The Conservative Party Co-Chairman said": a role the tagger took for a body
    if determined and _aged(token):
        return "person"  # "The 52-year-old said", "the 27-year-old Austrian added"
    if determined and lower in POST_NOMINAL_POSTS and token.tag_ not in ("NNS", "NNPS"):
        return "person"  # "The MEP said", which the tagger may call a body or a name
    if token.ent_type_ in ("PERSON", *BODY_ENTITIES) or (is_name(token) and not is_title_word(token)):
        return ""
    if not (token.pos_ == "PROPN" or _common_noun(token)) or token.tag_ in ("NNS", "NNPS"):
        return ""
    # a place's or body's possessive is as definite as "the": "London's most senior police officer";
    # so is the outlet's own "our correspondent"
    placed = any(
        c.dep_ == "poss" and (c.ent_type_ in BODY_ENTITIES or c.lower_ == "our")
        for part in hyphen_parts(token)
        for c in part.children
    )
    # ... and so is a body's the article introduced: "the political reform group's general secretary"
    if not placed and not _determined(token) and not _of_a_known_body(token):
        return ""
    lemma = token.lemma_.lower()
    if lemma in PERSON_NOUNS or token.lower_ in ROLE_HEADS:
        return "person"
    if lemma in ORG_NOUNS:
        return "org"
    return ""


def _age_of(token: Token) -> str:
    """The number of an age phrase's "N-year-old" at or under `token` ("" when none)."""
    age = token if token.lower_ == "old" else next((c for c in token.children if c.lower_ == "old"), None)
    year = next((c for c in age.children if c.lower_ in ("year", "years")), None) if age is not None else None
    number = next((c for c in year.children if c.like_num), None) if year is not None else None
    return number.text if number is not None else ""


def _age_of_someone_unnamed(token: Token) -> bool:
    """The article gave that age before to someone it does not name ("a 52-year-old man")."""
    number = _age_of(token)
    return bool(number) and any(
        earlier.lower_ == "old"
        and earlier.head.pos_ == "NOUN"
        and not earlier.head.ent_type_
        and _age_of(earlier) == number
        for earlier in token.doc[: token.left_edge.i]
    )


def _aged(token: Token) -> bool:
    """An age standing for a person named before it: "the 52-year-old" (the age as the noun), "the
    27-year-old Austrian" (a nationality); "the 15-year-old ban" is a thing."""
    age = token if token.lower_ == "old" else next((c for c in token.children if c.lower_ == "old"), None)
    if age is None or not any(c.lower_ in ("year", "years") for c in age.children):
        return False
    return age is token or token.ent_type_ == "NORP"


def _opening_common(token: Token) -> bool:
    """A sentence's first word, capitalised only for that: a pronoun or common word, no name."""
    return bool(token.is_sent_start) and (token.pos_ == "PRON" or (token.pos_ != "PROPN" and not token.ent_type_))


def is_title_word(token: Token) -> bool:
    """A capitalised role word heading a phrase of its own ("The Archbishop of Canterbury")."""
    return token.lower_ in TITLE_WORDS and token.ent_type_ != "PERSON"


def head_of(context: QuoteContext, quote: QuoteSpan) -> Token | None:
    """The token heading the quote's speaker mention as written."""
    if quote.speaker_head >= 0:
        return context.doc[quote.speaker_head]
    if quote.speaker is None:
        return None
    return context.token_at(quote.speaker[1] - 1)


class Resolver:
    """Resolves the speakers of one article's quotes in text order."""

    def __init__(self, context: QuoteContext) -> None:
        self.context = context
        self.referents = Referents(context)
        self.done: list[QuoteSpan] = []
        self.parsed = context.doc.has_annotation("DEP")
        self.source: QuoteSpan | None = None  # the quote the last resolution continued
        # office words -> the person an earlier role of those words was resolved to, and that quote
        self.noted_offices: dict[frozenset[str], tuple[Person, QuoteSpan]] = {}

    # --- what is known of a speaker already found ---------------------------------------------

    def person_at(self, span: CharSpan) -> Person:
        """The person mention at `span`, or one made from its text (a label, a name the
        tagger did not call a person)."""
        found = self.referents.at(*span)
        if found is not None:
            return found
        text = POSSESSIVE_ENDING.sub("", self.context.text[span[0] : span[1]]).strip()
        words = text.split() or [""]
        return Person(
            start=span[0],
            end=span[1],
            surname=words[-1].lower(),
            first=words[0].lower() if len(words) >= 2 else "",
            gender=name_gender(text),
            subject=True,
            main_subject=True,
            listener=False,
            oblique=False,
        )

    def span_of(self, person: Person) -> CharSpan:
        """The span of a person's mention, with its form of address ("Mr Brown")."""
        token = self.context.token_at(person.end - 1)
        if token is None:
            return person.start, person.end
        start, end = mention_span(token)
        # (a name the tagger left untagged keeps its first name: "Piers Freelove")
        return (min(start, person.start), end) if not token.ent_type_ else (start, end)

    def kind_of_speaker(self, quote: QuoteSpan) -> str:
        """person, org, group, ... of a quote's resolved speaker."""
        if quote.resolved is None:
            return ""
        head = self.context.token_at(quote.resolved[1] - 1)
        if quote.resolved == quote.speaker:
            head = head_of(self.context, quote) or head
        if head is None:
            return ""
        if quote.how == "document" or (quote.how == "pronoun-topic" and is_document(head)):
            return "document"  # ("Thursday's report … It said …")
        if quote.how == "role-body":  # the body a spokesperson speaks for
            return "group" if head.tag_ in ("NNS", "NNPS") and head.ent_type_ not in BODY_ENTITIES else "org"
        if quote.how in ("label", "apposition"):
            return "person"  # (the tagger may call "Ines Varga" beside "a spokeswoman" an organisation)
        if head.tag_ in ("NNS", "NNPS") or head.lower_ in PLURAL_PARTY_NAMES:
            return "group"  # "the Lib Dems", "the Tories": never "he"
        if (head.ent_type_ == "PERSON" and not names_a_known_body(head)) or (
            head.ent_type_ == "ORG" and self.titled(quote.resolved)
        ):
            return "person"
        if head.ent_type_ in NOT_PERSON_ENTITIES:
            # (a person's name the tagger called a place: mislabelled_full_names, a titled body)
            return "person" if self.referents.at(*quote.resolved) is not None else kind_of(head, quote.how)
        if quote.how in ("unresolved", "none"):
            return ""
        return kind_of(head, quote.how)

    def titled(self, span: CharSpan) -> bool:
        """The name has a person's title or form of address ("Cardinal Murphy-O'Connor", the
        tagger calling it an organisation)."""
        words = self.context.text[span[0] : span[1]].replace(".", " ").split()
        if len(words) >= 2 and words[0].lower() in NAME_TITLES | ROLE_HEADS:
            return True
        first = self.context.token_at(span[0])
        return first is not None and titled_start(first) is not None

    def previous_speaker(self, before: int, kinds: tuple[str, ...]) -> QuoteSpan | None:
        """The last quote before offset `before`, within `SPEAKER_CONTINUITY_PARAGRAPHS`,
        whose speaker is of one of `kinds`."""
        paragraph = self.context.paragraph_of(before)
        for quote in reversed(self.done):
            if quote.resolved is None or quote.start >= before:
                continue
            if paragraph - self.context.paragraph_of(quote.start) > SPEAKER_CONTINUITY_PARAGRAPHS:
                return None
            if quote.how in ("unresolved", "none") or self.reported_within(quote):
                continue
            kind = self.kind_of_speaker(quote)
            if (
                kind in kinds
                or ("person" in kinds and self.body_voice(quote))
                or ("group" in kinds and kind == "person" and self.speaks_with_another(quote))
            ):
                return quote
        return None

    def speaks_with_another(self, quote: QuoteSpan) -> bool:
        """ "Health Secretary John Reid and Labour peer Lord Haskins said …": a person's mention
        coordinated with another person's, the pair a following "they" goes on with (not a group
        that spoke before them)."""
        head = head_of(self.context, quote)
        if head is None or self.context.is_quoted(head):
            return False
        partners = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            partners.append(head.head)
        return any(
            (
                t.ent_type_ == "PERSON"
                or any(c.lower_ in NAME_TITLES for c in t.children if c.dep_ == "compound")  # "Lord Haskins"
                or (
                    is_agent_noun((t.lemma_ or t.lower_).lower()) and t.lemma_.lower() not in ORG_NOUNS
                )  # "… and a councillor"
            )
            and not names_a_known_body(t)
            for t in partners
        )

    def reported_within(self, quote: QuoteSpan) -> bool:
        """A speaker named inside another's statement ("Mr Howard denied Mr Yeo said the plans
        'stink'", "she said her aide had told her …"): someone the statement is about, not the
        one a following "he also said" goes on with."""
        if quote.speaker is None:
            return False
        at = quote.speaker[0]
        return any(
            other is not quote
            and other.start <= at < other.end
            and other.resolved is not None
            and other.resolved != quote.resolved
            and other.how not in ("unresolved", "none")
            for other in self.done
        )

    def body_voice(self, quote: QuoteSpan) -> Token | None:
        """The spokesperson as written ("A spokeswoman") of a quote given to the body they speak
        for: "she added" goes on with them."""
        source = quote
        while source.how == "carried" and source.carries is not None:
            source = source.carries
        if source.how != "role-body" or source.speaker_head < 0:
            return None
        return self.context.doc[source.speaker_head]

    def candidates(self, at: int, sentence: int, gender: Gender) -> list[Person]:
        """People a pronoun at offset `at` in the sentence starting at token `sentence` may
        stand for: named before it, nearby, agreeing, not listening, not in a phrase of another."""
        paragraph = self.context.paragraph_of(at)
        window = self.context.bounds[max(0, paragraph - ANTECEDENT_PARAGRAPHS)][0]
        out = []
        for person in self.referents.before(at, window):
            if person.listener or person.oblique:
                continue
            if conflicting(self.referents.gender_of(person), gender):
                continue
            if person.sentence == sentence and not person.subject:
                continue  # "After meeting Mr Brown, he said": an object of the same sentence
            out.append(person)
        return out

    def competitors(self, people: list[Person], since: int, speaker: Person) -> list[Person]:
        """Others named as a main subject after offset `since`: a change of topic."""
        return [p for p in people if p.start >= since and p.main_subject and not same_person(p, speaker)]

    # --- resolution ----------------------------------------------------------------------------

    def pronoun(self, token: Token, quote: QuoteSpan) -> Resolution:
        """he/she/him/her."""
        gender = pronoun_gender(token.text)
        at = min(quote.start, token.idx)
        people = self.candidates(at, token.sent.start, gender)
        previous = self.previous_speaker(at, ("person",))
        voice = self.body_voice(previous) if previous is not None else None
        if voice is not None and previous is not None and previous.resolved is not None:
            said = role_gender(voice.text)
            since = max(previous.end, previous.speaker[1] if previous.speaker else 0)
            if not conflicting(said, gender) and not [p for p in people if p.start >= since and p.main_subject]:
                self.source = previous
                return previous.resolved, "pronoun-continuity"
        elif previous is not None and previous.resolved is not None:
            speaker = self.person_at(previous.resolved)
            # (a name inside the phrase the previous speaker went by, "the Lib Dem leader", is them)
            since = max(previous.end, previous.resolved[1], previous.speaker[1] if previous.speaker else 0)
            if not conflicting(self.referents.gender_of(speaker), gender) and not self.competitors(
                people, since, speaker
            ):
                self.referents.note_pronoun(speaker, gender)
                self.source = previous
                return previous.resolved, "pronoun-continuity"
            if (
                speaker.guessed
                and not people
                and self.context.paragraph_of(at) - self.context.paragraph_of(previous.start) <= 1
            ):
                # "Jan Berry said: '…' '…,' she warned": the name list's guess ("Jan" is male there)
                # gives way to the pronoun when no one else named agrees with it; doubtful all the same
                self.source = previous
                return previous.resolved, "pronoun-ambiguous"
        if not people:
            return None, "unresolved"
        # the last person named as a sentence's subject (or a clause's, in a sentence whose subject
        # is no one: "It dominated the conference, which saw Mr Blair start …"), else as any
        # clause's, else at all
        personal = {p.sentence for p in people if p.main_subject}
        subjects = [p for p in people if p.main_subject or (p.subject and p.sentence not in personal)] or [
            p for p in people if p.subject
        ]
        chosen = subjects[-1] if subjects else people[-1]
        near = self.context.paragraph_of(chosen.start)
        rivals = [
            p
            for p in people
            if not same_person(p, chosen) and (p.subject or not subjects) and self.context.paragraph_of(p.start) >= near
        ]
        self.referents.note_pronoun(chosen, gender)
        how = "pronoun-ambiguous" if rivals else "pronoun-antecedent"
        return self.span_of(chosen), how

    def body_pronoun(self, token: Token, quote: QuoteSpan, want: Referent) -> Resolution:
        """it/they: a body or group that spoke just before."""
        governing = self.governing_subject(token, want)
        if governing is not None:
            return governing, "pronoun-antecedent"
        at = min(quote.start, token.idx)
        # ("the report said … It added": a document goes on as "it")
        kinds = ("org", "group", "place", "document") if want == "org" else ("group", "org")
        previous = self.previous_speaker(at, kinds)
        if want == "org" and previous is not None and previous.resolved is not None:
            # "The Lib Dems say … Labour denies breaking rules. It says …": the body that answered
            # in the sentence just before, though it gave no words of its own, not the one before it
            answering = self.body_subject_before(token, reporting=True)
            if answering is not None and answering[0] >= previous.end:
                return answering, "pronoun-antecedent"
        topic = self.body_topic_before(token, want)
        if topic is not None and (previous is None or previous.resolved is None or previous.end <= topic[0]):
            # "Labour says … They say …. The Tories have promised a cut … They say …": the body
            # the paragraph is about, not the one that spoke before it
            return topic, "pronoun-antecedent"
        if (
            previous is None
            or previous.resolved is None
            or (self.context.paragraph_of(at) - self.context.paragraph_of(previous.start) > 1)
        ):
            subject = self.body_subject_before(token) if want == "org" else None
            if subject is not None:
                return subject, "pronoun-antecedent"
            topic = self.body_topic_of_paragraph(token) if want == "org" else None
            return (topic, "pronoun-topic") if topic is not None else (None, "unresolved")
        self.source = previous
        if want == "group" and previous.speaker_head >= 0 and _one_body(self.context.doc[previous.speaker_head]):
            # "they" for "the board" is British usage, but as often someone else: doubtful
            return previous.resolved, "pronoun-ambiguous"
        return previous.resolved, "pronoun-continuity"

    def body_topic_before(self, token: Token, want: Referent) -> CharSpan | None:
        """For "they" opening a sentence or a relative clause: the party or plural body that is the
        main subject of the sentence just before, or else of an earlier sentence of its paragraph
        with no other plural subject between ("Labour says … They say …"; "The Tories have promised
        a cut … They say …"; "The Liberal Democrats want to scrap the tax. The rate would be set
        locally … They say …"; not "The Tories want X. Students are not convinced. They say …")."""
        if want != "group":
            return None  # ("it" goes on with the body or document that spoke before)
        sentence = token.sent
        # (only a pronoun opening its sentence, "But they say …", or a relative clause's cue, "… the
        # Inland Revenue, which they say would save £300m")
        opening = token.i - sentence.start <= 1 or token.head.dep_ == "relcl"
        if sentence.start == 0 or not opening:
            return None
        paragraph = self.context.paragraph_of(sentence.start_char)
        before = self.context.doc[sentence.start - 1].sent
        if paragraph - self.context.paragraph_of(before.start_char) > 1:
            return None
        # (a paragraph's opening "they" looks back to the last sentence of the one before, no
        # further: "Labour and the Tories have attacked his policies. ¶ Inevitably they insist …")
        earlier = before
        while True:
            root = earlier.root
            subjects = [
                t
                for t in earlier
                if t.dep_ in ("nsubj", "nsubjpass")
                and root in (t.head, t.head.head)  # ("Students are not convinced": on its auxiliary)
                and not self.context.is_quoted(t)
            ]
            for subject in subjects:
                if (
                    names_a_known_body(subject)
                    or subject.lower_ in PLURAL_PARTY_NAMES
                    or (subject.tag_ == "NNPS" and subject.ent_type_ in ("ORG", "NORP"))
                ):
                    return mention_span(subject)
            if any(t.tag_ in ("NNS", "NNPS") or t.lower_ == "they" for t in subjects):
                return None  # ("… Students are not convinced. They say …": those others)
            if earlier.start == 0 or self.context.paragraph_of(self.context.doc[earlier.start - 1].idx) != paragraph:
                return None  # (the paragraph's first sentence)
            earlier = self.context.doc[earlier.start - 1].sent

    def body_subject_before(self, token: Token, *, reporting: bool = False) -> CharSpan | None:
        """ "…, when the Sentencing Guidelines Council published its proposals. It had suggested
        …": "it" with no body speaking before is the one organisation the sentence before has for
        a clause's subject."""
        sentence = token.sent
        if sentence.start == 0:
            return None
        before = self.context.doc[sentence.start - 1].sent
        if self.context.paragraph_of(before.start_char) < self.context.paragraph_of(sentence.start_char) - 1:
            return None
        answering = (before.root.lemma_ or before.root.lower_).lower() in DENIAL_VERBS | REPLY_VERBS
        if reporting and not (is_reporting(before.root) and answering):
            return None  # (only a body that answered: "Labour denies breaking rules", its verb's subject)
        words = [c for c in before.root.children if c.dep_ == "nsubj"] if reporting else list(before)
        bodies = {
            mention_span(t)
            for t in words
            if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "ORG" and not self.context.is_quoted(t)
        }
        return bodies.pop() if len(bodies) == 1 else None

    def body_topic_of_paragraph(self, token: Token) -> CharSpan | None:
        """ "The committee also highlighted … Between 1990 and 2004, 25 children have taken their
        own lives … It urged the home secretary …" · "Thursday's report was drawn up by two
        committees … It said …": "it" opening a sentence, with no body speaking before, is the one
        body or document an earlier sentence of its paragraph (or the sentence just before it) has
        for its main subject, none but plural subjects, things and "it" between; a person as a main
        subject between ends the search (the paragraph has turned to them)."""
        context = self.context
        sentence = token.sent
        if token.i - sentence.start > 1 or sentence.start == 0:
            return None
        paragraph = context.paragraph_of(sentence.start_char)
        earlier = context.doc[sentence.start - 1].sent
        for _ in range(TOPIC_SENTENCES):
            if paragraph - context.paragraph_of(earlier.start_char) > 1:
                return None
            spoken = [
                q for q in self.done if q.speaker is not None and earlier.start_char <= q.speaker[0] < earlier.end_char
            ]
            if spoken:
                # ("As a result, says the committee, the government may need to … It is also calling
                # on …": the one who spoke there, not a subject of their words)
                last = spoken[-1]
                kind = self.kind_of_speaker(last)
                return (last.resolved or last.speaker) if kind in ("org", "document") else None
            root = earlier.root
            # (a reporting verb's subject first: "As a result, says the committee, the government may …")
            verbs = [t for t in earlier if is_reporting(t) and t.i != root.i]
            verbs += [root, *[c for c in root.children if c.dep_ == "conj"]]
            subjects = [
                c
                for verb in verbs
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass") and not context.is_quoted(c)
            ]
            for subject in subjects:
                if subject.lower_ == "it" or subject.tag_ in ("NNS", "NNPS"):
                    continue
                if subject.ent_type_ == "PERSON" or subject.lower_ in PERSON_PRONOUN_FORMS:
                    return None
                lemma = (subject.lemma_ or subject.lower_).lower()
                if subject.ent_type_ == "ORG" or (
                    _definite(subject) and (is_document(subject) or lemma in ORG_NOUNS | GENERIC_BODY_NOUNS)
                ):
                    return mention_span(subject)
                if subject.pos_ in ("PROPN", "NOUN"):
                    return None  # (someone or something else the paragraph is about: "The rule … It says …")
            if context.paragraph_of(earlier.start_char) != paragraph or earlier.start == 0:
                return None  # (the sentence just before, in the paragraph before: no further)
            earlier = context.doc[earlier.start - 1].sent
        return None

    def governing_subject(self, token: Token, want: Referent) -> CharSpan | None:
        """ "The campaigners were so angered they threatened …": they/it as the subject of a
        clause that depends on a main clause (not a reporting one), or is joined to it ("Opposition
        parties want more local policing but they accuse …"), stands for that clause's subject, a
        body or group that agrees with it."""
        verb = token.head
        if token.dep_ != "nsubj" or verb.dep_ not in ("ccomp", "advcl", "conj"):
            return None
        root = verb.head
        while root.dep_ in ("acomp", "advmod") and root.head is not root:
            root = root.head  # "were so angered they …"
        if root.dep_ != "ROOT":
            return None
        if want == "group" and verb.dep_ == "conj":
            addressed = self.addressed_group(root, token)
            if addressed is not None:
                return addressed
        if is_reporting(root):
            return None  # "The Tories insisted they would …": their content, not a speaker
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None)
        if subject is None or subject.pos_ == "PRON" or self.context.is_quoted(subject):
            return None
        words = list(subject.subtree)
        if len(words) > MAX_SUBJECT_TOKENS or any(t.dep_ in ("relcl", "acl", "advcl", "ccomp") for t in words):
            return None
        plural = any(t.tag_ in ("NNS", "NNPS") and t.dep_ in ("appos", "nsubj", "nsubjpass") for t in words)
        body = subject.ent_type_ in ("ORG", "NORP") or subject.lower_ in PLURAL_PARTY_NAMES
        # ... or, for "it", a body named by its noun ("The committee reached its conclusions after
        # it found …")
        body = body or (
            want == "org"
            and subject.tag_ == "NN"
            and subject.lemma_.lower() in ORG_NOUNS | BODY_NOUNS
            # ("The company sued the newspaper after it claimed …": either)
            and not any(
                c.dep_ == "dobj" and (c.ent_type_ == "ORG" or c.lemma_.lower() in ORG_NOUNS | BODY_NOUNS)
                for c in root.children
            )
        )
        if not (plural or body) or (want == "org" and plural and not body):
            return None
        return words[0].idx, words[-1].idx + len(words[-1].text)

    def addressed_group(self, root: Token, token: Token) -> CharSpan | None:
        """ "The finance minister has urged councils to limit increases but they have warned …":
        "they" heading a clause joined to a main clause whose subject is one person (who is no
        "they") stands for the people or bodies that person acted on, the main verb's one plural
        object (not "He praised the results but they …": a thing)."""
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children):
            return None
        lemma = (subject.lemma_ or subject.lower_).lower()
        one_person = (
            subject.lower_ in ("he", "she")
            or (subject.ent_type_ == "PERSON" and not names_a_known_body(subject))
            or (subject.ent_type_ not in BODY_ENTITIES and (lemma in PERSON_NOUNS or subject.lower_ in ROLE_HEADS))
        )
        if not one_person:
            return None
        objects = [c for c in root.children if c.dep_ == "dobj" and c.i < token.i and not self.context.is_quoted(c)]
        if len(objects) != 1:
            return None
        addressed = objects[0]
        lemma = (addressed.lemma_ or addressed.lower_).lower()
        plural = addressed.tag_ in ("NNS", "NNPS") or addressed.lower_ in PLURAL_PARTY_NAMES
        if not plural or not (
            addressed.ent_type_ in ("ORG", "NORP") or addressed.lower_ in PLURAL_PARTY_NAMES or is_agent_noun(lemma)
        ):
            return None
        return mention_span(addressed)

    def role(self, token: Token, quote: QuoteSpan) -> Resolution:
        """A definite person role: "the Tory leader", "the minister", "the Darlington Council
        spokesman". An office resolved to someone surely enough (`NOTED_ROLE_HOWS`: "Tony Blair has
        said …" then "The prime minister said …") is theirs when the article next says it the same
        way with no one given it since ("role-noted")."""
        words = self.office_words(token)
        noted = self.noted_offices.get(words) if words else None
        if noted is not None:
            person, resolution = noted
            at = min(quote.start, token.idx)
            if not any(
                not same_person(p, person)
                and words <= self.referents.roles_of(p)
                and not (self.referents.roles_of(p) & RANK_QUALIFIERS) - words
                for p in self.referents.before(at)
            ):
                self.source = resolution
                return resolution.resolved, "role-noted"
        found, how = self.find_role(token, quote)
        if words and found is not None and how in NOTED_ROLE_HOWS:
            holder = self.referents.at(*found)
            if holder is not None:
                self.noted_offices[words] = (holder, quote)
        return found, how

    def office_words(self, token: Token) -> frozenset[str]:
        """The words of a role phrase that names an office ("the prime minister": {"prime",
        "minister"}), or none for a role of no office ("the spokesman") or another rank ("the
        deputy prime minister" is noted as itself)."""
        words = {t.lower_ for t in self.context.tokens_in(*mention_span(token)) if t.dep_ != "det" and t.is_alpha}
        words.add(token.lemma_.lower())
        for short, spelt in OFFICE_ABBREVIATIONS.items():
            if short in words:
                words = words - {short} | set(spelt)
        return frozenset(words) if words & OFFICE_DEFINING else frozenset()

    def find_role(self, token: Token, quote: QuoteSpan) -> Resolution:
        context = self.context
        if _aged(token) and _age_of_someone_unnamed(token):
            return None, "role-unnamed"  # "Police arrested a 52-year-old man … The 52-year-old said"
        lemma = token.lemma_.lower()
        # a body's unnamed voice ("the council spokesman") stands for itself; an office or a
        # person the article means ("the Lib Dem leader") is someone it may name elsewhere
        unnamed = "role-alone" if lemma in ANONYMOUS_ROLES else "role-unnamed"
        at = min(quote.start, token.idx)
        phrase = [t for t in context.tokens_in(*mention_span(token)) if t.i != token.i]
        modifiers = {t.lower_ for t in phrase if t.dep_ != "det" and t.is_alpha and t.lower_ not in ("of", "for")}
        if lemma in OFFICE_ABBREVIATIONS:  # "The PM" is "the prime minister"
            *spelt_out, lemma = OFFICE_ABBREVIATIONS[lemma]
            modifiers |= set(spelt_out)
        # the names and bodies the role's phrase holds ("the Darlington Council spokesman")
        bodies = [t for t in phrase if is_name(t) or t.ent_type_ in BODY_ENTITIES]
        # a seat with its constituency ("the MP for Sittingbourne and Sheppey"), which says where,
        # like a place
        places = [t for t in bodies if lemma in SEAT_NOUNS and _in_seat_place(t, token)]
        seat = bool(places)
        affiliations = [t for t in bodies if t not in places]  # ("Labour" of "the Labour MP for …")
        own_body = bool(bodies) or any(c.dep_ == "prep" and c.lower_ in ("for", "of", "at") for c in token.rights)
        people = [p for p in self.referents.before(at) if not p.listener]
        # (a capital a sentence's first word takes is no name: "Our correspondent said")
        capitalised = [t for t in phrase if t.text[:1].isupper() and t.dep_ != "det" and not _opening_common(t)]
        proper = {t.lower_ for t in capitalised}
        written = " ".join(t.text for t in capitalised)
        listed = canonical_body(written) if written else None
        forms = [_singular(proper)] + ([_singular(set(listed.lower().split()) - {"party"})] if listed else [])

        def holders(candidates: list[Person], *, exact: bool = False) -> list[Person]:
            # ("the prime minister" is not "Deputy Prime Minister John Prescott")
            known = [
                p
                for p in candidates
                if lemma in self.referents.roles_of(p)
                and not (self.referents.roles_of(p) & RANK_QUALIFIERS) - modifiers
            ]
            if proper:
                # "The Democratic presidential nominee" is not "Republican presidential nominee Trump";
                # "the Lib Dem leader" is "Liberal Democrat leader Charles Kennedy" (one body's names)
                return [p for p in known if any(words <= _singular(self.referents.roles_of(p)) for words in forms)]
            if modifiers & OFFICE_DEFINING:
                # "the foreign secretary" is not "Home Secretary Charles Clarke", nor "the prime
                # minister" a "Home Office minister": a word that makes the office one of its own
                # must be among the person's roles
                distinct = modifiers & OFFICE_DEFINING
                return [p for p in known if distinct <= self.referents.roles_of(p)]
            if exact:  # every word of the phrase among the person's roles ("attorney general")
                return [p for p in known if modifiers <= self.referents.roles_of(p)]
            if modifiers:
                return [p for p in known if modifiers & self.referents.roles_of(p)] or known
            return known

        known = holders(people)
        if known:
            return self.span_of(known[-1]), "role-known"
        in_lede = context.paragraph_of(at) <= LEDE_PARAGRAPHS
        if in_lede and not own_body:
            # A lede's office ("the courts minister has told MPs") that the story names further on
            # ("said courts minister Christopher Leslie"): the one person it gives that office.
            later = holders([p for p in self.referents.after(at) if not p.listener], exact=True)
            if later and all(same_person(p, later[0]) for p in later):
                return self.span_of(later[0]), "role-later"
        if in_lede and lemma not in ANONYMOUS_ROLES and not self.referents.before(at):
            # A lede that describes its speaker ("The attorney general has again denied …",
            # "…, London's most senior police officer has said") and names them as the subject
            # of the paragraph after it ("Lord Goldsmith said …"); a body's unnamed voice ("the
            # council spokesman") is no one the article names
            named = self.lede_named_next(at, modifiers | {lemma})
            if named is not None:
                return self.span_of(named), "role-lede"
        body_names = [t.text for t in bodies]
        body_words = {name.lower() for name in body_names}
        previous = self.previous_speaker(at, ("person",))
        if (
            previous is not None
            and previous.how in ("role-unnamed", "role-alone")
            and previous.speaker_head >= 0
            and _role_kind(context.doc[previous.speaker_head].lemma_.lower()) != _role_kind(lemma)
        ):
            previous = None  # "The PM said …" then "The MP for Hull said": another unnamed role, someone else
        if previous is not None and previous.resolved is not None:
            speaker = self.person_at(previous.resolved)
            since = max(previous.end, previous.resolved[1])
            nearby = self.candidates(at, token.sent.start, "")
            asked = self.asked(previous, token, quote)
            if (
                asked is not None
                and not same_person(asked, speaker)
                and not self.other_role(asked, modifiers | {lemma})
            ):
                # "Michael Fallon asked Mr Brown whether … But the chancellor said …": the one asked replies
                return self.span_of(asked), "role-answer"
            # "the Darlington Council spokesman" is the previous speaker only if the article
            # puts them with that body ("the US official" after "Kirby, the US … coordinator")
            # ... and "the chairman of the Police Federation" is not the Tory leader who spoke before
            # (the words the speaker went by count: "Tory Liam Fox" is of the Conservative Party);
            # a body of its own ("The Amnesty secretary-general" after "Irene Khan said") goes with
            # a speaker the article leaves undescribed and names no one new after (`unplaced`),
            # unless it replies
            went_by = set(context.text[previous.resolved[0] : previous.resolved[1]].lower().split())
            roles = self.referents.roles_of(speaker) | went_by
            same_body = (
                not own_body
                or _same_body(body_words, body_names, roles)
                or (
                    lemma not in ANONYMOUS_ROLES
                    and (_places_or_parties(affiliations) or self.unplaced(speaker, quote))
                    and _unaffiliated(roles, lemma, seat=seat)
                    and not _answers(context, quote)
                    and not self.named_within(quote, speaker)
                )
            )
            if (
                same_body
                and not self.competitors(nearby, since, speaker)
                and not self.other_role(speaker, modifiers | {lemma})
                and not self.spoke_of(speaker, lemma, modifiers, at)
                # "the UK prime minister" is not "Deputy Prime Minister John Prescott", nor "the
                # Labour leader" "Former Labour leader Neil Kinnock" (a seat is held beside a
                # former post: "Former Cabinet minister Douglas Hogg", "the Tory MP for Sleaford")
                and not ((roles & RANK_QUALIFIERS) - modifiers and not (seat and lemma not in roles))
            ):
                return previous.resolved, "role-continuity"
        if seat:
            # "Former welfare minister Frank Field MP criticised …" then "the Labour MP for
            # Birkenhead asked": the seat's holder named just before, though someone else spoke
            # between
            holder = self.seat_holder(at, token, affiliations)
            if holder is not None:
                return self.span_of(holder), "role-recent"
        if not own_body and lemma not in ANONYMOUS_ROLES and not _of_a_known_body(token):
            # "Gordon Brown has delivered a rousing speech …" then "The chancellor said …": the
            # one person a story's lede names, whom nothing says holds another post (a post in a
            # body the text introduced, "the charity's director", is someone else's)
            lede = self.lede_person(at, token)
            if lede is not None:
                others = [p for p in self.referents.people if not same_person(p, lede)]
                if not holders(others, exact=True) and not self.other_role(lede, modifiers | {lemma}):
                    return self.span_of(lede), "role-lede-subject"
        if lemma not in ANONYMOUS_ROLES:
            # "the Lib Dem chief executive said …" then "'…,' Lord Rennard told reporters": named next
            named = self.named_next(token, at, modifiers | {lemma})
            if named is not None:
                return self.span_of(named), "role-named-next"
        if own_body or (modifiers | {lemma}) & OFFICE_TITLES:
            # an office no one in the article is given ("the prime minister") stays as written
            return None, unnamed
        if _of_a_known_body(token):
            # "the charity's director" is someone the article may name, not the last person named
            return None, unnamed
        # ("The chairwoman said" is not Michael Howard)
        recent = [
            p
            for p in self.recent_subjects(at, token)
            if not self.other_role(p, modifiers | {lemma})
            and not conflicting(self.referents.gender_of(p), _marked_gender(token))
        ]
        if recent:
            return self.span_of(recent[-1]), "role-recent"
        return None, unnamed

    def spoke_of(self, speaker: Person, lemma: str, modifiers: set[str], at: int) -> bool:
        """The speaker's own words, in a statement named as theirs within
        `SPEAKER_CONTINUITY_PARAGRAPHS`, speak of the office ("Vince Cable said the chancellor had
        failed …"): the one who then "insisted" as the chancellor is someone else ("the home
        secretary" is another office than "the foreign secretary")."""
        paragraph = self.context.paragraph_of(at)
        for quote in self.done:
            source = quote.carries if quote.how == "carried" and quote.carries is not None else quote
            if quote.resolved is None or quote.start >= at or source.how not in NAMED_WAYS:
                continue  # (words given to someone by a pronoun or a role may be another's)
            if paragraph - self.context.paragraph_of(quote.start) > SPEAKER_CONTINUITY_PARAGRAPHS:
                continue
            if not same_person(self.person_at(quote.resolved), speaker):
                continue
            for token in self.context.tokens_in(quote.start, quote.end):
                if token.lemma_.lower() != lemma or not _definite(token):
                    continue
                if token.dep_ == "attr" or (token.dep_ == "pobj" and token.head.lower_ == "as"):
                    continue  # the speaker as the office: "he would not be the chancellor who …"
                words = {
                    t.lower_
                    for t in self.context.tokens_in(*mention_span(token))
                    if t.is_alpha and t.dep_ not in ("det", "poss") and t.lower_ not in ("of", "for")
                }
                if words - {token.lower_} == modifiers - {lemma, token.lower_}:
                    return True  # the bare office, as the role has it ("the last Tory chancellor" is another)
        return False

    def unplaced(self, speaker: Person, quote: QuoteSpan) -> bool:
        """A speaker a role with a body of its own ("The Amnesty secretary-general") may still be:
        the article ties them to no named body and gives them no description at all (not "Maria
        Kowalski, a volunteer", "Mother of two Sarah Quinn"), and names no one new as a subject
        from the role's sentence to the end of the next paragraph ("… Larry Flanagan added": the
        holder named after the role)."""
        if self.referents.affiliated(speaker) or self.referents.roles_of(speaker) - HONORIFICS:
            return False
        at = min(quote.start, quote.speaker[0] if quote.speaker else quote.start)
        paragraph = self.context.paragraph_of(at)
        known = {p.surname for p in self.referents.before(at)}  # (a surname named before is no one new)
        newcomers = [
            p
            for p in self.referents.after(at)
            if self.context.paragraph_of(p.start) <= paragraph + 1
            and p.main_subject
            and not p.listener
            and p.surname not in known
        ]
        return not newcomers

    def asked(self, previous: QuoteSpan, token: Token, quote: QuoteSpan) -> Person | None:
        """The person the previous statement asked ("Michael Fallon asked Mr Brown whether …"), its
        cue an asking verb with them as its object, when the role's sentence replies to it: it opens
        with a contrast ("But the chancellor said …") or its cue is a reply ("the minister hit
        back"). One only told something ("Tony Blair told Michael Howard …") does not answer."""
        context = self.context
        if previous.cue_at < 0 or not (token.sent[0].lower_ in REPLY_OPENERS or _answers(context, quote)):
            return None
        cue = context.doc[previous.cue_at]
        if cue.dep_ == "conj" and (cue.lemma_ or cue.lower_).lower() not in ASKING_VERBS:
            cue = cue.head  # "asked Mr Brown whether …, and said that …"
        if (cue.lemma_ or cue.lower_).lower() not in ASKING_VERBS:
            return None
        sentence = cue.sent
        if token.sent.start == 0 or context.doc[token.sent.start - 1].sent.start != sentence.start:
            return None  # (asked in the sentence just before)
        objects = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
        asked = [
            p
            for p in self.referents.people
            if p.listener
            and any(o.idx <= p.start < o.idx + len(o.text) or o.left_edge.idx <= p.start <= o.idx for o in objects)
        ]
        return asked[0] if len(asked) == 1 else None

    def recent_subjects(self, at: int, token: Token) -> list[Person]:
        """The people named before `token`'s sentence as a main clause's subject, within the
        paragraphs a speaker carries over."""
        context = self.context
        paragraph = context.paragraph_of(at)
        return [
            p
            for p in self.candidates(at, token.sent.start, "")
            if p.main_subject and paragraph - context.paragraph_of(p.start) <= SPEAKER_CONTINUITY_PARAGRAPHS
        ]

    def seat_holder(self, at: int, token: Token, party: list[Token]) -> Person | None:
        """The person a seat with its constituency ("the Labour MP for Birkenhead", `party` the
        names of the phrase but the constituency's) stands for: the last one of the recent
        subjects, whom the article gives that seat or ties to no other body or post."""
        recent = self.recent_subjects(at, token)
        if not recent:
            return None
        last = recent[-1]
        roles = self.referents.roles_of(last)
        if party and _tied_to_body(roles):
            # "the Labour MP for Kingsbridge" is not "Tory MP Alan Reed"
            return last if _same_body({t.lower_ for t in party}, [t.text for t in party], roles) else None
        if not _places_or_parties(party):
            return None
        if token.lemma_.lower() in roles or _unaffiliated(roles, token.lemma_.lower(), seat=True):
            return last  # "Frank Field MP", or someone given no other body or post
        return None

    def lede_named_next(self, at: int, role: set[str], *, described: bool = False) -> Person | None:
        """The first person named after the lede, when the paragraph after it names them as a
        main clause's subject and the article gives them no role but this one's words (a title
        such as "Lord" or "Sir" aside): "Tory leader Michael Howard said" after "the prime minister
        has said" is someone else."""
        context = self.context
        lede = context.paragraph_of(at)
        # (one the lede names as its listener counts: "the prime minister has told Gordon Brown …"
        # before "Mr Brown said" is not Mr Brown)
        people = self.referents.after(at)
        if not people or context.paragraph_of(people[0].start) != lede + 1:
            return None
        first = people[0]
        if first.listener or not first.main_subject or self.other_role(first, role):
            return None
        if any(context.paragraph_of(p.start) == lede and same_person(p, first) for p in self.referents.people):
            return None  # the lede's own words name them ("'Gordon Brown is wrong,' the prime minister said")
        # (a lede's description, "a senior EU politician", may be put otherwise beside the name, but
        # shares a word with it: "Javier Solana, EU foreign policy chief"; "Shadow Chancellor Oliver
        # Letwin" after "a senior minister has said" is someone else)
        roles = self.referents.roles_of(first) - HONORIFICS
        other = roles - role - (POST_NOMINALS if described else frozenset())
        if other and not (described and roles & role):
            return None
        # not someone who answers the lede's speaker ("But Charles Kennedy said …", "Mr Howard
        # hit back")
        sentence = context.doc.char_span(first.start, first.end, alignment_mode="expand")
        if sentence is not None:
            sent = sentence[0].sent
            if sent[0].lower_ in CONTRAST_OPENERS or _reply_verb(sent.root):
                return None
        return first

    def lede_person(self, at: int, token: Token) -> Person | None:
        """The one person named before a role in the lede's paragraphs (`LEDE_PARAGRAPHS`): first
        named in the body's first paragraph (its opening sentence; a headline is no paragraph of the
        body), acting there (`acting`), given no role in the article but a form of address, and of no
        sex the role's noun rules out ("The chancellor said" after "Gordon Brown has delivered a
        speech …"). A lede naming two people ("Michael Howard has attacked Tony Blair …") names no
        one the role must be."""
        context = self.context
        if context.paragraph_of(at) > LEDE_PARAGRAPHS:
            return None
        named = self.referents.before(at)
        if not named or context.paragraph_of(named[0].start) != 0:
            return None
        person = named[0]
        if any(not same_person(p, person) for p in named) or not any(self.acting(p) for p in named):
            return None
        if self.referents.roles_of(person) - HONORIFICS:
            return None
        return None if conflicting(self.referents.gender_of(person), _marked_gender(token)) else person

    def named_next(self, token: Token, at: int, role: set[str]) -> Person | None:
        """ "On Saturday, the Lib Dem chief executive said it was "just a cock-up" … "Nobody had
        any idea," Lord Rennard told reporters" · "…, the chairman of the Police Federation said …
        ¶ Jan Berry said: …": a role the article gave no one, whose sentence the next one follows
        (in its paragraph, or opening the next) with a person named there for the first time as
        the subject of a reporting verb, given no other role; not one who answers ("But Mr Oaten
        said …") nor a listener."""
        context = self.context
        sentence = token.sent
        if sentence.end >= len(context.doc):
            return None
        following = context.doc[sentence.end].sent
        while not following.text.strip() and following.end < len(context.doc):
            following = context.doc[following.end].sent  # (the paragraph break between)
        if context.paragraph_of(following.start_char) - context.paragraph_of(sentence.start_char) > 1:
            return None
        people = self.referents.after(sentence.end_char)
        if not people or people[0].start >= following.end_char:
            return None
        first = people[0]
        if first.listener or not first.main_subject or not self.acting(first):
            return None
        if any(same_person(p, first) for p in self.referents.before(people[0].start)) or any(
            t.lower_ == first.surname for t in context.doc[: following.start]
        ):
            # (someone named before: in the role's own words, "'Gordon Brown is wrong,' the prime
            # minister said", or as a body by the tagger, "Deputy Mayor Nicky Gavron")
            return None
        if self.referents.roles_of(first) - HONORIFICS - role or self.other_role(first, role):
            return None
        if following[0].lower_ in CONTRAST_OPENERS or _reply_verb(following.root) or not is_reporting(following.root):
            return None
        end = context.token_at(first.end - 1)
        if end is None or _name_head(end).head != following.root:
            return None  # (the reporting verb's own subject: "Jan Berry said", not "a report by Jan Berry said")
        return None if conflicting(self.referents.gender_of(first), _marked_gender(token)) else first

    def acting(self, person: Person) -> bool:
        """The mention is the active subject of its clause or a passive's agent ("Gordon Brown has
        delivered …", "plans unveiled by David Blunkett"), not its patient or object ("John Smith
        was jailed …", "to mourn George Best", "eggs thrown at John Prescott")."""
        token = self.context.token_at(person.end - 1)
        if token is None or person.listener:
            return False
        head = _name_head(token)
        return head.dep_ == "nsubj" or (head.dep_ == "pobj" and head.head.dep_ == "agent")

    def named_within(self, quote: QuoteSpan, person: Person) -> bool:
        """The statement's own words name the person as a subject ("the Scottish Executive has
        insisted Mr McConnell was speaking about adults"): someone it is about, not its speaker
        (a name as an object may be the speaker's own: "he would take the title of Lord Kinnock")."""
        return any(p.subject and same_person(p, person) for p in self.referents.before(quote.end, quote.start))

    def other_role(self, person: Person, role: set[str]) -> bool:
        """The article gives the person an office, and not this one ("Shadow Chancellor" for "the
        prime minister"); generic roles ("the official", "the minister") conflict with none."""
        asked = role & OFFICE_TITLES
        roles = self.referents.roles_of(person)
        held = roles & OFFICE_TITLES
        if asked and held and not asked & held:
            return True
        # "the foreign secretary" is not someone the article calls "Home Secretary": a secretary
        # or minister of another field
        heads = role & roles & {"secretary", "minister"}
        defining = role & OFFICE_DEFINING
        return bool(heads) and bool(defining) and bool(roles & OFFICE_DEFINING) and not defining <= roles

    def body(self, token: Token, quote: QuoteSpan) -> Resolution:
        """A definite body noun: "the ministry", "the committee", "the campaign"."""
        context = self.context
        at = min(quote.start, token.idx)
        lemma = token.lemma_.lower()
        phrase = [t for t in context.tokens_in(*mention_span(token)) if t.i != token.i]
        if any(is_name(t) or t.ent_type_ in ("PERSON", *BODY_ENTITIES) for t in phrase):
            return None, "role-alone"  # "the Clinton campaign", "the Saudi government" name their body
        previous = self.previous_speaker(at, ("org",))
        if previous is not None and previous.resolved is not None:
            head = context.token_at(previous.resolved[1] - 1)
            # "the commission" after "the Low Pay Commission said", "the group" after any body; "the
            # government" is not the commission that spoke before it
            fits = lemma in {t.lemma_.lower() for t in context.tokens_in(*previous.resolved)}
            if head is not None and (fits or (head.ent_type_ == "ORG" and lemma in GENERIC_BODY_NOUNS)):
                self.source = previous
                return previous.resolved, "role-continuity"
        paragraph = context.paragraph_of(at)
        if lemma == "party":
            party = self.one_party(at)
            if party is not None:
                return party, "role-known"
            # "The Liberal Democrats want … They say … The party says …": the party that spoke
            # last in the paragraph (a plural party speaks as a group)
            spoke = self.previous_speaker(at, ("org", "group"))
            if (
                spoke is not None
                and spoke.resolved is not None
                and context.paragraph_of(spoke.start) == paragraph
                and (spoken := canonical_body(self.as_party(spoke.resolved))) in parties()
                # ("The Greens said … Labour, which backed it, … the party said": Labour)
                and set(self.parties_named(max(spoke.end, spoke.resolved[1]), at)) <= {spoken}
            ):
                self.source = spoke
                return spoke.resolved, "role-continuity"
        named = [
            ent
            for ent in context.bodies
            if ent.label_ == "ORG"
            and ent.end_char <= at
            and not context.quoted[ent.start_char]
            and paragraph - context.paragraph_of(ent.start_char) <= ANTECEDENT_PARAGRAPHS
            and lemma in {t.lemma_.lower() for t in ent}
            # ("Party leader Charles Kennedy": the tagger's lone "Party" names no party)
            and not (lemma == "party" and all(t.lemma_.lower() == lemma or t.dep_ == "det" for t in ent))
        ]
        if named:
            return (named[-1].start_char, named[-1].end_char), "role-known"
        if lemma in NEWSPAPER_NOUNS:
            paper = self.newspaper_before(at)
            if paper is not None:
                return paper, "role-newspaper"
        # "the party", "the group" after bodies the article named, none found the one: doubtful; with
        # none named before, a body that stands for itself ("The company said …")
        named_before = any(
            (ent.label_ == "ORG" or canonical_body(ent.text) is not None)
            and ent.end_char <= at
            and not context.quoted[ent.start_char]
            for ent in context.bodies
        )
        return None, "body-unnamed" if named_before else "role-alone"

    def newspaper_before(self, at: int) -> CharSpan | None:
        """ "The Telegraph was sued for libel by Mr Galloway after the newspaper claimed …": the
        newspaper named last before offset `at`, within `ANTECEDENT_PARAGRAPHS`, outside quote
        marks, by a word that names one ("the Guardian", "the Sunday Times", "the Daily Mail")."""
        context = self.context
        paragraph = context.paragraph_of(at)
        for token in reversed([t for t in context.doc if t.idx < at]):
            if paragraph - context.paragraph_of(token.idx) > ANTECEDENT_PARAGRAPHS:
                return None
            if context.is_quoted(token):
                continue
            if token.lemma_.lower() in NEWSPAPER_NOUNS and token.left_edge.lower_ in ("a", "an", "another"):
                return None  # a newspaper not named is the nearer one ("A local newspaper first reported …")
            if not token.text[:1].isupper() or token.i == token.sent.start:
                continue  # ("Times have changed")
            after = token.nbor(1) if token.i + 1 < len(context.doc) else None
            if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ not in NEWSPAPER_NOUNS:
                continue  # a word of another name: "the Post Office", "the Tribune group", "a UN Observer mission"
            before = token.nbor(-1) if token.i > 0 else None
            day = before is not None and before.lower_ in NEWSPAPER_DAYS and before.text[:1].isupper()
            if token.lower_ in NEWSPAPER_TITLE_WORDS or (day and token.lower_ in DAILY_TITLE_WORDS):
                first = before if day and before is not None else token
                whole = next((e for e in context.doc.ents if e.start <= token.i < e.end), None)
                if whole is not None:  # ("the Financial Times Deutschland", as the tagger bounds it)
                    words = [t for t in whole if t.lower_ != "the"]
                    if words:
                        return min(words[0].idx, first.idx), max(
                            words[-1].idx + len(words[-1].text), token.idx + len(token.text)
                        )
                return first.idx, token.idx + len(token.text)
        return None

    def one_party(self, at: int) -> CharSpan | None:
        """ "In a statement, the party said": the one political party the article has named before
        ("A Conservative election challenger …", "Tory leader Michael Howard"), its last mention;
        None when it names more than one."""
        seen = self.parties_named(0, at)
        return next(iter(seen.values())) if len(seen) == 1 else None

    def parties_named(self, start: int, at: int) -> dict[str, CharSpan]:
        """The political parties named outside quote marks in [start, at), each by its listed name
        with its last mention."""
        context = self.context
        seen: dict[str, CharSpan] = {}
        covered = -1  # (the words of a longer name are no names of their own: "Liberal Democrat"
        # is neither the Liberal Party nor the Democrats)
        for token in context.doc:
            if token.idx >= at:
                break
            if token.idx < start or token.i <= covered or context.is_quoted(token) or not token.text[:1].isupper():
                continue
            longest: tuple[str, CharSpan, int] | None = None
            for end in range(token.i + 1, min(token.i + 4, len(context.doc) + 1)):  # names of 1-3 words
                words = context.doc[token.i : end]
                if words.end_char > at:
                    break
                name = canonical_body(words.text)
                if name is not None and name in parties():
                    longest = (name, (words.start_char, words.end_char), end - 1)
            if longest is not None:
                name, span, covered = longest
                seen[name] = span
        return seen

    def as_party(self, span: CharSpan) -> str:
        """A speaker's name as a party's might be written ("The Liberal Democrats" -> "Liberal
        Democrats")."""
        return POSSESSIVE_ENDING.sub("", self.context.text[span[0] : span[1]]).removeprefix("the ").removeprefix("The ")

    def unattached_spokesperson(self, token: Token) -> bool:
        """ "A spokesman said": a spokesperson the phrase gives no body ("a DfES spokeswoman", "a
        spokesman for the council" and "a party spokesman" have one)."""
        if token.lemma_.lower() not in SPOKESPERSON_NOUNS and token.lower_ not in SPOKESPERSON_NOUNS:
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            return False
        return not any(c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "appos") for c in token.children)

    def body_just_named(self, token: Token) -> CharSpan | None:
        """The body a lone spokesperson speaks for: the one the sentence before is about ("The
        Home Office defended the measures. A spokesman said …" · "…, described as speculation by
        Downing Street. A spokesman said …"), its subject or agent, or the body or group whose
        statement it reported; None when that sentence is about a person or a thing."""
        context = self.context
        sentence = token.sent
        if sentence.start == 0:
            return None
        before = context.doc[sentence.start - 1].sent
        if context.paragraph_of(token.idx) - context.paragraph_of(before.start_char) > 1:
            return None
        for quote in reversed(self.done):
            if quote.resolved is None or not (before.start_char <= quote.start < before.end_char):
                continue
            head = self.context.token_at(quote.resolved[1] - 1)
            named = head is not None and (is_name(head) or head.ent_type_ in BODY_ENTITIES)
            if quote.how not in ("unresolved", "none") and named and self.kind_of_speaker(quote) in ("org", "group"):
                return quote.resolved  # (a named body: "Officials have confirmed …" names none)
            break
        root = before.root
        actors = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        actors += [g for c in root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for actor in actors:
            if context.is_quoted(actor) or actor.pos_ == "PRON":
                continue
            if actor.ent_type_ in ("ORG", "NORP") or actor.lower_ in PLURAL_PARTY_NAMES:
                return mention_span(actor)
            named = any(is_name(t) for t in actor.subtree if t.i < actor.i)
            collective = actor.lemma_.lower() in ORG_NOUNS | BODY_NOUNS or actor.tag_ == "NNS"
            if named and actor.pos_ == "NOUN" and collective:
                return mention_span(actor)  # "The Save the Scottish Regiments campaigners"
        return None

    def document(self, token: Token) -> CharSpan | None:
        """A document by its title: the one given beside it ("a new book, Brown's Britain,"), else,
        for "the book", the title an earlier mention of a book was given."""
        title = document_title(token)
        if title is not None:
            return title
        if named_document(token) is not None:
            return None  # "The Daily Telegraph poll suggests": named as written
        lemma = token.lemma_.lower()

        def same_kind(other: Token) -> bool:
            return other.lemma_.lower() == lemma and is_document(other) and not self.context.is_quoted(other)

        if _determined(token):
            for earlier in reversed(self.context.doc[: token.i]):
                if same_kind(earlier):
                    title = document_title(earlier) or named_document(earlier) or self.spoken_in(earlier)
                    if title is not None:
                        return title
        # A book or report not yet titled ("a new book about the chancellor claims", "the book
        # says"), titled further on ("The book, Brown's Britain, said"): that title, when the
        # article gives one only.
        before = [t for t in self.context.doc[: token.i] if is_document(t) and not self.context.is_quoted(t)]
        if any(not same_kind(t) for t in before):
            return None  # "the book" may be the memoir named before it, not a book titled later
        later = [t for t in self.context.doc[token.i + 1 :] if same_kind(t)]
        # (a later "a new book, <title>," is the same book only for a book said to be new, not
        # described otherwise: "a new book by a former aide", "the book, published last year,")
        undescribed = not _determined(token) and not any(c.dep_ in ("prep", "acl", "relcl") for c in token.children)
        if any((not _definite(t) and not (undescribed and _titled_aside(t))) or _one_of_several(t) for t in later):
            # "another report", "a third report", "the other report": more than one of them (a
            # later "a new book, Brown's Britain," is the book, titled)
            return None
        titles = {self.context.text[span[0] : span[1]]: span for t in later if (span := document_title(t)) is not None}
        if titles:
            return next(iter(titles.values())) if len(titles) == 1 else None
        # ... or by whose it is ("a report says" … "The Hefce report, drawing on …"), the first
        # name the article gives it, all its mentions being the one document
        return next((span for t in later if (span := named_document(t)) is not None), None)

    def spoken_in(self, document: Token) -> CharSpan | None:
        """ "Oxfam says in a report …": the body or person who spoke in the document, that "the
        report" then speaks for."""
        prep = document.head
        if document.dep_ != "pobj" or prep.lower_ != "in" or not is_reporting(prep.head):
            return None
        subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
        if subject is None or self.context.is_quoted(subject):
            return None
        if subject.ent_type_ in ("PERSON", "ORG") or is_name(subject):
            return mention_span(subject)
        # "In a statement, the party said …": who the statement's own cue was found to stand for
        spoken = next((q for q in self.done if q.cue_at == prep.head.i and q.resolved is not None), None)
        return spoken.resolved if spoken is not None else None

    def resolve(self, token: Token, quote: QuoteSpan) -> Resolution:
        """The name the speaker `token` of `quote` stands for, and how it was found; (None,
        how) keeps the speaker as written."""
        if quote.how == "document" and is_document(token):
            titled = self.document(token)
            if (
                titled is None
                and token.lemma_.lower() in NEWSPAPER_NOUNS
                and _determined(token)
                and token.tag_ == "NN"
                and not any(
                    t.lemma_.lower() == "paper" and not self.context.is_quoted(t) for t in self.context.doc[: token.i]
                )
            ):
                # "the paper said": a newspaper named before, when no paper (a white paper) has a title
                paper = self.newspaper_before(min(quote.start, token.idx))
                if paper is not None:
                    return paper, "role-newspaper"
            return titled, "document"
        if self.unattached_spokesperson(token):
            body = self.body_just_named(token)
            if body is not None:
                return body, "role-body"
        if token.tag_ in ("NNS", "NNPS") and self.context.paragraph_of(token.idx) <= LEDE_PARAGRAPHS:
            body = self.equated_body(token)
            if body is not None:
                return body, "role-equated"
        if token.lower_ == "one":
            named = named_one(token)
            return (named, "apposition") if named else (None, "unresolved")
        want = needs_resolution(token)
        if want == "person" and (token.lower_ in PERSON_PRONOUN_FORMS or token.lower_ == "his"):
            return self.pronoun(token, quote)
        if want in ("org", "group") and token.pos_ == "PRON":
            return self.body_pronoun(token, quote, want)
        if want == "person":
            return self.role(token, quote)
        if want == "org":
            return self.body(token, quote)
        fuller = self.fuller_name(token, quote)
        if fuller is not None:
            return fuller, quote.how or "subject"
        described = self.described_in_lede(token, quote)
        if described is not None:
            return self.span_of(described), "role-lede-described"
        earlier = self.same_noun_before(token, quote)
        if earlier is not None:
            self.source = earlier
            return earlier.resolved, "role-same-noun"
        return None, self.as_written(token, quote)

    def same_noun_before(self, token: Token, quote: QuoteSpan) -> QuoteSpan | None:
        """ "A Labour source told the Sunday Times … '…,' the source told the paper": a definite
        noun for someone unnamed ("the source", "the insider") is the speaker an earlier statement
        of the last few paragraphs gave by the same noun, introduced with "a" ("A Labour source");
        None when two such speakers differ, or the noun's phrase names a body of its own."""
        context = self.context
        if not _determined(token) or token.tag_ in ("NNS", "NNPS") or not _common_noun(token):
            return None
        phrase = [t for t in context.tokens_in(*mention_span(token)) if t.i != token.i and t.dep_ != "det"]
        if any(is_name(t) or t.ent_type_ for t in phrase):
            return None
        lemma = token.lemma_.lower()
        at = min(quote.start, token.idx)
        paragraph = context.paragraph_of(at)
        found: list[QuoteSpan] = []
        for earlier in self.done:
            if earlier.speaker_head < 0 or earlier.resolved is None or earlier.start >= at:
                continue
            if paragraph - context.paragraph_of(earlier.start) > ANTECEDENT_PARAGRAPHS:
                continue
            head = context.doc[earlier.speaker_head]
            if head.i != token.i and head.lemma_.lower() == lemma:
                found.append(earlier)  # ("A Labour source", "Another source", "the source")
        if not found or any(q.resolved != found[-1].resolved for q in found):
            return None
        first = context.doc[found[0].speaker_head]
        if first.left_edge.lower_ not in ("a", "an"):
            return None
        # someone named since with that noun for a role ("Head teacher John Smith said …") may be the one
        if any(lemma in self.referents.roles_of(p) for p in self.referents.before(at, found[-1].start)):
            return None
        return found[-1]

    def described_in_lede(self, token: Token, quote: QuoteSpan) -> Person | None:
        """A lede that describes its speaker without a name ("…, a senior EU politician says", "a
        Labour backbencher has said") and names them as the subject of the paragraph after it
        ("Derek Wyatt said …", "Javier Solana, EU foreign policy chief, says …"): that person. Only
        in the lede (`LEDE_PARAGRAPHS`), with no one named before, and never for a voice that stays
        unnamed ("a senior official", "a spokesman", "a source close to …")."""
        context = self.context
        at = min(quote.start, token.idx)
        if context.paragraph_of(at) > LEDE_PARAGRAPHS or quote.how not in ("subject", "nearby", ""):
            return None
        if self.referents.before(at):
            return None
        lemma = token.lemma_.lower()
        indefinite = token.left_edge.lower_ in ("a", "an") and token.left_edge.dep_ == "det"
        post = token.lower_ in POST_NOMINAL_POSTS  # ("a Labour MP", which the tagger may call a name)
        noun = post or (_common_noun(token) and not token.ent_type_)
        if not indefinite or token.tag_ in ("NNS", "NNPS") or not noun:
            return None
        if lemma in ANONYMOUS_ROLES or lemma not in PERSON_NOUNS | NAME_LEAD_WORDS | ROLE_HEADS:
            return None  # ("a Labour MP", "a senior barrister", "a union leader"; not "a source")
        phrase = {t.lower_ for t in context.tokens_in(*mention_span(token)) if t.is_alpha and t.dep_ != "det"}
        named = self.lede_named_next(at, phrase | {lemma}, described=True)
        if named is None:
            return None
        # they must be the one who speaks there, alone, first: "Derek Wyatt said …", not "Tony Blair
        # launched …", "Michael Howard and Oliver Letwin said …" or "She said … John Reid said …"
        word = context.token_at(named.end - 1)
        word = _name_head(word) if word is not None else None
        if word is None or word.dep_ != "nsubj" or not is_reporting(word.head):
            return None
        if any(c.dep_ == "conj" for c in word.children) or word.dep_ == "conj":
            return None
        paragraph = context.bounds[context.paragraph_of(word.idx)]
        if any(
            t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PRON" for t in context.tokens_in(paragraph[0], word.idx)
        ):
            return None
        # ... and of the sex the lede's own pronouns give them ("a Labour MP has said, adding that she …")
        lede_gender: Gender = ""
        for t in token.sent:
            if t.i > token.i and t.lower_ in PERSON_PRONOUN_FORMS and not context.is_quoted(t):
                lede_gender = pronoun_gender(t.text)
                break
        return None if conflicting(self.referents.gender_of(named), lede_gender) else named

    def equated_body(self, token: Token) -> CharSpan | None:
        """ "MPs say …" in a lede, where the article names one committee or group as made of them
        ("the Home Affairs Committee of MPs", "MPs on the Treasury Committee"): that body. Never
        when the text does not equate them, or equates them with two bodies."""
        doc = self.context.doc
        word = token.lower_
        found: dict[CharSpan, Token] = {}
        for body in doc[token.i + 1 :]:
            if body.lower_ not in EQUATED_BODY_HEADS or not (body.pos_ == "PROPN" or body.text[0].isupper()):
                continue
            of_them = any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == word for g in c.children)
                for c in body.children
            )
            on_it = any(
                t.lower_ == word and doc[t.i + 1].lower_ in ("on", "of") and t.i + 1 < body.i
                for t in doc[max(token.i + 1, body.left_edge.i - 3) : body.left_edge.i]
            )
            if of_them or on_it:
                span = mention_span(body)
                found[span] = body
        return next(iter(found)) if len(found) == 1 else None

    def speaks_for_committee(self, token: Token) -> bool:
        """ "MPs said", "Members urged", "the MPs found", "the committee said": the members of a
        parliamentary committee, or the committee, with no word of their own that makes them some
        other members ("Labour MPs", "many MPs", "six members", "the MPs' leader")."""
        # ("MPs", which the tagger often calls a name, by its written form)
        if token.lower_ not in COMMITTEE_MEMBERS and not (token.lemma_.lower() == "committee" and token.tag_ == "NN"):
            return False
        for child in token.children:
            if child.dep_ == "det" and (child.lower_ == "the" or (child.lower_ in ("a", "an") and token.tag_ == "NN")):
                continue  # ("a committee of MPs has warned", which the article names further on)
            committee = token.lemma_.lower() == "committee"
            if committee and child.i < token.i and _committee_name(token) is None:
                continue  # "an all-party committee", "the Commons committee": no name of its own
            if child.dep_ == "compound" and child.lower_ == "committee":
                continue  # "Committee members said"
            if (
                child.dep_ == "prep"
                and child.lower_ in ("of", "on", "from")
                and any(g.lemma_.lower() == "committee" and _determined(g) for g in child.children)
            ):
                continue  # "members of the committee", "MPs on the committee"
            if committee and child.dep_ == "prep" and (child.lower_ == "on" or _made_of_members(token)):
                continue  # "a committee of MPs has warned", "the committee on standards in public life"
            if child.dep_ == "punct" or (
                child.dep_ == "relcl" and any(t.lemma_.lower() in ("committee", "panel") for t in child.subtree)
            ):
                continue  # "the MPs who make up the Commons Work and Pensions Committee"
            return False  # "Members of the public", "MPs who oppose the plan", "Labour MPs"
        # ("Three SNP MPs walked out … The MPs said": those MPs)
        return not (token.lower_ in COMMITTEE_MEMBERS and self.named_before_as_others(token))

    def named_before_as_others(self, token: Token) -> bool:
        """The members noun was used before with words of its own that make them some members
        ("Three SNP MPs walked out", "Union members said"): "The MPs" after it are those."""
        for earlier in self.context.doc[: token.i]:
            if earlier.lower_ != token.lower_ or self.context.is_quoted(earlier):
                continue
            if any(
                c.dep_ in ("amod", "compound", "nummod", "poss") and c.lemma_.lower() != "committee"
                for c in earlier.children
            ):
                return True
        return False

    def committee_near(self, token: Token) -> bool:
        """A committee is spoken of in the members noun's paragraph or the one either side: "MPs
        said" in a story about a committee, not in a debate it mentions once."""
        paragraph = self.context.paragraph_of(token.idx)
        return any(abs(self.context.paragraph_of(t.idx) - paragraph) <= 1 for t in self.committee_mentions)

    @functools.cached_property
    def committee_mentions(self) -> list[Token]:
        """The article's committees and panels outside quotations, in order."""
        return [
            t for t in self.context.doc if t.lemma_.lower() in ("committee", "panel") and not self.context.is_quoted(t)
        ]

    def one_committee(self, *, parliamentary: bool = False) -> CharSpan | None:
        """The one committee the article names ("the joint committee on human rights", "the
        Constitutional Affairs Select Committee"), when it reports or finds something in the
        article itself ("The committee found …", "…, said the Public Accounts Committee"): whose
        members its "MPs said" are (a parliament's committee, when `parliamentary`). None when the
        article names two committees, or speaks of committees in the plural ("two committees of
        MPs"), or its committee never speaks."""
        committee, of_parliament = self.found_committee
        return None if parliamentary and not of_parliament else committee

    @functools.cached_property
    def found_committee(self) -> tuple[CharSpan | None, bool]:
        """one_committee's answer, and whether it is a parliament's: named so ("the Commons …",
        "… Select Committee", "the Public Accounts Committee") or made of members by the text ("a
        committee of MPs", "MPs on the committee", "Committee members")."""
        names: list[tuple[frozenset[str], CharSpan]] = []
        capitals: list[frozenset[str]] = []  # the capitalised words of every committee mention
        speaks = equated = False
        # (a panel of MPs is as much a committee: "the Ethics Panel of MPs")
        for token in self.committee_mentions:
            if token.tag_ in ("NNS", "NNPS"):
                return None, False
            capitals.append(
                frozenset(
                    t.lower_
                    for t in token.subtree
                    if t.i < token.i and t.text[:1].isupper() and not t.is_sent_start and t.dep_ != "det"
                )
            )
            equated = equated or _made_of_members(token)
            subject = token.dep_ in ("nsubj", "nsubjpass") or (
                token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent"
            )
            speaks = (
                speaks
                or (subject and (is_reporting(token.head) or token.head.lemma_.lower() in FINDING_VERBS))
                # ... or whose members the text names: "MPs on the committee", "the MPs who make up
                # the Commons Work and Pensions Committee"
                or _under_members(token)
            )
            named = _committee_name(token)
            if named is None:
                continue
            words, span = named
            same = next((i for i, (other, _) in enumerate(names) if words <= other or other <= words), None)
            if same is None:
                names.append((words, span))
            elif len(words) > len(names[same][0]):
                names[same] = (words, names[same][1])
        if len(names) != 1 or not speaks:
            return None, False
        words = names[0][0]
        if any(not words >= other for other in capitals):
            return None, False  # "a Senate committee" beside "the Treasury Committee": another one
        return names[0][1], equated or bool(words & PARLIAMENT_COMMITTEE_WORDS)

    def fuller_name(self, token: Token, quote: QuoteSpan) -> CharSpan | None:
        """A one-word name ("Charles", "Brown") the article gave in full before ("Prince Charles",
        "Gordon Brown"): that mention, when every fuller one before names the same person."""
        if quote.speaker is None or not (token.ent_type_ == "PERSON" or (is_name(token) and not token.ent_type_)):
            return None
        here = self.referents.at(*quote.speaker)
        if here is None or here.first or len(self.context.text[quote.speaker[0] : quote.speaker[1]].split()) > 1:
            return None
        word = here.surname
        fuller = [
            p
            for p in self.referents.before(quote.speaker[0])
            if (p.first == word or p.surname == word) and (p.first or self.span_of(p) != (p.start, p.end))
        ]
        if not fuller or any(not same_person(p, fuller[-1]) for p in fuller):
            return None
        return self.span_of(fuller[-1])

    def as_written(self, token: Token, quote: QuoteSpan) -> str:
        """How a speaker kept as written was found: its own finding, or a role or group."""
        if token.pos_ == "PRON" or token.lower_ in PERSON_PRONOUN_FORMS:
            return "unresolved"
        if capitalised_body(token):
            return quote.how or "subject"  # "Labour" that the tagger took for a common noun: named
        if quote.how in ("subject", "nearby", "") and token.lower_ in GROUP_WORDS:
            return "group"  # "Many were saying …", "Others said …"
        if quote.how in ("subject", "nearby", "") and _common_noun(token):
            if token.tag_ == "NNS":
                # "the judges", "the MPs": people the article named before, not found
                # ... when the article named people before ("the judges" after "Lord Justice Rix and Mr
                # Justice Forbes"); "Their lawyers", "the councillors" with no one named stand for themselves
                named = bool(self.referents.before(min(quote.start, token.idx)))
                return "group-definite" if _determined(token) and named else "group"
            return "role-unnamed" if _of_a_known_body(token) else "role-alone"
        return quote.how or "subject"

    def settle(self, quote: QuoteSpan) -> bool:
        """Resolve one quote; False when its speaker turned out to name no one."""
        source = quote.carries
        if source is not None and source.resolved is not None and source.how != "none":
            quote.speaker, quote.speaker_head = source.speaker, source.speaker_head
            quote.resolved, quote.how = source.resolved, "carried"
            quote.speaker_kind = source.speaker_kind
            quote.confidence = round(source.confidence * confidence_of("carried"), 2)
            return True
        token = head_of(self.context, quote)
        if quote.speaker is None or token is None:
            quote.how, quote.confidence = "none", confidence_of("none")
            return True
        self.source = None
        found, how = self.resolve(token, quote)
        if found is None and self.speaks_for_committee(token):
            # its members speak for a parliament's committee only, near it in the story; "the
            # committee" for the one the article names, of any kind
            members = token.lower_ in COMMITTEE_MEMBERS
            committee = self.one_committee(parliamentary=members)
            if committee is not None and (not members or self.committee_near(token)):
                found, how = committee, "role-committee"
        if found is None and how == "unresolved" and token.lower_ in NON_NAMING_SUBJECTS:
            quote.speaker, quote.unnamed = None, True  # "it", "one" unresolved name no speaker
            quote.how, quote.confidence = "none", confidence_of("none")
            return False
        quote.resolved = found or quote.speaker
        quote.how = how
        quote.confidence = confidence_of(how, self.parsed)
        if self.source is not None and self.source.confidence >= 0:
            # "The union's general secretary said … He added …": going on with a speaker is no surer
            # than the speaker it goes on with (as a carried quote is not)
            quote.confidence = min(quote.confidence, self.source.confidence)
        if self.source is not None and self.source.speaker_kind:
            quote.speaker_kind = self.source.speaker_kind  # the speaker it continues
        else:
            quote.speaker_kind = self.kind_of_speaker(quote) if how != "unresolved" else kind_of(token, how)
        return True


# Role resolutions sure enough that the office is the person's from then on (Resolver.role).
NOTED_ROLE_HOWS = frozenset({"role-continuity", "role-later", "role-lede", "role-lede-subject", "role-lede-described"})
# The members a parliamentary committee speaks through ("MPs said", "Members urged").
COMMITTEE_MEMBERS = frozenset({"mps", "msps", "ams", "mlas", "members"})
# Words of a parliament's committee's name: the house, or the field it scrutinises ("the Commons
# Treasury Committee", "the Public Accounts Committee", "the Work and Pensions Committee").
PARLIAMENT_COMMITTEE_WORDS = frozenset(
    {"commons", "lords", "select", "joint", "parliamentary", "senate", "house", "congressional", "assembly"}
    | {"accounts", "audit", "affairs", "standards", "petitions", "treasury", "defence", "health", "education"}
    | {"transport", "pensions", "environment", "environmental", "justice", "science", "culture", "intelligence"}
    | {"rights", "administration", "trade", "industry", "agriculture", "rural", "welsh", "scottish", "liaison"}
)
# Words that describe a committee without naming it ("the Commons select committee").
GENERIC_COMMITTEE_WORDS = frozenset(
    {"select", "commons", "lords", "parliamentary", "all", "party", "cross", "joint", "powerful", "influential"}
    | {"senate", "house", "congressional", "new", "special", "standing", "senior", "key", "same", "whole"}
)
# What a committee does with a report, as a subject ("the committee found", "… concluded").
FINDING_VERBS = frozenset({"find", "conclude", "recommend", "urge", "warn", "criticise"})


def _made_of_members(committee: Token) -> bool:
    """The text says the committee is made of members: "a committee of MPs", "MPs on the
    committee", "members of the committee", "Committee members", "the MPs who make up …"."""
    if any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in COMMITTEE_MEMBERS for g in c.children)
        for c in committee.children
    ):
        return True
    if committee.dep_ == "compound" and committee.head.lower_ in COMMITTEE_MEMBERS:
        return True
    return _under_members(committee)


def _under_members(committee: Token) -> bool:
    """The committee hangs, a few steps up the parse, from a members noun: "MPs on the
    committee", "the MPs who make up the … Committee"."""
    return any(a.lower_ in COMMITTEE_MEMBERS for a in list(committee.ancestors)[:4])


def _committee_name(token: Token) -> tuple[frozenset[str], CharSpan] | None:
    """A committee named by its words ("the Public Accounts Committee", "the environment select
    committee", "the joint committee on human rights"): those words and the name's span, or
    None for a committee of no name ("a committee of MPs", "Committee chairman Alan Beith")."""
    if token.dep_ == "compound" or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return None  # ("Committee chairman Alan Beith", "an all-party committee said")
    before = [
        c
        for c in token.children
        if c.i < token.i and c.dep_ in ("compound", "amod", "nmod", "poss") and c.pos_ != "PRON"  # ("his committee")
    ]
    on = [c for c in token.children if c.i > token.i and c.dep_ == "prep" and c.lower_ == "on"]
    if not before and not on:
        return None
    first = min([c.left_edge.i for c in before] or [token.i])
    last = max([c.right_edge.i for c in on] or [token.i])
    doc = token.doc
    while first < token.i and doc[first].lower_ in ("parliamentary", "powerful", "influential", "new", "key"):
        first += 1  # "the parliamentary Joint Committee on Human Rights": the name
    words = frozenset(t.lower_ for t in doc[first : last + 1] if t.is_alpha and t.lower_ not in ("the", "on"))
    if words - {token.lower_} <= GENERIC_COMMITTEE_WORDS:
        return None  # "the select committee", "the all-party committee": any committee
    return words, (doc[first].idx, doc[last].idx + len(doc[last].text))


# The heads of the bodies a lede's plural role ("MPs say …") may stand for.
EQUATED_BODY_HEADS = frozenset({"committee", "panel", "group", "commission", "council"})


def _same_body(body_words: set[str], body_names: list[str], roles: set[str]) -> bool:
    """Whether a role's body words name a body the person's roles give ("the Conservative Party
    co-chairman" after "Tory Liam Fox": one body's names, from the list of well-known bodies)."""
    if body_words & roles:
        return True
    listed = {
        canonical_body(" ".join(body_names[i:j]))
        for i in range(len(body_names))
        for j in range(i + 1, len(body_names) + 1)
    } - {None}
    return bool(listed) and any(canonical_body(role) in listed for role in roles)


def _in_seat_place(name: Token, seat: Token) -> bool:
    """The name is the place of a seat: in the "for" or "from" phrase of "the MP for Sittingbourne
    and Sheppey", "the congressman from Ohio"."""
    for ancestor in name.ancestors:
        if ancestor.i == seat.i:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("for", "from") and ancestor.head.i == seat.i:
            return True
    return False


def _tied_to_body(roles: set[str]) -> bool:
    """The person's words name a well-known body ("Tory Liam Fox", "Labour MP Derek Wyatt")."""
    words = sorted(roles)
    return any(canonical_body(w) for w in words) or any(canonical_body(f"{a} {b}") for a in words for b in words)


def _unaffiliated(roles: set[str], lemma: str, *, seat: bool = False) -> bool:
    """The article ties the person to no body and gives them no other post, so a role with a body
    or place may still be theirs ("Charles Kennedy has said" … "the Lib Dem leader asked"; "Frank
    Field MP criticised" … "the Labour MP for Birkenhead asked"). A party or body among their words
    ("Tory Liam Fox"), or another post ("Party leader Michael Howard" for "the chairman of the
    Police Federation"), keeps them apart; but a `seat` with its constituency goes with any party
    post or ministry ("Former Cabinet minister Douglas Hogg", "the Tory MP for Sleaford")."""
    if _tied_to_body(roles):
        return False
    posts = roles & (ROLE_NOUNS | POST_NOMINALS)
    if seat:
        posts -= POLITICAL_POSTS
    return not posts or lemma in posts


def named_document(token: Token) -> CharSpan | None:
    """A document named by whose it is, a name before its noun: "The Hefce report", "the YouGov
    poll", "Oxfam's survey" (the char span from the name to the noun)."""
    names = [
        c
        for c in token.children
        if c.i < token.i
        and (
            (c.dep_ in ("compound", "poss", "nmod") and (is_name(c) or c.ent_type_ in ("ORG", "PERSON")))
            # (the parse may call a body's name an adjective: "The Ofsted report")
            or (c.dep_ == "amod" and c.text[:1].isupper() and c.ent_type_ in ("ORG", "PERSON"))
            # ... or a body's members: "a Stevenage Labour Party members' newsletter"
            or (c.dep_ == "poss" and any(is_name(g) and g.dep_ == "compound" for g in c.children))
        )
    ]
    if not names:
        return None
    first = min(t.i for c in names for t in c.subtree)
    return token.doc[first].idx, token.idx + len(token.text)


def _marked_gender(token: Token) -> Gender:
    """The sex a role noun rules a person in by: "the chairwoman" is a woman, but "the chairman"
    and "the spokesman" are said of women too."""
    said = role_gender(token.text)
    return said if said == "female" else ""


def _of_a_known_body(token: Token) -> bool:
    """A person's post in a body the text has already introduced ("the political reform group's
    general secretary", "the charity's director"), not a body's unnamed voice ("the party's
    spokesman"): someone the article may well name, so not a role that stands for itself."""
    lemma = token.lemma_.lower()
    return (
        (lemma in PERSON_NOUNS or token.lower_ in ROLE_HEADS)
        and lemma not in ANONYMOUS_ROLES
        and any(
            c.dep_ == "poss"
            and c.pos_ == "NOUN"
            and c.lemma_.lower() in ORG_NOUNS | GENERIC_BODY_NOUNS
            and _determined(c)
            for c in token.children
        )
    )


def _determined(token: Token) -> bool:
    """The noun has "the", "this" or "that" for its determiner (on the first part of a hyphenated
    role, "The Amnesty secretary-general", whose parse hangs "the" on "secretary")."""
    return any(
        c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for part in hyphen_parts(token) for c in part.children
    )


def _common_noun(token: Token) -> bool:
    """A common noun: the small model tags some lowercase role nouns PROPN, or the last part of a
    hyphenated role an adjective ("secretary-general", "director-general")."""
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.text[:1].isupper()):
        return True
    return token.pos_ == "ADJ" and len(hyphen_parts(token)) > 1


def _name_head(token: Token) -> Token:
    """The word a name's parse hangs its other words on ("Brown" of "Gordon Brown")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def _definite(token: Token) -> bool:
    """The noun is given as one already known: "the book", "its report", "the charity's survey"."""
    return _determined(token) or any(c.dep_ == "poss" for c in token.children)


DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})


def _role_kind(lemma: str) -> str:
    """A role noun's lemma, spokesman, spokeswoman and spokesperson as one."""
    return "spokesperson" if lemma in SPOKESPERSON_NOUNS else lemma


def _one_body(token: Token) -> bool:
    """A singular common noun for one body or thing ("a court", "the board"), which "they" goes
    on with less surely than with a plural; not a collective of people ("A party of councillors")."""
    if token.tag_ != "NN" or token.lower_ in COMMITTEE_MEMBERS:
        return False  # (nor "The MPs", which the tagger may call singular)
    return not any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ in ("NNS", "NNPS") for g in c.children)
        for c in token.children
    )


def _titled_aside(token: Token) -> bool:
    """A document noun with its title set off after a comma: "a new book, Brown's Britain by …"."""
    return token.i + 1 < len(token.doc) and token.nbor(1).text == "," and document_title(token) is not None


def _one_of_several(token: Token) -> bool:
    """The noun is set apart from others of its kind: "the other report", "another report", "the
    second book", "its own survey"."""
    return any(c.lower_ in SET_APART or (c.ent_type_ == "ORDINAL" and c.dep_ == "amod") for c in token.children)


SET_APART = frozenset({"other", "another", "own", "separate", "rival"})


def _places_or_parties(names: list[Token]) -> bool:
    """The bodies a role names (the names in its phrase) are places or well-known parties ("the UK
    chancellor", "the Lib Dem leader", "the Labour MP for Birkenhead"), which say where or for
    whom, not an organisation of its own that the person may not belong to ("the chairman of the
    Police Federation"; the caller lets that go with someone the article ties to nothing)."""
    places = [t for t in names if t.ent_type_ in ("GPE", "NORP", "LOC")]
    rest = " ".join(t.text for t in names if t not in places)
    return not rest or canonical_body(rest) is not None or all(canonical_body(t.text) for t in names if t not in places)


def _answers(context: QuoteContext, quote: QuoteSpan) -> bool:
    """A reply's cue ("the Labour leader replied", "hit back"), or the verb a cue's participle
    hangs on ("hit back, saying …", "responded by saying …"): most often someone other than the
    one who spoke before."""
    if quote.cue_at < 0:
        return False
    verb = context.doc[quote.cue_at]
    verbs = [verb]
    while verb.dep_ in ("advcl", "xcomp", "pcomp", "prep") and verb.head is not verb and len(verbs) < 3:
        verb = verb.head
        verbs.append(verb)
    return any(_reply_verb(v) for v in verbs)


def _reply_verb(verb: Token) -> bool:
    """ "replied", "hit back", or a verb with "in response", "in reply" or a participle of
    replying ("Responding to the plans, the chairman … said")."""
    return (
        verb.lemma_.lower() in REPLY_VERBS
        or (verb.lemma_.lower() == "hit" and any(c.lower_ == "back" for c in verb.children))
        or any(_in_reply(c) for c in verb.children)
        or any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in REPLY_VERBS for c in verb.children)
    )


def _in_reply(token: Token) -> bool:
    """ "In response, …", "in reply": a phrase that makes the statement an answer."""
    return (
        token.dep_ == "prep"
        and token.lower_ == "in"
        and any(c.dep_ == "pobj" and c.lemma_.lower() in REPLY_NOUNS for c in token.children)
    )


REPLY_VERBS = frozenset({"reply", "respond", "retort", "counter", "rebut"})
REPLY_NOUNS = frozenset({"reply", "response", "answer", "riposte"})
# Words opening a sentence that sets someone against the one before: "But Charles Kennedy said …".
CONTRAST_OPENERS = frozenset({"but", "however", "yet", "meanwhile"})
# What opens a sentence that answers the one before it ("But the chancellor said …").
REPLY_OPENERS = frozenset({"but", "however", "yet"})


def _singular(words: set[str]) -> set[str]:
    """Words without a plural s ("democrats" -> "democrat"), for comparing a body's names."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def named_one(token: Token) -> CharSpan | None:
    """ "one of the Guildford Four, Gerry Conlon - …, said": the name set beside "one"."""
    verb = token.head
    beside = [c for c in token.children if c.dep_ == "appos"] + [
        c for c in verb.children if c.dep_ in ("appos", "npadvmod") and token.i < c.i < verb.i
    ]
    for name in beside:
        if name.ent_type_ == "PERSON" or is_name(name):
            return mention_span(name)
    return None


def resolve_all(context: QuoteContext, quotes: list[QuoteSpan]) -> None:
    """Set each quote's resolved speaker, how it was found and how sure that is, in text order;
    a speaker that names no one and stays unresolved ("it", "one") is dropped and the quote
    marked `unnamed`."""
    resolver = Resolver(context)
    for quote in quotes:
        if resolver.settle(quote):
            resolver.done.append(quote)
