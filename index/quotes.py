"""Find every statement in an article body and the span of the name it is attributed to.

Rules over quote-mark pairing (done on characters, so the tokenizer cannot hide a mark)
and spaCy's dependency parse. Three kinds come out:

- ``direct``: a quotation that stands as its own sentence(s), attributed through the
  reporting verb in the text around it (``"…," X said`` · ``X said: "…"`` · ``He added, "…"``).
  A quotation may run over several paragraphs (a paragraph that opens a quote without closing
  it, followed by one that opens again): it is kept as one quote per paragraph, all with its
  speaker. One that never closes is kept to the paragraph end.
- ``partial``: quoted words inside a sentence of the writer's, attributed through the
  sentence's reporting verb (``Kirby said Zelensky "will tell you…"``). When the reporting
  verb's clause holds the fragment, the whole clause is the statement.
- ``indirect``: reported speech without quote marks, the clause a speech verb governs
  (``X told Fox News that …``, ``X warned that …``, ``X called on Ukraine to …``,
  ``…, according to X``, ``The museum, X said, celebrated …``), a noun phrase after
  ``called``/``proposed`` (``X called the charges baseless``, ``X called for a moratorium``),
  or a headline's ``Name: words``. Transcript lines (``PENCE: Well, …``) are ``direct``.

An institution's statement voiced by a person the same sentence names ("The White House said
it sees 'no indication' …, as John Kirby put it") belongs to the person; the writer's own
frame ("…, TURAN's Washington correspondent reports") is never a speaker.

Pronoun and nominal speakers ("he said", "the senior NSC official added") are resolved to
the name mention they stand for: the previous quote's speaker when the quotes follow on,
else the most recent named person (or organisation, for "the ministry said") before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.actors import DOMAIN, doc_address_spans, doc_text
from index.model import PARAGRAPH_SEPARATOR, RawQuote

# Verbs whose object is the person spoken to; in the passive their subject is the listener.
ADDRESS_VERBS = frozenset("ask tell urge inform question brief advise remind assure warn call".split())
REDUCED_CLAUSE_OPENERS = frozenset("when whenever if once after while before until".split())

# Lemmas of verbs that report speech. Belief verbs (think, believe, feel) are left out:
# they report a state of mind, not a statement someone made.
REPORTING_VERBS = frozenset(
    """
    say tell add note explain warn caution stress insist write mention conclude argue claim
    declare state announce urge call suggest admit acknowledge assert emphasize emphasise
    point reply respond continue report tweet post confirm deny ask agree recall promise
    pledge vow predict complain contend maintain reiterate repeat observe comment allege
    testify concede remark inform reveal boast accuse charge demand propose recommend
    estimate disclose indicate answer counter retort quip joke admit lament describe
    express voice predict threaten vow acknowledge brief signal proclaim affirm""".split()
)
# Verbs that introduce a quotation but never a reported clause ("he continued: …").
QUOTE_ONLY_VERBS = frozenset({"continue", "describe", "express", "voice", "brief", "answer"})
# Verbs whose reported content is an infinitive ("called on Kyiv to …", "urged them to …").
INFINITIVE_VERBS = frozenset({"call", "urge", "ask", "promise", "pledge", "vow", "threaten", "demand"})

# Verbs whose reported content can be a bare noun phrase ("proposed a 15 percent rate").
NOUN_CONTENT_VERBS = frozenset({"propose", "demand", "recommend"})

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
# Words that can stand as a reporting verb's subject but name no one by themselves: a speaker
# only when resolved ("it said" after a committee; "one of the Four, Gerry Conlon, said").
NON_NAMING_SUBJECTS = frozenset({"it", "one", "this", "that", "which", "what", "there"})
# Role nouns that, with a definite article, stand for a named person mentioned earlier.
PERSON_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson secretary minister president coordinator
    director adviser advisor ambassador envoy leader diplomat chairman chairwoman chair
    governor senator general commander candidate nominee chief premier chancellor prime
    representative congressman congresswoman lawmaker mayor counsel attorney lawyer aide
    negotiator strategist analyst economist expert professor author founder executive ceo
    king queen prince pope judge politician democrat republican""".split()
)
# Nouns that, with a definite article, stand for an organisation mentioned earlier.
ORG_NOUNS = frozenset(
    """
    company ministry department government agency embassy office firm group organization
    organisation campaign committee council administration bank party kremlin pentagon
    commission union alliance institute service team network newspaper paper outlet""".split()
)

# Subordinators of a clause that stays inside the reported content when the parse hangs it
# on the reporting verb ("said there remains a difference, when it comes to …").
CONTENT_CLAUSE_MARKS = frozenset("when because if unless until since although though while whereas so".split())
# "NAME: words" at a paragraph's start: a transcript line or a headline's speaker label.
TRANSCRIPT_LABEL = re.compile(r"[ \t\"“”'‘*_]*((?:[A-Z][\w.'’\-]*)(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:[ \t]+(?=\S)")
# Labels that head a paragraph with a colon without naming who speaks.
NOT_SPEAKER_LABELS = frozenset(
    """
    update updated note editor editors correction photo photos video watch read related source
    sources see also listen more q a transcript warning disclosure advertisement caption credit
    clarification breaking exclusive opinion analysis live developing fact check
    """.split()
)
# Nouns for the writer's own newsroom: "TURAN's Washington correspondent reports" frames the
# article, it does not report anyone's statement.
JOURNALIST_NOUNS = frozenset("correspondent reporter journalist columnist stringer newsroom".split())
JOURNALIST_VERBS = frozenset({"report", "write"})
# Entities that can be the source of a statement; a place or a people speaks as its government.
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# Names inside a thing's phrase that gave it out ("a Kremlin statement", "a Deloitte report");
# a demonym or a place there only describes it ("a Democratic source", "a U.S. report").
GIVER_ENTITIES = frozenset({"PERSON", "ORG", "FAC"})
# "a report by Amnesty", "a statement from the Kremlin", "a spokesman for the ministry".
SOURCE_PREPOSITIONS = frozenset({"by", "from", "of", "for"})
# Common nouns for people or bodies that are no role (PERSON_NOUNS) or organisation (ORG_NOUNS)
# noun, and which no agent suffix shows.
PEOPLE_NOUNS = frozenset(
    """
    people person public police staff crowd witness critic family friend relative neighbour
    neighbor child parent mother father wife husband son daughter authority state country city
    fund court panel jury side
    """.split()
)
# Nouns with an agent suffix that name a thing ("a letter", "the order").
NOT_AGENT_NOUNS = frozenset("letter order number newsletter register chapter poster paper matter filter".split())


def is_agent_noun(lemma: str) -> bool:
    """A common noun for a person or a body ("analyst", "insider", "regulator", "resident",
    "employee", "spokesman", "the ministry"), not a thing ("a briefing", "the report")."""
    if lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in PEOPLE_NOUNS:
        return True
    if lemma in NOT_AGENT_NOUNS or lemma.endswith("ment"):
        return False
    return lemma.endswith(("ist", "ian", "man", "men", "woman", "women", "person", "er", "or", "ee", "eer", "ant", "ent"))


# Speakers that are institutions a person can speak for ("the White House said …, as Kirby put it").
INSTITUTION_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})

