"""The HTTP API through FastAPI's TestClient, on an index of the real corpus (built once per session).

The apps here leave out the Gradio chat (``ui=False``); the real server with the chat is tested in
test_server.py and test_gradio.py."""

from __future__ import annotations

import json
import re
import time

import pytest
from fastapi.testclient import TestClient

from assistant.types import Answer, Citation, DocumentInfo, UploadJob
from tests.ui.conftest import AJB_QUESTION, CORPUS, make_settings
from ui.api import create_app

KEY = "test-key-123"
AJB_DOC = "rapportage-preventie-met-gezag-2024"
NO_KEY_FOR_CHANGES = ("Uploading and deleting documents is disabled: configure an API key (PMG_API_KEY) on the "
                      "server to enable it.")


@pytest.fixture(scope="module")
def client(ui_index, ui_assistant):
    with TestClient(create_app(ui_index, ui_assistant, ui=False)) as c:
        yield c


@pytest.fixture(scope="module")
def keyed(ui_index, ui_assistant):
    """An app with an API key configured: every /v1 and /api request needs it; upload and delete are enabled."""
    settings = ui_index.model_copy(update={"api_key": KEY, "max_upload_mb": 0.05})
    with TestClient(create_app(settings, ui_assistant, ui=False), headers={"Authorization": f"Bearer {KEY}"}) as c:
        yield c


def chat(client, *messages, **extra):
    roles = ["user", "assistant"] * len(messages)
    return client.post("/v1/chat/completions", json={
        "model": "pmg-assistant", "messages": [{"role": r, "content": m} for r, m in zip(roles, messages)]} | extra)


def error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type"}
    return body["error"]["message"]


def assert_verbatim(assistant, citations: list[dict]) -> None:
    chunks = assistant.store.get_chunks([c["chunk_id"] for c in citations])
    for c in citations:
        assert c["quote"] and c["quote"] in chunks[c["chunk_id"]].text


# --- OpenAI-compatible ----------------------------------------------------------------------------------


def test_models(client):
    r = client.get("/v1/models")
    assert r.status_code == 200
    assert [m["id"] for m in r.json()["data"]] == ["pmg-assistant"]


def test_chat_completion(client, ui_assistant):
    r = chat(client, AJB_QUESTION)
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "pmg-assistant"
    message = body["choices"][0]["message"]
    assert message["role"] == "assistant" and body["choices"][0]["finish_reason"] == "stop"
    assert "576" in message["content"] and "[1]" in message["content"]
    assert body["answered"] is True and body["related"] == []
    assert body["citations"] and body["citations"][0]["n"] == 1
    assert all(Citation.model_validate(c) for c in body["citations"])
    assert_verbatim(ui_assistant, body["citations"])
    assert body["usage"]["total_tokens"] > 0


