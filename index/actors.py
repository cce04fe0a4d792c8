"""Who an article names (one LocalActor per real-world entity) and one actor across the library.

Two steps, so that library-wide linking never needs to re-parse:

* `local_actors(doc)` clusters the spaCy entity mentions of one parsed article into local
  actors: "Putin", "Mr. Putin", "Putin's" and "Russian President Vladimir Putin" become one
  person named "Vladimir Putin" with the role "Russian President". It also corrects what the
  small English model gets wrong most often in news: place names tagged as persons ("Kyiv"),
  demonyms tagged as places, and junk spans.
* `resolve_actors(entries, aliases)` merges the local actors of all articles into library
  actors: exact names, spelling and transliteration variants ("Zelensky"/"Zelenskyy",
  "Anthony"/"Antony Blinken", "Kiev"/"Kyiv"), and surname-only mentions ("Biden") when the
  surname belongs to exactly one full name in the library. Two full names that share a surname
  ("Joe Biden", "Hunter Biden") stay apart, and so does a surname-only actor whose surname is
  ambiguous: guessing the most frequent would put words in the wrong mouth.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from index.addresses import DOMAIN, address_kind, address_spans, doc_address_spans, looks_like_address  # noqa: F401
from index.aliases import Aliases, normalise_name
from index.document import doc_text
from index.grouping import UnionFind
from index.lexicon import (  # noqa: F401
    HONORIFICS,
    NAME_PARTICLES,
    ORG_HEAD_NOUNS as _ORG_HEAD_NOUNS,
    PERSON_PRONOUNS,
    PLACE_PREPOSITIONS as _PLACE_PREPOSITIONS,
    POSSESSIVE_ENDING as _POSSESSIVE,
    PRONOUNS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
)
from index.model import Actor, LocalActor, RawQuote, Role
from index.places import canonical_place, is_known_place, place_key

PERSON, ORG, PLACE, GROUP = "person", "org", "place", "group"

LABEL_KINDS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP}

def _fold(text: str) -> str:
    """Lowercase, accents removed, punctuation other than inner apostrophes/hyphens dropped."""
    return normalise_name(text)


def _drop_addresses(doc, mentions: list[_Mention]) -> None:
    """An entity that is or contains an address is no actor; a bare site name ("Amazon.com
    said") can stand for its organisation, never for a person or a place."""
    text = doc_text(doc)
    spans = doc_address_spans(doc)
    if not spans:
        return
    starts = [start for start, _, _ in spans]
    kept = []
    for mention in mentions:
        first = max(0, bisect.bisect_right(starts, mention.start) - 1)
        hits = []
        for start, end, kind in spans[first:]:
            if start >= mention.end:
                break
            if mention.start < end:
                hits.append((start, end, kind))
        if len(hits) == 1 and hits[0][2] == DOMAIN and text[hits[0][0] : hits[0][1]] == mention.text:
            mention.kind = ORG
        elif hits:
            continue
        kept.append(mention)
    mentions[:] = kept


# --- Words around names.

@dataclass
class _Mention:
    start: int  # character span of the cleaned name in the body
    end: int
    text: str  # cleaned name ("Vladimir Putin")
    surface: str  # as written, honorific kept ("Mr. Putin")
    kind: str
    label: str
    token_start: int
    token_end: int
    roles: list[str] = field(default_factory=list)


# --- Within an article.


def local_actors(doc) -> list[LocalActor]:
    """Cluster the named-entity mentions of one parsed article into local actors."""
    mentions = [m for ent in doc.ents if ent.label_ in LABEL_KINDS for m in _clean_entity(doc, ent)]
    mentions += _untagged_places(doc)
    _correct_kinds(doc, mentions)
    _drop_addresses(doc, mentions)
    for mention in mentions:
        if mention.kind == PERSON:
            mention.roles.extend(_roles_for(doc, mention))
    _drop_title_fragments(doc, mentions)
    clusters = _cluster_persons([m for m in mentions if m.kind == PERSON])
    clusters += _cluster_by_key([m for m in mentions if m.kind == ORG], _org_key, merge_acronyms=True)
    clusters += _cluster_by_key([m for m in mentions if m.kind == PLACE], place_key)
    clusters += _cluster_by_key([m for m in mentions if m.kind == GROUP], _group_key)
    clusters.sort(key=lambda cluster: min(m.start for m in cluster))
    return [_to_local_actor(key, cluster) for key, cluster in enumerate(clusters)]


def _clean_entity(doc, ent) -> list[_Mention]:
    """The mention(s) an entity span stands for, stripped of articles, possessives and titles."""
    tokens = list(ent)
    kind = LABEL_KINDS[ent.label_]
    # Spans that cross a line break are run-together page furniture, not names.
    if "\n" in ent.text.strip():
        return []
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct):
        tokens.pop()
    if kind == ORG and len(tokens) > 1 and tokens[0].lower_.rstrip(".") in HONORIFICS and all(
        t.text[:1].isupper() for t in tokens[1:]
    ):
        # "Mr Balls" tagged ORG: an honorific only ever goes before a person's name
        kind = PERSON
        tokens = tokens[1:]
    if kind == PERSON and tokens:
        if all(is_known_place(t.text) for t in tokens) and len(tokens) > 1:
            # "Moscow Kyiv": two places run together, not a person.
            return [_mention(doc, [t], PLACE, ent.label_) for t in tokens]
        lead = 0
        while lead < len(tokens) - 1 and _is_title_or_place_token(doc, tokens[lead]):
            lead += 1
        # "Austria Alexander Schellenberg": the leading words belong to the role, which
        # _role_before reads from the parse.
        tokens = tokens[lead:]
    if not tokens:
        return []
    mention = _mention(doc, tokens, kind, ent.label_)
    if _is_junk(mention.text):
        return []
    return [mention]


