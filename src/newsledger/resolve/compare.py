"""Source comparison within a story: who reported what, whose words differ, which figures clash.

- Events and quotes by outlet: which merged events each outlet's articles report, and
  which speakers each outlet quotes.
- Distinguishing terms: for each outlet against the story's other outlets, the weighted
  log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
  "Fightin' Words", eq. 22), the prior being the story's own word counts. Hand-written:
  the formula is a few lines of arithmetic and no maintained library offers it.
- Conflicting claims: figures that count the same thing (same unit family, and the same verb
  or alike descriptions) with different values in different articles, side by side with who
  asserts them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from newsledger.store import compare as rows
from newsledger.store.db import Store

_WORD = re.compile(r"[a-z][a-z'-]+")
PRIOR_SCALE = 1.0  # the prior's total weight, as a share of the story's word count
# What counts as the same thing counted: unit lemmas by family.
UNIT_FAMILIES = {
    "troops": {"troop", "soldier", "serviceman", "personnel", "peacekeeper", "sailor", "servicemen"},
    "people": {"people", "person", "civilian", "resident", "refugee", "armenians", "azerbaijanis"},
}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def log_odds(counts: dict[str, Counter[str]], top: int = 10, min_count: int = 2) -> dict[str, list[dict[str, Any]]]:
    """Each group's most distinctive words against all other groups, by z-scored log-odds."""
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    n_all = sum(total.values())
    a0 = PRIOR_SCALE * n_all
    alpha = {w: a0 * n / n_all for w, n in total.items()}
    out: dict[str, list[dict[str, Any]]] = {}
    for group, mine in counts.items():
        n_i = sum(mine.values())
        n_j = n_all - n_i
        scored: list[dict[str, Any]] = []
        for w, a_w in alpha.items():
            y_i, y_j = mine[w], total[w] - mine[w]
            if y_i < min_count:
                continue
            delta = (math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
                     - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
            z = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
            scored.append({"term": w, "z": round(z, 2), "count": y_i, "others": y_j})
        out[group] = sorted(scored, key=lambda r: (-r["z"], r["term"]))[:top]
    return out


def _words(text: str, drop: set[str]) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and w not in drop and len(w) > 2]


def _family(unit: str | None) -> str | None:
    if not unit:
        return None
    u = unit.lower()
    return next((name for name, members in UNIT_FAMILIES.items() if u in members), u)


def _same_count(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two claims count the same thing: the same verb ("killed"), or one gives no verb and both
    describe what they count alike ("90 Azerbaijani troops", "94 Azerbaijani personnel")."""
    if a["verb"] and b["verb"]:
        return bool(a["verb"] == b["verb"])
    words = [set(_WORD.findall((c["counted"] or "").lower())[:-1]) for c in (a, b)]
    return bool(words[0] & words[1])


def conflicting_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures that count the same thing with different values in different articles."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        family = _family(c["unit"])
        if family is None or family in MONTHS or c["unit"] in ("percent", "USD", "EUR"):
            continue
        groups[family].append(c)
    out = []
    for family, members in sorted(groups.items()):
        clashing: dict[int, dict[str, Any]] = {}
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a["doc_id"] != b["doc_id"] and a["value"] != b["value"] and _same_count(a, b):
                    clashing[id(a)], clashing[id(b)] = a, b
        if clashing:
            found = sorted(clashing.values(), key=lambda c: (c["published"] or "", c["value"]))
            verbs = sorted({c["verb"] for c in found if c["verb"]})
            out.append({"counted": family, "verb": verbs[0] if len(verbs) == 1 else None,
                        "values": sorted({c["value"] for c in found}), "claims": found})
    return out


def compare(store: Store, story_id: str) -> dict[str, Any]:
    docs = rows.articles(store, story_id)
    doc_ids = [d["doc_id"] for d in docs]
    outlet_of = {d["doc_id"]: d["outlet"] for d in docs}
    events = rows.merged_events(store, doc_ids)
    for ev in events:
        ev["outlets"] = sorted({outlet_of[d] for d in ev.pop("doc_ids")})
    quoted: dict[str, Counter[str]] = defaultdict(Counter)
    for q in rows.speakers(store, doc_ids):
        quoted[q["speaker"]][outlet_of[q["doc_id"]]] += q["n"]
    drop = {w for o in set(outlet_of.values()) for w in _WORD.findall(o.lower())}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, text in rows.body_sentences(store, doc_ids):
        counts[outlet_of[doc_id]].update(_words(text, drop))
    claims = rows.claims(store, doc_ids)
    return {
        "story_id": story_id,
        "outlets": dict(Counter(outlet_of.values()).most_common()),
        "events": events,
        "quotes": [{"speaker": s, "outlets": dict(c)}
                   for s, c in sorted(quoted.items(), key=lambda x: (-sum(x[1].values()), x[0]))],
        "terms": log_odds(counts) if len(counts) > 1 else {},
        "conflicting_claims": conflicting_claims(claims),
    }
