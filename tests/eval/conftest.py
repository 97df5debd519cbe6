"""The dev corpus's index: the report (corpus/) and the fixture documents of eval/devcorpus/documents/, copied to a
temporary folder and ingested once per session in one call (as `pmg ingest corpus eval/devcorpus/documents`
does), with the real default e5 embedder and embedded Chroma. The report's vectors come from the session's
``_e5_memory`` when another index embedded them first.

Skipped without Tesseract: the scanned letter is one of the documents (scripts/ocr.sh installs it)."""

from __future__ import annotations

import shutil

import pytest

from assistant.settings import Settings
from eval.runner import DEVCORPUS_DOCUMENTS
from tests.conftest import CORPUS, _ingest_once, make_settings


@pytest.fixture(scope="session")
def devcorpus_index(tmp_path_factory, _e5_memory) -> Settings:
    from ingest import ocr

    if why := ocr.missing():
        pytest.skip(f"{why}: the dev corpus's scanned letter cannot be read")
    base = tmp_path_factory.mktemp("devcorpus_index")
    shutil.copytree(CORPUS, base / "corpus")
    shutil.copytree(DEVCORPUS_DOCUMENTS, base / "documents")
    settings = make_settings(base / "index", base / "corpus")
    _ingest_once(settings, [base / "corpus", base / "documents"])
    yield settings


@pytest.fixture(scope="session")
def devcorpus_assistant(devcorpus_index):
    from assistant.service import Assistant

    return Assistant(devcorpus_index)
