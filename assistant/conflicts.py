"""When documents give different figures for what was asked: each document's figure, newest first, with its date.

A how-many question is answered by its best sentence's figure. The best sentences of *other* documents that answer
the same thing (they fit the question, score near the best one, and their figure counts what is asked) are claims
of their own: the same figure is one answer with more citations; different figures are a disagreement, shown newest
first by each document's date (its peildatum, the date its figures hold for, where it states one). A figure from an
upload is shown after the corpus's ones, marked as uploaded, never in their place.

A question about a time gets that time's figure ("in 2022", "bij de start"), and the newest figure after it; a
question how something grew or changed gets the figures as a timeline, oldest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant import answer as ex
from assistant import short_answer
from assistant.context import MONTHS_EN, MONTHS_NL, parse_iso, years_said
from assistant.keyword import terms
from assistant.question import NOT_NAMES, Question
from assistant.types import DocumentRecord
from ingest.places import gazetteer

# "bij de start", "aanvankelijk": the first figure the documents give; "hoe is ... gegroeid": all of them, in order
AT_START = re.compile(r"\b(bij\s+(de\s+)?(start|begin)|aan\s+het\s+begin|in\s+het\s+begin|aanvankelijk|eerst|"
                      r"at\s+the\s+(start|beginning|outset)|initially|at\s+first)\b",
                      re.I)
GROWTH = re.compile(r"\b(gegroeid|groei(de|t)?|veranderd|verander(de|ing)|ontwikkeld|ontwikkeling|toegenomen|"
                    r"gestegen|afgenomen|gedaald|grown|grew|growth|changed|change|developed|increased|decreased)\b",
                    re.I)
TEXTS = {
    "nl": {"earlier": "eerder", "newer": "nieuwer", "uploaded": "geüpload", "peildatum": "peildatum", "about": "over"},
    "en": {"earlier": "earlier", "newer": "newer", "uploaded": "uploaded", "peildatum": "figures as of", "about": "for"},
}


@dataclass
class Claim:
    """One document's figure for what was asked."""

    value: str  # as the lead says it: "47 gemeenten"
    number: str  # the figure itself, comparable: "15" for "15 gemeenten" and "vijftien gemeenten"
    cand: ex.Candidate
    doc: DocumentRecord
    upload: bool = False
    also: list[ex.Candidate] = field(default_factory=list)  # other documents' sentences giving the same figure

    @property
    def when(self) -> str:
        """The date the figure holds for (ISO): the year its sentence speaks of when that is before its document's
        ("In 2022 begon de aanpak met 15 gemeenten", "Vorig jaar begonnen ..."), else the document's peildatum where
        it states one, else its date."""
        said = self.said_year
        return str(said) if said else self.doc.peildatum or self.doc.date or ""

    @property
    def said_year(self) -> int | None:
        """The year the sentence gives its figure for, when it names one year only and that is before its
        document's year."""
        doc_year = parse_iso(self.doc.date)[0]
        years = years_said(self.cand.text, self.doc.date)
        return next(iter(years)) if len(years) == 1 and doc_year and min(years) < doc_year else None


def number_of(value: str) -> str | None:
    """The figure of a phrase, comparable across spellings: "vijftien gemeenten" and "15 gemeenten" are both "15";
    of a change, the figure it came to ("van 576 naar 812": "812")."""
    found = list(ex.NUMBER.finditer(value))
    if not found:
        return None
    m = found[-1] if short_answer.CHANGE.search(value) else found[0]
    word = m.group(1).lower()
    if word in ex.NUMBER_WORDS:
        spoken = {"een": 1, "één": 1, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100,
                  "duizend": 1000}
        return str(spoken.get(word, ex.NUMBER_WORDS.index(word)))
    return re.sub(r"(?<=\d)[.](?=\d{3}\b)", "", word)


