"""E-mail addresses, including the common obfuscations ("anna(at)exempel.se").

A plain regex with a letters-only top-level domain: no tldextract, so nothing ever fetches a
public-suffix list at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, SwedishRecognizer

EPOST = "EPOST"

_LOCAL = r"[A-Za-z0-9ÅÄÖåäöÉéÜü._%+'-]*[A-Za-z0-9ÅÄÖåäöÉéÜü_%+-]"
_DOMAIN = r"(?:[A-Za-z0-9ÅÄÖåäö](?:[A-Za-z0-9ÅÄÖåäö-]*[A-Za-z0-9ÅÄÖåäö])?\.)+[A-Za-z]{2,24}"
_EMAIL = re.compile(r"(?<![\w.+-])" + _LOCAL + r"\s?@\s?" + _DOMAIN + r"(?![\w-])")
_OBFUSCATED = re.compile(
    r"(?<![\w.+-])" + _LOCAL + r"\s?(?:\(at\)|\[at\]|\{at\}| at | snabel-a )\s?"
    r"(?:[A-Za-z0-9ÅÄÖåäö-]+(?:\.| dot | punkt |\(dot\)|\[dot\]))+[A-Za-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)


class EpostRecognizer(SwedishRecognizer):
    ENTITIES = (EPOST,)

    def find(self, text: str) -> Iterator[Hit]:
        if "@" in text:
            for m in _EMAIL.finditer(text):
                yield Hit(EPOST, m.start(), m.end(), 0.95)
        lowered = text.lower()
        if "at" in lowered or "snabel" in lowered:
            for m in _OBFUSCATED.finditer(text):
                if "@" not in m.group(0):
                    yield Hit(EPOST, m.start(), m.end(), 0.7)
