"""The main screen's state without a screen: rows, sorts, status line, export scopes, bookmark targets."""

from __future__ import annotations

import pytest

from index.model import Actor, Article, ArticleSummary, IngestProgress, IngestReport, Quote, SearchHit, SearchResult
from index.ordering import sort_articles
from tui.state import ArticleRow, ReaderState, file_stem, ingest_notice, progress_status

SUMMARIES = [
    ArticleSummary("a1", "Ceasefire holds", "AP", "2024-03-02", "/a1.txt"),
    ArticleSummary("a2", "Budget talks stall", "Reuters", "2024-03-05", "/a2.txt"),
    ArticleSummary("a3", "Arms deal signed", "", "", "/a3.txt"),
]
KIRBY = Actor(id="john-kirby", name="John Kirby", kind="person")


def ready_state() -> ReaderState:
    state = ReaderState()
    state.load(SUMMARIES)
    state.become_ready(SUMMARIES, bookmarked={"a2"}, quotes={"a1:0"}, read={"a1"})
    return state


def ids(state: ReaderState) -> list[str]:
    return [row.id for row in state.rows()]


def hit(article_id: str, title: str = "", outlet: str = "", date: str = "") -> SearchHit:
    return SearchHit(article_id, title, outlet, date, path="", score=1.0, snippet="")


def quote(speaker: str = "John Kirby", speaker_id: str = "john-kirby") -> Quote:
    text = "We will not stop."
    return Quote(
        id="a1:0",
        article_id="a1",
        text=text,
        kind="direct",
        start=0,
        end=len(text),
        paragraph=0,
        speaker=speaker,
        speaker_id=speaker_id,
    )


def test_rows_follow_the_sort_and_kept_orders_give_their_positions():
    state = ready_state()
    assert ids(state) == ["a2", "a1", "a3"]  # newest first, undated last
    state.sort = "outlet"
    assert ids(state) == ["a1", "a2", "a3"]  # named outlets first
    state.sort = "title"
    rows = state.rows()
    assert [row.id for row in rows] == ["a3", "a2", "a1"]
    assert state.positions(rows) == {"a3": 0, "a2": 1, "a1": 2}
    assert state.positions(list(rows)) is None  # not a kept order: the list works it out


def test_the_width_of_the_outlet_column_is_worked_out_once_on_load():
    state = ReaderState()
    state.load(SUMMARIES)
    assert state.outlet_width == len("unknown outlet")  # in cells: a3 names no outlet and shows so
    state.sort_the_rest(SUMMARIES)
    assert set(state.sorted) == {"date", "outlet", "title"}


def test_a_search_lists_its_hits_by_relevance_then_in_any_sort():
    state = ready_state()
    hits = [hit("a1"), hit("zz", "Unseen story", "BBC", "2024-04-01"), hit("a3")]
    result = SearchResult(hits=hits, total=3, query="x")
    state.show_search(result)
    assert state.sort == "score" and state.query_text == "x"
    assert ids(state) == ["a1", "zz", "a3"]
    assert isinstance(state.rows()[1], ArticleRow) and state.rows()[0] is SUMMARIES[0]
    state.cycle_sort()
    assert state.sort == "date" and ids(state) == ["zz", "a1", "a3"]
    state.sort = "outlet"
    state.show_search(SearchResult(hits=[hit("a1")], total=1, query="y"))
    assert state.sort == "outlet", "a second search keeps the sort chosen"
    state.clear_search()
    assert state.search_result is None and state.query_text == "" and state.sort == "outlet"


def test_a_search_with_more_hits_than_in_hand_is_sorted_by_the_index_and_paged():
    state = ready_state()
    first = SearchResult(hits=[hit("a1"), hit("a3")], total=3, query="x")
    state.show_search(first)
    assert not state.search_complete and not state.needs_index_sort()
    state.cycle_sort()  # date: only the index can order hits it has not given yet
    assert state.sort == "date" and state.needs_index_sort()
    assert ids(state) == ["a1", "a3"], "the hits in hand, as they came, until the index answers"
    state.show_search(SearchResult(hits=[hit("a3"), hit("a1")], total=3, query="x"), "date")
    assert not state.needs_index_sort() and ids(state) == ["a3", "a1"]
    longer = SearchResult(hits=[hit("a3"), hit("a1"), hit("a2")], total=3, query="x")
    assert not state.more_hits(longer, "score"), "a page in another order is not the next page"
    assert state.more_hits(longer, "date") and state.search_complete and ids(state) == ["a3", "a1", "a2"]
    state.cycle_sort()  # outlet: every hit is in hand, sorted here
    assert not state.needs_index_sort() and ids(state) == [s.id for s in sort_articles(SUMMARIES, "outlet")]
    state.sort = "score"  # relevance of hits the index gave by date (unscored): the index orders them
    assert state.needs_index_sort()


def test_clearing_a_search_sorted_by_relevance_goes_back_to_date():
    state = ready_state()
    state.show_search(SearchResult(hits=[hit("a1")], total=1, query="x"))
    state.clear_search()
    assert state.sort == "date" and ids(state) == ["a2", "a1", "a3"]


def test_sort_cycles_through_relevance_only_while_searching():
    state = ready_state()
    seen = []
    for _ in range(4):
        state.cycle_sort()
        seen.append(state.sort)
    assert seen == ["outlet", "title", "date", "outlet"]
    state.show_search(SearchResult(hits=[hit("a1")], total=1, query="x"))
    seen = []
    for _ in range(4):
        state.cycle_sort()
        seen.append(state.sort)
    assert seen == ["date", "outlet", "title", "score"]


