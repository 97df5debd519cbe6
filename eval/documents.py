"""Judging by document: the metrics of each document's cases, and leave one document out.

Leave one document out: for every document d, what the system fits (a `Fitter`, eval/fitting.py) is fitted on the
cases of all other documents, and d's cases are scored with those parameters. The pooled results of all folds
say how well the fitted values carry over to a document nobody fitted them on.

Pure functions and pydantic models: the questions are asked by the caller (eval/runner.py `run_one_out`), which
hands in the recorded results and a function that asks cases again under given parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel

from eval.fitting import Fitter
from eval.metrics import CaseResult, Summary, failures, summarise
from eval.report import aligned, format_value, markdown_table

ALL = "all documents"
# (Summary field, column label, unit as in eval/report.py METRICS)
DOC_METRICS: list[tuple[str, str, str]] = [
    ("n", "cases", "n"),
    ("accuracy", "accuracy", ""),
    ("citation_support", "citation support", ""),
    ("cited_own_document", "cited own doc", ""),
    ("direct_accuracy", "direct answer", ""),
    ("refusal_recall", "refusal recall", ""),
    ("refusal_precision", "refusal precision", ""),
]


def by_document(results: Sequence[CaseResult]) -> dict[str, list[CaseResult]]:
    """The results of each document (`CaseResult.doc`), documents in alphabetical order."""
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(r.doc or "(no document)", []).append(r)
    return dict(sorted(groups.items()))


def per_document(results: Sequence[CaseResult]) -> dict[str, Summary]:
    """A Summary per document, then the totals over all results under `ALL`."""
    return {doc: summarise(rs) for doc, rs in by_document(results).items()} | {ALL: summarise(results)}


def document_rows(summaries: dict[str, Summary], extra: dict[str, list[str]] | None = None,
                  extra_header: Sequence[str] = ()) -> list[list[str]]:
    """A header, then one row per document (and the totals): cases and the DOC_METRICS; ``extra`` adds cells to a
    document's row (``extra_header`` names them)."""
    rows = [["document", *(label for _, label, _ in DOC_METRICS), *extra_header]]
    for doc, s in summaries.items():
        cells = [format_value(getattr(s, field), unit) for field, _, unit in DOC_METRICS]
        rows.append([doc, *cells, *((extra or {}).get(doc) or [""] * len(extra_header))])
    return rows


def format_documents(summaries: dict[str, Summary]) -> str:
    """The per-document table as aligned text."""
    return aligned(document_rows(summaries))


# --- leave one document out ---------------------------------------------------------------------------------


class Fold(BaseModel):
    """One document's cases, scored with what was fitted on the other documents' cases."""

    doc: str
    params: dict[str, float]
    trained_on: int  # cases of the other documents
    asked_again: int  # cases that could not be re-scored from their recorded result
    results: list[CaseResult]


class OneOut(BaseModel):
    fitter: str
    folds: list[Fold]
    fitted_on_all: dict[str, float]  # fitted on every case (in sample), for comparison
    in_sample: list[CaseResult]  # every case scored with fitted_on_all

    @property
    def pooled(self) -> list[CaseResult]:
        """Every case, scored in the fold of its document."""
        return [r for f in self.folds for r in f.results]


Rerun = Callable[[BaseModel, list[str]], list[CaseResult]]  # (params, case ids) -> their results asked again


def score_with(recorded: Sequence[CaseResult], fitter: Fitter, params: BaseModel, rerun: Rerun) -> tuple[list[CaseResult], int]:
    """The recorded results re-scored under ``params``; the cases that cannot be re-scored are asked again (in one
    call of ``rerun``). Also: how many were asked again. Order as in ``recorded``."""
    scored = [fitter.rescore(r, params) for r in recorded]
    todo = [r.id for r, s in zip(recorded, scored, strict=True) if s is None]
    again = {r.id: r for r in rerun(params, todo)} if todo else {}
    return [s if s is not None else again[r.id] for r, s in zip(recorded, scored, strict=True)], len(todo)


def leave_one_out(recorded: Sequence[CaseResult], fitter: Fitter, rerun: Rerun) -> OneOut:
    """For each document: ``fitter`` fitted on the recorded results of the other documents, that document's cases
    scored with the result (see `score_with`). ``recorded``: every case, run once with ``fitter.recording``."""
    folds = []
    for doc, own in by_document(recorded).items():
        train = [r for r in recorded if (r.doc or "(no document)") != doc]
        params = fitter.fit(train)
        results, asked = score_with(own, fitter, params, rerun)
        folds.append(Fold(doc=doc, params=params.model_dump(), trained_on=len(train), asked_again=asked,
                          results=results))
    everything = fitter.fit(recorded)
    in_sample, _ = score_with(recorded, fitter, everything, rerun)
    return OneOut(fitter=fitter.name, folds=folds, fitted_on_all=everything.model_dump(), in_sample=in_sample)


def _params(params: dict[str, float]) -> str:
    return ", ".join(f"{v:.3f}" for v in params.values())


def one_out_rows(result: OneOut) -> list[list[str]]:
    """Per document: its fold's metrics and the fitted parameters; then the pooled one-out totals, and the totals
    of every case scored with the parameters fitted on all documents (in sample)."""
    summaries = {f.doc: summarise(f.results) for f in result.folds}
    extra = {f.doc: [_params(f.params)] for f in result.folds}
    summaries["one-out (pooled)"] = summarise(result.pooled)
    summaries["in sample (fit on all)"] = summarise(result.in_sample)
    extra["in sample (fit on all)"] = [_params(result.fitted_on_all)]
    header = [f"fitted ({', '.join(result.fitted_on_all)})"]
    return document_rows(summaries, extra, header)


def format_one_out(result: OneOut) -> str:
    asked = sum(f.asked_again for f in result.folds)
    return (aligned(one_out_rows(result)) + f"\nleave one document out, fitted: {result.fitter}; "
            f"{asked} of {len(result.pooled)} cases asked again (answered part by part), the others re-scored")


def write_documents_markdown(path: str | Path, label: str, results: Sequence[CaseResult],
                             one_out: OneOut | None = None, title: str = "Eval report by document") -> Path:
    """The per-document table, the leave-one-out table (when given) and the failures, as Markdown."""
    lines = [f"# {title}", "", f"Configuration: {label}.", "", "## Per document", "",
             *markdown_table(document_rows(per_document(results))), ""]
    if one_out is not None:
        lines += ["## Leave one document out", "",
                  f"Fitted: {one_out.fitter}, on the cases of all other documents; each row scores one document's "
                  "cases with what was fitted without them.", "", *markdown_table(one_out_rows(one_out)), ""]
    lines += ["## Failures (per document)", ""]
    for doc, rs in by_document(results).items():
        failed = failures(rs)
        if failed:
            lines += [f"### {doc} ({len(failed)} of {len(rs)})", ""]
            lines += [f"- **{f.id}**: {f.question} — expected {f.expected}; got {' '.join(f.got.split())[:200]} "
                      f"({'; '.join(f.reasons)})" for f in failed]
            lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
