"""The actor sidebar: the open article's actors, with mention counts and roles."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleActor
from tui.render import KIND_STYLES, plain
from tui.keys import vim_bindings


def actor_prompt(entry: ArticleActor) -> Text:
    actor = entry.actor
    line = Text()
    line.append_text(Text(plain(actor.name).plain, style=KIND_STYLES.get(actor.kind, "bold")))
    line.append(f" ×{entry.mentions}", style="dim")
    line.append(f" {actor.kind}", style="dim italic")
    if entry.roles:
        line.append("\n  ")
        line.append_text(Text(plain("; ".join(entry.roles)).plain, style="dim"))
    return line


class ActorSidebar(OptionList):
    """One option per actor of the open article; enter opens the actor view."""

    BINDINGS = [
        *vim_bindings("cursor_down", "cursor_up", "first", "last"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[ArticleActor] = []

    def show(self, entries: list[ArticleActor]) -> None:
        # Most mentioned first: the people the article is about come before passing names.
        self.entries = sorted(entries, key=lambda e: (-e.mentions, e.actor.name.lower()))
        self.clear_options()
        self.add_options([Option(actor_prompt(entry), id=entry.actor.id) for entry in self.entries])
        if self.entries:
            self.highlighted = 0

    @property
    def current(self) -> ArticleActor | None:
        if self.highlighted is None or not self.entries:
            return None
        return self.entries[self.highlighted]
