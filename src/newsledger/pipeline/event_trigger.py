"""What the event coder's rules find in a sentence, and the small word tests they share.

A ``Trigger`` is a candidate event before its participants are read: the verb (or noun), the
event noun a light verb carries, the PLOVER type and mode, and the rule that decided them.
``VETO`` is what a frame returns to rule an event out, so the learned typer stays silent too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.pipeline.agents import load_agents

AGENTS = load_agents()


ARMED = ("MIL", "REB")  # the sectors of armed men
SECTORS = tuple(AGENTS.sectors)  # every sector: people named by what they do


def in_sectors(phrase: Token, sectors: Collection[str]) -> bool:
    """Whether a noun phrase names people of one of the sectors ("police reinforcements": COP), read up to its
    head noun ("fighters in pick-up trucks" are fighters), else through "of" ("contingents of troops")."""
    words = [t for t in phrase.subtree if t.i <= phrase.i]
    sector = AGENTS.sector_of_phrase([t.text for t in words], [t.lemma_ for t in words])
    if sector is None:
        return any(in_sectors(g, sectors) for c in phrase.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj")
    return sector in sectors


def armed(subject: Token | None) -> bool:
    """Whether a subject names armed men ("Israel's air force", "American troops", "rebels")."""
    return subject is not None and in_sectors(subject, ARMED)


def dated(tok: Token) -> bool:
    """A date, or a year the entity recogniser took for a number ("the 2022 truce")."""
    return tok.ent_type_ == "DATE" or tok.like_num and tok.shape_ == "dddd" and 1800 <= int(tok.text) <= 2100


def infinitive(tok: Token) -> bool:
    """Whether a verb is an infinitive with "to" ("to disperse the students", "to avenge")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def occurs(verb: Token, occurrence: Collection[str]) -> bool:
    """Whether a verb says that what its subject names happened: by its lemma ("fighting erupted") or by
    its lemma and object ("the attack took place": class entries of two words)."""
    return verb.lemma_ in occurrence or any(
        c.dep_ == "dobj" and f"{verb.lemma_} {c.lower_}" in occurrence for c in verb.children)


def goes_on(noun: Token, continuing: Collection[str]) -> bool:
    """Whether an event noun is only said to go on ("the fighting continued overnight"): no new act, unless its
    own phrases say whose it is or against what ("shelling of the port continued", "clashes between ... continued")."""
    return noun.dep_ in ("nsubj", "csubj") and noun.head.lemma_ in continuing and not any(
        c.dep_ == "poss" or c.dep_ == "prep" and any(o.dep_ == "pobj" for o in c.children) for c in noun.children)


# The particles a hyphenated noun may end in ("sit-in", "shoot-out", "build-up"): no noun by themselves.
PARTICLES = frozenset({"away", "back", "down", "in", "off", "out", "over", "up"})


def noun_start(tok: Token) -> Token:
    """Where a noun read whole begins: the word before the hyphen of one the tokenizer split before a particle
    ("sit" of "sit-in", "shoot" of "shoot-out"), else the noun itself."""
    doc = tok.doc
    if tok.lower_ in PARTICLES and tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH" and doc[tok.i - 2].head == tok \
            and doc[tok.i - 2].is_alpha:
        return doc[tok.i - 2]
    return tok


def noun_lemma(tok: Token) -> str:
    """An event noun's key in the frames; a gerund keeps its form ("fighting", not "fight"). A noun the
    tokenizer split at a hyphen before a particle is read whole ("a sit-in", "the shoot-out", "a pull-out"); one
    whose last part is a noun keeps that noun ("a cease-fire" is read as the parse and the frames read "fire")."""
    lemma = tok.lower_ if tok.tag_ == "VBG" else tok.lemma_.lower()
    start = noun_start(tok)
    return f"{start.lower_}-{lemma}" if start.i != tok.i else lemma


