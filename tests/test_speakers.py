"""Who a quote's speaker is, how that was found and how sure it is: sentences written for each
shape of issue 8 (a role beside a name, pronoun agreement, listeners, continued quotations,
things that are no statement, documents as sources, the cue with its negation, evidence and
confidence), over the real spaCy pipeline."""

from __future__ import annotations

import pytest

from index.actors.bodies import canonical_body
from index.model import DOUBTFUL_CONFIDENCE
from tests.quoting import none_containing, only, quotes_of

# ---- a role and a name in one phrase give the name ----


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A spokeswoman for the harbour board, Ines Varga, said the ferries would run again in May.", "Ines Varga"),
        ("Her chief aide Tomas Rell wrote that the budget had been cut twice this year.", "Tomas Rell"),
        ("Paolo Conti, the club's manager, said his players had never trained harder.", "Paolo Conti"),
        (
            "The Shadow Secretary of State for Transport, Miriam Hale, said the new line would never pay.",
            "Miriam Hale",
        ),
        # an office of a country with its holder straight after, as wire and translated copy write it
        ("On May 4 President of France Emmanuel Macron called for talks to resume at once.", "Emmanuel Macron"),
        (
            "The Minister of Foreign Affairs of Austria Alexander Schellenberg said the door was open.",
            "Alexander Schellenberg",
        ),
    ],
)
def test_a_role_with_a_name_gives_the_name(nlp, sentence, speaker):
    quote = quotes_of(nlp, sentence)[0]
    assert quote.speaker_text == speaker
    assert quote.speaker_evidence == "named" and quote.speaker_kind == "person"


@pytest.mark.parametrize(
    "sentence",
    [
        # the role after the name, its closing comma left out: the person, not "the council's transport chief"
        "The harbour will reopen in spring, Ida Moss, the council's transport chief told Radio 4 on Saturday.",
        # the parse hangs the name on the content's last word: the content ends before it, and the one
        # told ("Radio 4") is never the speaker
        "The harbour will reopen in spring, Ida Moss, the council's transport chief, told Radio 4 on Saturday.",
    ],
)
def test_a_name_and_its_role_after_the_content_give_the_name(nlp, sentence):
    quote = only(quotes_of(nlp, sentence), "harbour will reopen")
    assert (quote.speaker_text, quote.text) == ("Ida Moss", "The harbour will reopen in spring")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('Books for Africa\'s Tom Reid said: "Every school deserves a library."', "Tom Reid"),
    ],
)
def test_a_person_after_a_bodys_possessive_is_the_speaker_not_the_body(nlp, sentence, speaker):
    # (the parse may make the body's first word the subject and hang the person inside its phrase)
    quote = quotes_of(nlp, sentence)[0]
    assert (quote.speaker_text, quote.speaker_evidence) == (speaker, "named")


@pytest.mark.parametrize(
    "sentence",
    [
        'The father of Labour\'s John Smith said the family was "deeply shocked" by the news.',
        "Critics of Labour's Tony Blair said the plan would fail.",
        "Supporters of Labour's Tony Blair said the plan would work.",
    ],
)
def test_a_person_after_a_possessive_inside_someone_elses_phrase_is_not_the_speaker(nlp, sentence):
    quote = quotes_of(nlp, sentence)[0]
    assert quote.speaker_text == sentence.split(" said")[0] and quote.speaker_evidence != "named"


def test_a_name_after_of_with_no_country_before_it_is_whose_the_role_is(nlp):
    quote = only(quotes_of(nlp, "The wife of Tom Becker said that the house would be sold in May."), "house")
    assert quote.speaker_text == "The wife of Tom Becker"


def test_a_role_with_its_body_keeps_the_body(nlp):
    quote = only(quotes_of(nlp, "A Ministry of Transport spokeswoman said the line would reopen soon."), "reopen")
    assert quote.speaker_text == "A Ministry of Transport spokeswoman"
    quote = only(quotes_of(nlp, "A spokesman for Harwick Council said the roads were being cleared."), "roads")
    assert quote.speaker_text == "A spokesman for Harwick Council"


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        # the speaker's own words speak of the chancellor: the chancellor who answers is someone else
        (
            "For the Liberal Democrats, Tom Hale said the chancellor had failed to plan for the cost of care. "
            "The chancellor meanwhile insisted his spending plans were affordable.",
            "The chancellor",
        ),
        # no such words: the speaker goes on
        (
            "Gordon Brown said growth would be strong next year. The chancellor insisted his spending plans "
            "were affordable.",
            "Gordon Brown",
        ),
        # a qualified office, or the speaker as the office, is no such word
        (
            'Mr Brown said the last Tory chancellor had "wrecked" the economy. The chancellor added that child '
            "benefit would rise.",
            "Mr Brown",
        ),
        (
            "Mr Brown said he would not be the chancellor who put stability at risk. The chancellor added that "
            "child benefit would rise.",
            "Mr Brown",
        ),
        # another office of the same noun is no such word
        (
            "Jack Straw said the home secretary had acted within the law. The foreign secretary insisted it was "
            "for Parliament to decide.",
            "Jack Straw",
        ),
    ],
)
def test_a_role_is_not_the_previous_speaker_whose_own_words_speak_of_it(nlp, paragraph, speaker):
    assert quotes_of(nlp, "Budget row", paragraph)[-1].speaker_text == speaker


@pytest.mark.parametrize(
    ("paragraphs", "words", "speaker"),
    [
        (
            [
                "A Tory source told the Observer the leader would fight on.",
                'Party strategists told the paper the campaign would start in March. "We are ready for the fight," '
                "the source told the paper.",
            ],
            "ready for the fight",
            "A Tory source",
        ),
        # two sources: "the source" may be either
        (
            [
                "A Tory source told the Observer the leader would fight on. A Labour source said the poll was close.",
                '"We are ready for the fight," the source told the paper.',
            ],
            "ready for the fight",
            "the source",
        ),
        (
            [
                'A Labour source said the leader would quit "within a year". Another source said the party was '
                '"in turmoil".',
                '"He has lost the room," the source said.',
            ],
            "lost the room",
            "the source",
        ),
    ],
)
def test_the_source_is_the_source_an_earlier_statement_introduced(nlp, paragraphs, words, speaker):
    assert only(quotes_of(nlp, *paragraphs), words).speaker_text == speaker


def test_the_source_gives_way_to_someone_named_since_with_that_role(nlp):
    quotes = quotes_of(
        nlp,
        'A teacher said the school was "falling apart".',
        'Head teacher John Smith said the council must act. "We need money," the teacher said.',
    )
    assert only(quotes, "We need money").speaker_text != "A teacher"


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "The Guardian was sued by the minister after the newspaper claimed he had misled Parliament.",
            "Guardian",
        ),
        (
            "Earlier, the Sunday Times had reported the talks. The plan was close to a deal, the paper said.",
            "Sunday Times",
        ),
    ],
)
def test_the_newspaper_is_the_one_named_last(nlp, paragraph, speaker):
    quote = quotes_of(nlp, "Libel case", paragraph)[-1]
    assert quote.speaker_text == speaker and quote.speaker_evidence == "role"


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Times have changed for the party. The plan was wrong, the newspaper said."],
        ["Labour's Tribune group of MPs met. The plan was wrong, the newspaper said."],
        [
            "The Times reported the talks. On Tuesday a local newspaper printed a leak. The plan was wrong, "
            "the newspaper said."
        ],
        [
            "The Times reported that ministers would publish a white paper on Monday.",
            "The paper says the plan will cost £2bn.",
        ],
    ],
)
def test_the_newspaper_is_no_other_name_nor_a_paper_not_named(nlp, paragraphs):
    quote = quotes_of(nlp, *paragraphs)[-1]
    assert quote.speaker_text.lower() in ("the newspaper", "the paper")


def test_a_role_with_a_body_of_its_own_is_not_the_body_that_spoke_before(nlp):
    quotes = quotes_of(
        nlp,
        'Northline Rail said the trains would run late all week. "We are sorry for the delays," it said.',
        '"We had complaints from residents on Monday," the Harwick Council spokesman added.',
    )
    quote = only(quotes, "complaints")
    assert quote.speaker_text == "the Harwick Council spokesman"
    assert quote.speaker_evidence == "unresolved"  # a role standing for itself, not a name


@pytest.mark.parametrize("role", ["The Oxfam secretary-general", "The charity's director-general"])
def test_a_hyphenated_role_is_a_role_not_a_name(nlp, role):
    # the small model hangs "the" on the first part and tags "general" a proper noun: still a role
    # of a body, not a name given, so not shown as sure
    quotes = quotes_of(
        nlp,
        'Dr Ruth Okafor spoke in Geneva on Monday. "Aid is falling," she said.',
        f"{role} said donors had cut their pledges by a third.",
    )
    quote = only(quotes, "donors had cut")
    assert quote.speaker_evidence != "named"
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE or quote.speaker_text == "Dr Ruth Okafor"


@pytest.mark.parametrize(
    ("paragraph", "fragment", "speaker"),
    [
        ('Councillors met in Perth on Tuesday. Ann Boyd MSP said the cuts were "a disgrace".', "disgrace", "Ann Boyd"),
        ("Hugh Munro MSP said the plan would cost jobs.", "cost jobs", "Hugh Munro"),
    ],
)
def test_letters_after_a_name_belong_to_the_name(nlp, paragraph, fragment, speaker):
    # the parse makes the letters the head of the phrase: the speaker is still the person
    assert only(quotes_of(nlp, paragraph), fragment).speaker_text == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Speaking in Geneva Ms Adams said the talks had stalled.", "Ms Adams"),
        ("In a speech to the Centre for Policy Studies Mr Hollis said the tax was unfair.", "Mr Hollis"),
        ('In a speech to the Institute of Directors Mrs Bryce said: "Red tape is strangling firms."', "Mrs Bryce"),
        ("At a rally in Swansea Mr Evans said the party would win.", "Mr Evans"),
    ],
)
def test_an_opening_phrase_with_no_comma_is_not_part_of_the_name(nlp, sentence, speaker):
    # the tagger runs the phrase's last name into the speaker's ("Swansea Mr Evans"); a form of
    # address starts a name, and a name with one right before the verb is its subject
    quote = quotes_of(nlp, sentence)[0]
    assert quote.speaker_text == speaker
    assert quote.speaker_confidence >= 0.9


def test_a_name_inside_the_subjects_own_phrase_is_not_the_speaker(nlp):
    # no opening phrase: "Mr Brown" is inside the plan's phrase, and the plan is no one
    for sentence in (
        "The plan backed by Mr Brown said the tax would rise.",
        "In 2004 the plan backed by Mr Brown said the tax would rise.",
        "In March the figures sent to Mrs Hale said the hospital was unsafe.",
    ):
        assert all("Mr" not in quote.speaker_text.split() for quote in quotes_of(nlp, sentence)), sentence


def test_a_party_before_letters_is_not_a_name(nlp):
    quotes = quotes_of(nlp, '"Who will pay for it?" the Labour MP for Harwick asked.')
    assert only(quotes, "pay for it").speaker_text not in ("Labour", "MP")


def test_a_role_the_article_gives_someone_resolves_to_them(nlp):
    quotes = quotes_of(
        nlp,
        "Tory leader Michael Hart spoke in Leeds on Monday about the economy.",
        "Rain fell all day over the city.",
        '"We will cut taxes for every family," the Tory leader said.',
    )
    quote = only(quotes, "cut taxes")
    assert quote.speaker_text == "Michael Hart"
    assert quote.speaker_evidence == "role" and quote.speaker_via == "the Tory leader"


def test_an_office_no_one_is_given_stays_as_written(nlp):
    quotes = quotes_of(
        nlp,
        "Shadow Chancellor Oliver Brandt says the mayor must not apologise.",
        "But the prime minister says it is time for Mr Grant to say sorry.",
    )
    quote = only(quotes, "time for")
    assert quote.speaker_text == "the prime minister"  # not Brandt, whom the text calls something else
    assert none_containing([q for q in quotes if q.speaker_text.endswith("Grant")], "sorry")


def test_a_name_keeps_its_rank_and_a_bare_name_its_fuller_form(nlp):
    quote = only(quotes_of(nlp, "Prince Edmund said he was absolutely delighted with the news."), "delighted")
    assert quote.speaker_text == "Prince Edmund"
    quotes = quotes_of(
        nlp,
        "Prince Richard and Lady Cara Vane announced their engagement on Friday.",
        "Richard said he was absolutely delighted with the news.",
    )
    quote = only(quotes, "delighted")
    assert quote.speaker_text == "Prince Richard" and quote.speaker_via == "Richard"


# ---- pronouns agree with what the text says of the person ----


def test_she_never_resolves_to_a_man_the_text_calls_mr(nlp):
    quotes = quotes_of(
        nlp,
        "Mrs Ruth Cole met Mr Alan Price at the port on Tuesday.",
        'Mr Price then left the port. "The port will stay open all winter," she said.',
    )
    quote = only(quotes, "port will stay")
    assert quote.speaker_text == "Mrs Ruth Cole"
    assert quote.speaker_evidence == "pronoun" and quote.speaker_via == "she"


def test_a_first_name_says_who_she_is(nlp):
    quotes = quotes_of(
        nlp,
        "Maria Sund and Peter Lind opened the new library on Saturday.",
        '"Every child in this town should have a library card," she said.',
    )
    assert only(quotes, "library card").speaker_text == "Maria Sund"


