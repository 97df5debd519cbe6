"""The Gradio chat (Dutch interface), mounted at / by ``ui.api.create_app``.

It calls the same core as the API (``Assistant.ask``, ``search``, ``documents``) and only formats: an answer as
plain Markdown with its numbered sources written out (what copying it gives), in the question's language; a
source panel beside the chat (below it on a phone) that opens any source of any answer of the conversation when
its [n] is clicked, with the passage in its surrounding text and a signed link to the original (``ui.links``);
a refusal with the nearest passages; under every answer the questions its passages answer (a click asks them)
and thumbs whose verdict, with an optional remark, goes to the feedback file (``assistant.feedback``). User errors are shown with ``gr.Error`` in
the question's language, never as a traceback. Layout assets: ``ui.chat_assets``; the Documenten tab:
``ui.documents_tab``; formatting: ``ui.render``.
"""

from __future__ import annotations

import html
import os
import secrets
import tempfile
import time
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant import feedback
from assistant.errors import UserError
from assistant.settings import Settings
from assistant.types import Message
from ui.chat_assets import CSS, HEAD_JS, I18N  # noqa: F401  (CSS and the rest: for ui.api's mount)
from ui.documents_tab import docs_html, documents_tab, uploaded_file, wire_uploads  # noqa: F401
from ui.examples_tab import examples_tab
from ui.links import Links
from ui.render import (ALL, answer_text, filters_text, growing, lang_of, make_filters, panel_hint, pick_label, plain,
                       render_answer, shown_sources, source_panel, year_range)

EXAMPLES = [
    "Hoeveel jongeren zijn extra aangemeld voor AJB?",
    "Welke gemeenten hebben wijkrechtspraak?",
    "How many families take part in the family approach in Tilburg?",
    "Hoeveel gemeenten doen mee met de structurele aanpak?",
]
STREAM_PAUSE_S = 0.03  # between the pieces of a streamed answer
ERROR_TITLE = {"nl": "Fout", "en": "Error"}


def gradio_auth(settings: Settings):
    """With PMG_API_KEY set the chat asks for a login: any user name, the key as password."""
    if not settings.api_key:
        return None
    key = settings.api_key.encode()
    return lambda _user, password: secrets.compare_digest((password or "").encode(), key)


def fail(exc: UserError, lang: str = "nl") -> gr.Error:
    return gr.Error(exc.text(lang), title=ERROR_TITLE.get(lang, "Fout"), print_exception=False)


def export_markdown(chat: list) -> str:
    """The conversation as Markdown: each question as a heading, each answer with its sources written out."""
    out = ["# Gesprek met de vraagbaak Preventie met Gezag", ""]
    for m in chat or []:
        text = plain(m["content"]).strip()
        out += ([f"## {text}", ""] if m["role"] == "user" else [text, ""])
    return "\n".join(out)


# --- the app ---------------------------------------------------------------------------------------------


