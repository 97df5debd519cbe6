"""How answers, sources and passages are shown in the chat: Markdown and HTML built from the core's types.

Shared by the chat tab (``ui.chat_ui``), the Voorbeelden tab (``ui.examples_tab``) and the source view
(``ui.routes.sources``); nothing here calls Gradio. A chat message is plain Markdown (no HTML), so that copying it
gives clean text with its sources written out; the source panel beside the chat is HTML.
"""

from __future__ import annotations

import html
import re

from assistant.question import kind_of, language, split_question
from assistant.settings import Settings
from assistant.types import Answer, Citation, Filters

ALL = "Alle"
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
# the frame around an answer, in the question's language (the quotes stay as the documents have them)
FRAME = {
    "nl": {"answered": "**Uit de documenten**", "refused": "**Niet in de documenten**", "sources": "Bronnen",
           "related": "Verwant: geen antwoord, wel de dichtstbijzijnde passages", "page": "p.", "filters": "Gezocht in",
           "try": "Deze vragen beantwoorden de documenten wel:",
           "more": "Vervolgvragen die de documenten beantwoorden:", "pagelabel": "Pagina", "kind": "Soort",
           "date": "Datum",
           "section": "Sectie", "file": "Bestand", "open_pdf": "Open het origineel op pagina {page}",
           "open": "Open het origineel", "open_text": "Open het document bij deze passage",
           "gone": "Deze passage staat niet meer in de index.", "pick": "Klik op een bronnummer, zoals [1], om de "
           "bron hier te lezen.", "none": "Bij dit antwoord horen geen bronnen.", "years": "{a}–{b}",
           "from": "vanaf {a}", "to": "tot en met {b}"},
    "en": {"answered": "**From the documents**", "refused": "**Not in the documents**", "sources": "Sources",
           "related": "Related: no answer, but the nearest passages", "page": "p.", "filters": "Searched in",
           "try": "Questions the documents do answer:",
           "more": "Follow-up questions the documents answer:", "pagelabel": "Page", "kind": "Kind", "date": "Date",
           "section": "Section",
           "file": "File", "open_pdf": "Open the original at page {page}", "open": "Open the original",
           "open_text": "Open the document at this passage", "gone": "This passage is no longer in the index.",
           "pick": "Click a source number, such as [1], to read the source here.",
           "none": "This answer has no sources.", "years": "{a}–{b}", "from": "from {a}", "to": "up to {b}"},
}
TITLE_CHARS = 48  # a source line shortens a longer title (the panel shows it whole)
OPENING_WORDS = 7  # the quote's opening words that tell two sources of one document and section apart


def lang_of(text: str | None) -> str:
    return language(text or "") if text else "nl"


def long_date(date: str | None, lang: str = "nl") -> str | None:
    """'2024-06' -> 'juni 2024', '2024-06-15' -> '15 juni 2024' ('June 2024', '15 June 2024'); else as given."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return date
    month = MONTHS.get(lang, MONTHS["nl"])[int(m.group(2)) - 1]
    return f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def opening(quote: str, words: int = OPENING_WORDS) -> str:
    parts = quote.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _d(c: Citation | dict) -> dict:
    return c if isinstance(c, dict) else c.model_dump()


def page_text(c: dict, lang: str = "nl") -> str | None:
    if not c.get("page"):
        return None
    return f"{FRAME[lang]['page']} {c['page']}" + (" (OCR)" if c.get("ocr") else "")


def where(c: Citation | dict, lang: str = "nl") -> str:
    c = _d(c)
    parts = [c["source"], page_text(c, lang), c.get("section")]
    return ", ".join(p for p in parts if p)


def ambiguous(cites: list) -> set[int]:
    """Numbers of the sources that share document, page and section with another of the same answer."""
    seen: dict[tuple, list[int]] = {}
    for c in map(_d, cites):
        seen.setdefault((c["document_id"], c.get("page"), c.get("section")), []).append(c["n"])
    return {n for ns in seen.values() if len(ns) > 1 for n in ns}


def source_line(c: Citation | dict, lang: str = "nl", *, distinguish: bool = False) -> str:
    """'[1] Rapportage Preventie met Gezag…, juni 2024, p. 4, Sectie' (and the quote's opening words when another
    source of the answer reads the same): the line under an answer, and what copying it gives."""
    c = _d(c)
    uploaded = ("uploaded" if lang == "en" else "geüpload") if c.get("origin") == "upload" else None
    parts = [short(c["document"], TITLE_CHARS), uploaded, long_date(c.get("date"), lang), page_text(c, lang),
             c.get("section")]
    line = f"[{c['n']}] " + ", ".join(p for p in parts if p)
    return line + (f": “{opening(c['quote'])}”" if distinguish and c.get("quote") else "")


def pick_label(c: Citation | dict, lang: str = "nl") -> str:
    """A short label for the list of sources in the panel: number, page and the quote's opening words."""
    c = _d(c)
    return " · ".join(p for p in (f"[{c['n']}]", page_text(c, lang), f"“{opening(c['quote'], 5)}”") if p)


