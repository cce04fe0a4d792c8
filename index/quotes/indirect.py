"""Indirect speech: the clause a reporting verb governs, without quote marks.

``X told Fox News that …`` · ``X warned that …`` · ``X called on Ukraine to …`` ·
``…, according to X`` · ``The museum, X said, celebrated …``, or a noun phrase after
``called``/``proposed`` (``X called the charges baseless``, ``X called for a moratorium``).
A quoted fragment inside the clause makes the whole clause one ``partial`` quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import (
    ACCUSING_VERBS,
    ADDRESS_VERBS,
    ALLEGING_ADVERBS,
    ALLEGING_VERBS,
    ASKING_VERBS,
    BLAMING_VERBS,
    CITING_VERBS,
    CONTENT_CLAUSE_MARKS,
    DOCUMENT_VERBS,
    EVIDENTIAL_VERBS,
    FORECAST_HEADS,
    GERUND_CONTENT_VERBS,
    INDIRECT_QUESTION_WORDS,
    INFINITIVE_VERBS,
    NO_ONE,
    NON_NAMING_SUBJECTS,
    NOUN_CONTENT_VERBS,
    PREPOSITION_CONTENT_VERBS,
    PROSPECTIVE_HEADS,
    QUOTE_ONLY_VERBS,
    RECORD_NOUNS,
    REDUCED_CLAUSE_OPENERS,
    RULING_VERBS,
    SPEECH_NOUNS,
    STANCE_NOUNS,
    SURVEY_NOUNS,
)
from index.quotes.cues import (
    cue_text,
    is_content_cue,
    is_going_on,
    is_passive_participle,
    is_reporting,
    reports_a_statement,
    with_to,
)
from index.quotes.span import MIN_INDIRECT_WORDS, CharSpan, QuoteSpan, drop_duplicates
from index.quotes.speakers import find_origin, is_document, party_of, set_speaker, shown_person, speaking_party

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

TokenRange = tuple[int, int]  # (first, last) token indices, last exclusive


def indirect_speech(context: QuoteContext, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Every reported clause outside quote marks, as a quote; a partial quote the clause takes
    in is removed from `quotes`."""
    text = context.text
    found: list[QuoteSpan] = []
    claimed = bytearray(len(text) + 1)
    for quote in quotes:
        if quote.kind == "direct":
            claimed[quote.start : quote.end] = b"\x01" * (quote.end - quote.start)
    partials = [q for q in quotes if q.kind == "partial"]
    for token in context.doc:
        content_cue = is_content_cue(token)
        if context.is_quoted(token) or not (content_cue or is_reporting(token)):
            continue
        quote_only = token.lemma_.lower() in QUOTE_ONLY_VERBS and stance_clause(token) is None
        if quote_only or is_passive_participle(token) or is_going_on(token):
            continue
        if not reports_a_statement(token):
            continue  # "would not say whether …", "declined to comment", "could argue that …"
        if is_frame(token):
            continue  # "Speaking about future talks, Kirby said …": the occasion, not a statement
        if forecast(token):
            continue  # "Mr Howard is expected to say that …": not said yet, and no one says he will
        content = content_of_shape(context, token) if content_cue else reported_clause(context, token)
        if content is None:
            continue
        start, end = content
        sent_start, sent_end = context.sentence_bounds(token, *context.paragraph_around(token.idx))
        start, end = max(start, sent_start), min(end, sent_end)
        # a quoted fragment the clause runs into belongs to it, closing mark included
        for q in partials:
            if start <= q.start < end and q.end > end:
                end = q.end if q.close_mark < 0 else q.close_mark + 1
        if refers_back(context, start, end):
            # "This is on November 14 … Alexander Grushko said": the words are the sentence before
            content = sentence_before(context, token)
            if content is None:
                continue
            start, end = content
        if end - start < 2:
            continue
        if sum(claimed[start:end]) > (end - start) / 3:
            continue
        if _asks(text[start:end]) and _prospective(token) and token.lemma_.lower() not in ASKING_VERBS:
            continue  # "is due to announce which constituency he will run in": not yet said
        if _opens_with_quotation(text, claimed, start, end):
            continue  # '… footage of Trump saying, "That makes me smart," when …': the quotation is its own
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
            continue
        origin_found = find_origin(context, token, sent_start, sent_end)
        if (
            origin_found is None
            or not (sent_start <= origin_found[0].idx < sent_end)
            or start <= origin_found[0].idx <= start + 4
        ):
            continue  # no origin, or the "content" is the origin's own name
        # "The harbour will reopen in spring, Ida Moss, the council's transport chief, said": the parse
        # hung the speaker on the content's last word; the content ends before them
        cut = min(origin_found[0].left_edge.idx, origin_found[0].idx)
        if start < origin_found[0].idx < end and token.idx >= end and text[start:cut].rstrip().endswith(","):
            end = len(text[start:cut].rstrip(" ,;—–-")) + start
            if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
                continue
        if no_one_states(context, token, origin_found[0], sent_start, sent_end):
            continue
        # a statement from a thing that names no one ("according to a briefing") has no speaker
        speaker = party_of(context, *origin_found)
        if (speaker is None or _polled(origin_found[0])) and _counts_respondents(origin_found[0]):
            survey = _survey_of(context, token)
            if survey is not None:  # the finding is the share and what they said: "14% of … said they …"
                speaker, start = (survey, "document"), min(start, origin_found[0].left_edge.idx)
        inner = [q for q in partials if q.start >= start and q.end <= end]
        span = QuoteSpan(start, end, start, end, context.paragraph_of(start), kind="partial" if inner else "indirect")
        span.cue = cue_text(token)
        span.cue_at = token.i
        if speaker is not None:
            set_speaker(span, *speaker)
            if only_alleged(token):
                span.how = "alleged"
        for q in inner:
            if q in quotes:
                quotes.remove(q)
                partials.remove(q)
        found.append(span)
    found += [
        span for span in statement_nouns(context) if sum(claimed[span.start : span.end]) <= (span.end - span.start) / 3
    ]
    return drop_duplicates(outermost(context, found))


