"""Web pages: the main content without navigation, cookie banners, headers, footers and scripts.

Headings h1–h4 become section headings, list items become "- item" lines, table rows become
"cell | cell" lines. Approval metadata comes from <meta name="..."> and <link rel="canonical">.

Text a reader of the page does not see never reaches the index: elements hidden by attribute
(`hidden`, `aria-hidden`), by inline style (display:none, visibility:hidden, off-screen offsets,
zero size or opacity, clipping, transparent text) or by a simple rule in the page's own <style>
(`.class`, `#id`, `tag` selectors). Hidden text is where an injected instruction would hide.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from bs4.element import CData, Declaration, ProcessingInstruction

from knowledge.loaders.hidden import hidden_by_style
from knowledge.loaders.parsed import BrokenFile, ParsedFile
from knowledge.loaders.sections import SectionBuilder, clean_inline

META_NAMES = frozenset(
    {
        "doc-id",
        "approved",
        "approved-by",
        "valid-from",
        "valid-until",
        "language",
        "version",
        "audience",
        "title",
    }
)
# fmt: off
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav",
    "aside", "form", "button", "select", "input", "textarea", "dialog", "menu", "head", "link", "meta",
)
# fmt: on
_DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "dialog",
    "alertdialog",
    "menu",
}
_BOILERPLATE = re.compile(
    r"cookie|consent|banner|gdpr|breadcrumb|brödsmul|skip-?link|skip-?to", re.IGNORECASE
)
_SKIP_LINK_TEXT = re.compile(r"^(hoppa|gå direkt|skip)( till| to)?\b", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
# fmt: off
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "address", "figure", "figcaption",
    "dl", "dt", "dd", "details", "summary", "h5", "h6", "hr", "center", "fieldset", "header", "footer",
    "table", "thead", "tbody", "tfoot", "caption", "ul", "ol",
})
# fmt: on
_KEEP_ALWAYS = frozenset({"html", "body", "main", "article"})
_SKIP_STRINGS = (Comment, Doctype, Declaration, CData, ProcessingInstruction)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


# Real pages nest a few dozen levels; thousands of levels is an attack on the parser and walkers.
MAX_NESTING = 400
# Greedy up to the next ">" and never past it; the scan stops at the last ">" of the page, so an
# opening "<a" without any ">" after it is never retried from every position (quadratic).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
# Void elements and those browsers close implicitly: counting them would overstate depth.
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
    ]
)


def _check_nesting(text: str) -> None:
    depth = 0
    for match in _TAG.finditer(text, 0, text.rfind(">") + 1):
        closing, name, rest = match.groups()
        if rest.endswith("/") or name.lower() in _NOT_NESTING:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_NESTING:
            raise BrokenFile(f"HTML-strukturen är för djupt nästlad (mer än {MAX_NESTING} nivåer)")


def load_html(data: bytes, path: Path) -> ParsedFile:
    text = _decode(data)
    _check_nesting(text)
    soup = BeautifulSoup(text, "lxml")
    fields = _meta_fields(soup)
    page_title = clean_inline(soup.title.get_text(" ")) if soup.title else ""
    _strip_hidden_by_stylesheet(soup)
    _strip_boilerplate(soup)
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body or soup
    builder = SectionBuilder()
    _Walker(builder).walk(root)
    sections = builder.build()
    return ParsedFile(sections=sections, fields=fields, title_hint=builder.first_heading or page_title)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise BrokenFile("binärt innehåll, inte HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096])
        if declared:
            encoding = declared.group(1).decode("ascii").lower()
            if encoding not in ("utf-8", "utf8"):
                try:
                    return data.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    pass
        raise BrokenFile(
            f"ogiltig teckenkodning (byte 0x{data[exc.start]:02x} vid position {exc.start} är inte UTF-8)"
        ) from None


def _meta_fields(soup: BeautifulSoup) -> dict[str, str]:
    fields: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if name in META_NAMES and content is not None and name not in fields:
            fields[name] = str(content).strip()
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels) and link.get("href"):
            fields.setdefault("source_url", str(link["href"]).strip())
            break
    return fields


def _in_content(tag: Tag) -> bool:
    return any(parent.name in ("main", "article") for parent in tag.parents)


def _strip_boilerplate(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        # A site header/footer goes; an article's own header (with its h1) stays, its footer goes.
        if tag.name == "footer" or not _in_content(tag):
            tag.decompose()
    for tag in soup.find_all(True):
        # Not `tag.decomposed`: bs4 resolves it through a descendant search (quadratic on deep trees).
        if tag.__dict__.get("_decomposed") or tag.name in _KEEP_ALWAYS or tag.attrs is None:
            continue
        role = str(tag.get("role") or "").lower()
        marks = " ".join(
            [" ".join(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("aria-label") or "")]
        )
        hidden = (
            tag.has_attr("hidden")
            or str(tag.get("aria-hidden") or "").strip().lower() == "true"
            or hidden_by_style(str(tag.get("style") or ""))
        )
        skip_link = (
            tag.name == "a"
            and str(tag.get("href") or "").startswith("#")
            and bool(_SKIP_LINK_TEXT.match(tag.get_text(" ", strip=True)))
        )
        if role in _DROP_ROLES or _BOILERPLATE.search(marks) or hidden or skip_link:
            tag.decompose()


# -- hidden text ----------------------------------------------------------------------------------
_SIMPLE_SELECTOR = re.compile(r"^[a-zA-Z0-9]*(?:[.#][a-zA-Z_][\w-]*)*$")


def _without_comments(css: str) -> str:
    parts = []
    position = 0
    while (start := css.find("/*", position)) != -1:
        parts.append(css[position:start])
        end = css.find("*/", start + 2)
        if end == -1:
            return "".join(parts)
        position = end + 2
    parts.append(css[position:])
    return "".join(parts)


def _strip_hidden_by_stylesheet(soup: BeautifulSoup) -> None:
    """Remove elements a simple rule of the page's own <style> hides (.class, #id, tag, tag.class)."""
    selectors: list[str] = []
    for style in soup.find_all("style"):
        css = _without_comments(style.get_text(" ")[:200_000])
        for rule in css.split("}"):
            head, brace, body = rule.rpartition("{")
            if not brace or not hidden_by_style(body):
                continue
            for selector in head.rsplit("{", 1)[-1].split(","):
                selector = selector.strip()
                if selector and _SIMPLE_SELECTOR.match(selector) and selector not in ("html", "body"):
                    selectors.append(selector)
    for selector in dict.fromkeys(selectors):
        try:
            found = soup.select(selector)
        except Exception:  # soupsieve refuses a selector it cannot parse: nothing to remove
            continue
        for tag in found:
            if not tag.__dict__.get("_decomposed"):
                tag.decompose()


