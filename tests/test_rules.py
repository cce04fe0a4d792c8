"""The no-model fallback: a blank English pipeline plus rules still finds actors and speakers."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import index.nlp as nlp_module
from index.actors import PERSON, PLACE
from index.clean import clean_article
from index.library import enrich
from index.model import Article
from index.quotes.span import QuoteSpan
from index.rules import REPORTING_FORMS, attribute_without_parse
from index.sources import read_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def blank_pipeline(monkeypatch):
    """load_pipeline() as it behaves on a machine without any English model."""
    nlp_module.load_pipeline.cache_clear()
    monkeypatch.setattr(nlp_module, "MODEL_PACKAGES", ("no_such_model",))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipeline = nlp_module.load_pipeline()
        nlp_module.load_pipeline()
    yield pipeline, caught
    monkeypatch.undo()
    nlp_module.load_pipeline.cache_clear()


def _entities(pipeline, text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in pipeline.nlp(text).ents}


def _enrich(paragraphs: list[str]):
    article = Article(id="a1", path="test.txt", title="Test", paragraphs=paragraphs)
    return next(iter(enrich([article])))


def _speaker_of(enrichment, words: str) -> str | None:
    names = {actor.key: actor.name for actor in enrichment.actors}
    matching = [q for q in enrichment.quotes if words in q.text]
    assert matching, f"no quote containing {words!r}: {[q.text for q in enrichment.quotes]}"
    return names.get(matching[0].speaker_key)


def test_missing_model_warns_once_with_install_hint(blank_pipeline):
    pipeline, caught = blank_pipeline
    assert pipeline.model == "blank" and not pipeline.has_parser
    missing = [w for w in caught if issubclass(w.category, nlp_module.ModelMissingWarning)]
    assert len(missing) == 1
    hint = str(missing[0].message)
    assert "pip install" in hint and hint.count(". ") == 0 and hint.endswith(".")
    assert "quotedesk_rules" in pipeline.nlp.pipe_names


def test_blank_pipeline_breaks_sentences_at_blank_lines(blank_pipeline):
    pipeline, _ = blank_pipeline
    doc = pipeline.nlp("Talks stalled over the weekend\n\nAdvertisement\n\nThe minister left early.")
    starts = [sentence.text.strip().split()[0] for sentence in doc.sents if sentence.text.strip()]
    assert "Advertisement" in starts and "The" in starts


def test_titled_names_places_demonyms_and_organisations(blank_pipeline):
    pipeline, _ = blank_pipeline
    ents = _entities(
        pipeline,
        "Russian President Vladimir Putin met Mr. Smith in Kyiv on Wednesday, the State Department said, "
        "and NATO officials flew to Brussels in March.",
    )
    assert ents.get("Vladimir Putin") == "PERSON"
    assert ents.get("Smith") == "PERSON"
    assert ents.get("Russian") == "NORP"
    assert ents.get("Kyiv") == "GPE" and ents.get("Brussels") == "GPE"
    assert ents.get("State Department") == "ORG"
    assert ents.get("NATO") == "ORG"
    assert not any(word in text for text in ents for word in ("Wednesday", "March"))


def test_name_shapes_particles_hyphens_initials(blank_pipeline):
    pipeline, _ = blank_pipeline
    ents = _entities(
        pipeline,
        "The talks were led by Commission President Ursula von der Leyen. Spokeswoman Karine Jean-Pierre "
        "declined to comment, and an aide to J. Robert Smith said nothing.",
    )
    assert ents.get("Ursula von der Leyen") == "PERSON"
    assert ents.get("Karine Jean-Pierre") == "PERSON"
    assert ents.get("J. Robert Smith") == "PERSON"


def test_sentence_initial_words_and_reporting_verbs(blank_pipeline):
    pipeline, _ = blank_pipeline
    ents = _entities(
        pipeline,
        "But officials were cautious. Officials said the plan was ready. Kowalczyk said it would pass, "
        "said Nowak. In Warsaw the mood was calm.",
    )
    assert ents.get("Kowalczyk") == "PERSON" and ents.get("Nowak") == "PERSON"
    assert ents.get("Warsaw") == "GPE"
    assert not {"But", "Officials", "In", "In Warsaw"} & set(ents)


def test_surname_alone_follows_an_earlier_full_name(blank_pipeline):
    pipeline, _ = blank_pipeline
    doc = pipeline.nlp("Dmitry Peskov spoke to reporters in Moscow. Later on, Peskov was more cautious.")
    persons = [(ent.text, ent.start_char) for ent in doc.ents if ent.label_ == "PERSON"]
    assert ("Dmitry Peskov", 0) in persons
    assert any(text == "Peskov" and start > 0 for text, start in persons)


def test_place_before_reporting_verb_is_no_person(blank_pipeline):
    pipeline, _ = blank_pipeline
    ents = _entities(pipeline, "Earlier, Kyiv said the convoy had been hit, and Moscow denied it.")
    assert ents.get("Kyiv") == "GPE" and ents.get("Moscow") == "GPE"


def test_reporting_forms_cover_irregular_and_regular_verbs():
    assert REPORTING_FORMS["said"] == ("say", "VBD")
    assert REPORTING_FORMS["told"][0] == "tell"
    assert REPORTING_FORMS["added"][0] == "add"
    assert REPORTING_FORMS["denied"][0] == "deny"
    assert REPORTING_FORMS["noting"][0] == "note"


@pytest.mark.parametrize(
    ("paragraphs", "words", "speaker"),
    [
        (['"We will not give up the fight for the city," Maria Lopez said.'], "give up the fight", "Maria Lopez"),
        (['"We will not give up the fight for the city," said Maria Lopez.'], "give up the fight", "Maria Lopez"),
        (['Maria Lopez said: "We will not give up the fight for the city."'], "give up the fight", "Maria Lopez"),
        (
            [
                "Mayor Maria Lopez toured the harbour on Monday.",
                '"We will not give up the fight for the city," she said.',
            ],
            "give up the fight",
            "Maria Lopez",
        ),
        (
            ['"We will not give up the fight for the city," according to Maria Lopez.'],
            "give up the fight",
            "Maria Lopez",
        ),
        (
            ['"We will never give up the fight for the city," as the mayor, Maria Lopez, put it.'],
            "give up the fight",
            "Maria Lopez",
        ),
        (
            ['"We will not give up the fight for the city," said council spokesman Tomas Berg at a briefing.'],
            "give up the fight",
            "Tomas Berg",
        ),
    ],
)
def test_speakers_from_surface_patterns(blank_pipeline, paragraphs, words, speaker):
    assert _speaker_of(_enrich(paragraphs), words) == speaker


@pytest.mark.parametrize(
    ("paragraphs", "words", "speaker"),
    [
        # the name nearest the verb is the outlet's, not the speaker's
        (
            [
                '"We will never give up the fight for the city," as Maria Lopez, the mayor of the port, '
                "put it, Radio Nord reports."
            ],
            "give up the fight",
            "Maria Lopez",
        ),
        # the name nearest the verb is a place inside the reported clause
        (
            [
                "Former mayor Petra Novak has since admitted that Lisbon’s main goal was "
                '"to buy time and build up the harbour."'
            ],
            "buy time",
            "Petra Novak",
        ),
    ],
)
def test_surface_patterns_correct_the_nearest_name(blank_pipeline, paragraphs, words, speaker):
    assert _speaker_of(_enrich(paragraphs), words) == speaker


def test_extraction_without_a_parse_runs_the_surface_patterns_itself(blank_pipeline):
    """extract_quotes on a doc with no parse corrects the nearest name by the surface patterns,
    so no caller rewrites speakers after it."""
    from index.quotes import extract_quotes

    pipeline, _ = blank_pipeline
    text = (
        '"We will never give up the fight for the city," as Maria Lopez, the mayor of the port, put it, '
        "Radio Nord reports."
    )
    doc = pipeline.nlp(text)
    assert not doc.has_annotation("DEP")
    [quote] = [q for q in extract_quotes(doc) if "give up the fight" in q.text]
    assert quote.speaker_text == "Maria Lopez" and text[quote.speaker_start : quote.speaker_end] == "Maria Lopez"


def test_a_quotation_continuing_one_takes_the_speaker_the_patterns_found(blank_pipeline):
    """The surface patterns run before speakers are carried: the quotation that follows takes
    the person they found, not the outlet nearest the first quotation's verb."""
    from index.quotes import extract_quotes

    pipeline, _ = blank_pipeline
    text = (
        '"We will never give up the fight for the city," as Maria Lopez, the mayor of the port, put it, '
        'Radio Nord reports. "Nobody will leave this harbour while I am in office."'
    )
    quotes = extract_quotes(pipeline.nlp(text))
    first = next(q for q in quotes if "give up" in q.text)
    second = next(q for q in quotes if "Nobody" in q.text)
    assert first.speaker_text == second.speaker_text == "Maria Lopez"
    assert first.speaker_evidence == "named" and second.speaker_evidence == "carried"


