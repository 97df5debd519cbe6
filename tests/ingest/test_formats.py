"""Formats as a user notices them: a scanned PDF is read by OCR (and says so), a Word file's headings become
sections, a PDF table's rows become quotable sentences with their headers on their page. Nothing is embedded."""

from __future__ import annotations

import io
import zipfile

import pytest

from ingest import ocr
from ingest.loaders import LoadError, load_document
from ingest.pipeline import prepare
from tests.conftest import make_settings
from tests.ingest.doc_fixtures import make_docx, make_scanned_text_pdf, make_table_pdf

needs_ocr = pytest.mark.skipif(ocr.missing() is not None, reason=f"{ocr.missing()} (scripts/ocr.sh installs it)")


def prepared(path, **entry):
    return prepare(path, path.read_bytes(), entry, path.stem, make_settings(path.parent / ".index", path.parent))


# --- OCR ----------------------------------------------------------------------------------------------------

SCAN = ["Verslag van de wijkaanpak", "In de wijk Kanaleneiland zijn in 2023 in totaal 137 jongeren",
        "begeleid door de straatcoaches van de gemeente Utrecht.", "", "Daarnaast kregen 42 gezinnen hulp bij schulden."]


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_and_marked(tmp_path):
    doc = prepared(make_scanned_text_pdf(tmp_path / "scan.pdf", SCAN))
    text = " ".join(c.text for c in doc.chunks)
    assert "137 jongeren" in text and "42 gezinnen" in text
    assert doc.record.ocr_pages == [1] and doc.record.title == "Verslag van de wijkaanpak"
    assert doc.warnings == []  # clean print reads with high confidence
    assert all(s.page == 1 for c in doc.chunks for s in c.sentences)


@needs_ocr
def test_a_badly_scanned_page_is_named_in_the_warnings(tmp_path):
    doc = prepared(make_scanned_text_pdf(tmp_path / "kopie.pdf", SCAN, degrade=True))
    assert doc.record.ocr_pages == [1]
    assert len(doc.warnings) == 1 and "kopie.pdf: read by OCR with low confidence on page 1" in doc.warnings[0]


def test_without_tesseract_a_scan_is_refused_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.missing.cache_clear()
    try:
        with pytest.raises(LoadError) as caught:
            load_document(make_scanned_text_pdf(tmp_path / "scan.pdf", SCAN), 10**8)
    finally:
        ocr.missing.cache_clear()
    assert str(caught.value) == ("scan.pdf: the PDF has no text layer (scanned?) and OCR needs the Debian packages "
                                 "tesseract-ocr and tesseract-ocr-nld (not installed)")


# --- Word ---------------------------------------------------------------------------------------------------


def test_docx_headings_are_sections_lists_bullets_tables_rows(tmp_path):
    path = make_docx(tmp_path / "plan.docx", [
        ("Title", "Uitvoeringsplan Preventie met Gezag"),
        ("Normal", "Gemeente Tilburg zet in op preventie."),
        ("Heading 1", "Onderwijs"),
        ("Normal", "In totaal doen 431 jongeren mee aan de aanpak van schoolverzuim."),
        ("List Bullet", "Schoolmaatschappelijk werk in het voortgezet onderwijs."),
        ("Heading 2", "Cijfers per wijk"),
        ("table", [("Wijk", "Jongeren bereikt"), ("Noord", "120"), ("Zuid", "85")]),
    ])
    doc = prepared(path)
    by_section = {}
    for chunk in doc.chunks:
        by_section.setdefault(chunk.section, []).append(chunk.text)
    assert list(by_section) == ["Uitvoeringsplan Preventie met Gezag", "Onderwijs", "Cijfers per wijk"]
    assert "- Schoolmaatschappelijk werk" in by_section["Onderwijs"][0]
    assert "Wijk: Noord; jongeren bereikt: 120." in by_section["Cijfers per wijk"][0]
    assert (doc.record.title, doc.record.kind, doc.record.pages) == (
        "Uitvoeringsplan Preventie met Gezag", "gemeentelijk-plan", None)


def test_corrupt_docx_and_old_doc_get_clear_messages(tmp_path):
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (tmp_path / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(LoadError, match=r"^kapot\.docx: not a readable Word file"):
        load_document(tmp_path / "kapot.docx", 10**8)
    with pytest.raises(LoadError, match=r"^oud\.doc: old Word format '\.doc' is not supported; save it as \.docx"):
        load_document(tmp_path / "oud.doc", 10**8)


def test_docx_that_unpacks_past_the_limit_is_refused_before_reading(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (3 * 1024 * 1024))  # 3 MB of spaces
    (tmp_path / "bom.docx").write_bytes(buffer.getvalue())
    assert (tmp_path / "bom.docx").stat().st_size < 100_000
    with pytest.raises(LoadError, match=r"^bom\.docx: the Word file unpacks to 3\.0 MB, over the limit of 1 MB"):
        load_document(tmp_path / "bom.docx", 1024 * 1024)


# --- PDF tables ---------------------------------------------------------------------------------------------

ROWS = [("Gemeente", "Gezinnen in de aanpak", "Jongeren"), ("Tilburg", "25", "40"), ("Breda", "18", "31"),
        ("Den Helder", "7", "12")]


def test_pdf_table_rows_are_sentences_with_their_headers_on_their_page(tmp_path):
    path = make_table_pdf(tmp_path / "monitor.pdf", ROWS, "Per gemeente staat hieronder hoeveel gezinnen meedoen.",
                          "Na de tabel volgt een gewone alinea over de aanpak.")
    doc = prepared(path)
    sentences = [(c.text[s.start:s.end], s.page) for c in doc.chunks for s in c.sentences]
    assert ("Gemeente: Tilburg; gezinnen in de aanpak: 25; jongeren: 40.", 1) in sentences
    assert ("Gemeente: Den Helder; gezinnen in de aanpak: 7; jongeren: 12.", 1) in sentences
    text = "\n".join(c.text for c in doc.chunks)
    assert "Tilburg 25 40" not in text and "Gemeente Gezinnen" not in text  # no jumbled copy of the table
    assert text.index("hoeveel gezinnen meedoen") < text.index("Gemeente: Tilburg") < text.index("gewone alinea")
