"""Ingest with worker processes (--jobs N) stores exactly what one process stores, and stays safe."""

from __future__ import annotations

import multiprocessing
import shutil
import signal
import time
from pathlib import Path

import pytest

from index.library import BATCH_SIZE, DATABASE, Library
from tests.conftest import SEEDS, process_alive, process_children, start_cli, wait_for_stored_articles


def write_sources(folder: Path, stories: int) -> Path:
    """The seeds, one exact duplicate, and small generated stories: several batches and chunks."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    first = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first, folder / f"zz-copy-of-{first.name}")
    speakers = ["Ana Costa", "Peter Lund", "the mayor", "Mary Okafor"]
    for n in range(stories):
        speaker = speakers[n % len(speakers)]
        (folder / f"story{n:03d}.txt").write_text(
            f"Harbour repairs, part {n}\n\n"
            f"The council met on Monday to discuss repairs to pier {n}.\n\n"
            f'"We will finish by spring," said {speaker}. '
            f"{speaker.split()[-1].capitalize()} added that the work would cost {n + 2} million.\n",
            encoding="utf-8",
        )
    return folder


def stored(library: Library) -> dict:
    """Everything an ingest leaves for a reader, without timestamps."""
    articles = {
        article.id: (article.title, tuple(article.paragraphs), article.outlet, article.content_hash)
        for article in library.store.articles()
    }
    enrichments = {e.article_id: e for e in library.store.enrichments()}
    actors = sorted(
        (a.id, a.name, a.kind, tuple(a.aliases), tuple(a.articles), a.quote_count) for a in library.actors()
    )
    quotes = sorted((q.id, q.text, q.speaker_id, q.start, q.end, q.paragraph) for q in library.quotes())
    statements = sorted((s.id, s.actor_id, tuple(r.quote.id for r in s.reports)) for s in library.statements())
    return {
        "articles": articles,
        "enrichments": enrichments,
        "actors": actors,
        "quotes": quotes,
        "statements": statements,
    }


def test_two_jobs_store_the_same_articles_actors_and_quotes_as_one(tmp_path):
    source = write_sources(tmp_path / "src", BATCH_SIZE + 7)
    results, reports = {}, {}
    for jobs in (1, 2):
        with Library.open(tmp_path / f"lib{jobs}") as library:
            report = library.add([source], jobs=jobs)
            reports[jobs] = (sorted(report.added), report.duplicates, report.skipped)
            results[jobs] = stored(library)
            assert library.check() == []
    assert results[1]["quotes"] and results[1]["actors"], "the comparison needs actors and quotes to compare"
    assert len(results[1]["articles"]) == BATCH_SIZE + 7 + 5
    assert reports[2] == reports[1]
    assert results[2] == results[1]
    assert multiprocessing.active_children() == []


def test_reindex_with_two_jobs_reproduces_the_analyses(tmp_path):
    source = write_sources(tmp_path / "src", 12)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], jobs=1)
        before = stored(library)
        with library.store.transaction():  # forget the analyses, so reindex has to redo them
            library.store.db.execute("DELETE FROM raw_quotes")
            library.store.db.execute("DELETE FROM local_actors")
        library.reindex(nlp=True, jobs=2)
        assert stored(library) == before
        assert library.check() == []


def test_an_interrupted_run_with_two_jobs_keeps_whole_batches_and_stops_its_workers(tmp_path, interrupt_commit):
    source = write_sources(tmp_path / "src", BATCH_SIZE * 2 + 3)
    resume = interrupt_commit(2)
    with Library.open(tmp_path / "lib") as library:
        with pytest.raises(KeyboardInterrupt):
            library.add([source], jobs=2)
        first_batch = library.count()
        assert BATCH_SIZE <= first_batch < BATCH_SIZE * 2 + 3 + 5
        assert multiprocessing.active_children() == []
    resume()
    with Library.open(tmp_path / "lib") as library:
        report = library.add([source], jobs=2)  # the lock was released, and the re-run completes it
        assert library.count() == BATCH_SIZE * 2 + 3 + 5
        assert len(report.added) == library.count() - first_batch
        assert library.check() == []
        assert all(q.article_id for q in library.quotes())
        assert len({e.article_id for e in library.store.enrichments()}) == library.count()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads a process's children from Linux /proc")
def test_a_killed_run_with_two_jobs_leaves_no_workers_and_no_lock_behind(tmp_path):
    source = write_sources(tmp_path / "src", 200)
    root = tmp_path / "lib"
    process = start_cli(root, "index", str(source), "--jobs", "2")
    workers: set[int] = set()
    try:
        wait_for_stored_articles(
            process, root / DATABASE, BATCH_SIZE, 120, lambda: workers.update(process_children(process.pid))
        )
        workers |= process_children(process.pid)
        assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"
        assert len(workers) >= 2, "the run should have had its worker processes"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(process_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(process_alive(pid) for pid in workers), "worker processes outlived the killed run"
    with Library.open(root) as library:
        with library.writing():  # no orphan holds the writer lock
            pass
        report = library.add([source], nlp=False)  # the re-run completes it
        assert library.count() == 200 + 5
        assert report.unchanged + len(report.added) + len(report.duplicates) == 200 + 6
        assert library.check() == []


def test_the_paragraph_break_component_can_be_sent_to_a_spawned_process():
    """spaCy's own n_process under "spawn" pickles every component of the pipeline."""
    import pickle

    from index.nlp import PARAGRAPH_BREAKS, load_pipeline

    pipeline = load_pipeline()
    if PARAGRAPH_BREAKS not in pipeline.nlp.pipe_names:
        pytest.skip("this pipeline has no paragraph-break component")
    component = pipeline.nlp.get_pipe(PARAGRAPH_BREAKS)
    assert pickle.loads(pickle.dumps(component)) is component