def _untagged_places(doc) -> list[_Mention]:
    """Gazetteer places the tagger missed ("away from Kyiv and Chernihiv" tags neither)."""
    found = []
    i = 0
    while i < len(doc):
        if doc[i].ent_type_ or not doc[i].text[:1].isupper():
            i += 1
            continue
        for size in (3, 2, 1):
            tokens = list(doc[i : i + size])
            if (
                len(tokens) == size
                and not any(t.ent_type_ or t.is_space for t in tokens)
                and any(t.pos_ == "PROPN" for t in tokens)
                and is_known_place(doc[i : i + size].text)
            ):
                found.append(_mention(doc, tokens, PLACE, "GPE"))
                i += size
                break
        else:
            i += 1
    return found


def _mention(doc, tokens, kind: str, label: str) -> _Mention:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = _POSSESSIVE.sub("", doc_text(doc)[start:end].rstrip(" :;,!?\"'“”‘’()[]")).strip()
    end = start + len(text)
    surface = text
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if kind == PERSON and before is not None and before.lower_.rstrip(".") in HONORIFICS:
        surface = doc_text(doc)[before.idx : end]
    return _Mention(start, end, text, surface, kind, label, tokens[0].i, tokens[-1].i + 1)


def _is_title_or_place_token(doc, token) -> bool:
    word = token.lower_.rstrip(".")
    return word in TITLE_WORDS or word in HONORIFICS or is_known_place(token.text) or token.lower_ == "of"


def _is_junk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return True
    words = text.split()
    if len(words) == 1 and text.islower():
        return True
    return False


