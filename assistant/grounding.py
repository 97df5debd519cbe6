"""The mechanical grounding check for generated answers: every cited [n] exists, and every number and proper
name in the answer occurs in a passage it cites (or, for names, in the question)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.types import Citation

# --------------------------------------------------------------------------------------------------
# grounding check
# --------------------------------------------------------------------------------------------------

# [1]  [1, 3]  [2-4]  [1; 2]
_MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[,;\-–]\s*\d{1,4})*)\s*\]")
# 576  1.200  2,5  1.200.000  28 741 (space, no-break space or narrow no-break space as thousands separator)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?:[ \u00a0\u202f]\d{3}(?![\d]|[.,]\d))*")
_WORD = re.compile(r"[^\W\d_][\w]*(?:[-'’][\w]+)*")
_SENTENCE_END = ".!?:;"
_OPENERS = "\"'“”‘’«»([*•–—-"

#: Common Dutch and English function / discourse words. Capitalised at the start of a sentence they are
#: not names; everywhere else a capitalised word is treated as (part of) a name.
FUNCTION_WORDS = frozenset(
    """
    de het een en of maar want dus in op aan met voor van bij naar uit over onder boven tussen door om tot
    tegen zonder na sinds tijdens volgens per via vanaf binnen buiten ook nog al niet geen wel er daar hier
    dit dat deze die wat wie welke waar wanneer hoe waarom hoeveel waarvan waarin waarbij ik je jij u hij zij
    ze wij we jullie hun hen zijn is was waren wordt worden werd werden heeft hebben had hadden kan kunnen
    kon konden moet moeten zal zullen zou zouden mag mogen als toen terwijl omdat doordat zodat hoewel
    indien daarnaast bovendien verder tevens echter daarom daardoor daarbij hierbij daarin hierin hierdoor
    kortom samengevat concluderend helaas ja nee ongeveer circa bijna ruim meer minder alle elke ieder
    iedere enkele sommige veel weinig andere totaal eerst vervolgens daarna ten slotte tot slot zo nu dan
    inmiddels uiteindelijk bijvoorbeeld namelijk oftewel ofwel evenals zowel noch niets iets alleen vooral
    mijn mijnheer uw onze ons hiervoor daarvoor hiermee daarmee dankzij vanwege wegens ondanks behalve
    the a an and or but so on at with for of by to from about under above between through during after
    before since according per via within also not no yes there here this that these those what who which
    whom whose where when how why i you he she it we they his her its their our your my is are was were be
    been being has have had can could must should will would may might shall as if because although though
    while however therefore thus moreover furthermore additionally overall unfortunately approximately
    around nearly almost over more less all each every some many few other another total first then next
    finally in based note sources source passage passages answer yes no both either neither only just
    één twee drie vier vijf zes zeven acht negen tien elf twaalf honderd duizend
    one two three four five six seven eight nine ten eleven twelve hundred thousand
    """.split()
)


def _markers(text: str) -> list[tuple[re.Match[str], list[int]]]:
    """Every [n]-style marker with the passage numbers it cites (ranges expanded, order kept)."""
    out = []
    for m in _MARKER.finditer(text):
        nums: list[int] = []
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            bounds = re.split(r"\s*[\-–]\s*", part)
            if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) and int(bounds[1]) - int(bounds[0]) < 20:
                nums.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            else:
                nums.extend(int(b) for b in bounds)
        out.append((m, list(dict.fromkeys(nums))))
    return out


def cited_numbers(text: str) -> list[int]:
    """The passage numbers cited in ``text``, in order of first appearance."""
    return list(dict.fromkeys(n for _, nums in _markers(text) for n in nums))


def _strip_markers(text: str) -> str:
    return _MARKER.sub(" ", text)


def _decimal_form(int_part: str, frac: str) -> str:
    try:
        d = Decimal(f"{int_part}.{frac}")
    except InvalidOperation:
        return f"{int_part}.{frac}"
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _number_forms(token: str) -> set[str]:
    """Canonical values a written number can stand for.

    ``1.200`` is 1200 in Dutch and 1.2 in English, so it yields both; ``2,5`` is 2.5; ``1.200,5`` is 1200.5;
    ``28 741`` is 28741. Leading zeros are dropped.
    """
    parts = re.split(r"[ \u00a0\u202f]", token)
    if len(parts) > 1:
        return {str(int("".join(re.sub(r"\D", "", p) for p in parts)))}
    groups = re.split(r"([.,])", token)
    digits, seps = groups[0::2], groups[1::2]
    if not seps:
        return {str(int(token))}
    forms: set[str] = set()
    if len(set(seps)) == 1:
        if all(len(g) == 3 for g in digits[1:]):  # thousands separators (maybe)
            forms.add(str(int("".join(digits))))
        if len(seps) == 1:  # one separator: may also be a decimal point/comma
            forms.add(_decimal_form(digits[0], digits[1]))
    else:  # both kinds: the last one is the decimal separator
        forms.add(_decimal_form("".join(digits[:-1]), digits[-1]))
    if not forms:  # e.g. 1.2.3 (a version or section number): compare as written
        forms.add(token)
    return forms


def _numbers(text: str) -> list[str]:
    return [m.group(0) for m in _NUMBER.finditer(_strip_markers(text))]


def _source_number_forms(sources: list[str]) -> set[str]:
    forms: set[str] = set()
    for s in sources:
        for tok in _numbers(s):
            forms |= _number_forms(tok)
            # "in 2023 576 jongeren" is read as one number; keep the pieces as well
            for piece in re.split(r"[ \u00a0\u202f]", tok):
                forms |= _number_forms(piece)
    return forms


def _number_grounded(token: str, forms: set[str]) -> bool:
    if _number_forms(token) & forms:
        return True
    pieces = re.split(r"[ \u00a0\u202f]", token)
    return len(pieces) > 1 and all(_number_forms(p) & forms for p in pieces)


def _at_sentence_start(text: str, start: int) -> bool:
    prefix = text[:start]
    stripped = prefix.rstrip()
    if "\n" in prefix[len(stripped) :]:
        return True
    stripped = stripped.rstrip(_OPENERS + " \t")
    return not stripped or stripped[-1] in _SENTENCE_END or stripped.endswith("\n")


def _occurs(word: str, sources: list[str]) -> bool:
    pat = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.I)
    return any(pat.search(s) for s in sources)


def _name_grounded(word: str, sources: list[str]) -> bool:
    word = re.sub(r"['’]s?$", "", word)  # AJB's, Tilburgs' -> AJB, Tilburg
    if not word or _occurs(word, sources):
        return True
    if "-" in word:  # AJB-traject: the capitalised parts must be there
        parts = [p for p in word.split("-") if p and p[0].isupper()]
        return all(_occurs(p, sources) for p in parts)
    return False


def _name_candidates(text: str) -> list[tuple[int, re.Match[str]]]:
    """(token index, match) of every word the grounding check treats as (part of) a proper name."""
    out = []
    for i, m in enumerate(_WORD.finditer(text)):
        w = m.group(0)
        if not w[0].isupper() or w == "I":
            continue
        if w.lower() in FUNCTION_WORDS and _at_sentence_start(text, m.start()):
            continue
        out.append((i, m))
    return out


def check_grounding(text: str, passages: list[Citation], question: str = "") -> list[str]:
    """Mechanical check of a generated answer against the passages it cites. Returns the problems; [] = grounded.

    Rules, in this order:

    1. Markers: the text must cite at least one passage as ``[n]`` (also ``[1, 2]``, ``[2-3]``), and every
       cited ``n`` must be the number of one of ``passages``. (If no existing passage is cited, rules 2-3 are
       skipped: there is nothing to check against, and the answer already fails.)
    2. Figures: every number written with digits (``576``, ``1.200``, ``2,5``, ``28 741``, years, percentages)
       must occur in a cited passage (its quote, or its document title / section heading, which the prompt
       shows with it). Numbers are compared by value, so ``1.200``, ``1,200``, ``1200`` and ``1 200`` match;
       ``1.200`` may stand for 1200 (Dutch) or 1.2 (English). Numbers written as words are not checked.
    3. Names: a word starting with a capital letter is treated as (part of) a proper name, except a common
       Dutch/English function, discourse or number word (``De``, ``Het``, ``Volgens``, ``Zes``, ``The``…) at the start
       of a sentence, line or list item, and the English pronoun ``I``. So ``AJB``, ``Tilburg``, ``Prospect``
       and ``Cash`` are names wherever they stand, and so is a sentence-initial content word like
       ``Jongeren``. Each must occur as a whole word (case-insensitive, a possessive ``'s`` dropped; for a
       hyphenated word its capitalised parts) in a cited passage or in the question; consecutive missing words
       are reported together as one name.

    The check is deliberately simple and strict: a paraphrase that translates a name, or starts a sentence
    with a content word that is in no cited passage, fails it and the extractive answer is shown instead.
    """
    problems: list[str] = []
    by_n = {p.n: p for p in passages}
    cited = cited_numbers(text)
    if not cited:
        problems.append("the answer cites no passage (no [n] marker)")
    for n in cited:
        if n not in by_n:
            problems.append(f"the answer cites [{n}], but there is no passage {n}")
    sources = []
    for n in cited:
        if n in by_n:
            p = by_n[n]
            sources.extend(s for s in (p.quote, p.document, p.section) if s)
    if not sources:  # nothing valid is cited: there is nothing to check the content against
        return problems
    body = _strip_markers(text)

    forms = _source_number_forms(sources)
    for tok in dict.fromkeys(_numbers(body)):
        if not _number_grounded(tok, forms):
            problems.append(f"the figure {tok} is not in any cited passage")

    name_sources = sources + ([question] if question else [])
    missing = [(i, m) for i, m in _name_candidates(body) if not _name_grounded(m.group(0), name_sources)]
    names: list[str] = []
    prev_i, start = -2, 0
    for i, m in missing:  # consecutive missing words are one name: "Den Bosch", "Prospect 4 Cash"
        if names and prev_i == i - 1:
            names[-1] = " ".join(body[start : m.end()].split())
        else:
            start = m.start()
            names.append(m.group(0))
        prev_i = i
    for name in dict.fromkeys(names):
        problems.append(f"the name {name!r} is not in any cited passage or the question")
    return problems


def renumber(text: str, cited: list[int]) -> tuple[str, dict[int, int]]:
    mapping = {old: new for new, old in enumerate(cited, start=1)}

    def repl(m: re.Match[str]) -> str:
        nums = sorted({mapping[n] for n in _markers(m.group(0))[0][1]})
        return "[" + ", ".join(str(n) for n in nums) + "]"

    return _MARKER.sub(repl, text), mapping
