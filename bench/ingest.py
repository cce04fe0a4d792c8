"""Ingest speed and memory: articles/s and MB/s with and without spaCy, re-run and reindex times.

Each configuration runs in a fresh child process on a fresh temp library, so its peak RSS is its own:
- `nlp=False` over the corpus (or `--limit` files),
- `nlp=True, jobs=1` over `--nlp-limit` files (spaCy is ~2 articles/s on one core: a subset keeps the
  run to a few minutes; pass `--nlp-limit 0` for all),
- `nlp=True, jobs=2` too when `--jobs 2` is given (its workers are separate processes: the peak
  RSS of the largest worker is reported beside the parent's; the run's total is about
  parent + jobs x worker),
In each child, after the first add: the same `add` again (files unchanged: should be almost no work),
then `reindex()` (rebuild the Whoosh index from the store, no NLP).

Prints a table and writes bench/results/ingest.json.
Usage: python bench/ingest.py [--corpus DIR] [--limit N] [--nlp-limit N] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BBC,
    emit_phase_result,
    folder_size_mb,
    isolate_user_dirs,
    peak_rss_mb,
    print_table,
    run_phase,
    write_results,
)

DEFAULT_NLP_LIMIT = 200


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    """The corpus's article files, `limit` of them taken round-robin across its folders.

    Files lying beside the folders (a README) are not articles when the corpus has folders.
    """
    from index.sources import iter_files

    files = [path for path in iter_files([corpus])]
    if any(path.parent != corpus for path in files):
        files = [path for path in files if path.parent != corpus]
    if not limit or limit >= len(files):
        return files
    groups: dict[Path, list[Path]] = {}
    for path in sorted(files):
        groups.setdefault(path.parent, []).append(path)
    chosen: list[Path] = []
    queues = list(groups.values())
    while len(chosen) < limit:
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return chosen


# --- the child: one configuration on one fresh library ---------------------------------------


def phase(files_list: Path, nlp: bool, jobs: int) -> dict:
    from index.library import DATABASE, Library

    files = [Path(line) for line in json.loads(files_list.read_text(encoding="utf-8"))]
    megabytes = sum(path.stat().st_size for path in files) / (1024 * 1024)
    root = Path(tempfile.mkdtemp(prefix="quotedesk-bench-ingest-"))
    phases: dict[str, float] = {}

    def progress(event) -> None:  # seconds spent until each phase first shows
        phases.setdefault(event.phase, time.perf_counter() - started)

    try:
        with Library.open(root) as library:
            load_before = os.getloadavg()[0]
            cpu_before = _cpu_s()
            started = time.perf_counter()
            report = library.add(files, progress, nlp=nlp, jobs=jobs)
            add_s = time.perf_counter() - started
            cpu_self, cpu_children = (after - before for after, before in zip(_cpu_s(), cpu_before, strict=True))
            load_after = os.getloadavg()[0]
            rss_after_add = peak_rss_mb()
            children_rss = peak_rss_mb(children=True)

            started = time.perf_counter()
            again = library.add(files, nlp=nlp, jobs=jobs)
            rerun_s = time.perf_counter() - started

            started = time.perf_counter()
            reindexed = library.reindex()
            reindex_s = time.perf_counter() - started
            stored = library.count()
            actors = len(library.actors())
            quotes = len(library.quotes())
        database_mb = round((root / DATABASE).stat().st_size / (1024 * 1024), 2)
        return {
            "nlp": nlp,
            "jobs": jobs,
            "files": len(files),
            "input_mb": round(megabytes, 2),
            "added": len(report.added),
            "duplicates": len(report.duplicates),
            "skipped": len(report.skipped),
            "stored_articles": stored,
            "actors": actors,
            "quotes": quotes,
            "add_s": round(add_s, 2),
            "files_per_s": round(len(files) / add_s, 1),
            "articles_per_s": round(len(report.added) / add_s, 1),
            "mb_per_s": round(megabytes / add_s, 3),
            "linking_started_at_s": round(phases["linking"], 2) if "linking" in phases else None,
            "peak_rss_mb": rss_after_add,
            "peak_rss_children_mb": children_rss or None,
            "add_cpu_s": round(cpu_self, 2),
            "add_cpu_children_s": round(cpu_children, 2),
            "load_avg_1min_before_after": [round(load_before, 2), round(load_after, 2)],
            "rerun_unchanged_s": round(rerun_s, 3),
            "rerun_unchanged": again.unchanged,
            "rerun_added": len(again.added),
            "reindex_s": round(reindex_s, 2),
            "reindexed": reindexed,
            "peak_rss_after_reindex_mb": peak_rss_mb(),
            "database_mb": database_mb,
            "index_mb": folder_size_mb(root / "index"),
            "library_mb": folder_size_mb(root),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _cpu_s() -> tuple[float, float]:
    """CPU seconds used by this process, and by its finished children (the analysis workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


# --- the parent --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC, help="folder of articles (default: ../shared BBC)")
    parser.add_argument("--limit", type=int, default=0, help="ingest only N files (0: all)")
    parser.add_argument(
        "--nlp-limit",
        type=int,
        default=DEFAULT_NLP_LIMIT,
        help=f"files for the spaCy runs (default {DEFAULT_NLP_LIMIT}; 0: as many as --limit)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="also measure nlp=True with this many processes")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one configuration
    parser.add_argument("--files-list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    isolate_user_dirs()

    if args.phase:
        emit_phase_result(phase(args.files_list, args.phase == "nlp", args.jobs))
        return 0

    if not args.corpus.is_dir():
        print(
            f"Skipped: no corpus at {args.corpus} (the BBC corpus lives in ../shared/corpora/bbc; pass --corpus DIR)."
        )
        return 0
    all_files = corpus_files(args.corpus, args.limit or None)
    nlp_limit = args.nlp_limit or len(all_files)
    nlp_files = corpus_files(args.corpus, min(nlp_limit, len(all_files)))
    print(f"corpus {args.corpus}: {len(all_files)} files without NLP, {len(nlp_files)} with NLP")

    work = Path(tempfile.mkdtemp(prefix="quotedesk-bench-lists-"))
    runs = [("plain", all_files, 1), ("nlp", nlp_files, 1)]
    if args.jobs > 1:
        runs.append(("nlp", nlp_files, args.jobs))
    results = []
    try:
        for kind, files, jobs in runs:
            listing = work / f"{kind}-{jobs}.json"
            listing.write_text(json.dumps([str(path) for path in files]), encoding="utf-8")
            print(f"running nlp={kind == 'nlp'} jobs={jobs} over {len(files)} files …", flush=True)
            results.append(
                run_phase(Path(__file__), ["--phase", kind, "--jobs", str(jobs), "--files-list", str(listing)])
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    columns = ["figure"] + [f"nlp={r['nlp']} jobs={r['jobs']}" for r in results]
    figures = [
        ("files", "files"),
        ("input MB", "input_mb"),
        ("articles added", "added"),
        ("duplicates skipped", "duplicates"),
        ("actors / quotes", None),
        ("add time (s)", "add_s"),
        ("articles/s", "articles_per_s"),
        ("files/s", "files_per_s"),
        ("MB/s", "mb_per_s"),
        ("peak RSS (MiB)", "peak_rss_mb"),
        ("peak RSS of children (MiB)", "peak_rss_children_mb"),
        ("add CPU s: own", "add_cpu_s"),
        ("add CPU s: workers", "add_cpu_children_s"),
        ("1-min load before/after", "load_avg_1min_before_after"),
        ("re-run unchanged (s)", "rerun_unchanged_s"),
        ("re-run: added again", "rerun_added"),
        ("reindex() (s)", "reindex_s"),
        ("DB size (MB)", "database_mb"),
        ("index size (MB)", "index_mb"),
    ]
    rows = []
    for label, key in figures:
        if key is None:
            rows.append([label] + [f"{r['actors']} / {r['quotes']}" for r in results])
        else:
            rows.append([label] + [r[key] for r in results])
    print_table(f"Ingest: {args.corpus.name}", columns, rows)
    if not args.no_write:
        out = write_results(
            "ingest",
            {
                "corpus": str(args.corpus.name),
                "limit": args.limit or None,
                "nlp_limit": len(nlp_files),
                "selection": "files taken round-robin across the corpus folders, in name order",
                "runs": results,
            },
        )
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
