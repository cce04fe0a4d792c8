"""The quotedesk reader: a Textual app over one `Library`, with themes, key remaps and exports."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from rich.style import Style
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from index.export import ExportSpec
from tui import config
from tui.render import kind_styles
from tui.screens.export import ExportRequest, ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import ExportScope

if TYPE_CHECKING:
    from index.library import Library

# (binding id, default keys as shown, what it does), grouped as the help screen shows them.
HELP_SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Move",
        [
            ("quotedesk.down", "j ↓", "down"),
            ("quotedesk.up", "k ↑", "up"),
            ("quotedesk.top", "g", "top"),
            ("quotedesk.bottom", "G", "bottom"),
            ("quotedesk.open", "enter", "open the article, quote or actor"),
            ("quotedesk.page_down", "space", "page down in the reading view (pageup/pagedown too)"),
            ("", "tab / shift+tab", "next / previous pane"),
            ("quotedesk.pane_articles", "1", "article list"),
            ("quotedesk.pane_reader", "2", "reading view"),
            ("quotedesk.pane_actors", "3", "actors of the article"),
            ("quotedesk.pane_quotes", "4", "quotes of the article"),
            ("quotedesk.back", "esc", "back: leave search, clear a search or filter"),
        ],
    ),
    (
        "Search and read",
        [
            ("quotedesk.search", "/", "search (as you type; enter takes a did-you-mean)"),
            ("quotedesk.next_hit", "n", "next search hit in the article"),
            ("quotedesk.previous_hit", "N", "previous search hit"),
            ("quotedesk.next_quote", "]", "next quote in the article"),
            ("quotedesk.previous_quote", "[", "previous quote"),
            ("quotedesk.sort", "s", "cycle the sort; or click a column header"),
        ],
    ),
    (
        "Quotes and actors",
        [
            ("quotedesk.actor", "a", "actor view: all their statements, list filtered to them"),
            ("", "enter on a quote", "its reports in other outlets, with word differences"),
            ("quotedesk.copy", "y", "copy the focused quote with attribution and source"),
            ("quotedesk.bookmark", "b", "bookmark the article or the focused quote (with a note)"),
            ("quotedesk.bookmarks", "B", "bookmarks: browse, open, remove (d)"),
            ("quotedesk.export", "e", "export quotes to Markdown, CSV or JSON"),
        ],
    ),
    (
        "App",
        [
            ("quotedesk.help", "? F1", "this help"),
            ("", "ctrl+p", "command palette: every action"),
            ("quotedesk.theme", "t", "choose a theme (remembered)"),
            ("quotedesk.quit", "q", "quit"),
        ],
    ),
]

# What the command palette offers: (title, help, action on the main screen or app).
PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    ("Search", "Focus the search bar", "screen.focus_search"),
    ("Next hit", "Go to the next search hit in the article", "screen.next_hit"),
    ("Previous hit", "Go to the previous search hit in the article", "screen.previous_hit"),
    ("Next quote", "Go to the next quote in the article", "screen.next_quote"),
    ("Previous quote", "Go to the previous quote in the article", "screen.previous_quote"),
    ("Bookmark", "Bookmark the article or the focused quote", "screen.bookmark"),
    ("Bookmarks", "Browse and remove bookmarks", "screen.bookmarks"),
    ("Export", "Export quotes to Markdown, CSV or JSON", "screen.export"),
    ("Copy quote", "Copy the focused quote with attribution", "screen.copy_quote"),
    ("Actor view", "All statements of the focused actor", "screen.actor_view"),
    ("Sort", "Sort the list by date, outlet, title or relevance", "screen.cycle_sort"),
    ("Articles pane", "Focus the article list", "screen.focus_pane(0)"),
    ("Reading pane", "Focus the reading view", "screen.focus_pane(1)"),
    ("Actors pane", "Focus the actor sidebar", "screen.focus_pane(2)"),
    ("Quotes pane", "Focus the quote sidebar", "screen.focus_pane(3)"),
    ("Back", "Leave the search, clear a search or filter", "screen.back"),
    ("Help", "Show every key", "app.help"),
]


class QuotedeskApp(App):
    """The reader. `library_root` None means the user's library; `add_paths` are added on start."""

    TITLE = "quotedesk"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="quotedesk.help"),
        Binding("t", "change_theme", "Theme", show=False, id="quotedesk.theme"),
        Binding("q", "quit", "Quit", id="quotedesk.quit"),
    ]

    def __init__(
        self,
        library_root: Path | None = None,
        add_paths: list[Path] | None = None,
        *,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.add_paths = list(add_paths or [])
        self.cursor_blink = cursor_blink
        self.library: Library | None = None
        self._library_lock = threading.Lock()
        self.keymap_problem = ""
        self._kind_styles: tuple[str, dict[str, Style]] | None = None

    def on_mount(self) -> None:
        keymap, self.keymap_problem = config.load_keymap()
        known = known_binding_ids()
        unknown = [name for name in keymap if self._binding_id(name) not in known]
        if unknown and not self.keymap_problem:
            self.keymap_problem = (
                f"Unknown key name(s) in the [keys] table of config.toml, ignored: {', '.join(unknown)}; "
                "the help (?) lists the names."
            )
        self.set_keymap({self._binding_id(name): keys for name, keys in keymap.items() if name not in unknown})
        theme = config.load_theme()
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen())
        if self.keymap_problem:
            self.notify(self.keymap_problem, severity="warning")

    @staticmethod
    def _binding_id(name: str) -> str:
        return name if name.startswith("quotedesk.") else f"quotedesk.{name}"

    def _remember_theme(self, theme: Theme) -> None:
        try:
            config.save_theme(theme.name)
        except OSError as error:
            self.notify(f"Could not remember the theme: {error}", severity="warning")

    def actor_kind_styles(self) -> dict[str, Style]:
        """Actor kind -> style in the current theme's colours, worked out once per theme."""
        if self._kind_styles is None or self._kind_styles[0] != self.theme:
            self._kind_styles = (self.theme, kind_styles(self.get_css_variables()))
        return self._kind_styles[1]

    def open_library(self) -> Library:
        """The Library, opened on first use (safe to call from a worker thread)."""
        from index.library import Library

        with self._library_lock:
            if self.library is None:
                self.library = Library.open(self.library_root)
            return self.library

    # --- help and palette ---

    def help_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """The help rows (keys, what they do, config name) with the keys as currently mapped."""
        sections = []
        for title, rows in HELP_SECTIONS:
            shown = []
            for binding_id, default, description in rows:
                keys = self._keymap.get(binding_id) if binding_id else None
                name = binding_id.removeprefix("quotedesk.")
                shown.append((keys.replace(",", " ") if keys else default, description, name))
            sections.append((title, shown))
        return sections

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for title, help_text, action in PALETTE_ACTIONS:
                yield SystemCommand(title, help_text, lambda action=action: self.run_action(action, screen))
        else:
            yield SystemCommand("Help", "Show every key", self.action_help)

    # --- export ---

    def export_quotes(self, scopes: dict[str, ExportScope]) -> None:
        """Ask what to export where (scope key -> label, what to export, file stem), then write it in a worker."""
        from index.export import EXPORT_FORMATS

        folder = Path(platformdirs.user_documents_dir())
        formats = tuple(EXPORT_FORMATS) or ("md", "csv", "json")
        labels = {key: scope.label for key, scope in scopes.items()}
        stems = {key: scope.stem for key, scope in scopes.items()}

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.write_export(request, scopes[request.scope].spec)

        self.push_screen(ExportScreen(labels, folder, formats, stems=stems), chosen)

    @work(thread=True, group="export", description="Exporting quotes")
    def write_export(self, request: ExportRequest, spec: ExportSpec) -> None:
        """Write the same files as `quotedesk export`: quotes, bookmarks, or search hits."""
        try:
            count = self.open_library().export(spec, request.fmt, request.path)
        except Exception as error:  # a user-facing failure: one sentence, not a traceback
            self.call_from_thread(self.notify, f"Export failed: {error}", severity="error")
            return
        self.call_from_thread(self.notify, f"Exported {count} row(s) to {request.path}.")


