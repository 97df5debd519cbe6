"""The plain JSON API (/api): ask, search, documents (list, file, upload, delete).

``save_and_ingest`` is the one upload path; the Gradio "Documenten" tab calls it too.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from assistant.errors import NotFoundError
from assistant.settings import Settings
from assistant.types import Answer, Citation, DocumentInfo, Filters, IngestReport, Message
from ui.api import (
    JSON_BODY_LIMIT, TooLargeError, UnprocessableError, get_assistant, get_settings, require_configured_key,
)

MB = 1024 * 1024
# an empty query parameter (``?k=&kind=``, as forms send them) means "not given"
EmptyIsNone = BeforeValidator(lambda v: None if v == "" else v)
INDEX_LOCK = threading.Lock()  # one change of the index at a time (uploads, deletes)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(description="The question (Dutch or English).")
    history: list[Message] = Field([], description="Earlier turns, oldest first, for follow-up questions.")
    filters: Filters | None = None


class DeleteResult(BaseModel):
    id: str
    deleted: bool = True
    file_deleted: bool = Field(description="True when the source file lived in the uploads folder and was removed.")


# --- uploads -------------------------------------------------------------------------------------------------


def safe_name(name: str) -> str:
    """A file name safe to store: its last path part, ASCII letters, digits, '.', '-' and '_' only."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    suffix = PurePosixPath(base).suffix.lower()
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:100] or "upload"
    return f"{stem}{suffix}"


def check_upload(name: str, data: bytes, settings: Settings) -> str:
    """The sanitised name, after checking type, size and that the bytes look like the type; else a UserError."""
    from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, decode_text

    shown = PurePosixPath((name or "").replace("\\", "/")).name or "(no name)"
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:  # the types the ingest reads
        raise UnprocessableError(f"{shown}: unsupported file type '{suffix or '(none)'}'; "
                                 f"upload one of {', '.join(sorted(SUPPORTED_SUFFIXES))}.")
    limit = int(settings.max_upload_mb * MB)
    if len(data) > limit:
        raise TooLargeError(f"{shown}: the file is over the upload limit of {settings.max_upload_mb:g} MB "
                            f"(PMG_MAX_UPLOAD_MB).")
    if not data:
        raise UnprocessableError(f"{shown}: the file is empty.")
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise UnprocessableError(f"{shown}: does not look like a PDF (it does not start with %PDF-).")
    elif suffix != ".docx":  # a .docx is a zip: its loader checks it
        try:
            decode_text(data, shown)
        except LoadError as exc:
            raise UnprocessableError(str(exc)) from exc
    return safe_name(shown)


def save_and_ingest(assistant, name: str, data: bytes, settings: Settings) -> tuple[IngestReport, str | None]:
    """Check, store under ``settings.uploads`` and ingest one uploaded file: (report, document id).

    A file the loader refuses is removed again (an earlier upload of the same name is put back) and its message
    raised as a 422."""
    from ingest.pipeline import ingest

    safe = check_upload(name, data, settings)
    uploads = settings.uploads
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / safe
    backup = uploads / f".{safe}.previous"
    with INDEX_LOCK:
        had_previous = target.exists()
        if had_previous:
            target.replace(backup)
        try:
            target.write_bytes(data)
            report = ingest([target], settings)
            if report.errors:
                raise UnprocessableError("; ".join(e.error for e in report.errors))
        except BaseException:
            target.unlink(missing_ok=True)
            if had_previous:
                backup.replace(target)
            raise
        backup.unlink(missing_ok=True)
    doc_id = next((d.id for d in assistant.store.documents() if d.path == str(target.resolve())), None) or next((d.duplicate_of for d in report.duplicates), None)  # same bytes as a document already indexed
    return report, doc_id


def _record(assistant, doc_id: str):
    record = assistant.store.document(doc_id)
    if record is None:
        raise NotFoundError(f"No document with id '{doc_id}'; GET /api/documents lists them.")
    return record


