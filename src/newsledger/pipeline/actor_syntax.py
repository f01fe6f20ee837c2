"""Where a phrase stands in the parse: a place ("in Baku"), a predicate ("served as envoy"), or an
actor whose act the sentence places ("gunmen ... in Zamfara state").

Pure functions over spaCy tokens, shared by the actor rules (``pipeline/actors.py``): none of
them looks at the document's other mentions.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.pipeline.agents import load_agents
from newsledger.pipeline.gazetteer import place

AGENTS = load_agents()
LOCATIVE_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "via", "through", "into",
                  "throughout", "within", "between", "towards", "toward", "over", "along"}
# What lies "between" two places: only these make "between X and Y" a place ("the border between Armenia and
# Azerbaijan"); talks, clashes, a deal or a mediation "between" them are between actors.
BETWEEN_PLACES = {"area", "border", "boundary", "bridge", "corridor", "crossing", "frontier", "highway", "line",
                  "pipeline", "railway", "region", "road", "route", "sea", "strait", "territory", "zone"}
VISIT_VERBS = {"visit", "leave", "reach", "enter", "tour", "land"}
MOTION_VERBS = {"come", "go", "travel", "fly", "return", "move", "head", "arrive", "flee", "send", "deploy",
                "drive", "walk", "sail", "ship", "bring", "take", "export", "transfer"}
# Verbs whose "to" object receives what is sent, and whose "at" object is aimed at.
TRANSFER_VERBS = {"send", "ship", "export", "transfer", "deliver", "supply", "fly", "airlift", "donate", "give"}
AIMING_VERBS = {"fire", "shoot", "aim", "launch", "lob", "hurl", "throw", "direct", "point"}
# Verbs whose "from" object is who gives, asks or acts, not where from: "received aid from India",
# "bought arms from Russia", "demanded an explanation from Moscow", "drew criticism from Washington".
RECEIVING_VERBS = {"receive", "buy", "purchase", "import", "obtain", "get", "borrow", "accept", "seek", "request",
                   "demand", "secure", "win", "draw", "attract", "face", "earn", "incur"}


def is_predicate(root: Token) -> bool:
    """A common-noun phrase that says what someone is or is called, not who acts: "regards them as
    terrorists", "served as envoy", "labelled them traitors". Not "groups such as the Taliban"."""
    if root.pos_ != "NOUN":
        return False
    if root.dep_ == "oprd":
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.dep_ == "prep" and not (
        root.head.i > 0 and root.doc[root.head.i - 1].lower_ == "such")


def reporting_subject(pronoun: Token) -> Token | None:
    """Who says what a subject pronoun's clause reports: the subject of the verb that clause hangs on ("the
    chief said he would"), or the name in apposition to it ("Togo's president, Faure Gnassingbe, said he").
    None where the pronoun is no subject of a reported clause, or where a pronoun says it too."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.dep_ != "ccomp":
        return None
    subject = next((c for c in pronoun.head.head.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        subject = next((c for c in subject.children if c.dep_ == "appos"), subject)
    return None if subject is None or subject.pos_ == "PRON" else subject


def is_locative(token: Token) -> bool:
    """'in Baku', 'talks in Vienna', 'came to Vienna': a place, not an actor; a place joined to one by 'and'
    is one too ('on the border between Armenia and Azerbaijan', 'in Baku and Yerevan')."""
    if token.dep_ == "conj" and token.head.dep_ == "pobj" and token.head.i != token.i:
        return is_locative(token.head)
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
        return head.head.pos_ in ("VERB", "AUX") and head.head.lemma_ not in RECEIVING_VERBS
    if head.lower_ == "between" and head.dep_ == "prep":  # "the border between", not "talks between"
        return head.head.lemma_.lower() in BETWEEN_PLACES
    return token.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS or (
        token.dep_ in ("pobj", "conj", "compound") and head.dep_ == "prep" and head.lower_ in LOCATIVE_PREPS
    )


def place_in(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The place a head's preposition names: "bandits in Zamfara state" (the name may be a
    compound of its noun), "gunmen on motorbikes ... in Burkina Faso"; also a place the NER
    calls an organisation ("in a bar in Guanajuato state"), when the gazetteer knows it."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    named = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                    found = next((t for t in named if t.ent_type_ in ("GPE", "LOC")
                                  or t.ent_type_ == "ORG" and t.ent_iob_ == "B" and place(t.text)[0]), None)
                    if found is not None:
                        return found
    return None


def place_of_act(verb: Token, actor: Token) -> Token | None:
    """Where a sentence puts an act: the nearest "in"/"near"/"at" place in the verb's phrase, also
    inside its objects ("shot dead a village head in Zamfara state", "opened fire in a bar in
    Guanajuato state") or its passive subject ("villagers in Burkina Faso were killed by
    gunmen"), but never inside the actor's own phrase."""
    level = [verb]
    for _ in range(4):  # breadth first: the place nearest the verb wins
        for head in level:
            if (found := place_in(head, ("in", "near", "at"))) is not None:
                return found
        level = [c for h in level for c in h.children if c.i != actor.i and c.dep_ in (
            "dobj", "nsubjpass", "prep", "pobj", "advcl", "xcomp", "ccomp")]
    return None


def place_head(tok: Token) -> Token | None:
    """The place noun a name heads or modifies, through a list of names: "the Trump Route",
    "the Zangezur corridor", "the Kalbajar, Agdam and Lachin districts"."""
    head = tok
    while head.lemma_.lower() not in AGENTS.place_heads:
        if head.dep_ not in ("conj", "compound", "nmod", "appos") or head.head.i == head.i:
            return None
        head = head.head
    return head


def governed_by(ent: Span, heads: frozenset[str], preps: tuple[str, ...]) -> bool:
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
