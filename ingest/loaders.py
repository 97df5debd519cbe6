"""File loaders of the ingest step: one file in, cleaned text per page out.

``load_document(path, max_bytes)`` reads a PDF, Word (.docx), plain-text, Markdown or HTML file and returns a
``LoadedDocument`` whose ``Page.text`` follows one convention (the chunker relies on it):

* blocks (heading, paragraph, one bullet item) are separated by one blank line, with no newline inside;
* Markdown/HTML headings start with ``"# "``; plain-text and PDF headings stay short lines of their own;
* bullet items start with ``"- "``; numbered items keep their ``"1. "``.

Every problem with the file itself raises ``LoadError`` with a one-line message meant for the user.
PDF specifics, and the reconstruction of paragraphs from line-broken text (PDF and .txt), live in
``ingest/pdf.py`` (tables: ``ingest/tables.py``, scanned pages: ``ingest/ocr.py``); Word files in ``ingest/word.py``.
"""

from __future__ import annotations

import codecs
import re
import stat
import unicodedata
from pathlib import Path

from ingest.document import (  # noqa: F401 - the loaders' shared types, used through this module too
    MB, LoadedDocument, LoadError, Page, is_item, join_blocks, normalize, to_bullet,
)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"})
def load_document(path: Path, max_bytes: int, data: bytes | None = None) -> LoadedDocument:
    """Load one file; raises LoadError with a user-facing message when the file cannot be used.

    ``data``: the file's bytes when the caller has already read them with :func:`read_bytes`."""
    from ingest import pdf

    path = Path(path)
    if data is None:
        data = read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf.load_pdf(path, data)
    if suffix == ".docx":
        from ingest import word

        return word.load_docx(path, data, max_bytes)
    text = normalize(decode_text(data, path.name))
    if suffix in (".md", ".markdown"):
        return _unpaged(path, "markdown", *markdown_blocks(text))
    if suffix in (".html", ".htm"):
        return _unpaged(path, "html", *html_blocks(text))
    blocks = pdf.reflow(text.split("\n"))
    title = blocks[0] if blocks and pdf.is_heading_like(blocks[0]) else None
    return _unpaged(path, "text", blocks, title)


def _unpaged(path: Path, fmt: str, blocks: list[str], title: str | None) -> LoadedDocument:
    text = join_blocks(blocks)
    if not text:
        raise LoadError(code="load_no_text", name=path.name)
    return LoadedDocument(path=path, format=fmt, pages=[Page(None, None, text)], title=title, date=None)


