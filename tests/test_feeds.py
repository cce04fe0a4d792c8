"""Feeds: parsing, subscribing, refresh (conditional, resumable, per-feed errors), OPML, against 127.0.0.1."""

from __future__ import annotations

import json
import threading

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from index import feeds, web
from index.fetch import Fetcher
from index.library import Library
from tests import feedkit


@pytest.fixture(scope="module")
def threaded_server():
    """A local server on 127.0.0.1 that answers requests in parallel (a stalled page stalls only itself)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def httpserver(threaded_server):
    yield threaded_server
    threaded_server.clear()


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library") as opened:
        yield opened


@pytest.fixture
def fetcher():
    with Fetcher(host_delay=0, timeout=2) as client:
        yield client


def serve_feed(httpserver, path: str, text: str, *, etag: str = '"1"', content_type: str = "application/rss+xml"):
    """Serve a feed that answers a conditional request for its ETag with 304."""

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(text, content_type=content_type, headers={"ETag": etag})

    httpserver.expect_request(path).respond_with_handler(handler)


def items(httpserver, names: list[str]) -> list[dict[str, str]]:
    return [
        {"title": f"{name.title()} budget approved", "link": httpserver.url_for(f"/news/{name}"), "topic": name}
        for name in names
    ]


def paths_asked(httpserver) -> list[str]:
    return [request.path for request, _ in httpserver.log]


def refresh(library, fetcher, **options):
    return feeds.refresh(library, fetcher, nlp=False, **options)


# --- parsing -----------------------------------------------------------------------------------------------


def test_rss2_entries_keep_link_date_author_and_full_content(httpserver):
    parsed = feeds.parse_feed(feedkit.rss2("Daily Bugle", items(httpserver, ["parks"]), full=True).encode())
    assert parsed.title == "Daily Bugle"
    (entry,) = parsed.entries
    assert entry.link == httpserver.url_for("/news/parks")
    assert (entry.date, entry.author, entry.title) == ("2026-12-01", "Jo Reporter", "Parks budget approved")
    assert "paragraph 5" in entry.content


def test_rss1_and_atom_are_read_too(httpserver):
    rdf = feeds.parse_feed(feedkit.rss1("RDF Times", items(httpserver, ["roads", "rail"])).encode())
    assert rdf.title == "RDF Times" and [e.date for e in rdf.entries] == ["2026-11-30", "2026-11-30"]
    assert rdf.entries[0].author == "Ann Writer" and not rdf.entries[0].content
    feed = feeds.parse_feed(feedkit.atom("Atom Post", items(httpserver, ["ports"])).encode())
    assert feed.title == "Atom Post"
    (entry,) = feed.entries
    assert (entry.date, entry.author) == ("2026-11-29", "Sam Atom") and "paragraph 3" in entry.content


def test_what_is_no_feed_is_one_sentence():
    with pytest.raises(feeds.FeedError, match="is not an RSS or Atom feed"):
        feeds.parse_feed(b"<html><body>hello</body></html>", "http://127.0.0.1/page")


# --- add and refresh ---------------------------------------------------------------------------------------


def test_a_full_content_feed_becomes_articles_with_the_feeds_outlet(httpserver, library, fetcher):
    serve_feed(httpserver, "/bugle.xml", feedkit.rss2("Daily Bugle", items(httpserver, ["parks", "roads"]), full=True))
    feed, count = feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    assert (feed.title, count) == ("Daily Bugle", 2)
    report = refresh(library, fetcher)
    assert [(o.feed.title, o.new, o.error) for o in report.feeds] == [("Daily Bugle", 2, "")]
    assert "/news/parks" not in paths_asked(httpserver)  # the feed carried the articles: no page fetched
    assert library.count() == 2
    parks = next(a for a in library.store.articles() if "parks" in a.url)
    assert parks.title == "Parks budget approved"
    assert (parks.outlet, parks.date, parks.byline) == ("Daily Bugle", "2026-12-01", "Jo Reporter")
    assert parks.url == httpserver.url_for("/news/parks")
    assert "paragraph 5" in parks.body
    page = web.page_of(library, parks.id)
    assert page is not None and page.url == parks.url and page.fetched and page.feed_id == feed.id
    (listed,) = feeds.feeds(library)
    assert (listed.stored, listed.pending, listed.error) == (2, 0, "")


def test_summary_only_entries_have_their_page_fetched_and_extracted(httpserver, library, fetcher):
    entries = items(httpserver, ["bridges"])
    serve_feed(httpserver, "/summaries.xml", feedkit.rss1("Summary Herald", entries))
    httpserver.expect_request("/news/bridges").respond_with_data(
        feedkit.article_page("Bridges budget approved", "bridges"), content_type="text/html"
    )
    feeds.add_feed(library, fetcher, httpserver.url_for("/summaries.xml"))
    report = refresh(library, fetcher)
    assert report.feeds[0].new == 1
    assert "/news/bridges" in paths_asked(httpserver)
    (article,) = library.store.articles()
    assert "The bridges story continues in paragraph 4." in article.body
    assert "All rights reserved" not in article.body and "Home" not in article.paragraphs
    assert (article.title, article.outlet, article.byline) == (
        "Bridges budget approved",
        "Summary Herald",
        "Ann Writer",
    )


def test_refreshing_with_nothing_new_downloads_nothing_and_adds_nothing(httpserver, library, fetcher):
    entries = items(httpserver, ["rail"])
    serve_feed(httpserver, "/rail.xml", feedkit.rss1("Rail News", entries))
    httpserver.expect_request("/news/rail").respond_with_data(feedkit.article_page("Rail", "rail"))
    feeds.add_feed(library, fetcher, httpserver.url_for("/rail.xml"))
    refresh(library, fetcher)
    assert library.count() == 1
    before = len(httpserver.log)
    report = refresh(library, fetcher)
    assert library.count() == 1
    assert report.feeds[0].not_modified and report.feeds[0].new == 0
    assert not report.ingest.added and not report.ingest.updated
    since = httpserver.log[before:]
    assert [(request.path, response.status_code) for request, response in since] == [("/rail.xml", 304)]
    assert since[0][0].headers["If-None-Match"] == '"1"'


def test_a_changed_feed_brings_only_its_new_entries(httpserver, library, fetcher):
    first = items(httpserver, ["parks"])
    state = {"text": feedkit.rss2("Bugle", first, full=True), "etag": '"a"'}

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == state["etag"]:
            return Response(status=304)
        return Response(state["text"], content_type="application/rss+xml", headers={"ETag": state["etag"]})

    httpserver.expect_request("/bugle.xml").respond_with_handler(handler)
    feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    refresh(library, fetcher)
    state.update(text=feedkit.rss2("Bugle", first + items(httpserver, ["ports"]), full=True), etag='"b"')
    report = refresh(library, fetcher)
    assert report.feeds[0].new == 1 and len(report.ingest.added) == 1
    assert library.count() == 2


def test_one_broken_feed_never_stops_the_others(httpserver, library, fetcher):
    serve_feed(httpserver, "/good.xml", feedkit.atom("Good Feed", items(httpserver, ["parks"])))
    httpserver.expect_request("/bad.xml").respond_with_data("oops", status=500)
    feeds.add_feed(library, fetcher, httpserver.url_for("/good.xml"))
    feeds.subscribe(library, httpserver.url_for("/bad.xml"), "Bad Feed")
    report = refresh(library, fetcher, jobs=2)
    by_title = {outcome.feed.title: outcome for outcome in report.feeds}
    assert by_title["Good Feed"].new == 1 and by_title["Good Feed"].error == ""
    error = by_title["Bad Feed"].error
    assert "500" in error and error.endswith(".") and "\n" not in error
    assert library.count() == 1
    assert {f.title: f.error for f in feeds.feeds(library)}["Bad Feed"] == error


def test_a_redirected_feed_is_followed(httpserver, library, fetcher):
    httpserver.expect_request("/old.xml").respond_with_data("", status=301, headers={"Location": "/new.xml"})
    serve_feed(httpserver, "/new.xml", feedkit.atom("Moved Feed", items(httpserver, ["rail"])))
    feeds.add_feed(library, fetcher, httpserver.url_for("/old.xml"))
    assert refresh(library, fetcher).feeds[0].new == 1
    assert library.count() == 1


def test_pages_that_time_out_or_are_too_big_fail_alone_and_are_tried_again(httpserver, library):
    entries = items(httpserver, ["slow", "huge", "fine"])
    serve_feed(httpserver, "/mixed.xml", feedkit.rss1("Mixed", entries))
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(10)
        return Response(feedkit.article_page("Slow", "slow"), content_type="text/html")

    httpserver.expect_request("/news/slow").respond_with_handler(stall)
    httpserver.expect_request("/news/huge").respond_with_data("<p>" + "x" * 50_000 + "</p>", content_type="text/html")
    httpserver.expect_request("/news/fine").respond_with_data(feedkit.article_page("Fine", "fine"))
    try:
        with Fetcher(host_delay=0, timeout=0.5, max_bytes=20_000) as fetcher:
            feeds.add_feed(library, fetcher, httpserver.url_for("/mixed.xml"))
            report = refresh(library, fetcher)
    finally:
        release.set()
    (outcome,) = report.feeds
    assert outcome.new == 1 and outcome.error == ""
    errors = dict(outcome.entry_errors)
    assert "did not answer within" in errors[httpserver.url_for("/news/slow")]
    assert "larger than" in errors[httpserver.url_for("/news/huge")]
    assert library.count() == 1
    (listed,) = feeds.feeds(library)
    assert (listed.stored, listed.pending) == (1, 2)
    # The next refresh finds the feed unchanged (304) but tries the failed pages again.
    with Fetcher(host_delay=0, timeout=2) as fetcher:
        again = refresh(library, fetcher)
    assert again.feeds[0].not_modified
    assert library.count() == 2  # the slow page answers now
    # without the tight limit the big page comes, and holds no article
    assert "No article text" in dict(again.feeds[0].entry_errors)[httpserver.url_for("/news/huge")]
    (listed,) = feeds.feeds(library)
    assert (listed.stored, listed.pending) == (2, 1)


def test_an_interrupted_refresh_resumes_without_asking_again(httpserver, library, fetcher, interrupt_commit):
    serve_feed(httpserver, "/bugle.xml", feedkit.rss2("Bugle", items(httpserver, ["a", "b", "c"]), full=True))
    feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    undo = interrupt_commit(1)
    with pytest.raises(KeyboardInterrupt):
        refresh(library, fetcher)
    undo()
    assert library.count() == 0
    (listed,) = feeds.feeds(library)
    assert listed.pending == 3
    before = len(httpserver.log)
    report = refresh(library, fetcher)
    assert [response.status_code for _, response in httpserver.log[before:]] == [304]
    assert len(report.ingest.added) == 3 and library.count() == 3
    assert report.feeds[0].new == 3
    (listed,) = feeds.feeds(library)
    assert (listed.stored, listed.pending) == (3, 0)


def test_a_feed_saved_as_a_file_is_followed_like_a_web_one(tmp_path, library, fetcher):
    path = tmp_path / "saved.xml"
    path.write_text(feedkit.atom("Saved Feed", [{"title": "Ports", "link": "", "topic": "ports", "guid": "urn:1"}]))
    feed, _ = feeds.add_feed(library, fetcher, str(path))
    assert feed.url == path.resolve().as_uri()
    assert refresh(library, fetcher).feeds[0].new == 1
    assert refresh(library, fetcher).feeds[0].not_modified  # its modification time is its Last-Modified
    (article,) = library.store.articles()
    assert (article.title, article.outlet) == ("Ports", "Saved Feed")


def test_following_one_feed_twice_is_refused(httpserver, library, fetcher):
    serve_feed(httpserver, "/bugle.xml", feedkit.atom("Bugle", []))
    feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    with pytest.raises(feeds.FeedError, match="Already following"):
        feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    with pytest.raises(feeds.FeedError, match="neither a web address"):
        feeds.add_feed(library, fetcher, "no/such/file.xml")


def test_feed_text_is_data_not_terminal_control(httpserver, library, fetcher):
    serve_feed(httpserver, "/evil.xml", feedkit.atom("Evil\x1b[31m Feed", []).replace("\x1b", "&#27;"))
    feed, _ = feeds.add_feed(library, fetcher, httpserver.url_for("/evil.xml"))
    assert "\x1b" not in feed.title and "Feed" in feed.title


# --- OPML ----------------------------------------------------------------------------------------------------


def test_opml_import_and_export_round_trip(tmp_path, library):
    source = tmp_path / "mine.opml"
    listed = [("Bugle", "http://127.0.0.1:9/bugle.xml"), ("Herald", "http://127.0.0.1:9/herald.xml")]
    source.write_text(feedkit.opml(listed))
    assert feeds.import_opml(library, source) == (2, 0)
    assert feeds.import_opml(library, source) == (0, 2)
    exported = feeds.export_opml(library)
    again = tmp_path / "again.opml"
    again.write_text(exported)
    with Library.open(tmp_path / "other") as other:
        assert feeds.import_opml(other, again) == (2, 0)
        assert [(f.title, f.url) for f in feeds.feeds(other)] == listed


def test_an_opml_file_with_entities_or_of_another_kind_is_refused(tmp_path, library):
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')
    with pytest.raises(feeds.FeedError, match="declares entities"):
        feeds.import_opml(library, bomb)
    other = tmp_path / "other.opml"
    other.write_text("<html/>")
    with pytest.raises(feeds.FeedError, match="not an OPML file"):
        feeds.import_opml(library, other)


def test_records_are_json_the_library_can_read_again(httpserver, library, fetcher):
    serve_feed(httpserver, "/bugle.xml", feedkit.rss2("Bugle", items(httpserver, ["parks"]), full=True))
    feeds.add_feed(library, fetcher, httpserver.url_for("/bugle.xml"))
    refresh(library, fetcher)
    (record,) = (library.root / "web").glob("*.json")
    data = json.loads(record.read_text())
    assert data["outlet"] == "Bugle" and data["url"].endswith("/news/parks") and data["byline"] == "Jo Reporter"


# --- the command line ------------------------------------------------------------------------------------------


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_feeds_commands_follow_refresh_list_and_export(httpserver, tmp_path, capsys):
    serve_feed(httpserver, "/bugle.xml", feedkit.rss2("Daily Bugle", items(httpserver, ["parks"]), full=True))
    serve_feed(httpserver, "/herald.xml", feedkit.rss1("Herald", items(httpserver, ["bridges"])))
    httpserver.expect_request("/news/bridges").respond_with_data(feedkit.article_page("Bridges", "bridges"))
    lib = ["--library", str(tmp_path / "lib")]
    code, _, said = cli(capsys, "feeds", "add", httpserver.url_for("/bugle.xml"), *lib)
    assert code == 0 and "Following Daily Bugle (feed 1, 1 entry now)" in said
    code, _, said = cli(capsys, "feeds", "add", httpserver.url_for("/herald.xml"), "--outlet", "The Herald", *lib)
    assert code == 0 and "Following The Herald" in said
    code, _, said = cli(capsys, "feeds", "refresh", "--jobs", "2", "--no-nlp", "--delay", "0", *lib)
    assert code == 0, said
    assert "Daily Bugle: 1 new" in said and "The Herald: 1 new" in said and "Added 2" in said
    code, _, said = cli(capsys, "feeds", "refresh", "--no-nlp", "--delay", "0", *lib)
    assert code == 0 and "Daily Bugle: unchanged" in said and "Nothing new; the library holds 2 articles." in said
    code, printed, _ = cli(capsys, "feeds", "list", "--json", *lib)
    listed = json.loads(printed)
    assert [(f["id"], f["outlet"], f["articles"], f["unread"], f["error"]) for f in listed] == [
        (1, "Daily Bugle", 1, 1, ""),
        (2, "The Herald", 1, 1, ""),
    ]
    code, printed, _ = cli(capsys, "articles", "--json", *lib)
    assert sorted(a["source"] for a in json.loads(printed)) == ["Daily Bugle", "The Herald"]
    code, printed, _ = cli(capsys, "feeds", "export", *lib)
    assert code == 0 and printed.startswith("<?xml") and httpserver.url_for("/herald.xml") in printed
    opml = tmp_path / "feeds.opml"
    opml.write_text(printed)
    code, _, said = cli(capsys, "feeds", "import", str(opml), "--library", str(tmp_path / "other"))
    assert code == 0 and "Following 2 more feeds (0 already followed)" in said
    code, _, said = cli(capsys, "feeds", "remove", "1", *lib)
    assert code == 0 and "No longer following Daily Bugle" in said


def test_a_failing_feed_is_one_line_and_the_exit_says_when_all_failed(httpserver, tmp_path, capsys):
    httpserver.expect_request("/gone.xml").respond_with_data("", status=404)
    lib = ["--library", str(tmp_path / "lib")]
    code, _, said = cli(capsys, "feeds", "add", httpserver.url_for("/gone.xml"), *lib)
    assert code == 2 and "404 (Not Found)" in said
    with Library.open(tmp_path / "lib") as opened:
        feeds.subscribe(opened, httpserver.url_for("/gone.xml"), "Gone")
    code, _, said = cli(capsys, "feeds", "refresh", "--no-nlp", "--delay", "0", *lib)
    assert code == 2 and "Gone: 127.0.0.1 answered 404 (Not Found)" in said


def test_a_site_page_that_names_its_feed_is_followed_by_that_feed(httpserver, library, fetcher):
    httpserver.expect_request("/").respond_with_data(
        '<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml" title="All"></head>'
        "<body>Welcome</body></html>",
        content_type="text/html",
    )
    serve_feed(httpserver, "/atom.xml", feedkit.atom("Site Feed", items(httpserver, ["ports"])))
    feed, count = feeds.add_feed(library, fetcher, httpserver.url_for("/"))
    assert (feed.url, feed.title, count) == (httpserver.url_for("/atom.xml"), "Site Feed", 1)
    with pytest.raises(feeds.FeedError, match="Already following"):
        feeds.add_feed(library, fetcher, httpserver.url_for("/"))


def test_one_page_in_two_feeds_is_one_article_and_keeps_its_first_outlet(httpserver, library, fetcher):
    shared = items(httpserver, ["harbour"])
    serve_feed(httpserver, "/one.xml", feedkit.rss1("First Feed", shared))
    serve_feed(httpserver, "/two.xml", feedkit.rss1("Second Feed", shared))
    httpserver.expect_request("/news/harbour").respond_with_data(feedkit.article_page("Harbour", "harbour"))
    feeds.add_feed(library, fetcher, httpserver.url_for("/one.xml"))
    feeds.add_feed(library, fetcher, httpserver.url_for("/two.xml"))
    refresh(library, fetcher)
    assert paths_asked(httpserver).count("/news/harbour") == 1
    (article,) = library.store.articles()
    assert article.outlet == "First Feed"
    assert [(f.title, f.stored) for f in feeds.feeds(library)] == [("First Feed", 1), ("Second Feed", 1)]
    # Unread is counted per feed, by its entries, not by the outlet its articles carry.
    assert [f.unread for f in feeds.feeds(library)] == [1, 1]
    library.mark_read(article.id)
    assert [f.unread for f in feeds.feeds(library)] == [0, 0]


def test_a_refresh_stopped_while_fetching_keeps_the_feeds_it_finished(httpserver, library):
    one, two = items(httpserver, ["parks"]), items(httpserver, ["rail"])
    serve_feed(httpserver, "/one.xml", feedkit.rss1("One", one))
    serve_feed(httpserver, "/two.xml", feedkit.rss1("Two", two))
    for name in ("parks", "rail"):
        httpserver.expect_request(f"/news/{name}").respond_with_data(feedkit.article_page(name, name))
    stop_at = {httpserver.url_for("/news/rail")}

    class StoppedFetcher(Fetcher):
        def get(self, url, **options):
            if url in stop_at:
                stop_at.clear()
                raise KeyboardInterrupt  # Ctrl-C while the second feed's page is fetched
            return super().get(url, **options)

    with StoppedFetcher(host_delay=0) as fetcher:
        feeds.add_feed(library, fetcher, httpserver.url_for("/one.xml"))
        feeds.add_feed(library, fetcher, httpserver.url_for("/two.xml"))
        with pytest.raises(KeyboardInterrupt):
            refresh(library, fetcher)
        assert library.count() == 0
        assert [(f.title, f.pending) for f in feeds.feeds(library)] == [("One", 1), ("Two", 0)]
        before = len(httpserver.log)
        report = refresh(library, fetcher)
    asked = [(request.path, response.status_code) for request, response in httpserver.log[before:]]
    assert ("/one.xml", 304) in asked and ("/news/parks", 200) not in asked  # feed One's work is not redone
    assert ("/two.xml", 200) in asked and ("/news/rail", 200) in asked
    assert [(o.feed.title, o.new) for o in report.feeds] == [("One", 1), ("Two", 1)]
    assert library.count() == 2


def test_a_feed_fetched_whole_with_nothing_new_says_so(httpserver, tmp_path, capsys):
    """A server that ignores conditional requests sends the whole feed again: the refresh still
    gives that feed a line, not silence."""
    feed = feedkit.rss2("Daily Bugle", items(httpserver, ["parks"]), full=True)
    httpserver.expect_request("/bugle.xml").respond_with_data(feed, content_type="application/rss+xml")
    lib = ["--library", str(tmp_path / "lib")]
    assert cli(capsys, "feeds", "add", httpserver.url_for("/bugle.xml"), *lib)[0] == 0
    code, _, said = cli(capsys, "feeds", "refresh", "--no-nlp", "--delay", "0", *lib)
    assert code == 0 and "Daily Bugle: 1 new" in said
    code, _, said = cli(capsys, "feeds", "refresh", "--no-nlp", "--delay", "0", *lib)
    assert code == 0 and "Daily Bugle: nothing new" in said
