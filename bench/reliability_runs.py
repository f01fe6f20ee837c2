"""Runs killed at any moment are repaired, and the same inputs give the same store.

Usage:  PYTHONPATH=src .venv/bin/python bench/reliability_runs.py [--extra 0] [--no-ray] [--keep DIR]

On a copy of examples/corpus (plus ``--extra N`` Timeline17 articles from
``../shared/gold/timeline17_dev`` when present, written to a temporary JSON Lines file and
never kept), every case runs the real ``newsledger`` command in a fresh process and compares
the resulting store with a clean run, table by table: every table of the store, rows sorted,
without the columns listed in ``VOLATILE`` (when and by which run a row was written).

- **clean**: one run with 1 worker, the reference.
- **kills**: a run killed with SIGKILL (its whole process group, pool workers included) at a
  given moment, then the same command again; the store must equal the reference, the killed
  run must be marked ``interrupted``, and the cross-article tables must be current. The
  moments are exact, not timed guesses: the killed process is this script in ``--child``
  mode, which wraps one store function to SIGKILL itself there (before the N-th commit of an
  ingest chunk, on entering a step of the cross-article stage, with that stage fully written
  but not committed), plus one timed kill from outside at half the clean run's time.
- **load** (Ray installed, not ``--no-ray``): Parquet shards written on Ray once; ``newsledger
  load`` killed before its second shard commits, then loaded again; and a clean load.
- **workers**: two clean runs with ``--workers 2`` equal each other and the 1-worker run.

Chunks of 4 documents (``ingest.batch_size=4``) give a kill many moments to land in and the
two workers many batches to finish in either order. Prints PASS/FAIL per case with the tables
that differ; exits 1 on any failure. About 5 minutes on 2 cores (about 1 of them for Ray).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
TIMELINE17 = ROOT.parent / "shared" / "gold" / "timeline17_dev" / "articles.jsonl"
SETTINGS = ["--set", "ingest.batch_size=4"]

# One command of a case: its arguments, where it kills itself (``--child`` points, None: it
# does not), and after how many seconds it is killed from outside (None: never).
Attempt = tuple[list[str], str | None, float | None]

# Columns left out of the comparison: they say when and by which run a row was written, which
# differs between any two runs by design. ``runs`` is a record of the runs themselves (ids,
# times, processes, per-run counts), so the whole table is left out; the kill cases check
# its statuses instead.
VOLATILE: dict[str, set[str] | None] = {
    "runs": None,
    "documents": {"run_id", "ingested_at"},
    "ingest_log": {"run_id", "logged_at"},
    "resolve_state": {"run_id", "resolved_at"},
}


# -- the child: a newsledger command that kills itself at an exact moment ---------------------
def _die() -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)  # the pool's workers too, as `kill -9 -PGID` would


def _install(spec: str) -> None:
    """Wrap the store function where ``spec`` says to die (``commit:N``, ``step:NAME``, ``resolved``)."""
    from newsledger.resolve import run as resolve_run
    from newsledger.store.db import Store

    kind, _, arg = spec.partition(":")
    if kind == "commit":  # the N-th outermost transaction: all its rows written, none committed
        original, seen = Store.transaction, [0]

        @contextmanager
        def dying(self: Store) -> Iterator[None]:
            outermost = not self._in_transaction
            with original(self):
                yield
                seen[0] += outermost
                if outermost and seen[0] == int(arg):
                    _die()

        Store.transaction = dying  # type: ignore[method-assign]
    elif kind in ("step", "resolved"):  # entering a step, or after the marker, inside the stage's transaction
        name = arg if kind == "step" else "mark_resolved"
        step: Callable[..., Any] = getattr(resolve_run, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if kind == "step":
                _die()
            result = step(*args, **kwargs)
            _die()
            return result

        setattr(resolve_run, name, wrapped)
    elif kind != "none":
        raise SystemExit(f"unknown kill point {spec!r}")


def _child(argv: list[str]) -> None:
    spec, *command = argv
    _install(spec)
    from newsledger.cli import main

    sys.argv = ["newsledger", *command]
    main()


# -- the parent -----------------------------------------------------------------------------
@dataclass(slots=True)
class Case:
    name: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def newsledger(args: list[str], kill: str | None = None, kill_after: float | None = None) -> int:
    """Run a newsledger command in its own process group; returns its exit code (-9: killed)."""
    command = [sys.executable, __file__, "--child", kill or "none"]
    proc = subprocess.Popen([*command, *args, "--quiet", *SETTINGS], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
    if proc.returncode not in (0, -signal.SIGKILL):
        print(err[-2000:], file=sys.stderr)
    return proc.returncode


def dump(db: Path) -> dict[str, list[str]]:
    """Every table of the store without its volatile columns, rows as sorted reprs."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        out = {}
        for table in tables:
            skip = VOLATILE.get(table, set())
            if skip is None:
                continue
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if c not in skip]
            out[table] = sorted(repr(r) for r in con.execute(f'SELECT {", ".join(cols)} FROM "{table}"').fetchall())
    return out


