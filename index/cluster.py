"""The per-article analysis on a Ray cluster (the `cluster` extra): `enrich(articles, ray=ADDRESS)`.

A run's articles go to the cluster in windows of about WINDOW_CHARS characters, through one Ray
Data pipeline started once per run: a read task takes the windows from a queue that this process
fills while it reads and cleans its files, and `map_batches` hands each window to a pool of
actors, one per CPU of the cluster, each loading spaCy once and analysing its windows as a worker
process does (`index.enrich.enrich_chunk`). The windows come back in the order they went
(preserve_order), so the one writer stores whole files in batches exactly as with --jobs, and
never more than AHEAD_PER_WORKER windows per actor are in flight: reading runs ahead of the
cluster by that much, not by the whole archive.

A worker that dies (a crash, the out-of-memory killer, a lost node) is restarted by Ray and its
window tried again, TASK_RETRIES times; after that the window's articles are reported as skipped
with the reason (an AnalysisFailure each), and their files are read again on the next run.
Closing the stream early (Ctrl-C, an error in the writer) stops the pipeline, and shuts down the
local cluster when this run started it.

Nothing here is imported unless a run asks for Ray: quotedesk without the extra works as before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any

from index.enrich import Analysis, AnalysisFailure, Work, code_version, enrich_chunk
from index.errors import LibraryError

MISSING_EXTRA = "--ray needs the cluster extra: pip install 'quotedesk[cluster]'"

# A window of articles is one actor call: large enough that a call's overhead (pickling, a Ray
# task, a few milliseconds) is small next to its parsing (~0.2 s an article), small enough that
# the workers share a run's articles evenly and finish together at its end.
WINDOW_CHARS = 40_000
WINDOW_ARTICLES = 32
# Windows in flight per actor: one running, one queued, one done and waiting for an earlier one.
AHEAD_PER_WORKER = 3
# Times a window is tried again after its worker died, before its articles are skipped.
TASK_RETRIES = 2
# The local cluster's shared memory for the windows and their results (text: a few MB at a time).
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024

# Run once in each worker before its first window (the tests inject faults with it); it travels
# to the workers with the actor class, so it must be importable or picklable by Ray.
WORKER_SETUP: Callable[[], None] | None = None


class ClusterError(LibraryError):
    """The Ray cluster could not be reached, or stopped before the run's articles were analysed."""


