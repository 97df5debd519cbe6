"""The extractive answer: score the sentences of the retrieved chunks, quote the best, or refuse.

No LLM: every word of a direct answer is taken from a quoted sentence, so a figure or a name that is not in a
cited passage cannot reach the user. Sentence vectors come from the index (computed at ingest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from assistant.context import DocContext, matches_date, time_fits
from assistant.matching import missing_names
from assistant.keyword import terms
from assistant.shapes import MONTHS, SHAPE_PATTERNS, has_shape
from assistant.question import NOT_NAMES, SHAPES, SYNONYMS_NL, WH, Question, asked_sentence
from ingest.places import gazetteer

NUMBER_WORDS = ("een één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
                "zestien zeventien achttien negentien twintig dertig veertig vijftig honderd duizend").split()
NUMBER = re.compile(r"\b(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
NO_FIGURE_FACTOR = 0.45  # a sentence without the figure, date, address ... the question asks for
TOPIC_GAP = 0.75  # a figure from a sentence this much less on topic than the on-topic one is about something else
PEOPLE_FIT = 0.9  # a figure of other people than the ones asked for ("431 jongeren" for "hoeveel leerlingen")
INHERIT = 0.9  # how much of its paragraph's topicality a figure sentence borrows
DENSE_CARRY = 0.02  # how far below the paragraph's closest sentence its later sentences' closeness may fall
QUALIFIERS = {"nog", "ruim", "bijna", "ongeveer", "circa", "zo'n", "meer dan", "minder dan", "ten minste", "minstens",
              "maximaal", "slechts", "pas", "al"}  # words before a figure that make it exact ("nog 14")
UNITS = {"fte", "uur", "procent", "euro"}  # a figure of a unit counts what follows it: "13 (fte) straatcoaches"
# a total asked for ("in totaal", "across the whole programme") and given ("In totaal wordt ... op 18 scholen")
TOTAL_ASKED = re.compile(r"\b(in\s+totaal|totaal|in\s+total|total|overall|altogether|all\s+together|bij\s+elkaar|"
                         r"opgeteld|across\s+the\s+(whole|entire)|(hele|gehele)\s+(programma|land)|landelijk|nationwide)\b",
                         re.I)
TOTAL_GIVEN = re.compile(r"\b(in\s+totaal|totaal|bij\s+elkaar|opgeteld|samen|in\s+total|altogether)\b", re.I)
PART_FACTOR = 0.85  # a figure that is not a total, for a question that asks for one
MODIFIERS = {"extra", "(fte)", "verschillende", "officiële", "nieuwe", "andere"}  # words between a figure and its noun
RATIO_QUESTION = re.compile(r"\b(keer|times|vaak|vaker|often|likely|waarschijnlijk)\b", re.IGNORECASE)
# what an intervention does, asked for ("Wat laat het effectonderzoek zien?", "compared with a control group"), and the
# ratios that say it ("twee keer minder vaak", "drie keer minder vaak")
EFFECT_ASKED = re.compile(r"\b(vergeleken|compared?|controlegroep|control\s+group|effect\w*|werkt|works?|bewijs|"
                          r"evidence)\b", re.I)
RATIO_PHRASE = re.compile(r"\b(\d+|twee|drie|vier|vijf|zes|tien|half)\s+keer\s+(minder|meer)\s+(vaak|kans)\b", re.I)
# "how much less often": only a ratio answers it ("twee keer minder vaak"), no count of the same people
COMPARED = re.compile(r"\b((minder|meer)\s+(vaak|kans)|vaker|(less|more)\s+(often|likely)|times\s+(less|more))\b", re.I)
YEAR = re.compile(r"^(19|20)\d\d$")
ASKS_YEARS = re.compile(r"\b(hoeveel jaar|how many years|jaar oud|years? old|welk jaar|what year|which year)\b", re.I)
ANAPHORA = re.compile(r"^(?!Daarnaast)(Deze|Dit|Die|Dat|Daar|Daarmee|Daarom|Daardoor|Hierdoor|Hiervoor|Hierbij|Zo |Ook |"
                      r"Binnen deze|In deze |In dit |Van daaruit|Uit |Enerzijds|Anderzijds|Elk |Twee andere|Nog |In totaal)")
# A sentence that adds another point ("Daarnaast worden 44 scholen in Eindhoven ondersteund ..."): it does not
# speak of what the sentences before it in its paragraph spoke of.
ADDITION = re.compile(r"^(Daarnaast|Verder|Voorts|Tevens|Bovendien)\b")
NUMBER_OF = re.compile(r"\b(?:aantal|number\s+of)\s+([\w'’\-]+)", re.I)  # "het aantal deelnemers steeg tot 812"
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")  # a numbered heading: "1. Positieve ondersteuning"


@dataclass
class Candidate:
    sentence_id: str
    chunk_id: str
    text: str
    page: int | None
    start: int
    end: int
    context: str  # the previous sentence in the same chunk, or ""
    context_start: int
    block: str  # the paragraph or bullet the sentence stands in
    dense: float
    lexical: float
    retrieval: float  # the chunk's fused retrieval score, normalised to 0..1
    score: float = 0.0
    topical: float = 0.0  # the score before the answer-shape factors: how well it speaks of what is asked
    next: Candidate | None = None  # the following sentence of the same block, if retrieved
    ctx: DocContext = DocContext()  # its document's title and dates, its section heading
    refers: tuple[str, int, int] | None = None  # a footnote: (chunk id, start, end) of the sentence that refers to it
    lead: str = ""  # the line that announces the bullet list it stands in ("Eind 2025 willen we ... bereikt hebben:")


def block_around(text: str, start: int, end: int) -> str:
    """The paragraph or bullet (blocks are separated by blank lines) holding text[start:end]."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    return text[lo + 2 if lo >= 0 else 0 : hi if hi >= 0 else len(text)]


