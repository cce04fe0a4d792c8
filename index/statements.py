"""One statement across outlets: link the reports of one speaker that report the same remark.

Outlets trim a quote, extend it, change a word, or paraphrase it. Two reports (on words
lowercased, punctuation removed) are of one remark when:

* **the same words**: identical; or the shorter (4 words or more) appears whole in the longer;
  or all but a word or two of it do, in order (MemeTracker's edit distance, widened to reports
  that quote more); or a long run of words is shared (8 in a row, as Quotebank's shingles), or
  most of the shorter's words are, in runs;
* **the quoted words**: a phrase one report puts in quote marks ("it sees 'no indication' of…"),
  used by no other speaker, is in the other, and the dates do not say another occasion. A phrase
  a report only mentions, in quote marks after a noun for earlier words ("standing by his remarks
  which likened him to a 'concentration camp guard'"), is what those remarks said, not this
  report's remark: it links nothing, and a report found only inside it is not the same words;
* **a paraphrase on the same occasion**: the articles tell the same story (their quotes and
  titles share distinctive words) and, where both are dated, lie within a few days, or, dated a
  week apart at most, both reports name the same kind of occasion a speaker seldom has twice in a
  week ("Trump saying during the debate last week, '…'", in the report's paragraph or else its
  article's opening: `OCCASION_NOUNS`, read from the bodies only for pairs nothing else links); and the
  distinctive words (weighted by how rare they are among all the library's quotes, names
  aside) of one report are nearly all in the other, or a phrase only this speaker uses is
  shared with another word. A short fragment (two or three words) in a longer report needs
  the occasion too.

Names and numbers are what a remark is about: a report that changes one ("Mr Flight had
exposed…" / "Mr Kruger had exposed…", "59 percent" / "58 percent") or drops or adds a negation is
another remark, however alike the rest.

A statement is grouped around a core, not chained: a report joins a statement only when it
matches the statement's core (the report every other one matches, the fullest: never a short
fragment of longer ones), so near-matches A~B and B~C do not make A and C one statement unless B
holds both; and not even then when A and C are rival versions of the same words, or when only a
fragment or a paraphrase joins two groups that hardly link across. Every report keeps why it
joined (`Report.link_reason`, `link_score`); the core's reason is `CORE_REASON`.

Only groups reported by two or more articles become Statements: a quote with
``statement_id == ""`` was carried by one article only. Quotes of different people are never
linked. Where one person's quotes are split over two actors whose names agree ("Tony Blair" and
a leftover "Blair" actor, and no other Blair to confuse them with), and where a quote has no
speaker, a report joins on the same words only, never on a paraphrase.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import importlib.util
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from itertools import pairwise
from pathlib import Path

from index.gender import conflicting, name_gender
from index.grouping import UnionFind
from index.lexicon import FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS, OCCASION_NOUNS
from index.model import Quote, Report, Statement
from index.nlp import MODEL_PACKAGES

LONG_RUN_WORDS = 8  # a run this long shared is the same words (Quotebank uses 10-word shingles)
MIN_WHOLE_WORDS = 4  # a shorter report found whole in a longer one links on its own from here
ADOPT_MIN_WORDS = 6  # a quote with no speaker joins on the same words from here (or identical)
ADOPT_LOOKUP_WORDS = 3  # ... looked for among the reports that hold its three rarest words
MOSTLY_SAME_RATIO = 0.6  # share of the shorter's words in shared runs of two or more
PARAPHRASE_SMALL_COVER = 0.8  # weighted share of the smaller's distinctive words in the other
PARAPHRASE_LARGE_COVER = 0.25  # ... and of the larger's in the smaller
PARAPHRASE_MIN_SHARED = 3
# Where nothing tells the occasion (no dates, stories apart), a paraphrase must be close: every
# distinctive word of the smaller in the other, three or more of them, and half the other's.
CLOSE_SMALL_COVER = 0.95
CLOSE_LARGE_COVER = 0.5
PHRASE_COVER = 0.4  # with a phrase only this speaker uses
PHRASE_RUN_WORDS = 5  # on the same occasion, a run this long of the same words (inflection aside) ...
PHRASE_RUN_CONTENT = 3  # ... with this many content words, not names, is the remark's own phrase,
PHRASE_RUN_COVER = 0.75  # ... when it holds this share of one report's content words
OCCASION_DAYS = 7  # dated reports further apart are not one occasion for a paraphrase (a news week: a
# debate line is still quoted in the columns of the week after)
OPENING_PARAGRAPHS = 3  # where a report's paragraph names no occasion, its article's opening may
SAME_STORY = 0.25  # cosine of two articles' quote and title words: the same story
SAME_STORY_DATED = 0.1  # ... when their dates already agree
RIVAL_OVERLAP = 0.5  # unlinked reports sharing this share of the smaller's words are rivals
RIVAL_MIN_SHARED = 3  # ... and at least this many content words
TITLE_CASE_MIN_WORDS = 4  # a report this long with nearly all its words capitalised ...
TITLE_CASE_SHARE = 0.8  # ... (this share, a little word among them) is a headline in title case
# Nouns for words said before: a phrase in quote marks after one of them in its clause ("standing by
# his remarks which likened him to a 'concentration camp guard'") is what those remarks said,
# mentioned by a new remark (a stand, an explanation), not the new remark's own words.
REMARK_NOUNS = frozenset(
    "remark remarks comment comments words phrase jibe jibes gibe gibes insult insults slur slurs description".split()  # noqa: SIM905
)
CORE_REASON = "core report: the others match it"
SAME, UNKNOWN, DIFFERENT = "same", "unknown", "different"  # what is known of two reports' occasion

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each either even ever every few for from further get gets
    got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
    him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just
    let's may me might more most much must mustn't my myself no nor not now of off on once only
    or other ought our ours ourselves out over own quite rather said same say says shall shan't
    she she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those though
    through to too under until up upon us very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's whether which while who who's whom why why's will with
    won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
    one also well going go goes gone make makes made like thing things way ways
    maybe perhaps look okay ok yes yeah oh actually really frankly course know think mean lot sure
    """.split()  # noqa: SIM905 - a word list reads best as text
)
NEGATIONS = frozenset("not no never nor none nothing nobody neither cannot without".split())  # noqa: SIM905

