"""Hand-computed cases for eval.metrics and smoke tests for eval.report."""

import math

import pytest

from eval.metrics import (
    CaseResult,
    failures,
    grounded,
    hit_at_k,
    matches_expected,
    mrr_at_k,
    ndcg_at_k,
    numbers_in,
    summarise,
)
from eval.report import format_table, write_chart, write_markdown

# --- retrieval ------------------------------------------------------------------------------------


def test_duplicates_are_removed_before_scoring():
    ranked, relevant = ["a", "a", "b"], {"b"}
    assert hit_at_k(ranked, relevant, 1) == 0.0
    assert hit_at_k(ranked, relevant, 2) == 1.0  # "b" is the 2nd distinct id
    assert mrr_at_k(ranked, relevant, 10) == pytest.approx(1 / 2)
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(1 / math.log2(3))


def test_more_relevant_items_than_k():
    ranked, relevant = ["a", "x", "b", "c"], {"a", "b", "c"}
    # top-2 = [a, x]: DCG = 1; ideal puts 2 (= k, not 3) relevant items on top: 1 + 1/log2(3)
    assert ndcg_at_k(ranked, relevant, 2) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert hit_at_k(ranked, relevant, 1) == 1.0
    assert mrr_at_k(ranked, relevant, 2) == 1.0
    # all three relevant within k=4: DCG = 1 + 1/log2(4) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4)
    expected = (1 + 1 / 2 + 1 / math.log2(5)) / (1 + 1 / math.log2(3) + 1 / 2)
    assert ndcg_at_k(ranked, relevant, 4) == pytest.approx(expected)


def test_perfect_and_missed_rankings():
    assert ndcg_at_k(["b", "a"], {"a", "b"}, 10) == pytest.approx(1.0)
    assert mrr_at_k(["x", "y", "a"], {"a"}, 2) == 0.0  # relevant id beyond k
    assert mrr_at_k(["x", "y", "a"], {"a"}, 3) == pytest.approx(1 / 3)


def test_empty_relevant_set_scores_zero():
    for metric in (hit_at_k, mrr_at_k, ndcg_at_k):
        assert metric(["a", "b"], set(), 10) == 0.0
        assert metric([], {"a"}, 10) == 0.0


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        hit_at_k(["a"], {"a"}, 0)


# --- answer checks --------------------------------------------------------------------------------


def test_matches_expected_is_case_and_whitespace_tolerant():
    text = "Er deden 576\u00a0jongeren mee in zes\n gemeenten."
    assert matches_expected(text, ["576 jongeren", "ZES GEMEENTEN"], [])
    assert matches_expected(text, [], ["Rotterdam", "zes gemeenten"])
    assert not matches_expected(text, ["576 jongeren"], ["Rotterdam", "Utrecht"])
    assert not matches_expected(text, ["577"], [])
    assert matches_expected("", [], [])


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("576 jongeren in zes gemeenten", {"576"}),
        ("op 1 maart 2024", {"1", "2024"}),
        ("28 741 meldingen", {"28741"}),
        ("28\u00a0741 meldingen", {"28741"}),
        ("in 2024 576 jongeren", {"2024", "576"}),
        ("€ 2.500 en 2500 en 2 500", {"2500"}),
        ("2,5 fte of 2.5 fte", {"2,5"}),
        ("-12% in 2023.", {"12", "2023"}),
        ("geen cijfers, wel zes woorden", set()),
    ],
)
def test_numbers_in(text, numbers):
    assert numbers_in(text) == numbers


def test_grounded_dutch():
    answer = "Er namen 576 jongeren in zes gemeenten deel [1]."
    assert grounded(answer, ["In totaal namen 576 jongeren deel.", "Zes gemeenten doen mee."])
    assert not grounded(answer, ["In zes gemeenten namen jongeren deel aan het programma."])
    assert grounded("Zes gemeenten doen mee [2].", ["Zes gemeenten doen mee."])  # [2] is a citation marker
    assert grounded("Het budget is 2.500 euro.", ["een budget van € 2 500"])


# --- aggregation ----------------------------------------------------------------------------------


def case(id, answerable=True, answered=True, answer="", question=None, **kw) -> CaseResult:
    question = question or f"vraag {id}?"
    return CaseResult(id=id, question=question, answerable=answerable, answered=answered, answer=answer, **kw)


def test_refusal_precision_and_recall():
    results = [
        case("a", answerable=True, answered=True),
        case("b", answerable=True, answered=False),  # wrongly refused
        case("c", answerable=True, answered=False),  # wrongly refused
        case("d", answerable=False, answered=False),  # rightly refused
        case("e", answerable=False, answered=False),  # rightly refused
        case("f", answerable=False, answered=True),  # should have refused
    ]
    s = summarise(results)
    assert s.refusal_precision == pytest.approx(2 / 4)
    assert s.refusal_recall == pytest.approx(2 / 3)


def test_refusal_zero_over_zero_is_one():
    s = summarise([case("a", answered=True)])
    assert s.refusal_precision == 1.0 and s.refusal_recall == 1.0


