"""The Gradio chat (Dutch interface), mounted at / by ``ui.api.create_app``.

It calls the same core as the API (``Assistant.ask``, ``search``, ``documents``; uploads and deletes go through
``ingest.uploads.Uploads``, and only files in Gradio's own upload folder are taken) and only formats: an answer with its numbered sources, a refusal with a
distinct label and the related passages, the quoted passage in its surrounding text.
User errors are shown with ``gr.Error``, never as a traceback.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import time
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.errors import UserError
from assistant.settings import Settings
from assistant.types import Answer, Citation, Filters, Message

ALL = "Alle"
ALL_THEMES = "Alle thema's"
EXAMPLES = [
    "Hoeveel jongeren zijn extra aangemeld voor AJB?",
    "Welke gemeenten hebben wijkrechtspraak?",
    "How many families take part in the family approach in Tilburg?",
    "Hoeveel gemeenten doen mee met de structurele aanpak?",
]
# The five themes of the learning networks, with the words searched for each (the section titles of the report).
THEMES = {
    "Onderwijs": "onderwijs school",
    "Werk en inkomen": "werk en inkomen",
    "Persoonlijke ontwikkeling": "persoonlijke en psychologische ontwikkeling",
    "Sociaal netwerk": "sociale netwerk familie gezin",
    "Criminaliteit en re-integratie": "criminaliteit en re-integratie",
}
STREAM_PAUSE_S = 0.03  # between the pieces of a streamed answer

CSS = """
.pmg-badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 0.85em; font-weight: 600; }
.pmg-answered { background: #e3f4e8; color: #14532d; }
.pmg-refusal { background: #fdecc8; color: #7c2d12; }
.pmg-passage { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 12px; }
.pmg-meta { font-size: 0.9em; margin-bottom: 8px; color: var(--body-text-color-subdued); }
.pmg-text { white-space: pre-wrap; line-height: 1.5; }
.pmg-text mark, .pmg-hit mark { background: #fff3a3; color: inherit; padding: 0 2px; }
.pmg-hit { border-bottom: 1px solid var(--border-color-primary); padding: 10px 0; }
.pmg-hit .pmg-text { max-height: 14em; overflow-y: auto; }
"""
BADGE_ANSWERED = ('<span class="pmg-badge pmg-answered" style="background:#e3f4e8;color:#14532d">'
                  'Uit de documenten</span>')
BADGE_REFUSED = ('<span class="pmg-badge pmg-refusal" style="background:#fdecc8;color:#7c2d12">'
                 'Niet in de documenten</span>')


def gradio_auth(settings: Settings):
    """With PMG_API_KEY set the chat asks for a login: any user name, the key as password."""
    if not settings.api_key:
        return None
    key = settings.api_key.encode()
    return lambda _user, password: secrets.compare_digest((password or "").encode(), key)


# --- formatting ------------------------------------------------------------------------------------------


def where(c: Citation | dict) -> str:
    c = c if isinstance(c, dict) else c.model_dump()
    parts = [c["source"], f"p. {c['page']}" if c.get("page") else None, c.get("section")]
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


# --- the app ---------------------------------------------------------------------------------------------


def uploaded_file(path: str) -> Path:
    """A file the browser uploaded: it must lie in Gradio's upload folder. An event called by hand (``fn_index``)
    can name any path on the server, and Gradio's own check of allowed paths does not run in a mounted app."""
    from gradio.utils import get_upload_folder

    folder = Path(get_upload_folder()).resolve()
    file = Path(path).resolve()
    if not file.is_relative_to(folder) or not file.is_file():
        raise UserError("Only a file uploaded through this form can be added.")
    return file


def build_ui(assistant, settings: Settings, uploads=None) -> gr.Blocks:
    def documents_view():
        """(status text, kind choices, year choices, table rows, document ids)."""
        try:
            docs = assistant.documents()
        except UserError as exc:
            return f"⚠️ {exc}", [ALL], [ALL], [], []
        kinds = sorted({d.kind for d in docs if d.kind})
        years = sorted({str(d.year) for d in docs if d.year}, reverse=True)
        rows = [[d.id, d.title, d.kind or "", d.date or "", d.source, d.pages or "", d.chunks] for d in docs]
        status = f"{len(docs)} document{'en' if len(docs) != 1 else ''} in de index."
        return status, [ALL] + kinds, [ALL] + years, rows, [d.id for d in docs]

    status0, kinds0, years0, rows0, ids0 = documents_view()

    with gr.Blocks(title="Preventie met Gezag – assistent", analytics_enabled=False) as demo:
        history = gr.State([])  # the plain turns ({"role", "content"}) that Assistant.ask gets as history
        cites = gr.State([])  # the sources (or related passages) of the last answer, as dicts
        gr.Markdown("# Preventie met Gezag — vraag het de documenten\n"
                    "Antwoorden komen letterlijk uit de programmadocumenten, met genummerde bronnen. "
                    "Staat het er niet in, dan zegt de assistent dat.")
        status = gr.Markdown(status0, elem_id="pmg-status")

        with gr.Tab("Chat"):
            with gr.Row():
                kind = gr.Dropdown(kinds0, value=ALL, label="Soort document", elem_id="pmg-kind")
                year = gr.Dropdown(years0, value=ALL, label="Jaar", elem_id="pmg-year")
            chatbot = gr.Chatbot(label="Gesprek", height=460, elem_id="pmg-chat", buttons=["copy"],
                                 feedback_options=None, placeholder="Stel hieronder een vraag, of kies een voorbeeld.")
            with gr.Row():
                question = gr.Textbox(placeholder="Stel een vraag over Preventie met Gezag…", show_label=False,
                                      scale=6, elem_id="pmg-question", autofocus=True)
                send = gr.Button("Vraag", variant="primary", scale=1, elem_id="pmg-send")
                clear = gr.Button("Nieuw gesprek", scale=1, elem_id="pmg-clear")
            gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="Voorbeeldvragen")
            with gr.Accordion("Bron openen", open=True):
                source_pick = gr.Radio([], label="Bronnen bij het laatste antwoord", elem_id="pmg-sources")
                passage = gr.HTML("<p><em>Kies een bron om de passage in haar context te lezen.</em></p>",
                                  elem_id="pmg-passage")

        with gr.Tab("Voorbeelden"):
            gr.Markdown("Voor hosts van de lerende netwerken: zoek concrete voorbeelden per thema en gemeente. "
                        "Elke vondst staat er met document, pagina en sectie.")
            with gr.Row():
                theme = gr.Dropdown([ALL_THEMES, *THEMES], value="Onderwijs", label="Thema", elem_id="pmg-theme")
                municipality = gr.Textbox(label="Gemeente", placeholder="bijv. Tilburg, Rotterdam, Heerlen",
                                          elem_id="pmg-municipality")
                words = gr.Textbox(label="Zoekwoorden (optioneel)", placeholder="bijv. school, baan, familie")
            find = gr.Button("Zoek voorbeelden", variant="primary", elem_id="pmg-find")
            found = gr.HTML(elem_id="pmg-found")

        with gr.Tab("Documenten"):
            docs_table = gr.Dataframe(rows0, headers=["id", "titel", "soort", "datum", "bestand", "pagina's",
                                                      "passages"], interactive=False, wrap=True,
                                      elem_id="pmg-documents")
            refresh = gr.Button("Vernieuwen")
            if settings.api_key:
                upload = gr.File(label="Document uploaden (PDF, .txt, .md of .html)", type="filepath",
                                 file_types=[".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"])
                replace = gr.Checkbox(False, label="Vervang het geüploade document met dezelfde naam")
                upload_btn = gr.Button("Uploaden en indexeren", variant="primary")
                upload_result = gr.Markdown()
                with gr.Row():
                    to_delete = gr.Dropdown(ids0, label="Document verwijderen", value=None)
                    delete_btn = gr.Button("Verwijderen", variant="stop")
            else:
                gr.Markdown("Uploaden en verwijderen kan alleen als de beheerder een API-sleutel instelt "
                            "(PMG_API_KEY); nu staat de index vast. Documenten toevoegen kan ook met "
                            "`pmg ingest`.")

        # --- events -------------------------------------------------------------------------------------

        def ask(message: str, chat: list, hist: list, kind_v: str, year_v: str):
            message = (message or "").strip()
            chat = [{"role": m["role"], "content": plain(m["content"])} for m in (chat or [])]
            try:
                answer = assistant.ask(message, history=[Message(**m) for m in hist or []],
                                       filters=make_filters(kind_v, year_v))
            except UserError as exc:
                raise gr.Error(str(exc), title="Fout", print_exception=False) from None
            chat += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
            for shown in growing(answer.answer):
                chat[-1]["content"] = render_answer(answer, shown, sources=False)
                yield chat, hist, [], gr.update(choices=[], value=None), gr.update(), ""
                time.sleep(STREAM_PAUSE_S)
            chat[-1]["content"] = render_answer(answer)
            hist = (hist or []) + [{"role": "user", "content": message},
                                   {"role": "assistant", "content": answer.answer}]
            sources = [c.model_dump() for c in (answer.citations if answer.answered else answer.related)]
            choices = [(source_line(c), str(c["n"])) for c in sources]
            hint = ("<p><em>Kies een bron om de passage in haar context te lezen.</em></p>" if sources
                    else "<p><em>Geen bronnen bij dit antwoord.</em></p>")
            yield chat, hist, sources, gr.update(choices=choices, value=None), hint, ""

        def check(message: str) -> None:
            """The core's own question check, first: its message shows as a toast, and the chat stays as it is."""
            try:
                assistant.check_question(message)
            except UserError as exc:
                raise gr.Error(str(exc), title="Fout", print_exception=False) from None

        ask_outputs = [chatbot, history, cites, source_pick, passage, question]
        ask_inputs = [question, chatbot, history, kind, year]
        question.submit(check, question, None, api_visibility="private", show_progress="hidden").success(
            ask, ask_inputs, ask_outputs, api_name="ask", show_progress="hidden")
        send.click(check, question, None, api_visibility="private", show_progress="hidden").success(
            ask, ask_inputs, ask_outputs, api_visibility="private", show_progress="hidden")

        def new_chat():
            return [], [], [], gr.update(choices=[], value=None), \
                "<p><em>Kies een bron om de passage in haar context te lezen.</em></p>"

        clear.click(new_chat, None, [chatbot, history, cites, source_pick, passage], api_visibility="private")

        def open_source(choice: str | None, sources: list):
            c = next((c for c in sources or [] if str(c["n"]) == str(choice)), None)
            if c is None:
                return gr.update()
            try:
                return passage_html(assistant, c, settings)
            except UserError as exc:
                raise gr.Error(str(exc), title="Fout", print_exception=False) from None

        source_pick.change(open_source, [source_pick, cites], passage, api_name="open_source")

        def find_examples(theme_v: str, place: str, extra: str, kind_v: str, year_v: str) -> str:
            place = (place or "").strip()
            query = " ".join(p for p in (THEMES.get(theme_v, ""), place, (extra or "").strip()) if p)
            if not query:
                return "<p>Kies een thema of vul een gemeente of zoekwoord in.</p>"
            try:
                hits = assistant.search(query, make_filters(kind_v, year_v), k=8)
            except UserError as exc:
                raise gr.Error(str(exc), title="Fout", print_exception=False) from None
            return hits_html(hits, place, settings)

        find.click(find_examples, [theme, municipality, words, kind, year], found, api_name="examples")
        municipality.submit(find_examples, [theme, municipality, words, kind, year], found,
                            api_visibility="private")

        def refresh_all():
            text, kinds, years, rows, ids = documents_view()
            outs = [text, gr.update(choices=kinds), gr.update(choices=years), rows]
            if settings.api_key:
                outs.append(gr.update(choices=ids, value=None))
            return outs

        refresh_outputs = [status, kind, year, docs_table] + ([to_delete] if settings.api_key else [])
        refresh.click(refresh_all, None, refresh_outputs, api_name="documents")
        demo.load(refresh_all, None, refresh_outputs, api_visibility="private")

        if settings.api_key and uploads is not None:
            def do_upload(path: str | None, replace_v: bool, progress=gr.Progress()):
                if not path:
                    return ["⚠️ Kies eerst een bestand.", gr.skip()] + [gr.skip()] * len(refresh_outputs)
                try:
                    file = uploaded_file(path)
                    job = uploads.submit(file.name, file.read_bytes(), replace=bool(replace_v))
                    while job.status in ("queued", "running"):
                        progress(job.progress, desc=f"{job.file} indexeren")
                        job = uploads.wait(job.id, timeout=0.5)
                except UserError as exc:
                    return [f"⚠️ {exc}", None] + [gr.skip()] * len(refresh_outputs)
                if job.status == "failed":
                    return [f"⚠️ {job.file}: {job.message}", None] + [gr.skip()] * len(refresh_outputs)
                verb = "vervangen" if job.replaces else "geïndexeerd"
                msg = f"**{job.file}** {verb} als `{job.document_id}`"
                if job.report:
                    msg += (f": {job.report.documents} documenten, {job.report.chunks} passages in de index.")
                return [msg, None] + refresh_all()

            upload_btn.click(do_upload, [upload, replace], [upload_result, upload] + refresh_outputs,
                             api_visibility="private")

            def do_delete(doc_id: str | None):
                if not doc_id:
                    return ["⚠️ Kies eerst een document."] + [gr.skip()] * len(refresh_outputs)
                try:
                    record, file_deleted = uploads.delete(doc_id)
                except UserError as exc:
                    return [f"⚠️ {exc}"] + [gr.skip()] * len(refresh_outputs)
                msg = f"`{record.id}` verwijderd" + (" (ook het bestand)." if file_deleted else ".")
                return [msg] + refresh_all()

            delete_btn.click(do_delete, to_delete, [upload_result] + refresh_outputs, api_visibility="private")

    demo.queue(default_concurrency_limit=2)
    return demo
