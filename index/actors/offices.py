"""An office named without its holder, resolved from the library: "the prime minister said" in an
article that never gives anyone that title is the one person the library's other articles name as
the prime minister.

English news names an office alone ("the chancellor told MPs", "the president insisted") where
the reader is expected to know who holds it. An article's own analysis leaves such a speaker as
written (`role-unnamed`); this step, which runs with the library-wide actor resolution, looks the
office up in the roles every article gives its people ("Prime Minister Tony Blair", "Gordon Brown,
the chancellor,") and gives the quote that person only when the library is clear:

- the office is one that has one holder at a time ("prime minister", "home secretary", "Tory
  leader", "the mayor"), never a generic role that many hold ("the minister", "the spokesman");
- the library's roles are matched whole: "Irish prime minister" or "the Scottish first minister"
  is another office than "the prime minister" or "the first minister", and is never counted for it;
- one person holds at least `MAJORITY` of the articles that give anyone that exact office;
  otherwise (the office changed hands, or several bodies have one) it stays unresolved;
- when both articles are dated, only articles within `WINDOW_DAYS` count (offices change hands);
- never a person the quote's own article calls something else ("shadow chancellor", "former
  prime minister"), and never where that article gives the office, qualified, to someone else.

The article's own guess for an office phrase (the previous quote's speaker, the last person named)
gives way to the library's holder only when the library never names the guessed person that office
and at least `OVERRULE_ARTICLES` articles name the holder. The speaker is then marked for what it
is: evidence "office", shown as "office resolved from the library: N articles name X the prime
minister", and a confidence under the reader's doubtful mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from index.lexicon import ANONYMOUS_ROLES, RANK_QUALIFIERS
from index.model import Actor, ArticleSummary, LocalActor, RawQuote

# The share of the articles naming anyone the office that one person must hold. On BBC politics
# 001-208, "the chancellor" is Gordon Brown in 10 of the 12 articles giving anyone that bare
# title (83%: the other two are a "Tory shadow chancellor" the role reader cut short), and "the
# home secretary" Charles Clarke in 10 of 14 (71%), David Blunkett in the other 4: the office
# changed hands within the library, so it must not resolve. Four in five keeps the first and
# refuses the second.
MAJORITY = 0.8
# Offices change hands: evidence from an article dated further than this from the quote's is
# not counted (when both are dated).
WINDOW_DAYS = 180
# Under index.model.DOUBTFUL_CONFIDENCE: the reader shows the speaker as doubtful, since the
# text itself never says who holds the office. BBC politics 001-208 checked by hand: see
# bench/gold/BBC_SPEAKERS.md.
CONFIDENCE = 0.55
HOW = "role-library"

# An office's last word when a country has one holder of it at a time ("the president", "the
# chancellor"); alone, "minister", "secretary" or "leader" are many people's, so those count
# only with a word before them ("the prime minister", "the home secretary", "the Tory leader").
# Offices every state, city, province or company has one of ("the governor", "the mayor", "the
# premier", "the chairman", "the commissioner") are left out: in a library of one country's news
# "the governor" is still any of fifty (PolNeAR: "the governor added" is Chris Christie, while
# the one governor its other articles name is Mike Pence).
SINGLE_HOLDER = frozenset("president chancellor king queen pope speaker taoiseach".split())
QUALIFIED_HEADS = frozenset("minister secretary leader".split())
# The article's own guess (the previous speaker, the last person named) is overruled only on
# this much evidence: several articles, not one.
OVERRULE_ARTICLES = 3
# The rules (keys of index/quotes/evidence.py HOW) by which an article guesses who an office phrase is.
# A lede's office given to the person the next paragraph names ("role-lede") is a guess too: "the
# prime minister has said" before "Michael Howard said" is not Howard where the library says who is.
GUESSES = frozenset({"role-continuity", "role-recent", "role-lede", "role-lede-subject", "role-answer"})
# Words that make an office a time or a person other than its present holder.
NOT_PRESENT = frozenset("former ex late then acting new outgoing incoming future interim".split()) | RANK_QUALIFIERS
# Qualifiers that make an office another one, never its present holder's ("deputy prime minister",
# "former prime minister"); "new" or "acting" may still be the holder.
OTHER_OFFICE = RANK_QUALIFIERS | frozenset({"former", "ex", "late"})
_WORD = re.compile(r"[a-z]+")


def office_of(via: str) -> str | None:
    """The office a speaker phrase names on its own ("The prime minister" -> "prime minister"), or
    None when it is not a bare office with one holder ("the minister", "the former chancellor",
    "the prime minister's spokesman", "a spokesman")."""
    text = " ".join(via.split())
    match = re.fullmatch(r"(?i)the ([a-z][a-z &-]*[a-z])", text)
    if match is None:
        return None
    words = match.group(1).casefold().split()
    if set(words) & NOT_PRESENT - {"deputy", "shadow", "vice"}:
        return None
    if set(words) & ANONYMOUS_ROLES:
        return None
    head = words[-1]
    if head in SINGLE_HOLDER or (head in QUALIFIED_HEADS and len(words) >= 2):
        return " ".join(words)
    return None


def _role_text(role: str) -> str:
    return " ".join(_WORD.findall(role.casefold().replace("&", " and ")))


def _days(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


@dataclass(frozen=True)
class OfficeSpeaker:
    """A quote's speaker as the library resolved its office."""

    actor_id: str
    articles: int  # how many articles name them the office
    via: str  # "10 articles name Tony Blair the prime minister" (shown after "office resolved from the library: ")
    confidence: float


@dataclass
class _Holding:
    article_id: str
    actor_id: str