def _polled(origin: Token) -> bool:
    """People the text calls a poll's respondents: "those pupils polled", "the voters questioned"."""
    return any(c.dep_ == "acl" and c.lemma_.lower() in RESPONDENT_VERBS for c in origin.children)


def _counts_respondents(origin: Token) -> bool:
    """ "14% of people aged 18 to 34 said", "two-thirds of voters say", "Nearly half those pupils
    polled said": a share of those asked."""
    if origin.text == "%" or origin.like_num or origin.lower_ in ("percent", "cent", "majority", "third", "half"):
        return True
    if origin.tag_ != "NNS":
        return False
    return _polled(origin) or any(c.ent_type_ in ("CARDINAL", "PERCENT") for c in origin.children)


# Verbs that make people respondents: "those pupils polled", "the voters questioned".
RESPONDENT_VERBS = frozenset({"poll", "survey", "question", "interview", "ask", "sample"})


def _survey_of(context: QuoteContext, verb: Token) -> Token | None:
    """The survey, poll or study whose respondents a cue reports: one named in its sentence ("In the
    survey carried out by ICM Research, 14% … said"), else the sentence before's."""
    sentence = verb.sent
    sentences = [sentence]
    if sentence.start > 0:
        sentences.append(context.doc[sentence.start - 1].sent)
    for part in sentences:
        for token in part:
            if is_document(token) and not context.is_quoted(token) and token.lemma_.lower() in SURVEY_NOUNS:
                return token
    return None


