"""Terminal-reader movement keys (j/k, g/G), the same ids everywhere so one remap covers all panes."""

from __future__ import annotations

from textual.binding import Binding


def vim_bindings(down: str, up: str, top: str | None = None, bottom: str | None = None) -> list[Binding]:
    """j/k (and g/G when the widget has a top and bottom) bound to the widget's own actions."""
    bindings = [
        Binding("j", down, "Down", show=False, id="quotedesk.down"),
        Binding("k", up, "Up", show=False, id="quotedesk.up"),
    ]
    if top and bottom:
        bindings += [
            Binding("g", top, "Top", show=False, id="quotedesk.top"),
            Binding("G", bottom, "Bottom", show=False, id="quotedesk.bottom"),
        ]
    return bindings
