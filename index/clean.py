"""Scraped-text cleanup: turn a page's text into headline, body paragraphs and metadata.

Scraped news text carries site chrome around the article: section labels above
the headline, "Published" lines, "Advertisement" slots, comment forms, footers,
teaser lists of other stories, author sign-offs. The rules here are general —
phrase patterns widely seen on news sites plus structural rules about position
(before the headline, after the last article sentence) and shape (short lines
without sentence punctuation, "-"-separated item lists) — and they never drop a
sentence in the middle of the article.

Date choice: numeric dates written with "/" are read month/day/year (US order)
unless the first number cannot be a month; dates written with "." or "-" in
day-first position (04.07.2022) are read day/month/year.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from index.outlets import (
    agency_name,
    byline_agency,
    domain_label,
    host_of,
    known_host_outlet,
    looks_like_host,
    site_name_outlet,
)
from index.sources import sanitize_text


@dataclass
class CleanArticle:
    title: str
    paragraphs: list[str] = field(default_factory=list)  # body the user reads; stripped, none empty
    outlet: str = ""  # "" when nothing names one (see index/outlets.py)
    byline: str = ""
    date: str = ""  # ISO YYYY-MM-DD where the text gives one
    category: str = ""
    url: str = ""
    host: str = ""  # the web host the article came from ("bbc.co.uk"), for an outlet of last resort


# ------------------------------------------------------------------ vocabularies


def _phrases(*items: str) -> frozenset[str]:
    return frozenset(_key(item) for item in items)


def _key(line: str) -> str:
    """A line reduced for vocabulary lookup: lowercase letters, digits and single spaces."""
    return " ".join(re.sub(r"[^\w]+", " ", line.casefold()).split())


# Whole lines that are page furniture wherever they appear.
_FURNITURE = _phrases(
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "scroll to continue with content",
    "skip to content",
    "skip to main content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "print",
    "email",
    "e mail",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "telegram",
    "pinterest",
    "reddit",
    "copy link",
    "comments",
    "comment",
    "0 comments",
    "view comments",
    "show comments",
    "loading",
    "loading comments",
    "click to expand",
    "read more",
    "read full article",
    "see more",
    "show more",
    "load more",
    "also read",
    "read also",
    "see also",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related content",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "more stories",
    "more from",
    "more news",
    "most read",
    "most popular",
    "popular",
    "popular posts",
    "trending",
    "trending now",
    "latest",
    "latest news",
    "top stories",
    "editor s picks",
    "follow us",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register",
    "newsletter",
    "back to top",
    "back to top button",
    "go to top",
    "top",
    "exit mobile version",
    "leave a reply",
    "leave a comment",
    "leave a review",
    "cancel reply",
    "post comment",
    "submit",
    "reply",
    "report",
    "listen",
    "listen to article",
    "listen to this article",
    "watch",
    "video",
    "photo",
    "photos",
    "image",
    "gallery",
    "tags",
    "topics",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "previous",
    "next",
    "close",
    "menu",
    "search",
    "home",
    "view all",
    "all rights reserved",
)

# "Follow us on …", "Follow Pam Key on Twitter @pamkeyNEN": a line that asks the reader to follow someone.
_FOLLOW = (
    r"follow us (?:on|@)|"
    r"follow (?:[\w@.'’-]+ ){1,4}on (?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|snapchat|threads)\b"
)
_FOLLOW_LINE = re.compile(_FOLLOW, re.IGNORECASE)

# Line openings that mark furniture (comment forms, cookie and subscription
# prompts, copyright lines, photo credits). Matched against the start of a
# line that is short enough to be furniture rather than prose.
_FURNITURE_OPENINGS = re.compile(
    r"^(?:"
    r"your email address will not be published|required fields are marked|"
    r"this site uses akismet|save my name,? email|notify me of (?:follow-up|new) |"
    r"you must be logged in to post|comments are closed|be the first to comment|"
    r"(?:we|this (?:web)?site) uses? cookies|by (?:continuing|using) (?:to (?:use|browse) )?this (?:web)?site|"
    r"accept (?:all )?cookies|cookie (?:policy|settings)|privacy policy|terms (?:of (?:use|service)|and conditions)|"
    r"subscribe (?:to|for|now)|sign up (?:for|to)|get (?:our|the) (?:free )?newsletter|"
    r"like us on facebook|" + _FOLLOW + "|"
    r"join (?:us|our) (?:on|telegram|whatsapp)|"
    r"click here to|tap here to|download (?:our|the) app|"
    r"(?:copyright|\(c\)|©)\s|all rights reserved|"
    r"(?:read more|also read|read also|see also|see more|read next|also|related|more|watch|listen)\s*[:>»|-]|"
    r"get (?:the|our) latest [^.]{0,60}\binbox\b|"
    r"(?:reading time|lesezeit|tempo de leitura|tiempo de lectura|temps de lecture)\s*:|\d+\s*min(?:ute)?s? read\b|"
    r"(?:photo|image|picture|video|source|credit)s?\s*(?:credit)?\s*[:©]|"
    r"(?:photo|image|picture)s? (?:by|from|courtesy)|"
    r"share (?:this|on|via)|posted in\b|filed under\b"
    r")",
    re.IGNORECASE,
)

# A site's shortcode the page failed to render: "[button link=... ]Send us your review[/button]".
_SHORTCODE = re.compile(r"^\[(?P<name>[a-z_]+)\s+[a-z_]+\s*=[^\]]*\].*\[/(?P=name)\]$", re.IGNORECASE)
# A photo credit under a picture: "installation views, photos © Studio, 2018" (a caption that
# only describes the picture, "Cover image: the festival at night", is the article's).
_CREDIT = re.compile(r"©|\(c\)\s|\b(?:photo|image|picture)s?\s+(?:by|courtesy of)\s", re.IGNORECASE)

# Furniture that ends the article: everything after it is page tail.
_TAIL_MARKERS = _phrases(
    "leave a reply",
    "leave a comment",
    "leave a review",
    "comments",
    "0 comments",
    "post comment",
    "back to top",
    "back to top button",
    "go to top",
    "exit mobile version",
    "trending",
    "trending now",
    "you may also like",
    "you might also like",
    "more stories",
    "most read",
    "most popular",
    "popular posts",
    "related articles",
    "related posts",
    "related stories",
    "recommended for you",
    "more from",
    "more news",
    "latest news",
    "top stories",
    "editor s picks",
    "previous article",
    "next article",
    "previous post",
    "next post",
)
_TAIL_OPENINGS = re.compile(
    r"^(?:your email address will not be published|this site uses akismet|"
    r"you must be logged in to post|comments are closed|be the first to comment|"
    r"(?:copyright|©)\s|all rights reserved)",
    re.IGNORECASE,
)

# Labels of metadata fields; the label line goes, and a list under
# a category-like label goes with it.
_META_LABELS = _phrases(
    "description",
    "summary",
    "category",
    "categories",
    "section",
    "tags",
    "topics",
    "keywords",
    "filed under",
    "date",
    "date created",
    "date published",
    "date modified",
    "published",
    "published on",
    "updated",
    "last updated",
    "posted",
    "posted on",
    "on",
    "by",
    "author",
    "authors",
    "written by",
    "source",
    "sources",
    "share",
    "reading time",
    "min read",
)
_LIST_LABELS = _phrases("category", "categories", "section", "tags", "topics", "keywords", "filed under")

# Words that make a short line a section label rather than a person's name.
_SECTION_WORDS = frozenset(
    "news world politics business economy sport sports tech technology science health opinion "
    "editorial analysis culture entertainment lifestyle travel video videos local national "
    "international breaking latest live home main region regions europe asia africa americas "
    "us uk middle east society".split()
)

_NUMBER_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_OPERAND = rf"(?:\d+|(?:{_NUMBER_WORDS})(?:[ -](?:{_NUMBER_WORDS}))?|_+|\.\.\.|…|\?)"
# Anti-spam arithmetic of comment forms: "four − 4 =", "3 + five = ?".
_CAPTCHA = re.compile(rf"^\s*{_OPERAND}\s*[-+−–×x*/÷]\s*{_OPERAND}\s*=\s*{_OPERAND}?\s*\.?\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s\-–—_=~*•·|#+.]+$")  # "-", "* * *", "———", "•"
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-–•*·▪►])\s+\S")
_BYLINE_LINE = re.compile(r"^(?:by|written by|words by|author:?|reporting by)\s+(.{2,80})$", re.IGNORECASE)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<year>\d{4})\b"),  # US order (see module doc)
    re.compile(r"\b(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<year>\d{4})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
]
_DATE_WORDS = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?\b|\b(?:am|pm|gmt|utc|est|edt|"
    r"bst|cet|ist|[pcme][sd]t|at|on|published|updated|posted|date|created|modified|last|by|\d{1,2}:\d{2}(?::\d{2})?)\b",
    re.IGNORECASE,
)

_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"”’'»)\]」』]*$|[\"”’»」』]$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$")  # "D.C.", "J." — not a sentence end
# A CJK character counts as a word: those scripts do not put spaces between words.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+(?:['’]\w+)*")


# ------------------------------------------------------------------- line shapes


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _ABBREVIATION_END.search(line)


def _is_prose(line: str) -> bool:
    """A paragraph of running article text (not a headline, label or list item)."""
    words = _words(line)
    return words >= 40 or (words >= 8 and _ends_sentence(line))


# Whole lines of furniture with a variable part: "Most read in world news", "Updated at 1:23 p.m.".
_FURNITURE_LINE = re.compile(
    r"^(?:most (?:read|popular|viewed|shared)(?: (?:in|on|from) [\w ]{1,30})?|"
    r"(?:updated|posted|published)(?: at| on)? \d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [A-Z]{2,4})?)\.?$",
    re.IGNORECASE,
)


_QUOTE_MARKS = "\"“”'‘’«»"


def _is_furniture(line: str) -> bool:
    key = _key(line)
    if not key:
        return not _SEPARATOR.match(line) and not any(ch.isalnum() for ch in line)
    if key in _FURNITURE or _CAPTCHA.match(line) or _SHORTCODE.match(line) or _FURNITURE_LINE.match(line):
        return True
    if _words(line) <= 20 and _CREDIT.search(line) and not _ends_sentence(line):
        return True
    opening = line.lstrip("*_#>•-– ")
    if _words(line) > 30:
        return False
    if opening and opening[0] in _QUOTE_MARKS and line.rstrip()[-1:] in _QUOTE_MARKS:
        # a line wholly in quote marks is someone's words, unless it asks the reader to follow
        # someone: a transcript's footer taken inside its closing mark ('"Follow Pam Key on Twitter …"')
        return bool(_FOLLOW_LINE.match(opening.lstrip(_QUOTE_MARKS)))
    return bool(_FURNITURE_OPENINGS.match(opening))


def _is_tail_marker(line: str) -> bool:
    return _key(line) in _TAIL_MARKERS or bool(_TAIL_OPENINGS.match(line)) or bool(_CAPTCHA.match(line))


def _is_label(line: str) -> bool:
    """A short line with no sentence punctuation: a section name, a field label."""
    return _words(line) <= 4 and not _ends_sentence(line) or _key(line) in _META_LABELS


def _parse_date(text: str) -> str:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = _MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["m"])
            day, year = int(parts["d"]), int(parts["year"])
            if month > 12 and day <= 12:  # "25/12/2022": the first number cannot be a month
                month, day = day, month
            try:
                return _dt.date(year, month, day).isoformat()
            except ValueError:
                continue
    return ""


def _date_line(line: str) -> str:
    """The ISO date of a line that is only a date (with labels, weekday, time), else ""."""
    if _words(line) > 12:
        return ""
    date = _parse_date(line)
    if not date:
        return ""
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return date if _words(rest) <= 2 else ""


def _is_foreign(line: str, document_non_ascii: float) -> bool:
    """A line in another script/language than a mostly-ASCII document (a photo credit in Azerbaijani)."""
    letters = [ch for ch in line if ch.isalpha()]
    if not letters or document_non_ascii > 0.05:
        return False
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) > 0.08


def _is_person_name(line: str) -> bool:
    tokens = line.replace(",", " ").split()
    if not 2 <= len(tokens) <= 4:
        return False
    for token in tokens:
        if token.casefold() in _SECTION_WORDS or token.casefold() in {"and", "of", "the"}:
            return False
        if not re.fullmatch(r"[A-Z][\w'’.-]*", token) or any(ch.isdigit() for ch in token):
            return False
    return True


# ---------------------------------------------------------------- markup cleanup

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_MD_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$>|~\"'])")
# In plain text a backslash is text ("\\[escaped]", C:\\path); only "\\$" of scraped Markdown is undone.
_TXT_ESCAPE = re.compile(r"\\(\$)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")


def _unmark(line: str, fmt: str) -> str:
    """Drop light markdown (headings, emphasis, links, escapes) but keep its text.

    Applied to plain text too: scraped .txt files often carry markdown ("\\$7",
    '*"push"*').
    """
    heading = _MD_HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _MD_QUOTE.sub("", line) if fmt == "md" else line
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_EMPHASIS_STAR.sub(r"\1", line)
    if fmt == "md":
        line = _MD_EMPHASIS_UNDERSCORE.sub(r"\1", line)
        line = _MD_CODE.sub(r"\1", line)
    return (_MD_ESCAPE if fmt == "md" else _TXT_ESCAPE).sub(r"\1", line)


# ------------------------------------------------------------- paragraph units


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """A block whose lines were wrapped at a fixed width, to be joined into one paragraph."""
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines):
        return False
    longest = max(len(line) for line in lines)
    if longest > 100 or longest < 40:
        return False
    return all(len(line) >= 0.6 * longest for line in lines[:-1]) and not any(_is_furniture(line) for line in lines)


def _units(text: str, fmt: str) -> list[str]:
    """Split text into paragraph candidates: blank-line blocks, or single lines."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    units: list[str] = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if fmt != "html" and _looks_hard_wrapped(lines):
            lines = [" ".join(lines)]
        units.extend(lines)
    if fmt in ("txt", "md", "json"):
        units = [" ".join(_unmark(unit, fmt).split()) for unit in units]
    return [unit for unit in units if unit]


