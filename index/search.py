"""The Whoosh full-text index: derived from the store, rebuildable, searched with a query language."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import fields, qparser  # Whoosh ships no type hints (see [tool.mypy])
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.qparser.dateparse import DateParserPlugin

from index.model import SearchHit

INDEX_DIR = "index"
# Bump when the schema or what goes into a document changes: libraries rebuild their index.
INDEX_VERSION = "2"
# Fields a bare word searches; `field:value` reaches the others.
DEFAULT_FIELDS = ("title", "body", "quote")
# What users may type before a colon, mapped to the schema's names.
FIELD_ALIASES = {"source": ["outlet", "site"], "actor": ["speaker", "who"], "date": ["published"]}
SORTS = ("score", "date")
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
        date=fields.DATETIME(stored=True, sortable=True),
        category=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        actor=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),
        quote=fields.TEXT(analyzer=_stemming()),
        path=fields.ID(stored=True),
        datestr=fields.STORED(),
    )


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
    """One Whoosh index folder inside the library folder."""

    def __init__(self, library_root: Path) -> None:
        self.path = library_root / INDEX_DIR
        self.schema = make_schema()
        self._whoosh: whoosh_index.Index | None = None

    # --- opening and writing ------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.is_dir() and whoosh_index.exists_in(str(self.path))

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
        """Drop the open index, so that the next use reads the folder afresh (after damage or a rebuild)."""
        self._whoosh = None

    def doc_ids(self) -> set[str]:
        with self.open().searcher() as searcher:
            return {fields["id"] for fields in searcher.all_stored_fields()}

    def update(self, documents: Iterable[IndexDocument], delete: Iterable[str] = ()) -> int:
        """Add or replace documents and delete others in one commit: all or nothing."""
        writer = self.open().writer(timeout=30)
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
        writer.commit()
        return count

    def session(self) -> IndexSession:
        return IndexSession(self)

    def rebuild(self, documents: Iterable[IndexDocument], progress: Callable[[int], None] | None = None) -> int:
        """Write a whole new index beside the old one, then swap it in."""
        fresh = self.path.with_name(INDEX_DIR + ".new")
        if fresh.exists():
            shutil.rmtree(fresh)
        fresh.mkdir(parents=True)
        fresh_index = whoosh_index.create_in(str(fresh), self.schema)
        writer = fresh_index.writer(limitmb=128)
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
        writer.commit()
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
            parsed = self.parser().parse(stripped)
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

    def search(
        self,
        text: str,
        *,
        limit: int | None = 50,
        sort: str = "score",
        body_of: Callable[[str], str] | None = None,
    ) -> tuple[list[SearchHit], int, str]:
        """Hits (with snippets when `body_of` gives bodies), the total count, and a suggestion."""
        if sort not in SORTS:
            raise QueryError(f"Unknown sort “{sort}”: use one of {', '.join(SORTS)}.")
        parsed = self.parse(text)
        with self.open().searcher() as searcher:
            if sort == "date":
                results = searcher.search(parsed, limit=None)
                ordered = sorted(results, key=lambda hit: (hit.get("datestr") or "", hit.score), reverse=True)
                total = len(results)
                chosen = ordered if limit is None else ordered[:limit]
            else:
                results = searcher.search(parsed, limit=limit)
                total = len(results)
                chosen = list(results)
            matcher = _TermMatcher(parsed)
            hits = []
            for hit in chosen:
                snippet = ""
                spans: list[tuple[int, int]] = []
                if body_of is not None:
                    body = body_of(hit["id"])
                    snippet, spans = make_snippet(body, matcher.spans(body))
                hits.append(
                    SearchHit(
                        article_id=hit["id"],
                        title=hit.get("title", ""),
                        outlet=hit.get("source", ""),
                        date=hit.get("datestr", "") or "",
                        path=hit.get("path", ""),
                        score=round(hit.score, 4),
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
            parsed = self.parse(text)
        except QueryError:
            return []
        words = []
        for term in _iter_terms(parsed):
            if term.fieldname in ("title", "body", "quote", "actor") and isinstance(term.text, str):
                words.append(term.text)
        return list(dict.fromkeys(words))

    def highlight_spans(self, text: str, query_text: str) -> list[tuple[int, int]]:
        """Character ranges of `text` the query matches: words, prefix and fuzzy terms, and each phrase as one range."""
        try:
            parsed = self.parse(query_text)
        except QueryError:
            return []
        return _TermMatcher(parsed).spans(text)


class _TermMatcher:
    """The query's searchable words and phrases, matched in a text the way the index matched them.

    A phrase matches as one span, from its first word to its last, never word by word.
    """

    def __init__(self, parsed: wq.Query) -> None:
        self.stemmed_exact: set[str] = set()
        self.stemmed_patterns: list[str] = []
        self.plain: set[str] = set()
        self.fuzzy: list[tuple[str, int]] = []
        # (stemmed field?, its words as the index holds them, slop): one entry per phrase, whatever its fields.
        self.phrases: set[tuple[bool, tuple[str, ...], int]] = set()
        for term in _iter_terms(parsed, split_phrases=False):
            if term.fieldname not in ("title", "body", "quote", "actor"):
                continue
            if isinstance(term, wq.Phrase):
                words = tuple(word for word in term.words if isinstance(word, str))
                if len(words) > 1:
                    self.phrases.add((term.fieldname != "actor", words, max(1, term.slop)))
                    continue
                if not words:
                    continue
                term = wq.Term(term.fieldname, words[0])
            if not isinstance(term.text, str):
                continue
            if isinstance(term, wq.FuzzyTerm):
                self.fuzzy.append((term.text.lower(), term.maxdist))
            elif isinstance(term, (wq.Prefix, wq.Wildcard)):
                self.stemmed_patterns.append(term.text.lower() + ("*" if isinstance(term, wq.Prefix) else ""))
            elif term.fieldname == "actor":
                self.plain.add(term.text.lower())
            else:
                self.stemmed_exact.add(term.text)

    def spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for token in _stemming()(text, chars=True, removestops=False, mode="index"):
            stem = token.text
            if stem in self.stemmed_exact or any(_within(stem, word, dist) for word, dist in self.fuzzy):
                spans.append((token.startchar, token.endchar))
        if self.stemmed_patterns or self.plain:
            for match in re.finditer(r"\w+", text):
                word = match.group().lower()
                if word in self.plain or any(fnmatch.fnmatchcase(word, p) for p in self.stemmed_patterns):
                    spans.append(match.span())
        if self.phrases:
            tokens = {stemmed: _tokens(text, stemmed) for stemmed in {stemmed for stemmed, _, _ in self.phrases}}
            for stemmed, words, slop in self.phrases:
                spans.extend(_phrase_spans(tokens[stemmed], words, slop))
        return _merge_spans(spans)


def _tokens(text: str, stemmed: bool) -> list[tuple[str, int, int]]:
    """(word as indexed, start, end) of each token a field's analyzer keeps, in order (stop words
    left out, as the index leaves them out of a phrase's positions)."""
    analyzer = _stemming() if stemmed else StandardAnalyzer(stoplist=None)
    # The analyzer reuses one token object: copy what each token says before the next.
    return [(token.text, token.startchar, token.endchar) for token in analyzer(text, chars=True, mode="index")]


