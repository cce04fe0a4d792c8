"""Where an article's outlet comes from: stated names tidied, web hosts named, agency credits read, never a file."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from index.clean import clean_article
from index.library import Library
from index.model import Quote, Report, Statement
from index.outlets import (
    UNKNOWN_OUTLET,
    byline_agency,
    domain_label,
    host_of,
    host_outlet,
    is_file_name,
    known_host_outlet,
    outlet_label,
    site_name_outlet,
)
from index.sources import read_file

BODY = (
    "<p>The harbour council voted on Tuesday to build a new sea wall along the old quay.</p>"
    "<p>“We cannot wait for the next storm,” said council leader Tomas Berg after the vote.</p>"
    "<p>Work is to start in the spring and last two years, the council said in a statement.</p>"
)


def page(head: str, extra: str = "") -> bytes:
    """A small article page with `head` in its <head> (and `extra`, a last paragraph)."""
    return (
        f"<html><head><title>Council approves sea wall</title>{head}</head><body><article>"
        f"<h1>Council approves sea wall</h1>{BODY}<p>{extra}</p></article></body></html>"
    ).encode()


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def cleaned(path: Path):
    [document] = read_file(path)
    return clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)


# ------------------------------------------------------------------------- hosts


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.bbc.co.uk/news/uk-politics-1", "bbc.co.uk"),
        ("http://m.example-news.com:8080/a?b=c", "example-news.com"),
        ("example-news.com/2024/story", "example-news.com"),
        ("/relative/path", ""),
        ("not a url", ""),
        ("", ""),
    ],
)
def test_the_host_of_a_web_address(url, host):
    assert host_of(url) == host


def test_a_well_known_host_has_its_name_and_any_other_host_stands_as_itself():
    assert host_outlet("bbc.co.uk") == "BBC News"
    assert host_outlet("news.bbc.co.uk") == "BBC News"  # a subdomain of a listed host
    assert host_outlet("nytimes.com") == "The New York Times"
    assert known_host_outlet("profootballtalk.nbcsports.com", exact=True) == ""
    assert host_outlet("example-news.com") == "example-news.com"
    assert host_outlet("") == ""


def test_the_host_list_is_well_formed():
    text = resources.files("index").joinpath("data", "outlet_hosts.txt").read_text(encoding="utf-8")
    rows = [line.split("|") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(rows) > 100
    hosts = [row[0] for row in rows]
    assert all(len(row) == 2 and row[1].strip() for row in rows)
    assert all(host == host_of(f"https://{host}/") for host in hosts), "lower case, no www., a real host"
    assert len(hosts) == len(set(hosts))


# --------------------------------------------------------------------- site names


@pytest.mark.parametrize(
    ("name", "host", "outlet"),
    [
        ("The Coastal Gazette", "gazette.example", "The Coastal Gazette"),
        ("@CoastalGazette", "", "CoastalGazette"),  # a twitter:site handle
        ("https://www.facebook.com/coastalgazette", "gazette.example", ""),  # article:publisher as a page
        ("Harbour Daily | Your town's news since 1901", "harbourdaily.example", "Harbour Daily"),
        ("News from the coast - Harbour Daily", "harbourdaily.example", "Harbour Daily"),  # the part naming the host
        ("harbourdaily.example", "harbourdaily.example", ""),  # a bare host: the ingest falls back to it
        ("HarbourDaily.com", "harbourdaily.com", "HarbourDaily.com"),  # a host as the site writes it
        ("bbc.co.uk", "", "BBC News"),
        ("Hosted", "hosted.ap.org", "Associated Press"),  # a subdomain's label names nothing
        ("Blog", "blog.harbourdaily.example", ""),
        ("HarbourTalk", "harbourtalk.harbourdaily.example", "HarbourTalk"),  # a brand on a subdomain stays
        ("Hd", "hd.example", "HD"),  # a short domain label written as a word is an acronym
        ("", "gazette.example", ""),
    ],
)
def test_a_stated_site_name_is_tidied(name, host, outlet):
    assert site_name_outlet(name, host) == outlet


def test_og_site_name_names_the_outlet(tmp_path):
    path = write(tmp_path, "a.html", page('<meta property="og:site_name" content="Harbour Daily">'))
    assert cleaned(path).outlet == "Harbour Daily"


def test_a_json_ld_publisher_names_the_outlet(tmp_path):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves sea wall",
          "publisher": {"@type": "Organization", "name": "Harbour Daily"}}  # fmt: skip
    path = write(tmp_path, "a.html", page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert cleaned(path).outlet == "Harbour Daily"


def test_a_pages_well_known_host_names_it_before_its_site_name(tmp_path):
    head = '<link rel="canonical" href="https://www.bbc.co.uk/news/a"><meta property="og:site_name" content="BBC">'
    assert cleaned(write(tmp_path, "a.html", page(head))).outlet == "BBC News"


def test_a_page_of_an_unknown_host_with_no_site_name_keeps_its_host_for_the_ingest(tmp_path):
    path = write(tmp_path, "a.html", page('<link rel="canonical" href="https://www.harbourdaily.example/a">'))
    article = cleaned(path)
    assert (article.outlet, article.host) == ("", "harbourdaily.example")


def test_a_json_records_source_key_names_the_outlet_and_a_source_domain_gives_a_host(tmp_path):
    records = [
        {"title": "Sea wall", "text": "The council voted for a sea wall.", "source": "Harbour Daily"},
        {"title": "Sea wall", "text": "The council voted for a sea wall.", "source_domain": "nytimes.com"},
        {"title": "Sea wall", "text": "The council voted for a sea wall.", "url": "https://harbour.example/a"},
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(record) for record in records))
    outlets = [clean_article(d.text, fmt=d.format, meta=d.meta).outlet for d in read_file(path)]
    assert outlets == ["Harbour Daily", "The New York Times", ""]


# ------------------------------------------------------------------------ bylines


@pytest.mark.parametrize(
    ("byline", "agency"),
    [
        ("By Jane Doe, Reuters", "Reuters"),
        ("Jane Doe | AFP", "AFP"),
        ("By The Associated Press", "Associated Press"),
        ("STEVE PEOPLES; AP National Political Writer", "Associated Press"),
        ("Tom Krisher; Ap Auto Writer", "Associated Press"),
        ("DANICA KIRKA Associated Press", "Associated Press"),
        ("Jane Doe for Agence France-Presse", "AFP"),
        ("Reuters staff", "Reuters"),
        ("Jane Doe", ""),
        ("By Jane Doe and John Roe", ""),
        ("Pablo Trend", ""),  # a surname that is also an agency's name credits nothing
        ("", ""),
    ],
)
def test_an_agency_credit_in_a_byline(byline, agency):
    assert byline_agency(byline) == agency


def test_a_byline_line_with_an_agency_names_the_outlet_of_a_text():
    text = (
        "Council approves sea wall\n\nBy Jane Doe, Reuters\n\n"
        "The harbour council voted on Tuesday to build a new sea wall along the old quay.\n\n"
        "Work is to start in the spring and last two years, the council said in a statement."
    )
    article = clean_article(text)
    assert (article.outlet, article.byline) == ("Reuters", "Jane Doe, Reuters")


def test_a_byline_of_a_person_alone_names_no_outlet():
    text = (
        "Council approves sea wall\n\nBy Jane Doe\n\n"
        "The harbour council voted on Tuesday to build a new sea wall along the old quay.\n\n"
        "Work is to start in the spring and last two years, the council said in a statement."
    )
    assert clean_article(text).outlet == ""


# -------------------------------------------------------------- file names, ingest


def test_a_file_name_is_recognised():
    assert is_file_name("080.txt", "/corpus/politics/080.txt")
    assert is_file_name("001_7156ec533b67d363.txt", "/seeds/001_7156ec533b67d363.txt")
    assert not is_file_name("Harbour Wire", "/wire/notes.txt")  # a name given with --outlet stays
    assert not is_file_name("Express.co.uk", "/pages/a.html")
    assert not is_file_name("", "/a.txt")
    assert outlet_label("") == UNKNOWN_OUTLET and outlet_label("TURAN") == "TURAN"


def test_an_ingested_file_never_takes_its_file_name_as_outlet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "080.txt", "Council approves sea wall\n\nThe harbour council voted on Tuesday for a sea wall.")
    write(folder, "unknown-host.html", page('<link rel="canonical" href="https://harbourdaily.example/a">'))
    write(folder, "known-host.html", page('<link rel="canonical" href="https://www.reuters.com/a">', "Not a copy."))
    with Library.open(tmp_path / "lib") as library:
        report = library.add([folder], nlp=False)
        outlets = {Path(s.path).name: s.outlet for s in library.article_summaries()}
        assert outlets == {"080.txt": "", "unknown-host.html": "harbourdaily.example", "known-host.html": "Reuters"}
        assert len(report.no_outlet) == 1
        # a name given for the folder goes before a bare host, not before a name the page states
        library.add([folder], nlp=False, outlet="Harbour Wire")
        outlets = {Path(s.path).name: s.outlet for s in library.article_summaries()}
        assert outlets == {"080.txt": "Harbour Wire", "unknown-host.html": "Harbour Wire", "known-host.html": "Reuters"}


# --------------------------------------------------------------------- statements


def report(article_id: str, outlet: str) -> Report:
    quote = Quote(
        id=f"{article_id}:0", article_id=article_id, text="We will win.", kind="direct", start=0, end=12, paragraph=0
    )
    return Report(quote=quote, outlet=outlet, date="", title="")


@pytest.mark.parametrize(
    ("outlets", "named", "cross"),
    [
        (["", ""], [], False),  # two articles of no known outlet
        (["BBC News", "BBC News"], ["BBC News"], False),  # two articles of one outlet
        (["BBC News", ""], ["BBC News"], False),
        (["BBC News", "", "Reuters"], ["BBC News", "Reuters"], True),
    ],
)
def test_a_statement_is_cross_outlet_only_across_two_named_outlets(outlets, named, cross):
    statement = Statement(
        id="s", actor_id="a", speaker="A", text="We will win.",
        reports=[report(f"a{n}", outlet) for n, outlet in enumerate(outlets)],
    )  # fmt: skip
    assert (statement.outlets, statement.cross_outlet) == (named, cross)


# -------------------------------------------------------------------------- shown


def test_the_reports_dialog_and_the_actor_view_name_unknown_outlets_and_keep_long_lists_short():
    from tui.screens.actor import HEADER_OUTLETS, outlets_line
    from tui.screens.reports import reported_by

    statement = Statement(
        id="s", actor_id="a", speaker="A", text="We will win.",
        reports=[report("a0", "TURAN"), report("a1", ""), report("a2", "TURAN")],
    )  # fmt: skip
    assert reported_by(statement) == f"TURAN, {UNKNOWN_OUTLET}"
    assert outlets_line([]) == "unknown"
    many = [f"Outlet {n}" for n in range(HEADER_OUTLETS + 3)]
    assert outlets_line(many).endswith("Outlet 7 and 3 more") and "Outlet 8" not in outlets_line(many)


def test_the_first_report_of_articles_of_no_known_outlet_does_not_depend_on_where_the_files_live(tmp_path):
    """With every outlet "", ties go by title: article ids hash file paths and must not decide."""
    texts = {
        "x.txt": "Sea wall vote passes\n\n",
        "y.txt": "Harbour wall approved\n\n",
    }
    quote = (
        "“We cannot wait for the next storm to take the old quay away from us,” said council leader "
        "Tomas Berg on Tuesday after the vote in the town hall."
    )
    firsts = []
    for place in ("a", "somewhere/else/entirely"):
        folder = tmp_path / place / "in"
        folder.mkdir(parents=True)
        for name, head in texts.items():
            write(folder, name, head + quote + "\n\nWork is to start in the spring, the council said.")
        with Library.open(tmp_path / place / "lib") as library:
            library.add([folder])
            [statement] = library.statements()
            assert [r.outlet for r in statement.reports] == ["", ""] and not statement.cross_outlet
            firsts.append(statement.reports[0].title)
    assert firsts == ["Harbour wall approved", "Harbour wall approved"]


@pytest.mark.parametrize(
    ("host", "label"),
    [("coastgazette.com", "coastgazette"), ("news.coastgazette.co.uk", "coastgazette"), ("localhost", ""), ("", "")],
)
def test_domain_label_names_the_site_of_a_host(host, label):
    assert domain_label(host) == label
