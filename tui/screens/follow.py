"""The reader's keys for following a story: read state (m, M, u, U), saved searches (S, ctrl+s), tags (T)
and hand-off to other tools (o, |, E, y).

The main screen's actions are one-line delegates to the functions here, so that the screen keeps
its own code about the list, the search and the article shown.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import tempfile
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from index.following import parse_tags
from index.outlets import outlet_label
from tui.render import printable
from tui.screens.prompt import TextPrompt
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView

if TYPE_CHECKING:
    from index.following import SavedSearch
    from index.model import Article, Bookmark
    from tui.screens.main import MainScreen

UNREAD_FILTER = "is:unread"

BINDINGS = [
    Binding("m", "toggle_read", "Read/unread", show=False, id="quotedesk.toggle_read"),
    Binding("M", "mark_all_read", "All read", show=False, id="quotedesk.mark_all_read"),
    Binding("u", "next_unread", "Next unread", id="quotedesk.next_unread"),
    Binding("U", "unread_only", "Unread only", show=False, id="quotedesk.unread_only"),
    Binding("S", "save_search", "Save search", show=False, id="quotedesk.save_search"),
    Binding("F", "saved_searches", "Saved searches", show=False, id="quotedesk.saved_searches"),
    Binding("o", "open_external", "Open", show=False, id="quotedesk.open_external"),
    Binding("vertical_line", "pipe", "Pipe", show=False, id="quotedesk.pipe"),
    Binding("E", "edit_note", "Edit note", show=False, id="quotedesk.edit_note"),
    Binding("T", "tag", "Tag", show=False, id="quotedesk.tag"),
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


# --- hand-off to other tools ----------------------------------------------------------------------


def article_line(article: Article) -> str:
    """An article as cited: “Title”, outlet, date, URL (what y copies when no quote is focused)."""
    title = f"“{article.title}”" if article.title else "(untitled)"
    parts = [title, outlet_label(article.outlet) if article.outlet else "", article.date]
    line = ", ".join(part for part in parts if part)
    return f"{line} {article.url}" if article.url else line


def article_text(article: Article) -> str:
    """The article as plain text for a pager or a command: title, outlet and date, address, body."""
    head = [article.title or "(untitled)"]
    meta = " · ".join(part for part in (outlet_label(article.outlet), article.byline, article.date) if part)
    if meta:
        head.append(meta)
    if article.url:
        head.append(article.url)
    return "\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"


def run_outside(
    screen: MainScreen, run: Callable[[], subprocess.CompletedProcess[bytes]], *, pause: bool = False
) -> bool:
    """Run a program on the terminal, the reader suspended meanwhile (when the terminal allows; a
    headless run just runs it); with `pause`, its output stays until enter. Says when it failed,
    and returns whether it succeeded."""
    try:
        try:
            with screen.app.suspend():
                done = run()
                if pause:
                    _wait_for_enter()
        except SuspendNotSupported:
            done = run()
    except OSError as error:
        screen.notify(f"Could not run it: {error.strerror or error}", severity="error")
        return False
    if done.returncode:
        said = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f": {said[-1]}" if said else ""
        screen.notify(f"The command ended with status {done.returncode}{detail}", severity="warning")
        return False
    return True


def _wait_for_enter() -> None:
    # The terminal itself, opened anew: the reader's standard input may be left non-blocking.
    with contextlib.suppress(OSError), open("/dev/tty", "rb+", buffering=0) as tty:
        tty.write(b"\n[quotedesk] press enter to return to the reader ")
        tty.readline()


def shown_article(screen: MainScreen) -> Article | None:
    if screen.loaded is None:
        screen.notify("No article shown: open one first.", severity="warning")
        return None
    return screen.loaded.view.article


def open_external(screen: MainScreen) -> None:
    """The article's address in the browser; an article from a file, in $PAGER."""
    article = shown_article(screen)
    if article is None:
        return
    if article.url:
        if _browse(screen, article.url):
            screen.notify(f"Opened {article.url} in the browser.")
        else:
            screen.notify(
                f"No browser could be started for {article.url}: set $BROWSER to a browser command, "
                "or copy the address with y.",
                severity="warning",
            )
        return
    pager = shlex.split(os.environ.get("PAGER", "") or "less")
    source = Path(article.path)
    if source.is_file() and article.format in ("txt", "md"):
        run_outside(screen, lambda: subprocess.run([*pager, str(source)], check=False))
        return
    text = _text_file(article_text(article), "quotedesk-")
    try:
        run_outside(screen, lambda: subprocess.run([*pager, str(text)], check=False))
    finally:
        text.unlink(missing_ok=True)


def _browse(screen: MainScreen, url: str) -> bool:
    """Open `url` in the browser; the reader is suspended meanwhile, as a text browser takes the terminal."""
    try:
        with screen.app.suspend():
            return webbrowser.open(url)
    except SuspendNotSupported:
        return webbrowser.open(url)


