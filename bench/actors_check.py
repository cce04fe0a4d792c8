"""How many actors `quotedesk actors` lists for BBC politics 001-208, and whether a rule change lost a person.

Usage:
  python bench/actors_check.py --save /tmp/before.json            # the actors of the code as it is
  (change the rules)
  python bench/actors_check.py --before /tmp/before.json [--no-write]

BBC politics 001-208 (the tuning files; 209-417 are the blind pool) are ingested with the model
into a temp library (or `--library DIR` is read as it is). The actor list is counted by kind. With
`--before`, the persons of the earlier list that a reader would look for (quoted at least once,
or mentioned at least twice) are looked up in the new one: a person is kept when one of its names
(its shown name or an alias, folded) is a name of some actor now, whatever the kind; else it is
listed as lost, with its mentions, quotes and articles, to judge by hand (a lost "person" may be
junk the old rules took for one: "Campaigners", "Jobcentres"). `--save FILE` writes the list (names
of people in the corpus: keep it outside the project). bench/results/actors_check.json gets the
counts only. Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import SHARED, isolate_user_dirs, write_results  # noqa: E402

POLITICS = SHARED / "corpora" / "bbc" / "politics"
TUNE_FILES = [f"{n:03d}.txt" for n in range(1, 209)]


def actor_rows(library) -> list[dict]:
    """The library's actors as plain rows: name, kind, aliases, mentions, quotes, article files."""
    files = {summary.id: Path(summary.path).name for summary in library.article_summaries()}
    quotes = Counter(quote.speaker_id for quote in library.quotes() if quote.speaker_id)
    return [
        {
            "name": actor.name,
            "kind": actor.kind,
            "aliases": list(actor.aliases),
            "mentions": actor.mention_count,
            "quotes": quotes[actor.id],
            "articles": sorted(files.get(a, a) for a in actor.articles),
        }
        for actor in library.actors()
    ]


def ingest_tune_files(work: Path):
    from index.library import Library

    library = Library.open(work / "library")
    library.add([POLITICS / name for name in TUNE_FILES if (POLITICS / name).exists()])
    return library


def wanted_persons(rows: list[dict]) -> list[dict]:
    """Persons a reader would look for: quoted, or mentioned at least twice."""
    return [row for row in rows if row["kind"] == "person" and (row["quotes"] >= 1 or row["mentions"] >= 2)]


def lost_persons(before: list[dict], after: list[dict]) -> list[dict]:
    """Wanted persons of `before` none of whose names names an actor of `after`."""
    from index.actors.names import fold

    names = {fold(name) for row in after for name in [row["name"], *row["aliases"]]}
    return [row for row in wanted_persons(before) if not {fold(n) for n in [row["name"], *row["aliases"]]} & names]


def counts(rows: list[dict]) -> dict[str, int]:
    by_kind = Counter(row["kind"] for row in rows)
    return {
        "actors": len(rows),
        **{kind: by_kind[kind] for kind in sorted(by_kind)},
        "wanted_persons": len(wanted_persons(rows)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="read this library instead of ingesting 001-208")
    parser.add_argument("--rows", type=Path, help="read an actor list saved with --save instead of a library")
    parser.add_argument("--save", type=Path, help="write the actor list to this file (keep it outside the project)")
    parser.add_argument("--before", type=Path, help="an actor list saved with --save from the code before a change")
    parser.add_argument("--no-write", action="store_true", help="leave bench/results/actors_check.json alone")
    args = parser.parse_args(argv)

    if args.rows:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    elif args.library:
        from index.library import Library

        library = Library.open(args.library)
        rows = actor_rows(library)
        library.close()
    else:
        if not POLITICS.is_dir():
            print(f"skipped: {POLITICS} is absent (this check reads the shared BBC corpus)")
            return 0
        isolate_user_dirs()
        with tempfile.TemporaryDirectory() as folder:
            library = ingest_tune_files(Path(folder))
            rows = actor_rows(library)
            library.close()
    if args.save:
        args.save.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    now = counts(rows)
    result: dict = {"corpus": "BBC politics 001-208", "after": now}
    if args.before:
        before_rows = json.loads(args.before.read_text(encoding="utf-8"))
        before = counts(before_rows)
        lost = lost_persons(before_rows, rows)
        result |= {"before": before, "wanted_persons_lost": len(lost)}
        print(f"{'':16}{'before':>8}{'after':>8}")
        for key in sorted(set(before) | set(now), key=lambda k: (k != "actors", k == "wanted_persons", k)):
            print(f"{key:16}{before.get(key, 0):>8}{now.get(key, 0):>8}")
        print(f"persons quoted or mentioned twice before, lost now: {len(lost)}")
        for row in lost:
            files = ", ".join(row["articles"][:4])
            print(f"  {row['name']} (mentions {row['mentions']}, quotes {row['quotes']}, {files})")
    else:
        for key, value in now.items():
            print(f"{key:16}{value:>8}")
    if not args.no_write:
        write_results("actors_check", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
