"""The one word-diff renderer: styles in the reader, wdiff marks too on the command line."""

from __future__ import annotations

from index.model import Quote, Report, Statement
from tui.render import DIFF_STYLES, WDIFF_MARKS, WDIFF_STYLES, statement_diff_text, word_diff_text

DIFF = [("=", "we will"), ("-", "not"), ("+", "never"), ("=", "[bold]stop[/bold]")]


def test_the_reader_shows_a_diff_by_style_alone_and_keeps_markup_literal():
    text = word_diff_text(DIFF, same_style="italic")
    assert text.plain == "we will not never [bold]stop[/bold] "
    styles = {text.plain[span.start : span.end]: span.style for span in text.spans}
    assert styles == {
        "we will": "italic",
        "not": DIFF_STYLES["-"],
        "never": DIFF_STYLES["+"],
        "[bold]stop[/bold]": "italic",
    }


def test_the_command_line_marks_a_diff_so_that_it_reads_without_colour():
    text = word_diff_text(DIFF, styles=WDIFF_STYLES, marks=WDIFF_MARKS)
    assert text.plain == "we will [-not-] {+never+} [bold]stop[/bold] "
    styles = {text.plain[span.start : span.end]: span.style for span in text.spans}
    assert styles == {"[-not-]": "red strike", "{+never+}": "green"}


def test_a_statement_diff_names_each_outlet_against_the_first_report():
    def report(outlet: str, text: str, diff: list[tuple[str, str]]) -> Report:
        quote = Quote(id=outlet, article_id=outlet, text=text, kind="direct", start=0, end=len(text), paragraph=0)
        return Report(quote=quote, outlet=outlet, date="2022-07-04" if outlet == "AP" else "", title="", diff=diff)

    statement = Statement(
        id="st",
        actor_id="a",
        speaker="A",
        text="we will not stop",
        reports=[
            report("AP", "we will not stop", [("=", "we will not stop")]),
            report("RT", "we will never stop", DIFF),
            report("BBC", "we will not stop", [("=", "we will not stop")]),
        ],
    )
    assert statement_diff_text(statement).plain.splitlines() == [
        "First: AP (2022-07-04)",
        "RT: we will not never [bold]stop[/bold] ",
        "BBC: same words",
    ]
