"""API latency while an ingest writes the store (issue 16): the UI and API keep answering.

Usage:  .venv/bin/python bench/reliability_api.py [--articles 500] [--clients 2] [--workers 1]
                                                  [--corpus DIR] [--db FILE]

Ingests the example corpus into a fresh store (or reuses --db), starts `newsledger serve` on
it in its own process, then runs `newsledger ingest` of --articles articles into the same
store, made at run time by varying the texts of the corpus (or of DIR, e.g.
../shared/corpus/seeds; nothing is written outside a temporary folder). Meanwhile --clients
threads send the main queries, parameters drawn from pools so that many requests miss the
response cache, until the server serves the new articles. Prints p50/p99 by route and in all,
during the ingest and while the server changes to the new snapshot, and exits 1 if any request
failed, p99 >= 200 ms, the ingest failed, or the new articles were not served within 2 minutes.
A bounded script, not a test: this machine is small and noisy.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from bench_resolve import CORPUS
from load_api import ROUTES, _pct, _port, _requests

NEWSLEDGER = str(Path(sys.executable).parent / "newsledger")
TARGET_MS = 200.0
Sample = tuple[str, str, float, bool]  # phase, route, milliseconds, answered from the cache


def _articles(corpus: Path, n: int, out: Path) -> None:
    """``n`` distinct articles from the corpus's texts: each a corpus text with its own title and a last paragraph."""
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(corpus.rglob("*.txt"))]
    texts = [t for t in texts if len(t.split()) > 50]
    if not texts:
        raise SystemExit(f"no .txt articles of 50 words or more under {corpus}")
    out.mkdir(parents=True)
    for i in range(n):
        title, _, body = texts[i % len(texts)].strip().partition("\n")
        (out / f"article_{i:04d}.txt").write_text(
            f"{title.strip()} (update {i})\n{body}\n\nThis report was updated for the {i + 1}th time at "
            f"{i % 24:02d}:{i % 60:02d}, after {i * 7 % 97 + 3} readers wrote in.\n", "utf-8")


def _client(base: str, urls: list[tuple[str, str]], phase: list[str], stop: threading.Event,
            samples: list[Sample], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        while not stop.is_set():
            for route, url in urls:
                if stop.is_set():
                    return
                start = time.perf_counter()
                hit = False
                try:
                    response = http.get(url)
                    hit = response.headers.get("x-cache") == "hit"
                    if response.status_code != 200:
                        errors.append(f"{url}: {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{url}: {type(exc).__name__} {exc}")
                samples.append((phase[0], route, (time.perf_counter() - start) * 1000, hit))


def _documents(base: str) -> int:
    return int(httpx.get(base + "/api/summary", timeout=30).json()["documents"])


def _report(samples: list[Sample]) -> float:
    """Print p50/p99 by route and phase; return the p99 of all requests."""
    by_route: dict[str, list[float]] = defaultdict(list)
    by_phase: dict[str, list[float]] = defaultdict(list)
    for phase, route, ms, hit in samples:
        by_route[route].append(ms)
        by_phase[phase].append(ms)
        by_phase["answered from the cache" if hit else "computed (cache miss)"].append(ms)
    print(f"{'route':<72} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for route in ROUTES:
        if values := by_route[route]:
            print(f"{route:<72} {len(values):>6} {_pct(values, 50):>8.1f} {_pct(values, 99):>8.1f}")
    for phase, values in by_phase.items():
        print(f"{phase:<72} {len(values):>6} {_pct(values, 50):>8.1f} {_pct(values, 99):>8.1f}")
    everything = [ms for _, _, ms, _ in samples]
    p99 = _pct(everything, 99)
    print(f"{'all':<72} {len(everything):>6} {_pct(everything, 50):>8.1f} {p99:>8.1f}   "
          f"(target p99 < {TARGET_MS:.0f} ms)")
    return p99


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="ingest worker processes")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles to vary")
    parser.add_argument("--db", type=Path, help="a store to serve and ingest into (default: the example corpus)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = args.db or tmp / "served.duckdb"
        if not db.exists():
            subprocess.run([NEWSLEDGER, "ingest", str(CORPUS), "--db", str(db), "--quiet"], check=True)
        _articles(args.corpus, args.articles, tmp / "articles")
        port = _port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([NEWSLEDGER, "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(300):
                try:
                    before = _documents(base)
                    break
                except httpx.TransportError:
                    assert server.poll() is None, "newsledger serve did not start"
                    time.sleep(0.2)
            urls = _requests(base, 5000)
            phase = ["while the ingest runs"]
            stop = threading.Event()
            samples: list[Sample] = []
            errors: list[str] = []
            clients = [threading.Thread(target=_client, args=(base, urls[k::args.clients], phase, stop, samples,
                                                              errors)) for k in range(args.clients)]
            started = time.monotonic()
            ingest = subprocess.Popen([NEWSLEDGER, "ingest", str(tmp / "articles"), "--db", str(db), "--quiet",
                                       "--workers", str(args.workers)], stderr=subprocess.PIPE, text=True)
            for c in clients:
                c.start()
            _, ingest_err = ingest.communicate()
            ingest_seconds = time.monotonic() - started
            phase[0] = "until the new snapshot is served"
            deadline = time.monotonic() + 120
            while (after := _documents(base)) == before and time.monotonic() < deadline:
                time.sleep(0.2)
            swap_seconds = time.monotonic() - started - ingest_seconds
            stop.set()
            for c in clients:
                c.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    counts = re.search(r"\d+ stored.*?failed", ingest_err)
    print(f"ingest of {args.articles} articles ({args.workers} worker(s)): exit {ingest.returncode} in "
          f"{ingest_seconds:.0f} s, {counts.group(0) if counts else ingest_err.strip()[-300:]}; the server served "
          f"{after - before} new documents {swap_seconds:.1f} s after it ended; {args.clients} clients, "
          f"{len(samples):,} requests, {len(errors)} failed")
    p99 = _report(samples)
    for error in errors[:10]:
        print("failed:", error)
    ok = not errors and p99 < TARGET_MS and ingest.returncode == 0 and after > before
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
