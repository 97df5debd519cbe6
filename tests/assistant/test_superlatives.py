"""Which row of a table has the most or the least: computed from the row sentences, totals left out."""

from __future__ import annotations

from assistant.answer import Candidate
from assistant.context import DocContext
from assistant.question import understand
from assistant.superlatives import pick

ROWS = ["Gemeente: Delft; leerlingen bereikt: 310; scholen: 4.",
        "Gemeente: Gouda; leerlingen bereikt: 1.120; scholen: 2.",
        "Gemeente: Totaal (3 gemeenten); leerlingen bereikt: 1.530; scholen: 9.",
        "Gemeente: Zeist; leerlingen bereikt: 100; scholen: 3."]


def rows(doc: str = "tabel-fixture", section: str = "Bereik per gemeente") -> list[Candidate]:
    return [Candidate(sentence_id=f"{doc}:0001:{k}", chunk_id=f"{doc}:0001", text=t, page=1, start=0, end=len(t),
                      context="", context_start=0, block=t, dense=0.0, lexical=0.0, retrieval=0.0, score=0.5 - k / 100,
                      ctx=DocContext(section=section)) for k, t in enumerate(ROWS)]


def test_the_row_with_the_most_of_the_column_asked_is_the_answer_and_a_total_is_no_row():
    found = pick(understand("Welke gemeente heeft de meeste leerlingen bereikt?", []), rows())
    assert (found.name, found.header, found.value) == ("Gouda", "leerlingen bereikt", "1.120")
    found = pick(understand("Welke gemeente had het kleinste aantal scholen?", []), rows())
    assert (found.name, found.value) == ("Gouda", "2")


def test_no_superlative_or_no_column_of_it_is_no_pick():
    assert pick(understand("Welke gemeente heeft leerlingen bereikt?", []), rows()) is None
    assert pick(understand("Welke gemeente heeft het grootste budget?", []), rows()) is None