def _correct_kinds(doc, mentions: list[_Mention]) -> None:
    """Fix the small model's usual mistakes, with evidence from the same article and a gazetteer."""
    place_labels = Counter(_fold(m.text) for m in mentions if m.label in ("GPE", "LOC", "FAC"))
    org_labels = Counter(_fold(m.text) for m in mentions if m.label == "ORG")
    place_texts = set(place_labels)
    norp_texts = {_fold(m.text) for m in mentions if m.label == "NORP"}
    person_surnames = {
        _fold(m.text.split()[-1])
        for m in mentions
        if m.kind == PERSON and len(m.text.split()) > 1 and not is_known_place(m.text)
    }
    # surnames the article gives a person by an honorific ("Ms Sturgeon")
    addressed_surnames = {
        _fold(m.text) for m in mentions if m.kind == PERSON and len(m.text.split()) == 1 and m.surface != m.text
    }
    by_text: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_text[_fold(m.text)].append(m)
    for text, group in by_text.items():
        persons = [m for m in group if m.kind == PERSON]
        if persons and not (len(text.split()) == 1 and text in person_surnames):
            has_person_evidence = any(m.roles or m.surface != m.text for m in persons)
            place_evidence = (
                is_known_place(text)
                or text in place_texts
                or any(_in_place_syntax(doc, m, mentions) for m in persons)
            )
            if place_evidence and not (has_person_evidence and not is_known_place(text)):
                for m in persons:
                    m.kind = PLACE
            elif any(_modifies_org_noun(doc, m) for m in persons):
                for m in persons:
                    m.kind = ORG
        for m in group:
            if m.kind == ORG and len(text.split()) == 1 and (text in person_surnames or _after_honorific(doc, m)):
                m.kind = PERSON  # "Mr Clarke" tagged ORG in an article about Charles Clarke
            elif m.kind == ORG and 1 < len(text.split()) <= 3 and text.split()[-1] in addressed_surnames and all(
                w[:1].isupper() for w in m.text.split()
            ):
                m.kind = PERSON  # "Nicola Sturgeon" tagged ORG in an article that says "Ms Sturgeon"
            elif m.kind == ORG and (0 < place_labels[text] >= org_labels[text] or is_known_place(text)):
                m.kind = PLACE
            elif m.kind == PLACE and m.label == "GPE" and _looks_like_demonym(doc, m, norp_texts):
                m.kind = GROUP


def _after_honorific(doc, mention: _Mention) -> bool:
    return mention.token_start > 0 and doc[mention.token_start - 1].lower_.rstrip(".") in HONORIFICS


def _in_place_syntax(doc, mention: _Mention, mentions: list[_Mention]) -> bool:
    """'in X', 'near X', or conjoined with a known place ('Kyiv and Chernihiv')."""
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return True
    place_tokens = {
        i for m in mentions if m.kind == PLACE and m is not mention for i in range(m.token_start, m.token_end)
    }
    if root.dep_ == "conj" and root.head.i in place_tokens:
        return True
    return any(child.dep_ == "conj" and child.i in place_tokens for child in root.children)


def _modifies_org_noun(doc, mention: _Mention) -> bool:
    root = doc[mention.token_start : mention.token_end].root
    return root.head.i == mention.token_end and root.head.lower_ in _ORG_HEAD_NOUNS


def _looks_like_demonym(doc, mention: _Mention, norp_texts: set[str]) -> bool:
    folded = _fold(mention.text)
    if is_known_place(folded):
        return False
    if folded in norp_texts:
        return True
    tokens = doc[mention.token_start : mention.token_end]
    return len(tokens) == 1 and tokens[0].tag_ == "JJ" or folded.endswith(("ian", "ians", "ean", "ese"))


def _roles_for(doc, mention: _Mention) -> list[str]:
    roles = []
    before = _role_before(doc, mention.token_start)
    if before:
        roles.append(before)
    roles.extend(_appositive_roles(doc, mention))
    return roles


def _role_before(doc, token_start: int) -> str:
    """A title run just before a name: "Pentagon press secretary", "US Secretary of State"."""
    i = token_start - 1
    if i >= 0 and doc[i].lower_.rstrip(".") in HONORIFICS:
        i -= 1
    end = i + 1
    first = end
    while i >= 0:
        token = doc[i]
        word = token.lower_.rstrip(".")
        if token.is_space or (token.is_punct and token.text not in ("'s", "’s")):
            break
        if token.ent_type_ == "PERSON" and not _is_title_or_place_token(doc, token):
            break  # another person's name
        if word in TITLE_WORDS or token.text in ("'s", "’s", "'", "’"):
            first = i
        elif word in ("of", "for", "and") and first < end:
            pass  # kept only if a capitalised or title word precedes it
        elif token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN"):
            first = i
        else:
            break
        i -= 1
    words = doc[first:end]
    while len(words) and words[0].lower_ in ("of", "for", "and", "'s", "’s", "'", "’"):
        words = words[1:]
    if not any(t.lower_.rstrip(".") in ROLE_HEADS for t in words):
        return ""
    return words.text


