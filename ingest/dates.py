"""The dates a document states about itself: its own date and its peildatum (the date its figures hold for).

Dates are read with ``dateparser`` (Dutch and English month names, numeric forms, times of day), but only on
candidate lines: a short line in the document's head (its first blocks) or its colophon that holds a year,
found by a cheap regex. dateparser costs ~2 ms a line after a first call of ~0.2 s (its locale data), so it is
never run over a body of text, and a date in a body sentence is not the document's date.

Which line states the document's date decides, in this order (``find_date``):

1. the letter's place-and-date line ("Den Haag, 7 juli 2023");
2. a date field ("Datum 7 juli 2023", "Datum: 7 juli 2023");
3. a news dateline: a line that is only a date, maybe with a label or a time ("4 april 2024",
   "Nieuwsbericht | 04-04-2024", "23 November 2023, 14:20 uur", "13-03-2019");
4. a month line, as colophons and covers give it ("Juni 2024"), or a part of a year ("begin 2024").

Precision is kept: a full date is "YYYY-MM-DD", a month "YYYY-MM", a year "YYYY".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

HEAD_BLOCKS = 40  # blocks at the start of a document where its own date stands
LANGUAGES = ["nl", "en"]
_SETTINGS = {
    "DATE_ORDER": "DMY",  # 04-04-2024 and 03-04-2024 are day first in Dutch documents
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # no "timestamp" (a reference number such as 4567890 is no date) and no "relative-time" ("vandaag")
    "PARSERS": ["custom-formats", "absolute-time"],
}

YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d{2}(?![\d.,]\d)")  # the cheap test a candidate line must pass
MAX_LINE = 80  # a line that states a date is short; a longer one is a sentence that mentions one
_TIME = re.compile(r",?\s*(?:om\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:uur|u\.?|h))?\s*$", re.I)
_WEEKDAY = re.compile(r"^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday),?\s+", re.I)
_FIELD = re.compile(r"^(?:datum|date|dagtekening|publicatiedatum|datum publicatie|gepubliceerd(?: op)?|"
                    r"published(?: on)?|verschenen(?: op)?|(?:laatst )?(?:bijgewerkt|gewijzigd)(?: op)?|geactualiseerd(?: op)?|"
                    r"(?:vastgesteld|goedgekeurd)\b[^.,;]{0,80}?\bop)\s*:?\s+(?P<date>.+)$", re.I)
_LABEL = re.compile(r"^(?:nieuwsbericht|nieuws|persbericht|news(?: item)?|press release)\s*[|:·•–—-]\s*", re.I)
_PLACE = re.compile(r"^(?P<place>(?:'s-)?[A-Z][\w'’.-]*(?:[ -][\w'’.-]+){0,3}),\s+(?P<date>.+)$")
_PEIL = re.compile(r"\b(?:peildatum|standdatum|stand(?: van zaken)? per|cijfers tot en met)\b\s*:?\s*", re.I)
# Parts of a year dateparser does not read ("begin 2024" gives nothing): our own small rule, year precision.
_PART_OF_YEAR = re.compile(r"^(?:begin|medio|midden|eind|einde|voorjaar|zomer|najaar|winter|herfst|"
                           r"(?:eerste|tweede|derde|vierde) kwartaal|Q[1-4])\s+(?P<year>(?:19|20)\d{2})$", re.I)
FORMS = ("place", "field", "dateline", "month")  # rank order


@dataclass
class Found:
    value: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    form: str  # one of FORMS, or "peildatum"
    line: str


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=LANGUAGES, settings=_SETTINGS)


def parse_date(text: str) -> str | None:
    """A date phrase ("7 juli 2023", "04-04-2024", "Juni 2024") as ISO text at its own precision, else None."""
    text = _WEEKDAY.sub("", _TIME.sub("", text.strip())).strip(" ,.;|()")
    if not text or len(text) > 40 or not YEAR.search(text):  # no year: dateparser would make it this year
        return None
    if part := _PART_OF_YEAR.match(text):
        return part.group("year")
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "day":
        return d.date().isoformat()
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return None  # a year alone ("In 2023", "2024") is too weak to be the document's date


def date_form(line: str) -> Found | None:
    """Does this line state a date of one of the forms above? Which, and the date.

    A line of parts ("Interventiebeschrijving | bijgewerkt 17-06-2020") is read part by part."""
    line = " ".join(line.removeprefix("# ").split())
    if len(line) > 2 * MAX_LINE or not YEAR.search(line) or _PEIL.search(line):
        return None
    if " | " in line and not _LABEL.match(line):
        found = [f for f in map(date_form, line.split(" | ")) if f]
        return min(found, key=lambda f: FORMS.index(f.form)) if found else None
    if match := _FIELD.match(line):  # a field may be long: "Vastgesteld door het college ... op 12 december 2023"
        value = parse_date(match.group("date"))
        return Found(value, "field", line) if value else None
    if len(line) > MAX_LINE:
        return None
    if (match := _PLACE.match(line)) and not _LABEL.match(line):
        value = parse_date(match.group("date"))
        if value and not parse_date(match.group("place")):  # "23 November 2023, 14:20" is no place
            return Found(value, "place", line)
    value = parse_date(_LABEL.sub("", line))
    if value is None:
        return None
    return Found(value, "dateline" if len(value) == 10 else "month", line)


def find_date(head: list[str], colophon: list[str]) -> Found | None:
    """The document's own date from its head and colophon lines: the best-ranked form, the first of that form."""
    found = [f for f in map(date_form, head + colophon) if f]
    return min(found, key=lambda f: FORMS.index(f.form)) if found else None


def find_peildatum(text: str) -> Found | None:
    """The document's own peildatum: "Peildatum: 1 oktober 2024" on a line of its own, or in a sentence about this
    document ("De cijfers in deze rapportage geven de stand per 1 maart 2024"). A sentence that names another
    document's peildatum ("De tweede monitor, met gegevens tot de peildatum van 1 oktober 2024, ...") is not it."""
    from dateparser.search import search_dates

    for match in _PEIL.finditer(text):
        start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        ends = [i for i in (text.find(c, match.end()) for c in "!?\n") if i >= 0] + [len(text)]
        sentence = text[start : min(ends)].strip()
        if len(sentence) > MAX_LINE and not _ITSELF.search(sentence):
            continue
        window = re.split(r"[;()\n]", text[match.end() : match.end() + 40])[0]
        if not YEAR.search(window):
            continue
        for phrase, _ in search_dates(window, languages=LANGUAGES, settings=_SETTINGS) or []:
            value = parse_date(phrase)
            if value:
                return Found(value, "peildatum", sentence)
    return None


_ITSELF = re.compile(r"\b(?:deze|dit)\s+(?:\w+\s+)?(?:rapportage|rapport|monitor|overzicht|brief|document|publicatie|"
                     r"factsheet|plan|uitgave|tabel|cijfers)\b", re.I)


def is_date_line(line: str) -> bool:
    """A line that only states a date (any form above, or a peildatum): metadata, never a heading."""
    line = " ".join(line.removeprefix("# ").split())
    if len(line) > MAX_LINE or not YEAR.search(line):
        return False
    if (peil := _PEIL.match(line)) and parse_date(line[peil.end() :]):
        return True
    return date_form(line) is not None
