"""Throughput and memory benchmark: our ingest+annotate+store against raw ``nlp.pipe``.

Both sides get the same texts, the same pipeline and the same worker count in the same
run; figures are printed as ratios so that a noisy 2-core machine still gives a fair
comparison. Each phase runs in a fresh subprocess so its peak RSS is its own.

The corpus is repeated to the requested size as *distinct* variants (a marker in the
headline), so that our exact-duplicate check cannot skip the parsing being measured.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsledger.errors import ConfigError

# The example articles of the repository (a clone's examples/corpus): what `newsledger bench`
# repeats unless --corpus names another folder.
EXAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def make_variants(corpus: Path, target_bytes: int, out_dir: Path) -> tuple[int, int]:
    """Write distinct copies of the corpus's .txt articles until ``target_bytes``; return (files, words)."""
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(corpus.rglob("*.txt"))]
    if not texts:
        raise ConfigError(f"no .txt articles under {corpus} to build the benchmark corpus from: "
                          "give a folder of them with --corpus DIR")
    out_dir.mkdir(parents=True, exist_ok=True)
    size = n = words = 0
    while size < target_bytes:
        text = texts[n % len(texts)]
        head, sep, rest = text.partition("\n")
        variant = f"{head} (variant {n})" + sep + rest
        (out_dir / f"{n:06d}.txt").write_text(variant, "utf-8")
        size += len(variant.encode())
        words += len(variant.split())
        n += 1
    return n, words


def make_synthetic_jsonl(corpus: Path, n_docs: int, path: Path, seed: int = 0) -> None:
    """A JSON Lines corpus of ``n_docs`` distinct articles made by shuffling corpus paragraphs."""
    paragraphs = [
        p.strip()
        for f in sorted(corpus.rglob("*.txt"))
        for p in f.read_text("utf-8", errors="replace").split("\n")
        if len(p.split()) > 12
    ]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_docs):
            body = "\n".join(rng.sample(paragraphs, k=min(8, len(paragraphs))))
            fh.write(json.dumps({"title": f"Synthetic report {i}", "text": body, "outlet": "Bench Wire"}) + "\n")


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux; children covers pool workers.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def _cpu_seconds() -> float:
    """User and system CPU of this process and all its children, finished (pool workers,
    spaCy's, a reaped forkserver and the workers it reaped) or still running (a forkserver)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + _live_children_cpu()


def _live_children_cpu() -> float:
    """CPU seconds of this process's running children (Linux ``/proc``; 0 elsewhere)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Fields after the command's closing parenthesis: state, ppid, ... utime (14), stime (15).
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # exited meanwhile
            continue
        if int(fields[1]) == os.getpid():
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _phase(kind: str, corpus: str, workers: int, model: str | None, db: str) -> dict[str, Any]:
    """Run one measured phase in this process (called in a fresh subprocess).

    The raw pass runs spaCy's pipeline as published (ours adds components and swaps its
    attribute_ruler for a faster equivalent: that gain is ours to show).
    Loading is not what is timed, on either side: the raw pass loads its pipeline here and
    its workers fork from this process; ours loads in the forkserver its workers fork from
    (or here with one worker), and the CPU it spent loading is left out too.
    """
    import spacy

    from newsledger.api import Ledger
    from newsledger.config import load_config
    from newsledger.executors import preload
    from newsledger.pipeline.annotate import model_dir

    cfg = load_config(overrides=[f"annotate.model={model}"] if model else None)
    start = time.perf_counter()
    if kind == "raw":
        # spaCy's pipeline as published: none of our components, its own attribute_ruler
        nlp = spacy.load(model_dir(cfg.annotate.model), exclude=list(cfg.annotate.disable))
    elif workers > 1:
        preload.acquire(cfg, wait=True)
    else:
        preload.warm(cfg.ingest, cfg.annotate)
    loading = time.perf_counter() - start
    cpu = _cpu_seconds()
    if kind == "raw":
        texts = [p.read_text("utf-8") for p in sorted(Path(corpus).glob("*.txt"))]
        start = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=cfg.ingest.batch_size, n_process=workers))
        return {"seconds": time.perf_counter() - start, "cpu_seconds": _cpu_seconds() - cpu, "docs": n,
                "load_seconds": loading, "peak_mb": _peak_mb()}
    with Ledger(db, cfg) as ledger:
        start = time.perf_counter()
        counts = ledger.ingest([corpus], workers=workers)
        seconds = time.perf_counter() - start
        words = ledger.store.scalar("SELECT sum(n_words) FROM documents")
    if workers > 1:
        preload.release()  # the forkserver exits and is reaped: its workers' CPU and memory are counted
    return {"seconds": seconds, "cpu_seconds": _cpu_seconds() - cpu, "docs": counts.stored, "clean_words": words,
            "load_seconds": loading, "peak_mb": _peak_mb()}