def build_ui(assistant, settings: Settings, uploads=None, links: Links | None = None) -> gr.Blocks:
    links = links or Links(settings)

    def documents_view():
        """(status text, kind choices, year choices, documents table, document ids)."""
        try:
            docs = assistant.documents()
        except UserError as exc:
            return f"⚠️ {exc.text('nl')}", [ALL], [ALL], "", []
        kinds = sorted({d.kind for d in docs if d.kind})
        years = sorted({str(d.year) for d in docs if d.year}, reverse=True)
        status = f"{len(docs)} document{'en' if len(docs) != 1 else ''} in de index."
        return status, [ALL] + kinds, [ALL] + years, docs_html(docs, links), [d.id for d in docs]

    status0, kinds0, years0, table0, ids0 = documents_view()

    with gr.Blocks(title="Preventie met Gezag – vraagbaak", analytics_enabled=False) as demo:
        rated = gr.State(None)  # the feedback last given (its id, for a remark)
        history = gr.State([])  # the plain turns ({"role", "content"}) that Assistant.ask gets as history
        turns = gr.State([])  # per answer of the conversation: its sources (or related passages), as dicts
        with gr.Row(equal_height=False):
            gr.Markdown("# Preventie met Gezag — vraag het de documenten\n"
                        "Antwoorden komen letterlijk uit de programmadocumenten, met genummerde bronnen. "
                        "Staat het er niet in, dan zegt de vraagbaak dat.", elem_id="pmg-header")
        status = gr.Markdown(status0, elem_id="pmg-status")

        with gr.Tab("Chat"):
            with gr.Accordion("Filters", open=False, elem_id="pmg-filters"):
                with gr.Row():
                    kind = gr.Dropdown(kinds0, value=ALL, label="Soort document", elem_id="pmg-kind", min_width=160)
                    year_from = gr.Dropdown(years0, value=ALL, label="Vanaf jaar", elem_id="pmg-year-from",
                                            min_width=110)
                    year_to = gr.Dropdown(years0, value=ALL, label="Tot en met jaar", elem_id="pmg-year-to",
                                          min_width=110)
            active = gr.Markdown("", elem_id="pmg-active")
            years = gr.Textbox("", visible=False)  # the year range as one value (the Voorbeelden tab's filter too)
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=320):
                    chatbot = gr.Chatbot(show_label=False, height=440, elem_id="pmg-chat", buttons=["copy"],
                                         layout="panel", feedback_options=("Like", "Dislike"), autoscroll=True,
                                         placeholder="Stel hieronder een vraag, of kies een voorbeeld.")
                    with gr.Row():
                        question = gr.Textbox(placeholder="Stel een vraag over Preventie met Gezag…",
                                              show_label=False, scale=6, elem_id="pmg-question", autofocus=False,
                                              lines=1, max_lines=6)
                        send = gr.Button("Vraag", variant="primary", scale=1, min_width=70, elem_id="pmg-send")
                    with gr.Group(visible=False, elem_id="pmg-remark") as remark_box:
                        remark = gr.Textbox(label="Opmerking bij uw beoordeling (optioneel)", lines=2, max_lines=6,
                                            max_length=feedback.MAX_REMARK, elem_id="pmg-remark-text",
                                            placeholder="Wat klopte er niet, of wat miste u?")
                        remark_send = gr.Button("Opmerking versturen", size="sm", elem_id="pmg-remark-send")
                    thanks = gr.Markdown("", elem_id="pmg-thanks")
                    gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="Voorbeeldvragen")
                    with gr.Row():
                        clear = gr.Button("Nieuw gesprek", size="sm", elem_id="pmg-clear")
                        export = gr.Button("Gesprek exporteren (Markdown)", size="sm", elem_id="pmg-export")
                    exported = gr.File(label="Gesprek als Markdown", visible=False, elem_id="pmg-exported")
                with gr.Column(scale=2, min_width=300, elem_id="pmg-panel"):
                    gr.Markdown("### Bron")
                    source_pick = gr.Radio([], label="Bronnen bij dit antwoord", elem_id="pmg-sources")
                    passage = gr.HTML(panel_hint(), elem_id="pmg-passage")
            ref = gr.Textbox("", elem_id="pmg-ref", elem_classes=["pmg-hidden"], show_label=False)
            ref_go = gr.Button("bron", elem_id="pmg-ref-go", elem_classes=["pmg-hidden"])

        examples_tab(assistant, settings, kind, years)
        docs = documents_tab(settings, table0, ids0)

        # --- events -------------------------------------------------------------------------------------

        def check(message: str) -> None:
            """The core's own question check, first: its message shows as a toast, and the chat stays as it is."""
            try:
                assistant.check_question(message)
            except UserError as exc:
                raise fail(exc, lang_of(message if isinstance(message, str) else "")) from None

        def ask(message: str, chat: list, hist: list, all_turns: list, kind_v: str, years_v: str):
            message = (message or "").strip()
            chat = [{"role": m["role"], "content": plain(m["content"])} for m in (chat or [])]
            filters = make_filters(kind_v, years_v)
            try:
                answer = assistant.ask(message, history=[Message(**m) for m in hist or []], filters=filters)
            except UserError as exc:
                raise fail(exc, lang_of(message)) from None
            lang = lang_of(answer.question)
            chat += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
            for shown in growing(answer_text(answer)):  # a list already as a list while it streams in
                chat[-1]["content"] = render_answer(answer, shown, sources=False, filters=filters)
                yield chat, hist, all_turns, gr.update(), gr.update(), "", "", gr.update(visible=False)
                time.sleep(STREAM_PAUSE_S)
            chat[-1]["content"] = render_answer(answer, filters=filters)
            hist = (hist or []) + [{"role": "user", "content": message},
                                   {"role": "assistant", "content": answer.answer}]
            sources = [c.model_dump() for c in shown_sources(answer)]
            all_turns = (all_turns or []) + [{"lang": lang, "sources": sources, "question": answer.question,
                                              "answered": answer.answered,
                                              "lead": answer.lead or answer.answer.split("\n")[0][:feedback.MAX_LEAD],
                                              "cited": [{"document_id": c["document_id"], "page": c.get("page")}
                                                        for c in sources if answer.answered]}]
            turn = len(all_turns) - 1
            choices = [(pick_label(c, lang), f"{turn}:{c['n']}") for c in sources]
            yield (chat, hist, all_turns, gr.update(choices=choices, value=None), panel_hint(lang, bool(sources)), "",
                   "", gr.update(visible=False))  # the thanks for an earlier rating go with a new question

        ask_outputs = [chatbot, history, turns, source_pick, passage, question, thanks, remark_box]
        ask_inputs = [question, chatbot, history, turns, kind, years]
        question.submit(check, question, None, api_visibility="private", show_progress="hidden").success(
            ask, ask_inputs, ask_outputs, api_name="ask", show_progress="hidden")
        send.click(check, question, None, api_visibility="private", show_progress="hidden").success(
            ask, ask_inputs, ask_outputs, api_visibility="private", show_progress="hidden")

        def open_ref(value: str, all_turns: list):
            """Source ``"<answer>:<n>"`` of the conversation in the panel, and that answer's sources to pick from."""
            turn, _, n = (value or "").partition(":")
            if not turn.isdigit() or not n.isdigit() or int(turn) >= len(all_turns or []):
                return gr.update(), gr.update()
            entry = all_turns[int(turn)]
            c = next((c for c in entry["sources"] if c["n"] == int(n)), None)
            if c is None:
                return gr.update(), gr.update()
            lang = entry["lang"]
            chunk = assistant.store.get_chunks([c["chunk_id"]]).get(c["chunk_id"])
            url = links.url(c["document_id"], c["chunk_id"], c["quote"], c.get("page")) if chunk else None
            choices = [(pick_label(s, lang), f"{turn}:{s['n']}") for s in entry["sources"]]
            return (gr.update(choices=choices, value=f"{turn}:{n}"),
                    source_panel(c, chunk.text if chunk else None, url, lang))

        ref_go.click(open_ref, [ref, turns], [source_pick, passage], api_name="open_source",
                     show_progress="hidden")
        source_pick.input(open_ref, [source_pick, turns], [source_pick, passage], api_visibility="private",
                          show_progress="hidden")

        def rate(all_turns: list, data: gr.LikeData):
            """A thumb under answer n: its verdict is written at once; a remark may follow."""
            index = data.index if isinstance(data.index, int) else data.index[0]
            turn = index // 2  # the chat holds question, answer, question, answer ...
            if data.liked not in (True, False) or turn >= len(all_turns or []):
                return None, gr.update(visible=False), ""
            entry = all_turns[turn]
            given = feedback.FeedbackIn(question=entry["question"], answer_lead=entry["lead"],
                                        answered=entry["answered"], cited=entry["cited"][:feedback.MAX_CITED],
                                        verdict="helpful" if data.liked else "not_helpful")
            lang = entry["lang"]
            try:
                saved = feedback.record(settings, given)
            except UserError as exc:
                raise fail(exc, lang) from None
            thanks_text = "Dank u, uw beoordeling is bewaard." if lang == "nl" else "Thank you, your rating was saved."
            return saved.model_dump(), gr.update(visible=True), thanks_text

        chatbot.like(rate, turns, [rated, remark_box, thanks], api_visibility="private", show_progress="hidden")

        def send_remark(text: str, last: dict | None):
            if not last or not (text or "").strip():
                return last, gr.update(), gr.update(), ""
            try:
                saved = feedback.record(settings, feedback.FeedbackIn(**(
                    {k: v for k, v in last.items() if k != "time"} | {"remark": text.strip()})))
            except (UserError, ValueError) as exc:
                raise fail(exc if isinstance(exc, UserError) else UserError(str(exc)), lang_of(last["question"])) \
                    from None
            done = "Dank u, uw opmerking is bewaard." if lang_of(last["question"]) == "nl" else "Thank you, your remark was saved."
            return saved.model_dump(), "", gr.update(visible=False), done

        remark_send.click(send_remark, [remark, rated], [rated, remark, remark_box, thanks], api_visibility="private",
                          show_progress="hidden")

        def new_chat():
            return [], [], [], gr.update(choices=[], value=None), panel_hint(), gr.update(value=None, visible=False)

        clear.click(new_chat, None, [chatbot, history, turns, source_pick, passage, exported],
                    api_visibility="private")
        chatbot.clear(new_chat, None, [chatbot, history, turns, source_pick, passage, exported],
                      api_visibility="private")  # the chat's own wastebasket: the conversation starts anew too

        def do_export(chat: list):
            if not chat:
                return gr.update(value=None, visible=False)
            folder = Path(tempfile.mkdtemp(prefix="pmg-gesprek-"))
            path = folder / f"gesprek-{time.strftime('%Y-%m-%d-%H%M')}.md"
            path.write_text(export_markdown(chat), encoding="utf-8")
            return gr.update(value=str(path), visible=True)

        export.click(do_export, chatbot, exported, api_name="export")

        def show_filters(kind_v: str, a: str, b: str):
            span = year_range(a, b)
            text = filters_text(make_filters(kind_v, span))
            chips = "" if text is None else "Gezocht in: " + " ".join(
                f'<span class="pmg-chip">{html.escape(part)}</span>' for part in text.split(", "))
            return span, chips

        for control in (kind, year_from, year_to):
            control.change(show_filters, [kind, year_from, year_to], [years, active], api_visibility="private",
                           show_progress="hidden")

        def refresh_all():
            text, kinds, years_, table, ids = documents_view()
            outs = [text, gr.update(choices=kinds), gr.update(choices=years_), gr.update(choices=years_), table]
            if settings.api_key:
                outs.append(gr.update(choices=ids, value=None))
            return outs

        refresh_outputs = [status, kind, year_from, year_to, docs.table] + ([docs.to_delete] if settings.api_key
                                                                              else [])
        docs.refresh.click(refresh_all, None, refresh_outputs, api_name="documents")
        demo.load(refresh_all, None, refresh_outputs, api_visibility="private")

        if settings.api_key and uploads is not None:
            wire_uploads(docs, uploads, refresh_all, refresh_outputs)

    demo.queue(default_concurrency_limit=2)
    return demo
