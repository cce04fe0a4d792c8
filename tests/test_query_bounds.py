"""Queries that used to hang or raise an internal error: each is answered within a bounded time, or
refused with one sentence that says what is wrong (issue 9, items 9 and 10)."""

from __future__ import annotations

import time

import pytest

from index.search import QueryError, SearchIndex

SLOW = 5.0  # seconds: more than any refusal or bounded search should take on a loaded machine


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("bounds")


def refusal(query: str, index_dir) -> str:
    started = time.monotonic()
    with pytest.raises(QueryError) as caught:
        SearchIndex(index_dir).parse(query)
    assert time.monotonic() - started < SLOW, f"{query[:40]!r} took too long to refuse"
    message = str(caught.value)
    assert message.endswith((".", ")")) and "\n" not in message and len(message) < 300, message
    return message


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("date:[x TO y]", "is not one quotedesk understands"),
        ("date:>x", "is not one quotedesk understands"),
        ("date:{a TO b}", "is not one quotedesk understands"),
        ("date:[* TO *]", "open end empty, not *"),
        ("date:>2022-13-01", "“2022-13-01” is not a date"),
        ("date:2022-02-30", "“2022-02-30” is not a date"),
        (">NOT", "< or > with nothing to compare"),
        ("<:<source:election", "< or > with nothing to compare"),
        ("NOT " * 5000, "characters long; the limit is 1,000"),
        ("NOT " * 100 + "kirby", "the limit is 60"),
        ("(" * 5000 + "kirby" + ")" * 5000, "characters long"),
        ("(" * 30 + "kirby" + ")" * 30, "nests parentheses too deeply"),
    ],
    ids=lambda value: value[:24],
)
def test_queries_that_raised_internal_errors_get_one_sentence(query, says, index_dir):
    assert says in refusal(query, index_dir)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("a" * 40_000, "characters long"),
        ("a" * 120_000, "characters long"),
        ("b" * 900, "longer than any word"),
        (" OR ".join(f"w{n}" for n in range(10_000)), "characters long"),
        (" ".join(f"w{n}~2" for n in range(2_000)), "characters long"),
        (" ".join(f"word{n}~2" for n in range(7)), "7 words with ~"),
        (" ".join(f"w{n}*" for n in range(3_000)), "characters long"),
        (" ".join(f"word{n}*" for n in range(7)), "7 words with * or ?"),
        ("a~99", "“a~99” allows too many differences"),
        ("*", "A lone * would match every article"),
        ("title:*", "A lone * would match every article"),
        ("k*", "too few letters before its * or ?"),
        ("*rby", "too few letters before its * or ?"),
    ],
    ids=lambda value: value[:24],
)
def test_queries_that_hung_are_refused_at_once(query, says, index_dir):
    assert says in refusal(query, index_dir)


@pytest.mark.parametrize(
    "query", ["kirby", "kirby~2", "kirb*", "date:>2022-01-01", "date:[2022 TO]", "date:2022-07-04 ukraine", '"a~99"']
)
def test_ordinary_queries_still_parse(query, index_dir):
    SearchIndex(index_dir).parse(query)


def test_the_command_line_refuses_a_costly_query_in_one_sentence(capsys, seeded_library_dir, tmp_path):
    import shutil

    from tui.cli import main

    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    for query in ("a" * 40_000, "*", "date:[x TO y]", "(" * 5000 + "a" + ")" * 5000):
        started = time.monotonic()
        code = main(["--library", str(root), "search", query])
        err = capsys.readouterr().err
        assert time.monotonic() - started < SLOW
        assert code == 2 and "quotedesk failed" not in err and "Traceback" not in err, err


@pytest.mark.anyio
async def test_the_reader_shows_a_refused_query_in_its_status_line(seeded_library_dir, tmp_path):
    import shutil

    from tui.app import QuotedeskApp
    from tui.screens.main import MainScreen
    from tui.testing import settle

    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    app = QuotedeskApp(library_root=root, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for query, says in (("*", "A lone * would match every article"), ("a~99", "allows too many differences")):
            await pilot.press("slash")
            screen.query_one("#search").value = query
            await settle(pilot)
            assert says in str(screen.query_one("#status").render())
        assert app.is_running
