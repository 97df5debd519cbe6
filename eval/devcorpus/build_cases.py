"""Source of eval/sets/devcorpus.jsonl (the questions about the fixture documents).

Run:  python3 eval/devcorpus/build_cases.py  then  check_cases.py to validate.
"""
import json
from pathlib import Path

D = {
    "kb2022": "kamerbrief-brede-preventieaanpak-jeugdcriminaliteit.pdf",
    "kb2023": "kst-28741-106.pdf",
    "kb2024": "kamerbrief-voortgang-preventie-met-gezag-april-2024.pdf",
    "kb2025": "preventie-met-gezag-stand-van-zaken.pdf",
    "nws2022": "kabinet-start-preventie-met-gezag.html",
    "nws2023": "nieuwsbericht-extra-gemeenten.html",
    "nws2024": "20-gemeenten-extra-steun-jeugdcriminaliteit.html",
    "halt": "halt-spreekuur-scholen.pdf",
    "kidzzz": "factsheet-alles-kidzzz.pdf",
    "ajb": "ajb-alleen-jij-bepaalt-wie-je-bent.html",
    "zaanstad": "uitvoeringsplan-pmg-zaanstad-2024.docx",
    "monitor": "monitor-pmg-2024.pdf",
    "scan": "scan-brief-gemeente-schiedam.pdf",
    "verslag": "verslag-lerend-netwerk-school-en-veiligheid.txt",
}
TH = {"alg": "algemeen", "ond": "onderwijs", "werk": "werk-en-inkomen", "pers": "persoonlijke-ontwikkeling",
      "soc": "sociaal-netwerk", "zv": "zorg-en-veiligheid", "cri": "criminaliteit-en-re-integratie"}
CASES = []


def c(cid, doc, theme, q, exp=None, kinds="", lang="nl", any_=None, hist=None, ans=True):
    tags = [TH[theme]] + [k for k in kinds.split() if k]
    if lang == "en":
        tags.append("english")
    if hist:
        tags.append("followup")
    if not ans:
        tags += [t for t in ("unanswerable",) if t not in tags]
    case = {"id": f"dc-{cid}", "question": q, "lang": lang}
    if ans:
        if any_:
            case["expect_any"] = any_
        else:
            case["expect_all"] = exp
    else:
        case["expect_all"] = []
    case["answerable"] = ans
    if hist:
        h = []
        for i, t in enumerate(hist):
            h.append({"role": "user" if i % 2 == 0 else "assistant", "content": t})
        case["history"] = h
    case["tags"] = tags
    case["doc"] = D[doc]
    CASES.append(case)


def un(cid, doc, theme, q, lang="nl", hist=None, kinds=""):
    c(cid, doc, theme, q, kinds=("near-miss " + kinds).strip(), lang=lang, hist=hist, ans=False)


# ---------------------------------------------------------------- Kamerbrief 1 juli 2022
c("kb2022-budget-2022", "kb2022", "alg",
  "Hoeveel geld had het kabinet in 2022 over voor de preventie van jeugdcriminaliteit?",
  ["€ 60 miljoen"], "figure")
c("kb2022-structureel", "kb2022", "alg",
  "In de Kamerbrief van juli 2022: vanaf welk jaar bereikt het budget zijn structurele niveau, en welk bedrag "
  "hoort daarbij?", ["vanaf 2025", "€ 143"], "figure")
c("kb2022-bronnen", "kb2022", "alg",
  "The July 2022 letter says in a footnote where the first year's money comes from. Which two amounts make it up?",
  ["€ 42 miljoen", "€ 18 miljoen"], "figure list", lang="en")
c("kb2022-leeftijd", "kb2022", "alg",
  "Voor welke leeftijdsgroep is de aanpak bedoeld volgens de eerste brief van de ministers aan de Kamer?",
  ["8 en 27 jaar"], "figure")
c("kb2022-startgemeenten", "kb2022", "alg",
  "Met welke gemeenten ging Preventie met Gezag in 2022 van start?",
  ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Arnhem", "Breda", "Eindhoven", "Groningen", "Heerlen",
   "Leeuwarden", "Lelystad", "Nieuwegein", "Schiedam", "Tilburg", "Zaanstad"], "list example")
c("kb2022-gebieden", "kb2022", "alg",
  "How many areas were selected at the start in 2022, and in how many municipalities were they?",
  ["16 gebieden", "15"], "figure", lang="en")
c("kb2022-advies", "kb2022", "alg",
  "Op advies van welk gremium is in 2022 gekozen voor de eerste gebieden?",
  ["Strategisch Beraad Ondermijning"], "example")
c("kb2022-uitgangspunten", "kb2022", "alg",
  "Welke drie uitgangspunten hanteren de ministers in hun brief over de brede preventieaanpak?",
  ["fors in de wijken", "Ten tweede werken de domeinen", "Ten derde leren wij"], "list")
c("kb2022-partners-en", "kb2022", "cri",
  "Which justice partners get extra room under the 2022 plan, according to the letter to parliament?",
  ["jeugdagenten", "Openbaar Ministerie", "Halt-spreekuur", "Raad voor de Kinderbescherming"],
  "list example", lang="en")
c("kb2022-vng", "kb2022", "alg",
  "Met wie stelt het ministerie het kader op waarmee de gemeentelijke plannen in 2022 worden beoordeeld?",
  ["VNG"], "example")
c("kb2022-ondertekening", "kb2022", "alg",
  "Door wie is de brief van 1 juli 2022 ondertekend?",
  ["Yeşilgöz-Zegerius", "Weerwind"], "example list")
c("kb2022-wodc", "kb2022", "alg",
  "Welke organisatie zet volgens de brief uit 2022 een meerjarige monitor op?",
  ["WODC"], "example")
c("kb2022-uitbuiting", "kb2022", "cri",
  "Ik ben jeugdagent. Over welk onderwerp liet het WODC in 2021 al een verkenning doen, volgens de brief van "
  "juli 2022?", ["criminele uitbuiting"])
c("kb2022-databanken", "kb2022", "alg",
  "Uit de databanken van welke organisaties moeten gemeenten bij voorkeur hun interventies kiezen (brief 2022)?",
  ["Movisie"], "example")
