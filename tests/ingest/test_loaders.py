"""The file loaders of the ingest step, as a user would notice them.

PDFs are generated per test run by tests/pdf_fixtures.py (no binary fixtures in git); the report PDF is
the real report text laid out as a PDF.
"""

from __future__ import annotations

import logging
import re

import pytest

from ingest.loaders import MB, SUPPORTED_SUFFIXES, LoadError, load_document
from tests.pdf_fixtures import (
    make_corrupt_pdf,
    make_encrypted_pdf,
    make_pdf,
    make_scanned_pdf,
    report_as_pdf,
    report_pdf_pages,
    report_text_path,
)

LIMIT = 50 * MB

LONG = (
    "Het volgen van onderwijs en beschikken over een startkwalificatie zijn voor jongeren in kwetsbare "
    "posities belangrijke beschermende factoren. Daarom is het cruciaal voor de preventieaanpak dat jongeren "
    "veilig en goed onderwijs kunnen volgen. Voor sommige jongeren betekent dat extra aandacht en begeleiding."
)
BULLET = "In Heerlen worden docenten op de basisschool getraind in het herkennen van zorgelijke signalen."


def blocks(page) -> list[str]:
    return page.text.split("\n\n")


def load(path, max_bytes=LIMIT):
    return load_document(path, max_bytes)


def error_of(path, max_bytes=LIMIT) -> str:
    with pytest.raises(LoadError) as info:
        load_document(path, max_bytes)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# --- PDF -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "voortgang.pdf"
    pages = [
        ["# Onderwijs", LONG, "- " + BULLET, "- In totaal doen 431 jongeren mee aan deze aanpak."],
        ["# Werk en inkomen", "In totaal hebben 251 deelnemers een baan gekregen.", LONG],
        ["# Sociale netwerk", "In Tilburg zijn 25 gezinnen in zo'n aanpak betrokken."],
    ]
    make_pdf(path, pages, title="Voortgangsrapportage 2024", header="Preventie met Gezag — voortgang",
             footer="Rapportage 2024 — pagina {page}")
    return load(path)


def test_pdf_pages_are_numbered_from_one_with_the_right_text(three_pages):
    doc = three_pages
    assert doc.format == "pdf"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.label for p in doc.pages] == [None, None, None]
    assert "431 jongeren" in doc.pages[0].text
    assert "251 deelnemers" in doc.pages[1].text and "431" not in doc.pages[1].text
    assert "25 gezinnen" in doc.pages[2].text


def test_pdf_running_header_and_footer_are_removed(three_pages):
    for page in three_pages.pages:
        assert "voortgang" not in page.text.lower().replace("voortgangsrapportage", "")
        assert "pagina" not in page.text.lower()
        assert blocks(page)[0].startswith(("Onderwijs", "Werk en inkomen", "Sociale netwerk"))


def test_pdf_long_wrapped_paragraph_comes_back_as_one_block(three_pages):
    assert LONG in blocks(three_pages.pages[0])
    assert LONG in blocks(three_pages.pages[1])


def test_pdf_headings_stay_own_block_and_bullets_start_with_dash(three_pages):
    first = blocks(three_pages.pages[0])
    assert first[0] == "Onderwijs"
    assert "- " + BULLET in first
    assert "- In totaal doen 431 jongeren mee aan deze aanpak." in first


def test_pdf_metadata_title_and_creation_date(three_pages):
    assert three_pages.title == "Voortgangsrapportage 2024"
    assert three_pages.date == "2024-06-01"


@pytest.mark.parametrize("footer", ["{page}", "- {page} -", "Pagina {page} van 3"])
def test_pdf_bare_page_numbers_are_removed(tmp_path, footer):
    pages = [[f"Tekst op blad {word}."] for word in ("een", "twee", "drie")]
    doc = load(make_pdf(tmp_path / "n.pdf", pages, footer=footer))
    assert [p.text for p in doc.pages] == ["Tekst op blad een.", "Tekst op blad twee.", "Tekst op blad drie."]


