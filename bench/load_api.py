"""Load on the REST API: 20 concurrent clients against a store of about 100,000 events.

Usage:  .venv/bin/python bench/load_api.py [--events 100000] [--clients 20] [--seconds 30] [--db FILE]
                                          [--tool wrk|python]

Builds the store as bench_resolve.py does (the example corpus copied and varied in SQL, then
the cross-article stage), starts `newsledger serve` on a free loopback port in its own
process, and sends the main queries, parameters drawn from pools, from 20 concurrent
connections for a fixed time. The target is p99 under 200 ms.

The load comes from wrk (Debian package `wrk`) when it is installed: a C client costs the
two cores little, where Python clients spend about a core of their own and measure their own
GIL waits. `--tool python` uses threads with httpx instead and breaks latency down by route.
A bounded script, not a test: this machine is small and noisy.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx
from bench_resolve import CORPUS, _copy

from newsledger import Ledger
from newsledger.config import load_config

# The main queries, with parameters drawn per request from pools read off the store (actors,
# stories) or fixed here (types, years, words, pages), so the server sees a spread of distinct
# requests as from many users, not the same eleven URLs: its response cache only helps where
# requests repeat.
ROUTES = [
    "/api/summary", "/api/documents?limit=50&offset={page}", "/api/events?type={type}&limit=50&offset={page}",
    "/api/events?actor={actor}&limit=50", "/api/events?from={year}-01-01&to={year}-12-31&limit=50",
    "/api/merged-events?min_articles={min_articles}&limit=50&offset={page}", "/api/stories?limit=50",
    "/api/stories/{story}", "/api/actors?limit=50&offset={page}", "/api/quotes?speaker={actor}&limit=50",
    "/api/search?q={word}&limit=20", "/api/timeline?actor={actor}&limit=20",
]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
WORDS = ["ceasefire", "talks", "troops", "sanctions", "border", "president", "minister", "peace", "attack",
         "refugees", "NATO", "Kerch Strait", "Karabakh", "agreement", "election", "protest", "drone", "missile",
         "corridor", "summit", "Brussels", "Yerevan", "Baku", "Moscow", "shelling", "humanitarian", "treaty",
         "parliament", "embassy", "exports"]


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


def _requests(base: str, n: int) -> list[tuple[str, str]]:
    """``n`` (route, URL) pairs: the routes in turn, each with parameters drawn from the pools."""
    with httpx.Client(base_url=base, timeout=60) as http:
        actors = [a["name"] for a in http.get("/api/actors?limit=40").json()]
        stories = [st["story_id"] for st in http.get("/api/stories?limit=50").json()]
    pools = {"actor": actors, "story": stories, "type": TYPES, "word": WORDS, "page": ["0", "50", "100", "150"],
             "year": [str(y) for y in range(2014, 2026)], "min_articles": ["1", "2", "3"]}
    pick = random.Random(0)
    return [(route, route.format(**{k: quote(pick.choice(v)) for k, v in pools.items()}))
            for route in itertools.islice(itertools.cycle(ROUTES), n)]


def _client(base: str, until: float, mine: list[tuple[str, str]], out: dict[str, list[float]],
            hits: list[int], lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        for route, url in itertools.cycle(mine):
            if time.perf_counter() >= until:
                return
            start = time.perf_counter()
            response = http.get(url)
            took = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code} {response.text[:200]}")
            with lock:
                out[route].append(took)
                hits[response.headers.get("x-cache") == "hit"] += 1


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def _python_load(base: str, requests: list[tuple[str, str]], clients: int, seconds: float) -> None:
    latencies: dict[str, list[float]] = defaultdict(list)
    hits = [0, 0]  # misses, hits
    lock = threading.Lock()
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=_client, args=(base, until, requests[k::clients], latencies, hits, lock))
               for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [v for vs in latencies.values() for v in vs]
    print(f"python clients: {clients}, {seconds:.0f} s, {len(everything):,} requests "
          f"({len(everything) / seconds:.0f}/s), {hits[1] / max(1, sum(hits)):.0%} answered from the cache")
    print(f"{'route':<72} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for route in ROUTES:
        vs = latencies[route]
        print(f"{route:<72} {len(vs):>6} {_pct(vs, 50):>8.1f} {_pct(vs, 95):>8.1f} {_pct(vs, 99):>8.1f}")
    print(f"{'all':<72} {len(everything):>6} {_pct(everything, 50):>8.1f} {_pct(everything, 95):>8.1f} "
          f"{_pct(everything, 99):>8.1f}   (target p99 < 200 ms)")


# Each wrk thread walks its own share of the request list and counts cache hits; ``done``
# prints one JSON line with the totals and latency percentiles (wrk measures microseconds).
WRK_SCRIPT = """
local paths = {%s}
local threads = {}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("start", n)
  table.insert(threads, thread)
end
function init(args)
  i = start
  hits = 0
  errors = 0
end
function request()
  i = i + %d
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
function response(status, headers, body)
  if headers["x-cache"] == "hit" then hits = hits + 1 end
  if status ~= 200 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local h, e = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); e = e + t:get("errors") end
  io.write(string.format('RESULT {"requests": %%d, "hits": %%d, "non200": %%d, "errors": %%d, '
    .. '"p50": %%.1f, "p90": %%.1f, "p99": %%.1f, "max": %%.1f}\\n', summary.requests, h, e,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def _wrk_load(base: str, requests: list[tuple[str, str]], clients: int, seconds: float, tmp: Path) -> None:
    script = tmp / "load.lua"
    threads = 2
    script.write_text(WRK_SCRIPT % (", ".join(json.dumps(url) for _, url in requests), threads))
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "10s",
                          "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    result = json.loads(out.split("RESULT ", 1)[1])
    if result["non200"] or result["errors"]:
        raise RuntimeError(f"{result['non200']} answers were not 200, {result['errors']} socket errors:\n{out}")
    print(f"wrk: {clients} connections, {seconds:.0f} s, {result['requests']:,} requests "
          f"({result['requests'] / seconds:.0f}/s), {result['hits'] / max(1, result['requests']):.0%} "
          f"answered from the cache")
    print(f"latency ms: p50 {result['p50']:.1f}, p90 {result['p90']:.1f}, p99 {result['p99']:.1f}, "
          f"max {result['max']:.1f}   (target p99 < 200 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", type=Path, help="keep the store here and reuse it on later runs")
    parser.add_argument("--tool", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--warmup", type=float, default=0,
                        help="first send the same load for this many seconds, unmeasured (a warm cache)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.duckdb"
        if not db.exists():
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
            requests = _requests(base, 20_000)
            runs = [("warm-up, not measured: ", args.warmup)] if args.warmup else []
            for label, seconds in [*runs, ("", args.seconds)]:
                print(label, end="")
                if args.tool == "wrk":
                    _wrk_load(base, requests, args.clients, seconds, Path(tmp))
                else:
                    _python_load(base, requests, args.clients, seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
