"""Generated fixtures for the metadata and format tests: letters, news items, factsheets as PDF or text, a PDF
with a ruled table, a scanned page (text rendered into an image, no text layer) and Word files.

All text here is written for the tests (short, in the style of the programme's documents); nothing goes into
corpus/. Fonts are the DejaVu fonts that ship inside matplotlib, so no system font is needed.
"""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

from tests.pdf_fixtures import FONT_DIR, make_pdf

LETTERHEAD = ["Ministerie van Justitie en Veiligheid", "Turfmarkt 147", "2511 DP Den Haag", "Postbus 20301",
              "www.rijksoverheid.nl/jenv", "Retouradres Postbus 20301 2500 EH Den Haag",
              "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA DEN HAAG"]
LETTER_BODY = ["Geachte voorzitter,",
               "Hierbij informeer ik u over de voortgang van het programma Preventie met Gezag. Inmiddels doen 27 "
               "gemeenten mee met de structurele aanpak.",
               "# Lerende netwerken",
               "Binnen lerende netwerken komen partners bij elkaar om kennis te delen over wat werkt.",
               "De Minister van Justitie en Veiligheid,"]


def letter_blocks(date_block: str = "Datum 7 juli 2023", subject: str = "Voortgang Preventie met Gezag") -> list[str]:
    return [*LETTERHEAD, date_block, f"Onderwerp {subject}", "Ons kenmerk 4567890", *LETTER_BODY]


def make_letter_pdf(path, blocks: list[str] | None = None, **kwargs) -> Path:
    return make_pdf(path, [blocks or letter_blocks()], **kwargs)


def make_table_pdf(path, rows: list[tuple[str, ...]], before: str, after: str) -> Path:
    """One page: a heading, a paragraph, a ruled table (fpdf2's table: every cell boxed), another paragraph."""
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("dejavu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("dejavu", "B", 13)
    pdf.cell(0, 8, "Gezinnen in de aanpak per gemeente", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("dejavu", "", 11)
    pdf.multi_cell(0, 6, before, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table() as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(3)
    pdf.multi_cell(0, 6, after, new_x="LMARGIN", new_y="NEXT")
    path = Path(path)
    pdf.output(str(path))
    return path


def make_scanned_text_pdf(path, lines: list[str], *, degrade: bool = False) -> Path:
    """An A4 page at 300 dpi with ``lines`` printed into an image (the first as a bold title), embedded as the only
    content of a PDF: a scan, with no text layer. ``degrade``: blurred and speckled, as a bad photocopy."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    body = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 40)
    title = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 56)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    y = 250
    for i, line in enumerate(lines):
        if line:
            draw.text((200, y), line, font=title if i == 0 else body, fill=0)
        y += 140 if i == 0 else 70
    if degrade:
        image = image.resize((620, 877)).resize((2480, 3508)).filter(ImageFilter.GaussianBlur(3))
        pixels, rng = image.load(), random.Random(1)
        for _ in range(int(0.05 * 2480 * 3508)):
            pixels[rng.randrange(2480), rng.randrange(3508)] = rng.choice((0, 255))
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    path = Path(path)
    pdf.output(str(path))
    return path


def make_docx(path, items: list[tuple[str, object]], *, title: str | None = None) -> Path:
    """A Word file from (style, content) items: ("Title"|"Heading 1"|"Heading 2"|"Normal"|"List Bullet", text) or
    ("table", rows)."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, content in items:
        if style == "table":
            rows = content
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            document.add_paragraph(content, style=style)
    path = Path(path)
    document.save(str(path))
    return path
