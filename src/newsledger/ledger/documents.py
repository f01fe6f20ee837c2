"""Documents: the list, one document, what was extracted from it, search, duplicates."""

from __future__ import annotations

import json

from newsledger.answers.documents import Annotations, Document, DocumentRow, Duplicate, SearchHit
from newsledger.ledger.base import LedgerBase, records
from newsledger.store import actors, documents, duplicates, events, quotes
from newsledger.store.search import search as search_documents


class DocumentQueries(LedgerBase):
    def documents(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                  language: str | None = None) -> list[DocumentRow]:
        """Documents, oldest first (undated last); ``outlet`` matches case-insensitively."""
        return records(DocumentRow, documents.listing(self.store, limit, offset, outlet, language))

    def document(self, doc_id: str) -> Document:
        """One document with its metadata, sections, sentences and entity mentions."""
        full = self.resolve_doc_id(doc_id)
        doc = documents.one(self.store, full)
        assert doc is not None  # the id was just found
        doc["sections"] = [dict(zip(("kind", "start", "end"), s, strict=True)) for s in json.loads(doc["sections"])]
        doc["sentences"] = documents.sentences(self.store, full)
        doc["mentions"] = documents.mentions(self.store, full)
        return Document.model_validate(doc)

    def annotations(self, doc_id: str) -> Annotations:
        """What was extracted from one article, with spans, so a reader can see each fact in place.

        Each event carries its rule, actors, date and place, and the other articles and outlets
        that report the same merged event; each quote the other articles that carry its words.
        """
        full = self.resolve_doc_id(doc_id)
        found = events.in_document(self.store, full)
        others = events.other_reports(self.store, full)
        canonical = actors.canonical(self.store, sorted({i for e in found
                                                         for i in (e["source_ids"] or []) + (e["target_ids"] or [])}))
        for event in found:
            for role in ("source_ids", "target_ids"):  # the actors across documents, as the actor pages know them
                event[role] = [canonical.get(i, i) for i in event[role] or []]
            event["other_reports"] = [{k: o[k] for k in ("doc_id", "outlet", "title", "published")}
                                      for o in others if o["merged_id"] == event["merged_id"]]
        return Annotations.model_validate({"doc_id": full, "events": found,
                                           "quotes": quotes.in_document(self.store, full),
                                           "actors": actors.in_document(self.store, full)})

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Documents whose title or text holds every word of ``query``, newest first, each with a snippet."""
        return records(SearchHit, search_documents(self.store, query, limit, offset))

    def duplicates(self) -> list[Duplicate]:
        """Exact and near-duplicate inputs, each with the document it repeats."""
        return records(Duplicate, duplicates.listing(self.store))
