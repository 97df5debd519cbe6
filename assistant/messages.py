"""The texts of user errors, in Dutch and English: one catalogue, chosen at the surface.

An error raised with a ``code`` (``UserError(code="question_empty")``) keeps its parameters; the CLI and the HTTP
API show its English text with the operator's hint (the setting to change, ``PMG_...``), the chat shows the text
in the interface's language or the question's, without setting names. Below ``assistant.errors``; imports nothing
of the project.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

# code -> {"nl": ..., "en": ..., "hint": ...}; texts are str.format templates over the error's parameters; the
# English text places the operator's hint with {hint} (empty in the chat).
CATALOGUE: dict[str, dict[str, str]] = {
    "question_surrogate": {
        "nl": "De vraag bevat een ongeldig teken (U+{code_point:04X}); typ of plak de vraag opnieuw.",
        "en": "The question contains a lone surrogate (U+{code_point:04X}), which is not a character; send valid UTF-8 "
              "text.",
    },
    "question_empty": {"nl": "Typ eerst een vraag.", "en": "The question is empty."},
    "question_too_long": {
        "nl": "De vraag is {chars} tekens lang; er passen er {limit} in. Stel de vraag korter.",
        "en": "The question is {chars} characters long; the limit is {limit}{hint}.",
        "hint": " (PMG_MAX_QUESTION_CHARS)",
    },
    "question_too_many_tokens": {
        "nl": "De vraag is te lang om te lezen ({tokens} stukjes tekst; er passen er {limit} in). Stel de vraag "
              "korter.",
        "en": "The question is too long for the language model: {tokens} tokens; the limit is {limit}{hint}. "
              "Ask it shorter.",
        "hint": " (PMG_MAX_QUESTION_TOKENS)",
    },
    "no_index": {
        "nl": "Er is nog geen index: de beheerder moet eerst de documenten inlezen (pmg ingest).",
        "en": "No index yet at {where}: run `pmg ingest` first.",
    },
    "upload_type": {
        "nl": "{name}: dit soort bestand kan niet worden ingelezen ({suffix}); kies een {accepted}-bestand.",
        "en": "{name}: unsupported file type '{suffix}'; upload one of {accepted}.",
    },
    "upload_too_large": {
        "nl": "{name}: het bestand is groter dan {limit:g} MB, de grens voor uploads.",
        "en": "{name}: the file is over the upload limit of {limit:g} MB{hint}.",
        "hint": " (PMG_MAX_UPLOAD_MB)",
    },
    "upload_empty": {"nl": "{name}: het bestand is leeg.", "en": "{name}: the file is empty."},
    "upload_not_pdf": {
        "nl": "{name}: dit lijkt geen PDF-bestand te zijn.",
        "en": "{name}: does not look like a PDF (it does not start with %PDF-).",
    },
    "upload_busy": {
        "nl": "{name}: een upload met deze naam wordt nog ingelezen; wacht tot die klaar is.",
        "en": "{name}: an upload of this name is still being ingested; wait for it to finish.",
    },
    "upload_exists": {
        "nl": "{name}: er is al een document met deze naam geüpload ({id}); vink 'vervang' aan om het te vervangen.",
        "en": "{name}: a document of this name was uploaded already (id '{id}'); send replace=true to replace it.",
    },
    "document_unknown": {
        "nl": "Er is geen document '{id}' (meer) in de index.",
        "en": "No document with id '{id}'; GET /api/documents lists them.",
    },
    "document_being_replaced": {
        "nl": "Document '{id}' wordt nu vervangen door een upload; verwijder het daarna.",
        "en": "Document '{id}' is being replaced by an upload; delete it afterwards.",
    },
    "only_uploaded_file": {
        "nl": "Alleen een bestand dat via dit formulier is geüpload, kan worden toegevoegd.",
        "en": "Only a file uploaded through this form can be added.",
    },
    "feedback_unwritable": {
        "nl": "Uw beoordeling kon niet worden bewaard; probeer het later nog eens.",
        "en": "The feedback could not be saved ({reason}){hint}; try again later.",
        "hint": ": check that the server can write PMG_FEEDBACK_FILE",
    },
    "passage_gone": {
        "nl": "Deze bron staat niet meer in de index; stel de vraag opnieuw.",
        "en": "This source is no longer in the index; ask the question again.",
    },
}

# what the chat says of an error it has no text for (the English message follows)
UNKNOWN = {"nl": "Dat lukte niet: {message}", "en": "That did not work: {message}"}


def text(code: str, lang: str = "en", *, hint: bool = False, **params) -> str:
    """The text of ``code`` in ``lang`` (English when the language has none), with its parameters filled in;
    ``hint``: followed by the operator's hint (CLI and API)."""
    entry = CATALOGUE[code]
    template = entry.get(lang if lang in LANGUAGES else "en", entry["en"])
    return template.format(**params, hint=entry.get("hint", "") if hint else "")
