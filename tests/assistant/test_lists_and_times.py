"""How a sentence's enumeration becomes a list question's short answer, and when a sentence speaks of the time a
question names. Pure functions over text: the behaviour on real documents is judged in tests/eval."""

from __future__ import annotations

import pytest

from assistant.context import DocContext, edge_document, is_field_line, nth_document, time_fits, time_refs
from assistant.short_answer import direct_answer
from assistant.letters import asks_signatory, signatures, unnamed_closing
from assistant.lists import enumeration, gather
from assistant.question import understand


@pytest.mark.parametrize(("text", "items"), [
    # the enumeration after the word that introduces it
    ("Er zijn nu netwerken over school en veiligheid, specialistisch jongerenwerk, criminele families en monitoring.",
     ["school en veiligheid", "specialistisch jongerenwerk", "criminele families", "monitoring"]),
    ("Het gaat om Almere, Enschede, ’s-Hertogenbosch, Nijmegen en Maastricht.",
     ["Almere", "Enschede", "’s-Hertogenbosch", "Nijmegen", "Maastricht"]),
    # after a colon, without what stands in parentheses
    ("de vier grote steden: Amsterdam (met twee gebieden), Rotterdam, Den Haag en Utrecht;",
     ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht"]),
    ("aangesloten bij de KNVB, de KNBSB of de NBB.", ["de KNVB", "de KNBSB", "de NBB"]),
    # "onder andere" is no part of the first item; the sentence that goes on after a second "en" is no item
    ("Gemeenten werken met onder andere persoonsgerichte aanpakken, re-integratietrajecten en familieaanpakken.",
     ["persoonsgerichte aanpakken", "re-integratietrajecten", "familieaanpakken"]),
    ("Die bestaan uit de politie, de gemeente en een woningcorporatie en zitten midden in de wijk.",
     ["de politie", "de gemeente", "een woningcorporatie"]),
])
def test_an_enumeration_gives_its_items(text, items):
    assert enumeration(text) == items


@pytest.mark.parametrize("text", [
    "jongerenwerk op school en in de wijk, gericht op een positieve vrijetijdsbesteding;",  # clauses, not items
    "Voor leerlingen uit groep 6, 7 en 8.",  # numbers of one thing
    "Scholen en politie werken samen.",  # two, without commas
    "Ze sporten, ze leren samenwerken met anderen in een team en ze krijgen huiswerkbegeleiding na schooltijd.",
])
def test_what_is_no_enumeration_gives_none(text):
    assert enumeration(text) is None


def test_a_bullet_that_enumerates_places_gives_each_place_as_an_item():
    text = ("De eerste gemeenten zijn bekend. Het gaat om:\n\n- de vier grote steden: Amsterdam, Rotterdam, Den Haag "
            "en Utrecht;\n\n- Arnhem, Breda en Heerlen;\n\n- de gemeente Zaanstad.")
    start = text.index("Het gaat om:")
    spans = [(0, start - 1, 1), (start, start + len("Het gaat om:"), 1)]
    lo, hi, items = gather(text, spans, *spans[1][:2])
    assert items == ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Arnhem", "Breda", "Heerlen",
                     "de gemeente Zaanstad"]
    assert text[lo:hi].endswith("Zaanstad.")


def _spans(text: str, *sentences: str) -> list[tuple[int, int, int]]:
    return [(text.index(s), text.index(s) + len(s), 1) for s in sentences]


def test_a_count_announces_the_bullets_after_the_label_that_follows_it():
    text = ("Het doel is uitgewerkt in vier subdoelen. Kinderen:\n\n- maken minder ruzie;\n\n- hebben een betere "
            "band met school, komen vaker op tijd en letten beter op;\n\n- kennen hun grenzen;\n\n- vragen eerder hulp.")
    spans = _spans(text, "Het doel is uitgewerkt in vier subdoelen.", "Kinderen:")
    lo, hi, items = gather(text, spans, *spans[0][:2])
    # a bullet of clauses is one item, not three
    assert items == ["maken minder ruzie", "hebben een betere band met school", "kennen hun grenzen", "vragen eerder hulp"]
    assert text[lo:hi].endswith("vragen eerder hulp.")


