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
Cross-document merging (spelling variants) happens later, in ``resolve/aliases.py``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger.models import Mention
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import Gazetteer, place
from newsledger.pipeline.knowledge import Resolution, key, load_knowledge
from newsledger.pipeline.sentences import sentences

# Titles, nouns and the PLOVER sectors they imply are data (data/agents.toml).
AGENTS = load_agents()
TITLE_SECTORS: dict[str, str] = AGENTS.titles
# Words that may appear inside a title before a name ("Deputy Foreign Minister", "U.S. Secretary of State").
TITLE_WORDS = {w for t in TITLE_SECTORS for w in re.split(r"[ -]", t)} | {
    "foreign", "defence", "defense", "interior", "affairs", "vice", "acting", "former", "special", "chief",
    "state", "of", "the", "senior", "top", "first", "lieutenant", "major", "high", "permanent", "-", "'s",
}
# Description heads, and the title words a person must hold to be what they describe.
DESCRIPTION_FITS: dict[str, set[str]] = {
    "diplomat": {"ambassador", "envoy", "foreign", "diplomat", "counterpart", "representative", "state"},
    "ambassador": {"ambassador", "envoy", "representative"},
    "envoy": {"envoy", "ambassador", "representative"},
    "minister": {"minister"},
    "president": {"president"},
    "premier": {"premier", "prime"},
    "chief": {"secretary-general", "chief", "head", "general", "secretary"},
    "leader": {"president", "prime", "premier", "leader", "chancellor", "head"},
    "spokesman": {"spokesman", "spokesperson"},
    "spokeswoman": {"spokeswoman", "spokesperson"},
    "official": set(),  # any titled person
    "counterpart": {"counterpart", "minister", "president"},
    "secretary-general": {"secretary-general", "secretary"},
    "chancellor": {"chancellor"},
}

def _nouns(sector: str) -> frozenset[str]:
    return frozenset(w for w, s in AGENTS.nouns.items() if s == sector)


MIL_NOUNS, GOV_NOUNS, REB_NOUNS, LEG_NOUNS = _nouns("MIL"), _nouns("GOV"), _nouns("REB"), _nouns("LEG")
DEMONYM_HEADS = MIL_NOUNS | GOV_NOUNS | REB_NOUNS  # what ``_norp`` codes after a demonym
# Sectors of people who act where they are: gunmen, gangs, rebels, strikers, police. Their country
# may come from where the sentence places their act; a state's soldiers or officials abroad may not.
LOCAL_SECTORS = {"UAF", "CRM", "REB", "CVL", "LAB", "AGR", "REF", "MED", "EDU", "REL", "BUS", "COP"}
LOCATIVE_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "via", "through", "into",
                  "throughout", "within", "between", "towards", "toward", "over", "along"}
PRONOUNS = {"he", "she", "him"}
# Descriptions of an international body, valid when that body is named in the document.
BODY_DESCRIPTIONS = {("alliance", "NATO"), ("allies", "NATO"), ("co-chairs", "OSCE"), ("mediators", "OSCE")}
VISIT_VERBS = {"visit", "leave", "reach", "enter", "tour", "land"}
MOTION_VERBS = {"come", "go", "travel", "fly", "return", "move", "head", "arrive", "flee", "send", "deploy",
                "drive", "walk", "sail", "ship", "bring", "take", "export", "transfer"}
# Verbs whose "to" object receives what is sent, and whose "at" object is aimed at.
TRANSFER_VERBS = {"send", "ship", "export", "transfer", "deliver", "supply", "fly", "airlift", "donate", "give"}
AIMING_VERBS = {"fire", "shoot", "aim", "launch", "lob", "hurl", "throw", "direct", "point"}
MEDIA = {"Tass", "TASS", "Xinhua", "Reuters", "AFP", "AP", "RIA Novosti", "Interfax", "Anadolu", "APA", "Trend"}


@dataclass(slots=True)
class Person:
    """One person within a document: every name form, and the roles the text gives."""

    key: str
    name: str
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    title_words: set[str] = field(default_factory=set)


def person_key(name: str) -> str:
    return "person:" + " ".join(name.lower().replace("'s", "").split())


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)


_TITLE_RE = AGENTS.title_pattern()  # longest phrase first, so "prime minister" wins over "minister"


def _sector_of(words: str) -> str | None:
    """Sector of the first title word in a phrase, preferring the longest phrase at a position."""
    found = [(m.start(), -len(m.group(1)), m.group(1)) for m in _TITLE_RE.finditer(words.lower())]
    if not found:
        return None
    # The longest phrase anywhere wins, as before: "secretary-general" over "general".
    return TITLE_SECTORS[max(found, key=lambda f: (-f[1], -f[0]))[2]]


