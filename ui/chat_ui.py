"""The Gradio chat (Dutch interface), mounted at / by ``ui.api.create_app``.

It calls the same core as the API (``Assistant.ask``, ``search``, ``documents``; uploads and deletes go through
``ingest.uploads.Uploads``, and only files in Gradio's own upload folder are taken) and only formats: an answer with its numbered sources, a refusal with a
distinct label and the related passages, the quoted passage in its surrounding text.
User errors are shown with ``gr.Error``, never as a traceback.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.errors import UserError
from assistant.settings import Settings
from assistant.types import Message
from ui.examples_tab import examples_tab
from ui.render import ALL, growing, make_filters, passage_html, plain, render_answer, source_line

EXAMPLES = [
    "Hoeveel jongeren zijn extra aangemeld voor AJB?",
    "Welke gemeenten hebben wijkrechtspraak?",
    "How many families take part in the family approach in Tilburg?",
    "Hoeveel gemeenten doen mee met de structurele aanpak?",
]
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


def gradio_auth(settings: Settings):
    """With PMG_API_KEY set the chat asks for a login: any user name, the key as password."""
    if not settings.api_key:
        return None
    key = settings.api_key.encode()
    return lambda _user, password: secrets.compare_digest((password or "").encode(), key)


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

        examples_tab(assistant, settings, kind, year)

        with gr.Tab("Documenten"):
            docs_table = gr.Dataframe(rows0, headers=["id", "titel", "soort", "datum", "bestand", "pagina's",
                                                      "passages"], interactive=False, wrap=True,
                                      elem_id="pmg-documents")
            refresh = gr.Button("Vernieuwen")
            if settings.api_key:
                upload = gr.File(label="Document uploaden (PDF, Word, .txt, .md of .html)", type="filepath",
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
