"""A damaged store (cut short, its header overwritten, 64 KB of garbage inside): every command says so in
one sentence with the way out, `check` finds it, and `quotedesk repair` brings the library back from its
backup, the damaged file and the original files, losing no bookmark, note or read mark."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from index import backup
from index.library import DATABASE, Library, LibraryDamaged
from index.repair import DAMAGED_DIR
from tests.conftest import SEEDS
from tui import cli
from tui.cli import main

DAMAGE = ("truncated", "header", "garbage")
READ_COMMANDS = (["articles"], ["search", "Kirby"], ["bookmarks"], ["actors"], ["quotes"], ["statements"], ["check"])


@pytest.fixture(autouse=True)
def wide_messages(monkeypatch):
    """Sentences on one line each, as a wide terminal shows them (the test reads them whole)."""
    monkeypatch.setattr(cli.err, "width", 10_000)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def damage(database: Path, kind: str) -> None:
    """Damage the store file as a failing disk or a stray write would."""
    size = database.stat().st_size
    with open(database, "r+b") as handle:
        if kind == "truncated":
            handle.truncate(size // 2)
        elif kind == "header":
            handle.write(os.urandom(100))
        elif kind == "garbage":
            handle.seek(size // 2 - 32 * 1024)
            handle.write(os.urandom(64 * 1024))
        else:
            raise ValueError(kind)


def state(library: Library) -> dict:
    """What a user would miss if it were lost or changed."""
    return {
        "articles": sorted((a.id, a.title, a.outlet, a.body) for a in library.store.articles()),
        "quotes": sorted((q.id, q.text, q.speaker, q.kind) for q in library.quotes()),
        "statements": sorted((s.id, tuple(r.quote.id for r in s.reports)) for s in library.statements()),
        "bookmarks": sorted((b.kind, b.article_id, b.quote_id, b.note, b.text) for b in library.bookmarks()),
        "reads": sorted(library.read_articles()),
    }


@pytest.fixture
def grown_library(seeded_library_dir, tmp_path):
    """A seeded library that was backed up, then grew: an article whose file is gone since, bookmarks
    with notes and read marks, all after the backup. Returns (root, its state, the new article's id)."""
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    extra = tmp_path / "extra"
    extra.mkdir()
    # Large enough that the store outgrows 64 KB of garbage in its middle by a good margin.
    paragraphs = "\n\n".join(
        f"Councillor Ada Brook said the {n}th budget line would fund the new library wing." for n in range(400)
    )
    (extra / "budget.txt").write_text("Council budget approved\n\n" + paragraphs, encoding="utf-8")
    with Library.open(root) as library:
        backup.make_backup(library.store, root)
        (report,) = [library.add([extra])]
        (new_id,) = report.added
        summaries = library.article_summaries()
        quote = library.quotes()[0]
        library.add_bookmark(summaries[0].id, note="check this against the transcript")
        library.add_bookmark(quote.article_id, quote.id, note="the key line")
        library.add_bookmark(new_id, note="added after the backup")
        for summary in summaries[:3]:
            library.mark_read(summary.id)
        before = state(library)
    shutil.rmtree(extra)  # its file is gone: only the damaged store still holds its text
    return root, before, new_id


@pytest.mark.parametrize("kind", DAMAGE)
def test_every_command_on_a_damaged_store_says_so_in_one_sentence(capsys, grown_library, kind):
    root, _, new_id = grown_library
    damage(root / DATABASE, kind)
    for command in [*READ_COMMANDS, ["show", new_id]]:
        code, out, err = run(capsys, "--library", str(root), *command)
        assert code in (1, 2), (command, err)  # also where the command reads no damaged page
        assert "Traceback" not in err and "quotedesk failed" not in err, (command, err)
        assert "damaged" in err and "quotedesk repair" in err, (command, err)
    code, _, err = run(capsys, "--library", str(root), "check")
    assert code != 0 and "damaged" in err and "quotedesk repair" in err


def test_check_runs_sqlites_integrity_check(capsys, grown_library):
    """64 KB of garbage in the middle: `check` used to say the library and its index agree."""
    root, _, _ = grown_library
    damage(root / DATABASE, "garbage")
    code, _, err = run(capsys, "--library", str(root), "check")
    assert code in (1, 2)
    assert "damaged" in err and "agree" not in err


def test_index_refuses_to_write_into_a_damaged_store(capsys, grown_library, tmp_path):
    root, _, _ = grown_library
    damage(root / DATABASE, "garbage")
    source = tmp_path / "more"
    source.mkdir()
    (source / "a.txt").write_text("Another headline\n\nA body that says nothing much at all.", encoding="utf-8")
    code, _, err = run(capsys, "--library", str(root), "index", "--no-nlp", str(source))
    assert code == 2
    assert "damaged" in err and "quotedesk repair" in err and "Traceback" not in err


@pytest.mark.parametrize("kind", DAMAGE)
def test_repair_restores_the_backup_salvages_the_rest_and_loses_no_user_data(capsys, grown_library, kind):
    root, before, new_id = grown_library
    damage(root / DATABASE, kind)
    code, _, err = run(capsys, "--library", str(root), "repair")
    assert code == 0, err
    assert "Traceback" not in err
    kept = list((root / DAMAGED_DIR).glob("library-*.sqlite3"))
    assert len(kept) == 1, "the damaged file is kept, never deleted"
    with Library.open(root) as library:
        after = state(library)
        assert library.check() == []
        assert library.search("Kirby").total == 3
    # Nothing of the user's is lost: bookmarks, their notes, read marks.
    assert after["bookmarks"] == before["bookmarks"]
    assert after["reads"] == before["reads"]
    # The seeds (their files exist) are read again as they were; the article whose file is gone comes
    # from the damaged file where its pages can be read, else it is reported lost.
    seeds_before = {a for a in before["articles"] if a[0] != new_id}
    assert seeds_before <= set(after["articles"])
    assert {q for q in before["quotes"] if not q[0].startswith(new_id)} <= set(after["quotes"])
    if any(a[0] == new_id for a in after["articles"]):
        assert after == before
    else:
        assert "is gone" in err and "budget.txt" in err
    code, _, err = run(capsys, "--library", str(root), "check")
    assert code == 0 and "whole" in err


def test_repair_salvages_bookmarks_from_the_damaged_file_when_their_copy_is_gone(capsys, grown_library):
    """marks.json is one source of bookmarks; the damaged file itself is the other."""
    root, before, _ = grown_library
    (backup.backup_dir(root) / backup.MARKS_FILE).unlink()
    damage(root / DATABASE, "header")
    code, _, err = run(capsys, "--library", str(root), "repair")
    assert code == 0, err
    with Library.open(root) as library:
        after = state(library)
    assert after == before  # the header was all that was damaged: everything is read back


def test_repair_without_any_backup_builds_from_what_can_be_read_and_the_files(capsys, grown_library):
    root, before, _ = grown_library
    shutil.rmtree(backup.backup_dir(root))
    damage(root / DATABASE, "header")
    code, _, err = run(capsys, "--library", str(root), "repair")
    assert code == 0, err
    assert "no usable backup" in err
    with Library.open(root) as library:
        after = state(library)
    assert after == before


def test_repair_of_a_whole_store_changes_nothing(capsys, grown_library):
    root, before, _ = grown_library
    mtime = (root / DATABASE).stat().st_mtime_ns
    code, _, err = run(capsys, "--library", str(root), "repair")
    assert code == 0 and "nothing to repair" in err
    assert (root / DATABASE).stat().st_mtime_ns == mtime
    assert not (root / DAMAGED_DIR).exists()


def test_a_store_emptied_to_zero_bytes_is_damaged_not_a_new_library(capsys, grown_library):
    """SQLite takes an empty file for a new database: with a backup beside it, it was the library."""
    root, _, _ = grown_library
    (root / DATABASE).write_bytes(b"")
    with pytest.raises(LibraryDamaged):
        Library.open(root)
    code, _, err = run(capsys, "--library", str(root), "articles")
    assert code == 2 and "First run" not in err and "quotedesk repair" in err


# --- backups ------------------------------------------------------------------------------------


def test_an_ingest_that_changes_the_store_keeps_a_checked_backup(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([source], nlp=False)
        (newest,) = backup.backups(root)
        db = sqlite3.connect(newest)
        try:
            assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            db.close()
        assert not list(backup.backup_dir(root).glob("*-wal")), "a backup is one file"
        library.add([source], nlp=False)  # nothing changed: no new backup
        assert backup.backups(root) == [newest]


def test_backups_rotate_two_generations_and_never_replace_a_good_one_with_a_damaged_one(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([source], nlp=False)
        backup.make_backup(library.store, root)
        first, second = backup.backups(root)
        assert first.name == backup.GENERATIONS[0] and second.name == backup.GENERATIONS[1]
    good = first.read_bytes()
    damage(root / DATABASE, "garbage")
    store_problem = None
    try:
        with Library.open(root) as library:
            try:
                backup.make_backup(library.store, root)
            except backup.BackupRefused as error:
                store_problem = str(error)
    except LibraryDamaged as error:  # noticed on opening already
        store_problem = str(error)
    assert store_problem
    assert first.read_bytes() == good, "the good backup stays"


def test_a_backup_is_made_at_most_every_few_minutes(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([source], nlp=False)
    (newest,) = backup.backups(root)
    made = newest.stat().st_mtime
    assert not backup.backup_due(root, made + backup.BACKUP_EVERY - 1)
    assert backup.backup_due(root, made + backup.BACKUP_EVERY + 1)


@pytest.mark.parametrize("kind", DAMAGE)
def test_repair_keeps_tags_and_saved_searches_made_after_the_backup(capsys, grown_library, kind):
    """Tags and saved searches are the user's own work too: marks.json keeps them beside the backups."""
    root, _, new_id = grown_library
    with Library.open(root) as library:
        seed_id = library.article_summaries()[0].id
        library.set_tags(seed_id, "", ["follow-up", "kirby"])
        library.save_search("kirby lines", "kirby")
        library.save_search("gone soon", "budget")
        library.remove_saved_search("gone soon")
        tags_before = library.all_tags()
    damage(root / DATABASE, kind)
    code, _, err = run(capsys, "--library", str(root), "repair")
    assert code == 0, err
    with Library.open(root) as library:
        assert library.all_tags() == tags_before
        assert library.tags(seed_id) == ["follow-up", "kirby"]
        assert [saved.name for saved in library.saved_searches()] == ["kirby lines"]
        assert library.saved_search("kirby lines").query == "kirby"
