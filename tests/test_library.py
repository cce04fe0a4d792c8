"""Ingest through the Library facade: incremental, safe, and honest about what it skipped."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from index.library import BATCH_SIZE, DATABASE, Library, LibraryLocked
from tests.conftest import SEEDS, shared_path, start_cli, wait_for_stored_articles


def copy_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def write_articles(folder: Path, count: int) -> Path:
    """`count` small distinct articles, enough to span several ingest batches."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"story{n:04d}.txt").write_text(
            f"Story number {n} about harbour{n} repairs\n\n"
            f"The council met on Monday to discuss repairs to harbour{n}. "
            f'"We will finish by spring," said engineer Ana Costa{n}.\n',
            encoding="utf-8",
        )
    return folder


def test_reingesting_unchanged_files_does_no_work(tmp_path):
    source = copy_seeds(tmp_path / "src")
    with Library.open(tmp_path / "lib") as library:
        first = library.add([source], nlp=False)
        second = library.add([source], nlp=False)
    assert len(first.added) == 5
    assert second.added == [] and second.updated == [] and second.unchanged == 5


def test_a_changed_file_replaces_its_old_version(tmp_path):
    source = copy_seeds(tmp_path / "src")
    target = next(source.glob("004_*.txt"))
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        assert library.search("zeppelin").total == 0
        text = target.read_text(encoding="utf-8")
        assert "in Geneva" in text
        target.write_text(text.replace("in Geneva", "in Geneva, under a zeppelin,"), encoding="utf-8")
        report = library.add([source], nlp=False)
        assert len(report.updated) == 1 and report.added == [] and report.unchanged == 4
        assert library.count() == 5
        hits = library.search("zeppelin").hits
        assert [hit.path for hit in hits] == [str(target.resolve())]


def test_exact_duplicates_are_stored_once_and_reported(tmp_path):
    source = copy_seeds(tmp_path / "src")
    original = next(source.glob("002_*.txt"))
    shutil.copy(original, source / "copy-of-002.txt")
    with Library.open(tmp_path / "lib") as library:
        report = library.add([source], nlp=False)
        assert library.count() == 5
    assert len(report.duplicates) == 1
    duplicate_path, _ = report.duplicates[0]
    assert duplicate_path.endswith(("copy-of-002.txt", original.name))