def only_alleged(verb: Token) -> bool:
    """The speaker is only alleged to have said it ("is alleged to have said that …", "is said to
    have told …", "allegedly suggesting …", "reportedly told …"): someone unnamed claims so."""

    def passive_alleging(token: Token) -> bool:
        return (token.lemma_ or token.lower_).lower() in ALLEGING_VERBS and any(
            c.dep_ in ("auxpass", "nsubjpass") for c in token.children
        )

    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "… is alleged to have said that … and proposed …"
        if passive_alleging(verb):
            return True
    if any(c.dep_ == "advmod" and c.lower_ in ALLEGING_ADVERBS for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and passive_alleging(verb.head)


def no_one_states(context: QuoteContext, verb: Token, origin: Token, sent_start: int, sent_end: int) -> bool:
    """The cue reports no one's statement: its subject is no one ("nobody is attempting to suggest
    …"); it infers, with a thing for subject ("if that is the case it suggests that …", "which
    would suggest …"); or the writer asks it ("will those briefers suggest their man is …?")."""
    if origin.lower_ in NO_ONE or (origin.lower_ == "one" and any(c.lower_ == "no" for c in origin.children)):
        return True
    if (verb.lemma_ or verb.lower_).lower() in EVIDENTIAL_VERBS:
        if origin.lower_ in NON_NAMING_SUBJECTS:
            # "It suggested that the rules would change", after a body that spoke, is the body's:
            # only the present or a modal reads as inference there
            inferring = verb.tag_ in ("VBZ", "VBP", "VB") or any(
                c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children
            )
            return origin.lower_ != "it" or inferring
        if origin.pos_ == "NOUN" and not is_document(origin) and speaking_party(context, origin) is None:
            return True  # "a coincidence, which would suggest …": a thing, not a document, infers
    return asked_by_the_writer(context, verb, sent_start, sent_end)


def asked_by_the_writer(context: QuoteContext, verb: Token, sent_start: int, sent_end: int) -> bool:
    """The cue is the verb of a question the sentence asks ("will those briefers suggest …?", "has
    he called for …?"): an auxiliary before its subject, and the sentence ends in a question mark
    outside quote marks ("suggested asking yourself this: would I …?" asks inside the content)."""
    end = context.text[sent_start:sent_end].rstrip().rstrip("\"'”’)")
    if not end.endswith("?") or context.is_quoted(verb.doc[verb.sent.end - 1]):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children)


def _prospective(verb: Token) -> bool:
    """A cue of what is yet to be said: "will announce", "is due (expected, set) to reveal"."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and with_to(verb) and (head.lemma_ or head.lower_).lower() in PROSPECTIVE_HEADS


def forecast(verb: Token) -> bool:
    """The writer's forecast of what someone will say: "is expected to announce", "are thought
    likely to propose", "is likely to defend". A speech given out in advance ("will say", "is due
    to tell") still reports a statement, and "is thought to have told" is one only alleged."""
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head  # "is expected to travel to Paris and announce that …"
    if verb.dep_ != "xcomp" or not with_to(verb):
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    head = verb.head
    lemma = (head.lemma_ or head.lower_).lower()
    if lemma == "likely":
        return True
    return lemma in FORECAST_HEADS and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)


def _asks(content: str) -> bool:
    """Content that is an indirect question ("which seat he will fight", "whether to stand"):
    what it names is not yet said."""
    words = content.split(maxsplit=1)
    return bool(words) and words[0].lower().strip("\"“‘'") in INDIRECT_QUESTION_WORDS


def _opens_with_quotation(text: str, claimed: bytearray, start: int, end: int) -> bool:
    """Whether the "content" of a cue starts with a direct quotation (the parse hung a quotation
    that another cue introduces on this verb): what follows the quotation is no clause of it."""
    first = next((i for i in range(start, end) if text[i].isalnum()), end)
    return first < end and bool(claimed[first])


def statement_nouns(context: QuoteContext) -> list[QuoteSpan]:
    """Statements reported by a noun with its owner: "Donald Trump's claim that there have been
    …", "his promise to cut taxes"."""
    doc = context.doc
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS or context.is_quoted(token):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or not (owner.pos_ in ("PROPN", "PRON") or owner.ent_type_ in ("PERSON", "ORG", "NORP")):
            continue
        content = next(
            (
                c
                for c in token.rights
                if c.dep_ in ("acl", "ccomp", "appos")
                and c.pos_ in ("VERB", "AUX")
                and any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in c.children)
            ),
            None,
        )
        if content is None:
            continue
        bounds = trim(context, content.left_edge.i, content.right_edge.i + 1)
        if bounds is None or len(context.text[bounds[0] : bounds[1]].split()) < MIN_INDIRECT_WORDS:
            continue
        span = QuoteSpan(bounds[0], bounds[1], bounds[0], bounds[1], context.paragraph_of(bounds[0]), kind="indirect")
        span.cue, span.cue_at = token.text, token.i
        set_speaker(span, owner, "subject")
        found.append(span)
    return found


