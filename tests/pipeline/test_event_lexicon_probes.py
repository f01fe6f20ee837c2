"""The lexicon probes (tests/data/event_lexicon_probes.jsonl): one sentence we wrote per word or phrase
news uses for each PLOVER type, and hard negatives using such words for no event. Each probe must be
coded with its type (a negative: with no asserted or reported event); a probe marked ``known_gap`` is
skipped with its reason. All probes run through one batched pipeline call per module
(bench/lexicon_probes.py prints the failures)."""

from __future__ import annotations

from typing import Any

import pytest

from bench.lexicon_probes import Verdict, code_probes, load_probes
from newsledger.config import Config
from newsledger.pipeline.ontology import EVENT_TYPES, check_coding

PROBES = load_probes()


@pytest.fixture(scope="module")
def verdicts(config: Config, nlp: object) -> list[Verdict]:
    return code_probes(PROBES, config)


@pytest.mark.model
@pytest.mark.parametrize("n", [
    pytest.param(n, id=f"{p['type'] or 'NONE'}-{p['trigger']}",
                 marks=[pytest.mark.skip(reason=p["known_gap"])] if p.get("known_gap") else [])
    for n, p in enumerate(PROBES)])
def test_probe(n: int, verdicts: list[Verdict]) -> None:
    verdict = verdicts[n]
    probe: dict[str, Any] = verdict.probe
    assert verdict.ok, (verdict.kind, probe["type"], probe["text"], verdict.coded)


def test_probes_cover_every_type_with_valid_codings() -> None:
    """Every PLOVER type has probes and negatives exist (coverage by design, not by a set's errors), and each
    probe's type and mode is one the ontology knows, so a typo cannot make a probe test nothing."""
    for p in PROBES:
        if p["type"] is not None:
            check_coding(p["type"], p.get("mode"), f"probe {p['trigger']!r}")
    assert set(EVENT_TYPES) | {None} == {p["type"] for p in PROBES}
