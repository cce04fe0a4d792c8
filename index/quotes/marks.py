"""Quote marks on plain text: pair them into quotations, and balance the marks at a quote's edges.

Done on characters, not tokens, so the tokenizer cannot hide a mark; no spaCy here. A mark's
role (opening, closing, apostrophe) comes from its neighbours, read inside a window of text:
a paragraph when pairing, the quote itself when balancing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from index.quotes.span import MIN_UNATTRIBUTED_WORDS, CharSpan, QuoteSpan

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
# Characters after which a straight mark opens rather than closes a quote.
OPENING_CONTEXT = " \t\n([{—–-*/_:"
SENTENCE_END = re.compile(r"[.!?][\"'”’»)*]*(?=\s|$)")
# The rest of a clause a quotation may run on to before its closing mark ('"like to kick your
# cat' + ' again".'): this many words at most, with no sentence end or other mark between.
MAX_RUN_ON_WORDS = 6

# What a mark does where it stands, read from its neighbours when pairing.
MarkRole = Literal["open", "close", "either", "close_or_apostrophe", "apostrophe", "none"]
# What a mark does at the edge of a stored quote: "" when it may be an apostrophe.
EdgeRole = Literal["open", "close", ""]
Family = Literal["double", "single"]
# The (start, end) of the paragraph an offset lies in.
ParagraphAround = Callable[[int], CharSpan]


def mark_role(text: str, i: int, window_start: int, window_end: int, width: int = 1) -> MarkRole:
    """What the mark at text[i] does, read inside [window_start, window_end) (`width` 2 for a
    doubled apostrophe, the '' some papers print for a double quote)."""
    char = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > window_start else " "
    nxt = text[i + width] if i + width < window_end else " "
    if char in "'’" and prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don't, Kiev's, Ukraine’s
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        # A curly opener glued to a word and followed by space is a misused closer.
        if char in "“‘" and not prev.isspace() and prev not in OPENING_CONTEXT and (nxt.isspace() or nxt in ".,;:!?"):
            return "close"
        return "open"
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        if char in "”" and (prev.isspace() or prev in OPENING_CONTEXT) and not nxt.isspace():
            return "open"  # some texts use ” for both ends
        if char == "’" and prev.isspace():
            return "none"
        return "close"
    # Straight marks: direction from the neighbours.
    opens = (prev.isspace() or prev in OPENING_CONTEXT or i == window_start) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if char == "'" and prev.isalnum() and not nxt.isalnum():
        return "close_or_apostrophe"  # "Ukrainians' needs" or the end of 'a quote'
    if opens and closes:
        return "either"
    if opens:
        return "open"
    if closes:
        return "close"
    return "none"


def family(char: str) -> Family:
    return "double" if char in DOUBLE_OPEN + DOUBLE_CLOSE + '"' else "single"


def pair_quotes(text: str, bounds: list[CharSpan]) -> list[QuoteSpan]:
    """Pair quote marks paragraph by paragraph, carrying an open double quote across a break
    when the next paragraph opens again (the convention for a quote that runs on)."""
    spans: list[QuoteSpan] = []
    widths: dict[int, int] = {}  # opening marks two characters wide ('')
    carried: tuple[int, int] | None = None  # (open mark offset, paragraph) of a running quote
    heads: dict[int, int] = {}  # opening mark of each later part of a running quote -> its first part

    def part(content_start: int, end: int, open_mark: int, close_mark: int, paragraph: int) -> QuoteSpan:
        return QuoteSpan(content_start, end, open_mark, close_mark, paragraph, run_head=heads.get(open_mark, -1))

    def running_part(running: tuple[int, int], end: int) -> QuoteSpan:
        """The part of the running quotation `running` that ends with its paragraph at `end`."""
        open_mark, opened_at = running
        return part(open_mark + widths.get(open_mark, 1), end, open_mark, -1, opened_at)

    for number, (para_start, para_end) in enumerate(bounds):
        open_double: int | None = None
        open_single: int | None = None
        first_mark_seen = False
        opened_paragraph = number
        skip_to = para_start
        for i in range(para_start, para_end):
            if i < skip_to:
                continue
            char = text[i]
            if char not in ALL_MARKS:
                continue
            width = 2 if char == "'" and i + 1 < para_end and text[i + 1] == "'" else 1
            skip_to = i + width
            if width == 2:
                widths[i] = 2
                char = '"'
            role = mark_role(text, i, para_start, para_end, width)
            if role in ("none", "apostrophe"):
                continue
            mark_family = family(char)
            leading = not first_mark_seen and text[para_start:i].strip(" *_\t") == ""
            first_mark_seen = True
            if carried is not None:
                spans.append(running_part(carried, bounds[number - 1][1]))
                if mark_family == "double" and leading and role in ("open", "either"):
                    # each paragraph of a running quotation is stored as a part of its own,
                    # so no part keeps the next paragraph's opening mark
                    heads[i] = heads.get(carried[0], carried[0])
                    open_double, opened_paragraph = i, number
                    carried = None
                    continue
                carried = None
            if mark_family == "double":
                if open_double is None:
                    if role in ("open", "either"):
                        open_double, opened_paragraph, open_single = i, number, None
                elif role == "open" and reopens_after_sentence(text, i, para_start):
                    # '"… by the first minister. "If you …"': a quotation running over a
                    # paragraph break the text lost reopens after a full stop; each paragraph
                    # of it is a quotation of its own.
                    spans.append(part(open_double + widths.get(open_double, 1), i, open_double, i, opened_paragraph))
                    heads[i] = heads.get(open_double, open_double)
                    open_double, opened_paragraph = i, number
                elif role in ("close", "either", "close_or_apostrophe"):
                    spans.append(part(open_double + widths.get(open_double, 1), i, open_double, i, opened_paragraph))
                    open_double = None
                elif role == "open" and char in DOUBLE_OPEN:
                    open_double, opened_paragraph = i, number  # the earlier one was never closed
            elif open_double is None:
                if open_single is None:
                    if role in ("open", "either"):
                        open_single = i
                elif role in ("close", "either", "close_or_apostrophe"):
                    spans.append(QuoteSpan(open_single + 1, i, open_single, i, number))
                    open_single = None
        if carried is not None:
            # The next paragraph did not reopen: the running quote ended with its paragraph.
            spans.append(running_part(carried, bounds[number - 1][1]))
            carried = None
        if open_double is not None:
            carried = (open_double, opened_paragraph)
    if carried is not None:
        spans.append(running_part(carried, bounds[-1][1]))
    return _trimmed(text, spans)


def _trimmed(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The spans without space or emphasis marks at their edges; empty ones dropped."""
    cleaned = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start] in " \t\n*_":
            start += 1
        while end > start and text[end - 1] in " \t\n*_":
            end -= 1
        if end - start < 2 or not any(ch.isalnum() for ch in text[start:end]):
            continue
        span.start, span.end = start, end
        cleaned.append(span)
    return cleaned


