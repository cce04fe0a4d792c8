"""The roles an article gives a person: a title run before the name, an apposition after it.

"Pentagon press secretary John Kirby" · "John Kirby, the U.S. National Security Council
coordinator for strategic communications": a role is kept when it holds a word that alone
marks one (`ROLE_HEADS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.actors.mentions import Mention
from index.lexicon import (
    HONORIFICS,
    OFFICE_WORDS,
    PEERAGE_TITLES,
    POSSESSIVE_MARKS,
    RANK_TITLES,
    ROLE_HEADS,
    TITLE_WORDS,
)
from index.places import is_known_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def roles_for(doc: Doc, mention: Mention) -> list[str]:
    """The roles the text gives a person mention: a title run before it, and appositions after it."""
    roles = []
    before = _role_before(doc, mention.token_start)
    if before:
        roles.append(before)
    roles.extend(_appositive_roles(doc, mention))
    return roles


def is_title_or_place_token(token: Token) -> bool:
    """A title word, an honorific or rank, a known place, or the "of" of a title ("Secretary of State")."""
    word = token.lower_.rstrip(".")
    return (
        word in TITLE_WORDS
        or word in HONORIFICS
        or word in RANK_TITLES
        or is_known_place(token.text)
        or token.lower_ == "of"
    )


def _role_before(doc: Doc, token_start: int) -> str:
    """A title run just before a name: "Pentagon press secretary", "US Secretary of State"."""
    i = token_start - 1
    if i >= 0 and (doc[i].lower_.rstrip(".") in HONORIFICS or doc[i].lower_ in PEERAGE_TITLES):
        i -= 1
    end = i + 1
    first = end
    while i >= 0:
        token = doc[i]
        word = token.lower_.rstrip(".")
        if token.is_space or (token.is_punct and token.text not in ("'s", "’s")):
            break
        if token.ent_type_ == "PERSON" and not is_title_or_place_token(token):
            break  # another person's name
        after = doc[i + 1] if i + 1 < len(doc) else None
        if token.is_lower and after is not None and after.lower_ in ("of", "for", "and") and word not in ROLE_HEADS:
            break  # ("in the shadow of President Bush": a modifier before "of" is no title's)
        if word in TITLE_WORDS or token.text in POSSESSIVE_MARKS:
            first = i
        elif word in OFFICE_WORDS and token.is_lower and after is not None and after.is_lower and i + 1 == first:
            first = i  # a field right before a lower-case title word: "shadow home secretary", "health minister"
        elif word in ("of", "for", "and") and first < end:
            pass  # kept only if a capitalised or title word precedes it
        elif token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN"):
            first = i
        else:
            break
        i -= 1
    words = doc[first:end]
    while len(words) and (words[0].lower_ in ("of", "for", "and") or words[0].lower_ in POSSESSIVE_MARKS):
        words = words[1:]
    if not any(t.lower_.rstrip(".") in ROLE_HEADS for t in words):
        return ""
    return words.text


def _appositive_roles(doc: Doc, mention: Mention) -> list[str]:
    """ "John Kirby, the U.S. National Security Council coordinator for strategic communications"."""
    root = doc[mention.token_start : mention.token_end].root
    roles = []
    for child in root.children:
        if child.dep_ != "appos" or child.i < mention.token_end or child.ent_type_ == "PERSON":
            continue
        skip: set[int] = set()
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
