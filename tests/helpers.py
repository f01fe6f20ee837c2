"""Test helpers shared across modules."""

from __future__ import annotations

from newsledger.config import Config
from newsledger.models import Annotated, Document, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare


def annotate_text(text: str, config: Config, fmt: str = "txt") -> Annotated:
    """Run prepare and annotate (actors, quotes, claims, events) on one article.

    ``fmt="json"`` reads ``text`` as a JSON record, so a test can give a publication date.
    """
    if fmt == "json":
        from newsledger.pipeline.ingest.readers import read_json

        raw = next(iter(read_json("t.json", text.encode(), config.ingest)))
        assert isinstance(raw, RawInput)
    else:
        raw = RawInput(source="t.txt", fmt="txt", content=text.encode())
    doc = prepare(raw, config.ingest)
    assert isinstance(doc, Document)
    return annotate_batch([doc], config.annotate)[0]
