"""The help screen: every key of the reader, with what it does, as currently mapped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.keys import vim_bindings


class HelpScreen(ModalScreen[None]):
    """Keys grouped by what they act on, with the name each has in config.toml; esc, q or ? closes it.

    `sections` holds (title, rows), a row being (keys, description, remap name or "").
    """

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="quotedesk.close_help"),
        *vim_bindings("scroll_down", "scroll_up", "scroll_top", "scroll_bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)
        for number, (title, rows) in enumerate(self.sections):
            if number:
                table.add_row("", "", "")
            heading = Text("config name", style="dim italic") if not number else ""
            table.add_row(Text(title, style="bold underline"), "", heading)
            for keys, description, name in rows:
                table.add_row(Text(keys), Text(description), Text(name))
        with VerticalScroll(classes="dialog", id="help-body"):
            yield Static(Text("quotedesk: keys", style="bold"), classes="dialog-title")
            yield Static(table)
            yield Static(
                Text(
                    "Remap a key in config.toml, by its config name: [keys] then a line like "
                    'bookmark = "m" or search = ["slash", "ctrl+f"]. esc closes this help.',
                    style="dim",
                )
            )
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)

    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll_down(self) -> None:
        self._body().scroll_relative(y=3, animate=False)

    def action_scroll_up(self) -> None:
        self._body().scroll_relative(y=-3, animate=False)

    def action_scroll_top(self) -> None:
        self._body().scroll_home(animate=False)

    def action_scroll_bottom(self) -> None:
        self._body().scroll_end(animate=False)

    def action_page_down(self) -> None:
        self._body().scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self._body().scroll_page_up(animate=False)
