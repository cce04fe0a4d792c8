"""One actor across the library: the local actors of all articles merged into library actors.

Merged are exact names, spelling and transliteration variants ("Zelensky"/"Zelenskyy",
"Anthony"/"Antony Blinken", "Kiev"/"Kyiv"), and surname-only mentions ("Biden") when the
surname belongs to exactly one full name in the library. Two full names that share a surname
("Joe Biden", "Hunter Biden") stay apart, and so does a surname-only actor whose surname is
ambiguous: guessing the most frequent would put words in the wrong mouth. The user's aliases
(merge, split, hide, rename) have the last word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from index.actors.mentions import PERSON, PLACE
from index.actors.names import clean_name, fold
from index.aliases import Aliases, normalise_name
from index.grouping import UnionFind
from index.lexicon import ROLE_HEADS
from index.model import Actor, LocalActor, Role
from index.places import canonical_place, is_known_place, place_key

# Surnames at least this similar (rapidfuzz ratio) are one surname spelt two ways
# ("Zelensky"/"Zelenskyy"/"Zelenskiy" score 88-94; "Grushko"/"Schallenberg" far below).
SURNAME_SIMILARITY = 85
# First names this similar are one first name ("Anthony"/"Antony" 92, "Joe"/"Hunter" 22).
FIRST_NAME_SIMILARITY = 75
# With the same role title ("President"), a machine-translation garble of a first name
# ("Cho"/"Joe" 33) still merges; different people rarely share surname and office.
FIRST_NAME_SIMILARITY_SAME_ROLE = 30


@dataclass
class ActorEntry:
    """One article's local actor, with the article facts resolution needs."""

    article_id: str
    outlet: str
    actor: LocalActor


@dataclass
class Resolution:
    """The library's actors, and which library actor each article's local actor is."""

    actors: list[Actor]
    assignment: dict[tuple[str, int], str]  # (article_id, LocalActor.key) -> Actor.id; hidden actors absent


def resolve_actors(entries: Sequence[ActorEntry], aliases: Aliases | None = None) -> Resolution:
    """Merge the local actors of all articles into library actors."""
    aliases = aliases or Aliases()
    merge_group = {normalise_name(n): number for number, group in enumerate(aliases.merge) for n in group}
    split_names = {normalise_name(n) for n in aliases.split}
    hidden = {normalise_name(n) for n in aliases.hide}
    renames = {normalise_name(old): new for old, new in aliases.rename.items()}

    def names_of(entry: ActorEntry) -> set[str]:
        return {normalise_name(entry.actor.name)} | {normalise_name(clean_name(v)) for v in entry.actor.variants}

    def split_tag(entry: ActorEntry) -> str:
        """Entries named by a `split` name only merge with entries of that same name."""
        name = normalise_name(entry.actor.name)
        return name if name in split_names else ""

    union = UnionFind(len(entries))
    kinds = [_entry_kind(entry) for entry in entries]

    # 1. Same name (places by their canonical spelling), whatever kind the articles gave it.
    first_with_key: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        key = (_name_key(entry.actor.name, kinds[i]), split_tag(entry))
        if key in first_with_key:
            union.union(first_with_key[key], i)
        else:
            first_with_key[key] = i
    # 2. Non-persons that share a variant ("NSC" given as a variant of "National Security Council").
    by_variant: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        if kinds[i] == PERSON or split_tag(entry):
            continue
        for name in names_of(entry):
            key = (kinds[i], place_key(name) if kinds[i] == PLACE else name)
            if key in by_variant:
                union.union(by_variant[key], i)
            else:
                by_variant[key] = i
    # 3. Full person names spelt differently.
    persons = [i for i, entry in enumerate(entries) if kinds[i] == PERSON and not split_tag(entry)]
    full = [i for i in persons if len(normalise_name(entries[i].actor.name).split()) > 1]
    _merge_full_names(entries, full, union)
    # 4. Surname-only persons with the one full name that has that surname.
    single = [i for i in persons if len(normalise_name(entries[i].actor.name).split()) == 1]
    _merge_surnames(entries, full, single, union)
    # 5. The user's merges.
    first_in_group: dict[int, int] = {}
    for i, entry in enumerate(entries):
        for name in names_of(entry):
            group = merge_group.get(name)
            if group is None:
                continue
            if group in first_in_group:
                union.union(first_in_group[group], i)
            else:
                first_in_group[group] = i

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        clusters[union.find(i)].append(i)

    built = []
    for indices in clusters.values():
        all_names: set[str] = set().union(*(names_of(entries[i]) for i in indices))
        if all_names & hidden:
            continue
        built.append(_build_actor([entries[i] for i in indices], [kinds[i] for i in indices], all_names, renames))
    built.sort(key=lambda item: (item[0].name.casefold(), -item[0].mention_count, item[0].articles[:1]))

    actors: list[Actor] = []
    assignment: dict[tuple[str, int], str] = {}
    used_ids: set[str] = set()
    for actor, members in built:
        base = _slug(actor.name)
        actor.id, number = base, 2
        while actor.id in used_ids:
            actor.id, number = f"{base}-{number}", number + 1
        used_ids.add(actor.id)
        actors.append(actor)
        for entry in members:
            assignment[(entry.article_id, entry.actor.key)] = actor.id
    return Resolution(actors, assignment)


