"""The main screen: search bar, article list, reading view, actor and quote sidebars, footer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from index.citation import citation
from index.model import (
    Actor,
    Article,
    ArticleActor,
    ArticleSummary,
    Bookmark,
    IngestProgress,
    IngestReport,
    Quote,
    SearchResult,
    Statement,
)
from tui.appref import ReachesApp
from tui.keys import stepping_bindings
from tui.render import printable
from tui.screens import follow
from tui.screens.actor import ActorScreen
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.correct import CorrectionRequest, CorrectionScreen
from tui.screens.prompt import TextPrompt
from tui.screens.reports import ReportsScreen
from tui.state import BookmarkTarget, ReaderState, ingest_notice, progress_status
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_list import ArticleList
from tui.widgets.quote_sidebar import QuoteDetail, QuoteSidebar
from tui.widgets.reading_view import ArticleView, ReadingView

if TYPE_CHECKING:
    from index.library import Library

# Wait this long after a keystroke before searching, so fast typing runs one query, not ten.
SEARCH_DEBOUNCE = 0.15
# Cursor moves closer together than FAST_MOVE seconds are a held key: the article under the
# cursor is loaded once the cursor has rested MOVE_SETTLE seconds, not at every row passed.
FAST_MOVE = 0.15
MOVE_SETTLE = 0.08
# Every this many seconds (and when the terminal regains focus) the reader asks the library whether
# another process changed it: one indexed read of a counter.
GENERATION_CHECK = 2.0
# A search lists this many hits at first, and as many more each time the list nears its end;
# the status line gives the full count. (Asking for every hit made a common word slow to show.)
SEARCH_PAGE = 200
PANES = ("#articles", "#reading", "#actors", "#quotes")


@dataclass
class LoadedArticle:
    """What one article brings to the screen, read from the Library in a worker."""

    view: ArticleView
    actors: list[ArticleActor]
    statements: dict[str, Statement] = field(default_factory=dict)  # quote id -> its statement


class MainScreen(ReachesApp, Screen[None]):
    BINDINGS = [
        # Priority: a terminal delivers "/kirby" typed fast (or pasted) in one read; without it the
        # letters are queued to the list before "/" moves the focus, and act as commands.
        Binding("slash", "focus_search", "Search", id="quotedesk.search", priority=True),
        Binding("1", "focus_pane(0)", "Articles", show=False, id="quotedesk.pane_articles"),
        Binding("2", "focus_pane(1)", "Reader", show=False, id="quotedesk.pane_reader"),
        Binding("3", "focus_pane(2)", "Actors", show=False, id="quotedesk.pane_actors"),
        Binding("4", "focus_pane(3)", "Quotes", show=False, id="quotedesk.pane_quotes"),
        *stepping_bindings(previous="Prev"),  # here too, so that they work from any pane
        Binding("b", "bookmark", "Bookmark", id="quotedesk.bookmark"),
        Binding("B", "bookmarks", "Bookmarks", show=False, id="quotedesk.bookmarks"),
        Binding("e", "export", "Export", id="quotedesk.export"),
        Binding("y", "copy_quote", "Copy", id="quotedesk.copy"),
        Binding("c", "correct_quote", "Correct", id="quotedesk.correct"),
        Binding("a", "actor_view", "Actor", id="quotedesk.actor"),
        Binding("s", "cycle_sort", "Sort", show=False, id="quotedesk.sort"),
        Binding("escape", "back", "Back", id="quotedesk.back"),
        *follow.BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state = ReaderState()
        self.loaded: LoadedArticle | None = None
        self.pending_quote = ""
        self._last_move = 0.0
        self._wanted = ""  # the article the newest load was asked for
        self._generation = -1  # the library's generation the list shows
        self._keep_after_search: str | None = None  # the cursor's article, when a search is run again

    # Read-only views of the state, for the search code, the tests and the benchmark.

    @property
    def summaries(self) -> list[ArticleSummary]:
        return self.state.summaries

    @property
    def search_result(self) -> SearchResult | None:
        return self.state.search_result

    @property
    def query_text(self) -> str:
        return self.state.query_text

    @property
    def sort(self) -> str:
        return self.state.sort

    @property
    def actor_filter(self) -> Actor | None:
        return self.state.actor_filter

    @property
    def bookmarked_articles(self) -> set[str]:
        return self.state.bookmarked_articles

    @property
    def bookmarked_quotes(self) -> set[str]:
        return self.state.bookmarked_quotes

    @property
    def ready(self) -> bool:
        return self.state.ready

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that apply now."""
        if action == "focus_search":
            # "/" is a priority key so that "/kirby" typed fast lands in the search bar; inside the
            # bar it is a character, delivered to the Input in order with the keys queued before it.
            return not isinstance(self.focused, Input) or self.focused.id != "search"
        if action == "copy_quote":
            return self.focused_quote() is not None or self.loaded is not None
        if action == "correct_quote":
            return self.focused_quote() is not None
        if action == "actor_view":
            return bool(self.query(ActorSidebar)) and bool(self.query_one(ActorSidebar).entries)
        if action in ("bookmark", "export"):
            return self.loaded is not None or action == "export"
        return True

    @property
    def library(self) -> Library:
        return self.quotedesk_app.open_library()

    def compose(self) -> ComposeResult:
        with Vertical(id="top"):
            yield Input(placeholder='/ to search: words, "phrases", outlet:name, actor:name …', id="search")
            yield Static("", id="status")
            yield ProgressBar(id="ingest-progress", show_eta=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
                yield ReadingView(id="reading")
            with Vertical(id="sidebar"):
                yield Label("Actors", classes="pane-title")
                yield ActorSidebar(id="actors")
                yield Label("Quotes", classes="pane-title")
                yield QuoteSidebar(id="quotes")
                yield QuoteDetail(id="quote-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ingest-progress").display = False
        self.query_one("#quote-detail").display = False
        self.query_one("#search", Input).cursor_blink = self.quotedesk_app.cursor_blink
        self.set_status("Opening the library…")
        self.set_focus(self.query_one(ArticleList))
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.prepare_library()
        self.set_interval(GENERATION_CHECK, self.check_generation)

    def _theme_changed(self, _theme: Theme) -> None:
        """Actor colours come from the theme: redraw what shows them."""
        self.query_one(ReadingView).refresh_text()
        self.query_one(ActorSidebar).refresh_colours()

    # --- status line ---

    def set_status(self, message: str | Text, style: str = "") -> None:
        text = message if isinstance(message, Text) else Text(message, style=style)
        self.query_one("#status", Static).update(text)

    def _list_status(self) -> Text:
        articles = self.query_one(ArticleList)
        return self.state.list_status(articles.row_count, unread=self.state.unread_count(articles.rows))

    # --- opening the library (first run: bundled seeds) ---

    @work(thread=True, exclusive=True, group="ingest", description="Opening and indexing the library")
    def prepare_library(self) -> None:
        from index.library import LibraryError

        try:
            app = self.quotedesk_app
            library = app.open_library()
            library.verify()  # a damaged store is said at once, not when a page of it is read
            if not app.add_paths and not library.read_only and library.never_written():
                self.app.call_from_thread(self._start_progress, "Indexing the bundled articles")
                library.add_seeds(progress=self._post_progress)
            if app.add_paths:
                self.app.call_from_thread(self._start_progress, "Adding your files")
                try:
                    report = library.add(list(app.add_paths), progress=self._post_progress)
                except LibraryError as error:  # a read-only library, a full disk: say so, and show what it holds
                    self.app.call_from_thread(self.notify, str(error), title="Files not added", severity="error")
                else:
                    self.app.call_from_thread(self._report_ingest, report)
            generation = library.generation()  # before reading: a change made while reading shows next time
            summaries = library.article_summaries(sort="date")
            self.state.load(summaries)
            bookmarked, quotes = library.bookmarked_ids()
            read = library.read_articles()
        except LibraryError as error:
            self.app.call_from_thread(self._library_failed, str(error))
            return
        self._generation = generation
        self.app.call_from_thread(self._library_ready, summaries, bookmarked, quotes, read)
        self.state.sort_the_rest(summaries)  # after the list shows

    def _start_progress(self, message: str) -> None:
        bar = self.query_one("#ingest-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.set_status(message + "…")

    def _post_progress(self, progress: IngestProgress) -> None:
        self.app.call_from_thread(self._show_progress, progress)

    def _show_progress(self, progress: IngestProgress) -> None:
        bar = self.query_one("#ingest-progress", ProgressBar)
        bar.update(total=max(progress.total, 1), progress=progress.done)
        self.set_status(progress_status(progress))

    def _report_ingest(self, report: IngestReport) -> None:
        severity: SeverityLevel = "warning" if report.skipped else "information"
        self.notify(ingest_notice(report), title="Files added", severity=severity)

    def _library_failed(self, message: str) -> None:
        self.query_one("#ingest-progress").display = False
        self.set_status(message, style="bold red")
        self.query_one(ReadingView).show_message(message)

    def _library_ready(
        self, summaries: list[ArticleSummary], bookmarked: set[str], quotes: set[str], read: set[str]
    ) -> None:
        self.query_one("#ingest-progress").display = False
        self.state.become_ready(summaries, bookmarked, quotes, read)
        self.show_list()
        if not summaries:
            self.query_one(ReadingView).show_message("The library is empty: add files with `quotedesk add PATH`.")

    # --- another process changed the library ---

    def check_generation(self) -> None:
        """Ask, off the event loop, whether the library changed since the list was loaded."""
        if self.ready and not self.workers_busy("generation"):
            self.reload_if_changed()

    def workers_busy(self, group: str) -> bool:
        return any(worker.node is self and worker.group == group and not worker.is_finished for worker in self.workers)

    @work(thread=True, exclusive=True, group="generation", description="Checking the library for changes")
    def reload_if_changed(self) -> None:
        from index.library import LibraryError

        library = self.library
        try:
            generation = library.generation()
            if generation == self._generation:
                return
            summaries = library.article_summaries(sort="date")
            bookmarked, quotes = library.bookmarked_ids()
            read = library.read_articles()
        except LibraryError:
            return  # said where the user acts; a check in the background stays quiet
        self.app.call_from_thread(self._library_changed, generation, summaries, bookmarked, quotes, read)

    def _library_changed(
        self,
        generation: int,
        summaries: list[ArticleSummary],
        bookmarked: set[str],
        quotes: set[str],
        read: set[str],
    ) -> None:
        """Show the library as it is now: the list, its counts and marks; the cursor stays on its article."""
        self._generation = generation
        state = self.state
        same = [(s.id, s.title, s.outlet, s.date) for s in summaries] == [
            (s.id, s.title, s.outlet, s.date) for s in state.summaries
        ]
        if same:  # only marks changed (this reader's own, often)
            state.bookmarked_articles, state.bookmarked_quotes, state.read_articles = bookmarked, quotes, read
            self._refresh_bookmark_marks()
            return
        keep = self.query_one(ArticleList).current_id
        state.load(summaries)
        state.become_ready(summaries, bookmarked, quotes, read)
        if state.search_result is not None and state.query_text:
            self._keep_after_search = keep
            self.run_search(state.query_text)
            return
        self.show_list(keep=keep)

    # --- the article list ---

    def show_list(self, keep: str | None = None) -> None:
        """Refill the list for the current mode and sort, keeping the cursor on `keep` when listed.

        The list says which article the cursor lands on (`ArticleList.Highlighted`); that
        message loads it into the reading view when it is not already there.
        """
        articles = self.query_one(ArticleList)
        keep = keep if keep is not None else articles.current_id
        state = self.state
        articles.set_sort(state.sort)
        rows = state.rows()
        articles.show(
            rows,
            state.bookmarked_articles,
            state.read_articles,
            keep=keep,
            positions=state.positions(rows),
            outlet_width=state.outlet_width,
        )
        self.set_status(self._list_status())
        if not articles.row_count and self.search_result is None:
            self._forget_article()
            self.query_one(ReadingView).show_message("No articles here.")

    @on(ArticleList.Highlighted, "#articles")
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        article_id = event.article_id
        if article_id != event.article_list.current_id:
            return  # the cursor moved on since: a newer message follows
        if self._needs_load(article_id):
            # Held keys move the cursor many times a second: wait until it rests before loading.
            now = time.monotonic()
            fast = now - self._last_move < FAST_MOVE
            self._last_move = now
            self.request_article(article_id, delay=MOVE_SETTLE if fast else 0.0)

    @on(ArticleList.Selected, "#articles")
    def _article_selected(self, event: ArticleList.Selected) -> None:
        article_id = event.article_id
        if self._needs_load(article_id):
            self.request_article(article_id)
        self._mark_read(article_id)
        self.set_focus(self.query_one(ReadingView))

    def _mark_read(self, article_id: str) -> None:
        from index.library import LibraryError

        if article_id in self.state.read_articles:
            return
        try:
            self.library.mark_read(article_id)
        except LibraryError as error:  # a full disk: the mark is kept for this session only
            self.notify(str(error), severity="warning")
        self.state.mark_read(article_id)
        follow.refresh_marks(self)

    # --- loading one article ---

    def _needs_load(self, article_id: str) -> bool:
        """False when the article is shown, or is the one the newest load is bringing.

        Opening an article both moves the list cursor and loads it; the cursor's message must
        not start a second load that would redraw the article after its quote was scrolled to.
        """
        return article_id != self._wanted

    def _forget_article(self) -> None:
        """The next cursor message (re)loads its article, even the one shown now."""
        self.loaded = None
        self._wanted = ""

    _load_timer: Timer | None = None  # a held key's wait for the cursor to rest, restarted by each move

    def request_article(self, article_id: str, delay: float = 0.0) -> None:
        self._wanted = article_id
        if self._load_timer is not None:
            self._load_timer.stop()
            self._load_timer = None
        if delay:
            self.workers.cancel_group(self, "article")
            self._load_timer = self.set_timer(delay, partial(self._load_rested, article_id))
        else:
            self.load_article(article_id)

    @property
    def load_pending(self) -> bool:
        """An article waits for the list cursor to rest before it is loaded."""
        return self._load_timer is not None

    def _load_rested(self, article_id: str) -> None:
        self._load_timer = None
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="article", description="Loading an article")
    def load_article(self, article_id: str) -> None:
        library = self.library
        worker = get_current_worker()
        try:
            detail = library.article_detail(article_id, stop=lambda: worker.is_cancelled)
        except KeyError:
            message = "That article is no longer in the library."
            self.app.call_from_thread(self.query_one(ReadingView).show_message, message)
            return
        if detail is None:
            return
        article = detail.article
        hits = library.highlight_spans(article.body, self.query_text) if self.query_text else []
        if worker.is_cancelled:
            return
        view = ArticleView(
            article=article,
            quotes=detail.quotes,
            mentions=detail.mentions,
            bookmarked_quotes=set(self.bookmarked_quotes),
            hits=hits,
            reports_elsewhere=detail.other_outlets,
            tags=library.tags(article.id),
        )
        self.app.call_from_thread(self._show_article, LoadedArticle(view, detail.actors, detail.statements))

    def _show_article(self, loaded: LoadedArticle) -> None:
        self.loaded = loaded
        reading = self.query_one(ReadingView)
        reading.show_article(loaded.view)
        self.query_one(ActorSidebar).show(loaded.actors)
        quotes = self.query_one(QuoteSidebar)
        quotes.show(loaded.view.quotes, loaded.view.reports_elsewhere, self.bookmarked_quotes)
        self.query_one(QuoteDetail).show_statement(None)
        if self.pending_quote:
            quote_id, self.pending_quote = self.pending_quote, ""
            quotes.select_quote(quote_id)
            reading.focus_quote(quote_id)
            self.query_one(QuoteDetail).show_statement(loaded.statements.get(quote_id))
            self.set_focus(reading)
        self.refresh_bindings()

    def open_target(self, article_id: str, quote_id: str = "") -> None:
        """Open an article (and focus one of its quotes), showing it in the list when it is there."""
        self.pending_quote = quote_id
        articles = self.query_one(ArticleList)
        if articles.index_of(article_id) is None and self.search_result is None and self.actor_filter is not None:
            self.state.actor_filter = None
            self.show_list(keep=article_id)
        else:
            articles.select_article(article_id)
        shown = self.loaded is not None and self.loaded.view.article.id == article_id
        if shown and self._wanted == article_id and quote_id:
            self.pending_quote = ""
            self.query_one(QuoteSidebar).select_quote(quote_id)
            self.query_one(ReadingView).focus_quote(quote_id)
            self.set_focus(self.query_one(ReadingView))
        else:
            self.request_article(article_id)
        self._mark_read(article_id)

    # --- quotes ---

    @on(OptionList.OptionHighlighted, "#quotes")
    def _quote_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        quote_id = event.option.id
        reading = self.query_one(ReadingView)
        # Stepping quotes in the reading view already focused it and highlights this row;
        # focusing again would redraw the whole article a second time.
        if reading.focused_quote is None or reading.focused_quote.id != quote_id:
            reading.focus_quote(quote_id)
        statement = self.loaded.statements.get(quote_id or "") if self.loaded else None
        self.query_one(QuoteDetail).show_statement(statement)
        # The word-diff panel under the sidebar may just have opened and shrunk it: keep the
        # highlighted quote in view once the new layout is in place.
        quotes = self.query_one(QuoteSidebar)
        quotes.call_after_refresh(quotes.scroll_to_highlight)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#quotes")
    def _quote_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        quote_id = event.option.id or ""
        statement = self.loaded.statements.get(quote_id) if self.loaded else None
        if statement is not None and len(statement.reports) > 1:
            current = self.loaded.view.article.id if self.loaded else ""

            def chosen(target: tuple[str, str] | None) -> None:
                if target is not None:
                    self.open_target(*target)

            self.app.push_screen(ReportsScreen(statement, current), chosen)
            return
        reading = self.query_one(ReadingView)
        reading.focus_quote(quote_id)
        self.set_focus(reading)

    @on(ReadingView.QuoteFocused)
    def _reading_quote_focused(self, event: ReadingView.QuoteFocused) -> None:
        if event.quote is not None:
            self.query_one(QuoteSidebar).select_quote(event.quote.id)
        self.refresh_bindings()

    def focused_quote(self) -> Quote | None:
        """The quote the reader is on: the sidebar's when it has focus, else the reading view's."""
        if isinstance(self.focused, QuoteSidebar) and self.focused.current is not None:
            return self.focused.current
        return self.query_one(ReadingView).focused_quote

    # --- actors ---

    @on(OptionList.OptionSelected, "#actors")
    def _actor_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.open_actor(event.option.id)

    @work(thread=True, exclusive=True, group="actor", description="Loading an actor's statements")
    def open_actor(self, actor_id: str) -> None:
        library = self.library
        try:
            actor = library.actor(actor_id)
        except KeyError:
            self.app.call_from_thread(self.notify, "That actor is no longer in the library.", severity="error")
            return
        statements = library.actor_statements(actor_id)
        article_ids = library.actor_articles(actor_id)
        self.app.call_from_thread(self._show_actor, actor, statements, article_ids)

    def _show_actor(self, actor: Actor, statements: list[Statement], article_ids: list[str]) -> None:
        current = self.loaded.view.article.id if self.loaded else None
        self.state.filter_by_actor(actor, article_ids)
        if self.search_result is not None:
            self._clear_search()
        self.show_list(keep=current)

        def chosen(target: tuple[str, str] | None) -> None:
            if target is not None:
                self.open_target(*target)

        self.app.push_screen(ActorScreen(actor, statements, len(article_ids)), chosen)

    def action_actor_view(self) -> None:
        sidebar = self.query_one(ActorSidebar)
        actor_id = ""
        if self.focused is sidebar and sidebar.current is not None:
            actor_id = sidebar.current.actor.id
        else:
            quote = self.focused_quote()
            if quote is not None and quote.speaker_id:
                actor_id = quote.speaker_id
            elif sidebar.current is not None:
                actor_id = sidebar.current.actor.id
        if not actor_id:
            self.notify("No actor here: open an article that names someone.", severity="warning")
            return
        self.open_actor(actor_id)

    # --- search ---

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))

    _search_timer: Timer | None = None  # the debounce, restarted by every keystroke

    @property
    def search_pending(self) -> bool:
        """A typed query waits out the debounce or is being searched: its answer is not shown yet."""
        return self._search_timer is not None or any(
            worker.node is self and worker.group == "search" and not worker.is_finished for worker in self.workers
        )

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self._keep_after_search = None  # a query typed now starts its list at the top
        # Every keystroke drops the query before it, waiting or running.
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        self.workers.cancel_group(self, "search")
        if not query:
            if self.search_result is not None or self.query_text:
                self._clear_search()
                self.show_list()
            elif self.ready:  # an error about the query just cleared no longer applies
                self.set_status(self._list_status())
            return
        if self.ready:
            self._search_timer = self.set_timer(SEARCH_DEBOUNCE, partial(self._search_typed, query))

    def _search_typed(self, query: str) -> None:
        """The debounce ran out with no keystroke since: search for what was typed."""
        self._search_timer = None
        self.run_search(query)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        result = self.search_result
        if result is not None and not result.hits and result.suggestion:
            event.input.value = result.suggestion
            return
        if result is not None and result.hits:
            self.set_focus(self.query_one(ArticleList))

    _page_asked: tuple[str, str, int] | None = None  # (query, sort, limit) of the page asked for last

    def run_search(self, query: str, sort: str | None = None, keep: str = "") -> None:
        """Search for `query`, its first page of hits in `sort` (relevance for a new search)."""
        self._page_asked = None
        self._search_worker(query, sort or self.state.search_sort_wanted(), SEARCH_PAGE, keep)

    @work(thread=True, exclusive=True, group="search", description="Searching")
    def _search_worker(self, query: str, sort: str, limit: int, keep: str) -> None:
        from index.library import QueryError

        worker = get_current_worker()
        if worker.is_cancelled:  # typed on before the thread started
            return
        try:
            result = self.library.search(query, limit=limit, sort=sort, snippets=False, scores=False)
        except QueryError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_failed, query, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_search, result, sort, keep)

    @on(ArticleList.NearEnd, "#articles")
    def _list_near_end(self, _event: ArticleList.NearEnd) -> None:
        """The list nears the last hit it holds: ask for the next page (one request at a time)."""
        state = self.state
        result = state.search_result
        if result is None or state.search_complete or state.sort != state.search_sort or self._search_timer:
            return
        page = (result.query, state.search_sort, len(result.hits) + SEARCH_PAGE)
        if page != self._page_asked:
            self._page_asked = page
            self._search_worker(*page, "")

    def _search_failed(self, query: str, message: str) -> None:
        if query != self.query_one("#search", Input).value.strip():
            return
        self.set_status(Text(message, style="bold red"))

    def _show_search(self, result: SearchResult, sort: str = "score", keep: str = "") -> None:
        if result.query != self.query_one("#search", Input).value.strip():
            return  # typed on since: a newer search is coming
        if self.state.more_hits(result, sort):  # the next page: the list goes on, cursor and view stay
            self.query_one(ArticleList).extend(self.state.rows())
            self.set_status(self._list_status())
            return
        self.state.show_search(result, sort)
        kept, self._keep_after_search = self._keep_after_search, None
        if kept is not None:  # the same search again, after the library changed: the cursor stays
            keep = kept
        elif not keep:
            self._forget_article()  # reload the article under the cursor with the new hits
        self.show_list(keep=keep)
        if not result.hits:
            self.query_one(ReadingView).show_message("No matches.")
            self.query_one(ActorSidebar).show([])
            self.query_one(QuoteSidebar).show([], {}, set())

    def _clear_search(self) -> None:
        self.state.clear_search()
        self._forget_article()

    def action_next_hit(self) -> None:
        self.query_one(ReadingView).action_next_hit()

    def action_previous_hit(self) -> None:
        self.query_one(ReadingView).action_previous_hit()

    def action_next_quote(self) -> None:
        self.query_one(ReadingView).action_next_quote()

    def action_previous_quote(self) -> None:
        self.query_one(ReadingView).action_previous_quote()

    def action_cycle_sort(self) -> None:
        self.state.cycle_sort()
        self._sort_changed()

    @on(ArticleList.SortChosen, "#articles")
    def _sort_chosen(self, event: ArticleList.SortChosen) -> None:
        if self.state.choose_sort(event.sort):
            self._sort_changed()

    def _sort_changed(self) -> None:
        """Show the list in the new sort: a search with hits not all in hand asks the index for it."""
        state = self.state
        if state.needs_index_sort() and state.search_result is not None:
            self.query_one(ArticleList).set_sort(state.sort)
            self.run_search(state.search_result.query, state.sort, keep=self.query_one(ArticleList).current_id or "")
        else:
            self.show_list()

    # --- panes and back ---

    def action_focus_pane(self, number: int) -> None:
        self.set_focus(self.query_one(PANES[number]))

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            self.set_focus(self.query_one(ArticleList))
        elif self.search_result is not None or search.value:
            search.value = ""  # Input.Changed clears the search
            self._clear_search()
            self.show_list()
        elif self.actor_filter is not None:
            self.state.actor_filter = None
            self.show_list()
        elif self.focused is not self.query_one(ArticleList):
            self.set_focus(self.query_one(ArticleList))

    # --- bookmarks ---

    def action_bookmark(self) -> None:
        if self.library.read_only:
            self.notify(f"The library at {self.library.root} is read-only: bookmarking is not possible here.")
            return
        quote = self.focused_quote() if isinstance(self.focused, (QuoteSidebar, ReadingView)) else None
        articles = self.query_one(ArticleList)
        shown = self.loaded.view.article.id if self.loaded is not None else None
        target = self.state.bookmark_target(quote, shown, articles.current_id, self.focused is articles)
        if target is None:
            self.notify("Nothing to bookmark: open an article first.", severity="warning")
            return
        if target.already:
            self.notify(f"The {target.what} is bookmarked already: B lists your bookmarks.")
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._save_bookmark(target, note.strip())

        question = f"Bookmark the {target.what}. Note (optional):"
        if quote is not None and target.quote_id and self.loaded is not None:  # the dialog shows the quote
            cited = printable(attribution(quote, self.loaded.view.article))
            question = f"Bookmark the {target.what}:\n{cited}\n\nNote (optional):"
        self.app.push_screen(TextPrompt(question, placeholder="a note"), save)

    def _save_bookmark(self, target: BookmarkTarget, note: str) -> None:
        from index.library import LibraryError

        try:
            self.library.add_bookmark(target.article_id, target.quote_id, note)
        except LibraryError as error:  # read-only, a full disk
            self.notify(str(error), severity="error")
            return
        self.state.bookmarked(target)
        self._refresh_bookmark_marks()
        self.notify(f"Bookmarked the {target.what}.")

    def _refresh_bookmark_marks(self) -> None:
        state = self.state
        follow.refresh_marks(self)
        if self.loaded is not None:
            self.loaded.view.bookmarked_quotes = set(state.bookmarked_quotes)
            self.query_one(ReadingView).refresh_text()
            self.query_one(QuoteSidebar).refresh_quotes(state.bookmarked_quotes)

    def action_bookmarks(self) -> None:
        def opened(bookmark: Bookmark | None) -> None:
            self.state.bookmarked_articles, self.state.bookmarked_quotes = self.library.bookmarked_ids()
            self._refresh_bookmark_marks()
            if bookmark is not None:
                self.open_target(bookmark.article_id, bookmark.quote_id)

        self.app.push_screen(BookmarksScreen(self.library), opened)

    # --- following a story (tui/screens/follow.py) ---

    def action_toggle_read(self) -> None:
        follow.toggle_read(self)

    def action_mark_all_read(self) -> None:
        follow.mark_all_read(self)

    def action_next_unread(self) -> None:
        follow.next_unread(self)

    def action_unread_only(self) -> None:
        follow.unread_only(self)

    def action_save_search(self) -> None:
        follow.save_search(self)

    def action_saved_searches(self) -> None:
        follow.saved_searches(self)

    def action_open_external(self) -> None:
        follow.open_external(self)

    def action_pipe(self) -> None:
        follow.pipe(self)

    def action_edit_note(self) -> None:
        follow.edit_note(self)

    def action_tag(self) -> None:
        follow.tag(self)

    # --- export and copy ---

    def action_export(self) -> None:
        sidebar = self.query_one(ActorSidebar)
        pane_actor = sidebar.current.actor if sidebar.current is not None else None
        article = self.loaded.view.article if self.loaded is not None else None
        count = len(self.loaded.view.quotes) if self.loaded is not None else 0
        scopes = self.state.export_scopes(pane_actor, self.focused is sidebar, self.focused_quote(), article, count)
        self.quotedesk_app.export_quotes(scopes)

    def action_copy_quote(self) -> None:
        quote = self.focused_quote()
        if quote is None and self.loaded is not None:  # no quote chosen: the article, with outlet, date and URL
            self.app.copy_to_clipboard(follow.article_line(self.loaded.view.article))
            self.notify("Copied the article's title, outlet, date and address.")
            return
        if quote is None or self.loaded is None:
            self.notify("No quote chosen: pick one in the quote pane (4) or with ] first.", severity="warning")
            return
        article = self.loaded.view.article
        self.app.copy_to_clipboard(attribution(quote, article))
        if quote.doubtful:
            self.notify("Copied the quote with its attribution; its speaker is not sure: check it.", severity="warning")
        else:
            self.notify("Copied the quote with its attribution.")

    # --- corrections ---

    def action_correct_quote(self) -> None:
        quote = self.focused_quote()
        if quote is None or self.loaded is None:
            self.notify("No quote chosen: pick one in the quote pane (4) or with ] first.", severity="warning")
            return
        names = [actor.name for actor in self.library.actors()]

        def chosen(request: CorrectionRequest | None) -> None:
            if request is not None:
                self.save_correction(quote, request)

        self.app.push_screen(CorrectionScreen(quote, names), chosen)

    @work(thread=True, exclusive=True, group="correct", description="Saving a correction and relinking")
    def save_correction(self, quote: Quote, request: CorrectionRequest) -> None:
        """Write the correction to the user's file and relink (in a thread: relinking takes a while)."""
        from index.library import LibraryError

        library = self.library
        try:
            if request.clear:
                library.clear_correction(quote.id)
            else:
                library.correct_quote(quote.id, speaker=request.speaker, not_a_quote=request.not_a_quote)
        except LibraryError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._corrected, quote, request)

    def _corrected(self, quote: Quote, request: CorrectionRequest) -> None:
        """Show the relinked article, on the corrected quote (or where it was, for a not-a-quote)."""
        if request.not_a_quote:
            message = "Marked as not a quote: it is left out of quotes and statements."
        elif request.clear:
            message = "Correction removed: the quote's speaker is the analysis's again."
        else:
            message = f"The quote is credited to {request.speaker}; the library is relinked."
        self.notify(message)
        if self.loaded is not None and self.loaded.view.article.id == quote.article_id:
            self.pending_quote = "" if request.not_a_quote else quote.id
            self._forget_article()
            self.request_article(quote.article_id)


def attribution(quote: Quote, article: Article) -> str:
    """A quote as it is cited: who, the cue and the words (in quote marks only when direct, reported
    speech said so), and where it was reported: "Gordon Brown denied (reported speech): his economic
    forecasts were too optimistic (BBC, “Brown defends his sums”, 2005-02-14) URL"."""
    title = f"“{article.title}”" if article.title else ""
    where = ", ".join(part for part in (article.outlet, title, article.date) if part)
    line = citation(quote, quote.speaker)
    if where:
        line += f" ({where})"
    if article.url:
        line += f" {article.url}"
    return line
