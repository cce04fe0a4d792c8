"""Score quotedesk against the hand-checked gold in bench/gold/: speakers on BBC politics, and
statement links across PolNeAR's outlets.

Usage: python bench/attribution_check.py [speakers|pairs|links|all] [--show] [--with-library] [--no-write]

Results go to bench/results/attribution_check.json; `pairs` and `links` run alone write
attribution_check_pairs.json and attribution_check_links.json.

- speakers: bench/gold/bbc_politics_speakers.tsv lists every quotation and reported statement
  of some held-out BBC politics articles with its speaker, decided from the text alone. The
  articles are ingested with the model, and every quote quotedesk shows for them is judged: it
  is right when it covers a gold statement's fragment and its speaker shares a word with the
  gold speaker (the strict rule of quotes_eval; for a gold speaker "?", where the text does not
  say, an unresolved or doubtful speaker is right). Three equivalences, each of names the library
  or the gold itself holds for one source: both name one body under the library's equivalents in
  index/data/bodies.txt ("Conservative Party" for "the Conservatives": the library shows a
  listed body by its first name there); a name the library holds for the speaker's actor, from
  the text equating them, names the gold ("Crown Prosecution Service", alias "CPS", for "a CPS
  spokesperson"); the speaker names the gold's bracketed gloss ("the guidance (CPS/ACPO
  leaflet)": the guidance, or the CPS/ACPO leaflet). A quote covering no gold statement (or a
  gold "not-a-statement") is wrong. Recall (gold statements covered by some quote) is given too.
- pairs: bench/gold/polnear_pairs.tsv holds pairs of reports across PolNeAR's outlets, each
  judged the same remark or different remarks by one speaker. The 84 texts are ingested with
  their outlet named from the file prefix (as `index --outlet` does); a pair is linked when
  the quotes covering its two fragments belong to one statement. Each pair that comes out against
  its judgement gets a cause: extraction (no quote covers a fragment), speaker (none found, or
  not the same actor on both sides) or linking.
- links (not part of `all`): BBC politics 001-208 (the tuning files; 209-417 are the blind pool)
  are ingested with the model and every pair of reports of one statement in two articles is
  listed: how many, and how many share under 30% of their words (distinct words shared, over
  the shorter report's). bench/gold/bbc_linked_pairs_tune.tsv holds pairs judged by hand (same
  remark or different); the pairs still linked are scored against it, `--sample N`
  prints N linked pairs (a seeded sample) as rows to judge, and `--unjudged` every linked pair
  the gold does not judge yet.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import SHARED, isolate_user_dirs, write_results  # noqa: E402
from bench.quotes_eval import strict_speaker_right  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
POLITICS = SHARED / "corpora" / "bbc" / "politics"
POLNEAR = SHARED / "eval" / "polnear-dev" / "text"
TUNE_FILES = [f"{n:03d}.txt" for n in range(1, 209)]  # BBC politics the links check may read
LINKED_PAIRS = GOLD / "bbc_linked_pairs_tune.tsv"
QUOTE_MARKS = "\"'“”‘’«»"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _loose(text: str) -> str:
    """Text compared without quote marks, case or spacing differences."""
    text = "".join(" " if char in QUOTE_MARKS else char for char in text)
    return " ".join(text.casefold().split())


@dataclass
class Located:
    """Where a gold fragment lies in an article's body, and the quotes that cover it."""

    article_id: str
    start: int
    end: int
    quotes: list  # Quote objects overlapping the fragment by half or more of it


def _ingest(files: Iterable[Path], work: Path, outlets: dict[str, str] | None = None):
    """A temp library holding `files` (copied in, analysed with the model); outlets by file name."""
    from index.library import Library

    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    groups: dict[str, list[Path]] = {}
    for path in files:
        groups.setdefault((outlets or {}).get(path.name, ""), []).append(path)
    library = Library.open(work / "library")
    for outlet, paths in sorted(groups.items()):
        folder = corpus / (re.sub(r"\W+", "-", outlet) or "plain")
        folder.mkdir()
        for path in paths:
            shutil.copyfile(path, folder / path.name)
        library.add([folder], outlet=outlet)
    return library


