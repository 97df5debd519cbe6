"""The embedders: the packaged multilingual default, and a sentence-transformers model from a local folder."""

import numpy as np
import pytest

from assistant.embedding import make_embedder
from assistant.errors import UserError
from assistant.models import PACKAGED

AJB = "Met Preventie met Gezag zijn nu verdeeld over scholen in zes gemeenten 576 jongeren extra aangemeld."
WEATHER = "Morgen wordt het zonnig met een zwakke wind uit het oosten."


@pytest.mark.parametrize("name", ["e5", "st:minilm"])
def test_embedder_ranks_the_matching_passage_first(name):
    embedder = make_embedder(name)
    vectors = embedder.encode([AJB, WEATHER])
    query = embedder.encode(["Hoeveel jongeren zijn aangemeld voor AJB?"], is_query=True)[0]
    assert vectors.shape == (2, embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ query) > float(vectors[1] @ query)


def test_packaged_identity_matches_the_loaded_model():
    embedder = make_embedder("e5")
    assert PACKAGED["e5"] == (embedder.model_name, embedder.dim)


def test_local_sentence_transformers_path_must_exist(tmp_path):
    with pytest.raises(UserError, match="no sentence-transformers model folder"):
        make_embedder(f"st:{tmp_path / 'missing'}")


def test_unknown_embedder_names_the_choices():
    with pytest.raises(UserError, match="'e5', 'use' or 'st:"):
        make_embedder("word2vec")
