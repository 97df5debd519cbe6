"""Trains the sentence ranker (assistant/ranker.py) on the eval sets and writes its weights and training report.

    PMG_INDEX_DIR=/tmp/ranker-index python -m eval.train_ranker            # devcorpus + questions, writes both files
    PMG_INDEX_DIR=/tmp/ranker-index python -m eval.train_ranker --answers  # also the answers one document out

The index must hold every document the sets ask about (`pmg ingest corpus eval/devcorpus/documents`).

The model is a conditional (softmax) logistic regression over each case's candidates: the probability that a
candidate is the one quoted is exp(w·x) over the sum for the case's quotable candidates (those `fits`), and the
log-likelihood of the positive ones, with an L2 penalty, is maximised by scipy's L-BFGS on standardised features.
Why not scikit-learn's LogisticRegression: it fits each candidate's label independently (or pairs of them), while
the answer picks one sentence per question; measured one document out, pointwise and pairwise fits chose a positive
sentence less often than the hand score, the conditional fit more often (eval/ranker-report.md). What is constant
over a question (its kind, its language) cancels out of the softmax and acts only through the products with it.
Top-1 accuracy: the share of the used cases whose highest-scoring quotable candidate is positive.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.ranker import DEFAULT_FILE, FEATURES, NAMES, Ranker
from eval.ranker_data import Collected, Sample

REPORT_FILE = Path(__file__).with_name("ranker-report.md")
L2 = 30.0  # the L2 penalty, fixed (the report gives one-out top-1 at 1, 10, 30 and 100; not chosen on it)
L2_GRID = (1.0, 10.0, 30.0, 100.0)


def fit(samples: Sequence[Sample], l2: float = L2) -> Ranker:
    """A ranker fitted on the samples' quotable candidates (see the module docstring)."""
    from scipy.optimize import minimize

    x_all = np.vstack([s.x for s in samples])
    mean, scale = x_all.mean(axis=0), x_all.std(axis=0)
    scale[scale < 1e-9] = 1.0  # a feature constant in training gets weight 0 whatever its scale
    used = [(s.x[s.eligible.astype(bool)], s.y[s.eligible.astype(bool)] > 0) for s in samples]
    used = [(x, pos) for x, pos in used if pos.any()]
    x = (np.vstack([x for x, _ in used]) - mean) / scale  # every case's candidates, one case after the other
    pos = np.concatenate([p for _, p in used])
    sizes = np.array([len(p) for _, p in used])
    starts, case = np.r_[0, np.cumsum(sizes)[:-1]], np.repeat(np.arange(len(used)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        top = np.maximum.reduceat(z, starts)
        e = np.exp(z - top[case])
        every, right = np.add.reduceat(e, starts), np.add.reduceat(e * pos, starts)
        total = float(np.sum(np.log(every) - np.log(right))) + 0.5 * l2 * w @ w
        grad = (e / every[case] - e * pos / right[case]) @ x + l2 * w
        return total, grad

    w = minimize(loss, np.zeros(len(NAMES)), jac=True, method="L-BFGS-B").x
    return Ranker(features=list(NAMES), weights=[round(float(v), 5) for v in w], bias=0.0,
                  mean=[round(float(m), 6) for m in mean], scale=[round(float(v), 6) for v in scale])


def chosen(s: Sample, scores: np.ndarray | None) -> int:
    """The candidate the answer would quote: the best eligible one by ``scores`` (None: the hand order, rows as
    recorded, best first)."""
    ok = np.flatnonzero(s.eligible)
    return int(ok[0]) if scores is None else int(ok[np.argmax(scores[ok])])


def top1(samples: Sequence[Sample], ranker: Ranker | None) -> float:
    """Share of samples whose chosen candidate is positive (``ranker`` None: the hand score's choice)."""
    if not samples:
        return float("nan")
    return float(np.mean([s.y[chosen(s, None if ranker is None else ranker.scores(s.x))] > 0 for s in samples]))


def one_out_top1(samples: Sequence[Sample], l2: float = L2) -> tuple[float, dict[str, tuple[int, float, float]]]:
    """Top-1 with each document's samples ranked by a ranker fitted on the other documents' samples; also per
    document: (cases, hand top-1, one-out top-1)."""
    docs = sorted({s.doc for s in samples})
    per_doc, right = {}, 0
    for doc in docs:
        own = [s for s in samples if s.doc == doc]
        model = fit([s for s in samples if s.doc != doc], l2)
        t = top1(own, model)
        right += t * len(own)
        per_doc[doc] = (len(own), top1(own, None), t)
    return right / len(samples), per_doc


def report_text(collected: Collected, sets: list[str], ranker: Ranker, one_out: float,
                per_doc: dict[str, tuple[int, float, float]], by_c: dict[float, float]) -> str:
    samples = collected.samples
    positives = int(sum(s.y.sum() for s in samples))
    cands = sum(len(s.y) for s in samples)
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(collected.skipped.items())) or "none"
    lines = ["# Sentence ranker: training report", "",
             "Written by `python -m eval.train_ranker` (eval/train_ranker.py); the weights are "
             "`assistant/data/ranker.json`.", "",
             f"- Sets: {', '.join(sets)}; {len(samples)} cases used, {sum(collected.skipped.values())} skipped "
             f"({skipped}).",
             f"- Candidates: {cands}, of them {positives} positive (the sentence, or it with the next one of its "
             "paragraph, holds the expected strings); conditional logistic regression, L2 = "
             f"{L2}, on {len(NAMES)} standardised features.",
             f"- Top-1 (the quoted sentence is a positive one), hand score: **{top1(samples, None):.3f}**; "
             f"ranker in sample: **{top1(samples, ranker):.3f}**; ranker one document out: **{one_out:.3f}**.",
             "- One document out by L2 penalty: " + ", ".join(f"{c:g}: {t:.3f}" for c, t in sorted(by_c.items())) + ".", "",
             "## One document out, per document", "", "| document | cases | hand top-1 | ranker top-1 (one out) |",
             "|---|---:|---:|---:|"]
    lines += [f"| {doc} | {n} | {h:.3f} | {t:.3f} |" for doc, (n, h, t) in per_doc.items()]
    lines += ["", "## Weights", "", "Per standardised feature (a weight per standard deviation of the feature); "
              "features sorted by the size of their weight.", "", "| feature | weight | mean | what it is |",
              "|---|---:|---:|---|"]
    described = dict(FEATURES)
    order = sorted(range(len(NAMES)), key=lambda i: -abs(ranker.weights[i]))
    lines += [f"| {NAMES[i]} | {ranker.weights[i]:+.3f} | {ranker.mean[i]:.3f} | {described[NAMES[i]]} |" for i in order]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    from assistant.settings import Settings
    from eval import runner
    from eval.ranker_data import collect

    parser = argparse.ArgumentParser(prog="python -m eval.train_ranker", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["devcorpus", "questions"], help="eval sets trained on")
    parser.add_argument("--out", type=Path, default=DEFAULT_FILE, help="the weights (JSON)")
    parser.add_argument("--report", type=Path, default=REPORT_FILE, help="the training report (Markdown)")
    parser.add_argument("--answers", action="store_true",
                        help="also ask the devcorpus one document out with each fold's ranker (eval/ranker_fit.py)")
    args = parser.parse_args(argv)
    settings = Settings()
    cases = []
    for name in args.sets:
        own = runner.load_cases(runner.resolve_set(name))
        runner.require_documents(runner.assistant_for(settings), own, name)
        cases += own
    collected = collect(settings, cases)
    ranker = fit(collected.samples)
    by_c = {c: one_out_top1(collected.samples, c)[0] for c in L2_GRID}
    one_out, per_doc = one_out_top1(collected.samples)
    ranker.report = {"sets": args.sets, "cases": len(collected.samples), "skipped": dict(collected.skipped),
                     "positives": int(sum(s.y.sum() for s in collected.samples)), "l2": L2,
                     "top1_hand": round(top1(collected.samples, None), 4),
                     "top1_in_sample": round(top1(collected.samples, ranker), 4), "top1_one_out": round(one_out, 4)}
    ranker.save(args.out)
    args.report.write_text(report_text(collected, args.sets, ranker, one_out, per_doc, by_c), encoding="utf-8")
    print(f"wrote {args.out} and {args.report}: {ranker.report}")
    if args.answers:
        from eval.ranker_fit import answers_one_out

        print(answers_one_out(settings, [c for c in cases if c.doc], collected.samples))


if __name__ == "__main__":
    main()
