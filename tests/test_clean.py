"""Scraped-text cleanup: headline, body without chrome, metadata — and no article sentence lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.clean import CleanArticle, clean_article, file_name_date, strip_site_name
from index.sources import SkipFile, iter_files, read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPORA = ROOT.parent / "shared" / "corpora"


def clean_seed(prefix: str) -> CleanArticle:
    [path] = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    [doc] = read_file(path)
    return clean_article(doc.text, fmt=doc.format, meta=doc.meta, path=doc.path)


# ---------------------------------------------------------------------- seeds

SEED_TITLES = {
    "000": "'No Indication' Putin Willing To Negotiate At All, White House Says",
    "001": "US believes it's not yet time for peace talks between Russia and Ukraine",
    "002": "Russia rejects the condition of withdrawing its troops from Ukraine",
    "003": "US skeptical of Russian claims it’s scaling back the war in Ukraine",
    "004": "Russia “has put a weapon to the head of Ukraine” and has two ways – the United States "
    "made a statement on the eve of negotiations with Moscow",
}


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_seed_title(prefix: str) -> None:
    assert clean_seed(prefix).title == SEED_TITLES[prefix]


def test_seed_metadata_from_the_text() -> None:
    assert clean_seed("001").date == "2022-07-04"  # "Date Created" / "07/04/2022", US month/day
    assert clean_seed("001").category.startswith("Army-Wars-Conflict Zones")
    assert clean_seed("000").byline == "Alex Raufoglu"  # sign-off after the last sentence
    assert clean_seed("002").outlet == "Azerbaijan news"  # site label above the headline and in the footer
    assert clean_seed("004").category == "World News"
    assert clean_seed("003").category == "News"


# Chrome seen in the seeds; none of it may stay in any body.
CHROME = [
    "Açiq mənbələrdən foto.",
    "Azerbaijan news",
    "News",
    "World News",
    "Published",
    "on",
    "Advertisement",
    "Leave a Reply",
    "Leave a review",
    "Your email address will not be published. Required fields are marked *",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "four − 4 =",
    "Back to top button",
    "Trending",
    "Exit mobile version",
    "Description",
    "Category",
    "1. Army-Wars-Conflict Zones-Military Tech.",
    "2. Main",
    "Date Created",
    "07/04/2022",
    "Alex Raufoglu",
    "Washuington D.C.",
    "Politics",
    "-",
]


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
@pytest.mark.parametrize("chrome", CHROME)
def test_no_chrome_left_in_seed_body(prefix: str, chrome: str) -> None:
    assert chrome not in clean_seed(prefix).paragraphs


def test_teaser_stories_after_the_article_are_gone() -> None:
    body = " ".join(clean_seed("000").paragraphs)
    assert "Baerbock" not in body  # all four teasers are about Baerbock's visit; the article is not
    assert "hunger strike" not in body


def test_title_is_not_repeated_in_body() -> None:
    for prefix, title in SEED_TITLES.items():
        assert title not in clean_seed(prefix).paragraphs


# (first article paragraph, last article paragraph, a mid-article line that
# looks like chrome but is article, minimum paragraph count)
SENTINELS = {
    "000": (
        "The White House on Wednesday said it sees 'no indication'",
        'He went on to conclude, "every nation has to decide',
        '"And that’s why the Department of Defense is doing battalion-level training',
        9,
    ),
    "001": (
        "USA: Washington will help to ensure Kiev wins, says John Kirby",
        "In February 2022, the Kremlin recognized the Donbass republics",
        "On Sunday, Peskov said it was the US and its allies",
        9,
    ),
    "002": (
        "This is on November 14 Russia Deputy Foreign Minister Alexander Grushko said",
        "Newspaper news reports that the head of the Foreign Intelligence Service",
        "Secret negotiations in Ankara?",
        20,
    ),
    "003": (
        "“We’ll see. I do not learn something into it",
        "The White Home mentioned that comment — which Biden sought to clarify",
        "He added, “It doesn’t imply that the menace to Kyiv is over.”",
        20,
    ),
    "004": (
        "The United States does not expect any breakthrough from negotiations with Russia.",
        "Moscow demands that NATO legally formalize the refusal",
        "“We have clearly stated that we will continue to support Ukraine",
        12,
    ),
}


@pytest.mark.parametrize("prefix", sorted(SENTINELS))
def test_no_article_sentence_lost(prefix: str) -> None:
    first, last, middle, minimum = SENTINELS[prefix]
    paragraphs = clean_seed(prefix).paragraphs
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1].startswith(last)
    assert any(p.startswith(middle) for p in paragraphs)
    assert len(paragraphs) >= minimum


@pytest.mark.parametrize("prefix", sorted(SEED_TITLES))
def test_every_long_sentence_line_of_the_seed_survives(prefix: str) -> None:
    # Lines of running text (sentences of 12+ words) are article, except the
    # known chrome and the teaser items that follow the "-" separators in 000.
    [path] = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    teaser_start = next((i for i, line in enumerate(lines) if line.strip() == "-"), len(lines))
    body = "\n".join(clean_seed(prefix).paragraphs)
    for line in lines[:teaser_start]:
        if line.strip() in CHROME:
            continue
        words = line.split()
        if len(words) >= 12 and line.rstrip()[-1:] in '."”?!:…':
            plain = line.replace("\\$", "$").replace('*"', '"').replace('"*', '"').replace("*“", "“").replace("”*", "”")
            assert " ".join(plain.split()) in body


def test_markdown_escapes_and_emphasis_in_text() -> None:
    body = "\n".join(clean_seed("001").paragraphs)
    assert "$7 billion" in body and "\\$" not in body
    assert 'should "push" Russia' in body
    assert "*" not in body


# --------------------------------------------------------------- general rules


def test_markdown_format() -> None:
    text = (
        "# Council approves **new** budget\n\n"
        "The council approved the budget on [Monday](https://example.org/m) after a long debate.\n\n"
        "![chart](img.png)\n\n"
        '> "We had no choice," the _mayor_ said at the end of the meeting.\n'
    )
    article = clean_article(text, fmt="md")
    assert article.title == "Council approves new budget"
    assert article.paragraphs == [
        "The council approved the budget on Monday after a long debate.",
        '"We had no choice," the mayor said at the end of the meeting.',
    ]


def test_meta_wins_over_guesses_and_repeated_title_is_dropped() -> None:
    text = "Mayor resigns\nThe mayor resigned on Monday after ten years in office, officials said.\n"
    meta = {"title": "Mayor resigns", "date": "2024-01-02T08:00:00Z", "outlet": "Daily", "byline": "Ann Lee"}
    article = clean_article(text, fmt="html", meta=meta)
    assert (article.title, article.date, article.outlet, article.byline) == (
        "Mayor resigns",
        "2024-01-02",
        "Daily",
        "Ann Lee",
    )
    assert article.paragraphs == ["The mayor resigned on Monday after ten years in office, officials said."]


def test_byline_and_date_lines_at_the_top() -> None:
    text = (
        "Politics\n\nFerry strike ends after talks\n\nBy Jane Doe\n\nMarch 3, 2021\n\n"
        "The ferry strike ended on Wednesday after unions and operators reached a deal, both sides said.\n\n"
        "Share this article\n\nRelated articles\n\nOther story about ferries that is not this article at all.\n"
    )
    article = clean_article(text)
    assert article.title == "Ferry strike ends after talks"
    assert article.byline == "Jane Doe"
    assert article.date == "2021-03-03"
    assert article.category == "Politics"
    assert article.paragraphs == [
        "The ferry strike ended on Wednesday after unions and operators reached a deal, both sides said."
    ]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 2020-02-29", "2020-02-29"),
        ("25/12/2022", "2022-12-25"),
        ("12/25/2022", "2022-12-25"),
        ("04.07.2022", "2022-07-04"),
        ("Updated: 5th May 2019, 10:30 GMT", "2019-05-05"),
    ],
)
def test_date_formats(line: str, iso: str) -> None:
    text = f"Headline of the story\n\n{line}\n\nA first sentence of the article that runs long enough to be prose."
    assert clean_article(text).date == iso


def test_quote_running_over_paragraphs_is_kept() -> None:
    text = (
        "Minister defends plan\n\n"
        "The minister defended the plan in parliament on Tuesday.\n\n"
        "“We have looked at every option, and this is the one that protects the most people.\n\n"
        "“Nobody should pretend there is an easy way out of this,” she said.\n\n"
        "Advertisement\n\n"
        "Related\n\n"
        "The opposition said it would vote against the plan next week.\n"
    )
    article = clean_article(text)
    assert article.paragraphs == [
        "The minister defended the plan in parliament on Tuesday.",
        "“We have looked at every option, and this is the one that protects the most people.",
        "“Nobody should pretend there is an easy way out of this,” she said.",
        "The opposition said it would vote against the plan next week.",
    ]


def test_a_footer_printed_inside_a_transcripts_quote_marks_is_left_out() -> None:
    # A transcript set out in quote marks, paragraph by paragraph, whose closing mark takes in the
    # outlet's footer: the footer is no one's words. A quotation that only begins with such words is kept.
    text = (
        "Mayor on the harbour plan\n\n"
        "The mayor spoke to the morning show on Sunday.\n\n"
        '"HOST: Will the harbour reopen?\n\n'
        '"MOSS: It will reopen in spring, and every boat will be back by summer.\n\n'
        '"Follow Ann Reeve on Twitter @annreeve."\n\n'
        '"Follow the money," she told the council, "and you will see who gains from this."\n\n'
        '"More - far more - must be done for the families of the harbour workers."\n'
    )
    paragraphs = clean_article(text).paragraphs
    assert not any("@annreeve" in p for p in paragraphs)
    # other furniture words in quote marks are someone's words ("More -", "Share this …")
    assert paragraphs[-2].startswith('"Follow the money,"') and paragraphs[-1].startswith('"More - far more')
    assert len(paragraphs) == 5


def test_short_final_sentence_is_kept() -> None:
    text = (
        "Talks collapse\n\nThe talks collapsed late on Friday after twelve hours of negotiation.\n\nNo date was set.\n"
    )
    assert clean_article(text).paragraphs[-1] == "No date was set."


def test_mid_article_marker_does_not_eat_the_rest() -> None:
    long = "The committee heard evidence from residents, engineers and the council for most of the day. "
    text = "Bridge inquiry opens\n\n" + long + "\n\nTrending\n\n" + "\n\n".join([long] * 4)
    article = clean_article(text)
    assert len(article.paragraphs) == 5 and "Trending" not in article.paragraphs


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Headline here\n\n"
        "The quick brown fox jumped over the lazy dog while the farmer\n"
        "watched from the gate and wondered what all the fuss was about.\n\n"
        "A second paragraph follows, short.\n"
    )
    assert clean_article(text).paragraphs[0] == (
        "The quick brown fox jumped over the lazy dog while the farmer "
        "watched from the gate and wondered what all the fuss was about."
    )


def test_control_sequences_never_reach_the_paragraphs() -> None:
    article = clean_article("Title\n\nA line with \x1b[31mcolour\x1b[0m and a bell\x07 in it, said the report.")
    assert article.paragraphs == ["A line with colour and a bell in it, said the report."]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["txt", "md", "html", "json"]))
def test_clean_never_raises_nor_returns_empty_paragraphs(text: str, fmt: str) -> None:
    article = clean_article(text, fmt=fmt)
    assert all(p and p == p.strip() for p in article.paragraphs)
    assert isinstance(article.title, str)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Advertisement",
                "-",
                "",
                "News",
                "Leave a Reply",
                "He said it was fine.",
                "# x",
                "*",
                "1. Main",
                "07/04/2022",
                "By Ann",
                "“Quote",
                "continues.”",
                "Date Created",
                "Category",
                "four − 4 =",
                "\\$5",
            ]
        ),
        max_size=30,
    )
)
def test_clean_never_raises_on_chrome_soup(lines: list[str]) -> None:
    article = clean_article("\n".join(lines))
    assert all(p and p == p.strip() for p in article.paragraphs)


# ------------------------------------------------------------------------ BBC


@pytest.mark.shared
def test_bbc_reads_and_keeps_every_body_paragraph() -> None:
    corpus = CORPORA / "bbc"
    if not corpus.is_dir():
        pytest.skip(f"shared BBC corpus not found at {corpus}")
    files = [path for path in iter_files([corpus]) if path.parent != corpus]
    assert len(files) == 2225
    titles_wrong, paragraphs, dropped = [], 0, 0
    for path in files:
        try:
            [doc] = read_file(path)
        except SkipFile as error:  # pragma: no cover - reported by the assertion
            pytest.fail(f"{path} skipped: {error}")
        lines = [" ".join(line.split()) for line in doc.text.split("\n") if line.strip()]
        article = clean_article(doc.text, fmt=doc.format, meta=doc.meta, path=doc.path)
        if article.title != lines[0]:
            titles_wrong.append(path)
        kept = set(article.paragraphs)
        paragraphs += len(lines) - 1
        dropped += sum(1 for line in lines[1:] if line not in kept)
    assert titles_wrong == []
    # A handful of trailing one-line match facts ("Referee Name (Country)") read as sign-offs.
    assert dropped <= paragraphs * 0.002, f"{dropped} of {paragraphs} body paragraphs dropped"


@pytest.mark.shared
def test_bbc_latin1_file_decodes_pound_sign() -> None:
    path = CORPORA / "bbc" / "sport" / "199.txt"
    if not path.is_file():
        pytest.skip(f"shared BBC corpus not found at {path}")
    [doc] = read_file(path)
    assert doc.encoding in {"cp1252", "latin-1"}
    assert "a £15.8m signing from Parma" in doc.text


@pytest.mark.parametrize(
    ("first_paragraph", "outlet"),
    [
        ("MOSCOW (Reuters) - Russia said on Monday it would resume the talks.", "Reuters"),
        ("KYIV, Ukraine (AP) — Ukrainian officials said the convoy had arrived.", "Associated Press"),
        ("(AP) — Ukrainian officials said the convoy had arrived.", "Associated Press"),
        ("(Editorial) — The council should think again about the harbour wall.", ""),
        ("Baku, November 3, Trend correspondent reports. The talks went on all night.", "Trend"),
        ("The minister spoke, Interfax-Ukraine's Kyiv correspondent reports.", "Interfax-Ukraine"),
        ("The Wall Street Journal reported that the talks had stalled.", ""),
        ("He said the ministry reports nothing new about the talks.", ""),
    ],
)
def test_agency_datelines_and_correspondent_credits_name_the_outlet(first_paragraph, outlet):
    text = (
        f"Talks resume after a long pause\n\n{first_paragraph}\n\nA second paragraph follows here, as articles go on."
    )
    assert clean_article(text).outlet == outlet


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Harbour wall vote delayed | Coast Gazette", ["Coast Gazette"], "Harbour wall vote delayed"),
        ("Harbour wall vote delayed - CoastGazette.com", ["CoastGazette.com"], "Harbour wall vote delayed"),
        ("Harbour wall vote delayed – Coast Gazette", ["coastgazette.com"], "Harbour wall vote delayed"),
        ("Coast Gazette: Harbour wall vote delayed", ["Coast Gazette"], "Harbour wall vote delayed"),
        ("Coast Gazette | Harbour wall vote delayed", ["Coast Gazette"], "Harbour wall vote delayed"),
        # the site's first word at the end ("Gazette magazine" → "Gazette"), never at the start
        ("Harbour wall vote delayed | Seagazette", ["Seagazette Magazine"], "Harbour wall vote delayed"),
        ("Seagazette: Harbour wall vote delayed", ["Seagazette Magazine"], "Seagazette: Harbour wall vote delayed"),
        # a site name with its tagline goes as a whole
        (
            "Coast Gazette | News of the shore: Harbour wall vote delayed",
            ["Coast Gazette | News of the shore"],
            "Harbour wall vote delayed",
        ),
        # parts that are the headline itself stay
        ("Obama: 'We will win'", ["Coast Gazette", "coastgazette.com"], "Obama: 'We will win'"),
        ("Mayor - the interview", ["Coast Gazette"], "Mayor - the interview"),
        ("Coast Gazette Gift Guide: what to buy", ["Coast Gazette"], "Coast Gazette Gift Guide: what to buy"),
        ("Harbour wall vote | Editorial", ["Coast Gazette"], "Harbour wall vote | Editorial"),
        # nothing but a word would be left: the title stays whole
        ("Weather | Coast Gazette", ["Coast Gazette"], "Weather | Coast Gazette"),
        ("Harbour wall vote delayed | Coast Gazette", [], "Harbour wall vote delayed | Coast Gazette"),
    ],
)
def test_site_name_leaves_the_title(title, names, expected):
    assert strip_site_name(title, names) == expected


def test_page_title_loses_the_site_name_its_metadata_gives():
    text = "Harbour wall vote delayed | Coast Gazette\n\nThe council put off its vote on the harbour wall again."
    meta = {"title": "Harbour wall vote delayed | Coast Gazette", "url": "https://www.coastgazette.com/news/1"}
    article = clean_article(text, fmt="html", meta=meta)
    assert article.title == "Harbour wall vote delayed"
    assert article.paragraphs == ["The council put off its vote on the harbour wall again."]
    # with nothing that names the site, a text's first line stays as it is
    plain = clean_article("Harbour wall vote delayed - Coast Gazette\n\nThe council put off its vote again.")
    assert plain.title == "Harbour wall vote delayed - Coast Gazette"


_LEAD = (
    "The harbour council voted on Tuesday to delay the new sea wall by a year, after residents asked for "
    "more time to study the plans."
)
_MORE = "The port authority said it would publish the full costs of the wall before the next meeting in spring."
_LAST = "Work on the quay itself will go ahead as planned, the council's engineer told the meeting on Tuesday."


def _body(*middle: str) -> list[str]:
    text = "\n\n".join(["Harbour wall vote delayed", _LEAD, *middle, _MORE, _LAST])
    return clean_article(text).paragraphs


@pytest.mark.parametrize(
    "teaser",
    [
        ["SEE MORE: Storm floods the old quay for a second time"],
        ["READ MORE - Council leader quits after harbour row"],
        ["DON'T MISS", "Fishing fleet stays in port [VIDEO]", "Ferry fares to rise again [INSIGHT]|"],
        ["Harbour Weekly Newsletter", "Get the week's harbour news and tide tables in your inbox."],
        [
            "Harbour Week 2024",
            "Harbour Week 2024 | the lighthouse reopens",
            "Harbour Week 2024 | a tour of the old docks",
            "Harbour Week 2024 | boats on show at the quay",
        ],
        ["[button link=”https://example.org/send/” type=”big”] Send us YOUR photos[/button]"],
        ["The new quay at dusk, photos © Harbour Studio, 2024"],
        ["Follow Harbour Radio on Instagram, Facebook and YouTube."],
        ["Also: See our full coverage of the storm"],
        ["Most read in local news"],
        ["Updated at 1:23 p.m."],
        ["5:45 AM PST 11/19/2019 by Ann Lee"],
        ["Reading time: 3 minutes"],
        ["Get the latest harbour news right in your inbox. Subscribe to our newsletters."],
    ],
)
def test_teasers_and_boxes_inside_the_body_are_left_out(teaser):
    assert _body(*teaser) == [_LEAD, _MORE, _LAST]


@pytest.mark.parametrize(
    "kept",
    [
        # lists of the article's own that look like headlines: tour dates, an award list, subheadings
        [
            "June 9 -- Harbour Arena, Westport, ME",
            "June 10 -- Quay Theatre, Eastport, ME",
            "June 12 -- Dock Hall, Bath, ME",
        ],
        [
            "Best Drama: The Harbour Years (Coast Films)",
            "Best Comedy: Tide Tables (Quay Productions)",
            "Best Newcomer: Ann Lee",
        ],
        ["What Happens Next For The Harbour"],
        ["Cover image: an artist's impression of the wall at high tide"],
        ["Most readers of the Gazette live within a mile of the quay and use it every week."],
        ["Updated figures from the port authority show the cost of the wall has doubled since 2020."],
        ["WATCHING THE TIDE", "READ MY LIPS, said the mayor, raising a laugh from the back of the hall at the end."],
    ],
)
def test_article_lists_headings_and_captions_stay(kept):
    assert _body(*kept) == [_LEAD, *kept, _MORE, _LAST]


def test_outlet_takes_the_spelling_the_site_gives_itself_in_its_titles():
    text = "The council put off its vote on the harbour wall again, to the dismay of the residents."
    meta = {
        "title": "Harbour wall vote delayed - 9to5Harbour",
        "outlet": "9To5Harbour",
        "url": "https://9to5harbour.com/a",
    }
    article = clean_article(text, fmt="html", meta=meta)
    assert (article.title, article.outlet) == ("Harbour wall vote delayed", "9to5Harbour")
    # a title part that is another name of the site leaves the stated outlet alone
    meta = {"title": "Harbour wall vote delayed | CG", "outlet": "Coast Gazette", "sitename": "CG"}
    article = clean_article(text, fmt="html", meta=meta)
    assert (article.title, article.outlet) == ("Harbour wall vote delayed", "Coast Gazette")


@pytest.mark.parametrize(
    ("first", "split"),
    [
        ("KBAY NEWSPolice found the missing boat", ["KBAY NEWS", "Police found the missing boat"]),
        ("WESTPORTThe harbour council voted", ["WESTPORT", "The harbour council voted"]),
        ("WESTPORT — The harbour council voted", ["WESTPORT — The harbour council voted"]),
        ("NASA said the harbour council voted", ["NASA said the harbour council voted"]),
        ("MPs said the harbour council voted", ["MPs said the harbour council voted"]),
    ],
)
def test_a_dateline_glued_to_the_first_paragraph_is_split_off(first, split):
    tail = " on Tuesday to delay the new sea wall by a year, after residents asked for more time."
    text = f"Harbour wall vote delayed\n\n{first}{tail}\n\n{_MORE}"
    paragraphs = clean_article(text).paragraphs
    assert paragraphs == [*split[:-1], split[-1] + tail, _MORE]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("nyt_2016-09-30_keep-the-returns.txt", "2016-09-30"),
        ("council-minutes-20230314.txt", "2023-03-14"),
        ("20230314.txt", "2023-03-14"),
        # no date: a hash or an id with digits in it, an impossible date, two dates, a bare number
        ("001_7156ec533b67d363.txt", ""),
        ("001_20230314ab.txt", ""),
        ("case120230314.txt", ""),
        ("minutes-2023-02-30.txt", ""),
        ("from_2023-03-14_to_2023-03-20.txt", ""),
        ("2023-0314.txt", ""),
        ("417.txt", ""),
    ],
)
def test_a_file_name_gives_a_date_only_when_it_plainly_is_one(name, date):
    assert file_name_date(name) == date


def test_an_article_with_no_date_of_its_own_takes_its_file_names(tmp_path):
    from index.library import Library

    folder = tmp_path / "texts"
    folder.mkdir()
    body = "Council approves the new bridge\n\nThe council voted on Tuesday to build the bridge across the river.\n"
    (folder / "herald_2023-03-14_bridge.txt").write_text(body, encoding="utf-8")
    dated = "Council approves the tunnel\n\n12 March 2023\n\nThe council voted on Sunday to dig a tunnel.\n"
    (folder / "herald_2023-03-14_tunnel.txt").write_text(dated, encoding="utf-8")
    with Library.open(tmp_path / "library") as library:
        library.add([folder], nlp=False)
        dates = {summary.title: summary.date for summary in library.article_summaries()}
    assert dates == {"Council approves the new bridge": "2023-03-14", "Council approves the tunnel": "2023-03-12"}