def _appositive_roles(doc, mention: _Mention) -> list[str]:
    """"John Kirby, the U.S. National Security Council coordinator for strategic communications"."""
    root = doc[mention.token_start : mention.token_end].root
    roles = []
    for child in root.children:
        if child.dep_ != "appos" or child.i < mention.token_end or child.ent_type_ == "PERSON":
            continue
        skip = set()
        for grandchild in child.children:
            if grandchild.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj"):
                skip.update(t.i for t in grandchild.subtree)
        indices = sorted(t.i for t in child.subtree if t.i not in skip)
        # Keep the contiguous run around the head, at most a dozen words.
        run = [child.i]
        for i in reversed([i for i in indices if i < child.i]):
            if i == run[0] - 1 and not doc[i].is_space:
                run.insert(0, i)
        for i in [i for i in indices if i > child.i]:
            if i == run[-1] + 1 and not doc[i].is_space:
                run.append(i)
        words = doc[run[0] : run[-1] + 1]
        while len(words) and (words[0].pos_ == "DET" or words[0].is_punct):
            words = words[1:]
        while len(words) and words[-1].is_punct:
            words = words[:-1]
        if 0 < len(words) <= 12 and any(t.lower_ in ROLE_HEADS for t in words):
            roles.append(words.text)
    return roles


def _drop_title_fragments(doc, mentions: list[_Mention]) -> None:
    """"State" in "Secretary of State", "Minister of Foreign Affairs": titles, not organisations."""
    for mention in list(mentions):
        if mention.kind != ORG:
            continue
        words = [t.lower_ for t in doc[mention.token_start : mention.token_end]]
        if all(word in TITLE_WORDS or word in ("of", "the", "and", "for") for word in words):
            mentions.remove(mention)
        elif len(words) == 1 and mention.token_start >= 2:
            of, title = doc[mention.token_start - 1], doc[mention.token_start - 2]
            if of.lower_ == "of" and title.lower_ in TITLE_WORDS:
                mentions.remove(mention)


def _cluster_persons(mentions: list[_Mention]) -> list[list[_Mention]]:
    """One cluster per person: full names first, then short mentions to the nearest full name."""
    clusters: list[list[_Mention]] = []
    names: list[list[str]] = []  # folded tokens of each cluster's fullest name
    by_name: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[_fold(mention.text)].append(mention)
    for name in sorted(by_name, key=lambda n: (-len(n.split()), by_name[n][0].start)):
        tokens = name.split()
        candidates = [
            index
            for index, full in enumerate(names)
            if len(full) > len(tokens) and set(tokens) <= set(full)
        ]
        if len(tokens) > 1:
            candidates = [index for index in candidates if names[index][-1] == tokens[-1]]
        if not candidates:
            names.append(tokens)
            clusters.append(list(by_name[name]))
            continue
        surname_matches = [index for index in candidates if names[index][-1] == tokens[-1]]
        candidates = surname_matches or candidates
        for mention in by_name[name]:
            clusters[_nearest_cluster(mention, candidates, clusters)].append(mention)
    return clusters


def _nearest_cluster(mention: _Mention, candidates: list[int], clusters: list[list[_Mention]]) -> int:
    """The candidate cluster mentioned most recently before `mention`, else soonest after it."""

    def distance(index: int) -> tuple[int, int]:
        before = [mention.start - m.start for m in clusters[index] if m.start <= mention.start]
        if before:
            return (0, min(before))
        return (1, min(m.start - mention.start for m in clusters[index]))

    return min(candidates, key=distance)


def _org_key(name: str) -> str:
    return _fold(name)


def _group_key(name: str) -> str:
    folded = _fold(name)
    if folded.endswith("ies") and len(folded) > 5:
        return folded[:-3] + "y"  # Tories -> tory
    return folded[:-1] if folded.endswith("s") and len(folded) > 4 else folded


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper() and w.lower() not in ("of", "the", "for", "and")]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _cluster_by_key(mentions: list[_Mention], key, merge_acronyms: bool = False) -> list[list[_Mention]]:
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(key(mention.text), []).append(mention)
    if merge_acronyms:
        acronyms = {}
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


def _to_local_actor(key: int, cluster: list[_Mention]) -> LocalActor:
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


# --- Attaching quote speakers to local actors.


