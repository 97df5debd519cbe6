"""The Voorbeelden tab of the chat: the catalogue of concrete examples per municipality and theme, for the hosts
of the learning networks.

Facets (theme and municipality, each choice with its count), a matrix of municipalities x themes (a click on a
cell filters on that municipality and theme), one card per example (municipality, intervention, figures, summary,
source with page), an explicit empty state, and the current selection as CSV and Markdown downloads with the
citations. Everything comes from ``assistant.catalogue.select``, as ``GET /api/examples`` does.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import gradio as gr

from assistant import catalogue
from assistant.errors import UserError
from assistant.settings import Settings

ALL_THEMES = "Alle thema's"
ALL_PLACES = "Alle gemeenten"
ALL = "Alle"  # the chat's "any kind / any year" (ui.render.ALL)
SHORT = {"onderwijs": "Onderwijs", "werk en inkomen": "Werk en inkomen",
         "persoonlijke en psychologische ontwikkeling": "Persoonlijke ontwikkeling", "sociale netwerk": "Sociaal netwerk",
         "criminaliteit en re-integratie": "Criminaliteit en re-integratie", "zorg en veiligheid": "Zorg en veiligheid"}
CSS = """
.pmg-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.pmg-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 12px; }
.pmg-card h4 { margin: 0 0 4px 0; } .pmg-card .pmg-theme { font-size: 0.85em; color: var(--body-text-color-subdued); }
.pmg-fig { display: inline-block; background: #e8f0fe; color: #1e3a8a; border-radius: 999px; padding: 1px 8px;
           margin: 2px 4px 2px 0; font-size: 0.85em; }
.pmg-card blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; font-size: 0.9em; }
.pmg-empty { padding: 16px; border: 1px dashed var(--border-color-primary); border-radius: 8px; }
"""


def _filters(kind: str | None, years: str | None) -> tuple[str | None, int | None, int | None]:
    """The chat's kind and year range ('2024', '2023-2025', '2023-', '-2024'; ui.render.make_filters reads the same)."""
    from ui.render import make_filters

    f = make_filters(kind, years)
    return (f.kind, f.year_from, f.year_to) if f else (None, None, None)


def card_html(e: catalogue.Example, settings: Settings) -> str:
    c = e.citation
    esc = html.escape
    figures = "".join(f'<span class="pmg-fig">{esc(f)}</span>' for f in e.figures)
    source = esc(f"{c.document} ({catalogue.where(c)})")
    if not settings.api_key:  # with a key, /api needs a bearer token a plain link cannot send
        source += (f' · <a href="/api/documents/{esc(quote(c.document_id, safe=""))}/file" target="_blank" '
                   f'rel="noopener">bestand</a>')
    theme_from = "kop van de sectie" if e.theme_source == "heading" else "gekozen door de embedder"
    quoted = " ".join(c.quote.split())
    shown_quote = f"<blockquote>{esc(quoted)}</blockquote>" if quoted != e.summary else ""
    return (f'<div class="pmg-card" data-municipality="{esc(e.municipality)}" data-theme="{esc(e.theme)}">'
            f'<h4>[{c.n}] {esc(e.municipality)}{" — " + esc(e.intervention) if e.intervention else ""}</h4>'
            f'<div class="pmg-theme">{esc(SHORT.get(e.theme, e.theme))} <em>({theme_from})</em></div>'
            f'<div>{figures}</div><p>{esc(e.summary)}</p>{shown_quote}'
            f'<div class="pmg-meta">Bron: {source}</div></div>')


def cards_html(found: catalogue.Examples, settings: Settings) -> str:
    if not found.examples:
        return f'<div class="pmg-empty" id="pmg-examples-empty"><strong>{html.escape(found.message)}</strong><br>' \
               f'Kies een andere gemeente of een ander thema, of laat de zoekwoorden weg.</div>'
    cards = "\n".join(card_html(e, settings) for e in found.examples)
    return f'<p class="pmg-meta">{html.escape(found.message)}</p><div class="pmg-cards">{cards}</div>'


def error_html(message: str) -> str:
    return f'<div class="pmg-empty" id="pmg-examples-error"><strong>{html.escape(message)}</strong></div>'


def matrix(everything: catalogue.Examples) -> tuple[list[str], list[list]]:
    """Rows (municipalities) and the table: the count of examples per theme, empty for none."""
    counts: dict[str, dict[str, int]] = {}
    for e in everything.examples:
        row = counts.setdefault(e.municipality, {})
        row[e.theme] = row.get(e.theme, 0) + 1
    rows = sorted(counts, key=str.lower)
    return rows, [[m, *[counts[m].get(t, "") for t in catalogue.THEME_NAMES]] for m in rows]


