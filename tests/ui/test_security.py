"""What an attacker or a careless user tries against a real `pmg serve` with PMG_API_KEY set: files read through the
chat's events called by number, other origins, another process ingesting, malformed text, names that collide,
long uploads, guessing, and a kill in the middle of a change. Each test goes through the real server (uvicorn in
its own process, the chat's queue protocol spoken by hand where a browser would) on a small index of its own.

The documents here are TEST FIXTURES written for these tests, not programme documents.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, serve_is_healthy, stop, upload_and_wait, wait_until_ready

KEY = "sesam-open-u"
AUTH = {"Authorization": f"Bearer {KEY}"}
BASE_TEXT = """Testfixture zeppelinproject

Dit bestand is een testfixture. In de fictieve gemeente Fixturedorp bouwen 12 jongeren een modelzeppelin.
"""
LATER_TEXT = """Testfixture straatwerk Testerveen

Dit bestand is een testfixture. In de fictieve gemeente Testerveen lopen 17 straatcoaches door de wijk.
"""


def long_text(version: str, sentences: int = 400) -> str:
    """A fixture long enough that embedding it takes seconds: the window in which a kill lands."""
    lines = [f"Testfixture versie {version}", ""]
    lines += [f"In wijk {i} van Fixturedorp doen {i * 3 + 1} jongeren van versie {version} mee aan het "
              f"zeppelinproject, samen met {i % 7 + 2} mentoren." for i in range(sentences)]
    return "\n".join(lines) + "\n"


class Server:
    """One real `pmg serve` on a folder of its own; can be killed (-9) and started again on the same folder."""

    def __init__(self, root: Path) -> None:
        self.root, self.index = root, root / "index"
        self.port, self.proc = free_port(), None
        self.base = f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PMG_")}
        return env | {"PMG_INDEX_DIR": str(self.index), "PMG_API_KEY": KEY, "PMG_LLM": "none",
                      "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost"}

    def pmg(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([str(Path(sys.executable).with_name("pmg")), *args], env=self.env(), cwd=self.root,
                              capture_output=True, text=True, timeout=600, **kw)

    def start(self) -> Server:
        log_path = self.root / "server.log"
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen([str(Path(sys.executable).with_name("pmg")), "serve", "--port", str(self.port)],
                                         cwd=self.root, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        wait_until_ready(self.proc, serve_is_healthy(self.base), "pmg serve", log_path, timeout=120)
        return self

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)


def make_server(root: Path) -> Server:
    root.mkdir(parents=True, exist_ok=True)
    (root / "corpus").mkdir(exist_ok=True)
    (root / "corpus" / "fixture-basis.txt").write_text(BASE_TEXT)
    server = Server(root)
    done = server.pmg("ingest", str(root / "corpus"))
    assert done.returncode == 0, done.stderr
    return server.start()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = make_server(tmp_path_factory.mktemp("secure"))
    yield s
    s.stop()


def error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type"}, body
    return body["error"]["message"]


def doc_ids(base: str) -> set[str]:
    return {d["id"] for d in httpx.get(f"{base}/api/documents", headers=AUTH, timeout=30).json()}


# --- the chat's events, as a script (not a browser) calls them ---------------------------------------------


class Chat:
    """The Gradio queue protocol by hand: log in, then call any event by its number (``fn_index``)."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=120)
        assert self.http.post("/login", data={"username": "wie-dan-ook", "password": KEY}).status_code == 200
        config = self.http.get("/config").json()
        self.types = {c["id"]: c["type"] for c in config["components"]}
        self.deps = config["dependencies"]

    def fn_index(self, *input_types: str) -> int:
        return next(i for i, d in enumerate(self.deps) if [self.types[x] for x in d["inputs"]] == list(input_types))

    def call(self, fn_index: int, data: list) -> dict:
        session = os.urandom(6).hex()
        body = json.dumps({"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None,
                           "trigger_id": None})  # ASCII, so that a lone surrogate travels as "\ud800", as JSON can
        joined = self.http.post("/gradio_api/queue/join", content=body, headers={"Content-Type": "application/json"})
        assert joined.status_code == 200, joined.text
        with self.http.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:") and (msg := json.loads(line[5:])).get("msg") == "process_completed":
                    return msg
        raise AssertionError("the event never completed")

    def upload(self, name: str, data: bytes) -> str:
        """The browser's way: the file goes to Gradio's upload route first; its server path comes back."""
        got = self.http.post("/gradio_api/upload", files={"files": (name, data)})
        assert got.status_code == 200, got.text
        return got.json()[0]


