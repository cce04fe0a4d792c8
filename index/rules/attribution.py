"""The no-model attribution: speakers for quotes by the surface patterns around each quotation.

Without a parse the extractor takes the name nearest the reporting verb. These patterns, read
in the quotation's paragraph, find the speaker instead: `"…," NAME said` · `"…," said NAME` ·
`NAME said: "…"` · `"…," he said` (the last person named before the quote) · `according to
NAME` · `as NAME put it`. A quote with no such pattern keeps what it had.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.document import ArticleDoc
from index.lexicon import BETWEEN_SUBJECT_AND_VERB, PERSON_PRONOUNS
from index.quotes.span import QuoteSpan
from index.rules.words import QUOTE_CHARS, SENTENCE_ENDS, is_role_head, reporting_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CharSpan = tuple[int, int]
# How many words a frame around a quotation may have before the reporting verb.
FRAME_WORDS = 8


class _Attributor:
    """Surface patterns around the quotes of one doc, read through the doc's paragraphs."""

    def __init__(self, article: ArticleDoc, quotes: Sequence[QuoteSpan]) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.text
        self.quoted = bytearray(len(self.text) + 1)
        for quote in quotes:
            if quote.kind in ("direct", "partial"):
                start, end = max(0, quote.start - 1), min(len(self.text), quote.end + 1)
                self.quoted[start:end] = b"\x01" * (end - start)
        self.persons = [e for e in self.doc.ents if e.label_ == "PERSON" and not self.quoted[e.start_char]]
        self.through_pronoun = False  # the last speaker found stood for a pronoun

    def words(self, start: int, end: int) -> list[Token]:
        """The tokens wholly inside [start, end), space left out."""
        return [t for t in self.article.tokens_in(start, end) if not t.is_space]

    def frame_after(self, quote: QuoteSpan) -> list[Token]:
        """The words after the closing mark, to the end of that sentence or the next quote."""
        _, para_end = self.article.paragraph_around(quote.start)
        out: list[Token] = []
        for token in self.words(quote.end, para_end):
            if token.idx < quote.end:
                continue
            if (token.text in QUOTE_CHARS or token.text in (",", "!", "?")) and not out:
                continue  # the closing mark itself, and the quotation's last comma
            if token.text in QUOTE_CHARS or self.quoted[token.idx] or "\n" in token.text:
                break
            out.append(token)
            if token.text in SENTENCE_ENDS:
                break
        return out

    def frame_before(self, quote: QuoteSpan) -> list[Token]:
        """The words from the start of the sentence to the opening mark."""
        para_start, _ = self.article.paragraph_around(quote.start)
        out: list[Token] = []
        for token in reversed(self.words(para_start, quote.start)):
            if token.idx + len(token.text) > quote.start:
                continue
            if token.text in QUOTE_CHARS and not out:
                continue  # the opening mark
            if token.text in SENTENCE_ENDS or token.text in QUOTE_CHARS or self.quoted[token.idx]:
                break
            out.insert(0, token)
        return out

    def name_at(self, token: Token) -> CharSpan | None:
        """The span of the name `token` starts or ends: an entity, else its capitalised run."""
        if token.ent_type_:
            for ent in self.doc.ents:
                if ent.start <= token.i < ent.end:
                    if ent.label_ in ("NORP",):
                        return None
                    return ent.start_char, ent.end_char
        return None

    def last_person_before(self, offset: int) -> CharSpan | None:
        self.through_pronoun = True
        before = [e for e in self.persons if e.end_char <= offset]
        return (before[-1].start_char, before[-1].end_char) if before else None

    def speaker(self, subject: Token, quote: QuoteSpan) -> CharSpan | None:
        if subject.lower_ in PERSON_PRONOUNS:
            return self.last_person_before(quote.start)
        return self.name_at(subject)

    def find(self, quote: QuoteSpan) -> tuple[CharSpan, str] | None:
        after = self.frame_after(quote)
        before = self.frame_before(quote)
        for frame, is_after in ((after, True), (before, False)):
            words = [t for t in frame if t.text not in (",", "—", "–", ":")]
            found = self.according_to(words, quote) or self.put_it(words, quote)
            if found:
                return found
            if is_after:
                words = words[:FRAME_WORDS]
            elif not frame or frame[-1].text not in (",", ":", "—", "–"):
                continue  # "X said:" / "X said," must lead straight into the quotation
            for k, token in enumerate(words):
                if reporting_form(token) is None or not token.text.islower():
                    continue
                cue = token.text
                if k > 0:  # NAME said / he said
                    span = self.speaker(words[k - 1], quote)
                    if span:
                        return span, cue
                if k + 1 < len(words):  # said NAME · said Pentagon press secretary John Kirby
                    span = self.name_after(words, k + 1)
                    if span:
                        return span, cue
                break
        return self.in_sentence(quote, before)

    def name_after(self, words: list[Token], first: int) -> CharSpan | None:
        """The person a role run right after the verb ends in, else the name it starts with."""
        for token in words[first : first + FRAME_WORDS]:
            if token.is_punct or (
                token.text.islower() and not is_role_head(token) and token.lower_ not in ("of", "for", "the")
            ):
                break
            if token.ent_type_ == "PERSON":
                return self.name_at(token)
        return self.name_at(words[first])

    def in_sentence(self, quote: QuoteSpan, before: list[Token]) -> tuple[CharSpan, str] | None:
        """Quoted words inside the writer's sentence: the person right before the sentence's
        reporting verb ("Poroshenko has since admitted that … “create powerful armed forces”")."""
        verbs = [t for t in before if t.pos_ == "VERB" and t.text.islower()]
        if not verbs:
            return None
        verb = verbs[-1]
        k = before.index(verb)
        for token in reversed(before[max(0, k - 4) : k]):
            if token.is_punct:
                break
            if token.ent_type_ == "PERSON":
                span = self.name_at(token)
                return (span, verb.text) if span else None
            if token.lower_ in PERSON_PRONOUNS:
                span = self.last_person_before(quote.start)
                return (span, verb.text) if span else None
            if token.lower_ not in BETWEEN_SUBJECT_AND_VERB:
                break
        return None

    def according_to(self, words: list[Token], quote: QuoteSpan) -> tuple[CharSpan, str] | None:
        for k, token in enumerate(words[:-2]):
            if token.lower_ == "according" and words[k + 1].lower_ == "to":
                span = self.speaker(words[k + 2], quote)
                if span:
                    return span, "according to"
        return None

    def put_it(self, words: list[Token], quote: QuoteSpan) -> tuple[CharSpan, str] | None:
        """ "as Kirby put it", the name perhaps followed by its role ("as John Kirby, the …, put it")."""
        for k, token in enumerate(words[:-3]):
            if token.lower_ != "as":
                continue
            named = [t for t in words[k + 1 : k + 5] if t.ent_type_ == "PERSON" or t.lower_ in PERSON_PRONOUNS]
            span = self.speaker(named[0], quote) if named else None  # "as the mayor, Maria Lopez, put it"
            if not span:
                continue
            for m in range(k + 2, min(len(words) - 1, k + 2 + 2 * FRAME_WORDS)):
                if words[m].lower_ == "put" and words[m + 1].lower_ == "it":
                    return span, "put it"
        return None


