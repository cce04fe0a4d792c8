"""Who an article names (one LocalActor per real-world entity) and one actor across the library.

Two steps, so that library-wide linking never needs to re-parse:

* `local_actors(doc)` (`local`, with `roles` and `clusters`) clusters the spaCy entity
  mentions of one parsed article into local actors, correcting what the small English model
  gets wrong most often in news; `attach_speakers` (`attach`) then ties each quote's speaker
  to the local actor it names.
* `resolve_actors(entries, aliases)` (`resolve`) merges the local actors of all articles into
  library actors.

Neither step loads spaCy itself: they read the Docs ingest gives them.
"""

from index.actors.attach import attach_speakers
from index.actors.local import local_actors
from index.actors.mentions import GROUP, ORG, PERSON, PLACE
from index.actors.resolve import ActorEntry, Resolution, resolve_actors
from index.addresses import DOMAIN, address_kind, doc_address_spans, looks_like_address
from index.document import doc_text
from index.places import is_known_place

__all__ = [
    "DOMAIN",
    "GROUP",
    "ORG",
    "PERSON",
    "PLACE",
    "ActorEntry",
    "Resolution",
    "address_kind",
    "attach_speakers",
    "doc_address_spans",
    "doc_text",
    "is_known_place",
    "local_actors",
    "looks_like_address",
    "resolve_actors",
]
