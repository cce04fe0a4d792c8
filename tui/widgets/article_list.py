"""The article list: a DataTable of title, outlet and date, filled in chunks so 20,000 rows stay responsive."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from tui.render import plain
from tui.keys import vim_bindings

# Rows added synchronously; the rest arrive in chunks between frames, so the first screen
# appears at once and the list keeps answering keys while a large library fills in.
FIRST_CHUNK = 200
LATER_CHUNK = 2000


@dataclass
class ArticleRow:
    """One row of the list: an article summary or a search hit."""

    id: str
    title: str
    outlet: str
    date: str


class ArticleList(DataTable):
    """Articles of the library (or of a search, or of one actor), one per row, keyed by article id."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
        Binding("enter", "select_cursor", "Open", id="quotedesk.open"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.article_ids: list[str] = []
        self._pending: list[ArticleRow] = []
        self._bookmarked: set[str] = set()
        self._read: set[str] = set()
        self._generation = 0

    def on_mount(self) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_column("Title", key="title", width=52)
        self.add_column("Outlet", key="outlet", width=16)
        self.add_column("Date", key="date", width=10)

    def on_resize(self) -> None:
        # The title takes whatever the mark, outlet and date columns and cell padding leave.
        fixed = sum(column.width for key, column in self.columns.items() if key.value != "title")
        padding = 2 * self.cell_padding * len(self.columns)
        title = self.columns.get(ColumnKey("title"))
        if title is not None:
            title.width = max(20, self.scrollable_content_region.width - fixed - padding - 1)
            self._require_update_dimensions = True
            self.refresh()

    def _mark(self, article_id: str) -> Text:
        if article_id in self._bookmarked:
            return Text("★", style="bold yellow")
        if article_id not in self._read:
            return Text("•", style="bold")
        return Text(" ")

    def _cells(self, row: ArticleRow) -> tuple[Text, Text, Text, Text]:
        return (self._mark(row.id), plain(row.title), plain(row.outlet), plain(row.date))

    def show(self, rows: list[ArticleRow], bookmarked: set[str], read: set[str]) -> None:
        """Replace the rows; the first chunk now, the rest in later frames."""
        self._generation += 1
        self._bookmarked = set(bookmarked)
        self._read = set(read)
        self.clear()
        self.article_ids = [row.id for row in rows]
        self._pending = list(rows[FIRST_CHUNK:])
        for row in rows[:FIRST_CHUNK]:
            self.add_row(*self._cells(row), key=row.id)
        if self._pending:
            generation = self._generation
            self.call_after_refresh(self._add_pending, generation)

    def _add_pending(self, generation: int) -> None:
        if generation != self._generation or not self._pending:
            return
        chunk, self._pending = self._pending[:LATER_CHUNK], self._pending[LATER_CHUNK:]
        for row in chunk:
            self.add_row(*self._cells(row), key=row.id)
        if self._pending:
            self.set_timer(0.01, lambda: self._add_pending(generation))

    @property
    def fully_loaded(self) -> bool:
        return not self._pending

    @property
    def current_id(self) -> str | None:
        """Id of the article under the cursor, None when the list is empty."""
        if not self.row_count:
            return None
        row = min(max(self.cursor_row, 0), self.row_count - 1)
        return self.article_ids[row] if row < len(self.article_ids) else None

    def set_marks(self, bookmarked: set[str], read: set[str]) -> None:
        """Refresh the bookmark and unread marks of the rows already shown."""
        changed = (self._bookmarked ^ bookmarked) | (self._read ^ read)
        self._bookmarked = set(bookmarked)
        self._read = set(read)
        for article_id in changed:
            if article_id in self.rows:
                self.update_cell(article_id, "mark", self._mark(article_id))

    def select_article(self, article_id: str) -> bool:
        """Move the cursor to `article_id`, when it is in the list."""
        try:
            index = self.article_ids.index(article_id)
        except ValueError:
            return False
        if index >= self.row_count:  # not yet added: add the rest now
            while self._pending:
                self._add_pending(self._generation)
        self.move_cursor(row=index)
        return True

    def action_scroll_bottom(self) -> None:
        while self._pending:
            self._add_pending(self._generation)
        self.move_cursor(row=self.row_count - 1)

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)