def dense_scale(cos: float) -> float:
    """e5 cosines crowd into 0.7..0.95; spread them over 0..1."""
    return float(np.clip((cos - 0.75) / 0.17, 0.0, 1.0))


def score_candidates(q: Question, cands: list[Candidate]) -> None:
    """Score candidates given in document order (sentences of a paragraph one after the other)."""
    lexical_weight = 0.15 if q.lang == "en" else 0.45
    wants_total = bool(TOTAL_ASKED.search(q.text))
    # examples ("wat voor X") are credited where given, not demanded; a change ("van 15 naar 27") is demanded where
    # a sentence about what was asked gives one (else the figures of several documents answer it: "14 scholen ...;
    # nieuwer: 26 scholen")
    demanded = bool(q.shape) and q.shape != "examples" and (
        q.shape != "change" or any(has_shape(q, c.text) and fits(q, c) for c in cands))
    in_footnote = q.shape not in (None, "footnote") and bool(SHAPES["footnote"].search(q.text))
    paragraph, opening, named = None, 0.0, 0.0
    for c in cands:
        if (c.chunk_id, c.block) != paragraph:
            paragraph, opening, named = (c.chunk_id, c.block), 0.0, 0.0
        if ADDITION.match(c.text):
            opening = 0.0
        dense = c.dense
        if q.salient:
            # in a paragraph about the subject the question names ("Alles Kidzzz ..."), the sentences after the one
            # closest to the question speak of it too, without its name: they keep most of that closeness, and
            # their words decide
            dense = max(dense, named - DENSE_CARRY)
            named = max(named, c.dense)
        c.score = (1 - lexical_weight - 0.1) * dense_scale(dense) + lexical_weight * c.lexical + 0.1 * c.retrieval
        c.topical = c.score
        if q.kind == "figure" and q.shape != "amount":
            # a figure often follows the sentence that names its subject ("Den Haag ... casemanagers. Door twee
            # extra fte ..."): it borrows most of the paragraph's best topicality so far
            c.score = max(c.score, INHERIT * opening) * figure_fit(q, c.text)
            if wants_total and not TOTAL_GIVEN.search(c.text):
                c.score *= PART_FACTOR  # a total asked for: not the figure of one place ("In Nieuwegein ... twee scholen")
            elif not wants_total and TOTAL_GIVEN.search(c.text) and missing_names(q, c.text + " " + c.ctx.text()):
                # one member asked for ("Hoeveel jongeren bereikte Schiedam?"), a total over the group given ("In
                # totaal bereikten de 24 gemeenten ...") where the member is named only around it: no figure of it
                c.score *= PART_FACTOR ** 2
        elif q.shape in ("duration", "age") and has_shape(q, c.text):
            # "In de eerste zeven maanden ..." after the sentence that names the team: how long, of what it names
            c.score = max(c.score, INHERIT * opening)
        opening = max(opening, c.topical)
        if demanded and not has_shape(q, c.text) and not (
                ANAPHORA.match(c.text) and has_shape(q, c.block)):  # "Ook heeft deze gemeente ...": its paragraph names it
            c.score *= NO_FIGURE_FACTOR  # an e-mail, an amount, a date, a person or a title asked for, not given
            # (examples, "wat voor X", are credited where given, not demanded: "wat voor team" asks which team)
        if in_footnote and not SHAPE_PATTERNS["footnote"].search(c.text):
            c.score *= NO_FIGURE_FACTOR  # "says in a footnote ... which two amounts": the note answers, not its referrer