def test_a_pronoun_once_resolved_says_the_persons_sex(nlp):
    quotes = quotes_of(
        nlp,
        "Sam Ortega arrived at the meeting early.",
        '"We are ready to sign the deal today," she said.',
        "Sam Ortega and Chris Bale then met the press.",
        '"Nobody expected the talks to end so soon," he said.',
    )
    assert only(quotes, "ready to sign").speaker_text == "Sam Ortega"
    assert only(quotes, "Nobody expected").speaker_text == "Chris Bale"


def test_he_never_resolves_to_a_company(nlp):
    quotes = quotes_of(
        nlp,
        'Northline Rail said the trains would run late. "We will add buses to every line," he said.',
    )
    quote = only(quotes, "add buses")
    assert quote.speaker_text != "Northline Rail"


def test_it_resolves_to_the_body_that_spoke_before(nlp):
    quotes = quotes_of(nlp, "Northline Rail said profits rose last year. It added that fares would not rise.")
    quote = only(quotes, "fares")
    assert quote.speaker_text == "Northline Rail" and quote.speaker_evidence == "pronoun"
    assert quote.speaker_kind == "org"


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "kind"),
    [
        # the body the paragraph is about, a sentence with another (plural or thing) subject between
        (
            [
                "The commission also looked at the cost of rail tickets. Fares rose by 12% between 2001 and "
                "2004. It urged ministers to cap fares at once."
            ],
            "The commission",
            "org",
        ),
        (
            [
                "Trains are late again.",
                "Monday's report was drawn up by two committees of MPs. It said that postal "
                "voting needed tighter rules.",
            ],
            "Monday's report",
            "document",
        ),
        # the one who spoke in the sentence before, not a subject of their words
        (
            [
                "As a result, says the panel, the government may need to change the law. It is also calling on "
                "ministers to act before the summer."
            ],
            "the panel",
            "org",
        ),
    ],
)
def test_it_with_no_body_speaking_before_is_the_body_its_paragraph_is_about(nlp, paragraphs, speaker, kind):
    quote = quotes_of(nlp, *paragraphs)[-1]
    assert (quote.speaker_text, quote.speaker_evidence, quote.speaker_kind) == (speaker, "pronoun", kind)
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    "paragraph",
    [
        "The commission also looked at the cost of rail tickets. Transport Secretary Ann Ross visited York on "
        "Monday. It urged ministers to cap fares at once.",
        # a thing the paragraph turned to: "it" is the rule
        "The Treasury introduced the new rule in April. The rule has been criticised by charities. It says "
        'anyone earning over £50,000 will "lose the benefit".',
    ],
)
def test_it_is_not_a_body_the_paragraph_has_turned_from(nlp, paragraph):
    quote = quotes_of(nlp, paragraph)[-1]
    assert quote.speaker_text not in ("The commission", "Treasury", "The Treasury")


@pytest.mark.parametrize(
    "first",
    [
        "Ruth Cole spoke to Anna Berg on Monday about the harbour.",  # spoken to
        "Ruth Cole was interviewed on Monday, when she was asked by Anna Berg about the harbour.",  # asking
        "Ruth Cole spoke at a rally for Anna Berg on Monday.",  # in a prepositional phrase
    ],
)
def test_a_pronoun_never_resolves_to_a_listener_or_a_name_in_a_phrase(nlp, first):
    quotes = quotes_of(nlp, first, '"The harbour will stay open all winter," she said.')
    assert only(quotes, "harbour will stay").speaker_text == "Ruth Cole"


@pytest.mark.parametrize(
    ("first", "speaker"),
    [
        # "Ruth Cole's speech" is about her: a "she" after it is hers
        ("Ruth Cole's speech to the harbour board will be remembered as the start of her campaign.", "Ruth Cole"),
        # a possessive elsewhere ("Anna Berg's plan" as an object) still names no one a pronoun goes to
        ("The board rejected Anna Berg's plan for the harbour on Monday.", "she"),
    ],
)
def test_a_pronoun_may_stand_for_the_owner_of_what_a_sentence_is_about(nlp, first, speaker):
    quotes = quotes_of(nlp, first, 'In its key passage, she declared: "The harbour will stay open all winter."')
    assert only(quotes, "harbour will stay").speaker_text == speaker


def test_a_pronoun_after_a_change_of_topic_is_the_new_person(nlp):
    quotes = quotes_of(
        nlp,
        '"The bridge will be finished by the spring," said Tom Hale.',
        "Peter Gray, the mayor, disagreed with him on Tuesday.",
        '"We cannot afford the bridge this year," he said.',
    )
    assert only(quotes, "cannot afford").speaker_text == "Peter Gray"


def test_a_pronoun_with_no_one_to_stand_for_is_doubtful(nlp):
    quote = only(quotes_of(nlp, '"The harbour will stay open all winter," she said.'), "harbour")
    assert quote.speaker_text == "she" and quote.speaker_evidence == "unresolved"
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE


# ---- a quotation continued, and quotations kept with their own cue ----


def test_a_paragraph_continuing_a_quotation_takes_its_speaker(nlp):
    quotes = quotes_of(
        nlp,
        "Tory leader Michael Hart spoke in Leeds on Monday.",
        'The Tory leader went on: "We will cut taxes for every family in the land."',
        '"And we will cut them again next year, whatever the Treasury says about it."',
    )
    first, second = only(quotes, "every family"), only(quotes, "again next year")
    assert first.speaker_text == second.speaker_text == "Michael Hart"
    assert first.cue == "went on"
    assert second.speaker_evidence == "carried"


def test_a_quotation_is_never_pulled_to_the_next_sentences_cue(nlp):
    quotes = quotes_of(nlp, 'Tom Hale asked: "Will the bridge ever be built?" Peter Gray said the plan was too costly.')
    assert only(quotes, "bridge ever").speaker_text == "Tom Hale"
    assert only(quotes, "too costly").speaker_text == "Peter Gray"


def test_a_closed_quotation_is_not_the_next_sentences_that_has_its_own_content(nlp):
    # the parse may hang the next sentence's "that" clause on its listener ("telling Radio 4's PM
    # programme that …"): it is still that sentence's own statement, and the quotation the one
    # it follows on from
    quotes = quotes_of(
        nlp,
        'Mr Howard told his party that Labour would "say anything to cling on to office". "So far this year'
        ' they have compared me to a flying pig. "Something tells me that someone out there is just a'
        " little bit rattled.\" Environment Secretary Margaret Beckett rejected Mr Howard's comment, telling"
        ' Radio 4\'s PM programme that Labour was not "rattled".',
    )
    assert only(quotes, "flying pig").speaker_text == "Mr Howard"
    assert only(quotes, "little bit rattled").speaker_text == "Mr Howard"
    assert only(quotes, "Labour was not").speaker_text == "Margaret Beckett"


# ---- what is no statement of the person it names ----


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither Mr Hale nor Mr Gray would say exactly how the cuts would be made.",
        "Mr Gray would not say whether the cuts would hit schools in the north.",
        "Mr Gray declined to say whether he would stand again at the next election.",
        "Critics could argue that the plan is far too costly for a small town.",
        # no one, an inference with a thing for subject, a question the writer asks
        "Nobody is attempting to suggest any more that the stories of the rift are fictions.",
        "If that is the case, it suggests that even the fear of bad headlines is not enough to stop them.",
        "Or it was a coincidence, which would suggest the government has lost its ability to plan ahead.",
        "Will those briefers suggest their man is unhappy at the timing of the speech?",
    ],
)
def test_refusals_and_hypotheticals_are_no_statements(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_a_negated_promise_and_its_relative_clause_are_no_statement(nlp):
    quotes = quotes_of(nlp, "He insists he will not promise anything to voters that he cannot deliver.")
    assert all(q.cue != "promise" for q in quotes)
    assert none_containing([q for q in quotes if q.text.startswith("that he")], "cannot deliver")


def test_a_books_claim_about_someone_is_not_their_statement(nlp):
    quotes = quotes_of(
        nlp,
        "A new book by the journalist Rob Keane is published on Monday.",
        "In it he alleges that Mr Hale told Mr Gray he would quit before the election.",
    )
    assert not [q for q in quotes if q.speaker_text.endswith("Hale")]
    quote = only(quotes, "would quit")
    assert quote.cue == "alleges" and quote.speaker_text == "Rob Keane"


def test_the_embedded_say_of_a_complement_is_no_cue_of_its_own(nlp):
    quotes = quotes_of(nlp, "The minister says it is time for Mr Grant to say sorry for his remarks.")
    assert [q.speaker_text for q in quotes] == ["The minister"]


def test_a_question_put_to_someone_is_not_their_statement(nlp):
    quotes = quotes_of(nlp, "Reporters asked Mr Gray whether the talks would resume before the summer.")
    assert not [q for q in quotes if q.speaker_text.endswith("Gray")]


def test_a_report_says_as_a_document(nlp):
    quote = only(quotes_of(nlp, "The report says that the river is cleaner than it has been for decades."), "river")
    assert quote.speaker_text == "The report"
    assert quote.speaker_kind == "document" and quote.speaker_evidence == "document"
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


# ---- the cue as the text has it ----


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Mr Hale earlier denied his forecasts were too optimistic.", "denied", "his forecasts were too optimistic"),
        ("Mr Hale did not deny that he had met the two bankers.", "did not deny", "that he had met the two bankers"),
        ("Mrs Cole has never denied that the plan had failed.", "has never denied", "that the plan had failed"),
        ("Mr Gray insisted the school would stay open.", "insisted", "the school would stay open"),
    ],
)
def test_the_cue_keeps_its_negation(nlp, sentence, cue, content):
    quote = only(quotes_of(nlp, sentence), content.split()[-1])
    assert quote.cue == cue
    assert quote.text == content


def test_a_denial_with_a_refusal_after_it_ends_before_it(nlp):
    quote = only(
        quotes_of(nlp, "Mr Hale denied his forecasts were too optimistic - but refused to rule out tax rises."),
        "optimistic",
    )
    assert quote.text == "his forecasts were too optimistic" and quote.cue == "denied"


# ---- evidence, the words it went through, confidence and kind ----


def test_evidence_and_confidence_of_each_way(nlp):
    quotes = quotes_of(
        nlp,
        '"The harbour will reopen next spring," Maria Lopez said.',
        '"We have waited long enough for it," she added.',
        '"Nobody here will forget this winter." "The boats are ready."',
        "HALE: We will not close the school this year or next.",
    )
    named, pronoun = only(quotes, "harbour"), only(quotes, "waited")
    assert (named.speaker_evidence, named.speaker_via, named.speaker_kind) == ("named", "Maria Lopez", "person")
    assert named.speaker_confidence >= 0.9
    assert (pronoun.speaker_evidence, pronoun.speaker_via, pronoun.speaker_text) == ("pronoun", "she", "Maria Lopez")
    assert pronoun.speaker_confidence >= DOUBTFUL_CONFIDENCE
    label = only(quotes, "close the school")
    assert label.speaker_evidence == "label" and label.speaker_text == "HALE"


def test_a_quote_with_no_speaker_has_no_confidence(nlp):
    quote = only(quotes_of(nlp, "The talks will resume next week in Geneva, according to a briefing."), "talks")
    assert quote.speaker_text == "" and quote.speaker_evidence == "unresolved"
    assert quote.speaker_confidence == 0.0 and quote.speaker_kind == ""


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Officials said the border would reopen on Monday morning.", "group"),
        ("Northline Rail said the trains would run late all week.", "org"),
        ("Maria Lopez said the trains would run late all week.", "person"),
    ],
)
def test_the_speakers_kind(nlp, sentence, kind):
    assert quotes_of(nlp, sentence)[0].speaker_kind == kind


def test_a_role_for_someone_is_not_attached_to_them():
    """The speaker span "a spokeswoman for X" ends in X's name; the spokeswoman is not X."""
    from index.enrich import enrich
    from index.model import Article

    paragraphs = [
        "Ruth Cole spoke in Leeds on Monday.",
        "A spokeswoman for Ruth Cole said the campaign would not comment on the poll.",
    ]
    enrichment = next(iter(enrich([Article(id="a", path="a.txt", title="T", paragraphs=paragraphs)])))
    quote = only(enrichment.quotes, "would not comment")
    assert quote.speaker_text == "A spokeswoman for Ruth Cole"
    names = {actor.key: actor.name for actor in enrichment.actors}
    assert names.get(quote.speaker_key) != "Ruth Cole"


def test_a_name_the_tagger_calls_an_organisation_keeps_its_title_and_gender(nlp):
    quotes = quotes_of(
        nlp,
        "Poverty should come first, Cardinal Cormac Murphy-O'Connor has said.",
        '"If the rich countries gave as much to peace as they give to war, we would see it," he added.',
    )
    first, second = only(quotes, "Poverty"), only(quotes, "rich countries")
    assert first.speaker_text.startswith("Cardinal") and first.speaker_kind == "person"
    assert second.speaker_text == first.speaker_text and second.speaker_evidence == "pronoun"


def test_a_body_misparsed_as_the_subject_gives_way_to_its_role_noun(nlp):
    quotes = quotes_of(
        nlp,
        'A Department for Transport and Roads spokeswoman said the line had been "ambitious but costly".',
        '"We will look at every option," she added.',
    )
    first, second = only(quotes, "ambitious"), only(quotes, "every option")
    assert first.speaker_text.endswith("spokeswoman") and first.speaker_kind == "person"
    assert second.speaker_text == first.speaker_text


