"""Turn article text and character spans into Rich Text, treating the text strictly as data."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from index.model import Statement, paragraph_starts  # noqa: F401 - the widgets import paragraph_starts from here
from index.outlets import outlet_label

# Named ANSI colours: the styles used when no theme is at hand (tests, plain rendering).
KIND_STYLES: dict[str, Style] = {
    "person": Style(color="cyan", bold=True),
    "org": Style(color="magenta", bold=True),
    "place": Style(color="green", bold=True),
    "group": Style(color="yellow", bold=True),
}
# The theme's text colours each kind takes, so actors follow the theme (and the ANSI themes,
# whose variables are ANSI colours, follow the terminal's palette). Four that differ in the
# built-in themes: primary and secondary are near twins in some, so secondary is not used.
KIND_THEME_VARIABLES = {"person": "text-primary", "org": "text-warning", "place": "text-success", "group": "text-error"}


def kind_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """Actor kind -> style from a theme's CSS variables (`App.get_css_variables()`)."""
    from textual.color import Color, ColorParseError

    styles = dict(KIND_STYLES)
    for kind, name in KIND_THEME_VARIABLES.items():
        value = variables.get(name)
        if not value:
            continue
        try:
            styles[kind] = Style(color=Color.parse(value).rich_color, bold=True)
        except ColorParseError:
            continue
    return styles


QUOTE_STYLE = Style(italic=True)
FOCUSED_QUOTE_STYLE = Style(reverse=True, italic=True)
BOOKMARKED_QUOTE_STYLE = Style(underline=True)
HIT_STYLE = Style(color="black", bgcolor="yellow")
CURRENT_HIT_STYLE = Style(color="black", bgcolor="bright_yellow", bold=True, underline=True)
BOOKMARK_MARK = "★ "
# Before a speaker the analysis is not sure of (Quote.doubtful): a mark that reads without colour too.
DOUBTFUL_MARK = "? "


def printable(text: str) -> str:
    """`text` with every control character replaced by one visible stand-in.

    One character in, one character out: quote and mention offsets still index the result.
    An escape character shows as "␛", so "ESC[31m" is displayed literally, never obeyed.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            code = ord(char)
            if code < 0x20:
                out.append(chr(0x2400 + code))
            elif code == 0x7F:
                out.append("\u2421")
            elif unicodedata.category(char) == "Cf" and code not in (0x200B, 0xFEFF, 0x2028, 0x2029):
                # Format characters like the zero-width joiner and bidi marks shape text
                # legitimately; bidi overrides (U+202A-U+202E, U+2066-U+2069) can reorder the
                # terminal's line, so those are replaced too.
                out.append("\ufffd" if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 else char)
            else:
                out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def escaped(text: str, *, keep_newlines: bool = False) -> str:
    """`text` for the command line: control characters, line separators, bidi overrides and the
    stand-ins of undecodable bytes in a file name (lone surrogates) shown as backslash escapes, so
    that a name never breaks a line, moves the cursor or fails to encode."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"\\x{code - 0xDC00:02x}")
        elif category in ("Cc", "Cs", "Co", "Zl", "Zp") or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def fit(text: str, width: int) -> str:
    """`text` on one line in exactly `width` cells: padded, or cut with "…" when longer."""
    if width <= 0:
        return ""
    text = printable(text).replace("\n", " ")
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def plain(text: str) -> Text:
    """A Text of `text`, no markup interpreted and control characters made visible."""
    return Text(printable(text).replace("\n", " "), no_wrap=False)


@dataclass
class Highlights:
    """What the reading view colours in one article body: all spans index `article.body`."""

    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, actor kind)
    quotes: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, quote id)
    hits: list[tuple[int, int]] = field(default_factory=list)
    current_hit: int = -1
    focused_quote: str = ""
    bookmarked_quotes: set[str] = field(default_factory=set)
    kind_styles: Mapping[str, Style] = field(default_factory=lambda: KIND_STYLES)


