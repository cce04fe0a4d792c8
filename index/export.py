"""Exports: quotes, bookmarks or search hits as Markdown, CSV or JSON, for the reader and the command line alike.

`export_text` is the one entry point: it picks the rows an `ExportSpec` asks for (records.py
gives their shape) and renders them; `export` writes that text to a file atomically.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from index.atomic import write_text_atomic
from index.citation import KIND_LABELS, UNKNOWN_SPEAKER, cue_words, is_direct
from index.records import (
    BOOKMARK_FIELDS,
    HIT_FIELDS,
    QUOTE_FIELDS,
    Record,
    bookmark_record,
    hit_record,
    quote_records,
)

if TYPE_CHECKING:
    from index.library import Library

EXPORT_FORMATS = ("md", "csv", "json")
ExportWhat = Literal["quotes", "bookmarks", "search"]


class ExportError(ValueError):
    """An export that cannot be written; str() says why in one sentence."""


@dataclass(frozen=True)
class ExportSpec:
    """What to export: "quotes" (all, or an actor's and/or an article's), "bookmarks", or the hits of a "search".

    The title defaults to what was exported: the actor's name, the article's title, the query.
    """

    what: ExportWhat = "quotes"
    actor_id: str | None = None
    article_id: str | None = None
    query: str = ""
    title: str | None = None


def export_text(library: Library, spec: ExportSpec, fmt: str) -> tuple[str, int]:
    """The text of an export in `fmt`, and how many rows it holds."""
    rows: list[Record]
    fields: tuple[str, ...]
    if spec.what == "bookmarks":
        rows = [bookmark_record(b, library.bookmarked_quote(b)) for b in library.bookmarks()]
        fields, default = BOOKMARK_FIELDS, "Bookmarks"
    elif spec.what == "search":
        hits = library.search(spec.query, limit=None).hits
        rows, fields, default = [hit_record(hit) for hit in hits], HIT_FIELDS, f"Search: {spec.query}"
    else:
        default = _quotes_title(library, spec.actor_id, spec.article_id) if spec.title is None else spec.title
        quotes = library.quotes(actor_id=spec.actor_id, article_id=spec.article_id)
        rows, fields = quote_records(quotes, library.article), QUOTE_FIELDS
    return render(rows, fmt, fields, title=default if spec.title is None else spec.title), len(rows)


def export(library: Library, spec: ExportSpec, fmt: str, path: Path) -> int:
    """Write `export_text` to `path` atomically; returns the number of rows written."""
    text, count = export_text(library, spec, fmt)
    write_atomic(path, text)
    return count


def _quotes_title(library: Library, actor_id: str | None, article_id: str | None) -> str:
    if actor_id and not article_id:
        return f"Quotes: {library.actor(actor_id).name}"
    if article_id and not actor_id:
        return f"Quotes: {library.article(article_id).title}"
    return "Quotes"


def render(rows: Sequence[Record], fmt: str, fields: Sequence[str], *, title: str = "Quotes") -> str:
    """Rows as `fmt`: JSON and CSV keep `fields` in order, Markdown quotes each row's text."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Unknown export format “{fmt}”: use one of {', '.join(EXPORT_FORMATS)}.")
    if fmt == "json":
        records = [{name: row.get(name, "") for name in fields} for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        # Every text cell in double quotes (OWASP's advice, and a lone carriage return in a title
        # would otherwise end the row), numbers bare.
        writer = csv.DictWriter(
            buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
        )
        writer.writeheader()
        writer.writerows({name: csv_cell(value) for name, value in row.items()} for row in rows)
        return buffer.getvalue()
    return _markdown(rows, title)


# A spreadsheet takes a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that starts like a formula gets a leading
    single quote (OWASP's advice); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _markdown(rows: Sequence[Record], title: str) -> str:
    """A direct quote in a blockquote, in quote marks; reported speech as a list item marked so, never
    in a blockquote; a search hit's snippet (the article's own words) in a blockquote."""
    lines = [f"# {_md_escape(title)}", ""]
    for row in rows:
        quote_text = row.get("text") or ""
        text = quote_text or row.get("snippet") or ""
        quoted_title = f"“{_md_escape(row.get('title', ''))}”" if row.get("title") else ""
        outlet = _md_escape(row.get("source", ""))
        where = ", ".join(part for part in (outlet, row.get("date", ""), quoted_title) if part)
        # A quote row's kind; a bookmark row's "kind" is article or quote, its quote's kind is "quote_kind".
        kind = row["quote_kind"] if "quote_kind" in row else row.get("kind", "")
        if quote_text and not is_direct(kind):
            who = _md_escape(row.get("speaker") or UNKNOWN_SPEAKER)
            cue = _md_escape(cue_words(row.get("cue") or ""))
            label = KIND_LABELS.get(kind, "reported speech")
            head = " ".join(part for part in (f"**{who}**", cue, f"({label}):") if part)
            lines.append(f"- {head} {_md_escape(' '.join(quote_text.split()))}")
            if where:
                lines.append(f"  — {where}")
        elif text:
            text_lines = text.splitlines()
            if quote_text:  # a direct quote: its words in quote marks
                text_lines[0] = "“" + text_lines[0]
                text_lines[-1] += "”"
            lines.extend("> " + _md_escape(line) if line else ">" for line in text_lines)
            lines.append(">")
            who = row.get("speaker") or ""
            cue = cue_words(row.get("cue") or "")
            attribution = " ".join(part for part in (f"**{_md_escape(who)}**" if who else "", _md_escape(cue)) if part)
            lines.append("> — " + " · ".join(part for part in (attribution, where) if part))
        else:
            lines.append(f"- {where}")
        if row.get("note"):
            # Every line of a note keeps to its row's list item or blockquote.
            indent = "  " if lines[-1].startswith(("-", "  ")) else "> "
            note_lines = str(row["note"]).splitlines() or [""]
            lines.append(f"{indent}*Note:* {_md_escape(note_lines[0])}")
            lines.extend(f"{indent}{_md_escape(line)}" if line.strip() else indent.rstrip() for line in note_lines[1:])
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: object) -> str:
    """Keep article text literal in Markdown: escape the characters Markdown would act on; a line
    break (in a file name, say) becomes a space, so the text stays on its line."""
    out = []
    for char in str(text):
        if char in "\\`*_[]<>#|":
            out.append("\\" + char)
        elif char in "\r\n\u2028\u2029":  # a line break in a name or title would end its line
            out.append(" ")
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


def format_for(path: Path, default: str = "md") -> str:
    """The export format a file name implies (.md, .csv, .json), else `default`."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"markdown": "md", "md": "md", "csv": "csv", "json": "json"}.get(suffix, default)
