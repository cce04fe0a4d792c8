"""The analysis on a Ray cluster (--ray): the same library as one process, failures reported, and
an early stop that leaves the library whole. One local cluster of two CPUs serves the module."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import time
from pathlib import Path

import pytest

from index.cluster import MISSING_EXTRA, ray_available
from index.library import BATCH_SIZE, DATABASE, Library
from tests.conftest import (
    failing_on_boom,
    process_alive,
    process_descendants,
    shared_path,
    start_cli,
    wait_for_stored_articles,
)
from tests.test_ingest_jobs import stored, write_sources
from tui.cli import main

needs_ray = pytest.mark.skipif(
    not ray_available(), reason="the cluster extra is not installed: pip install 'quotedesk[cluster]'"
)
CPUS = 2
BBC_FILES = 50
# Columns that hold the time of a run, not what it stored.
TIMES = {"added", "seen", "created", "read_at"}


def bbc_files(count: int = BBC_FILES) -> list[Path]:
    folder = shared_path("corpora", "bbc", "politics")
    return [folder / f"{n:03d}.txt" for n in range(1, count + 1)]


def dump_tables(root: Path) -> dict[str, list[tuple]]:
    """Every table of a library's store, row for row (sorted), without the times of its runs."""
    with sqlite3.connect(root / DATABASE) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        dump = {}
        for table in tables:
            if table == "sqlite_sequence":
                continue
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[1] not in TIMES]
            names = ", ".join(f'"{column}"' for column in columns)
            rows = db.execute(f'SELECT {names} FROM "{table}"').fetchall()
            if table == "meta":  # commits counted, not content: an interrupted run makes more
                rows = [row for row in rows if row[0] != "generation"]
            dump[table] = sorted(rows, key=repr)
    return dump


@pytest.fixture(scope="module")
def cluster():
    """A local Ray cluster of two CPUs for the module; runs given its address use this connection."""
    if not ray_available():
        pytest.skip("the cluster extra is not installed: pip install 'quotedesk[cluster]'")
    import logging

    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    context = ray.init(
        address="local",
        num_cpus=CPUS,
        include_dashboard=False,
        object_store_memory=128 * 1024 * 1024,
        logging_level=logging.ERROR,
        log_to_driver=False,
    )
    yield context.address_info["address"]
    ray.shutdown()


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """The 50 BBC files ingested with --jobs 1 (by the command line): the reference library."""
    files = bbc_files()
    root = tmp_path_factory.mktemp("one-process") / "library"
    assert main(["--library", str(root), "index", *map(str, files), "--jobs", "1"]) == 0
    return root


def wait_for_free_cpus(timeout: float = 600) -> float:
    """The cluster's free CPUs once they are all free again (or the timeout passes). A stopped run's
    actors gave theirs back after over three minutes on a loaded 2-core machine (a run passed at
    204 s), probably ending only after the windows already sent to them: the poll waits up to ten."""
    import ray

    deadline = time.monotonic() + timeout
    while (free := ray.available_resources().get("CPU", 0)) < CPUS and time.monotonic() < deadline:
        time.sleep(0.1)
    return free


@needs_ray
def test_an_ingest_on_the_cluster_stores_exactly_what_one_process_stores(cluster, one_process, tmp_path):
    files = bbc_files()
    root = tmp_path / "library"
    assert main(["--library", str(root), "index", *map(str, files), "--ray", cluster]) == 0
    expected = dump_tables(one_process)
    assert len(expected["articles"]) == BBC_FILES
    assert expected["raw_quotes"] and expected["local_actors"] and expected["actors"], "nothing to compare"
    assert dump_tables(root) == expected
    with Library.open(root) as library, Library.open(one_process) as reference:
        assert stored(library) == stored(reference)  # the ids, actors and quotes a reader sees
        assert library.check() == []
    assert wait_for_free_cpus() == CPUS  # the run's actors are gone


@needs_ray
def test_an_archive_analysed_on_the_cluster_loads_as_the_library_one_process_builds(cluster, one_process, tmp_path):
    archive = tmp_path / "politics.parquet"
    assert main(["analyse", *map(str, bbc_files()), "--out", str(archive), "--ray", cluster]) == 0
    root = tmp_path / "library"
    assert main(["--library", str(root), "index", str(archive)]) == 0
    assert dump_tables(root) == dump_tables(one_process)


GOOD = "A {name} headline\n\nThe minister said the plan would work.\n"


def fail_on_boom() -> None:
    """In a worker: the quote finder raises on a text with BOOM in it."""
    import index.quotes

    index.quotes.extract_quotes = failing_on_boom()


