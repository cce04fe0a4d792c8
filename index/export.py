"""Quotes, bookmarks and search results as Markdown, CSV or JSON; files written atomically."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.atomic import write_text_atomic
from index.model import Bookmark, Quote, SearchHit

if TYPE_CHECKING:
    from index.library import Library

EXPORT_FORMATS = ("md", "csv", "json")
QUOTE_FIELDS = (
    "id", "article_id", "path", "source", "date", "speaker", "speaker_id", "cue", "text", "kind", "start", "end",
    "statement_id",
)
HIT_FIELDS = ("id", "title", "source", "date", "path", "score", "snippet")
BOOKMARK_FIELDS = ("id", "kind", "article_id", "quote_id", "title", "source", "date", "speaker", "text", "note", "created")


class ExportError(ValueError):
    """An export that cannot be written; str() says why in one sentence."""


def quote_rows(quotes: Sequence[Quote], library: "Library") -> list[dict]:
    """Quotes with the article facts a reader of the export needs (source, date, path)."""
    articles: dict[str, object] = {}
    rows = []
    for quote in quotes:
        article = articles.get(quote.article_id)
        if article is None:
            article = articles[quote.article_id] = library.article(quote.article_id)
        rows.append(
            {
                "id": quote.id, "article_id": quote.article_id, "path": article.path, "source": article.outlet,
                "date": article.date, "speaker": quote.speaker, "speaker_id": quote.speaker_id, "cue": quote.cue,
                "text": quote.text, "kind": quote.kind, "start": quote.start, "end": quote.end,
                "statement_id": quote.statement_id, "title": article.title,
            }
        )
    return rows


def hit_rows(hits: Sequence[SearchHit]) -> list[dict]:
    return [
        {
            "id": hit.article_id, "title": hit.title, "source": hit.outlet, "date": hit.date, "path": hit.path,
            "score": hit.score, "snippet": hit.snippet,
        }
        for hit in hits
    ]


def bookmark_rows(bookmarks: Sequence[Bookmark]) -> list[dict]:
    return [
        {
            "id": b.id, "kind": b.kind, "article_id": b.article_id, "quote_id": b.quote_id, "title": b.title,
            "source": b.outlet, "date": b.date, "speaker": b.speaker, "text": b.text, "note": b.note,
            "created": b.created,
        }
        for b in bookmarks
    ]


def render(rows: Sequence[dict], fmt: str, fields: Sequence[str], *, title: str = "Quotes") -> str:
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Unknown export format “{fmt}”: use one of {', '.join(EXPORT_FORMATS)}.")
    if fmt == "json":
        return json.dumps([{name: row.get(name, "") for name in fields} for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    return _markdown(rows, title)


def _markdown(rows: Sequence[dict], title: str) -> str:
    lines = [f"# {_md_escape(title)}", ""]
    for row in rows:
        text = row.get("text") or row.get("snippet") or ""
        if text:
            lines.extend("> " + _md_escape(line) if line else ">" for line in text.splitlines())
            lines.append(">")
        who = row.get("speaker") or ""
        cue = row.get("cue") or ""
        attribution = " ".join(part for part in (f"**{_md_escape(who)}**" if who else "", cue) if part)
        where = ", ".join(
            part for part in (_md_escape(row.get("source", "")), row.get("date", ""), f"“{_md_escape(row.get('title', ''))}”" if row.get("title") else "") if part
        )
        lines.append("> — " + " · ".join(part for part in (attribution, where) if part) if text else f"- {where}")
        if row.get("note"):
            lines.append(f"> *Note:* {_md_escape(row['note'])}")
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    """Keep article text literal in Markdown: escape the characters Markdown would act on."""
    out = []
    for char in str(text):
        if char in "\\`*_[]<>#|":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def write_atomic(path: Path, content: str) -> None:
    """Write an export atomically; a folder that cannot be written is one ExportError sentence."""
    try:
        write_text_atomic(path, content)
    except OSError as error:
        folder = Path(path).expanduser().parent
        raise ExportError(f"Cannot write to {folder} ({error.strerror or error}); choose another folder.") from error


def export_quotes(quotes: Sequence[Quote], fmt: str, path: Path, *, library: "Library", title: str = "Quotes") -> int:
    write_atomic(path, render(quote_rows(quotes, library), fmt, QUOTE_FIELDS, title=title))
    return len(quotes)


def export_hits(hits: Sequence[SearchHit], fmt: str, path: Path, *, title: str = "Search results") -> int:
    write_atomic(path, render(hit_rows(hits), fmt, HIT_FIELDS, title=title))
    return len(hits)


def export_bookmarks(bookmarks: Sequence[Bookmark], fmt: str, path: Path, *, title: str = "Bookmarks") -> int:
    write_atomic(path, render(bookmark_rows(bookmarks), fmt, BOOKMARK_FIELDS, title=title))
    return len(bookmarks)


def format_for(path: Path, default: str = "md") -> str:
    """The export format a file name implies (.md, .csv, .json), else `default`."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"markdown": "md", "md": "md", "csv": "csv", "json": "json"}.get(suffix, default)
