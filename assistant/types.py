"""Boundary types: what the CLI prints as JSON, FastAPI returns, Gradio renders and the eval scores."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator


def no_lone_surrogates(text: str) -> str:
    """JSON can carry half of a UTF-16 pair ("\ud800"), which is no character: refused at the boundary."""
    bad = next((ch for ch in text if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:
        raise ValueError(f"contains a lone surrogate (U+{ord(bad):04X}), which is not a character; send valid "
                         f"UTF-8 text")
    return text


Text = Annotated[str, AfterValidator(no_lone_surrogates)]


class Message(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: Text


class Filters(BaseModel):
    """Restricts retrieval to some documents. Every field is optional; set fields must all match."""

    model_config = ConfigDict(extra="forbid")
    kind: Text | None = Field(None, description="Document kind, e.g. 'voortgangsrapportage', 'kamerbrief'.")
    document: Text | None = Field(None, description="Document id, file name or (part of the) title.")
    year_from: int | None = Field(None, description="First publication year to include.")
    year_to: int | None = Field(None, description="Last publication year to include.")

    @model_validator(mode="after")
    def _years_in_order(self) -> Filters:
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ValueError(f"year_from ({self.year_from}) is after year_to ({self.year_to})")
        return self

    def is_empty(self) -> bool:
        return not any(v is not None for v in self.model_dump().values())


class Citation(BaseModel):
    n: int = Field(description="The number used as [n] in the answer text.")
    document: str = Field(description="Document title.")
    document_id: str
    kind: str | None = None
    date: str | None = None
    source: str = Field(description="File name of the source document.")
    page: int | None = Field(None, description="1-based page on which the quote stands (null for unpaged text).")
    section: str | None = Field(None, description="Heading of the section the quote stands in.")
    ocr: bool = Field(False, description="The quote's page was read by OCR (a scanned page): check it against the "
                      "original.")
    quote: str = Field(description="Verbatim text from the indexed document.")
    chunk_id: str
    score: float
    peildatum: str | None = Field(None, description="The date the document's figures hold for, where it states one.")
    origin: Literal["corpus", "upload"] = Field("corpus", description="'upload' for a document a user uploaded.")


class Figure(BaseModel):
    """One document's figure where documents disagree (``Answer.figures``)."""

    value: str = Field(description="The figure as the answer gives it: \"47 gemeenten\".")
    date: str | None = Field(None, description="Date of the document that gives it (ISO).")
    peildatum: str | None = Field(None, description="The date its figures hold for, where the document states one.")
    document: str = Field(description="Title of that document.")
    document_id: str
    origin: Literal["corpus", "upload"] = "corpus"
    citations: list[int] = Field(description="The [n] of the citations that give this figure.")


class Answer(BaseModel):
    question: str
    answer: str
    answered: bool = Field(description="False when the documents do not support an answer.")
    lead: str | None = Field(None, description="The short direct answer the extractive answer text starts with, with "
                             "its citation markers (\"576 jongeren [1]\"); null for a refusal and for an LLM's answer.")
    citations: list[Citation] = []
    related: list[Citation] = Field([], description="Closest passages, offered when the question is not answered.")
    timings_ms: dict[str, float] = {}
    mode: Literal["extractive", "llm"] = "extractive"
    note: str | None = Field(None, description="Why a generated answer was replaced by the extractive one, if it was.")
    evidence: float | None = Field(None, description="Score of the best supporting sentence (answered when it reaches "
                                   "the calibrated threshold); null when no sentence mentions the question's names.")
    query: str | None = Field(None, description="The self-contained query used for retrieval (after follow-up handling).")
    conflict: bool = Field(False, description="The documents give different figures for what was asked: "
                           "``figures`` lists them, newest first (a timeline, oldest first, for how a figure changed).")
    figures: list[Figure] = Field([], description="Each figure the documents give, with its document and date, in "
                                  "the order the answer gives them; empty when they agree or one document answers.")
    suggestions: list[str] = Field([], description="Up to three questions, in the question's language, made from the "
                                   "passages of this answer (or refusal) and answered by the documents: follow-ups to "
                                   "offer.")


