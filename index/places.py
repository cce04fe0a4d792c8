"""The place gazetteer: whether a name is a known place, and one key for a place's spellings.

The names are data files inside the package (``data/places.txt``, ``data/place_variants.txt``),
read once on first use.
"""

from __future__ import annotations

import functools
from importlib import resources

from index.aliases import normalise_name


def data_text(name: str) -> str:
    """The text of a data file inside the package (``index/data/NAME``)."""
    return resources.files("index").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[list[str]]:
    """The "|"-separated names on each line of a data file, comment lines left out."""
    return [line.split("|") for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Folded name -> the spelling as listed, for every place in ``places.txt``."""
    table: dict[str, str] = {}
    for names in data_lines("places.txt"):
        for name in names:
            table.setdefault(normalise_name(name), name)
    return table


@functools.lru_cache(maxsize=1)
def place_variants() -> dict[str, str]:
    """Folded spelling -> the canonical spelling of its place, for every variant group."""
    return {normalise_name(variant): group[0] for group in data_lines("place_variants.txt") for variant in group}


def canonical_place(name: str) -> str | None:
    """The canonical spelling of a place with spelling variants ("Kiev" -> "Kyiv"), else None."""
    return place_variants().get(normalise_name(name))


def place_key(name: str) -> str:
    """The folded canonical spelling of a place name ("Kiev" and "Kyiv" give the same key)."""
    folded = normalise_name(name)
    canonical = place_variants().get(folded)
    return normalise_name(canonical) if canonical else folded


def is_known_place(name: str) -> bool:
    folded = normalise_name(name)
    return folded in gazetteer() or folded in place_variants()
