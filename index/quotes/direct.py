"""Direct and partial speech: quoted words, told apart and attributed through the text around them.

A quotation that stands as its own sentence(s) is ``direct`` and is attributed through the
reporting verb beside it (``"…," X said`` · ``X said: "…"`` · ``He added, "…"`` · ``"…" ― X``);
quoted words inside the writer's sentence are ``partial`` and take the cue that sentence's
words depend on. The parts of a quotation running over paragraphs share one speaker, and so
do quoted sentences that follow an attributed one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.lexicon import ADDRESS_VERBS, INTRODUCING_NOUNS, PERSON_PRONOUN_FORMS
from index.quotes.cues import (
    cue_text,
    find_cue,
    in_time_clause,
    is_content_cue,
    is_passive_participle,
    is_put_it,
    is_reporting,
    reports_a_statement,
)
from index.quotes.marks import SENTENCE_END
from index.quotes.span import MIN_UNATTRIBUTED_WORDS, CharSpan, QuoteSpan
from index.quotes.speakers import apposed_name, find_speaker, is_agent_noun, is_name, set_speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

# A signature after a quotation: dash, then a capitalised name of up to five words.
DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*((?:[A-Z][\w.'’\-]*)(?:[ \t\u00a0]+[A-Z][\w.'’\-]*){0,4})")
# Quote marks: a paragraph with any is left to the pairing of marks.
QUOTE_MARKS = '"“”«»„'
# Marks of emphasis and space around a frame's words ("**Tom Becker said:**").
FRAME_EDGES = " *_\t"
# Verbs of giving words out: the subject of "made the following comment:", "issued this statement:"
# is whose the words are (not of "received", "heard", "shared": someone else's words).
GIVING_OUT_VERBS = frozenset(
    {"make", "give", "issue", "deliver", "release", "post", "tweet", "write", "send", "offer", "publish", "put", "have"}
)
# The end of a quoted text that leaves its sentence open for the attribution after it.
OPEN_ENDINGS = (",", "—", "–", "-")


def classify(context: QuoteContext, quote: QuoteSpan) -> None:
    """Mark the quote partial when it does not open a sentence of its own."""
    para_start, _ = context.bounds[quote.paragraph]
    before = context.text[para_start : quote.open_mark].rstrip(" *_\t")
    # (a line break starts a sentence too: lines of one paragraph, a list of signed quotes)
    starts_sentence = before == "" or before[-1] in ".!?:;,—–-(\n" or SENTENCE_END.search(before[-3:] + " ") is not None
    if not starts_sentence or runs_on_after_close(context, quote):
        quote.kind = "partial"


def runs_on_after_close(context: QuoteContext, quote: QuoteSpan) -> bool:
    """ "'No Indication' Putin Willing To Negotiate": quoted words that open a sentence
    which then goes on in the writer's words are a fragment, not a quotation. Longer
    quotations that run on ('"You squeezed employees" to drive up …, she said') stay
    quotations."""
    text = context.text
    if quote.close_mark < 0 or quote.words(text) >= MIN_UNATTRIBUTED_WORDS:
        return False
    if text[quote.start : quote.end].rstrip()[-1:] in ",.;:!?—–-…":
        return False
    following = text[quote.close_mark + 1 : quote.close_mark + 2]
    if following not in " \t":
        return False
    rest = text[quote.close_mark + 1 :].lstrip(" \t*_")
    if not rest[:1].isalnum():
        return False
    nearby = context.tokens_in(quote.close_mark + 1, min(len(text), quote.close_mark + 60))[:4]
    return not any(is_reporting(t) for t in nearby)


def trim_unclosed(context: QuoteContext, spans: list[QuoteSpan]) -> None:
    """A quote left open to its paragraph's end often ends in its attribution
    ('"… operations, he explained.'): cut the quote at that comma."""
    for span in spans:
        if span.close_mark >= 0:
            continue
        match = re.search(r",\s+([^,\"“”]{1,60})$", context.text[span.start : span.end])
        if not match:
            continue
        tail_tokens = context.tokens_in(span.start + match.start(1), span.end)
        if any(is_reporting(t) for t in tail_tokens) and len(tail_tokens) <= 10:
            cut = span.start + match.start()
            context.mark_quoted(cut, span.end + 1, quoted=False)
            span.end = cut
            span.close_mark = cut  # the attribution text starts after the comma


def frame_before(context: QuoteContext, quote: QuoteSpan, para_start: int) -> CharSpan:
    """The attribution text before the opening mark: back to its sentence's start, never into
    an earlier quotation."""
    start = quote.open_mark
    previous = [t for t in context.tokens_in(para_start, quote.open_mark) if not t.is_space]
    if previous and not (previous[-1].is_punct and previous[-1].text in ".!?"):
        start = max(para_start, previous[-1].sent.start_char)
    # do not reach back into an earlier quotation
    for c in range(quote.open_mark - 1, start - 1, -1):
        if context.quoted[c]:
            start = c + 1
            break
    return start, quote.open_mark


def frame_after(context: QuoteContext, quote: QuoteSpan, para_end: int) -> CharSpan:
    """The attribution text after the closing mark: to the end of the sentence it goes on in,
    never into a later quotation (empty when a new sentence follows)."""
    start = quote.close_mark + 1 if quote.close_mark >= 0 else quote.end
    following = [t for t in context.tokens_in(start, para_end) if not t.is_space and t.text not in "*_"]
    if not following or following[0].text in ".!?" or following[0].is_quote:
        return start, start
    end = min(para_end, max(following[0].sent.end_char, following[0].idx + len(following[0].text)))
    for c in range(start, end):
        if context.quoted[c]:
            end = c
            break
    return start, end


def attribute_direct(context: QuoteContext, quote: QuoteSpan) -> None:
    """The cue and speaker of a quotation from the frames around it: after it first when the
    quotation ends open ('"…," she said'), else before it ('She said: "…"')."""
    text = context.text
    para_start, _ = context.bounds[quote.paragraph]
    _, para_end = context.bounds[context.paragraph_of(quote.end)]
    before = frame_before(context, quote, para_start)
    after = frame_after(context, quote, para_end)
    content = text[quote.start : quote.end].rstrip()
    trailing_comma = content.endswith((*OPEN_ENDINGS, "?", "!")) or quote.close_mark < 0
    frames = [after, before] if trailing_comma or before[0] == before[1] else [before, after]
    # 'Tom Hale asked: "Will it be built?" Peter Gray said …': a quotation its frame introduces
    # is never pulled to the next sentence's cue
    introduced = text[before[0] : before[1]].rstrip(" *_\t").endswith(":")
    if introduced and find_cue(context, before[0], before[1], quote.open_mark) is not None:
        frames = [before, after]
    if attribute_by_dash(context, quote):
        return
    if before[0] == before[1] and quote.paragraph > 0:
        # 'He said:' closing the paragraph before a paragraph-long quotation
        prev_start, prev_end = context.bounds[quote.paragraph - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):
            prev_sentence = context.token_at(prev_end - 1)
            if prev_sentence is not None:
                frames.append((max(prev_start, prev_sentence.sent.start_char), prev_end))
    for frame_start, frame_end in frames:
        if frame_end <= frame_start:
            continue
        near = quote.open_mark if frame_end <= quote.open_mark else quote.end
        cue = find_cue(context, frame_start, frame_end, near)
        if cue is None:
            continue
        if frame_start >= quote.end and in_time_clause(cue):
            continue  # '"That makes me smart," when Clinton blasted him': the occasion, not its cue
        found = find_speaker(context, cue, frame_start, frame_end)
        # '"…?" Peter Gray said the plan was too costly': his own statement; '"…." He added
        # that …' goes on with the speaker the pronoun stands for
        next_sentence = frame_start >= quote.end and closes_sentence(content) and governs_clause(cue)
        if next_sentence and (found is None or found[0].lower_ not in PERSON_PRONOUN_FORMS):
            if found is not None:  # decided once the statements around it are known
                quote.cue, quote.cue_at, quote.next_speaker = cue_text(cue), cue.i, found[0].i
            continue
        quote.cue = cue_text(cue)
        quote.cue_at = cue.i
        if found is not None:
            set_speaker(quote, *found)
        return
    if trailing_comma and after[1] > after[0]:
        # '"…,” he.': the attribution lost its verb (a translation or scraping slip)
        words = [t for t in context.tokens_in(*after) if not (t.is_punct or t.is_space)]
        if (
            words
            and len(words) <= 4
            and text[after[0] : after[1]].rstrip().endswith(".")
            and ((len(words) == 1 and words[0].lower_ in PERSON_PRONOUN_FORMS) or all(is_name(t) for t in words))
        ):
            set_speaker(quote, words[-1], "nearby")


def closes_sentence(content: str) -> bool:
    return content.rstrip(" *_\"'”’»").endswith((".", "?", "!"))


def governs_clause(cue: Token) -> bool:
    """The cue reports a content of its own after it: a clause ("said the plan was too costly"),
    or an object that is not its listener ("has announced plans to cut …", not "told the BBC")."""
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children):
        return True
    # (a "that" clause the parse hangs lower down: "telling Radio 4's PM programme that Labour
    # was not rattled", the clause taken for the programme's)
    if any(t.dep_ == "mark" and t.lower_ == "that" and t.i > cue.i for t in cue.subtree):
        return True
    addressing = (cue.lemma_ or cue.lower_).lower() in ADDRESS_VERBS
    return not addressing and any(c.dep_ == "dobj" and c.i > cue.i for c in cue.children)


def attribute_by_dash(context: QuoteContext, quote: QuoteSpan) -> bool:
    """'"…" ― Jane Doe': a dash and a name right after the closing mark sign the quote."""
    if quote.close_mark < 0:
        return False
    tail = context.text[quote.close_mark + 1 : quote.close_mark + 80]
    match = DASH_SIGNATURE.match(tail)
    if not match:
        return False
    start = quote.close_mark + 1 + match.start(1)
    end = quote.close_mark + 1 + match.end(1)
    last_word = context.text[start:end].split()[-1]
    if last_word.endswith(".") and len(last_word) > 3 and last_word not in ("Jr.", "Sr."):
        end -= 1  # the sentence's full stop, not an initial or "Jr."
    quote.cue = match.group(0).strip()[:1]
    quote.speaker = (start, end)
    quote.how = "label"
    return True


def attribute_in_sentence(context: QuoteContext, quote: QuoteSpan) -> None:
    """For a quotation inside the writer's sentence: the reporting verb it depends on."""
    token = context.token_at(quote.start)
    if token is None:
        return
    sent_start, sent_end = context.sentence_bounds(token, *context.bounds[quote.paragraph])

    def inside(t: Token) -> bool:
        return sent_start <= t.idx < sent_end

    def is_cue(t: Token) -> bool:
        return inside(t) and not context.is_quoted(t) and is_reporting(t) and not is_passive_participle(t)

    cue = next((ancestor for ancestor in token.ancestors if is_cue(ancestor)), None)
    if cue is None:
        candidates = [t for t in token.sent if is_cue(t)] + [t for t in token.sent if inside(t) and is_put_it(t)]
        if candidates:
            cue = min(candidates, key=lambda t: abs(t.idx - quote.start))
    if cue is None or not reports_a_statement(cue):
        return  # (quoted words a refusal or a hypothetical frames are no one's statement)
    found = find_speaker(context, cue, sent_start, sent_end)
    quote.cue = cue_text(cue)
    quote.cue_at = cue.i
    if found is not None and inside(found[0]):
        set_speaker(quote, *found)