def counts(term: str, counted: set[str]) -> bool:
    """Whether a stemmed term names what the question counts; a shared 6-letter prefix is enough, so that
    a verb finds its noun ("doorverwezen" ~ "doorverwijzingen"), but not a compound whose head is another word
    ("kinderen" is no "kinderdagopvanglocaties")."""
    return term in counted or (len(term) >= 6 and any(len(c) >= 6 and c[:6] == term[:6] and abs(len(c) - len(term)) <= 4
                                                      for c in counted))


# The documents count the same people by different words ("431 jongeren" in a school programme, "251 deelnemers"
# who found a job): one of these for another counts half.
PEOPLE = frozenset(terms("jongeren kinderen leerlingen deelnemers jongvolwassenen"))
GROUPS = PEOPLE | frozenset(terms("gemeenten steden regio wijken gezinnen"))  # who or where a programme reaches


def kin(word_terms: list[str], counted: set[str]) -> float:
    """How well a word (its stemmed parts) names what is counted: 1 if it does, 0.5 if both are people words."""
    if any(counts(part, counted) for part in word_terms):
        return 1.0
    return 0.5 if counted & PEOPLE and set(word_terms) & PEOPLE else 0.0


class Mention(NamedTuple):
    word: str  # the number as written: "576", "twee"
    start: int  # where it stands in the sentence
    after: list[str]  # the four words after it
    fit: float  # how well those words name what the question counts (nearer is better)
    asked: float  # how many of the question's terms the six words after it hold (its own terms weigh more)
    exact: bool = False  # one of the words after it names what is counted (not just another word for people)


LABEL_NUMBER = re.compile(r"\b(?:tabel|figuur|bijlage|hoofdstuk|paragraaf|artikel|table|figure|chapter|annex|"
                          r"section|article|nr\.?|no\.)\s*$", re.I)


