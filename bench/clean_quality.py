"""How much article text the read+clean steps keep, and how much chrome they let through.

Two corpora from ../shared:
- BBC (line 1 = headline, the rest is all article): titles matched, and body
  paragraphs dropped by the cleaner (should be ~0).
- html-sample (gzip pages + ground-truth.json articleBody): token-level
  precision / recall / F1 of extracted+cleaned body against the ground truth,
  over all pages and over a fixed split (pages in sorted file-name order, every
  third one, positions 2, 5, 8, ..., held out from tuning: "held-out"; the
  rest "tune"). Titles are checked for a part that names the site: a first or
  last part, split at " | ", " - ", " – ", ": " and the like, that is the
  outlet, the page's site name or its host, or one of them followed by at most
  two words ("PolitiFact West Virginia"). The check is loose on purpose (a
  headline that opens with the site's name, "9to5Mac Gift Guide: ...", is
  flagged too): every flagged title is listed for a reader to judge.

Prints a table and writes bench/results/clean_quality.json.
Usage: python bench/clean_quality.py [--shared PATH] [--no-write] [--pages]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.clean import clean_article  # noqa: E402
from index.outlets import host_of  # noqa: E402
from index.sources import SkipFile, iter_files, read_file  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Where a title is split into parts for the site-name check.
_TITLE_PART = re.compile(r"\s+(?:[|–—·•»/-]|::)\s+|(?<=\w):\s+")
HELD_OUT_EVERY = 3  # every third page (sorted by file name), positions 2, 5, 8, ...


def split_of(position: int) -> str:
    """The split a page falls in: every third page in sorted file-name order is "held-out", the rest "tune"."""
    return "held-out" if position % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "tune"


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def site_part(title: str, names: list[str]) -> str:
    """The first or last part of `title` that names the site (one of `names`), else "" (see the doc)."""
    parts = [part for part in _TITLE_PART.split(title) if part.strip()]
    if len(parts) < 2:
        return ""
    squashed = [_squash(name) for name in names if len(_squash(name)) >= 3]
    for part in (parts[-1], parts[0]):
        key = _squash(part)
        for name in squashed:
            if key == name or (name in key and len(part.split()) - len(name.split()) <= 2 and key.startswith(name)):
                return part
            if len(key) >= 3 and name.startswith(key):
                return part
    return ""


def tokens(text: str) -> Counter[str]:
    return Counter(token.casefold() for token in _TOKEN.findall(text))


def bbc_figures(corpus: Path) -> dict[str, object]:
    started = time.perf_counter()
    files = skipped = titles_ok = paragraphs = dropped = 0
    examples: list[str] = []
    for path in iter_files([corpus]):
        if path.parent == corpus:  # README, not an article
            continue
        files += 1
        try:
            document = read_file(path)[0]
        except SkipFile:
            skipped += 1
            continue
        lines = [" ".join(line.split()) for line in document.text.split("\n") if line.strip()]
        article = clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)
        titles_ok += article.title == lines[0]
        kept = set(article.paragraphs)
        for line in lines[1:]:
            paragraphs += 1
            if line not in kept:
                dropped += 1
                if len(examples) < 10:
                    examples.append(f"{path.relative_to(corpus)}: {line[:80]}")
    return {
        "files": files,
        "skipped": skipped,
        "titles_matching_line_1": titles_ok,
        "body_paragraphs": paragraphs,
        "body_paragraphs_dropped": dropped,
        "drop_rate": dropped / paragraphs if paragraphs else 0.0,
        "dropped_examples": examples,
        "seconds": round(time.perf_counter() - started, 2),
    }


def html_figures(corpus: Path) -> dict[str, object]:
    started = time.perf_counter()
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = []
    for position, (key, expected) in enumerate(sorted(truth.items())):
        path = corpus / "html" / f"{key}.html.gz"
        gold = tokens(expected.get("articleBody", ""))
        row: dict[str, object] = {"page": key, "split": split_of(position)}
        try:
            document = read_file(path)[0]
            article = clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)
            raw = tokens(document.text)
            got = tokens("\n".join(article.paragraphs))
        except SkipFile as error:
            rows.append({**row, "skipped": str(error)})
            continue
        host = host_of(expected.get("url", "")) or article.host
        names = [article.outlet, document.meta.get("sitename", ""), host, host.split(".")[0]]
        row.update(_score(got, gold))
        row["extracted_recall"] = _score(raw, gold)["recall"]
        row.update(
            title=article.title, outlet=article.outlet, host=host, title_site_part=site_part(article.title, names)
        )
        rows.append(row)
    scored = [row for row in rows if "f1" in row]
    return {
        "pages": len(rows),
        "skipped": len(rows) - len(scored),
        "mean": _mean(scored),
        "split": {name: _mean([row for row in scored if row["split"] == name]) for name in ("tune", "held-out")},
        "split_pages": {name: sum(1 for row in rows if row["split"] == name) for name in ("tune", "held-out")},
        "pages_with_recall_below_0.5": sum(1 for row in scored if row["recall"] < 0.5),
        "titles_with_site_part": [
            {"page": row["page"], "title": row["title"], "part": row["title_site_part"]}
            for row in scored
            if row["title_site_part"]
        ],
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _mean(rows: list[dict[str, object]]) -> dict[str, float]:
    names = ("precision", "recall", "f1", "extracted_recall")
    return {name: sum(float(row[name]) for row in rows) / len(rows) if rows else 0.0 for name in names}


def _score(got: Counter[str], gold: Counter[str]) -> dict[str, float]:
    overlap = sum((got & gold).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _figures_only(html: dict[str, object]) -> dict[str, object]:
    """The HTML figures as written to bench/results: pages by id, no text of theirs (titles, outlets)."""
    text_keys = {"title", "outlet", "host", "title_site_part"}
    rows = cast(list[dict[str, object]], html["rows"])
    flagged = cast(list[dict[str, object]], html["titles_with_site_part"])
    return {
        **html,
        "rows": [{key: value for key, value in row.items() if key not in text_keys} for row in rows],
        "titles_with_site_part": [row["page"] for row in flagged],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    parser.add_argument("--pages", action="store_true", help="also list every HTML page's figures and title")
    args = parser.parse_args()
    corpora = args.shared / "corpora"
    if not corpora.is_dir():
        print(f"no corpora at {corpora}; pass --shared", file=sys.stderr)
        return 1
    bbc = bbc_figures(corpora / "bbc")
    html = html_figures(corpora / "html-sample")
    print(f"{'corpus':<12} {'figure':<36} {'value':>10}")
    print(f"{'bbc':<12} {'files read / skipped':<36} {bbc['files']:>6} / {bbc['skipped']}")
    print(f"{'bbc':<12} {'titles == line 1':<36} {bbc['titles_matching_line_1']:>10}")
    print(f"{'bbc':<12} {'body paragraphs dropped':<36} {bbc['body_paragraphs_dropped']:>5} / {bbc['body_paragraphs']}")
    print(f"{'bbc':<12} {'drop rate':<36} {bbc['drop_rate']:>10.4%}")
    print(f"{'bbc':<12} {'seconds (read+clean)':<36} {bbc['seconds']:>10}")
    print(f"{'html':<12} {'pages / skipped':<36} {html['pages']:>6} / {html['skipped']}")
    for name, value in html["mean"].items():
        print(f"{'html':<12} {'mean token ' + name:<36} {value:>10.4f}")
    for split, means in html["split"].items():
        pages = html["split_pages"][split]
        figures = " ".join(f"{means[name]:.4f}" for name in ("f1", "precision", "recall"))
        print(f"{'html':<12} {f'{split} ({pages} pages) F1 P R':<36} {figures:>10}")
    print(f"{'html':<12} {'pages with recall < 0.5':<36} {html['pages_with_recall_below_0.5']:>10}")
    print(f"{'html':<12} {'titles with a site part (flagged)':<36} {len(html['titles_with_site_part']):>10}")
    print(f"{'html':<12} {'seconds (read+extract+clean)':<36} {html['seconds']:>10}")
    for flagged in html["titles_with_site_part"]:
        print(f"  flagged title {flagged['page'][:8]}: {flagged['title']!r} (part {flagged['part']!r})")
    if args.pages:
        print(f"\n{'page':<8} {'split':<8} {'P':>6} {'R':>6} {'F1':>6}  title  [outlet]")
        for row in html["rows"]:
            if "f1" not in row:
                print(f"{row['page'][:8]:<8} {row['split']:<8} skipped: {row['skipped']}")
                continue
            print(
                f"{row['page'][:8]:<8} {row['split']:<8} {row['precision']:>6.3f} {row['recall']:>6.3f} "
                f"{row['f1']:>6.3f}  {row['title']!r}  [{row['outlet']}]"
            )
    if args.no_write:
        return 0
    out = ROOT / "bench" / "results" / "clean_quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"bbc": bbc, "html_sample": _figures_only(html)}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
