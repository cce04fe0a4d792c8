"""Hostile input: names, texts and files from outside are data, never markup, formulas or a way to
hang or abort a run (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.library import Library
from tui.app import QuotedeskApp
from tui.screens.main import MainScreen
from tui.testing import settle, wait_until

SIZE = (120, 36)
MARKUP_NAME = "[@click=app.quit]QUIT [b]BOLD [link=https:evil.example]LNK.txt"
MARKUP = "[@click=app.quit]QUIT [b]BOLD[/b] [link=https:evil.example]LNK"


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def library_root(seeded_library_dir, tmp_path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    return root


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
        notices = [n for n in app._notifications if n.title == "Files added"]
        assert notices and "[@click=app.quit]QUIT [b]BOLD [link=https:evil.example]LNK.txt" in notices[0].message
        assert isinstance(app.screen, MainScreen)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("[@click=app.quit]" in text for text in toasts), toasts


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