c("kb2022-fu-structureel", "kb2022", "alg", "En hoeveel wordt dat later per jaar?", ["€ 143"], "figure",
  hist=["Hoeveel geld was er in 2022 beschikbaar voor Preventie met Gezag?",
        "Volgens de Kamerbrief van 1 juli 2022 was er dat jaar € 60 miljoen beschikbaar."])
un("kb2022-un-amsterdam-2022", "monitor", "alg",
   "Hoeveel geld kreeg Amsterdam in 2022 voor Preventie met Gezag?")

# ---------------------------------------------------------------- Kamerstuk 28 741, nr. 106
c("kb2023-pijlers", "kb2023", "alg",
  "Op welke drie pijlers rust Preventie met Gezag volgens de brief van 7 juli 2023?",
  ["gebiedsgerichte aanpak", "flexibele aanpak", "jeugdstrafrechtketen"], "list")
c("kb2023-acht-en", "kb2023", "alg",
  "Which municipalities were invited in 2023, on the basis of crime figures and socio-economic data, to submit "
  "a plan?", ["Almere", "Enschede", "Hertogenbosch", "Nijmegen", "Helmond", "Venlo", "Sittard-Geleen",
              "Maastricht"], "list example", lang="en")
c("kb2023-nplv", "kb2023", "alg",
  "Hoeveel gemeenten kwamen er in 2023 bij door de uitbreiding van het Nationaal Programma Leefbaarheid en "
  "Veiligheid?", ["vier gemeenten"], "figure")
c("kb2023-start-nieuw", "kb2023", "alg",
  "Wanneer beginnen de nieuwe gemeenten met de uitvoering, volgens Kamerstuk 28 741 nr. 106?",
  ["begin 2024"], "figure")
c("kb2023-bandbreedte", "kb2023", "alg",
  "Tussen welke bedragen ligt volgens de brief van juli 2023 de jaarlijkse bijdrage aan één gemeente?",
  ["€ 1,1", "€ 7,5 miljoen"], "figure")
c("kb2023-gebiedsgericht-en", "kb2023", "alg",
  "How much money was available in 2023 for the area-based approach?", ["€ 46 miljoen"], "figure", lang="en")
c("kb2023-fu-flexibel", "kb2023", "alg", "En voor de flexibele pijler?", ["€ 9 miljoen"], "figure",
  hist=["Hoeveel geld was er in 2023 voor de gebiedsgerichte aanpak?",
        "Volgens de brief van 7 juli 2023 was dat jaar € 46 miljoen beschikbaar voor de gebiedsgerichte aanpak."])
c("kb2023-halt-geld", "kb2023", "ond",
  "Ik werk bij Halt. Hoeveel extra geld krijgen wij in 2023 om het spreekuur op scholen uit te breiden?",
  ["3,2 miljoen"], "figure")
c("kb2023-lerende-netwerken", "kb2023", "alg",
  "Over welke onderwerpen waren er in juli 2023 lerende netwerken?",
  ["netwerken over school", "specialistisch jongerenwerk", "criminele families", "monitoring"], "list")
c("kb2023-rvdk-en", "kb2023", "cri",
  "What does the Raad voor de Kinderbescherming put in place in the priority neighbourhoods, according to the "
  "letter of July 2023?", ["casusregisseurs"], "example", lang="en")
c("kb2023-nr86", "kb2023", "alg",
  "Naar welk eerder Kamerstuk verwijst de brief van juli 2023 als hij het over 'vorig jaar' heeft?",
  ["nr. 86"], "figure")
c("kb2023-ajb", "kb2023", "pers",
  "Hoe omschrijft de Kamerbrief van 2023 de sportinterventie voor leerlingen uit het praktijkonderwijs en vmbo?",
  ["bewezen effectieve sportinterventie"], "example")
c("kb2023-om", "kb2023", "cri",
  "Wat richt het Openbaar Ministerie volgens de brief van juli 2023 per arrondissementsparket in?",
  ["kernteam"], "example")
c("kb2023-reclassering", "kb2023", "cri",
  "Wie is bij de reclassering het aanspreekpunt voor gemeenten, volgens Kamerstuk 28 741 nr. 106?",
  ["coördinator"], "example")
c("kb2023-vervolg-en", "kb2023", "alg",
  "What do the ministers promise to send to parliament the year after their July 2023 letter?",
  ["voortgangsrapportage"], lang="en")
un("kb2023-un-nplv-namen", "kb2023", "alg",
   "Welke vier gemeenten kwamen er in 2023 via het Nationaal Programma Leefbaarheid en Veiligheid bij?",
   kinds="example")
un("kb2023-un-halt-2024", "kb2023", "ond",
   "Hoeveel extra geld krijgt Halt in 2024 voor het spreekuur op scholen?")

# ---------------------------------------------------------------- Kamerbrief 4 april 2024
c("kb2024-twintig", "kb2024", "alg",
  "Welke 20 gemeenten krijgen volgens de Kamerbrief van april 2024 een tijdelijke impuls?",
  ["Almelo", "Bergen op Zoom", "Brunssum", "Den Helder", "Diemen", "Gouda", "Haarlem", "Hoorn", "Kerkrade",
   "Leiden", "Middelburg", "Nissewaard", "Oosterhout", "Rijswijk", "Roermond", "Venray", "Vlissingen",
   "Zoetermeer", "Zutphen", "Zwolle"], "list example")
c("kb2024-bedrag", "kb2024", "alg",
  "Hoeveel kan een aanvullende gemeente per jaar krijgen, en voor hoelang?",
  ["€ 500.000 per jaar", "drie jaar lang"], "figure")
c("kb2024-totaal-en", "kb2024", "alg",
  "What is the total amount set aside for the 20 additional municipalities?", ["€ 30 miljoen"], "figure",
  lang="en")
c("kb2024-bestemming", "kb2024", "alg",
  "Waarvoor mogen de aanvullende gemeenten de specifieke uitkering gebruiken?",
  ["probleemanalyse", "programmacoördinatie", "kansrijke en bewezen"], "list")
c("kb2024-nplv-19", "kb2024", "alg",
  "In hoeveel van de 27 gemeenten hangt de aanpak samen met het Nationaal Programma Leefbaarheid en "
  "Veiligheid, volgens de brief van april 2024?", ["In 19"], "figure")
c("kb2024-ministeries-en", "kb2024", "alg",
  "Which other ministries contribute through the Nationaal Programma Leefbaarheid en Veiligheid?",
  ["SZW", "OCW", "VWS", "BZK"], "list example", lang="en")