def _phrase_spans(tokens: list[tuple[str, int, int]], words: tuple[str, ...], slop: int) -> list[tuple[int, int]]:
    """Each place the phrase's words stand in order, each within `slop` positions of the one before."""
    spans = []
    for first, (word, start, _end) in enumerate(tokens):
        if word != words[0]:
            continue
        position, end = first, -1
        for wanted in words[1:]:
            following = next(
                (p for p in range(position + 1, min(len(tokens), position + slop + 1)) if tokens[p][0] == wanted),
                None,
            )
            if following is None:
                break
            position = following
        else:
            end = tokens[position][2]
        if end >= 0:
            spans.append((start, end))
    return spans


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping ones joined (a word of a phrase inside that phrase's span is one hit)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def make_snippet(
    body: str, spans: list[tuple[int, int]], *, width: int = 220, before: int = 60, fragments: int = 2
) -> tuple[str, list[tuple[int, int]]]:
    """Up to `fragments` windows of `body` around its first matches, joined by " … ", with the
    matched ranges re-based onto the snippet. Newlines become spaces (one for one)."""
    if not spans:
        lead = _lead(body)
        return lead.replace("\n", " "), []
    pieces: list[str] = []
    snippet_spans: list[tuple[int, int]] = []
    length = 0
    next_span = 0  # the first span not yet placed in a window
    while next_span < len(spans) and len(pieces) < fragments:
        start = _word_start(body, max(0, spans[next_span][0] - before))
        end = _word_end(body, min(len(body), start + width))
        prefix = "… " if start > 0 and not pieces else ""
        separator = " … " if pieces else ""
        shift = length + len(separator) + len(prefix) - start  # body offset -> snippet offset
        pieces.append(separator + prefix + body[start:end])
        while next_span < len(spans) and spans[next_span][1] <= end:
            snippet_spans.append((spans[next_span][0] + shift, spans[next_span][1] + shift))
            next_span += 1
        while next_span < len(spans) and spans[next_span][0] < end:  # a match cut by the window's end
            next_span += 1
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


class IndexSession:
    """One index writer held across a whole ingest run: one commit instead of one per batch.

    Whoosh writes and merges a segment at every commit, which made per-batch commits
    five times slower than the indexing itself. Nothing is visible to searches until
    `commit`; the store marks what was committed, so a killed run is finished later.
    """

    def __init__(self, search_index: SearchIndex) -> None:
        self.search_index = search_index
        self.writer: Any = None  # a Whoosh writer while the session has documents to commit
        self.ids: list[str] = []

    def add(self, documents: Iterable[IndexDocument], delete: Iterable[str] = ()) -> None:
        if self.writer is None:
            self.writer = self.search_index.open().writer(timeout=30, limitmb=256)
        for article_id in delete:
            self.writer.delete_by_term("id", article_id)
        for document in documents:
            self.writer.update_document(**document.fields())
            self.ids.append(document.id)

    def commit(self) -> list[str]:
        """Make the session's documents searchable; returns their ids."""
        if self.writer is not None:
            self.writer.commit()
            self.writer = None
        ids, self.ids = self.ids, []
        return ids


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
