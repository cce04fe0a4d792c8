"""The user's quote corrections: a quote's speaker set by hand, or a quote marked "not a quote".

They are user data, kept as ``corrections.toml`` in the config folder beside ``aliases.toml``,
and applied whenever the library links (after every ingest, `reindex`, `reindex --nlp`, an alias
edit), so they survive re-reading the articles. The file format::

    # quotedesk quote corrections: written by `quotedesk quotes correct` and the reader's c key.
    [[correction]]
    article = "e45b4331ead5a809"      # the article's id (`quotedesk articles`)
    quote = "The Western support has two targets…"   # the quote's words when it was corrected
    speaker = "John Kirby"            # who said it

    [[correction]]
    article = "e45b4331ead5a809"
    quote = "that such a moment might come in late August"
    not_a_quote = true                # not a quote: left out of quotes and statements

A quote's id (article id and number) can change when the extraction changes, so a correction
names its quote by article and words, and is matched again each time: the same words, else the
same words spaced or cased differently, else the quote of that article whose words are closest
(most of them shared, or one inside the other). A correction whose quote is no longer found is
kept in the file and listed by `quotedesk quotes corrections`, never dropped.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomlkit

from index import tomledit
from index.aliases import normalise_name
from index.model import Actor, Quote

TEMPLATE = """\
# quotedesk quote corrections: written by `quotedesk quotes correct` and the reader's c key, or by hand.
# Each [[correction]] names a quote by its article's id and its words, and either sets its speaker
# (speaker = "Name") or says it is not a quote (not_a_quote = true).
"""
# The speaker a correction sets is this sure.
CORRECTED_CONFIDENCE = 1.0
# How alike a quote's words must be to a correction's (0..100) for the correction to find it again.
SIMILAR_ENOUGH = 80
ACTOR_KINDS = ("person", "org", "group", "place")


class CorrectionError(ValueError):
    """The corrections file cannot be read or holds a malformed entry; one sentence naming the file."""


@dataclass(frozen=True)
class Correction:
    """One correction: which quote (article and words), and its speaker or that it is not a quote."""

    article_id: str
    text: str
    speaker: str = ""
    not_a_quote: bool = False
    start: int = -1  # where the quote began when corrected: tells the same words said twice apart

    @property
    def key(self) -> str:
        """A name that does not depend on the quote's number: the article id and a digest of the words."""
        return f"{self.article_id}:{_digest(self.text)}"

    def describe(self) -> str:
        return "not a quote" if self.not_a_quote else f"speaker: {self.speaker}"


@dataclass
class AppliedCorrections:
    """What linking does with the corrections: the quotes it keeps (corrected), the rows the store keeps
    so that quotes read back corrected, the actors made for names no article gave, and those not found."""

    quotes: list[Quote]
    rows: list[tuple[str, int, str, str, str, bool]] = field(default_factory=list)
    new_actors: list[Actor] = field(default_factory=list)
    stale: list[Correction] = field(default_factory=list)


# --- the file --------------------------------------------------------------------------------------


