"""Reading article files: find them, detect format and encoding, and hand back decoded text.

Nothing here raises on bad input except `SkipFile`, whose message is one plain
sentence a user can read ("binary file (contains NUL bytes)").
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index.outlets import host_of, known_host_outlet, site_name_outlet

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}

_FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
}

# Legacy single-byte encodings news text realistically arrives in. Detection is
# restricted to these first because, on mostly-ASCII text with one or two high
# bytes (a "£" in a BBC story), an unrestricted detector happily picks a CJK
# code page.
_LEGACY_ENCODINGS = ["cp1252", "cp1251", "cp1250", "iso8859_15", "koi8_r", "latin_1"]

# Bytes that never occur in text (C0 controls other than tab, newlines, form
# feed, vertical tab and ESC, which we strip later but which real text files carry).
_NON_TEXT_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})
_NON_TEXT_LIMIT = 0.05  # share of such bytes above which a file is binary
_NUL_LIMIT = 0.01  # share of NUL bytes above which a file is binary; fewer are dropped

_ANSI_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST (titles, hyperlinks)
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS / PM / APC / SOS strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[ -/]*[0-~]?"  # other two-byte escapes
)
# C0 (except \t, \n), DEL, C1, and the BOM / line separators handled below.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")


class SkipFile(Exception):
    """A file (or record) that cannot become an article; str(e) is the reason, one sentence."""


@dataclass
class SourceDocument:
    """One article-to-be as read from a file."""

    path: str  # absolute path; json/jsonl records get "#<record number>" (1-based)
    file_path: str  # the real file path
    format: str  # "txt" | "md" | "html" | "json"
    text: str  # decoded text (html: the extracted article text)
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1251", "latin-1", ...
    raw_hash: str  # sha256 of the raw bytes (json records: of the record's canonical JSON)
    # Metadata the format states directly. Keys, when present: title, date,
    # outlet, url, byline, category (the names of CleanArticle's fields).
    meta: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- text


def sanitize_text(text: str) -> str:
    """Normalise newlines to \\n and strip terminal escape sequences and control characters.

    Article text is data: nothing in it may move a cursor or recolour a terminal.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x0c", "\n").replace("\x0b", "\n")
    text = _ANSI_SEQUENCE.sub("", text)
    return _CONTROL_CHARS.sub("", text)


def _friendly_encoding(name: str) -> str:
    canonical = codecs.lookup(name).name
    return {"iso8859-1": "latin-1", "utf-8": "utf-8"}.get(canonical, canonical)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes to clean text; returns (text, encoding name) or raises SkipFile."""
    if not data:
        raise SkipFile("empty file")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return sanitize_text(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise SkipFile(f"not valid {encoding} text despite its byte-order mark") from None
    if b"\x00" in data:
        # A stray NUL among text is dropped; a file with more than a few is binary (or UTF-16
        # without a byte-order mark, which is not news text in practice).
        if data.count(b"\x00") > max(2, _NUL_LIMIT * len(data)):
            raise SkipFile("binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")
    non_text = len(data) - len(data.translate(None, _NON_TEXT_BYTES))
    if non_text > _NON_TEXT_LIMIT * len(data):
        raise SkipFile("binary file (mostly non-text bytes)")
    try:  # the fast path: nearly every file is UTF-8
        return sanitize_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import CharsetMatch, from_bytes  # imported late: only legacy files need it

    matches = list(from_bytes(data, cp_isolation=_LEGACY_ENCODINGS)) or list(from_bytes(data))
    if not matches:
        raise SkipFile("not valid text in any known encoding")
    # Least chaos first; among ties our preference order decides. Language
    # coherence is too noisy on short texts to separate cp1252 from cp1250
    # ("prêts" vs "pręts"), and Western text is the common case. A match stands
    # for every code page that decodes the bytes to the same text.
    preference = {name: rank for rank, name in enumerate(_LEGACY_ENCODINGS)}

    def rank(encoding: str) -> int:
        return preference.get(encoding, len(preference))

    def preferred_name(match: CharsetMatch) -> str:
        return min([match.encoding, *match.could_be_from_charset], key=rank)

    best = min(matches, key=lambda match: (round(match.chaos, 2), rank(preferred_name(match))))
    encoding = preferred_name(best)
    if encoding == "latin_1":
        # Prefer cp1252 where it decodes: it maps 0x80-0x9F to the curly quotes
        # and dashes Windows text means, where latin-1 has invisible controls.
        try:
            return sanitize_text(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            pass
    return sanitize_text(str(best)), _friendly_encoding(encoding)


# -------------------------------------------------------------------------- files


def _suffix_of(path: Path) -> tuple[str, bool]:
    """(format suffix, gzip-compressed?): "page.html.gz" -> (".html", True)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