def attach_speakers(quotes: list[RawQuote], actors: list[LocalActor], text: str) -> None:
    """Set each quote's speaker_key to the local actor it names; add actors for unknown names."""
    for quote in quotes:
        quote.speaker_key = _find_speaker(quote, actors, text)
        if quote.speaker_key is None and _looks_like_name(quote.speaker_text):
            name = _clean_name(quote.speaker_text)
            mentions = []
            if 0 <= quote.speaker_start < quote.speaker_end <= len(text):
                mentions.append((quote.speaker_start, quote.speaker_end))
            actor = LocalActor(key=len(actors), name=name, kind=PERSON, variants=[quote.speaker_text.strip()], mentions=mentions)
            actors.append(actor)
            quote.speaker_key = actor.key


def _names_speaker(start: int, end: int, quote: RawQuote, text: str) -> bool:
    """Whether a mention inside the speaker span is the speaker, not a modifier of it.

    "Kirby" in "John Kirby, the coordinator" is; "Kiev" in "Kiev's top negotiator" and
    "Biden" in "Biden's aides" are not: the speaker phrase must end in the mention, or open
    with it followed by an apposition.
    """
    if not (start < quote.speaker_end and quote.speaker_start < end):
        return False
    if start <= quote.speaker_end - 1 < end or text[quote.speaker_start : quote.speaker_end].rstrip(" ,.") == text[start:end]:
        return True
    return start <= quote.speaker_start and text[end : end + 1] == ","


def _find_speaker(quote: RawQuote, actors: list[LocalActor], text: str) -> int | None:
    if quote.speaker_start >= 0 and quote.speaker_end > quote.speaker_start:
        overlapping = [
            actor
            for actor in actors
            if any(_names_speaker(start, end, quote, text) for start, end in actor.mentions)
        ]
        if overlapping:
            overlapping.sort(key=lambda actor: (actor.kind != PERSON, actor.key))
            return overlapping[0].key
    name = _fold(_clean_name(quote.speaker_text))
    if not name or name in PRONOUNS:
        return None
    for actor in actors:
        if name == _fold(actor.name) or name in {_fold(_clean_name(v)) for v in actor.variants}:
            return actor.key
    # A nominal speaker that is exactly a person's role ("Kiev's top negotiator").
    by_role = [a for a in actors if a.kind == PERSON and name in {_fold(_clean_name(r)) for r in a.roles}]
    if len(by_role) == 1:
        return by_role[0].key
    surname = name.split()[-1]
    matches = [
        actor
        for actor in actors
        if actor.kind == PERSON
        and _fold(actor.name).split()[-1] == surname
        and (len(name.split()) == 1 or len(_fold(actor.name).split()) == 1 or _fold(actor.name).split()[0][:1] == name.split()[0][:1])
    ]
    return matches[0].key if len(matches) == 1 else None


def _clean_name(text: str) -> str:
    words = text.strip().split()
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    return _POSSESSIVE.sub("", " ".join(words)).strip(" ,.;:")


def _looks_like_name(text: str) -> bool:
    """"Dmitry Peskov" yes; "he", "the official", "a senior NSC official" no."""
    words = text.strip().split()
    if not words or len(words) > 4 or words[0].lower() in PRONOUNS or words[0].lower() in ("the", "a", "an"):
        return False
    name = _clean_name(text).split()
    if not name:
        return False
    if looks_like_address(text):
        return False
    # A particle joins name words ("von der Leyen") but is never a name alone ("de", "ten").
    return any(w.lower() not in NAME_PARTICLES for w in name) and all(
        (w[:1].isupper() and any(c.isalpha() for c in w) and w.lower().rstrip(".") not in TITLE_WORDS)
        or w.lower() in NAME_PARTICLES
        for w in name
    )


# --- Across articles.


@dataclass
class ActorEntry:
    """One article's local actor, with the article facts resolution needs."""

    article_id: str
    outlet: str
    actor: LocalActor


@dataclass
class Resolution:
    actors: list[Actor]
    assignment: dict[tuple[str, int], str]  # (article_id, LocalActor.key) -> Actor.id; hidden actors absent