def test_attribute_without_parse_fills_only_what_it_can(blank_pipeline):
    pipeline, _ = blank_pipeline
    text = (
        'Jonas Eder arrived late.\n\n"The vote is lost, and we all know it," he said.'
        '\n\n"Nobody here will ever forget this day," the crowd chanted.'
    )
    doc = pipeline.nlp(text)
    first = text.index("The vote")
    second = text.index("Nobody")
    first_end, second_end = text.index(',"'), text.index(',"', second)
    quotes = [
        QuoteSpan(first, first_end, first - 1, first_end + 1, paragraph=1),
        QuoteSpan(second, second_end, second - 1, second_end + 1, paragraph=2),
    ]
    attribute_without_parse(doc, quotes)
    assert quotes[0].speaker is not None and text[slice(*quotes[0].speaker)] == "Jonas Eder"
    assert quotes[0].cue == "said"
    assert quotes[1].speaker is None


def test_pronoun_with_no_person_before_stays_unattributed(blank_pipeline):
    enrichment = _enrich(['"We will not give up the fight for this city of ours," she said.'])
    assert enrichment.quotes, "the quotation itself is still found"
    assert all(q.speaker_key is None for q in enrichment.quotes)


def test_quote_without_any_speaker_is_never_given_one(blank_pipeline):
    enrichment = _enrich(
        [
            "Anna Weber arrived in Berlin on Tuesday.",
            '"The harbour will reopen next spring, whatever happens," the report concluded.',
        ]
    )
    assert all(q.speaker_key is None for q in enrichment.quotes if "harbour" in q.text)


