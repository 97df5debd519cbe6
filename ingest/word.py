"""Word files (.docx) with python-docx: paragraphs in order, headings as "# " blocks, lists as "- ", tables as rows.

Named ``word`` rather than ``docx`` so that it never shadows the python-docx package (imported as ``docx``).
The block convention is the one of ``ingest/loaders.py`` (Markdown headings become "# " blocks the same way).
A .docx is a zip file: its uncompressed size is checked against the file size limit before anything is read, so
a small file that unpacks to gigabytes (a zip bomb) is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ingest.document import MB, LoadedDocument, LoadError, Page, join_blocks, normalize
from ingest.tables import row_sentences

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*\d|^(?:title|titel)$", re.I)
_LIST_STYLE = re.compile(r"^(?:list|lijst)", re.I)


def load_docx(path: Path, data: bytes, max_bytes: int) -> LoadedDocument:
    name = path.name
    _check_zip(name, data, max_bytes)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        content = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on broken files
        raise LoadError(code="load_word_broken", name=name, reason=_short(exc)) from None
    blocks: list[str] = []
    for item in content:
        if isinstance(item, Paragraph):
            block = _paragraph(item)
            if block:
                blocks.append(block)
        elif isinstance(item, Table):
            blocks.extend(row_sentences(_rows(item)))
    text = join_blocks(blocks)
    if not text:
        raise LoadError(code="load_no_text", name=name)
    headings = [b[2:] for b in blocks if b.startswith("# ")]
    title = " ".join((document.core_properties.title or "").split()) or (headings[0] if headings else None)
    return LoadedDocument(path=path, format="docx", pages=[Page(None, None, text)], title=title, date=None)


def _check_zip(name: str, data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise LoadError(code="load_word_broken", name=name,
                        reason="not a .docx zip archive; is it really a .docx?") from None
    if not any(info.filename == "word/document.xml" for info in infos):
        raise LoadError(code="load_word_broken", name=name, reason="it has no word/document.xml")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_bytes:
        raise LoadError(f"{name}: the Word file unpacks to {unpacked / MB:.1f} MB, over the limit of "
                        f"{max_bytes / MB:.4g} MB (PMG_MAX_FILE_MB)", code="load_too_large", name=name,
                        size=unpacked / MB, limit=max_bytes / MB)


def _paragraph(paragraph) -> str:
    text = " ".join(normalize(paragraph.text).split())
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    if _HEADING_STYLE.match(style or ""):
        return f"# {text}"
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or _LIST_STYLE.match(style or ""):
        return f"- {text.lstrip('•·-–* ')}"
    return text


def _rows(table) -> list[list[str]]:
    """Cell texts per row; a cell merged over several columns counts once."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(normalize(cell.text).split()))
        rows.append(cells)
    return rows


def _short(reason: object) -> str:
    text = " ".join(str(reason).split()) or type(reason).__name__
    return text if len(text) <= 100 else text[:97] + "..."
