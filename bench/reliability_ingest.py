"""Reliability of ingest on what a crawl can contain (issue #16): odd paths, bombs, odd text.

Builds each case itself in a temporary folder, next to one ordinary article, runs a real
``newsledger ingest`` on it in a subprocess (twice: a rerun must behave the same) and prints
per case: completed (exit 0), stored, logged, peak RSS of the run. Exits 1 on any miss:
an input without exactly one ``ingest_log`` row, a crash, a rerun that differs, a reason over
300 characters, a case's own check, or a peak of 1.5 GB or more.

    PYTHONPATH=src .venv/bin/python bench/reliability_ingest.py [--keep] [--only NAME ...]

About three minutes on 2 cores; the two 256 MiB bombs are 261 KB files on disk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PEAK_LIMIT_MB = 1500
MAX_REASON = 300
BOMB = 256 * 1024 * 1024

ARTICLE = (
    "Ministers Agree on Transit Fees\n\n"
    "Energy ministers from three countries signed an agreement on Tuesday that settles a two-year "
    "dispute over pipeline transit fees, officials said.\n\n"
    "The accord takes effect in January and will be reviewed after five years, the ministers told "
    "reporters in Vienna.\n"
)
CHINESE = (
    "三国能源部长签署过境费协议\n"
    "三国能源部长星期二在维也纳签署了一项协议，结束了持续两年的管道过境费争端。\n"
    "官员说，协议将于明年一月生效，五年后进行审查。\n"
    "部长们对记者表示，谈判十分艰难，但各方最终都作出了让步。\n"
    "分析人士认为，这项协议有助于稳定地区能源供应。\n"
)
JAPANESE = (
    "三か国のエネルギー相が通過料金で合意\n"
    "三か国のエネルギー相は火曜日、ウィーンで二年越しのパイプライン通過料金をめぐる紛争を解決する協定に署名した。\n"
    "協定は来年一月に発効し、五年後に見直される。\n"
    "閣僚らは記者団に対し、交渉は難航したが各国が譲歩したと述べた。\n"
)
REFRAIN = "The crowd chanted: we want peace."
REPEATED = (
    "Thousands March for Peace in the Capital\n\n"
    + "\n\n".join(
        f"{para}\n\n{REFRAIN}"
        for para in (
            "Thousands of people marched through the capital on Saturday to demand an end to the fighting.",
            "Organisers said the march was the largest since the conflict began two years ago.",
            "Police said the protest passed off peacefully and no arrests were made.",
            "Speakers called on both governments to return to talks without conditions.",
        )
    )
)


@dataclass(slots=True)
class Case:
    """One input folder: ``expect`` maps a source suffix to the status its one log row must have."""

    name: str
    build: Callable[[Path], None]
    expect: dict[str, str]
    check: Callable[[duckdb.DuckDBPyConnection], str | None] | None = None
    runs: list[Run] = field(default_factory=list)


@dataclass(slots=True)
class Run:
    code: int
    seconds: float
    peak_mb: float
    rows: list[tuple[str, str, str]]  # source, status, reason
    stored: int


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, "utf-8")
    else:
        path.write_bytes(text)


def _good(folder: Path) -> None:
    _write(folder / "good.txt", ARTICLE)


def _gzip_stream(path: Path, chunk: bytes, total: int, prefix: bytes = b"") -> None:
    """Write ``prefix`` then a gzip member of ``total`` bytes made of ``chunk`` repeated, streaming."""
    with path.open("wb") as raw:
        raw.write(prefix)
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9) as gz:
            block = chunk * max(1, (1 << 20) // len(chunk))
            written = 0
            while written < total:
                piece = block[: total - written]
                gz.write(piece)
                written += len(piece)


def _warc_record(uri: str, html: str) -> bytes:
    import io

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                  http_headers=headers))
    return buf.getvalue()


def _html(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:])
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


# --- builders ---------------------------------------------------------------------------
def nested_json(folder: Path) -> None:
    _good(folder)
    _write(folder / "deep.json", '{"text": ' + "[" * 1500 + "]" * 1500 + "}")


def long_path(folder: Path) -> None:
    _good(folder)
    # Made relative, one component at a time: the whole path is past PATH_MAX (4,096 bytes).
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for i in range(18):
            name = f"{i:02d}" + "d" * 240
            os.mkdir(name)
            os.chdir(name)
        Path("deep.txt").write_text(ARTICLE.replace("Tuesday", "Friday"), "utf-8")
    finally:
        os.chdir(cwd)


def bad_bytes_name(folder: Path) -> None:
    _good(folder)
    _write(Path(os.fsdecode(bytes(folder) + b"/caf\xe9-r\xe9sum\xe9.txt")), ARTICLE.replace("Tuesday", "Monday"))


def warc_bomb(folder: Path) -> None:
    _good(folder)
    _gzip_stream(folder / "bomb.warc.gz", b"\0", BOMB)


def gz_bomb_newlines(folder: Path) -> None:
    _good(folder)
    page = _html("Transit fees agreed", ARTICLE.replace("Tuesday", "Sunday"))
    record = _warc_record("https://example.org/fees", page)
    _gzip_stream(folder / "lines.warc.gz", b"\n", BOMB, prefix=record)


def jsonl_long_line(folder: Path) -> None:
    _good(folder)
    good = json.dumps({"text": ARTICLE.replace("Tuesday", "Wednesday")}) + "\n"
    with (folder / "feed.jsonl").open("wb") as fh:
        fh.write(good.encode())
        fh.write(b'{"text": "' + b"a" * (64 << 20) + b'"}')  # 64 MiB, no newline


def parquet_bomb(folder: Path) -> None:
    _good(folder)
    # 64 MiB, not 256: building the value costs this process three times its size.
    texts = ["a" * (64 << 20), ARTICLE.replace("Tuesday", "Wednesday")]
    # One row group each: the bomb's is refused from its metadata, the article's is read.
    pq.write_table(pa.table({"text": texts}), folder / "feed.parquet", compression="zstd", row_group_size=1,
                   use_dictionary=False)


def cjk(folder: Path) -> None:
    _good(folder)
    _write(folder / "zh.txt", CHINESE)
    _write(folder / "ja.txt", JAPANESE)


def repeated_lines(folder: Path) -> None:
    _write(folder / "march.txt", REPEATED)


def json_types(folder: Path) -> None:
    paras = ARTICLE.split("\n\n")
    _write(folder / "list.json", json.dumps({"title": paras[0], "text": paras[1:]}))
    _write(folder / "object.json", json.dumps({"text": {"body": paras[1]}}))
    _write(folder / "surrogate.jsonl", '{"text": "' + paras[1].replace("signed", "signed \\ud800") + '"}\n')


def dates(folder: Path) -> None:
    lines = []
    given: list[object] = [1511222400, 1511222400000, {"$date": "2017-11-21T05:44:27Z"},
                           {"$date": {"$numberLong": "1511222400000"}}, {"year": 2017, "month": 11, "day": 21}]
    for i, published in enumerate(given):
        text = ARTICLE.replace("three countries", f"{i + 3} countries")
        lines.append(json.dumps({"text": text, "published": published}))
    _write(folder / "dates.jsonl", "\n".join(lines) + "\n")


def titled_brief(folder: Path) -> None:
    line = "Azerbaijan frees two detained Armenian shepherds"
    _write(folder / "brief.json", json.dumps({"title": "Shepherds freed", "text": line}))
    _write(folder / "same.json", json.dumps({"title": line + " after talks", "text": line + " after talks"}))


def symlinks(folder: Path) -> None:
    _good(folder)
    _write(folder / "real" / "story.txt", ARTICLE.replace("Tuesday", "Thursday"))
    (folder / "articles").symlink_to("real")  # a symlinked folder inside the tree: followed
    (folder / "passwd.txt").symlink_to("/etc/passwd")  # leaves the tree: refused
    (folder / "real" / "again").symlink_to("..")  # a loop back to an ancestor
    (folder / "gone.txt").symlink_to("missing.txt")  # dangling


def unreadable_folder(folder: Path) -> None:
    _good(folder)
    _write(folder / "locked" / "story.txt", ARTICLE.replace("Tuesday", "Saturday"))
    (folder / "locked").chmod(0)


# --- checks on the store ----------------------------------------------------------------
def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    return None if row is None else row[0]


def check_cjk(con: duckdb.DuckDBPyConnection) -> str | None:
    rows = con.execute("SELECT language, analysed, text FROM documents WHERE language IN ('zh', 'ja')").fetchall()
    if {r[0] for r in rows} != {"zh", "ja"} or any(r[1] for r in rows):
        return f"want zh and ja stored unanalysed, got {[(r[0], r[1]) for r in rows]}"
    if not any("审查" in r[2] for r in rows) or not any("見直される" in r[2] for r in rows):
        return "a CJK paragraph was lost"
    return None


def check_repeated(con: duckdb.DuckDBPyConnection) -> str | None:
    text = str(_one(con, "SELECT text FROM documents") or "")
    kept = text.count(REFRAIN)
    return None if kept == 4 else f"refrain kept {kept} of 4 times"


def check_types(con: duckdb.DuckDBPyConnection) -> str | None:
    text = str(_one(con, "SELECT text FROM documents WHERE source LIKE '%list.json%'") or "")
    if "\n\nThe accord" not in text or "['" in text:
        return "list text not joined by paragraphs"
    reason = str(_one(con, "SELECT reason FROM ingest_log WHERE source LIKE '%object.json%'"))
    return None if "object" in reason and "{" not in reason else f"object text reason: {reason!r}"


def check_dates(con: duckdb.DuckDBPyConnection) -> str | None:
    got = [r[0] for r in con.execute("SELECT published FROM documents ORDER BY source").fetchall()]
    return None if got == ["2017-11-21"] * 5 else f"published {got}"


def check_symlinks(con: duckdb.DuckDBPyConnection) -> str | None:
    leaked = _one(con, "SELECT count(*) FROM documents WHERE text LIKE '%root:%'")
    return "a file outside the tree was ingested" if leaked else None


CASES = [
    Case("baseline_one_article", _good, {"good.txt": "stored"}),  # an ordinary run's peak: spaCy loaded
    Case("nested_json", nested_json, {"good.txt": "stored", "deep.json": "failed"}),
    Case("long_path", long_path, {"good.txt": "stored", "d" * 240: "failed"}),
    Case("bad_bytes_name", bad_bytes_name, {"good.txt": "stored", "caf\\xe9-r\\xe9sum\\xe9.txt": "stored"}),
    Case("warc_bomb_256MiB_no_newline", warc_bomb, {"good.txt": "stored", "bomb.warc.gz": "failed"}),
    Case("gz_bomb_256MiB_newlines", gz_bomb_newlines,
         {"good.txt": "stored", "lines.warc.gz::https://example.org/fees": "stored", "lines.warc.gz": "failed"}),
    Case("jsonl_64MiB_line", jsonl_long_line, {"good.txt": "stored", "feed.jsonl:1": "stored",
                                               "feed.jsonl:2": "skipped"}),
    Case("parquet_64MiB_value", parquet_bomb, {"good.txt": "stored", "feed.parquet#0": "skipped",
                                                "feed.parquet#1": "stored"}),
    Case("cjk", cjk, {"good.txt": "stored", "zh.txt": "stored", "ja.txt": "stored"}, check_cjk),
    Case("repeated_lines", repeated_lines, {"march.txt": "stored"}, check_repeated),
    Case("json_types", json_types, {"list.json#0": "stored", "object.json#0": "skipped",
                                    "surrogate.jsonl:1": "stored"}, check_types),
    Case("epoch_and_object_dates", dates, {f"dates.jsonl:{i}": "stored" for i in range(1, 6)}, check_dates),
    Case("titled_brief", titled_brief, {"brief.json#0": "stored", "same.json#0": "stored"}),
    # "articles" is read before "real": the same story there is the stored one.
    Case("symlinks", symlinks, {"good.txt": "stored", "articles/story.txt": "stored", "real/story.txt": "duplicate",
                                "passwd.txt": "skipped", "real/again": "skipped", "articles/again": "skipped",
                                "gone.txt": "failed"},
         check_symlinks),
    Case("unreadable_folder", unreadable_folder, {"good.txt": "stored", "locked": "failed"}),
]


def _ingest(folder: Path, db: Path, log: Path) -> Run:
    cmd = [sys.executable, "-c", "from newsledger.cli import main; main()", "ingest", str(folder), "--db", str(db),
           "--quiet"]
    start = time.perf_counter()
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=out)
        # wait4 gives this child's own peak RSS, where RUSAGE_CHILDREN would give the largest so far.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    rows: list[tuple[str, str, str]] = []
    stored = 0
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            rows = [(str(s), str(t), str(r or "")) for s, t, r in
                    con.execute("SELECT source, status, reason FROM ingest_log ORDER BY source").fetchall()]
            stored = int(_one(con, "SELECT count(*) FROM documents") or 0)
    return Run(proc.returncode, seconds, usage.ru_maxrss / 1024, rows, stored)


def _misses(case: Case, db: Path) -> list[str]:
    first, second = case.runs
    misses = [f"run {i + 1} exit {r.code}" for i, r in enumerate(case.runs) if r.code != 0]
    for suffix, status in case.expect.items():
        hits = [row for row in first.rows if row[0].endswith(suffix)]
        if len(hits) != 1:
            misses.append(f"{suffix}: {len(hits)} log rows")
        elif hits[0][1] != status:
            misses.append(f"{suffix}: {hits[0][1]} ({hits[0][2][:80]}), want {status}")
    if len(first.rows) != len(case.expect):
        misses.append(f"{len(first.rows)} log rows for {len(case.expect)} inputs")
    if [r[:2] for r in first.rows] != [r[:2] for r in second.rows] or first.stored != second.stored:
        misses.append("the rerun left a different log or store")
    misses += [f"reason of {len(r[2])} characters" for r in first.rows if len(r[2]) > MAX_REASON]
    misses += [f"peak {r.peak_mb:.0f} MB" for r in case.runs if r.peak_mb >= PEAK_LIMIT_MB]
    if case.check and db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            if problem := case.check(con):
                misses.append(problem)
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reliability_ingest_"))
    failed = 0
    print(f"{'case':30} {'exit':>6} {'stored':>6} {'logged':>6} {'peak MB':>8} {'s':>6}  result")
    try:
        for case in CASES:
            if args.only and case.name not in args.only:
                continue
            folder, db = work / case.name, work / f"{case.name}.duckdb"
            folder.mkdir()
            if case.name == "unreadable_folder" and os.geteuid() == 0:
                print(f"{case.name:30} skipped: root reads every folder")
                continue
            # Built in a child process: a fork of this one would otherwise carry the memory
            # the builder used (a 256 MiB Parquet value) into the measured run's peak.
            builder = multiprocessing.get_context("spawn").Process(target=case.build, args=(folder,))
            builder.start()
            builder.join()
            case.runs = [_ingest(folder, db, work / f"{case.name}.log") for _ in range(2)]
            misses = _misses(case, db)
            failed += bool(misses)
            first = case.runs[0]
            codes = "/".join(str(r.code) for r in case.runs)
            peak = max(r.peak_mb for r in case.runs)
            print(f"{case.name:30} {codes:>6} {first.stored:>6} {len(first.rows):>6} {peak:>8.0f} "
                  f"{first.seconds:>6.1f}  {'ok' if not misses else 'MISS: ' + '; '.join(misses)}", flush=True)
    finally:
        for locked in work.glob("*/locked"):
            locked.chmod(0o755)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("all cases pass" if not failed else f"{failed} case(s) missed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
