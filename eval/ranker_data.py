"""Training data of the sentence ranker (assistant/ranker.py): each eval case asked once with the ranker off, its
candidate sentences recorded with their features, and labelled from the case's expected strings.

A candidate is positive when its sentence, alone or with the following sentence of its paragraph, holds the case's
expected strings (eval/metrics.py `matches_expected`, on `normalise`d text). Not used for training: unanswerable
cases, cases asked in two parts (each part has its own candidates, the expected strings are the whole answer's)
and cases none of whose candidates is positive (a list gathered over several sentences, a figure retrieval missed).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from assistant import answer as ex
from assistant import ranker
from assistant.question import split_question
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.types import Filters
from eval.metrics import matches_expected
from eval.runner import EvalCase, case_doc


@dataclass
class Sample:
    """One case's candidates: features (rows in the hand score's order, best first) and labels."""

    id: str
    doc: str
    lang: str
    x: np.ndarray  # candidates x ranker.FEATURES
    y: np.ndarray  # 1 for a positive candidate
    fits: np.ndarray  # answer.fits per candidate: the ones compose may quote

    @property
    def eligible(self) -> np.ndarray:
        """The candidates the answer chooses among: those that fit, else all."""
        return self.fits if self.fits.any() else np.ones_like(self.fits)


@dataclass
class Collected:
    samples: list[Sample]
    skipped: Counter = field(default_factory=Counter)  # why a case was not used: its count


def positive(c: ex.Candidate, case: EvalCase) -> bool:
    """The candidate's sentence, or it with the following sentence of its paragraph, holds the expected strings."""
    texts = [c.text] + ([f"{c.text} {c.next.text}"] if c.next is not None else [])
    return any(matches_expected(t, case.expect_all, case.expect_any) for t in texts)


class _Recording(Assistant):
    """The assistant, remembering the question and candidates of every part it answers (ranker off)."""

    seen: list

    def candidates(self, q, qvec, hits, chunks, index):
        cands = super().candidates(q, qvec, hits, chunks, index)
        self.seen.append((q, cands, index))
        return cands


def collect(settings: Settings, cases: list[EvalCase]) -> Collected:
    """Every usable case's sample (see the module docstring), asked on the index of ``settings`` with the ranker off."""
    assistant = _Recording(settings.model_copy(update={"ranker": False}))
    out = Collected([])
    for case in cases:
        if not case.answerable or not (case.expect_all or case.expect_any):
            out.skipped["unanswerable"] += 1
            continue
        if len(split_question(case.question)) > 1:
            out.skipped["asked in two parts"] += 1
            continue
        assistant.seen = []
        assistant.ask(case.question, history=case.history,
                      filters=Filters(document=case.document) if case.document else None, suggest=False)
        if len(assistant.seen) != 1 or not assistant.seen[0][1]:
            out.skipped["no candidates"] += 1
            continue
        q, cands, index = assistant.seen[0]
        y = np.array([positive(c, case) for c in cands], dtype=float)
        if not y.any():
            out.skipped["no positive candidate"] += 1
            continue
        out.samples.append(Sample(id=case.id, doc=case_doc(case), lang=q.lang, x=ranker.features(q, cands, index),
                                  y=y, fits=np.array([ex.fits(q, c) for c in cands], dtype=bool)))
    return out
