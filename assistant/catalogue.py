"""The catalogue of examples as users ask for it: filtered by municipality, theme and words, with facet counts,
and exported as CSV or Markdown with the citations. The records are extracted at ingest (``ingest/examples.py``)
and read from the store; every surface (``GET /api/examples``, ``pmg examples``, the Voorbeelden tab) calls
:func:`select`."""

from __future__ import annotations

import csv
import json
import io
import re
from typing import Literal

from chromadb.errors import NotFoundError as ChromaNotFoundError
from pydantic import BaseModel, Field

from assistant.errors import UnprocessableError
from assistant.types import Citation
from ingest.examples import THEMES
from ingest.places import gazetteer

MAX_FILTER_CHARS = 200
THEME_NAMES = list(THEMES)
THEME_ALIASES = {"sociaal netwerk": "sociale netwerk", "persoonlijke ontwikkeling": "persoonlijke en psychologische "
                 "ontwikkeling", "re-integratie": "criminaliteit en re-integratie", "criminaliteit": "criminaliteit en "
                 "re-integratie", "werk": "werk en inkomen", "zorg": "zorg en veiligheid"}


class Example(BaseModel):
    municipality: str = Field(description="The municipality (or region, e.g. Parkstad) the example is about.")
    theme: str = Field(description="One of the programme's themes (or 'zorg en veiligheid').")
    theme_source: Literal["heading", "embedder"] = Field(description="'heading': the section heading names the "
                                                         "theme; 'embedder': the closest theme description.")
    place_source: Literal["quote", "document"] = Field("quote", description="'quote': the quote names the place; "
                                                       "'document': the document is about that one place (its title "
                                                       "or letterhead).")
    intervention: str | None = Field(None, description="The intervention or approach the passage names.")
    figures: list[str] = Field([], description="The figures the quote gives, verbatim ('25 gezinnen').")
    summary: str = Field(description="One line from the text: the sentence that names the place.")
    citation: Citation


class Examples(BaseModel):
    examples: list[Example]
    municipalities: dict[str, int] = Field(description="Examples per municipality, for the chosen theme and words.")
    themes: dict[str, int] = Field(description="Examples per theme, for the chosen municipality and words.")
    message: str = Field(description="What was found, or that nothing was ('Geen voorbeelden voor Maastricht in de "
                         "documenten.').")


def resolve_theme(text: str) -> str:
    key = " ".join(text.lower().split())
    key = THEME_ALIASES.get(key, key)
    found = [t for t in THEME_NAMES if t == key] or [t for t in THEME_NAMES if t.startswith(key)]
    if len(found) != 1:
        raise UnprocessableError(f"Onbekend thema '{text}': kies uit {', '.join(THEME_NAMES)}.")
    return found[0]


def resolve_place(text: str) -> str:
    place = gazetteer().resolve(text)
    if place is None:
        raise UnprocessableError(f"'{text}' is geen gemeente (CBS-indeling 2024) of regio die de assistent kent; "
                                 f"controleer de spelling (bijv. Den Haag, 's-Hertogenbosch, Parkstad).")
    return place.name


def _checked(value: str | None, what: str) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_FILTER_CHARS:
        raise UnprocessableError(f"{what} is te lang ({len(value)} tekens); het maximum is {MAX_FILTER_CHARS}.")
    if any("\ud800" <= ch <= "\udfff" or ch == "\x00" for ch in value):
        raise UnprocessableError(f"{what} bevat een ongeldig teken.")
    return value or None


def _example(record: dict, doc, n: int) -> Example:
    page = record.get("page", -1)
    page = page if isinstance(page, int) and page >= 0 else None
    citation = Citation(n=n, document=doc.title if doc else record["doc_id"], document_id=record["doc_id"],
                        kind=doc.kind if doc else None, date=doc.date if doc else None,
                        source=doc.source if doc else record["doc_id"], page=page,
                        section=record.get("section") or None,
                        ocr=bool(doc and page is not None and page in (doc.ocr_pages or [])),
                        quote=record["quote"], chunk_id=record["chunk_id"], score=1.0)
    return Example(municipality=record["municipality"], theme=record["theme"], theme_source=record["theme_source"],
                   place_source=record.get("place_source", "quote"), intervention=record.get("intervention") or None,
                   figures=json.loads(record.get("figures") or "[]"), summary=record["summary"], citation=citation)


def _matches(example: Example, words: list[str]) -> bool:
    c = example.citation
    hay = " ".join([example.municipality, example.theme, example.intervention or "", example.summary, c.quote,
                    c.section or "", c.document]).lower()
    return all(w in hay for w in words)


