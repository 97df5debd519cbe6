"""Lists that run over several sentences or bullets: an announcing sentence ("Daarvoor werkt de training aan vier
subdoelen:", "Wij hanteren drie uitgangspunten.") and the items after it (bullets, or "Ten eerste ... Ten tweede
... Ten derde ..."). A list question is answered with all of them, quoted as one verbatim passage.

Written here rather than taken from a library: the items are found in our own chunk text and sentence spans.
"""

from __future__ import annotations

import re

from assistant.context import is_label_line

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
LABEL_WORDS = 4  # a line that labels (a list's "Deelnemers:", a page margin's "Ons kenmerk"): at most this many words
MARGIN_LINES = 4  # a page's margin between two bullets: at most this many such lines


# the word after which a sentence's enumeration begins ("netwerken over school en veiligheid, ..., en monitoring")
INTRODUCES = set("over als zoals van voor met op aan in om uit tussen bij door namelijk: are as such like include including "
                 "of for on with to between".split())
LEADING = re.compile(r"^(?:onder\s+(?:andere|meer)|onder\s+anderen|waaronder|zoals|bijvoorbeeld|among\s+others|"
                     r"such\s+as|including)\s+", re.I)
ELEMENT_WORDS = 5  # an element of an enumeration: at most this many words
BULLET_ELEMENT_WORDS = 3  # ... and of one that a bullet is


def enumeration(text: str, open_ended: bool = False) -> list[str] | None:
    """The elements of an enumeration "A, B, C en D" (or "of", "and", "or") that ends ``text`` (a bullet, a sentence):
    after a colon if it has one, else after the word that introduces it; None when there are fewer than three
    elements or one is longer than ELEMENT_WORDS words (then the commas separate clauses, not items).
    ``open_ended``: a bullet of a list that goes on in the next bullet needs no conjunction ("Almelo, Gouda, Haarlem;")."""
    body = re.sub(r"\s*\([^()]*\)", "", text).strip().rstrip(" .;,")  # "Amsterdam (met twee gebieden)": Amsterdam
    body = body.rsplit(": ", 1)[-1]
    parts = [p.strip() for p in body.split(", ")]
    if len(parts) < 2:
        return None
    # the last element follows the conjunction; after a second one the sentence goes on ("de gemeente en een
    # woningcorporatie en zitten midden in de wijk")
    last = re.split(r"\s+(?:en|of|and|or)\s+", parts[-1])
    if len(last) < 2 and not (open_ended and len(parts) >= 3):
        return None
    elements = [*parts[:-1], *last[:2]]
    words = elements[0].split()
    if len(words) > max(len(e.split()) for e in elements[1:]) + 1:
        # longer than the others: the sentence before the first element ("Er zijn nu netwerken over school en
        # veiligheid", "Het gaat om Almere"): what follows the last word that introduces it
        at = max((k for k, w in enumerate(words) if w.lower() in INTRODUCES), default=None)
        if at is not None:
            elements[0] = " ".join(words[at + 1:])
    elements = [LEADING.sub("", e.strip()) for e in elements]
    if all(e.isdigit() for e in elements[1:]):  # "groep 6, 7 en 8": numbers of one thing, said as one
        return None
    if len(elements) < 3 or not all(0 < len(e.split()) <= ELEMENT_WORDS for e in elements):
        return None
    return elements


def _sentences(spans: list[tuple[int, int, int | None]], after: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in spans if s >= after]


def _items(item: str) -> list[str]:
    """A bullet's items in the short answer: the elements of an enumeration it is ("Arnhem, Breda, Eindhoven en
    Heerlen;", "de vier grote steden: Amsterdam, ..."), else its first clause."""
    elements = enumeration(BULLET.sub("", item.strip()), open_ended=True)
    # names or short phrases; longer ones are the clauses of one item ("hebben een betere werkhouding op school,
    # spijbelen minder en worden minder vaak geschorst")
    return elements if elements and all(len(e.split()) <= BULLET_ELEMENT_WORDS for e in elements) else [_short(item)]


def _short(item: str) -> str:
    item = BULLET.sub("", ORDINAL.sub("", item.strip())).strip()
    clause = re.split(r"[,:;(]\s|\s[–—]\s", item, maxsplit=1)[0].rstrip(" .;,")
    return " ".join(clause.split()[:ITEM_WORDS])