def differences(reference: dict[str, list[str]], db: Path) -> list[str]:
    got = dump(db)
    out = []
    for table in sorted(set(reference) | set(got)):
        a, b = reference.get(table, []), got.get(table, [])
        if a != b:
            only_a, only_b = len(set(a) - set(b)), len(set(b) - set(a))
            out.append(f"{table}: {len(a)} vs {len(b)} rows, {only_a} only in the reference, {only_b} only here")
    return out


def run_state(db: Path) -> dict[str, Any]:
    from newsledger import Ledger

    with Ledger(db, read_only=True) as ledger:
        return ledger.status(runs=100).model_dump()


def killed_then_rerun(case: Case, db: Path, reference: dict[str, list[str]], attempts: list[Attempt]) -> None:
    """Run each (args, kill point, timed kill) in turn on ``db``; the last must complete."""
    for i, (args, kill, after) in enumerate(attempts):
        code = newsledger([*args, "--db", str(db)], kill, after)
        last = i == len(attempts) - 1
        if last and code != 0:
            case.problems.append(f"the final run exited {code}")
        if not last:
            if code != -signal.SIGKILL:
                case.problems.append(f"attempt {i + 1} was not killed (exit {code}): the kill point was not reached")
                continue
            latest = run_state(db)["runs"][0]
            case.name += f" [{latest['status']} in {latest['stage']}]"
    state = run_state(db)
    if not state["cross_article_current"]:
        case.problems.append("cross-article tables not current after the rerun")
    statuses = [r["status"] for r in reversed(state["runs"])]
    if statuses != ["interrupted"] * (len(attempts) - 1) + ["done"]:
        case.problems.append(f"run statuses {statuses}")
    with duckdb.connect(str(db), read_only=True) as con:
        if con.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone() != (0,):
            case.problems.append("a run is still marked running")
    case.problems += differences(reference, db)