def _seed_articles() -> list[Article]:
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        for document in read_file(path):
            cleaned = clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)
            articles.append(Article(id=path.stem, path=str(path), title=cleaned.title, paragraphs=cleaned.paragraphs))
    return articles


def test_seeds_without_model_find_kirby_and_his_quotes(blank_pipeline):
    articles = _seed_articles()
    assert len(articles) == 5
    results = {article.id[:3]: enrichment for article, enrichment in zip(articles, enrich(articles), strict=True)}
    for number in ("000", "001", "003"):
        enrichment = results[number]
        kirby = [a for a in enrichment.actors if a.kind == PERSON and a.name == "John Kirby"]
        assert kirby, f"{number}: {[a.name for a in enrichment.actors if a.kind == PERSON]}"
        his = [q for q in enrichment.quotes if q.speaker_key == kirby[0].key]
        assert len(his) >= 2, f"{number}: {[(q.speaker_text, q.text[:40]) for q in enrichment.quotes]}"
    for enrichment in results.values():
        for actor in enrichment.actors:
            if actor.name in ("Kyiv", "Kiev"):
                assert actor.kind == PLACE
        attributed = [q for q in enrichment.quotes if q.speaker_key is not None]
        named = {a.key: a for a in enrichment.actors}
        assert all(named[q.speaker_key].name not in ("Kyiv", "Kiev") for q in attributed)


def test_punctuation_after_no_break_space_is_safe_to_walk(blank_pipeline):
    pipeline, _ = blank_pipeline
    doc = pipeline.nlp("She spoke at the memorial ceremony\u00a0— but left early, Anna Weber said.")
    assert all(token.left_edge.i == token.i == token.right_edge.i for token in doc)
    assert all(list(token.children) == [] for token in doc)


def test_addresses_are_no_names_without_a_model(blank_pipeline):
    enrichment = _enrich(
        [
            "Read more at Https://Example.com/Live or write to Tips@Example.org for details.",
            "Download Report_Final.pdf from the site, said Maria Lopez.",
            "Amazon.com said profits rose.",
        ]
    )
    kinds = {actor.name: actor.kind for actor in enrichment.actors}
    assert kinds.get("Maria Lopez") == PERSON
    assert kinds.get("Amazon.com") == "org"
    assert not any("/" in name or "@" in name or ".pdf" in name for name in kinds), kinds
