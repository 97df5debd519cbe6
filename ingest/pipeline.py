"""The incremental ingest: files -> documents -> chunks -> vectors -> Chroma.

An unchanged file (same content hash, same manifest entry) is skipped without embedding anything; a changed
file's chunks are replaced; a file that is gone has its chunks removed; a document half-written by a killed
run is repaired. Every bad file is reported by name and the good ones are still ingested.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from contextlib import nullcontext
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from assistant.context import under_heading
from assistant.keyword import KeywordCache, keyword_dir
from assistant.models import packaged_identity
from assistant.settings import Settings
from assistant.store import Store, drop_index, write_lock
from assistant.types import Chunk, DocumentRecord, DuplicateFile, FileError, IngestReport
from ingest import chunking, examples, metadata
from ingest.chunking import chunk_pages
from ingest.loaders import LoadError, load_document, read_bytes
from ingest.manifest import Manifest, guess_kind

SKIPPED_NAMES = {"readme.md", "manifest.json"}  # a corpus folder's own documentation, not programme documents


@dataclass
class Prepared:
    record: DocumentRecord
    chunks: list[Chunk]
    warnings: list[str]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


def discover(paths: list[Path]) -> tuple[list[Path], list[FileError]]:
    """Files to ingest below ``paths``; a missing path is an error, a folder's own README/manifest is skipped."""
    files, errors = [], []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in f.relative_to(path).parts)
                if not f.is_dir() and not hidden and f.name.lower() not in SKIPPED_NAMES:  # a broken link is reported
                    files.append(f)
        elif path.exists():
            files.append(path)
        else:
            errors.append(FileError(path=str(path), error=f"{path.name}: no such file or folder"))
    return files, errors


def content_hash(data: bytes, entry: dict, chunk_chars: int) -> str:
    """What decides whether a file must be ingested again: its bytes, its manifest entry, the chunk size and the
    version of the splitting."""
    return hashlib.sha256(data + repr((sorted(entry.items()), chunk_chars, chunking.VERSION)).encode()).hexdigest()


def file_hash(data: bytes) -> str:
    """The bytes alone (no manifest entry, no settings): the same file under a second name is the same document."""
    return hashlib.sha256(data).hexdigest()


def prepare(path: Path, data: bytes, entry: dict, doc_id: str, settings: Settings) -> Prepared:
    loaded = load_document(path, max_bytes=int(settings.max_file_mb * 1024 * 1024), data=data)
    numbered = [p for p in loaded.pages if p.number is not None]
    said = metadata.describe(loaded.pages, loaded.title, loaded.date)
    # the file name's hint (ingest/manifest.py) only when neither the manifest nor the text tells the kind
    meta = metadata.resolve(said, entry, path, guess_kind(path.name) if guess_kind(path.name) != "onbekend" else None)
    record = DocumentRecord(
        id=doc_id,
        title=meta.title,
        kind=meta.kind,
        date=meta.date,
        date_source=meta.date_source,
        peildatum=meta.peildatum,
        dossier=meta.dossier,
        number=meta.number,
        languages=meta.languages,
        publisher=entry.get("publisher"),
        language=entry.get("language"),
        origin=entry.get("source"),
        source=path.name,
        path=str(path.resolve()),
        content_hash=content_hash(data, entry, settings.chunk_chars),
        file_hash=file_hash(data),
        pages=len(numbered) or None,
        ocr_pages=[p.number for p in loaded.pages if p.ocr and p.number is not None],
    )
    chunks = chunk_pages(doc_id, loaded.pages, settings.chunk_chars,
                         marked_headings=loaded.format in ("markdown", "html", "docx"))
    if not chunks:
        raise LoadError(f"{path.name}: no text to index after cleaning", code="load_no_text", name=path.name)
    return Prepared(record, chunks, loaded.warnings)


def _same_bytes(digest: str, path: Path, old: DocumentRecord | None, firsts: dict[str, str],
                known: dict[str, DocumentRecord]) -> str | None:
    """The id of the document these bytes are already indexed as under another name, or None.

    First come in this run; else a stored document of another file that still exists. A file whose own stored
    record has these bytes stays itself (an index written before duplicates were merged keeps its first copy)."""
    if digest in firsts:
        return firsts[digest]
    if old is not None and old.file_hash == digest and old.path == str(path.resolve()):
        return None
    return next((d.id for d in known.values() if d.file_hash == digest and d.path != str(path.resolve())
                 and Path(d.path).exists()), None)