def test_a_pages_margin_between_two_bullets_does_not_end_the_list():
    text = ("Ook de partners krijgen ruimte. Het gaat om:\n\n- de politie, die meer wijkagenten inzet;\n\n3 maart 2023"
            "\n\nOns kenmerk\n\n1234567\n\n- Halt, dat meer scholen bezoekt;\n\n- de reclassering.\n\nWij verwachten veel.")
    spans = _spans(text, "Ook de partners krijgen ruimte.", "Het gaat om:")
    lo, hi, items = gather(text, spans, *spans[1][:2])
    assert items == ["de politie", "Halt", "de reclassering"]
    assert text[lo:hi].endswith("de reclassering.")


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    # how a figure changed: its two values, before any other figure of the sentence
    ("Hoe is het aantal scholen gegroeid?", "Acht gemeenten doen mee; het aantal scholen groeit van 9 naar 14.",
     "van 9 naar 14"),
    ("By how much did the number of pupils grow?", "In drie jaar steeg het aantal leerlingen van 120 naar 410.",
     "van 120 naar 410"),
    ("Hoe is het aantal scholen gegroeid?", "Het spreekuur draait nu op 26 scholen.", "26 scholen"),  # one value
])
def test_a_change_asked_for_leads_with_both_values(question, sentence, lead):
    q = understand(question, [], None)
    assert q.shape == "change"
    assert direct_answer(q, sentence) == lead


@pytest.mark.parametrize(("question", "kind"), [
    ("Which justice partners get extra room under the plan?", "list"),  # a plural named by two words
    ("Welke Limburgse gemeenten krijgen steun?", "list"),
    ("Welke zijn dat?", "list"),  # a follow-up after a count ("negen subdoelstellingen")
    ("Which municipality runs the project?", "other"),  # one, whatever verb follows
    ("Hoe lang duurt de training?", "other"),
])
def test_a_question_for_several_things_is_a_list_question(question, kind):
    assert understand(question, [], None).kind == kind


def test_a_month_asked_for_is_not_met_by_a_sentence_dated_in_another_month():
    ctx = DocContext(title="Verslag bijeenkomst lerend netwerk", date="2024-09-19")
    refs = time_refs("Waar vond de bijeenkomst van september 2024 plaats?")
    assert not time_fits(refs, "Volgende bijeenkomst: 21 januari 2025, Rotterdam.", ctx)
    assert time_fits(refs, "Locatie: Utrecht (Jaarbeurs, zaal 5)", ctx)  # no date: the document's own
    assert time_fits(refs, "De bijeenkomst van 19 september 2024 was in Utrecht.", ctx)


def test_a_date_asked_for_may_differ_from_the_month_that_says_which_thing_is_meant():
    ctx = DocContext(title="Voortgang Preventie met Gezag", date="2024-04-04")
    refs = time_refs("Op de gegevens van welke datum is de rapportage gebaseerd die in april 2024 werd aangekondigd?")
    sentence = "De rapportage gebruikt de gegevens die gemeenten op 1 maart 2024 beschikbaar hadden."
    assert time_fits(refs, sentence, ctx, asks_date=True)
    assert not time_fits(refs, sentence, ctx)


