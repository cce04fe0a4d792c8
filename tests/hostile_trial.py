"""The hostile-input trial of issue 9, as a script (not collected by pytest: it takes minutes).

    python tests/hostile_trial.py [WORKDIR]

Builds a folder of hostile files beside good ones, ingests it through the command line (with and
without the language analysis, with --jobs 2), runs the queries that used to hang or fail, and
fails when any command prints a traceback or "quotedesk failed:", takes longer than its limit, or
loses a good file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOOD = 'Good headline {n}\n\n"We will build the homes," said Jane Doe, the minister. Critics disagreed.\n'
QUERIES = [
    "a" * 40_000,
    "a" * 120_000,
    " OR ".join(f"w{n}" for n in range(10_000)),
    " ".join(f"w{n}~2" for n in range(2_000)),
    " ".join(f"w{n}*" for n in range(3_000)),
    "a~99",
    "*",
    "date:[x TO y]",
    "date:>x",
    "date:{a TO b}",
    "date:[* TO *]",
    ">NOT",
    "<:<source:election",
    "NOT " * 5000,
    "(" * 5000 + "a" + ")" * 5000,
    "date:>2022-13-01",
]


def build(folder: Path) -> int:
    """The hostile folder; returns how many good files it holds."""
    folder.mkdir(parents=True)
    good = 0
    for n in range(3):
        (folder / f"good{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
        good += 1
    (folder / "[@click=app.quit]QUIT [b]BOLD [link=https:evil.example]LNK.txt").write_bytes(b"\0\1\2\xff" * 64)
    with open(os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt"), "wb") as handle:
        handle.write(GOOD.format(n="bad name").encode())
    (folder / "evil\nname.txt").write_text(GOOD.format(n="newline"), encoding="utf-8")
    good += 1
    os.mkfifo(folder / "b_pipe.txt")
    (folder / "long_line.txt").write_text("Long line\n\n" + "The minister spoke again. " * 45_000, encoding="utf-8")
    good += 1
    (folder / "tiny.txt").write_text("Tiny\n\n" + "\n\n".join(f"P{n}." for n in range(100_000)), encoding="utf-8")
    (folder / "formula.txt").write_text('=HYPERLINK("http://evil.example")\n\n"@SUM(A1:A9)," he said.\n', "utf-8")
    good += 1
    (folder / "nul.txt").write_bytes(b"NUL headline\n\nThe minister\0 said the plan would work.\n")
    good += 1
    (folder / "records.json").write_text('[{"text": 5}, {"body": {"a": 1}}]', encoding="utf-8")
    paragraphs = "".join(
        f"<p>The minister said on Tuesday that part {n} of the plan to build new homes would work.</p>"
        for n in range(4)
    )
    deep = "<html><body>" + "<div>" * 10_000 + "<h1>Deep page</h1>" + paragraphs + "</div>" * 10_000
    (folder / "deep.html").write_text(deep + "</body></html>", encoding="utf-8")
    good += 1
    return good


def run(*argv: str, limit: float) -> tuple[int, str]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True, timeout=limit + 60)
    took = time.monotonic() - started
    output = (done.stdout + done.stderr).decode("utf-8", "backslashreplace")
    problems = [word for word in ("Traceback", "quotedesk failed:") if word in output]
    try:
        done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("output is not UTF-8")
    if problems or took > limit:
        raise SystemExit(f"FAIL {argv[:4]} {problems} {took:.1f}s\n{output[-2000:]}")
    print(f"ok {took:6.1f}s exit {done.returncode} {' '.join(a[:30] for a in argv[2:5])!r}")
    return done.returncode, output


def main() -> None:
    work = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="quotedesk-trial-"))
    folder = work / "hostile"
    good = build(folder)
    for name, extra in (("nonlp", ["--no-nlp"]), ("nlp", []), ("jobs", ["--jobs", "2"])):
        library = str(work / f"library-{name}")
        run("--library", library, "index", str(folder), *extra, "--json", limit=600)
        _, out = run("--library", library, "articles", "--json", limit=30)
        import json

        count = len(json.loads(out))
        if count < good:
            raise SystemExit(f"FAIL {name}: {count} articles stored, {good} good files")
        run("--library", library, "quotes", limit=30)
        run("--library", library, "export", "all", "--output", str(work / f"{name}.csv"), "--force", limit=30)
    for query in QUERIES:
        run("--library", str(work / "library-nonlp"), "search", query, limit=5)
    print("trial passed")


if __name__ == "__main__":
    main()
