"""Score the quote extractor on PolNeAR attributions (brat files) and print a table.

Usage: python -m bench.quotes_eval [DIR] [--json PATH] [--no-model]

DIR holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. When an article has two
annotators' files, the first in alphabetical order is used. Each article is processed as the
library does it: paragraphs split on blank lines, stripped, joined with a blank line, parsed
with ``index.nlp.load_pipeline``; gold offsets are mapped onto that body.

What is scored (PolNeAR has no speech/belief label on cues, so the cue text decides):
- gold attributions whose cue contains a speech word (``SPEECH_CUE_LEMMAS``, by spaCy lemma,
  plus "according to" and a bare ":" or dash introducing a quotation) and whose content has
  at least ``MIN_CONTENT_WORDS`` words. Other attributions (belief, perception, short
  content) are set aside: a prediction matching one of them is neither right nor wrong.
- a prediction matches a gold content when it covers at least half of the content's words;
  matching is one-to-one, best coverage first. PolNeAR joins the pieces of a quotation
  interrupted by its attribution into one discontinuous content, while a RawQuote is one
  contiguous slice: a prediction lying mostly inside a gold content is counted as a piece
  of it (not a false positive), and pieces that together cover half of an otherwise
  unmatched gold content find it.
- gold is "direct" when its content starts with a quote mark or at least 60% of its words
  lie between paired quote marks; else "indirect". Predicted kind ``direct`` counts as
  direct, ``partial`` and ``indirect`` as indirect. Recall is by gold class, precision by
  predicted class; a match across classes counts for both.
- speaker accuracy: over matched pairs whose gold source contains a name (a capitalised
  token spaCy tags PROPN; pronoun sources are left out, PolNeAR does not resolve them), the
  predicted speaker is right when its last word is a word of the gold source
  (case-insensitive, possessive stripped): "Kirby" for "Pentagon press secretary John Kirby".
- strict speaker accuracy: over matched pairs whose gold source is not a pronoun only (nor
  empty), the predicted speaker is right when a word of its name is one of the capitalised
  words of the gold source, articles and pronouns aside, words split on hyphens and
  apostrophes: "a spokeswoman" is wrong for "a spokeswoman for Trump hotels, Jennifer
  Rodstrom", "Jennifer Rodstrom" right. A gold source with no capitalised word ("officials")
  is matched on any of its words.
- calibration: the strict accuracy per evidence class (RawQuote.speaker_evidence) and per
  confidence band; and the same "judged", where a speaker found through a pronoun or a role
  noun is scored against the hand-checked referent of bench/gold/polnear_referents.tsv (PolNeAR's
  Source of "the mayor said" is "the mayor", which the strict rule cannot tell from a right
  resolution) instead of the Source span.

`--errors FILE` writes, for reading: the strict speaker misses (with the evidence, the words the
speaker was found through and the confidence), the scored gold attributions no prediction found,
and the predictions matching no gold attribution.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "polnear-dev"
DEFAULT_JSON = ROOT / "bench" / "results" / "quotes_eval.json"

MIN_CONTENT_WORDS = 4
# Independent of the extractor's own lexicon, so the gold set is not tailored to it.
SPEECH_CUE_LEMMAS = frozenset(
    """
    say tell add note explain warn caution stress insist write mention conclude argue claim
    declare state announce urge call suggest admit acknowledge assert emphasize emphasise
    point reply respond continue report tweet post confirm deny ask agree recall promise
    pledge vow predict complain contend maintain reiterate repeat observe comment allege
    testify concede remark inform reveal accuse charge demand propose recommend disclose
    answer counter retort quip joke lament chant echo proclaim affirm insist speak according
    """.split()
)
PRONOUNS = frozenset("i you he she it we they him her them his hers its our their this that who".split())
QUOTE_PAIR = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»")
WORD = re.compile(r"\w+")


@dataclass
class Gold:
    content: list[tuple[int, int]]  # body offsets
    cue_text: str
    source_text: str
    speech: bool = False
    source_is_name: bool = False
    long_enough: bool = False
    direct: bool = False
    words: list[tuple[int, int]] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return self.speech and self.long_enough


@dataclass
class Prediction:
    start: int
    end: int
    kind: str
    speaker: str
    words: list[tuple[int, int]] = field(default_factory=list)
    evidence: str = ""  # how the speaker was found (RawQuote.speaker_evidence)
    via: str = ""  # the words it was found through
    confidence: float = -1.0

    @classmethod
    def of(cls, body: str, start: int, end: int, kind: str, speaker: str, **found) -> Prediction:
        words = [(m.start() + start, m.end() + start) for m in WORD.finditer(body[start:end])]
        return cls(start, end, kind, speaker, words, **found)


def parse_ann(path: Path) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]]:
    """(content spans, cue spans, source spans) of every attribution event in a brat file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            ranges = []
            for piece in offsets.split(";"):
                numbers = piece.split()
                if len(numbers) == 2:
                    ranges.append((int(numbers[0]), int(numbers[1])))
            spans[parts[0]] = ranges
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles: dict[str, str] = {}
            for argument in parts[1].split():
                role, _, ref = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789"), ref)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        out.append((content, spans.get(roles.get("Cue", ""), []), spans.get(roles.get("Source", ""), [])))
    return out