def export_files(found: catalogue.Examples, folder: Path) -> tuple[str, str]:
    """The selection as voorbeelden.csv and voorbeelden.md in a folder of their own (Gradio serves them from its
    cache); exports older than an hour are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    out = Path(tempfile.mkdtemp(dir=folder))
    csv_path, md_path = out / "voorbeelden.csv", out / "voorbeelden.md"
    csv_path.write_text(catalogue.to_csv(found.examples), encoding="utf-8")
    md_path.write_text(catalogue.to_markdown(found.examples), encoding="utf-8")
    return str(csv_path), str(md_path)


def examples_tab(assistant, settings: Settings, kind: gr.Dropdown, year: gr.Dropdown) -> None:
    """The tab's components and events, inside the caller's ``gr.Blocks``; ``kind`` and ``year`` are the chat's
    document filters, which narrow the examples too."""
    folder = Path(tempfile.gettempdir()) / "pmg-exports"
    with gr.Tab("Voorbeelden") as tab:
        gr.HTML(f"<style>{CSS}</style>")
        gr.Markdown("Voor hosts van de lerende netwerken: wie doet wat, met welk resultaat. Elk voorbeeld komt "
                    "letterlijk uit een document, met pagina en sectie. Klik in de tabel op een cel om te filteren.")
        with gr.Row():
            theme = gr.Dropdown([ALL_THEMES, *[(SHORT[t], t) for t in catalogue.THEME_NAMES]], value=ALL_THEMES,
                                label="Thema", elem_id="pmg-ex-theme")
            place = gr.Dropdown([ALL_PLACES], value=ALL_PLACES, label="Gemeente of regio", allow_custom_value=True,
                                filterable=True, elem_id="pmg-ex-municipality")
            words = gr.Textbox(label="Zoekwoorden (optioneel)", placeholder="bijv. familie, school, baan",
                               elem_id="pmg-ex-words")
        with gr.Row():
            find = gr.Button("Toon voorbeelden", variant="primary", elem_id="pmg-ex-find")
            reset = gr.Button("Alles tonen", elem_id="pmg-ex-reset")
            csv_file = gr.DownloadButton("CSV", elem_id="pmg-ex-csv")
            md_file = gr.DownloadButton("Markdown", elem_id="pmg-ex-md")
        with gr.Accordion("Gemeenten x thema's (klik op een cel)", open=True):
            table = gr.Dataframe(headers=["gemeente", *[SHORT[t] for t in catalogue.THEME_NAMES]], interactive=False,
                                 wrap=True, elem_id="pmg-ex-matrix")
        rows = gr.State([])
        cards = gr.HTML(elem_id="pmg-ex-cards")

    def show(theme_v: str, place_v: str, words_v: str, kind_v: str, year_v: str):
        kind_f, year_f, year_t = _filters(kind_v, year_v)
        theme_f = None if not theme_v or theme_v == ALL_THEMES else theme_v
        place_f = None if not place_v or place_v == ALL_PLACES else place_v
        try:
            found = catalogue.select(assistant.store, place_f, theme_f, words_v, kind=kind_f, years=(year_f, year_t))
            everything = catalogue.select(assistant.store, None, None, words_v, kind=kind_f, years=(year_f, year_t))
        except UserError as exc:  # an unknown municipality or theme, no index yet: said in the tab
            return (gr.update(), gr.update(), gr.update(), [], error_html(str(exc)), None, None)
        themes = [(ALL_THEMES, ALL_THEMES)] + [(f"{SHORT[t]} ({n})", t) for t, n in found.themes.items()]
        places = [(ALL_PLACES, ALL_PLACES)] + [(f"{m} ({n})", m) for m, n in found.municipalities.items()]
        shown_place = catalogue.resolve_place(place_f) if place_f else ALL_PLACES
        if shown_place not in [v for _, v in places]:
            places.append((f"{shown_place} (0)", shown_place))
        names, data = matrix(everything)
        csv_path, md_path = export_files(found, folder)
        return (gr.update(choices=themes, value=theme_f or ALL_THEMES), gr.update(choices=places, value=shown_place),
                gr.update(value=data or None), names, cards_html(found, settings), csv_path, md_path)

    def cell(names: list[str], theme_v: str, words_v: str, kind_v: str, year_v: str, evt: gr.SelectData):
        r, c = evt.index if isinstance(evt.index, (list, tuple)) else (evt.index, 0)
        place_v = names[r] if 0 <= r < len(names) else ALL_PLACES
        theme_v = catalogue.THEME_NAMES[c - 1] if 1 <= c <= len(catalogue.THEME_NAMES) else ALL_THEMES
        return show(theme_v, place_v, words_v, kind_v, year_v)

    outputs = [theme, place, table, rows, cards, csv_file, md_file]
    inputs = [theme, place, words, kind, year]
    find.click(show, inputs, outputs, api_name="examples")
    theme.input(show, inputs, outputs, api_visibility="private")
    place.input(show, inputs, outputs, api_visibility="private")
    words.submit(show, inputs, outputs, api_visibility="private")
    reset.click(lambda k, y: show(ALL_THEMES, ALL_PLACES, "", k, y), [kind, year], outputs, api_visibility="private")
    table.select(cell, [rows, theme, words, kind, year], outputs, api_visibility="private")
    tab.select(show, inputs, outputs, api_visibility="private")
