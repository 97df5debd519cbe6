"""The Documenten tab of the chat: the indexed documents as a readable table with a link to open each, and (with
PMG_API_KEY set) upload and delete through ``ingest.uploads.Uploads``; only files in Gradio's own upload folder
are taken."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.errors import UserError
from assistant.settings import Settings
from ui.render import long_date, short

ACCEPTED = [".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"]


def uploaded_file(path: str) -> Path:
    """A file the browser uploaded: it must lie in Gradio's upload folder. An event called by hand (``fn_index``)
    can name any path on the server, and Gradio's own check of allowed paths does not run in a mounted app."""
    from gradio.utils import get_upload_folder

    folder = Path(get_upload_folder()).resolve()
    file = Path(path).resolve()
    if not file.is_relative_to(folder) or not file.is_file():
        raise UserError(code="only_uploaded_file")
    return file


def docs_html(docs: list, links) -> str:
    """The documents as an HTML table: title (a link to open it), kind, date, pages, passages, file."""
    if not docs:
        return "<p>Nog geen documenten in de index.</p>"
    head = ("<thead><tr><th>Titel</th><th class=opt>Soort</th><th>Datum</th><th class=opt>Pagina's</th>"
            "<th class=opt>Passages</th><th class=opt>Bestand</th></tr></thead>")
    rows = []
    for d in docs:
        url = html.escape(links.url(d.id))
        title = html.escape(short(d.title, 140))
        kind = html.escape(d.kind or "")
        rows.append(f'<tr><td><a href="{url}" target="_blank" rel="noopener">{title}</a>'
                    f'<div class="pmg-kind-m">{kind}</div></td>'
                    f"<td class=opt>{kind}</td><td class=date>{html.escape(long_date(d.date) or '')}</td>"
                    f"<td class='num opt'>{d.pages or ''}</td><td class='num opt'>{d.chunks}</td>"
                    f"<td class='id opt'>{html.escape(d.source)}</td></tr>")
    return f'<table class="pmg-docs">{head}<tbody>{"".join(rows)}</tbody></table>'


@dataclass
class DocumentsTab:
    table: gr.HTML
    refresh: gr.Button
    upload: gr.File | None = None
    replace: gr.Checkbox | None = None
    upload_btn: gr.Button | None = None
    result: gr.Markdown | None = None
    to_delete: gr.Dropdown | None = None
    delete_btn: gr.Button | None = None


def documents_tab(settings: Settings, table0: str, ids0: list[str]) -> DocumentsTab:
    with gr.Tab("Documenten"):
        tab = DocumentsTab(gr.HTML(table0, elem_id="pmg-documents"), gr.Button("Vernieuwen", size="sm"))
        if settings.api_key:
            tab.upload = gr.File(label="Document uploaden (PDF, Word, .txt, .md of .html)", type="filepath",
                                 file_types=ACCEPTED)
            tab.replace = gr.Checkbox(False, label="Vervang het geüploade document met dezelfde naam")
            tab.upload_btn = gr.Button("Uploaden en indexeren", variant="primary")
            tab.result = gr.Markdown()
            with gr.Row():
                tab.to_delete = gr.Dropdown(ids0, label="Document verwijderen", value=None)
                tab.delete_btn = gr.Button("Verwijderen", variant="stop")
        else:
            gr.Markdown("Uploaden en verwijderen kan alleen als de beheerder een API-sleutel instelt; nu staat de "
                        "index vast. Documenten toevoegen kan ook met `pmg ingest`.")
    return tab


def wire_uploads(tab: DocumentsTab, uploads, refresh_all, refresh_outputs: list) -> None:
    """The upload and delete events (only with a key and an uploads object)."""
    skip = [gr.skip()] * len(refresh_outputs)

    def do_upload(path: str | None, replace_v: bool, progress=gr.Progress()):
        if not path:
            return ["⚠️ Kies eerst een bestand.", gr.skip()] + skip
        try:
            file = uploaded_file(path)
            job = uploads.submit(file.name, file.read_bytes(), replace=bool(replace_v))
            while job.status in ("queued", "running"):
                progress(job.progress, desc=f"{job.file} indexeren")
                job = uploads.wait(job.id, timeout=0.5)
        except UserError as exc:
            return [f"⚠️ {exc.text('nl')}", None] + skip
        if job.status == "failed":  # a failure with a code in Dutch (it names the file); else the file and why
            text = UserError(job.message or "", code=job.code, **job.params).text("nl") if job.code else \
                f"{job.file}: {job.message}"
            return [f"⚠️ {text}", None] + skip
        verb = "vervangen" if job.replaces else "geïndexeerd"
        msg = f"**{job.file}** {verb} als `{job.document_id}`"
        if job.report:
            msg += f": {job.report.documents} documenten, {job.report.chunks} passages in de index."
        return [msg, None] + refresh_all()

    tab.upload_btn.click(do_upload, [tab.upload, tab.replace], [tab.result, tab.upload] + refresh_outputs,
                         api_visibility="private")

    def do_delete(doc_id: str | None):
        if not doc_id:
            return ["⚠️ Kies eerst een document."] + skip
        try:
            record, file_deleted = uploads.delete(doc_id)
        except UserError as exc:
            return [f"⚠️ {exc.text('nl')}"] + skip
        msg = f"`{record.id}` verwijderd" + (" (ook het bestand)." if file_deleted else ".")
        return [msg] + refresh_all()

    tab.delete_btn.click(do_delete, tab.to_delete, [tab.result] + refresh_outputs, api_visibility="private")