def reopens_after_sentence(text: str, i: int, window_start: int) -> bool:
    """Whether the opening mark text[i], met while a quotation is open, follows the end of a
    sentence ('… minister. "If'): the mark a running quotation repeats at a new paragraph."""
    before = text[window_start:i].rstrip(" \t")
    return len(before) < i - window_start and before[-1:] in (".", "!", "?")


def edge_role(text: str, i: int, window_start: int, window_end: int) -> EdgeRole:
    """'open' or 'close' for the mark at text[i] read inside [window_start, window_end) ('' for
    an apostrophe)."""
    char = text[i]
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        return "open"
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        if char in "’" and i > window_start and text[i - 1].isalnum():
            return ""  # Kiev’s, the Americans’ : an apostrophe as likely as a closing mark
        return "close"
    prev = text[i - 1] if i > window_start else " "
    if char == "'" and prev.isalnum():
        return ""  # don't, Ukrainians'
    return "open" if i == window_start or prev.isspace() or prev in OPENING_CONTEXT else "close"


def has_partner(text: str, i: int, window_start: int, window_end: int) -> bool:
    """Whether the mark at text[i] pairs with a mark of its family inside [window_start, window_end)."""
    if text[i] == '"':
        # straight marks pair either way, with each other or a curly double mark
        return sum(text.count(mark, window_start, window_end) for mark in '"“”„«»') >= 2
    role = edge_role(text, i, window_start, window_end)
    if not role:
        return True
    mark_family = family(text[i])
    if role == "open":
        others = range(i + 1, window_end)
        wanted = "close"
    else:
        others = range(i - 1, window_start - 1, -1)
        wanted = "open"
    word_final = False
    for j in others:
        if text[j] not in ALL_MARKS or family(text[j]) != mark_family:
            continue
        role_j = edge_role(text, j, window_start, window_end)
        if role_j == wanted or (text[j] == '"' and text[i] == '"'):
            return True
        # A closing mark at a word's end ("‘Directly To White People’ After") reads as an
        # apostrophe too (the Americans’ votes); with no plainer partner, it closes the opening mark.
        if (
            role == "open"
            and role_j == ""
            and mark_role(text, j, window_start, window_end) in ("close", "close_or_apostrophe")
        ):
            word_final = True
    return word_final