def filters_text(filters: Filters | None, lang: str = "nl") -> str | None:
    if filters is None or filters.is_empty():
        return None
    f, a, b = FRAME[lang], filters.year_from, filters.year_to
    years = (str(a) if a == b else f["years"].format(a=a, b=b)) if a and b else \
        f["from"].format(a=a) if a else f["to"].format(b=b) if b else None
    return ", ".join(p for p in (filters.kind, filters.document, years) if p)


def shown_sources(answer: Answer) -> list[Citation]:
    """The sources under an answer: its citations, or for a refusal the related passages without repeats (one per
    document, section and quote)."""
    if answer.answered:
        return answer.citations
    seen, out = set(), []
    for c in answer.related:
        key = (c.document_id, c.section, c.quote[:120])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out[:3]


def list_items(answer: Answer) -> list[str] | None:
    """The items of a short answer that is a list ("Positieve ondersteuning [2]; Intensieve begeleiding [3]; ...",
    the items of an announced list joined by "; "), else None: not the parts of a question that asks two things,
    nor figures of documents that disagree, which are joined the same way."""
    lead = answer.lead or ""
    if not answer.answered or answer.conflict or answer.figures or kind_of(answer.question) != "list" \
            or len(split_question(answer.question)) > 1 or not answer.answer.startswith(lead):
        return None
    items = [item.strip() for item in lead.split("; ")]
    return items if len(items) >= 2 and all(items) else None


def answer_text(answer: Answer) -> str:
    """The answer's text as the chat shows it: a short answer that is a list as a Markdown bullet list (each item
    with a capital), the rest as the core wrote it."""
    items = list_items(answer)
    if items is None:
        return answer.answer
    bullets = "\n".join(f"- {item[:1].upper()}{item[1:]}" for item in items)
    return bullets + answer.answer[len(answer.lead):]


def render_answer(answer: Answer, text: str | None = None, *, sources: bool = True,
                  filters: Filters | None = None) -> str:
    """Markdown of one answer in the question's language: a label, the text (with its [n] markers), then the
    numbered sources written out, and the suggested questions (``answer.suggestions``, made from its passages and
    answered by the documents); a refusal shows the nearest passages' text and its suggestions."""
    lang = lang_of(answer.question)
    f = FRAME[lang]
    out = f"{f['answered'] if answer.answered else f['refused']}"
    if (searched := filters_text(filters, lang)) is not None:
        out += f" · _{f['filters']}: {searched}_"
    out += f"\n\n{answer_text(answer) if text is None else text}"
    if answer.note:
        out += f"\n\n*({answer.note})*"
    if not sources:
        return out
    cites = shown_sources(answer)
    if cites and answer.answered:
        same = ambiguous(cites)
        out += f"\n\n**{f['sources']}**\n\n" + "\n".join(
            f"- {source_line(c, lang, distinguish=c.n in same)}" for c in cites)
    elif cites:
        out += f"\n\n**{f['related']}**\n\n" + "\n".join(
            f"- {source_line(c, lang)}\n  > {short(' '.join(c.quote.split()), 240)}" for c in cites)
    if answer.suggestions:  # questions made from its passages, each answered by the documents: a click asks it
        head = f["more"] if answer.answered else f["try"]
        out += f"\n\n**{head}**\n\n" + "\n".join(f"- {q}" for q in answer.suggestions)
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


