"""Personal names as text: folded for comparison, cleaned of honorifics, and told from other words."""

from __future__ import annotations

from index.addresses import looks_like_address
from index.aliases import normalise_name
from index.lexicon import HONORIFICS, NAME_PARTICLES, POSSESSIVE_ENDING, PRONOUNS, TITLE_WORDS


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation other than inner apostrophes/hyphens dropped."""
    return normalise_name(text)


def clean_name(text: str) -> str:
    """A name as written without a leading honorific or "the", a possessive or edge punctuation."""
    words = text.strip().split()
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    return POSSESSIVE_ENDING.sub("", " ".join(words)).strip(" ,.;:")


def looks_like_name(text: str) -> bool:
    """ "Dmitry Peskov" yes; "he", "the official", "a senior NSC official" no."""
    words = text.strip().split()
    if not words or len(words) > 4 or words[0].lower() in PRONOUNS or words[0].lower() in ("the", "a", "an"):
        return False
    name = clean_name(text).split()
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
