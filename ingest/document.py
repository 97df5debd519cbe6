"""What every loader makes and shares: pages of cleaned text, the loaded document, the load error, and the
small text functions they all use. Below ``ingest.loaders`` (which picks a loader), ``ingest.pdf`` and
``ingest.word``, so none of them imports another in a circle."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from assistant import messages

MB = 1024 * 1024  # callers pass max_bytes = int(settings.max_file_mb * MB)
_FINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")


def ends_sentence(line: str) -> bool:
    """A line that ends with a sentence's final stop (a quote or bracket may follow it)."""
    return bool(_FINAL.search(line))


class LoadError(Exception):
    """Message is shown to the user as is, in the ingest summary: clear, specific, one line, no traceback.
    ``code`` (of ``assistant.messages``) and its parameters give the chat the text in the user's language; without a
    message of its own, the message is that code's English text (as for ``assistant.errors.UserError``)."""

    def __init__(self, message: str = "", *, code: str | None = None, **params) -> None:
        if code is not None and not message:
            message = messages.text(code, "en", hint=True, **params)
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class Page:
    number: int | None  # 1-based page number for PDFs; None for unpaged formats
    label: str | None  # the PDF's own page label if it defines labels, else None
    text: str  # cleaned text of this page
    ocr: bool = False  # read by OCR (the page had no text layer)
    ocr_confidence: float | None = None  # Tesseract's mean word confidence (0-100) when read by OCR


@dataclass
class LoadedDocument:
    path: Path
    format: str  # "pdf" | "docx" | "text" | "markdown" | "html"
    pages: list[Page]
    title: str | None
    date: str | None  # ISO "YYYY-MM-DD" from the file's own metadata (a PDF's creation date)
    warnings: list[str] = field(default_factory=list)  # one line each, for the ingest summary (the file is used)


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_ODD_SPACES = re.compile("[\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize(text: str) -> str:
    """NFC, ligatures expanded, odd spaces to " ", soft hyphens and controls removed, spaces collapsed.

    Line structure and indentation are kept; a form feed becomes a blank line.
    """
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES).expandtabs(4)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text)  # soft hyphen at a line end: the word continues
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    text = _CONTROLS.sub("", text)
    text = re.sub(r"(?<=\S) {2,}", " ", text)  # indentation stays: Markdown needs it
    return "\n".join(line.rstrip() for line in text.split("\n"))


def join_blocks(blocks: list[str]) -> str:
    """Blocks to page text: whitespace inside a block collapsed, bullets as "- ", one blank line between."""
    cleaned = (to_bullet(" ".join(b.split())) for b in blocks)
    return "\n\n".join(b for b in cleaned if b)




_BULLET = re.compile(r"^(?:[•●▪◦·‣⁃\uf0b7\uf0a7]\s*|[-*–]\s+)(?=\S)")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")


def to_bullet(line: str) -> str:
    """"• item", "* item", "– item", "· item" (and Word's private-use bullets) become "- item"."""
    return _BULLET.sub("- ", line, count=1)


def is_item(line: str) -> bool:
    """Does the line start a bullet or numbered list item?"""
    return bool(_BULLET.match(line) or _NUMBERED.match(line))
