"""The cross-article stage's run: the knowledge base loaded ahead of it while workers parse."""

from __future__ import annotations

import threading

import pytest

from newsledger.errors import KnowledgeError
from newsledger.resolve import run as stage


def test_a_broken_knowledge_file_is_left_to_the_stage_to_report(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def broken() -> None:
        calls.append("load")
        raise KnowledgeError("data/actors/heads.jsonl:3: not JSON (Expecting value)")

    unhandled: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(stage, "load_knowledge", broken)
    monkeypatch.setattr(threading, "excepthook", unhandled.append)
    stage.load_in_background().join()
    assert calls == ["load"] and unhandled == []


def test_the_knowledge_base_is_loaded_once_the_thread_is_joined() -> None:
    stage.load_knowledge.cache_clear()
    stage.load_in_background().join()
    assert stage.load_knowledge.cache_info().currsize == 1  # the stage's own call then finds it loaded
