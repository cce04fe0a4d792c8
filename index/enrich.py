"""Articles to Enrichments (their actors and quotes), in this process or in worker processes.

A run's articles stream through one pipeline: with jobs=1 through one `nlp.pipe` here, with
jobs=N through N worker processes started once per run, each loading the pipeline itself and
doing the whole analysis (parse, actors, quotes). Workers are started with "spawn", not spaCy's
own `n_process` (which forks with whatever start method is the default): a forked worker would
inherit the library's writer-lock descriptor and outlive a killed run holding it, and spaCy's
workers return parsed Docs that the parent must still deserialise and analyse on its one core.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from index.model import PARAGRAPH_SEPARATOR, Article, Enrichment, paragraph_starts

# Articles per task sent to a worker: large enough that pickling and queueing stay small next to
# parsing (~0.2 s an article), small enough that the workers finish together at the end of a run.
CHUNK_SIZE = 8
# Tasks queued per worker beyond the one it is working on: a worker never waits for the parent.
QUEUED_PER_WORKER = 1
PARENT_CHECK_S = 1.0

T = TypeVar("T")
_Work = tuple[str, list[str]]  # (article id, paragraphs): all the analysis needs of an article


def enrich(articles: Iterable[Article], *, jobs: int = 1) -> Generator[Enrichment, None, None]:
    """Analyse articles, yielding one Enrichment per article in their order.

    `articles` is read lazily, so a caller can read and clean files while earlier articles are
    being analysed. Closing the iterator early (an interrupted run) stops the workers.
    """
    work = ((article.id, list(article.paragraphs)) for article in articles)
    if jobs <= 1:
        return _enrich_here(work)
    return _enrich_in_workers(work, jobs)


def _enrich_here(work: Iterable[_Work]) -> Generator[Enrichment, None, None]:
    from index.actors import attach_speakers, local_actors
    from index.nlp import load_pipeline
    from index.quotes import extract_quotes

    pipeline = load_pipeline()
    # as_tuples carries each article's id and paragraphs beside its text through the pipe.
    texts = ((PARAGRAPH_SEPARATOR.join(paragraphs), (article_id, paragraphs)) for article_id, paragraphs in work)
    for doc, (article_id, paragraphs) in pipeline.nlp.pipe(texts, as_tuples=True, batch_size=16):
        actors = local_actors(doc)
        quotes = extract_quotes(doc, paragraph_starts(paragraphs))
        attach_speakers(quotes, actors, doc.text)
        yield Enrichment(article_id, actors, quotes)


def _enrich_in_workers(work: Iterable[_Work], jobs: int) -> Generator[Enrichment, None, None]:
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    in_flight: deque[Future[list[Enrichment]]] = deque()
    try:
        for chunk in chunks(work, CHUNK_SIZE):
            in_flight.append(executor.submit(_enrich_chunk, chunk))
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


def _enrich_chunk(chunk: Sequence[_Work]) -> list[Enrichment]:
    return list(_enrich_here(chunk))
