"""Tables as quotable sentences: each row with its column headers ("Gemeente: Tilburg; gezinnen in de aanpak: 25.").

PDF tables are found with pdfplumber (``find_tables``), only on pages whose content stream draws rectangles or
lines (a table without rules is not found by pdfplumber either, and its per-page layout pass is what costs time).
pypdf stays the text reader of the page: the lines that fall inside a table's box are taken out of its text and
the table's row sentences stand in their place. Word tables (``ingest/word.py``) use ``row_sentences`` too.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

_RULES = re.compile(rb"(?:^|\s)(?:re|l)\s", re.M)  # PDF path operators: rectangle, line-to
_MARGIN = 2.0  # points: text on a table's rule still belongs to it


@dataclass
class Table:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space (y up), as pypdf reports positions
    sentences: list[str]
    tokens: set[str] = field(default_factory=set)  # every word in the table's cells

    def holds(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 - _MARGIN <= x <= x1 + _MARGIN and y0 - _MARGIN <= y <= y1 + _MARGIN


def _cell(text) -> str:
    return " ".join(str(text or "").split())


def row_sentences(rows: list[list]) -> list[str]:
    """The first row is the header; every other row becomes "Header: value; header: value." (empty cells left out).

    A table with no usable header (one row, or header cells missing) gives its rows as "value; value."."""
    rows = [[_cell(c) for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    header = rows[0]
    usable = len(rows) > 1 and all(header) and len(set(header)) == len(header)
    if not usable:
        return [_sentence("; ".join(c for c in row if c)) for row in rows]
    names = [header[0]] + [_lower_first(h) for h in header[1:]]
    out = []
    for row in rows[1:]:
        parts = [f"{name}: {value}" for name, value in zip(names, row, strict=False) if value]
        if parts:
            out.append(_sentence("; ".join(parts)))
    return out


def _lower_first(header: str) -> str:
    """"Gezinnen in de aanpak" reads "gezinnen in de aanpak" after a semicolon; "AJB" and "Q1" stay as they are."""
    return header[0].lower() + header[1:] if len(header) > 1 and header[1].islower() else header


def _sentence(text: str) -> str:
    text = text.rstrip(" ;,")
    return text if text.endswith((".", "!", "?")) else text + "."


# Rules a page must draw before pdfplumber looks at it. The smallest ruled table (2 x 2 cells) takes four
# rectangles or six lines; a letterhead rule or a footnote separator is one or two (they cost pdfplumber's layout
# pass, ~0.1 s a page, for nothing), and a table with horizontal rules only is not found by pdfplumber anyway.
MIN_RULES = 4


def has_rules(page) -> bool:
    """Does this pypdf page draw enough rectangles or lines for a table? A scan of its content stream, no layout."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return False
    return len(_RULES.findall(data)) >= MIN_RULES


def find_tables(data: bytes, reader) -> dict[int, list[Table]]:
    """Tables per 0-based page index, for the pages of ``reader`` that draw rules; {} when there are none."""
    candidates = [i for i, page in enumerate(reader.pages) if has_rules(page)]
    if not candidates:
        return {}
    import pdfplumber

    found: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in candidates:
                page = pdf.pages[i]
                if not (page.lines or page.rects):
                    continue
                top = float(reader.pages[i].mediabox.top)
                left = float(reader.pages[i].mediabox.left)
                tables = []
                for table in page.find_tables():
                    rows = table.extract()
                    if len(rows) < 2 or max(len(r) for r in rows) < 2:
                        continue  # a box around a paragraph is no table
                    x0, t, x1, b = table.bbox
                    tokens = {w for row in rows for c in row for w in _cell(c).split()}
                    tables.append(Table((left + x0, top - b, left + x1, top - t), row_sentences(rows), tokens))
                if tables:
                    found[i] = tables
    except Exception:  # pdfplumber fails on some files pypdf reads: then the page text stays as pypdf gives it
        return {}
    return found


def replace_regions(lines: list[str], where: list, xs: list, tables: list[Table]) -> tuple[list[str], list]:
    """Drop the page's lines that stand inside a table and put the table's sentences where its first line stood.

    ``where``/``xs``: per line its (y, size) and x, or None when pypdf gave no position; a line without a position
    is dropped when all its words are the table's."""
    out_lines, out_where = [], []
    placed: set[int] = set()
    for line, pos, x in zip(lines, where, xs, strict=True):
        owner = None
        for n, table in enumerate(tables):
            if pos is not None and x is not None:
                if table.holds(x, pos[0]):
                    owner = n
            elif line.strip() and set(line.split()) <= table.tokens:
                owner = n
            if owner is not None:
                break
        if owner is None:
            out_lines.append(line)
            out_where.append(pos)
            continue
        if owner not in placed:
            placed.add(owner)
            for sentence in tables[owner].sentences:
                out_lines += ["", sentence, ""]
                out_where += [None, None, None]
    for n, table in enumerate(tables):  # no line of it was recognised: its rows still go on the page, at the end
        if n not in placed:
            for sentence in table.sentences:
                out_lines += ["", sentence]
                out_where += [None, None]
    return out_lines, out_where


def drop_table_lines(text: str, tables: list[Table]) -> str:
    """Without positions: the lines made only of a table's words go, its sentences come where the first stood."""
    lines = text.split("\n")
    kept, where = replace_regions(lines, [None] * len(lines), [None] * len(lines), tables)
    return "\n".join(kept)
