"""Find every statement in an article body and the span of the name it is attributed to.

Rules over quote-mark pairing (done on characters, so the tokenizer cannot hide a mark)
and spaCy's dependency parse. Three kinds come out:

- ``direct``: a quotation that stands as its own sentence(s), attributed through the
  reporting verb in the text around it (``"…," X said`` · ``X said: "…"`` · ``He added, "…"``).
  A quotation may run over several paragraphs (a paragraph that opens a quote without closing
  it, followed by one that opens again): it is kept as one quote per paragraph, all with its
  speaker. One that never closes is kept to the paragraph end.
- ``partial``: quoted words inside a sentence of the writer's, attributed through the
  sentence's reporting verb (``Kirby said Zelensky "will tell you…"``). When the reporting
  verb's clause holds the fragment, the whole clause is the statement.
- ``indirect``: reported speech without quote marks, the clause a speech verb governs
  (``X told Fox News that …``, ``X warned that …``, ``X called on Ukraine to …``,
  ``…, according to X``, ``The museum, X said, celebrated …``), a noun phrase after
  ``called``/``proposed`` (``X called the charges baseless``, ``X called for a moratorium``),
  or a headline's ``Name: words``. Transcript lines (``PENCE: Well, …``) are ``direct``.

An institution's statement voiced by a person the same sentence names ("The White House said
it sees 'no indication' …, as John Kirby put it") belongs to the person; the writer's own
frame ("…, TURAN's Washington correspondent reports") is never a speaker.

Speakers: the cue's subject; a role with a name beside it gives the name ("her aide, Huma
Abedin,"); a document, poll or dataset speaks as itself ("the report says"). Refusals ("would
not say whether"), negated and hypothetical cues ("did not promise", "could argue") and a cue
inside another's content ("says it is time for X to say sorry") report no statement; the cue
keeps its negation ("did not deny"). Pronoun and nominal speakers ("he said", "the senior NSC
official added") are resolved to the name they stand for, agreeing with what the article says
of the person (honorific, first name, earlier pronouns) and never to a listener. Each quote
records how its speaker was found and how sure that is (`evidence`).

The modules, in the order `extract.extract_quotes` runs them: `marks` (pairing and balancing
on plain text), `transcript` (labels and headlines), `direct`, `cues`, `speakers`, `indirect`,
`resolve` (with `referents`, what the article says of each person); `context` holds the
article state they share, `span` the quote being built and `evidence` the confidences.
"""

from index.lexicon import REPORTING_VERBS
from index.quotes.extract import extract_quotes

__all__ = ["REPORTING_VERBS", "extract_quotes"]
