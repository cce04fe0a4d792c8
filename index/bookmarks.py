"""Bookmarks: saving an article or a quote with a copy of what it points at, so it survives re-ingest."""

from __future__ import annotations

from index.model import Bookmark, now_timestamp
from index.store import Store


def add_bookmark(store: Store, article_id: str, quote_id: str = "", note: str = "") -> Bookmark:
    """Bookmark an article, or one of its quotes; bookmarking it again keeps one (with the new note)."""
    article = store.article(article_id)
    text, speaker, start, end = "", "", -1, -1
    if quote_id:
        quote = store.quote(quote_id)
        text, speaker, start, end = quote.text, quote.speaker, quote.start, quote.end
    bookmark = Bookmark(
        id=0,
        kind="quote" if quote_id else "article",
        article_id=article_id,
        quote_id=quote_id,
        note=note,
        created=now_timestamp(),
        title=article.title,
        outlet=article.outlet,
        date=article.date,
        text=text,
        speaker=speaker,
        start=start,
        end=end,
    )
    with store.transaction():
        return store.add_bookmark(bookmark)


def bookmarked_ids(store: Store) -> tuple[set[str], set[str]]:
    """(ids of bookmarked articles, ids of bookmarked quotes), from one read of the bookmarks."""
    articles: set[str] = set()
    quotes: set[str] = set()
    for bookmark in store.bookmarks():
        if bookmark.kind == "quote":
            quotes.add(bookmark.quote_id)
        else:
            articles.add(bookmark.article_id)
    return articles, quotes
