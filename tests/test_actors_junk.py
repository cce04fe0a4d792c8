"""Actors that are no actors (settings, fragments, common nouns) and names of one actor written two ways.

Sentences are our own; each test stands for a pattern of English news, not one article.
"""

from __future__ import annotations

from index.actors import GROUP, ORG, PERSON, PLACE, ActorEntry, local_actors, resolve_actors
from index.model import LocalActor


def entry(article, name, kind=PERSON, variants=(), mentions=1, quoted=False, key=0):
    actor = LocalActor(key, name, kind, list(variants) or [name], [], [(i, i + 1) for i in range(mentions)])
    return ActorEntry(article, "Outlet", actor, quoted=quoted)


def names(resolution):
    return sorted(actor.name for actor in resolution.actors)


# --- Places that are only a setting.


def test_a_town_named_only_as_a_setting_is_no_actor():
    entries = [
        entry("a", "Gateshead", PLACE, mentions=3),
        entry("b", "Gateshead", PLACE),
        entry("a", "River Tyne", PLACE),
    ]
    resolution = resolve_actors(entries)
    assert names(resolution) == []
    assert resolution.assignment == {}


def test_a_quoted_place_a_country_or_a_capital_stays_an_actor():
    entries = [
        entry("a", "Downing Street", PLACE, quoted=True),
        entry("b", "Downing Street", PLACE),
        entry("a", "Canada", PLACE, key=1),
        entry("b", "Beijing", PLACE, key=1),
    ]
    resolution = resolve_actors(entries)
    assert names(resolution) == ["Beijing", "Canada", "Downing Street"]
    assert {actor.kind for actor in resolution.actors} == {PLACE}


def test_a_personal_name_the_tagger_took_for_a_place_is_kept():
    resolution = resolve_actors([entry("a", "Peter Monkhouse", PLACE), entry("a", "George Street", PLACE, key=1)])
    assert names(resolution) == ["Peter Monkhouse"]


def test_a_place_another_article_gives_as_a_body_is_kept():
    resolution = resolve_actors([entry("a", "Whitehall", PLACE), entry("b", "Whitehall", ORG)])
    assert names(resolution) == ["Whitehall"]


def test_a_people_named_as_a_whole_is_no_actor_unless_quoted():
    entries = [entry("a", "Muslims", GROUP, mentions=4), entry("b", "Gibraltarians", GROUP, quoted=True)]
    assert names(resolve_actors(entries)) == ["Gibraltarians"]


# --- Shapes of a sentence that name no actor (our own sentences, parsed by the model).


def local_names(doc):
    return {actor.name for actor in local_actors(doc)}


def test_a_title_alone_or_a_portfolio_before_its_role_is_no_body(nlp):
    found = local_names(
        nlp(
            "The MEP said the vote was lost. International Development Secretary Hilary Benn flew out, "
            "and the Shadow Home Secretary met MPs in the Treasury."
        )
    )
    assert "Hilary Benn" in found
    assert not {"MEP", "International Development", "Shadow Home", "MPs"} & found


def test_a_common_noun_after_a_or_opening_a_sentence_is_no_actor(nlp):
    found = local_names(
        nlp(
            "Dr Gibbons, who was a GP in Cardiff, spoke to a BBC reporter. "
            "Fox hunting is now banned, and supporters of fox hunting are angry."
        )
    )
    assert "BBC" in found
    assert not {"GP", "Fox"} & found


def test_a_run_in_lower_case_or_the_title_of_a_work_is_no_actor(nlp):
    found = local_names(
        nlp(
            "An executive spokesman said the health department would act. "
            "He told BBC Wales' Maniffesto programme that the Gershon report was wrong, al-Qaeda aside."
        )
    )
    assert not {"health department", "Maniffesto", "Gershon"} & found
    assert "al-Qaeda" in found


def test_two_names_run_together_keep_the_first_and_ex_is_no_part_of_a_name(nlp):
    found = local_names(
        nlp(
            "Ex-BBC chat show host Jane Hill joined the Transport and General Workers Union (TGWU) in Leeds. "
            "The Royal College of Nursing, University of Leeds, said so."
        )
    )
    assert "BBC" in found and "Ex-BBC" not in found
    assert {"Transport and General Workers Union", "Royal College of Nursing"} <= found
    assert not any("," in name or "(" in name for name in found)


