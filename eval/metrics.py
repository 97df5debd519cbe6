"""Pure scoring functions of the eval suite: retrieval metrics, answer checks and aggregation. No I/O.

Retrieval metrics are our own rather than llama_index.core.evaluation.retrieval.metrics, because those
do not deduplicate the ranking, take no cut-off k, raise on empty inputs, and NDCG's ideal DCG runs over
all expected ids instead of min(len(relevant), k).
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Collection, Iterable, Sequence

import numpy as np
from pydantic import BaseModel

# --- retrieval ------------------------------------------------------------------------------------


def _top_k(ranked: Sequence[str], k: int) -> list[str]:
    """The first k distinct ids of the ranking (first occurrence wins)."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return list(dict.fromkeys(ranked))[:k]


def hit_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """1.0 if a relevant id is among the first k distinct ids, else 0.0."""
    return 1.0 if any(cid in relevant for cid in _top_k(ranked, k)) else 0.0


def mrr_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """1/rank of the first relevant id among the first k distinct ids (0.0 if none)."""
    for rank, cid in enumerate(_top_k(ranked, k), start=1):
        if cid in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Binary-relevance nDCG@k; the ideal ranking puts min(len(relevant), k) relevant ids on top."""
    relevant = set(relevant)
    dcg = sum(1.0 / math.log2(rank + 1) for rank, cid in enumerate(_top_k(ranked, k), start=1) if cid in relevant)
    idcg = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / idcg if idcg else 0.0


# --- answer checks --------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width chars


def normalise(text: str) -> str:
    """NFKC (NBSP -> space, ligatures -> letters), drop invisible chars, casefold, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return " ".join(text.split())


def matches_expected(text: str, expect_all: Iterable[str] = (), expect_any: Iterable[str] = ()) -> bool:
    """Every string of expect_all and (if given) at least one of expect_any occurs in text.

    Case-insensitive substring match after `normalise`; both lists empty -> True.
    """
    haystack = normalise(text)
    expect_any = [normalise(s) for s in expect_any]
    return all(normalise(s) in haystack for s in expect_all) and (
        not expect_any or any(s in haystack for s in expect_any)
    )


_SPACES = " \u00a0\u202f\u2007"  # space, no-break space, narrow no-break space, figure space
_NUMBER = re.compile(
    rf"(?<![0-9])[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?:,[0-9]+)?(?![0-9])"  # 28 741 / 1 000 000,5
    r"|[0-9]+(?:[.,][0-9]+)*"  # 576 / 2.500 / 2,5 / 1.3.2024
)
_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_SIMPLE_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")
_CITATION_MARKER = re.compile(r"\[\s*[0-9]+(?:\s*[,;]\s*[0-9]+)*\s*\]")  # [1], [1, 2]


def _canonical(token: str) -> str:
    if any(ch in _SPACES for ch in token):  # space-grouped thousands
        return re.sub(f"[{_SPACES}]", "", token)
    if _DOT_THOUSANDS.fullmatch(token):  # Dutch thousands dots: 2.500 -> 2500
        return token.replace(".", "")
    if _SIMPLE_DECIMAL.fullmatch(token):  # one separator: a decimal, comma is canonical: 2.5 -> 2,5
        return token.replace(".", ",")
    return token  # plain digits, or several separators (dates like 1.3.2024): as written


def numbers_in(text: str) -> set[str]:
    """The numbers written in digits in text, each in one canonical form.

    - Runs of digits joined by "." or "," are one number; digit groups of three separated by a
      (no-break) space after a group of 1-3 digits are one number: "28 741" -> {"28741"} (not its parts).
      Other digits separated by spaces or words are separate numbers: "1 maart 2024" -> {"1", "2024"},
      "in 2024 576 jongeren" -> {"2024", "576"}.
    - Thousands separators are dropped ("2.500", "2 500", "2500" -> "2500"); a single "." or "," between
      digits that is not a Dutch thousands group is a decimal, written with a comma ("2,5", "2.5" -> "2,5").
      So the English "2,500" reads as the Dutch decimal 2,500. Tokens with several separators of another
      shape (e.g. "1.3.2024") stay as written.
    - Signs, % and units are ignored ("-12%" -> "12"); numbers written in words ("zes") are not numbers.
    """
    return {_canonical(m.group()) for m in _NUMBER.finditer(text)}


