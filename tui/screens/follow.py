"""The reader's keys for following a story: read state (m, M, u, U), saved searches (S, ctrl+s), tags (T)
and hand-off to other tools (o, |, E, y).

The main screen's actions are one-line delegates to the functions here, so that the screen keeps
its own code about the list, the search and the article shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Input

from tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from index.following import SavedSearch
    from tui.screens.main import MainScreen

UNREAD_FILTER = "is:unread"

BINDINGS = [
    Binding("m", "toggle_read", "Read/unread", show=False, id="quotedesk.toggle_read"),
    Binding("M", "mark_all_read", "All read", show=False, id="quotedesk.mark_all_read"),
    Binding("u", "next_unread", "Next unread", id="quotedesk.next_unread"),
    Binding("U", "unread_only", "Unread only", show=False, id="quotedesk.unread_only"),
    Binding("S", "save_search", "Save search", show=False, id="quotedesk.save_search"),
    Binding("F", "saved_searches", "Saved searches", show=False, id="quotedesk.saved_searches"),
]


def target_article(screen: MainScreen) -> str | None:
    """The article a key acts on: the list's cursor when the list has focus or nothing is shown, else the one shown."""
    articles = screen.query_one(ArticleList)
    shown = screen.loaded.view.article.id if screen.loaded is not None else None
    if screen.focused is articles or shown is None:
        return articles.current_id
    return shown


def refresh_marks(screen: MainScreen) -> None:
    """Show the read and bookmark marks, and the counts of the status line, as the state has them."""
    state = screen.state
    screen.query_one(ArticleList).set_marks(state.bookmarked_articles, state.read_articles)
    if state.ready:
        screen.set_status(screen._list_status())


# --- read state -----------------------------------------------------------------------------------


def toggle_read(screen: MainScreen) -> None:
    from index.library import LibraryError

    article_id = target_article(screen)
    if article_id is None:
        screen.notify("No article here.", severity="warning")
        return
    state = screen.state
    try:
        if article_id in state.read_articles:
            screen.library.mark_unread([article_id])
            state.read_articles.discard(article_id)
            message = "Marked unread."
        else:
            screen.library.mark_read(article_id)
            state.read_articles.add(article_id)
            message = "Marked read."
    except LibraryError as error:  # read-only, a full disk
        screen.notify(str(error), severity="error")
        return
    refresh_marks(screen)
    screen.notify(message, timeout=2)


def mark_all_read(screen: MainScreen) -> None:
    from index.library import LibraryError

    state = screen.state
    unread = [row.id for row in state.rows() if row.id not in state.read_articles]
    if not unread:
        screen.notify("Every article in this list is read already.")
        return
    try:
        screen.library.mark_all_read(unread)
    except LibraryError as error:
        screen.notify(str(error), severity="error")
        return
    state.read_articles.update(unread)
    refresh_marks(screen)
    screen.notify(f"Marked {len(unread)} article(s) read.")


def next_unread(screen: MainScreen) -> None:
    """Open the next unread article of the list after the cursor, wrapping round to the top."""
    articles = screen.query_one(ArticleList)
    rows, read = articles.rows, screen.state.read_articles
    if not rows:
        screen.notify("No articles here.", severity="warning")
        return
    start = articles.cursor_row if 0 <= articles.cursor_row < len(rows) else -1
    for step in range(1, len(rows) + 1):
        row = rows[(start + step) % len(rows)]
        if row.id not in read:
            screen.open_target(row.id)
            return
    screen.notify("No unread articles left in this list.")


def unread_only(screen: MainScreen) -> None:
    """Add `is:unread` to the query (or take it away): the list shows only the unread articles."""
    search = screen.query_one("#search", Input)
    words = search.value.split()
    if UNREAD_FILTER in words:
        words = [word for word in words if word != UNREAD_FILTER]
    else:
        words.append(UNREAD_FILTER)
    search.value = " ".join(words)  # Input.Changed searches (or clears the search)


# --- saved searches -------------------------------------------------------------------------------


def save_search(screen: MainScreen) -> None:
    """Ask for a name, and save the query in the search bar under it."""
    from tui.screens.prompt import TextPrompt

    query = screen.query_one("#search", Input).value.strip()
    if not query:
        screen.notify("Nothing to save: search with / first, then S saves the query.", severity="warning")
        return

    def named(name: str | None) -> None:
        from index.library import LibraryError, QueryError

        if name is None:
            return
        try:
            saved = screen.library.save_search(name.strip() or query, query)
        except (LibraryError, QueryError) as error:
            screen.notify(str(error), severity="error")
            return
        screen.notify(f"Saved the search “{saved.name}”: F lists your saved searches.")

    screen.app.push_screen(TextPrompt(f"Save the search {query} as:", value=query, placeholder="a name"), named)


def saved_searches(screen: MainScreen) -> None:
    """The saved searches with their counts; the one chosen runs in the list and counts as viewed."""
    from tui.screens.saved import SavedSearchesScreen

    def chosen(saved: SavedSearch | None) -> None:
        from index.library import LibraryError

        if saved is None:
            return
        try:
            screen.library.mark_search_viewed(saved.name)
        except LibraryError as error:
            screen.notify(str(error), severity="warning")
        search = screen.query_one("#search", Input)
        search.value = saved.query  # Input.Changed runs it
        screen.set_focus(screen.query_one(ArticleList))

    screen.app.push_screen(SavedSearchesScreen(screen.library), chosen)
