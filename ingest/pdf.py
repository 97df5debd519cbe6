"""PDF loading (pypdf), and the reconstruction of paragraphs from line-broken text (PDF and .txt).

pypdf's ``extract_text()`` gives one line per printed line. Per page this module removes running
headers/footers and page numbers, joins words hyphenated over a line break, and joins the lines of a
paragraph into one block (the block convention is described in ``ingest/loaders.py``).
"""

from __future__ import annotations

import io
import logging
import re
import threading
import warnings
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ingest import ocr, page_feet, tables
from ingest.document import LoadedDocument, LoadError, Page, ends_sentence, is_item, join_blocks, normalize, to_bullet
from ingest.metadata import is_metadata_line

_PYPDF_LOG = logging.getLogger("pypdf")
_LOG_LOCK = threading.Lock()


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    name = path.name
    with _quiet_pypdf() as complaints:
        reader = _open(data, name)
        found_tables = tables.find_tables(data, reader)
        raw, errors = _extract_pages(reader, found_tables)
    blank = [i for i, text in enumerate(raw) if not text.strip()]
    if len(blank) == len(raw) and errors + complaints:
        raise LoadError(code="load_pdf_broken", name=name, reason=_short((errors + complaints)[0]))
    read, warnings = ocr.read_blank_pages(name, data, blank, len(raw))
    for i, page in read.items():
        raw[i] = page.text
    labels = _labels(reader, len(raw))
    lines = page_feet.join_cut_sentences(strip_running_lines([normalize(text).split("\n") for text in raw], labels))
    pages = [Page(i + 1, labels[i], join_blocks(reflow(page_feet.set_off_notes(page))), ocr=i in read,
                  ocr_confidence=round(read[i].confidence, 1) if i in read else None) for i, page in enumerate(lines)]
    title = _metadata_title(reader) or _first_heading(pages[0].text)
    return LoadedDocument(path=path, format="pdf", pages=pages, title=title, date=_creation_date(reader),
                          warnings=warnings)


# --- opening ------------------------------------------------------------------------------------------


@contextmanager
def _quiet_pypdf():
    """Keep pypdf's warnings about broken files out of the terminal; collect them as possible reasons.

    The "pypdf" logger is redirected only while a PDF is read; a lock serialises PDF loads meanwhile.
    """

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            complaints.append(record.getMessage())

    complaints: list[str] = []
    handler = Collect(logging.WARNING)
    with _LOG_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        level, propagate = _PYPDF_LOG.level, _PYPDF_LOG.propagate
        _PYPDF_LOG.setLevel(logging.WARNING)
        _PYPDF_LOG.propagate = False
        _PYPDF_LOG.addHandler(handler)
        try:
            yield complaints
        finally:
            _PYPDF_LOG.removeHandler(handler)
            _PYPDF_LOG.setLevel(level)
            _PYPDF_LOG.propagate = propagate


def _open(data: bytes, name: str):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise LoadError(code="load_pdf_broken", name=name, reason="no PDF header; is it really a PDF?")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypted(reader):
            raise LoadError(code="load_pdf_password", name=name)
        count = len(reader.pages)
    except LoadError:
        raise
    except DependencyError:
        raise LoadError(code="load_pdf_encrypted", name=name) from None
    except Exception as e:  # pypdf raises many types on broken files
        raise LoadError(code="load_pdf_broken", name=name, reason=_short(e)) from None
    if count == 0:
        raise LoadError(code="load_pdf_broken", name=name, reason="it has no pages")
    return reader


def _decrypted(reader) -> bool:
    """Many "encrypted" PDFs only restrict printing/copying and open with the empty user password."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise
    except Exception:
        return False


def _extract_pages(reader, found_tables: dict[int, list[tables.Table]]) -> tuple[list[str], list[str]]:
    texts, errors = [], []
    for i, page in enumerate(reader.pages):
        try:
            texts.append(_page_text(page, found_tables.get(i, [])))
        except Exception as e:
            texts.append("")
            errors.append(_short(e))
    return texts, errors


def _page_text(page, found: list[tables.Table]) -> str:
    """extract_text(), plus an empty line wherever the vertical gap between two lines shows a paragraph break;
    the lines inside a table (``found``) are replaced by the table's row sentences."""
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text:  # y and x of where this piece starts, and its rendered font size
            pieces.append((text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5], abs(size * tm[3] * cm[3]),
                           tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece[0] for piece in pieces) != text:
        return tables.drop_table_lines(text, found) if found else text  # positions do not line up: text alone
    lines, where, xs = [""], [None], [None]
    for piece, y, size, x in pieces:
        for i, part in enumerate(piece.split("\n")):
            if i:
                lines.append("")
                where.append(None)
                xs.append(None)
            elif part.strip() and where[-1] is None and not lines[-1].strip():
                where[-1], xs[-1] = (y, size), x
            lines[-1] += part
    if found:
        lines, where = tables.replace_regions(lines, where, xs, found)
    return "\n".join(_gap_breaks(lines, where))


