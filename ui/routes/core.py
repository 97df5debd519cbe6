"""The plain JSON API (/api): ask, search, documents (list, file, upload, delete) and upload jobs.

Uploads and deletes go through ``ingest.uploads.Uploads`` (``app.state.uploads``), which the chat's Documenten
tab uses too: an upload is checked at once (a client mistake is a 4xx here) and ingested in the background.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from assistant.errors import NotFoundError
from assistant.settings import Settings
from assistant.types import Answer, Citation, DocumentInfo, Filters, Message, Text, UploadJob
from ui.deps import JSON_BODY_LIMIT, get_assistant, get_settings, get_uploads, require_configured_key

MB = 1024 * 1024
# an empty query parameter (``?k=&kind=``, as forms send them) means "not given"
EmptyIsNone = BeforeValidator(lambda v: None if v == "" else v)
INLINE = {".pdf", ".txt", ".md", ".markdown"}  # shown in the browser; anything else (HTML) is a download


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Text = Field(description="The question (Dutch or English).")
    history: list[Message] = Field([], description="Earlier turns, oldest first, for follow-up questions.")
    filters: Filters | None = None


class DeleteResult(BaseModel):
    id: str
    deleted: bool = True
    file_deleted: bool = Field(description="True when the source file lived in the uploads folder and was removed.")


def _record(assistant, doc_id: str):
    record = assistant.store.document(doc_id)
    if record is None:
        raise NotFoundError(f"No document with id '{doc_id}'; GET /api/documents lists them.")
    return record


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
        filters = Filters.model_validate({"kind": kind or None, "document": document or None,
                                          "year_from": year_from, "year_to": year_to})
        return assistant.search(q, filters, k)

    @r.get("/documents", response_model=list[DocumentInfo])
    def documents(assistant=Depends(get_assistant)) -> list[DocumentInfo]:
        """The indexed documents."""
        return assistant.documents()

    @r.get("/documents/{doc_id}/file", response_class=FileResponse)
    def document_file(doc_id: str, assistant=Depends(get_assistant)) -> FileResponse:
        """The stored source file of a document (looked up by id in the index, never by a path). PDF and text are
        shown inline; any other type (HTML) is sent as a download, so an uploaded page never runs on this origin."""
        record = _record(assistant, doc_id)
        path = Path(record.path)
        if not path.is_file():
            raise NotFoundError(f"The source file of document '{doc_id}' ({record.source}) is no longer on disk.")
        suffix = PurePosixPath(record.source).suffix.lower()
        inline = suffix in INLINE
        media = {".pdf": "application/pdf"}.get(suffix, "text/plain; charset=utf-8" if inline else None)
        return FileResponse(path, filename=record.source, media_type=media,
                            content_disposition_type="inline" if inline else "attachment")

    @r.post("/documents", response_model=UploadJob, status_code=202, max_body_size=upload_limit(settings),
            dependencies=[Depends(require_configured_key)])
    def upload(response: Response, file: UploadFile = File(description="A PDF, .txt, .md or .html file."),
               replace: bool = Query(False, description="Replace the uploaded document of the same name."),
               settings: Settings = Depends(get_settings), uploads=Depends(get_uploads)) -> UploadJob:
        """Upload one document (needs PMG_API_KEY): checked at once, then ingested in the background. Answers 202
        with the job; ``GET /api/jobs/{id}`` (also in ``Location``) tells its progress and, when done, the
        document's id. A name uploaded before is a 409 unless ``replace=true``."""
        data = file.file.read(int(settings.max_upload_mb * MB) + 1)
        job = uploads.submit(file.filename or "", data, replace=replace)
        response.headers["Location"] = f"/api/jobs/{job.id}"
        return job

    @r.get("/jobs/{job_id}", response_model=UploadJob)
    def job(job_id: str, uploads=Depends(get_uploads)) -> UploadJob:
        """How far an upload is: queued, running (with progress), done (with the document id) or failed (why)."""
        return uploads.job(job_id)

    @r.delete("/documents/{doc_id}", response_model=DeleteResult, dependencies=[Depends(require_configured_key)])
    def delete(doc_id: str, uploads=Depends(get_uploads)) -> DeleteResult:
        """Remove a document from the index (needs PMG_API_KEY); an uploaded file is deleted too."""
        record, file_deleted = uploads.delete(doc_id)
        return DeleteResult(id=record.id, file_deleted=file_deleted)

    return r
