"""Feedback on answers through a real `pmg serve` (a subprocess on a free port): POST /api/feedback appends to
PMG_FEEDBACK_FILE, bad posts get a 4xx that says what is wrong, and `pmg feedback` turns the file into eval cases
that the eval loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, serve_is_healthy, stop, wait_until_ready
from tests.ui.conftest import AJB_QUESTION, CORPUS


@pytest.fixture(scope="module")
def server(ui_index, tmp_path_factory):
    """(base URL, feedback file) of a real server on a copy of the session index."""
    root = tmp_path_factory.mktemp("feedback-server")
    shutil.copytree(ui_index.index_dir, root / "index")
    feedback_file = root / "given" / "feedback.jsonl"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMG_")}
    env |= {"PMG_INDEX_DIR": str(root / "index"), "PMG_CORPUS_DIR": str(CORPUS), "PMG_LLM": "none",
            "PMG_FEEDBACK_FILE": str(feedback_file), "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
            "NO_PROXY": "127.0.0.1,localhost"}
    log_path = root / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("pmg")), "serve", "--port", str(port)], cwd=root,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(proc, serve_is_healthy(base), "pmg serve", log_path, timeout=120)
        yield base, feedback_file
    finally:
        stop(proc)


def post(base: str, body, **kw) -> httpx.Response:
    return httpx.post(f"{base}/api/feedback", json=body, timeout=30, **kw)


def test_feedback_is_written_and_exported_as_loadable_cases(server, run_pmg, tmp_path):
    from eval.runner import load_cases

    base, feedback_file = server
    answer = httpx.post(f"{base}/api/ask", json={"question": AJB_QUESTION}, timeout=60).json()
    cited = [{"document_id": c["document_id"], "page": c["page"]} for c in answer["citations"]]
    good = post(base, {"question": AJB_QUESTION, "answer_lead": answer["lead"], "cited": cited, "verdict": "helpful"})
    assert good.status_code == 201, good.text
    bad = post(base, {"question": "Welke gemeenten hebben wijkrechtspraak?", "answer_lead": "drie gemeenten [1]",
                      "verdict": "not_helpful", "remark": "Ik wil de namen van de gemeenten."})
    assert bad.status_code == 201, bad.text
    # the remark added later to the first verdict replaces it (same id)
    again = post(base, {"question": AJB_QUESTION, "answer_lead": answer["lead"], "cited": cited, "verdict": "helpful",
                        "remark": "Precies wat ik zocht.", "id": good.json()["id"]})
    assert again.status_code == 201 and again.json()["id"] == good.json()["id"]

    lines = [json.loads(line) for line in feedback_file.read_text(encoding="utf-8").splitlines()]
    assert [entry["verdict"] for entry in lines] == ["helpful", "not_helpful", "helpful"]
    assert lines[0]["question"] == AJB_QUESTION and lines[0]["answer_lead"] == "576 jongeren [1]"
    assert lines[0]["cited"] == cited and lines[0]["time"].endswith("+00:00")
    assert lines[1]["remark"] == "Ik wil de namen van de gemeenten."

    out = tmp_path / "sets" / "feedback.jsonl"
    done = run_pmg("feedback", feedback_file, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "2 cases (1 not helpful)" in done.stderr
    cases = load_cases(out)
    assert [c.question for c in cases] == ["Welke gemeenten hebben wijkrechtspraak?", AJB_QUESTION]  # not helpful first
    assert all("feedback" in c.tags for c in cases) and cases[0].tags == ["feedback", "not-helpful"]
    raw = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert raw[0]["needs_review"] is True and raw[0]["answer_lead"] == "drie gemeenten"  # for a person's expect_all
    assert raw[1]["remark"] == "Precies wat ik zocht." and raw[1]["answerable"] is True


@pytest.mark.parametrize("body, status, says", [
    ({"question": AJB_QUESTION, "verdict": "great"}, 422, "field 'verdict'"),
    ({"question": "", "verdict": "helpful"}, 422, "field 'question'"),
    ({"question": AJB_QUESTION, "verdict": "helpful", "remark": "x" * 1001}, 422, "field 'remark'"),
    ({"question": AJB_QUESTION, "verdict": "helpful", "file": "/etc/passwd"}, 422, "field 'file'"),
    ({"question": AJB_QUESTION, "verdict": "helpful", "id": "../../x"}, 422, "field 'id'"),
    ({"verdict": "helpful"}, 422, "field 'question': field required"),
])
def test_bad_feedback_is_a_clear_4xx_and_writes_nothing(server, body, status, says):
    base, feedback_file = server
    before = feedback_file.read_text(encoding="utf-8") if feedback_file.exists() else ""
    got = post(base, body)
    assert got.status_code == status, got.text
    assert says in got.json()["error"]["message"]
    assert (feedback_file.read_text(encoding="utf-8") if feedback_file.exists() else "") == before


def test_malformed_and_oversized_bodies(server):
    base, _ = server
    broken = httpx.post(f"{base}/api/feedback", content=b'{"question": ', timeout=30,
                        headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "Malformed JSON" in broken.json()["error"]["message"]
    huge = post(base, {"question": AJB_QUESTION, "verdict": "helpful", "remark": "x" * 20_000})
    assert huge.status_code == 413 and "too large" in huge.json()["error"]["message"]


def test_a_feedback_file_that_cannot_be_written_is_a_503_not_a_500(ui_index, ui_assistant, tmp_path):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    settings = ui_index.model_copy(update={"feedback_file": tmp_path})  # a folder: no file can be appended to it
    client = TestClient(create_app(settings, ui_assistant, ui=False), raise_server_exceptions=False)
    got = client.post("/api/feedback", json={"question": AJB_QUESTION, "verdict": "helpful"})
    assert got.status_code == 503, got.text
    assert got.json()["error"]["message"].startswith("The feedback could not be saved (Is a directory)")