def delete_document(assistant, settings: Settings, doc_id: str) -> DeleteResult:
    with INDEX_LOCK:
        record = _record(assistant, doc_id)
        assistant.store.delete_document(doc_id)
        path = Path(record.path)
        in_uploads = path.resolve().is_relative_to(settings.uploads.resolve())
        if in_uploads:
            path.unlink(missing_ok=True)
    return DeleteResult(id=doc_id, file_deleted=in_uploads)


def upload_limit(settings: Settings) -> int:
    """Largest request body of an upload: the file plus the multipart overhead."""
    return int(settings.max_upload_mb * MB) + 64 * 1024


# --- routes --------------------------------------------------------------------------------------------------


def router(settings: Settings) -> APIRouter:
    r = APIRouter(tags=["api"])

    @r.post("/ask", response_model=Answer, max_body_size=JSON_BODY_LIMIT)
    def ask(body: AskRequest, assistant=Depends(get_assistant)) -> Answer:
        """An answer with numbered citations, or (``answered`` false) a refusal with related passages."""
        return assistant.ask(body.question, history=body.history, filters=body.filters)

    @r.get("/search", response_model=list[Citation])
    def search(
        q: str = Query(description="The search query."),
        k: Annotated[Annotated[int, Field(ge=1, le=50)] | None, EmptyIsNone,
                     Query(description="Number of passages, 1-50 (default: PMG_TOP_K).")] = None,
        kind: str | None = Query(None, description="Only documents of this kind."),
        document: str | None = Query(None, description="Only this document (id, file name or part of the title)."),
        year_from: Annotated[int | None, EmptyIsNone, Query(description="Only documents from this year on.")] = None,
        year_to: Annotated[int | None, EmptyIsNone, Query(description="Only documents up to this year.")] = None,
        assistant=Depends(get_assistant),
    ) -> list[Citation]:
        """Passages for a query, best first (each chunk whole), without composing an answer."""
        filters = Filters(kind=kind or None, document=document or None, year_from=year_from, year_to=year_to)
        return assistant.search(q, filters, k)

    @r.get("/documents", response_model=list[DocumentInfo])
    def documents(assistant=Depends(get_assistant)) -> list[DocumentInfo]:
        """The indexed documents."""
        return assistant.documents()

    @r.get("/documents/{doc_id}/file", response_class=FileResponse)
    def document_file(doc_id: str, assistant=Depends(get_assistant)) -> FileResponse:
        """The stored source file of a document (looked up by id in the index, never by a path)."""
        record = _record(assistant, doc_id)
        path = Path(record.path)
        if not path.is_file():
            raise NotFoundError(f"The source file of document '{doc_id}' ({record.source}) is no longer on disk.")
        return FileResponse(path, filename=record.source, content_disposition_type="inline")

    @r.post("/documents", response_model=IngestReport, max_body_size=upload_limit(settings),
            dependencies=[Depends(require_configured_key)])
    def upload(response: Response, file: UploadFile = File(description="A PDF, .txt, .md or .html file."),
               settings: Settings = Depends(get_settings), assistant=Depends(get_assistant)) -> IngestReport:
        """Upload one document and ingest it (needs PMG_API_KEY). The new document's id is in ``X-Document-Id``."""
        data = file.file.read(int(settings.max_upload_mb * MB) + 1)
        report, doc_id = save_and_ingest(assistant, file.filename or "", data, settings)
        if doc_id:
            response.headers["X-Document-Id"] = doc_id
        return report

    @r.delete("/documents/{doc_id}", response_model=DeleteResult, dependencies=[Depends(require_configured_key)])
    def delete(doc_id: str, assistant=Depends(get_assistant),
               settings: Settings = Depends(get_settings)) -> DeleteResult:
        """Remove a document from the index (needs PMG_API_KEY); an uploaded file is deleted too."""
        return delete_document(assistant, settings, doc_id)

    return r