def known_binding_ids() -> set[str]:
    """Every binding id the reader's screens and widgets use: the names config.toml may remap."""
    from tui.screens.actor import ActorScreen, StatementsTable
    from tui.screens.bookmarks import BookmarksScreen, BookmarksTable
    from tui.screens.prompt import ConfirmPrompt, TextPrompt
    from tui.screens.reports import ReportsScreen
    from tui.widgets.actor_sidebar import ActorSidebar
    from tui.widgets.article_list import ArticleList
    from tui.widgets.quote_sidebar import QuoteSidebar
    from tui.widgets.reading_view import ReadingView

    classes = (
        QuotedeskApp, MainScreen, HelpScreen, ExportScreen, ActorScreen, StatementsTable, BookmarksScreen,
        BookmarksTable, TextPrompt, ConfirmPrompt, ReportsScreen, ActorSidebar, ArticleList, QuoteSidebar, ReadingView,
    )
    return {
        binding.id
        for cls in classes
        for binding in cls.BINDINGS
        if isinstance(binding, Binding) and binding.id
    }


def run_reader(library_root: Path | None = None, add_paths: list[Path] | None = None) -> None:
    """Open the reader (what `quotedesk` and `quotedesk PATH...` run)."""
    QuotedeskApp(library_root=library_root, add_paths=add_paths).run()
