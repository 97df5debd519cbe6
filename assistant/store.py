"""The one module that knows how chunks sit in Chroma.

Four collections share a prefix (``settings.collection``):
- ``<prefix>_chunks``: one record per chunk, with its vector, text and metadata (document, page, section, spans);
- ``<prefix>_sentence_vectors``: one record per chunk (1-dim placeholder vector) whose metadata holds the chunk's
  sentence vectors (float32, base64), so answers never embed sentences per question. Metadata, not the record's
  document: Chroma indexes documents for full-text search (trigrams), which made writing them 15x slower;
- ``<prefix>_documents``: one record per document (1-dim placeholder vector): metadata and the content hash.
  A document record is written last, so it marks a completed ingest; chunks without one are repaired;
- ``<prefix>_examples``: the catalogue of examples (``ingest/examples.py``), one record per example and a marker per
  document whose examples were extracted, all in metadata; deleted with their document.

Sentence vectors are only ever read with their chunk (by id), never searched, and a Chroma collection keeps an
HNSW graph of all its vectors in memory: as records of their own (index format 1) the ~870k sentences of 100k
chunks cost 1.4 GB of a 2.2 GB serving process. An index of format 1 is refused with a message to rebuild it.

The embedder's name and dimension are stored on the chunk collection; a different embedder is refused.
The ``version`` stamp on the documents collection changes on every write, so other processes (and the derived
BM25 index) can tell when the index changed.

Several processes on one embedded index (`pmg serve` running while `pmg ingest` adds documents): an embedded
Chroma client keeps each collection's HNSW graph in memory and never reloads it, so after another process's write
its metadata (read from SQLite) knows chunks its graph does not, and a filtered query fails ("Error finding id",
chroma-core/chroma#3792). Chroma has no public way to reload, so a store that sees a version stamp it did not
write itself opens its client anew (:meth:`Store.reopen`, which forgets Chroma's per-path system cache), and
every writer holds an exclusive lock file (:func:`write_lock`) and starts from a freshly opened client, so a
stale graph is never written back over a newer one.
"""

from __future__ import annotations

import base64
import fcntl
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlparse

import chromadb
import numpy as np

from assistant.errors import EmbedderMismatchError, IndexFormatError, IndexUnavailableError, NoIndexError
from assistant.settings import Settings
from assistant.types import Chunk, DocumentRecord

PAGE = 2000  # records fetched per round trip when scanning a collection
CACHED_CHUNKS = 4096  # chunks (with their sentence vectors) a serving process keeps between two index writes
FORMAT = 2  # 2: sentence vectors stored per chunk, not searchable


@dataclass
class StoredChunk:
    id: str
    text: str
    doc_id: str
    section: str | None
    page_start: int | None
    page_end: int | None
    spans: list[tuple[int, int, int | None]]  # (start, end, page) of each sentence in text


@dataclass
class StoredSentence:
    id: str
    chunk_id: str
    text: str
    page: int | None
    start: int
    vector: np.ndarray


