"""Ingest speed beside its references, measured in the same run: quotedesk's spaCy ingest against
bare `nlp.pipe` of the same model on the same texts, and its no-NLP ingest against a raw Whoosh
build of the same documents.

Every configuration runs in a fresh child process on a fresh temp library (its peak RSS is its
own), and the configurations compared run in turn, round after round (A B A B …), so that a busy
machine slows them alike; ratios are median over median.

- spaCy (`--nlp-files`, default 300 BBC files taken round-robin across its folders):
  `Library.add(files, nlp=True, jobs=1)`, the same with `jobs=2`, and the reference: the same
  pipeline (`index.nlp.load_pipeline`, loading included, as an ingest loads it) running
  `nlp.pipe` over the articles' texts exactly as ingest hands them over (the paragraphs
  joined), nothing else. Each ingest's time is split by its progress events: reading, cleaning,
  analysis and storing; library-wide linking; the Whoosh write and commit. With `--ray`, also
  `Library.add(files, nlp=True, ray="")`: the analysis on a local Ray cluster of this machine's
  CPUs, started by the run as `quotedesk index --ray` starts it (its start-up is in its time);
  each configuration's articles a second are reported beside the others'.
- no NLP (the 2.2k and 22k corpora of bench/corpus.py): `Library.add(files, nlp=False)`, then
  the same `add` again (files unchanged: the stat check skips hashing), then `reindex()`; and the
  reference: Whoosh's own writer (`index.writer()`, default options) adding the same documents
  (built from the store beforehand, untimed) with the same schema, one commit.

Prints tables and writes bench/results/ingest.json (with `--merge`, this run's figures are added
to the file's, which are kept; with `--ray` the spaCy comparison is written as "spacy_ray").
Usage: python bench/ingest.py [--nlp-files N] [--rounds N] [--ray] [--sizes 2.2k,22k] [--plain-rounds N]
                              [--no-write | --merge]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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

DEFAULT_NLP_FILES = 300


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


# --- the children: one configuration each, on a fresh library -----------------------------------


def _files(files_list: Path) -> list[Path]:
    return [Path(line) for line in json.loads(files_list.read_text(encoding="utf-8"))]


def _cpu_s() -> tuple[float, float]:
    """CPU seconds used by this process, and by its finished children (the analysis workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def ingest_phase(files_list: Path, nlp: bool, jobs: int, again: bool, ray: bool = False) -> dict:
    """`Library.add` on a fresh library, its time split by progress events; then (with `again`)
    the same add over the unchanged files, and `reindex()`. With `ray`, the analysis runs on a
    local Ray cluster the add starts."""
    from index.library import DATABASE, Library

    files = _files(files_list)
    megabytes = sum(path.stat().st_size for path in files) / (1024 * 1024)
    root = Path(tempfile.mkdtemp(prefix="quotedesk-bench-ingest-"))
    first_seen: dict[str, float] = {}

    def progress(event) -> None:
        first_seen.setdefault(event.phase, time.perf_counter())

    try:
        with Library.open(root) as library:
            load_before = os.getloadavg()
            cpu_before = _cpu_s()
            started = time.perf_counter()
            report = library.add(files, progress, nlp=nlp, jobs=jobs, ray="" if ray else None)
            finished = time.perf_counter()
            cpu_self, cpu_children = (after - before for after, before in zip(_cpu_s(), cpu_before, strict=True))
            load_after = os.getloadavg()
            linking = first_seen.get("linking")
            indexing = first_seen.get("indexing", finished)
            phases = {
                "read_analyse_store_s": round((linking or indexing) - started, 2),
                "linking_s": round(indexing - linking, 2) if linking else 0.0,
                "index_write_commit_s": round(finished - indexing, 2),
            }
            result = {
                "nlp": nlp,
                "jobs": jobs,
                "ray": ray,
                "cpus": os.cpu_count(),
                "files": len(files),
                "input_mb": round(megabytes, 2),
                "added": len(report.added),
                "duplicates": len(report.duplicates),
                "add_s": round(finished - started, 2),
                "phases": phases,
                "files_per_s": round(len(files) / (finished - started), 1),
                "articles_per_s": round(len(report.added) / (finished - started), 2),
                "peak_rss_mb": peak_rss_mb(),
                "peak_rss_children_mb": peak_rss_mb(children=True) or None,
                "add_cpu_s": round(cpu_self, 2),
                "add_cpu_children_s": round(cpu_children, 2),
                "load_avg_before_after": [round(x, 2) for x in (*load_before, *load_after)],
                "actors": len(library.actors()) if nlp else 0,
                "quotes": len(library.quotes()) if nlp else 0,
            }
            if again:
                started = time.perf_counter()
                rerun = library.add(files, nlp=nlp, jobs=jobs)
                result["rerun_unchanged_s"] = round(time.perf_counter() - started, 3)
                result["rerun_unchanged"] = rerun.unchanged
                result["rerun_added"] = len(rerun.added)
                started = time.perf_counter()
                result["reindexed"] = library.reindex()
                result["reindex_s"] = round(time.perf_counter() - started, 2)
            result["database_mb"] = round((root / DATABASE).stat().st_size / (1024 * 1024), 2)
            result["index_mb"] = folder_size_mb(root / "index")
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def pipe_phase(files_list: Path) -> dict:
    """Bare `nlp.pipe` over the texts ingest analyses (worked out first by a no-NLP add, untimed)."""
    from index.library import Library
    from index.model import PARAGRAPH_SEPARATOR

    files = _files(files_list)
    root = Path(tempfile.mkdtemp(prefix="quotedesk-bench-pipe-"))
    try:
        with Library.open(root) as library:
            library.add(files, nlp=False)
            texts = [PARAGRAPH_SEPARATOR.join(article.paragraphs) for article in library.store.articles()]
        load_before = os.getloadavg()
        started = time.perf_counter()
        from index.nlp import load_pipeline

        nlp = load_pipeline().nlp
        loaded = time.perf_counter()
        docs = sum(1 for _ in nlp.pipe(texts, batch_size=16))
        finished = time.perf_counter()
        return {
            "files": len(files),
            "texts": docs,
            "pipe_s": round(finished - started, 2),
            "load_s": round(loaded - started, 2),
            "components": nlp.pipe_names,
            "peak_rss_mb": peak_rss_mb(),
            "load_avg_before_after": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def whoosh_phase(files_list: Path) -> dict:
    """Whoosh's own writer adding the documents of those files (the store's, built untimed first)."""
    from whoosh import index as whoosh_index

    from index import indexing
    from index.library import Library
    from index.search import SearchIndex

    files = _files(files_list)
    root = Path(tempfile.mkdtemp(prefix="quotedesk-bench-whoosh-"))
    try:
        with Library.open(root) as library:
            library.add(files, nlp=False)
            store = library.store
            documents = [document.fields() for document in indexing.documents(store, indexing.fields_of(store))]
        folder = root / "raw-index"
        folder.mkdir()
        schema = SearchIndex(folder).schema
        load_before = os.getloadavg()
        started = time.perf_counter()
        writer = whoosh_index.create_in(str(folder), schema).writer()
        for document in documents:
            writer.add_document(**document)
        writer.commit()
        build_s = time.perf_counter() - started
        return {
            "files": len(files),
            "documents": len(documents),
            "build_s": round(build_s, 2),
            "index_mb": folder_size_mb(folder),
            "peak_rss_mb": peak_rss_mb(),
            "load_avg_before_after": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- the parent --------------------------------------------------------------------------------


def _run(work: Path, name: str, files: list[Path], *arguments: str) -> dict:
    listing = work / f"{name}.json"
    if not listing.exists():
        listing.write_text(json.dumps([str(path) for path in files]), encoding="utf-8")
    print(f"  {name} {' '.join(arguments)} …", flush=True)
    return run_phase(Path(__file__), ["--files-list", str(listing), *arguments], timeout=3600)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlp-files", type=int, default=DEFAULT_NLP_FILES, help="files for the spaCy runs (0: none)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the spaCy comparison")
    parser.add_argument("--no-jobs", action="store_true", help="leave out the jobs=2 spaCy ingest")
    parser.add_argument("--ray", action="store_true", help="add the spaCy ingest on a local Ray cluster")
    parser.add_argument("--sizes", default="2.2k,22k", help="corpora for the no-NLP runs ('' for none)")
    parser.add_argument("--plain-rounds", type=int, default=1, help="rounds of the no-NLP comparison")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    parser.add_argument("--merge", action="store_true", help="add this run's figures to the results file's")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one configuration
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--again", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--on-ray", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--files-list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    isolate_user_dirs()

    if args.phase in ("nlp", "plain"):
        emit_phase_result(ingest_phase(args.files_list, args.phase == "nlp", args.jobs, args.again, args.on_ray))
        return 0
    if args.phase == "pipe":
        emit_phase_result(pipe_phase(args.files_list))
        return 0
    if args.phase == "whoosh":
        emit_phase_result(whoosh_phase(args.files_list))
        return 0

    if not BBC.is_dir():
        print(f"Skipped: no corpus at {BBC} (the BBC corpus lives in ../shared/corpora/bbc).")
        return 0
    import corpus

    work = Path(tempfile.mkdtemp(prefix="quotedesk-bench-lists-"))
    results: dict = {"load_avg_start": [round(x, 2) for x in os.getloadavg()]}
    try:
        if args.nlp_files:
            nlp_files = corpus_files(BBC, args.nlp_files)
            print(f"spaCy: {len(nlp_files)} files, {args.rounds} rounds", flush=True)
            runs: dict[str, list[dict]] = {
                "quotedesk jobs=1": [],
                "nlp.pipe": [],
                "quotedesk jobs=2": [],
                "quotedesk --ray": [],
            }
            for _ in range(args.rounds):
                runs["quotedesk jobs=1"].append(_run(work, "nlp", nlp_files, "--phase", "nlp"))
                runs["nlp.pipe"].append(_run(work, "nlp", nlp_files, "--phase", "pipe"))
                if not args.no_jobs:
                    runs["quotedesk jobs=2"].append(_run(work, "nlp", nlp_files, "--phase", "nlp", "--jobs", "2"))
                if args.ray:
                    runs["quotedesk --ray"].append(_run(work, "nlp", nlp_files, "--phase", "nlp", "--on-ray"))
            runs = {name: found for name, found in runs.items() if found}
            medians = {
                name: _median([run["add_s" if "add_s" in run else "pipe_s"] for run in found])
                for name, found in runs.items()
            }
            results["spacy_ray" if args.ray else "spacy"] = {
                "files": len(nlp_files),
                "runs": runs,
                "median_s": medians,
                "articles_per_s": {
                    name: _median([run["articles_per_s"] for run in found])
                    for name, found in runs.items()
                    if found and "articles_per_s" in found[0]
                },
                "quotedesk_vs_pipe": _ratio(medians["quotedesk jobs=1"], medians["nlp.pipe"]),
                "jobs2_vs_jobs1": _ratio(medians.get("quotedesk jobs=2", 0), medians["quotedesk jobs=1"]),
                "ray_vs_jobs1": _ratio(medians.get("quotedesk --ray", 0), medians["quotedesk jobs=1"]),
            }
        plain = []
        for label in [size.strip() for size in args.sizes.split(",") if size.strip()]:
            files = corpus.corpus_files(corpus.SIZES[label])
            print(f"no NLP: {label}, {len(files)} files, {args.plain_rounds} rounds", flush=True)
            ours, raw = [], []
            for _ in range(args.plain_rounds):
                ours.append(_run(work, f"plain-{label}", files, "--phase", "plain", "--again"))
                raw.append(_run(work, f"plain-{label}", files, "--phase", "whoosh"))
            add, build = _median([r["add_s"] for r in ours]), _median([r["build_s"] for r in raw])
            reindex = _median([r["reindex_s"] for r in ours])
            plain.append(
                {
                    "label": label,
                    "files": len(files),
                    "quotedesk": ours,
                    "whoosh": raw,
                    "add_s": add,
                    "whoosh_build_s": build,
                    "add_vs_whoosh": _ratio(add, build),
                    "reindex_s": reindex,
                    "reindex_vs_whoosh": _ratio(reindex, build),
                    "rerun_unchanged_s": _median([r["rerun_unchanged_s"] for r in ours]),
                }
            )
        results["no_nlp"] = plain
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    report(results)
    if not args.no_write:
        if args.merge:
            results = _merged(results)
        out = write_results("ingest", results)
        print(f"wrote {out}")
    return 0


def _merged(results: dict) -> dict:
    """This run's figures added to those of bench/results/ingest.json, which keep their machine
    facts and loads; this run's go with its own entries."""
    from common import RESULTS, machine_facts

    try:
        earlier = json.loads((RESULTS / "ingest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return results
    facts = {key: results[key] for key in ("load_avg_start", "load_avg_end")}
    for key, value in results.items():
        if key in facts or not value:  # a part this run left out keeps its earlier figures
            continue
        if isinstance(value, dict):
            value = {**value, "machine": machine_facts(), **facts}
        earlier[key] = value
    return earlier


def report(results: dict) -> None:
    spacy = results.get("spacy_ray") or results.get("spacy")
    if spacy:
        rows = []
        for name, found in spacy["runs"].items():
            for number, run in enumerate(found, start=1):
                phases = run.get("phases", {})
                rows.append(
                    [
                        name,
                        number,
                        run.get("add_s", run.get("pipe_s")),
                        phases.get("read_analyse_store_s", run.get("load_s")),
                        phases.get("linking_s"),
                        phases.get("index_write_commit_s"),
                        run["peak_rss_mb"],
                        run["load_avg_before_after"][0],
                    ]
                )
        print_table(
            f"spaCy over {spacy['files']} files, s (for nlp.pipe the 'analysis' column is the model load)",
            ["run", "round", "total", "read+analyse+store", "linking", "index write+commit", "peak RSS MiB", "load"],
            rows,
        )
        print(
            f"medians {spacy['median_s']}; quotedesk ÷ nlp.pipe = {spacy['quotedesk_vs_pipe']}; "
            f"jobs=2 ÷ jobs=1 = {spacy['jobs2_vs_jobs1']}; --ray ÷ jobs=1 = {spacy['ray_vs_jobs1']}"
        )
        print("articles a second (medians): " + ", ".join(f"{k} {v}" for k, v in spacy["articles_per_s"].items()))
    rows = []
    for entry in results.get("no_nlp", []):
        run = entry["quotedesk"][-1]
        rows.append(
            [
                entry["label"],
                entry["files"],
                entry["add_s"],
                f"{run['phases']['read_analyse_store_s']} / {run['phases']['linking_s']} / "
                f"{run['phases']['index_write_commit_s']}",
                entry["whoosh_build_s"],
                entry["add_vs_whoosh"],
                entry["reindex_s"],
                entry["reindex_vs_whoosh"],
                entry["rerun_unchanged_s"],
                run["peak_rss_mb"],
                run["load_avg_before_after"][0],
            ]
        )
    if rows:
        print_table(
            "No NLP, s (medians)",
            [
                "size",
                "files",
                "add",
                "read+store / linking / index",
                "raw Whoosh build",
                "add ÷ Whoosh",
                "reindex",
                "reindex ÷ Whoosh",
                "re-run unchanged",
                "peak RSS MiB",
                "load",
            ],
            rows,
        )
    print(f"1/5/15-min load at the start {results['load_avg_start']}, at the end {results['load_avg_end']}")


if __name__ == "__main__":
    raise SystemExit(main())
