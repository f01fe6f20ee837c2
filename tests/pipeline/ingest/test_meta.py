"""Metadata: datelines, dates, outlet and date precedence, language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsledger.dates import parse_date
from newsledger.pipeline.ingest.clean import Cleaned
from newsledger.pipeline.ingest.meta import detect_language, find_dateline, find_metadata

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "corpus"

MIN_CONF = 0.5

EN = (
    "The foreign ministers of the two countries met in the capital on Tuesday to discuss a "
    "long-delayed agreement on border crossings and trade. Officials said the talks were "
    "constructive and that both sides had agreed to continue working on the remaining issues "
    "over the coming weeks. A joint statement is expected to be published after the next round, "
    "which is planned for early spring."
)
FR = (
    "Les ministres des affaires étrangères des deux pays se sont réunis mardi dans la capitale "
    "pour discuter d'un accord longtemps retardé sur les passages frontaliers et le commerce. "
    "Selon les responsables, les discussions ont été constructives et les deux parties ont "
    "convenu de poursuivre le travail sur les questions restantes au cours des prochaines "
    "semaines. Une déclaration commune devrait être publiée après la prochaine série de "
    "négociations."
)
DE = (
    "Die Außenminister der beiden Länder trafen sich am Dienstag in der Hauptstadt, um über ein "
    "lange verzögertes Abkommen über Grenzübergänge und Handel zu beraten. Nach Angaben von "
    "Beamten waren die Gespräche konstruktiv, und beide Seiten vereinbarten, in den kommenden "
    "Wochen an den verbleibenden Fragen weiterzuarbeiten. Eine gemeinsame Erklärung soll nach der "
    "nächsten Verhandlungsrunde veröffentlicht werden, die für den Frühling geplant ist."
)


# --- datelines -------------------------------------------------------------------------


def test_dateline_place_date_and_credit() -> None:
    found = find_dateline(["BAKU, Nov. 20 (Meridian) -- The talks resumed on Monday."])
    assert found == {"place": "BAKU", "date": "Nov. 20", "credit": "Meridian"}


def test_dateline_with_region_and_year() -> None:
    found = find_dateline(["PRAGUE, Czech Republic, Oct. 6, 2022 (Caspian Wire) - The president said."])
    assert found == {
        "place": "PRAGUE",
        "region": "Czech Republic",
        "date": "Oct. 6, 2022",
        "credit": "Caspian Wire",
    }


def test_dateline_with_credit_only() -> None:
    found = find_dateline(["WASHINGTON (Black Sea Herald) - Officials said on Friday that talks would resume."])
    assert found == {"place": "WASHINGTON", "credit": "Black Sea Herald"}


def test_dateline_with_multiword_place_and_em_dash() -> None:
    found = find_dateline(["NEW YORK, March 3 (Meridian) — Markets opened lower."])
    assert found is not None
    assert found["place"] == "NEW YORK"
    assert found["date"] == "March 3"


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO Secretary-General said on Monday that the alliance would respond.",
        "The talks resumed on Monday - and ended on Tuesday.",
        "EU foreign ministers - meeting in Brussels - agreed on sanctions.",
        "UN - The council met.",  # a two-letter "place" is not a dateline
    ],
)
def test_not_a_dateline(sentence: str) -> None:
    assert find_dateline([sentence]) is None


def test_dateline_only_in_first_body_paragraph() -> None:
    assert find_dateline([]) is None
    assert find_dateline(["The talks resumed.", "BAKU, Nov. 20 (Meridian) -- More talks."]) is None


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-11-21 05:44:27", ("2017-11-21", "day")),
        ("2021-03-14T09:30:00+00:00", ("2021-03-14", "day")),
        ("March 19, 2024", ("2024-03-19", "day")),
        ("Oct. 6, 2022", ("2022-10-06", "day")),
        ("4 May 2019", ("2019-05-04", "day")),
        ("October 2022", ("2022-10", "month")),
        ("  October 2022 ", ("2022-10", "month")),
        # Feeds' numbers (#16): epoch seconds and milliseconds (UTC day), compact and partial ISO.
        ("1511222400", ("2017-11-21", "day")),
        ("1511222400000", ("2017-11-21", "day")),
        ("20171121", ("2017-11-21", "day")),
        ("2017-11", ("2017-11", "month")),
        ("2017", ("2017", "year")),
        ("21.11.2017", ("2017-11-21", "day")),
    ],
)
def test_parse_date(text: str, expected: tuple[str, str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["Nov. 20", "March 19", "Tuesday", "2019-02-30", "no date here", "20171341", "123",
                                  "2017-13"])
def test_parse_date_never_invents(text: str) -> None:
    assert parse_date(text) is None


# --- find_metadata: publication date ---------------------------------------------------

DATELINE_NO_YEAR = "BAKU, Nov. 20 (Meridian) -- The talks resumed on Monday in the capital."
DATELINE_YEAR = "PRAGUE, Czech Republic, Oct. 6, 2022 (Caspian Wire) - The president said the visit went well."
PLAIN = "The talks resumed on Monday in the capital, officials said."
CAPTION = "Ministers shake hands in Vienna, Austria, on May 4, 2019. (Meridian/Jane Roe)"


def meta(cleaned: Cleaned, **given: str) -> dict[str, Any]:
    found: dict[str, Any] = find_metadata(cleaned, given, MIN_CONF)
    return found


def test_given_date_beats_timestamp_line() -> None:
    cleaned = Cleaned(body=[DATELINE_YEAR], timestamps=["2018-05-05 10:00:00"], captions=[CAPTION])
    m = meta(cleaned, published="2017-01-02")
    assert (m["published"], m["published_precision"], m["published_source"]) == (
        "2017-01-02",
        "day",
        "given",
    )
    assert m["published_text"] == "2017-01-02"


def test_html_date_beats_timestamp_line() -> None:
    cleaned = Cleaned(body=[DATELINE_YEAR], timestamps=["2018-05-05 10:00:00"])
    m = meta(cleaned, html_date="2018-06-07")
    assert (m["published"], m["published_source"]) == ("2018-06-07", "html")


def test_given_date_that_cannot_be_parsed_falls_through() -> None:
    cleaned = Cleaned(body=[PLAIN], timestamps=["2018-05-05 10:00:00"])
    m = meta(cleaned, published="yesterday")
    assert (m["published"], m["published_source"]) == ("2018-05-05", "timestamp")


def test_timestamp_beats_dateline() -> None:
    cleaned = Cleaned(body=[DATELINE_YEAR], timestamps=["2018-05-05 10:00:00"], captions=[CAPTION])
    m = meta(cleaned)
    assert (m["published"], m["published_precision"], m["published_source"]) == (
        "2018-05-05",
        "day",
        "timestamp",
    )
    assert m["published_text"] == "2018-05-05 10:00:00"


def test_dateline_with_year_beats_caption() -> None:
    m = meta(Cleaned(body=[DATELINE_YEAR], captions=[CAPTION]))
    assert (m["published"], m["published_precision"], m["published_source"]) == (
        "2022-10-06",
        "day",
        "dateline",
    )
    assert m["published_text"] == "Oct. 6, 2022"


def test_caption_date_when_nothing_else() -> None:
    m = meta(Cleaned(body=[PLAIN], captions=[CAPTION]))
    assert (m["published"], m["published_precision"], m["published_source"]) == (
        "2019-05-04",
        "day",
        "caption",
    )
    assert m["published_text"] == "May 4, 2019"


def test_dateline_without_year_is_kept_as_text_only() -> None:
    m = meta(Cleaned(body=[DATELINE_NO_YEAR]))
    assert m.get("published") is None
    assert "published_precision" not in m
    assert m["published_text"] == "Nov. 20"
    assert m["published_source"] == "dateline"


def test_no_date_at_all() -> None:
    m = meta(Cleaned(body=[PLAIN]))
    assert "published" not in m
    assert "published_source" not in m
    assert "published_text" not in m


def test_dateline_place_is_title_cased() -> None:
    assert meta(Cleaned(body=[DATELINE_NO_YEAR]))["dateline"] == "Baku"
    assert meta(Cleaned(body=[PLAIN])).get("dateline") is None


# --- find_metadata: outlet -------------------------------------------------------------

# Every kind of outlet evidence, strongest first: (outlet_source, outlet).
OUTLETS = [
    ("given", "Given Gazette"),
    ("html", "Site Name Daily"),
    ("source_line", "Source Line Wire"),
    ("dateline", "Dateline Agency"),
    ("credit", "Credit Bureau"),
    ("photo_credit", "Photo Agency"),
    ("signoff", "SignoffSite.com"),
]


def outlet_evidence(kinds: set[str]) -> tuple[Cleaned, dict[str, str]]:
    given: dict[str, str] = {}
    if "given" in kinds:
        given["outlet"] = "Given Gazette"
    if "html" in kinds:
        given["sitename"] = "Site Name Daily"
    first = "BAKU, Nov. 20 (Dateline Agency) -- The talks resumed." if "dateline" in kinds else PLAIN
    cleaned = Cleaned(body=[first, "A second paragraph follows here."])
    for kind, outlet in OUTLETS:
        if kind in kinds and kind not in ("given", "html", "dateline"):
            cleaned.credits.append((kind, outlet))
    return cleaned, given


@pytest.mark.parametrize("strongest", range(len(OUTLETS)), ids=[k for k, _ in OUTLETS])
def test_outlet_precedence(strongest: int) -> None:
    kinds = {kind for kind, _ in OUTLETS[strongest:]}
    cleaned, given = outlet_evidence(kinds)
    m = find_metadata(cleaned, given, MIN_CONF)
    assert (m["outlet_source"], m["outlet"]) == OUTLETS[strongest]


def test_outlet_alone_from_each_kind() -> None:
    for kind, outlet in OUTLETS:
        cleaned, given = outlet_evidence({kind})
        m = find_metadata(cleaned, given, MIN_CONF)
        assert (m["outlet_source"], m["outlet"]) == (kind, outlet)


def test_first_credit_of_a_kind_wins() -> None:
    cleaned = Cleaned(body=[PLAIN], credits=[("photo_credit", "First Agency"), ("photo_credit", "Second Agency")])
    assert meta(cleaned)["outlet"] == "First Agency"


def test_no_outlet_evidence() -> None:
    m = meta(Cleaned(body=[PLAIN]))
    assert "outlet" not in m
    assert "outlet_source" not in m


def test_given_outlet_is_stripped() -> None:
    assert meta(Cleaned(body=[PLAIN]), outlet="  Black Sea Herald ")["outlet"] == "Black Sea Herald"


# --- language --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (FR, "fr"), (DE, "de")])
def test_language(text: str, lang: str) -> None:
    assert len(text.split()) >= 55
    m = meta(Cleaned(body=[text]))
    assert m["language"] == lang
    assert m["language_score"] >= 0.9


def test_language_uses_title_and_body() -> None:
    m = meta(Cleaned(title="Accord sur les frontières", body=[FR[:200]]))
    assert m["language"] == "fr"


def test_too_short_for_a_language() -> None:
    assert detect_language("Talks resume today", MIN_CONF) == ("und", 0.0)
    assert meta(Cleaned(body=["Talks resume today"]))["language"] == "und"


@pytest.mark.parametrize(("text", "lang"), [
    ("三国能源部长星期二在维也纳签署了一项协议。", "zh"),
    ("協定は来年一月に発効し、五年後に見直される。", "ja"),
])
def test_chinese_and_japanese_are_identified_not_und(text: str, lang: str) -> None:
    assert len(text.split()) == 1  # no spaces: counted by characters, not by spaces
    assert meta(Cleaned(body=[text]))["language"] == lang


def test_low_confidence_is_und() -> None:
    lang, score = detect_language(EN, min_confidence=1.01)
    assert lang == "und"
    assert score > 0.9


def test_short_english_with_african_names_is_english() -> None:
    # py3langid alone says Nigerian Pidgin ("pcm") here; the English pipeline must still read it.
    text = ("Former Nigerian President Olusegun Obasanjo on Sunday held separate talks with President Uhuru "
            "Kenyatta and opposition leader Raila Odinga in Nairobi.")
    assert meta(Cleaned(body=[text]))["language"] == "en"


@pytest.mark.parametrize("text", [
    "Kenyan President Kenyatta met Ugandan President Museveni in Kampala.",
    "Ugandan President Museveni held talks with Kenyan President Kenyatta in Kampala.",
    "Rwandan President Kagame hosted Ugandan President Museveni in Kigali.",
])
def test_short_english_made_of_names_is_analysed(text: str) -> None:
    # py3langid alone says Luganda ("lg", 0.55-0.89) for each: the words that are not names are English.
    assert meta(Cleaned(body=[text]))["language"] in ("en", "und")


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président tanzanien a rencontré Kagame à Kigali.", "fr"),
    ("Rais Magufuli alikutana na Kagame mjini Kigali jana.", "sw"),
])
def test_short_foreign_text_with_names_keeps_its_language(text: str, lang: str) -> None:
    assert meta(Cleaned(body=[text]))["language"] == lang


def test_language_model_from_the_cache_answers_as_py3langids_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    """The uncompressed copy kept in the cache gives py3langid's probabilities, for every language."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from newsledger.pipeline.ingest import meta

    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    meta._identifier.cache_clear()
    try:
        cached = meta._identifier()
        assert list(tmp_path.glob("langid-model-*.npz"))
    finally:
        meta._identifier.cache_clear()
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [p.read_text("utf-8")[:1500] for p in sorted((EXAMPLES / "txt").glob("*.txt"))]
    texts += ["Die Regierung in Berlin hat am Montag neue Sanktionen beschlossen.",
              "Le gouvernement a annoncé lundi un cessez-le-feu dans la région.", "Баку и Ереван подписали соглашение."]
    for text in texts:
        assert cached.classify(text) == own.classify(text)
        assert cached.rank(text)[:5] == own.rank(text)[:5]