def file_data(path: str, name: str) -> dict:
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_chat_upload_event_cannot_read_server_files(server, tmp_path):
    secret = tmp_path / "geheim.txt"  # a file on the server's disk that no user uploaded
    secret.write_text("Testfixture: het wachtwoord van de kluis is 4711 en er liggen 99 sleutels in.\n")
    chat = Chat(server.base)
    upload = chat.fn_index("file", "checkbox")
    before = doc_ids(server.base)

    for path in (str(secret), "/etc/hostname", str(server.index / "chroma" / "chroma.sqlite3")):
        done = chat.call(upload, [file_data(path, "geheim.txt"), False])
        assert done["success"] is False and "it was not uploaded by a user" in done["output"]["error"], done
    assert doc_ids(server.base) == before
    assert not list((server.index / "uploads").rglob("geheim.txt"))

    # the real way still works: uploaded first, then the event gets Gradio's own path
    done = chat.call(upload, [file_data(chat.upload("via-chat.txt", LATER_TEXT.encode()), "via-chat.txt"), False])
    assert done["success"], done
    assert "**via-chat.txt** geïndexeerd als `via-chat`" in done["output"]["data"][0]
    assert "via-chat" in doc_ids(server.base)
    assert httpx.delete(f"{server.base}/api/documents/via-chat", headers=AUTH).status_code == 200


def test_other_origins_get_no_cors_grant(server):
    evil = "http://localhost:9999"
    pre = httpx.options(f"{server.base}/gradio_api/queue/join", headers={
        "Origin": evil, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert "access-control-allow-origin" not in pre.headers
    simple = httpx.get(f"{server.base}/config", headers={"Origin": evil})
    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-credentials" not in simple.headers


def test_chat_question_with_a_lone_surrogate_is_a_message(server):
    chat = Chat(server.base)
    check = chat.fn_index("textbox")  # the question check that runs before the answer
    done = chat.call(check, ["\ud800 Hoeveel jongeren?"])
    assert done["success"] is False  # in the chat's language, without a setting name or a traceback
    assert done["output"]["error"] == "De vraag bevat een ongeldig teken (U+D800); typ of plak de vraag opnieuw."
    done = chat.call(check, ["\u200b\u200d\u2060"])
    assert done["success"] is False and done["output"]["error"] == "Typ eerst een vraag."


def test_a_logged_in_chat_opens_only_sources_it_was_shown(server):
    """The source panel's event takes "<answer>:<n>" and looks it up in the session's own answers (server-side
    state): a path, another session's answer or a made-up number opens nothing; the file route needs a valid
    signature even for a logged-in browser, and names documents only by id."""
    chat = Chat(server.base)
    open_source = next(i for i, d in enumerate(chat.deps) if d.get("api_name") == "open_source")
    for value in ("0:1", "../../etc/passwd", "/etc/hostname", "0:../../etc/passwd", "-1:1", "999999999:1"):
        done = chat.call(open_source, [value, None])
        assert done["success"] is True and "root:" not in json.dumps(done), (value, done)
        assert "pmg-source" not in json.dumps(done["output"]["data"]), (value, done)
    for path in ("/bron/fixture-basis", "/bron/fixture-basis?exp=99999999999&sig=00", "/bron/..%2F..%2Fetc%2Fpasswd",
                 "/bron/%2Fetc%2Fhostname?exp=99999999999&sig=00"):
        got = chat.http.get(path)  # with the login cookie, without a signature
        assert got.status_code in (403, 404) and "Testfixture" not in got.text and "root:" not in got.text, path


# --- another process ingests while the server runs -----------------------------------------------------


def test_documents_ingested_by_another_process_are_found_with_filters(server):
    later = server.root / "later"
    later.mkdir()
    (later / "fixture-later.txt").write_text(LATER_TEXT)
    done = server.pmg("ingest", str(later))  # `pmg ingest` beside the running server, on its index
    assert done.returncode == 0, done.stderr
    try:
        hits = httpx.get(f"{server.base}/api/search", headers=AUTH, timeout=60,
                         params={"q": "straatcoaches Testerveen", "document": "fixture-later"})
        assert hits.status_code == 200, hits.text
        assert hits.json()[0]["document_id"] == "fixture-later" and "17 straatcoaches" in hits.json()[0]["quote"]
        asked = httpx.post(f"{server.base}/api/ask", headers=AUTH, timeout=60, json={
            "question": "Hoeveel straatcoaches lopen er in Testerveen?", "filters": {"document": "fixture-later"}})
        assert asked.status_code == 200, asked.text
        assert asked.json()["answered"] and "17 straatcoaches" in asked.json()["answer"]
    finally:
        assert httpx.delete(f"{server.base}/api/documents/fixture-later", headers=AUTH).status_code == 200


# --- malformed text at the boundary --------------------------------------------------------------------


JSON = AUTH | {"Content-Type": "application/json"}
SURROGATE = ("contains a lone surrogate (U+D800), which is not a character; send valid UTF-8 text")


@pytest.mark.parametrize("path, body, message", [
    ("/api/ask", '{"question": "\\ud800 Hoeveel?"}', f"Invalid request: field 'question': Value error, {SURROGATE}."),
    ("/api/ask", '{"question": "Hoeveel?", "filters": {"kind": "\\ud800"}}',
     f"Invalid request: field 'filters.kind': Value error, {SURROGATE}."),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "\\ud800 Hoeveel?"}]}',
     f"Invalid request: field 'messages.0.content': Value error, {SURROGATE}."),
    ("/v1/chat/completions", '{"stream": true, "messages": [{"role": "user", "content": "\\ud800 Hoeveel?"}]}',
     f"Invalid request: field 'messages.0.content': Value error, {SURROGATE}."),
    ("/api/ask", '{"question": "\\u200b\\u200b\\u2060"}', "The question is empty."),
    ("/api/ask", '{"question": "Hoeveel?", "filters": {"kind": "x", "soort": "y"}}',
     "Invalid request: field 'filters.soort': Extra inputs are not permitted."),
    ("/api/ask", '{"question": "Hoeveel?", "filters": {"year_from": 2024, "year_to": 2022}}',
     "Invalid request: field 'filters': Value error, year_from (2024) is after year_to (2022)."),
])
def test_malformed_text_is_a_client_error(server, path, body, message):
    got = httpx.post(f"{server.base}{path}", content=body.encode(), headers=JSON, timeout=60)
    assert error(got, 422) == message


