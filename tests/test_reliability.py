"""Faults of the machine around a library: a read-only folder or file, a full disk, a damaged search
index, a second writer, a first run that failed, a config file that is not UTF-8. Each says so in one
sentence and leaves the user's data as it was; reading keeps working where it can."""

from __future__ import annotations

import errno
import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from index import paths
from index.faults import LibraryReadOnly
from index.library import DATABASE, Library
from tests.conftest import SEEDS
from tui import cli
from tui.cli import main

READS = (["articles"], ["search", "Kirby"], ["check"], ["bookmarks"], ["actors"], ["quotes"], ["statements"])


@pytest.fixture(autouse=True)
def wide_messages(monkeypatch):
    """Sentences on one line each, as a wide terminal shows them (the tests read them whole)."""
    monkeypatch.setattr(cli.err, "width", 10_000)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_sentence_error(err: str) -> None:
    assert "Traceback" not in err and "quotedesk failed" not in err, err
    assert err.strip().count("\n") == 0, f"more than one line: {err!r}"


@pytest.fixture
def library_dir(seeded_library_dir, tmp_path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    return root


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _unmount(path: Path) -> None:
    """Unmount `path`; files the test process still holds (an index's mapped segments not yet collected)
    are let go first, and a mount still busy is detached lazily."""
    for _ in range(2):
        if subprocess.run(["umount", str(path)], check=False, capture_output=True).returncode == 0:
            return
        gc.collect()
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` (a folder or a file) made read-only: a read-only bind mount as root (root writes through
    file modes), file modes otherwise."""
    if os.geteuid() == 0:
        try:
            _mount("--bind", str(path), str(path))
        except (OSError, subprocess.CalledProcessError) as error:
            pytest.skip(f"cannot bind-mount {path} read-only here: {error}")
        try:
            _mount("-o", "remount,bind,ro", str(path))
            yield path
        finally:
            _unmount(path)
        return
    targets = [path, *path.rglob("*")] if path.is_dir() else [path]
    modes = {target: target.stat().st_mode for target in targets}
    for target in reversed(targets):
        target.chmod(modes[target] & ~0o222)
    try:
        yield path
    finally:
        for target in targets:
            target.chmod(modes[target])


# --- read-only libraries (issue 9, item 5) -------------------------------------------------------


@pytest.mark.parametrize("what", ["folder", "database file"])
def test_a_read_only_library_reads_and_only_writing_says_it_cannot(capsys, library_dir, tmp_path, what):
    with Library.open(library_dir) as library:
        article_id = library.article_summaries()[0].id
        library.add_bookmark(article_id, note="read later")
    target = library_dir if what == "folder" else library_dir / DATABASE
    source = tmp_path / "more"
    shutil.copytree(SEEDS, source)
    aliases = paths.aliases_file()
    with read_only(target):
        exported = tmp_path / "bookmarks.md"
        for command in [*READS, ["show", article_id[:8]], ["export", "bookmarks", "--output", str(exported)]]:
            code, out, err = run(capsys, "--library", str(library_dir), *command)
            assert code == 0, (command, err)
            assert "read-only" not in err and "not writable" not in err, (command, err)
        code, out, _ = run(capsys, "--library", str(library_dir), "bookmarks", "--json")
        assert "read later" in out
        assert "read later" in exported.read_text(encoding="utf-8")
        writes = (
            ["index", "--no-nlp", str(source)],
            ["reindex"],
            ["actors", "merge", "John Kirby", "Kirby"],
            ["quotes", "correct", f"{article_id[:8]}:0", "--not-a-quote"],
        )
        for command in writes:
            code, _, err = run(capsys, "--library", str(library_dir), *command)
            assert code == 2, (command, err)
            assert "read-only" in err, (command, err)
            one_sentence_error(err)
        assert not aliases.exists(), "a refused edit leaves the alias file alone"
        with Library.open(library_dir) as library:
            assert library.read_only
            with pytest.raises(LibraryReadOnly):
                library.add_bookmark(article_id, note="again")
            library.mark_read(article_id)  # left undone, without a word
    # Nothing was written through the read-only view.
    assert not (library_dir / "index.new").exists()


def test_a_read_only_library_with_no_index_says_how_to_build_one(capsys, library_dir):
    shutil.rmtree(library_dir / "index")
    with read_only(library_dir):
        code, _, err = run(capsys, "--library", str(library_dir), "search", "Kirby")
        assert code == 2 and "read-only" in err and "reindex" in err
        one_sentence_error(err)
        code, _, _ = run(capsys, "--library", str(library_dir), "articles")
        assert code == 0


# --- a full disk (item 11) -----------------------------------------------------------------------


def _articles(folder: Path, count: int, words: int = 600) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = " ".join(f"zebrafinch{number} budget plan{n % 97} zebrafinch" for n in range(words // 4))
        (folder / f"{number:04}.txt").write_text(f"Council meeting {number}\n\n{body}\n", encoding="utf-8")
    return folder


def test_an_ingest_on_a_full_disk_says_so_and_reads_keep_working(capsys, library_dir, tmp_path, interrupt_commit):
    """The write path fails as SQLite fails on a full disk (a real full disk: the test below)."""
    source = _articles(tmp_path / "src", 40)
    interrupt_commit(2, sqlite3.OperationalError("database or disk is full"))
    code, _, err = run(capsys, "--library", str(library_dir), "index", "--no-nlp", str(source))
    assert code == 2 and "disk is full" in err
    one_sentence_error(err)
    code, out, _ = run(capsys, "--library", str(library_dir), "search", "Kirby")
    assert code == 0 and "Kirby" in out
    code, _, err = run(capsys, "--library", str(library_dir), "check")
    assert code == 0, err


def test_a_full_disk_while_indexing_leaves_searches_working(capsys, library_dir, tmp_path, monkeypatch):
    from index.search import SearchIndex

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(library_dir / "index" / "MAIN_x.seg"))

    source = _articles(tmp_path / "src", 3)
    monkeypatch.setattr(SearchIndex, "update", no_space)  # the run's one index write; the search retries it
    code, _, err = run(capsys, "--library", str(library_dir), "index", "--no-nlp", str(source))
    assert code == 2 and "disk is full" in err
    one_sentence_error(err)
    code, out, err = run(capsys, "--library", str(library_dir), "search", "Kirby")
    assert code == 0 and "Kirby" in out, err
    code, _, err = run(capsys, "--library", str(library_dir), "check")
    assert code == 0 and "not in the search index yet" in err


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {error}")
    try:
        yield path
    finally:
        _unmount(path)


def test_a_real_full_disk(capsys, tmp_path):
    source = _articles(tmp_path / "src", 150, words=1500)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    with small_disk(tmp_path / "disk", "2m") as disk:
        root = disk / "library"
        code, _, err = run(capsys, "--library", str(root), "index", "--no-nlp", str(seeds))
        assert code == 0, err
        code, _, err = run(capsys, "--library", str(root), "index", "--no-nlp", str(source))
        assert code == 2 and "disk is full" in err, err
        one_sentence_error(err)
        for command in (["search", "Kirby"], ["articles"], ["check"], ["bookmarks"]):
            code, _, err = run(capsys, "--library", str(root), *command)
            assert code in (0, 1), (command, err)
            assert "Traceback" not in err and "quotedesk failed" not in err and "Errno" not in err, (command, err)
        with Library.open(root) as library:
            assert library.check_report().problems == []
            stored = library.count()
            assert stored > 5
        _mount("-o", "remount,size=64m", str(disk))  # space is freed
        code, out, err = run(capsys, "--library", str(root), "search", "zebrafinch", "--json", "--limit", "1000")
        assert code == 0, err
        assert len(json.loads(out)) == stored - 5  # what the full disk left out of the index is added now
        code, _, err = run(capsys, "--library", str(root), "index", "--no-nlp", str(source))
        assert code == 0, err
        code, _, err = run(capsys, "--library", str(root), "check")
        assert code == 0 and "whole and its search index agrees" in err, err
        with Library.open(root) as library:
            assert library.count() == 155


# --- a damaged search index (item 12) ------------------------------------------------------------


def _damage_index(root: Path, how: str) -> None:
    segments = sorted((root / "index").glob("*.seg"))
    assert segments, "the index has segments"
    if how == "deleted":
        segments[0].unlink()
    else:
        with open(segments[0], "r+b") as handle:
            handle.truncate(segments[0].stat().st_size // 3)


@pytest.mark.parametrize("how", ["deleted", "truncated"])
def test_a_damaged_search_index_is_reported_and_rebuilt_from_the_store(capsys, library_dir, how):
    _damage_index(library_dir, how)
    code, _, err = run(capsys, "--library", str(library_dir), "check")
    assert code == 1 and "search index" in err and "damaged" in err and "reindex" in err, err
    assert "Traceback" not in err and "quotedesk failed" not in err
    code, out, err = run(capsys, "--library", str(library_dir), "search", "Kirby")
    assert code == 0, err
    assert "rebuilt" in err and "Kirby" in out
    code, _, err = run(capsys, "--library", str(library_dir), "check")
    assert code == 0, err


@pytest.mark.parametrize("how", ["deleted", "truncated"])
def test_an_ingest_rebuilds_a_damaged_search_index_first(capsys, library_dir, tmp_path, how):
    _damage_index(library_dir, how)
    source = _articles(tmp_path / "src", 2)
    code, _, err = run(capsys, "--library", str(library_dir), "index", "--no-nlp", str(source))
    assert code == 0, err
    with Library.open(library_dir) as library:
        assert library.check() == []
        assert library.search("Kirby").total == 3


def test_a_damaged_index_on_a_read_only_library_says_to_reindex(capsys, library_dir):
    _damage_index(library_dir, "deleted")
    with read_only(library_dir):
        code, _, err = run(capsys, "--library", str(library_dir), "search", "Kirby")
        assert code == 2 and "damaged" in err and "reindex" in err
        one_sentence_error(err)


# --- a second writer (item 14) -------------------------------------------------------------------


def test_an_alias_edit_while_another_quotedesk_writes_changes_nothing(capsys, library_dir):
    aliases = paths.aliases_file()
    aliases.parent.mkdir(parents=True, exist_ok=True)
    aliases.write_text("# my aliases\n", encoding="utf-8")
    before = aliases.read_bytes()
    with Library.open(library_dir) as writer, writer.writing():
        for action, names in (("merge", ["John Kirby", "Kirby"]), ("rename", ["John Kirby", "J. Kirby"])):
            code, _, err = run(capsys, "--library", str(library_dir), "actors", action, *names)
            assert code == 2 and "Another quotedesk" in err, err
            assert aliases.read_bytes() == before
    code, _, err = run(capsys, "--library", str(library_dir), "actors", "merge", "John Kirby", "Kirby")
    assert code == 0, err
    assert aliases.read_bytes() != before


# --- bundled articles only into a library never written (item 15) -------------------------------


def test_a_failed_first_ingest_does_not_bring_the_bundled_articles(capsys, tmp_path, interrupt_commit):
    source = _articles(tmp_path / "src", 3)
    root = tmp_path / "new"
    interrupt_commit(1, RuntimeError("the analysis broke"))
    code, _, _ = run(capsys, "--library", str(root), "index", "--no-nlp", str(source))
    assert code == 2
    code, out, err = run(capsys, "--library", str(root), "articles", "--json")
    assert code == 1 and out.strip() == "[]"
    assert "First run" not in err and "empty" in err
    with Library.open(root) as library:
        assert library.count() == 0


def test_a_first_ingest_of_nothing_usable_does_not_bring_the_bundled_articles(capsys, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "empty.txt").write_text("", encoding="utf-8")
    root = tmp_path / "new"
    run(capsys, "--library", str(root), "index", "--no-nlp", str(source))
    code, _, err = run(capsys, "--library", str(root), "articles")
    assert code == 1 and "First run" not in err


def test_a_new_library_read_first_still_gets_the_bundled_articles(capsys, tmp_path):
    code, out, err = run(capsys, "--library", str(tmp_path / "new"), "articles", "--json")
    assert code == 0 and "First run" in err


# --- config.toml that is not UTF-8 (item 16) -----------------------------------------------------


def test_a_config_file_that_is_not_utf8_is_one_warning_and_left_alone():
    from tui import config

    path = paths.config_dir() / config.CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'[keys]\nquit = "\xff\xfe"\n')
    keymap, problem = config.load_keymap()
    assert keymap == {}
    assert str(path) in problem and "UTF-8" in problem and "\n" not in problem
    assert path.read_bytes() == b'[keys]\nquit = "\xff\xfe"\n'


# --- the store's writes: a failed COMMIT is rolled back ------------------------------------------


def test_a_failed_commit_rolls_back_and_the_store_stays_usable(tmp_path):
    from index.store import Store

    store = Store(tmp_path / DATABASE)
    try:
        store.db.execute("CREATE TABLE t (x)")
        store.db.execute("CREATE TABLE p (x PRIMARY KEY)")
        store.db.execute("CREATE TABLE c (x REFERENCES p(x) DEFERRABLE INITIALLY DEFERRED)")
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.db.execute("INSERT INTO t VALUES (1)")
            store.db.execute("INSERT INTO c VALUES (1)")  # fails only at COMMIT
        assert not store.db.in_transaction
        assert store.db.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0
        with store.transaction():
            store.db.execute("INSERT INTO t VALUES (2)")
        assert store.db.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 1
    finally:
        store.close()


def test_python_runs_the_cli_module(tmp_path):
    """The command the crash tests drive is the installed one."""
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and "repair" in result.stdout