def test_a_party_is_never_he(nlp):
    quotes = quotes_of(
        nlp,
        "Both the Tories and the Lib Dems have pledged higher pensions for older voters.",
        '"Older people are not a burden on the country," he said.',
    )
    assert "Dems" not in only(quotes, "burden").speaker_text


# ---- the BBC hand check's classes, with sentences of our own ----


def test_a_role_with_its_holder_after_a_long_phrase_gives_the_name(nlp):
    quote = only(
        quotes_of(
            nlp,
            "Director of marine biology at the Royal Institute of Coastal Studies, Professor Helen Marsh-Tully, "
            "said the reefs were recovering faster than expected.",
        ),
        "reefs",
    )
    assert quote.speaker_text.endswith("Helen Marsh-Tully")
    assert quote.speaker_kind == "person"


def test_the_office_is_not_the_deputy(nlp):
    quotes = quotes_of(
        nlp,
        "At a lunch hosted by Deputy Prime Minister Karl Osten, the talks went on late. "
        'The prime minister said: "We will not give up on this."',
    )
    quote = only(quotes, "give up")
    assert "Osten" not in quote.speaker_text


def test_an_office_is_not_another_office_of_the_same_noun(nlp):
    quotes = quotes_of(
        nlp,
        "Edwin Marsh has attacked the ruling on detention. New Home Secretary Carla Voss vowed the men "
        "would stay in prison. The foreign secretary insisted it was for Parliament to decide.",
    )
    quote = only(quotes, "for Parliament")
    assert "Voss" not in quote.speaker_text  # the home secretary is not "the foreign secretary"
    quotes = quotes_of(
        nlp,
        "Home Office minister Dana Pell said the figures were wrong. "
        "The prime minister said the figures would be published in full.",
    )
    assert "Pell" not in only(quotes, "published in full").speaker_text


def test_a_lone_spokesperson_speaks_for_the_body_just_named(nlp):
    quotes = quotes_of(
        nlp,
        "The Ministry of Fisheries would not comment on the figures.",
        'A spokeswoman said: "We do not discuss quotas before they are agreed." '
        "But she added that the fleet would not be cut this year.",
    )
    quote = only(quotes, "discuss quotas")
    assert "Ministry of Fisheries" in quote.speaker_text
    assert quote.speaker_evidence == "role" and quote.speaker_kind == "org"
    assert "Fisheries" in only(quotes, "fleet would not").speaker_text  # "she" goes on with her


def test_a_lone_spokesperson_after_a_person_stays_as_written(nlp):
    quotes = quotes_of(
        nlp,
        "Anna Kerr visited the harbour on Monday. A spokesman said the visit had been planned for months.",
    )
    assert only(quotes, "planned for months").speaker_text == "A spokesman"


def test_they_in_a_clause_of_the_main_subject_is_that_subject(nlp):
    quotes = quotes_of(
        nlp,
        "The Keep Our Ferries campaigners were so angry they threatened to block the harbour next week.",
    )
    quote = only(quotes, "block the harbour")
    assert "Keep Our Ferries campaigners" in quote.speaker_text
    # ... or in a clause joined to the main one
    joined = quotes_of(
        nlp, "Ferry owners also want a new pier for the island but they accuse ministers of wasting the grant."
    )
    assert only(joined, "wasting the grant").speaker_text == "Ferry owners"


def test_a_document_is_known_by_its_title(nlp):
    quotes = quotes_of(
        nlp,
        "According to a new book, Harbour Lights, the mayor went back on a promise to the fishermen.",
        "The book, by local journalist Tom Reeve, said the pair had fallen out over the port. "
        "It claims the mayor felt he had lost the town's trust.",
    )
    for words in ("went back on a promise", "fallen out", "lost the town"):
        quote = only(quotes, words)
        assert quote.speaker_text == "Harbour Lights", words
        assert quote.speaker_kind == "document"


def test_a_document_is_known_by_the_one_title_the_article_gives_it_further_on(nlp):
    quotes = quotes_of(
        nlp,
        "The mayor promised to retire before the vote, a new book about the port claims.",
        "But he changed his mind, the book says. The book, Harbour Lights, said the mayor felt he had lost"
        " the town's trust.",
    )
    for words in ("promised to retire", "changed his mind", "lost the town"):
        assert only(quotes, words).speaker_text == "Harbour Lights", words
    # "the book" after a memoir named before it may be the memoir: a book titled later is not taken
    memoir = quotes_of(
        nlp,
        "The doctor wrote a memoir of her years at the hospital.",
        '"Very few people knew of the clot," the book said.',
        "In her 2003 book, Living History, the patient noted the clot.",
    )
    assert only(memoir, "Very few people knew").speaker_text == "the book"
    # two reports titled further on: neither is taken
    two = quotes_of(
        nlp,
        "Ministers misled parliament over the figures, the report says.",
        "The report, Counting the Cost, was published on Monday. Another report, Fair Shares, disagreed.",
    )
    assert only(two, "misled parliament").speaker_text == "the report"
    # one set apart from the first ("the other report", "the second report", "its own report") is another
    for other in ("The other report", "The second report", "The council's own report"):
        apart = quotes_of(nlp, "Ministers misled parliament, a report says.", f"{other}, Fair Shares, disagreed.")
        assert only(apart, "misled parliament").speaker_text == "a report", other
    same = quotes_of(nlp, "Ministers misled parliament, a report says.", "The report, Fair Shares, came out on Monday.")
    assert only(same, "misled parliament").speaker_text == "Fair Shares"


@pytest.mark.parametrize(
    ("paragraphs", "words"),
    [
        # the author after the title is not the title
        (
            ["A new book, Harbour Lights by local journalist Tom Reeve, says the mayor broke his word."],
            "broke his word",
        ),
        # nor the writer named after it in a list of appositions
        (
            [
                "In her new book, Harbour Lights, Ann Reeve, a lawyer and former councillor, argues the port was sold "
                "too cheaply.",
                "The book says the mayor broke his word.",
            ],
            "broke his word",
        ),
        # the same book, titled when it is mentioned again as "a new book"
        (
            [
                "A new book says the mayor broke his word to the fishermen.",
                "The mayor arrived early. A new book, Harbour Lights by Tom Reeve, says he had lost the town's trust.",
            ],
            "broke his word",
        ),
    ],
)
def test_a_books_title_stops_before_its_author(nlp, paragraphs, words):
    quote = only(quotes_of(nlp, *paragraphs), words)
    assert quote.speaker_text == "Harbour Lights" and quote.speaker_kind == "document"


def test_a_titles_own_by_is_part_of_it(nlp):
    quotes = quotes_of(nlp, "A new book, Stand By Your Man by Tom Reeve, says the mayor broke his word.")
    assert only(quotes, "broke his word").speaker_text == "Stand By Your Man"


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "A new book by a former aide says the mayor broke his word.",
            "Meanwhile a new book, Harbour Lights by Tom Reeve, says he had lost the town's trust.",
        ],
        [
            "The book, which came out last year, said the mayor broke his word.",
            "A new book, Harbour Lights, says he had lost the town's trust.",
        ],
    ],
)
def test_a_book_described_otherwise_is_not_a_new_book_titled_later(nlp, paragraphs):
    assert only(quotes_of(nlp, *paragraphs), "broke his word").speaker_text != "Harbour Lights"


def test_guidance_and_leaflets_speak_as_documents(nlp):
    quotes = quotes_of(
        nlp,
        "Cyclists who ride on the pavement will not be fined if they ride slowly, the guidance said. "
        "It said riders must give way to people on foot.",
    )
    assert only(quotes, "ride slowly").speaker_text == "the guidance"
    quote = only(quotes, "give way")
    assert quote.speaker_text == "the guidance" and quote.speaker_kind == "document"


def test_figures_and_records_that_show_speak_as_documents_and_people_who_say_do_not(nlp):
    figures = only(quotes_of(nlp, "Official figures show that hospital waiting lists grew by 8%."), "waiting lists")
    assert figures.speaker_text == "Official figures" and figures.speaker_kind == "document"
    assert figures.text.endswith("by 8%")  # the sign is part of the claim, not punctuation
    returns = only(quotes_of(nlp, "Tax returns obtained by the paper showed he paid no tax in 2003."), "paid no tax")
    assert returns.speaker_kind == "document"
    people = only(quotes_of(nlp, "Senior party figures said the plan would fail."), "plan would fail")
    assert people.speaker_kind != "document"


def test_a_post_in_a_body_the_text_introduced_is_its_speaker_or_doubtful_and_a_bodys_voice_is_not(nlp):
    said = "The penal reform group's director told the BBC there were some very old rules at the heart of the system."
    post = only(quotes_of(nlp, f"The Howard League's Ann Pike said the change was overdue. {said}"), "very old rules")
    # the person who spoke just before, whom the article ties to that body
    assert post.speaker_text == "Ann Pike" and post.speaker_evidence == "role"
    # with no one named before it, someone the article may name later: shown as not sure
    alone = only(quotes_of(nlp, f"The Howard League wants the change. {said}"), "very old rules")
    assert alone.speaker_evidence == "unresolved" and alone.speaker_confidence < DOUBTFUL_CONFIDENCE
    voice = only(quotes_of(nlp, "The union's spokesman said the deal was poor."), "deal was poor")
    assert voice.speaker_confidence >= DOUBTFUL_CONFIDENCE


def test_according_to_whether_is_no_source(nlp):
    quotes = quotes_of(
        nlp,
        "A council spokesperson said the totals were rough because fines are not sorted according to "
        "whether they were paid late.",
    )
    assert all(q.speaker_text != "they" for q in quotes)
    assert only(quotes, "totals were rough").speaker_text == "A council spokesperson"


def test_a_closed_quotation_is_not_the_next_sentences_cue(nlp):
    quotes = quotes_of(
        nlp,
        '"The town deserves better," she said, speaking of Maria Holt\'s plans. "People are tired of waiting. '
        'They want the bridge." The council has announced plans to repair the bridge by June.',
    )
    assert "council" not in only(quotes, "tired of waiting").speaker_text


def test_a_name_in_the_cues_phrase_is_not_its_speaker(nlp):
    quotes = quotes_of(
        nlp,
        '"The yard has never been busier. We are hiring again," Rosa Delgado, a senior shipwright, '
        'said on Harbour Radio\'s "Morning Tide."',
    )
    quote = only(quotes, "never been busier")
    assert "Harbour" not in quote.speaker_text


def test_a_call_goes_on_in_its_purpose(nlp):
    quotes = quotes_of(
        nlp, "The union has called for a new rota so nurses are never asked to work three nights in a row."
    )
    quote = only(quotes, "a new rota")
    assert quote.text.endswith("three nights in a row")


def test_an_announcement_in_a_clause_of_time_is_no_statement(nlp):
    quotes = quotes_of(
        nlp, "When ministers announced a review of the ferry routes it drew protests from every island council."
    )
    assert none_containing(quotes, "a review of the ferry routes")


def test_the_report_speaks_for_who_spoke_in_it(nlp):
    quotes = quotes_of(
        nlp,
        "Ferry fares have doubled in ten years, the Harbour Trust says in a report.",
        "The report said the island routes lose money every winter. It also argues that the state should pay.",
    )
    for words in ("lose money", "state should pay"):
        assert "Harbour Trust" in only(quotes, words).speaker_text, words


# ---- a speaker named inside another's statement is not the one "he also said" goes on with ----


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            'But Mr Marsh denied Mr Tate, his transport and environment spokesman, said the plans "stink".',
            'He also said he was confident Mr Bell would "set out the position" next week.',
        ),
        (
            "Mr Calder said Mr Pryce had told him the scheme was rotten from the start.",
            "He also said he was sure the council would think again next year.",
        ),
    ],
)
def test_a_speaker_reported_in_another_statement_does_not_take_the_next_pronoun(nlp, first, then):
    quotes = quotes_of(nlp, first + " " + then)
    assert only(quotes, "next").speaker_text in ("Mr Marsh", "Mr Calder")


# ---- "MPs say" in a lede: the body the text says is made of them, else the role as written ----


def test_a_plural_role_in_the_lede_is_the_body_the_text_equates_with_it(nlp):
    quotes = quotes_of(
        nlp,
        "MPs say the new rules on lobbying are too weak to work.",
        "The report by the Standards Committee of MPs said ministers had ignored earlier warnings.",
    )
    quote = only(quotes, "too weak to work")
    assert quote.speaker_text == "the Standards Committee"
    assert quote.speaker_evidence == "role"


def test_a_plural_role_the_text_equates_with_two_bodies_stays_as_written(nlp):
    quotes = quotes_of(
        nlp,
        "MPs say the new rules on lobbying are too weak to work.",
        "The Standards Committee of MPs and the Ethics Panel of MPs said ministers had ignored warnings.",
    )
    assert only(quotes, "too weak to work").speaker_text == "MPs"


def test_a_surname_the_tagger_missed_is_still_who_acts_before_a_pronoun(nlp):
    # "Marsh" alone is left untagged; the article names Peter Marsh in full before it.
    quotes = quotes_of(
        nlp,
        "Governor Peter Marsh defended his plan for the river crossing on Monday.",
        "At the hearing, Senator Alan Fisher talked about the cost of the new bridge and the delays to the"
        " contract. Marsh responded by using the example of the old tunnel to prove that the bridge is not the"
        " answer.",
        "He said:",
        '"We have a situation where the tunnel is falling apart and nobody is fixing it. You drive through it and'
        ' the roof leaks. We have to stop the delays."',
    )
    quote = only(quotes, "tunnel is falling apart")
    assert quote.speaker_text in ("Marsh", "Peter Marsh")
    assert quote.speaker_evidence == "pronoun"