c("kb2024-uitvraag", "kb2024", "alg",
  "Op de gegevens van welke datum is de voortgangsrapportage gebaseerd die in april 2024 werd aangekondigd?",
  ["1 maart 2024"], "figure")
c("kb2024-kwaliteitskader", "kb2024", "alg",
  "Wie schrijven het landelijke kwaliteitskader, volgens de brief van 4 april 2024?",
  ["hoogleraren", "Erkenningscommissie Justitiële Interventies"], "example")
c("kb2024-keten", "kb2024", "cri",
  "Welke drie voorbeelden geven de ministers in april 2024 van wat de ketenpartners vorig jaar hebben gedaan?",
  ["coördinator", "kernteam Preventie", "casusregisseurs"], "list example")
c("kb2024-instroom", "kb2024", "alg",
  "Hoeveel gemeenten stroomden in 2023 in en voeren hun plannen vanaf 2024 uit?", ["12 gemeenten"], "figure")
c("kb2024-fu-selectie", "kb2024", "alg", "Hoe zijn die gemeenten uitgekozen?", ["objectieve gegevens"],
  hist=["Welke gemeenten kregen in april 2024 extra steun?",
        "Twintig aanvullende gemeenten, waaronder Almelo, Gouda en Zwolle, krijgen een tijdelijke impuls."])
un("kb2024-un-zwolle", "kb2024", "alg",
   "Welke interventies zet Zwolle in met de impuls van een half miljoen per jaar?", kinds="example")
un("kb2024-un-gouda-2023", "kb2024", "alg",
   "Hoeveel geld kreeg Gouda in 2023 voor Preventie met Gezag?")

# ---------------------------------------------------------------- Brief 19 juni 2025
c("kb2025-aantal", "kb2025", "alg",
  "Hoeveel gemeenten doen in juni 2025 mee met Preventie met Gezag?", ["47"], "figure")
c("kb2025-fu-opbouw", "kb2025", "alg", "Hoe is dat aantal opgebouwd?",
  ["27 gemeenten met een structurele bijdrage", "tijdelijke impuls"],
  hist=["Hoeveel gemeenten doen er nu mee?", "Volgens de brief van 19 juni 2025 doen 47 gemeenten mee."])
c("kb2025-minister-en", "kb2025", "alg",
  "Which minister signed the June 2025 letter on Preventie met Gezag?", ["van Weel"], "example", lang="en")
c("kb2025-kader-titel", "kb2025", "alg",
  "Hoe heet het landelijke kwaliteitskader voor jeugdinterventies dat naar de Kamer is gestuurd?",
  ["Wat werkt laten werken"], "example")
c("kb2025-kader-datum", "kb2025", "alg",
  "Wanneer is het kwaliteitskader naar de Tweede Kamer verstuurd?", ["5 juni 2024"], "figure")
c("kb2025-drie-groepen", "kb2025", "alg",
  "In welke drie groepen deelt het kwaliteitskader interventies in, volgens de brief van juni 2025?",
  ["effectiviteit is aangetoond", "kansrijke interventies", "zonder onderbouwing"], "list")
c("kb2025-helft-en", "kb2025", "alg",
  "How much of their budget are municipalities expected to spend on proven or promising interventions in "
  "the next period?", ["ten minste de helft"], "figure", lang="en")
c("kb2025-tool", "kb2025", "alg",
  "Waarmee kunnen gemeenten hun plannen aan het kwaliteitskader toetsen?", ["digitale tool"], "example")
c("kb2025-periode", "kb2025", "alg",
  "Welke periode beslaat de nieuwe regeling die na de huidige plannen komt?",
  ["1 juni 2026", "31 december 2029"], "figure")
c("kb2025-grassroot", "kb2025", "soc",
  "Wat houden de grassroot pilots in en hoeveel gemeenten starten ermee?",
  ["zes gemeenten", "informele organisaties"], "figure")
c("kb2025-wodc-en", "kb2025", "alg",
  "When does the minister expect the first results of the WODC effect evaluation?", ["in 2027"], "figure",
  lang="en")
c("kb2025-looptijd", "kb2025", "alg",
  "Tot wanneer lopen de huidige plannen van de 27 gemeenten?", ["tot juni 2026"], "figure")
un("kb2025-un-na-2026", "kb2025", "alg",
   "Hoeveel geld krijgen de 20 aanvullende gemeenten per jaar na 2026?")
un("kb2025-un-derde-monitor-en", "kb2025", "alg",
   "How many young people were reached according to the third monitor?", lang="en")

# ---------------------------------------------------------------- nieuws 2022
c("nws2022-datum", "nws2022", "alg",
  "Wanneer verscheen het nieuwsbericht dat vijftien gemeenten met Preventie met Gezag beginnen?",
  ["05-09-2022"], "figure")
c("nws2022-citaat-en", "nws2022", "alg",
  "In the September 2022 news item about the start, what example of a boy does the minister give?",
  ["op de uitkijk"], "example", lang="en")
c("nws2022-uitbuiting", "nws2022", "cri",
  "Waar moeten gemeenten in hun plannen ook aandacht aan besteden, volgens het nieuwsbericht over de start?",
  ["criminele uitbuiting"])
c("nws2022-voorbeelden", "nws2022", "alg",
  "Welke gemeenten naast de vier grote steden noemt het startbericht van 2022 als voorbeeld?",
  ["Arnhem", "Heerlen", "Lelystad", "Zaanstad"], "list example")
c("nws2022-budget-en", "nws2022", "alg",
  "According to the news item of September 2022, how much is available each year from 2025?",
  ["€ 143 miljoen"], "figure", lang="en")
un("nws2022-un-arnhem-wijken", "nws2022", "alg",
   "In welke wijken van Arnhem wordt Preventie met Gezag uitgevoerd?", kinds="example")

# ---------------------------------------------------------------- nieuws 2023
c("nws2023-acht", "nws2023", "alg",
  "Welke acht gemeenten zijn in mei 2023 geselecteerd op basis van criminaliteitscijfers en "
  "sociaaleconomische gegevens?",
  ["Almere", "Enschede", "Hertogenbosch", "Nijmegen", "Helmond", "Venlo", "Sittard-Geleen", "Maastricht"],
  "list example")
c("nws2023-groei-en", "nws2023", "alg",
  "By how much does the number of municipalities grow according to the news item of May 2023?",
  ["van 15 naar 27"], "figure", lang="en")
