"""The multi-document gate: eval/sets/devcorpus.jsonl against an index of the report and the dev corpus's
documents (tests/eval/conftest.py), the real e5 embedder and embedded Chroma. Also: the leave-one-out re-scoring
gives what asking with the thresholds gives, on a sample of the set."""

import pytest

from eval.documents import format_documents, per_document
from eval.fitting import ThresholdFitter, Thresholds
from eval.gate import DEVCORPUS_GATE, shortfalls
from eval.metrics import summarise
from eval.runner import load_cases, missing_documents, resolve_set, run_cases

CASES = load_cases(resolve_set("devcorpus"))


@pytest.fixture(scope="module")
def devcorpus_results(devcorpus_assistant):
    """Every case asked once with the configured thresholds."""
    assert not missing_documents(devcorpus_assistant, CASES)
    return run_cases(devcorpus_assistant, CASES, "hybrid")[0]


def test_devcorpus_meets_its_gate(devcorpus_results):
    low = shortfalls(summarise(devcorpus_results), DEVCORPUS_GATE)
    assert not low, f"{low}\nper document:\n{format_documents(per_document(devcorpus_results))}"


def test_rescoring_gives_what_asking_with_the_thresholds_gives(devcorpus_assistant, devcorpus_results):
    """The assumption `ThresholdFitter.rescore` (and so --one-out) rests on: a one-part answer recorded with the
    thresholds off, refused when its evidence is below the threshold, is the answer asked with that threshold."""
    from assistant.service import Assistant

    sample = CASES[::7]  # 32 cases of every document and kind
    fitter, settings = ThresholdFitter(), devcorpus_assistant.settings
    recorded, _ = run_cases(Assistant(fitter.recording(settings)), sample, "hybrid")
    asked = {r.id: r for r in devcorpus_results}
    params = Thresholds(answer_threshold=settings.answer_threshold, answer_threshold_en=settings.answer_threshold_en,
                        answer_threshold_document=settings.answer_threshold_document)
    differ = []
    for rec in recorded:
        real = asked[rec.id]
        got = fitter.rescore(rec, params) or real  # a two-part question is asked again: nothing to compare
        if (got.answered, got.quotes, got.answer if got.answered else "") != (
                real.answered, real.quotes, real.answer if real.answered else ""):
            differ.append(f"{rec.id}: re-scored {got.answered} {got.answer[:80]!r}, asked {real.answered} "
                          f"{real.answer[:80]!r}")
    assert not differ, "\n".join(differ)


def test_eval_says_which_documents_the_index_lacks(run_pmg, corpus_index):
    done = run_pmg("eval", "--set", "devcorpus", "--by-document",
                   env={"PMG_INDEX_DIR": corpus_index.index_dir, "PMG_CORPUS_DIR": corpus_index.corpus_dir})
    assert done.returncode == 1, done.stdout
    assert "The index lacks 14 of the 14 documents the set devcorpus asks about" in done.stderr
    assert f"Add them: pmg ingest {corpus_index.corpus_dir} " in done.stderr
    assert done.stderr.rstrip().endswith("eval/devcorpus/documents")


def test_eval_by_document_and_one_out_from_the_command_line(run_pmg, devcorpus_index, tmp_path):
    import json

    picked = [c for c in CASES if c.doc in ("monitor-pmg-2024.pdf", "scan-brief-gemeente-schiedam.pdf")][::6]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(c.model_dump_json() for c in picked), encoding="utf-8")
    env = {"PMG_INDEX_DIR": devcorpus_index.index_dir, "PMG_CORPUS_DIR": devcorpus_index.corpus_dir}
    shown = run_pmg("eval", "--set", small, "--by-document", "--one-out", "--report", tmp_path / "r.md", env=env,
                    timeout=600)
    assert shown.returncode == 0, shown.stderr
    assert "hybrid: per document (small)" in shown.stdout and "one-out (pooled)" in shown.stdout
    assert "monitor-pmg-2024.pdf" in shown.stdout and "all documents" in shown.stdout
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Per document" in report and "## Leave one document out" in report
    data = json.loads(run_pmg("eval", "--set", small, "--by-document", "--json", env=env, timeout=600).stdout)
    assert set(data["hybrid"]["by_document"]) == {"monitor-pmg-2024.pdf", "scan-brief-gemeente-schiedam.pdf",
                                                  "all documents"}
    assert data["hybrid"]["by_document"]["all documents"]["n"] == len(picked)