@pytest.mark.parametrize("full", ["Gary Ford", "Paul Barclay", "Dan Chase", "Bob Wells"])
def test_a_surname_the_tagger_took_for_a_body_is_still_who_acts_before_a_pronoun(nlp, full):
    # The small model tags these surnames alone as organisations (a carmaker, a bank); the
    # article names the person in full before, so "he said" goes to them, not to the man named between.
    surname = full.split()[-1]
    quotes = quotes_of(
        nlp,
        f"Governor {full} spoke about the new bridge in Ohio on Monday.",
        "Protests broke out in the city after Jim Walker, 43, was hurt on the old bridge.",
        "Walker, who was on his way home, was hit by a falling beam after he stopped his car.",
        f"{surname}, who has campaigned for the bridge since the spring, blasted the council on Tuesday.",
        '"The tunnel is falling apart and nobody is fixing it," he said.',
    )
    quote = only(quotes, "tunnel is falling apart")
    assert quote.speaker_text in (surname, full)


# ---- a recording shows who speaks; a quotation another cue introduces is no clause of this one ----


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The film opens with footage of the minister saying that the war was over.", "the minister"),
        ('A video of Senator Ross saying "we will win this fight" was shared widely.', "Senator Ross"),
        ("The debate ended with Mr Howard saying that the Tories would win the next election.", "Mr Howard"),
        ("The advert shows Mr Blair saying that taxes would not rise again.", "Mr Blair"),
    ],
)
def test_a_recording_of_someone_saying_gives_that_person(nlp, sentence, speaker):
    quotes = quotes_of(nlp, sentence)
    assert len(quotes) == 1 and quotes[0].speaker_text in (speaker, speaker.split()[-1])


def test_a_quotation_introduced_by_another_cue_is_not_this_cues_clause(nlp):
    quotes = quotes_of(
        nlp,
        "The advert concludes with footage of Mr Grant saying during the debate last week, “That makes me"
        " smart,” when Ms Hale blasted him for not paying income tax.",
    )
    assert not [q for q in quotes if q.cue.startswith("conclude")]
    assert only(quotes, "That makes me smart").speaker_text == "Mr Grant"
    assert only(quotes, "not paying income tax").speaker_text == "Ms Hale"


# ---- no one's statement: no one, an inference, a question the writer asks (in the refusals' test) ----


def test_a_body_that_suggested_something_still_said_it(nlp):
    quotes = quotes_of(nlp, "The ministry said it was reviewing the case. It suggested that the rules would change.")
    assert only(quotes, "the rules would change").speaker_text == "The ministry"


def test_a_quoted_description_is_not_a_call_for_something(nlp):
    quotes = quotes_of(
        nlp, 'Shadow Chancellor Oliver Letwin called Labour "a brilliant machine for talking about things" last night.'
    )
    assert [q.text for q in quotes] == ["a brilliant machine for talking about things"]


def test_a_clause_subject_is_the_antecedent_when_the_sentence_subject_is_no_one(nlp):
    # The last main subject is Gordon Brown; the sentence before the pronoun names Mr Blair as its
    # clause's subject, under "It" (the conference).
    quotes = quotes_of(
        nlp,
        "Tony Blair and Gordon Brown are said to have fallen out again.",
        "It dominated the prime minister's news conference, which saw Mr Blair start in full irritation mode"
        ' as he batted away question after question. As he told journalists: "I am not interested in what'
        ' goes in and out of newspapers."',
    )
    assert only(quotes, "I am not interested").speaker_text in ("Mr Blair", "Tony Blair")


# ---- a lede's office named further on; a woman with a "-man" title; an alleged speaker; a question ----


def test_a_ledes_office_is_the_person_the_story_names_in_it_further_on(nlp):
    quotes = quotes_of(
        nlp,
        "Lord chancellor reform",
        'The "best person for the job" should be appointed lord chancellor, the courts minister has told MPs.',
        'Under the reforms the post loses its judicial role. "The post needs no lawyer," said courts minister'
        " Christopher Leslie.",
    )
    quote = only(quotes, "best person for the job")
    assert quote.speaker_text == "Christopher Leslie" and quote.speaker_evidence == "role"
    # an office the story gives no one stays as written; another office is not it
    alone = quotes_of(
        nlp,
        "Tax row",
        "Taxes will not rise next year, the chancellor has told MPs.",
        'Shadow chancellor Oliver Letwin said "this is nonsense".',
    )
    assert only(alone, "Taxes will not rise").speaker_text == "the chancellor"


@pytest.mark.parametrize(
    ("lede", "named"),
    [
        ("Hospital waiting lists will be halved by 2008, the health secretary has promised.", "John Reid"),
        ("Scotland's most senior judge has warned that the courts cannot cope with the cases.", "Lord Cullen"),
    ],
)
def test_a_ledes_description_is_the_person_the_next_paragraph_names_as_its_subject(nlp, lede, named):
    quotes = quotes_of(
        nlp, "Health and courts", lede, f"{named} said the money was already in place. He spoke in Leeds."
    )
    quote = quotes[0]
    assert quote.speaker_text == named and quote.speaker_evidence == "role"
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    ("lede", "after", "words", "speaker"),
    [
        # another role the article gives the next person named
        (
            "Taxes will not rise after the election, the prime minister has said.",
            "Tory leader Michael Howard said the promise was empty.",
            "Taxes will not rise",
            "the prime minister",
        ),
        # the one the lede says it was told to
        (
            "The prime minister has told Gordon Brown that taxes must not rise.",
            "Mr Brown said he would consider the plan.",
            "taxes must not rise",
            "The prime minister",
        ),
        # the one its quotation is about
        (
            '"Gordon Brown is wrong about taxes," the prime minister has said.',
            "Mr Brown said he would consider the plan.",
            "wrong about taxes",
            "the prime minister",
        ),
        # someone set against the lede's speaker in the next paragraph
        (
            "Taxes will rise after the election, the minister said.",
            "But Charles Kennedy said the plan was a disgrace.",
            "Taxes will rise",
            "the minister",
        ),
        (
            "Taxes will rise after the election, the minister said.",
            "Charles Kennedy hit back, calling it a disgrace.",
            "Taxes will rise",
            "the minister",
        ),
        # a body's unnamed voice stands for itself
        (
            "Bins will be collected once a fortnight, the council spokesman has said.",
            "John Smith said the change would save money.",
            "Bins will be collected",
            "the council spokesman",
        ),
    ],
)
def test_a_ledes_description_is_not_the_next_person_named_against_what_the_text_says(nlp, lede, after, words, speaker):
    assert only(quotes_of(nlp, "Tax row", lede, after), words).speaker_text == speaker


@pytest.mark.parametrize(
    ("lede", "after", "named"),
    [
        (
            "Voters are tired of the long campaign, a Labour MP has said.",
            "Jane Fuller said the party should have waited until the spring.",
            "Jane Fuller",
        ),
        (
            "Closing rural schools would break the law, a senior barrister has warned.",
            "Tom Price QC, who advises the county council, said the rules were clear.",
            "Tom Price",
        ),
        (
            "Europe must share its intelligence on terror suspects, a senior EU politician says.",
            "Anna Berg, the EU justice chief, says the courts of other countries use it.",
            "Anna Berg",
        ),
    ],
)
def test_a_ledes_unnamed_description_is_the_person_the_next_paragraph_names(nlp, lede, after, named):
    quote = quotes_of(nlp, "Campaign row", lede, after)[0]
    assert named in quote.speaker_text and quote.speaker_evidence == "role"
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    ("lede", "after", "speaker"),
    [
        # a voice that stays unnamed
        (
            "Troops will leave the city by June, a senior official has said.",
            "John Smith said the army was ready to go.",
            "a senior official",
        ),
        # someone set against the lede's speaker
        (
            "Taxes will have to rise after the election, a Labour MP has said.",
            "But Tory leader Michael Howard said the warning showed Labour could not be trusted.",
            "a Labour MP",
        ),
        # someone the article gives another role
        (
            "Taxes will have to rise after the election, a senior minister has admitted.",
            "Shadow chancellor Oliver Letwin said the admission was a scandal.",
            "a senior minister",
        ),
        # someone named before the description
        (
            "Tony Blair's plan for the health service is wrong, a Labour MP has said.",
            "Jane Fuller said the plan would cost too much.",
            "a Labour MP",
        ),
        # a pronoun the lede gives its speaker of the other sex
        (
            'The hospital is "in crisis", a Labour MP has said, adding that she would raise it in parliament.',
            "John Reid said the hospital had received extra money.",
            "a Labour MP",
        ),
        # the paragraph's first subject is a pronoun: someone else is named later in it
        (
            'The hospital is "in crisis", a Labour MP has said.',
            "She said patients were waiting hours. John Reid said the money was there.",
            "a Labour MP",
        ),
        # two people as the subject
        (
            'The plan is "a shambles", a Tory MP has said.',
            "Michael Howard and Oliver Letwin said the party would scrap it.",
            "a Tory MP",
        ),
        # the person named next does not speak there
        (
            'Labour\'s campaign is "running out of steam", a leading economist has claimed.',
            "Tony Blair launched the party's manifesto on Wednesday in Manchester.",
            "a leading economist",
        ),
    ],
)
def test_a_ledes_unnamed_description_is_not_the_next_person_named_against_what_the_text_says(nlp, lede, after, speaker):
    assert quotes_of(nlp, "Campaign row", lede, after)[0].speaker_text == speaker


@pytest.mark.parametrize(
    ("lede", "role"),
    [
        ("Margaret Hodge has announced £300m for nurseries across England.", "The schools minister"),
        ("New nurseries across England will get £300m, under plans unveiled by Margaret Hodge.", "The minister"),
    ],
)
def test_a_role_after_a_lede_naming_one_person_is_that_person(nlp, lede, role):
    # (an article's body, as the library passes it: the headline is not one of its paragraphs)
    quotes = quotes_of(nlp, lede, f"{role} said the money would pay for 20,000 new places.")
    quote = only(quotes, "20,000 new places")
    assert quote.speaker_text == "Margaret Hodge" and quote.speaker_evidence == "role"
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    ("lede", "role", "later", "speaker"),
    [
        # another post the article gives them
        ("Tory leader Michael Howard has attacked plans to close post offices.", "The prime minister", "", ""),
        # two people named
        ("Michael Howard has attacked Tony Blair over plans to close post offices.", "The prime minister", "", ""),
        # a role of the other sex
        ("Michael Howard has attacked plans to close post offices.", "The chairwoman", "", ""),
        # the one the lede is about, not the one acting in it
        ("Thousands gathered in Belfast to mourn Michael Howard.", "The chancellor", "", ""),
        ("Michael Howard was jailed for six years at Leeds Crown Court.", "The judge", "", ""),
        ("Protesters threw eggs at Michael Howard during a visit to Hull.", "The home secretary", "", ""),
        # someone else holds the post
        (
            "Michael Howard has attacked plans to close post offices.",
            "The chancellor",
            " Chancellor Gordon Brown was in Leeds.",
            "Gordon Brown",
        ),
    ],
)
def test_a_role_after_a_lede_is_not_its_person_against_what_the_text_says(nlp, lede, role, later, speaker):
    quotes = quotes_of(nlp, lede, f"{role} said the offices were losing money.{later}")
    assert only(quotes, "losing money").speaker_text == (speaker or role)


