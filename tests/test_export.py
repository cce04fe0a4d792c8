"""The one export entry point: the reader's scopes and the command line's write the same files."""

from __future__ import annotations

import csv
import io
import json

import pytest

from index.export import ExportError, ExportSpec
from index.records import BOOKMARK_FIELDS, HIT_FIELDS, QUOTE_FIELDS


def test_an_actors_quotes_are_titled_by_the_actors_name(seeded_library, tmp_path):
    kirby = seeded_library.find_actor("Kirby")
    target = tmp_path / "kirby.md"
    count = seeded_library.export(ExportSpec("quotes", actor_id=kirby.id), "md", target)
    text = target.read_text(encoding="utf-8")
    assert count == len(seeded_library.quotes(actor_id=kirby.id)) > 0
    assert text.startswith("# Quotes: John Kirby\n")
    assert text.count("**John Kirby**") == count


def test_an_articles_quotes_are_titled_by_the_article_and_keep_the_quote_columns(seeded_library, tmp_path):
    article = next(a for a in seeded_library.article_summaries() if seeded_library.quotes(article_id=a.id))
    spec = ExportSpec("quotes", article_id=article.id)
    text, count = seeded_library.export_text(spec, "json")
    rows = json.loads(text)
    assert count == len(rows) == len(seeded_library.quotes(article_id=article.id))
    assert all(tuple(row) == QUOTE_FIELDS for row in rows)
    assert {row["source"] for row in rows} == {article.outlet}
    assert seeded_library.export_text(spec, "md")[0].startswith(f"# Quotes: {article.title}\n")


def test_a_given_title_wins_and_all_quotes_is_the_default(seeded_library):
    text, count = seeded_library.export_text(ExportSpec("quotes", title="Quotes: kirby"), "md")
    assert text.startswith("# Quotes: kirby\n") and count == len(seeded_library.quotes())
    assert seeded_library.export_text(ExportSpec(), "md")[0].startswith("# Quotes\n")


def test_search_hits_and_bookmarks_have_their_own_columns(seeded_library):
    text, count = seeded_library.export_text(ExportSpec("search", query="Kirby"), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == seeded_library.search("Kirby", limit=None).total > 0
    assert tuple(rows[0]) == HIT_FIELDS
    article = seeded_library.article_summaries()[0]
    seeded_library.add_bookmark(article.id, note="read | later")
    text, count = seeded_library.export_text(ExportSpec("bookmarks"), "json")
    (row,) = json.loads(text)
    assert count == 1 and tuple(row) == BOOKMARK_FIELDS
    assert row["source"] == article.outlet and row["note"] == "read | later"
    assert "read \\| later" in seeded_library.export_text(ExportSpec("bookmarks"), "md")[0]


def test_an_unknown_format_is_one_sentence_and_writes_nothing(seeded_library, tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(ExportError, match="Unknown export format"):
        seeded_library.export(ExportSpec(), "txt", target)
    assert not target.exists()
