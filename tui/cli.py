"""The `quotedesk` command line: the same library as the reader, for people (Rich) and scripts (--json).

Exit codes: 0 ok, 1 nothing found, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from index import records
from index.aliases import NAMES_PER_EDIT, AliasError, normalise_name
from index.citation import (
    KIND_LABELS,
    UNKNOWN_SPEAKER,
    citation,
    cue_words,
    evidence_text,
    has_evidence,
    is_direct,
    lead,
    quoted,
)
from index.export import EXPORT_FORMATS, ExportError, ExportSpec, format_for
from index.faults import translate
from index.fetch import HOST_DELAY, TIMEOUT, Fetcher, is_web_address
from index.library import Library, LibraryError, QueryError, RepairReport
from index.model import Article, IngestProgress, IngestReport, Quote, SearchResult
from index.ordering import SORT_KEYS
from index.outlets import UNKNOWN_OUTLET, outlet_label
from index.parquet import SUFFIX as PARQUET_SUFFIX
from index.parquet import is_archive_path
from index.paths import library_dir
from tui.render import WDIFF_MARKS, WDIFF_STYLES, escaped, printable, word_diff_text

if TYPE_CHECKING:  # the web modules are imported by the commands that use them
    from index import feeds, web
    from index.watch import WatchBatch

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2
R = TypeVar("R")  # what a job run with a progress bar returns
COMMANDS = (
    "index",
    "analyse",
    "search",
    "articles",
    "show",
    "reindex",
    "actors",
    "quotes",
    "statements",
    "export",
    "bookmarks",
    "check",
    "repair",
    "read",
    "add",
    "feeds",
    "watch",
    "mark",
    "unread",
    "saved",
)

# Piped output is for files and scripts: never hard-wrap it at a made-up terminal width (a long
# path in an error message folded mid-word reads as two words in a log).
_PIPED = not sys.stdout.isatty()
_ERR_PIPED = not sys.stderr.isatty()
ACTOR_OUTLETS = 6  # outlets an `actors` row names; the rest are counted
# Strings printed are data (file names, titles, outlets, notes): never Rich markup or emoji codes.
out = Console(highlight=False, markup=False, emoji=False, soft_wrap=_PIPED, width=200 if _PIPED else None)
err = Console(
    stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=_ERR_PIPED, width=200 if _ERR_PIPED else None
)


def print_table(table: Table) -> None:
    """A table; piped, without the padding Rich adds after the last column of each row."""
    if not _PIPED:
        out.print(table)
        return
    with out.capture() as captured:
        out.print(table)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


class UsageError(Exception):
    """Bad input on the command line; str() is the one sentence to print."""


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """--library and --debug, accepted before or after the command.

    Subcommands SUPPRESS their defaults, or a value given before the command would be
    overwritten by the subcommand's default.
    """
    common = argparse.ArgumentParser(add_help=False)
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    common.add_argument(
        "--library", metavar="DIR", help="library folder (default: $QUOTEDESK_LIBRARY or your data folder)", **default
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks for errors", **default)
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(suppress=True)
    parser = argparse.ArgumentParser(
        prog="quotedesk",
        parents=[_common_options(suppress=False)],
        description="Read news articles in the terminal and see who said what, across sources. "
        "With no command, opens the reader; `quotedesk PATH...` adds files, then opens it.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "read", parents=[common], help="open the reader (the default), after adding PATHs and URLs if given"
    )
    p.add_argument("paths", nargs="*", metavar="PATH|URL")

    p = sub.add_parser("add", parents=[common], help="add web pages (URLs), files and folders")
    p.add_argument("sources", nargs="+", metavar="URL|PATH")
    _ingest_options(p)
    _fetch_options(p)

    p = sub.add_parser(
        "feeds",
        parents=[common],
        help="follow RSS and Atom feeds: `feeds add URL|FILE`, `list`, `refresh`, `remove`, `import`, `export`",
    )
    p.add_argument("action", nargs="?", choices=FEED_ACTIONS, default="list")
    p.add_argument("targets", nargs="*", metavar="ARG", help="add: URL or FILE; refresh, remove: FEED; import: FILE")
    p.add_argument(
        "--outlet", default="", metavar="NAME", help="with add: the outlet of its articles (default: its title)"
    )
    p.add_argument("--output", type=Path, metavar="FILE", help="with export: write the OPML to FILE")
    p.add_argument("--json", action="store_true", help="with list: print the feeds as JSON")
    _ingest_options(p)
    _fetch_options(p)

    p = sub.add_parser("watch", parents=[common], help="add files as they appear in folders (Ctrl-C stops)")
    p.add_argument("paths", nargs="+", type=Path, metavar="DIR")
    p.add_argument("--once", action="store_true", help="add what the folders hold now, then stop")
    _ingest_options(p)

    p = sub.add_parser(
        "index",
        parents=[common],
        help="add files and folders (txt, md, html, json, jsonl), or a FILE.parquet that `analyse` wrote",
    )
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for language analysis")
    _ray_option(p)
    p.add_argument("--no-nlp", action="store_true", help="skip actor and quote finding (fast, search only)")
    p.add_argument(
        "--outlet",
        default="",
        metavar="NAME",
        help="outlet of the articles that name none (else the web host, else none: “unknown outlet”)",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = sub.add_parser(
        "analyse",
        parents=[common],
        help="read and analyse files and folders into a Parquet file, with no library (`index FILE.parquet` loads it)",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="DIR", help="files and folders (txt, md, html, json, jsonl)")
    p.add_argument("--out", type=Path, metavar="FILE.parquet", required=True, help="the Parquet file to write")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for language analysis")
    _ray_option(p)
    p.add_argument("--force", action="store_true", help="replace FILE.parquet if it exists")

    p = sub.add_parser("search", parents=[common], help="full-text search (see README for the query language)")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=("score", "date"), default="score")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("articles", parents=[common], help="list the articles")
    p.add_argument("--sort", choices=SORT_KEYS, default="date")
    p.add_argument("--unread", action="store_true", help="only the articles not read yet")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("mark", parents=[common], help="mark articles read (or --unread); --all: every article")
    p.add_argument("ids", nargs="*", metavar="ID", help="article ids (a unique prefix is enough)")
    p.add_argument("--unread", action="store_true", help="mark them unread instead")
    p.add_argument("--all", action="store_true", help="every article of the library")

    p = sub.add_parser("unread", parents=[common], help="unread articles per outlet")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("saved", parents=[common], help="saved searches: list, add NAME QUERY, remove NAME, run NAME")
    p.add_argument("action", nargs="?", choices=("list", "add", "remove", "run"), default="list")
    p.add_argument("args", nargs="*", metavar="ARG", help="add: NAME QUERY; remove, run: NAME")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="with run: hits to print")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", parents=[common], help="print one article")
    p.add_argument("id", help="article id (a unique prefix is enough)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "reindex", parents=[common], help="rebuild the search index from the library (no file is re-read)"
    )
    p.add_argument("--nlp", action="store_true", help="also re-run actor and quote finding on the stored text")
    p.add_argument("--jobs", type=int, default=1, metavar="N")
    _ray_option(p)

    p = sub.add_parser(
        "check",
        parents=[common],
        help="check the store (SQLite integrity check) and compare it with the search index",
    )

    p = sub.add_parser(
        "repair",
        parents=[common],
        help="mend a damaged library: restore its backup, keep bookmarks and read marks, read its files again",
    )
    p.add_argument("--no-nlp", action="store_true", help="skip actor and quote finding for files read again")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for language analysis")

    p = sub.add_parser("actors", parents=[common], help="list actors; `actors merge A B`, `actors rename A NAME`")
    p.add_argument("action", nargs="?", choices=("list", "merge", "rename", "split", "hide"), default="list")
    p.add_argument("names", nargs="*")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "quotes",
        parents=[common],
        help="list quotes; `quotes correct ID --speaker NAME|--not-a-quote|--clear`, `quotes corrections`",
    )
    p.add_argument("action", nargs="?", choices=("list", "correct", "corrections"), default="list")
    p.add_argument("quote_id", nargs="?", metavar="QUOTE_ID", help="with correct: a quote id as listed (e45b4331:3)")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--article", metavar="ID")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="md, csv or json (default: a table)")
    p.add_argument("--output", type=Path, metavar="FILE", help="write to FILE instead of the terminal")
    fix = p.add_mutually_exclusive_group()
    fix.add_argument("--speaker", metavar="NAME", help="with correct: who said it (an actor's name, or a new one)")
    fix.add_argument("--not-a-quote", action="store_true", help="with correct: it is not a quote")
    fix.add_argument("--clear", action="store_true", help="with correct: remove the quote's correction")

    p = sub.add_parser("statements", parents=[common], help="statements reported in more than one article")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("bookmarks", parents=[common], help="list bookmarks")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "export", parents=[common], help="export quotes: of an actor, an article, the bookmarks, or a search"
    )
    p.add_argument("what", choices=("actor", "article", "bookmarks", "search", "all"))
    p.add_argument("target", nargs="?", help="actor name, article id or search query")
    p.add_argument("--format", choices=EXPORT_FORMATS)
    p.add_argument("--output", type=Path, metavar="FILE", required=True)
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


FEED_ACTIONS = ("list", "add", "refresh", "remove", "import", "export")


def _ingest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="processes for language analysis (feeds: also fetches)"
    )
    p.add_argument("--no-nlp", action="store_true", help="skip actor and quote finding (fast, search only)")


def _ray_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ray",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="run the language analysis on a Ray cluster (a local one without ADDRESS; needs quotedesk[cluster])",
    )


def _check_ray(args: argparse.Namespace, *, nlp: bool, without_nlp: str) -> None:
    """--ray needs the cluster extra, the analysis to run, and no --jobs beside it (the cluster's
    CPUs are its workers)."""
    if args.ray is None:
        return
    from index.cluster import MISSING_EXTRA, ray_available

    if not nlp:
        raise UsageError(f"--ray runs the language analysis on a cluster; {without_nlp}")
    if args.jobs != 1:
        raise UsageError("--ray uses one worker for each CPU of the cluster; give --ray or --jobs, not both.")
    if not ray_available():
        raise UsageError(f"{MISSING_EXTRA}.")


def _fetch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--timeout", type=float, default=TIMEOUT, metavar="S", help=f"seconds to wait for a server ({TIMEOUT:g})"
    )
    p.add_argument(
        "--delay",
        type=float,
        default=HOST_DELAY,
        metavar="S",
        help=f"seconds between two requests to a site ({HOST_DELAY:g})",
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = _first_positional(argv)
    if first is not None and argv[first] not in COMMANDS:
        argv.insert(first, "read")  # `quotedesk PATH...` adds, then reads
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command, args.paths = "read", []
    try:
        _check_library_folder(args.library)
        return COMMAND_HANDLERS[args.command](args)
    except KeyboardInterrupt:
        err.print("Interrupted; the library keeps every article written before the interruption.")
        return 130
    except (LibraryError, QueryError, UsageError, ExportError, AliasError) as error:
        if args.debug:
            traceback.print_exc()
        err.print(Text(escaped(str(error), keep_newlines=True), style="red"))
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - the one place that turns surprises into a sentence
        fault = translate(error, library_dir(args.library))  # a machine fault met outside the Library
        if args.debug:
            traceback.print_exc()
        elif fault is not None:
            err.print(Text(str(fault), style="red"))
        else:
            sentence = str(error).strip().rstrip(".")
            failure = f"quotedesk failed: {error.__class__.__name__}: {sentence}. Run again with --debug for details."
            err.print(Text(escaped(failure, keep_newlines=True), style="red"))
        return EXIT_USAGE


def _check_library_folder(library: str | None) -> None:
    """A library folder the user names is made if missing, but only inside a folder that exists:
    a mistyped path should not quietly build a new library somewhere unexpected."""
    if not library:
        return
    folder = Path(library).expanduser()
    if not folder.exists() and not folder.parent.exists():
        raise UsageError(
            f"There is no folder {folder.parent} to hold the library {folder}: "
            "check the path, or create the folder first."
        )


def _first_positional(argv: Sequence[str]) -> int | None:
    """Index of the first argument that is not an option or an option's value."""
    skip = False
    for number, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--library":
            skip = True
        elif arg == "--":
            return number + 1 if number + 1 < len(argv) else None
        elif not arg.startswith("-"):
            return number
    return None


