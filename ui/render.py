"""How answers, sources and passages are shown in the chat: Markdown and HTML built from the core's types.

Shared by the chat tab (``ui.chat_ui``) and the Voorbeelden tab (``ui.examples_tab``); nothing here calls Gradio.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from assistant.settings import Settings
from assistant.types import Answer, Citation, Filters

ALL = "Alle"
BADGE_ANSWERED = ('<span class="pmg-badge pmg-answered" style="background:#e3f4e8;color:#14532d">'
                  'Uit de documenten</span>')
BADGE_REFUSED = ('<span class="pmg-badge pmg-refusal" style="background:#fdecc8;color:#7c2d12">'
                 'Niet in de documenten</span>')


def where(c: Citation | dict) -> str:
    c = c if isinstance(c, dict) else c.model_dump()
    page = f"p. {c['page']}" + (" (OCR)" if c.get("ocr") else "") if c.get("page") else None
    parts = [c["source"], page, c.get("section")]
    return ", ".join(p for p in parts if p)


def source_line(c: Citation | dict) -> str:
    c = c if isinstance(c, dict) else c.model_dump()
    return f"[{c['n']}] {c['document']} ({where(c)})"


def render_answer(answer: Answer, text: str | None = None, *, sources: bool = True) -> str:
    """Markdown of one answer: a label, the text (with its [n] markers), then the numbered sources."""
    badge = BADGE_ANSWERED if answer.answered else BADGE_REFUSED
    out = f"{badge}\n\n{answer.answer if text is None else text}"
    if answer.note:
        out += f"\n\n*({answer.note})*"
    cites = answer.citations if answer.answered else answer.related
    if sources and cites:
        head = "**Bronnen**" if answer.answered else "**Verwant** (geen antwoord, wel de dichtstbijzijnde passages)"
        out += f"\n\n{head}\n\n" + "\n".join(f"- {html.escape(source_line(c))}" for c in cites)
    return out


def mark(text: str, quote: str) -> str:
    """``text`` as HTML with ``quote`` highlighted (escaped; the quote is a verbatim part of the text)."""
    i = text.find(quote) if quote else -1
    if i < 0:
        return f"<mark>{html.escape(quote)}</mark>\n\n{html.escape(text)}" if quote else html.escape(text)
    return f"{html.escape(text[:i])}<mark>{html.escape(quote)}</mark>{html.escape(text[i + len(quote):])}"


def mark_term(text: str, term: str) -> str:
    escaped = html.escape(text)
    term = term.strip()
    if not term:
        return escaped
    return re.sub(re.escape(html.escape(term)), lambda m: f"<mark>{m.group(0)}</mark>", escaped, flags=re.I)


def meta_html(c: dict, settings: Settings) -> str:
    rows = [("Document", c["document"]), ("Bestand", c["source"]), ("Pagina", c.get("page")),
            ("Sectie", c.get("section")), ("Soort", c.get("kind")), ("Datum", c.get("date"))]
    meta = " · ".join(f"{k}: <strong>{html.escape(str(v))}</strong>" for k, v in rows if v)
    if not settings.api_key:  # /api needs a bearer token when a key is set, which a plain link cannot send
        meta += (f' · <a href="/api/documents/{html.escape(quote(c["document_id"], safe=""))}/file" target="_blank" '
                 f'rel="noopener">bestand openen</a>')
    return meta


def passage_html(assistant, c: dict, settings: Settings) -> str:
    chunk = assistant.store.get_chunks([c["chunk_id"]]).get(c["chunk_id"])
    text = mark(chunk.text, c["quote"]) if chunk else (
        f"<em>Deze passage staat niet meer in de index.</em>\n\n<mark>{html.escape(c['quote'])}</mark>")
    return (f'<div class="pmg-passage"><div class="pmg-meta">[{c["n"]}] {meta_html(c, settings)}</div>'
            f'<div class="pmg-text">{text}</div></div>')


def hits_html(hits: list[Citation], term: str, settings: Settings) -> str:
    if not hits:
        return "<p>Geen passages gevonden.</p>"
    out = []
    for c in hits:
        d = c.model_dump()
        note = ""
        if term.strip() and term.strip().lower() not in c.quote.lower():
            note = f" <em>(noemt {html.escape(term.strip())} niet)</em>"
        out.append(f'<div class="pmg-hit"><div class="pmg-meta">[{c.n}] {meta_html(d, settings)}{note}</div>'
                   f'<div class="pmg-text">{mark_term(c.quote, term)}</div></div>')
    return "\n".join(out)


def make_filters(kind: str | None, year: str | None) -> Filters | None:
    y = int(year) if year and year != ALL and str(year).isdigit() else None
    filters = Filters(kind=kind if kind and kind != ALL else None, year_from=y, year_to=y)
    return None if filters.is_empty() else filters


def plain(content) -> str:
    """The text of a Chatbot message's content (a string, or Gradio's list of content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content or "")


def growing(text: str):
    from ui.routes.openai_compat import pieces

    shown = ""
    for piece in pieces(text, words=4):
        shown += piece
        yield shown
