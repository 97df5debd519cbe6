"""The indexed documents as a user lists them (`pmg documents --json`, GET /api/documents): the new metadata fields,
the same bytes under two names as one document (also on upload), an index written before these fields, and year
filters on a document's own date. Small real indexes with the default embedder (e5)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime

from assistant.service import Assistant
from assistant.types import Filters
from ingest.pipeline import ingest
from tests.conftest import make_settings
from tests.ingest.doc_fixtures import make_letter_pdf

NEWS = ("Straatcoaches in Tilburg\n\nNieuwsbericht | 04-04-2022\n\nDe gemeente Tilburg zet sinds dit jaar 13 "
        "straatcoaches in de wijk in. Zij spreken jongeren aan op straat.\n")
OLD = datetime(2021, 2, 3, 12, 0).timestamp()


def corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_letter_pdf(docs / "brief.pdf")  # Datum 7 juli 2023, Onderwerp ..., Aan de Voorzitter ...
    (docs / "bericht.txt").write_text(NEWS, encoding="utf-8")
    os.utime(docs / "bericht.txt", (OLD, OLD))
    return docs


def test_pmg_documents_json_lists_the_new_fields(tmp_path, run_pmg):
    docs = corpus(tmp_path)
    settings = make_settings(tmp_path / "index", docs)
    assert not ingest([docs], settings).errors
    env = {"PMG_INDEX_DIR": settings.index_dir, "PMG_CORPUS_DIR": docs}
    out = run_pmg("documents", "--json", env=env)
    assert out.returncode == 0, out.stderr
    found = {d["source"]: d for d in json.loads(out.stdout)}
    brief, news = found["brief.pdf"], found["bericht.txt"]
    assert (brief["title"], brief["kind"], brief["date"], brief["date_source"], brief["year"]) == (
        "Voortgang Preventie met Gezag", "kamerbrief", "2023-07-07", "text", 2023)
    assert (brief["pages"], brief["languages"], brief["added_via"]) == (1, ["nl"], "corpus")
    assert brief["chunks"] >= 1 and brief["peildatum"] is None and brief["dossier"] is None
    assert (news["kind"], news["date"], news["date_source"]) == ("nieuwsbericht", "2022-04-04", "text")
    assert {"path", "content_hash", "file_hash"}.isdisjoint(brief)  # the machine's paths are not shown
    text = run_pmg("documents", env=env)
    assert text.returncode == 0 and "kamerbrief; 2023-07-07 (text)" in text.stdout, text.stdout
    assert [d.model_dump() for d in Assistant(settings).documents()] == json.loads(out.stdout)  # = /api/documents


def test_year_filters_find_documents_by_their_own_date(tmp_path):
    docs = corpus(tmp_path)
    settings = make_settings(tmp_path / "index", docs)
    ingest([docs], settings)
    assistant = Assistant(settings)
    question = "Hoeveel straatcoaches zet de gemeente Tilburg in?"
    in_2022 = assistant.ask(question, filters=Filters(year_from=2022, year_to=2022))
    assert in_2022.answered and {c.source for c in in_2022.citations} == {"bericht.txt"}  # its mtime says 2021
    in_2023 = assistant.ask(question, filters=Filters(year_from=2023))
    assert {c.source for c in in_2023.citations + in_2023.related} <= {"brief.pdf"}


def test_same_bytes_under_two_names_are_one_document(tmp_path):
    docs = corpus(tmp_path)
    shutil.copy(docs / "brief.pdf", docs / "kopie van brief.pdf")
    settings = make_settings(tmp_path / "index", docs)
    report = ingest([docs], settings)
    assert (report.documents, report.added, report.errors) == (2, 2, [])
    assert [(d.path.endswith("kopie van brief.pdf"), d.duplicate_of, d.source) for d in report.duplicates] == [
        (True, "brief", "brief.pdf")]
    found = {d.source: d for d in Assistant(settings).documents()}
    assert set(found) == {"brief.pdf", "bericht.txt"} and found["brief.pdf"].also_named == ["kopie van brief.pdf"]
    again = ingest([docs], settings)  # still one document, nothing embedded
    assert (again.documents, again.embedded, again.unchanged, len(again.duplicates)) == (2, 0, 2, 1)


def test_uploading_a_document_already_indexed_returns_its_id(tmp_path):
    from ingest.uploads import Uploads

    docs = corpus(tmp_path)
    settings = make_settings(tmp_path / "index", docs, upload_dir=tmp_path / "uploads")
    ingest([docs], settings)
    assistant = Assistant(settings)
    uploads = Uploads(settings, assistant)

    def save_and_ingest(name: str, data: bytes):
        job = uploads.wait(uploads.submit(name, data).id, timeout=300)
        assert job.status == "done", job
        return job.report, job.document_id

    report, doc_id = save_and_ingest("Kamerbrief juli.pdf", (docs / "brief.pdf").read_bytes())
    assert doc_id == "brief" and report.added == 0 and len(report.duplicates) == 1
    listed = {d.id: d for d in assistant.documents()}
    assert set(listed) == {"brief", "bericht"} and listed["brief"].also_named == ["Kamerbrief-juli.pdf"]
    assert listed["brief"].added_via == "corpus"
    report, new_id = save_and_ingest("bericht2.txt", NEWS.replace("13", "14").encode())
    assert new_id == "bericht2" and {d.id: d.added_via for d in assistant.documents()}["bericht2"] == "upload"


def test_an_index_written_before_these_fields_still_loads_and_is_read_again(tmp_path):
    docs = corpus(tmp_path)
    settings = make_settings(tmp_path / "index", docs)
    ingest([docs], settings)
    store = Assistant(settings).store
    got = store.docs.get(include=["metadatas"])
    new = {"date_source", "peildatum", "dossier", "number", "languages", "also_named", "ocr_pages", "file_hash"}
    old = [{k: v for k, v in m.items() if k not in new} | {"content_hash": "written-by-ingest-version-3"}
           for m in got["metadatas"]]
    store.docs.delete(ids=got["ids"])
    store.docs.add(ids=got["ids"], embeddings=[[0.0]] * len(old), metadatas=old)  # as the old code stored records
    listed = Assistant(settings).documents()
    assert len(listed) == 2 and all(d.date_source is None and d.languages is None for d in listed)
    report = ingest([docs], settings)  # the old hash no longer matches: each document is read again
    assert (report.updated, report.errors) == (2, [])
    assert {d.source: d.date_source for d in Assistant(settings).documents()} == {"brief.pdf": "text",
                                                                                    "bericht.txt": "text"}
