"""People: titles and appositions ("Azerbaijani President Ilham Aliyev", "X, the envoy, said"), the
country, body and sector a title gives, surnames joining a person's mentions, the knowledge base
for bare names, and descriptions ("the diplomat") resolved to the most recent person who fits.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsledger.pipeline.actor_base import BaseDocumentActors, Person, clean_name, person_key
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.knowledge import key

# Titles, nouns and the PLOVER sectors they imply are data (data/agents.toml).
AGENTS = load_agents()
TITLE_SECTORS: dict[str, str] = AGENTS.titles
# Words that may appear inside a title before a name ("Deputy Foreign Minister", "U.S. Secretary of State").
TITLE_WORDS = {w for t in TITLE_SECTORS for w in re.split(r"[ -]", t)} | {
    "foreign", "defence", "defense", "interior", "affairs", "vice", "acting", "former", "special", "chief",
    "state", "of", "the", "senior", "top", "first", "lieutenant", "major", "high", "permanent", "-", "'s",
}
# Forms of address the NER may keep in a name when written without a dot ("Mr Osei", "Mrs Margaret Osei"): no
# part of the name (left out of it) and no given name. Honours stay ("Sir Anthony Eden").
FORMS_OF_ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "mme", "mlle", "herr", "frau", "senor", "señor", "senora",
                              "señora", "sr", "sra"})
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
    "king": {"king", "monarch"},
    "queen": {"queen", "monarch"},
    "monarch": {"king", "queen", "monarch", "emperor", "emir", "sultan"},
    "emir": {"emir"},
    "sultan": {"sultan"},
    "general": {"general"},
    "governor": {"governor"},
    "commander": {"commander"},
}

_TITLE_RE = AGENTS.title_pattern()  # longest phrase first, so "prime minister" wins over "minister"


def sector_of(words: str) -> str | None:
    """Sector of the first title word in a phrase, preferring the longest phrase at a position."""
    found = [(m.start(), -len(m.group(1)), m.group(1)) for m in _TITLE_RE.finditer(words.lower())]
    if not found:
        return None
    # The longest phrase anywhere wins, as before: "secretary-general" over "general".
    return TITLE_SECTORS[max(found, key=lambda f: (-f[1], -f[0]))[2]]


def one_person(head: Token) -> bool:
    """A singular title or description: "a U.S. official", "a Malian colonel" is one person."""
    return head.tag_ == "NN" and (head.lemma_.lower() in AGENTS.titles or head.lower_ in DESCRIPTION_FITS)


class People(BaseDocumentActors):
    """Persons named, titled or described."""

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
        # No title starts with a function word: "in" and "for" are title words only inside one ("editor-in-chief",
        # "Minister for Foreign Affairs"), and "fighting in Goma" gives Goma no title.
        while first < end and self.sdoc[first].lower_ in ("of", "the", "-", "'s", "in", "for"):
            first += 1
        if first >= end:
            return None, ent.start
        return self.sdoc[first:end].text, first

    def _apposition(self, ent: Span, title_start: int) -> str | None:
        """A title given as an apposition, kept only when it holds a title word ('(L)' is not one)."""
        found = self._apposition_phrase(ent, title_start)
        if found and sector_of(found):
            return found
        return None

    def _apposition_phrase(self, ent: Span, title_start: int) -> str | None:
        # "the head of Chile's delegation to the WTO, Ambassador Ana Reyes, said": the
        # parser rarely links the phrase before the comma, so climb from the word before it.
        comma = title_start - 1
        if comma > 0 and self.sdoc[comma].text == ",":
            tok = self.sdoc[comma - 1]
            while tok.dep_ in ("pobj", "prep") and tok.head.i != tok.i and tok.head.i < comma:
                tok = tok.head
            if tok.lower_ in TITLE_WORDS and tok.i < comma - 1:
                return self._own_phrase(ent, tok.left_edge.i, comma)
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ != "PERSON":
            head = root.head
            return self._own_phrase(ent, head.left_edge.i, min(head.right_edge.i + 1, ent.start))
        if root.head.dep_ == "appos" and root.dep_ == "nsubj":
            return None
        for child in map(self.sdoc.__getitem__, self._appositions.get(root.i, ())):
            if child.ent_type_ != "PERSON" and child.i > ent.end - 1:
                return self._own_phrase(ent, child.left_edge.i, child.right_edge.i + 1)
        # The parser often makes the title phrase the subject's appos head: find "X, <name> said".
        sent = self.sents.of(ent)
        for i in sorted(j for h in range(ent.start, ent.end) for j in self._appositions.get(h, ())):
            tok = self.sdoc[i]
            if sent.start <= i < sent.end and tok.ent_type_ != "PERSON":
                return self._own_phrase(ent, tok.left_edge.i, tok.right_edge.i + 1)
        return None

    def _own_phrase(self, ent: Span, start: int, end: int) -> str | None:
        """The phrase's text, or None when it names someone else: in "the co-chairs: U.S. Secretary
        of State John Kerry, ..., and French State Secretary Harlem Desir" the list before Desir
        holds Kerry, whose title is not his."""
        if any(t.ent_type_ == "PERSON" and not ent.start <= t.i < ent.end for t in self.sdoc[start:end]):
            return None
        return self.sdoc[start:end].text.strip(" ,")

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
        sector = sector_of(title)
        if country:
            return country, None, sector if sector != "IGO" else "GOV"
        if igo:
            return None, igo, "IGO"
        return None, None, sector

    def _person_for(self, name: str) -> Person:
        parts = name.split()
        surname = parts[-1].lower()
        person = self.persons.get(surname)
        if person is None and len(parts) == 1:
            # A name that comes first: a family name ("Mr. Kim" after "Kim Dae-jung") or a Thai given name
            # ("Mr. Thaksin" after "Thaksin Shinawatra"), when one person named so far has it.
            first = {id(p): p for p in self.persons.values() if len(p.name.split()) > 1
                     and p.name.split()[0].lower() == surname}
            person = next(iter(first.values())) if len(first) == 1 else None
        if person is None and len(parts) > 1 and (bare := self.persons.get(parts[0].lower())) is not None \
                and len(bare.name.split()) == 1:
            # "Prasert" in the headline, "Prasert Chaiyaporn" in the lede: a given name first, as Thai names are used.
            person = bare
            self.persons[surname] = person
        if person is not None and self._kin(name, person):
            # "Alaa Mubarak" after "Hosni Mubarak": another of the family, by the full name, of the same country
            # (not of the same office); the bare surname stays the first one's.
            person = self.persons.setdefault(name.lower(), Person(person_key(name), name, kin_country=person.country))
        elif person is None:
            person = Person(person_key(name), name)
            self.persons[surname] = person
        elif len(parts) > len(person.name.split()) or len(parts) == len(person.name.split()) and self.kb.resolve(
                name, self.published, {"person"}) and not self.kb.resolve(person.name, self.published, {"person"}):
            # The longer name, or the one the base knows: a title-case headline's "Troops Oust Morales" gave the
            # NER "Oust Morales", whom "Evo Morales" in the body corrects.
            self._rename(person, name)
        return person

    def _kin(self, name: str, person: Person) -> bool:
        """Whether a full name is someone other than the person of its surname named before: another given
        name (not an initial of it), where the knowledge base knows the first as a person it does not call so.
        A headline's "Oust Morales", unknown to the base, is still corrected by the body's "Evo Morales"."""
        given, earlier = name.split(), person.name.split()
        if len(given) < 2 or len(earlier) < 2 or given[-1].lower() != earlier[-1].lower():
            return False
        first, before = key(given[0]), key(earlier[0])
        if first == before or first[0] == before[0] and min(len(first), len(before)) == 1 or \
                {first, before} & (FORMS_OF_ADDRESS | {"sir", "dame", "lord", "lady"} | AGENTS.titles.keys()):
            return False  # one person: "G. Bush", "Sir Anthony Eden", "President Nasser"
        entries = [e for e in self.kb.find(person.name) if e.kind == "person"]
        return bool(entries) and not any(key(name) in {key(n) for n in (e.name, *e.aliases)} for e in entries)

    def _person(self, ent: Span, label: str) -> Person:
        name = clean_name(ent.text)
        if len(words := name.split()) > 1 and words[0].lower().rstrip(".") in FORMS_OF_ADDRESS:
            name = " ".join(words[1:])
        person = self._person_for(name)
        title, title_start = self._title_of(ent)
        appos = self._apposition(ent, title_start)
        role = ", ".join(t for t in (appos, title) if t) or None
        rule = "title" if role else "name"
        if role:
            country, igo, sector = self._role_facts(role)
            person.country, person.igo = country or person.country, igo or person.igo
            person.sector = sector or person.sector
        if not person.country and not person.igo and (known := self.kb.resolve(name, self.published, {"person"})):
            # The text's title wins; the base says where a bare name ("Putin", "Heiko Maas") belongs.
            self._rename(person, known.entry.name)
            person.country, person.igo = known.country, known.igo
            person.sector = person.sector or known.sector
            role = role or known.title
            rule = f"kb:{known.entry.id} ({known.note})"
        if not person.country and not person.igo and person.kin_country:
            person.country, rule = person.kin_country, "family"  # nothing else says where Alaa Mubarak belongs
        if role:  # the text's title, else the base's: "the king" after "King Bhumibol Adulyadej"
            person.title_words |= {w.lower() for w in re.split(r"[\s,]+", role) if w}
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
        # A word that says whose side they are on: "the opposition leader" is no president, "the rebel commander"
        # no general of the army.
        sides = {AGENTS.modifiers[t.lemma_.lower()] for t in chunk.root.children
                 if t.dep_ in ("amod", "compound") and t.lemma_.lower() in AGENTS.modifiers}

        def agrees(person: Person) -> bool:
            return not (country and person.country and country != person.country) and not (
                igo and person.igo != igo) and (not sides or person.sector in sides)

        # Most recent first: one whose title fits; else, when the description names a country
        # or body, one from there ("the Azerbaijani foreign minister" after "his Azerbaijani
        # counterpart Elmar Mammadyarov").
        for person in self._seen:
            if agrees(person) and (not fits or fits & person.title_words):
                return person
        if country or igo:
            for person in self._seen:
                if ((country and person.country == country) or (igo and person.igo == igo)) and agrees(person):
                    return person
        return None

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