def test_a_question_of_many_tokens_is_refused_quickly(server):
    started = time.perf_counter()
    got = httpx.post(f"{server.base}/api/ask", headers=AUTH, json={"question": "报" * 999}, timeout=60)
    assert error(got, 422).startswith("The question is too long for the language model: 1005 tokens; the limit is "
                                      "320 (PMG_MAX_QUESTION_TOKENS).")
    print(f"refused in {time.perf_counter() - started:.3f} s")


# --- uploads ---------------------------------------------------------------------------------------------


def test_upload_names_stay_distinct_and_replacing_is_explicit(server):
    first = upload_and_wait(server.base, AUTH, "отчет.txt", BASE_TEXT.replace("12", "21").encode())
    second = upload_and_wait(server.base, AUTH, "报告.txt", BASE_TEXT.replace("12", "31").encode())
    assert first["status"] == second["status"] == "done"
    assert (first["file"], second["file"]) == ("отчет.txt", "报告.txt")
    assert first["document_id"] != second["document_id"]
    docs = {d["id"]: d["source"] for d in httpx.get(f"{server.base}/api/documents", headers=AUTH).json()}
    assert docs[first["document_id"]] == "отчет.txt" and docs[second["document_id"]] == "报告.txt"

    x = upload_and_wait(server.base, AUTH, "../../x.txt", LATER_TEXT.encode())
    assert x["status"] == "done" and x["file"] == "x.txt"
    again = httpx.post(f"{server.base}/api/documents", headers=AUTH, files={"file": ("/etc/x.txt", b"Andere tekst.")})
    assert error(again, 409) == ("x.txt: a document of this name was uploaded already (id 'x'); send replace=true "
                                 "to replace it.")
    replaced = upload_and_wait(server.base, AUTH, "/etc/x.txt", LATER_TEXT.replace("17", "19").encode(), replace=True)
    assert replaced["status"] == "done" and replaced["replaces"] == "x" and replaced["document_id"] == "x"
    served = httpx.get(f"{server.base}/api/documents/x/file", headers=AUTH)
    assert "19 straatcoaches" in served.text and served.headers["x-content-type-options"] == "nosniff"
    for doc in (first, second, replaced):
        assert httpx.delete(f"{server.base}/api/documents/{doc['document_id']}", headers=AUTH).status_code == 200


