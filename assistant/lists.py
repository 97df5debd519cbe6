"""Lists that run over several sentences or bullets: an announcing sentence ("Daarvoor werkt de training aan vier
subdoelen:", "Wij hanteren drie uitgangspunten.") and the items after it (bullets, or "Ten eerste ... Ten tweede
... Ten derde ..."). A list question is answered with all of them, quoted as one verbatim passage.

Written here rather than taken from a library: the items are found in our own chunk text and sentence spans.
"""

from __future__ import annotations

import re

COUNT_WORDS = "twee drie vier vijf zes zeven acht negen tien elf twaalf two three four five six seven eight nine ten"
# "... drie uitgangspunten.", "... vier subdoelen:", "de volgende onderdelen:", "namelijk:"
ANNOUNCES = re.compile(rf"(:\s*$)|\b(?:{'|'.join(COUNT_WORDS.split())}|\d+)\s+(?:[\w'’\-]+\s+){{0,2}}[\w'’\-]+\s*[.:]?\s*$",
                       re.I)
ORDINAL = re.compile(r"^(?:Ten\s+(?:eerste|tweede|derde|vierde|vijfde|zesde|slotte)|Tot\s+slot|Als\s+laatste|"
                     r"(?:De|Het)\s+(?:eerste|tweede|derde|vierde|vijfde|laatste)\b|Daarnaast|Verder|Vervolgens|Ook|"
                     r"Eerst|Firstly|First|Secondly|Second|Thirdly|Third|Finally|Lastly)\b[,]?\s*", re.I)
FIRST_ORDINAL = re.compile(r"^(?:Ten\s+eerste|Eerst|Firstly|First|(?:De|Het)\s+eerste)\b", re.I)
BULLET = re.compile(r"^\s*(?:[-•*▪–]|\d{1,2}[.)])\s+")
ITEM_WORDS = 10  # an item in the short answer: its first clause, at most this many words
MAX_CHARS = 1500  # the longest list quote


def _sentences(spans: list[tuple[int, int, int | None]], after: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in spans if s >= after]


def _short(item: str) -> str:
    item = BULLET.sub("", ORDINAL.sub("", item.strip())).strip()
    clause = re.split(r"[,:;(]\s|\s[–—]\s", item, maxsplit=1)[0].rstrip(" .;,")
    return " ".join(clause.split()[:ITEM_WORDS])


def gather(text: str, spans: list[tuple[int, int, int | None]], start: int, end: int
           ) -> tuple[int, int, list[str]] | None:
    """The list that the sentence ``text[start:end]`` announces, begins or stands in: (start, end, items) of one
    verbatim passage of ``text``; None when it is no list of at least two items."""
    sentence = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    if BULLET.match(text[line_start:end]):  # a bullet: its list runs from the sentence before the first bullet
        lo = line_start
        while True:
            prev = text.rfind("\n\n", 0, max(lo - 2, 0))
            block = text[prev + 2 if prev >= 0 else 0 : lo].strip()
            if not block or not BULLET.match(block):
                break
            lo = prev + 2 if prev >= 0 else 0
        head = [(s, e) for s, e, _ in spans if e <= lo and text[s:e].strip()]
        if not head or not text[head[-1][0]:head[-1][1]].rstrip().endswith(":"):
            return None
        start, end = head[-1]
        sentence = text[start:end]
    if sentence.rstrip().endswith(":") or (ANNOUNCES.search(sentence) and not FIRST_ORDINAL.match(sentence)):
        bullets = _bullets(text, end)
        if bullets:
            return start, bullets[-1][1], [_short(text[s:e]) for s, e in bullets]
        if sentence.rstrip().endswith(":"):
            return None
    following = _sentences(spans, end)
    if not FIRST_ORDINAL.match(sentence):
        if not (following and FIRST_ORDINAL.match(text[following[0][0]:following[0][1]])):
            return None
        items, last = [], end
    else:
        items, last = [_short(sentence)], end
    gap = 0
    for s, e in following:
        if s - start > MAX_CHARS:
            break
        piece = text[s:e]
        if ORDINAL.match(piece):
            items.append(_short(piece))
            last, gap = e, 0
        elif items and gap == 0 and not text[last:s].count("\n\n"):
            gap += 1  # one sentence that goes on about the item before
        else:
            break
    return (start, last, items) if len(items) >= 2 else None


def _bullets(text: str, end: int) -> list[tuple[int, int]]:
    """The bullet lines (or blocks) right after ``end``."""
    out, pos = [], end
    while True:
        m = re.compile(r"\s*\n\s*").match(text, pos)
        if not m:
            break
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        line = text[m.end():line_end]
        if not BULLET.match(line) or line_end - end > MAX_CHARS:
            break
        out.append((m.end(), line_end))
        pos = line_end
    return out
