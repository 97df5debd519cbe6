"""How a question is read: its parts, whether it follows up, what a how-many question counts; and how its words
meet other forms of them in the text (pure functions)."""

from __future__ import annotations

import pytest

from assistant.shapes import SHAPE_PATTERNS
from assistant.publication import date_phrases
from assistant.matching import abbreviations, related_form, root
from assistant.short_answer import direct_answer
from assistant.keyword import terms
from assistant.question import answer_shape, counted_pair, is_follow_up, split_context, split_question, understand
from assistant.types import Message


@pytest.mark.parametrize(("question", "parts"), [
    ("Voor welke leeftijd is AJB bedoeld, en voor welke leeftijd Alles Kidzzz?",
     ["Voor welke leeftijd is AJB bedoeld?", "Voor welke leeftijd Alles Kidzzz?"]),
    ("How many young people did Breda's team register, and over what period?",
     ["How many young people did Breda's team register?", "Over what period?"]),
    ("Hoeveel regisseurs zijn er ingezet en hoeveel jongeren zijn aangemeld?",
     ["Hoeveel regisseurs zijn er ingezet?", "Hoeveel jongeren zijn aangemeld?"]),
    # "hoelang" written as one word asks as "hoe lang" does
    ("Hoeveel subsidie krijgt een school, en voor hoelang?", ["Hoeveel subsidie krijgt een school?", "Voor hoelang?"]),
    # one question: "en" joins two things it asks about, not two questions
    ("Welke rol hebben politie en OM in de wijk?", ["Welke rol hebben politie en OM in de wijk?"]),
    ("Hoeveel jongeren en ouders zijn bereikt?", ["Hoeveel jongeren en ouders zijn bereikt?"]),
    # two questions in a row
    ("Is er een gemeente die gezinnen opvangt na een politie-inval? Hoeveel gezinnen zijn zo geholpen?",
     ["Is er een gemeente die gezinnen opvangt na een politie-inval?", "Hoeveel gezinnen zijn zo geholpen?"]),
    # a second part that says only what differs is the first with that put in its place
    ("Welke minister ondertekende de brief van 2022, en welke die van 2025?",
     ["Welke minister ondertekende de brief van 2022?", "Welke minister ondertekende de brief van 2025?"]),
    ("Wie schreef het plan uit Tilburg, en wie dat uit Breda?",
     ["Wie schreef het plan uit Tilburg?", "Wie schreef het plan uit Breda?"]),
    # no question before the "en"
    ("Ik werk in Tilburg en wat doet de gemeente met straatcoaches?",
     ["Ik werk in Tilburg en wat doet de gemeente met straatcoaches?"]),
])
def test_a_question_that_asks_two_things_is_split_in_two(question, parts):
    assert split_question(question) == parts


def test_a_question_that_points_back_is_a_follow_up_even_without_a_leading_en():
    assert is_follow_up("Wie begeleiden die jongeren al voordat ze vrijkomen?")
    assert is_follow_up("How long did they stay in the programme, on average?")
    assert is_follow_up("Is er ook onderzocht of dat werkt? Door wie?")  # "of dat": "dat" is no conjunction here
    assert is_follow_up("In welke stad is dat?")  # "dat" as the subject, at the end
    assert not is_follow_up("Hoe heet de interventie richting werk die domeinen overstijgt?")
    assert is_follow_up("Hoe zijn die scholen gekozen voor het project?")  # "die" right after the question's verb
    assert is_follow_up("Hoe is dat aantal tot stand gekomen in de loop der jaren?")
    assert not is_follow_up("Hoeveel gemeenten die meedoen hebben een plan ingediend bij het ministerie?")


def test_a_follow_up_borrows_the_names_the_answer_gave():
    history = [Message(role="user", content="Welke scholen doen mee aan het project?"),
               Message(role="assistant", content="Onder meer het Stedelijk College en De Populier [1]\n\n> “...” [1]")]
    q = understand("Hoe zijn die scholen gekozen voor het project?", history)
    assert "Stedelijk" in q.query and "Populier" in q.query
    assert "Stedelijk" not in q.salient  # what the answer named is no name the evidence must repeat


