"""Screens that list rows in a table with the highlighted row's detail under it: the actor view, the bookmarks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.keys import vim_bindings

ResultType = TypeVar("ResultType")
RowType = TypeVar("RowType")


class RowsTable(DataTable[Text]):
    """A table whose cursor moves a row at a time with j/k, and to either end with g/G."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
    ]


class TableScreen(Screen[ResultType]):
    """A screen around one RowsTable and a detail line (the Static at DETAIL): esc goes back; a
    subclass says what the highlighted row's detail reads (`detail`) and opens the row chosen with
    enter or a click (`open_current`)."""

    BINDINGS = [Binding("escape", "back", "Back", id="quotedesk.back")]
    DETAIL = ""  # the selector of the detail line

    def row_under_cursor(self, rows: Sequence[RowType]) -> RowType | None:
        """The one of `rows` (what the table lists, in its order) under the cursor; None when there are none."""
        if not rows:
            return None
        cursor = self.query_one(RowsTable).cursor_row
        return rows[min(max(cursor, 0), len(rows) - 1)]

    def show_detail(self) -> None:
        self.query_one(self.DETAIL, Static).update(self.detail())

    def detail(self) -> Text:
        """The highlighted row's detail (or, with no rows, what to do)."""
        raise NotImplementedError

    def open_current(self) -> None:
        raise NotImplementedError

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_current()

    def action_back(self) -> None:
        self.dismiss(None)
