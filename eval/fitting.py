"""What the system fits on eval cases, as a small interface: a `Fitter` learns parameters from the results of some
cases and puts them into the settings. Today's one fitter is `ThresholdFitter` (the answer thresholds); a learned
sentence ranker would be another (its `fit` retrains on the cases it is given, and it re-scores nothing: every
case it scores is asked again).

Pure functions and pydantic models; no I/O. The runner asks the questions (eval/runner.py), the leave-one-out
driver is eval/documents.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel

from assistant.settings import THRESHOLD_FIELDS, Settings
from eval.metrics import CaseResult, answer_matches

OFF = -1.0  # an answer threshold no evidence score is below: nothing is refused for want of evidence


class Fitter(Protocol):
    """Fits parameters on the results of some cases and applies them; see the module docstring."""

    name: str

    def recording(self, settings: Settings) -> Settings:
        """The settings to record the cases with once, so that `fit` and `rescore` can work from those results."""
        ...

    def fit(self, results: Sequence[CaseResult]) -> BaseModel:
        """Parameters fitted on these (recorded) results."""
        ...

    def apply(self, settings: Settings, params: BaseModel) -> Settings:
        """The settings with the fitted parameters in place: what the system runs with."""
        ...

    def rescore(self, result: CaseResult, params: BaseModel) -> CaseResult | None:
        """The result the case would get under ``apply(settings, params)``, from its recorded result; None when that
        cannot be known without asking the question again."""
        ...


# --- the answer thresholds --------------------------------------------------------------------------------


def best_threshold(points: Sequence[tuple[float | None, bool, bool]]) -> tuple[float, int]:
    """The threshold that makes the most right decisions, and how many it gets right.

    Each point is (the evidence score at or above which the case is answered, or None when it is refused at any
    threshold; whether the case is answerable; whether its answer is right when answered). Right: an answerable
    case answered correctly, an unanswerable one refused. Candidates are 0, the midpoints between distinct scores
    and just above the highest; of the best ones the middle one is returned (rounded to 3 decimals)."""
    scored = sorted({e for e, _, _ in points if e is not None})
    candidates = [0.0] + [(a + b) / 2 for a, b in zip(scored, scored[1:], strict=False)] + [scored[-1] + 0.01 if scored else 1.0]

    def right(t: float) -> int:
        return sum((ok if answerable else False) if ev is not None and ev >= t else not answerable
                   for ev, answerable, ok in points)

    counts = [right(t) for t in candidates]
    best = max(counts)
    winners = [t for t, c in zip(candidates, counts, strict=True) if c == best]
    return round(winners[len(winners) // 2], 3), best


def threshold_point(r: CaseResult) -> tuple[float | None, bool, bool]:
    """A recorded result (thresholds off) as a point of `best_threshold`. A case refused for another reason than its
    evidence (no figure, no names, nothing that mentions the question's names) is refused at any threshold."""
    return (r.evidence if r.answered else None), r.answerable, r.answerable and answer_matches(r)


class Thresholds(BaseModel):
    """The fitted answer thresholds, named as in Settings."""

    answer_threshold: float
    answer_threshold_en: float
    answer_threshold_document: float

    def for_group(self, group: str) -> float:
        """The threshold of a `CaseResult.threshold_group`."""
        return getattr(self, THRESHOLD_FIELDS[group])


def fit_thresholds(results: Sequence[CaseResult]) -> tuple[Thresholds, int]:
    """Each group's threshold fitted on the results it applied to (`threshold_group`: the questions about a document
    they name, else each language's); a group without any such result gets the threshold fitted on all results.
    Also: the right decisions."""
    fitted, right = {}, 0
    for group, name in THRESHOLD_FIELDS.items():
        own = [r for r in results if r.threshold_group == group]
        t, n = best_threshold([threshold_point(r) for r in own or results])
        fitted[name], right = t, right + (n if own else 0)
    return Thresholds(**fitted), right


def refused(r: CaseResult, why: str) -> CaseResult:
    """The result as a refusal: nothing answered, nothing cited."""
    return r.model_copy(update={"answered": False, "answer": f"({why})", "quotes": [], "sections": [],
                                "cited_docs": []})


class ThresholdFitter:
    """Fits `answer_threshold`, `answer_threshold_en` and `answer_threshold_document` (as `pmg eval --calibrate`
    does).

    Recorded with the thresholds off, a question the assistant answers in one part is answered under thresholds
    exactly when it was answered off and its evidence reaches the threshold of its group: the answer
    and its citations do not depend on the threshold (assistant/service.py `compose`). So such a case is
    re-scored from its recorded result. A question answered part by part is asked again: each part is refused or
    answered on its own, and the second part reads the first part's answer."""

    name = "answer thresholds"

    def recording(self, settings: Settings) -> Settings:
        return settings.model_copy(update=dict.fromkeys(THRESHOLD_FIELDS.values(), OFF))

    def fit(self, results: Sequence[CaseResult]) -> Thresholds:
        return fit_thresholds(results)[0]

    def apply(self, settings: Settings, params: Thresholds) -> Settings:
        return settings.model_copy(update=params.model_dump())

    def rescore(self, result: CaseResult, params: Thresholds) -> CaseResult | None:
        if result.parts > 1:
            return None
        t = params.for_group(result.threshold_group)
        if not result.answered or result.evidence is None or result.evidence >= t:
            return result
        return refused(result, f"refused: evidence {result.evidence:.3f} below the threshold {t:.3f}")
