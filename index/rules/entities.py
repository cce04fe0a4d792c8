"""The no-model entity tagger: names, places and organisations from capitalisation and word lists.

Runs of capitalised words ("Jean-Pierre", "J. Smith", "Ursula von der Leyen") become gazetteer
places (GPE), organisations by a cue word or as acronyms (ORG), demonyms (NORP), and persons
shown by a title ("President X", "Mr. X", "spokesman X"), by a reporting verb next to them
("X said", "said X"), by being a multi-word name, or by being the surname of a person named
earlier. Sentence-initial function words, months and weekdays never start a name, and the
capitals of a title-case headline say nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from index.addresses import DOMAIN, address_kind, doc_address_spans
from index.document import ArticleDoc, doc_text, headline_lines, on_headline
from index.lexicon import (
    CALENDAR_WORDS,
    COMMON_SUBJECTS,
    DEMONYM_FORMS,
    FACILITY_CUES,
    LOCATION_CUES,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    OFFICE_WORDS,
    ORG_CUES,
    POSSESSIVE_MARKS,
    TITLE_WORDS,
)
from index.places import is_known_place
from index.rules.words import (
    QUOTE_CHARS,
    REPORTING_FORMS,
    SENTENCE_ENDS,
    ends_line,
    is_acronym,
    is_capitalised,
    is_role_head,
    is_title,
    reporting_form,
    word_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class EntityTagger:
    """One document's entity rules: capitalised runs classified into persons, places, organisations and groups."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.lowercase_words = {t.text for t in doc if t.text.islower()}
        self.headline_line = headline_lines(doc_text(doc))
        self.spans: list[tuple[int, int, str]] = []  # token start, end, label
        self.candidates: list[tuple[int, int]] = []  # name-like runs with no evidence yet
        self.addresses = self._address_tokens()  # token index -> what address it is part of

    def in_headline(self, token: Token) -> bool:
        return on_headline(doc_text(self.doc), self.headline_line, token.idx)

    def sentence_initial(self, token: Token) -> bool:
        """First word of its sentence or line, or of a quotation or a clause after a colon."""
        i = token.i
        while i > 0:
            previous = self.doc[i - 1]
            if previous.is_space or ends_line(previous):
                return True
            if previous.text in QUOTE_CHARS or previous.text in ("(", "[", "—", "–", "-", "*"):
                i -= 1
                continue
            return previous.text in SENTENCE_ENDS or previous.text == ":" or bool(self.doc[i].is_sent_start)
        return True

    # ---- runs ----
    def runs(self) -> list[tuple[int, int]]:
        """Token ranges of capitalised words written together on one line."""
        doc = self.doc
        found = []
        i = 0
        while i < len(doc):
            if not self.starts_name(doc[i]):
                i += 1
                continue
            start = end = i
            j = i + 1
            while j < len(doc):
                previous, token = doc[j - 1], doc[j]
                if ends_line(previous) or previous.lower_ in POSSESSIVE_MARKS:
                    break
                if self.starts_name(token) and (previous.whitespace_ or token.text == "-" or previous.text == "-"):
                    end = j
                    j += 1
                    continue
                if (
                    token.text == "-"
                    and not previous.whitespace_
                    and not token.whitespace_
                    and j + 1 < len(doc)
                    and self.starts_name(doc[j + 1])
                ):
                    j += 1  # "Jean-Pierre", "al-Assad"
                    continue
                if token.lower_ in NAME_PARTICLES and token.text.islower():
                    k = j
                    while (
                        k < len(doc)
                        and doc[k].lower_ in NAME_PARTICLES
                        and doc[k].text.islower()
                        and not ends_line(doc[k])
                    ):
                        k += 1  # "von der Leyen"
                    if k < len(doc) and self.starts_name(doc[k]):
                        j = k
                        continue
                if (
                    token.lower_ in ("of", "for", "&")
                    and j + 1 < len(doc)
                    and self.starts_name(doc[j + 1])
                    and any(word_of(t) in ORG_CUES or word_of(t) in TITLE_WORDS for t in doc[start:j])
                ):
                    j += 1  # "Bank of England", "Secretary of State"
                    continue
                break
            found.append((start, end + 1))
            i = end + 1
        return found

    def _address_tokens(self) -> dict[int, str]:
        """Tokens inside a web or e-mail address, a handle or a file name: never a name."""
        article = ArticleDoc(self.doc)
        return {
            token.i: kind
            for start, end, kind in doc_address_spans(self.doc)
            for token in article.tokens_touching(start, end)
        }

    def tag_sites(self) -> None:
        """A capitalised site name standing alone ("Amazon.com said") is its organisation."""
        for i, kind in self.addresses.items():
            token = self.doc[i]
            if kind == DOMAIN and is_capitalised(token) and address_kind(token.text) == DOMAIN:
                self.add(i, i + 1, "ORG")

    def starts_name(self, token: Token) -> bool:
        if not is_capitalised(token) or token.lower_ in POSSESSIVE_MARKS or token.i in self.addresses:
            return False
        return word_of(token) not in CALENDAR_WORDS

    # ---- classification ----
    def add(self, start: int, end: int, label: str) -> None:
        doc = self.doc
        while start < end and (doc[start].lower_ in STOP_WORDS and not is_known_place(doc[start:end].text)):
            start += 1  # "The Kremlin", "But Kirby"
        while end > start and (doc[end - 1].text == "-" or doc[end - 1].lower_ in ("of", "for", "&")):
            end -= 1
        if start < end:
            self.spans.append((start, end, label))

    def classify_run(self, start: int, end: int) -> None:
        doc = self.doc
        # Function words capitalised at a sentence start or in a headline ("To", "At") are no names.
        pieces, piece_start = [], start
        for i in range(start, end):
            word = doc[i].lower_
            stop = (
                word in STOP_WORDS
                and is_capitalised(doc[i])
                and not (doc[i].text.isupper() and len(word) > 1 and word not in ("us", "it"))
            )
            if (
                stop
                and not (i > start and is_known_place(doc[max(start, i - 1) : i + 2].text))
                and not is_known_place(doc[i : i + 2].text)
            ):
                if piece_start < i:
                    pieces.append((piece_start, i))
                piece_start = i + 1
        if piece_start < end:
            pieces.append((piece_start, end))
        for piece in pieces:
            self.classify_piece(*piece)

    def classify_piece(self, start: int, end: int) -> None:
        doc = self.doc
        tokens = doc[start:end]
        words = [word_of(t) for t in tokens]
        cues = [k for k in range(len(tokens)) if self.is_org_cue(start + k, end)]
        # A person's name closes a run of titles: "Russian President Vladimir Putin",
        # "White House Press Secretary Karine Jean-Pierre", "Mr. Putin".
        titles = [k for k, t in enumerate(tokens) if is_title(t) and k not in cues]
        if titles and titles[-1] < len(tokens) - 1:
            name_start = start + titles[-1] + 1
            while name_start < end and (
                doc[name_start].lower_ in ("of", "for") or word_of(doc[name_start]) in OFFICE_WORDS
            ):
                name_start += 1
            if name_start < end and not any(start + k >= name_start for k in cues):
                head_cues = [k for k in cues if k < titles[-1]]
                if head_cues:  # "Foreign Intelligence Service Director X"
                    self.add(start, start + head_cues[-1] + 1, "ORG")
                elif titles[0] > 0:  # "Russian President X" (what follows a title is the office)
                    self.classify_piece(start, start + titles[0])
                self.classify_name(name_start, end, titled=True)
                return
        if cues:
            last = cues[-1]
            if last + 1 < len(tokens) and words[last + 1] not in ("of", "for", "&"):
                # "… Intelligence Service Sergey Naryshkin": the organisation ends at its cue word
                self.add(start, start + last + 1, "ORG")
                self.classify_piece(start + last + 1, end)
            else:
                self.add(start, end, "ORG")
            return
        # A run ending in titles names a role, not a person: keep what comes before them.
        tail = end
        while tail > start and (is_title(doc[tail - 1]) or doc[tail - 1].lower_ in ("of", "for")):
            tail -= 1
        if tail < end:
            if tail > start:
                self.classify_piece(start, tail)
            return
        text = tokens.text
        if is_known_place(text):
            self.add(start, end, "GPE")
            return
        if len(tokens) == 1 and is_acronym(tokens[0]):
            self.add(start, end, "ORG")
            return
        if words[-1] in LOCATION_CUES and len(tokens) > 1:
            self.add(start, end, "LOC")
            return
        if words[-1] in FACILITY_CUES and len(tokens) > 1:
            self.add(start, end, "FAC")
            return
        if words[0] in DEMONYM_FORMS:
            self.add(start, start + 1, "NORP")
            if end > start + 1:
                self.classify_piece(start + 1, end)
            return
        for size in (3, 2, 1):
            # "Moscow Kyiv", "Kyiv Mayor …": a known place leading the run stands alone
            if size < len(tokens) and is_known_place(doc[start : start + size].text):
                self.add(start, start + size, "GPE")
                self.classify_piece(start + size, end)
                return
        self.classify_name(start, end, titled=False)

    def is_org_cue(self, i: int, end: int) -> bool:
        """An organisation word; one that is also a title word ("Press Secretary") only when it
        ends the run or leads into "of"."""
        cue = word_of(self.doc[i])
        if cue not in ORG_CUES:
            return False
        if cue not in TITLE_WORDS:
            return True
        return i + 1 >= end or self.doc[i + 1].lower_ in ("of", "for", "&")

    def classify_name(self, start: int, end: int, titled: bool) -> None:
        """A run of name words: a person when something says so, else a candidate."""
        doc = self.doc
        tokens = doc[start:end]
        if is_known_place(tokens.text):
            self.add(start, end, "GPE")
            return
        # "the White House said": a name after an article is an institution or a thing
        after_article = start > 0 and self.doc[start - 1].lower_ in ("the", "a", "an")
        shown = titled or self.titled_before(start) or (self.next_to_reporting_verb(start, end) and not after_article)
        if shown and not self.common_word(start, end):
            self.add(start, end, "PERSON")
            return
        following = doc[end] if end < len(doc) else None
        if (
            len(tokens) >= 2
            and following is not None
            and following.text.islower()
            and is_title(following)
            and not ends_line(doc[end - 1])
        ):
            self.add(start, end, "ORG")  # "White House communications director …"
            return
        if (
            len(tokens) >= 2
            and not after_article
            and not self.in_headline(tokens[0])
            and sum(1 for t in tokens if is_capitalised(t)) >= 2
            and not any(
                is_acronym(t) or word_of(t) in NOT_NAME_WORDS or t.lower_ in self.lowercase_words for t in tokens
            )
        ):
            self.add(start, end, "PERSON")  # "Dmitry Peskov": two capitalised words mid-text
            return
        self.candidates.append((start, end))

    def titled_before(self, start: int) -> bool:
        """A lowercase title or honorific right before the name ("press secretary John Kirby")."""
        if start == 0:
            return False
        previous = self.doc[start - 1]
        return not ends_line(previous) and is_role_head(previous) and not previous.is_punct

    def next_to_reporting_verb(self, start: int, end: int) -> bool:
        doc = self.doc
        after = doc[end] if end < len(doc) and not ends_line(doc[end - 1]) else None
        before = doc[start - 1] if start > 0 and not ends_line(doc[start - 1]) else None
        if self.in_headline(doc[start]):
            return False
        return bool(
            (after is not None and reporting_form(after) and after.text.islower())
            or (
                before is not None
                and reporting_form(before)
                and before.text.islower()
                and REPORTING_FORMS[before.lower_][1] != "VB"
            )
        )

    def common_word(self, start: int, end: int) -> bool:
        """A single sentence-initial word that the text also writes in lowercase ("Officials")."""
        if end - start != 1:
            return False
        token = self.doc[start]
        word = token.lower_
        return (
            word in COMMON_SUBJECTS
            or word in STOP_WORDS
            or (self.sentence_initial(token) and word in self.lowercase_words)
        )

    def resolve_candidates(self) -> None:
        """Candidates that are a person's surname or full name named elsewhere in the text."""
        doc = self.doc
        names, surnames = set(), set()
        for start, end, label in self.spans:
            if label == "PERSON":
                words = [t.text for t in doc[start:end] if is_capitalised(t)]
                names.add(" ".join(words))
                if words:
                    surnames.add(words[-1])
        for start, end in self.candidates:
            i = start
            while i < end:
                for size in range(end - i, 0, -1):
                    piece = doc[i : i + size]
                    if piece.text in names or (size == 1 and piece.text in surnames):
                        self.add(i, i + size, "PERSON")
                        i += size
                        break
                else:
                    i += 1

    def run(self) -> Doc:
        self.tag_sites()
        for start, end in self.runs():
            self.classify_run(start, end)
        self.resolve_candidates()
        self.set_entities()
        return self.doc

    def set_entities(self) -> None:
        doc = self.doc
        taken: set[int] = set()
        ents = []
        for start, end, label in sorted(self.spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            ents.append(Span(doc, start, end, label=label))
        doc.set_ents(ents, default="outside")