# A pronoun this many paragraphs after an attributed quote still points to its speaker.
SPEAKER_CONTINUITY_PARAGRAPHS = 2

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
# Characters after which a straight mark opens rather than closes a quote.
OPENING_CONTEXT = " \t\n([{—–-*/_:"
# Quotes this short with no attribution are scare quotes or titles, not statements.
MIN_UNATTRIBUTED_WORDS = 4
MIN_INDIRECT_WORDS = 3
# A quoted fragment outside any reported clause needs this many words to count on its own.
MIN_PARTIAL_WORDS = 3
# A signature after a quotation: dash, then a capitalised name of up to five words.
DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*((?:[A-Z][\w.'’\-]*)(?:[ \t\u00a0]+[A-Z][\w.'’\-]*){0,4})")
SENTENCE_END = re.compile(r"[.!?][\"'”’»)*]*(?=\s|$)")


@dataclass
class _QuoteSpan:
    """A span between paired quote marks (content only, marks excluded)."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark
    close_mark: int  # char offset of the closing mark, or -1 when never closed
    paragraph: int
    kind: str = "direct"
    cue: str = ""
    speaker: tuple[int, int] | None = None  # the mention as written (may be a pronoun)
    resolved: tuple[int, int] | None = None
    cue_at: int = -1  # token index of the reporting verb, -1 when none
    paragraphs: list[int] = field(default_factory=list)
    run_head: int = -1  # opening mark of the first part of a quotation running over paragraphs
    unnamed: bool = False  # its speaker was a word naming no one ("it", "one") left unresolved


def _paragraph_bounds(text: str, paragraph_starts: Sequence[int] | None) -> list[tuple[int, int]]:
    if paragraph_starts is None:
        starts = [0] + [m.end() for m in re.finditer(re.escape(PARAGRAPH_SEPARATOR), text)]
    else:
        starts = sorted(s for s in paragraph_starts if 0 <= s <= len(text)) or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
    bounds = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        paragraph = text[start:end]
        # The separator belongs to no paragraph.
        stripped = paragraph.rstrip("\n")
        bounds.append((start, start + len(stripped)))
    return bounds


def _mark_role(text: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """'open', 'close', 'either', 'apostrophe' or 'none' for the mark at text[i]
    (`width` 2 for a doubled apostrophe, the '' some papers print for a double quote)."""
    char = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    if char in "'’":
        if prev.isalnum() and nxt.isalnum():
            return "apostrophe"  # don't, Kiev's, Ukraine’s
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        # A curly opener glued to a word and followed by space is a misused closer.
        if char in "“‘" and not prev.isspace() and prev not in OPENING_CONTEXT and (nxt.isspace() or nxt in ".,;:!?"):
            return "close"
        return "open"
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        if char in "”" and (prev.isspace() or prev in OPENING_CONTEXT) and not nxt.isspace():
            return "open"  # some texts use ” for both ends
        if char == "’" and prev.isspace():
            return "none"
        return "close"
    # Straight marks: direction from the neighbours.
    opens = (prev.isspace() or prev in OPENING_CONTEXT or i == lo) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if char == "'" and prev.isalnum() and not nxt.isalnum():
        return "close_or_apostrophe"  # "Ukrainians' needs" or the end of 'a quote'
    if opens and closes:
        return "either"
    if opens:
        return "open"
    if closes:
        return "close"
    return "none"


def _family(char: str) -> str:
    return "double" if char in DOUBLE_OPEN + DOUBLE_CLOSE + '"' else "single"


def _pair_quotes(text: str, bounds: list[tuple[int, int]]) -> list[_QuoteSpan]:
    """Pair quote marks paragraph by paragraph, carrying an open double quote across a break
    when the next paragraph opens again (the convention for a quote that runs on)."""
    spans: list[_QuoteSpan] = []
    widths: dict[int, int] = {}  # opening marks two characters wide ('')
    carried: tuple[int, int] | None = None  # (open mark offset, paragraph) of a running quote
    heads: dict[int, int] = {}  # opening mark of each later part of a running quote -> its first part

    def part(content_start: int, end: int, open_mark: int, close_mark: int, paragraph: int) -> _QuoteSpan:
        return _QuoteSpan(content_start, end, open_mark, close_mark, paragraph, run_head=heads.get(open_mark, -1))

    for number, (lo, hi) in enumerate(bounds):
        open_double: int | None = None
        open_single: int | None = None
        first_mark_seen = False
        opened_paragraph = number
        skip_to = lo
        for i in range(lo, hi):
            if i < skip_to:
                continue
            char = text[i]
            if char not in ALL_MARKS:
                continue
            width = 2 if char == "'" and i + 1 < hi and text[i + 1] == "'" else 1
            skip_to = i + width
            if width == 2:
                widths[i] = 2
                char = '"'
            role = _mark_role(text, i, lo, hi, width)
            if role in ("none", "apostrophe"):
                continue
            family = _family(char)
            leading = not first_mark_seen and text[lo:i].strip(" *_\t") == ""
            first_mark_seen = True
            if carried is not None:
                if family == "double" and leading and role in ("open", "either"):
                    # each paragraph of a running quotation is stored as a part of its own,
                    # so no part keeps the next paragraph's opening mark
                    open_mark, opened_at = carried
                    spans.append(part(open_mark + widths.get(open_mark, 1), bounds[number - 1][1], open_mark, -1, opened_at))
                    heads[i] = heads.get(open_mark, open_mark)
                    open_double, opened_paragraph = i, number
                    carried = None
                    continue
                open_mark, opened_at = carried
                spans.append(part(open_mark + widths.get(open_mark, 1), bounds[number - 1][1], open_mark, -1, opened_at))
                carried = None
            if family == "double":
                if open_double is None:
                    if role in ("open", "either"):
                        open_double, opened_paragraph, open_single = i, number, None
                elif role == "open" and _reopens_after_sentence(text, i, lo):
                    # '"… by the first minister. "If you …"': a quotation running over a
                    # paragraph break the text lost reopens after a full stop; each paragraph
                    # of it is a quotation of its own.
                    spans.append(part(open_double + widths.get(open_double, 1), i, open_double, i, opened_paragraph))
                    heads[i] = heads.get(open_double, open_double)
                    open_double, opened_paragraph = i, number
                elif role in ("close", "either", "close_or_apostrophe"):
                    spans.append(part(open_double + widths.get(open_double, 1), i, open_double, i, opened_paragraph))
                    open_double = None
                elif role == "open" and char in DOUBLE_OPEN:
                    open_double, opened_paragraph = i, number  # the earlier one was never closed
            elif open_double is None:
                if open_single is None:
                    if role in ("open", "either"):
                        open_single = i
                elif role in ("close", "either", "close_or_apostrophe"):
                    spans.append(_QuoteSpan(open_single + 1, i, open_single, i, number))
                    open_single = None
        if carried is not None:
            # The next paragraph did not reopen: the running quote ended with its paragraph.
            open_mark, opened_at = carried
            spans.append(part(open_mark + widths.get(open_mark, 1), bounds[number - 1][1], open_mark, -1, opened_at))
            carried = None
        if open_double is not None:
            carried = (open_double, opened_paragraph)
    if carried is not None:
        open_mark, opened_at = carried
        spans.append(part(open_mark + widths.get(open_mark, 1), bounds[-1][1], open_mark, -1, opened_at))
    cleaned = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start] in " \t\n*_":
            start += 1
        while end > start and text[end - 1] in " \t\n*_":
            end -= 1
        if end - start < 2 or not any(ch.isalnum() for ch in text[start:end]):
            continue
        span.start, span.end = start, end
        cleaned.append(span)
    return cleaned


def _reopens_after_sentence(text: str, i: int, lo: int) -> bool:
    """Whether the opening mark text[i], met while a quotation is open, follows the end of a
    sentence ('… minister. "If'): the mark a running quotation repeats at a new paragraph."""
    before = text[lo:i].rstrip(" \t")
    return len(before) < i - lo and before[-1:] in (".", "!", "?")


def _edge_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open' or 'close' for the mark at text[i] read inside [lo, hi) ('' for an apostrophe)."""
    char = text[i]
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        return "open"
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        if char in "’" and i > lo and text[i - 1].isalnum():
            return ""  # Kiev’s, the Americans’ : an apostrophe as likely as a closing mark
        return "close"
    prev = text[i - 1] if i > lo else " "
    if char == "'" and prev.isalnum():
        return ""  # don't, Ukrainians'
    return "open" if i == lo or prev.isspace() or prev in OPENING_CONTEXT else "close"