c("nws2023-partners", "nws2023", "alg",
  "Met welke justitiële en andere partners werken de gemeenten samen volgens het bericht over 27 gemeenten?",
  ["Openbaar Ministerie", "Rechtspraak", "Raad voor de Kinderbescherming", "Reclassering", "Halt",
   "Zorg- en Veiligheidshuizen"], "list example")
c("nws2023-leraren", "nws2023", "ond",
  "Waarop worden leraren getraind, volgens het nieuwsbericht van 23 mei 2023?", ["ronselen"])
c("nws2023-datum", "nws2023", "alg",
  "Op welke datum verscheen het nieuwsbericht over de uitbreiding naar 27 gemeenten?", ["23-05-2023"],
  "figure")
c("nws2023-fu-start", "nws2023", "alg", "Wanneer gaan die aan de slag?", ["begin 2024"], "figure",
  hist=["Welke gemeenten kwamen er in 2023 bij?",
        "Onder meer Almere, Enschede, ’s-Hertogenbosch, Nijmegen, Helmond, Venlo, Sittard-Geleen en Maastricht."])
c("nws2023-werk-en", "nws2023", "werk",
  "The May 2023 news item gives examples of what municipalities do. Which example concerns work?",
  ["baan of stage"], "example", lang="en")
un("nws2023-un-maastricht", "nws2023", "alg",
   "Hoeveel geld krijgt Maastricht per jaar voor Preventie met Gezag?")

# ---------------------------------------------------------------- nieuws 2024
c("nws2024-lijst-en", "nws2024", "alg",
  "Which municipalities are on the list of twenty that receive support from April 2024?",
  ["Almelo", "Bergen op Zoom", "Brunssum", "Den Helder", "Diemen", "Gouda", "Haarlem", "Hoorn", "Kerkrade",
   "Leiden", "Middelburg", "Nissewaard", "Oosterhout", "Rijswijk", "Roermond", "Venray", "Vlissingen",
   "Zoetermeer", "Zutphen", "Zwolle"], "list example", lang="en")
c("nws2024-zomer", "nws2024", "alg",
  "Wanneer kunnen de twintig nieuwe gemeenten naar verwachting beginnen?", ["voor de zomer"], "figure")
c("nws2024-limburg", "nws2024", "alg",
  "Ik ben beleidsmedewerker in Limburg. Welke Limburgse gemeenten horen bij de twintig gemeenten die in "
  "april 2024 steun kregen?", ["Brunssum", "Kerkrade", "Roermond", "Venray"], "list example")
c("nws2024-fu-jaren-en", "nws2024", "alg", "For how many years?", ["drie jaar"], "figure", lang="en",
  hist=["How much does each of the 20 extra municipalities receive?",
        "Each municipality with an approved plan can receive € 500.000 a year."])
c("nws2024-datum", "nws2024", "alg",
  "Van welke datum is het nieuwsbericht over de steun voor twintig gemeenten?", ["04-04-2024"], "figure")
un("nws2024-un-plannen-ingediend", "nws2024", "alg",
   "Op welke datum hebben de twintig gemeenten hun plannen van aanpak ingediend?")

# ---------------------------------------------------------------- Halt-nieuws november 2023
c("halt-scholen", "halt", "ond",
  "Op hoeveel scholen draaide het Halt-spreekuur in november 2023?", ["14 scholen"], "figure")
c("halt-fu-zomer", "halt", "ond", "En hoeveel waren het er voor de zomer?", ["nog zes"], "figure",
  hist=["Op hoeveel scholen draaide het Halt-spreekuur in november 2023?",
        "Volgens Halt draaide het spreekuur toen op 14 scholen in vijf gemeenten."])
c("halt-nieuwegein-en", "halt", "ond",
  "How many pupils had been referred to the Halt consultation hour in Nieuwegein by November 2023?",
  ["ruim twintig leerlingen"], "figure", lang="en")
c("halt-termijn", "halt", "ond",
  "Ik ben mentor op een middelbare school. Hoe snel na een incident krijgt een leerling een gesprek bij het "
  "Halt-spreekuur?", ["binnen vijf schooldagen"], "figure")
c("halt-medewerkers", "halt", "ond",
  "Hoeveel extra mensen heeft Halt in 2023 voor het spreekuur in dienst genomen?", ["negen extra medewerkers"],
  "figure")
c("halt-straf", "halt", "cri",
  "Hoe lang kan een Halt-straf maximaal duren?", ["maximaal 20 uur"], "figure")
c("halt-regiomanager", "halt", "ond",
  "Wie van Halt komt aan het woord in het bericht over het spreekuur op scholen?", ["Marieke Dekker"],
  "example")
c("halt-incidenten", "halt", "ond",
  "Welke voorbeelden van incidenten noemt Halt waarna een leerling naar het spreekuur kan?",
  ["vechtpartij", "kluisje", "uitschelden van een docent"], "list")
c("halt-datum-en", "halt", "ond",
  "When was the Halt news item about the consultation hour at schools published?", ["23 november 2023"],
  "figure", lang="en")
c("halt-ouders", "halt", "ond",
  "Wanneer worden ouders uitgenodigd bij het Halt-spreekuur?", ["tweede gesprek"])
c("halt-2024-en", "halt", "ond",
  "Where does Halt want to expand the consultation hour next year, according to its November 2023 news item?",
  ["acht gemeenten"], lang="en")
un("halt-un-schiedam", "halt", "ond",
   "Hoeveel leerlingen zijn in Schiedam naar het Halt-spreekuur doorverwezen?")

# ---------------------------------------------------------------- factsheet Alles Kidzzz
c("kidzzz-groepen", "kidzzz", "pers",
  "Voor welke groepen van de basisschool is Alles Kidzzz bedoeld?", ["groep 6, 7 en 8"], "figure")
c("kidzzz-leeftijd-en", "kidzzz", "pers",
  "What age range does Alles Kidzzz target?", ["9 tot en met 12 jaar"], "figure", lang="en")
c("kidzzz-sessies", "kidzzz", "pers",
  "Uit hoeveel bijeenkomsten bestaat de Alles Kidzzz-training en hoe lang duurt er één?",
  ["acht wekelijkse sessies", "45 minuten"], "figure")
