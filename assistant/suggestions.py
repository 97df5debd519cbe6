"""Questions the passages of an answer can answer, offered under it (and under a refusal): made from the passages
themselves, never a fixed list.

Pure text work: :func:`candidates` turns passages (a chunk's sentences with its section and document title) into
questions in the asker's language, best first: a "Hoeveel ...?" for a sentence that counts something ("22
jongerenwerkers zijn nu getraind ..." -> "Hoeveel jongerenwerkers zijn nu getraind ...?"), then "Wat staat er in
de documenten over <sectie>?" for the sections of the passages. Whether the documents really answer one is for
the caller to check (``assistant.follow_ups`` answers each and keeps the answered ones). Imports nothing of the
project but ``assistant.question``'s word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.question import COUNTED_EN, NOT_NAMES, is_follow_up

NUMBER_WORDS = {"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "vijftien",
                "twintig", "honderd"}
# finite verbs a count stands beside ("Daarnaast worden 44 scholen ..."): the question puts them after "Hoeveel <noun>"
# (plural: what is counted is more than one)
FINITE = {"zijn", "waren", "worden", "werden", "hebben", "hadden", "doen", "deden", "krijgen", "kregen", "zetten",
          "volgen", "gaan", "komen", "nemen", "namen", "sloten", "sluiten", "bereiken", "bereikten"}
PREPOSITIONS = {"in", "op", "met", "voor", "van", "aan", "over", "bij", "uit", "naar", "tot", "tussen", "door", "om"}
DETERMINERS = {"hun", "de", "het", "er", "zij", "ze", "dit", "deze", "die", "dat", "een"}
# what a count of is no suggestion ("12 tot en met 18 jaar", "1 maart 2024")
NOT_COUNTED = {"jaar", "keer", "procent", "maart", "januari", "februari", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december", "tot", "en", "of", "van", "uur", "minuten", "dagen"}
# filler that reads badly in a question made of the sentence's own words
DROP = re.compile(r"\b(daarom|daarnaast|inmiddels|bovendien|ook|bij elkaar|in totaal)\s+", re.I)
COUNTED_NL_EN = {nl: en for en, nl in reversed(list(COUNTED_EN.items())) if " " not in nl}
PARTICIPLES_EN = {"aangemeld": "registered", "getraind": "trained", "begeleid": "supported", "ondersteund": "supported",
                  "doorverwezen": "referred", "bereikt": "reached", "geholpen": "helped", "aangesteld": "appointed",
                  "opgeleid": "trained", "geplaatst": "placed"}
PREPOSITIONS_EN = {"in": "in", "voor": "for", "bij": "at", "met": "with", "op": "at"}
SKIP_SECTIONS = re.compile(r"^(colofon|contact\??|inhoud|inhoudsopgave|voorwoord|bijlage.*|noten|bronnen)$", re.I)
POINTING = re.compile(r"\b(zo['’]n|zulke|dergelijke|die|dat)\s+(aanpak|interventie|aanpakken|interventies|"
                      r"gemeenten|jongeren|scholen|regio|gemeente)\b", re.I)  # "in zo'n aanpak": which one?
MAX_WORDS = 16  # a question made of a sentence's words stops at the clause's end or this many words
COUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})*|\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                   + r")\s+(?:(extra|nieuwe|verschillende)\s+)?([a-zà-ÿ][\w'’\-]{3,})\b", re.I)


@dataclass
class Passage:
    """One retrieved chunk as the suggestions see it: its sentences, its section heading and its document's title;
    ``skip``: sentences already quoted in the answer (their question was just answered)."""

    sentences: list[str]
    section: str | None = None
    title: str | None = None
    skip: set[str] = field(default_factory=set)


def words(text: str) -> list[str]:
    return text.split()


def clause(tokens: list[str]) -> list[str]:
    """Tokens up to the end of their clause (a comma, a semicolon, a colon, the sentence's end), at most MAX_WORDS."""
    out = []
    for k, t in enumerate(tokens[:MAX_WORDS]):
        nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
        if t.lower() in ("waarin", "waarbij", "waarmee") or COUNT.match(t + " " + nxt) or (
                t.lower() in ("en", "of") and (nxt in DETERMINERS or nxt in FINITE)):
            break
        out.append(t.rstrip(",;:.!?"))
        if t[-1:] in ",;:.!?":
            break
    while out and out[-1].lower() in ("en", "of", "om"):
        out.pop()
    if out and out[-1].lower() in PREPOSITIONS:  # "zijn onder te verdelen in": the count was its object
        return []
    return [t for t in out if t]


def count_question_nl(sentence: str) -> str | None:
    """'Daarnaast worden 44 scholen in Eindhoven ondersteund ...' -> 'Hoeveel scholen worden in Eindhoven
    ondersteund ...?'; None when the count stands where no finite verb goes with it."""
    text = DROP.sub("", " ".join(sentence.split()))
    for m in COUNT.finditer(text):
        noun = m.group(3)
        if noun.lower() in NOT_COUNTED or noun[:1].isupper() or not re.search(r"(en|s|['’]s)$", noun):
            continue
        before, after = words(text[: m.start()]), words(text[m.end():])
        if before and before[-1].lower() in PREPOSITIONS:  # "in zes gemeenten": where, not who is counted
            continue
        if not before:  # "22 jongerenwerkers zijn nu getraind ..."
            rest = clause(after)
            if rest and rest[0].lower() in FINITE:
                return f"Hoeveel {noun} {' '.join(rest)}?"
            continue
        verb = next((k for k in range(len(before) - 1, -1, -1) if before[k].lower() in FINITE), None)
        if verb is None or any(t.endswith(",") for t in before[verb:]):
            continue
        middle = before[verb + 1:]
        if len(middle) > 8:  # the verb is too far off to belong to this count
            continue
        rest = clause(middle + after)
        if rest:
            return f"Hoeveel {noun} {before[verb].lower()} {' '.join(rest)}?"
    return None


def names_in(text: str) -> str | None:
    """The first name in a sentence with the Dutch preposition before it, in English ('in Eindhoven', 'for AJB')."""
    for m in re.finditer(r"\b(in|voor|bij|met|op)\s+((?:[A-Z][\w'’\-]*)(?:\s+[A-Z][\w'’\-]*)*)", text):
        name = m.group(2)
        if name.split()[0] not in NOT_NAMES:
            return f"{PREPOSITIONS_EN[m.group(1)]} {name}"
    return None


def count_question_en(sentence: str) -> str | None:
    """'Daarnaast worden 44 scholen in Eindhoven ondersteund ...' -> 'How many schools were supported in
    Eindhoven?': only for what the glossary can say in English (a counted noun and a participle it knows)."""
    for m in COUNT.finditer(sentence):
        noun = COUNTED_NL_EN.get(m.group(3).lower())
        before = words(sentence[: m.start()])
        if noun is None or (before and before[-1].lower() in PREPOSITIONS):
            continue
        after = re.split(r"[,;:]", sentence[m.end():])[0]
        if COUNT.search(after):  # another count follows in the clause: the participle may be its
            after = after[: COUNT.search(after).start()]
        part = next((PARTICIPLES_EN[w] for w in re.findall(r"\w+", after.lower()) if w in PARTICIPLES_EN), None)
        if part is None:
            continue
        where = names_in(after) or names_in(sentence[: m.start()])
        return f"How many {noun} were {part}" + (f" {where}" if where else "") + "?"
    return None


def section_question(section: str, lang: str) -> str | None:
    heading = re.sub(r"^\d+(\.\d+)*\.?\s+", "", (section or "").strip()).rstrip(":")
    if not heading or SKIP_SECTIONS.match(heading) or len(heading.split()) > 8 or heading.isupper():
        return None
    shown = heading if re.match(r"[A-Z]{2,}|[A-Z]\w*[A-Z]", heading) else heading[0].lower() + heading[1:]
    return (f"What do the documents say about {heading}?" if lang == "en"
            else f"Wat staat er in de documenten over {shown}?")


def candidates(passages: list[Passage], lang: str = "nl", asked: str = "", limit: int = 8) -> list[str]:
    """Up to ``limit`` questions in ``lang``, best first: counts in the passages' sentences (the first passages
    first), then their sections; never the question ``asked`` nor a question twice."""
    make = count_question_en if lang == "en" else count_question_nl
    out: list[str] = []
    seen = {asked.strip().lower().rstrip("?")}

    def add(q: str | None) -> None:
        # a question that points back ("deze aanpak") would be read as a follow-up of the conversation
        if q and q.lower().rstrip("?") not in seen and len(out) < limit and not is_follow_up(q) \
                and not POINTING.search(q):
            seen.add(q.lower().rstrip("?"))
            out.append(q)

    for p in passages:
        for s in p.sentences:
            if not any(s in q or q in s for q in p.skip):
                add(make(s))
    for p in passages:
        if p.section and p.section != p.title:
            add(section_question(p.section, lang))
    return out
