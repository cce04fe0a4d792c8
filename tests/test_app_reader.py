"""Pilot tests of the reader over a real seeded library: each feature driven through its keys."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.command import CommandList

from index.library import Library
from tui.app import QuotedeskApp
from tui.render import paragraph_of, paragraph_starts
from tui.screens.actor import ActorScreen
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.prompt import ConfirmPrompt, TextPrompt
from tui.screens.reports import ReportsScreen
from tui.testing import settle, wait_until
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_list import ArticleList
from tui.widgets.quote_sidebar import QuoteSidebar
from tui.widgets.reading_view import ReadingView

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


def make_app(root: Path, **kwargs) -> QuotedeskApp:
    return QuotedeskApp(library_root=root, cursor_blink=False, **kwargs)


def main_screen(app) -> MainScreen:
    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, MainScreen)
    return screen


def status_text(app) -> str:
    return str(main_screen(app).query_one("#status").render())


async def type_search(app, pilot, query: str) -> None:
    await pilot.press("slash")
    search = main_screen(app).query_one("#search")
    search.value = ""
    await pilot.press(*query)
    await settle(pilot)  # the search debounce too


async def test_opens_on_the_library_and_moves_with_keys(library_root):
    with Library.open(library_root) as library:
        expected = [summary.id for summary in library.article_summaries(sort="date")]
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        reading = screen.query_one(ReadingView)
        assert articles.article_ids == expected
        assert app.focused is articles
        assert reading.article.id == expected[0]

        await pilot.press("j")
        await settle(pilot)
        assert articles.cursor_row == 1
        assert reading.article.id == expected[1]
        await pilot.press("G")
        await settle(pilot)
        assert reading.article.id == expected[-1]
        await pilot.press("g")
        await settle(pilot)
        assert reading.article.id == expected[0]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.focused is reading
        assert reading.article.id == expected[1]
        await pilot.press("2")
        assert app.focused is reading
        await pilot.press("3")
        assert isinstance(app.focused, ActorSidebar)
        await pilot.press("4")
        assert isinstance(app.focused, QuoteSidebar)
        await pilot.press("1")
        assert app.focused is articles
        await pilot.press("tab")
        assert app.focused is not articles
    with Library.open(library_root) as library:
        assert expected[1] in library.read_articles()
        assert expected[0] not in library.read_articles()


async def test_sort_cycles_through_outlet_and_title_in_the_command_lines_order(library_root):
    with Library.open(library_root) as library:
        expected = {sort: [s.id for s in library.article_summaries(sort)] for sort in ("date", "outlet", "title")}
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        titles = {s.id: s.title for s in screen.summaries}
        assert articles.article_ids == expected["date"]
        await pilot.press("s")  # outlet
        assert screen.sort == "outlet"
        assert articles.article_ids == expected["outlet"]
        await pilot.press("s")  # title
        assert screen.sort == "title"
        assert articles.article_ids == expected["title"]
        shown = [titles[article_id].casefold() for article_id in articles.article_ids]
        assert shown == sorted(shown)


async def test_clicking_a_column_header_sorts_by_it(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        inner = articles.content_region.offset - articles.region.offset

        async def click_header(label: str) -> None:
            header = articles.render_line(0).text
            x = header.index(label)
            await pilot.click(ArticleList, offset=(inner.x + x, inner.y))
            await settle(pilot)

        outlets = {s.id: s.outlet.casefold() for s in screen.summaries}
        await click_header("Outlet")
        assert screen.sort == "outlet"
        shown = [outlets[article_id] for article_id in articles.article_ids if outlets[article_id]]
        assert shown == sorted(shown)
        await click_header("Title")
        assert screen.sort == "title"
        await click_header("Date")
        assert screen.sort == "date"

        await type_search(app, pilot, "putin")
        await click_header("Title")
        assert screen.sort == "title"
        await click_header("Title")  # again: back to relevance
        assert screen.sort == "score"


async def test_search_as_you_type_lists_the_hits(library_root):
    with Library.open(library_root) as library:
        expected = library.search("putin", limit=None)
    assert expected.hits, "the seeds mention Putin"
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, "putin")
        screen = main_screen(app)
        assert screen.search_result is not None and screen.search_result.query == "putin"
        assert screen.query_one(ArticleList).article_ids == [hit.article_id for hit in expected.hits]
        assert f"{expected.total} article(s) match putin" in status_text(app)

        # esc leaves the search bar, a second esc clears the search and shows every article again.
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_result is None
        assert len(screen.query_one(ArticleList).article_ids) == len(screen.summaries)


async def test_keys_typed_in_one_burst_after_slash_go_to_the_search_bar(library_root):
    """A terminal hands "/kirby" typed fast (or pasted) to the app in one read: every key is
    queued before "/" is handled. The letters must land in the search bar, not act as commands."""
    from textual import events
    from textual.widgets import Input

    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        for key, character in [("slash", "/"), *((c, c) for c in "kirby")]:
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen is main_screen(app), "a letter opened a dialog instead of being typed"
        assert main_screen(app).query_one("#search", Input).value == "kirby"
        await pilot.press("slash")  # inside the bar, "/" is just a character
        assert main_screen(app).query_one("#search", Input).value == "kirby/"


async def test_bad_query_is_one_sentence_and_misspelling_suggests(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, '"unclosed phrase')
        message = status_text(app)
        assert "Traceback" not in message
        assert message.strip() and "\n" not in message.strip()
        with Library.open(library_root) as library:
            typo = library.search("kirbby", limit=None)
        await type_search(app, pilot, "kirbby")
        if typo.hits:
            assert "match" in status_text(app)
        else:
            assert "No articles match kirbby" in status_text(app)
            if typo.suggestion:
                assert f"did you mean {typo.suggestion}" in status_text(app)
                await pilot.press("enter")  # takes the suggestion
                await settle(pilot)  # the search debounce too
                assert main_screen(app).query_one("#search").value == typo.suggestion


async def test_n_and_shift_n_step_through_hits(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, "ukraine")
        reading = main_screen(app).query_one(ReadingView)
        hits = reading.view.hits
        assert len(hits) >= 2
        body = reading.article.body
        assert all(body[start:end].lower().startswith("ukrain") for start, end in hits)
        await pilot.press("escape")  # to the list; n/N work from any pane
        assert reading.current_hit == 0
        await pilot.press("n")
        assert reading.current_hit == 1
        await pilot.press("N", "N")
        assert reading.current_hit == len(hits) - 1


async def test_n_steps_over_a_whole_phrase_not_its_words(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, '"no indication"')
        reading = main_screen(app).query_one(ReadingView)
        hits = reading.view.hits
        body = reading.article.body
        assert hits and all(body[start:end].lower() == "no indication" for start, end in hits)
        await pilot.press("escape", "n")
        assert reading.current_hit == (1 if len(hits) > 1 else 0)


async def test_an_article_opened_from_a_search_shows_its_first_hit(library_root):
    import re

    with Library.open(library_root) as library:
        article = max((library.article(s.id) for s in library.article_summaries()), key=lambda a: len(a.paragraphs))
    earlier = " ".join(article.paragraphs[:-3]).lower()
    tail = " ".join(article.paragraphs[-3:])
    word = next(w for w in re.findall(r"[A-Za-z]{7,}", tail) if w[:5].lower() not in earlier)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, word.lower())
        screen = main_screen(app)
        screen.query_one(ArticleList).select_article(article.id)
        await settle(pilot)
        reading = screen.query_one(ReadingView)
        assert reading.article.id == article.id
        assert reading.current_hit == 0
        assert reading.view.hits[0][0] > len(earlier)
        assert reading.scroll_y > 0, "the first hit is far down but the view stayed at the top"
        banner = str(reading.query_one("#quote-banner").render())
        assert f"hit 1/{len(reading.view.hits)}" in banner


async def test_b_straight_after_moving_bookmarks_the_article_under_the_cursor_once(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = main_screen(app).query_one(ArticleList)
        await pilot.press("j", "b")  # no pause: the reading view may still show the article before
        assert isinstance(app.screen, TextPrompt)
        wanted = articles.current_id
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")  # again: said, not saved twice
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
    with Library.open(library_root) as library:
        assert [b.article_id for b in library.bookmarks()] == [wanted]


async def test_arriving_in_a_sidebar_puts_the_cursor_on_its_first_row(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        quotes = screen.query_one(QuoteSidebar)
        actors = screen.query_one(ActorSidebar)
        assert quotes.option_count and actors.option_count
        await pilot.press("4")
        await settle(pilot)
        assert quotes.highlighted == 0
        assert screen.query_one(ReadingView).focused_quote.id == quotes.quotes[0].id
        await pilot.press("3")
        assert actors.highlighted == 0


async def test_bookmark_article_survives_restart_and_can_be_removed(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_id = main_screen(app).query_one(ArticleList).current_id
        await pilot.press("b")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"read later", "enter")
        await settle(pilot)
        assert article_id in main_screen(app).bookmarked_articles

    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = main_screen(app).query_one(ArticleList)
        assert articles.mark(article_id) == "★"
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert [b.article_id for b in app.screen.bookmarks] == [article_id]
        assert app.screen.bookmarks[0].note == "read later"
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.bookmarks == []
        await pilot.press("escape")
        await settle(pilot)
        assert article_id not in main_screen(app).bookmarked_articles
    with Library.open(library_root) as library:
        assert library.bookmarks() == []


async def quote_article(app, pilot) -> tuple[MainScreen, QuoteSidebar]:
    """Move to the first article with quotes and focus the quote pane on its first quote."""
    screen = main_screen(app)
    articles = screen.query_one(ArticleList)
    for _ in articles.article_ids:
        if screen.loaded is not None and screen.loaded.view.quotes:
            break
        await pilot.press("j")
        await settle(pilot)
    quotes = screen.query_one(QuoteSidebar)
    assert quotes.quotes, "the seeds have quotes"
    await pilot.press("4", "down")
    await settle(pilot)
    assert quotes.current is not None
    return screen, quotes


async def test_bookmark_focused_quote_and_copy_it(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, quotes = await quote_article(app, pilot)
        quote = quotes.current
        assert screen.query_one(ReadingView).focused_quote.id == quote.id
        await pilot.press("y")
        assert quote.text in app.clipboard
        assert (quote.speaker or "unknown speaker") in app.clipboard
        assert screen.loaded.view.article.outlet in app.clipboard
        await pilot.press("b")
        await pilot.press("enter")  # no note
        await settle(pilot)
        assert quote.id in screen.bookmarked_quotes
    with Library.open(library_root) as library:
        assert quote.id in library.bookmarked_ids()[1]


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
async def test_export_article_quotes_in_each_format(library_root, tmp_path, fmt):
    target = tmp_path / "out" / f"quotes.{fmt}"
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, quotes = await quote_article(app, pilot)
        expected = quotes.quotes
        await pilot.press("1", "e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.scope == "article"
        await pilot.click(f"#format-{fmt}")
        assert app.screen.fmt == fmt
        app.screen.query_one("#export-path").value = str(target)
        await pilot.click("#export")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    content = target.read_text(encoding="utf-8")
    if fmt == "json":
        rows = json.loads(content)
        assert sorted(row["id"] for row in rows) == sorted(q.id for q in expected)
    elif fmt == "csv":
        rows = list(csv.DictReader(content.splitlines()))
        assert sorted(row["id"] for row in rows) == sorted(q.id for q in expected)
    else:
        direct = [q for q in expected if q.kind == "direct"]
        assert content.count("> — ") == len(direct)  # direct quotes in blockquotes
        assert content.count("\n- **") == len(expected) - len(direct)  # reported speech as list items


async def test_export_asks_before_overwriting(library_root, tmp_path):
    target = tmp_path / "existing.md"
    target.write_text("keep me", encoding="utf-8")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for answer in ("n", "y"):
            await pilot.press("e")
            app.screen.query_one("#export-path").value = str(target)
            await pilot.click("#export")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmPrompt)
            await pilot.press(answer)
            await settle(pilot)
            if answer == "n":
                assert isinstance(app.screen, ExportScreen)
                await pilot.press("escape")
                assert target.read_text(encoding="utf-8") == "keep me"
    assert target.read_text(encoding="utf-8") != "keep me"


async def test_actor_view_lists_statements_and_filters_articles(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        sidebar = screen.query_one(ActorSidebar)
        assert sidebar.entries
        with Library.open(library_root) as library:
            speaking = [n for n, e in enumerate(sidebar.entries) if library.quotes(actor_id=e.actor.id)]
        assert speaking, "someone is quoted in the first article"
        actor = sidebar.entries[speaking[0]].actor
        await pilot.press("3", *["down"] * speaking[0], "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        with Library.open(library_root) as library:
            quote_ids = {q.id for q in library.quotes(actor_id=actor.id)}
            article_ids = set(library.actor_articles(actor.id))
        assert app.screen.actor.id == actor.id
        shown = {r.quote.id for s in app.screen.statements for r in s.reports}
        assert quote_ids and quote_ids <= shown
        dates = [s.reports[0].date for s in app.screen.statements if s.reports and s.reports[0].date]
        assert dates == sorted(dates)
        assert set(screen.query_one(ArticleList).article_ids) == article_ids
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert f"mentioning {actor.name}" in status_text(app)
        await pilot.press("1", "escape")
        await settle(pilot)
        assert len(screen.query_one(ArticleList).article_ids) == len(screen.summaries)

        # `a` opens the same view from anywhere on the main screen.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)


async def test_quote_jumps_to_its_report_in_another_article_of_no_known_outlet(library_root):
    with Library.open(library_root) as library:
        linked = [s for s in library.statements() if len({r.quote.article_id for r in s.reports}) > 1]
    assert linked, "the seeds carry statements reported by more than one article"
    statement = linked[0]
    # Kirby's "no indication": TURAN (seed 000) and an article that names no outlet (seed 001)
    first = next(r for r in statement.reports if r.outlet)
    other = next(r for r in statement.reports if not r.outlet)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        row = articles.article_ids.index(other.quote.article_id)
        shown = "".join(segment.text for segment in articles.render_line(row + 1))  # line 0 is the header
        assert "unknown outlet" in shown and ".txt" not in shown
        screen.open_target(first.quote.article_id, first.quote.id)
        await settle(pilot)
        quotes = screen.query_one(QuoteSidebar)
        assert quotes.current is not None and quotes.current.id == first.quote.id
        assert screen.loaded.view.reports_elsewhere[first.quote.id] == ["another article"]
        prompt = str(quotes.get_option(first.quote.id).prompt)
        assert "also in: another article" in prompt and "outlet" not in prompt
        await pilot.press("4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        reports = app.screen.statement.reports
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        opened = screen.query_one(ReadingView)
        assert opened.article.id != first.quote.article_id
        assert opened.focused_quote is not None
        assert opened.focused_quote.id in {r.quote.id for r in reports}


async def test_help_opens_with_question_mark_and_f1(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            descriptions = [d for _title, rows in app.screen.sections for _keys, d, _name in rows]
            assert any("bookmark" in d for d in descriptions)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


async def test_command_palette_runs_reader_actions(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmarks")
        await settle(pilot)  # the palette gathers its matches in a worker
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.highlighted_option is not None, what="the palette to offer a command")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)


async def test_theme_is_remembered(library_root, isolated_user_dirs):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme != "ansi-dark"
        app.theme = "ansi-dark"
        await pilot.pause()
    state = json.loads((isolated_user_dirs / "config" / "state.json").read_text())
    assert state["theme"] == "ansi-dark"
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-dark"
        await pilot.press("t")  # the theme picker
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_a_new_theme_recolours_the_actor_names_in_the_reading_view(library_root):
    def person_colour(reading: ReadingView):
        view = reading.view
        person = next(start for start, _end, kind in view.mentions if kind == "person")
        starts = paragraph_starts(view.article.paragraphs)
        number = paragraph_of(starts, person)
        text = list(reading.query(".paragraph"))[number].content  # the paragraph as it is shown
        offset = person - starts[number]
        styles = [span.style for span in text.spans if span.start <= offset < span.end]
        return [style.color for style in styles if getattr(style, "color", None) is not None]

    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading = main_screen(app).query_one(ReadingView)
        app.theme = "textual-dark"
        await pilot.pause()
        before = person_colour(reading)
        app.theme = "gruvbox"
        await pilot.pause()
        after = person_colour(reading)
        assert before and after and before != after


async def test_keys_remap_from_config(library_root, isolated_user_dirs):
    folder = isolated_user_dirs / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text('[keys]\nsearch = "f"\nbookmarks = ["ctrl+b"]\n', encoding="utf-8")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert not isinstance(app.focused, type(main_screen(app).query_one("#search")))
        await pilot.press("f")
        assert app.focused is main_screen(app).query_one("#search")
        await pilot.press("escape", "ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("escape", "question_mark")
        shown = {keys: description for _title, rows in app.screen.sections for keys, description, _name in rows}
        assert "f" in {keys for keys, description in shown.items() if description.startswith("search")}


async def test_first_run_indexes_the_seeds_with_progress(tmp_path):
    """Every move of the progress bar is recorded as it happens: indexing five seeds can be over
    between two looks at the screen, so looking from time to time can miss the bar."""
    from textual.widgets import ProgressBar

    app = make_app(tmp_path / "new-library")
    moves = []  # (bar shown, progress, total) at each change of the bar's progress
    bars = []

    def watch_the_bar(_message) -> None:
        """Called before each message is handled: the main screen's mount, which starts indexing,
        comes after its bar is composed, so the watch is set before any progress."""
        if bars:
            return
        screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if screen is not None and screen.query("#ingest-progress"):
            bar = screen.query_one("#ingest-progress", ProgressBar)
            bars.append(bar)
            screen.watch(bar, "progress", lambda progress: moves.append((bar.display, progress, bar.total)), init=False)

    def ready() -> bool:
        return any(isinstance(screen, MainScreen) and screen.ready for screen in app.screen_stack)

    async with app.run_test(size=SIZE, message_hook=watch_the_bar) as pilot:
        await wait_until(pilot, ready, timeout=120, what="the first run to index the bundled seeds")
        await settle(pilot)
        screen = main_screen(app)
        assert len(screen.query_one(ArticleList).article_ids) == len(list(Library.seeds_dir().glob("*.txt")))
        assert bars and not bars[0].display, "the bar is hidden once the library is ready"
    shown = [(progress, total) for displayed, progress, total in moves if displayed and progress]
    assert shown, f"the progress bar showed while indexing (its moves: {moves})"
    assert all(progress <= total for progress, total in shown)


# --- fixes from the new-user trial ---------------------------------------------------------------


async def test_slash_typed_inside_the_search_bar_stays_in_order(library_root):
    """Keys already queued to the search bar come before a "/" typed after them."""
    from textual import events
    from textual.widgets import Input

    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = main_screen(app).query_one("#search", Input)
        assert app.focused is search
        typed = "date:2022/07 talks/negotiations"
        for character in typed:
            key = {"/": "slash", ":": "colon", " ": "space"}.get(character, character)
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert search.value == typed


async def test_opening_a_statement_from_the_actor_view_scrolls_to_it(library_root):
    with Library.open(library_root) as library:
        quotes = [q for s in library.article_summaries() for q in library.quotes(article_id=s.id) if q.speaker_id]
    deepest = max(quotes, key=lambda q: q.start)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        reading = screen.query_one(ReadingView)
        if reading.article.id == deepest.article_id:  # come from another article
            await pilot.press("j")
            await settle(pilot)
        screen.open_actor(deepest.speaker_id)
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        row = next(n for n, s in enumerate(app.screen.statements) if deepest.id in {r.quote.id for r in s.reports})
        app.screen.query_one("#statements-table").move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        if isinstance(app.screen, ReportsScreen):
            reports = app.screen.statement.reports
            app.screen.query_one("#reports-list").highlighted = next(
                n for n, r in enumerate(reports) if r.quote.id == deepest.id
            )
            await pilot.press("enter")
            await settle(pilot)
        assert app.screen is screen
        assert reading.article.id == deepest.article_id
        assert reading.focused_quote is not None and reading.focused_quote.id == deepest.id
        number = paragraph_of(paragraph_starts(reading.article.paragraphs), deepest.start)
        paragraph = list(reading.query(".paragraph"))[number]
        visible = reading.scrollable_content_region.height
        if paragraph.virtual_region.bottom > visible:
            assert reading.scroll_y > 0, "the quote is below the first screen but the view stayed at the top"
        assert paragraph.virtual_region.y < reading.scroll_y + visible
        assert paragraph.virtual_region.bottom > reading.scroll_y


async def test_layout_at_80_by_24_keeps_the_date_column_and_rows(library_root):
    app = make_app(library_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        sidebar = screen.query_one("#sidebar")
        assert sidebar.size.width < 34, "the sidebar gives way on a narrow terminal"
        lines = [articles.render_line(y).text for y in range(articles.size.height)]
        assert "Date" in lines[0]
        shown = [line for line in lines[1:] if line.strip()]
        assert len(shown) >= min(5, articles.row_count)
        summaries = {s.id: s for s in screen.summaries}
        for row, line in enumerate(shown):
            date = summaries[articles.article_ids[row]].date
            assert date in line, "the date column is on screen"
        assert articles.virtual_size.width <= articles.scrollable_content_region.width  # no horizontal scroll


async def test_a_cleared_query_clears_its_error(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(app, pilot, "(kirby")
        error = status_text(app)
        assert "article(s) ·" not in error
        await pilot.press(*["backspace"] * len("(kirby"))
        await settle(pilot)  # the search debounce too
        assert status_text(app) != error
        assert f"{len(main_screen(app).summaries)} article(s)" in status_text(app)


async def test_leaving_the_actor_filter_keeps_the_current_article(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        sidebar = screen.query_one(ActorSidebar)
        with Library.open(library_root) as library:
            # An actor named in more than one article, so that the filtered list has somewhere to move.
            wide = [n for n, e in enumerate(sidebar.entries) if len(library.actor_articles(e.actor.id)) > 1]
        assert wide, "the first article names someone the other articles name too"
        await pilot.press("3", *["down"] * wide[0], "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1", "G")
        await settle(pilot)
        chosen = articles.current_id
        assert screen.query_one(ReadingView).article.id == chosen
        await pilot.press("escape")  # leave the filter
        await settle(pilot)
        assert screen.actor_filter is None
        assert articles.row_count == len(screen.summaries)
        assert articles.current_id == chosen
        assert screen.query_one(ReadingView).article.id == chosen


async def test_the_highlighted_quote_stays_in_view_when_its_diff_opens(library_root):
    with Library.open(library_root) as library:
        linked = [s for s in library.statements() if len(s.reports) > 1]
    assert linked, "the seeds carry statements reported more than once"
    app = make_app(library_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        quote = linked[0].reports[0].quote
        screen.open_target(quote.article_id, quote.id)
        await settle(pilot)
        quotes = screen.query_one(QuoteSidebar)
        await pilot.press("4", "G", "g")  # away and back, so the highlight move is the reader's
        for _ in quotes.quotes:
            if quotes.current is not None and quotes.current.id == quote.id:
                break
            await pilot.press("j")
        await settle(pilot)
        assert quotes.current.id == quote.id
        assert screen.query_one("#quote-detail").display, "a linked quote shows its word diff"
        # The pane as drawn, line by line: each line carries the index of its option.
        visible = quotes.scrollable_content_region.height
        lines = [quotes.render_line(y) for y in range(visible)]

        def of_highlighted(line) -> bool:
            return any(segment.style and segment.style.meta.get("option") == quotes.highlighted for segment in line)

        rows = [y for y, line in enumerate(lines) if of_highlighted(line)]
        assert rows, "the highlighted quote is in view"
        shown = "".join("".join(lines[y].text.split()) for y in rows)
        whole = "".join(str(quotes.highlighted_option.prompt).split())
        assert whole.startswith(shown), "the quote's first line is in view"
        assert shown == whole or len(rows) == visible, "the whole quote is in view, or it fills the pane"


async def test_help_scrolls_with_the_movement_keys_and_has_its_own_footer(library_root):
    from textual.widgets import Footer

    app = make_app(library_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0, "at 80x24 the help is longer than the screen"
        assert app.screen.query(Footer), "the footer shows the dialog's keys, not the main screen's"
        await pilot.press("j")
        assert body.scroll_y > 0
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_space_pages_down_the_reading_view(library_root):
    app = make_app(library_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reading = main_screen(app).query_one(ReadingView)
        assert reading.max_scroll_y > 0
        await pilot.press("2", "space")
        await pilot.pause()
        assert reading.scroll_y > 1


async def test_misspelt_key_name_in_config_is_named_in_a_warning(library_root, isolated_user_dirs):
    folder = isolated_user_dirs / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text('[keys]\nbookmarkz = "m"\nsearch = "f"\n', encoding="utf-8")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "bookmarkz" in app.keymap_problem and "\n" not in app.keymap_problem
        await pilot.press("f")  # the names that are right still apply
        assert app.focused is main_screen(app).query_one("#search")


async def test_export_default_file_name_says_what_is_exported(library_root):
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        actor = app.screen.actor
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        name = Path(app.screen.query_one("#export-path").value).name
        words = [word.casefold() for word in actor.name.split() if word.isalnum()]
        assert name.endswith("-quotes.md") and all(word in name for word in words)
        await pilot.click("#format-csv")
        assert Path(app.screen.query_one("#export-path").value).name == name.removesuffix(".md") + ".csv"


def _seed_quote(root: Path, words: str):
    with Library.open(root) as library:
        return next(q for q in library.quotes() if q.text.startswith(words))


async def _open_quote(app, pilot, quote) -> MainScreen:
    screen = main_screen(app)
    screen.open_target(quote.article_id, quote.id)
    await settle(pilot)
    await wait_until(
        pilot,
        lambda: screen.focused_quote() is not None and screen.focused_quote().id == quote.id,
        what="the quote to be focused",
    )
    return screen


async def test_y_on_an_indirect_quote_copies_no_quote_marks(library_root):
    quote = _seed_quote(library_root, "The Western support has two targets")
    assert quote.kind == "indirect"
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_quote(app, pilot, quote)
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith(f"John Kirby {quote.cue} (reported speech): The Western support has two targets")
        assert quote.text in copied
        assert not any(mark + quote.text[:20] in copied for mark in "“\"'‘«")
        assert not any(quote.text[-20:] + mark in copied for mark in "”\"'’»")


async def test_y_on_a_direct_quote_keeps_its_marks_and_cue(library_root):
    with Library.open(library_root) as library:
        quote = next(q for q in library.quotes() if q.kind == "direct" and q.speaker == "John Kirby")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_quote(app, pilot, quote)
        await pilot.press("y")
        assert app.clipboard.startswith(f"John Kirby {quote.cue}: “{quote.text}”")


async def test_a_low_confidence_speaker_is_marked_and_its_evidence_shown(library_root):
    import sqlite3

    quote = _seed_quote(library_root, "The Western support has two targets")
    article_id, _, number = quote.id.rpartition(":")
    with sqlite3.connect(library_root / "library.sqlite3") as db:
        db.execute(
            "UPDATE raw_quotes SET speaker_evidence = 'pronoun', speaker_via = 'he', speaker_confidence = 0.4 "
            "WHERE article_id = ? AND n = ?",
            (article_id, int(number)),
        )
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open_quote(app, pilot, quote)
        sidebar = screen.query_one(QuoteSidebar)
        options = [sidebar.get_option_at_index(number) for number in range(sidebar.option_count)]
        prompts = {option.id: str(option.prompt) for option in options}
        assert prompts[quote.id].startswith("? John Kirby explained")
        others = [prompt for quote_id, prompt in prompts.items() if quote_id != quote.id]
        assert others and not any(prompt.startswith("? ") for prompt in others)
        banner = str(screen.query_one("#quote-banner").render())
        assert "? check the speaker" in banner
        assert "a pronoun resolved to a name (“he” → John Kirby), confidence 0.4" in banner


async def test_a_correction_made_in_the_reader_shows_after_relinking(library_root, isolated_user_dirs):
    from tui.screens.correct import CorrectionScreen

    quote = _seed_quote(library_root, "The Western support has two targets")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open_quote(app, pilot, quote)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen), what="the correction dialog")
        dialog = app.screen
        await pilot.press(*"dmitry p")
        await pilot.press("right")  # takes the completion from the library's actors
        assert dialog.query_one("#correct-speaker").value == "Dmitry Peskov"
        assert "Dmitry Peskov" in str(dialog.query_one("#correct-matches").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        sidebar = screen.query_one(QuoteSidebar)
        await wait_until(pilot, lambda: screen.focused_quote() is not None, what="the corrected quote in focus")
        corrected = screen.focused_quote()
        assert corrected.id == quote.id and corrected.speaker == "Dmitry Peskov"
        prompt = str(sidebar.get_option(quote.id).prompt)
        assert prompt.startswith(f"Dmitry Peskov {quote.cue}")
        assert "set by the user, confidence 1.0" in str(screen.query_one("#quote-banner").render())
        # The dialog offers to undo it now; not a quote takes it out of the sidebar.
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen), what="the correction dialog")
        assert app.screen.query("#clear")
        await pilot.click("#not-a-quote")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: quote.id not in {q.id for q in sidebar.quotes} and sidebar.quotes,
            what="the quote to leave the sidebar",
        )
    text = (isolated_user_dirs / "config" / "corrections.toml").read_text(encoding="utf-8")
    assert "not_a_quote = true" in text and "The Western support has two targets" in text


async def test_the_correction_dialog_cancels_and_needs_a_name(library_root, isolated_user_dirs):
    from tui.screens.correct import CorrectionScreen

    quote = _seed_quote(library_root, "The Western support has two targets")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_quote(app, pilot, quote)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectionScreen), what="the correction dialog")
        assert not app.screen.query("#clear")  # nothing to remove yet
        await pilot.press("enter")  # no name typed: the dialog stays
        assert isinstance(app.screen, CorrectionScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert not (isolated_user_dirs / "config" / "corrections.toml").exists()
