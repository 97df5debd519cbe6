"""How the chat writes answers and sources (ui.render) and its error texts (assistant.messages): no server needed."""

from __future__ import annotations

import re
import string

import pytest

from assistant import messages
from assistant.errors import NoIndexError, QuestionError, UserError
from assistant.types import Answer, Citation, Filters
from ui.render import long_date, make_filters, render_answer, source_line, year_range

TITLE = "Rapportage Preventie met Gezag: aanpak georganiseerde, ondermijnende jeugdcriminaliteit"


def cite(n: int, quote: str, page: int | None = 4, section: str | None = "Onderwijs") -> Citation:
    return Citation(n=n, document=TITLE, document_id="rapportage", kind="voortgangsrapportage", date="2024-06",
                    source="rapportage.pdf", page=page, section=section, quote=quote, chunk_id=f"rapportage:{n}",
                    score=0.5)


@pytest.mark.parametrize("date, nl, en", [
    ("2024-06", "juni 2024", "June 2024"), ("2023-07-04", "4 juli 2023", "4 July 2023"), ("2024", "2024", "2024"),
    ("2024-13", "2024-13", "2024-13"), (None, None, None)])
def test_dates_are_written_out(date, nl, en):
    assert long_date(date, "nl") == nl and long_date(date, "en") == en


def test_year_range_filters():
    assert make_filters("Alle", year_range("2023", "2025")) == Filters(year_from=2023, year_to=2025)
    assert make_filters("kamerbrief", year_range("2023", "Alle")) == Filters(kind="kamerbrief", year_from=2023)
    assert make_filters(None, year_range("Alle", "2022")) == Filters(year_to=2022)
    assert make_filters(None, "2024") == Filters(year_from=2024, year_to=2024)  # one year, as the examples tab has it
    assert make_filters(None, year_range("2025", "2023")) == Filters(year_from=2023, year_to=2025)
    assert make_filters("Alle", year_range("Alle", "Alle")) is None


def test_an_answer_is_markdown_with_its_sources_written_out_and_told_apart():
    answer = Answer(question="Hoeveel scholen doen mee?", answered=True, answer="12 scholen [1] en 3 mbo's [2]",
                    citations=[cite(1, "In Tilburg doen 12 scholen mee aan de aanpak."),
                               cite(2, "Daarnaast doen drie mbo's mee in de regio."),
                               cite(3, "Een andere bladzijde.", page=9)])
    text = render_answer(answer, filters=Filters(kind="voortgangsrapportage", year_from=2024, year_to=2024))
    assert "<" not in text and "style=" not in text
    assert text.startswith("**Uit de documenten** · _Gezocht in: voortgangsrapportage, 2024_")
    lines = [line for line in text.splitlines() if line.startswith("- [")]
    assert lines[0] == ("- [1] Rapportage Preventie met Gezag: aanpak…, juni 2024, p. 4, Onderwijs: "
                        "“In Tilburg doen 12 scholen mee aan…”")
    assert lines[1].endswith("“Daarnaast doen drie mbo's mee in de…”")
    assert lines[2] == "- [3] Rapportage Preventie met Gezag: aanpak…, juni 2024, p. 9, Onderwijs"  # unlike the rest
    assert len(set(lines)) == 3


def test_an_english_question_gets_an_english_frame_and_dates():
    answer = Answer(question="How many schools take part?", answered=True, answer="12 scholen [1]",
                    citations=[cite(1, "In Tilburg doen 12 scholen mee.")])
    text = render_answer(answer)
    assert text.startswith("**From the documents**") and "**Sources**" in text and "June 2024" in text
    assert source_line(cite(1, "x"), "en") == "[1] Rapportage Preventie met Gezag: aanpak…, June 2024, p. 4, Onderwijs"


def test_a_refusal_lists_each_passage_once_with_its_text():
    same = cite(1, "De rapportage noemt 576 jongeren in zes gemeenten.")
    answer = Answer(question="Hoeveel jongeren in Maastricht?", answered=False, answer="Dat staat niet in de "
                    "documenten.", related=[same, same.model_copy(update={"n": 2}), cite(3, "Iets anders.", page=2)],
                    suggestions=["Hoeveel jongeren zijn extra aangemeld voor AJB?"])
    text = render_answer(answer)
    assert text.count("576 jongeren in zes gemeenten") == 1 and "Iets anders." in text
    assert text.endswith("**Deze vragen beantwoorden de documenten wel:**\n\n- Hoeveel jongeren zijn extra "
                         "aangemeld voor AJB?") and "Bronnen" not in text
    assert "Deze vragen" not in render_answer(answer.model_copy(update={"suggestions": []}))  # none: no heading


