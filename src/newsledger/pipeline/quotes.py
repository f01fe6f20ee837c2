"""The quotes stage: who said what, to whom, over the spaCy parse and the resolved actors.

Reads:   a parsed ``Doc`` and the document's actor ``Mention`` rows.
Returns: ``Quote`` rows: content span, kind (direct, partial, indirect), speaker span and
         actor, cue verb, addressee, sentence index.
Rules:   quote marks are paired per paragraph (an odd count never raises; a paragraph that
         opens a quote and does not close it continues into the next one that opens with a
         mark, the news convention for multi-paragraph quotes). A quote's speaker is the subject
         of the speech verb that governs it ("urged the two sides to "avoid ..."": the one who
         urged), else of a speech verb in its sentence, else of a "Name said:" lead-in, else the
         speaker of the quote it continues. Indirect speech is the clause a speech verb governs
         ("Aliyev said the biggest threat was ..."). Speakers resolve through the actor mentions,
         so "he added" names a person.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.models import Mention, Quote
from newsledger.pipeline.frames import load_frames
from newsledger.pipeline.sentences import sentences

# Verbs that cue a quote ("he warned"), shared with the event coder's reporting verbs.
SPEECH_VERBS = load_frames().classes["speech_verbs"]
# Verbs whose object is the one addressed ("told reporters", "addressing Aliyev", "urged Baku").
ADDRESS_VERBS = {"tell", "address", "urge", "ask", "warn", "brief", "inform", "assure", "remind"}
SUBJECTS = ("nsubj", "nsubjpass")
# 'PENCE: ...', 'Sonya Herridge, 45: ...' at a paragraph start; '... " - Name' after a quote.
NAME_COLON = re.compile(r"\s*([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})(?:, [^:\n]{1,40})?:\s")
DASH_NAME = re.compile(r"\s*[-–—]{1,2}\s*([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})")
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class _Mark:
    start: int  # character offset of the opening mark
    end: int  # character offset just past the closing mark (or the paragraph end)
    closed: bool


def content_key(text: str) -> str:
    """Key that links the same quote across pages and outlets: its words, lower case."""
    return hashlib.sha1(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()[:16]


def _quote_marks(text: str) -> list[_Mark]:
    """Pair '"' marks paragraph by paragraph; unclosed quotes run to the paragraph end."""
    spans: list[_Mark] = []
    offset = 0
    for para in text.split("\n\n"):
        marks = [m.start() for m in re.finditer('"', para)]
        for k in range(0, len(marks) - 1, 2):
            spans.append(_Mark(offset + marks[k], offset + marks[k + 1] + 1, True))
        if len(marks) % 2 == 1:
            # The odd mark opens a quote that runs on (if it opens the paragraph or follows
            # a space) or is a stray; a stray is ignored rather than mispairing the rest.
            last = marks[-1]
            if last == 0 or para[last - 1] in " (-:":
                spans.append(_Mark(offset + last, offset + len(para), False))
        offset += len(para) + 2
    return spans


class DocumentQuotes:
    """Find the quotes of one parsed document."""

    def __init__(self, sdoc: Doc, doc_id: str, actor_at: dict[int, Mention]) -> None:
        self.sdoc, self.doc_id, self.actor_at = sdoc, doc_id, actor_at
        self.sents = sentences(sdoc)
        self.text = sentences(sdoc).text
        self.quotes: list[Quote] = []

    # -- helpers -----------------------------------------------------------------------
    def _sent_idx(self, tok: Token) -> int:
        return self.sents.index(tok)

    def _speaker_of(self, verb: Token) -> tuple[Span | None, Mention | None]:
        """The subject of a speech verb, as a span and actor.

        Climbs conjunctions and clauses ("Aliyev said the situation was ... and accused
        Armenia": the parser may hang "accused" on "was"), preferring a subject that is an actor.
        """
        fallback: tuple[Span | None, Mention | None] = (None, None)
        v: Token | None = verb
        for _ in range(3):
            if v is None:
                break
            if v.dep_ == "acl" and v.head.pos_ in ("PROPN", "NOUN"):
                # "footage of Hillary Clinton asking, ...": the one the verb describes speaks.
                return self._phrase(v.head), self.actor_at.get(v.head.i)
            if v.dep_ == "pcomp" and v.head.lower_ == "as" and v.head.head.lemma_ == "quote":
                # "Tass quoted Pashinyan as saying": the one quoted speaks.
                quoted = next((c for c in v.head.head.children if c.dep_ == "dobj"), None)
                if quoted is not None:
                    return self._phrase(quoted), self.actor_at.get(quoted.i)
            for child in v.children:
                subject = child if child.dep_ in SUBJECTS else next(
                    (g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "agent" else None
                if subject is None:
                    continue
                found = (self._phrase(subject), self.actor_at.get(subject.i))
                if found[1] is not None:
                    return found
                fallback = fallback if fallback[0] is not None else found
            v = v.head if v.dep_ in ("conj", "advcl", "xcomp", "ccomp") and v.head.i != v.i else None
        return fallback

    def _phrase(self, tok: Token) -> Span:
        """The name or noun phrase a token heads, trimmed of clauses ("Aliyev, who ...")."""
        if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "Aliyev, who said ...": the one the clause is about
        mention = self.actor_at.get(tok.i)
        if mention is not None:
            span = self.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
            return span if span is not None else self.sdoc[tok.i : tok.i + 1]
        left = tok.left_edge.i
        right = tok.i
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "prep"):
                break
            right = child.right_edge.i
        return self.sdoc[left : right + 1]

    def _addressee(self, verb: Token) -> Span | None:
        heads = [verb] + [c for c in self.sents.of(verb) if c.dep_ == "advcl" and c.lemma_ in ADDRESS_VERBS]
        for v in heads:
            if v.lemma_ in ADDRESS_VERBS:
                for child in v.children:
                    if child.dep_ in ("dobj", "dative", "iobj"):
                        return self._phrase(child)
        return None

    def _add(self, start: int, end: int, kind: str, verb: Token | None, speaker: Span | None,
             actor: Mention | None, sent_tok: Token, rule: str) -> None:
        content = self.text[start:end]
        addressee = self._addressee(verb) if verb is not None else None
        self.quotes.append(Quote(
            doc_id=self.doc_id, idx=len(self.quotes), start=start, end=end, text=content, kind=kind,
            speaker=speaker.text if speaker is not None else None,
            speaker_start=speaker.start_char if speaker is not None else None,
            speaker_end=speaker.end_char if speaker is not None else None,
            actor_id=actor.actor_id if actor else None, actor_name=actor.actor_name if actor else None,
            cue=verb.text if verb is not None else None, cue_start=verb.idx if verb is not None else None,
            addressee=addressee.text if addressee is not None else None,
            sentence_idx=self._sent_idx(sent_tok), content_key=content_key(content), rule=rule,
        ))

    # -- direct and partial quotes --------------------------------------------------------
    def _tokens_in(self, start: int, end: int) -> list[Token]:
        span = self.sdoc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _governing_speech_verb(self, inside: list[Token], start: int, end: int) -> Token | None:
        """Climb from the quoted words to the nearest speech verb outside the quote."""
        for tok in inside:
            node = tok
            for _ in range(8):
                if node.head.i == node.i:
                    break
                node = node.head
                outside = not (start <= node.idx < end)
                if outside and node.lemma_ in SPEECH_VERBS and node.pos_ in ("VERB", "AUX"):
                    return node
        return None

    def _verb_in_frame(self, sents: list[Span], start: int, end: int) -> Token | None:
        """The speech verb nearest the quote among the words of its sentences outside it."""
        best: tuple[int, Token] | None = None
        for sent in sents:
            for tok in sent:
                if start <= tok.idx < end or tok.lemma_ not in SPEECH_VERBS or tok.pos_ not in ("VERB", "AUX"):
                    continue
                distance = min(abs(tok.idx - start), abs(tok.idx - end))
                if best is None or distance < best[0]:
                    best = (distance, tok)
        return best[1] if best else None

    def _according_to(self, sents: list[Span], start: int, end: int) -> Token | None:
        for sent in sents:
            for tok in sent:
                if tok.lower_ == "according" and not (start <= tok.idx < end):
                    for prep in tok.children:
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                return obj
        return None

    def _sentence_before(self, char: int) -> Span | None:
        """The sentence holding the last word before a character offset."""
        i = len(self.sdoc) - 1
        tok = self.sdoc.char_span(char, char + 1, alignment_mode="expand")
        if tok is not None:
            i = tok.start - 1
        while i >= 0 and (self.sdoc[i].is_space or self.sdoc[i].text == '"'):
            i -= 1
        return self.sents.of(self.sdoc[i]) if i >= 0 else None

    def _named_around(self, start: int, end: int, text: str) -> Span | None:
        """'PENCE: "..."' or 'Name: "..."' before, '"..." – Name' after: a name standing as speaker."""
        para_start = text.rfind("\n\n", 0, start) + 2 if text.rfind("\n\n", 0, start) >= 0 else 0
        before = NAME_COLON.match(text, para_start, start)
        if before is not None and before.end() <= start:
            return self.sdoc.char_span(before.start(1), before.end(1), alignment_mode="expand")
        inside = NAME_COLON.match(text, start)
        if inside is not None and inside.group(1).isupper() and inside.end() < end:
            return self.sdoc.char_span(inside.start(1), inside.end(1), alignment_mode="expand")
        after = DASH_NAME.match(text, end)
        if after is not None:
            return self.sdoc.char_span(after.start(1), after.end(1), alignment_mode="expand")
        return None

    def _previous_speaker(self, first: Token) -> tuple[Token | None, Span] | None:
        """'Caddell spoke on Monday. "The health issue ..."': the subject of the sentence before.

        Only a person or organisation actor counts, and only in the same or the previous
        paragraph, and the sentence before must not itself be a quote.
        """
        quote_sent = self.sents.of(first)
        if quote_sent.start == 0:
            return None
        before = self.sents.of(self.sdoc[quote_sent.start - 1])
        if '"' in before.text or before.text.count("\n\n") > 1:
            return None
        for tok in before:
            if tok.dep_ in SUBJECTS and tok.head.pos_ in ("VERB", "AUX"):
                mention = self.actor_at.get(tok.i)
                if mention is not None and mention.kind in ("person", "organisation"):
                    verb = tok.head if tok.head.lemma_ in SPEECH_VERBS else None
                    return verb, self._phrase(tok)
        return None

    def direct(self) -> None:
        previous: Quote | None = None
        previous_end_para = -1
        text = self.text
        for mark in _quote_marks(text):
            start, end = mark.start + 1, mark.end - 1 if mark.closed else mark.end
            if end - start < 2:
                continue
            inside = self._tokens_in(start, end)
            if not inside:
                continue
            first, last = inside[0], inside[-1]
            sents = list({s.start: s for s in (self.sents.of(first), self.sents.of(last))}.values())
            inner = text[start:end].strip()
            # Direct: a whole utterance (it opens a sentence, or follows "said:" / "said, ").
            # Partial: a phrase embedded in the reporter's sentence, whatever its punctuation.
            lead = text[max(0, mark.start - 40) : mark.start].rstrip(" ")
            opens = first.is_sent_start or not lead.strip() or lead.endswith((":", "\n", ".", "!", "?")) or (
                lead.endswith(",") and first.i > 1 and self.sdoc[first.i - 2].lemma_ in SPEECH_VERBS)
            kind = "direct" if opens or (len(inside) > 25 and inner[:1].isupper()) else "partial"
            verb = self._governing_speech_verb(inside, start, end) if kind == "partial" else None
            verb = verb or self._verb_in_frame(sents, start, end)
            rule = "speech_verb"
            speaker, actor = self._speaker_of(verb) if verb is not None else (None, None)
            if speaker is None and (src := self._according_to(sents, start, end)) is not None:
                speaker, actor, rule = self._phrase(src), self.actor_at.get(src.i), "according_to"
            before = self._sentence_before(mark.start)
            # "Stoltenberg said: "..."": a lead-in ending with a colon just before the mark.
            lead_verb = self._verb_in_frame([before], start, end) \
                if speaker is None and before is not None and before.text.rstrip().endswith(":") else None
            if lead_verb is not None:
                verb, rule = lead_verb, "lead_in"
                speaker, actor = self._speaker_of(lead_verb)
            if speaker is None and (named := self._named_around(mark.start, mark.end, text)) is not None:
                speaker, actor, rule = named, self.actor_at.get(named.start), "name_form"
            if speaker is None and kind == "direct" and (prior := self._previous_speaker(first)) is not None:
                verb, rule = prior[0], "previous_sentence"
                speaker, actor = prior[1], self.actor_at.get(prior[1].root.i)
            para_index = text.count("\n\n", 0, mark.start)
            if speaker is None and kind == "direct" and previous is not None \
                    and para_index - previous_end_para in (0, 1):
                # A quote that names nobody, right after an attributed one in the same or the
                # previous paragraph, goes on with that speaker (the news convention).
                verb, rule = None, "continuation"
                speaker = self.sdoc.char_span(previous.speaker_start, previous.speaker_end) \
                    if previous.speaker_start is not None and previous.speaker_end is not None else None
                actor = self.actor_at.get(speaker.start) if speaker is not None else None
            if speaker is None and kind == "partial":
                continue  # scare quotes: a phrase set apart, not anyone's words
            self._add(start, end, kind, verb, speaker, actor, first, rule if speaker is not None else "unattributed")
            if speaker is not None:
                previous, previous_end_para = self.quotes[-1], text.count("\n\n", 0, end)

    # -- indirect speech ----------------------------------------------------------------
    def _reported_content(self, verb: Token) -> tuple[int, int] | None:
        """Character span of what a speech verb reports, or None when it reports nothing."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            clause = next((c for c in verb.children if c.i > verb.i and (
                (c.dep_ == "xcomp" and verb.lemma_ in ("urge", "ask", "warn", "call", "tell"))
                or (c.dep_ == "prep" and (verb.lemma_, c.lower_) in (("accuse", "of"), ("blame", "for"),
                                                                     ("call", "on"), ("call", "for"))))), None)
        if clause is None or (clause.i < verb.i and clause.lemma_ in SPEECH_VERBS):
            return None  # "Noting X, Lavrov said": "noting" reports X itself
        if clause.i > verb.i:  # "said (that) X ...": from after the verb to the clause's end
            first = verb.i + 1
            while first < clause.i and self.sdoc[first].lower_ in ("that", ",", ":"):
                first += 1
            # "called on Baku to recognize ...": the request runs to the end of the verb's phrase.
            last = verb.right_edge.i if clause.dep_ == "prep" else clause.right_edge.i
        else:  # "X ..., he said"
            first, last = clause.left_edge.i, clause.right_edge.i
        while last > first and self.sdoc[last].is_punct and self.sdoc[last].text not in ('"', ")"):
            last -= 1
        while first < last and (self.sdoc[first].is_punct or self.sdoc[first].is_space):
            first += 1
        if last - first < 1:
            return None
        return self.sdoc[first].idx, self.sdoc[last].idx + len(self.sdoc[last].text)

    def indirect(self) -> None:
        quoted = [(q.start - 1, q.end + 1) for q in self.quotes if q.kind == "direct"]
        for tok in self.sdoc:
            if tok.lemma_ not in SPEECH_VERBS or tok.pos_ != "VERB":
                continue
            if any(a <= tok.idx < b for a, b in quoted):
                continue
            span = self._reported_content(tok)
            if span is None:
                continue
            start, end = span
            if any(a < end and start < b for a, b in quoted):
                continue  # the direct quote already holds this content
            speaker, actor = self._speaker_of(tok)
            if speaker is None or speaker.root.lower_ in ("it", "that", "this", "which"):
                continue
            self._add(start, end, "indirect", tok, speaker, actor, tok, "speech_clause")

    def according_to(self) -> None:
        """'The monitors will deploy within weeks, according to Pashinyan.'"""
        quoted = [(q.start, q.end) for q in self.quotes]
        for tok in self.sdoc:
            if tok.lower_ != "according" or any(a <= tok.idx < b for a, b in quoted):
                continue
            source = next((o for p in tok.children if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"), None)
            if source is not None and self.actor_at.get(source.i) is None:
                # "according to the ministry's statement": the statement's owner speaks.
                source = next((c for c in source.children if c.dep_ == "poss"), None)
            if source is None or self.actor_at.get(source.i) is None:
                continue
            sent = self.sents.of(tok)
            phrase = (tok.left_edge.i if tok.left_edge.i >= sent.start else tok.i, tok.right_edge.i)
            keep = [t for t in sent if not (phrase[0] <= t.i <= phrase[1]) and not t.is_space]
            while keep and keep[-1].is_punct:
                keep.pop()
            while keep and keep[0].is_punct:
                keep.pop(0)
            if len(keep) < 3 or any(a < keep[-1].idx and keep[0].idx < b for a, b in quoted):
                continue
            start, end = keep[0].idx, keep[-1].idx + len(keep[-1].text)
            if phrase[0] > keep[0].i:  # "X, according to Y": the content ends before the phrase
                end = self.sdoc[phrase[0] - 1].idx
                end = len(self.text[:end].rstrip(" ,"))
            self._add(start, end, "indirect", None, self._phrase(source), self.actor_at.get(source.i), tok,
                      "according_to")

    def run(self) -> list[Quote]:
        self.direct()
        self.indirect()
        self.according_to()
        # Reported speech that is almost all one partial quote says nothing the quote does not.
        partials = [q for q in self.quotes if q.kind == "partial"]
        self.quotes = [q for q in self.quotes if q.kind != "indirect" or not any(
            min(q.end, p.end) - max(q.start, p.start) >= 0.8 * (q.end - q.start) for p in partials)]
        # A quote repeated in the same page (a repeated caption, a pull quote) counts once.
        seen: set[tuple[str, str]] = set()
        unique: list[Quote] = []
        for q in sorted(self.quotes, key=lambda q: (q.start, q.end)):
            if (q.content_key, q.kind) in seen:
                continue
            seen.add((q.content_key, q.kind))
            q.idx = len(unique)
            unique.append(q)
        return unique


def find_quotes(sdoc: Doc, doc_id: str, actor_at: dict[int, Mention]) -> list[Quote]:
    """All quotes of one parsed document, in text order; ``actor_at`` from ``actors.actor_tokens``."""
    return DocumentQuotes(sdoc, doc_id, actor_at).run()
