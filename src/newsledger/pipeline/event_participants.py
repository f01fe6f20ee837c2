"""Who takes part in an event, for the events stage (``pipeline/events.py``).

The document's state the coder works over (its parse, actor mentions, quotes and frames), and
the participant rules on it: the actor a token stands for, with its conjuncts and a pronoun's
antecedent; the last two states for "both sides"; the source and target of a verb or event noun
by the roles of its type; and the words naming an unlinked participant. Hand-written because no
library reads PLOVER roles from a dependency parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set

from spacy.tokens import Doc, Span, Token

from newsledger.models import Event, Mention, Quote
from newsledger.pipeline.actor_syntax import reporting_subject
from newsledger.pipeline.event_model import EventModel
from newsledger.pipeline.event_trigger import AGENTS, infinitive
from newsledger.pipeline.frames import Frames
from newsledger.pipeline.ingest.meta import Dateline
from newsledger.pipeline.sentences import sentences

# Personal pronouns and the kinds of actor each may stand for (Mention.kind).
PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "he": frozenset({"person"}), "she": frozenset({"person"}), "him": frozenset({"person"}),
    "her": frozenset({"person"}), "it": frozenset({"state", "organisation", "group"}),
    "they": frozenset({"state", "organisation", "group"}), "them": frozenset({"state", "organisation", "group"}),
}


# Acts no one does to itself: what "its" owns in "Quito shelled its border posts" is someone else's.
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})


def object_sharer(verb: Token, own: Set[str] = frozenset()) -> Token | None:
    """The verb joined to a verb with no object of its own whose object both share: "bombed and strafed the
    village", "beat and arrested the opposition leader" (not one with a subject of its own, nor a verb with a
    phrase of its own after a preposition of ``own``: "appealed for restraint and urged the envoys ...")."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "prep" and c.lower_ in own
                                  for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and any(
        g.dep_ == "dobj" for g in c.children) and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)


def objects_of(heads: Iterable[Token], preps: Set[str], skip: Token | None = None) -> list[Token]:
    """What the acts ``heads`` are done to: their direct objects and passive subjects, then the
    objects of their ``preps`` ("fired on the town"); each rule chooses its own prepositions.
    ``skip`` is the event noun itself, which is no object of its own act."""
    heads = tuple(heads)
    heads += tuple(j for h in heads if (j := object_sharer(h, preps | {"for"})) is not None)
    skipped = skip.i if skip is not None else -1
    return [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.i != skipped] + [
        o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children if o.dep_ == "pobj"]


