"""Runs a question set against the assistant: per-case results, summaries per configuration, calibration."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.errors import UserError
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.types import Message
from eval.metrics import CaseResult, matches_expected, normalise

DEFAULT_SET = Path(__file__).with_name("sets") / "questions.jsonl"
MODES = ("hybrid", "dense", "bm25")


class EvalCase(BaseModel):
    id: str
    question: str
    lang: str = "nl"
    expect_all: list[str] = []
    expect_any: list[str] = []
    answerable: bool = True
    history: list[Message] = []
    document: str | None = None
    tags: list[str] = []


def load_cases(path: Path) -> list[EvalCase]:
    """Cases of a JSON Lines file; a broken line is reported with its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"Cannot read the question set {path}: {exc.strerror or exc}") from exc
    cases = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            cases.append(EvalCase.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            raise UserError(f"{path}:{no}: not a valid case ({str(exc).splitlines()[0]})") from exc
    if not cases:
        raise UserError(f"{path}: no cases in the file")
    return cases


def relevant_chunks(case: EvalCase, chunks: list[tuple[str, str]]) -> list[str]:
    """Chunks that hold the expected strings (all of expect_all, or one of expect_any)."""
    if not case.answerable or not (case.expect_all or case.expect_any):
        return []
    out = []
    for chunk_id, text in chunks:
        norm = normalise(text)
        if case.expect_all and all(normalise(e) in norm for e in case.expect_all):
            out.append(chunk_id)
        elif case.expect_any and any(normalise(e) in norm for e in case.expect_any):
            out.append(chunk_id)
    return out


def run_cases(assistant: Assistant, cases: list[EvalCase], label: str) -> tuple[list[CaseResult], list[float | None]]:
    """Ask every case; returns the results and each case's evidence score (for calibration)."""
    from assistant.question import understand
    from assistant.types import Filters

    chunks = [(i, t) for i, t, _ in assistant.store.scan_chunks()]
    results, evidence = [], []
    for case in cases:
        filters = Filters(document=case.document) if case.document else None
        t0 = time.perf_counter()
        answer = assistant.ask(case.question, history=case.history, filters=filters)
        latency = (time.perf_counter() - t0) * 1e3
        query = understand(case.question, case.history).query
        retrieved = [i for i, _ in assistant.retrieve(query, filters, k=10)]
        results.append(CaseResult(
            id=case.id, question=case.question, lang=case.lang, tags=case.tags, answerable=case.answerable,
            history_used=bool(case.history), expected_all=case.expect_all, expected_any=case.expect_any,
            answer=answer.answer, answered=answer.answered, quotes=[c.quote for c in answer.citations],
            sections=[c.section or "" for c in answer.citations],
            retrieved_ids=retrieved, relevant_ids=relevant_chunks(case, chunks), latency_ms=latency, mode=label,
        ))
        evidence.append(answer.evidence)
    return results, evidence


def calibrate(cases: list[EvalCase], results: list[CaseResult], evidence: list[float | None],
              lang: str | None = None) -> tuple[float, int]:
    """The answer threshold that makes the most right decisions on a run made with the threshold off.

    Right: an answerable case answered correctly (score >= t), an unanswerable one refused (score < t).
    Returns the middle of the best interval, and how many cases it gets right. ``lang`` restricts to one language."""
    keep = [i for i, c in enumerate(cases) if lang is None or c.lang == lang]
    cases, results, evidence = [cases[i] for i in keep], [results[i] for i in keep], [evidence[i] for i in keep]
    scored = sorted({e for e in evidence if e is not None})
    candidates = [0.0] + [(a + b) / 2 for a, b in zip(scored, scored[1:], strict=False)] + [scored[-1] + 0.01 if scored else 1.0]

    def right(t: float) -> int:
        n = 0
        for case, res, ev in zip(cases, results, evidence, strict=True):
            answered = ev is not None and ev >= t
            if case.answerable:
                n += answered and matches_expected(res.answer, case.expect_all, case.expect_any)
            else:
                n += not answered
        return n

    counts = [right(t) for t in candidates]
    best = max(counts)
    winners = [t for t, c in zip(candidates, counts, strict=True) if c == best]
    return round(winners[len(winners) // 2], 3), best


def assistant_for(settings: Settings, **overrides) -> Assistant:
    return Assistant(settings.model_copy(update=overrides))