def _source(doc_id: str, todo: list[Prepared], known: dict[str, DocumentRecord]) -> str:
    record = next((d.record for d in todo if d.record.id == doc_id), None) or known.get(doc_id)
    return record.source if record else doc_id


def _progress():
    if not sys.stderr.isatty():
        return nullcontext(None)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    transient=True)


def embedding_texts(docs: list[Prepared]) -> list[str]:
    """What gets embedded, document by document: each chunk, then each sentence, under its document's title and
    section heading (assistant.context.under_heading). A sentence's vector then knows what its document and section
    are about: "groep 6, 7 en 8" in a factsheet titled "Alles Kidzzz" is close to a question about Alles Kidzzz.
    Measured against bare sentence vectors, one document out with fitted thresholds: 143 against 133 right of the
    218 one-part dev-corpus cases, 497 against 493 of the report's 532 (eval/README.md)."""
    texts: list[str] = []
    for d in docs:
        texts += [under_heading(d.record.title, c.section, c.text) for c in d.chunks]
        texts += [under_heading(d.record.title, c.section, c.text[s.start : s.end]) for c in d.chunks for s in c.sentences]
    return texts


def embed_prepared(docs: list[Prepared], settings: Settings,
                   on_progress: Callable[[int, int], None] | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Chunk and sentence vectors for each document, embedded in batches across documents."""
    if not docs:
        return []
    from assistant.embedding import make_embedder  # loads llama-index: only when there is something to embed

    embedder = make_embedder(settings.embedder)
    texts = embedding_texts(docs)
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    batch = settings.embed_batch_size
    with _progress() as progress:
        task = progress.add_task("Embedding", total=len(texts)) if progress else None
        for lo in range(0, len(texts), batch):
            vectors[lo : lo + batch] = embedder.encode(texts[lo : lo + batch])
            if progress:
                progress.advance(task, min(batch, len(texts) - lo))
            if on_progress:
                on_progress(min(lo + batch, len(texts)), len(texts))
    out, pos = [], 0
    for d in docs:
        n_chunks, n_sents = len(d.chunks), sum(len(c.sentences) for c in d.chunks)
        out.append((vectors[pos : pos + n_chunks], vectors[pos + n_chunks : pos + n_chunks + n_sents]))
        pos += n_chunks + n_sents
    return out


def embedder_identity(name: str) -> tuple[str, int]:
    """The embedder's (model name, dimension): a packaged one's without loading llama-index (an unchanged
    re-ingest needs nothing more), a local model's by loading it."""
    identity = packaged_identity(name)
    if identity is None:
        from assistant.embedding import make_embedder

        embedder = make_embedder(name)
        identity = (embedder.model_name, embedder.dim)
    return identity


def open_store(settings: Settings, *, rebuild: bool = False) -> Store:
    name, dim = embedder_identity(settings.embedder)
    if rebuild:
        drop_index(settings)
    return Store(settings, name, dim, create=True, fresh=True)


def ingest(paths: list[Path], settings: Settings, *, rebuild: bool = False,
           timings: dict[str, float] | None = None, doc_ids: dict[Path, str] | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest ``paths``; ``timings``, when given, receives the seconds spent embedding and in all (benchmarks);
    ``doc_ids`` fixes the id of some files (an upload that replaces a document keeps its id); ``on_progress(done,
    total)`` is called as texts are embedded.

    One writer at a time: a second ingest (or delete) of the same embedded index, in this process or another,
    waits for the lock (see ``assistant.store.write_lock``)."""
    with write_lock(settings):
        return _ingest(paths, settings, rebuild=rebuild, timings=timings, doc_ids=doc_ids or {},
                       on_progress=on_progress)


def _ingest(paths: list[Path], settings: Settings, *, rebuild: bool, timings: dict[str, float] | None,
            doc_ids: dict[Path, str], on_progress: Callable[[int, int], None] | None) -> IngestReport:
    started = time.perf_counter()
    store = open_store(settings, rebuild=rebuild)
    report = IngestReport()
    for orphan in store.orphan_doc_ids():
        store.delete_document(orphan)
    known = {d.id: d for d in store.documents()}
    files, report.errors = discover(paths)
    manifest = Manifest.for_paths(paths)
    report.errors += [FileError(path=str(p), error=e) for p, e in manifest.errors]
    todo: list[Prepared] = []
    seen: set[str] = set()
    firsts: dict[str, str] = {}  # file hash -> id of the document those bytes are indexed as (this run)
    names: dict[str, list[str]] = {}  # document id -> the other names its bytes were found under (this run)
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    for path in files:
        doc_id = doc_ids.get(path) or slug(path.stem)
        if path not in doc_ids and (doc_id in seen or (doc_id in known and known[doc_id].path != str(path.resolve())
                                                       and Path(known[doc_id].path).exists())):
            doc_id = f"{doc_id}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"
        seen.add(doc_id)
        old = known.get(doc_id)
        try:
            data = read_bytes(path, max_bytes)  # type, size and readability checked once, by the loader
        except LoadError as exc:
            kept = "; its previous version stays in the index" if old else ""
            report.errors.append(FileError(path=str(path), error=f"{exc}{kept}", code=exc.code, params=exc.params))
            continue
        digest = file_hash(data)
        same = _same_bytes(digest, path, old, firsts, known)
        if same is not None:
            report.duplicates.append(DuplicateFile(path=str(path), duplicate_of=same, source=_source(same, todo, known)))
            names.setdefault(same, []).append(path.name)
            if old is not None and old.path == str(path.resolve()):  # indexed on its own before: one document now
                store.delete_document(doc_id)
                report.removed += 1
            continue
        firsts[digest] = doc_id
        entry = manifest.entry(path)
        if old and old.content_hash == content_hash(data, entry, settings.chunk_chars):
            report.unchanged += 1
            continue
        try:
            todo.append(prepare(path, data, entry, doc_id, settings))
        except LoadError as exc:
            kept = "; its previous version stays in the index" if old else ""
            report.errors.append(FileError(path=str(path), error=f"{exc}{kept}", code=exc.code, params=exc.params))
            firsts.pop(digest, None)
    for doc in todo:
        old = known.get(doc.record.id)
        kept = old.also_named if old and old.file_hash == doc.record.file_hash else None  # same bytes: still valid
        doc.record.also_named = sorted(set(kept or []) | set(names.pop(doc.record.id, []))) or None
        report.warnings += [FileError(path=doc.record.path, error=w) for w in doc.warnings]
    for doc_id, more in names.items():  # an unchanged document found under another name: only its record changes
        record = store.document(doc_id)
        if record is not None and not set(more) <= set(record.also_named or []):
            store.update_record(record.model_copy(update={"also_named": sorted(set(record.also_named or []) | set(more))}))
    embed_start = time.perf_counter()
    vectors = embed_prepared(todo, settings, on_progress)
    embed_s = time.perf_counter() - embed_start
    for doc, (chunk_vecs, sent_vecs) in zip(todo, vectors, strict=True):
        store.replace_document(doc.record, doc.chunks, chunk_vecs, sent_vecs)
        report.embedded += len(doc.chunks)
        if doc.record.id in known:
            report.updated += 1
        else:
            report.added += 1
    roots = [p.resolve() for p in paths if p.is_dir()]
    for doc_id, old in known.items():
        # only what lay in a folder being ingested: another machine's uploads or corpus are not ours to remove
        gone = not Path(old.path).exists() and any(Path(old.path).is_relative_to(r) for r in roots)
        if doc_id not in seen and gone:
            store.delete_document(doc_id)
            report.removed += 1
    report.documents = len(store.documents())
    report.chunks = store.count()
    examples.sync(store, settings.embedder)  # the catalogue of examples: documents that have none extracted yet
    KeywordCache(keyword_dir(settings)).persist(store)  # serving processes load it instead of each building one
    if timings is not None:
        timings.update(embed_s=embed_s, total_s=time.perf_counter() - started)
    return report
