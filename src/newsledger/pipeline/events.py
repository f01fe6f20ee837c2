"""The events stage: who did what to whom, coded to PLOVER, each event explained by its rule.

Reads:   a parsed ``Doc``, the document's actor mentions and quotes.
Returns: ``Event`` rows: trigger and sentence spans, PLOVER type and mode, source and target
         actors, negation, modality, and the rule (trigger lemma and pattern) that fired.
Rules:   a lexicon of trigger verbs, and of nouns that light verbs carry ("held talks",
         "imposed sanctions", "carried out a military operation", "signed a ceasefire
         agreement"). Sources are the trigger's subject (with its conjuncts: "Stoltenberg and
         Aliyev discussed" is one event with both), or the agent of a passive; targets are its
         object and the objects of "with", "against", "on", "to"; "both countries" and "the
         two sides" are the last two states named. An event a request asks for ("urged both
         countries to reach an agreement") is not an event: the REQUEST is. Negation ("did not
         agree") is kept as a flag; modality is future or hypothetical ("could break out"), else
         reported (under a speech verb or in a quote) or asserted. The manual's own coding
         rules apply after: promised cooperation is AGREE, and so is a promised retreat, signing
         a text SUPPORT. A speaker's quote saying others attacked is also an ACCUSE by the
         speaker. Hand-written because no library codes PLOVER from a dependency parse.
Layers:  who takes part (``event_participants.Participants``, which also holds the document's
         state), how it is reported (``event_modality.Modality``), and here what is an event
         and of which type (``DocumentEvents``), each a subclass of the one before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsledger.models import Event, Mention, Quote
from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.event_modality import Modality, calls_on
from newsledger.pipeline.event_model import EventModel
from newsledger.pipeline.frames import Frames
from newsledger.pipeline.ontology import EVENT_TYPES, cameo, score

AGENTS = load_agents()


def _armed(subject: Token | None) -> bool:
    """Whether a subject names armed men ("Israel's air force", "American troops", "rebels")."""
    return subject is not None and AGENTS.sector_of_phrase(
        [t.text for t in subject.subtree], [t.lemma_ for t in subject.subtree]) in ("MIL", "REB")


def _dated(tok: Token) -> bool:
    """A date, or a year the entity recogniser took for a number ("the 2022 truce")."""
    return tok.ent_type_ == "DATE" or tok.like_num and tok.shape_ == "dddd" and 1800 <= int(tok.text) <= 2100


def _noun_lemma(tok: Token) -> str:
    """An event noun's key in the frames; a gerund keeps its form ("fighting", not "fight")."""
    return tok.lower_ if tok.tag_ == "VBG" else tok.lemma_.lower()


# A news conference or talks held "alongside", "with" or "between" others are a meeting of them.
TOGETHER = ("alongside", "with", "between")

# Prepositions whose object a noun guard reads: what is attacked, deployed or exercised, and as what.
GUARD_PREPS = ("against", "as", "of", "on", "to")

# What ``_verb_type`` returns when a frame rules an event out ("offered condolences").
VETO: tuple[str, str | None] = ("", None)


@dataclass(slots=True)
class _Trigger:
    token: Token  # the verb (or the noun when it stands alone)
    noun: Token | None
    event_type: str
    mode: str | None
    rule: str
    score: float | None = None  # the model's probability, when a model decided the type
    shown: Token | None = None  # the word shown as the trigger, when not the verb and its noun
    anonymous: bool = False  # an event even when no one in it is named (PLOVER's UNK actor)
    undergone: bool = False  # the subject is whom it was done to ("the convoy came under fire")


