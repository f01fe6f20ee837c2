"""The table-driven attribute ruler annotates exactly as spaCy's own attribute_ruler does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from newsledger.config import Config
from newsledger.pipeline import attribute_rules
from newsledger.pipeline.annotate import model_dir
from newsledger.pipeline.attribute_rules import fast_ruler, speed_up_ruler

# Our own sentences: wire prose, a quoted street voice with the contractions the ruler's longer
# patterns fix ("ain't", "gonna", "let's", "y'all"), existential "there", pronouns by case,
# modals, whitespace runs and a dateline.
TEXTS = [
    "NAIROBI, March 3 (Reuters) - Kenya's interior ministry said on Tuesday it had deployed\n\n"
    "2,000 police officers to the border town of Mandera after gunmen attacked a bus.",
    '"We ain\'t gonna leave, let\'s be clear," one trader told us.  "Y\'all can\'t move us."',
    "There are no talks planned, and there was nothing she could do about it herself.",
    "If the council does not act, they will; he said he'd have done it himself had he been asked.",
    "Something has to give, everybody agrees, but nobody knows what.",
    "   ",
    "",
]


def _annotations(nlp: Language, texts: list[str]) -> list[list[tuple[Any, ...]]]:
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def stock(nlp: Language, config: Config) -> Language:
    """The same pipeline as published: spaCy's own attribute_ruler (``nlp`` makes sure it is installed)."""
    return spacy.load(model_dir(config.annotate.model))


def test_the_configured_pipeline_runs_the_fast_ruler(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), attribute_rules.FastAttributeRuler)


def test_annotations_are_spacys_own(stock: Language, config: Config) -> None:
    fast = spacy.load(model_dir(config.annotate.model))
    assert speed_up_ruler(fast)
    assert fast.pipe_names == stock.pipe_names
    ours, theirs = _annotations(fast, TEXTS), _annotations(stock, TEXTS)
    assert ours == theirs
    lemmas = {tok[0]: tok[4] for doc in ours for tok in doc}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go"  # two-token patterns applied


def test_annotations_are_spacys_own_on_whole_articles(stock: Language, config: Config) -> None:
    """Twelve of our labelled articles (names, numbers and spellings by the thousand): a word no
    pattern names shares its table entry with every other such word, and that changes nothing."""
    articles = sorted((Path(__file__).parents[1] / "data" / "events_tune" / "articles").glob("*.txt"))
    texts = [a.read_text("utf-8") for a in articles]
    fast = spacy.load(model_dir(config.annotate.model))
    speed_up_ruler(fast)
    assert len(texts) == 12 and _annotations(fast, texts) == _annotations(stock, texts)


def test_words_no_pattern_names_share_one_entry(stock: Language) -> None:
    fast = fast_ruler(stock.get_pipe("attribute_ruler"))
    assert fast is not None
    assert fast._kind("goma") == fast._kind("gbagbo") == fast._kind("ceasefire")
    assert fast._kind("the") == "the" and fast._kind("would") == "would"  # words the patterns name


def test_annotations_hold_when_the_cache_starts_again(stock: Language, config: Config,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attribute_rules, "CACHED", 3)
    fast = spacy.load(model_dir(config.annotate.model))
    speed_up_ruler(fast)
    assert _annotations(fast, TEXTS) == _annotations(stock, TEXTS)


def test_a_pattern_it_cannot_index_keeps_spacys_ruler(stock: Language) -> None:
    ruler = AttributeRuler(stock.vocab)
    ruler.add(patterns=[[{"TAG": "NNP"}]], attrs={"POS": "PROPN"})
    assert fast_ruler(ruler) is not None
    ruler.add(patterns=[[{"ORTH": "Kenya", "ENT_TYPE": "GPE"}]], attrs={"LEMMA": "Kenya"})
    assert fast_ruler(ruler) is None