def is_frame(verb: Token) -> bool:
    """A participle before the cue it sets the scene for ("Speaking about X, Kirby said"); one
    with content of its own ("Saying Britain must change, Howard argued …") is a statement."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.i < head.i
        and is_reporting(head)
        and not has_own_subject(verb)
        and verb.lemma_.lower() in PREPOSITION_CONTENT_VERBS
    )


def outermost(context: QuoteContext, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Reported clauses whose cue is no part of another's content: in "Merrill says Machado
    promised to …", "In it he alleges that Mr Blair told Mr Brown …" or "the prime minister
    says it is time for Mr Livingstone to say sorry" the inner cue is what the outer speaker
    says, not a statement of its own."""
    doc = context.doc
    kept = []
    for span in spans:
        cue = doc[span.cue_at].idx
        inside = any(
            other is not span
            and not records_speech(context, other)
            and other.start <= cue < other.end
            and not span.start <= doc[other.cue_at].idx < span.end  # (each inside the other: keep both)
            for other in spans
        )
        if not inside:
            kept.append(span)
    # a record whose content is someone's statement gives way to it
    return [
        span
        for span in kept
        if not (
            records_speech(context, span)
            and any(other is not span and span.start <= doc[other.cue_at].idx < span.end for other in kept)
        )
    ]


def content_of_shape(context: QuoteContext, verb: Token) -> CharSpan | None:
    """What a verb of `CONTENT_CUE_VERBS` reports: a document's clause, a stance noun's clause
    ("highlighted his message that …"), or its noun content of the one shape it takes."""
    lemma = verb.lemma_.lower()
    if lemma in DOCUMENT_VERBS | RULING_VERBS:
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if clause is not None and clause.tag_ in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in clause.children):
            return None  # "the film shows Mr Howard laughing at …": a picture, no finding
        if clause is not None and clause.pos_ == "ADJ":
            return None  # "The jury found him guilty", "found it hard to …": a verdict or a view, no clause
        if shown_person(verb) is not None:
            return None  # "The documentary showed Mr Nattrass, apparently talking about the EU, …"
        content = reported_clause(context, verb)
        if content is None:
            return None
        # "research has shown the overwhelming majority have voted Labour": the parse may make
        # the clause's subject the verb's object
        for child in verb.children:
            if child.dep_ == "dobj" and child.i > verb.i and child.left_edge.idx < content[0]:
                widened = trim(context, child.left_edge.i, context.tokens_in(*content)[-1].i + 1)
                content = widened or content
        # "Video shows that he had his hands up, contradicting the police's claim": a participle
        # set off after a document's finding is the writer's gloss on it
        tokens = context.tokens_in(*content)
        for token in tokens[1:]:
            if token.dep_ == "advcl" and token.tag_ == "VBG" and token.doc[token.i - 1].text == ",":
                return trim(context, tokens[0].i, token.i)
        return content
    clause = stance_clause(verb)
    if clause is not None:
        return trim(context, clause.left_edge.i, extend_clause(verb, clause.right_edge.i + 1))
    phrase_range = noun_phrase_content(verb)
    if phrase_range is None:
        return None
    first, last = phrase_range
    if lemma == "talk" and not talks_of_an_action(verb):
        return None  # "talked about the weather", "about the things she believed": a topic, no statement
    return trim(context, first, own_continuation(verb, first, extend_phrase(verb, last)))


