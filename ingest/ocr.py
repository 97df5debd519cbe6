"""OCR of PDF pages that have no text layer (scans): pypdfium2 renders the page, Tesseract reads it.

Tesseract is a Debian package (``tesseract-ocr`` with its Dutch data ``tesseract-ocr-nld``; scripts/ocr.sh
installs both), driven through ``pytesseract``. Without them a scanned PDF is refused with a message that names
what is missing. Only pages without any text are read this way; a page read by OCR is marked (``Page.ocr``) so a
citation can say so, and a page read with a low mean word confidence is named in the ingest summary.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import lru_cache

from ingest.document import LoadError

DPI = 300  # Tesseract's documented sweet spot for print; lower loses small print, higher only costs time
# Mean word confidence (0-100) under which a page is reported. Clean print rendered at 300 dpi reads at 90-96;
# at about 70 and below roughly one word in four is wrong, and figures (what answers quote) suffer first.
LOW_CONFIDENCE = 70.0
MIN_LETTERS = 20  # fewer letters than this read from a page: nothing was read (a photo, a drawing, a blank scan)


@dataclass
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0-100


@lru_cache(maxsize=1)
def missing() -> str | None:
    """Why OCR cannot run here (naming the package to install), or None when it can."""
    if shutil.which("tesseract") is None:
        return "OCR needs the Debian packages tesseract-ocr and tesseract-ocr-nld (not installed)"
    try:
        import pypdfium2  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"OCR needs the Python package {exc.name} (not installed; run make setup)"
    try:
        languages = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # a broken tesseract install
        return f"OCR needs a working tesseract-ocr ({type(exc).__name__}: {exc})"
    if "nld" not in languages:
        return "OCR needs the Debian package tesseract-ocr-nld (Tesseract's Dutch data; not installed)"
    return None


def read_blank_pages(name: str, data: bytes, blank: list[int], count: int) -> tuple[dict[int, OcrPage], list[str]]:
    """OCR of the pages without a text layer; raises when no page has text at all and none could be read."""
    if not blank:
        return {}, []
    reason = missing()
    read = read_pages(data, blank) if reason is None else {}
    if len(blank) == count and not read:
        why = reason or "OCR read no text from it"
        raise LoadError(code="load_scanned", name=name, why=why)
    warnings = []
    unread = [i + 1 for i in blank if i not in read]
    if unread and reason:
        warnings.append(f"{name}: {_pages(unread)} no text layer and could not be read ({reason})")
    low = [(i + 1, page.confidence) for i, page in read.items() if page.confidence < LOW_CONFIDENCE]
    if low:
        shown = ", ".join(f"{n} ({c:.0f}/100)" for n, c in low)
        warnings.append(f"{name}: read by OCR with low confidence on page {shown}; check its figures in the original")
    return read, warnings


def _pages(numbers: list[int]) -> str:
    return f"page {numbers[0]} has" if len(numbers) == 1 else f"pages {', '.join(map(str, numbers))} have"


@lru_cache(maxsize=1)
def _languages() -> str:
    import pytesseract

    return "nld+eng" if "eng" in pytesseract.get_languages(config="") else "nld"


def read_pages(data: bytes, indexes: list[int]) -> dict[int, OcrPage]:
    """OCR of the given 0-based pages; a page on which nothing readable was found is left out."""
    import pypdfium2 as pdfium

    out: dict[int, OcrPage] = {}
    document = pdfium.PdfDocument(data)
    try:
        for i in indexes:
            page = document[i]
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            read = read_image(image)
            if read is not None:
                out[i] = read
    finally:
        document.close()
    return out


def read_image(image) -> OcrPage | None:
    """Words as Tesseract reads them, one line per printed line and a blank line between paragraphs."""
    import pytesseract

    got = pytesseract.image_to_data(image, lang=_languages(), config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: list[str] = []
    confidences: list[float] = []
    last_line = last_par = None
    for n, word in enumerate(got["text"]):
        word = word.strip()
        conf = float(got["conf"][n])
        if not word or conf < 0:
            continue
        par = (got["block_num"][n], got["par_num"][n])
        line = (*par, got["line_num"][n])
        if line != last_line:
            if last_par is not None and par != last_par:
                lines.append("")
            lines.append(word)
        else:
            lines[-1] += " " + word
        last_line, last_par = line, par
        confidences.append(conf)
    text = "\n".join(lines)
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    return OcrPage(text, sum(confidences) / len(confidences))
