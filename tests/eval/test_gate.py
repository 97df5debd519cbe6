"""The eval gate: the whole question set against the real corpus index and the real default embedder."""

from eval.gate import GATE, shortfalls
from eval.metrics import failures, summarise
from eval.runner import DEFAULT_SET, load_cases, run_cases


def test_eval_set_meets_the_gate(assistant):
    results, _ = run_cases(assistant, load_cases(DEFAULT_SET), "hybrid")
    summary = summarise(results)
    failed = "\n".join(f"- {f.id}: {f.question} | expected {f.expected} | got {f.got[:160]}" for f in failures(results))
    assert not shortfalls(summary), f"{shortfalls(summary)}\nfailing cases:\n{failed}"


def test_gate_rejects_a_worse_summary():
    worse = summarise([])  # no cases: every share is missing
    assert shortfalls(worse.model_copy(update={name: floor - 0.01 for name, floor in GATE.items()}))


def test_devcorpus_gate_rejects_a_worse_summary():
    from eval.gate import DEVCORPUS_GATE

    worse = summarise([]).model_copy(update={name: floor - 0.01 for name, floor in DEVCORPUS_GATE.items()})
    assert len(shortfalls(worse, DEVCORPUS_GATE)) == len(DEVCORPUS_GATE)
    assert shortfalls(summarise([]), DEVCORPUS_GATE)  # no cases: every share is missing
