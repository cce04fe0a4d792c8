"""How a quote is cited wherever it is shown or exported: who, the cue as the text has it, and the words.

One shape everywhere (reader, `y`, exports, command line): "Gordon Brown denied: his economic
forecasts were too optimistic". The cue is shown as stored, negation and all ("did not deny"),
so a denial never reads as an assertion. Only a direct quote's words stand in quote marks; an
indirect or partial one is reported speech, marked as such where a line has room for it.
"""

from __future__ import annotations

from index.model import SPEAKER_EVIDENCE, BaseQuote

UNKNOWN_SPEAKER = "Unknown speaker"
# What a quote's kind is called where it is spelled out.
KIND_LABELS = {"direct": "direct quote", "partial": "reported speech", "indirect": "reported speech"}


def is_direct(kind: str) -> bool:
    """Only a direct quote's words are the speaker's own, in quote marks."""
    return kind == "direct"


def cue_words(cue: str) -> str:
    """The cue as shown: its words, or "" for a cue of punctuation only (a label's colon, a dash)."""
    cue = " ".join(cue.split())
    return cue if any(char.isalpha() for char in cue) else ""


def lead(speaker: str, cue: str) -> str:
    """Who and the cue, in reading order: "Gordon Brown denied", "According to the EOC", "Kirby"."""
    who = speaker or UNKNOWN_SPEAKER
    words = cue_words(cue)
    if not words:
        return who
    if words.casefold().startswith("according to"):
        rest = words[len("according to") :].strip()
        return " ".join(part for part in ("According to", who, rest) if part)
    return f"{who} {words}"


def quoted(text: str, kind: str) -> str:
    """The words as cited: a direct quote in quote marks, reported speech without."""
    return f"“{text}”" if is_direct(kind) else text


def citation(quote: BaseQuote, speaker: str, *, mark_kind: bool = True) -> str:
    """One line: "Gordon Brown denied (reported speech): his economic forecasts were too optimistic",
    "John Kirby said: “…”". `mark_kind` names reported speech (where nothing else shows the kind)."""
    head = lead(speaker, quote.cue)
    if mark_kind and not is_direct(quote.kind):
        head += f" ({KIND_LABELS.get(quote.kind, quote.kind)})"
    return f"{head}: {quoted(quote.text, quote.kind)}"


def confidence_text(confidence: float) -> str:
    """0.7 -> "0.7", 0.85 -> "0.85", 1.0 -> "1.0"."""
    rounded = round(confidence, 2)
    return f"{rounded:.1f}" if round(rounded, 1) == rounded else f"{rounded:.2f}"


def has_evidence(quote: BaseQuote, speaker: str) -> bool:
    """The analysis recorded how the speaker was found (or found none): worth a line of its own."""
    return bool(quote.speaker_evidence) or quote.speaker_confidence >= 0 or not speaker


def evidence_text(quote: BaseQuote, speaker: str) -> str:
    """How the speaker was found, and how sure: "speaker: a pronoun resolved to a name (“he” → Gordon
    Brown), confidence 0.7"."""
    if not speaker:
        found = SPEAKER_EVIDENCE["unresolved"]
        via = f" (“{quote.speaker_via}”)" if quote.speaker_via else ""
    else:
        found = SPEAKER_EVIDENCE.get(quote.speaker_evidence, "how it was found was not recorded")
        via = ""
        if quote.speaker_evidence == "office":  # "…: 10 articles name Tony Blair the prime minister"
            via = f": {quote.speaker_via}" if quote.speaker_via else ""
        elif quote.speaker_via and quote.speaker_evidence != "corrected":
            same = quote.speaker_via.casefold() == speaker.casefold()
            via = f" (“{quote.speaker_via}”)" if same else f" (“{quote.speaker_via}” → {speaker})"
    line = f"speaker: {found}{via}"
    if quote.speaker_confidence >= 0:
        line += f", confidence {confidence_text(quote.speaker_confidence)}"
    return line
