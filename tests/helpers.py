"""Test helpers shared across modules."""

from __future__ import annotations

from newsledger.config import Config
from newsledger.models import Annotated, Document, RawInput
from newsledger.pipeline.annotate import annotate_batch
from newsledger.pipeline.ingest.prepare import prepare


def annotate_text(text: str, config: Config) -> Annotated:
    """Run prepare and annotate (actors and quotes included) on one plain-text article."""
    doc = prepare(RawInput(source="t.txt", fmt="txt", content=text.encode()), config.ingest)
    assert isinstance(doc, Document)
    return annotate_batch([doc], config.annotate)[0]
