"""Text without diacritics: "Årsräkning" -> "Arsrakning", "é" -> "e".

People often type without å, ä and ö (a phone, a foreign keyboard), so text is compared with its
diacritics dropped on both sides wherever a missing ring or dot must not cost a match. Letters that
are letters of their own rather than a letter with a mark (ø, æ, ß, ł) are left as they are.
"""

from __future__ import annotations

import unicodedata


def fold_diacritics(text: str) -> str:
    """`text` with its combining marks dropped; case is kept.

    Compatibility forms are unified on the way (NFKD): a no-break space becomes a space and a
    full-width digit a digit, so "1 176 kr" typed with either space reads the same.
    """
    if text.isascii():  # the common case, and NFKD leaves ASCII as it is
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_MARKED = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]"}


def typed_without_marks(pattern: str) -> str:
    """A regex source whose literal å, ä and ö also match a, a and o ("god man for", "forvaltare"),
    for cue patterns: a cue typed on a keyboard without them says the same. Characters inside a
    bracketed class ("[\\wåäö]") are left alone, as are escaped ones."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        else:
            out.append(_MARKED.get(ch, ch))
    return "".join(out)


def marked_words(pattern: str) -> str:
    """The source `typed_without_marks` was given (its word lists read back)."""
    return pattern.replace("[åa]", "å").replace("[äa]", "ä").replace("[öo]", "ö")
