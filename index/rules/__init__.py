"""Names and speakers by surface rules, for when no statistical English model is installed.

The blank spaCy pipeline has a tokenizer and a sentencizer and nothing else: no entities, no
part-of-speech tags, no lemmas, no parse. Two things stand in for the model here:

* the `quotedesk_rules` component (`RULES_COMPONENT`, in `components`) sets `doc.ents` by the
  rules of `entities`, then tags the tokens the quote extractor reads when there is no parse
  (`tags`): reporting verbs get their lemma and a verb tag, name words the PROPN tag. With
  that, `extract_quotes` finds cues and nearby names on its own.
* `attribute_without_parse(doc, quotes)` (`attribution`) gives a speaker to the quotes still
  without a named person, by surface patterns around the quotation in its paragraph;
  `extract_quotes` runs it itself on a doc without a parse.

Importing this package registers both components with spaCy.
"""

from index.rules.attribution import attribute_without_parse
from index.rules.components import RULES_COMPONENT, TOKEN_REPAIR_COMPONENT
from index.rules.words import REPORTING_FORMS

__all__ = ["REPORTING_FORMS", "RULES_COMPONENT", "TOKEN_REPAIR_COMPONENT", "attribute_without_parse"]
