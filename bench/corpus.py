"""The benchmark corpora and libraries: the BBC corpus, and ten copies of it made distinct (22k articles).

A library of 2,225 files looks fast whatever it does; one of 22,250 shows where a real library
hurts. Copy 0 is the BBC corpus as it is; copy N (1-9) changes each file's headline (" [N]"
appended) and swaps two words of its first paragraph (the N-th pair), so every copy's articles
are distinct from the others' (their content hashes differ) while the words, their counts and
the duplicates within a copy stay those of the corpus. The 98 byte-identical BBC files stay
duplicates of each other within each copy: 2,127 articles per copy, 21,270 in ten.

Everything is cached in bench/.cache/: the copied files (`bbc-copies/copy-N/`), and per number
of copies a library built from them without NLP (`bbc-xN/library`), with how long it took.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from common import BBC, CACHE

COPIES_DIR = CACHE / "bbc-copies"
SIZES = {"2.2k": 1, "22k": 10, "66k": 30, "220k": 100}  # label -> copies of the corpus


def make_distinct(data: bytes, copy: int) -> bytes:
    """One BBC file as copy `copy` holds it: its headline and words of its first paragraphs changed.

    Copy N (1-99) is N = 10a + b: " [N]" is appended to the headline, the b-th pair of words of
    the first line (after the headline) long enough is swapped, and for a ≥ 1 also the a-th pair of
    the next line long enough after it. Copies 1-9 (a = 0) are what they have always been, so a
    library cached from them stays valid; every copy keeps the corpus's words and their counts.
    """
    if copy == 0:
        return data
    tens, units = divmod(copy, 10)
    lines = data.split(b"\n")
    lines[0] = lines[0].rstrip(b"\r") + b" [%d]" % copy
    swapped = _swap_pair(lines, 1, units)
    if tens and swapped:
        _swap_pair(lines, swapped + 1, tens)
    return b"\n".join(lines)


def _swap_pair(lines: list[bytes], start: int, pair: int) -> int:
    """Swap the `pair`-th pair of words of the first line from `start` on that has it; that line's
    number, or 0 when none has."""
    for number in range(start, len(lines)):
        words = lines[number].split(b" ")
        if len(words) >= 2 * pair + 2:
            first = 2 * pair
            words[first], words[first + 1] = words[first + 1], words[first]
            lines[number] = b" ".join(words)
            return number
    return 0


def corpus_folders(copies: int, corpus: Path = BBC) -> list[Path]:
    """The first `copies` copies of the corpus (written once into the cache), one folder each."""
    folders = []
    for copy in range(copies):
        folder = COPIES_DIR / f"copy-{copy}"
        marker = folder / ".complete"
        if not marker.exists():
            shutil.rmtree(folder, ignore_errors=True)
            for source in sorted(corpus.rglob("*.txt")):
                relative = source.relative_to(corpus)
                if len(relative.parts) < 2:  # a README beside the category folders
                    continue
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(make_distinct(source.read_bytes(), copy))
            marker.write_text("done")
        folders.append(folder)
    return folders


def corpus_files(copies: int, corpus: Path = BBC) -> list[Path]:
    """Every article file of the first `copies` copies, in ingest order."""
    from index.sources import iter_files

    return list(iter_files(corpus_folders(copies, corpus)))


def library(copies: int, rebuild: bool = False, corpus: Path = BBC) -> tuple[Path, dict]:
    """The cached library of `copies` copies (no NLP), built when absent; its build figures."""
    from index.library import Library

    base = CACHE / f"bbc-x{copies}"
    root, marker = base / "library", base / "bench-complete.json"
    if rebuild or not marker.exists():
        shutil.rmtree(base, ignore_errors=True)
        folders = corpus_folders(copies, corpus)
        files = corpus_files(copies, corpus)
        print(f"building {root} from {len(files)} files (no NLP) …", flush=True)
        with Library.open(root) as built:
            started = time.perf_counter()
            report = built.add(folders, nlp=False)
            seconds = time.perf_counter() - started
            articles = built.count()
        base.mkdir(parents=True, exist_ok=True)
        marker.write_text(
            json.dumps(
                {
                    "copies": copies,
                    "files": len(files),
                    "articles": articles,
                    "duplicates": len(report.duplicates),
                    "add_s": round(seconds, 1),
                    "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                }
            ),
            encoding="utf-8",
        )
    return root, json.loads(marker.read_text(encoding="utf-8"))