# --------------------------------------------------------------------- cleaning


@dataclass
class _Found:
    """Metadata guessed from the chrome around the article."""

    title: str = ""
    outlet: str = ""
    byline: str = ""
    date: str = ""
    category: str = ""


def _drop_metadata_blocks(units: list[str], found: _Found) -> list[str]:
    """Remove "Category" + list, "Date Created" + date and similar label blocks, keeping what they say."""
    kept: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        key = _key(unit)
        if key in _LIST_LABELS:
            index += 1
            items = []
            while index < len(units) and (_LIST_ITEM.match(units[index]) or _is_label(units[index])):
                if _is_prose(units[index]) or _key(units[index]) in _META_LABELS:
                    break
                items.append(re.sub(r"^(?:\d{1,2}[.)]|[-–•*·▪►])\s+", "", units[index]).rstrip(". "))
                index += 1
            if items and not found.category:
                found.category = ", ".join(items)  # the index splits categories at commas
            continue
        if key in _META_LABELS and index + 1 < len(units) and _date_line(units[index + 1]):
            found.date = found.date or _date_line(units[index + 1])
            index += 2
            continue
        kept.append(unit)
        index += 1
    return kept


# Teasers of other stories set inside or after the article. An ALL-CAPS label that points
# away ("SEE MORE: Protests spread", "READ MORE - ..."); an ALL-CAPS tag closing a headline
# ("China furious at Macron [INSIGHT]", "[VIDEO]"); a heading over a box of them ("DON'T MISS").
_TEASER_LABEL = re.compile(
    r"^(?:SEE|READ|WATCH|LISTEN|MORE|RELATED|ALSO|DON['’]T MISS|MUST READ|RECOMMENDED|TRENDING|LATEST|"
    r"UP NEXT|PICTURED|PICTURES|PHOTOS|VIDEO|REVEALED|INSIGHT)(?: [A-Z'’]+){0,3}\s*(?::|\s[|>»–-])\s*\S"
)
_TEASER_TAG = re.compile(r"\[[A-Z]{3,}(?: [A-Z]{2,})?\]\s*\|?\s*$")
_TEASER_HEADINGS = _phrases(
    "don t miss",
    "must read",
    "more on this",
    "more on this story",
    "read next",
    "up next",
    "in other news",
    "you may have missed",
    "related coverage",
    "related reading",
    "further reading",
)
_NEWSLETTER_HEADING = re.compile(r"^[\w'’&+. -]{0,40}\bnewsletters?$", re.IGNORECASE)
_NEWSLETTER_PITCH = re.compile(r"^(?:get|sign up|subscribe|receive|join|stay|keep|delivered)\b", re.IGNORECASE)