def test_a_definite_office_left_as_written_is_doubtful_and_a_bodys_voice_is_not(nlp):
    quotes = quotes_of(nlp, "Tax row", "Taxes will not rise after the election, the prime minister has said.")
    quote = only(quotes, "Taxes will not rise")
    assert quote.speaker_text == "the prime minister" and quote.speaker_evidence == "unresolved"
    # a definite office the article does not tie to a name is often someone it names elsewhere
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE
    for text, words in (
        ("Taxes will not rise, the Treasury spokesman said.", "Taxes will not rise"),
        ("Bins will be collected once a fortnight, the council spokesman has said.", "Bins will be collected"),
    ):
        assert only(quotes_of(nlp, "Tax row", text), words).speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    ("first", "second", "words", "speaker"),
    [
        (
            "The council tax is unfair to pensioners, Charles Kennedy has said.",
            "How could it be right that the poorest paid most, the Lib Dem leader asked.",
            "poorest paid most",
            "Charles Kennedy",
        ),
        # a reply is someone else's
        (
            "Michael Howard said taxes would fall under a Conservative government.",
            "The Labour leader replied that the sums did not add up.",
            "sums did not add up",
            "The Labour leader",
        ),
        (
            "Michael Howard said taxes would fall under a Conservative government.",
            "The Labour leader hit back, saying the sums did not add up.",
            "sums did not add up",
            "The Labour leader",
        ),
        (
            "Michael Howard said taxes would fall under a Conservative government.",
            "In response, the Labour leader said the sums did not add up.",
            "sums did not add up",
            "the Labour leader",
        ),
        (
            "Michael Howard said taxes would fall under a Conservative government.",
            "Replying to the speech, the head of the Refugee Council said the sums did not add up.",
            "sums did not add up",
            "the head of the Refugee Council",
        ),
        # a body of any kind goes with a speaker the article ties to none ("The Amnesty
        # secretary-general" after "Irene Khan said"), a seat written before its noun too ...
        (
            "In a lecture in Leeds, Maria Kowalski said charities had lost the public's trust.",
            "The Oxfam director said a gap between what charities promised and what they did was growing.",
            "gap between what charities promised",
            "Maria Kowalski",
        ),
        (
            "Anna Lindqvist said the scheme was late.",
            "The Sheffield Hallam MP said the scheme was a shambles.",
            "scheme was a shambles",
            "Anna Lindqvist",
        ),
        # ... but not with one it gives a description of any kind, or when someone new is named next
        (
            "Maria Kowalski, a volunteer, said the aid had not arrived.",
            "The Oxfam director said lessons had been learned.",
            "lessons had been learned",
            "The Oxfam director",
        ),
        (
            "Sarah Quinn said her son had missed a week of school.",
            "The EIS general secretary said the strike was the fault of ministers. Larry Flanagan added that"
            " talks would resume.",
            "fault of ministers",
            "Larry Flanagan",  # (not Sarah Quinn: the one the next sentence names, role-named-next)
        ),
        # ... nor with one it ties to another body, by name
        (
            "Tom Reed of the Law Society said the reforms were rushed.",
            "The chairman of the Bar Council said the reforms would cost millions.",
            "cost millions",
            "The chairman of the Bar Council",
        ),
        (
            "The Law Society's Tom Reed said the reforms were rushed.",
            "The Bar Council chairman said the reforms would cost millions.",
            "cost millions",
            "The Bar Council chairman",
        ),
        # a rank or a past time among their titles makes another office ("Deputy Prime Minister")
        (
            "Deputy Prime Minister John Prescott said the plan would work.",
            "The UK prime minister said Britain would lead.",
            "Britain would lead",
            "The UK prime minister",
        ),
        (
            "Former Labour leader Neil Kinnock said the plan would work.",
            "The Labour leader said Britain would lead.",
            "Britain would lead",
            "The Labour leader",
        ),
        # a statement that names them is about them, not theirs
        (
            "Jack McConnell said it was fine to get drunk once in a while.",
            "But the Scottish Executive has insisted Mr McConnell was talking about adults.",
            "talking about adults",
            "the Scottish Executive",
        ),
        # another post the article gives the speaker keeps them apart
        (
            "Party leader Michael Howard said the new role would replace police authorities.",
            "The chairman of the Police Federation said it was essential that independence was kept.",
            "independence was kept",
            "The chairman of the Police Federation",
        ),
    ],
)
def test_a_role_with_a_body_continues_a_speaker_the_article_ties_to_no_body_or_other_post(
    nlp, first, second, words, speaker
):
    assert only(quotes_of(nlp, "Tax row", first, second), words).speaker_text == speaker


def test_a_split_title_before_a_name_leaves_the_name_the_speaker(nlp):
    quotes = quotes_of(
        nlp,
        "The Save Our Ferries campaign said the plan was an important step.",
        '"We believe this plan is detailed enough to be put to a vote," said co-ordinator Peter Facey.'
        ' "In lieu of any other proposals, the council must allow that."',
    )
    assert only(quotes, "detailed enough").speaker_text == "Peter Facey"
    # the quotation after it continues Facey, not the campaign that spoke before him
    assert only(quotes, "In lieu of").speaker_text == "Peter Facey"


@pytest.mark.parametrize("body", ["The board", "The school board", "The charity", "The court"])
def test_a_body_noun_speaks_as_the_body(nlp, body):
    quote = only(quotes_of(nlp, f"{body} said the ferry plan was finished."), "ferry plan")
    assert quote.speaker_text == body


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        # the parse makes the thing before the participle its subject
        (
            "Ms Okafor also dismissed the figures insisting that most families are better off.",
            "most families",
            "Ms Okafor",
        ),
        # ... or hangs it on a clause inside the sentence
        (
            "Mr Reeve laughed off suggestions that his seat had been in danger saying it was the safest in town.",
            "safest in town",
            "Mr Reeve",
        ),
        (
            "Mr Reeve insisted there was no plan for a new pier saying the harbour was big enough.",
            "harbour was big",
            "Mr Reeve",
        ),
    ],
)
def test_a_participle_cue_is_the_sentences_subjects_when_the_parse_gives_it_a_thing(nlp, sentence, words, speaker):
    assert only(quotes_of(nlp, sentence), words).speaker_text == speaker


def test_our_correspondent_is_the_correspondent_the_article_names(nlp):
    quotes = quotes_of(
        nlp,
        '"Neither side wants a strike before the summer," said BBC transport correspondent Ann Reeve.'
        " The talks could go on for months, said our correspondent.",
    )
    quote = only(quotes, "talks could go on")
    assert quote.speaker_text == "Ann Reeve" and quote.speaker_evidence == "role"


@pytest.mark.parametrize(
    "before",
    [
        "The mayor defended the ferry cuts.",  # no statement before
        'The mayor said the ferry cuts were "modest".',  # a quotation before, in the paragraph
    ],
)
def test_a_quotation_after_a_sentence_saying_who_spoke_is_theirs(nlp, before):
    quotes = quotes_of(
        nlp,
        f"{before} But union leader Ann Reeve criticised the plans."
        ' "If you want good ferries you do not get them by cutting the crews."',
    )
    quote = only(quotes, "If you want good ferries")
    assert quote.speaker_text == "Ann Reeve" and quote.speaker_evidence == "named"
    assert DOUBTFUL_CONFIDENCE <= quote.speaker_confidence < 0.95
    # a sentence that reports words of its own is a statement, and a quotation after it carries it
    said = quotes_of(nlp, 'Ann Reeve said the crews were cut. "We will strike," she added.')
    assert only(said, "We will strike").cue == "added"


def test_pupils_speak_as_a_group_and_those_polled_through_their_survey(nlp):
    group = quotes_of(nlp, "Nearly half the pupils said the lessons were too long.")
    assert only(group, "lessons were too long").speaker_text == "Nearly half the pupils"
    polled = quotes_of(
        nlp,
        "The Mori survey interviewed 400 pupils for the council. Nearly half those pupils polled said the"
        " lessons were too long.",
    )
    quote = only(polled, "lessons were too long")
    assert quote.speaker_text == "The Mori survey" and quote.speaker_kind == "document"


def test_a_woman_with_a_man_title_is_she(nlp):
    quotes = quotes_of(
        nlp,
        "Party chairman Petrina Holdsworth urged the two men to step down from the assembly.",
        'She said: "The party has taken legal advice and we could take proceedings against you."',
    )
    assert only(quotes, "taken legal advice").speaker_text == "Petrina Holdsworth"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Houston is alleged to have said that the prisoners should be made to work for nothing.",
        "Mr Houston reportedly told aides that the prisoners should be made to work for nothing.",
    ],
)
def test_an_alleged_speaker_is_marked_doubtful(nlp, sentence):
    quote = only(quotes_of(nlp, sentence), "prisoners should be made")
    assert quote.speaker_evidence == "alleged" and quote.speaker_confidence < DOUBTFUL_CONFIDENCE


def test_an_indirect_question_is_no_statement_unless_asked(nlp):
    assert quotes_of(nlp, "On Thursday Mr Kemp is due to announce which seat he will fight at the election.") == []
    assert only(quotes_of(nlp, "Mr Kemp asked whether the seat would be fought."), "seat").speaker_text == "Mr Kemp"


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister is expected to announce that the scheme will be extended to every county.",
        "The unions are thought likely to propose a shorter working week for nurses.",
        "Ms Patel is likely to argue that the scheme has already cut waiting lists.",
        "The minister is widely expected to say that the scheme will be extended to every county.",
    ],
)
def test_a_forecast_of_what_someone_will_say_is_no_statement(nlp, sentence):
    # the writer's expectation, not a statement: no one is said to have said it
    assert quotes_of(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ms Patel will say that the scheme has already cut waiting lists.", "Ms Patel"),
        ("Mr Clarke is due to tell MPs that the scheme has already cut waiting lists.", "Mr Clarke"),
        ("Ms Patel expects to announce that the scheme has already cut waiting lists.", "Ms Patel"),
    ],
)
def test_a_speech_given_out_in_advance_is_still_a_statement(nlp, sentence, speaker):
    assert only(quotes_of(nlp, sentence), "cut waiting lists").speaker_text == speaker


@pytest.mark.parametrize(
    ("paragraphs", "containing"),
    [
        (
            [
                "Farm owner Ingrid Solberg sold her land to the council on Monday.",
                "The 61-year-old said she had no regrets about the sale.",
            ],
            "no regrets",
        ),
        (
            [
                "Ingrid Solberg won the regional title for a third time.",
                "The 29-year-old Norwegian said the course had suited her well.",
            ],
            "suited her",
        ),
    ],
)
def test_an_age_for_a_speaker_stands_for_the_person_named_before(nlp, paragraphs, containing):
    quote = only(quotes_of(nlp, *paragraphs), containing)
    assert quote.speaker_text == "Ingrid Solberg"
    assert quote.speaker_evidence == "role"


def test_an_age_of_a_thing_is_not_a_person(nlp):
    quotes = quotes_of(
        nlp, "Ingrid Solberg spoke on Monday.", "The 15-year-old charity said the ban was lifted last week."
    )
    assert only(quotes, "ban was lifted").speaker_text == "The 15-year-old charity"


def test_an_age_given_to_someone_unnamed_is_not_the_last_speaker(nlp):
    quotes = quotes_of(
        nlp,
        "Police arrested a 52-year-old man in Leeds. Det Insp Jane Hill said the inquiry was continuing.",
        "The 52-year-old said he was innocent.",
    )
    quote = only(quotes, "he was innocent")
    assert "Jane Hill" not in quote.speaker_text
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE


def test_a_role_opening_a_sentence_is_found_as_in_mid_sentence(nlp):
    # the capital "Our" takes at a sentence's start is no name the holder must have
    quotes = quotes_of(
        nlp,
        'Radio correspondent Ines Varga said the strike was "a serious threat".',
        "Deputy Prime Minister Tomas Reyes met union leaders on Friday.",
        "Our correspondent said that no offer had been made at the meeting.",
    )
    assert only(quotes, "no offer had been made").speaker_text == "Ines Varga"


def test_a_role_replying_to_a_question_is_the_one_asked(nlp):
    quotes = quotes_of(
        nlp,
        "Labour MP Karen Hollis asked Mr Okafor whether the ministry had delayed the figures, and said the"
        " report had been changed. But the minister said the decision had been taken independently.",
    )
    quote = only(quotes, "taken independently")
    assert quote.speaker_text == "Mr Okafor"
    assert quote.speaker_evidence == "role"


def test_a_role_going_on_with_its_own_contrast_is_the_same_speaker(nlp):
    quotes = quotes_of(
        nlp,
        "Daniel Marsh will say Conservatives share the values of small businesses. But the Tory leader will argue"
        " against new subsidies, saying they are unfair.",
    )
    assert only(quotes, "they are unfair").speaker_text == "Daniel Marsh"


@pytest.mark.parametrize(
    ("paragraph", "asker", "question"),
    [
        (
            'Writer Neil Coppendale, from West Sussex, asked of the Iraq war: "How do you manage to sleep at night?"'
            ' On housing, teacher Diane Granger said: "Where are you going to put everyone?"',
            "Neil Coppendale",
            "sleep at night",
        ),
        (
            'Teacher Ann Cole, from Leeds, asked of the plans: "Where will the children go?" Later, nurse Diane Granger'
            ' said: "We cannot go on like this."',
            "Ann Cole",
            "children go",
        ),
    ],
)
def test_a_question_asked_after_a_name_and_its_place_is_the_askers(nlp, paragraph, asker, question):
    # the parse takes "asked" for a participle describing the name ("Mr Smith, asked about it, said"):
    # the colon after it shows it introduces the quotation, which is never pulled to the next cue
    quotes = quotes_of(nlp, paragraph)
    first = only(quotes, question)
    assert first.speaker_text == asker and first.cue == "asked"
    assert quotes[-1].speaker_text == "Diane Granger"


def test_a_participle_describing_a_speaker_is_still_no_cue(nlp):
    quote = only(
        quotes_of(nlp, "Ann Cole, asked about the plans by reporters, said that the scheme was working well."), "scheme"
    )
    assert quote.speaker_text == "Ann Cole" and quote.cue == "said"


