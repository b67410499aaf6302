"""The whole value of a form field that holds a person ("Sökande: Helena Ahl Grön", "namn erik
johan andersson", "Huvudman = Bengt Ek").

Forms, e-mail headers and pasted records put one person on a labelled line. The name recognisers
may find only part of the value: a given name, and not a surname that is also a word ("Grön",
"Kron") or a lower-case middle name. When a found name lies inside the value of such a line and
the value is two to four words of letters and nothing else (no function word: "Huvudman Karl har
flyttat" is a sentence, not a field), the whole value is the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit

# labels of a person field (Swedish, English, and the office's other form languages), optionally in
# Markdown emphasis, with ":" or "=" or nothing before the value
_LABELS = (
    r"namn|fullständigt namn|förnamn och efternamn|name|full name|nombre|nom|name des|ime|nimi|"
    r"huvudman|sökande|god man|förvaltare|ställföreträdare|kontaktperson|anhörig|ombud|"
    r"kontohavare|account holder|applicant|patient|avsändare|mottagare|undertecknad|"
    r"ordförande|ordf\.|kassör|ledamot|sekreterare|handläggare"
)
_FIELD = re.compile(
    r"(?im)^[ \t\-*•|>]*[*_]{0,2}(?:" + _LABELS + r")[*_]{0,2}[ \t]*[:=]?[*_]{0,2}[ \t]*"
    r"(?P<value>[^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*){1,3})[ \t]*[.,;]?[ \t]*$"
)


def form_values(text: str, hits: list[Hit], stops: frozenset[str]) -> Iterator[Hit]:
    names = [h for h in hits if h.type == "NAMN"]
    if not names:
        return
    for m in _FIELD.finditer(text):
        s, e = m.span("value")
        inside = [h for h in names if s <= h.start and h.end <= e]
        if not inside or any(w.lower() in stops for w in m.group("value").split()):
            continue
        if (min(h.start for h in inside), max(h.end for h in inside)) == (s, e):
            continue  # already whole
        yield Hit("NAMN", s, e, max(h.score for h in inside))
