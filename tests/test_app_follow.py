"""Pilot tests of following a story in the reader: read state, saved searches, tags, hand-off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.library import Library
from tui.app import QuotedeskApp
from tui.screens.main import MainScreen
from tui.testing import settle, wait_until
from tui.widgets.article_list import ArticleList

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def library_root(seeded_library_dir, tmp_path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    return root


def make_app(root: Path) -> QuotedeskApp:
    return QuotedeskApp(library_root=root, cursor_blink=False)


def main_screen(app) -> MainScreen:
    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, MainScreen)
    return screen


def status_text(app) -> str:
    return str(main_screen(app).query_one("#status").render())


async def test_next_unread_opens_each_unread_article_then_says_none_is_left(library_root):
    with Library.open(library_root) as library:
        ids = [summary.id for summary in library.article_summaries(sort="date")]
        library.mark_read(ids[2])
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        assert "5 article(s) · 4 unread ·" in status_text(app)
        opened = []
        for _ in range(4):
            await pilot.press("u")
            await settle(pilot)
            opened.append(articles.current_id)
            assert screen.loaded is not None and screen.loaded.view.article.id == articles.current_id
        # From the first row, the next unread ones, skipping the read third, wrapping to the first.
        assert opened == [ids[1], ids[3], ids[4], ids[0]]
        assert screen.state.read_articles == set(ids)
        assert "· 0 unread ·" in status_text(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: any("No unread" in n.message for n in app._notifications), what="notice")
        assert articles.current_id == ids[0]
    with Library.open(library_root) as library:
        assert library.read_articles() == set(ids)


async def test_m_toggles_and_shift_m_marks_the_searched_list_read(library_root):
    with Library.open(library_root) as library:
        ids = [summary.id for summary in library.article_summaries(sort="date")]
        kirby = {hit.article_id for hit in library.search("Kirby", limit=None).hits}
    assert kirby and len(kirby) < len(ids)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        first = articles.current_id
        await pilot.press("m")
        assert articles.mark(first) == " " and first in screen.state.read_articles
        await pilot.press("m")
        assert articles.mark(first) == "•" and first not in screen.state.read_articles

        await pilot.press("slash", *"Kirby")
        await settle(pilot)
        await pilot.press("escape")  # back to the list, the search stays
        await pilot.press("M")
        await settle(pilot)
        assert screen.state.read_articles == kirby
        assert f"{len(kirby)} article(s) match Kirby · 0 unread" in status_text(app)
    with Library.open(library_root) as library:
        assert library.read_articles() == kirby


async def test_unread_only_key_and_query_list_only_the_unread(library_root):
    with Library.open(library_root) as library:
        ids = [summary.id for summary in library.article_summaries(sort="date")]
        library.mark_all_read(ids[:3])
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        await pilot.press("U")
        await settle(pilot)
        assert screen.query_one("#search").value == "is:unread"
        assert sorted(articles.article_ids) == sorted(ids[3:])
        await pilot.press("U")
        await settle(pilot)
        assert screen.query_one("#search").value == ""
        assert articles.article_ids == ids
