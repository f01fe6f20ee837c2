"""PLOVER event ontology: types, quad classes, CAMEO root codes, modes and scores.

The knowledge is data (``data/plover.toml``, from the PLOVER manual in ``../shared/reference``);
this module loads and checks it once, and checks other files' type and mode names against it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsledger.errors import KnowledgeError


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: int
    cameo: str
    score: float
    modes: dict[str, float]
    cameo_by_mode: dict[str, str] = field(default_factory=dict)
    cameo_promised: str | None = None


@cache
def ontology() -> dict[str, Any]:
    """The raw ontology file, parsed."""
    return tomllib.loads(resources.files("newsledger").joinpath("data/plover.toml").read_text("utf-8"))


def _load_types() -> dict[str, EventType]:
    data = ontology()
    quads = {int(k) for k in data["quads"]}
    types: dict[str, EventType] = {}
    for name, spec in data["types"].items():
        if spec["quad"] not in quads or not (isinstance(spec["cameo"], str) and len(spec["cameo"]) == 2):
            raise KnowledgeError(f"plover.toml: type {name} has a bad quad or CAMEO root")
        modes = {str(k): float(v) for k, v in spec.get("modes", {}).items()}
        by_mode = dict(spec.get("cameo_by_mode", {}))
        if lacking := set(by_mode) - set(modes):
            raise KnowledgeError(f"plover.toml: type {name} refines CAMEO by modes it lacks: {sorted(lacking)}")
        promised = spec.get("cameo_promised")
        if promised is not None and not (isinstance(promised, str) and len(promised) == 2):
            raise KnowledgeError(f"plover.toml: type {name} has a bad CAMEO root for its promise")
        types[name] = EventType(name, int(spec["quad"]), spec["cameo"], float(spec["score"]), modes, by_mode, promised)
    return types


EVENT_TYPES: dict[str, EventType] = _load_types()
QUADS: dict[int, str] = {int(k): v for k, v in ontology()["quads"].items()}


def describe() -> dict[str, Any]:
    """The ontology as the web UI reads it (``/api/ontology``): quad names and each type's quad,
    CAMEO root, score and modes, in the manual's order, so the page never repeats them."""
    return {"quads": {str(k): v for k, v in QUADS.items()},
            "types": {t.name: {"quad": t.quad, "cameo": t.cameo, "score": t.score, "modes": t.modes}
                      for t in EVENT_TYPES.values()}}


def check_coding(event_type: str, mode: str | None, where: str) -> None:
    """Raise ``KnowledgeError`` unless ``event_type`` and ``mode`` exist in the ontology."""
    known = EVENT_TYPES.get(event_type)
    if known is None:
        raise KnowledgeError(f"{where}: unknown PLOVER type {event_type!r}")
    if mode is not None and mode not in known.modes:
        raise KnowledgeError(f"{where}: {event_type} has no mode {mode!r} (modes: {', '.join(known.modes) or 'none'})")


def cameo(event_type: str, mode: str | None, promised: bool = False) -> str:
    """The nearest CAMEO root of a type, refined by its mode; a promised act has its own where CAMEO
    codes the intent apart from the act (a promised concession is 035, "express intent to yield")."""
    t = EVENT_TYPES[event_type]
    if promised and t.cameo_promised is not None:
        return t.cameo_promised
    return t.cameo_by_mode.get(mode or "", t.cameo)


def score(event_type: str, mode: str | None) -> float:
    """PLOVER score of a type, refined by its mode when the manual gives one."""
    t = EVENT_TYPES[event_type]
    return t.modes.get(mode or "", t.score)
