"""The HTTP client of feeds and URLs, against a local server on 127.0.0.1 (nothing leaves the machine)."""

from __future__ import annotations

import json
import threading

import pytest
from werkzeug import Request, Response

from index.fetch import Fetcher, FetchError, is_web_address


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def fetcher():
    with Fetcher(host_delay=0, timeout=2) as client:
        yield client


def test_a_page_comes_back_with_its_validators(httpserver, fetcher):
    httpserver.expect_request("/page").respond_with_data(
        "<html><body>hi</body></html>",
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT"},
    )
    got = fetcher.get(httpserver.url_for("/page"))
    assert got.status == 200 and not got.not_modified
    assert got.content == b"<html><body>hi</body></html>"
    assert got.content_type == "text/html"
    assert (got.etag, got.last_modified) == ('"v1"', "Tue, 01 Dec 2026 10:00:00 GMT")
    assert got.fetched_at


def test_a_conditional_request_gets_a_304_without_a_body(httpserver, fetcher):
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    got = fetcher.get(httpserver.url_for("/feed"), etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    assert got.not_modified and got.status == 304 and got.content == b""
    request, _ = httpserver.log[-1]
    assert request.headers["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_redirects_are_followed_to_the_final_address(httpserver, fetcher):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/middle"})
    httpserver.expect_request("/middle").respond_with_data("", status=302, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("here")
    got = fetcher.get(httpserver.url_for("/old"))
    assert got.content == b"here"
    assert got.final_url == httpserver.url_for("/new")
    assert got.url == httpserver.url_for("/old")


def test_too_many_redirects_is_one_sentence(httpserver):
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with Fetcher(host_delay=0, max_redirects=3) as fetcher, pytest.raises(FetchError, match="more than 3 times"):
        fetcher.get(httpserver.url_for("/loop"))
    assert len(httpserver.log) == 4  # the first request and three redirects, then it stops


def test_a_redirect_off_the_web_is_refused(httpserver, fetcher):
    httpserver.expect_request("/odd").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="not a web address"):
        fetcher.get(httpserver.url_for("/odd"))


def test_a_server_error_names_the_status(httpserver, fetcher):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    with pytest.raises(FetchError) as caught:
        fetcher.get(httpserver.url_for("/broken"))
    message = str(caught.value)
    assert "500" in message and "Internal Server Error" in message and "\n" not in message


def test_a_server_that_does_not_answer_times_out(httpserver):
    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(10)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(stall)
    try:
        with Fetcher(host_delay=0, timeout=0.3) as fetcher, pytest.raises(FetchError, match="did not answer within"):
            fetcher.get(httpserver.url_for("/slow"))
    finally:
        release.set()


def test_a_page_over_the_size_limit_is_refused(httpserver):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    with (
        Fetcher(host_delay=0, max_bytes=1000) as fetcher,
        pytest.raises(FetchError, match="larger than the 1000 bytes"),
    ):
        fetcher.get(httpserver.url_for("/big"))


def test_the_size_limit_holds_without_a_declared_length(httpserver):
    def chunks(request: Request) -> Response:
        return Response((b"y" * 500 for _ in range(10)), direct_passthrough=True)  # streamed, no Content-Length

    httpserver.expect_request("/stream").respond_with_handler(chunks)
    with Fetcher(host_delay=0, max_bytes=1200) as fetcher, pytest.raises(FetchError, match="larger than"):
        fetcher.get(httpserver.url_for("/stream"))


