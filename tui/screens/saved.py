"""The saved searches (newsboat's query feeds): each with its matches and how many are new since it was last viewed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from index.following import SavedSearch
from tui.render import fit, plain
from tui.screens.table import RowsTable, TableScreen

if TYPE_CHECKING:
    from index.library import Library

NAME_WIDTH = 24
COUNT_WIDTH = 7


class SavedSearchesScreen(TableScreen[SavedSearch | None]):
    """Every saved search by name; enter runs it in the list, d removes it, esc goes back."""

    BINDINGS = [Binding("d,delete", "remove", "Remove", id="quotedesk.remove_saved")]
    DETAIL = "#saved-detail"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.searches: list[SavedSearch] = []
        self.counts: dict[str, tuple[int, int]] = {}  # name -> (matches, new since last viewed)
        self.counted = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Saved searches", style="bold"), id="saved-title", classes="screen-title")
        yield RowsTable(cursor_type="row", id="saved-table")
        yield Static("", id="saved-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RowsTable).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="saved", description="Counting the saved searches' matches")
    def reload(self) -> None:
        from index.library import LibraryError, QueryError

        searches = self.library.saved_searches()
        counts: dict[str, tuple[int, int]] = {}
        for saved in searches:
            try:
                counts[saved.name] = self.library.saved_search_counts(saved)
            except (LibraryError, QueryError):
                counts[saved.name] = (-1, -1)  # a query the library no longer takes: shown as such
        self.app.call_from_thread(self._fill, searches, counts)

    def _fill(self, searches: list[SavedSearch], counts: dict[str, tuple[int, int]]) -> None:
        self.searches, self.counts, self.counted = searches, counts, True
        table = self.query_one(RowsTable)
        width = table.scrollable_content_region.width or self.size.width
        row = table.cursor_row
        table.clear(columns=True)
        padding = 2 * table.cell_padding * 4
        query_width = max(20, width - NAME_WIDTH - 2 * COUNT_WIDTH - padding - 1)
        table.add_column("Name", key="name", width=NAME_WIDTH)
        table.add_column("New", key="new", width=COUNT_WIDTH)
        table.add_column("Total", key="total", width=COUNT_WIDTH)
        table.add_column("Query", key="query", width=query_width)
        for saved in searches:
            total, new = counts.get(saved.name, (0, 0))
            table.add_row(
                Text(fit(plain(saved.name).plain, NAME_WIDTH), style="bold" if new > 0 else ""),
                Text(str(new) if new >= 0 else "?", style="bold" if new > 0 else "dim"),
                Text(str(total) if total >= 0 else "?"),
                Text(fit(plain(saved.query).plain, query_width)),
                key=saved.name,
            )
        title = f"Saved searches ({len(searches)}) · enter runs · d removes · esc back"
        self.query_one("#saved-title", Static).update(Text(title, style="bold"))
        if searches:
            table.move_cursor(row=min(max(row, 0), len(searches) - 1))
        self.show_detail()

    def detail(self) -> Text:
        saved = self.row_under_cursor(self.searches)
        if saved is None:
            return Text("No saved searches yet: search with /, then S saves the query with a name.", style="dim")
        total, new = self.counts.get(saved.name, (0, 0))
        text = Text(plain(saved.name).plain, style="bold")
        text.append(f"\n{plain(saved.query).plain}")
        if total < 0:
            text.append("\nThis query no longer runs: remove it (d) and save it again.", style="red")
        else:
            viewed = saved.viewed.replace("T", " ")[:16] or "never"
            text.append(f"\n{total} match(es), {new} new since last viewed ({viewed})", style="dim")
        return text

    def open_current(self) -> None:
        saved = self.row_under_cursor(self.searches)
        if saved is not None:
            self.dismiss(saved)

    def action_remove(self) -> None:
        from index.library import LibraryError

        saved = self.row_under_cursor(self.searches)
        if saved is None:
            return
        try:
            self.library.remove_saved_search(saved.name)
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Removed the saved search “{saved.name}”.")
        self.reload()
