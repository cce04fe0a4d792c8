"""Articles to Enrichments (their actors and quotes), in this process or in worker processes.

A run's articles stream through one pipeline: with jobs=1 through one `nlp.pipe` here, with
jobs=N through N worker processes started once per run, each loading the pipeline itself and
doing the whole analysis (parse, actors, quotes). Workers are started with "spawn", not spaCy's
own `n_process` (which forks with whatever start method is the default): a forked worker would
inherit the library's writer-lock descriptor and outlive a killed run holding it, and spaCy's
workers return parsed Docs that the parent must still deserialise and analyse on its one core.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from index.model import PARAGRAPH_SEPARATOR, Article, Enrichment, LocalActor, RawQuote, paragraph_starts

# spaCy's Language and Doc: not imported here, so that only the analysis modules import spaCy.
Language = Any
Doc = Any

# Articles per task sent to a worker: large enough that pickling and queueing stay small next to
# parsing (~0.2 s an article), small enough that the workers finish together at the end of a run.
CHUNK_SIZE = 8
# Tasks queued per worker beyond the one it is working on: a worker never waits for the parent.
QUEUED_PER_WORKER = 1
PARENT_CHECK_S = 1.0
PIPE_BATCH = 16  # texts per nlp.pipe batch
# Characters per batch: spaCy's memory grows with the tokens of a batch (about 17 KB a token with
# the small English model), so 100,000 characters cost some 350 MB whatever the article.
PIPE_CHARS = 100_000
PIPE_PARAGRAPHS = 1_600
# A long article is analysed in parts of at most this many characters and paragraphs, cut between
# paragraphs: spaCy refuses a text over 1,000,000 characters, and one text is parsed at once (a
# file of 100,000 tiny paragraphs took 4.8 GB). Nearly every news article is one part, and its
# analysis is the same as without parts.
PART_CHARS = 50_000
PART_PARAGRAPHS = 400


@dataclass
class AnalysisFailure:
    """An article the analysis could not handle, and why in a few words: it is skipped, alone."""

    article_id: str
    reason: str


Analysis = Enrichment | AnalysisFailure

T = TypeVar("T")
Work = tuple[str, list[str]]  # (article id, paragraphs): all the analysis needs of an article


def enrich(articles: Iterable[Article], *, jobs: int = 1, ray: str | None = None) -> Generator[Analysis, None, None]:
    """Analyse articles, yielding one Enrichment (or AnalysisFailure) per article in their order.

    `articles` is read lazily, so a caller can read and clean files while earlier articles are
    being analysed. Closing the iterator early (an interrupted run) stops the workers.

    `ray` runs the analysis on a Ray cluster instead (index/cluster.py, the `cluster` extra):
    "" on a local cluster started for the run, else on the cluster at that address; `jobs` is
    then the cluster's (one worker per CPU). None: no Ray, and Ray is never imported.
    """
    work = ((article.id, list(article.paragraphs)) for article in articles)
    if ray is not None:
        from index.cluster import enrich_on_cluster

        return enrich_on_cluster(work, ray)
    if jobs <= 1:
        return _enrich_here(work)
    return _enrich_in_workers(work, jobs)


def _enrich_here(work: Iterable[Work]) -> Generator[Analysis, None, None]:
    """Each article's Enrichment, or its AnalysisFailure: one article's failure (a text spaCy
    refuses, an error in the analysis) is that article's alone and never ends the stream."""
    from index.nlp import load_pipeline

    pipeline = load_pipeline()
    pending: list[tuple[str, list[str], list[Part]]] = []  # articles whose parts are not all parsed
    results: dict[tuple[str, int], Doc | Exception] = {}
    for group in _batches(_parts_of(work, pending)):
        results.update(_parse(pipeline.nlp, group))
        while pending and all((pending[0][0], part.number) in results for part in pending[0][2]):
            article_id, paragraphs, parts = pending.pop(0)
            docs = [results.pop((article_id, part.number)) for part in parts]
            yield _analyse(article_id, paragraphs, parts, docs)