def split_paragraphs(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """The body as the library builds it, its paragraph starts, and (original start, body start) pairs."""
    paragraphs, starts, mapping = [], [], []
    position = 0
    segment_start = 0
    for separator in list(re.finditer(r"\n[ \t\r]*\n\s*", text)) + [None]:
        segment_end = separator.start() if separator else len(text)
        segment = text[segment_start:segment_end]
        stripped = segment.strip()
        if stripped:
            original = segment_start + (len(segment) - len(segment.lstrip()))
            starts.append(position)
            mapping.append((original, position, len(stripped)))
            paragraphs.append(stripped)
            position += len(stripped) + 2
        if separator:
            segment_start = separator.end()
    return "\n\n".join(paragraphs), starts, mapping


def to_body(offset: int, mapping) -> int:
    for original, body, length in mapping:
        if offset <= original + length:
            return body + max(0, min(offset - original, length))
    if not mapping:
        return 0
    original, body, length = mapping[-1]
    return body + length


def quoted_chars(body: str) -> bytearray:
    inside = bytearray(len(body) + 1)
    for match in QUOTE_PAIR.finditer(body):
        for c in range(match.start(), match.end()):
            inside[c] = 1
    return inside


def build_gold(body: str, doc, events, mapping) -> list[Gold]:
    inside = quoted_chars(body)
    golds = []
    for content, cue, source in events:
        content_body = [(to_body(s, mapping), to_body(e, mapping)) for s, e in content]
        cue_body = [(to_body(s, mapping), to_body(e, mapping)) for s, e in cue]
        source_body = [(to_body(s, mapping), to_body(e, mapping)) for s, e in source]
        cue_text = " ".join(body[s:e] for s, e in cue_body).strip()
        source_text = " ".join(body[s:e] for s, e in source_body).strip()
        words = [(m.start() + s, m.end() + s) for s, e in content_body for m in WORD.finditer(body[s:e])]
        gold = Gold(content_body, cue_text, source_text, words=words)
        gold.long_enough = len(words) >= MIN_CONTENT_WORDS
        lemmas = set()
        for s, e in cue_body:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                lemmas.update(t.lemma_.lower() for t in span)
                lemmas.update(t.lower_ for t in span)
        for s, e in source_body:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span):
                gold.source_is_name = True
        gold.speech = bool(lemmas & SPEECH_CUE_LEMMAS) or cue_text in (":", "―", "—", "–", "-")
        first = body[content_body[0][0] : content_body[0][1]].lstrip()
        within = sum(1 for s, _ in words if inside[s])
        gold.direct = first[:1] in "“\"«‘'" or (bool(words) and within / len(words) >= 0.6)
        golds.append(gold)
    return golds


def coverage(prediction: Prediction, gold: Gold) -> float:
    if not gold.words:
        return 0.0
    covered = sum(1 for s, e in gold.words if s >= prediction.start and e <= prediction.end)
    return covered / len(gold.words)


def inside_share(prediction: Prediction, gold: Gold) -> float:
    """The share of the prediction's words that lie inside the gold content."""
    if not prediction.words:
        return 0.0
    inside = sum(1 for s, e in prediction.words if any(cs <= s and e <= ce for cs, ce in gold.content))
    return inside / len(prediction.words)


def match(predictions: list[Prediction], golds: list[Gold]) -> list[tuple[int, int]]:
    pairs = []
    for p, prediction in enumerate(predictions):
        for g, gold in enumerate(golds):
            score = coverage(prediction, gold)
            if score >= 0.5:
                # prefer tight matches: coverage, then how little extra text the prediction has
                extra = (prediction.end - prediction.start) / max(1, gold.content[-1][1] - gold.content[0][0])
                pairs.append((score, -abs(1 - extra), p, g))
    pairs.sort(reverse=True)
    used_p, used_g, matched = set(), set(), []
    for _, _, p, g in pairs:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        matched.append((p, g))
    return matched


