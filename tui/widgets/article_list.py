"""The article list: a virtual list that renders only the visible rows, so 20,000 articles cost nothing to show.

The rows live in memory as a sequence of objects with `id`, `title`, `outlet` and `date`
(`ArticleSummary` or `ArticleRow`); the list draws one line per visible row through Textual's
Line API. Sorting and filtering happen outside (in memory) and arrive here as a new sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from index.outlets import outlet_label
from tui.keys import vim_bindings
from tui.render import fit
from tui.state import ArticleRow, ListRow

__all__ = ["ArticleList", "ArticleRow", "Columns", "ListRow"]

DATE_WIDTH = 10
OUTLET_MAX = 20
OUTLET_MIN = 6
TITLE_MIN = 12
GAP = 2
SORT_LABELS = {"date": "Date", "outlet": "Outlet", "title": "Title"}


@dataclass(frozen=True)
class Columns:
    """Cell widths of one line: mark, title, outlet (0 when hidden), date (0 when hidden)."""

    title: int
    outlet: int
    date: int


class ArticleList(ScrollView, can_focus=True):
    """Articles of the library (or of a search, or of one actor), one line each, with a cursor."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select_cursor", "Open", id="quotedesk.open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--header",
        "article-list--cursor",
        "article-list--bookmarked",
        "article-list--unread",
        "article-list--dim",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .article-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .article-list--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .article-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--bookmarked {
            color: $text-warning;
            text-style: bold;
        }
        & > .article-list--unread {
            text-style: bold;
        }
        & > .article-list--dim {
            color: $text-muted;
        }
    }
    """

    class _ListMessage(Message):
        def __init__(self, article_list: ArticleList) -> None:
            super().__init__()
            self.article_list = article_list

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class _ArticleMessage(_ListMessage):
        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__(article_list)
            self.article_id = article_id

    class Highlighted(_ArticleMessage):
        """The cursor moved to another article."""

    class SortChosen(_ListMessage):
        """A column header was clicked: sort the list by `sort`."""

        def __init__(self, article_list: ArticleList, sort: str) -> None:
            super().__init__(article_list)
            self.sort = sort

    class Selected(_ArticleMessage):
        """The reader chose the article under the cursor (enter or a click on it)."""

    class NearEnd(_ListMessage):
        """The cursor or the view came within a page of the last row (a paged list can add rows)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[ListRow] = ()
        self.cursor_row = 0
        self.sort = "date"
        self._ids: list[str] | None = None
        self._positions: dict[str, int] | None = None
        self._outlet_width = 0
        self._bookmarked: set[str] = set()
        self._read: set[str] = set()

    # --- contents ---

    def show(
        self,
        rows: Sequence[ListRow],
        bookmarked: set[str],
        read: set[str],
        keep: str | None = None,
        *,
        positions: dict[str, int] | None = None,
        outlet_width: int | None = None,
    ) -> None:
        """Replace the rows; the cursor goes to `keep` when listed, else to the first row.

        `positions` (article id -> position in `rows`) and `outlet_width` (the longest outlet, in
        cells) spare a pass over every row when the caller has them already: at 20,000 rows
        each pass costs tens of milliseconds.
        """
        self.rows = rows
        self._ids = None
        self._positions = positions
        self._bookmarked = bookmarked
        self._read = read
        if outlet_width is None:
            outlet_width = max((cell_len(outlet_label(outlet)) for outlet in {row.outlet for row in rows}), default=0)
        self._outlet_width = min(OUTLET_MAX, outlet_width)
        self._update_virtual_size()
        position = self.index_of(keep) if keep else None
        self.cursor_row = -1
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_cursor(row=position if position is not None else 0)
        self.refresh()

    def extend(self, rows: Sequence[ListRow]) -> None:
        """Rows that begin with the rows shown and go on (the next page of a search): the cursor,
        the view and the marks stay where they are."""
        self.rows = rows
        self._ids = None
        self._positions = None
        self._update_virtual_size()
        self.refresh()
        self._check_near_end()

    @property
    def article_ids(self) -> list[str]:
        """Ids of the rows in list order (built on first use after a change)."""
        if self._ids is None:
            self._ids = [row.id for row in self.rows]
        return self._ids

    def index_of(self, article_id: str) -> int | None:
        """The position of `article_id` in the list, None when it is not listed."""
        if self._positions is None:
            self._positions = {row.id: number for number, row in enumerate(self.rows)}
        return self._positions.get(article_id)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def fully_loaded(self) -> bool:
        """Always: every row is in memory and drawn on demand (kept for the benchmark's probes)."""
        return True

    @property
    def current_id(self) -> str | None:
        """Id of the article under the cursor, None when the list is empty."""
        if not self.rows or not 0 <= self.cursor_row < len(self.rows):
            return None
        return self.rows[self.cursor_row].id

    def mark(self, article_id: str) -> str:
        """The mark column of an article: ★ bookmarked, • unread, blank when read."""
        if article_id in self._bookmarked:
            return "★"
        if article_id not in self._read:
            return "•"
        return " "

    def set_marks(self, bookmarked: set[str], read: set[str]) -> None:
        """Refresh the bookmark and unread marks."""
        self._bookmarked = set(bookmarked)
        self._read = set(read)
        self.refresh()

    def set_sort(self, sort: str) -> None:
        """Name the column the rows are sorted by (shown in the header)."""
        self.sort = sort
        self.refresh()

    # --- the cursor ---

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (clamped), scroll it into view, and say so when it changed."""
        if not self.rows:
            self.cursor_row = 0
            self.refresh()
            return
        row = min(max(row, 0), len(self.rows) - 1)
        changed = row != self.cursor_row
        self.cursor_row = row
        self._scroll_to_cursor()
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(self, self.rows[row].id))
        self._check_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_near_end()

    def _check_near_end(self) -> None:
        if not self.rows:
            return
        shown_to = max(self.cursor_row, int(self.scroll_y) + self._page)
        if shown_to >= len(self.rows) - self._page:
            self.post_message(self.NearEnd(self))

    def _scroll_to_cursor(self) -> None:
        page = self._page
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False, immediate=True)

    def select_article(self, article_id: str) -> bool:
        """Move the cursor to `article_id`, when it is in the list."""
        position = self.index_of(article_id)
        if position is None:
            return False
        self.move_cursor(position)
        return True

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_scroll_top(self) -> None:
        self.move_cursor(0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page)

    def action_select_cursor(self) -> None:
        current = self.current_id
        if current is not None:
            self.post_message(self.Selected(self, current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < 1:
            sort = self._column_at(offset.x)
            if sort:
                self.post_message(self.SortChosen(self, sort))
            return
        row = int(self.scroll_y) + offset.y - 1
        if not 0 <= row < len(self.rows):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    def _column_at(self, x: int) -> str:
        """The sort a header click at cell `x` asks for ("" between columns)."""
        columns = self._columns(self.scrollable_content_region.width)
        title_end = 2 + columns.title
        outlet_start = title_end + GAP
        date_start = outlet_start + (columns.outlet + GAP if columns.outlet else 0)
        if x < title_end:
            return "title"
        if columns.outlet and outlet_start <= x < outlet_start + columns.outlet:
            return "outlet"
        if columns.date and date_start <= x < date_start + columns.date:
            return "date"
        return ""

    # --- drawing ---

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def _update_virtual_size(self) -> None:
        # One header line plus one per row; never wider than the pane (no horizontal scroll).
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    def _columns(self, width: int) -> Columns:
        """Widths for `width` cells: the title takes what mark, outlet and date leave."""
        rest = width - 2  # the mark and a space before the title
        date = DATE_WIDTH if rest - DATE_WIDTH - GAP >= TITLE_MIN else 0
        rest -= date + (GAP if date else 0)
        outlet = min(self._outlet_width, max(OUTLET_MIN, rest // 3))
        if rest - outlet - GAP < TITLE_MIN:
            outlet = 0
        rest -= outlet + (GAP if outlet else 0)
        return Columns(title=max(rest, 0), outlet=outlet, date=date)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        columns = self._columns(width)
        if y == 0:
            return self._header(width, columns, base + self.get_component_rich_style("article-list--header"))
        row = int(self.scroll_y) + y - 1
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, base)
        article = self.rows[row]
        style = base
        if row == self.cursor_row:
            style = base + self.get_component_rich_style("article-list--cursor")
        mark = self.mark(article.id)
        mark_style = style
        if mark == "★":
            mark_style = style + self.get_component_rich_style("article-list--bookmarked", partial=True)
        elif mark == "•":
            mark_style = style + self.get_component_rich_style("article-list--unread", partial=True)
        segments = [Segment(mark, mark_style), Segment(" " + fit(article.title or "(untitled)", columns.title), style)]
        if columns.outlet:
            segments.append(Segment(" " * GAP + fit(outlet_label(article.outlet), columns.outlet), style))
        if columns.date:
            segments.append(Segment(" " * GAP + fit(article.date, columns.date), style))
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def _header(self, width: int, columns: Columns, style: Style) -> Strip:
        def label(name: str, text: str) -> str:
            return text + (" ▼" if self.sort == name else "")

        title = "Title · by relevance" if self.sort == "score" else label("title", "Title")
        line = "  " + fit(title, columns.title)
        if columns.outlet:
            line += " " * GAP + fit(label("outlet", "Outlet"), columns.outlet)
        if columns.date:
            line += " " * GAP + fit(label("date", "Date"), columns.date)
        return Strip([Segment(line, style)]).extend_cell_length(width, style).crop(0, width)
