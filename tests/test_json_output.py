"""JSON for scripts, written by the standard library one record at a time: the same records, safe for a terminal."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from index import records
from index.library import Library
from tui.cli import main


class Stream(io.StringIO):
    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.fixture
def library_dir(seeded_library_dir, tmp_path, monkeypatch):
    root = tmp_path / "library"
    shutil.copytree(seeded_library_dir, root)
    monkeypatch.setenv("QUOTEDESK_LIBRARY", str(root))
    return root


@pytest.mark.parametrize("sort", ["date", "title"])
def test_articles_json_is_the_records_as_json_dumps_writes_them(capsys, library_dir, sort):
    assert main(["articles", "--json", "--sort", sort]) == 0
    out = capsys.readouterr().out
    with Library.open(library_dir) as library:
        expected = [records.article_record(summary) for summary in library.article_summaries(sort)]
    assert json.loads(out) == expected
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_search_and_show_json_parse_to_their_records(capsys, library_dir):
    assert main(["search", "Kirby", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    with Library.open(library_dir) as library:
        expected = [records.hit_record(hit) for hit in library.search("Kirby", limit=20).hits]
        article = library.article(expected[0]["id"])
        detail = records.article_detail_record(article, len(library.quotes(article_id=article.id)))
    assert hits == expected
    assert main(["show", expected[0]["id"][:8], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == detail


def test_an_empty_list_is_an_empty_array():
    stream = Stream("utf-8")
    records.write_json_list(stream, [])
    assert stream.getvalue() == "[]\n"


def test_terminal_controls_and_unwritable_characters_are_escaped():
    value = "red\x1b[31m \x9b2J \u202eevil\u202c \ud800 “quoted” café"
    for encoding in ("utf-8", "ascii"):
        stream = Stream(encoding)
        records.write_json_list(stream, [{"title": value}])
        records.write_json(stream, {"title": value})
        text = stream.getvalue()
        for char in ("\x1b", "\x9b", "\u202e", "\u202c", "\ud800"):
            assert char not in text, (encoding, char)
        text.encode(encoding)  # writable as is
        first, second = text.split("]\n", 1)
        assert json.loads(first + "]") == [{"title": value}] and json.loads(second) == {"title": value}
    stream = Stream("utf-8")
    records.write_json(stream, {"title": "“quoted” café"})
    assert "“quoted” café" in stream.getvalue()  # readable text stays as written
