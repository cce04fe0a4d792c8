"""Mentions of one article clustered into local actors: one per real-world entity it names.

Persons cluster by name (a short mention joins the nearest full name it fits), organisations
by name with their acronyms, places by their canonical spelling, groups by singular form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from index.actors.bodies import body_key
from index.actors.mentions import GROUP, ORG, PERSON, PLACE, Mention
from index.actors.names import fold
from index.gender import Gender, conflicting, first_name_gender, honorific_gender
from index.lexicon import FIRST_NAME_TITLES, HONORIFICS, RANK_TITLES
from index.model import LocalActor
from index.places import place_key


def cluster_mentions(mentions: list[Mention]) -> list[LocalActor]:
    """The local actors the mentions name, numbered in order of their first mention."""
    clusters = _cluster_persons([m for m in mentions if m.kind == PERSON])
    clusters += _cluster_by_key([m for m in mentions if m.kind == ORG], _org_key, merge_acronyms=True)
    clusters += _cluster_by_key([m for m in mentions if m.kind == PLACE], place_key)
    clusters += _cluster_by_key([m for m in mentions if m.kind == GROUP], _group_key)
    clusters.sort(key=lambda cluster: min(m.start for m in cluster))
    return [to_local_actor(key, cluster) for key, cluster in enumerate(clusters)]


def _cluster_persons(mentions: list[Mention]) -> list[list[Mention]]:
    """One cluster per person: full names first, then short mentions to the nearest full name
    they fit.

    A short mention fits a full name by its surname, never by a first name alone ("Charles" is
    not Charles Kennedy), unless a rank that goes before a given name is the person's ("Sir
    Alan" beside "Sir Alan Budd"). An honorific of the other sex ("Mrs Howard" beside Michael
    Howard) or a rank the full name is not given ("Lord Osborne" beside George Osborne) keeps
    the mention apart. A first name alone beside a full name with that first name names no
    one for sure: it is dropped.
    """
    clusters: list[list[Mention]] = []
    names: list[list[str]] = []  # folded tokens of each cluster's fullest name
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        name = fold(mention.text)
        by_name[(name, _signature(mention) if len(name.split()) == 1 else "")].append(mention)
    for name, signature in sorted(by_name, key=lambda n: (-len(n[0].split()), by_name[n][0].start)):
        group = by_name[(name, signature)]
        tokens = name.split()
        surnames = {full[-1] for full in names if len(full) > 1}
        if len(tokens) > 1:
            candidates = [
                i
                for i, full in enumerate(names)
                if len(full) > len(tokens) and set(tokens) <= set(full) and full[-1] == tokens[-1]
            ]
        else:
            candidates = [
                i
                for i, full in enumerate(names)
                if len(full) > 1 and _fits(tokens[0], group, full, clusters[i], surnames)
            ]
            bearers = [i for i, full in enumerate(names) if len(full) > 1 and full[-1] == tokens[0]]
            if (
                not candidates
                and len(bearers) == 1
                and _fits_unranked(group, names[bearers[0]], clusters[bearers[0]])
                and not _other_sex_named(tokens[0], by_name, cluster_gender(names[bearers[0]], clusters[bearers[0]]))
            ):
                candidates = bearers  # "Lord Goldsmith" and "Peter Goldsmith", the one Goldsmith of the article
        if not candidates:
            if len(tokens) == 1 and not signature and any(len(full) > 1 and full[0] == tokens[0] for full in names):
                continue  # "David" in an article about David Blunkett: maybe him, maybe not
            names.append(tokens)
            clusters.append(list(group))
            continue
        for mention in group:
            clusters[_nearest_cluster(mention, candidates, clusters)].append(mention)
    return clusters


def _other_sex_named(surname: str, by_name: dict[tuple[str, str], list[Mention]], gender: Gender) -> bool:
    """The article gives the surname alone an honorific of the other sex than the one full name
    that bears it ("Mr. Obama" beside "Michelle Obama"): someone else of that name is meant too,
    so a rank alone ("President Obama") is no evidence for her."""
    sexes: dict[str, Gender] = {"male": "male", "female": "female"}
    return any(name == surname and conflicting(sexes.get(signature, ""), gender) for name, signature in by_name)


def _signature(mention: Mention) -> str:
    """What a one-word mention's title says of who it is: a rank ("lord"), a sex ("female"), or ""."""
    if mention.title in RANK_TITLES:
        return mention.title
    return honorific_gender(mention.title) if mention.title else ""


def _fits(word: str, group: list[Mention], full: list[str], cluster: list[Mention], surnames: set[str]) -> bool:
    """Whether one-word mentions (`word`, with their titles) can name the cluster's person
    (`surnames`: the last words of the article's full names)."""
    titles = {m.title for m in group if m.title}
    if word == full[-1]:
        pass  # the surname
    elif word == full[0] and titles & HONORIFICS and all(w not in FIRST_NAME_TITLES for w in titles):
        # "Mr Xi" beside "Xi Jinping": an honorific goes before a family name, here written first
        return word not in surnames
    elif word == full[0] and titles & FIRST_NAME_TITLES:
        # "Sir Alan": only beside a full name that has that title ("Sir Alan Budd")
        return bool(titles & FIRST_NAME_TITLES & cluster_titles(cluster))
    else:
        return False
    gender: Gender = next((honorific_gender(t) for t in titles if honorific_gender(t)), "")
    if conflicting(gender, cluster_gender(full, cluster)):
        return False
    ranks = titles & RANK_TITLES
    return not ranks or ranks <= cluster_titles(cluster)


