"""The actors stage's whole output, dumped to compare before and after a change, and its CPU time.

Usage:  .venv/bin/python bench/actors_identical.py dump OUT.jsonl [--cache DIR]
        .venv/bin/python bench/actors_identical.py time [--corpus DIR] [--runs 3] [--cache DIR]

``dump`` writes every mention ``find_actors`` returns (all fields, in its order) and the token
map ``actor_tokens`` builds, one line per document, for the example corpus, the events tune
articles and the actors world dev sentences: a refactoring of the stage must leave the file
byte-identical (``cmp old.jsonl new.jsonl``). ``time`` reports the CPU seconds
(``time.process_time``) of the stage alone over a corpus, default ``examples/corpus`` (a
benchmark corpus: ``newsledger.bench.make_variants``), once per run. Parsing is the slow part
and no part of the stage, so parsed documents are kept in ``--cache`` (spaCy ``DocBin``) and
reused; delete it after changing the parse.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsledger.config import load_config
from newsledger.models import Document, RawInput
from newsledger.pipeline.actors import actor_tokens, find_actors
from newsledger.pipeline.annotate import load_model
from newsledger.pipeline.gazetteer import load_gazetteer
from newsledger.pipeline.ingest.prepare import prepare
from newsledger.pipeline.ingest.readers import iter_inputs
from newsledger.pipeline.sentences import sentences

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "examples" / "corpus", ROOT / "tests" / "data" / "events_tune" / "articles"]
SENTENCES = ROOT / "tests" / "data" / "actors_world_dev.jsonl"

Parsed = list[tuple[Document, Doc]]


def documents(folders: list[Path], sentences: Path | None) -> list[Document]:
    """The prepared documents of the folders, then one per labelled sentence (with its date)."""
    cfg = load_config().ingest
    raws = [r for r in iter_inputs([str(f) for f in folders], cfg) if isinstance(r, RawInput)]
    if sentences is not None:
        rows = [json.loads(line) for line in sentences.read_text("utf-8").splitlines() if line.strip()]
        raws += [RawInput(source=r["id"], fmt="txt", content=r["sentence"],
                          given={"published": r["published"]} if r.get("published") else {}) for r in rows]
    prepared = [prepare(r, cfg) for r in raws]
    return [d for d in prepared if isinstance(d, Document) and d.analysable]


def parsed(name: str, folders: list[Path], sentences: Path | None, cache: Path) -> Parsed:
    """Documents with their parses, from the cache when it holds them."""
    docs = documents(folders, sentences)
    nlp = load_model(load_config().annotate.model, load_config().annotate.disable)
    path = cache / f"{name}.spacy"
    if path.exists():
        sdocs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        sdocs = list(nlp.pipe((d.text for d in docs), batch_size=16))
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=sdocs).to_disk(path)
    if [s.text for s in sdocs] != [d.text for d in docs]:
        raise SystemExit(f"{path} holds other documents: delete it")
    return list(zip(docs, sdocs, strict=True))


def dump(pairs: Parsed, out: Path) -> None:
    gaz = load_gazetteer()
    with out.open("w", encoding="utf-8") as fh:
        for doc, sdoc in sorted(pairs, key=lambda p: p[0].doc_id):
            mentions = find_actors(sdoc, doc.doc_id, gaz, doc.published)
            at = actor_tokens(sdoc, mentions)
            row = {"doc": doc.doc_id, "mentions": [dataclasses.astuple(m) for m in mentions],
                   "tokens": sorted((i, m.idx) for i, m in at.items())}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def cpu(pairs: Parsed, runs: int) -> list[float]:
    """CPU seconds of the stage over all documents, per run; each run on fresh copies of the
    parses, so no per-document cache of an earlier run is reused. Each copy's sentence index is
    built first, as ingest builds it (for the sentence rows) before the actors stage."""
    gaz = load_gazetteer()
    times = []
    for _ in range(runs):
        fresh = [(d, s.copy()) for d, s in pairs]
        for _doc, sdoc in fresh:
            sentences(sdoc)
        start = time.process_time()
        for doc, sdoc in fresh:
            actor_tokens(sdoc, find_actors(sdoc, doc.doc_id, gaz, doc.published))
        times.append(time.process_time() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("dump", "time"))
    parser.add_argument("out", nargs="?", type=Path, help="dump: the file to write")
    parser.add_argument("--corpus", type=Path, help="time: a folder of articles (default: the dump's inputs)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/actors_identical"), help="parsed documents")
    args = parser.parse_args()
    if args.corpus is not None:
        pairs = parsed(args.corpus.name, [args.corpus], None, args.cache)
    else:
        pairs = parsed("identical", FOLDERS, SENTENCES, args.cache)
    if args.action == "dump":
        if args.out is None:
            parser.error("dump needs OUT")
        dump(pairs, args.out)
        print(f"{len(pairs)} documents -> {args.out}")
    else:
        times = cpu(pairs, args.runs)
        print(f"actors stage over {len(pairs)} documents: CPU s per run " + " ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
