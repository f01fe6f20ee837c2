"""The response cache's budget and its guard against answers computed before an ingest."""

from __future__ import annotations

from newsledger.web.cache import ResponseCache


def test_least_recently_used_answers_leave_first_within_the_budget() -> None:
    cache = ResponseCache(max_bytes=800)
    for key in (b"a", b"b", b"c"):
        cache.put(key, cache.generation, 200, [], b"x" * 100)
    assert cache.get(b"a")  # a is now the most recently used
    for key in (b"d", b"e", b"f", b"g", b"h", b"i"):
        cache.put(key, cache.generation, 200, [], b"x" * 100)
    assert cache.get(b"a") and cache.get(b"b") is None and cache.get(b"i")
    cache.put(b"huge", cache.generation, 200, [], b"x" * 101)  # over an eighth of the budget
    assert cache.get(b"huge") is None


def test_an_answer_computed_before_a_clear_is_not_kept() -> None:
    cache = ResponseCache()
    started = cache.generation
    cache.clear()  # an ingest finished while the answer was being computed
    cache.put(b"/api/summary?", started, 200, [], b"{}")
    assert cache.get(b"/api/summary?") is None
    cache.put(b"/api/summary?", cache.generation, 200, [], b"{}")
    assert cache.get(b"/api/summary?") == (200, [], b"{}")