def number_mentions(q: Question, sentence: str) -> list[Mention]:
    """Numbers in a sentence with the words after them, and how well they count what the question asks."""
    out = []
    # an age range or a year is a figure only for a question about age, time or years ("16 en 21 jaar" is no
    # count of young people helped "vorig jaar")
    asks_years = q.shape in ("age", "date", "day", "duration") or bool(ASKS_YEARS.search(q.text))
    pairs = list(ROW_PAIR.finditer(sentence))
    headers = [(p.start(2), p.end(2), p.group(1)) for p in pairs[1:]] if len(pairs) >= 3 else []
    numbered = [(a.end(), max((kin(t, q.counted_terms) for t in content_words([a.group(1)])), default=0.0))
                for a in NUMBER_OF.finditer(sentence)]
    for m in NUMBER.finditer(sentence):
        word = m.group(1)
        if word.lower() == "een":
            continue  # an article ("rondom een jongere"); one, as a count, is written "één"
        following = re.findall(r"[\w'’()\-]+", sentence[m.end():])[:6]
        header = next((h for lo, hi, h in headers if lo <= m.start() < hi), None)
        if headers and header is None:
            continue  # in a table row, only a column's value is a figure ("2024" in "budget 2024 (€)" is none)
        if header is not None:  # a table row's value counts what its column header says
            following = re.findall(r"[\w'’()\-]+", header)[:6]
        after = following[:4]
        if YEAR.match(word) and not asks_years:
            continue
        if after and after[0].lower() in MONTHS:
            continue  # the day of a date ("tot 1 januari 2024"), not a count
        if LABEL_NUMBER.search(sentence[: m.start()]):
            continue  # the number of a table, a chapter, a paper ("Tabel 1 geeft per gemeente ..."), not a count
        if re.search(rf"(?<![\w.,]){re.escape(word)}(?![\w]|[.,]\d)", q.text, re.I) and not word.isalpha():
            continue  # a number the question gives itself ("in 2024") is not the figure it asks for
        if after and after[0][:1].isupper() and re.search(rf"\b{re.escape(word)}\s+{re.escape(after[0])}\b", q.text):
            continue  # part of a name the question gives ("Prospect 4 Cash"), not a figure
        skip = {"tot", "en", "jaar"} if not asks_years else set()
        if not RATIO_QUESTION.search(q.text):
            skip.add("keer")  # "twee keer minder vaak" answers how often, not how many
        if after[:1] and after[0].lower() in skip:
            continue  # an age range or a ratio, not a count
        ratio = bool(after[:1]) and after[0].lower() in ("keer", "times")
        if COMPARED.search(q.text) and not ratio:
            continue
        if ratio:
            # a ratio ("drie keer minder vaak veroordeeld"): it fits by what follows it, the question's own terms
            fit = 0.5 * sum(1 for t in terms(" ".join(following[1:])) if t in q.query_terms)
            exact = fit > 0
        else:
            # the nearer the counted word, the better; a word counts by any of its parts ("PmG-gemeenten")
            kinship = [kin(t, q.counted_terms) for t in content_words(after)]
            fit = sum(k / (pos + 1) for pos, k in enumerate(kinship))
            exact = 1.0 in kinship
            named = [k for end, k in numbered if end <= m.start()]
            if not exact and named and named[-1] > fit:
                # "Het aantal jongeren dat meedoet ... is gegroeid van 576 naar 812": what "aantal" names before the
                # figure is what it counts
                fit, exact = named[-1], named[-1] == 1.0
        if word.lower() == "één" and not (after and terms(after[0]) and counts(terms(after[0])[0], q.counted_terms)):
            continue  # "één" counts only what was asked, at once
        asked = sum(q.query_terms.count(t) for t in set(terms(" ".join(following))))
        out.append(Mention(word, m.start(), after, fit, asked, exact))
    return out


def content_words(words: list[str]) -> list[list[str]]:
    """The stemmed terms of each word that has any (stop words dropped), with those of the word the glossary gives
    for it, as the question's words get them ("leerkrachten" counts "docenten")."""
    return [t for t in (terms(w) + terms(SYNONYMS_NL.get(w.lower(), "")) for w in words) if t]


# a table row made a sentence at ingest: "Gemeente: Tilburg; gezinnen in de aanpak: 25; budget 2024 (€): 2.050.000."
ROW_PAIR = re.compile(r"(?:^|;\s*)([^:;]{2,60}):\s*([^;]+?)(?=;|\.?\s*$)")


def row_cells(sentence: str) -> list[tuple[str, str]]:
    """A table row's cells after the one that names the row, as (header, value) ("Gemeente: Delft; budget 2024 (€):
    1.400.000; ..."); empty for a sentence that is no row (fewer than three "header: value" pairs)."""
    pairs = ROW_PAIR.findall(sentence)
    return [(k.strip(), v.strip()) for k, v in pairs[1:]] if len(pairs) >= 3 else []