def test_the_title_header_clicked_again_while_searching_goes_back_to_relevance():
    state = ready_state()
    assert state.choose_sort("title") and state.sort == "title"
    assert not state.choose_sort("title")
    state.show_search(SearchResult(hits=[hit("a1")], total=1, query="x"))
    assert state.choose_sort("title") and state.sort == "title"
    assert state.choose_sort("title") and state.sort == "score"


def test_an_actor_filter_keeps_the_actors_articles_in_the_sort():
    state = ready_state()
    state.filter_by_actor(KIRBY, ["a3", "a1"])
    assert ids(state) == ["a1", "a3"]
    state.sort = "title"
    assert ids(state) == ["a3", "a1"]
    state.sort = "date"
    assert state.list_status(2).plain == "2 article(s) mentioning John Kirby · sorted by date · esc: all articles"


def test_the_status_line_says_what_the_list_shows():
    state = ready_state()
    assert state.list_status(3).plain == "3 article(s) · sorted by date · / search · ? help"
    state.show_search(SearchResult(hits=[hit("a1")], total=7, query="kirby\x1b[31m"))
    status = state.list_status(1)
    assert status.plain == (
        "7 article(s) match kirby␛[31m · sorted by relevance · first 1 listed, more as you scroll"
        " · n/N: next/previous hit · esc: clear"
    )
    state.show_search(SearchResult(hits=[], total=0, query="kirbby", suggestion="kirby"))
    status = state.list_status(0).plain
    assert status == "No articles match kirbby · did you mean kirby? (enter to search for it)"


def test_b_bookmarks_the_focused_quote_else_the_right_article():
    state = ready_state()
    target = state.bookmark_target(quote(), "a1", "a2", list_focused=False)
    assert target is not None and (target.article_id, target.quote_id) == ("a1", "a1:0")
    assert target.what == "quote by John Kirby" and target.already
    from_list = state.bookmark_target(None, "a1", "a3", list_focused=True)
    assert from_list is not None and from_list.article_id == "a3" and not from_list.already
    assert from_list.what == "article “Arms deal signed" + " " * (50 - len("Arms deal signed")) + "”"
    shown = state.bookmark_target(None, "a2", "a3", list_focused=False)
    assert shown is not None and shown.article_id == "a2" and shown.already
    loading = state.bookmark_target(quote(), None, "a3", list_focused=False)
    assert loading is not None and loading.article_id == "a3" and loading.quote_id == ""
    assert state.bookmark_target(None, None, None, list_focused=True) is None
    state.bookmarked(from_list)
    assert "a3" in state.bookmarked_articles


def test_reading_marks_an_article_once():
    state = ready_state()
    assert state.mark_read("a2") and not state.mark_read("a2") and not state.mark_read("a1")


@pytest.mark.parametrize(
    ("pane_focused", "expected_order"),
    [(False, ["article", "actor", "search", "bookmarks"]), (True, ["actor", "article", "search", "bookmarks"])],
)
def test_export_offers_the_likeliest_scope_first(pane_focused, expected_order):
    state = ready_state()
    state.show_search(SearchResult(hits=[hit("a1")], total=4, query="peace talks"))
    article = Article(id="a1", path="/a1.txt", title="Ceasefire holds", paragraphs=["Text."])
    scopes = state.export_scopes(KIRBY, pane_focused, quote("Someone", "someone"), article, 3)
    assert list(scopes) == expected_order
    actor = "John Kirby" if pane_focused else "Someone"
    assert scopes["actor"].label == f"quotes of {actor}"
    assert scopes["actor"].spec.actor_id == ("john-kirby" if pane_focused else "someone")
    assert scopes["article"].label == "quotes of this article (3)" and scopes["article"].spec.article_id == "a1"
    assert scopes["article"].stem == "quotedesk-ceasefire-holds-quotes"
    assert scopes["search"].spec.query == "peace talks" and scopes["search"].label == "search results (4)"
    assert scopes["bookmarks"].label == "bookmarks (1 quote(s), 1 article(s))"
    assert scopes["bookmarks"].spec.what == "bookmarks"


def test_export_of_a_filtered_list_puts_the_actor_first_and_needs_no_article():
    state = ready_state()
    state.filter_by_actor(KIRBY, ["a1"])
    scopes = state.export_scopes(None, False, None, None, 0)
    assert list(scopes) == ["actor", "bookmarks"]
    assert scopes["actor"].stem == "quotedesk-john-kirby-quotes"


def test_status_texts_for_progress_and_added_files():
    assert progress_status(IngestProgress(2, 5, "/data/x/story.txt", "analysing")) == "Analysing 2/5 story.txt"
    report = IngestReport(added=["a"], updated=["b"], skipped=[("/d/bad.bin", "not text")])
    assert ingest_notice(report) == "1 added; 1 updated; 1 skipped; e.g. bad.bin: not text"
    assert ingest_notice(IngestReport()) == "0 added"
    named_none = IngestReport(added=["a1", "a2"], no_outlet=["a2"])
    assert ingest_notice(named_none) == "2 added; 1 with no outlet (name it: quotedesk index DIR --outlet NAME)"


def test_file_stems_name_what_was_exported():
    assert file_stem("John Kirby", "quotes") == "quotedesk-john-kirby-quotes"
    assert file_stem("bookmarks") == "quotedesk-bookmarks"
    long = file_stem("A very long article title that goes on and on about things", "quotes")
    assert long == "quotedesk-a-very-long-article-title-that-goes-on-quotes"