def ungrounded_numbers(answer_text: str, quotes: Iterable[str]) -> set[str]:
    """Numbers of the answer that occur in none of the quotes; citation markers like [1] are skipped."""
    quoted = set().union(*(numbers_in(q) for q in quotes))
    return numbers_in(_CITATION_MARKER.sub(" ", answer_text)) - quoted


def grounded(answer_text: str, quotes: Iterable[str]) -> bool:
    """Every number in the answer occurs in at least one of the quotes (see numbers_in)."""
    return not ungrounded_numbers(answer_text, quotes)


# --- aggregation ----------------------------------------------------------------------------------


class CaseResult(BaseModel):
    """One eval case as it was run against one configuration."""

    id: str
    question: str
    lang: str = "nl"
    tags: list[str] = []
    answerable: bool = True
    history_used: bool = False
    expected_all: list[str] = []
    expected_any: list[str] = []
    expected_order: list[str] = []  # strings the first line must give in this order
    answer: str = ""
    answered: bool = False
    quotes: list[str] = []
    sections: list[str] = []  # the section heading each citation stands under (shown with it)
    retrieved_ids: list[str] = []
    relevant_ids: list[str] = []
    latency_ms: float = 0.0
    mode: str = ""
    doc: str | None = None  # the file name of the document that answers the case (EvalCase.doc, or the report's)
    cited_docs: list[str] = []  # the file name of each citation's document, in citation order
    cited_dates: list[str] = []  # how each cited document's dates are written: an answer may name them
    evidence: float | None = None  # Answer.evidence: the score compared with the answer threshold
    # whose threshold applied: "document" for a question about the documents it names, else the language the
    # assistant read it in ("nl" | "en")
    threshold_group: str = "nl"
    parts: int = 1  # questions the assistant split it into (answered part by part)


class Summary(BaseModel):
    """Aggregate scores of one configuration. A share whose denominator is empty is None (except refusal)."""

    n: int
    n_answerable: int
    n_answered: int
    accuracy: float | None
    citation_support: float | None
    grounding: float | None
    refusal_precision: float
    refusal_recall: float
    followup_accuracy: float | None
    direct_accuracy: float | None = None
    cited_own_document: float | None = None
    hit_at_1: float | None
    hit_at_5: float | None
    mrr_at_10: float | None
    ndcg_at_10: float | None
    latency_median_ms: float | None
    latency_p95_ms: float | None
    per_tag: dict[str, float] = {}
    per_tag_n: dict[str, int] = {}


class Failure(BaseModel):
    id: str
    question: str
    expected: str
    got: str
    reasons: list[str]


def in_order(text: str, items: Sequence[str]) -> bool:
    """The strings occur in ``text`` in this order (each after the previous one; normalised as matches_expected)."""
    haystack, at = normalise(text), 0
    for item in items:
        found = haystack.find(normalise(item), at)
        if found < 0:
            return False
        at = found + len(normalise(item))
    return True


def answer_matches(r: CaseResult) -> bool:
    """An answerable case was answered with text matching the expectation, and its first line (the short answer)
    gives the figures of ``expected_order`` in that order (where documents disagree: the newest first)."""
    return r.answered and matches_expected(r.answer, r.expected_all, r.expected_any) and (
        not r.expected_order or in_order(r.answer.split("\n", 1)[0], r.expected_order))


def is_correct(r: CaseResult) -> bool:
    """answer_matches for answerable cases; a refusal for unanswerable ones."""
    return answer_matches(r) if r.answerable else not r.answered


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def cited(r: CaseResult) -> bool:
    """Whether the expected strings occur in the citations: their quotes, and the section headings they are shown
    under (a list of numbered sub-sections is answered by their headings, each cited with its opening sentence)."""
    return matches_expected("\n".join(r.quotes + r.sections), r.expected_all, r.expected_any)


def cited_own(r: CaseResult) -> bool:
    """`cited`, and one of the citations comes from the case's own document (`doc`): a right answer quoted only from
    another document is not supported by its document."""
    return cited(r) and r.doc in r.cited_docs


