"""Who one parsed article names: its entity mentions cleaned, their kinds corrected, clustered.

"Putin", "Mr. Putin", "Putin's" and "Russian President Vladimir Putin" become one person named
"Vladimir Putin" with the role "Russian President". The rules also correct what the small
English model gets wrong most often in news: place names tagged as persons ("Kyiv"),
demonyms tagged as places, title words tagged as organisations, addresses and junk spans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from index.actors.clusters import cluster_mentions
from index.actors.mentions import GROUP, LABEL_KINDS, ORG, PERSON, PLACE, Mention, after_honorific, make_mention
from index.actors.names import fold
from index.actors.roles import is_title_or_place_token, roles_for
from index.addresses import DOMAIN, doc_address_spans, spans_overlapping
from index.document import doc_text
from index.lexicon import HONORIFICS, ORG_HEAD_NOUNS, PLACE_PREPOSITIONS, POSSESSIVE_MARKS, TITLE_WORDS
from index.model import LocalActor
from index.places import is_known_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def local_actors(doc: Doc) -> list[LocalActor]:
    """Cluster the named-entity mentions of one parsed article into local actors."""
    mentions = [m for ent in doc.ents if ent.label_ in LABEL_KINDS for m in _clean_entity(doc, ent)]
    mentions += _untagged_places(doc)
    _correct_kinds(doc, mentions)
    _drop_addresses(doc, mentions)
    for mention in mentions:
        if mention.kind == PERSON:
            mention.roles.extend(roles_for(doc, mention))
    _drop_title_fragments(doc, mentions)
    return cluster_mentions(mentions)


def _clean_entity(doc: Doc, ent: Span) -> list[Mention]:
    """The mention(s) an entity span stands for, stripped of articles, possessives and titles."""
    tokens = list(ent)
    kind = LABEL_KINDS[ent.label_]
    # Spans that cross a line break are run-together page furniture, not names.
    if "\n" in ent.text.strip():
        return []
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in POSSESSIVE_MARKS or tokens[-1].is_punct):
        tokens.pop()
    if (
        kind == ORG
        and len(tokens) > 1
        and tokens[0].lower_.rstrip(".") in HONORIFICS
        and all(t.text[:1].isupper() for t in tokens[1:])
    ):
        # "Mr Balls" tagged ORG: an honorific only ever goes before a person's name
        kind = PERSON
        tokens = tokens[1:]
    if kind == PERSON and tokens:
        if all(is_known_place(t.text) for t in tokens) and len(tokens) > 1:
            # "Moscow Kyiv": two places run together, not a person.
            return [make_mention(doc, [t], PLACE, ent.label_) for t in tokens]
        lead = 0
        while lead < len(tokens) - 1 and is_title_or_place_token(tokens[lead]):
            lead += 1
        # "Austria Alexander Schellenberg": the leading words belong to the role, which
        # roles.role_before reads from the parse.
        tokens = tokens[lead:]
    if not tokens:
        return []
    mention = make_mention(doc, tokens, kind, ent.label_)
    if _is_junk(mention.text):
        return []
    return [mention]


def _untagged_places(doc: Doc) -> list[Mention]:
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
                found.append(make_mention(doc, tokens, PLACE, "GPE"))
                i += size
                break
        else:
            i += 1
    return found


def _is_junk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return True
    return len(text.split()) == 1 and text.islower()


def _correct_kinds(doc: Doc, mentions: list[Mention]) -> None:
    """Fix the small model's usual mistakes, with evidence from the same article and a gazetteer."""
    place_labels = Counter(fold(m.text) for m in mentions if m.label in ("GPE", "LOC", "FAC"))
    org_labels = Counter(fold(m.text) for m in mentions if m.label == "ORG")
    place_texts = set(place_labels)
    norp_texts = {fold(m.text) for m in mentions if m.label == "NORP"}
    person_surnames = {
        fold(m.text.split()[-1])
        for m in mentions
        if m.kind == PERSON and len(m.text.split()) > 1 and not is_known_place(m.text)
    }
    # surnames the article gives a person by an honorific ("Ms Sturgeon")
    addressed_surnames = {
        fold(m.text) for m in mentions if m.kind == PERSON and len(m.text.split()) == 1 and m.surface != m.text
    }
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_text[fold(m.text)].append(m)
    for text, group in by_text.items():
        persons = [m for m in group if m.kind == PERSON]
        if persons and not (len(text.split()) == 1 and text in person_surnames):
            has_person_evidence = any(m.roles or m.surface != m.text for m in persons)
            place_evidence = (
                is_known_place(text) or text in place_texts or any(_in_place_syntax(doc, m, mentions) for m in persons)
            )
            if place_evidence and not (has_person_evidence and not is_known_place(text)):
                for m in persons:
                    m.kind = PLACE
            elif any(_modifies_org_noun(doc, m) for m in persons):
                for m in persons:
                    m.kind = ORG
        for m in group:
            if m.kind == ORG and len(text.split()) == 1 and (text in person_surnames or after_honorific(doc, m)):
                m.kind = PERSON  # "Mr Clarke" tagged ORG in an article about Charles Clarke
            elif (
                m.kind == ORG
                and 1 < len(text.split()) <= 3
                and text.split()[-1] in addressed_surnames
                and all(w[:1].isupper() for w in m.text.split())
            ):
                m.kind = PERSON  # "Nicola Sturgeon" tagged ORG in an article that says "Ms Sturgeon"
            elif m.kind == ORG and (0 < place_labels[text] >= org_labels[text] or is_known_place(text)):
                m.kind = PLACE
            elif m.kind == PLACE and m.label == "GPE" and _looks_like_demonym(doc, m, norp_texts):
                m.kind = GROUP


def _in_place_syntax(doc: Doc, mention: Mention, mentions: list[Mention]) -> bool:
    """'in X', 'near X', or conjoined with a known place ('Kyiv and Chernihiv')."""
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return True
    place_tokens = {
        i for m in mentions if m.kind == PLACE and m is not mention for i in range(m.token_start, m.token_end)
    }
    if root.dep_ == "conj" and root.head.i in place_tokens:
        return True
    return any(child.dep_ == "conj" and child.i in place_tokens for child in root.children)


def _modifies_org_noun(doc: Doc, mention: Mention) -> bool:
    root = doc[mention.token_start : mention.token_end].root
    return root.head.i == mention.token_end and root.head.lower_ in ORG_HEAD_NOUNS


def _looks_like_demonym(doc: Doc, mention: Mention, norp_texts: set[str]) -> bool:
    folded = fold(mention.text)
    if is_known_place(folded):
        return False
    if folded in norp_texts:
        return True
    tokens = doc[mention.token_start : mention.token_end]
    return len(tokens) == 1 and tokens[0].tag_ == "JJ" or folded.endswith(("ian", "ians", "ean", "ese"))


def _drop_addresses(doc: Doc, mentions: list[Mention]) -> None:
    """An entity that is or contains an address is no actor; a bare site name ("Amazon.com
    said") can stand for its organisation, never for a person or a place."""
    text = doc_text(doc)
    spans = doc_address_spans(doc)
    if not spans:
        return
    kept = []
    for mention in mentions:
        hits = spans_overlapping(spans, mention.start, mention.end)
        if len(hits) == 1 and hits[0][2] == DOMAIN and text[hits[0][0] : hits[0][1]] == mention.text:
            mention.kind = ORG
        elif hits:
            continue
        kept.append(mention)
    mentions[:] = kept


def _drop_title_fragments(doc: Doc, mentions: list[Mention]) -> None:
    """ "State" in "Secretary of State", "Minister of Foreign Affairs": titles, not organisations."""
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