_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def load_corrections(path: Path) -> list[Correction]:
    """The corrections in the file, in its order; a missing file has none."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise CorrectionError(f"Cannot read the corrections file {path}: {error.strerror or error}.") from error
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        message = f"The corrections file {path} is not UTF-8 text; save it as UTF-8 and try again."
        raise CorrectionError(message) from error
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        where = f" at line {match.group(1)}, column {match.group(2)}" if match else ""
        reason = _LINE.sub("", str(error)).strip().lower()
        message = f"The corrections file {path} is not valid TOML{where} ({reason}); fix or delete it."
        raise CorrectionError(message) from error
    return _from_table(data, path)


def _from_table(data: dict[str, Any], path: Path) -> list[Correction]:
    unknown = sorted(set(data) - {"correction"})
    if unknown:
        raise CorrectionError(
            f"The corrections file {path} has an unknown key `{unknown[0]}`; it holds [[correction]] entries only."
        )
    entries = data.get("correction", [])
    if not isinstance(entries, list):
        raise CorrectionError(f"In the corrections file {path}, `correction` must be [[correction]] entries.")
    corrections = []
    for number, entry in enumerate(entries, start=1):

        def fail(what: str, number: int = number) -> CorrectionError:
            return CorrectionError(f"In the corrections file {path}, correction {number} {what}.")

        if not isinstance(entry, dict):
            raise fail("is not a table")
        article, text = entry.get("article"), entry.get("quote")
        if not isinstance(article, str) or not article or not isinstance(text, str) or not text:
            raise fail("needs `article` (an article id) and `quote` (the quote's words)")
        speaker, not_a_quote, start = entry.get("speaker", ""), entry.get("not_a_quote", False), entry.get("start", -1)
        if not isinstance(speaker, str) or not isinstance(not_a_quote, bool) or not isinstance(start, int):
            raise fail('has a wrong value: speaker = "Name", not_a_quote = true, start = a number')
        if bool(speaker.strip()) == not_a_quote:
            raise fail('needs either speaker = "Name" or not_a_quote = true')
        extra = sorted(set(entry) - {"article", "quote", "speaker", "not_a_quote", "start"})
        if extra:
            raise fail(f"has an unknown key `{extra[0]}`")
        corrections.append(Correction(article, text, speaker.strip(), not_a_quote, start))
    return corrections


def save_correction(path: Path, correction: Correction, quote: Quote | None = None) -> list[Correction]:
    """Add `correction`, replacing any correction of the same quote (the one it matches, or `quote`).

    The file is edited in place (the user's comments and other entries stay) and written atomically.
    """
    return _edit(path, correction.article_id, correction.text, quote, correction)


def remove_correction(path: Path, article_id: str, text: str, quote: Quote | None = None) -> list[Correction]:
    """Remove the correction of the quote with these words in this article (or of `quote`); the rest stays."""
    return _edit(path, article_id, text, quote, None)


def _edit(
    path: Path, article_id: str, text: str, quote: Quote | None, correction: Correction | None
) -> list[Correction]:
    path = Path(path)
    existing = load_corrections(path)  # a broken file is a CorrectionError before anything changes
    doomed = {n for n, old in enumerate(existing) if corrects_quote(old, article_id, text, quote)}
    document = tomledit.read_document(path, TEMPLATE)
    tables = document.get("correction")
    if tables is not None and doomed:
        for number in sorted(doomed, reverse=True):
            tomledit.remove_table(tables, number)
    if correction is not None:
        entry = tomlkit.table()
        entry["article"] = correction.article_id
        entry["quote"] = correction.text
        if correction.not_a_quote:
            entry["not_a_quote"] = True
        else:
            entry["speaker"] = correction.speaker
        if correction.start >= 0:
            entry["start"] = correction.start
        if tables is None:
            tables = document["correction"] = tomlkit.aot()
        tomledit.append_table(tables, entry)
    elif tables is not None and not len(tables):
        del document["correction"]
    corrections = _from_table(document.unwrap(), path)
    tomledit.write_document(path, document)
    return corrections


def corrects_quote(old: Correction, article_id: str, text: str, quote: Quote | None) -> bool:
    """`old` is a correction of the quote with `text` in `article_id` (or, found again, of `quote`)."""
    if old.article_id != article_id:
        return False
    if _normalised(old.text) == _normalised(text):
        return True
    return quote is not None and match_corrections([old], [quote]) == [quote.id]


# --- finding each correction's quote again -----------------------------------------------------------


def match_corrections(corrections: Sequence[Correction], quotes: Iterable[Quote]) -> list[str]:
    """The id of the quote each correction applies to ("" when it is no longer found); each quote takes
    one correction at most. Same words first, then the same words differently spaced or cased, then
    the closest words in the same article."""
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    found = [""] * len(corrections)
    claimed: set[str] = set()
    for likeness in (_same_words, _same_normalised, _similarity):
        for number, correction in enumerate(corrections):
            if found[number]:
                continue
            scored = [
                (likeness(correction.text, quote.text), quote)
                for quote in by_article.get(correction.article_id, [])
                if quote.id not in claimed
            ]
            scored = [(score, quote) for score, quote in scored if score >= SIMILAR_ENOUGH]
            if not scored:
                continue
            _, best = min(scored, key=lambda pair: (-pair[0], _distance(correction, pair[1]), pair[1].start))
            found[number] = best.id
            claimed.add(best.id)
    return found


def _same_words(a: str, b: str) -> float:
    return 100.0 if a == b else 0.0


def _same_normalised(a: str, b: str) -> float:
    return 100.0 if _normalised(a) == _normalised(b) else 0.0


def _similarity(a: str, b: str) -> float:
    """How alike two quotes' words are (0..100): mostly the same, or one a good part of the other."""
    from rapidfuzz import fuzz

    left, right = _normalised(a), _normalised(b)
    score = float(fuzz.ratio(left, right))
    shorter, longer = sorted((left, right), key=len)
    if len(shorter) >= 20 and shorter in longer and len(shorter) >= len(longer) / 2:
        score = max(score, float(SIMILAR_ENOUGH))
    return score


def _distance(correction: Correction, quote: Quote) -> int:
    return abs(quote.start - correction.start) if correction.start >= 0 else 0


def _normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.translate(str.maketrans("“”„‘’‚«»", '"""\'\'\'""'))
    return " ".join(folded.split())


def _digest(text: str) -> str:
    return hashlib.sha1(_normalised(text).encode("utf-8", "surrogatepass")).hexdigest()[:10]


# --- applying them while linking ---------------------------------------------------------------------


def apply_corrections(
    corrections: Sequence[Correction],
    quotes: Sequence[Quote],
    actors: Sequence[Actor],
    outlet_of: Callable[[str], str],
) -> AppliedCorrections:
    """Apply the corrections to the quotes linking made: a not-a-quote is left out; a corrected speaker
    becomes the library actor of that name (or alias), or a new actor when no article named them,
    with evidence "corrected" and confidence 1. Nothing is changed in `quotes` or `actors`."""
    found = match_corrections(corrections, quotes)
    by_quote = {quote_id: correction for quote_id, correction in zip(found, corrections, strict=True) if quote_id}
    result = AppliedCorrections(quotes=[], stale=[c for c, q in zip(corrections, found, strict=True) if not q])
    if not by_quote:
        result.quotes = list(quotes)
        return result
    names = _ActorNames(actors)
    for quote in quotes:
        correction = by_quote.get(quote.id)
        if correction is None:
            result.quotes.append(quote)
            continue
        article_id, _, number = quote.id.rpartition(":")
        if correction.not_a_quote:
            result.rows.append((article_id, int(number), quote.text, "", "", True))
            continue
        actor = names.find(correction.speaker)
        if actor is None:
            kind = quote.speaker_kind if quote.speaker_kind in ACTOR_KINDS else "person"
            actor = names.add(correction.speaker, kind)
            result.new_actors.append(actor)
        if quote.article_id not in actor.articles and actor in result.new_actors:
            actor.articles.append(quote.article_id)
            outlet = outlet_of(quote.article_id)
            if outlet and outlet not in actor.outlets:
                actor.outlets.append(outlet)
        result.rows.append((article_id, int(number), quote.text, actor.name, actor.id, False))
        result.quotes.append(
            replace(
                quote,
                speaker=actor.name,
                speaker_id=actor.id,
                speaker_evidence="corrected",
                speaker_via="",
                speaker_confidence=CORRECTED_CONFIDENCE,
            )
        )
    return result


class _ActorNames:
    """The library's actors by name and by alias (compared as alias names are), and new ones made here."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.ids = {actor.id for actor in actors}
        self.by_name: dict[str, Actor] = {}
        self.by_alias: dict[str, list[Actor]] = {}
        for actor in actors:
            self.by_name.setdefault(normalise_name(actor.name), actor)
            for alias in actor.aliases:
                self.by_alias.setdefault(normalise_name(alias), []).append(actor)

    def find(self, name: str) -> Actor | None:
        wanted = normalise_name(name)
        if wanted in self.by_name:
            return self.by_name[wanted]
        candidates = self.by_alias.get(wanted, [])
        return max(candidates, key=lambda actor: actor.mention_count) if candidates else None

    def add(self, name: str, kind: str) -> Actor:
        slug = _slug(name)
        actor_id, number = slug, 2
        while actor_id in self.ids:
            actor_id, number = f"{slug}-{number}", number + 1
        actor = Actor(id=actor_id, name=name, kind=kind)
        self.ids.add(actor_id)
        self.by_name[normalise_name(name)] = actor
        return actor


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


# --- what `quotes corrections` lists -------------------------------------------------------------------


@dataclass
class CorrectionStatus:
    """A correction and the quote it applies to now ("" when none: `reason` says why)."""

    correction: Correction
    quote_id: str
    reason: str = ""


def statuses(
    corrections: Sequence[Correction], quotes: Iterable[Quote], known_articles: set[str]
) -> list[CorrectionStatus]:
    """Each correction with the quote it finds among `quotes` (all of the articles', not-a-quotes too)."""
    found = match_corrections(corrections, quotes)
    result = []
    for correction, quote_id in zip(corrections, found, strict=True):
        reason = ""
        if not quote_id:
            reason = (
                "its quote is no longer found in the article"
                if correction.article_id in known_articles
                else "its article is no longer in the library"
            )
        result.append(CorrectionStatus(correction, quote_id, reason))
    return result
