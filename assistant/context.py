"""What a sentence means beyond its own words: the document it stands in (title, date, peildatum) and its section,
and the time words it uses ("dit jaar", "vorig jaar") read against its document's date; and the times a question
names, some of which point at a document ("volgens de brief van juli 2023", "the June 2025 letter").

A subject named in a document's title or a section's heading counts for every sentence under it; a year or month
the question names is met by the sentence, or by the document's own date. These are the general forms of what one
report happened to say in every sentence (it repeated "AJB" and "2023" where other documents say them once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS_NL = "januari februari maart april mei juni juli augustus september oktober november december".split()
MONTHS_EN = "january february march april may june july august september october november december".split()
MONTH_NUMBER = {m: i + 1 for names in (MONTHS_NL, MONTHS_EN) for i, m in enumerate(names)} | {
    "sept": 9, "okt": 10, "oct": 10, "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "aug": 8, "nov": 11, "dec": 12}
_MONTH = "(?:" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + ")"
YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
# a time the question names: "7 juli 2023", "juli 2023", "July 2022", "2023"
TIME = re.compile(rf"\b(?:(\d{{1,2}})\s+)?(?:({_MONTH})\.?\s+)?((?:19|20)\d\d)\b", re.I)
# the words by which a question means a document ("de brief van juli 2023", "the June 2025 letter", "de
# Kamerbrief uit 2022", "het nieuwsbericht van 4 april 2024")
DOCUMENT_WORDS = (r"(?:kamer)?brief|letter|bericht|nieuwsbericht|news\s+item|rapportage|report|monitor|factsheet|"
                  r"plan|uitvoeringsplan|document|publicatie|publication|stuk|kamerstuk")
OF_DOCUMENT_BEFORE = re.compile(rf"\b(?:{DOCUMENT_WORDS})\s+(?:van|uit|from|of|dated|d\.d\.)\s*$", re.I)
OF_DOCUMENT_AFTER = re.compile(rf"^\s*(?:{DOCUMENT_WORDS})\b", re.I)
# relative years, read against the document's date
RELATIVE_YEARS = [(re.compile(p, re.I), shift) for p, shift in (
    (r"\b(dit|het huidige|this|the current)\s+jaar\b|\bthis\s+year\b|\bdit\s+kalenderjaar\b", 0),
    (r"\b(vorig|afgelopen|verleden)\s+jaar\b|\blast\s+year\b|\bhet\s+jaar\s+daarvoor\b", -1),
    (r"\b(volgend|komend)\s+jaar\b|\bnext\s+year\b", 1),
)]
# a line that is only where and when, or a letterhead field: no answer to anything but "when"
FIELD_LINE = re.compile(r"^\s*(datum|date|onderwerp|subject|kenmerk|ons\s+kenmerk|uw\s+kenmerk|vergaderjaar|"
                        r"retouradres|nr\.?|nummer|bijlage\(n\)|bijlagen?|pagina|page)\b", re.I)


@dataclass(frozen=True)
class TimeRef:
    """A time a question names; ``of_document``: it says which document is meant (its date)."""

    year: int
    month: int | None = None
    day: int | None = None
    of_document: bool = False
    start: int = 0
    end: int = 0
    kind: str | None = None  # the kind of document it says ("de monitor van 2024": "monitor"), as in _KIND_WORDS


def time_refs(question: str) -> list[TimeRef]:
    refs = []
    for m in TIME.finditer(question):
        day, month, year = m.group(1), m.group(2), int(m.group(3))
        before, after = question[: m.start()], question[m.end():]
        said = (OF_DOCUMENT_BEFORE.search(before) or OF_DOCUMENT_AFTER.match(after)
                or re.search(rf"\b(?:{DOCUMENT_WORDS})\s+(?:van|uit|of|from)\s+(?:\d{{1,2}}\s+)?$", before, re.I))
        word = re.search(rf"{DOCUMENT_WORDS}", said.group(), re.I) if said else None
        refs.append(TimeRef(year, MONTH_NUMBER.get((month or "").lower().rstrip(".")), int(day) if day and month else None,
                            bool(said), m.start(), m.end(),
                            _KIND_WORDS.get(re.sub(r"\s+", " ", word.group().lower())) if word else None))
    return refs


# "de eerste brief", "the most recent letter", "de nieuwste monitor": the oldest or newest document of a kind
_KIND_WORDS = {"kamerbrief": "kamerbrief", "brief": "brief", "letter": "brief", "nieuwsbericht": "nieuwsbericht",
               "bericht": "bericht", "news item": "bericht", "rapportage": "rapportage", "report": "rapportage",
               "monitor": "monitor", "factsheet": "factsheet", "plan": "plan"}
EDGE_OLD = re.compile(r"\b(?:eerste|oudste|first|earliest|oldest)\s+(?:\w+\s+)??(" + "|".join(_KIND_WORDS) + r")\b", re.I)
EDGE_NEW = re.compile(r"\b(?:laatste|nieuwste|meest\s+recente|recentste|latest|newest|most\s+recent)\s+(?:\w+\s+)??("
                      + "|".join(_KIND_WORDS) + r")\b", re.I)


# "the third monitor", "de tweede brief": the n-th document of a kind (not "de Tweede Kamer")
ORDINALS = {"tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
ORDINAL_NL = {n: w for w, n in ORDINALS.items() if w in ("tweede", "derde", "vierde", "vijfde")}
NTH = re.compile(r"\b(" + "|".join(ORDINALS) + r")\s+(?!kamer)(?:\w+\s+)??\w*?(" + "|".join(_KIND_WORDS) + r")\b", re.I)


def nth_document(question: str) -> tuple[int, str] | None:
    """(n, the kind word) when the question means the n-th document of a kind (n >= 2): "according to the third
    monitor", "de tweede voortgangsbrief"."""
    m = NTH.search(question)
    return (ORDINALS[m.group(1).lower()], _KIND_WORDS[m.group(2).lower()]) if m else None