def test_what_a_how_many_question_counts_leaves_out_function_words_years_and_the_verb_after_its_noun():
    # no noun of its own: "that group" and "het" are what was spoken of before, so nothing is counted by name
    assert understand("How many were in that group?").counted_terms == set()
    assert understand("Om hoeveel gaat het?").counted_terms == set()
    assert understand("How many are still getting intensive support?").counted_terms >= {"intensiv"}
    assert understand("Hoeveel leerlingen zaten in 2022 in een verzuimtraject?").counted_terms == {"leerling"}
    assert understand("Hoeveel leerlingen zitten er in de aanpak?").counted_terms == {"leerling"}
    # an English name of what is counted ends it: the verb after "young people" counts nothing
    assert "signed" not in understand("How many young people were signed up for AJB?").counted_terms
    assert "found" not in understand("How many young people in Zaanstad found a job?").counted_terms
    # no noun right after "hoeveel": the words that follow say what is counted
    assert understand("En hoeveel daarvan krijgen intensieve begeleiding?").counted_terms >= {"intensiev"}


def test_a_part_of_what_was_counted_before_is_counted_by_what_it_does():
    assert understand("En hoeveel van die gezinnen krijgen nog intensieve begeleiding?").counted_terms == {
        "krijg", "intensiev", "begeleid"}


def test_two_things_counted_at_once_are_each_found():
    assert counted_pair("Op hoeveel kinderdagopvanglocaties en basisscholen wordt gescreend?") == [
        {"kinderdagopvanglocaties"}, {"basisschol"}]
    assert counted_pair("How many official warnings and Halt referrals were there?")[1] >= {"doorverwijz"}
    # two questions, not two things counted: each part is a question of its own
    assert counted_pair("Hoeveel jongeren zijn aangemeld en in hoeveel gemeenten?") == []


def test_the_programme_and_english_months_are_no_names_the_evidence_must_repeat():
    # "PmG" is the programme, no name; "drie" names the group asked about, which the evidence must speak of
    assert understand("Welke interventie loopt in drie PmG-gemeenten?").salient == ["drie"]
    assert understand("How many young people were supported up to January 2024?").salient == ["2024"]


def test_a_forced_follow_up_borrows_the_earlier_subject():
    history = [Message(role="user", content="When did the first group of municipalities draw up their plans?"),
               Message(role="assistant", content="In 2022.")]
    q = understand("How many were in that group?", history, follow_up=True)
    assert "municipalities" in q.query and "gemeenten" in q.query


@pytest.mark.parametrize(("question_word", "text_word"), [
    ("aangesteld", "aanstellen"), ("georganiseerd", "organiseren"), ("ingezet", "inzetten"),
    ("aangemeld", "aanmelden"), ("aandachtswijken", "wijken"), ("criminaliteit", "jeugdcriminaliteit"),
    ("onderzocht", "onderzoek"), ("gebracht", "brengen"),  # an irregular past meets its verb
    ("fasen", "kennismakingsfase"), ("eisen", "toelatingseisen"),  # a short word as the head of a compound
])
def test_a_question_word_meets_another_form_of_it_in_the_text(question_word, text_word):
    (q,), text = terms(question_word), set(terms(text_word))
    assert q not in text and related_form(q, text, {root(t) for t in text})


@pytest.mark.parametrize(("question_word", "text_word"), [("gezin", "zin"), ("jongeren", "gemeenten"), ("wijk", "wijze")])
def test_unrelated_words_do_not_meet(question_word, text_word):
    (q,), text = terms(question_word), set(terms(text_word))
    assert not related_form(q, text, {root(t) for t in text})


