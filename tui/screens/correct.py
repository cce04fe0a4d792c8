"""The correction dialog (c on a focused quote): set its speaker by name, mark it not a quote, or undo a correction."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Static

from index.aliases import normalise_name
from index.citation import citation, evidence_text
from index.model import Quote
from tui.render import plain

QUOTE_PREVIEW = 240  # characters of the quote the dialog shows
MATCHES_SHOWN = 5


@dataclass
class CorrectionRequest:
    """What the user chose: a speaker's name, "not a quote", or to remove the quote's correction."""

    speaker: str = ""
    not_a_quote: bool = False
    clear: bool = False


def matching_names(names: list[str], typed: str, limit: int = MATCHES_SHOWN) -> list[str]:
    """Actor names for what is typed: those starting with it first, then those with a word starting with it."""
    wanted = normalise_name(typed)
    if not wanted:
        return []
    starts, words = [], []
    for name in names:
        normal = normalise_name(name)
        if normal.startswith(wanted):
            starts.append(name)
        elif any(word.startswith(wanted) for word in normal.split()) or f" {wanted}" in f" {normal}":
            words.append(name)
    return (starts + words)[:limit]


class CorrectionScreen(ModalScreen[CorrectionRequest | None]):
    """Answers a CorrectionRequest, or None when cancelled. `names` are the library's actor names."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quotedesk.cancel")]

    def __init__(self, quote: Quote, names: list[str]) -> None:
        super().__init__()
        self.quote = quote
        self.names = sorted(set(names), key=str.casefold)

    def compose(self) -> ComposeResult:
        quote = self.quote
        with Vertical(classes="dialog wide"):
            yield Label(Text("Correct this quote", style="bold"), classes="dialog-title")
            cited = citation(quote, quote.speaker)
            if len(cited) > QUOTE_PREVIEW:
                cited = cited[: QUOTE_PREVIEW - 1] + "…"
            yield Static(Text(plain(cited).plain, style="italic"), id="correct-quote")
            yield Static(Text(plain(evidence_text(quote, quote.speaker)).plain, style="dim"), id="correct-evidence")
            yield Label("Who said it (→ completes an actor's name; a new name becomes an actor):")
            yield Input(
                placeholder=quote.speaker or "a name",
                suggester=SuggestFromList(self.names, case_sensitive=False),
                id="correct-speaker",
            )
            yield Static("", id="correct-matches")
            with Horizontal(classes="buttons"):
                yield Button("Set speaker", id="set", variant="primary")
                yield Button("Not a quote", id="not-a-quote", variant="warning")
                if quote.speaker_evidence == "corrected":
                    yield Button("Remove correction", id="clear")
                yield Button("Cancel", id="cancel")
            yield Label(Text("enter: set the speaker · tab: the buttons · esc: cancel", style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#correct-speaker", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        matches = matching_names(self.names, event.value)
        text = Text()
        if matches:
            text.append("Actors: ", style="dim")
            text.append(plain(" · ".join(matches)).plain)
        elif event.value.strip():
            text.append("No actor has that name: it becomes a new one.", style="dim")
        self.query_one("#correct-matches", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._set_speaker()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "set":
            self._set_speaker()
        elif event.button.id == "not-a-quote":
            self.dismiss(CorrectionRequest(not_a_quote=True))
        elif event.button.id == "clear":
            self.dismiss(CorrectionRequest(clear=True))
        else:
            self.dismiss(None)

    def _set_speaker(self) -> None:
        typed = " ".join(self.query_one("#correct-speaker", Input).value.split())
        if not typed:
            self.notify("Type who said it, or choose Not a quote.", severity="error")
            return
        # An actor's name typed in another case is that actor's name as the library writes it.
        known = {normalise_name(name): name for name in self.names}
        self.dismiss(CorrectionRequest(speaker=known.get(normalise_name(typed), typed)))

    def action_cancel(self) -> None:
        self.dismiss(None)
