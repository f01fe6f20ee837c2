"""The actors stage: entity mentions -> actor mentions, resolved within one document.

Reads:   a parsed spaCy ``Doc`` (entities fixed by the gazetteer ruler) and the gazetteer.
Returns: ``Mention`` rows that carry an actor: kind, country (ISO3) or IGO code, PLOVER
         sector, the title phrase that said so, and the rule that fired. Besides named
         entities this adds pronouns, descriptions ("the diplomat"), groups ("Armenian
         separatists") and metonymy ("Baku said") as mentions.
Rules:   titles and appositions give role, country and sector; surnames join a person's
         mentions (fixing NER labels on the way); a pronoun or description takes the most
         recent fitting person; a capital or seat that acts (not "in Baku") is its
         government. No coreference model can be installed here, so these are hand rules.
Modules: ``actor_base`` (the document's state, adding a mention), ``actor_syntax`` (where a
         phrase stands in the parse), ``actor_people`` (titles, names, descriptions),
         ``actor_institutions`` (a state's bodies, demonyms, possessives, and, by ``actor_setting``,
         the state an article is set in, for "police" or "the Supreme Court"), ``actor_organisations``
         (organisations, names that hold a state's, short forms), ``actor_entities`` (named entities:
         states, seats, regions, members of a body), ``actor_groups`` (groups and occupations),
         ``actor_descriptions`` ("the council", "the group": the body named before); this module
         walks the document and composes them.
Cross-document merging (spelling variants) happens later, in ``resolve/aliases.py``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.models import Mention
from newsledger.pipeline.actor_base import Person
from newsledger.pipeline.actor_descriptions import AGENTS, Descriptions
from newsledger.pipeline.actor_entities import Entities
from newsledger.pipeline.actor_groups import Groups
from newsledger.pipeline.actor_syntax import is_predicate, reporting_subject
from newsledger.pipeline.gazetteer import Gazetteer

PRONOUNS = {"he", "she", "him"}
# Words that may describe an international body the document names ("allies": NATO), looked up per token.
BODY_WORDS = frozenset(w for w, d in AGENTS.descriptions.items() if d.bodies)


class DocumentActors(Entities, Groups, Descriptions):
    """Resolve the actor mentions of one parsed document."""

    def run(self) -> list[Mention]:
        ents = self._named()
        surnames = {e.text.split()[-1] for e in self.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
        chunks = {c.start: c for c in self.sdoc.noun_chunks}
        i = 0
        while i < len(self.sdoc):
            tok = self.sdoc[i]
            ent = ents.get(i)
            chunk = chunks.get(i)
            if chunk is not None and is_predicate(chunk.root):
                i = chunk.end  # "groups it regards as terrorists", "served as envoy": what someone is called
                continue
            if chunk is not None and (self._description(chunk) or self._members_of(chunk)):
                i = chunk.end  # "the council" after the Transitional Military Council, "fighters of Hamas"
                continue
            # A group phrase wins over the entity it starts with: "Armenia-backed separatists"; an armed
            # organisation's "its fighters" are that organisation.
            if chunk is not None and (self._armed_owner(chunk) or self._is_group(chunk) and self._chunk(chunk)):
                i = chunk.end
                continue
            if chunk is not None and (self._possessed(chunk) or self._led_by(chunk) or self._leader_owned(chunk)
                                      or self._agent_phrase(chunk)):
                i = chunk.end
                continue
            if ent is not None:
                self._entity(ent, surnames)
                i = ent.end
                continue
            if chunk is not None and self._chunk(chunk):
                i = chunk.end
                continue
            if tok.text == "[" and (named := self._bracketed_name(i)) is not None:
                self._person(named, "PERSON")
                i = named.end + 1
                continue
            if tok.text in surnames and tok.is_title:  # a surname the NER missed
                self._person(self.sdoc[i : i + 1], "PERSON")
            elif tok.lower_ in PRONOUNS:
                bracketed = self._bracketed(tok)  # "He [Sarkisian] came": the editor's name wins
                person = bracketed or self._referent(tok)
                speaker = None if bracketed else self._speaker(tok)
                if isinstance(speaker, Mention):
                    self._add(tok, "PRON", speaker.actor_id, speaker.actor_name, "person", speaker.country,
                              speaker.igo, speaker.sector, None, "pronoun")
                elif person is not None and speaker is None:
                    self._add(tok, "PRON", person.key, person.name, "person", person.country, person.igo,
                              person.sector, None, "pronoun")
            elif tok.lower_ in BODY_WORDS and (body := self._body_for(tok.lower_)) is not None \
                    and tok.dep_ != "compound":
                span = self.sdoc[i - 1 : i + 1] if i > 0 and self.sdoc[i - 1].lower_ == "the" else tok
                self._add(span, "NOM", f"igo:{body}", body, "organisation", None, body, "IGO", None,
                          "body_description")
            else:
                self._unmarked_body(tok)  # "the Houthis", which the NER left unmarked
            i += 1
        self._renamed()
        return self.mentions

    def _speaker(self, pronoun: Token) -> Mention | bool | None:
        """The one who says what a pronoun's clause reports, when no name gave that person: their mention
        ("Ghana's police chief said he would ban the rally": the chief, not the last person named), or True
        when nothing names them ("the opposition leader said he would", with no opposition leader named): the
        pronoun is theirs, unknown. None where the speaker is named, or the pronoun reports nothing."""
        if pronoun.dep_ != "nsubj" or (subject := reporting_subject(pronoun)) is None:
            return None
        said = next((m for m in reversed(self.mentions) if m.start <= subject.idx < m.end), None)
        if said is None:
            return subject.lemma_.lower() in AGENTS.titles and subject.tag_ == "NN" or None
        return said if said.kind == "person" and not (said.actor_id or "").startswith("person:") else None

    def _referent(self, pronoun: Token) -> Person | None:
        """The person "he" or "him" stands for: the last person who was a subject, else the last named; "him"
        never its own clause's subject, who would be "himself" ("Putin called Erdogan and warned him": Erdogan)."""
        if pronoun.lower_ == "him" and (subject := _clause_subject(pronoun)) is not None:
            own = next((m.actor_id for m in reversed(self.mentions) if m.start <= subject.idx < m.end
                        and m.kind == "person"), None)
            if own is not None:
                return next((p for p in self._seen if p.key != own), None)
        return self._last_subject or self._last_person


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the clause a pronoun object stands in, through conjoined verbs that share it ("Putin
    called Erdogan and warned him")."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "warned against him", "a call to him"
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subject
        verb = verb.head


def actor_tokens(sdoc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the actor mention covering it; what the quotes and events stages look up."""
    at: dict[int, Mention] = {}
    for m in mentions:
        if m.actor_id:
            for tok in sdoc.char_span(m.start, m.end, alignment_mode="expand") or []:
                at.setdefault(tok.i, m)
    return at


def find_actors(sdoc: Doc, doc_id: str, gaz: Gazetteer, published: str | None = None) -> list[Mention]:
    """All actor mentions of one parsed document, in text order; bare names resolve by ``published``."""
    return DocumentActors(sdoc, doc_id, gaz, published).run()
