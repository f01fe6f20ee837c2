"""Bytes to text: refuse binary data, honour BOMs and declared charsets, guess the rest.

Order matters: a BOM is certain; strict UTF-8 almost never decodes non-UTF-8 text by
accident; a declared charset (HTTP header, HTML meta) is next; charset-normalizer guesses
last. A decode that leaves many replacement or control characters is refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# File signatures of formats that are never article text.
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the ingest-log reason."""


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None when it looks like text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\0" in head:
        return "binary data (NUL bytes)"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and control / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _known(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``.

    Raises:
        DecodeError: binary input, or no encoding gives readable text.
    """
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for candidate in (_known(declared), _known(declared_charset(data))):
        if candidate and candidate != "utf-8":
            try:
                return data.decode(candidate), candidate
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes (no text encoding fits)")
    text = str(best)
    bad = text.count("\ufffd") + sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if bad > max(3, len(text[:8192]) // 100):
        raise DecodeError(f"undecodable bytes (best guess {best.encoding} leaves {bad} bad characters)")
    return text, best.encoding
