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


def _article():
    from index.model import Article

    return Article(id="a", path="/news/brown.txt", title="Brown defends his sums", paragraphs=["x"], outlet="BBC")


def _quotes():
    from index.model import Quote

    common = {"start": 0, "end": 1, "paragraph": 0, "article_id": "a"}
    denial = Quote(
        text="his economic forecasts were too optimistic",
        kind="indirect",
        cue="denied",
        id="a:0",
        speaker="Gordon Brown",
        speaker_evidence="pronoun",
        speaker_via="he",
        speaker_confidence=0.7,
        **common,
    )
    direct = Quote(
        text="We will not be complacent.",
        kind="direct",
        cue="said",
        id="a:1",
        speaker="Gordon Brown",
        speaker_evidence="named",
        speaker_via="Mr Brown",
        speaker_confidence=0.95,
        **common,
    )
    return [denial, direct]


def test_markdown_puts_reported_speech_in_no_blockquote_and_no_quote_marks():
    from index.export import render
    from index.records import quote_records

    text = render(quote_records(_quotes(), lambda _id: _article()), "md", QUOTE_FIELDS)
    (indirect_line,) = [line for line in text.splitlines() if "too optimistic" in line]
    assert indirect_line == ("- **Gordon Brown** denied (reported speech): his economic forecasts were too optimistic")
    assert "> “We will not be complacent.”" in text
    assert "> — **Gordon Brown** said · BBC, “Brown defends his sums”" in text
    assert not any(line.startswith(">") and "optimistic" in line for line in text.splitlines())


def test_csv_and_json_carry_the_kind_the_cue_and_the_speaker_evidence():
    from index.export import render
    from index.records import quote_records

    rows = quote_records(_quotes(), lambda _id: _article())
    table = list(csv.DictReader(io.StringIO(render(rows, "csv", QUOTE_FIELDS))))
    assert table[0]["kind"] == "indirect" and table[0]["cue"] == "denied"
    assert table[0]["text"] == "his economic forecasts were too optimistic"  # no quote marks added
    assert (table[0]["speaker_evidence"], table[0]["speaker_via"], table[0]["speaker_confidence"]) == (
        "pronoun",
        "he",
        "0.7",
    )
    records = json.loads(render(rows, "json", QUOTE_FIELDS))
    assert records[1]["kind"] == "direct" and records[1]["speaker_evidence"] == "named"
    assert records[1]["speaker_confidence"] == 0.95 and records[1]["speaker_via"] == "Mr Brown"


def test_a_confidence_not_recorded_is_empty_not_minus_one():
    from index.export import render
    from index.records import quote_records

    quote = _quotes()[0]
    quote.speaker_confidence = -1.0
    rows = quote_records([quote], lambda _id: _article())
    assert json.loads(render(rows, "json", QUOTE_FIELDS))[0]["speaker_confidence"] is None
    assert list(csv.DictReader(io.StringIO(render(rows, "csv", QUOTE_FIELDS))))[0]["speaker_confidence"] == ""


def test_a_bookmarked_indirect_quote_is_no_blockquote_either(seeded_library):
    quote = next(q for q in seeded_library.quotes() if q.kind == "indirect")
    seeded_library.add_bookmark(quote.article_id, quote.id)
    text, _ = seeded_library.export_text(ExportSpec("bookmarks"), "md")
    assert not any(line.startswith(">") and quote.text[:30] in line for line in text.splitlines())
    assert f"(reported speech): {quote.text[:30]}" in text.replace("\\", "")
    (row,) = json.loads(seeded_library.export_text(ExportSpec("bookmarks"), "json")[0])
    assert row["quote_kind"] == "indirect" and row["cue"] == quote.cue