@pytest.mark.parametrize(
    ("paragraph", "containing", "speaker"),
    [
        (  # the body that answered in the sentence just before, though it gave no words of its own
            "The Greens say the Liberal Party is breaking the rules on leaflets. The Liberal Party denies breaking"
            " rules. It says leaflets are not advertising if they only ask people how they will vote.",
            "leaflets are not advertising",
            "The Liberal Party",
        ),
        (  # a body that did not speak there changes nothing
            "The Greens said the council was breaking the rules on leaflets. The Liberal Party won the seat in 2001."
            " It says leaflets are not advertising if they only ask people how they will vote.",
            "leaflets are not advertising",
            "Greens",
        ),
        (  # nor one that only reported
            "The report said waiting lists fell. The BBC reported the findings on Monday. It says the figures are"
            " robust.",
            "figures are robust",
            "The report",
        ),
    ],
)
def test_it_after_a_body_is_the_one_that_answered_else_the_speaker_before(nlp, paragraph, containing, speaker):
    assert only(quotes_of(nlp, paragraph), containing).speaker_text == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Members are put in five groups according to their last known voting intention, from loyal to lapsed.",
        "The new wards were opened according to plan, and the first patients arrived on Monday.",
        "Seats are given out according to the rules of the chamber, which date from 1911.",
    ],
)
def test_according_to_a_measure_or_a_rule_is_no_source(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_according_to_a_source_is_still_one(nlp):
    quote = only(
        quotes_of(nlp, "Waiting lists fell by a fifth last year, according to a survey by the Kings Fund."), "fifth"
    )
    assert quote.speaker_evidence == "document" and "Kings Fund" in quote.speaker_text
    officers = only(
        quotes_of(nlp, "Seizures rose sharply last year, according to customs officers at Dover."), "Seizures"
    )
    assert officers.speaker_text.startswith("customs officers")


def test_a_body_members_newsletter_speaks_as_that_document(nlp):
    quotes = quotes_of(
        nlp,
        "His letter quotes a Leeds Green Party members' newsletter explaining how voters will be called.",
        'The newsletter says: "Using what we know about people, we can send them letters."',
    )
    quote = only(quotes, "we can send them letters")
    assert quote.speaker_evidence == "document"
    assert "Leeds Green Party" in quote.speaker_text


def test_going_on_with_a_doubtful_speaker_is_as_doubtful(nlp):
    quotes = quotes_of(
        nlp,
        "Unison members met on Monday. The union's general secretary said members would strike. He added"
        " that talks would go on all week.",
    )
    role = only(quotes, "members would strike")
    going_on = only(quotes, "talks would go on")
    assert role.speaker_confidence < DOUBTFUL_CONFIDENCE
    assert going_on.speaker_text == role.speaker_text
    assert going_on.speaker_confidence <= role.speaker_confidence
    sure = only(quotes_of(nlp, "Dave Prentis said the plans were unfair. He added that talks would go on."), "talks")
    assert sure.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "Labour and the Greens clashed over student fees on Monday. The party said the votes of students"
            " could win it 27 new seats.",
            "The party",
        ),
        (
            "Lord Justice Rix and Mr Justice Forbes heard the case. The judges said previous investigations were"
            " inadequate.",
            "The judges",
        ),
    ],
)
def test_a_definite_body_or_group_not_found_is_doubtful(nlp, paragraph, speaker):
    # a body or people the article named before, which the rules could not tell: kept as written
    quote = quotes_of(nlp, paragraph)[-1]
    assert quote.speaker_text == speaker
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said previous investigations were inadequate.",
        "A Home Office spokeswoman said previous investigations were inadequate.",
    ],
)
def test_an_unnamed_voice_that_stands_for_itself_is_sure(nlp, sentence):
    assert quotes_of(nlp, sentence)[0].speaker_confidence >= DOUBTFUL_CONFIDENCE


def test_a_role_after_someone_only_told_something_goes_on_with_the_teller(nlp):
    quotes = quotes_of(
        nlp, "Tony Blair told Michael Howard the plans were sound. But the prime minister said the timing was wrong."
    )
    assert only(quotes, "timing was wrong").speaker_text == "Tony Blair"


def test_a_definite_body_with_none_named_before_stands_for_itself(nlp):
    quote = only(quotes_of(nlp, "The company said profits would be lower this year."), "profits")
    assert quote.speaker_confidence >= DOUBTFUL_CONFIDENCE
    their = only(quotes_of(nlp, "Their lawyers said the case would go on."), "case would go on")
    assert their.speaker_confidence >= DOUBTFUL_CONFIDENCE


def test_a_forecast_joined_to_another_verb_is_still_a_forecast(nlp):
    assert quotes_of(nlp, "The minister is expected to travel to Paris and announce that the scheme will grow.") == []


# ---- one body's names in a role; a role of another body; a name list's guess against a pronoun ----


def test_a_role_with_another_name_of_the_body_is_its_holder_and_he_goes_on(nlp):
    quotes = quotes_of(
        nlp,
        "Charles Kennedy, the Liberal Democrat leader, attacked the plan.",
        "How was it right that the poorest still paid more than the richest, the Lib Dem leader asked. The new"
        ' rebate for pensioners did nothing to fix the "unfair tax", he added.',
    )
    assert only(quotes, "How was it right").speaker_text == "Charles Kennedy"
    assert only(quotes, "unfair tax").speaker_text == "Charles Kennedy"


def test_a_role_of_another_body_is_not_the_previous_speaker(nlp):
    quotes = quotes_of(
        nlp,
        "Michael Howard said the plans would make the police more accountable.",
        "Responding to the plans, the chairman of the Police Federation said it was essential that"
        " independence was kept.",
    )
    assert only(quotes, "independence was kept").speaker_text.startswith("the chairman of the Police Federation")


def test_a_pronoun_overrules_the_name_lists_guess_when_no_one_else_agrees(nlp):
    quotes = quotes_of(
        nlp,
        'Jan Berry said: "It is a service, not a political football." "These plans could put extremists in'
        ' charge," she warned.',
    )
    quote = only(quotes, "put extremists in charge")
    assert quote.speaker_text == "Jan Berry" and quote.speaker_confidence < DOUBTFUL_CONFIDENCE
    # ... but not past another person who agrees with it
    other = quotes_of(
        nlp, "Hillary Clinton spoke first.", 'Bill Clinton said: "We will win." "And we will govern well," she added.'
    )
    assert only(other, "govern well").speaker_text == "Hillary Clinton"


def test_no_10_speaks_as_no_10(nlp):
    quote = only(quotes_of(nlp, "No 10 was similarly cautious but said the threat was real."), "threat was real")
    assert quote.speaker_text == "No 10"


def test_a_role_the_tagger_took_for_a_body_continues_the_same_bodys_speaker(nlp):
    quotes = quotes_of(
        nlp,
        'Tory Liam Fox said his party offered a "clear choice" on the issue. The Conservative Party Co-Chairman'
        " said voters had a choice between a government that had done nothing and one that would set limits.",
    )
    quote = only(quotes, "voters had a choice")
    assert "Fox" in quote.speaker_text and quote.speaker_evidence == "role"


def test_a_name_opening_a_sentence_the_parse_makes_its_root_is_its_subject(nlp):
    # The parse hangs "called" on "Trevor Phillips"; he, not the earlier speaker, says what follows.
    quotes = quotes_of(
        nlp,
        "Mr Howard has said Britain should take its fair share of genuine refugees. But he claims the"
        " current system is being abused. Trevor Phillips, chairman of the Commission for Racial Equality,"
        " called on Mr Clarke to denounce the suggestion Britain's hospitality was being tested by"
        ' immigration. "Tell that to the 44,000 doctors in the NHS and the 70,000 nurses," he said.',
    )
    assert only(quotes, "Tell that to").speaker_text == "Trevor Phillips"


def test_a_quotation_after_a_reported_statement_continues_that_statement(nlp):
    quotes = quotes_of(
        nlp,
        '"There was little in the plans to reassure them," said Mr Dale. Earlier the Liberal spokesman Mark'
        ' Oates said the government was right to want closer links with the police. "But these measures'
        ' will only work if they are matched with a cut in paperwork."',
    )
    quote = only(quotes, "these measures will only work")
    assert quote.speaker_text == "Mark Oates" and quote.speaker_evidence == "carried"


def test_it_with_no_body_speaking_before_is_the_body_the_sentence_before_has_for_subject(nlp):
    quotes = quotes_of(
        nlp,
        "There was an outcry when the Sentencing Council published its proposals for England. It had"
        " suggested judges should cut sentences by a third for those who confessed early.",
    )
    assert only(quotes, "cut sentences by a third").speaker_text == "the Sentencing Council"


def test_a_name_set_off_by_commas_after_a_role_is_its_holder_and_a_section_speaks_as_a_document(nlp):
    quotes = quotes_of(
        nlp,
        'But director of the Victims of Crime Trust, Norman Brennan, accused Lord Woolf of "arrogant contempt'
        ' for victims". In revised proposals, the section on murder said reductions would have to be'
        ' "weighed carefully" by a judge. The maximum reduction would be one sixth, it said.',
    )
    assert only(quotes, "arrogant contempt").speaker_text == "Norman Brennan"
    section = only(quotes, "weighed carefully")
    assert section.speaker_text == "the section on murder" and section.speaker_evidence == "document"
    assert only(quotes, "maximum reduction").speaker_text == "the section on murder"


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "Tony Blair promised Gordon Brown he would stand down before the next election, a new book about"
            " the chancellor claims.",
            "a new book about the chancellor",
            "Tony Blair promised Gordon Brown he would stand down before the next election",
        ),
        (
            "Taxes will rise next year, a report by the Institute for Fiscal Studies says.",
            "a report by the Institute for Fiscal Studies",
            "Taxes will rise next year",
        ),
    ],
)
def test_a_sentence_that_ends_in_a_documents_attribution_is_the_documents_claim(nlp, sentence, speaker, claim):
    quotes = quotes_of(nlp, sentence)
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote.speaker_text, quote.text, quote.speaker_evidence) == (speaker, claim, "document")
    assert quote.cue in ("claims", "says")


def test_a_share_of_respondents_speaks_through_its_survey(nlp):
    quotes = quotes_of(
        nlp,
        "In the survey carried out by ICM Research, 14% of people aged between 18 and 34 said they never"
        " voted in general elections.",
    )
    quote = only(quotes, "never voted")
    assert quote.speaker_text == "the survey carried out by ICM Research" and quote.speaker_evidence == "document"
    assert quote.text.startswith("14% of people")
    # with no survey named, a share names no one
    alone = only(quotes_of(nlp, "Some 14% of people said they never voted in general elections."), "never voted")
    assert alone.speaker_text == "" or alone.speaker_evidence != "document"


def test_an_opening_clause_the_parse_makes_the_subject_gives_way_to_the_name_it_sets_off(nlp):
    quotes = quotes_of(
        nlp,
        "Welcoming the ruling, Maeve Sherlock, chief executive of the Refugee Council, said the decision was"
        " right for everyone.",
    )
    assert only(quotes, "decision was right").speaker_text == "Maeve Sherlock"


def test_a_body_noun_goes_on_only_for_a_body_it_can_name(nlp):
    quotes = quotes_of(
        nlp,
        "The recommendations came from the Low Pay Commission which said jobs had grown since 1999. The"
        " government has not accepted the recommendation, but says it will look again at the rate.",
        "The Home Office said the plan was sound. The ministry added that it would be reviewed in May.",
    )
    assert only(quotes, "look again at the rate").speaker_text == "The government"
    assert only(quotes, "reviewed in May").speaker_text == "The Home Office"


@pytest.mark.parametrize(
    ("before", "after", "said", "speaker"),
    [
        # a constituency the model does not know as a place is still where the seat is
        (
            "However, Mr Dale predicted the campaign would start in earnest after the budget.",
            'The MP for Thornbury and Yate said the prime minister had been "trying very hard" to win back voters.',
            "trying very hard",
            "Mr Dale",
        ),
        # a seat goes with a former post
        (
            'Former Cabinet minister Peter Hollis said the Bill was "costly and unnecessary".',
            'But the Tory MP for Ashby and Wenlock admitted the office "cannot stay as it is".',
            "cannot stay",
            "Peter Hollis",
        ),
        # the seat's holder named just before, though someone else spoke between
        (
            'Ken Marsh said: "The row has gone on long enough." Former health minister Jane Ford MP criticised'
            " the rivalry on a Sunday programme.",
            '"What sort of example does that set to the country?" the Labour MP for Kingsbridge asked.',
            "What sort of example",
            "Jane Ford",
        ),
        # ... not someone of another party
        (
            "Tory MP Alan Reed said the tax would hit pensioners.",
            "The Labour MP for Kingsbridge said the sums did not add up.",
            "sums did not add up",
            "The Labour MP for Kingsbridge",
        ),
        (
            'Ken Marsh said: "The row has gone on long enough." Tory MP Alan Reed criticised the rivalry.',
            '"What sort of example does that set?" the Labour MP for Kingsbridge asked.',
            "What sort of example",
            "the Labour MP for Kingsbridge",
        ),
    ],
)
def test_a_seat_and_its_constituency_stand_for_the_mp_just_named(nlp, before, after, said, speaker):
    assert only(quotes_of(nlp, before, after), said).speaker_text == speaker


def test_a_document_takes_the_name_of_whose_it_is(nlp):
    quotes = quotes_of(
        nlp,
        "Pupils in small rural schools do worse in maths than pupils in towns, a report says.",
        "The Ofsted report, based on 300 inspections, said small schools lacked specialist teachers. The"
        " report also found that pupils in towns were more likely to study science.",
    )
    assert only(quotes, "do worse in maths").speaker_text == "Ofsted report"
    assert only(quotes, "lacked specialist teachers").speaker_text == "The Ofsted report"
    found = only(quotes, "more likely to study science")
    assert found.speaker_text == "Ofsted report" and found.speaker_kind == "document"
    # a document named as written is itself, not another one named before it
    polls = quotes_of(
        nlp,
        "Most voters back the plan, a Gallup poll suggests.",
        "However the Ipsos poll found that a third of voters had not made up their minds.",
    )
    assert only(polls, "made up their minds").speaker_text == "the Ipsos poll"


