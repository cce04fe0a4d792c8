"""The two spaCy components of the no-model pipeline: token-edge repair, and the rules themselves."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from index.rules.entities import EntityTagger
from index.rules.tags import tag_tokens

RULES_COMPONENT = "quotedesk_rules"
TOKEN_REPAIR_COMPONENT = "quotedesk_token_repair"


@Language.component(TOKEN_REPAIR_COMPONENT)
def repair_token_edges(doc: Doc) -> Doc:
    """The same words, rebuilt, when the tokenizer left a token's tree edges unset.

    spaCy 3.8's tokenizer leaves the left/right edge of a punctuation token after a no-break
    space ("ceremony\u00a0— but") pointing at the start of the text. A parser resets them; without
    one, walking that token's children (as the quote extractor does) crashes the interpreter.
    """
    if all(token.left_edge.i == token.i == token.right_edge.i for token in doc):
        return doc
    rebuilt = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    # nlp.pipe(..., as_tuples=True) carries each text's context on the Doc itself.
    rebuilt._context = doc._context
    rebuilt.user_data.update(doc.user_data)
    return rebuilt


@Language.component(RULES_COMPONENT)
def rule_entities(doc: Doc) -> Doc:
    """Entities (`entities`) and the few token tags the extractor reads (`tags`), by rules."""
    EntityTagger(doc).run()
    tag_tokens(doc)
    return doc
