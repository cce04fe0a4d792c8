"""The SQLite store's schema: migrations keep what an older library holds."""

from __future__ import annotations

import sqlite3

from index.model import Enrichment, RawQuote
from index.store import MIGRATIONS, SCHEMA_VERSION, Store


def _old_library(path, version: int) -> None:
    """A library file as quotedesk wrote it at schema `version`, with one stored quote."""
    db = sqlite3.connect(path)
    for target in range(1, version + 1):
        db.executescript(MIGRATIONS[target])
    db.execute(
        'INSERT INTO raw_quotes (article_id, n, text, kind, start, "end", paragraph, cue, speaker_text, '
        "speaker_start, speaker_end, speaker_key) "
        "VALUES ('a1', 0, 'We will win.', 'direct', 0, 12, 0, 'said', 'Ida Moss', 14, 22, NULL)"
    )
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


def test_a_version_3_library_gains_the_speaker_evidence_and_keeps_its_quotes(tmp_path):
    path = tmp_path / "library.sqlite3"
    _old_library(path, 3)
    store = Store(path)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (enrichment,) = list(store.enrichments())
        (quote,) = enrichment.quotes
        assert (quote.text, quote.speaker_text) == ("We will win.", "Ida Moss")
        # stored before evidence was recorded: not known, never taken for sure
        assert (quote.speaker_evidence, quote.speaker_confidence) == ("", -1.0)
    finally:
        store.close()


def test_speaker_evidence_round_trips(tmp_path):
    store = Store(tmp_path / "library.sqlite3")
    try:
        quote = RawQuote(
            text="We will win.", kind="direct", start=0, end=12, paragraph=0, cue="said",
            speaker_text="Ida Moss", speaker_evidence="pronoun", speaker_via="she",
            speaker_confidence=0.7, speaker_kind="person", speaker_how="pronoun-antecedent",
        )  # fmt: skip
        with store.transaction():
            store.put_enrichment(Enrichment("a1", [], [quote]))
        (stored,) = next(iter(store.enrichments())).quotes
        assert stored == quote
    finally:
        store.close()


def test_an_articles_body_reads_alone(tmp_path):
    # (statement linking reads bodies for the occasion they name: the body only, not the original)
    from index.model import Article

    store = Store(tmp_path / "library.sqlite3")
    try:
        article = Article(
            id="a1", path="a.txt", title="T", paragraphs=["One.", "Two."], original="<html>One. Two.</html>"
        )
        with store.transaction():
            store.put_article(article, "a.txt")
        assert store.article_body("a1") == store.article("a1").body == article.body
        assert store.article_body("missing") is None
    finally:
        store.close()


def test_a_version_4_library_loses_the_file_names_it_stored_as_outlets(tmp_path):
    """Older versions stored the file name when nothing named the outlet; it is no outlet."""
    path = tmp_path / "library.sqlite3"
    _old_library(path, 4)
    db = sqlite3.connect(path)
    rows = [
        ("a1", "/corpus/politics/080.txt", "080.txt"),  # the old fallback
        ("a2", "/corpus/seeds/000_6847d38faeedb502.txt", "TURAN"),  # named by its text
        ("a3", "/corpus/feed.jsonl", "feed.jsonl"),  # a JSON record's fallback was its file's name
        ("a4", "/corpus/wire/notes.txt", "Harbour Wire"),  # given with --outlet
    ]
    for article_id, file_path, outlet in rows:
        db.execute(
            "INSERT INTO articles (id, path, file_path, title, outlet, body, content_hash, indexed) "
            "VALUES (?, ?, ?, 'T', ?, 'B', ?, 1)",
            (article_id, file_path if article_id != "a3" else file_path + "#1", file_path, outlet, article_id),
        )
    db.execute(
        "INSERT INTO bookmarks (kind, article_id, created, source) VALUES ('article', 'a1', 'now', '080.txt'), "
        "('article', 'a2', 'now', 'TURAN')"
    )
    db.execute(
        "INSERT INTO actors VALUES ('kirby', 'John Kirby', 'person', '[]', '[]', '[]', "
        '\'["080.txt", "TURAN", "feed.jsonl", "Harbour Wire"]\', 3, 1)'
    )
    db.commit()
    db.close()
    store = Store(path)
    try:
        outlets = dict(store.db.execute("SELECT id, outlet FROM articles").fetchall())
        assert outlets == {"a1": "", "a2": "TURAN", "a3": "", "a4": "Harbour Wire"}
        assert set(store.article_ids(indexed=False)) == {"a1", "a3"}  # their index documents still say otherwise
        assert [b.outlet for b in store.bookmarks()] == ["", "TURAN"]
        assert store.actor("kirby").outlets == ["TURAN", "Harbour Wire"]
    finally:
        store.close()


def test_a_version_8_library_with_quotes_is_relinked_for_office_speakers_and_a_new_one_is_not(tmp_path):
    path = tmp_path / "library.sqlite3"
    _old_library(path, 8)
    store = Store(path)
    try:
        assert store.links_dirty(), "the next run resolves offices from the library"
        assert [q.speaker for q in store.quotes()] == ["Ida Moss"]
    finally:
        store.close()
    fresh = Store(tmp_path / "fresh.sqlite3")
    try:
        assert not fresh.links_dirty()
    finally:
        fresh.close()


def test_a_version_9_library_reads_back_the_rule_behind_each_speaker_and_is_relinked_where_offices_were(tmp_path):
    """Schema 10 records the rule (RawQuote.speaker_how); an older analysis gets it back from its
    evidence and confidence where only one rule gave that pair (a person resolved by a role with 0.8:
    the previous speaker's, never a body's); a library with resolved offices is relinked (their
    holders become actors of the articles)."""
    path = tmp_path / "library.sqlite3"
    _old_library(path, 9)
    db = sqlite3.connect(path)
    rows = [
        (1, "role", 0.8, "person"),  # the previous speaker's: role-continuity
        (2, "role", 0.8, "org"),  # the body a spokesman speaks for, or the previous speaker's: not known
        (3, "role", 0.5, "person"),  # role-recent
        (4, "role", 0.9, "person"),  # role-known
        (5, "named", 0.95, "person"),  # subject or apposition: not known
        (6, "carried", 0.76, "person"),  # the carried confidence is the product of two
        (7, "unresolved", 0.3, "person"),
    ]
    db.executemany(
        'INSERT INTO raw_quotes (article_id, n, text, kind, start, "end", paragraph, cue, speaker_text, '
        "speaker_start, speaker_end, speaker_key, speaker_evidence, speaker_confidence, speaker_kind) "
        "VALUES ('a1', ?, 'x', 'direct', 0, 1, 0, 'said', 'The prime minister', 2, 20, 0, ?, ?, ?)",
        rows,
    )
    db.execute("INSERT INTO office_speakers VALUES ('a1', 7, 'tony-blair', '3 articles name Tony Blair', 0.55)")
    db.commit()
    db.close()
    store = Store(path)
    try:
        (enrichment,) = list(store.enrichments())
        assert [q.speaker_how for q in enrichment.quotes] == [
            "", "role-continuity", "", "role-recent", "role-known", "", "carried", "unresolved",
        ]  # fmt: skip
        assert store.links_dirty(), "the next run makes office holders actors of their articles"
    finally:
        store.close()
    plain = tmp_path / "plain.sqlite3"
    _old_library(plain, 9)
    store = Store(plain)
    try:
        assert not store.links_dirty()  # no office was resolved: nothing to redo
        assert next(iter(store.enrichments())).quotes[0].speaker_how == ""
    finally:
        store.close()
