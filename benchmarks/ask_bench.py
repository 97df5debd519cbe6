"""Question latency: the default path (``Assistant.ask``: hybrid retrieval + extractive answer) vs a naive
llama-index dense-only top-k baseline, measured in the same run on the same index.

Run from the repository root:  .venv/bin/python benchmarks/ask_bench.py [--index DIR] [--repeat 3] [--json]

- The index: ``--index DIR`` reuses an index there (or builds one there if there is none); without it, corpus/
  is ingested into a temporary folder that is removed afterwards.
- The questions: eval/sets/questions.jsonl, those without a conversation history.
- Warm-up: the first --warmup questions go through both paths once, untimed (model, Chroma, BM25 cache).
- Then --repeat rounds over all questions; per question both paths run back to back (alternating which goes
  first). A question's time is the median of its rounds; the table gives the median and p95 over questions.
- Baseline: ``VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=<our chunks collection>),
  embed_model=<our E5Embedding>).as_retriever(similarity_top_k=8).retrieve(q)`` — retrieval only, no answer.
- Breakdown: the default path's ``Answer.timings_ms``, median per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

GOAL_MS = 100.0


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load_questions(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if not r.get("history")]


def stats(per_question: list[float]) -> dict:
    return {"median": statistics.median(per_question), "p95": float(np.percentile(per_question, 95)),
            "min": min(per_question), "max": max(per_question)}


def run(index: Path | None, corpus: Path, questions_file: Path, repeat: int, warmup: int, k: int) -> dict:
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.errors import NoIndexError
    from assistant.service import Assistant
    from assistant.settings import Settings
    from ingest.pipeline import ingest

    tmp = None
    if index is None:
        tmp = Path(tempfile.mkdtemp(prefix="pmg-ask-bench-"))
        index = tmp / "index"
    try:
        settings = Settings(index_dir=index, chroma_url=None, top_k=k)
        built_s = None
        try:
            _ = Assistant(settings).store  # raises NoIndexError when there is no index
        except NoIndexError:
            log(f"building an index of {corpus} in {index} ...")
            t0 = time.perf_counter()
            report = ingest([corpus], settings)
            built_s = time.perf_counter() - t0
            if report.errors:
                raise SystemExit(f"ingest reported errors: {[e.error for e in report.errors]}")

        assistant = Assistant(settings)
        store = assistant.store
        n_chunks = store.count()
        baseline = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=store.chunks), embed_model=assistant.embedder,
        ).as_retriever(similarity_top_k=k)

        questions = load_questions(questions_file)
        log(f"{len(questions)} questions without history; warming up on {min(warmup, len(questions))}")
        for q in questions[:warmup]:
            assistant.ask(q, suggest=False)
            nodes = baseline.retrieve(q)
            if len(nodes) != min(k, n_chunks):
                raise SystemExit(f"baseline returned {len(nodes)} nodes for {q!r}, expected {min(k, n_chunks)}")

        def time_default(q: str) -> float:
            t0 = time.perf_counter()
            answer = assistant.ask(q, suggest=False)  # the answer alone (suggestions: one more answer each)
            ms = (time.perf_counter() - t0) * 1e3
            stages.setdefault(q, []).append(answer.timings_ms)
            answered[q] = answer.answered
            return ms

        def time_baseline(q: str) -> float:
            t0 = time.perf_counter()
            baseline.retrieve(q)
            return (time.perf_counter() - t0) * 1e3

        samples: dict[str, dict[str, list[float]]] = {q: {"default": [], "baseline": []} for q in questions}
        stages: dict[str, list[dict[str, float]]] = {}
        answered: dict[str, bool] = {}
        t_start = time.perf_counter()
        for r in range(repeat):
            for i, q in enumerate(questions):
                order = (("default", time_default), ("baseline", time_baseline))
                for name, fn in order if (i + r) % 2 == 0 else reversed(order):
                    samples[q][name].append(fn(q))
            log(f"round {r + 1}/{repeat} done")
        bench_s = time.perf_counter() - t_start

        per_q = {name: [statistics.median(samples[q][name]) for q in questions] for name in ("default", "baseline")}
        ratio = [d / b for d, b in zip(per_q["default"], per_q["baseline"], strict=True)]
        stage_names = list(next(iter(stages.values()))[0])
        breakdown = {s: statistics.median(statistics.median(t.get(s, 0.0) for t in stages[q]) for q in questions)
                     for s in stage_names}
        slowest = sorted(zip(per_q["default"], questions, strict=True), reverse=True)[:3]
        return {
            "index": str(index) if tmp is None else "(temporary)",
            "index_built_s": built_s,
            "chunks": n_chunks,
            "embedder": assistant.embedder.model_name,
            "retrieval_mode": settings.retrieval_mode,
            "top_k": k,
            "questions": len(questions),
            "repeat": repeat,
            "answered": sum(answered.values()),
            "bench_s": bench_s,
            "default_ms": stats(per_q["default"]),
            "baseline_ms": stats(per_q["baseline"]),
            "default_over_baseline_median_ratio": statistics.median(ratio),
            "default_breakdown_ms": breakdown,
            "slowest_default": [{"ms": ms, "question": q} for ms, q in slowest],
            "unanswered": [q for q in questions if not answered[q]],  # last round's; diff these between runs
            "goal_median_ms": GOAL_MS,
        }
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def table(r: dict) -> str:
    d, b = r["default_ms"], r["baseline_ms"]
    built = f"; built in {r['index_built_s']:.1f} s" if r["index_built_s"] is not None else ""
    lines = [
        (f"ask benchmark: {r['questions']} questions x {r['repeat']} rounds, index {r['index']} "
        f"({r['chunks']} chunks{built}), embedder {r['embedder']}"),
        "per question: median of its rounds; below: median / p95 over questions (ms)",
        "",
        f"  {'path':<44}{'median':>9}{'p95':>9}{'min':>9}{'max':>9}",
        (f"  {'default: Assistant.ask (' + r['retrieval_mode'] + ' + extractive)':<44}"
        f"{d['median']:>9.1f}{d['p95']:>9.1f}{d['min']:>9.1f}{d['max']:>9.1f}"),
        (f"  {'baseline: llama-index dense top-' + str(r['top_k']) + ' retrieve':<44}"
        f"{b['median']:>9.1f}{b['p95']:>9.1f}{b['min']:>9.1f}{b['max']:>9.1f}"),
        f"  default / baseline, median of per-question ratios: {r['default_over_baseline_median_ratio']:.2f}x",
        (f"  goal: default median < {r['goal_median_ms']:.0f} ms: "
        f"{'ok' if d['median'] < r['goal_median_ms'] else 'OVER GOAL'}"),
        "",
        "  default path, Answer.timings_ms (median per stage, ms):",
    ]
    lines += [f"    {stage:<12}{ms:>9.1f}" for stage, ms in r["default_breakdown_ms"].items()]
    lines += ["", f"  answered {r['answered']}/{r['questions']}; slowest (default path):"]
    lines += [f"    {s['ms']:>8.1f} ms  {s['question']}" for s in r["slowest_default"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="index folder to reuse (built there if missing); default: a temporary one")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder ingested when an index is built")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "sets" / "questions.jsonl")
    parser.add_argument("--repeat", type=int, default=3, help="rounds over the question set")
    parser.add_argument("--warmup", type=int, default=5, help="questions asked untimed first")
    parser.add_argument("--k", type=int, default=8, help="passages retrieved (both paths; the default PMG_TOP_K)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = run(args.index, args.corpus, args.questions, args.repeat, args.warmup, args.k)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