def test_peoples_tagged_as_bodies_are_groups(nlp):
    actors = local_actors(nlp("Most Pakistanis and Gibraltarians voted, the Electoral Commission said."))
    kinds = {actor.name: actor.kind for actor in actors}
    assert kinds.get("Pakistanis", GROUP) == GROUP and kinds.get("Gibraltarians", GROUP) == GROUP


def test_documents_policies_and_occasions_are_no_actors(nlp):
    found = local_names(
        nlp(
            "Farmers attacked the Common Agricultural Policy. The Home Office will publish a White Paper "
            "on the European Convention on Human Rights before Holocaust Memorial Day."
        )
    )
    assert "Home Office" in found
    assert not {"Common Agricultural Policy", "White Paper", "European Convention on Human Rights"} & found


# --- One body or person written two ways.


def test_a_body_and_its_acronym_in_one_article_are_one_actor(nlp):
    doc = nlp(
        "The Ministry of Defence has been criticised over its costs. Auditors said the MoD's record "
        "was poor. The Department for Education and Skills agreed, and the DfES will reply."
    )
    actors = {actor.name: actor for actor in local_actors(doc)}
    assert "MoD" not in actors and "DfES" not in actors
    assert "MoD" in actors["Ministry of Defence"].variants
    assert "DfES" in actors["Department for Education and Skills"].variants


def test_a_surname_spelt_two_ways_in_one_article_is_one_person():
    entries = [
        entry("a", "Ian MacDonald", mentions=3),
        entry("a", "Ian McDonald", key=1),
        entry("b", "Keith McDonald"),
        entry("c", "Ramsay MacDonald"),
    ]
    assert names(resolve_actors(entries)) == ["Ian MacDonald", "Keith McDonald", "Ramsay MacDonald"]


def test_abbreviations_of_things_and_body_words_alone_are_no_actors(nlp):
    found = local_names(
        nlp(
            "Pupils sat their GCSE exams at 0900 GMT. The House heard that the Public and the Media "
            "were told, Parliament was not, and the Times reported it."
        )
    )
    assert {"Parliament", "Times"} <= found
    assert not {"GCSE", "GMT", "House", "Public", "Media"} & found


def test_a_span_ending_in_a_function_word_or_a_day_is_cut(nlp):
    found = local_names(nlp("A report from the Office of the Rail Regulator was put to the Commons on Monday."))
    assert not any(name.endswith((" of", " the", " Monday")) for name in found)


def test_capitals_alone_are_a_body_and_a_people_is_no_person(nlp):
    actors = local_actors(nlp("BAA said on Friday that it would appeal. Britons deserve better, Jane Hill said."))
    kinds = {actor.name: actor.kind for actor in actors}
    assert kinds.get("BAA") == ORG
    assert kinds.get("Britons", GROUP) == GROUP


def test_the_field_of_a_secretary_of_state_and_a_bill_are_no_bodies(nlp):
    found = local_names(
        nlp(
            "The Secretary of State for Health, Jane Hill, backed the Serious Fraud and Police Bill. "
            "The Committee for a Fair Budget said it would not."
        )
    )
    assert "Jane Hill" in found and "Committee for a Fair Budget" in found
    assert not {"State for Health", "Serious Fraud and Police Bill"} & found


def test_number_10_is_downing_street():
    entries = [
        entry("a", "Downing Street", PLACE, quoted=True),
        entry("b", "10 Downing Street", PLACE),
        entry("c", "No 10", PLACE, quoted=True),
    ]
    assert names(resolve_actors(entries)) == ["Downing Street"]


def test_a_name_written_with_a_place_after_a_comma_is_a_place(nlp):
    doc = nlp("Anna Price, a teacher, gave the speech in Leeds, Glos, on Monday.")
    kinds = {actor.name: actor.kind for actor in local_actors(doc)}
    assert kinds["Glos"] == PLACE  # the model tags it a person
    assert kinds["Anna Price"] == PERSON


def test_a_fronted_place_before_a_subject_leaves_the_subject_a_person(nlp):
    doc = nlp("Jane Hill flew out on Monday. In Kyiv, Hill met the president.")
    kinds = {actor.name: actor.kind for actor in local_actors(doc)}
    assert kinds["Jane Hill"] == PERSON and "Hill" not in kinds


def test_one_of_a_people_is_no_actor(nlp):
    found = local_names(nlp("She became the first Scot to win it, and Kashmiri politicians on both sides welcomed it."))
    assert not {"Scot", "Kashmiri"} & found
