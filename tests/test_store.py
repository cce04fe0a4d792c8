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
        "INSERT INTO raw_quotes VALUES ('a1', 0, 'We will win.', 'direct', 0, 12, 0, 'said', 'Ida Moss', 14, 22, NULL)"
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
            speaker_confidence=0.7, speaker_kind="person",
        )  # fmt: skip
        with store.transaction():
            store.put_enrichment(Enrichment("a1", [], [quote]))
        (stored,) = next(iter(store.enrichments())).quotes
        assert stored == quote
    finally:
        store.close()
