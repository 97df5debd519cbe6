"""Dutch municipalities (and the programme's regions) named in a text, from the data in ``ingest/data/``.

``gemeenten-2024.csv`` holds the 342 municipalities of CBS "Gemeentelijke indeling op 1 januari 2024" (code, CBS
name, the name people write, other spellings and irregular demonyms, and whether the name is also an ordinary
word); ``regios.csv`` the regions the programme's documents use (Parkstad ...). See ``ingest/data/README.md``.

A capitalised word that is in neither list is no place. Regular demonyms count for the place ("de Utrechtse
proeftuin" is Utrecht, "het Arnhemse Prospect 4 Cash" is Arnhem). Not counted: a name that is also an ordinary
word ("Best", "Buren", "Leiden", "Houten") unless "gemeente" or a preposition stands before it or it stands in a list
of places ("Diemen, Gouda, Haarlem"); a province
("provincie Utrecht"); a place in an address or a dateline ("2500 EA Den Haag", "Den Haag, 7 juli 2023", "’s-Gravenhage 2023"); a name
inside an e-mail address or URL.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
# before an ambiguous name, these make it a place: "in Best", "gemeente Buren", "uit Leiden"
PLACE_CUES = {"gemeente", "gemeenten", "in", "uit", "te", "naar", "rond", "bij", "van", "voor", "regio"}
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december")
DATELINE = re.compile(rf",?\s+(\d{{1,2}}[-\s](\d{{1,2}}|{MONTHS})[-\s]\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}|({MONTHS})\s+\d{{4}}|(19|20)\d\d\b)",
                      re.I)  # "Den Haag, 7 juli 2023", "’s-Gravenhage 2023" (a colophon)
POSTCODE_BEFORE = re.compile(r"\d{4}\s?[A-Z]{2}\s+$")
PROVINCE_BEFORE = re.compile(r"provincie\s+$", re.I)
LIST_GAP = re.compile(r"\s*(,|en|of)\s*|,\s*(en|of)\s+")


@dataclass(frozen=True)
class Place:
    name: str            # as shown: "Den Haag", "Parkstad"
    kind: str            # "gemeente" or "regio"
    code: str | None = None  # CBS code of a municipality ("GM0518")


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int
    text: str


def _demonym(name: str) -> str | None:
    """The regular adjective of a one-word name: Utrecht -> Utrechtse, Breda -> Bredase."""
    return f"{name}se" if re.fullmatch(r"[A-Z][a-z]+", name) else None


class Gazetteer:
    def __init__(self, municipalities: Path, regions: Path) -> None:
        self.places: dict[str, Place] = {}    # display name -> place
        forms: dict[str, tuple[Place, bool]] = {}  # written form -> (place, ambiguous)
        clashes: set[str] = set()

        def add(form: str, place: Place, ambiguous: bool) -> None:
            form = form.strip()
            if not form:
                return
            if "'" in form:
                add(form.replace("'", "’"), place, ambiguous)  # the typographic apostrophe: ’s-Hertogenbosch
            if form in forms and forms[form][0] != place:
                clashes.add(form)  # "Bergen" is two municipalities: only their full names count
            forms[form] = (place, ambiguous)

        with open(municipalities, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                place = Place(row["display"], "gemeente", row["code"])
                self.places[place.name] = place
                ambiguous = row["ambiguous"] == "1"
                base = re.sub(r"\s*\(.*\)$", "", row["name"])  # "Hengelo (O.)" is written "Hengelo"
                for form in {row["name"], base, row["display"], *row["aliases"].split(";")}:
                    add(form, place, ambiguous)
                if not ambiguous and (adjective := _demonym(base)):
                    add(adjective, place, False)
        with open(regions, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                place = Place(row["name"], "regio")
                self.places[place.name] = place
                for form in {row["name"], *row["aliases"].split(";")}:
                    add(form, place, False)
        self.forms = {f: v for f, v in forms.items() if f not in clashes}
        alternatives = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w@./-])({alternatives})(?![\w@-]|\.\w)")
        self._lookup = {_fold(f): p for f, (p, _) in self.forms.items()} | {_fold(p): pl for p, pl in self.places.items()}

    def find(self, text: str) -> list[Mention]:
        """The places named in ``text``, in order (a place named twice is two mentions)."""
        found, doubtful = [], []
        for m in self._pattern.finditer(text):
            place, ambiguous = self.forms[m.group(1)]
            before = text[max(0, m.start() - 40) : m.start()]
            if ambiguous and (not (words := re.findall(r"\w+", before)) or words[-1] not in PLACE_CUES):
                doubtful.append(Mention(place, m.start(), m.end(), m.group(1)))
                continue
            if PROVINCE_BEFORE.search(before) and place.name in ("Groningen", "Utrecht"):
                continue
            if POSTCODE_BEFORE.search(before) or DATELINE.match(text, m.end()):
                continue
            found.append(Mention(place, m.start(), m.end(), m.group(1)))
        # "Diemen, Gouda, Haarlem": in a list of places an ambiguous name is a place too
        while doubtful:
            listed = [d for d in doubtful if any(LIST_GAP.fullmatch(text[min(d.end, f.end) : max(d.start, f.start)])
                                                 for f in found)]
            if not listed:
                break
            found = sorted(found + listed, key=lambda f: f.start)
            doubtful = [d for d in doubtful if d not in listed]
        return found

    def resolve(self, name: str) -> Place | None:
        """The place a user means by ``name`` (any spelling in the data, any case), or None."""
        return self._lookup.get(_fold(name))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(DATA / "gemeenten-2024.csv", DATA / "regios.csv")
