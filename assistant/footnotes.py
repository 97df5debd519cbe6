"""Footnotes read with the sentence that refers to them.

A letter puts part of what it says in its footnotes: "… aan uw Kamer gestuurd.²" with, at the foot of the page
(or the end of the letter), "2 Verzonden op 5 juni 2024."; "… wil versterken.1" with "1 Kamerstuk 28 741, nr. 86."
The footnote names nothing of what it speaks of: read alone, it answers no question. Here it is found by its
number in the chunks after the sentence's, and read with that sentence's words, as a sentence is read with its
heading (assistant/context.py).

Written here because the PDF text has no footnote structure left: pypdf gives the marker as a digit glued to the
word or stop before it ("versterken.1", "gestuurd.²") and the note as a line that starts with its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# a marker: superscript digits after a word or stop; plain digits glued to a stop after a word ("versterken.1")
MARK = re.compile(r"(?<=\S)([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?)|(?<=[^\W\d_]{2}[.,;:)])([1-9]\d?)(?=\s|$)")
LOOKAHEAD = 3  # chunks after the sentence's in which its footnote may stand (the page's foot, the letter's end)


def markers(sentence: str) -> list[int]:
    """The footnote numbers a sentence refers to."""
    return [int((m.group(1) or m.group(2)).translate(SUPERSCRIPT)) for m in MARK.finditer(sentence)]


def note_span(text: str, number: int, after: int = 0) -> tuple[int, int] | None:
    """Where footnote ``number`` stands in a chunk's text, at or after ``after``: a line, or what follows a stop and
    another note's end, that starts with the number (plain or superscript) and a capital; up to the next note or
    the line's end."""
    sup = str(number).translate(TO_SUPERSCRIPT)
    start = re.compile(rf"(?:^|(?<=\n)|(?<=[.;:]\s)|(?<=[.;:]\d\s)|(?<=[.;:][¹²³⁴⁵⁶⁷⁸⁹]\s))(?:{number}|{sup})\s+(?=[A-Z‘“])")
    m = start.search(text, after)
    if m is None:
        return None
    end = re.compile(r"\s[1-9]\d?\s+[A-Z]|\n").search(text, m.end())
    return m.start(), end.start() if end else len(text)


@dataclass(frozen=True)
class Note:
    """A footnote found for a sentence: the chunk it stands in, its span there, and the sentence referring to it."""

    chunk_id: str
    start: int
    end: int
    referrer: str  # the text of the sentence with the marker
    referrer_chunk: str
    referrer_start: int  # where that sentence starts in its chunk


def notes_for(sentences, chunk_text: dict[str, str], later_chunks) -> list[Note]:
    """The footnotes of these sentences (each with ``chunk_id``, ``start``, ``text``). ``chunk_text``: the text of
    the chunks known; ``later_chunks(chunk_id)``: the ids and texts of the next chunks of its document, in order."""
    found: list[Note] = []
    for s in sentences:
        for number in markers(s.text):
            places = [(s.chunk_id, chunk_text[s.chunk_id], s.start + len(s.text))] + [
                (cid, text, 0) for cid, text in later_chunks(s.chunk_id)]
            for cid, text, after in places:
                span = note_span(text, number, after)
                if span:
                    found.append(Note(cid, *span, s.text, s.chunk_id, s.start))
                    break
    return found


def later_ids(doc_id: str, chunk: str) -> list[str]:
    """The ids of the LOOKAHEAD chunks of the document after ``chunk`` ("doc:0004" -> "doc:0005", ...)."""
    from ingest.chunking import chunk_id

    n = chunk.rpartition(":")[2]
    return [chunk_id(doc_id, int(n) + k) for k in range(1, LOOKAHEAD + 1)] if n.isdigit() else []