def test_an_upload_does_not_hold_up_questions(server):
    up = httpx.post(f"{server.base}/api/documents", headers=AUTH,
                    files={"file": ("lang-verhaal.txt", long_text("een", 300).encode())}, timeout=30)
    assert up.status_code == 202, up.text
    job_url = f"{server.base}{up.headers['Location']}"
    asked = httpx.post(f"{server.base}/api/ask", headers=AUTH, timeout=60,
                       json={"question": "Hoeveel jongeren bouwen een modelzeppelin in Fixturedorp?"})
    during = httpx.get(job_url, headers=AUTH).json()
    assert asked.status_code == 200 and "12 jongeren" in asked.json()["answer"]
    assert during["status"] in ("queued", "running"), "the upload finished before the question: no overlap shown"
    while (job := httpx.get(job_url, headers=AUTH).json())["status"] in ("queued", "running"):
        assert 0.0 <= job["progress"] <= 1.0
        time.sleep(0.3)
    assert job["status"] == "done" and job["progress"] == 1.0
    assert httpx.delete(f"{server.base}/api/documents/{job['document_id']}", headers=AUTH).status_code == 200
    assert error(httpx.get(f"{server.base}/api/jobs/nope", headers=AUTH), 404) == "No upload job with id 'nope'."


def test_uploaded_html_is_a_download_not_a_page(server):
    page = b"<html><body><h1>Testfixture</h1><p>In Fixturedorp doen 5 scholen mee.</p><script>alert(1)</script>"
    job = upload_and_wait(server.base, AUTH, "pagina.html", page)
    assert job["status"] == "done", job
    served = httpx.get(f"{server.base}/api/documents/{job['document_id']}/file", headers=AUTH)
    assert served.headers["content-disposition"].startswith("attachment")
    assert served.headers["x-content-type-options"] == "nosniff"
    assert httpx.delete(f"{server.base}/api/documents/{job['document_id']}", headers=AUTH).status_code == 200


# --- the rest of the surface ------------------------------------------------------------------------------


def test_headers_shapes_and_methods(server):
    page = httpx.get(f"{server.base}/")
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert error(httpx.get(f"{server.base}/nergens"), 404) == "Not found: GET /nergens."
    put = httpx.put(f"{server.base}/api/ask", headers=AUTH)
    assert error(put, 405) == "Method PUT is not allowed on /api/ask; use POST." and put.headers["allow"] == "POST"
    health = httpx.get(f"{server.base}/healthz").json()
    assert health == {"status": "ok", "documents": len(doc_ids(server.base))}


def test_guessing_the_key_is_slowed_down(server):
    wrong = {"Authorization": "Bearer raden"}
    for _ in range(5):
        assert httpx.get(f"{server.base}/api/documents", headers=wrong).status_code == 401
    assert httpx.get(f"{server.base}/api/documents", headers=wrong).status_code == 401  # the 6th: now it waits
    blocked = httpx.get(f"{server.base}/api/documents", headers=AUTH)  # even the right key, while it waits
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "1"
    assert error(blocked, 429) == "Too many failed attempts from this client: try again in 1 s."
    time.sleep(1.1)
    assert httpx.get(f"{server.base}/api/documents", headers=AUTH).status_code == 200  # forgets the failures

    for _ in range(6):
        assert httpx.post(f"{server.base}/login", data={"username": "a", "password": "raden"}).status_code == 400
    login = httpx.post(f"{server.base}/login", data={"username": "a", "password": KEY})
    assert login.status_code == 429 and login.headers["retry-after"] == "1"
    time.sleep(1.1)
    assert httpx.post(f"{server.base}/login", data={"username": "a", "password": KEY}).status_code == 200