def talks_of_an_action(verb: Token) -> bool:
    """ "talked about bringing communities together", "about which ones he would pick", "about
    reform and passing more gun control": what follows "about" is, or takes in, a verb of its
    own (a gerund or a clause), not a topic alone."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in PREPOSITION_CONTENT_VERBS["talk"]:
            continue
        for head in prep.children:
            if head.dep_ in ("pobj", "pcomp") and (
                head.pos_ in ("VERB", "AUX") or any(c.dep_ == "conj" and c.tag_ == "VBG" for c in head.children)
            ):
                return True
    # "talked about reform and passing more gun control": the parse may hang the gerund on the verb
    return any(
        c.dep_ == "conj" and c.tag_ == "VBG" and not any(a.dep_ in ("aux", "nsubj") for a in c.children)
        for c in verb.children
    )


def records_speech(context: QuoteContext, span: QuoteSpan) -> bool:
    """A statement given to a record of words ("The transcript shows that Clinton talked about
    …"): a statement inside it is the speaker's own, not the record's claim."""
    if span.speaker is None or span.cue_at < 0:
        return False
    heads = [t for t in context.tokens_in(*span.speaker) if t.dep_ == "nsubj" and t.head.i == span.cue_at]
    return any((t.lemma_ or t.lower_).lower() in RECORD_NOUNS for t in heads)


def reported_clause(context: QuoteContext, verb: Token) -> CharSpan | None:
    """The char span of what the cue `verb` reports, or None when it governs no content."""
    doc = context.doc
    if verb.lower_ == "according":
        # the sentence without the "according to X" phrase
        sentence = verb.sent
        phrase = list(verb.subtree)
        last = phrase[-1].i
        if verb.dep_ == "ROOT":
            # "According to X, the move reeks of fear": the parse may make the whole sentence
            # hang on "according"; the phrase then ends at the comma after it
            comma = next((t.i for t in doc[verb.i : last + 1] if t.text in (",", "—", "–", ":")), None)
            if comma is not None:
                last = comma
        before = doc[sentence.start : phrase[0].i]
        after = doc[last + 1 : sentence.end]
        part = before if len(before) >= len(after) else after
        return trim(context, part.start, part.end)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and is_clause(c)), None)
    addressee = None  # "called on Kyiv to …", "urged lawmakers to …": part of the content
    if clause is None and verb.lemma_.lower() in INFINITIVE_VERBS:
        # (an infinitive: "told BBC 1's Breakfast programme" is no "told them to …", though the
        # parse makes "'s" a verb)
        clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and _infinitive(c)), None)
        if clause is not None:
            for child in verb.children:
                if verb.i < child.i < clause.i and (
                    child.dep_ in ("dobj", "dative") or (child.dep_ == "prep" and child.lower_ == "on")
                ):
                    addressee = child.left_edge.i if child.dep_ != "prep" else child.i + 1
                    break
    if clause is None and verb.lemma_.lower() in ADDRESS_VERBS:
        # "told a meeting of Pacific leaders that few people understood …": the parse hangs
        # the that-clause on the listener
        clause = next(
            (
                t
                for c in verb.children
                if c.dep_ in ("dobj", "dative") and c.i > verb.i
                for t in c.subtree
                if t.dep_ in ("acl", "ccomp", "relcl")
                and is_clause(t)
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)
            ),
            None,
        )
    if clause is None:
        clause = stance_clause(verb)  # "expressed concerns that …"
    if clause is None:
        phrase_range = noun_phrase_content(verb)
        if phrase_range is not None and is_occasion(verb):
            return None  # "When ministers announced a reorganisation, it drew …": an event
        if phrase_range is not None:
            first, last = phrase_range
            extended = extend_phrase(verb, last)
            return trim(context, first, own_continuation(verb, first, extended))
        # "Peace is near, the minister said."
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and is_clause(c)), None)
    if clause is None:
        # "Trump said after the convention he would not accept …": the parse hangs the
        # clause on the verb as an unmarked adverbial clause with its own subject
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ == "advcl"
                and c.i > verb.i
                and has_own_subject(c)
                and not is_reporting(c)
                and not any(m.dep_ == "mark" for m in c.children)
                and not any(
                    m.dep_ == "advmod" and (m.tag_ == "WRB" or m.lower_ in REDUCED_CLAUSE_OPENERS) and m.i < c.i
                    for m in c.children
                )  # "…, when McAuliffe walked in" is the occasion, not content
            ),
            None,
        )
    if clause is None and verb.dep_ == "parataxis" and verb.head.i < verb.i:
        head = verb.head
        first = head.left_edge.i
        last = verb.left_edge.i
        if head.right_edge.i > verb.right_edge.i + 1 and is_aside(verb):
            # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
            last = head.right_edge.i + 1
        return trim(context, first, last)
    if clause is None and verb.dep_ == "parataxis" and verb.head.i > verb.i and is_aside(verb):
        # "The museum, Mr. Bush said, celebrated …": the aside sits inside the statement,
        # which is the whole clause around it (a quote is one contiguous slice)
        return trim(context, verb.head.left_edge.i, verb.head.right_edge.i + 1)
    if clause is None:
        return None
    first, last = clause.left_edge.i, clause.right_edge.i + 1
    if addressee is not None:
        first = min(first, addressee)
    if clause.i > verb.i:
        last = extend_clause(verb, last)
        if clause.dep_ == "xcomp":
            last = extend_phrase(verb, last)
    if clause.i < verb.i:
        # (the verb's own left edge is the clause's, which hangs off it)
        last = min(last, verb.i)
        # "X said" in the middle: the subject is not part of the clause
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and clause.i < child.i < verb.i:
                last = min(last, child.left_edge.i)
    last = min(last, own_continuation(verb, first, last))
    # "…, as Kirby put it" hanging off the clause is an attribution, not content
    for token in doc[clause.i + 1 : last]:
        if (
            token.dep_ == "advcl"
            and is_reporting(token)
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        ):
            last = min(last, token.left_edge.i)
    # "… was smart, although he again refused to pledge …": a concession that the speaker, as
    # the writer names them, did something is the writer's, not part of what was said
    speaker = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for token in doc[clause.i + 1 : last]:
        if token.dep_ == "advcl" and token.i > clause.i and _concedes_of(token, speaker):
            last = min(last, token.left_edge.i)
            break
    return trim(context, first, last)