@pytest.mark.parametrize(("question", "shape"), [
    ("Hoeveel geld kostte dat?", "amount"),
    ("Hoeveel kan een aanvullende gemeente per jaar krijgen?", "amount"),  # a verb right after "hoeveel": a sum
    ("Hoeveel jongeren krijgen begeleiding?", None),  # people counted
    ("Wat is het budget van het programma?", "amount"),
    ("Wat heeft Den Haag met het PmG-geld gedaan?", None),  # money spoken of, not asked for
    ("Op welke datum is de informatie opgevraagd?", "day"),
    ("Welke gemeente had op de peildatum het grootste bereik?", "place"),  # a date named, not asked for
    ("Wie van Halt komt aan het woord in het bericht?", "person"),  # a speaker asked for
    ("What's the cut-off date for the figures?", "day"),
    ("Wanneer is de rapportage verschenen?", "date"),
    ("Vanaf welk jaar bereikt het budget zijn structurele niveau?", "date"),  # a year, though it names the budget
    ("From which year is the funding structural?", "date"),
    ("Om welke leeftijden gaat het daar?", "age"),
    ("Welk percentage recidiveert?", "percent"),
    ("Is there a figure for the reoffending rate, as a percentage?", "percent"),
    ("Wat voor incidenten leiden tot een gesprek?", "examples"),
    ("Is er een gemeente die gezinnen opvangt?", "place"),
    ("Welk onderzoeksbureau heeft dat onderzocht?", "source"),
    ("Over welke periode is dat gebeurd?", "duration"),
    ("Wat is het kenmerk van die brief?", "reference"),
    ("Which number does that paper have in the dossier?", "reference"),
    ("What number of families took part?", None),  # a count, not a paper's number
])
def test_what_shape_of_answer_a_question_asks_for(question, shape):
    assert answer_shape(question) == shape


def test_how_many_times_counts_by_every_word_of_the_question():
    assert {"verwez", "halt"} <= understand("En hoeveel keer verwezen ze door naar Halt?").counted_terms


def test_an_abbreviation_is_found_in_its_long_form_before_the_parenthesis():
    text = ("Utrecht wil de persoonsgerichte aanpak (PGA) versterken, samen met de Raad voor de Kinderbescherming "
            "(RvdK) en een multidisciplinair toezichtteam (MDT).")
    assert abbreviations(["PGA-experts", "RvdK", "MDT", "Utrecht", "AJB"], [text]) == {
        "PGA-experts": "persoonsgerichte aanpak", "RvdK": "Raad voor de Kinderbescherming",
        "MDT": "multidisciplinair toezichtteam"}


def test_an_abbreviation_the_text_never_writes_is_found_in_the_words_whose_initials_spell_it():
    text = "In 19 gemeenten is deze aanpak ook aangesloten op het Nationaal Programma Leefbaarheid en Veiligheid."
    assert abbreviations(["NPLV", "NPL"], [text]) == {"NPLV": "Nationaal Programma Leefbaarheid en Veiligheid",
                                                      "NPL": "Nationaal Programma Leefbaarheid"}
    assert abbreviations(["NPV", "AJB"], [text]) == {}  # the initials are neither spelled in order nor complete


@pytest.mark.parametrize(("question", "context", "asked"), [
    ("Vanuit de reclassering: waar wordt er momenteel wijkrechtspraak gehouden?",
     "Vanuit de reclassering:", "waar wordt er momenteel wijkrechtspraak gehouden?"),
    ("Ik werk met jongvolwassenen. Tot welke leeftijd kunnen jongeren meedoen?",
     "Ik werk met jongvolwassenen.", "Tot welke leeftijd kunnen jongeren meedoen?"),
    # a topic before the colon is part of what is asked
    ("Halt-spreekuur: op hoeveel scholen draait het?", "", "Halt-spreekuur: op hoeveel scholen draait het?"),
    # the question points back at the statement: that is what it asks about
    ("Wij willen jongeren aan werk helpen. Welke gemeente heeft daar een project voor?", "",
     "Wij willen jongeren aan werk helpen. Welke gemeente heeft daar een project voor?"),
])
def test_a_statement_about_who_asks_is_context_not_the_question(question, context, asked):
    assert split_context(question) == (context, asked)
    q = understand(question)
    assert q.query.startswith(asked)  # the retrieval query is what is asked
    for t in terms(context):  # its words still count, as little as an earlier turn's
        assert q.query_terms.count(t) == 1


