"""Batch mode: `quotedesk analyse` writes a Parquet archive with no library, `quotedesk index FILE.parquet`
loads it, and the library is the one a direct ingest of the same files builds."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from index.library import BATCH_SIZE, DATABASE, Library
from index.model import Article, LocalActor, RawQuote
from tests.conftest import REPO, SEEDS, failing_on_boom, shared_path
from tests.test_ingest_jobs import write_sources
from tui.cli import main

needs_pyarrow = pytest.mark.skipif(
    find_spec("pyarrow") is None, reason="pyarrow is not installed (pip install 'quotedesk[parquet]')"
)

# Columns that hold when a run happened, not what it stored.
_WHEN = {"articles": {"added"}, "files": {"seen"}}
_TABLES = (
    "articles",
    "files",
    "local_actors",
    "raw_quotes",
    "actors",
    "actor_links",
    "statements",
    "quote_statements",
    "corrected_quotes",
)
_QUERIES = ("said", "minister", '"prime minister"', "actor:kirby", "quote:war", "government OR council")


def tables(root: Path) -> dict[str, list[tuple]]:
    """Every row of the store's tables (ids included), without the times of the run; and its meta."""
    db = sqlite3.connect(root / DATABASE)
    try:
        dump = {}
        for table in _TABLES:
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            kept = [f'"{name}"' for name in columns if name not in _WHEN.get(table, set())]
            dump[table] = sorted(db.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall(), key=repr)
        dump["meta"] = sorted(db.execute("SELECT key, value FROM meta").fetchall())
        return dump
    finally:
        db.close()


def searches(library: Library) -> dict[str, list[tuple[str, float]]]:
    results = {}
    for query in _QUERIES:
        result = library.search(query, limit=50)
        results[query] = [(hit.article_id, round(hit.score, 6)) for hit in result.hits]
    return results


def analyse(sources: list[Path], out: Path, jobs: int = 1):
    from index import ingest

    return ingest.analyse(sources, out, None, ingest.IngestOptions(jobs=jobs))


def summary(report) -> tuple:
    return (sorted(report.added), sorted(report.updated), report.unchanged, report.duplicates, report.skipped)


def assert_same_library(direct: Path, loaded: Path, *, statements: bool = True, scores: bool = True) -> None:
    """The same rows in every table, the same search results (with `scores`: the same scores; an
    interrupted run's index holds deleted documents, which move BM25 scores but not what matches)."""
    want, got = tables(direct), tables(loaded)
    want.pop("meta"), got.pop("meta")  # counters of writes, not what was written
    assert want["raw_quotes"] and want["actors"], "the comparison needs analyses to compare"
    assert want["statements"] or not statements, "the comparison needs statements to compare"
    for table in _TABLES:
        assert got[table] == want[table], table
    with Library.open(direct) as one, Library.open(loaded) as other:
        want_hits, got_hits = searches(one), searches(other)
        if not scores:
            want_hits = {query: sorted(hit for hit, _ in hits) for query, hits in want_hits.items()}
            got_hits = {query: sorted(hit for hit, _ in hits) for query, hits in got_hits.items()}
        assert got_hits == want_hits
        assert one.check() == [] and other.check() == []


def age(folder: Path) -> None:
    """Files made old enough that every run records their times (a run that comes within two
    seconds of a change does not), so that two runs at different times record the same."""
    for path in folder.rglob("*.txt"):
        os.utime(path, ns=(path.stat().st_mtime_ns - 10**10,) * 2)


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> dict[str, Path]:
    """Seeds, an exact duplicate and generated stories (several batches), ingested directly and analysed."""
    base = tmp_path_factory.mktemp("stories")
    source = write_sources(base / "src", BATCH_SIZE + 7)
    age(source)
    with Library.open(base / "direct") as library:
        report = library.add([source])
    assert len(report.duplicates) == 1 and len(report.added) == BATCH_SIZE + 7 + 5
    archive = base / "stories.parquet"
    if find_spec("pyarrow") is not None:
        analyse([source], archive)
    return {"source": source, "direct": base / "direct", "archive": archive}


