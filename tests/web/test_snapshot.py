"""Reading while writing (issue 16): the server answers from a snapshot while another process ingests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from newsledger.config import Config
from newsledger.errors import StoreBusyError
from newsledger.store.db import Store
from newsledger.web.app import create_app
from newsledger.web.snapshot import SnapshotStore

from ..helpers import held_elsewhere

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.duckdb"
    with Store(path) as store:
        store.con.execute("CREATE TABLE notes AS SELECT 'first' AS note")
    return path


def _notes(store: Store) -> list[str]:
    return [r["note"] for r in store.query("SELECT note FROM notes ORDER BY note")]


def test_a_writer_opens_the_store_while_it_is_served_and_the_server_follows_when_it_ends(db: Path) -> None:
    served = SnapshotStore(db)
    try:
        with held_elsewhere(db, "write"):  # an ingest: it could open the store although it is served
            assert served.refresh() is False  # the file changed, but a writer holds it: no copy now
            with served.reading() as store:
                assert _notes(store) == ["first"]
                assert store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'held'") == 0
        assert served.refresh() is True
        with served.reading() as store:
            assert store.scalar("SELECT count(*) FROM held") == 1
        assert served.refresh() is False  # nothing changed since
    finally:
        served.close()


def test_a_request_in_flight_finishes_on_the_copy_it_started_with(db: Path) -> None:
    changes: list[str] = []
    served = SnapshotStore(db, on_change=lambda: changes.append("swap"))
    try:
        with served.reading() as old:
            with duckdb.connect(str(db)) as con:
                con.execute("INSERT INTO notes VALUES ('second')")
            assert served.refresh() is True and changes == ["swap", "swap"]  # the first copy, then this one
            assert _notes(old) == ["first"]  # still answering, from its own copy
            with served.reading() as new:
                assert _notes(new) == ["first", "second"]
            copies = sorted(p.name for p in served._folder.iterdir())
            assert copies == ["1.duckdb", "2.duckdb"]
        assert sorted(p.name for p in served._folder.iterdir()) == ["2.duckdb"]  # the old copy left with its reader
    finally:
        served.close()
    assert not served._folder.exists()


def test_serving_a_store_being_written_says_why_it_cannot_start(db: Path) -> None:
    with held_elsewhere(db, "write") as holder, pytest.raises(StoreBusyError, match=f"PID {holder.pid}"):
        SnapshotStore(db)


@pytest.mark.usefixtures("nlp")
def test_the_api_answers_while_newsledger_ingest_writes_the_store(example_db: Path, config: Config,
                                                                  tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    shutil.copy(example_db, db)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(12):
        (inputs / f"talks_{i}.txt").write_text(
            f"Talks in Brussels, round {i}\n\nBRUSSELS, March {i + 1}, 2024 -- Armenian Foreign Minister Ararat "
            f"Mirzoyan met his Azerbaijani counterpart Jeyhun Bayramov in Brussels on Monday for round {i} of "
            "talks on a peace treaty, the European Union said.\n", "utf-8")
    fast = replace(config, serve=replace(config.serve, refresh_seconds=0.2))
    with TestClient(create_app(db, fast), base_url=LOCAL) as client:
        before = client.get("/api/summary").json()["documents"]
        ingest = subprocess.Popen([str(Path(sys.executable).parent / "newsledger"), "ingest", str(inputs), "--db",
                                   str(db), "--quiet"], stderr=subprocess.PIPE, text=True)
        answers: list[int] = []
        writer_seen = False
        while ingest.poll() is None:
            for url in ("/api/summary", "/api/events?limit=5", "/api/stories", "/api/search?q=Brussels"):
                answers.append(client.get(url).status_code)
            try:
                Store(db, read_only=True).close()
            except StoreBusyError:
                writer_seen = True  # the ingest held the store while these requests were answered
        _, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert writer_seen and answers and set(answers) == {200}
        deadline = time.monotonic() + 30
        while (now := client.get("/api/summary").json()["documents"]) == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert now == before + 12  # the run's articles are served once it has ended
        assert client.get("/api/search", params={"q": "Mirzoyan Bayramov round"}).json()


def test_copies_left_by_a_killed_server_are_removed_and_a_live_ones_kept(db: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = db.parent / f".{db.name}.served-{dead.stdout.strip()}-abc123"
    left.mkdir()
    (left / "1.duckdb").write_bytes(b"a whole copy of the store")
    first = SnapshotStore(db)
    try:
        second = SnapshotStore(db)  # another server on the same store, alive: its copies stay
        assert not left.exists() and first._folder.exists() and second._folder.exists()
        second.close()
    finally:
        first.close()


def test_a_failed_copy_leaves_nothing_and_the_last_copy_is_served(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served = SnapshotStore(db)
    try:
        with duckdb.connect(str(db)) as con:
            con.execute("INSERT INTO notes VALUES ('second')")

        def full_disk(source: Path, target: Path) -> None:
            Path(target).write_bytes(b"half a copy")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(shutil, "copyfile", full_disk)
        with pytest.raises(OSError):
            served.refresh()
        assert sorted(p.name for p in served._folder.iterdir()) == ["1.duckdb"]
        with served.reading() as store:
            assert _notes(store) == ["first"]
        monkeypatch.undo()
        assert served.refresh() is True  # the watcher's next look succeeds
        with served.reading() as store:
            assert _notes(store) == ["first", "second"]
    finally:
        served.close()