def counts_asked(q: Question, value: str) -> bool:
    """Whether a figure's words name what the question counts ("27 gemeenten" for "hoeveel gemeenten")."""
    return any(ex.counts(t, q.counted_terms) for t in terms(value))


def applies(q: Question) -> bool:
    """Questions whose answers documents can disagree on, comparably: how many of something (one thing counted),
    and what age."""
    return (q.kind == "figure" and bool(q.counted_terms) and not q.counted_pairs) or q.shape == "age"


def claim_of(q: Question, c: ex.Candidate, doc: DocumentRecord, is_upload) -> Claim | None:
    """The candidate's answer as a claim: a figure of what is counted, or an age range; None if it gives none."""
    value = short_answer.direct_answer(q, c.text)
    if not value:
        return None
    if q.kind == "figure":
        number = number_of(value)
        # a change names what it counts before it: "het aantal gemeenten ... groeit van 15 naar 27"
        change = short_answer.CHANGE.search(c.text)
        if change and not set(re.findall(r"\d+", value)) <= set(re.findall(r"\d+", change.group(0))):
            change = None  # the figure is not the change's
        if number is None or not counts_asked(q, c.text[: change.start()] if change else value):
            return None
    else:  # "van 12 tot en met 18 jaar" and "12 tot en met 18 jaar" are one age range
        number = " ".join(re.findall(r"\d+", value)) or value.lower()
    return Claim(value, number, c, doc, upload=is_upload(doc))


def find(q: Question, best: ex.Candidate, fitting: list[ex.Candidate], docs: dict[str, DocumentRecord],
         band: float, is_upload) -> list[Claim]:
    """The claims of the documents near the best sentence (``band``: the share of its score a sentence must reach),
    one per document, the best one's first; empty unless the question is one documents can disagree on (applies)
    and the best sentence answers it."""
    if not applies(q):
        return []
    near = [c for c in fitting if c.score >= band * best.score]
    # a figure of one place the question does not name ("In Nieuwegein ... op twee scholen") is a part of what is
    # asked: when sentences give the figure itself, the local ones are left out (the best one too, if it is one)
    asked = {m.place.name for m in gazetteer().find(q.text)}
    is_local = [local(q, c, asked) for c in near]
    if not all(is_local):
        near = [c for c, here in zip(near, is_local, strict=True) if not here]
        best = near[0]
    # asked for the first figure or how it grew, a document's figure for an earlier year ("In 2022 begon de aanpak
    # met 15 gemeenten") is a claim of its own, beside the figure it gives for its own time
    by_year = bool(AT_START.search(q.text) or GROWTH.search(q.text))
    out: dict[tuple[str, int | None], Claim] = {}
    for c in near:
        doc = docs.get(c.chunk_id.rsplit(":", 1)[0])
        if doc is None:
            continue
        claim = claim_of(q, c, doc, is_upload)
        if claim is None:
            if c is best:
                return []
            continue
        out.setdefault((doc.id, claim.said_year if by_year else None), claim)
    return list(out.values())


