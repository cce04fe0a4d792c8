"""The reading view: one article's header and body, with actors, quotes and search hits highlighted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from index.citation import KIND_LABELS, evidence_text, has_evidence, lead
from index.model import Article, Quote
from index.outlets import outlet_label
from tui.appref import ReachesApp
from tui.keys import stepping_bindings, vim_bindings
from tui.render import DOUBTFUL_MARK, Highlights, paragraph_of, paragraph_starts, plain, render_paragraphs


@dataclass
class ArticleView:
    """Everything the reading view shows for one article (all of it from the Library)."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, actor kind)
    bookmarked_quotes: set[str] = field(default_factory=set)
    hits: list[tuple[int, int]] = field(default_factory=list)
    reports_elsewhere: dict[str, list[str]] = field(default_factory=dict)  # quote id -> other outlets
    tags: list[str] = field(default_factory=list)  # the article's own tags


LAYOUT_TRIES = 30  # refreshes a scroll waits for freshly mounted paragraphs to be laid out


class ReadingView(ReachesApp, VerticalScroll, can_focus=True):
    """Scrollable article text; n/N step through search hits, [ and ] through quotes."""

    # Not in the footer: the screen's keys (bookmark, export, actor, help, quit) matter more there;
    # the help screen lists these.
    BINDINGS = [
        *vim_bindings("scroll_down", "scroll_up", "scroll_home", "scroll_end"),
        Binding("space", "page_down", "Page down", show=False, id="quotedesk.page_down"),
        Binding("shift+space", "page_up", "Page up", show=False, id="quotedesk.page_up"),
        *stepping_bindings(),
    ]

    class QuoteFocused(Message):
        """The reader moved to a quote in the text (or away from quotes, with quote None)."""

        def __init__(self, quote: Quote | None) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view: ArticleView | None = None
        self.current_hit = -1
        self.focused_quote: Quote | None = None
        self._starts: list[int] = []
        self._paragraphs: list[Static] = []
        self._scroll_target: int | None = None  # a body offset waiting to be scrolled to

    def compose(self) -> ComposeResult:
        yield Static(Text("No article open. Choose one in the list and press enter.", style="dim"), id="article-header")
        yield Static("", id="quote-banner")

    @property
    def article(self) -> Article | None:
        return self.view.article if self.view else None

    def show_message(self, message: str) -> None:
        """Empty the view and show one line of guidance."""
        self.view = None
        self.focused_quote = None
        self.current_hit = -1
        self._replace_paragraphs([])
        self.query_one("#article-header", Static).update(Text(message, style="dim"))
        self._update_banner()

    def show_article(self, view: ArticleView) -> None:
        """Show a new article from the top; the first search hit becomes current."""
        previous = self.view
        same = previous is not None and previous.article.id == view.article.id
        new_hits = bool(view.hits) and (previous is None or not same or previous.hits != view.hits)
        self.view = view
        self._starts = paragraph_starts(view.article.paragraphs)
        if not same:
            self.focused_quote = None
            self._scroll_target = None
        elif self.focused_quote is not None:
            self.focused_quote = next((q for q in view.quotes if q.id == self.focused_quote.id), None)
        self.current_hit = 0 if view.hits else -1
        article = view.article
        header = Text()
        header.append_text(plain(article.title or "(untitled)"))
        header.stylize("bold")
        tags = f"tags: {', '.join(view.tags)}" if view.tags else ""
        details = " · ".join(
            part for part in (outlet_label(article.outlet), article.byline, article.date, tags) if part
        )
        if details:
            header.append("\n")
            header.append_text(Text(plain(details).plain, style="dim"))
        self.query_one("#article-header", Static).update(header)
        if same and len(self._paragraphs) == len(article.paragraphs):
            # Restyle in place: remounting would let the view shrink for a frame and lose its place.
            self.refresh_text()
        else:
            self._replace_paragraphs([Static(text, classes="paragraph") for text in self._paragraph_texts()])
            if not same:
                self.scroll_home(animate=False)
            self._update_banner()
        if new_hits:
            self._scroll_to_offset(view.hits[0][0])  # opened from a search: show where it matched

    def _replace_paragraphs(self, widgets: list[Static]) -> None:
        old, self._paragraphs = self._paragraphs, widgets
        if old:
            self.remove_children(old)
        if widgets:
            self.mount_all(widgets, before=self.query_one("#quote-banner"))

    def _highlights(self) -> Highlights:
        view = self.view
        assert view is not None
        return Highlights(
            mentions=view.mentions,
            quotes=[(quote.start, quote.end, quote.id) for quote in view.quotes],
            hits=view.hits,
            current_hit=self.current_hit,
            focused_quote=self.focused_quote.id if self.focused_quote else "",
            bookmarked_quotes=view.bookmarked_quotes,
            kind_styles=self.quotedesk_app.actor_kind_styles(),
        )

    def _paragraph_texts(self) -> list[Text]:
        assert self.view is not None
        return render_paragraphs(self.view.article.paragraphs, self._highlights())

    def refresh_text(self) -> None:
        """Re-style the paragraphs after a change of hit, quote focus or bookmarks."""
        if self.view is None:
            return
        for widget, text in zip(self._paragraphs, self._paragraph_texts(), strict=False):
            widget.update(text)
        self._update_banner()

    def _scroll_to_offset(self, offset: int) -> None:
        """Bring the paragraph holding body offset `offset` into view, once it is laid out.

        Paragraphs mounted in this same frame (a new article opened on one of its quotes) have
        no place on the screen yet, so the scroll waits for the refreshes that lay them out.
        Only the newest target counts: quick steps do not queue up stale scrolls.
        """
        pending = self._scroll_target is not None
        self._scroll_target = offset
        if not pending:
            self.call_after_refresh(self._scroll_now)

    def _scroll_now(self, tries: int = 0) -> None:
        offset, paragraphs = self._scroll_target, self._paragraphs
        if offset is None or not paragraphs or not self._starts:
            self._scroll_target = None
            return
        number = paragraph_of(self._starts, offset)
        if number >= len(paragraphs):
            self._scroll_target = None
            return
        paragraph = paragraphs[number]
        if not paragraph.virtual_region.height and tries < LAYOUT_TRIES:
            self.call_after_refresh(self._scroll_now, tries + 1)  # not laid out yet
            return
        self._scroll_target = None
        # Centred when it fits (clear of the quote banner), else its first line at the top.
        fits = paragraph.outer_size.height < self.scrollable_content_region.height - 3
        self.scroll_to_widget(paragraph, animate=False, center=fits, top=not fits, immediate=True)

    def _update_banner(self) -> None:
        banner = self.query_one("#quote-banner", Static)
        quote, view = self.focused_quote, self.view
        hits = view.hits if view is not None else []
        if view is None or (quote is None and not hits):
            banner.display = False
            return
        line = Text()
        banner.display = True
        if hits:
            line.append(f"hit {self.current_hit + 1}/{len(hits)}", style="bold")
            if quote is None:
                line.append(" (n/N)", style="dim")
                banner.update(line)
                return
            line.append(" · ")
        assert quote is not None  # with no hits, only a focused quote shows the banner
        line.append("❝ ", style="bold")
        if quote.doubtful:
            line.append(DOUBTFUL_MARK, style="bold")
        line.append_text(Text(plain(lead(quote.speaker, quote.cue)).plain, style="bold"))
        line.append(f" · {KIND_LABELS.get(quote.kind, quote.kind)}")
        others = view.reports_elsewhere.get(quote.id, [])
        if others:
            line.append(" · also in: ")
            line.append(plain(", ".join(others)).plain, style="italic")
        if quote.id in view.bookmarked_quotes:
            line.append(" · ★ bookmarked", style="yellow")
        # How the speaker was found, and how sure: a doubtful one says so first, in words.
        if has_evidence(quote, quote.speaker):
            line.append("\n")
            if quote.doubtful:
                line.append("? check the speaker · ", style="bold")
            line.append(plain(evidence_text(quote, quote.speaker)).plain, style="" if quote.doubtful else "dim")
        banner.update(line)

    # --- quotes ---

    def focus_quote(self, quote_id: str | None) -> None:
        """Mark one quote as focused (shows its speaker) and scroll to it."""
        if self.view is None:
            return
        quote = next((q for q in self.view.quotes if q.id == quote_id), None) if quote_id else None
        self.focused_quote = quote
        self.refresh_text()
        if quote is not None:
            self._scroll_to_offset(quote.start)

    def _step_quote(self, step: int) -> None:
        if self.view is None or not self.view.quotes:
            self.notify("This article has no quotes.", severity="warning")
            return
        quotes = sorted(self.view.quotes, key=lambda q: q.start)
        if self.focused_quote is None:
            position = 0 if step > 0 else len(quotes) - 1
        else:
            ids = [q.id for q in quotes]
            position = (ids.index(self.focused_quote.id) + step) % len(quotes) if self.focused_quote.id in ids else 0
        self.focus_quote(quotes[position].id)
        self.post_message(self.QuoteFocused(self.focused_quote))

    def action_next_quote(self) -> None:
        self._step_quote(1)

    def action_previous_quote(self) -> None:
        self._step_quote(-1)

    # --- search hits ---

    def _step_hit(self, step: int) -> None:
        if self.view is None or not self.view.hits:
            self.notify("No search hits in this article: search with / first.", severity="warning")
            return
        self.current_hit = (self.current_hit + step) % len(self.view.hits)
        self.refresh_text()
        self._scroll_to_offset(self.view.hits[self.current_hit][0])

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)
