"""The reader with a large library: does a 20,000-article list load, scroll, sort and filter without lag?

A synthetic library (`--articles` distinct generated articles, default 20,000, ingested with
nlp=False) is built once into bench/.cache/synthetic-N and reused. The articles are written as
JSON Lines files of 2,000 records (title, date, source, text): one file per 32 articles would
be truer to life, but ingest commits the Whoosh index once per 32-article batch and 20,000
single files take over an hour to ingest that way (see bench/ingest.py and bench/README.md).

Then, in a fresh process (so the peak RSS is the reader's own):
- `Library.article_summaries(sort)` for each sort;
- `QuotedeskApp.run_test(size=(120, 36))` headless: time until the list shows rows and until all
  rows are in; `G` / `g`; `j`; a sort change (`s`); `G` straight after a sort change (rows still
  being added); search-as-you-type (`/` and a word) until the list shows the hits; `esc` back to
  all articles. Every key is timed from the press until the app is idle again (what
  `pilot.press` waits for), and the longest stretch the list blocked the UI thread
  (`ArticleList.show` / `move_cursor` calls; before the virtual list, `show` / `_add_pending`)
  is recorded.

Then a whole cold process over the 22k BBC library (bench/corpus.py: ten distinct copies of the
corpus, no NLP), `--cold-runs` times: from the moment the parent starts the process (interpreter
start and every import included) until the reader (headless, 120x36) shows its first rows, and
until every row is in, with the process's peak RSS; and `quotedesk articles --json` over the
same library: from process start to its first record, to its end, and its peak RSS.

Prints tables and writes bench/results/reader.json.
Usage: python bench/reader.py [--articles N] [--repeats N] [--cold-runs N] [--cold-only] [--rebuild]
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    CACHE,
    emit_phase_result,
    folder_size_mb,
    isolate_user_dirs,
    latency,
    peak_rss_mb,
    print_table,
    repeat,
    run_phase,
    timed,
    write_results,
)

RECORDS_PER_FILE = 2000
SEARCH_WORD = "harbour"  # in about 1 article in 12 (see `generate`)

_WORDS = (
    "minister council budget report market city court police school health energy water transport "
    "union strike vote party leader policy plan tax price rate bank trade export farm river bridge "
    "station museum festival team match season club player coach league record summer winter storm "
    "flood fire rescue study science research hospital doctor patient law judge trial company profit "
    "worker factory road rail airport port island village county region border treaty talks deal"
).split()
_NAMES = "Amira Bello Chen Dara Evans Farah Garcia Hughes Ito Jensen Kaur Lopez Mensah Novak Osei Patel".split()
_OUTLETS = [
    f"{place} {kind}"
    for place in ("Northern", "Coastal", "Capital", "Valley", "Metro")
    for kind in ("Herald", "Times", "Post", "Courier", "Gazette", "Chronicle", "Star", "Ledger")
]


def generate(count: int, folder: Path) -> int:
    """Write `count` distinct small articles as JSON Lines files; returns the files written."""
    rng = random.Random(20000)
    folder.mkdir(parents=True, exist_ok=True)
    files = 0
    for start in range(0, count, RECORDS_PER_FILE):
        lines = []
        for number in range(start, min(count, start + RECORDS_PER_FILE)):

            def sentence(extra: str = "") -> str:
                words = rng.sample(_WORDS, rng.randint(7, 14))
                if extra:
                    words.insert(rng.randrange(len(words)), extra)
                return " ".join(words).capitalize() + "."

            paragraphs = []
            for _ in range(rng.randint(3, 6)):
                paragraphs.append(
                    " ".join(sentence(SEARCH_WORD if rng.random() < 0.02 else "") for _ in range(rng.randint(2, 4)))
                )
            speaker = f"{rng.choice(_NAMES)} {rng.choice(_NAMES)}"
            paragraphs.append(f"“{sentence()}” said {speaker}, the {rng.choice(_WORDS)} spokesperson.")
            paragraphs.append(f"Filed as item {number} of the {rng.choice(_WORDS)} desk.")
            title = " ".join(rng.sample(_WORDS, rng.randint(4, 8))).capitalize() + f" ({number})"
            date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record = {"title": title, "date": date, "source": rng.choice(_OUTLETS), "text": "\n\n".join(paragraphs)}
            lines.append(json.dumps(record, ensure_ascii=False))
        (folder / f"articles-{start // RECORDS_PER_FILE:03d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
        files += 1
    return files


def synthetic_library(count: int, rebuild: bool) -> tuple[Path, dict]:
    from index.library import Library

    base = CACHE / f"synthetic-{count}"
    root, sources, marker = base / "library", base / "sources", base / "bench-complete"
    if rebuild or not marker.exists():
        shutil.rmtree(base, ignore_errors=True)
        files = generate(count, sources)
        print(f"building {root}: {count} generated articles in {files} files, no NLP …", flush=True)
        with Library.open(root) as library:
            seconds, report = timed(lambda: library.add([sources], nlp=False))
        marker.write_text(
            json.dumps(
                {
                    "articles": count,
                    "files": files,
                    "added": len(report.added),
                    "duplicates": len(report.duplicates),
                    "add_s": round(seconds, 1),
                    "library_mb": folder_size_mb(root),
                }
            )
        )
    return root, json.loads(marker.read_text())


# --- the child: measure one reader session --------------------------------------------------------


class BlockTimer:
    """Wraps methods of a class to record how long each call held the UI thread."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = {}

    def wrap(self, cls, name: str) -> None:
        original = getattr(cls, name)
        calls = self.calls.setdefault(name, [])

        def timed_method(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                calls.append(time.perf_counter() - started)

        setattr(cls, name, timed_method)

    def reset(self) -> None:
        for calls in self.calls.values():
            calls.clear()

    def longest_ms(self) -> float:
        return round(1000 * max((max(c) for c in self.calls.values() if c), default=0.0), 1)


async def wait_until(condition, timeout: float = 120.0, step: float = 0.002) -> float:
    """Seconds until `condition()` holds (polling the running app's loop)."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the reader did not get there in time")
        await asyncio.sleep(step)
    return time.perf_counter() - started


async def reader_session(root: Path, repeats: int) -> dict:

    from tui.app import QuotedeskApp
    from tui.widgets.article_list import ArticleList

    blocks = BlockTimer()
    blocks.wrap(ArticleList, "show")
    blocks.wrap(ArticleList, "move_cursor")
    figures: dict[str, object] = {}
    interactions: dict[str, dict] = {}
    longest_block: dict[str, float] = {}

    from index.library import Library

    failed_queries: list[str] = []
    search = Library.search

    def recording_search(self, query, **options):  # name the query when a search fails
        try:
            return search(self, query, **options)
        except Exception as error:
            if type(error).__name__ != "QueryError":  # a query error is the app's to show, not a failure
                failed_queries.append(query)
            raise

    Library.search = recording_search
    app = QuotedeskApp(library_root=root, cursor_blink=False)
    started = time.perf_counter()
    try:
        await _session(app, started, repeats, blocks, figures, interactions, longest_block)
    except Exception as error:  # the app failed: report how, with what was measured before
        figures["error"] = f"{type(error).__name__}: {error}"
        cause = error.__cause__ or getattr(error, "error", None)
        if cause is not None:
            figures["error_cause"] = f"{type(cause).__name__}: {cause}"
    if failed_queries:
        figures["failed_queries"] = failed_queries

    from tui.screens.main import SEARCH_DEBOUNCE

    return {
        **figures,
        "interactions": interactions,
        "longest_ui_block_ms": longest_block,
        "search_debounce_ms": round(SEARCH_DEBOUNCE * 1000),
        "peak_rss_mb": peak_rss_mb(),
    }


async def _session(app, started, repeats, blocks, figures, interactions, longest_block) -> None:
    from textual import events

    from tui.screens.main import MainScreen
    from tui.testing import settle
    from tui.widgets.article_list import ArticleList

    async with app.run_test(size=(120, 36)) as pilot:

        def screen() -> MainScreen:
            return next(s for s in app.screen_stack if isinstance(s, MainScreen))

        def article_list() -> ArticleList:
            return screen().query_one(ArticleList)

        await wait_until(
            lambda: any(isinstance(s, MainScreen) for s in app.screen_stack) and article_list().row_count > 0
        )
        figures["start_to_first_rows_ms"] = round(1000 * (time.perf_counter() - started), 1)
        await wait_until(lambda: article_list().fully_loaded)
        figures["start_to_all_rows_ms"] = round(1000 * (time.perf_counter() - started), 1)
        await settle(pilot, timeout=120)
        figures["start_to_idle_ms"] = round(1000 * (time.perf_counter() - started), 1)
        figures["rows"] = article_list().row_count
        longest_block["startup"] = blocks.longest_ms()

        def send_key(key: str) -> None:
            """Deliver a key as the terminal would, without waiting (pilot.press waits for idle)."""
            char = {"slash": "/", "escape": "\x1b"}.get(key, key)
            app.post_message(events.Key(key, char))

        async def measure(name: str, setup: list[str], keys: list[str], effect, before=None) -> None:
            """Time `keys` until `effect()` shows on the screen's widgets, and until the app is idle."""
            blocks.reset()
            shown, idle = [], []
            for _ in range(repeats):
                if before is not None and inspect.isawaitable(prepared := before()):
                    await prepared
                for key in setup:
                    await pilot.press(key)
                await settle(pilot, timeout=120)
                began = time.perf_counter()
                for key in keys:
                    send_key(key)
                shown.append(await wait_until(effect))
                await settle(pilot, timeout=120)
                idle.append(time.perf_counter() - began)
            interactions[name] = {"shown": latency(shown), "idle": latency(idle)}
            longest_block[name] = blocks.longest_ms()

        rows = article_list().row_count
        await measure("G (bottom)", ["g"], ["G"], lambda: article_list().cursor_row == rows - 1)
        await measure("g (top)", ["G"], ["g"], lambda: article_list().cursor_row == 0)
        await measure("j (down one)", ["g"], ["j"], lambda: article_list().cursor_row == 1)

        # A sort change refills the list: shown = the first rows in the new order.
        sorts_seen = []

        def sorted_anew() -> bool:
            return screen().sort != sorts_seen[-1] and article_list().row_count > 0

            blocks.reset()

        shown, all_in, idle = [], [], []
        for _ in range(repeats):
            await settle(pilot, timeout=120)
            sorts_seen.append(screen().sort)
            began = time.perf_counter()
            send_key("s")
            shown.append(await wait_until(sorted_anew))
            await wait_until(lambda: article_list().fully_loaded)
            all_in.append(time.perf_counter() - began)
            await settle(pilot, timeout=120)
            idle.append(time.perf_counter() - began)
        interactions["s (sort change)"] = {
            "shown": latency(shown),
            "all_rows_in": latency(all_in),
            "idle": latency(idle),
        }
        longest_block["s (sort change)"] = blocks.longest_ms()

        # G straight after a sort change, while rows are still arriving: the rest are added at once.
        await measure(
            "s then G at once",
            [],
            ["s", "G"],
            lambda: (
                screen().sort != sorts_seen[-1]
                and article_list().fully_loaded
                and article_list().cursor_row == article_list().row_count - 1
            ),
            before=lambda: sorts_seen.append(screen().sort),
        )

        # Search as you type: from the last keystroke until the list shows the hits.
        def hits_shown() -> bool:
            result = screen().search_result
            return result is not None and result.query == SEARCH_WORD and article_list().row_count == len(result.hits)

        async def clear_search() -> None:
            await pilot.press("slash")
            screen().query_one("#search").value = ""

        await measure(
            "search as you type (last key to hits)",
            [*SEARCH_WORD[:-1]],
            [SEARCH_WORD[-1]],
            hits_shown,
            before=clear_search,
        )
        figures["search_hits"] = screen().search_result.total
        # esc leaves the search bar (untimed), a second esc clears the search: all articles again.
        await measure(
            "esc (clear search, all rows back)",
            ["escape"],
            ["escape"],
            lambda: screen().search_result is None and article_list().fully_loaded and article_list().row_count == rows,
        )


def cold_phase(root: Path, spawned_at: float) -> dict:
    """One reader process from its start: seconds to the first rows and to all rows, peak RSS."""

    async def session() -> dict:
        from tui.app import QuotedeskApp
        from tui.screens.main import MainScreen
        from tui.testing import settle
        from tui.widgets.article_list import ArticleList

        imported = time.time() - spawned_at
        app = QuotedeskApp(library_root=root, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:

            def article_list() -> ArticleList | None:
                screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
                return None if screen is None else screen.query_one(ArticleList)

            await wait_until(lambda: (shown := article_list()) is not None and shown.row_count > 0)
            first_rows = time.time() - spawned_at
            rss_first = peak_rss_mb()
            await wait_until(lambda: (shown := article_list()) is not None and shown.fully_loaded)
            all_rows = time.time() - spawned_at
            rows = article_list().row_count  # type: ignore[union-attr]
            await settle(pilot, timeout=120)  # the sidebar's and the reading view's workers too, before leaving
        return {
            "imports_s": round(imported, 3),
            "first_rows_s": round(first_rows, 3),
            "all_rows_s": round(all_rows, 3),
            "rows": rows,
            "peak_rss_at_first_rows_mb": rss_first,
            "peak_rss_mb": peak_rss_mb(),
        }

    return asyncio.run(session())


def measure_phase(root: Path, repeats: int) -> dict:
    from index.library import Library

    with Library.open(root) as library:
        open_s, _ = timed(lambda: library.count())
        summaries = {
            sort: repeat(lambda sort=sort: library.article_summaries(sort), repeats)
            for sort in ("date", "outlet", "title")
        }
    rss_after_summaries = peak_rss_mb()
    session = asyncio.run(reader_session(root, repeats))
    return {"article_summaries": summaries, "peak_rss_after_summaries_mb": rss_after_summaries, "reader": session}


# --- the parent ------------------------------------------------------------------------------------


def articles_json(root: Path, runs: int) -> dict:
    """`quotedesk articles --json` over the library, in fresh processes: seconds from process start
    to the first record on its output and to the end, the records, and the peak RSS."""
    import os
    import subprocess

    samples = []
    command = [sys.executable, "-m", "tui.cli", "--library", str(root), "articles", "--json"]
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        first_record, chunks = None, []
        while chunk := process.stdout.read1(65536):  # type: ignore[attr-defined]
            if first_record is None and b"{" in chunk:
                first_record = time.perf_counter() - started
            chunks.append(chunk)
        _, status, usage = os.wait4(process.pid, 0)
        finished = time.perf_counter() - started
        records = json.loads(b"".join(chunks))
        samples.append(
            {
                "first_record_s": round(first_record or finished, 3),
                "all_s": round(finished, 3),
                "records": len(records),
                "exit_status": status,
                "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            }
        )
    summary = {name: latency([sample[name] for sample in samples]) for name in ("first_record_s", "all_s")}
    return {"runs": samples, "summary": summary, "peak_rss_mb": max(sample["peak_rss_mb"] for sample in samples)}


def cold_processes(runs: int) -> dict | None:
    """`runs` whole reader processes over the 22k BBC library; None when the corpus is absent."""
    import os

    import corpus
    from common import BBC

    if runs <= 0 or not BBC.is_dir():
        return None
    root, build = corpus.library(corpus.SIZES["22k"])
    load_before = os.getloadavg()
    listing = articles_json(root, runs)
    print(
        f"quotedesk articles --json over {build['articles']} articles: first record "
        f"{listing['summary']['first_record_s']['median_ms']} ms, all {listing['summary']['all_s']['median_ms']} ms "
        f"(median of {runs}), {listing['runs'][0]['records']} records, peak RSS {listing['peak_rss_mb']} MiB"
    )
    samples = []
    for _ in range(runs):
        arguments = ["--phase", "cold", "--library", str(root), "--spawned-at", repr(time.time())]
        samples.append(run_phase(Path(__file__), arguments))
    load_after = os.getloadavg()
    summary = {
        name: latency([sample[name] for sample in samples]) for name in ("imports_s", "first_rows_s", "all_rows_s")
    }
    print_table(
        f"A whole reader process over {build['articles']} articles (BBC x10), ms (median of {runs})",
        ["figure", "median", "p95"],
        [[name, timing["median_ms"], timing["p95_ms"]] for name, timing in summary.items()]
        + [
            [
                "peak RSS (MiB), at first rows / at the end",
                *[max(s[k] for s in samples) for k in ("peak_rss_at_first_rows_mb", "peak_rss_mb")],
            ]
        ],
    )
    print(f"1/5/15-min load before, after: {[round(x, 2) for x in (*load_before, *load_after)]}")
    return {
        "articles": build["articles"],
        "runs": samples,
        "summary": summary,
        "articles_json": listing,
        "peak_rss_at_first_rows_mb": max(s["peak_rss_at_first_rows_mb"] for s in samples),
        "peak_rss_mb": max(s["peak_rss_mb"] for s in samples),
        "load_avg_before_after": [round(x, 2) for x in (*load_before, *load_after)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000, help="articles in the synthetic library")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each interaction")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached synthetic library")
    parser.add_argument("--cold-runs", type=int, default=3, help="whole reader processes at 22k (0: none)")
    parser.add_argument("--spawned-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="only the whole processes at 22k (writes bench/results/reader_cold.json)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--library", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    isolate_user_dirs()

    if args.phase == "cold":
        emit_phase_result(cold_phase(args.library, args.spawned_at))
        return 0
    if args.phase:
        emit_phase_result(measure_phase(args.library, args.repeats))
        return 0

    if args.cold_only:
        cold = cold_processes(args.cold_runs)
        if cold is not None and not args.no_write:
            print(f"wrote {write_results('reader_cold', cold)}")
        return 0
    root, build = synthetic_library(args.articles, args.rebuild)
    print(f"measuring the reader over {build['added']} articles …", flush=True)
    result = run_phase(Path(__file__), ["--phase", "measure", "--library", str(root), "--repeats", str(args.repeats)])

    print_table(
        f"Library.article_summaries over {build['added']} articles, ms",
        ["sort", "median", "p95"],
        [[sort, s["median_ms"], s["p95_ms"]] for sort, s in result["article_summaries"].items()],
    )
    reader = result["reader"]
    print_table(
        f"Reader start ({reader['rows']} rows, 120x36 headless), ms",
        ["figure", "ms"],
        [
            ["start to first rows", reader["start_to_first_rows_ms"]],
            ["start to all rows", reader["start_to_all_rows_ms"]],
            ["start to idle", reader["start_to_idle_ms"]],
            ["longest UI block while loading", reader["longest_ui_block_ms"]["startup"]],
        ],
    )
    rows = []
    for name, timing in reader["interactions"].items():
        rows.append(
            [
                name,
                timing["shown"]["median_ms"],
                timing["shown"]["p95_ms"],
                timing["all_rows_in"]["median_ms"] if "all_rows_in" in timing else None,
                timing["idle"]["median_ms"],
                reader["longest_ui_block_ms"].get(name),
            ]
        )
    print_table(
        f"Reader interactions over {reader['rows']} rows, ms (median of {args.repeats} unless p95)",
        ["interaction", "shown", "shown p95", "all rows in", "app idle", "longest list call"],
        rows,
    )
    if "error" in reader:
        print(
            f"THE READER FAILED: {reader['error']} ({reader.get('error_cause', '')}); "
            f"failed queries: {reader.get('failed_queries')}"
        )
    print(
        f"peak RSS of the reader process: {reader['peak_rss_mb']} MiB "
        f"(search debounce {reader['search_debounce_ms']} ms is included in the search figure)"
    )
    cold = cold_processes(args.cold_runs)
    if not args.no_write:
        out = write_results("reader", {"library_build": build, "repeats": args.repeats, **result, "cold_22k": cold})
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
