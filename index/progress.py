"""Progress of the library's long jobs (ingest, relinking, indexing): the callback and its one caller."""

from __future__ import annotations

from collections.abc import Callable

from index.model import IngestProgress

ProgressCallback = Callable[[IngestProgress], None]


def notify(progress: ProgressCallback | None, event: IngestProgress) -> None:
    """Tell `progress` about `event`, when someone is listening."""
    if progress is not None:
        progress(event)
