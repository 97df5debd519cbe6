"""How a sentence and a question are read: footnote markers and their notes (assistant/footnotes.py), the sentence
that asks, the noun a which-question asks for, number words as figures."""

from __future__ import annotations

import pytest

from assistant.footnotes import markers, note_span
from assistant.question import answer_shape


@pytest.mark.parametrize(("sentence", "numbers"), [
    ("Vorig jaar hebben wij uw Kamer geschreven hoe wij dat willen versterken.1 In deze brief ...", [1]),
    ("Het kader is vorig jaar aan uw Kamer gestuurd.²", [2]),
    ("Een gemeente ontvangt tussen € 1,1 miljoen en € 7,5 miljoen per jaar.2", [2]),
    # figures, years and list numbers are no markers
    ("Een gemeente ontvangt tussen € 1,1 miljoen en € 7,5 miljoen per jaar.", []),
    ("Het gaat om groep 6, 7 en 8 in 2024.", []),
    ("Er zijn 15 gemeenten begonnen.", []),
])
def test_a_marker_is_a_number_glued_to_the_word_or_stop_before_it(sentence, numbers):
    assert markers(sentence) == numbers


def test_a_note_is_found_by_its_number_on_its_own_line_or_after_another_note():
    text = ("Een gemeente ontvangt per jaar.2 1 Kamerstuk 28 741, nr. 86.\n\n"
            "2 De verdeling is gebaseerd op het aantal jongeren.")
    one, two = note_span(text, 1), note_span(text, 2)
    assert text[one[0]:one[1]] == "1 Kamerstuk 28 741, nr. 86."
    assert text[two[0]:two[1]] == "2 De verdeling is gebaseerd op het aantal jongeren."
    assert note_span("De Minister,\n\nD.M. van Weel\n\n² Verzonden op 5 juni 2024.", 2) is not None
    assert note_span("Er zijn 2 gemeenten die ...", 2) is None  # a count in running text


def test_the_shape_is_read_in_the_sentence_that_asks():
    assert answer_shape("In april 2024 werd een kwaliteitskader aangekondigd. Wanneer is het verstuurd?") == "date"
    assert answer_shape("Wie is er sinds 2023 het aanspreekpunt voor gemeenten?") is None  # a role answers it too
    assert answer_shape("Wie is de projectleider in Parkstad?") == "person"
    # a rate, in a compound or asked as such, is a percentage
    assert answer_shape("What recidivism rate does the monitor report?") == "percent"
    assert answer_shape("Wat is het recidivepercentage van de deelnemers?") == "percent"


def test_a_which_question_names_the_noun_its_answer_names():
    from assistant.keyword import terms
    from assistant.question import understand

    assert understand("Voor welke groepen van de basisschool is Alles Kidzzz bedoeld?").asked_terms == terms("groepen")
    assert understand("Ik werk bij Halt. Welke scholen doen mee?").asked_terms == terms("scholen")
    assert understand("Hoeveel jongeren doen mee?").asked_terms == []


def test_number_words_are_read_as_the_figures_they_write():
    from assistant.numbers import numerals

    assert numerals("de twintig nieuwe gemeenten en de vijftien eerste") == {"twintig": "20", "vijftien": "15"}
    assert numerals("the list of twenty", "en") == {"twenty": "20"}
    assert numerals("een gemeente met een plan") == {}  # an article, not a count


def test_a_fields_label_is_read_with_the_value_on_the_line_under_it():
    import numpy as np

    from assistant.service import with_values
    from assistant.store import StoredChunk, StoredSentence

    text = "Datum erkenning\n\n02-11-2018\n\nTweede Kamer der Staten-Generaal\n\nVergaderjaar 2022–2023\n\nErkend door"
    lines = ["Datum erkenning", "02-11-2018", "Tweede Kamer der Staten-Generaal", "Vergaderjaar 2022–2023", "Erkend door"]
    spans = [(text.index(t), text.index(t) + len(t), 1) for t in lines]
    chunk = StoredChunk("d:0000", text, "d", None, 1, 1, spans)
    sentences = [StoredSentence(f"d:0000:{k}", "d:0000", t, 1, s, np.zeros(2)) for k, (t, (s, _, _)) in
                 enumerate(zip(lines, spans, strict=True))]
    read = [s.text for s in with_values(sentences, {"d:0000": chunk})]
    # the label with its date, verbatim; the value stays a sentence; a line that is a field itself is no value
    assert read == ["Datum erkenning\n\n02-11-2018", "02-11-2018", "Tweede Kamer der Staten-Generaal",
                    "Vergaderjaar 2022–2023", "Erkend door"]


@pytest.mark.parametrize(("question", "text", "peers"), [
    # one item of an enumeration of names, with multi-word names in it
    ("In welke wijken van Arnhem wordt gewerkt?", "Naast de vier grote steden zijn dat onder meer Arnhem, Heerlen, "
     "Lelystad en Zaanstad.", ["Arnhem"]),
    ("Hoeveel zaken heeft Heerlen behandeld?", "Er is wijkrechtspraak in zes gemeenten (Rotterdam, Amsterdam, "
     "Eindhoven, Tilburg, Den Haag en Heerlen).", ["Heerlen"]),
    # named outside the enumeration as well: the sentence speaks of it
    ("Hoeveel zaken heeft Heerlen behandeld?", "Heerlen behandelde 40 zaken, net als Breda, Tilburg en Venlo.", []),
    # an enumeration of other names only
    ("In welke wijken van Arnhem wordt gewerkt?", "Het gaat om Breda, Tilburg en Venlo.", []),
])
def test_a_name_given_only_among_its_peers_is_found(question, text, peers):
    from assistant.matching import only_among_peers
    from assistant.question import understand

    assert only_among_peers(understand(question, [], None), text) == peers


@pytest.mark.parametrize(("asked", "numbers"), [
    ("Op welke datum hebben de twintig gemeenten hun plannen ingediend?", ["twintig"]),  # the group asked about
    ("Which municipalities are on the list of twenty?", ["twenty"]),
    ("Hoeveel budget hadden de 12 gemeenten samen?", ["12"]),
    ("Welke drie uitgangspunten hanteren de ministers?", []),  # the count of the answer's items
    ("What are the five themes of the programme?", []),
    ("Wanneer beginnen de gemeenten, volgens Kamerstuk 28 741 nr. 106?", []),  # a paper's number
    ("Welke interventie is er voor kinderen jonger dan twaalf?", []),  # an age
    ("Valt een 26-jarige nog onder de aanpak?", []),
    ("Wat gebeurde er op 4 april?", []),  # a day
    ("Wat kreeg één gemeente?", []),  # one
])
def test_a_number_that_names_the_group_asked_about_is_read_as_a_name(asked, numbers):
    from assistant.numbers import named_numbers

    assert named_numbers(asked, "en" if asked.startswith(("Which", "What")) else "nl") == numbers


def test_a_number_named_in_the_question_is_met_by_its_figure_or_its_word():
    from assistant.matching import missing_names
    from assistant.question import understand

    q = understand("Wanneer kunnen de twintig nieuwe gemeenten beginnen?", [], None)
    assert q.salient == ["twintig"]
    assert missing_names(q, "De 20 gemeenten beginnen voor de zomer.") == []
    assert missing_names(q, "Twintig gemeenten krijgen steun.") == []
    assert missing_names(q, "De nieuwe gemeenten beginnen begin 2024.") == ["twintig"]
