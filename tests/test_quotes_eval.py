"""The PolNeAR scorer's reading of brat files and its matching rules, on a small brat
example written for these tests (below; written to a temp folder, so no annotation files
that could be mistaken for the shared corpus live in the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quotes_eval import (
    Prediction,
    Tally,
    articles,
    build_gold,
    evaluate,
    parse_ann,
    source_is_pronoun_only,
    speaker_right,
    split_paragraphs,
    strict_speaker_right,
    to_body,
)
from index.nlp import load_pipeline

STORM_TEXT = (
    "Storm Hits Coast\n"
    "\n"
    '"The sea wall held for six hours," harbour master Ida Moss said. "Then it broke and the water came in."\n'
    "\n"
    "Moss told reporters that the town had been evacuated in time.\n"
    "\n"
    "Residents believe the repairs will take many years.\n"
)
# Two annotators' files, as PolNeAR has for some articles: the scorer reads the first.
STORM_ANNOTATIONS = {
    "storm_aaaa.ann": (
        "T1\tContent 19 51;84 120\tThe sea wall held for six hours, Then it broke and the water came in.\n"
        "T2\tCue 77 81\tsaid\n"
        "T3\tSource 53 76\tharbour master Ida Moss\n"
        "T4\tAttribution 77 81\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n"
        "T5\tContent 143 183\tthat the town had been evacuated in time\n"
        "T6\tCue 128 132\ttold\n"
        "T7\tSource 123 127\tMoss\n"
        "T8\tAttribution 128 132\ttold\n"
        "E2\tAttribution:T8 Content:T5 Cue:T6 Source:T7\n"
        "T9\tContent 204 236\tthe repairs will take many years\n"
        "T10\tCue 196 203\tbelieve\n"
        "T11\tSource 186 195\tResidents\n"
        "T12\tAttribution 196 203\tbelieve\n"
        "E3\tAttribution:T12 Cue:T10 Source:T11 Content:T9\n"
    ),
    "storm_bbbb.ann": "",
}


def write_brat_example(folder: Path) -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "storm.txt").write_text(STORM_TEXT, encoding="utf-8")
    for name, content in STORM_ANNOTATIONS.items():
        (folder / "attributions" / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def brat_dir(tmp_path_factory) -> Path:
    return write_brat_example(tmp_path_factory.mktemp("brat"))


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear-dev"


@pytest.fixture(scope="module")
def storm(brat_dir):
    text_path, ann_path = articles(brat_dir)[0]
    text = text_path.read_text(encoding="utf-8")
    body, starts, mapping = split_paragraphs(text)
    doc = load_pipeline().nlp(body)
    golds = build_gold(body, doc, parse_ann(ann_path), mapping)
    return text, body, golds


def prediction(body: str, phrase: str, kind: str, speaker: str) -> Prediction:
    start = body.index(phrase)
    return Prediction.of(body, start, start + len(phrase), kind, speaker)


def test_first_annotator_file_is_used(brat_dir):
    assert [ann.name for _, ann in articles(brat_dir)] == ["storm_aaaa.ann"]


def test_brat_events_keep_discontinuous_content(brat_dir):
    events = parse_ann(brat_dir / "attributions" / "storm_aaaa.ann")
    assert len(events) == 3
    content, cue, source = events[0]
    assert len(content) == 2 and len(cue) == 1 and len(source) == 1


def test_offsets_map_onto_the_rebuilt_body(storm):
    text, body, golds = storm
    _, _, mapping = split_paragraphs(text)
    start = text.index("Moss told")
    assert body[to_body(start, mapping) : to_body(start + 9, mapping)] == "Moss told"
    assert "\n\n" in body and not body.startswith("\n")


def test_gold_classes(storm):
    _, _, golds = storm
    quotation, reported, belief = golds
    assert quotation.scored and quotation.direct
    assert reported.scored and not reported.direct
    assert not belief.speech  # "believe" is not a speech cue


def test_matching_pieces_set_aside_and_false_positives(storm):
    _, body, golds = storm
    predictions = [
        prediction(body, "The sea wall held for six hours,", "direct", "Ida Moss"),  # most of the gold
        prediction(body, "Then it broke and the water came in.", "direct", "Moss"),  # the other piece
        prediction(body, "that the town had been evacuated in time", "indirect", "reporters"),  # wrong speaker
        prediction(body, "the repairs will take many years", "indirect", "Residents"),  # belief: set aside
        prediction(body, "Storm Hits Coast", "direct", "Moss"),  # nothing there
    ]
    tally = Tally()
    tally.add(predictions, golds)
    figures = tally.figures()
    assert figures["direct"]["recall"] == 100.0
    assert figures["direct"]["precision"] == pytest.approx(66.7)  # 2 of 3 direct predictions
    assert figures["indirect"]["precision"] == 100.0 and figures["indirect"]["recall"] == 100.0
    assert figures["counts"]["predicted_indirect"] == 1  # the belief match is not counted
    assert figures["speaker_accuracy"] == pytest.approx(66.7)  # 2 of 3 matched pairs


def test_less_than_half_the_content_is_no_match(storm):
    _, body, golds = storm
    tally = Tally()
    tally.add([prediction(body, "that the town", "indirect", "Moss")], golds)
    figures = tally.figures()
    assert figures["indirect"]["recall"] == 0.0 and figures["indirect"]["precision"] == 0.0


def test_speaker_comparison_uses_the_name():
    assert speaker_right("Ida Moss", "harbour master Ida Moss")
    assert speaker_right("Moss", "Ms. Moss's office")
    assert not speaker_right("he", "Ida Moss")
    assert not speaker_right("Ida Moss", "he")


@pytest.mark.shared
def test_runs_on_three_polnear_articles(tmp_path):
    if not (SHARED / "text").is_dir():
        pytest.skip(f"PolNeAR data not found at {SHARED}")
    result = evaluate(SHARED, limit=3)
    assert result["articles"] == 3
    extractor = result["extractor"]
    assert extractor["counts"]["gold_direct"] + extractor["counts"]["gold_indirect"] > 0
    for key in ("direct", "indirect", "all"):
        assert 0.0 <= extractor[key]["f1"] <= 100.0
    assert extractor["all"]["f1"] > 20.0  # the extractor finds a good share of what PolNeAR marks


@pytest.mark.shared
def test_no_model_scores_the_blank_fallback(tmp_path):
    if not (SHARED / "text").is_dir():
        pytest.skip(f"PolNeAR data not found at {SHARED}")
    result = evaluate(SHARED, limit=3, model=False)
    assert result["pipeline"] == "blank"
    assert result["extractor"]["direct"]["f1"] > 20.0  # the rules still find quoted speech


@pytest.mark.parametrize(
    ("predicted", "source", "right"),
    [
        ("Jennifer Rodstrom", "a spokeswoman for Trump hotels, Jennifer Rodstrom", True),
        ("a spokeswoman", "a spokeswoman for Trump hotels, Jennifer Rodstrom", False),  # the role, not the name
        ("her top aide", "her top aide Huma Abedin", False),
        ("Rory O'Neill", "O'Neill", True),  # split on apostrophes
        ("Neill", "Bob Neill", True),
        ("Jean-Claude Juncker", "Mr Juncker", True),  # split on hyphens
        ("The Kremlin", "The White House", False),  # articles never match
        ("officials", "officials", True),  # no capitalised word: any word of the source
        ("", "Hillary Clinton", False),
        ("he", "He", False),
    ],
)
def test_strict_speaker_rule(predicted, source, right):
    assert strict_speaker_right(predicted, source) is right


def test_pronoun_only_sources_are_set_aside():
    assert source_is_pronoun_only("He") and source_is_pronoun_only("they")
    assert not source_is_pronoun_only("the president") and not source_is_pronoun_only("")
