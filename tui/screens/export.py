"""The export dialog: which quotes, which format, which file (asking before overwriting)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet

from tui.screens.prompt import ConfirmPrompt

FORMAT_LABELS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}


@dataclass
class ExportRequest:
    scope: str
    fmt: str
    path: Path


class ExportScreen(ModalScreen[ExportRequest | None]):
    """`scopes` maps a scope key to its label; the dialog answers what to write where."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quotedesk.cancel")]

    def __init__(
        self,
        scopes: dict[str, str],
        folder: Path,
        formats: tuple[str, ...] = ("md", "csv", "json"),
        *,
        stems: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.scopes = scopes
        self.stems = stems or {}
        self.folder = folder
        self.formats = formats
        self.scope = next(iter(scopes))
        self.fmt = formats[0]
        self._edited = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Export quotes", style="bold"), classes="dialog-title")
            with RadioSet(id="export-scope"):
                for number, (key, label) in enumerate(self.scopes.items()):
                    yield RadioButton(Text(label), value=number == 0, name=key, id=f"scope-{key}")
            with RadioSet(id="export-format"):
                for number, fmt in enumerate(self.formats):
                    yield RadioButton(FORMAT_LABELS.get(fmt, fmt), value=number == 0, name=fmt, id=f"format-{fmt}")
            yield Label("File:")
            yield Input(value=str(self._default_path()), id="export-path")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def _default_path(self) -> Path:
        stem = self.stems.get(self.scope) or f"quotedesk-{self.scope}"
        return self.folder / f"{stem}.{self.fmt}"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        name = event.pressed.name or ""
        if event.radio_set.id == "export-scope":
            self.scope = name
        else:
            self.fmt = name
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value).expanduser()
        if not self._edited:
            path_input.value = str(self._default_path())
        elif current.suffix.lstrip(".") in self.formats:
            # Keep the user's name, follow the chosen format.
            path_input.value = str(current.with_suffix(f".{self.fmt}"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != str(self._default_path()):
            self._edited = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a file name to export to.", severity="error")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self.notify(f"{path} is a folder: give a file name.", severity="error")
            return
        request = ExportRequest(self.scope, self.fmt, path)
        if path.exists():

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.dismiss(request)

            self.app.push_screen(ConfirmPrompt(f"{path} exists. Overwrite it?"), answered)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)