@needs_pyarrow
def test_the_seeds_analysed_then_loaded_make_the_library_a_direct_ingest_makes(tmp_path):
    with Library.open(tmp_path / "direct") as library:
        direct = library.add([SEEDS])
    archive = tmp_path / "seeds.parquet"
    written = analyse([SEEDS], archive)
    assert (written.files, written.articles, written.skipped) == (5, 5, [])
    with Library.open(tmp_path / "loaded") as library:
        loaded = library.load_archives([archive])
    assert summary(loaded) == summary(direct)
    assert sorted(loaded.no_outlet) == sorted(direct.no_outlet)
    assert_same_library(tmp_path / "direct", tmp_path / "loaded")


@needs_pyarrow
def test_an_outlet_given_on_load_names_what_it_names_in_a_direct_ingest(seeds_archive, tmp_path):
    with Library.open(tmp_path / "direct") as library:
        direct = library.add([SEEDS], outlet="The Herald")
    with Library.open(tmp_path / "loaded") as library:
        loaded = library.load_archives([seeds_archive], outlet="The Herald")
        assert "The Herald" in {summary.outlet for summary in library.article_summaries()}
    assert summary(loaded) == summary(direct) and loaded.no_outlet == []
    assert_same_library(tmp_path / "direct", tmp_path / "loaded")


@needs_pyarrow
def test_duplicates_and_several_batches_load_as_a_direct_ingest_stores_them(stories, tmp_path):
    root = tmp_path / "loaded"
    shutil.copytree(stories["direct"], tmp_path / "direct")  # opened read-write by the comparison
    with Library.open(root) as library:
        report = library.load_archives([stories["archive"]])
    assert len(report.duplicates) == 1 and len(report.added) == BATCH_SIZE + 7 + 5
    assert_same_library(tmp_path / "direct", root)


@needs_pyarrow
@pytest.mark.slow
def test_thirty_bbc_files_analysed_with_two_jobs_then_loaded_make_the_direct_library(tmp_path):
    bbc = shared_path("corpora", "bbc")
    source = tmp_path / "bbc"
    for topic in ("business", "entertainment", "politics", "sport", "tech"):
        (source / topic).mkdir(parents=True)
        for path in sorted((bbc / topic).glob("*.txt"))[:6]:
            shutil.copy(path, source / topic / path.name)
    shutil.copy(bbc / "sport" / "199.txt", source / "sport" / "199.txt")  # the latin-1 one
    shutil.copy(source / "politics" / "001.txt", source / "tech" / "copy-of-politics-001.txt")  # a duplicate
    age(source)
    with Library.open(tmp_path / "direct") as library:
        direct = library.add([source])
    archive = tmp_path / "bbc.parquet"
    analyse([source], archive, jobs=2)
    with Library.open(tmp_path / "loaded") as library:
        loaded = library.load_archives([archive])
    assert len(direct.added) == 31 and len(direct.duplicates) == 1
    assert summary(loaded) == summary(direct)
    assert_same_library(tmp_path / "direct", tmp_path / "loaded", statements=False)  # 31 stories, none twice


@needs_pyarrow
def test_loading_the_same_file_again_adds_nothing(stories, tmp_path):
    root = tmp_path / "loaded"
    with Library.open(root) as library:
        library.load_archives([stories["archive"]])
        before = tables(root)
        again = library.load_archives([stories["archive"]])
    assert again.added == [] and again.updated == [] and again.duplicates == []
    assert again.unchanged == BATCH_SIZE + 7 + 5 + 1  # the duplicate's file counts as one
    after = tables(root)
    assert after == before


@needs_pyarrow
def test_a_direct_ingest_after_a_load_finds_every_file_unchanged(stories, tmp_path):
    root = tmp_path / "loaded"
    with Library.open(root) as library:
        library.load_archives([stories["archive"]])
        report = library.add([stories["source"]])
    assert report.added == [] and report.updated == [] and report.unchanged == BATCH_SIZE + 7 + 5 + 1