def _locate(library, name_to_id: dict[str, str], file_name: str, fragment: str) -> Located | None:
    article_id = name_to_id.get(file_name)
    if article_id is None:
        return None
    body = library.article(article_id).body
    start = body.find(fragment)
    if start < 0:  # the cleaner may have changed spacing or marks: find it loosely
        loose_body, wanted = _loose(body), _loose(fragment)
        at = loose_body.find(wanted)
        if at < 0:
            return Located(article_id, -1, -1, [])
        # map back roughly: proportion of the loose text
        start = int(at * len(body) / max(1, len(loose_body)))
    end = start + len(fragment)
    covering = [quote for quote in library.quotes(article_id=article_id) if _covers(quote.start, quote.end, start, end)]
    return Located(article_id, start, end, covering)


def _covers(quote_start: int, quote_end: int, start: int, end: int) -> bool:
    """A quote stands for the gold item at [start, end) when it holds half the fragment or more, or
    when half or more of it lies in the fragment: a partial quote of three words is written in the
    gold with the words around it ('who feel "taken for granted" by'), and is that item."""
    overlap = min(end, quote_end) - max(start, quote_start)
    return overlap > 0 and overlap >= 0.5 * min(end - start, quote_end - quote_start)


def _ids_by_file(library) -> dict[str, str]:
    return {Path(summary.path).name: summary.id for summary in library.article_summaries()}


def _doubtful(quote) -> bool:
    """What the reader marks as doubtful (index.model.DOUBTFUL_CONFIDENCE)."""
    from index.model import DOUBTFUL_CONFIDENCE

    confidence = getattr(quote, "speaker_confidence", None)
    return confidence is not None and 0 <= confidence < DOUBTFUL_CONFIDENCE


def _same_listed_body(predicted: str, gold: str) -> bool:
    """Both name one body under the library's equivalents (index/data/bodies.txt: "Conservative
    Party" = "the Conservatives" = "Tories"), an article aside."""
    from index.actors.bodies import canonical_body

    def listed(name: str) -> str | None:
        return canonical_body(re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE))

    said = listed(predicted)
    return said is not None and said == listed(gold)


def _gold_names(gold_speaker: str) -> list[str]:
    """The gold speaker, and the gloss the annotator put after it in brackets ("the guidance
    (CPS/ACPO leaflet)": the guidance, which is the CPS/ACPO leaflet)."""
    match = re.fullmatch(r"\s*(.*?)\s*\((.*)\)\s*", gold_speaker)
    return [match.group(1), match.group(2)] if match and match.group(1) else [gold_speaker]


def _speaker_matches(quote, gold_speaker: str, aliases: list[str] | None = None) -> bool:
    """The quote's speaker, or a name the library holds for the speaker's actor (`aliases`: "CPS"
    for "Crown Prosecution Service" where the text equates them), names the gold speaker."""
    if gold_speaker.strip() == "?":  # the text does not say: only an honest "not sure" is right
        return not quote.speaker or _doubtful(quote)
    return any(
        strict_speaker_right(name, gold) or _same_listed_body(name, gold)
        for name in [quote.speaker, *(aliases or [])]
        for gold in _gold_names(gold_speaker)
    )