class DocumentFacts(BaseModel):
    """What is known of a document, as the store keeps it and the surfaces show it."""

    id: str
    title: str
    kind: str | None = None
    date: str | None = None
    publisher: str | None = None
    language: str | None = None
    origin: str | None = Field(None, description="Where the document comes from (manifest 'source').")
    source: str = Field(description="File name shown to users.")
    pages: int | None = None
    chunks: int = 0
    date_source: str | None = Field(None, description="Where the date comes from: 'manifest', 'text' (a date line "
                                    "of the document), 'pdf' (its metadata) or 'file' (its modification time).")
    peildatum: str | None = Field(None, description="The date the document's figures hold for, as it states it.")
    dossier: str | None = Field(None, description="Kamerstuk dossier number, e.g. '28 741'.")
    number: str | None = Field(None, description="Kamerstuk number within the dossier, e.g. '106'.")
    languages: list[str] | None = Field(None, description="ISO codes of the languages found, the main one first.")
    also_named: list[str] | None = Field(None, description="Other file names under which the same bytes were found.")
    ocr_pages: list[int] | None = Field(None, description="Pages read by OCR (they had no text layer).")

    @field_validator("languages", "also_named", "ocr_pages", mode="before")
    @classmethod
    def _list_or_none(cls, value):
        """Lists as a store may hand them back (a JSON string), and an empty list as None (Chroma refuses [])."""
        if isinstance(value, str):
            value = json.loads(value) if value.startswith("[") else [value]
        return value or None


class DocumentInfo(DocumentFacts):
    year: int | None = None
    added_via: Literal["corpus", "upload"] | None = Field(None, description="'upload' when the file lies under the "
                                                          "uploads folder, else 'corpus' (a folder ingested).")


class FileError(BaseModel):
    path: str
    error: str
    code: str | None = Field(None, description="The error's code (assistant/messages.py), for its text in Dutch.")
    params: dict[str, str | int | float] = Field({}, description="The parameters of that text.")


class DuplicateFile(BaseModel):
    path: str
    duplicate_of: str = Field(description="Id of the document with the same bytes; this file was not indexed again.")
    source: str = Field(description="File name of that document.")


class IngestReport(BaseModel):
    documents: int = Field(0, description="Documents in the index after the run.")
    chunks: int = Field(0, description="Chunks in the index after the run.")
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = Field(0, description="Chunks embedded in this run.")
    errors: list[FileError] = []
    warnings: list[FileError] = Field([], description="Files indexed with a caveat (pages read by OCR with low "
                                      "confidence, pages with no text that could not be read).")
    duplicates: list[DuplicateFile] = Field([], description="Files skipped: the same bytes are indexed under "
                                            "another name (noted in that document's also_named).")


class UploadJob(BaseModel):
    """An upload being ingested in the background: ``POST /api/documents`` answers 202 with it, ``GET
    /api/jobs/{id}`` tells how far it is."""

    id: str
    file: str = Field(description="The name the file is stored under.")
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(0.0, description="Share of the work done, 0 to 1 (embedding is most of it).")
    replaces: str | None = Field(None, description="Id of the document this upload replaces, if it does.")
    document_id: str | None = Field(None, description="Id of the ingested document, once done.")
    message: str | None = Field(None, description="Why the job failed.")
    code: str | None = Field(None, description="The failure's code (assistant/messages.py), when it has one.")
    params: dict[str, str | int | float] = Field({}, description="The parameters of that code's text.")
    report: IngestReport | None = None


# --- records the ingest pipeline hands to the store ------------------------------------------------


class SentenceSpan(BaseModel):
    start: int = Field(description="Offset of the sentence in its chunk's text.")
    end: int
    page: int | None = None


class Chunk(BaseModel):
    id: str
    index: int
    text: str
    section: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    sentences: list[SentenceSpan] = []


class DocumentRecord(DocumentFacts):
    """A document as the store keeps it: its metadata plus the content hash that makes re-ingest incremental."""

    path: str = Field(description="Absolute path of the file on the ingesting machine.")
    content_hash: str
    file_hash: str | None = Field(None, description="sha256 of the file's bytes alone: the same bytes under a "
                                  "second name are one document.")

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None