def _parts_of(work: Iterable[Work], pending: list[tuple[str, list[str], list[Part]]]) -> Iterator[tuple[Part, str]]:
    """Each article's parts with its article id, noting the article in `pending`."""
    for article_id, paragraphs in work:
        parts = split_parts(paragraphs)
        pending.append((article_id, paragraphs, parts))
        for part in parts:
            yield part, article_id


def _batches(parts: Iterable[tuple[Part, str]]) -> Iterator[list[tuple[str, tuple[str, int]]]]:
    """Parts as (text, (article id, part number)) in batches of PIPE_BATCH, cut sooner when a batch
    would pass PIPE_CHARS characters or PIPE_PARAGRAPHS paragraphs: spaCy holds a whole batch's
    activations at once, so memory follows a batch's tokens (tiny paragraphs have many)."""
    batch: list[tuple[str, tuple[str, int]]] = []
    chars = paragraphs = 0
    for part, article_id in parts:
        if batch and (
            len(batch) >= PIPE_BATCH
            or chars + len(part.text) > PIPE_CHARS
            or paragraphs + len(part.paragraphs) > PIPE_PARAGRAPHS
        ):
            yield batch
            batch, chars, paragraphs = [], 0, 0
        batch.append((part.text, (article_id, part.number)))
        chars += len(part.text)
        paragraphs += len(part.paragraphs)
    if batch:
        yield batch


def _parse(nlp: Language, group: list[tuple[str, tuple[str, int]]]) -> list[tuple[tuple[str, int], Doc | Exception]]:
    """Parse a batch of texts in one `nlp.pipe`; when that fails, each text alone, so that only
    the text at fault gets its exception."""
    try:
        return [(key, doc) for doc, key in nlp.pipe(group, as_tuples=True, batch_size=PIPE_BATCH)]
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception:  # noqa: BLE001 - found out text by text below
        pass
    parsed: list[tuple[tuple[str, int], Doc | Exception]] = []
    for text, key in group:
        try:
            parsed.append((key, nlp(text)))
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - this text's failure is reported as its article's
            parsed.append((key, error))
    return parsed


def _analyse(article_id: str, paragraphs: list[str], parts: list[Part], docs: list[Doc | Exception]) -> Analysis:
    from index.actors import attach_speakers, local_actors
    from index.quotes import extract_quotes

    try:
        enrichments = []
        for part, doc in zip(parts, docs, strict=True):
            if isinstance(doc, Exception):
                raise doc
            actors = local_actors(doc)
            quotes = extract_quotes(doc, paragraph_starts(part.paragraphs))
            attach_speakers(quotes, actors, doc.text)
            enrichments.append(Enrichment(article_id, actors, quotes))
        if len(parts) == 1 and parts[0].offset == 0:
            return enrichments[0]
        return join_parts(article_id, parts, enrichments)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - one article's failure is that article's alone
        return AnalysisFailure(article_id, f"its analysis failed ({type(error).__name__}: {_first_line(error)})")


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else "no message"


@dataclass
class Part:
    """A stretch of an article's body analysed as one text: whole paragraphs, or a piece of one
    paragraph too long for a part. Its text is `body[offset:offset + len(text)]`."""

    number: int
    text: str
    offset: int  # where it starts in the body
    first_paragraph: int  # the number of the body paragraph it starts in
    paragraphs: list[str]  # its own paragraphs (one piece, for a piece of a paragraph)
    whole: bool = True  # False for a piece of a paragraph


