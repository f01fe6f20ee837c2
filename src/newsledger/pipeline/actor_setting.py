"""The state an article is set in, for actors the text names only by what they are ("police",
"the government", "protesters"): a careful coder gives them the country the story is about.

The setting is the state the article's places and demonyms point to most often, counted over
its named places, states, capitals, cities and demonyms (each mention once, a city by the
state it lies in), and over the people it names whom the knowledge base places in a state
on its publication date (full names only: "Uhuru Kenyatta", not "Kenyatta"). A dateline
counts as one place among the others: wire copy is filed from capitals far from the story
("PARIS" over a Cambodian peace accord). When no state clearly
leads (``LEAD`` times the runner-up, and at least ``MIN_MENTIONS`` mentions, one fewer for the state the
story is filed from), the article is set
where it was filed from if that is one of the two leading states, and otherwise has no setting: such
actors stay unlinked, as a wrong country is worse than none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Span

from newsledger.pipeline.actor_base import clean_name
from newsledger.pipeline.gazetteer import Gazetteer, place
from newsledger.pipeline.knowledge import KnowledgeBase

# Entity labels that name a place or a people.
PLACE_LABELS = ("GPE", "LOC", "NORP")
# How far the leading state must lead: over the runner-up, and in mentions at all.
LEAD = 2.0
MIN_MENTIONS = 3


def article_setting(ents: Iterable[Span], gaz: Gazetteer, kb: KnowledgeBase, published: str | None,
                    filed_from: str | None = None) -> str | None:
    """ISO3 of the state the article is set in, or None when its places and actors point to no one state.
    ``filed_from``: the state of its dateline's place, if it has one."""
    counts: Counter[str] = Counter()
    for ent in ents:
        name = clean_name(ent.text)
        if ent.label_ == "PERSON":
            known = kb.resolve(name, published) if len(name.split()) > 1 else None
            if known is not None and known.country and not known.igo:
                counts[known.country] += 1
            continue
        if ent.label_ not in PLACE_LABELS or gaz.igo(name):
            continue  # "the EU", "NATO": bodies, not places
        if iso := gaz.country(name) or place(name)[0]:
            counts[iso] += 1
    ranked = counts.most_common(2)
    # A short story filed from the state it names most needs fewer mentions: its dateline is one of them.
    if not ranked or ranked[0][1] < (MIN_MENTIONS - 1 if ranked[0][0] == filed_from else MIN_MENTIONS):
        return None
    if len(ranked) == 2 and ranked[0][1] < LEAD * ranked[1][1]:
        # Two states close: the one the story is filed from, if it is one of them ("ASUNCION" over a
        # border row with Bolivia in every paragraph); a far capital's dateline is not among them.
        return filed_from if filed_from in (ranked[0][0], ranked[1][0]) else None
    return ranked[0][0]
