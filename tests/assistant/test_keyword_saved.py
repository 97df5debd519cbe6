"""The keyword (BM25) index is saved by the ingest under the store's version stamp, and serving processes load it
instead of pulling every chunk out of Chroma: what a user notices is that keyword search is right (never stale,
never from another version) without a scan. Small function-scoped indexes of SHORT text fixtures (below), with
the real default embedder (e5), in embedded Chroma.
"""

from __future__ import annotations

import shutil

import pytest

from assistant.keyword import keyword_dir
from assistant.service import Assistant
from ingest.pipeline import ingest
from tests.conftest import make_settings

# Short fixtures; their sentences are taken from the real report.
AJB_TXT = """Alleen Jij bepaalt Wie je Bent

Met Preventie met Gezag zijn 576 jongeren extra aangemeld voor de interventie Alleen Jij bepaalt Wie je Bent.
"""
WERK_TXT = """Werk en inkomen

Het Arnhemse Prospect 4 Cash werkt samen met jongerenwerk en werkgevers; 251 deelnemers hebben een baan gekregen.
"""


def _no_scan(assistant: Assistant, monkeypatch) -> None:
    def scan():
        raise AssertionError("the keyword index was rebuilt from a scan of the store instead of loaded")

    monkeypatch.setattr(assistant.store, "scan_chunks", scan)


def _keyword_hits(assistant: Assistant, query: str) -> list[str]:
    return [i for i, _ in assistant.retrieve(query, mode="bm25")]


@pytest.fixture
def small_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ajb.txt").write_text(AJB_TXT)
    settings = make_settings(tmp_path / "index", corpus)
    report = ingest([corpus], settings)
    assert not report.errors and report.added == 1
    return settings


def test_ingest_saves_the_keyword_index_and_a_new_process_loads_it(small_index, monkeypatch):
    saved = keyword_dir(small_index)
    fresh = Assistant(small_index)
    assert [p.name for p in saved.iterdir()] == [fresh.store.version()]  # one saved index, the current one
    _no_scan(fresh, monkeypatch)
    hits = _keyword_hits(fresh, "Hoeveel jongeren zijn aangemeld voor Alleen Jij bepaalt Wie je Bent?")
    assert hits and hits[0].startswith("ajb")
    answer = fresh.ask("Hoeveel jongeren zijn extra aangemeld voor Alleen Jij bepaalt Wie je Bent?")
    assert answer.answered and "576" in answer.answer


def test_a_running_process_loads_the_index_saved_by_a_later_ingest(small_index, monkeypatch):
    serving = Assistant(small_index)
    assert not _keyword_hits(serving, "Prospect 4 Cash werkgevers")
    old_version = serving.store.version()

    (small_index.corpus_dir / "werk.txt").write_text(WERK_TXT)
    report = ingest([small_index.corpus_dir], small_index)  # another process, e.g. `pmg ingest`
    assert report.added == 1 and report.unchanged == 1

    saved = keyword_dir(small_index)
    assert [p.name for p in saved.iterdir()] == [serving.store.version()] != [old_version]  # the old one is gone
    _no_scan(serving, monkeypatch)
    hits = _keyword_hits(serving, "Prospect 4 Cash werkgevers")
    assert hits and hits[0].startswith("werk")


def test_an_unreadable_saved_index_is_rebuilt_from_the_store(small_index):
    saved = keyword_dir(small_index)
    version_dir = next(saved.iterdir())
    (version_dir / "meta.json").write_text("{not json")
    fresh = Assistant(small_index)
    hits = _keyword_hits(fresh, "Hoeveel jongeren zijn aangemeld voor Alleen Jij bepaalt Wie je Bent?")
    assert hits and hits[0].startswith("ajb")


def test_a_write_with_no_saved_index_here_is_noticed_and_saved_for_neighbours(small_index):
    """Another machine ingested into the shared store: its keyword index was saved over there, not here."""
    serving = Assistant(small_index)
    assert not _keyword_hits(serving, "Prospect 4 Cash werkgevers")
    (small_index.corpus_dir / "werk.txt").write_text(WERK_TXT)
    ingest([small_index.corpus_dir], small_index)
    shutil.rmtree(keyword_dir(small_index))  # as if that ingest ran on another machine
    hits = _keyword_hits(serving, "Prospect 4 Cash werkgevers")
    assert hits and hits[0].startswith("werk")
    assert [p.name for p in keyword_dir(small_index).iterdir()] == [serving.store.version()]