_TOKEN = re.compile(r"\w+(?:'\w+)*")
_SENTENCE_END = frozenset(".!?:;\"“”‘'(")
# A span in quote marks inside a report: "…", “…”, ‘…’ or '…' (an apostrophe inside a word is no mark).
# Apostrophes inside words ("doesn't") are no marks; some papers print a double mark as ''.
_MARKED = re.compile(
    r"(?<![\w'])(?:''|[\"“‘'])(?=\w)((?:[^\"“”‘’']|(?<=\w)['’](?=\w)){2,200}?)(?<=[\w.,!?])(?:''|[\"”’'])(?![\w'])"
)


@dataclass
class QuoteMeta:
    """What linking needs to know about the article of a quote."""

    outlet: str
    date: str  # ISO or ""
    title: str


@dataclass(frozen=True)
class Link:
    """Why two reports are one remark: a reason a reader can check, and how close they are (0..1)."""

    reason: str
    score: float
    same_words: bool  # matched on the words themselves, not on a paraphrase
    strong: bool = False  # the words of one report, whole or nearly, in the other (not a fragment or paraphrase)


_CONFLICT = Link("conflict", 0.0, False)  # alike words, but another name, number or negation
_MENTIONED = Link("mentioned", 0.0, False)  # the shorter only inside words the longer quotes of an earlier remark


# --- words ----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> US


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(lowercased word, whether it is a name or a number) for each word of `text`.

    A name is a capitalised word that does not start a sentence; a number has a digit. Lone
    digits are dropped (list numbering, not content). In a headline set in title case ("Speaks
    'Directly To White People' After Latest Police Shooting") capitals tell no names: only
    numbers count there."""
    text = _clean(text)
    words = [match for match in _TOKEN.finditer(text) if not (match.group().isdigit() and len(match.group()) == 1)]
    title_case = _title_cased([match.group() for match in words])
    tokens = []
    for match in words:
        word = match.group()
        before = text[: match.start()].rstrip()
        initial = not before or before[-1] in _SENTENCE_END
        capitalised = word[:1].isupper() and not initial and not title_case
        tokens.append((word.casefold(), any(char.isdigit() for char in word) or capitalised))
    return tokens


def _title_cased(words: Sequence[str]) -> bool:
    """Words set in title case: four or more, nearly all capitalised, and a little word among
    them (to, after, of, the) written with a capital after the first word, which running text
    never does ("I" and letters in capitals, "US", are no such sign: "Jack Straw and I")."""
    alphabetic = [word for word in words if word[:1].isalpha()]
    if len(alphabetic) < TITLE_CASE_MIN_WORDS:
        return False
    capitalised = [word for word in alphabetic if word[:1].isupper()]
    return len(capitalised) >= TITLE_CASE_SHARE * len(alphabetic) and any(
        word[0].isupper() and word[1:].islower() and word.casefold() in STOPWORDS for word in alphabetic[1:]
    )


def normalise_words(text: str) -> list[str]:
    """Lowercased words without punctuation ("U.S." -> "us", "we’re" -> "we're")."""
    return [word for word, _ in _tokens(text)]


@functools.cache
def _irregular_forms() -> dict[str, str]:
    """Irregular word forms and their lemma ("paid" -> "pay", "told" -> "tell", "men" -> "man"),
    from the exception tables of the installed English model's lemmatizer, read as data (no
    spaCy import, so linking in the reader stays light); empty without the model.

    Reported speech shifts a quote's tense ("we pay" -> "he said they paid"), so a paraphrase
    meets its quote only when irregular forms do."""
    for package in MODEL_PACKAGES:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder).glob("*/lemmatizer/lookups/lookups.bin")):
                try:
                    import srsly  # spaCy's own serialiser: installed with it, light to import

                    tables = srsly.msgpack_loads(path.read_bytes()).get("lemma_exc", {})
                except Exception:  # noqa: BLE001 - a damaged model file only costs the table
                    continue
                forms: dict[str, str] = {}
                for table in sorted(tables.values(), key=len):  # merged: the larger table wins
                    for form, lemmas in table.items():
                        if lemmas and isinstance(form, str) and form.isalpha():
                            forms[form] = str(lemmas[0])
                return forms
    return {}


def _stem(word: str) -> str:
    # A crude suffix stripper: enough to meet "negotiate"/"negotiated"/"negotiating" and
    # "weapon"/"weapons" in the same place; a real stemmer would be a dependency for little.
    # Irregular forms go to their lemma first ("paid" -> "pay"), then through the same stripper.
    if word.endswith("'s"):
        word = word[:-2]
    word = _irregular_forms().get(word, word)
    for suffix in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _content(word: str) -> bool:
    # Negations are counted apart (a report that drops one is another remark), not as words
    # shared: "paid nothing" and "not paid anything" meet on "paid", not on "nothing".
    return word not in STOPWORDS and word not in NEGATIONS and len(word) > 1 and not word.isdigit()


def content_stems(words: Sequence[str]) -> list[str]:
    return [_stem(w) for w in words if _content(w)]


def _negations(words: Iterable[str]) -> int:
    return sum(1 for w in words if w in NEGATIONS or w.endswith("n't"))


def _content_bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    """Adjacent pairs of content words, or of a negation and a content word, stemmed ("no indication")."""
    return {
        (_stem(a), _stem(b))
        for a, b in pairwise(words)
        if (_content(a) or a in NEGATIONS) and (_content(b) or b in NEGATIONS) and (_content(a) or _content(b))
    }


@dataclass
class _Report:
    """A quote prepared for comparison."""

    quote: Quote
    words: list[str]
    named: list[bool]
    stems: set[str]
    bigrams: set[tuple[str, str]]
    shown: dict[str, str] = field(default_factory=dict)  # stem -> a word of the quote for it
    names: set[str] = field(default_factory=set)  # stems of its names (capitalised inside a sentence)
    person: str = ""  # the person linking counts it under (its speaker, or the fuller actor of them)
    fragments: list[list[str]] = field(default_factory=list)  # words it puts in quote marks (its own)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # word ranges it quotes of earlier remarks
    clauses: list[tuple[int, int]] = field(default_factory=list)  # word ranges of its sentences and clauses
    parts: list[_Report] | None = None  # its clauses and complements prepared alike (see _parts), once asked for
    stemmed: list[str] | None = None  # every word stemmed, in order (see _stemmed), once asked for


def _prepare(text: str, quote: Quote | None = None) -> _Report:
    tokens = _tokens(text)
    words = [word for word, _ in tokens]
    shown: dict[str, str] = {}
    for word in words:
        if _content(word):
            shown.setdefault(_stem(word), word)
    clauses = _clauses(text, len(words))
    fragments: list[list[str]] = []
    mentions: list[tuple[int, int]] = []
    for match in _MARKED.finditer(text):
        fragment = normalise_words(match.group(1))
        start = len(_tokens(text[: match.start()]))
        clause_start = max((begin for begin, _ in clauses if begin <= start), default=0)
        if REMARK_NOUNS.intersection(words[clause_start:start]):
            mentions.append((start, start + len(fragment)))
        else:
            fragments.append(fragment)
    if quote is not None and quote.kind == "partial" and len(words) <= 3:
        fragments.append(words)
    report = _Report(quote, words, [named for _, named in tokens], set(shown), _content_bigrams(words), shown)  # type: ignore[arg-type]
    report.fragments = [fragment for fragment in fragments if len(fragment) >= 2]
    report.mentions = mentions
    report.names = {_stem(word) for word, named in tokens if named and word.isalpha() and _content(word)}
    report.clauses = clauses
    return report


def _only_mentioned(words: Sequence[str], report: _Report) -> bool:
    """Whether `words` occur in `report` only inside words it quotes of an earlier remark."""
    n = len(words)
    found = [i for i in range(len(report.words) - n + 1) if report.words[i : i + n] == list(words)]
    return bool(found) and all(any(a <= i and i + n <= b for a, b in report.mentions) for i in found)


# A clause ends at a sentence's end, a semicolon, colon or dash, or before a conjunction after a
# comma that starts another point ("…was smart, although he again refused to…").
_CLAUSE_BREAK = re.compile(r"[.!?;:—―]+\s|[.!?]+[\"'”’]\s|\s[-–]\s|,\s+(?=(?:although|though|but|while|whereas|yet)\b)")


def _clauses(text: str, count: int) -> list[tuple[int, int]]:
    """Word ranges (start, end) of the clauses of `text`, in `_tokens` positions."""
    text = _clean(text)
    breaks = [match.end() for match in _CLAUSE_BREAK.finditer(text)]
    clauses: list[tuple[int, int]] = []
    start = position = 0
    pending = iter(breaks)
    cut = next(pending, None)
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word.isdigit() and len(word) == 1:
            continue
        while cut is not None and match.start() >= cut:
            if position > start:
                clauses.append((start, position))
                start = position
            cut = next(pending, None)
        position += 1
    if position > start:
        clauses.append((start, position))
    return clauses or [(0, count)]


# --- comparing two reports ------------------------------------------------------------------


@dataclass
class _Context:
    """What a comparison knows beyond the two texts: word rarity, the speaker's own phrases, the occasion."""

    weights: Mapping[str, float] = field(default_factory=dict)  # stem -> rarity among all quotes
    default_weight: float = 1.0
    distinctive: set[tuple[str, str]] = field(default_factory=set)  # phrases only this speaker uses

    def weight(self, stems: Iterable[str]) -> float:
        # fsum is exactly rounded, so the sum does not depend on the order of a set of strings
        # (which changes with every process's hash seed); a plain sum would.
        return math.fsum(self.weights.get(stem, self.default_weight) for stem in stems)


