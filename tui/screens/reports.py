"""The reports of one statement: each outlet's wording, the word-level difference, and a jump to each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index.citation import KIND_LABELS, cue_words, is_direct, quoted
from index.model import Report, Statement
from index.outlets import UNKNOWN_OUTLET, outlet_label
from tui.keys import vim_bindings
from tui.render import plain, word_diff_text


def report_prompt(report: Report, first: bool) -> Text:
    line = Text()
    line.append_text(Text(plain(outlet_label(report.outlet)).plain, style="bold"))
    if report.date:
        line.append(f" · {report.date}", style="dim")
    if first:
        line.append(" · first report", style="dim italic")
    line.append("\n")
    line.append_text(Text(plain(report.title).plain, style="dim"))
    line.append("\n")
    # The cue as this report has it ("denied", "did not say"), then its words: in quote marks only when
    # direct, reported speech marked so.
    quote = report.quote
    cue = cue_words(quote.cue) or "no cue"
    line.append(f"{plain(cue).plain}", style="bold")
    if not is_direct(quote.kind):
        line.append(f" ({KIND_LABELS.get(quote.kind, quote.kind)})", style="dim")
    line.append(": ")
    if first or not report.diff:
        line.append_text(Text(plain(quoted(quote.text, quote.kind)).plain, style="italic"))
    else:
        line.append_text(word_diff_text(report.diff, same_style="italic"))
    if report.link_reason:
        line.append("\n")
        line.append(f"linked: {plain(report.link_reason).plain}", style="dim")
    return line


def reported_by(statement: Statement) -> str:
    """The outlets that carried a statement, with "unknown outlet" where some report names none."""
    outlets = list(statement.outlets)
    if any(not report.outlet for report in statement.reports):
        outlets.append(UNKNOWN_OUTLET)
    return ", ".join(outlets)


class ReportsScreen(ModalScreen[tuple[str, str] | None]):
    """Pick a report of a statement to open it: answers (article id, quote id)."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="quotedesk.back"),
        *vim_bindings("cursor_down", "cursor_up"),
    ]

    def __init__(self, statement: Statement, current_article: str = "") -> None:
        super().__init__()
        self.statement = statement
        self.current_article = current_article

    def compose(self) -> ComposeResult:
        statement = self.statement
        with Vertical(classes="dialog wide"):
            title = Text()
            title.append_text(Text(plain(statement.speaker or "unknown speaker").plain, style="bold"))
            title.append(f" · reported in {len(statement.reports)} articles: ")
            title.append(plain(reported_by(statement)).plain)
            yield Static(title, classes="dialog-title")
            yield Static(Text("green underlined: words this report added · red struck: words it left out", style="dim"))
            yield OptionList(
                *[
                    Option(report_prompt(report, number == 0), id=str(number))
                    for number, report in enumerate(statement.reports)
                ],
                id="reports-list",
            )
            yield Static(Text("enter: open that report · esc: back", style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#reports-list", OptionList)
        options.focus()
        # Start on the first report from another article: the point of coming here is to jump away.
        for number, report in enumerate(self.statement.reports):
            if report.quote.article_id != self.current_article:
                options.highlighted = number
                break

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        report = self.statement.reports[event.option_index]
        self.dismiss((report.quote.article_id, report.quote.id))

    def action_cursor_down(self) -> None:
        self.query_one("#reports-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#reports-list", OptionList).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)