def meta_html(c: dict, settings: Settings, links=None) -> str:
    """One line of a passage's facts (the Voorbeelden tab's hits), with a link to the original when ``links``
    (``ui.links.Links``) is given."""
    rows = [("Document", c["document"]), ("Bestand", c["source"]), ("Pagina", c.get("page")),
            ("Sectie", c.get("section")), ("Soort", c.get("kind")), ("Datum", long_date(c.get("date")))]
    meta = " · ".join(f"{k}: <strong>{html.escape(str(v))}</strong>" for k, v in rows if v)
    if links is not None:
        url = links.url(c["document_id"], c.get("chunk_id", ""), c.get("quote", ""), c.get("page"))
        meta += f' · <a href="{html.escape(url)}" target="_blank" rel="noopener">origineel openen</a>'
    return meta


def source_panel(c: dict, chunk_text: str | None, url: str | None, lang: str = "nl") -> str:
    """The panel beside the chat for one source: title, kind, date, page, section, the passage in its surrounding
    text with the quote highlighted, and a link to the original (at the page, or at the passage)."""
    f = FRAME[lang]
    page = f"{c['page']}" + (" (OCR)" if c.get("ocr") else "") if c.get("page") else None
    facts = [(f["kind"], c.get("kind")), (f["date"], long_date(c.get("date"), lang)), (f["pagelabel"], page),
             (f["section"], c.get("section")), (f["file"], c["source"])]
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in facts if v)
    text = mark(chunk_text, c["quote"]) if chunk_text else (
        f"<em>{html.escape(f['gone'])}</em>\n\n<mark>{html.escape(c['quote'])}</mark>")
    link = ""
    if url:
        label = f["open_pdf"].format(page=c["page"]) if c.get("page") and c["source"].lower().endswith(".pdf") \
            else f["open_text"]
        link = (f'<a class="pmg-open" href="{html.escape(url)}" target="_blank" rel="noopener">'
                f'{html.escape(label)} ↗</a>')
    return (f'<article class="pmg-source" lang="{lang}"><p class="pmg-source-n">[{c["n"]}]</p>'
            f'<h3>{html.escape(c["document"])}</h3><dl class="pmg-facts">{rows}</dl>{link}'
            f'<div class="pmg-text">{text}</div></article>')


def panel_hint(lang: str = "nl", any_sources: bool = True) -> str:
    return f'<p class="pmg-hint"><em>{html.escape(FRAME[lang]["pick" if any_sources else "none"])}</em></p>'


def hits_html(hits: list[Citation], term: str, settings: Settings, links=None) -> str:
    if not hits:
        return "<p>Geen passages gevonden.</p>"
    out = []
    for c in hits:
        d = c.model_dump()
        note = ""
        if term.strip() and term.strip().lower() not in c.quote.lower():
            note = f" <em>(noemt {html.escape(term.strip())} niet)</em>"
        out.append(f'<div class="pmg-hit"><div class="pmg-meta">[{c.n}] {meta_html(d, settings, links)}{note}</div>'
                   f'<div class="pmg-text">{mark_term(c.quote, term)}</div></div>')
    return "\n".join(out)


def make_filters(kind: str | None, year: str | None) -> Filters | None:
    """Filters from the chat's controls: ``year`` is one year ('2024') or a range ('2023-2025', '2023-', '-2024')."""
    kind = kind if kind and kind != ALL else None
    m = re.fullmatch(r"\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*", str(year or ""))
    a, b = (m.group(1), m.group(3) if m.group(2) else m.group(1)) if m else (None, None)
    a, b = (int(a) if a else None), (int(b) if b else None)
    if a and b and a > b:
        a, b = b, a
    filters = Filters(kind=kind, year_from=a, year_to=b)
    return None if filters.is_empty() else filters


def year_range(year_from: str | None, year_to: str | None) -> str:
    """The chat's two year controls as one value for ``make_filters`` ('2023-2025', '2023-', '-2024', '')."""
    a = year_from if year_from and year_from != ALL else ""
    b = year_to if year_to and year_to != ALL else ""
    return f"{a}-{b}" if a or b else ""


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