# --- a kill in the middle of a change ---------------------------------------------------------------------


def wait_running(base: str, job_url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(job_url, headers=AUTH).json()
        if job["status"] == "running" and job["progress"] > 0.06:
            return
        assert job["status"] in ("queued", "running"), job
        time.sleep(0.1)
    raise AssertionError("the upload never got under way")


def consistent_index(index: Path) -> list:
    """After the server stopped: every record's chunks are there, and no chunk lacks its record."""
    from assistant.models import packaged_identity
    from assistant.settings import Settings
    from assistant.store import Store

    name, dim = packaged_identity("e5")
    store = Store(Settings(_env_file=None, index_dir=index), name, dim)
    docs = store.documents()
    assert store.count() == sum(d.chunks for d in docs) and not store.orphan_doc_ids()
    return docs


def test_kill_during_a_replacing_upload_leaves_old_or_new_whole(tmp_path):
    server = make_server(tmp_path / "kill-replace")
    try:
        v1 = upload_and_wait(server.base, AUTH, "verhaal.txt", long_text("een", 40).encode())
        assert v1["status"] == "done"
        v2_text = long_text("twee", 200)
        up = httpx.post(f"{server.base}/api/documents", headers=AUTH, params={"replace": "true"},
                        files={"file": ("verhaal.txt", v2_text.encode())})
        assert up.status_code == 202
        wait_running(server.base, f"{server.base}{up.headers['Location']}")
        server.kill()  # in the middle of embedding the new version
        server.start()
        job_url = f"{server.base}{up.headers['Location']}"  # the same job, taken up again after the restart
        deadline = time.monotonic() + 300
        while (job := httpx.get(job_url, headers=AUTH).json())["status"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert job["status"] == "done" and job["document_id"] == v1["document_id"], job
        served = httpx.get(f"{server.base}/api/documents/{v1['document_id']}/file", headers=AUTH).text
        hits = httpx.get(f"{server.base}/api/search", headers=AUTH,
                         params={"q": "versie twee zeppelinproject", "document": v1["document_id"]}).json()
        assert served == v2_text and hits  # the new file, and the new text: no passage of the old one is left
        assert all("versie twee" in h["quote"] and "versie een" not in h["quote"] for h in hits)
        old = httpx.get(f"{server.base}/api/search", headers=AUTH, params={"q": "versie een", "k": 50}).json()
        assert not any("versie een" in h["quote"] for h in old)
    finally:
        server.stop()
    files = [p.name for p in (server.index / "uploads").rglob("*") if p.is_file()]
    assert files == ["verhaal.txt"]  # the old version's file is gone, nothing half-written is left
    assert len(consistent_index(server.index)) == 2


def test_kill_during_an_ingest_leaves_a_consistent_index(tmp_path):
    server = make_server(tmp_path / "kill-ingest")
    try:
        up = httpx.post(f"{server.base}/api/documents", headers=AUTH,
                        files={"file": ("nieuw.txt", long_text("drie", 200).encode())})
        wait_running(server.base, f"{server.base}{up.headers['Location']}")
        server.kill()
        # and `pmg ingest` killed half-way through another folder, before the server is back
        more = server.root / "meer"
        more.mkdir()
        (more / "ook-lang.txt").write_text(long_text("vier", 200))
        proc = subprocess.Popen([str(Path(sys.executable).with_name("pmg")), "ingest", str(more)], env=server.env(),
                                cwd=server.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(9)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        server.start()
        job_url = f"{server.base}{up.headers['Location']}"
        deadline = time.monotonic() + 300
        while httpx.get(job_url, headers=AUTH).json()["status"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert httpx.get(job_url, headers=AUTH).json()["status"] == "done"
    finally:
        server.stop()
    docs = consistent_index(server.index)
    assert {d.id for d in docs} >= {"fixture-basis", "nieuw"}
    again = server.pmg("ingest", str(more))  # the killed CLI run, run again, completes
    assert again.returncode == 0, again.stderr
    assert {d.id for d in consistent_index(server.index)} == {"fixture-basis", "nieuw", "ook-lang"}
    shutil.rmtree(server.root, ignore_errors=True)
