"""Shared fixtures: isolated user folders, and one seeded library built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


def process_children(pid: int) -> set[int]:
    """The ids of a process's child processes (Linux /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def process_descendants(pid: int) -> set[int]:
    """The ids of a process's children, their children, and so on (Linux /proc)."""
    found, queue = set(), [pid]
    while queue:
        children = process_children(queue.pop()) - found
        queue.extend(children)
        found |= children
    return found


def process_alive(pid: int) -> bool:
    """Whether a process runs (a zombie does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_for_stored_articles(process, database: Path, count: int, timeout: float, on_poll=None) -> bool:
    """Wait while `process` (an ingest command) runs until its store holds `count` articles, and
    say whether it did; `on_poll` is called on every round (to watch the process's children, say)."""
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if on_poll is not None:
            on_poll()
        try:
            with sqlite3.connect(database, timeout=1) as db:
                if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= count:
                    return True
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    return False


def start_cli(root: Path, *argv: str, **env: str) -> subprocess.Popen[bytes]:
    """`quotedesk ARGV…` as a process of its own on the library at `root` (for killing it midway).

    It gets Ctrl-C as from a shell: a process started where SIGINT is ignored inherits that, and
    Python then never raises KeyboardInterrupt in it (a test that sends Ctrl-C saw the run go on
    to its end when the test process ignored SIGINT)."""
    import signal

    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *argv],
        env={**os.environ, "QUOTEDESK_LIBRARY": str(root), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def failing_on_boom():
    """The quote finder, raising on a text with BOOM in it: an analysis that fails on one article."""
    import index.quotes

    original = index.quotes.extract_quotes

    def extract(doc, starts=None):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return original(doc, starts)

    return extract


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared corpora beside the project")
    return path


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's library or config."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("QUOTEDESK_LIBRARY", str(home / "library"))
    monkeypatch.setenv("QUOTEDESK_CONFIG", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-home"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "documents"))
    return home


@pytest.fixture
def interrupt_commit(monkeypatch):
    """`interrupt_commit(n)`: Ctrl-C arrives as ingest commits its n-th batch (or `error`, when
    given, is raised there); the returned function undoes it (as if the user ran the command again)."""
    from index import ingest

    original = ingest.commit_batch

    def arm(call: int, error: BaseException | None = None):
        calls = {"n": 0}

        def commit(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == call:
                raise error if error is not None else KeyboardInterrupt()
            return original(*args, **kwargs)

        monkeypatch.setattr(ingest, "commit_batch", commit)
        return lambda: monkeypatch.setattr(ingest, "commit_batch", original)

    return arm


@pytest.fixture(scope="session")
def nlp():
    """The English model's pipeline (tagger, parser, NER); tests that need it skip without it."""
    from index.nlp import load_pipeline

    pipeline = load_pipeline()
    if not pipeline.has_ner or not pipeline.has_parser:
        pytest.skip("the English spaCy model is not installed")
    return pipeline.nlp


@pytest.fixture(scope="session")
def seeded_library_dir(tmp_path_factory) -> Path:
    """The bundled seeds ingested with the full pipeline, once; copy it before writing to it."""
    from index.library import Library

    root = tmp_path_factory.mktemp("seeded") / "library"
    with Library.open(root) as library:
        report = library.add_seeds()
    assert len(report.added) == 5, report
    return root


@pytest.fixture
def library_root(seeded_library_dir, tmp_path) -> Path:
    """A copy of the seeded library the test may write to."""
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    return root


@pytest.fixture
def anyio_backend():
    """The reader's Pilot tests run on asyncio."""
    return "asyncio"


@pytest.fixture
def seeded_library(seeded_library_dir, tmp_path):
    """A private copy of the seeded library, open."""
    from index.library import Library

    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    library = Library.open(root)
    yield library
    library.close()
