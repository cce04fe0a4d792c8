"""How a quote is cited everywhere: who, the cue as stored, the words in quote marks only when direct."""

from __future__ import annotations

from index.citation import citation, confidence_text, cue_words, evidence_text, lead, quoted
from index.model import Quote


def make_quote(text: str, kind: str, cue: str, speaker: str = "Gordon Brown", **kwargs) -> Quote:
    return Quote(
        text=text,
        kind=kind,
        start=0,
        end=len(text),
        paragraph=0,
        cue=cue,
        id="a:0",
        article_id="a",
        speaker=speaker,
        **kwargs,
    )


def test_a_denial_reads_as_a_denial_and_indirect_speech_has_no_quote_marks():
    denial = make_quote("his economic forecasts were too optimistic", "indirect", "denied")
    assert citation(denial, denial.speaker, mark_kind=False) == (
        "Gordon Brown denied: his economic forecasts were too optimistic"
    )
    assert citation(denial, denial.speaker) == (
        "Gordon Brown denied (reported speech): his economic forecasts were too optimistic"
    )
    refusal = make_quote("he had spoken to the chancellor", "indirect", "did not deny")
    assert citation(refusal, refusal.speaker).startswith("Gordon Brown did not deny (reported speech): ")
    assert "“" not in citation(denial, denial.speaker) and "”" not in citation(denial, denial.speaker)


def test_a_direct_quote_keeps_its_marks():
    quote = make_quote("We will not be complacent.", "direct", "said")
    assert citation(quote, quote.speaker) == "Gordon Brown said: “We will not be complacent.”"
    assert quoted("x", "direct") == "“x”" and quoted("x", "partial") == "x" and quoted("x", "indirect") == "x"


def test_cues_of_punctuation_and_according_to_read_in_order():
    assert cue_words("―") == "" and cue_words(":") == "" and cue_words(" did  not deny ") == "did not deny"
    assert lead("PENCE", ":") == "PENCE"
    assert lead("the Equal Opportunities Commission", "according to") == (
        "According to the Equal Opportunities Commission"
    )
    assert lead("", "said") == "Unknown speaker said"


def test_evidence_names_how_the_speaker_was_found_and_how_sure():
    quote = make_quote("x", "direct", "said", speaker_evidence="pronoun", speaker_via="he", speaker_confidence=0.7)
    assert evidence_text(quote, quote.speaker) == (
        "speaker: a pronoun resolved to a name (“he” → Gordon Brown), confidence 0.7"
    )
    named = make_quote(
        "x", "direct", "said", speaker_evidence="named", speaker_via="Gordon Brown", speaker_confidence=1
    )
    assert evidence_text(named, named.speaker) == "speaker: named in the sentence (“Gordon Brown”), confidence 1.0"
    corrected = make_quote("x", "direct", "said", speaker_evidence="corrected", speaker_via="he", speaker_confidence=1)
    assert evidence_text(corrected, corrected.speaker) == "speaker: set by the user, confidence 1.0"
    unknown = make_quote("x", "direct", "said", speaker="", speaker_via="the official")
    assert evidence_text(unknown, "") == "speaker: not resolved to a name (“the official”)"
    old = make_quote("x", "direct", "said")
    assert evidence_text(old, old.speaker) == "speaker: how it was found was not recorded"
    assert confidence_text(0.85) == "0.85" and confidence_text(0.4) == "0.4"


def test_doubtful_speakers():
    assert make_quote("x", "direct", "said", speaker_confidence=0.4).doubtful
    assert make_quote("x", "direct", "said", speaker="").doubtful
    assert not make_quote("x", "direct", "said", speaker_confidence=0.9).doubtful
    assert not make_quote("x", "direct", "said").doubtful  # not recorded is not doubtful


def test_evidence_not_recorded_is_no_line_of_its_own():
    from index.citation import has_evidence

    assert not has_evidence(make_quote("x", "direct", "said"), "Gordon Brown")
    assert has_evidence(make_quote("x", "direct", "said"), "")  # no speaker: worth saying
    assert has_evidence(make_quote("x", "direct", "said", speaker_evidence="named"), "Gordon Brown")