@needs_pyarrow
def test_an_interrupted_load_keeps_whole_batches_and_the_next_load_completes_it(stories, tmp_path, interrupt_commit):
    root = tmp_path / "loaded"
    resume = interrupt_commit(2)
    with Library.open(root) as library, pytest.raises(KeyboardInterrupt):
        library.load_archives([stories["archive"]])
    with Library.open(root) as library:
        first = library.count()
        assert BATCH_SIZE <= first < BATCH_SIZE + 7 + 5
    resume()
    with Library.open(root) as library:
        report = library.load_archives([stories["archive"]])
    assert len(report.added) == BATCH_SIZE + 7 + 5 - first
    shutil.copytree(stories["direct"], tmp_path / "direct")
    assert_same_library(tmp_path / "direct", root, scores=False)


# --- refused files: one sentence, the library as it was ---------------------------------------------


def _rewrite(source: Path, target: Path, *, metadata: dict | None = None, edit=None) -> None:
    """`source`'s rows written to `target`, with other key-value metadata or rows changed by `edit`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from index import parquet

    rows = pq.read_table(source).to_pylist()
    if edit is not None:
        edit(rows)
    schema = parquet.schema()
    if metadata is not None:
        schema = schema.with_metadata(metadata)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), target)


def _refused(capsys, library_root: Path, archive: Path) -> str:
    before = tables(library_root)
    stamp = (library_root / DATABASE).stat().st_mtime_ns
    code = main(["--library", str(library_root), "index", str(archive)])
    err = capsys.readouterr().err
    assert code == 2
    assert tables(library_root) == before
    assert (library_root / DATABASE).stat().st_mtime_ns == stamp
    sentence = " ".join(err.split())
    assert sentence.count(". ") == 0 and sentence.endswith("."), sentence  # one sentence
    assert "Traceback" not in err
    return sentence


@pytest.fixture
def seeds_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "seeds.parquet"
    analyse([SEEDS], path)
    return path


@needs_pyarrow
def test_a_file_of_another_format_version_is_refused_and_the_library_is_untouched(
    capsys, library_root, seeds_archive, tmp_path
):
    from index import parquet

    newer = tmp_path / "newer.parquet"
    metadata = {**parquet.schema().metadata, parquet.VERSION_KEY: str(parquet.SCHEMA_VERSION + 1).encode()}
    _rewrite(seeds_archive, newer, metadata=metadata)
    sentence = _refused(capsys, library_root, newer)
    assert f"format version {parquet.SCHEMA_VERSION + 1}" in sentence and "upgrade quotedesk" in sentence


@needs_pyarrow
def test_a_parquet_file_quotedesk_did_not_write_is_refused(capsys, library_root, seeds_archive, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    foreign = tmp_path / "foreign.parquet"
    pq.write_table(pa.table({"title": ["A headline"], "body": ["Some text."]}), foreign)
    assert "was not written by `quotedesk analyse`" in _refused(capsys, library_root, foreign)
    unmarked = tmp_path / "unmarked.parquet"
    _rewrite(seeds_archive, unmarked, metadata={})
    assert "was not written by `quotedesk analyse`" in _refused(capsys, library_root, unmarked)


@needs_pyarrow
@pytest.mark.parametrize("damage", ["truncated", "garbled", "not parquet"])
def test_a_damaged_file_is_refused_and_the_library_is_untouched(capsys, library_root, seeds_archive, tmp_path, damage):
    data = bytearray(seeds_archive.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbled":  # bytes of the data pages: the page checksums catch it
        for start in (len(data) // 3, len(data) // 2):
            data[start : start + 64] = bytes(byte ^ 0xFF for byte in data[start : start + 64])
    else:
        data = bytearray(b"title,body\nA headline,Some text.\n")
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(bytes(data))
    sentence = _refused(capsys, library_root, damaged)
    assert "damaged" in sentence or "not a readable Parquet file" in sentence


@needs_pyarrow
@pytest.mark.parametrize("tamper", ["quote outside the text", "text not its hash", "speaker not an actor"])
def test_rows_that_disagree_with_their_article_are_refused_before_anything_is_written(
    capsys, library_root, seeds_archive, tmp_path, tamper
):
    def edit(rows):
        article = rows[-1]["articles"][0]  # the last file: the check reads the whole file before writing
        quote = article["quotes"][0]
        if tamper == "quote outside the text":
            quote["start"], quote["end"] = 10**6, 10**6 + 5
        elif tamper == "text not its hash":
            article["paragraphs"][0] = "Something else entirely."
        else:
            quote["speaker_key"] = len(article["actors"]) + 3

    tampered = tmp_path / "tampered.parquet"
    _rewrite(seeds_archive, tampered, edit=edit)
    sentence = _refused(capsys, library_root, tampered)
    assert "is damaged: file 5 in it has" in sentence and "nothing from it was added" in sentence


# --- analyse -------------------------------------------------------------------------------------------


@needs_pyarrow
def test_a_file_that_cannot_be_read_is_reported_and_the_rest_are_written(capsys, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, source / seed.name)
    (source / "binary.txt").write_bytes(b"\x00\x01\x02" * 400)
    (source / "empty.txt").write_text("  \n", encoding="utf-8")
    archive = tmp_path / "out.parquet"
    code = main(["analyse", str(source), "--out", str(archive)])
    err = "".join(capsys.readouterr().err.split())  # Rich wraps long paths anywhere
    assert code == 0
    assert "Wrote2articlesof2files" in err and "skipped2." in err
    assert "".join(f"skipped: {source / 'binary.txt'}: binary file".split()) in err
    assert "".join(f"skipped: {source / 'empty.txt'}: no text".split()) in err
    with Library.open(tmp_path / "lib") as library:
        report = library.load_archives([archive])
        assert len(report.added) == 2 and library.count() == 2


@needs_pyarrow
def test_an_interrupted_analysis_leaves_no_file_half_written(tmp_path, monkeypatch):
    from index import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP_ARTICLES", 1)  # row groups reach the disk before the interruption
    written = []
    original = parquet.ArchiveWriter.add

    def add(self, record):
        if len(written) == 3:
            raise KeyboardInterrupt
        written.append(record.path)
        original(self, record)

    monkeypatch.setattr(parquet.ArchiveWriter, "add", add)
    archive = tmp_path / "out.parquet"
    with pytest.raises(KeyboardInterrupt):
        analyse([SEEDS], archive)
    assert len(written) == 3
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary


@needs_pyarrow
def test_analyse_refuses_to_replace_a_file_without_force_and_names_only_parquet_files(capsys, tmp_path):
    existing = tmp_path / "out.parquet"
    existing.write_bytes(b"keep me")
    assert main(["analyse", str(SEEDS), "--out", str(existing)]) == 2
    assert "exists already; add --force" in capsys.readouterr().err
    assert existing.read_bytes() == b"keep me"
    assert main(["analyse", str(SEEDS), "--out", str(tmp_path / "out.csv")]) == 2
    assert "ending .parquet" in capsys.readouterr().err
    assert main(["analyse", str(SEEDS), "--out", str(existing), "--force"]) == 0
    assert existing.read_bytes()[:4] == b"PAR1"


@needs_pyarrow
def test_the_schema_holds_every_field_ingest_stores(seeds_archive):
    import pyarrow.parquet as pq

    from index import parquet

    schema = pq.ParquetFile(seeds_archive).schema_arrow
    assert schema.metadata[parquet.FORMAT_KEY] == parquet.FORMAT_VALUE
    assert schema.metadata[parquet.VERSION_KEY] == str(parquet.SCHEMA_VERSION).encode()
    assert schema.metadata[parquet.WRITER_KEY].startswith(b"quotedesk")
    article = schema.field("articles").type.value_type
    names = {article.field(n).name for n in range(article.num_fields)}
    # A field added to the model fails here: write it to the archive, and raise SCHEMA_VERSION.
    assert {f.name for f in dataclasses.fields(Article)} - {"added"} <= names
    assert set(names) - {f.name for f in dataclasses.fields(Article)} == {"host_outlet", "actors", "quotes"}
    for name, model in (("actors", LocalActor), ("quotes", RawQuote)):
        struct = article.field(name).type.value_type
        assert [struct.field(n).name for n in range(struct.num_fields)] == [f.name for f in dataclasses.fields(model)]
    assert {schema.field(n).name for n in range(len(schema))} == {"path", "raw_hash", "size", "mtime_ns", "articles"}


def test_without_pyarrow_the_parquet_commands_say_how_to_install_it(capsys, tmp_path, monkeypatch):
    from index import parquet

    parquet.schema.cache_clear()
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["analyse", str(SEEDS), "--out", str(tmp_path / "out.parquet")]) == 2
    assert "Writing a Parquet file needs pyarrow: pip install 'quotedesk[parquet]'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    fake = tmp_path / "some.parquet"
    fake.write_bytes(b"PAR1")
    assert main(["--library", str(tmp_path / "lib"), "index", str(fake)]) == 2
    assert "Loading a Parquet file needs pyarrow: pip install 'quotedesk[parquet]'" in capsys.readouterr().err
    parquet.schema.cache_clear()


def test_nothing_imports_pyarrow_unless_a_parquet_command_runs(tmp_path):
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main(['--library', {str(tmp_path / 'lib')!r}, 'index', {str(SEEDS)!r}, '--no-nlp'])\n"
        "main(['search', 'said'])\n"
        "print('pyarrow' in sys.modules)\n"
    )
    env = {**os.environ, "QUOTEDESK_LIBRARY": str(tmp_path / "lib")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_index_takes_parquet_files_alone_and_with_their_analyses(capsys, tmp_path):
    archive = tmp_path / "a.parquet"
    archive.write_bytes(b"PAR1")
    assert main(["--library", str(tmp_path / "lib"), "index", str(archive), str(SEEDS)]) == 2
    assert "in separate runs" in " ".join(capsys.readouterr().err.split())
    assert main(["--library", str(tmp_path / "lib"), "index", str(archive), "--no-nlp"]) == 2
    assert "--no-nlp does not apply to a Parquet file" in " ".join(capsys.readouterr().err.split())
    assert main(["--library", str(tmp_path / "lib"), "index", str(archive), "--jobs", "2"]) == 2
    assert "--jobs does not apply to a Parquet file" in " ".join(capsys.readouterr().err.split())


@needs_pyarrow
def test_a_run_that_analyses_nothing_never_replaces_an_archive(capsys, tmp_path, seeds_archive):
    archive = tmp_path / "kept.parquet"
    shutil.copy(seeds_archive, archive)
    before = archive.read_bytes()
    source = tmp_path / "src"
    source.mkdir()
    (source / "empty.txt").write_text("  \n", encoding="utf-8")
    code = main(["analyse", str(source), "--out", str(archive), "--force"])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2 and "nothing was written to" in err and "no text" in err
    assert archive.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no temp file left


@needs_pyarrow
def test_an_article_whose_analysis_failed_in_analyse_keeps_its_library_copy_on_load(tmp_path, monkeypatch):
    import json

    import index.quotes

    source = tmp_path / "feed.jsonl"
    records = [
        {"title": "Harbour plan", "text": "The mayor said the harbour plan would go ahead next spring."},
        {"title": "Rail plan", "text": "The minister said the rail plan would BOOM go ahead in May."},
    ]
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([source])
        titles = sorted(summary.title for summary in library.article_summaries())
    assert titles == ["Harbour plan", "Rail plan"]
    original = index.quotes.extract_quotes
    monkeypatch.setattr(index.quotes, "extract_quotes", failing_on_boom())
    archive = tmp_path / "feed.parquet"
    report = analyse([source], archive)
    assert report.articles == 1 and len(report.skipped) == 1
    monkeypatch.setattr(index.quotes, "extract_quotes", original)
    with Library.open(root) as library:
        library.load_archives([archive])
        # The rail article's analysis failed, so the archive lacks it: the library keeps its copy.
        assert sorted(summary.title for summary in library.article_summaries()) == titles
        assert library.check() == []