def select(store, municipality: str | None = None, theme: str | None = None, q: str | None = None, *,
           kind: str | None = None, year: int | None = None,
           years: tuple[int | None, int | None] | None = None) -> Examples:
    """The examples that match every filter given (``municipality`` in any spelling, ``theme`` by name or its
    start, ``q``: every word occurs in the example; ``kind`` and ``year`` (or a range ``years``, either end open): of
    the example's document), with the facet counts and a message. A filter that names no municipality or theme is a ``UnprocessableError`` (a 422)."""
    municipality, theme, q = (_checked(municipality, "De gemeente"), _checked(theme, "Het thema"),
                              _checked(q, "De zoekwoorden"))
    place = resolve_place(municipality) if municipality else None
    theme = resolve_theme(theme) if theme else None
    words = [w for w in re.findall(r"[\w'-]+", (q or "").lower()) if len(w) > 1]
    store.refresh()  # another process may have ingested since
    docs = {d.id: d for d in store.documents()}
    try:
        records = store.example_records()
    except ChromaNotFoundError:  # another process rebuilt the catalogue (new extraction rules) a moment ago
        store.reopen()
        records = store.example_records()
    every = [_example(r, docs.get(r["doc_id"]), 0) for r in records]
    worded = [e for e in every if _matches(e, words) and (kind is None or e.citation.kind == kind)
              and in_years((e.citation.date or "")[:4], *(years or (year, year)))]
    municipalities: dict[str, int] = {}
    for e in worded:
        if theme is None or e.theme == theme:
            municipalities[e.municipality] = municipalities.get(e.municipality, 0) + 1
    themes = {t: 0 for t in THEME_NAMES}
    for e in worded:
        if place is None or e.municipality == place:
            themes[e.theme] += 1
    chosen = [e for e in worded if (place is None or e.municipality == place) and (theme is None or e.theme == theme)]
    chosen.sort(key=lambda e: (e.municipality.lower(), THEME_NAMES.index(e.theme), e.place_source != "quote"))
    for n, e in enumerate(chosen, start=1):
        e.citation.n = n
    what = " ".join(x for x in (f"voor {place}" if place else "", f"over {theme}" if theme else "",
                                f"met '{q}'" if q else "") if x)
    if chosen:
        message = f"{len(chosen)} voorbeeld{'en' if len(chosen) != 1 else ''}{' ' + what if what else ''}."
    elif not every:
        message = "Nog geen voorbeelden in de index: voeg documenten toe met `pmg ingest`."
    else:
        message = f"Geen voorbeelden {what} in de documenten."
    return Examples(examples=chosen, municipalities=dict(sorted(municipalities.items(), key=lambda kv: kv[0].lower())),
                    themes=themes, message=message)


CSV_COLUMNS = ["gemeente", "thema", "interventie", "cijfers", "samenvatting", "document", "bestand", "pagina", "sectie",
               "citaat"]


def to_csv(examples: list[Example]) -> str:
    """The examples as CSV (one row each, with the source), for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in examples:
        c = e.citation
        writer.writerow([e.municipality, e.theme, e.intervention or "", "; ".join(e.figures), e.summary, c.document,
                         c.source, c.page or "", c.section or "", " ".join(c.quote.split())])
    return out.getvalue()


def where(c: Citation) -> str:
    return "; ".join(x for x in (c.source, f"p. {c.page}" if c.page else None, c.section) if x)


def to_markdown(examples: list[Example], title: str = "Voorbeelden") -> str:
    """The examples as Markdown, per municipality, each with its numbered source and quote (for session notes)."""
    lines = [f"# {title}", ""]
    current = None
    for e in examples:
        if e.municipality != current:
            current = e.municipality
            lines += [f"## {current}", ""]
        head = f"**{e.intervention}** ({e.theme})" if e.intervention else f"({e.theme})"
        figures = f" — {', '.join(e.figures)}" if e.figures else ""
        lines.append(f"- {head}{figures}: {e.summary} [{e.citation.n}]")
    if examples:
        lines += ["", "## Bronnen", ""]
        for e in examples:
            c = e.citation
            lines.append(f"[{c.n}] {c.document} ({where(c)}): “{' '.join(c.quote.split())}”")
    else:
        lines.append("Geen voorbeelden in deze selectie.")
    return "\n".join(lines) + "\n"


def in_years(year: str, first: int | None, last: int | None) -> bool:
    """Whether a document's year ('2024', or '' when unknown) lies in the range (either end may be open)."""
    if first is None and last is None:
        return True
    if not year.isdigit():
        return False
    return (first is None or int(year) >= first) and (last is None or int(year) <= last)
