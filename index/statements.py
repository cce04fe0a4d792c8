"""One statement across outlets: link the quotes of one speaker that report the same words.

Outlets trim a quote, extend it, or (machine translations especially) reword it. Two quotes of
the same speaker in different articles are one statement when any of these holds, on words
lowercased with punctuation removed:

* one contains the other verbatim (at least two words, one a content word): a partial
  quote ("no indication") inside a fuller report of it;
* they share a 10-word shingle (Quotebank/Quootstrap);
* their word edit distance is small: at most 1 for quotes of 4-6 words, 2 above (MemeTracker);
* the content words (stopwords removed, crudely stemmed) of the shorter are mostly in the
  longer: at least 3 shared and at least 60% of the shorter's;
* they share a distinctive two-word phrase (one only this speaker uses in the library), plus
  another content word, and 40% of the shorter's content words.

Linking is union-find over those pairs, so a statement can be carried by many outlets.
Only groups reported by two or more articles become Statements: a quote with
``statement_id == ""`` was carried by one article only. Quotes without a speaker_id are never
linked; quotes of different speakers are never linked, however alike.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from index.grouping import UnionFind
from index.model import Quote, Report, Statement

SHINGLE_WORDS = 10
CONTAINMENT_MIN_SHARED = 3
CONTAINMENT_RATIO = 0.6
PHRASE_CONTAINMENT_RATIO = 0.4

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
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@dataclass
class QuoteMeta:
    """What linking needs to know about the article of a quote."""

    outlet: str
    date: str  # ISO or ""
    title: str


def normalise_words(text: str) -> list[str]:
    """Lowercased words without punctuation ("U.S." -> "us", "we’re" -> "we're")."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> us
    words = re.findall(r"\w+(?:'\w+)*", text)
    return [w for w in words if not w.isdigit() or len(w) > 1]


def _stem(word: str) -> str:
    # A crude suffix stripper: enough to meet "negotiate"/"negotiated"/"negotiating" and
    # "weapon"/"weapons" in the same place; a real stemmer would be a dependency for little.
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_stems(words: Sequence[str]) -> list[str]:
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def _contains(long: Sequence[str], short: Sequence[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _shingles(words: Sequence[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _content_bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    """Adjacent word pairs with at least one content word, stemmed ("no indication")."""
    return {
        (_stem(a), _stem(b))
        for a, b in pairwise(words)
        if (a not in STOPWORDS or b not in STOPWORDS) and len(a) > 1 and len(b) > 1
    }


@dataclass
class _Prepared:
    quote: Quote
    words: list[str]
    stems: set[str]
    bigrams: set[tuple[str, str]]


def same_statement(a: str, b: str, distinctive: set[tuple[str, str]] | None = None) -> bool:
    """Whether two quote texts (of one speaker) report the same statement.

    `distinctive` holds the two-word phrases only this speaker uses; without it the phrase
    rule is off.
    """
    return _same(_prepare_text(a), _prepare_text(b), distinctive or set())


def _prepare_text(text: str, quote: Quote | None = None) -> _Prepared:
    words = normalise_words(text)
    return _Prepared(quote, words, set(content_stems(words)), _content_bigrams(words))  # type: ignore[arg-type]


def _same(a: _Prepared, b: _Prepared, distinctive: set[tuple[str, str]]) -> bool:
    if not a.words or not b.words:
        return False
    short, long = sorted((a, b), key=lambda p: len(p.words))
    if not short.stems:
        return False  # "We'll see." said twice is not evidence of one statement
    if len(short.words) >= 2 and _contains(long.words, short.words):
        return True
    if len(short.words) >= SHINGLE_WORDS and _shingles(short.words, SHINGLE_WORDS) & _shingles(
        long.words, SHINGLE_WORDS
    ):
        return True
    length = len(short.words)
    if length >= 4 and len(long.words) - length <= 2:
        distance = Levenshtein.distance(short.words, long.words)
        if distance <= (1 if length <= 6 else 2):
            return True
    shared = short.stems & long.stems
    ratio = len(shared) / len(short.stems)
    if len(shared) >= CONTAINMENT_MIN_SHARED and ratio >= CONTAINMENT_RATIO:
        return True
    phrases = short.bigrams & long.bigrams & distinctive
    if phrases and ratio >= PHRASE_CONTAINMENT_RATIO:
        in_phrases = {stem for phrase in phrases for stem in phrase}
        if shared - in_phrases:
            return True
    return False


def link_statements(quotes: Sequence[Quote], meta: Mapping[str, QuoteMeta]) -> list[Statement]:
    """Group the quotes of each speaker that report one statement in two or more articles.

    Sets `statement_id` on every quote that joins a statement and clears it on all others, so
    the caller can store the quotes as they are after a re-link.
    """
    for quote in quotes:
        quote.statement_id = ""
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker_id:
            by_speaker[quote.speaker_id].append(quote)
    prepared = {id(q): _prepare_text(q.text, q) for q in quotes if q.speaker_id}
    # Which speakers use each phrase: a phrase only one speaker uses is distinctive of them.
    phrase_speakers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for quote in quotes:
        if quote.speaker_id:
            for phrase in prepared[id(quote)].bigrams:
                phrase_speakers[phrase].add(quote.speaker_id)

    statements = []
    for speaker_id in sorted(by_speaker):
        group = [prepared[id(q)] for q in by_speaker[speaker_id]]
        distinctive = {phrase for item in group for phrase in item.bigrams if phrase_speakers[phrase] == {speaker_id}}
        union = UnionFind(len(group))
        for i, j in _candidate_pairs(group):
            apart = group[i].quote.article_id != group[j].quote.article_id and union.find(i) != union.find(j)
            if apart and _same(group[i], group[j], distinctive):
                union.union(i, j)
        components: dict[int, list[Quote]] = defaultdict(list)
        for member, item in enumerate(group):
            components[union.find(member)].append(item.quote)
        for members in components.values():
            if len({q.article_id for q in members}) >= 2:
                statements.append(_statement(speaker_id, members, meta))
    statements.sort(key=lambda s: (_date_key(s.reports[0].date), s.actor_id, s.id))
    return statements


def _candidate_pairs(group: list[_Prepared]) -> list[tuple[int, int]]:
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


def _statement(speaker_id: str, members: list[Quote], meta: Mapping[str, QuoteMeta]) -> Statement:
    def facts(quote: Quote) -> QuoteMeta:
        return meta.get(quote.article_id) or QuoteMeta(outlet="", date="", title="")

    members.sort(key=lambda q: (*_date_key(facts(q).date), facts(q).outlet.casefold(), q.article_id, q.start))
    first = members[0]
    digest = hashlib.sha1(f"{speaker_id}\x00{first.id}".encode()).hexdigest()[:12]
    statement_id = f"st-{digest}"
    reports = []
    for quote in members:
        quote.statement_id = statement_id
        info = facts(quote)
        diff = word_diff(first.text, quote.text)
        reports.append(Report(quote=quote, outlet=info.outlet, date=info.date, title=info.title, diff=diff))
    return Statement(id=statement_id, actor_id=speaker_id, speaker=first.speaker, text=first.text, reports=reports)


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
