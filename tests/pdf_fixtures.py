"""Generated PDF test fixtures: tests build their PDFs at run time, no binary fixtures live in git.

These are generated test fixtures only. ``make_pdf`` draws whatever blocks a test passes in;
``report_as_pdf`` lays out the text of the one real programme document,
corpus/rapportage-preventie-met-gezag-2024.txt, as a multi-page PDF (its own text, nothing added except
a running header/footer). No invented text goes into corpus/: the PDFs are written to the test's
temporary folder.

Text is drawn with the DejaVu fonts that ship inside matplotlib, so Dutch accents, € and typographic
quotes render and extract correctly. Paragraphs are wrapped the way ``multi_cell`` wraps them, so a
long paragraph spans several printed lines (what the loader's paragraph reconstruction has to undo).
A "\\n" inside a block forces a line break there (e.g. "jongeren-\\nwerkers" to test hyphenation).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
REPORT_NAME = "rapportage-preventie-met-gezag-2024.txt"
_ROOT = Path(__file__).resolve().parents[1]
REPORT_CANDIDATES = [_ROOT / "corpus" / REPORT_NAME, _ROOT.parent / "shared" / "corpus" / REPORT_NAME]
REPORT_TITLE = "Rapportage Preventie met Gezag: aanpak georganiseerde, ondermijnende jeugdcriminaliteit"
REPORT_THEMES = {
    "Onderwijs", "Werk en inkomen", "Persoonlijke en psychologische ontwikkeling", "Sociale netwerk",
    "Samenwerking tussen zorg en veiligheid", "Criminaliteit en re-integratie", "Re-integratie",
    "Praktijkverhaal", "Colofon",
}
FIXED_DATE = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
LINE_H, BULLET_W = 6.0, 6.0


class _FixturePDF(FPDF):
    def __init__(self, header: str | None, footer: str | None) -> None:
        super().__init__(format="A4")
        self.add_font("dejavu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("dejavu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=22)
        self.running_header, self.running_footer = header, footer
        self.placed: dict[int, list[str]] = {}  # page number -> lines drawn on it

    def header(self) -> None:
        if self.running_header:
            self.set_font("dejavu", "", 8)
            self.cell(0, 5, self.running_header, new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

    def footer(self) -> None:
        if self.running_footer:
            self.set_y(-15)
            self.set_font("dejavu", "", 8)
            self.cell(0, 5, self.running_footer.replace("{page}", str(self.page_no())), align="C")

    def draw_line(self, text: str, x: float, height: float = LINE_H) -> None:
        """One printed line at ``x``; the page it lands on is recorded (after an automatic page break)."""
        if self.will_page_break(height):
            self.add_page()
        self.set_x(x)
        self.cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        self.placed.setdefault(self.page_no(), []).append(text)

    def wrap(self, text: str, width: float) -> list[str]:
        return self.multi_cell(width, LINE_H, text, dry_run=True, output=MethodReturnValue.LINES)


def _draw_block(pdf: _FixturePDF, block: str) -> None:
    left = pdf.l_margin
    if block.startswith("# "):
        if pdf.get_y() > pdf.page_break_trigger - 30:  # keep a heading with what follows it
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("dejavu", "B", 13)
        for text in pdf.wrap(block[2:], pdf.epw):
            pdf.draw_line(text, left, 8)
    elif block.startswith("- "):
        pdf.set_font("dejavu", "", 11)
        for i, text in enumerate(pdf.wrap(block[2:], pdf.epw - BULLET_W)):
            if i == 0:
                if pdf.will_page_break(LINE_H):
                    pdf.add_page()
                pdf.set_x(left)
                pdf.cell(BULLET_W, LINE_H, "•")
            pdf.draw_line(text, left + BULLET_W)
    else:
        pdf.set_font("dejavu", "", 11)
        for text in pdf.wrap(block, pdf.epw):
            pdf.draw_line(text, left)
    pdf.ln(2.5)


def _new_pdf(title, header, footer, page_labels_start) -> _FixturePDF:
    pdf = _FixturePDF(header, footer)
    pdf.set_creation_date(FIXED_DATE)
    if title:
        pdf.set_title(title)
    pdf.add_page()
    if page_labels_start is not None:
        pdf.set_page_label(label_style="D", label_start=page_labels_start)
    return pdf


def make_pdf(path, pages: list[list[str]], *, title=None, header=None, footer=None, page_labels_start=None) -> Path:
    """A PDF with one page per list of blocks ("# heading", "- bullet", or a paragraph that wraps).

    ``footer`` may contain "{page}"; ``page_labels_start`` gives the pages decimal labels from that number.
    """
    path = Path(path)
    pdf = _new_pdf(title, header, footer, page_labels_start)
    for i, blocks in enumerate(pages):
        if i:
            pdf.add_page()
        for block in blocks:
            _draw_block(pdf, block)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path, user_password: str = "geheim") -> Path:
    """A PDF encrypted (RC4) with ``user_password``; with "" it opens without a password, like many real ones."""
    path = Path(path)
    pdf = _new_pdf("Beveiligd document", None, None, None)
    _draw_block(pdf, "Deze tekst is alleen met het wachtwoord te lezen.")
    pdf.set_encryption(owner_password="eigenaar", user_password=user_password)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path) -> Path:
    """A PDF whose only page is an image (a fake scan): there is no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 720, 28):
        draw.rectangle((60, y, 540 - (y * 7) % 120, y + 10), fill=40)  # lines of "print"
    path = Path(path)
    pdf = _new_pdf(None, None, None, None)
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def make_corrupt_pdf(path) -> Path:
    """A PDF cut off halfway, as a failed download leaves it."""
    path = make_pdf(path, [["# Onderwijs", "Een document dat halverwege is afgebroken."]])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# --- the real report as a PDF ------------------------------------------------------------------------


