"""One exception tree for newsledger.

    NewsledgerError
    ├── ConfigError        bad configuration or usage; raised at the edge, before work starts
    ├── ModelNotFoundError the configured spaCy pipeline is not installed (says how to get it)
    ├── MissingDependencyError an optional extra (ray) is not installed (names the pip extra)
    ├── KnowledgeError     a knowledge file (ontology, frames, agents, actor base, model) is invalid
    └── StoreError         the DuckDB store cannot be opened or queried as asked
        ├── StoreBusyError another process holds the store (says which, and what to do)
        ├── NotFoundError  nothing in the store has that id or name
        └── AmbiguousError an id prefix or name fits several things

A bad *document* is never an exception that escapes a stage: it becomes an ingest-log row
with a status and a reason, and the batch goes on.
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class for every error newsledger raises on purpose."""


class ConfigError(NewsledgerError):
    """Invalid configuration value, unknown option, or wrong command usage."""


class ModelNotFoundError(NewsledgerError, ImportError):
    """The spaCy pipeline named in the configuration cannot be loaded."""


class MissingDependencyError(NewsledgerError, ImportError):
    """An optional dependency is missing; the message names the ``pip install 'newsledger[...]'`` that adds it."""


class KnowledgeError(NewsledgerError, ValueError):
    """A knowledge data file or a trained model does not validate; the message names the file and entry."""


class StoreError(NewsledgerError):
    """The store is missing, locked, or was asked for something it does not hold."""


class StoreBusyError(StoreError):
    """Another process has the store open in a way that excludes this one (HTTP 503: retry later)."""


class NotFoundError(StoreError):
    """Nothing in the store has the id or name asked for (HTTP 404)."""


class AmbiguousError(StoreError):
    """An id prefix or name fits several things: the caller must say more (HTTP 400)."""
