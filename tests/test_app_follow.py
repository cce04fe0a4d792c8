"""Pilot tests of following a story in the reader: read state, saved searches, tags, hand-off."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from index.library import Library
from tui.app import QuotedeskApp
from tui.screens.follow import TagPrompt
from tui.screens.main import MainScreen
from tui.screens.prompt import TextPrompt
from tui.screens.saved import SavedSearchesScreen
from tui.testing import settle, wait_until
from tui.widgets.article_list import ArticleList

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


def make_app(root: Path) -> QuotedeskApp:
    """The reader, keeping every notification's message in `app.said` for the test to read."""
    app = QuotedeskApp(library_root=root, cursor_blink=False)
    said: list[str] = []
    notify = app.notify

    def recording(message, **kwargs) -> None:
        said.append(str(message))
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    app.said = said  # type: ignore[attr-defined]
    return app


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
        await wait_until(pilot, lambda: any("No unread" in message for message in app.said), what="notice")
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
        # ("M" typed while the search box still has the focus would be a letter of the search)
        await wait_until(pilot, lambda: app.focused is articles, what="the list to have the focus")
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


async def test_a_saved_search_counts_the_new_match_an_ingest_brings(library_root, tmp_path):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"Kirby")
        await settle(pilot)
        total = screen.search_result.total
        await pilot.press("escape", "S")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"kirby watch", "enter")
        await settle(pilot)

        extra = tmp_path / "new" / "kirby.txt"
        extra.parent.mkdir()
        extra.write_text("Kirby again\n\nJohn Kirby said the talks had not begun.\n", encoding="utf-8")
        with Library.open(library_root) as other:  # another shell, while the reader runs
            other.add([extra.parent], nlp=False)

        await pilot.press("F")
        await settle(pilot)
        saved_screen = app.screen
        assert isinstance(saved_screen, SavedSearchesScreen)
        assert [saved.name for saved in saved_screen.searches] == ["kirby watch"]
        assert saved_screen.counts["kirby watch"] == (total + 1, 1)
        await pilot.press("enter")  # runs it in the list; what it matches now counts as seen
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#search").value == "Kirby"
        await wait_until(pilot, lambda: screen.search_result.total == total + 1, what="the search with the new match")
        await pilot.press("F")
        await settle(pilot)
        assert app.screen.counts["kirby watch"] == (total + 1, 0)


async def test_pipe_gives_the_article_or_the_focused_quote_to_a_command(library_root, tmp_path):
    out = tmp_path / "piped.txt"
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        article = screen.loaded.view.article
        await pilot.press("vertical_line")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = f"cat > '{out}'"
        await pilot.press("enter")
        await settle(pilot)
        text = out.read_text(encoding="utf-8")
        assert text.startswith(article.title + "\n") and article.paragraphs[-1] in text

        await pilot.press("2", "right_square_bracket")  # the first quote of the article
        await settle(pilot)
        quote = screen.focused_quote()
        assert quote is not None
        await pilot.press("vertical_line")
        app.screen.query_one(Input).value = f"cat > '{out}'"
        await pilot.press("enter")
        await settle(pilot)
        piped = out.read_text(encoding="utf-8")
        assert quote.text in piped and piped.count("\n") == 1
        assert any(message.startswith("Piped the quote to:") for message in app.said)

        app.said.clear()
        await pilot.press("vertical_line")
        app.screen.query_one(Input).value = "exit 3"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("status 3" in message for message in app.said), what="the failure")
        assert not any(message.startswith("Piped") for message in app.said)  # a failed command is no success


async def test_y_copies_the_article_with_outlet_date_and_url_and_o_opens_it(library_root, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat \"$0\" > {paged}'")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        article = screen.loaded.view.article
        await pilot.press("y")
        assert app.clipboard.startswith(f"“{article.title}”")
        assert (article.date or "") in app.clipboard
        await pilot.press("o")
        await settle(pilot)
        if article.url:
            assert opened == [article.url] and article.url in app.clipboard
        else:
            assert article.paragraphs[0] in paged.read_text(encoding="utf-8")


async def test_e_edits_the_bookmark_note_in_the_editor(library_root, monkeypatch):
    monkeypatch.setenv("EDITOR", 'sh -c \'printf "follow up with the Pentagon" > "$0"\'')
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("E")
        await wait_until(pilot, lambda: any("No bookmark here" in message for message in app.said), what="notice")
        await pilot.press("b")
        await pilot.press(*"first", "enter")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        article_id = screen.loaded.view.article.id
    with Library.open(library_root) as library:
        [bookmark] = library.bookmarks()
        assert bookmark.article_id == article_id and bookmark.note == "follow up with the Pentagon"


async def test_t_tags_an_article_and_a_quote_and_tag_search_finds_them(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        first = articles.current_id
        await pilot.press("T")
        assert isinstance(app.screen, TagPrompt)
        await pilot.press(*"Ukraine, peace-talks", "enter")
        await settle(pilot)
        header = str(screen.query_one("#article-header").render())
        assert "tags: peace-talks, ukraine" in header or "tags: ukraine, peace-talks" in header

        await pilot.press("j", "j")
        await settle(pilot)
        third = articles.current_id
        await pilot.press("2", "right_square_bracket")  # a quote of the third article
        await settle(pilot)
        quote = screen.focused_quote()
        assert quote is not None
        await pilot.press("T")
        prompt = app.screen
        assert isinstance(prompt, TagPrompt)
        await pilot.press("u", "k")
        # Completion from the tags in use: "uk" is completed to "ukraine"; → takes it.
        await wait_until(pilot, lambda: prompt.query_one(Input)._suggestion == "ukraine", what="the completion")
        await pilot.press("right", "enter")
        await settle(pilot)

        await pilot.press("slash", *"tag:ukraine")
        await settle(pilot)
        assert sorted(articles.article_ids) == sorted([first, third])
        await pilot.press("escape")
        screen.query_one("#search").value = "tag:peace-talks"
        await settle(pilot)
        assert articles.article_ids == [first]
    with Library.open(library_root) as library:
        assert library.tags(first) == ["peace-talks", "ukraine"]
        assert library.quote_tags(third) == {quote.id: ["ukraine"]}


async def test_the_bookmark_dialog_shows_the_quote_and_its_note_is_editable_later(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("2", "right_square_bracket")
        await settle(pilot)
        quote = screen.focused_quote()
        await pilot.press("b")
        assert isinstance(app.screen, TextPrompt)
        assert quote.text[:30] in app.screen.question
        await pilot.press(*"first", "enter")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, TextPrompt) and app.screen.query_one(Input).value == "first"
        app.screen.query_one(Input).value = "second thoughts"
        await pilot.press("enter")
        await settle(pilot)
    with Library.open(library_root) as library:
        assert [b.note for b in library.bookmarks()] == ["second thoughts"]
