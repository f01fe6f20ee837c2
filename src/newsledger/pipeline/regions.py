"""Regions of states that act through their own authorities: "Texas sued", "Xinjiang authorities",
"Puntland said". Each maps to the state it belongs to; ``Gazetteer.region`` looks them up.

Two sources: pycountry's ISO 3166-2 subdivisions (about 4,800 names, all states) and the
``[regions]`` table of ``data/gazetteer.toml``, for the English names news uses where the
standard gives a local one ("Catalonia" for "Catalunya", "Xinjiang") and for autonomous regions
ISO does not list (Puntland, the Kurdistan Region). A subdivision name shared by several states
("Punjab", "Santa Cruz"), made of a generic word ("Western", "Central") or named for a region of many
states (Burkina Faso's "Sahel") is left out: a wrong country is worse than none.
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsledger.cache import cached_json, versions

# Words that name subdivisions in many states and mean something else in a sentence.
GENERIC = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "capital",
    "coast", "centre", "center", "upper", "lower", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest", "littoral", "plateau", "lakes", "islands", "island",
    "sea", "valley", "mountain", "highlands", "lowlands", "interior", "frontier", "federal district",
    "national capital district", "capital district", "city", "river", "border", "gulf", "delta", "east end",
    # A region of one state named for a region of many: news's "Sahel" is the belt south of the Sahara.
    "sahel",
}


def subdivisions() -> dict[str, str]:
    """ISO 3166-2 subdivision name -> ISO3 of its state, for names unique to one state (read once
    per machine: ``newsledger.cache``). The gazetteer adds its ``[regions]`` table to these."""
    return dict(cached_json("regions", versions("pycountry") + [",".join(sorted(GENERIC))], _subdivisions))


def _subdivisions() -> dict[str, str]:
    import pycountry

    states: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        name = re.sub(r"\s*[\[(].*?[\])]", "", sub.name).strip()
        if country is not None and len(name) > 3 and name.lower() not in GENERIC:
            states[name].add(country.alpha_3)
    return {name: next(iter(isos)) for name, isos in states.items() if len(isos) == 1}
