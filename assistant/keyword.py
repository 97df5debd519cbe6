"""Keyword search: BM25 (bm25s) with the Dutch Snowball stemmer and Dutch stop words.

Derived from the chunks stored in Chroma, never from files, so the two indexes cannot disagree. The index is
rebuilt only when the store's version stamp changes (another ingest, possibly by another process), and it is
saved on disk under that stamp (``<index_dir>/keyword/<collection>-<store>/<version>/``): the ingest that moved
the stamp builds and saves it, and every serving process on the machine then memory-maps the saved arrays instead
of pulling every chunk out of Chroma and building its own copy. A process that finds no saved index for the
current stamp (another machine ingested) builds it once and saves it for its neighbours.

bm25s is used directly rather than through llama-index's ``BM25Retriever``: that wrapper holds a second copy
of every node, defaults to English, forgets the stemmer on ``persist()``, and has no metadata filters; bm25s's
``weight_mask`` gives filters for free.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from assistant.context import under_heading

TOKEN = r"(?u)\b\w+\b"  # keeps one-character tokens: the "4" of "Prospect 4 Cash"
STOPWORDS = sorted(set(STOPWORDS_DUTCH) | set(STOPWORDS_EN) | {"hoeveel", "welke", "welk", "wie", "wat", "waar"})
STOP_SET = frozenset(STOPWORDS)


@lru_cache(maxsize=1)
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def terms(text: str) -> list[str]:
    """Stemmed content terms of ``text``, as the keyword index sees them."""
    return list(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    # cached: the sentences of retrieved chunks come back question after question
    words = [w for w in re.findall(TOKEN, text.lower()) if w not in STOP_SET]
    return tuple(stemmer().stemWords(words))


@dataclass
class KeywordIndex:
    version: str
    ids: list[str]
    doc_ids: np.ndarray  # document id of each chunk, for filters
    kinds: np.ndarray
    years: np.ndarray
    bm25: bm25s.BM25 | None
    idf: dict[str, float]
    max_idf: float

    @classmethod
    def build(cls, version: str, rows: list[tuple[str, str, dict]], titles: dict[str, str] | None = None) -> KeywordIndex:
        """The index of chunks given as (id, text, metadata); each chunk is indexed under its document's title
        (``titles``: per document id) and its section heading, as it is embedded (ingest/pipeline.py)."""
        ids = [r[0] for r in rows]
        titles = titles or {}
        texts = [under_heading(titles.get(m.get("doc_id", "")), m.get("section"), t) for _, t, m in rows]
        bm25, idf = None, {}
        if rows:
            tokens = bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=stemmer(), token_pattern=TOKEN,
                                    show_progress=False)
            bm25 = bm25s.BM25()
            bm25.index(tokens, show_progress=False)
            # document frequencies from the same tokens: no second stemming pass over the corpus
            df = np.zeros(len(tokens.vocab))
            for doc in tokens.ids:
                df[np.unique(np.asarray(doc, dtype=np.int64))] += 1
            n = len(rows)
            idf = {term: float(np.log(1 + (n - df[i] + 0.5) / (df[i] + 0.5))) for term, i in tokens.vocab.items()}
        return cls(
            version, ids,
            np.array([m.get("doc_id", "") for _, _, m in rows], dtype=object),
            np.array([m.get("kind", "") for _, _, m in rows], dtype=object),
            np.array([m.get("year", 0) for _, _, m in rows]),
            bm25, idf, max(idf.values(), default=1.0),
        )

    # --- on disk ----------------------------------------------------------------------------------

    def save(self, directory: Path) -> bool:
        """Write the index to ``directory`` (named after its version) atomically; older versions beside it go.

        Best effort: a failure (disk full, a neighbour saving the same version) leaves the index in memory only."""
        tmp = directory.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            if self.bm25 is not None:
                self.bm25.save(tmp, show_progress=False)
            meta = {"version": self.version, "ids": self.ids, "doc_ids": self.doc_ids.tolist(),
                    "kinds": self.kinds.tolist(), "years": self.years.tolist(), "idf": self.idf}
            (tmp / "meta.json").write_text(json.dumps(meta))
            os.rename(tmp, directory)  # atomic; fails when a neighbour got there first, which is fine
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            return directory.is_dir()
        for old in directory.parent.iterdir():
            if old.name != directory.name and not old.name.startswith(".tmp-"):
                shutil.rmtree(old, ignore_errors=True)  # a reader that mapped them keeps its pages (POSIX)
        return True

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex | None:
        """The index saved in ``directory``, its score arrays memory-mapped; None when absent or unreadable."""
        try:
            meta = json.loads((directory / "meta.json").read_text())
            bm25 = bm25s.BM25.load(directory, mmap=True, show_progress=False) if meta["ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        idf = meta["idf"]
        return cls(meta["version"], meta["ids"], np.array(meta["doc_ids"], dtype=object),
                   np.array(meta["kinds"], dtype=object), np.array(meta["years"]), bm25, idf,
                   max(idf.values(), default=1.0))

    def term_weight(self, term: str) -> float:
        """IDF of a stemmed term; unseen terms weigh like the rarest ones."""
        return self.idf.get(term, self.max_idf)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        q = terms(query)
        if self.bm25 is None or not q:
            return []
        tokens = [[t for t in q if t in self.bm25.vocab_dict]]
        if not tokens[0]:
            return []
        weight_mask = None if mask is None else mask.astype(np.float32)
        docs, scores = self.bm25.retrieve(tokens, k=min(k, len(self.ids)), show_progress=False,
                                          weight_mask=weight_mask, n_threads=1)
        return [(self.ids[d], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def keyword_dir(settings) -> Path:
    """Where this store's keyword indexes are saved: one folder per collection and per Chroma (embedded or a URL)."""
    where = hashlib.sha1((settings.chroma_url or "embedded").encode()).hexdigest()[:8]
    return settings.index_dir / "keyword" / f"{settings.collection}-{where}"


class KeywordCache:
    """One keyword index per process, current with the store's version stamp: loaded from disk when saved there,
    otherwise built from the store (and saved). ``directory``: where saved indexes live; None keeps it in memory."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._index: KeywordIndex | None = None
        self._lock = threading.Lock()

    def get(self, store) -> KeywordIndex:
        version = store.version()
        with self._lock:
            if self._index is None or self._index.version != version:
                self._index = self._load(version) or self._build(store, version)
            return self._index

    def persist(self, store) -> None:
        """Build and save the index for the store's current stamp unless it is saved already (after an ingest)."""
        version = store.version()
        if self.directory is not None and not (self.directory / version).is_dir():
            with self._lock:
                self._index = self._build(store, version)

    def _load(self, version: str) -> KeywordIndex | None:
        if self.directory is None:
            return None
        index = KeywordIndex.load(self.directory / version)
        return index if index is not None and index.version == version else None

    def _build(self, store, version: str) -> KeywordIndex:
        titles = {d.id: d.title for d in store.documents()}
        index = KeywordIndex.build(version, list(store.scan_chunks()), titles)
        if self.directory is not None and store.version() == version:  # not saved under a stamp that moved meanwhile
            index.save(self.directory / version)
        return index