def _is_supported(path: Path) -> bool:
    return _suffix_of(path)[0] in SUPPORTED_SUFFIXES


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders recursively (sorted; hidden files and folders skipped) into supported files.

    A path named explicitly is yielded whatever it is — missing, unsupported —
    so that `read_file` can tell the user why it was skipped.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                candidate = Path(root) / name
                if not name.startswith(".") and _is_supported(candidate):
                    yield candidate


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _limit_text() -> str:
    mb = MAX_FILE_BYTES / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{MAX_FILE_BYTES} bytes"


_KIND_OF_FILE = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "not a regular file (a named pipe)"),
    (stat.S_ISSOCK, "not a regular file (a socket)"),
    (stat.S_ISCHR, "not a regular file (a character device)"),
    (stat.S_ISBLK, "not a regular file (a block device)"),
)


def not_regular_reason(mode: int) -> str:
    """Why a file of this `st_mode` is not read ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    return next((reason for test, reason in _KIND_OF_FILE if test(mode)), "not a regular file")


def open_regular(path: str | Path) -> io.BufferedReader:
    """Open a regular file for reading, or raise SkipFile with the reason.

    Only regular files are read: opening a named pipe waits for a writer forever, a device can
    stream without end. The file is opened without blocking and checked on its descriptor, so
    nothing swapped in after a check is read either. OSError when it cannot be opened.
    """
    mode = os.stat(path).st_mode
    reason = not_regular_reason(mode)
    if reason:
        raise SkipFile(reason)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        reason = not_regular_reason(os.fstat(descriptor).st_mode)
        if reason:
            raise SkipFile(reason)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _read_raw(path: Path, compressed: bool) -> bytes:
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise SkipFile(f"larger than the {_limit_text()} limit ({_megabytes(size)})")
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise SkipFile(f"larger than the {_limit_text()} limit")
        if compressed:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise SkipFile(f"larger than the {_limit_text()} limit once decompressed")
    except FileNotFoundError:
        raise SkipFile("file not found") from None
    except PermissionError:
        raise SkipFile("permission denied") from None
    except IsADirectoryError:
        raise SkipFile("is a folder, not a file") from None
    except (gzip.BadGzipFile, zlib.error, EOFError):
        raise SkipFile("damaged gzip file") from None
    except OSError as error:
        raise SkipFile(f"cannot be read ({error.strerror or error})") from None
    return data


def read_file(path: Path) -> list[SourceDocument]:
    """Read one file into its documents (several for json/jsonl); raises SkipFile with the reason.

    Bad records of a json/jsonl file are left out silently here; use
    `read_file_report` to learn about them.
    """
    documents, skipped = read_file_report(path)
    if not documents:
        reason = skipped[0][1] if skipped else "no article text found"
        if len(skipped) > 1:
            reason = f"no usable record ({len(skipped)} skipped; first: {reason})"
        raise SkipFile(reason)
    return documents


def read_file_report(path: Path) -> tuple[list[SourceDocument], list[tuple[str, str]]]:
    """Like `read_file`, but also returns the records it skipped as (path#n, reason).

    A file that cannot be read at all raises SkipFile; a json/jsonl file with
    some bad records returns the good ones plus the reasons for the others.
    """
    path = Path(path)
    suffix, compressed = _suffix_of(path)
    if path.is_dir():
        raise SkipFile("is a folder, not a file")
    if suffix not in SUPPORTED_SUFFIXES:
        shown = path.suffix.lower() or "(no extension)"
        raise SkipFile(f"unsupported file type {shown}")
    data = _read_raw(path, compressed)
    fmt = _FORMAT_BY_SUFFIX[suffix]
    file_path = str(path.resolve())
    if fmt == "json":
        return _read_json(data, file_path, jsonl=suffix == ".jsonl")
    raw_hash = hashlib.sha256(data).hexdigest()
    if fmt == "html":
        text, encoding, meta = _read_html(data)
    else:
        text, encoding = decode_bytes(data)
        meta = {}
    if not text.strip():
        raise SkipFile("no text (only whitespace)" if fmt != "html" else "no article text found in the page")
    return [SourceDocument(file_path, file_path, fmt, text, encoding, raw_hash, meta)], []


# --------------------------------------------------------------------------- html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:8192])
    if declared and b"\x00" not in data:
        name = declared.group(1).decode("ascii", "ignore")
        try:
            codecs.lookup(name)
            return sanitize_text(data.decode(name)), _friendly_encoding(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detect instead
    return decode_bytes(data)


class _Unparsed(Exception):
    """lxml built no tree of the page."""


def _read_html(data: bytes) -> tuple[str, str, dict[str, str]]:
    html, encoding = _decode_html(data)
    # imported late: loading them costs time the txt path does not need
    import trafilatura
    from trafilatura.utils import load_html

    found: dict[str, object] = {}
    try:
        tree = load_html(html)
        if tree is None:  # lxml gives up on a page nested deeper than it parses: read it plainly below
            raise _Unparsed
        # Inside a paragraph, an element made of nothing but three links or more, with no words
        # of its own between them, is a card that pops up over a name (the person's other
        # stories), not part of the sentence: it goes, the sentence's next words (its tail) stay.
        cards = [
            element
            for paragraph in tree.iter("p")
            for element in paragraph.iterdescendants()
            if element.tag != "a"
            and sum(1 for child in element if child.tag == "a") >= 3
            and not (element.text or "").strip()
            and not any((child.tail or "").strip() for child in element)
        ]
        for element in cards:
            if element.getparent() is not None:
                element.drop_tree()
        # A wrapper holding just one link (<span class="link"><a>the NFL will fine Rudolph</a>)
        # is unwrapped: the link's words belong to the sentence, and the extractor's precision
        # rules would drop the wrapper alone, leaving a hole in it.
        for span in [
            span
            for paragraph in tree.iter("p")
            for span in paragraph.iter("span")
            if len(span) == 1
            and span[0].tag == "a"
            and not (span.text or "").strip()
            and not (span[0].tail or "").strip()
        ]:
            span.drop_tag()
        # favor_precision keeps to the article's own text (it leaves out link-heavy teaser
        # blocks, newsletter boxes, trailing headings); a page it finds nothing in is read again
        # with the default balance. Tables are kept: a results or figures table is article text.
        for precise in (True, False):
            document = trafilatura.bare_extraction(
                tree, include_comments=False, with_metadata=True, include_tables=True, favor_precision=precise
            )
            found = {} if document is None else document if isinstance(document, dict) else document.as_dict()
            if _meta_value(found.get("text")):
                break
    except SkipFile:
        raise
    except _Unparsed:
        found = {}
    except Exception as error:  # trafilatura/lxml fail in many ways on broken pages
        raise SkipFile(f"the HTML page could not be parsed ({type(error).__name__})") from None
    text = sanitize_text(str(found.get("text") or ""))
    if not text.strip():
        text = _deeply_nested_text(html)  # lxml gives up on a page nested deeper than it parses
    if not text.strip():
        raise SkipFile("no article text found in the page")
    meta: dict[str, str] = {}
    for key, source_key in (
        ("title", "title"),
        ("date", "date"),
        ("url", "url"),
        ("byline", "author"),
        ("category", "categories"),
    ):
        value = _meta_value(found.get(source_key))
        if value:
            meta[key] = value
    site_name = _meta_value(found.get("sitename"))
    outlet = _page_outlet(site_name, meta.get("url", ""))
    if outlet:
        meta["outlet"] = outlet
    if site_name:
        meta["sitename"] = site_name  # as the page states it, tagline and all: clean.py strips it from the title
    return text, encoding, meta


_LXML_MAX_DEPTH = 255  # libxml2 stops building the tree below this many open elements
_SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "head", "title", "svg", "nav", "footer", "form"}
_BLOCK_ELEMENTS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote", "pre",
}  # fmt: skip


def _deeply_nested_text(html: str) -> str:
    """The text of a page nested deeper than lxml (and so trafilatura) can parse, read with the
    standard library's HTML parser, which keeps no tree and does not recurse; "" for any other page
    (one with no article text stays without)."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.deepest = self.skipping = 0
            self.pieces: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in _SKIPPED_ELEMENTS:
                self.skipping += 1
            if tag in _BLOCK_ELEMENTS:
                self.pieces.append("\n\n")
            if tag not in ("br", "img", "hr", "meta", "link", "input"):
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIPPED_ELEMENTS and self.skipping:
                self.skipping -= 1
            if tag in _BLOCK_ELEMENTS:
                self.pieces.append("\n\n")
            self.depth = max(0, self.depth - 1)

        def handle_data(self, data: str) -> None:
            if not self.skipping:
                self.pieces.append(data)

    collector = Collector()
    collector.feed(html)
    collector.close()
    if collector.deepest <= _LXML_MAX_DEPTH:
        return ""
    blocks = (" ".join(block.split()) for block in "".join(collector.pieces).split("\n\n"))
    return sanitize_text("\n\n".join(block for block in blocks if block))


def _page_outlet(site_name: str, url: str) -> str:
    """A page's outlet from its metadata: its host's listed name, else its site name (trafilatura's
    pick of og:site_name, the JSON-LD publisher, twitter:site and the title's tail), tidied.

    The listed name comes first: site names are often a handle or a host ("SputnikInt", "Nj").
    A bare host is left out; `ingest` falls back to it after a name the user gives.
    """
    host = host_of(url)
    return known_host_outlet(host, exact=True) or site_name_outlet(site_name, host)


# --------------------------------------------------------------------------- json

_TEXT_KEYS = ("text", "body", "content", "articleBody", "article", "maintext")
_META_KEYS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "datePublished", "date_publish", "pubdate", "published_at"),
    "outlet": ("source", "outlet", "site", "sitename", "publisher", "source_domain"),
    "url": ("url", "link"),
    "byline": ("byline", "author", "authors"),
    "category": ("category", "section", "categories"),
}