def join_running_parts(context: QuoteContext, spans: list[QuoteSpan]) -> None:
    """The parts of a quotation running over paragraphs have one speaker: the first
    attribution found, reading from its first part (a later part's frame is often the
    next sentence's, about someone else), unless a part's own sentence goes on to name
    its speaker ('"It never crossed my mind," she said')."""
    runs: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        runs.setdefault(span.run_head if span.run_head >= 0 else span.open_mark, []).append(span)
    for parts in runs.values():
        attributed = next((p for p in parts if p.speaker is not None), None)
        if len(parts) < 2 or attributed is None:
            continue
        for p in parts:
            if p.speaker is not None and context.text[p.start : p.end].rstrip().endswith(OPEN_ENDINGS):
                continue
            if p is attributed:
                continue
            p.speaker, p.cue, p.cue_at = attributed.speaker, attributed.cue, attributed.cue_at
            p.speaker_head, p.how, p.carries = attributed.speaker_head, "carried", attributed


def carry_speakers(context: QuoteContext, spans: list[QuoteSpan]) -> None:
    """Quoted sentences following an attributed quote in the same paragraph, or a
    paragraph that is nothing but a quotation right after one, keep its speaker."""
    text = context.text
    previous: QuoteSpan | None = None
    for span in spans:
        if span.kind == "direct" and span.speaker is None and previous is not None and previous.speaker is not None:
            previous_paragraph = context.paragraph_of(previous.end)
            para_start, para_end = context.bounds[span.paragraph]
            # nothing but quotation in the paragraph (one quotation, or several in a row)
            whole_paragraph = text[para_start : span.open_mark].strip(" *_") == "" and all(
                context.quoted[c] or not text[c].isalnum() for c in range(span.open_mark, para_end)
            )
            # (a paragraph of quotation after one that ends in a quoted fragment continues it:
            # 'Lord Falconer said he was one of the "great advocates of our generation".')
            _, previous_end = context.bounds[previous_paragraph]
            after_previous = text[
                (previous.close_mark if previous.close_mark >= 0 else previous.end) + 1 : previous_end
            ]
            ends_paragraph = after_previous.strip(" .,;!?*_\"'”’") == ""
            follows = (
                span.paragraph - previous_paragraph == 1
                and whole_paragraph
                and (previous.kind == "direct" or ends_paragraph)
            )
            if previous_paragraph == span.paragraph or follows:
                span.speaker, span.speaker_head = previous.speaker, previous.speaker_head
                span.cue = previous.cue
                span.how, span.carries = "carried", previous
        if span.speaker is not None:
            previous = span