# --- opening the library, first run -------------------------------------------------------------


def open_library(args: argparse.Namespace, *, seed: bool = True) -> Library:
    """The library for a reading command; a library no run has written to gets the bundled articles."""
    library = Library.open(args.library)
    try:
        library.verify()
    except LibraryError:
        library.close()
        raise
    if seed and not library.read_only and library.never_written():
        err.print(f"First run: building your library in {library.root} from the bundled articles.")
        report = run_with_progress(lambda progress: library.add_seeds(progress))
        print_summary(report, library)
    elif seed and library.is_empty():
        err.print(f"The library in {library.root} is empty: add files with `quotedesk index PATH`.")
    return library


def print_notices(library: Library) -> None:
    """What the library did on the side and could not finish (a backup on a full disk, say)."""
    for notice in library.notices:
        err.print(Text(notice, style="yellow"))
    library.notices.clear()


def run_with_progress(job: Callable[[Callable[[IngestProgress], None]], R]) -> R:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[file]}", markup=True),
    )
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("reading", total=None, file="")

        def update(event: IngestProgress) -> None:
            name = escaped(Path(event.path).name) if event.path else ""
            if event.articles:
                name = f"{event.articles:,} articles analysed · {name}"
            progress.update(
                task,
                description=event.phase,
                completed=event.done,
                total=event.total or None,
                file=escape(name),
            )

        return job(update)


