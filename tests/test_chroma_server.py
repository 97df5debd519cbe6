"""The assistant against a REAL Chroma server (`chroma run`, started here), as `PMG_CHROMA_URL` deployments use it.

- ingest over HTTP, and a second ingest that embeds nothing (incremental works over HTTP);
- the same questions give the same answer text and citations as the embedded default index (``assistant`` from
  tests/conftest.py, built from the same corpus);
- two ``Assistant`` instances (as two `pmg serve` processes hold them) on one server: B ingests a new document,
  A (not restarted) finds it by keyword (its BM25 index noticed the store's version stamp moved) and by search;
- the same with two real `pmg serve` processes and /api/search, /api/documents over HTTP.

The new document is a TEST FIXTURE written here (``FACTSHEET``): a made-up intervention, marked as such in its own
text; it is not a programme document.

Run:  .venv/bin/pytest tests/test_chroma_server.py -q      (select/deselect with -m chroma_server)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import (
    upload_and_wait,
    CORPUS,
    free_port,
    make_settings,
    pmg_command,
    pmg_env,
    serve_is_healthy,
    stop,
    wait_until_ready,
)

pytestmark = pytest.mark.chroma_server

QUESTIONS = [
    "Hoeveel jongeren zijn extra aangemeld voor AJB?",
    "Welke gemeenten hebben wijkrechtspraak?",
    "Hoeveel jongeren deden in Maastricht mee aan AJB?",  # the report does not say: a refusal
]
REFUSED = QUESTIONS[2]

FACTSHEET_NAME = "factsheet-testinterventie-zonnewijzer.md"
FACTSHEET = """# Factsheet testinterventie Zonnewijzer (testfixture)

