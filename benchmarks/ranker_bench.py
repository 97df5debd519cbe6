"""Warm question latency with the sentence ranker off and on, paired: each question is asked by both assistants
back to back (alternating which goes first), so a busy machine slows both alike.

Run from the repository root:  PMG_INDEX_DIR=<an index of corpus/> .venv/bin/python benchmarks/ranker_bench.py
(questions: eval/sets/questions.jsonl without history; the first --warmup asked untimed by both).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    from assistant.service import Assistant
    from assistant.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "sets" / "questions.jsonl")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions (0: all)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [r["question"] for r in rows if not r.get("history")][: args.limit or None]
    settings = Settings()
    paths = {"off": Assistant(settings.model_copy(update={"ranker": False})),
             "on": Assistant(settings.model_copy(update={"ranker": True}))}
    for q in questions[: args.warmup]:
        for a in paths.values():
            a.ask(q)
    times: dict[str, list[list[float]]] = {k: [[] for _ in questions] for k in paths}
    for r in range(args.repeat):
        for i, q in enumerate(questions):
            for name in (("off", "on") if (i + r) % 2 == 0 else ("on", "off")):
                t0 = time.perf_counter()
                paths[name].ask(q)
                times[name][i].append((time.perf_counter() - t0) * 1e3)
    for name, per in times.items():
        medians = [statistics.median(t) for t in per]
        print(f"ranker {name}: {len(questions)} questions x {args.repeat}, warm median "
              f"{statistics.median(medians):.1f} ms, p95 {sorted(medians)[int(0.95 * len(medians))]:.1f} ms")


if __name__ == "__main__":
    main()
