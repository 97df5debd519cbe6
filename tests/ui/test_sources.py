"""Opening the original of a source from the chat: ``/bron/<id>`` with a signed, short-lived link (``ui.links``).

What a user notices (the PDF served is the one cited, and the page the link opens holds the quote; a text
document opens at the passage with the quote highlighted) and what an attacker tries (an altered, expired or
borrowed signature, another document's id, a path, another server's key): never a file outside the index, never
a 500.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.ui.conftest import AJB_QUESTION

from ui.links import Links


@pytest.fixture(scope="module")
def text_app(ui_index, ui_assistant):
    from ui.api import create_app

    app = create_app(ui_index, ui_assistant, ui=False)
    return app, TestClient(app)


def test_a_text_document_opens_at_the_passage_with_the_quote_marked(text_app, ui_assistant):
    app, client = text_app
    cite = ui_assistant.ask(AJB_QUESTION).citations[0]
    url = app.state.links.url(cite.document_id, cite.chunk_id, cite.quote, cite.page)
    assert url.endswith("#passage")  # the text view scrolls to the passage
    page = client.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none': no script at all
    passage = re.search(r'<div id="passage">(.*?)</div>', page.text, re.S).group(1)
    assert re.search(r"<mark>[^<]*576 jongeren[^<]*</mark>", passage), passage
    assert "<h1>Rapportage Preventie met Gezag" in page.text and "juni 2024" in page.text


def test_altered_expired_or_borrowed_links_open_nothing(text_app, ui_assistant):
    app, client = text_app
    cite = ui_assistant.ask(AJB_QUESTION).citations[0]
    url = app.state.links.url(cite.document_id, cite.chunk_id, cite.quote).split("#")[0]
    query = parse_qs(urlsplit(url).query)
    sig, exp = query["sig"][0], query["exp"][0]
    tries = [
        url.replace(f"sig={sig}", f"sig={sig[::-1]}"),  # altered signature
        url.replace(f"exp={exp}", f"exp={int(exp) + 3600}"),  # a longer life
        url.replace("sig=", "x="),  # none
        f"/bron/README?exp={exp}&sig={sig}",  # another document with this document's signature
        f"/bron/..%2F..%2Fetc%2Fpasswd?exp={exp}&sig={sig}",
        f"/bron/{cite.document_id}?exp=99999999999999999999&sig={sig}",
    ]
    for bad in tries:
        got = client.get(bad)
        assert got.status_code in (403, 404), (bad, got.status_code)
        assert "root:" not in got.text and "576 jongeren" not in got.text
    # expired: a link made eight hours and a second ago
    old = Links(app.state.settings, clock=lambda: 0)
    old.secret = app.state.links.secret
    got = client.get(old.url(cite.document_id, cite.chunk_id, cite.quote))
    assert got.status_code == 403 and "verlopen of ongeldig" in got.text
    # a document that is no longer indexed
    got = client.get(app.state.links.url("weg-document"))
    assert got.status_code == 404 and "niet meer in de index" in got.text


def test_links_need_no_bearer_token_but_only_this_key_signs_them(ui_index, ui_assistant):
    from ui.api import create_app

    settings = ui_index.model_copy(update={"api_key": "sleutel-een"})
    app = create_app(settings, ui_assistant, ui=False)
    client = TestClient(app)
    url = app.state.links.url("rapportage-preventie-met-gezag-2024")
    assert client.get(url).status_code == 200  # no Authorization header: the signature is the permission
    assert client.get("/api/documents/rapportage-preventie-met-gezag-2024/file").status_code == 401
    other = Links(ui_index.model_copy(update={"api_key": "sleutel-twee"})).url("rapportage-preventie-met-gezag-2024")
    assert client.get(other).status_code == 403
    # two workers with the same key accept each other's links
    assert Links(settings)._sign("x", "c", "q", 100) == app.state.links._sign("x", "c", "q", 100)


def test_a_pdf_opens_at_the_page_that_holds_the_quote(pdf_index, pdf_assistant):
    from pypdf import PdfReader

    from ui.api import create_app

    app = create_app(pdf_index, pdf_assistant, ui=False)
    client = TestClient(app)
    cite = pdf_assistant.ask(AJB_QUESTION).citations[0]
    assert cite.page and cite.page > 1  # the quote stands on a later page, so opening at the top would not show it
    url = app.state.links.url(cite.document_id, cite.chunk_id, cite.quote, cite.page)
    assert url.endswith(f"#page={cite.page}")  # the browser's own PDF viewer opens there
    got = client.get(url.split("#")[0])
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("inline")
    page_text = " ".join(PdfReader(io.BytesIO(got.content)).pages[cite.page - 1].extract_text().split())
    assert "576 jongeren" in page_text