def test_an_answer_lists_its_follow_ups_in_its_language():
    answer = Answer(question="How many schools take part?", answered=True, answer="12 scholen [1]",
                    citations=[cite(1, "In Tilburg doen 12 scholen mee.")],
                    suggestions=["How many teachers were trained?", "What do the documents say about Onderwijs?"])
    text = render_answer(answer)
    assert text.endswith("**Follow-up questions the documents answer:**\n\n- How many teachers were trained?\n"
                         "- What do the documents say about Onderwijs?")
    assert "Follow-up" not in render_answer(answer, "12 scholen", sources=False)  # not while it streams in


def test_every_message_has_dutch_and_english_and_no_setting_names():
    for code, entry in messages.CATALOGUE.items():
        assert set(entry) <= {"nl", "en", "hint"} and {"nl", "en"} <= set(entry), code
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} - {"hint"}
                  for lang in ("nl", "en")}
        assert fields["nl"] <= fields["en"], code  # the Dutch may leave out what is for the operator (a path)
        assert "PMG_" not in entry["nl"] and "PMG_" not in entry["en"], code  # only the hint names a setting
        assert "{hint}" in entry["en"] if "hint" in entry else True, code


def test_errors_speak_the_users_language_and_the_api_keeps_its_text():
    exc = QuestionError(code="question_too_long", chars=1259, limit=1000)
    assert str(exc) == "The question is 1259 characters long; the limit is 1000 (PMG_MAX_QUESTION_CHARS)."
    assert exc.text("nl") == "De vraag is 1259 tekens lang; er passen er 1000 in. Stel de vraag korter."
    assert exc.text("en") == "The question is 1259 characters long; the limit is 1000."
    assert re.search(r"pmg ingest", NoIndexError("/srv/index").text("nl")) and "/srv" not in \
        NoIndexError("/srv/index").text("nl")
    assert UserError("Cannot reach the Chroma server.").text("nl") == "Dat lukte niet: Cannot reach the Chroma server."


def test_a_source_from_an_upload_says_so_in_its_line():
    uploaded = cite(2, "Via Preventie met Gezag zijn 999 jongeren extra aangemeld.").model_copy(update={"origin": "upload"})
    assert source_line(uploaded) == "[2] Rapportage Preventie met Gezag: aanpak…, geüpload, juni 2024, p. 4, Onderwijs"
    assert "uploaded, June 2024" in source_line(uploaded, "en")
    assert "geüpload" not in source_line(cite(1, "x"))


def test_a_list_answer_is_a_bullet_list_and_copies_clean():
    levels = ["Positieve ondersteuning [2]", "Intensieve begeleiding op meerdere leefgebieden [3]",
              "Specialistische aanpak [4]"]
    lead = "; ".join(levels)
    quote = "Bij de preventieve aanpak van jeugdcriminaliteit worden jongeren op verschillende niveaus begeleid."
    answer = Answer(question="Op welke drie niveaus worden jongeren begeleid?", answered=True, lead=lead,
                    answer=f"{lead}\n\n> “{quote}” [1]", citations=[cite(1, quote)])
    text = render_answer(answer)
    body = text.split("\n\n", 1)[1]
    assert body.startswith("- Positieve ondersteuning [2]\n- Intensieve begeleiding op meerdere leefgebieden [3]\n"
                           "- Specialistische aanpak [4]\n\n> “Bij de preventieve")
    assert "; " not in body.split("\n\n")[0] and "<" not in text  # Markdown, no markup in what is copied
    # an announced list's items, one citation: lower-case items start with a capital, the marker stays at the end
    themes = answer.model_copy(update={"question": "Welke subdoelen zijn er?", "lead": "onderwijs; werk en inkomen [1]",
                                       "answer": "onderwijs; werk en inkomen [1]\n\n> “...” [1]"})
    assert render_answer(themes).split("\n\n")[1] == "- Onderwijs\n- Werk en inkomen [1]"


def test_answers_joined_by_semicolons_that_are_no_list_stay_one_line():
    two_parts = Answer(question="Hoeveel jongeren doen mee, en in hoeveel gemeenten?", answered=True,
                       lead="431 jongeren [1]; drie gemeenten [1]", answer="431 jongeren [1]; drie gemeenten [1]\n\n> “x” [1]")
    assert render_answer(two_parts).split("\n\n")[1] == "431 jongeren [1]; drie gemeenten [1]"
    disagree = Answer(question="Welke gemeenten doen mee?", answered=True, conflict=True,
                      lead="47 gemeenten (19 juni 2025) [1]; eerder 27 gemeenten (juni 2024) [2]",
                      answer="47 gemeenten (19 juni 2025) [1]; eerder 27 gemeenten (juni 2024) [2]\n\n> “x” [1]")
    assert render_answer(disagree).split("\n\n")[1].startswith("47 gemeenten (19 juni 2025) [1]; eerder")