def _has_partner(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether the mark at text[i] pairs with a mark of its family inside [lo, hi)."""
    if text[i] == '"':
        # straight marks pair either way, with each other or a curly double mark
        return sum(text.count(mark, lo, hi) for mark in '"“”„«»') >= 2
    role = _edge_role(text, i, lo, hi)
    if not role:
        return True
    family = _family(text[i])
    if role == "open":
        others = range(i + 1, hi)
        wanted = "close"
    else:
        others = range(i - 1, lo - 1, -1)
        wanted = "open"
    for j in others:
        if text[j] in ALL_MARKS and _family(text[j]) == family and (
            _edge_role(text, j, lo, hi) == wanted or (text[j] == '"' and text[i] == '"')
        ):
            return True
    return False


def _partner_before_edge(text: str, i: int, end: int, limit: int) -> int | None:
    """The closing mark of the opening mark text[i] when it sits just past `end`, with only
    punctuation between ('"it is over.' + '"')."""
    family = _family(text[i])
    j = end
    while j < limit and j - end < 4 and not text[j].isalnum() and text[j] != "\n":
        if text[j] in DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT and _family(text[j]) == family and j > i:
            return j
        j += 1
    return None


def _unpaired_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The quote marks inside text[start:end] that no mark of their family pairs with there,
    as (offset, 'open' or 'close'), left to right. A single mark after a letter closes an
    open single quotation or else is an apostrophe."""
    opened: dict[str, list[int]] = {"double": [], "single": []}
    unpaired: list[tuple[int, str]] = []
    skip_to = start
    for i in range(start, end):
        char = text[i]
        if char not in ALL_MARKS or i < skip_to:
            continue
        if text[i : i + 2] == "''":
            # the doubled apostrophe some papers print for a double mark ("so-called ''pass through''")
            skip_to = i + 2
            role = _mark_role(text, i, start, end, 2)
            role = "close" if role in ("close", "close_or_apostrophe") or (role == "either" and opened["double"]) else role
            if role in ("open", "either"):
                opened["double"].append(i)
            elif role == "close":
                if opened["double"]:
                    opened["double"].pop()
                else:
                    unpaired.append((i, "close"))
            continue
        family = _family(char)
        role = _edge_role(text, i, start, end)
        if char == '"' and opened["double"] and role == "open" and not _reopens_after_sentence(text, i, start):
            role = "close"  # straight marks pair either way: '"e-mail regime" could'
        if role == "open":
            opened[family].append(i)
        elif role == "close" or (role == "" and opened[family]):
            if opened[family]:
                opened[family].pop()
            elif role == "close":
                unpaired.append((i, "close"))
    unpaired += [(i, "open") for family in opened.values() for i in family]
    return sorted(unpaired)


# The rest of a clause a quotation may run on to before its closing mark ('"like to kick your
# cat' + ' again".'): this many words at most, with no sentence end or other mark between.
MAX_RUN_ON_WORDS = 6


def _partner_after(text: str, i: int, end: int, hi: int) -> int | None:
    """The closing mark of the opening mark text[i] when it lies past `end` in the paragraph
    with only punctuation or a few words of the same clause between."""
    family = _family(text[i])
    for j in range(end, hi):
        char = text[j]
        if char in ALL_MARKS:
            if _family(char) != family:
                return None
            role = _edge_role(text, j, i, hi)
            if role == "close" or (char == '"' and role != ""):
                between = text[end:j]
                if not any(ch.isalnum() for ch in between):
                    return j  # '"more learning' + '."'
                if len(between.split()) <= MAX_RUN_ON_WORDS and not SENTENCE_END.search(between + " "):
                    return j
            return None
        if char == "\n" or len(text[end:j].split()) > MAX_RUN_ON_WORDS:
            return None
    return None


def _partner_before(text: str, i: int, start: int, lo: int) -> int | None:
    """The opening mark of the closing mark text[i] when it lies just before `start`, with
    only punctuation or space between ('"' + 'Major problems" are expected')."""
    family = _family(text[i])
    j = start - 1
    while j >= lo and start - j <= 4:
        char = text[j]
        if char in ALL_MARKS and _family(char) == family and _edge_role(text, j, lo, i + 1) == "open":
            return j
        if char.isalnum() or char == "\n":
            return None
        j -= 1
    return None


def _is_name(token) -> bool:
    """A proper noun as written: the small model tags some lowercase role nouns PROPN."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


class _Extractor:
    def __init__(self, doc, paragraph_starts: Sequence[int] | None):
        self.doc = doc
        self.text: str = doc_text(doc)
        self.bounds = _paragraph_bounds(self.text, paragraph_starts)
        self.paragraph_starts = [lo for lo, _ in self.bounds]
        # token index at each character (for spans that do not fall on token edges)
        self.char_token = [-1] * (len(self.text) + 1)
        self.token_starts = [token.idx for token in doc]  # ascending: tokens_in bisects it
        for token in doc:
            for c in range(token.idx, token.idx + len(token.text)):
                self.char_token[c] = token.i
        self.quoted = bytearray(len(self.text) + 1)  # 1 where a character is inside quote marks
        self.address = bytearray(len(self.text) + 1)  # 1 inside an address that never speaks
        for start, end, kind in doc_address_spans(doc):
            if kind != DOMAIN:
                self.address[start:end] = b"\x01" * (end - start)
        self.persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        self.orgs = [ent for ent in doc.ents if ent.label_ in ("ORG", "NORP", "GPE", "FAC")]

    # ---- small helpers ----
    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def tokens_in(self, start: int, end: int):
        """Tokens wholly inside [start, end); bisects token starts instead of walking the doc."""
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.doc[first:last] if t.idx + len(t.text) <= end]

    def token_at(self, offset: int):
        offset = min(max(offset, 0), len(self.text) - 1)
        index = self.char_token[offset]
        if index < 0:
            for probe in range(offset, min(len(self.text), offset + 20)):
                if self.char_token[probe] >= 0:
                    return self.doc[self.char_token[probe]]
            return None
        return self.doc[index]

    def is_quoted(self, token) -> bool:
        return bool(self.quoted[token.idx])

    def is_reporting(self, token) -> bool:
        return self.is_speech_word(token) and not self.is_newsroom_frame(token) and not self.is_addressed(token)

    @staticmethod
    def is_addressed(verb) -> bool:
        """"Kirby was asked whether …", "she was told that …": in the passive, a verb of
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

    @staticmethod
    def is_newsroom_frame(verb) -> bool:
        """"…, TURAN's Washington correspondent reports": the writer's own byline frame."""
        if (verb.lemma_ or verb.lower_).lower() not in JOURNALIST_VERBS:
            return False
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in JOURNALIST_NOUNS for c in verb.children)

    @staticmethod
    def is_speech_word(token) -> bool:
        if token.lower_ == "according":
            return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
        if token.lower_ == "put":  # "as Kirby put it"
            return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it"
        lemma = (token.lemma_ or token.lower_).lower()
        if lemma not in REPORTING_VERBS:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return True
        # The small model tags some reporting verbs as nouns or adjectives in odd text
        # ("Biden mentioned on the White Home"); trust the word when it is inflected.
        return token.tag_ in ("VBD", "VBZ", "VBN", "VBG", "VBP") or token.lower_.endswith(("ed", "s"))

    # ---- speakers ----
    def subject_of(self, verb, lo: int = 0, hi: int | None = None):
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
        limit = len(self.text) if hi is None else hi
        current = verb
        for _ in range(4):
            # Paragraphs are parsed together, so a verb can be given a subject from the
            # paragraph before; only the nearest one inside [lo, hi) counts.
            subjects = sorted(
                (c for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and lo <= c.idx < limit),
                key=lambda c: abs(c.i - current.i),
            )
            agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if subjects:
                subject = subjects[0]
                if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                    return current.head
                return subject
            if agents:
                return agents[0]
            if current.dep_ in ("advcl", "conj", "xcomp", "pcomp", "ccomp") and current.head is not current:
                current = current.head
                continue
            if current.dep_ == "relcl":
                return current.head
            break
        return None

    def nearby_name(self, verb, lo: int, hi: int):
        """Fallback when the parse gives the verb no subject: the nearest name or pronoun
        next to it, within the attribution text [lo, hi)."""
        best = None
        for token in self.tokens_in(lo, hi):
            if self.is_quoted(token) or token.i == verb.i or self.in_address(token):
                continue
            if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
                continue
            if token.pos_ == "PROPN" or token.lower_ in PRONOUNS_PERSON | {"they", "i", "we"}:
                distance = abs(token.i - verb.i)
                if distance <= 6 and (best is None or distance < abs(best.i - verb.i)):
                    best = token
        return best

    def mention_span(self, token) -> tuple[int, int]:
        """The char span of the name or noun phrase `token` heads."""
        doc = self.doc
        if token.ent_type_ and token.ent_iob_ in ("B", "I"):
            for ent in doc.ents:
                if ent.start <= token.i < ent.end:
                    # the tagger takes a title-case headline's verb into the name ("Obama Says")
                    first, last = ent.start, ent.end - 1
                    while first < token.i and self.is_speech_word(doc[first]):
                        first += 1
                    while last > token.i and self.is_speech_word(doc[last]):
                        last -= 1
                    return doc[first].idx, doc[last].idx + len(doc[last].text)
        if _is_name(token):
            first = last = token.i
            # (a title-case headline tags its verb PROPN too: "Obama Says …")
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i in range(first - 1, last + 2) \
                    and not self.is_speech_word(doc[first - 1]):
                first -= 1
            while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last + 1].dep_ in ("compound", "flat") \
                    and not self.is_speech_word(doc[last + 1]):
                last += 1
            return doc[first].idx, doc[last].idx + len(doc[last].text)
        if token.pos_ in ("NOUN", "PROPN"):
            left = [c for c in token.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")]
            first = min([token.i] + [c.left_edge.i for c in left])
            return doc[first].idx, token.idx + len(token.text)
        return token.idx, token.idx + len(token.text)

    def source_for(self, verb, lo: int, hi: int):
        """The token naming where a statement comes from, as written: a person, a body, or a
        thing ("a briefing"), which `speaking_party` then reads."""
        subject = self.subject_of(verb, lo, hi)
        if subject is None or self.is_quoted(subject) or self.in_address(subject):
            subject = self.nearby_name(verb, lo, hi)
        return subject

    def speaker_for(self, verb, lo: int, hi: int):
        source = self.source_for(verb, lo, hi)
        return self.speaking_party(source) if source is not None else None

    def in_address(self, token) -> bool:
        """Inside a web or e-mail address, a handle or a file name (a site name may speak)."""
        return bool(self.address[token.idx])

    def speaking_party(self, token):
        """Who speaks when `token` heads the source: a name, a pronoun or a person or body noun
        as it is; for a thing ("a Kremlin statement", "a report by Amnesty") the person or
        organisation the phrase names; for a thing naming no one ("a briefing"), nobody."""
        if self.in_address(token):
            return None
        if token.ent_type_ in SPEAKER_ENTITIES or _is_name(token) or token.pos_ == "PRON" or token.lower_ in PRONOUNS_PERSON:
            return token
        if token.pos_ != "NOUN" or is_agent_noun((token.lemma_ or token.lower_).lower()):
            return token  # a role or body noun, resolved later to the name it stands for
        named = [
            t for t in self.doc[token.left_edge.i : token.i]
            if t.ent_type_ in GIVER_ENTITIES and not self.in_address(t)
        ]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
                named += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in GIVER_ENTITIES]
        if named:
            return named[-1] if named[-1].i < token.i else named[0]
        # "a ministry statement", "the newspaper's report": a body noun modifying the thing
        bodies = [
            c for c in token.lefts
            if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "NOUN" and is_agent_noun((c.lemma_ or c.lower_).lower())
        ]
        return bodies[-1] if bodies else None

    # ---- resolution ----
    def needs_resolution(self, token) -> str:
        """'person', 'org' or '' : what a pronoun or definite role noun stands for."""
        lower = token.lower_
        if lower in PRONOUNS_PERSON:
            return "person"
        if lower == "it":
            # "…, it has been confirmed": an empty subject of a passive names no one
            passive = token.dep_ in ("nsubjpass", "expl") or any(c.dep_ == "auxpass" for c in token.head.children)
            return "" if passive else "org"
        if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") or _is_name(token):
            return ""
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
            return ""
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        if not any(d in ("the", "this", "that") for d in determiners):
            return ""
        lemma = token.lemma_.lower()
        if lemma in PERSON_NOUNS:
            return "person"
        if lemma in ORG_NOUNS:
            return "org"
        return ""

    def resolve(self, token, before: int, previous: list[_QuoteSpan]):
        if token.lower_ == "one":
            return self.named_one(token)
        want = self.needs_resolution(token)
        if not want:
            return None
        # Same role noun as an earlier unresolved speaker ("a source said … the source added"):
        lemma = token.lemma_.lower()
        for quote in reversed(previous):
            if quote.speaker is None:
                continue
            head = self.token_at(quote.speaker[1] - 1)
            if head is not None and head.lemma_.lower() == lemma and quote.resolved == quote.speaker and want != "person":
                return quote.resolved
        limit_paragraph = self.paragraph_of(before) - 3
        last_speaker = None
        last_paragraph = -10
        for quote in reversed(previous):
            if quote.resolved is None or self.paragraph_of(quote.start) < limit_paragraph:
                continue
            head = self.token_at(quote.resolved[1] - 1)
            kind_ok = head is not None and (
                (want == "person" and (head.ent_type_ == "PERSON" or head.pos_ == "PROPN") and head.ent_type_ not in ("GPE", "NORP"))
                or (want == "org" and head.ent_type_ in ("ORG", "NORP", "GPE", "FAC"))
            )
            if kind_ok:
                last_speaker = quote.resolved
                last_paragraph = self.paragraph_of(quote.start)
                break
        pool = self.persons if want == "person" else self.orgs
        candidates = [
            ent for ent in pool
            if ent.end_char <= before and not self.quoted[ent.start_char]
            and ent.start_char < token.idx
        ]
        if last_speaker is not None:
            recent = self.paragraph_of(before) - last_paragraph <= SPEAKER_CONTINUITY_PARAGRAPHS
            if recent or token.lower_ not in PRONOUNS_PERSON | {"it"}:
                return last_speaker  # quotes that follow on share their speaker
        if token.lower_ == "it":
            return None  # "it" stands for a body that just spoke, not any body named before
        if want == "person":
            # Else a person named as a sentence subject, most recent first ("Biden … He said").
            subjects = [
                e for e in candidates
                if e.root.dep_ in ("nsubj", "nsubjpass") and e.root.head.dep_ == "ROOT"
                and (last_speaker is None or e.start_char > last_speaker[1])
            ]
            if subjects:
                return subjects[-1].start_char, subjects[-1].end_char
        if candidates:
            return candidates[-1].start_char, candidates[-1].end_char
        return None

    def named_one(self, token):
        """"one of the Guildford Four, Gerry Conlon - …, said": the name set beside "one"."""
        verb = token.head
        beside = [c for c in token.children if c.dep_ == "appos"] + [
            c for c in verb.children if c.dep_ in ("appos", "npadvmod") and token.i < c.i < verb.i
        ]
        for name in beside:
            if name.ent_type_ == "PERSON" or _is_name(name):
                return self.mention_span(name)
        return None

    # ---- attribution around a direct quote ----
    def frame_before(self, quote: _QuoteSpan, lo: int) -> tuple[int, int]:
        start = quote.open_mark
        previous = [t for t in self.tokens_in(lo, quote.open_mark) if not t.is_space]
        if previous and not (previous[-1].is_punct and previous[-1].text in ".!?"):
            start = max(lo, previous[-1].sent.start_char)
        # do not reach back into an earlier quotation
        for c in range(quote.open_mark - 1, start - 1, -1):
            if self.quoted[c]:
                start = c + 1
                break
        return start, quote.open_mark

    def frame_after(self, quote: _QuoteSpan, hi: int) -> tuple[int, int]:
        start = quote.close_mark + 1 if quote.close_mark >= 0 else quote.end
        following = [t for t in self.tokens_in(start, hi) if not t.is_space and t.text not in "*_"]
        if not following or following[0].text in ".!?" or following[0].is_quote:
            return start, start
        end = min(hi, max(following[0].sent.end_char, following[0].idx + len(following[0].text)))
        for c in range(start, end):
            if self.quoted[c]:
                end = c
                break
        return start, end

    def find_cue(self, lo: int, hi: int, nearest_to: int):
        best = None
        for token in self.tokens_in(lo, hi):
            if self.is_quoted(token) or not self.is_reporting(token):
                continue
            if best is None or abs(token.idx - nearest_to) < abs(best.idx - nearest_to):
                best = token
        if best is None:
            # "as X put it"
            for token in self.tokens_in(lo, hi):
                if token.lower_ == "put" and token.i + 1 < len(self.doc) and token.nbor(1).lower_ == "it":
                    return token
        return best

    @staticmethod
    def cue_text(token) -> str:
        if token.lower_ == "according":
            return "according to"
        if token.lower_ == "put" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it":
            return "put it"
        particles = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
        if particles:
            return f"{token.text} {particles[0].text}"
        return token.text

    def attribute_direct(self, quote: _QuoteSpan) -> None:
        lo, _ = self.bounds[quote.paragraph]
        end_paragraph = self.paragraph_of(quote.end)
        _, hi = self.bounds[end_paragraph]
        before = self.frame_before(quote, lo)
        after = self.frame_after(quote, hi)
        content = self.text[quote.start : quote.end].rstrip()
        trailing_comma = content.endswith((",", "—", "–", "-", "?", "!")) or quote.close_mark < 0
        order = (after, before) if trailing_comma or before[0] == before[1] else (before, after)
        if self.attribute_by_dash(quote, after):
            return
        if before[0] == before[1] and quote.paragraph > 0:
            # 'He said:' closing the paragraph before a paragraph-long quotation
            plo, phi = self.bounds[quote.paragraph - 1]
            if self.text[plo:phi].rstrip().endswith(":"):
                prev_sentence = self.token_at(phi - 1)
                if prev_sentence is not None:
                    order = order + ((max(plo, prev_sentence.sent.start_char), phi),)
        for frame_lo, frame_hi in order:
            if frame_hi <= frame_lo:
                continue
            near = quote.open_mark if frame_hi <= quote.open_mark else quote.end
            cue = self.find_cue(frame_lo, frame_hi, near)
            if cue is None:
                continue
            speaker = self.speaker_for(cue, frame_lo, frame_hi)
            quote.cue = self.cue_text(cue)
            quote.cue_at = cue.i
            if speaker is not None:
                quote.speaker = self.mention_span(speaker)
            return
        if trailing_comma and after[1] > after[0]:
            # '"…,” he.': the attribution lost its verb (a translation or scraping slip)
            words = [t for t in self.tokens_in(*after) if not (t.is_punct or t.is_space)]
            if words and len(words) <= 4 and self.text[after[0] : after[1]].rstrip().endswith(".") and (
                (len(words) == 1 and words[0].lower_ in PRONOUNS_PERSON) or all(_is_name(t) for t in words)
            ):
                quote.speaker = self.mention_span(words[-1])

    def attribute_by_dash(self, quote: _QuoteSpan, after: tuple[int, int]) -> bool:
        """'"…" ― Jane Doe': a dash and a name right after the closing mark sign the quote."""
        if quote.close_mark < 0:
            return False
        tail = self.text[quote.close_mark + 1 : quote.close_mark + 80]
        match = DASH_SIGNATURE.match(tail)
        if not match:
            return False
        start = quote.close_mark + 1 + match.start(1)
        end = quote.close_mark + 1 + match.end(1)
        last_word = self.text[start:end].split()[-1]
        if last_word.endswith(".") and len(last_word) > 3 and last_word not in ("Jr.", "Sr."):
            end -= 1  # the sentence's full stop, not an initial or "Jr."
        quote.cue = match.group(0).strip()[:1]
        quote.speaker = (start, end)
        return True

    def attribute_in_sentence(self, quote: _QuoteSpan) -> None:
        """For a quotation inside the writer's sentence: the reporting verb it depends on."""
        token = self.token_at(quote.start)
        if token is None:
            return
        sentence = token.sent
        cue = None
        lo, hi = self.sentence_bounds(token, *self.bounds[quote.paragraph])
        for ancestor in token.ancestors:
            if lo <= ancestor.idx < hi and not self.is_quoted(ancestor) and self.is_reporting(ancestor) and not self.is_passive_participle(ancestor):
                cue = ancestor
                break
        if cue is None:
            candidates = [
                t for t in sentence
                if lo <= t.idx < hi and not self.is_quoted(t) and self.is_reporting(t) and not self.is_passive_participle(t)
            ]
            put_it = [t for t in sentence if lo <= t.idx < hi and t.lower_ == "put" and t.i + 1 < len(self.doc) and t.nbor(1).lower_ == "it"]
            candidates += put_it
            if candidates:
                cue = min(candidates, key=lambda t: abs(t.idx - quote.start))
        if cue is None:
            return
        speaker = self.speaker_for(cue, lo, hi)
        quote.cue = self.cue_text(cue)
        quote.cue_at = cue.i
        if speaker is not None and lo <= speaker.idx < hi:
            quote.speaker = self.mention_span(speaker)

    def sentence_bounds(self, token, lo: int, hi: int) -> tuple[int, int]:
        """The char span of `token`'s sentence inside the paragraph [lo, hi), cut at line
        breaks: text without blank lines (a headline over its first sentence) can be parsed
        as one sentence across lines that are not one."""
        start = max(lo, token.sent.start_char)
        end = min(hi, token.sent.end_char)
        line_start = self.text.rfind("\n", start, token.idx)
        if line_start >= 0:
            start = line_start + 1
        line_end = self.text.find("\n", token.idx, end)
        if line_end >= 0:
            end = line_end
        return start, end

    @staticmethod
    def is_institution(token) -> bool:
        """An organisation, government or place speaking as a body ("the White House", "the ministry")."""
        if token.ent_type_ in INSTITUTION_ENTITIES:
            return True
        return token.pos_ in ("NOUN", "PROPN") and token.tag_ not in ("NNS", "NNPS") and token.lemma_.lower() in ORG_NOUNS

    def person_named_by(self, token):
        """`token` when it is a person's name, or the name in apposition to a role noun
        ("its spokesman, Ivan Petrov")."""
        if token.ent_type_ == "PERSON":
            return token
        if token.lemma_.lower() in PERSON_NOUNS:
            for child in token.children:
                if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                    return child
        return None

    def voice_institution(self, quote: _QuoteSpan) -> None:
        """An institution's statement voiced by a person the same sentence names ("The White
        House said it sees 'no indication' …, as John Kirby put it" · "…, the ministry said,
        according to spokeswoman Anna Berg"): the person is the speaker."""
        if quote.speaker is None or quote.cue_at < 0:
            return
        head = self.token_at(quote.speaker[1] - 1)
        if head is None or not self.is_institution(head):
            return
        cue = self.doc[quote.cue_at]
        lo, hi = self.sentence_bounds(cue, *self.bounds[self.paragraph_of(cue.idx)])
        for token in self.tokens_in(lo, hi):
            if token.i == cue.i or self.is_quoted(token) or quote.start <= token.idx < quote.end:
                continue
            if not self.is_reporting(token) or self.is_passive_participle(token):
                continue
            if token.dep_ == "relcl" or any(c.dep_ == "mark" and c.lower_ != "as" for c in token.children):
                continue  # "…, after Biden told reporters …" reports something else
            subject = self.subject_of(token, lo, hi)
            person = self.person_named_by(subject) if subject is not None and not self.is_quoted(subject) else None
            if person is not None:
                quote.speaker = self.mention_span(person)
                return

    # ---- main passes ----
    def classify(self, quote: _QuoteSpan) -> None:
        lo, _ = self.bounds[quote.paragraph]
        before = self.text[lo : quote.open_mark].rstrip(" *_\t")
        # (a line break starts a sentence too: lines of one paragraph, a list of signed quotes)
        starts_sentence = before == "" or before[-1] in ".!?:;,—–-(\n" or SENTENCE_END.search(before[-3:] + " ") is not None
        if not starts_sentence or self.runs_on_after_close(quote):
            quote.kind = "partial"

    def runs_on_after_close(self, quote: _QuoteSpan) -> bool:
        """"'No Indication' Putin Willing To Negotiate": quoted words that open a sentence
        which then goes on in the writer's words are a fragment, not a quotation. Longer
        quotations that run on ('"You squeezed employees" to drive up …, she said') stay
        quotations."""
        if quote.close_mark < 0 or len(self.text[quote.start : quote.end].split()) >= MIN_UNATTRIBUTED_WORDS:
            return False
        if self.text[quote.start : quote.end].rstrip()[-1:] in ",.;:!?—–-…":
            return False
        following = self.text[quote.close_mark + 1 : quote.close_mark + 2]
        if following not in " \t" :
            return False
        rest = self.text[quote.close_mark + 1 :].lstrip(" \t*_")
        if not rest[:1].isalnum():
            return False
        nearby = self.tokens_in(quote.close_mark + 1, min(len(self.text), quote.close_mark + 60))[:4]
        return not any(self.is_reporting(t) for t in nearby)

    def run(self) -> list[RawQuote]:
        transcript = self.transcript_lines()
        # Transcript lines often open with a quote mark that runs on over the whole exchange
        # ('"WALLACE: …' · '"PENCE: …'); their labels, not the marks, say who speaks.
        skipped = {span.paragraph for span in transcript}
        spans = _pair_quotes(self.text, [b for number, b in enumerate(self.bounds) if number not in skipped])
        for span in spans:
            span.paragraph = self.paragraph_of(span.open_mark)
        for span in spans + transcript:
            for c in range(span.open_mark, (span.close_mark if span.close_mark >= 0 else span.end) + 1):
                self.quoted[c] = 1
        spans = self.trim_unclosed(spans)
        kept: list[_QuoteSpan] = []
        for span in spans:
            self.classify(span)
            if span.kind == "direct":
                self.attribute_direct(span)
                if span.cue == "":
                    self.attribute_in_sentence(span)
            else:
                self.attribute_in_sentence(span)
            self.voice_institution(span)
            kept.append(span)
        self.join_running_parts(kept)
        self.carry_speakers(kept)
        words = lambda s: len(self.text[s.start : s.end].split())  # noqa: E731
        kept = [s for s in kept if s.speaker is not None or (s.kind == "direct" and words(s) >= MIN_UNATTRIBUTED_WORDS and s.cue)]
        kept = sorted(kept + transcript, key=lambda s: s.start)
        indirect = self.indirect_speech(kept)
        for span in indirect:
            self.voice_institution(span)
        kept = [s for s in kept if s.kind == "direct" or words(s) >= MIN_PARTIAL_WORDS]
        # balancing can bring two spans to the same slice: keep one (a direct before an indirect)
        quotes = self.drop_duplicates([q for q in kept + indirect if self.balance_marks(q)])
        quotes.sort(key=lambda s: (s.start, -s.end))
        self.resolve_all(quotes)
        # one whose speaker turned out to name no one stands only when long enough to be a statement
        quotes = [q for q in quotes if not q.unnamed or words(q) >= MIN_UNATTRIBUTED_WORDS]
        return [self.to_raw(q) for q in quotes]

    def balance_marks(self, quote: _QuoteSpan) -> bool:
        """Cut a quote mark at either edge of the stored text that has no partner inside it
        ('We respect that. "' · '"'We are hoping …' · 'on women in the workplace: “'), or take
        in the partner when only punctuation stands between it and the edge; then pair the
        marks inside it (`balance_inner`). False when nothing is left."""
        start, end = quote.start, quote.end
        for _ in range(4):
            before = (start, end)
            start, end = self.balance_edges(start, end)
            if end - start < 2 or not any(ch.isalnum() for ch in self.text[start:end]):
                return False
            start, end = self.balance_inner(quote, start, end)
            if (start, end) == before:
                break
        start, end = self.balance_edges(start, end)
        if end - start < 2 or not any(ch.isalnum() for ch in self.text[start:end]):
            return False
        quote.start, quote.end = start, end
        return True

    def balance_edges(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        for _ in range(8):
            before = (start, end)
            if start < end and text[start] in ALL_MARKS and not _has_partner(text, start, start, end):
                partner = _partner_before_edge(text, start, end, len(text))
                if partner is not None and _has_partner(text, partner, start, partner + 1):
                    end = partner + 1
                else:
                    start += 1
            if start < end and text[end - 1] in ALL_MARKS and not _has_partner(text, end - 1, start, end):
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if (start, end) == before:
                break
        return start, end

    def balance_inner(self, quote: _QuoteSpan, start: int, end: int) -> tuple[int, int]:
        """Pair a quote mark opened or closed inside the stored text ('the Tories offered a
        "hard right agenda' + '".'): take in its partner when it lies just past the edge, with
        only punctuation or the rest of a short clause between; else cut the text before the
        opening mark when a statement still stays; else keep it."""
        text = self.text
        lo = self.bounds[self.paragraph_of(start)][0]
        hi = self.bounds[self.paragraph_of(max(start, end - 1))][1]
        # a direct quotation's own marks stand outside its text and pair with nothing in it
        own_marks = (quote.open_mark, quote.close_mark) if quote.open_mark < start and quote.close_mark >= end else ()
        for _ in range(4):
            unpaired = _unpaired_marks(text, start, end)
            opening = [mark for mark, role in unpaired if role == "open"]
            closing = [mark for mark, role in unpaired if role == "close"]
            if opening:
                mark = opening[0]
                partner = _partner_after(text, mark, end, hi)
                if partner is not None and partner not in own_marks:
                    end = partner + 1
                    continue
                cut = len(text[start:mark].rstrip(" \t"))
                if sum(any(c.isalnum() for c in w) for w in text[start : start + cut].split()) >= MIN_UNATTRIBUTED_WORDS:
                    end = start + cut
                    continue
            if closing:
                partner = _partner_before(text, closing[0], start, lo)
                if partner is not None and partner not in own_marks:
                    start = partner
                    continue
            break
        return start, end

    def transcript_lines(self) -> list[_QuoteSpan]:
        """Paragraphs led by a speaker's label: "PENCE: Well, look, …" in a transcript (the
        speaker's own words: direct) or "Sanders: Clinton needs to …" in a headline (a
        summary of them: indirect)."""
        found = []
        for number, (lo, hi) in enumerate(self.bounds):
            match = TRANSCRIPT_LABEL.match(self.text, lo, hi)
            if not match:
                continue
            label_start, label_end = match.span(1)
            label = self.tokens_in(label_start, label_end)
            if not label or any(t.lower_ in NOT_SPEAKER_LABELS for t in label):
                continue
            if not all(t.pos_ == "PROPN" or (t.text.isupper() and t.is_alpha) for t in label):
                continue
            if all(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in label):
                continue  # a dateline ("WASHINGTON: …")
            verbatim = all(ch.isupper() for ch in self.text[label_start:label_end] if ch.isalpha())
            if not verbatim and not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in label):
                continue  # a headline's kicker ("Stealth Over Health: …"), not a speaker
            start, end = match.end(), hi
            while end > start and self.text[end - 1] in " \t\"“”'’*_":
                end -= 1
            if len(self.text[start:end].split()) < MIN_INDIRECT_WORDS:
                continue
            if any(self.signs_line(t, start, end) for t in self.tokens_in(start, end)):
                continue  # "USA: Washington will help …, says John Kirby" names its own speaker
            span = _QuoteSpan(start, end, start, end, number, kind="direct" if verbatim else "indirect")
            span.cue = ":"
            span.speaker = (label_start, label_end)
            for c in range(match.start(1), end + 1):
                self.quoted[c] = 1
            found.append(span)
        return found

    def signs_line(self, verb, lo: int, hi: int) -> bool:
        """"…, says John Kirby": an inverted reporting verb with a named subject."""
        if not self.is_reporting(verb):
            return False
        subject = self.subject_of(verb, lo, hi)
        return subject is not None and subject.i > verb.i and _is_name(subject)

    def trim_unclosed(self, spans: list[_QuoteSpan]) -> list[_QuoteSpan]:
        """A quote left open to its paragraph's end often ends in its attribution
        ('"… operations, he explained.'): cut the quote at that comma."""
        for span in spans:
            if span.close_mark >= 0:
                continue
            paragraph = self.text[span.start : span.end]
            match = re.search(r",\s+([^,\"“”]{1,60})$", paragraph)
            if not match:
                continue
            tail_start = span.start + match.start(1)
            tail_tokens = self.tokens_in(tail_start, span.end)
            if any(self.is_reporting(t) for t in tail_tokens) and len(tail_tokens) <= 10:
                cut = span.start + match.start()
                for c in range(cut, span.end + 1):
                    self.quoted[c] = 0
                span.end = cut
                span.close_mark = cut  # the attribution text starts after the comma
        return spans

    def join_running_parts(self, spans: list[_QuoteSpan]) -> None:
        """The parts of a quotation running over paragraphs have one speaker: the first
        attribution found, reading from its first part (a later part's frame is often the
        next sentence's, about someone else), unless a part's own sentence goes on to name
        its speaker ('"It never crossed my mind," she said')."""
        runs: dict[int, list[_QuoteSpan]] = {}
        for span in spans:
            runs.setdefault(span.run_head if span.run_head >= 0 else span.open_mark, []).append(span)
        for parts in runs.values():
            source = next((p for p in parts if p.speaker is not None), None)
            if len(parts) < 2 or source is None:
                continue
            for p in parts:
                if p.speaker is not None and self.text[p.start : p.end].rstrip().endswith((",", "—", "–", "-")):
                    continue
                p.speaker, p.cue, p.cue_at = source.speaker, source.cue, source.cue_at

    def carry_speakers(self, spans: list[_QuoteSpan]) -> None:
        """Quoted sentences following an attributed quote in the same paragraph, or a
        paragraph that is nothing but a quotation right after one, keep its speaker."""
        previous: _QuoteSpan | None = None
        for span in spans:
            if span.kind == "direct" and span.speaker is None and previous is not None and previous.speaker is not None:
                same_paragraph = self.paragraph_of(previous.end) == span.paragraph
                lo, hi = self.bounds[span.paragraph]
                whole_paragraph = self.text[lo : span.open_mark].strip(" *_") == "" and (
                    span.close_mark < 0 or self.text[span.close_mark + 1 : hi].strip(" *_") == ""
                )
                follows = span.paragraph - self.paragraph_of(previous.end) == 1 and whole_paragraph and previous.kind == "direct"
                if same_paragraph or follows:
                    span.speaker = previous.speaker
                    span.cue = previous.cue
            if span.speaker is not None:
                previous = span

    def indirect_speech(self, quotes: list[_QuoteSpan]) -> list[_QuoteSpan]:
        found: list[_QuoteSpan] = []
        claimed = bytearray(len(self.text) + 1)
        for quote in quotes:
            if quote.kind == "direct":
                for c in range(quote.start, quote.end):
                    claimed[c] = 1
        partials = [q for q in quotes if q.kind == "partial"]
        for token in self.doc:
            if self.is_quoted(token) or not self.is_reporting(token):
                continue
            lemma = token.lemma_.lower()
            if lemma in QUOTE_ONLY_VERBS:
                continue
            if self.is_passive_participle(token):
                continue
            content = self.reported_clause(token)
            if content is None:
                continue
            start, end = content
            lo, hi = self.sentence_bounds(token, *self.bounds[self.paragraph_of(token.idx)])
            start, end = max(start, lo), min(end, hi)
            # a quoted fragment the clause runs into belongs to it, closing mark included
            for q in partials:
                if start <= q.start < end and q.end > end:
                    end = q.end if q.close_mark < 0 else q.close_mark + 1
            if end <= start:
                continue
            if end - start < 2:
                continue
            covered = sum(claimed[start:end])
            if covered > (end - start) / 3:
                continue
            if len(self.text[start:end].split()) < MIN_INDIRECT_WORDS:
                continue
            source = self.source_for(token, lo, hi)
            if source is None or not (lo <= source.idx < hi) or start <= source.idx <= start + 4:
                continue  # no source, or the "content" is the source's own name
            # a statement from a thing that names no one ("according to a briefing") has no speaker
            speaker = self.speaking_party(source)
            inner = [q for q in partials if q.start >= start and q.end <= end]
            kind = "partial" if inner else "indirect"
            span = _QuoteSpan(start, end, start, end, self.paragraph_of(start), kind=kind)
            span.cue = self.cue_text(token)
            span.cue_at = token.i
            span.speaker = self.mention_span(speaker) if speaker is not None else None
            for q in inner:
                if q in quotes:
                    quotes.remove(q)
                    partials.remove(q)
            found.append(span)
        return self.drop_duplicates(found)

    @staticmethod
    def is_passive_participle(verb) -> bool:
        """"When asked whether …", "as reported": the verb's subject is not its speaker."""
        if verb.tag_ != "VBN":
            return False
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent")]
        return not own

    def reported_clause(self, verb) -> tuple[int, int] | None:
        doc = self.doc
        if verb.lower_ == "according":
            # the sentence without the "according to X" phrase
            sentence = verb.sent
            phrase = list(verb.subtree)
            lo, hi = phrase[0].i, phrase[-1].i
            before = doc[sentence.start : lo]
            after = doc[hi + 1 : sentence.end]
            part = before if len(before) >= len(after) else after
            return self.trim(part.start, part.end)
        lemma = verb.lemma_.lower()
        clause = None
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > verb.i and child.pos_ in ("VERB", "AUX"):
                clause = child
                break
        addressee = None  # "called on Kyiv to …", "urged lawmakers to …": part of the content
        if clause is None and lemma in INFINITIVE_VERBS:
            for child in verb.children:
                if child.dep_ == "xcomp" and child.i > verb.i:
                    clause = child
                    break
            if clause is not None:
                for child in verb.children:
                    if verb.i < child.i < clause.i and (
                        child.dep_ in ("dobj", "dative") or (child.dep_ == "prep" and child.lower_ == "on")
                    ):
                        addressee = child.left_edge.i if child.dep_ != "prep" else child.i + 1
                        break
        if clause is None:
            phrase = self.noun_phrase_content(verb)
            if phrase is not None:
                return self.trim(*phrase)
        if clause is None:
            for child in verb.children:
                if child.dep_ == "ccomp" and child.i < verb.i and child.pos_ in ("VERB", "AUX"):
                    clause = child  # "Peace is near, the minister said."
                    break
        if clause is None:
            # "Trump said after the convention he would not accept …": the parse hangs the
            # clause on the verb as an unmarked adverbial clause with its own subject
            for child in verb.children:
                if child.dep_ == "advcl" and child.i > verb.i and self.has_own_subject(child) and not self.is_reporting(child) \
                        and not any(c.dep_ == "mark" for c in child.children):
                    clause = child
                    break
        if clause is None and verb.dep_ in ("parataxis",) and verb.head.i < verb.i:
            head = verb.head
            first = head.left_edge.i
            last = verb.left_edge.i
            if head.right_edge.i > verb.right_edge.i + 1 and self.is_aside(verb):
                # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
                last = head.right_edge.i + 1
            return self.trim(first, last)
        if clause is None and verb.dep_ == "parataxis" and verb.head.i > verb.i and self.is_aside(verb):
            # "The museum, Mr. Bush said, celebrated …": the aside sits inside the statement,
            # which is the whole clause around it (a quote is one contiguous slice)
            return self.trim(verb.head.left_edge.i, verb.head.right_edge.i + 1)
        if clause is None:
            return None
        first, last = clause.left_edge.i, clause.right_edge.i + 1
        if addressee is not None:
            first = min(first, addressee)
        if clause.i > verb.i:
            last = self.extend_clause(verb, last)
        if clause.i < verb.i:
            # (the verb's own left edge is the clause's, which hangs off it)
            last = min(last, verb.i)
            # "X said" in the middle: the subject is not part of the clause
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and clause.i < child.i < verb.i:
                    last = min(last, child.left_edge.i)
        # "…, as Kirby put it" hanging off the clause is an attribution, not content
        for token in doc[clause.i + 1 : last]:
            if token.dep_ == "advcl" and self.is_reporting(token) and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
                last = min(last, token.left_edge.i)
        return self.trim(first, last)

    def noun_phrase_content(self, verb) -> tuple[int, int] | None:
        """Content given as a noun phrase: "called the charges unsubstantiated" · "called
        climate change a hoax" · "called for a moratorium on charter schools" · "proposed a
        15 percent rate for …" (token range, end exclusive)."""
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
                if child.dep_ == "prep" and child.lower_ == "for" and child.right_edge.i > child.i:
                    return child.i + 1, child.right_edge.i + 1
            return None
        if lemma in NOUN_CONTENT_VERBS and objects:
            return objects[0].left_edge.i, objects[0].right_edge.i + 1
        return None

    @staticmethod
    def has_own_subject(verb) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)

    def extend_clause(self, verb, last: int) -> int:
        """The parse often hangs the rest of the reported content on the reporting verb:
        a second clause with its own subject ("said Trump has … and his comment was …") or a
        conditional or causal clause ("…, when it comes to …"). Take them in, in order, up
        to the first dependent that is the speaker's own (", adding that …", "and left")."""
        for child in sorted(verb.children, key=lambda c: c.i):
            if child.i < last or child.dep_ in ("punct", "cc"):
                continue
            if self.is_reporting(child):
                break
            if child.dep_ in ("ccomp", "conj") and child.pos_ in ("VERB", "AUX") and self.has_own_subject(child):
                last = child.right_edge.i + 1
                continue
            if child.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in CONTENT_CLAUSE_MARKS for c in child.children
            ):
                last = child.right_edge.i + 1
                continue
            break
        return last

    def is_aside(self, verb) -> bool:
        """", Mr. Bush said, " set off by commas after the start of the clause it interrupts
        (the parse sometimes hangs the clause's own subject on the aside's verb)."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
        if not subjects:
            return False
        first = max(subjects, key=lambda c: c.i).left_edge.i
        head_first = min(verb.head.left_edge.i, verb.left_edge.i)
        return first > head_first and self.doc[first - 1].text in (",", "—", "–")

    def trim(self, first: int, last: int) -> tuple[int, int] | None:
        doc = self.doc
        while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ in ("and", "but")):
            first += 1
        if first + 2 < last and doc[first].pos_ == "PROPN" and doc[first + 1].text == ":":
            first += 2  # a headline's label ("USA: Washington will help …") is not content
        while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
            if doc[last - 1].is_quote and self.quoted[doc[last - 1].idx] and last - 1 > first:
                break  # keep a closing mark of a quoted fragment inside the clause
            last -= 1
        if last <= first:
            return None
        return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)

    @staticmethod
    def drop_duplicates(spans: list[_QuoteSpan]) -> list[_QuoteSpan]:
        kept: list[_QuoteSpan] = []
        for span in sorted(spans, key=lambda s: s.start - s.end):
            if any(other.start == span.start and other.end == span.end for other in kept):
                continue
            kept.append(span)
        return kept

    def resolve_all(self, quotes: list[_QuoteSpan]) -> None:
        done: list[_QuoteSpan] = []
        for quote in quotes:
            if quote.speaker is not None:
                token = self.token_at(quote.speaker[1] - 1)
                resolved = self.resolve(token, quote.start, done) if token is not None else None
                if resolved is None and token is not None and token.lower_ in NON_NAMING_SUBJECTS:
                    quote.speaker, quote.unnamed = None, True  # "it", "one" unresolved name no speaker
                    continue
                quote.resolved = resolved or quote.speaker
            done.append(quote)

    def to_raw(self, quote: _QuoteSpan) -> RawQuote:
        speaker = quote.resolved or quote.speaker
        return RawQuote(
            text=self.text[quote.start : quote.end],
            kind=quote.kind,
            start=quote.start,
            end=quote.end,
            paragraph=self.paragraph_of(quote.start),
            cue=quote.cue,
            speaker_text=self.text[speaker[0] : speaker[1]] if speaker else "",
            speaker_start=speaker[0] if speaker else -1,
            speaker_end=speaker[1] if speaker else -1,
        )


def extract_quotes(doc, paragraph_starts: Sequence[int] | None = None) -> list[RawQuote]:
    """Every statement in `doc` (a parsed article body) with the span of its speaker."""
    if len(doc) == 0 or not doc.text.strip():
        return []
    return _Extractor(doc, paragraph_starts).run()
