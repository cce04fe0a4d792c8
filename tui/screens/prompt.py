"""Small modal prompts: a one-line text answer and a yes/no confirmation."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label

AnswerType = TypeVar("AnswerType")


class Prompt(ModalScreen[AnswerType]):
    """A dialog that asks `question` and dismisses itself with the answer."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question


class TextPrompt(Prompt[str | None]):
    """Ask for one line of text; enter answers (possibly ""), esc cancels with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quotedesk.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(question)
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Text("enter: OK · esc: cancel", style="dim"))
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmPrompt(Prompt[bool]):
    """Ask a yes/no question; y or the Yes button answers yes, n or esc no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="quotedesk.yes"),
        Binding("n,escape", "answer(False)", "No", id="quotedesk.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
