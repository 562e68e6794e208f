"""Turning a file's bytes into text: byte-order marks, UTF-8, then a guessed encoding.

Corpora come from many tools. A file saved by Windows Notepad as "Unicode" is UTF-16 with
a byte-order mark, full of NUL bytes, and was refused as binary; a Latin-1 or cp1252 file
loaded with U+FFFD where every accented letter was. So a BOM decides the encoding (its
character is kept as U+FEFF at offset 0, as it always was for UTF-8, so offsets into a
UTF-8 file do not move), NUL bytes without a UTF-16/32 BOM still mean binary, valid UTF-8
is UTF-8, and anything else is decoded with charset-normalizer's guess, which the caller
reports as a problem so the user knows the text was guessed (ARCHITECTURE.md §2.5).
Offsets index the decoded text (ARCHITECTURE.md §6).
"""

from __future__ import annotations

import codecs

# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SHOWN = {"utf-32-le": "UTF-32-LE", "utf-32-be": "UTF-32-BE", "utf-16-le": "UTF-16-LE", "utf-16-be": "UTF-16-BE"}

BINARY = "binary file (contains NUL bytes)"


def bom_encoding(data: bytes) -> str | None:
    """The codec named by the byte-order mark ``data`` starts with, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_article_bytes(data: bytes) -> tuple[str | None, str | None]:
    """(text, problem): text None when the file is binary and must be skipped; problem
    set, with text, when the text is not plain UTF-8 (a BOM-marked UTF-16/32 file, a
    guessed encoding, or bytes shown as U+FFFD)."""
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            # The whole data, mark included: it decodes to U+FEFF at offset 0.
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            text = data.decode(encoding, errors="replace")
            shown = _SHOWN.get(encoding, "UTF-8")
            return text, f"not valid {shown} (first bad byte at {exc.start}); undecodable bytes shown as \ufffd"
        if encoding == "utf-8":
            return text, None
        return text, f"decoded as {_SHOWN[encoding]} (byte-order mark; not UTF-8)"
    if b"\0" in data:
        return None, BINARY
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    guessed = _guess(data)
    if guessed is not None:
        name, text = guessed
        return text, f"decoded as {name} (not UTF-8; encoding guessed)"
    text = data.decode("utf-8", errors="replace")
    return text, f"not valid UTF-8 (first bad byte at {first_bad}); undecodable bytes shown as \ufffd"


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best encoding for ``data`` and the text, or None.

    On a short text several code pages decode to equally clean text, and its pick among
    them is arbitrary: "Café in München" in Latin-1 came out as cp775 ("Cafķ in M³nchen").
    So when cp1252 (Windows' Western European page, a superset of Latin-1's printable
    characters and the likeliest source of a non-UTF-8 news file) reads the bytes as
    cleanly as the best guess, it is chosen; Cyrillic, Greek or Central European text,
    which cp1252 reads as noise, keeps the guess (checked on samples of each).

    Imported here, not at the top: only a file that is not UTF-8 pays for it, and
    ``reader list`` on a UTF-8 corpus starts as fast as before.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    if any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos for m in matches):
        encoding = "cp1252"
    try:
        return encoding, data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
