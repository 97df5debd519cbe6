"""The short answer that leads an answer: from the quoted sentence, what was asked and no more: a figure with what
it counts ("576 jongeren"), a sum with its period ("jaarlijks € 500.000"), a date, an age range, a duration, a
person, a place, or a list's items. None when the sentence holds no such thing (the answer then leads with the
quotes)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer import (EFFECT_ASKED, MODIFIERS, NUMBER, QUALIFIERS, RATIO_PHRASE, UNITS, counts, number_mentions,
                              row_cells, row_value)
from assistant.context import YEAR_WORD
from assistant.keyword import terms
from assistant.lists import list_phrase
from assistant.numbers import number_value
from assistant.question import NOT_NAMES, PLURAL, Question
from assistant.shapes import MONTHS, SHAPE_PATTERNS, reference_field


CHANGE = SHAPE_PATTERNS["change"]


def figure_phrase(q: Question, sentence: str) -> str | None:
    """The figure a how-many question asks for, with the words it counts ("576 jongeren")."""
    row = row_value(q, sentence)
    if row:
        return row
    mentions = number_mentions(q, sentence)
    if not mentions:
        return None
    # the best-fitting mention; between equals, the one followed by more of what was asked ("En hoeveel gemeenten
    # willen er binnenkort mee beginnen?": "twee gemeenten van plan om er binnenkort ...", not "vier PmG-gemeenten")
    best = max(mentions, key=lambda m: (m.fit, m.asked))
    word, after = best.word, best.after
    if any(m.start() <= best.start < m.end() for m in AMOUNT.finditer(sentence)):
        return amount_phrase(q, sentence)  # a sum of money ("€ 500.000"): as written, with its period
    change = next((m for m in CHANGE.finditer(sentence) if m.start() <= best.start < m.end()), None)
    if change:  # a figure that changed ("gegroeid van 576 naar 812")
        if q.shape == "change":  # asked how it changed: both, the newer last
            return change.group(0)
        # asked how many: the figure it came to first ("812 (eerder 576)")
        old, new = (m.group(0) for m in re.finditer(r"\d[\d.,]*\d|\d", change.group(0)))
        return f"{new} ({'earlier' if q.lang == 'en' else 'eerder'} {old})"
    # a word before the figure that makes it exact: "nog 14", "ruim 100", "bijna 50"
    before = re.findall(r"[\w'’]+", sentence[: best.start])[-2:]
    qualifier = next((" ".join(before[-k:]) for k in (2, 1) if len(before) >= k
                      and " ".join(before[-k:]).lower() in QUALIFIERS), None)
    if after[:1] and after[0].lower() in ("keer", "times") and "vaak" in (w.lower() for w in after[:3]):
        return " ".join([word, *after[: [w.lower() for w in after].index("vaak") + 1]])  # "drie keer minder vaak"
    if [w.lower() for w in after[:2]] in (["van", "hen"], ["van", "hun"], ["van", "die"], ["van", "deze"],
                                           ["of", "them"], ["of", "these"]):
        return " ".join(filter(None, [qualifier, word, *after[:2]]))  # a part of a group: "17 van hen"
    if not after:  # the figure ends its sentence ("... bedraagt 2.480.000"): the figure alone
        return " ".join(filter(None, [qualifier, word]))
    counting = [any(counts(t, q.counted_terms) for t in terms(w)) for w in after]
    hit = next((i for i in range(min(3, len(after))) if counting[i]), None)
    if hit is None:  # up to the first word that is no modifier: "18 extra regisseurs"
        hit = next((i for i, w in enumerate(after) if w.lower() not in MODIFIERS), len(after) - 1)
        if not terms(after[hit]):  # a preposition ("nog 14 in intensieve begeleiding"): the figure alone
            return " ".join(filter(None, [qualifier, word]))
        if hit + 1 < len(after) and after[hit].islower() and after[hit].endswith("e") \
                and after[hit + 1].islower() and PLURAL.search(after[hit + 1]):
            hit += 1  # an inflected adjective goes on to its noun: "acht wekelijkse sessies"
    while hit + 1 < len(after) and (counting[hit + 1] or (after[hit].lower().strip("()") in UNITS
                                                          and bool(terms(after[hit + 1])))):
        hit += 1  # what is counted goes on: "166 officiële waarschuwingen", "13 (fte) straatcoaches"
    end = hit + 1  # up to the counted word: "31 (ex)gedetineerde jongeren"
    while after[hit][:1].isupper() and end < len(after) and after[end][:1].isupper():
        end += 1  # a name goes on while its words are capitalised: "twee Wijk Actie Teams"
    return " ".join(filter(None, [qualifier, word, *after[:end]])).rstrip(",.;:")


# a sum of money as written, with the period it is for: "jaarlijks € 500.000", "€ 143 miljoen per jaar", "2,5 miljoen
# euro", "€ 30 miljoen"
_SUM = r"\d(?:[\d.,]*\d)?(?:\s+(?:miljoen|miljard|duizend|million|billion))?"
_ONE_SUM = rf"(?:(?:€|EUR)\s?{_SUM}(?:\s+euro)?|\b{_SUM}\s+euro)"
AMOUNT = re.compile(rf"(?:\b(?:jaarlijks|structureel|eenmalig|annually)\s+)?"
                    rf"(?:(?:tussen|van|between|from)\s+{_ONE_SUM}\s+(?:en|tot|and|to)\s+{_ONE_SUM}|{_ONE_SUM})"
                    r"(?:\s+(?:per\s+(?:jaar|maand|week|gemeente|jongere|deelnemer|traject|year|month)|a\s+year|each\s+year))?",
                    re.I)


def amount_phrase(q: Question, sentence: str) -> str | None:
    """The sum of money the sentence gives for what was asked: of several, the one with most of the question's terms
    in the words before it (since the sum before it: "voor de flexibele aanpak € 9 miljoen"), then in the six after
    it, then the first."""
    found = list(AMOUNT.finditer(sentence))
    if not found:
        return row_sums(q, sentence)
    many = AMOUNTS_ASKED.search(q.text)  # "which two amounts": that many, in the order written
    if many and (k := int(number_value(many.group(1).lower(), q.lang) or 0)) > 1 and len(found) >= k:
        return joined(q, [m.group().strip() for m in found[:k]])

    def asked(text: str) -> int:  # the question's own terms weigh more than an earlier turn's (query_terms)
        return sum(q.query_terms.count(t) for t in terms(text))

    def near(k: int) -> tuple[int, int, int]:
        m = found[k]
        before = sentence[found[k - 1].end() if k else 0: m.start()]
        return asked(" ".join(re.findall(r"[\w'’\-]+", before)[-8:])), asked(sentence[m.end():][:60]), -k

    return found[max(range(len(found)), key=near)].group().strip()


def row_sums(q: Question, sentence: str) -> str | None:
    """In a table row, the sums of money asked for, with their headers: the columns whose header marks money ("budget
    2024 (€): 10.900.000"); of several, those of the years the question names ("in 2024 en in 2025": both), else the
    one whose header has most of the question's terms."""
    money = [(k, v) for k, v in row_cells(sentence) if MONEY_HEADER.search(k) and NUMBER.search(v)]
    if not money:
        return None
    years = set(YEAR_WORD.findall(q.text))
    of_years = [(k, v) for k, v in money if years & set(YEAR_WORD.findall(k))]
    if len(of_years) > 1:
        return "; ".join(f"{k}: {v}" for k, v in of_years)
    k, v = max(money, key=lambda p: (sum(q.query_terms.count(t) for t in terms(p[0])), -money.index(p)))
    return f"{k}: {v}"


AMOUNTS_ASKED = re.compile(r"\b([^\W\d_]{3,})\s+(?:bedragen|amounts|sums|budgetten|budgets)\b", re.I)
MONEY_HEADER = re.compile(r"€|\b(?:euro|EUR)\b", re.I)


def paired_figures(q: Question, sentence: str) -> str | None:
    """Both figures of a question that counts two things at once: "13 (fte) straatcoaches en 18 (fte) boa's"."""
    phrases = []
    for counted in q.counted_pairs:
        one = replace(q, counted_terms=counted)
        if not any(m.exact for m in number_mentions(one, sentence)):
            return None
        phrases.append(figure_phrase(one, sentence))
    if len(phrases) != 2 or phrases[0] == phrases[1]:
        return None
    return joined(q, phrases)


def joined(q: Question, phrases: list[str]) -> str:
    """Phrases of one short answer, joined in the question's language: "vijf … en vier …", "166 … and 73 …"."""
    return f" {'and' if q.lang == 'en' else 'en'} ".join(phrases)


AGE = re.compile(r"\b(?:(?:van|tussen)\s+(?:de\s+)?)?\d+\s+(?:tot\s+en\s+met|tot|en|t/m)\s+\d+\s+jaar\b"
                 r"|\b(?:onder|boven|vanaf)\s+(?:de\s+)?\d+\s+jaar\b|\b\d+\s+jaar\b", re.I)
MONTH = "(?:" + "|".join(MONTHS) + ")"
SEASON = r"(?:voorjaar|lente|zomer|najaar|herfst|winter|zomervakantie|spring|summer|autumn|fall|winter)"
PART_OF = r"(?:begin|eind|medio|half|halverwege|early|late|mid)"
# the word that says which end of a period a date is ("tot juni 2026", "vanaf 1 januari 2025") is part of it
_END = r"(?:(?:vanaf|sinds|tot(?:\s+en\s+met)?|t/m|uiterlijk|from|since|until|by)\s+)?"
# a question which end of a period it asks: "Tot wanneer ...?", "Vanaf welk jaar ...?"
ASKS_END = re.compile(r"\b(tot|vanaf|sinds|until|from|since)\s+(wanneer|when|welke?\s+\w+|which\s+\w+|what\s+\w+)\b",
                      re.I)
DATES = [re.compile(_END + p, re.I) for p in (  # the most precise first: a day, a month, a part of a year, a season, a year
    rf"\b\d{{1,2}}\s+{MONTH}\s+(?:19|20)\d\d\b", r"\b\d{1,2}-\d{1,2}-(?:19|20)\d\d\b", rf"\b\d{{1,2}}\s+{MONTH}\b",
    rf"\b(?:(?:begin|eind|medio|half)\s+)?{MONTH}\s+(?:19|20)\d\d\b", rf"\b{PART_OF}[\s-]+(?:19|20)\d\d\b",
    rf"\b(?:(?:voor|na|in|tijdens|vóór|before|after|in|during)\s+)?(?:de|het|the)\s+{SEASON}(?:\s+(?:van\s+)?(?:19|20)\d\d)?\b",
    rf"\b{SEASON}\s+(?:19|20)\d\d\b",
    r"\b(?:in\s+)?(?:19|20)\d\d\b")]


PART = re.compile(r"\b(?:(?:ongeveer|ruim|bijna|circa|ten\s+minste|minstens|maximaal|hooguit|meer\s+dan|minder\s+dan)\s+)?"
                  r"(?:(?:de|een)\s+(?:helft|kwart)|driekwart|\d+(?:[.,]\d+)?\s*(?:%|procent))", re.I)
PERSON = re.compile(r"(?<=\s)([A-Z][a-zà-ÿ]+(?:\s+(?:van|de|der|den|van de|van der))?\s+[A-Z][a-zà-ÿ]+)\b")  # Selma Kuijpers
PLACE = re.compile(r"\b(?:[Ii]n|gemeente)\s+((?:[A-Z][\w'’\-]+)(?:\s+[A-Z][\w'’\-]+)?)")  # "in Den Haag"


def direct_answer(q: Question, sentence: str) -> str | None:
    """The short answer that leads: a figure with what it counts, a duration, an age range, a date, or a list."""
    if q.shape == "person":  # "Projectleider Selma Kuijpers van ...": a first and last name the question does not give
        asked = q.text.lower()
        m = next((m for m in PERSON.finditer(sentence) if m.group(1).split()[0].lower() not in asked), None)
        return m.group(1) if m else None
    if q.shape == "place" and q.kind != "list":  # "In Utrecht is een proeftuin ...": Utrecht
        asked = q.text.lower()  # the first place named that is no name the question gives ("in Preventie ..." is none)
        return next((m.group(1) for m in PLACE.finditer(sentence) if m.group(1).split()[0] not in NOT_NAMES
                     and m.group(1).lower() not in asked), None)
    if q.kind != "figure" and EFFECT_ASKED.search(q.text):  # what it does: "twee keer minder vaak ..."
        ratios = [m.group() for m in RATIO_PHRASE.finditer(sentence)]
        if ratios:
            return joined(q, ratios)
    if q.shape == "source":  # "(ECORYS, 2022)": the reference without its parentheses
        m = SHAPE_PATTERNS["source"].search(sentence)
        return m.group()[1:-1] if m else None
    if q.shape == "reference" and (field := reference_field(q, sentence)):  # "Ons kenmerk 5178141"
        return " ".join(field.split())
    if q.shape == "duration":  # "een jaar lang", "de eerste zeven maanden"
        m = re.search(r"\b(?:(?:eerste|laatste|afgelopen|komende|maximaal|minimaal|hooguit|ten\s+hoogste|ten\s+minste|"
                      r"binnen|within|first|last|past|next|at\s+most|up\s+to|at\s+least)\s+)?"
                      + SHAPE_PATTERNS["duration"].pattern, sentence, re.I)
        return m.group() if m else None
    if q.shape in ("day", "date"):
        found = next((m.group() for m in (p.search(sentence) for p in DATES) if m), None)
        if found and not ASKS_END.search(q.text):  # "Tot wanneer ...?": "tot juni 2026"; else the date alone
            found = re.sub("^" + _END, "", found, flags=re.I)
        return found
    if q.kind != "figure" and q.shape == "age":
        m = AGE.search(sentence)
        return m.group() if m else None
    if q.shape == "percent" and (m := PART.search(sentence)):  # "ongeveer de helft", "ten minste 60 procent"
        return m.group()
    if q.shape == "change" and (m := CHANGE.search(sentence)):  # "Hoe is het aantal gegroeid?": both figures
        return m.group()
    if q.shape == "amount" and (amount := amount_phrase(q, sentence)):
        return amount
    if q.kind == "figure":
        return paired_figures(q, sentence) or figure_phrase(q, sentence)
    if q.kind == "list":
        return list_phrase(sentence)
    return None