# --- reading and decoding ---------------------------------------------------------------------


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file the loaders can take: it exists, is regular, supported, within the size limit and
    not empty; else a LoadError saying which."""
    name = path.name or str(path)
    try:
        info = path.stat()
    except OSError as e:
        raise LoadError(code="load_unreadable", name=name, reason=_reason(e)) from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(code="load_unreadable", name=name, reason="it is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(code="load_unreadable", name=name, reason="not a regular file")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise LoadError(code="load_doc", name=name)
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{suffix}'" if suffix else "without extension"
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(code="load_type", name=name, kind=kind, supported=supported)
    _check_size(name, info.st_size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(code="load_unreadable", name=name, reason=_reason(e)) from None
    _check_size(name, len(data), max_bytes)
    if not data.strip():
        raise LoadError(code="load_empty", name=name)
    return data


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise LoadError(code="load_too_large", name=name, size=size / MB, limit=max_bytes / MB)


def _reason(e: OSError) -> str:
    reason = e.strerror or type(e).__name__
    return reason[:1].lower() + reason[1:]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (BOM handled), UTF-16 with BOM, else Windows-1252 (older Dutch documents); refuses binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise LoadError(code="load_binary", name=name)
    else:
        text = _decode_8bit(data.removeprefix(codecs.BOM_UTF8))
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    if controls > 0.05 * len(text):
        raise LoadError(code="load_binary", name=name)
    if not text.strip():
        raise LoadError(code="load_empty", name=name)
    return text


def _decode_8bit(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")  # never fails; the five bytes cp1252 leaves undefined become controls


# --- normalisation ------------------------------------------------------------------------------

# --- Markdown -----------------------------------------------------------------------------------------


def markdown_blocks(text: str) -> tuple[list[str], str | None]:
    """Headings to "# ", list items to "- "/"1. ", emphasis and link syntax stripped, images dropped."""
    from markdown_it import MarkdownIt  # markdown-it-py, installed with rich

    title, text = _front_matter_title(text)
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks: list[str] = []
    lists: list[int | None] = []  # per open list: next number, or None for a bullet list
    prefix, row = "", None
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(int(tok.attrs.get("start", 1)) if tok.type == "ordered_list_open" else None)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            prefix = "- " if lists[-1] is None else f"{lists[-1]}. "
            lists[-1] = None if lists[-1] is None else lists[-1] + 1
        elif tok.type == "heading_open":
            prefix = "# "
        elif tok.type in ("tr_open", "tr_close"):
            if row:
                blocks.append(" | ".join(row))
            row = [] if tok.type == "tr_open" else None
        elif tok.type == "inline" and row is not None:
            row.append(_md_inline(tok.children or []))
        elif tok.type == "html_block":
            blocks.extend(html_blocks(tok.content)[0])
        elif tok.type in ("inline", "fence", "code_block"):
            text = _md_inline(tok.children or []) if tok.type == "inline" else " ".join(tok.content.split())
            blocks.append(prefix + text)  # code is kept as plain text, on one line
            prefix = ""
    headings = [b[2:] for b in blocks if b.startswith("# ")]
    return blocks, title or (headings[0] if headings else None)


def _md_inline(children) -> str:
    """Text of an inline run; images, raw HTML and the emphasis/link markers are dropped."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type in ("image", "html_inline"):
            parts.append("\0")  # where something was dropped: no space before punctuation there
    text = re.sub(r"\s*\0+\s*(?=[.,;:!?)])|\0", "", "".join(parts))
    return " ".join(text.split())


def _front_matter_title(text: str) -> tuple[str | None, str]:
    match = re.match(r"---\n(.*?)\n(?:---|\.\.\.)\n", text, re.S)
    if not match:
        return None, text
    title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", match.group(1), re.M)
    return (title.group(1) if title else None), text[match.end() :]


# --- HTML ---------------------------------------------------------------------------------------------

_DROP = ["script", "style", "nav", "footer", "noscript", "template", "svg", "head"]
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "table", "dl", "dt",
           "dd", "figure", "figcaption", "address", "form", "fieldset", "details", "summary", "hr", "body", "html"}


def _soup(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def html_blocks(text: str) -> tuple[list[str], str | None]:
    """h1-h6 to "# ", li to "- " (ol: "1. "), p/div and other block elements to blocks; chrome dropped."""
    soup = _soup(text)
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    walker = _HtmlWalker()
    walker.walk(soup)
    walker.flush()
    headings = [b[2:] for b in walker.blocks if b.startswith("# ")]
    return walker.blocks, title or (headings[0] if headings else None)


class _HtmlWalker:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.blocks.append(self.prefix + text)
            self.prefix = ""

    def walk(self, node) -> None:
        from bs4 import CData, NavigableString, Tag

        for child in node.children:
            if type(child) in (NavigableString, CData):
                self.buffer.append(str(child))
            elif not isinstance(child, Tag):
                continue  # comments, doctype, processing instructions
            elif child.name in _HEADINGS:
                self.flush()
                self.prefix = "# "
                self.buffer.append(child.get_text(" "))
                self.flush()
            elif child.name in ("ul", "ol"):
                self.flush()
                self._list(child)
            elif child.name == "tr":
                self.flush()
                cells = (" ".join(c.get_text(" ").split()) for c in child.find_all(["td", "th"]))
                self.blocks.append(" | ".join(c for c in cells if c))
            elif child.name == "br":
                self.buffer.append(" ")
            elif child.name in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def _list(self, node) -> None:
        number = int(node.get("start", 1)) if node.name == "ol" and str(node.get("start", "1")).isdigit() else 1
        for child in node.children:
            if getattr(child, "name", None) == "li":
                self.flush()
                self.prefix = f"{number}. " if node.name == "ol" else "- "
                number += 1
                self.walk(child)
                self.flush()
            elif getattr(child, "name", None):
                self.walk(child)