def compare(a: _Report, b: _Report, context: _Context, occasion: str) -> Link | None:
    """Whether two prepared reports are one remark, and why; None when they are not (or may not be)."""
    if not a.words or not b.words:
        return None
    short, long = sorted((a, b), key=lambda r: (len(r.words), r.words))
    if not short.stems:
        return None  # "We'll see." said twice is not evidence of one remark
    found = _same_words(short, long, context, occasion)
    if found is _CONFLICT or found is _MENTIONED:
        return None  # not by a paraphrase either: the words that match are not the other's remark
    if found is None and occasion != DIFFERENT:
        found = _quoted_fragment(a, b, context, occasion)
    if found is None and occasion == SAME:
        found = _shared_phrase(short, long)
    if found is not None or occasion == DIFFERENT:
        return found
    if _other_quotations(a, b):
        return None
    close = occasion != SAME
    return _paraphrase(a, b, context, close=close) or _paraphrase_of_a_clause(short, long, context, close=close)


def _verbatim(report: _Report) -> list[list[str]]:
    """The words a report gives as the speaker's own: all of a direct quote, the quoted
    fragments of a partial one, none of indirect speech."""
    if report.quote is not None and report.quote.kind == "direct":
        return [report.words]
    return report.fragments


def _other_quotations(a: _Report, b: _Report) -> bool:
    """Both reports quote the speaker's words, and neither's quoted words are in the other
    ("… to know that he's paid nothing in federal taxes" / "may not have paid a dime"): two
    quotations that do not share their words are two remarks, however alike their topic. A
    paraphrase is of a quotation, not another quotation."""
    quoted_a, quoted_b = _verbatim(a), _verbatim(b)
    if not quoted_a or not quoted_b:
        return False
    return not any(_holds(b.words, words) for words in quoted_a) and not any(
        _holds(a.words, words) for words in quoted_b
    )


def _holds(words: Sequence[str], run: Sequence[str]) -> bool:
    n = len(run)
    return any(list(words[i : i + n]) == list(run) for i in range(len(words) - n + 1))


