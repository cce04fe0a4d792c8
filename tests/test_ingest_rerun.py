"""A re-run over files the library holds: unchanged ones are known by size and time, without reading them."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from index import ingest
from index.library import DATABASE, Library

HOUR = 3600


def write_articles(folder: Path, count: int, age_s: float = HOUR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"story{n:03d}.txt"
        path.write_text(f"Story {n} about the harbour\n\nThe council met about harbour {n}.\n", encoding="utf-8")
        set_age(path, age_s)
        paths.append(path)
    return paths


def set_age(path: Path, age_s: float) -> None:
    when = time.time() - age_s
    os.utime(path, (when, when))


@pytest.fixture
def hashed(monkeypatch):
    """The files whose contents a run hashes."""
    seen: list[str] = []
    original = ingest._file_hash

    def counting(path):
        seen.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(ingest, "_file_hash", counting)
    return seen


def test_a_rerun_over_unchanged_files_reads_none_of_them(tmp_path, hashed):
    source = tmp_path / "src"
    paths = write_articles(source, 5)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        assert len(hashed) == 5
        hashed.clear()
        report = library.add([source], nlp=False)
        assert hashed == [] and report.unchanged == 5 and not report.added and not report.updated

        set_age(paths[1], 2 * HOUR)  # touched, same contents: hashed once, then known again
        report = library.add([source], nlp=False)
        assert hashed == [paths[1].name] and report.unchanged == 5 and not report.updated
        hashed.clear()
        assert library.add([source], nlp=False).unchanged == 5 and hashed == []

        paths[2].write_text("Story 2 is about a lighthouse now\n\nThe lighthouse keeper spoke.\n", encoding="utf-8")
        set_age(paths[2], HOUR / 2)
        report = library.add([source], nlp=False)
        assert hashed == [paths[2].name] and len(report.updated) == 1
        assert library.search("lighthouse").total == 1


def test_a_file_changed_just_now_is_hashed_again_next_time(tmp_path, hashed):
    """Within the clock's resolution an edit can leave size and time as they were: a file younger
    than that is not trusted by its time."""
    source = tmp_path / "src"
    write_articles(source, 2, age_s=0)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        hashed.clear()
        assert library.add([source], nlp=False).unchanged == 2
        assert sorted(hashed) == ["story000.txt", "story001.txt"]


def test_a_library_from_before_file_times_hashes_once_then_knows_them(tmp_path, hashed):
    source = tmp_path / "src"
    write_articles(source, 3)
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([source], nlp=False)
    with sqlite3.connect(root / DATABASE) as db:  # as schema 6 left them: no size or time known
        db.execute("UPDATE files SET size = -1, mtime_ns = -1")
    hashed.clear()
    with Library.open(root) as library:
        assert library.add([source], nlp=False).unchanged == 3 and len(hashed) == 3
        hashed.clear()
        assert library.add([source], nlp=False).unchanged == 3 and hashed == []


def test_a_rerun_through_a_linked_folder_knows_the_same_files(tmp_path, hashed):
    source = tmp_path / "src"
    write_articles(source, 3)
    link = tmp_path / "link"
    link.symlink_to(source, target_is_directory=True)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        hashed.clear()
        report = library.add([link], nlp=False)
        assert report.unchanged == 3 and not report.added and hashed == []