def test_pdf_page_number_alone_on_a_short_document_is_removed(tmp_path):
    doc = load(make_pdf(tmp_path / "kort.pdf", [["Eén blad met tekst."]], footer="- {page} -"))
    assert doc.pages[0].text == "Eén blad met tekst."


def test_pdf_hyphenated_line_breaks_are_joined(tmp_path):
    text = (
        "In de wijk zijn 22 jongeren-\nwerkers getraind. PGA-experts vormen een kernteam in het zorg-\n"
        "en veiligheidsdomein, met een re-\nintegratieofficier."
    )
    doc = load(make_pdf(tmp_path / "afbreken.pdf", [[text]]))
    assert doc.pages[0].text == (
        "In de wijk zijn 22 jongerenwerkers getraind. PGA-experts vormen een kernteam in het zorg- "
        "en veiligheidsdomein, met een re-integratieofficier."
    )


def test_pdf_heading_after_a_line_without_final_punctuation_stays_its_own_block(tmp_path):
    pages = [["Scholen met een convenant:", "- Breda,", "- Tilburg", "# Werk en inkomen", "Negen gemeenten."]]
    doc = load(make_pdf(tmp_path / "kop.pdf", pages))
    assert blocks(doc.pages[0]) == [
        "Scholen met een convenant:", "- Breda,", "- Tilburg", "Werk en inkomen", "Negen gemeenten."
    ]


def test_pdf_chapter_running_header_with_page_number_is_removed():
    from ingest.pdf import strip_running_lines

    pages = [
        ["Hoofdstuk 1: Onderwijs 1", "Tekst een."],
        ["Hoofdstuk 1: Onderwijs 2", "Tekst twee."],
        ["Hoofdstuk 2: Werk 3", "Tekst drie."],
        ["Hoofdstuk 2: Werk 4", "Tekst vier."],
        ["Hoofdstuk 3: Netwerk 5", "Tekst vijf."],
    ]
    assert strip_running_lines(pages, [None] * 5) == [[line] for _, line in pages]


def test_pdf_keeps_accents_euro_and_typographic_quotes(tmp_path):
    text = "Het ‘kernteam’ heeft “óók” € 12,5 miljoen geïnventariseerd; ë ï é ü ó blijven staan."
    doc = load(make_pdf(tmp_path / "tekens.pdf", [[text]]))
    assert doc.pages[0].text == text


def test_pdf_page_labels_are_reported(tmp_path):
    doc = load(make_pdf(tmp_path / "labels.pdf", [["Eerste blad."], ["Tweede blad."]], page_labels_start=5))
    assert [(p.number, p.label) for p in doc.pages] == [(1, "5"), (2, "6")]


def test_pdf_without_metadata_title_uses_first_heading(tmp_path):
    doc = load(make_pdf(tmp_path / "zonder.pdf", [["# Lerende netwerken", LONG]]))
    assert doc.title == "Lerende netwerken"


def test_pdf_with_empty_user_password_opens(tmp_path):
    doc = load(make_encrypted_pdf(tmp_path / "open.pdf", user_password=""))
    assert "alleen met het wachtwoord te lezen" in doc.pages[0].text


# --- the real report as a PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if report_text_path() is None:
        pytest.skip("the report text is not available")
    path = report_as_pdf(tmp_path_factory.mktemp("report") / "rapportage.pdf")
    return path, load(path)


def test_report_pdf_round_trips_sentences_with_576_to_one_page(report):
    path, doc = report
    placed = report_pdf_pages(path)
    source = report_text_path().read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(source.split())) if "576" in s]
    assert sentences
    for sentence in sentences:
        found = [p.number for p in doc.pages if sentence in p.text]
        expected = [n for n, text in placed.items() if sentence in text]
        assert len(found) == 1 and found == expected, sentence


def test_report_pdf_has_no_running_header_or_footer_and_keeps_its_title(report):
    _, doc = report
    assert len(doc.pages) > 5
    assert doc.title.startswith("Rapportage Preventie met Gezag")
    assert blocks(doc.pages[0])[0] == "Rapportage Preventie met Gezag"  # the cover title, not the header
    for page in doc.pages:
        assert not re.search(r"Pagina \d", page.text)
        assert page.number == 1 or not page.text.startswith("Rapportage Preventie met Gezag")


