"""The Gradio chat of the real server, through `gradio_client` (in a real browser: tests/ui/test_browser.py)."""

from __future__ import annotations

import re

import pytest

from tests.ui.conftest import AJB_QUESTION

REPORT = "Rapportage Preventie met Gezag"


@pytest.fixture(scope="module")
def gradio(live_server):
    from gradio_client import Client

    return Client(f"{live_server}/", verbose=False)


def last_text(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


def test_ask_shows_answer_and_sources(gradio):
    chat, sources, _passage, box, _thanks = gradio.predict(AJB_QUESTION, api_name="/ask")
    assert chat[0]["role"] == "user" and chat[-1]["role"] == "assistant"
    text = last_text(chat)
    assert "576" in text and "**Uit de documenten**" in text and "<" not in text  # Markdown only: copied clean
    assert "**Bronnen**" in text and f"- [1] {REPORT}" in text and "juni 2024" in text and "2024-06" not in text
    label, ref = sources["choices"][0]
    assert label.startswith("[1] · “Met Preventie met Gezag") and ref.endswith(":1")
    assert box == ""
    # opening the source shows the quoted passage, highlighted, in its surrounding text, with its facts and a link
    pick, panel = gradio.predict(ref, api_name="/open_source")
    assert pick["value"] == ref
    assert "<mark>" in panel and "576 jongeren" in panel.split("<mark>")[1].split("</mark>")[0]
    assert "<dt>Sectie</dt><dd>Persoonlijke en psychologische ontwikkeling</dd>" in panel
    assert "<dt>Datum</dt><dd>juni 2024</dd>" in panel and "Open het document bij deze passage" in panel
    assert '/bron/rapportage-preventie-met-gezag-2024?exp=' in panel


def test_every_answer_of_the_conversation_keeps_its_sources(gradio):
    _, first, *_ = gradio.predict("Welke gemeenten hebben wijkrechtspraak?", api_name="/ask")
    _, second, *_ = gradio.predict(AJB_QUESTION, api_name="/ask")
    earlier, later = first["choices"][0][1], second["choices"][0][1]
    assert earlier != later
    _, panel = gradio.predict(earlier, api_name="/open_source")  # the first answer's source, after the second
    assert "wijkrechtspraak" in panel.lower() and "576 jongeren" not in panel
    _, same = gradio.predict("99:1", api_name="/open_source")  # no such answer: the panel stays as it is
    assert isinstance(same, dict) and same.get("__type__") == "update" and "value" not in same.get("props", {})


def test_an_english_question_gets_an_english_frame(gradio):
    chat, *_ = gradio.predict("How many young people were additionally registered for AJB?", api_name="/ask")
    text = last_text(chat)
    assert "**From the documents**" in text and "**Sources**" in text and "June 2024" in text
    assert "Uit de documenten" not in text and "Bronnen" not in text


def test_refusal_shows_the_nearest_text_and_questions_that_are_answered(gradio):
    chat, sources, *_ = gradio.predict("Wat is de hoofdstad van Frankrijk?", api_name="/ask")
    text = last_text(chat)
    assert "**Niet in de documenten**" in text and "Bronnen" not in text
    related = text.split("**Verwant")[1].split("**Deze vragen")[0]
    items = [line for line in related.splitlines() if line.startswith("- [")]
    quotes = [line for line in related.splitlines() if line.strip().startswith(">")]
    assert 1 <= len(items) <= 3 and len(quotes) == len(items) and len(set(quotes)) == len(quotes)
    suggestions = text.split("**Deze vragen beantwoorden de documenten wel:**")[1].strip().splitlines()
    assert suggestions and all(line.startswith("- ") and line.endswith("?") for line in suggestions)


def test_an_answer_offers_follow_ups_that_are_answered(gradio, ui_assistant):
    chat, *_ = gradio.predict(AJB_QUESTION, api_name="/ask")
    text = last_text(chat)
    follow = text.split("**Vervolgvragen die de documenten beantwoorden:**")[1].strip().splitlines()
    assert 1 <= len(follow) <= 3 and all(line.startswith("- Hoeveel") or line.startswith("- Wat") for line in follow)
    for line in follow:
        assert ui_assistant.ask(line[2:], suggest=False).answered, line


def test_user_error_is_a_message_in_the_questions_language(gradio):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as dutch:
        gradio.predict("Hoeveel jongeren " + "x" * 1001, api_name="/ask")
    assert str(dutch.value) == "De vraag is 1018 tekens lang; er passen er 1000 in. Stel de vraag korter."
    with pytest.raises(AppError) as english:
        gradio.predict("How many young people " + "really " * 150, api_name="/ask")
    assert str(english.value) == "The question is 1071 characters long; the limit is 1000."


def test_filters_narrow_the_answer_and_show(gradio):
    chat, *_ = gradio.predict(AJB_QUESTION, kind_v="voortgangsrapportage", years_v="2024-2025", api_name="/ask")
    assert "_Gezocht in: voortgangsrapportage, 2024–2025_" in last_text(chat)
    chat, *_ = gradio.predict(AJB_QUESTION, kind_v="Alle", years_v="2019-2020", api_name="/ask")
    assert "**Niet in de documenten**" in last_text(chat)  # the report is of 2024: nothing in those years


def test_export_is_markdown(gradio):
    chat, *_ = gradio.predict(AJB_QUESTION, api_name="/ask")
    got = gradio.predict(chat, api_name="/export")
    assert got["visible"] is True
    text = open(got["value"], encoding="utf-8").read()
    assert text.startswith("# Gesprek") and f"## {AJB_QUESTION}" in text and "<span" not in text
    assert f"- [1] {REPORT}" in text


def test_examples_by_theme_and_municipality(gradio):
    # the Voorbeelden tab (ui/examples_tab.py; more in test_examples_browser.py): one card per example
    *_, cards, _csv, _md = gradio.predict(theme_v="werk en inkomen", place_v="Arnhem", words_v="", api_name="/examples")
    assert cards.count('class="pmg-card"') == 1 and "Arnhem — Prospect 4 Cash" in cards
    assert f"Bron: {REPORT}" in cards and "Werk en inkomen" in cards


def test_documents_tab(gradio):
    status, kinds, years_from, years_to, table = gradio.predict(api_name="/documents")
    assert status == "1 document in de index."
    assert ["voortgangsrapportage", "voortgangsrapportage"] in kinds["choices"]
    assert ["2024", "2024"] in years_from["choices"] and years_from["choices"] == years_to["choices"]
    assert "<th>Titel</th>" in table and "juni 2024" in table
    assert re.search(r'<a href="/bron/rapportage-preventie-met-gezag-2024\?exp=\d+&amp;sig=\w+#passage"', table)
