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

DEVCORPUS_GATE = {  # measured: 0.928 (0.9282), 0.963 (0.9630), 0.937 (0.9365), 1.000, 0.918, 0.903 (28 of 31), 0.824
    "accuracy": 0.92,
    "citation_support": 0.96,
    "cited_own_document": 0.93,
    "grounding": 0.98,
    "direct_accuracy": 0.91,
    # lowered once, from 0.64, openly: retrieving chunks under their document's title (accuracy 0.549 -> 0.620,
    # one-out 0.585 -> 0.677) brought two near misses within reach; see eval/README.md. Raised since by every
    # refusal a general reading won back (a figure of other things, places counted but not named, a day asked, a
    # document that is not here, a letter signed by hand, a name given only among its peers, a measure no passage
    # gives, a document's dateline for another event), 28 of 31
    "refusal_recall": 0.90,
    "refusal_precision": 0.82,
}


def shortfalls(summary, gate: dict[str, float] = GATE) -> list[str]:
    """Metrics under the gate, as readable lines (empty when the gate passes); a missing metric falls short."""
    out = []
    for name, floor in gate.items():
        value = getattr(summary, name)
        if value is None or value < floor:
            out.append(f"{name} {'missing' if value is None else f'{value:.3f}'} < {floor}")
    return out