Dit document is een testfixture voor de geautomatiseerde tests; het is geen programmadocument en de cijfers zijn
verzonnen. De fictieve testinterventie Zonnewijzer bereikte in de fictieve testgemeente Fictiefdorp 314 jongeren.
"""
FACTSHEET_QUERY = "Hoeveel jongeren bereikte de testinterventie Zonnewijzer?"


def chroma_executable() -> str:
    exe = Path(sys.executable).with_name("chroma")
    if not exe.is_file():
        pytest.skip(f"no `chroma` executable next to {sys.executable}")
    return str(exe)


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """URL of a real Chroma server on a free port, data in a temporary folder; always terminated afterwards."""
    import chromadb

    data = tmp_path_factory.mktemp("chroma_server")
    port = free_port()
    log = (data.parent / f"{data.name}.log").open("wb")
    env = os.environ | {"ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [chroma_executable(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    try:
        def answers() -> bool:  # the client connects when it is made
            return bool(chromadb.HttpClient(host="127.0.0.1", port=port,
                                            settings=chromadb.config.Settings(anonymized_telemetry=False)).heartbeat())

        wait_until_ready(proc, answers, "`chroma run`", Path(log.name), timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def server_index(chroma_server, tmp_path_factory):
    """corpus/ copied and ingested into the Chroma server; yields (settings, first report, second report)."""
    from ingest.pipeline import ingest

    base = tmp_path_factory.mktemp("server_index")
    shutil.copytree(CORPUS, base / "corpus")
    settings = make_settings(base / "index", base / "corpus", chroma_url=chroma_server)
    first = ingest([settings.corpus_dir], settings)
    second = ingest([settings.corpus_dir], settings)
    yield settings, first, second


def test_ingest_over_http_is_incremental(server_index):
    settings, first, second = server_index
    assert not first.errors, first.errors
    assert first.added == 1 and first.documents == 1 and first.chunks > 0 and first.embedded == first.chunks
    assert not second.errors
    assert second.embedded == 0 and second.unchanged == 1 and second.added == second.updated == 0
    assert second.documents == 1 and second.chunks == first.chunks
    # nothing was written to the local index folder: the data lives on the server
    assert not (settings.index_dir / "chroma").exists()


def _comparable(answer) -> dict:
    return {
        "answer": answer.answer,
        "answered": answer.answered,
        "citations": [(c.n, c.document_id, c.chunk_id, c.page, c.section, c.quote) for c in answer.citations],
        "related": [(c.n, c.document_id, c.chunk_id, c.page, c.section, c.quote) for c in answer.related],
    }


@pytest.fixture(scope="module")
def server_assistant(server_index):
    from assistant.service import Assistant

    return Assistant(server_index[0])


@pytest.mark.parametrize("question", QUESTIONS)
def test_same_answers_as_embedded_chroma(question, server_assistant, assistant):
    over_http = server_assistant.ask(question)
    embedded = assistant.ask(question)
    assert _comparable(over_http) == _comparable(embedded)
    assert [c.score for c in over_http.citations] == pytest.approx([c.score for c in embedded.citations], abs=1e-3)
    assert over_http.answered is (question != REFUSED)
    if question == REFUSED:
        assert "niet in de documenten" in over_http.answer
    else:
        assert over_http.citations


def test_same_search_as_embedded_chroma(server_assistant, assistant):
    for question in QUESTIONS[:2]:
        assert ([c.chunk_id for c in server_assistant.search(question)]
                == [c.chunk_id for c in assistant.search(question)])


def test_second_instance_ingest_is_seen_without_restart(server_index):
    """A and B are two Assistants on one server (two serve processes); B ingests, A notices."""
    from assistant.service import Assistant
    from ingest.uploads import Uploads

    settings = server_index[0]
    a = Assistant(settings)
    b = Assistant(settings.model_copy(update={"index_dir": settings.index_dir.parent / "index_b"}))

    before = a.ask(QUESTIONS[0])
    assert before.answered
    version_before = a.keywords.get(a.store).version
    assert version_before == a.store.version() != "empty"
    assert not a.keywords.get(a.store).search("Zonnewijzer", 5)

    uploads = Uploads(b.settings, b)
    job = uploads.wait(uploads.submit(FACTSHEET_NAME, FACTSHEET.encode()).id, timeout=120)
    report, doc_id = job.report, job.document_id
    try:
        assert job.status == "done" and not report.errors and report.added == 1 and report.embedded >= 1, report
        assert doc_id
        new_ids = {i for i, _, m in b.store.scan_chunks() if m["doc_id"] == doc_id}
        assert new_ids

        # A, untouched since: the version stamp moved, so its BM25 index is rebuilt on the next use
        assert a.store.version() != version_before
        keyword_hits = [i for i, _ in a.retrieve(FACTSHEET_QUERY, mode="bm25")]
        assert keyword_hits and keyword_hits[0] in new_ids
        assert a.keywords.get(a.store).version == a.store.version()
        found = a.search(FACTSHEET_QUERY)
        assert found and found[0].document_id == doc_id and "314 jongeren" in found[0].quote
        assert doc_id in {d.id for d in a.documents()}
        answer = a.ask(FACTSHEET_QUERY)
        assert answer.answered and "314" in answer.answer and answer.citations[0].document_id == doc_id
        # and A's earlier answer is unchanged by the new document
        assert _comparable(a.ask(QUESTIONS[0])) == _comparable(before)
    finally:
        b.store.delete_document(doc_id)
    # the deletion is noticed as well
    assert not [i for i, _ in a.retrieve("Zonnewijzer", mode="bm25")]
    assert doc_id not in {d.id for d in a.documents()}


# --- two real `pmg serve` processes -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_serves(server_index, tmp_path_factory):
    """Two `pmg serve` processes on free ports, both with PMG_CHROMA_URL pointing at the one Chroma server."""
    settings = server_index[0]
    base = tmp_path_factory.mktemp("serves")
    procs, urls = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = base / f"serve-{name}.log"
            env = pmg_env(PMG_CHROMA_URL=settings.chroma_url, PMG_COLLECTION=settings.collection,
                          PMG_INDEX_DIR=str(base / f"index-{name}"), PMG_API_KEY="test-key")
            with log.open("wb") as out:
                procs.append((subprocess.Popen([*pmg_command(), "serve", "--port", str(port)], env=env, cwd=base,
                                               stdout=out, stderr=subprocess.STDOUT), log))
            urls.append(f"http://127.0.0.1:{port}")
        for (proc, log), url in zip(procs, urls, strict=True):
            wait_until_ready(proc, serve_is_healthy(url), "`pmg serve`", log, timeout=240)
        yield urls
    finally:
        for proc, _ in procs:
            stop(proc)


def test_two_serve_processes_share_one_server(two_serves):
    a, b = two_serves
    auth = {"Authorization": "Bearer test-key"}
    question = {"q": QUESTIONS[0]}
    first_a = httpx.get(f"{a}/api/search", params=question, headers=auth, timeout=120)
    assert first_a.status_code == 200, first_a.text
    assert first_a.json() == httpx.get(f"{b}/api/search", params=question, headers=auth, timeout=120).json()
    assert not any("Zonnewijzer" in c["quote"] for c in
                   httpx.get(f"{a}/api/search", params={"q": FACTSHEET_QUERY}, headers=auth, timeout=120).json())

    job = upload_and_wait(b, auth, FACTSHEET_NAME, FACTSHEET.encode())
    assert job["status"] == "done", job
    doc_id = job["document_id"]
    try:
        found = httpx.get(f"{a}/api/search", params={"q": FACTSHEET_QUERY}, headers=auth, timeout=120)
        assert found.status_code == 200, found.text
        assert found.json()[0]["document_id"] == doc_id and "314 jongeren" in found.json()[0]["quote"]
        asked = httpx.post(f"{a}/api/ask", json={"question": FACTSHEET_QUERY}, headers=auth, timeout=120).json()
        assert asked["answered"] and asked["citations"][0]["document_id"] == doc_id
    finally:
        deleted = httpx.delete(f"{b}/api/documents/{doc_id}", headers=auth, timeout=120)
        assert deleted.status_code == 200, deleted.text
    after = httpx.get(f"{a}/api/search", params={"q": FACTSHEET_QUERY}, headers=auth, timeout=120).json()
    assert all(c["document_id"] != doc_id for c in after)