c("kidzzz-fasen", "kidzzz", "pers",
  "In welke fasen is de Alles Kidzzz-training opgebouwd?", ["kennismakingsfase", "aanpakfase"], "list")
c("kidzzz-fu-aanpakfase", "kidzzz", "pers", "En de aanpakfase?", ["vijf sessies"], "figure",
  hist=["Hoeveel sessies heeft de kennismakingsfase van Alles Kidzzz?",
        "De kennismakingsfase bestaat uit drie sessies."])
c("kidzzz-subdoelen", "kidzzz", "pers",
  "Aan welke subdoelen werkt Alles Kidzzz?",
  ["zelfbeeld", "sociale cognities", "woederegulatie", "prosociale alternatieven"], "list")
c("kidzzz-erkenning", "kidzzz", "pers",
  "Welk oordeel gaf de erkenningscommissie aan Alles Kidzzz?", ["Effectief volgens goede aanwijzingen"])
c("kidzzz-erkend-en", "kidzzz", "pers",
  "On what date was Alles Kidzzz recognised?", ["02-11-2018"], "figure", lang="en")
c("kidzzz-rct", "kidzzz", "pers",
  "Op hoeveel scholen en bij hoeveel kinderen is het effect van Alles Kidzzz onderzocht?",
  ["48 scholen", "264 kinderen"], "figure")
c("kidzzz-certificering", "kidzzz", "pers",
  "Ik ben jeugdhulpverlener met een hbo-opleiding. Wat moet ik doen om Alles Kidzzz te mogen geven?",
  ["RINO", "drie trainingen onder supervisie"])
c("kidzzz-uitvoerder-en", "kidzzz", "pers",
  "Who is allowed to deliver the Alles Kidzzz training?", ["gecertificeerde professionals"], "example",
  lang="en")
c("kidzzz-ouders-en", "kidzzz", "pers",
  "Are parents involved in Alles Kidzzz, and how?", ["gesprekken met de ouders"], lang="en")
c("kidzzz-herbeoordeling", "kidzzz", "pers",
  "Waarom wordt Alles Kidzzz opnieuw beoordeeld?", ["ouder dan vijf"])
un("kidzzz-un-kosten", "kidzzz", "pers", "Wat kost een Alles Kidzzz-traject per kind?")
un("kidzzz-un-groningen-en", "kidzzz", "pers",
   "How many children in Groningen took part in Alles Kidzzz?", lang="en")

# ---------------------------------------------------------------- factsheet AJB
c("ajb-doelgroep", "ajb", "pers",
  "Welke leerlingen kunnen meedoen aan Alleen jij bepaalt wie je bent?",
  ["praktijkonderwijs", "kaderberoepsgerichte leerweg"], "example")
c("ajb-leeftijd-en", "ajb", "pers",
  "What is the age range of Alleen jij bepaalt wie je bent?", ["12 tot en met 18 jaar"], "figure", lang="en")
c("ajb-subdoelen-aantal", "ajb", "pers",
  "In hoeveel subdoelstellingen is het hoofddoel van AJB uitgewerkt?", ["negen subdoelstellingen"], "figure")
c("ajb-fu-subdoelen", "ajb", "pers", "Welke zijn dat?",
  ["minder gedragsproblemen", "meer prosociaal gedrag", "minder agressief", "betere werkhouding",
   "beter om met gezag", "vrije tijd zinvoller", "minder vrienden die delicten plegen", "negatieve invloed",
   "normen en waarden"], "list",
  hist=["Hoeveel subdoelstellingen heeft AJB?", "Het hoofddoel van AJB is uitgewerkt in negen subdoelstellingen."])
c("ajb-sporten", "ajb", "pers",
  "Welke teamsporten kunnen jongeren bij AJB doen?", ["voetbal", "basketbal", "honkbal"], "list example")
c("ajb-duur", "ajb", "pers",
  "Hoe lang duurt het AJB-programma volgens de interventiebeschrijving?", ["één jaar"], "figure")
c("ajb-erkenning-en", "ajb", "pers",
  "What recognition level does AJB have in the intervention database?",
  ["Eerste aanwijzingen voor effectiviteit"], lang="en")
c("ajb-bonden", "ajb", "pers",
  "Bij welke sportbonden moet een vereniging aangesloten zijn om AJB-trainingen te geven?",
  ["KNVB", "KNBSB", "NBB"], "list example")
c("ajb-effect", "ajb", "pers",
  "Wat liet het effectonderzoek zestien maanden na de start van AJB zien?",
  ["als verdachte geregistreerd", "minder vaak veroordeeld"])
c("ajb-ambassadeurs-en", "ajb", "pers",
  "Who act as ambassadors in AJB?", ["topsporters"], "example", lang="en")
c("ajb-bijgewerkt", "ajb", "pers",
  "Wanneer is de beschrijving van AJB voor het laatst bijgewerkt?", ["17-06-2020"], "figure")
c("ajb-erkend", "ajb", "pers",
  "Sinds welke datum is AJB erkend?", ["13-03-2019"], "figure")
c("ajb-vereniging", "ajb", "pers",
  "Aan welke eisen moet een sportvereniging voldoen om AJB uit te voeren?",
  ["financieel gezond", "brede jeugdafdeling"], "list")
un("ajb-un-kosten", "ajb", "pers", "Hoeveel kost AJB per deelnemer?")

# ---------------------------------------------------------------- Uitvoeringsplan Zaanstad
c("zaanstad-wijken", "zaanstad", "alg",
  "Op welke wijken richt Zaanstad zich met Preventie met Gezag?", ["Poelenburg", "Peldersveld"],
  "list example")
c("zaanstad-budget", "zaanstad", "alg",
  "Wat is de rijksbijdrage voor Zaanstad in 2024 en in 2025?", ["2.350.000", "2.480.000"], "figure")
c("zaanstad-eigen-en", "zaanstad", "alg",
  "How much does Zaanstad add each year from its own budget?", ["€ 400.000"], "figure", lang="en")
c("zaanstad-jongeren", "zaanstad", "alg",
  "Hoeveel jongeren van 8 tot 27 jaar wonen er in de Zaanse focuswijken?", ["4.100 jongeren"], "figure")
c("zaanstad-risico", "zaanstad", "zv",
  "Hoe groot is in Zaanstad de groep jongeren met een verhoogd risico op betrokkenheid bij drugshandel of "
  "geweld?", ["circa 120"], "figure")