def ray_available() -> bool:
    """Whether the cluster extra (Ray Data and pyarrow) is installed, without importing it."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("ray", "pyarrow"))


def enrich_on_cluster(work: Iterable[Work], address: str) -> Generator[Analysis, None, None]:
    """Each article's Enrichment or AnalysisFailure, in order, analysed on the Ray cluster at
    `address` ("" for a local cluster of this machine's CPUs, started for the run).

    When this process is connected to Ray already, the run uses that connection and leaves it
    open. A run with no article to analyse starts nothing.
    """
    windows = windows_of(work)
    first = next(windows, None)
    if first is None:
        return
    ray = _import_ray()
    expected = code_version()  # (this process's, before any worker starts)
    with _remembered_interrupt() as check:
        try:
            started = _connect(ray, address)
        except KeyboardInterrupt:
            if ray.is_initialized():  # a Ctrl-C while the local cluster started: it ends with the run
                ray.shutdown()
            raise
        stream = _stream(ray, _prepend(first, windows), expected)
        try:
            check()
            _quiet()
            for analysis in stream:
                check()
                yield analysis
        finally:
            stream.close()  # (at once: its own finally stops the pipeline and its actors)
            if started:
                ray.shutdown()


@contextlib.contextmanager
def _remembered_interrupt() -> Iterator[Callable[[], None]]:
    """A Ctrl-C during the run, remembered: `check()` raises KeyboardInterrupt once one came.

    The signal raises KeyboardInterrupt wherever this process's main thread is, and there Ray's
    own code can swallow it: on a loaded machine, a Ctrl-C while the local cluster started was lost
    and the run went on to its end. Checked after connecting and after each article, so a Ctrl-C
    always stops the run. Only the main thread receives signals (a reader's ingest runs in a worker
    thread, and has no Ctrl-C of this kind), and a process that ignores Ctrl-C goes on ignoring it.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield lambda: None
        return
    heard = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        heard.set()
        previous(signum, frame)

    def check() -> None:
        if heard.is_set():
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield check
    finally:
        if threading.current_thread() is threading.main_thread():  # (a run closed elsewhere keeps it)
            signal.signal(signal.SIGINT, previous)


def windows_of(work: Iterable[Work]) -> Iterator[list[Work]]:
    """Articles in windows of at most WINDOW_ARTICLES and about WINDOW_CHARS characters (an
    article longer than that is a window alone), taken lazily."""
    window: list[Work] = []
    chars = 0
    for item in work:
        size = sum(len(paragraph) for paragraph in item[1])
        if window and (len(window) >= WINDOW_ARTICLES or chars + size > WINDOW_CHARS):
            yield window
            window, chars = [], 0
        window.append(item)
        chars += size
    if window:
        yield window


def _prepend(first: list[Work], rest: Iterator[list[Work]]) -> Iterator[list[Work]]:
    yield first
    yield from rest


def _import_ray() -> Any:
    try:
        import pyarrow  # noqa: F401
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ClusterError(f"{MISSING_EXTRA}.") from None
    return ray


def _connect(ray: Any, address: str) -> bool:
    """Connect to the cluster at `address`, or start a local one; whether this run started the
    connection (and so ends it). A local cluster listens on the loopback address only; Ray's usage
    statistics and its dashboard stay off, and its own log lines go to its session folder: the run
    reports what matters itself."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
    try:
        if address:
            _probe(address)
            ray.init(address=address, **options)
        else:
            # "local" starts a new cluster even where a RAY_ADDRESS or a running one would be found.
            with _on_loopback():
                ray.init(
                    address="local",
                    include_dashboard=False,
                    object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                    **options,
                )
    except (ConnectionError, ValueError, RuntimeError, TimeoutError) as error:
        where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
        detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        hint = "check the address (host:port of its head node)" if address else "check `ray status`"
        raise ClusterError(f"Could not start or reach {where} ({detail}); {hint}, or run without --ray.") from None
    return True


@contextlib.contextmanager
def _on_loopback() -> Iterator[None]:
    """A local cluster started inside this block listens on 127.0.0.1 only, so nothing outside the
    machine reaches its ports. Ray takes a new node's address from the network interface, and maps
    an explicit `_node_ip_address="127.0.0.1"` back to it; only where it finds no cluster support
    (its own switch, ray_constants.ENABLE_RAY_CLUSTER, off on macOS and Windows) does it use the
    loopback address, for the node and every server of it. The switch is read when a node starts,
    and put back at once: a run in this process that joins an ADDRESS later joins it as before."""
    from ray._private import ray_constants

    saved = ray_constants.ENABLE_RAY_CLUSTER
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = saved


# Seconds to wait for a cluster's head node to answer: Ray itself would try again for minutes.
CONNECT_TIMEOUT_S = 10.0


def _probe(address: str) -> None:
    """ConnectionError, at once, when nothing answers at a host:port address (other forms, such as
    ray://host:port or "auto", are Ray's to resolve)."""
    import socket

    host, colon, port = address.rpartition(":")
    if not colon or not port.isdigit() or "/" in address:
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise ConnectionError(f"nothing answers at {address}: {error.strerror or error}") from None


def _quiet() -> None:
    """Ray Data's notes on the console (progress bars, 'execution finished', deprecations) would
    interleave with quotedesk's own progress bar."""
    logging.getLogger("ray").setLevel(logging.ERROR)
    # A window whose retries are spent is reported by the run as its articles' failure.
    logging.getLogger("ray.data").setLevel(logging.CRITICAL)
    # The pool is sized by the cluster's CPUs; Ray Data counts one input (the one read task).
    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors", category=UserWarning)


class Analyser:
    """One actor of the pool: loads the pipeline once, then analyses one window per call."""

    def __init__(self, setup: Callable[[], None] | None = None) -> None:
        from index.nlp import load_pipeline

        if setup is not None:
            setup()
        load_pipeline()
        import index.enrich

        self.code = index.enrich.code_version()  # the code this worker imported as it started

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        numbers = batch["number"].to_pylist()
        results = [pickle.dumps(enrich_chunk(pickle.loads(window))) for window in batch["window"].to_pylist()]
        return pa.table(
            {
                "number": pa.array(numbers, pa.int64()),
                "analyses": pa.array(results, pa.binary()),
                "code": pa.array([self.code] * len(numbers), pa.string()),
            }
        )


def _stream(ray: Any, windows: Iterator[list[Work]], expected: str) -> Generator[Analysis, None, None]:
    from ray.util.queue import Queue

    workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    ahead = workers * AHEAD_PER_WORKER
    queue = Queue(actor_options={"num_cpus": 0})
    sent: deque[tuple[int, list[str]]] = deque()  # (window number, its article ids), results not back yet
    state = {"number": 0, "read_all": False}

    def top_up() -> None:
        """Send windows until `ahead` are in flight (reading files as they are needed)."""
        while not state["read_all"] and len(sent) < ahead:
            window = next(windows, None)
            if window is None:
                queue.put(None)
                state["read_all"] = True
                break
            queue.put((state["number"], pickle.dumps(window)))
            sent.append((state["number"], [article_id for article_id, _ in window]))
            state["number"] += 1

    results = None
    try:
        top_up()
        results = iter(_pipeline(ray, queue, workers).iter_batches(batch_size=None, batch_format="pyarrow"))
        for batch in results:
            rows = zip(
                batch["number"].to_pylist(), batch["analyses"].to_pylist(), batch["code"].to_pylist(), strict=True
            )
            for number, payload, code in rows:
                if code != expected:  # nothing it analysed is stored: the library keeps one analysis
                    raise ClusterError(
                        f"A worker of the Ray cluster runs other quotedesk code than this run (version {code}, "
                        f"not {expected}): its files changed since the run started, or another version is "
                        "installed on its node. Install the same quotedesk on every node and run again."
                    )
                while sent and sent[0][0] < number:  # dropped by Ray: see _lost
                    yield from _lost(sent.popleft()[1])
                sent.popleft()
                yield from pickle.loads(payload)
            top_up()
        while sent:
            yield from _lost(sent.popleft()[1])
        if not state["read_all"]:
            raise ClusterError("The Ray cluster stopped taking articles before the run was done.")
    except ray.exceptions.RayError as error:
        detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        raise ClusterError(f"The Ray cluster failed during the analysis ({detail}).") from None
    finally:
        if results is not None and hasattr(results, "close"):
            results.close()  # stops the pipeline: its tasks and its actor pool
        with contextlib.suppress(Exception):  # a cluster gone already took the queue with it
            ray.kill(queue.actor)


def _lost(article_ids: list[str]) -> Iterator[AnalysisFailure]:
    """The articles of a window that never came back: Ray dropped it once its retries were spent
    (its worker died each time) or at once (an error in the actor's own code, not retried)."""
    reason = (
        f"its analysis failed on the Ray cluster (the worker analysing it stopped; tried up to "
        f"{TASK_RETRIES + 1} times); it is tried again on the next run"
    )
    for article_id in article_ids:
        yield AnalysisFailure(article_id, reason)


def _pipeline(ray: Any, queue: Any, workers: int) -> Any:
    """The run's Ray Data pipeline: windows from `queue`, analysed by `workers` actors, in order."""
    import pyarrow as pa
    from ray.data import ActorPoolStrategy, DataContext
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class Windows(Datasource):
        """One read task that streams the windows put in the queue, one block each, until None."""

        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, per_task_row_limit: Any = None, data_context: Any = None) -> list:
            def read() -> Iterator[Any]:
                while (item := queue.get(block=True)) is not None:
                    number, window = item
                    yield pa.table(
                        {"number": pa.array([number], pa.int64()), "window": pa.array([window], pa.binary())}
                    )

            metadata = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
            return [ReadTask(read, metadata)]

    context = DataContext.get_current()
    saved = (
        context.execution_options.preserve_order,
        context.target_max_block_size,
        context.max_errored_blocks,
        context.enable_progress_bars,
        context.print_on_execution_start,
    )
    # A Dataset keeps the context it was made in: these settings are this run's alone.
    context.execution_options.preserve_order = True
    context.target_max_block_size = 1  # every window its own block, so its own actor call
    context.max_errored_blocks = -1  # a window whose retries are spent is dropped (and reported), not the run
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecations of Ray's own arguments; a pool larger than its input
            return ray.data.read_datasource(Windows(), num_cpus=0, override_num_blocks=1).map_batches(
                Analyser,
                fn_constructor_args=(WORKER_SETUP,) if WORKER_SETUP is not None else None,
                batch_size=None,
                batch_format="pyarrow",
                compute=ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
                num_cpus=1,
                udf_modifying_row_count=False,
                max_restarts=-1,
                max_task_retries=TASK_RETRIES,
            )
    finally:
        (
            context.execution_options.preserve_order,
            context.target_max_block_size,
            context.max_errored_blocks,
            context.enable_progress_bars,
            context.print_on_execution_start,
        ) = saved
