"""PLOVER event ontology: types, quad classes, CAMEO root codes, modes and scores.

From the PLOVER manual (``../shared/reference``): the summary table of event categories
gives the quad class (it places SANCTION under material conflict; the manual's separate quad
table lists it as verbal conflict, and we follow the category summary). Scores are the
manual's PLOVER conflict-cooperation scores per type and mode (-10..+10). CAMEO root codes
are the nearest CAMEO 2-digit root, for users comparing with GDELT.
"""

from __future__ import annotations

from dataclasses import dataclass

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: int
    cameo: str
    score: float
    modes: dict[str, float]


def _t(name: str, quad: int, cameo: str, score: float, **modes: float) -> EventType:
    return EventType(name, quad, cameo, score, {k.replace("_", "-"): v for k, v in modes.items()})


EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    _t("AGREE", 1, "03", 2.5),
    _t("CONSULT", 1, "04", 2.5, visit=4, third_party=1, multilateral=4, phone=1.5),
    _t("SUPPORT", 1, "05", 5),
    _t("CONCEDE", 1, "08", 4.5),
    _t("COOPERATE", 2, "06", 9.5),
    _t("AID", 2, "07", 10),
    _t("RETREAT", 2, "08", 6.5, withdraw=8, release=6.5, disarm=10, ceasefire=7.5, access=6.5, resign=4.5),
    _t("REQUEST", 3, "02", 0, assist=0.5, change=-1, yield_=-1, meet=0),
    _t("ACCUSE", 3, "11", -3, disapprove=-2, investigate=-3.5, allege=-3.5),
    _t("REJECT", 3, "12", -2, assist=-1.5, change=-2, yield_=-2, meet=-2),
    _t("THREATEN", 3, "13", -3.5, restrict=-3, arrest=-3.5, relations=-3.5, expel=-3.5, territory=-4,
       violence=-3.5),
    _t("PROTEST", 4, "14", -5, demo=-5, riot=-7, strike=-5, hunger=-4.5, boycott=-4.5, obstruct=-4.5),
    _t("SANCTION", 4, "16", -6, convict=-6, expel=-5.5, withdraw=-6, discontinue=-6),
    _t("MOBILIZE", 4, "15", -5.5, troops=-6.5, weapons=-6.5, police=-5.5, militia=-6),
    _t("COERCE", 4, "17", -7, seize=-7, restrict=-7, censor=-6.5, curfew=-6.5, martial_law=-7.5, arrest=-7,
       deport=-7, withhold=-7),
    _t("ASSAULT", 4, "18", -9, abduct=-8.5, beat=-7.5, targeted=-9.5, destroy=-8.5, firearms=-9,
       explosives=-9, aerial=-9.5, drone=-9.5, heavy_weapons=-9.5),
)}
# "yield" is a Python keyword; the manual's mode is "yield".
for _type in EVENT_TYPES.values():
    if "yield-" in _type.modes:
        _type.modes["yield"] = _type.modes.pop("yield-")


# PLOVER types that span two CAMEO roots, told apart by the mode: a demand is CAMEO 10 (DEMAND),
# not 02 (APPEAL); an investigation 09 (INVESTIGATE), not 11 (DISAPPROVE).
CAMEO_BY_MODE = {("REQUEST", "change"): "10", ("ACCUSE", "investigate"): "09"}


def cameo(event_type: str, mode: str | None) -> str:
    """The nearest CAMEO root of a type, refined by its mode."""
    return CAMEO_BY_MODE.get((event_type, mode or ""), EVENT_TYPES[event_type].cameo)


def score(event_type: str, mode: str | None) -> float:
    """PLOVER score of a type, refined by its mode when the manual gives one."""
    t = EVENT_TYPES[event_type]
    return t.modes.get(mode or "", t.score)
