"""The quote sidebar: the open article's quotes with speakers and cues, and the outlets that also carried them.

A quote shows who and its cue as the text has it ("Gordon Brown denied"), its kind, and its words
(in quote marks only when direct); a doubtful speaker is marked "?" and dimmer.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.citation import lead, quoted
from index.model import Quote, Statement
from tui.keys import vim_bindings
from tui.render import DOUBTFUL_MARK, plain, statement_diff_text

PREVIEW_CHARS = 90


def quote_prompt(quote: Quote, also_in: list[str], bookmarked: bool) -> Text:
    line = Text()
    if bookmarked:
        line.append("★ ", style="bold yellow")
    if quote.doubtful:  # a mark that reads without colour (ANSI and monochrome themes), and dimmer
        line.append(DOUBTFUL_MARK, style="bold")
    line.append_text(Text(plain(lead(quote.speaker, quote.cue)).plain, style="dim bold" if quote.doubtful else "bold"))
    line.append(f" · {quote.kind}", style="dim")
    text = plain(quote.text).plain
    if len(text) > PREVIEW_CHARS:
        text = text[: PREVIEW_CHARS - 1] + "…"
    line.append("\n")
    line.append(quoted(text, quote.kind), style="dim italic" if quote.doubtful else "italic")
    if also_in:
        line.append("\n")
        line.append("also in: ", style="dim")
        line.append(plain(", ".join(also_in)).plain, style="bold")
    return line


class QuoteSidebar(OptionList):
    """One option per quote of the open article; enter jumps to the reports in other outlets."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "first", "last"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quotes: list[Quote] = []
        self.also_in: dict[str, list[str]] = {}

    def on_focus(self) -> None:
        # Arriving in the pane (tab, a number key, a click) puts the cursor on its first row, so
        # enter acts at once instead of doing nothing.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def show(self, quotes: list[Quote], also_in: dict[str, list[str]], bookmarked: set[str]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.also_in = also_in
        self.refresh_quotes(bookmarked)

    def refresh_quotes(self, bookmarked: set[str]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            [Option(quote_prompt(q, self.also_in.get(q.id, []), q.id in bookmarked), id=q.id) for q in self.quotes]
        )
        if self.quotes:
            self.highlighted = highlighted if highlighted is not None and highlighted < len(self.quotes) else None

    def select_quote(self, quote_id: str) -> None:
        for position, quote in enumerate(self.quotes):
            if quote.id == quote_id:
                self.highlighted = position
                return

    @property
    def current(self) -> Quote | None:
        if self.highlighted is None or not self.quotes:
            return None
        return self.quotes[self.highlighted]


class QuoteDetail(Static):
    """How the highlighted quote's statement reads in each outlet that carried it."""

    def show_statement(self, statement: Statement | None) -> None:
        if statement is None or len(statement.reports) < 2:
            self.display = False
            return
        self.update(statement_diff_text(statement))
        self.display = True