def attribute_without_parse(doc: Doc, quotes: Sequence[QuoteSpan], article: ArticleDoc | None = None) -> None:
    """Give a speaker to the quotes the extractor left without a named person (no speaker, a
    bare pronoun, or an institution), by surface patterns around each quotation.

    Without a parse the extractor takes the name nearest the reporting verb, which is right for
    `"…," Kirby said` but not for `"…," as John Kirby, the …, put it, TURAN's correspondent
    reports`; a person the patterns find therefore replaces an institution. A quote with no
    pattern keeps what it had, and one with nothing stays unattributed. `extract_quotes` runs
    this before speakers are carried from quote to quote, so a quotation that continues one
    takes the speaker found here.
    """
    attributor = _Attributor(article or ArticleDoc(doc), quotes)
    text = attributor.text
    persons = {(e.start_char, e.end_char) for e in attributor.persons}
    for quote in quotes:
        current = quote.speaker
        if current in persons:
            continue
        current_text = text[current[0] : current[1]].strip().lower() if current else ""
        attributor.through_pronoun = False
        found = attributor.find(quote)
        if found is None and current is not None and current_text in PERSON_PRONOUNS:
            span = attributor.last_person_before(current[0])
            found = (span, quote.cue) if span else None
        if found is None:
            continue
        (start, end), cue = found
        if current is not None and current_text not in PERSON_PRONOUNS and (start, end) not in persons:
            continue  # an institution the extractor named is not replaced by another non-person
        quote.speaker = (start, end)
        quote.resolved = None
        head = attributor.article.token_at(end - 1)
        quote.speaker_head = head.i if head is not None else -1
        quote.how = "rules-pronoun" if attributor.through_pronoun else "rules"
        if not quote.cue:
            quote.cue = cue