@pytest.mark.parametrize(
    ("paragraphs", "said", "speaker"),
    [
        # "Piers" taken for a noun and the name left untagged: "He" is still the man named there, not
        # the chancellor who spoke before
        (
            (
                "Gordon Brown has said the cuts will pay for more teachers and police.",
                'Piers Freelove is senior benefit officer on the picket line in Cardiff. He said: "Most people'
                ' have stayed away because of the threat to their jobs."',
            ),
            "stayed away",
            "Piers Freelove",
        ),
        # after another paragraph the parse may leave the name a bare dependent of the opening clause
        (
            (
                'Responding to the ruling, a Home Office spokesman said: "The scheme was operated two years ago."',
                'Welcoming the ruling, Maeve Sherlock, chief executive of the Refugee Council, said: "Human'
                ' rights abuses against the Roma in Eastern Europe are well documented, and it is hugely troubling."',
            ),
            "well documented",
            "Maeve Sherlock",
        ),
        # a participle's speaker is never in its own quotation
        (
            (
                "Mr Boateng served on the Greater London Council before being elected to Parliament in 1987,"
                ' declaring "today Brent South, tomorrow Soweto".',
            ),
            "tomorrow Soweto",
            "Mr Boateng",
        ),
        # a name after a form of address is a person whatever the tagger says: left untagged, called
        # a place, or a surname that is also a title ("Mr Bishop"); "He said" after it is them, not
        # the one who spoke before
        (
            (
                "Tom Hardy, the council leader, said Mr Flight was no longer eligible. Mr Flight landed in"
                " trouble over remarks on spending. He quit the board after suggesting the budget would be cut.",
            ),
            "budget would be cut",
            "Mr Flight",
        ),
        (
            (
                "The branch will be run by officials from London, says a party spokeswoman.",
                "Mr Paris on Friday said he would appeal against the decision. He said the branch had"
                " heard of it only from a newspaper.",
            ),
            "only from a newspaper",
            "Mr Paris",
        ),
        (
            (
                "Jane Porter, who chairs the parish council, said Mr Bishop had broken the rules on expenses."
                " Mr Bishop stepped down from the committee last week. He said the complaint against him was"
                " politically motivated.",
            ),
            "politically motivated",
            "Mr Bishop",
        ),
        # a name closing a body's phrase is the body
        (
            (
                "The group which represents university vice-chancellors, Universities UK, said the new system"
                " of deferred fees would encourage more of them to go into higher education.",
            ),
            "deferred fees",
            "Universities UK",
        ),
    ],
)
def test_a_slip_of_the_parse_around_a_speaker_still_gives_the_speaker(nlp, paragraphs, said, speaker):
    assert only(quotes_of(nlp, *paragraphs), said).speaker_text == speaker


def test_the_party_is_the_one_party_the_article_names(nlp):
    quotes = quotes_of(
        nlp,
        "A Conservative election candidate has stood down after a remark about public services. Tory leader"
        " Michael Howard accepted his decision.",
        "In a statement, the party said the comment had been taken out of context.",
    )
    assert canonical_body(only(quotes, "out of context").speaker_text) == "Conservative Party"
    # two parties named: "the party" is not guessed
    two = quotes_of(
        nlp,
        "Labour and the Liberal Democrats attacked the Conservative plan for public services.",
        "In a statement, the party said the comment had been taken out of context.",
    )
    assert only(two, "out of context").speaker_text == "the party"


def test_the_party_is_the_one_a_longer_name_names_not_the_parties_of_its_words(nlp):
    # "Liberal Democrat" is neither the Liberal Party nor the Democrats
    quotes = quotes_of(
        nlp,
        "Students can decide the fate of MPs in some seats, Liberal Democrat leader Charles Kennedy has claimed.",
        "The party says the votes of students can win it 27 new seats at the poll.",
    )
    assert canonical_body(only(quotes, "27 new seats").speaker_text) == "Liberal Democrats"
    # a lone "Party" the tagger took for a name is no party
    lone = quotes_of(
        nlp,
        "Labour and the Tories clashed over housing. Party leader Charles Kennedy said the plans were good.",
        "The party said its help for buyers could be funded at no extra cost.",
    )
    assert only(lone, "no extra cost").speaker_text == "The party"


def test_a_post_is_not_the_last_person_named_unless_its_noun_rules_them_out(nlp):
    # "the chairman" is said of women too; "the charity's director" is someone the article may name
    chair = quotes_of(
        nlp,
        "The committee questioned the minister for three hours.",
        'Hilary Benn pressed them on the cost of the scheme. The chairman said: "We will not accept these excuses."',
    )
    assert only(chair, "these excuses").speaker_text == "Hilary Benn"
    director = quotes_of(
        nlp,
        "Ed Sheeran visited a homeless shelter in Ipswich on Tuesday.",
        'Sheeran then spent an hour with the volunteers. The charity\'s director said: "They will never forget it."',
    )
    assert only(director, "never forget it").speaker_text == "The charity's director"


def test_the_party_is_not_the_one_that_spoke_when_another_is_named_since(nlp):
    quotes = quotes_of(
        nlp,
        '"It is far too little, far too late," the Greens said. Labour, which backed a similar tax last year,'
        ' has now changed its position. "We were wrong to support it," the party said.',
    )
    assert only(quotes, "wrong to support it").speaker_text == "the party"


def test_a_capital_opening_a_sentence_is_not_taken_into_a_bodys_name(nlp):
    quotes = quotes_of(nlp, "Liberal Democrats in the Senate said the bill did not go far enough.")
    assert only(quotes, "far enough").speaker_text == "Democrats"


def test_the_party_goes_on_with_the_party_that_spoke_last_in_its_paragraph(nlp):
    labour = "Labour says it wants to keep the council tax but reform it."
    lib_dems = (
        "The Liberal Democrats want to scrap the council tax. They say it is the most unfair tax in Britain."
        " The party says it would aim for a £5,000 tax-free allowance."
    )
    quotes = quotes_of(nlp, labour, lib_dems)
    # (the name as written, with the word the tagger left out of it)
    assert only(quotes, "most unfair tax").speaker_text == "Liberal Democrats"
    assert only(quotes, "tax-free allowance").speaker_text == "Liberal Democrats"
    # a party that spoke in another paragraph is not guessed
    apart = quotes_of(
        nlp, labour, lib_dems.split(" The party")[0], "The party says it would aim for a £5,000 tax-free allowance."
    )
    assert only(apart, "tax-free allowance").speaker_text == "The party"


def test_a_film_showing_someone_is_no_finding_of_the_film_and_gives_that_person(nlp):
    quotes = quotes_of(
        nlp,
        'The documentary showed Mr Hale, apparently talking about the budget, telling the meeting: "The'
        ' farmers are the big losers here."',
    )
    assert none_containing(quotes, "apparently talking")
    assert only(quotes, "big losers").speaker_text == "Mr Hale"


def test_a_full_name_the_tagger_missed_is_a_person_when_its_surname_is_one_elsewhere(nlp):
    # The small model leaves some full names untagged where it tags the same surname later
    # ("Mr Ramaswamy said"); the tags are set here as it set them in such an article.
    from spacy.tokens import Span

    from index.quotes.context import QuoteContext
    from index.quotes.referents import untagged_full_names

    text = "Ashok Ramaswamy of Fair Vote Now said the lists had failed. Mr Ramaswamy said so again."
    doc = nlp(text)
    later = [t.i for t in doc if t.text == "Ramaswamy"][-1]
    doc.ents = [Span(doc, later, later + 1, label="PERSON")]
    assert [ent.text for ent in untagged_full_names(QuoteContext(doc, None))] == ["Ashok Ramaswamy"]
    # ... never when the surname is no one's elsewhere and the list does not know the first name
    doc.ents = []
    assert untagged_full_names(QuoteContext(doc, None)) == []


def test_a_full_name_the_tagger_called_a_place_is_a_person_when_a_form_of_address_gives_its_surname(nlp):
    # The small model calls some full names a facility ("The Fabian Society's Sundar Katwala");
    # the tags are set here as it set them in such an article.
    from spacy.tokens import Span

    from index.quotes import extract_quotes
    from index.quotes.context import QuoteContext
    from index.quotes.referents import mislabelled_full_names

    text = (
        "The Fabian Society's Priya Ramaswamy said the change was overdue. The reform group's general"
        " secretary told the BBC there were some out-dated features. Mr Ramaswamy added that it was welcome."
    )
    doc = nlp(text)
    first = [t.i for t in doc if t.text == "Priya"][0]
    doc.ents = [Span(doc, first, first + 2, label="FAC")]
    assert [ent.text for ent in mislabelled_full_names(QuoteContext(doc, None))] == ["Priya Ramaswamy"]
    quote = only(extract_quotes(doc), "out-dated features")
    assert quote.speaker_text == "Priya Ramaswamy" and quote.speaker_evidence == "role"
    # ... never when no form of address gives that surname
    other = nlp(text.replace("Mr Ramaswamy", "The society"))
    other.ents = [Span(other, first, first + 2, label="FAC")]
    assert mislabelled_full_names(QuoteContext(other, None)) == []
    # ... nor for a body, which may bear a family's name ("Goldman Sachs" … "Mr Sachs, the economist")
    doc.ents = [Span(doc, first, first + 2, label="ORG")]
    assert mislabelled_full_names(QuoteContext(doc, None)) == []


def test_a_post_in_a_body_the_text_introduced_is_the_person_who_spoke_before(nlp):
    quotes = quotes_of(
        nlp,
        "Oxfam's Barbara Stocking said rich countries were failing the poorest children. The charity's"
        " director said 2005 offered the chance of a breakthrough.",
    )
    quote = only(quotes, "chance of a breakthrough")
    assert quote.speaker_text == "Barbara Stocking" and quote.speaker_evidence == "role"


@pytest.mark.parametrize(
    "sentence",
    [
        "In his new pamphlet, Deep Water, Martin Hale, a QC and maritime law lecturer, suggests the fishing"
        " deal was drafted in Brussels.",
        "In her new book, Cold Comfort, Helen Marsh, a QC and international law professor, suggests the treaty"
        " was drafted in Whitehall.",
    ],
)
def test_a_word_of_a_persons_apposition_near_a_cue_with_no_subject_gives_the_person(nlp, sentence):
    # The parse gives "suggests" no subject; the nearest capitalised word is "QC", inside the
    # phrase set beside the name.
    (quote,) = quotes_of(nlp, sentence)
    assert quote.speaker_text in ("Martin Hale", "Helen Marsh")


@pytest.mark.parametrize("post", ["MSP", "MEP"])
def test_a_post_written_after_names_stands_for_a_person_after_the(nlp, post):
    quotes = quotes_of(
        nlp,
        "Fishing row",
        "Karen Lindqvist said the quotas were unfair.",
        f"The {post} said the quotas would close harbours.",
    )
    assert only(quotes, "close harbours").speaker_text == "Karen Lindqvist"


def test_they_is_the_party_that_spoke_or_the_one_the_sentence_before_is_about(nlp):
    quotes = quotes_of(
        nlp,
        "Council tax row",
        "Pensioners have protested across the country and all three of the main parties have said the"
        " system has to change.",
        "Labour says it wants to keep the tax but make it fairer. They say they are already helping"
        " pensioners with a lump sum.",
        "The Tories have promised a cut in bills for pensioners. They say they can save £4bn on waste.",
    )
    labour = only(quotes, "already helping pensioners")
    assert labour.speaker_text == "Labour" and labour.speaker_kind == "org"  # a party, though tagged a person
    assert only(quotes, "save £4bn").speaker_text == "Tories"  # the body named, not the article


def test_a_name_ending_a_long_title_after_the_cue_is_the_speaker_and_the_title_is_no_statement(nlp):
    # The parse takes "shadow" for a verb: the speaker was "Labour", and the title run a statement.
    quotes = quotes_of(
        nlp,
        "Housing row",
        '"This is typical of the council," said Labour shadow local government secretary Anna Berg.'
        ' "They claim they will build homes."',
    )
    assert only(quotes, "typical of the council").speaker_text == "Anna Berg"
    assert only(quotes, "build homes").speaker_text == "Anna Berg"
    assert none_containing(quotes, "secretary Anna Berg")


def test_they_in_a_paragraph_about_a_party_is_that_party_not_the_one_that_spoke_before(nlp):
    quotes = quotes_of(
        nlp,
        "Road tax row",
        "The Conservatives say they would cut the road tax by a third.",
        "The Greens want to scrap the road tax and switch to a charge on lorries. The charge would be"
        " collected at ports, which they say would raise at least £2bn. They say the road tax is the most"
        " unfair tax in Britain.",
    )
    assert only(quotes, "raise at least £2bn").speaker_text == "Greens"
    assert only(quotes, "most unfair tax").speaker_text == "Greens"


def test_a_party_word_with_words_of_its_own_before_it_is_a_member_not_the_party(nlp):
    (quote,) = quotes_of(nlp, "One Conservative said the leader must go.")
    assert quote.speaker_kind == "person"


def test_they_after_other_people_between_is_not_the_party_the_paragraph_opened_with(nlp):
    quotes = quotes_of(
        nlp, "The Tories want to scrap tuition fees. Students are not convinced. They say the party cannot be trusted."
    )
    assert only(quotes, "cannot be trusted").speaker_text == "They"


def test_people_after_the_cue_are_no_title_of_the_name_after_them(nlp):
    quotes = quotes_of(nlp, '"We will not back down," said Unison officials meeting John Prescott.')
    assert only(quotes, "not back down").speaker_text != "John Prescott"


# ---- a committee's members speak for the one committee the article names ----


