"""Events named by a noun with no light verb, for the events stage (``pipeline/events.py``).

"fighting broke out", "the capital saw protests", "a car bomb exploded", "the truce took
effect", "the convoy came under fire", "Russia's invasion of Ukraine", "the 1994 truce": an
event noun, its occurrence verb or its own phrase report the event, often with no one named
(PLOVER's unidentified actor). Also the nouns and adjectives that make their clause an event:
"must" (a demand), "deeply concerned" (disapproval), "committed to" (agreement), votes in favour.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.pipeline.event_trigger import (
    AGENTS,
    TOGETHER,
    Trigger,
    armed,
    dated,
    event_key,
    goes_on,
    infinitive,
    noun_lemma,
    occurs,
    phrasal_key,
)
from newsledger.pipeline.event_typing import Typing
from newsledger.pipeline.gazetteer import place


class NominalEvents(Typing):
    """The events a document's nouns and adjectives report."""

    @staticmethod
    def _asked_for(noun: Token, found: list[Trigger]) -> bool:
        """Whether an event noun is what a request found asks for ("demanding Chavez's resignation", "called
        for Russia's withdrawal"): the request is the event, the act asked for has not happened."""
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else noun.head
        return noun.dep_ in ("dobj", "pobj") and any(
            t.token.i == verb.i and t.event_type == "REQUEST" for t in found)

    def _noun_triggers(self, found: list[Trigger], used_nouns: set[int]) -> None:
        """Add to ``found`` the events nouns and adjectives report, leaving the verbs already
        triggering (``found``) and the nouns a light verb carried (``used_nouns``) alone."""
        taken = {t.token.i for t in found}
        for tok in self.sdoc:
            lemma = noun_lemma(tok)
            head = tok.head
            if self._obliged(tok) and head.i not in taken:
                found.append(Trigger(head, None, "REQUEST", None, f"must:{head.lemma_}", shown=tok))
                taken.add(head.i)
                continue  # "the minister said Qatar must mediate": a demand made of Qatar
            if tok.lower_ in self.classes["concern"] and tok.dep_ == "acomp" and head.i not in taken and any(
                    c.dep_ == "prep" and c.lower_ in self.classes["concern_about"] and c.i > tok.i
                    for c in (*tok.children, *head.children)):
                found.append(Trigger(head, tok, "ACCUSE", "disapprove", f"concern:{tok.lower_}"))
                continue  # "said it was deeply concerned by the shelling" (concern about nothing named blames no one)
            if (remote := self._remote(tok, found)) is not None:
                found.append(remote)
                continue  # "thanked Humala in a telephone call", "urged the two presidents by phone"
            if (judged := self._reported_judgement(tok, taken)) is not None:
                found.append(judged)
                taken.add(judged.token.i)
                continue  # "the tribunal said the count was not valid", "Seoul said the launch was a violation"
            if tok.lower_ in self.classes["committed"] and tok.dep_ == "acomp" and head.i not in taken and any(
                    c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                found.append(Trigger(head, tok, "AGREE", None, f"committed:{tok.lower_}"))
                continue  # "said the group remained committed to peace": the manual's commitment to cooperate
            if tok.lower_ in self.classes["willing"] and tok.dep_ == "acomp" and head.i not in taken and (
                    offered := next((g for p in tok.children if p.dep_ == "prep" and p.lower_ == "for"
                                     for g in p.children if g.dep_ == "pobj" and self._cooperative(g)), None)):
                # "said the guerrillas were prepared for talks": willingness to cooperate is AGREE (the manual);
                # not "ready for any attack".
                found.append(Trigger(head, offered, "AGREE", None, f"willing:{tok.lower_}+{noun_lemma(offered)}"))
                taken.add(tok.i)  # the talks it is ready for are this event, not a meeting of their own
                used_nouns.add(offered.i)
                continue
            if tok.lower_ in self.classes["willing"] and tok.dep_ == "acomp" and head.i not in taken and (
                    helping := next((c for c in tok.children if c.dep_ == "xcomp"
                                     and c.lemma_ in self.classes["helping"]), None)):
                found.append(Trigger(head, None, "AGREE", None, f"willing:{tok.lower_}+{helping.lemma_}", shown=tok))
                taken.add(head.i)
                continue  # "said it was ready to help Haiti rebuild": an offer of help (the manual's AGREE)
            if tok.lemma_.lower() in self.classes["voting"] and tok.i not in taken and any(
                    g.lemma_.lower() in ("favour", "favor") for p in tok.children
                    if p.dep_ == "prep" and p.lower_ == "in" for g in p.children if g.dep_ == "pobj"):
                # "passed with 13 votes in favour", "voted in favour of the plan": support, whoever cast them.
                found.append(Trigger(tok, tok if tok.pos_ == "NOUN" else None, "SUPPORT", None, "vote+favour",
                                     anonymous=True))
                continue
            if lemma in self.classes["explosives"] and tok.dep_ == "nsubj" and (
                    head.lemma_ in self.classes["exploding"] or phrasal_key(head) in self.classes["exploding"]) \
                    and head.i not in taken:  # "a bomb exploded", "went off"
                # "a car bomb exploded in the market": an attack whoever set it (PLOVER's unidentified actor).
                found.append(Trigger(head, tok, "ASSAULT", "explosives", f"{lemma}+{phrasal_key(head)}",
                                     anonymous=True))
                continue
            if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in self.classes["falling_to"] \
                    and head.head.i not in taken and any(armed(x) for x in (tok, *tok.conjuncts)) and any(
                    c.dep_ == "nsubj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or place(c.text)[0] is not None
                                           or c.lemma_.lower() in self.classes["strongholds"] | AGENTS.place_heads)
                    for c in head.head.children):
                # "the town fell to the rebels", "Goma fell to M23": a place taken by them (the manual's ASSAULT).
                found.append(Trigger(head.head, None, "ASSAULT", None, f"fallen:{head.head.lemma_}+to"))
                taken.add(head.head.i)
                continue
            if lemma in self.classes["projectiles"] and tok.dep_ == "nsubj" and head.lemma_ in self.classes[
                    "landing"] and head.i not in taken and not any(
                    g.lemma_.lower() in self.classes["waters"] for p in head.children if p.dep_ == "prep"
                    for g in p.children if g.dep_ == "pobj"):
                # "shells fell on the old town", "two rockets landed near the airport": an attack whoever fired
                # them; not a test shot landing at sea.
                found.append(Trigger(head, tok, "ASSAULT", None, f"{lemma}+{head.lemma_}", anonymous=True))
                continue
            if lemma in self.classes["guns"] and tok.dep_ == "nsubj" and head.i not in taken and any(
                    c.dep_ == "acomp" and c.lower_ in self.classes["silent"] for c in head.children):
                found.append(Trigger(head, tok, "RETREAT", "ceasefire", f"{lemma}+silent", anonymous=True))
                continue  # "the guns fell silent": the fighting stopped, whoever stopped it
            # Not what protesters say ("demonstrators said they would stay"): their words are no march.
            if lemma in self.classes["protesters"] and tok.dep_ == "nsubj" and head.pos_ == "VERB" \
                    and head.i not in taken and head.lemma_ not in self.classes["speech_verbs"]:
                # What they kept up or staged, when it names a protest or an obstruction, is the act's own word:
                # "demonstrators kept up their blockades", "strikers held a sit-in" (protesters obstruct).
                staged = next((c for c in head.children if c.dep_ == "dobj" and (self.frames.nouns.get(
                    noun_lemma(c), ("",))[0] == "PROTEST" or noun_lemma(c) in self.classes["obstructions"])), None)
                mode = "demo" if staged is None else "obstruct" if noun_lemma(staged) in self.classes[
                    "obstructions"] else self.frames.nouns[noun_lemma(staged)][1]
                found.append(Trigger(head, staged, "PROTEST", mode, f"subject:{lemma}"))
                continue  # "protesters gathered outside", "protesters broke into parliament"
            # A gerund may stand for its event noun: "since fighting broke out", "weeks of fighting".
            # The parser may take a state of readiness for an adjective: "put troops on standby", and a
            # paragraph's first word for a name: "Gunfire could be heard".
            if tok.i in used_nouns or not (tok.pos_ == "NOUN" or lemma in self.classes["readiness"] or (
                    tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "pcomp", "pobj")
                    or tok.pos_ == "PROPN" and tok.is_sent_start and not tok.ent_type_) and lemma in self.frames.nouns):
                continue
            force = next((v for v in (head, *(c for c in head.children if c.dep_ == "xcomp"))
                          if v.lemma_ in self.classes["in_force"]), None)  # "the truce was to take effect"
            if force is not None and tok.dep_ == "nsubj" and (lemma in ("ceasefire", "truce") or lemma in self.classes[
                    "enforced"] and self._takes_effect(force)) \
                    and force.i not in taken and not any(  # "the truce should hold": a hope
                        c.dep_ == "aux" and c.lower_ in self.classes["obligation"] | self.classes["hypothetical"]
                        for c in force.children):
                # A ceasefire in force is a retreat whoever is named (its noun's coding, RETREAT ceasefire):
                # PLOVER's unidentified actor (UNK); so is a curfew or an embargo that took effect the act of
                # whoever imposed it.
                found.append(Trigger(force, tok, *self.frames.nouns[lemma], f"{lemma}+{force.lemma_}", anonymous=True))
                continue  # "the truce took effect", "the ceasefire came into force", "the embargo took effect"
            if lemma in self.frames.nouns and tok.dep_ == "pobj" and head.lower_ == "under" \
                    and head.head.lemma_ in self.classes["undergo"] and head.head.i not in taken \
                    and self.frames.nouns[lemma][0] == "ASSAULT":
                found.append(Trigger(head.head, tok, *self.frames.nouns[lemma], f"under+{lemma}",
                                     anonymous=True, undergone=True))
                continue  # "the convoy came under fire": done to the subject, by someone unnamed
            if lemma in self.classes["custody_states"] and tok.dep_ == "pobj" and head.lower_ in ("in", "under") \
                    and head.head.lemma_ in self.classes["held_in"] and head.head.i not in taken:
                found.append(Trigger(head.head, tok, "COERCE", "arrest", f"held:{lemma}", anonymous=True,
                                     undergone=True))
                continue  # "Carmona was under arrest", "remains in custody": held, by someone unnamed
            if lemma in self.frames.nouns and tok.dep_ == "dobj" and head.lemma_ in self.classes["drawing"] \
                    and head.i not in taken and self._realised(head) and (lemma not in self.classes["alerts"] or any(
                        c.dep_ == "prep" and c.lower_ == "from" for c in (*tok.children, *head.children))):
                # "the coup drew condemnation from governments", "faced criticism from the opposition": the
                # act is done to the subject, by whoever it comes "from" (DocumentEvents._emit). Only what
                # happened: "farmers can receive aid once the harvest is assessed", "or face arrest" are conditions.
                coding = ("REQUEST", None) if lemma in self.classes["demands"] else self._noun_type(head, tok)
                found.append(Trigger(head, tok, *coding, f"drawn:{lemma}+{head.lemma_}", anonymous=True,
                                     undergone=True))  # "drew calls for his resignation": demands made of him
                taken.add(head.i)
                continue
            if lemma in self.classes["accusations"] and head.i not in taken and self._speaker_of(tok) is not None \
                    and not any(t.event_type == "ACCUSE" and t.token in tok.ancestors for t in found):
                found.append(Trigger(tok, tok, "ACCUSE", "allege", f"quote:{lemma}"))
                continue  # a speaker's own words: "That was an act of piracy," the minister said; not the word an
                # accusation already coded quotes ("accused the rebels of 'genocide'": that one accusation)
            if lemma in self.classes["undertaken_on"] and tok.dep_ == "pobj" and tok.head.lower_ == "on" \
                    and tok.head.head.pos_ in ("VERB", "AUX"):  # "went on strike", "are on strike", "went on a rampage"
                coding = ("PROTEST", "strike") if lemma in ("strike", "walkout") else self.frames.nouns[lemma]
                found.append(Trigger(tok.head.head, tok, *coding, f"on+{lemma}"))
                continue
            if lemma in self.classes["defiance"] and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                    and tok.head.head.pos_ in ("VERB", "AUX") and any(
                        p.dep_ == "prep" and p.lower_ == "of" for p in tok.children):
                found.append(Trigger(tok.head.head, tok, "REJECT", None, f"in+{lemma}", shown=tok))
                continue  # "marched in defiance of a ban": the ban refused (the manual's REJECT, CAMEO 128)
            if lemma in self.classes["readiness"] and tok.dep_ == "pobj" and tok.head.lower_ == "on" \
                    and (verb := tok.head.head).pos_ in ("VERB", "AUX") and verb.i not in taken and any(
                        c.dep_ in ("nsubj", "nsubjpass", "dobj") and armed(c) for c in verb.children):
                found.append(Trigger(verb, tok, "MOBILIZE", "troops", f"on+{lemma}"))
                continue  # "troops were put on high alert": readiness raised (CAMEO 152, PLOVER MOBILIZE)
            if lemma in self.classes["ties"] and tok.dep_ == "pobj" and head.lower_ == "in" \
                    and head.head.lemma_ in self.classes["states"] | {"be"} and head.head.i not in taken \
                    and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                found.append(Trigger(head.head, tok, "CONSULT", None, f"in+{lemma}"))
                continue  # "had been in contact with both Tbilisi and Moscow": consulting them
            if lemma in ("talk", "meeting", "summit", "negotiation") and tok.dep_ == "pobj" \
                    and head.lower_ in ("for", "at") and head.head.pos_ == "VERB" and head.head.i not in taken:
                found.append(Trigger(head.head, tok, "CONSULT", None, f"{head.lower_}+{lemma}"))
                continue  # "joined Trump for three-way talks"
            if lemma in self.frames.possessed and any(c.dep_ == "poss" and c.i in self.actor_at for c in tok.children) \
                    and not self._asked_for(tok, found):
                found.append(Trigger(tok, tok, *self.frames.possessed[lemma], f"noun:{lemma}"))
                continue  # "Premier Li Keqiang's visit to Germany", "Russia's invasion of Ukraine"
            if (lemma in self.classes["standalone_events"] or event_key(tok, self.frames.nouns) in self.classes[
                    "standalone_events"]) and (standalone := self._standalone(tok, taken)):  # and "artillery fire"
                found.append(standalone)
                continue
            if self._confronted(tok):
                # A protest shown happening is an event of its own, whoever dispersed it; it covers its sentence.
                found.append(Trigger(tok, tok, *self.frames.nouns[lemma], f"crowd:{lemma}", anonymous=True))
                continue
            if lemma in self.classes["mentioned_events"] and tok.dep_ != "compound" and self._situated(tok):
                # "the 1994 truce", "six weeks of fighting", "a proposal by Mahama": an event the text
                # dates or whose doer it names, mentioned by a noun alone (often as background).
                found.append(Trigger(tok, tok, *self._noun_type(tok, tok), f"mention:{lemma}", anonymous=True))
                continue
            if lemma not in ("conference", "talk"):
                continue
            # A news conference or talks "alongside"/"with" someone, without a light verb. The
            # preposition may hang on the noun or on its verb ("told a news conference, alongside X").
            holders = [tok, tok.head] if tok.head.pos_ == "VERB" else [tok]
            prep = next((c for h in holders for c in h.children if c.dep_ == "prep"
                         and c.lower_ in TOGETHER), None)
            if prep is not None:
                verb = tok
                while verb.pos_ != "VERB" and verb.head.i != verb.i and verb.i - verb.head.i < 12:
                    verb = verb.head  # "said during a news conference alongside X": the one who said
                found.append(Trigger(verb, tok, "CONSULT", None, f"noun:{lemma}+{prep.lower_}"))

    def _takes_effect(self, verb: Token) -> bool:
        """Whether a verb of coming into force says so in words: "took effect", "came into force", "entered into
        effect" (not "the curfew began" or "the sanctions came after the invasion")."""
        return any(c.lemma_.lower() in self.classes["in_force_words"] for p in (
            verb, *(c for c in verb.children if c.dep_ == "prep")) for c in p.children if c.dep_ in ("dobj", "pobj"))

    def _remote(self, word: Token, found: list[Trigger]) -> Trigger | None:
        """A consultation over a remote medium, the act it was done in: "thanked Humala in a telephone
        call", "assured the king by phone", "in a video conference with Scholz" (PLOVER's CONSULT phone,
        between the one acting and whom the act is done to). A meeting the verb already is takes the mode
        instead ("discussed the crisis with Biden in a phone call" is one CONSULT)."""
        classes = self.classes
        medium = word.lemma_.lower() in classes["remote_media"] and word.dep_ == "pobj" or (
            word.lemma_.lower() in classes["remote_talk"] and word.dep_ == "pobj" and any(
                c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in classes["remote_kinds"]
                for c in word.children))
        prep = word.head
        verb = prep.head
        if not medium or prep.lower_ not in ("by", "in", "over", "during", "via") or verb.pos_ != "VERB" or any(
                self._press(g) for c in (*verb.children, *word.children) if c.dep_ == "prep"
                for g in c.children if g.dep_ == "pobj"):
            return None  # "speaking by telephone to a radio station", "in a telephone call to a private radio station"
        if (verb.dep_ == "acl" or verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)) and not any(
                c.dep_ == "agent" and c.i != prep.i for c in verb.children):
            # "aid workers contacted by satellite phone said ...", "villagers reached by phone": the reporter's
            # interview, no one's talks (a passive, or a participle however the parser hangs it; not "had reached")
            return None
        meeting = next((t for t in found if t.token.i == verb.i and t.event_type == "CONSULT"), None)
        if meeting is not None:
            meeting.mode = "phone"
            return None
        # A verb of speaking is the consultation's own word ("spoke with Mr. Kennedy by telephone"): shown with it.
        shown = None if verb.lemma_ in classes["conversing"] else word
        return Trigger(verb, word, "CONSULT", "phone", f"phone:{prep.lower_}+{word.lemma_.lower()}", shown=shown)

    def _reported_judgement(self, word: Token, taken: set[int]) -> Trigger | None:
        """What a speaker says something is, when it blames or praises: "the tribunal said the count was not
        valid", "Seoul said the launch was a clear violation" (the manual's ACCUSE, criticize), "said the
        accord was a breakthrough" (SUPPORT). The speaker is the source and the
        saying the trigger, shown with the word; only outside quotes (a quote's words are ``quote:``)."""
        clause, classes = word.head, self.classes
        if word.tag_ == "VBN" and word.dep_ == "ccomp" and word.lemma_ in classes["rigged"] \
                and (said := word.head).lemma_ in classes["reporting_verbs"] and said.i not in taken \
                and any(c.dep_ == "auxpass" for c in word.children) \
                and not any(c.dep_ == "neg" for c in word.children) and not self._quoted(word):
            # "a vote the opposition says was rigged": an allegation of fraud, made by whoever says it
            return Trigger(said, None, "ACCUSE", "allege", f"judged:{word.lemma_}", shown=word, content=word)
        if word.dep_ not in ("acomp", "attr") or clause.lemma_ != "be" or clause.dep_ != "ccomp" \
                or (said := clause.head).lemma_ not in classes["reporting_verbs"] or said.i in taken:
            return None
        if self._quoted(word):
            return None
        # The word and its own modifiers ("a serious violation", "not the appropriate response"), not
        # what follows it ("the disarmament of the separatists and the end of what it called an illegal ...").
        words = {t.lemma_.lower() for t in (word, *word.children) if t is word or t.dep_ in ("amod", "compound")}
        negated = any(c.dep_ == "neg" for c in clause.children)
        if words & classes["blaming_words"] and not negated or negated and words & classes["rightful_words"]:
            coding: tuple[str, str | None] = ("ACCUSE", "disapprove")
        elif words & classes["praising_words"] and not negated:
            coding = ("SUPPORT", None)
        else:
            return None
        return Trigger(said, None, *coding, f"judged:{word.lemma_.lower()}", shown=word, content=clause)

    def _cooperative(self, noun: Token) -> bool:
        """Whether an event noun names cooperation or a retreat ("talks", "a ceasefire", "dialogue")."""
        coding = self.frames.nouns.get(noun_lemma(noun))
        return coding is not None and coding[0] in self.rules["agreeable"] | {"AGREE", "CONCEDE", "RETREAT"}

    def _situated(self, noun: Token) -> bool:
        """Whether an event noun's own phrase dates it ("the 1994 truce", "a ceasefire in 1994", "the war of
        the 1990s"), measures it ("six weeks of fighting", "a months-long blockade") or names its doer
        ("a proposal by Mahama", "Belgian sanctions", "Chad's blockade")."""
        own = [c for c in noun.children if c.dep_ in ("amod", "compound", "nummod", "npadvmod", "poss")]
        objects = {p.lower_: [o for o in p.children if o.dep_ == "pobj"] for p in noun.children if p.dep_ == "prep"}
        has_date = any(dated(t) or any(dated(g) for g in t.children)
                    for t in own + objects.get("of", []) + objects.get("in", []))
        measured = noun.dep_ in ("pobj", "pcomp") and noun.head.lower_ == "of" and noun.head.head.ent_type_ == "DATE"
        # A people's adjective names the doer ("Belgian sanctions"); a place's name is where ("the Kabul attack").
        # A demand names its maker "from" or before it too ("appeals from Oslo", "repeated UN calls"): a demand
        # is made by someone, where a withdrawal "from" or "the Kabul attack" names a place.
        # "At the request of France": the maker is the "of" of a demand the act was done at.
        makers = objects.get("from", []) + [t for t in own if t.dep_ == "compound"] + (
            objects.get("of", []) if self._asked_at(noun) else []) if self._demand(noun) else []
        # An act done to someone the "of" names ("the killing of Pedro Garcia", "the abduction of the mayor, Ana
        # Ruiz"): not "the murder of a farmer", whom the text does not name.
        victim = noun_lemma(noun) in self.classes["victim_events"] and any(
            g.ent_type_ == "PERSON" for o in objects.get("of", []) for g in (o, *o.children)
            if g is o or g.dep_ in ("appos", "compound"))
        return has_date or measured or victim or any(
            t.i in self.actor_at and t.dep_ in ("poss", "pobj")
            or t.ent_type_ == "NORP" and t.dep_ in ("amod", "compound") for t in own + objects.get("by", [])) or any(
            self._someone_named(c) for t in makers for c in (t, *t.conjuncts))

    def _realised(self, verb: Token) -> bool:
        """Whether a verb says something happened, not a condition or a prospect: not "to receive aid",
        "can receive aid once the harvest is assessed", "to step down or face arrest"."""
        clause = verb.head if verb.dep_ == "conj" else verb
        modals = self.classes["hypothetical"] | self.classes["obligation"] | {"can", "will", "shall"}
        if verb.i > 0 and self.sdoc[verb.i - 1].lower_ in ("or", "else"):
            return False  # "48 hours to resign or else face arrest": the alternative held out
        return not any(infinitive(v) or v.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in modals
                                                                   for c in v.children) for v in (verb, clause))

    def _confronted(self, noun: Token) -> bool:
        """Whether a crowd's act is one the text shows happening: force met it ("dispersed a march", "fired on
        a demonstration", "used tear gas to break up a rally") or the people in it are named ("a demonstration
        by pensioners", "a march of several thousand people")."""
        if noun.dep_ == "compound" or self.frames.nouns.get(noun_lemma(noun)) != ("PROTEST", "demo"):
            return False
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("at", "on") else (
            noun.head if noun.dep_ == "dobj" else None)
        people = [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("by", "of") for o in p.children
                  if o.dep_ == "pobj" and (o.pos_ == "NUM" or o.lemma_.lower() in self.classes["partitives"]
                                           or o.lemma_.lower() in AGENTS.nouns)]
        return verb is not None and any(v.lemma_ in self.classes["dispersing"] for v in (  # "opened fire on"
            verb, *(c for c in verb.children if c.dep_ == "dobj"))) or bool(people)

    def _someone_named(self, tok: Token) -> bool:
        """Whether a word names an actor: one the actors stage found, or a named person, body, state or people."""
        return tok.i in self.actor_at or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")

    def _timing_clause(self, verb: Token) -> bool:
        """Whether a verb heads a clause that dates another act ("when the attack began", "since the curfew was
        imposed"): what it reports is the time of the sentence's act, no event of its own."""
        return verb.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in self.classes["timing_marks"] for c in verb.children)

    def _standalone(self, noun: Token, taken: set[int]) -> Trigger | None:
        """An event noun that reports an event with no light verb: "fighting broke out", "gunfire could be
        heard" (the noun and its occurrence verb), "talks hosted by Lavrov" (and the participle naming the doer),
        "since last month's heavy fighting" (an intensity word), "there were clashes" (the noun alone)."""
        lemma, head, classes = noun_lemma(noun), noun.head, self.classes
        if noun.dep_ == "compound" or head.i in taken:
            return None
        if noun.dep_ == "nsubj" and head.lemma_ in classes["onsets"] and self._timing_clause(head):
            return None  # "shut since the strike began", "when the attack began": the time of another act
        if goes_on(noun, classes["continuing"]):
            return None
        if noun.dep_ == "nsubj" and occurs(head, classes["occurrence"]) \
                or noun.dep_ == "nsubjpass" and head.lemma_ in classes["heard"]:  # "gunfire could be heard"
            verb, rule = head, f"{lemma}+{head.lemma_}"
        elif noun.dep_ == "dobj" and head.lemma_ in classes["witnessing"] and not any(
                c.dep_ in ("prep", "oprd") and c.lower_ == "as" for c in (*head.children, *noun.children)):
            # "the capital saw protests", "the region has witnessed fierce clashes": the place or people that
            # saw it are where it happened or whom it hit, never its doer.
            return Trigger(head, noun, *self._noun_type(head, noun), f"{lemma}+{head.lemma_}", anonymous=True,
                           undergone=True)
        elif noun.dep_ == "nsubj" and head.lemma_ in classes["sweeping"]:
            # "protests rocked the capital": what it swept is where it happened or whom it hit, not its doer.
            return Trigger(head, noun, *self._noun_type(head, noun), f"{lemma}+{head.lemma_}", anonymous=True)
        elif (acl := next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i not in taken and (
                occurs(c, classes["occurrence"]) or any(g.dep_ == "agent" for g in c.children))), None)):
            verb, rule = acl, f"{lemma}+{acl.lemma_}"
        elif any(c.dep_ == "amod" and c.lemma_.lower() in classes["intensity"] for c in noun.children):
            verb, rule = noun, f"noun:{lemma}"
        elif lemma in classes["fights"] and any(
                o.dep_ == "pobj" and any(x.i in self.actor_at or armed(x) for x in (o, *o.conjuncts))
                for p in noun.children if p.dep_ == "prep" and p.lower_ in ("between", "with") for o in p.children):
            # "fighting between government forces and rebels", "clashes with", "clashes between youths and troops"
            verb, rule = noun, f"sides:{lemma}"
        elif noun.dep_ == "dobj" and head.lemma_ in classes["heard"] and not any(
                c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            # "monitors reported exchanges of gunfire": those who report it neither did it nor had it done
            # to them (the noun's own phrases may name who did: "fighting between ...").
            verb, rule = noun, f"{lemma}+{head.lemma_}"
        elif noun.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children):
            verb, rule = noun, f"{lemma}+there"  # "there were clashes in Ramallah": it happened, whoever fought
        else:
            return None
        # "Heavy fighting broke out" reports an event whoever fought: PLOVER codes it with an
        # unidentified actor (UNK).
        return Trigger(verb, noun, *self._noun_type(verb, noun), rule, anonymous=True)
