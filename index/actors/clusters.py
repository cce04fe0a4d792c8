"""Mentions of one article clustered into local actors: one per real-world entity it names.

Persons cluster by name (a short mention joins the nearest full name it fits), organisations
by name with their acronyms, places by their canonical spelling, groups by singular form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from index.actors.mentions import GROUP, ORG, PERSON, PLACE, Mention
from index.actors.names import fold
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
    """One cluster per person: full names first, then short mentions to the nearest full name."""
    clusters: list[list[Mention]] = []
    names: list[list[str]] = []  # folded tokens of each cluster's fullest name
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[fold(mention.text)].append(mention)
    for name in sorted(by_name, key=lambda n: (-len(n.split()), by_name[n][0].start)):
        tokens = name.split()
        candidates = [i for i, full in enumerate(names) if len(full) > len(tokens) and set(tokens) <= set(full)]
        if len(tokens) > 1:
            candidates = [i for i in candidates if names[i][-1] == tokens[-1]]
        if not candidates:
            names.append(tokens)
            clusters.append(list(by_name[name]))
            continue
        surname_matches = [i for i in candidates if names[i][-1] == tokens[-1]]
        candidates = surname_matches or candidates
        for mention in by_name[name]:
            clusters[_nearest_cluster(mention, candidates, clusters)].append(mention)
    return clusters


def _nearest_cluster(mention: Mention, candidates: list[int], clusters: list[list[Mention]]) -> int:
    """The candidate cluster mentioned most recently before `mention`, else soonest after it."""

    def distance(i: int) -> tuple[int, int]:
        before = [mention.start - m.start for m in clusters[i] if m.start <= mention.start]
        if before:
            return (0, min(before))
        return (1, min(m.start - mention.start for m in clusters[i]))

    return min(candidates, key=distance)


def _org_key(name: str) -> str:
    return fold(name)


def _group_key(name: str) -> str:
    folded = fold(name)
    if folded.endswith("ies") and len(folded) > 5:
        return folded[:-3] + "y"  # Tories -> tory
    return folded[:-1] if folded.endswith("s") and len(folded) > 4 else folded


def _acronym(name: str) -> str:
    words = [
        w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper() and w.lower() not in ("of", "the", "for", "and")
    ]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _cluster_by_key(
    mentions: list[Mention], key: Callable[[str], str], merge_acronyms: bool = False
) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(key(mention.text), []).append(mention)
    if merge_acronyms:
        acronyms: dict[str, str] = {}
        for name, group in groups.items():
            acronym = _acronym(group[0].text)
            if acronym:
                acronyms.setdefault(acronym, name)
        for name in list(groups):
            text = groups[name][0].text
            target = acronyms.get(name)
            if " " not in text and text.replace(".", "").isupper() and target and target != name:
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
        name = max(counts, key=lambda n: (" " in n or not n.isupper(), counts[n], len(n)))
    variants = list(dict.fromkeys(m.surface for m in cluster))
    roles: dict[str, str] = {}
    for mention in cluster:
        for role in mention.roles:
            roles.setdefault(role.casefold(), role)
    mentions = sorted({(m.start, m.end) for m in cluster})
    return LocalActor(key=key, name=name, kind=kind, variants=variants, roles=list(roles.values()), mentions=mentions)
