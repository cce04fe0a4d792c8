"""The bookmarks view: browse saved articles and quotes, open one, or remove it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index.model import Bookmark
from tui.keys import vim_bindings
from tui.render import fit, plain

if TYPE_CHECKING:
    from index.library import Library


KIND_WIDTH = 7
OUTLET_WIDTH = 16
NOTE_WIDTH = 24


class BookmarksTable(DataTable):
    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
    ]


class BookmarksScreen(Screen[Bookmark | None]):
    """Every bookmark, newest first; enter opens it, d removes it, esc goes back."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="quotedesk.back"),
        Binding("d,delete", "remove", "Remove", id="quotedesk.remove_bookmark"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.bookmarks: list[Bookmark] = []
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("Bookmarks", style="bold"), id="bookmarks-title", classes="screen-title")
        yield BookmarksTable(cursor_type="row", id="bookmarks-table")
        yield Static("", id="bookmarks-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(BookmarksTable).focus()

    def on_resize(self) -> None:
        if self.query_one(BookmarksTable).scrollable_content_region.width != self._filled_width:
            self._fill()

    def reload(self) -> None:
        """Read the bookmarks again, newest first, and show them."""
        self.bookmarks = sorted(self.library.bookmarks(), key=lambda b: (b.created, b.id), reverse=True)
        self._fill()

    def _fill(self) -> None:
        """Fill the table for its width ("…" where a cell is cut); a resize needs no new query."""
        table = self.query_one(BookmarksTable)
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
            if bookmark.kind == "quote":
                what = f"“{bookmark.text}” — {bookmark.speaker or 'unknown speaker'}"
            else:
                what = bookmark.title
            table.add_row(
                Text(bookmark.kind),
                Text(fit(what, what_width)),
                Text(fit(bookmark.outlet, OUTLET_WIDTH)),
                Text(fit(bookmark.note, NOTE_WIDTH)),
                key=str(bookmark.id),
            )
        title = f"Bookmarks ({len(self.bookmarks)}) · enter opens · d removes · esc back"
        self.query_one("#bookmarks-title", Static).update(Text(title, style="bold"))
        if self.bookmarks:
            table.move_cursor(row=min(max(row, 0), len(self.bookmarks) - 1))
        self._show_detail()

    def _current(self) -> Bookmark | None:
        table = self.query_one(BookmarksTable)
        if not self.bookmarks or table.cursor_row < 0:
            return None
        return self.bookmarks[min(table.cursor_row, len(self.bookmarks) - 1)]

    def _show_detail(self) -> None:
        bookmark = self._current()
        detail = self.query_one("#bookmarks-detail", Static)
        if bookmark is None:
            detail.update(Text("No bookmarks yet: press b on an article or a quote to add one.", style="dim"))
            return
        text = Text()
        text.append_text(Text(plain(bookmark.title).plain, style="bold"))
        meta = " · ".join(part for part in (bookmark.outlet, bookmark.date) if part)
        if meta:
            text.append(f"\n{plain(meta).plain}", style="dim")
        if bookmark.text:
            text.append("\n“")
            text.append(plain(bookmark.text).plain, style="italic")
            text.append(f"” — {plain(bookmark.speaker or 'unknown speaker').plain}")
        if bookmark.note:
            text.append("\nNote: ", style="bold")
            text.append(plain(bookmark.note).plain)
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        bookmark = self._current()
        if bookmark is not None:
            self.dismiss(bookmark)

    def action_remove(self) -> None:
        bookmark = self._current()
        if bookmark is None:
            return
        self.library.remove_bookmark(bookmark.id)
        self.notify("Bookmark removed.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
