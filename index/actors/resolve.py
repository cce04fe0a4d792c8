"""One actor across the library: the local actors of all articles merged into library actors.

Merged are exact names, spelling and transliteration variants ("Zelensky"/"Zelenskyy",
"Anthony"/"Antony Blinken", "Kiev"/"Kyiv"), the well-known names of one body ("Tories",
"Conservatives"), and surname-only mentions ("Biden") when they can be only one person.
Different people who share a name stay apart:

* Two full names that share a surname ("Joe Biden", "Hunter Biden") stay apart; so do two
  surnames that are both borne by other people in the library ("Davies", "Davis").
* A surname alone joins a full name only when its article, or else the library, has exactly
  one full name it can be: one whose sex agrees with its honorific ("Mrs Howard" is not
  Michael Howard) and who holds its rank ("Lord Osborne" is not George Osborne). Across
  articles it needs the articles to be related (a less common actor named in both) or a role
  in common: a surname is too little evidence alone.
* A first name alone joins no one.

The kind follows evidence: a name given a person's role, honorific or quote is a person. The
user's aliases (merge, split, hide, rename) have the last word.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from index.actors.bodies import body_key, canonical_body
from index.actors.mentions import GROUP, ORG, PERSON, PLACE, is_title
from index.actors.names import clean_name, fold
from index.aliases import Aliases, normalise_name
from index.gender import Gender, conflicting, first_name_gender, honorific_gender
from index.grouping import UnionFind
from index.lexicon import FACILITY_CUES, LOCATION_CUES, NOT_NAME_WORDS, ORG_CUES, RANK_TITLES, ROLE_HEADS
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
# Two articles are related when the actors both name weigh this much together, each weighing the
# log of the library's articles over the articles that name it: a party or the prime minister,
# named everywhere, weighs little; an actor of a few articles alone is enough.
RELATED_WEIGHT = 3.0
# Words of a place's name that no personal name has ("George Street", "Llyn Peninsula").
PLACE_NAME_WORDS = LOCATION_CUES | FACILITY_CUES | NOT_NAME_WORDS | ORG_CUES


@dataclass
class ActorEntry:
    """One article's local actor, with the article facts resolution needs."""

    article_id: str
    outlet: str
    actor: LocalActor
    quoted: bool = False  # a quote of the article is attributed to this local actor


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
    persons = [i for i, entry in enumerate(entries) if kinds[i] == PERSON and not split_tag(entry)]
    single = [i for i in persons if len(normalise_name(entries[i].actor.name).split()) == 1]
    alone = set(single)

    # 1. Same name (places by their canonical spelling, bodies by their shown name), whatever kind
    # the articles gave it; a surname alone waits for step 4.
    first_with_key: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        if i in alone:
            continue
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
            key = (kinds[i], place_key(name) if kinds[i] == PLACE else body_key(name))
            if key in by_variant:
                union.union(by_variant[key], i)
            else:
                by_variant[key] = i
    # 3. Full person names spelt differently.
    full = [i for i in persons if i not in alone]
    _merge_full_names(entries, full, union)
    # 4. Surname-only persons with the one full name they can be, else with each other.
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
        if _only_a_setting([entries[i] for i in indices], [kinds[i] for i in indices]):
            continue
        actor, members = _build_actor([entries[i] for i in indices], [kinds[i] for i in indices], all_names, renames)
        built.append((actor, members, min(indices)))
    # Actors of one name take "-2", "-3" in an order of their content alone: name, then the most
    # mentioned, then the first named in the library's content order (the order `entries` come in).
    built.sort(key=lambda item: (item[0].name.casefold(), item[0].name, -item[0].mention_count, item[0].kind, item[2]))

    actors: list[Actor] = []
    assignment: dict[tuple[str, int], str] = {}
    used_ids: set[str] = set()
    for actor, members, _ in built:
        base = _slug(actor.name)
        actor.id, number = base, 2
        while actor.id in used_ids:
            actor.id, number = f"{base}-{number}", number + 1
        used_ids.add(actor.id)
        actors.append(actor)
        for entry in members:
            assignment[(entry.article_id, entry.actor.key)] = actor.id
    return Resolution(actors, assignment)


