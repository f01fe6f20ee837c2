"""Bytes to text: BOMs, declared charsets, guessing, and refusing binary data."""

from __future__ import annotations

import gzip
import random

import pytest

from newsledger.pipeline.ingest.decode import DecodeError, binary_kind, declared_charset, decode

TEXT = "“We will not sign,” the minister said — it’s the end of the talks in Zürich."


def test_utf8() -> None:
    text, encoding = decode(TEXT.encode("utf-8"))
    assert text == TEXT
    assert encoding == "utf-8"


def test_utf8_with_bom_drops_the_bom() -> None:
    text, encoding = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert text == TEXT
    assert encoding == "utf-8-sig"
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    data = bom + TEXT.encode(codec)
    assert b"\0" in data  # UTF-16 is full of NUL bytes, yet it is text
    text, encoding = decode(data)
    assert text.lstrip("\ufeff") == TEXT
    assert encoding == "utf-16"


CP1252_PAGE = (
    '<html><head><meta charset="windows-1252"><title>Talks</title></head>'
    "<body><p>“We will not sign,” the minister said. It’s over – for now.</p></body></html>"
)


def test_cp1252_declared_in_meta() -> None:
    data = CP1252_PAGE.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    assert declared_charset(data) == "windows-1252"
    text, encoding = decode(data)
    assert text == CP1252_PAGE
    assert encoding == "cp1252"


def test_cp1252_declared_by_container() -> None:
    plain = "“Agreed,” he said. It’s done — finally."
    text, encoding = decode(plain.encode("cp1252"), declared="windows-1252")
    assert text == plain
    assert encoding == "cp1252"


def test_unknown_declared_charset_is_ignored() -> None:
    text, _ = decode(TEXT.encode("utf-8"), declared="no-such-charset")
    assert text == TEXT


def test_utf8_wins_over_a_wrong_declaration() -> None:
    data = ('<meta charset="iso-8859-1">' + TEXT).encode("utf-8")
    text, encoding = decode(data, declared="iso-8859-1")
    assert encoding == "utf-8"
    assert TEXT in text


def test_latin1_without_declaration_is_guessed() -> None:
    plain = (
        "Le président de la République a déclaré mercredi que la réunion des ministres "
        "était très importante pour l'économie de la région. Les négociations reprendront "
        "à Genève après les fêtes, selon un communiqué publié par le ministère."
    )
    text, _encoding = decode(plain.encode("latin-1"))
    assert "président" in text
    assert "négociations" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        gzip.compress(b"hello world " * 20),
        b"Talks resumed\x00 on Monday \x00 in Vienna.",
    ],
    ids=["png", "pdf", "gzip", "nul-bytes"],
)
def test_binary_is_refused(data: bytes) -> None:
    assert binary_kind(data) is not None
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_control_bytes_are_refused() -> None:
    data = bytes(range(1, 32)) * 50 + b"some text"
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_plain_text_is_not_binary() -> None:
    assert binary_kind(b"Line one.\r\nLine two.\tTabbed.\x0cNew page.") is None


def test_random_bytes_are_refused() -> None:
    data = random.Random(0).randbytes(4000)
    with pytest.raises(DecodeError):
        decode(data)


def test_random_bytes_without_nul_or_controls_are_refused() -> None:
    """High bytes only: no magic, no NUL, no control characters, not UTF-8."""
    rng = random.Random(0)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    assert binary_kind(data) is None
    with pytest.raises(DecodeError):
        decode(data)
