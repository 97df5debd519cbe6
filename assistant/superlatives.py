"""Which row of a table has the most or the least of something: "Welke gemeente had het grootste bereik?".

A table is read into row sentences ("Gemeente: Amsterdam; jongeren bereikt: 1.480; ..."; ingest/tables.py). No
sentence says which row is largest: the answer is computed from the rows, in the column whose header names what
the question asks the most of, over the rows of one table (one document's rows under one heading), totals and
remainders left out. The answer cites the row it names.

Written here: the rows are text in the index, not a dataframe; the comparison is a max over a few numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import answer as ex
from assistant.keyword import terms
from assistant.matching import related_form, root
from assistant.question import Question

MOST = re.compile(r"\b(grootste|hoogste|meeste|largest|highest|biggest|most)\b", re.I)
LEAST = re.compile(r"\b(kleinste|laagste|minste|smallest|lowest|fewest|least)\b", re.I)
# a row that sums or gathers the others is no row to compare ("Totaal (24 gemeenten)", "Overige 12 gemeenten")
AGGREGATE = re.compile(r"\b(totaal|overig\w*|samen|total|other|rest)\b", re.I)
FIGURE = re.compile(r"^\D{0,3}(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\b")


@dataclass
class Pick:
    row: ex.Candidate
    name: str  # the row's name cell ("Amsterdam")
    header: str  # the column compared ("jongeren bereikt")
    value: str  # as written ("1.480")


def asked(q: Question) -> re.Match | None:
    """The superlative of a which-question ("Welke gemeente had het grootste bereik?"), if it asks one."""
    if not (q.asked_terms or q.shape == "place"):  # which, not how many ("het kleinste aantal scholen" is which)
        return None
    return MOST.search(q.text) or LEAST.search(q.text)


def _value(cell: str) -> float | None:
    m = FIGURE.match(cell.strip())
    return float(m.group(1).replace(".", "")) if m else None


def pick(q: Question, cands: list[ex.Candidate]) -> Pick | None:
    """The row with the most (or least) of what is asked, in the table of the best-scoring row whose column headers
    name it; None when no retrieved row has such a column."""
    word = asked(q)
    if word is None:
        return None
    wanted = set(terms(q.text[word.end():]))
    if not wanted:
        return None
    roots = {root(t) for t in wanted}

    def column(row: ex.Candidate) -> str | None:
        for header, value in ex.row_cells(row.text):
            have = set(terms(header))
            if _value(value) is not None and any(t in have or related_form(t, have, {root(h) for h in have})
                                                 for t in wanted | roots):
                return header
        return None

    rows = [(c, header) for c in cands if (header := column(c))]
    if not rows:
        return None
    best, header = max(rows, key=lambda r: r[0].score)
    doc = best.chunk_id.rsplit(":", 1)[0]
    scored = []
    for c, h in rows:
        if h != header or c.chunk_id.rsplit(":", 1)[0] != doc or c.ctx.section != best.ctx.section:
            continue  # another table's row
        name = ex.ROW_PAIR.findall(c.text)[0][1].strip()
        value = dict(ex.row_cells(c.text))[header]
        if not AGGREGATE.search(name):
            scored.append((_value(value), name, value, c))
    if len(scored) < 2:
        return None
    chosen = (max if MOST.search(word.group()) else min)(scored, key=lambda s: s[0])
    return Pick(row=chosen[3], name=chosen[1], header=header, value=chosen[2])
