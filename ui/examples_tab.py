"""The Voorbeelden tab of the chat: concrete examples per theme and municipality, for learning-network hosts."""

from __future__ import annotations

import gradio as gr

from assistant.errors import UserError
from assistant.settings import Settings
from ui.render import hits_html, make_filters

ALL_THEMES = "Alle thema's"
# The five themes of the learning networks, with the words searched for each (the section titles of the report).
THEMES = {
    "Onderwijs": "onderwijs school",
    "Werk en inkomen": "werk en inkomen",
    "Persoonlijke ontwikkeling": "persoonlijke en psychologische ontwikkeling",
    "Sociaal netwerk": "sociale netwerk familie gezin",
    "Criminaliteit en re-integratie": "criminaliteit en re-integratie",
}


def examples_tab(assistant, settings: Settings, kind: gr.Dropdown, year: gr.Dropdown) -> None:
    """The tab's components and events, inside the caller's ``gr.Blocks``; ``kind`` and ``year`` are the chat's
    document filters, which narrow the examples too."""
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
    municipality.submit(find_examples, [theme, municipality, words, kind, year], found, api_visibility="private")
