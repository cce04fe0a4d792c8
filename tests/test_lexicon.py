"""The lexicon and the gazetteer are data: well-formed word lists, lists built from their shared
words, and place files that ship inside the package and are read once."""

from __future__ import annotations

import re
from importlib import resources

from index import lexicon
from index.places import canonical_place, gazetteer, is_known_place, place_key, place_variants

WORD_LISTS = {name: value for name, value in vars(lexicon).items() if name.isupper() and isinstance(value, frozenset)}


def test_every_word_list_is_a_set_of_lowercase_words():
    assert len(WORD_LISTS) > 30
    for name, words in WORD_LISTS.items():
        assert words, name
        bad = [w for w in words if not isinstance(w, str) or w != w.lower() or not w or re.search(r"\s", w)]
        assert not bad, (name, bad)


def test_lists_that_share_words_are_built_from_one_core():
    assert lexicon.ROLE_NOUNS <= lexicon.TITLE_WORDS and lexicon.ROLE_NOUNS <= lexicon.PERSON_NOUNS
    assert lexicon.ROLE_MODIFIERS | lexicon.PORTFOLIOS | lexicon.NEWSROOM_ROLES <= lexicon.TITLE_WORDS
    assert lexicon.ROLE_HEADS == lexicon.TITLE_WORDS - lexicon.ROLE_MODIFIERS
    assert lexicon.PORTFOLIOS <= lexicon.OFFICE_WORDS
    assert lexicon.NEWSROOM_ROLES <= lexicon.JOURNALIST_NOUNS
    assert lexicon.BODY_NOUNS <= lexicon.ORG_NOUNS and lexicon.BODY_NOUNS <= lexicon.ORG_CUES
    assert lexicon.PERSON_PRONOUNS <= lexicon.PERSON_PRONOUN_FORMS <= lexicon.PRONOUNS
    assert lexicon.SUBJECT_PRONOUNS <= lexicon.PRONOUNS
    assert lexicon.DEMONYMS <= lexicon.DEMONYM_FORMS and "ukrainians" in lexicon.DEMONYM_FORMS


def test_verbs_with_a_special_reading_are_reporting_verbs():
    # the extractor only asks these of a token it already took for a reporting verb
    for special in (
        lexicon.QUOTE_ONLY_VERBS,
        lexicon.INFINITIVE_VERBS,
        lexicon.NOUN_CONTENT_VERBS,
        lexicon.GERUND_CONTENT_VERBS,
        lexicon.ACCUSING_VERBS,
        frozenset(lexicon.PREPOSITION_CONTENT_VERBS),
    ):
        cues = lexicon.REPORTING_VERBS | lexicon.CONTENT_CUE_VERBS
        assert special <= cues, special - cues
    assert set(lexicon.IRREGULAR_FORMS) <= lexicon.REPORTING_VERBS
    # the verbs that report only through a content of one shape are never a quotation's cue
    assert lexicon.BLAMING_VERBS | lexicon.CITING_VERBS | lexicon.DOCUMENT_VERBS <= lexicon.CONTENT_CUE_VERBS
    assert not lexicon.CONTENT_CUE_VERBS & lexicon.REPORTING_VERBS


def test_possessive_ending_matches_the_possessive_marks():
    for mark in lexicon.POSSESSIVE_MARKS:
        assert lexicon.POSSESSIVE_ENDING.sub("", "Putin" + mark) == "Putin"
    assert lexicon.POSSESSIVE_ENDING.sub("", "KYIV'S") == "KYIV"
    assert lexicon.POSSESSIVE_ENDING.sub("", "Kyiv") == "Kyiv"


def test_the_place_files_ship_inside_the_package():
    data = resources.files("index").joinpath("data")
    assert data.joinpath("places.txt").is_file() and data.joinpath("place_variants.txt").is_file()


def test_the_gazetteer_is_read_once_and_knows_spelling_variants():
    assert gazetteer() is gazetteer() and place_variants() is place_variants()
    assert len(gazetteer()) > 400
    assert not any(name.startswith("#") for name in gazetteer().values())
    assert is_known_place("Kiev") and is_known_place("São Paulo") and is_known_place("Washington, D.C.")
    assert not is_known_place("Kirby")
    assert canonical_place("Kiev") == "Kyiv" and canonical_place("Paris") is None
    assert place_key("Kiev") == place_key("Kyiv") != place_key("Ukraine")


def test_the_body_equivalents_ship_inside_the_package_and_are_read_once():
    from index.actors.bodies import bodies, body_key, canonical_body

    assert resources.files("index").joinpath("data", "bodies.txt").is_file()
    assert bodies() is bodies()
    assert canonical_body("Tories") == canonical_body("conservatives") == "Conservative Party"
    assert canonical_body("Lib Dems") == "Liberal Democrats" and canonical_body("UKIP") == "UK Independence Party"
    assert body_key("Labour") == body_key("Labour Party") and canonical_body("Kirby") is None
    assert not any(name.startswith("#") for name in bodies())


def test_actor_word_lists_hold_what_they_say():
    assert lexicon.PEERAGE_TITLES <= lexicon.RANK_TITLES and lexicon.FIRST_NAME_TITLES <= lexicon.RANK_TITLES
    assert {"british", "welsh", "scottish", "european"} <= lexicon.NATIONALITY_ADJECTIVES
    assert not {"tory", "democrat"} & lexicon.NATIONALITY_ADJECTIVES  # parties, in data/bodies.txt
    assert lexicon.POST_NOMINALS <= lexicon.NAME_LEAD_WORDS
