"""The regression gate CI applies to the eval set: the one place its thresholds live.

The issue's targets are 0.95 for answer accuracy, citation support and grounding, and 0.9 for refusal recall.
The current extractive default does not reach all of them yet (see README, "Evaluation"); the gate holds the
figures it does reach, a little under, so that no change can make answers worse unnoticed. Raise them as the
answers improve; never lower them to make a change pass.
"""

GATE = {
    "accuracy": 0.86,
    "citation_support": 0.90,
    "grounding": 0.95,
    "refusal_recall": 0.80,
}
TARGET = {"accuracy": 0.95, "citation_support": 0.95, "grounding": 0.95, "refusal_recall": 0.9}


def shortfalls(summary) -> list[str]:
    """Metrics under the gate, as readable lines (empty when the gate passes)."""
    return [f"{name} {getattr(summary, name):.3f} < {floor}" for name, floor in GATE.items()
            if getattr(summary, name) is None or getattr(summary, name) < floor]
