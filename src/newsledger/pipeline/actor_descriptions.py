"""Definite descriptions that refer back to a body the article named: "the council", "the group".

News names a body once and then calls it by its kind: "the Tamil Tigers ... the group was blamed
for the bombing", "officers announced a National Redemption Council ... the council closed the
airport", "appealed to the CSTO ... officials said the bloc would send peacekeepers". Which nouns refer back to what is
data (``[descriptions]`` in ``data/agents.toml``); this module finds the body meant: the latest one
named in the sentence or the few before whose name holds the noun or whose sector fits, or an
international body the document names ("the alliance": NATO). Hand-written, as the other actor
rules are: no coreference model can be installed here.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsledger.models import Mention
from newsledger.pipeline.actor_base import BaseDocumentActors
from newsledger.pipeline.agents import Description, load_agents

AGENTS = load_agents()
LOOKBACK = 5  # sentences before a description's own in which the body it means may be named
DEFINITE = frozenset({"the", "this", "that"})
NAMED_BODIES = ("org:", "igo:")  # actor ids of bodies named as such, not groups described ("group:", "gov:")


class Descriptions(BaseDocumentActors):
    """Descriptions of a body, resolved to the body the article named."""

    def _description(self, chunk: Span) -> bool:
        """Add "the council" as the body it refers back to; False when it is no such description
        or nothing fitting was named (the other rules then read it: "the council" of a state)."""
        head = chunk.root
        description = AGENTS.descriptions.get(head.lower_)
        if description is None or not (description.named or description.sectors) or head.i == chunk.start \
                or chunk[0].lower_ not in DEFINITE or any(c.dep_ == "prep" for c in head.children):
            return False  # "the group of soldiers" names its members, "the Movement for Democracy" a body
        modifiers = [t for t in chunk[1:] if t.i != head.i]
        if any(t.ent_type_ or t.pos_ == "PROPN" for t in modifiers):
            return False  # a name of its own: "the Maoist party", "the Security Council"
        body = self._referred(chunk, description, modifiers)
        if body is None:
            return False
        self._add(chunk, "NOM", body.actor_id, body.actor_name, body.kind, body.country, body.igo, body.sector, None,
                  "body_description")
        return True

    def _referred(self, chunk: Span, description: Description, modifiers: list[Token]) -> Mention | None:
        """The latest body named before ``chunk`` (in its sentence or the ``LOOKBACK`` before) whose name
        holds the description's noun or, named as a body, has a sector the description allows, and whose name or sector
        each modifier fits ("the military council" after the Transitional Military Council, "the
        rebel group" after a rebel group; not "the city council" after the Security Council)."""
        first = self._sentence_idx(chunk[0]) - LOOKBACK
        noun = chunk.root.lower_
        for mention in reversed(self.mentions):
            if mention.actor_id is None or mention.kind == "person" or mention.start >= chunk.start_char \
                    or mention.sentence_idx < first:
                continue
            words = set(re.findall(r"[a-z]+", f"{mention.text} {mention.actor_name or ''}".lower()))
            if not (description.named and noun in words
                    or mention.sector in description.sectors and mention.actor_id.startswith(NAMED_BODIES)):
                continue  # a sector's body by its name: not "fighters" before "the group"
            if all(t.lower_ in words or AGENTS.nouns.get(t.lemma_.lower()) == mention.sector
                   for t in modifiers if t.pos_ != "DET"):
                return mention
        return None

    def _body_for(self, word: str) -> str | None:
        """The international body a description ("the alliance", "allies", "the co-chairs") means in
        this document: one of its ``bodies`` the document names."""
        description = AGENTS.descriptions.get(word)
        return next((b for b in description.bodies if b in self.bodies), None) if description else None
