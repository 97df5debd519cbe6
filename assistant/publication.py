"""Questions when a document was published or of when it is ("Wanneer is de monitor verschenen?", "Van wanneer is
de raadsinformatiebrief?"): the line that states the document's own date answers them, another date in it does not."""

from __future__ import annotations

import re

from assistant import context
from assistant.answer import NO_FIGURE_FACTOR, YEAR, Candidate
from assistant.keyword import terms
from assistant.question import Question
from assistant.shapes import has_shape

PUBLISHED = re.compile(r"\b(gepubliceerd|publiceer\w*|versch(?:een|enen|ijn\w*)|uitgebracht|uitgegeven|uitgave|"
                       r"publicatie\w*|published|publication|released|issued|came\s+out)\b", re.I)


def date_phrases(date: str | None) -> list[str]:
    """How a document's date is written in its text ("juni 2024", "7 juli 2023", "05-09-2022"); a bare year says too
    little to recognise the line that states it."""
    return [p for p in context.date_phrases(date) if not YEAR.match(p)]


DATED = re.compile(r"\b(van\s+wanneer|dateert|gedateerd|dated|from\s+when)\b", re.I)


def asks_publication(q: Question) -> bool:
    """When was it published / verschenen; of when is it ("Van wanneer is de raadsinformatiebrief?")."""
    return q.shape in ("date", "day") and bool(PUBLISHED.search(q.text) or DATED.search(q.text))


def prefer_publication_date(q: Question, cands: list[Candidate], phrases: dict[str, list[str]]) -> None:
    """For a question when a document was published (:func:`asks_publication`): the line that states the document's
    own date (its colophon's "Juni 2024") is the answer, another date in it ("op moment van uitvraag (1 maart 2024)")
    is not. ``phrases``: per chunk id, how its document's date is written. Unchanged when no retrieved sentence
    states it."""
    own = [c for c in cands if any(p in c.text.lower() for p in phrases.get(c.chunk_id, []))]
    if not own:
        return
    top = max(c.score for c in cands)
    for c in cands:
        if c in own:
            c.score = max(c.score, top)
        elif has_shape(q, c.text):  # another date
            c.score *= NO_FIGURE_FACTOR
    cands.sort(key=lambda c: -c.score)


DATELINE_WORDS = 3  # a line that states its document's date with at most this many other words: "Den Haag, 05-09-2022"


def demote_datelines(q: Question, cands: list[Candidate], phrases: dict[str, list[str]]) -> None:
    """For a question when something happened that is not its document's publication (not :func:`asks_publication`:
    "Op welke datum hebben de gemeenten hun plannen ingediend?"): a line that only states its document's own date
    ("Nieuwsbericht | 04-04-2024") is the date of the document, no answer, unless it says what the question asks of
    it ("Interventiebeschrijving | bijgewerkt 17-06-2020" for "Wanneer is de beschrijving bijgewerkt?"). The caller
    orders the candidates again."""
    if q.shape not in ("date", "day") or asks_publication(q):
        return
    asked = set(q.query_terms)
    for c in cands:
        low = c.text.lower()
        phrase = next((p for p in phrases.get(c.chunk_id, []) if p in low), None)
        if phrase is None:
            continue
        rest = re.findall(r"[^\W\d_]+", low.replace(phrase, " "))
        if len(rest) <= DATELINE_WORDS and not (set(terms(" ".join(rest))) & asked):
            c.score *= NO_FIGURE_FACTOR
