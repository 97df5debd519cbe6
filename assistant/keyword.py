"""Keyword search: BM25 (bm25s) with the Dutch Snowball stemmer and Dutch stop words.

Derived from the chunks stored in Chroma, never from files, so the two indexes cannot disagree. The index is
rebuilt only when the store's version stamp changes (another ingest, possibly by another process).

bm25s is used directly rather than through llama-index's ``BM25Retriever``: that wrapper holds a second copy
of every node, defaults to English, forgets the stemmer on ``persist()``, and has no metadata filters; bm25s's
``weight_mask`` gives filters for free.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

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
    def build(cls, version: str, rows: list[tuple[str, str, dict]]) -> KeywordIndex:
        ids = [r[0] for r in rows]
        texts = [f"{m.get('section') or ''}\n{t}" for _, t, m in rows]
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


class KeywordCache:
    """One keyword index per process, rebuilt when the store's version stamp moves."""

    def __init__(self) -> None:
        self._index: KeywordIndex | None = None
        self._lock = threading.Lock()

    def get(self, store) -> KeywordIndex:
        version = store.version()
        with self._lock:
            if self._index is None or self._index.version != version:
                self._index = KeywordIndex.build(version, list(store.scan_chunks()))
            return self._index