@pytest.mark.parametrize(("line", "field"), [
    ("Volgende bijeenkomst: 21 januari 2025, Rotterdam.", True),  # a label, a date, a place
    ("Datum: 19 september 2024", True),
    ("Den Haag, 7 juli 2023", True),
    ("Locatie: Utrecht (Jaarbeurs, zaal 5)", False),  # where, not when: an answer to where
    ("Let op: op 1 maart 2024 begint de nieuwe regeling voor alle gemeenten.", False),
])
def test_a_line_of_only_a_label_and_a_date_is_metadata(line, field):
    assert is_field_line(line) is field


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    # a sum of money as written, with its period and its currency
    ("Hoeveel kan een aanvullende gemeente per jaar krijgen?",
     "Iedere gemeente kan met een goedgekeurd plan jaarlijks € 500.000 krijgen, drie jaar lang.", "jaarlijks € 500.000"),
    ("According to the news item of September 2022, how much is available each year from 2025?",
     "Vanaf 2025 is er jaarlijks € 143 miljoen beschikbaar.", "jaarlijks € 143 miljoen"),
    ("Wat is het budget van Zaanstad?", "Zaanstad ontvangt 2,5 miljoen euro per jaar.", "2,5 miljoen euro per jaar"),
    # a range is one answer; of two sums, the one the question's words stand before
    ("Tussen welke bedragen ligt de jaarlijkse bijdrage aan één gemeente?",
     "Een gemeente ontvangt tussen € 1,1 miljoen en € 7,5 miljoen per jaar.", "tussen € 1,1 miljoen en € 7,5 miljoen per jaar"),
    ("Hoeveel geld gaat er naar de flexibele aanpak?",
     "Dit jaar is voor de gebiedsgerichte aanpak € 46 miljoen beschikbaar en voor de flexibele aanpak € 9 miljoen.",
     "€ 9 miljoen"),
    # a contribution of money is a sum asked for; a sum ends on its last digit, not on the full stop after it
    ("Welke rijksbijdrage krijgt Vlaardingen?", "Vlaardingen krijgt een rijksbijdrage van € 1.200.000.", "€ 1.200.000"),
    ("What is the total amount involved?", "Samen gaat het om € 12 miljoen.", "€ 12 miljoen"),
    # "which two amounts": both, in the order written
    ("Which two amounts make up the first year's budget?",
     "2 Dat is € 30 miljoen van het ministerie en € 10 miljoen van de gemeenten; later € 50 miljoen.",
     "€ 30 miljoen and € 10 miljoen"),
    # a table row whose header marks the money: that column; with two years asked, each year's column
    ("Wat was het budget 2024 van Delft?", "Gemeente: Delft; jongeren bereikt: 310; budget 2024 (€): 1.400.000.",
     "budget 2024 (€): 1.400.000"),
    ("Wat is de rijksbijdrage in 2024 en in 2025?", "Onderdeel: Rijksbijdrage; 2024 (€): 900.000; 2025 (€): 950.000; "
     "2026 (€): 0.", "2024 (€): 900.000; 2025 (€): 950.000"),
    # contributing is no sum asked for
    ("Welke partners leveren een bijdrage aan de aanpak?", "De aanpak kost € 2 miljoen.", None),
])
def test_a_sum_of_money_leads_with_its_currency_and_period(question, sentence, lead):
    assert direct_answer(understand(question, [], None), sentence) == lead


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    # a part asked for, given as a fraction or a percentage, before the sum it is a part of
    ("What share of the grant goes to youth work?", "Daarvan gaat ongeveer de helft naar het jongerenwerk.",
     "ongeveer de helft"),
    ("How much of their budget must municipalities spend on proven interventions?",
     "Gemeenten besteden ten minste 60 procent van hun budget van € 2 miljoen aan erkende interventies.",
     "ten minste 60 procent"),
    ("Welk deel van het geld gaat naar scholen?", "Een kwart gaat naar scholen, de rest naar de wijken.", "Een kwart"),
])
def test_a_part_asked_for_leads_with_the_part(question, sentence, lead):
    q = understand(question, [], None)
    assert q.shape == "percent"
    assert direct_answer(q, sentence) == lead


def test_a_figure_before_an_adjective_goes_on_to_its_noun():
    q = understand("Uit hoeveel bijeenkomsten bestaat de cursus?", [], None)
    assert direct_answer(q, "De cursus telt zes tweewekelijkse lessen van een uur.") == "zes tweewekelijkse lessen"