def corpus(tmp: Path, extra: int) -> Path:
    inputs = tmp / "inputs"
    shutil.copytree(CORPUS, inputs / "corpus")
    if extra:
        if not TIMELINE17.is_file():
            print(f"--extra: {TIMELINE17} not found, using examples/corpus alone", file=sys.stderr)
        else:
            rows = [json.loads(line) for line in TIMELINE17.read_text("utf-8").splitlines()]
            picked = sorted((r for r in rows if r["topic"] == "EgyptianProtest"), key=lambda r: r["published"])[:extra]
            (inputs / "timeline17.jsonl").write_text("".join(
                json.dumps({"text": r["text"], "published": r["published"], "outlet": r["source"].upper()}) + "\n"
                for r in picked), "utf-8")
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extra", type=int, default=0, help="Timeline17 articles added to examples/corpus.")
    parser.add_argument("--no-ray", action="store_true", help="Skip the Ray shards and the killed load.")
    parser.add_argument("--keep", type=Path, help="Keep the stores in this folder (default: a temporary one).")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="reliability_"))
    tmp.mkdir(parents=True, exist_ok=True)
    inputs = [str(corpus(tmp, args.extra))]
    ingest = ["ingest", *inputs]
    cases: list[Case] = []

    started = time.monotonic()
    if newsledger([*ingest, "--db", str(tmp / "clean.duckdb")]) != 0:
        print("FAIL the clean run did not complete")
        return 1
    clean_seconds = time.monotonic() - started
    reference = dump(tmp / "clean.duckdb")
    print(f"clean run (1 worker): {clean_seconds:.0f} s, "
          f"{sum(len(v) for v in reference.values())} rows in {len(reference)} compared tables")

    kills: list[tuple[str, list[Attempt]]] = [
        ("killed before the 2nd chunk commits, rerun", [(ingest, "commit:2", None), (ingest, None, None)]),
        ("2 workers killed before the 2nd chunk commits, rerun",
         [([*ingest, "--workers", "2"], "commit:2", None), ([*ingest, "--workers", "2"], None, None)]),
        ("killed at half the clean run's time, rerun", [(ingest, None, clean_seconds / 2), (ingest, None, None)]),
        ("killed entering the cross-article merge step, rerun",
         [(ingest, "step:merge_events", None), (ingest, None, None)]),
        ("killed with the cross-article stage written, not committed, rerun",
         [(ingest, "resolved", None), (ingest, None, None)]),
        ("killed in ingest, rerun killed in the cross-article stage, rerun",
         [(ingest, "commit:3", None), (ingest, "step:group_stories", None), (ingest, None, None)]),
    ]
    for i, (name, attempts) in enumerate(kills):
        case = Case(name)
        t0 = time.monotonic()
        killed_then_rerun(case, tmp / f"kill{i}.duckdb", reference, attempts)
        case.seconds = time.monotonic() - t0
        cases.append(case)
        report(case)

    if not args.no_ray:
        cases += ray_cases(tmp, inputs, reference)

    for name in ("w2a", "w2b"):
        case = Case(f"clean run with 2 workers ({name[-1]}) equals the 1-worker run")
        t0 = time.monotonic()
        if newsledger([*ingest, "--workers", "2", "--db", str(tmp / f"{name}.duckdb")]) != 0:
            case.problems.append("did not complete")
        else:
            case.problems += differences(reference, tmp / f"{name}.duckdb")
        case.seconds = time.monotonic() - t0
        cases.append(case)
        report(case)
    case = Case("two clean runs with 2 workers are identical")
    if (tmp / "w2a.duckdb").exists() and (tmp / "w2b.duckdb").exists():
        case.problems += differences(dump(tmp / "w2a.duckdb"), tmp / "w2b.duckdb")
    else:
        case.problems.append("a 2-worker run is missing")
    cases.append(case)
    report(case)

    failed = [c for c in cases if c.problems]
    print(f"\n{len(cases) - len(failed)}/{len(cases)} cases passed in {time.monotonic() - started:.0f} s "
          f"(stores in {tmp})")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


def ray_cases(tmp: Path, inputs: list[str], reference: dict[str, list[str]]) -> list[Case]:
    """Shards written on Ray once; a killed load then a load again, and a clean load, equal the local store."""
    try:
        import ray  # noqa: F401 - only whether it is there
    except ImportError:
        print("SKIP load cases: ray is not installed (pip install 'newsledger[ray]')")
        return []
    shards = tmp / "shards"
    setup = newsledger(["ingest", *inputs, "--executor", "ray", "--workers", "2", "--out", str(shards),
                        "--db", str(tmp / "ray.duckdb")])
    cases = []
    case = Case("ingest on Ray (shards, then load) equals the local run")
    case.problems += [f"exit {setup}"] if setup else differences(reference, tmp / "ray.duckdb")
    cases.append(case)
    report(case)
    case = Case("load killed before its 2nd shard commits, load again")
    t0 = time.monotonic()
    killed_then_rerun(case, tmp / "load.duckdb", reference, [(["load", str(shards)], "commit:2", None),
                                                             (["load", str(shards)], None, None)])
    case.seconds = time.monotonic() - t0
    cases.append(case)
    report(case)
    return cases


def report(case: Case) -> None:
    took = f" ({case.seconds:.0f} s)" if case.seconds else ""
    print(f"{'FAIL' if case.problems else 'PASS'} {case.name}{took}")
    for problem in case.problems:
        print(f"     {problem}")
    sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2:])
    else:
        sys.exit(main())