def partner_before_edge(text: str, i: int, end: int, limit: int) -> int | None:
    """The closing mark of the opening mark text[i] when it sits just past `end`, with only
    punctuation between ('"it is over.' + '"')."""
    mark_family = family(text[i])
    j = end
    while j < limit and j - end < 4 and not text[j].isalnum() and text[j] != "\n":
        if text[j] in DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT and family(text[j]) == mark_family and j > i:
            return j
        j += 1
    return None


def unpaired_marks(text: str, start: int, end: int) -> list[tuple[int, Literal["open", "close"]]]:
    """The quote marks inside text[start:end] that no mark of their family pairs with there,
    as (offset, 'open' or 'close'), left to right. A single mark after a letter closes an
    open single quotation or else is an apostrophe."""
    opened: dict[Family, list[int]] = {"double": [], "single": []}
    unpaired: list[tuple[int, Literal["open", "close"]]] = []
    skip_to = start
    for i in range(start, end):
        char = text[i]
        if char not in ALL_MARKS or i < skip_to:
            continue
        if text[i : i + 2] == "''":
            # the doubled apostrophe some papers print for a double mark ("so-called ''pass through''")
            skip_to = i + 2
            doubled = mark_role(text, i, start, end, 2)
            closes = doubled in ("close", "close_or_apostrophe") or (doubled == "either" and bool(opened["double"]))
            if not closes and doubled in ("open", "either"):
                opened["double"].append(i)
            elif closes:
                if opened["double"]:
                    opened["double"].pop()
                else:
                    unpaired.append((i, "close"))
            continue
        mark_family = family(char)
        role = edge_role(text, i, start, end)
        if char == '"' and opened["double"] and role == "open" and not reopens_after_sentence(text, i, start):
            role = "close"  # straight marks pair either way: '"e-mail regime" could'
        if role == "open":
            opened[mark_family].append(i)
        elif role == "close" or (role == "" and opened[mark_family]):
            if opened[mark_family]:
                opened[mark_family].pop()
            elif role == "close":
                unpaired.append((i, "close"))
    unpaired += [(i, "open") for marks in opened.values() for i in marks]
    return sorted(unpaired)


def partner_after(text: str, i: int, end: int, para_end: int) -> int | None:
    """The closing mark of the opening mark text[i] when it lies past `end` in the paragraph
    with only punctuation or a few words of the same clause between."""
    mark_family = family(text[i])
    for j in range(end, para_end):
        char = text[j]
        if char in ALL_MARKS:
            if family(char) != mark_family:
                return None
            role = edge_role(text, j, i, para_end)
            if role == "close" or (char == '"' and role != ""):
                between = text[end:j]
                if not any(ch.isalnum() for ch in between):
                    return j  # '"more learning' + '."'
                if len(between.split()) <= MAX_RUN_ON_WORDS and not SENTENCE_END.search(between + " "):
                    return j
            return None
        if char == "\n" or len(text[end:j].split()) > MAX_RUN_ON_WORDS:
            return None
    return None


