"""The actor view: one actor's statements across the library, in date order, with the outlets that carried them."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from index.citation import KIND_LABELS, cue_words, evidence_text, has_evidence, is_direct, lead, quoted
from index.export import ExportSpec
from index.model import Actor, Statement
from tui.appref import ReachesApp
from tui.render import DOUBTFUL_MARK, fit, plain, statement_diff_text
from tui.screens.reports import ReportsScreen, reported_by
from tui.screens.table import RowsTable, TableScreen
from tui.state import ExportScope, file_stem

DATE_WIDTH = 10
OUTLETS_MAX = 40
HEADER_OUTLETS = 8  # outlets named in the header; the rest are counted


def outlets_line(outlets: list[str]) -> str:
    """An actor's outlets for the header: the first few, then how many more; "unknown" when none is named."""
    if not outlets:
        return "unknown"
    shown = ", ".join(outlets[:HEADER_OUTLETS])
    more = len(outlets) - HEADER_OUTLETS
    return f"{shown} and {more} more" if more > 0 else shown


def statement_date(statement: Statement) -> str:
    return statement.reports[0].date if statement.reports else ""


def statement_line(statement: Statement) -> str:
    """A statement in the actor's table: the first report's cue and words ("denied: his forecasts…"),
    in quote marks only when direct; "? " first when its speaker is doubtful."""
    if not statement.reports:
        return statement.text
    quote = statement.reports[0].quote
    cue = cue_words(quote.cue)
    line = f"{cue}: {quoted(statement.text, quote.kind)}" if cue else quoted(statement.text, quote.kind)
    return (DOUBTFUL_MARK + line) if quote.doubtful else line


class ActorScreen(ReachesApp, TableScreen[tuple[str, str] | None]):
    """Answers (article id, quote id) of the report the reader chose to open, or None for back."""

    BINDINGS = [Binding("e", "export", "Export quotes", id="quotedesk.export")]
    DETAIL = "#statement-detail"

    def __init__(self, actor: Actor, statements: list[Statement], article_count: int) -> None:
        super().__init__()
        self.actor = actor
        # Undated statements last; ties keep the library's order.
        self.statements = sorted(statements, key=lambda s: (statement_date(s) == "", statement_date(s)))
        self.article_count = article_count
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="actor-header", classes="screen-title")
        yield RowsTable(cursor_type="row", id="statements-table")
        yield Static("", id="statement-detail")
        yield Footer()

    def _header(self) -> Text:
        actor = self.actor
        text = Text()
        style = self.quotedesk_app.actor_kind_styles().get(actor.kind, "bold")
        text.append_text(Text(plain(actor.name).plain, style=style))
        text.append(f"  {actor.kind}", style="dim italic")
        text.append(
            f"\n{len(self.statements)} statement(s) · {self.article_count} article(s) · "
            f"{actor.mention_count} mention(s)"
        )
        text.append(" · outlets: ")
        text.append(plain(outlets_line(actor.outlets)).plain)
        roles = list(dict.fromkeys(role.text for role in actor.roles))
        if roles:
            text.append("\nRoles: ", style="bold")
            text.append(plain("; ".join(roles[:6])).plain)
        aliases = [alias for alias in actor.aliases if alias != actor.name]
        if aliases:
            text.append("\nAlso called: ", style="bold")
            text.append(plain(", ".join(aliases[:8])).plain)
        text.append("\nenter opens a statement's report · e exports these quotes · esc back", style="dim")
        return text

    def on_mount(self) -> None:
        table = self.query_one(RowsTable)
        self._fill()
        table.focus()
        self.show_detail()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """(Re)fill the table for its width: outlets as wide as they need (capped), text the rest, "…" when cut."""
        table = self.query_one(RowsTable)
        width = table.scrollable_content_region.width or self.size.width
        if width == self._filled_width:
            return
        self._filled_width = width
        row = table.cursor_row
        outlets = [reported_by(statement) for statement in self.statements]
        outlet_width = min(OUTLETS_MAX, max((cell_len(o) for o in outlets), default=0))
        outlet_width = max(len("Outlets"), outlet_width)
        padding = 2 * table.cell_padding * 3
        text_width = max(20, width - DATE_WIDTH - outlet_width - padding - 1)
        table.clear(columns=True)
        table.add_column("Date", key="date", width=DATE_WIDTH)
        table.add_column("Outlets", key="outlets", width=outlet_width)
        table.add_column("Statement", key="text", width=text_width)
        for statement, outlet in zip(self.statements, outlets, strict=True):
            table.add_row(
                Text(statement_date(statement) or "undated"),
                Text(fit(outlet, outlet_width)),
                Text(fit(statement_line(statement), text_width)),
                key=statement.id,
            )
        if self.statements and row > 0:
            table.move_cursor(row=min(row, len(self.statements) - 1))

    def detail(self) -> Text:
        statement = self.row_under_cursor(self.statements)
        if statement is None:
            return Text("No quotes attributed to this actor.", style="dim")
        text = Text()
        first = statement.reports[0].quote if statement.reports else None
        if first is None:
            text.append_text(Text(plain(statement.text).plain, style="italic"))
        else:
            if first.doubtful:
                text.append(DOUBTFUL_MARK, style="bold")
            text.append_text(Text(plain(lead(self.actor.name, first.cue)).plain, style="bold"))
            if not is_direct(first.kind):
                text.append(f" ({KIND_LABELS.get(first.kind, first.kind)})", style="dim")
            text.append(": ")
            text.append_text(Text(plain(quoted(statement.text, first.kind)).plain, style="italic"))
            if has_evidence(first, first.speaker):
                text.append("\n")
                text.append(plain(evidence_text(first, first.speaker)).plain, style="dim")
        if len(statement.reports) > 1:
            text.append("\n")
            text.append_text(statement_diff_text(statement))
        return text

    def open_current(self) -> None:
        statement = self.row_under_cursor(self.statements)
        if statement is None or not statement.reports:
            return
        if len(statement.reports) == 1:
            quote = statement.reports[0].quote
            self.dismiss((quote.article_id, quote.id))
            return

        def chosen(target: tuple[str, str] | None) -> None:
            if target is not None:
                self.dismiss(target)

        self.app.push_screen(ReportsScreen(statement), chosen)

    def action_export(self) -> None:
        spec = ExportSpec("quotes", actor_id=self.actor.id)
        scope = ExportScope(f"quotes of {self.actor.name}", spec, file_stem(self.actor.name, "quotes"))
        self.quotedesk_app.export_quotes({"actor": scope})