def _same_words(short: _Report, long: _Report, context: _Context, occasion: str) -> Link | None:
    """A Link on the same words; None when there is none; _CONFLICT when the words are alike
    but a name, number or negation differs, _MENTIONED when the shorter is in the longer only
    inside words it quotes of an earlier remark (then no paraphrase rule may link them either)."""
    n = len(short.words)
    if short.words == long.words:
        if n >= 3 or (occasion == SAME and short.bigrams & context.distinctive):
            return Link("same words", 1.0, True, strong=n >= 3)
        return None
    # A cheap bound first: most linking rules need half the shorter's words in the longer.
    shared_words = set(short.words) & set(long.words)
    if len(shared_words) < 0.5 * len(set(short.words)):
        return None
    matcher = difflib.SequenceMatcher(a=short.words, b=long.words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= 2]
    if not blocks:
        return None
    run = max(block.size for block in blocks)
    if run == n:  # the whole shorter report inside the longer
        if long.mentions and _only_mentioned(short.words, long):
            return _MENTIONED  # the longer only mentions those words: a new remark about them
        if n >= MIN_WHOLE_WORDS:
            return Link("same words, in a longer report", 0.7 + 0.3 * n / len(long.words), True, strong=True)
        if occasion == SAME and (len(short.stems) >= 2 or short.bigrams & context.distinctive):
            return Link("a short fragment of it, same occasion", 0.4 + 0.1 * n / len(long.words), True)
        return None
    if _conflict(short, long, matcher.get_opcodes()):
        return _CONFLICT
    # A word or two changed: every matching word counts here, single ones too, in a compact stretch.
    every = [block for block in matcher.get_matching_blocks() if block.size]
    missing = n - sum(block.size for block in every)
    span = every[-1].b + every[-1].size - every[0].b
    allowed = 1 if n < 10 else 2 if n < 20 else round(0.1 * n)
    if n >= MIN_WHOLE_WORDS and missing <= allowed and span <= n + allowed + 2 and _matched_content(short, every):
        changed = (
            "a few words added" if missing == 0 else "a word changed" if missing == 1 else f"{missing} words changed"
        )
        return Link(f"same words, {changed}", 0.6 + 0.3 * (n - missing) / n, True, strong=True)
    if run >= LONG_RUN_WORDS:
        return Link(f"same words, {run} in a row", 0.5 + 0.4 * run / n, True, strong=True)
    # Most words in runs, and the other content words of the shorter in the longer too (reordered).
    in_blocks = {i for block in blocks for i in range(block.a, block.a + block.size)}
    elsewhere = {_stem(w) for i, w in enumerate(short.words) if i not in in_blocks and _content(w)} - long.stems
    matched = sum(block.size for block in blocks)
    if (
        matched >= MOSTLY_SAME_RATIO * n
        and _matched_content(short, blocks) >= 3
        and run >= 4
        and blocks[-1].b + blocks[-1].size - blocks[0].b <= 1.25 * n + 2
        and len(elsewhere) <= 1
    ):
        return Link(f"same words, {matched} of {n}", 0.4 + 0.4 * matched / n, True, strong=True)
    return None


