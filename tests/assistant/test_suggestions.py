"""Suggested questions (assistant/suggestions.py, assistant/follow_ups.py): made from the passages, in the
question's language, and each one answered when it is asked, on the real report's index."""

from __future__ import annotations

import pytest

from assistant.suggestions import Passage, candidates, count_question_en, count_question_nl, section_question

# sentences of the report (corpus/rapportage-preventie-met-gezag-2024.txt), verbatim
EINDHOVEN = ("Daarnaast worden 44 scholen in Eindhoven ondersteund bij veiligheidsvraagstukken via een laagdrempelig "
             "digitaal overleg.")
ONLINE = "22 jongerenwerkers zijn nu getraind op het online werken en bereiken van jongeren."
KIDZZZ = "In twee gemeenten verdeeld over 14 scholen zijn 25 kinderen voor Alles Kidzzz aangemeld."
AGES = "Voor jongeren van 12 tot en met 18 jaar is de door het NJI erkende gedragsinterventie AJB beschikbaar."


def test_a_count_in_a_sentence_becomes_a_how_many_question():
    assert count_question_nl(EINDHOVEN) == ("Hoeveel scholen worden in Eindhoven ondersteund bij "
                                            "veiligheidsvraagstukken via een laagdrempelig digitaal overleg?")
    assert count_question_nl(ONLINE) == "Hoeveel jongerenwerkers zijn nu getraind op het online werken?"
    # "in twee gemeenten", "over 14 scholen" say where; the 25 children are what is counted
    assert count_question_nl(KIDZZZ) == "Hoeveel kinderen zijn voor Alles Kidzzz aangemeld?"
    assert count_question_nl(AGES) is None  # an age is no count


def test_english_questions_say_what_is_counted_in_english():
    assert count_question_en(EINDHOVEN) == "How many schools were supported in Eindhoven?"
    assert count_question_en(KIDZZZ) == "How many children were registered for Alles Kidzzz?"
    assert count_question_en("Het Halt-spreekuur werd goed bezocht.") is None


def test_sections_and_what_is_left_out():
    assert section_question("Lerende netwerken", "nl") == "Wat staat er in de documenten over lerende netwerken?"
    assert section_question("1. Positieve ondersteuning", "en") == ("What do the documents say about Positieve "
                                                                   "ondersteuning?")
    assert section_question("Colofon", "nl") is None
    passages = [Passage([EINDHOVEN, ONLINE], section="Onderwijs", title="Rapportage", skip={ONLINE})]
    got = candidates(passages, "nl", asked="Hoeveel scholen worden in Eindhoven ondersteund bij "
                                          "veiligheidsvraagstukken via een laagdrempelig digitaal overleg?")
    # the question asked and the sentence already quoted give none; the section does
    assert got == ["Wat staat er in de documenten over onderwijs?"]


QUESTIONS = ["Hoeveel jongeren zijn extra aangemeld voor AJB?", "Welke gemeenten hebben wijkrechtspraak?",
             "How many families take part in the family approach in Tilburg?",
             "Wat is de hoofdstad van Frankrijk?", "Hoeveel jongeren deden in Maastricht mee aan AJB?"]


@pytest.fixture(scope="module")
def suggested(assistant):
    return {q: assistant.ask(q) for q in QUESTIONS}


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_suggestion_is_answered_when_asked(assistant, suggested, question):
    answer = suggested[question]
    assert 1 <= len(answer.suggestions) <= 3, answer.suggestions
    for s in answer.suggestions:
        assert s.endswith("?") and s != question
        asked = assistant.ask(s, suggest=False)
        assert asked.answered, (question, s, asked.answer)
        # not the quote the answer already gave
        assert {c.quote for c in asked.citations[:1]} != {c.quote for c in answer.citations[:1]}, s


def test_suggestions_are_in_the_questions_language(suggested):
    english = suggested["How many families take part in the family approach in Tilburg?"].suggestions
    assert all(s.startswith(("How many", "What do the documents")) for s in english), english
    dutch = suggested["Hoeveel jongeren zijn extra aangemeld voor AJB?"].suggestions
    assert all(s.startswith(("Hoeveel", "Wat staat er")) for s in dutch), dutch


def test_refusals_get_suggestions_of_their_own_passages(suggested):
    france = suggested["Wat is de hoofdstad van Frankrijk?"]
    maastricht = suggested["Hoeveel jongeren deden in Maastricht mee aan AJB?"]
    assert not france.answered and not maastricht.answered
    assert france.suggestions != maastricht.suggestions  # from each refusal's nearest passages, not a fixed list


def test_a_question_that_points_back_is_not_offered():
    # asked in the chat it would be read against the conversation, and on its own it says not which approach
    got = candidates([Passage(["Hoeveel? Inmiddels zijn 25 gezinnen in zo'n aanpak betrokken.",
                               "Bij elkaar zijn 40 jongeren in die gemeenten aangemeld.", ONLINE])])
    assert got == ["Hoeveel jongerenwerkers zijn nu getraind op het online werken?"]
