"""Every JSON record quotedesk writes (`--json` output and exports): one shape per thing, keys as documented.

The keys are a contract with scripts and stay as they are, even where the model now says
outlet: a record's "source" (and an actor's "sources") is the outlet. The `*_FIELDS` tuples
are the columns of the CSV and JSON exports, in order.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from index.corrections import CorrectionStatus
from index.model import Actor, Article, ArticleSummary, Bookmark, IngestReport, Quote, Report, SearchHit, Statement

Record = dict[str, Any]

QUOTE_FIELDS = (
    "id",
    "article_id",
    "path",
    "source",
    "date",
    "speaker",
    "speaker_id",
    "cue",
    "text",
    "kind",
    "start",
    "end",
    "statement_id",
    # How the speaker was found ("named", "pronoun", … or "corrected"), the words it went through, how sure (0..1).
    "speaker_evidence",
    "speaker_via",
    "speaker_confidence",
)
HIT_FIELDS = ("id", "title", "source", "date", "path", "score", "snippet")
BOOKMARK_FIELDS = (
    "id",
    "kind",
    "article_id",
    "quote_id",
    "title",
    "source",
    "date",
    "speaker",
    "text",
    "note",
    "created",
    # The bookmarked quote's kind (direct, partial, indirect) and cue, while the library still has it.
    "quote_kind",
    "cue",
)


def ingest_summary(report: IngestReport, article_count: int) -> Record:
    """What an ingest run did, and how many articles the library holds after it."""
    return {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": report.unchanged,
        "duplicates": [{"path": p, "duplicate_of": d} for p, d in report.duplicates],
        "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
        "no_outlet": len(report.no_outlet),  # added or updated articles that name no outlet
        "articles": article_count,
    }


def article_record(summary: ArticleSummary) -> Record:
    """An article as `articles --json` lists it."""
    return {
        "id": summary.id,
        "title": summary.title,
        "source": summary.outlet,
        "date": summary.date,
        "path": summary.path,
    }


def article_detail_record(article: Article, quote_count: int) -> Record:
    """An article as `show --json` prints it: its metadata, paragraphs and number of quotes."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.outlet,
        "byline": article.byline,
        "date": article.date,
        "category": article.category,
        "url": article.url,
        "path": article.path,
        "paragraphs": article.paragraphs,
        "quotes": quote_count,
    }


def hit_record(hit: SearchHit) -> Record:
    return {
        "id": hit.article_id,
        "title": hit.title,
        "source": hit.outlet,
        "date": hit.date,
        "path": hit.path,
        "score": hit.score,
        "snippet": hit.snippet,
    }


def actor_record(actor: Actor) -> Record:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": actor.aliases,
        "roles": sorted({role.text for role in actor.roles}),
        "articles": actor.articles,
        "sources": actor.outlets,
        "quote_count": actor.quote_count,
    }


def statement_record(statement: Statement) -> Record:
    return {
        "id": statement.id,
        "speaker": statement.speaker,
        "speaker_id": statement.actor_id,
        "text": statement.text,
        "first_source": statement.first_outlet,
        "sources": statement.outlets,
        "reports": [_report_record(report) for report in statement.reports],
    }


def _report_record(report: Report) -> Record:
    return {
        "quote_id": report.quote.id,
        "article_id": report.quote.article_id,
        "source": report.outlet,
        "date": report.date,
        "title": report.title,
        "text": report.quote.text,
        "kind": report.quote.kind,
        "diff": [[op, text] for op, text in report.diff],
        "cue": report.quote.cue,
        **speaker_evidence(report.quote),
        "link_reason": report.link_reason,
    }


def bookmark_record(bookmark: Bookmark, quote: Quote | None = None) -> Record:
    """A bookmark; with `quote` (the bookmarked quote, when the library still has the same words) its kind and cue."""
    same = quote is not None and quote.text == bookmark.text  # an id that now names another quote says nothing
    return {
        "id": bookmark.id,
        "kind": bookmark.kind,
        "article_id": bookmark.article_id,
        "quote_id": bookmark.quote_id,
        "title": bookmark.title,
        "source": bookmark.outlet,
        "date": bookmark.date,
        "speaker": bookmark.speaker,
        "text": bookmark.text,
        "note": bookmark.note,
        "created": bookmark.created,
        "quote_kind": quote.kind if same and quote is not None else "",
        "cue": quote.cue if same and quote is not None else "",
    }


def quote_record(quote: Quote, article: Article) -> Record:
    """A quote with the article facts a reader of an export needs (outlet, date, path, title)."""
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "path": article.path,
        "source": article.outlet,
        "date": article.date,
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "cue": quote.cue,
        "text": quote.text,
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "statement_id": quote.statement_id,
        **speaker_evidence(quote),
        "title": article.title,
    }


def speaker_evidence(quote: Quote) -> Record:
    """How a quote's speaker was found: the evidence key, the words it went through, and the
    confidence (None when the analysis recorded none)."""
    confidence = quote.speaker_confidence
    return {
        "speaker_evidence": quote.speaker_evidence,
        "speaker_via": quote.speaker_via,
        "speaker_confidence": round(confidence, 3) if confidence >= 0 else None,
    }


def quote_records(quotes: Sequence[Quote], article_of: Callable[[str], Article]) -> list[Record]:
    """`quote_record` for each quote, reading each quote's article once."""
    articles: dict[str, Article] = {}
    records = []
    for quote in quotes:
        article = articles.get(quote.article_id)
        if article is None:
            article = articles[quote.article_id] = article_of(quote.article_id)
        records.append(quote_record(quote, article))
    return records


def correction_record(status: CorrectionStatus) -> Record:
    """A user's correction as `quotes corrections --format json` lists it, with the quote it applies to now."""
    correction = status.correction
    return {
        "key": correction.key,
        "article_id": correction.article_id,
        "quote": correction.text,
        "speaker": correction.speaker,
        "not_a_quote": correction.not_a_quote,
        "quote_id": status.quote_id,
        "found": bool(status.quote_id),
        "reason": status.reason,
    }


# Characters a terminal may act on, and ones that cannot be written as UTF-8 (lone surrogates from
# undecodable file names): written as \u escapes, which JSON reads back as the same characters;
# a byte of a file name that is not UTF-8 is written as the text \xNN, as the human output shows it.
_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8: shown as the human output shows it
        return f"\\\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _encoder(stream: TextIO) -> Callable[[Any], str]:
    """Indented JSON as `stream` can take it: as written when it takes UTF-8, else ASCII escapes."""
    try:
        unicode = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name in ("utf-8", "utf-16", "utf-32")
    except LookupError:
        unicode = False
    if not unicode:
        return lambda data: json.dumps(data, indent=2, ensure_ascii=True)
    return lambda data: _UNSAFE.sub(_escape, json.dumps(data, indent=2, ensure_ascii=False))


def write_json(stream: TextIO, data: Record) -> None:
    """One record as indented JSON and a newline (the standard library: Rich's pretty printer took
    95% of `articles --json` at 22,000 articles)."""
    stream.write(_encoder(stream)(data) + "\n")
    stream.flush()


def write_json_list(stream: TextIO, records: Iterable[Record]) -> None:
    """A JSON array written one record at a time, as `json.dumps(list, indent=2)` would write it
    whole: the first record is out before the last is made."""
    encode = _encoder(stream)
    first = True
    for record in records:
        stream.write("[\n  " if first else ",\n  ")
        stream.write(encode(record).replace("\n", "\n  "))
        first = False
    stream.write("[]\n" if first else "\n]\n")
    stream.flush()