def name_words(source: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w.\-]*", source.replace("’", "'"))
    names = {w.lower().removesuffix("'s") for w in words if w[0].isupper() and w.lower() not in PRONOUNS}
    names.discard("the")
    return names


ARTICLE_WORDS = frozenset({"the", "a", "an"})


def _name_parts(text: str) -> list[str]:
    """Words of a name, split on hyphens and apostrophes ("O'Neill" -> O, Neill), case kept."""
    parts = []
    for token in re.findall(r"\w[\w.'’\-]*", text):
        parts.extend(piece.strip(".") for piece in re.split(r"[-'’]", token))
    return [part for part in parts if part and part.lower() != "s"]


def source_is_pronoun_only(source: str) -> bool:
    words = [word.lower() for word in re.findall(r"\w+", source)]
    return bool(words) and all(word in PRONOUNS or word in ARTICLE_WORDS for word in words)


def strict_speaker_right(predicted: str, source: str) -> bool:
    """A word of the predicted name is a capitalised word of the gold source (articles and
    pronouns aside); a source with no capitalised word is matched on any of its words."""
    aside = PRONOUNS | ARTICLE_WORDS
    said = {part.lower() for part in _name_parts(predicted)} - aside
    gold = {part.lower() for part in _name_parts(source) if part[0].isupper()} - aside
    if not gold:
        gold = {part.lower() for part in _name_parts(source)} - aside
    return bool(said & gold)


def speaker_right(predicted: str, source: str) -> bool:
    """The predicted speaker's last word is a word of the gold source ("Kirby" for
    "Pentagon press secretary John Kirby"); a pronoun never is."""
    words = re.findall(r"[A-Za-z][\w.\-]*", predicted.replace("’", "'"))
    if not words or words[-1].lower() in PRONOUNS:
        return False
    source_words = {w.lower().removesuffix("'s") for w in re.findall(r"[A-Za-z][\w.\-]*", source.replace("’", "'"))}
    return words[-1].lower().removesuffix("'s") in source_words


BASELINE_QUOTE = re.compile(r"[“\"]([^”\"\n]{10,}?)[”\"]")
BASELINE_SAID = re.compile(r"(?:([A-Z][\w\-]+)\s+(?:said|says)\b|\b(?:said|says)\s+(?:[A-Z][\w\-]+\s+)*([A-Z][\w\-]+))")


def baseline_quotes(body: str) -> list[Prediction]:
    """A regex over quote marks: each quotation of 4+ words, speaker = a capitalised word
    next to "said"/"says" in the rest of its paragraph."""
    out = []
    for match in BASELINE_QUOTE.finditer(body):
        if len(match.group(1).split()) < 4:
            continue
        paragraph_end = body.find("\n\n", match.end())
        said = BASELINE_SAID.search(body, match.end(), paragraph_end if paragraph_end >= 0 else len(body))
        speaker = (said.group(1) or said.group(2)) if said else ""
        out.append(Prediction.of(body, match.start(1), match.end(1), "direct", speaker))
    return out