# A word diff's runs by op ("+" added, "-" gone, "=" the same): in the reader by style alone; on
# the command line also in wdiff's marks ([-gone-] {+added+}), so that it reads without colour.
DIFF_STYLES = {"+": "bold green underline", "-": "red strike"}
WDIFF_STYLES = {"+": "green", "-": "red strike"}
WDIFF_MARKS = {"+": ("{+", "+}"), "-": ("[-", "-]")}


def word_diff_text(
    diff: Sequence[tuple[str, str]],
    same_style: str = "",
    *,
    styles: Mapping[str, str] = DIFF_STYLES,
    marks: Mapping[str, tuple[str, str]] | None = None,
) -> Text:
    """A report's word differences from the first report, each run styled by its op (and marked)."""
    out = Text()
    for op, words in diff:
        opening, closing = marks.get(op, ("", "")) if marks else ("", "")
        out.append(f"{opening}{plain(words).plain}{closing}", style=styles.get(op, same_style))
        out.append(" ")
    return out


def statement_diff_text(statement: Statement) -> Text:
    """Every report of a statement after the first, as a word diff against the first report."""
    out = Text()
    if not statement.reports:
        return out
    first = statement.reports[0]
    out.append(f"First: {plain(outlet_label(first.outlet)).plain}", style="bold")
    if first.date:
        out.append(f" ({first.date})", style="dim")
    for report in statement.reports[1:]:
        out.append("\n")
        out.append(f"{plain(outlet_label(report.outlet)).plain}", style="bold")
        if report.date:
            out.append(f" ({report.date})", style="dim")
        out.append(": ")
        if not report.diff:
            out.append_text(Text(plain(report.quote.text).plain))
            continue
        changed = any(op != "=" for op, _ in report.diff)
        if not changed:
            out.append("same words", style="dim")
            continue
        out.append_text(word_diff_text(report.diff))
    return out


def paragraph_of(starts: list[int], offset: int) -> int:
    """Index of the paragraph holding body offset `offset` (the separator belongs to the one before)."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return max(low, 0)


def _stylize(texts: list[Text], starts: list[int], start: int, end: int, style: Style) -> None:
    """Apply `style` to body range [start, end), split across the paragraphs it covers."""
    if end <= start or not texts:
        return
    first = paragraph_of(starts, start)
    last = paragraph_of(starts, max(start, end - 1))
    for number in range(first, last + 1):
        paragraph_start = starts[number]
        length = len(texts[number].plain)
        local_start = max(0, start - paragraph_start)
        local_end = min(length, end - paragraph_start)
        if local_end > local_start:
            texts[number].stylize(style, local_start, local_end)


def render_paragraphs(paragraphs: list[str], highlights: Highlights) -> list[Text]:
    """One Text per paragraph, with actors, quotes and search hits styled; later styles win."""
    texts = [Text(printable(paragraph)) for paragraph in paragraphs]
    starts = paragraph_starts(paragraphs)
    for start, end, quote_id in highlights.quotes:
        _stylize(texts, starts, start, end, QUOTE_STYLE)
        if quote_id in highlights.bookmarked_quotes:
            _stylize(texts, starts, start, end, BOOKMARKED_QUOTE_STYLE)
    for start, end, kind in highlights.mentions:
        _stylize(texts, starts, start, end, highlights.kind_styles.get(kind, Style(bold=True)))
    for start, end, quote_id in highlights.quotes:
        if quote_id == highlights.focused_quote:
            _stylize(texts, starts, start, end, FOCUSED_QUOTE_STYLE)
    for number, (start, end) in enumerate(highlights.hits):
        style = CURRENT_HIT_STYLE if number == highlights.current_hit else HIT_STYLE
        _stylize(texts, starts, start, end, style)
    marked = {
        paragraph_of(starts, start)
        for start, _end, quote_id in highlights.quotes
        if quote_id in highlights.bookmarked_quotes
    }
    for number in sorted(marked):
        texts[number] = Text.assemble(Text(BOOKMARK_MARK, style="bold yellow"), texts[number])
    return texts
