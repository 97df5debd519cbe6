"""The development corpus (eval/devcorpus/documents/, written on branch devcorpus): what ingest reads from each fixture
document (title, kind, date and its source, peildatum, dossier/number) matches its expected.json. Skipped while
the folder is absent (the branches are merged later). Nothing is embedded: ``prepare`` builds each record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import ocr
from ingest.pipeline import prepare
from tests.conftest import ROOT, make_settings

DEVCORPUS = ROOT / "eval" / "devcorpus"
DOCUMENTS = DEVCORPUS / "documents"  # the fixture files (DEVCORPUS also holds scripts, expected.json, README)
FIELDS = ["title", "kind", "date", "date_source", "peildatum", "dossier", "number"]


@pytest.mark.skipif(not (DEVCORPUS / "expected.json").is_file(), reason="eval/devcorpus/ is not in this checkout")
def test_devcorpus_metadata_matches_expected(tmp_path):
    expected = json.loads((DEVCORPUS / "expected.json").read_text(encoding="utf-8"))
    settings = make_settings(tmp_path / "index", DOCUMENTS)
    wrong = {}
    for entry in expected:
        path = DOCUMENTS / entry["file"]
        if path.suffix == ".pdf" and ocr.missing() and b"/Image" in path.read_bytes() and b"BT" not in path.read_bytes():
            continue  # a scan, and no Tesseract here
        record = prepare(Path(path), path.read_bytes(), {}, path.stem, settings).record.model_dump()
        got = {k: record.get(k) for k in FIELDS if k in entry}
        if got != {k: entry[k] for k in FIELDS if k in entry}:
            wrong[entry["file"]] = {k: (got[k], entry[k]) for k in got if got[k] != entry[k]}
    assert not wrong, wrong
