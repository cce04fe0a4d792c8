"""Labelled lines: a paragraph led by its speaker's name and a colon ("PENCE: Well, look, …").

In a transcript the label is in capitals and the line is the speaker's own words (``direct``);
a headline's "Sanders: Clinton needs to …" sums them up (``indirect``). Datelines, kickers and
editorial labels ("UPDATE:") name no speaker.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.lexicon import DOCUMENT_NOUNS, NOT_SPEAKER_LABELS, REPORTING_VERBS
from index.quotes.cues import is_reporting
from index.quotes.span import MIN_INDIRECT_WORDS, QuoteSpan, in_title_case
from index.quotes.speakers import is_name, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

# Headlines are short.
MAX_HEADLINE_WORDS = 20
# Third-person forms of reporting verbs, as a title-case headline writes them ("Says", "Vows").
HEADLINE_CUES = frozenset(
    verb + "es"
    if verb.endswith(("s", "sh", "ch", "x", "z"))
    else verb[:-1] + "ies"
    if verb.endswith("y") and verb[-2] not in "aeiou"
    else verb + "s"
    for verb in REPORTING_VERBS
)
# "NAME: words" at a paragraph's start: a transcript line or a headline's speaker label.
TRANSCRIPT_LABEL = re.compile(r"[ \t\"“”'‘*_]*((?:[A-Z][\w.'’\-]*)(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:[ \t]+(?=\S)")


def transcript_lines(context: QuoteContext) -> list[QuoteSpan]:
    """Paragraphs led by a speaker's label: "PENCE: Well, look, …" in a transcript (the
    speaker's own words: direct) or "Sanders: Clinton needs to …" in a headline (a
    summary of them: indirect). Their text is marked quoted."""
    text = context.text
    found = []
    for number, (para_start, para_end) in enumerate(context.bounds):
        match = TRANSCRIPT_LABEL.match(text, para_start, para_end)
        if not match:
            continue
        label_start, label_end = match.span(1)
        label = context.tokens_in(label_start, label_end)
        if not label or any(t.lower_ in NOT_SPEAKER_LABELS for t in label):
            continue
        known = named_elsewhere(context, label) or (len(label) == 1 and is_document_word(label[0]))
        if not known and not all(t.pos_ == "PROPN" or (t.text.isupper() and t.is_alpha) for t in label):
            continue
        if all(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in label):
            continue  # a dateline ("WASHINGTON: …")
        verbatim = all(ch.isupper() for ch in text[label_start:label_end] if ch.isalpha())
        # a headline's kicker ("Stealth Over Health: …") is no speaker; a name the article
        # names elsewhere ("Pence: …") or a poll or report ("Poll: …") is
        if not verbatim and not known and not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in label):
            continue
        start, end = match.end(), para_end
        while end > start and text[end - 1] in " \t\"“”'’*_":
            end -= 1
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
            continue
        if any(signs_line(t, start, end) for t in context.tokens_in(start, end)):
            continue  # "USA: Washington will help …, says John Kirby" names its own speaker
        span = QuoteSpan(start, end, start, end, number, kind="direct" if verbatim else "indirect")
        span.cue = ":"
        span.speaker = (label_start, label_end)
        span.speaker_head = label[-1].i
        span.how = "label"
        if len(label) == 1 and is_document_word(label[0]):
            span.how = "document"
        context.mark_quoted(match.start(1), end + 1)
        found.append(span)
    return found


def is_document_word(token: Token) -> bool:
    return (token.lemma_ or token.lower_).lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS


def named_elsewhere(context: QuoteContext, label: list[Token]) -> bool:
    """The label's last word is the last word of a person or body the article names elsewhere."""
    word = label[-1].lower_
    first, last = label[0].i, label[-1].i
    return any(
        ent.label_ in ("PERSON", "ORG", "NORP") and ent[-1].lower_ == word and not first <= ent.start <= last
        for ent in context.doc.ents
    )


def signs_line(verb: Token, line_start: int, line_end: int) -> bool:
    """ "…, says John Kirby": an inverted reporting verb with a named subject."""
    if not is_reporting(verb):
        return False
    subject = subject_of(verb, line_start, line_end)
    return subject is not None and subject.i > verb.i and is_name(subject)


def headline_lines(context: QuoteContext, taken: set[int]) -> list[QuoteSpan]:
    """Headlines in title case that say who says what: "Obama Says Museum Will Tell …",
    "Sanders Vows To Eliminate Tax Breaks", "Trump Could Address Clean Energy, Graham Says"
    (the tagger calls "Says" a name there). A summary of the statement: indirect."""
    text = context.text
    found = []
    for number, (para_start, para_end) in enumerate(context.bounds):
        if number in taken:
            continue
        line = text[para_start:para_end]
        if "\n" in line.strip() or len(line.split()) > MAX_HEADLINE_WORDS or not in_title_case(line):
            continue
        tokens = [t for t in context.tokens_in(para_start, para_end) if not t.is_space]
        for k, token in enumerate(tokens):
            if token.lower_ not in HEADLINE_CUES or not token.text[:1].isupper() or k == 0:
                continue
            name = _name_before(tokens, k)
            if not name:
                continue
            last = all(t.is_punct for t in tokens[k + 1 :])
            if last and name[0].i > tokens[0].i and tokens[name[0].i - tokens[0].i - 1].text == ",":
                start, end = tokens[0].idx, tokens[name[0].i - tokens[0].i - 1].idx  # "…, Graham Says."
            elif last:
                continue
            else:
                if name[0].i != tokens[0].i and tokens[name[0].i - tokens[0].i - 1].text not in (":", ","):
                    continue
                start, end = tokens[k + 1].idx, para_end
            while end > start and text[end - 1] in " .\t":
                end -= 1
            if len(text[start:end].split()) < MIN_INDIRECT_WORDS:
                continue
            span = QuoteSpan(start, end, start, end, number, kind="indirect")
            span.cue, span.cue_at = token.text, token.i
            span.speaker = (name[0].idx, name[-1].idx + len(name[-1].text))
            span.speaker_head, span.how = name[-1].i, "subject"
            context.mark_quoted(para_start, para_end + 1)  # (no other step reads the headline again)
            found.append(span)
            break
    return found


def _name_before(tokens: list[Token], k: int) -> list[Token]:
    """The capitalised words of a name right before position `k` (at most five)."""
    name: list[Token] = []
    for token in reversed(tokens[max(0, k - 5) : k]):
        if token.is_punct or not token.text[:1].isupper() or token.lower_ in HEADLINE_CUES:
            break
        name.insert(0, token)
    if not name or not any(t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN" for t in name):
        return []
    return name
