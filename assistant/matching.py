"""How a text meets a question's words and names: another form of a word (a participle and its verb, a compound
and its head), the IDF-weighted share of the question's terms a text covers, the forms a name takes ("Haagse",
"Tilburg's") and the long forms of abbreviations ("PGA": "persoonsgerichte aanpak").

Written here on top of the Snowball stems (assistant/keyword.py), which leave a participle and its verb apart
("aangesteld" / "aanstell").
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.keyword import KeywordIndex
from assistant.numbers import number_of_name, numerals
from assistant.question import SEPARABLE, Question


# the past forms of the common irregular verbs, and the root their other forms get (below)
IRREGULAR_PAST = {"zocht": "zoek", "bracht": "breng", "dacht": "denk", "kocht": "kop", "vocht": "vecht"}


@lru_cache(maxsize=65536)
def root(term: str) -> str:
    """A stemmed Dutch verb form reduced further, so that a participle meets its verb: "aangesteld" and
    "aanstellen" (stem "aanstell") both give "aanstel", "georganiseerd" and "organiseren" give "organiser"."""
    for prefix in ("", *SEPARABLE):
        if term.startswith(prefix + "ge") and len(term) - len(prefix) - 2 >= (3 if prefix else 4):
            term = prefix + term[len(prefix) + 2:]
            break
    for past, verb in IRREGULAR_PAST.items():  # "onderzocht" meets "onderzoek"
        if term.endswith(past):
            return term[: -len(past)] + verb
    term = re.sub(r"[dt]$", "", term)
    term = re.sub(r"([^aeiou])\1$", r"\1", term)  # aanstell -> aanstel
    return re.sub(r"([aeou])\1", r"\1", term)  # organiseer -> organiser


def related_form(term: str, text_terms: set[str], text_roots: set[str]) -> bool:
    """Whether the text has another form of a question term: the participle of its verb, the head of its compound
    ("aandachtswijk" ~ "wijk"), or a compound with it as head ("criminaliteit" ~ "jeugdcriminaliteit")."""
    if len(term) >= 5 and root(term) in text_roots:
        return True
    if len(term) >= 8 and any(term[i:] in text_terms for i in range(3, len(term) - 3)):
        return True
    return len(term) >= 3 and any(len(t) > len(term) + 2 and t.endswith(term) for t in text_terms)


def coverage(question_terms: list[str], text_terms: set[str], index: KeywordIndex,
             half: set[str] = frozenset()) -> float:
    """IDF-weighted share of the question's content terms found in the text; terms only in ``half``, or only in
    another form (:func:`related_form`), count half."""
    if not question_terms:
        return 0.0
    roots: set[str] | None = None  # the text's roots, made only when a term is not found as it stands

    def credit(t: str) -> float:
        nonlocal roots
        if t in text_terms:
            return 1.0
        if t in half:
            return 0.5
        if roots is None:
            roots = {root(x) for x in text_terms}
        return 0.5 if related_form(t, text_terms, roots) else 0.0

    total = sum(index.term_weight(t) for t in question_terms)
    return sum(index.term_weight(t) * credit(t) for t in question_terms) / total


def name_forms(name: str) -> set[str]:
    """Forms of a name to look for: "Tilburg's" -> Tilburg, "Eindhovense" -> Eindhoven, "Haagse" -> Haag,
    "AJB-aanmeldingen" -> AJB."""
    base = re.sub(r"['’]s$", "", name).split("-")[0]
    forms = {name, base}
    for suffix in ("se", "e", "s"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            forms.add(base[: -len(suffix)])
    return {f.lower() for f in forms if len(f) >= 2}


def missing_names(q: Question, text: str) -> list[str]:
    """Names and years the question insists on that the evidence does not mention (an abbreviation may stand
    in its long form)."""
    low = text.lower()
    figures = None  # the text's figures, read once a number is among the names

    def said(n: str) -> bool:
        nonlocal figures
        if (value := number_of_name(n, q.lang)) is not None:  # "twintig" is said by "20" as well
            figures = figures if figures is not None else set(re.findall(r"\d+", low)) | set(numerals(low).values())
            return value in figures
        return any(f in low for f in name_forms(n)) or (n in q.aliases and q.aliases[n].lower() in low)

    return [n for n in q.salient if not said(n)]


ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{1,6}")


def abbreviations(names: list[str], texts: list[str]) -> dict[str, str]:
    """The long forms the texts give for the abbreviations among ``names``: "de persoonsgerichte aanpak (PGA)"
    gives PGA -> "persoonsgerichte aanpak", "Raad voor de Kinderbescherming (RvdK)" gives RvdK -> that name. The
    long form is the shortest run of words before the parenthesis whose letters spell the abbreviation in order,
    starting with its first letter, each word starting with one of its letters."""
    found: dict[str, str] = {}
    for name in names:
        abbr = name.split("-")[0]
        if not ABBREVIATION.fullmatch(abbr) or sum(ch.isupper() for ch in abbr) < 2:
            continue
        letters = abbr.lower()
        pattern = re.compile(rf"((?:[\w'’\-]+\s+){{1,{len(abbr) + 1}}})\({re.escape(abbr)}\)")
        for m in (m for text in texts for m in pattern.finditer(text)):
            words = m.group(1).split()
            for k in range(1, len(words) + 1):
                tail = words[-k:]
                spelled = iter(" ".join(tail).lower())
                if (tail[0][0].lower() == letters[0] and all(ch in spelled for ch in letters)
                        and all(w[0].lower() in letters for w in tail)):
                    found[name] = " ".join(tail)
                    break
            if name in found:
                break
        if name not in found:
            # no parenthesis: a run of capitalised words whose initials are its capitals ("NPLV": "Nationaal
            # Programma Leefbaarheid en Veiligheid"), small linking words allowed between them
            capitals = [ch for ch in abbr if ch.isupper()]
            link = r"(?:\s+(?:en|van|voor|de|der|den|het|tegen|op|in|met)){0,2}\s+"
            run = re.compile(r"\b" + link.join(rf"{ch}[\w'’\-]+" for ch in capitals) + r"\b")
            found.update({name: m.group() for m in (run.search(text) for text in texts) if m})
    return found


NAME = r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|op|aan|den|de)){0,3}"  # "Den Haag", "Bergen op Zoom"
ENUMERATION = re.compile(rf"{NAME}(?:,\s+{NAME})+,?\s+(?:en|of|and|or)\s+{NAME}")


def only_among_peers(q: Question, text: str) -> list[str]:
    """The names the question insists on that a text gives only as items of an enumeration of names ("onder meer
    Arnhem, Heerlen, Lelystad en Zaanstad" for "In welke wijken van Arnhem ...?"): it speaks of the group, so it
    says nothing of the one asked about alone. Empty when a name also stands outside the enumeration."""
    spans = [m.span() for m in ENUMERATION.finditer(text)]
    if not spans:
        return []
    low = text.lower()
    found = []
    for name in (n for n in q.salient if not n.isdigit()):
        at = [m.start() for f in name_forms(name) for m in re.finditer(rf"\b{re.escape(f)}\b", low)]
        if at and all(any(lo <= a < hi for lo, hi in spans) for a in at):
            found.append(name)
    return found