@pytest.mark.parametrize(
    ("paragraphs", "words", "speaker"),
    [
        (
            [
                "Rail fares are too high for commuters, a committee of MPs has said.",
                "The Commons transport committee found that fares had risen twice as fast as wages. "
                "Members urged ministers to cap the rises. Some lines were running at a loss, MPs said.",
            ],
            "cap the rises",
            "transport committee",
        ),
        # a lede's "MPs say" for the committee that reports in the body
        (
            [
                "MPs say the new rules on lobbying are too weak to work.",
                "The Standards Committee said ministers had ignored earlier warnings.",
            ],
            "too weak to work",
            "Standards Committee",
        ),
        (
            [
                "The Public Petitions Committee said the scheme had been badly run.",
                'The MPs said the agency "had lost sight of its purpose".',
            ],
            "lost sight of its purpose",
            "Public Petitions Committee",
        ),
        (
            [
                "In March the MPs who sit on the Rural Affairs Committee published a report noting the "
                'service "has failed farmers".',
            ],
            "has failed farmers",
            "Rural Affairs Committee",
        ),
    ],
)
def test_members_of_the_one_named_committee_speak_for_it(nlp, paragraphs, words, speaker):
    quote = only(quotes_of(nlp, *paragraphs), words)
    assert speaker in quote.speaker_text
    assert quote.speaker_evidence == "role" and quote.speaker_confidence >= DOUBTFUL_CONFIDENCE


@pytest.mark.parametrize(
    "paragraphs",
    [
        # two committees: either could be meant
        [
            "The Treasury Committee said the budget was sound. The Public Accounts Committee found waste.",
            "MPs said the savings were not enough.",
        ],
        # members of a party are not the committee
        ["The Home Affairs Committee said the plan was flawed.", "Labour MPs said the savings were not enough."],
        # the committee is only mentioned, never reports
        ["The plan goes before the Home Affairs Committee next week.", "MPs said the savings were not enough."],
        # members described as others ("MPs who oppose", "Members of the public")
        [
            "The Home Affairs Committee said the plan was flawed.",
            "MPs who oppose the cuts said the savings were not enough.",
        ],
        [
            "The Home Affairs Committee said the plan was flawed.",
            "Members of the public said the savings were not enough.",
        ],
        # "The MPs" are the ones named before with words of their own
        [
            "The Scottish Affairs Committee said the plan was flawed. Three SNP MPs walked out.",
            "The MPs said the savings were not enough.",
        ],
        # not a parliament's committee: its members are not MPs
        ["The International Olympic Committee said the bid was strong.", "MPs said the savings were not enough."],
        ["The club's membership committee said the fees would rise.", "Members said the savings were not enough."],
        # another committee, unnamed but of another house
        [
            "The Treasury Committee said the plan was flawed. In Washington a Senate committee said it was sound.",
            "MPs said the savings were not enough.",
        ],
        # the committee far away in the story, MPs in a debate
        [
            "The Treasury Committee said the plan was flawed.",
            "The bill then went to the Commons for its second reading.",
            "Ministers defended it on Tuesday night.",
            "MPs said the savings were not enough.",
        ],
    ],
)
def test_mps_stay_mps_unless_one_committee_speaks(nlp, paragraphs):
    quote = only(quotes_of(nlp, *paragraphs), "savings were not enough")
    assert "Committee" not in quote.speaker_text


# ---- a body that inquires or judges reports through its finding or ruling ----


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Court of Session ruled on Friday that the harbour sale was unlawful.", "The Court of Session"),
        ("A jury ruled that the skipper had lied to the inquiry.", "A jury"),
        ("Law lords ruled that the port's by-laws breached human rights.", "Law lords"),
        ("The Fisheries Commission found the quota system was unfair to small boats.", "The Fisheries Commission"),
        ("The inquiry has found that the ferry left port overloaded.", "The inquiry"),
        ("The inquest found that the skipper had been unlawfully killed.", "The inquest"),
    ],
)
def test_a_court_or_inquiry_speaks_through_its_ruling_or_finding(nlp, sentence, speaker):
    quote = quotes_of(nlp, sentence)[0]
    assert quote.speaker_text == speaker and quote.kind == "indirect"


@pytest.mark.parametrize(
    "sentence",
    [
        "Police found that the door of the harbour office was open.",  # a discovery, not a finding
        "Whichever way the court rules the other side will appeal.",  # no ruling made
        "It was unclear whether the judges would rule that the mines posed a threat.",
        "The judge ruled out a retrial of the skipper.",  # a denial, not a ruling's content
        "Once the judge rules that the evidence can be used, the trial will resume.",  # not yet made
        "Unless the court ruled that the ban was lawful, the shops would stay open.",
        "Had the court ruled that the ban was lawful, the shops would have closed.",
        "The court did not rule that the ban was unlawful.",
        "The jury found him guilty of murder.",  # a verdict, no reported clause
        "The jury found it hard to reach a verdict.",
    ],
)
def test_no_ruling_or_finding_is_reported(nlp, sentence):
    assert not [q for q in quotes_of(nlp, sentence) if "found" in q.cue.lower() or "rule" in q.cue.lower()]


def test_it_found_is_the_study_that_spoke_before(nlp):
    quotes = quotes_of(
        nlp,
        "Harbour towns are losing their young people, a Fisheries Trust study found. It found that two in "
        "three school leavers moved away within a year.",
    )
    quote = only(quotes, "two in three school leavers")
    assert quote.speaker_text == "a Fisheries Trust study" and quote.speaker_kind == "document"


def test_it_in_a_clause_of_a_body_named_by_its_noun_is_that_body(nlp):
    quotes = quotes_of(nlp, "The board reached its decision after it said the harbour could not be saved.")
    assert only(quotes, "could not be saved").speaker_text == "The board"
    # ... but not with another body for the main clause's object: "it" may be either
    quotes = quotes_of(nlp, "The company sued the newspaper after it claimed the boss was a fraud.")
    assert only(quotes, "was a fraud").speaker_text != "The company"


def test_they_going_on_with_a_singular_body_is_doubtful(nlp):
    quotes = quotes_of(
        nlp,
        "The harbour board said the ferry company had broken its contract. Later they complained they had been "
        "left in the dark.",
    )
    quote = only(quotes, "left in the dark")
    assert quote.speaker_confidence < DOUBTFUL_CONFIDENCE


# ---- a subject the tagger calls a common noun still speaks ----


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        ("Critics call the tax unfair, but advocates say it will fund new schools.", "advocates", "group"),
        (
            "Meanwhile large numbers of backbench MPs insist the voters do not care.",
            "large numbers of backbench MPs",
            "group",
        ),
        ("A majority of voters said the war had been a mistake.", "A majority of voters", "group"),
        ("Labour later withdrew the poster, saying members had preferred another design.", "Labour", "org"),
        ("Tory headquarters says he can no longer stand as a candidate.", "Tory headquarters", "org"),
        ("MSPs said the harbour plan was unworkable.", "MSPs", "group"),
        ("The PM insisted nothing would derail the campaign.", "The PM", "person"),
    ],
)
def test_a_subject_the_tagger_takes_for_a_thing_still_speaks(nlp, sentence, speaker, kind):
    quote = quotes_of(nlp, sentence)[-1]
    assert quote.speaker_text == speaker and quote.speaker_kind == kind


def test_a_role_does_not_go_on_with_a_group_the_tagger_called_singular(nlp):
    quotes = quotes_of(nlp, "Cross-party MPs said the plan was unworkable.", "The MP said the plan was a disgrace.")
    assert only(quotes, "disgrace").speaker_text == "The MP"


@pytest.mark.parametrize(
    ("first", "then", "speaker"),
    [
        ("The PM said the deal was done.", "The MP for Hull said it was a disgrace.", "The MP for Hull"),
        ("The council's lawyer said the deal was done.", "The campaign's director said it was a disgrace.", "director"),
    ],
)
def test_an_unnamed_role_is_not_gone_on_with_by_another_role(nlp, first, then, speaker):
    quotes = quotes_of(nlp, first, then)
    assert speaker in only(quotes, "disgrace").speaker_text


def test_an_unnamed_spokesman_goes_on_as_the_spokeswoman_of_the_same_body(nlp):
    quotes = quotes_of(
        nlp,
        "A spokesman for the harbour board said the ferries were full.",
        "The harbour board spokeswoman said more boats would run on Monday.",
    )
    assert only(quotes, "more boats").speaker_text == "A spokesman for the harbour board"


@pytest.mark.parametrize(
    "sentence",
    [
        "The number of MPs voting against the bill suggests the rebellion is growing.",
        "A score of 70 percent suggests the school is improving.",
    ],
)
def test_a_count_is_no_speaker(nlp, sentence):
    assert quotes_of(nlp, sentence) == [] or all(not q.speaker_text for q in quotes_of(nlp, sentence))


def test_they_after_two_people_who_spoke_together_is_that_pair_not_a_group_before(nlp):
    quotes = quotes_of(
        nlp,
        "Harbour row",
        "The fishing unions said the quotas were unfair.",
        "Harbour master Ellen Vance and local councillor Lord Penrose said the port must stay open."
        " They warned that hundreds of jobs were at risk.",
    )
    assert only(quotes, "hundreds of jobs").speaker_text == "Ellen Vance"  # the first named of the pair


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The transport secretary urged rail firms to cut fares but they warned that services would suffer.",
            "rail firms",
        ),
        ("Ms Okafor met the unions on Monday and they said the talks had gone well.", "the unions"),
    ],
)
def test_they_after_one_person_acting_on_a_group_is_that_group(nlp, sentence, speaker):
    quotes = quotes_of(nlp, sentence)
    assert only(quotes, "talks" if "talks" in sentence else "services would").speaker_text == speaker


def test_they_after_one_person_acting_on_things_is_not_those_things(nlp):
    quotes = quotes_of(nlp, "Ms Okafor praised the new timetables but they said nothing would change.")
    assert all(q.speaker_text != "the new timetables" for q in quotes)


def test_they_opening_a_paragraph_is_the_bodies_the_paragraph_before_ended_on(nlp):
    quotes = quotes_of(
        nlp,
        "Bridge toll",
        "Labour and the Tories have criticised the toll as unfair.",
        "Predictably they insist the bridge should be free for local drivers.",
    )
    assert only(quotes, "free for local drivers").speaker_text in ("Labour", "Tories")  # (one of the two)


def test_they_opening_a_paragraph_is_not_a_body_the_paragraph_before_turned_from(nlp):
    quotes = quotes_of(
        nlp,
        "Bridge toll",
        "Labour has criticised the toll as unfair. Commuters are not convinced by the party's plan.",
        "They say the bridge should be free for local drivers.",
    )
    assert all(q.speaker_text != "Labour" for q in quotes if "free for local" in q.text)


def test_an_office_resolved_to_someone_is_theirs_when_said_again_the_same_way(nlp):
    quotes = quotes_of(
        nlp,
        "Tony Blair has said the summit with European leaders will go ahead next month.",
        'The prime minister said the talks on trade were going well. "We are close," Mr Blair told reporters'
        " in Brussels. The French president, Jacques Chirac, is due in London on Friday.",
        "After a meeting with business leaders, the prime minister said there had been a shift in the mood.",
    )
    again = only(quotes, "a shift in the mood")
    assert again.speaker_text == "Tony Blair" and again.speaker_how == "role-noted"


def test_an_office_resolved_to_someone_is_not_theirs_once_another_is_given_it(nlp):
    quotes = quotes_of(
        nlp,
        "Tony Blair has said the summit with European leaders will go ahead next month.",
        "The prime minister said the talks on trade were going well. Irish Prime Minister Bertie Ahern"
        " arrives on Friday.",
        "After a meeting with business leaders, the prime minister said there had been a shift in the mood.",
    )
    assert only(quotes, "a shift in the mood").speaker_text != "Tony Blair"


def test_the_pm_is_the_prime_minister(nlp):
    quotes = quotes_of(
        nlp, "Prime Minister Tony Blair toured the shipyard on Friday.", "The PM said the yard had a future."
    )
    assert only(quotes, "the yard had a future").speaker_text == "Tony Blair"


@pytest.mark.parametrize(
    "paragraphs",
    [
        (
            "Nurses will strike on Monday. On Friday, the union's general secretary said the offer"
            ' was "an insult" to nurses. "Nobody will accept this," Dara Quinlan told reporters in Leeds.',
        ),
        (
            "Ms Okafor said the strike would go ahead.",
            "Responding to the offer, the general secretary of the Royal College of Midwives said it was an insult.",
            'Dara Quinlan said: "Nobody will accept this."',
        ),
    ],
)
def test_a_role_is_the_person_the_next_sentence_names_for_the_first_time(nlp, paragraphs):
    quotes = quotes_of(nlp, "Nurses' pay", *paragraphs)
    role = only(quotes, "insult")
    assert role.speaker_text == "Dara Quinlan" and role.speaker_how == "role-named-next"


@pytest.mark.parametrize(
    "then",
    [
        'But Dara Quinlan said: "Nobody will accept this."',  # an answer
        'Health minister Dara Quinlan said: "Nobody will accept this."',  # someone with another role
        'Ms Okafor said: "Nobody will accept this."',  # someone named before
    ],
)
def test_a_role_is_not_a_person_the_next_sentence_names_otherwise(nlp, then):
    quotes = quotes_of(
        nlp,
        "Nurses' pay",
        "Ms Okafor said the strike would go ahead.",
        "Responding to the offer, the general secretary of the Royal College of Midwives said it was an insult.",
        then,
    )
    assert only(quotes, "insult").speaker_how != "role-named-next"