def print_summary(report: IngestReport, library: Library, *, as_json: bool = False, paths: Sequence[Path] = ()) -> None:
    if as_json:
        records.write_json(sys.stdout, records.ingest_summary(report, library.count()))
        return
    err.print(
        f"Added {len(report.added)}, updated {len(report.updated)}, unchanged {report.unchanged}, "
        f"duplicates {len(report.duplicates)}, skipped {len(report.skipped)}; "
        f"the library holds {library.count()} articles."
    )
    if report.no_outlet:
        err.print(Text(no_outlet_notice(len(report.no_outlet), paths), style="yellow"))
    for path, duplicate_of in report.duplicates[:20]:
        err.print(Text(f"  duplicate: {escaped(path)} (same text as article {duplicate_of})", style="yellow"))
    if len(report.duplicates) > 20:
        err.print(f"  … and {len(report.duplicates) - 20} more duplicates")
    for path, reason in report.skipped:
        err.print(Text(f"  skipped: {escaped(path)}: {escaped(reason)}", style="yellow"))


def no_outlet_notice(count: int, paths: Sequence[Path] = ()) -> str:
    """How many of a run's articles name no outlet, and the command that names it."""
    import shlex

    folder = shlex.quote(str(paths[0])) if len(paths) == 1 else "DIR"
    verb = "names" if count == 1 else "name"
    return (
        f"{count} of the articles added or updated {verb} no outlet (shown as “{UNKNOWN_OUTLET}”); "
        f"to name the outlet of a folder's articles: quotedesk index {folder} --outlet NAME"
    )


def outlets_cell(outlets: Sequence[str]) -> str:
    """An actor's outlets in the `actors` table: the first few, then how many more; "unknown" for none."""
    if not outlets:
        return "unknown"
    more = len(outlets) - ACTOR_OUTLETS
    shown = ", ".join(outlets[:ACTOR_OUTLETS])
    return f"{shown} and {more} more" if more > 0 else shown


# --- commands ---------------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    urls = [value for value in args.paths if is_web_address(value)]
    args.paths = [Path(value) for value in args.paths if not is_web_address(value)]
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        raise UsageError(_unknown_argument_message(str(missing[0])))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "The reader needs a terminal; for scripts use `quotedesk articles`, `search` or `quotes` (see --help)."
        )
    library = Library.open(args.library)
    if urls:  # pages are fetched here, then the reader opens on them (files are added by the reader)
        with Fetcher() as fetcher:
            _add_sources(library, fetcher, urls, [], nlp=True, jobs=1)
    library.close()
    from tui.app import run_reader

    run_reader(library_root=library.root, add_paths=list(args.paths) or None)
    return EXIT_OK


def _unknown_argument_message(word: str) -> str:
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f"did you mean `quotedesk {close[0]}`?" if close else "`quotedesk --help` lists the commands."
    return f"No command or file called “{word}”; {hint}"


