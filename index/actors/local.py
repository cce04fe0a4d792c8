"""Who one parsed article names: its entity mentions cleaned, their kinds corrected, clustered.

"Putin", "Mr. Putin", "Putin's" and "Russian President Vladimir Putin" become one person named
"Vladimir Putin" with the role "Russian President". The rules also correct what the small
English model gets wrong most often in news: place names tagged as persons ("Kyiv"),
demonyms tagged as places, title words tagged as organisations, addresses and junk spans.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.actors.bodies import canonical_body
from index.actors.clusters import acronym_letters, cluster_mentions, org_acronym
from index.actors.mentions import (
    GROUP,
    LABEL_KINDS,
    ORG,
    PERSON,
    PLACE,
    Mention,
    after_honorific,
    make_mention,
    set_person_surface,
)
from index.actors.names import fold, is_address_form, names_no_actor
from index.actors.roles import is_title_or_place_token, roles_for
from index.addresses import DOMAIN, doc_address_spans, spans_overlapping
from index.document import doc_text, headline_lines, on_headline
from index.gender import first_name_gender, is_first_name
from index.lexicon import (
    ACTOR_EVENT_HEADS,
    ACTOR_GENERIC_WORDS,
    ACTOR_INSTITUTION_WORDS,
    ACTOR_PEOPLE_NOUNS,
    ACTOR_ROLE_AFTER_FIELD,
    ACTOR_THING_ABBREVIATIONS,
    ACTOR_WORK_NOUNS,
    BODY_NOUNS,
    CALENDAR_WORDS,
    DEMONYM_FORMS,
    FACILITY_CUES,
    HONORIFICS,
    LOCATION_CUES,
    NAME_LEAD_WORDS,
    NAME_PARTICLES,
    NATIONALITY_ADJECTIVES,
    NOT_ACTOR_HEADS,
    NOT_NAME_WORDS,
    OFFICE_WORDS,
    ORG_CUES,
    ORG_HEAD_NOUNS,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    PLACE_PREPOSITIONS,
    POSSESSIVE_MARKS,
    POST_NOMINALS,
    RANK_TITLES,
    REPORTING_VERBS,
    ROLE_HEADS,
    TITLE_WORDS,
)
from index.model import LocalActor
from index.places import is_known_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def local_actors(doc: Doc) -> list[LocalActor]:
    """Cluster the named-entity mentions of one parsed article into local actors."""
    org_texts = {fold(ent.text) for ent in doc.ents if ent.label_ == "ORG"}
    mentions = [m for ent in doc.ents if ent.label_ in LABEL_KINDS for m in _clean_entity(doc, ent, org_texts)]
    mentions += _untagged_places(doc)
    mentions.sort(key=lambda m: m.start)
    _complete_bodies(doc, mentions)
    _drop_non_actors(doc, mentions)
    _drop_no_actor_shapes(doc, mentions)
    _correct_kinds(doc, mentions)
    _drop_addresses(doc, mentions)
    _cut_glued_words(doc, mentions)
    for mention in mentions:
        if mention.kind == PERSON:
            set_person_surface(doc, mention)
            mention.roles.extend(roles_for(doc, mention))
    _drop_title_fragments(doc, mentions)
    _equate_parenthesised(doc, mentions)
    return cluster_mentions(mentions)


def _clean_entity(doc: Doc, ent: Span, org_texts: set[str]) -> list[Mention]:
    """The mention(s) an entity span stands for, stripped of articles, possessives and titles.

    A person's name glued to a role or a body ("Tories Ken Clarke", "Unison Dave Prentis",
    "Foreign Intelligence Service Sergey Naryshkin") gives the person and the body apart.
    """
    tokens = list(ent)
    kind = LABEL_KINDS[ent.label_]
    # Spans that cross a line break are run-together page furniture, not names.
    if "\n" in ent.text.strip():
        return []
    while tokens and (tokens[0].lower_ == "the" or tokens[0].text in ("a", "an") or tokens[0].is_punct):
        tokens.pop(0)
    if len(tokens) > 2 and tokens[0].lower_ == "ex" and tokens[1].text == "-":
        tokens = tokens[2:]  # "Ex-BBC chat show host": the body, not a name "Ex-BBC"
    if kind != PERSON:
        tokens = _first_segment(tokens)  # "Guy's Hospital, University of London", "Whitehall - Labour"
    while tokens and (tokens[-1].lower_ in POSSESSIVE_MARKS or tokens[-1].is_punct or is_address_form(tokens[-1])):
        tokens.pop()  # ("the Harwick Trust Mr" tagged whole, the name after it apart: no "Mr" ends a name)
    if kind != PERSON:
        tokens = _without_trailing_words(tokens)  # "Office of the", "the Commons on Monday"
    if (
        kind != PERSON
        and len(tokens) > 1
        and tokens[0].lower_.rstrip(".") in HONORIFICS
        and all(t.text[:1].isupper() for t in tokens[1:])
    ):
        # "Mr Balls" tagged ORG: an honorific only ever goes before a person's name
        kind = PERSON
        tokens = tokens[1:]
    found: list[Mention] = []
    post_nominals: list[str] = []
    addressed = next((k for k, t in enumerate(tokens) if k and is_address_form(t)), 0) if kind != PERSON else 0
    named = tokens[addressed + 1 :]
    if addressed and named and not any(t.lower_ in NOT_A_NAME for t in named):
        # "the Foreign Policy Centre Mr Straw", "Tanzania Mr Brown": an opening phrase with no
        # comma after it, run into the name by the tagger; the body or place, then the person
        opening = tokens[:addressed]
        opening_kind = PLACE if is_known_place(doc[opening[0].i : opening[-1].i + 1].text) else kind
        found.append(make_mention(doc, opening, opening_kind, ent.label_))
        tokens, kind = named, PERSON
    tail = _name_after_body(tokens) if kind == ORG else 0
    if tail:
        # "Foreign Intelligence Service Sergey Naryshkin" tagged ORG: the body, then the person
        found.append(make_mention(doc, tokens[:-tail], ORG, ent.label_))
        tokens, kind = tokens[-tail:], PERSON
    if kind == PERSON and tokens:
        if all(is_known_place(t.text) for t in tokens) and len(tokens) > 1:
            # "Moscow Kyiv": two places run together, not a person.
            return [make_mention(doc, [t], PLACE, ent.label_) for t in tokens]
        tokens = _name_segment(tokens)
        while len(tokens) > 1 and tokens[-1].lower_.rstrip(".") in POST_NOMINALS:
            post_nominals.insert(0, tokens.pop().text)  # "Ian MacDonald QC"
        lead, bodies = _glued_lead(doc, tokens, org_texts)
        found += [make_mention(doc, tokens[a:b], ORG, "ORG") for a, b in bodies]
        # "Austria Alexander Schellenberg": the leading words belong to the role, which
        # roles.role_before reads from the parse.
        tokens = tokens[lead:]
    if not tokens:
        return found
    mention = make_mention(doc, tokens, kind, ent.label_)
    mention.roles.extend(post_nominals)
    if _is_junk(mention.text):
        return found
    return [*found, mention]


def _without_trailing_words(tokens: list[Token]) -> list[Token]:
    """A body's or place's span without a function word at its end, nor a day or month after
    one: "Office of the", "the Commons on Monday" tagged whole."""
    while len(tokens) > 1 and (
        tokens[-1].lower_ in ("of", "the", "for", "and", "on", "in", "a")
        or (tokens[-1].lower_ in CALENDAR_WORDS and len(tokens) > 2 and tokens[-2].lower_ in ("on", "in"))
    ):
        tokens = tokens[:-1]
        while len(tokens) > 1 and tokens[-1].lower_ in ("on", "in"):
            tokens = tokens[:-1]
    return tokens


def _first_segment(tokens: list[Token]) -> list[Token]:
    """The tokens of a body's or place's span before a bracket, a comma or a spaced dash: two names
    run together ("Auckland, New Zealand", "Transport and General Workers Union (TGWU")."""
    for position, token in enumerate(tokens):
        spaced = token.whitespace_ and position > 0 and tokens[position - 1].whitespace_
        if position and (token.text in ("(", ",", ";") or (spaced and token.text in ("-", "–", "—"))):
            return tokens[:position]
    return tokens


# Words that are no part of a personal name glued after a body's name ("Royal", "Hospital").
NOT_A_NAME = ORG_CUES | TITLE_WORDS | FACILITY_CUES | LOCATION_CUES | NOT_NAME_WORDS


def _name_after_body(tokens: list[Token]) -> int:
    """How many last tokens of an organisation span are a person's name glued to the body's
    name ("Foreign Intelligence Service Sergey Naryshkin"), else 0: a known first name and a
    surname after a body's name that ends in a body word or is a well-known body."""
    for size in (2, 3):
        if len(tokens) <= size:
            break
        name, body = tokens[-size:], tokens[:-size]
        body_text = body[0].doc[body[0].i : body[-1].i + 1].text
        before = body[0].doc[body[0].i - 1] if body[0].i > 0 else None
        if (
            first_name_gender(name[0].text)
            and all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in name)
            and not any(t.lower_ in NOT_A_NAME for t in name)
            and (
                body[-1].lower_ in ORG_CUES
                or canonical_body(body_text)
                or (before is not None and before.lower_ in ORG_NOUNS and len(body) == 1)
            )
        ):
            return size
    return 0


