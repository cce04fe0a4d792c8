"""The help screen: every key of the reader, with what it does, as currently mapped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from tui.keys import vim_bindings


class HelpScreen(ModalScreen[None]):
    """Keys grouped by what they act on; esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="quotedesk.close_help"),
        *vim_bindings("scroll_down", "scroll_up"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for number, (title, rows) in enumerate(self.sections):
            if number:
                table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        with VerticalScroll(classes="dialog", id="help-body"):
            yield Static(Text("quotedesk: keys", style="bold"), classes="dialog-title")
            yield Static(table)
            yield Static(
                Text("Keys can be remapped in the [keys] table of config.toml. esc closes this help.", style="dim")
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up()