def _concedes_of(clause: Token, speaker: Token | None) -> bool:
    """An "although"/"though" clause whose subject is a person pronoun or the cue's own subject."""
    if not any(m.dep_ == "mark" and m.lower_ in ("although", "though") for m in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if subject.lower_ in ("he", "she"):
        return True
    return speaker is not None and subject.lower_ == speaker.lower_ and subject.pos_ == "PROPN"


def stance_clause(verb: Token) -> Token | None:
    """ "Scientists have expressed concerns that her views could hamper research": the that-clause
    of a stance noun the cue has for its object."""
    for child in verb.children:
        if child.dep_ != "dobj" or child.i < verb.i or child.lemma_.lower() not in STANCE_NOUNS:
            continue
        for clause in child.children:
            marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            if clause.dep_ in ("acl", "ccomp", "relcl") and clause.i > child.i and is_clause(clause) and marked:
                return clause
    return None


def is_occasion(verb: Token) -> bool:
    """A cue in a clause of time ("when X announced …", "after X proposed …"): with only a noun
    for content, it dates what the sentence goes on to say, it reports no statement."""
    # (the parse may make such a clause the root when no comma closes it); "As Clinton talked
    # about …, Trump highlighted …" sets two statements side by side
    if verb.dep_ == "advcl" and (is_reporting(verb.head) or is_content_cue(verb.head)):
        return False
    if verb.lemma_.lower() in ACCUSING_VERBS | BLAMING_VERBS:
        return False  # "when Clinton blasted him for not paying tax": a charge, said whenever it was
    return verb.dep_ in ("advcl", "ROOT") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in REDUCED_CLAUSE_OPENERS | {"since", "as"} and c.i < verb.i
        for c in verb.children
    )


def own_continuation(verb: Token, first: int, last: int) -> int:
    """Where the content of `verb` gives way to the speaker's next statement that the parse
    hung inside it (", saying that …", "… and suggested that …", "though she noted …"): a
    reporting verb coordinated with or adjoined to a verb of the content, after a comma or a
    conjunction. Its left edge, else `last`."""
    doc = verb.doc
    for token in doc[max(first, verb.i + 1) : last]:
        if set_off_but(token):
            return token.i - 1  # (trim drops the "but" and the dash)
        if token.dep_ not in ("advcl", "conj") or not is_reporting(token) or is_reporting(token.head):
            continue
        if token.lemma_.lower() in QUOTE_ONLY_VERBS or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
            continue  # "cannot continue down the path …", "before initiatives were announced": content
        if token.dep_ == "advcl" and (token.tag_ != "VBG" or any(c.dep_ == "mark" for c in token.children)):
            continue  # only a participle (", saying …") is the speaker's next move
        edge = token.left_edge.i
        before = doc[edge - 1] if edge > 0 else None
        opened = token.left_edge.dep_ in ("cc", "mark", "punct") or (
            before is not None and (before.text in (",", ";", "—", "–") or before.lower_ in ("and", "but"))
        )
        if opened and edge > first:
            return edge
    return last


def set_off_but(token: Token) -> bool:
    """ "denied his forecasts were too optimistic - but refused to rule out …": a verb with no
    subject of its own after a dash or comma and "but" is the speaker's next move, not content."""
    doc = token.doc
    if token.dep_ != "conj" or token.pos_ != "VERB" or has_own_subject(token) or token.i < 2:
        return False
    return doc[token.i - 1].lower_ == "but" and doc[token.i - 2].text in (",", "-", "—", "–", ";")