def introduced_paragraphs(context: QuoteContext, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """A paragraph a cue and a colon introduce, set out without quote marks ("The governor
    added:" then the governor's words as a paragraph of their own): the speaker's words."""
    text = context.text
    taken = {q.paragraph for q in quotes} | {context.paragraph_of(q.start) for q in quotes}
    found = []
    for number in range(len(context.bounds) - 1):
        start, end = context.bounds[number]
        if not text[start:end].rstrip(" *_").endswith(":") or number + 1 in taken:
            continue
        last = context.token_at(end - 1)
        if last is None:
            continue
        sent_start, sent_end = context.sentence_bounds(last, start, end)
        cue = find_cue(context, sent_start, sent_end, end)
        if cue is None or context.is_quoted(cue):
            continue
        next_start, next_end = context.bounds[number + 1]
        words = text[next_start:next_end]
        if any(mark in words for mark in QUOTE_MARKS) or len(words.split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        span = QuoteSpan(next_start, next_end, next_start, next_end, number + 1)
        span.cue, span.cue_at = cue_text(cue), cue.i
        found_speaker = find_speaker(context, cue, sent_start, sent_end)
        if found_speaker is None:
            continue
        set_speaker(span, *found_speaker)
        context.mark_quoted(next_start, next_end + 1)
        found.append(span)
    return found


def reporting_subject_before(context: QuoteContext, start: int, end: int) -> Token | None:
    """The named subject of the last sentence in [start, end), outside quote marks, whose main verb
    reports speech with no content of its own ("Dave Prentis criticised the plans."), when that
    sentence ends right before `end`."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not span.text.strip():
        return None
    words = [t for t in span if not t.is_space and not t.is_punct]
    if not words:
        return None
    last = words[-1].sent
    if last.start_char < start:
        return None  # the sentence began before: its subject may be anyone's
    if context.text[last.end_char : end].strip(" \n\"“”'‘’"):
        return None
    root = last.root
    if root.pos_ != "VERB" or context.is_quoted(root) or not (is_reporting(root) or is_content_cue(root)):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") or c.is_quote for c in root.children):
        return None  # it reports words of its own
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ in ("PERSON", "ORG") or is_name(subject)):
        return None
    return subject


def attribute_to_sentence_before(context: QuoteContext, quote: QuoteSpan, since: int) -> bool:
    """'Dave Prentis criticised the plans. "If you want …"': a quotation after a sentence of its
    paragraph (from `since` on) that says who spoke, though it reports no words of its own, is that
    subject's. True when it was given them."""
    para_start, _ = context.bounds[quote.paragraph]
    critic = reporting_subject_before(context, max(para_start, since), quote.open_mark)
    if critic is None:
        return False
    set_speaker(quote, critic, "sentence-before")
    quote.cue, quote.carries = critic.head.text, None
    return True


def introducing_sentence(context: QuoteContext, quote: QuoteSpan) -> CharSpan | None:
    """The sentence that ends in a colon right before a quotation (in its paragraph, or closing
    the paragraph before when the quotation opens its own), or None."""
    text = context.text
    para_start, _ = context.bounds[quote.paragraph]
    if text[para_start : quote.open_mark].rstrip(FRAME_EDGES).endswith(":"):
        end = quote.open_mark
    elif quote.paragraph > 0 and not text[para_start : quote.open_mark].strip(FRAME_EDGES):
        para_start, end = context.bounds[quote.paragraph - 1]
        if not text[para_start:end].rstrip(FRAME_EDGES).endswith(":"):
            return None
    else:
        return None
    last = context.token_at(text.rindex(":", para_start, end))
    if last is None:
        return None
    return context.sentence_bounds(last, para_start, end)[0], end


def owner_of_introduced(context: QuoteContext, quote: QuoteSpan) -> tuple[Token, Token] | None:
    """Who a sentence ending in a colon says the quotation after it is of, through a noun of words
    said with no reporting verb, and that noun: "Sanders made the following comment:" (the subject
    of a verb of giving words out whose object the noun is), "how the website rated this statement
    by Trump on June 11:" (by or from whom), "Trump's response:" (whose). Words someone received or
    heard ("Sanders received the following message:") are not theirs."""
    frame = introducing_sentence(context, quote)
    if frame is None:
        return None

    def owner(token: Token | None) -> Token | None:
        # a name, a pronoun or a role ("the senator", resolved later), a role's apposed name first
        if token is None:
            return None
        if token.ent_type_ in ("PERSON", "ORG") or is_name(token) or token.lower_ in PERSON_PRONOUN_FORMS:
            return token
        if token.pos_ == "NOUN" and is_agent_noun((token.lemma_ or token.lower_).lower()):
            return apposed_name(token) or token
        return None

    noun = next(
        (
            t
            for t in reversed(list(context.tokens_in(*frame)))
            if t.pos_ == "NOUN" and not context.is_quoted(t) and (t.lemma_ or t.lower_).lower() in INTRODUCING_NOUNS
        ),
        None,
    )
    if noun is None:
        return None  # (only the noun nearest the colon is the one it introduces)
    # (the parse may hang "by Trump" on the verb: "rated this statement by Trump")
    after = [noun.nbor(1)] if noun.i + 1 < len(noun.doc) else []
    for child in [*noun.children, *after]:
        if child.dep_ == "poss" and (found := owner(child)) is not None:
            return found, noun
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            found = owner(next((c for c in child.children if c.dep_ == "pobj"), None))
            if found is not None:
                return found, noun
    if noun.dep_ == "dobj" and (noun.head.lemma_ or noun.head.lower_).lower() in GIVING_OUT_VERBS:
        found = owner(next((c for c in noun.head.children if c.dep_ == "nsubj"), None))
        if found is not None:
            return found, noun
    return None


def attribute_introduced(context: QuoteContext, quote: QuoteSpan) -> bool:
    """A quotation a sentence ending in a colon introduces with a noun of words said ("Sanders made
    the following comment:") is the owner's. True when it was given them."""
    found = owner_of_introduced(context, quote)
    if found is None:
        return False
    owner, noun = found
    set_speaker(quote, owner, "sentence-before")
    quote.cue, quote.carries = noun.text, None
    return True


def attribute_between(context: QuoteContext, quotes: list[QuoteSpan]) -> None:
    """A quotation standing as a sentence of its own between two statements ('Mike Hobday said
    evidence … "Our evidence suggests …" BBC correspondent Simon Hall said …') continues the
    statement before it in its paragraph; opening its paragraph, the quote before it; else it
    takes the next sentence's speaker, less surely."""
    attributed = sorted((q for q in quotes if q.speaker is not None), key=lambda q: q.start)
    for quote in quotes:
        if quote.speaker is not None or quote.kind != "direct" or (quote.next_speaker < 0 and quote.cue):
            continue
        before = [q for q in attributed if q.end <= quote.start]
        previous = before[-1] if before else None
        para_start, _ = context.bounds[quote.paragraph]
        if attribute_introduced(context, quote):
            continue
        if attribute_to_sentence_before(context, quote, previous.end if previous is not None else 0):
            continue
        if previous is not None:
            same = context.paragraph_of(previous.start) == quote.paragraph
            opens = context.text[para_start : quote.open_mark].strip(" *_") == ""
            if same or (opens and context.paragraph_of(previous.end) == quote.paragraph - 1):
                quote.speaker, quote.speaker_head = previous.speaker, previous.speaker_head
                quote.cue, quote.how, quote.carries = previous.cue, "carried", previous
                continue
        if quote.next_speaker >= 0:
            set_speaker(quote, context.doc[quote.next_speaker], "next")
