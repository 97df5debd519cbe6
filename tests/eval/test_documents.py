"""Hand-computed cases for judging by document: cited own document, per-document summaries, the threshold fitter,
re-scoring and leave one document out (eval/documents.py, eval/fitting.py)."""

import pytest

from eval.documents import ALL, format_one_out, leave_one_out, one_out_rows, per_document, write_documents_markdown
from eval.fitting import OFF, ThresholdFitter, Thresholds, best_threshold, fit_thresholds
from eval.metrics import CaseResult, failures, summarise
from tests.conftest import make_settings


def res(id, doc, evidence, answerable=True, right=True, answered=True, group="nl", parts=1, cited_from=None,
        **kw) -> CaseResult:
    """A result recorded with the thresholds off: answered with ``evidence``; the answer holds '576' when right."""
    answer = "576 jongeren [1]" if right else "600 jongeren [1]"
    return CaseResult(id=id, question=f"vraag {id}?", doc=doc, evidence=evidence, answerable=answerable,
                      answered=answered, answer=answer if answered else "(refused)", threshold_group=group,
                      expected_all=["576"] if answerable else [], quotes=["576 jongeren"] if answered else [],
                      cited_docs=[cited_from or doc] if answered else [], parts=parts, **kw)


def test_cited_own_document_needs_a_citation_from_the_case_document():
    own = res("own", "a.pdf", 0.5)
    other = res("other", "a.pdf", 0.5, cited_from="b.pdf")  # right answer, quoted from another document
    s = summarise([own, other])
    assert s.citation_support == 1.0 and s.cited_own_document == 0.5
    assert [f.reasons for f in failures([own, other])] == [["cited only from other documents than its own (a.pdf)"]]
    assert summarise([own.model_copy(update={"doc": None})]).cited_own_document is None


def test_per_document_groups_by_doc_and_totals():
    results = [res("a1", "a.pdf", 0.5), res("a2", "a.pdf", 0.5, right=False), res("b1", "b.pdf", 0.5)]
    by_doc = per_document(results)
    assert list(by_doc) == ["a.pdf", "b.pdf", ALL]
    assert (by_doc["a.pdf"].n, by_doc["a.pdf"].accuracy, by_doc["b.pdf"].accuracy) == (2, 0.5, 1.0)
    assert by_doc[ALL].accuracy == pytest.approx(2 / 3)


def test_best_threshold_counts_right_decisions():
    # answerable right at 0.6 and 0.5, answerable wrong at 0.45, unanswerable at 0.4 and refused anyway
    points = [(0.6, True, True), (0.5, True, True), (0.45, True, False), (0.4, False, False), (None, False, False)]
    t, right = best_threshold(points)
    assert right == 4  # both right answers kept, the wrong one and the unanswerable refused
    assert 0.45 < t <= 0.5


def test_a_case_refused_for_another_reason_is_refused_at_any_threshold():
    refused_anyway = res("u", "a.pdf", 0.9, answerable=False, answered=False)
    thresholds, right = fit_thresholds([refused_anyway, res("ok", "a.pdf", 0.3)])
    assert right == 2 and thresholds.answer_threshold <= 0.3


def test_each_language_gets_its_own_threshold_and_a_missing_one_the_pooled():
    results = [res("nl-ok", "a", 0.5), res("nl-un", "a", 0.45, answerable=False),
               res("en-ok", "a", 0.3, group="en"), res("en-un", "a", 0.2, answerable=False, group="en"),
               res("doc-ok", "a", 0.2, group="document"), res("doc-un", "a", 0.1, answerable=False, group="document")]
    t, right = fit_thresholds(results)
    assert right == 6 and 0.45 < t.answer_threshold <= 0.5 and 0.2 < t.answer_threshold_en <= 0.3
    assert 0.1 < t.answer_threshold_document <= 0.2
    only_nl, _ = fit_thresholds(results[:2])
    assert only_nl.answer_threshold_en == only_nl.answer_threshold == only_nl.answer_threshold_document


def test_the_threshold_fitter_rescores_one_part_answers_and_asks_two_part_ones_again(tmp_path):
    fitter = ThresholdFitter()
    settings = make_settings(tmp_path / "i", tmp_path / "c")
    recording = fitter.recording(settings)
    assert (recording.answer_threshold, recording.answer_threshold_en, recording.answer_threshold_document) == (
        OFF, OFF, OFF)
    params = Thresholds(answer_threshold=0.4, answer_threshold_en=0.3, answer_threshold_document=0.2)
    applied = fitter.apply(settings, params)
    assert (applied.answer_threshold, applied.answer_threshold_en, applied.answer_threshold_document) == (0.4, 0.3, 0.2)
    above, below = res("above", "a", 0.41), res("below", "a", 0.39)
    assert fitter.rescore(above, params) == above
    gone = fitter.rescore(below, params)
    assert not gone.answered and gone.quotes == [] and gone.cited_docs == [] and "0.390" in gone.answer
    assert fitter.rescore(res("en", "a", 0.35, group="en"), params).answered  # the English threshold applies
    assert fitter.rescore(res("doc", "a", 0.25, group="document"), params).answered  # a named document's threshold applies
    assert fitter.rescore(res("two", "a", 0.9, parts=2), params) is None


def test_leave_one_out_fits_without_the_document_it_scores():
    # document a's cases need a low threshold, b's a high one: each fold uses the other's
    recorded = [res("a-ok", "a", 0.3), res("a-un", "a", 0.2, answerable=False),
                res("b-ok", "b", 0.8), res("b-un", "b", 0.7, answerable=False), res("b-two", "b", 0.9, parts=2)]
    asked = []

    def rerun(params, ids):
        asked.append((params.answer_threshold, ids))
        return [res(i, "b", 0.9, parts=2) for i in ids]

    out = leave_one_out(recorded, ThresholdFitter(), rerun)
    folds = {f.doc: f for f in out.folds}
    assert folds["a"].params["answer_threshold"] > 0.7  # fitted on b: a's right answer (0.3) is refused
    assert [r.answered for r in folds["a"].results] == [False, False]
    assert 0.2 < folds["b"].params["answer_threshold"] <= 0.3  # fitted on a: b's unanswerable one (0.7) answered
    assert [r.answered for r in folds["b"].results] == [True, True, True]
    assert (folds["a"].asked_again, folds["b"].asked_again) == (0, 1)
    assert asked[0][1] == ["b-two"] and len(out.pooled) == 5 and len(out.in_sample) == 5
    assert out.fitted_on_all == ThresholdFitter().fit(recorded).model_dump()  # in sample: fitted on every case
    rows = one_out_rows(out)
    assert rows[0][0] == "document" and [r[0] for r in rows[1:]] == ["a", "b", "one-out (pooled)", "in sample (fit on all)"]
    assert "1 of 5 cases asked again" in format_one_out(out)


def test_the_markdown_report_by_document(tmp_path):
    results = [res("a1", "a.pdf", 0.5), res("b1", "b.pdf", 0.5, right=False)]
    out = leave_one_out(results, ThresholdFitter(), lambda params, ids: [])
    text = write_documents_markdown(tmp_path / "r" / "bydoc.md", "hybrid", results, out).read_text(encoding="utf-8")
    assert "| a.pdf | 1 | 1.000 |" in text and "| all documents | 2 | 0.500 |" in text
    assert "## Leave one document out" in text and "### b.pdf (1 of 1)" in text and "a1" not in text.split("## Failures")[1]