def test_a_count_named_by_another_word_for_it_is_the_figure_asked_for():
    q = understand("How many primary school teachers in Heerlen have been trained so far?", [], None)
    assert direct_answer(q, "Inmiddels zijn 61 leerkrachten van basisscholen getraind.") == "61 leerkrachten"


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    # what "het aantal" names before the figure is what it counts; a figure that changed is, asked how many, the
    # figure it came to, then the earlier one; asked how it changed, the change
    ("Hoeveel jongeren doen mee aan AJB?", "Het aantal jongeren dat meedoet aan AJB is gegroeid, van 576 naar 812.",
     "812 (eerder 576)"),
    ("How many young people take part in AJB?", "Het aantal jongeren dat meedoet aan AJB groeit van 576 naar 812.",
     "812 (earlier 576)"),
    ("Hoe is het aantal jongeren bij AJB gegroeid?", "Het aantal jongeren bij AJB is gegroeid, van 576 naar 812.",
     "van 576 naar 812"),
    ("Hoeveel deelnemers heeft AJB?", "Bij AJB steeg het aantal deelnemers tot 812.", "812"),
    ("Hoeveel jongeren zijn er bereikt?", "In 2024 bereikten de gemeenten 812 jongeren.", "812 jongeren"),
    ("Hoe oud zijn de jongeren?", "Het gaat om jongeren van 8 tot 27 jaar.", None),  # an age range is no change
])
def test_a_figure_after_what_it_counts_or_that_changed(question, sentence, lead):
    from assistant.answer import figure_fit

    q = understand(question, [], None)
    assert direct_answer(q, sentence) == lead or (lead is None and "naar" not in (direct_answer(q, sentence) or ""))
    if lead and q.shape != "change":
        assert figure_fit(q, sentence) == 1.0  # counted, not "a figure of something else"


def test_a_signature_is_a_role_line_and_the_name_under_it():
    text = ("Wij informeren uw Kamer volgend jaar.\n\nDe Minister van Justitie en Veiligheid,\n\nD. Yeşilgöz-Zegerius"
            "\n\nDe Minister voor Rechtsbescherming, F.M. Weerwind\n\n3 Verkenning criminele uitbuiting, WODC 2021.")
    assert [(s.role, s.name) for s in signatures(text)] == [
        ("De Minister van Justitie en Veiligheid", "D. Yeşilgöz-Zegerius"),
        ("De Minister voor Rechtsbescherming", "F.M. Weerwind")]
    assert [s.name for s in signatures("De Minister van Justitie en Veiligheid,\nD.M. van Weel")] == ["D.M. van Weel"]
    # roles without names (a municipal letter signed by hand) and a minister spoken of are no signature
    assert signatures("het college van burgemeester en wethouders van Schiedam,\n\nde secretaris, de burgemeester,") == []
    assert signatures("De minister van Justitie en Veiligheid, die de brief stuurde, schrijft dat") == []


def test_a_bullet_that_goes_on_in_the_next_needs_no_closing_en():
    assert enumeration("Almelo, Bergen op Zoom, Brunssum, Gouda;", open_ended=True) == [
        "Almelo", "Bergen op Zoom", "Brunssum", "Gouda"]
    assert enumeration("Almelo, Bergen op Zoom, Brunssum, Gouda;") is None  # a sentence needs its "en"


