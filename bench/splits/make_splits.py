"""Write the tune/check split of the gold dev sets, once, by id (bench/splits/*.json).

Run only to recreate the recorded split; the JSON files are the record. ConfliBERT rows go
by a hash of their id (the split used since 2026-11-25, whose tune half alone has been read).
A PLV sentence that is also a ConfliBERT sentence keeps that sentence's half, so no check
sentence is ever read through the other set; the rest go by a hash of the sentence id, all
pairs of one sentence in one half.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"
HERE = Path(__file__).resolve().parent


def _half(key: str) -> str:
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "check"


def main() -> None:
    conf = [json.loads(line) for line in (GOLD / "conflibert_train.jsonl").read_text("utf-8").splitlines()]
    by_text = {r["text"].strip(): _half(r["id"]) for r in conf}
    split = {"tune": sorted(r["id"] for r in conf if _half(r["id"]) == "tune"),
             "check": sorted(r["id"] for r in conf if _half(r["id"]) == "check")}
    (HERE / "conflibert.json").write_text(json.dumps(split, indent=0) + "\n")
    plv = [json.loads(line) for line in (GOLD / "plv_train.jsonl").read_text("utf-8").splitlines()]
    halves = {r["id"]: by_text.get(r["text"].strip(), _half("plv-sentence-" + r["sentence_id"])) for r in plv}
    (HERE / "plv.json").write_text(json.dumps({h: sorted(i for i, v in halves.items() if v == h)
                                               for h in ("tune", "check")}, indent=0) + "\n")


if __name__ == "__main__":
    main()