def _infinitive(verb: Token) -> bool:
    """A verb in its base form or with "to" ("urged lawmakers to act", "made them act")."""
    return verb.tag_ == "VB" or with_to(verb)


def noun_phrase_content(verb: Token) -> TokenRange | None:
    """Content given as a noun phrase: "called the charges unsubstantiated" · "called
    climate change a hoax" · "called for a moratorium on charter schools" · "proposed a
    15 percent rate for …"."""
    lemma = verb.lemma_.lower()
    after = [c for c in verb.children if c.i > verb.i]
    objects = [c for c in after if c.dep_ == "dobj"]
    if lemma == "call":
        complements = [c for c in after if c.dep_ in ("oprd", "xcomp", "attr")]
        if objects and complements and complements[0].i > objects[0].i:
            return objects[0].left_edge.i, complements[0].right_edge.i + 1
        if objects and any(c.dep_ == "acl" and c.tag_ in ("JJ", "VBN") for c in objects[0].rights):
            return objects[0].left_edge.i, objects[0].right_edge.i + 1  # the parse's "charges unsubstantiated"
        for child in after:
            # "called for a moratorium", "called again for …"; not the "for" of another phrase the
            # parse hangs on the verb ('called Labour "a brilliant machine for talking about things"')
            between = verb.doc[verb.i + 1 : child.i]
            if (
                child.dep_ == "prep"
                and child.lower_ == "for"
                and child.right_edge.i > child.i
                and all(t.pos_ in ("ADV", "PART") for t in between)
            ):
                return child.i + 1, child.right_edge.i + 1
        return None
    if lemma in ACCUSING_VERBS and objects:
        # "accused the GOP of stoking the issue", "charged two developers with fraud"
        for child in after:
            if child.dep_ == "prep" and child.lower_ in ("of", "with") and child.i > objects[0].i:
                return objects[0].left_edge.i, child.right_edge.i + 1
        return None
    if lemma in BLAMING_VERBS | CITING_VERBS:
        # "blasted him for not paying tax", "cited the audit as the reason …"
        wanted = "for" if lemma in BLAMING_VERBS else "as"
        for child in after:
            if objects and child.dep_ == "prep" and child.lower_ == wanted and child.i > objects[0].i:
                return objects[0].left_edge.i, child.right_edge.i + 1
        for obj in objects:  # (the parse may hang the phrase on the object)
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ == wanted and child.i > obj.i:
                    return obj.left_edge.i, child.right_edge.i + 1
        return None
    prepositions = PREPOSITION_CONTENT_VERBS.get(lemma, ())
    for child in after:
        if child.dep_ == "prep" and child.lower_ in prepositions and child.right_edge.i > child.i:
            return child.i + 1, child.right_edge.i + 1
    if lemma in NOUN_CONTENT_VERBS and objects:
        return objects[0].left_edge.i, objects[0].right_edge.i + 1
    if lemma in NOUN_CONTENT_VERBS | GERUND_CONTENT_VERBS:
        # "proposes allowing parents to …", "has admitted using the tax code"
        for child in after:
            if child.dep_ in ("xcomp", "ccomp") and child.tag_ == "VBG" and not has_own_subject(child):
                return child.left_edge.i, child.right_edge.i + 1
    return None


def is_clause(head: Token) -> bool:
    """A verb, or a word the tagger got wrong that has a subject of its own ("said the words
    “lump” the good …", "said Clinton was “justified” …"); not a possessive "'s" the tagger took
    for a verb with no subject ("told BBC Radio 4's The World at One")."""
    if head.lower_ in ("'s", "’s") and not has_own_subject(head):
        return False
    return head.pos_ in ("VERB", "AUX") or has_own_subject(head)