def row_value(q: Question, sentence: str) -> str | None:
    """In a table row, the column of what a how-many question counts, with its header ("gezinnen in de aanpak:
    25"); None for a sentence that is no row, or whose headers name nothing counted."""
    cells = row_cells(sentence)
    if not cells or not q.counted_terms:
        return None
    fit = [(sum(kin(t, q.counted_terms) for t in content_words(k.split())), k, v) for k, v in cells]
    best = max(fit, key=lambda f: f[0])
    if not (best[0] > 0 and NUMBER.search(best[2])):
        return None
    # a header that starts with what is counted reads after the figure: "12 gezinnen in de aanpak"
    first = content_words(best[1].split()[:1])
    if first and kin(first[0], q.counted_terms) == 1.0 and re.fullmatch(r"[\d.,]+", best[2]):
        return f"{best[2]} {best[1]}"
    return f"{best[1]}: {best[2]}"


def figure_fit(q: Question, sentence: str) -> float:
    mentions = number_mentions(q, sentence)
    if not mentions:
        return NO_FIGURE_FACTOR  # a how-many question answered without a figure is no answer
    if any(m.exact for m in mentions) or not q.counted_terms:
        return 1.0
    return PEOPLE_FIT if any(m.fit > 0 for m in mentions) else 0.6


def fits(q: Question, c: Candidate) -> bool:
    """Whether a candidate may answer: its paragraph, its section heading or its document's title names what the
    question insists on, and it speaks of the time asked about (said in the sentence, "dit jaar" read against its
    document's date, or, when it names no year, its document's own year)."""
    names = [n for n in q.salient if not YEAR.match(n)]
    meant = [r for r in q.times if r.of_document]  # "volgens de brief van juli 2023": which document, not what time
    return (not missing_names(replace(q, salient=names), f"{c.lead} {c.block} {c.ctx.text()}")
            and all(matches_date(r, c.ctx.date) for r in meant)
            and time_fits([r for r in q.times if not r.of_document], f"{c.lead} {c.text}".strip(), c.ctx,
                          asks_date=q.shape in ("day", "date"))
            and not among_peers(q, c))


def among_peers(q: Question, c: Candidate) -> bool:
    """A sentence that only lists places, the one the question names among them ("Roermond, Venray, Zutphen,
    Zwolle."), for a question about that place that does not ask which places: it names the place and says nothing
    of it."""
    if q.shape == "place" or places_asked(q):
        return False
    found = gazetteer().find(c.text)
    if len({m.place.name for m in found}) < 3:
        return False
    rest = c.text
    for m in found:
        rest = rest.replace(m.text, " ")
    said = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in ("en", "of", "and", "or")]
    named = [n for n in q.salient if not YEAR.match(n) and not missing_names(replace(q, salient=[n]), c.text)]
    return len(said) <= 3 and bool(named) and bool(missing_names(replace(q, salient=named), c.ctx.text()))


def figure_missing(q: Question, best: Candidate, fitting: list[Candidate]) -> bool:
    """A how-many question whose most on-topic paragraph gives no figure of what is counted, while the best sentence
    stands in it or, elsewhere, speaks of something else far less on topic: the documents do not give the figure."""
    if q.kind != "figure" or not fitting:
        return False
    top = max(fitting, key=lambda c: c.topical)
    same_paragraph = top.chunk_id == best.chunk_id and top.block == best.block  # the figure follows its subject
    # its paragraph has a figure: one of what is counted, or any that is no year
    gives_it = any(m.fit > 0 or not YEAR.match(m.word) for m in number_mentions(q, top.block))
    # no figure where it is spoken of: in the best sentence's own paragraph, or, elsewhere, far less on topic
    if not gives_it and (same_paragraph or best.topical < TOPIC_GAP * top.topical):
        return True
    # the on-topic sentence, or the figure's own paragraph, counts it without a figure ("meerdere kinderen zijn
    # doorverwezen"), and the figure found counts something else ("vier basisscholen")
    vague = vague_count(q, top.text) or vague_count(q, best.block)
    mentions = number_mentions(q, best.text)
    if vague and not any(m.exact for m in mentions):
        return True
    # the best sentence's figures count other people than the ones asked for, and nothing the question says
    # follows them ("acht gemeenten geselecteerd ..." for "hoeveel jongeren bereikte ..."; "73 doorverwijzingen naar
    # Halt" does answer "how many young people did they refer to Halt"): a figure answers only what it counts
    # the same for a count of other things whose figures count people or places ("vijftien gemeenten" for "how many
    # boa's"); another word for the thing itself ("acht sessies" for "hoeveel bijeenkomsten") may answer it
    things = (bool(q.counted_terms) and not q.counted_terms & GROUPS and q.shape is None
              and all(any(set(t) & GROUPS for t in content_words(m.after[:2])) for m in mentions))
    return (bool(q.counted_terms & PEOPLE or things) and not RATIO_QUESTION.search(q.text) and bool(mentions)
            and all(m.fit == 0 and m.asked == 0 for m in mentions))


