"""Article text is data: markup and control sequences are shown, never obeyed, and offsets hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.config import load_keymap, load_theme, save_theme
from tui.render import (
    CURRENT_HIT_STYLE,
    HIT_STYLE,
    Highlights,
    fit,
    paragraph_of,
    paragraph_starts,
    printable,
    render_paragraphs,
)
from tui.widgets.article_list import ArticleList, ArticleRow


def test_markup_in_article_text_stays_literal():
    paragraphs = ["He said [bold]no[/bold] and [link=http://x]click[/link].", "\x1b[31mred\x1b[0m alert"]
    texts = render_paragraphs(paragraphs, Highlights())
    assert texts[0].plain == paragraphs[0]
    assert texts[0].spans == []
    assert "\x1b" not in texts[1].plain
    assert texts[1].plain == "␛[31mred␛[0m alert"


@given(st.text())
def test_printable_keeps_length_and_drops_controls(text):
    shown = printable(text)
    assert len(shown) == len(text)
    assert all(char == "\n" or char.isprintable() or ord(char) > 0x7F for char in shown)
    assert "\x1b" not in shown


def test_spans_across_paragraphs_are_split_and_hits_styled():
    paragraphs = ["alpha beta", "gamma delta"]
    body = "\n\n".join(paragraphs)
    start = body.index("beta")
    end = body.index("gamma") + len("gamma")
    hits = [(body.index("alpha"), body.index("alpha") + 5), (body.index("delta"), body.index("delta") + 5)]
    texts = render_paragraphs(paragraphs, Highlights(quotes=[(start, end, "q1")], hits=hits, current_hit=1))
    first_styles = {(span.start, span.end) for span in texts[0].spans}
    second_styles = {(span.start, span.end) for span in texts[1].spans}
    assert (6, 10) in first_styles  # "beta"
    assert (0, 5) in second_styles  # "gamma"
    assert any(span.style == HIT_STYLE and (span.start, span.end) == (0, 5) for span in texts[0].spans)
    assert any(span.style == CURRENT_HIT_STYLE and span.start == 6 for span in texts[1].spans)


def test_bookmarked_quote_paragraph_is_marked():
    texts = render_paragraphs(["one", "two"], Highlights(quotes=[(5, 8, "q")], bookmarked_quotes={"q"}))
    assert texts[1].plain.startswith("★ ")
    assert not texts[0].plain.startswith("★")


@given(st.lists(st.text(alphabet="ab ", max_size=6), min_size=1, max_size=6), st.data())
def test_paragraph_of_finds_the_paragraph(paragraphs, data):
    body = "\n\n".join(paragraphs)
    starts = paragraph_starts(paragraphs)
    offset = data.draw(st.integers(0, max(0, len(body) - 1)))
    number = paragraph_of(starts, offset)
    assert starts[number] <= offset or offset == 0
    if number + 1 < len(starts):
        assert offset < starts[number + 1]


def test_keymap_and_theme_from_config_dir(tmp_path):
    (tmp_path / "config.toml").write_text('[keys]\nsearch = "f"\nquit = ["ctrl+q", "Q"]\nbad = 3\n', encoding="utf-8")
    keymap, problem = load_keymap(tmp_path)
    assert keymap == {"search": "f", "quit": "ctrl+q,Q"}
    assert "bad" in problem
    assert load_theme(tmp_path) == ""
    save_theme("ansi-light", tmp_path)
    assert load_theme(tmp_path) == "ansi-light"


def test_broken_config_is_one_sentence(tmp_path):
    (tmp_path / "config.toml").write_text("[keys\n", encoding="utf-8")
    keymap, problem = load_keymap(tmp_path)
    assert keymap == {}
    assert problem.startswith("Could not read") and "\n" not in problem


def test_fit_pads_or_cuts_with_an_ellipsis():
    assert fit("short", 8) == "short   "
    assert fit("a long title here", 8) == "a long …"
    assert fit("日本語のタイトル", 7) == "日本語…"  # wide characters count two cells
    assert fit("x", 0) == ""


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
@pytest.mark.parametrize("width", [120, 60])
async def test_article_list_draws_a_large_library_line_by_line(anyio_backend, width):
    from textual.app import App

    class ListApp(App):
        def compose(self):
            yield ArticleList()

    long_title = "A very long title that cannot fit in any column of the list " * 4
    rows = [
        ArticleRow(f"id{n}", f"Title {n} [bold]x[/bold]", "Outlet", f"2024-01-{n % 28 + 1:02d}") for n in range(20_000)
    ]
    rows[3] = ArticleRow("id3", long_title, "Outlet", "2024-01-04")
    app = ListApp()
    async with app.run_test(size=(width, 20)) as pilot:
        articles = app.query_one(ArticleList)
        articles.show(rows, bookmarked={"id5"}, read={"id1"})
        await pilot.pause()
        assert articles.row_count == 20_000 and articles.fully_loaded
        lines = [articles.render_line(y).text for y in range(articles.size.height)]
        assert all(len(line) <= articles.size.width for line in lines)
        assert "Title" in lines[0] and "Date" in lines[0]  # the header
        assert lines[2].startswith(" ") and "Title 1 [bold]x[/bold]" in lines[2]  # read: no mark; markup literal
        assert lines[1].startswith("•")  # unread
        assert lines[6].startswith("★")  # bookmarked
        assert "…" in lines[4] and long_title not in lines[4]
        assert all("2024-01-" in line for line in lines[1:])  # the date column stays on screen
        await pilot.press("j", "j")
        assert articles.current_id == "id2"
        await pilot.press("G")
        assert articles.current_id == "id19999"
        bottom = [articles.render_line(y).text for y in range(articles.size.height)]
        assert "Title 19999" in bottom[-1]
        await pilot.press("g", "pagedown")
        assert articles.cursor_row == articles.size.height - 1  # a page is the rows below the header
        await pilot.click(ArticleList, offset=(5, 3))
        assert articles.cursor_row == articles.scroll_offset.y + 2
        assert articles.select_article("id12345") and articles.current_id == "id12345"
        assert articles.mark("id5") == "★" and articles.mark("id1") == " " and articles.mark("id2") == "•"


def test_actor_colours_follow_the_theme():
    from textual.app import App

    from tui.render import KIND_STYLES, kind_styles

    app = App()
    seen = {}
    for theme in ("gruvbox", "textual-dark", "ansi-dark"):
        app.theme = theme
        styles = kind_styles(app.get_css_variables())
        assert set(styles) >= set(KIND_STYLES)
        assert len({styles[kind].color for kind in KIND_STYLES}) == len(KIND_STYLES), "each kind its own colour"
        seen[theme] = styles["person"].color
    assert len(set(seen.values())) == len(seen), "the colours change with the theme"
    assert kind_styles({}) == KIND_STYLES


def _quote(text: str, kind: str, cue: str, **kwargs):
    from index.model import Quote

    return Quote(text=text, kind=kind, start=0, end=len(text), paragraph=0, cue=cue, id="a:0", article_id="a", **kwargs)


def test_the_quote_sidebar_shows_the_cue_and_marks_only_direct_words():
    from tui.widgets.quote_sidebar import quote_prompt

    denial = _quote("his economic forecasts were too optimistic", "indirect", "denied", speaker="Gordon Brown")
    prompt = quote_prompt(denial, [], False).plain
    assert prompt.startswith("Gordon Brown denied · indirect\nhis economic forecasts were too optimistic")
    direct = _quote("We will not be complacent.", "direct", "said", speaker="Gordon Brown")
    assert "\n“We will not be complacent.”" in quote_prompt(direct, [], False).plain


def test_a_doubtful_speaker_is_marked_without_colour_and_dimmer():
    from tui.widgets.quote_sidebar import quote_prompt

    doubtful = _quote("x", "direct", "said", speaker="Gordon Brown", speaker_confidence=0.3)
    prompt = quote_prompt(doubtful, [], False)
    assert prompt.plain.startswith("? Gordon Brown said")
    assert any("dim" in str(span.style) for span in prompt.spans)
    unknown = _quote("x", "indirect", "said")
    assert quote_prompt(unknown, [], False).plain.startswith("? Unknown speaker said")
    sure = _quote("x", "direct", "said", speaker="Gordon Brown", speaker_confidence=0.9)
    assert not quote_prompt(sure, [], False).plain.startswith("?")


def test_a_report_shows_its_cue_and_why_it_was_linked():
    from index.model import Report
    from tui.screens.reports import report_prompt

    first = Report(quote=_quote("We will act.", "direct", "said"), outlet="BBC", date="2005-02-01", title="T")
    assert "said: “We will act.”" in report_prompt(first, True).plain
    linked = Report(
        quote=_quote("we would act", "indirect", "insisted"),
        outlet="ITV",
        date="2005-02-02",
        title="U",
        diff=[("-", "We will act."), ("+", "we would act")],
        link_reason="paraphrase of the same remark",
        link_score=0.8,
    )
    text = report_prompt(linked, False).plain
    assert "insisted (reported speech): " in text and "“we would act" not in text
    assert text.endswith("linked: paraphrase of the same remark")
    assert "linked:" not in report_prompt(first, True).plain


def test_the_actor_table_and_copy_cite_with_the_cue():
    from index.model import Article, Report, Statement
    from tui.screens.actor import statement_line
    from tui.screens.main import attribution

    denial = _quote("his economic forecasts were too optimistic", "indirect", "denied", speaker="Gordon Brown")
    statement = Statement(
        id="s",
        actor_id="gordon-brown",
        speaker="Gordon Brown",
        text=denial.text,
        reports=[Report(quote=denial, outlet="BBC", date="", title="T")],
    )
    assert statement_line(statement) == "denied: his economic forecasts were too optimistic"
    article = Article(id="a", path="p", title="Brown defends his sums", paragraphs=["x"], outlet="BBC", date="2005")
    assert attribution(denial, article) == (
        "Gordon Brown denied (reported speech): his economic forecasts were too optimistic "
        "(BBC, “Brown defends his sums”, 2005)"
    )


def test_the_correction_dialog_offers_names_that_start_or_have_a_word_starting_so():
    from tui.screens.correct import matching_names

    names = ["John Kirby", "Kirby Smith", "Dmitry Peskov", "Admiral John Kirby", "Kirsty Wark"]
    assert matching_names(names, "kirb") == ["Kirby Smith", "John Kirby", "Admiral John Kirby"]
    assert matching_names(names, "john k") == ["John Kirby", "Admiral John Kirby"]
    assert matching_names(names, "  ") == [] and matching_names(names, "zzz") == []