def resolve_offices(
    articles: Iterable[tuple[str, list[LocalActor], list[RawQuote]]],
    assignment: Mapping[tuple[str, int], str],
    actors: Iterable[Actor],
    summaries: Mapping[str, ArticleSummary],
) -> dict[tuple[str, int], OfficeSpeaker]:
    """(article id, quote number) -> the library's holder of the office the quote's speaker names
    alone, for each quote left as a bare office. `articles` holds each article's local actors and
    raw quotes, in the library's content order; `assignment` maps local actors to library actors."""
    by_id = {actor.id: actor for actor in actors}
    listed = list(articles)
    holdings: dict[str, list[_Holding]] = {}
    for article_id, locals_, _quotes in listed:
        for local in locals_:
            actor_id = assignment.get((article_id, local.key))
            if actor_id is None or local.kind != "person" or actor_id not in by_id:
                continue
            for role in dict.fromkeys(_role_text(role) for role in local.roles):
                if role:
                    holdings.setdefault(role, []).append(_Holding(article_id, actor_id))
    result: dict[tuple[str, int], OfficeSpeaker] = {}
    for article_id, locals_, quotes in listed:
        for n, quote in enumerate(quotes):
            guessed = _guessed_person(quote)
            if quote.speaker_kind != "person" or not (guessed or quote.speaker_key is None):
                continue
            if quote.speaker_key is None and quote.speaker_evidence != "unresolved":
                continue
            office = office_of(quote.speaker_via or quote.speaker_text)
            if office is None:
                continue
            written = " ".join((quote.speaker_via or quote.speaker_text).split()[1:])  # "Tory leader", as written
            found = _holder(office, written, article_id, locals_, holdings, summaries, assignment, by_id)
            if found is None:
                continue
            if quote.speaker_key is not None:
                # The article's guess (the previous speaker, the last person named) against the
                # library: kept unless the library never names that person the office at all.
                guess = assignment.get((article_id, quote.speaker_key))
                if guess is None or guess == found.actor_id:
                    continue
                if any(h.actor_id == guess for h in holdings.get(office, [])) or found.articles < OVERRULE_ARTICLES:
                    continue
            result[(article_id, n)] = found
    return result


def _guessed_person(quote: RawQuote) -> bool:
    """The article gave an office phrase a person only by guessing from the text around it: the
    previous quote's speaker (role-continuity) or the last person named (role-recent), never a
    person it names with that role (role-known). Asked of the rule itself, not of its confidence,
    which another rule may share or a calibration retune."""
    return quote.speaker_key is not None and quote.speaker_how in GUESSES


def _holder(
    office: str,
    written: str,
    article_id: str,
    locals_: list[LocalActor],
    holdings: Mapping[str, list[_Holding]],
    summaries: Mapping[str, ArticleSummary],
    assignment: Mapping[tuple[str, int], str],
    actors: Mapping[str, Actor],
) -> OfficeSpeaker | None:
    own_roles = {local.key: {_role_text(role) for role in local.roles} for local in locals_}
    # The article gives the office, qualified, to someone ("Irish prime minister Bertie Ahern"):
    # the bare office may well be theirs, so the library's holder is not taken. A rank or a time
    # makes another office, never this one ("Deputy Prime Minister John Prescott", "former
    # prime minister John Major").
    if any(_qualifies(role, office) for roles in own_roles.values() for role in roles):
        return None
    when = summaries[article_id].date if article_id in summaries else ""
    articles: dict[str, set[str]] = {}  # actor id -> articles naming them the office
    for holding in holdings.get(office, []):
        other = summaries[holding.article_id].date if holding.article_id in summaries else ""
        if when and other:
            apart = _days(when, other)
            if apart is not None and apart > WINDOW_DAYS:
                continue
        articles.setdefault(holding.actor_id, set()).add(holding.article_id)
    if not articles:
        return None
    total = len({a for named in articles.values() for a in named})
    ranked = sorted(articles.items(), key=lambda item: (-len(item[1]), item[0]))
    actor_id, named = ranked[0]
    # The article names someone the library gives this office elsewhere ("Mr Blunkett", a home
    # secretary before the library's "Charles Clarke"), and not the library's holder: the office may
    # well be theirs here, so it stays as written.
    present = {assignment.get((article_id, local.key)) for local in locals_} - {None}
    holders = {holding.actor_id for holding in holdings.get(office, [])}
    if present & holders and actor_id not in present:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(named):
        return None
    if len(named) < MAJORITY * total:
        return None
    # Never a person the article itself calls something else: another office, or this one qualified.
    for local in locals_:
        if assignment.get((article_id, local.key)) != actor_id:
            continue
        for role in own_roles[local.key]:
            if role != office and _is_office(role):
                return None
    name = actors[actor_id].name
    count = f"{len(named)} article{'s' if len(named) != 1 else ''} name{'s' if len(named) == 1 else ''}"
    return OfficeSpeaker(actor_id, len(named), f"{count} {name} the {written}", CONFIDENCE)


def _qualifies(role: str, office: str) -> bool:
    """The role is the office with a qualifier that may name the same post elsewhere ("irish prime
    minister" for "prime minister"), not a rank or time that makes it another ("deputy prime
    minister", "tory shadow chancellor")."""
    if role == office or not role.endswith(" " + office):
        return False
    return not set(role[: -len(office)].split()) & OTHER_OFFICE


def _is_office(role: str) -> bool:
    """A role that is an office of its own ("shadow chancellor", "former prime minister", "Labour
    leader" is not: a party's leader may be prime minister too)."""
    words = role.split()
    return bool(words) and (bool(set(words) & NOT_PRESENT) or words[-1] in SINGLE_HOLDER or words[-1] == "minister")
