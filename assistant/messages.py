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

# errors of the index (assistant/store.py)
CATALOGUE |= {
    "chroma_unreachable": {
        "nl": "De index is nu niet bereikbaar; probeer het later opnieuw of waarschuw de beheerder.",
        "en": "Cannot reach the Chroma server at {url} ({reason}).",
    },
    "embedder_mismatch": {
        "nl": "De index is gebouwd met een ander taalmodel dan de vraagbaak nu gebruikt; de beheerder moet de "
              "index opnieuw opbouwen (pmg ingest --rebuild).",
        "en": "The index was built with the embedder {built} ({built_dim}-dim), but the settings ask for {asked} "
              "({dim}-dim){hint}.",
        "hint": ". Set PMG_EMBEDDER back, or rebuild the index with `pmg ingest --rebuild`",
    },
    "index_format": {
        "nl": "De index is gemaakt door een oudere versie van de vraagbaak; de beheerder moet de index opnieuw "
              "opbouwen (pmg ingest --rebuild).",
        "en": "The index was built by an older version of the assistant (index format {found}, this version reads "
              "format {reads}). Rebuild it from the corpus with `pmg ingest --rebuild`.",
    },
}

# errors of a file being read (ingest/loaders.py, pdf.py, word.py, ocr.py): the English is the ingest summary's
CATALOGUE |= {
    "load_unreadable": {"nl": "{name}: het bestand kan niet worden gelezen.",
                        "en": "{name}: cannot read the file ({reason})"},
    "load_doc": {"nl": "{name}: het oude Word-formaat (.doc) kan niet worden ingelezen; sla het op als .docx of PDF.",
                 "en": "{name}: old Word format '.doc' is not supported; save it as .docx or PDF and add that"},
    "load_type": {"nl": "{name}: dit soort bestand kan niet worden ingelezen ({kind}); kies een {supported}-bestand.",
                  "en": "{name}: unsupported file type {kind}; supported are {supported}"},
    "load_too_large": {"nl": "{name}: het bestand is {size:.1f} MB, groter dan de grens van {limit:.4g} MB.",
                       "en": "{name}: file is {size:.1f} MB, over the limit of {limit:.4g} MB{hint}",
                       "hint": " (PMG_MAX_FILE_MB)"},
    "load_empty": {"nl": "{name}: het bestand is leeg.", "en": "{name}: the file is empty"},
    "load_binary": {"nl": "{name}: dit is geen tekst maar binaire gegevens; kies een tekstbestand.",
                    "en": "{name}: looks like binary data, not text"},
    "load_no_text": {"nl": "{name}: er staat geen leesbare tekst in het bestand.",
                     "en": "{name}: no readable text in the file"},
    "load_pdf_broken": {"nl": "{name}: dit PDF-bestand is beschadigd of onleesbaar.",
                        "en": "{name}: not a readable PDF ({reason})"},
    "load_pdf_password": {"nl": "{name}: de PDF is met een wachtwoord beveiligd; kies een versie zonder wachtwoord.",
                          "en": "{name}: the PDF is password-protected"},
    "load_pdf_encrypted": {"nl": "{name}: de PDF is versleuteld en kan op deze server niet worden geopend.",
                           "en": "{name}: the PDF is AES-encrypted; opening it needs the 'cryptography' package"},
    "load_scanned": {"nl": "{name}: de PDF heeft geen tekstlaag (gescand?) en de tekstherkenning kon hem niet lezen.",
                     "en": "{name}: the PDF has no text layer (scanned?) and {why}"},
    "load_word_broken": {"nl": "{name}: dit Word-bestand is beschadigd of onleesbaar.",
                         "en": "{name}: not a readable Word file ({reason})"},
}

# what the chat says of an error it has no text for (the English message follows)
UNKNOWN = {"nl": "Dat lukte niet: {message}", "en": "That did not work: {message}"}


def text(code: str, lang: str = "en", *, hint: bool = False, **params) -> str:
    """The text of ``code`` in ``lang`` (English when the language has none), with its parameters filled in;
    ``hint``: followed by the operator's hint (CLI and API)."""
    entry = CATALOGUE[code]
    template = entry.get(lang if lang in LANGUAGES else "en", entry["en"])
    return template.format(**params, hint=entry.get("hint", "") if hint else "")
