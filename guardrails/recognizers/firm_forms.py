"""A capitalised word right before a company's legal form is the company's name, no person's.

"Solberga Bygg AB", "Müller GmbH", "Nordic Ltd", "Andersson & Söner HB": the legal form (Swedish AB,
HB, KB, Ek. för.; Nordic AS, ASA, ApS, Oy, Oyj, hf; German GmbH, AG, KG, e.K.; English Ltd, Inc,
LLC, plc; Romance SA, SL, SRL, SpA, SARL, SAS; Dutch BV, NV; Polish sp. z o.o.) says the name is a
firm's, even when the word is also a surname. One precompiled match of the characters after a name.
"""

from __future__ import annotations

import re

_FORMS = (
    r"[ \t]+(?:AB|HB|KB|Aktiebolag|Handelsbolag|Ek\.[ \t]?för\.?|AS|ASA|ApS|A/S|Oy|Oyj|hf|ehf|GmbH|AG|KG|"
    r"e\.[ \t]?K\.|Ltd|Limited|Inc|LLC|plc|PLC|SA|S\.A\.|SL|S\.L\.|SRL|S\.r\.l\.|SpA|"
    r"S\.p\.A\.|SARL|SAS|BV|B\.V\.|"
    r"NV|N\.V\.|sp\.[ \t]?z[ \t]?o\.[ \t]?o\.)"
)
_FORM = re.compile(_FORMS + r"(?![\w-])")
_ENDS_IN_FORM = re.compile(_FORMS + r"$")


def before_firm_form(text: str, start: int, end: int) -> bool:
    """The name at [start, end) is followed by a company's legal form, or its last word is one."""
    return _FORM.match(text, end) is not None or _ENDS_IN_FORM.search(text, start, end) is not None
