"""The bookmarks view: browse saved articles and quotes, open one, or remove it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from index.citation import UNKNOWN_SPEAKER, citation
from index.model import Bookmark, Quote
from index.outlets import outlet_label
from tui.render import fit, plain
from tui.screens.table import RowsTable, TableScreen

if TYPE_CHECKING:
    from index.library import Library


KIND_WIDTH = 7
OUTLET_WIDTH = 16
NOTE_WIDTH = 24


class BookmarksScreen(TableScreen[Bookmark | None]):
    """Every bookmark, newest first; enter opens it, d removes it, esc goes back."""

    BINDINGS = [
        Binding("d,delete", "remove", "Remove", id="quotedesk.remove_bookmark"),
        Binding("n", "edit_note", "Edit note", id="quotedesk.bookmark_note"),
    ]
    DETAIL = "#bookmarks-detail"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.bookmarks: list[Bookmark] = []
        self.quotes: dict[int, Quote | None] = {}  # bookmark id -> the quote it keeps, while the library has it
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("Bookmarks", style="bold"), id="bookmarks-title", classes="screen-title")
        yield RowsTable(cursor_type="row", id="bookmarks-table")
        yield Static("", id="bookmarks-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowsTable).focus()

    def on_resize(self) -> None:
        if self.query_one(RowsTable).scrollable_content_region.width != self._filled_width:
            self._fill()

    def reload(self) -> None:
        """Read the bookmarks again, newest first, and show them."""
        self.bookmarks = sorted(self.library.bookmarks(), key=lambda b: (b.created, b.id), reverse=True)
        self.quotes = {b.id: self.library.bookmarked_quote(b) for b in self.bookmarks if b.quote_id}
        self._fill()

    def cited(self, bookmark: Bookmark) -> str:
        """A bookmarked quote as cited: with its cue, in quote marks only when direct; without marks when
        the library no longer has the quote (its kind is not known then)."""
        quote = self.quotes.get(bookmark.id)
        if quote is not None:
            return citation(quote, bookmark.speaker)
        return f"{bookmark.speaker or UNKNOWN_SPEAKER}: {bookmark.text}"

    def _fill(self) -> None:
        """Fill the table for its width ("…" where a cell is cut); a resize needs no new query."""
        table = self.query_one(RowsTable)
        width = table.scrollable_content_region.width or self.size.width
        self._filled_width = width
        row = table.cursor_row
        table.clear(columns=True)
        padding = 2 * table.cell_padding * 4
        what_width = max(20, width - KIND_WIDTH - OUTLET_WIDTH - NOTE_WIDTH - padding - 1)
        table.add_column("Kind", key="kind", width=KIND_WIDTH)
        table.add_column("What", key="what", width=what_width)
        table.add_column("Source", key="outlet", width=OUTLET_WIDTH)
        table.add_column("Note", key="note", width=NOTE_WIDTH)
        for bookmark in self.bookmarks:
            what = self.cited(bookmark) if bookmark.kind == "quote" else bookmark.title
            table.add_row(
                Text(bookmark.kind),
                Text(fit(what, what_width)),
                Text(fit(outlet_label(bookmark.outlet), OUTLET_WIDTH)),
                Text(fit(bookmark.note, NOTE_WIDTH)),
                key=str(bookmark.id),
            )
        title = f"Bookmarks ({len(self.bookmarks)}) · enter opens · n edits the note · d removes · esc back"
        self.query_one("#bookmarks-title", Static).update(Text(title, style="bold"))
        if self.bookmarks:
            table.move_cursor(row=min(max(row, 0), len(self.bookmarks) - 1))
        self.show_detail()

    def detail(self) -> Text:
        bookmark = self.row_under_cursor(self.bookmarks)
        if bookmark is None:
            return Text("No bookmarks yet: press b on an article or a quote to add one.", style="dim")
        text = Text()
        text.append_text(Text(plain(bookmark.title).plain, style="bold"))
        meta = " · ".join(part for part in (outlet_label(bookmark.outlet), bookmark.date) if part)
        if meta:
            text.append(f"\n{plain(meta).plain}", style="dim")
        if bookmark.text:
            text.append("\n")
            text.append(plain(self.cited(bookmark)).plain, style="italic")
        if bookmark.note:
            text.append("\nNote: ", style="bold")
            text.append(plain(bookmark.note).plain)
        return text

    def open_current(self) -> None:
        bookmark = self.row_under_cursor(self.bookmarks)
        if bookmark is not None:
            self.dismiss(bookmark)

    def action_edit_note(self) -> None:
        """Edit the highlighted bookmark's note (after the fact)."""
        from index.library import LibraryError
        from tui.screens.prompt import TextPrompt

        bookmark = self.row_under_cursor(self.bookmarks)
        if bookmark is None:
            return

        def typed(note: str | None) -> None:
            if note is None:
                return
            try:
                self.library.set_bookmark_note(bookmark.id, note.strip())
            except LibraryError as error:
                self.notify(str(error), severity="error")
                return
            self.notify("The note is saved.")
            self.reload()

        what = plain(self.cited(bookmark) if bookmark.quote_id else bookmark.title).plain
        self.app.push_screen(TextPrompt(f"Note of the bookmark:\n{what}", value=bookmark.note), typed)

    def action_remove(self) -> None:
        bookmark = self.row_under_cursor(self.bookmarks)
        if bookmark is None:
            return
        self.library.remove_bookmark(bookmark.id)
        self.notify("Bookmark removed.")
        self.reload()
