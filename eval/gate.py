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

DEVCORPUS_GATE = {  # measured: 0.923 (0.9231), 0.958 (0.9577), 0.926 (0.9259), 1.000, 0.909, 0.806 (25 of 31), 0.806
    "accuracy": 0.92,
    "citation_support": 0.95,
    "cited_own_document": 0.92,
    "grounding": 0.98,
    "direct_accuracy": 0.90,
    # lowered once, from 0.64, openly: retrieving chunks under their document's title (accuracy 0.549 -> 0.620,
    # one-out 0.585 -> 0.677) brings two near misses within reach ("In welke wijken van Arnhem ...?", "En
    # Nijmegen?" after a question about Utrecht), 20 -> 18 of 31 refused; see eval/README.md. Since raised: "En
    # Nijmegen?" is refused again (its figure counts municipalities, not young people), and four municipalities
    # that the documents count but do not name, 22 of 31; then a date asked for that is a day, and "the third
    # monitor" that is not here, 24 of 31; then a letter signed by hand whose closing names no one, 25 of 31
    "refusal_recall": 0.80,
    "refusal_precision": 0.80,
}


def shortfalls(summary, gate: dict[str, float] = GATE) -> list[str]:
    """Metrics under the gate, as readable lines (empty when the gate passes); a missing metric falls short."""
    out = []
    for name, floor in gate.items():
        value = getattr(summary, name)
        if value is None or value < floor:
            out.append(f"{name} {'missing' if value is None else f'{value:.3f}'} < {floor}")
    return out
