"""``/bron/<id>``: a source document opened from the chat by a signed link (``ui.links.Links``), no bearer token.

A PDF is served inline (the link ends in ``#page=N``, which the browser's own PDF viewer opens at); any other
document is shown as its indexed text, one page of HTML made here (no script, nothing loaded from elsewhere),
scrolled to the passage (``#passage``) with the quote highlighted. A document is looked up by id in the index,
never by a path; a link that is altered, expired or names a document no longer indexed gets a page saying so.
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from ui.links import Links
from ui.render import long_date, mark

CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
STYLE = """body{font:16px/1.6 system-ui,sans-serif;max-width:46em;margin:0 auto;padding:1em;color:#1f2937}
h1{font-size:1.3em;line-height:1.3}.meta{color:#4b5563;font-size:.9em}h2{font-size:1.05em;margin-top:1.6em}
p{white-space:pre-wrap}#passage{background:#f5f9ff;border-left:4px solid #2563eb;padding:.2em .8em;
scroll-margin-top:2em}mark{background:#fff3a3;color:inherit}"""


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    doc = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
           f'content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>'
           f"<style>{STYLE}</style></head><body>{body}</body></html>")
    return HTMLResponse(doc, status_code=status, headers={"Content-Security-Policy": CSP,
                                                           "Cache-Control": "private, no-store",
                                                           "Referrer-Policy": "no-referrer"})


def problem(status: int, text: str) -> HTMLResponse:
    return page("Bron niet te openen", f"<h1>Bron niet te openen</h1><p>{html.escape(text)}</p>", status)


def text_view(record, chunks: list, chunk_id: str, quote: str) -> HTMLResponse:
    meta = " · ".join(html.escape(v) for v in (record.kind, long_date(record.date), record.source) if v)
    out, section = [f"<h1>{html.escape(record.title)}</h1><p class=meta>{meta}</p>"], None
    for chunk in chunks:
        if chunk.section and chunk.section != section:
            section = chunk.section
            out.append(f"<h2>{html.escape(section)}</h2>")
        if chunk.id == chunk_id:
            out.append(f'<div id="passage"><p>{mark(chunk.text, quote)}</p></div>')
        else:
            out.append(f"<p>{html.escape(chunk.text)}</p>")
    return page(record.title, "\n".join(out))


def router(links: Links) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/{doc_id}")
    def source(request: Request, doc_id: str, exp: str = Query(""), sig: str = Query(""), chunk: str = Query(""),
               q: str = Query("")):
        if not links.valid(doc_id, chunk, q, exp, sig):
            return problem(403, "Deze link is verlopen of ongeldig. Open de bron opnieuw vanuit de chat.")
        assistant = request.app.state.assistant
        record = assistant.store.document(doc_id)
        if record is None:
            return problem(404, "Dit document staat niet meer in de index.")
        if PurePosixPath(record.source).suffix.lower() == ".pdf":
            path = Path(record.path)
            if not path.is_file():
                return problem(404, f"Het bestand {record.source} staat niet meer op de server.")
            return FileResponse(path, media_type="application/pdf", filename=record.source,
                                content_disposition_type="inline", headers={"Cache-Control": "private, no-store"})
        ids = [f"{doc_id}:{i:04d}" for i in range(record.chunks)]
        found = assistant.store.get_chunks(ids)
        return text_view(record, [found[i] for i in ids if i in found], chunk, q)

    return r