def has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def extend_clause(verb: Token, last: int) -> int:
    """The parse often hangs the rest of the reported content on the reporting verb:
    a second clause with its own subject ("said Trump has … and his comment was …") or a
    conditional or causal clause ("…, when it comes to …"). Take them in, in order, up
    to the first dependent that is the speaker's own (", adding that …", "and left")."""
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i < last or child.dep_ in ("punct", "cc"):
            continue
        if is_reporting(child):
            break
        if child.dep_ in ("ccomp", "conj") and child.pos_ in ("VERB", "AUX") and has_own_subject(child):
            last = child.right_edge.i + 1
            continue
        if child.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in CONTENT_CLAUSE_MARKS for c in child.children
        ):
            last = child.right_edge.i + 1
            continue
        break
    return last


def extend_phrase(verb: Token, last: int) -> int:
    """A noun or infinitive content goes on in what the parse hangs on the cue after it: "called
    it a common ailment | during grueling bids", "revealed a yawning gulf | in the way …",
    "agreed to share a currency | and rely on one another". Up to the first dependent that is
    the speaker's own (a reporting verb, a clause with a subject of its own, a participle set
    off by a comma)."""
    doc = verb.doc
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i < last:
            continue
        if child.dep_ == "punct":
            if child.text != ",":
                break
            continue
        purpose = child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "so" for m in child.children)
        if purpose and doc[child.left_edge.i - 1].text != ",":
            last = child.right_edge.i + 1  # "called for a change in the law so householders are …"
            continue
        if is_reporting(child) or has_own_subject(child):
            break
        if child.dep_ in ("advcl", "conj") and doc[child.left_edge.i - 1].text == ",":
            break  # ", adding …", ", saying …": the speaker's next move
        if child.dep_ not in ("prep", "npadvmod", "advmod", "conj", "cc", "xcomp", "oprd", "dative", "advcl"):
            break
        last = child.right_edge.i + 1
    return last


def is_aside(verb: Token) -> bool:
    """ ", Mr. Bush said, " set off by commas after the start of the clause it interrupts
    (the parse sometimes hangs the clause's own subject on the aside's verb)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not subjects:
        return False
    first = max(subjects, key=lambda c: c.i).left_edge.i
    head_first = min(verb.head.left_edge.i, verb.left_edge.i)
    return first > head_first and verb.doc[first - 1].text in (",", "—", "–")


def refers_back(context: QuoteContext, start: int, end: int) -> bool:
    """A content that is only "this" or "that" and when or where ("This is on November 14 …
    Grushko said", "That was on Monday, the minister said"): it points at words said before."""
    words = [t for t in context.tokens_in(start, end) if not (t.is_punct or t.is_space)]
    if not words or words[0].lower_ not in ("this", "that"):
        return False
    return all(t.lemma_ == "be" or t.pos_ in ("ADP", "DET") or t.ent_type_ in ("DATE", "TIME") for t in words[1:])


def sentence_before(context: QuoteContext, verb: Token) -> CharSpan | None:
    """The sentence before the cue's, in its paragraph or closing the one before, when it is the
    writer's own statement of what was said: not in quote marks and with no cue of its own."""
    sentence = verb.sent
    if sentence.start == 0:
        return None
    before = context.doc[sentence.start - 1].sent
    if context.paragraph_of(before.start_char) < context.paragraph_of(sentence.start_char) - 1:
        return None
    words = [t for t in before if not (t.is_punct or t.is_space)]
    if len(words) < MIN_INDIRECT_WORDS or any(context.is_quoted(t) or is_reporting(t) for t in words):
        return None
    return trim(context, before.start, before.end)


def trim(context: QuoteContext, first: int, last: int) -> CharSpan | None:
    """The char span of tokens [first, last) without edge punctuation, space or "and"/"but"
    (a closing mark of a quoted fragment inside is kept), or None when nothing is left."""
    doc = context.doc
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ in ("and", "but")):
        first += 1
    if first + 2 < last and doc[first].pos_ == "PROPN" and doc[first + 1].text == ":":
        first += 2  # a headline's label ("USA: Washington will help …") is not content
    while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space or doc[last - 1].lower_ in ("and", "but")):
        if doc[last - 1].is_quote and context.quoted[doc[last - 1].idx] and last - 1 > first:
            break  # keep a closing mark of a quoted fragment inside the clause
        if doc[last - 1].text in ("%", "°") or (doc[last - 1].text == ")" and "(" in doc[first : last - 1].text):
            break  # "rose to 5%", "(in 2003)": part of what is said, not punctuation around it
        last -= 1
    if last <= first:
        return None
    return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
