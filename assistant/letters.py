"""Who signed a letter: the signature block at its end, a role line and a name ("De Minister van Justitie en
Veiligheid, D. Yeşilgöz-Zegerius"), as Kamerbrieven and municipal letters close. A question who signed it is
answered by that block, not by a sentence that happens to name a minister.

Written here rather than taken from a library: no Dutch named-entity model ships offline (../shared/OFFLINE.md),
and the form of a signature (a role ending in a comma, then initials and a surname) is a convention of the letters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SIGNED = re.compile(r"\b(onderteken\w*|getekend|signed|signatory|signatories)\b", re.I)  # not "a sign that ..."
ROLES = r"minister|staatssecretaris|burgemeester|wethouder|secretaris|directeur|voorzitter|commissaris"
# "De Minister van Justitie en Veiligheid," then, on the same or a following line, "D.M. van Weel"
SIGNATURE = re.compile(
    rf"\b([Dd]e\s+(?i:{ROLES})\b[^,\n]{{0,70}}),\s*"
    r"((?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|van der|van den)\s+)*[A-Z][\w’'\-]+)")

# a closing signed by hand, its roles without names: "het college van ..., de secretaris, de burgemeester,"
UNNAMED = re.compile(rf"(?:\b[Dd]e\s+(?i:{ROLES})\s*,\s*)+$")


class Signature(NamedTuple):
    start: int
    end: int
    role: str
    name: str


def asks_signatory(question: str) -> bool:
    """"Door wie is de brief ondertekend?", "Which minister signed the June 2025 letter?"."""
    return bool(SIGNED.search(question))


def signatures(text: str) -> list[Signature]:
    """The signatures in a text, in order: a role line and the name under it (initials, then the surname)."""
    return [Signature(m.start(), m.end(), " ".join(m.group(1).split()), m.group(2))
            for m in SIGNATURE.finditer(text)]


def unnamed_closing(text: str) -> re.Match | None:
    """The roles a text closes with when they stand without names ("de secretaris, de burgemeester,"): a letter
    signed by hand, whose signatories the text does not name."""
    return None if signatures(text) else UNNAMED.search(text.rstrip())
