"""Metadata read from the documents themselves (ingest/metadata.py, ingest/dates.py), as the record a user sees
in `pmg documents`: date and where it comes from, peildatum, kind, Kamerstuk dossier/number, title, languages;
and letterheads/date lines never becoming a chunk's section. Nothing is embedded: ``prepare`` builds the record.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from ingest.dates import date_form, parse_date
from ingest.pipeline import prepare
from tests.conftest import CORPUS, make_settings
from tests.ingest.doc_fixtures import LETTER_BODY, LETTERHEAD, letter_blocks, make_letter_pdf
from tests.pdf_fixtures import make_pdf

MTIME = datetime(2021, 2, 3, 12, 0).timestamp()


def record_of(path: Path, entry: dict | None = None, tmp_path: Path | None = None):
    settings = make_settings(path.parent / ".index", path.parent)
    return prepare(path, path.read_bytes(), entry or {}, path.stem, settings)


def text_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (MTIME, MTIME))
    return path


# --- dates --------------------------------------------------------------------------------------------------


def test_place_and_date_line_dates_a_letter_over_its_pdf_metadata(tmp_path):
    blocks = [*LETTERHEAD, "Den Haag, 7 juli 2023", "Onderwerp Voortgang Preventie met Gezag", *LETTER_BODY]
    record = record_of(make_letter_pdf(tmp_path / "brief.pdf", blocks)).record  # PDF metadata says 2024-06-01
    assert (record.date, record.date_source, record.year) == ("2023-07-07", "text", 2023)


def test_datum_field_dates_a_letter(tmp_path):
    record = record_of(make_letter_pdf(tmp_path / "brief.pdf", letter_blocks("Datum 12 september 2023"))).record
    assert (record.date, record.date_source) == ("2023-09-12", "text")


def test_place_and_date_line_wins_over_a_later_date_field(tmp_path):
    path = text_file(tmp_path, "brief.txt", "Utrecht, 3 mei 2024\n\nDatum: 9 mei 2024\n\nBeste collega's,\n\n"
                     "Hierbij het verslag.\n")
    assert record_of(path).record.date == "2024-05-03"


@pytest.mark.parametrize("line, expected", [
    ("Nieuwsbericht | 04-04-2024", "2024-04-04"),
    ("13-03-2019", "2019-03-13"),
    ("23 November 2023, 14:20 uur", "2023-11-23"),
    ("4 april 2024", "2024-04-04"),
])
def test_news_datelines(tmp_path, line, expected):
    path = text_file(tmp_path, "bericht.txt", f"Meer jongeren bereikt met straatcoaches\n\n{line}\n\n"
                     "De gemeente Tilburg zet sinds vorig jaar straatcoaches in. Zij spreken jongeren aan op straat.\n")
    record = record_of(path).record
    assert (record.date, record.date_source, record.kind) == (expected, "text", "nieuwsbericht")
    assert record.title == "Meer jongeren bereikt met straatcoaches"


def test_colophon_month_of_the_real_report_keeps_month_precision(tmp_path):
    """The real progress report without its manifest entry: its colophon says "Juni 2024"."""
    path = tmp_path / "rapportage.txt"
    shutil.copy(CORPUS / "rapportage-preventie-met-gezag-2024.txt", path)
    record = record_of(path).record
    assert (record.date, record.date_source, record.year) == ("2024-06", "text", 2024)
    assert record.kind == "voortgangsrapportage"  # "Deze voortgangsrapportage laat zien ..."
    assert record.title == "Rapportage Preventie met Gezag"
    assert (record.dossier, record.number) == (None, None)  # "28 741, nr. 113" is a footnote citing another paper
    assert record.languages == ["nl"]


def test_pdf_metadata_date_when_the_text_states_none(tmp_path):
    path = make_pdf(tmp_path / "notitie.pdf", [["# Lerende netwerken", "Partners delen kennis over wat werkt."]])
    record = record_of(path).record
    assert (record.date, record.date_source) == ("2024-06-01", "pdf")  # tests/pdf_fixtures.FIXED_DATE


def test_file_date_only_when_nothing_else_says_one(tmp_path):
    path = text_file(tmp_path, "notitie.txt", "Lerende netwerken\n\nIn 2023 deden 27 gemeenten mee; op 4 april "
                     "2024 kwamen de partners bijeen.\n")
    record = record_of(path).record  # a date in a body sentence is not the document's date
    assert (record.date, record.date_source) == ("2021-02-03", "file")


def test_manifest_date_wins_and_is_marked(tmp_path):
    path = text_file(tmp_path, "bericht.txt", "Nieuwsbericht | 04-04-2024\n\nDe gemeente zet straatcoaches in.\n")
    record = record_of(path, {"date": "2024-04", "kind": "factsheet"}).record
    assert (record.date, record.date_source, record.kind) == ("2024-04", "manifest", "factsheet")


def test_peildatum_is_its_own_field(tmp_path):
    path = text_file(tmp_path, "monitor.txt", "Monitor Preventie met Gezag\n\nJuni 2024\n\nPeildatum: 1 oktober 2023\n\n"
                     "In de monitor staan de cijfers van alle gemeenten.\n")
    record = record_of(path).record
    assert (record.date, record.peildatum, record.kind) == ("2024-06", "2023-10-01", "monitor")
    sentence = text_file(tmp_path, "stand.txt", "Overzicht\n\nDe cijfers geven de stand per 1 maart 2024 weer.\n")
    assert record_of(sentence).record.peildatum == "2024-03-01"


def test_dateparser_reads_no_part_of_year_but_our_rule_does():
    assert parse_date("begin 2024") == "2024"
    assert parse_date("Juni 2024") == "2024-06"
    assert parse_date("7 juli") is None  # no year: not "this year"
    assert date_form("In 2023 deden 27 gemeenten mee") is None


# --- kind, Kamerstuk, title ---------------------------------------------------------------------------------


def test_kamerbrief_by_its_address_with_onderwerp_as_title(tmp_path):
    record = record_of(make_letter_pdf(tmp_path / "document-1.pdf", title=None)).record
    assert record.kind == "kamerbrief"
    assert record.title == "Voortgang Preventie met Gezag"


@pytest.mark.parametrize("head, dossier, number", [
    (["Kamerstuk 28 741, nr. 106"], "28 741", "106"),
    (["Kamerstuk 28741-106"], "28 741", "106"),
    (["Tweede Kamer der Staten-Generaal", "Vergaderjaar 2023–2024", "28 741 Jeugdcriminaliteit",
      "Nr. 113 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID"], "28 741", "113"),
])
def test_kamerstuk_dossier_and_number(tmp_path, head, dossier, number):
    path = text_file(tmp_path, "stuk.txt", "\n\n".join([*head, "Den Haag, 7 juli 2023", *LETTER_BODY[1:]]) + "\n")
    record = record_of(path).record
    assert (record.kind, record.dossier, record.number) == ("kamerbrief", dossier, number)
    assert record.title and "BRIEF VAN" not in record.title and "2023" not in record.title


def test_factsheet_by_its_intervention_headings(tmp_path):
    path = text_file(tmp_path, "interventie.md", "# Alleen Jij bepaalt Wie je Bent\n\n## Doelgroep\n\nJongeren van 12 "
                     "tot en met 18 jaar.\n\n## Doel\n\nMinder criminaliteit.\n\n## Aanpak\n\nTien groepsbijeenkomsten."
                     "\n\n## Onderbouwing\n\nDe interventie is goed onderbouwd.\n")
    assert record_of(path).record.kind == "factsheet"


def test_municipal_plan(tmp_path):
    path = text_file(tmp_path, "plan.txt", "Uitvoeringsplan Preventie met Gezag\n\nGemeente Tilburg\n\nDit plan "
                     "beschrijft hoe de gemeente de komende jaren jongeren perspectief biedt.\n")
    record = record_of(path).record
    assert (record.kind, record.title) == ("gemeentelijk-plan", "Uitvoeringsplan Preventie met Gezag")


def test_unknown_kind_stays_onbekend(tmp_path):
    path = text_file(tmp_path, "notities.txt", "Lerende netwerken\n\nBinnen lerende netwerken komen partners bij "
                     "elkaar.\n")
    assert record_of(path).record.kind == "onbekend"


def test_title_is_never_a_date_or_letterhead_line(tmp_path):
    path = make_pdf(tmp_path / "stuk.pdf", [["4 april 2024", "Ministerie van Justitie en Veiligheid",
                                              "# Straatcoaches in de wijk", "Samen zetten de gemeenten 13 (fte) "
                                              "straatcoaches in."]])
    record = record_of(path).record
    assert record.title == "Straatcoaches in de wijk"
    assert record.date == "2024-04-04"


def test_english_and_dutch_paragraphs_give_two_languages(tmp_path):
    nl = "Met Preventie met Gezag zijn 576 jongeren extra aangemeld voor deze interventie in drie gemeenten."
    en = "The programme registered 576 additional young people for this intervention in three municipalities."
    path = text_file(tmp_path, "beide.txt", "Samenvatting\n\n" + "\n\n".join([nl, en, nl, en, nl]) + "\n")
    assert record_of(path).record.languages == ["nl", "en"]


# --- letterheads are metadata, not sections -----------------------------------------------------------------


def test_letterhead_and_fields_are_no_section_but_stay_searchable(tmp_path):
    prepared = record_of(make_letter_pdf(tmp_path / "brief.pdf"))
    sections = {c.section for c in prepared.chunks}
    assert sections == {None, "Lerende netwerken"}, sections
    text = "\n".join(c.text for c in prepared.chunks)
    assert "Datum 7 juli 2023" in text and "Onderwerp Voortgang Preventie met Gezag" in text
    assert "Datum 7 juli 2023 Onderwerp" not in text  # each metadata line is a block of its own


# --- forms met in the development corpus (eval/devcorpus on branch devcorpus) -------------------------------


def test_a_peildatum_cited_from_another_document_is_not_this_ones(tmp_path):
    path = text_file(tmp_path, "brief.txt", "Stand van zaken\n\nDen Haag, 19 juni 2025\n\nDe tweede monitor, met "
                     "gegevens tot de peildatum van 1 oktober 2024, laat zien dat 9.470 jongeren zijn bereikt.\n")
    record = record_of(path).record
    assert (record.date, record.peildatum) == ("2025-06-19", None)


def test_updated_and_adopted_fields_date_a_document_over_other_dates(tmp_path):
    page = text_file(tmp_path, "ajb.html", "<html><head><title>Alleen jij bepaalt wie je bent | Databank Effectieve "
                     "Jeugdinterventies</title></head><body><p>Databank Effectieve Jeugdinterventies</p>"
                     "<h1>Alleen jij bepaalt wie je bent (AJB)</h1><p>Interventiebeschrijving | bijgewerkt 17-06-2020</p>"
                     "<h2>Doelgroep</h2><p>Jongeren van 12 tot en met 18 jaar.</p><dl><dt>Datum erkenning</dt>"
                     "<dd>13-03-2019</dd></dl></body></html>")
    record = record_of(page).record
    assert (record.date, record.title) == ("2020-06-17", "Alleen jij bepaalt wie je bent (AJB)")  # no site name
    plan = text_file(tmp_path, "plan.md", "# Uitvoeringsplan Zaanstad 2024-2025\n\nGemeente Zaanstad\n\nVastgesteld door "
                     "het college van burgemeester en wethouders op 12 december 2023\n\n# 1. Aanleiding\n\nTekst.\n")
    assert record_of(plan).record.date == "2023-12-12"


def test_printed_kamerstuk_title_and_a_scanner_name_is_no_title(tmp_path):
    path = text_file(tmp_path, "kst.txt", "Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2022–2023\n\n28 741 "
                     "Jeugdcriminaliteit\n\nNr. 106\n\nBRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR\n\n"
                     "RECHTSBESCHERMING\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
                     "Den Haag, 7 juli 2023\n\nVorig jaar hebben wij uw Kamer geschreven.\n\n1. Inleiding\n\nTekst.\n")
    prepared = record_of(path)
    assert prepared.record.title == ("Brief van de Ministers van Justitie en Veiligheid en voor Rechtsbescherming "
                                     "(Jeugdcriminaliteit)")
    assert {c.section for c in prepared.chunks} == {None, "1. Inleiding"}  # no "RECHTSBESCHERMING" section
    scan = make_pdf(tmp_path / "scan.pdf", [["Gemeente Schiedam", "Schiedam, 14 februari 2024",
                                             "Onderwerp: raadsinformatiebrief voortgang Nieuwland Kenmerk: 2024-0213",
                                             "Geachte raadsleden,", "Met deze brief informeren wij u."]],
                    title="Scan 2024-02-16 0931")
    record = record_of(scan).record
    assert (record.title, record.kind) == ("Raadsinformatiebrief voortgang Nieuwland", "voortgangsrapportage")