def local(q: Question, c: ex.Candidate, asked: set[str]) -> bool:
    """Whether a sentence gives its figure for a place the question does not name: it names one to three places
    (a municipality or region of ingest/data, or "in X" with a capitalised name), none of them asked about, or its
    document is about one ("Uitvoeringsplan ... Zaanstad 2024"). A sentence naming many places lists participants.
    ``asked``: the places the question names."""
    lowered = q.text.lower()
    named = {m.place.name for m in gazetteer().find(c.text)}
    if named:
        return len(named) <= 3 and not named & asked
    if any(m.group(1).split()[0] not in NOT_NAMES and m.group(1).lower() not in lowered
           for m in short_answer.PLACE.finditer(c.text)):
        return True
    # a title's years are no colophon's ("Zaanstad 2024-2025"): without them the place is found
    title = re.sub(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b", "", c.ctx.title or "")
    in_title = {m.place.name for m in gazetteer().find(title)}
    return len(in_title) == 1 and not in_title & asked


def ordered(claims: list[Claim]) -> list[Claim]:
    """One claim per figure, newest first by the date it holds for, the uploads' after the corpus's; the same figure
    from several documents is one claim (the newest corpus document's), the others cited with it (``also``)."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.number, []).append(c)
    heads = []
    for same in groups.values():
        same = newest_first(same)
        heads.append(replace(same[0], also=[c.cand for c in same[1:]]))
    return newest_first(heads)


def newest_first(claims: list[Claim]) -> list[Claim]:
    """The corpus's claims before the uploads', each newest first by the date they hold for (undated last)."""
    return sorted(sorted(claims, key=lambda c: c.when, reverse=True), key=lambda c: c.upload)


def date_text(iso: str | None, lang: str) -> str | None:
    """An ISO date as a reader says it: "19 juni 2025", "juni 2024", "2023" (English month names for English)."""
    year, month, day = parse_iso(iso)
    if year is None:
        return None
    if not month:
        return str(year)
    name = (MONTHS_EN if lang == "en" else MONTHS_NL)[month - 1]
    if lang == "en":
        name = name.capitalize()
    return f"{day} {name} {year}" if day else f"{name} {year}"


def when_text(claim: Claim, lang: str) -> str:
    """The brackets after a figure: the document's date, its peildatum, the year the sentence names."""
    texts = TEXTS[lang]
    parts = []
    if d := date_text(claim.doc.date, lang):
        parts.append(d)
    if claim.doc.peildatum and (p := date_text(claim.doc.peildatum, lang)):
        parts.append(f"{texts['peildatum']} {p}")
    if claim.said_year and str(claim.said_year) in claim.cand.text:  # a year read from "vorig jaar" is not shown
        parts.append(f"{texts['about']} {claim.said_year}")
    return ", ".join(parts)


def plan(q: Question, claims: list[Claim], newer: list[Claim]) -> tuple[list[Claim], str]:
    """The claims to show, in order, and how: "conflict" (newest first), "timeline" (oldest first), "time" (the
    figure of the time asked for, then a newer one), or "" (one figure: nothing to add)."""
    figures = ordered(claims)
    if GROWTH.search(q.text) and len(figures) > 1:
        return list(reversed(figures)), "timeline"
    if AT_START.search(q.text) and len(figures) > 1:
        corpus = [c for c in figures if not c.upload] or figures
        return [corpus[-1], corpus[0]], "time"
    if q.times and claims:  # the best sentence's figure is the one of the time asked; then a newer one, if any
        shown = next((c for c in figures if c.number == claims[0].number), figures[0])
        latest = ordered(newer)[0] if newer else None
        if latest and latest.number != shown.number and latest.when > shown.when:
            return [shown, latest], "time"
        return [shown], ""
    return figures, "conflict" if len(figures) > 1 else ""


def lead(q: Question, shown: list[Claim], how: str, numbers: list[list[int]]) -> str:
    """The short answer: each figure with its date and citations ("47 gemeenten (19 juni 2025) [1]; eerder 27
    gemeenten (juni 2024) [2]"); ``numbers``: the citation numbers of each shown claim."""
    texts = TEXTS[q.lang]
    out = []
    for k, (claim, refs) in enumerate(zip(shown, numbers, strict=True)):
        marks = " ".join(f"[{n}]" for n in refs)
        when = when_text(claim, q.lang) if how else None  # one figure (several documents agree): no dates needed
        text = f"{claim.value} ({when}) {marks}" if when else f"{claim.value} {marks}"
        if claim.upload:  # beside the corpus's figures, marked, never in their place
            text = f"{texts['uploaded']}: {text}"
        elif k and how == "conflict":
            text = f"{texts['earlier']} {text}"
        elif k and how == "time":
            text = f"{texts['newer']}: {text}"
        out.append(text)
    return ("; " if how != "timeline" else " → ").join(out)
