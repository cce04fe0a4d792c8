"""The extraction pipeline: every statement in one parsed article body, with its speaker's span."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.lexicon import ASKING_VERBS, DOCUMENT_NOUNS
from index.model import RawQuote
from index.quotes.context import QuoteContext
from index.quotes.direct import (
    attribute_between,
    attribute_direct,
    attribute_in_sentence,
    attribute_to_sentence_before,
    carry_speakers,
    classify,
    introduced_paragraphs,
    join_running_parts,
    trim_unclosed,
)
from index.quotes.evidence import confidence_of, evidence_of
from index.quotes.indirect import indirect_speech
from index.quotes.marks import balance_marks, pair_quotes
from index.quotes.resolve import resolve_all
from index.quotes.span import MIN_PARTIAL_WORDS, MIN_UNATTRIBUTED_WORDS, QuoteSpan, drop_duplicates, in_title_case
from index.quotes.speakers import set_speaker, voice_institution
from index.quotes.transcript import headline_lines, transcript_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Words opening a clause of time after a cue: when a thing was said, not what.
OCCASION_OPENERS = frozenset({"when", "after", "before", "until", "once"})
FUTURE_MODALS = frozenset({"would", "will", "could", "might", "should", "'ll"})
# A transcript's note in brackets ("(CROSSTALK.)", "[APPLAUSE]", "(inaudible)"): no one's words.
STAGE_DIRECTION = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])[\s.,;:!?]*$")


def extract_quotes(doc: Doc, paragraph_starts: Sequence[int] | None = None) -> list[RawQuote]:
    """Every statement in `doc` (a parsed article body) with the span of its speaker.

    A doc without a dependency parse (the blank pipeline's, tagged by `index.rules`) has its
    speakers completed by the no-model attribution before they are carried from quote to quote."""
    if len(doc) == 0 or not doc.text.strip():
        return []
    context = QuoteContext(doc, paragraph_starts)
    text = context.text

    # 1. Labelled lines ("PENCE: …"): their labels, not their marks, say who speaks, so their
    #    paragraphs are left out of pairing (a transcript's opening mark often runs on over it).
    transcript = transcript_lines(context)
    transcript += headline_lines(context, {span.paragraph for span in transcript})
    labelled = {span.paragraph for span in transcript}
    # 2. Quote marks paired into quotations, paragraph by paragraph; their text marked quoted.
    spans = pair_quotes(text, [bounds for number, bounds in enumerate(context.bounds) if number not in labelled])
    for span in spans:
        span.paragraph = context.paragraph_of(span.open_mark)
    for span in spans + transcript:
        context.mark_quoted(span.open_mark, (span.close_mark if span.close_mark >= 0 else span.end) + 1)
    # 3. A quotation left open that ends in its own attribution is cut before it.
    trim_unclosed(context, spans)
    # 4. Each quotation direct or partial, attributed through the text around it; an
    #    institution voiced by a person in the same sentence gives way to the person.
    for span in spans:
        classify(context, span)
        if span.kind == "direct":
            attribute_direct(context, span)
        if span.kind != "direct" or span.cue == "":
            attribute_in_sentence(context, span)
        voice_institution(context, span)
    # 4b. Without a parse (the no-model pipeline), surface patterns around each quotation name
    #     the speakers the rules above could not, before they are carried.
    parsed = doc.has_annotation("DEP")
    if not parsed:
        _attribute_without_parse(context, spans)
    # 5. Speakers carried: the parts of a running quotation share one, and quoted sentences
    #    that follow an attributed one (a transcript's labelled line too) keep its speaker.
    join_running_parts(context, spans)
    carry_speakers(context, sorted(spans + transcript, key=lambda s: s.start))
    # 6. What no one says and too short to stand alone (scare quotes), and titles in title
    #    case ("Face the Nation"), are dropped; a quotation with no cue yet waits for 7b.
    kept = [
        s
        for s in spans
        if (s.speaker is not None or (s.kind == "direct" and s.words(text) >= MIN_UNATTRIBUTED_WORDS))
        and not (s.is_title(text) and not _in_headline(context, s))
    ]
    kept = sorted(kept + transcript, key=lambda s: s.start)
    # 7. A paragraph set out after "X added:" without marks is X's; reported clauses without
    #    marks, a partial quote inside one becoming part of it.
    kept = sorted(kept + introduced_paragraphs(context, kept), key=lambda s: s.start)
    # (both are the parse's misreadings; the no-model rules' spans are left as they are)
    indirect = [
        span
        for span in indirect_speech(context, kept)
        if not (parsed and (_holds_its_speaker(span) or _occasion_only(context, span)))
    ]
    for span in indirect:
        voice_institution(context, span)
    # 7b. A quotation between two statements continues the one before it; one that nothing
    #     attributes and no cue frames is dropped.
    attribute_between(context, sorted(kept + indirect, key=lambda s: s.start))
    _carry_from_reported(context, kept, indirect)
    _trailing_document_frames(context, indirect)
    kept = [s for s in kept if s.speaker is not None or s.cue]
    if not parsed:
        _attribute_without_parse(context, indirect)
    kept = [s for s in kept if s.kind == "direct" or s.words(text) >= MIN_PARTIAL_WORDS]
    # 8. Stray marks cut at the edges; balancing can bring two spans to the same slice: keep
    #    one (a direct before an indirect).
    quotes = drop_duplicates([q for q in kept + indirect if balance_marks(text, q, context.paragraph_around)])
    quotes = [q for q in quotes if not STAGE_DIRECTION.match(text, q.start, q.end)]
    quotes.sort(key=lambda s: (s.start, -s.end))
    # 9. Pronoun and role-noun speakers resolved to the names they stand for; one whose speaker
    #    turned out to name no one stands only when long enough to be a statement.
    resolve_all(context, quotes)
    quotes = [q for q in quotes if not q.unnamed or q.words(text) >= MIN_UNATTRIBUTED_WORDS]
    return [_to_raw(context, q) for q in quotes]


# A sentence that ends in a document's attribution: "…, a new book about the chancellor claims."
_TRAILING_FRAME = re.compile(
    r",\s+((?:a|an|the)\s+(?:[\w'’-]+\s+){0,6}?(" + "|".join(sorted(DOCUMENT_NOUNS)) + r")s?\b[^,.;:!?\"“”]{0,60}?)\s+"
    r"(claims|says|alleges|suggests|reveals|reports|shows|finds|states|argues)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _trailing_document_frames(context: QuoteContext, statements: list[QuoteSpan]) -> None:
    """ "Tony Blair promised Gordon Brown he would stand down, a new book about the chancellor
    claims": what the sentence reports before the frame is the document's claim, whoever it names
    (the small model often parses the frame's verb as a noun). The statement's speaker becomes the
    document, its cue the frame's verb, and its content the sentence before the frame."""
    doc = context.doc
    for span in statements:
        if span.kind == "direct":
            continue
        sentence = doc.char_span(span.start, span.end, alignment_mode="expand")
        if sentence is None:
            continue
        sent = sentence[0].sent
        match = _TRAILING_FRAME.search(sent.text)
        if match is None:
            continue
        frame_start = sent.start_char + match.start()
        head = doc.char_span(sent.start_char + match.start(2), sent.start_char + match.end(2), alignment_mode="expand")
        if head is None or span.start >= frame_start:
            continue
        verb = doc.char_span(sent.start_char + match.start(3), sent.start_char + match.end(3), alignment_mode="expand")
        set_speaker(span, head[0], "document")
        span.speaker = sent.start_char + match.start(1), sent.start_char + match.end(1)
        # the claim is the whole report before the frame, its own cue and subject included
        span.start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        span.end = frame_start
        span.open_mark, span.close_mark = span.start, span.end
        if verb is not None:
            span.cue, span.cue_at = verb.text, verb[0].i


def _holds_its_speaker(quote: QuoteSpan) -> bool:
    """Reported words that end in their own speaker's mention ("…," said Tory shadow local
    government secretary Caroline Spelman, where the parse takes "shadow" for a verb and the
    rest for what was said): a misread attribution, not a statement. (A speaker inside the
    words, "which they say would save £300m", is a relative clause's own cue.)"""
    return (
        quote.kind == "indirect"
        and quote.speaker is not None
        and quote.start <= quote.speaker[0]
        and quote.end - 1 <= quote.speaker[1] <= quote.end
    )


def _occasion_only(context: QuoteContext, quote: QuoteSpan) -> bool:
    """Reported words that are a clause of time after the cue ("…," he said when his peerage was
    announced; "she said after the meeting"): when it was said, not what. An asking verb's
    "when" is its question ("asked when the vote would be"), left to the rules for questions."""
    first = context.token_at(quote.start)
    if first is None or first.lower_ not in OCCASION_OPENERS or quote.cue_at < 0:
        return False
    cue = context.doc[quote.cue_at]
    if (cue.lemma_ or cue.lower_).lower() in ASKING_VERBS or quote.start < cue.idx:
        return False
    # the whole of it (not "after meeting Tony Blair he had been left with the impression that …")
    clause = first if first.dep_ in ("prep", "advcl") else first.head
    if any(t.lower_ in FUTURE_MODALS for t in clause.subtree):
        return False  # "He said when the troops would come home": a time told, the content
    last = clause.right_edge
    return last.idx + len(last.text) >= quote.end - 1


def _carry_from_reported(context: QuoteContext, quotes: list[QuoteSpan], indirect: list[QuoteSpan]) -> None:
    """A quotation carried from an earlier quote of its paragraph continues, instead, a reported
    statement that lies between them: 'Mark Oaten said the government was right … "But these
    measures will only work if …"' is Oaten's, not the speaker quoted before him."""
    for span in quotes:
        source = span.carries
        if span.how != "carried" or source is None:
            continue
        between = [
            statement
            for statement in indirect
            if statement.speaker is not None
            and source.end <= statement.start
            and statement.end <= span.start
            and context.paragraph_of(statement.start) == span.paragraph
        ]
        if between:
            last = between[-1]
            span.speaker, span.speaker_head, span.cue, span.carries = last.speaker, last.speaker_head, last.cue, last
            continue
        # '… he insisted. Dave Prentis criticised the plans. "If you want …"': the critic's
        attribute_to_sentence_before(context, span, source.end)


def _in_headline(context: QuoteContext, span: QuoteSpan) -> bool:
    """The quotation is in a headline (a paragraph in title case, quotation aside): there quoted
    words in title case are a statement ("Warren: ‘You Should Be Criminally Investigated’")."""
    start, end = context.bounds[span.paragraph]
    line = (
        context.text[start : span.open_mark]
        + context.text[(span.close_mark if span.close_mark >= 0 else span.end) + 1 : end]
    )
    return in_title_case(line)


def _attribute_without_parse(context: QuoteContext, spans: list[QuoteSpan]) -> None:
    # (imported here: index.rules registers spaCy components, and index.quotes loads no
    # spaCy of its own, so that its plain-text parts are usable without it)
    from index.rules import attribute_without_parse

    attribute_without_parse(context.doc, spans, context)


def _to_raw(context: QuoteContext, quote: QuoteSpan) -> RawQuote:
    speaker = quote.resolved or quote.speaker
    text = context.text
    how = quote.how if speaker is not None else "none"
    written = quote.carries.speaker if quote.carries is not None and quote.carries.speaker else quote.speaker
    return RawQuote(
        text=text[quote.start : quote.end],
        kind=quote.kind,
        start=quote.start,
        end=quote.end,
        paragraph=context.paragraph_of(quote.start),
        cue=quote.cue,
        speaker_text=text[speaker[0] : speaker[1]] if speaker else "",
        speaker_start=speaker[0] if speaker else -1,
        speaker_end=speaker[1] if speaker else -1,
        speaker_evidence=evidence_of(how),
        speaker_via=text[written[0] : written[1]] if written and speaker else "",
        speaker_confidence=quote.confidence if quote.confidence >= 0 and speaker else confidence_of(how),
        speaker_kind=quote.speaker_kind if speaker else "",
        speaker_how=how,
    )
