"""The plain data model shared by store, search, export, command line and reader.

Glossary (one word per concept, in code as in these classes):

- outlet: the publication that carried an article ("Reuters", "TURAN"); when nothing names
  one, its web host, else "" (shown as "unknown outlet"; never a file name, see index/outlets.py).
  The documented JSON keys and the store's columns still say "source"/"sources" for it; the
  record shapes (index/records.py) map the names.
- article: one cleaned text from a file, with its metadata; its body is its paragraphs joined
  by PARAGRAPH_SEPARATOR.
- offset: a character position in an article's body; `start`/`end` pairs are half-open
  (`body[start:end]`). Paragraph starts are offsets too.
- actor: a person, organisation, place or group across the whole library (`Actor`).
- local actor: an actor as one article knows it, before library-wide linking (`LocalActor`).
- mention: a span of a body that names an actor (`Mention`).
- quote: words attributed to a speaker in one article (`Quote`; `RawQuote` before linking).
- kind: of a quote, how it is reported: direct (all in quote marks), partial (some quoted
  words inside reported speech) or indirect (reported speech); of an actor, person, org,
  place or group.
- cue: the reporting word or phrase that attributes a quote ("said", "according to").
- statement: the same thing said by one actor, as two or more articles reported it.
- report: one outlet's report of a statement: its quote, and how its words differ from the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field

PARAGRAPH_SEPARATOR = "\n\n"


def now_timestamp() -> str:
    """Now as the model's timestamps hold it (`Article.added`, `Bookmark.created`): ISO 8601, UTC, seconds."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def paragraph_starts(paragraphs: list[str]) -> list[int]:
    """Offset in the body where each paragraph starts."""
    starts = []
    position = 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return starts


@dataclass
class Article:
    """One article as the user reads it: cleaned body plus the metadata the text gave."""

    id: str
    path: str
    title: str
    paragraphs: list[str]
    outlet: str = ""
    byline: str = ""
    date: str = ""  # ISO 8601 date (YYYY-MM-DD) when the text gives one, else ""
    category: str = ""
    url: str = ""
    original: str = ""  # the decoded source text, before cleaning
    content_hash: str = ""
    encoding: str = ""
    format: str = ""  # txt, md, html, json
    added: str = ""  # ISO timestamp of ingest

    @property
    def body(self) -> str:
        """The body as one string; quote and mention offsets index into it."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)


@dataclass
class Role:
    """A title or function an article gives an actor ("Pentagon press secretary")."""

    text: str
    article_id: str


@dataclass
class Actor:
    """One real-world person, organisation, place or group, across the whole library."""

    id: str  # stable slug of the canonical name ("john-kirby")
    name: str
    kind: str  # person, org, place, group
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # article ids
    outlets: list[str] = field(default_factory=list)  # where it was named (JSON key "sources", store column too)
    mention_count: int = 0
    quote_count: int = 0


@dataclass
class Mention:
    """A span of an article's body that names an actor."""

    article_id: str
    actor_id: str
    start: int
    end: int
    text: str


@dataclass
class BaseQuote:
    """What every quote has, found or linked: its words, how they are reported, where they stand.

    `text == article.body[start:end]`; `paragraph` is the number of the paragraph it starts in.
    """

    text: str
    kind: str  # direct, partial, indirect
    start: int
    end: int
    paragraph: int
    cue: str = ""  # the reporting words as the text has them, negation kept ("denied", "did not say")
    # How the speaker was found, and how sure that is (the reader marks doubtful speakers):
    speaker_evidence: str = ""  # one of SPEAKER_EVIDENCE ("" in analyses stored before it existed)
    speaker_via: str = ""  # the words it was found through ("he", "the Tory leader", "Mr Howard")
    speaker_confidence: float = -1.0  # 0..1; -1 when not recorded
    speaker_kind: str = ""  # person, org, group, place, document ("" when unknown)


# How a quote's speaker was found (BaseQuote.speaker_evidence):
SPEAKER_EVIDENCE = {
    "named": "named in the sentence",
    "alleged": "named, but only as alleged to have said it",
    "label": 'named by a label or signature ("PENCE: …", "— Name")',
    "pronoun": "a pronoun resolved to a name",
    "role": "a role or noun resolved to a name",
    "office": "office resolved from the library",  # "the prime minister", whom other articles name so
    "carried": "carried from the quotation it continues",
    "document": "a document, poll or dataset named as the source",
    "unresolved": "not resolved to a name",
    "corrected": "set by the user",
}
# Below this a speaker is shown as doubtful.
DOUBTFUL_CONFIDENCE = 0.6


@dataclass
class Quote(BaseQuote):
    """A statement attributed to a speaker, after library-wide linking (keyword arguments only past `cue`)."""

    _: KW_ONLY
    id: str
    article_id: str
    speaker: str = ""  # display name of the speaker actor ("" when unknown)
    speaker_id: str = ""  # Actor.id, "" when unknown
    statement_id: str = ""

    @property
    def doubtful(self) -> bool:
        """The speaker is not known or not sure enough to quote without checking."""
        if not self.speaker:
            return True
        return 0 <= self.speaker_confidence < DOUBTFUL_CONFIDENCE


