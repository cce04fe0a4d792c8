"""Watched folders: files dropped into a folder are added as they land (waits have deadlines, never fixed pauses)."""

from __future__ import annotations

import os
import queue
import threading

import pytest

from index import watch
from index.library import Library
from tests import feedkit

DEADLINE = 30.0  # seconds: generous for a loaded machine; the waits end as soon as the event comes


def article_text(topic: str) -> str:
    return f"{topic.title()} plan approved\n\n" + "\n\n".join(feedkit.article_paragraphs(topic))


def drop(folder, name: str, text: str) -> None:
    """Write as a scraper does: a hidden temporary file, then renamed into place."""
    temporary = folder / f".{name}.part"
    temporary.write_text(text)
    os.replace(temporary, folder / name)


def test_once_adds_what_the_folder_holds_and_leaves_the_rest(tmp_path, capsys):
    from tui.cli import main

    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(article_text("parks"))
    (folder / "sub" / "b.md").write_text(article_text("roads"))
    (folder / ".hidden.txt").write_text(article_text("secret"))
    (folder / "notes.pdf").write_bytes(b"%PDF")
    code = main(["watch", str(folder), "--once", "--no-nlp", "--library", str(tmp_path / "lib")])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 0
    assert "2 files: added 2, updated 0, unchanged 0, duplicates 0, skipped 0; the library holds 2 articles." in said
    with Library.open(tmp_path / "lib") as library:
        assert sorted(a.title for a in library.store.articles()) == ["Parks plan approved", "Roads plan approved"]


def test_a_missing_folder_is_one_sentence(tmp_path, capsys):
    from tui.cli import main

    code = main(["watch", str(tmp_path / "nowhere"), "--once", "--library", str(tmp_path / "lib")])
    assert code == 2 and "There is no folder" in capsys.readouterr().err


def test_a_file_dropped_in_a_watched_folder_is_added(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "first.txt").write_text(article_text("parks"))
    batches: queue.Queue[watch.WatchBatch] = queue.Queue()
    ready, stop = threading.Event(), threading.Event()
    failures: list[BaseException] = []
    library = Library.open(tmp_path / "lib")

    def run() -> None:
        try:
            watch.watch(library, [folder], batches.put, nlp=False, stop=stop, on_ready=ready.set, debounce_ms=200)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            failures.append(error)
            ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        first = batches.get(timeout=DEADLINE)  # the files already there
        assert [path.name for path in first.files] == ["first.txt"] and len(first.report.added) == 1
        assert ready.wait(DEADLINE) and not failures, failures
        drop(folder, "second.txt", article_text("bridges"))
        (folder / "ignored.pdf").write_bytes(b"%PDF")
        landed = batches.get(timeout=DEADLINE)
        assert [path.name for path in landed.files] == ["second.txt"]
        assert len(landed.report.added) == 1 and not landed.waiting
    finally:
        stop.set()
        thread.join(DEADLINE)
    assert not thread.is_alive() and not failures
    assert sorted(a.title for a in library.store.articles()) == ["Bridges plan approved", "Parks plan approved"]
    library.close()


def test_the_filter_leaves_hidden_partial_and_library_files_alone(tmp_path):
    import watchfiles

    folder, library_root = tmp_path / "drop", tmp_path / "drop" / "library"
    keep = watch._ArticleFilter([folder], library_root)
    added = watchfiles.Change.added
    assert keep(added, str(folder / "story.html"))
    assert keep(added, str(folder / "deep" / "story.json.gz"))
    assert not keep(added, str(folder / ".story.html.part"))
    assert not keep(added, str(folder / "story.part"))
    assert not keep(added, str(folder / ".cache" / "story.html"))
    assert not keep(added, str(library_root / "web" / "abc.json"))
    assert not keep(watchfiles.Change.deleted, str(folder / "story.html"))


@pytest.mark.parametrize("name", ["a.txt", "b.HTML", "c.jsonl", "d.md.gz"])
def test_article_files_are_the_ones_ingest_reads(tmp_path, name):
    path = tmp_path / name
    path.write_text("x")
    assert watch.is_article_file(path)
    assert not watch.is_article_file(tmp_path / f".{name}")
