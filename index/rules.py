"""Names and speakers by surface rules, for when no statistical English model is installed.

The blank spaCy pipeline has a tokenizer and a sentencizer and nothing else: no entities, no
part-of-speech tags, no lemmas, no parse. Two things stand in for the model here:

* the `quotedesk_rules` component (`RULES_COMPONENT`) sets `doc.ents` from capitalisation and
  word lists: runs of capitalised words ("Jean-Pierre", "J. Smith", "Ursula von der Leyen"),
  gazetteer places (GPE), organisation cue words and acronyms (ORG), demonyms (NORP), and
  persons shown by a title ("President X", "Mr. X", "spokesman X"), by a reporting verb next
  to them ("X said", "said X"), by being a multi-word name, or by being the surname of a person
  named earlier. Sentence-initial function words, months and weekdays never start a name. It
  also tags the tokens the quote extractor reads when there is no parse: reporting verbs get
  their lemma and a verb tag, name words the PROPN tag. With that, `extract_quotes` finds cues
  and nearby names on its own.
* `attribute_without_parse(doc, quotes)` gives a speaker to the quotes still without one, by
  surface patterns around the quotation in its paragraph: `"…," NAME said` · `"…," said NAME`
  · `NAME said: "…"` · `"…," he said` (the last person named before the quote) · `according
  to NAME` · `as NAME put it`. A quote with no such pattern stays unattributed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from index.addresses import DOMAIN, address_kind, doc_address_spans
from index.document import doc_text
from index.lexicon import (
    BETWEEN_SUBJECT_AND_VERB as _BETWEEN_SUBJECT_AND_VERB,
    CALENDAR_WORDS,
    COMMON_SUBJECTS,
    DEMONYMS,
    DOUBLED_FINAL_CONSONANT as _DOUBLED,
    FACILITY_CUES,
    HONORIFICS,
    IRREGULAR_FORMS as _IRREGULAR,
    LOCATION_CUES,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    OFFICE_WORDS,
    ORG_CUES,
    PERSON_PRONOUNS,
    POSSESSIVE_MARKS as _POSSESSIVE_TOKENS,
    REPORTING_VERBS,
    ROLE_MODIFIERS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
)
from index.model import RawQuote
from index.places import is_known_place

RULES_COMPONENT = "quotedesk_rules"
TOKEN_REPAIR_COMPONENT = "quotedesk_token_repair"

# Plural demonyms name a group too ("Ukrainians", "Americans").
_DEMONYM_FORMS = DEMONYMS | {d + "s" for d in DEMONYMS if not d.endswith(("sh", "ch", "ese", "ss", "tories"))}
_QUOTE_CHARS = "\"'“”‘’«»„‚‹›"
_SENTENCE_ENDS = ".!?"
# A line this share of whose words are capitalised is a headline: its capitals say nothing.
HEADLINE_CAPITALISED_SHARE = 0.6
HEADLINE_MIN_WORDS = 4
# How many words a frame around a quotation may have before the reporting verb.
FRAME_WORDS = 8



def _inflections(lemma: str) -> dict[str, str]:
    """Past, third-person and -ing forms of a regular English verb, with their tags."""
    forms = {lemma: "VB"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms[lemma + "es"] = "VBZ"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms[lemma[:-1] + "ies"] = "VBZ"
    else:
        forms[lemma + "s"] = "VBZ"
    stem = lemma + lemma[-1] if lemma in _DOUBLED else lemma
    if lemma.endswith("e"):
        forms[lemma + "d"] = "VBD"
        forms[lemma[:-1] + "ing"] = "VBG"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms[lemma[:-1] + "ied"] = "VBD"
        forms[lemma + "ing"] = "VBG"
    else:
        forms[stem + "ed"] = "VBD"
        forms[stem + "ing"] = "VBG"
    for irregular in _IRREGULAR.get(lemma, ()):
        forms[irregular] = "VBD"
    return forms


def _reporting_forms(lemmas: Iterable[str]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for lemma in sorted(lemmas):
        for form, tag in _inflections(lemma).items():
            table.setdefault(form, (lemma, tag))
    return table


# Inflected form -> (lemma, tag) for every reporting verb the extractor knows.
REPORTING_FORMS = _reporting_forms(REPORTING_VERBS)


# --- the component -------------------------------------------------------------------------


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_acronym(token: Token) -> bool:
    letters = token.text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and letters.lower() not in STOP_WORDS


def _word(token: Token) -> str:
    return token.lower_.rstrip(".")


def _ends_line(token: Token) -> bool:
    return "\n" in token.whitespace_




def _is_title(token: Token) -> bool:
    return _word(token) in TITLE_WORDS or _word(token) in HONORIFICS


def _is_role_head(token: Token) -> bool:
    """A title word that alone says a person's name follows ("spokesman X", "Mr. X")."""
    return _is_title(token) and _word(token) not in ROLE_MODIFIERS


