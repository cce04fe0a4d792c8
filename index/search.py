"""The Whoosh full-text index: derived from the store, rebuildable, searched with a query language."""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import functools
import heapq
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import collectors, columns, fields, qparser, sorting  # Whoosh ships no type hints (see [tool.mypy])
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import writing as whoosh_writing
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter import stem as porter_stem
from whoosh.qparser.dateparse import DateParserPlugin

from index.model import SearchHit

INDEX_DIR = "index"
# Bump when the schema or what goes into a document changes: libraries rebuild their index.
INDEX_VERSION = "3"
# Fields a bare word searches; `field:value` reaches the others.
DEFAULT_FIELDS = ("title", "body", "quote")
# What users may type before a colon, mapped to the schema's names.
FIELD_ALIASES = {"source": ["outlet", "site"], "actor": ["speaker", "who"], "date": ["published"]}
SORTS = ("score", "date", "outlet", "title")
# Column of each sort other than relevance: Whoosh sorts hits by it and stops at the limit.
SORT_COLUMNS = {"date": "date_order", "outlet": "outlet_order", "title": "title_order"}
# Megabytes of postings a writer pools in memory before it spills a run to disk.
WRITER_MB = 256
# Whoosh's table of contents of an index named MAIN (whoosh.index.TOC): its presence is an index.
_TOC = re.compile(r"^_MAIN_[0-9]+\.toc$")
_PARSED_KEPT = 32
# The fields a user can name before a colon (internal ones like id and path are left out).
USER_FIELDS = ("title", "body", "source", "date", "category", "actor", "quote")
FIELD_PREFIX = re.compile(r"(?<![\w:/.])([A-Za-z_]+):(?=(\S?))")


class QueryError(ValueError):
    """A query the user typed that cannot be run; str() is one sentence saying why and what to do."""


def _stemming() -> StemmingAnalyzer:
    return StemmingAnalyzer()


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=_stemming(), stored=True, spelling=True, field_boost=2.0),
        body=fields.TEXT(analyzer=_stemming(), spelling=True),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        date=fields.DATETIME(stored=True),
        category=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        actor=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),
        quote=fields.TEXT(analyzer=_stemming()),
        path=fields.ID(stored=True),
        datestr=fields.STORED(),
        # Sort keys, in the order the article lists use (index/ordering.py), as byte strings Whoosh
        # sorts ascending: a search sorted by date, outlet or title is ordered by Whoosh, with a limit.
        date_order=fields.COLUMN(columns.VarBytesColumn()),
        outlet_order=fields.COLUMN(columns.VarBytesColumn()),
        title_order=fields.COLUMN(columns.VarBytesColumn()),
    )


def _sort_text(text: str) -> bytes:
    return text.casefold().encode("utf-8", "surrogatepass")


def order_keys(title: str, outlet: str, date: str) -> dict[str, bytes]:
    """The sort columns of one document: ascending byte order is `sort_articles` order.

    Date: newest first, undated last, ties by title (the date's bytes inverted, then an end
    mark above any inverted byte). Outlet: named outlets by name, unknown last, ties by title.
    Title: by title. Case is ignored, as in the lists.
    """
    title_key = _sort_text(title)
    inverted = bytes(255 - byte for byte in date.encode("utf-8", "surrogatepass"))
    outlet_key = b"0" + _sort_text(outlet) if outlet else b"1"
    return {
        "date_order": inverted + b"\xff" + title_key,
        "outlet_order": outlet_key + b"\x00" + title_key,
        "title_order": title_key,
    }


@dataclass
class IndexDocument:
    """What the index knows of one article."""

    id: str
    title: str
    body: str
    outlet: str  # the index's "source" field
    date: str
    category: str
    path: str
    actors: str = ""  # actor names and spellings, space separated
    quotes: str = ""  # quote texts

    def fields(self) -> dict[str, object]:
        values: dict[str, object] = {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "source": self.outlet,
            "category": self.category,
            "path": self.path,
            "actor": self.actors,
            "quote": self.quotes,
            "datestr": self.date,
            **order_keys(self.title, self.outlet, self.date),
        }
        parsed = _parse_iso_date(self.date)
        if parsed is not None:
            values["date"] = parsed
        return values