def partner_before(text: str, i: int, start: int, para_start: int) -> int | None:
    """The opening mark of the closing mark text[i] when it lies just before `start`, with
    only punctuation or space between ('"' + 'Major problems" are expected')."""
    mark_family = family(text[i])
    j = start - 1
    while j >= para_start and start - j <= 4:
        char = text[j]
        if char in ALL_MARKS and family(char) == mark_family and edge_role(text, j, para_start, i + 1) == "open":
            return j
        if char.isalnum() or char == "\n":
            return None
        j -= 1
    return None


def balance_marks(text: str, quote: QuoteSpan, paragraph_around: ParagraphAround) -> bool:
    """Cut a quote mark at either edge of the stored text that has no partner inside it
    ('We respect that. "' · '"'We are hoping …' · 'on women in the workplace: “'), or take
    in the partner when only punctuation stands between it and the edge; then pair the
    marks inside it (`balance_inner`). False when nothing is left."""
    start, end = quote.start, quote.end
    for _ in range(4):
        before = (start, end)
        start, end = balance_edges(text, start, end)
        if end - start < 2 or not any(ch.isalnum() for ch in text[start:end]):
            return False
        start, end = balance_inner(text, quote, start, end, paragraph_around)
        if (start, end) == before:
            break
    start, end = balance_edges(text, start, end)
    if end - start < 2 or not any(ch.isalnum() for ch in text[start:end]):
        return False
    quote.start, quote.end = start, end
    return True


def balance_edges(text: str, start: int, end: int) -> CharSpan:
    """[start, end) without the marks at its edges that pair with nothing inside it (an opening
    mark whose partner sits just past the end takes that partner in), nor edge space."""
    for _ in range(8):
        before = (start, end)
        if start < end and text[start] in ALL_MARKS and not has_partner(text, start, start, end):
            partner = partner_before_edge(text, start, end, len(text))
            if partner is not None and has_partner(text, partner, start, partner + 1):
                end = partner + 1
            else:
                start += 1
        if start < end and text[end - 1] in ALL_MARKS and not has_partner(text, end - 1, start, end):
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if (start, end) == before:
            break
    return start, end


def balance_inner(text: str, quote: QuoteSpan, start: int, end: int, paragraph_around: ParagraphAround) -> CharSpan:
    """Pair a quote mark opened or closed inside the stored text ('the Tories offered a
    "hard right agenda' + '".'): take in its partner when it lies just past the edge, with
    only punctuation or the rest of a short clause between; else cut the text before the
    opening mark when a statement still stays; else keep it."""
    para_start = paragraph_around(start)[0]
    para_end = paragraph_around(max(start, end - 1))[1]
    # a direct quotation's own marks stand outside its text and pair with nothing in it
    own_marks = (quote.open_mark, quote.close_mark) if quote.open_mark < start and quote.close_mark >= end else ()
    for _ in range(4):
        unpaired = unpaired_marks(text, start, end)
        opening = [mark for mark, role in unpaired if role == "open"]
        closing = [mark for mark, role in unpaired if role == "close"]
        if opening:
            mark = opening[0]
            partner = partner_after(text, mark, end, para_end)
            if partner is not None and partner not in own_marks:
                end = partner + 1
                continue
            cut = len(text[start:mark].rstrip(" \t"))
            if sum(any(c.isalnum() for c in w) for w in text[start : start + cut].split()) >= MIN_UNATTRIBUTED_WORDS:
                end = start + cut
                continue
        if closing:
            partner = partner_before(text, closing[0], start, para_start)
            if partner is not None and partner not in own_marks:
                start = partner
                continue
        break
    return start, end