_META_TAG = re.compile(r"<(meta|link)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def prescan_fields(data: bytes) -> dict[str, str]:
    """The metadata fields of a page's <meta> tags and canonical link, by a linear scan of the text,
    without parsing the page: enough to see whether it is approved before the real parse."""
    try:
        text = data.decode("utf-8-sig", errors="replace")
    except Exception:
        return {}
    fields: dict[str, str] = {}
    for match in _META_TAG.finditer(text, 0, text.rfind(">") + 1):
        if len(match.group(2)) > 2000:  # no real meta tag is this long
            continue
        attributes = {
            a.group(1).lower(): html.unescape(next(v for v in a.groups()[1:] if v is not None))
            for a in _ATTRIBUTE.finditer(match.group(2))
        }
        if match.group(1).lower() == "meta":
            name = attributes.get("name", "").strip().lower()
            if name in META_NAMES and "content" in attributes and name not in fields:
                fields[name] = attributes["content"].strip()
        elif "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            fields.setdefault("source_url", attributes["href"].strip())
    return fields


class _Walker:
    def __init__(self, builder: SectionBuilder) -> None:
        self.builder = builder
        self.buffer: list[str] = []

    def walk(self, node: Tag) -> None:
        self._children(node)
        self._flush()

    def _children(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, _SKIP_STRINGS):
                continue
            if isinstance(child, NavigableString):
                # Line breaks in the page source are layout, not text; only <br> breaks a line.
                self.buffer.append(str(child).replace("\n", " "))
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag: Tag) -> None:
        name = tag.name
        if name in _HEADINGS:
            self._flush()
            self.builder.heading(_HEADINGS[name], tag.get_text(" "))
        elif name == "li":
            self._item(tag)
        elif name == "table":
            self._table(tag)
        elif name == "tr":
            self._flush()
            cells = [clean_inline(cell.get_text(" ")) for cell in tag.find_all(["td", "th"], recursive=False)]
            self.builder.table([cells])
        elif name == "br":
            self.buffer.append("\n")
        elif name in _BLOCKS:
            self._flush()
            self._children(tag)
            self._flush()
            if name in ("ul", "ol"):
                self.builder.end_list()
        else:
            self._children(tag)

    def _table(self, table: Tag) -> None:
        """A table as rows that carry their column headers: the <thead> row, or a first row of <th>."""
        self._flush()
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            self.builder.paragraph(caption.get_text(" "))
        rows: list[list[str]] = []
        header: list[str] | None = None
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue  # a table inside a cell is part of that cell's text
            cells = tr.find_all(["td", "th"], recursive=False)
            texts = [clean_inline(cell.get_text(" ")) for cell in cells]
            if not any(texts):
                continue
            in_head = tr.find_parent("thead") is not None
            if header is None and not rows and (in_head or all(c.name == "th" for c in cells)):
                header = texts
                continue
            rows.append(texts)
        self.builder.table(rows, header)

    def _item(self, tag: Tag) -> None:
        self._flush()
        text: list[str] = []
        nested: list[Tag] = []
        for child in tag.children:
            if isinstance(child, Tag) and child.name in ("ul", "ol"):
                nested.append(child)
            elif isinstance(child, Tag) and (child.name in _BLOCKS or child.name == "br"):
                text.append(f" {child.get_text(' ')} ")
            elif isinstance(child, Tag):
                # Inline markup is part of the running text: "<a>x@y.example</a>." is "x@y.example."
                # (a space before the full stop made an e-mail recogniser read on into the next word).
                text.append(child.get_text())
            elif isinstance(child, NavigableString) and not isinstance(child, _SKIP_STRINGS):
                text.append(str(child))
        self.builder.list_item("".join(text))
        for sublist in nested:
            self._children(sublist)

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if text.strip():
            self.builder.paragraph(text)