def edge_document(question: str) -> tuple[str, str] | None:
    """("old" | "new", the kind word) when the question means the first or the latest document of a kind: "de eerste
    brief van de ministers", "Wat is de meest recente brief aan de Kamer?"."""
    for edge, pattern in (("old", EDGE_OLD), ("new", EDGE_NEW)):
        m = pattern.search(question)
        if m:
            return edge, _KIND_WORDS[m.group(1).lower()]
    return None


def parse_iso(date: str | None) -> tuple[int | None, int | None, int | None]:
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d))?(?:-(\d\d))?", date or "")
    if not m:
        return None, None, None
    month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
    day = int(m.group(3)) if month and m.group(3) and 1 <= int(m.group(3)) <= 31 else None
    return (int(m.group(1)), month, day) if month or not m.group(2) else (None, None, None)


def matches_date(ref: TimeRef, date: str | None) -> bool:
    """Whether a document of ``date`` (ISO) is of the time ``ref`` names (as precisely as both say)."""
    year, month, day = parse_iso(date)
    if year != ref.year:
        return False
    if ref.month and month and ref.month != month:
        return False
    return not (ref.day and day and ref.day != day)


def date_phrases(date: str | None) -> list[str]:
    """How a document's ISO date is written in text: "juni 2024", "june 2024", "7 juli 2023", "2023"."""
    year, month, day = parse_iso(date)
    if year is None:
        return []
    phrases = [str(year)]
    if month:
        for names in (MONTHS_NL, MONTHS_EN):
            phrases.append(f"{names[month - 1]} {year}")
            if day:
                phrases.append(f"{day} {names[month - 1]} {year}")
        if day:  # the numeric forms of news datelines: "05-09-2022", "5-9-2022"
            phrases += [f"{day:02d}-{month:02d}-{year}", f"{day}-{month}-{year}"]
    return phrases


# a month (or season) a sentence names without a year: "In oktober volgden 42 professionals", "sinds de zomer";
# English "may" and "march" are left out (verbs more often than months)
SEASONS = {"voorjaar": 4, "lente": 4, "zomer": 7, "najaar": 10, "herfst": 10, "spring": 4, "summer": 7, "autumn": 10}
BARE_MONTH = re.compile(r"\b(" + "|".join(m for m in [*MONTHS_NL, *MONTHS_EN, *SEASONS] if m not in ("may", "march"))
                        + r")\b(?!\s+(?:19|20)\d\d)", re.I)


def years_said(sentence: str, doc_date: str | None) -> set[int]:
    """The years a sentence speaks of: those it writes; "dit jaar", "vorig jaar", "volgend jaar" read against its
    document's date; and a month or season without a year: the document's year, or, when that month is later in the
    year than the document, the year before as well ("In oktober volgden ..." in a letter of February 2024 speaks of
    October 2023 or of the coming October)."""
    years = {int(y) for y in YEAR_WORD.findall(sentence)}
    doc_year, doc_month, _ = parse_iso(doc_date)
    if doc_year:
        years |= {doc_year + shift for pattern, shift in RELATIVE_YEARS if pattern.search(sentence)}
        for m in BARE_MONTH.finditer(sentence):
            month = MONTH_NUMBER.get(m.group(1).lower()) or SEASONS[m.group(1).lower()]
            years |= {doc_year, doc_year - 1} if doc_month and month > doc_month else {doc_year}
    return years


