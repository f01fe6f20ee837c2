"""Model resolution: installed pipelines are found without loading; a missing one says how to get it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsledger.errors import ModelNotFoundError
from newsledger.pipeline.annotate import model_dir, model_label
from newsledger.pipeline.lemmas import checked, verb_lemmas


def test_vendored_pipelines_are_found_without_loading(nlp: object) -> None:
    assert (model_dir("en_core_web_md") / "config.cfg").is_file()
    assert model_label("en_core_web_sm").endswith("-3.8.0")


def test_missing_pipeline_names_the_fix() -> None:
    with pytest.raises(ModelNotFoundError, match="not installed.*annotate.model"):
        model_label("en_core_web_trf")


def test_the_lemma_table_is_checked_when_loaded() -> None:
    assert verb_lemmas()["waged"] == "wage"
    with pytest.raises(ValueError, match="lemmas.toml"):
        checked({"Waged": "wage"})
    with pytest.raises(ValueError, match="lemmas.toml"):
        checked({"waged": 3})


@pytest.mark.parametrize(("text", "verb", "head"), [
    # A speaker's second act, joined by the parser to the infinitive of what they said.
    ("The ministry said it was up to the police to keep the peace and called for calm.", "called", "said"),
    ("The envoy said his government would seek talks with the rebels and urged them to disarm.", "urged", "said"),
    # After a bare verb of a "that" clause, and after a progressive.
    ("The foreign minister proposed that the council send monitors to the border and offered two aircraft for the "
     "mission.", "offered", "proposed"),
    ("The army spokesman said the militia was retreating and urged its fighters to surrender.", "urged", "said"),
    # The nearest verb of that tense above, not the sentence's: a clause of its own keeps its act.
    ("Strikes began after the cabinet shelved plans to sign a loan deal with the fund and turned instead to Beijing.",
     "turned", "shelved"),
])
def test_a_finite_verb_joined_to_an_infinitive_is_hung_on_the_verb_it_goes_with(
        nlp: Language, text: str, verb: str, head: str) -> None:
    token = next(t for t in nlp(text) if t.text == verb)
    assert (token.head.text, token.dep_) == (head, "conj")
    assert any(c.dep_ == "cc" for c in token.head.children)


@pytest.mark.parametrize(("text", "verb", "subject"), [
    ("The Mozambican National Resistance infiltrated from Malawi in 1986.", "infiltrated", "Resistance"),
    ("Mr Santos's chief envoy, Humberto de la Calle, signed for the government.", "signed", "envoy"),
])
def test_a_sentences_only_verb_read_as_a_participle_is_its_verb_again(
        nlp: Language, text: str, verb: str, subject: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    assert (token.dep_, token.tag_) == ("ROOT", "VBD")
    assert [c.text for c in token.children if c.dep_ == "nsubj"] == [subject]


def test_a_participle_beside_the_sentences_verb_stays_a_participle(nlp: Language) -> None:
    doc = nlp("Troops backed by tanks smashed through the barricades at dawn.")
    assert next(t for t in doc if t.text == "backed").dep_ == "acl"


def test_paragraphs_and_datelines_start_sentences(nlp: Language) -> None:
    """A headline ends at its paragraph break (two line breaks or more), a dateline is one segment, and the
    lede starts after it (the paragraph component's rules, which only visit tokens holding a line break)."""
    text = ("Insurgents block coastal highway\n\nMAPUTO, June 4 (Wire) - Insurgents blocked the coastal highway "
            "on Friday, the provincial governor said.\nTrucks were\nturned back at a checkpoint.\n\n\n"
            "Aid agencies said food stocks would last a week.")
    doc = nlp(text)
    starts = [t.text for t in doc if t.is_sent_start and not t.is_space]
    assert starts[:3] == ["Insurgents", "MAPUTO", "Insurgents"]
    assert starts[-1] == "Aid"
    assert not any(t.is_sent_start for t in doc if t.text in (",", "June", "4", "("))