def _one_person(head: Token) -> bool:
    """A singular title or description: "a U.S. official", "a Malian colonel" is one person."""
    return head.tag_ == "NN" and (head.lemma_.lower() in AGENTS.titles or head.lower_ in DESCRIPTION_FITS)


def _is_predicate(root: Token) -> bool:
    """A common-noun phrase that says what someone is or is called, not who acts: "regards them as
    terrorists", "served as envoy", "labelled them traitors". Not "groups such as the Taliban"."""
    if root.pos_ != "NOUN":
        return False
    if root.dep_ == "oprd":
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.dep_ == "prep" and not (
        root.head.i > 0 and root.doc[root.head.i - 1].lower_ == "such")


def _is_locative(token: Token) -> bool:
    """'in Baku', 'talks in Vienna', 'came to Vienna': a place, not an actor."""
    head = token.head
    while head.dep_ in ("compound", "conj", "appos") and head.i != head.head.i:
        head = head.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in MOTION_VERBS:
        # "sent aid to Italy", "shipped arms to Kyiv": a recipient, where "travelled to Vienna" is a place.
        return not (head.head.lemma_ in TRANSFER_VERBS and any(c.dep_ == "dobj" for c in head.head.children))
    if token.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_ in AIMING_VERBS:
        return False  # "fired rockets at northern Israel": a target
    if token.dep_ == "dobj" and token.head.lemma_ in VISIT_VERBS:  # "visits Tbilisi"
        return True
    if token.dep_ == "pobj" and head.lower_ == "from":  # "flew from Baku", not "a request from Baku"
        return head.head.pos_ in ("VERB", "AUX")
    return token.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS or (
        token.dep_ in ("pobj", "conj", "compound") and head.dep_ == "prep" and head.lower_ in LOCATIVE_PREPS
    )


def _place_in(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The place a head's preposition names: "bandits in Zamfara state" (the name may be a
    compound of its noun), "gunmen on motorbikes ... in Burkina Faso"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    named = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                    found = next((t for t in named if t.ent_type_ in ("GPE", "LOC")), None)
                    if found is not None:
                        return found
    return None


def _place_of_act(verb: Token, actor: Token) -> Token | None:
    """Where a sentence puts an act: the nearest "in"/"near"/"at" place in the verb's phrase, also
    inside its objects ("shot dead a village head in Zamfara state", "opened fire in a bar in
    Guanajuato state") or its passive subject ("villagers in Burkina Faso were killed by
    gunmen"), but never inside the actor's own phrase."""
    level = [verb]
    for _ in range(4):  # breadth first: the place nearest the verb wins
        for head in level:
            if (found := _place_in(head, ("in", "near", "at"))) is not None:
                return found
        level = [c for h in level for c in h.children if c.i != actor.i and c.dep_ in (
            "dobj", "nsubjpass", "prep", "pobj", "advcl", "xcomp", "ccomp")]
    return None


