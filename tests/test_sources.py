"""Reading files: formats, encodings, and skipping bad input with a reason."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from index import sources
from index.clean import clean_article
from index.sources import SkipFile, decode_bytes, iter_files, read_file, read_file_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ encodings


def test_utf8_fast_path() -> None:
    assert decode_bytes("Zoë said “yes” – 5 €".encode()) == ("Zoë said “yes” – 5 €", "utf-8")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfHeadline\n\nBody text here.")
    [doc] = read_file(path)
    assert doc.encoding == "utf-8-sig"
    assert doc.text.startswith("Headline")
    assert "\ufeff" not in doc.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    text, detected = decode_bytes(bom + "Minister said: «да».\nNext".encode(encoding))
    assert detected == "utf-16"
    assert text == "Minister said: «да».\nNext"


def test_cp1251_cyrillic_decodes() -> None:
    original = "Министр иностранных дел заявил журналистам, что переговоры продолжатся в понедельник."
    text, encoding = decode_bytes(original.encode("cp1251"))
    assert (text, encoding) == (original, "cp1251")


def test_cp1252_western_decodes() -> None:
    original = "Le président a déclaré « nous sommes prêts » — a-t-il ajouté, dans un café près de la gare."
    text, encoding = decode_bytes(original.encode("cp1252"))
    assert text == original
    assert encoding == "cp1252"


def test_cp1252_curly_quotes_are_not_latin1_controls() -> None:
    text, encoding = decode_bytes("He said \u201cno comment\u201d and left \u2013 quickly.".encode("cp1252"))
    assert encoding == "cp1252"
    assert "\u201cno comment\u201d" in text and "\u2013" in text


def test_newlines_normalised_and_controls_stripped() -> None:
    raw = b"Title\r\nLine two\rLine three\x07 bell\x08\tTab\x1b[31mred\x1b[0m \x1b]0;pwned\x07end"
    text, _ = decode_bytes(raw)
    assert text == "Title\nLine two\nLine three bell\tTabred end"


def test_ansi_escapes_in_a_file_never_reach_the_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, "ansi.txt", b"Headline\n\n\x1b[2J\x1b[1;1HCleared screen? No.\x1b[?25l" + "\u009b31m".encode()
    )
    [doc] = read_file(path)
    assert "\x1b" not in doc.text and "\x9b" not in doc.text
    assert "Cleared screen? No." in doc.text


# ------------------------------------------------------------ skipped files


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="empty file"):
        read_file(write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="only whitespace"):
        read_file(write(tmp_path, "blank.md", b"  \n\n\t\n"))


def test_binary_with_nul_bytes_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="binary file"):
        read_file(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_skipped(tmp_path: Path, seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    with pytest.raises(SkipFile) as caught:
        read_file(write(tmp_path, "random.txt", data))
    assert "binary" in str(caught.value) or "not valid text" in str(caught.value)


@pytest.mark.parametrize("seed", range(5))
def test_random_high_bytes_without_controls_are_not_text(seed: int) -> None:
    # No NULs or control bytes to give it away: detection itself must refuse it.
    rng = random.Random(seed)
    data = bytes(rng.choice(range(0x80, 0x100)) for _ in range(2048))
    with pytest.raises(SkipFile, match="not valid text in any known encoding"):
        decode_bytes(data)


def test_oversized_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024)
    path = write(tmp_path, "big.txt", b"word " * 1000)
    with pytest.raises(SkipFile, match=r"larger than the .* limit"):
        read_file(path)


def test_unsupported_type_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match=r"unsupported file type \.pdf"):
        read_file(write(tmp_path, "report.pdf", b"%PDF-1.7"))
    with pytest.raises(SkipFile, match="file not found"):
        read_file(tmp_path / "gone.txt")


def test_skip_reason_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SkipFile) as caught:
        read_file(write(tmp_path, "x.txt", b"\x00\x01\x02"))
    reason = str(caught.value)
    assert reason and "\n" not in reason and "Traceback" not in reason


# --------------------------------------------------------------- iter_files


def test_iter_files_expands_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "notes.pdf", ".hidden.txt", "sub/c.json", ".git/d.txt", "sub/e.html.gz"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.json", "sub/e.html.gz"]


def test_iter_files_passes_explicit_paths_through(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    explicit = write(tmp_path, "paper.pdf", b"x")
    assert list(iter_files([missing, str(explicit)])) == [missing, explicit]


# ---------------------------------------------------------------- txt / md


def test_txt_document_fields(tmp_path: Path) -> None:
    data = b"Headline\n\nFirst paragraph."
    path = write(tmp_path, "story.txt", data)
    [doc] = read_file(path)
    assert doc.path == doc.file_path == str(path.resolve())
    assert doc.format == "txt"
    assert doc.meta == {}
    import hashlib

    assert doc.raw_hash == hashlib.sha256(data).hexdigest()


def test_markdown_suffixes(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown"):
        [doc] = read_file(write(tmp_path, name, b"# Title\n\nBody."))
        assert doc.format == "md"


# -------------------------------------------------------------------- json


def test_json_list_of_records_with_metadata(tmp_path: Path) -> None:
    records = [
        {
            "title": "Mayor resigns",
            "body": "The mayor resigned on Monday.",
            "date": "2024-01-02",
            "outlet": "Daily Example",
            "url": "https://example.org/1",
            "author": ["Ann Lee", "Bo Ma"],
            "category": "Politics",
        },
        {"headline": "No text here", "source": {"name": "Wire"}},
        {"title": "Second", "content": "Text of the second record.", "source": {"name": "Wire"}},
    ]
    path = write(tmp_path, "batch.json", json.dumps(records).encode())
    docs, skipped = read_file_report(path)
    assert [doc.path for doc in docs] == [f"{path.resolve()}#1", f"{path.resolve()}#3"]
    first, second = docs
    assert first.text == "The mayor resigned on Monday."
    assert first.meta == {
        "title": "Mayor resigns",
        "date": "2024-01-02",
        "outlet": "Daily Example",
        "url": "https://example.org/1",
        "byline": "Ann Lee, Bo Ma",
        "category": "Politics",
    }
    assert second.meta["outlet"] == "Wire"
    assert first.raw_hash != second.raw_hash
    assert skipped == [(f"{path.resolve()}#2", "record has no text (no text, body or content key)")]
    assert [doc.path for doc in read_file(path)] == [doc.path for doc in docs]


def test_json_single_object(tmp_path: Path) -> None:
    [doc] = read_file(write(tmp_path, "one.json", b'{"title": "T", "text": "Body."}'))
    assert (doc.format, doc.text, doc.meta["title"]) == ("json", "Body.", "T")


def test_json_record_hash_ignores_key_order(tmp_path: Path) -> None:
    [a] = read_file(write(tmp_path, "a.json", b'{"title": "T", "text": "Body."}'))
    [b] = read_file(write(tmp_path, "b.json", b'{"text": "Body.",\n "title": "T"}'))
    assert a.raw_hash == b.raw_hash


def test_jsonl_keeps_good_records_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "A", "text": "Alpha text."}),
        "{not json",
        "",
        json.dumps({"title": "B", "text": "Beta \u001b[31mred\u001b[0m text.", "byline": "Cy"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    docs, skipped = read_file_report(path)
    assert [doc.meta["title"] for doc in docs] == ["A", "B"]
    assert docs[1].text == "Beta red text."
    assert docs[1].path.endswith("#3")
    reasons = dict(skipped)
    assert reasons[f"{path.resolve()}#2"].startswith("invalid JSON on line 2")
    assert reasons[f"{path.resolve()}#4"] == "record is not a JSON object"


def test_invalid_json_file_is_skipped_with_line(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="invalid JSON on line 3"):
        read_file(write(tmp_path, "bad.json", b'{\n "title": "x",\n "text": oops\n}'))


def test_json_without_any_text_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="no text"):
        read_file(write(tmp_path, "meta.json", b'{"title": "Only a title"}'))


# -------------------------------------------------------------------- html


def test_html_fixture_through_trafilatura() -> None:
    [doc] = read_file(FIXTURES / "article.html")
    assert doc.format == "html"
    assert doc.meta["title"] == "Harbour council approves new sea wall"
    assert doc.meta["byline"] == "Maria Lindqvist"
    assert doc.meta["outlet"] == "The Coastal Gazette"
    assert doc.meta["date"] == "2023-05-17"
    assert "said council leader Tomas Berg" in doc.text
    assert "Privacy policy" not in doc.text and "Sport" not in doc.text.split("\n")
    # paragraphs survive as separate lines
    assert sum(1 for line in doc.text.split("\n") if line.strip()) >= 4


def _page(body: str, title: str = "Harbour wall vote") -> bytes:
    """A small article page of our own: head metadata, a nav, the article `body`, a footer."""
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer><a href='/privacy'>Privacy policy</a></footer></body></html>"
    ).encode()


_FILLER = (
    "<p>The council met on Tuesday evening to discuss the plans for the harbour, which have been "
    "debated for several years by residents and the port authority alike.</p>"
    "<p>Residents who live near the quay said they had waited a long time for a decision and hoped "
    "the work would start before the winter storms arrive on the coast.</p>"
)


def test_html_link_wrapped_inside_a_sentence_keeps_its_words(tmp_path: Path) -> None:
    body = (
        _FILLER + "<p>The mayor said that <span class='link'><a href='/a'>the council will pay for the wall</a>"
        "</span> from its own reserves, and that no new tax was needed for it.</p>" + _FILLER
    )
    [doc] = read_file(write(tmp_path, "page.html", _page(body)))
    assert "said that the council will pay for the wall from its own reserves" in " ".join(doc.text.split())


def test_html_card_of_links_over_a_name_is_left_out(tmp_path: Path) -> None:
    card = (
        "<span class='person'><a href='/people/ann'>Ann Lee</a><span class='card'><span>"
        "<a href='/people/ann'>Ann Marie Lee</a> <a href='/s/1'>Lee backs harbour plan</a> "
        "<a href='/s/2'>Lee named chair of port board</a> <a href='/people/ann'>MORE</a></span></span></span>"
    )
    body = _FILLER + f"<p>Council leader {card} (Labour) said the vote was a relief for the town.</p>" + _FILLER
    [doc] = read_file(write(tmp_path, "page.html", _page(body)))
    text = " ".join(doc.text.split())
    assert "Council leader Ann Lee (Labour) said the vote was a relief" in text
    assert "port board" not in text and "Ann Marie Lee" not in text


def test_html_table_in_an_article_is_kept(tmp_path: Path) -> None:
    table = (
        "<table><tr><th>Ward</th><th>For</th><th>Against</th></tr>"
        "<tr><td>Northgate</td><td>412</td><td>96</td></tr><tr><td>Quayside</td><td>388</td><td>120</td></tr></table>"
    )
    [doc] = read_file(write(tmp_path, "page.html", _page(_FILLER + table + _FILLER)))
    assert "Northgate" in doc.text and "388" in doc.text


def test_html_teaser_links_after_the_article_are_left_out(tmp_path: Path) -> None:
    teasers = (
        "<div class='more'>"
        + "".join(f"<p><a href='/s/{n}'>Other story number {n} about something else entirely</a></p>" for n in range(5))
        + "</div>"
    )
    [doc] = read_file(write(tmp_path, "page.html", _page(_FILLER + _FILLER + teasers)))
    assert "winter storms" in doc.text
    assert "Other story" not in doc.text


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Новости</title></head><body><article>"
        + "<p>Министр иностранных дел заявил журналистам, что переговоры продолжатся.</p>" * 3
        + "</article></body></html>"
    )
    [doc] = read_file(write(tmp_path, "ru.htm", page.encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert "Министр иностранных дел" in doc.text


def test_gzipped_html_is_read(tmp_path: Path) -> None:
    data = gzip.compress((FIXTURES / "article.html").read_bytes())
    [doc] = read_file(write(tmp_path, "page.html.gz", data))
    assert doc.format == "html" and "sea wall" in doc.text


def test_damaged_gzip_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="damaged gzip"):
        read_file(write(tmp_path, "page.html.gz", b"\x1f\x8b\x08\x00garbage"))


def test_html_without_article_text_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="no article text"):
        read_file(write(tmp_path, "empty.html", b"<html><head><script>var x = 1;</script></head><body></body></html>"))


# ------------------------------------------------------------------ shared


@pytest.mark.shared
def test_html_sample_pages_extract_text() -> None:
    folder = CORPORA / "html-sample" / "html"
    if not folder.is_dir():
        pytest.skip(f"shared html sample not found at {folder}")
    pages = sorted(folder.glob("*.html.gz"))[:6]
    assert pages
    for page in pages:
        [doc] = read_file(page)
        assert len(doc.text.split()) > 50, page.name
        assert doc.meta.get("title"), page.name


def test_html_title_loses_the_site_name_and_tagline_the_page_states(tmp_path: Path) -> None:
    page = _page(_FILLER + _FILLER, title="Harbour wall vote delayed | Coast Gazette").replace(
        b"</head>", b"<meta property='og:site_name' content='Coast Gazette | News of the shore'></head>"
    )
    [doc] = read_file(write(tmp_path, "page.html", page))
    assert doc.meta["sitename"] == "Coast Gazette | News of the shore"
    assert doc.meta["outlet"] == "Coast Gazette"
    article = clean_article(doc.text, fmt=doc.format, meta=doc.meta)
    assert article.title == "Harbour wall vote delayed"
    assert "Harbour wall vote delayed" not in article.paragraphs


def test_html_station_credit_set_in_bold_before_the_first_paragraph_is_split_off(tmp_path: Path) -> None:
    lead = (
        "<p><strong>KBAY NEWS</strong>Police found the missing fishing boat drifting off the harbour mouth at dawn.</p>"
    )
    [doc] = read_file(write(tmp_path, "page.html", _page(lead + _FILLER + _FILLER)))
    paragraphs = clean_article(doc.text, fmt=doc.format, meta=doc.meta).paragraphs
    assert paragraphs[:2] == [
        "KBAY NEWS",
        "Police found the missing fishing boat drifting off the harbour mouth at dawn.",
    ]
