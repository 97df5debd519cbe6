"""The regression gates CI applies to the eval sets: the one place their thresholds live.

GATE (the main set, eval/sets/questions.jsonl): the issue's targets, 0.95 for answer accuracy, citation support and
grounding, and 0.9 for refusal recall. The extractive default reaches them (see README, "Evaluation"), so the gate
is the target itself. Never lower it to make a change pass.

DEVCORPUS_GATE (eval/sets/devcorpus.jsonl against the report and the dev corpus's documents): not a target but a
floor, the figures the code reached when the gate was set, each rounded down to 2 decimals (eval/README.md, "The
development corpus"). A floor that only goes up: when a change lifts a figure, raise its floor to the new figure
(rounded down); never lower one to make a change pass.
"""

GATE = {
    "accuracy": 0.95,
    "citation_support": 0.95,
    "grounding": 0.95,
    "refusal_recall": 0.90,
}

DEVCORPUS_GATE = {  # measured: 0.239, 0.344, 0.290, 0.986, 0.186, 0.710, 0.278
    "accuracy": 0.23,
    "citation_support": 0.34,
    "cited_own_document": 0.29,
    "grounding": 0.98,
    "direct_accuracy": 0.18,
    "refusal_recall": 0.70,
    "refusal_precision": 0.27,
}


def shortfalls(summary, gate: dict[str, float] = GATE) -> list[str]:
    """Metrics under the gate, as readable lines (empty when the gate passes); a missing metric falls short."""
    out = []
    for name, floor in gate.items():
        value = getattr(summary, name)
        if value is None or value < floor:
            out.append(f"{name} {'missing' if value is None else f'{value:.3f}'} < {floor}")
    return out
