"""Crash consistency: a real ingest (language analysis on, one process or two) killed with SIGKILL at
chosen points, from committing batches to the final indexing and linking. Right after the kill, `check`
says what the next run will finish (no exit 1 for an index that is only behind); the next run reaches
exactly the state of a run never interrupted: articles, quotes, statements, bookmarks.

The process kills itself where a patched function is reached (a driver script sets the patch), so each
kill lands at the same place on every machine; nothing in quotedesk knows about it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import REPO, SEEDS

DRIVER = textwrap.dedent(
    """
    import os, signal, sys


    def die_at(owner, name, call, after=False):
        original = getattr(owner, name)
        calls = {"n": 0}

        def patched(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == call and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            result = original(*args, **kwargs)
            if calls["n"] == call and after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(owner, name, patched)


    if __name__ == "__main__":  # analysis workers import this file too: they only analyse
        from whoosh import writing

        from index import indexing, ingest, store

        point, call = sys.argv[1], int(sys.argv[2])
        ingest.BATCH_SIZE = 3  # several batches from a few files
        if point == "batch":  # a batch is in the store; the run's index writer holds it unwritten
            die_at(ingest, "commit_batch", call, after=True)
        elif point == "index-write":  # the final indexing wrote its segment, not yet the index's table of contents
            die_at(writing.SegmentWriter, "_commit_toc", call)
        elif point == "index-done":  # the index is committed; the store does not know yet
            die_at(store.Store, "set_indexed", call)
        elif point == "linking":  # inside relinking's transaction
            die_at(store.Store, "replace_corrections", call)
        elif point == "relinked":  # links committed; the run's articles not yet written to the index
            die_at(indexing, "sync_index", call)
        else:
            raise SystemExit(f"unknown point {point}")

        from tui.cli import main

        sys.exit(main(sys.argv[3:]))
    """
)

SPEAKERS = ("Ada Brook", "Tom Hale", "Mira Sand", "Olu Park")


def write_corpus(folder: Path, count: int) -> Path:
    """Articles with people who say things (quotes and statements across articles)."""
    folder.mkdir(parents=True)
    for number in range(count):
        speaker = SPEAKERS[number % len(SPEAKERS)]
        other = SPEAKERS[(number + 1) % len(SPEAKERS)]
        (folder / f"story{number:02}.txt").write_text(
            f"Harbour council vote {number}\n\n"
            f'"We will rebuild the harbour wall before winter," {speaker} said on Monday.\n\n'
            f"{other}, the council's treasurer, said the budget for item {number} was not yet agreed.\n\n"
            f'"The money is there," {speaker} told reporters after the meeting.\n',
            encoding="utf-8",
        )
    return folder


def state(root: Path) -> dict:
    with Library.open(root) as library:
        return {
            "articles": sorted((a.id, a.title, a.outlet, a.body, a.path) for a in library.store.articles()),
            "quotes": sorted((q.id, q.text, q.speaker, q.speaker_id, q.kind, q.statement_id) for q in library.quotes()),
            "statements": sorted((s.id, s.speaker, tuple(r.quote.id for r in s.reports)) for s in library.statements()),
            "actors": sorted((a.id, a.name, tuple(a.articles)) for a in library.actors()),
            "bookmarks": sorted((b.kind, b.article_id, b.quote_id, b.note) for b in library.bookmarks()),
            "search": library.search("harbour", limit=None).total,
        }


def cli(root: Path, *argv: str, driver: Path | None = None, point: tuple[str, int] | None = None):
    env = {**os.environ, "QUOTEDESK_LIBRARY": str(root), "PYTHONPATH": str(REPO)}
    if driver is not None and point is not None:
        command = [sys.executable, str(driver), point[0], str(point[1]), *argv]
    else:
        command = [sys.executable, "-m", "tui.cli", *argv]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """A library with the seeds and a bookmark (the base every run starts from), the corpus a run adds,
    the driver, and the state an uninterrupted run reaches."""
    work = tmp_path_factory.mktemp("crash")
    base = work / "base"
    seeds = work / "seeds"
    shutil.copytree(SEEDS, seeds)
    result = cli(base, "index", str(seeds))
    assert result.returncode == 0, result.stderr
    with Library.open(base) as library:
        quote = library.quotes()[0]
        library.add_bookmark(quote.article_id, quote.id, note="keep this")
    corpus = write_corpus(work / "corpus", 10)
    driver = work / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    reference = work / "reference"
    shutil.copytree(base, reference)
    result = cli(reference, "index", str(corpus))
    assert result.returncode == 0, result.stderr
    return base, corpus, driver, state(reference)


POINTS = [
    ("batch", 2, 1),
    ("batch", 2, 2),
    ("index-write", 1, 1),
    ("index-done", 1, 1),
    ("linking", 1, 1),
    ("relinked", 1, 2),
]


@pytest.mark.parametrize(("point", "call", "jobs"), POINTS, ids=[f"{p}-{c}-jobs{j}" for p, c, j in POINTS])
def test_a_kill_at_any_point_leaves_a_library_the_next_run_completes(crash_setup, tmp_path, point, call, jobs):
    base, corpus, driver, expected = crash_setup
    root = tmp_path / "library"
    shutil.copytree(base, root)
    killed = cli(root, "index", str(corpus), "--jobs", str(jobs), driver=driver, point=(point, call))
    assert killed.returncode == -signal.SIGKILL, f"the run was not killed at {point}: {killed.stderr}"
    assert not (root / "writer.lock").exists() or _lock_is_free(root), "a killed run's lock is free"

    checked = cli(root, "check")
    assert checked.returncode == 0, checked.stderr  # behind, not broken
    assert "Traceback" not in checked.stderr
    assert "whole" in checked.stderr

    rerun = cli(root, "index", str(corpus), "--jobs", str(jobs))
    assert rerun.returncode == 0, rerun.stderr
    assert state(root) == expected
    final = cli(root, "check")
    assert final.returncode == 0 and "agrees" in final.stderr, final.stderr


def _lock_is_free(root: Path) -> bool:
    with Library.open(root) as library, library.writing():
        return True


def test_a_relink_killed_before_the_index_is_refreshed_leaves_its_changes_for_the_next_search(
    library_root, monkeypatch
):
    # A rename changes indexed articles' actor fields; the run dies after the links commit and
    # before the search index is refreshed (the refresh does nothing here, as a killed run would).
    from index import linking, paths

    aliases = paths.aliases_file()
    aliases.parent.mkdir(parents=True, exist_ok=True)
    aliases.write_text('[rename]\n"John Kirby" = "Admiral Kirby"\n', encoding="utf-8")
    refresh = linking.refresh_changed_fields
    monkeypatch.setattr(linking, "refresh_changed_fields", lambda *args, **kwargs: None)
    with Library.open(library_root) as library:
        assert library.search("actor:admiral", limit=None).total == 0
        library.relink()
    monkeypatch.setattr(linking, "refresh_changed_fields", refresh)
    with Library.open(library_root) as library:
        assert library.store.has_unindexed()  # what the killed run left, marked in its commit
        assert library.search("actor:admiral", limit=None).total == library.search("actor:kirby", limit=None).total > 0
        assert not library.store.has_unindexed()