def test_report_pdf_blocks_match_the_source_text(report):
    _, doc = report
    source = report_text_path().read_text(encoding="utf-8")
    source_blocks = {line.strip() for line in source.splitlines() if line.strip()}  # one block a line
    pdf_blocks = [b for page in doc.pages for b in blocks(page)]
    split = [b for b in pdf_blocks if b not in source_blocks]
    assert len(split) <= 2 * (len(doc.pages) - 1)  # only paragraphs cut by a page break differ
    for block in split:
        assert any(block in line or line.startswith(block[:40]) or line.endswith(block[-40:])
                   for line in source_blocks), block


# --- bad input --------------------------------------------------------------------------------------------


def test_empty_files_are_refused(tmp_path):
    (tmp_path / "leeg.txt").write_bytes(b"")
    (tmp_path / "spaties.md").write_text("  \n\n \t\n", encoding="utf-8")
    (tmp_path / "leeg.pdf").write_bytes(b"")
    for name in ("leeg.txt", "spaties.md", "leeg.pdf"):
        assert error_of(tmp_path / name) == f"{name}: the file is empty"


def test_too_large_file_is_refused_with_sizes(tmp_path):
    path = tmp_path / "groot.pdf"
    with open(path, "wb") as f:
        f.truncate(int(63.2 * MB))  # sparse: nothing is written or read
    assert error_of(path) == "groot.pdf: file is 63.2 MB, over the limit of 50 MB (PMG_MAX_FILE_MB)"


def test_unknown_extension_names_the_supported_ones(tmp_path):
    path = tmp_path / "notulen.odt"
    path.write_bytes(b"PK\x03\x04")
    message = error_of(path)
    assert message.startswith("notulen.odt: unsupported file type '.odt'")
    assert all(suffix in message for suffix in SUPPORTED_SUFFIXES)


def test_corrupt_pdf(tmp_path):
    message = error_of(make_corrupt_pdf(tmp_path / "kapot.pdf"))
    assert re.fullmatch(r"kapot\.pdf: not a readable PDF \(.+\)", message)


def test_html_saved_as_pdf_is_not_a_readable_pdf(tmp_path):
    path = tmp_path / "download.pdf"
    path.write_text("<!DOCTYPE html><html><body>Niet gevonden</body></html>", encoding="utf-8")
    assert error_of(path).startswith("download.pdf: not a readable PDF (no PDF header")


def test_broken_pdf_keeps_pypdf_warnings_out_of_the_terminal(tmp_path, capfd, caplog):
    caplog.set_level(logging.DEBUG)
    data = make_pdf(tmp_path / "a.pdf", [["Tekst."]]).read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[:300] + b"rommel" * 50 + data[600:])
    error_of(path)
    assert capfd.readouterr().err == ""
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").handlers == []


def test_password_protected_pdf(tmp_path):
    assert error_of(make_encrypted_pdf(tmp_path / "geheim.pdf")) == "geheim.pdf: the PDF is password-protected"


def test_scanned_pdf_without_text_layer(tmp_path):
    message = error_of(make_scanned_pdf(tmp_path / "scan.pdf"))
    # a page of bars, not letters: OCR (when installed) reads nothing, and without it the message says what is missing
    assert message in ("scan.pdf: the PDF has no text layer (scanned?) and OCR read no text from it",
                       "scan.pdf: the PDF has no text layer (scanned?) and OCR needs the Debian packages "
                       "tesseract-ocr and tesseract-ocr-nld (not installed)")


def test_binary_data_in_a_txt_file(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"tekst\x00\x01\x02 meer tekst")
    (tmp_path / "ruis.txt").write_bytes(bytes(range(1, 32)) * 20 + b"een beetje tekst")
    for name in ("nul.txt", "ruis.txt"):
        assert error_of(tmp_path / name) == f"{name}: looks like binary data, not text"


