"""What a question's shape asks of a sentence: an address, an amount, a day or a date, a duration, an age, a share, a
change, a phone number, a footnote, a letter's reference, a quoted title, a source, examples; a person or a place.

The patterns of what a sentence gives (`SHAPE_PATTERNS`); the words of a question that ask for them are
assistant/question.py's `SHAPES`.
"""

from __future__ import annotations

import re

from assistant import lists
from assistant.context import MONTHS_EN, MONTHS_NL, is_field_line
from assistant.question import NOT_NAMES, Question

MONTHS = list(dict.fromkeys(MONTHS_NL + MONTHS_EN))  # either language, each name once
SHAPE_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "amount": re.compile(r"(€|\beuro\b|\bEUR\b|\bmiljoen\b|\bmiljard\b|\bmillion\b|\bbillion\b)", re.I),
    # a date asked for is a day: "1 maart", "13-03-2019", "March 1" (a month alone dates another event as often)
    "day": re.compile(r"\b\d{1,2}\s+(" + "|".join(MONTHS) + r")\b|\b(" + "|".join(MONTHS_EN) + r")\s+\d{1,2}\b"
                      r"|\b\d{1,2}[-/]\d{1,2}[-/](19|20)?\d\d\b", re.I),
    "date": re.compile(r"\b((19|20)\d\d|" + "|".join(MONTHS) + r"|(de|het|the)\s+(voorjaar|lente|zomer|najaar|herfst|"
                       r"winter|spring|summer|autumn))\b", re.I),
    "title": re.compile(r"^[‘“'\"«][^.!?]{3,120}[’”'\"»][.]?$"),  # a line that is nothing but a quoted title
    "age": re.compile(r"\b\d+\s+jaar\b|\bjaar\s+oud\b", re.I),
    "duration": re.compile(r"\b(\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|half|anderhalf)\s+"
                          # a compound names its unit last: "vijf schooldagen", "tien werkdagen"
                          r"((school|werk|les|kalender)?(dag|dagen|week|weken)|jaar|jaren|maand|maanden|uur|uren|minuten|years?|months?|weeks?|days?|"
                          r"hours?|minutes)\b"
                          r"(\s+lang)?|"
                          # or the period as its two ends: "van 1 juni 2026 tot en met 31 december 2029", "2026–2029"
                          r"\b(van|vanaf|from|between|tussen)\s+(\d{1,2}\s+)?([a-z]+\s+)?(19|20)\d\d\s+"
                          r"(tot(\s+en\s+met)?|t/m|until|to|through|and|en)\s+(\d{1,2}\s+)?([a-z]+\s+)?(19|20)\d\d\b|"
                          r"\b(19|20)\d\d\s*[–-]\s*(19|20)\d\d\b", re.I),
    # a figure that changed: "van 576 naar 812", "from 15 to 27" (not an age range: "van 8 tot 27 jaar")
    "change": re.compile(r"\b(?:van|from)\s+\d[\d.,]*\s+(?:naar|to)\s+\d[\d.,]*\b(?!\s+(?:jaar|years))", re.I),
    # a part as a percentage or a fraction: "12 %", "ongeveer de helft", "een kwart"
    "percent": re.compile(r"%|\b(procent|percent|helft|kwart|driekwart|half|quarter)\b", re.I),
    "phone": re.compile(r"(?:\+31\s?|\b0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}(?:[\s-]?\d{2,4})?\b"),  # 070-123 4567
    # the footnote itself, under the page: "¹ Tweede Kamer, ...", "2 Het gaat om € 42 miljoen ..."
    "footnote": re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|[1-9]\d?(?=\s+[A-Z‘“]))\s"),
    "source": re.compile(r"\(([A-Z][\w&.\- ]+),\s*(?:19|20)\d\d\)"),  # a reference: "(ECORYS, 2022)"
    # a letter's reference as its letterhead or its parliamentary paper gives it: "Ons kenmerk 5178141", "Nr. 106"
    "reference": re.compile(r"\b(?:(?:ons|uw)\s+)?kenmerk\s*:?\s+[\w/\-]*\d[\w/\-]*|\bNr\.\s*\d+\b", re.I),
    "examples": re.compile(r"\b(zoals|bijvoorbeeld|onder (meer|andere)|waaronder|variërend van|such as|e\.g\.)\b", re.I),
}