def event_key(tok: Token, nouns: Mapping[str, object]) -> str:
    """An event noun's key in the frames, with the modifier before it or the "of" phrase after it where the
    frames list those words ("nuclear test", "war games", "exchange of fire": a test, games or an exchange
    alone are no event)."""
    lemma = noun_lemma(tok)
    modifier = next((c for c in tok.children if c.i == tok.i - 1 and c.dep_ in ("amod", "compound", "nmod")), None)
    if modifier is not None and f"{modifier.lower_} {lemma}" in nouns:
        return f"{modifier.lower_} {lemma}"
    of = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
               if o.dep_ == "pobj"), None)
    return f"{lemma} of {of.lemma_.lower()}" if of is not None and f"{lemma} of {of.lemma_.lower()}" in nouns else lemma


def phrasal_key(tok: Token) -> str:
    """A verb's key with its particle ("call off"); "out of" counts as one, which the parser makes a
    preposition ("were driven out of the port", "pulled out of the town"), and so do "back", "aside" and
    "away", which it makes adverbs ("the rebels pulled back from the ridge", "stood aside", "walked away
    from the talks"), and "down" or "up" made a preposition with no object ("gunned down the
    archbishop"), and "in" right after the verb ("called in the army": its object the preposition's). A
    hyphenated prefix the tokenizer split off joins the lemma ("lathi-charged" is "lathi-charge", "test-fired" is
    "test-fire")."""
    doc = tok.doc
    lemma = tok.lemma_
    if tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH" and doc[tok.i - 2].head == tok and doc[tok.i - 2].is_alpha:
        lemma = f"{doc[tok.i - 2].lower_}-{tok.lemma_}"
    return " ".join([lemma, *(c.lower_ for c in tok.children if c.dep_ == "prt" or c.dep_ == "prep"
                              and c.lower_ == "out" and any(g.lower_ == "of" for g in c.children)
                              or c.dep_ == "advmod" and c.lower_ in ("back", "aside", "away")
                              or c.dep_ == "prep" and c.lower_ in ("down", "up") and c.i == tok.i + 1
                              and not any(g.dep_ == "pobj" for g in c.children)
                              or in_right_after(tok, c))])


def in_right_after(tok: Token, child: Token) -> bool:
    """Whether a verb's child is "in" right after it, which the parser makes a preposition where it is the
    verb's particle ("called in the army")."""
    return child.dep_ == "prep" and child.lower_ == "in" and child.i == tok.i + 1


def quoted_name(tok: Token) -> bool:
    """Whether a child of an object is the quoted name it is called, which the parser takes for an apposition
    ('called the army's raid "a massacre"')."""
    return tok.dep_ == "appos" and tok.left_edge.i > 0 and tok.left_edge.nbor(-1).is_quote


# A news conference or talks held "alongside", "with" or "between" others are a meeting of them.
TOGETHER = ("alongside", "with", "between")

# Prepositions whose object a noun guard reads: what is attacked, deployed or exercised, and as what.
GUARD_PREPS = ("against", "as", "of", "on", "to")

# What ``_verb_type`` returns when a frame rules an event out ("offered condolences").
VETO: tuple[str, str | None] = ("", None)


@dataclass(slots=True)
class Trigger:
    """A candidate event a rule or the model found, before its participants are read."""

    token: Token  # the verb (or the noun when it stands alone)
    noun: Token | None
    event_type: str
    mode: str | None
    rule: str
    score: float | None = None  # the model's probability, when a model decided the type
    shown: Token | None = None  # the word shown as the trigger, when not the verb and its noun
    anonymous: bool = False  # an event even when no one in it is named (PLOVER's UNK actor)
    undergone: bool = False  # the subject is whom it was done to ("the convoy came under fire")
    content: Token | None = None  # what a warning holds out ("warned that his men would attack"), shown too
    accused: Token | None = None  # what lays blame or a fate on its clause's subject ("said Hamas bore responsibility",
    # "said those responsible would be hunted down"): that subject is the target; shown too

