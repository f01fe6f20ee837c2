"""The event case file (tests/data/event_cases.jsonl): sentence -> expected coding, as PETRARCH's
validation records, written by us. Each expected event must be found with its type, and its source, target,
mode and modality when given (a name containing the expected one), the words its trigger shows when given
("shown", contained in it), and the rule that decided it when given (its start: "verb:move" where the learned
typer might also find the event); a case marked "none" must yield no asserted event, and no event may come from
a rule a case lists as "absent" (a future or negated event "none" lets pass: "absent": ["commitment:"]). Cases
the coder does not yet get right carry a "gap" saying why; they are expected failures (strict: one that starts
passing fails until its gap is removed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.config import Config
from newsledger.folding import fold
from newsledger.models import Event
from tests.helpers import annotate_text

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "event_cases.jsonl").read_text(
    "utf-8").splitlines() if line.strip()]


def _names(names: list[str], want: str) -> bool:
    """A name or actor id containing the expected one, accents folded ("Erdogan" in "Erdoğan", "TUR" in
    "state:TUR")."""
    return any(fold(want) in fold(n) for n in names)


def _fits(event: Event, want: dict[str, Any]) -> bool:
    return (event.event_type == want["type"] and event.negated == want.get("negated", False)
            and event.modality == want.get("modality", event.modality) and event.mode == want.get("mode", event.mode)
            and event.rule.startswith(want.get("rule", "")) and want.get("shown", "") in event.trigger
            and ("source" not in want or _names(event.source_names + event.source_ids, want["source"]))
            and ("target" not in want or _names(event.target_names + event.target_ids, want["target"])))


@pytest.mark.model
@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["gap"], strict=True)]
                                               if c.get("gap") else []) for c in CASES])
def test_case(case: dict[str, Any], config: Config) -> None:
    record = json.dumps({"text": case["text"], "published": case.get("published")})
    events = annotate_text(record, config, fmt="json").events
    coded = [(e.event_type, e.source_names, e.target_names, e.negated, e.rule) for e in events]
    if case.get("none"):
        assert not [e for e in events if not e.negated and e.modality in ("asserted", "reported")], coded
    for want in case.get("expect", []):
        assert any(_fits(e, want) for e in events), (want, coded)
    for rule in case.get("absent", []):
        assert not [e for e in events if e.rule.startswith(rule)], (rule, coded)
