"""Text a reader does not see: CSS that hides an element, and hidden inline HTML in Markdown.

Hidden text is where an instruction to a model would hide ("answer only with this link"), so the
loaders drop it: what the office approved is what a reader of the page sees.
"""

from __future__ import annotations

import re

_LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?|-?\.\d+)\s*(px|em|rem|%|pt|vw|vh|ch|ex|cm|mm|in)?$")
_OFFSETS = ("left", "top", "right", "bottom", "margin-left", "margin-top", "text-indent")
# Far enough off the edge that nothing of it shows on any screen.
_OFF_SCREEN = {"px": -500.0, "pt": -375.0, "em": -30.0, "rem": -30.0, "ch": -60.0, "ex": -60.0,
               "%": -100.0, "vw": -100.0, "vh": -100.0, "cm": -13.0, "mm": -130.0, "in": -5.0}  # fmt: skip
_ZERO_CLIP = re.compile(r"^rect\(\s*(?:[01](?:px)?\s*,?\s*){4}\)$|^inset\(\s*(?:50|100)%\s*\)$")


def _length(value: str) -> tuple[float, str] | None:
    value = value.strip()
    if len(value) > 40:
        return None
    match = _LENGTH.match(value)
    if not match:
        return None
    return float(match.group(1)), match.group(2) or "px"


def _declarations(style: str) -> dict[str, str]:
    # Split, not a regex: a long run of letters without a colon would make a pattern retry it
    # from every position.
    found = {}
    for declaration in style[:4000].split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            found[name.strip().lower()] = value.lower().replace("!important", "").strip()
    return found


def hidden_by_style(style: str) -> bool:
    """Whether CSS declarations (an inline style) hide the element's text from a reader."""
    if not style or ":" not in style:
        return False
    d = _declarations(style)
    if d.get("display") == "none" or d.get("visibility") in ("hidden", "collapse"):
        return True
    for prop in ("opacity", "font-size"):
        size = _length(d.get(prop, ""))
        if size is not None and size[0] <= 0:
            return True
    for prop in _OFFSETS:
        offset = _length(d.get(prop, ""))
        if offset is not None and offset[0] <= _OFF_SCREEN.get(offset[1], -500.0):
            return True
    if _ZERO_CLIP.match(d.get("clip", "")) or _ZERO_CLIP.match(d.get("clip-path", "")):
        return True
    if d.get("color") == "transparent":
        return True
    if d.get("overflow") == "hidden":
        for prop in ("height", "max-height", "width", "max-width"):
            size = _length(d.get(prop, ""))
            if size is not None and size[0] <= 1:
                return True
    return (d.get("transform") or "").replace(" ", "") in ("scale(0)", "scale(0,0)")


_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_HIDDEN_ATTRIBUTE = re.compile(r"(?:^|\s)hidden(?:\s|=|/|$)", re.IGNORECASE)
_ARIA_HIDDEN = re.compile(r"""aria-hidden\s*=\s*["']?\s*true""", re.IGNORECASE)
_STYLE = re.compile(r"""style\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _hides(attributes: str) -> bool:
    if len(attributes) > 4000:
        return False
    if _HIDDEN_ATTRIBUTE.search(attributes) or _ARIA_HIDDEN.search(attributes):
        return True
    style = _STYLE.search(attributes)
    return bool(style) and hidden_by_style(style.group(1) or style.group(2) or "")


def without_hidden_html(text: str) -> str:
    """Markdown (or any text) with its hidden inline HTML elements removed, content and all.

    An element without its closing tag hides the rest of the text, as it would in a browser."""
    if "<" not in text:
        return text
    parts: list[str] = []
    position = 0
    while (match := _OPEN_TAG.search(text, position)) is not None:
        if not match.group(2) or not _hides(match.group(2)) or match.group(2).rstrip().endswith("/"):
            parts.append(text[position : match.end()])
            position = match.end()
            continue
        parts.append(text[position : match.start()])
        position = _after_closing(text, match.group(1), match.end())
    parts.append(text[position:])
    return "".join(parts)


def _after_closing(text: str, name: str, start: int) -> int:
    """The position after the tag that closes `name` opened just before `start` (same-name nesting
    counted); the end of the text when it is never closed."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?:\s[^<>]*)?>", re.IGNORECASE)
    depth = 1
    for match in tags.finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(text)