# a Dutch address: a postcode ("3112 DZ") or a PO box ("Postbus 1501")
ADDRESS = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b|\b(?i:postbus|p\.?o\.? box)\s+\d+")


def has_shape(q: Question, sentence: str) -> bool:
    """Whether a sentence has what the question's shape asks for (an address, an amount, a day or date, a duration,
    an age, a percentage, a change, a phone number, a footnote line, a quoted title, a source, examples); a letter's
    reference: its field (`reference_field`); a person or a place: a name the question does not give."""
    if q.shape in ("person", "place"):
        if q.shape == "person" and ADDRESS.search(sentence):
            return False  # a street, a postcode and a town name a place where someone may be written to, no one
        asked = q.text.lower()
        words = re.findall(r"[\w'’\-]+", sentence)[1:]  # a capital that starts the sentence names nobody
        # a compound of a name the question gives ("Halt-medewerker" for "Wie van Halt ...") names nobody new
        return any(w[:1].isupper() and w.split("-")[0].lower() not in asked and len(w) > 1 and w not in NOT_NAMES
                   for w in words)
    if q.shape == "reference":
        return reference_field(q, sentence) is not None
    if q.shape == "examples" and lists.list_phrase(sentence):
        return True  # a list gives examples too
    pattern = SHAPE_PATTERNS.get(q.shape or "")
    return pattern is None or bool(pattern.search(sentence))


# the measures a question may ask that only a passage giving it answers, and what they are called
MEASURES = {"percent": {"nl": "percentage", "en": "percentage"}, "day": {"nl": "datum", "en": "date"},
            "email": {"nl": "e-mailadres", "en": "e-mail address"}, "phone": {"nl": "telefoonnummer", "en": "phone number"},
            "age": {"nl": "leeftijd", "en": "age"}, "duration": {"nl": "duur", "en": "duration"}}


def unmet(q: Question, fitting: list) -> dict[str, str] | None:
    """The name of the measure the question asks (`MEASURES`) when none of the fitting candidate sentences gives
    it: a sentence without it is then no answer, however well it speaks of the subject; else None."""
    if q.shape not in MEASURES or not fitting or any(has_shape(q, c.text) for c in fitting):
        return None
    return MEASURES[q.shape]


def reference_field(q: Question, sentence: str) -> str | None:
    """The letterhead field or paper number a question about a letter's reference asks for, as written ("Ons
    kenmerk\n\n5178141", "Nr. 106"): a field, where its line starts or in a line of fields ("Onderwerp: ...
    Kenmerk: 2024-0213"), not a paper a sentence cites ("Kamerstuk 28 741, nr. 86"). "ons kenmerk" is the sender's,
    "uw kenmerk" the addressee's: where the question says whose, only that one."""
    if SHAPE_PATTERNS["footnote"].match(sentence):
        return None  # a footnote cites another paper ("1 Kamerstuk 28 741, nr. 86."): not the letter's own number
    whose = re.search(r"\b(ons|uw|our|your)\s+(kenmerk|reference)", q.text, re.I)
    for m in SHAPE_PATTERNS["reference"].finditer(sentence):
        start = sentence.rfind("\n", 0, m.start()) + 1  # the line the field stands in
        if sentence[start:m.start()].strip() and not is_field_line(sentence[start:]):
            continue
        if whose and not m.group().lower().startswith("ons" if whose.group(1).lower() in ("ons", "our") else "uw"):
            continue
        return m.group()
    return None