@pytest.mark.parametrize(("question", "edge"), [
    ("Voor welke leeftijdsgroep is de aanpak bedoeld volgens de eerste brief van de ministers?", ("old", "brief")),
    ("Wat is de meest recente brief aan de Kamer?", ("new", "brief")),
    ("What does the latest monitor say about Halt?", ("new", "monitor")),
    ("What did the first monitor report?", ("old", "monitor")),
    ("Hoeveel gemeenten deden de eerste jaren mee?", None),
    ("De eerste 15 gemeenten: wanneer begonnen zij?", None),
])
def test_the_first_or_latest_document_of_a_kind_is_recognised(question, edge):
    assert edge_document(question) == edge


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    ("Wanneer kunnen de gemeenten beginnen?", "De gemeenten kunnen naar verwachting al voor de zomer beginnen.",
     "voor de zomer"),
    ("Wanneer gaan die aan de slag?", "Die acht beginnen naar verwachting begin 2024 met de uitvoering.", "begin 2024"),
    ("Hoe lang kan een Halt-straf maximaal duren?", "Jongeren kunnen worden verwezen voor een Halt-straf van maximaal "
     "20 uur.", "maximaal 20 uur"),
    ("Hoe lang duurt een sessie?", "De training bestaat uit acht wekelijkse sessies van 45 minuten.", "45 minuten"),
    # a period given by its two ends
    ("Welke periode beslaat de nieuwe regeling?", "Voor de periode van 1 juni 2026 tot en met 31 december 2029 komt er "
     "een nieuwe regeling.", "van 1 juni 2026 tot en met 31 december 2029"),
    ("Hoe lang loopt het plan?", "Het uitvoeringsplan 2024–2025 loopt af.", "2024–2025"),
    # how soon: the term, with its compound unit ("schooldagen")
    ("Hoe snel krijgt een leerling een gesprek?", "Een leerling spreekt binnen drie werkdagen een medewerker.",
     "binnen drie werkdagen"),
    # a date asked for: the day, also without its year, before a part of a year the sentence names as well
    ("Op welke datum sturen de scholen hun cijfers?", "Scholen sturen elk jaar op 15 mei hun cijfers; eind 2025 volgt "
     "een evaluatie.", "15 mei"),
])
def test_a_time_leads_as_the_sentence_says_it(question, sentence, lead):
    assert direct_answer(understand(question, [], None), sentence) == lead


@pytest.mark.parametrize(("sentence", "has_day"), [
    ("De regeling gaat in op 1 juli 2025.", True),
    ("De scholen melden zich uiterlijk 15 mei.", True),
    ("Erkend sinds 02-11-2018.", True),
    ("The grant was decided on March 4.", True),
    ("De plannen lopen tot juni 2026.", False),  # a month dates a period as often as a day: no date given
    ("Sinds april 2024 krijgen zij een impuls.", False),
])
def test_a_date_asked_for_is_a_day_not_a_month(sentence, has_day):
    from assistant.shapes import has_shape

    assert has_shape(understand("Op welke datum kregen de gemeenten hun beschikking?", [], None), sentence) is has_day


def test_which_places_is_read_in_the_question_not_in_the_statement_before_it():
    from assistant.answer import places_asked

    assert not places_asked(understand("The news item gives examples of what municipalities do. Which example "
                                       "concerns work?", [], None))
    assert places_asked(understand("Which municipalities receive support from April 2024?", [], None))


@pytest.mark.parametrize(("question", "asks"), [
    ("Door wie is de brief van 1 juli 2022 ondertekend?", True),
    ("Which minister signed the June 2025 letter?", True),
    ("Is there any sign that AJB works?", False),  # a sign of something, not a signature
])
def test_who_signed_is_asked_by_the_words_for_signing(question, asks):
    assert asks_signatory(question) is asks


ANNOUNCED = ("Vorig jaar begonnen de eerste vijftien gemeenten. Via het nationale programma komen er dit jaar vier "
             "bij. Daarnaast zijn acht gemeenten geselecteerd: Almere, Enschede, Helmond en Venlo. Die acht beginnen "
             "begin 2024.")


def _candidate(sentence: str, block: str):
    from assistant.answer import Candidate

    start = block.index(sentence)
    return Candidate(sentence_id="s", chunk_id="c", text=sentence, page=1, start=start, end=start + len(sentence),
                     context="", context_start=start, block=block, dense=0.9, lexical=0.5, retrieval=1.0)