def score_speakers(show: bool = False, with_library: bool = False) -> dict:
    """Precision of quotedesk's answers on the gold articles (each quote it shows: does it stand
    for a gold statement, and is the speaker right?) and recall of the gold statements.
    `with_library`: the gold articles sit in a library that also holds the tuning files 001-208,
    as a reader's library of BBC politics would (what the library knows, such as who holds an
    office, can then reach them); only the gold articles are scored."""
    rows = read_tsv(GOLD / "bbc_politics_speakers.tsv")
    files = sorted({row["file"] for row in rows})
    context = [name for name in TUNE_FILES if name not in files] if with_library else []
    with tempfile.TemporaryDirectory() as folder:
        library = _ingest([POLITICS / name for name in [*files, *context]], Path(folder))
        ids = _ids_by_file(library)
        located = [(row, _locate(library, ids, row["file"], row["fragment"])) for row in rows]
        answers = right = spurious = 0
        misses = []
        # file -> [answers, right, answers shown as sure (a speaker, not marked doubtful), right of those]
        per_file: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in files}
        aliases_of = {actor.id: actor.aliases for actor in library.actors()}
        for name in files:
            article_id = ids[name]
            golds = [(row, spot) for row, spot in located if row["file"] == name and spot is not None]
            for quote in library.quotes(article_id=article_id):
                answers += 1
                sure = bool(quote.speaker) and not _doubtful(quote)
                per_file[name][0] += 1
                per_file[name][2] += sure
                matching = [row for row, spot in golds if any(q.id == quote.id for q in spot.quotes)]
                statements = [row for row in matching if row["kind"] != "not-a-statement"]
                if not statements:
                    spurious += 1
                    why = "not a statement" if matching else "no gold statement here"
                    misses.append({"file": name, "quote": quote.text[:90], "said": quote.speaker, "gold": why})
                    continue
                aliases = aliases_of.get(quote.speaker_id, [])
                if any(_speaker_matches(quote, row["speaker"], aliases) for row in statements):
                    right += 1
                    per_file[name][1] += 1
                    per_file[name][3] += sure
                else:
                    misses.append(
                        {
                            "file": name,
                            "quote": quote.text[:90],
                            "said": quote.speaker,
                            "gold": statements[0]["speaker"],
                        }
                    )
        statements_total = sum(1 for row in rows if row["kind"] != "not-a-statement")
        found = sum(1 for row, spot in located if row["kind"] != "not-a-statement" and spot and spot.quotes)
        unfound = [
            {"file": row["file"], "fragment": row["fragment"], "gold": row["speaker"], "kind": row["kind"]}
            for row, spot in located
            if row["kind"] != "not-a-statement" and not (spot and spot.quotes)
        ]
        library.close()
    result = {
        "answers": answers,
        "right": right,
        "precision": round(100 * right / answers, 1) if answers else 0.0,
        "spurious": spurious,
        "gold_statements": statements_total,
        "gold_found": found,
        "recall": round(100 * found / statements_total, 1) if statements_total else 0.0,
        "articles": files,
        "rounds": _by_round(per_file),
        "misses": misses,
        "not_found": unfound,
    }
    if with_library:
        result["library"] = f"the gold articles and {len(context)} tuning files"
    within = " in a library with 001-208" if with_library else ""
    print(
        f"BBC politics hand check ({len(files)} articles{within}): {right} of {answers} quotes shown are right "
        f"({result['precision']}%; {spurious} not a gold statement); {found} of {statements_total} gold "
        f"statements found ({result['recall']}%)"
    )
    for number, counts in result["rounds"].items():
        print(
            f"  round {number}: {counts['right']} of {counts['answers']} right ({counts['precision']}%); "
            f"of those shown as sure, {counts['sure_right']} of {counts['sure']} ({counts['sure_precision']}%)"
        )
    if show:
        for miss in misses:
            print(f"  miss {miss['file']}: “{miss['quote']}” said={miss['said']!r} gold={miss['gold']!r}")
        for row in unfound:
            print(f"  not found {row['file']}: “{row['fragment']}” ({row['kind']}, {row['gold']})")
    return result


def _rounds() -> dict[str, str]:
    """File -> the annotation round BBC_SPEAKERS.md's articles table gives it ("3": the round no
    tuning has looked at)."""
    table = re.findall(r"^\| (\d{3}\.txt) \| (\d+) \|", (GOLD / "BBC_SPEAKERS.md").read_text(), flags=re.M)
    return dict(table)


