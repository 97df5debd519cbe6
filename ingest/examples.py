"""The catalogue of concrete examples: per document, one record per municipality (or region) a passage names, with
the theme, the intervention or approach it names, the figures it gives, a one-line summary and its quote.

Built at ingest from what the store holds of a document (its chunks, their vectors, their sentences), so it is
rebuilt with its document: ``sync`` (called at the end of every ingest) extracts the examples of each document that
has none recorded yet, and a document's examples go with it when it is replaced or deleted (the store). A change of
the rules below (``VERSION``) rebuilds every document's examples on the next ingest, without embedding again.

- A *passage* is a paragraph or a bullet of a chunk. Every sentence that names a place (``ingest.places``) starts an
  example of that place; its quote is that sentence and the next ones of the passage that name no other place (at
  most three sentences, about 400 characters), so the quote always names its place.
- A sentence that names more than ``MAX_PLACES`` places is a list of participants, not an example.
- *Figures*: a number (digits or a Dutch number word, an amount in euros, a percentage) with the words it counts
  ("25 gezinnen", "nog 14 in intensieve begeleiding"); years, dates, ages and durations are no figures.
- *Intervention*: a short quoted name, a capitalised name with an approach word (Wijk Actie Teams), another
  capitalised name (Prospect 4 Cash), a word ending in an approach word (Halt-spreekuur, familieaanpak,
  schakelteam), or an acronym in brackets; first in the quote, else earlier in the passage.
- *Theme*: the section heading when it is one of the programme's themes (source "heading"); otherwise the theme
  whose description is closest, by the index's embedder, to the chunk (heading and text) and the quoted sentence
  (source "embedder").
- An example needs a figure or an intervention: a place named in passing makes none.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import numpy as np

from ingest.places import Gazetteer, Mention, Place, gazetteer

VERSION = "8"
MAX_PLACES = 8
QUOTE_CHARS = 400

# The programme's five themes and "zorg en veiligheid", with what each is about (for the embedder) and the words of
# a heading that names it.
THEMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "onderwijs": ("Onderwijs: school, leerlingen, docenten, schoolverzuim, startkwalificatie, veiligheid op school, "
                  "Halt-spreekuur op scholen.", ("onderwijs", "school")),
    "werk en inkomen": ("Werk en inkomen: een baan, stage, werkgevers, toeleiding naar arbeid, inkomen, schulden, "
                        "banenmarkt.", ("werk en inkomen", "arbeid")),
    "persoonlijke en psychologische ontwikkeling": (
        "Persoonlijke en psychologische ontwikkeling: weerbaarheid, gedragsinterventies, agressie, licht verstandelijke "
        "beperking, screening van kinderen, jongerenwerk en mentoren.", ("persoonlijke", "psychologische")),
    "sociale netwerk": ("Sociale netwerk: familie, gezinnen, ouders, vrienden, straat, wijk, straatcoaches, boa's, "
                        "familieaanpak.", ("sociale netwerk", "sociaal netwerk", "familie")),
    "criminaliteit en re-integratie": (
        "Criminaliteit en re-integratie: wijkrechtspraak, politie, Openbaar Ministerie, reclassering, nazorg na "
        "detentie, recidive, re-integratie.", ("criminaliteit en re-integratie", "re-integratie", "nazorg")),
    "zorg en veiligheid": ("Samenwerking tussen zorg en veiligheid: persoonsgerichte aanpak, multidisciplinaire "
                           "teams, regisseurs, Zorg- en Veiligheidshuis, screening en triage.",
                           ("zorg en veiligheid", "zorg- en veiligheid")),
}

NUMBER_WORDS = ("één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
                "zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|honderd|duizend")
NUMBER = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+(?:,\d+)?|(?:{NUMBER_WORDS})(?!\w))"
FIGURE = re.compile(
    rf"(?<![\w€.,-])(?P<qual>(?:nog|al|ruim|bijna|ongeveer|circa|meer dan|minder dan|in totaal|tot)\s+)?"
    rf"(?P<num>€\s?{NUMBER}(?:\s(?:miljoen|miljard|duizend))?|{NUMBER}\s?(?:%|procent)|{NUMBER})(?![\w.,]\d)",
    re.I)
LABELLED = re.compile(rf"(?<![\w-])([a-z][\w ()€'-]{{2,40}}):\s*({NUMBER})(?![\w.,]\d)")  # "jongeren bereikt: 1.480"
TOKEN = re.compile(r"\(?[\w'’-]+\)?[\w'’-]*")
STOP = set("""aan als bij dat de der des die dit door dus een en er heeft hebben het hun in is of om onder ook op over
per te tegen tot uit van voor waar waarvan wat wel werd werden wordt worden zal zich zijn zo naar met nog maar dan
daar meer minder andere""".split())
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# what a count of the example is not: durations, ages, dates, and how many municipalities a sentence names
NOT_COUNTED = re.compile(rf"^(jaar|jaren|jarige|maand|maanden|week|weken|dag|dagen|uur|uren|keer|{MONTHS}|gemeente|"
                         rf"gemeenten|steden|gebieden|provincies|regio's|{NUMBER_WORDS})$", re.I)
HEAD = (r"aanpak|aanpakken|spreekuur|spreekuren|training|trainingen|team|teams|model|coach|coaches|rechtspraak|"
        r"traject|trajecten|convenant|convenanten|interventie|proeftuin|banenmarkt|casemanagers?|jongerenwerk|"
        r"straatcontract|overleg|programma|loket|werkplaats|regisseurs?|mentoren|begeleiding|jongerenwerkers?|boa's|"
        r"straatcoach(?:es)?|jongerenlocatie")
DETERMINERS = {"deze", "die", "dit", "andere", "elke", "welke", "onze", "eigen", "hele", "zelfde", "enige", "beide"}
ADJECTIVE = r"[a-zë]{3,}(?:e|ig|al|air|isch|ief|iek)"
COMPOUND = re.compile(rf"(?<![\w-])((?:{ADJECTIVE}\s+){{0,2}}[\w-]*(?:{HEAD}))(?![\w-])(\s\([A-Z]{{2,5}}\))?", re.I)
WEAK = {"jongerenwerk", "jongerenwerker", "jongerenwerkers", "casemanagers", "casemanager", "jeugdboa's", "boa's",
        "straatcoach", "straatcoaches", "jongerenlocatie"}  # an actor more than an approach: when nothing else is named
GENERIC = {"aanpak", "aanpakken", "interventie", "begeleiding", "programma", "team", "teams", "regisseur", "regisseurs",
           "mentoren", "traject", "trajecten", "training", "trainingen", "overleg", "convenant", "convenanten",
           "proeftuin", "model", "coach", "coaches", "loket"}
QUOTED = re.compile(r"[‘'“\"]([^‘’'“”\"\n]{3,60})[’'”\"]")
CAPITAL_RUN = re.compile(r"(?<![\w-])([A-Z][\w-]*(?:\s(?:\d+|[A-Z][\w-]*|van|voor|de|je|met|en)(?=\s|$|[,.;:)]))*"
                         r"\s[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z][\w]*)")
ACRONYM = re.compile(r"\(([A-Z]{2,5})\)")
NAMED_AFTER = re.compile(r"\w*(?:interventie|methode)\s+([A-Za-z][\w-]*(?:\s[A-Z0-9][\w-]*)*)")  # "methode straatcontract"
PERSON_CUE = re.compile(r"(zegt|zei|aldus|vertelt|volgens|manager|leider|wethouder|burgemeester|directeur|coördinator|"
                        r"minister|staatssecretaris|voorzitter|medewerker|onderzoeker|agent)\s+$", re.I)
NOT_INTERVENTIONS = {"Preventie met Gezag", "Openbaar Ministerie", "Raad voor de Kinderbescherming", "Tweede Kamer",
                     "Nederlands Jeugdinstituut", "Nationaal Programma Leefbaarheid en Veiligheid", "Justitie en Veiligheid",
                     "Openbare Orde en Veiligheid", "NJI", "OM", "RvdK", "SZW", "OCW", "VWS", "BZK", "PmG", "WODC", "CBS",
                     "PGA", "Halt"}


def passages(text: str) -> list[tuple[int, int]]:
    """The paragraphs and bullets of a chunk's text, as (start, end) offsets."""
    out, pos = [], 0
    for part in re.split(r"(\n\s*\n|\n(?=\s*(?:[-•*–]|\d+[.)])\s))", text):
        if part and not part.isspace():
            out.append((pos, pos + len(part)))
        pos += len(part)
    return out


