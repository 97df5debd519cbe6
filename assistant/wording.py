"""The fixed words of an answer, in Dutch and English: the lead before quotes, and why the documents give no
answer. The answer is in the question's language; its quotes stay as the documents write them."""

from __future__ import annotations

TEXTS = {
    "nl": {
        "refuse": "Dat staat niet in de documenten: ik vond geen passage die deze vraag beantwoordt.",
        "missing": "De gevonden passages noemen {names} niet.",
        "related": "Verwante passages staan hieronder, maar zijn geen antwoord.",
        "lead": "Volgens de documenten:",
        "no_figure": "Dat staat niet in de documenten: de passage die hierover gaat, noemt geen aantal.",
        "no_names": "Dat staat niet in de documenten: de passage die hierover gaat, noemt geen gemeenten of plaatsen bij naam.",
        "no_shape": "Dat staat niet in de documenten: de passages die hierover gaan, noemen geen {what}.",
        "peers": "Dat staat niet in de documenten: de gevonden passage noemt {names} alleen in een opsomming met "
                 "andere en zegt dit niet over {names} zelf.",
        "part_refused": "dit deel van de vraag staat niet in de documenten",
        "see": "zie {refs}",
        "no_document": "Dat staat niet in de documenten: er is geen {name} bij.",
        "unnamed": "Dat staat niet in de documenten: de brief sluit met {roles}, zonder namen.",
    },
    "en": {
        "refuse": "The documents do not say: I found no passage that answers this question.",
        "missing": "The passages found do not mention {names}.",
        "related": "Related passages are listed below; they are not an answer.",
        "lead": "According to the documents (quoted in Dutch):",
        "no_figure": "The documents do not say: the passage about this gives no figure.",
        "no_names": "The documents do not say: the passage about this names no municipality or place.",
        "no_shape": "The documents do not say: the passages about this give no {what}.",
        "peers": "The documents do not say: the passage found names {names} only in a list with others and does not "
                 "say this of {names} itself.",
        "part_refused": "the documents do not answer this part of the question",
        "see": "see {refs}",
        "no_document": "The documents do not say: there is no {name} among them.",
        "unnamed": "The documents do not say: the letter closes with {roles}, without names.",
    },
}
