"""Well-known names of one body ("Tories", "Conservatives", "Conservative Party"), as data.

The equivalents are ``data/bodies.txt`` inside the package, read once on first use: each line
names one body, the first name is the one shown. A listed name is always an organisation.
"""

from __future__ import annotations

import functools

from index.aliases import normalise_name
from index.places import data_lines, data_text


@functools.lru_cache(maxsize=1)
def bodies() -> dict[str, str]:
    """Folded name -> the name shown for its body, for every name in ``bodies.txt``."""
    table: dict[str, str] = {}
    for names in data_lines("bodies.txt"):
        for name in names:
            table.setdefault(normalise_name(name), names[0])
    return table


@functools.lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    """The shown names of the political parties in ``bodies.txt``: the bodies listed under a
    heading that names parties ("# UK parties")."""
    found = set()
    in_parties = False
    for line in data_text("bodies.txt").splitlines():
        if line.startswith("#"):
            in_parties = line.lower().rstrip().endswith("parties")
        elif line.strip() and not line.startswith("#") and in_parties:
            found.add(line.split("|")[0])
    return frozenset(found)


def canonical_body(name: str) -> str | None:
    """The name shown for a well-known body ("Lib Dems" -> "Liberal Democrats"), else None."""
    return bodies().get(normalise_name(name))


def body_key(name: str) -> str:
    """The folded shown name of a well-known body, else the folded name itself."""
    canonical = canonical_body(name)
    return normalise_name(canonical if canonical else name)
