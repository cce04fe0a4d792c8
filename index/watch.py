"""Watched folders: files a scraper drops into them are added as they land, one ingest run per batch.

`watch` first adds what the folders hold (unchanged files cost a hash), then waits for changes
with watchfiles: its debounce gathers a scraper's burst of files into one batch, and a file is
taken once it stops changing. Hidden files (a scraper's `.part` or `.tmp` files) and unsupported
suffixes are left alone; a file renamed into place is taken like a new one. When another
quotedesk holds the writer lock, the batch waits and is tried again shortly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import LibraryLocked
from index.model import IngestReport
from index.sources import SUPPORTED_SUFFIXES, iter_files

if TYPE_CHECKING:
    from index.library import Library

DEBOUNCE_MS = 800  # a scraper's burst of files becomes one batch
RETRY_MS = 1000  # how soon a batch that met another writer is tried again


@dataclass
class WatchBatch:
    """One batch: the files it took, what ingest made of them, or why it has to wait."""

    files: list[Path]
    report: IngestReport = field(default_factory=IngestReport)
    waiting: str = ""  # a sentence when the batch could not run yet (it is tried again)


def is_article_file(path: Path) -> bool:
    """A file ingest reads: not hidden, a supported suffix (also gzip-compressed), a regular file."""
    name = path.name.lower()
    if name.startswith("."):
        return False
    suffix = Path(name[:-3]).suffix if name.endswith(".gz") else path.suffix.lower()
    return suffix in SUPPORTED_SUFFIXES and path.is_file()


def check_folders(folders: Sequence[Path]) -> None:
    """Raise ValueError with one sentence when a folder to watch is missing or not a folder."""
    for folder in folders:
        if not folder.exists():
            raise ValueError(f"There is no folder {folder} to watch.")
        if not folder.is_dir():
            raise ValueError(f"{folder} is not a folder; watch takes folders.")


def watch(
    library: Library,
    folders: Sequence[Path],
    on_batch: Callable[[WatchBatch], None],
    *,
    nlp: bool = True,
    jobs: int = 1,
    once: bool = False,
    stop: threading.Event | None = None,
    on_ready: Callable[[], None] | None = None,
    debounce_ms: int = DEBOUNCE_MS,
) -> None:
    """Add the folders' files, then (unless `once`) each batch of new or changed files until `stop`
    is set or Ctrl-C. `on_batch` is told of each batch; `on_ready` once the watcher is listening."""
    check_folders(folders)
    pending = _run(library, list(iter_files(folders)), on_batch, nlp=nlp, jobs=jobs)
    if once:
        return
    import watchfiles

    ready = False
    changes: Iterable[set[tuple[watchfiles.Change, str]]] = watchfiles.watch(
        *folders,
        watch_filter=_ArticleFilter(folders, library.root),
        debounce=debounce_ms,
        stop_event=stop,
        rust_timeout=RETRY_MS,
        yield_on_timeout=True,
    )
    for batch in changes:
        if not ready:
            ready = True
            if on_ready:
                on_ready()
        landed = [Path(path) for change, path in sorted(batch, key=lambda item: item[1])]
        files = list(dict.fromkeys(path for path in [*pending, *landed] if is_article_file(path)))
        pending = _run(library, files, on_batch, nlp=nlp, jobs=jobs) if files else []


def _run(
    library: Library, files: list[Path], on_batch: Callable[[WatchBatch], None], *, nlp: bool, jobs: int
) -> list[Path]:
    """Ingest one batch; returns the files to try again (when another writer held the library)."""
    if not files:
        return []
    try:
        report = library.add(files, None, nlp=nlp, jobs=jobs)
    except LibraryLocked as error:
        on_batch(WatchBatch(files, waiting=str(error)))
        return files
    on_batch(WatchBatch(files, report))
    return []


class _ArticleFilter:
    """watchfiles' filter: changes to files ingest reads (deletions are left alone: the library keeps
    what it has), outside hidden folders and outside the library folder itself."""

    def __init__(self, folders: Sequence[Path], library_root: Path) -> None:
        self.folders = [folder.resolve() for folder in folders]
        self.library_root = library_root.resolve()

    def __call__(self, change: object, path: str) -> bool:
        import watchfiles

        if change == watchfiles.Change.deleted:
            return False
        candidate = Path(path)
        if candidate.is_relative_to(self.library_root):
            return False
        for folder in self.folders:
            if candidate.is_relative_to(folder):
                if any(part.startswith(".") for part in candidate.relative_to(folder).parts[:-1]):
                    return False
                break
        name = candidate.name.lower()
        suffix = Path(name[:-3]).suffix if name.endswith(".gz") else candidate.suffix.lower()
        return not name.startswith(".") and suffix in SUPPORTED_SUFFIXES
