"""Quote extraction over the real spaCy pipeline: every attribution shape, quotes over
paragraphs, pronoun and role-noun speakers, and the offsets invariant."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.model import PARAGRAPH_SEPARATOR
from index.quotes import REPORTING_VERBS, extract_quotes
from tests.quoting import none_containing, only, quotes_of


def test_straight_quote_then_speaker_and_verb(nlp):
    quotes = quotes_of(nlp, '"The harbour will reopen next spring," Maria Lopez said.')
    quote = only(quotes, "harbour")
    assert quote.kind == "direct"
    assert quote.text == "The harbour will reopen next spring,"
    assert quote.speaker_text == "Maria Lopez"
    assert quote.cue == "said"


def test_curly_quote_after_colon(nlp):
    quote = only(quotes_of(nlp, "Tom Becker said: “Our farmers cannot wait another season for rain.”"), "farmers")
    assert quote.kind == "direct"
    assert quote.speaker_text == "Tom Becker"
    assert quote.text.startswith("Our farmers")


def test_curly_single_quotes_keep_apostrophes_inside(nlp):
    quote = only(
        quotes_of(nlp, "‘We don’t give up on Kiev’s people or Ukraine's future,’ said Helen Marsh."), "give up"
    )
    assert quote.text == "We don’t give up on Kiev’s people or Ukraine's future,"
    assert quote.speaker_text == "Helen Marsh"


def test_straight_single_quotes(nlp):
    quote = only(quotes_of(nlp, "'The council won't sign the deal this year,' Peter Olsen said."), "council")
    assert quote.text == "The council won't sign the deal this year,"
    assert quote.speaker_text == "Peter Olsen"


def test_guillemets(nlp):
    quote = only(quotes_of(nlp, "«We are ready to talk at any moment», Ivan Petrov said."), "ready")
    assert quote.text == "We are ready to talk at any moment"
    assert quote.speaker_text == "Ivan Petrov"


def test_markdown_emphasised_quote(nlp):
    quote = only(quotes_of(nlp, 'Clara Nunez said: *"The vote was fair and the count was open."*'), "vote")
    assert quote.text == "The vote was fair and the count was open."
    assert quote.speaker_text == "Clara Nunez"


def test_quote_over_several_sentences(nlp):
    quote = only(
        quotes_of(nlp, '"The bridge is safe. We checked every bolt. Traffic resumes today," engineer Paul Weber said.'),
        "bridge",
    )
    assert "We checked every bolt." in quote.text and quote.text.endswith("today,")
    assert quote.speaker_text == "Paul Weber"


def test_quote_running_over_two_paragraphs_keeps_its_speaker_in_each_part(nlp):
    quotes = quotes_of(
        nlp,
        "Foreign Minister Anna Berg spoke to reporters on Monday.",
        "“We will not accept a deal that leaves our neighbours exposed. The talks must include them.",
        "“Nobody gains from a quick agreement that falls apart in a month,” the minister said.",
    )
    first = only(quotes, "leaves our neighbours")
    second = only(quotes, "Nobody gains")
    # one part per paragraph, so neither keeps the other paragraph's opening mark
    assert first.text.endswith("include them.") and first.paragraph == 1
    assert second.text.startswith("Nobody gains") and second.paragraph == 2
    assert first.speaker_text == second.speaker_text == "Anna Berg"


def test_quote_reopened_after_a_lost_paragraph_break_is_split_and_keeps_its_speaker(nlp):
    quotes = quotes_of(
        nlp,
        'Mr Weber, editor of The Courier, said: "This was a very stupid remark by the minister. '
        '"If you say something like this, you will be pilloried for it." Later the minister left.',
    )
    first = only(quotes, "stupid remark")
    second = only(quotes, "pilloried")
    assert first.text == "This was a very stupid remark by the minister."
    assert second.text == "If you say something like this, you will be pilloried for it."
    assert first.speaker_text == second.speaker_text == "Mr Weber"


def test_pronoun_it_names_a_speaker_only_when_a_body_just_spoke(nlp):
    quotes = quotes_of(
        nlp,
        "The Labour Party will hold its conference in Manchester and not Blackpool, it has been confirmed.",
        'The Commons science committee said there was an "absolute crisis" in recruitment. '
        '"Major problems" are expected over the next ten years as the workforce ages, it said.',
    )
    assert all(q.speaker_text.lower() != "it" for q in quotes)
    major = only(quotes, "Major problems")
    assert major.text.startswith('"Major problems"')  # the opening mark just before is taken in
    assert "committee" in major.speaker_text


def test_one_names_a_speaker_only_through_the_name_beside_it(nlp):
    quotes = quotes_of(
        nlp,
        "However, one of the so-called Guildford Four, Gerry Conlon - who was wrongly convicted - "
        "said the families were delighted with the apology.",
        'Gillian Shepherd remembered how one of her male colleagues called all women "Betty".',
    )
    delighted = only(quotes, "delighted")
    assert delighted.speaker_text == "Gerry Conlon"
    assert not any("Betty" in q.text for q in quotes)


def test_quote_never_closed_runs_to_paragraph_end(nlp):
    quotes = quotes_of(
        nlp,
        'Sam Ortiz said: "We will keep the shelters open all winter and hire more staff',
        "The city has not confirmed the budget.",
    )
    quote = only(quotes, "shelters")
    assert quote.text.endswith("hire more staff")
    assert quote.speaker_text == "Sam Ortiz"
    assert "budget" not in quote.text


def test_unclosed_quote_ending_in_its_attribution(nlp):
    quotes = quotes_of(
        nlp,
        "Governor Ruth Hale visited the flooded town.",
        '"The repairs will take two years and cost more than we hoped, she explained.',
    )
    quote = only(quotes, "repairs")
    assert quote.text.endswith("hoped")
    assert quote.speaker_text == "Ruth Hale"


def test_partial_quote_inside_sentence(nlp):
    quote = only(quotes_of(nlp, 'Sarah Kim said the plan was "doomed from the start" and should be dropped.'), "doomed")
    assert quote.kind == "partial"
    assert quote.speaker_text == "Sarah Kim"


def test_partial_quote_after_said_and_a_name(nlp):
    quote = only(quotes_of(nlp, 'Lopez said Mayor Green "will tell you that the budget is not ready."'), "budget")
    assert quote.kind == "partial"
    assert quote.speaker_text == "Lopez"


def test_said_before_the_speaker(nlp):
    quote = only(quotes_of(nlp, '"We expect rain all week," said forecaster Nina Ross at the briefing.'), "rain")
    assert quote.speaker_text == "Nina Ross"


def test_role_noun_speaker_resolves_to_earlier_name(nlp):
    quotes = quotes_of(
        nlp,
        "Defence Secretary Mark Ellis met his counterparts in Oslo.",
        '"The alliance has never been more united," the senior official added.',
    )
    quote = only(quotes, "alliance")
    assert quote.speaker_text == "Mark Ellis"
    assert quote.cue == "added"


def test_pronoun_speaker_resolves_to_the_mention(nlp):
    body_first = "Maria Lopez arrived at the port early."
    quotes = quotes_of(nlp, body_first, '"We will rebuild the docks before summer," she said.')
    quote = only(quotes, "docks")
    assert quote.speaker_text == "Maria Lopez"
    assert (quote.speaker_start, quote.speaker_end) == (0, len("Maria Lopez"))


def test_pronoun_follows_previous_speaker(nlp):
    quotes = quotes_of(
        nlp,
        '"Prices will fall by spring," Tom Becker said.',
        "Analysts expected Anna Berg to disagree.",
        '"But only if the harvest is good," he said.',
    )
    assert only(quotes, "harvest").speaker_text == "Tom Becker"


def test_according_to(nlp):
    quote = only(quotes_of(nlp, "The factory will close in March, according to union leader Dana Price."), "factory")
    assert quote.kind == "indirect"
    assert quote.cue == "according to"
    assert quote.speaker_text == "Dana Price"


def test_as_x_put_it(nlp):
    quote = only(
        quotes_of(nlp, 'The deal is fragile, "fragile but alive," as Ben Ward, the envoy, put it.'), "fragile but"
    )
    assert quote.speaker_text == "Ben Ward"
    assert quote.cue == "put it"


def test_told_outlet_that(nlp):
    quote = only(
        quotes_of(nlp, "Ben Ward told Fox News that the ceasefire would hold through the weekend."), "ceasefire"
    )
    assert quote.kind == "indirect"
    assert quote.text == "that the ceasefire would hold through the weekend"
    assert quote.speaker_text == "Ben Ward"
    assert quote.cue == "told"


def test_speaking_at_then_said(nlp):
    quote = only(
        quotes_of(nlp, "Ben Ward, speaking at a press conference in Rome, said the talks would resume on Friday."),
        "talks",
    )
    assert quote.kind == "indirect"
    assert quote.speaker_text == "Ben Ward"


def test_said_adding_a_second_quote(nlp):
    quotes = quotes_of(nlp, '"The port is open," Lena Fox said, adding, "and the ships are already moving."')
    assert only(quotes, "port is open").speaker_text == "Lena Fox"
    second = only(quotes, "ships are already")
    assert second.speaker_text == "Lena Fox"
    assert second.cue == "adding"


def test_he_added_with_comma(nlp):
    quotes = quotes_of(
        nlp, "Mayor Jonas Hill spoke after the storm.", "He added, “The roads will be cleared by Friday.”"
    )
    quote = only(quotes, "roads")
    assert quote.kind == "direct"
    assert quote.speaker_text == "Jonas Hill"


def test_went_on_to_conclude(nlp):
    quotes = quotes_of(
        nlp,
        "Judge Clara Ruiz closed the hearing.",
        'She went on to conclude, "every witness was heard and every claim was tested."',
    )
    quote = only(quotes, "every witness")
    assert quote.speaker_text == "Clara Ruiz"
    assert quote.cue.startswith("conclude")


@pytest.mark.parametrize("verb", ["warned", "insisted", "stressed", "acknowledged", "argued"])
def test_indirect_speech_verbs(nlp, verb):
    quote = only(quotes_of(nlp, f"Ben Ward {verb} that the ceasefire would not survive the winter."), "ceasefire")
    assert quote.kind == "indirect"
    assert quote.speaker_text == "Ben Ward"
    assert quote.cue == verb


def test_called_on_someone_to(nlp):
    quote = only(quotes_of(nlp, "Ben Ward called on the government to release the prisoners at once."), "release")
    assert quote.kind == "indirect"
    assert quote.speaker_text == "Ben Ward"


def test_belief_verbs_are_not_statements(nlp):
    assert not quotes_of(nlp, "Ben Ward thinks that the ceasefire will not survive the winter.")
    assert "think" not in REPORTING_VERBS


def test_scare_quotes_without_speaker_are_dropped(nlp):
    quotes = quotes_of(nlp, 'The so-called "reform" was passed by the "new" council in a late vote.')
    assert quotes == []


def test_title_in_quotes_is_not_a_quote(nlp):
    assert quotes_of(nlp, 'The film "Blue River" opens in cinemas on Friday.') == []


def test_dash_signature(nlp):
    quote = only(quotes_of(nlp, "“Our town deserves better than these empty promises.” ― Rosa Delgado"), "town")
    assert quote.speaker_text == "Rosa Delgado"


def test_colon_at_end_of_previous_paragraph(nlp):
    quotes = quotes_of(nlp, "Then Governor Ruth Hale said:", '"We will rebuild every home the river took from us."')
    assert only(quotes, "rebuild").speaker_text == "Ruth Hale"


@pytest.mark.parametrize(
    ("introduction", "speaker", "cue"),
    [
        ("In March the senator Ruth Hale made the following comment:", "Ruth Hale", "comment"),  # the maker
        ("The row began with how the checkers rated this statement by Tom Becker:", "Tom Becker", "statement"),
        ("Voters heard a pledge from the Greens last week:", "Greens", "pledge"),  # by or from whom
        ("Then came Tom Becker's reply:", "Tom Becker", "reply"),  # whose
    ],
)
def test_a_colon_and_a_noun_of_words_said_introduce_a_quotation(nlp, introduction, speaker, cue):
    # No reporting verb: the noun says whose words the quotation after the colon is, in the
    # paragraph before or in its own.
    for paragraphs in (
        (introduction, "“We will rebuild every home the river took from us, street by street.”"),
        (introduction + " “We will rebuild every home the river took from us, street by street.”",),
    ):
        quote = only(quotes_of(nlp, *paragraphs), "rebuild")
        assert (quote.speaker_text, quote.cue, quote.kind) == (speaker, cue, "direct")
    # A colon after a noun of something else names no one; nor does a noun whose owner is not said,
    # nor words someone received or heard (someone else's).
    for other in (
        "Ruth Hale made the following point about the budget:",
        "A statement was read out:",
        "Ruth Hale received the following message on Friday:",
        "Ruth Hale heard this comment at the meeting:",
    ):
        quotes = quotes_of(nlp, other, "“We will rebuild every home the river took from us, street by street.”")
        assert all(q.speaker_start < 0 for q in quotes if "rebuild" in q.text), other


def test_machine_translated_mentioned_counts_as_reporting(nlp):
    quote = only(
        quotes_of(nlp, "“We will wait and see what they do,” Biden mentioned on the White Home."), "wait and see"
    )
    assert quote.speaker_text == "Biden"


def test_paragraph_index_and_explicit_starts(nlp):
    paragraphs = ["A quiet day in the capital.", '"Nothing will change before the vote," Tom Becker said.']
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    starts = [0, len(paragraphs[0]) + len(PARAGRAPH_SEPARATOR)]
    quotes = extract_quotes(nlp(body), starts)
    assert [q.paragraph for q in quotes] == [1]
    assert quotes[0].speaker_key is None


TEXT_ALPHABET = st.sampled_from(list("abcXY ,.;:!?'\"“”‘’«»*-—\n") + ["said", " he ", "Kirby", "\n\n", " that "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXT_ALPHABET, max_size=60).map("".join))
def test_offsets_always_slice_the_body(nlp, text):
    doc = nlp(text)
    for quote in extract_quotes(doc):
        assert quote.text == text[quote.start : quote.end]
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.kind in ("direct", "partial", "indirect")
        if quote.speaker_start >= 0:
            assert quote.speaker_text == text[quote.speaker_start : quote.speaker_end]


# ---- an institution voiced by a person named in the same sentence ----


def test_person_voicing_an_institution_as_x_put_it(nlp):
    quotes = quotes_of(
        nlp,
        "The Foreign Ministry on Tuesday said it sees 'no sign' of the rebels being ready to talk at all, "
        '"in fact, the reverse," as Maria Lopez, the ministry\'s chief spokeswoman, put it, '
        "Radio Nord's Berlin correspondent reports.",
    )
    statement = only(quotes, "no sign")
    assert statement.speaker_text == "Maria Lopez"
    assert only(quotes, "the reverse").speaker_text == "Maria Lopez"
    assert not any("correspondent" in q.speaker_text for q in quotes)


def test_person_voicing_an_institution_said_aside(nlp):
    quote = only(
        quotes_of(nlp, "The ministry said the border would stay closed until March, spokeswoman Anna Berg said."),
        "border would stay",
    )
    assert quote.speaker_text == "Anna Berg"


def test_person_voicing_an_institution_according_to(nlp):
    quote = only(
        quotes_of(
            nlp, "Washington said it would not lift the sanctions this year, according to Treasury official Mark Ellis."
        ),
        "lift the sanctions",
    )
    assert quote.speaker_text == "Mark Ellis"


def test_institution_keeps_its_statement_when_the_person_reports_something_else(nlp):
    quote = only(
        quotes_of(
            nlp,
            "The ministry said the border would stay closed until March, "
            "after Anna Berg told reporters she was worried.",
        ),
        "border would stay",
    )
    assert quote.speaker_text != "Anna Berg"


def test_correspondent_reports_is_never_a_speaker(nlp):
    quotes = quotes_of(nlp, "Prices for bread and fuel rose again in March, Radio Nord's Berlin correspondent reports.")
    assert not any("correspondent" in q.speaker_text for q in quotes)


def test_headline_line_does_not_lend_its_speaker_to_the_next_line(nlp):
    body = (
        "'No Deal' With Rebels This Year, Ministry Says\n"
        "The ministry on Monday said it sees 'no deal' with the rebels this year, as Maria Lopez put it."
    )
    quote = only(quotes_of(nlp, body), "sees")
    assert quote.speaker_text == "Maria Lopez"
    assert quote.start > body.index("\n")


def test_short_quoted_words_opening_a_headline_are_a_fragment(nlp):
    quotes = quotes_of(nlp, "'No Deal' With Rebels This Year, Ministry Says")
    assert not any(q.kind == "direct" for q in quotes)


# ---- the bundled seeds, read as the library reads them (one paragraph per line) ----

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_quotes(nlp, prefix: str):
    (path,) = SEEDS.glob(prefix + "_*.txt")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return quotes_of(nlp, *lines)


def speakers_of(quotes, containing: str) -> set[str]:
    found = {q.speaker_text for q in quotes if containing in q.text}
    assert found, f"no quote containing {containing!r}"
    return found


@pytest.mark.parametrize(
    "prefix, containing, surname",
    [
        ("000", "sees 'no indication'", "Kirby"),
        ("000", "quite the opposite", "Kirby"),
        ("000", "Everything we see out of the Kremlin", "Kirby"),
        ("000", "combined arms maneuver", "Kirby"),
        ("000", "every nation has to decide", "Kirby"),
        ("001", "has shown no indication", "Kirby"),
        ("001", "We do not want to see Ukraine defeated", "Kirby"),
        ("003", "this can be a repositioning", "Kirby"),
        ("003", "Kremlin’s now current declare", "Kirby"),
        ("003", "a method by which Russia", "Blinken"),
        ("003", "profoundly fooling themselves", "Blinken"),
        ("004", "There is a path of dialogue", "Blinken"),
        ("004", "progress in the dialogue will be difficult", "Blinken"),
    ],
)
def test_seed_speakers(nlp, prefix, containing, surname):
    assert {speaker.split()[-1] for speaker in speakers_of(seed_quotes(nlp, prefix), containing)} == {surname}


def test_seed_000_raw_text_gives_no_indication_to_kirby(nlp):
    (path,) = SEEDS.glob("000_*.txt")
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(nlp(text))
    assert {q.speaker_text for q in quotes if "sees 'no indication'" in q.text} == {"John Kirby"}
    assert not any("correspondent" in q.speaker_text for q in quotes)


# ---- reported speech around the reporting verb ----


def test_clause_before_pronoun_said(nlp):
    quote = only(
        quotes_of(nlp, "Anna Berg runs the mine.", "Recent shipments have sold for just above $40 a ton, she said."),
        "shipments",
    )
    assert quote.kind == "indirect"
    assert quote.text == "Recent shipments have sold for just above $40 a ton"
    assert quote.speaker_text == "Anna Berg"


def test_said_aside_in_the_middle_of_the_statement(nlp):
    quote = only(
        quotes_of(
            nlp, "The museum, Tom Becker said, celebrated several of his heroes, including the musician Chuck Berry."
        ),
        "celebrated",
    )
    assert quote.kind == "indirect"
    assert quote.text.startswith("The museum") and quote.text.endswith("Chuck Berry")
    assert quote.speaker_text == "Tom Becker"


def test_transcript_lines_name_their_speakers(nlp):
    quotes = quotes_of(
        nlp,
        "Partial transcript as follows:",
        '"HOLT: Let us start with the budget. Will the city raise taxes next year?',
        '"GARCIA: Well, look, nobody wants higher taxes, but the roads cannot wait another winter.',
    )
    question = only(quotes, "Let us start")
    assert question.speaker_text == "HOLT" and question.kind == "direct"
    answer = only(quotes, "nobody wants higher taxes")
    assert answer.speaker_text == "GARCIA"
    assert answer.text.startswith("Well, look")
    assert not any("HOLT:" in q.text or "GARCIA:" in q.text for q in quotes)


def test_a_transcript_speaker_goes_on_over_the_paragraphs_after_the_label(nlp):
    # Each paragraph of the answer opens with a mark and none closes it; a note in brackets
    # between them is no one's words.
    quotes = quotes_of(
        nlp,
        "Partial transcript as follows:",
        '"HOLT: Will the city raise taxes next year?',
        '"GARCIA: Well, look, nobody wants higher taxes in this city.',
        '"But the truth is that the roads cannot wait another winter, and the bridges are worse.',
        '"The council has to act before the spring, whatever it costs us in the polls.',
        '"(CROSSTALK.)',
        '"HOLT: Mayor, I have to stop you there.',
    )
    for words in ("the roads cannot wait", "whatever it costs us"):
        assert only(quotes, words).speaker_text == "GARCIA"
    assert not any("CROSSTALK" in q.text for q in quotes)
    assert only(quotes, "stop you there").speaker_text == "HOLT"


def test_headline_speaker_label(nlp):
    quote = only(quotes_of(nlp, "Bernie Sanders: Voters Want a Plan for Jobs, Not Slogans"), "Voters Want")
    assert quote.speaker_text == "Bernie Sanders"
    assert quote.kind == "indirect"


@pytest.mark.parametrize(
    "paragraph",
    ["UPDATE: The road reopened at noon after the crash.", "WASHINGTON: The Senate voted late on Tuesday night."],
)
def test_labels_that_name_no_speaker(nlp, paragraph):
    assert not [q for q in quotes_of(nlp, paragraph) if q.cue == ":"]


@pytest.mark.parametrize(
    "sentence, content",
    [
        (
            "Tom Becker called the charges unsubstantiated and fabricated by former employees.",
            "the charges unsubstantiated and fabricated by former employees",
        ),
        (
            "Anna Berg has called climate change a hoax invented to hurt farmers.",
            "climate change a hoax invented to hurt farmers",
        ),
        ("In July, Anna Berg called for a moratorium on new coal mines.", "a moratorium on new coal mines"),
        ("Tom Becker has proposed a new low tax rate for small firms.", "a new low tax rate for small firms"),
        (
            "Senator Anna Berg called on the governor to release the police videos.",
            "the governor to release the police videos",
        ),
    ],
)
def test_noun_phrase_and_addressee_content(nlp, sentence, content):
    quote = only(quotes_of(nlp, sentence), content.split()[1])
    assert quote.text == content
    assert quote.kind == "indirect"
    assert quote.speaker_text in ("Tom Becker", "Anna Berg")


def test_called_to_a_place_is_no_statement(nlp):
    assert quotes_of(nlp, "At his cookout, Tom Becker called the neighbours to the stage.") == []


def test_headline_verb_is_not_part_of_the_name(nlp):
    quote = only(quotes_of(nlp, "Obama Says African-American Museum Will Tell of Suffering and Delight"), "Museum")
    assert quote.speaker_text == "Obama"


def test_signed_quotes_on_lines_of_one_paragraph(nlp):
    body = (
        "“The city needs more buses and fewer promises.” ― Rosa Delgado\n"
        "“Rents went up again and nobody in the council noticed.” ― Karen Bobadilla.\n"
        "“We will vote in November, all of us.”\u00a0― Julie A. Diaz Martinez"
    )
    quotes = quotes_of(nlp, body)
    assert only(quotes, "more buses").speaker_text == "Rosa Delgado"
    rents = only(quotes, "Rents went up")
    assert rents.kind == "direct" and rents.speaker_text == "Karen Bobadilla"
    assert only(quotes, "vote in November").speaker_text == "Julie A. Diaz Martinez"


def test_label_line_that_names_its_own_speaker(nlp):
    quotes = quotes_of(nlp, "USA: Washington will help to ensure Kiev wins, says John Kirby, the council coordinator")
    assert not [q for q in quotes if q.cue == ":"]
    quote = only(quotes, "Washington will help")
    assert quote.speaker_text == "John Kirby"
    assert quote.text.startswith("Washington")


def test_attribution_that_lost_its_verb(nlp):
    quotes = quotes_of(
        nlp,
        "Mayor Jonas Hill spoke to reporters on Monday.",
        "“We have clearly stated that we will keep the shelters open all winter,” he.",
    )
    assert only(quotes, "shelters").speaker_text == "Jonas Hill"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kirby was asked whether the talks would resume before the summer.",
        "The minister was told that the bridge would stay closed until May.",
        "Reporters were urged to leave the building before the storm arrived.",
    ],
)
def test_the_listener_of_a_passive_question_or_order_is_not_its_speaker(nlp, sentence):
    listener = sentence.split()[0]
    assert not [q for q in quotes_of(nlp, sentence) if q.speaker_text.endswith(listener)]


def test_an_active_question_still_reports_its_asker(nlp):
    quote = only(quotes_of(nlp, "Kirby asked whether the talks would resume before the summer."), "talks")
    assert quote.speaker_text == "Kirby"


# ---- sources that are things, and addresses, are no speakers ----


def test_a_thing_naming_no_one_is_no_speaker(nlp):
    sentence = "The talks will resume next week in Geneva, according to a briefing."
    quote = only(quotes_of(nlp, sentence), "talks")
    assert quote.cue == "according to"
    assert quote.speaker_text == "" and quote.speaker_start == -1
    assert quote.speaker_evidence == "unresolved" and quote.speaker_confidence == 0.0


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        ("Prices rose again in March for the third month, according to the report.", "Prices", "the report"),
        (
            "The plan was never approved by the board, according to the document seen by Reuters.",
            "plan",
            "the document seen by Reuters",
        ),
        ("Most voters back the harbour plan, according to a Nielsen survey.", "voters", "a Nielsen survey"),
        (
            "According to emails released by WikiLeaks, the campaign knew of the plan in May.",
            "campaign",
            "emails released by WikiLeaks",
        ),
        ("The new study says that the river is cleaner than it was in 1990.", "river", "The new study"),
        # "show" tagged a noun by the small model, used as a verb by the parse
        (
            "Leaked documents from his 1995 tax return show he took a massive loss that year.",
            "massive loss",
            "Leaked documents from his 1995 tax return",
        ),
    ],
)
def test_a_document_poll_or_dataset_is_the_speaker(nlp, sentence, words, speaker):
    quote = only(quotes_of(nlp, sentence), words)
    assert quote.speaker_text == speaker
    assert quote.speaker_kind == "document" and quote.speaker_evidence == "document"


def test_unnamed_sources_are_a_group_speaker(nlp):
    quote = only(quotes_of(nlp, "Two people were hurt in the blast, according to sources."), "hurt")
    assert quote.speaker_text == "sources" and quote.speaker_kind == "group"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The ceasefire held overnight, according to a White House briefing given on Monday.", "White House"),
        ("Troops pulled back from the border, according to a Kremlin statement.", "Kremlin"),
        ("The harbour will reopen in spring, according to Maria Lopez.", "Maria Lopez"),
        ("The harbour will reopen in spring, according to analysts.", "analysts"),
    ],
)
def test_according_to_names_who_gave_it(nlp, sentence, speaker):
    assert only(quotes_of(nlp, sentence), sentence.split()[1]).speaker_text == speaker


def test_an_address_never_speaks(nlp):
    quotes = quotes_of(nlp, "The outage is over, https://status.example.com/live said on Monday.")
    assert all("example" not in q.speaker_text for q in quotes)


# ---- reported speech the parse hides ----


def test_a_paragraph_introduced_by_a_cue_and_a_colon_is_the_speakers(nlp):
    quotes = quotes_of(
        nlp,
        "Mayor Ida Moss spoke to the council on Monday. She added:",
        "The harbour is the heart of this town, and nobody will take it from us.",
    )
    quote = only(quotes, "heart of this town")
    assert quote.kind == "direct" and quote.cue == "added" and quote.speaker_text == "Ida Moss"


@pytest.mark.parametrize(
    ("headline", "speaker", "content"),
    [
        ("Harbour Will Reopen In Spring, Mayor Ida Moss Says.", "Mayor Ida Moss", "Harbour Will Reopen In Spring"),
        ("Ida Moss Vows To Reopen The Harbour By Spring", "Ida Moss", "To Reopen The Harbour By Spring"),
    ],
)
def test_a_title_case_headline_says_who_says_what(nlp, headline, speaker, content):
    quote = only(quotes_of(nlp, headline, "The harbour closed in March after the storm."), content)
    assert quote.speaker_text == speaker and quote.kind == "indirect"


def test_this_and_a_date_for_content_points_at_the_sentence_before(nlp):
    # Translated news often writes "X said this on <date>" as "This is on <date> X said": the words
    # said are the sentence before, not "This is on November 14"; with none before, nothing is said.
    quotes = quotes_of(
        nlp,
        "This is on November 14 City Deputy Mayor Ida Moss said.",
        "Reopening the harbour before the spring is impossible for the city as a condition for new talks.",
        "This is on November 14 Harbour Board chairman Ida Moss said.",
    )
    assert not any(q.text.startswith("This is on") for q in quotes)
    quote = only(quotes, "Reopening the harbour")
    assert (quote.speaker_text, quote.kind) == ("Ida Moss", "indirect")
    # a content of its own is left as it is
    kept = only(quotes_of(nlp, "That is why the harbour must close, Ida Moss said."), "harbour must close")
    assert kept.speaker_text == "Ida Moss"


def test_a_that_clause_the_parse_hangs_on_the_listener(nlp):
    quote = only(
        quotes_of(nlp, "Last week Ida Moss told a meeting of harbour workers that the port would reopen in spring."),
        "port would reopen",
    )
    assert quote.cue == "told" and quote.speaker_text == "Ida Moss"


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Ida Moss mentioned the broken sea wall as the reason for the delay.", "mentioned", "the broken sea wall"),
        ("Ida Moss accused the council of hiding the cost of the repairs.", "accused", "the council of hiding"),
        ("Ida Moss spoke of the long winter the town had lived through.", "spoke", "the long winter"),
        ("Ida Moss has admitted using the harbour fund for the new road.", "admitted", "using the harbour fund"),
        ("Peter Olsen questioned Ida Moss's claim that the port would reopen in spring.", "claim", "port would"),
    ],
)
def test_content_as_a_noun_a_gerund_or_a_nouns_clause(nlp, sentence, cue, content):
    quote = only(quotes_of(nlp, sentence), content)
    assert quote.cue == cue and quote.speaker_text.startswith("Ida Moss")


def test_a_title_in_quote_marks_is_no_quote(nlp):
    quotes = quotes_of(nlp, 'Ida Moss told "Harbour Talk Tonight," that the port would reopen in spring.')
    assert not [q for q in quotes if q.text.startswith("Harbour Talk")]
    assert only(quotes, "port would reopen").speaker_text == "Ida Moss"


def test_admitted_to_and_hinted_at_report_their_noun(nlp):
    doc = nlp(
        'The coach admitted to a "deep disappointment" with the referee. The mayor hinted at a deal with the unions.'
    )
    quotes = extract_quotes(doc)
    texts = [q.text for q in quotes]
    assert any(t.startswith('a "deep disappointment" with the referee') for t in texts), texts
    assert any(t.startswith("a deal with the unions") for t in texts), texts


def test_a_stance_noun_reports_its_that_clause(nlp):
    text = "Fishermen have expressed fears that the new quotas could close half the harbour's boats."
    quotes = extract_quotes(nlp(text))
    assert [q.text for q in quotes] == ["that the new quotas could close half the harbour's boats"]
    assert quotes[0].speaker_text == "Fishermen"
    assert extract_quotes(nlp("She expressed her support for the plan.")) == []


def test_a_concession_about_the_speaker_is_the_writers_not_what_was_said(nlp):
    text = (
        "The mayor said on Monday that closing the harbour was sensible, although he again refused to"
        " publish the report."
    )
    (quote,) = extract_quotes(nlp(text))
    assert quote.text == "that closing the harbour was sensible"
    # a concession inside what was said stays
    kept = extract_quotes(nlp("The mayor said the harbour would stay open, although trade was slow."))
    assert [q.text for q in kept] == ["the harbour would stay open, although trade was slow"]


# ---- statements the extractor once did not read ----


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        (
            "At the rally Ms Okafor highlighted her message that the town needs a new hospital first.",
            "Ms Okafor",
            "the town needs a new hospital first",
        ),
        (
            "The chairman has repeatedly cited the strike as the reason the club cannot pay its debts.",
            "The chairman",
            "the strike as the reason the club cannot pay its debts",
        ),
        (
            "The minister talked about raising the school leaving age to eighteen.",
            "The minister",
            "raising the school leaving age to eighteen",
        ),
        (
            "The study found that most pupils in the county sleep less than seven hours.",
            "The study",
            "most pupils in the county sleep less than seven hours",
        ),
        (
            "Mr Duval blasted the council for closing the library without a vote.",
            "Mr Duval",
            "the council for closing the library",
        ),
    ],
)
def test_a_stance_a_reason_a_topic_a_finding_and_a_charge_are_reported(nlp, sentence, speaker, content):
    quote = only(quotes_of(nlp, sentence), content)
    assert quote.kind == "indirect"
    assert quote.speaker_text == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor talked for an hour.",
        "Police found that the door had been forced.",
        "The figures were cited in the report.",
        "The senator blasted the plan.",
        "She highlighted the problem of rural bus routes in her county.",
        "The clip shows the mayor dancing at a wedding in the old town hall.",
        "The two leaders met in Rome to talk about Norway joining the single market.",
    ],
)
def test_a_verb_without_its_content_reports_nothing(nlp, sentence):
    assert not [q for q in quotes_of(nlp, sentence) if q.kind == "indirect"]


def test_a_quotation_keeps_its_own_cue_over_a_clause_of_time_after_it(nlp):
    quotes = quotes_of(
        nlp,
        "The film ends with a clip of Ms Reyes saying at the hustings, \u201cThat is why I won,\u201d "
        "when Mr Lowe blasted her for dodging the debate.",
    )
    assert only(quotes, "That is why I won").speaker_text == "Ms Reyes"


def test_two_statements_side_by_side_in_a_clause_of_time(nlp):
    quotes = quotes_of(
        nlp,
        "As Mr Lowe talked about building more council homes, Ms Reyes highlighted her message that "
        "the county needs new schools first.",
    )
    assert only(quotes, "building more council homes").speaker_text == "Mr Lowe"
    assert only(quotes, "the county needs new schools first").speaker_text == "Ms Reyes"


def test_a_documents_finding_ends_before_the_writers_gloss_on_it(nlp):
    quotes = quotes_of(
        nlp, "The footage shows that the gate was open at midnight, contradicting the company's account of the night."
    )
    quote = only(quotes, "the gate was open at midnight")
    assert quote.speaker_text == "The footage" and quote.speaker_evidence == "document"
    assert "contradicting" not in quote.text


def test_a_documents_finding_keeps_the_subject_the_parse_made_its_object(nlp):
    quotes = quotes_of(nlp, "Earlier research has shown the great majority have always voted for the Greens.")
    quote = only(quotes, "always voted for the Greens")
    assert quote.text.startswith("the great majority") and quote.speaker_text == "Earlier research"


def test_a_record_of_words_gives_way_to_the_statement_it_records(nlp):
    quotes = quotes_of(
        nlp, "The recording of the hearing shows that Ms Dunne talked about closing two of the town's schools."
    )
    quote = only(quotes, "closing two of the town's schools")
    assert quote.speaker_text == "Ms Dunne"
    assert len([q for q in quotes if "closing two" in q.text]) == 1
    # a report's claim stays the report's
    quotes = quotes_of(nlp, "The report shows that Mr Grant told the minister he would resign.")
    assert only(quotes, "he would resign").speaker_text == "The report"


@pytest.mark.parametrize(
    "sentence",
    [
        '"We had some frank talks about this," she told BBC Radio 4\'s The World at One.',
        '"The vote will not turn on this," he told BBC 1\'s Breakfast with Frost programme.',
    ],
)
def test_the_programme_a_speaker_told_is_no_statement(nlp, sentence):
    # The parse takes the possessive "'s" of the programme's name for a verb: no reported clause.
    quotes = quotes_of(nlp, sentence)
    assert [q.kind for q in quotes] == ["direct"]
    assert none_containing(quotes, "The World") and none_containing(quotes, "Breakfast")


def test_a_clause_of_time_after_the_cue_is_when_it_was_said_not_what(nlp):
    quotes = quotes_of(
        nlp,
        '"I accepted the kind invitation to enter the House of Lords as a working peer for practical political'
        ' reasons," he said when his peerage was first announced.',
        "Mr Hall said when the plan was first published that it would fail.",
        'Mr Clarke said after meeting Tony Blair he had been left with the impression that "he really was not'
        ' interested in any of the proposals we have put forward".',
    )
    # (the second paragraph is there because, with it, the parse makes the first's clause of time
    # the reported words)
    assert none_containing(quotes, "his peerage was first announced")
    # ... but a clause of time before the content leaves the content a statement
    assert only(quotes, "not interested").text.startswith("after meeting Tony Blair")


def test_a_time_told_is_the_content_not_when_it_was_said(nlp):
    quotes = quotes_of(nlp, "Mr Hoon said when the troops would come home.")
    assert only(quotes, "the troops would come home").speaker_text == "Mr Hoon"
