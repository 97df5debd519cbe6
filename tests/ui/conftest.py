"""Fixtures of the UI/API tests: ``ui_index``, an index of the real corpus built once per test session (its own,
because the upload test changes it), ``ui_assistant`` on it, and (only when a test asks for it) ``live_server``,
one real `pmg serve` process on a free loopback port."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port, serve_is_healthy, stop, wait_until_ready

from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
AJB_QUESTION = "Hoeveel jongeren zijn extra aangemeld voor AJB?"


def make_settings(index_dir: Path, **overrides) -> Settings:
    """Settings that ignore the developer's environment and .env (no API key unless given)."""
    values = {"index_dir": index_dir, "corpus_dir": CORPUS, "api_key": None, "llm": "none", "chroma_url": None,
              "embedder": "e5", "collection": "pmg"}
    return Settings(_env_file=None, **(values | overrides))


@pytest.fixture(scope="session")
def ui_index(request, tmp_path_factory) -> Settings:
    from ingest.pipeline import ingest

    try:  # tests/conftest.py remembers e5's vectors per session: the same corpus is then not embedded twice
        request.getfixturevalue("_e5_memory")
    except pytest.FixtureLookupError:
        pass

    settings = make_settings(tmp_path_factory.mktemp("index"))
    report = ingest([CORPUS], settings)
    assert not report.errors, report.errors
    assert report.documents >= 1
    return settings


@pytest.fixture(scope="session")
def ui_assistant(ui_index):
    from assistant.service import Assistant

    return Assistant(ui_index)


@pytest.fixture(scope="session")
def live_server(ui_index, tmp_path_factory):
    """Base URL of a real `pmg serve` (API + Gradio) on a copy of the session index; always terminated."""
    index_copy = tmp_path_factory.mktemp("server") / "index"
    shutil.copytree(ui_index.index_dir, index_copy)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMG_")}
    env |= {"PMG_INDEX_DIR": str(index_copy), "PMG_CORPUS_DIR": str(CORPUS), "PMG_LLM": "none",
            "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost"}
    log_path = index_copy.parent / "server.log"
    pmg = Path(sys.executable).with_name("pmg")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(pmg), "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=index_copy.parent,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(proc, serve_is_healthy(base), "pmg serve", log_path, timeout=120)
        yield base
    finally:
        stop(proc)