def test_chat_completion_stream(client):
    plain = chat(client, AJB_QUESTION).json()
    with client.stream("POST", "/v1/chat/completions", json={
            "messages": [{"role": "user", "content": AJB_QUESTION}], "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        raw = "".join(r.iter_text())
    events = [e for e in raw.split("\n\n") if e.strip()]
    assert all(e.startswith("data: ") for e in events)
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert text == plain["choices"][0]["message"]["content"]
    assert sum(1 for c in chunks if c["choices"][0]["delta"].get("content")) >= 3  # streamed in pieces
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["citations"] == plain["citations"] and last["answered"] is True
    assert "citations" not in chunks[0]


def test_follow_up_uses_history(client):
    first = chat(client, AJB_QUESTION).json()["choices"][0]["message"]["content"]
    r = chat(client, AJB_QUESTION, first, "En in hoeveel gemeenten?")
    assert r.status_code == 200
    assert "zes" in r.json()["choices"][0]["message"]["content"]


def test_content_parts_and_system_message(client):
    r = client.post("/v1/chat/completions", json={"messages": [
        {"role": "system", "content": "Je bent een assistent."},
        {"role": "user", "content": [{"type": "text", "text": AJB_QUESTION}]}]})
    assert r.status_code == 200 and "576" in r.json()["choices"][0]["message"]["content"]


def test_refusal_offers_related(client):
    body = chat(client, "Wat is de hoofdstad van Frankrijk?").json()
    assert body["answered"] is False and body["citations"] == []
    assert body["related"]
    assert "niet in de documenten" in body["choices"][0]["message"]["content"]


# --- /api ----------------------------------------------------------------------------------------------


def test_api_ask_returns_the_answer(client, ui_assistant):
    r = client.post("/api/ask", json={"question": AJB_QUESTION})
    assert r.status_code == 200
    answer = Answer.model_validate(r.json())
    assert set(r.json()) == set(Answer.model_fields)
    assert answer.answered and "576" in answer.answer
    assert_verbatim(ui_assistant, [c.model_dump() for c in answer.citations])
    follow = client.post("/api/ask", json={"question": "En in hoeveel gemeenten?", "history": [
        {"role": "user", "content": AJB_QUESTION}, {"role": "assistant", "content": answer.answer}]})
    assert "zes" in follow.json()["answer"]


def test_api_search(client):
    r = client.get("/api/search", params={"q": "wijkrechtspraak", "k": 3})
    assert r.status_code == 200
    hits = [Citation.model_validate(c) for c in r.json()]
    assert 1 <= len(hits) <= 3
    assert "wijkrechtspraak" in hits[0].quote.lower()
    assert client.get("/api/search", params={"q": "wijkrechtspraak", "kind": "voortgangsrapportage"}).json()
    assert client.get("/api/search", params={"q": "wijkrechtspraak", "document": AJB_DOC}).json()
    assert len(client.get("/api/search?q=wijkrechtspraak&k=&kind=&document=").json()) == make_settings(CORPUS).top_k  # empty: the default


def test_filter_matching_nothing(client):
    assert client.get("/api/search", params={"q": "wijkrechtspraak", "kind": "geen-soort"}).json() == []
    r = client.post("/api/ask", json={"question": AJB_QUESTION, "filters": {"kind": "geen-soort"}})
    assert r.status_code == 200 and r.json()["answered"] is False


def test_api_documents_and_file(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    docs = [DocumentInfo.model_validate(d) for d in r.json()]
    doc = next(d for d in docs if d.id == AJB_DOC)
    assert doc.kind == "voortgangsrapportage" and doc.year == 2024 and doc.chunks > 0
    f = client.get(f"/api/documents/{AJB_DOC}/file")
    assert f.status_code == 200
    assert f.content == (CORPUS / doc.source).read_bytes()
    assert f.headers["content-type"].startswith("text/plain")


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok", "documents": 1}


def test_no_index(tmp_path):
    from assistant.service import Assistant

    settings = make_settings(tmp_path / "empty")
    with TestClient(create_app(settings, Assistant(settings), ui=False)) as c:
        health = c.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "no-index"
        assert error(c.get("/api/documents"), 503) == f"No index yet at {settings.index_dir}: run `pmg ingest` first."


# --- upload and delete ------------------------------------------------------------------------------------

# A TEST FIXTURE, not a programme document: made-up text with a word that occurs nowhere in the corpus.
FIXTURE_TEXT = """Testfixture voor de upload

Dit bestand is een testfixture en geen programmadocument. In de fictieve gemeente Fixturedorp start het
zeppelinproject: 12 jongeren bouwen samen met hun mentor een modelzeppelin als dagbesteding.
"""


def finished(client, response) -> UploadJob:
    """The upload's job once the background ingest is over (202 at once, then GET /api/jobs/{id})."""
    assert response.status_code == 202, response.text
    job = UploadJob.model_validate(response.json())
    assert response.headers["Location"] == f"/api/jobs/{job.id}"
    deadline = time.monotonic() + 120
    while job.status in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = UploadJob.model_validate(client.get(f"/api/jobs/{job.id}").json())
    return job


def test_upload_search_delete(keyed, ui_index):
    job = finished(keyed, keyed.post("/api/documents",
                                     files={"file": ("../../Zeppelin fixture (test).txt", FIXTURE_TEXT.encode())}))
    assert job.status == "done" and job.file == "Zeppelin-fixture-test.txt", job
    report = job.report
    assert report.added == 1 and report.errors == [] and report.documents == 2
    doc_id = job.document_id
    saved, = ui_index.uploads.glob("*/Zeppelin-fixture-test.txt")  # the name sanitised, inside the uploads folder
    assert saved.read_text() == FIXTURE_TEXT
    assert doc_id in [d["id"] for d in keyed.get("/api/documents").json()]
    hits = keyed.get("/api/search", params={"q": "zeppelinproject Fixturedorp", "k": 2}).json()
    assert hits[0]["document_id"] == doc_id and "zeppelinproject" in hits[0]["quote"]
    assert "12 jongeren" in keyed.post("/api/ask", json={"question": "Hoeveel jongeren bouwen een modelzeppelin?"}
                                       ).json()["answer"]

    d = keyed.delete(f"/api/documents/{doc_id}")
    assert d.status_code == 200 and d.json() == {"id": doc_id, "deleted": True, "file_deleted": True}
    assert not saved.exists()
    assert doc_id not in [x["id"] for x in keyed.get("/api/documents").json()]
    assert all(h["document_id"] != doc_id for h in keyed.get("/api/search", params={"q": "zeppelinproject"}).json())
    assert error(keyed.delete(f"/api/documents/{doc_id}"), 404) == \
        f"No document with id '{doc_id}'; GET /api/documents lists them."


@pytest.mark.parametrize("name, data, status, message", [
    ("tool.exe", b"MZ\x90\x00", 422, "tool.exe: unsupported file type '.exe'; upload one of .docx, .htm, .html, "
                                     ".markdown, .md, .pdf, .txt."),
    ("noext", b"text", 422, "noext: unsupported file type '(none)'; upload one of .docx, .htm, .html, .markdown, .md, "
                            ".pdf, .txt."),
    ("fake.pdf", b"<html>not a pdf</html>", 422, "fake.pdf: does not look like a PDF (it does not start with %PDF-)."),
    ("binary.txt", b"abc\x00\x01\x02def", 422, "binary.txt: looks like binary data, not text"),
    ("empty.md", b"", 422, "empty.md: the file is empty."),
    ("big.txt", b"a" * 60_000, 413, "big.txt: the file is over the upload limit of 0.05 MB (PMG_MAX_UPLOAD_MB)."),
    ("huge.txt", b"a" * 200_000, 413, "The upload is too large (0.2 MB); the limit is 0.05 MB (PMG_MAX_UPLOAD_MB)."),
])
def test_upload_refused(keyed, ui_index, name, data, status, message):
    before = sorted(p.name for p in ui_index.uploads.rglob("*")) if ui_index.uploads.exists() else []
    assert error(keyed.post("/api/documents", files={"file": (name, data)}), status) == message
    after = sorted(p.name for p in ui_index.uploads.rglob("*")) if ui_index.uploads.exists() else []
    assert after == before
    assert len(keyed.get("/api/documents").json()) == 1


@pytest.mark.parametrize("name, data, message, code", [
    ("broken.pdf", b"%PDF-1.4\nthis is no real pdf", "broken.pdf: not a readable PDF (", "load_pdf_broken"),
    ("blank.html", b"<html><body>   </body></html>", "blank.html: no readable text in the file", "load_no_text"),
])
def test_upload_the_loader_refuses(keyed, ui_index, name, data, message, code):
    """Passes the checks, then the loader refuses it: the job fails with its message (and its code, for the
    Documenten tab's Dutch), and the file is gone."""
    job = finished(keyed, keyed.post("/api/documents", files={"file": (name, data)}))
    assert job.status == "failed" and job.message.startswith(message) and job.document_id is None
    assert job.code == code and job.params["name"] == name
    assert not list(ui_index.uploads.rglob(name))
    assert len(keyed.get("/api/documents").json()) == 1


def test_upload_and_delete_need_a_configured_key(client):
    assert error(client.post("/api/documents", files={"file": ("a.txt", b"hallo")}), 403) == NO_KEY_FOR_CHANGES
    assert error(client.delete(f"/api/documents/{AJB_DOC}"), 403) == NO_KEY_FOR_CHANGES
    assert client.get("/api/documents").status_code == 200  # still indexed


def test_upload_without_file(keyed):
    assert error(keyed.post("/api/documents"), 422) == "Invalid request: field 'file': field required."


# --- API key ------------------------------------------------------------------------------------------------


def test_api_key_required(keyed):
    bare = {"Authorization": ""}
    for method, path in [("GET", "/v1/models"), ("POST", "/v1/chat/completions"), ("GET", "/api/documents"),
                         ("GET", "/api/search?q=AJB"), ("POST", "/api/ask"), (
                             "GET", f"/api/documents/{AJB_DOC}/file"), ("DELETE", f"/api/documents/{AJB_DOC}")]:
        r = keyed.request(method, path, headers=bare)
        assert error(r, 401) == "Missing API key: send the header 'Authorization: Bearer <PMG_API_KEY>'.", path
        assert r.headers["www-authenticate"] == "Bearer"
        assert keyed.get("/v1/models").status_code == 200  # a right key forgets the failures (no back-off here)
    wrong = keyed.get("/v1/models", headers={"Authorization": "Bearer nope"})
    assert error(wrong, 401) == "Invalid API key."
    assert keyed.get("/v1/models").status_code == 200
    assert keyed.get("/healthz", headers=bare).status_code == 200  # health needs no key


# --- bad input -----------------------------------------------------------------------------------------------

JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("body, status, message", [
    (b"", 400, "The request body is empty: send a JSON object (Content-Type: application/json)."),
    (b"{\"messages\": [", 400, "Malformed JSON in the request body: Expecting value (at character 14)."),
    (b"[1, 2]", 422, "Invalid request: body: Input should be a valid dictionary or object to extract fields from."),
    (b"{}", 422, "Invalid request: field 'messages': field required."),
    (b"{\"messages\": \"hi\"}", 422, "Invalid request: field 'messages': Input should be a valid list."),
    (b"{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", 422,
     "Invalid request: field 'messages.0.role': Input should be 'system', 'developer', 'user', 'assistant', 'tool' "
     "or 'function'."),
    (b"{\"messages\": []}", 422, "No user message in 'messages': the last message with role 'user' is the question."),
    (b"{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}]}", 422,
     "No user message in 'messages': the last message with role 'user' is the question."),
    (b"{\"messages\": [{\"role\": \"user\", \"content\": \"   \"}]}", 422, "The question is empty."),
    (json.dumps({"messages": [{"role": "user", "content": "waarom " * 200}]}).encode(), 422,
     "The question is 1399 characters long; the limit is 1000 (PMG_MAX_QUESTION_CHARS)."),
    (json.dumps({"messages": [{"role": "user", "content": "x" * 200_000}]}).encode(), 413,
     "The request body is too large ({size:,} bytes); the limit is 131,072 bytes."),
])
def test_chat_bad_input(client, body, status, message):
    r = client.post("/v1/chat/completions", content=body, headers=JSON)
    assert error(r, status) == message.format(size=len(body))


def test_chunked_200k_body_refused(client):
    """Without a Content-Length (chunked upload), the route's own body limit refuses it with the same error shape."""
    body = json.dumps({"messages": [{"role": "user", "content": "x" * 200_000}]}).encode()
    r = client.post("/v1/chat/completions", content=iter([body[:100_000], body[100_000:]]), headers=JSON)
    assert error(r, 413) == "The request body is too large: the limit is 131,072 bytes."


def test_api_bad_input(client):
    assert error(client.post("/api/ask", json={}), 422) == "Invalid request: field 'question': field required."
    assert error(client.post("/api/ask", json={"question": ""}), 422) == "The question is empty."
    assert error(client.post("/api/ask", json={"question": "x" * 1001}), 422) == \
        "The question is 1001 characters long; the limit is 1000 (PMG_MAX_QUESTION_CHARS)."
    assert error(client.post("/api/ask", json={"question": "AJB?", "histroy": []}), 422) == \
        "Invalid request: field 'histroy': Extra inputs are not permitted."
    assert error(client.post("/api/ask", content=b"x" * 200_000, headers=JSON), 413) == \
        "The request body is too large (200,000 bytes); the limit is 131,072 bytes."
    assert error(client.get("/api/search"), 422) == "Invalid request: query parameter 'q': field required."
    assert error(client.get("/api/search", params={"q": "AJB", "k": 0}), 422) == \
        "Invalid request: query parameter 'k': Input should be greater than or equal to 1."
    assert error(client.get("/api/documents/nope/file"), 404) == "No document with id 'nope'; GET /api/documents lists them."
    assert error(client.get("/api/documents/..%2F..%2Fetc%2Fpasswd/file"), 404).startswith("No ")
    assert error(client.get("/api/nope"), 404) == "No route GET /api/nope; the API is described at /docs."
    assert error(client.get("/v1/engines"), 404) == "No route GET /v1/engines; the API is described at /docs."


# --- docs -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_are_offline(client, page):
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", r.text) + re.findall(r"""url:\s*'([^']+)'""", r.text)
    urls += re.findall(r"""spec-url=["']([^"']+)["']""", r.text)
    assert urls, r.text
    assert not re.search(r"https?://", r.text), "the docs page references a remote URL"
    for url in urls:
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200, url
    assert client.get("/openapi.json").json()["paths"]["/v1/chat/completions"]
