"""Feeds, OPML and article pages for the feed, URL and watch tests (written here, served on 127.0.0.1)."""

from __future__ import annotations

from xml.sax.saxutils import escape

WORDS = (
    "The council met on Tuesday to weigh the new budget for the city's schools and parks.",
    "Officials said the plan would add forty teachers and repair two bridges before winter.",
    "Critics argued that the spending came too late for families who had already moved away.",
    "The mayor told reporters the vote would take place next month after a public hearing.",
    "Residents packed the hall and several of them asked for more money for the libraries.",
)


def article_paragraphs(topic: str, count: int = 5) -> list[str]:
    """Prose of a news article about `topic`, long enough for an extractor to take it for one."""
    return [f"{WORDS[n % len(WORDS)]} The {topic} story continues in paragraph {n + 1}." for n in range(count)]


def article_page(title: str, topic: str, *, site: str = "Example Site") -> str:
    """A web page with chrome around one article."""
    body = "\n".join(f"<p>{escape(text)}</p>" for text in article_paragraphs(topic))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{escape(title)}</h1>{body}</article>
<footer>Copyright {escape(site)}. All rights reserved.</footer></body></html>"""


def rss2(title: str, items: list[dict[str, str]], *, full: bool = False) -> str:
    """RSS 2.0; items have title, link, date (RFC 822), author, summary, and with `full` the
    article as content:encoded."""
    parts = []
    for item in items:
        content = ""
        if full:
            paragraphs = "".join(f"<p>{text}</p>" for text in article_paragraphs(item["topic"]))
            content = f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        parts.append(
            f"""<item><title>{escape(item["title"])}</title><link>{escape(item["link"])}</link>
<guid>{escape(item.get("guid", item["link"]))}</guid>
<pubDate>{item.get("date", "Tue, 01 Dec 2026 09:00:00 GMT")}</pubDate>
<dc:creator>{escape(item.get("author", "Jo Reporter"))}</dc:creator>
<description>{escape(item.get("summary", "A short summary."))}</description>{content}</item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link><description>News</description>
{"".join(parts)}
</channel></rss>"""


def rss1(title: str, items: list[dict[str, str]]) -> str:
    """RSS 1.0 (RDF)."""
    parts = "".join(
        f"""<item rdf:about="{escape(item["link"])}"><title>{escape(item["title"])}</title>
<link>{escape(item["link"])}</link><description>{escape(item.get("summary", "A short summary."))}</description>
<dc:date>{item.get("date", "2026-11-30T08:00:00Z")}</dc:date>
<dc:creator>{escape(item.get("author", "Ann Writer"))}</dc:creator></item>"""
        for item in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1/rdf"><title>{escape(title)}</title><link>http://127.0.0.1/</link>
<description>News</description></channel>
{parts}
</rdf:RDF>"""


def atom(title: str, items: list[dict[str, str]], *, full: bool = True) -> str:
    """Atom 1.0; with `full`, each entry's content holds the article."""
    parts = []
    for item in items:
        content = ""
        if full:
            paragraphs = "".join(f"<p>{escape(text)}</p>" for text in article_paragraphs(item["topic"]))
            content = f'<content type="html">{escape(paragraphs)}</content>'
        parts.append(
            f"""<entry><title>{escape(item["title"])}</title><link href="{escape(item["link"])}"/>
<id>{escape(item.get("guid", item["link"]))}</id><updated>{item.get("date", "2026-11-29T07:00:00Z")}</updated>
<author><name>{escape(item.get("author", "Sam Atom"))}</name></author>
<summary>{escape(item.get("summary", "A short summary."))}</summary>{content}</entry>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title><id>urn:feed</id>
<updated>2026-11-29T07:00:00Z</updated><link href="http://127.0.0.1/"/>
{"".join(parts)}
</feed>"""


def opml(feeds: list[tuple[str, str]]) -> str:
    outlines = "".join(
        f'<outline text="{escape(title)}" title="{escape(title)}" type="rss" xmlUrl="{escape(url)}"/>'
        for title, url in feeds
    )
    return f"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head>
<body><outline text="News">{outlines}</outline></body></opml>"""


def write_demo_site(folder, base: str, *, more: bool = False) -> list[str]:
    """Two feeds and their pages in `folder`, for a server at `base` (the README's walk-through):
    bugle.xml carries its articles (RSS 2.0), herald.xml only summaries (RSS 1.0) whose pages are
    in news/. With `more`, each feed gains an entry. Returns the files written."""
    from pathlib import Path

    root = Path(folder)
    (root / "news").mkdir(parents=True, exist_ok=True)
    bugle = ["parks", "roads"] + (["ports"] if more else [])
    herald = ["schools", "bridges"] + (["libraries"] if more else [])

    def entries(names: list[str], verb: str) -> list[dict[str, str]]:
        return [{"title": f"{n.title()} plan {verb}", "link": f"{base}/news/{n}.html", "topic": n} for n in names]

    written = []
    for name, text in (
        ("bugle.xml", rss2("Daily Bugle", entries(bugle, "approved"), full=True)),
        ("herald.xml", rss1("Herald", entries(herald, "delayed"))),
    ):
        (root / name).write_text(text, encoding="utf-8")
        written.append(name)
    for topic in herald:
        page = root / "news" / f"{topic}.html"
        page.write_text(article_page(f"{topic.title()} plan delayed", topic, site="Herald"), encoding="utf-8")
        written.append(f"news/{page.name}")
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a demo site with two feeds (see README, Following feeds).")
    parser.add_argument("folder")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--more", action="store_true", help="add a new entry to each feed")
    options = parser.parse_args()
    print("\n".join(write_demo_site(options.folder, options.base, more=options.more)))
