"""Text that is never a name: web and e-mail addresses, handles and file names.

A site name ("Amazon.com") is the one address that may stand for an organisation, never for a
person or a place; the rest are no actor at all and never speak.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.document import doc_text
from index.lexicon import FILE_EXTENSIONS, POSSESSIVE_ENDING

if TYPE_CHECKING:
    from spacy.tokens import Doc

URL, EMAIL, HANDLE, FILE_NAME, DOMAIN = "url", "email", "handle", "file", "domain"
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = re.compile(r"[@#][^\W\d]\w*")
# A host name: labels of letters, digits and hyphens, ending in a lowercase top-level domain
# ("Amazon.com", "bbc.co.uk"); "U.S." and "Mr.Putin" are not hosts.
_HOST = re.compile(r"(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[a-z]{2,6}")
_ADDRESS_CANDIDATE = re.compile(r"\S*[.@/#:]\S*")
_EDGE_MARKS = "\"'“”‘’«»()[]{}<>.,;:!?*"

AddressSpan = tuple[int, int, str]  # (start, end, kind)


def address_kind(word: str) -> str:
    """What a whitespace-free word is when it is no name: URL, EMAIL, HANDLE, FILE_NAME,
    DOMAIN ("Amazon.com": a site, which may be an organisation but never a person), or ''."""
    word = POSSESSIVE_ENDING.sub("", word.strip(_EDGE_MARKS)).strip(_EDGE_MARKS)
    if not word:
        return ""
    if _SCHEME.match(word) or word.lower().startswith("www."):
        return URL
    if _EMAIL.fullmatch(word):
        return EMAIL
    if _HANDLE.fullmatch(word):
        return HANDLE
    if "/" in word and _HOST.fullmatch(word.split("/", 1)[0]):
        return URL
    stem, dot, extension = word.rpartition(".")
    if dot and extension.lower() in FILE_EXTENSIONS and any(c.isalpha() for c in stem) and "/" not in word:
        return FILE_NAME
    if _HOST.fullmatch(word):
        return DOMAIN
    return ""


def address_spans(text: str) -> list[AddressSpan]:
    """(start, end, kind) of every address-like word in `text`, edge punctuation excluded."""
    found = []
    for match in _ADDRESS_CANDIDATE.finditer(text):
        kind = address_kind(match.group())
        if not kind:
            continue
        start, end = match.span()
        while start < end and text[start] in _EDGE_MARKS:
            start += 1
        core = POSSESSIVE_ENDING.sub("", text[start:end].rstrip(_EDGE_MARKS)).rstrip(_EDGE_MARKS)
        found.append((start, start + len(core), kind))
    return found


def doc_address_spans(doc: Doc) -> list[AddressSpan]:
    """`address_spans` of the doc's text, found once per doc: actors, rules and quotes all ask."""
    spans: list[AddressSpan] | None = doc.user_data.get("quotedesk_addresses")
    if spans is None:
        spans = doc.user_data["quotedesk_addresses"] = address_spans(doc_text(doc))
    return spans


def spans_overlapping(spans: Sequence[AddressSpan], start: int, end: int) -> list[AddressSpan]:
    """The address spans (sorted by start, as `address_spans` gives them) that overlap [start, end)."""
    first = max(0, bisect.bisect_right([span[0] for span in spans], start) - 1)
    hits = []
    for span in spans[first:]:
        if span[0] >= end:
            break
        if start < span[1]:
            hits.append(span)
    return hits


def looks_like_address(text: str) -> bool:
    """Whether any word of `text` is a web or e-mail address, a handle or a file name."""
    return any(address_kind(word) for word in text.split())
