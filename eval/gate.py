"""The regression gate CI applies to the eval set: the one place its thresholds live.

The issue's targets: 0.95 for answer accuracy, citation support and grounding, and 0.9 for refusal recall. The
extractive default reaches them (see README, "Evaluation"), so the gate is the target itself. Never lower it to
make a change pass.
"""

GATE = {
    "accuracy": 0.95,
    "citation_support": 0.95,
    "grounding": 0.95,
    "refusal_recall": 0.90,
}


def shortfalls(summary) -> list[str]:
    """Metrics under the gate, as readable lines (empty when the gate passes)."""
    return [f"{name} {getattr(summary, name):.3f} < {floor}" for name, floor in GATE.items()
            if getattr(summary, name) is None or getattr(summary, name) < floor]