def cmd_index(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more.")
    archives = [path for path in args.paths if is_archive_path(path)]
    if archives and len(archives) < len(args.paths):
        raise UsageError("Give Parquet files and other files or folders to `quotedesk index` in separate runs.")
    if archives and (args.no_nlp or args.ray is not None or args.jobs != 1):
        option = "--no-nlp" if args.no_nlp else "--ray" if args.ray is not None else "--jobs"
        raise UsageError(f"{option} does not apply to a Parquet file: its articles are analysed already.")
    if not archives:
        _check_ray(args, nlp=not args.no_nlp, without_nlp="--no-nlp skips it: give one of them.")
    with Library.open(args.library) as library:
        if archives:
            report = run_with_progress(lambda progress: library.load_archives(archives, progress, outlet=args.outlet))
        else:
            report = run_with_progress(
                lambda progress: library.add(
                    args.paths, progress, nlp=not args.no_nlp, jobs=args.jobs, outlet=args.outlet, ray=args.ray
                )
            )
        print_summary(report, library, as_json=args.json, paths=args.paths)
        print_notices(library)
        if not (report.added or report.updated or report.unchanged or report.duplicates):
            return EXIT_USAGE if report.skipped else EXIT_NOTHING
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    """Read, clean and analyse with no library; the Parquet file appears only when whole."""
    from index import ingest

    _check_jobs(args)
    _check_ray(args, nlp=True, without_nlp="")
    out = args.out.expanduser()
    if not out.name.lower().endswith(PARQUET_SUFFIX) or out.name.startswith("."):
        raise UsageError(
            f"--out names the file to write, ending {PARQUET_SUFFIX} (`quotedesk index` knows it by that)."
        )
    if out.is_dir():
        raise UsageError(f"{out} is a folder; --out names the {PARQUET_SUFFIX} file to write.")
    if not out.parent.is_dir():
        raise UsageError(f"There is no folder {out.parent} to write {out.name} in: check the path, or create it first.")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists already; add --force to replace it.")
    options = ingest.IngestOptions(jobs=args.jobs, ray=args.ray)
    try:
        report = run_with_progress(lambda progress: ingest.analyse(args.paths, out, progress, options))
    except KeyboardInterrupt:
        err.print(f"Interrupted; nothing was written to {escaped(str(out))}.")
        return 130
    if not report.articles:  # nothing is written: an archive there before stays as it was
        err.print(f"No article could be analysed, so nothing was written to {escaped(str(out))}.")
        for path, reason in report.skipped:
            err.print(Text(f"  skipped: {escaped(path)}: {escaped(reason)}", style="yellow"))
        return EXIT_USAGE if report.skipped else EXIT_NOTHING
    size = out.stat().st_size / (1024 * 1024)
    err.print(
        f"Wrote {report.articles} articles of {report.files} files to {escaped(str(out))} ({size:.1f} MB); "
        f"skipped {len(report.skipped)}. `quotedesk index {escaped(str(out))}` adds them to a library."
    )
    for path, reason in report.skipped:
        err.print(Text(f"  skipped: {escaped(path)}: {escaped(reason)}", style="yellow"))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be 1 or more.")
    with open_library(args) as library:
        result = library.search(args.query, limit=args.limit, sort=args.sort)
        print_notices(library)
    if args.json:
        records.write_json_list(sys.stdout, (records.hit_record(hit) for hit in result.hits))
    elif not result.hits:
        message = f"Nothing matches “{args.query}”."
        if result.suggestion:
            message += f" Did you mean: {result.suggestion}"
        err.print(message)
    else:
        for hit in result.hits:
            head = Text()
            head.append(hit.article_id[:8], style="dim")
            head.append("  ")
            head.append(escaped(hit.title), style="bold")
            head.append(f"  {escaped(outlet_label(hit.outlet))}", style="cyan")
            if hit.date:
                head.append(f"  {hit.date}", style="green")
            out.print(head)
            snippet = Text(printable(hit.snippet))
            for start, end in hit.snippet_spans:
                snippet.stylize("bold yellow", start, end)
            snippet.pad_left(4)
            out.print(snippet)
        err.print(f"{len(result.hits)} of {result.total} matching articles.")
    if not result.hits and result.suggestion and args.json:
        err.print(f"Did you mean: {result.suggestion}")
    return EXIT_OK if result.hits else EXIT_NOTHING


def cmd_articles(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        summaries = library.article_summaries(args.sort)
        if args.unread:
            read = library.read_articles()
            summaries = [summary for summary in summaries if summary.id not in read]
    if args.json:
        records.write_json_list(sys.stdout, (records.article_record(summary) for summary in summaries))
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("id", "date", "source", "title"):
            table.add_column(column, overflow="fold" if column == "title" else "ellipsis", no_wrap=column != "title")
        for s in summaries:
            outlet = Text(escaped(outlet_label(s.outlet)), style="cyan")
            table.add_row(Text(s.id[:8], style="dim"), Text(escaped(s.date)), outlet, Text(escaped(s.title)))
        print_table(table)
    return EXIT_OK if summaries else EXIT_NOTHING


def cmd_mark(args: argparse.Namespace) -> int:
    if bool(args.ids) == args.all:
        raise UsageError("Name the articles to mark (ids as `quotedesk articles` lists them), or give --all.")
    with open_library(args) as library:
        if args.all:
            ids = [summary.id for summary in library.article_summaries()]
        else:
            ids = [library.find_article(prefix).id for prefix in args.ids]
        if args.unread:
            count = library.mark_unread(ids)
            err.print(f"Marked {count} article(s) unread ({len(ids) - count} were unread already).")
        else:
            count = library.mark_all_read(ids)
            err.print(f"Marked {count} article(s) read ({len(ids) - count} were read already).")
        print_notices(library)
    return EXIT_OK


def cmd_unread(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        counts = library.unread_by_outlet()
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], outlet_label(item[0]).casefold()))
    if args.json:
        records.write_json_list(
            sys.stdout, ({"outlet": outlet, "unread": unread, "articles": total} for outlet, (unread, total) in rows)
        )
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("unread", "articles", "outlet"):
            table.add_column(column, justify="right" if column != "outlet" else "left")
        for outlet, (unread, total) in rows:
            table.add_row(str(unread), str(total), Text(escaped(outlet_label(outlet)), style="cyan"))
        table.add_row(
            Text(str(sum(u for u, _ in counts.values())), style="bold"),
            Text(str(sum(t for _, t in counts.values())), style="bold"),
            Text("all outlets", style="bold"),
        )
        print_table(table)
    return EXIT_OK if any(unread for unread, _ in counts.values()) else EXIT_NOTHING


def cmd_saved(args: argparse.Namespace) -> int:
    action, rest = args.action, list(args.args)
    if action == "add" and len(rest) < 2:
        raise UsageError("saved add needs a NAME and a QUERY: quotedesk saved add ukraine 'Kirby OR Blinken'.")
    if action in ("remove", "run") and len(rest) != 1:
        raise UsageError(f"saved {action} needs the NAME of one saved search (`quotedesk saved list` shows them).")
    if action == "list" and rest:
        raise UsageError("saved list takes no arguments.")
    with open_library(args) as library:
        if action == "add":
            saved = library.save_search(rest[0], " ".join(rest[1:]))
            total, _new = library.saved_search_counts(saved)
            err.print(f"Saved “{saved.name}”: {saved.query} ({total} article(s) match now).")
            return EXIT_OK
        if action == "remove":
            library.remove_saved_search(rest[0])
            err.print(f"Removed the saved search “{rest[0]}”.")
            return EXIT_OK
        if action == "run":
            saved = library.saved_search(rest[0])
            before = saved.seen
            result = library.search(saved.query, limit=args.limit)
            library.mark_search_viewed(saved.name)
            print_notices(library)
            return _print_saved_run(saved.query, result, before, as_json=args.json)
        searches = library.saved_searches()
        counted = [(saved, *library.saved_search_counts(saved)) for saved in searches]
    if args.json:
        records.write_json_list(
            sys.stdout,
            (
                {"name": s.name, "query": s.query, "total": total, "new": new, "viewed": s.viewed}
                for s, total, new in counted
            ),
        )
        return EXIT_OK if counted else EXIT_NOTHING
    if not counted:
        err.print("No saved searches yet; `quotedesk saved add NAME QUERY` saves one (S in the reader).")
        return EXIT_NOTHING
    table = Table(box=None, pad_edge=False)
    for column in ("name", "new", "total", "query"):
        table.add_column(column, justify="right" if column in ("new", "total") else "left")
    for saved, total, new in counted:
        table.add_row(
            Text(escaped(saved.name), style="cyan"),
            Text(str(new), style="bold" if new else "dim"),
            str(total),
            Text(escaped(saved.query)),
        )
    print_table(table)
    return EXIT_OK


