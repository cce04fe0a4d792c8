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

Pronoun and nominal speakers ("he said", "the senior NSC official added") are resolved to
the name mention they stand for: the previous quote's speaker when the quotes follow on,
else the most recent named person (or organisation, for "the ministry said") before it.

The modules, in the order `extract.extract_quotes` runs them: `marks` (pairing and balancing
on plain text), `transcript`, `direct`, `cues`, `speakers`, `indirect`, `resolve`; `context`
holds the article state they share and `span` the quote being built.
"""

from index.lexicon import REPORTING_VERBS
from index.quotes.extract import extract_quotes

__all__ = ["REPORTING_VERBS", "extract_quotes"]