def die_on_kill(marker: str) -> None:
    """In a worker: the process exits at once on a window with KILL in it, noting each attempt in `marker`."""
    import index.cluster

    original = index.cluster.enrich_chunk

    def chunk(window):
        if any("KILL" in paragraph for _, paragraphs in window for paragraph in paragraphs):
            with open(marker, "a", encoding="utf-8") as attempts:
                attempts.write(f"{os.getpid()}\n")
            os._exit(3)
        return original(window)

    index.cluster.enrich_chunk = chunk


def write_stories(folder: Path, bad: str, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in "acde":
        (folder / f"{name}.txt").write_text(GOOD.format(name=name), encoding="utf-8")
    (folder / f"{bad}.txt").write_text(GOOD.format(name=bad).replace("plan", f"{word} plan"), encoding="utf-8")
    return folder


@needs_ray
def test_an_article_whose_analysis_fails_on_the_cluster_is_skipped_alone(cluster, tmp_path, monkeypatch):
    from index import cluster as on_cluster

    monkeypatch.setattr(on_cluster, "WORKER_SETUP", fail_on_boom)
    folder = write_stories(tmp_path / "in", "b", "BOOM")
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder], ray=cluster)
        assert sorted(s.title for s in library.article_summaries()) == [f"A {n} headline" for n in "acde"]
        ((path, reason),) = report.skipped
        assert path.endswith("b.txt") and reason == "its analysis failed (RuntimeError: boom)"
        monkeypatch.setattr(on_cluster, "WORKER_SETUP", None)
        again = library.add([folder], ray=cluster)  # the failed file is tried again, the others are unchanged
        assert len(again.added) == 1 and library.count() == 5
        assert library.check() == []


@needs_ray
def test_a_worker_that_dies_is_retried_then_its_articles_are_skipped_with_the_reason(cluster, tmp_path, monkeypatch):
    from index import cluster as on_cluster

    marker = tmp_path / "attempts"
    monkeypatch.setattr(on_cluster, "WORKER_SETUP", functools.partial(die_on_kill, str(marker)))
    monkeypatch.setattr(on_cluster, "TASK_RETRIES", 1)
    monkeypatch.setattr(on_cluster, "WINDOW_ARTICLES", 1)  # a window is one article: only it is lost
    folder = write_stories(tmp_path / "in", "b", "KILL")
    with Library.open(tmp_path / "library") as library:
        report = library.add([folder], ray=cluster)
        assert len(marker.read_text().split()) == 2, "Ray should have tried the window again once"
        assert library.count() == 4 and len(report.added) == 4
        ((path, reason),) = report.skipped
        assert path.endswith("b.txt")
        assert reason == (
            "its analysis failed on the Ray cluster (the worker analysing it stopped; tried up to 2 times); "
            "it is tried again on the next run"
        )
        monkeypatch.setattr(on_cluster, "WORKER_SETUP", None)
        again = library.add([folder], ray=cluster)
        assert len(again.added) == 1 and library.count() == 5
        assert library.check() == []


def other_code() -> None:
    """In a worker: the package's files changed before it started (it imported other code)."""
    import index.enrich

    index.enrich.code_version = lambda: "edited"


@needs_ray
def test_a_worker_running_other_code_than_the_run_stops_it_and_stores_none_of_its_analyses(
    cluster, tmp_path, monkeypatch
):
    # Workers import quotedesk as they start: after an upgrade or an edit of its files mid-run (or on
    # a node with another version) they would analyse articles differently from the rest of the run
    from index import cluster as on_cluster

    monkeypatch.setattr(on_cluster, "WORKER_SETUP", other_code)
    folder = write_stories(tmp_path / "in", "b", "new")
    with Library.open(tmp_path / "library") as library:
        with pytest.raises(on_cluster.ClusterError, match="runs other quotedesk code than this run"):
            library.add([folder], ray=cluster)
        assert library.count() == 0
        monkeypatch.setattr(on_cluster, "WORKER_SETUP", None)
        assert len(library.add([folder], ray=cluster).added) == 5
        assert library.check() == []


@needs_ray
def test_a_run_stopped_early_leaves_the_library_whole_stops_the_cluster_work_and_resumes(
    cluster, one_process, tmp_path, interrupt_commit
):
    files = bbc_files()
    root = tmp_path / "library"
    resume = interrupt_commit(2)  # Ctrl-C as the second batch is committed
    with Library.open(root) as library:
        with pytest.raises(KeyboardInterrupt):
            library.add(files, ray=cluster)
        assert library.count() == BATCH_SIZE
        assert library.check_report().problems == []  # whole: only its links wait for the next run
    assert wait_for_free_cpus() == CPUS, "the cluster's actors should stop with the run"
    resume()
    events = []
    with Library.open(root) as library:
        report = library.add(files, events.append, ray=cluster)
        assert len(report.added) == BBC_FILES - BATCH_SIZE
    counted = [event.articles for event in events if event.phase == "analysing"]
    assert counted == list(range(1, BBC_FILES - BATCH_SIZE + 1)), "the progress counts the articles analysed"
    assert dump_tables(root) == dump_tables(one_process)


