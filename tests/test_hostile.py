"""Hostile input: names, texts and files from outside are data, never markup, formulas or a way to
hang or abort a run (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import failing_on_boom
from tui.app import QuotedeskApp
from tui.screens.main import MainScreen
from tui.testing import settle, wait_until

SIZE = (120, 36)
MARKUP_NAME = "[@click=app.quit]QUIT [b]BOLD [link=https:evil.example]LNK.txt"
MARKUP = "[@click=app.quit]QUIT [b]BOLD[/b] [link=https:evil.example]LNK"


def markup_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.txt").write_text("A good headline\n\nThe minister said the plan would work.\n", encoding="utf-8")
    (folder / MARKUP_NAME).write_bytes(b"\x00\x01\x02\xff" * 64)
    return folder


# --- item 2: markup in names and texts is shown, not obeyed --------------------------------------


@pytest.mark.anyio
async def test_a_file_name_with_markup_is_shown_as_text_in_the_reader(library_root, tmp_path):
    folder = markup_folder(tmp_path)
    app = QuotedeskApp(library_root=library_root, add_paths=[folder], cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not app.is_running or list(app.screen.query("Toast")), what="a toast")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, MainScreen)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("[@click=app.quit]QUIT [b]BOLD" in text for text in toasts), toasts


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_file_name_with_markup_is_printed_as_text_by_the_command_line(capsys, library_root, tmp_path):
    folder = markup_folder(tmp_path)
    code, _, err = run_cli(capsys, "--library", str(library_root), "index", "--no-nlp", str(folder))
    assert code == 0
    assert squeezed(MARKUP_NAME) in squeezed(err)
    assert "quotedesk failed" not in err
    output = tmp_path / "[b]quotes[/b].json"
    code, _, err = run_cli(capsys, "--library", str(library_root), "quotes", "--output", str(output))
    assert code == 0 and output.exists()
    assert "[b]quotes[/b].json" in squeezed(err)


def squeezed(text: str) -> str:
    """`text` without white space: the terminal's width wraps the command line's output anywhere."""
    return "".join(text.split())


def test_markup_in_titles_outlets_notes_and_actors_is_printed_as_text(capsys, library_root, tmp_path):
    folder = tmp_path / "marked"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"{MARKUP} headline\n\nThe minister, [red]Jane Doe[/red], said the plan would work.\n", encoding="utf-8"
    )
    code, _, err = run_cli(capsys, "--library", str(library_root), "index", str(folder), "--outlet", "[bold]Out:smile:")
    assert code == 0, err
    code, out, _ = run_cli(capsys, "--library", str(library_root), "articles")
    assert f"{MARKUP} headline" in out.replace("\n", "") or MARKUP in out
    assert "[bold]Out:smile:" in out
    with Library.open(library_root) as library:
        article = next(s for s in library.article_summaries("date") if s.title.startswith("[@click"))
        library.add_bookmark(article.id, note="[b]note[/b]")
    code, out, _ = run_cli(capsys, "--library", str(library_root), "bookmarks")
    assert "note: [b]note[/b]" in out
    code, out, _ = run_cli(capsys, "--library", str(library_root), "show", article.id)
    assert out.splitlines()[0] == f"{MARKUP} headline"
    assert "[red]Jane Doe[/red]" in out


@pytest.mark.anyio
async def test_markup_in_a_title_outlet_note_and_actor_is_shown_as_text_in_the_reader(capsys, library_root, tmp_path):
    from tui.screens.bookmarks import BookmarksScreen
    from tui.widgets.actor_sidebar import ActorSidebar
    from tui.widgets.reading_view import ReadingView

    folder = tmp_path / "marked"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"{MARKUP} headline\n\nJane Doe, the minister, said the plan would work.\n", encoding="utf-8"
    )
    with Library.open(library_root) as library:
        library.add([folder], outlet="[bold]Out[/bold]")
        article = next(s for s in library.article_summaries("date") if s.title.startswith("[@click"))
        library.add_bookmark(article.id, note="[b]note[/b]")
    code, _, err = run_cli(capsys, "--library", str(library_root), "actors", "rename", "Jane Doe", "[b]Jane[/b] Doe")
    assert code == 0, err
    code, out, _ = run_cli(capsys, "--library", str(library_root), "actors")
    assert "[b]Jane[/b] Doe" in out
    app = QuotedeskApp(library_root=library_root, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.request_article(article.id)
        await settle(pilot)
        header = str(screen.query_one(ReadingView).query_one("#article-header").render())
        assert f"{MARKUP} headline" in header and "[bold]Out[/bold]" in header
        actors = screen.query_one(ActorSidebar)
        prompts = [
            " ".join(str(r) for r in actors.get_option_at_index(i).prompt.renderables)
            for i in range(actors.option_count)
        ]
        assert any("[b]Jane[/b] Doe" in prompt for prompt in prompts), prompts
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        table = app.screen.query_one("DataTable")
        cells = [str(table.get_cell_at((r, c))) for r in range(table.row_count) for c in range(len(table.columns))]
        assert any("[b]note[/b]" in cell for cell in cells), cells
        assert app.is_running


# --- item 3: CSV cells never start a formula ---------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_cell_that_starts_like_a_formula_is_text(start):
    import csv
    import io

    from index.export import render
    from index.records import HIT_FIELDS

    row = {
        "id": "abc",
        "title": f'{start}HYPERLINK("http://evil.example")',
        "source": f"{start}SUM(A1:A9)",
        "date": "2024-01-02",
        "path": "/x.txt",
        "score": -1.5,
        "snippet": "plain words",
    }
    (cell,) = list(csv.DictReader(io.StringIO(render([row], "csv", HIT_FIELDS), newline="")))
    assert cell["title"] == f'\'{start}HYPERLINK("http://evil.example")'
    assert cell["source"] == f"'{start}SUM(A1:A9)"
    assert cell["snippet"] == "plain words" and cell["date"] == "2024-01-02"
    assert cell["score"] == "-1.5"  # a number is no formula


def test_an_exported_quote_and_title_starting_with_a_formula_is_neutralised(seeded_library, tmp_path):
    import csv

    folder = tmp_path / "formula"
    folder.mkdir()
    (folder / "f.txt").write_text(
        '=HYPERLINK("http://evil.example")\n\n"@SUM(A1:A9) is the answer," the minister said.\n', encoding="utf-8"
    )
    seeded_library.add([folder], outlet="+Outlet")
    (summary,) = [s for s in seeded_library.article_summaries() if s.title.startswith("=")]
    from index.export import ExportSpec

    target = tmp_path / "q.csv"
    seeded_library.export(ExportSpec("search", query="HYPERLINK"), "csv", target)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and all(row["title"].startswith("'=") and row["source"] == "'+Outlet" for row in rows)
    text, _ = seeded_library.export_text(ExportSpec("quotes", article_id=summary.id), "csv")
    cells = [value for row in csv.reader(text.splitlines()) for value in row]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells), cells


def test_a_multi_line_bookmark_note_stays_in_its_markdown_blockquote(seeded_library):
    from index.export import ExportSpec

    quote = next(q for q in seeded_library.quotes() if q.kind == "direct")
    seeded_library.add_bookmark(quote.article_id, quote.id, note="first line\n# not a heading\n\nlast")
    text, _ = seeded_library.export_text(ExportSpec("bookmarks"), "md")
    block = text[text.index("*Note:*") - 2 :].split("\n\n")[0].splitlines()
    assert block == ["> *Note:* first line", "> \\# not a heading", ">", "> last"]


# --- item 6: only regular files are read --------------------------------------------------------


def test_a_named_pipe_is_skipped_with_its_reason_and_the_run_finishes(tmp_path):
    import os
    import threading

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text("A headline\n\nThe minister said it would work.\n", encoding="utf-8")
    os.mkfifo(folder / "b_pipe.txt")
    result: dict[str, object] = {}

    def ingest() -> None:
        with Library.open(tmp_path / "library") as library:
            result["report"] = library.add([folder], nlp=False)
            result["count"] = library.count()
            result["skipped"] = result["report"].skipped

    worker = threading.Thread(target=ingest, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # free the blocked reader so the test process can end
        with open(folder / "b_pipe.txt", "wb"):
            pass
        worker.join(5)
        pytest.fail("the ingest hung on a named pipe")
    report = result["report"]
    assert result["count"] == 1
    assert [(Path(path).name, reason) for path, reason in report.skipped] == [
        ("b_pipe.txt", "not a regular file (a named pipe)")
    ]


def test_a_file_that_cannot_be_opened_is_skipped_with_its_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A headline\n\nThe minister said it would work.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(tmp_path / "gone.txt")  # a link to nothing
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder], nlp=False)
        assert library.count() == 1
    assert [(Path(path).name, reason) for path, reason in report.skipped] == [("b.txt", "no such file")]


# --- item 7: one bad file or article never costs the others -----------------------------------

GOOD = "A good headline\n\nThe minister said the plan would work.\n"


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_good_files_are_stored(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt")
    with open(bad, "wb") as handle:
        handle.write(b"Bad name\n\nThe other minister said no.\n")
    for nlp in (False, True):
        with Library.open(tmp_path / f"library-{nlp}") as library:
            report = library.add([folder], nlp=nlp)
            assert library.count() == 1
        assert len(report.added) == 1
        ((path, reason),) = report.skipped
        assert path.endswith("name.txt") and "not valid UTF-8" in reason


def _long_quoted_text(paragraphs: int) -> str:
    lines = ["A long record of the hearing"]
    for number in range(paragraphs):
        lines.append(f'"We will finish part {number} of the work," said Jane Doe, the minister. It rained.')
    return "\n\n".join(lines) + "\n"


def test_a_text_over_the_parsers_limit_is_analysed_in_parts_with_the_right_offsets(tmp_path, monkeypatch):
    from index import enrich
    from index.nlp import load_pipeline

    monkeypatch.setattr(load_pipeline().nlp, "max_length", 5_000)  # spaCy refuses longer texts (E088)
    monkeypatch.setattr(enrich, "PART_CHARS", 1_500)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_long.txt").write_text(_long_quoted_text(120), encoding="utf-8")  # ~11,000 characters
    # one paragraph longer than a part: cut at sentence ends
    (folder / "c_line.txt").write_text("One line\n\n" + _long_quoted_text(60).replace("\n\n", " "), encoding="utf-8")
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder])
        assert library.count() == 3, report.skipped
        for summary in library.article_summaries():
            article = library.article(summary.id)
            quotes = library.quotes(article_id=summary.id)
            if summary.title == "A good headline":
                continue
            assert len(quotes) >= 50, summary.title
            starts = [0]
            for paragraph in article.paragraphs:
                starts.append(starts[-1] + len(paragraph) + 2)
            for quote in quotes:
                assert article.body[quote.start : quote.end] == quote.text
                assert starts[quote.paragraph] <= quote.start < starts[quote.paragraph + 1]
            assert {quote.speaker for quote in quotes} == {"Jane Doe"}
        assert [actor.name for actor in library.actors() if actor.name == "Jane Doe"] == ["Jane Doe"]


def test_an_article_whose_analysis_fails_is_skipped_alone(tmp_path, monkeypatch):
    import os

    import index.quotes

    original = index.quotes.extract_quotes
    monkeypatch.setattr(index.quotes, "extract_quotes", failing_on_boom())
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "c", "d"):
        (folder / f"{name}.txt").write_text(GOOD.replace("good", name), encoding="utf-8")
    (folder / "b.txt").write_text(GOOD.replace("plan", "BOOM plan"), encoding="utf-8")
    for path in folder.iterdir():  # old enough that a run records their times (and trusts them)
        os.utime(path, ns=(path.stat().st_mtime_ns - 10**10,) * 2)
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder])
        assert sorted(s.title for s in library.article_summaries()) == ["A a headline", "A c headline", "A d headline"]
        assert len(report.added) == 3
        ((path, reason),) = report.skipped
        assert path.endswith("b.txt") and reason == "its analysis failed (RuntimeError: boom)"
        monkeypatch.setattr(index.quotes, "extract_quotes", original)
        again = library.add([folder])  # the failed file is tried again, the others are unchanged
        assert len(again.added) == 1 and library.count() == 4


def test_an_article_beyond_the_limits_is_skipped_with_the_reason(tmp_path, monkeypatch):
    from index import ingest

    monkeypatch.setattr(ingest, "MAX_ARTICLE_PARAGRAPHS", 50)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(f"Line {n}." for n in range(200)), encoding="utf-8")
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder], nlp=False)
        assert library.count() == 1
    ((path, reason),) = report.skipped
    assert path.endswith("b.txt") and reason.startswith("article has too many paragraphs (199; the limit is 50)")


# --- item 8: memory follows a batch's size, not an article's paragraph count ------------------


def test_a_long_article_is_parsed_in_bounded_batches():
    from index import enrich

    paragraphs = [f"P{n}." for n in range(100_000)]  # the 889 KB file that grew to 4.8 GB
    parts = enrich.split_parts(paragraphs)
    assert all(len(part.paragraphs) <= enrich.PART_PARAGRAPHS for part in parts)
    assert all(len(part.text) <= enrich.PART_CHARS for part in parts)
    body = "\n\n".join(paragraphs)
    assert all(body[part.offset : part.offset + len(part.text)] == part.text for part in parts)
    assert sum(len(part.paragraphs) for part in parts) == len(paragraphs)
    batches = list(enrich._batches((part, "x") for part in parts))
    for batch in batches:
        assert sum(len(text) for text, _ in batch) <= enrich.PIPE_CHARS
        assert sum(len(parts[number].paragraphs) for _, (_, number) in batch) <= enrich.PIPE_PARAGRAPHS
    assert [number for batch in batches for _, (_, number) in batch] == list(range(len(parts)))


def test_a_paragraph_longer_than_a_part_is_cut_at_sentence_ends():
    from index import enrich

    sentence = "The minister spoke again. "
    paragraph = sentence * 400  # 10,400 characters
    parts = enrich.split_parts(["Head", paragraph, "Tail"], limit=1_000)
    assert "".join(part.text for part in parts[1:-1]) == paragraph
    assert all(part.text.endswith(". ") or part is parts[-2] for part in parts[1:-1])
    assert [part.first_paragraph for part in parts] == [0] + [1] * (len(parts) - 2) + [2]


# --- item 17: smaller things ----------------------------------------------------------------


def test_a_json_text_that_is_not_text_says_what_it_is(tmp_path):
    from index.sources import read_file_report

    path = tmp_path / "records.json"
    path.write_text('[{"text": 5}, {"body": {"a": 1}}, {"title": "x"}, {"text": "Real words here."}]', encoding="utf-8")
    documents, skipped = read_file_report(path)
    assert len(documents) == 1
    assert [reason for _, reason in skipped] == [
        "record's “text” is a number, not text",
        "record's “body” is an object, not text",
        "record has no text (no text, body or content key)",
    ]


def test_a_newline_in_a_file_name_is_shown_escaped(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nname.txt").write_text(
        '"We will win," said Jane Doe, the minister.\n\nMore words.\n', encoding="utf-8"
    )
    root = str(tmp_path / "library")
    code, _, err = run_cli(capsys, "--library", root, "index", "--no-nlp", str(folder))
    assert code == 0, err
    code, out, _ = run_cli(capsys, "--library", root, "articles")
    assert "evil\\nname" in out and "evil\nname" not in out
    code, out, _ = run_cli(capsys, "--library", root, "search", "win", "--limit", "1")
    assert code == 0 and "evil\nname" not in out
    from index.export import _md_escape

    assert _md_escape("evil\nname") == "evil name"


def test_a_backslash_in_plain_text_is_kept():
    from index.clean import clean_article

    cleaned = clean_article("A headline here\n\nHe wrote \\[escaped] in C:\\path and paid \\$7.\n", fmt="txt")
    assert cleaned.paragraphs == ["He wrote \\[escaped] in C:\\path and paid $7."]


def test_an_alias_error_is_one_sentence_with_one_full_stop(capsys, tmp_path, isolated_user_dirs):
    from index.paths import aliases_file

    path = aliases_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("merge = [[\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "--library", str(tmp_path / "library"), "actors", "merge", "A B", "B")
    assert code == 2
    message = squeezed(err)
    assert ".." not in message and "quotedeskfailed" not in message, err
    assert "isnotvalidTOML" in message


def test_a_deeply_nested_page_gives_its_text(tmp_path):
    from index.sources import read_file

    page = "<html><body>" + "<div>" * 10_000 + "<p>The minister said the plan would work.</p>" + "</div>" * 10_000
    path = tmp_path / "deep.html"
    path.write_text(page + "</body></html>", encoding="utf-8")
    (document,) = read_file(path)
    assert "The minister said the plan would work." in document.text


def test_one_nul_byte_among_text_is_dropped_and_a_mostly_nul_file_stays_binary(tmp_path):
    from index.sources import SkipFile, read_file

    text = tmp_path / "one.txt"
    text.write_bytes(b"A headline here\n\nThe minister\x00 said the plan would work.\n")
    (document,) = read_file(text)
    assert "The minister said the plan would work." in document.text
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"ab\x00\x00" * 100)
    with pytest.raises(SkipFile, match="binary"):
        read_file(binary)


def test_the_json_summary_names_a_file_whose_name_is_not_utf8_in_valid_utf8(capfd, tmp_path):
    import json
    import os

    from tui.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt"), "wb") as handle:
        handle.write(b"Bad name\n\nThe other minister said no.\n")
    code = main(["--library", str(tmp_path / "library"), "index", "--no-nlp", "--json", str(folder)])
    out = capfd.readouterr().out
    assert code == 0
    ((skipped),) = json.loads(out)["skipped"]
    assert skipped["path"].endswith("bad\\xff\\xfename.txt")