@dataclass
class Tally:
    gold_direct: int = 0
    gold_indirect: int = 0
    found_direct: int = 0  # gold direct matched
    found_indirect: int = 0
    pred_direct: int = 0  # predictions not set aside
    pred_indirect: int = 0
    right_direct: int = 0  # predictions matched to scored gold
    right_indirect: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    strict_total: int = 0
    strict_right: int = 0
    # strict speaker accuracy by evidence class and by confidence band: key -> [right, total]
    by_evidence: dict[str, list[int]] = field(default_factory=dict)
    by_band: dict[str, list[int]] = field(default_factory=dict)
    # the same, judging pronoun and role speakers by the hand-checked referents instead
    judged_by_evidence: dict[str, list[int]] = field(default_factory=dict)
    judged_by_band: dict[str, list[int]] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)  # strict speaker misses, for --errors
    missed: list[dict] = field(default_factory=list)  # scored gold no prediction found, for --errors
    spurious: list[dict] = field(default_factory=list)  # predictions matching no gold, for --errors

    def judge(self, prediction: Prediction, right: bool) -> None:
        for table, key in (
            (self.judged_by_evidence, prediction.evidence),
            (self.judged_by_band, band(prediction.confidence)),
        ):
            tally = table.setdefault(key or "-", [0, 0])
            tally[0] += right
            tally[1] += 1

    def add(
        self,
        predictions: list[Prediction],
        golds: list[Gold],
        body: str = "",
        name: str = "",
        referents: list[dict[str, str]] | None = None,
    ) -> None:
        pairs = match(predictions, golds)
        by_prediction = dict(pairs)
        matched_gold = {g for _, g in pairs}
        # PolNeAR joins the pieces of a quotation interrupted by its attribution ('"A," she
        # said, "B"') into one discontinuous content; a RawQuote is one contiguous slice, so
        # the pieces come as separate predictions. A prediction lying mostly inside a gold
        # content is a piece of it, and pieces that together cover half the gold find it.
        pieces: dict[int, list[int]] = {}
        for p, prediction in enumerate(predictions):
            if p in by_prediction:
                continue
            for g, gold in enumerate(golds):
                if inside_share(prediction, gold) >= 0.5:
                    by_prediction[p] = g
                    pieces.setdefault(g, []).append(p)
                    break
        for g, members in pieces.items():
            if g in matched_gold:
                continue
            covered = {
                w
                for w in golds[g].words
                for p in members
                if w[0] >= predictions[p].start and w[1] <= predictions[p].end
            }
            if golds[g].words and len(covered) / len(golds[g].words) >= 0.5:
                matched_gold.add(g)
            else:
                for p in members:
                    del by_prediction[p]
        for g, gold in enumerate(golds):
            if not gold.scored:
                continue
            if gold.direct:
                self.gold_direct += 1
                self.found_direct += g in matched_gold
            else:
                self.gold_indirect += 1
                self.found_indirect += g in matched_gold
            if g not in matched_gold and body:
                self.missed.append(
                    {
                        "article": name,
                        "kind": "direct" if gold.direct else "indirect",
                        "content": " … ".join(body[s:e] for s, e in gold.content)[:200],
                        "gold_source": gold.source_text,
                        "gold_cue": gold.cue_text,
                    }
                )
        for p, prediction in enumerate(predictions):
            g = by_prediction.get(p)
            if g is not None and not golds[g].scored:
                continue  # matches an attribution outside the scored set
            direct = prediction.kind == "direct"
            if referents and prediction.evidence in RESOLVED_EVIDENCE:
                judged = referent_right(prediction, referents, body)
                if judged is not None:
                    self.judge(prediction, judged)
            if g is None and body:
                self.spurious.append(
                    {
                        "article": name,
                        "kind": prediction.kind,
                        "quote": body[prediction.start : prediction.end][:160],
                        "predicted": prediction.speaker,
                    }
                )
            if direct:
                self.pred_direct += 1
                self.right_direct += g is not None
            else:
                self.pred_indirect += 1
                self.right_indirect += g is not None
            if g is not None and golds[g].source_is_name:
                self.speaker_total += 1
                self.speaker_right += speaker_right(prediction.speaker, golds[g].source_text)
            if g is not None and golds[g].source_text and not source_is_pronoun_only(golds[g].source_text):
                self.strict_total += 1
                right = strict_speaker_right(prediction.speaker, golds[g].source_text)
                keys = ((self.by_evidence, prediction.evidence), (self.by_band, band(prediction.confidence)))
                for table, key in keys:
                    tally = table.setdefault(key or "-", [0, 0])
                    tally[0] += right
                    tally[1] += 1
                if prediction.evidence not in RESOLVED_EVIDENCE:
                    self.judge(prediction, right)
                if right:
                    self.strict_right += 1
                else:
                    self.misses.append(
                        {
                            "article": name,
                            "quote": body[prediction.start : prediction.end][:160],
                            "predicted": prediction.speaker,
                            "evidence": prediction.evidence,
                            "via": prediction.via,
                            "confidence": prediction.confidence,
                            "gold_source": golds[g].source_text,
                            "gold_cue": golds[g].cue_text,
                        }
                    )

    def figures(self) -> dict:
        def prf(right, predicted, found, gold):
            p = right / predicted if predicted else 0.0
            r = found / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}

        return {
            "direct": prf(self.right_direct, self.pred_direct, self.found_direct, self.gold_direct),
            "indirect": prf(self.right_indirect, self.pred_indirect, self.found_indirect, self.gold_indirect),
            "all": prf(
                self.right_direct + self.right_indirect,
                self.pred_direct + self.pred_indirect,
                self.found_direct + self.found_indirect,
                self.gold_direct + self.gold_indirect,
            ),
            "speaker_accuracy": round(100 * self.speaker_right / self.speaker_total, 1) if self.speaker_total else 0.0,
            "strict_speaker_accuracy": round(100 * self.strict_right / self.strict_total, 1)
            if self.strict_total
            else 0.0,
            "calibration": {
                "by_evidence": {key: calibration_row(*value) for key, value in sorted(self.by_evidence.items())},
                "by_confidence": {key: calibration_row(*value) for key, value in sorted(self.by_band.items())},
                "judged_by_evidence": {
                    key: calibration_row(*value) for key, value in sorted(self.judged_by_evidence.items())
                },
                "judged_by_confidence": {
                    key: calibration_row(*value) for key, value in sorted(self.judged_by_band.items())
                },
            },
            "counts": {
                "gold_direct": self.gold_direct,
                "gold_indirect": self.gold_indirect,
                "predicted_direct": self.pred_direct,
                "predicted_indirect": self.pred_indirect,
                "speaker_pairs": self.speaker_total,
                "strict_speaker_pairs": self.strict_total,
            },
        }


