"""A serving process keeps the chunks, sentence vectors and document list it has read, for the index version it
last checked: what a user notices is that a repeated question costs no reads from Chroma, and that an answer is
never stale after an ingest, even one run by another process. Small function-scoped indexes of a SHORT text
fixture (its sentence taken from the real report, its figure changed in the second test), real e5, embedded
Chroma."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from ingest.pipeline import ingest
from tests.conftest import make_settings

AJB_TXT = """Alleen Jij bepaalt Wie je Bent

Met Preventie met Gezag zijn {n} jongeren extra aangemeld voor de interventie Alleen Jij bepaalt Wie je Bent.
"""
QUESTION = "Hoeveel jongeren zijn extra aangemeld voor Alleen Jij bepaalt Wie je Bent?"


@pytest.fixture
def small_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ajb.txt").write_text(AJB_TXT.format(n=576))
    settings = make_settings(tmp_path / "index", corpus)
    assert ingest([corpus], settings).added == 1
    return settings


def test_a_repeated_question_is_answered_without_reading_chunks_again(small_index, monkeypatch):
    serving = Assistant(small_index)
    first = serving.ask(QUESTION)
    assert first.answered and "576" in first.answer

    def no_read(*args, **kwargs):
        raise AssertionError("read from Chroma although nothing changed since the last question")

    for collection in (serving.store.chunks, serving.store.sentence_vectors, serving.store.docs):
        monkeypatch.setattr(collection, "get", no_read)
    again = serving.ask(QUESTION)
    assert again.answer == first.answer and again.citations == first.citations


def test_after_another_process_ingests_the_answer_is_read_fresh(small_index):
    serving = Assistant(small_index)
    assert "576 jongeren" in serving.ask(QUESTION).answer

    (small_index.corpus_dir / "ajb.txt").write_text(AJB_TXT.format(n=612))
    report = ingest([small_index.corpus_dir], small_index)  # another process, e.g. `pmg ingest`
    assert report.updated == 1

    answer = serving.ask(QUESTION)
    assert answer.answered and "612 jongeren" in answer.answer and "576" not in answer.answer
    assert "612" in answer.citations[0].quote
