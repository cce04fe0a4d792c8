"""The user's quote corrections: kept in corrections.toml (comments and all), found again after the
extraction renumbers or rewords quotes, applied in linking, and never dropped when their quote goes."""

from __future__ import annotations

import shutil

import pytest

from index.corrections import (
    Correction,
    CorrectionError,
    apply_corrections,
    load_corrections,
    match_corrections,
    remove_correction,
    save_correction,
)
from index.library import Library, LibraryError
from index.model import Actor, Quote
from tests.conftest import SEEDS


def quote(n: int, text: str, *, article: str = "a", start: int = 0, speaker: str = "", **kwargs) -> Quote:
    return Quote(
        text=text,
        kind="direct",
        start=start,
        end=start + len(text),
        paragraph=0,
        cue="said",
        id=f"{article}:{n}",
        article_id=article,
        speaker=speaker,
        **kwargs,
    )


# --- the file ---------------------------------------------------------------------------------------


def test_a_missing_file_has_no_corrections_and_saving_starts_from_a_commented_template(tmp_path):
    path = tmp_path / "config" / "corrections.toml"
    assert load_corrections(path) == []
    saved = save_correction(path, Correction("a", "We will win.", speaker="Jane Doe", start=4))
    assert saved == load_corrections(path) == [Correction("a", "We will win.", "Jane Doe", False, 4)]
    assert path.read_text(encoding="utf-8").startswith("# quotedesk quote corrections")
    assert [p.name for p in path.parent.iterdir()] == ["corrections.toml"]  # atomic: no temporary file left


def test_a_new_correction_of_the_same_quote_replaces_the_old(tmp_path):
    path = tmp_path / "corrections.toml"
    save_correction(path, Correction("a", "We will win.", speaker="Jane Doe"))
    save_correction(path, Correction("b", "Other words.", not_a_quote=True))
    corrections = save_correction(path, Correction("a", "We  will WIN.", not_a_quote=True))
    assert corrections == [
        Correction("b", "Other words.", not_a_quote=True),
        Correction("a", "We  will WIN.", "", True),
    ]
    assert remove_correction(path, "a", "We will win.") == [Correction("b", "Other words.", not_a_quote=True)]
    assert remove_correction(path, "b", "Other words.") == []
    assert "\n[[correction]]" not in path.read_text(encoding="utf-8")


COMMENTED = """\
# Checked against the printed paper, 4 July.
[[correction]]
article = "a"
quote = "We will win."  # the mayor, not the minister
speaker = "Jane Doe"

# The next one is a headline, not a quote.
[[correction]]
article = "b"
quote = "Victory at last"
not_a_quote = true
"""


def test_editing_keeps_the_users_comments(tmp_path):
    path = tmp_path / "corrections.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    save_correction(path, Correction("c", "Not now.", speaker="John Kirby"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED)  # nothing before the new entry changed
    remove_correction(path, "b", "Victory at last")
    text = path.read_text(encoding="utf-8")
    for comment in ("# Checked against the printed paper", "# the mayor, not the minister", "# The next one"):
        assert comment in text
    assert [c.article_id for c in load_corrections(path)] == ["a", "c"]