def test_directory_and_vanished_file_cannot_be_read(tmp_path):
    (tmp_path / "map.txt").mkdir()
    assert error_of(tmp_path / "map.txt") == "map.txt: cannot read the file (it is a directory)"
    assert error_of(tmp_path / "weg.txt") == "weg.txt: cannot read the file (no such file or directory)"


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "dicht.txt"
    path.write_text("geheim", encoding="utf-8")

    def refuse(self):  # chmod 0 does not stop root, so the refusal is simulated
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    assert error_of(path) == "dicht.txt: cannot read the file (permission denied)"


# --- plain text ---------------------------------------------------------------------------------------------


def test_cp1252_text_decodes(tmp_path):
    path = tmp_path / "oud.txt"
    path.write_bytes("Alle onderzoeken zijn geïnventariseerd: € 1,2 miljoen, ‘kernteam’.".encode("cp1252"))
    assert load(path).pages[0].text == "Alle onderzoeken zijn geïnventariseerd: € 1,2 miljoen, ‘kernteam’."


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffOnderwijs\n\nTekst met één zin.".encode("utf-8"))
    doc = load(path)
    assert doc.pages[0].text == "Onderwijs\n\nTekst met één zin."
    assert doc.title == "Onderwijs"


def test_text_is_normalised(tmp_path):
    path = tmp_path / "rommelig.txt"
    raw = (
        "Een e\ufb03ci\u00ebnte  aanpak\u00a0van\u2009de jongeren\u00adwerkers.\r\n\r\n"
        "\u2022 eerste punt\n* tweede punt"
    )
    path.write_text("cafe\u0301 " + raw, encoding="utf-8")
    assert load(path).pages[0].text == (
        "café Een efficiënte aanpak van de jongerenwerkers.\n\n- eerste punt\n\n- tweede punt"
    )


def test_hard_wrapped_text_is_joined_into_paragraphs(tmp_path):
    path = tmp_path / "smal.txt"
    path.write_text(
        "Lerende netwerken\n\nBinnen lerende netwerken komen verschillende partners uit zowel het\n"
        "zorg-, sociaal als veiligheidsdomein bij elkaar om samen te reflecteren op\n"
        "actuele problematiek.\n- school en veiligheid\n- specialistisch jongerenwerk\n",
        encoding="utf-8",
    )
    assert blocks(load(path).pages[0]) == [
        "Lerende netwerken",
        "Binnen lerende netwerken komen verschillende partners uit zowel het zorg-, sociaal als "
        "veiligheidsdomein bij elkaar om samen te reflecteren op actuele problematiek.",
        "- school en veiligheid",
        "- specialistisch jongerenwerk",
    ]


def test_the_real_report_text_loads_as_is(tmp_path):
    source = report_text_path()
    if source is None:
        pytest.skip("the report text is not available")
    doc = load(source)
    assert doc.format == "text" and doc.title == "Rapportage Preventie met Gezag" and doc.date is None
    assert [(p.number, p.label) for p in doc.pages] == [(None, None)]
    parts = [p.strip() for p in re.split(r"\n\s*\n", source.read_text(encoding="utf-8")) if p.strip()]
    one_line_parts = [p for p in parts if "\n" not in p]
    assert all(p in blocks(doc.pages[0]) for p in one_line_parts)
    assert "Met Preventie met Gezag zijn nu verdeeld over scholen in zes gemeenten 576 jongeren" in doc.pages[0].text


# --- Markdown and HTML ----------------------------------------------------------------------------------------

MARKDOWN = """---
title: Factsheet Alles Kidzzz
---
# Alles Kidzzz

Een **erkende** interventie voor *kinderen* onder de _12 jaar_,
zie [de databank](https://www.nji.nl) ![logo](logo.png).

## Resultaten

* minder agressie
* meer zelfcontrole
  - ook thuis

1. aanmelden
2. intake

```
python stap.py
```
"""


def test_markdown_headings_bullets_and_inline_markup(tmp_path):
    path = tmp_path / "factsheet.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = load(path)
    assert doc.format == "markdown" and doc.title == "Factsheet Alles Kidzzz"
    assert blocks(doc.pages[0]) == [
        "# Alles Kidzzz",
        "Een erkende interventie voor kinderen onder de 12 jaar, zie de databank.",
        "# Resultaten",
        "- minder agressie",
        "- meer zelfcontrole",
        "- ook thuis",
        "1. aanmelden",
        "2. intake",
        "python stap.py",
    ]


