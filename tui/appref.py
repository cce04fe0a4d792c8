"""How the reader's screens and widgets reach their app: one typed property, `quotedesk_app`.

Textual types `self.app` as a bare `App`, so what the reader adds to it (the library, the
actor colours, the export dialog) was reached untyped. Mixing `ReachesApp` into a screen or
widget gives it `quotedesk_app`, typed as the `QuotedeskApp` it runs in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tui.app import QuotedeskApp


class ReachesApp:
    """Mixed into the reader's screens and widgets (before the Textual class)."""

    @property
    def quotedesk_app(self) -> QuotedeskApp:
        """The reader's app; only ever run inside one."""
        assert isinstance(self, DOMNode)
        return cast("QuotedeskApp", self.app)