def _is_teaser(line: str) -> bool:
    """A line that points to another story: an ALL-CAPS label or tag on a short headline."""
    if _words(line) > 25:
        return False
    return bool(_TEASER_LABEL.match(line) or _TEASER_TAG.search(line)) or _key(line) in _TEASER_HEADINGS


def _is_headline(line: str) -> bool:
    """A line shaped like a teaser headline: a "Series | Headline" or one closed by an ALL-CAPS tag."""
    if not 3 <= _words(line) <= 25 or line.lstrip().startswith("|") or _LIST_ITEM.match(line):
        return False
    return bool(_TEASER_TAG.search(line)) or (" | " in line and not _ends_sentence(line))


def _drop_teasers(units: list[str]) -> list[str]:
    """Leave out teasers of other stories within and after the article's text.

    A teaser line (see `_is_teaser`); a newsletter box ("Pick Six Newsletter" and the pitch
    under it); and a run of three headlines or more in a row (`_is_headline`) with the short
    heading over it: a box of other stories. Lines in title case alone are not enough: tour
    dates, award lists and the article's own subheadings look the same.
    """
    drop: set[int] = set()
    for index, unit in enumerate(units):
        if _is_teaser(unit):
            drop.add(index)
        elif _NEWSLETTER_HEADING.match(unit) and _words(unit) <= 5:
            drop.add(index)
            following = units[index + 1] if index + 1 < len(units) else ""
            if _words(following) <= 30 and _NEWSLETTER_PITCH.match(following):
                drop.add(index + 1)
    index = 0
    while index < len(units):
        end = index
        while end < len(units) and (end in drop or _is_headline(units[end])):
            end += 1
        if sum(1 for i in range(index, end) if i not in drop) >= 3:
            start = index - 1 if index > 0 and _is_label(units[index - 1]) else index
            drop.update(range(start, end))
        index = end + 1 if end > index else index + 1
    return [unit for index, unit in enumerate(units) if index not in drop]


