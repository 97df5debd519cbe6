"""Answers from the formats users bring, end to end with the real e5 embedder and an embedded Chroma: a figure on
a scanned page (read by OCR, cited with its page and marked OCR), in a Word plan, and in a PDF table row.
The documents are TEST FIXTURES made here, not programme documents."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from ingest import ocr
from ingest.pipeline import ingest
from tests.conftest import make_settings
from tests.ingest.doc_fixtures import make_docx, make_scanned_text_pdf, make_table_pdf

SCAN = ["Verslag van de wijkaanpak Kanaleneiland", "In de wijk Kanaleneiland zijn in 2023 in totaal 137 jongeren",
        "begeleid door de straatcoaches van de gemeente.", "", "Daarnaast kregen 42 gezinnen hulp bij schulden."]


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    docs = folder / "docs"
    docs.mkdir()
    if ocr.missing() is None:
        make_scanned_text_pdf(docs / "scan-verslag.pdf", SCAN)
    make_docx(docs / "plan-veldhoven.docx", [
        ("Title", "Uitvoeringsplan jeugdpreventie Veldhoven"),
        ("Heading 1", "Onderwijs"),
        ("Normal", "Op 9 middelbare scholen in Veldhoven komt een jongerenwerker op school."),
    ], title="Uitvoeringsplan jeugdpreventie Veldhoven")
    make_table_pdf(docs / "monitor-tabel.pdf", [("Gemeente", "Gezinnen in de aanpak", "Jongeren"),
                                                ("Oisterwijk", "31", "58"), ("Waalre", "7", "12")],
                   "De tabel geeft per gemeente het aantal gezinnen in de familieaanpak.", "Einde van de tabel.")
    settings = make_settings(folder / "index", docs)
    report = ingest([docs], settings)
    assert not report.errors, report.errors
    return Assistant(settings)


def test_a_figure_on_a_scanned_page_is_answered_with_its_page_marked_ocr(formats):
    if ocr.missing() is not None:
        pytest.skip(f"{ocr.missing()} (scripts/ocr.sh installs it)")
    answer = formats.ask("Hoeveel jongeren zijn in Kanaleneiland begeleid door de straatcoaches?")
    assert answer.answered and "137 jongeren" in answer.lead
    cited = answer.citations[0]
    assert cited.source == "scan-verslag.pdf" and cited.page == 1 and cited.ocr


def test_a_word_plan_is_answered_from_under_its_heading(formats):
    answer = formats.ask("Op hoeveel scholen in Veldhoven komt een jongerenwerker?")
    assert answer.answered and "9 middelbare scholen" in answer.lead
    cited = answer.citations[0]
    assert cited.source == "plan-veldhoven.docx" and cited.section == "Onderwijs" and not cited.ocr


def test_a_pdf_table_row_answers_with_its_column(formats):
    answer = formats.ask("Hoeveel gezinnen zitten in Oisterwijk in de familieaanpak?")
    assert answer.answered and answer.lead.startswith("31 gezinnen in de aanpak")  # the figure, then what it counts
    cited = answer.citations[0]
    assert cited.source == "monitor-tabel.pdf" and cited.page == 1 and "Gemeente: Oisterwijk" in cited.quote
