"""Read state over many articles, the is:/tag: query filters, tags and saved searches (library and CLI)."""

from __future__ import annotations

import json
import shutil

import pytest

from index.following import parse_tags, split_filters
from index.library import Library
from tui.cli import main


@pytest.fixture
def library_dir(seeded_library_dir, tmp_path, monkeypatch):
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    monkeypatch.setenv("QUOTEDESK_LIBRARY", str(root))
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_filter_words_are_taken_out_of_the_query():
    assert split_filters('Kirby is:unread tag:"Peace Talks" tag:ukraine') == (
        "Kirby",
        split_filters("is:unread tag:peace-talks tag:ukraine")[1],
    )
    words, filters = split_filters("actor:kirby is:read")
    assert words == "actor:kirby" and filters.read is True and filters.tags == []
    assert not split_filters("this:unread")[1].active
    assert parse_tags("Ukraine, peace talks ukraine") == ["ukraine", "peace", "talks"]


def test_unread_filter_and_marks_survive_reopening(library_dir):
    with Library.open(library_dir) as library:
        ids = [summary.id for summary in library.article_summaries()]
        assert library.mark_all_read(ids[:2]) == 2
        assert library.mark_all_read(ids[:3]) == 1
        assert library.mark_unread([ids[0]]) == 1
    with Library.open(library_dir) as library:
        assert library.read_articles() == set(ids[1:3])
        unread = library.search("is:unread", limit=None)
        assert {hit.article_id for hit in unread.hits} == {ids[0], *ids[3:]} and unread.total == 3
        kirby = {hit.article_id for hit in library.search("Kirby", limit=None).hits}
        both = library.search("Kirby is:read", limit=None)
        assert {hit.article_id for hit in both.hits} == kirby & set(ids[1:3])
        counts = library.unread_by_outlet()
        assert sum(unread for unread, _ in counts.values()) == 3
        assert sum(total for _, total in counts.values()) == len(ids)


def test_tags_on_articles_and_quotes_are_searchable(library_dir):
    with Library.open(library_dir) as library:
        ids = [summary.id for summary in library.article_summaries()]
        quote = library.article_detail(ids[1]).quotes[0]
        assert library.set_tags(ids[0], "", ["Peace talks", "ukraine"]) == ["peace", "talks", "ukraine"]
        library.set_tags(ids[1], quote.id, ["ukraine"])
        assert library.tags(ids[0]) == ["peace", "talks", "ukraine"]
        assert library.quote_tags(ids[1]) == {quote.id: ["ukraine"]}
        assert {hit.article_id for hit in library.search("tag:ukraine").hits} == {ids[0], ids[1]}
        assert [hit.article_id for hit in library.search("tag:peace").hits] == [ids[0]]
        assert library.all_tags() == [("peace", 1), ("talks", 1), ("ukraine", 2)]
        library.set_tags(ids[0], "", [])
        assert [hit.article_id for hit in library.search("tag:ukraine").hits] == [ids[1]]


def test_saved_search_counts_new_matches_since_it_was_viewed(library_dir, tmp_path):
    with Library.open(library_dir) as library:
        saved = library.save_search("kirby", "Kirby")
        total, new = library.saved_search_counts(saved)
        assert total >= 1 and new == 0
        extra = tmp_path / "new.txt"
        extra.write_text("Kirby speaks again\n\nJohn Kirby said the talks were over.\n", encoding="utf-8")
        library.add([extra])
        assert library.saved_search_counts(library.saved_search("kirby")) == (total + 1, 1)
        library.mark_search_viewed("kirby")
        assert library.saved_search_counts(library.saved_search("kirby")) == (total + 1, 0)


def test_cli_mark_unread_and_saved(capsys, library_dir):
    code, out, _ = run(capsys, "articles", "--json")
    ids = [row["id"] for row in json.loads(out)]
    assert run(capsys, "mark", ids[0][:8])[0] == 0
    code, out, _ = run(capsys, "articles", "--unread", "--json")
    assert [row["id"] for row in json.loads(out)] == ids[1:]
    assert run(capsys, "mark", "--all", "--unread")[0] == 0
    code, out, _ = run(capsys, "unread", "--json")
    assert sum(row["unread"] for row in json.loads(out)) == len(ids)
    assert run(capsys, "mark")[0] == 2

    assert run(capsys, "saved", "add", "kirby", "Kirby", "is:unread")[0] == 0
    code, out, _ = run(capsys, "saved", "list", "--json")
    [row] = json.loads(out)
    assert row["name"] == "kirby" and row["query"] == "Kirby is:unread" and row["new"] == 0 and row["total"] >= 1
    code, out, _ = run(capsys, "saved", "run", "kirby", "--json")
    assert code == 0 and len(json.loads(out)) == row["total"]
    assert run(capsys, "saved", "remove", "kirby")[0] == 0
    assert run(capsys, "saved", "remove", "kirby")[0] == 2
    assert run(capsys, "saved", "list")[0] == 1