def test_summarise():
    quote = "In 2023 namen 576 jongeren deel in zes gemeenten."
    results = [
        case("ok", answer="576 jongeren [1]", expected_all=["576"], quotes=[quote], tags=["figure"],
             retrieved_ids=["x", "c1"], relevant_ids=["c1"], latency_ms=100),
        case("wrong", answer="600 jongeren", expected_all=["576"], quotes=[quote], tags=["figure"],
             retrieved_ids=["c2"], relevant_ids=["c2"], latency_ms=200),
        case("followup", answer="In zes gemeenten.", expected_any=["zes gemeenten"], quotes=[quote],
             history_used=True, tags=["followup"], latency_ms=300),
        case("refused", answerable=False, answered=False, tags=["unanswerable"], latency_ms=400),
    ]
    s = summarise(results)
    assert (s.n, s.n_answerable, s.n_answered) == (4, 3, 3)
    assert s.accuracy == pytest.approx(2 / 3)
    assert s.citation_support == pytest.approx(1.0)  # "576" is in the quote even though the answer is wrong
    assert s.grounding == pytest.approx(2 / 3)  # 600 is not in the quote
    assert s.followup_accuracy == 1.0
    assert s.direct_accuracy == pytest.approx(1 / 2)  # "600 jongeren" leads the wrong answer
    # retrieval over "ok" and "wrong" only (the others have no relevant ids)
    assert s.hit_at_1 == pytest.approx(0.5)
    assert s.hit_at_5 == 1.0
    assert s.mrr_at_10 == pytest.approx((1 / 2 + 1) / 2)
    assert s.ndcg_at_10 == pytest.approx((1 / math.log2(3) + 1) / 2)
    assert s.latency_median_ms == 250
    assert s.latency_p95_ms == pytest.approx(385)  # numpy linear: 300 + 0.85 * 100
    assert s.per_tag == {"followup": 1.0, "figure": 0.5, "unanswerable": 1.0}
    assert s.per_tag_n["figure"] == 2

    failed = failures(results)
    assert [f.id for f in failed] == ["wrong"]
    assert failed[0].got == "600 jongeren"
    assert "'576'" in failed[0].expected
    assert any("600" in reason for reason in failed[0].reasons)


def test_direct_accuracy_judges_the_first_line_of_figure_answers():
    quote = "In 2023 namen 576 jongeren deel in zes gemeenten."
    results = [
        case("lead", answer="576 jongeren [1]\n\n> “...576...” [1]", expected_all=["576"], quotes=[quote],
             tags=["figure"]),
        # right in the quote, wrong up front: accurate, but not as a direct answer
        case("buried", answer="zes gemeenten [1]\n\n> “In 2023 namen 576 jongeren deel” [1]", expected_all=["576"],
             quotes=[quote], tags=["figure"]),
        case("no-figure", answer="Volgens de documenten:\n\n> “576”", expected_all=["576"], tags=["example"]),
    ]
    s = summarise(results)
    assert s.accuracy == 1.0
    assert s.direct_accuracy == pytest.approx(1 / 2)


def test_empty_denominators_are_none():
    s = summarise([case("r", answerable=False, answered=False)])
    assert s.accuracy is None and s.grounding is None and s.hit_at_1 is None and s.followup_accuracy is None
    assert summarise([]).latency_median_ms is None


# --- report ---------------------------------------------------------------------------------------


def test_report_files(tmp_path):
    results = {
        "hybrid": [
            case("q1", answer="576 jongeren", expected_all=["576"], quotes=["576 jongeren"], tags=["onderwijs"]),
            case("q2", question="Hoeveel gemeenten doen mee aan Preventie met Gezag?", answer="twaalf",
                 expected_all=["zes"], tags=["algemeen", "figure"]),
        ],
        "bm25": [case("q1", answered=False, expected_all=["576"], tags=["onderwijs"], answer="x" * 1000)],
    }
    summaries = {name: summarise(cases) for name, cases in results.items()}

    md = write_markdown(tmp_path / "out" / "report.md", summaries, results, title="PmG eval")
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# PmG eval")
    assert "Hoeveel gemeenten doen mee aan Preventie met Gezag?" in text
    assert "| accuracy | 0.500 | 0.000 |" in text
    assert "x" * 300 not in text  # answers are truncated

    png = write_chart(tmp_path / "chart.png", summaries, results)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    table = format_table(summaries)
    assert table.splitlines()[0].split() == ["metric", "hybrid", "bm25"]
    assert len({len(line) for line in table.splitlines()}) == 1  # aligned


def test_citation_support_counts_the_heading_a_citation_is_shown_under():
    """A list of numbered sub-sections is answered by their headings; each citation quotes the sub-section's
    opening sentence and is shown under its heading."""
    heading_only = case("niveaus", answer="Positieve ondersteuning [2]", expected_all=["Positieve ondersteuning"],
                        quotes=["Kinderen hebben een goed voorbeeld nodig."], sections=["1. Positieve ondersteuning"])
    nowhere = heading_only.model_copy(update={"sections": ["Persoonlijke ontwikkeling"]})
    assert summarise([heading_only]).citation_support == 1.0
    assert summarise([nowhere]).citation_support == 0.0
    assert failures([nowhere])[0].reasons == ["expected text not in cited quotes or their headings"]
