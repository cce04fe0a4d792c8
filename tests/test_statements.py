"""Statements: linking one speaker's quotes across outlets, ordering reports, word diffs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.model import Quote
from index.statements import QuoteMeta, link_statements, same_statement, word_diff

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quote(qid, article, text, speaker="john-kirby", kind="direct"):
    return Quote(
        id=qid,
        article_id=article,
        text=text,
        kind=kind,
        start=0,
        end=len(text),
        paragraph=0,
        speaker="John Kirby" if speaker == "john-kirby" else speaker,
        speaker_id=speaker,
    )


META = {
    "a": QuoteMeta("Turan", "2022-07-06", "No indication"),
    "b": QuoteMeta("RT", "2022-07-04", "Not yet time"),
    "c": QuoteMeta("AP", "", "Undated"),
    "d": QuoteMeta("BBC", "2022-07-06", "Same day"),
}

FULL = "Everything we see out of the Kremlin tells us that Mr. Putin wants to continue to fight this war"


def test_trimmed_and_extended_reports_link():
    assert same_statement(FULL, "Mr. Putin wants to continue to fight this war")
    assert same_statement("no indication", "has shown no indication that he is interested in negotiated talks")


def test_lightly_reworded_reports_link():
    # Machine translations of one statement.
    assert same_statement(
        "Russia has put a weapon to the head of Ukraine",
        "the Russian Federation has put arms at the head of Ukraine",
    )
    # MemeTracker: one word changed in a six-word quote.
    assert same_statement("we will not be intimidated today", "we will not be threatened today")


def test_different_statements_of_one_speaker_stay_apart():
    assert not same_statement(
        "which is why we're going to do what we can to support Ukraine and their ability to succeed on the battlefield",
        "time for the US to continue to support Ukraine",
    )
    assert not same_statement("Not now.", "Not now.")  # no content word: no evidence
    assert not same_statement(FULL, "We do not want to see Ukraine defeated by Russia")


def test_indirect_report_links_to_partial_through_a_phrase_only_the_speaker_uses():
    indirect = "it sees 'no indication' of Russia's Vladimir Putin being willing to negotiate at all"
    partial = "has shown no indication that he is interested in negotiated talks"
    assert not same_statement(indirect, partial)
    assert same_statement(indirect, partial, distinctive={("no", "indication")})
    quotes = [
        quote("a1", "a", indirect, kind="indirect"),
        quote("b1", "b", partial, kind="partial"),
        quote("c1", "c", "There is no indication of that", speaker="ned-price"),
    ]
    # "no indication" is used by another speaker too, so it is not distinctive any more.
    assert link_statements(quotes[:2], META) and not link_statements(quotes, META)


def test_statement_collects_reports_in_date_order():
    quotes = [
        quote("c1", "c", FULL),
        quote("a1", "a", "Mr. Putin wants to continue to fight this war"),
        quote("d1", "d", "Putin wants to continue to fight this war"),
        quote("b1", "b", FULL + "."),
        quote("a2", "a", "We respect that."),
    ]
    statements = link_statements(quotes, META)
    assert len(statements) == 1
    statement = statements[0]
    # Earliest first; same day ordered by outlet name; undated last.
    assert [r.outlet for r in statement.reports] == ["RT", "BBC", "Turan", "AP"]
    assert statement.text == FULL + "." and statement.first_outlet == "RT"
    assert statement.actor_id == "john-kirby" and statement.speaker == "John Kirby"
    assert statement.reports[0].diff == [("=", FULL + ".")]
    trimmed = next(r for r in statement.reports if r.outlet == "Turan")
    assert trimmed.diff[0] == ("-", "Everything we see out of the Kremlin tells us that")
    assert {q.statement_id for q in quotes[:4]} == {statement.id} and quotes[4].statement_id == ""
    # Stable: the same input gives the same id.
    assert link_statements(quotes, META)[0].id == statement.id


def test_different_speakers_never_link():
    quotes = [quote("a1", "a", FULL), quote("b1", "b", FULL, speaker="ned-price")]
    assert link_statements(quotes, META) == []


def test_one_article_alone_is_not_a_statement_and_unknown_speakers_are_skipped():
    quotes = [quote("a1", "a", FULL), quote("a2", "a", FULL), quote("b1", "b", FULL, speaker="")]
    assert link_statements(quotes, META) == []
    assert all(q.statement_id == "" for q in quotes)


def test_word_diff_marks_changed_words():
    assert word_diff("we will not be intimidated", "we will not be threatened today") == [
        ("=", "we will not be"),
        ("-", "intimidated"),
        ("+", "threatened today"),
    ]
    # Case and punctuation are no change.
    assert word_diff('"No indication,"', "no indication") == [("=", "no indication")]


words = st.lists(st.sampled_from(["we", "will", "not", "Be", "intimidated,", "today", "war"]), max_size=12)


@given(words, words)
def test_word_diff_reconstructs_both_texts(a, b):
    diff = word_diff(" ".join(a), " ".join(b))
    new = " ".join(text for op, text in diff if op in "=+").split()
    assert new == b
    old_count = sum(len(text.split()) for op, text in diff if op in "=-")
    assert old_count == len(a)
    assert all(diff[i][0] != diff[i + 1][0] for i in range(len(diff) - 1))


def test_seed_kirby_statement_from_two_outlets_is_one_statement():
    """The acceptance case: seed 000 and 001 both report Kirby's "no indication"."""
    text_000 = (SEEDS / "000_6847d38faeedb502.txt").read_text(encoding="utf-8")
    text_001 = (SEEDS / "001_7156ec533b67d363.txt").read_text(encoding="utf-8")
    partial_001 = "has shown no indication that he is interested in negotiated talks"
    assert partial_001 in text_001
    indirect_000 = "it sees 'no indication' of Russia's Vladimir Putin being willing to negotiate at all"
    assert indirect_000 in text_000
    # Whichever span the extractor takes for seed 000, it links to the 001 report.
    for text in ("no indication", indirect_000):
        quotes = [
            quote("000-1", "000", text, kind="partial"),
            quote("001-1", "001", partial_001, kind="partial"),
            quote("001-2", "001", "time for the US to continue to support Ukraine", kind="partial"),
            quote(
                "000-2",
                "000",
                "which is why we’re going to do what we can – not just the U.S. but nations "
                "around the world – to support Ukraine and their ability to succeed on the battlefield.",
            ),
        ]
        meta = {"000": QuoteMeta("Turan", "2023-02-22", ""), "001": QuoteMeta("Daily", "2022-07-04", "")}
        statements = link_statements(quotes, meta)
        assert len(statements) == 1, text
        assert [r.quote.id for r in statements[0].reports] == ["001-1", "000-1"]


