"""The quotedesk reader: a Textual app over one `Library`, with themes, key remaps and exports."""

from __future__ import annotations

import threading
import tomllib
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
from tui.render import kind_styles, printable
from tui.screens.export import ExportRequest, ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import ExportScope

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from index.library import Library

HelpRow = tuple[str, str, str]  # (binding id or "", default keys as shown, what it does)
PaletteAction = tuple[str, str, str]  # (title, help, action on the main screen or the app)


def _help_tables() -> tuple[list[tuple[str, list[HelpRow]]], list[PaletteAction]]:
    """The help screen's sections (title, rows) and the command palette's actions, read from help.toml."""
    data = tomllib.loads((Path(__file__).parent / "help.toml").read_text(encoding="utf-8"))
    sections = [(section["title"], [(row[0], row[1], row[2]) for row in section["rows"]]) for section in data["help"]]
    palette = [(action[0], action[1], action[2]) for action in data["palette"]]
    return sections, palette


HELP_SECTIONS, PALETTE_ACTIONS = _help_tables()


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

    def on_app_focus(self) -> None:
        """Back in the terminal: the library may have changed meanwhile."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.check_generation()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification of the reader (widgets' `notify` comes here too) is text, never markup:
        its message carries file names, titles and error texts from outside, with control characters
        shown as stand-ins."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=False)

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
    from tui.screens.actor import ActorScreen
    from tui.screens.bookmarks import BookmarksScreen
    from tui.screens.correct import CorrectionScreen
    from tui.screens.prompt import ConfirmPrompt, TextPrompt
    from tui.screens.reports import ReportsScreen
    from tui.screens.saved import SavedSearchesScreen
    from tui.screens.table import RowsTable, TableScreen
    from tui.widgets.actor_sidebar import ActorSidebar
    from tui.widgets.article_list import ArticleList
    from tui.widgets.quote_sidebar import QuoteSidebar
    from tui.widgets.reading_view import ReadingView

    classes = (
        QuotedeskApp,
        MainScreen,
        HelpScreen,
        ExportScreen,
        ActorScreen,
        BookmarksScreen,
        SavedSearchesScreen,
        TableScreen,
        RowsTable,
        TextPrompt,
        ConfirmPrompt,
        CorrectionScreen,
        ReportsScreen,
        ActorSidebar,
        ArticleList,
        QuoteSidebar,
        ReadingView,
    )
    return {binding.id for cls in classes for binding in cls.BINDINGS if isinstance(binding, Binding) and binding.id}


def run_reader(library_root: Path | None = None, add_paths: list[Path] | None = None) -> None:
    """Open the reader (what `quotedesk` and `quotedesk PATH...` run)."""
    QuotedeskApp(library_root=library_root, add_paths=add_paths).run()