@dataclass
class Report:
    """One outlet's report of a statement, with how it differs from the first report."""

    quote: Quote
    outlet: str
    date: str
    title: str
    diff: list[tuple[str, str]] = field(default_factory=list)  # (op, text): op in "=", "+", "-"
    # Why this report is the statement's (empty for the first): how it was matched, and how well.
    link_reason: str = ""  # e.g. "shares 12 words in a row", "a word or two changed", "paraphrase"
    link_score: float = 0.0


@dataclass
class Statement:
    """The same thing said by one actor, however many outlets carried it."""

    id: str
    actor_id: str
    speaker: str
    text: str  # the text of the first report
    reports: list[Report] = field(default_factory=list)  # ordered by date, first = earliest

    @property
    def first_outlet(self) -> str:
        return self.reports[0].outlet if self.reports else ""

    @property
    def outlets(self) -> list[str]:
        """The named outlets that carried it, first report first (articles of no known outlet left out)."""
        return list(dict.fromkeys(report.outlet for report in self.reports if report.outlet))

    @property
    def cross_outlet(self) -> bool:
        """Carried by two or more different named outlets (not two articles of one, or of none known)."""
        return len(self.outlets) >= 2


@dataclass
class Bookmark:
    """A saved article or quote. Keeps a copy of what it points at, so it survives re-ingest."""

    id: int
    kind: str  # article, quote
    article_id: str
    quote_id: str = ""
    note: str = ""
    created: str = ""
    title: str = ""  # article title at the time of bookmarking
    outlet: str = ""
    date: str = ""
    text: str = ""  # the quote text (kind == "quote")
    speaker: str = ""
    start: int = -1
    end: int = -1


@dataclass
class SearchHit:
    """One search result: the article and a highlighted snippet."""

    article_id: str
    title: str
    outlet: str
    date: str
    path: str
    score: float
    snippet: str  # plain text snippet
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)  # matched ranges in snippet


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int
    query: str
    suggestion: str = ""  # "did you mean" query, "" when none
    terms: list[str] = field(default_factory=list)  # the words the query matches, for highlighting


@dataclass
class IngestReport:
    """What one ingest run did, for the summary at the end."""

    added: list[str] = field(default_factory=list)  # article ids
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, id of the article it duplicates)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    interrupted: bool = False
    no_outlet: list[str] = field(default_factory=list)  # ids of added or updated articles that name no outlet

    @property
    def total_seen(self) -> int:
        return len(self.added) + len(self.updated) + self.unchanged + len(self.duplicates) + len(self.skipped)


# --- What the NLP step finds in one article, before library-wide linking. ---
# Stored as is, so actors can be re-linked (aliases, new articles) without re-parsing.


@dataclass
class LocalActor:
    """An actor as one article knows it: its fullest name, variants, roles and mentions."""

    key: int  # index within the article's list of local actors
    name: str  # the fullest name the article uses ("Vladimir Putin")
    kind: str  # person, org, place, group
    variants: list[str] = field(default_factory=list)  # surface forms ("Putin", "Mr. Putin")
    roles: list[str] = field(default_factory=list)  # "Russian President"
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in the body


@dataclass
class RawQuote(BaseQuote):
    """A quote as the extractor found it; the speaker is a local actor key or unresolved text."""

    speaker_text: str = ""  # the name the speaker resolves to, or the pronoun/noun phrase if unresolved
    speaker_start: int = -1  # body span of the speaker mention the quote is attributed to
    speaker_end: int = -1
    speaker_key: int | None = None  # LocalActor.key once attached
    # The rule that found the speaker (a key of index.quotes.evidence.HOW: "subject", "role-continuity"):
    # what speaker_evidence and speaker_confidence were derived from, kept so that library-wide steps
    # ask for a rule by name, not by its confidence ("" when the analysis did not say which).
    speaker_how: str = ""


@dataclass
class Enrichment:
    article_id: str
    actors: list[LocalActor] = field(default_factory=list)
    quotes: list[RawQuote] = field(default_factory=list)


@dataclass
class ArticleSummary:
    """What the article list needs, without the body: cheap to load for 20,000 articles."""

    id: str
    title: str
    outlet: str
    date: str
    path: str
    category: str = ""


@dataclass
class ArticleActor:
    """An actor as it appears in one article: how often and in which roles."""

    actor: Actor
    mentions: int
    roles: list[str] = field(default_factory=list)


@dataclass
class ArticleDetail:
    """One article as the reader shows it: its actors and mentions, its quotes with their statements."""

    article: Article
    actors: list[ArticleActor]
    mentions: list[tuple[int, int, str]]  # (start, end, actor kind)
    quotes: list[Quote]
    statements: dict[str, Statement] = field(default_factory=dict)  # quote id -> its statement
    # quote id -> where else it was reported: other named outlets, then "another article" (reading.also_in)
    other_outlets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class IngestProgress:
    """Posted while an ingest runs: `done` of `total` files, the current file and phase, and while
    analysing, how many articles the analysis (worker processes, a Ray cluster) has done."""

    done: int
    total: int
    path: str = ""
    phase: str = "reading"  # reading, analysing, linking, indexing
    articles: int = 0
