"""The sentence ranker as a `Fitter` (eval/fitting.py), judged one document out on the answers themselves.

For each left-out document the ranker is trained on the samples (eval/ranker_data.py) of every other document,
its weights written to a file of its own, and that document's cases asked again with the ranker on and that file
(`rescore` is None: which sentence is quoted can only be known by asking). The thresholds stay as configured.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from assistant.settings import Settings
from eval.metrics import CaseResult
from eval.ranker_data import Sample


class RankerParams(BaseModel):
    model: int  # which of the fitter's trained files
    cases: int  # the samples it was trained on


class RankerFitter:
    """Trains a ranker per call of `fit` on the samples of the documents the results are about."""

    name = "sentence ranker"

    def __init__(self, samples: Sequence[Sample], folder: str | Path) -> None:
        self.samples = list(samples)
        self.folder = Path(folder)
        self.files: list[Path] = []

    def recording(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"ranker": False})

    def fit(self, results: Sequence[CaseResult]) -> RankerParams:
        from eval.train_ranker import fit

        docs = {r.doc for r in results}
        train = [s for s in self.samples if s.doc in docs]
        path = fit(train).save(self.folder / f"ranker-{len(self.files)}.json")
        self.files.append(path)
        return RankerParams(model=len(self.files) - 1, cases=len(train))

    def apply(self, settings: Settings, params: RankerParams) -> Settings:
        return settings.model_copy(update={"ranker": True, "ranker_file": self.files[params.model]})

    def rescore(self, result: CaseResult, params: RankerParams) -> CaseResult | None:
        return None


def answers_one_out(settings: Settings, cases: list, samples: Sequence[Sample]) -> str:
    """The cases asked with the ranker off, then each document's cases with the ranker trained without it, and every
    case with the ranker trained on all (in sample): the per-document and the total tables, as text."""
    from assistant.service import Assistant
    from eval.documents import format_documents, format_one_out, leave_one_out, per_document
    from eval.metrics import summarise
    from eval.report import aligned
    from eval.runner import run_cases

    by_id = {c.id: c for c in cases}
    with tempfile.TemporaryDirectory(prefix="pmg-ranker-") as folder:
        fitter = RankerFitter(samples, folder)
        recorded, _ = run_cases(Assistant(fitter.recording(settings)), cases, "ranker off")

        def rerun(params: RankerParams, ids: list[str]) -> list[CaseResult]:
            return run_cases(Assistant(fitter.apply(settings, params)), [by_id[i] for i in ids], "ranker")[0]

        one = leave_one_out(recorded, fitter, rerun)
    rows = [["run", "cases", "accuracy", "citation support", "direct answer", "refusal recall"]]
    for label, results in (("ranker off", recorded), ("ranker one-out (pooled)", one.pooled),
                           ("ranker in sample", one.in_sample)):
        s = summarise(results)
        rows.append([label, str(s.n), *(f"{v:.3f}" if v is not None else "-" for v in
                                        (s.accuracy, s.citation_support, s.direct_accuracy, s.refusal_recall))])
    return (f"ranker off: per document\n{format_documents(per_document(recorded))}\n\n"
            f"ranker: leave one document out\n{format_one_out(one)}\n\n{aligned(rows)}")