def _run_phase(kind: str, corpus: Path, workers: int, model: str | None, db: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "newsledger.bench", kind, str(corpus), str(workers), model or "", str(db)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark phase {kind} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_bench(corpus: Path, mb: float, workers: int, memory_docs: int, model: str | None,
              console: Console) -> dict[str, Any]:
    """Measure and print throughput (and optionally memory flatness); returns the figures."""
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        work = Path(tmp)
        n_files, words = make_variants(corpus, int(mb * 1_000_000), work / "corpus")
        console.print(f"corpus: {n_files} distinct articles, {words} words, from {corpus} (workers={workers})")
        raw = _run_phase("raw", work / "corpus", workers, model, work / "unused.duckdb")
        ours = _run_phase("ours", work / "corpus", workers, model, work / "bench.duckdb")
        figures: dict[str, Any] = {
            "articles": n_files,
            "words": words,
            "raw_words_per_s": round(words / raw["seconds"], 1),
            "ours_words_per_s": round(words / ours["seconds"], 1),
            "ours_articles_per_s": round(n_files / ours["seconds"], 2),
            "ratio": round(raw["seconds"] / ours["seconds"], 3),
            # CPU seconds of all processes: what the ratio would be on an otherwise idle machine,
            # and steadier than wall time when other work shares the cores.
            "cpu_ratio": round(raw["cpu_seconds"] / ours["cpu_seconds"], 3),
            "raw_cpu_seconds": round(raw["cpu_seconds"], 1),
            "ours_cpu_seconds": round(ours["cpu_seconds"], 1),
            "raw_peak_mb": raw["peak_mb"],
            "ours_peak_mb": ours["peak_mb"],
            "clean_words": ours["clean_words"],
        }
        table = Table("measure", "raw nlp.pipe", "newsledger ingest", title="Throughput (same texts, same run)")
        table.add_row("words/s (input words)", str(figures["raw_words_per_s"]), str(figures["ours_words_per_s"]))
        table.add_row("seconds", f"{raw['seconds']:.1f}", f"{ours['seconds']:.1f}")
        table.add_row("articles/s", f"{n_files / raw['seconds']:.1f}", f"{figures['ours_articles_per_s']:.1f}")
        table.add_row("CPU seconds (all processes)", str(figures["raw_cpu_seconds"]), str(figures["ours_cpu_seconds"]))
        table.add_row("peak memory MB (largest process)", str(raw["peak_mb"]), str(ours["peak_mb"]))
        table.add_row("loading before the clock, seconds", f"{raw['load_seconds']:.1f}", f"{ours['load_seconds']:.1f}")
        console.print(table)
        console.print(f"[bold]ratio ours/raw: {figures['ratio']}x[/] (target >= 1.0: ingest to stored events "
                      f"as fast as one raw parse); by CPU seconds {figures['cpu_ratio']}x; "
                      f"cleaning left {ours['clean_words']} of {words} words to parse")
        if memory_docs > 0:
            figures["memory"] = _memory_check(corpus, memory_docs, workers, model, work, console)
    return figures


def _memory_check(corpus: Path, n_docs: int, workers: int, model: str | None, work: Path,
                  console: Console) -> dict[str, float]:
    """Peak RSS at a quarter of the documents and at all of them: flat means streaming works."""
    out: dict[str, float] = {}
    for n in (max(1, n_docs // 4), n_docs):
        src = work / f"synthetic_{n}"
        src.mkdir()
        make_synthetic_jsonl(corpus, n, src / "feed.jsonl")
        res = _run_phase("ours", src, workers, model, work / f"mem_{n}.duckdb")
        out[f"peak_mb_{n}_docs"] = res["peak_mb"]
        console.print(f"memory: {n} synthetic articles -> peak {res['peak_mb']} MB "
                      f"({res['docs'] / res['seconds']:.1f} articles/s)")
    return out


if __name__ == "__main__":
    kind, corpus_arg, workers_arg, model_arg, db_arg = sys.argv[1:6]
    print(json.dumps(_phase(kind, corpus_arg, int(workers_arg), model_arg or None, db_arg)))