# Surnames at least this similar (rapidfuzz ratio) are one surname spelt two ways
# ("Zelensky"/"Zelenskyy"/"Zelenskiy" score 88-94; "Grushko"/"Schallenberg" far below).
SURNAME_SIMILARITY = 85
# First names this similar are one first name ("Anthony"/"Antony" 92, "Joe"/"Hunter" 22).
FIRST_NAME_SIMILARITY = 75
# With the same role title ("President"), a machine-translation garble of a first name
# ("Cho"/"Joe" 33) still merges; different people rarely share surname and office.
FIRST_NAME_SIMILARITY_SAME_ROLE = 30


def resolve_actors(entries: Sequence[ActorEntry], aliases: Aliases | None = None) -> Resolution:
    """Merge the local actors of all articles into library actors."""
    aliases = aliases or Aliases()
    merge_group = {normalise_name(n): index for index, group in enumerate(aliases.merge) for n in group}
    split_names = {normalise_name(n) for n in aliases.split}
    hidden = {normalise_name(n) for n in aliases.hide}
    renames = {normalise_name(old): new for old, new in aliases.rename.items()}

    def names_of(entry: ActorEntry) -> set[str]:
        return {normalise_name(entry.actor.name)} | {normalise_name(_clean_name(v)) for v in entry.actor.variants}

    def split_tag(entry: ActorEntry) -> str:
        """Entries named by a `split` name only merge with entries of that same name."""
        name = normalise_name(entry.actor.name)
        return name if name in split_names else ""

    union = UnionFind(len(entries))
    kinds = [_entry_kind(entry) for entry in entries]

    # 1. Same name (places by their canonical spelling), whatever kind the articles gave it.
    first_with_key: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        key = (_name_key(entry.actor.name, kinds[index]), split_tag(entry))
        if key in first_with_key:
            union.union(first_with_key[key], index)
        else:
            first_with_key[key] = index
    # 2. Non-persons that share a variant ("NSC" given as a variant of "National Security Council").
    by_variant: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        if kinds[index] == PERSON or split_tag(entry):
            continue
        for name in names_of(entry):
            key = (kinds[index], place_key(name) if kinds[index] == PLACE else name)
            if key in by_variant:
                union.union(by_variant[key], index)
            else:
                by_variant[key] = index
    # 3. Full person names spelt differently.
    persons = [i for i, entry in enumerate(entries) if kinds[i] == PERSON and not split_tag(entry)]
    full = [i for i in persons if len(normalise_name(entries[i].actor.name).split()) > 1]
    _merge_full_names(entries, full, union)
    # 4. Surname-only persons with the one full name that has that surname.
    single = [i for i in persons if len(normalise_name(entries[i].actor.name).split()) == 1]
    _merge_surnames(entries, full, single, union)
    # 5. The user's merges.
    first_in_group: dict[int, int] = {}
    for index, entry in enumerate(entries):
        for name in names_of(entry):
            group = merge_group.get(name)
            if group is None:
                continue
            if group in first_in_group:
                union.union(first_in_group[group], index)
            else:
                first_in_group[group] = index

    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(entries)):
        clusters[union.find(index)].append(index)

    built = []
    for members in clusters.values():
        all_names = set().union(*(names_of(entries[i]) for i in members))
        if all_names & hidden:
            continue
        built.append(_build_actor([entries[i] for i in members], [kinds[i] for i in members], all_names, renames))
    built.sort(key=lambda item: (item[0].name.casefold(), -item[0].mention_count, item[0].articles[:1]))

    actors, assignment, used_ids = [], {}, set()
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
    for index in full:
        blocks[normalise_name(entries[index].actor.name).split()[-1][:2]].append(index)
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
    for index in full:
        by_surname[normalise_name(entries[index].actor.name).split()[-1]].add(union.find(index))
    for index in single:
        surname = normalise_name(entries[index].actor.name)
        owners = {union.find(root) for root in by_surname.get(surname, ())}
        if len(owners) == 1:
            union.union(owners.pop(), index)


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
        if canonical and any(_fold(n) == _fold(canonical) for n in name_counts):
            name = next(n for n in name_counts if _fold(n) == _fold(canonical))
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
        sources=list(dict.fromkeys(e.outlet for e in members if e.outlet)),
        mention_count=sum(len(e.actor.mentions) for e in members),
    )
    return actor, members


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "actor"