c("zaanstad-zaanhuis", "zaanstad", "pers",
  "Hoe heet de jongerenlocatie die in 2024 in Poelenburg opengaat?", ["Het Zaanhuis"], "example")
c("zaanstad-ajb", "zaanstad", "pers",
  "Voor hoeveel leerlingen per jaar start Zaanstad met AJB?", ["60 leerlingen"], "figure")
c("zaanstad-familie", "zaanstad", "soc",
  "Hoeveel gezinnen neemt Zaanstad in 2024 op in de familieaanpak?", ["12 gezinnen"], "figure")
c("zaanstad-partners", "zaanstad", "alg",
  "Met welke partners voert Zaanstad het uitvoeringsplan uit?",
  ["basisteam Zaanstad", "arrondissementsparket Noord-Holland", "Halt Noord-Holland",
   "Raad voor de Kinderbescherming", "Reclassering Nederland", "Zaanstreek-Waterland"], "list example")
c("zaanstad-doel-en", "zaanstad", "cri",
  "What does Zaanstad aim for by the end of 2025 regarding young first-time suspects from the focus areas?",
  ["10 procent lager"], "figure", lang="en")
c("zaanstad-vastgesteld", "zaanstad", "alg",
  "Wanneer heeft het college van Zaanstad het uitvoeringsplan vastgesteld?", ["12 december 2023"], "figure")
c("zaanstad-specialistisch", "zaanstad", "pers",
  "Hoeveel jongeren per jaar verwacht Zaanstad te begeleiden met specialistisch jongerenwerk?",
  ["40 jongeren"], "figure")
c("zaanstad-coordinatie", "zaanstad", "alg",
  "Hoeveel trekt Zaanstad in 2025 uit voor programmacoördinatie en monitoring?", ["220.000"], "figure")
c("zaanstad-fu-positief", "zaanstad", "alg", "Hoeveel daarvan gaat naar positieve ondersteuning?",
  ["820.000"], "figure",
  hist=["Hoeveel krijgt Zaanstad in 2024 van het Rijk voor Preventie met Gezag?",
        "Volgens het uitvoeringsplan is de rijksbijdrage € 2.350.000 in 2024."])
c("zaanstad-halt", "zaanstad", "ond",
  "Op hoeveel scholen in Zaanstad draait het Halt-spreekuur volgens het uitvoeringsplan?", ["drie scholen"],
  "figure")
c("zaanstad-aanlevering", "zaanstad", "alg",
  "Op welke datum levert Zaanstad elk jaar gegevens aan voor de landelijke monitor?", ["1 maart"], "figure")
c("zaanstad-doelen", "zaanstad", "alg",
  "Welke doelen wil Zaanstad eind 2025 bereikt hebben?",
  ["10 procent lager", "verzuimen langdurig", "één vaste begeleider", "ouders in de focuswijken"], "list")
un("zaanstad-un-2026", "zaanstad", "alg", "Wat is het budget voor Preventie met Gezag in Zaanstad in 2026?")
un("zaanstad-un-boas-en", "zaanstad", "soc", "How many boa's does Zaanstad deploy under its plan?", lang="en")
un("zaanstad-un-kidzzz", "zaanstad", "pers", "Hoeveel kinderen doen in Zaanstad mee aan Alles Kidzzz?")

# ---------------------------------------------------------------- Monitor 2024
c("monitor-peildatum", "monitor", "alg", "Wat is de peildatum van de monitor 2024?", ["1 oktober 2024"],
  "figure")
c("monitor-totaal", "monitor", "alg",
  "Hoeveel jongeren zijn er in totaal bereikt volgens de monitor van november 2024?", ["9.470"], "figure")
c("monitor-amsterdam-en", "monitor", "alg",
  "How many young people did Amsterdam reach according to the 2024 monitor?", ["1.480"], "figure", lang="en")
c("monitor-rotterdam-budget", "monitor", "alg",
  "Wat was volgens de monitor het budget 2024 van Rotterdam?", ["10.900.000"], "figure")
c("monitor-tilburg-gezinnen", "monitor", "soc",
  "Hoeveel gezinnen zitten er in Tilburg in de aanpak, volgens de tabel in de monitor?", ["25"], "figure")
c("monitor-schiedam", "monitor", "alg",
  "Hoeveel jongeren heeft Schiedam volgens de monitor bereikt?", ["264"], "figure")
c("monitor-grootste", "monitor", "alg",
  "Welke gemeente had op de peildatum het grootste bereik?", ["Amsterdam"], "example")
c("monitor-gezinnen-en", "monitor", "soc",
  "What is the total number of families in the approach across the 24 municipalities?", ["498"], "figure",
  lang="en")
c("monitor-aanlevering", "monitor", "alg",
  "Hoeveel gemeenten leverden volledige gegevens aan voor de monitor van 2024?", ["24 gemeenten"], "figure")
c("monitor-ajb", "monitor", "pers",
  "Hoeveel jongeren deden er op 1 oktober 2024 mee aan AJB?", ["812"], "figure")
c("monitor-halt", "monitor", "ond",
  "Op hoeveel scholen draait het Halt-spreekuur volgens de monitor?", ["26 scholen"], "figure")
c("monitor-overige", "monitor", "alg",
  "Hoeveel budget hadden de twaalf gemeenten die in de tabel zijn samengenomen in 2024 samen?",
  ["17.600.000"], "figure")
c("monitor-aanvullend", "monitor", "alg",
  "Hoeveel van de 20 aanvullende gemeenten waren op de peildatum met de uitvoering begonnen?",
  ["17 van hen"], "figure")
c("monitor-ontwikkelingen", "monitor", "alg",
  "Welke drie ontwikkelingen vallen op in de monitor van 2024?",
  ["werk en inkomen", "boa's en straatcoaches", "specialistische jongerenwerkers"], "list")
c("monitor-gecontroleerd-en", "monitor", "alg",
  "Have the figures in the 2024 monitor been checked?", ["niet gecontroleerd"], lang="en")
c("monitor-fu-denhaag", "monitor", "soc", "En hoeveel gezinnen?", ["64"], "figure",
  hist=["Hoeveel jongeren bereikte Den Haag volgens de monitor?",
        "Volgens tabel 1 van de monitor bereikte Den Haag 1.105 jongeren."])
c("monitor-verschenen", "monitor", "alg", "Wanneer is de monitor 2024 verschenen?", ["november 2024"],
  "figure")
