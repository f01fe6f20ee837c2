"""The remembering lemmatizer sets exactly the lemmas spaCy's own rule lemmatizer sets."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsledger.config import Config
from newsledger.pipeline import fast_lemmatizer
from newsledger.pipeline.annotate import model_dir
from newsledger.pipeline.fast_lemmatizer import FastLemmatizer, speed_up_lemmatizer

# Our own sentences: inflected verbs and nouns, irregular forms, contractions the attribute_ruler
# lemmatizes before the lemmatizer runs ("ai", "gon", "'s"), proper nouns, numbers and whitespace.
TEXTS = [
    "Rebels seized three towns and were driving government troops back toward the coast, officials said.",
    '"We ain\'t gonna leave," a trader said; the ministers\' talks broke down and nobody\'s sure why.',
    "The generals had flown to Lusaka, where the better-armed militias fought the fiercest battles.",
    "Geese, mice and oxen were counted; she'd have gone had the ferries been running.\n\n",
    "   ",
    "",
]


def _lemmas(nlp: Language, texts: list[str]) -> list[list[tuple[str, str, str]]]:
    return [[(t.text, t.pos_, t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def stock(nlp: Language, config: Config) -> Language:
    """The pipeline as published: spaCy's own lemmatizer (``nlp`` makes sure it is installed)."""
    return spacy.load(model_dir(config.annotate.model))


@pytest.fixture(scope="module")
def remembering(stock: Language, config: Config) -> Language:
    """The same pipeline with its lemmatizer swapped for the remembering one."""
    nlp = spacy.load(model_dir(config.annotate.model))
    assert speed_up_lemmatizer(nlp) and nlp.pipe_names == stock.pipe_names
    return nlp


def test_the_configured_pipeline_runs_the_remembering_lemmatizer(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_lemmas_are_spacys_own(stock: Language, remembering: Language) -> None:
    ours = _lemmas(remembering, TEXTS)
    assert ours == _lemmas(stock, TEXTS)
    lemmas = {tok[0]: tok[2] for doc in ours for tok in doc}
    assert lemmas["seized"] == "seize" and lemmas["flown"] == "fly" and lemmas["mice"] == "mouse"
    assert lemmas["ai"] == "be"  # set by the attribute_ruler before, and kept (overwrite is off)


def test_lemmas_are_spacys_own_on_whole_articles(stock: Language, remembering: Language) -> None:
    """Twelve of our labelled articles, twice through the same pipeline: the second pass answers from
    what the first remembered, and a word's lemma never depends on where it stands."""
    articles = sorted((Path(__file__).parents[1] / "data" / "events_tune" / "articles").glob("*.txt"))
    texts = [a.read_text("utf-8") for a in articles]
    theirs = _lemmas(stock, texts)
    assert len(texts) == 12 and _lemmas(remembering, texts) == theirs
    assert _lemmas(remembering, texts[::-1]) == theirs[::-1]


def test_lemmas_hold_when_the_memory_starts_again(stock: Language, remembering: Language,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_lemmatizer, "CACHED", 3)
    memory = remembering.get_pipe("lemmatizer")._known
    memory.clear()  # the other tests filled it: start from nothing, so the small limit is met over and over
    assert _lemmas(remembering, TEXTS) == _lemmas(stock, TEXTS)
    assert 0 < len(memory) <= 3


def test_a_lookup_lemmatizer_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not speed_up_lemmatizer(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
