"""Duplicate articles: exact copies (from the ingest log) and near copies (MinHash LSH).

Reads:   ``documents`` not yet signed, ``ingest_log`` rows of exact duplicates.
Writes:  ``doc_minhash`` and ``doc_bands`` for the new documents, ``duplicates`` rows.
Near:    a wire story republished with a new headline and caption has the same body, so the
         signature covers only the body's word shingles. datasketch computes the MinHash; the
         LSH bands live in DuckDB rather than in datasketch's in-memory index, so adding 1,000
         articles to a store of 100,000 is one equi-join on (band, hash) against the stored
         bands, not a rebuild of the index. Candidates are then checked by their estimated
         Jaccard similarity. The later document (by publication date, then documents of
         earlier passes of this stage first, then document id) is the duplicate of the earlier
         one; chains point at the first. Never the time a document was stored: that follows
         each worker's clock, and the same inputs must give the same duplicates.
"""

from __future__ import annotations

import json
import re

import numpy as np
from datasketch import MinHash

from newsledger.config import ResolveConfig
from newsledger.store import duplicates
from newsledger.store.db import Store

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.8 collide with probability ~1, at 0.3 ~0.23
ROWS = NUM_PERM // BANDS
BATCH = 2_000  # documents signed at a time
_WORD = re.compile(r"\w+")


def body_text(text: str, sections: str) -> str:
    """The body paragraphs of a stored document (titles and captions left out)."""
    spans = [(s, e) for kind, s, e in json.loads(sections) if kind == "body"]
    return "\n".join(text[s:e] for s, e in spans) or text


def signature(body: str, shingle_words: int) -> np.ndarray:
    words = _WORD.findall(body.lower())
    n = max(1, len(words) - shingle_words + 1)
    shingles = {" ".join(words[i : i + shingle_words]).encode() for i in range(n)} or {b""}
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(list(shingles))
    sig: np.ndarray = m.hashvalues.astype(np.uint64)
    return sig


def bands(sig: np.ndarray) -> list[int]:
    """One hash per band; ints hash the same in every process (no hash randomisation)."""
    return [hash(tuple(sig[b * ROWS : (b + 1) * ROWS].tolist())) for b in range(BANDS)]


def find_duplicates(store: Store, cfg: ResolveConfig) -> int:
    """Sign new documents, record exact and near duplicates; returns the new duplicate rows."""
    before = store.count("duplicates")
    duplicates.record_exact(store)
    todo = duplicates.unsigned(store)
    for start in range(0, len(todo), BATCH):  # bounded memory on a first ingest of a large archive
        _sign_batch(store, todo[start : start + BATCH], cfg, set(todo))
    return store.count("duplicates") - before


def _sign_batch(store: Store, doc_ids: list[str], cfg: ResolveConfig, this_pass: set[str]) -> None:
    """Sign a batch, store its bands, and record its near-duplicates among everything signed so far.

    ``this_pass``: every document this run of the stage signs; the others came before them.
    """
    sigs = {doc_id: signature(body_text(text, sections), cfg.shingle_words)
            for doc_id, text, sections in duplicates.texts(store, doc_ids)}
    banded = [(b, h, d) for d, s in sigs.items() for b, h in enumerate(bands(s))]
    pairs = duplicates.add_signatures(store, {d: s.tolist() for d, s in sigs.items()}, banded)
    if pairs:
        _record_near(store, pairs, sigs, cfg.near_duplicate, this_pass)


def _similar(pairs: list[tuple[str, str]], sigs: dict[str, np.ndarray], threshold: float
             ) -> dict[tuple[str, str], float]:
    """Each unordered pair whose estimated Jaccard similarity (the share of equal MinHash values)
    reaches ``threshold``, computed as one array operation: a wire story copied many times gives
    tens of thousands of pairs."""
    unique = sorted({(a, b) if a < b else (b, a) for a, b in pairs})
    if not unique:
        return {}
    ids = sorted(sigs)
    row = {d: i for i, d in enumerate(ids)}
    matrix = np.stack([sigs[d] for d in ids])
    left = np.fromiter((row[a] for a, _ in unique), dtype=np.intp, count=len(unique))
    right = np.fromiter((row[b] for _, b in unique), dtype=np.intp, count=len(unique))
    shares = (matrix[left] == matrix[right]).mean(axis=1)
    return {pair: float(share) for pair, share in zip(unique, shares, strict=True) if share >= threshold}


def _record_near(store: Store, pairs: list[tuple[str, str]], sigs: dict[str, np.ndarray], threshold: float,
                 this_pass: set[str]) -> None:
    others = {b for _, b in pairs if b not in sigs}
    if others:
        for doc_id, sig in duplicates.signatures(store, sorted(others)):
            sigs[doc_id] = np.asarray(sig, dtype=np.uint64)
    close = _similar(pairs, sigs, threshold)
    if not close:
        return
    involved = sorted({d for pair in close for d in pair})
    docs = duplicates.documents(store, involved)
    docs.sort(key=lambda r: (r[3] is None, r[3] or "", r[0] in this_pass, r[0]))
    order = {d: i for i, (d, *_) in enumerate(docs)}
    # A republication credits the original's outlet ("BRUSSELS, April 4 (Meridian) --"): that
    # decides before dates, which a republisher often lacks or shares.
    outlet = {d: o for d, o, *_ in docs}
    text = {d: t for d, _, t, _ in docs}

    def credits(a: str, b: str) -> bool:
        return bool(outlet[b]) and outlet[b] != outlet[a] and f"({outlet[b]}" in text[a]

    for a, b in sorted(close):  # swaps compose: the same order every run
        if credits(a, b) != credits(b, a):
            early, late = (b, a) if credits(a, b) else (a, b)
            if order[early] > order[late]:
                order[early], order[late] = order[late], order[early]
    known = duplicates.known(store)
    earliest: dict[str, str] = {}  # each later document -> the earliest document close to it
    best: dict[str, float] = {}
    for (a, b), sim in close.items():
        early, late = sorted((a, b), key=order.__getitem__)
        if late not in earliest or order[early] < order[earliest[late]]:
            earliest[late] = early
        best[late] = max(best.get(late, 0.0), sim)
    first: dict[str, str] = {}  # chains point at the first: C repeats B repeats A -> C and B repeat A
    for late in sorted(earliest, key=order.__getitem__):
        first[late] = first.get(earliest[late], earliest[late])
    rows = [(first[late], round(best[late], 3), late) for late in first if late not in known]
    if rows:
        duplicates.record_near(store, rows)