def _listening(pids: set[int]) -> set[tuple[str, int]]:
    """The (address, port) pairs on which any of `pids` listens for TCP connections (Linux /proc)."""
    import ipaddress

    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            host, port = fields[1].split(":")
            raw = bytes.fromhex(host)
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))  # each word little-endian
            address = ipaddress.ip_address(words)
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
                address = address.ipv4_mapped
            found.add((str(address), int(port, 16)))
    return found


@needs_ray
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads a process's children from Linux /proc")
def test_ctrl_c_stops_the_local_cluster_the_run_started_and_leaves_the_library_whole(tmp_path):
    """The local cluster a run starts listens on the loopback address only, and ends with the run."""
    import signal

    # (files enough that the run is still going after the checks below: with 50, a run on an idle
    # machine could finish while /proc was read, and the Ctrl-C came too late)
    files = bbc_files(6 * BATCH_SIZE)
    root = tmp_path / "library"
    process = start_cli(root, "index", *map(str, files), "--ray", RAY_USAGE_STATS_ENABLED="0")
    started: set[int] = set()
    try:
        # (waits on the run's state, not its speed: on a loaded machine the first batch can take
        # minutes, and a Ctrl-C sent at some other stage tested something else)
        stored = wait_for_stored_articles(
            process, root / DATABASE, BATCH_SIZE, 900, lambda: started.update(process_descendants(process.pid))
        )
        started |= process_descendants(process.pid)
        assert process.poll() is None, "the run finished before it could be stopped; give it more files"
        assert stored, "the run stored no batch in 15 minutes"
        assert len(started) >= 3, "the run should have started a local cluster (its head and two workers)"
        listening = _listening(started | {process.pid})
        assert listening, "the local cluster should listen for its own connections"
        assert {address for address, _ in listening} == {"127.0.0.1"}, f"reachable from outside: {listening}"
        assert process.poll() is None, "the run finished before it could be stopped; give it more files"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=600) != 0  # stopped: not a run that went on to its end
    finally:
        if process.poll() is None:
            process.kill()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and any(process_alive(pid) for pid in started):
        time.sleep(0.1)
    assert not any(process_alive(pid) for pid in started), "the local cluster outlived the run"
    with Library.open(root) as library:
        assert BATCH_SIZE <= library.count() < len(files)
        assert library.check_report().problems == []
        with library.writing():  # no process of the cluster holds the writer lock
            pass


@needs_ray
def test_reindex_on_the_cluster_reproduces_the_analyses(cluster, tmp_path):
    source = write_sources(tmp_path / "src", 12)
    with Library.open(tmp_path / "library") as library:
        library.add([source])
        before = stored(library)
        with library.store.transaction():  # forget the analyses, so reindex has to redo them
            library.store.db.execute("DELETE FROM raw_quotes")
            library.store.db.execute("DELETE FROM local_actors")
        library.reindex(nlp=True, ray=cluster)
        assert stored(library) == before
        assert library.check() == []


def test_ray_without_the_cluster_extra_says_how_to_install_it(capsys, tmp_path, monkeypatch):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else find_spec(name, *a))
    (tmp_path / "a.txt").write_text(GOOD.format(name="a"), encoding="utf-8")
    code = main(["--library", str(tmp_path / "library"), "index", str(tmp_path / "a.txt"), "--ray"])
    assert code == 2
    assert " ".join(capsys.readouterr().err.split()) == f"{MISSING_EXTRA}."
    assert not (tmp_path / "library").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["index", "a.txt", "--ray", "--no-nlp"], "--ray runs the language analysis on a cluster; --no-nlp skips it"),
        (["index", "a.txt", "--ray", "--jobs", "2"], "give --ray or --jobs, not both"),
        (["reindex", "--ray"], "--ray runs the language analysis on a cluster; add --nlp to run it again."),
    ],
)
def test_ray_with_options_it_does_not_go_with_is_refused_in_one_sentence(capsys, tmp_path, argv, message):
    code = main(["--library", str(tmp_path / "library"), *argv])
    assert code == 2
    assert message in " ".join(capsys.readouterr().err.split())


def test_a_ctrl_c_that_code_inside_the_run_swallowed_still_stops_it():
    # Ray's own code can catch the KeyboardInterrupt a Ctrl-C raises (a loaded run then went on to
    # its end); the run remembers the signal and stops at its next article
    import signal

    from index.cluster import _remembered_interrupt

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # (as in a process started from a shell)
    with _remembered_interrupt() as check:
        check()  # no Ctrl-C yet: goes on
        with contextlib.suppress(KeyboardInterrupt):  # swallowed, as by code the run calls
            signal.raise_signal(signal.SIGINT)  # (its handler runs before this returns)
        with pytest.raises(KeyboardInterrupt):
            check()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    signal.signal(signal.SIGINT, before)
