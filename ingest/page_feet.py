"""A PDF page's foot: its footnotes set apart, and a sentence the page break cuts read whole.

pypdf gives a page's text in the order it is printed: the body, then the footnotes under it ("1 De rapportage
gebruikt ..."), and on the next page first its margin (a letter's date and "Ons kenmerk 5178141"), then the rest
of the sentence the page broke ("extra inzetten en ..."). Read in that order, the note sticks to the body's last
line and the sentence is cut in two with the margin in between. Here a note starts a block of its own, and the
rest of a cut sentence is moved up to where it began, before the notes.

Written here: the PDF text keeps no footnote or page-flow structure, and no library reads it back (pypdf's layout
mode keeps positions, not roles).
"""

from __future__ import annotations

import re

from assistant.footnotes import SUPERSCRIPT, markers
from ingest.document import ends_sentence

# a note's first line: its number (plain or superscript) and a capital ("1 Kamerstuk 28 741, nr. 86.", "² Verzonden")
NOTE_START = re.compile(r"^([1-9]\d?|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?)\s+(?=[A-Z‘“])")
MARGIN_LINES = 6  # at most this many short lines (a date, a reference) stand before a page's running text
MARGIN_LENGTH = 40


def note_lines(lines: list[str]) -> list[int]:
    """The indexes of the lines that start a footnote: a number that a marker earlier on the page refers to
    ("versterken.1", "rapportage.¹"), then a capital."""
    found, marked = [], set()
    for k, line in enumerate(lines):
        m = NOTE_START.match(line.strip())
        if m and int(m.group(1).translate(SUPERSCRIPT)) in marked:
            found.append(k)
        else:
            marked |= set(markers(line))
    return found


def set_off_notes(lines: list[str]) -> list[str]:
    """The page's lines with an empty line before each footnote: a note is a block of its own."""
    starts = set(note_lines(lines))
    out: list[str] = []
    for k, line in enumerate(lines):
        if k in starts and out and out[-1].strip():
            out.append("")
        out.append(line)
    return out


def _continuation(lines: list[str]) -> tuple[int, int] | None:
    """Where the rest of a sentence cut by the page break stands on the next page: the first line that starts in
    lower case, after at most a margin of short lines, up to the line that ends the sentence."""
    filled = 0
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if text[0].islower():
            end = k
            while end + 1 < len(lines) and lines[end + 1].strip() and not ends_sentence(lines[end].strip()):
                end += 1
            return k, end + 1
        filled += 1
        if filled > MARGIN_LINES or len(text) > MARGIN_LENGTH:
            return None
    return None


def join_cut_sentences(pages: list[list[str]]) -> list[list[str]]:
    """Pages whose last sentence runs on to the next page, with its rest moved up to the end of their running text
    (before their footnotes); the next page keeps its margin."""
    pages = [list(p) for p in pages]
    for i in range(len(pages) - 1):
        lines = pages[i]
        notes = note_lines(lines)
        body = [k for k in range(notes[0] if notes else len(lines)) if lines[k].strip()]
        if not body or ends_sentence(lines[body[-1]].strip()):
            continue
        found = _continuation(pages[i + 1])
        if found is None:
            continue
        lo, hi = found
        at = body[-1] + 1
        pages[i] = lines[:at] + pages[i + 1][lo:hi] + lines[at:]
        pages[i + 1] = pages[i + 1][:lo] + pages[i + 1][hi:]
    return pages
