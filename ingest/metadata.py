"""Document metadata read from the document itself: title, kind, dates, Kamerstuk number, languages.

Pure functions over the loaded pages' text (blocks as ``ingest/loaders.py`` describes them) and the file's own
metadata (a PDF's title and creation date). A ``manifest.json`` entry overrides every field it gives; what it does
not give comes from here, and only then from the file (name, mtime). See ``ingest/dates.py`` for the dates.

The patterns below are Dutch government and programme document conventions (letterheads, letter fields, the
Kamerstuk head, the headings of the interventions database). No library knows them, so they are written here;
each is anchored to a whole short line, so a body sentence that mentions the same words does not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest import dates

# --- lines that are metadata, not headings ------------------------------------------------------------------

_FIELDS = re.compile(
    r"^(?:datum|onderwerp|betreft|ons kenmerk|uw kenmerk|uw brief(?: van)?|kenmerk|referentie|ons nummer|"
    r"bijlage\(n\)|bijlagen?\s*:?\s*\d*$|contactpersoon|behandeld door|retouradres|doorkiesnummer|telefoon|"
    r"e-?mail|peildatum|aan de (?:voorzitter|leden)|postbus|inlichtingen(?: bij)?|verzonden|publicatiedatum)(?:\b|(?<=\)))",
    re.I)
_LETTERHEAD = re.compile(
    r"^(?:ministerie van|directoraat[- ]generaal|directie|programmadirectie|rijksoverheid\b|"
    r"(?:tweede|eerste) kamer der staten-generaal|vergaderjaar \d{4}|nr\.\s*\d+|kamerstuk|brief van (?:de|het) "
    r"|\d{2} ?\d{3}(?:-[A-Z]{1,3})?(?:,? nr\.|\s+(?-i:[A-Z][a-z]))|pagina \d+(?:\s*(?:van|/)\s*\d+)?$|"
    r"(?:t|f|m|tel\.?|fax)\s*:?\s*[+0(]\d|www\.|https?://|nieuwsbericht$|persbericht$)", re.I)
# an address line: "2511 DP Den Haag", "2500 EA DEN HAAG" (not "2024 EN VERDER": EN, OF, IN, OP are words)
_POSTCODE = re.compile(r"^[1-9]\d{3} ?(?!EN\b|OF\b|IN\b|OP\b)[A-Z]{2}\s+(?:[A-Z]|'s)")
_CLOSING = re.compile(r"^(?:geachte|beste)\b.{0,60},$|^(?:met vriendelijke groet|hoogachtend|namens (?:deze|het college))\b"
                      r"|^de (?:minister|staatssecretaris|ministers)\b.{0,80},", re.I)
_SIGNATURE = re.compile(r"^(?:[A-Z]\.){1,4}\s*(?:(?:van|de|der|den|ter|ten|in 't|van der|van den)\s+)*[A-Z][\w'’-]+$")
_CODE = re.compile(r"^(?=[^a-z]*\d)[\w/.-]+$|^[\W\d_]+$")  # "4087215", "2023Z21490", "1": a reference or a number
_FURNITURE = re.compile(r"\s\|\s*\d{1,3}$")  # "Monitor Preventie met Gezag 2024 | 1": a running footer
_STREET = re.compile(r"^[A-Z][\w'-]*(?:straat|weg|laan|plein|markt|gracht|kade|singel|dijk|park|hof)\s+\d+\w?\b")


DATE_LINE = re.compile(r"^(\d{1,2} )?(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                       r"november|december) \d{4}$", re.I)
TERMINAL = tuple('.!?:;"”’)…')


def is_heading(text: str) -> bool:
    if is_metadata_line(text):
        return False  # a letterhead, address, date or field line ("Onderwerp ...") is no section heading
    if text.startswith("# "):
        return True
    if "\n" in text or len(text) > 90 or text.startswith("- ") or "@" in text or DATE_LINE.match(text):
        return False
    first = text.lstrip("‘'\"“[")[:1]
    return bool(first) and (first.isupper() or first.isdigit()) and not text.endswith(TERMINAL) and len(text.split()) <= 12


def is_metadata_line(text: str) -> bool:
    """Letterhead and address lines, letter fields ("Onderwerp ...", "Datum ...", "Ons kenmerk ..."), date lines,
    the Kamerstuk head ("BRIEF VAN DE MINISTER ...", "28 741 Jeugdcriminaliteit", "Nr. 106") and page furniture
    ("Pagina 2 van 5"): metadata of the document, never the heading of a section."""
    line = " ".join(text.removeprefix("# ").split())
    if not line or len(line) > 120:
        return False
    if _FIELDS.match(line) or _LETTERHEAD.match(line) or _STREET.match(line) or "@" in line:
        return True
    if _CODE.match(line) or _CLOSING.match(line) or _SIGNATURE.match(line) or _FURNITURE.search(line):
        return True
    if re.search(r"\bpostbus \d+", line, re.I) and len(line) <= 100:
        return True
    if _POSTCODE.match(line) and len(line) <= 60:
        return True
    return dates.is_date_line(line)


# --- kind ---------------------------------------------------------------------------------------------------

_ADDRESSED = re.compile(r"\baan de voorzitter van de (?:tweede|eerste) kamer\b|\bgeachte voorzitter\b", re.I)
_LETTER_OF = re.compile(r"^(?:nr\.\s*\d+\s+)?brief van de minister", re.I)
_REFERENCE = re.compile(r"(?<![\d.,])(?P<dossier>\d{2} ?\d{3})(?:-[A-Z]{1,3})?,?\s*(?:nr\.?|nummer)\s*(?P<number>\d{1,4})\b"
                        r"|\bkamerstuk(?:ken)?\s+(?:ii\s+)?(?P<d2>\d{5})-(?P<n2>\d{1,4})\b", re.I)
_DOSSIER_LINE = re.compile(r"^(?P<dossier>\d{2} ?\d{3})(?:-[A-Z]{1,3})?\s+[A-Z]")
_NUMBER_LINE = re.compile(r"^Nr\.\s*(?P<number>\d{1,4})\b")
_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰*]+|\d{1,2}\s+(?=[A-Z]))")
_NEWS = re.compile(r"^(?:nieuwsbericht|persbericht|nieuws)(?:$|\s*[|:·•–—-])", re.I)
_FACTSHEET_HEADINGS = {"doelgroep", "doel", "doelen", "aanpak", "onderbouwing", "erkenning", "effectiviteit",
                       "effecten", "werkzame elementen", "uitvoering", "resultaten"}
_NAMED = [  # a kind named in the title or a heading, and the phrase by which a document names itself
    ("factsheet", re.compile(r"\bfactsheet\b", re.I), None),
    ("monitor", re.compile(r"\bmonitor\b", re.I), re.compile(r"\bdeze monitor\b", re.I)),
    ("voortgangsrapportage", re.compile(r"\bvoortgang(?:s(?:rapportage|rapport|verslag|brief))?\b|\bprogress report\b", re.I),
     re.compile(r"\b(?:deze (?:\w+ )?voortgangsrapportage|dit (?:\w+ )?voortgangsrapport)\b", re.I)),
    ("gemeentelijk-plan", re.compile(r"\b(?:uitvoeringsplan|plan van aanpak|actieplan|lokaal plan)\b", re.I),
     re.compile(r"\b(?:dit|ons) (?:uitvoeringsplan|plan van aanpak|actieplan)\b", re.I)),
]
_MUNICIPALITY = re.compile(r"\bgemeente(?:n|lijke?)?\b", re.I)


def kamerstuk(head: list[str]) -> tuple[str | None, str | None]:
    """The document's own Kamerstuk dossier and number ("28 741", "106") from its head lines; a reference in a
    sentence or a footnote cites another document and is not taken."""
    dossier = number = None
    for line in head:
        if _FOOTNOTE.match(line) or len(line) > 80:
            continue
        if match := _REFERENCE.search(line):
            d, n = match.group("dossier") or match.group("d2"), match.group("number") or match.group("n2")
            return _dossier(d), n
        if dossier is None and (match := _DOSSIER_LINE.match(line)):
            dossier = _dossier(match.group("dossier"))
        if number is None and (match := _NUMBER_LINE.match(line)):
            number = match.group("number")
    return (dossier, number) if dossier else (None, None)


def _dossier(text: str) -> str:
    digits = text.replace(" ", "")
    return f"{digits[:2]} {digits[2:]}"  # "28741" and "28 741" are the same dossier: written as Parliament does


def detect_kind(title: str | None, head: list[str], headings: list[str], text: str, dateline: str | None) -> str | None:
    """The kind the document shows itself to be, or None when it does not show it (never a guess).

    ``dateline``: "strong" for a news dateline with a time of day, "weak" for a date alone near the top of a short
    text that is no letter (see ``_news_dateline``). Strong signals go first, then the kind a title names."""
    head_text = "\n".join(head)
    if _ADDRESSED.search(head_text) or any(_LETTER_OF.match(line) for line in head) or kamerstuk(head)[0]:
        return "kamerbrief"
    if any(_NEWS.match(line) for line in head) or dateline == "strong":
        return "nieuwsbericht"
    for kind, named, _ in _NAMED:
        if title and named.search(title) and _fits(kind, head_text):
            return kind
    found = {h.lower().rstrip(":").strip() for h in headings if len(h.split()) <= 3}
    if len(found & _FACTSHEET_HEADINGS) >= 3:
        return "factsheet"
    if dateline == "weak":
        return "nieuwsbericht"
    short = [h for h in headings if len(h.split()) <= 8]
    for kind, named, itself in _NAMED:
        if (any(named.search(h) for h in short) or (itself and itself.search(text))) and _fits(kind, head_text):
            return kind
    return None


def _fits(kind: str, head_text: str) -> bool:
    return kind != "gemeentelijk-plan" or bool(_MUNICIPALITY.search(head_text))  # a plan of a municipality


# --- title --------------------------------------------------------------------------------------------------

_SUBJECT = re.compile(r"^(?:onderwerp|betreft)\s*:?\s+(?P<title>\S.*?)"
                      r"(?:\s+(?:ons |uw )?(?:kenmerk|datum|bijlagen?|referentie)\b.*)?$", re.I)
_SEPARATOR = re.compile(r"\s+[|–—]\s+|\s+-\s+")  # "Title | Site", "Title - Site"
# names a scanner or an editor gives a file ("Scan 2024-02-16 0931", "img_0012"): not the document's title
_GENERATED = re.compile(r"^(?:scan(?:ned)?|img|image|dsc|document|doc|naamloos|untitled)\b[\W\d_]*$", re.I)
_MINOR = {"van", "de", "het", "en", "voor", "der", "een", "op", "in", "met", "over", "tot", "aan", "te", "om", "bij"}


def find_title(given: str | None, head: list[str], headings: list[str]) -> str | None:
    """A letter's "Onderwerp" line; a printed Kamerstuk's "BRIEF VAN ..." with its dossier's name; else the
    document's main heading, preferred to the title the file gives (PDF metadata, HTML <title>) where the two
    overlap ("Factsheet Alles Kidzzz" / "Alles Kidzzz", "X | Rijksoverheid.nl" / "X"); never a date, letterhead
    or field line."""
    subject = next((m.group("title") for line in head if (m := _SUBJECT.match(line))), None)
    if subject:
        return subject[:1].upper() + subject[1:]
    if letter := _kamerstuk_title(head):
        return letter
    usable = [h for h in headings[: dates.HEAD_BLOCKS] if _usable_title(h)]
    if given and _usable_title(given):
        own = _SEPARATOR.split(given)[0]  # "X | Rijksoverheid.nl": the site's name goes
        heading = next((h for h in usable if _overlap(own, h)), None)
        return " ".join((heading or own).split())
    return " ".join(usable[0].split()) if usable else None


def _overlap(title: str, heading: str) -> bool:
    """The heading says what the title says, maybe more ("X" / "X: more"), maybe less ("Factsheet X" / "X")."""
    a, b = title.lower().strip(), heading.lower().strip()
    return len(min(a, b, key=len)) >= 8 and (a.startswith(b) or b.startswith(a) or a.endswith(b))


def _kamerstuk_title(head: list[str]) -> str | None:
    """"BRIEF VAN DE MINISTERS VAN ... / RECHTSBESCHERMING" (printed over lines) in title case, with the dossier's
    name: "Brief van de Ministers van Justitie en Veiligheid en voor Rechtsbescherming (Jeugdcriminaliteit)"."""
    for i, line in enumerate(head):
        if _LETTER_OF.match(line):
            words = re.sub(r"^nr\.\s*\d+\s+", "", line, flags=re.I).split()
            for more in head[i + 1 : i + 3]:
                if more.isupper() and not is_metadata_line(more):
                    words += more.split()  # the capitals go on over the next line
                else:
                    break
            text = " ".join(w.lower() if w.lower() in _MINOR else w.capitalize() for w in words)
            name = next((m.group("name") for h in head if (m := _DOSSIER_NAME.match(h))), None)
            text = text[:1].upper() + text[1:]
            return f"{text} ({name})" if name else text
    return None


_DOSSIER_NAME = re.compile(r"^\d{2} ?\d{3}(?:-[A-Z]{1,3})?\s+(?P<name>[A-Z][^\d,]{2,80})$")


def _usable_title(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return (letters >= 3 and len(text) <= 250 and not is_metadata_line(text) and not _FOOTNOTE.match(text)
            and not _GENERATED.match(text.strip()))


# --- languages ----------------------------------------------------------------------------------------------

_SAMPLE = 24  # paragraphs per document looked at: enough to see a second language, cheap (~0.1 ms each)


def _detector():
    # lingua with only Dutch and English, in low-accuracy mode: ~0.03 s to load and ~14 MB (high accuracy: 0.6 s
    # and ~100 MB; simplemma's langdetect: 1 s and ~75 MB), and paragraphs of 60+ characters are long enough.
    global _DETECTOR
    if _DETECTOR is None:
        from lingua import Language, LanguageDetectorBuilder

        _DETECTOR = LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH) \
            .with_low_accuracy_mode().build()
    return _DETECTOR


_DETECTOR = None


def detect_languages(blocks: list[str]) -> list[str]:
    """ISO codes of the languages the document is written in, the main one first (["nl"], ["nl", "en"])."""
    paragraphs = [b for b in blocks if len(b) >= 60 and not b.startswith("# ")]
    if not paragraphs:
        paragraphs = [" ".join(blocks)] if sum(map(len, blocks)) >= 20 else []
    step = max(1, len(paragraphs) // _SAMPLE)
    counts: dict[str, int] = {}
    for paragraph in paragraphs[::step][:_SAMPLE]:
        language = _detector().detect_language_of(paragraph)
        if language is not None:
            code = language.iso_code_639_1.name.lower()
            counts[code] = counts.get(code, 0) + 1
    total = sum(counts.values())
    # a second language counts when it is a real part of the text (two paragraphs and a sixth of the sample),
    # not one English quote in a Dutch report
    kept = [c for c, n in counts.items() if n == max(counts.values()) or (n >= 2 and n >= total / 6)]
    return sorted(kept, key=lambda c: -counts[c])


# --- everything together ------------------------------------------------------------------------------------


@dataclass
class DocumentMetadata:
    title: str | None = None
    kind: str | None = None
    date: str | None = None
    date_source: str | None = None  # "manifest" | "text" | "pdf" | "file"
    peildatum: str | None = None
    dossier: str | None = None
    number: str | None = None
    languages: list[str] = field(default_factory=list)


def blocks_of(pages) -> list[str]:
    return [b.strip() for page in pages for b in page.text.split("\n\n") if b.strip()]


def colophon(blocks: list[str]) -> list[str]:
    """The blocks after a "Colofon" heading (where a report states its month), at most 12."""
    for i, block in enumerate(blocks):
        if re.fullmatch(r"(?:# )?(?:colofon|colophon)", block, re.I):
            return blocks[i + 1 : i + 13]
    return []


def describe(pages, given_title: str | None, file_date: str | None) -> DocumentMetadata:
    """What the document itself says; ``file_date``: the date in the file's own metadata (a PDF's creation date)."""
    blocks = blocks_of(pages)
    head = [" ".join(b.removeprefix("# ").split()) for b in blocks[: dates.HEAD_BLOCKS]]
    headings = [b.removeprefix("# ").strip() for b in blocks if is_heading(b)]
    found = dates.find_date(head, [b.removeprefix("# ") for b in colophon(blocks)])
    peil = dates.find_peildatum("\n".join(blocks))
    title = find_title(given_title, head, headings)
    kind = detect_kind(title, head, headings, "\n".join(blocks[: dates.HEAD_BLOCKS * 2]),
                       _news_dateline(found, head, blocks))
    dossier, number = kamerstuk(head)
    meta = DocumentMetadata(title=title, kind=kind, peildatum=peil.value if peil else None, dossier=dossier,
                            number=number, languages=detect_languages(blocks))
    if found:
        meta.date, meta.date_source = found.value, "text"
    elif file_date:
        meta.date, meta.date_source = file_date, "pdf"
    return meta


_LETTER_SIGNS = re.compile(r"^(?:geachte|beste|aan de\b|onderwerp\b|betreft\b)", re.I)


def _news_dateline(found: dates.Found | None, head: list[str], blocks: list[str]) -> str | None:
    """"strong" for a date with a time of day ("23 november 2023, 14:20 uur"); "weak" for a full date (alone, or
    after a place: "Den Haag, 05-09-2022") among the first blocks of a short text that is not a letter (a news item
    is short; a report with a date on its cover is long; a letter has an addressee); else None."""
    if not found or found.form not in ("dateline", "place") or len(found.value) != 10:
        return None
    if re.search(r"\d[:.]\d{2}\s*uur", found.line):
        return "strong"
    if (found.line in head[:4] and sum(len(b.split()) for b in blocks) < 1500
            and not any(_LETTER_SIGNS.match(line) for line in head)):
        return "weak"
    return None


def resolve(meta: DocumentMetadata, entry: dict, path: Path, kind_hint: str | None) -> DocumentMetadata:
    """The manifest entry over what the document says, over what the file says (name, mtime)."""
    out = DocumentMetadata(**vars(meta))
    out.languages = list(meta.languages)
    out.title = entry.get("title") or meta.title or path.stem.replace("-", " ").replace("_", " ")
    out.kind = entry.get("kind") or meta.kind or kind_hint or "onbekend"
    if entry.get("date"):
        out.date, out.date_source = str(entry["date"]), "manifest"
    elif not meta.date:
        out.date, out.date_source = date.fromtimestamp(path.stat().st_mtime).isoformat(), "file"
    for key in ("peildatum", "dossier", "number"):
        if entry.get(key):
            setattr(out, key, str(entry[key]))
    if entry.get("language"):
        given = [entry["language"]] if isinstance(entry["language"], str) else list(entry["language"])
        out.languages = given + [c for c in out.languages if c not in given]
    return out
