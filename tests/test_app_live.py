"""The reader around a changing or unwritable library: new articles written by another process show
up with the cursor kept; a read-only library opens and browses; a config file that is not UTF-8 is one
warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import paths
from index.library import Library
from tests.test_reliability import read_only
from tui import config
from tui.app import QuotedeskApp
from tui.testing import settle, wait_until
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


def main_screen(app):
    from tui.screens.main import MainScreen

    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, MainScreen)
    return screen


def recorded_notices(app) -> list[tuple[str, str]]:
    """Every notice the app shows from now on, as (message, severity)."""
    notices: list[tuple[str, str]] = []
    show = app.notify

    def notify(message, *args, **kwargs):
        notices.append((str(message), kwargs.get("severity", "information")))
        return show(message, *args, **kwargs)

    app.notify = notify
    return notices


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"new{number}.txt").write_text(
            f"Harbour plan number {number}\n\nThe harbour board met on the plan, item {number} of many.\n",
            encoding="utf-8",
        )
    return folder


async def test_articles_another_process_adds_show_up_and_the_cursor_stays(library_root, tmp_path):
    app = QuotedeskApp(library_root=library_root, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        before = len(articles.article_ids)
        await pilot.press("j", "j")
        await settle(pilot)
        chosen = articles.current_id
        assert chosen is not None and articles.cursor_row == 2
        shown = screen.query_one(ReadingView).article.id
        with Library.open(library_root) as other:  # another shell, while the reader runs
            other.add([write_articles(tmp_path / "new", 3)], nlp=False)
        await wait_until(
            pilot, lambda: len(articles.article_ids) == before + 3, timeout=15, what="the new articles in the list"
        )
        await settle(pilot)
        assert articles.current_id == chosen, "the cursor stays on the article it was on"
        assert screen.query_one(ReadingView).article.id == shown
        assert f"{before + 3}" in str(screen.query_one("#status").render())


async def test_a_search_shown_is_run_again_when_the_library_changes(library_root, tmp_path):
    app = QuotedeskApp(library_root=library_root, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"harbour")
        await settle(pilot)
        articles = screen.query_one(ArticleList)
        assert articles.article_ids == []
        with Library.open(library_root) as other:
            other.add([write_articles(tmp_path / "new", 2)], nlp=False)
        app.on_app_focus()  # the terminal regains focus: the reader looks at once
        await wait_until(pilot, lambda: len(articles.article_ids) == 2, timeout=15, what="the new hits")


async def test_a_read_only_library_opens_and_browses_and_bookmarking_says_it_cannot(library_root):
    with read_only(library_root):
        app = QuotedeskApp(library_root=library_root, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            notices = recorded_notices(app)
            await settle(pilot)
            screen = main_screen(app)
            articles = screen.query_one(ArticleList)
            assert len(articles.article_ids) == 5
            await pilot.press("j", "enter")  # opening an article marks it read: left undone, without a word
            await settle(pilot)
            assert screen.query_one(ReadingView).article.id == articles.article_ids[1]
            await pilot.press("b")
            await settle(pilot)
            assert any("read-only" in message for message, _ in notices), notices
            assert app.is_running
        if app.library is not None:
            app.library.close()


async def test_a_config_file_that_is_not_utf8_is_one_warning_naming_it(library_root):
    path = paths.config_dir() / config.CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    content = b'[keys]\nquit = "\xff\xfe"\n'
    path.write_bytes(content)
    app = QuotedeskApp(library_root=library_root, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert str(path) in app.keymap_problem and "UTF-8" in app.keymap_problem
        await pilot.press("q")  # the default keys work
    assert path.read_bytes() == content


async def test_adding_files_to_a_new_library_from_the_reader_brings_no_bundled_articles(tmp_path):
    source = write_articles(tmp_path / "mine", 2)
    root = tmp_path / "new"
    app = QuotedeskApp(library_root=root, add_paths=[source], cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert len(main_screen(app).query_one(ArticleList).article_ids) == 2


async def test_a_damaged_store_is_said_when_the_reader_opens(library_root, tmp_path):
    from tests.test_repair import damage

    extra = tmp_path / "extra"
    extra.mkdir()
    paragraphs = "\n\n".join(f"Councillor Ada Brook said budget line {n} funds the new wing." for n in range(400))
    (extra / "budget.txt").write_text("Council budget approved\n\n" + paragraphs, encoding="utf-8")
    with Library.open(library_root) as library:
        library.add([extra], nlp=False)
    damage(library_root / "library.sqlite3", "garbage")
    app = QuotedeskApp(library_root=library_root, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = str(main_screen(app).query_one("#status").render())
        assert "damaged" in status and "quotedesk repair" in status, status