def _by_round(per_file: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    """Per annotation round: answers and right ones, and the same for the answers the reader shows
    as sure (a speaker not marked doubtful), the ones a journalist would quote unchecked."""
    rounds = _rounds()
    totals: dict[str, list[int]] = {}
    for name, counts in sorted(per_file.items()):
        total = totals.setdefault(rounds.get(name, "?"), [0, 0, 0, 0])
        for i, value in enumerate(counts):
            total[i] += value
    return {
        number: {
            "answers": a,
            "right": r,
            "precision": round(100 * r / a, 1) if a else 0.0,
            "sure": sa,
            "sure_right": sr,
            "sure_precision": round(100 * sr / sa, 1) if sa else 0.0,
        }
        for number, (a, r, sa, sr) in sorted(totals.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 99)
    }


def _polnear_outlets() -> dict[str, str]:
    return {path.name: path.name.split("_", 1)[0] for path in POLNEAR.glob("*.txt")}


def score_pairs(show: bool = False) -> dict:
    rows = read_tsv(GOLD / "polnear_pairs.tsv")
    outlets = _polnear_outlets()
    with tempfile.TemporaryDirectory() as folder:
        library = _ingest(sorted(POLNEAR.glob("*.txt")), Path(folder), outlets)
        ids = _ids_by_file(library)
        statements = library.statements()
        statement_of: dict[str, str] = {}
        for statement in statements:
            for report in statement.reports:
                statement_of[report.quote.id] = statement.id
        cross_outlet = sum(
            1 for statement in statements if len({_outlet_of(report) for report in statement.reports} - {""}) > 1
        )
        tally = {"same": [0, 0], "different": [0, 0]}
        causes: dict[str, dict[str, int]] = {"same": {}, "different": {}}
        details = []
        for row in rows:
            a = _locate(library, ids, row["file_a"], row["fragment_a"])
            b = _locate(library, ids, row["file_b"], row["fragment_b"])
            linked = False
            if a and b:
                groups_a = {statement_of.get(q.id) for q in a.quotes} - {None}
                groups_b = {statement_of.get(q.id) for q in b.quotes} - {None}
                linked = bool(groups_a & groups_b)
            counts = tally[row["label"]]
            counts[0] += 1
            counts[1] += linked
            cause = "" if linked == (row["label"] == "same") else _pair_cause(a, b, linked)
            if cause:
                causes[row["label"]][cause] = causes[row["label"]].get(cause, 0) + 1
            details.append(
                {
                    **{k: row[k] for k in ("label", "speaker", "file_a", "fragment_a", "file_b", "fragment_b")},
                    "linked": linked,
                    "found_a": bool(a and a.quotes),
                    "found_b": bool(b and b.quotes),
                    "cause": cause,
                }
            )
        library.close()
    result = {
        "same": {"pairs": tally["same"][0], "linked": tally["same"][1]},
        "different": {"pairs": tally["different"][0], "linked": tally["different"][1]},
        "same_linked_pct": round(100 * tally["same"][1] / max(1, tally["same"][0]), 1),
        "different_linked_pct": round(100 * tally["different"][1] / max(1, tally["different"][0]), 1),
        "statements": len(statements),
        "cross_outlet_statements": cross_outlet,
        "misses_by_cause": causes,
        "pairs": details,
    }
    print(
        f"PolNeAR pairs: same remark linked {tally['same'][1]}/{tally['same'][0]} ({result['same_linked_pct']}%), "
        f"different remarks linked {tally['different'][1]}/{tally['different'][0]} "
        f"({result['different_linked_pct']}%); "
        f"{len(statements)} statements, {cross_outlet} span two or more outlets"
    )
    for label, found in causes.items():
        if found:
            listed = ", ".join(f"{cause} {n}" for cause, n in sorted(found.items(), key=lambda item: -item[1]))
            print(f"  {label} pairs {'apart' if label == 'same' else 'linked'}, by cause: {listed}")
    if show:
        for detail in details:
            mark = "linked" if detail["linked"] else "apart "
            why = f"; {detail['cause']}" if detail["cause"] else ""
            print(
                f"  {detail['label']:9} {mark} {detail['speaker']}: “{detail['fragment_a']}” ~ “{detail['fragment_b']}”"
                f" (found {detail['found_a']}/{detail['found_b']}{why})"
            )
    return result


def _pair_cause(a: Located | None, b: Located | None, linked: bool) -> str:
    """Why a pair came out against its judgement, as far as the library shows: extraction (no
    quote covers a fragment), speakers (the quotes have no speaker in common, or none at all),
    or linking (the same speaker's quotes were not joined, or were joined wrongly)."""
    if linked:
        return "linking: joined"
    if not (a and a.quotes) or not (b and b.quotes):
        return "extraction: no quote"
    speakers_a = {q.speaker_id for q in a.quotes} - {""}
    speakers_b = {q.speaker_id for q in b.quotes} - {""}
    if not speakers_a or not speakers_b:
        return "speaker: none found"
    if not speakers_a & speakers_b:
        return "speaker: not the same actor"
    return "linking: not joined"


def _words(text: str) -> set[str]:
    from index.statements import normalise_words

    return set(normalise_words(text))


def word_overlap(a: str, b: str) -> float:
    """Distinct words two reports share, over the shorter report's distinct words."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _fragment(text: str) -> str:
    """The first words of a quote (at most 12), verbatim: enough to find it in its article."""
    return " ".join(text.split()[:12])


def _find_quote(library, article_id: str, fragment: str):
    for quote in library.quotes(article_id=article_id):
        if " ".join(quote.text.split()).startswith(fragment):
            return quote
    return None


def score_links(show: bool = False, sample: int = 0, seed: int = 8, unjudged_only: bool = False) -> dict:
    """Linked report pairs on BBC politics 001-208, scored against the hand judgements."""
    import random

    with tempfile.TemporaryDirectory() as folder:
        library = _ingest([POLITICS / name for name in TUNE_FILES], Path(folder))
        ids = _ids_by_file(library)
        names = {article_id: name for name, article_id in ids.items()}
        statements = library.statements()
        statement_of = {report.quote.id: statement.id for statement in statements for report in statement.reports}
        pairs = []
        for statement in statements:
            reports = statement.reports
            for i, first in enumerate(reports):
                for second in reports[i + 1 :]:
                    if first.quote.article_id != second.quote.article_id:
                        pairs.append((statement, first, second))
        low = [pair for pair in pairs if word_overlap(pair[1].quote.text, pair[2].quote.text) < 0.3]
        judged = {"same": 0, "different": 0, "unsure": 0}
        gone = 0
        wrong = []
        keys = set()
        rows = read_tsv(LINKED_PAIRS) if LINKED_PAIRS.exists() else []
        for row in rows:
            a = _find_quote(library, ids.get(row["file_a"], ""), row["fragment_a"])
            b = _find_quote(library, ids.get(row["file_b"], ""), row["fragment_b"])
            if (
                a is None
                or b is None
                or statement_of.get(a.id) is None
                or statement_of.get(a.id) != statement_of.get(b.id)
            ):
                gone += 1  # not linked now: no longer a linked pair to judge
                if show:
                    print(
                        f"  not linked now ({row['judgement']}): {row['file_a']} “{row['fragment_a']}” · "
                        f"{row['file_b']} “{row['fragment_b']}”"
                    )
                continue
            keys.add(frozenset((a.id, b.id)))
            judged[row["judgement"]] = judged.get(row["judgement"], 0) + 1
            if row["judgement"] != "same":
                wrong.append(row)
        library_size = len(ids)
        unjudged = [pair for pair in pairs if frozenset((pair[1].quote.id, pair[2].quote.id)) not in keys]
        if unjudged_only:  # every linked pair the gold does not judge yet, in statement order
            chosen = unjudged
        else:
            chosen = random.Random(seed).sample(pairs, min(sample, len(pairs))) if sample else []
        listed = [
            {
                "file_a": names[a.quote.article_id],
                "fragment_a": _fragment(a.quote.text),
                "file_b": names[b.quote.article_id],
                "fragment_b": _fragment(b.quote.text),
                "speaker": statement.speaker,
                "reason": b.link_reason if a.link_reason.startswith("core") else a.link_reason,
            }
            for statement, a, b in chosen
        ]
        library.close()
    total = judged["same"] + judged["different"] + judged["unsure"]
    result = {
        "articles": library_size,
        "statements": len(statements),
        "linked_pairs": len(pairs),
        "pairs_under_30pct_words": len(low),
        "judged": judged,
        "judged_same_pct": round(100 * judged["same"] / total, 1) if total else 0.0,
        "judged_not_linked_now": gone,
        "unjudged_pairs": len(unjudged),
        "sample": listed,
    }
    print(
        f"BBC politics 001-208 links: {len(statements)} statements, {len(pairs)} linked report pairs, "
        f"{len(low)} share under 30% of their words; hand-judged pairs still linked: {judged['same']} of {total} "
        f"the same remark ({result['judged_same_pct']}%), {gone} judged pairs no longer linked, "
        f"{len(unjudged)} linked pairs not judged"
    )
    if show:
        for row in wrong:
            print(
                f"  {row['judgement']}: {row['file_a']} “{row['fragment_a']}” ~ {row['file_b']} “{row['fragment_b']}”"
            )
    if listed and unjudged_only:  # rows in the gold file's format: judgement to fill in, the link as a note
        print("file_a\tfragment_a\tfile_b\tfragment_b\tjudgement\tnote")
        for item in listed:
            sides = "\t".join(item[key] for key in ("file_a", "fragment_a", "file_b", "fragment_b"))
            print(f"{sides}\t\tspeaker {item['speaker']}; linked: {item['reason']}")
    elif listed:
        print("file_a\tfragment_a\tfile_b\tfragment_b\tspeaker\treason")
        for item in listed:
            print("\t".join(item[key] for key in ("file_a", "fragment_a", "file_b", "fragment_b", "speaker", "reason")))
    return result


def _outlet_of(report) -> str:
    return getattr(report, "outlet", None) or getattr(report, "source", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["speakers", "pairs", "links", "all"])
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--sample", type=int, default=0, help="links: print N linked pairs to judge")
    parser.add_argument("--seed", type=int, default=8, help="links: the sample's seed")
    parser.add_argument("--unjudged", action="store_true", help="links: print every linked pair not judged yet")
    parser.add_argument(
        "--with-library",
        action="store_true",
        help="speakers: ingest the gold articles with the tuning files 001-208 (scored: the gold articles only)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results alone")
    args = parser.parse_args(argv)
    if not POLITICS.is_dir() or not POLNEAR.is_dir():
        print(f"The shared corpora are not at {SHARED}; nothing to check.")
        return 0
    isolate_user_dirs()
    result: dict = {}
    if args.what in ("speakers", "all"):
        result["speakers"] = score_speakers(args.show, args.with_library)
    if args.what in ("pairs", "all"):
        result["pairs"] = score_pairs(args.show)
    if args.what == "links":
        result["links"] = score_links(args.show, args.sample, args.seed, args.unjudged)
    if not args.no_write:
        # pairs and links alone keep their own file, so that running one leaves the others' figures
        name = f"attribution_check_{args.what}" if args.what in ("pairs", "links") else "attribution_check"
        print(f"wrote {write_results(name, result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
