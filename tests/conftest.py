"""Shared fixtures: real indexes of the real report, built once per test session, and a `pmg` runner.

- ``corpus_index``: corpus/ (the real report + manifest.json) copied to a temporary folder and ingested with the
  real default embedder (multilingual e5); yields the ``Settings`` of that index.
- ``assistant``: an ``Assistant`` on ``corpus_index``.
- ``pdf_index``: the real report laid out as a PDF by ``tests/pdf_fixtures.report_as_pdf``. That PDF is a
  generated test fixture: the report's own text, nothing added but a running header and footer; where each
  printed line landed is written beside it (``report_pdf_pages``). Ingested into its own temporary index.
- ``pdf_assistant``: an ``Assistant`` on ``pdf_index``.
- The two session indexes share e5's vectors through ``_RememberedE5`` (the PDF form has exactly the texts of the
  .txt form): the real model, each text embedded once per session.
- ``run_pmg``: runs the installed ``pmg`` command in a subprocess with a clean ``PMG_*`` environment.

Names are distinct from fixtures other test folders define (tests/ui/conftest.py belongs to someone else).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REPORT_PDF_NAME = "rapportage-preventie-met-gezag-2024.pdf"


def make_settings(index_dir: Path, corpus_dir: Path, **overrides) -> Settings:
    """Settings of a test index: the real default embedder and no LLM, whatever the caller's environment or a
    stray .env says."""
    fixed = {"embedder": "e5", "llm": "none", "chroma_url": None, "collection": "pmg"}
    return Settings(_env_file=None, index_dir=Path(index_dir), corpus_dir=Path(corpus_dir), **(fixed | overrides))


def pmg_command() -> list[str]:
    script = Path(sys.executable).with_name("pmg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ui.cli"]


def pmg_env(**variables: str) -> dict[str, str]:
    """The caller's environment without any PMG_* setting of its own, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMG_")}
    env.update({"PMG_EMBEDDER": "e5", "PMG_LLM": "none", "COLUMNS": "200"})
    env.update({k: str(v) for k, v in variables.items()})
    return env


@pytest.fixture(scope="session")
def run_pmg(tmp_path_factory):
    """``run_pmg(*args, env={...}, input=None)``: the `pmg` CLI in a subprocess (cwd: an empty folder, so no
    stray .env is read), returning the CompletedProcess with text stdout/stderr."""
    cwd = tmp_path_factory.mktemp("cwd")

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 180,
            prefix: list[str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([*(prefix or []), *pmg_command(), *map(str, args)], env=pmg_env(**(env or {})),
                              input=input, capture_output=True, text=True, timeout=timeout, cwd=cwd)

    return run


class _RememberedE5:
    """The real e5 model, remembering the vectors it computed in this session (keyed by text and query flag).

    The PDF form of the report yields exactly the texts of its .txt form, so the second session index costs no
    second embedding pass. Every vector is still e5's own for that exact text (the model is deterministic)."""

    def __init__(self, model) -> None:
        self.model, self.memory = model, {}

    def encode(self, texts, is_query=False):
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if (t, bool(is_query)) not in self.memory]
        if todo:
            for text, vec in zip(todo, np.asarray(self.model.encode(todo, is_query=is_query)), strict=True):
                self.memory[(text, bool(is_query))] = vec
        return np.stack([self.memory[(t, bool(is_query))] for t in texts])

    def __getattr__(self, name):
        return getattr(self.model, name)


@pytest.fixture(scope="session")
def _e5_memory():
    """Puts _RememberedE5 in front of the process's e5 model while the session indexes exist."""
    from assistant.embedding import make_embedder

    embedder = make_embedder("e5")
    original = embedder._batch  # the engine ingest batches go through
    embedder._batch = _RememberedE5(original)
    yield
    embedder._batch = original


def _ingest_once(settings: Settings, paths: list[Path]) -> None:
    from ingest.pipeline import ingest

    report = ingest(paths, settings)
    assert not report.errors, report.errors
    assert report.documents >= 1 and report.chunks > 0, report


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, _e5_memory) -> Settings:
    """A copy of corpus/ (real report + manifest), ingested once per session with the real e5 embedder."""
    base = tmp_path_factory.mktemp("corpus_index")
    shutil.copytree(CORPUS, base / "corpus")
    settings = make_settings(base / "index", base / "corpus")
    _ingest_once(settings, [settings.corpus_dir])
    yield settings


@pytest.fixture(scope="session")
def assistant(corpus_index):
    from assistant.service import Assistant

    return Assistant(corpus_index)


@pytest.fixture(scope="session")
def pdf_index(tmp_path_factory, _e5_memory) -> Settings:
    """The real report as a generated PDF (tests/pdf_fixtures.report_as_pdf: its own text, laid out over several
    pages), ingested once per session into its own index. The PDF is ``settings.corpus_dir / REPORT_PDF_NAME``;
    ``report_pdf_pages(that path)`` tells which text was drawn on which page."""
    from tests.pdf_fixtures import report_as_pdf

    base = tmp_path_factory.mktemp("pdf_index")
    (base / "corpus").mkdir()
    report_as_pdf(base / "corpus" / REPORT_PDF_NAME)
    settings = make_settings(base / "index", base / "corpus")
    # the placement sidecar (<name>.pages.json) is not a document: ingest the PDF only
    _ingest_once(settings, [settings.corpus_dir / REPORT_PDF_NAME])
    yield settings


@pytest.fixture(scope="session")
def pdf_assistant(pdf_index):
    from assistant.service import Assistant

    return Assistant(pdf_index)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(proc: subprocess.Popen, ready: Callable[[], bool], what: str, log: Path,
                     timeout: float) -> None:
    """Poll ``ready()`` (its exceptions count as not ready) until it is true; fail with the tail of the server's
    ``log`` when ``proc`` exits first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if ready():
                return
        except Exception:  # noqa: BLE001 - not listening yet, or not answering yet
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not get ready within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


def serve_is_healthy(base: str) -> Callable[[], bool]:
    """A readiness probe for `pmg serve` at ``base``: /healthz answers status ok."""
    import httpx

    return lambda: httpx.get(f"{base}/healthz", timeout=5).json().get("status") == "ok"


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process started by a test, killing it if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def upload_and_wait(base: str, headers: dict, name: str, data: bytes, *, replace: bool = False,
                    timeout: float = 300) -> dict:
    """POST a file to a real server's /api/documents (202 and a job), then poll the job until it is over."""
    import httpx

    up = httpx.post(f"{base}/api/documents", headers=headers, params={"replace": "true"} if replace else None,
                    files={"file": (name, data)}, timeout=60)
    assert up.status_code == 202, up.text
    job, deadline = up.json(), time.monotonic() + timeout
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = httpx.get(f"{base}{up.headers['Location']}", headers=headers, timeout=30).json()
    return job