def test_bad_files_are_skipped_with_reasons_and_do_not_stop_the_run(tmp_path, monkeypatch):
    import index.sources

    source = copy_seeds(tmp_path / "src")
    (source / "empty.txt").write_bytes(b"")
    (source / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (source / "big.txt").write_text("word " * 5000, encoding="utf-8")
    monkeypatch.setattr(index.sources, "MAX_FILE_BYTES", 20_000)
    with Library.open(tmp_path / "lib") as library:
        report = library.add([source], nlp=False)
        assert library.count() == 5
    reasons = {Path(path).name: reason for path, reason in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "big.txt"}
    assert all(reason and len(reason) < 120 for reason in reasons.values())
    assert "empty" in reasons["empty.txt"].lower()


def test_an_interrupted_ingest_keeps_whole_batches_and_a_rerun_completes_it(tmp_path, interrupt_commit):
    source = write_articles(tmp_path / "src", BATCH_SIZE * 3 + 5)
    resume = interrupt_commit(3)
    with Library.open(tmp_path / "lib") as library:
        with pytest.raises(KeyboardInterrupt):
            library.add([source], nlp=False)
        assert library.count() == BATCH_SIZE * 2
        assert library.search("council").total == BATCH_SIZE * 2
    resume()
    with Library.open(tmp_path / "lib") as library:
        report = library.add([source], nlp=False)
        assert library.count() == BATCH_SIZE * 3 + 5
        assert report.unchanged == BATCH_SIZE * 2
        assert library.check() == []


def test_an_ingest_killed_midway_leaves_a_library_that_opens_and_searches(tmp_path):
    source = write_articles(tmp_path / "src", 600)
    root = tmp_path / "lib"
    process = start_cli(root, "index", str(source), "--no-nlp")
    try:
        wait_for_stored_articles(process, root / DATABASE, BATCH_SIZE, 60)
        assert process.poll() is None, "ingest finished before it could be interrupted; make the corpus larger"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    with Library.open(root) as library:
        stored = library.count()
        assert 0 < stored < 600
        assert library.search("council", limit=None).total == stored  # opens, and searches all it holds
        report = library.add([source], nlp=False)  # the re-run completes it
        assert library.count() == 600
        assert library.search("council", limit=None).total == 600
        assert report.unchanged + len(report.added) + len(report.updated) == 600
        assert library.check() == []


def test_a_second_writer_gets_a_clear_message(tmp_path):
    source = copy_seeds(tmp_path / "src")
    with (
        Library.open(tmp_path / "lib") as first,
        Library.open(tmp_path / "lib") as second,
        first.writing(),
        pytest.raises(LibraryLocked) as caught,
    ):
        second.add([source], nlp=False)
    message = str(caught.value)
    assert "Another quotedesk" in message and "\n" not in message


def test_search_rebuilds_an_index_that_a_killed_run_never_wrote(tmp_path):
    source = copy_seeds(tmp_path / "src")
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        shutil.rmtree(library.search_index.path)  # as if killed after the store's first commit
    with Library.open(tmp_path / "lib") as library:
        assert library.search("Kirby").total == 3
        assert library.check() == []


def test_reindex_rebuilds_the_index_from_the_store_without_reading_files(tmp_path):
    source = copy_seeds(tmp_path / "src")
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        shutil.rmtree(source)  # the files are gone: reindex must not need them
        shutil.rmtree(library.search_index.path)
        assert library.reindex() == 5
        assert library.search("Kirby").total == 3
        assert library.check() == []


@pytest.mark.shared
def test_the_bbc_corpus_ingests_every_file_and_reports_its_duplicates(tmp_path):
    bbc = shared_path("corpora", "bbc")
    folders = sorted(p for p in bbc.iterdir() if p.is_dir())
    files = [p for folder in folders for p in folder.rglob("*.txt")]
    assert len(files) == 2225
    with Library.open(tmp_path / "lib") as library:
        report = library.add(folders, nlp=False)
        assert report.skipped == []
        assert len(report.added) + len(report.duplicates) == len(files)
        assert len(report.duplicates) == 98
        assert library.count() == len(files) - 98
        article = next(a for a in library.store.articles() if a.path.endswith("sport/199.txt"))
        assert "£15.8" in article.body  # latin-1 pound sign, decoded right
        assert article.encoding in ("latin-1", "cp1252", "iso8859_15")


def test_what_a_reader_sees_does_not_depend_on_where_the_files_live(tmp_path):
    """Article ids hash file paths; no order shown to a user may follow them."""
    views = []
    for place in ("a", "somewhere/else/entirely"):
        source = copy_seeds(tmp_path / place / "seeds")
        with Library.open(tmp_path / place / "lib") as library:
            library.add([source])
            kirby = library.find_actor("Kirby")
            views.append(
                (
                    kirby.outlets,
                    [role.text for role in kirby.roles],
                    [quote.text for quote in library.quotes(actor_id=kirby.id)],
                    [[r.quote.text for r in s.reports] for s in library.statements(actor_id=kirby.id)],
                )
            )
    assert views[0] == views[1]


def test_analysis_progress_counts_files_done_up_to_the_total(tmp_path):
    events = []
    with Library.open(tmp_path / "lib") as library:
        library.add([copy_seeds(tmp_path / "src")], events.append)
    analysed = [event.done for event in events if event.phase == "analysing"]
    assert analysed == sorted(analysed) and analysed[-1] == events[-1].total == 5


def test_a_failed_run_leaves_relinking_to_the_next_run_and_keeps_its_error(tmp_path, monkeypatch, interrupt_commit):
    source = write_articles(tmp_path / "src", BATCH_SIZE * 2 + 3)
    from index import linking

    relinks = []
    relink = linking.relink
    monkeypatch.setattr(linking, "relink", lambda *args, **kwargs: relinks.append(1) or relink(*args, **kwargs))
    resume = interrupt_commit(2, RuntimeError("disk went away"))
    with Library.open(tmp_path / "lib") as library:
        with pytest.raises(RuntimeError, match="disk went away"):
            library.add([source], nlp=False)
        assert relinks == []
        assert library.count() == BATCH_SIZE
    resume()
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        assert library.count() == BATCH_SIZE * 2 + 3
        assert relinks, "the next run relinks"
        assert library.check() == []