def test_requests_to_one_host_wait_their_turn():
    now = [100.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(host_delay=2.0, clock=lambda: now[0], sleep=sleep)
    fetcher._wait_turn("a.example")
    fetcher._wait_turn("b.example")  # another host: no wait
    fetcher._wait_turn("a.example")
    now[0] += 0.5
    fetcher._wait_turn("a.example")
    fetcher.close()
    assert pauses == [2.0, 1.5]


def test_a_file_address_is_read_and_its_time_makes_it_conditional(tmp_path, fetcher):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    got = fetcher.get(feed.as_uri())
    assert got.content == b"<rss/>" and got.last_modified
    again = fetcher.get(feed.as_uri(), last_modified=got.last_modified)
    assert again.not_modified
    with pytest.raises(FetchError, match="no file"):
        fetcher.get((tmp_path / "missing.xml").as_uri())


def test_only_web_and_file_addresses_are_fetched(fetcher):
    with pytest.raises(FetchError, match="not a web address"):
        fetcher.get("ftp://example.org/feed")
    assert is_web_address("https://example.org/a") and not is_web_address("notes/a.html")
    assert not is_web_address("http:/broken")


# --- pages added by address ---------------------------------------------------------------------------


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_page_added_by_url_keeps_its_address_and_fetch_time(httpserver, tmp_path, capsys):
    from index import web
    from index.library import Library
    from tests import feedkit

    httpserver.expect_request("/story").respond_with_data(
        feedkit.article_page("Harbour plan approved", "harbour", site="Port Gazette"), content_type="text/html"
    )
    saved = tmp_path / "saved.html"  # a saved page goes the way it always did, in the same run
    saved.write_text(feedkit.article_page("Saved story", "saved"))
    lib = ["--library", str(tmp_path / "lib")]
    code, _, said = cli(capsys, "add", httpserver.url_for("/story"), str(saved), "--no-nlp", *lib)
    assert code == 0 and "Added 2" in said, said
    with Library.open(tmp_path / "lib") as library:
        (article,) = [a for a in library.store.articles() if a.url]
        assert article.url == httpserver.url_for("/story")
        assert article.title == "Harbour plan approved" and article.outlet == "Port Gazette"
        assert "The harbour story continues in paragraph 5." in article.body
        page = web.page_of(library, article.id)
        assert page is not None and page.url == article.url and page.fetched.startswith("20")
        (from_file,) = [a for a in library.store.articles() if not a.url]
        assert from_file.path == str(saved.resolve()) and web.page_of(library, from_file.id) is None
    code, printed, _ = cli(capsys, "show", article.id[:8], "--json", *lib)
    assert json.loads(printed)["fetched"] == page.fetched
    code, printed, _ = cli(capsys, "show", article.id[:8], *lib)
    assert f"{article.url} · fetched" in printed


def test_an_address_that_fails_is_one_line_and_the_others_go_on(httpserver, tmp_path, capsys):
    from tests import feedkit

    httpserver.expect_request("/fine").respond_with_data(feedkit.article_page("Fine", "fine"), content_type="text/html")
    httpserver.expect_request("/missing").respond_with_data("", status=404)
    httpserver.expect_request("/picture").respond_with_data(b"\x89PNG", content_type="image/png")
    lib = ["--library", str(tmp_path / "lib")]
    urls = [httpserver.url_for(path) for path in ("/missing", "/picture", "/fine")]
    code, _, said = cli(capsys, "add", *urls, "--no-nlp", "--delay", "0", *lib)
    assert code == 0 and "Added 1" in said
    assert f"not added: {urls[0]}: 127.0.0.1 answered 404 (Not Found)" in said
    assert f"not added: {urls[1]}: It is not a web page but image/png." in " ".join(said.split())
    code, _, said = cli(capsys, "add", urls[0], "--no-nlp", *lib)
    assert code == 2


def test_quotedesk_url_fetches_the_page_then_opens_the_reader(httpserver, tmp_path, capsys, monkeypatch):
    import sys

    import tui.app
    from index.library import Library
    from tests import feedkit

    httpserver.expect_request("/story").respond_with_data(feedkit.article_page("Harbour", "harbour"))
    opened = []
    monkeypatch.setattr(tui.app, "run_reader", lambda **options: opened.append(options))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, _, said = cli(capsys, httpserver.url_for("/story"), "--library", str(tmp_path / "lib"))
    assert code == 0, said
    assert opened and opened[0]["add_paths"] is None
    with Library.open(tmp_path / "lib") as library:
        assert [a.url for a in library.store.articles()] == [httpserver.url_for("/story")]
