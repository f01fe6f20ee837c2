"""The pipeline as a list of stages: each reads only what earlier ones added; dedup logs in read order."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsledger.config import Config
from newsledger.models import LogEntry, RawInput, Status
from newsledger.pipeline.stages import Annotate, Batch, Dedup, Prepare, pipeline
from newsledger.store.db import write_schemas
from newsledger.store.settle import DUPLICATE_REASON

TEXT = ("Kenyan police arrested 40 opposition supporters in Kisumu on Tuesday, a police spokesman said, "
        "after protests over the election result turned violent.\n")


def test_each_stage_reads_what_earlier_stages_added(config: Config) -> None:
    stages = pipeline(config, write_schemas(), "run")
    available = {"items", "seen"}  # what a shard's batch starts with
    for stage in stages:
        assert set(stage.reads) <= available, f"{stage.name} reads {set(stage.reads) - available} before it exists"
        available |= set(stage.adds)
    assert available <= {f.name for f in fields(Batch)}
    assert len({s.name for s in stages}) == len(stages) and stages[-1].adds == ("tables",)


def test_dedup_logs_every_input_in_read_order_and_parses_each_text_once(config: Config) -> None:
    refused = LogEntry("x", "crawl/notes.pdf", "pdf", Status.SKIPPED, "not an article format")
    items = [RawInput("a.txt", "txt", TEXT.encode()), refused, RawInput("b.txt", "txt", TEXT.encode()),
             RawInput("junk.txt", "txt", b"\x00\x01\x02" * 50)]
    seen: set[str] = set()
    batch = Dedup().run(Prepare(config.ingest).run(Batch(items, seen)))
    assert [(e.source, e.status) for e in batch.logs] == [
        ("crawl/notes.pdf", Status.SKIPPED), ("a.txt", Status.STORED), ("b.txt", Status.DUPLICATE),
        ("junk.txt", Status.SKIPPED)]
    assert batch.logs[2].reason == DUPLICATE_REASON and batch.logs[2].doc_id == batch.logs[1].doc_id
    assert [d.source for d in batch.documents] == ["a.txt"] and seen == {batch.logs[1].doc_id}
    # The next batch of the same shard shares ``seen``: the text is a duplicate there too.
    again = Dedup().run(Prepare(config.ingest).run(Batch([RawInput("c.txt", "txt", TEXT.encode())], seen)))
    assert [e.status for e in again.logs] == [Status.DUPLICATE] and not again.documents


def test_a_text_that_breaks_an_extractor_is_stored_unanalysed_and_the_rest_of_the_batch_is_kept(
        config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsledger.pipeline.annotate as annotate

    real = annotate.find_events

    def brittle(sdoc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Mombasa" in sdoc.text:  # stands for any text a component cannot handle
            raise IndexError("span out of range")
        return real(sdoc, *args, **kwargs)

    monkeypatch.setattr(annotate, "find_events", brittle)
    other = TEXT.replace("Kisumu", "Mombasa").replace("40", "12")
    items = [RawInput("a.txt", "txt", TEXT.encode()), RawInput("b.txt", "txt", other.encode())]
    batch = Annotate(config.annotate, batch_size=16).run(Dedup().run(Prepare(config.ingest).run(Batch(items, set()))))
    assert [a.document.source for a in batch.annotated] == ["a.txt", "b.txt"]
    kept, broken = batch.annotated
    assert kept.events and kept.mentions  # the good article keeps everything found in it
    assert not broken.events and not broken.sentences
    assert [e.status for e in batch.logs] == [Status.STORED, Status.STORED]
    assert batch.logs[0].reason == ""
    assert batch.logs[1].reason == "not analysed: IndexError: span out of range"