@pytest.mark.slow
def test_seed_kirby_statement_end_to_end():
    """Through the real pipeline: needs the extractor to attribute seed 000's quote to Kirby."""
    from index.actors import ActorEntry, attach_speakers, local_actors, resolve_actors
    from index.nlp import load_pipeline
    from index.quotes import extract_quotes

    pipeline = load_pipeline()
    if not pipeline.has_ner:
        pytest.skip("the English spaCy model is not installed")
    entries, raw = [], {}
    for name in ("000_6847d38faeedb502.txt", "001_7156ec533b67d363.txt"):
        doc = pipeline.nlp((SEEDS / name).read_text(encoding="utf-8"))
        actors = local_actors(doc)
        quotes = extract_quotes(doc)
        attach_speakers(quotes, actors, doc.text)
        raw[name[:3]] = quotes
        entries += [ActorEntry(name[:3], name[:3], actor) for actor in actors]
    resolution = resolve_actors(entries)
    quotes = []
    for article, items in raw.items():
        for number, item in enumerate(items):
            speaker = resolution.assignment.get((article, item.speaker_key), "") if item.speaker_key is not None else ""
            quotes.append(
                Quote(
                    id=f"{article}-{number}",
                    article_id=article,
                    text=item.text,
                    kind=item.kind,
                    start=item.start,
                    end=item.end,
                    paragraph=item.paragraph,
                    cue=item.cue,
                    speaker=speaker,
                    speaker_id=speaker,
                )
            )
    statements = link_statements(quotes, {a: QuoteMeta(a, "", "") for a in raw})
    kirby = [s for s in statements if s.actor_id == "john-kirby"]
    assert kirby
    assert any("no indication" in r.quote.text.lower() for s in kirby for r in s.reports)
