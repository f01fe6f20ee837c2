"""A state's institutions: "Azerbaijan's forces", "Turkey's parliament", "Azerbaijani troops",
"Armenian officials" (demonyms), "its forces" (possessives meaning the state that is the subject),
a demonym's people ("against Azerbaijanis": the country's civilians), and the state the article is set
in (``actor_setting``), whose bodies a phrase or name with no state of its own names ("police").
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Span, Token

from newsledger.models import Mention
from newsledger.pipeline.actor_base import BaseDocumentActors, clean_name
from newsledger.pipeline.actor_people import one_person
from newsledger.pipeline.actor_setting import article_setting
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import place

AGENTS = load_agents()


def _nouns(sector: str) -> frozenset[str]:
    return frozenset(w for w, s in AGENTS.nouns.items() if s == sector)


MIL_NOUNS, GOV_NOUNS, REB_NOUNS, LEG_NOUNS = _nouns("MIL"), _nouns("GOV"), _nouns("REB"), _nouns("LEG")
DEMONYM_HEADS = MIL_NOUNS | GOV_NOUNS | REB_NOUNS  # what ``_norp`` codes after a demonym
# Sectors of armed organisations, whose "its fighters" or "their forces" are the organisation itself.
ARMED_SECTORS = frozenset({"REB", "PRM", "MIL", "UAF", "CRM"})
# Sectors of a state's own bodies and people, which a phrase naming no place belongs to the
# article's setting: its government, police, military, opposition, rebels, courts, workers, people.
SETTING_SECTORS = {"GOV", "COP", "MIL", "CVL", "OPP", "REB", "EDU", "LAB", "LEG", "JUD"}


class Institutions(BaseDocumentActors):
    """Bodies of a state named through a demonym, a possessive or the state's name, or through the state
    the article is set in."""

    @cached_property
    def setting(self) -> str | None:
        """The state the article is set in (``actor_setting``), asked only when a phrase needs it."""
        return article_setting(self.ents, self.gaz, self.kb, self.published, self._filed_from())

    def _filed_from(self) -> str | None:
        """The state of the place the article's dateline names ("ASUNCION, May 4 (Wire) -"), which the NER
        may miss or call an organisation."""
        where = next((d.place for d in self.datelines.values()), None)
        return (self.gaz.country(where) or place(where)[0]) if where else None

    def _add_agent(self, chunk: Span, sector: str, iso: str, rule: str) -> None:
        """An agent phrase as the body of a state's sector it names: "Uganda (judiciary)"."""
        root = chunk.root
        span = chunk if chunk[0].lower_ not in ("the", "a", "an") else chunk[1:]
        what = re.split(r"[:,(]", AGENTS.sectors[sector])[0].strip().lower()  # "police forces", "rebels"
        label = f"{self.gaz.country_name(iso)} ({what})"
        # "a U.S. official", "a Malian colonel": one unnamed person, coded to the body they serve.
        self._add(span, "NOM", f"{sector.lower()}:{iso}", label,
                  AGENTS.kind_of(root.lemma_.lower(), one_person(root), sector), iso, None, sector, None, rule)

    def _institution(self, ent: Span, iso: str) -> bool:
        """"Azerbaijan's forces", "Turkey's parliament", "Armenia's defence ministry"."""
        head = ent.root.head
        return self._add_institution(self.sdoc[ent.start : head.i + 1], head, iso, "institution")

    def _armed_owner(self, chunk: Span) -> bool:
        """An armed organisation's "its fighters" or "their forces", as a subject, are that organisation ("the
        Polisario Front said its fighters had exchanged fire"), not unnamed rebels. As an object they may be
        anyone's ("the rebels said government troops had shelled their positions")."""
        root = chunk.root
        owner = self._possessor(root)
        if owner is None or owner.lower_ not in ("its", "their") or root.lemma_.lower() not in MIL_NOUNS | REB_NOUNS \
                or root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        subject = self._subject_mention(owner)
        if subject is None or subject.kind == "state" or subject.sector not in ARMED_SECTORS:
            return False
        self._add(chunk, "NOM", subject.actor_id, subject.actor_name, subject.kind, subject.country, subject.igo,
                  subject.sector, None, "possessive")
        return True

    def _possessed(self, chunk: Span) -> bool:
        """"Its forces struck", "his government", "their army", "her country": the institution (or the state) the
        possessive means: for "its"/"their" the nearest subject before it, when that is a state; for
        "his"/"her" the state of the last person, when they serve it. "Our army" is left alone: whose
        depends on who is quoted."""
        root = chunk.root
        owner = self._possessor(root)
        if owner is None or owner.lower_ not in ("its", "their", "his", "her") or one_person(root):
            return False  # "its ambassador": one person, who acts for the state and is not its body
        person = self._last_subject or self._last_person
        if owner.lower_ in ("its", "their"):
            subject = self._subject_mention(owner)
            iso = subject.country if subject is not None and subject.kind == "state" else None
        else:  # a state's official: a rebel commander's "his forces" are not his state's
            iso = person.country if person is not None and person.sector in ("GOV", "MIL", "LEG") else None
        if iso is not None and root.lemma_.lower() in ("country", "nation"):
            self._add(chunk, "NOM", f"state:{iso}", self.gaz.country_name(iso), "state", iso, None, "GOV", None,
                      "possessive")  # "the Brazilian president said his country would send no troops": Brazil
            return True
        return iso is not None and self._add_institution(chunk, root, iso, "possessive")

    def _led_by(self, chunk: Span) -> bool:
        """A government named by its leader: "the Trump administration", "the Modi government", "the
        Lumumba government" are the government of the leader's state (by the person named before in the
        document, else the knowledge base at the publication date), not the leader."""
        root = chunk.root
        names = [c for c in root.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < root.i]
        if AGENTS.kinds.get(root.lemma_.lower()) != "state" or not names:
            return False
        iso, _ = self._leader(self.sdoc[names[0].i : names[-1].i + 1].text)
        return iso is not None and self._add_institution(chunk, root, iso, "leader_government")

    def _leader_owned(self, chunk: Span) -> bool:
        """A state's forces or government named by a leader's possessive: "Gaddafi's forces", "Museveni's
        government", "Assad's troops" are the military or government of the state that person serves (as
        "the Trump administration" is), not the person; a politician's party is their state's opposition or
        ruling party ("Odinga's party": KEN OPP, "Museveni's party": UGA PTY). A rebel leader's ("Makenga's
        forces") is left to the entity: whose group it is is not the state's."""
        root = chunk.root
        owner = self._possessor(root)
        if owner is None or owner.pos_ != "PROPN" or one_person(root) or owner.i < chunk.start:
            return False
        # The name, without a title before it ("President Yoweri Museveni's"): the person entity's words.
        names = [c for c in owner.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"] + [owner]
        iso, sector = self._leader(self.sdoc[min(t.i for t in names) : owner.i + 1].text)
        if iso is not None and sector in ("GOV", "OPP", "PTY") and root.lemma_.lower() == "party":
            self._add_agent(chunk, "OPP" if sector == "OPP" else "PTY", iso, "leader_party")
            return True
        return iso is not None and sector in ("GOV", "MIL") and self._add_institution(
            chunk, root, iso, "leader_possessive")

    def _leader(self, name: str) -> tuple[str | None, str | None]:
        """The state and sector of a person by name: the person named before in the document, else the
        knowledge base at the publication date."""
        person = self.persons.get(name.split()[-1].lower())
        if person is not None and person.country is not None:
            return person.country, person.sector
        known = self.kb.resolve(name, self.published, {"person"})
        return (known.country, known.sector) if known is not None else (None, None)

    def _possessor(self, root: Token) -> Token | None:
        """The possessive a phrase's head carries ("its" in "its forces"), if any."""
        return self.sdoc[owners[0]] if (owners := self._possessives.get(root.i)) else None

    def _subject_mention(self, tok: Token) -> Mention | None:
        """The actor that is the subject before ``tok``: the nearest one in its sentence ("helped
        Ukraine build up its forces"), else the main subject of the sentence before ("Azerbaijan
        began an offensive ... Its forces struck"); None when that subject names no actor."""
        n = self.sents.index(tok)
        subject = next((t for t in reversed(self.sdoc[self.sents.spans[n].start : tok.i])
                        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"), None)
        if subject is None and n > 0:
            root = self.sents.spans[n - 1].root
            subject = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"), None)
        if subject is None:
            return None
        return next((m for m in reversed(self.mentions) if m.start <= subject.idx < m.end and m.actor_id), None)

    def _add_institution(self, span: Span, head: Token, iso: str, rule: str) -> bool:
        """A state's military, legislature or government, named by ``head``, mentioned as ``span``."""
        lemma = head.lemma_.lower()
        sector = "MIL" if lemma in MIL_NOUNS else "LEG" if lemma in LEG_NOUNS else "GOV" if lemma in GOV_NOUNS else None
        if sector is None:
            return False
        name = self._mil(iso) if sector == "MIL" else self._gov(iso) if sector == "GOV" else \
            f"{self.gaz.country_name(iso)} (legislature)"
        self._add(span, "NOM", f"{sector.lower()}:{iso}", name, AGENTS.kind_of(lemma, one_person(head), sector), iso,
                  None, sector, None, rule)
        return True

    def _norp(self, ent: Span) -> None:
        iso = self.gaz.country(clean_name(ent.text))
        head = ent.root.head if ent.root.dep_ in ("amod", "compound", "nmod") else None
        if iso is not None and head is None and ent.root.tag_ in ("NNPS", "NNS", "NNP") and ent.text.endswith("s") \
                and ent.root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
            # "against Azerbaijanis": a people, coded as the country's civilians (PLOVER sector CVL).
            name = f"{self.gaz.country_name(iso)} civilians"
            self._add(ent, "NORP", f"civ:{iso}", name, "group", iso, None, "CVL", None, "demonym_people")
            return
        if iso is None or head is None or head.i < ent.end:
            return
        if head.ent_type_ == "PERSON" or (head.dep_ == "compound" and head.head.ent_type_ == "PERSON"):
            return  # "Azerbaijani President Ilham Aliyev": the title of a person, handled there
        lemma = head.lemma_.lower()
        span = self.sdoc[ent.start : head.i + 1]
        ethnic = ent.start > 0 and self.sdoc[ent.start - 1].lower_ == "ethnic"
        if ethnic:
            span = self.sdoc[ent.start - 1 : head.i + 1]
        if any(t.lemma_.lower() in REB_NOUNS for t in span) or (ethnic and lemma in MIL_NOUNS):
            name = f"{ent.text} separatists"
            self._add(span, "NOM", f"group:{name.lower()}", name, "group", iso, None, "REB", None, "group")
        elif lemma in MIL_NOUNS or lemma in GOV_NOUNS:  # "Azerbaijani troops", "Armenian officials"
            self._add_institution(span, head, iso, "demonym_military" if lemma in MIL_NOUNS else "demonym_government")