def _reporting_form(token: Token) -> tuple[str, str] | None:
    return REPORTING_FORMS.get(token.lower_)


class _Tagger:
    """One document's entity and token rules."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.lowercase_words = {t.text for t in doc if t.text.islower()}
        self.headline_line = self._headline_lines()
        self.spans: list[tuple[int, int, str]] = []  # token start, end, label
        self.candidates: list[tuple[int, int]] = []  # name-like runs with no evidence yet
        self.addresses = self._address_tokens()  # token index -> what address it is part of

    def _headline_lines(self) -> dict[int, bool]:
        """Line start offset -> whether the line reads as a title-case headline."""
        result: dict[int, bool] = {}
        offset = 0
        for line in doc_text(self.doc).split("\n"):
            words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line)]
            capitalised = sum(1 for w in words if w[:1].isupper())
            result[offset] = len(words) >= HEADLINE_MIN_WORDS and capitalised / len(words) >= HEADLINE_CAPITALISED_SHARE
            offset += len(line) + 1
        return result

    def in_headline(self, token: Token) -> bool:
        line_start = doc_text(self.doc).rfind("\n", 0, token.idx) + 1
        return self.headline_line.get(line_start, False)

    def sentence_initial(self, token: Token) -> bool:
        """First word of its sentence or line, or of a quotation or a clause after a colon."""
        i = token.i
        while i > 0:
            previous = self.doc[i - 1]
            if previous.is_space or _ends_line(previous):
                return True
            if previous.text in _QUOTE_CHARS or previous.text in ("(", "[", "—", "–", "-", "*"):
                i -= 1
                continue
            return previous.text in _SENTENCE_ENDS or previous.text == ":" or self.doc[i].is_sent_start
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
                if _ends_line(previous) or previous.lower_ in _POSSESSIVE_TOKENS:
                    break
                if self.starts_name(token) and (previous.whitespace_ or token.text == "-" or previous.text == "-"):
                    end = j
                    j += 1
                    continue
                if token.text == "-" and not previous.whitespace_ and not token.whitespace_ and j + 1 < len(doc) and self.starts_name(doc[j + 1]):
                    j += 1  # "Jean-Pierre", "al-Assad"
                    continue
                if token.lower_ in NAME_PARTICLES and token.text.islower():
                    k = j
                    while k < len(doc) and doc[k].lower_ in NAME_PARTICLES and doc[k].text.islower() and not _ends_line(doc[k]):
                        k += 1  # "von der Leyen"
                    if k < len(doc) and self.starts_name(doc[k]):
                        j = k
                        continue
                if token.lower_ in ("of", "for", "&") and j + 1 < len(doc) and self.starts_name(doc[j + 1]) and any(
                    _word(t) in ORG_CUES or _word(t) in TITLE_WORDS for t in doc[start : j]
                ):
                    j += 1  # "Bank of England", "Secretary of State"
                    continue
                break
            found.append((start, end + 1))
            i = end + 1
        return found

    def _address_tokens(self) -> dict[int, str]:
        """Tokens inside a web or e-mail address, a handle or a file name: never a name."""
        found: dict[int, str] = {}
        starts = [t.idx for t in self.doc]
        for start, end, kind in doc_address_spans(self.doc):
            first = max(0, bisect.bisect_right(starts, start) - 1)
            for token in self.doc[first:]:
                if token.idx >= end:
                    break
                if token.idx + len(token.text) > start:
                    found[token.i] = kind
        return found

    def tag_sites(self) -> None:
        """A capitalised site name standing alone ("Amazon.com said") is its organisation."""
        for i, kind in self.addresses.items():
            token = self.doc[i]
            if kind == DOMAIN and _is_capitalised(token) and address_kind(token.text) == DOMAIN:
                self.add(i, i + 1, "ORG")

    def starts_name(self, token: Token) -> bool:
        if not _is_capitalised(token) or token.lower_ in _POSSESSIVE_TOKENS or token.i in self.addresses:
            return False
        return _word(token) not in CALENDAR_WORDS

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
            stop = word in STOP_WORDS and _is_capitalised(doc[i]) and not (doc[i].text.isupper() and len(word) > 1 and word not in ("us", "it"))
            if stop and not (i > start and is_known_place(doc[max(start, i - 1) : i + 2].text)) and not is_known_place(doc[i : i + 2].text):
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
        words = [_word(t) for t in tokens]
        cues = [k for k in range(len(tokens)) if self.is_org_cue(start + k, end)]
        # A person's name closes a run of titles: "Russian President Vladimir Putin",
        # "White House Press Secretary Karine Jean-Pierre", "Mr. Putin".
        titles = [k for k, t in enumerate(tokens) if _is_title(t) and k not in cues]
        if titles and titles[-1] < len(tokens) - 1:
            name_start = start + titles[-1] + 1
            while name_start < end and (doc[name_start].lower_ in ("of", "for") or _word(doc[name_start]) in OFFICE_WORDS):
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
        while tail > start and (_is_title(doc[tail - 1]) or doc[tail - 1].lower_ in ("of", "for")):
            tail -= 1
        if tail < end:
            if tail > start:
                self.classify_piece(start, tail)
            return
        text = tokens.text
        if is_known_place(text):
            self.add(start, end, "GPE")
            return
        if len(tokens) == 1 and _is_acronym(tokens[0]):
            self.add(start, end, "ORG")
            return
        if words[-1] in LOCATION_CUES and len(tokens) > 1:
            self.add(start, end, "LOC")
            return
        if words[-1] in FACILITY_CUES and len(tokens) > 1:
            self.add(start, end, "FAC")
            return
        if words[0] in _DEMONYM_FORMS:
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
        word = _word(self.doc[i])
        if word not in ORG_CUES:
            return False
        if word not in TITLE_WORDS:
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
        if titled or self.titled_before(start) or (self.next_to_reporting_verb(start, end) and not after_article):
            if not self.common_word(start, end):
                self.add(start, end, "PERSON")
                return
        following = doc[end] if end < len(doc) else None
        if len(tokens) >= 2 and following is not None and following.text.islower() and _is_title(following) and not _ends_line(doc[end - 1]):
            self.add(start, end, "ORG")  # "White House communications director …"
            return
        if len(tokens) >= 2 and not after_article and not self.in_headline(tokens[0]) and sum(1 for t in tokens if _is_capitalised(t)) >= 2:
            if not any(_is_acronym(t) or _word(t) in NOT_NAME_WORDS or t.lower_ in self.lowercase_words for t in tokens):
                self.add(start, end, "PERSON")  # "Dmitry Peskov": two capitalised words mid-text
                return
        self.candidates.append((start, end))

    def titled_before(self, start: int) -> bool:
        """A lowercase title or honorific right before the name ("press secretary John Kirby")."""
        if start == 0:
            return False
        previous = self.doc[start - 1]
        return not _ends_line(previous) and _is_role_head(previous) and not previous.is_punct

    def next_to_reporting_verb(self, start: int, end: int) -> bool:
        doc = self.doc
        after = doc[end] if end < len(doc) and not _ends_line(doc[end - 1]) else None
        before = doc[start - 1] if start > 0 and not _ends_line(doc[start - 1]) else None
        if self.in_headline(doc[start]):
            return False
        return bool(
            (after is not None and _reporting_form(after) and after.text.islower())
            or (before is not None and _reporting_form(before) and before.text.islower() and REPORTING_FORMS[before.lower_][1] != "VB")
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
                words = [t.text for t in doc[start:end] if _is_capitalised(t)]
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
        self.tag_tokens()
        return self.doc

    def set_entities(self) -> None:
        doc = self.doc
        taken = set()
        ents = []
        for start, end, label in sorted(self.spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            ents.append(Span(doc, start, end, label=label))
        doc.set_ents(ents, default="outside")

    def tag_tokens(self) -> None:
        """What the quote extractor reads when no parse exists: verbs of speech, and names."""
        doc = self.doc
        for token in doc:
            form = _reporting_form(token)
            if form is not None and token.text.islower() and self.used_as_verb(token, form[1]):
                token.lemma_, token.tag_ = form
                token.pos_ = "VERB"
            elif token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                token.pos_ = "PROPN"
            elif token.ent_type_ == "NORP":
                token.pos_ = "PROPN" if token.lower_.endswith("s") else "ADJ"

    def used_as_verb(self, token: Token, tag: str) -> bool:
        """Past forms are verbs; a bare or -s form ("claims", "says") only next to its subject or
        its named speaker, an -ing form only after a comma (", adding that …")."""
        if tag == "VBD":
            return True
        doc = self.doc
        previous = doc[token.i - 1] if token.i > 0 else None
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if tag == "VBG":
            return previous is not None and previous.text == ","
        if tag == "VB":
            return previous is not None and previous.lower_ in ("to", "will", "would", "could", "did", "not", "may", "might", "can")
        subject_before = previous is not None and (
            previous.ent_type_ in ("PERSON", "ORG") or previous.lower_ in SUBJECT_PRONOUNS or previous.text in _QUOTE_CHARS or previous.text == ","
        )
        speaker_after = following is not None and (following.ent_type_ in ("PERSON", "ORG") or _is_capitalised(following))
        return subject_before or speaker_after


@Language.component(TOKEN_REPAIR_COMPONENT)
def repair_token_edges(doc: Doc) -> Doc:
    """The same words, rebuilt, when the tokenizer left a token's tree edges unset.

    spaCy 3.8's tokenizer leaves the left/right edge of a punctuation token after a no-break
    space ("ceremony\u00a0— but") pointing at the start of the text. A parser resets them; without
    one, walking that token's children (as the quote extractor does) crashes the interpreter.
    """
    if all(token.left_edge.i == token.i == token.right_edge.i for token in doc):
        return doc
    rebuilt = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    # nlp.pipe(..., as_tuples=True) carries each text's context on the Doc itself.
    rebuilt._context = doc._context
    rebuilt.user_data.update(doc.user_data)
    return rebuilt


@Language.component(RULES_COMPONENT)
def rule_entities(doc: Doc) -> Doc:
    """Entities and the few token tags the rest of quotedesk needs, by rules (see module doc)."""
    return _Tagger(doc).run()


# --- speakers without a parse ----------------------------------------------------------------


class _Attributor:
    def __init__(self, doc: Doc, quotes: Sequence[RawQuote]):
        self.doc = doc
        self.text = doc_text(doc)
        self.token_starts = [t.idx for t in doc]  # ascending: tokens() bisects it
        self.quoted = bytearray(len(self.text) + 1)
        for quote in quotes:
            if quote.kind in ("direct", "partial"):
                for c in range(max(0, quote.start - 1), min(len(self.text), quote.end + 1)):
                    self.quoted[c] = 1
        self.persons = [e for e in doc.ents if e.label_ == "PERSON" and not self.quoted[e.start_char]]

    def paragraph(self, offset: int) -> tuple[int, int]:
        lo = self.text.rfind("\n\n", 0, offset)
        hi = self.text.find("\n\n", offset)
        return (0 if lo < 0 else lo + 2), (len(self.text) if hi < 0 else hi)

    def tokens(self, lo: int, hi: int) -> list[Token]:
        first = bisect.bisect_left(self.token_starts, lo)
        last = bisect.bisect_left(self.token_starts, hi)
        return [t for t in self.doc[first:last] if t.idx + len(t.text) <= hi and not t.is_space]

    def frame_after(self, quote: RawQuote) -> list[Token]:
        """The words after the closing mark, to the end of that sentence or the next quote."""
        _, hi = self.paragraph(quote.start)
        out = []
        for token in self.tokens(quote.end, hi):
            if token.idx < quote.end:
                continue
            if (token.text in _QUOTE_CHARS or token.text in (",", "!", "?")) and not out:
                continue  # the closing mark itself, and the quotation's last comma
            if token.text in _QUOTE_CHARS or self.quoted[token.idx] or "\n" in token.text:
                break
            out.append(token)
            if token.text in _SENTENCE_ENDS:
                break
        return out

    def frame_before(self, quote: RawQuote) -> list[Token]:
        """The words from the start of the sentence to the opening mark."""
        lo, _ = self.paragraph(quote.start)
        out = []
        for token in reversed(self.tokens(lo, quote.start)):
            if token.idx + len(token.text) > quote.start:
                continue
            if token.text in _QUOTE_CHARS and not out:
                continue  # the opening mark
            if token.text in _SENTENCE_ENDS or token.text in _QUOTE_CHARS or self.quoted[token.idx]:
                break
            out.insert(0, token)
        return out

    def name_at(self, token: Token) -> tuple[int, int] | None:
        """The span of the name `token` starts or ends: an entity, else its capitalised run."""
        if token.ent_type_:
            for ent in self.doc.ents:
                if ent.start <= token.i < ent.end:
                    if ent.label_ in ("NORP",):
                        return None
                    return ent.start_char, ent.end_char
        return None

    def last_person_before(self, offset: int) -> tuple[int, int] | None:
        before = [e for e in self.persons if e.end_char <= offset]
        return (before[-1].start_char, before[-1].end_char) if before else None

    def speaker(self, subject: Token, quote: RawQuote) -> tuple[int, int] | None:
        if subject.lower_ in PERSON_PRONOUNS:
            return self.last_person_before(quote.start)
        return self.name_at(subject)

    def find(self, quote: RawQuote) -> tuple[tuple[int, int], str] | None:
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
                if _reporting_form(token) is None or not token.text.islower():
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

    def name_after(self, words: list[Token], first: int) -> tuple[int, int] | None:
        """The person a role run right after the verb ends in, else the name it starts with."""
        for token in words[first : first + FRAME_WORDS]:
            if token.is_punct or (token.text.islower() and not _is_role_head(token) and token.lower_ not in ("of", "for", "the")):
                break
            if token.ent_type_ == "PERSON":
                return self.name_at(token)
        return self.name_at(words[first])

    def in_sentence(self, quote: RawQuote, before: list[Token]) -> tuple[tuple[int, int], str] | None:
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
            if token.lower_ not in _BETWEEN_SUBJECT_AND_VERB:
                break
        return None

    def according_to(self, words: list[Token], quote: RawQuote):
        for k, token in enumerate(words[:-2]):
            if token.lower_ == "according" and words[k + 1].lower_ == "to":
                span = self.speaker(words[k + 2], quote)
                if span:
                    return span, "according to"
        return None

    def put_it(self, words: list[Token], quote: RawQuote):
        """"as Kirby put it", the name perhaps followed by its role ("as John Kirby, the …, put it")."""
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


def attribute_without_parse(doc: Doc, quotes: list[RawQuote]) -> None:
    """Give a speaker to the quotes `extract_quotes` left without a named person (no speaker, a
    bare pronoun, or an institution), by surface patterns around each quotation.

    Without a parse the extractor takes the name nearest the reporting verb, which is right for
    `"…," Kirby said` but not for `"…," as John Kirby, the …, put it, TURAN's correspondent
    reports`; a person the patterns find therefore replaces an institution. A quote with no
    pattern keeps what it had, and one with nothing stays unattributed.
    """
    attributor = _Attributor(doc, quotes)
    persons = {(e.start_char, e.end_char) for e in attributor.persons}
    replaced: dict[tuple[int, int], tuple[int, int]] = {}  # speaker span -> the person replacing it
    for quote in quotes:
        current = (quote.speaker_start, quote.speaker_end)
        if current in persons:
            continue
        if current in replaced:  # a quote that follows on carried the speaker replaced above
            quote.speaker_start, quote.speaker_end = replaced[current]
            quote.speaker_text = attributor.text[quote.speaker_start : quote.speaker_end]
            continue
        found = attributor.find(quote)
        if found is None and quote.speaker_text.strip().lower() in PERSON_PRONOUNS:
            span = attributor.last_person_before(quote.speaker_start)
            found = (span, quote.cue) if span else None
        if found is None:
            continue
        (start, end), cue = found
        if quote.speaker_start >= 0 and quote.speaker_text.strip().lower() not in PERSON_PRONOUNS and (start, end) not in persons:
            continue  # an institution the extractor named is not replaced by another non-person
        if quote.speaker_start >= 0 and (start, end) in persons:
            replaced[current] = (start, end)
        quote.speaker_start, quote.speaker_end = start, end
        quote.speaker_text = attributor.text[start:end]
        if not quote.cue:
            quote.cue = cue