def _only_a_setting(members: Sequence[ActorEntry], kinds: Sequence[str]) -> bool:
    """No actor, never being quoted: a people or a faith named as a whole ("Muslims", "Asians"), or
    a place that is only where something happens ("in Gateshead", "the River Tyne"), not a
    country, capital or major city of the gazetteer (those act as states: "Russia said", "Beijing
    welcomed") and no personal name the tagger took for a place ("Peter Monkhouse, of Leeds")."""
    if any(entry.quoted for entry in members):
        return False
    if GROUP in kinds and all(kind in (GROUP, PLACE) for kind in kinds):
        return True  # a people or a faith as a whole ("Muslims", "Asians"), never quoted
    if any(kind != PLACE for kind in kinds):
        return False
    return not any(is_known_place(entry.actor.name) or _reads_as_personal_name(entry.actor.name) for entry in members)


def _reads_as_personal_name(name: str) -> bool:
    """A known first name and a surname, no place word among them ("Peter Monkhouse", not "George
    Street" or "River Tyne")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and bool(first_name_gender(words[0]))
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in PLACE_NAME_WORDS for w in words)
    )


def _entry_kind(entry: ActorEntry) -> str:
    actor = entry.actor
    if canonical_body(actor.name):
        return ORG
    if _person_evidence(entry):
        return PERSON
    if is_known_place(actor.name) and actor.kind == PERSON:
        return PLACE
    return actor.kind


def _person_evidence(entry: ActorEntry) -> bool:
    """A person's role or honorific, or a quote of a name that reads as a personal name ("Glyn
    Davies said"): the name is a person whatever the tagger made of it."""
    actor = entry.actor
    words = actor.name.split()
    if actor.kind == PERSON and (_role_heads(actor) or any(_title_of(v) for v in actor.variants)):
        return not (is_known_place(actor.name) and not any(_title_of(v) for v in actor.variants))
    return (
        entry.quoted
        and 2 <= len(words) <= 3
        and not actor.name.isupper()
        and bool(first_name_gender(words[0]))
        and not first_name_gender(words[-1])
        and not any(w.lower() in ORG_CUES for w in words)
        and not is_known_place(actor.name)
    )


def _title_of(variant: str) -> str:
    """The honorific or rank a variant opens with ("Mrs Howard" -> "mrs"), else ""."""
    words = variant.split()
    return words[0].lower().rstrip(".") if len(words) > 1 and is_title(words[0]) else ""


def _name_key(name: str, kind: str) -> str:
    if kind == PLACE or is_known_place(name):
        return place_key(name)
    return body_key(name)


def _merge_full_names(entries: Sequence[ActorEntry], full: list[int], union: UnionFind) -> None:
    """Merge full person names whose surnames are one spelling apart and first names agree."""
    # Block by the first letter of the surname: transliterations and spellings keep it
    # ("Zelensk-", "McDonald"/"MacDonald"), so pairs are only compared inside a block.
    blocks: dict[str, list[int]] = defaultdict(list)
    bearers: dict[str, set[str]] = defaultdict(set)  # surname -> the first names that bear it
    for i in full:
        tokens = normalise_name(entries[i].actor.name).split()
        blocks[tokens[-1][:1]].append(i)
        bearers[tokens[-1]].add(tokens[0])
    for members in blocks.values():
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                same_article = entries[a].article_id == entries[b].article_id
                if union.find(a) != union.find(b) and _same_person(
                    entries[a].actor, entries[b].actor, bearers, same_article
                ):
                    union.union(a, b)