def _name_segment(tokens: list[Token]) -> list[Token]:
    """The part of a person span that is a name: "Moazzam Begg - have" -> "Moazzam Begg",
    "MPs - Keith Vaz" -> "Keith Vaz", "rang Lucy" -> "Lucy"."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        spaced = token.whitespace_ and token.i > 0 and token.doc[token.i - 1].whitespace_
        if token.is_punct and (token.text in (":", "|", ";") or (spaced and token.text in ("-", "–", "—"))):
            segments.append([])  # "Kilroy-Silk" is one name, "Begg - have" two parts
        else:
            segments[-1].append(token)
    named = []
    for segment in segments:
        while segment and segment[0].text[:1].islower() and segment[0].lower_ not in NAME_PARTICLES:
            segment = segment[1:]
        if segment and all(_name_word(t) for t in segment):
            named.append(segment)
    if not named:
        return []
    return max(reversed(named), key=len)


def _name_word(token: Token) -> bool:
    """A capitalised word, a particle ("von"), punctuation, or the second part of a hyphenated
    name ("moon" in "Ki-moon")."""
    if token.text[:1].isupper() or token.lower_ in NAME_PARTICLES or token.is_punct:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.text == "-" and not before.whitespace_


def _glued_lead(doc: Doc, tokens: list[Token], org_texts: set[str]) -> tuple[int, list[tuple[int, int]]]:
    """How many leading tokens of a person span belong to a role or a body, and the bodies among
    them as (start, end) positions in `tokens`."""
    lead, bodies = 0, []
    while lead < len(tokens) - 1:
        size = _body_at(doc, tokens, lead, org_texts)
        if size and lead + size < len(tokens):
            bodies.append((lead, lead + size))
            lead += size
        elif _is_lead_word(doc, tokens, lead):
            lead += 1
        else:
            break
    if lead and not any(end == lead for _, end in bodies):
        # A title run ending in a body noun names the body: "Foreign Intelligence Service".
        last_body = max((end for _, end in bodies), default=0)
        nouns = [i for i in range(last_body, lead) if tokens[i].lower_ in BODY_NOUNS and tokens[i].text[:1].isupper()]
        if nouns:
            bodies.append((last_body, nouns[-1] + 1))
    return lead, bodies


def _body_at(doc: Doc, tokens: list[Token], i: int, org_texts: set[str]) -> int:
    """The number of tokens from `i` that name a body: a well-known one ("Lib Dem", "Tories"),
    one the article tags as an organisation, or a name after a body noun ("the union Unison")."""
    for size in range(min(4, len(tokens) - i - 1), 0, -1):
        text = doc[tokens[i].i : tokens[i + size - 1].i + 1].text
        if canonical_body(text):
            return size
        # a name the article tags as an organisation, before a full name ("Unison Dave Prentis")
        rest = tokens[i + size :]
        if fold(text) in org_texts and len(rest) >= 2 and first_name_gender(rest[0].text):
            return size
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if (
        i == 0
        and before is not None
        and before.lower_ in ORG_NOUNS
        and len(tokens) >= 3
        and not first_name_gender(tokens[0].text)
        and first_name_gender(tokens[1].text)
    ):
        return 1
    return 0


def _is_lead_word(doc: Doc, tokens: list[Token], i: int) -> bool:
    """A word that opens a role before a name: a title, a known place, an office or body word, a
    plural title ("MPs"), a demonym noun ("Welshman"), or a sentence-opening occupation before a
    first name ("Farmer Geoff Brooks")."""
    token = tokens[i]
    word = token.lower_.rstrip(".")
    if word in RANK_TITLES and first_name_gender(token.text) and len(tokens) - i >= 3:
        return False  # "Earl Ray Tomblin", "Prince Rogers Nelson": a given name, not a rank
    if is_title_or_place_token(token) or word in NAME_LEAD_WORDS or word in OFFICE_WORDS or word in BODY_NOUNS:
        return True
    if word.endswith("s") and word[:-1] in TITLE_WORDS:
        return True
    for ending in ("man", "woman", "men", "women"):
        if word.endswith(ending) and word[: -len(ending)] in DEMONYM_FORMS | NATIONALITY_ADJECTIVES:
            return True
    return bool(
        i == 0
        and token.is_sent_start
        and len(tokens) >= 3
        and word.endswith(("er", "or", "ist"))
        and not first_name_gender(token.text)
        and bool(first_name_gender(tokens[1].text))
    )


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


def _cut_glued_words(doc: Doc, mentions: list[Mention]) -> None:
    """A person's name the tagger ran into a word beside it: a headline's verb ("Obama Says
    African-American Museum Will…", "Clinton Breaks With Obama"), a nickname's epithet ("Crooked
    Hillary Clinton"), a sentence's opening word ("Injecting Clinton's marital troubles…"). The
    mention is cut to the longest part of it the article names elsewhere as a person, when what
    is cut off is no name (no known first name, no title); a word cut off the front stands before
    a known first name or is written in lowercase elsewhere in the article, and the words cut off
    the end begin at a headline's reporting verb ("Says", "Warns") or are headline words the text
    never capitalises inside a sentence, or are each written in lowercase elsewhere and stand in a
    headline or are verbs."""
    candidates = [i for i, m in enumerate(mentions) if m.kind == PERSON and m.token_end - m.token_start >= 2]
    if not candidates:
        return  # nothing to cut: spare the article-wide word sets
    text = doc_text(doc)
    headlines = headline_lines(text)
    article = _GlueContext(
        named={fold(m.text) for m in mentions if m.kind == PERSON},
        lowercase={t.lower_ for t in doc if t.text.islower()},
        capitalised={
            t.text
            for t in doc
            if t.text[:1].isupper() and not t.is_sent_start and not on_headline(text, headlines, t.idx)
        },
    )
    for position in candidates:
        mention = mentions[position]
        tokens = list(doc[mention.token_start : mention.token_end])
        in_headline = on_headline(text, headlines, mention.start)
        cuts = [(lead, tail) for lead in range(len(tokens)) for tail in range(len(tokens) - lead) if lead or tail]
        found = [cut for cut in cuts if _glued(text, tokens, *cut, article, in_headline)]
        if found:
            lead, tail = min(found, key=lambda cut: (sum(cut), cut))
            mentions[position] = make_mention(doc, tokens[lead : len(tokens) - tail], PERSON, mention.label)


@dataclass
class _GlueContext:
    """What an article says of the words of its person names: the names it gives persons
    (folded), the words it writes in lowercase, and those it capitalises inside a sentence outside
    headlines."""

    named: set[str]
    lowercase: set[str]
    capitalised: set[str]


def _glued(text: str, tokens: list[Token], lead: int, tail: int, article: _GlueContext, in_headline: bool) -> bool:
    """Whether `lead` words before and `tail` words after the rest of a person span are glued on."""
    kept, front, back = tokens[lead : len(tokens) - tail], tokens[:lead], tokens[len(tokens) - tail :]
    return (
        fold(text[kept[0].idx : kept[-1].idx + len(kept[-1].text)]) in article.named
        and all(_not_a_name_word(t) and not first_name_gender(t.text) for t in front)
        and (not front or _full_name(kept) or all(t.lower_ in article.lowercase for t in front))
        and (
            (in_headline and bool(back) and (_reports_present(back[0].lower_) or _headline_words(back, article)))
            or all(_glued_after(t, article, in_headline) for t in back)
        )
    )


def _headline_words(tokens: list[Token], article: _GlueContext) -> bool:
    """Words of a headline after a name that the text never writes as a name ("Obama Sees
    'Personal Insult' …": no "Sees" capitalised inside a sentence), the first no first name."""
    return not is_first_name(tokens[0].text) and not any(t.text in article.capitalised for t in tokens if t.is_alpha)


def _reports_present(word: str) -> bool:
    """A reporting verb in the present ("says", "warns", "urges", "denies"): a headline's verb."""
    stems = [word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""]
    return word.endswith("s") and any(stem in REPORTING_VERBS for stem in stems if stem)


def _full_name(tokens: list[Token]) -> bool:
    """A first name the list knows and a surname after it ("Hillary Clinton")."""
    return len(tokens) >= 2 and bool(first_name_gender(tokens[0].text))


def _glued_after(token: Token, article: _GlueContext, in_headline: bool) -> bool:
    """A word after a name that is no part of it: no title or first name, written in lowercase
    elsewhere in the article, and in a headline or parsed as a verb."""
    return (
        _not_a_name_word(token)
        and not is_first_name(token.text)
        and token.lower_ in article.lowercase
        and (in_headline or token.pos_ in ("VERB", "AUX"))
    )


def _not_a_name_word(token: Token) -> bool:
    """A word that is no title, place or particle of a personal name."""
    return not (
        is_title_or_place_token(token) or token.lower_ in NAME_PARTICLES or token.lower_.rstrip(".") in HONORIFICS
    )


def _is_junk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return True
    return len(text.split()) == 1 and text.islower()


def _complete_bodies(doc: Doc, mentions: list[Mention]) -> None:
    """Names of a body the tagger cut short, made whole: "Liberal [Democrat]" with the word
    before it that makes a well-known name, "[Department for Education] and [Skills]"."""
    absorbed: set[int] = set()
    for position, mention in enumerate(mentions):
        if position in absorbed or (mention.kind == PERSON and not canonical_body(mention.text)):
            continue
        for start, end in (
            (mention.token_start - 2, mention.token_end),
            (mention.token_start - 1, mention.token_end),
            (mention.token_start, mention.token_end + 1),
        ):
            if start < 0 or end > len(doc) or (start, end) == (mention.token_start, mention.token_end):
                continue
            added = set(range(start, end)) - set(range(mention.token_start, mention.token_end))
            if any(not doc[i].text[:1].isupper() for i in added) or not canonical_body(doc[start:end].text):
                continue
            # a mention the window covers is part of the name ("Liberal" tagged apart); one it cuts is not
            inside, cut = set(), False
            for other, m in enumerate(mentions):
                if other != position and m.token_start < end and start < m.token_end:
                    if start <= m.token_start and m.token_end <= end:
                        inside.add(other)
                    else:
                        cut = True
            if not cut:
                mentions[position] = make_mention(doc, list(doc[start:end]), ORG, "ORG")
                absorbed |= inside
                break
    mentions[:] = [m for position, m in enumerate(mentions) if position not in absorbed]
    for position in range(len(mentions) - 1, 0, -1):
        first, second = mentions[position - 1], mentions[position]
        if (
            first.kind == ORG
            and second.kind == ORG
            and second.token_start == first.token_end + 1
            and doc[first.token_end].lower_ == "and"
            and second.token_end - second.token_start == 1
            and any(t.lower_ in ("for", "of") for t in doc[first.token_start : first.token_end])
        ):
            mentions[position - 1] = make_mention(doc, list(doc[first.token_start : second.token_end]), ORG, "ORG")
            del mentions[position]


def _drop_non_actors(doc: Doc, mentions: list[Mention]) -> None:
    """Nationality adjectives ("British", "Welsh"), the names of laws, budgets and elections ("the
    Bill", "the General Election") and office words of a title ("Home" in "Home Secretary")
    name no actor."""
    text = doc_text(doc)
    kept: list[Mention] = []
    for position, mention in enumerate(mentions):
        tokens = doc[mention.token_start : mention.token_end]
        words = fold(mention.text).split()
        if not words or canonical_body(mention.text):
            kept.append(mention)
            continue
        single = len(words) == 1
        after = doc[mention.token_end] if mention.token_end < len(doc) else None
        if single and (
            words[0] in NATIONALITY_ADJECTIVES
            or words[0] in ACTOR_PEOPLE_NOUNS
            or (mention.label == "NORP" and tokens[0].tag_ == "JJ")
        ):
            following = mentions[position + 1] if position + 1 < len(mentions) else None
            if following is not None and following.token_start == mention.token_end and following.kind in (ORG, GROUP):
                # "English [Democrats]", "Welsh [Liberal Democrats]": the adjective opens the body's name
                both = list(doc[mention.token_start : following.token_end])
                mentions[position + 1] = make_mention(doc, both, following.kind, following.label)
            continue  # "British troops", "a Welsh quango", "whose father was Welsh"
        monarch = words in (["queen"], ["king"], ["pope"])
        if mention.kind == PERSON and all(_is_title_word(w) for w in words) and not monarch:
            continue  # "Treasurer Lord", "Duke": a title with no name (the Queen is someone)
        if single and mention.kind == PERSON and tokens[0].is_sent_start and names_no_actor(mention.text, "", text):
            continue  # "Campaigners say …", "Opponents argue …": a common noun opening a sentence
        # "Committee for a Responsible Federal Budget" names a body; "the Crime and Police Bill" does not
        body_named = any(w in ORG_CUES and nxt in ("for", "of", "on") for w, nxt in zip(words, words[1:], strict=False))
        head = next((words[i - 1] for i in range(1, len(words)) if words[i] in ("of", "on", "for")), words[-1])
        if head in ACTOR_EVENT_HEADS and not single and not after_honorific(mention):
            continue  # "the Common Agricultural Policy", "the European Convention on Human Rights"
        if (
            words[-1] in NOT_ACTOR_HEADS
            and not body_named
            and (not single or mention.kind != PERSON or _after_determiner(doc, mention))
        ):
            continue  # "the Budget", "the Criminal Justice Bill", "the General Election"
        if (
            mention.kind == ORG
            and all(w in OFFICE_WORDS for w in words)
            and after is not None
            and after.lower_ in ROLE_HEADS
        ):
            continue  # "the Home Secretary": a title, not the Home Office
        kept.append(mention)
    mentions[:] = kept


def _drop_no_actor_shapes(doc: Doc, mentions: list[Mention]) -> None:
    """Capitalised words that name no actor, by the shape of the sentence around them:

    * a title alone, of any kind ("MEP", "MPs", "Chief Executive");
    * the field of a title before its role word ("International Development Secretary Hilary
      Benn", "the Shadow Home Secretary"): no body, as no body word ("Office") says;
    * a noun after "a" or "an" that heads its phrase ("a GP in Blaengwynfi", "an MEP"): a common
      noun ("a BBC spokesman" keeps the body, which modifies the noun);
    * a word opening a sentence that the article also writes in lower case ("Fox hunting …");
    * a run that opens in lower case ("the health department", "west London", "shop workers");
    * the title of a programme, report or book, as the word after it says ("BBC Wales'
      Maniffesto programme", "the Gershon report").
    """
    text = doc_text(doc)
    kept: list[Mention] = []
    for mention in mentions:
        tokens = doc[mention.token_start : mention.token_end]
        words = fold(mention.text).split()
        if not words or canonical_body(mention.text):
            kept.append(mention)
            continue
        single = len(words) == 1
        before = doc[mention.token_start - 1] if mention.token_start > 0 else None
        after = doc[mention.token_end] if mention.token_end < len(doc) else None
        plural_title = all(_is_title_word(w) or (w.endswith("s") and _is_title_word(w[:-1])) for w in words)
        if plural_title and words not in (["queen"], ["king"], ["pope"]):
            continue
        if (
            mention.kind != PERSON
            and after is not None
            and after.text[:1].isupper()
            and after.lower_ in ACTOR_ROLE_AFTER_FIELD
            and not any(w in BODY_NOUNS or w in ORG_CUES for w in words)
        ):
            continue
        if (
            single
            and before is not None
            and before.lower_ in ("a", "an")
            and not (after is not None and after.pos_ in ("NOUN", "PROPN") and after.text[:1].islower())
        ):
            continue
        if (
            single
            and tokens[0].is_sent_start
            and mention.kind != PERSON
            and re.search(rf"(?<![\w'’-]){re.escape(tokens[0].lower_)}(?![\w'’-])", text) is not None
        ):
            continue
        if single and (
            words[0] in ACTOR_THING_ABBREVIATIONS
            or (mention.kind != PERSON and words[0] not in ACTOR_INSTITUTION_WORDS and _generic_word(words[0]))
        ):
            continue  # "GCSE", "GMT"; "the House", "the Commission", "Royal", "the Public"
        first = mention.text.split()[0]
        if first[:1].islower() and re.split(r"[-’']", first.lower())[0] not in NAME_PARTICLES:
            continue
        if (
            after is not None
            and after.lower_ in ACTOR_WORK_NOUNS
            and mention.label != "ORG"
            and not mention.text.isupper()
            and before is not None
            and (before.pos_ == "DET" or before.tag_ == "POS" or before.text in ("'", "’"))
        ):
            continue
        kept.append(mention)
    mentions[:] = kept


def _generic_word(word: str) -> bool:
    """A body or people word, or a word no name has, alone (its plural too): "House", "Groups"."""
    generic = BODY_NOUNS | PEOPLE_NOUNS | NOT_NAME_WORDS | OFFICE_WORDS | ACTOR_GENERIC_WORDS
    return word in generic or (word.endswith("s") and word[:-1] in generic)


def _is_title_word(word: str) -> bool:
    return word in TITLE_WORDS or word in HONORIFICS or word in RANK_TITLES or word in NAME_LEAD_WORDS


def _after_determiner(doc: Doc, mention: Mention) -> bool:
    """ "the Bill", "No Bill", "Mr Brown's Budget", "Finance Bill": a common noun with a capital,
    not a first name."""
    if mention.token_start == 0:
        return False
    before = doc[mention.token_start - 1]
    if before.pos_ == "DET" or before.lower_ in POSSESSIVE_MARKS or before.tag_ == "PRP$" or before.text == ")":
        return True
    # "the Criminal Justice Bill", "a shortened Finance Bill": the end of a capitalised name
    return before.text[:1].isupper() and not before.is_sent_start and before.ent_type_ != "PERSON"


def _correct_kinds(doc: Doc, mentions: list[Mention]) -> None:
    """Fix the small model's usual mistakes, with evidence from the same article and a gazetteer."""
    for m in mentions:
        if canonical_body(m.text):
            m.kind = ORG  # "Lib Dem" tagged PERSON, "Tories" tagged NORP: a listed body
    place_labels = Counter(fold(m.text) for m in mentions if m.label in ("GPE", "LOC", "FAC"))
    org_labels = Counter(fold(m.text) for m in mentions if m.label == "ORG")
    place_texts = set(place_labels)
    norp_texts = {fold(m.text) for m in mentions if m.label == "NORP"}
    person_surnames = {
        fold(m.text.split()[-1])
        for m in mentions
        if m.kind == PERSON and len(m.text.split()) > 1 and not is_known_place(m.text)
    }
    for m in mentions:
        word = fold(m.text)
        if m.kind == PERSON and not m.title and len(m.text) >= 2 and m.text.isupper() and " " not in m.text:
            m.kind = ORG  # "BAA", "MI6" tagged as persons: capitals alone are a body's initials
        elif m.kind == PERSON and not m.title and word.endswith("s") and word[:-1] in ACTOR_PEOPLE_NOUNS:
            m.kind = GROUP  # "Britons" tagged as a person
        if m.kind in (ORG, PLACE) and " " not in word and _names_a_people(word):
            m.kind = GROUP  # "Pakistanis", "Gibraltarians" tagged as bodies or places: a people
    for m in mentions:
        # "Mr Mubanga" tagged a place; "Mubanga" beside "Martin Mubanga" in the same article
        if (
            m.kind != PERSON
            and len(m.text.split()) == 1
            and not canonical_body(m.text)
            and (after_honorific(m) or (fold(m.text) in person_surnames and not is_known_place(m.text)))
        ):
            m.kind = PERSON
    # surnames the article gives a person by an honorific ("Ms Sturgeon")
    addressed_surnames = {
        fold(m.text) for m in mentions if m.kind == PERSON and len(m.text.split()) == 1 and after_honorific(m)
    }
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_text[fold(m.text)].append(m)
    for text, group in by_text.items():
        persons = [m for m in group if m.kind == PERSON]
        if persons and not (len(text.split()) == 1 and text in person_surnames):
            has_person_evidence = any(m.roles or m.title for m in persons)
            place_evidence = (
                is_known_place(text) or text in place_texts or any(_in_place_syntax(doc, m, mentions) for m in persons)
            )
            titled = [m for m in persons if m.title]  # "Baroness Scotland", "Mr Jordan": a person
            if titled:
                for m in persons:
                    m.kind = PERSON if m.title or not is_known_place(text) else PLACE
            elif place_evidence and not (has_person_evidence and not is_known_place(text)):
                for m in persons:
                    m.kind = PLACE
            elif any(_modifies_org_noun(doc, m) for m in persons):
                for m in persons:
                    m.kind = ORG
        for m in group:
            if m.kind == ORG and len(text.split()) == 1 and (text in person_surnames or after_honorific(m)):
                m.kind = PERSON  # "Mr Clarke" tagged ORG in an article about Charles Clarke
            elif (
                m.kind == ORG
                and 1 < len(text.split()) <= 3
                and text.split()[-1] in addressed_surnames
                and all(w[:1].isupper() for w in m.text.split())
                and not canonical_body(m.text)
            ):
                m.kind = PERSON  # "Nicola Sturgeon" tagged ORG in an article that says "Ms Sturgeon"
            elif m.kind == ORG and (0 < place_labels[text] >= org_labels[text] or is_known_place(text)):
                m.kind = PLACE
            elif m.kind == PLACE and m.label == "GPE" and _looks_like_demonym(doc, m, norp_texts):
                m.kind = GROUP
    acronyms = {org_acronym(m.text) for m in mentions if m.kind == ORG} - {""}
    for m in mentions:
        if m.kind in (PLACE, GROUP) and acronym_letters(m.text) in acronyms:
            m.kind = ORG  # "the MoD" beside "the Ministry of Defence": the body's acronym
    _places_named_with_places(doc, mentions)


def _places_named_with_places(doc: Doc, mentions: list[Mention]) -> None:
    """ "Chatham, Kent", "of Tuxford, Nottingham": a name written with a place after a comma, or
    before one, is a place too, unless the article gives it a person's title or role or it opens
    with a first name."""
    by_start = {m.token_start: m for m in mentions}
    by_end = {m.token_end: m for m in mentions}
    surnames = {fold(m.text.split()[-1]) for m in mentions if m.kind == PERSON and len(m.text.split()) > 1}
    placed: set[str] = set()
    for m in mentions:
        if m.kind == PLACE or len(m.text.split()) > 2 or m.text.isupper() or canonical_body(m.text):
            continue
        if fold(m.text) in surnames or doc[m.token_start : m.token_end].root.dep_ in ("nsubj", "nsubjpass"):
            continue  # "In Kyiv, Blinken said": a fronted place, then the subject
        before = by_end.get(m.token_start - 1) if m.token_start > 0 and doc[m.token_start - 1].text == "," else None
        after = by_start.get(m.token_end + 1) if m.token_end < len(doc) and doc[m.token_end].text == "," else None
        if any(other is not None and other.kind == PLACE for other in (before, after)):
            placed.add(fold(m.text))
    for text in placed:
        group = [m for m in mentions if fold(m.text) == text]
        if any(m.title or m.roles for m in group) or first_name_gender(group[0].text.split()[0]):
            continue
        for m in group:
            m.kind = PLACE


def _names_a_people(word: str) -> bool:
    """ "Pakistanis", "Britons", "Gibraltarians": the plural of a nationality or demonym."""
    if not word.endswith("s") or canonical_body(word):
        return False
    singular = word[:-1]
    return (
        word in DEMONYM_FORMS
        or singular in NATIONALITY_ADJECTIVES | DEMONYM_FORMS | ACTOR_PEOPLE_NOUNS
        or word.endswith(("ians", "eans"))
    )


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
        elif mention.token_start >= 2:
            of, title = doc[mention.token_start - 1], doc[mention.token_start - 2]
            if of.lower_ == "of" and title.lower_ in TITLE_WORDS and (len(words) == 1 or words[0] in OFFICE_WORDS):
                mentions.remove(mention)  # "Secretary of State for Culture", "Minister of State"


def _equate_parenthesised(doc: Doc, mentions: list[Mention]) -> None:
    """ "the Liberal Democrats (Lib Dems)", "UK Independence Party (UKIP)": the text says the two
    names are one body."""
    by_start = {m.token_start: m for m in mentions}
    for mention in mentions:
        if mention.kind not in (ORG, GROUP) or mention.token_end + 2 >= len(doc):
            continue
        other = by_start.get(mention.token_end + 1)
        if (
            doc[mention.token_end].text == "("
            and other is not None
            and other.kind in (ORG, GROUP)
            and other.token_end < len(doc)
            and doc[other.token_end].text == ")"
        ):
            other.same_as = mention.same_as or mention.text
            other.kind = mention.kind
