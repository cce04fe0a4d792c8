"""Keys bound in several places (j/k, g/G; n/N and [/]), with the same ids everywhere so one remap covers all."""

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


def stepping_bindings(previous: str = "Previous") -> list[Binding]:
    """n/N through search hits and ]/[ through quotes, not in the footer; `previous` names the way back."""
    return [
        Binding("n", "next_hit", "Next hit", show=False, id="quotedesk.next_hit"),
        Binding("N", "previous_hit", f"{previous} hit", show=False, id="quotedesk.previous_hit"),
        Binding("right_square_bracket", "next_quote", "Next quote", show=False, id="quotedesk.next_quote"),
        Binding(
            "left_square_bracket", "previous_quote", f"{previous} quote", show=False, id="quotedesk.previous_quote"
        ),
    ]
