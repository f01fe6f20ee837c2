"""Load on the REST API: 20 concurrent clients against a store of about 100,000 events.

Usage:  .venv/bin/python bench/load_api.py [--events 100000] [--clients 20] [--seconds 30]

Builds the store as bench_resolve.py does (the example corpus copied and varied in SQL, then
the cross-article stage), starts `newsledger serve` on a free loopback port in its own
process, and runs the clients (threads with their own HTTP connection) round-robin over the
main queries for a fixed time. Prints latency percentiles per route and overall; the target
is p99 under 200 ms. A bounded script, not a test: this machine is small and noisy.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from bench_resolve import CORPUS, _copy

from newsledger import Ledger
from newsledger.config import load_config

ROUTES = [
    "/api/summary", "/api/documents?limit=50", "/api/events?type=ASSAULT&limit=50",
    "/api/events?actor=Aliyev&limit=50", "/api/events?from=2020-01-01&to=2020-12-31&limit=50",
    "/api/merged-events?min_articles=2&limit=50", "/api/stories?limit=50", "/api/actors?limit=50",
    "/api/quotes?speaker=Stoltenberg&limit=50", "/api/search?q=ceasefire&limit=20",
    "/api/timeline?actor=Pashinyan&limit=20",
]


def _build(db: Path, events: int) -> None:
    cfg = load_config()
    with Ledger(db, cfg) as ledger:
        ledger.ingest([str(CORPUS)])
        store = ledger.store
        per_copy = int(store.scalar("SELECT count(*) FROM events"))
        for table in ("documents", "mentions", "events"):
            store.con.execute(f"CREATE TABLE seed_{table} AS SELECT * FROM {table} "
                              "WHERE doc_id IN (SELECT doc_id FROM documents WHERE analysed)")
        _copy(store, 1, max(2, events // per_copy))
        ledger.resolve()
        for table in ("documents", "mentions", "events"):
            store.con.execute(f"DROP TABLE seed_{table}")
        print(f"store: {store.scalar('SELECT count(*) FROM documents'):,} articles, "
              f"{store.scalar('SELECT count(*) FROM events'):,} events, "
              f"{store.scalar('SELECT count(*) FROM merged_events'):,} merged events", flush=True)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _client(base: str, until: float, offset: int, out: dict[str, list[float]], lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        i = offset
        while time.perf_counter() < until:
            route = ROUTES[i % len(ROUTES)]
            start = time.perf_counter()
            response = http.get(route)
            took = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{route}: {response.status_code} {response.text[:200]}")
            with lock:
                out[route].append(took)
            i += 1


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        _build(db, args.events)
        port = _port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "newsledger"), "serve", "--db", str(db),
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/api/summary", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            latencies: dict[str, list[float]] = defaultdict(list)
            lock = threading.Lock()
            until = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=_client, args=(base, until, k, latencies, lock))
                       for k in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=10)
    everything = [v for vs in latencies.values() for v in vs]
    print(f"{args.clients} clients, {args.seconds:.0f} s, {len(everything):,} requests "
          f"({len(everything) / args.seconds:.0f}/s)")
    print(f"{'route':<52} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for route in ROUTES:
        vs = latencies[route]
        print(f"{route:<52} {len(vs):>6} {_pct(vs, 50):>8.1f} {_pct(vs, 95):>8.1f} {_pct(vs, 99):>8.1f}")
    print(f"{'all':<52} {len(everything):>6} {_pct(everything, 50):>8.1f} {_pct(everything, 95):>8.1f} "
          f"{_pct(everything, 99):>8.1f}   (target p99 < 200 ms)")


if __name__ == "__main__":
    main()