def gather(text: str, spans: list[tuple[int, int, int | None]], start: int, end: int, heading_asked: bool = False
           ) -> tuple[int, int, list[str]] | None:
    """The list that the sentence ``text[start:end]`` announces, begins or stands in: (start, end, items) of one
    verbatim passage of ``text``; None when it is no list of at least two items. ``heading_asked``: the section
    heading names what the question asks for ("5. Actiepunten"), so bullets that open the section are its list."""
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
        if not head and heading_asked:  # the bullets open the section: its heading announces them ("5. Actiepunten")
            first_end = text.find("\n", lo)
            first_end = len(text) if first_end < 0 else first_end
            bullets = [(lo, first_end)] + _bullets(text, first_end)
            return (lo, bullets[-1][1], [i for s, e in bullets for i in _items(text[s:e])]) if len(bullets) >= 2 else None
        if not head or not text[head[-1][0]:head[-1][1]].rstrip().endswith(":"):
            return None
        start, end = head[-1]
        sentence = text[start:end]
    if sentence.rstrip().endswith(":") or (ANNOUNCES.search(sentence) and not FIRST_ORDINAL.match(sentence)):
        bullets = _bullets(text, end)
        label = next(((s, e) for s, e, _ in spans if s >= end), None)
        if not bullets and label and "\n" not in text[end:label[0]] and text[label[0]:label[1]].rstrip().endswith(":") \
                and len(text[label[0]:label[1]].split()) <= LABEL_WORDS:
            bullets = _bullets(text, label[1])  # "... in negen subdoelstellingen. Deelnemers:" and the bullets
        if bullets:
            return start, bullets[-1][1], [i for s, e in bullets for i in _items(text[s:e])]
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
    """The bullet lines (or blocks) right after ``end``; a page's margin between two bullets ("1 juli 2022", "Ons
    kenmerk", "4087215": up to MARGIN_LINES short lines that end no sentence) is passed over."""
    out, pos, margin = [], end, 0
    while True:
        m = re.compile(r"\s*\n\s*").match(text, pos)
        if not m:
            break
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        line = text[m.end():line_end]
        if line_end - end > MAX_CHARS:
            break
        if not BULLET.match(line):
            if not out or margin == MARGIN_LINES or not is_label_line(line, words=LABEL_WORDS):
                break
            margin, pos = margin + 1, line_end
            continue
        out.append((m.end(), line_end))
        pos, margin = line_end, 0
    return out


def announcer(text: str, start: int) -> str:
    """The line that announces the bullet list holding ``text[start]`` ("Eind 2025 willen we het volgende bereikt
    hebben:"), or "" when it stands in no bullet, or its bullets follow no such line: what it says (a year, a
    subject) is said of every item."""
    pos = text.rfind("\n", 0, start) + 1  # where the line holding it starts
    if not BULLET.match(text[pos:].split("\n", 1)[0]):
        return ""
    before = text[:pos - 1].split("\n") if pos else []  # the lines before it (pos - 1: the newline that ends them)
    for line in reversed(before):  # nearest first, past the other bullets
        if start - pos > MAX_CHARS:
            break
        pos -= len(line) + 1
        if not line.strip() or BULLET.match(line):
            continue
        return line.strip() if line.rstrip().endswith(":") else ""
    return ""


LIST_AFTER_COLON = re.compile(r":\s*(.+?)[.]?$")
LIST_IN_PARENS = re.compile(r"\(([^()]*,[^()]*)\)")


def list_phrase(sentence: str) -> str | None:
    """The items a sentence lists: in parentheses, after a colon, or the enumeration it ends with ("netwerken over
    school en veiligheid, specialistisch jongerenwerk, criminele families en monitoring"), joined by "; "."""
    for pattern in (LIST_IN_PARENS, LIST_AFTER_COLON):
        m = pattern.search(sentence)
        if m and ("," in m.group(1) or " en " in m.group(1)):
            return "; ".join(enumeration(m.group(1)) or [m.group(1).strip()])
    items = enumeration(sentence)
    return "; ".join(items) if items else None