def _meta_value(value: object) -> str:
    """One line of text from a metadata value (string, number, list, or {"name": ...})."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(part for part in (_meta_value(item) for item in value) if part)
    if isinstance(value, bool) or value is None:
        return ""
    return " ".join(sanitize_text(str(value)).split())


def _record_text(record: Mapping[str, object]) -> str:
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n\n".join(str(part) for part in value if isinstance(part, (str, int, float)))
        if isinstance(value, str) and value.strip():
            return sanitize_text(value)
    return ""


def _no_text_reason(record: Mapping[str, object]) -> str:
    """Why a record gave no text: no text key at all, or what its text key holds instead."""
    for key in _TEXT_KEYS:
        if key in record:
            value = record[key]
            if isinstance(value, str) or value is None:
                return f"record's “{key}” is empty"
            kind = {bool: "true or false", int: "a number", float: "a number", dict: "an object", list: "a list"}
            found = next((name for type_, name in kind.items() if isinstance(value, type_)), type(value).__name__)
            return f"record's “{key}” is {found}, not text"
    return "record has no text (no text, body or content key)"


def _read_json(data: bytes, file_path: str, *, jsonl: bool) -> tuple[list[SourceDocument], list[tuple[str, str]]]:
    text, encoding = decode_bytes(data)
    records: list[tuple[int, object]] = []  # (record number, value or error sentence)
    skipped: list[tuple[str, str]] = []
    if jsonl:
        number = 0
        for line_number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            number += 1
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                skipped.append((f"{file_path}#{number}", f"invalid JSON on line {line_number}: {error.msg}"))
    else:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise SkipFile(f"invalid JSON on line {error.lineno}: {error.msg}") from None
        items = value if isinstance(value, list) else [value]
        records = list(enumerate(items, start=1))
    documents = []
    for number, record in records:
        record_path = f"{file_path}#{number}"
        if not isinstance(record, dict):
            skipped.append((record_path, "record is not a JSON object"))
            continue
        body = _record_text(record)
        if not body.strip():
            skipped.append((record_path, _no_text_reason(record)))
            continue
        meta = {}
        for key, source_keys in _META_KEYS.items():
            for source_key in source_keys:
                value = _meta_value(record.get(source_key))
                if value:
                    meta[key] = value
                    break
        canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        raw_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        documents.append(SourceDocument(record_path, file_path, "json", body, encoding, raw_hash, meta))
    return documents, skipped