def _print_saved_run(query: str, result: SearchResult, before: set[str], *, as_json: bool) -> int:
    if as_json:
        records.write_json_list(
            sys.stdout, ({**records.hit_record(hit), "new": hit.article_id not in before} for hit in result.hits)
        )
        return EXIT_OK if result.hits else EXIT_NOTHING
    for hit in result.hits:
        head = Text()
        head.append("new " if hit.article_id not in before else "    ", style="bold green")
        head.append(hit.article_id[:8], style="dim")
        head.append("  ")
        head.append(escaped(hit.title), style="bold")
        head.append(f"  {escaped(outlet_label(hit.outlet))}", style="cyan")
        if hit.date:
            head.append(f"  {hit.date}", style="green")
        out.print(head)
    err.print(f"{len(result.hits)} of {result.total} matching articles for {query}.")
    return EXIT_OK if result.hits else EXIT_NOTHING


def cmd_show(args: argparse.Namespace) -> int:
    from index import web

    with open_library(args) as library:
        article = library.find_article(args.id)
        quotes = library.quotes(article_id=article.id)
        page = web.page_of(library, article.id)
    if args.json:
        data = records.article_detail_record(article, len(quotes))
        if page is not None:
            data["fetched"] = page.fetched
        records.write_json(sys.stdout, data)
        return EXIT_OK
    out.print(Text(escaped(article.title), style="bold"))
    parts = (outlet_label(article.outlet), article.byline, article.date, article.path)
    meta = " · ".join(escaped(part) for part in parts if part)
    out.print(Text(meta, style="dim"))
    if page is not None:
        out.print(Text(f"{article.url or page.url} · fetched {page.fetched.replace('T', ' ')}", style="dim"))
    out.print()
    body = Text(printable(article.body))  # one character for one: the quote offsets still hold
    for quote in quotes:
        body.stylize("italic cyan", quote.start, quote.end)
    out.print(body)
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    _check_ray(args, nlp=args.nlp, without_nlp="add --nlp to run it again.")
    with Library.open(args.library) as library:
        count = 0

        def job(progress: Callable[[IngestProgress], None]) -> IngestReport:
            nonlocal count
            count = library.reindex(progress, nlp=args.nlp, jobs=args.jobs, ray=args.ray)
            return IngestReport()

        run_with_progress(job)
        err.print(f"Rebuilt the search index: {count} articles.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 1 for a damaged store or index, or one that disagrees with the store; what an interrupted
    run left (an index only behind, links not redone) is said, and is no failure: the next run does it."""
    with Library.open(args.library) as library:
        report = library.check_report()
        root = library.root
    for problem in report.problems:
        err.print(Text(problem, style="red"))
    for pending in report.pending:
        err.print(Text(pending, style="yellow"))
    if report.fix == "repair":
        err.print(
            f"Run `quotedesk repair --library {root}` to restore the backup, keep your bookmarks, notes and "
            "read marks, and read your files again."
        )
    elif report.problems:
        err.print("Run `quotedesk reindex` to rebuild the search index from the library.")
    if report.problems:
        return EXIT_NOTHING
    if report.pending:
        err.print("The library is whole; the next run finishes what the last one left.")
    else:
        err.print("The library is whole and its search index agrees with it.")
    return EXIT_OK


def cmd_repair(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more.")
    outcome: list[RepairReport] = []

    def job(progress: Callable[[IngestProgress], None]) -> IngestReport:
        outcome.append(Library.repair(args.library, progress, nlp=not args.no_nlp, jobs=args.jobs))
        return IngestReport()

    run_with_progress(job)
    report = outcome[0]
    if report.whole:
        err.print("The library database is whole: nothing to repair (`quotedesk check` compares it with its index).")
        return EXIT_OK
    err.print(Text(f"The library database was damaged ({report.problem}); it is kept at {report.kept_at}."))
    if report.restored_from is not None:
        err.print(Text(f"Restored the backup of {report.restored_time} ({report.restored_from})."))
    else:
        err.print("There was no usable backup: the library was built anew.")
    if report.readable:
        err.print(f"Read from the damaged file: {report.salvaged_articles} articles newer than the backup.")
    else:
        err.print("Nothing could be read from the damaged file.")
    err.print(
        f"Kept {report.bookmarks} bookmarks and {report.read_marks} read marks; read {report.files_read} files again; "
        f"the library holds {report.articles} articles."
    )
    for path, reason in report.skipped:
        err.print(Text(f"  skipped: {path}: {reason}", style="yellow"))
    if report.lost_files:
        count = len(report.lost_files)
        gone = "1 file is gone and its" if count == 1 else f"{count} files are gone and their"
        hint = "add them again with `quotedesk index PATH` if you still have them"
        err.print(Text(f"{gone} articles could not be read; {hint}:", style="yellow"))
        for path in report.lost_files[:20]:
            err.print(Text(f"  {path}", style="yellow"))
        if len(report.lost_files) > 20:
            err.print(f"  … and {len(report.lost_files) - 20} more")
    return EXIT_OK


def cmd_actors(args: argparse.Namespace) -> int:
    if args.action != "list":
        return _edit_aliases(args)
    with open_library(args) as library:
        actors = library.actors()
    if args.json:
        records.write_json_list(sys.stdout, (records.actor_record(actor) for actor in actors))
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("name", "kind", "articles", "quotes", "sources", "also written"):
            table.add_column(column, overflow="fold")
        for a in sorted(actors, key=lambda a: (-a.quote_count, -len(a.articles), a.name)):
            table.add_row(
                Text(escaped(a.name), style="bold"),
                Text(a.kind),
                str(len(a.articles)),
                str(a.quote_count),
                Text(escaped(outlets_cell(a.outlets))),
                Text(escaped(", ".join(a.aliases[:4]))),
            )
        print_table(table)
    return EXIT_OK if actors else EXIT_NOTHING


def _edit_aliases(args: argparse.Namespace) -> int:
    needed = NAMES_PER_EDIT[args.action]
    if len(args.names) != needed:
        raise UsageError(f"`actors {args.action}` takes {needed} name{'s' if needed > 1 else ''}.")
    with Library.open(args.library) as library:
        path = library.edit_aliases(args.action, args.names)
    err.print(f"Saved to {path} and relinked the library.")
    return EXIT_OK


def _actor_id(library: Library, name: str) -> str:
    """The actor `--actor NAME` means; when the name could mean others too, say so on stderr."""
    match = library.match_actor(name)
    if match.others:
        others = ", ".join(a.name for a in match.others[:5])
        more = f" and {len(match.others) - 5} more" if len(match.others) > 5 else ""
        err.print(Text(f"“{name}” taken as {match.actor.name}; it could also be {others}{more}.", style="yellow"))
    return match.actor.id


def _quotes_spec(library: Library, actor: str | None, article: str | None, title: str = "Quotes") -> ExportSpec:
    """The quotes of the actor and/or article named on the command line (all quotes when neither is)."""
    actor_id = _actor_id(library, actor) if actor else None
    article_id = library.find_article(article).id if article else None
    return ExportSpec("quotes", actor_id=actor_id, article_id=article_id, title=title)


def cmd_quotes(args: argparse.Namespace) -> int:
    if args.action == "correct":
        return _correct_quote(args)
    if args.action == "corrections":
        return _list_corrections(args)
    if args.quote_id or args.speaker or args.not_a_quote or args.clear:
        raise UsageError("A quote id, --speaker, --not-a-quote and --clear go with `quotes correct`.")
    with open_library(args) as library:
        spec = _quotes_spec(library, args.actor, args.article)
        if args.output:
            count = library.export(spec, args.format or format_for(args.output, "json"), args.output)
            err.print(f"Wrote {count} quotes to {args.output}.")
        elif args.format:
            text, count = library.export_text(spec, args.format)
            sys.stdout.write(text)
        else:
            quotes = library.quotes(actor_id=spec.actor_id, article_id=spec.article_id)
            articles: dict[str, Article] = {}
            count = len(quotes)
            for quote in quotes:
                article = articles.get(quote.article_id) or articles.setdefault(
                    quote.article_id, library.article(quote.article_id)
                )
                print_quote(quote, article)
    return EXIT_OK if count else EXIT_NOTHING


def _correct_quote(args: argparse.Namespace) -> int:
    if not args.quote_id:
        raise UsageError("`quotes correct` needs a quote id, as `quotedesk quotes` lists them (e45b4331:3).")
    if not (args.speaker or args.not_a_quote or args.clear):
        raise UsageError("`quotes correct` needs --speaker NAME, --not-a-quote or --clear.")
    if args.speaker is not None and not args.speaker.strip():
        raise UsageError("--speaker needs a name.")
    with Library.open(args.library) as library:
        path = library.corrections_file()
        if args.clear:
            removed = library.clear_correction(args.quote_id)
            err.print(Text(f"Removed {len(removed)} correction(s) from {path} and relinked the library."))
            return EXIT_OK
        known = {normalise_name(name) for actor in library.actors() for name in (actor.name, *actor.aliases)}
        correction = library.correct_quote(args.quote_id, speaker=args.speaker or "", not_a_quote=args.not_a_quote)
        quote_id = library.find_quote(args.quote_id).id
    shown = short_quote_id(quote_id)
    if correction.not_a_quote:
        message = f"Quote {shown} is marked not a quote: it is left out of quotes and statements."
    else:
        new = "" if normalise_name(correction.speaker) in known else " (a new actor: no article named them)"
        message = f"Quote {shown} is credited to {correction.speaker}{new}."
    err.print(Text(f"{message} Saved to {path} and relinked the library."))
    return EXIT_OK


def _list_corrections(args: argparse.Namespace) -> int:
    with Library.open(args.library) as library:
        statuses = library.corrections()
        path = library.corrections_file()
    if args.format == "json":
        records.write_json_list(sys.stdout, (records.correction_record(status) for status in statuses))
    elif args.format:
        raise UsageError("`quotes corrections` prints a table, or JSON with --format json.")
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("key", "quote", "correction", "words"):
            table.add_column(column, overflow="fold" if column == "words" else "ellipsis", no_wrap=column != "words")
        for status in statuses:
            correction = status.correction
            where = Text(short_quote_id(status.quote_id)) if status.quote_id else Text("not found", style="yellow")
            table.add_row(Text(correction.key, style="dim"), where, Text(correction.describe()), Text(correction.text))
        print_table(table)
    stale = [status for status in statuses if not status.quote_id]
    for status in stale:
        err.print(Text(f"  {status.correction.key}: {status.reason}; kept in {path}.", style="yellow"))
    if stale:
        err.print(
            f"{len(stale)} correction(s) find no quote now; remove one with `quotedesk quotes correct KEY --clear`."
        )
    if not statuses:
        err.print(f"No corrections yet ({path}); `quotedesk quotes correct QUOTE_ID --speaker NAME` makes one.")
    return EXIT_OK if statuses else EXIT_NOTHING


def short_quote_id(quote_id: str) -> str:
    """A quote id as the command line shows it: the article id's first 8 characters and the quote's number."""
    article_id, _, number = quote_id.rpartition(":")
    return f"{article_id[:8]}:{number}"


def print_quote(quote: Quote, article: Article) -> None:
    """One quote for people: its id, who and the cue, the kind, where; then its words (in quote marks only
    when direct), and for a doubtful speaker how it was found."""
    line = Text(short_quote_id(quote.id), style="dim")
    line.append("  ")
    if quote.doubtful:
        line.append("? ", style="bold yellow")
    line.append(escaped(lead(quote.speaker, quote.cue)), style="dim bold" if quote.doubtful else "bold")
    line.append(f" ({KIND_LABELS.get(quote.kind, quote.kind)})", style="dim")
    line.append(f"  {escaped(outlet_label(article.outlet))}", style="cyan")
    if article.date:
        line.append(f" {escaped(article.date)}", style="green")
    out.print(line)
    out.print(Text("    " + escaped(quoted(quote.text, quote.kind))))
    if quote.doubtful and has_evidence(quote, quote.speaker):
        out.print(Text("    ? " + escaped(evidence_text(quote, quote.speaker)), style="yellow"))


def cmd_statements(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        actor_id = _actor_id(library, args.actor) if args.actor else None
        statements = library.statements(actor_id=actor_id)
    if args.json:
        records.write_json_list(sys.stdout, (records.statement_record(statement) for statement in statements))
    else:
        for s in statements:
            first = s.reports[0].quote if s.reports else None
            head = lead(s.speaker, first.cue) if first is not None else s.speaker or UNKNOWN_SPEAKER
            line = Text(f"{escaped(head)}: ", style="bold")
            line.append(escaped(quoted(s.text, first.kind) if first is not None else s.text))
            if first is not None and not is_direct(first.kind):
                line.append(f"  ({KIND_LABELS.get(first.kind, first.kind)})", style="dim")
            out.print(line)
            for number, r in enumerate(s.reports):
                label = "first" if number == 0 else "also"
                line = Text(f"    {label}: ", style="dim")
                line.append(escaped(outlet_label(r.outlet)), style="cyan")
                line.append(f" {r.date}" if r.date else "", style="green")
                if number and lead(s.speaker, r.quote.cue) != head:
                    line.append(f" · {cue_words(r.quote.cue) or 'no cue'}", style="dim")
                if number and r.quote.kind != (first.kind if first is not None else ""):
                    line.append(f" · {KIND_LABELS.get(r.quote.kind, r.quote.kind)}", style="dim")
                if r.link_reason:
                    line.append(f" · linked: {r.link_reason}", style="dim")
                out.print(line)
                if number:
                    diff = word_diff_text(r.diff, styles=WDIFF_STYLES, marks=WDIFF_MARKS)
                    diff.pad_left(6)
                    out.print(diff)
        across = sum(1 for s in statements if s.cross_outlet)
        many = "statements" if len(statements) != 1 else "statement"
        err.print(f"{len(statements)} {many} reported in two or more articles; {across} by two or more outlets.")
    return EXIT_OK if statements else EXIT_NOTHING


def cmd_bookmarks(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        bookmarks = library.bookmarks()
        quotes = {b.id: library.bookmarked_quote(b) for b in bookmarks if b.quote_id}
    if args.json:
        records.write_json_list(sys.stdout, (records.bookmark_record(b, quotes.get(b.id)) for b in bookmarks))
    else:
        for b in bookmarks:
            line = Text(f"{b.id:>3} ", style="dim")
            line.append(b.kind, style="magenta")
            line.append(f"  {escaped(b.title)}", style="bold")
            line.append(f"  {escaped(outlet_label(b.outlet))}", style="cyan")
            out.print(line)
            if b.text:
                quote = quotes.get(b.id)
                if quote is not None:
                    out.print(Text("      " + escaped(citation(quote, b.speaker))))
                else:  # the library no longer has that quote: its kind is not known, so no quote marks
                    out.print(Text(escaped(f"      {b.speaker or UNKNOWN_SPEAKER}: {b.text}")))
            if b.note:
                out.print(Text(escaped(f"      note: {b.note}"), style="italic"))
    return EXIT_OK if bookmarks else EXIT_NOTHING


def cmd_export(args: argparse.Namespace) -> int:
    fmt = args.format or format_for(args.output)
    if args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists; add --force to overwrite it or choose another name.")
    if args.what in ("actor", "article", "search") and not args.target:
        needed = {"actor": "name", "search": "query"}.get(args.what, "article id")
        raise UsageError(f"`export {args.what}` needs a {needed}.")
    with open_library(args) as library:
        if args.what == "search":
            spec = ExportSpec("search", query=args.target)
        elif args.what == "bookmarks":
            spec = ExportSpec("bookmarks")
        else:
            actor = args.target if args.what == "actor" else None
            article = args.target if args.what == "article" else None
            spec = _quotes_spec(library, actor, article, f"Quotes: {args.target}" if args.target else "Quotes")
        count = library.export(spec, fmt, args.output)
    err.print(f"Wrote {count} rows to {args.output} ({fmt}).")
    return EXIT_OK if count else EXIT_NOTHING


# --- the web: pages, feeds, watched folders ---------------------------------------------------------


def _fetcher(args: argparse.Namespace) -> Fetcher:
    if args.timeout <= 0 or args.delay < 0:
        raise UsageError("--timeout must be more than 0 and --delay 0 or more.")
    return Fetcher(timeout=args.timeout, host_delay=args.delay)


def _check_jobs(args: argparse.Namespace) -> None:
    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more.")


def _add_sources(
    library: Library, fetcher: Fetcher, urls: Sequence[str], paths: Sequence[Path], *, nlp: bool, jobs: int
) -> web.UrlReport:
    """Fetch the pages and add them with the files in one run; each failed address is one line."""
    from index import web

    def fetched(url: str, error: str) -> None:
        if error:
            err.print(Text(f"  not added: {url}: {error}", style="yellow"))

    result: list[web.UrlReport] = []

    def job(progress: Callable[[IngestProgress], None]) -> IngestReport:
        result.append(web.add_urls(library, urls, fetcher, progress, nlp=nlp, jobs=jobs, paths=paths, on_fetch=fetched))
        return result[0].ingest

    report = run_with_progress(job)
    print_summary(report, library, paths=paths)
    return result[0]


def cmd_add(args: argparse.Namespace) -> int:
    _check_jobs(args)
    urls = [value for value in args.sources if is_web_address(value)]
    paths = [Path(value) for value in args.sources if not is_web_address(value)]
    with Library.open(args.library) as library, _fetcher(args) as fetcher:
        result = _add_sources(library, fetcher, urls, paths, nlp=not args.no_nlp, jobs=args.jobs)
    report = result.ingest
    if report.added or report.updated or report.unchanged or report.duplicates:
        return EXIT_OK
    return EXIT_USAGE if (result.failed or report.skipped) else EXIT_NOTHING


def cmd_feeds(args: argparse.Namespace) -> int:
    from index import feeds

    action = args.action
    wanted = {"add": (1, 1), "import": (1, 1), "remove": (1, None), "list": (0, 0), "export": (0, 0)}
    low, high = wanted.get(action, (0, None))
    if len(args.targets) < low or (high is not None and len(args.targets) > high):
        usage = {
            "add": "`quotedesk feeds add URL|FILE`",
            "import": "`quotedesk feeds import FILE.opml`",
            "remove": "`quotedesk feeds remove FEED...` (its number, address or title)",
        }
        raise UsageError(f"Write {usage.get(action, f'`quotedesk feeds {action}` with no more words')}.")
    with Library.open(args.library) as library:
        try:
            if action == "list":
                return _list_feeds(library, as_json=args.json)
            if action == "export":
                return _export_feeds(library, args.output)
            if action == "import":
                added, already = feeds.import_opml(library, Path(args.targets[0]).expanduser())
                err.print(
                    f"Following {added} more {'feed' if added == 1 else 'feeds'} ({already} already followed); "
                    "`quotedesk feeds refresh` fetches them."
                )
                return EXIT_OK if added or already else EXIT_NOTHING
            if action == "remove":
                for target in args.targets:
                    gone = feeds.remove_feed(library, target)
                    err.print(Text(f"No longer following {gone.name} ({gone.url}); its articles stay in the library."))
                return EXIT_OK
            _check_jobs(args)
            with _fetcher(args) as fetcher:
                if action == "add":
                    feed, count = feeds.add_feed(library, fetcher, args.targets[0], outlet=args.outlet)
                    entries = "1 entry" if count == 1 else f"{count} entries"
                    err.print(
                        Text(
                            f"Following {feed.name} (feed {feed.id}, {entries} now); "
                            "`quotedesk feeds refresh` brings them in."
                        )
                    )
                    return EXIT_OK
                return _refresh_feeds(library, fetcher, args)
        except feeds.FeedError as error:
            raise UsageError(str(error)) from None


def _list_feeds(library: Library, *, as_json: bool) -> int:
    from index import feeds

    followed = feeds.feeds(library)
    if as_json:
        records.write_json_list(sys.stdout, (feeds.feed_record(feed) for feed in followed))
        return EXIT_OK if followed else EXIT_NOTHING
    if not followed:
        err.print("No feeds yet; `quotedesk feeds add URL` follows one.")
        return EXIT_NOTHING
    table = Table(box=None, pad_edge=False)
    for column in ("feed", "title", "articles", "unread", "refreshed", "address"):
        table.add_column(column, overflow="fold" if column in ("title", "address") else "ellipsis")
    for feed in followed:
        state = Text(feed.error, style="red") if feed.error else Text(feed.refreshed.replace("T", " ")[:16] or "never")
        articles = Text(str(feed.stored) + (f" (+{feed.pending} waiting)" if feed.pending else ""))
        count = Text(str(feed.unread))
        row = (Text(str(feed.id), style="dim"), Text(feed.name, style="cyan"), articles, count, state, Text(feed.url))
        table.add_row(*row)
    print_table(table)
    return EXIT_OK


def _export_feeds(library: Library, output: Path | None) -> int:
    from index import feeds

    document = feeds.export_opml(library)
    if output is None:
        out.file.write(document)
        return EXIT_OK
    from index.atomic import write_text_atomic

    try:
        write_text_atomic(output, document)
    except OSError as error:
        raise UsageError(f"Cannot write {output} ({error.strerror or error}).") from None
    err.print(f"Wrote {len(feeds.feeds(library))} feeds to {output} (OPML).")
    return EXIT_OK


def _refresh_feeds(library: Library, fetcher: Fetcher, args: argparse.Namespace) -> int:
    from index import feeds

    def told(outcome: feeds.FeedOutcome) -> None:
        name = outcome.feed.name
        if outcome.error:
            err.print(Text(f"{name}: {outcome.error}", style="red"))
        elif outcome.not_modified:
            err.print(Text(f"{name}: unchanged"))
        for where, why in outcome.entry_errors[:5]:
            err.print(Text(f"  {where}: {why}", style="yellow"))
        if len(outcome.entry_errors) > 5:
            err.print(f"  … and {len(outcome.entry_errors) - 5} more entries that failed")

    result: list[feeds.RefreshReport] = []

    def job(progress: Callable[[IngestProgress], None]) -> IngestReport:
        result.append(
            feeds.refresh(
                library,
                fetcher,
                jobs=args.jobs,
                nlp=not args.no_nlp,
                only=args.targets,
                progress=progress,
                on_feed=told,
            )
        )
        return result[0].ingest

    if not feeds.feeds(library):
        err.print("No feeds yet; `quotedesk feeds add URL` follows one.")
        return EXIT_NOTHING
    report = run_with_progress(job)
    refreshed = result[0]
    for outcome in refreshed.feeds:
        if outcome.new:
            err.print(Text(f"{outcome.feed.name}: {outcome.new} new"))
        elif not (outcome.error or outcome.not_modified):  # fetched whole, but every entry known already
            err.print(Text(f"{outcome.feed.name}: nothing new"))
    if report.total_seen:
        print_summary(report, library)
    else:
        err.print(f"Nothing new; the library holds {library.count()} articles.")
    failed = [outcome for outcome in refreshed.feeds if outcome.error]
    if failed and len(failed) == len(refreshed.feeds):
        return EXIT_USAGE
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from index import watch

    _check_jobs(args)
    folders = [path.expanduser() for path in args.paths]
    try:
        watch.check_folders(folders)
    except ValueError as error:
        raise UsageError(str(error)) from None
    with Library.open(args.library) as library:
        if not args.once:
            shown = ", ".join(str(folder) for folder in folders)
            err.print(Text(f"Watching {shown}; files that land there are added (Ctrl-C stops)."))
        watch.watch(
            library,
            folders,
            lambda batch: print_batch(batch, library),
            nlp=not args.no_nlp,
            jobs=args.jobs,
            once=args.once,
        )
    return EXIT_OK


def print_batch(batch: WatchBatch, library: Library) -> None:
    """One line per watched batch: when, how many files, what became of them; then any skipped file."""
    import datetime as dt

    when = dt.datetime.now().strftime("%H:%M:%S")
    files = f"{len(batch.files)} file" + ("" if len(batch.files) == 1 else "s")
    if batch.waiting:
        err.print(Text(f"{when} {files} wait: {batch.waiting}", style="yellow"))
        return
    report = batch.report
    err.print(
        Text(
            f"{when} {files}: added {len(report.added)}, updated {len(report.updated)}, "
            f"unchanged {report.unchanged}, duplicates {len(report.duplicates)}, skipped {len(report.skipped)}; "
            f"the library holds {library.count()} articles."
        )
    )
    for path, reason in report.skipped:
        err.print(Text(f"  skipped: {path}: {reason}", style="yellow"))


COMMAND_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "read": cmd_read,
    "index": cmd_index,
    "analyse": cmd_analyse,
    "search": cmd_search,
    "articles": cmd_articles,
    "show": cmd_show,
    "reindex": cmd_reindex,
    "check": cmd_check,
    "repair": cmd_repair,
    "actors": cmd_actors,
    "quotes": cmd_quotes,
    "statements": cmd_statements,
    "bookmarks": cmd_bookmarks,
    "export": cmd_export,
    "add": cmd_add,
    "feeds": cmd_feeds,
    "watch": cmd_watch,
    "mark": cmd_mark,
    "unread": cmd_unread,
    "saved": cmd_saved,
}


if __name__ == "__main__":
    sys.exit(main())
