"""Strict decoding of text files: UTF-8 only, and binary content refused instead of garbled."""

from __future__ import annotations

import re

from knowledge.loaders.parsed import BrokenFile

# C0 control characters other than tab, newline, carriage return and form feed never occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.001


def decode_utf8(data: bytes) -> str:
    """`data` as UTF-8 text (a BOM is dropped); BrokenFile for binary content or other encodings."""
    if b"\x00" in data[:65536]:
        raise BrokenFile("binärt innehåll, inte text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BrokenFile(
            f"ogiltig UTF-8 (byte 0x{data[exc.start]:02x} vid position {exc.start}); spara filen som UTF-8"
        ) from None
    controls = len(_CONTROL.findall(text[:65536]))
    if controls and controls > _MAX_CONTROL_SHARE * min(len(text), 65536):
        raise BrokenFile("binärt innehåll, inte text (styrtecken)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
