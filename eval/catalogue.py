"""Scores the catalogue of examples (``ingest/examples.py``) against hand-made cases: ``eval/examples-gold.jsonl``,
one line per concrete example a reader finds in the report and the development corpus ({"doc", "municipality",
"theme", "quote"}: ``quote`` is a piece of the example's text; ``theme`` null where no theme fits, e.g. a table
row of figures). An extracted example matches a case of its document and municipality whose ``quote`` occurs in
its quote.

- precision: extracted examples that match a case / extracted examples (of the documents the cases cover);
- recall: cases that an extracted example matches / cases;
- theme accuracy: matched cases with a theme whose example has that theme / matched cases with a theme.

``python -m eval.catalogue`` prints the table for the index of PMG_INDEX_DIR (build it with
``pmg ingest corpus eval/devcorpus/documents``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

GOLD = Path(__file__).with_name("examples-gold.jsonl")


@dataclass
class Score:
    extracted: int = 0
    correct: int = 0
    cases: int = 0
    found: int = 0
    themed: int = 0
    theme_right: int = 0
    misses: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.cases if self.cases else 1.0

    @property
    def theme_accuracy(self) -> float:
        return self.theme_right / self.themed if self.themed else 1.0


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(records: list[dict], gold: list[dict]) -> dict[str, Score]:
    """Per document of the cases (and "all"), from the store's example records (``Store.example_records``).
    Documents without any case are scored too: each of their examples is a wrong one."""
    docs = sorted({g["doc"] for g in gold} | {r["doc_id"] for r in records})
    out = {d: Score() for d in docs} | {"all": Score()}

    def matches(r: dict, g: dict) -> bool:
        return r["doc_id"] == g["doc"] and r["municipality"] == g["municipality"] and g["quote"] in r["quote"]

    for r in records:
        ok = any(matches(r, g) for g in gold)
        for key in (r["doc_id"], "all"):
            out[key].extracted += 1
            out[key].correct += ok
            if not ok:
                out[key].wrong.append(r)
    for g in gold:
        hits = [r for r in records if matches(r, g)]
        for key in (g["doc"], "all"):
            s = out[key]
            s.cases += 1
            s.found += bool(hits)
            if not hits:
                s.misses.append(g)
            elif g["theme"]:
                s.themed += 1
                s.theme_right += any(r["theme"] == g["theme"] for r in hits)
    return out


def table(scores: dict[str, Score]) -> str:
    lines = ["| document | extracted | cases | precision | recall | theme accuracy |", "|---|---:|---:|---:|---:|---:|"]
    for doc, s in scores.items():
        name = "**all documents**" if doc == "all" else doc
        lines.append(f"| {name} | {s.extracted} | {s.cases} | {s.precision:.2f} | {s.recall:.2f} | "
                     f"{s.theme_accuracy:.2f} |")
    return "\n".join(lines)


def main() -> None:  # pragma: no cover - a report for people
    from assistant.settings import Settings
    from assistant.store import Store
    from ingest.pipeline import embedder_identity

    settings = Settings()
    store = Store(settings, *embedder_identity(settings.embedder))
    scores = score(store.example_records(), load_gold())
    print(table(scores))
    for r in scores["all"].wrong:
        print(f"wrong: {r['doc_id']} {r['municipality']}: {r['quote'][:100]!r}")
    for g in scores["all"].misses:
        print(f"missed: {g['doc']} {g['municipality']}: {g['quote']!r}")


if __name__ == "__main__":
    main()