def _same_person(a: LocalActor, b: LocalActor, bearers: dict[str, set[str]], same_article: bool = False) -> bool:
    tokens_a, tokens_b = normalise_name(a.name).split(), normalise_name(b.name).split()
    if fuzz.ratio(tokens_a[-1], tokens_b[-1]) < SURNAME_SIMILARITY:
        return False
    if same_article and tokens_a[:-1] == tokens_b[:-1]:
        return True  # "Ian MacDonald" and "Ian McDonald" in one article: one person spelt two ways
    if tokens_a[-1] != tokens_b[-1] and bearers[tokens_a[-1]] - {tokens_a[0]} and bearers[tokens_b[-1]] - {tokens_b[0]}:
        return False  # "Davies" and "Davis": each is someone else's surname too, so two surnames
    first_a, first_b = tokens_a[0], tokens_b[0]
    if first_a == first_b or _is_initial_of(first_a, first_b) or _is_initial_of(first_b, first_a):
        return True
    gender_a, gender_b = first_name_gender(first_a), first_name_gender(first_b)
    if conflicting(gender_a, gender_b):
        return False  # "Bill Clinton" and "Hillary Clinton"
    similarity = fuzz.ratio(first_a, first_b)
    if similarity >= FIRST_NAME_SIMILARITY:
        return True
    return similarity >= FIRST_NAME_SIMILARITY_SAME_ROLE and bool(_role_heads(a) & _role_heads(b))


def _is_initial_of(short: str, long: str) -> bool:
    return len(short) == 1 and long.startswith(short)


def _role_heads(actor: LocalActor) -> set[str]:
    return {w for role in actor.roles for w in normalise_name(role).split() if w in ROLE_HEADS}


@dataclass
class _Person:
    """What a group of person entries says of who it is, for telling people apart."""

    gender: Gender = ""
    titles: set[str] = field(default_factory=set)  # honorifics and ranks, before the name or in a role
    role_heads: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


def _describe(members: Sequence[ActorEntry]) -> _Person:
    genders: set[str] = set()
    person = _Person()
    for entry in members:
        actor = entry.actor
        words = normalise_name(actor.name).split()
        if len(words) > 1:
            genders.add(first_name_gender(actor.name.split()[0]))
        for variant in actor.variants:
            title = _title_of(variant)
            if title:
                person.titles.add(title)
                genders.add(honorific_gender(title))
        for role in actor.roles:
            person.titles.update(w for w in normalise_name(role).split() if w in RANK_TITLES)
        person.role_heads |= _role_heads(actor)
        person.articles.add(entry.article_id)
    genders.discard("")
    person.gender = genders.pop() if len(genders) == 1 else ""  # type: ignore[assignment]
    return person


def _fits(alone: _Person, full: _Person) -> bool:
    """Whether a surname alone, with its honorifics and ranks, can be the person of a full name."""
    if conflicting(alone.gender, full.gender):
        return False
    return alone.titles & RANK_TITLES <= full.titles


def _fits_unranked(alone: _Person, full: _Person) -> bool:
    return not conflicting(alone.gender, full.gender) and full.titles & RANK_TITLES <= alone.titles


