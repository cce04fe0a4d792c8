"""The search index kept in step with the store: each document written once, one held searcher
that sees every change, index-side sorting that agrees with the lists, deleted documents merged away."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from whoosh import writing

from index.library import BATCH_SIZE, Library
from index.ordering import sort_articles
from tests.conftest import SEEDS


def copy_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def write_articles(folder: Path, count: int, word: str = "harbour") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"story{n:04d}.txt").write_text(
            f"Story {n} about {word} repairs\n\nThe council met to discuss the {word} and story {n}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def index_writes(monkeypatch):
    """Every document Whoosh is given to write (`update_document` writes through `add_document`), by id."""
    written: Counter[str] = Counter()
    add = writing.SegmentWriter.add_document

    def counting(self, **fields):
        written[fields["id"]] += 1
        return add(self, **fields)

    monkeypatch.setattr(writing.SegmentWriter, "add_document", counting)
    return written


def test_an_ingest_without_nlp_writes_each_document_once(tmp_path, index_writes):
    source = write_articles(tmp_path / "src", BATCH_SIZE * 2 + 3)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        ids = {summary.id for summary in library.article_summaries()}
        assert len(ids) == BATCH_SIZE * 2 + 3
        assert index_writes == Counter(dict.fromkeys(ids, 1))
        assert library.search("council", limit=None).total == len(ids)
        index_writes.clear()
        library.add([source], nlp=False)  # nothing changed: nothing written
        assert not index_writes
        changed = source / "story0001.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("council", "mayor"), encoding="utf-8")
        report = library.add([source], nlp=False)
        assert index_writes == Counter({report.updated[0]: 1})
        assert library.check() == []


def test_an_ingest_with_the_language_model_writes_each_document_once(tmp_path, nlp, index_writes):
    with Library.open(tmp_path / "lib") as library:
        library.add([copy_seeds(tmp_path / "src")])
        ids = {summary.id for summary in library.article_summaries()}
        assert index_writes == Counter(dict.fromkeys(ids, 1))
        # Written after linking: the actor field holds the library-wide names already.
        assert library.search("actor:kirby", limit=None).total == 3
        assert library.check() == []


def test_a_relink_rewrites_only_the_documents_whose_fields_changed(tmp_path, index_writes):
    source = write_articles(tmp_path / "src", 4)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        index_writes.clear()
        library.relink()
        assert not index_writes


def test_the_held_searcher_sees_each_change_to_the_index(tmp_path):
    root = tmp_path / "lib"
    with Library.open(root) as library:
        library.add([write_articles(tmp_path / "one", 3, "harbour")], nlp=False)
        assert library.search("harbour").total == 3
        searcher = library.search_index._searcher
        assert searcher is not None
        assert library.search("harbour").total == 3 and library.search_index._searcher is searcher, "held"
        library.add([write_articles(tmp_path / "two", 2, "lighthouse")], nlp=False)
        assert library.search("lighthouse").total == 2  # an ingest in this process
        with Library.open(root) as other:  # another writer, as another process would be
            other.add([write_articles(tmp_path / "three", 2, "windmill")], nlp=False)
        assert library.search("windmill").total == 2
        library.reindex()  # a rebuild swaps the index folder
        assert library.search("windmill").total == 2 and library.search("harbour").total == 3
        with Library.open(root) as other:
            other.reindex()
            other.add([write_articles(tmp_path / "four", 1, "causeway")], nlp=False)
        assert library.search("causeway").total == 1


@pytest.mark.parametrize("sort", ["date", "outlet", "title"])
def test_a_search_sorted_by_the_index_is_in_the_lists_order(tmp_path, sort):
    folder = tmp_path / "src"
    folder.mkdir()
    rows = [
        ("b", "Harbour works begin", "2021-05-01", "Coastal Times"),
        ("c", "harbour fees rise", "", ""),
        ("d", "Harbour closed", "2023-01-09", "coastal post"),
        ("e", "Anchors and the harbour", "2021-05-01", ""),
        ("f", "Zebra crossing near the harbour", "", "Bay News"),
        ("g", "Ábaco harbour", "2019-12-31", "Coastal Times"),
    ]
    for name, title, date, outlet in rows:
        (folder / f"{name}.json").write_text(
            f'{{"title": "{title}", "date": "{date}", "source": "{outlet}", "text": "The harbour {name}."}}',
            encoding="utf-8",
        )
    with Library.open(tmp_path / "lib") as library:
        library.add([folder], nlp=False)
        expected = [s.id for s in sort_articles(library.article_summaries(), sort)]
        result = library.search("harbour", sort=sort, limit=None, snippets=False)
        assert [hit.article_id for hit in result.hits] == expected
        first_two = library.search("harbour", sort=sort, limit=2, snippets=False)
        assert [hit.article_id for hit in first_two.hits] == expected[:2] and first_two.total == len(expected)
        scored = {hit.article_id: hit.score for hit in library.search("harbour", limit=None).hits}
        assert {hit.article_id: hit.score for hit in result.hits} == scored  # the same scores, in another order


def test_segments_of_deleted_documents_are_merged_away(tmp_path):
    source = write_articles(tmp_path / "src", 40)
    with Library.open(tmp_path / "lib") as library:
        library.add([source], nlp=False)
        for path in source.glob("*.txt"):  # every article changes: every document is replaced
            path.write_text(path.read_text(encoding="utf-8") + "\nA second paragraph.\n", encoding="utf-8")
        library.add([source], nlp=False)
        index = library.search_index.open()
        segments = index._segments()
        assert sum(segment.deleted_count() for segment in segments) == 0
        assert sum(segment.doc_count_all() for segment in segments) == 40
        assert library.search("paragraph", limit=None).total == 40


@pytest.mark.parametrize("sort", ["date", "outlet", "title"])
def test_a_page_sorted_by_the_index_over_several_segments_with_deletions_is_the_head_of_the_whole_order(tmp_path, sort):
    with Library.open(tmp_path / "lib") as library:
        for run in range(3):  # three runs, three segments (too small to be merged)
            folder = tmp_path / f"src{run}"
            folder.mkdir()
            for n in range(6):
                day = (n * 7 + run * 3) % 28 + 1
                (folder / f"s{n}.json").write_text(
                    f'{{"title": "Harbour {chr(90 - n - run)} {n}", "date": "2021-03-{day:02d}", '
                    f'"source": "Outlet {(n + run) % 4}", "text": "The harbour story {run} {n}."}}',
                    encoding="utf-8",
                )
            library.add([folder], nlp=False)
        changed = tmp_path / "src1" / "s2.json"  # replaced: a deleted document in the middle segment
        changed.write_text(changed.read_text(encoding="utf-8").replace("story", "tale"), encoding="utf-8")
        library.add([tmp_path / "src1"], nlp=False)
        segments = library.search_index.open()._segments()
        assert len(segments) > 1 and sum(segment.deleted_count() for segment in segments) == 1
        whole = library.search("harbour", sort=sort, limit=None, snippets=False)
        assert whole.total == 18
        expected = [s.id for s in sort_articles(library.article_summaries(), sort)]
        assert [hit.article_id for hit in whole.hits] == expected
        for limit in (1, 2, 5, 17, 18, 30):
            page = library.search("harbour", sort=sort, limit=limit, snippets=False)
            assert [hit.article_id for hit in page.hits] == [hit.article_id for hit in whole.hits[:limit]]
            assert page.total == 18


def test_a_searcher_held_across_a_replacement_counts_the_replaced_article_once(tmp_path):
    with Library.open(tmp_path / "lib") as library:
        folder = tmp_path / "src"
        folder.mkdir()
        for n in range(3):
            (folder / f"s{n}.txt").write_text(f"Harbour {n}\n\nThe harbour story {n}.\n", encoding="utf-8")
        library.add([folder], nlp=False)
        assert library.search("harbour", limit=None, snippets=False).total == 3  # the searcher is now held
        (folder / "s1.txt").write_text("Harbour 1\n\nThe harbour tale, told again.\n", encoding="utf-8")
        report = library.add([folder], nlp=False)
        assert len(report.updated) == 1
        assert library.search("harbour", limit=None, snippets=False).total == 3
        assert library.search("tale", limit=None, snippets=False).total == 1