@pytest.mark.parametrize(("question", "sentence", "missing"), [
    # the places after "Daarnaast ..." are another group's: the four that came via the programme are not named
    ("Welke vier gemeenten kwamen er dit jaar via het nationale programma bij?",
     "Via het nationale programma komen er dit jaar vier bij.", True),
    ("Welke acht gemeenten zijn geselecteerd?", "Daarnaast zijn acht gemeenten geselecteerd: Almere, Enschede, "
     "Helmond en Venlo.", False),
    ("Welke acht gemeenten beginnen begin 2024?", "Die acht beginnen begin 2024.", False),  # its point names them
])
def test_which_places_are_read_in_the_point_the_sentence_makes(question, sentence, missing):
    from assistant.answer import places_missing

    assert places_missing(understand(question), _candidate(sentence, ANNOUNCED)) is missing


def test_bullets_that_open_a_section_are_its_list_when_the_heading_names_what_is_asked():
    text = ("- Het ministerie zoekt uit welke gegevens scholen mogen delen.\n- Halt stuurt een overzicht van de "
            "scholen.\n- Heerlen deelt het lesmateriaal.\n\nVolgende bijeenkomst: 21 januari 2025.")
    sentences = ["Het ministerie zoekt uit welke gegevens scholen mogen delen.", "Halt stuurt een overzicht van de "
                 "scholen.", "Heerlen deelt het lesmateriaal."]
    spans = [(text.index(t), text.index(t) + len(t), 1) for t in sentences]
    start, end = spans[1][:2]
    assert text[start:end] == "Halt stuurt een overzicht van de scholen."
    lo, hi, items = gather(text, spans, start, end, heading_asked=True)  # under "5. Actiepunten"
    assert text[lo:hi].startswith("- Het ministerie") and text[lo:hi].endswith("lesmateriaal.")
    assert [i.split()[0] for i in items] == ["Het", "Halt", "Heerlen"]
    assert gather(text, spans, start, end) is None  # a heading that names something else announces nothing


@pytest.mark.parametrize(("line", "label"), [
    ("Tweede Kamer der Staten-Generaal", True), ("Databank Effectieve Jeugdinterventies", True),
    ("groep 6, 7 en 8 (9 tot en met 12 jaar).", False), ("Leerlingen uit de bovenbouw van het basisonderwijs:", False),
    ("Wij sturen uw Kamer volgend jaar een eerste voortgangsrapportage", False),  # long: a sentence cut off
])
def test_a_short_line_that_does_not_end_as_a_sentence_is_a_label(line, label):
    from assistant.context import is_label_line

    assert is_label_line(line) is label


@pytest.mark.parametrize(("question", "nth"), [
    ("How many young people were reached according to the third monitor?", (3, "monitor")),
    ("Wat staat er in de tweede voortgangsrapportage?", (2, "rapportage")),  # a compound of the kind's word
    ("Wat staat in de tweede brief van de minister?", (2, "brief")),
    ("Wat schreef de minister in de brief aan de Tweede Kamer?", None),  # the Kamer, no second letter
    ("Welke brief stuurde de minister als tweede?", None),
])
def test_the_nth_document_of_a_kind_is_read_from_the_question(question, nth):
    assert nth_document(question) == nth


@pytest.mark.parametrize(("question", "sentence", "gives"), [
    ("Wat is het kenmerk van de brief?", "Kenmerk: 2024-0213", True),
    ("Wat is het kenmerk van de brief?", "De brief gaat over de voortgang.", False),
    ("Wat is ons kenmerk van de brief?", "Uw kenmerk\n\n2023Z21490", False),  # the addressee's, not the sender's
    ("Wat is ons kenmerk van de brief?", "Ons kenmerk\n\n5178141", True),
    ("Which number does the paper have?", "Nr. 106", True),
])
def test_a_reference_asked_for_is_the_field_that_gives_it(question, sentence, gives):
    from assistant.shapes import has_shape
    from assistant.short_answer import direct_answer

    q = understand(question, [], None)
    assert has_shape(q, sentence) is gives
    if gives:
        assert direct_answer(q, sentence) == " ".join(sentence.split())


