"""Numbers in questions and texts: the figure a number word writes (text2num: "twintig" is 20, "twenty" too), and
the numbers by which a question names the group it asks about ("de twintig gemeenten"), which the evidence must
speak of as of a name."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.context import MONTH_NUMBER

NUMBER_WORD = re.compile(r"\b[^\W\d_]{3,}\b")


@lru_cache(maxsize=65536)
def number_value(word: str, lang: str = "nl") -> str | None:
    """The figure a number word writes ("twintig" -> "20", "vijftien" -> "15", "twenty" -> "20"), by text2num; None
    for any other word, and for "een" / "one", which is mostly an article."""
    from text_to_num import text2num

    if word in ("een", "one"):
        return None
    try:
        return str(text2num(word, lang))
    except ValueError:
        return None


def numerals(text: str, lang: str = "nl") -> dict[str, str]:
    """The number words of a text, lowercased, with the figures they write."""
    found = {}
    for w in NUMBER_WORD.findall(text.lower()):
        if (n := number_value(w, lang)) is not None:
            found[w] = n
    return found


def number_of_name(name: str, lang: str = "nl") -> str | None:
    """The figure a salient number stands for ("twintig" -> "20", "twenty" -> "20", "24" -> "24"); None for a name
    or a year."""
    if name.isdigit():
        return None if re.fullmatch(r"(19|20)\d\d", name) else name
    return number_value(name.lower(), lang)


# what a number in a question may be other than the name of a group: the count a which-question asks for ("welke drie
# groepen", "What are the five themes"), a paper's number ("Kamerstuk 28 741 nr. 106"), an age ("jonger dan twaalf",
# "tussen 12 en 18 jaar"), a day ("4 april"), one ("één gemeente")
NOT_A_GROUP_BEFORE = re.compile(r"(\b(welke?|welk|which|what|hoeveel|how\s+many)(\s+[\w'’\-]+){0,2}|\b(nr\.?|nummer|number|"
                                r"no\.?|dossier|kamerstuk|dan|than|onder|boven|under|over|tot|vanaf|tussen|between)|\d)\s*$",
                                re.I)
NOT_A_GROUP_AFTER = re.compile(rf"^[\s\-]*(\d|jaar\b|jarig|years?\b|year-old|(?:{'|'.join(MONTH_NUMBER)})\b)", re.I)


def named_numbers(asked: str, lang: str) -> list[str]:
    """The numbers by which the asking part of a question names the group it asks about ("de twintig gemeenten", "the 24
    municipalities"): the evidence must speak of that group, as of a name."""
    found = []
    for m in re.finditer(rf"(?<![\d.,])\d{{1,3}}(?![\d.,])|{NUMBER_WORD.pattern}", asked):
        word = m.group()
        value = word if word.isdigit() else number_value(word.lower(), lang)
        if value in (None, "1") or NOT_A_GROUP_BEFORE.search(asked[: m.start()]) \
                or NOT_A_GROUP_AFTER.match(asked[m.end():]):
            continue
        found.append(word)
    return found
