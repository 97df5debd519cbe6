"""When documents disagree, end to end on a real index (the real report, the real e5 embedder, embedded Chroma):
the newest figure leads, earlier ones follow with their documents' dates, the same figure twice is one answer, a
question about a time gets that time's figure, and an upload that contradicts the corpus is shown beside it, marked.

The note and the upload are TEST FIXTURES written here (generated PDFs), not programme documents: their figures
are made up to differ from the report's.
"""

from __future__ import annotations

import shutil

import pytest

from assistant.service import Assistant
from ingest.pipeline import ingest
from tests.conftest import CORPUS, make_settings
from tests.pdf_fixtures import make_pdf

NOTE = [  # dated in its own text, after the report (June 2024)
    "Notitie voortgang Preventie met Gezag",
    "Den Haag, 3 februari 2025",
    "Stand van de interventies",
    "Met Preventie met Gezag zijn nu 640 jongeren extra aangemeld voor de sportinterventie AJB.",
    "In totaal wordt met Preventie met Gezag in zes gemeenten op 18 scholen het Halt-spreekuur ingezet.",
    "Deelnemende gemeenten",
    "Inmiddels doen 47 gemeenten mee met Preventie met Gezag.",
    "Doelgroep",
    "Vanaf dit jaar richt AJB zich op jongeren van 10 tot en met 14 jaar.",
]
UPLOAD = [
    "Aantekening van een gebruiker over AJB",
    "Datum: 10 oktober 2025",
    "Via Preventie met Gezag zijn 999 jongeren extra aangemeld voor de sportinterventie AJB.",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> Assistant:
    base = tmp_path_factory.mktemp("conflicts")
    shutil.copytree(CORPUS, base / "corpus")
    make_pdf(base / "corpus" / "notitie-voortgang-2025.pdf", [NOTE], title=NOTE[0])
    settings = make_settings(base / "index", base / "corpus")
    upload = settings.uploads / "a1b2" / "aantekening-ajb.pdf"  # where Uploads keeps a file: uploads/<digest>/<name>
    upload.parent.mkdir(parents=True)
    make_pdf(upload, [UPLOAD], title=UPLOAD[0])
    report = ingest([settings.corpus_dir, upload], settings)
    assert not report.errors, report.errors
    return Assistant(settings)


def test_the_newest_figure_leads_and_the_earlier_one_follows_with_its_date(both):
    answer = both.ask("Hoeveel jongeren zijn extra aangemeld voor AJB?")
    lead = answer.lead or ""
    assert answer.conflict
    assert lead.startswith("640 jongeren (3 februari 2025)"), lead
    assert lead.index("640 jongeren") < lead.index("eerder 576 jongeren (juni 2024)"), lead
    first, second = (next(c for c in answer.citations if c.n == f.citations[0]) for f in answer.figures[:2])
    assert (first.document_id, first.date) == ("notitie-voortgang-2025", "2025-02-03")
    assert "576" in second.quote and second.date == "2024-06"
    assert [f.value for f in answer.figures[:2]] == ["640 jongeren", "576 jongeren"]


def test_an_upload_that_contradicts_the_corpus_is_shown_beside_it_marked(both):
    answer = both.ask("Hoeveel jongeren zijn extra aangemeld voor AJB?")
    lead = answer.lead or ""
    assert "geüpload: 999 jongeren (10 oktober 2025)" in lead, lead
    assert lead.index("576") < lead.index("999"), "the upload's figure comes after the corpus's, never in its place"
    upload = next(f for f in answer.figures if f.origin == "upload")
    assert upload.value == "999 jongeren"
    assert all(c.origin == "upload" for c in answer.citations if c.n in upload.citations)
    assert all(c.origin == "corpus" for c in answer.citations if c.n not in upload.citations)


def test_the_same_figure_in_two_documents_is_one_answer_with_two_citations(both):
    answer = both.ask("Op hoeveel scholen wordt het Halt-spreekuur ingezet?")
    assert not answer.conflict and not answer.figures
    assert answer.lead.startswith("18 scholen [1] [2]"), answer.lead
    assert {c.document_id for c in answer.citations[:2]} == {"notitie-voortgang-2025",
                                                             "rapportage-preventie-met-gezag-2024"}


def test_a_question_about_a_time_gets_that_times_figure_then_the_newer_one(both):
    answer = both.ask("Hoeveel jongeren waren er in juni 2024 extra aangemeld voor AJB?")
    lead = answer.lead or ""
    assert lead.startswith("576 jongeren"), lead
    assert "nieuwer: 640 jongeren (3 februari 2025)" in lead, lead


@pytest.mark.xfail(strict=True, reason="known defect: with sentence vectors under their title and heading, the report's "
                   "'... 576 jongeren extra aangemeld voor deze interventie' (AJB named only in the sentence before) is "
                   "far less close to an English question than the fixtures' one-line documents titled by AJB, so it "
                   "falls under the agree band and the lead shows 640 and the upload's 999 without the report's 576")
def test_english_questions_get_the_figures_with_english_dates(both):
    answer = both.ask("How many young people were additionally registered for AJB?")
    assert answer.conflict
    assert answer.lead.startswith("640 jongeren (3 February 2025)"), answer.lead
    assert "earlier 576 jongeren (June 2024)" in answer.lead


def test_how_many_municipalities_gives_the_notes_count_then_the_reports(both):
    answer = both.ask("Hoeveel gemeenten doen mee?")
    lead = answer.lead or ""
    assert answer.conflict, lead
    assert lead.startswith("47 gemeenten (3 februari 2025)"), lead
    assert "eerder 27 gemeenten (juni 2024)" in lead, lead


def test_english_how_many_municipalities_gives_the_reports_27(both):
    lead = both.ask("How many municipalities take part?").lead or ""
    assert lead.startswith("47 gemeenten (3 February 2025)"), lead
    assert "earlier 27 gemeenten (June 2024)" in lead, lead


def test_documents_that_name_different_ages_are_both_shown_newest_first(both):
    answer = both.ask("Voor welke leeftijd is AJB?")
    lead = answer.lead or ""
    assert answer.conflict, lead
    assert lead.startswith("van 10 tot en met 14 jaar (3 februari 2025)"), lead
    assert "eerder" in lead and "12 tot en met 18 jaar (juni 2024)" in lead, lead


def test_the_api_carries_the_disagreement_as_data(both):
    data = both.ask("Hoeveel jongeren zijn extra aangemeld voor AJB?").model_dump(mode="json")
    assert data["conflict"] is True
    assert [f["date"] for f in data["figures"]][:2] == ["2025-02-03", "2024-06"]
    assert {c["origin"] for c in data["citations"]} == {"corpus", "upload"}