def _gap_breaks(lines: list[str], where: list[tuple[float, float] | None]) -> list[str]:
    """Insert "" before a line set off from the line above by a wider gap or a change of font size."""
    known = [(i, pos) for i, pos in enumerate(where) if pos and lines[i].strip()]
    pairs = list(zip(known, known[1:], strict=False))
    usual = _usual_spacing([(a, b) for (_, a), (_, b) in pairs])
    breaks = {j for (i, a), (j, b) in pairs if _set_off(lines[i], a, lines[j], b, usual)}
    result = []
    for i, line in enumerate(lines):
        if i in breaks:
            result.append("")
        result.append(line)
    return result


def _usual_spacing(pairs: list[tuple[tuple[float, float], tuple[float, float]]]) -> dict[int, float]:
    """Per font size: the distance between two lines of one paragraph (the lower quartile of the gaps)."""
    gaps: dict[int, list[float]] = {}
    for (y1, size1), (y2, size2) in pairs:
        if _same_size(size1, size2) and y1 > y2:
            gaps.setdefault(round(size1), []).append(y1 - y2)
    return {size: sorted(g)[len(g) // 4] for size, g in gaps.items() if len(g) >= 2}


def _set_off(line1: str, pos1: tuple[float, float], line2: str, pos2: tuple[float, float], usual) -> bool:
    (y1, size1), (y2, size2) = pos1, pos2
    if not _same_size(size1, size2):
        return is_heading_like(line1 if size1 > size2 else line2)  # the larger line is a heading
    spacing = usual.get(round(size1))
    return spacing is not None and (y1 - y2 > 1.3 * spacing or y2 - y1 > spacing)  # wider gap, or next column


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(a, b)


def _short(reason: object) -> str:
    text = " ".join(str(reason).split()) or type(reason).__name__
    return text if len(text) <= 100 else text[:97] + "..."


# --- metadata -----------------------------------------------------------------------------------------


def _labels(reader, count: int) -> list[str | None]:
    """The PDF's own page labels, or all None when it defines none (pypdf then gives "1", "2", ...)."""
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:
        return [None] * count
    if len(labels) != count or labels == [str(i + 1) for i in range(count)]:
        return [None] * count
    return [label or None for label in labels]


def _metadata(reader) -> dict:
    try:
        return dict(reader.metadata or {})
    except Exception:
        return {}


def _metadata_title(reader) -> str | None:
    title = " ".join(str(_metadata(reader).get("/Title") or "").split())
    title = re.sub(r"^Microsoft (?:Word|PowerPoint|Excel) - ", "", title)
    if not title or len(title) > 250 or not any(c.isalpha() for c in title):
        return None
    if re.search(r"\.(?:docx?|pdf|pptx?|odt|rtf|indd|txt)$", title, re.I):
        return None  # a file name, not a title
    if re.fullmatch(r"(?:untitled|naamloos|document|doc|titel|title|presentatie|slide)[\s\d_-]*", title, re.I):
        return None
    return title


def _creation_date(reader) -> str | None:
    raw = str(_metadata(reader).get("/CreationDate") or "")
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", raw)
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _first_heading(text: str) -> str | None:
    blocks = text.split("\n\n")[:5]
    return next((b for b in blocks if is_heading_like(b) and sum(c.isalpha() for c in b) >= 3
                 and not is_metadata_line(b)), None)  # a date, letterhead or field line is no title


# --- running headers and footers ---------------------------------------------------------------------

_EDGE = 3  # lines looked at on top and at the bottom of each page
_PAGE_NUMBER = re.compile(
    r"^[-–—|\s]*(?:(?:pagina|page|blz\.?|p\.)\s*)?(\d+|[ivxlc]+)(?:\s*(?:van|of|/)\s*\d+)?[-–—|\s]*$", re.I
)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def strip_running_lines(pages: list[list[str]], labels: list[str | None]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page.

    Removed are lines that recur at the page edges on >= 50% of the pages (digits ignored), bare page
    numbers, and, when >= 50% of the pages have them, header lines carrying the page number in front or at
    the end ("Hoofdstuk 2: Werk 7", whose text changes per chapter).
    """
    pages = [_trim_empty(lines) for lines in pages]
    numbers = [{str(i + 1), (labels[i] or "").lower()} for i in range(len(pages))]
    repeated: set[str] = set()
    numbered = False
    if len(pages) >= 3:
        counts = Counter(k for lines in pages for k in {_key(line) for line in _edges(lines)})
        repeated = {k for k, n in counts.items() if n >= len(pages) / 2}
        with_number = sum(any(_carries_page_number(line, nums) for line in _edges(lines))
                          for lines, nums in zip(pages, numbers, strict=True))
        numbered = with_number >= len(pages) / 2
    result = []
    for lines, nums in zip(pages, numbers, strict=True):
        top = _strip_edge(lines, repeated, numbered, nums)
        result.append(_strip_edge(top[::-1], repeated, numbered, nums)[::-1])
    return result


def _edges(lines: list[str]) -> list[str]:
    filled = [line for line in lines if line.strip()]
    return filled[:_EDGE] + filled[-_EDGE:]


def _strip_edge(lines: list[str], repeated: set[str], numbered: bool, numbers: set[str]) -> list[str]:
    """Drop running lines from the start of ``lines``; each kind at most once per edge."""
    seen: set[str] = set()
    start = looked = 0
    while start < len(lines) and looked < _EDGE:
        line = lines[start]
        if line.strip():
            looked += 1
            key = _key(line)
            if "#page" not in seen and (
                _is_page_number(line, numbers) or (numbered and _carries_page_number(line, numbers))
            ):
                seen.add("#page")
            elif key in repeated and key not in seen:
                seen.add(key)
            else:
                break
        start += 1
    return _trim_empty(lines[start:])


def _is_page_number(line: str, numbers: set[str]) -> bool:
    match = _PAGE_NUMBER.match(line)
    return bool(match and match.group(1).lower() in numbers)


def _carries_page_number(line: str, numbers: set[str]) -> bool:
    words = line.lower().split()
    return len(words) > 1 and (words[0] in numbers or words[-1] in numbers)


def _trim_empty(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


# --- lines to blocks ----------------------------------------------------------------------------------

_HYPHENATED = re.compile(r"\w[-‐–]$")
_JOINERS = {"en", "of", "tot", "noch", "and", "or"}  # "zorg-⏎en veiligheid" stays "zorg- en veiligheid"
_VOWELS = set("aeiouy")


def is_heading_like(line: str) -> bool:
    """A short line without final punctuation that starts with a capital or a digit."""
    words = line.split()
    if not 0 < len(words) <= 12 or len(line) > 100 or ends_sentence(line) or line.endswith((",", "-")):
        return False
    first = next((c for c in line if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def reflow(lines: list[str]) -> list[str]:
    """Join the lines of each paragraph, bullet item or heading into one block; an empty line always breaks."""
    typical = _typical_length([len(line) for line in lines if line.strip()])
    blocks: list[str] = []
    current, last = "", ""
    for line in lines:
        line = to_bullet(line.strip())
        if current and (not line or _breaks(last, line, typical)):
            blocks.append(current)
            current = ""
        if line:
            current = _join(current, line) if current else line
            last = line
    if current:
        blocks.append(current)
    return blocks


def _typical_length(lengths: list[int]) -> int:
    """The length of a full line of running text (90th percentile: pages can hold many short list lines)."""
    if not lengths:
        return 0
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def _breaks(prev: str, line: str, typical: int) -> bool:
    """Does ``line`` start a new block after ``prev``, the last line of the current block?"""
    if is_item(line):
        return True
    if _HYPHENATED.search(prev):
        return False
    if len(prev) < 0.7 * typical and (ends_sentence(prev) or is_heading_like(prev)):
        return True  # the short last line of a paragraph, or a heading
    return ends_sentence(prev) and len(line) < 0.7 * typical and is_heading_like(line)  # a heading follows


def _join(block: str, line: str) -> str:
    if not _HYPHENATED.search(block):
        return f"{block} {line}"
    if line.split()[0].rstrip(",.;:").lower() in _JOINERS:
        return f"{block} {line}"
    before, after = block[-2], line[0]
    if block[-1] != "–" and before.islower() and after.islower() and not (before in _VOWELS and after in _VOWELS):
        return block[:-1] + line  # "jongeren-" + "werkers"; "re-" + "integratie" keeps its hyphen
    return block + line  # "PGA-" + "experts", "Noord-" + "Holland", "2023–" + "2024"