def test_a_bullet_speaks_of_the_time_its_announcing_line_names():
    from assistant.answer import Candidate, fits
    from assistant.context import DocContext
    from assistant.lists import announcer

    text = ("Doelen\n\nVoor eind 2026 hebben we ons het volgende voorgenomen:\n\n- minder schooluitval;\n\n"
            "- het aantal first offenders daalt met een vijfde ten opzichte van 2021;\n\nDe raad wordt jaarlijks "
            "geïnformeerd.")
    item = text.find("het aantal")
    assert announcer(text, item) == "Voor eind 2026 hebben we ons het volgende voorgenomen:"
    assert announcer(text, text.find("De raad")) == ""  # a paragraph after the list: no item of it
    sentence = "het aantal first offenders daalt met een vijfde ten opzichte van 2021;"
    q = understand("Wat wil de gemeente eind 2026 bereikt hebben met first offenders?", [], None)
    ctx = DocContext(title="Uitvoeringsplan", date="2025-01-10")

    def cand(lead: str) -> Candidate:
        return Candidate(sentence_id="s", chunk_id="c", text=sentence, page=1, start=item, end=item + len(sentence),
                         context="", context_start=item, block=sentence, dense=0.9, lexical=0.5, retrieval=1.0,
                         ctx=ctx, lead=lead)

    assert not fits(q, cand(""))  # alone, the item speaks of 2021 only
    assert fits(q, cand(announcer(text, item)))


def test_a_change_is_compared_with_other_documents_by_the_figure_it_came_to():
    from assistant.conflicts import number_of

    assert number_of("van 576 naar 812") == "812"  # the same as another document's "812 deelnemers", not its "576"
    assert number_of("812 (eerder 576)") == "812"
    assert number_of("vijftien gemeenten") == "15"


def test_a_letter_signed_by_hand_closes_with_roles_and_no_names():
    closing = unnamed_closing("Met vriendelijke groet,\n\nhet college van burgemeester en wethouders van Delft,\n\n"
                              "de secretaris, de burgemeester,\n")
    assert closing is not None and closing.group().split() == ["de", "secretaris,", "de", "burgemeester,"]
    assert unnamed_closing("De Minister van Justitie en Veiligheid,\n\nD. Yeşilgöz-Zegerius") is None  # named
    assert unnamed_closing("Dat bespreekt de burgemeester, zo schrijft de wethouder, met de scholen.") is None


def test_an_address_names_no_person():
    from assistant.shapes import has_shape

    q = understand("Wie is de wethouder van Delft die de brief schreef?", [], None)
    assert q.shape == "person"
    assert not has_shape(q, "Markt 87, 2611 GW Delft - Postbus 78, 2600 ME Delft")
    assert has_shape(q, "Namens het college, wethouder Anouk de Vries")


def test_the_number_of_a_table_or_chapter_is_no_figure():
    q = understand("Hoeveel gemeenten staan in de monitor?", [], None)
    assert direct_answer(q, "Tabel 1 geeft per gemeente het bereik; 24 gemeenten leverden gegevens aan.") == \
        "24 gemeenten"
    assert direct_answer(q, "Hoofdstuk 3 gaat over de gemeenten.") is None


@pytest.mark.parametrize(("question", "sentence", "lead"), [
    # asked which end of a period, the word that says it is part of the answer; else the date alone
    ("Tot wanneer lopen de plannen?", "De huidige plannen lopen tot juni 2026.", "tot juni 2026"),
    ("Vanaf welk jaar is het budget structureel?", "Vanaf 2025 is er jaarlijks € 143 miljoen.", "Vanaf 2025"),
    ("Tot welke datum zijn de jongeren geteld?", "Geteld is tot en met 31 januari 2024.", "tot en met 31 januari 2024"),
    ("Wanneer begint de regeling?", "De regeling geldt vanaf 1 januari 2025.", "1 januari 2025"),
])
def test_a_date_keeps_the_word_for_its_end_when_that_end_is_asked(question, sentence, lead):
    assert direct_answer(understand(question, [], None), sentence) == lead