def _forget_cached_system(client) -> None:
    """Drop Chroma's process-wide cache of the system behind an embedded ``client``'s folder, so that the next
    client for that folder loads the collections from disk. Clients already holding the old system keep working
    (on what they had loaded); private API, because Chroma offers no public reload (chroma-core/chroma#3792)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    ident = getattr(client, "_identifier", None)
    if ident is None:
        return
    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(ident, None)
        SharedSystemClient._identifier_to_refcount.pop(ident, None)


@contextmanager
def write_lock(settings: Settings):
    """Exclusive, across processes, for everything that changes an embedded index (an ingest, a delete): the
    second writer waits. A Chroma server orders its own writes, so there is nothing to lock then."""
    if settings.chroma_url:
        yield
        return
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.index_dir / ".write-lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _client(settings: Settings, create: bool, fresh: bool = False) -> chromadb.ClientAPI:
    chroma_settings = chromadb.config.Settings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain Exceptions for connection problems
            raise IndexUnavailableError(code="chroma_unreachable", url=settings.chroma_url, reason=str(exc)) from exc
    if not create and not settings.index_dir.is_dir():
        raise NoIndexError(str(settings.index_dir))
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    path = str((settings.index_dir / "chroma").resolve())
    client = chromadb.PersistentClient(path=path, settings=chroma_settings)
    if fresh:  # a writer: never through a graph loaded before another process's write
        _forget_cached_system(client)
        client = chromadb.PersistentClient(path=path, settings=chroma_settings)
    return client



def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


class Store:
    def __init__(self, settings: Settings, embedder_name: str, dim: int, *, create: bool = False,
                 fresh: bool = False) -> None:
        """``fresh``: open the embedded index from disk even if this process has it open already (writers)."""
        self.settings = settings
        self.embedder_name, self.dim = embedder_name, dim
        self.client = _client(settings, create, fresh)
        prefix = settings.collection
        names = {c.name for c in self.client.list_collections()}
        if not create and f"{prefix}_chunks" not in names:
            raise NoIndexError(settings.chroma_url or str(settings.index_dir))
        self._open_collections(embedder_name, dim)
        # reads cached for one version stamp (see at_version); None: nothing is cached
        self._version: str | None = None
        self._chunk_cache: dict[str, StoredChunk] = {}
        self._vector_cache: dict[str, np.ndarray] = {}
        self._documents: list[DocumentRecord] | None = None
        self._loaded = self.version()  # the stamp the in-memory graphs were loaded at
        self._written: set[str] = set()  # stamps this store wrote itself (its graphs know those writes)

    def _open_collections(self, embedder_name: str, dim: int) -> None:
        prefix = self.settings.collection
        cosine = {"hnsw": {"space": "cosine"}}
        self.chunks = self.client.get_or_create_collection(
            f"{prefix}_chunks", embedding_function=None, configuration=cosine,
            metadata={"embedder": embedder_name, "dim": dim, "format": FORMAT},
        )
        self.sentence_vectors = self.client.get_or_create_collection(
            f"{prefix}_sentence_vectors", embedding_function=None
        )
        self.docs = self.client.get_or_create_collection(
            f"{prefix}_documents", embedding_function=None, metadata={"version": "empty"}
        )
        # the catalogue of examples (ingest/examples.py): records in metadata only, one marker per document done
        self.examples = self.client.get_or_create_collection(f"{prefix}_examples", embedding_function=None)
        stored = self.chunks.metadata or {}
        if stored.get("embedder") != embedder_name or stored.get("dim") != dim:
            raise EmbedderMismatchError(code="embedder_mismatch", built=stored.get("embedder"),
                                        built_dim=stored.get("dim"), asked=embedder_name, dim=dim)
        if stored.get("format") != FORMAT:
            raise IndexFormatError(code="index_format", found=stored.get("format", 1), reads=FORMAT)

    # --- documents --------------------------------------------------------------------------------

    def version(self) -> str:
        meta = self.client.get_collection(self.docs.name).metadata or {}
        return str(meta.get("version", "empty"))

    def _bump_version(self) -> None:
        stamp = uuid.uuid4().hex
        self._written.add(stamp)
        self.docs.modify(metadata={"version": stamp})
        self._loaded = stamp
        self._version = None  # this process wrote: nothing cached holds

    def reopen(self) -> None:
        """Load the embedded index from disk again: its graphs then know what other processes wrote."""
        if self.settings.chroma_url:
            return
        _forget_cached_system(self.client)
        self.client = _client(self.settings, create=False)
        self._open_collections(self.embedder_name, self.dim)
        self._loaded = self.version()

    def refresh(self, version: str | None = None) -> None:
        """Reopen when the index moved on since it was loaded, by a write that was not this store's."""
        version = version or self.version()
        if version != self._loaded and version not in self._written:
            self.reopen()
        self._loaded = version

    def at_version(self, version: str) -> None:
        """From now on, cache what is read (chunks, sentence vectors, the document list) for the index at this
        version stamp; a new stamp (an ingest, maybe by another process) drops what was cached. A serving process
        calls this once per question, after its one version check, so a question never costs a Chroma round trip
        for a chunk, its sentence vectors or the document list it has read before (measured: see README)."""
        if version != self._version:
            self.refresh(version)
            self._chunk_cache, self._vector_cache, self._documents = {}, {}, None
            self._version = version

    def documents(self, cached: bool = False) -> list[DocumentRecord]:
        """Every document record; ``cached``: as of the stamp given to :meth:`at_version`, if one was."""
        if cached and self._version is not None and self._documents is not None:
            return self._documents
        got = self.docs.get(include=["metadatas"])
        records = sorted(
            (DocumentRecord(id=i, **m) for i, m in zip(got["ids"], got["metadatas"], strict=True)),
            key=lambda d: d.id,
        )
        if cached and self._version is not None:
            self._documents = records
        return records

    def document(self, doc_id: str) -> DocumentRecord | None:
        got = self.docs.get(ids=[doc_id], include=["metadatas"])
        return DocumentRecord(id=doc_id, **got["metadatas"][0]) if got["ids"] else None

    def replace_document(
        self,
        record: DocumentRecord,
        chunks: list[Chunk],
        chunk_vectors: np.ndarray,
        sentence_vectors: np.ndarray,
    ) -> None:
        """Replace everything stored for ``record.id``; the document record goes last (commit marker)."""
        self.delete_document(record.id, bump=False)
        base = _clean({"doc_id": record.id, "kind": record.kind, "year": record.year})
        if chunks:
            ends = np.cumsum([len(c.sentences) for c in chunks])[:-1]
            per_chunk = np.split(np.asarray(sentence_vectors, dtype=np.float32), ends)  # one block per chunk
            for lo in range(0, len(chunks), PAGE):
                part = range(lo, min(lo + PAGE, len(chunks)))
                self.chunks.add(
                    ids=[chunks[i].id for i in part],
                    embeddings=chunk_vectors[lo : lo + len(part)],
                    documents=[chunks[i].text for i in part],
                    metadatas=[
                        base
                        | _clean({
                            "section": chunks[i].section, "page_start": chunks[i].page_start,
                            "page_end": chunks[i].page_end, "index": chunks[i].index,
                            "spans": json.dumps([[s.start, s.end, s.page] for s in chunks[i].sentences]),
                        })
                        for i in part
                    ],
                )
                self.sentence_vectors.add(
                    ids=[chunks[i].id for i in part], embeddings=[[0.0]] * len(part),
                    metadatas=[base | {"vectors": base64.b64encode(per_chunk[i].tobytes()).decode("ascii")}
                               for i in part],
                )
        self.docs.upsert(
            ids=[record.id], embeddings=[[0.0]],
            metadatas=[_clean(record.model_dump(exclude={"id"}) | {"chunks": len(chunks)})],
        )
        self._bump_version()

    def update_record(self, record: DocumentRecord) -> None:
        """Rewrite a document's record only (e.g. another name its bytes were found under); its chunks stay."""
        self.docs.upsert(ids=[record.id], embeddings=[[0.0]], metadatas=[_clean(record.model_dump(exclude={"id"}))])
        self._bump_version()

    def delete_document(self, doc_id: str, *, bump: bool = True) -> None:
        self.docs.delete(ids=[doc_id])
        self.chunks.delete(where={"doc_id": doc_id})
        self.sentence_vectors.delete(where={"doc_id": doc_id})
        self.examples.delete(where={"doc_id": doc_id})
        if bump:
            self._bump_version()

    def orphan_doc_ids(self) -> set[str]:
        """Documents whose chunks are stored but whose record is missing (an ingest killed half-way)."""
        docs = self.documents()
        known, expected = {d.id for d in docs}, sum(d.chunks for d in docs)
        if self.chunks.count() == expected:
            return set()  # the cheap check: counts agree, nothing half-written
        return {m["doc_id"] for _, _, m in self.scan_chunks()} - known

    # --- examples (ingest/examples.py) ---------------------------------------------------------------

    def examples_version(self) -> str | None:
        return (self.client.get_collection(self.examples.name).metadata or {}).get("version")

    def reset_examples(self, version: str) -> None:
        """Drop every example (the extraction rules changed): each document's are extracted again. The records go,
        the collection stays: other processes hold it open (deleting it would fail their next write)."""
        ids = self.examples.get(include=[])["ids"]
        for lo in range(0, len(ids), PAGE):
            self.examples.delete(ids=ids[lo : lo + PAGE])
        self.examples.modify(metadata={"version": version})

    def examples_done(self) -> set[str]:
        """Documents whose examples were extracted (a marker record each, even with no example)."""
        got = self.examples.get(where={"marker": 1}, include=["metadatas"])
        return {m["doc_id"] for m in got["metadatas"]}

    def replace_examples(self, doc_id: str, records: list[dict]) -> None:
        self.examples.delete(where={"doc_id": doc_id})
        rows = [(f"{doc_id}:example:{n}", {"doc_id": doc_id, "marker": 0} | r) for n, r in enumerate(records)]
        rows.append((f"{doc_id}:examples", {"doc_id": doc_id, "marker": 1, "count": len(records)}))
        for lo in range(0, len(rows), PAGE):
            part = rows[lo : lo + PAGE]
            self.examples.add(ids=[i for i, _ in part], embeddings=[[0.0]] * len(part), metadatas=[m for _, m in part])
        self._bump_version()  # a serving process sees the new examples

    def example_records(self) -> list[dict]:
        """Every example's record, in document and reading order."""
        got = self.examples.get(where={"marker": 0}, include=["metadatas"])
        return sorted(got["metadatas"], key=lambda m: (m["doc_id"], m.get("order", 0)))

    def document_chunks(self, doc_id: str) -> tuple[list[StoredChunk], dict[str, np.ndarray]]:
        """A document's chunks in reading order, with their vectors."""
        got = self.chunks.get(where={"doc_id": doc_id}, include=["documents", "metadatas", "embeddings"])
        rows = sorted(zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True),
                      key=lambda r: r[2].get("index", 0))
        chunks = [StoredChunk(i, text, m["doc_id"], m.get("section"), m.get("page_start"), m.get("page_end"),
                              [tuple(s) for s in json.loads(m.get("spans", "[]"))]) for i, text, m, _ in rows]
        return chunks, {i: np.asarray(v, dtype=np.float32) for i, _, _, v in rows}

    # --- chunks ----------------------------------------------------------------------------------

    def count(self) -> int:
        return self.chunks.count()

    def scan_chunks(self) -> Iterator[tuple[str, str, dict]]:
        """Every chunk (id, text, metadata), paged so that a large collection is never held twice."""
        offset = 0
        while True:
            got = self.chunks.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
            if not got["ids"]:
                return
            yield from zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            offset += len(got["ids"])

    def query_dense(self, vector: np.ndarray, k: int, where: dict | None) -> list[tuple[str, float]]:
        # no count() first: it costs as much as the query, and Chroma returns fewer results when it has fewer
        got = self.chunks.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def get_chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        def fetch(missing: list[str]) -> dict[str, StoredChunk]:
            got = self.chunks.get(ids=missing, include=["documents", "metadatas"])
            return {i: StoredChunk(i, text, m["doc_id"], m.get("section"), m.get("page_start"), m.get("page_end"),
                                   [tuple(s) for s in json.loads(m.get("spans", "[]"))])
                    for i, text, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}

        return self._read_through(self._chunk_cache, ids, fetch)

    def sentences_of(self, chunks: dict[str, StoredChunk]) -> list[StoredSentence]:
        """The sentences of the given chunks with their stored vectors (one lookup by chunk id, for those not
        cached)."""
        def fetch(missing: list[str]) -> dict[str, np.ndarray]:
            got = self.sentence_vectors.get(ids=missing, include=["metadatas"])
            return {i: np.frombuffer(base64.b64decode(m["vectors"]), dtype=np.float32).reshape(len(chunks[i].spans), -1)
                    for i, m in zip(got["ids"], got["metadatas"], strict=True)}

        vectors = self._read_through(self._vector_cache, list(chunks), fetch)
        return [StoredSentence(f"{c.id}:{n}", c.id, c.text[start:end], page, start, vectors[c.id][n])
                for c in chunks.values() if c.id in vectors for n, (start, end, page) in enumerate(c.spans)]

    def _read_through(self, cache: dict, ids: list[str], fetch) -> dict:
        """The records of ``ids`` that exist, in that order: from ``cache`` while a version stamp is set (see
        :meth:`at_version`), the rest by one ``fetch(missing)``, which are then cached. A full cache starts over
        (simpler than LRU, and the popular chunks come back at once)."""
        cached = self._version is not None
        known = {i: cache[i] for i in ids if i in cache} if cached else {}
        missing = [i for i in ids if i not in known]
        fetched = fetch(missing) if missing else {}
        if cached and fetched:
            if len(cache) + len(fetched) > CACHED_CHUNKS:
                cache.clear()
            cache.update(fetched)
        return {i: known[i] if i in known else fetched[i] for i in ids if i in known or i in fetched}


def drop_index(settings: Settings) -> None:
    """Delete this index's collections (whatever embedder built them), for a rebuild."""
    client = _client(settings, create=True)
    existing = {c.name for c in client.list_collections()}
    for suffix in ("chunks", "sentence_vectors", "sentences", "documents", "examples"):  # "sentences": index format 1
        if f"{settings.collection}_{suffix}" in existing:
            client.delete_collection(f"{settings.collection}_{suffix}")
