"""``GET /api/examples``: the catalogue of examples per municipality and theme (``assistant.catalogue``), as JSON,
CSV or Markdown. Behind the same API key as every /api route (``ui.api`` adds ``require_key``)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse

from assistant import catalogue
from assistant.catalogue import Examples
from ui.deps import get_assistant


def router() -> APIRouter:
    r = APIRouter(tags=["api"])

    @r.get("/examples", response_model=Examples,
           responses={200: {"content": {"text/csv": {}, "text/markdown": {}}}})
    def examples(
        municipality: str | None = Query(None, description="A municipality (any common spelling: Den Haag, "
                                         "'s-Gravenhage) or region (Parkstad)."),
        theme: str | None = Query(None, description="A theme: onderwijs, werk en inkomen, persoonlijke en "
                                  "psychologische ontwikkeling, sociale netwerk, criminaliteit en re-integratie, "
                                  "zorg en veiligheid (or its first word)."),
        q: str | None = Query(None, description="Words that must all occur in the example."),
        format: Literal["json", "csv", "markdown"] = Query("json", description="json, or an export of the "
                                                            "selection: csv or markdown (with the citations)."),
        assistant=Depends(get_assistant),
    ):
        """Concrete examples from the documents, one per municipality and passage: municipality, theme,
        intervention, figures, a one-line summary and the citation. Only examples that match every filter given;
        none is an empty list with a message that says so. An unknown municipality or theme is a 422."""
        found = catalogue.select(assistant.store, municipality, theme, q)
        if format == "csv":
            return PlainTextResponse(catalogue.to_csv(found.examples), media_type="text/csv; charset=utf-8",
                                     headers={"Content-Disposition": 'attachment; filename="voorbeelden.csv"'})
        if format == "markdown":
            return PlainTextResponse(catalogue.to_markdown(found.examples), media_type="text/markdown; charset=utf-8",
                                     headers={"Content-Disposition": 'attachment; filename="voorbeelden.md"'})
        return found

    return r
