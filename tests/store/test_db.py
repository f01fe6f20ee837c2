import pytest

from newsledger.models import Annotated, Document, LogEntry, Mention, Section, Sentence, Status, content_hash
from newsledger.store.db import Store

from ..helpers import write_annotated


def _doc(text: str) -> Annotated:
    doc_id = content_hash(text)
    doc = Document(doc_id=doc_id, source="a.txt", fmt="txt", text=text,
                   sections=[Section("body", 0, len(text))], language="en", input_id="in-" + doc_id[:6])
    return Annotated(doc, [Sentence(doc_id, 0, 0, len(text), "body", text)],
                     [Mention(doc_id, 0, 0, 4, text[:4], "ORG", 0)])


def test_write_is_idempotent(fresh_store: Store) -> None:
    a = _doc("NATO ministers met in Brussels on Tuesday.")
    log = LogEntry(a.document.input_id, "a.txt", "txt", Status.STORED, doc_id=a.document.doc_id)
    for _ in range(2):
        write_annotated(fresh_store, [a], [log], "run1")
    counts = {t: fresh_store.scalar(f"SELECT count(*) FROM {t}")
              for t in ("documents", "sentences", "mentions", "ingest_log")}
    assert counts == {"documents": 1, "sentences": 1, "mentions": 1, "ingest_log": 1}
    assert fresh_store.known_inputs([a.document.input_id, "other"]) == {a.document.input_id}
    assert fresh_store.existing_docs([a.document.doc_id]) == {a.document.doc_id}


def test_failed_batch_leaves_nothing_half_written(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _doc("The OSCE Minsk Group co-chairs issued a statement.")
    write_annotated(fresh_store, [good], [], "run1")
    bad = _doc("Baku and Yerevan exchanged accusations.")
    bad.sentences[0].text = None  # type: ignore[assignment]  # violates NOT NULL mid-transaction
    with pytest.raises(Exception, match="NOT NULL"):
        write_annotated(fresh_store, [bad], [], "run1")
    assert fresh_store.scalar("SELECT count(*) FROM documents") == 1
    assert fresh_store.scalar("SELECT count(*) FROM mentions") == 1