def _cut_teaser_list(units: list[str]) -> list[str]:
    """Cut a trailing list of other stories: single items separated by "-" lines."""
    separators = [i for i, unit in enumerate(units) if _SEPARATOR.match(unit)]
    for start in separators:
        following = [i for i in separators if i >= start]
        if len(following) < 2:
            break
        bounds = following + [len(units)]
        segments = [units[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        # every segment one item (a trailing tail-marker segment may hold furniture)
        if all(len([u for u in seg if not _is_furniture(u)]) <= 1 for seg in segments):
            return units[:start]
    return units


def _cut_tail(units: list[str], first_prose: int) -> list[str]:
    """Cut at the first comment-form/footer marker after the article has begun."""
    prose_chars = [len(unit) if _is_prose(unit) else 0 for unit in units]
    for index in range(first_prose + 1, len(units)):
        if _is_tail_marker(units[index]):
            before, after = sum(prose_chars[:index]), sum(prose_chars[index + 1 :])
            if after < before:  # a marker in mid-article (a "Trending" box) must not eat the rest
                return units[:index]
    return units


def clean_article(
    text: str, *, fmt: str = "txt", meta: Mapping[str, str] | None = None, path: str = ""
) -> CleanArticle:
    """Clean scraped article text into headline, body paragraphs and metadata.

    `meta` values (from JSON keys or HTML metadata) win over what is guessed
    from the text. `path` names the source in nothing but error context and
    may be "".
    """
    meta = {key: " ".join(str(value).split()) for key, value in (meta or {}).items() if value}
    text = sanitize_text(text or "")
    units = _units(text, fmt)
    found = _Found()
    letters = [ch for ch in text if ch.isalpha()]
    non_ascii = sum(1 for ch in letters if ord(ch) > 127) / len(letters) if letters else 0.0

    units = _drop_metadata_blocks(units, found)
    url = meta.get("url", "")
    stated = meta.get("outlet") or meta.get("source") or meta.get("sitename") or ""
    host = host_of(url) or (host_of(stated) if looks_like_host(stated) else "")
    site_names = [stated, meta.get("sitename", ""), meta.get("source", ""), host, domain_label(host)]
    meta_title, title_site = split_site_name(meta.get("title", ""), site_names)
    if meta_title:
        # the page text often repeats the title (with or without the site's name) as its first line
        titles = {_key(meta_title), _key(meta.get("title", ""))}
        units = [u for i, u in enumerate(units) if not (i < 3 and _key(u) in titles)]

    first_prose = next((i for i, unit in enumerate(units) if _is_prose(unit)), len(units))
    title_index = -1 if meta_title else _choose_title(units[:first_prose], non_ascii)
    if title_index >= 0:
        found.title = units[title_index]

    body: list[str] = []
    head_labels: list[str] = []
    for index, unit in enumerate(units[:first_prose]):
        if index == title_index:
            continue
        byline = _BYLINE_LINE.match(unit)
        date = _date_line(unit)
        if date:
            found.date = found.date or date
        elif byline and _words(byline.group(1)) <= 8:
            found.byline = found.byline or byline.group(1).strip(" ,|")
        elif (
            _is_furniture(unit) or _is_foreign(unit, non_ascii) or _SEPARATOR.match(unit) or _key(unit) in _META_LABELS
        ):
            continue
        elif index < title_index or _is_section_label(unit):
            head_labels.append(unit)
        else:
            body.append(unit)  # a standfirst or a lead sentence

    rest = _drop_teasers(units[first_prose:])
    rest = _cut_teaser_list(rest)
    rest = _cut_tail(rest, 0)
    # The end of the article is its last sentence; what follows is sign-off and
    # chrome. A long run of items there is a list that belongs to the article.
    run_start = len(rest)
    while run_start > 0:
        last = rest[run_start - 1]
        chrome = _is_furniture(last) or bool(_date_line(last)) or _is_foreign(last, non_ascii)
        is_prose = not chrome and (_ends_sentence(last) or _words(last) >= 12)
        if is_prose and not (_LIST_ITEM.match(last) and _words(last) <= 6):
            break
        run_start -= 1
    run = rest[run_start:]
    labels = [u for u in run if not (_is_furniture(u) or _date_line(u) or _SEPARATOR.match(u))]
    # a sign-off is a name, a place, a section: a few short lines without figures
    sign_off = len(labels) <= 3 and all(_words(u) <= 5 and not re.search(r"\d", u) for u in labels)
    tail_labels = labels if sign_off else []
    for unit in run:
        found.date = _date_line(unit) or found.date
    rest = rest[:run_start] + ([] if sign_off else run)
    body.extend(unit for unit in rest if not (_is_furniture(unit) or _SEPARATOR.match(unit) or _date_line(unit)))
    if not found.byline:
        found.byline = next((unit for unit in tail_labels if _is_person_name(unit)), "")

    _assign_labels(head_labels, tail_labels, found)
    found.outlet = found.outlet or _credited_outlet(body[:3])
    # A text that opens with prose has no headline: title stays "" and the
    # library falls back to the file name.
    paragraphs = [unit.strip() for unit in body if unit.strip()]
    glued = _GLUED_DATELINE.match(paragraphs[0]) if paragraphs and _is_prose(paragraphs[0]) else None
    if glued:
        # "CBS DFWPolice released video..." → "CBS DFW" and "Police released video..."
        paragraphs[:1] = [glued.group(1), paragraphs[0][glued.end(1) :]]
    written_by = meta.get("byline") or meta.get("author") or found.byline
    outlet = _outlet(stated, host, found.outlet, written_by)
    if title_site and _key(title_site).replace(" ", "") == _key(outlet).replace(" ", ""):
        outlet = title_site  # the site's own spelling of its name in its titles ("9to5Mac", not "9To5Mac")
    return CleanArticle(
        title=meta_title or strip_site_name(found.title, [outlet, *site_names]),
        paragraphs=paragraphs,
        outlet=outlet,
        byline=written_by,
        date=_normalise_date(meta.get("date", "")) or found.date,
        category=meta.get("category") or found.category,
        url=url,
        host=host,
    )


def _outlet(stated: str, host: str, from_text: str, byline: str) -> str:
    """The article's outlet: as its metadata states it, else as its web host is known, else as its
    text credits it (a site label, a dateline, a correspondent, an agency in the byline); else ""."""
    return site_name_outlet(stated, host) or known_host_outlet(host) or from_text or byline_agency(byline)


# A dateline or station credit run into the first paragraph's first word, where the page set it
# apart by layout alone: "CBS DFWPolice released...", "OKLAHOMA CITYThe storm...".
_GLUED_DATELINE = re.compile(r"^((?:[A-Z]{2,}[ .&/-]){0,3}[A-Z]{2,})(?=[A-Z][a-z]{2,}\s\S)")  # not "MSPs hear"

# News-agency conventions that name the outlet inside the copy: a dateline
# ("MOSCOW (Reuters) -") and a correspondent credit ("TASS's Washington
# correspondent reports", "Trend correspondent reports").
_DATELINE = re.compile(r"^(?:[A-Z]{2,}[A-Za-z .,'’-]{0,40})?\s*\(([A-Z][\w .&'’-]{1,30})\)\s*[-–—:]")
_CORRESPONDENT = re.compile(
    r"\b((?:[A-Z][\w&.-]*)(?: [A-Z][\w&.-]*){0,2})(?:'s|’s)?(?: [A-Z][\w.-]*){0,2}"
    r" (?:correspondent|reporter|bureau) reports\b"
)


# Between a headline and the name of the site that carries it: "Headline | Site",
# "Headline - Site", "Headline – Site Name", "Site :: Headline"; a prefix may also end in ": ".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»~-]|::)\s+")
_TITLE_PREFIX = re.compile(r"^(?P<part>[^:|]{2,60}?)(?::|\s+(?:[|–—·•»~-]|::))\s+(?P<rest>\S.*)$")
# Endings of a host name written into a site's name ("SpaceNews.com").
_HOST_ENDING = re.compile(r"\.(?:com|net|org|co|info|news|io)(?:\.[a-z]{2})?$", re.IGNORECASE)


def strip_site_name(title: str, names: Iterable[str]) -> str:
    """`title` without a first or last part that names the site it is on (see `split_site_name`)."""
    return split_site_name(title, names)[0]


def split_site_name(title: str, names: Iterable[str]) -> tuple[str, str]:
    """`title` without a first or last part that names the site it is on, and that part as written (or "").

    `names` are what the page says the site is called (its outlet, site name, host). A part
    separated by " | ", " - ", " – " and the like at the end, or by those or ": " at the start,
    goes when it is one of the names (letters and digits compared, a host's ending such as
    ".com" ignored) or their first words ("Inexhibit" for "Inexhibit magazine"). A site name
    with a tagline ("LinkNaija | Nigeria's news") goes as a whole. What is left must keep two
    words or more; a part that merely mentions the site ("9to5Mac Gift Guide") stays.
    """
    title = " ".join(title.split())
    site = ""
    keys: set[str] = set()  # the names, letters and digits only
    first_words: set[str] = set()  # and their first words, for a last part only
    whole: list[str] = []
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        whole.append(name)
        for part in [name, *_TITLE_SEPARATOR.split(name)]:
            words = _key(_HOST_ENDING.sub("", part.strip())).split()
            if len("".join(words)) >= 2:
                keys.add("".join(words))
            first_words.update(
                "".join(words[:size]) for size in range(1, len(words)) if len("".join(words[:size])) >= 5
            )

    def names_site(part: str, *, last: bool = False) -> bool:
        key = "".join(_key(_HOST_ENDING.sub("", part)).split())
        return key in keys or (last and key in first_words)

    def enough(rest: str) -> bool:
        return _words(rest) >= 2

    # the whole site name, tagline and all, before or after the headline
    for name in sorted(whole, key=len, reverse=True):
        if len(_TITLE_SEPARATOR.split(name)) < 2:
            continue
        folded, fold_name = title.casefold(), name.casefold()
        if folded.startswith(fold_name):
            rest = re.sub(r"^\s*(?:[|–—·•»~:-]|::)\s+", "", title[len(name) :])
            if rest != title[len(name) :] and enough(rest):
                title, site = rest, title[: len(name)]
        elif folded.endswith(fold_name):
            rest = re.sub(r"\s+(?:[|–—·•»~-]|::)\s*$", "", title[: -len(name)])
            if rest != title[: -len(name)] and enough(rest):
                title, site = rest, title[-len(name) :]
    if not keys:
        return title, site
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and names_site(parts[-1], last=True):
        rest = title[: title.rfind(parts[-1])].rstrip()
        rest = re.sub(r"\s+(?:[|–—·•»~-]|::)$", "", rest)
        if enough(rest):
            title, site = rest, parts[-1]
    prefix = _TITLE_PREFIX.match(title)
    if prefix and names_site(prefix.group("part")) and enough(prefix.group("rest")):
        title, site = prefix.group("rest"), prefix.group("part")
    return title, site


def _credited_outlet(paragraphs: list[str]) -> str:
    """The outlet an agency dateline or correspondent credit names in the first paragraphs, or "".

    A dateline without a place ("(AP) —") counts only for a known agency; an agency is named as
    its list names it ("(AP)" -> "Associated Press").
    """
    for paragraph in paragraphs:
        dateline = _DATELINE.match(paragraph)
        if dateline:
            credit = dateline.group(1).strip()
            if paragraph.startswith("(") and not agency_name(credit):
                continue
            return agency_name(credit) or credit
        correspondent = _CORRESPONDENT.search(paragraph)
        if correspondent:
            credit = correspondent.group(1).strip()
            return agency_name(credit) or credit
    return ""


def _is_section_label(line: str) -> bool:
    """One word without sentence punctuation, or a short line ending in a section word ("World News")."""
    words = _key(line).split()
    if _ends_sentence(line) or not words:
        return False
    return len(words) == 1 or (len(words) < 4 and words[-1] in _SECTION_WORDS)


def _choose_title(head: list[str], non_ascii: float) -> int:
    """Index of the headline among the lines before the first prose paragraph, or -1.

    The first line that is not furniture, a field label, a date, a byline, a
    foreign-language caption or a section label (one word, or a short line
    ending in a section word: "World News"); failing that, the first remaining
    line of any length.
    """
    candidates = []
    for index, unit in enumerate(head):
        if (
            _is_furniture(unit)
            or _key(unit) in _META_LABELS
            or _date_line(unit)
            or _BYLINE_LINE.match(unit)
            or _is_foreign(unit, non_ascii)
            or _SEPARATOR.match(unit)
            or _words(unit) > 40
        ):
            continue
        candidates.append(index)
    for index in candidates:
        if not _is_section_label(head[index]):
            return index
    return candidates[0] if candidates else -1


def _assign_labels(head_labels: list[str], tail_labels: list[str], found: _Found) -> None:
    """Label lines around the headline: one repeated in the page tail is the site (outlet); else a section."""
    tail_keys = {_key(label) for label in tail_labels}
    for label in head_labels:
        if _key(label) in tail_keys and not found.outlet:
            found.outlet = label
        elif (
            not found.category
            and not _is_person_name(label)
            or (not found.category and _key(label).split()[-1:] and _key(label).split()[-1] in _SECTION_WORDS)
        ):
            found.category = label


# A date in a file name: YYYY-MM-DD, or YYYYMMDD alone between separators. Digits touching a letter
# or another digit are part of something else (a hash "7156ec53…", an id "120160927").
_FILE_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)(-?)(\d\d)\2(\d\d)(?![0-9A-Za-z])")


def file_name_date(name: str) -> str:
    """The ISO date a file name gives ("nyt_2016-09-30_keep-the-returns.txt" -> "2016-09-30"), or ""
    when it gives none or two different ones. For a text that states no date of its own."""
    found = set()
    for match in _FILE_NAME_DATE.finditer(name):
        year, _, month, day = match.groups()
        try:
            found.add(_dt.date(int(year), int(month), int(day)).isoformat())
        except ValueError:
            continue
    return found.pop() if len(found) == 1 else ""


def _normalise_date(value: str) -> str:
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            return _dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return ""
    return _parse_date(value)