def test_an_english_how_many_question_counts_its_noun_not_the_adjective_before_it():
    counted = understand("How many additional teenagers were enrolled in the AJB programme?").counted_terms
    assert "jonger" in counted  # "teenagers" are the documents' "jongeren"
    assert not any(t.startswith("addit") or t.startswith("enrol") for t in counted), counted


@pytest.mark.parametrize(("text", "number"), [("Bel 070-123 4567.", True), ("Bel 06-12345678.", True),
                                              ("Bel +31 70 123 4567.", True), ("In 2024 waren het er 576.", False)])
def test_a_phone_number_is_recognised_and_a_year_or_count_is_not(text, number):
    assert bool(SHAPE_PATTERNS["phone"].search(text)) == number
    assert answer_shape("Wat is het telefoonnummer van Halt?") == "phone"


def test_a_documents_date_is_recognised_as_its_text_writes_it():
    assert date_phrases("2024-06") == ["juni 2024", "june 2024"]
    full = date_phrases("2023-11-02")  # the day in words (Dutch, English) and as a news dateline writes it
    assert {"2 november 2023", "november 2023", "02-11-2023", "2-11-2023"} <= set(full) and "2023" not in full
    assert date_phrases("2024") == [] and date_phrases(None) == [] and date_phrases("2024-13") == []


def test_which_place_leads_with_the_first_place_that_is_a_name_the_question_does_not_give():
    q = understand("In welke gemeente werkt Halt met een spreekuur op scholen?")
    assert direct_answer(q, "In Preventie met Gezag werkt Halt in Nieuwegein met een spreekuur.") == "Nieuwegein"
    q = understand("Welke gemeente naast Utrecht heeft een proeftuin?")
    assert direct_answer(q, "In Utrecht en in Breda draait een proeftuin.") == "Breda"


@pytest.mark.parametrize(("earlier", "follow_up", "shape"), [
    ("Hoeveel krijgt Tilburg van het Rijk?", "Hoeveel daarvan gaat naar jongerenwerk?", "amount"),  # part of a sum
    ("Hoeveel geld krijgt Tilburg?", "En hoeveel gaat ervan naar de scholen?", None),  # "ervan" not right after it
    ("Hoeveel geld krijgt Tilburg?", "En hoeveel hiervan gaat naar de scholen?", "amount"),
    ("Welke stad heeft een familieaanpak?", "En hoeveel daarvan zijn nog in begeleiding?", None),  # a count
    ("Hoeveel krijgt Tilburg van het Rijk?", "Hoeveel jongeren bereikt Tilburg daarmee?", None),  # its own count
])
def test_a_part_of_what_was_asked_is_asked_in_its_shape(earlier, follow_up, shape):
    history = [Message(role="user", content=earlier), Message(role="assistant", content="Een antwoord [1]")]
    assert understand(follow_up, history).shape == shape


def test_a_participle_after_aantal_is_no_noun_counted_so_the_follow_up_counts_what_was_asked_before():
    from assistant.types import Message

    history = [Message(role="user", content="Hoeveel gemeenten doen er nu mee?"),
               Message(role="assistant", content="47 gemeenten [1]")]
    q = understand("Hoe is dat aantal opgebouwd?", history)
    assert q.counted_terms == understand("Hoeveel gemeenten doen er nu mee?", []).counted_terms
    assert understand("Hoeveel boa's zijn er aangesteld?", []).counted_terms == set(terms("boa's"))


def test_a_compound_that_names_which_date_is_asked_keeps_its_modifier_for_the_evidence():
    from assistant.question import shape_words

    # any sentence with a date gives "datum"; only one that says "peildatum" gives which date was asked
    assert terms(" ".join(shape_words("Wat is de peildatum van de monitor?"))) == terms("datum")
    assert terms(" ".join(shape_words("Op welke datum is de brief verstuurd?"))) == terms("datum")
