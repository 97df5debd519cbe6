"""The catalogue of examples (ingest/examples.py, ingest/places.py, assistant/catalogue.py): what a host finds on
the real report, indexed with the real e5 embedder into real Chroma (``corpus_index``), and how the catalogue
follows its documents when they change or go."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from assistant import catalogue
from assistant.errors import UnprocessableError
from ingest.examples import figures
from ingest.places import DATA, gazetteer
from tests.conftest import CORPUS, make_settings

ISSUE_PLACES = ["Nieuwegein", "Eindhoven", "Heerlen", "Den Haag", "Arnhem", "Groningen", "Zaanstad", "Schiedam",
                "Amsterdam", "Tilburg", "Lelystad", "Utrecht", "Breda", "Leeuwarden", "Rotterdam", "Parkstad"]


@pytest.fixture(scope="module")
def store(assistant):
    return assistant.store


# --- the municipalities ----------------------------------------------------------------------------------------


def test_the_data_file_holds_the_342_municipalities_of_2024_and_names_its_source():
    rows = list(csv.DictReader(open(DATA / "gemeenten-2024.csv", encoding="utf-8")))
    assert len(rows) == 342 and len({r["code"] for r in rows}) == 342
    names = {r["name"] for r in rows}
    assert {"Voorne aan Zee", "'s-Gravenhage", "Dijk en Waard", "Súdwest-Fryslân"} <= names
    assert not {"Weesp", "Brielle", "Hellevoetsluis", "Westvoorne"} & names  # merged before 2024
    assert "Gemeentelijke indeling op 1 januari 2024" in (DATA / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "places"), [
    ("Het Arnhemse Prospect 4 Cash helpt jongeren.", ["Arnhem"]),
    ("In de Utrechtse proeftuin en in de Utrechtse Heuvelrug", ["Utrecht", "Utrechtse Heuvelrug"]),
    ("De gemeente Den Haag en ’s-Hertogenbosch (Den Bosch)", ["Den Haag", "'s-Hertogenbosch", "'s-Hertogenbosch"]),
    ("Projectleider Selma Kuijpers van Halt, Preventie met Gezag en het NJI", []),  # capitalised, no municipality
    ("In de wijken Poelenburg en Nieuwland van de Jaarbeurs", []),
    ("Best practices: Leiden tot betere keuzes, Houten banken.", []),  # also ordinary words
    ("Diemen, Gouda, Haarlem en Leiden; scholen in Best", ["Diemen", "Gouda", "Haarlem", "Leiden", "Best"]),
    ("Den Haag, 7 juli 2023", []),  # a dateline
    ("Postbus 20301, 2500 EH Den Haag", []),  # an address
    ("in de provincie Groningen", []),
    ("Mail preventiemetgezag@zaanstad.nl of kijk op www.utrecht.nl", []),
    ("het Zorg- en Veiligheidshuis Parkstad", ["Parkstad"]),
])
def test_places_are_recognised_from_the_list_only(text, places):
    assert [m.place.name for m in gazetteer().find(text)] == places


def test_a_user_may_write_a_municipality_as_people_do():
    assert catalogue.resolve_place("den haag") == catalogue.resolve_place("'s-Gravenhage") == "Den Haag"
    assert catalogue.resolve_place("Den Bosch") == "'s-Hertogenbosch"
    with pytest.raises(UnprocessableError, match="geen gemeente"):
        catalogue.resolve_place("Gotham")


@pytest.mark.parametrize(("text", "expected"), [
    ("In Tilburg zijn 25 gezinnen in zo'n aanpak betrokken, waarvan er nog 14 in intensieve begeleiding zitten.",
     ["25 gezinnen", "nog 14 in intensieve begeleiding"]),
    ("Door twee extra fte konden tot en met 31 januari 2024 32 jongeren worden begeleid.",
     ["twee extra fte", "32 jongeren"]),
    ("jongeren tussen de 16 en 27 jaar, sinds 2022, in de eerste zeven maanden", []),  # ages, years, durations
    ("In totaal hebben de boa's voor 166 officiële waarschuwingen gezorgd.", ["166 officiële waarschuwingen"]),
    ("Het Arnhemse Prospect 4 Cash; de acht gemeenten die beginnen; achtergebleven ouders", []),
    ("Voor 2024 ontvangt Schiedam een rijksbijdrage van € 2.050.000.", ["€ 2.050.000"]),
])
def test_figures_are_a_number_with_what_it_counts(text, expected):
    assert figures(text) == expected


# --- the catalogue of the report -------------------------------------------------------------------------------


def test_the_report_has_an_example_for_each_municipality_the_issue_lists(store):
    found = catalogue.select(store)
    assert set(ISSUE_PLACES) <= set(found.municipalities), set(ISSUE_PLACES) - set(found.municipalities)
    chunks = store.get_chunks(list({e.citation.chunk_id for e in found.examples}))
    for e in found.examples:
        assert e.citation.quote in chunks[e.citation.chunk_id].text  # verbatim
        named = {m.place.name for m in gazetteer().find(e.citation.quote)}
        assert e.municipality in named, (e.municipality, e.citation.quote)  # the quote names its place
        assert e.citation.document.startswith("Rapportage Preventie met Gezag")
        assert e.summary in " ".join(e.citation.quote.split()) or e.summary.endswith("…")


def test_tilburg_gives_only_tilburg_the_25_families_among_them(store):
    found = catalogue.select(store, municipality="Tilburg")
    assert found.examples and all("Tilburg" in e.citation.quote for e in found.examples)
    families = [e for e in found.examples if "25 gezinnen" in e.figures]
    assert len(families) == 1
    assert "familieaanpak" in families[0].intervention and "nog 14 in intensieve begeleiding" in families[0].figures
    assert families[0].theme == "sociale netwerk" and families[0].theme_source == "heading"
    assert found.message == f"{len(found.examples)} voorbeelden voor Tilburg."


def test_a_municipality_the_documents_do_not_name_gives_none_and_says_so(store):
    found = catalogue.select(store, municipality="Maastricht")
    assert found.examples == [] and found.message == "Geen voorbeelden voor Maastricht in de documenten."
    assert found.municipalities  # the facets still show where there are examples


def test_onderwijs_gives_only_onderwijs_nieuwegeins_halt_spreekuur_among_them(store):
    found = catalogue.select(store, theme="Onderwijs")
    assert found.examples and {e.theme for e in found.examples} == {"onderwijs"}
    nieuwegein = [e for e in found.examples if e.municipality == "Nieuwegein"]
    assert nieuwegein and nieuwegein[0].intervention == "Halt-spreekuur"
    assert {"twee scholen", "33 leerlingen"} <= set(nieuwegein[0].figures)
    assert found.themes["onderwijs"] == len(found.examples)


def test_interventions_are_named_as_the_report_names_them(store):
    named = {(e.municipality, e.intervention) for e in catalogue.select(store).examples}
    assert {("Amsterdam", "Wijk Actie Teams"), ("Arnhem", "Prospect 4 Cash"), ("Heerlen", "De Preventieve Leerkracht"),
            ("Leeuwarden", "multi-team"), ("Breda", "multidisciplinair schakelteam"),
            ("Tilburg", "wijkrechtspraak")} <= named


def test_themes_come_from_headings_and_otherwise_from_the_embedder(store):
    by = {(e.municipality, e.theme, e.theme_source) for e in catalogue.select(store).examples}
    assert ("Utrecht", "zorg en veiligheid", "heading") in by  # "Samenwerking tussen zorg en veiligheid"
    assert ("Rotterdam", "criminaliteit en re-integratie", "heading") in by
    # "1. Positieve ondersteuning" is no theme's heading: the embedder chose one of the themes
    zaanstad = [t for m, t, s in by if m == "Zaanstad" and s == "embedder"]
    assert zaanstad and zaanstad[0] in catalogue.THEME_NAMES


def test_words_and_theme_filter_together_and_facets_count_the_rest(store):
    found = catalogue.select(store, theme="sociaal netwerk", q="gezinnen")
    assert {e.municipality for e in found.examples} == {"Tilburg", "Lelystad"}
    assert found.municipalities == {"Lelystad": 1, "Tilburg": 1}
    with pytest.raises(UnprocessableError, match="Onbekend thema"):
        catalogue.select(store, theme="sport")
    with pytest.raises(UnprocessableError, match="te lang"):
        catalogue.select(store, q="x" * 201)


def test_exports_carry_the_citations(store):
    chosen = catalogue.select(store, municipality="Tilburg").examples
    rows = list(csv.reader(io.StringIO(catalogue.to_csv(chosen))))
    assert rows[0] == catalogue.CSV_COLUMNS and len(rows) == len(chosen) + 1
    assert all(r[0] == "Tilburg" and r[6] == "rapportage-preventie-met-gezag-2024.txt" for r in rows[1:])
    md = catalogue.to_markdown(chosen)
    assert "## Tilburg" in md and "## Bronnen" in md
    assert re.search(r"\[1\] Rapportage Preventie met Gezag.*rapportage-preventie-met-gezag-2024\.txt", md)


# --- rebuilt with its document ---------------------------------------------------------------------------------


def test_examples_follow_their_document_through_change_and_removal(tmp_path):
    from ingest.pipeline import ingest, open_store

    folder = tmp_path / "docs"
    folder.mkdir()
    note = folder / "verslag.txt"
    note.write_text("Verslag\n\nSociale netwerk\n\n- In Breda zijn 12 gezinnen in de familieaanpak opgenomen.\n",
                    encoding="utf-8")
    settings = make_settings(tmp_path / "index", folder)
    ingest([folder], settings)
    store = open_store(settings)
    assert [(e.municipality, e.figures) for e in catalogue.select(store).examples] == [("Breda", ["12 gezinnen"])]
    note.write_text("Verslag\n\nSociale netwerk\n\n- In Tilburg zijn 9 gezinnen in de familieaanpak opgenomen.\n",
                    encoding="utf-8")
    ingest([folder], settings)
    store = open_store(settings)
    assert [e.municipality for e in catalogue.select(store).examples] == ["Tilburg"]
    assert catalogue.select(store, municipality="Breda").message == "Geen voorbeelden voor Breda in de documenten."
    shutil.copy(CORPUS / "rapportage-preventie-met-gezag-2024.txt", folder / "rapport.txt")
    note.unlink()
    ingest([folder], settings)
    store = open_store(settings)
    found = catalogue.select(store)
    assert "Tilburg" in found.municipalities and {e.citation.source for e in found.examples} == {"rapport.txt"}


def test_a_rebuilt_catalogue_leaves_other_processes_stores_working(tmp_path):
    """New extraction rules empty the catalogue in place: a store opened before (a serving process) still deletes
    and reads (a dropped and recreated collection failed its next write)."""
    from ingest import examples
    from ingest.pipeline import ingest, open_store

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Verslag\n\nSociale netwerk\n\n- In Breda zijn 12 gezinnen in de familieaanpak "
                                  "opgenomen.\n", encoding="utf-8")
    settings = make_settings(tmp_path / "index", folder)
    ingest([folder], settings)
    serving = open_store(settings)
    writer = open_store(settings)
    writer.reset_examples("older rules")
    assert examples.sync(writer, settings.embedder) == {"a": 1}
    assert [r["municipality"] for r in serving.example_records()] == ["Breda"]
    serving.delete_document("a")
    assert writer.example_records() == [] and writer.examples_done() == set()
