"""Uploads: the one way a file sent over HTTP or through the chat enters the index, and leaves it again.

check (type, size, bytes, name conflict) -> stored as ``<uploads>/<digest>/<name>`` -> ingested by one background
worker, with progress -> the file of the version it replaced removed. A document record only ever points at bytes
that never change under it, so the file served for a document is always the one its text was read from.

A kill at any moment is finished at the next start (:meth:`Uploads.recover`): every accepted upload has a journal
entry (``<uploads>/.jobs/<job>.json``) written before its file (which is written whole or not at all) and removed
after its ingest. A journal entry whose
document record points at the new file was done (the old file goes); one whose record still points at the old file,
or that has no record (killed inside the index write), is ingested again from its new file: an accepted upload is
completed, and the index holds either the old text with the old file or the new text with the new file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from assistant.errors import ConflictError, NoIndexError, NotFoundError, TooLargeError, UnprocessableError, UserError
from assistant.settings import Settings
from assistant.store import Store, write_lock
from assistant.types import DocumentRecord, UploadJob

MB = 1024 * 1024
NAME_CHARS = 100  # longest stem kept of an uploaded file's name
KEPT_JOBS = 200  # finished jobs remembered for GET /api/jobs/{id}
JOURNAL = ".jobs"


def safe_name(name: str) -> str:
    """A file name safe to store and show: its last path part, NFC, without control, format (bidi, zero-width) or
    separator characters; letters of any script, digits, '.', '-' and '_' kept, anything else one '-'.
    Distinct names stay distinct ('отчет.txt', '报告.txt'); only the folder part of a path is lost."""
    base = unicodedata.normalize("NFC", PurePosixPath((name or "").replace("\\", "/")).name)
    base = "".join(ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in base)
    suffix = PurePosixPath(base).suffix.lower()
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-._")[:NAME_CHARS] or "upload"
    return f"{stem}{suffix}"


def check_upload(name: str, data: bytes, settings: Settings) -> str:
    """The safe name, after checking type, size and that the bytes look like the type; else a UserError."""
    from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, decode_text

    shown = PurePosixPath((name or "").replace("\\", "/")).name or "(no name)"
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:  # the types the ingest reads
        raise UnprocessableError(code="upload_type", name=shown, suffix=suffix or "(none)",
                                 accepted=", ".join(sorted(SUPPORTED_SUFFIXES)))
    if len(data) > int(settings.max_upload_mb * MB):
        raise TooLargeError(code="upload_too_large", name=shown, limit=settings.max_upload_mb)
    if not data:
        raise UnprocessableError(code="upload_empty", name=shown)
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise UnprocessableError(code="upload_not_pdf", name=shown)
    elif suffix in (".txt", ".md", ".markdown", ".html", ".htm"):
        try:
            decode_text(data, shown)
        except LoadError as exc:
            raise UnprocessableError(str(exc), code=exc.code, **exc.params) from exc
    return safe_name(shown)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: written beside its place as ``.<name>.part``, synced, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    with open(part, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    part.replace(path)


def _remove(path: Path, uploads: Path) -> None:
    """Remove an uploaded file, and its digest folder once empty (never anything outside ``uploads``)."""
    if not path.resolve().is_relative_to(uploads.resolve()):
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    if folder.resolve() != uploads.resolve() and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


class Uploads:
    """Accepts uploads, ingests them one at a time in a background thread, and deletes uploaded documents."""

    def __init__(self, settings: Settings, assistant) -> None:
        self.settings = settings
        self.assistant = assistant  # its store serves: documents are looked up, and deletes written, through it
        self.folder = settings.uploads.resolve()
        self._jobs: OrderedDict[str, UploadJob] = OrderedDict()
        self._events: dict[str, threading.Event] = {}  # set when a job is done or failed
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pmg-upload")

    @property
    def store(self) -> Store:
        return self.assistant.store  # NoIndexError until the first ingest

    def _documents(self) -> list[DocumentRecord] | None:
        """The document records, or None while there is no index yet."""
        try:
            return self.store.documents()
        except NoIndexError:
            return None

    # --- asking --------------------------------------------------------------------------------------

    def job(self, job_id: str) -> UploadJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"No upload job with id '{job_id}'.")
        return job

    def wait(self, job_id: str, timeout: float | None = None) -> UploadJob:
        """The job once it is done or failed (or as it is when ``timeout`` seconds have passed)."""
        event = self._events.get(job_id)
        if event is not None:
            event.wait(timeout)
        return self.job(job_id)

    def is_uploaded(self, record: DocumentRecord) -> bool:
        return Path(record.path).resolve().is_relative_to(self.folder.resolve())

    # --- changing ------------------------------------------------------------------------------------

    def submit(self, name: str, data: bytes, *, replace: bool = False) -> UploadJob:
        """Check and store ``data``, then queue its ingest: the job, at once. Client mistakes raise UserError."""
        safe = check_upload(name, data, self.settings)
        docs = self._documents() or []
        same = next((d for d in docs if d.source == safe and self.is_uploaded(d)), None)
        with self._lock:
            if any(j.file == safe and j.status in ("queued", "running") for j in self._jobs.values()):
                raise ConflictError(code="upload_busy", name=safe)
            if same is not None and not replace:
                raise ConflictError(code="upload_exists", name=safe, id=same.id)
            doc_id = same.id if same else self._new_id(safe, {d.id for d in docs})
            digest = hashlib.sha256(data).hexdigest()[:16]
            target = self.folder / digest / safe
            job = UploadJob(id=uuid.uuid4().hex[:12], file=safe, status="queued", replaces=same.id if same else None)
            self._jobs[job.id] = job
            self._events[job.id] = threading.Event()
            while len(self._jobs) > KEPT_JOBS:
                old_id, _ = self._jobs.popitem(last=False)
                self._events.pop(old_id, None)
        entry = {"job": job.id, "doc_id": doc_id, "new": str(target), "old": same.path if same else None}
        _write(self.folder / JOURNAL / f"{job.id}.json", json.dumps(entry).encode())  # first: a kill leaves a trace
        if not (same and Path(same.path) == target):
            _write(target, data)
        self._worker.submit(self._run, entry)
        return job

    def delete(self, doc_id: str) -> tuple[DocumentRecord, bool]:
        """Remove a document from the index; an uploaded file goes too: (its record, whether its file went)."""
        with write_lock(self.settings):
            record = self.store.document(doc_id)
            if record is None:
                raise NotFoundError(code="document_unknown", id=doc_id)
            with self._lock:
                if any(j.replaces == doc_id and j.status in ("queued", "running") for j in self._jobs.values()):
                    raise ConflictError(code="document_being_replaced", id=doc_id)
            self.store.refresh()
            self.store.delete_document(doc_id)
            uploaded = self.is_uploaded(record)
            if uploaded:
                _remove(Path(record.path), self.folder)
        return record, uploaded

    def recover(self) -> int:
        """Finish what a killed server left (see the module's doc): returns the number of uploads taken up again,
        which the worker ingests. An entry whose file never got written whole is dropped with its ``.part`` file.
        Files no entry names are never touched (a rebuilt index may simply not list them yet). Called before the
        server takes requests."""
        journal = self.folder / JOURNAL
        taken = 0
        for path in sorted(journal.glob("*.json")) if journal.is_dir() else []:
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                path.unlink(missing_ok=True)
                continue
            new = Path(entry["new"])
            new.with_name(f".{new.name}.part").unlink(missing_ok=True)
            if not new.is_file():
                path.unlink(missing_ok=True)
                continue
            job = UploadJob(id=entry["job"], file=new.name, status="queued",
                            replaces=entry["doc_id"] if entry.get("old") else None)
            with self._lock:
                self._jobs[job.id] = job
                self._events[job.id] = threading.Event()
            self._worker.submit(self._run, entry)
            taken += 1
        return taken

    # --- the worker ----------------------------------------------------------------------------------

    def _new_id(self, safe: str, taken: set[str]) -> str:
        from ingest.pipeline import slug

        base = slug(PurePosixPath(safe).stem)
        tag = hashlib.sha1(safe.encode()).hexdigest()
        if base == "document":  # nothing of the name is ASCII ('отчет.txt'): an id from the name's hash
            base = f"upload-{tag[:8]}"
        return base if base not in taken else f"{base}-{tag[:6]}"

    def _update(self, job_id: str, **changes) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = job.model_copy(update=changes)

    def _run(self, entry: dict) -> None:
        from ingest.pipeline import ingest

        job_id, new, old = entry["job"], Path(entry["new"]), entry.get("old")
        self._update(job_id, status="running")
        try:
            record = self.store.document(entry["doc_id"]) if self._documents() is not None else None
            if record is not None and record.path == str(new.resolve()) and old and Path(old) != new:
                report = None  # killed after the index write: only the old file was left to remove
            else:
                report = ingest([new], self.settings, doc_ids={new: entry["doc_id"]},
                                on_progress=lambda done, total: self._update(job_id, progress=0.05 + 0.9 * done / total))
                if report.errors:  # one file: its error, with its code for the chat's Dutch
                    first = report.errors[0]
                    raise UnprocessableError("; ".join(e.error for e in report.errors), code=first.code,
                                             **first.params)
                if report.duplicates:  # the same bytes are indexed already, under another name: that document
                    entry = entry | {"doc_id": report.duplicates[0].duplicate_of}
                    if not (old and Path(old) == new):
                        _remove(new, self.folder)
            if old and Path(old) != new:
                _remove(Path(old), self.folder)
            # the same bytes as a document indexed already: that document's id (the file is a name it also has)
            doc_id = report.duplicates[0].duplicate_of if report and report.duplicates else entry["doc_id"]
            self._update(job_id, status="done", progress=1.0, document_id=doc_id, report=report)
        except Exception as exc:  # the job says why; the server goes on
            if not (old and Path(old) == new):
                _remove(new, self.folder)
            message = str(exc) if isinstance(exc, UserError) else f"Internal error ({type(exc).__name__})."
            code = exc.code if isinstance(exc, UserError) else None
            self._update(job_id, status="failed", message=message, code=code,
                         params=exc.params if code else {})
        finally:
            (self.folder / JOURNAL / f"{job_id}.json").unlink(missing_ok=True)
            event = self._events.get(job_id)
            if event is not None:
                event.set()