# which places: "welke (twee) gemeenten", "which cities"; the singular is the question's "place" shape
PLACE_NOUNS = r"(gemeenten|steden|plaatsen|regio's|municipalities|cities|towns|places|regions)"
PLACES_ASKED = re.compile(rf"\b(welke|which|what)\s+(\w+\s+)?{PLACE_NOUNS}\b", re.I)
PLACES_COUNTED = re.compile(rf"\b(hoeveel|how\s+many)\s+(\w+\s+)?{PLACE_NOUNS}\b", re.I)


def places_asked(q: Question) -> bool:
    """Whether the question (not the statement before it: "The news item gives examples of what municipalities do.")
    asks which places."""
    return bool(PLACES_ASKED.search(asked_sentence(q.text)))


def asks_of_group(q: Question) -> bool:
    """Whether a list of places can answer the question as it stands: it asks which places or how many, or it asks
    yes or no ("Doet Heerlen mee?")."""
    asked = asked_sentence(q.text)
    return q.shape == "place" or bool(PLACES_ASKED.search(asked) or PLACES_COUNTED.search(asked)) or not WH.search(asked)


def places_missing(q: Question, best: Candidate) -> bool:
    """A question which places do something, whose answer's paragraph names none ("Drie gemeenten zitten in de
    opstartfase"): a count is no answer to which."""
    if q.shape != "place" and not places_asked(q):
        return False
    asked = q.text.lower()
    for sentence in point_of(best):
        words = re.findall(r"[\w'’\-]+", sentence.lstrip("-•* "))[1:]  # a capital that starts a sentence names nothing
        if any(w[:1].isupper() and w[1:2].islower() and w.lower() not in asked and w.split("-")[0] not in NOT_NAMES
               for w in words):
            return False
    return True


def point_of(c: Candidate) -> list[str]:
    """The sentences of a candidate's paragraph that make its point: from the sentence before it that adds another
    point ("Daarnaast zijn acht gemeenten geselecteerd: Almere, ...") up to the next such sentence, not beyond."""
    sentences = re.split(r"(?<=[.!?:])\s+", c.block)
    at = next((k for k, s in enumerate(sentences) if c.text[:40] in s), None)
    if at is None:
        return sentences
    lo = max([k for k in range(at + 1) if ADDITION.match(sentences[k])], default=0)
    hi = next((k for k in range(at + 1, len(sentences)) if ADDITION.match(sentences[k])), len(sentences))
    return sentences[lo:hi]


VAGUE = re.compile(r"\b(meerdere|enkele|diverse|verschillende|een aantal|tal van|talrijke|veel|several|some|many|"
                   r"numerous)\s+([\w'’\-]+)", re.I)


def vague_count(q: Question, sentence: str) -> bool:
    """Whether a sentence counts what the question counts without a figure: "meerdere kinderen", but not
    "12 verschillende scholen"."""
    for m in VAGUE.finditer(sentence):
        before = sentence[: m.start()].split()[-1:]
        if before and NUMBER.fullmatch(before[0]):
            continue
        if any(counts(t, q.counted_terms) for t in terms(m.group(2))):
            return True
    return False
