"""Outlet names: a web host made readable, a page's site name tidied, an agency credit read; never a file name.

An article's outlet is the publication that carried it. It comes from what the article states
(a JSON record's source key, a page's og:site_name or JSON-LD publisher, a dateline or byline
credit), from its web address (``data/outlet_hosts.txt`` names well-known hosts; any other host
stands as itself, "example-news.com"), or from the user (``quotedesk index --outlet NAME``).
When none of these names one, the outlet is "" and is shown as UNKNOWN_OUTLET. Where the file
came from says nothing of who published it, so a file name is never an outlet.

The lists are data files inside the package, read once on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlsplit

from index.places import data_lines

UNKNOWN_OUTLET = "unknown outlet"  # how an article with no known outlet is shown (stored as "")

# Host labels that say how a page is served, not whose it is ("www2.", "m.", "amp.").
_SERVING_LABEL = re.compile(r"^(?:www\d*|m|mobile|amp)$")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
# Between a site's name and its tagline: "LinkNaija | Nigeria's popular news platform".
_TAGLINE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]|::|-)\s+")
# Words after an agency's name that make a byline part a staff credit ("AP National Political Writer").
_STAFF_WORDS = frozenset(
    "writer writers correspondent correspondents reporter reporters staff editor editors journalist "
    "journalists bureau contributor desk".split()
)


def outlet_label(outlet: str) -> str:
    """How an outlet is shown: its name, or UNKNOWN_OUTLET for ""."""
    return outlet or UNKNOWN_OUTLET


def known_outlets(outlets: Iterable[str]) -> list[str]:
    """The distinct named outlets among `outlets`, in order ("" left out)."""
    return list(dict.fromkeys(outlet for outlet in outlets if outlet))


# ------------------------------------------------------------------------------ data


def _data_lines(name: str) -> list[list[str]]:
    """The "|"-separated fields of each line of a data file, comment lines left out, each stripped."""
    return [[part.strip() for part in names] for names in data_lines(name)]


@functools.lru_cache(maxsize=1)
def _hosts() -> dict[str, str]:
    """Host -> outlet name, from ``outlet_hosts.txt``."""
    return {host.casefold(): name for host, name in _data_lines("outlet_hosts.txt")}


@functools.lru_cache(maxsize=1)
def _agencies() -> tuple[dict[str, str], dict[str, str]]:
    """(spellings matched as written, spellings matched in any case) -> the agency's name."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for names in _data_lines("agencies.txt"):
        for spelling in names:
            if len(spelling) <= 4:
                exact[spelling] = names[0]
            else:
                folded[spelling.casefold()] = names[0]
    return exact, folded


# ------------------------------------------------------------------------------ hosts


def host_of(url: str) -> str:
    """The host of a web address, lower case, without "www." and the like; "" when it has none.

    "https://www.bbc.co.uk/news/x" -> "bbc.co.uk"; "example.com/a" (no scheme) -> "example.com".
    """
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        if not _HOST.match(url.split("/", 1)[0].casefold()):
            return ""
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    labels = host.casefold().rstrip(".").split(".")
    while len(labels) > 2 and _SERVING_LABEL.match(labels[0]):
        labels = labels[1:]
    host = ".".join(labels)
    return host if _HOST.match(host) else ""


def looks_like_host(name: str) -> bool:
    """A name that is a web host ("livescience.com"), not a site's name."""
    return bool(_HOST.match(name.strip().casefold()))


def known_host_outlet(host: str, *, exact: bool = False) -> str:
    """The name ``outlet_hosts.txt`` gives `host` or, unless `exact`, its nearest listed parent; else ""."""
    hosts = _hosts()
    labels = host.casefold().split(".")
    for start in range(0, 1 if exact else len(labels) - 1):
        name = hosts.get(".".join(labels[start:]))
        if name:
            return name
    return ""


def host_outlet(host: str) -> str:
    """A host's outlet: its listed name, else the host itself ("example-news.com"); "" for no host."""
    return known_host_outlet(host) or host


# ---------------------------------------------------------------------------- site names