def test_markdown_title_falls_back_to_first_heading(tmp_path):
    path = tmp_path / "kort.markdown"
    path.write_text("Intro zonder kop.\n\n### Halt-spreekuur\n\nTekst.", encoding="utf-8")
    assert load(path).title == "Halt-spreekuur"


HTML = """<!DOCTYPE html><html><head><title>Wijkrechtspraak | Rijksoverheid</title>
<style>p { color: red }</style><script>var x = "niet tonen";</script></head>
<body><nav><a href="/">Home</a> <a href="/menu">Menu</a></nav>
<main><h1>Wijkrechtspraak</h1>
<p>Het doel van wijkrechtspraak is om effectief bij te dragen
aan het oplossen van <b>meervoudige</b> problemen.</p>
<div>Op dit moment in zes gemeenten:</div>
<ul><li>Rotterdam</li><li>Amsterdam<br>en Heerlen</li></ul>
<h3>Stappen</h3><ol><li>Aanmelden</li><li><p>Zitting in de wijk</p></li></ol>
</main><footer>© Rijksoverheid</footer></body></html>"""


def test_html_headings_lists_and_paragraphs(tmp_path):
    path = tmp_path / "wijkrechtspraak.html"
    path.write_text(HTML, encoding="utf-8")
    doc = load(path)
    assert doc.format == "html" and doc.title == "Wijkrechtspraak | Rijksoverheid"
    assert blocks(doc.pages[0]) == [
        "# Wijkrechtspraak",
        "Het doel van wijkrechtspraak is om effectief bij te dragen aan het oplossen van meervoudige problemen.",
        "Op dit moment in zes gemeenten:",
        "- Rotterdam",
        "- Amsterdam en Heerlen",
        "# Stappen",
        "1. Aanmelden",
        "2. Zitting in de wijk",
    ]


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "leeg.htm"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>", encoding="utf-8")
    assert error_of(path) == "leeg.htm: no readable text in the file"


def test_pdf_footnotes_stand_apart_and_a_sentence_cut_by_the_page_break_is_read_whole(tmp_path):
    # a letter's page 1 ends mid-sentence above its footnote; page 2 opens with the letter's margin, then the rest
    pages = [["De raad ontvangt deze zomer het eerste verslag.¹ Daarin staat per wijk welke activiteiten de gemeente",
              "1 Het verslag gebruikt de cijfers die de wijkteams op 1 maart 2024 hadden."],
             ["12 mei 2024", "Ons kenmerk", "4711", "extra inzet en hoeveel jongeren daarmee bereikt zijn.",
              "Wij houden u op de hoogte."]]
    doc = load(make_pdf(tmp_path / "brief.pdf", pages))
    first, second = blocks(doc.pages[0]), blocks(doc.pages[1])
    assert ("Daarin staat per wijk welke activiteiten de gemeente extra inzet en hoeveel jongeren daarmee bereikt "
            "zijn.") in first[0]
    assert first[-1] == "1 Het verslag gebruikt de cijfers die de wijkteams op 1 maart 2024 hadden."
    assert second[:3] == ["12 mei 2024", "Ons kenmerk", "4711"] and "extra inzet" not in doc.pages[1].text


def test_pdf_a_footnote_glued_under_the_last_line_is_a_block_of_its_own(tmp_path):
    pages = [["Vorig jaar schreven wij de raad over het plan.1 Een wijk ontvangt tussen € 1 en € 2 miljoen per "
              "jaar.2\n1 Raadsbrief 2023, nr. 12.\n2 De verdeling volgt het aantal jongeren in de wijk."]]
    doc = load(make_pdf(tmp_path / "noten.pdf", pages))
    assert blocks(doc.pages[0])[-2:] == ["1 Raadsbrief 2023, nr. 12.",
                                         "2 De verdeling volgt het aantal jongeren in de wijk."]