def report_text_path() -> Path | None:
    """Where the real report text lies (corpus/ of this repo, or the shared corpus next to it)."""
    return next((p for p in REPORT_CANDIDATES if p.is_file()), None)


def report_blocks(text: str) -> list[str]:
    """The report's blank-line-separated parts; heading lines (short, no final punctuation) as "# "."""
    blocks = []
    for part in re.split(r"\n\s*\n", text):
        part = part.strip()
        if not part:
            continue
        is_heading = "\n" not in part and len(part) <= 70 and not re.search(r"[.!?:;)…]$", part)
        blocks.append(f"# {part}" if is_heading and not part.startswith("- ") else part)
    return blocks


def report_as_pdf(path) -> Path:
    """The real report laid out as a multi-page PDF, each theme on a new page, with running header/footer.

    Where each printed line landed is written next to the PDF (``<name>.pages.json``); read it with
    ``report_pdf_pages``.
    """
    source = report_text_path()
    if source is None:
        raise FileNotFoundError(f"{REPORT_NAME} not found in {[str(p) for p in REPORT_CANDIDATES]}")
    path = Path(path)
    pdf = _new_pdf(REPORT_TITLE, "Rapportage Preventie met Gezag", "Pagina {page}", None)
    for block in report_blocks(source.read_text(encoding="utf-8")):
        if block[2:] in REPORT_THEMES and pdf.get_y() > pdf.t_margin + 20:
            pdf.add_page()
        _draw_block(pdf, block)
    pdf.output(str(path))
    _placement_path(path).write_text(json.dumps(pdf.placed, ensure_ascii=False), encoding="utf-8")
    return path


def report_pdf_pages(path) -> dict[int, str]:
    """Page number (1-based) -> the text drawn on that page (its lines joined with spaces), as placed."""
    placed = json.loads(_placement_path(Path(path)).read_text(encoding="utf-8"))
    return {int(page): " ".join(lines) for page, lines in placed.items()}


def _placement_path(path: Path) -> Path:
    return path.with_name(path.name + ".pages.json")