def _shared_phrase(short: _Report, long: _Report) -> Link | None:
    """A phrase of the remark kept, word for word but for inflection, in a paraphrase of it on
    the same occasion ("by speaking directly to white people" / "she could speak directly to
    'white people'"): `PHRASE_RUN_WORDS` in a row, `PHRASE_RUN_CONTENT` of them content words
    that are not names, and most of what one report says."""
    matcher = difflib.SequenceMatcher(a=_stemmed(short), b=_stemmed(long), autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    if block.size < PHRASE_RUN_WORDS:
        return None
    words = short.words[block.a : block.a + block.size]
    named = short.named[block.a : block.a + block.size]
    content = [w for w, n in zip(words, named, strict=True) if _content(w) and not n]
    if len(content) < PHRASE_RUN_CONTENT or len({_stem(w) for w in content}) < PHRASE_RUN_COVER * min(
        len(short.stems), len(long.stems)
    ):
        return None  # a phrase of common words in two remarks ("we will build ten new …") is not enough
    return Link(
        f"the phrase '{' '.join(words)}', same occasion", round(0.35 + 0.3 * block.size / len(short.words), 3), True
    )


def _stemmed(report: _Report) -> list[str]:
    """Every word of a report stemmed, in order: computed once, though a report meets many others."""
    if report.stemmed is None:
        report.stemmed = [_stem(word) for word in report.words]
    return report.stemmed


def _matched_content(short: _Report, blocks: Sequence[difflib.Match]) -> int:
    return sum(1 for block in blocks for word in short.words[block.a : block.a + block.size] if _content(word))


def _quoted_fragment(a: _Report, b: _Report, context: _Context, occasion: str) -> Link | None:
    """Words one report puts in quote marks ("it sees 'no indication' of…"), a phrase only this
    speaker uses, found in the other: the same words, unless the dates say another occasion."""
    for report, other in ((a, b), (b, a)):
        for fragment in report.fragments:
            if not {p for p in _content_bigrams(fragment) & context.distinctive if not set(p) <= report.names}:
                continue
            if _holds(other.words, fragment) and not (other.mentions and _only_mentioned(fragment, other)):
                quoted = " ".join(fragment)
                return Link(f"same words: the quoted '{quoted}'", 0.5 if occasion == SAME else 0.42, True)
    return None


def _conflict(short: _Report, long: _Report, opcodes: Sequence[tuple[str, int, int, int, int]]) -> bool:
    """A name or number replaced by another, or a negation in one report's matched stretch only."""
    for tag, a0, a1, b0, b1 in opcodes:
        if tag != "replace":
            continue
        names_a = {short.words[i] for i in range(a0, a1) if short.named[i]}
        names_b = {long.words[i] for i in range(b0, b1) if long.named[i]}
        if names_a and names_b and names_a != names_b:
            return True
    equal = [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in opcodes if tag == "equal"]
    if not equal:
        return False
    stretch_a = short.words[equal[0][0] : equal[-1][1]]
    stretch_b = long.words[equal[0][2] : equal[-1][3]]
    # (whether negated, not how often: "not paid anything" is "doesn't want … to know he's paid nothing")
    return bool(_negations(stretch_a)) != bool(_negations(stretch_b))


def _numbers(report: _Report) -> set[str]:
    return {
        word for word, named in zip(report.words, report.named, strict=True) if named and any(c.isdigit() for c in word)
    }


def _paraphrase(a: _Report, b: _Report, context: _Context, *, close: bool = False) -> Link | None:
    """The same remark in other words: distinctive words shared (the occasion is checked by the caller)."""
    shared = a.stems & b.stems
    if len(shared - a.names - b.names) < 2:
        return None  # names say what a remark is about; the remark is in the other words
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return None  # "59 percent" and "58 percent" are two claims
    if bool(_negations(a.words)) != bool(_negations(b.words)):
        return None  # "expected to freeze payments" and "no longer needs the freeze" say the opposite
    weight_a, weight_b = context.weight(a.stems), context.weight(b.stems)
    weight_shared = context.weight(shared)
    small = weight_shared / min(weight_a, weight_b)
    large = weight_shared / max(weight_a, weight_b)
    smaller = a if weight_a <= weight_b else b
    words = sorted(shared, key=lambda stem: (-context.weights.get(stem, context.default_weight), stem))
    listed = ", ".join(smaller.shown.get(stem, stem) for stem in words[:4])
    if close:  # the occasion is not known: only a close paraphrase of distinctive words
        if (
            len(shared - a.names - b.names) >= PARAPHRASE_MIN_SHARED
            and small >= CLOSE_SMALL_COVER
            and large >= CLOSE_LARGE_COVER
        ):
            return Link(f"close paraphrase: {listed}", round(0.15 + 0.3 * small * large, 3), False)
        return None
    if len(shared) >= PARAPHRASE_MIN_SHARED and small >= PARAPHRASE_SMALL_COVER and large >= PARAPHRASE_LARGE_COVER:
        return Link(f"paraphrase, same occasion: {listed}", round(0.2 + 0.3 * small, 3), False)
    phrases = {p for p in a.bigrams & b.bigrams & context.distinctive if not set(p) <= a.names | b.names}
    if phrases and small >= PHRASE_COVER and shared - {stem for phrase in phrases for stem in phrase}:
        phrase = _as_written(smaller, sorted(phrases)[0])
        return Link(f"paraphrase, same occasion: the phrase '{phrase}'", round(0.2 + 0.2 * small, 3), False)
    return None


def _paraphrase_of_a_clause(short: _Report, long: _Report, context: _Context, *, close: bool = False) -> Link | None:
    """One report paraphrases one clause of the other, which goes on to another point ("paying
    no income taxes was smart, although he again refused to…"), or what a clause of one reports
    ("doesn't want the American people … to know that he's paid nothing in federal taxes") is a
    clause of the other: the clauses alone are held to the paraphrase rule, their negations too."""
    if len(short.stems & long.stems) < PARAPHRASE_MIN_SHARED - 1:
        return None
    sides = [[short] + _parts(short), [long] + _parts(long)]
    best: Link | None = None
    for one in sides[0]:
        for other in sides[1]:
            if one is short and other is long:
                continue  # the reports whole: the caller's comparison
            found = _paraphrase(one, other, context, close=close)
            if found is not None and (best is None or found.score > best.score):
                best = found
    if best is None:
        return None
    reason = best.reason.replace("paraphrase", "paraphrase of part of it", 1)
    return Link(reason, round(best.score - 0.05, 3), False)


def _parts(report: _Report) -> list[_Report]:
    """The clauses of a report, prepared alike, and what a "that" in one reports ("to know that
    he's paid nothing…"): none when it is one clause with no such complement."""
    if report.parts is None:
        ranges = [(start, end) for start, end in report.clauses if end - start >= 2] if len(report.clauses) > 1 else []
        for start, end in report.clauses:
            for i in range(start + 1, end - 2):  # a complement of three words or more, after a word of its clause
                if report.words[i] == "that" and (i + 1, end) not in ranges:
                    ranges.append((i + 1, end))
        report.parts = [_part(report, start, end) for start, end in ranges]
    return report.parts


def _part(report: _Report, start: int, end: int) -> _Report:
    """The words start..end of a prepared report, prepared alike (for comparing one clause)."""
    words, named = report.words[start:end], report.named[start:end]
    shown: dict[str, str] = {}
    for word in words:
        if _content(word):
            shown.setdefault(_stem(word), word)
    part = _Report(report.quote, words, named, set(shown), _content_bigrams(words), shown)
    part.names = {_stem(w) for w, n in zip(words, named, strict=True) if n and w.isalpha() and _content(w)}
    part.person = report.person
    part.clauses = [(0, len(words))]
    return part


def _as_written(report: _Report, phrase: tuple[str, str]) -> str:
    """The words of a stemmed two-word phrase as the report has them ("apologise even")."""
    for first, second in pairwise(report.words):
        if (_stem(first), _stem(second)) == phrase:
            return f"{first} {second}"
    return " ".join(phrase)


def same_statement(
    a: str, b: str, distinctive: set[tuple[str, str]] | None = None, *, same_occasion: bool = True
) -> bool:
    """Whether two quote texts (of one speaker) report the same remark.

    `distinctive` holds the two-word phrases only this speaker uses; `same_occasion` says the
    reports are known to come from one occasion (else only the same words link them)."""
    return link_reason(a, b, distinctive, same_occasion=same_occasion) is not None


def link_reason(
    a: str, b: str, distinctive: set[tuple[str, str]] | None = None, *, same_occasion: bool = True
) -> Link | None:
    """The Link between two quote texts of one speaker, or None."""
    occasion = SAME if same_occasion else UNKNOWN
    return compare(_prepare(a), _prepare(b), _Context(distinctive=distinctive or set()), occasion)


# --- the occasion ---------------------------------------------------------------------------


def named_occasions(body: str, start: int, end: int) -> frozenset[str]:
    """The kinds of occasion ("debate", "summit") that the paragraph of a report at body[start:end]
    names outside the report's own words ("Trump saying during the debate last week, '…'"), or,
    where it names none, that its article's opening names outside them ("… attacked her opponent …
    during the first presidential debate Monday night")."""
    return _occasion_words(_paragraph_around(body, start, end)) or _occasion_words(
        _opening(body[:start] + " " + body[end:])
    )


def _paragraph_around(body: str, start: int, end: int) -> str:
    """The words of the paragraph (line) of body[start:end] before and after it."""
    begin = body.rfind("\n", 0, start) + 1
    finish = body.find("\n", end)
    return body[begin:start] + " " + body[end : finish if finish >= 0 else len(body)]


def _opening(body: str) -> str:
    """The first `OPENING_PARAGRAPHS` paragraphs of a body."""
    return body[: _opening_end(body)]


def _opening_end(body: str) -> int:
    """Where the first `OPENING_PARAGRAPHS` paragraphs (lines with words) of a body end."""
    seen = 0
    for match in re.finditer(r"[^\n]+", body):
        if match.group().strip():
            seen += 1
            if seen == OPENING_PARAGRAPHS:
                return match.end()
    return len(body)


def _occasion_words(text: str) -> frozenset[str]:
    """The kinds of occasion `text` names, by the nouns themselves (no stemming: "heard" is no
    hearing, "debated" no debate)."""
    return frozenset(_OCCASION_FORMS[word] for word in normalise_words(text) if word in _OCCASION_FORMS)


_OCCASION_FORMS = {form: noun for noun in OCCASION_NOUNS for form in (noun, noun + "s")}


class _Occasions:
    """Whether two articles report one occasion: dates close (when known) and the same story."""

    def __init__(
        self,
        quotes: Sequence[Quote],
        meta: Mapping[str, QuoteMeta],
        prepared: Mapping[int, _Report],
        bodies: Callable[[str], str] | None = None,
    ):
        self.bodies = bodies  # article id -> body, read only when a pair's occasion is asked of them
        self._named: dict[str, frozenset[str]] = {}  # quote id -> the occasions its report names
        # article id -> (body, where its opening ends, the occasions the opening names)
        self._openings: dict[str, tuple[str, int, frozenset[str]]] = {}
        # An article's words: its title's and all its quotes' (of every speaker), weighted by
        # how few articles use them. Cheap, and what tells one story from another.
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for quote in quotes:
            report = prepared.get(id(quote))
            counts[quote.article_id].update(report.stems if report else content_stems(normalise_words(quote.text)))
        for article_id in list(counts):
            info = meta.get(article_id)
            if info and info.title:
                counts[article_id].update(content_stems(normalise_words(info.title)))
        frequency = Counter(stem for words in counts.values() for stem in words)
        total = len(counts)
        self.vectors: dict[str, dict[str, float]] = {}
        for article_id, words in counts.items():
            vector = {
                stem: (1 + math.log(n)) * math.log((1 + total) / frequency[stem]) for stem, n in sorted(words.items())
            }
            norm = math.sqrt(math.fsum(value * value for value in vector.values())) or 1.0
            self.vectors[article_id] = {stem: value / norm for stem, value in vector.items()}
        self.dates = {article_id: _parse_date(info.date) for article_id, info in meta.items()}
        self._cache: dict[tuple[str, str], str] = {}

    def named_by_both(self, a: Quote, b: Quote) -> str:
        """The kind of occasion both reports name ("debate"), dated a week apart at most, when
        their articles' words and dates alone do not tell the occasion; else "". A speaker seldom
        has two debates, conventions or summits in one week: such reports are of one occasion."""
        if self.bodies is None or self.of(a.article_id, b.article_id) != UNKNOWN:
            return ""
        if not (self.dates.get(a.article_id) and self.dates.get(b.article_id)):
            return ""  # (undated: a debate of another year)
        both = self._names(a) & self._names(b)
        return min(both) if both else ""

    def _names(self, quote: Quote) -> frozenset[str]:
        if quote.id not in self._named:
            self._named[quote.id] = self._report_names(quote)
        return self._named[quote.id]

    def _report_names(self, quote: Quote) -> frozenset[str]:
        if quote.article_id not in self._openings:
            body = self.bodies(quote.article_id) if self.bodies is not None else ""
            ends = _opening_end(body)
            self._openings[quote.article_id] = (body, ends, _occasion_words(body[:ends]))
        body, opening_end, opening = self._openings[quote.article_id]
        if not body:
            return frozenset()
        if quote.start < opening_end:
            return named_occasions(body, quote.start, quote.end)  # the opening without the report's own words
        return _occasion_words(_paragraph_around(body, quote.start, quote.end)) or opening

    def of(self, a: str, b: str) -> str:
        """SAME, UNKNOWN or DIFFERENT: the occasion of two articles' reports, as far as known."""
        key = (a, b) if a <= b else (b, a)
        if key not in self._cache:
            self._cache[key] = self._occasion(*key)
        return self._cache[key]

    def _occasion(self, a: str, b: str) -> str:
        if a == b:
            return SAME
        day_a, day_b = self.dates.get(a), self.dates.get(b)
        story = self.story(a, b)
        if day_a and day_b:
            if abs((day_a - day_b).days) > OCCASION_DAYS:
                return DIFFERENT
            return SAME if story >= SAME_STORY_DATED else UNKNOWN
        return SAME if story >= SAME_STORY else UNKNOWN

    def story(self, a: str, b: str) -> float:
        va, vb = self.vectors.get(a, {}), self.vectors.get(b, {})
        if len(va) > len(vb):
            va, vb = vb, va
        return math.fsum(value * vb.get(stem, 0.0) for stem, value in va.items())  # va in word order


def _parse_date(value: str) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- people ---------------------------------------------------------------------------------

_ALL_HONORIFICS = HONORIFICS | MALE_HONORIFICS | FEMALE_HONORIFICS


@dataclass(frozen=True)
class _Name:
    first: str  # "" for a surname alone
    surname: str
    gender: str


def _person_name(name: str) -> _Name | None:
    """First name and surname of a person's name ("Mr Tony Blair" -> tony, blair); None if it is not one."""
    words = [w.strip(".,") for w in unicodedata.normalize("NFKC", name).replace("’", "'").split()]
    words = [w for w in words if w]
    gender = name_gender(" ".join(words))
    while words and words[0].casefold() in _ALL_HONORIFICS:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    if not words or not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words):
        return None
    if len(words) == 1 and words[0].isupper():
        return None  # an acronym (EU, BBC) is not a surname
    return _Name(words[0].casefold() if len(words) > 1 else "", words[-1].casefold(), gender)