def _entry_kind(entry: ActorEntry) -> str:
    if is_known_place(entry.actor.name) and entry.actor.kind == PERSON:
        return PLACE
    return entry.actor.kind


def _name_key(name: str, kind: str) -> str:
    return place_key(name) if kind == PLACE or is_known_place(name) else normalise_name(name)


def _merge_full_names(entries: Sequence[ActorEntry], full: list[int], union: UnionFind) -> None:
    """Merge full person names whose surnames are one spelling apart and first names agree."""
    # Block by the first two letters of the surname: transliterations keep the start
    # ("Zelensk-"), so pairs are only compared inside a small block.
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in full:
        blocks[normalise_name(entries[i].actor.name).split()[-1][:2]].append(i)
    for members in blocks.values():
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if union.find(a) != union.find(b) and _same_person(entries[a].actor, entries[b].actor):
                    union.union(a, b)


def _same_person(a: LocalActor, b: LocalActor) -> bool:
    tokens_a, tokens_b = normalise_name(a.name).split(), normalise_name(b.name).split()
    if fuzz.ratio(tokens_a[-1], tokens_b[-1]) < SURNAME_SIMILARITY:
        return False
    first_a, first_b = tokens_a[0], tokens_b[0]
    if first_a == first_b or _is_initial_of(first_a, first_b) or _is_initial_of(first_b, first_a):
        return True
    similarity = fuzz.ratio(first_a, first_b)
    if similarity >= FIRST_NAME_SIMILARITY:
        return True
    return similarity >= FIRST_NAME_SIMILARITY_SAME_ROLE and bool(_role_heads(a) & _role_heads(b))


def _is_initial_of(short: str, long: str) -> bool:
    return len(short) == 1 and long.startswith(short)


def _role_heads(actor: LocalActor) -> set[str]:
    return {w for role in actor.roles for w in normalise_name(role).split() if w in ROLE_HEADS}


def _merge_surnames(entries: Sequence[ActorEntry], full: list[int], single: list[int], union: UnionFind) -> None:
    """A surname-only actor joins the full-name actor with that surname, when there is one."""
    by_surname: dict[str, set[int]] = defaultdict(set)
    for i in full:
        by_surname[normalise_name(entries[i].actor.name).split()[-1]].add(union.find(i))
    for i in single:
        surname = normalise_name(entries[i].actor.name)
        owners = {union.find(root) for root in by_surname.get(surname, ())}
        if len(owners) == 1:
            union.union(owners.pop(), i)


def _build_actor(
    members: list[ActorEntry], kinds: list[str], all_names: set[str], renames: dict[str, str]
) -> tuple[Actor, list[ActorEntry]]:
    kind_counts = Counter(kinds)
    kind = max(kind_counts, key=lambda k: (kind_counts[k], k == PLACE, k == PERSON, k))
    if kind == PERSON and any(is_known_place(e.actor.name) for e in members):
        kind = PLACE
    name_counts: Counter[str] = Counter()
    mention_counts: Counter[str] = Counter()
    for entry in members:
        name_counts[entry.actor.name] += 1
        mention_counts[entry.actor.name] += len(entry.actor.mentions)
    names = list(name_counts)
    if kind == PERSON and any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1]
    name = max(names, key=lambda n: (name_counts[n], mention_counts[n], len(n), n))
    if kind == PLACE:
        canonical = canonical_place(name)
        if canonical and any(fold(n) == fold(canonical) for n in name_counts):
            name = next(n for n in name_counts if fold(n) == fold(canonical))
    for candidate in sorted(all_names):
        if candidate in renames:
            name = renames[candidate]
            break
    seen: dict[str, str] = {}
    for entry in members:
        for variant in [entry.actor.name, *entry.actor.variants]:
            seen.setdefault(variant.casefold(), variant)
    aliases = sorted(v for k, v in seen.items() if k != name.casefold())
    roles, role_keys = [], set()
    for entry in members:
        for role in entry.actor.roles:
            if (role.casefold(), entry.article_id) not in role_keys:
                role_keys.add((role.casefold(), entry.article_id))
                roles.append(Role(role, entry.article_id))
    actor = Actor(
        id="",
        name=name,
        kind=kind,
        aliases=aliases,
        roles=roles,
        articles=list(dict.fromkeys(e.article_id for e in members)),
        outlets=list(dict.fromkeys(e.outlet for e in members if e.outlet)),
        mention_count=sum(len(e.actor.mentions) for e in members),
    )
    return actor, members


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "actor"
