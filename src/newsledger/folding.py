"""How names are folded for comparison: without accents, and in lower case.

One place for it, used by the knowledge base's keys, the gazetteer's accent-free city names
and the cross-document actor merging, which must all fold a name the same way.
"""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """The text without its accents: "Erdoğan" -> "Erdogan", "São Paulo" -> "Sao Paulo"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(name: str) -> str:
    """Lower case without accents, the dotless i as i: "Erdoğan" -> "erdogan"."""
    return unaccented(name.lower()).replace("ı", "i")