@pytest.mark.parametrize(
    "text",
    [
        "[[correction]\n",
        'colour = "red"\n',
        '[[correction]]\narticle = "a"\n',
        '[[correction]]\narticle = "a"\nquote = "x"\n',
        '[[correction]]\narticle = "a"\nquote = "x"\nspeaker = "Jane"\nnot_a_quote = true\n',
        '[[correction]]\narticle = "a"\nquote = "x"\nspeaker = "Jane"\nwho = "?"\n',
    ],
)
def test_a_malformed_file_is_one_sentence_and_no_edit_changes_it(tmp_path, text):
    path = tmp_path / "corrections.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionError) as error:
        load_corrections(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(CorrectionError):
        save_correction(path, Correction("z", "y", speaker="X"))
    assert path.read_text(encoding="utf-8") == text


# --- finding the quote again ------------------------------------------------------------------------


def test_a_correction_finds_its_quote_renumbered_reworded_or_said_twice():
    corrections = [
        Correction("a", "We will win this war, whatever it takes.", speaker="Jane Doe"),
        Correction("a", "No comment.", speaker="John Kirby", start=300),
        Correction("a", "This quote is gone.", not_a_quote=True),
        Correction("b", "Elsewhere entirely.", not_a_quote=True),
    ]
    quotes = [
        quote(0, "Something new at the top."),
        quote(1, "No comment.", start=10),
        quote(2, "we will win this war, whatever it takes, and soon", start=100),  # reworded by the extraction
        quote(3, "No comment.", start=310),
        quote(4, "Another remark entirely."),
    ]
    assert match_corrections(corrections, quotes) == ["a:2", "a:3", "", ""]


def test_applying_leaves_out_a_not_a_quote_and_credits_the_speaker_surely():
    kirby = Actor(id="john-kirby", name="John Kirby", kind="person", aliases=["Kirby", "Admiral Kirby"])
    quotes = [
        quote(0, "A headline.", speaker="John Kirby", speaker_id="john-kirby"),
        quote(1, "We will win.", speaker="Charles Kennedy", speaker_id="charles-kennedy", speaker_confidence=0.4),
        quote(2, "Not now.", speaker_via="he", speaker_evidence="pronoun", speaker_confidence=0.5),
        quote(3, "Untouched.", speaker="John Kirby", speaker_id="john-kirby"),
    ]
    corrections = [
        Correction("a", "A headline.", not_a_quote=True),
        Correction("a", "We will win.", speaker="Prince Charles"),
        Correction("a", "Not now.", speaker="admiral kirby"),
    ]
    applied = apply_corrections(corrections, quotes, [kirby], lambda article_id: "BBC")
    assert [q.id for q in applied.quotes] == ["a:1", "a:2", "a:3"]
    charles, kirby_quote, untouched = applied.quotes
    assert (charles.speaker, charles.speaker_id) == ("Prince Charles", "prince-charles")
    assert (kirby_quote.speaker, kirby_quote.speaker_id) == ("John Kirby", "john-kirby")
    for corrected in (charles, kirby_quote):
        assert corrected.speaker_evidence == "corrected" and corrected.speaker_confidence == 1.0
        assert not corrected.doubtful
    assert untouched is quotes[3]
    (new,) = applied.new_actors
    assert (new.name, new.kind, new.articles, new.outlets) == ("Prince Charles", "person", ["a"], ["BBC"])
    assert sorted(applied.rows) == [
        ("a", 0, "A headline.", "", "", True),
        ("a", 1, "We will win.", "Prince Charles", "prince-charles", False),
        ("a", 2, "Not now.", "John Kirby", "john-kirby", False),
    ]
    assert quotes[1].speaker == "Charles Kennedy"  # the inputs are not changed


# --- in a library -------------------------------------------------------------------------------------


def test_a_correction_relinks_quotes_statements_and_counts(seeded_library):
    statement = next(s for s in seeded_library.statements() if len(s.reports) == 2)
    first, second = (report.quote for report in statement.reports)
    seeded_library.correct_quote(second.id, speaker="Jane Doe")
    corrected = seeded_library.find_quote(second.id)
    assert (corrected.speaker, corrected.speaker_evidence, corrected.speaker_confidence) == (
        "Jane Doe",
        "corrected",
        1.0,
    )
    jane = seeded_library.find_actor("Jane Doe")
    assert jane.quote_count == 1 and [q.id for q in seeded_library.quotes(actor_id=jane.id)] == [second.id]
    assert second.id not in {q.id for q in seeded_library.quotes(actor_id=statement.actor_id)}
    assert statement.id not in {s.id for s in seeded_library.statements()}  # one report left: no statement
    # Removing the correction puts everything back.
    seeded_library.clear_correction(second.id)
    assert seeded_library.find_quote(second.id).speaker == first.speaker
    assert statement.id in {s.id for s in seeded_library.statements()}


def test_a_quote_corrected_to_a_known_actor_makes_them_an_actor_of_that_article(seeded_library):
    """In the article's actors (sidebar), the actor's articles and outlets, and search's actor field,
    as an office resolved from the library does; clearing the correction takes them away again."""
    library = seeded_library
    kirby = library.find_actor("John Kirby")
    target = next(q for q in library.quotes() if q.article_id not in library.actor_articles(kirby.id))
    article = target.article_id

    def counted() -> tuple[bool, bool, bool]:
        actors = {entry.actor.id for entry in library.article_actors(article)}
        searched = {hit.article_id for hit in library.search('actor:"john kirby"', limit=None).hits}
        return kirby.id in actors, article in library.actor_articles(kirby.id), article in searched

    assert counted() == (False, False, False)
    library.correct_quote(target.id, speaker="John Kirby")
    assert counted() == (True, True, True)
    (entry,) = [e for e in library.article_actors(article) if e.actor.id == kirby.id]
    assert entry.mentions == 1
    outlet = library.article(article).outlet
    assert not outlet or outlet in library.actor(kirby.id).outlets
    library.clear_correction(target.id)
    assert counted() == (False, False, False)


def test_a_quote_corrected_to_an_actor_the_article_names_already_counts_no_more_mentions(seeded_library):
    library = seeded_library
    kirby = library.find_actor("John Kirby")
    article = library.actor_articles(kirby.id)[0]
    target = next(q for q in library.quotes(article_id=article) if q.speaker_id != kirby.id)

    def entry() -> tuple[int, list[str]]:
        (found,) = [e for e in library.article_actors(article) if e.actor.id == kirby.id]
        return found.mentions, found.roles

    before = entry()
    library.correct_quote(target.id, speaker="John Kirby")
    assert entry() == before  # the article's own mentions of him, not one more for the correction
    assert library.actor(kirby.id).articles.count(article) == 1
    assert target.id in {q.id for q in library.quotes(actor_id=kirby.id)}


def test_not_a_quote_is_left_out_of_quotes_statements_and_search(seeded_library):
    statement = next(s for s in seeded_library.statements() if len(s.reports) == 2)
    gone = statement.reports[1].quote
    before = len(seeded_library.quotes())
    seeded_library.correct_quote(gone.id, not_a_quote=True)
    assert len(seeded_library.quotes()) == before - 1
    assert gone.id not in {q.id for q in seeded_library.quotes(article_id=gone.article_id)}
    assert gone.id not in {r.quote.id for s in seeded_library.statements() for r in s.reports}
    with pytest.raises(KeyError):
        seeded_library.quote(gone.id)
    assert seeded_library.find_quote(gone.id).text == gone.text  # still found to undo it
    (status,) = seeded_library.corrections()
    assert status.quote_id == gone.id and status.correction.not_a_quote


def test_a_correction_survives_reindex_with_nlp(seeded_library):
    target = next(q for q in seeded_library.quotes() if q.speaker == "John Kirby")
    seeded_library.correct_quote(target.id, speaker="Dmitry Peskov")
    seeded_library.reindex(nlp=True)
    again = next(q for q in seeded_library.quotes(article_id=target.article_id) if q.text == target.text)
    assert again.speaker == "Dmitry Peskov" and again.speaker_evidence == "corrected"


@pytest.fixture
def seed_folder(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_correction_survives_re_ingest_that_renumbers_its_quote_and_is_kept_when_its_quote_goes(
    seed_folder, tmp_path
):
    with Library.open(tmp_path / "library") as library:
        library.add([seed_folder])
        target = next(q for q in library.quotes() if q.text.startswith("The Western support has two targets"))
        library.correct_quote(target.id, speaker="Jane Doe")
        path = seed_folder / library.article(target.article_id).path.rsplit("/", 1)[-1]
        text = path.read_text(encoding="utf-8")
        title, rest = text.split("\n", 1)
        # A new paragraph with a quote before the rest: every later quote gets a new number.
        path.write_text(f'{title}\n\n"We have no plans to stop," Jane Roe said on Tuesday.\n{rest}', encoding="utf-8")
        report = library.add([seed_folder])
        assert report.updated
        again = next(q for q in library.quotes(article_id=target.article_id) if q.text == target.text)
        assert again.id != target.id
        assert again.speaker == "Jane Doe" and again.speaker_evidence == "corrected"
        # The quote's paragraph goes: the correction stays in the file, reported, not applied elsewhere.
        path.write_text(
            "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "two targets" not in line),
            encoding="utf-8",
        )
        library.add([seed_folder])
        (status,) = library.corrections()
        assert status.quote_id == "" and status.reason == "its quote is no longer found in the article"
        assert "two targets" in library.corrections_file().read_text(encoding="utf-8")
        assert "Jane Doe" not in {q.speaker for q in library.quotes()}


def test_correcting_needs_a_real_quote_and_one_kind_of_correction(seeded_library):
    with pytest.raises(LibraryError, match="not a quote id"):
        seeded_library.correct_quote("nonsense", speaker="X")
    article = seeded_library.article_summaries()[0]
    with pytest.raises(LibraryError, match="has no quote 999"):
        seeded_library.correct_quote(f"{article.id[:8]}:999", speaker="X")
    target = seeded_library.quotes()[0]
    with pytest.raises(LibraryError, match="either"):
        seeded_library.correct_quote(target.id)
    with pytest.raises(LibraryError, match="no correction"):
        seeded_library.clear_correction(target.id)
    seeded_library.correct_quote(f"{target.article_id[:8]}:{target.id.rpartition(':')[2]}", speaker="Jane Doe")
    assert seeded_library.find_quote(target.id).speaker == "Jane Doe"