REFERENTS = ROOT / "bench" / "gold" / "polnear_referents.tsv"
QUOTE_MARKS = "\"'“”‘’«»"
# Evidence classes whose speaker stands for a pronoun or a role noun: PolNeAR's Source span is
# the pronoun or role itself, so their resolution is judged against the hand-checked referents.
RESOLVED_EVIDENCE = ("pronoun", "role")


def loose(text: str) -> str:
    """Text compared without quote marks, case or spacing differences."""
    return " ".join("".join(" " if c in QUOTE_MARKS else c for c in text).casefold().split())


def read_referents(path: Path = REFERENTS) -> dict[str, list[dict[str, str]]]:
    """Hand-checked referents of pronoun and role speakers, by article file name: each row's
    quote fragment, the words the speaker was found through, and who they stand for ("?" when
    the text names no one)."""
    if not path.is_file():
        return {}
    rows: dict[str, list[dict[str, str]]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line.strip():
            row = dict(zip(header, line.split("\t"), strict=True))
            rows.setdefault(row["file"], []).append(row)
    return rows


def referent_right(prediction: Prediction, rows: list[dict[str, str]], body: str) -> bool | None:
    """Whether a pronoun or role speaker resolves to the hand-checked referent; None when no row
    covers the quote. A referent "?" (the text names no one) is right only left unresolved."""
    text = loose(body[prediction.start : prediction.end])
    for row in rows:
        if loose(row["fragment"]) in text and loose(row["via"]) == loose(prediction.via):
            if row["referent"] == "?":
                return loose(prediction.speaker) == loose(prediction.via)
            return strict_speaker_right(prediction.speaker, row["referent"])
    return None


# Confidence bands of the calibration table; below 0.6 the reader marks a speaker doubtful.
CONFIDENCE_BANDS = (0.0, 0.3, 0.6, 0.8, 0.9)


def band(confidence: float) -> str:
    """The confidence band a speaker's confidence falls in ("0.6-0.8"), "-" when not recorded."""
    if confidence < 0:
        return "-"
    edges = [*CONFIDENCE_BANDS, 1.01]
    for low, high in zip(edges, edges[1:], strict=False):
        if low <= confidence < high:
            return f"{low:.1f}-{min(high, 1.0):.1f}"
    return "-"


def calibration_row(right: int, total: int) -> dict:
    return {"pairs": total, "strict_right": right, "accuracy": round(100 * right / total, 1) if total else 0.0}


def articles(directory: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; the first annotator's file alphabetically when there are two."""
    out = []
    for text in sorted((directory / "text").glob("*.txt")):
        candidates = sorted((directory / "attributions").glob(text.stem + "_*.ann"))
        if candidates:
            out.append((text, candidates[0]))
    return out


def evaluate(directory: Path, limit: int | None = None, held_out_every: int = 5, *, model: bool = True) -> dict:
    """Figures for the extractor as ingest runs it: with the language model, or (model=False)
    with the blank pipeline plus rules that a machine without the model falls back to."""
    from index.nlp import blank_pipeline, load_pipeline
    from index.quotes import extract_quotes

    pipeline = load_pipeline() if model else blank_pipeline()
    nlp = pipeline.nlp
    tallies = {name: Tally() for name in ("extractor", "baseline", "extractor_tune", "extractor_held_out")}
    referents = read_referents()
    pairs = articles(directory)[:limit]
    for number, (text_path, ann_path) in enumerate(pairs):
        text = text_path.read_text(encoding="utf-8")
        body, starts, mapping = split_paragraphs(text)
        doc = nlp(body)
        golds = build_gold(body, doc, parse_ann(ann_path), mapping)
        quotes = extract_quotes(doc, starts)
        predicted = [
            Prediction.of(
                body,
                q.start,
                q.end,
                q.kind,
                q.speaker_text,
                evidence=q.speaker_evidence,
                via=q.speaker_via,
                confidence=q.speaker_confidence,
            )
            for q in quotes
        ]
        tallies["extractor"].add(predicted, golds, body, text_path.name, referents.get(text_path.name))
        # every fifth article is kept out of tuning, to check the rules generalise
        split = "extractor_held_out" if number % held_out_every == held_out_every - 1 else "extractor_tune"
        tallies[split].add(predicted, golds)
        tallies["baseline"].add(baseline_quotes(body), golds)
    result = {name: tally.figures() for name, tally in tallies.items()}
    result["strict_misses"] = tallies["extractor"].misses
    result["missed"] = tallies["extractor"].missed
    result["spurious"] = tallies["extractor"].spurious
    result["articles"] = len(pairs)
    result["pipeline"] = pipeline.model
    result["settings"] = {
        "min_content_words": MIN_CONTENT_WORDS,
        "match": "prediction covers >= 50% of gold content words, one-to-one",
        "annotator": "first .ann file alphabetically per article",
        "held_out": f"every {held_out_every}th article in name order",
    }
    return result


def print_table(result: dict) -> None:
    header = (
        f"{'system':22} {'dir P':>6} {'dir R':>6} {'dir F1':>6} {'ind P':>6} {'ind R':>6} {'ind F1':>6} {'all F1':>6}"
        f" {'spk %':>6} {'strict':>6}"
    )
    print(header)
    print("-" * len(header))
    for name in ("baseline", "extractor", "extractor_tune", "extractor_held_out"):
        row = result[name]
        d, i = row["direct"], row["indirect"]
        print(
            f"{name:22} {d['precision']:6.1f} {d['recall']:6.1f} {d['f1']:6.1f} "
            f"{i['precision']:6.1f} {i['recall']:6.1f} {i['f1']:6.1f} {row['all']['f1']:6.1f} "
            f"{row['speaker_accuracy']:6.1f} {row['strict_speaker_accuracy']:6.1f}"
        )
    counts = result["extractor"]["counts"]
    calibration = result["extractor"].get("calibration", {})
    for key in ("evidence", "confidence"):
        strict, judged = calibration.get(f"by_{key}", {}), calibration.get(f"judged_by_{key}", {})
        if not strict and not judged:
            continue
        print(f"\nspeaker accuracy by {key}: strict (PolNeAR sources) · judged (pronoun and role by the referents)")
        for name in sorted(set(strict) | set(judged)):
            cells = []
            for table in (strict, judged):
                row = table.get(name)
                cells.append(
                    f"{row['accuracy']:6.1f} ({row['strict_right']:>3} of {row['pairs']:>3})" if row else " " * 17
                )
            print(f"  {name:12} {cells[0]}   {cells[1]}")
    print(
        f"\n{result['articles']} articles · gold direct {counts['gold_direct']}"
        f" · gold indirect {counts['gold_indirect']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--no-model", action="store_true", help="score the blank pipeline plus rules (no language model)"
    )
    parser.add_argument("--errors", type=Path, default=None, help="write the strict speaker misses to this JSON file")
    args = parser.parse_args(argv)
    if args.no_model and args.json == DEFAULT_JSON:
        args.json = DEFAULT_JSON.with_name("quotes_eval_no_model.json")
    if not (args.directory / "text").is_dir():
        print(f"No brat data at {args.directory} (expected text/ and attributions/).", file=sys.stderr)
        return 1
    result = evaluate(args.directory, args.limit, model=not args.no_model)
    print_table(result)
    misses = result.pop("strict_misses")
    missed, spurious = result.pop("missed"), result.pop("spurious")
    if args.errors is not None:
        errors = {"speaker": misses, "missed": missed, "spurious": spurious}
        args.errors.write_text(json.dumps(errors, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(
            f"wrote {len(misses)} strict speaker misses, {len(missed)} missed gold and {len(spurious)}"
            f" unmatched predictions to {args.errors}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