def _text_file(text: str, prefix: str) -> Path:
    """`text` in a new temporary file (the caller removes it)."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix=prefix, suffix=".txt", delete=False) as handle:
        handle.write(text)
    return Path(handle.name)


def pipe(screen: MainScreen) -> None:
    """Ask for a shell command, and give it the focused quote (as cited) or else the article on its input."""
    from tui.screens.main import attribution

    article = shown_article(screen)
    if article is None:
        return
    quote = screen.focused_quote()
    what = "the quote" if quote is not None else "the article"
    data = (attribution(quote, article) + "\n") if quote is not None else article_text(article)

    def typed(command: str | None) -> None:
        if not command or not command.strip():
            return
        stdin = data.encode("utf-8")
        if run_outside(screen, lambda: subprocess.run(command, shell=True, input=stdin, check=False), pause=True):
            screen.notify(f"Piped {what} to: {command}")

    screen.app.push_screen(
        TextPrompt(f"Pipe {what} to the command:", placeholder="e.g. wc -w, or cat > file.txt"), typed
    )


def bookmark_here(screen: MainScreen) -> Bookmark | None:
    """The bookmark of the focused quote, else of the article shown."""
    if screen.loaded is None:
        return None
    article_id = screen.loaded.view.article.id
    quote = screen.focused_quote()
    quote_id = quote.id if quote is not None else ""
    for bookmark in screen.library.bookmarks():
        if bookmark.article_id == article_id and bookmark.quote_id == quote_id:
            return bookmark
    return None


def edit_note(screen: MainScreen) -> None:
    """The note of the bookmark here, in $EDITOR (falling back to $VISUAL, then vi)."""
    from index.library import LibraryError

    bookmark = bookmark_here(screen)
    if bookmark is None:
        screen.notify("No bookmark here: b bookmarks the article or the focused quote first.", severity="warning")
        return
    editor = shlex.split(os.environ.get("EDITOR", "") or os.environ.get("VISUAL", "") or "vi")
    path = _text_file(bookmark.note, "quotedesk-note-")
    try:
        run_outside(screen, lambda: subprocess.run([*editor, str(path)], check=False))
        note = path.read_text(encoding="utf-8", errors="replace").strip()
    finally:
        path.unlink(missing_ok=True)
    if note == bookmark.note:
        screen.notify("The note is unchanged.")
        return
    try:
        screen.library.set_bookmark_note(bookmark.id, note)
    except LibraryError as error:
        screen.notify(str(error), severity="error")
        return
    screen.notify("The bookmark's note is saved.")


# --- tags -----------------------------------------------------------------------------------------


class TagSuggester(Suggester):
    """Completes the word being typed from the tags in use (→ takes the completion)."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        match = re.search(r"[^\s,]*$", value)
        if match is None or not match.group(0):
            return None
        word = match.group(0).casefold()
        start = value[: match.start()]
        typed = set(parse_tags(start))
        for name in self.tags:
            if name.startswith(word) and name != word and name not in typed:
                return start + name
        return None


class TagPrompt(TextPrompt):
    """The tags of an article or a quote, as one line; completion from the tags in use."""

    def __init__(self, question: str, value: str, tags: list[str]) -> None:
        super().__init__(question, value=value, placeholder="tags, separated by spaces or commas")
        self.tags = tags

    def on_mount(self) -> None:
        self.query_one(Input).suggester = TagSuggester(self.tags)


def tag(screen: MainScreen) -> None:
    """Tag the focused quote, else the article (the list's cursor when the list has focus)."""
    from index.library import LibraryError

    quote = screen.focused_quote() if screen.focused is not screen.query_one(ArticleList) else None
    if quote is not None and screen.loaded is not None:
        article_id: str | None = screen.loaded.view.article.id
    else:
        quote, article_id = None, target_article(screen)
    if article_id is None:
        screen.notify("Nothing to tag: open an article first.", severity="warning")
        return
    tagged = article_id
    quote_id = quote.id if quote is not None else ""
    speaker = printable(quote.speaker) if quote is not None and quote.speaker else "unknown speaker"
    what = f"the quote by {speaker}" if quote is not None else "the article"
    library = screen.library
    current = library.tags(tagged, quote_id)
    in_use = [name for name, _count in library.all_tags()]

    def typed(value: str | None) -> None:
        if value is None:
            return
        try:
            kept = library.set_tags(tagged, quote_id, value.split())
        except LibraryError as error:
            screen.notify(str(error), severity="error")
            return
        if not quote_id and screen.loaded is not None and screen.loaded.view.article.id == tagged:
            screen.loaded.view.tags = kept
            screen.query_one(ReadingView).show_article(screen.loaded.view)  # the header names the tags
        if kept:
            screen.notify(f"Tagged {what}: {', '.join(kept)} (search with tag:{kept[0]}).")
        else:
            screen.notify(f"{what[0].upper()}{what[1:]} has no tags now.")

    question = f"Tags of {what} (→ completes from the tags in use):"
    screen.app.push_screen(TagPrompt(question, " ".join(current), in_use), typed)
