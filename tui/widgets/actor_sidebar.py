"""The actor sidebar: the open article's actors, with mention counts and roles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleActor
from tui.appref import ReachesApp
from tui.keys import vim_bindings
from tui.render import KIND_STYLES, plain


def actor_prompt(entry: ArticleActor, styles: Mapping[str, Style] = KIND_STYLES) -> Group | Text:
    """Name, mentions and kind on one line; the roles under it, every wrapped line indented."""
    actor = entry.actor
    line = Text()
    line.append_text(Text(plain(actor.name).plain, style=styles.get(actor.kind, "bold")))
    line.append(f" ×{entry.mentions}", style="dim")
    line.append(f" {actor.kind}", style="dim italic")
    if not entry.roles:
        return line
    roles = Text(plain("; ".join(entry.roles)).plain, style="dim")
    return Group(line, Padding(roles, (0, 0, 0, 2)))


class ActorSidebar(ReachesApp, OptionList):
    """One option per actor of the open article; enter opens the actor view."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "first", "last"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[ArticleActor] = []

    def on_focus(self) -> None:
        # Arriving in the pane (tab, a number key, a click) puts the cursor on its first row, so
        # enter acts at once instead of doing nothing.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def show(self, entries: list[ArticleActor]) -> None:
        self.entries = list(entries)  # in the library's order: people first, then by mentions
        self.clear_options()
        styles = self.quotedesk_app.actor_kind_styles()
        self.add_options([Option(actor_prompt(entry, styles), id=entry.actor.id) for entry in self.entries])
        if self.entries:
            self.highlighted = 0

    def refresh_colours(self) -> None:
        """Redraw with the current theme's actor colours, keeping the highlighted actor."""
        highlighted = self.highlighted
        self.show(self.entries)
        if highlighted is not None and highlighted < len(self.entries):
            self.highlighted = highlighted

    @property
    def current(self) -> ArticleActor | None:
        if self.highlighted is None or not self.entries:
            return None
        return self.entries[self.highlighted]