def summarise(results: Sequence[CaseResult]) -> Summary:
    """Aggregate the scores of one configuration.

    accuracy: share of answerable cases with answer_matches. citation_support: share of answerable,
    answered cases whose expected strings occur in the cited passages (`cited`). grounding: share of answered
    cases where `grounded` holds. Refusal precision/recall treat "refused" (answered == False) as the
    positive class and "unanswerable" as the truth; 0/0 is 1.0 (no refusals -> nothing wrongly refused;
    no unanswerable cases -> nothing missed). direct_accuracy: share of answerable, answered `figure` cases
    whose first line (the short direct answer that leads) matches the expectation as `matches_expected` does
    (every `expected_all`, or one `expected_any`): a wrong figure up front
    counts against it even when a quote below holds the right one. cited_own_document: share of answerable,
    answered cases with a `doc` for which `cited_own` holds (None when no case has a `doc`). followup_accuracy and per_tag use `is_correct`, so a
    refused unanswerable case counts as correct there. Retrieval metrics are means over answerable
    cases with at least one relevant id. Latency p95 is numpy.percentile (linear interpolation);
    the median is statistics.median.
    """
    answerable = [r for r in results if r.answerable]
    answered = [r for r in results if r.answered]
    refused_unanswerable = sum(1 for r in results if not r.answered and not r.answerable)
    with_relevant = [r for r in answerable if r.relevant_ids]
    latencies = [r.latency_ms for r in results]

    def retrieval(metric, k: int) -> float | None:
        return _mean(metric(r.retrieved_ids, set(r.relevant_ids), k) for r in with_relevant)

    tags = sorted({t for r in results for t in r.tags})
    by_tag = {t: [r for r in results if t in r.tags] for t in tags}
    return Summary(
        n=len(results),
        n_answerable=len(answerable),
        n_answered=len(answered),
        accuracy=_mean(answer_matches(r) for r in answerable),
        citation_support=_mean(
            cited(r) for r in answerable if r.answered
        ),
        grounding=_mean(grounded(r.answer, [*r.quotes, *r.cited_dates]) for r in answered),
        refusal_precision=_ratio(refused_unanswerable, len(results) - len(answered)),
        refusal_recall=_ratio(refused_unanswerable, len(results) - len(answerable)),
        followup_accuracy=_mean(is_correct(r) for r in results if r.history_used),
        direct_accuracy=_mean(matches_expected(r.answer.split("\n", 1)[0], r.expected_all, r.expected_any)
                              for r in answerable if r.answered and "figure" in r.tags),
        cited_own_document=_mean(cited_own(r) for r in answerable if r.answered and r.doc),
        hit_at_1=retrieval(hit_at_k, 1),
        hit_at_5=retrieval(hit_at_k, 5),
        mrr_at_10=retrieval(mrr_at_k, 10),
        ndcg_at_10=retrieval(ndcg_at_k, 10),
        latency_median_ms=statistics.median(latencies) if latencies else None,
        latency_p95_ms=float(np.percentile(latencies, 95)) if latencies else None,
        per_tag={t: _mean(is_correct(r) for r in cases) for t, cases in by_tag.items()},
        per_tag_n={t: len(cases) for t, cases in by_tag.items()},
    )


def _expectation(r: CaseResult) -> str:
    if not r.answerable:
        return "refusal (not answerable)"
    parts = []
    if r.expected_all:
        parts.append("all of " + ", ".join(repr(s) for s in r.expected_all))
    if r.expected_any:
        parts.append("any of " + ", ".join(repr(s) for s in r.expected_any))
    return "; ".join(parts) or "an answer"


def failures(results: Sequence[CaseResult]) -> list[Failure]:
    """Cases that are not correct, or are answered with ungrounded numbers, unsupported citations or citations from
    other documents than the case's `doc` only."""
    out = []
    for r in results:
        reasons = []
        if r.answerable and not r.answered:
            reasons.append("not answered")
        elif r.answerable and not answer_matches(r):
            reasons.append("answer does not match")
        elif not r.answerable and r.answered:
            reasons.append("answered an unanswerable question")
        if r.answered and r.answerable and not cited(r):
            reasons.append("expected text not in cited quotes or their headings")
        elif r.answered and r.answerable and r.doc and r.doc not in r.cited_docs:
            reasons.append(f"cited only from other documents than its own ({r.doc})")
        if r.answered and (missing := ungrounded_numbers(r.answer, [*r.quotes, *r.cited_dates])):
            reasons.append("numbers not in quotes: " + ", ".join(sorted(missing)))
        if reasons:
            got = r.answer if r.answered else f"(refused) {r.answer}".strip()
            out.append(Failure(id=r.id, question=r.question, expected=_expectation(r), got=got, reasons=reasons))
    return out
