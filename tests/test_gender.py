"""Gender evidence from honorifics, pronouns and first names."""

from __future__ import annotations

import pytest

from index.gender import conflicting, first_name_gender, honorific_gender, name_gender, pronoun_gender


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Mrs Howard", "female"),
        ("Mr. Howard", "male"),
        ("Michael Howard", "male"),
        ("Hillary Clinton", "female"),
        ("Prince Charles", "male"),
        ("Lady Thatcher", "female"),
        ("Howard", ""),  # a bare surname says nothing
        ("Tony", ""),  # nor does a lone first name: it may be a surname
        ("President Carter", ""),  # a rank that does not say the sex
        ("Sundar Katwala", ""),  # a first name the list does not know
        ("Kim Howells", ""),  # a name given to both
    ],
)
def test_name_gender(name, gender):
    assert name_gender(name) == gender


def test_honorifics_pronouns_and_first_names():
    assert honorific_gender("Ms") == "female" and honorific_gender("Sir") == "male" and honorific_gender("Dr") == ""
    assert pronoun_gender("Her") == "female" and pronoun_gender("his") == "male" and pronoun_gender("they") == ""
    assert first_name_gender("Gordon") == "male" and first_name_gender("Theresa") == "female"
    assert first_name_gender("J.") == "" and first_name_gender("") == ""


def test_conflict_needs_two_known_genders():
    assert conflicting("male", "female")
    assert not conflicting("male", "") and not conflicting("", "") and not conflicting("female", "female")