def _merge_surnames(entries: Sequence[ActorEntry], full: list[int], single: list[int], union: UnionFind) -> None:
    """A surname-only actor joins the one full-name actor it can be; left over, it joins the
    surname-only actors of related articles that it can be."""
    members: dict[int, list[ActorEntry]] = defaultdict(list)
    for i in full:
        members[union.find(i)].append(entries[i])
    people = {root: _describe(group) for root, group in members.items()}
    by_surname: dict[str, set[int]] = defaultdict(set)
    for root, group in members.items():
        for entry in group:
            by_surname[normalise_name(entry.actor.name).split()[-1]].add(root)
    related = _Relatedness(entries, union)
    # the sexes each article's honorifics give each surname alone ("Mr. Obama": male)
    alone_sexes: dict[tuple[str, str], set[Gender]] = defaultdict(set)
    for i in single:
        alone_sexes[(entries[i].article_id, normalise_name(entries[i].actor.name))].add(_describe([entries[i]]).gender)
    leftover: dict[str, list[int]] = defaultdict(list)
    for i in single:
        entry = entries[i]
        surname = normalise_name(entry.actor.name)
        alone = _describe([entry])
        roots = by_surname.get(surname, set())
        in_article = {root for root in roots if entry.article_id in people[root].articles}
        fitting = [root for root in (in_article or roots) if _fits(alone, people[root])]
        if not fitting and len(in_article) == 1:
            bearer = next(iter(in_article))
            # "Mr. Obama" beside "Michelle Obama": someone else of that name is meant there too
            if not any(conflicting(sex, people[bearer].gender) for sex in alone_sexes[(entry.article_id, surname)]):
                # the article's one bearer of the surname, of the same sex and no other rank
                fitting = [bearer] if _fits_unranked(alone, people[bearer]) else []
            else:
                # "President Obama" beside "Michelle Obama" and "Mr. Obama": the one who holds the
                # rank elsewhere in the library, if one does
                fitting = [root for root in roots - in_article if _fits(alone, people[root])]
        ranked = bool(alone.titles & RANK_TITLES)
        if len(fitting) > 1 and not in_article:
            # several people bear the surname: the one its article is related to, if only one is
            fitting = [root for root in fitting if related(i, people[root].articles, root)]
        if len(fitting) == 1:
            root = fitting[0]
            if (
                in_article
                or ranked  # a rank the full name holds elsewhere: "Lord Goldsmith", "Peter Goldsmith"
                or alone.role_heads & people[root].role_heads
                or related(i, people[root].articles, root)
            ):
                union.union(root, i)
                continue
        leftover[surname].append(i)
    for indices in leftover.values():
        for position, a in enumerate(indices):
            for b in indices[position + 1 :]:
                described = _describe([entries[a]]), _describe([entries[b]])
                ranks = described[0].titles & RANK_TITLES
                if (
                    not conflicting(described[0].gender, described[1].gender)
                    and ranks == described[1].titles & RANK_TITLES
                    # one rank and name are one person ("Lord Falconer"); a surname alone needs more
                    and (ranks or related(a, {entries[b].article_id}, b))
                ):
                    union.union(a, b)


class _Relatedness:
    """Whether an entry's article and other articles are about the same people and bodies: the
    actors both name, each weighted by how rare it is in the library (log of articles over the
    articles that name it), add up to RELATED_WEIGHT."""

    def __init__(self, entries: Sequence[ActorEntry], union: UnionFind) -> None:
        self.entries, self.union = entries, union
        self.roots: dict[str, set[int]] = defaultdict(set)
        for i, entry in enumerate(entries):
            self.roots[entry.article_id].add(union.find(i))
        counts: Counter[int] = Counter(root for roots in self.roots.values() for root in roots)
        total = len(self.roots)
        self.weight = {root: math.log(total / count) for root, count in counts.items()}

    def score(self, i: int, articles: set[str], other: int) -> float:
        own = self.entries[i].article_id
        skip = {self.union.find(i), self.union.find(other)}
        mine = self.roots[own] - skip
        shared = (mine & self.roots[article] for article in articles if article != own)
        return max((math.fsum(self.weight.get(root, 0.0) for root in roots) for roots in shared), default=0.0)

    def __call__(self, i: int, articles: set[str], other: int) -> bool:
        return self.score(i, articles, other) >= RELATED_WEIGHT


def _build_actor(
    members: list[ActorEntry], kinds: list[str], all_names: set[str], renames: dict[str, str]
) -> tuple[Actor, list[ActorEntry]]:
    kind_counts = Counter(kinds)
    kind = max(kind_counts, key=lambda k: (kind_counts[k], k == PLACE, k == PERSON, k))
    if PERSON in kind_counts and any(_person_evidence(e) for e in members):
        kind = PERSON  # "First Minister Rhodri Morgan" in one article, a place to the tagger in others
    elif kind == PERSON and any(is_known_place(e.actor.name) for e in members):
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
    elif kind != PERSON and canonical_body(name):
        name = canonical_body(name) or name  # "Conservative Party", whichever name the articles used most
    elif kind == PERSON and len(name.split()) == 1:
        # A surname alone is shown with the honorific or rank its articles give it ("Mrs Howard").
        titled = Counter(v for e in members for v in e.actor.variants if _title_of(v) and v.split()[-1] == name)
        if titled:
            name = max(titled, key=lambda v: (titled[v], v))
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
