"""Shared helpers for the speed and memory benchmarks: timing, peak memory, tables, JSON results.

Peak RSS (`ru_maxrss`) only ever grows within a process, so a benchmark that wants the peak of one
phase runs that phase in a fresh child process (`run_phase`) and reads the child's own figure.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
CACHE = BENCH / ".cache"  # built libraries kept between runs (gitignored)
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def isolate_user_dirs() -> Path:
    """Point quotedesk's config and data folders at a temp folder: a benchmark never touches the user's."""
    home = Path(tempfile.mkdtemp(prefix="quotedesk-bench-user-"))
    for name, sub in (
        ("QUOTEDESK_CONFIG", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config-home"),
        ("XDG_DOCUMENTS_DIR", "documents"),
        ("QUOTEDESK_LIBRARY", "library"),
    ):
        os.environ.setdefault(name, str(home / sub))
    return home


def machine_facts() -> dict[str, object]:
    """What the figures depend on besides the code."""
    versions = {}
    for package in ("textual", "whoosh-reloaded", "spacy", "rich"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu_count": os.cpu_count(),
        "affinity_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "packages": versions,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its waited-for children), in MiB (Linux: KiB units)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    kib = resource.getrusage(who).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        kib /= 1024
    return round(kib / 1024, 1)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: a sample that was really seen, not an interpolation."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency(samples_s: Sequence[float]) -> dict[str, float]:
    """Median, p95, min and max of timings given in seconds, reported in milliseconds."""
    ms = [sample * 1000 for sample in samples_s]
    return {
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(percentile(ms, 0.95), 3),
        "min_ms": round(min(ms), 3),
        "max_ms": round(max(ms), 3),
        "repeats": len(ms),
    }


def repeat(
    function: Callable[[], object], repeats: int, warmup: int = 1, budget_s: float | None = None
) -> dict[str, float]:
    """Latency of `repeats` calls after `warmup`; with `budget_s`, stop early (after 3 calls at least)
    once that many seconds are spent, so one pathological case cannot hold up the whole run."""
    for _ in range(warmup):
        function()
    samples: list[float] = []
    for _ in range(repeats):
        samples.append(timed(function)[0])
        if budget_s is not None and len(samples) >= 3 and sum(samples) > budget_s:
            break
    return latency(samples)


def folder_size_mb(path: Path) -> float:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):  # a file removed while we walk
                total += os.path.getsize(os.path.join(dirpath, name))
    return round(total / (1024 * 1024), 2)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for number, column in enumerate(columns):
        table.add_column(column, justify="left" if number == 0 else "right")
    for row in rows:
        table.add_row(*(_cell(value) for value in row))
    Console().print(table)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def write_results(name: str, data: dict) -> Path:
    """Write bench/results/NAME.json atomically (temp file + rename), with the machine facts first."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    tmp = out.with_suffix(".json.tmp")
    payload = {"machine": machine_facts(), **data}
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


PHASE_MARK = "BENCH-PHASE-RESULT "


def emit_phase_result(result: dict) -> None:
    """What a child started by `run_phase` prints as its last word to the parent."""
    print(PHASE_MARK + json.dumps(result), flush=True)


def run_phase(script: Path, arguments: Sequence[str], timeout: float = 1800) -> dict:
    """Run `python script ARGS` in a fresh process and return the dict it emitted (fresh peak RSS)."""
    command = [sys.executable, str(script), *arguments]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    for line in reversed(finished.stdout.splitlines()):
        if line.startswith(PHASE_MARK):
            return json.loads(line[len(PHASE_MARK) :])
    raise RuntimeError(
        f"{script.name} {' '.join(arguments)} exited {finished.returncode} without a result:\n"
        f"{finished.stdout[-2000:]}\n{finished.stderr[-4000:]}"
    )