def _parse_iso_date(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


class SearchIndex:
    """One Whoosh index folder inside the library folder, and the one searcher held on it.

    The searcher is opened once and refreshed only when the index changed (a commit here or in
    another process, or a rebuild swapping the folder): opening one took 55 ms at 22,000
    articles, more than a search. A lock keeps the reader's threads to one search at a time.
    """

    def __init__(self, library_root: Path) -> None:
        self.path = library_root / INDEX_DIR
        self.schema = make_schema()
        self._whoosh: whoosh_index.Index | None = None
        self._searcher: Any = None
        self._folder: tuple[int, int] | None = None  # (device, inode) of the folder the searcher reads
        self._lock = threading.RLock()
        self._parsed: dict[str, wq.Query] = {}  # the latest queries parsed (search, terms and highlights parse each)

    # --- opening and writing ------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the folder holds an index: a table of contents, looked for without opening it
        (`whoosh.index.exists_in` opens the index, which took longer than a search)."""
        try:
            return any(_TOC.match(name) for name in os.listdir(self.path))
        except OSError:
            return False

    def open(self) -> Any:
        """The Whoosh index, created empty when the folder holds none."""
        if self._whoosh is None:
            if not self.exists():
                self.path.mkdir(parents=True, exist_ok=True)
                self._whoosh = whoosh_index.create_in(str(self.path), self.schema)
            else:
                self._whoosh = whoosh_index.open_dir(str(self.path))
        return self._whoosh

    def forget(self) -> None:
        """Drop the open index and its held searcher, so that the next use reads the folder afresh
        (after damage or a rebuild)."""
        with self._lock:
            try:
                self._drop_searcher()
            except Exception:  # noqa: BLE001 - a damaged segment may fail to close; it is dropped all the same
                self._searcher = None
            self._whoosh = None

    @contextmanager
    def searching(self) -> Iterator[Any]:
        """The held searcher, up to date with the index on disk; one thread at a time."""
        with self._lock:
            yield self._current_searcher()

    def _current_searcher(self) -> Any:
        folder = _folder_identity(self.path)
        if self._searcher is not None and folder != self._folder:
            self._drop_searcher()  # the folder was swapped by a rebuild (here or in another process)
            self._whoosh = None
        if self._searcher is None:
            self._searcher = self.open().searcher()
            self._folder = _folder_identity(self.path)
        elif not self._searcher.up_to_date():
            # A new searcher, not Whoosh's refresh(): refresh reuses a segment's reader when only its
            # deletions changed (so a replaced document is counted twice), carries over segments a
            # merge removed, and fails on a searcher opened on an empty index.
            self._drop_searcher()
            self._searcher = self.open().searcher()
        return self._searcher

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def close(self) -> None:
        """Close the held searcher (its open files)."""
        with self._lock:
            self._drop_searcher()

    def doc_ids(self) -> set[str]:
        with self.searching() as searcher:
            return {fields["id"] for fields in searcher.all_stored_fields()}

    def update(self, documents: Iterable[IndexDocument], delete: Iterable[str] = ()) -> int:
        """Add or replace documents and delete others in one commit: all or nothing."""
        writer = self.open().writer(timeout=30, limitmb=WRITER_MB)
        count = 0
        try:
            for article_id in delete:
                writer.delete_by_term("id", article_id)
            for document in documents:
                writer.update_document(**document.fields())
                count += 1
        except BaseException:
            writer.cancel()
            raise
        _commit(writer, mergetype=_merge_policy)
        return count

    def rebuild(self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None) -> int:
        """Write a whole new index beside the old one, then swap it in."""
        fresh = self.path.with_name(INDEX_DIR + ".new")
        if fresh.exists():
            shutil.rmtree(fresh)
        fresh.mkdir(parents=True)
        fresh_index = whoosh_index.create_in(str(fresh), self.schema)
        writer = fresh_index.writer(limitmb=WRITER_MB)
        count = 0
        try:
            for document in documents:
                writer.add_document(**document.fields())
                count += 1
                if progress:
                    progress(count)
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        try:
            _commit(writer)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        with self._lock:
            self._drop_searcher()
            self._whoosh = None
            old = self.path.with_name(INDEX_DIR + ".old")
            if old.exists():
                shutil.rmtree(old)
            if self.path.exists():
                self.path.rename(old)
            fresh.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        return count

    # --- searching ------------------------------------------------------------------------

    def parser(self) -> qparser.QueryParser:
        parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), self.schema, group=qparser.AndGroup)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        parser.add_plugin(qparser.GtLtPlugin())
        parser.add_plugin(DateParserPlugin(free=False))
        parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
        return parser

    def parse(self, text: str) -> wq.Query:
        """The query `text` asks for, or QueryError: one sentence saying what is wrong with it. What a
        query may cost is bounded (its length, words, nesting, fuzzy and prefix terms) before and
        after parsing, so that no query ties up a search."""
        stripped = text.strip()
        if not stripped:
            raise QueryError("The query is empty: type words to search for.")
        check_query_size(stripped)
        stripped = " ".join(stripped.split())  # one line: sentences quote it (Whoosh splits on any space)
        _check_balanced(stripped)
        _check_fields(stripped)
        _check_dates(stripped)
        try:
            parsed = self.parser().parse(_compact_dates(stripped))
        except ValueError as error:
            raise QueryError(_date_help(stripped)) from error
        except RecursionError:
            raise QueryError(_NESTING_HELP) from None
        except (IndexError, KeyError, AttributeError, TypeError) as error:
            raise QueryError(_operator_help(stripped)) from error
        except Exception as error:  # noqa: BLE001 - Whoosh's date parser raises a bare Exception
            if re.search(r"\b(date|published):", stripped, re.IGNORECASE):
                raise QueryError(_date_help(stripped)) from error
            raise QueryError(_operator_help(stripped)) from error
        if _has_null(parsed):
            if re.search(r"\b(date|published):", stripped, re.IGNORECASE):
                raise QueryError(_date_help(stripped))
            raise QueryError(
                f"Nothing to search for in “{stripped}”: it holds only very common words; add a more specific word."
            )
        check_query_cost(parsed)
        return parsed

    def _parse(self, text: str) -> wq.Query:
        """`parse`, once per query text for the last few texts (Whoosh's parser sets up its plugins
        at every parse; queries are never changed by a search, so one can be used again)."""
        parsed = self._parsed.get(text)
        if parsed is None:
            parsed = self.parse(text)
            if len(self._parsed) >= _PARSED_KEPT:
                self._parsed.pop(next(iter(self._parsed)), None)
            self._parsed[text] = parsed
        return parsed

    def search(
        self,
        text: str,
        *,
        limit: int | None = 50,
        sort: str = "score",
        body_of: Callable[[str], str] | None = None,
        scores: bool = True,
    ) -> tuple[list[SearchHit], int, str]:
        """Hits (with snippets when `body_of` gives bodies), the total count, and a suggestion.

        Every sort is Whoosh's: relevance, or a sort column (see `order_keys`) with a limit; hits
        sorted by a column are scored by a second, short pass, or not at all without `scores` (0).
        """
        if sort not in SORTS:
            raise QueryError(f"Unknown sort “{sort}”: use one of {', '.join(SORTS)}.")
        parsed = self._parse(text)
        query = _remembering(parsed)
        with self.searching() as searcher:
            relevance: dict[int, float] | None = None
            if sort in SORT_COLUMNS and limit:
                sorter = _ColumnSortCollector(SORT_COLUMNS[sort], limit)
                searcher.search_with_collector(query, sorter, context=searcher.context(weighting=None))
                results = sorter.results()
                relevance = _scores(searcher, query, [hit.docnum for hit in results]) if scores else {}
            elif sort in SORT_COLUMNS:
                results = searcher.search(query, limit=limit, sortedby=sorting.FieldFacet(SORT_COLUMNS[sort]))
                relevance = _scores(searcher, query, [hit.docnum for hit in results]) if scores else {}
            elif limit is None:
                results = searcher.search(query, limit=None)
            else:
                # Counting while scoring: Whoosh's default skips blocks of low scores, and then counts
                # the matches with a second pass over them, which took as long as the search. And no
                # matcher replacement (replace=0): past the first hits, Whoosh drops the parts of a
                # union that cannot reach the top scores (a word's title or quote field), and the
                # articles only they match went uncounted (437 of 2,280 for one word at 22k), so the
                # total was short and the reader stopped paging early. Replacement also loses top
                # hits: in a segment of at most 5,000 articles Whoosh reads a word's fields into one
                # array matcher whose best score is the best of its fields', not their sum, and the
                # search ends early ("labour election" at 2.2k: 8 of the top 20 missing, the best
                # among them). Pruning with a tree of matchers and counting apart, unscored, was
                # slower in bench/search.py at 2.2k and 22k (1.2 to 1.6 times; one word at 22k 0.85):
                # it skips little there, and the count reads every match again.
                collector = collectors.TopCollector(limit, usequality=False, replace=0)
                searcher.search_with_collector(query, collector)
                results = collector.results()
            total = len(results)
            matcher = _TermMatcher(query, searcher.reader()) if body_of is not None else None
            hits = []
            for hit in results:
                stored = hit.fields()
                snippet = ""
                spans: list[tuple[int, int]] = []
                if matcher is not None and body_of is not None:
                    body = body_of(stored["id"])
                    horizon = [len(body)]
                    snippet, spans = make_snippet(body, matcher.iter_spans(body, horizon), horizon=horizon)
                hits.append(
                    SearchHit(
                        article_id=stored["id"],
                        title=stored.get("title", ""),
                        outlet=stored.get("source", ""),
                        date=stored.get("datestr", "") or "",
                        path=stored.get("path", ""),
                        score=round(hit.score if relevance is None else relevance.get(hit.docnum, 0.0), 4),
                        snippet=snippet,
                        snippet_spans=spans,
                    )
                )
            suggestion = ""
            if total == 0:
                suggestion = self._suggest(searcher, parsed, text)
        return hits, total, suggestion

    def _suggest(self, searcher: Any, parsed: wq.Query, text: str) -> str:
        """A corrected query that finds something, for a misspelt word; "" when none does."""
        terms = [(field, term) for field, term in parsed.all_terms() if field in ("title", "body")]
        if not terms:
            return ""
        try:
            corrected = searcher.correct_query(parsed, text, terms=terms, maxdist=2, prefix=1)
            if corrected.query == parsed or corrected.string.strip() == text.strip():
                return ""
            if searcher.search(corrected.query, limit=1).scored_length() == 0:
                return ""
        except Exception:  # Whoosh's corrector fails on some odd queries: offer no suggestion then
            return ""
        return corrected.string

    def terms(self, text: str) -> list[str]:
        """The words a query looks for, as typed (for display and highlighting)."""
        try:
            parsed = self._parse(text)
        except QueryError:
            return []
        words = []
        for term in _iter_terms(parsed):
            if term.fieldname in ("title", "body", "quote", "actor") and isinstance(term.text, str):
                words.append(term.text)
        return list(dict.fromkeys(words))

    def highlight_spans(self, text: str, query_text: str) -> list[tuple[int, int]]:
        """Character ranges of `text` the query matches: words, prefix and fuzzy terms, and each phrase as one range.

        Prefix, wildcard and fuzzy terms stand for the index's words they expand to (once per call).
        """
        try:
            parsed = self._parse(query_text)
        except QueryError:
            return []
        if not self.exists():
            return list(_TermMatcher(parsed).iter_spans(text))
        with self.searching() as searcher:
            return list(_TermMatcher(parsed, searcher.reader()).iter_spans(text))


class _ColumnSortCollector(collectors.Collector):
    """Whoosh's sort by a column with a limit, done in bulk: a segment's column is read once per
    reader (a list of its sort keys), and each segment's first `limit` matches are taken from
    `all_ids()` by `heapq` rather than by a call per match. Same keys, same order (ties by
    document number) as `searcher.search(..., sortedby=FieldFacet(column), limit=limit)`."""

    def __init__(self, column: str, limit: int) -> None:
        super().__init__()
        self.column = column
        self.limit = limit

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self.items: list[tuple[Any, int]] = []

    def collect_matches(self) -> None:
        keys = _column_keys(self.subsearcher.reader(), self.column)
        offset = self.offset
        ids = list(self.matcher.all_ids())
        self.docset.update(docnum + offset for docnum in ids)
        for docnum in heapq.nsmallest(self.limit, ids, key=keys.__getitem__):
            self.items.append((keys[docnum], docnum + offset))

    def results(self) -> Any:
        self.items.sort()
        return self._results(self.items[: self.limit], docset=self.docset)


def _column_keys(reader: Any, column: str) -> list[Any]:
    """The sort keys of a segment's column, one per document, kept on the (immutable) segment reader."""
    cached = reader.__dict__.setdefault("_quotedesk_sort_keys", {})
    keys = cached.get(column)
    if keys is None:
        column_reader = reader.column_reader(column, translate=False)
        keys = cached[column] = [column_reader.sort_key(docnum) for docnum in range(reader.doc_count_all())]
    return keys


def _scores(searcher: Any, query: wq.Query, docnums: list[int]) -> dict[int, float]:
    """Relevance scores of the hits of a search sorted by a column (which Whoosh does not score):
    the query's matcher skipped to each of those documents, segment by segment."""
    wanted = sorted(docnums)
    scores: dict[int, float] = {}
    # A union of matchers that skip rather than one preloading every match's score; but prefix,
    # wildcard and fuzzy terms score another way there than in a relevance search: those keep it.
    multiterm = any(isinstance(leaf, wq.MultiTerm) for leaf in query.leaves())
    context = searcher.context() if multiterm else searcher.context(needs_current=True)
    for subsearcher, offset in searcher.leaf_searchers():
        local = [docnum - offset for docnum in wanted if offset <= docnum < offset + subsearcher.doc_count_all()]
        if not local:
            continue
        matcher = query.matcher(subsearcher, context)
        for docnum in local:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                scores[docnum + offset] = matcher.score()
    return scores


def _folder_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _merge_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's merge of small segments, after dropping segments whose documents are all deleted;
    when most documents of the index are deleted ones, everything is merged into one segment.

    A deleted document stays in its segment until a merge: re-indexing every article once left a
    segment of 21,270 deleted documents that made opening a searcher twice as slow.
    """
    live = [segment for segment in segments if segment.doc_count() > 0]
    deleted = sum(segment.deleted_count() for segment in live)
    if deleted and deleted * 2 > sum(segment.doc_count_all() for segment in live):
        return whoosh_writing.OPTIMIZE(writer, live)
    return whoosh_writing.MERGE_SMALL(writer, live)


class _Remembering:
    """A prefix, wildcard or fuzzy query that keeps the index words it expanded to, per reader,
    so that snippets highlight what the search found without expanding it again."""

    def _btexts(self, ixreader: Any) -> list[Any]:
        memo = self.__dict__.setdefault("_expanded", {})
        found = memo.get(id(ixreader))
        if found is None or found[0] is not ixreader:
            found = memo[id(ixreader)] = (ixreader, list(super()._btexts(ixreader)))  # type: ignore[misc]
        return found[1]

    def expansions(self) -> list[Any] | None:
        """Every word expanded to so far (over all the readers searched); None before any search
        (an empty list is an expansion too: a field with no such word must not be expanded again)."""
        memo = self.__dict__.get("_expanded")
        if not memo:
            return None
        return [word for _, words in memo.values() for word in words]


class _RememberingFuzzy(_Remembering, wq.FuzzyTerm):
    pass


class _RememberingPrefix(_Remembering, wq.Prefix):
    pass


class _RememberingWildcard(_Remembering, wq.Wildcard):
    pass


_REMEMBERING = ((wq.FuzzyTerm, _RememberingFuzzy), (wq.Prefix, _RememberingPrefix), (wq.Wildcard, _RememberingWildcard))


def _remembering(parsed: wq.Query) -> wq.Query:
    """A copy of the query whose multi-word terms remember their expansions."""

    def swap(node: wq.Query) -> wq.Query:
        for plain, remembering in _REMEMBERING:
            if type(node) is plain:
                node = copy.copy(node)
                node.__class__ = remembering
                break
        return node

    return parsed.accept(swap)


# The tokens of the stemmed fields' analyzer (`StemmingAnalyzer`: Whoosh's word pattern, lower
# case, no stop words or one-letter words, Porter stems), worked out here without its chain of
# filters and with one stem cache for the process: snippets tokenised whole bodies per query.
_STEM_MINSIZE = 2


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return porter_stem(word)


class _Tokens:
    """The words of a text as the index's analyzers make them, read only as far as asked.

    `plain[i]`: (lower-case word, start, end, position among the stemmed tokens or -1), as the
    actor field's analyzer (no stop list) sees every word; `stemmed[j]`: (stem, start, end) of
    the words the stemmed fields keep, in order (a phrase's positions skip stop words).
    """

    def __init__(self, text: str) -> None:
        self._words = default_pattern.finditer(text)
        self.plain: list[tuple[str, int, int, int]] = []
        self.stemmed: list[tuple[str, int, int]] = []

    def _read(self) -> bool:
        match = next(self._words, None)
        if match is None:
            return False
        word = match.group().lower()
        start, end = match.span()
        position = -1
        if len(word) >= _STEM_MINSIZE and word not in STOP_WORDS:
            position = len(self.stemmed)
            self.stemmed.append((_stem(word), start, end))
        self.plain.append((word, start, end, position))
        return True

    def plain_at(self, number: int) -> tuple[str, int, int, int] | None:
        while number >= len(self.plain):
            if not self._read():
                return None
        return self.plain[number]

    def stemmed_at(self, number: int) -> tuple[str, int, int] | None:
        while number >= len(self.stemmed):
            if not self._read():
                return None
        return self.stemmed[number]


class _TermMatcher:
    """The query's searchable words and phrases, matched in a text the way the index matched them.

    Prefix, wildcard and fuzzy terms stand for the index words they expanded to (with `reader`:
    the words the search itself found, once per query), and a prefix or wildcard also for the
    words of the text it fits as written. A phrase matches as one span, from its first word to
    its last, never word by word.
    """

    def __init__(self, parsed: wq.Query, reader: Any = None) -> None:
        self.stems: set[str] = set()  # words as the stemmed fields (title, body, quote) hold them
        self.plain: set[str] = set()  # words as the actor field holds them (lower case)
        self.fuzzy: list[tuple[str, int]] = []  # fuzzy words to compare, only when there is no index
        self._fuzzy_seen: dict[str, bool] = {}
        patterns: list[str] = []  # prefixes and wildcards over words as written
        # (stemmed field?, its words as the index holds them, slop): one entry per phrase, whatever its fields.
        phrases: set[tuple[bool, tuple[str, ...], int]] = set()
        for term in _iter_terms(parsed, split_phrases=False):
            if term.fieldname not in ("title", "body", "quote", "actor"):
                continue
            if isinstance(term, wq.Phrase):
                words = tuple(word for word in term.words if isinstance(word, str))
                if len(words) > 1:
                    phrases.add((term.fieldname != "actor", words, max(1, term.slop)))
                    continue
                if not words:
                    continue
                term = wq.Term(term.fieldname, words[0])
            if not isinstance(term.text, str):
                continue
            words_of_field = self.plain if term.fieldname == "actor" else self.stems
            if isinstance(term, (wq.FuzzyTerm, wq.Prefix, wq.Wildcard)):
                if isinstance(term, wq.Prefix):
                    patterns.append(fnmatch.translate(term.text.lower() + "*"))
                elif isinstance(term, wq.Wildcard):
                    patterns.append(fnmatch.translate(term.text.lower()))
                expanded = _expand(term, reader)
                if expanded is not None:
                    words_of_field.update(expanded)
                elif isinstance(term, wq.FuzzyTerm):
                    self.fuzzy.append((term.text.lower(), term.maxdist))
            else:
                words_of_field.add(term.text.lower() if term.fieldname == "actor" else term.text)
        self.pattern = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self.stemmed_phrases = [(words, slop) for stemmed, words, slop in sorted(phrases) if stemmed]
        self.plain_phrases = [(words, slop) for stemmed, words, slop in sorted(phrases) if not stemmed]

    def spans(self, text: str) -> list[tuple[int, int]]:
        return list(self.iter_spans(text))

    def iter_spans(self, text: str, horizon: list[int] | None = None) -> Iterator[tuple[int, int]]:
        """The matched ranges of `text` in order, overlapping ones joined; the text is read only as
        far as the caller takes spans, and never past `horizon[0]` (which the caller may lower as
        it goes: a snippet stops reading at the end of its last fragment)."""
        if not self.stemmed_phrases and not self.plain_phrases:
            yield from self._iter_word_spans(text, horizon)
            return
        tokens = _Tokens(text)
        current: tuple[int, int] | None = None
        number = 0
        while (token := tokens.plain_at(number)) is not None:
            word, start, end, position = token
            if horizon is not None and start >= horizon[0]:
                break
            stop = -1
            if word in self.plain or (self.pattern is not None and self.pattern.match(word)):
                stop = end
            if position >= 0:
                stem = tokens.stemmed[position][0]
                if stem in self.stems or (self.fuzzy and self._near(stem)):
                    stop = max(stop, end)
                for words, slop in self.stemmed_phrases:
                    if stem == words[0]:
                        stop = max(stop, _phrase_end(tokens.stemmed_at, position, words, slop))
            for words, slop in self.plain_phrases:
                if word == words[0]:
                    stop = max(stop, _phrase_end(tokens.plain_at, number, words, slop))
            if stop >= 0:
                if current is not None and start < current[1]:
                    current = (current[0], max(current[1], stop))
                else:
                    if current is not None:
                        yield current
                    current = (start, stop)
            number += 1
        if current is not None:
            yield current

    def _iter_word_spans(self, text: str, horizon: list[int] | None) -> Iterator[tuple[int, int]]:
        """`iter_spans` for a query without phrases: word by word, keeping no tokens (no phrase
        needs their positions); the same words as `_Tokens` makes, the same spans."""
        plain, stems, pattern = self.plain, self.stems, self.pattern
        current: tuple[int, int] | None = None
        for match in default_pattern.finditer(text):
            start, end = match.span()
            if horizon is not None and start >= horizon[0]:
                break
            word = match.group().lower()
            if not (word in plain or (pattern is not None and pattern.match(word))):
                if len(word) < _STEM_MINSIZE or word in STOP_WORDS:
                    continue
                stem = _stem(word)
                if not (stem in stems or (self.fuzzy and self._near(stem))):
                    continue
            if current is not None and start < current[1]:
                current = (current[0], max(current[1], end))
            else:
                if current is not None:
                    yield current
                current = (start, end)
        if current is not None:
            yield current

    def _near(self, stem: str) -> bool:
        """Within a fuzzy word's distance (without an index to expand against; once per distinct word)."""
        near = self._fuzzy_seen.get(stem)
        if near is None:
            near = self._fuzzy_seen[stem] = any(_within(stem, word, distance) for word, distance in self.fuzzy)
        return near


def _expand(term: wq.Query, reader: Any) -> set[str] | None:
    """The index's words a prefix, wildcard or fuzzy term stands for (None without an index)."""
    if reader is None:
        return None
    found = term.expansions() if isinstance(term, _Remembering) else None
    if found is None:
        found = list(term._btexts(reader))
    return {word.decode("utf-8") if isinstance(word, bytes) else word for word in found}


def _phrase_end(token_at: Callable[[int], Any], first: int, words: tuple[str, ...], slop: int) -> int:
    """Where the phrase starting at token `first` ends: each next word within `slop` positions of the
    one before, in order; -1 when it does not stand there."""
    position = first
    for wanted in words[1:]:
        for candidate in range(position + 1, position + slop + 1):
            token = token_at(candidate)
            if token is None:
                return -1
            if token[0] == wanted:
                position = candidate
                break
        else:
            return -1
    token = token_at(position)
    return token[2] if token is not None else -1


def make_snippet(
    body: str,
    spans: Iterable[tuple[int, int]],
    *,
    width: int = 220,
    before: int = 60,
    fragments: int = 2,
    horizon: list[int] | None = None,
) -> tuple[str, list[tuple[int, int]]]:
    """Up to `fragments` windows of `body` around its first matches, joined by " … ", with the
    matched ranges re-based onto the snippet. Newlines become spaces (one for one).

    `spans` (in order) is read only as far as the windows need; with `horizon`, the list the
    spans' reader stops at (see `_TermMatcher.iter_spans`), the last window's end is set in it."""
    matches = iter(spans)
    following = next(matches, None)
    if following is None:
        lead = _lead(body)
        return lead.replace("\n", " "), []
    pieces: list[str] = []
    snippet_spans: list[tuple[int, int]] = []
    length = 0
    end = 0
    while following is not None and len(pieces) < fragments:
        start = _word_start(body, max(0, following[0] - before))
        end = _word_end(body, min(len(body), start + width))
        if horizon is not None and len(pieces) == fragments - 1:
            horizon[0] = end  # the last window: no match after it is needed
        prefix = "… " if start > 0 and not pieces else ""
        separator = " … " if pieces else ""
        shift = length + len(separator) + len(prefix) - start  # body offset -> snippet offset
        pieces.append(separator + prefix + body[start:end])
        while following is not None and following[1] <= end:
            snippet_spans.append((following[0] + shift, following[1] + shift))
            following = next(matches, None)
        while following is not None and following[0] < end:  # a match cut by the window's end
            following = next(matches, None)
        length += len(pieces[-1])
    text = "".join(pieces)
    if end < len(body):
        text += " …"
    return text.replace("\n", " "), snippet_spans


def _word_start(text: str, position: int) -> int:
    if position <= 0:
        return 0
    space = text.rfind(" ", 0, position)
    return space + 1 if space >= 0 and position - space < 20 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.find(" ", position)
    return space if space >= 0 and space - position < 20 else position


def _commit(writer: Any, **options: Any) -> None:
    """Commit a Whoosh writer; one whose commit fails (a full disk) still lets go of the index's
    write lock, which Whoosh's commit keeps when it raises, so the next writer is not refused."""
    try:
        writer.commit(**options)
    except BaseException:
        try:
            writer.cancel()
        except Exception:  # noqa: BLE001 - the commit's own error is the one to report
            if getattr(writer, "writelock", None) is not None:
                writer.writelock.release()
        raise


def _iter_terms(parsed: wq.Query, *, split_phrases: bool = True) -> Iterable[wq.Query]:
    """The query's word, prefix, wildcard and fuzzy terms (not those under NOT); a phrase as its
    words, or with `split_phrases` False as itself."""
    if isinstance(parsed, (wq.Term, wq.Prefix, wq.Wildcard, wq.FuzzyTerm)):
        yield parsed
    elif isinstance(parsed, wq.Phrase):
        if not split_phrases:
            yield parsed
            return
        for word in parsed.words:
            yield wq.Term(parsed.fieldname, word)
    elif isinstance(parsed, wq.Not):
        return
    for child in parsed.children():
        yield from _iter_terms(child, split_phrases=split_phrases)


def _within(stem: str, word: str, distance: int) -> bool:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(stem, word, score_cutoff=distance) <= distance


def _has_null(parsed: wq.Query) -> bool:
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        return True
    return any(_has_null(child) for child in parsed.children())


def _check_balanced(text: str) -> None:
    depth = 0
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes and char == "(":
            depth += 1
        elif not in_quotes and char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("A “)” closes nothing: remove it or add the “(” it belongs to.")
    if in_quotes:
        raise QueryError('A phrase is not closed: end it with another ".')
    if depth > 0:
        raise QueryError("A “(” is never closed: add the “)” that ends the group.")


def _check_fields(text: str) -> None:
    """Every `name:` outside a phrase names a field and has something after it."""
    known = set(USER_FIELDS) | {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    unquoted = re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 1), text)  # phrases say nothing of fields
    for match in FIELD_PREFIX.finditer(unquoted):
        name, following = match.group(1), match.group(2)
        if name.lower() not in known:
            raise QueryError(
                f"“{name}:” is not a field: use title:, source:, actor:, quote:, category: or date:, "
                f"or put the words in quotes to search for them as written."
            )
        if not following:
            raise QueryError(f"“{name}:” needs something to look for right after it, like {name.lower()}:kirby.")


# What one query may cost. A query beyond these is refused with one sentence: a 40,000-letter word
# took over a minute to stem, thousands of terms or fuzzy terms and a lone * minutes to search.
MAX_QUERY_CHARS = 1_000
MAX_WORD_CHARS = 100
MAX_QUERY_WORDS = 60
MAX_NESTING = 20
MAX_FUZZY_TERMS = 6  # words with ~ (each is compared with every word of the index)
MAX_FUZZY_DISTANCE = 2
MAX_PATTERN_TERMS = 6  # words with * or ?
MIN_PATTERN_PREFIX = 2  # letters before the first * or ?

_NESTING_HELP = f"The query nests parentheses too deeply (more than {MAX_NESTING} levels): remove some."


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_query_size(text: str) -> None:
    """Refuse, before parsing, a query too long, with too many words, too long a word or too deep a nesting."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}: search for fewer words."
        )
    words = re.findall(r"[^\s()]+", text)
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError(f"The query has {len(words):,} words; the limit is {MAX_QUERY_WORDS}: search for fewer words.")
    longest = max(words, key=len, default="")
    if len(longest) > MAX_WORD_CHARS:
        raise QueryError(
            f"“{_shown(longest)}” is {len(longest):,} characters long, longer than any word "
            f"(the limit is {MAX_WORD_CHARS}): shorten it."
        )
    for word, distance in re.findall(r'(?<!")\b(\w+)~(\d+)', re.sub(r'"[^"]*"', " ", text)):
        if int(distance) > MAX_FUZZY_DISTANCE:
            raise QueryError(
                f"“{_shown(word)}~{distance}” allows too many differences: "
                f"use ~1 or ~{MAX_FUZZY_DISTANCE} (word~ is ~1)."
            )
    depth = deepest = 0
    for char in re.sub(r'"[^"]*"', "", text):
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise QueryError(_NESTING_HELP)


def check_query_cost(parsed: wq.Query) -> None:
    """Refuse a parsed query whose fuzzy or prefix terms would each scan much of the index: too many
    of them, a fuzzy distance over MAX_FUZZY_DISTANCE, a pattern with too few letters before its * or ?."""
    fuzzy: set[str] = set()
    patterns: set[str] = set()
    for term in _all_terms(parsed):
        if isinstance(term, wq.Every):
            raise QueryError("A lone * would match every article: put two letters or more before it, like kirb*.")
        if isinstance(term, wq.FuzzyTerm):
            if term.maxdist > MAX_FUZZY_DISTANCE:
                raise QueryError(
                    f"“{term.text}~{term.maxdist}” allows too many differences: "
                    f"use ~1 or ~{MAX_FUZZY_DISTANCE} (word~ is ~1)."
                )
            fuzzy.add(term.text)
        elif isinstance(term, (wq.Prefix, wq.Wildcard)):
            text = str(term.text)
            letters = len(re.split(r"[*?]", text, maxsplit=1)[0])
            if letters < MIN_PATTERN_PREFIX:
                shown = text + ("*" if isinstance(term, wq.Prefix) else "")
                raise QueryError(
                    f"“{_shown(shown)}” has too few letters before its * or ? to search for: "
                    f"put {MIN_PATTERN_PREFIX} or more first, like kirb*."
                )
            patterns.add(text)
    if len(fuzzy) > MAX_FUZZY_TERMS:
        raise QueryError(f"The query has {len(fuzzy)} words with ~; the limit is {MAX_FUZZY_TERMS}: use fewer.")
    if len(patterns) > MAX_PATTERN_TERMS:
        raise QueryError(
            f"The query has {len(patterns)} words with * or ?; the limit is {MAX_PATTERN_TERMS}: use fewer."
        )


def _all_terms(parsed: wq.Query) -> Iterable[wq.Query]:
    """Every leaf of a query, under NOT too (a NOT's terms cost as much to look up)."""
    stack = [parsed]
    while stack:
        query = stack.pop()
        children = list(query.children())
        if children:
            stack.extend(children)
        else:
            yield query


# A date as quotedesk reads it in date: queries: a year, a month or a day, checked for real.
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DATE_QUERY = re.compile(r"\b(?:date|published):\s*(?:([\[{])([^\]}]*)[\]}]?|([<>]=?)?\s*(\S*))", re.IGNORECASE)


def _check_dates(text: str) -> None:
    """Each date a date: query names is a real one ("2022-13-01" is not, though Whoosh's date
    parser takes its year); an open end of a range is left empty, never *."""
    for match in _DATE_QUERY.finditer(text):
        bracket, inside, _comparison, single = match.groups()
        values = re.split(r"\s+TO\s+|\s+TO$|^TO\s+", inside.strip(), flags=re.IGNORECASE) if bracket else [single]
        for value in (v.strip().strip(")") for v in values):
            if value == "*":
                raise QueryError(
                    "A date range leaves an open end empty, not *: write date:[2022-01-01 TO] or date:[TO 2022-06-30]."
                )
            found = _DATE_VALUE.match(value)
            if not found:
                continue  # words ("yesterday") go to the date parser
            year, month, day = (int(part) if part else None for part in found.groups())
            try:
                dt.date(year or 1, month or 1, day or 1)
            except ValueError:
                raise QueryError(
                    f"“{value}” is not a date: months run from 01 to 12 and days to the month's last "
                    "(write date:2022, date:2022-07-04 or date:[2022-01-01 TO 2022-06-30])."
                ) from None


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")


def _compact_dates(text: str) -> str:
    """The dates of date: queries as YYYYMMDD (or YYYYMM): inside a range or after < or >, Whoosh's
    date parser reads "2004-03-01" as the year 2004 alone, so date:[2004-03-01 TO 2004-03-31] found
    the whole year and date:>2004-06-30 everything from January."""

    def compact(date: re.Match[str]) -> str:
        year, month, day = date.groups()
        return f"{year}{int(month):02d}" + (f"{int(day):02d}" if day else "")

    return _DATE_QUERY.sub(lambda query: _ISO_DATE.sub(compact, query.group(0)), text)


def _operator_help(text: str) -> str:
    """The sentence for a query Whoosh's parser cannot read: operators with nothing to act on."""
    if re.search(r"[<>]", text):
        return (
            f"“{_shown(text)}” has a < or > with nothing to compare: write date:>2022-01-01 or date:<2022-06-30, "
            "or put the words in quotes to search for them as written."
        )
    return (
        f"“{_shown(text)}” has an AND, OR or NOT with nothing to join: put words on both sides of AND and OR "
        "and after NOT, or put the words in quotes to search for them as written."
    )


def _date_help(text: str) -> str:
    return (
        f"The date in “{text}” is not one quotedesk understands: write date:2022, date:2022-07-04 "
        "or date:[2022-01-01 TO 2022-06-30]."
    )


def _lead(body: str, length: int = 200) -> str:
    first = body.split("\n\n", 1)[0]
    return first if len(first) <= length else first[:length].rsplit(" ", 1)[0] + " …"
