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
