"""The gazetteer's phrase ruler sets the entities spaCy's EntityRuler set from the same names."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsledger.pipeline.annotate import gazetteer_patterns
from newsledger.pipeline.phrase_ruler import PhraseRuler

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "txt"


@pytest.fixture(scope="module")
def patterns() -> list[tuple[str, str]]:
    return gazetteer_patterns()


def _pipeline(kind: str, patterns: list[tuple[str, str]]) -> Language:
    nlp = spacy.blank("en")
    if kind == "entity_ruler":
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": label, "pattern": name} for label, name in patterns])  # type: ignore[attr-defined]
    else:
        phrase = nlp.add_pipe("newsledger_phrase_ruler")
        assert isinstance(phrase, PhraseRuler)
        phrase.add((label, [t.orth for t in nlp.make_doc(name)]) for label, name in patterns)
    return nlp


def test_same_entities_as_the_entity_ruler_on_the_example_articles(patterns: list[tuple[str, str]]) -> None:
    # Names listed under two labels are left out: there the EntityRuler's choice varied with the
    # name's position in the text (next test).
    labels: dict[str, set[str]] = {}
    for label, name in patterns:
        labels.setdefault(name, set()).add(label)
    single = [(label, name) for label, name in patterns if len(labels[name]) == 1]
    ours, spacys = _pipeline("phrase", single), _pipeline("entity_ruler", single)
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    assert texts
    found = 0
    for text in texts:
        expected = [(e.start, e.end, e.label_) for e in spacys(text).ents]
        assert [(e.start, e.end, e.label_) for e in ours(text).ents] == expected
        found += len(expected)
    assert found > 50  # the articles do name countries, capitals and leaders


def test_longest_name_wins_and_overlaps_are_dropped() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("newsledger_phrase_ruler")
    ids = lambda text: [t.orth for t in nlp.make_doc(text)]  # noqa: E731
    ruler.add([("GPE", ids("Nagorno")), ("GPE", ids("Nagorno - Karabakh")), ("ORG", ids("Karabakh Council")),
               ("PERSON", ids("Ilham Aliyev"))])  # type: ignore[attr-defined]
    doc = nlp("Ilham Aliyev spoke of Nagorno-Karabakh Council members.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Ilham Aliyev", "PERSON"), ("Nagorno-Karabakh", "GPE")]


def test_a_name_with_two_labels_takes_the_first_wherever_it_stands(patterns: list[tuple[str, str]]) -> None:
    assert [label for label, name in patterns if name == "Hong Kong"] == ["GPE", "ORG"]
    nlp = _pipeline("phrase", patterns)
    for before in ("", "A ", "In the news , ", "x " * 7, "x " * 20):
        assert [(e.text, e.label_) for e in nlp(before + "Hong Kong is here.").ents] == [("Hong Kong", "GPE")]


def test_a_text_ending_inside_a_longer_name_keeps_the_shorter_one() -> None:
    # "Washington" is a name, and so is "Washington Post": a text ending on "Washington" must not
    # read the slice past its end as the short name with the long name's span (it raised E035).
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("newsledger_phrase_ruler")
    ids = lambda text: [t.orth for t in nlp.make_doc(text)]  # noqa: E731
    ruler.add([("GPE", ids("Washington")), ("ORG", ids("Washington Post Company"))])  # type: ignore[attr-defined]
    doc = nlp("The senator flew back to Washington")
    assert [(e.text, e.label_) for e in doc.ents] == [("Washington", "GPE")]
