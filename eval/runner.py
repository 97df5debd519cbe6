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
from eval.metrics import CaseResult, normalise

SETS_DIR = Path(__file__).with_name("sets")
DEFAULT_SET = SETS_DIR / "questions.jsonl"
DEVCORPUS_DOCUMENTS = Path(__file__).with_name("devcorpus") / "documents"
REPORT_DOC = "rapportage-preventie-met-gezag-2024.txt"  # the document of every case of the report's sets
MODES = ("hybrid", "dense", "bm25")


class EvalCase(BaseModel):
    id: str
    question: str
    lang: str = "nl"
    expect_all: list[str] = []
    expect_any: list[str] = []
    expect_order: list[str] = []  # where documents disagree: the figures the short answer gives, in this order
    answerable: bool = True
    history: list[Message] = []
    document: str | None = None
    tags: list[str] = []
    doc: str | None = None  # the file name of the document that answers the case (eval/README.md)


def cited_dates(answer) -> list[str]:
    """The dates of an answer's cited documents, as its short answer may write them ("19 juni 2025")."""
    from assistant.conflicts import date_text

    return [t for c in answer.citations for d in (c.date, c.peildatum) if d
            for t in (date_text(d, "nl"), date_text(d, "en")) if t]


def case_doc(case: EvalCase) -> str:
    """The document a case is about: its `doc`, else the report (every case of the report's sets is about it)."""
    return case.doc or REPORT_DOC


def resolve_set(value: str | Path | None) -> Path:
    """The question file of ``--set``: a path to a file as given; a bare name (``devcorpus``, ``heldout-3``, with
    or without ``.jsonl``) is that set in eval/sets/; nothing is the main set."""
    if value is None:
        return DEFAULT_SET
    path = Path(value)
    if path.is_file() or path.parent != Path("."):
        return path
    named = SETS_DIR / (path.name if path.suffix == ".jsonl" else f"{path.name}.jsonl")
    if named.is_file():
        return named
    known = ", ".join(sorted(p.stem for p in SETS_DIR.glob("*.jsonl")))
    raise UserError(f"No question set {value!r}: not a file, nor a set in {SETS_DIR} (known: {known})")


def load_cases(path: Path) -> list[EvalCase]:
    """Cases of a JSON Lines file; a broken line is reported with its number. In a file where some cases name
    their document (`doc`), every case must."""
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
    without = [c.id for c in cases if not c.doc]
    if without and len(without) < len(cases):
        raise UserError(f"{path}: {len(without)} cases name no document (`doc`) while the others do, e.g. "
                        f"{', '.join(without[:3])}")
    return cases


def missing_documents(assistant: Assistant, cases: list[EvalCase]) -> list[str]:
    """The documents the cases name (`doc`) that the index does not hold (by file name, or a name it also has)."""
    named = {c.doc for c in cases if c.doc}
    if not named:
        return []
    held = set()
    for d in assistant.documents():
        held |= {d.source, *(getattr(d, "also_named", None) or [])}
    return sorted(named - held)


def require_documents(assistant: Assistant, cases: list[EvalCase], set_name: str) -> None:
    """A UserError that says which documents of the set the index lacks, and the command that adds them."""
    missing = missing_documents(assistant, cases)
    if not missing:
        return
    folders = sorted({str(_shown(p.parent)) for name in missing
                      for p in [DEVCORPUS_DOCUMENTS / name, assistant.settings.corpus_dir / name] if p.is_file()})
    named = {c.doc for c in cases if c.doc}
    add = (f"Add them: pmg ingest {' '.join(dict.fromkeys([str(assistant.settings.corpus_dir), *folders]))}"
           if folders else "Ingest the files the cases name.")
    shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
    raise UserError(f"The index lacks {len(missing)} of the {len(named)} documents the set {set_name} asks about "
                    f"({shown}). {add}")


def _shown(path: Path) -> Path:
    """A path relative to the working folder when it lies below it (as a user would type it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


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
    """Ask every case; returns the results and each case's evidence score (for calibration; also in the results)."""
    from assistant.question import split_question, understand
    from assistant.types import Filters

    chunks = [(i, t) for i, t, _ in assistant.store.scan_chunks()]
    results, evidence = [], []
    for case in cases:
        filters = Filters(document=case.document) if case.document else None
        t0 = time.perf_counter()
        answer = assistant.ask(case.question, history=case.history, filters=filters, suggest=False)  # scored: the answer
        latency = (time.perf_counter() - t0) * 1e3
        understood = understand(case.question, case.history)
        understood.documents = assistant.documents_meant(understood)  # as answering sets them
        retrieved = [i for i, _ in assistant.retrieve(understood.query, filters, k=10)]
        results.append(CaseResult(
            id=case.id, question=case.question, lang=case.lang, tags=case.tags, answerable=case.answerable,
            history_used=bool(case.history), expected_all=case.expect_all, expected_any=case.expect_any,
            expected_order=case.expect_order,
            answer=answer.answer, answered=answer.answered, quotes=[c.quote for c in answer.citations],
            sections=[c.section or "" for c in answer.citations],
            retrieved_ids=retrieved, relevant_ids=relevant_chunks(case, chunks), latency_ms=latency, mode=label,
            doc=case_doc(case), cited_docs=[c.source for c in answer.citations],
            cited_dates=cited_dates(answer), evidence=answer.evidence,
            threshold_group=understood.threshold_group,
            parts=len(split_question(case.question)),
        ))
        evidence.append(answer.evidence)
    return results, evidence


def calibrate(results: list[CaseResult]):
    """The answer thresholds that make the most right decisions on a run made with the thresholds off, one per
    threshold group (`CaseResult.threshold_group`), and how many decisions they get right.

    Right: an answerable case answered correctly (score >= t), an unanswerable one refused (score < t, or refused
    for another reason). Each is the middle of its best interval (eval/fitting.py)."""
    from eval.fitting import fit_thresholds

    return fit_thresholds(results)


def assistant_for(settings: Settings, **overrides) -> Assistant:
    return Assistant(settings.model_copy(update=overrides))


def run_one_out(settings: Settings, cases: list[EvalCase], fitter, label: str):
    """Leave one document out (eval/documents.py): every case asked once with ``fitter.recording(settings)``, then
    each document's cases scored with what was fitted on the others; a case that cannot be re-scored is asked
    again under its fold's parameters."""
    from eval.documents import leave_one_out

    by_id = {c.id: c for c in cases}
    recorded, _ = run_cases(Assistant(fitter.recording(settings)), cases, label)

    def rerun(params, ids: list[str]) -> list[CaseResult]:
        return run_cases(Assistant(fitter.apply(settings, params)), [by_id[i] for i in ids], label)[0]

    return leave_one_out(recorded, fitter, rerun)