c("monitor-telling", "monitor", "alg",
  "Hoe telt de monitor een jongere die aan twee interventies meedoet?", ["telt één keer"])
c("monitor-lelystad-en", "monitor", "alg",
  "What was Lelystad's 2024 budget according to the table in the monitor?", ["1.750.000"], "figure",
  lang="en")
c("monitor-totaal-budget", "monitor", "alg",
  "Wat is het totale budget 2024 van de 24 gemeenten in de tabel?", ["73.850.000"], "figure")
un("monitor-un-almere", "monitor", "alg", "Hoeveel jongeren heeft Almere volgens de monitor bereikt?")
un("monitor-un-zoetermeer", "monitor", "alg",
   "Hoeveel jongeren heeft Zoetermeer al bereikt met de tijdelijke impuls?")
un("monitor-un-amsterdam-2025", "monitor", "alg", "Wat is het budget van Amsterdam voor 2025?")
un("monitor-un-lelystad-2023", "monitor", "alg", "Hoeveel jongeren bereikte Lelystad in 2023?")
un("monitor-un-fu-nijmegen", "monitor", "alg", "En Nijmegen?",
   hist=["Hoeveel jongeren bereikte Utrecht volgens de monitor?",
         "Volgens tabel 1 bereikte Utrecht 640 jongeren."])
un("monitor-un-recidive-en", "monitor", "cri",
   "What recidivism rate does the 2024 monitor report for young people in the approach?", lang="en")

# ---------------------------------------------------------------- gescande brief Schiedam
c("scan-boas", "scan", "soc",
  "Hoeveel jeugdboa's werken er sinds de zomer van 2023 in Nieuwland?", ["6 fte"], "figure")
c("scan-halt", "scan", "soc",
  "Hoeveel jongeren hebben de jeugdboa's in Schiedam in 2023 naar Halt doorverwezen?", ["27 jongeren"],
  "figure")
c("scan-training-en", "scan", "soc",
  "How many professionals took part in the straatcontract training in Schiedam?", ["42 professionals"],
  "figure", lang="en")
c("scan-gezinnen", "scan", "soc",
  "Hoeveel gezinnen zitten in Schiedam in de familieaanpak volgens de raadsinformatiebrief?",
  ["Acht gezinnen"], "figure")
c("scan-fu-coach", "scan", "soc", "Hoeveel van hen hebben een vaste gezinscoach?", ["vijf van hen"], "figure",
  hist=["Hoeveel gezinnen zijn in Schiedam in de familieaanpak opgenomen?",
        "Volgens de raadsinformatiebrief zijn acht gezinnen in de familieaanpak opgenomen."])
c("scan-budget", "scan", "alg",
  "Welke rijksbijdrage ontvangt Schiedam voor 2024 volgens de brief aan de raad?", ["€ 2.050.000"], "figure")
c("scan-datum", "scan", "alg",
  "Van wanneer is de raadsinformatiebrief van Schiedam over Preventie met Gezag?", ["14 februari 2024"],
  "figure")
c("scan-wijk-en", "scan", "alg",
  "Which neighbourhood of Schiedam does the council letter on Preventie met Gezag cover?", ["Nieuwland"],
  "example", lang="en")
c("scan-halt-2024", "scan", "ond",
  "Wat is Schiedam in 2024 van plan met het Halt-spreekuur?", ["twee scholen in Nieuwland"])
c("scan-helft-en", "scan", "soc",
  "What share of Schiedam's grant goes to street work and youth work?", ["ongeveer de helft"], lang="en")
c("scan-training-wie", "scan", "soc",
  "Wie volgden in oktober 2023 samen de training volgens de methode straatcontract in Schiedam?",
  ["jeugdboa's, jongerenwerkers en wijkagenten"], "list")
un("scan-un-2022", "scan", "soc", "Hoeveel jeugdboa's had Schiedam in 2022?")
un("scan-un-2024-en", "scan", "soc",
   "How many young people did Schiedam's youth boa's refer to Halt in 2024?", lang="en")

# ---------------------------------------------------------------- verslag lerend netwerk
c("verslag-deelnemers", "verslag", "ond",
  "Hoeveel deelnemers waren er bij de bijeenkomst van het lerend netwerk School en Veiligheid in september "
  "2024?", ["34 deelnemers"], "figure")
c("verslag-heerlen-en", "verslag", "ond",
  "How many primary school teachers in Heerlen have been trained so far, according to the learning network "
  "notes?", ["61 leerkrachten"], "figure", lang="en")
c("verslag-fu-training", "verslag", "ond", "En welke training was dat?", ["De Preventieve Leerkracht"],
  "example",
  hist=["Hoeveel leerkrachten zijn er in Heerlen getraind volgens het verslag van het lerend netwerk?",
        "Volgens het verslag zijn inmiddels 61 leerkrachten van basisscholen getraind."])
c("verslag-volgende", "verslag", "ond",
  "Wanneer komt het lerend netwerk School en Veiligheid weer bij elkaar?", ["21 januari 2025"], "figure")
c("verslag-datum", "verslag", "ond",
  "Wanneer was de bijeenkomst waar Heerlen De Preventieve Leerkracht presenteerde?", ["19 september 2024"],
  "figure")
c("verslag-actiepunten", "verslag", "ond",
  "Welke actiepunten kwamen uit de bijeenkomst van het lerend netwerk School en Veiligheid?",
  ["welke gegevens scholen en politie", "overzicht van de scholen", "lesmateriaal"], "list")
c("verslag-knelpunt", "verslag", "ond",
  "Welk knelpunt noemen de scholen bij de veiligheidsconvenanten?", ["welke informatie zij mogen delen"])
c("verslag-frequentie", "verslag", "ond",
  "Hoe vaak per jaar komt het lerend netwerk School en Veiligheid samen?", ["drie keer per jaar"], "figure")
c("verslag-locatie-en", "verslag", "ond",
  "Where did the September 2024 meeting of the learning network take place?", ["Jaarbeurs"], "example",
  lang="en")
c("verslag-capaciteit", "verslag", "ond",
  "Waarom kunnen scholen in kleinere gemeenten nog niet aansluiten bij het Halt-spreekuur?",
  ["nog geen capaciteit"])
