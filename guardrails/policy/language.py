"""A tiny language guess for choosing the policy message's language.

guardrails may not import knowledge (where the real detector lives), and the policy only needs
to pick among the few languages its messages are written in, on short chat messages. So: Arabic
script wins outright; otherwise count common function words per language. The caller's explicit
language (the page's language switch, or the conversation's language) always wins over this.
"""

from __future__ import annotations

import re

from guardrails.policy.normalise import fold_tokens

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F]")
_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(token for word in words.split() for token in fold_tokens(word))
    for lang, words in {
        "sv": "jag du vad hur när är och att det den min mitt mina kan vill har ett på med för som inte "
        "ni er man god får om till av mig dig hon han hen någon varför vem måste ska skulle också "
        "inga ingen mycket tack hej en",
        "en": "the i you my is are what how when do does can please want to and of with a me will did your "
        "who where have not someone why this that it be get am an for about from help hello",
        "fi": "minä sinä haluan minulla minua minun minulle puhua kanssa voinko voisiko jaksa enää mikä "
        "milloin pitää eikä ole joku soittaa rahaa ruokaa itseni tappaa kiitos onko miten ei en "
        "mieheni lyö",
    }.items()
}
# "en" is Swedish ("a") and Finnish ("not"): it counts half for Finnish. Finnish "ja" ("and") is
# left out because the normaliser reads it as informal Swedish "jag".
_WEIGHT_EXCEPTIONS = {("fi", "en"): 0.5}


def guess_language(tokens: list[str] | None, text: str, default: str = "sv") -> str:
    """Guess from folded `tokens` (computed from `text` when None) and the raw `text`."""
    if _ARABIC.search(text):
        return "ar"
    if tokens is None:
        tokens = fold_tokens(text)
    scores = {lang: 0.0 for lang in _WORDS}
    for token in tokens:
        for lang, words in _WORDS.items():
            if token in words:
                scores[lang] += _WEIGHT_EXCEPTIONS.get((lang, token), 1.0)
    if "å" in text.casefold():
        scores["sv"] += 1.0
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best