def _is_verb(word: str) -> bool:
    """A verb form simplemma knows ("beginnen", "aangemeld"), not a plural noun ("gezinnen" -> "gezin")."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nl")
    return lemma.endswith("en") and (lemma == word or not word.endswith("en"))


def _counted(text: str, start: int) -> tuple[int, list[str]] | None:
    """The words a number at ``start`` counts: adjectives then one noun ("officiële waarschuwingen"), or a
    preposition with its noun ("in intensieve begeleiding"); (end offset, words) or None."""
    words, end = [], start
    for t in TOKEN.finditer(text, start):
        if text[end : t.start()].strip() or len(words) == 4:
            return None  # punctuation before the noun
        raw = t.group(0)
        word = raw.strip("()").lower()
        if not words and word in ("in", "op"):
            words.append(word)
        elif word in STOP or NOT_COUNTED.match(word) or _is_verb(word):
            return None
        else:
            words.append(word)
            end = t.end()
            adjective = (word.endswith("e") and not word.endswith(("ie", "ee")) and len(word) > 3) or word == "extra"
            if raw[0].isupper():  # "twee Wijk Actie Teams": the capitalised name is the noun
                while (more := re.match(r"\s[A-Z][\w-]*", text[end:])):
                    end += more.end()
                return end, words
            if not adjective and not raw.startswith("("):
                return end, words
        end = t.end()
    return None


def figures(text: str) -> list[str]:
    """The figures of a quote, verbatim: a number with the words it counts."""
    found = [m.group(0) for m in LABELLED.finditer(text) if not NOT_COUNTED.match(m.group(1).split()[-1])
             and not re.match(rf"\s*({MONTHS}|-\d)", text[m.end():], re.I)]
    for m in FIGURE.finditer(text):
        num, before = m.group("num"), text[: m.start()]
        if re.fullmatch(r"(19|20)\d\d", num) or re.search(r"(nr\.|artikel|\d-|/|:)\s*$", before) \
                or re.match(r"\s?[A-Z]{2}\b", text[m.end() :]):  # a postcode
            continue
        if re.search(r"[A-Z][\w-]*\s$", before) and re.match(r"\s[A-Z]", text[m.end() :]):
            continue  # inside a name: "Prospect 4 Cash"
        if num.startswith("€") or num.endswith(("%", "procent")):
            found.append(m.group(0).strip())
        elif (counted := _counted(text, m.end())) is not None:
            found.append(text[m.start() : counted[0]].strip())
    return list(dict.fromkeys(found))


def _candidates(text: str, named: set[str]) -> tuple[list[str], list[str]]:
    """The intervention names in ``text``: (specific ones, generic ones such as "integrale aanpak"), best first."""
    def usable(name: str, places_inside: bool = False) -> bool:
        words = name.split()
        places_in = any(w in named or gazetteer().resolve(w) for w in words[1:])
        return bool(words) and not (places_in and not places_inside) and not any(n.startswith(name) for n in NOT_INTERVENTIONS) and not gazetteer().resolve(name) \
            and not (words[0] in named or (not places_inside and any(w in named for w in words)))

    quoted = [m.group(1) for m in QUOTED.finditer(text) if len(m.group(1).split()) <= 6 and usable(m.group(1))]
    quoted += [m.group(1) for m in NAMED_AFTER.finditer(text) if m.group(1).lower() not in STOP | DETERMINERS
               and usable(m.group(1))]
    runs = []
    for m in CAPITAL_RUN.finditer(text):
        words, pos = m.group(1).split(), m.start()
        if not text[: m.start()].strip() or re.search(r"[.!?:]\s*$", text[: m.start()]):
            pos += len(words[0]) + 1
            words = words[1:]  # a sentence's first word is capitalised anyway
        while words and (words[0] in named or gazetteer().resolve(words[0])):
            pos += len(words[0]) + 1
            words = words[1:]  # "Arnhemse Prospect 4 Cash" -> "Prospect 4 Cash"
        if words and words[0][0].islower():
            continue
        name = " ".join(words)
        headed = any(re.search(rf"({HEAD})$", w, re.I) for w in words)
        if words and (" en " in name or words[-1].isdigit()) and not headed:
            continue  # "Poelenburg en Peldersveld": names in a list; "Nieuwland 6 fte": a name and a number
        if len(words) >= 2 and usable(name, places_inside=headed) and not PERSON_CUE.search(text[:pos]):
            runs.append((headed, name))
    compounds = []
    for m in COMPOUND.finditer(text):
        words = (m.group(1) + (m.group(2) or "")).split()
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]  # "andere jongerenwerk" -> "jongerenwerk"
        if words and usable(" ".join(words)):
            compounds.append(" ".join(words))
    head = lambda c: c.split()[-1].lower() if not c.endswith(")") else c.split()[-2].lower()  # noqa: E731
    specific = [c for c in compounds if head(c) not in GENERIC and head(c) not in WEAK]
    weak = [c for c in compounds if head(c) in WEAK]
    generic = [c for c in compounds if head(c) in GENERIC and len(c.split()) > 1]
    acronyms = [a for a in ACRONYM.findall(text) if usable(a)]
    return quoted + [n for h, n in runs if h] + [n for h, n in runs if not h] + specific + acronyms, weak, generic


def intervention(parts: list[str], named: set[str]) -> tuple[str | None, bool]:
    """The intervention or approach named in ``parts`` (the sentence naming the place, the rest of its quote, the
    sentence before it) and whether it is a specific one: a specific name in the earliest part that has one, else
    a generic one ("integrale aanpak"), else (None, False)."""
    found = [_candidates(p, named) for p in parts]
    for n, (specific, weak, _) in enumerate(found):
        if specific or (weak and n == 0):  # an actor ("jongerenwerk") only when the place's own sentence names it
            return (specific or weak)[0], True
    for _, _, generic in found[:2]:
        if generic:
            return generic[0], False
    return None, False


def heading_theme(section: str | None) -> str | None:
    """The theme a section heading names, or None ("Samenwerking tussen zorg en veiligheid": zorg en veiligheid)."""
    if not section or len(section.split()) > 8:
        return None
    low = section.lower()
    for theme in ("criminaliteit en re-integratie", "zorg en veiligheid", "werk en inkomen",
                  "persoonlijke en psychologische ontwikkeling", "sociale netwerk", "onderwijs"):
        if any(word in low for word in THEMES[theme][1]):
            return theme
    return None


@lru_cache(maxsize=4)
def theme_vectors(embedder_name: str) -> np.ndarray:
    from assistant.embedding import make_embedder

    return make_embedder(embedder_name).encode([d for d, _ in THEMES.values()], is_query=True)


def _glued_heading(sentence: str, mentions: list[Mention]) -> bool:
    """"Zwolle De gemeenten werken ...": a list item or heading that the text runs on from."""
    lead = sentence.lstrip("-•* ")
    first = next((m for m in mentions if m.start == len(sentence) - len(lead)), None)
    return bool(first and re.match(r"\s(De|Het|Een|Ook|In|Op|Er|Zij|Wij)\s", sentence[first.end :]))


def summary_of(sentence: str) -> str:
    """One line: the sentence, cut after a clause when it is long."""
    sentence = " ".join(sentence.split()).lstrip("-•* ")
    if len(sentence) <= 220:
        return sentence
    cut = max(sentence.rfind(", ", 0, 220), sentence.rfind(" ", 0, 200))
    return sentence[:cut].rstrip(",;: ") + " …"


def document_place(title: str | None, chunks: list, places: Gazetteer) -> Place | None:
    """The one place a document is about, if it says so: the only place its title names ("Uitvoeringsplan ...
    Zaanstad 2024-2025"), else the municipality of its letterhead ("Gemeente Schiedam" at its start)."""
    in_title = list(dict.fromkeys(m.place for m in places.find(title or "")))
    if len(in_title) == 1:
        return in_title[0]
    start = f"{chunks[0].section or ''}\n{chunks[0].text[:300]}" if chunks else ""
    sender = [m.place for m in places.find(start) if re.search(r"\bgemeente\s+$", start[: m.start], re.I)]
    return sender[0] if len(set(sender)) == 1 else None


def extract(chunks: list, chunk_vectors: dict[str, np.ndarray], sentence_vectors: dict[str, list[np.ndarray]],
            themes: np.ndarray, title: str | None = None, places: Gazetteer | None = None) -> list[dict]:
    """The example records of one document's stored chunks (``assistant.store.StoredChunk``), in reading order."""
    places = places or gazetteer()
    own = document_place(title, chunks, places)
    records = []
    for chunk in chunks:
        for lo, hi in passages(chunk.text):
            sentences = [(n, s, e, page) for n, (s, e, page) in enumerate(chunk.spans) if s >= lo and e <= hi]
            named = [(n, s, e, page, places.find(chunk.text[s:e])) for n, s, e, page in sentences]
            for i, (n, s, e, page, mentions) in enumerate(named):
                distinct = list(dict.fromkeys(m.place for m in mentions))
                if len(distinct) > MAX_PLACES or (not distinct and (own is None or any(x[4] for x in named))):
                    continue
                end = e
                for _, _, e2, _, more in named[i + 1 : i + 3] if distinct else []:
                    if more or e2 - s > QUOTE_CHARS:
                        break
                    end = e2
                quote = chunk.text[s:end]
                if len(quote.split()) < 6 or _glued_heading(chunk.text[s:e], mentions):
                    continue  # a list item ("politie basisteam Zaanstad;") or a heading run into the text
                counted = figures(quote)
                # the sentence before says what "zo'n aanpak" is, when this one gives the figures
                previous = chunk.text[named[i - 1][1] : named[i - 1][2]] if i and counted and not named[i - 1][4] else ""
                found, specific = intervention([chunk.text[s:e], chunk.text[e:end], previous], {m.text for m in mentions})
                if not (specific or counted) or (not distinct and not (specific and counted)):
                    continue  # in a document about one place, a sentence needs both to be an example of it
                theme, source = heading_theme(chunk.section), "heading"
                if theme is None:
                    vec = chunk_vectors[chunk.id] + sentence_vectors[chunk.id][n]
                    theme, source = list(THEMES)[int(np.argmax(themes @ vec))], "embedder"
                for place in distinct or [own]:
                    records.append({
                        "municipality": place.name, "place_kind": place.kind, "code": place.code or "",
                        "place_source": "quote" if distinct else "document",
                        "theme": theme, "theme_source": source, "intervention": found or "",
                        "figures": json.dumps(counted, ensure_ascii=False), "summary": summary_of(chunk.text[s:e]),
                        "quote": quote, "page": page if page is not None else -1, "section": chunk.section or "",
                        "chunk_id": chunk.id,
                    })
    for order, r in enumerate(records):
        r["order"] = order
    return records


def sync(store, embedder_name: str) -> dict[str, int]:
    """Extract the examples of every indexed document that has none recorded (all of them after a change of
    ``VERSION``); returns the number of examples per document extracted now."""
    if store.examples_version() != VERSION:
        store.reset_examples(VERSION)
    done = store.examples_done()
    todo = [d.id for d in store.documents() if d.id not in done]
    counts: dict[str, int] = {}
    if not todo:
        return counts
    themes = theme_vectors(embedder_name)
    titles = {d.id: d.title for d in store.documents()}
    for doc_id in todo:
        chunks, vectors = store.document_chunks(doc_id)
        sentences = store.sentences_of({c.id: c for c in chunks})
        per_chunk: dict[str, list[np.ndarray]] = {}
        for s in sentences:
            per_chunk.setdefault(s.chunk_id, []).append(s.vector)
        records = extract(chunks, vectors, per_chunk, themes, titles[doc_id])
        store.replace_examples(doc_id, records)
        counts[doc_id] = len(records)
    return counts