def split_parts(paragraphs: list[str], limit: int | None = None) -> list[Part]:
    """An article's body in parts of at most `limit` characters (PART_CHARS) and PART_PARAGRAPHS
    paragraphs, cut between paragraphs; a paragraph longer than a part is cut at a sentence end
    or a space. An article within the limits is one part: its analysis is unchanged."""
    limit = limit or PART_CHARS
    parts: list[Part] = []
    run: list[str] = []
    run_start = run_first = 0
    offset = 0

    def close_run() -> None:
        if run:
            parts.append(Part(len(parts), PARAGRAPH_SEPARATOR.join(run), run_start, run_first, list(run)))
            run.clear()

    for number, paragraph in enumerate(paragraphs):
        if len(paragraph) > limit:
            close_run()
            for start, piece in _pieces(paragraph, limit):
                parts.append(Part(len(parts), piece, offset + start, number, [piece], whole=False))
        else:
            length = sum(len(p) for p in run) + len(PARAGRAPH_SEPARATOR) * len(run) + len(paragraph)
            if run and (length > limit or len(run) >= PART_PARAGRAPHS):
                close_run()
            if not run:
                run_start, run_first = offset, number
            run.append(paragraph)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    close_run()
    return parts or [Part(0, "", 0, 0, [])]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def _pieces(paragraph: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a paragraph cut into pieces of at most `limit` characters, each cut after
    the last sentence end in the second half of a piece, else after the last space, else anywhere."""
    start = 0
    while len(paragraph) - start > limit:
        window = paragraph[start : start + limit]
        cut = 0
        for match in _SENTENCE_END.finditer(window, limit // 2):
            cut = match.end()
        if not cut:
            cut = window.rfind(" ", limit // 2) + 1
        if cut <= 0:
            cut = limit
        yield start, paragraph[start : start + cut]
        start += cut
    yield start, paragraph[start:]


def join_parts(article_id: str, parts: Sequence[Part], enrichments: Sequence[Enrichment]) -> Enrichment:
    """One article's Enrichment from its parts': offsets moved to the body, paragraph numbers to the
    body's, and the local actors of one name and kind in several parts made one."""
    actors: list[LocalActor] = []
    by_name: dict[tuple[str, str], LocalActor] = {}
    quotes: list[RawQuote] = []
    for part, enrichment in zip(parts, enrichments, strict=True):
        keys: dict[int, int] = {}
        for actor in enrichment.actors:
            mentions = [(start + part.offset, end + part.offset) for start, end in actor.mentions]
            joined = by_name.get((actor.name, actor.kind))
            if joined is None:
                joined = LocalActor(len(actors), actor.name, actor.kind, [], [], [])
                by_name[(actor.name, actor.kind)] = joined
                actors.append(joined)
            joined.variants.extend(v for v in actor.variants if v not in joined.variants)
            joined.roles.extend(r for r in actor.roles if r not in joined.roles)
            joined.mentions.extend(mentions)
            keys[actor.key] = joined.key
        for quote in enrichment.quotes:
            quote.start += part.offset
            quote.end += part.offset
            if quote.speaker_start >= 0:
                quote.speaker_start += part.offset
                quote.speaker_end += part.offset
            quote.paragraph = part.first_paragraph + (quote.paragraph if part.whole else 0)
            if quote.speaker_key is not None:
                quote.speaker_key = keys.get(quote.speaker_key)
            quotes.append(quote)
    for actor in actors:
        actor.mentions.sort()
    return Enrichment(article_id, actors, quotes)


def _enrich_in_workers(work: Iterable[Work], jobs: int) -> Generator[Analysis, None, None]:
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    in_flight: deque[Future[list[Analysis]]] = deque()
    try:
        for chunk in chunks(work, CHUNK_SIZE):
            in_flight.append(executor.submit(enrich_chunk, chunk))
            if len(in_flight) >= jobs * (1 + QUEUED_PER_WORKER):
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    finally:
        # Interrupted or failed: drop queued work, let running chunks end, and reap the workers.
        executor.shutdown(wait=True, cancel_futures=True)


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), taken lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _start_worker(parent_pid: int) -> None:
    """Ctrl-C is the parent's to handle (it stops the pool); a worker dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def exit_when_orphaned() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=exit_when_orphaned, name="quotedesk-parent-watch", daemon=True).start()


@functools.cache
def code_version() -> str:
    """A digest of the quotedesk code and data this process analyses with (every file of the
    `index` package, read once, on the first call). A worker process imports the package when it
    starts, from whatever is installed then and there: a run's workers started after its files
    changed (an upgrade, an edit) or on a node with another version would analyse some articles
    differently from the rest of the library, silently. A run compares its workers' with its own."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode("utf-8", "surrogatepass") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def enrich_chunk(chunk: Sequence[Work]) -> list[Analysis]:
    """A chunk of articles analysed in this process (a worker process's task, a cluster actor's call)."""
    return list(_enrich_here(chunk))