class Participants:
    """One document's state for the event coder, and who takes part in its events."""

    def __init__(self, sdoc: Doc, doc_id: str, mentions: list[Mention], actor_at: dict[int, Mention],
                 quotes: list[Quote], frames: Frames, published: str | None = None, model: EventModel | None = None,
                 threshold: float = 0.5, dateline: Dateline | None = None, clause_threshold: float = 0.9) -> None:
        self.sdoc, self.doc_id, self.published, self.actor_at = sdoc, doc_id, published, actor_at
        self.dateline = dateline
        self.frames, self.classes, self.rules = frames, frames.classes, frames.rules
        self.model, self.threshold, self.clause_threshold = model, threshold, clause_threshold
        self.vetoed: set[int] = set()  # sentences where a frame said "no event", which the model respects
        self.acts: set[int] = set()  # tokens that trigger a frame's event
        self.committed: set[int] = set()  # verbs an actor says it will do (Promises._commitments)
        self.coded: set[int] = set()  # tokens of the events emitted, which the model leaves alone
        self.done: list[tuple[Token, Token | None, Event]] = []  # each event emitted with its verb and noun
        self.reacting_to: dict[int, Token] = {}  # event index -> the act noun it reacts to ("the seizure")
        self.order: list[Mention] = [m for m in mentions if m.actor_id]
        self.quoted = [(q.start, q.end) for q in quotes if q.kind in ("direct", "partial")]
        # "I urge both countries ...": first person inside a quote is its speaker, who is also
        # the one accusing when the quote says others attacked.
        self.speaker_in = [(q.start, q.end, Mention(doc_id, -1, q.speaker_start or 0, q.speaker_end or 0,
                                                    q.speaker or "", "PERSON", q.sentence_idx, actor_id=q.actor_id,
                                                    actor_name=q.actor_name, kind="person"))
                           for q in quotes if q.kind in ("direct", "partial") and q.actor_id]
        # ... and, when no actor stands for the speaker, the words naming them ("the defence minister said").
        self.speaker_named = [(q.start, q.end, q.speaker) for q in quotes
                              if q.kind in ("direct", "partial") and not q.actor_id and q.speaker]
        self.sents = sentences(sdoc)
        self.text = sentences(sdoc).text

    def _prep_objects(self, prep: Token) -> list[Token]:
        """A preposition's objects, and the people a participle before them describes where the parser read it
        as a gerund taking them as its object ("shot at fleeing villagers")."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        for part in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"):
            if part.lemma_ in self.classes["describing_participles"]:
                objects += [g for g in part.children if g.dep_ == "dobj" and g.i == part.i + 1]
        return objects

    def _phrase(self, tok: Token) -> str | None:
        """The words naming someone or something: the noun with its modifiers, and a part's whole
        ("thousands of teachers", "a number of village councils"); a bare number names no one."""
        doc, start = tok.doc, tok.left_edge.i
        while start < tok.i and doc[start].ent_type_ in ("DATE", "TIME"):
            start += 1  # "Within hours groups of youths burned": the parse's compound of a time
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and (tok.pos_ == "NUM" or tok.lemma_.lower() in self.classes["partitives"]):
            # the whole's noun phrase, not what hangs after it ("dozens of the injured to clinics upriver")
            ends = [t.i for w in of.children if w.dep_ == "pobj" for t in (w, *(
                g for c in w.children if c.i < w.i or c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree))]
            return doc[start : max(ends, default=of.right_edge.i) + 1].text
        return None if tok.pos_ == "NUM" else doc[start : tok.i + 1].text

    # -- participants ---------------------------------------------------------------------
    def _actors_of(self, tok: Token) -> list[Mention]:
        """The actor a token stands for, with its conjuncts ("Stoltenberg and Aliyev")."""
        found: list[Mention] = []
        # "X and Y discussed": the parser often hangs X on Y as an nmod (or an amod: "Armenian President Serzh
        # Sarkisian and Azerbaijani President Ilham Aliyev met"), with the "and" on X; and "Bayramov of Azerbaijan
        # and Mirzoyan of Armenia initialled" hangs Y on X's state.
        parts = [tok, *(c for c in tok.children if c.dep_ == "compound")]  # "... Sarkisian and Azerbaijani President"
        linked = [c for t in parts for c in t.children if c.dep_ in ("nmod", "compound", "amod")
                  and c.i in self.actor_at and any(g.dep_ == "cc" for g in c.children)] + [
            y for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" and tok.ent_type_ == "PERSON"
            for o in p.children if o.dep_ == "pobj" for y in o.conjuncts
            if y.ent_type_ == "PERSON" and y.i in self.actor_at]
        for t in (tok, *tok.conjuncts, *linked):
            # "Chile's foreign minister, Heraldo Munoz, met ...": the person named, not the title's state.
            m = next((self.actor_at[c.i] for c in t.children if c.dep_ == "appos" and c.i in self.actor_at
                      and (self.actor_at[c.i].actor_id or "").startswith("person:")), self.actor_at.get(t.i))
            if m is None and t.lower_ in ("i", "we"):
                m = self._speaker_of(t)
            if m is None and t.lower_ in PRONOUN_KINDS and (subject := self._antecedent(t)) is not None:
                found += [a for a in self._actors_of(subject) if all(a.actor_id != f.actor_id for f in found)]
                continue  # "Aliyev and Pashinyan met in Prague. They agreed ...": both
            if m is None:
                # "the Azerbaijani president", "Armenian troops": the head may sit after the actor word, but
                # "Navalny supporters" are not Navalny
                m = next((self.actor_at[c.i] for c in t.children if c.i in self.actor_at and c.dep_ in (
                    "amod", "compound", "nmod", "poss") and not (self.actor_at[c.i].kind == "person"
                                                                and t.lemma_.lower() in self.classes["followers"])),
                         None)
            # Only a word naming no one means "the last two states": "Both Aliyev and Sarkisian" does not.
            if m is None and (t.lower_ in self.classes["pair_words"] | {"countries", "sides", "pair"} or any(
                    c.lower_ in self.classes["pair_words"] for c in t.children)):
                found += self._last_two_sides(t) if t.lemma_.lower() in ("side", "party") else self._last_two_states(t)
                continue
            if m is None and (t.pos_ == "NUM" or t.lemma_.lower() in self.classes["partitives"]):
                # "a band of Chilean smugglers", "thousands of Kenyan teachers": the part names no one itself
                whole = [a for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                         if o.dep_ == "pobj" for a in self._actors_of(o)]
                found += [a for a in whole if all(a.actor_id != f.actor_id for f in found)]
                continue
            if m is not None and all(m.actor_id != f.actor_id for f in found):
                found.append(m)
        return found

    def _quoted(self, tok: Token) -> bool:
        """Whether a word stands in a direct or partial quote: a speaker's own words."""
        return any(a <= tok.idx < b for a, b in self.quoted)

    def _antecedent(self, pronoun: Token) -> Token | None:
        """The subject "it", "they", "he" or "she" stands for, outside quotes: the nearest actor of a
        fitting kind named as a subject before it, in its sentence or the one before ("The navy seized
        two trawlers. It said ..."); "they" may also be people named together ("Aliyev and Pashinyan").
        Only subjects, as a pronoun subject most often continues the topic."""
        if self._quoted(pronoun):
            return None  # in a speaker's own words, "they" may be anyone the speaker talks about
        if (speaker := self._reporter(pronoun)) is not None:
            return speaker
        kinds = PRONOUN_KINDS[pronoun.lower_]
        for m, tok in self._named_before(pronoun):
            several = pronoun.lower_ in ("they", "them") and bool(tok.conjuncts)
            counted = tok.dep_ == "pobj" and tok.head.lower_ == "of" and (  # "hundreds of teachers marched"
                tok.head.head.pos_ == "NUM" or tok.head.head.lemma_.lower() in self.classes["partitives"])
            subject = tok.head.head if counted else tok
            if (m.kind in kinds or several) and subject.dep_ in ("nsubj", "nsubjpass") \
                    and subject.head.i != pronoun.head.i:
                return tok
        return None

    def _named_before(self, tok: Token) -> Iterator[tuple[Mention, Token]]:
        """The actors named before ``tok``, nearest first, in its sentence and the one before."""
        here = self.sents.index(tok)
        for i in sorted((i for i in self.actor_at if i < tok.i), reverse=True):
            if self.actor_at[i].sentence_idx < here - 1:
                return
            yield self.actor_at[i], self.sdoc[i]

    def _reporter(self, pronoun: Token) -> Token | None:
        """Who says what an "it", "they", "he" or "she" subject does, when the pronoun fits them: in "opposition
        deputies said they would demand a recount" they are the deputies, linked to an actor or not, and not the
        police named in the sentence before; "he" is a person who says it ("the army chief said he would")."""
        clause = pronoun.head
        if pronoun.lower_ not in ("it", "they", "he", "she") or pronoun.dep_ not in ("nsubj", "nsubjpass") \
                or clause.dep_ != "ccomp" or clause.head.lemma_ not in self.classes["reporting_verbs"]:
            return None
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if pronoun.lower_ in ("he", "she"):
            # "Ghana's police chief said he would ban the rally", "the opposition leader said he would": the one
            # who says it, named or not, rather than the last person named as a subject.
            speaker = reporting_subject(pronoun)
            if speaker is None or speaker.tag_ not in ("NN", "NNP"):
                return None
            m = self.actor_at.get(speaker.i)
            return speaker if m is not None and m.kind == "person" or speaker.lemma_.lower() in AGENTS.titles \
                else None
        if speaker is None or speaker.pos_ == "PRON" or speaker.ent_type_ == "PERSON" \
                or (m := self.actor_at.get(speaker.i)) is not None and m.kind == "person":
            return None  # "the minister said they": others
        plural = speaker.tag_ in ("NNS", "NNPS") or bool(speaker.conjuncts)
        return speaker if plural == (pronoun.lower_ == "they") else None

    @staticmethod
    def _antecedent_of(subject: Token) -> Token:
        """What a relative pronoun subject stands for: the noun its clause describes ("the farmers who
        blocked the road", "the cabinet, which has asked for a recount"); any other subject is itself."""
        clause = subject.head
        return clause.head if subject.tag_ in ("WDT", "WP") and clause.dep_ == "relcl" else subject

    def _named_by(self, thing: Token) -> list[Mention]:
        """Whom a thing acted on names: its author or addressee in its own phrase before its
        modifiers ("eased sanctions against Belarus", "turned down an offer from Quito", "voiced
        Chile's backing for the Bolivian cabinet", "a complaint lodged by Lima"), else the thing's own
        words ("a Peruvian proposal"). A thing that is itself an actor ("summoned France's ambassador")
        stands for it."""
        if thing.i in self.actor_at or any(c.i in self.actor_at for c in thing.conjuncts):
            return self._actors_of(thing)
        by = [o for p in thing.children if p.dep_ == "prep" and p.lower_ in self.classes["object_preps"]
              for o in p.children if o.dep_ == "pobj"] + [
            o for acl in thing.children if acl.dep_ == "acl" for a in acl.children
            if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        return [m for o in by for m in self._actors_of(o)] or self._actors_of(thing)

    @staticmethod
    def _among_those(verb: Token) -> Token | None:
        """Whom "among those arrested were ..." names: the subject of the "be" the phrase opens."""
        those, among = verb.head, verb.head.head
        if those.lower_ != "those" or among.lower_ != "among" or among.head.lemma_ != "be":
            return None
        return next((c for c in among.head.children if c.dep_ in ("nsubj", "attr") and c.i > verb.i), None)

    def _called(self, verb: Token) -> Token | None:
        """What a verb acts on when the speaker names it: "condemned what he called a massacre by
        Israeli troops", "denounced what it described as aggression" (the named thing, not "what")."""
        for clause in verb.children:
            if clause.dep_ == "ccomp" and clause.lemma_ in self.classes["naming_verbs"] and any(
                    c.dep_ == "dobj" and c.tag_ == "WP" for c in clause.children):
                return next((n for c in clause.children for n in (
                    [c] if c.dep_ in ("oprd", "xcomp", "attr") else
                    [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "as" else [])
                    if n.pos_ in ("NOUN", "PROPN")), None)
        return None

    def _last_two_sides(self, tok: Token) -> list[Mention]:
        """'both sides', 'the two parties': the two parties of the nearest act before, in its sentence or the three
        before, with one as its subject and the other as its object or joined subject ("Chadian troops attacked the
        rebels ... both sides agreed": Chad and the rebels), else the last two states named. Only for sides: "the two
        officers" are no parties, and "both countries" are states."""
        here = self.sents.index(tok)
        preps = self.classes["target_preps"] - {"at", "for", "from"}
        for i in sorted((i for i in self.actor_at if i < tok.i), reverse=True):
            if self.actor_at[i].sentence_idx < here - 3:
                break
            subject = self.sdoc[i]
            verb = subject.head
            if subject.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_ in self.classes["speech_verbs"]:
                continue  # "the UN called on Quito to ...": whom a speaker addresses is no side
            first = self.actor_at[i]
            others = (*subject.conjuncts, *objects_of((verb,), preps))
            other = next((m for o in others if o.i < tok.i for m in self._actors_of(o) if m.actor_id != first.actor_id),
                         None)
            if other is not None:
                return [first, other]
        return self._last_two_states(tok)

    def _last_two_states(self, tok: Token) -> list[Mention]:
        """'both countries', 'the two sides', 'the pair': the last two states named before."""
        seen: list[Mention] = []
        for m in reversed(self.order):
            if m.start >= tok.idx or m.kind != "state" or any(s.country == m.country for s in seen):
                continue
            seen.append(m)
            if len(seen) == 2:
                break
        return seen if len(seen) == 2 else []

    def _misattached(self, verb: Token) -> bool:
        """Whether a verb in the past tense is parsed as conjoined to a clause it cannot share: an infinitive
        ("asked the rebels to lay down their arms and appealed to the government": a past tense takes no
        "to"), a demand's subjunctive ("demanded that the prime minister resign and called for ...") or the
        naming in a free relative ("denounced what it called a campaign of terror and called for an inquiry").
        It coordinates with the verb that clause hangs from."""
        head = verb.head
        if verb.dep_ != "conj" or verb.tag_ != "VBD":
            return False
        if head.tag_ == "VB" and head.dep_ in ("xcomp", "advcl"):
            return infinitive(head)
        return self._subjunctive(head) or head.dep_ == "ccomp" and head.lemma_ in self.classes["naming_verbs"] \
            and any(c.lower_ == "what" for c in head.children)

    @staticmethod
    def _subjunctive(clause: Token) -> bool:
        """Whether a clause is a demand's subjunctive ("insisted that the ministry withdraw the levy"): a bare
        verb after "that", with a subject and no auxiliary (the tagger may take it for an adjective, and its
        subject for an adverb: "demanded that Ankara free 30 prisoners")."""
        return clause.dep_ == "ccomp" and (clause.tag_ == "VB" or clause.tag_ == "JJ" and any(
            c.dep_ == "dobj" for c in clause.children)) and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and any(
            c.dep_ in ("nsubj", "npadvmod") and c.i < clause.i for c in clause.children) and not any(
            c.dep_ in ("aux", "auxpass") for c in clause.children)

    def _swallowed_subject(self, verb: Token) -> Token | None:
        """A subject the parse read into an opening phrase: of time ("In the late afternoon police fired tear
        gas": "afternoon police" taken for one noun, right before the verb, itself no time), or of naming ("the
        group calling itself the Front declared a curfew": the name, else the group)."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            return None
        for clause in verb.children:
            if clause.dep_ in ("csubj", "advcl") and clause.i < verb.i and (name := self._self_named(clause)):
                return name if name.pos_ == "PROPN" else next(
                    (c for c in clause.children if c.dep_ == "nsubj"), None)
        return next((o for p in verb.children if p.dep_ == "prep" and p.i < verb.i for o in p.children
                     if o.dep_ == "pobj" and o.i == verb.i - 1 and o.ent_type_ not in ("TIME", "DATE")
                     and any(c.ent_type_ in ("TIME", "DATE") for c in o.children if c.dep_ in ("compound", "amod"))),
                    None)

    def _carrier(self, verb: Token) -> Token:
        """The verb whose clause carries an act: the verb of aspect it hangs on ("vowed his men would keep
        fighting", "tanks began moving into the capital"), else itself."""
        return verb.head if verb.dep_ == "xcomp" and verb.head.lemma_ in self.classes["aspect_verbs"] else verb

    def _name_given(self, noun: Token) -> Token | None:
        """The name a noun's clause of naming gives it: "the group calling itself the Front"."""
        return next((n for c in noun.children if c.dep_ == "acl" and (n := self._self_named(c))), None)

    def _self_named(self, clause: Token) -> Token | None:
        """The name a clause of naming gives its subject: "(the group) calling itself the Committee for
        National Renewal"."""
        if clause.lemma_ not in self.classes["naming_verbs"] or not any(
                c.dep_ == "dobj" and c.lower_ in ("itself", "themselves") for c in clause.children):
            return None
        return next((c for c in clause.children if c.dep_ in ("oprd", "attr")), None)

    def _coordinate(self, verb: Token) -> Token:
        """The word a verb's clause hangs from, where the parse joins it to the wrong one: a past tense
        joined to an infinitive coordinates with the verb above it, and a finite verb joined to an object
        noun ("condemned the killing and accused foreign powers of ...") with the verb that governs it. A
        series whose first verb the parse takes for what the second reports ("he called for calm, said
        there would be no reprisals, and urged ...") shares the first one's subject."""
        if self._misattached(verb):
            return verb.head.head
        head = verb.head
        if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.pos_ in ("NOUN", "PROPN"):
            node = head
            while node.pos_ != "VERB" and node.dep_ in ("dobj", "pobj", "prep", "conj") and node.head.i != node.i:
                node = node.head
            return node if node.pos_ == "VERB" else head
        if head.i > 0 and head.doc[head.i - 1].text == "," and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
            # The first verb's clause ends at the comma, as a reported clause or a relative one ("In a radio
            # address she called for calm, said ...": "called" hung on "address").
            return next((t for t in head.doc[head.left_edge.i:head.i - 1] if t.tag_ == "VBD" and t.dep_ in (
                "ccomp", "relcl") and t.right_edge.i >= head.i - 2 and any(g.dep_ == "nsubj" for g in t.children)),
                head)
        return head

    @staticmethod
    def _addressed(verb: Token) -> bool:
        """Whether a verb names whom it asks or tells to act, by an object and an infinitive ("urged the guerrilla
        organisations to hand over their arms"): that object is its target, whatever it is."""
        return any(c.dep_ == "dobj" for c in verb.children) and any(c.dep_ == "xcomp" for c in verb.children)

    def _participants(self, verb: Token, noun: Token | None, borrow: bool = True,
                      kind: str = "") -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of a trigger of type ``kind``. ``borrow``: may take the targets of the act
        it governs ("refused to meet the envoy"); off when called for another trigger's participants."""
        sources: list[Mention] = []
        targets: list[Mention] = []
        done_by = self._done_by(verb)
        passive = done_by or any(c.dep_ == "auxpass" for c in verb.children)
        demand = self._demand(verb)
        makers: tuple[str, ...] = ("by", "from") if demand else ("by",)
        makers += ("of",) if self._asked_at(verb) else ()  # "at the request of France": France asked
        named = ("NORP", "ORG", "GPE", "PERSON") if demand else ("NORP",)
        for child in verb.children:
            if child.dep_ == "nsubj" and done_by:
                targets += self._actors_of(child)  # "five of them killed by soldiers": the victims
            elif child.dep_ == "nsubj" or (child.dep_ == "agent" and (passive or verb.dep_ == "acl")):
                subject = child if child.dep_ == "nsubj" else self._doer(child)
                if subject is not None:
                    subject = self._antecedent_of(subject)  # "the Kremlin, which brokered the ceasefire"
                    name = self._name_given(subject)
                    sources += (self._actors_of(name) if name is not None else []) or self._actors_of(subject)
            elif child.dep_ == "poss" and verb.pos_ == "NOUN":
                sources += self._actors_of(child)  # "Li Keqiang's visit to Germany"
            elif self._nominal(verb) and (child.dep_ == "prep" and child.lower_ in makers or child.dep_ in (
                    "amod", "compound") and child.ent_type_ in named and child.i in self.actor_at):
                sources += self._actors_of(child if child.dep_ != "prep" else next(  # "Belgian sanctions",
                    (g for g in child.children if g.dep_ == "pobj"), child))  # "a proposal by Mahama"
            elif (child.dep_ == "prep" and child.lower_ == "of" and verb.pos_ == "NOUN" and (
                    verb.lemma_.lower() in self.frames.possessed or verb.lemma_.lower() in self.classes[
                        "victim_events"])) or (
                    child.dep_ == "dative" and child.lower_ in ("to", "for")):  # "sent supplies to Italy"
                targets += [m for obj in child.children if obj.dep_ == "pobj" for m in self._actors_of(obj)]
            elif child.dep_ == "nsubjpass" and kind == "MOBILIZE":
                sources += self._actors_of(child)  # "Turkish troops were massed in the east": the forces moved
            elif child.dep_ in ("nsubjpass", "dobj", "dative") and (noun is None or child.i != noun.i):
                # A thing as the object names its target in its own phrase: "lifted sanctions against
                # Belarus", "the ban on UK", "refused a request from Modi", "ordered the release of X"; a relative
                # pronoun by what it stands for ("Chad, which it accused of harbouring the rebels").
                targets += self._named_by(self._antecedent_of(child))
            elif child.dep_ == "prep" and child.lower_ in self.classes["target_preps"] | {"alongside", "beside"}:
                for obj in self._prep_objects(child):
                    targets += self._named_by(obj)  # "replied to a letter from Quito"
        if borrow and not targets and not passive and (sharer := object_sharer(
                verb, self.classes["target_preps"] | {"for"})) is not None:
            targets = self._participants(sharer, None, borrow=False)[1]  # "beat and arrested dozens of students"
        if not sources and not passive and (swallowed := self._swallowed_subject(verb)) is not None:
            # "In the late afternoon police fired tear gas", "the group calling itself the Front declared"
            sources = self._actors_of(swallowed)
        if not sources and not passive and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") \
                and verb.head.i != verb.i \
                and not (verb.dep_ == "ccomp" and verb.head.lemma_ in self.classes["reporting_verbs"]) \
                and not any(c.dep_ == "nsubj" and self._own_doer(verb, c) for c in verb.children):
            # "agreed to meet": the one who agreed; "said X and accused Y": the one who said. Not the
            # speaker for what the speaker says happened, nor anyone for a passive with no agent, nor the
            # main subject for a clause with a doer of its own ("X took power after thousands stormed Y";
            # "ordered the border closed" is no doer: the border is what is closed).
            sources = self._participants(self._coordinate(verb), None, borrow=False)[0]
        pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("it", "they")), None)
        if not sources and pronoun is not None and verb.dep_ == "ccomp" \
                and verb.head.lemma_ in self.classes["reporting_verbs"] \
                and not self._quoted(verb):
            # "TASZ said it would refuse": TASZ. Not in the speaker's own words: in '"For 35 years
            # they fought," Trump said', they are whoever the speaker talks about.
            sources = self._participants(verb.head, None, borrow=False)[0]
        if not sources and self._announced(verb):
            sources = self._participants(verb.head, None, borrow=False)[0]  # "the junta said X would be expelled"
        if not sources and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in self.classes[
                "instruments"]:
            sources = self._issuer(verb.head)  # "issued a decree dissolving the Congress": the decree's issuer
        elif not sources and verb.dep_ == "acl" and verb.tag_ == "VBG":
            sources = self._actors_of(verb.head)  # "the opposition, demanding that Syria withdraw": the opposition
        if not sources and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in self.classes[
                "doing_preps"] and verb.head.head.pos_ in ("VERB", "AUX"):
            # "responded by firing rockets", "were shot while fleeing the city": the clause's doer.
            sources = self._participants(verb.head.head, None, borrow=False)[0]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and (among := self._among_those(verb)) is not None:
            targets += self._actors_of(among)  # "among those detained were Kizza Besigye and two aides"
        elif verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "Azerbaijani forces, backed by Turkey"; but "Russian troops, massed on the border" are who moved
            (sources if kind == "MOBILIZE" else targets).extend(self._actors_of(verb.head))
        # An act done to someone names them as its "of" or its owner when a light verb carries it:
        # "ordered the release of the two reporters", "confirmed the poet's arrest".
        patient = noun is not None and noun.i != verb.i and kind in self.rules["patient_nouns"]
        if noun is not None:  # "talks between Stoltenberg and Aliyev", "sanctions on Russia"
            for prep in noun.children:
                if prep.dep_ == "prep" and (prep.lower_ in self.classes["target_preps"] and not (
                        demand and noun.i == verb.i and prep.lower_ in makers) or patient and prep.lower_ == "of"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            (sources if prep.lower_ == "between" else targets).extend(self._actors_of(obj))
                elif prep.dep_ == "poss" and patient:
                    targets += self._actors_of(prep)
        if not targets and (called := self._called(verb)) is not None:
            targets += self._named_by(called)  # "condemned what it called Israeli aggression": Israel
        fought = list(targets) if self._mutual(verb, noun, kind) else []
        if not targets and kind == "REQUEST":
            # Whom a demand is made of is the subject of what it demands: "demanded that the governor
            # resign", "repeated its demand that Lisbon drop the tax".
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj"), *([noun] if noun is not None else [])]
            targets += [m for h in holders for clause in h.children if clause.dep_ in ("ccomp", "acl")
                        for subj in clause.children if subj.dep_ == "nsubj" for m in self._actors_of(subj)]
        if not targets and verb.lemma_.lower() in self.classes["permitting"]:
            # Whom an act lets do something is the subject the parse gives what they may do: "would allow
            # Red Cross delegates to visit the detainees", "let the inspectors visit the site".
            targets += [m for clause in verb.children if clause.dep_ in ("ccomp", "xcomp")
                        for subj in clause.children if subj.dep_ == "nsubj" for m in self._actors_of(subj)]
        if not targets and kind in self.rules["conditioned"]:
            targets = self._on_condition(verb)  # a threat is aimed at whoever its condition names
        if not targets and borrow:
            # Whom the act refused, threatened or agreed to is aimed at: "refused to meet the envoy",
            # "threatened to close its borders with Iraqi Kurdistan", "agreed to reopen them for X"; and
            # whom the means were used on: "used tear gas to disperse them".
            heads = self.classes["wielding"] | self.classes["complement_heads"]
            for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB" or c.dep_ == "advcl"
                         and verb.lemma_ in heads and c.i > verb.i and infinitive(c)):
                targets += self._participants(comp, None, borrow=False)[1]
        if not targets and verb.dep_ in ("ccomp", "advcl") and verb.head.i != verb.i \
                and self._owned_by_pronoun(verb, kind):
            # "Peru said Ecuadorian troops shelled its border posts", "Lima will respond if Quito attacks
            # its ports": what "its" or "their" owns belongs to the one who speaks or acts in the main clause.
            targets = self._participants(verb.head, None, borrow=False)[0]
        objects = [o for c in verb.children for o in (c, *(c.children if c.dep_ == "prep" else ()))
                   if o.dep_ in ("dobj", "dative", "pobj")]
        if not targets and borrow and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not any(map(self._someone, objects)) \
                and not self._addressed(verb):
            # Acts joined under one subject share whom they are done to when the later one names only a
            # thing: "expelled Lima's envoy and suspended trade"; not "... and detained dozens of people", nor
            # whom the later one asks to act ("... and urged the guerrilla organisations to hand over their arms").
            targets = self._participants(verb.head, None, borrow=False)[1]
        # Each side fights the other: the side the act names is a second source beside a named first ("Chad
        # fought the rebels"), where whom a clause it governs aims at stays its target ("fighting to topple
        # the junta").
        sources += fought if sources else []
        sources = list({m.actor_id: m for m in sources}.values())
        targets = list({m.actor_id: m for m in targets if all(m.actor_id != s.actor_id for s in sources)}.values())
        return sources, targets

    @staticmethod
    def _nominal(verb: Token) -> bool:
        """Whether a trigger stands as a noun: a noun, or a gerund the parse uses as one, which names its doer
        with "by" as a noun does ("shelling by army gunners has emptied the villages")."""
        return verb.pos_ == "NOUN" or verb.tag_ == "VBG" and verb.dep_ in (
            "csubj", "nsubj", "nsubjpass", "dobj", "pobj")

    def _own_doer(self, verb: Token, subject: Token) -> bool:
        """Whether a clause's subject does its act rather than the main clause's: an actor, or in an
        adverbial or conjoined clause any noun ("joined the protests, and police fired tear gas"), unless a
        pronoun owns it ("its aircraft struck the bases": the owner is the main clause's subject)."""
        return subject.i in self.actor_at or verb.dep_ in ("advcl", "conj") and subject.pos_ != "PRON" and not any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)

    def _issuer(self, instrument: Token) -> list[Mention]:
        """Who issues a decree, an order or a statement: its owner ("Yeltsin's decree", "a U.N. resolution"),
        its "by" ("an order by the king"), else whoever signs, issues or passes it ("the king signed an order
        banning ...")."""
        issuers = [m for c in instrument.children if c.dep_ in ("poss", "compound", "amod") and c.i in self.actor_at
                   or c.dep_ == "prep" and c.lower_ == "by"
                   for t in (c, *c.children) if t.dep_ in ("poss", "compound", "amod", "pobj")
                   for m in self._actors_of(t)]
        if issuers or not self._issued(instrument):
            return issuers
        return self._participants(instrument.head, None, borrow=False)[0]

    def _issued(self, instrument: Token) -> bool:
        """Whether an instrument is the object of a verb that issues it ("signed an order", "adopted a
        resolution"), whose doer is then its issuer; not one discussed or opposed."""
        return instrument.dep_ in ("dobj", "nsubjpass") and instrument.head.pos_ == "VERB" \
            and instrument.head.lemma_ in self.classes["issuing"]

    def _on_condition(self, verb: Token) -> list[Mention]:
        """Whom a threat's or a refusal's condition names as the doer, in its own clause or the one it
        announces: "warned that if Iran violated the deal, sanctions would snap back" (Iran), "would
        suspend its support if Mr Nkurunziza stood again", "warned of consequences if Kyiv did not act", "will
        not lift the embargo until Hanoi accounts for the missing" (Vietnam)."""
        clauses = [verb, *(c for c in verb.children if c.dep_ in ("ccomp", "xcomp"))]
        clauses += [g for c in clauses[1:] for g in c.children if g.dep_ in ("ccomp", "xcomp")]
        return [m for clause in clauses for cond in clause.children if cond.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in ("if", "unless", "until") for g in cond.children)
                for subj in cond.children if subj.dep_ in ("nsubj", "nsubjpass") for m in self._actors_of(subj)]

    def _mutual(self, verb: Token, noun: Token | None, kind: str) -> bool:
        """Whether an act is fighting done on both sides ("fought", "clashed with", "exchanged fire"), whose
        sides are all its sources."""
        return kind == "ASSAULT" and any(
            h is not None and h.lemma_.lower() in self.classes["mutual"] for h in (verb, noun))

    def _someone(self, tok: Token) -> bool:
        """Whether a word may name people rather than a thing: a name, a number or part ("hundreds",
        "dozens of"), a pronoun, or a noun for people or a body ("the government", "foreign forces")."""
        lemma = tok.lemma_.lower()
        return tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE", "CARDINAL") or tok.pos_ in ("PRON", "NUM", "PROPN") \
            and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL") \
            or lemma in self.classes["partitives"] or lemma in AGENTS.nouns or lemma in AGENTS.titles \
            or lemma in AGENTS.kinds or lemma in self.classes["kin"]

    def _owned_by_pronoun(self, verb: Token, kind: str) -> bool:
        """Whether what a verb is done to is owned by an "its" or "their" that is not its subject's:
        after several subjects "its" ("troops shelled its border posts"; "their" is theirs: "Quito and Lima
        reaffirmed their commitment"), and after one any in an act no one does to itself ("Quito attacked
        its ports"; "Quito reaffirmed its commitment" is Quito's own)."""
        several = any(c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or c.conjuncts or c.lower_ == "they")
                      for c in verb.children)
        owners = ("its",) if several else ("its", "their") if kind in HOSTILE else ()
        things = objects_of((verb,), self.classes["target_preps"])
        wholes = [o for t in things for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]  # "several of its towns"
        return any(c.dep_ == "poss" and c.lower_ in owners for t in things + wholes for c in t.children)

    def _unlinked_subject(self, verb: Token, noun: Token | None, raised: bool = False) -> str | None:
        """A subject that names someone without being a resolved actor ("the government"). ``raised``:
        ``verb`` governs the clause asked about, whose subject a passive raises ("deputies were
        expected to approve")."""
        for child in verb.children:
            if child.dep_ == "agent" or self._nominal(verb) and child.dep_ == "prep" and child.lower_ == "by":
                if (doer := self._doer(child)) is None:
                    continue  # "conducted by radio": no one named
                child = doer  # "were freed by the militia", "a demonstration by pensioners"
            elif child.dep_ == "nsubj" and self._done_by(verb):
                continue  # "five of them killed by soldiers" names the victims
            # A passive's subject is who it was done to: "forty miners were shot" names the victims.
            elif not (child.dep_ == "nsubj" or raised and child.dep_ == "nsubjpass") or (
                    noun is not None and child.i == noun.i):
                continue
            if child.lower_ in ("they", "it", "he", "she") and verb.dep_ == "ccomp" \
                    and verb.head.lemma_ in self.classes["reporting_verbs"] \
                    and not self._quoted(verb):
                # "Police said they had arrested two men": the one who said, when no actor is named.
                return self._unlinked_subject(verb.head, None)
            if child.lower_ in ("i", "we") and (spoken := next((sp for a, b, sp in self.speaker_named
                                                               if a <= child.idx < b), None)) is not None:
                return spoken  # '"We will pull our troops back," the defence minister said': the minister
            if child.lower_ in ("they", "he", "she", "it") and (named := self._unlinked_antecedent(child)) is not None:
                return self._phrase(named)  # "The colonels gathered. They ordered the cabinet out."
            if child.lower_ in ("it", "this"):
                continue
            if (antecedent := self._antecedent_of(child)) is not child:
                # "who" stands for people ("the lawmakers who condemned the raid"); "which" and "that"
                # for someone only when they head a group or body ("the cabinet, which has asked for a recount"),
                # never for an event or a thing ("a landslide that killed nine", "a blast that destroyed").
                if child.tag_ != "WP" and AGENTS.nouns.get(antecedent.lemma_.lower()) is None \
                        and antecedent.ent_type_ not in ("ORG", "NORP"):
                    continue
                child = antecedent
            if child.pos_ not in ("NOUN", "PROPN", "NUM") and child.lemma_.lower() in self.classes["partitives"]:
                # "some of the protesters", "many in the crowd": the group they are part of
                group = next((o for p in child.children if p.dep_ == "prep" and p.lower_ in ("of", "in", "among")
                              for o in p.children if o.dep_ == "pobj"), None)
                if group is None:
                    return child.text  # "Some called for him to be tried": people the story has named
                child = group
            # The tagger sometimes takes a bare agent noun for an adjective ("The junta sent ..."): our
            # vocabulary says it names someone.
            if (name := self._name_given(child)) is not None and name.pos_ == "PROPN":
                child = name  # "the group calling itself the Committee for National Renewal"
            if (child.pos_ in ("NOUN", "PROPN", "NUM") or child.lower_ in AGENTS.nouns) and (
                    text := self._phrase(child)):
                return text
        if self._announced(verb):
            return self._unlinked_subject(verb.head, None)  # "the ministry said any student would be detained"
        if (swallowed := self._swallowed_subject(verb)) is not None:  # its words without the time
            return " ".join(t.text for t in swallowed.subtree if t.ent_type_ not in ("TIME", "DATE")
                            and t.dep_ not in ("det", "punct") and t.i < verb.i)
        if verb.dep_ in ("xcomp", "advcl", "conj", "acomp") and verb.head.i != verb.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "teachers marched to demand ...", "deputies were expected to approve ...", "were ready to join talks"
            head = self._coordinate(verb) if verb.dep_ == "conj" else verb.head
            return self._unlinked_subject(head, noun, raised=verb.dep_ == "xcomp")
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and self._someone(verb.head):
            return self._phrase(verb.head)  # "leaders of the bloc, meeting in Quito, ...": the leaders
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in self.classes["instruments"]:
            # "the army released a statement denouncing the bombing": the statement's issuer, named or not
            owner = next((c for c in verb.head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            if owner is not None:
                return self._phrase(owner) if self._someone(owner) else None
            if self._issued(verb.head):
                return self._unlinked_subject(verb.head.head, None)
        return None

    def _unlinked_antecedent(self, pronoun: Token) -> Token | None:
        """The subject a "they", "he", "she" or "it" stands for when no actor does (``_antecedent``
        comes first): the nearest subject before it, in its sentence or the one before, that names people
        ("the generals", "opposition leaders") in the pronoun's number, or for "it" a body ("The military
        council took power. It imposed a curfew."). Outside quotes only."""
        if self._quoted(pronoun):
            return None
        start = self.sents.of(pronoun).start
        start = self.sents.of(self.sdoc[start - 1]).start if start else start
        plural = pronoun.lower_ == "they"
        for tok in reversed(self.sdoc[start:pronoun.i]):
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i == pronoun.head.i:
                continue
            # "Thousands of farmers marched. They demanded land": the people counted
            group = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                          if o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS")), None) \
                if plural and tok.lemma_.lower() in self.classes["partitives"] else None
            head = group if group is not None else tok
            if head.pos_ not in ("NOUN", "PROPN") or group is None and (
                    tok.tag_ in ("NNS", "NNPS") or bool(tok.conjuncts)) != plural:
                continue
            if pronoun.lower_ == "it":
                lemma = tok.lemma_.lower()
                if tok.ent_type_ != "PERSON" and (lemma in AGENTS.kinds or lemma in AGENTS.descriptions):
                    return tok
            elif head.ent_type_ == "PERSON" or AGENTS.sector_of_phrase([head.text], [head.lemma_]) is not None:
                return tok
        return None

    @staticmethod
    def _state_left(tok: Token) -> bool:
        """A bare noun after "on" names the state an act leaves its object in ("set the buses on fire",
        "put the troops on alert"), like "ablaze", and so does "to death" ("put six officers to death", "beaten to
        death"): part of the act, never its target."""
        return tok.dep_ == "pobj" and not any(tok.children) and (
            tok.head.lower_ == "on" and tok.tag_ == "NN" or tok.head.lower_ == "to" and tok.lower_ == "death")

    def _done_by(self, verb: Token) -> bool:
        """A past participle with no auxiliary whose subject is who it was done to, as its agent or, for the
        dead and wounded, its lack of an object shows: "five of them killed by soldiers", "five soldiers
        killed in an ambush" (the parser gives it a subject, not a passive one). Victims never attack."""
        if verb.tag_ != "VBN" or verb.dep_ == "acl" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        # (A count joined to another, "were killed and 400 wounded", is that count's: not here.)
        return any(c.dep_ == "agent" for c in verb.children) or verb.lemma_ in self.classes["casualties"] \
            and verb.dep_ != "conj" and not any(c.dep_ in ("dobj", "dative") for c in verb.children)

    def _doer(self, agent: Token) -> Token | None:
        """Who an agent phrase names: its object, or for a weapon someone used, that someone ("wounded
        by rubber bullets fired by police": the police); no one for a means of sending word ("negotiations
        conducted by radio", "summoned by telephone") or a time ("arrested by nightfall", "by the end of May")."""
        by = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if by is not None and (by.lemma_.lower() in self.classes["messages"] and not any(
                c.dep_ in ("det", "poss", "compound") for c in by.children)
                or by.ent_type_ in ("DATE", "TIME") or by.lemma_.lower() in self.classes["deadlines"]):
            return None
        user = next((o for c in by.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                     for o in a.children if o.dep_ == "pobj"), None) if by is not None else None
        return user or by

    def _announced(self, verb: Token) -> bool:
        """A passive act to come that a speaker announces, no one else named doing it: "the junta said
        foreign reporters would be expelled", "the ministry said any student marching would be detained". The one who
        announces it is its doer (and, for coercion, the one who threatens). Not in a quote, where the
        speaker may talk of anyone."""
        return verb.dep_ == "ccomp" and verb.head.lemma_ in self.classes["reporting_verbs"] \
            and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ == "agent" and self._doer(c) is not None for c in verb.children) \
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in verb.children) \
            and not self._quoted(verb)

    def _demand(self, noun: Token | None) -> bool:
        """Whether a noun is a demand, made "by" or "from" someone who may also stand before it ("appeals from
        Oslo", "UN calls"), where a withdrawal "from" a place is not its doer and a people's adjective is the
        only modifier that names one ("Belgian sanctions", not "the Kabul attack")."""
        return noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in self.classes["demands"]

    def _asked_at(self, noun: Token) -> bool:
        """Whether a demand is what an act was done at ("at the request of France"): its "of" names who asked."""
        return self._demand(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "at"

    def _unlinked_object(self, verb: Token, noun: Token | None) -> str | None:
        """Whom or what an event targets when no actor is named there: "summoned the Chinese
        ambassador", "an investigation into the death of ...", "withdraw its troops from X"."""
        def phrase(tok: Token) -> str | None:
            # "on hundreds of demonstrators", "tens of thousands of supporters": a count of people names them
            # as does a plural count ("thousands were driven from their villages")
            counted = (tok.pos_ == "NUM" or tok.ent_type_ == "CARDINAL") and (tok.tag_ == "NNS" or any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))
            if tok.pos_ not in ("NOUN", "PROPN") and not counted or (noun is not None and tok.i == noun.i) \
                    or self._state_left(tok) \
                    or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY") \
                    and not counted \
                    or tok.lemma_ in self.classes["no_target_words"] \
                    or tok.lemma_ in self.classes["in_force_words"] and (  # "came into force", "took effect"
                        tok.head.lower_ in ("in", "into") or tok.head.lemma_ in self.classes["in_force"]) \
                    or tok.lemma_ in self.classes["parts_of_day"] and any(
                        c.dep_ == "compound" and c.ent_type_ in ("DATE", "TIME") for c in tok.children):
                return None  # "on Thursday", "on Sunday night" (not "the Christmas tree"), "for the first time": when;
                # "stopped work", "downed tools": part of the act
            return self._phrase(tok)

        holders = [verb] + ([noun] if noun is not None else [])
        # A relative pronoun stands for what its clause describes ("Mr. Rahman, who has been held"); not "its troops".
        undergoing = ("dobj", "dative", "nsubjpass") + (("nsubj",) if self._done_by(verb) else ())
        objects = [self._antecedent_of(c) for h in holders for c in h.children
                   if c.dep_ in undergoing  # "five soldiers killed in an ambush": the dead
                   and not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)]
        # "condemned what it called the seizure", "among those arrested were members of the strike council"
        objects += [c for c in (self._called(verb), self._among_those(verb)) if c is not None]
        # "Fired tear gas" at someone, "used live ammunition against" them: what is wielded is the means.
        means = [c for c in objects if c.head.lemma_ in self.classes["wielding"]
                 and c.lemma_.lower() in self.classes["means_of_force"]]
        things = [c for c in objects if c not in means]
        def by(holders_: list[Token], preps: Set[str],
               keep: Callable[[Token, Token, Token], bool] = lambda holder, prep, obj: True) -> str | None:
            """The first object of one of ``preps`` on ``holders_`` that names something (and that ``keep``
            accepts, given its holder, preposition and object)."""
            return next((text for h in holders_ for child in h.children
                         if child.dep_ in ("prep", "dative") and child.lower_ in preps
                         for obj in self._prep_objects(child) if keep(h, child, obj)
                         and (text := phrase(obj))), None)

        # Someone an act is aimed at, after the verb: "fired tear gas at students" (not "At a rally, X demanded",
        # nor "took hostages at the plant").
        aimed_at = by(holders, {"at"}, lambda holder, prep, obj: prep.i > holder.i and self._someone(obj))

        # Whom a thing goes to, comes from or is aimed at, before the thing: "returned a portrait to
        # its owner", "suspended aid to the enclave", "lifted its boycott of Israeli ranchers"; then
        # the thing ("dispersed the crowd with tear gas"); then who it was done with or at.
        charged = next((t for c in things if verb.lemma_ in self.classes["charging"] and (t := phrase(c))), None)
        # A passive's subject is whom it was done to, before where from: "reporters were barred from the region".
        suffered = next((t for c in things if c.dep_ == "nsubjpass" and (t := phrase(c))), None)
        maker = {"from"} if self._demand(noun) else set()  # "a plea from Oslo" names who made it
        charge = {"for"} if verb.lemma_ in self.classes["charging"] else set()  # "tried him for treason"
        # What a feeling voiced is about: "expressed outrage at the killings", "voiced concern over the arrests".
        voiced = [c for c in things if c.lemma_ in self.classes["voiced_words"]]
        return (charged or suffered or aimed_at or by(means, {"against", "at", "on"})
                or by(voiced, {"about", "at", "over"})
                or by(holders, {"against", "from", "into", "on", "to"} - maker,
                      lambda holder, prep, obj: not (prep.lower_ == "from" and things and obj.lemma_.lower() in (
                          self.classes["homes_left"] | self.classes["custody_states"])))  # "freed him from custody"
                # not a title's own phrase: "kidnapped the mayor of the town" took the mayor, not the town
                or by([c for c in things if c.lemma_.lower() not in AGENTS.titles],
                      self.classes["object_preps"] - {"with"})
                or next((text for c in things if (text := phrase(c))), None)
                or by(holders, self.classes["target_preps"] - {"between"} - maker - charge)
                # what a threat or a refusal is aimed at: "threatened to shell the village"
                or next((t for c in verb.children if c.dep_ == "xcomp" and (t := self._unlinked_object(
                    c, None))), None)
                # whom the means were used on: "fired tear gas to disperse the students"
                or next((t for c in verb.children if c.dep_ == "advcl" and verb.lemma_ in self.classes["wielding"]
                         and infinitive(c)
                         and (t := self._unlinked_object(c, None))), None))

    def _near(self, verb: Token, labels: tuple[str, ...]) -> list[Span]:
        """Entities of the trigger's sentence, those attached to its clause first."""
        ents = [e for e in self.sents.ents(verb) if e.label_ in labels]

        def distance(ent: Span) -> int:
            node, steps = ent.root, 0
            while node.i != verb.i and node.head.i != node.i and steps < 6:
                node, steps = node.head, steps + 1
            return steps if node.i == verb.i else 10 + abs(ent.start - verb.i)

        return sorted(ents, key=distance)

    @staticmethod
    def _describes_something_else(ent: Span, verb: Token) -> bool:
        """Whether ``ent`` sits in a clause modifying a noun, away from the trigger: in "Trump
        waived restrictions that had been in place since 1992", 1992 dates the restrictions."""
        on_path = {verb.i, *(t.i for t in verb.ancestors)}
        node = ent.root
        while node.i not in on_path and node.head.i != node.i:
            if node.dep_ in ("relcl", "acl"):
                return True
            node = node.head
        return False

    def _speaker_of(self, tok: Token) -> Mention | None:
        """The speaker of the quote a token sits in, if the quote's speaker is a known actor."""
        return next((sp for a, b, sp in self.speaker_in if a <= tok.idx < b), None)