class DocumentEvents(Modality):
    """One document's events, coded with ``frames``: the coder's knowledge comes in with the
    document, so two configurations (the packaged frames, a user's file) can code side by side."""

    # -- triggers ---------------------------------------------------------------------------
    def _noun_type(self, verb: Token, noun: Token) -> tuple[str, str | None]:
        """The type a light verb's noun names, refined by its modifiers and the verb."""
        lemma = _noun_lemma(noun)
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        if lemma == "strike":
            # "air strikes"; "Israel's air force carried out strikes"
            if mods & self.classes["armed_strike"] or _armed(
                    next((c for c in verb.children if c.dep_ == "nsubj"), None)):
                return "ASSAULT", "aerial" if mods & {"air", "drone"} else None
            return "PROTEST", "hunger" if "hunger" in mods else "strike"
        if lemma in ("ceasefire", "truce") or mods & {"ceasefire", "truce", "armistice"}:
            return self._ceasefire(verb)
        if verb.lemma_ in self.classes["signing"] and lemma in self.classes["agreements"]:
            return "SUPPORT", None
        # [noun_guards]: a word of the noun's phrase names the act more closely ("a scathing attack on",
        # "joint exercises", "the deployment of troops on a peacekeeping mission").
        heads = [o for h in {noun, verb} for p in h.children if p.dep_ == "prep" and p.lower_ in GUARD_PREPS
                 for o in p.children if o.dep_ == "pobj"]  # or on the verb: "announced the deployment ... on a mission"
        heads += [c for o in heads for c in o.conjuncts]
        modifiers = {c for h in (noun, *heads) for c in h.children if c.dep_ in ("amod", "compound", "nmod")}
        words = {w for t in (*heads, *modifiers) for w in (t.lemma_.lower(), t.lower_)}
        for lemmas, event_type, mode in self.frames.noun_guards.get(lemma, []):
            if words & lemmas:
                return event_type, mode
        return self.frames.nouns[lemma]

    def _ceasefire(self, verb: Token) -> tuple[str, str | None]:
        return self.frames.ceasefire_by_verb.get(verb.lemma_, ("RETREAT", "ceasefire"))

    def _verb_type(self, tok: Token) -> tuple[str, str | None] | None:
        """A verb's type: by its object for guarded verbs ("lifted the curfew"), else the lexicon's;
        ``VETO`` where a frame says the verb is no event here (the model then stays silent too)."""
        phrasal = " ".join([tok.lemma_, *(c.lower_ for c in tok.children if c.dep_ == "prt")])  # "call off"
        frames = self.frames
        if tok.lemma_ not in frames.verbs and tok.lemma_ not in frames.objects \
                and tok.lemma_ not in self.classes["special_verbs"] and tok.lemma_ not in frames.vetoes \
                and phrasal not in frames.objects and phrasal not in frames.verbs:
            return None
        states = self.classes["states"]
        if tok.tag_ == "VBN" and (tok.dep_ in ("acomp", "xcomp", "oprd") and tok.head.lemma_ in states or any(
                c.dep_ == "auxpass" and c.lemma_.removesuffix("s") in states for c in tok.children)):
            return VETO  # "the bid remains blocked" (the parser may take "remains" for an auxiliary): a state
        if tok.lemma_ in self.classes["necessity"] and any(c.dep_ == "auxpass" for c in tok.children) and any(
                c.dep_ == "xcomp" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            return VETO  # "Russia would be forced to take counter-measures": had to, no one named forcing
        direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        if tok.dep_ in ("acl", "relcl") and not any(c.dep_ == "dobj" and c.tag_ != "WDT" for c in tok.children):
            direct.append(tok.head)  # "the accord, signed by X", "the text which the sides finalised"
        objects = {c.lemma_.lower() for d in direct for c in (d, *d.conjuncts)} | {  # "its rejection and condemnation"
            g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "as", "from", "into")
            for g in c.children if g.dep_ == "pobj"} | {  # "agreed to a ceasefire", "deployed as peacekeepers"
            g.lemma_.lower() for c in direct for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"}  # "lifted a state of emergency"
        # "declined to comment" is no refusal; refusing to respond to someone's request is one.
        complements = {c.lemma_.lower() for c in tok.children if c.dep_ == "xcomp" and not any(
            g.lemma_.lower() in self.classes["demands"] for p in c.children if p.dep_ == "prep" for g in p.children)}
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in self.classes["forces_of_nature"] for c in tok.children):
            return VETO  # "a storm hit the coast", "the virus killed hundreds": no one acted
        # The object's own words count for a guard, and those of what it is sent as: "peacekeeping forces",
        # "election observers", "deployed two companies as a peacekeeping contingent". A guard
        # names the act more closely than a veto: "gave the FBI access to a transcript" grants access.
        roles = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
        compounds = {g.lemma_.lower() for d in direct + roles for g in d.children if g.dep_ in ("compound", "amod")}
        if not direct and tok.dep_ in ("ccomp", "xcomp"):
            # "ordered the border closed": what a verb used without object is done to is its subject.
            compounds |= {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
        # And what the act is for: "sent experts to Riyadh to investigate the attack" is an investigation.
        purposes = {c.lemma_ for c in tok.children if c.dep_ in ("xcomp", "advcl") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)}
        guards = self.frames.objects.get(phrasal, []) if phrasal != tok.lemma_ else []
        for lemmas, event_type, mode in guards + self.frames.objects.get(tok.lemma_, []):
            if (objects | compounds | purposes) & lemmas:
                return event_type, mode
        # Where it happened counts for a veto too: "beat Brazil in the qualifier" is a match.
        settings = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "during")
                    for g in c.children if g.dep_ == "pobj"}
        if (objects | complements | settings) & self.frames.vetoes.get(tok.lemma_, frozenset()):
            return VETO  # "fight the outbreak": no one is attacked; "declined to comment": no refusal
        if phrasal != tok.lemma_ and phrasal in self.frames.verbs:
            return self.frames.verbs[phrasal]  # "backed down" is no backing
        if tok.lemma_ in self.classes["obstructions"] and any(
                c.dep_ == "nsubj" and (c.lemma_.lower() in self.classes["protesters"] or AGENTS.nouns.get(
                    c.lemma_.lower()) in self.rules["protesting_sectors"]) for c in tok.children):
            return "PROTEST", "obstruct"  # "protesters blocked the highway", "farmers barricaded the road"
        if tok.lemma_ == "receive" and any(c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))
                                           for c in tok.children):
            return "CONSULT", "visit"  # "the prime minister received the ambassador"
        if tok.lemma_ == "charge" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            return "ACCUSE", "allege"  # "charged Erdogan with terrorism"
        if tok.lemma_ == "find" and any(c.lower_ == "guilty" for c in tok.children):
            return "SANCTION", "convict"  # "found X guilty"
        if tok.lemma_ == "return" and direct and any(
                g.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or g.lemma_.lower() in self.classes["recipients"]
                for c in (*tok.children, *(t for d in direct for t in d.subtree))  # "to" may hang on the object
                if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"):
            return "RETREAT", "release"  # "returned the manuscripts to Georgia", not "returned home"
        if tok.lemma_ in ("let", "set") and any(c.lower_ == "free" for c in tok.children):
            return "RETREAT", "release"  # "let free four soldiers"
        if (objects | compounds) & self.classes["empathy"]:
            return VETO  # "offered condolences", "sent a condolence message": an empathetic comment
        if tok.lemma_ in ("release", "publish") and objects & self.classes["information"]:
            return VETO  # "has not released figures for its casualties" frees no one
        if tok.lemma_ == "defend" and direct and not objects & self.classes["held_ground"] and not any(
                c.dep_ == "prep" and c.lower_ == "against" and not any(
                    g.lemma_.lower() in self.classes["criticisms"] for g in c.children) for c in tok.children):
            # "Lavrov defended Azerbaijan over claims", "defended the decision", "defended the judges against
            # criticism" (against an attack in arms, troops hold ground)
            return "SUPPORT", None
        if tok.lemma_ == "defend":
            return VETO  # troops holding ground: no act of their own, and not the attacker's either
        if tok.lemma_ == "leave" and any(c.ent_type_ in ("GPE", "LOC") for c in direct) and _armed(
                next((c for t in (tok, tok.head) for c in t.children if c.dep_ == "nsubj"), None)):
            return "RETREAT", "withdraw"  # "American troops began leaving Afghanistan"
        if tok.lemma_ == "lay" and any(c.lower_ == "down" for c in tok.children) and objects & {"arm", "weapon"}:
            return "RETREAT", "disarm"  # "the fighters will lay down their arms" (our own example)
        if tok.lemma_ == "call":
            if calls_on(tok):
                return "REQUEST", None  # "called on Russia to release", "called for restraint"
            if any(c.lemma_.lower() in self.classes["accusations"] for c in tok.subtree if c.i > tok.i):
                return "ACCUSE", "disapprove"  # "called the passage a provocation"
            if any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or self._actors_of(c)) for c in tok.children) \
                    and tok.dep_ != "relcl" and not any(c.dep_ in ("oprd", "ccomp", "xcomp", "attr")
                                                        for c in tok.children):
                # "called his Algerian counterpart on Tuesday"; not "called him a liar", "the city which they call X"
                return "CONSULT", "phone"
        if tok.lemma_ in self.classes["appearing"] and any(
                g.ent_type_ == "PERSON" or g.i in self.actor_at for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("alongside", "beside") for g in c.children if g.dep_ == "pobj"):
            return "CONSULT", None  # "standing beside President Duque in Cucuta": appearing together, a meeting
        if tok.lemma_ in self.classes["travelling"] and self._visits(tok):
            return "CONSULT", "visit"  # "Archbishop Tutu arrived in Nairobi", "said he would travel to Sri Lanka"
        if tok.lemma_ in self.classes["expecting"] and self._expects(tok):
            return "REQUEST", None  # "said it expected Israel to reopen the crossing"
        if tok.lemma_ not in self.frames.verbs:
            return None
        if tok.lemma_ in self.classes["signing"] and objects and not objects & (
                self.frames.nouns.keys() | self.classes["agreements"]):
            return VETO  # "signed" an autograph is no agreement
        if tok.lemma_ == "strike" and not any(c.dep_ == "dobj" or c.lower_ in ("back", "at", "against")
                                                for c in tok.children):
            return "PROTEST", "strike"  # "teachers struck": a walkout, not an attack ("struck back at X")
        if tok.lemma_ in ("deny", "reject", "dismiss") and (
                objects & self.classes["denied"] or any(c.dep_ == "ccomp" for c in tok.children)):
            return VETO  # denying an accusation is a statement; PLOVER's REJECT refuses requests
        return self.frames.verbs[tok.lemma_]

    def _triggers(self) -> list[_Trigger]:
        found: list[_Trigger] = []
        used_nouns: set[int] = set()
        for tok in self.sdoc:
            if tok.pos_ == "VERB" and (phrasal := " ".join([tok.lemma_, *(
                    c.lower_ for c in tok.children if c.dep_ == "prt")])) != tok.lemma_ and (
                    phrasal in self.frames.objects or phrasal in self.frames.verbs) and (
                    typed := self._verb_type(tok)) is not None and typed is not VETO:
                found.append(_Trigger(tok, None, *typed, f"verb:{tok.lemma_}"))
                continue  # "called off the walkout": the phrasal verb's frame, before "call" carries "strike"
            # "called the march a provocation" names the march, and carries no event noun.
            naming = tok.lemma_ == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children)
            if tok.pos_ in ("VERB", "AUX") and not naming and (
                    tok.lemma_ in self.classes["light_verbs"] or tok.lower_ in self.classes["light_forms"]):
                if any(c.dep_ == "dobj" and self._briefing(c) for c in tok.children):
                    self.vetoed.add(self.sents.index(tok))  # "held a press conference": the model stays silent too
                noun = next((c for c in self._carried(tok) if c.lemma_.lower() in self.frames.nouns
                             and not self._briefing(c)
                             and (c.lemma_.lower() != "fire" or tok.lemma_ == "open"
                                  or self.sdoc[max(0, c.i - 2)].lower_ == "cease")), None)  # "opened fire"
                if noun is None:  # "launched a mediation effort", "began a bombing campaign": the effort's event noun
                    noun = next((g for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in self.classes[
                        "efforts"] for g in c.children if g.dep_ == "compound" and _noun_lemma(g) in self.frames.nouns),
                                None)
                reduced = tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.lemma_.lower() in self.frames.nouns \
                    and tok.head.i not in used_nouns and not self._briefing(tok.head)
                if noun is None and reduced:
                    # "a curfew imposed on Tuesday", "a ceasefire signed in 2002": the participle carries the
                    # noun it describes. An event whoever imposed it, as PLOVER codes it with an unidentified actor.
                    event_type, mode = self._noun_type(tok, tok.head)
                    found.append(_Trigger(tok, tok.head, event_type, mode, f"{tok.lemma_}+{tok.head.lemma_.lower()}",
                                          anonymous=True))
                    used_nouns.add(tok.head.i)
                    continue
                if noun is not None and noun.lower_ == "fire" and noun.i >= 2 and \
                        self.sdoc[noun.i - 2].lower_ == "cease":  # "cease-fire" is three tokens
                    found.append(_Trigger(tok, noun, *self._ceasefire(tok), f"{tok.lemma_}+ceasefire"))
                    used_nouns.add(noun.i)
                    continue
                if noun is not None and noun.lemma_.lower() == "operation" and not any(
                        c.lower_ in self.classes["military_words"] for c in noun.children):
                    noun = None  # "start its operations in Afghanistan" is a mission, not an attack
                if noun is not None:
                    event_type, mode = self._noun_type(tok, noun)
                    found.append(_Trigger(tok, noun, event_type, mode, f"{tok.lemma_}+{noun.lemma_.lower()}"))
                    used_nouns.add(noun.i)
                    continue
            typed = self._verb_type(tok) if tok.pos_ == "VERB" else None
            if typed is VETO:
                self.vetoed.add(self.sents.index(tok))
            elif typed is not None:
                # "thousands fled the city": those who flee are whom the act was done to, by someone unnamed.
                undergone = tok.lemma_ in self.classes["undergoing"]
                if undergone and (tok.dep_ in ("amod", "acl") or tok.tag_ == "VBG" and not any(
                        c.dep_ in ("aux", "nsubj") for c in tok.children)):
                    continue  # "fired on fleeing civilians", "refugees fleeing into Chad": who they are, no act
                found.append(_Trigger(tok, None, *typed, f"verb:{tok.lemma_}", anonymous=undergone,
                                      undergone=undergone))
        taken = {t.token.i for t in found}
        for tok in self.sdoc:
            lemma = _noun_lemma(tok)
            head = tok.head
            if self._obliged(tok) and head.i not in taken:
                found.append(_Trigger(head, None, "REQUEST", None, f"must:{head.lemma_}", shown=tok))
                taken.add(head.i)
                continue  # "the minister said Qatar must mediate": a demand made of Qatar
            if tok.lower_ in self.classes["concern"] and tok.dep_ == "acomp" and head.i not in taken:
                found.append(_Trigger(head, tok, "ACCUSE", "disapprove", f"concern:{tok.lower_}"))
                continue  # "Washington said it was deeply concerned"
            if tok.lower_ in self.classes["committed"] and tok.dep_ == "acomp" and head.i not in taken and any(
                    c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                found.append(_Trigger(head, tok, "AGREE", None, f"committed:{tok.lower_}"))
                continue  # "said the group remained committed to peace": the manual's commitment to cooperate
            if tok.lemma_.lower() in self.classes["voting"] and tok.i not in taken and any(
                    g.lemma_.lower() in ("favour", "favor") for p in tok.children
                    if p.dep_ == "prep" and p.lower_ == "in" for g in p.children if g.dep_ == "pobj"):
                # "passed with 13 votes in favour", "voted in favour of the plan": support, whoever cast them.
                found.append(_Trigger(tok, tok if tok.pos_ == "NOUN" else None, "SUPPORT", None, "vote+favour",
                                      anonymous=True))
                continue
            if lemma in self.classes["explosives"] and tok.dep_ == "nsubj" and head.lemma_ in self.classes[
                    "exploding"] and head.i not in taken:
                # "a car bomb exploded in the market": an attack whoever set it (PLOVER's unidentified actor).
                found.append(_Trigger(head, tok, "ASSAULT", "explosives", f"{lemma}+{head.lemma_}", anonymous=True))
                continue
            # Not what protesters say ("demonstrators said they would stay"): their words are no march.
            if lemma in self.classes["protesters"] and tok.dep_ == "nsubj" and head.pos_ == "VERB" \
                    and head.i not in taken and head.lemma_ not in self.classes["speech_verbs"]:
                found.append(_Trigger(head, None, "PROTEST", "demo", f"subject:{lemma}"))
                continue  # "protesters gathered outside", "protesters broke into parliament"
            # A gerund may stand for its event noun: "since fighting broke out", "weeks of fighting".
            if tok.i in used_nouns or not (tok.pos_ == "NOUN" or tok.tag_ == "VBG" and tok.dep_ in (
                    "nsubj", "pcomp", "pobj") and lemma in self.frames.nouns):
                continue
            force = next((v for v in (head, *(c for c in head.children if c.dep_ == "xcomp"))
                          if v.lemma_ in self.classes["in_force"]), None)  # "the truce was to take effect"
            if lemma in ("ceasefire", "truce") and tok.dep_ == "nsubj" and force is not None \
                    and force.i not in taken and not any(  # "the truce should hold": a hope
                        c.dep_ == "aux" and c.lower_ in self.classes["obligation"] | self.classes["hypothetical"]
                        for c in force.children):
                # A ceasefire in force is a retreat whoever is named: PLOVER's unidentified actor (UNK).
                found.append(_Trigger(force, tok, "RETREAT", "ceasefire", f"{lemma}+{force.lemma_}", anonymous=True))
                continue  # "the truce took effect", "the ceasefire came into force"
            if lemma in self.frames.nouns and tok.dep_ == "pobj" and head.lower_ == "under" \
                    and head.head.lemma_ in self.classes["undergo"] and head.head.i not in taken \
                    and self.frames.nouns[lemma][0] == "ASSAULT":
                found.append(_Trigger(head.head, tok, *self.frames.nouns[lemma], f"under+{lemma}",
                                      anonymous=True, undergone=True))
                continue  # "the convoy came under fire": done to the subject, by someone unnamed
            if lemma in self.classes["accusations"] and head.i not in taken and self._speaker_of(tok) is not None:
                found.append(_Trigger(tok, tok, "ACCUSE", "allege", f"quote:{lemma}"))
                continue  # a speaker's own words: "This was an act of aggression by Russia"
            if lemma in ("strike", "walkout") and tok.dep_ == "pobj" and tok.head.lower_ == "on" \
                    and tok.head.head.pos_ in ("VERB", "AUX"):  # "went on strike", "are on strike"
                found.append(_Trigger(tok.head.head, tok, "PROTEST", "strike", f"on+{lemma}"))
                continue
            if lemma in self.classes["readiness"] and tok.dep_ == "pobj" and tok.head.lower_ == "on" \
                    and (verb := tok.head.head).pos_ in ("VERB", "AUX") and verb.i not in taken and any(
                        c.dep_ in ("nsubj", "nsubjpass", "dobj") and _armed(c) for c in verb.children):
                found.append(_Trigger(verb, tok, "MOBILIZE", "troops", f"on+{lemma}"))
                continue  # "troops were put on high alert": readiness raised (CAMEO 152, PLOVER MOBILIZE)
            if lemma in ("talk", "meeting", "summit", "negotiation") and tok.dep_ == "pobj" \
                    and head.lower_ in ("for", "at") and head.head.pos_ == "VERB" and head.head.i not in taken:
                found.append(_Trigger(head.head, tok, "CONSULT", None, f"{head.lower_}+{lemma}"))
                continue  # "joined Trump for three-way talks"
            if lemma in self.frames.possessed and any(c.dep_ == "poss" and c.i in self.actor_at for c in tok.children):
                found.append(_Trigger(tok, tok, *self.frames.possessed[lemma], f"noun:{lemma}"))
                continue  # "Premier Li Keqiang's visit to Germany", "Russia's invasion of Ukraine"
            if lemma in self.classes["standalone_events"] and (standalone := self._standalone(tok, taken)):
                found.append(standalone)
                continue
            if lemma in self.classes["mentioned_events"] and tok.dep_ != "compound" and self._situated(tok):
                # "the 1994 truce", "six weeks of fighting", "a proposal by Mahama": an event the text
                # dates or whose doer it names, mentioned by a noun alone (often as background).
                found.append(_Trigger(tok, tok, *self._noun_type(tok, tok), f"mention:{lemma}", anonymous=True))
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
                found.append(_Trigger(verb, tok, "CONSULT", None, f"noun:{lemma}+{prep.lower_}"))
        # "shelled the market, killing nine": what the attack did, not a second attack.
        kinds = {t.token.i: t.event_type for t in found}
        return self._promises([t for t in found if not (
            t.token.dep_ == "advcl" and t.token.tag_ == "VBG" and t.event_type in self.rules["resulting"]
            and kinds.get(t.token.head.i) == t.event_type)])

    def _visits(self, verb: Token) -> bool:
        """Whether a person goes to a named country or city: a visit (the manual's CONSULT visit); troops,
        refugees or goods arriving are not. A journey for a stated purpose is that purpose's event ("arrived
        in Tbilisi to mediate", "arrived in Yangon for talks"), coded where it is named."""
        if any(c.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               or c.dep_ == "prep" and c.lower_ == "for" and any(
                   g.dep_ == "pobj" and g.lemma_.lower() in self.frames.nouns for g in c.children)
               for c in verb.children):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        person = subject is not None and (subject.ent_type_ == "PERSON" or (
            (m := self.actor_at.get(subject.i)) is not None and m.kind == "person") or subject.lower_ in ("he", "she"))
        return person and any(g.ent_type_ == "GPE" for c in verb.children if c.dep_ == "prep" and c.lower_ in (
            "to", "in") for g in c.children if g.dep_ == "pobj")

    def _carried(self, verb: Token) -> list[Token]:
        """The nouns a light verb carries: its object, or what a count of them counts ("carried out hundreds
        of bombings", "launched a series of raids")."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return [g for c in objects for g in ([c] + [
            o for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            if c.pos_ == "NUM" or c.lemma_.lower() in self.classes["partitives"] | self.classes["series"] else [c])]

    def _briefing(self, noun: Token) -> bool:
        """A press conference held alone is a statement to reporters, not a meeting of actors (one held
        "alongside" or "with" someone is: rule ``noun:conference+alongside``)."""
        return any(c.dep_ == "compound" and c.lower_ in self.classes["press_words"] for c in noun.children) \
            and not any(p.dep_ == "prep" and p.lower_ in TOGETHER
                        for h in (noun, noun.head) for p in h.children) \
            and not any(c.dep_ == "nsubj" and c.conjuncts for c in noun.head.children)  # "X and Y held a ..."

    def _situated(self, noun: Token) -> bool:
        """Whether an event noun's own phrase dates it ("the 1994 truce", "a ceasefire in 1994", "the war of
        the 1990s"), measures it ("six weeks of fighting", "a months-long blockade") or names its doer
        ("a proposal by Mahama", "Belgian sanctions", "Chad's blockade")."""
        own = [c for c in noun.children if c.dep_ in ("amod", "compound", "nummod", "npadvmod", "poss")]
        objects = {p.lower_: [o for o in p.children if o.dep_ == "pobj"] for p in noun.children if p.dep_ == "prep"}
        dated = any(_dated(t) or any(_dated(g) for g in t.children)
                    for t in own + objects.get("of", []) + objects.get("in", []))
        measured = noun.dep_ in ("pobj", "pcomp") and noun.head.lower_ == "of" and noun.head.head.ent_type_ == "DATE"
        # A people's adjective names the doer ("Belgian sanctions"); a place's name is where ("the Kabul attack").
        return dated or measured or any(t.i in self.actor_at and t.dep_ in ("poss", "pobj") or t.ent_type_ == "NORP"
                                        and t.dep_ in ("amod", "compound")
                                        for t in own + objects.get("by", []))

    def _standalone(self, noun: Token, taken: set[int]) -> _Trigger | None:
        """An event noun that reports an event with no light verb: "fighting broke out" (the noun
        and its occurrence verb), "talks hosted by Lavrov" (and the participle naming the doer),
        "since last month's heavy fighting" (an intensity word)."""
        lemma, head, classes = noun.lemma_.lower(), noun.head, self.classes
        if noun.dep_ == "compound" or head.i in taken:
            return None
        if noun.dep_ == "nsubj" and head.lemma_ in classes["occurrence"]:
            verb, rule = head, f"{lemma}+{head.lemma_}"
        elif noun.dep_ == "dobj" and head.lemma_ in classes["witnessing"] and not any(
                c.dep_ in ("prep", "oprd") and c.lower_ == "as" for c in (*head.children, *noun.children)):
            # "the capital saw protests", "the region has witnessed fierce clashes": the place or people that
            # saw it are where it happened or whom it hit, never its doer.
            return _Trigger(head, noun, *self._noun_type(head, noun), f"{lemma}+{head.lemma_}", anonymous=True,
                            undergone=True)
        elif (acl := next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i not in taken and (
                c.lemma_ in classes["occurrence"] or any(g.dep_ == "agent" for g in c.children))), None)):
            verb, rule = acl, f"{lemma}+{acl.lemma_}"
        elif any(c.dep_ == "amod" and c.lemma_.lower() in classes["intensity"] for c in noun.children):
            verb, rule = noun, f"noun:{lemma}"
        else:
            return None
        # "Heavy fighting broke out" reports an event whoever fought: PLOVER codes it with an
        # unidentified actor (UNK).
        return _Trigger(verb, noun, *self._noun_type(verb, noun), rule, anonymous=True)

    def _promises(self, found: list[_Trigger]) -> list[_Trigger]:
        """Promised acts are one event coded as the frames' [promise] section says: a promised
        retreat or concession ("agreed to withdraw", "pledged to lift the curfew", "will withdraw")
        is not an AGREE plus a RETREAT; nor is promised cooperation ("will hold talks", "agreed to meet")."""
        promise = self.frames.promise
        retreat, cooperation = promise["retreat"], promise["cooperation"]
        at = {t.token.i: t for t in found}
        absorbed: set[int] = set()
        for trig in found:
            verb = trig.token
            if trig.event_type != "AGREE" or verb.lemma_ not in self.classes["promise_heads"]:
                continue
            act = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and (
                c.lemma_ in self.classes["concessions"]
                or c.i in at and at[c.i].event_type in ("RETREAT", "CONCEDE"))), None)
            if act is not None:
                # A promised easing ("pledged to lift the curfew") stays a CONCEDE, as the manual says.
                trig.event_type, trig.mode = ("CONCEDE", None) if act.i in at and \
                    at[act.i].event_type == "CONCEDE" else retreat
                trig.rule = f"promise:{trig.rule}+{act.lemma_}"
                absorbed.add(act.i)
            # "agreed to hold their next meeting": one AGREE, not an AGREE and a CONSULT.
            absorbed |= {c.i for c in verb.children if c.dep_ == "xcomp" and c.i in at
                         and at[c.i].event_type in self.rules["agreeable"]}
        for trig in found:
            verb = trig.token
            promised = verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in self.classes["promise_heads"] | {
                "be"} or any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in verb.children) \
                or self._reported_will(verb)
            # No one promises what happens by itself: "the truce was to take effect" stays a retreat.
            if not promised or trig.token.i in absorbed or trig.anonymous:
                continue
            threat = promise.get(f"{trig.event_type} {trig.mode}") or promise.get(trig.event_type)
            if trig.event_type == "RETREAT":
                (trig.event_type, trig.mode), trig.rule = retreat, f"promise:{trig.rule}"
            elif trig.event_type in self.rules["agreeable"]:  # "will hold talks", "is to sign"
                (trig.event_type, trig.mode), trig.rule = cooperation, f"promise:{trig.rule}"
            elif threat is not None:  # "announced it will boycott the summit": a threat, its mode what it holds out
                (trig.event_type, trig.mode), trig.rule = threat, f"threat:{trig.rule}"
        return [t for t in found if t.token.i not in absorbed]

    def _frame_type(self, tok: Token) -> str | None:
        """The type the frames give a word out of context, if any."""
        table = self.frames.verbs if tok.pos_ == "VERB" else self.frames.nouns
        coding = table.get(tok.lemma_.lower() if tok.pos_ != "VERB" else tok.lemma_)
        return coding[0] if coding else None

    def _model_triggers(self, covered: set[int]) -> list[_Trigger]:
        """Events in sentences no frame matched: the model types the sentence, and its trigger is the
        verb or event noun that pushed the model most towards that type; with none, it stays silent."""
        if self.model is None:
            return []
        model = self.model
        # Only where an event could stand: a verb, and someone to act (an actor or a named subject).
        spans = [s for i, s in enumerate(self.sents.spans) if i not in covered and len(s) >= 5
                 and any(t.pos_ == "VERB" for t in s) and any(
                     t.i in self.actor_at or t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "NUM")
                     for t in s)]
        found: list[_Trigger] = []
        for span, pred in zip(spans, model.predict([s.text for s in spans]), strict=True):
            if pred.event_type is None or pred.event_score < self.threshold:
                continue
            label = pred.event_type
            # A verb of the sentence, or a noun that names an event ("the bombing", "talks"): never a
            # word that only co-occurs with events ("soldiers", "hours", "wheat").
            # A word the frames code as another type ("meeting" for a REJECT) is not this event's trigger:
            # its frame did not fire here, so the word names something else.
            # Nor is a verb of saying ("argued", "insisted"): the act is what was said, if anything.
            weighted = [(model.weight(t.lower_, label), t) for t in span if t.i not in self.actor_at
                        and t.i not in self.coded and (  # a word a frame coded is that frame's event
                t.pos_ == "VERB" and t.lemma_ not in self.classes["speech_verbs"] or t.pos_ == "NOUN" and (
                    t.lemma_.lower() in self.frames.nouns or t.lemma_.lower() in self.frames.possessed))
                and self._frame_type(t) in (None, label)]
            weight, best = max(weighted, key=lambda w: w[0], default=(0.0, span.root))
            if weight <= 0:
                continue
            noun = best if best.pos_ == "NOUN" else None
            verb = best
            while verb.pos_ != "VERB" and verb.head.i != verb.i and span.start <= verb.head.i < span.end:
                verb = verb.head  # "the bombing of the market killed ...": its clause's verb
            if verb.lemma_ in ("be", "have"):
                continue  # "there is no military solution", "NATO has no direct role": a state of affairs
            mode = pred.mode if pred.mode_score >= 0.5 else None
            found.append(_Trigger(verb, noun, label, mode, f"model:{model.name}", pred.event_score, best))
        return found

    def run(self) -> list[Event]:
        events: list[Event] = []
        triggers = self._triggers()
        self.acts = {t.token.i for t in triggers} | {t.noun.i for t in triggers if t.noun is not None}
        for trig in triggers:
            self._emit(trig, events)
        # A noun only mentioning an event ("since the 1994 truce") leaves the sentence's own act to the model.
        covered = {e.sentence_idx for e in events if not e.rule.startswith("mention:")} | self.vetoed
        for trig in self._model_triggers(covered):
            self._emit(trig, events)
        return events

    def _emit(self, trig: _Trigger, events: list[Event]) -> None:
        """Add the event a trigger stands for (and the accusation a quote makes), if someone acts in it."""
        verb = trig.token
        if self._requested(verb):
            return
        sources, targets = self._participants(verb, trig.noun, kind=trig.event_type)
        if trig.undergone:
            sources, targets = [], sources + targets
        speaker = self._speaker_of(verb)
        if trig.rule.startswith("quote:") and speaker is not None:
            # The speaker accuses whoever the word names: "an act of aggression by Russia".
            sources = [speaker]
            targets = [m for c in verb.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by"
                       for t in (c, *c.children) if t.dep_ in ("poss", "pobj") for m in self._actors_of(t)]
        named = self._unlinked_subject(verb, trig.noun) if not sources and not trig.undergone else None
        # Blame needs someone named, as attacker or as victim: '"For 35 years they fought,"
        # Trump said' accuses no one.
        accuses = (speaker is not None and trig.event_type in self.rules["accusing"] and bool(sources or targets)
                   and all(m.actor_id != speaker.actor_id for m in sources))
        # "Twelve herders were shot": an event with its victims named, whoever did it.
        suffered = any(c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN", "NUM") and (
            trig.noun is None or c.i != trig.noun.i) for c in verb.children)
        if not sources and not targets and named is None and not accuses and not trig.anonymous and not suffered:
            return  # an event with no one acting in the text is no ledger entry
        sent = self.sents.of(verb)
        ends = [trig.shown.i] if trig.shown is not None else [verb.i, (trig.noun or verb).i]
        if trig.noun is None and verb.dep_ == "acl" and verb.head.lemma_.lower() in self.frames.nouns:
            ends.append(verb.head.i)  # "talks hosted by X": the talks are the event the participle describes
        t_start, t_end = self.sdoc[min(ends)].idx, self.sdoc[max(ends)].idx + len(self.sdoc[max(ends)])
        info = EVENT_TYPES[trig.event_type]
        date, precision, date_text = self._when(verb)
        location, country, lat, lon = self._where(verb)
        event = Event(
            doc_id=self.doc_id, idx=len(events), sentence_idx=self.sents.index(verb),
            start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
            trigger_start=t_start, trigger_end=t_end, trigger=self.text[t_start:t_end],
            event_type=trig.event_type, mode=trig.mode, quad=info.quad, cameo=cameo(trig.event_type, trig.mode),
            intensity=score(trig.event_type, trig.mode),
            source_ids=[m.actor_id for m in sources if m.actor_id],
            source_names=[m.actor_name or m.text for m in sources] or ([named] if named else []),
            target_ids=[m.actor_id for m in targets if m.actor_id],
            target_names=[m.actor_name or m.text for m in targets] or (
                [t] if (t := self._unlinked_subject(verb, trig.noun) if trig.undergone
                        else self._unlinked_object(verb, trig.noun)) else []),
            negated=self._negated(verb, trig.noun), modality=self._modality(verb),
            date=date, date_precision=precision, date_text=date_text, location=location,
            location_country=country, latitude=lat, longitude=lon,
            confidence=round(trig.score, 3) if trig.score is not None else
            0.9 if sources and targets else 0.6 if sources or targets else 0.3, rule=trig.rule,
        )
        if event.negated and trig.event_type in self.rules["refusable"] and event.modality != "hypothetical":
            # Refusing cooperation is an act of its own: "will not lift the embargo", "would
            # not accept warships", "failed to reach a deal" are PLOVER REJECT, not negated.
            reject = EVENT_TYPES["REJECT"]
            event = replace(event, event_type="REJECT", mode=None, quad=reject.quad, cameo=reject.cameo,
                            intensity=reject.score, negated=False, rule=f"refuse:{trig.rule}")
        if sources or targets or named is not None or trig.anonymous or suffered:
            events.append(event)
            self.coded |= {verb.i, (trig.noun or verb).i}
        if accuses and speaker is not None:
            # The quote's own act is the speaker accusing whoever it names as the attacker.
            accuse = EVENT_TYPES["ACCUSE"]
            events.append(replace(
                event, idx=len(events), event_type="ACCUSE", mode="allege", quad=accuse.quad,
                cameo=accuse.cameo, intensity=score("ACCUSE", "allege"), source_ids=[speaker.actor_id or ""],
                source_names=[speaker.actor_name or speaker.text], target_ids=event.source_ids,
                target_names=[m.actor_name or m.text for m in sources], modality="asserted",
                confidence=0.9 if sources else 0.6, rule=f"quote-accuse:{trig.rule}"))


def find_events(sdoc: Doc, doc_id: str, mentions: list[Mention], actor_at: dict[int, Mention],
                quotes: list[Quote], frames: Frames, published: str | None = None, model: EventModel | None = None,
                threshold: float = 0.5) -> list[Event]:
    """All events of one parsed document: ``frames`` first, then the model where no frame matched.
    Dates resolve against ``published``."""
    return DocumentEvents(sdoc, doc_id, mentions, actor_at, quotes, frames, published, model, threshold).run()