class DocumentActors:
    """Resolve the actor mentions of one parsed document."""

    def __init__(self, sdoc: Doc, doc_id: str, gaz: Gazetteer, published: str | None = None) -> None:
        self.sdoc, self.doc_id, self.published = sdoc, doc_id, published
        # Places and demonyms the document names, also inside organisations' names ("Turkish troops").
        self.gaz = gaz.for_document(sdoc.text, itertools.chain(
            (_clean_name(e.text) for e in sdoc.ents if e.label_ in ("GPE", "NORP", "LOC")),
            (t.text for e in sdoc.ents if e.label_ == "ORG" for t in e if t.is_title)))
        self.kb = load_knowledge()
        self.persons: dict[str, Person] = {}  # surname -> person
        self.mentions: list[Mention] = []
        self.bodies = {gaz.igo(e.text) for e in sdoc.ents} - {None}
        self.sents = sentences(sdoc)
        self._ent_at = {t: e for e in sdoc.ents for t in range(e.start, e.end)}
        self._last_person: Person | None = None
        self._last_subject: Person | None = None  # pronouns prefer the last person who was a subject
        self._seen: list[Person] = []  # most recently mentioned first

    # -- helpers --------------------------------------------------------------------------
    def _gov(self, iso: str) -> str:
        return f"{self.gaz.country_name(iso)} (government)"

    def _mil(self, iso: str) -> str:
        return f"{self.gaz.country_name(iso)} (military)"

    def _sentence_idx(self, token: Token) -> int:
        return self.sents.index(token)

    def _add(self, span: Span | Token, label: str, actor_id: str | None, name: str | None, kind: str | None,
             country: str | None, igo: str | None, sector: str | None, role: str | None, rule: str) -> None:
        start = span.idx if isinstance(span, Token) else span.start_char
        end = start + len(span.text) if isinstance(span, Token) else span.end_char
        first = span if isinstance(span, Token) else span[0]
        self.mentions.append(Mention(
            self.doc_id, len(self.mentions), start, end, span.text, label, self._sentence_idx(first),
            actor_id=actor_id, role=role, actor_name=name, kind=kind, country=country, igo=self.gaz.igo_code(igo),
            sector=sector,
            rule=rule,
        ))

    def _is_dateline(self, ent: Span) -> bool:
        """'VIENNA, May 17 (Meridian) --' names where the story was filed and who filed it, not actors."""
        at_start = ent.start == self.sents.of(ent).start or self.sdoc[ent.start - 1].is_space
        if at_start and ent.end < len(self.sdoc) and self.sdoc[ent.end].text in (",", "(", "/", "--", "-"):
            return True
        after = self.sdoc[ent.end : ent.end + 2]
        return ent.start > 0 and self.sdoc[ent.start - 1].text == "(" and len(after) == 2 \
            and after[0].text == ")" and after[1].text in ("--", "-", "—", "–")  # the credit: "(Meridian) --"

    def _title_of(self, ent: Span) -> tuple[str | None, int]:
        """Title words right before a name: 'Azerbaijani President', "Azerbaijan's Foreign Minister"."""
        i = ent.start - 1
        if i >= 0 and self.sdoc[i].text == "[":  # "the president of Armenia [Serzh Sargsyan]"
            i -= 1
        # Bounded by the paragraph, not the sentence: at a paragraph start the parser sometimes
        # splits "Azerbaijani | President Ilham Aliyev" into two sentences.
        while i >= 0 and not self.sdoc[i].is_space and ent.start - i <= 9:
            tok = self.sdoc[i]
            whole = self._ent_at.get(i)  # "European Council President": a known body of several words
            if whole is not None and (self.gaz.igo(whole.text) or self.gaz.country(whole.text)):
                i = whole.start - 1
                continue
            # The NER misses demonyms at a sentence start, so ask the gazetteer too.
            known = tok.text[:1].isupper() and bool(self.gaz.country(tok.text) or self.gaz.igo(tok.text))
            if tok.lower_ in TITLE_WORDS or known or tok.text in ("'s", "-"):
                i -= 1
                continue
            break
        first = i + 1
        end = ent.start - 1 if ent.start > 0 and self.sdoc[ent.start - 1].text == "[" else ent.start
        while first < end and self.sdoc[first].lower_ in ("of", "the", "-", "'s"):
            first += 1
        if first >= end:
            return None, ent.start
        return self.sdoc[first:end].text, first

    def _apposition(self, ent: Span, title_start: int) -> str | None:
        """A title given as an apposition, kept only when it holds a title word ('(L)' is not one)."""
        found = self._apposition_phrase(ent, title_start)
        if found and _sector_of(found):
            return found
        return None

    def _apposition_phrase(self, ent: Span, title_start: int) -> str | None:
        # "head of the Permanent Mission of Azerbaijan to NATO, Ambassador Khazar Ibrahim said": the
        # parser rarely links the phrase before the comma, so climb from the word before it.
        comma = title_start - 1
        if comma > 0 and self.sdoc[comma].text == ",":
            tok = self.sdoc[comma - 1]
            while tok.dep_ in ("pobj", "prep") and tok.head.i != tok.i and tok.head.i < comma:
                tok = tok.head
            if tok.lower_ in TITLE_WORDS and tok.i < comma - 1:
                return self.sdoc[tok.left_edge.i : comma].text
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ != "PERSON":
            head = root.head
            return self.sdoc[head.left_edge.i : min(head.right_edge.i + 1, ent.start)].text.strip(" ,")
        if root.head.dep_ == "appos" and root.dep_ == "nsubj":
            return None
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON" and child.i > ent.end - 1:
                return self.sdoc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
        # The parser often makes the title phrase the subject's appos head: find "X, <name> said".
        for tok in self.sents.of(ent):
            if tok.dep_ == "appos" and tok.head.i in range(ent.start, ent.end) and tok.ent_type_ != "PERSON":
                return self.sdoc[tok.left_edge.i : tok.right_edge.i + 1].text.strip(" ,")
        return None

    def _role_facts(self, title: str | None) -> tuple[str | None, str | None, str | None]:
        """(country, igo, sector) from a title phrase; a country wins over an IGO it is posted to."""
        if not title:
            return None, None, None
        country = igo = None
        for piece in re.findall(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*", title):
            words = [re.sub(r"['’]s$", "", w) for w in piece.split()]
            # Every run of words, longest first: "European Council President" holds "European Council".
            runs = [" ".join(words[a:b]) for n in range(len(words), 0, -1) for a in range(len(words) - n + 1)
                    for b in (a + n,)]
            for part in runs:
                if self.gaz.igo(part):
                    igo = igo or self.gaz.igo(part)
                else:
                    country = country or self.gaz.country(part)
        sector = _sector_of(title)
        if country:
            return country, None, sector if sector != "IGO" else "GOV"
        if igo:
            return None, igo, "IGO"
        return None, None, sector

    # -- people ---------------------------------------------------------------------------
    def _person_for(self, name: str) -> Person:
        parts = name.split()
        surname = parts[-1].lower()
        person = self.persons.get(surname)
        if person is None:
            person = Person(person_key(name), name)
            self.persons[surname] = person
        elif len(parts) > len(person.name.split()):
            person.name, person.key = name, person_key(name)
        return person

    def _person(self, ent: Span, label: str) -> Person:
        name = _clean_name(ent.text)
        person = self._person_for(name)
        title, title_start = self._title_of(ent)
        appos = self._apposition(ent, title_start)
        role = ", ".join(t for t in (appos, title) if t) or None
        rule = "title" if role else "name"
        if role:
            country, igo, sector = self._role_facts(role)
            person.country, person.igo = country or person.country, igo or person.igo
            person.sector = sector or person.sector
            person.title_words |= {w.lower() for w in re.split(r"[\s,]+", role) if w}
        if not person.country and not person.igo and (known := self.kb.resolve(name, self.published, {"person"})):
            # The text's title wins; the base says where a bare name ("Putin", "Heiko Maas") belongs.
            person.name, person.key = known.entry.name, person_key(known.entry.name)
            person.country, person.igo = known.country, known.igo
            person.sector = person.sector or known.sector
            role = role or known.title
            rule = f"kb:{known.entry.id} ({known.note})"
        self._add(ent, label, person.key, person.name, "person", person.country, person.igo, person.sector, role,
                  rule)
        self._track(person, ent.root)
        return person

    def _resolve_description(self, chunk: Span) -> Person | None:
        head = chunk.root.lower_
        fits = DESCRIPTION_FITS.get(head, {head})
        of_place = [c for p in chunk.root.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
        country = next((self.gaz.country(t.text) for t in [*chunk, *of_place]
                        if t.ent_type_ in ("NORP", "GPE") and self.gaz.country(t.text)), None)
        igo = next((self.gaz.igo(t.text) for t in chunk if self.gaz.igo(t.text)), None)
        def agrees(person: Person) -> bool:
            return not (country and person.country and country != person.country) and not (
                igo and person.igo != igo)

        # Most recent first: one whose title fits; else, when the description names a country
        # or body, one from there ("the Azerbaijani foreign minister" after "his Azerbaijani
        # counterpart Elmar Mammadyarov").
        for person in self._seen:
            if agrees(person) and (not fits or fits & person.title_words):
                return person
        if country or igo:
            for person in self._seen:
                if (country and person.country == country) or (igo and person.igo == igo):
                    return person
        return None

    # -- main -----------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        ents = {e.start: e for e in self.sdoc.ents}
        surnames = {e.text.split()[-1] for e in self.sdoc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
        chunks = {c.start: c for c in self.sdoc.noun_chunks}
        i = 0
        while i < len(self.sdoc):
            tok = self.sdoc[i]
            ent = ents.get(i)
            chunk = chunks.get(i)
            if chunk is not None and _is_predicate(chunk.root):
                i = chunk.end  # "groups it regards as terrorists", "served as envoy": what someone is called
                continue
            # A group phrase wins over the entity it starts with: "Armenia-backed separatists".
            if chunk is not None and self._is_group(chunk) and self._chunk(chunk):
                i = chunk.end
                continue
            if chunk is not None and (self._possessed(chunk) or self._agent_phrase(chunk)):
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
                person = self._bracketed(tok) or self._last_subject or self._last_person
                if person is not None:
                    self._add(tok, "PRON", person.key, person.name, "person", person.country, person.igo,
                              person.sector, None, "pronoun")
            elif (tok.lower_, body := self._body_for(tok)) in BODY_DESCRIPTIONS and tok.dep_ != "compound":
                span = self.sdoc[i - 1 : i + 1] if i > 0 and self.sdoc[i - 1].lower_ == "the" else tok
                self._add(span, "NOM", f"igo:{body}", body, "organisation", None, body, "IGO", None,
                          "body_description")
            i += 1
        return self.mentions

    def _bracketed_name(self, i: int) -> Span | None:
        """An editor's insertion naming a person, '[Serzh Sargsyan]', which the NER misses."""
        j = i + 1
        while j < len(self.sdoc) and j - i <= 4 and self.sdoc[j].pos_ == "PROPN" and self.sdoc[j].is_title:
            j += 1
        if j == i + 1 or j >= len(self.sdoc) or self.sdoc[j].text != "]":
            return None
        span = self.sdoc[i + 1 : j]
        name = span.text
        if self.gaz.country(name) or self.gaz.igo(name) or self.gaz.seat(name) or name in self.gaz.territories:
            return None
        return span

    def _bracketed(self, tok: Token) -> Person | None:
        """'He [Sarkisian] came': the bracket names whom the pronoun means."""
        after = self.sdoc[tok.i + 1 : tok.i + 6].text
        match = re.match(r"\s*\[([^\]]+)\]", after)
        if not match:
            return None
        return self.persons.get(match.group(1).split()[-1].lower())

    def _body_for(self, tok: Token) -> str | None:
        """The body a description ('the alliance', 'the co-chairs') can mean in this document."""
        wanted = {body for word, body in BODY_DESCRIPTIONS if word == tok.lower_}
        return next((b for b in wanted if b in self.bodies), None)

    def _track(self, person: Person, head: Token) -> None:
        """Remember a person as the one last mentioned (and last subject, for pronouns)."""
        if person in self._seen:
            self._seen.remove(person)
        self._seen.insert(0, person)
        self._last_person = person
        if head.dep_ in ("nsubj", "nsubjpass"):
            self._last_subject = person

    def _entity(self, ent: Span, surnames: set[str]) -> None:
        text = _clean_name(ent.text)
        label = ent.label_
        if self._governed_by(ent, AGENTS.place_heads, ("of",)):
            return  # "the Sea of Azov": a place, though "Azov" is also a regiment's name
        # NER errors: a known surname tagged ORG/NORP/GPE is the person ("Aliyev" as ORG).
        if label != "PERSON" and text in surnames:
            label = "PERSON"
        if label == "PERSON" and (self.gaz.seat(text) or self.gaz.country(text) or text in self.gaz.territories):
            label = "GPE"  # "Baku", "Karabakh" tagged PERSON
        known = self.kb.resolve(text, self.published, {"group", "organisation"})
        if known is not None and label in ("ORG", "NORP", "PERSON", "GPE", "FAC") and not self._is_dateline(ent):
            self._known(ent, label, known)
            return
        if label != "PERSON" and len(text.split()) >= 2 and self.kb.resolve(text, self.published, {"person"}):
            label = "PERSON"  # a known person's full name the NER called something else
        if label == "PERSON" and len(ent) == 1 and text not in surnames and self._names_a_place(ent):
            return  # "the Kalbajar and Agdam districts", "talks in Khojaly": places the NER took for people
        if label == "PERSON":
            self._person(ent, label)
            return
        if igo := self.gaz.igo(text):
            self._add(ent, label, f"igo:{igo}", igo, "organisation", None, igo, "IGO", None, "igo")
            return
        if label in ("GPE", "LOC", "FAC", "ORG", "NORP") and (seat := self.gaz.seat(text)):
            if not _is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "nmod") \
                    and not self._is_dateline(ent):
                self._add(ent, label, f"gov:{seat}", self._gov(seat), "state", seat, None, "GOV", None, "metonymy")
            return
        if label in ("GPE", "ORG", "NORP") and (iso := self.gaz.breakaway.get(text)):
            if not _is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "npadvmod"):
                self._add(ent, label, f"pre:{key(text)}", f"{text} (de facto authorities)", "state", iso, None,
                          "GOV", None, "breakaway")  # PLOVER: the claiming state's code, a PRE entity
            return
        # A state acting is its government (PLOVER's GOV), as its capital is; the NER often calls
        # one an ORG ("the Russian Federation", "the DPRK").
        if label in ("GPE", "ORG") and text not in self.gaz.territories and (iso := self.gaz.country(text)):
            if ent.root.dep_ == "poss" and self._institution(ent, iso):
                return
            if label == "ORG" and len(ent) > 1 and self._add_institution(ent, ent.root, iso, "institution"):
                return  # "the Zambian Defence Force", "the Kenyan Parliament": a body, not the state
            if not _is_locative(ent.root) and ent.root.dep_ not in ("compound", "amod", "npadvmod"):
                self._add(ent, label, f"state:{iso}", self.gaz.country_name(iso), "state", iso, None, "GOV", None,
                          "state")
            return
        if label in ("GPE", "ORG") and (iso := self.gaz.region(text)) and not _is_locative(ent.root) \
                and ent.root.dep_ in ("nsubj", "nsubjpass", "agent", "conj") and not self._is_dateline(ent):
            # "Puntland said", "Texas sued": a region acting through its own authorities.
            name = f"{_clean_name(text)} (regional authorities)"
            self._add(ent, label, f"region:{key(text)}", name, "state", iso, None, "GOV", None, "region")
            return
        if label == "NORP":
            self._norp(ent)
            return
        if label == "ORG" and not self._is_dateline(ent) and self._place_head(ent.root) is None \
                and not self._governed_by(ent, AGENTS.office_heads, ("of", "for")):
            self._organisation(ent, text)  # not "the Trump Route", "the Zangezur corridor", "Secretary of State"

    def _names_a_place(self, ent: Span) -> bool:
        """A one-word name that stands where a place does: after "in", or before a place noun
        ("the Kalbajar, Agdam and Lachin districts"), and that no title or knowledge-base entry makes
        a person. A name with a title before it is a person wherever it stands."""
        if not (_is_locative(ent.root) or self._place_head(ent.root) is not None):
            return False
        return self._title_of(ent)[0] is None and self.kb.resolve(ent.text, self.published, {"person"}) is None

    @staticmethod
    def _place_head(tok: Token) -> Token | None:
        """The place noun a name heads or modifies, through a list of names: "the Trump Route",
        "the Zangezur corridor", "the Kalbajar, Agdam and Lachin districts"."""
        head = tok
        while head.lemma_.lower() not in AGENTS.place_heads:
            if head.dep_ not in ("conj", "compound", "nmod", "appos") or head.head.i == head.i:
                return None
            head = head.head
        return head

    def _governed_by(self, ent: Span, heads: frozenset[str], preps: tuple[str, ...]) -> bool:
        """Whether ``ent`` hangs by one of ``preps`` from one of ``heads``, directly or through a
        chain of such phrases: "Sea of Azov", "Secretary of State for European Affairs"."""
        tok = ent.root  # the preposition itself when the name holds one: "State for European Affairs"
        while True:
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in preps:
                tok = tok.head.head
            elif tok.dep_ == "prep" and tok.lower_ in preps:
                tok = tok.head
            else:
                return False
            if tok.lower_ in heads:
                return True

    def _known(self, span: Span, label: str, known: Resolution) -> None:
        """An organisation or group of the knowledge base: "Hezbollah", "the FSB", "Quds Force"."""
        entry = known.entry
        if known.sector == "IGO" and entry.body:
            self._add(span, label, f"igo:{entry.body}", entry.body, "organisation", None, entry.body, "IGO", None,
                      f"kb:{entry.id}")
            return
        self._add(span, label, f"org:{entry.id}", entry.name, entry.kind, known.country, None, known.sector, None,
                  f"kb:{entry.id}")

    def _agent_phrase(self, chunk: Span) -> bool:
        """A group or an occupation named by what it does and where it is from: "A Ugandan attorney"
        (UGA JUD), "Shanghai authorities" (CHN GOV), "Matamoros workers" (MEX LAB), "car theft
        syndicate" (CRM). The sector comes from the agents vocabulary; the country from a demonym,
        country or city in the phrase, or from its "of"/"from"/"in" place."""
        root = chunk.root
        # The NER sometimes calls a demonym a PERSON ("the Moldovan prosecutor general"), or misses it.
        demonym = {t.i for t in chunk if t.i != root.i and (
            t.ent_type_ == "PERSON" or not t.ent_type_ and t.is_title and t.dep_ in ("amod", "compound")
            and t.pos_ in ("ADJ", "PROPN")) and self.gaz.country(t.text)}
        if root.pos_ != "NOUN" or _is_locative(root) or any(
                t.ent_type_ == "PERSON" and t.i not in demonym for t in chunk):
            return False  # "in Zamfara state" is where, not who
        words = [t.text for t in chunk if t.lower_ not in ("the", "a", "an")]
        sector = AGENTS.sector_of_phrase(words, [t.lemma_ for t in chunk])
        if sector is None or sector == "IGO":
            return False
        # The place first (most phrases name none). The NER often calls a demonym or a town before
        # a noun an ORG ("Ugandan", "Matamoros").
        clue = next((t for t in chunk if t.i != root.i and (t.ent_type_ in ("NORP", "GPE", "LOC", "ORG")
                                                            or t.i in demonym)), None)
        lemma = root.lemma_.lower()
        if clue is None and root.tag_ == "NNS" and lemma in AGENTS.titles and lemma not in AGENTS.nouns:
            return False  # "the leaders", "both presidents": whose, the text says elsewhere
        where = clue if clue is not None else _place_in(root, ("of", "from", "in"))
        if where is None and sector in LOCAL_SECTORS:
            # "Unknown gunmen shot dead a village head in Zamfara state": where they acted.
            verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else \
                root.head if root.dep_ in ("nsubj", "nsubjpass") else None  # "were killed by gunmen"
            where = _place_of_act(verb, root) if verb is not None else None
            if where is None and sector == "UAF" and not any(t.dep_ == "poss" for t in root.children):
                # "their armed units": whose they are is named, only not resolved here
                span = chunk if chunk[0].lower_ not in ("the", "a", "an") else chunk[1:]
                self._add(span, "NOM", "uaf:unidentified", "unidentified armed men", "group", None, None, "UAF",
                          None, "agent")
                return True
        if where is None:
            return False
        if root.lower_ in DESCRIPTION_FITS and chunk[0].lower_ == "the" and self._resolve_description(chunk):
            return False  # "the Azerbaijani foreign minister" after his name: that person (``_chunk``)
        if clue is not None and clue.ent_type_ == "ORG":
            org = self._ent_at[clue.i].text
            if self.kb.find(org) or self.gaz.igo(org) or not (self.gaz.country(org) or place(org)[0]):
                return False  # a real organisation: "Shell workers" are not a place's workers
        ent = self._ent_at.get(where.i)
        name = ent.text if ent is not None else where.text
        iso = self.gaz.country(name) or self.gaz.seat(name) or self.gaz.territories.get(name) or place(name)[0]
        if iso is None:
            return False
        if clue is not None and clue.ent_type_ == "NORP" and (lemma in DEMONYM_HEADS
                                                              or any(t.lemma_.lower() in REB_NOUNS for t in chunk)):
            return False  # "Armenian troops", "the Azerbaijani government": the demonym rules below
        span = chunk if chunk[0].lower_ not in ("the", "a", "an") else chunk[1:]
        what = re.split(r"[:,(]", AGENTS.sectors[sector])[0].strip().lower()  # "police forces", "rebels"
        label = f"{self.gaz.country_name(iso)} ({what})"
        # "a U.S. official", "a Malian colonel": one unnamed person, coded to the body they serve.
        self._add(span, "NOM", f"{sector.lower()}:{iso}", label, AGENTS.kind_of(lemma, _one_person(root), sector),
                  iso, None, sector, None, "agent")
        return True

    def _institution(self, ent: Span, iso: str) -> bool:
        """"Azerbaijan's forces", "Turkey's parliament", "Armenia's defence ministry"."""
        head = ent.root.head
        return self._add_institution(self.sdoc[ent.start : head.i + 1], head, iso, "institution")

    def _possessed(self, chunk: Span) -> bool:
        """"Its forces struck", "his government", "their army": the institution of the state the
        possessive means: for "its"/"their" the nearest subject before it, when that is a state; for
        "his"/"her" the state of the last person, when they serve it. "Our army" is left alone: whose
        depends on who is quoted."""
        root = chunk.root
        owner = next((t for t in root.children if t.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in ("its", "their", "his", "her") or _one_person(root):
            return False  # "its ambassador": one person, who acts for the state and is not its body
        person = self._last_subject or self._last_person
        if owner.lower_ in ("its", "their"):
            iso = self._subject_state(owner)
        else:  # a state's official: a rebel commander's "his forces" are not his state's
            iso = person.country if person is not None and person.sector in ("GOV", "MIL", "LEG") else None
        return iso is not None and self._add_institution(chunk, root, iso, "possessive")

    def _subject_state(self, tok: Token) -> str | None:
        """The state that is the subject before ``tok``: the nearest one in its sentence ("helped
        Ukraine build up its forces"), else the main subject of the sentence before ("Azerbaijan
        began an offensive ... Its forces struck"); None when that subject is anything else ("The
        rebels said their forces ...")."""
        n = self.sents.index(tok)
        subject = next((t for t in reversed(self.sdoc[self.sents.spans[n].start : tok.i])
                        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"), None)
        if subject is None and n > 0:
            root = self.sents.spans[n - 1].root
            subject = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"), None)
        if subject is None:
            return None
        found = next((m for m in reversed(self.mentions) if m.start <= subject.idx < m.end), None)
        return found.country if found is not None and found.kind == "state" else None

    def _add_institution(self, span: Span, head: Token, iso: str, rule: str) -> bool:
        """A state's military, legislature or government, named by ``head``, mentioned as ``span``."""
        lemma = head.lemma_.lower()
        sector = "MIL" if lemma in MIL_NOUNS else "LEG" if lemma in LEG_NOUNS else "GOV" if lemma in GOV_NOUNS else None
        if sector is None:
            return False
        name = self._mil(iso) if sector == "MIL" else self._gov(iso) if sector == "GOV" else \
            f"{self.gaz.country_name(iso)} (legislature)"
        self._add(span, "NOM", f"{sector.lower()}:{iso}", name, AGENTS.kind_of(lemma, _one_person(head), sector), iso,
                  None, sector, None, rule)
        return True

    def _norp(self, ent: Span) -> None:
        iso = self.gaz.country(_clean_name(ent.text))
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

    def _organisation(self, ent: Span, text: str) -> None:
        text = re.sub(r"\s+Photo$", "", text)
        if any(c in text for c in "'\"/"):
            return  # crossheads in quotes, photo credits "Xinhua/Name": NER noise
        if text in MEDIA:
            self._add(ent, "ORG", f"org:{text.lower()}", text, "organisation", None, None, "JRN", None, "media")
            return
        lowered = text.lower()
        iso = next((self.gaz.country(w) for w in re.findall(r"[A-Z][\w.]+", text) if self.gaz.country(w)), None)
        if iso and "ministry" in lowered:
            self._add(ent, "ORG", f"gov:{iso}", self._gov(iso), "state", iso, None, "GOV", None, "ministry")
        elif iso and re.search(r"\b(armed forces|army|navy|military)\b", lowered):
            self._add(ent, "ORG", f"mil:{iso}", self._mil(iso), "organisation", iso, None, "MIL", None, "military")
        elif text not in self.gaz.territories and not self.gaz.country(text):
            name = _clean_name(text)
            self._add(ent, "ORG", f"org:{name.lower()}", name, "organisation", iso, None, None, None, "organisation")

    def _is_group(self, chunk: Span) -> bool:
        """'Armenian separatists', 'the de facto authorities'; not 'Hezbollah fighters', which are Hezbollah."""
        lemma = chunk.root.lemma_.lower()
        inside = {id(e): e for t in range(chunk.start, chunk.end) if (e := self._ent_at.get(t)) is not None
                  and chunk.start <= e.start and e.end <= chunk.end}  # not Span.ents: it scans the whole doc
        if any(self.kb.resolve(e.text, self.published, {"group", "organisation"}) for e in inside.values()):
            return False
        return lemma in REB_NOUNS or (lemma == "authority" and "facto" in chunk.text.lower())

    def _chunk(self, chunk: Span) -> bool:
        """Descriptions ('the Azerbaijani president') and groups ('Armenia-backed separatists')."""
        root = chunk.root
        if any(t.ent_type_ == "PERSON" for t in chunk):
            return False
        lemma = root.lemma_.lower()
        if self._is_group(chunk):
            iso = next((self.gaz.country(t.text) for t in chunk
                        if t.ent_type_ in ("NORP", "GPE") and self.gaz.country(t.text)), None)
            backed = re.search(r"(\w+)-backed", chunk.text)
            where = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"), None)
            located = self.sdoc[where.i + 1 : where.right_edge.i + 1].text if where is not None else None
            base = "separatists" if lemma != "authority" else "de facto authorities"
            name = " ".join(filter(None, [located or (backed.group(0) if backed else None), base]))
            iso = iso or (place(located)[0] if located else None)
            if iso and not backed and not located:
                name = f"{self.sdoc[[t.i for t in chunk if self.gaz.country(t.text)][0]].text} {base}"
            self._add(chunk, "NOM", f"group:{name.lower()}", name, "group", None if backed else iso, None, "REB",
                      None, "group")
            return True
        if chunk[0].lower_ != "the" or root.lower_ not in DESCRIPTION_FITS:
            return False
        person = self._resolve_description(chunk)
        if person is None:
            return False
        self._add(chunk, "NOM", person.key, person.name, "person", person.country, person.igo, person.sector,
                  chunk.text, "description")
        # What the description says of them holds later too: "the minister" after "the Armenian
        # foreign minister" (who was introduced only as "his Armenian counterpart").
        person.title_words |= {t.lower_ for t in chunk if t.lower_ in TITLE_WORDS}
        self._track(person, root)
        return True


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