c("verslag-eindhoven", "verslag", "ond",
  "Hoeveel scholen kunnen in Eindhoven via het digitale overleg vragen over veiligheid voorleggen?",
  ["44 scholen"], "figure")
un("verslag-un-januari", "verslag", "ond",
   "Wat is er besproken op de bijeenkomst van het lerend netwerk School en Veiligheid in januari 2025?")

# ---------------------------------------------------------------- cross-document
c("x-gemeenten-2023", "kb2023", "alg",
  "Met hoeveel gemeenten begon de aanpak, en hoeveel waren het een jaar later?",
  ["15 gemeenten", "27 gemeenten"], "figure cross-document")
c("x-gemeenten-2025", "kb2025", "alg",
  "Hoe is het aantal deelnemende gemeenten gegroeid van de start tot juni 2025?",
  ["15 gemeenten", "47"], "figure cross-document")
c("x-halt-groei", "monitor", "ond",
  "Hoe is het aantal scholen met een Halt-spreekuur gegroeid sinds november 2023?",
  ["14 scholen", "26 scholen"], "figure cross-document")
c("x-ajb-effectiviteit", "kb2023", "pers",
  "De Kamerbrief van juli 2023 noemt AJB bewezen effectief. Klopt dat met het oordeel in de databank?",
  ["bewezen effectieve sportinterventie", "Eerste aanwijzingen voor effectiviteit"], "cross-document")
c("x-ajb-deelnemers", "monitor", "pers",
  "Hoe is het aantal AJB-deelnemers veranderd tussen de voortgangsrapportage en de monitor van 2024?",
  ["van 576 naar 812"], "figure cross-document")
c("x-nieuwste-brief", "kb2025", "alg",
  "Wat is de meest recente brief aan de Kamer over Preventie met Gezag, en van wanneer is die?",
  ["19 juni 2025"], "figure cross-document")
c("x-bedrag-2024", "kb2024", "alg",
  "Noemen het nieuwsbericht en de Kamerbrief van 4 april 2024 hetzelfde bedrag per aanvullende gemeente?",
  ["€ 500.000"], "figure cross-document")
c("x-schiedam-budget", "monitor", "alg",
  "Komt het budget 2024 dat Schiedam aan de raad meldde overeen met de monitor?", ["2.050.000"],
  "figure cross-document")
c("x-budget-en", "kb2025", "alg",
  "How did the yearly budget change from the first letter in 2022 to the letter of June 2025?",
  ["€ 60 miljoen", "€ 143 miljoen per jaar"], "figure cross-document", lang="en")
c("x-factsheets-oudst", "kidzzz", "pers",
  "Welke van de twee interventiefactsheets is het oudst, die van Alles Kidzzz of die van AJB?",
  ["17-06-2020"], "figure cross-document")
c("x-ministers", "kb2025", "alg",
  "Welke minister van Justitie en Veiligheid ondertekende de brief van 2022, en welke die van 2025?",
  ["Yeşilgöz-Zegerius", "van Weel"], "example cross-document")
c("x-kwaliteitskader", "kb2025", "alg",
  "In april 2024 werd een landelijk kwaliteitskader aangekondigd. Wanneer is het uiteindelijk verstuurd?",
  ["5 juni 2024"], "figure cross-document")
c("x-schiedam-gezinnen-en", "monitor", "soc",
  "Schiedam told its council in February 2024 how many families were in the family approach. How many does "
  "the October 2024 monitor give?", ["Acht gezinnen", "15"], "figure cross-document", lang="en")
c("halt-nieuwegein-scholen-en", "halt", "ond",
  "Halt said in November 2023 that the consultation hour ran at 14 schools. How many schools did it run at "
  "in Nieuwegein?", ["twee scholen"], "figure", lang="en")

# ---------------------------------------------------------------- extra: werk, zorg en veiligheid, kenmerken
c("monitor-werk", "monitor", "werk",
  "Welke ontwikkeling ziet de monitor van 2024 op het gebied van werk en inkomen?",
  ["begeleiding naar een baan"])
c("kb2024-werkgevers", "kb2024", "werk",
  "Worden werkgevers in de brief van april 2024 genoemd als partij waarmee wordt samengewerkt?",
  ["werkgevers"], "example")
c("nws2023-werkgevers-en", "nws2023", "werk",
  "Are local employers among the partners mentioned in the May 2023 news item?", ["lokale werkgevers"],
  "example", lang="en")
c("zaanstad-pga", "zaanstad", "zv",
  "Waar bespreekt Zaanstad jongeren die al met justitie in aanraking zijn geweest?",
  ["persoonsgerichte aanpak"], "example")
c("kb2022-zvh", "kb2022", "zv",
  "Waarom versterkt het kabinet volgens de brief van 2022 de Zorg- en Veiligheidshuizen?",
  ["over één jongere"])
c("zaanstad-zvh-en", "zaanstad", "zv",
  "Which Zorg- en Veiligheidshuis is a partner in the Zaanstad plan?", ["Zaanstreek-Waterland"], "example",
  lang="en")
c("kb2024-kenmerk-en", "kb2024", "alg",
  "What is the reference number (ons kenmerk) of the letter of 4 April 2024?", ["5178141"], "figure",
  lang="en")
c("kb2023-nummer-en", "kb2023", "alg",
  "Which number in dossier 28 741 does the letter of 7 July 2023 have?", ["Nr. 106"], "figure", lang="en")
un("zaanstad-un-pga-aantal", "zaanstad", "zv",
   "Hoeveel jongeren zitten er in Zaanstad in de persoonsgerichte aanpak?")
un("zaanstad-un-baan-en", "zaanstad", "werk",
   "How many young people in Zaanstad found a job through Preventie met Gezag?", lang="en")
un("monitor-un-banen", "monitor", "werk",
   "Hoeveel jongeren hebben volgens de monitor van 2024 via Preventie met Gezag een baan gevonden?")
un("kb2024-un-beschikking-en", "kb2024", "alg",
   "On what date did the 20 additional municipalities receive the decision on their grant?", lang="en")
un("scan-un-burgemeester", "scan", "alg",
   "Wie is de burgemeester die de raadsinformatiebrief van Schiedam ondertekende?", kinds="example")

with open(Path(__file__).resolve().parent.parent / "sets" / "devcorpus.jsonl", "w", encoding="utf-8") as f:
    for case in CASES:
        f.write(json.dumps(case, ensure_ascii=False) + "\n")
print(len(CASES))
