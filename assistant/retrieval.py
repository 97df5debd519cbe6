"""Hybrid retrieval: dense (Chroma) and BM25 rankings fused by reciprocal rank, with metadata filters."""

from __future__ import annotations

import numpy as np

from assistant.errors import NotFoundError
from assistant.keyword import KeywordIndex
from assistant.types import DocumentRecord, Filters

RRF_K = 60  # the constant of Cormack et al. (2009); settings.rrf_k overrides it


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of 1 / (k + rank). Ids are deduplicated per list.

    Written out rather than taken from llama-index's QueryFusionRetriever, which deduplicates by node text
    instead of id and wants an LLM (or a mock) even for a single query."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, chunk_id in enumerate(dict.fromkeys(ranking), start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def matching_documents(docs: list[DocumentRecord], wanted: str) -> list[DocumentRecord]:
    """Documents a user means by ``wanted``: an id, a file name, or part of a title (case-insensitive)."""
    w = wanted.strip().lower()
    exact = [d for d in docs if w in (d.id.lower(), d.source.lower())]
    return exact or [d for d in docs if w in d.title.lower()]


def filter_where(filters: Filters, docs: list[DocumentRecord]) -> dict | None:
    """The Chroma ``where`` clause for ``filters`` (None when nothing is filtered)."""
    clauses: list[dict] = []
    if filters.document:
        found = matching_documents(docs, filters.document)
        if not found:
            raise NotFoundError(f"No document matches {filters.document!r}. Known: "
                                + ", ".join(d.id for d in docs))
        clauses.append({"doc_id": {"$in": [d.id for d in found]}})
    if filters.kind:
        clauses.append({"kind": filters.kind})
    if filters.year_from is not None:
        clauses.append({"year": {"$gte": filters.year_from}})
    if filters.year_to is not None:
        clauses.append({"year": {"$lte": filters.year_to}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def keyword_mask(where: dict | None, index: KeywordIndex) -> np.ndarray | None:
    """The same filter as a boolean mask over the keyword index's chunks."""
    if where is None:
        return None
    mask = np.ones(len(index.ids), dtype=bool)
    for clause in where.get("$and", [where]):
        (field, cond), = clause.items()
        values = {"doc_id": index.doc_ids, "kind": index.kinds, "year": index.years}[field]
        if isinstance(cond, dict):
            (op, arg), = cond.items()
            mask &= {"$in": lambda v: np.isin(v, arg), "$gte": lambda v: v >= arg, "$lte": lambda v: v <= arg}[op](values)
        else:
            mask &= values == cond
    return mask
