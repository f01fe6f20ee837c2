"""Word search over articles: an index of each document's distinct words, kept in DuckDB.

DuckDB's full-text extension cannot be installed offline, and a substring scan of every
article's text grows with the corpus (58 ms a query at 9,000 articles, most of a request's
cost under load). The index is one row per (word, document), filled for new documents by
the resolve step and sorted by word, so a look-up reads a few row groups. A query matches
the documents holding every one of its words (whole words, case-insensitive).
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.store.db import Store

# Words are runs of letters and digits, the same in DuckDB's RE2 (\p{L}\p{N}) and Python
# ([^\W_]: str.isalnum, i.e. the Unicode letter and number categories).
_SPLIT_SQL = r"[^\p{L}\p{N}]+"
_WORD = re.compile(r"[^\W_]+")

# The documents holding every word; parameters: the words (a list) and how many there are.
DOCS_WITH_WORDS = ("(SELECT doc_id FROM doc_terms WHERE term IN (SELECT unnest(?::VARCHAR[])) "
                   "GROUP BY doc_id HAVING count(DISTINCT term) = ?)")


def query_words(query: str) -> list[str]:
    """The distinct lowercased words of a query, in order; punctuation and wildcards are not words."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))


def index_documents(store: Store) -> int:
    """Add the words of documents not yet indexed; returns how many documents were added."""
    todo = store.scalar("SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT DISTINCT doc_id FROM doc_terms)")
    if todo:
        store.execute(
            "INSERT INTO doc_terms SELECT DISTINCT term, doc_id FROM (SELECT doc_id, unnest(regexp_split_to_array("
            "lower(coalesce(title, '') || ' ' || text), ?)) AS term FROM documents "
            "WHERE doc_id NOT IN (SELECT DISTINCT doc_id FROM doc_terms)) WHERE term <> '' ORDER BY term",
            [_SPLIT_SQL])
    return int(todo)


def search(store: Store, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Documents whose title or text holds every word of ``query``, newest first, each with a snippet."""
    words = query_words(query)
    if not words:
        return []
    return store.query(
        "WITH page AS (SELECT d.doc_id, d.title, d.outlet, d.published FROM documents d "
        f"WHERE d.doc_id IN {DOCS_WITH_WORDS} ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?) "
        "SELECT p.*, substr(t.text, greatest(1, instr(lower(t.text), ?) - 80), 240) AS snippet "
        "FROM page p JOIN documents t USING (doc_id) ORDER BY p.published DESC NULLS LAST, p.doc_id",
        [words, len(words), limit, offset, words[0]])