def _fits_unranked(group: list[Mention], full: list[str], cluster: list[Mention]) -> bool:
    """Whether ranked one-word mentions can be the article's one bearer of their surname: its sex
    agrees and it holds no other rank."""
    titles = {m.title for m in group if m.title}
    gender: Gender = next((honorific_gender(t) for t in titles if honorific_gender(t)), "")
    if conflicting(gender, cluster_gender(full, cluster)):
        return False
    return cluster_titles(cluster) & RANK_TITLES <= titles


def cluster_titles(cluster: list[Mention]) -> set[str]:
    """The honorifics and ranks a person's mentions carry, before the name or in a role."""
    found = {m.title for m in cluster if m.title}
    for mention in cluster:
        for role in mention.roles:
            found.update(w for w in fold(role).split() if w in RANK_TITLES)
    return found


def cluster_gender(full: list[str], cluster: list[Mention]) -> Gender:
    """The sex a person's first name or honorifics state, "" when they say none or disagree."""
    genders = {honorific_gender(m.title) for m in cluster if m.title} | {first_name_gender(full[0])}
    genders.discard("")
    return genders.pop() if len(genders) == 1 else ""


def _nearest_cluster(mention: Mention, candidates: list[int], clusters: list[list[Mention]]) -> int:
    """The candidate cluster mentioned most recently before `mention`, else soonest after it."""

    def distance(i: int) -> tuple[int, int]:
        before = [mention.start - m.start for m in clusters[i] if m.start <= mention.start]
        if before:
            return (0, min(before))
        return (1, min(m.start - mention.start for m in clusters[i]))

    return min(candidates, key=distance)


def _org_key(name: str) -> str:
    return body_key(name)


def _group_key(name: str) -> str:
    folded = fold(name)
    if folded.endswith("ies") and len(folded) > 5:
        return folded[:-3] + "y"  # Tories -> tory
    return folded[:-1] if folded.endswith("s") and len(folded) > 4 else folded


def _acronym(name: str) -> str:
    words = [
        w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper() and w.lower() not in ("of", "the", "for", "and")
    ]
    # an all-capital word gives all its letters ("UK Independence Party" is UKIP)
    return "".join(w if w.isupper() else w[0] for w in words).lower() if len(words) >= 2 else ""


def acronym_letters(text: str) -> str:
    """The letters of an acronym, lowercased ("NAO" -> "nao", "MoD" -> "md", "DfES" -> "des"),
    or "" for a word that is no acronym: one word, all capitals, or short with two capitals or more."""
    word = text.replace(".", "")
    if not word or " " in word or not word.isalpha():
        return ""
    capitals = [c for c in word if c.isupper()]
    if word.isupper() or (word[0].isupper() and len(capitals) >= 2 and len(word) <= 6):
        return "".join(capitals).lower()
    return ""


def org_acronym(name: str) -> str:
    """The acronym of a body's name ("Ministry of Defence" -> "md"), or "" for one word."""
    return _acronym(name)


def _cluster_by_key(
    mentions: list[Mention], key: Callable[[str], str], merge_acronyms: bool = False
) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(key(mention.same_as or mention.text), []).append(mention)
    if merge_acronyms:
        acronyms: dict[str, str] = {}
        for name, group in groups.items():
            acronym = _acronym(group[0].text)
            if acronym:
                acronyms.setdefault(acronym, name)
        for name in list(groups):
            target = acronyms.get(acronym_letters(groups[name][0].text))
            if target and target != name:
                groups[target].extend(groups.pop(name))
    return list(groups.values())


def to_local_actor(key: int, cluster: list[Mention]) -> LocalActor:
    """The local actor a cluster of mentions is: its fullest name, variants, roles and mentions."""
    cluster.sort(key=lambda m: m.start)
    counts = Counter(m.text for m in cluster)
    kind = cluster[0].kind
    if kind == PERSON:
        name = max(counts, key=lambda n: (len(n.split()), counts[n], len(n)))
    else:
        # An acronym names the actor only when the article never spells it out.
        name = max(counts, key=lambda n: (" " in n or not acronym_letters(n), counts[n], len(n)))
    variants = list(dict.fromkeys(m.surface for m in cluster))
    roles: dict[str, str] = {}
    for mention in cluster:
        for role in mention.roles:
            roles.setdefault(role.casefold(), role)
    mentions = sorted({(m.start, m.end) for m in cluster})
    return LocalActor(key=key, name=name, kind=kind, variants=variants, roles=list(roles.values()), mentions=mentions)
