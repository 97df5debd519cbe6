"""The learned sentence ranker (assistant/ranker.py, eval/train_ranker.py): its features for real candidates of the
real report's index (tests/conftest.py `corpus_index`), training, the weights file, and answers with it on."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import answer as ex
from assistant.ranker import DEFAULT_FILE, NAMES, RELATIVE, Ranker, features
from eval.ranker_data import Sample, _Recording, collect
from eval.runner import DEFAULT_SET, load_cases
from eval.train_ranker import fit, top1

AJB = "Hoeveel jongeren zijn aangemeld voor AJB?"


def column(name: str) -> int:
    return NAMES.index(name)


@pytest.fixture(scope="module")
def ajb_candidates(corpus_index):
    assistant = _Recording(corpus_index)
    assistant.seen = []
    assistant.ask(AJB, suggest=False)
    assert len(assistant.seen) == 1
    return assistant.seen[0]


def test_features_of_real_candidates(ajb_candidates):
    q, cands, index = ajb_candidates
    x = features(q, cands, index)
    assert x.shape == (len(cands), len(NAMES)) and len(cands) > 10
    assert np.isfinite(x).all()
    for k, c in enumerate(cands):
        assert x[k, column("dense")] == pytest.approx(ex.dense_scale(c.dense))
        assert x[k, column("score")] == pytest.approx(c.score)
        assert x[k, column("fits")] == float(ex.fits(q, c))
        # the sentence's own words are a part of what its context gives
        assert x[k, column("lexical_own")] <= x[k, column("lexical")] + 1e-9
    for rel, base in RELATIVE.items():  # relative to the best: 0 at the best, below it elsewhere
        assert x[:, column(rel)].max() == pytest.approx(0.0)
        assert np.allclose(x[:, column(rel)], x[:, column(base)] - x[:, column(base)].max())
    answering = [k for k, c in enumerate(cands) if "576 jongeren" in c.text]
    assert answering and all(x[k, column("figure_exact")] == 1.0 for k in answering)
    assert x[:, column("kind_figure")].min() == 1.0 and x[:, column("lang_en")].max() == 0.0
    # positions: exactly one first sentence per retrieved paragraph
    blocks = {(c.chunk_id, c.block) for c in cands}
    assert x[:, column("block_first")].sum() == len(blocks)


def test_trained_on_some_cases_ranks_a_held_out_case(corpus_index):
    cases = [c for c in load_cases(DEFAULT_SET) if c.answerable and "figure" in c.tags and not c.history][:14]
    collected = collect(corpus_index, cases)
    samples = collected.samples
    assert len(samples) >= 8, collected.skipped
    held = next(s for s in samples if s.y.sum() and s.y[np.flatnonzero(s.eligible)].sum())
    ranker = fit([s for s in samples if s is not held])
    scores = ranker.scores(held.x)
    quotable = np.flatnonzero(held.eligible)
    assert held.y[quotable[np.argmax(scores[quotable])]] == 1.0  # a labelled positive first
    assert top1([s for s in samples if s is not held], ranker) >= 0.75


def synthetic(rng: np.random.Generator, n: int = 20) -> Sample:
    """A case where only one feature tells the positive candidate: it has the highest lexical_own."""
    x = rng.normal(size=(n, len(NAMES)))
    y = np.zeros(n)
    y[np.argmax(x[:, column("lexical_own")])] = 1.0
    return Sample(id="s", doc="d", lang="nl", x=x, y=y, fits=np.ones(n, dtype=bool))


def test_fit_learns_the_telling_feature():
    rng = np.random.default_rng(3)
    ranker = fit([synthetic(rng) for _ in range(200)], l2=0.1)
    w = np.abs(ranker.weights)
    assert np.argmax(w) == column("lexical_own") and ranker.weights[column("lexical_own")] > 0
    assert top1([synthetic(rng) for _ in range(40)], ranker) >= 0.9


def test_weights_file_round_trips(tmp_path):
    rng = np.random.default_rng(1)
    ranker = Ranker(features=list(NAMES), weights=list(rng.normal(size=len(NAMES))), bias=0.5,
                    mean=list(rng.normal(size=len(NAMES))), scale=list(rng.uniform(0.5, 2, size=len(NAMES))),
                    report={"cases": 3})
    again = Ranker.load(ranker.save(tmp_path / "r.json"))
    assert again.to_json() == ranker.to_json()
    x = rng.normal(size=(5, len(NAMES)))
    assert np.allclose(again.scores(x), ranker.scores(x))
    shipped = Ranker.load(DEFAULT_FILE)  # the committed weights load, with the features this code computes
    assert shipped.features == NAMES and shipped.report["cases"] > 100
    data = ranker.to_json() | {"features": NAMES[:-1], "weights": ranker.weights[:-1]}
    with pytest.raises(ValueError, match="train it again"):
        Ranker(**{k: data[k] for k in ("features", "weights", "bias", "mean", "scale")})


def test_answers_with_the_ranker_on(corpus_index):
    from assistant.service import Assistant

    on = Assistant(corpus_index.model_copy(update={"ranker": True}))
    assert on.ranker is not None and Assistant(corpus_index).ranker is None
    answer = on.ask(AJB, suggest=False)
    assert answer.answered and answer.lead and answer.lead.startswith("576 jongeren"), answer.answer
    assert "576" in answer.citations[0].quote
    recording = _Recording(on.settings)  # candidates come back in the ranker's order
    recording.seen = []
    recording.ask(AJB, suggest=False)
    q, cands, index = recording.seen[0]
    scores = recording.ranker.scores(features(q, cands, index))
    assert np.all(np.diff(scores) <= 1e-12) and not np.all(np.diff([c.score for c in cands]) <= 0)
    refused = on.ask("Hoeveel jongeren deden in Maastricht mee aan AJB?")
    assert not refused.answered, refused.answer
