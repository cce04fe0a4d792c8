"""The main screen's state as plain data: the rows listed and their sort, the status line, export and bookmark targets.

No widgets and no Textual import: the screen feeds it what the Library and the widgets say, asks
it, and shows the answers; tests ask it the same without running an app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text

from index.export import ExportSpec
from index.model import Actor, Article, ArticleSummary, IngestProgress, IngestReport, Quote, SearchResult
from index.ordering import SORT_KEYS, sort_articles
from index.outlets import outlet_label
from tui.render import fit, plain

RELEVANCE = "score"  # the sort of a search's hits as the index ranks them


class ListRow(Protocol):
    """What one row of the article list needs: an `ArticleSummary`, or an `ArticleRow`."""

    id: str
    title: str
    outlet: str
    date: str


@dataclass
class ArticleRow:
    """One row of the list that is not an `ArticleSummary` (a search hit outside the summaries)."""

    id: str
    title: str
    outlet: str
    date: str


@dataclass
class SortedRows:
    """Rows in one sort order, with each article id's position (for keeping the cursor's place)."""

    rows: list[ArticleSummary]
    positions: dict[str, int]

    @classmethod
    def of(cls, rows: Sequence[ArticleSummary], sort: str) -> SortedRows:
        ordered = sort_articles(rows, sort)
        return cls(ordered, {row.id: number for number, row in enumerate(ordered)})


@dataclass
class ExportScope:
    """One thing the user may export: its label in the dialog, what the export takes, and the stem
    of the default file name."""

    label: str
    spec: ExportSpec
    stem: str


@dataclass
class BookmarkTarget:
    """What `b` would bookmark: an article, or one of its quotes (`quote_id`)."""

    article_id: str
    quote_id: str
    what: str  # how a notice names it: "quote by John Kirby", "article “…”"
    already: bool  # bookmarked before


def file_stem(subject: str, suffix: str = "", limit: int = 40) -> str:
    """A file-name stem naming what was exported: ("John Kirby", "quotes") -> "quotedesk-john-kirby-quotes".

    A long subject (an article title) is cut at a word boundary near `limit` characters.
    """
    slug = re.sub(r"[^\w]+", "-", subject.casefold()).strip("-_")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    parts = [part for part in ("quotedesk", slug, suffix) if part]
    return "-".join(parts)


@dataclass
class ReaderState:
    """Every article, the search or actor filter narrowing them, the sort, and the marks on them."""

    summaries: list[ArticleSummary] = field(default_factory=list)  # every article, once the library is ready
    summary_by_id: dict[str, ArticleSummary] = field(default_factory=dict)
    outlet_width: int | None = None  # cells of the longest outlet name, worked out once
    search_result: SearchResult | None = None
    search_sort: str = RELEVANCE  # the order the index gave the search's hits in
    query_text: str = ""
    actor_filter: Actor | None = None
    actor_filter_ids: list[str] = field(default_factory=list)
    sort: str = "date"
    bookmarked_articles: set[str] = field(default_factory=set)
    bookmarked_quotes: set[str] = field(default_factory=set)
    read_articles: set[str] = field(default_factory=set)
    ready: bool = False
    sorted: dict[str, SortedRows] = field(default_factory=dict)  # sort -> every article in that order

    # --- loading ---

    def load(self, summaries: list[ArticleSummary]) -> None:
        """Take the library's articles (in date order), before the list is shown."""
        self.sorted = {"date": SortedRows.of(summaries, "date")}
        self.summary_by_id = {summary.id: summary for summary in summaries}
        self.outlet_width = max((cell_len(outlet_label(outlet)) for outlet in {s.outlet for s in summaries}), default=0)

    def sort_the_rest(self, summaries: list[ArticleSummary]) -> None:
        """Sort the other orders ahead of time, so that a sort change is a lookup (a change before
        this finishes sorts on the spot, with the same result)."""
        for sort in SORT_KEYS:
            if sort not in self.sorted:
                self.sorted[sort] = SortedRows.of(summaries, sort)

    def become_ready(
        self, summaries: list[ArticleSummary], bookmarked: set[str], quotes: set[str], read: set[str]
    ) -> None:
        self.summaries = summaries
        self.bookmarked_articles = bookmarked
        self.bookmarked_quotes = quotes
        self.read_articles = read
        self.ready = True

    # --- the rows of the list ---

    def sorted_rows(self, sort: str) -> SortedRows:
        """Every article in `sort` order, sorted in memory once per sort and kept."""
        rows = self.sorted.get(sort)
        if rows is None:
            rows = self.sorted[sort] = SortedRows.of(self.summaries, sort)
        return rows

    def rows(self) -> Sequence[ListRow]:
        """What the list shows: the search's hits, the filtered actor's articles, or every article; in the sort."""
        if self.search_result is not None:
            by_id = self.summary_by_id
            hits: list[ListRow] = [
                by_id.get(hit.article_id) or ArticleRow(hit.article_id, hit.title, hit.outlet, hit.date)
                for hit in self.search_result.hits
            ]
            if self.sort == self.search_sort or self.needs_index_sort():
                return hits  # in the index's order (until the index answers in the new one)
            return sort_articles(hits, self.sort)
        rows = self.sorted_rows(self.sort if self.sort in SORT_KEYS else "date").rows
        if self.actor_filter is not None:
            wanted = set(self.actor_filter_ids)
            return [row for row in rows if row.id in wanted]
        return rows

    def positions(self, rows: Sequence[ListRow]) -> dict[str, int] | None:
        """Article id -> position in `rows`, when `rows` is a kept sort order (else None: the list works it out)."""
        cached = self.sorted.get(self.sort)
        return cached.positions if cached is not None and cached.rows is rows else None

    # --- sorting ---

    def cycle_sort(self) -> None:
        """The next sort: date, outlet, title, and relevance while searching."""
        sorts = SORT_KEYS + ((RELEVANCE,) if self.search_result is not None else ())
        self.sort = sorts[(sorts.index(self.sort) + 1) % len(sorts)] if self.sort in sorts else sorts[0]

    def choose_sort(self, sort: str) -> bool:
        """A column header chose `sort`; True when the sort changed."""
        if sort == self.sort == "title" and self.search_result is not None:
            sort = RELEVANCE  # the title header clicked again while searching: back to relevance
        if sort == self.sort:
            return False
        self.sort = sort
        return True

    # --- search and actor filter ---

    def show_search(self, result: SearchResult, sort: str = RELEVANCE) -> None:
        """A search's result (its hits in `sort` order) replaces the list; the first search sorts by relevance."""
        if self.search_result is None:
            self.sort = RELEVANCE
        self.search_result = result
        self.search_sort = sort
        self.query_text = result.query

    def search_sort_wanted(self) -> str:
        """The order to ask the index for a new search's hits in: relevance for the first search."""
        return RELEVANCE if self.search_result is None else self.sort

    @property
    def search_complete(self) -> bool:
        """Every hit of the search is in hand (the reader asks for one page at a time)."""
        result = self.search_result
        return result is not None and len(result.hits) >= result.total

    def needs_index_sort(self) -> bool:
        """The list's sort changed and only the index can order the search's hits that way: not all
        are in hand, or relevance is asked of hits the index gave in another order (unscored)."""
        if self.search_result is None or self.sort == self.search_sort:
            return False
        return not self.search_complete or self.sort == RELEVANCE

    def more_hits(self, result: SearchResult, sort: str) -> bool:
        """A longer page of the search shown (same query, same order): take it; False when it is not one."""
        shown = self.search_result
        if shown is None or result.query != shown.query or sort != self.search_sort:
            return False
        if len(result.hits) <= len(shown.hits):
            return False
        self.search_result = result
        return True

    def clear_search(self) -> None:
        self.search_result = None
        self.search_sort = RELEVANCE
        self.query_text = ""
        if self.sort == RELEVANCE:
            self.sort = "date"

    def filter_by_actor(self, actor: Actor, article_ids: list[str]) -> None:
        self.actor_filter = actor
        self.actor_filter_ids = article_ids

    # --- the status line ---

    def unread_count(self, rows: Sequence[ListRow]) -> int:
        read = self.read_articles
        return sum(1 for row in rows if row.id not in read)

    def list_status(self, count: int, unread: int | None = None) -> Text:
        """The status line over a list of `count` rows (`unread` of them unread): what it shows, its
        sort, and the keys that apply."""
        text = Text()
        unread_part = f" · {unread} unread" if unread is not None else ""
        if self.search_result is not None:
            result = self.search_result
            if result.hits:
                text.append(f"{result.total} article(s) match ")
                text.append(plain(result.query).plain, style="bold")
                text.append(unread_part)
                text.append(f" · sorted by {'relevance' if self.sort == RELEVANCE else self.sort}")
                if len(result.hits) < result.total:
                    text.append(f" · first {len(result.hits)} listed, more as you scroll", style="dim")
                text.append(" · n/N: next/previous hit · esc: clear", style="dim")
            else:
                text.append("No articles match ", style="bold")
                text.append(plain(result.query).plain, style="bold")
                if result.suggestion:
                    text.append(" · did you mean ")
                    text.append(plain(result.suggestion).plain, style="bold underline")
                    text.append("? (enter to search for it)", style="dim")
        elif self.actor_filter is not None:
            text.append(f"{count} article(s) mentioning ")
            text.append(plain(self.actor_filter.name).plain, style="bold")
            text.append(unread_part)
            text.append(f" · sorted by {self.sort} · esc: all articles", style="dim")
        else:
            text.append(f"{count} article(s){unread_part} · sorted by {self.sort}")
            text.append(" · / search · ? help", style="dim")
        return text

    # --- read marks and bookmarks ---

    def mark_read(self, article_id: str) -> bool:
        """Mark an article read; False when it was read already."""
        if article_id in self.read_articles:
            return False
        self.read_articles.add(article_id)
        return True

    def bookmark_target(
        self, quote: Quote | None, shown_article: str | None, list_article: str | None, list_focused: bool
    ) -> BookmarkTarget | None:
        """What `b` bookmarks: the focused `quote` of the article shown, else an article: the one under
        the list's cursor when the list has focus or nothing is shown yet (the reading view may still
        show the one before while it loads), else the one shown. None when there is none."""
        if shown_article is not None and quote is not None:
            what = f"quote by {quote.speaker or 'unknown speaker'}"
            return BookmarkTarget(shown_article, quote.id, what, quote.id in self.bookmarked_quotes)
        article_id = list_article if list_focused or shown_article is None else shown_article
        if not article_id:
            return None
        summary = self.summary_by_id.get(article_id)
        title = summary.title if summary is not None else ""
        what = f"article “{fit(plain(title).plain, 50)}”" if title else "article"
        return BookmarkTarget(article_id, "", what, article_id in self.bookmarked_articles)

    def bookmarked(self, target: BookmarkTarget) -> None:
        """`target` was bookmarked: mark it."""
        if target.quote_id:
            self.bookmarked_quotes.add(target.quote_id)
        else:
            self.bookmarked_articles.add(target.article_id)

    # --- exports ---

    def export_scopes(
        self,
        pane_actor: Actor | None,
        actor_pane_focused: bool,
        quote: Quote | None,
        article: Article | None,
        article_quote_count: int,
    ) -> dict[str, ExportScope]:
        """What `e` offers, likeliest first.

        The actor is the actor pane's (when it has focus), else the filtered actor, else the
        speaker of the focused quote. The shown article's quotes come first when reading, the
        actor's when the actor pane has focus or the list is filtered to an actor.
        """
        scopes: dict[str, ExportScope] = {}
        actor_name, actor_id = "", ""
        if actor_pane_focused and pane_actor is not None:
            actor_name, actor_id = pane_actor.name, pane_actor.id
        elif self.actor_filter is not None:
            actor_name, actor_id = self.actor_filter.name, self.actor_filter.id
        elif quote is not None and quote.speaker_id:
            actor_name, actor_id = quote.speaker, quote.speaker_id
        if actor_id:
            spec = ExportSpec("quotes", actor_id=actor_id)
            scopes["actor"] = ExportScope(f"quotes of {actor_name}", spec, file_stem(actor_name, "quotes"))
        if article is not None:
            scopes["article"] = ExportScope(
                f"quotes of this article ({article_quote_count})",
                ExportSpec("quotes", article_id=article.id),
                file_stem(article.title or article.id, "quotes"),
            )
        scopes["bookmarks"] = ExportScope(
            f"bookmarks ({len(self.bookmarked_quotes)} quote(s), {len(self.bookmarked_articles)} article(s))",
            ExportSpec("bookmarks"),
            file_stem("bookmarks"),
        )
        if self.search_result is not None and self.search_result.hits:
            query = self.search_result.query
            spec = ExportSpec("search", query=query)
            label = f"search results ({self.search_result.total})"
            scopes["search"] = ExportScope(label, spec, file_stem(f"search {query}"))
        order = ["article", "actor", "search", "bookmarks"]
        if actor_pane_focused or self.actor_filter is not None:
            order = ["actor", "article", "search", "bookmarks"]
        return {key: scopes[key] for key in order if key in scopes}


def progress_status(progress: IngestProgress) -> str:
    """The status line while the library is being built: the phase, files done of all, the current file."""
    name = progress.path.rsplit("/", 1)[-1]
    return f"{progress.phase.capitalize()} {progress.done}/{progress.total} {name}"


def ingest_notice(report: IngestReport) -> str:
    """One line about the files the reader was asked to add: how many were added, updated, skipped and why."""
    parts = [f"{len(report.added)} added"]
    if report.updated:
        parts.append(f"{len(report.updated)} updated")
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} duplicate(s)")
    if report.skipped:
        parts.append(f"{len(report.skipped)} skipped")
        first_path, reason = report.skipped[0]
        parts.append(f"e.g. {first_path.rsplit('/', 1)[-1]}: {reason}")
    if report.no_outlet:
        parts.append(f"{len(report.no_outlet)} with no outlet (name it: quotedesk index DIR --outlet NAME)")
    return "; ".join(parts)
