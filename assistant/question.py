"""What a question asks: its language, its kind (a figure, a list, anything else), the names and years it
insists on, and, for a follow-up, the self-contained query built from the earlier turns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.context import MONTH_NUMBER, TimeRef, time_refs
from assistant.keyword import terms
from assistant.numbers import named_numbers
from assistant.types import Message

EN_WORDS = {"the", "how", "many", "what", "which", "who", "where", "when", "is", "are", "was", "were", "does", "did",
            "do", "of", "in", "for", "and", "young", "people", "much", "about", "with", "to", "by", "there", "many"}
NL_WORDS = {"de", "het", "een", "hoeveel", "welke", "wie", "waar", "wanneer", "is", "zijn", "was", "waren", "wordt",
            "worden", "van", "in", "voor", "en", "met", "op", "er", "hoe", "wat", "jongeren", "gemeenten"}
FIGURE = re.compile(r"\b(hoeveel|hoe\s+veel|hoe\s+groot|how\s+(?:big|large)|how\s+many|how\s+much|aantal|number\s+of|hoe\s+vaak|how\s+often|"
                    r"welk\s+percentage|what\s+percentage|procent|percent)\b", re.I)
HOW_OFTEN = re.compile(r"\b(hoe\s+vaak|how\s+often|hoeveel\s+keer|how\s+many\s+times|"  # also a ratio:
                       r"hoeveel\s+(minder|meer)\s+(vaak|kans)|hoeveel\s+vaker|"  # "how much less often"
                       r"how\s+much\s+(less|more)\s+(often|likely)|how\s+many\s+times\s+(less|more))\b", re.I)
# a part of what was counted before: "hoeveel van die gezinnen", "hoeveel daarvan", "how many of them"
SUBSET = re.compile(r"\b(hoeveel|how\s+many)\s+(van\s+(de|die|deze|hen|hun)(\s+[\w'’\-]+)?|daarvan|of\s+(them|those|"
                    r"these)|of\s+the\s+[\w'’\-]+)\b", re.I)
FILLERS = {"extra", "verschillende", "officiële", "nieuwe", "andere", "totaal", "nog", "nu",  # not what is counted
           "additional", "more", "new", "other", "different", "total", "further",
           "groep", "group", "cohort"}  # "how many were in that group": of what was spoken of
PLURAL = re.compile(r"(en|s|['’]s)$")
FUNCTION_EN = {"were", "was", "are", "is", "did", "do", "does", "have", "has", "had", "there", "in", "of", "that",
               "this", "those", "these", "the", "a", "an", "they", "them", "it"}  # (Dutch ones are stop words)
LIST = re.compile(r"\b((welke|which)\s+((twee|drie|vier|vijf|zes|two|three|four|five|six|\d+)\s+)?\w+(en|s)\b|"
                  r"wat\s+zijn|what\s+are|welke\s+zijn|which\s+are|noem|list|"
                  # a plural named by two words, then its verb: "Which justice partners get ...", "Welke Limburgse
                  # gemeenten krijgen ..."
                  r"which\s+[a-z]+\s+[a-z]+s\s+(get|got|are|were|have|had|do|did|receive|received|work|take|play|can|"
                  r"will|must|should)|welke\s+\w+\s+\w+en\s+(zijn|waren|krijgen|kregen|hebben|doen|werken|nemen|"
                  r"spelen|kunnen|zullen|moeten|worden|horen))\b", re.I)
# a question word ("welke", "how"); a question that has none asks yes or no
WH = re.compile(r"\b(hoeveel|hoelang|welke?|wat|wie|waar|wanneer|hoe|waarom|how|what|which|who|where|when|why)\b", re.I)
INTERROGATIVE = re.compile(WH.pattern + r"|^(is|zijn|was|waren|wordt|worden|heeft|hebben|kan|is|are|was|were|does|did|do|has|"
                           r"have)\b", re.I)
# Words of a statement about the one who asks ("Vanuit de reclassering:", "Als jongerenwerker wil ik ...")
ASKER = re.compile(r"^(vanuit|als|vraag(je)?|from|as)\b|\b(ik|wij|we|mijn|onze|ons|i|my|our|me)\b", re.I)
# A question that asks two things ("Vanaf welke leeftijd ... voor AJB, en voor welke leeftijdsgroep ... Alles Kidzzz?"):
# the second part starts with "en"/"and" and has an interrogative within its first three words.
SECOND_PART = re.compile(r",?\s+(?:en|and)\s+(?=(?:[\w'’\-]+\s+){0,2}(?:hoeveel|hoelang|welke?|wat|wie|waar|wanneer|hoe|how|"
                         r"what|which|who|where|when)\b)", re.I)
SECOND_QUESTION = re.compile(r"\?\s+(?=(?:[\w'’\-]+\s+){0,1}(?:hoeveel|hoelang|welke?|wat|wie|waar|wanneer|hoe|how|what|which|"
                             r"who|where|when)\b)", re.I)
FOLLOW_UP = re.compile(r"^(en|and|ook|also|what about|how about|en wat|daarvan|die|deze|dat|it|they|those|that)\b", re.I)
# Words that point back to an earlier turn anywhere in a question ("Wie begeleiden die jongeren voordat ze vrijkomen?").
# Not "die"/"dat"/"it": they are as often a relative pronoun, a conjunction or a dummy subject.
POINTS_BACK = re.compile(r"\b(ze|zij|hun|hen|deze|dit|daar(van|bij|mee|in|voor)?|they|them|their|those|these)\b"
                         # "dat" right after a conjunction is no conjunction itself: "of dat werkt", "hoe dat gaat"
                         r"|\b(of|als|hoe|waar|wanneer|omdat|whether|if|how)\s+(dat|that|it)\b"
                         # "dat" as the subject at the end: "In welke stad is dat?", "Wanneer was dat?"
                         r"|\b(is|was|zijn|waren|gebeurt|gebeurde)\s+(dat|dit)\s*[?.!]?\s*$"
                         # "die" / "dat" right after the question's verb points at what was spoken of: "Hoe zijn die
                         # gemeenten uitgekozen?", "Hoe is dat aantal opgebouwd?", "Wanneer gaan die aan de slag?"
                         r"|^(hoe|wat|wanneer|waar|wie|waarom)\s+[\w'’]+\s+(die|dat)\b", re.I)  # (a verb after these)
# Capitalised words that name no place, person or organisation the evidence must mention.
NOT_NAMES = {"Preventie", "Gezag", "PmG", "Dutch", "Netherlands", "Nederland", "English", "I", "Hoeveel", "Welke",
             "How", "What", "Which", "Who", "Wie", "Wat", "Waar", "Where", "When", "Wanneer", "En", "And", "In",
             "Is", "Are", "Zijn", "Does", "Do", "Did", "The", "De", "Het", "Een", "Programme", "Program",
             # kinds of parliamentary documents, capitalised after the Kamer, not names
             "Kamerstuk", "Kamerstukken", "Kamerbrief", "Kamerbrieven",
             # the addressee of the letters ("de brief aan de Kamer"), not what they are about
             "Kamer", "Tweede"}
# English words for what a how-many question counts, as the Dutch documents write them (for the figure lookup).
COUNTED_EN = {"young people": "jongeren", "youths": "jongeren", "youngsters": "jongeren", "youth": "jongeren",
              "teenagers": "jongeren", "teens": "jongeren", "adolescents": "jongeren", "minors": "jongeren",
              "young adults": "jongvolwassenen",
              "municipalities": "gemeenten", "cities": "gemeenten", "schools": "scholen", "teachers": "docenten",
              "children": "kinderen", "kids": "kinderen", "families": "gezinnen", "pupils": "leerlingen",
              "students": "leerlingen", "youth workers": "jongerenwerkers", "participants": "deelnemers",
              "warnings": "waarschuwingen", "referrals": "doorverwijzingen", "jobs": "baan", "directors": "regisseurs",
              "coordinators": "regisseurs", "street coaches": "straatcoaches", "teams": "teams", "locations": "locaties",
              "case managers": "casemanagers", "people": "jongeren", "staff capacity": "fte", "staff": "fte",
              "capacity": "fte", "fte": "fte", "local authorities": "gemeenten", "councils": "gemeenten",
              "towns": "gemeenten", "detainees": "gedetineerden", "prisoners": "gedetineerden",
              "inmates": "gedetineerden"}


# Domain words of English questions, as the Dutch documents write them: added to the keyword query and the
# lexical evidence of English questions (the dense embedder is multilingual; BM25 and the figure lookup are not).
GLOSSARY_EN = COUNTED_EN | {
    "signed up": "aangemeld", "registered": "aangemeld", "enrolled": "aangemeld", "referred": "doorverwezen",
    "trained": "getraind", "training": "training", "job": "baan", "work": "werk", "income": "inkomen",
    "school": "school", "education": "onderwijs", "police": "politie", "parents": "ouders", "family": "familie",
    "neighbourhood": "wijk", "neighborhood": "wijk", "neighbourhoods": "wijken", "neighborhoods": "wijken",
    "priority": "geprioriteerde", "absenteeism": "schoolverzuim", "truancy": "schoolverzuim",
    "safety": "veiligheid", "covenants": "veiligheidsconvenanten", "agreements": "convenanten",
    "street coaches": "straatcoaches", "enforcement officers": "boa's", "boas": "boa's", "detention": "detentie",
    "aftercare": "nazorg", "probation": "reclassering", "court": "rechtspraak", "community justice": "wijkrechtspraak",
    "neighbourhood courts": "wijkrechtspraak", "learning networks": "lerende netwerken", "themes": "thema's",
    "age": "jaar", "aged": "jaar", "years": "jaar", "screening": "screening", "online": "online",
    "integrated": "integrale", "approach": "aanpak", "team": "team", "teams": "teams", "intensive": "intensieve",
    "guidance": "begeleiding", "supervised": "begeleid", "mentors": "mentoren", "pupils": "leerlingen",
    "daycare": "kinderdagopvanglocaties", "primary schools": "basisscholen", "convicted": "veroordeeld",
    "conviction": "veroordeeld", "convictions": "veroordeeld",
    "aggression": "agressie", "municipality": "gemeente", "vocational": "arbeid", "employers": "werkgevers",
    "take part": "doen mee", "taking part": "doen mee", "took part": "deden mee", "participate": "doen mee",
    "participating": "deelnemende", "appointed": "aangesteld", "appoint": "aanstellen", "currently": "inmiddels", "at present": "inmiddels",
    "parliamentary": "Tweede Kamer", "parliament": "Tweede Kamer", "house of representatives": "Tweede Kamer",
    "national": "nationaal", "ministry": "ministerie", "ministries": "ministeries", "liveability": "leefbaarheid",
    "livability": "leefbaarheid",
    # months (a date the question names is no name the Dutch evidence must repeat in English)
    "january": "januari", "february": "februari", "march": "maart", "june": "juni", "july": "juli",
    "august": "augustus", "october": "oktober",
    # Dutch institutions by their English names (the documents use the Dutch ones)
    "the hague": "Den Haag", "hague": "Den Haag",
    "public prosecution service": "OM Openbaar Ministerie", "public prosecutor": "OM Openbaar Ministerie",
    "prosecution service": "OM Openbaar Ministerie", "child protection board": "Raad voor de Kinderbescherming",
    "council for child protection": "Raad voor de Kinderbescherming", "probation service": "reclassering",
    "youth probation": "jeugdreclassering", "netherlands youth institute": "NJI",
    "ministry of justice and security": "ministerie van Justitie en Veiligheid",
}

# Dutch words a question may use for what the documents write otherwise (staffing is counted in fte; a
# publication is an "uitgave" in a colophon).
SYNONYMS_NL = {"formatie": "fte", "capaciteit": "fte", "arbeidsplaatsen": "fte", "formatieplaatsen": "fte",
               "gepubliceerd": "uitgave", "verschenen": "uitgave", "publicatie": "uitgave",
               "kamerstuk": "Tweede Kamer vergaderjaar", "kamerstukken": "Tweede Kamer vergaderjaar",
               "leraren": "docenten", "leraar": "docent", "leerkrachten": "docenten", "leerkracht": "docent"}
# What shape the answer must have, when the question says so: an e-mail address, a sum of money, a date, a person,
# a place, a title, a duration, an age, a percentage, a phone number, a footnote, examples.
SHAPES = {
    "email": re.compile(r"\b(e-?mail\w*|mailadres\w*)\b", re.I),
    # a part asked for: "welk deel", "what share of the grant", "how much of their budget" (before the sum it is of)
    "percent": re.compile(r"\b(welk|what)\s+(deel|share|proportion|part)\b|\bwelk\s+(aandeel|gedeelte)\b|"
                          r"\bhow\s+much\s+of\b|\b\w*(procent|percent|percentages?)\b|\b(what|which)\s+([\w\-]+\s+)?rate\b", re.I),
    # money asked for ("hoeveel geld", "het budget"), not money spoken of ("met het PmG-geld")
    "amount": re.compile(r"\b(budget\w*|bedrag\w*|kosten|kost|subsidie\w*|financiering|costs?|funding|amounts?|"
                         # a contribution of money: "de rijksbijdrage", "eigen bijdrage" (not "een bijdrage leveren aan")
                         r"rijksbijdrage\w*|(financiële|eigen)\s+bijdrage\w*|financial\s+contributions?)\b|"
                         r"\b(hoeveel|how\s+much|welk)\s+(\w+\s+)?(geld|money|euro)\b|"
                         # "how much is available", "hoeveel is er beschikbaar": no noun counted, a sum asked for
                         r"(?<!by\s)\bhow\s+much\s+(is|was|are|were|will|would|does|do|did|has|have|can|could)\b|"
                         r"\bhoeveel\s+(is|was|wordt|werd)\s+er\b|"
                         # "hoeveel kan een gemeente per jaar krijgen": a verb right after "hoeveel", of receiving or
                         # spending, counts nothing: a sum
                         r"\bhoeveel\s+((kan|kunnen|mag|mogen|zal|zullen|gaat|gaan)\s+([\w'’\-]+\s+){0,5})?"
                         r"(krijg\w*|kreeg|kregen|ontvang\w*|ontving\w*|besteed\w*|besteden|uitgeven|uitgegeven)\b",
                         re.I),
    # how a figure changed ("Hoe is het aantal gemeenten gegroeid?", "By how much does the number grow?"): its two
    # values, "van 15 naar 27"
    "change": re.compile(r"\b(hoe|hoeveel|how|by\s+how\s+much)\b.*\b(gegroeid|groeit|groeide|gestegen|stijgt|steeg|"
                         r"toegenomen|gedaald|daalt|daalde|afgenomen|veranderd|verandert|grow|grows|grew|grown|rise|rose|"
                         r"risen|increased?|decreased?|fallen|fell|changed?)\b", re.I),
    # a calendar date ("op welke datum", "the cut-off date"): a day; "wanneer", "in welk jaar": a month or a year will do
    # asked for, not named: "Welke gemeente had op de peildatum het grootste bereik?" asks a place
    "day": re.compile(r"\b(welke|welk|what|which|wat)\s+(\w+\s+)?(\w*datum|date|deadline)\b|"
                      r"\b(wat|what)('s|\s+(is|was|are|were))\s+(de|het|the)\s+([\w\-]+\s+)?(\w*datum|date|deadline)\b",
                      re.I),
    "date": re.compile(r"^(van\s+|sinds\s+|tot\s+|since\s+|until\s+)?(wanneer|when)\b|\b(in welk jaar|which year|in what year)\b", re.I),
    # a name asked for; "wie is er ..." (who is there that ...) is answered by a role as often ("coördinatoren")
    "person": re.compile(r"^(wie|who)\s+(is|was|zijn|waren|are|were)\b(?!\s+er\b)|"
                         # a speaker asked for: "Wie van Halt komt aan het woord ...?", "Who is quoted ...?"
                         r"^(wie|who)\b.*\b(aan\s+het\s+woord|quoted|vertelt|zegt|says|tells|speaks)\b", re.I),
    # which place: a name ("In Utrecht is een proeftuin ..."), not a count ("in zes gemeenten")
    # (one place: "welke gemeenten" may be answered by how many, where the documents do not name them)
    "place": re.compile(r"\b(welke|which|what)\s+(stad|gemeente|plaats|regio|city|town|municipality|region)\b|"
                        r"\b(is\s+er\s+een|zijn\s+er|is\s+there\s+an?|are\s+there|does\s+any)\s+(stad|gemeente|gemeenten|"
                        r"city|town|municipality|municipalities)\b", re.I),
    # which study or who studied it: a reference "(ECORYS, 2022)"
    "source": re.compile(r"\b(welk(e)?\s+(onderzoek\w*|bureau|instituut|studie|bron)|which\s+(research|study|"
                         r"bureau|institute|source)\w*|wie\s+heeft\s+(dat|dit|het)\s+onderzocht|who\s+(studied|"
                         r"researched|evaluated)|(door|by)\s+wie\w*\s+onderzocht|bron|source)\b", re.I),
    "title": re.compile(r"\b(titel|title|kop|headline)\b", re.I),
    "duration": re.compile(r"\b(hoe\s*lang|how\s+long|hoe\s+snel|how\s+(soon|quickly|fast)|(over|in|binnen)\s+(welke|what|which)\s+(periode|period|tijd|time)|"
                           r"(welke|what|which)\s+(periode|period|termijn|timeframe))\b", re.I),
    "age": re.compile(r"\b(leeftijd\w*|hoe\s+oud|ages?|aged|how\s+old)\b", re.I),
    "phone": re.compile(r"\b(telefoon\w*|telefonisch\w*|phone\w*|bellen)\b", re.I),
    "footnote": re.compile(r"\b(voetno\w*|footnotes?)\b", re.I),
    # a letter's reference: "ons kenmerk", "the reference number", "which number in dossier 28 741" (its "Nr. 106")
    "reference": re.compile(r"\b(kenmerk|reference\s+(number|no)|referentie\w*|(welk|which|what)\s+(nummer|number)\b(?!\s+of))",
                            re.I),
    # "wat voor voorvallen": the kind of thing, answered by examples ("zoals het vernielen van spullen, ...")
    "examples": re.compile(r"\b(wat voor( soort(en)?)?|welke soort(en)?|what kinds? of|what sorts? of|"
                           r"welke vormen van|what forms of)\s+[\w\-]+", re.I),
}


@dataclass
class Question:
    text: str  # the question as asked
    query: str  # the self-contained query used for retrieval
    lang: str  # "nl" | "en"
    kind: str  # "figure" | "list" | "other"
    salient: list[str] = field(default_factory=list)  # names and years the evidence must mention
    counted_terms: set[str] = field(default_factory=set)  # stemmed terms of what a how-many question counts
    query_terms: list[str] = field(default_factory=list)
    # what an answer must contain: "email" | "amount" | "day" | "date" | "person" | "place" | "title" | "duration" |
    # "age" | "percent" | "change" | "phone" | "footnote" | "reference" | "examples"
    shape: str | None = None
    # the long forms the retrieved text gives for the question's abbreviations ("PGA" -> "persoonsgerichte aanpak")
    aliases: dict[str, str] = field(default_factory=dict)
    # two things counted at once ("hoeveel straatcoaches en boa's"): each one's terms, else empty
    counted_pairs: list[set[str]] = field(default_factory=list)
    # the times it names ("in 2023", "volgens de brief van juli 2023"), read once
    times: list[TimeRef] = field(default_factory=list)
    # the documents the question means ("volgens de brief van juli 2023", "de eerste brief"): retrieval keeps to them
    documents: list[str] = field(default_factory=list)
    # the stemmed noun a which-question asks for ("Voor welke groepen ...": "groep"): the answer names it
    asked_terms: list[str] = field(default_factory=list)

    @property
    def threshold_group(self) -> str:
        """Whose answer threshold applies: "document" for a question about the documents it names, else its
        language ("nl" | "en")."""
        return "document" if self.documents else self.lang


OWN_WEIGHT = 3  # how often a question's own terms count in query_terms, against once for borrowed ones
WHICH = re.compile(r"\b(?:welke|welk|which|what)\s+([\w\-]+)", re.I)  # "welke groepen", "which partners"


def asked_noun_terms(asked: str) -> list[str]:
    """The terms of the word after "welke"/"which" in the asking part of a question: what its answer names."""
    m = WHICH.search(asked)
    return terms(m.group(1)) if m else []


WHICH_YEAR = re.compile(r"\b(welk|which|what)\s+jaar\b|\b(which|what)\s+year\b", re.I)


def answer_shape(text: str) -> str | None:
    """The first shape whose words the question uses; a how-many question asks a count, not a date, whatever date
    it names ("Hoeveel ... waren op de peildatum begonnen?")."""
    figure = bool(FIGURE.search(text))
    asked = asked_sentence(text)  # the shape's words may start the question after a statement
    if WHICH_YEAR.search(asked):  # "vanaf welk jaar bereikt het budget ...": a year, whatever else it names
        return "date"
    return next((name for name, pattern in SHAPES.items()
                 if (pattern.search(text) or pattern.search(asked)) and not (figure and name in ("day", "date"))), None)


def shape_words(text: str) -> list[str]:
    """The words of a question that name the shape of its answer ("e-mailadres", "wanneer")."""
    shape = answer_shape(text)
    if not shape:
        return []
    # a compound names which date it asks ("peildatum", "startdatum"): a sentence's date gives its head, "datum",
    # not what the modifier says
    return list(dict.fromkeys(re.sub(r"\b\w+(?=datum\b)", "", m.group(), flags=re.I)
                              for t in (text, asked_sentence(text)) for m in SHAPES[shape].finditer(t)))


def asked_sentence(text: str) -> str:
    """The last sentence of a question, the one that asks ("In april 2024 werd ... aangekondigd. Wanneer is het
    uiteindelijk verstuurd?")."""
    return re.split(r"(?<=[.!])\s+", text.strip())[-1]


def language(text: str) -> str:
    words = re.findall(r"[a-zA-Z]+", text.lower())
    en = sum(w in EN_WORDS for w in words)
    nl = sum(w in NL_WORDS for w in words)
    return "en" if en > nl else "nl"


def kind_of(text: str) -> str:
    if FIGURE.search(text):
        return "figure"
    if LIST.search(text):
        return "list"
    return "other"


def salient_names(text: str) -> list[str]:
    names = []
    for sentence in re.split(r"[.?!]\s+", text):
        words = re.findall(r"[\w'’\-]+", sentence)
        for i, w in enumerate(words):
            if re.fullmatch(r"(19|20)\d\d", w) or (i > 0 and w[:1].isupper() and w.split("-")[0] not in NOT_NAMES
                                                    and w.lower() not in MONTH_NUMBER):  # "May 2023" is a time
                names.append(w)
    return names


# separable verb prefixes ("opgebouwd", "aangesteld")
SEPARABLE = ("aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit", "voor", "weg")
# a past participle ("opgebouwd", "gegroeid", "aangesteld"): a verb, never what is counted ("Hoe is dat aantal
# opgebouwd?" counts what the earlier question counted)
PARTICIPLE = re.compile(rf"^(?:{'|'.join(SEPARABLE)})?ge\w{{2,}}[dt]$")


def counted(text: str) -> set[str]:
    """Stemmed terms of what a how-many question counts ("Hoeveel jongeren ..." -> jonger); for "how often",
    every term of the question (the count is named by its verb: "doorverwezen" -> "73 doorverwijzingen")."""
    m = FIGURE.search(text)
    if not m:
        return set()
    after = text[m.end():].lower()
    if HOW_OFTEN.search(text):
        return set(terms(after))
    verb = re.match(r"\s*(gaat|ging|gaan|gingen|zijn|is|waren|was|worden|werden|were|are)\b", after)
    if verb:  # no noun: counted by what the rest says ("how many are still getting intensive support"), or, with
        rest = [w for w in re.findall(r"[\w'’\-]+", after[verb.end():]) if w not in FUNCTION_EN and w not in FILLERS]
        return set(terms(" ".join(rest)))  # nothing said ("Om hoeveel gaat het?"), by what was spoken of
    part = SUBSET.search(text)
    if part:  # "hoeveel van die gezinnen krijgen nog intensieve begeleiding": the part is counted by what it does
        return set(terms(text[part.end():]))
    # the English name of what is counted, within its first words ("how many of the participating municipalities")
    found = {nl for en, nl in COUNTED_EN.items() if re.match(rf"\W*([\w'’\-]+\W+){{0,3}}{en}\b", after)}
    words: list[str] = []
    names = {n.lower() for n in salient_names(text)}  # "hoeveel Rotterdamse scholen": a name, not what is counted
    for w in re.findall(r"[\w'’\-]+", after):
        if w in FILLERS or w in FUNCTION_EN or w.isdigit() or w in names or PARTICIPLE.match(w):
            continue
        words.append(w)
        if len(words) == 3 or (len(words) == 1 and PLURAL.search(w)):
            break  # a plural noun right after "hoeveel" is what is counted: "hoeveel leerlingen zitten er", not "zitten"
        if any(re.search(rf"\b{en}$", " ".join(words)) for en in COUNTED_EN):
            break  # an English name of what is counted, whole: "how many young people were signed up", not "signed"
    found |= {SYNONYMS_NL[w] for w in words if w in SYNONYMS_NL}
    return set(terms(" ".join(words) + " " + " ".join(found)))


def counted_pair(text: str) -> list[set[str]]:
    """The two things a how-many question counts at once ("Op hoeveel kinderdagopvanglocaties en basisscholen ...",
    "how many official warnings and Halt referrals"), each as stemmed terms; else ``[]``."""
    m = FIGURE.search(text)
    if not m or HOW_OFTEN.search(text):
        return []
    words = [w for w in re.findall(r"[\w'’\-]+", text[m.end():].lower()) if w not in FILLERS and w not in FUNCTION_EN]
    joint = next((i for i, w in enumerate(words[:4]) if w in ("en", "and")), None)
    if not joint or not PLURAL.search(words[joint - 1]):
        return []
    second = [w for w in words[joint + 1: joint + 5] if w not in ("in", "op", "aan", "bij", "at", "hoeveel", "how", "many")]
    second = second[: next((i + 1 for i, w in enumerate(second) if PLURAL.search(w)), 1)][:2]
    groups = []
    for group in (words[max(0, joint - 2): joint], second):
        phrase = " ".join(group)
        mapped = [nl for en, nl in COUNTED_EN.items() if re.search(rf"\b{en}\b", phrase)]
        mapped += [SYNONYMS_NL[w] for w in group if w in SYNONYMS_NL]
        groups.append(set(terms(" ".join([phrase, *mapped]))))
    return groups if all(groups) and groups[0] != groups[1] else []


def split_context(text: str) -> tuple[str, str]:
    """A question's context and the question itself: "Vanuit de reclassering: waar wordt ...?", "Ik werk met
    jongvolwassenen. Tot welke leeftijd ...?". Leading statements about who asks, or why, weigh as little as an
    earlier turn's words; a topic before a colon ("Halt-spreekuur: op hoeveel scholen ...?") is part of the question."""
    parts = re.split(r"(?<=[.:!])\s+", text)
    n = 0
    while n < len(parts) - 1 and not parts[n].endswith("?") and ASKER.search(parts[n]):
        n += 1
    asked = " ".join(parts[n:])
    if POINTS_BACK.search(asked) or ASKER.search(asked):
        return "", text  # "Welke gemeente heeft daar al een project voor?": the statement is what it asks about
    return " ".join(parts[:n]), asked


def split_question(text: str) -> list[str]:
    """The parts of a question that asks two things, each a question of its own; else ``[text]``: "A, en hoeveel
    B?" or two questions in a row ("Is er een gemeente die ...? Hoeveel gezinnen zijn zo geholpen?")."""
    m = SECOND_PART.search(text)
    if not m or not INTERROGATIVE.search(text[: m.start()]):
        m = SECOND_QUESTION.search(text)
        if not m or not INTERROGATIVE.search(text[: m.start()]):
            return [text]
    first, second = text[: m.start()].strip(" ,"), text[m.end():].strip()
    if len(first.split()) < 3 or len(second.split()) < 2:
        return [text]
    mark = "?" if text.rstrip().endswith("?") else ""
    first = first.rstrip("?")
    # a second part that says only what differs ("..., en welke die van 2025?") is the first with that put in
    gap = GAPPED.match(second.rstrip("?"))
    at = [m.start() for m in re.finditer(rf"\b{gap.group(1)}\s+", first, re.I)] if gap else []
    if at:
        return [first + mark, f"{first[: at[-1]]}{gap.group(1)} {gap.group(2)}{mark}"]
    return [first + mark, second[0].upper() + second[1:]]


# "welke die van 2025", "en wie die uit Tilburg", "which the one of 2025": a part that names only what differs
GAPPED = re.compile(r"(?:(?:welke|welk|wie|wat|hoeveel|which|who|what)\s+)?(?:die|dat|the\s+one)\s+"
                    r"(van|uit|in|voor|of|from|for)\s+(.+)$", re.I)


def is_follow_up(text: str) -> bool:
    return bool(FOLLOW_UP.match(text.strip()) or POINTS_BACK.search(text)) or len(text.split()) <= 4


def glossary_matches(text: str, lang: str = "en") -> dict[str, str]:
    """The question's words the documents write otherwise, with their Dutch: English domain words, or synonyms."""
    low = text.lower()
    glossary = GLOSSARY_EN if lang == "en" else SYNONYMS_NL
    return {word: nl for word, nl in glossary.items() if re.search(rf"\b{word}\b", low)}


PART_OF = re.compile(r"\b(hoeveel|how\s+much|how\s+many)\s+(daarvan|ervan|hiervan|of\s+(it|them|which))\b", re.I)


def understand(text: str, history: list[Message] | None = None, follow_up: bool | None = None) -> Question:
    """Analyse ``text``; with a history, a follow-up borrows the earlier question's subject terms (``follow_up``
    says whether it is one; by default that is judged from its words).

    Only the names of the question itself must be in the evidence: a follow-up ("En in Tilburg?") may replace
    the earlier question's place. Its own terms weigh three times the borrowed ones."""
    text = " ".join(text.split())
    earlier = [m.content for m in (history or []) if m.role == "user"]
    lang = language(text if len(text.split()) > 3 or not earlier else earlier[-1] + " " + text)
    matched = glossary_matches(text, lang)
    context, asked = split_context(text)
    own = " ".join([asked, *matched.values()])
    query, kind, counts = own, kind_of(text), counted(own)
    query_terms = terms(own) * OWN_WEIGHT + terms(context)
    shape = answer_shape(text)
    if earlier and (is_follow_up(text) if follow_up is None else follow_up):
        prior = earlier[-1]
        # "En in Tilburg?" counts what the earlier question counted, and a part of it ("Hoeveel daarvan gaat naar
        # ...?" after "Hoeveel krijgt Zaanstad ...?") is asked in the shape that asked for it, a sum; only after a
        # question of its kind ("how many of them" after "Which city ...?" asks a count, not a place)
        prior_kind = kind_of(prior)
        if not shape and (not counts or PART_OF.search(text)) and prior_kind == kind:
            shape = answer_shape(prior)
        counts = counts or counted(prior)
        own_names, prior_names = salient_names(text), salient_names(prior)
        borrowed = [w for w in re.findall(r"[\w'’\-]+", prior)
                    if not (own_names and w in prior_names) and w.lower() not in text.lower()]
        # and the names the answer gave ("waaronder Almelo, Gouda en Zwolle"): what "die gemeenten" points at
        answered = [m.content for m in (history or []) if m.role == "assistant"][-1:]
        said = [n for n in salient_names(re.sub(r"\[\d+\]", "", answered[0].split("\n", 1)[0])) if n not in borrowed
                and n.lower() not in text.lower()] if answered else []
        borrowed_text = " ".join([*borrowed, *said, *glossary_matches(prior, lang).values()])
        query = f"{own} {borrowed_text}"
        query_terms += terms(borrowed_text)
        if kind == "other" and not INTERROGATIVE.search(text.removeprefix("En ").removeprefix("And ")):
            kind = prior_kind
    salient = salient_names(text) + named_numbers(asked, lang)
    if lang == "en":  # an institution's English name is no name the Dutch evidence must repeat
        translated = " ".join(matched).split()
        salient = [n for n in salient if n.lower() not in translated]
    return Question(text=text, query=query, lang=lang, kind=kind, salient=list(dict.fromkeys(salient)),
                    counted_terms=counts, query_terms=query_terms, shape=shape,
                    asked_terms=asked_noun_terms(asked),
                    counted_pairs=counted_pair(own), times=time_refs(text))
