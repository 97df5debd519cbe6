"""A learned sentence ranker: a feature vector per candidate sentence and a logistic model fitted on eval cases.

The hand score (assistant/answer.py `score_candidates`) combines its signals with constants tuned on one document.
Here the same signals are kept apart, one column each (`FEATURES`), and a linear model fitted on the eval sets
(eval/train_ranker.py) weighs them. With the setting ``ranker`` on, the candidates are ordered by the model's
score; the hand score still decides refusal and the relative cut-offs (assistant/compose.py), so the ranker
changes which sentence is quoted, never whether one is.

Only numpy at run time: the weights are a JSON file (assistant/data/ranker.json), the features standardised with
the training set's mean and scale.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant import answer as ex
from assistant import matching
from assistant.context import is_field_line
from assistant.keyword import KeywordIndex, terms
from assistant.question import Question
from assistant.shapes import has_shape

DEFAULT_FILE = Path(__file__).with_name("data") / "ranker.json"

# (name, what it is): one line each. "_rel": the value minus its maximum over the question's candidates (how far
# below the best candidate of this question it lies). A feature constant over one question's candidates (the
# question's kind, shape, language) shifts them all alike: it orders nothing by itself, only through the
# products with it (``*_en``, ``*_figure``).
FEATURES: list[tuple[str, str]] = [
    ("dense", "dense_scale(cosine of the question and the sentence vector), 0..1"),
    ("dense_rel", "dense minus the best dense of the question's candidates"),
    ("lexical", "IDF-weighted share of the question's terms in the sentence, its title, heading and paragraph names"),
    ("lexical_rel", "lexical minus the best lexical"),
    ("lexical_own", "IDF-weighted share of the question's terms the sentence's own words give as they stand"),
    ("lexical_own_rel", "lexical_own minus the best lexical_own"),
    ("retrieval", "the chunk's fused retrieval score over the best chunk's, 0..1"),
    ("top_chunk", "1 when the sentence stands in the best retrieved chunk"),
    ("topical", "the hand score before its answer-shape factors"),
    ("topical_rel", "topical minus the best topical"),
    ("score", "the hand score (shape, figure, total and field-line factors applied)"),
    ("score_rel", "score minus the best hand score"),
    ("figure_fit", "answer.figure_fit for a how-many question (0.45 no figure .. 1 the counted thing), else 1"),
    ("figure_exact", "a how-many question and a number in the sentence followed by what it counts"),
    ("has_number", "the sentence holds a number (digits or a number word)"),
    ("has_shape", "the sentence has what the question's shape asks (a date, an amount ...); 1 when it asks none"),
    ("shape_in_block", "its paragraph has that shape"),
    ("fits", "answer.fits: the names the question insists on stand around it, at the time asked about"),
    ("names_in_sentence", "none of the question's names is missing from the sentence itself"),
    ("total_match", "a total asked for and given ('in totaal'), or neither"),
    ("total_unasked", "a total given where none was asked for"),
    ("anaphora", "the sentence starts by pointing back ('Deze', 'Dit', 'Ook ...')"),
    ("addition", "the sentence starts another point ('Daarnaast', 'Verder')"),
    ("field_line", "a dateline, letterhead field or reference line"),
    ("block_first", "the first retrieved sentence of its paragraph or bullet"),
    ("block_pos", "its place among its paragraph's retrieved sentences, 0, 1, ... (at most 5) over 5"),
    ("chunk_pos", "its place among its chunk's retrieved sentences (at most 10) over 10"),
    ("has_next", "the following sentence of its paragraph is retrieved too (a quote may take it along)"),
    ("length", "log of the sentence's length in characters, over log(400)"),
    ("lexical_en", "lexical for an English question (cross-lingual: its words meet few Dutch ones), else 0"),
    ("dense_en", "dense for an English question, else 0"),
    ("lexical_figure", "lexical for a how-many question, else 0"),
    ("lang_en", "the question is English"),
    ("kind_figure", "the question asks how many"),
    ("kind_list", "the question asks for a list"),
    ("has_shape_asked", "the question asks for a shape (a date, an amount, a person ...)"),
]
NAMES = [name for name, _ in FEATURES]
RELATIVE = {"dense_rel": "dense", "lexical_rel": "lexical", "lexical_own_rel": "lexical_own",
            "topical_rel": "topical", "score_rel": "score"}


def features(q: Question, cands: Sequence[ex.Candidate], index: KeywordIndex) -> np.ndarray:
    """One row per candidate (in the order given), one column per `FEATURES` entry."""
    if not cands:
        return np.zeros((0, len(FEATURES)))
    wants_total = bool(ex.TOTAL_ASKED.search(q.text))
    figure = q.kind == "figure"
    en = q.lang == "en"
    # places in paragraph and chunk, counted in document order
    block_pos: dict[int, int] = {}
    chunk_pos: dict[int, int] = {}
    seen_block: dict[tuple[str, str], int] = {}
    seen_chunk: dict[str, int] = {}
    for c in sorted(cands, key=lambda c: (c.chunk_id, c.start)):
        key = (c.chunk_id, c.block)
        block_pos[id(c)] = seen_block.get(key, 0)
        seen_block[key] = block_pos[id(c)] + 1
        chunk_pos[id(c)] = seen_chunk.get(c.chunk_id, 0)
        seen_chunk[c.chunk_id] = chunk_pos[id(c)] + 1
    top_retrieval = max(c.retrieval for c in cands)
    weight = {t: index.term_weight(t) for t in q.query_terms}
    total = sum(weight.values()) or 1.0
    rows = []
    for c in cands:
        mentions = ex.number_mentions(q, c.text) if figure else []
        dense = ex.dense_scale(c.dense)
        total_given = bool(ex.TOTAL_GIVEN.search(c.text))
        own = set(terms(c.text))  # no title, heading or paragraph, no other forms (matching.coverage's are slow)
        f = {
            "dense": dense,
            "lexical": c.lexical,
            "lexical_own": sum(w for t, w in weight.items() if t in own) / total,
            "retrieval": c.retrieval,
            "top_chunk": float(c.retrieval >= top_retrieval),
            "topical": c.topical,
            "score": c.score,
            "figure_fit": ex.figure_fit(q, c.text) if figure else 1.0,
            "figure_exact": float(any(m.exact for m in mentions)),
            "has_number": float(bool(ex.NUMBER.search(c.text))),
            "has_shape": float(has_shape(q, c.text)),
            "shape_in_block": float(has_shape(q, c.block)),
            "fits": float(ex.fits(q, c)),
            "names_in_sentence": float(not matching.missing_names(q, c.text)),
            "total_match": float(wants_total == total_given),
            "total_unasked": float(total_given and not wants_total),
            "anaphora": float(bool(ex.ANAPHORA.match(c.text))),
            "addition": float(bool(ex.ADDITION.match(c.text))),
            "field_line": float(is_field_line(c.text)),
            "block_first": float(block_pos[id(c)] == 0),
            "block_pos": min(block_pos[id(c)], 5) / 5,
            "chunk_pos": min(chunk_pos[id(c)], 10) / 10,
            "has_next": float(c.next is not None),
            "length": math.log(max(len(c.text), 1)) / math.log(400),
            "lexical_en": c.lexical if en else 0.0,
            "dense_en": dense if en else 0.0,
            "lexical_figure": c.lexical if figure else 0.0,
            "lang_en": float(en),
            "kind_figure": float(figure),
            "kind_list": float(q.kind == "list"),
            "has_shape_asked": float(bool(q.shape)),
        }
        rows.append(f)
    for rel, base in RELATIVE.items():
        best = max(r[base] for r in rows)
        for r in rows:
            r[rel] = r[base] - best
    return np.array([[r[name] for name in NAMES] for r in rows], dtype=float)


@dataclass
class Ranker:
    """A linear model over standardised features: score = bias + sum(weight * (x - mean) / scale)."""

    features: list[str]
    weights: list[float]
    bias: float = 0.0
    mean: list[float] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)
    report: dict = field(default_factory=dict)  # how it was trained (cases, positives, accuracy)

    def __post_init__(self) -> None:
        if self.features != NAMES:
            missing = sorted(set(NAMES) - set(self.features))
            extra = sorted(set(self.features) - set(NAMES))
            raise ValueError(f"ranker file's features differ from assistant/ranker.py FEATURES (missing {missing}, "
                             f"unknown {extra}): train it again (python -m eval.train_ranker)")
        n = len(self.features)
        self.mean = self.mean or [0.0] * n
        self.scale = self.scale or [1.0] * n
        self._w = np.array(self.weights) / np.array(self.scale)
        self._b = self.bias - float(np.dot(self._w, self.mean))

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The model's score (log-odds of being an answering sentence) of each row of a feature matrix."""
        return x @ self._w + self._b

    def order(self, q: Question, cands: Sequence[ex.Candidate], index: KeywordIndex) -> list[ex.Candidate]:
        """The candidates best first by the model (between equal scores, by the hand score)."""
        s = self.scores(features(q, cands, index))
        ranked = sorted(range(len(cands)), key=lambda i: (-s[i], -cands[i].score))
        return [cands[i] for i in ranked]

    def to_json(self) -> dict:
        return {"features": self.features, "weights": self.weights, "bias": self.bias, "mean": self.mean,
                "scale": self.scale, "report": self.report}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path | None = None) -> Ranker:
        data = json.loads(Path(path or DEFAULT_FILE).read_text(encoding="utf-8"))
        return cls(features=data["features"], weights=[float(w) for w in data["weights"]],
                   bias=float(data.get("bias", 0.0)), mean=data.get("mean") or [], scale=data.get("scale") or [],
                   report=data.get("report") or {})
