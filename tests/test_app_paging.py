"""The reader pages a search: the first hits at once, more as the list nears its end, sorted by the index."""

from __future__ import annotations

import pytest

import tui.screens.main
from index.library import Library
from tests.test_app_reader import SIZE, main_screen, make_app, status_text
from tui.testing import settle
from tui.widgets.article_list import ArticleList

pytestmark = pytest.mark.anyio


async def type_search(app, pilot, query: str) -> None:
    """The query put in the search bar at once: one search (typed key by key on a busy machine,
    the debounce may pass between two keys and search the first letters too)."""
    await pilot.press("slash")
    main_screen(app).query_one("#search").value = query
    await settle(pilot)  # the search debounce too


@pytest.fixture
def searches(monkeypatch):
    """(limit, sort) of every search the reader asks the library for."""
    asked: list[tuple[int | None, str]] = []
    search = Library.search

    def recording(self, query, **options):
        asked.append((options.get("limit"), options.get("sort", "score")))
        return search(self, query, **options)

    monkeypatch.setattr(Library, "search", recording)
    monkeypatch.setattr(tui.screens.main, "SEARCH_PAGE", 1)
    return asked


async def test_a_search_lists_a_page_and_more_as_the_list_nears_its_end(library_root, searches):
    with Library.open(library_root) as library:
        everything = library.search("kirby", limit=None, snippets=False)
    assert everything.total == 3
    searches.clear()
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, "kirby")
        articles = main_screen(app).query_one(ArticleList)
        # One hit per page here, and the whole list is in view: it asks for more until it has them all.
        assert [limit for limit, _ in searches] == [1, 2, 3]
        assert articles.article_ids == [hit.article_id for hit in everything.hits]
        assert "3 article(s) match kirby" in status_text(app)
        assert "more as you scroll" not in status_text(app)

        searches.clear()
        await type_search(app, pilot, "kirby OR blinken")  # a new search: from its first page again
        assert searches[0] == (1, "score")
        searches.clear()
        articles.focus()
        await pilot.press("s")  # date: every hit is in hand, sorted here without asking the index
        await settle(pilot)
        assert main_screen(app).sort == "date" and searches == []


async def test_a_sort_change_with_hits_not_in_hand_asks_the_index(library_root, searches, monkeypatch):
    with Library.open(library_root) as library:
        by_date = library.search("kirby", limit=None, sort="date", snippets=False)
    searches.clear()
    monkeypatch.setattr(ArticleList, "_check_near_end", lambda self: None)  # no paging: one hit in hand
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, "kirby")
        articles = main_screen(app).query_one(ArticleList)
        assert articles.row_count == 1 and "first 1 listed, more as you scroll" in status_text(app)
        searches.clear()
        articles.focus()
        await pilot.press("s")
        await settle(pilot)
        assert searches == [(1, "date")]
        assert articles.article_ids == [by_date.hits[0].article_id]