def _compatible(a: _Name, b: _Name) -> bool:
    if a.surname != b.surname or conflicting(a.gender, b.gender):  # type: ignore[arg-type]
        return False
    return not a.first or not b.first or a.first == b.first


def _people(quotes: Sequence[Quote], occasions: _Occasions | None = None) -> dict[str, str]:
    """Speaker id -> the id of the person it is linked as (itself, or the fuller actor of one
    person split in two). A surname-only actor joins a full name only when exactly one person of
    the library fits it, or else, of two or more who do, exactly one is quoted in articles of the
    same story as it ("Clinton" in reports of a debate where only Hillary Clinton is quoted in
    full, though Bill Clinton is elsewhere in the library); never by the surname alone."""
    names: dict[str, str] = {}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        if quote.speaker_id:
            names.setdefault(quote.speaker_id, quote.speaker)
            kinds[quote.speaker_id][quote.speaker_kind or "person"] += 1
            counts[quote.speaker_id] += 1
            articles[quote.speaker_id].add(quote.article_id)

    def same_story(a: str, b: str) -> bool:
        return occasions is not None and any(
            occasions.of(x, y) == SAME for x in articles[a] for y in articles[b]
        )  # an article is its own story: a bearer quoted beside the surname is the likeliest

    parsed: dict[str, _Name] = {}
    for speaker_id, name in names.items():
        person = _person_name(name) if kinds[speaker_id].most_common(1)[0][0] == "person" else None
        if person is not None:
            parsed[speaker_id] = person
    ids = sorted(parsed)
    union = UnionFind(len(ids))
    by_surname: dict[str, list[int]] = defaultdict(list)
    for position, speaker_id in enumerate(ids):
        by_surname[parsed[speaker_id].surname].append(position)
    for members in by_surname.values():
        full = [i for i in members if parsed[ids[i]].first]
        for i, j in pairwise(sorted(full, key=lambda k: (parsed[ids[k]].first, k))):
            if _compatible(parsed[ids[i]], parsed[ids[j]]):
                union.union(i, j)
        people = {union.find(i) for i in full}
        for i in members:
            if parsed[ids[i]].first:
                continue
            fits = {union.find(j) for j in full if _compatible(parsed[ids[i]], parsed[ids[j]])}
            if len(fits) == 1 and len(people) == 1:
                union.union(i, fits.pop())
            elif len(people) > 1:
                related = {
                    union.find(j)
                    for j in full
                    if _compatible(parsed[ids[i]], parsed[ids[j]]) and same_story(ids[i], ids[j])
                }
                if len(related) == 1:
                    union.union(i, related.pop())
    result = {speaker_id: speaker_id for speaker_id in names}
    for members in union.groups().values():
        chosen = max((ids[i] for i in members), key=lambda s: (bool(parsed[s].first), counts[s], len(names[s]), s))
        for i in members:
            result[ids[i]] = chosen
    return result