def site_name_outlet(name: str, host: str = "") -> str:
    """The outlet a stated site name gives (`host`: the page's own host), tidied; "" when it names none.

    Twitter handles lose their "@"; a web address names nothing (a Facebook page as
    ``article:publisher``); a tagline after "|", "-" and the like goes (the part that names
    the host's domain stays). A bare host in lower case ("livescience.com", what extractors
    fall back to) and a subdomain's label written as a plain word ("Hosted" for hosted.ap.org)
    name no site: they give the host's listed name, else "" (the host itself is the last
    resort of `ingest`, after a name the user gives). A host as the site writes it
    ("SpaceNews.com") and a brand ("ProFootballTalk") stay. A short domain label written as a
    word ("Nj" for nj.com) is an acronym.
    """
    name = " ".join((name or "").split()).lstrip("@").strip()
    if not name or re.match(r"^(?:https?:|www\.)", name, re.IGNORECASE) or "/" in name:
        return ""
    domain, subdomains = _domain_labels(host)
    parts = [part for part in _TAGLINE_SEPARATOR.split(name) if part.strip()]
    if len(parts) > 1:
        name = next((part for part in parts if domain and domain in _squash(part)), parts[0])
    if looks_like_host(name):
        return known_host_outlet(host_of(name)) or ("" if name.islower() else name)
    squashed = _squash(name)
    if squashed in subdomains and name.isalpha() and name[1:].islower():
        return known_host_outlet(host)
    if squashed == domain and len(name) <= 3 and name.isalpha() and not name.isupper():
        return name.upper()
    return name


def domain_label(host: str) -> str:
    """The label of a host that names its site: "zdnet.com" -> "zdnet", "www.bbc.co.uk" -> "bbc"; "" for no host."""
    return _domain_labels(host)[0]


def _domain_labels(host: str) -> tuple[str, list[str]]:
    """The label that names a host's domain, and the labels of its subdomains.

    "hosted.ap.org" -> ("ap", ["hosted"]); "www.express.co.uk" -> ("express", ["www"]).
    """
    labels = host.casefold().split(".") if host else []
    if len(labels) < 2:
        return "", []
    suffix = 2 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 1
    return labels[-suffix - 1], labels[: -suffix - 1]


# Second-level labels under country domains that are not a site's name ("co" in "bbc.co.uk").
_SECOND_LEVEL = frozenset("co com org net ac gov edu or ne go gen nic".split())


def _squash(text: str) -> str:
    """Lower-case letters and digits only: "Link Naija" -> "linknaija"."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


# ------------------------------------------------------------------------------ agencies


def agency_name(text: str, *, any_case: bool = False) -> str:
    """The agency `text` names as a whole ("AP", "the Associated Press", "Reuters"), else "".

    Short spellings match only as written ("AP", not "ap"), unless `any_case` (in a staff
    credit, "Ap Auto Writer", the context already says it is the agency).
    """
    text = " ".join(text.split()).strip(" .,;:()")
    exact, folded = _agencies()
    named = exact.get(text) or folded.get(text.casefold(), "")
    if not named and any_case:
        named = next((name for spelling, name in exact.items() if spelling.casefold() == text.casefold()), "")
    return named


def byline_agency(byline: str) -> str:
    """The news agency a byline credits, else "".

    "By Jane Doe, Reuters", "Jane Doe | AFP", "STEVE PEOPLES; AP National Political Writer",
    "By The Associated Press", "DANICA KIRKA Associated Press". A person's name alone credits
    nothing.
    """
    text = re.sub(r"^\s*(?:by|from)\s+", "", byline or "", flags=re.IGNORECASE)
    for part in re.split(r"\s*(?:[,;|/()\[\]—–]|\s-\s|\band\b|\bfor\b|\bof\b)\s*", text):
        part = re.sub(r"^(?:by|from)\s+", "", part.strip(), flags=re.IGNORECASE)
        if not part:
            continue
        named = agency_name(part)
        if named:
            return named
        words = part.split()
        # "AP National Political Writer", "Reuters staff": an agency's name, then a staff title.
        if len(words) > 1 and words[-1].casefold() in _STAFF_WORDS:
            for size in range(len(words) - 1, 0, -1):
                named = agency_name(" ".join(words[:size]), any_case=True)
                if named:
                    return named
        # "DANICA KIRKA Associated Press": a name run into an agency's name of two words or more.
        for size in range(2, min(4, len(words) - 1) + 1):
            named = agency_name(" ".join(words[-size:]))
            if named:
                return named
    return ""


# ------------------------------------------------------------------------------ files


def is_file_name(outlet: str, file_path: str) -> bool:
    """Whether `outlet` is the name of the article's file (what older versions stored as its outlet)."""
    return bool(outlet) and outlet == PurePath(file_path).name