@dataclass(frozen=True)
class DocContext:
    """What stands over a sentence: its document's title, dates and first heading (a letterhead such as "Gemeente
    Schiedam" says who writes), and its section heading."""

    title: str = ""
    section: str | None = None
    date: str | None = None
    peildatum: str | None = None
    top: str | None = None

    def text(self) -> str:
        """Title, headings and the ways its date is written, for matching names and years the question insists on."""
        return " ".join([self.title, self.top or "", self.section or "", *date_phrases(self.date),
                         *date_phrases(self.peildatum)])

    def year(self) -> int | None:
        return parse_iso(self.date)[0]


def under_heading(title: str | None, section: str | None, text: str) -> str:
    """A chunk's text as it is embedded and indexed for keywords: under its document's title and its section heading
    (once, when they are the same). A subject the title names ("Alles Kidzzz", "Zaanstad") then finds every chunk
    under it, not only the ones that repeat it."""
    parts = [p.strip() for p in (title, section) if p and p.strip()]
    return "\n".join([*dict.fromkeys(parts), text])


def time_fits(refs: list[TimeRef], sentence: str, ctx: DocContext, asks_date: bool = False) -> bool:
    """A question's times are met by a sentence: a year it names is one the sentence speaks of, or, when the sentence
    speaks of no time up to its document's (only of later years: a plan "tot en met 2026"), the year of its document,
    of its peildatum or one its title names ("Uitvoeringsplan ... 2024-2025"). A sentence of other, earlier years
    does not. ``asks_date``: the question asks for a date, so the sentence's own may differ from the month it names
    ("welke datum ... die in april 2024 werd aangekondigd": 1 maart 2024)."""
    asked = {r.year for r in refs}
    if not asked:
        return True
    # a month asked for ("de bijeenkomst van september 2024") and a sentence dated in other months only ("Volgende
    # bijeenkomst: 21 januari 2025"): the date of another event
    months = {(r.year, r.month) for r in refs if r.month}
    if months and not asks_date:
        named = {(r.year, r.month) for r in time_refs(sentence) if r.month}
        if named and not months & named:
            return False
    said = years_said(sentence, ctx.date)
    if asked & said:
        return True
    doc_year = ctx.year()
    if any(doc_year is None or y <= doc_year for y in said):
        return False
    own = {y for y in (doc_year, parse_iso(ctx.peildatum)[0]) if y} | {int(y) for y in YEAR_WORD.findall(ctx.title)}
    return bool(asked & own) or not own


def is_label_line(sentence: str, words: int = 8) -> bool:
    """A short line that does not end as a sentence does: a heading, a letterhead's addressee, a label ("Tweede Kamer
    der Staten-Generaal", "Databank Effectieve Jeugdinterventies"). Measured at 8 words and 6 / 10: the same."""
    text = sentence.strip()
    return len(text.split()) <= words and not re.search(r"[.!?:;”\"'’)]$", text)


def is_field_line(sentence: str) -> bool:
    """A dateline, a letterhead field or a reference line ("Den Haag, 7 juli 2023", "Vergaderjaar 2022–2023",
    "Datum 4 april 2024", "Onderwerp ..."): metadata standing in the text, which answers only "when"."""
    text = sentence.strip()
    if FIELD_LINE.match(text):
        return True
    label, colon, value = text.partition(": ")
    if colon and len(label.split()) <= 3 and any(r.month for r in time_refs(value)):
        # "Volgende bijeenkomst: 21 januari 2025, Rotterdam": a label, a date and at most a place
        return len(re.findall(r"[^\W\d_]+", TIME.sub(" ", value))) <= 2
    rest = TIME.sub(" ", text)
    rest = re.sub(r"\b\d{1,2}[-/]\d{1,2}[-/](?:19|20)?\d\d\b|\d{1,2}:\d\d(\s*uur)?|[|,–\-—:]", " ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    return len(words) <= 2 and len(text) < 60 and bool(YEAR_WORD.search(text) or re.search(r"\d", text))
