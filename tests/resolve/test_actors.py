"""Actors across documents: spelling variants merge, namesakes do not, roles keep their dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.config import Config
from newsledger.folding import fold
from newsledger.resolve.actors import _person_merges
from newsledger.store.gdelt import GDELT_SQL


def test_fold_removes_accents() -> None:
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"


def test_variants_merge_and_namesakes_with_conflicting_countries_do_not() -> None:
    merges = _person_merges([
        ("person:serzh sargsyan", "Serzh Sargsyan", "ARM", 5),
        ("person:serzh sarkisian", "Serzh Sarkisian", "ARM", 2),
        ("person:elmar mamedyarov", "Elmar Mamedyarov", None, 1),
        ("person:elmar mammadyarov", "Elmar Mammadyarov", "AZE", 4),
        # Same surname, same first name, different countries: two people.
        ("person:ali hassan", "Ali Hassan", "IRQ", 3),
        ("person:ali hasan", "Ali Hasan", "EGY", 3),
        # A bare surname that fits two different people stays on its own.
        ("person:aliyev", "Aliyev", None, 2),
        ("person:ilham aliyev", "Ilham Aliyev", "AZE", 9),
        ("person:heydar aliyev", "Heydar Aliyev", "AZE", 1),
    ])
    assert merges["person:serzh sarkisian"][0] == "person:serzh sargsyan"
    assert merges["person:elmar mamedyarov"][0] == "person:elmar mammadyarov"
    assert "person:ali hasan" not in merges and "person:ali hassan" not in merges
    assert "person:aliyev" not in merges
    assert "person:heydar aliyev" not in merges



def test_people_the_knowledge_base_tells_apart_do_not_merge() -> None:
    # Same first name, a surname that matches exactly, the same country: a father and son the base lists apart.
    merges = _person_merges([
        ("person:george w. bush", "George W. Bush", "USA", 6),
        ("person:george h. w. bush", "George H. W. Bush", "USA", 2),
        ("person:george walker bush", "George Walker Bush", None, 1),
        ("person:george bush", "George Bush", "USA", 3),  # either of them: it may join one, never both
    ])
    assert "person:george h. w. bush" not in merges and "person:george w. bush" not in merges
    # A variant the base gives as the son's name still joins him.
    assert merges["person:george walker bush"][0] == "person:george w. bush"


ARTICLES = {
    "a.json": ('{"title": "Sargsyan meets OSCE envoys", "published": "2016-05-17", "outlet": "Meridian", '
               '"text": "Armenian President Serzh Sargsyan met the OSCE Minsk Group co-chairs in Yerevan on Tuesday. '
               'Sargsyan said Armenia was ready for talks if Baku honoured the ceasefire."}'),
    "b.json": ('{"title": "Sarkisian addresses UN", "published": "2017-09-20", "outlet": "Alliance Monitor", '
               '"text": "Armenian President Serzh Sarkisian told the UN General Assembly on Tuesday that Azerbaijan '
               'had broken the ceasefire. Sarkisian called for international monitors along the line of contact."}'),
    "c.json": ('{"title": "Norway backs Baltic exercises", "published": "2013-06-04", "outlet": "Meridian", '
               '"text": "Norwegian Prime Minister Jens Stoltenberg said on Tuesday that Norway would send ships '
               'to the Baltic exercises. Stoltenberg spoke after meeting Swedish officials in Oslo."}'),
    "d.json": ('{"title": "NATO chief in Vilnius", "published": "2017-02-10", "outlet": "Alliance Monitor", '
               '"text": "NATO Secretary-General Jens Stoltenberg visited Vilnius on Friday and praised the '
               'German-led battalion. Stoltenberg said the alliance would defend every ally."}'),
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, config: Config, nlp: object) -> Ledger:
    root = tmp_path_factory.mktemp("actors")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, "utf-8")
    led = Ledger(root / "db.duckdb", config)
    led.ingest([str(root)])
    return led


def test_spelling_variants_are_one_actor_across_outlets(ledger: Ledger) -> None:
    actor = ledger.actor("Sarkisian")
    assert actor.actor_id == ledger.actor("Serzh Sargsyan").actor_id
    assert {a.text for a in actor.aliases} >= {"Serzh Sargsyan", "Serzh Sarkisian", "Sargsyan", "Sarkisian"}
    assert (actor.country, actor.sector, actor.n_documents) == ("ARM", "GOV", 2)
    assert ledger.store.scalar("SELECT count(*) FROM actor_merges") >= 1


def test_roles_change_over_time_and_come_from_the_text(ledger: Ledger) -> None:
    roles = ledger.actor("Jens Stoltenberg").roles
    assert [(r.date, r.country, r.igo, r.sector) for r in roles] == [
        ("2013-06-04", "NOR", None, "GOV"),
        ("2017-02-10", None, "NATO", "IGO"),
    ]


def test_actor_filters(ledger: Ledger) -> None:
    arm = ledger.actors(country="arm", sector="GOV")
    assert ledger.actor("Sargsyan").actor_id in {a.actor_id for a in arm}
    assert all(a.country == "ARM" for a in arm)


def test_every_mention_carries_its_evidence(ledger: Ledger) -> None:
    missing = ledger.store.scalar("SELECT count(*) FROM mentions WHERE actor_id IS NOT NULL AND rule IS NULL")
    assert missing == 0


def test_unknown_actor_is_a_clear_error(ledger: Ledger) -> None:
    from newsledger.errors import StoreError

    with pytest.raises(StoreError, match="no actor named"):
        ledger.actor("Nobody Atall")


def test_rerun_keeps_actors_stable(ledger: Ledger) -> None:
    before = ledger.store.query("SELECT actor_id, n_mentions FROM actors ORDER BY 1")
    from newsledger.resolve.actors import resolve_actors

    resolve_actors(ledger.store)
    assert ledger.store.query("SELECT actor_id, n_mentions FROM actors ORDER BY 1") == before


def test_user_dictionary_pins_and_overrides(ledger: Ledger, tmp_path_factory: pytest.TempPathFactory) -> None:
    from newsledger.errors import ConfigError
    from newsledger.resolve.actors import resolve_actors

    path = tmp_path_factory.mktemp("dict") / "actors.csv"
    path.write_text(
        "alias,actor_id,name,kind,country,igo,sector\n"
        "Sarkisian,person:serzh sargsyan,Serzh Sargsyan,,,,\n"
        "Sargsyan,person:serzh sargsyan,Serzh Sargsyan,,,,\n"
        "Jens Stoltenberg,person:jens stoltenberg,,,,NATO,IGO\n", "utf-8")
    resolve_actors(ledger.store, path)
    pinned = ledger.actor("person:serzh sargsyan")
    assert pinned.name == "Serzh Sargsyan" and pinned.n_documents == 2
    assert ledger.actor("Jens Stoltenberg").sector == "IGO"
    bad = path.with_name("bad.csv")
    bad.write_text("alias,name\nX,Y\n", "utf-8")
    with pytest.raises(ConfigError, match="missing columns"):
        resolve_actors(ledger.store, bad)
    resolve_actors(ledger.store)  # back to the rules alone for the other tests


def test_a_state_only_an_event_names_is_an_actor_with_its_codes(tmp_path: Path, config: Config, nlp: object) -> None:
    # "went on strike" names no target; the protest is aimed at Kenya, which no mention names.
    (tmp_path / "a.json").write_text(json.dumps({
        "title": "Dockers walk out", "published": "2019-03-05", "outlet": "Coast Daily",
        "text": "Thousands of Kenyan dockers went on strike at the port of Mombasa on Monday over unpaid wages. "
                "The dockers said the strike would go on until they were paid."}), "utf-8")
    led = Ledger(tmp_path / "db.duckdb", config)
    led.ingest([str(tmp_path)])
    assert led.store.query("SELECT target_ids FROM events WHERE event_type = 'PROTEST'") == [
        {"target_ids": ["state:KEN"]}]
    row = led.store.query("SELECT name, kind, country, sector, n_mentions, n_documents FROM actors "
                          "WHERE actor_id = 'state:KEN'")
    assert row == [{"name": "Kenya", "kind": "state", "country": "KEN", "sector": "GOV", "n_mentions": 0,
                    "n_documents": 1}]
    exported = led.store.query(f"SELECT Actor2Code, Actor2CountryCode FROM ({GDELT_SQL})")
    assert exported == [{"Actor2Code": "KENGOV", "Actor2CountryCode": "KEN"}]
