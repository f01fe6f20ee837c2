"""Issue 16, item 3: a run interrupted in the cross-article stage is visible, and the next ingest finishes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.cli import app
from newsledger.config import Config
from newsledger.resolve import run as resolve_run
from newsledger.store.tables import DERIVED
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("nlp")
runner = CliRunner(env={"COLUMNS": "200"})

# Four articles of one story (Nagorno-Karabakh), from the example corpus.
FILES = ("caspianwire_karabakh_separatists_disarm.txt", "caspianwire_karabakh_truce_statement.txt",
         "alliancemonitor_vienna_karabakh_talks.txt", "blackseaherald_moscow_humanitarian_truce.txt")
ACROSS = (*DERIVED, "actors", "actor_merges")


def _corpus(root: Path) -> str:
    root.mkdir()
    for name in FILES:
        shutil.copy(EXAMPLES / "txt" / name, root / name)
    return str(root)


def _rows(db: Path, table: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_interrupted_cross_article_stage_is_finished_by_the_next_ingest(
        tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "in")
    with Ledger(tmp_path / "clean.duckdb", config) as ledger:
        ledger.ingest([corpus])

    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt  # Ctrl-C in the last step, after the others wrote their rows

    db = tmp_path / "db.duckdb"
    with Ledger(db, config) as ledger:
        monkeypatch.setattr(resolve_run, "group_stories", interrupted)
        with pytest.raises(KeyboardInterrupt):
            ledger.ingest([corpus])
        monkeypatch.undo()
        # One transaction: the search index and actors written before the interruption are gone too.
        assert {t: ledger.store.scalar(f"SELECT count(*) FROM {t}") for t in ACROSS} == dict.fromkeys(ACROSS, 0)
        assert ledger.store.scalar("SELECT count(*) FROM documents") == 4
        status = ledger.status()
    assert not status.cross_article_current and status.documents_pending == 4
    assert [(r.status, r.stage) for r in status.runs] == [("interrupted", "resolve")]

    shown = runner.invoke(app, ["status", "--db", str(db), "--format", "table"])
    assert shown.exit_code == 0, shown.output
    assert "Cross-article tables: pending (4 of 4 documents" in shown.output
    assert "during the cross-article stage" in shown.output

    rerun = runner.invoke(app, ["ingest", corpus, "--db", str(db), "--quiet"])
    assert rerun.exit_code == 0, rerun.output
    assert "0 stored" in rerun.output and "4 unchanged" in rerun.output
    assert "cross-article tables updated" in rerun.output
    for table in ACROSS:
        assert _rows(db, table) == _rows(tmp_path / "clean.duckdb", table), table
    assert _rows(db, "stories")  # the four articles make a story: the comparison saw rows

    shown = runner.invoke(app, ["status", "--db", str(db), "--format", "table"])
    assert "Cross-article tables: current (4 documents)" in shown.output
    assert "Interrupted run" not in shown.output  # the same command completed after it
    again = runner.invoke(app, ["ingest", corpus, "--db", str(db), "--quiet"])
    assert "cross-article tables updated" not in again.output  # current: the stage is not redone
