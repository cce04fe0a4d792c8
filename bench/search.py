"""Search latency over the BBC library, and the cost of opening a library in a fresh process.

The library (BBC, ingested without NLP) is built once into bench/.cache/bbc-plain and reused;
`--rebuild` builds it afresh (do that after changing the index schema or the cleaner).
For each query kind: median and p95 over `--repeats` runs after one warm-up, with snippets
(as `quotedesk search` shows them, limit 50), without snippets, and as the reader asks
(limit 1000, no snippets). Then, in fresh processes: import + `Library.open` + first search,
checking that spaCy was never imported.

Prints tables and writes bench/results/search.json.
Usage: python bench/search.py [--corpus DIR] [--repeats N] [--cold-runs N] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BBC,
    CACHE,
    ROOT,
    folder_size_mb,
    isolate_user_dirs,
    latency,
    peak_rss_mb,
    print_table,
    repeat,
    timed,
    write_results,
)

# (kind, query, sort): one of each thing the query language does, on words the BBC corpus has.
QUERIES = [
    ("word", "election", "score"),
    ("common word", "said", "score"),
    ("two words", "labour election", "score"),
    ("phrase", '"prime minister"', "score"),
    ("prefix", "econom*", "score"),
    ("fuzzy", "electon~", "score"),
    ("fuzzy 2", "goverment~2", "score"),
    ("field", "title:economy", "score"),
    ("boolean", "(blair OR brown) NOT election", "score"),
    ("date-sorted word", "election", "date"),
    ("date-sorted common", "said", "date"),
    ("no hits (suggestion)", "electoin", "score"),
]

# Runs in a fresh interpreter: how long until the first search answers, and is spaCy loaded?
COLD_PROBE = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from index.library import Library
imported = time.perf_counter()
library = Library.open({library!r})
opened = time.perf_counter()
result = library.search({query!r}, limit=50)
searched = time.perf_counter()
import resource
print(json.dumps({{
    "import_s": imported - started, "open_s": opened - imported, "first_search_s": searched - opened,
    "total_s": searched - started, "hits": result.total, "spacy_imported": "spacy" in sys.modules,
    "thinc_imported": "thinc" in sys.modules, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""


def bbc_library(corpus: Path, rebuild: bool) -> tuple[Path, dict]:
    """The cached BBC library (no NLP), built when absent; with the build figures when built now."""
    from index.library import Library

    root = CACHE / f"{corpus.name}-plain"
    marker = root / "bench-complete"
    if rebuild or not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        from ingest import corpus_files

        files = corpus_files(corpus, None)
        print(f"building {root} from {len(files)} files (no NLP) …", flush=True)
        with Library.open(root) as library:
            seconds, report = timed(lambda: library.add(files, nlp=False))
        marker.write_text(json.dumps({"files": len(files), "added": len(report.added), "add_s": seconds}))
    return root, json.loads(marker.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC, help="folder of articles (default: ../shared BBC)")
    parser.add_argument("--repeats", type=int, default=15, help="timed runs per query and mode")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes for the open+first-search time")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached library")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    args = parser.parse_args()
    isolate_user_dirs()
    if not args.corpus.is_dir():
        print(
            f"Skipped: no corpus at {args.corpus} (the BBC corpus lives in ../shared/corpora/bbc; pass --corpus DIR)."
        )
        return 0

    from index.library import Library

    root, build = bbc_library(args.corpus, args.rebuild)
    library = Library.open(root)
    articles = library.count()

    modes = {
        "snippets, limit 50": dict(limit=50, snippets=True),
        "no snippets, limit 50": dict(limit=50, snippets=False),
        "reader: no snippets, limit 1000": dict(limit=1000, snippets=False),
    }
    queries = []
    for kind, query, sort in QUERIES:
        entry = {"kind": kind, "query": query, "sort": sort}
        for mode, options in modes.items():
            entry["total"] = library.search(query, sort=sort, **options).total
            entry[mode] = repeat(
                lambda query=query, sort=sort, options=options: library.search(query, sort=sort, **options),
                args.repeats,
                budget_s=5,
            )
        queries.append(entry)
    rows = [
        [e["kind"], e["query"], e["sort"], e["total"]]
        + [f"{e[m]['median_ms']:.1f} / {e[m]['p95_ms']:.1f}" for m in modes]
        for e in queries
    ]
    print_table(
        f"Search latency over {articles} articles, ms "
        f"(median / p95 of up to {args.repeats}; slow cases stop after 5 s)",
        ["kind", "query", "sort", "hits", *modes],
        rows,
    )

    # The reading view highlights the query in the article body on every article shown.
    sample = max(library.article_summaries("title"), key=lambda s: s.id)  # any article, the same each run
    body = library.article(sample.id).body
    highlight = {
        query: repeat(lambda query=query: library.highlight_spans(body, query), args.repeats)
        for query in ("election", "econom* said", "electon~")
    }
    print_table(
        f"highlight_spans on one article body ({len(body)} characters), ms",
        ["query", "median", "p95"],
        [[q, h["median_ms"], h["p95_ms"]] for q, h in highlight.items()],
    )
    library.close()

    cold = []
    for _ in range(args.cold_runs):
        code = COLD_PROBE.format(root=str(ROOT), library=str(root), query="election")
        started = time.perf_counter()
        finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        cold.append({**json.loads(finished.stdout.strip().splitlines()[-1]), "process_wall_s": wall})
    spacy_seen = any(run["spacy_imported"] or run["thinc_imported"] for run in cold)
    cold_summary = {
        name: latency([run[name] for run in cold])
        for name in ("import_s", "open_s", "first_search_s", "total_s", "process_wall_s")
    }
    print_table(
        f"Cold process: import + Library.open + first search (median / p95 of {args.cold_runs} runs), ms",
        ["step", "median", "p95"],
        [[name, s["median_ms"], s["p95_ms"]] for name, s in cold_summary.items()]
        + [
            ["spaCy imported", "yes" if spacy_seen else "no", ""],
            ["peak RSS of the probe (MiB)", round(max(run["peak_rss_mb"] for run in cold), 1), ""],
        ],
    )

    if not args.no_write:
        out = write_results(
            "search",
            {
                "corpus": args.corpus.name,
                "articles": articles,
                "library_build": build,
                "index_mb": folder_size_mb(root / "index"),
                "repeats": args.repeats,
                "queries": queries,
                "highlight_spans": {"body_chars": len(body), "queries": highlight},
                "cold_open": {"runs": cold, "summary": cold_summary, "spacy_imported": spacy_seen},
                "peak_rss_mb": peak_rss_mb(),
            },
        )
        print(f"wrote {out}")
    if spacy_seen:
        print("FAIL: opening and searching a library imported spaCy.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