# --- grouping -------------------------------------------------------------------------------


def link_statements(
    quotes: Sequence[Quote],
    meta: Mapping[str, QuoteMeta],
    bodies: Callable[[str], str] | None = None,
) -> list[Statement]:
    """Group the reports of each person that report one remark in two or more articles.

    Sets `statement_id` on every quote that joins a statement and clears it on all others, so
    the caller can store the quotes as they are after a re-link. Each Report carries its
    `link_reason` and `link_score`.
    """
    for quote in quotes:
        quote.statement_id = ""
    prepared = {id(q): _prepare(q.text, q) for q in quotes}
    occasions = _Occasions(quotes, meta, prepared, bodies)
    person_of = _people(quotes, occasions)
    frequency = Counter(stem for report in prepared.values() for stem in report.stems)
    total = max(1, len(prepared))
    weights = {stem: math.log((1 + total) / (1 + n)) + 1.0 for stem, n in frequency.items()}
    context = _Context(weights=weights, default_weight=math.log(1 + total) + 1.0)

    by_person: dict[str, list[_Report]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker_id:
            report = prepared[id(quote)]
            report.person = person_of.get(quote.speaker_id, quote.speaker_id)
            by_person[report.person].append(report)
    _adopt_unattributed([prepared[id(q)] for q in quotes if not q.speaker_id], by_person, context)
    # Which people use each phrase: a phrase only one person uses is distinctive of them.
    phrase_people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, reports in by_person.items():
        for report in reports:
            for phrase in report.bigrams:
                phrase_people[phrase].add(person)

    statements = []
    for person in sorted(by_person):
        group = by_person[person]
        distinctive = {phrase for report in group for phrase in report.bigrams if phrase_people[phrase] == {person}}
        local = _Context(context.weights, context.default_weight, distinctive)
        for members, core, links in _cluster(person, group, local, occasions):
            if len({group[m].quote.article_id for m in members}) >= 2:
                statements.append(_statement(person, group, members, core, links, meta))
    statements.sort(key=lambda s: (_date_key(s.reports[0].date), s.actor_id, s.id))
    return statements


def _adopt_unattributed(unknown: list[_Report], by_person: dict[str, list[_Report]], context: _Context) -> None:
    """A quote with no speaker joins the one person whose report has the same words: identical
    (4 words or more), or 6 or more of them with two content words at least."""
    postings: dict[str, list[_Report]] = defaultdict(list)
    for reports in by_person.values():
        for report in reports:
            for stem in report.stems:
                postings[stem].append(report)
    for report in unknown:
        if len(report.words) < MIN_WHOLE_WORDS or not report.stems:
            continue
        # The reports holding its rarest words (ties by the word, never by set order): a report with
        # a word or two changed lacks one of them, so the few rarest are looked in, not only the first.
        rarest = sorted(report.stems, key=lambda stem: (len(postings.get(stem, ())), stem))[:ADOPT_LOOKUP_WORDS]
        candidates = {id(other): other for stem in rarest for other in postings.get(stem, [])}
        people = set()
        for other in candidates.values():
            if other.quote.article_id == report.quote.article_id or other.person in people:
                continue
            found = compare(report, other, context, DIFFERENT)
            shorter = min(len(report.words), len(other.words))
            if found is not None and (found.score == 1.0 or (shorter >= ADOPT_MIN_WORDS and len(report.stems) >= 2)):
                people.add(other.person)
        if len(people) == 1:
            report.person = people.pop()
            by_person[report.person].append(report)


def _cluster(
    person: str, group: list[_Report], context: _Context, occasions: _Occasions
) -> list[tuple[list[int], int, dict[tuple[int, int], Link]]]:
    """Star groups: (members, core, links) where the core matches every other member.

    Pairs merge best first; two groups merge only when one report of them (a core so far, or
    one of the pair) matches every member of both, and no two of their members are rivals. A
    short fragment is never the core of longer reports: a phrase two remarks share does not
    make them one."""
    links: dict[tuple[int, int], Link] = {}
    for i, j in _candidate_pairs(group):
        a, b = group[i], group[j]
        found = compare(a, b, context, occasions.of(a.quote.article_id, b.quote.article_id))
        if found is None and (named := occasions.named_by_both(a.quote, b.quote)):
            # what the articles do not tell, the reports may: both name the debate
            found = compare(a, b, context, SAME)
            if found is not None:
                found = dataclasses.replace(found, reason=f"{found.reason} (both name the {named})")
        if found is not None and not found.same_words and not a.quote.speaker_id == b.quote.speaker_id != "":
            found = None  # a split actor or an unknown speaker joins on the same words only
        if found is not None:
            links[(i, j)] = found

    def linked(i: int, j: int) -> bool:
        return i == j or (min(i, j), max(i, j)) in links

    def weakly_bridged(x: list[int], y: list[int], x_core: int, y_core: int) -> bool:
        # Two groups that only a fragment or a paraphrase joins must be linked across in at
        # least half their pairs: one report that quotes a phrase of another remark ("standing
        # by his remarks which likened him to a 'concentration camp guard'") is no bridge. A
        # single report that matches a statement's core (the report all its others match) joins
        # it, as the others did: it bridges nothing.
        if (len(x) == 1 and linked(x[0], y_core)) or (len(y) == 1 and linked(y[0], x_core)):
            return False
        cross = [(i, j) for i in x for j in y]
        if any(links[(min(i, j), max(i, j))].strong for i, j in cross if linked(i, j)):
            return False
        return 2 * sum(linked(i, j) for i, j in cross) < len(cross)

    def rivals(i: int, j: int) -> bool:
        # Two reports of the same words that were found not to be one remark: variants of a
        # third in two directions (ten new hospitals / schools / schools in the south), not
        # two slices of one longer report.
        # A word or two in common ("That makes me smart" / "paying no taxes was smart") is no
        # rivalry: those are not the same words.
        if linked(i, j):
            return False
        a, b = set(group[i].words), set(group[j].words)
        if len(a & b) < RIVAL_OVERLAP * min(len(a), len(b)):
            return False
        return len(group[i].stems & group[j].stems) >= RIVAL_MIN_SHARED

    members: dict[int, list[int]] = {i: [i] for i in range(len(group))}
    core: dict[int, int] = {i: i for i in range(len(group))}
    owner = list(range(len(group)))
    order = sorted(
        (pair for pair in links if group[pair[0]].quote.article_id != group[pair[1]].quote.article_id),
        key=lambda pair: (-links[pair].score, pair),
    )
    for i, j in order:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        merged = members[ci] + members[cj]
        if any(rivals(x, y) for x in members[ci] for y in members[cj]):
            continue
        candidates = dict.fromkeys((core[ci], core[cj], i, j))
        ranked = sorted(candidates, key=lambda c: (group[c].quote.speaker_id != person, -len(group[c].words), c))
        if weakly_bridged(members[ci], members[cj], core[ci], core[cj]):
            continue
        longest = max(len(group[m].words) for m in merged)
        chosen = next(
            (
                c
                for c in ranked
                if len(group[c].words) >= min(MIN_WHOLE_WORDS, longest) and all(linked(c, m) for m in merged)
            ),
            None,
        )
        if chosen is None:
            continue
        keep, drop = min(ci, cj), max(ci, cj)
        members[keep] = sorted(merged)
        core[keep] = chosen
        for m in members.pop(drop):
            owner[m] = keep
        core.pop(drop)
    result = []
    for root, items in members.items():
        if len(items) > 1 and any(group[m].quote.speaker_id for m in items):
            result.append((items, core[root], links))
    return result


def _candidate_pairs(group: list[_Report]) -> list[tuple[int, int]]:
    """Pairs that share a content word; every linking rule needs at least one."""
    postings: dict[str, list[int]] = defaultdict(list)
    for member, item in enumerate(group):
        for stem in item.stems:
            postings[stem].append(member)
    pairs = set()
    for members in postings.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                pairs.add((i, j))
    return sorted(pairs)


def _date_key(date: str) -> tuple[int, str]:
    return (0, date) if date else (1, "")


def _statement(
    person: str,
    group: list[_Report],
    members: list[int],
    core: int,
    links: Mapping[tuple[int, int], Link],
    meta: Mapping[str, QuoteMeta],
) -> Statement:
    def facts(quote: Quote) -> QuoteMeta:
        return meta.get(quote.article_id) or QuoteMeta(outlet="", date="", title="")

    def why(member: int) -> Link:
        if member == core:
            return Link(CORE_REASON, 1.0, True, strong=True)
        return links[(min(member, core), max(member, core))]

    ordered = sorted(
        members,
        key=lambda m: (
            *_date_key(facts(group[m].quote).date),
            facts(group[m].quote).outlet.casefold(),
            group[m].quote.article_id,
            group[m].quote.start,
        ),
    )
    first = group[ordered[0]].quote
    digest = hashlib.sha1(f"{person}\x00{first.id}".encode()).hexdigest()[:12]
    statement_id = f"st-{digest}"
    speaker = next((group[m].quote.speaker for m in ordered if group[m].quote.speaker_id == person), first.speaker)
    reports = []
    for member in ordered:
        quote = group[member].quote
        quote.statement_id = statement_id
        info = facts(quote)
        link = why(member)
        reason = link.reason
        if not quote.speaker_id:
            reason += "; no speaker found in this article"
        elif quote.speaker_id != person:
            reason += f"; speaker here: {quote.speaker}"
        reports.append(
            Report(
                quote=quote,
                outlet=info.outlet,
                date=info.date,
                title=info.title,
                diff=word_diff(first.text, quote.text),
                link_reason=reason,
                link_score=round(link.score, 3),
            )
        )
    return Statement(id=statement_id, actor_id=person, speaker=speaker, text=first.text, reports=reports)


def link_reasons(statements: Sequence[Statement]) -> dict[str, dict[str, tuple[str, float]]]:
    """Statement id -> quote id -> (reason, score): what `Store.replace_links` keeps."""
    return {s.id: {r.quote.id: (r.link_reason, r.link_score) for r in s.reports} for s in statements}


_WORD = re.compile(r"\S+")


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level diff of `b` against `a`: ("=", same), ("-", only in a), ("+", only in b).

    Words compare without case or punctuation, so a changed quote mark is no change; the text
    shown is b's for "=" and "+" runs and a's for "-" runs. Adjacent runs of one kind merge.
    """
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    keys_a = [_compare_key(w) for w in words_a]
    keys_b = [_compare_key(w) for w in words_b]
    matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
    diff: list[tuple[str, str]] = []

    def emit(op: str, words: list[str]) -> None:
        if not words:
            return
        text = " ".join(words)
        if diff and diff[-1][0] == op:
            diff[-1] = (op, f"{diff[-1][1]} {text}")
        else:
            diff.append((op, text))

    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            emit("=", words_b[b0:b1])
        else:
            emit("-", words_a[a0:a1])
            emit("+", words_b[b0:b1])
    return diff


def _compare_key(word: str) -> str:
    return " ".join(normalise_words(word)) or word
